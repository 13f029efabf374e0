/*
 * hpet.c — the High Precision Event Timer (`hpet`), after the IA-PC HPET
 * specification 1.0a: one 64-bit up-counter at 10 MHz (HPET_PERIOD_FS)
 * on EMU_CLOCK_VIRTUAL, three comparators with periodic mode, 32-bit mode,
 * level or edge interrupts routed to an IOAPIC pin, and legacy
 * replacement (timer 0 -> IRQ0, timer 1 -> IRQ8).
 *
 * Offers: 1 KiB of MMIO (registers below, 32- or 64-bit accesses),
 * HPET_NUM_OUTPUTS gpio outputs (include/hw/timer/hpet.h).
 * Property: intcap (routing capability of every timer).
 *
 * The counter is not ticked: while enabled it is
 *     counter = base + (now - start_ns) / 100
 * and each enabled comparator arms one virtual-clock timer for the
 * nanosecond the counter reaches it (32-bit mode compares the low half
 * and wraps every 2^32 ticks).  Periodic timers add their period to the
 * comparator at each match; writing the comparator of a periodic timer
 * sets the period, and the comparator too while Tn_VAL_SET_CNF is set
 * (the bit clears itself), which is how Linux programs it.
 *
 * Interrupt status: level-triggered timers set their GINTR_STA bit and
 * hold their line high until the guest writes 1 to that bit; edge-
 * triggered ones pulse the line and leave the status alone.
 * Not modelled: FSB (MSI) delivery (no Tn_FSB_INT_DEL_CAP), the 32-bit
 * one-shot wrap interrupt.
 */
#include "hw/timer/hpet.h"

#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/sysbus.h"
#include "util/bitops.h"
#include "util/log.h"

LOG_ITEM(log_hpet, "hpet", "HPET register accesses and interrupts");
#define HPET_LOG(...) \
    do { if (log_enabled(log_hpet)) { log_printf(__VA_ARGS__); } } while (0)

/* Register offsets (spec table 3); timer n's at HPET_TIMER0 + n * HPET_TIMER_STRIDE. */
enum HpetReg {
    HPET_GCAP_ID = 0x000,
    HPET_GEN_CONF = 0x010,
    HPET_GINTR_STA = 0x020,
    HPET_MAIN_COUNTER = 0x0f0,
    HPET_TIMER0 = 0x100,
    HPET_TIMER_STRIDE = 0x20,
    HPET_TN_CONF = 0x00,           /* within a timer's block */
    HPET_TN_CMP = 0x08,
    HPET_TN_FSB = 0x10,
    HPET_MMIO_SIZE = 0x400,
};

/* GEN_CONF */
#define HPET_CONF_ENABLE BIT_ULL(0)
#define HPET_CONF_LEGACY BIT_ULL(1)

/* Tn_CONF */
#define HPET_TN_LEVEL BIT_ULL(1)
#define HPET_TN_INT_ENB BIT_ULL(2)
#define HPET_TN_PERIODIC BIT_ULL(3)
#define HPET_TN_PER_CAP BIT_ULL(4)
#define HPET_TN_SIZE_CAP BIT_ULL(5)
#define HPET_TN_VAL_SET BIT_ULL(6)
#define HPET_TN_32BIT BIT_ULL(8)
#define HPET_TN_ROUTE_SHIFT 9
#define HPET_TN_WMASK 0x3f4eull    /* level, enable, periodic, val set, 32-bit, route */

#define HPET_NS_PER_TICK (HPET_PERIOD_FS / 1000000u)

/* GCAP_ID: revision 1, timers - 1, 64-bit counter, legacy route capable, vendor, period. */
#define HPET_GCAP_VALUE \
    (0x01ull | (uint64_t)(HPET_NUM_TIMERS - 1) << 8 | BIT_ULL(13) | BIT_ULL(15) | \
     0x8086ull << 16 | (uint64_t)HPET_PERIOD_FS << 32)

typedef struct HpetState HpetState;

typedef struct HpetTimer {
    HpetState *s;
    int index;
    Timer *timer;
    uint64_t config;
    uint64_t cmp;
    uint64_t period;
    uint64_t fsb;
    int line;                      /* output the level interrupt currently holds high, or -1 */
} HpetTimer;

struct HpetState {
    SysBusDevice parent;
    MemoryRegion iomem;
    uint64_t intcap;               /* property */
    IRQState *out[HPET_NUM_OUTPUTS];
    uint64_t config;
    uint64_t isr;
    uint64_t counter_base;         /* the counter at start_ns (or while stopped) */
    int64_t start_ns;
    HpetTimer timers[HPET_NUM_TIMERS];
};

static HpetState *hpet_of(DeviceState *dev)
{
    return OBJECT_CHECK(HpetState, dev, TYPE_HPET);
}

static bool hpet_enabled(const HpetState *s)
{
    return s->config & HPET_CONF_ENABLE;
}

static uint64_t hpet_counter(const HpetState *s)
{
    if (!hpet_enabled(s)) {
        return s->counter_base;
    }
    return s->counter_base +
           (uint64_t)(clock_get_ns(EMU_CLOCK_VIRTUAL) - s->start_ns) / HPET_NS_PER_TICK;
}

/* The output timer t's interrupt goes to. */
static int hpet_timer_output(const HpetTimer *t)
{
    if (t->s->config & HPET_CONF_LEGACY) {
        if (t->index == 0) {
            return HPET_OUT_LEGACY_IRQ0;
        }
        if (t->index == 1) {
            return HPET_OUT_LEGACY_IRQ8;
        }
    }
    return extract64(t->config, HPET_TN_ROUTE_SHIFT, 5);
}

/* Drive t's level line from its status bit and its enables. */
static void hpet_update_level(HpetTimer *t)
{
    HpetState *s = t->s;
    bool want = (t->config & HPET_TN_LEVEL) && (t->config & HPET_TN_INT_ENB) &&
                hpet_enabled(s) && (s->isr >> t->index & 1);
    int line = want ? hpet_timer_output(t) : -1;
    if (line != t->line) {
        if (t->line >= 0) {
            irq_lower(s->out[t->line]);
        }
        if (line >= 0) {
            irq_raise(s->out[line]);
        }
        t->line = line;
    }
}

/* Counter ticks from now until t's comparator matches (1 .. 2^32 or 2^64 - 1). */
static uint64_t hpet_ticks_to_match(const HpetTimer *t, uint64_t now)
{
    if (t->config & HPET_TN_32BIT) {
        uint32_t d = (uint32_t)t->cmp - (uint32_t)now;
        return d ? d : 1ull << 32;
    }
    uint64_t d = t->cmp - now;
    return d ? d : UINT64_MAX;
}

static void hpet_timer_arm(HpetTimer *t)
{
    HpetState *s = t->s;
    if (!hpet_enabled(s)) {
        timer_del(t->timer);
        return;
    }
    uint64_t now = hpet_counter(s);
    uint64_t ticks = hpet_ticks_to_match(t, now);
    if (ticks > (uint64_t)INT64_MAX / HPET_NS_PER_TICK / 2) {
        timer_del(t->timer);         /* centuries away: never within a run */
        return;
    }
    /* the nanosecond the counter becomes now + ticks */
    int64_t expire = s->start_ns + (int64_t)(now + ticks - s->counter_base) * HPET_NS_PER_TICK;
    timer_mod(t->timer, expire);
}

static void hpet_timer_cb(void *opaque)
{
    HpetTimer *t = opaque;
    HpetState *s = t->s;
    if (t->config & HPET_TN_PERIODIC && t->period) {
        /* next match one period on, or the first one ahead if the clock jumped past it */
        uint64_t now = hpet_counter(s);
        if (t->config & HPET_TN_32BIT) {
            uint32_t cmp = t->cmp + t->period, passed = (uint32_t)now - cmp;
            if ((int32_t)passed >= 0) {
                cmp += (passed / t->period + 1) * t->period;
            }
            t->cmp = cmp;
        } else {
            t->cmp += t->period;
            uint64_t passed = now - t->cmp;
            if ((int64_t)passed >= 0) {
                t->cmp += (passed / t->period + 1) * t->period;
            }
        }
    }
    HPET_LOG("hpet: timer %d matched at counter %#llx\n", t->index,
             (unsigned long long)hpet_counter(s));
    if (t->config & HPET_TN_LEVEL) {
        s->isr |= 1ull << t->index;
        hpet_update_level(t);
    } else if (t->config & HPET_TN_INT_ENB) {
        irq_pulse(s->out[hpet_timer_output(t)]);
    }
    hpet_timer_arm(t);
}

/* ---- registers ------------------------------------------------------------ */

/* A 64-bit register written 4 bytes at a time: merge the half at offset. */
static uint64_t merge64(uint64_t old, uint64_t val, unsigned offset, unsigned size)
{
    if (size == 8) {
        return val;
    }
    return offset & 4 ? deposit64(old, 32, 32, val) : deposit64(old, 0, 32, val);
}

static uint64_t hpet_reg_read64(HpetState *s, uint64_t reg)
{
    if (reg >= HPET_TIMER0 && reg < HPET_TIMER0 + HPET_NUM_TIMERS * HPET_TIMER_STRIDE) {
        HpetTimer *t = &s->timers[(reg - HPET_TIMER0) / HPET_TIMER_STRIDE];
        switch ((reg - HPET_TIMER0) % HPET_TIMER_STRIDE) {
        case HPET_TN_CONF:
            return t->config;
        case HPET_TN_CMP:
            return t->config & HPET_TN_32BIT ? (uint32_t)t->cmp : t->cmp;
        case HPET_TN_FSB:
            return t->fsb;
        default:
            return 0;
        }
    }
    switch (reg) {
    case HPET_GCAP_ID:
        return HPET_GCAP_VALUE;
    case HPET_GEN_CONF:
        return s->config;
    case HPET_GINTR_STA:
        return s->isr;
    case HPET_MAIN_COUNTER:
        return hpet_counter(s);
    default:
        return 0;
    }
}

static void hpet_set_config(HpetState *s, uint64_t val)
{
    uint64_t old = s->config;
    s->config = val & (HPET_CONF_ENABLE | HPET_CONF_LEGACY);
    if (!(old & HPET_CONF_ENABLE) && hpet_enabled(s)) {
        s->start_ns = clock_get_ns(EMU_CLOCK_VIRTUAL);
    } else if ((old & HPET_CONF_ENABLE) && !hpet_enabled(s)) {
        /* halt: keep the value the counter had (s->config no longer says enabled) */
        s->counter_base += (uint64_t)(clock_get_ns(EMU_CLOCK_VIRTUAL) - s->start_ns) /
                           HPET_NS_PER_TICK;
    }
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        hpet_timer_arm(&s->timers[i]);
        hpet_update_level(&s->timers[i]);
    }
    if ((old ^ s->config) & HPET_CONF_LEGACY) {
        irq_set(s->out[HPET_OUT_LEGACY_ACTIVE], !!(s->config & HPET_CONF_LEGACY));
    }
}

static void hpet_timer_write(HpetTimer *t, unsigned reg, uint64_t val, unsigned offset,
                             unsigned size)
{
    switch (reg) {
    case HPET_TN_CONF: {
        uint64_t v = merge64(t->config, val, offset, size);
        t->config = (t->config & ~HPET_TN_WMASK) | (v & HPET_TN_WMASK);
        if (!(t->s->intcap >> extract64(t->config, HPET_TN_ROUTE_SHIFT, 5) & 1)) {
            /* a route the timer cannot take reads back as the lowest allowed one */
            t->config = deposit64(t->config, HPET_TN_ROUTE_SHIFT, 5,
                                  t->s->intcap ? ctz64(t->s->intcap) : 0);
        }
        if (t->config & HPET_TN_32BIT) {
            t->cmp = (uint32_t)t->cmp;
            t->period = (uint32_t)t->period;
        }
        if (!(t->config & HPET_TN_LEVEL)) {
            t->s->isr &= ~(1ull << t->index);
        }
        hpet_update_level(t);
        hpet_timer_arm(t);
        break;
    }
    case HPET_TN_CMP: {
        bool periodic = t->config & HPET_TN_PERIODIC;
        if (t->config & HPET_TN_32BIT) {
            if (offset & 4) {
                break;                   /* the upper half of a 32-bit comparator */
            }
            val = (uint32_t)val;
            size = 8;
        }
        if (!periodic || (t->config & HPET_TN_VAL_SET)) {
            t->cmp = merge64(t->cmp, val, offset, size);
        }
        if (periodic) {
            t->period = merge64(t->period, val, offset, size);
        }
        t->config &= ~HPET_TN_VAL_SET;
        hpet_timer_arm(t);
        break;
    }
    case HPET_TN_FSB:
        t->fsb = merge64(t->fsb, val, offset, size);
        break;
    default:
        break;
    }
}

static void hpet_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    HpetState *s = opaque;
    uint64_t reg = addr & ~7ull;
    unsigned offset = addr & 7;
    HPET_LOG("hpet: write %#05llx <- %#llx (%u)\n", (unsigned long long)addr,
             (unsigned long long)val, size);
    if (reg >= HPET_TIMER0 && reg < HPET_TIMER0 + HPET_NUM_TIMERS * HPET_TIMER_STRIDE) {
        hpet_timer_write(&s->timers[(reg - HPET_TIMER0) / HPET_TIMER_STRIDE],
                         (reg - HPET_TIMER0) % HPET_TIMER_STRIDE, val, offset, size);
        return;
    }
    switch (reg) {
    case HPET_GEN_CONF:
        hpet_set_config(s, merge64(s->config, val, offset, size));
        break;
    case HPET_GINTR_STA: {
        uint64_t clear = merge64(0, val, offset, size);
        s->isr &= ~clear;
        for (int i = 0; i < HPET_NUM_TIMERS; i++) {
            hpet_update_level(&s->timers[i]);
        }
        break;
    }
    case HPET_MAIN_COUNTER:
        /* the spec asks software to halt the counter first; a running one restarts here */
        s->counter_base = merge64(hpet_counter(s), val, offset, size);
        s->start_ns = clock_get_ns(EMU_CLOCK_VIRTUAL);
        for (int i = 0; i < HPET_NUM_TIMERS; i++) {
            hpet_timer_arm(&s->timers[i]);
        }
        break;
    default:
        break;                       /* GCAP_ID and reserved space are read-only */
    }
}

static uint64_t hpet_read(void *opaque, uint64_t addr, unsigned size)
{
    HpetState *s = opaque;
    uint64_t v = hpet_reg_read64(s, addr & ~7ull);
    if (size == 4) {
        v = addr & 4 ? v >> 32 : (uint32_t)v;
    }
    return v;
}

static const MemoryRegionOps hpet_mmio_ops = {
    .read = hpet_read,
    .write = hpet_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 8 },
};

/* ---- the device ----------------------------------------------------------- */

static void hpet_reset(DeviceState *dev)
{
    HpetState *s = hpet_of(dev);
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        HpetTimer *t = &s->timers[i];
        timer_del(t->timer);
        if (t->line >= 0) {
            irq_lower(s->out[t->line]);
            t->line = -1;
        }
        t->config = HPET_TN_PER_CAP | HPET_TN_SIZE_CAP | (s->intcap & 0xffffffff) << 32;
        t->cmp = UINT64_MAX;
        t->period = 0;
        t->fsb = 0;
    }
    if (s->config & HPET_CONF_LEGACY) {
        irq_lower(s->out[HPET_OUT_LEGACY_ACTIVE]);
    }
    s->config = 0;
    s->isr = 0;
    s->counter_base = 0;
    s->start_ns = 0;
}

static void hpet_realize(DeviceState *dev, Error **errp)
{
    HpetState *s = hpet_of(dev);
    memory_region_init_io(&s->iomem, OBJECT(s), &hpet_mmio_ops, s, "hpet", HPET_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    qdev_init_gpio_out(dev, s->out, HPET_NUM_OUTPUTS);
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        HpetTimer *t = &s->timers[i];
        t->s = s;
        t->index = i;
        t->line = -1;
        t->timer = timer_new_ns(EMU_CLOCK_VIRTUAL, hpet_timer_cb, t);
    }
}

static void hpet_unrealize(DeviceState *dev)
{
    HpetState *s = hpet_of(dev);
    for (int i = 0; i < HPET_NUM_TIMERS; i++) {
        timer_free(s->timers[i].timer);
        s->timers[i].timer = NULL;
    }
    if (s->iomem.container) {
        memory_region_del_subregion(s->iomem.container, &s->iomem);
    }
}

static Property hpet_props[] = {
    { .name = "intcap", .kind = PROP_UINT, .offset = offsetof(HpetState, intcap),
      .def_uint = 0x00ff0104, .min = 1, .max = 0xffffff,
      .help = "IOAPIC pins a timer may be routed to (bit n: pin n)" },
    PROP_END,
};

static void hpet_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = hpet_realize;
    dc->unrealize = hpet_unrealize;
    dc->reset = hpet_reset;
    device_class_set_props(dc, hpet_props);
}

static const TypeInfo hpet_info = {
    .name = TYPE_HPET,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(HpetState),
    .description = "HPET, 3 timers at 10 MHz",
    .class_init = hpet_class_init,
};
TYPE_REGISTER(hpet_info)
