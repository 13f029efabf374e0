/*
 * internals.h — what the gdbstub's files share: the packet layer
 * (packet.c), the protocol core (gdbstub.c) and the contract between the
 * core and the two modes (user.c, system.c).
 *
 * Data path:
 *
 *     socket bytes ─► GDBPacketReader ─► gdb_handle_bytes ─► command table ─► GDBModeOps
 *                     ($..#xx, acks,      (core; the mode's    (g, m, Z0,       (memory,
 *                      Ctrl-C)             lock held)           vCont ...)       threads, resume)
 *     target stops  ─► mode ─► gdb_report_stop ─► "T05thread:..;" ─► GDBModeOps.send
 *
 * The core never blocks and never touches a socket: the mode feeds it bytes
 * and gives it a send function, so the unit tests drive it with buffers.
 */
#ifndef GDBSTUB_INTERNALS_H
#define GDBSTUB_INTERNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "gdbstub/gdbstub.h"

/* ---- packets (packet.c) --------------------------------------------------- */

/* The largest packet body we accept and announce (qSupported PacketSize, hex). */
#define GDB_MAX_PACKET 0x4000

typedef enum GDBRxEvent {
    GDB_RX_NONE,                   /* byte consumed, nothing complete yet */
    GDB_RX_PACKET,                 /* a packet with a good checksum: data/len valid */
    GDB_RX_BAD_CHECKSUM,           /* a packet whose checksum did not match (answer '-') */
    GDB_RX_TOO_LONG,               /* a packet longer than GDB_MAX_PACKET (answer with E..) */
    GDB_RX_INTERRUPT,              /* Ctrl-C (0x03) outside a packet */
    GDB_RX_ACK,                    /* '+' */
    GDB_RX_NAK,                    /* '-': resend the last packet */
} GDBRxEvent;

typedef struct GDBPacketReader {
    int state;                     /* where in "$data#xx" we are (packet.c) */
    char data[GDB_MAX_PACKET + 1]; /* the body, NUL-terminated once complete */
    size_t len;
    uint8_t sum;                   /* running checksum of the body */
    uint8_t csum;                  /* the checksum digits read so far */
    bool overflow;                 /* the body did not fit */
} GDBPacketReader;

void gdb_reader_init(GDBPacketReader *r);
/* Feed one byte; returns what it completed. */
GDBRxEvent gdb_reader_feed(GDBPacketReader *r, uint8_t byte);

/* "$<escaped data>#xx" for data (binary-safe: '#', '$', '}' and '*' are escaped). */
void gdb_frame_packet(GString *out, const void *data, size_t len);

/* Hex helpers: -1 for a bad digit. */
int gdb_hexval(char c);
/* Append len bytes as lower-case hex. */
void gdb_append_hex(GString *out, const void *buf, size_t len);
/* Decode 2 * n hex digits of s into out; false on a bad digit. */
bool gdb_hex_decode(const char *s, size_t n, uint8_t *out);
/*
 * Parse a hex number at *p (at least one digit, at most 64 bits), advancing
 * *p past it; false when there is none or it overflows.
 */
bool gdb_parse_hex(const char **p, uint64_t *v);
/* Undo the '}' escapes of binary data (X packets) in place; the new length. */
size_t gdb_unescape(char *buf, size_t len);

/* ---- the register layout (xml.c) ------------------------------------------ */

/*
 * The GDB register numbers the target XML of cpu describes, in increasing
 * order (what the 'g' packet carries); NULL when cpu has no XML.  Cached per
 * XML text.
 */
const GArray *gdb_xml_regnums(CPUState *cpu);

/* ---- the core (gdbstub.c) ------------------------------------------------- */

typedef struct GDBState GDBState;

/* What a resume command asked of one thread. */
typedef enum GDBAction {
    GDB_ACTION_STOP,               /* stay stopped */
    GDB_ACTION_CONT,               /* run */
    GDB_ACTION_STEP,               /* run one instruction, then report */
} GDBAction;

/* Watchpoint kinds, as in Z2/Z3/Z4. */
enum {
    GDB_WATCH_WRITE = 2,
    GDB_WATCH_READ = 3,
    GDB_WATCH_ACCESS = 4,
};

typedef struct GDBWatchpoint {
    int type;                      /* GDB_WATCH_* */
    uint64_t addr, len;
    uint8_t old[8];                /* last value seen (write watchpoints by comparison) */
} GDBWatchpoint;

/* The mode's side: how the core reaches the guest and the wire. */
typedef struct GDBModeOps {
    /* write bytes to gdb (the mode's lock held) */
    void (*send)(GDBState *s, const void *buf, size_t len);
    /* read or write guest virtual memory as cpu sees it; false when not all accessible */
    bool (*memory_rw)(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len, bool write);
    /* the thread id gdb sees for cpu (>= 1) */
    int (*thread_id)(CPUState *cpu);
    /* the CPU of a live thread id, NULL when there is none */
    CPUState *(*thread_cpu)(int tid);
    /* every live thread's CPU, in thread order, into cpus */
    void (*list_threads)(GPtrArray *cpus);
    /* carry out the resume actions the core recorded (gdb_resume_action) */
    void (*resume)(GDBState *s);
    /* gdb sent Ctrl-C while the guest runs: stop it and report (SIGINT) */
    void (*interrupt)(GDBState *s);
    /* k / vKill: end the guest */
    void (*kill)(GDBState *s);
    /* D: gdb leaves; breakpoints are gone, the guest runs on */
    void (*detach)(GDBState *s);
    /* qRcmd: run a monitor command, its output (g_free); NULL: unsupported */
    char *(*monitor_command)(GDBState *s, const char *cmd);
    /* qXfer:auxv:read: the auxiliary vector (g_bytes_unref); NULL: unsupported */
    GBytes *(*auxv)(GDBState *s);
    /* qXfer:exec-file:read: the executable's path (g_free); NULL: unsupported */
    char *(*exec_file)(GDBState *s);
    /* whether watchpoints of this kind can be set (NULL: none can) */
    bool (*watch_supported)(GDBState *s, int type);
    /* the watchpoint list changed (NULL: nothing to do) */
    void (*watch_changed)(GDBState *s);
    /* qAttached: true when gdb attached to a running system, false for a process we started */
    bool attached_existing;
} GDBModeOps;

#define GDB_MAX_WATCH 8
#define GDB_MAX_ACTIONS 16

struct GDBState {
    const GDBModeOps *mode;
    void *opaque;                  /* the mode's */
    GDBPacketReader rx;
    GString *last;                 /* the last packet sent, for a NAK */
    bool no_ack;                   /* QStartNoAckMode accepted */
    bool running;                  /* resumed: a stop reply is owed */
    bool detached;                 /* D or k: the session is over */
    int stop_signal;               /* the signal of the last stop (for '?') */
    CPUState *stop_cpu;            /* the thread of the last stop */
    CPUState *g_cpu;               /* Hg: registers and memory */
    CPUState *c_cpu;               /* Hc: the thread of c/s */
    /* the last resume command: per-thread actions, then the default */
    struct { int tid; GDBAction action; int sig; } actions[GDB_MAX_ACTIONS];
    int n_actions;
    GDBAction default_action;
    int default_sig;
    GDBWatchpoint watch[GDB_MAX_WATCH];
    int n_watch;
    GArray *breakpoints;           /* uint64_t pcs inserted with Z0/Z1 */
};

void gdb_state_init(GDBState *s, const GDBModeOps *mode, void *opaque);
void gdb_state_destroy(GDBState *s);
/* Bytes from gdb: packets are answered through mode->send. */
void gdb_handle_bytes(GDBState *s, const uint8_t *buf, size_t len);
/* Send one reply packet (framed); kept for a resend. */
void gdb_send_packet(GDBState *s, const char *data, size_t len);
void gdb_send_str(GDBState *s, const char *str);
/*
 * The guest stopped: cpu's thread with signal sig (target number, 5 for a
 * breakpoint or step); watch (may be NULL) names a triggered watchpoint.
 * Sends the stop reply when one is owed.
 */
void gdb_report_stop(GDBState *s, CPUState *cpu, int sig, const GDBWatchpoint *watch);
/* The guest ended: "W<status>" or "X<sig>" when a reply is owed or not. */
void gdb_report_exit(GDBState *s, bool killed, int code);
/* What the last resume command asked of cpu; *sig the signal to deliver (0: none). */
GDBAction gdb_resume_action(GDBState *s, CPUState *cpu, int *sig);
/* Insert the breakpoints gdb set into a CPU that appeared later (a new thread). */
void gdb_apply_breakpoints(GDBState *s, CPUState *cpu);
/* The first write watchpoint whose bytes changed (refreshing the copies); NULL: none. */
const GDBWatchpoint *gdb_watch_check_writes(GDBState *s, CPUState *cpu);

#endif
