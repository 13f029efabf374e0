/*
 * ps2.c — the PS/2 keyboard and mouse protocols (include/hw/input/ps2.h),
 * independent of the controller that carries them.
 *
 * Keyboard (IBM PS/2 keyboard technical reference): 0xff reset (ACK, BAT
 * 0xaa), 0xfe resend, 0xf6 defaults, 0xf5 disable (and defaults), 0xf4
 * enable, 0xf3 typematic rate/delay, 0xf2 identify (ACK 0xab 0x83), 0xf0
 * scancode set (0 asks, 1..3 select), 0xee echo, 0xed LEDs, the set 3 key
 * type commands 0xf7..0xfd acknowledged; anything else answers 0xfe.  Keys
 * are sent in set 1 or set 2 (set 3 is answered, its codes are set 2's);
 * a held key repeats its make code after the typematic delay at the rate,
 * on the virtual clock.  A full buffer gets the overrun code (0x00 in set
 * 2, 0xff in set 1) instead of a sequence that does not fit.
 *
 * Mouse: 0xff reset (ACK 0xaa 0x00), 0xfe resend, 0xf6 defaults, 0xf5/0xf4
 * reporting off/on, 0xf3 sample rate, 0xf2 id (0, or 3 after the
 * IntelliMouse rates 200, 100, 80: then 4-byte packets with the wheel),
 * 0xf0 remote mode, 0xee/0xec wrap mode on/off, 0xeb read data, 0xea stream
 * mode, 0xe9 status (3 bytes), 0xe8 resolution, 0xe7/0xe6 scaling 2:1 / 1:1.
 * Motion larger than a packet carries is split over several packets; in
 * remote mode it accumulates until 0xeb; stream mode with reporting off
 * drops it.  The mode commands and 0xf4 reset the movement counters.
 *
 * The key table below is the single source of truth for scancodes: set 1
 * and set 2 codes of each key; the 8042's set 2 to set 1 translation is its
 * inverse.  Print Screen and Pause send their multi-code sequences and do
 * not repeat.  Not modelled: set 3 codes, keyboard LEDs anywhere but in the
 * state, Print Screen's variants with Shift/Ctrl/Alt held.
 */
#include "hw/input/ps2.h"
#include "hw/input/i8042.h"

#include <string.h>

#include <glib.h>

enum {
    PS2_ACK = 0xfa,
    PS2_RESEND = 0xfe,
    PS2_BAT_OK = 0xaa,
    PS2_ECHO = 0xee,
    PS2_SET2_BREAK = 0xf0,
    PS2_E0 = 0xe0,
    /* keyboard commands */
    KBD_CMD_SET_LEDS = 0xed,
    KBD_CMD_ECHO = 0xee,
    KBD_CMD_SCANCODE = 0xf0,
    KBD_CMD_IDENTIFY = 0xf2,
    KBD_CMD_TYPEMATIC = 0xf3,
    KBD_CMD_ENABLE = 0xf4,
    KBD_CMD_DISABLE = 0xf5,
    KBD_CMD_DEFAULTS = 0xf6,
    KBD_CMD_SET3_FIRST = 0xf7,
    KBD_CMD_SET3_LAST = 0xfd,
    KBD_CMD_RESEND = 0xfe,
    KBD_CMD_RESET = 0xff,
    /* mouse commands */
    MOUSE_CMD_SCALE11 = 0xe6,
    MOUSE_CMD_SCALE21 = 0xe7,
    MOUSE_CMD_RESOLUTION = 0xe8,
    MOUSE_CMD_STATUS = 0xe9,
    MOUSE_CMD_STREAM = 0xea,
    MOUSE_CMD_READ = 0xeb,
    MOUSE_CMD_WRAP_OFF = 0xec,
    MOUSE_CMD_WRAP_ON = 0xee,
    MOUSE_CMD_REMOTE = 0xf0,
    MOUSE_CMD_GET_ID = 0xf2,
    MOUSE_CMD_RATE = 0xf3,
    MOUSE_CMD_ENABLE = 0xf4,
    MOUSE_CMD_DISABLE = 0xf5,
    MOUSE_CMD_DEFAULTS = 0xf6,
    MOUSE_CMD_RESEND = 0xfe,
    MOUSE_CMD_RESET = 0xff,
};

#define PS2_TYPEMATIC_DEFAULT 0x2b   /* 10.9 characters a second after 500 ms */
#define PS2_KBD_ID1 0xab
#define PS2_KBD_ID2 0x83             /* MF2 keyboard */
#define PS2_MOUSE_ID_WHEEL 3

/* Every key: its set 1 make code (| I8042_KEY_E0) and its set 2 make code (same prefix). */
static const struct {
    uint16_t set1;
    uint8_t set2;
    const char *name;              /* as the monitor's sendkey names it (QEMU's key names) */
} ps2_keys[] = {
    { 0x01, 0x76, "esc" }, { 0x02, 0x16, "1" }, { 0x03, 0x1e, "2" }, { 0x04, 0x26, "3" },
    { 0x05, 0x25, "4" }, { 0x06, 0x2e, "5" }, { 0x07, 0x36, "6" }, { 0x08, 0x3d, "7" },
    { 0x09, 0x3e, "8" }, { 0x0a, 0x46, "9" }, { 0x0b, 0x45, "0" }, { 0x0c, 0x4e, "minus" },
    { 0x0d, 0x55, "equal" }, { 0x0e, 0x66, "backspace" }, { 0x0f, 0x0d, "tab" },
    { 0x10, 0x15, "q" }, { 0x11, 0x1d, "w" }, { 0x12, 0x24, "e" }, { 0x13, 0x2d, "r" },
    { 0x14, 0x2c, "t" }, { 0x15, 0x35, "y" }, { 0x16, 0x3c, "u" }, { 0x17, 0x43, "i" },
    { 0x18, 0x44, "o" }, { 0x19, 0x4d, "p" }, { 0x1a, 0x54, "bracket_left" },
    { 0x1b, 0x5b, "bracket_right" }, { 0x1c, 0x5a, "ret" }, { 0x1d, 0x14, "ctrl" },
    { 0x1e, 0x1c, "a" }, { 0x1f, 0x1b, "s" }, { 0x20, 0x23, "d" }, { 0x21, 0x2b, "f" },
    { 0x22, 0x34, "g" }, { 0x23, 0x33, "h" }, { 0x24, 0x3b, "j" }, { 0x25, 0x42, "k" },
    { 0x26, 0x4b, "l" }, { 0x27, 0x4c, "semicolon" }, { 0x28, 0x52, "apostrophe" },
    { 0x29, 0x0e, "grave_accent" }, { 0x2a, 0x12, "shift" }, { 0x2b, 0x5d, "backslash" },
    { 0x2c, 0x1a, "z" }, { 0x2d, 0x22, "x" }, { 0x2e, 0x21, "c" }, { 0x2f, 0x2a, "v" },
    { 0x30, 0x32, "b" }, { 0x31, 0x31, "n" }, { 0x32, 0x3a, "m" }, { 0x33, 0x41, "comma" },
    { 0x34, 0x49, "dot" }, { 0x35, 0x4a, "slash" }, { 0x36, 0x59, "shift_r" },
    { 0x37, 0x7c, "kp_multiply" }, { 0x38, 0x11, "alt" }, { 0x39, 0x29, "spc" },
    { 0x3a, 0x58, "caps_lock" }, { 0x3b, 0x05, "f1" }, { 0x3c, 0x06, "f2" }, { 0x3d, 0x04, "f3" },
    { 0x3e, 0x0c, "f4" }, { 0x3f, 0x03, "f5" }, { 0x40, 0x0b, "f6" }, { 0x41, 0x83, "f7" },
    { 0x42, 0x0a, "f8" }, { 0x43, 0x01, "f9" }, { 0x44, 0x09, "f10" }, { 0x45, 0x77, "num_lock" },
    { 0x46, 0x7e, "scroll_lock" }, { 0x47, 0x6c, "kp_7" }, { 0x48, 0x75, "kp_8" },
    { 0x49, 0x7d, "kp_9" }, { 0x4a, 0x7b, "kp_subtract" }, { 0x4b, 0x6b, "kp_4" },
    { 0x4c, 0x73, "kp_5" }, { 0x4d, 0x74, "kp_6" }, { 0x4e, 0x79, "kp_add" },
    { 0x4f, 0x69, "kp_1" }, { 0x50, 0x72, "kp_2" }, { 0x51, 0x7a, "kp_3" }, { 0x52, 0x70, "kp_0" },
    { 0x53, 0x71, "kp_decimal" }, { 0x54, 0x84, "sysrq" }, { 0x56, 0x61, "less" },
    { 0x57, 0x78, "f11" }, { 0x58, 0x07, "f12" }, { 0x11c, 0x5a, "kp_enter" },
    { 0x11d, 0x14, "ctrl_r" }, { 0x135, 0x4a, "kp_divide" }, { 0x138, 0x11, "alt_r" },
    { 0x147, 0x6c, "home" }, { 0x148, 0x75, "up" }, { 0x149, 0x7d, "pgup" },
    { 0x14b, 0x6b, "left" }, { 0x14d, 0x74, "right" }, { 0x14f, 0x69, "end" },
    { 0x150, 0x72, "down" }, { 0x151, 0x7a, "pgdn" }, { 0x152, 0x70, "insert" },
    { 0x153, 0x71, "delete" }, { 0x15b, 0x1f, "meta_l" }, { 0x15c, 0x27, "meta_r" },
    { 0x15d, 0x2f, "menu" }, { PS2_KEY_PRINT, 0x7c, "print" }, { PS2_KEY_PAUSE, 0x77, "pause" },
};

/* ---- queues ------------------------------------------------------------------- */

static unsigned ps2_queue_room(const PS2Queue *q)
{
    return q->size - q->count;
}

static void ps2_queue_push(PS2Queue *q, uint8_t b)
{
    g_assert(q->count < q->size);
    q->data[(q->head + q->count++) % q->size] = b;
}

static void ps2_queue_clear(PS2Queue *q)
{
    q->head = q->count = 0;
}

bool ps2_queue_pop(PS2Queue *q, uint8_t *byte)
{
    if (!q->count) {
        return false;
    }
    *byte = q->data[q->head];
    q->head = (q->head + 1) % q->size;
    q->count--;
    return true;
}

bool ps2_queue_empty(const PS2Queue *q)
{
    return !q->count;
}

/* ---- keyboard ----------------------------------------------------------------- */

int ps2_set2_to_set1(uint8_t set2)
{
    for (size_t i = 0; i < G_N_ELEMENTS(ps2_keys); i++) {
        if (ps2_keys[i].set2 == set2) {
            return ps2_keys[i].set1 & 0xff;
        }
    }
    return -1;
}

int ps2_key_by_name(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(ps2_keys); i++) {
        if (!strcmp(ps2_keys[i].name, name)) {
            return ps2_keys[i].set1;
        }
    }
    return -1;
}

static int ps2_key_set2(int key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(ps2_keys); i++) {
        if (ps2_keys[i].set1 == key) {
            return ps2_keys[i].set2;
        }
    }
    return -1;
}

/* A reply to the host (a response to a command): sent whatever the buffer holds. */
static void ps2_kbd_reply(PS2Kbd *k, uint8_t b)
{
    if (ps2_queue_room(&k->q)) {
        ps2_queue_push(&k->q, b);
        k->last_sent = b;
    }
    k->notify(k->opaque);
}

/* A key's code sequence, whole or replaced by the overrun code. */
static void ps2_kbd_send_codes(PS2Kbd *k, const uint8_t *codes, int n)
{
    if (ps2_queue_room(&k->q) < (unsigned)n + 1) {
        /* keep the last slot for the overrun code, as the keyboard does */
        if (ps2_queue_room(&k->q) == 1) {
            ps2_queue_push(&k->q, k->scancode_set == 1 ? 0xff : 0x00);
        }
    } else {
        for (int i = 0; i < n; i++) {
            ps2_queue_push(&k->q, codes[i]);
        }
        k->last_sent = codes[n - 1];
    }
    k->notify(k->opaque);
}

/*
 * Print Screen and Pause send the sequences the AT keyboard made up for
 * compatibility with the XT's (a fake shift around Print Screen; Pause only
 * when pressed, make and break at once).  [set == 1][down]
 */
static const struct {
    uint8_t len;
    uint8_t codes[8];
} ps2_print_seq[2][2] = {
    { { 6, { 0xe0, 0xf0, 0x7c, 0xe0, 0xf0, 0x12 } }, { 4, { 0xe0, 0x12, 0xe0, 0x7c } } },
    { { 4, { 0xe0, 0xb7, 0xe0, 0xaa } }, { 4, { 0xe0, 0x2a, 0xe0, 0x37 } } },
}, ps2_pause_seq[2] = {
    { 8, { 0xe1, 0x14, 0x77, 0xe1, 0xf0, 0x14, 0xf0, 0x77 } },
    { 6, { 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5 } },
};

static void ps2_kbd_emit(PS2Kbd *k, int key, bool down)
{
    bool set1 = k->scancode_set == 1;
    if (key == PS2_KEY_PRINT) {
        ps2_kbd_send_codes(k, ps2_print_seq[set1][down].codes, ps2_print_seq[set1][down].len);
        return;
    }
    if (key == PS2_KEY_PAUSE) {
        if (down) {
            ps2_kbd_send_codes(k, ps2_pause_seq[set1].codes, ps2_pause_seq[set1].len);
        }
        return;
    }
    uint8_t codes[3];
    int n = 0;
    if (key & I8042_KEY_E0) {
        codes[n++] = PS2_E0;
    }
    if (k->scancode_set == 1) {
        codes[n++] = (key & 0x7f) | (down ? 0 : 0x80);
    } else {
        int set2 = ps2_key_set2(key);
        if (set2 < 0) {
            return;
        }
        if (!down) {
            codes[n++] = PS2_SET2_BREAK;
        }
        codes[n++] = set2;
    }
    ps2_kbd_send_codes(k, codes, n);
}

static int64_t ps2_typematic_delay_ns(const PS2Kbd *k)
{
    return (1 + ((k->typematic >> 5) & 3)) * 250 * 1000 * 1000LL;
}

/* Period = (8 + A) * 2^B * 4.17 ms, A = bits 2..0, B = bits 4..3. */
static int64_t ps2_typematic_period_ns(const PS2Kbd *k)
{
    return (8 + (k->typematic & 7)) * (1LL << ((k->typematic >> 3) & 3)) * 4170000LL;
}

static void ps2_kbd_repeat(void *opaque)
{
    PS2Kbd *k = opaque;
    if (k->repeat_key < 0 || !k->scanning) {
        return;
    }
    ps2_kbd_emit(k, k->repeat_key, true);
    timer_mod(k->repeat_timer, clock_get_ns(EMU_CLOCK_VIRTUAL) + ps2_typematic_period_ns(k));
}

void ps2_kbd_key(PS2Kbd *k, int key, bool down)
{
    if (!k->scanning || ps2_key_set2(key) < 0) {
        return;
    }
    ps2_kbd_emit(k, key, down);
    if (down && key != PS2_KEY_PAUSE && key != PS2_KEY_PRINT) {
        k->repeat_key = key;
        timer_mod(k->repeat_timer, clock_get_ns(EMU_CLOCK_VIRTUAL) + ps2_typematic_delay_ns(k));
    } else if (key == k->repeat_key) {
        k->repeat_key = -1;
        timer_del(k->repeat_timer);
    }
}

static void ps2_kbd_defaults(PS2Kbd *k)
{
    k->scancode_set = 2;
    k->typematic = PS2_TYPEMATIC_DEFAULT;
    k->repeat_key = -1;
    timer_del(k->repeat_timer);
}

void ps2_kbd_write(PS2Kbd *k, uint8_t b)
{
    uint8_t cmd = k->pending_cmd;
    if (cmd) {
        k->pending_cmd = 0;
        switch (cmd) {
        case KBD_CMD_SET_LEDS:
            k->leds = b & 7;
            ps2_kbd_reply(k, PS2_ACK);
            return;
        case KBD_CMD_TYPEMATIC:
            k->typematic = b & 0x7f;
            ps2_kbd_reply(k, PS2_ACK);
            return;
        case KBD_CMD_SCANCODE:
            if (b == 0) {
                ps2_kbd_reply(k, PS2_ACK);
                ps2_kbd_reply(k, k->scancode_set);
            } else if (b <= 3) {
                k->scancode_set = b;
                ps2_kbd_reply(k, PS2_ACK);
            } else {
                ps2_kbd_reply(k, PS2_RESEND);
            }
            return;
        }
    }
    switch (b) {
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_TYPEMATIC:
    case KBD_CMD_SCANCODE:
        k->pending_cmd = b;
        ps2_kbd_reply(k, PS2_ACK);
        break;
    case KBD_CMD_ECHO:
        ps2_kbd_reply(k, PS2_ECHO);
        break;
    case KBD_CMD_IDENTIFY:
        ps2_kbd_reply(k, PS2_ACK);
        ps2_kbd_reply(k, PS2_KBD_ID1);
        ps2_kbd_reply(k, PS2_KBD_ID2);
        break;
    case KBD_CMD_ENABLE:
        ps2_queue_clear(&k->q);
        k->scanning = true;
        ps2_kbd_reply(k, PS2_ACK);
        break;
    case KBD_CMD_DISABLE:
        ps2_kbd_defaults(k);
        k->scanning = false;
        ps2_kbd_reply(k, PS2_ACK);
        break;
    case KBD_CMD_DEFAULTS:
        ps2_kbd_defaults(k);
        ps2_kbd_reply(k, PS2_ACK);
        break;
    case KBD_CMD_RESEND:
        ps2_kbd_reply(k, k->last_sent);
        break;
    case KBD_CMD_RESET:
        ps2_kbd_reset(k);
        ps2_kbd_reply(k, PS2_ACK);
        ps2_kbd_reply(k, PS2_BAT_OK);
        break;
    default:
        if (b >= KBD_CMD_SET3_FIRST && b <= KBD_CMD_SET3_LAST) {
            ps2_kbd_reply(k, PS2_ACK);
        } else {
            ps2_kbd_reply(k, PS2_RESEND);
        }
        break;
    }
}

void ps2_kbd_init(PS2Kbd *k, PS2Notify *notify, void *opaque)
{
    memset(k, 0, sizeof(*k));
    k->q.size = PS2_KBD_QUEUE;
    k->notify = notify;
    k->opaque = opaque;
    k->repeat_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, ps2_kbd_repeat, k);
    ps2_kbd_reset(k);
}

/* Power-on (and 0xff): buffer empty, set 2, default typematic, LEDs off, scanning. */
void ps2_kbd_reset(PS2Kbd *k)
{
    ps2_queue_clear(&k->q);
    ps2_kbd_defaults(k);
    k->pending_cmd = 0;
    k->leds = 0;
    k->scanning = true;
    k->last_sent = 0;
}

/* ---- mouse -------------------------------------------------------------------- */

static void ps2_mouse_reply(PS2Mouse *m, uint8_t b)
{
    if (ps2_queue_room(&m->q)) {
        ps2_queue_push(&m->q, b);
        m->last_sent = b;
    }
    m->notify(m->opaque);
}

void ps2_mouse_fake_byte(PS2Mouse *m, uint8_t b)
{
    ps2_mouse_reply(m, b);
}

static int ps2_packet_size(const PS2Mouse *m)
{
    return m->id == PS2_MOUSE_ID_WHEEL ? 4 : 3;
}

/* 2:1 scaling of one report (the PS/2 mouse reference's table; above 5 it doubles). */
static int ps2_scale(int d)
{
    static const int small[6] = { 0, 1, 1, 3, 6, 9 };
    int a = d < 0 ? -d : d;
    int r = a <= 5 ? small[a] : 2 * a;
    return d < 0 ? -r : r;
}

/* One packet from the motion in *dx, *dy, *dz (what it carries is subtracted). */
static bool ps2_mouse_packet(PS2Mouse *m, int *dx, int *dy, int *dz, bool scale)
{
    int size = ps2_packet_size(m);
    if (ps2_queue_room(&m->q) < (unsigned)size) {
        return false;
    }
    int x = MAX(MIN(*dx, 255), -256), y = MAX(MIN(*dy, 255), -256);
    int z = MAX(MIN(*dz, 7), -8);
    *dx -= x;
    *dy -= y;
    *dz -= z;
    if (scale && m->scaling_2to1) {
        x = MAX(MIN(ps2_scale(x), 255), -256);
        y = MAX(MIN(ps2_scale(y), 255), -256);
    }
    uint8_t b0 = 0x08 | (m->buttons & 7) | (x < 0 ? 0x10 : 0) | (y < 0 ? 0x20 : 0);
    ps2_queue_push(&m->q, b0);
    ps2_queue_push(&m->q, x & 0xff);
    ps2_queue_push(&m->q, y & 0xff);
    if (size == 4) {
        ps2_queue_push(&m->q, z & 0xff);
    }
    m->last_sent = size == 4 ? z & 0xff : y & 0xff;
    return true;
}

void ps2_mouse_move(PS2Mouse *m, int dx, int dy, int dz, int buttons)
{
    bool changed = buttons != m->buttons;
    m->buttons = buttons & 7;
    if (m->wrap) {
        return;
    }
    if (m->remote) {
        m->dx += dx;
        m->dy += dy;
        m->dz += dz;
        return;
    }
    if (!m->reporting || (!dx && !dy && !dz && !changed)) {
        return;
    }
    do {
        if (!ps2_mouse_packet(m, &dx, &dy, &dz, true)) {
            break;                  /* the host is not reading: drop the rest */
        }
    } while (dx || dy || dz);
    m->notify(m->opaque);
}

static void ps2_mouse_defaults(PS2Mouse *m)
{
    m->sample_rate = 100;
    m->resolution = 2;
    m->scaling_2to1 = false;
    m->remote = false;
    m->reporting = false;
    m->dx = m->dy = m->dz = 0;
}

void ps2_mouse_write(PS2Mouse *m, uint8_t b)
{
    uint8_t cmd = m->pending_cmd;
    if (cmd) {
        m->pending_cmd = 0;
        if (cmd == MOUSE_CMD_RATE) {
            m->sample_rate = b;
            memmove(m->rate_history, m->rate_history + 1, 2);
            m->rate_history[2] = b;
            if (m->rate_history[0] == 200 && m->rate_history[1] == 100 &&
                m->rate_history[2] == 80) {
                m->id = PS2_MOUSE_ID_WHEEL;
            }
        } else {
            m->resolution = b & 3;
        }
        ps2_mouse_reply(m, PS2_ACK);
        return;
    }
    if (m->wrap && b != MOUSE_CMD_WRAP_OFF && b != MOUSE_CMD_RESET) {
        ps2_mouse_reply(m, b);
        return;
    }
    switch (b) {
    case MOUSE_CMD_SCALE11:
    case MOUSE_CMD_SCALE21:
        m->scaling_2to1 = b == MOUSE_CMD_SCALE21;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_RESOLUTION:
    case MOUSE_CMD_RATE:
        m->pending_cmd = b;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_STATUS: {
        /* status: bit 6 remote, 5 enabled, 4 scaling 2:1, 2 left, 1 middle, 0 right */
        uint8_t st = (m->remote ? 0x40 : 0) | (m->reporting ? 0x20 : 0) |
                     (m->scaling_2to1 ? 0x10 : 0) | (m->buttons & I8042_BUTTON_LEFT ? 4 : 0) |
                     (m->buttons & I8042_BUTTON_MIDDLE ? 2 : 0) |
                     (m->buttons & I8042_BUTTON_RIGHT ? 1 : 0);
        ps2_mouse_reply(m, PS2_ACK);
        ps2_mouse_reply(m, st);
        ps2_mouse_reply(m, m->resolution);
        ps2_mouse_reply(m, m->sample_rate);
        break;
    }
    case MOUSE_CMD_STREAM:
        m->remote = false;
        m->dx = m->dy = m->dz = 0;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_READ:
        ps2_mouse_reply(m, PS2_ACK);
        ps2_mouse_packet(m, &m->dx, &m->dy, &m->dz, false);
        m->notify(m->opaque);
        break;
    case MOUSE_CMD_WRAP_OFF:
    case MOUSE_CMD_WRAP_ON:
        m->wrap = b == MOUSE_CMD_WRAP_ON;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_REMOTE:
        m->remote = true;
        m->dx = m->dy = m->dz = 0;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_GET_ID:
        ps2_mouse_reply(m, PS2_ACK);
        ps2_mouse_reply(m, m->id);
        break;
    case MOUSE_CMD_ENABLE:
        m->reporting = true;
        m->dx = m->dy = m->dz = 0;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_DISABLE:
        m->reporting = false;
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_DEFAULTS:
        ps2_mouse_defaults(m);
        ps2_mouse_reply(m, PS2_ACK);
        break;
    case MOUSE_CMD_RESEND:
        ps2_mouse_reply(m, m->last_sent);
        break;
    case MOUSE_CMD_RESET:
        ps2_mouse_reset(m);
        ps2_mouse_reply(m, PS2_ACK);
        ps2_mouse_reply(m, PS2_BAT_OK);
        ps2_mouse_reply(m, 0x00);
        break;
    default:
        ps2_mouse_reply(m, PS2_RESEND);
        break;
    }
}

void ps2_mouse_init(PS2Mouse *m, PS2Notify *notify, void *opaque)
{
    memset(m, 0, sizeof(*m));
    m->q.size = PS2_MOUSE_QUEUE;
    m->notify = notify;
    m->opaque = opaque;
    ps2_mouse_reset(m);
}

/* Power-on (and 0xff): stream mode, reporting off, 100 samples/s, 4 counts/mm, id 0. */
void ps2_mouse_reset(PS2Mouse *m)
{
    ps2_queue_clear(&m->q);
    ps2_mouse_defaults(m);
    m->pending_cmd = 0;
    m->wrap = false;
    m->id = 0;
    memset(m->rate_history, 0, sizeof(m->rate_history));
    m->buttons = 0;
    m->last_sent = 0;
}
