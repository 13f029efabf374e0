/*
 * i8254.c — the 8254 programmable interval timer of the PC ("isa-pit").
 *
 * Offers: ports iobase+0..2 (counters 0..2) and iobase+3 (control word),
 * channel 0's OUT on ISA IRQ `irq`, and i8254_set_gate / i8254_get_gate /
 * i8254_get_out for port 0x61 (pcspk.c).  Properties: iobase (0x40), irq (0).
 *
 * Modelled from the 8254 datasheet: the six modes (6 and 7 alias 2 and 3),
 * binary and BCD counting, the access modes LSB / MSB / LSB-then-MSB with
 * their flip-flops, the counter latch command, the read-back command
 * (count and status, with OUT and NULL COUNT), and GATE: modes 0 and 4 pause
 * while it is low, modes 2 and 3 stop with OUT high and reload on its rising
 * edge, modes 1 and 5 are triggered by the rising edge.
 *
 * Time: a running counter is not ticked.  It remembers when it (re)started
 * (`load_ns` on EMU_CLOCK_VIRTUAL) and from what value, and its count and
 * OUT are computed from the 1.193182 MHz ticks since then.  A channel whose
 * OUT is wired (channel 0) arms a timer only for its next OUT edge, and only
 * in a mode that has one ahead: mode 0 and 1 one edge, 4 and 5 two, 2 and 3
 * two per period, a stopped counter none.
 *
 * Simplifications: a count takes effect at once (the datasheet loads it on
 * the next CLK edge, and in modes 2 and 3 a rewrite during counting waits for
 * the end of the period); mode 3 reads back as counting down by two over the
 * whole period.  Neither changes when OUT edges happen for a count written
 * after the control word, which is what PC software does.
 *
 * Called with the I/O lock held (ports, gate changes, the timer callbacks).
 */
#include "hw/timer/i8254.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/isa.h"
#include "util/error.h"

#include <glib.h>

#define PIT_CHANNELS 3

/* The control word (written to iobase+3). */
enum {
    PIT_CW_BCD = 0x01,
    PIT_CW_MODE_SHIFT = 1,          /* bits 3..1 */
    PIT_CW_RW_SHIFT = 4,            /* bits 5..4: 0 latch, 1 LSB, 2 MSB, 3 LSB then MSB */
    PIT_CW_SC_SHIFT = 6,            /* bits 7..6: channel, 3 = read-back */
    PIT_SC_READBACK = 3,
    PIT_RB_NOCOUNT = 0x20,          /* read-back: do not latch the count */
    PIT_RB_NOSTATUS = 0x10,         /* read-back: do not latch the status */
    PIT_STATUS_OUT = 0x80,
    PIT_STATUS_NULL = 0x40,
};

/* Iobase offsets. */
enum {
    PIT_REG_COUNTER0 = 0,
    PIT_REG_CONTROL = 3,
};

typedef enum PitAccess {
    PIT_RW_LATCH = 0,               /* (control word only) counter latch command */
    PIT_RW_LSB = 1,
    PIT_RW_MSB = 2,
    PIT_RW_WORD = 3,                /* LSB then MSB, a flip-flop picks the byte */
} PitAccess;

typedef struct PitChannel {
    uint8_t control;                /* the last control word's low six bits (status) */
    uint8_t mode;                   /* 0..5 */
    bool bcd;
    PitAccess rw;
    bool write_msb_next;            /* LSB-then-MSB write flip-flop */
    bool read_msb_next;             /* LSB-then-MSB read flip-flop */
    uint8_t write_lsb;              /* the LSB waiting for its MSB */
    bool count_latched;
    uint16_t latch;
    bool latch_msb_next;            /* reading a latched word: MSB comes next */
    bool status_latched;
    uint8_t status;
    bool null_count;                /* a count was written that is not in the counter yet */
    bool have_count;                /* a count was written since the control word */
    uint32_t count;                 /* the reload value N: 1..65536 (10000 in BCD) */
    bool gate;
    /* the counter */
    bool running;                   /* counting since load_ns from `start` */
    int64_t load_ns;
    uint32_t start;                 /* modes 0, 1, 4, 5: ticks to terminal count */
    bool done;                      /* modes 0, 1, 4, 5: terminal count passed */
    uint32_t frozen;                /* the counter while not running */
    bool out_idle;                  /* OUT while not running */
    /* OUT wiring */
    IRQState *out_irq;              /* NULL: nobody listens, no timer */
    Timer *timer;
    int out_level;                  /* last level driven on out_irq (-1: none yet) */
} PitChannel;

typedef struct I8254State {
    ISADevice parent;
    MemoryRegion io;
    PitChannel ch[PIT_CHANNELS];
    uint64_t iobase;                /* property */
    uint64_t irq;                   /* property */
} I8254State;

#define I8254(obj) OBJECT_CHECK(I8254State, obj, TYPE_ISA_PIT)

/* ---- time ------------------------------------------------------------------- */

/* Whole input-clock ticks in ns nanoseconds. */
static int64_t pit_ns_to_ticks(int64_t ns)
{
    return (int64_t)((unsigned __int128)ns * I8254_FREQ / NANOSECONDS_PER_SECOND);
}

/* The first nanosecond by which `ticks` ticks have passed. */
static int64_t pit_ticks_to_ns(int64_t ticks)
{
    unsigned __int128 p = (unsigned __int128)ticks * NANOSECONDS_PER_SECOND;
    return (int64_t)((p + I8254_FREQ - 1) / I8254_FREQ);
}

static uint32_t pit_wrap(const PitChannel *c)
{
    return c->bcd ? 10000 : 65536;
}

static int64_t pit_elapsed(const PitChannel *c, int64_t now)
{
    return pit_ns_to_ticks(now - c->load_ns);
}

/* The counting element after d ticks (0..wrap-1; 0 stands for the full count). */
static uint32_t pit_value_at(const PitChannel *c, int64_t d)
{
    uint32_t w = pit_wrap(c);
    switch (c->mode) {
    case 2:
        return (c->count - d % c->count) % w;
    case 3:
        return (c->count - (2 * d) % c->count) % w;
    default:
        return (uint32_t)(((int64_t)c->start - d % w + w) % w);
    }
}

static bool pit_out_at(const PitChannel *c, int64_t d)
{
    switch (c->mode) {
    case 0:
    case 1:
        return c->done || d >= c->start;
    case 2:
        return c->count < 2 || d % c->count != c->count - 1;
    case 3:
        return d % c->count < (c->count + 1) / 2;
    default:                        /* 4, 5: low for the one tick at terminal count */
        return c->done || d != c->start;
    }
}

/* The tick (> d) of OUT's next change, or -1 when OUT will not change again. */
static int64_t pit_next_edge(const PitChannel *c, int64_t d)
{
    switch (c->mode) {
    case 0:
    case 1:
        return !c->done && d < c->start ? (int64_t)c->start : -1;
    case 2:
    case 3: {
        if (c->count < 2) {
            return -1;              /* OUT stays high */
        }
        int64_t p = d % c->count, base = d - p;
        int64_t fall = c->mode == 2 ? c->count - 1 : (c->count + 1) / 2;
        return p < fall ? base + fall : base + c->count;
    }
    default:
        if (c->done || d > c->start) {
            return -1;
        }
        return d < c->start ? c->start : c->start + 1;
    }
}

static uint32_t pit_value(const PitChannel *c, int64_t now)
{
    return c->running ? pit_value_at(c, pit_elapsed(c, now)) : c->frozen;
}

static bool pit_out(const PitChannel *c, int64_t now)
{
    return c->running ? pit_out_at(c, pit_elapsed(c, now)) : c->out_idle;
}

/*
 * Drive OUT's line if it changed and arm the timer for the next edge (wired
 * channels only).  from_timer: the armed edge is due; if OUT is back where
 * it was, the timer ran after an even number of edges (mode 2's one-clock
 * low pulse is 838 ns: a host-timed main loop is nearly always later than
 * that), so the pulse is shown anyway for the edge-triggered inputs behind.
 */
static void pit_update_out(PitChannel *c, bool from_timer)
{
    if (!c->out_irq) {
        return;
    }
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    int level = pit_out(c, now);
    if (level != c->out_level) {
        c->out_level = level;
        irq_set(c->out_irq, level);
    } else if (from_timer) {
        irq_set(c->out_irq, !level);
        irq_set(c->out_irq, level);
    }
    int64_t next = c->running ? pit_next_edge(c, pit_elapsed(c, now)) : -1;
    if (next < 0) {
        timer_del(c->timer);
    } else {
        timer_mod(c->timer, c->load_ns + pit_ticks_to_ns(next));
    }
}

static void pit_timer_cb(void *opaque)
{
    pit_update_out(opaque, true);
}

/* Start counting now: from N for the periodic modes, `start` ticks to terminal count else. */
static void pit_start(PitChannel *c, uint32_t start, int64_t now)
{
    c->running = true;
    c->load_ns = now;
    c->start = start;
    c->done = false;
    c->null_count = false;
}

/* Stop counting; the counter and OUT keep their values. */
static void pit_stop(PitChannel *c, int64_t now)
{
    if (!c->running) {
        return;
    }
    int64_t d = pit_elapsed(c, now);
    c->frozen = pit_value_at(c, d);
    c->out_idle = pit_out_at(c, d);
    if (c->mode == 0 || c->mode == 4) {
        /* remember how far terminal count is, for the resume */
        c->done = c->done || d >= c->start;
        c->start = c->done ? c->frozen : c->start - d;
    }
    c->running = false;
}

/* ---- the programming interface ---------------------------------------------- */

static void pit_load_count(PitChannel *c, uint16_t raw)
{
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    uint32_t n = raw;
    if (c->bcd) {
        n = (raw >> 12 & 0xf) * 1000 + (raw >> 8 & 0xf) * 100 + (raw >> 4 & 0xf) * 10 + (raw & 0xf);
    }
    c->count = n ? n : pit_wrap(c);
    c->have_count = true;
    c->null_count = true;
    switch (c->mode) {
    case 0:
    case 4:
        c->out_idle = c->mode == 4;
        if (c->gate) {
            pit_start(c, c->count, now);
        } else {
            c->running = false;
            c->frozen = n;
            c->start = c->count;
            c->done = false;
        }
        break;
    case 2:
    case 3:
        if (c->gate) {
            pit_start(c, c->count, now);
        }
        break;
    default:                        /* 1, 5: loaded by the next trigger */
        break;
    }
    pit_update_out(c, false);
}

static void pit_write_control(I8254State *s, uint8_t val)
{
    int sc = val >> PIT_CW_SC_SHIFT;
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    if (sc == PIT_SC_READBACK) {
        for (int i = 0; i < PIT_CHANNELS; i++) {
            PitChannel *c = &s->ch[i];
            if (!(val & (2u << i))) {
                continue;
            }
            if (!(val & PIT_RB_NOCOUNT) && !c->count_latched) {
                c->count_latched = true;
                c->latch = pit_value(c, now);
                c->latch_msb_next = false;
            }
            if (!(val & PIT_RB_NOSTATUS) && !c->status_latched) {
                c->status_latched = true;
                c->status = (pit_out(c, now) ? PIT_STATUS_OUT : 0) |
                            (c->null_count ? PIT_STATUS_NULL : 0) | c->control;
            }
        }
        return;
    }
    PitChannel *c = &s->ch[sc];
    PitAccess rw = (val >> PIT_CW_RW_SHIFT) & 3;
    if (rw == PIT_RW_LATCH) {
        /* a second latch before the first is read is ignored */
        if (!c->count_latched) {
            c->count_latched = true;
            c->latch = pit_value(c, now);
            c->latch_msb_next = false;
        }
        return;
    }
    pit_stop(c, now);
    c->control = val & 0x3f;
    c->rw = rw;
    c->mode = (val >> PIT_CW_MODE_SHIFT) & 7;
    if (c->mode >= 6) {
        c->mode -= 4;
    }
    c->bcd = val & PIT_CW_BCD;
    c->write_msb_next = c->read_msb_next = false;
    c->count_latched = c->status_latched = false;
    c->have_count = false;
    c->null_count = true;
    c->done = false;
    c->out_idle = c->mode != 0;     /* mode 0: OUT low after the control word, else high */
    pit_update_out(c, false);
}

static void pit_write_counter(PitChannel *c, uint8_t val)
{
    switch (c->rw) {
    case PIT_RW_LSB:
        pit_load_count(c, val);
        break;
    case PIT_RW_MSB:
        pit_load_count(c, val << 8);
        break;
    default:
        if (!c->write_msb_next) {
            c->write_lsb = val;
            c->write_msb_next = true;
            if (c->mode == 0) {
                /* mode 0: writing the first byte stops the count, OUT goes low */
                pit_stop(c, clock_get_ns(EMU_CLOCK_VIRTUAL));
                c->out_idle = false;
                pit_update_out(c, false);
            }
        } else {
            c->write_msb_next = false;
            pit_load_count(c, c->write_lsb | val << 8);
        }
        break;
    }
}

static uint8_t pit_read_counter(PitChannel *c)
{
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    uint16_t v;
    bool msb;
    if (c->count_latched) {
        v = c->latch;
        if (c->rw == PIT_RW_WORD) {
            msb = c->latch_msb_next;
            c->latch_msb_next = !msb;
            c->count_latched = !msb;
        } else {
            msb = c->rw == PIT_RW_MSB;
            c->count_latched = false;
        }
    } else {
        v = pit_value(c, clock_get_ns(EMU_CLOCK_VIRTUAL));
        if (c->rw == PIT_RW_WORD) {
            msb = c->read_msb_next;
            c->read_msb_next = !msb;
        } else {
            msb = c->rw == PIT_RW_MSB;
        }
    }
    if (c->bcd) {
        v = (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
    }
    return msb ? v >> 8 : v & 0xff;
}

static uint64_t pit_io_read(void *opaque, uint64_t addr, unsigned size)
{
    I8254State *s = opaque;
    if (addr == PIT_REG_CONTROL) {
        return 0xff;                /* the control register cannot be read */
    }
    return pit_read_counter(&s->ch[addr - PIT_REG_COUNTER0]);
}

static void pit_io_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I8254State *s = opaque;
    if (addr == PIT_REG_CONTROL) {
        pit_write_control(s, val);
    } else {
        pit_write_counter(&s->ch[addr - PIT_REG_COUNTER0], val);
    }
}

static const MemoryRegionOps pit_io_ops = {
    .read = pit_io_read,
    .write = pit_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- GATE and OUT for the board and port 0x61 --------------------------------- */

void i8254_set_gate(DeviceState *dev, int channel, bool level)
{
    PitChannel *c = &I8254(dev)->ch[channel];
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    if (level == c->gate) {
        return;
    }
    c->gate = level;
    switch (c->mode) {
    case 0:
    case 4:
        /* a low gate pauses counting; high resumes where it stopped */
        if (!level) {
            pit_stop(c, now);
        } else if (c->have_count) {
            bool done = c->done;
            pit_start(c, c->start, now);
            c->done = done;
        }
        break;
    case 1:
    case 5:
        /* the rising edge (re)triggers: the count is loaded, mode 1 drives OUT low */
        if (level && c->have_count) {
            pit_start(c, c->count, now);
        }
        break;
    default:
        /* 2, 3: low stops with OUT high, the rising edge reloads */
        if (!level) {
            pit_stop(c, now);
            c->out_idle = true;
        } else if (c->have_count) {
            pit_start(c, c->count, now);
        }
        break;
    }
    pit_update_out(c, false);
}

bool i8254_get_gate(DeviceState *dev, int channel)
{
    return I8254(dev)->ch[channel].gate;
}

bool i8254_get_out(DeviceState *dev, int channel)
{
    return pit_out(&I8254(dev)->ch[channel], clock_get_ns(EMU_CLOCK_VIRTUAL));
}

/* ---- the device -------------------------------------------------------------- */

static void pit_realize(DeviceState *dev, Error **errp)
{
    I8254State *s = I8254(dev);
    memory_region_init_io(&s->io, OBJECT(s), &pit_io_ops, s, "pit", 4);
    isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
    s->ch[0].out_irq = isa_get_irq(ISA_DEVICE(s), s->irq);
    for (int i = 0; i < PIT_CHANNELS; i++) {
        s->ch[i].timer = timer_new_ns(EMU_CLOCK_VIRTUAL, pit_timer_cb, &s->ch[i]);
    }
}

/* Power-on: every channel as after a mode 3 control word with no count (OUT high). */
static void pit_reset(DeviceState *dev)
{
    I8254State *s = I8254(dev);
    for (int i = 0; i < PIT_CHANNELS; i++) {
        PitChannel *c = &s->ch[i];
        c->gate = i != 2;           /* channels 0 and 1: tied high; 2: port 0x61 bit 0 */
        c->running = false;
        c->mode = 3;
        c->rw = PIT_RW_WORD;
        c->control = PIT_RW_WORD << PIT_CW_RW_SHIFT | 3 << PIT_CW_MODE_SHIFT;
        c->bcd = false;
        c->count = 65536;
        c->frozen = 0;
        c->have_count = false;
        c->null_count = true;
        c->write_msb_next = c->read_msb_next = false;
        c->count_latched = c->status_latched = false;
        c->out_idle = true;
        c->out_level = -1;
        pit_update_out(c, false);
    }
}

static Property pit_props[] = {
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(I8254State, iobase),
      .def_uint = 0x40, .max = 0xfffc, .help = "first of the four ports" },
    { .name = "irq", .kind = PROP_UINT, .offset = offsetof(I8254State, irq),
      .def_uint = 0, .max = 15, .help = "ISA IRQ of channel 0's OUT" },
    PROP_END,
};

static void pit_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = pit_realize;
    dc->reset = pit_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, pit_props);
}

static const TypeInfo pit_info = {
    .name = TYPE_ISA_PIT,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(I8254State),
    .class_init = pit_class_init,
    .description = "8254 interval timer (1.193182 MHz, channel 0 on IRQ0)",
};
TYPE_REGISTER(pit_info)

DeviceState *i8254_create(uint16_t iobase, int irq, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_ISA_PIT);
    I8254State *s = I8254(dev);
    s->iobase = iobase;
    s->irq = irq;
    BusState *bus = qbus_find_by_type(TYPE_ISA_BUS);
    if (!bus) {
        error_setg(errp, "no ISA bus for the PIT");
        object_unref(OBJECT(dev));
        return NULL;
    }
    if (!qdev_realize(dev, bus, errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return dev;
}
