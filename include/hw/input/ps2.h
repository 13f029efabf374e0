/*
 * ps2.h — a PS/2 keyboard and a PS/2 mouse as their controller sees them:
 * bytes from the host go in (ps2_kbd_write / ps2_mouse_write), bytes for
 * the host wait in a queue per device that the controller drains when its
 * output buffer is free (ps2_queue_pop), and `notify` says a byte arrived.
 * The i8042 (i8042.c) is the controller on the PC; another board's PS/2
 * controller can reuse these.
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include "exec/timer.h"

#include <stdbool.h>
#include <stdint.h>

#define PS2_KBD_QUEUE 16            /* the keyboard's buffer (IBM's PS/2 keyboard: 16 bytes) */
#define PS2_MOUSE_QUEUE 256

typedef struct PS2Queue {
    uint8_t data[PS2_MOUSE_QUEUE];
    unsigned head, count, size;
} PS2Queue;

typedef void PS2Notify(void *opaque);

typedef struct PS2Kbd {
    PS2Queue q;
    PS2Notify *notify;
    void *opaque;
    uint8_t pending_cmd;            /* a command waiting for its argument byte (0: none) */
    uint8_t last_sent;              /* for 0xfe (resend) */
    bool scanning;                  /* 0xf4 / 0xf5 */
    int scancode_set;               /* 1, 2 or 3 */
    uint8_t leds;
    uint8_t typematic;              /* 0xf3's byte: rate bits 4..0, delay bits 6..5 */
    int repeat_key;                 /* the key being repeated, -1 none */
    Timer *repeat_timer;
} PS2Kbd;

typedef struct PS2Mouse {
    PS2Queue q;
    PS2Notify *notify;
    void *opaque;
    uint8_t pending_cmd;
    uint8_t last_sent;
    bool reporting;                 /* 0xf4 / 0xf5 */
    bool remote;                    /* remote (0xf0) rather than stream (0xea) mode */
    bool wrap;                      /* echo mode (0xee until 0xec) */
    bool scaling_2to1;
    uint8_t resolution;             /* 0..3: 1, 2, 4, 8 counts/mm */
    uint8_t sample_rate;
    uint8_t id;                     /* 0, or 3 after the IntelliMouse knock (rates 200, 100, 80) */
    uint8_t rate_history[3];        /* the last sample rates set, newest last */
    int dx, dy, dz;                 /* motion not yet reported (remote mode) */
    int buttons;
} PS2Mouse;

/* The next byte for the host, false when the device has none. */
bool ps2_queue_pop(PS2Queue *q, uint8_t *byte);
bool ps2_queue_empty(const PS2Queue *q);

void ps2_kbd_init(PS2Kbd *k, PS2Notify *notify, void *opaque);
void ps2_kbd_reset(PS2Kbd *k);
/* A byte from the host (a command or a command's argument). */
void ps2_kbd_write(PS2Kbd *k, uint8_t byte);
/* A key event: key is the set 1 make code, | 0x100 for 0xe0-prefixed keys. */
void ps2_kbd_key(PS2Kbd *k, int key, bool down);
/* Keys whose codes are sequences: Print Screen (0xe0 0x37 in set 1) and Pause (its 0xe1 sequence). */
#define PS2_KEY_PRINT 0x137
#define PS2_KEY_PAUSE 0x145

/* The key (as ps2_kbd_key takes it) the monitor's sendkey calls name ("ctrl", "a", "f1"), or -1. */
int ps2_key_by_name(const char *name);
/* The set 1 code of a set 2 byte (the 8042's translation), or -1 for a byte no key sends. */
int ps2_set2_to_set1(uint8_t set2);

void ps2_mouse_init(PS2Mouse *m, PS2Notify *notify, void *opaque);
void ps2_mouse_reset(PS2Mouse *m);
void ps2_mouse_write(PS2Mouse *m, uint8_t byte);
void ps2_mouse_move(PS2Mouse *m, int dx, int dy, int dz, int buttons);
/* A byte put in the mouse's queue as if it had sent it (the i8042's 0xd3). */
void ps2_mouse_fake_byte(PS2Mouse *m, uint8_t byte);

#endif
