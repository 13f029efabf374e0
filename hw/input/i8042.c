/*
 * i8042.c — the PC keyboard controller ("i8042") with its PS/2 keyboard
 * and mouse (ps2.c).
 *
 * Offers: port 0x60 (data: the output buffer; writes go to the keyboard or
 * are a controller command's argument) and port 0x64 (status; writes are
 * controller commands), the keyboard's interrupt on ISA IRQ 1 and the
 * mouse's on IRQ 12, GPIO output I8042_GPIO_A20, i8042_kbd_event and
 * i8042_mouse_event for the UI (include/hw/input/i8042.h), and the
 * monitor's sendkey.
 *
 * Status register: OBF (bit 0), IBF (never: writes are handled at once),
 * SYS (the command byte's bit 2, set by a passed self-test), A2 (last write
 * was to 0x64), INH (bit 4: keyboard not inhibited, always), AUX_OBF (bit 5:
 * the output buffer holds mouse data).
 *
 * Command byte (RAM byte 0): bit 0 keyboard interrupt, 1 mouse interrupt,
 * 2 SYS, 4 keyboard clock off, 5 mouse clock off, 6 translate set 2 to set 1.
 *
 * Controller commands: 0x20..0x3f read RAM, 0x60..0x7f write RAM, 0xa4
 * password check (none), 0xa7/0xa8 mouse off/on, 0xa9 mouse interface test,
 * 0xaa self-test (0x55), 0xab keyboard interface test, 0xad/0xae keyboard
 * off/on, 0xc0 read input port, 0xd0/0xd1 read/write output port (bit 0:
 * 0 resets the system, bit 1: A20), 0xd2/0xd3 write the keyboard's/mouse's
 * output as if it had sent the byte, 0xd4 next byte to the mouse, 0xdd/0xdf
 * A20 off/on, 0xe0 read test inputs, 0xf0..0xff pulse output port bits
 * (bit 0: reset).  Others are logged under -d guest_errors and ignored.
 *
 * The output buffer is refilled as soon as it is read: a controller reply
 * first, then the keyboard's queue (unless its clock is off), then the
 * mouse's.  A byte for the host raises IRQ 1 (keyboard or controller
 * reply) or IRQ 12 (mouse) while it waits, if the command byte enables it.
 * Translation turns set 2 codes into set 1 (0xf0 prefixes become bit 7) and
 * leaves bytes no key sends unchanged.  Called with the I/O lock held.
 */
#include "hw/input/i8042.h"
#include "exec/memory.h"
#include "exec/runstate.h"
#include "hw/input/ps2.h"
#include "hw/isa.h"
#include "monitor/monitor.h"
#include "util/error.h"
#include "util/log.h"

#include <stdlib.h>

#include <glib.h>

LOG_ITEM(i8042_log_guest_errors, "guest_errors",
         "log invalid guest accesses to devices (unassigned I/O, bad register use)");

enum {
    I8042_DATA_PORT = 0x60,
    I8042_CMD_PORT = 0x64,
    I8042_IRQ_KBD = 1,
    I8042_IRQ_MOUSE = 12,
};

enum {
    STAT_OBF = 0x01,
    STAT_SYS = 0x04,
    STAT_A2 = 0x08,
    STAT_INH = 0x10,
    STAT_AUX_OBF = 0x20,
    CCB_KBD_INT = 0x01,
    CCB_AUX_INT = 0x02,
    CCB_SYS = 0x04,
    CCB_KBD_OFF = 0x10,
    CCB_AUX_OFF = 0x20,
    CCB_XLATE = 0x40,
    OUT_RESET = 0x01,               /* 0: system reset asserted */
    OUT_A20 = 0x02,
    OUT_KBD_OBF = 0x10,
    OUT_AUX_OBF = 0x20,
};

/* Controller commands (written to 0x64). */
enum {
    CMD_READ_RAM = 0x20,            /* ..0x3f */
    CMD_WRITE_RAM = 0x60,           /* ..0x7f */
    CMD_PASSWORD_CHECK = 0xa4,
    CMD_AUX_DISABLE = 0xa7,
    CMD_AUX_ENABLE = 0xa8,
    CMD_AUX_TEST = 0xa9,
    CMD_SELF_TEST = 0xaa,
    CMD_KBD_TEST = 0xab,
    CMD_KBD_DISABLE = 0xad,
    CMD_KBD_ENABLE = 0xae,
    CMD_READ_INPUT = 0xc0,
    CMD_READ_OUTPUT = 0xd0,
    CMD_WRITE_OUTPUT = 0xd1,
    CMD_WRITE_KBD_OBUF = 0xd2,
    CMD_WRITE_AUX_OBUF = 0xd3,
    CMD_WRITE_AUX = 0xd4,
    CMD_A20_OFF = 0xdd,
    CMD_A20_ON = 0xdf,
    CMD_READ_TEST = 0xe0,
    CMD_PULSE = 0xf0,               /* ..0xff: low nibble 0 bits pulse output port bits */
};

#define I8042_SELF_TEST_OK 0x55
#define I8042_NO_PASSWORD 0xf1
#define I8042_OUTPORT_POWER_ON (0xcc | OUT_A20 | OUT_RESET)

typedef struct I8042State {
    ISADevice parent;
    MemoryRegion data_io, cmd_io;
    PS2Kbd kbd;
    PS2Mouse mouse;
    IRQState *irq_kbd, *irq_mouse;
    IRQState *a20_out;
    uint8_t ram[32];                /* ram[0]: the command byte */
    uint8_t status;                 /* SYS and A2; OBF/AUX_OBF follow the buffer */
    uint8_t outport;
    uint8_t obuf;
    bool obf, obuf_aux;
    uint8_t reply[4];               /* controller replies waiting for the buffer */
    unsigned reply_count;
    uint8_t pending;                /* a command waiting for its data byte (0: none) */
    bool xlate_break;               /* translation saw 0xf0: the next code is a break */
} I8042State;

#define I8042(obj) OBJECT_CHECK(I8042State, obj, TYPE_I8042)

static void i8042_update_irq(I8042State *s)
{
    uint8_t ccb = s->ram[0];
    irq_set(s->irq_kbd, s->obf && !s->obuf_aux && (ccb & CCB_KBD_INT));
    irq_set(s->irq_mouse, s->obf && s->obuf_aux && (ccb & CCB_AUX_INT));
}

/* The next keyboard byte as the host sees it (translated), or false. */
static bool i8042_next_kbd_byte(I8042State *s, uint8_t *out)
{
    uint8_t b;
    while (ps2_queue_pop(&s->kbd.q, &b)) {
        if (!(s->ram[0] & CCB_XLATE)) {
            *out = b;
            return true;
        }
        if (b == 0xf0) {
            s->xlate_break = true;
            continue;
        }
        int t = ps2_set2_to_set1(b);
        *out = (t < 0 ? b : t) | (s->xlate_break ? 0x80 : 0);
        s->xlate_break = false;
        return true;
    }
    return false;
}

/* Fill an empty output buffer: controller replies, then the keyboard, then the mouse. */
static void i8042_fill(I8042State *s)
{
    if (!s->obf) {
        if (s->reply_count) {
            s->obuf = s->reply[0];
            memmove(s->reply, s->reply + 1, --s->reply_count);
            s->obf = true;
            s->obuf_aux = false;
        } else if (!(s->ram[0] & CCB_KBD_OFF) && i8042_next_kbd_byte(s, &s->obuf)) {
            s->obf = true;
            s->obuf_aux = false;
        } else if (!(s->ram[0] & CCB_AUX_OFF) && ps2_queue_pop(&s->mouse.q, &s->obuf)) {
            s->obf = true;
            s->obuf_aux = true;
        }
    }
    i8042_update_irq(s);
}

static void i8042_notify(void *opaque)
{
    i8042_fill(opaque);
}

static void i8042_reply(I8042State *s, uint8_t b)
{
    if (s->reply_count < sizeof(s->reply)) {
        s->reply[s->reply_count++] = b;
    }
    i8042_fill(s);
}

static void i8042_set_outport(I8042State *s, uint8_t val)
{
    s->outport = val;
    irq_set(s->a20_out, !!(val & OUT_A20));
    if (!(val & OUT_RESET)) {
        /* the reset line is asserted: the board resets everything, this controller included */
        runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static void i8042_command(I8042State *s, uint8_t cmd)
{
    if (cmd >= CMD_READ_RAM && cmd < CMD_READ_RAM + 0x20) {
        i8042_reply(s, s->ram[cmd - CMD_READ_RAM]);
        return;
    }
    if ((cmd >= CMD_WRITE_RAM && cmd < CMD_WRITE_RAM + 0x20) || cmd == CMD_WRITE_OUTPUT ||
        cmd == CMD_WRITE_KBD_OBUF || cmd == CMD_WRITE_AUX_OBUF || cmd == CMD_WRITE_AUX) {
        s->pending = cmd;
        return;
    }
    if (cmd >= CMD_PULSE) {
        if (!(cmd & OUT_RESET)) {
            runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        return;
    }
    switch (cmd) {
    case CMD_PASSWORD_CHECK:
        i8042_reply(s, I8042_NO_PASSWORD);
        break;
    case CMD_AUX_DISABLE:
        s->ram[0] |= CCB_AUX_OFF;
        break;
    case CMD_AUX_ENABLE:
        s->ram[0] &= ~CCB_AUX_OFF;
        i8042_fill(s);
        break;
    case CMD_AUX_TEST:
    case CMD_KBD_TEST:
        i8042_reply(s, 0x00);       /* no clock or data line stuck */
        break;
    case CMD_SELF_TEST:
        s->status |= STAT_SYS;
        i8042_reply(s, I8042_SELF_TEST_OK);
        break;
    case CMD_KBD_DISABLE:
        s->ram[0] |= CCB_KBD_OFF;
        break;
    case CMD_KBD_ENABLE:
        s->ram[0] &= ~CCB_KBD_OFF;
        i8042_fill(s);
        break;
    case CMD_READ_INPUT:
        i8042_reply(s, 0xa0);       /* keyboard not inhibited, no manufacturing jumper */
        break;
    case CMD_READ_OUTPUT:
        i8042_reply(s, (s->outport & ~(OUT_KBD_OBF | OUT_AUX_OBF)) |
                       (s->obf && !s->obuf_aux ? OUT_KBD_OBF : 0) |
                       (s->obf && s->obuf_aux ? OUT_AUX_OBF : 0));
        break;
    case CMD_A20_OFF:
        i8042_set_outport(s, s->outport & ~OUT_A20);
        break;
    case CMD_A20_ON:
        i8042_set_outport(s, s->outport | OUT_A20);
        break;
    case CMD_READ_TEST:
        i8042_reply(s, 0x00);
        break;
    default:
        if (log_enabled(i8042_log_guest_errors)) {
            log_printf("i8042: unknown controller command 0x%02x\n", cmd);
        }
        break;
    }
}

static void i8042_data_write(I8042State *s, uint8_t val)
{
    uint8_t cmd = s->pending;
    s->pending = 0;
    if (cmd >= CMD_WRITE_RAM && cmd < CMD_WRITE_RAM + 0x20) {
        s->ram[cmd - CMD_WRITE_RAM] = val;
        if (cmd == CMD_WRITE_RAM) {
            s->status = (s->status & ~STAT_SYS) | (val & CCB_SYS);
        }
        i8042_fill(s);
        return;
    }
    switch (cmd) {
    case CMD_WRITE_OUTPUT:
        i8042_set_outport(s, val);
        break;
    case CMD_WRITE_KBD_OBUF:
        i8042_reply(s, val);
        break;
    case CMD_WRITE_AUX_OBUF:
        if (!s->obf) {
            /* the controller itself loads it, even with the mouse clock off:
               Linux's AUX loopback test runs so and waits 0.5 s for nothing otherwise */
            s->obuf = val;
            s->obf = true;
            s->obuf_aux = true;
            i8042_update_irq(s);
        } else {
            ps2_mouse_fake_byte(&s->mouse, val);
        }
        break;
    case CMD_WRITE_AUX:
        ps2_mouse_write(&s->mouse, val);
        break;
    default:
        /* a byte for the keyboard: talking to it turns its interface back on */
        s->ram[0] &= ~CCB_KBD_OFF;
        ps2_kbd_write(&s->kbd, val);
        break;
    }
}

/* Port 0x60. */
static uint64_t i8042_data_read(void *opaque, uint64_t addr, unsigned size)
{
    I8042State *s = opaque;
    uint8_t v = s->obuf;
    s->obf = false;
    /* the line drops with the read and rises again for the next byte: an edge per byte */
    i8042_update_irq(s);
    i8042_fill(s);
    return v;
}

static void i8042_data_port_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I8042State *s = opaque;
    s->status &= ~STAT_A2;
    i8042_data_write(s, val);
}

/* Port 0x64. */
static uint64_t i8042_cmd_read(void *opaque, uint64_t addr, unsigned size)
{
    I8042State *s = opaque;
    return (s->obf ? STAT_OBF : 0) | (s->obf && s->obuf_aux ? STAT_AUX_OBF : 0) | STAT_INH |
           (s->status & (STAT_SYS | STAT_A2));
}

static void i8042_cmd_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I8042State *s = opaque;
    s->status |= STAT_A2;
    s->pending = 0;
    i8042_command(s, val);
}

static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_port_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_cmd_read,
    .write = i8042_cmd_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

void i8042_kbd_event(DeviceState *dev, int key, bool down)
{
    ps2_kbd_key(&I8042(dev)->kbd, key, down);
}

void i8042_mouse_event(DeviceState *dev, int dx, int dy, int dz, int buttons)
{
    ps2_mouse_move(&I8042(dev)->mouse, dx, dy, dz, buttons);
}

/* The keyboard the monitor's sendkey types on (the last i8042 realized). */
static I8042State *i8042_sendkey_kbc;

/*
 * sendkey KEYS [HOLD_MS]: KEYS are names (ps2.c's table) or set 1 codes
 * (0x1d, 0xe053 for 0xe0-prefixed ones) joined by '-', pressed in order and
 * released in reverse at once (the hold time is accepted and not waited).
 */
static bool i8042_sendkey(const char *arg, Error **errp)
{
    int keys[16];
    int n = 0;
    g_auto(GStrv) words = g_strsplit_set(arg, " \t", 2);
    if (!words[0] || !*words[0]) {
        error_setg(errp, "sendkey: which keys?");
        return false;
    }
    g_auto(GStrv) names = g_strsplit(words[0], "-", 0);
    for (char **p = names; *p; p++) {
        int key = ps2_key_by_name(*p);
        if (key < 0 && g_str_has_prefix(*p, "0x")) {
            char *end;
            unsigned long v = strtoul(*p, &end, 16);
            if (!*end && (v < 0x80 || (v >> 8) == 0xe0)) {
                key = (v & 0x7f) | (v > 0xff ? I8042_KEY_E0 : 0);
            }
        }
        if (key < 0) {
            error_setg(errp, "sendkey: unknown key '%s'", *p);
            return false;
        }
        if (n == (int)G_N_ELEMENTS(keys)) {
            error_setg(errp, "sendkey: at most %d keys at once", n);
            return false;
        }
        keys[n++] = key;
    }
    for (int i = 0; i < n; i++) {
        ps2_kbd_key(&i8042_sendkey_kbc->kbd, keys[i], true);
    }
    for (int i = n - 1; i >= 0; i--) {
        ps2_kbd_key(&i8042_sendkey_kbc->kbd, keys[i], false);
    }
    return true;
}

static void i8042_realize(DeviceState *dev, Error **errp)
{
    I8042State *s = I8042(dev);
    memory_region_init_io(&s->data_io, OBJECT(s), &i8042_data_ops, s, "i8042-data", 1);
    memory_region_init_io(&s->cmd_io, OBJECT(s), &i8042_cmd_ops, s, "i8042-cmd", 1);
    isa_register_ioport(ISA_DEVICE(s), &s->data_io, I8042_DATA_PORT);
    isa_register_ioport(ISA_DEVICE(s), &s->cmd_io, I8042_CMD_PORT);
    s->irq_kbd = isa_get_irq(ISA_DEVICE(s), I8042_IRQ_KBD);
    s->irq_mouse = isa_get_irq(ISA_DEVICE(s), I8042_IRQ_MOUSE);
    ps2_kbd_init(&s->kbd, i8042_notify, s);
    ps2_mouse_init(&s->mouse, i8042_notify, s);
    i8042_sendkey_kbc = s;
    monitor_set_hook(MONITOR_HOOK_SENDKEY, i8042_sendkey);
}

/* Power-on: both interrupts on, both clocks on, no translation, SYS clear, A20 on. */
static void i8042_reset(DeviceState *dev)
{
    I8042State *s = I8042(dev);
    memset(s->ram, 0, sizeof(s->ram));
    s->ram[0] = CCB_KBD_INT | CCB_AUX_INT;
    s->status = 0;
    s->obf = s->obuf_aux = false;
    s->obuf = 0;
    s->reply_count = 0;
    s->pending = 0;
    s->xlate_break = false;
    ps2_kbd_reset(&s->kbd);
    ps2_mouse_reset(&s->mouse);
    s->outport = I8042_OUTPORT_POWER_ON;
    irq_set(s->a20_out, 1);
    i8042_update_irq(s);
}

static void i8042_instance_init(Object *obj)
{
    I8042State *s = I8042(obj);
    qdev_init_gpio_out(DEVICE(s), &s->a20_out, 1);
}

static void i8042_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = i8042_realize;
    dc->reset = i8042_reset;
    dc->user_creatable = true;
}

static const TypeInfo i8042_info = {
    .name = TYPE_I8042,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(I8042State),
    .instance_init = i8042_instance_init,
    .class_init = i8042_class_init,
    .description = "PC keyboard controller with PS/2 keyboard (IRQ 1) and mouse (IRQ 12)",
};
TYPE_REGISTER(i8042_info)

DeviceState *i8042_create(Error **errp)
{
    ISADevice *dev = isa_create_simple(TYPE_I8042, errp);
    return dev ? DEVICE(dev) : NULL;
}
