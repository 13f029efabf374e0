/*
 * char.h — character devices: byte streams between a frontend (a serial
 * port, the monitor) and a host backend (stdio, file, pipe, pty, null,
 * TCP/unix sockets, or a mux sharing one backend between frontends).
 *
 * Backends are named by -chardev BACKEND,id=ID,opts and looked up by id;
 * -serial/-monitor/-qmp accept the short forms (stdio, null, none, file:P,
 * pipe:P, pty, tcp:H:P[,server=on,wait=off], unix:P[,...], mon:stdio,
 * chardev:ID).  Input is delivered on the main loop with the BQL held, never
 * more than the frontend's can_read() allows; a frontend that refused input
 * calls chr_fe_accept_input() when it can take more.
 *
 *     chr_fe_init(&s->fe, chr);
 *     chr_fe_set_handlers(&s->fe, uart_can_rx, uart_rx, uart_event, s);
 *     chr_fe_write_all(&s->fe, &byte, 1);
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/option.h"

typedef struct Error Error;
typedef struct Chardev Chardev;
typedef struct CharFrontend CharFrontend;

typedef enum ChrEvent {
    CHR_EVENT_OPENED,              /* a peer connected (sockets) or the device opened */
    CHR_EVENT_CLOSED,              /* the peer went away */
    CHR_EVENT_MUX_IN,              /* this frontend got the mux focus */
    CHR_EVENT_MUX_OUT,             /* it lost the focus */
} ChrEvent;

typedef int ChrCanReadHandler(void *opaque);
typedef void ChrReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void ChrEventHandler(void *opaque, ChrEvent event);
typedef void ChardevHangup(Chardev *chr);

/* A backend: one const table per kind, listed in char.c's registry. */
typedef struct ChardevOps {
    /* the -chardev backend name */
    const char *name;
    /* one line for -chardev help */
    const char *help;
    /* bytes of backend state allocated in chr->state */
    size_t state_size;
    /* open from the options (id is set); true on success; may block (server,wait=on) */
    bool (*open)(Chardev *chr, KeyValList *opts, Error **errp);
    /* write up to len bytes; the count taken, or -1 when there is no peer (dropped) */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* the frontend can take input again; NULL: the generic fd reader is used */
    void (*accept_input)(Chardev *chr);
    /* a frontend attached (the mux uses it to add one); may be NULL */
    void (*fe_attached)(Chardev *chr, CharFrontend *fe);
    /* release everything; may be NULL */
    void (*close)(Chardev *chr);
} ChardevOps;

struct CharFrontend {
    Chardev *chr;
    ChrCanReadHandler *can_read;
    ChrReadHandler *read;
    ChrEventHandler *event;
    void *opaque;
    int mux_index;                 /* index on a mux, -1 otherwise */
};

struct Chardev {
    char *id;
    const ChardevOps *ops;
    void *state;                   /* ops->state_size bytes */
    CharFrontend *fe;              /* the attached frontend (a mux keeps its own list) */
    bool connected;                /* a peer is there (always for non-sockets) */
    bool is_tty;                   /* a terminal: no local echo, so the monitor echoes */
    /* the generic fd layer (char.c): -1 when unused */
    int fd_in, fd_out;
    bool reading;                  /* fd_in is being watched */
    ChardevHangup *hangup;         /* the fd reader saw EOF (sockets: the peer left); may be NULL */
    Chardev *next;
};

/* ---- creating ------------------------------------------------------------- */

/* -chardev BACKEND,id=ID,... ("help" lists backends; *printed_help then set). */
Chardev *chardev_new_from_opts(const char *optarg, bool *printed_help, Error **errp);
/* The short forms of -serial/-monitor/-qmp; id is used for the new chardev. */
Chardev *chardev_new_from_legacy(const char *spec, const char *id, Error **errp);
Chardev *chardev_find(const char *id);
void chardev_print_backends(FILE *out);
/* Close every chardev (exit path: terminal restore etc.). */
void chardev_close_all(void);
/* A one-line description ("pty:/dev/pts/3", "socket:...") for `info chardev`. */
char *chardev_info_string(void);

/* ---- frontends ------------------------------------------------------------ */

bool chr_fe_init(CharFrontend *fe, Chardev *chr, Error **errp);
void chr_fe_set_handlers(CharFrontend *fe, ChrCanReadHandler *can_read, ChrReadHandler *read,
                         ChrEventHandler *event, void *opaque);
/* Write everything (waits for a slow peer); bytes for an absent peer are dropped. */
int chr_fe_write_all(CharFrontend *fe, const uint8_t *buf, int len);
int chr_fe_printf(CharFrontend *fe, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void chr_fe_accept_input(CharFrontend *fe);
bool chr_fe_backend_connected(const CharFrontend *fe);

/* ---- for backends --------------------------------------------------------- */

/* Deliver input to the frontend (at most its can_read). Returns bytes taken. */
int chardev_deliver(Chardev *chr, const uint8_t *buf, int len);
int chardev_can_read(Chardev *chr);
void chardev_event(Chardev *chr, ChrEvent ev);
/* Use fds for I/O: reads are watched on the main loop; either may be -1. */
void chardev_fd_attach(Chardev *chr, int fd_in, int fd_out);
void chardev_fd_detach(Chardev *chr);
/* Write all of buf to fd (blocking on EAGAIN); -1 on error. */
int chardev_fd_write(int fd, const uint8_t *buf, int len);

extern const ChardevOps chardev_null_ops, chardev_file_ops, chardev_pipe_ops,
    chardev_stdio_ops, chardev_pty_ops, chardev_socket_ops, chardev_mux_ops;

/* The mux's frontends: the monitor asks for focus when started (-nographic). */
void chardev_mux_set_focus(Chardev *mux, int index);
bool chardev_is_mux(const Chardev *chr);
/* Whether fe has the focus of its mux (true when fe is not on a mux). */
bool chardev_mux_fe_focused(const CharFrontend *fe);
/* Hook for Ctrl-A x (quit) and Ctrl-A s; set by vl.c. */
extern void (*chardev_mux_quit_hook)(void);

#endif
