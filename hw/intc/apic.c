/*
 * apic.c — the local xAPIC (`apic`), the interrupt controller in front of
 * one x86 CPU (Intel SDM vol. 3A, chapter 11 "Advanced Programmable
 * Interrupt Controller").
 *
 * Offers: the controller side of include/hw/i386/x86-intr.h (apic_intr_ops:
 * INTA acknowledge, IA32_APIC_BASE, CR8), apic_deliver_irq() for the IOAPIC
 * (and later MSI), IPIs between the APICs of a machine, EOI broadcast to
 * listeners for level-triggered vectors.
 * Needs: its CPU (apic_connect_cpu) to raise CPU_INTERRUPT_HARD/NMI/INIT/
 * SIPI/SMI on; the 8259's acknowledge (apic_set_extint_ack) for ExtINT.
 * MMIO: 4 KiB, the xAPIC register page (one 32-bit register every 16
 * bytes); GPIO in: LINT0, LINT1 (levels).  Property: id (APIC ID).
 *
 * Modelled: ID, version 0x14 with 6 LVTs, TPR/APR/PPR, EOI, LDR/DFR (flat
 * and cluster logical destinations), SVR (software enable, spurious
 * vector, LVT masks forced while disabled), the 256-bit ISR/TMR/IRR, ESR
 * (errors latched by a write), ICR (fixed, lowest priority, SMI, NMI,
 * INIT, start-up, ExtINT; physical and logical destinations; the self, all
 * and all-but-self shorthands), the LVT timer (one-shot and periodic on
 * EMU_CLOCK_VIRTUAL at APIC_BUS_FREQ_HZ / divide), LINT0/LINT1 (fixed,
 * NMI, ExtINT), thermal/perf/error LVTs stored (error delivered).
 * Not modelled: TSC-deadline timer mode, x2APIC, directed EOI, the remote
 * read register (reads 0), arbitration IDs.
 *
 * Virtual wire: while the APIC is disabled (IA32_APIC_BASE bit 11 clear,
 * or SVR bit 8 clear) LINT0 is passed straight to the CPU's INTR and
 * LINT1 to NMI, as a PC at reset, so firmware and early kernels that only
 * know the 8259 work; once enabled, LINT0 reaches the CPU only through an
 * unmasked ExtINT LVT (SeaBIOS programs LINT0 = ExtINT, LINT1 = NMI).
 */
#include "hw/intc/apic.h"

#include "exec/main-loop.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/sysbus.h"
#include "util/bitops.h"
#include "util/error.h"
#include "util/log.h"

#include <string.h>

LOG_ITEM(log_apic, "apic", "local APIC register accesses and deliveries");
#define APIC_LOG(...) \
    do { if (log_enabled(log_apic)) { log_printf(__VA_ARGS__); } } while (0)

/* Register offsets >> 4 (SDM vol. 3A table 11-1). */
enum ApicReg {
    APIC_REG_ID = 0x02,
    APIC_REG_VERSION = 0x03,
    APIC_REG_TPR = 0x08,
    APIC_REG_APR = 0x09,
    APIC_REG_PPR = 0x0a,
    APIC_REG_EOI = 0x0b,
    APIC_REG_RRD = 0x0c,
    APIC_REG_LDR = 0x0d,
    APIC_REG_DFR = 0x0e,
    APIC_REG_SVR = 0x0f,
    APIC_REG_ISR0 = 0x10,          /* .. 0x17 */
    APIC_REG_TMR0 = 0x18,          /* .. 0x1f */
    APIC_REG_IRR0 = 0x20,          /* .. 0x27 */
    APIC_REG_ESR = 0x28,
    APIC_REG_ICR_LO = 0x30,
    APIC_REG_ICR_HI = 0x31,
    APIC_REG_LVT0 = 0x32,          /* first of the APIC_LVT_N LVTs, in ApicLvt order */
    APIC_REG_TIMER_INITIAL = 0x38,
    APIC_REG_TIMER_CURRENT = 0x39,
    APIC_REG_TIMER_DIVIDE = 0x3e,
};

/* The local vector table, in register order from APIC_REG_LVT0. */
enum ApicLvt {
    APIC_LVT_TIMER,
    APIC_LVT_THERMAL,
    APIC_LVT_PERF,
    APIC_LVT_LINT0,
    APIC_LVT_LINT1,
    APIC_LVT_ERROR,
    APIC_LVT_N,
};

/* Writable bits of each LVT (delivery status, remote IRR are read-only). */
static const uint32_t apic_lvt_wmask[APIC_LVT_N] = {
    [APIC_LVT_TIMER] = 0x000700ff,     /* vector, mask, timer mode */
    [APIC_LVT_THERMAL] = 0x000107ff,   /* vector, delivery mode, mask */
    [APIC_LVT_PERF] = 0x000107ff,
    [APIC_LVT_LINT0] = 0x0001a7ff,     /* + polarity, trigger */
    [APIC_LVT_LINT1] = 0x0001a7ff,
    [APIC_LVT_ERROR] = 0x000100ff,     /* vector, mask */
};

#define APIC_VERSION 0x14
#define APIC_LVT_MASKED BIT(16)
#define APIC_LVT_LEVEL BIT(15)
#define APIC_LVT_TIMER_PERIODIC BIT(17)
#define APIC_SVR_ENABLE BIT(8)
#define APIC_ICR_DELIVERY_STATUS BIT(12)
#define APIC_ICR_ASSERT BIT(14)

#define APIC_BASE_BSP BIT(8)
#define APIC_BASE_ENABLE BIT(11)
#define APIC_BASE_ADDR_MASK 0x0000000ffffff000ull   /* 36 physical address bits */

/* ESR bits (SDM vol. 3A 11.5.3). */
#define APIC_ESR_SEND_ILLEGAL_VECTOR BIT(5)
#define APIC_ESR_RECV_ILLEGAL_VECTOR BIT(6)
#define APIC_ESR_ILLEGAL_REGISTER BIT(7)

/* ICR destination shorthands (bits 19:18). */
enum {
    APIC_SH_NONE,
    APIC_SH_SELF,
    APIC_SH_ALL,
    APIC_SH_OTHERS,
};

typedef struct ApicState ApicState;

struct ApicState {
    SysBusDevice parent;
    MemoryRegion iomem;
    uint64_t id_prop;              /* property: the APIC ID at power-on */

    CPUState *cpu;
    const ApicCpuHooks *hooks;
    int (*extint_ack)(DeviceState *pic);
    DeviceState *pic;
    Timer *timer;
    ApicState *next;               /* every realized APIC (IPIs, IOAPIC messages) */

    uint64_t apicbase;             /* IA32_APIC_BASE */
    uint8_t id;
    uint8_t tpr;
    uint32_t ldr, dfr, svr;
    uint32_t esr, esr_pending;     /* read value (latched by a write), errors since */
    uint32_t isr[8], tmr[8], irr[8];
    uint32_t lvt[APIC_LVT_N];
    uint32_t icr_lo, icr_hi;
    uint32_t timer_initial, timer_divide;
    int64_t timer_start_ns;        /* when the current count was timer_initial */
    int lint_level[2];
    bool extint_msg;               /* an ExtINT message (ICR/IOAPIC) waits for INTA */
};

static ApicState *apic_list;

typedef struct ApicEoiEntry {
    ApicEoiListener *fn;
    void *opaque;
} ApicEoiEntry;

static ApicEoiEntry apic_eoi_listeners[8];

static ApicState *apic_of(DeviceState *dev)
{
    return OBJECT_CHECK(ApicState, dev, TYPE_APIC);
}

/* ---- the 256-bit registers ------------------------------------------------ */

static void vec_set(uint32_t *r, unsigned v) { r[v >> 5] |= 1u << (v & 31); }
static void vec_clear(uint32_t *r, unsigned v) { r[v >> 5] &= ~(1u << (v & 31)); }
static bool vec_test(const uint32_t *r, unsigned v) { return r[v >> 5] >> (v & 31) & 1; }

/* The highest set vector, or -1. */
static int vec_highest(const uint32_t *r)
{
    for (int i = 7; i >= 0; i--) {
        if (r[i]) {
            return i * 32 + 31 - clz32(r[i]);
        }
    }
    return -1;
}

/* ---- priorities ------------------------------------------------------------ */

/* PPR (SDM 11.8.3.1): TPR when its class is at least the ISR's, else the ISR's class. */
static uint8_t apic_ppr(const ApicState *s)
{
    int isrv = vec_highest(s->isr);
    uint8_t isr_class = isrv < 0 ? 0 : isrv & 0xf0;
    return (s->tpr & 0xf0) >= isr_class ? s->tpr : isr_class;
}

/* APR (SDM 11.6.2.4 for P6 lowest-priority arbitration). */
static uint8_t apic_apr(const ApicState *s)
{
    int irrv = vec_highest(s->irr), isrv = vec_highest(s->isr);
    uint8_t irr_class = irrv < 0 ? 0 : irrv & 0xf0;
    uint8_t isr_class = isrv < 0 ? 0 : isrv & 0xf0;
    if ((s->tpr & 0xf0) >= irr_class && (s->tpr & 0xf0) > isr_class) {
        return s->tpr;
    }
    return MAX(MAX(s->tpr & 0xf0, irr_class), isr_class);
}

static bool apic_hw_enabled(const ApicState *s)
{
    return s->apicbase & APIC_BASE_ENABLE;
}

static bool apic_enabled(const ApicState *s)
{
    return apic_hw_enabled(s) && (s->svr & APIC_SVR_ENABLE);
}

/* Virtual wire: LINT0/LINT1 go straight to INTR/NMI. */
static bool apic_passthrough(const ApicState *s)
{
    return !apic_enabled(s);
}

static unsigned lvt_mode(uint32_t lvt)
{
    return extract32(lvt, 8, 3);
}

/* The 8259 behind LINT0 has the CPU's INTR: pass-through, or an unmasked ExtINT LVT. */
static bool apic_extint_active(const ApicState *s)
{
    if (s->extint_msg) {
        return true;
    }
    if (!s->lint_level[0]) {
        return false;
    }
    uint32_t lvt = s->lvt[APIC_LVT_LINT0];
    return apic_passthrough(s) ||
           (!(lvt & APIC_LVT_MASKED) && lvt_mode(lvt) == APIC_DM_EXTINT);
}

/* The highest IRR vector that may interrupt now, or -1. */
static int apic_deliverable(const ApicState *s)
{
    int v = vec_highest(s->irr);
    if (v < 0 || !apic_enabled(s) || (v & 0xf0) <= (apic_ppr(s) & 0xf0)) {
        return -1;
    }
    return v;
}

/* Raise or lower the CPU's INTR to match the state. */
static void apic_update_irq(ApicState *s)
{
    if (!s->cpu) {
        return;
    }
    if (apic_extint_active(s) || apic_deliverable(s) >= 0) {
        cpu_interrupt(s->cpu, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(s->cpu, CPU_INTERRUPT_HARD);
    }
}

bool apic_intr_pending(DeviceState *dev)
{
    ApicState *s = apic_of(dev);
    return apic_extint_active(s) || apic_deliverable(s) >= 0;
}

/* ---- accepting interrupts ------------------------------------------------- */

static void apic_error(ApicState *s, uint32_t bits);

/* A fixed interrupt arrives: IRR (and TMR with its trigger mode). */
static void apic_set_irq(ApicState *s, uint8_t vector, int trigger)
{
    if (vector < 16) {
        apic_error(s, APIC_ESR_RECV_ILLEGAL_VECTOR);
        return;
    }
    vec_set(s->irr, vector);
    if (trigger == APIC_TRIGGER_LEVEL) {
        vec_set(s->tmr, vector);
    } else {
        vec_clear(s->tmr, vector);
    }
    APIC_LOG("apic %u: irr %#x%s\n", s->id, vector,
           trigger == APIC_TRIGGER_LEVEL ? " level" : "");
    apic_update_irq(s);
}

static void apic_error(ApicState *s, uint32_t bits)
{
    s->esr_pending |= bits;
    uint32_t lvt = s->lvt[APIC_LVT_ERROR];
    if (!(lvt & APIC_LVT_MASKED) && apic_enabled(s) && (lvt & 0xff) >= 16) {
        apic_set_irq(s, lvt & 0xff, APIC_TRIGGER_EDGE);
    }
}

static void apic_init_state(ApicState *s);

/* One APIC accepts a message (IPI, IOAPIC, LVT) of delivery mode dm. */
static void apic_accept(ApicState *s, int dm, uint8_t vector, int trigger)
{
    switch (dm) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWPRI:
        apic_set_irq(s, vector, trigger);
        break;
    case APIC_DM_SMI:
        if (s->cpu) {
            cpu_interrupt(s->cpu, CPU_INTERRUPT_SMI);
        }
        break;
    case APIC_DM_NMI:
        if (s->cpu) {
            cpu_interrupt(s->cpu, CPU_INTERRUPT_NMI);
        }
        break;
    case APIC_DM_INIT:
        /* the APIC goes to its INIT state too (ID and base kept, SDM 11.4.7.3) */
        apic_init_state(s);
        apic_update_irq(s);          /* only a virtual-wire LINT0 can still assert INTR */
        if (s->cpu) {
            cpu_interrupt(s->cpu, CPU_INTERRUPT_INIT);
        }
        break;
    case APIC_DM_SIPI:
        if (s->cpu) {
            if (s->hooks && s->hooks->set_sipi_vector) {
                s->hooks->set_sipi_vector(s->cpu, vector);
            }
            cpu_interrupt(s->cpu, CPU_INTERRUPT_SIPI);
        }
        break;
    case APIC_DM_EXTINT:
        s->extint_msg = true;
        apic_update_irq(s);
        break;
    default:
        break;                       /* reserved modes: ignored */
    }
}

/* Whether s is addressed by dest in dest_mode (SDM 11.6.2). */
static bool apic_match_dest(const ApicState *s, uint8_t dest, int dest_mode)
{
    if (dest_mode == APIC_DEST_PHYSICAL) {
        return dest == 0xff || dest == s->id;
    }
    if (dest == 0xff) {
        return true;
    }
    uint8_t ld = s->ldr >> 24;
    if ((s->dfr >> 28) == 0xf) {         /* flat model: a bit per APIC */
        return (ld & dest) != 0;
    }
    /* cluster model: cluster in the high nibble, a bit per APIC in the low one */
    return (ld >> 4) == (dest >> 4) && (ld & dest & 0xf) != 0;
}

/* Lowest priority: of the addressed APICs the one with the lowest APR. */
static ApicState *apic_lowest(ApicState **set, int n)
{
    ApicState *best = NULL;
    for (int i = 0; i < n; i++) {
        if (!best || apic_apr(set[i]) < apic_apr(best)) {
            best = set[i];
        }
    }
    return best;
}

static void apic_deliver_set(ApicState **set, int n, int dm, uint8_t vector, int trigger)
{
    if (dm == APIC_DM_LOWPRI) {
        ApicState *t = apic_lowest(set, n);
        if (t) {
            apic_accept(t, dm, vector, trigger);
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        apic_accept(set[i], dm, vector, trigger);
    }
}

/* At most this many APICs in one machine (xAPIC IDs are 8 bits). */
#define APIC_MAX 256

void apic_deliver_irq(uint8_t dest, int dest_mode, int delivery_mode, uint8_t vector,
                      int trigger)
{
    ApicState *set[APIC_MAX];
    int n = 0;
    for (ApicState *s = apic_list; s && n < APIC_MAX; s = s->next) {
        if (apic_match_dest(s, dest, dest_mode)) {
            set[n++] = s;
        }
    }
    APIC_LOG("apic: message dest %#x/%s mode %d vector %#x: %d APIC(s)\n", dest,
           dest_mode == APIC_DEST_LOGICAL ? "logical" : "physical", delivery_mode, vector, n);
    apic_deliver_set(set, n, delivery_mode, vector, trigger);
}

/* ICR low written: send the IPI it describes. */
static void apic_send_ipi(ApicState *s)
{
    uint32_t lo = s->icr_lo;
    uint8_t vector = lo & 0xff;
    int dm = extract32(lo, 8, 3);
    int dest_mode = extract32(lo, 11, 1);
    int trigger = extract32(lo, 15, 1);
    int shorthand = extract32(lo, 18, 2);
    uint8_t dest = s->icr_hi >> 24;

    if (dm == APIC_DM_INIT && trigger == APIC_TRIGGER_LEVEL && !(lo & APIC_ICR_ASSERT)) {
        return;                      /* INIT level de-assert: only resynchronises arbitration IDs */
    }
    if ((dm == APIC_DM_FIXED || dm == APIC_DM_LOWPRI) && vector < 16) {
        apic_error(s, APIC_ESR_SEND_ILLEGAL_VECTOR);
        return;
    }
    ApicState *set[APIC_MAX];
    int n = 0;
    for (ApicState *t = apic_list; t && n < APIC_MAX; t = t->next) {
        bool hit;
        switch (shorthand) {
        case APIC_SH_SELF:
            hit = t == s;
            break;
        case APIC_SH_ALL:
            hit = true;
            break;
        case APIC_SH_OTHERS:
            hit = t != s;
            break;
        default:
            hit = apic_match_dest(t, dest, dest_mode);
            break;
        }
        if (hit) {
            set[n++] = t;
        }
    }
    APIC_LOG("apic %u: IPI icr %#x:%08x to %d APIC(s)\n", s->id, s->icr_hi, lo, n);
    apic_deliver_set(set, n, dm, vector, trigger);
}

/* A local interrupt source fires through its LVT entry. */
static void apic_lvt_fire(ApicState *s, int lvt_index)
{
    uint32_t lvt = s->lvt[lvt_index];
    if ((lvt & APIC_LVT_MASKED) || !apic_enabled(s)) {
        return;
    }
    int dm = lvt_index == APIC_LVT_TIMER || lvt_index == APIC_LVT_ERROR ? APIC_DM_FIXED
                                                                       : lvt_mode(lvt);
    int trigger = (lvt_index == APIC_LVT_LINT0 || lvt_index == APIC_LVT_LINT1) &&
                  (lvt & APIC_LVT_LEVEL) ? APIC_TRIGGER_LEVEL : APIC_TRIGGER_EDGE;
    if (dm == APIC_DM_EXTINT) {
        apic_update_irq(s);          /* INTR follows LINT0's level (apic_extint_active) */
        return;
    }
    apic_accept(s, dm, lvt & 0xff, trigger);
}

static void apic_lint_set(void *opaque, int n, int level)
{
    ApicState *s = opaque;
    int old = s->lint_level[n];
    s->lint_level[n] = level != 0;
    if (apic_passthrough(s)) {
        if (n == 0) {
            apic_update_irq(s);
        } else if (level && !old && s->cpu) {
            cpu_interrupt(s->cpu, CPU_INTERRUPT_NMI);
        }
        return;
    }
    int lvt_index = n == 0 ? APIC_LVT_LINT0 : APIC_LVT_LINT1;
    if (lvt_mode(s->lvt[lvt_index]) == APIC_DM_EXTINT) {
        apic_update_irq(s);
    } else if (level && !old) {
        apic_lvt_fire(s, lvt_index);
    }
}

/* ---- the timer ------------------------------------------------------------ */

/* Nanoseconds per count: the bus clock divided per TIMER_DIVIDE bits 3,1:0. */
static int64_t apic_timer_ns_per_count(const ApicState *s)
{
    unsigned v = (s->timer_divide & 3) | (s->timer_divide >> 1 & 4);
    unsigned shift = (v + 1) & 7;  /* 0b000 -> 2, ..., 0b110 -> 128, 0b111 -> 1 */
    return (int64_t)(1u << shift) * (NANOSECONDS_PER_SECOND / APIC_BUS_FREQ_HZ);
}

static bool apic_timer_periodic(const ApicState *s)
{
    return s->lvt[APIC_LVT_TIMER] & APIC_LVT_TIMER_PERIODIC;
}

static uint32_t apic_timer_current(const ApicState *s)
{
    if (!s->timer_initial) {
        return 0;
    }
    int64_t counts = (clock_get_ns(EMU_CLOCK_VIRTUAL) - s->timer_start_ns) /
                     apic_timer_ns_per_count(s);
    if (apic_timer_periodic(s)) {
        return s->timer_initial - counts % s->timer_initial;
    }
    return counts >= s->timer_initial ? 0 : s->timer_initial - counts;
}

/* Arm the QEMU-side timer for the next time the count reaches 0. */
static void apic_timer_arm(ApicState *s)
{
    if (!s->timer_initial) {
        timer_del(s->timer);
        return;
    }
    int64_t period = (int64_t)s->timer_initial * apic_timer_ns_per_count(s);
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    int64_t expire = s->timer_start_ns + period;
    if (apic_timer_periodic(s)) {
        if (expire <= now) {
            /* periods passed while nobody looked: restart from the latest boundary */
            s->timer_start_ns += (now - s->timer_start_ns) / period * period;
            expire = s->timer_start_ns + period;
        }
    } else if (expire <= now) {
        timer_del(s->timer);         /* a one-shot count that already reached 0 */
        return;
    }
    timer_mod(s->timer, expire);
}

static void apic_timer_cb(void *opaque)
{
    ApicState *s = opaque;
    if (!s->timer_initial) {
        return;
    }
    if (apic_timer_periodic(s)) {
        s->timer_start_ns += (int64_t)s->timer_initial * apic_timer_ns_per_count(s);
        apic_timer_arm(s);
    }
    apic_lvt_fire(s, APIC_LVT_TIMER);
}

/* ---- registers ------------------------------------------------------------ */

static void apic_mask_all_lvts(ApicState *s)
{
    for (int i = 0; i < APIC_LVT_N; i++) {
        s->lvt[i] |= APIC_LVT_MASKED;
    }
}

/* The state after INIT (SDM 11.4.7.3): everything but the ID and IA32_APIC_BASE. */
static void apic_init_state(ApicState *s)
{
    s->tpr = 0;
    s->ldr = 0;
    s->dfr = 0xffffffff;
    s->svr = 0xff;
    s->esr = s->esr_pending = 0;
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    memset(s->irr, 0, sizeof(s->irr));
    for (int i = 0; i < APIC_LVT_N; i++) {
        s->lvt[i] = APIC_LVT_MASKED;
    }
    s->icr_lo = s->icr_hi = 0;
    s->timer_initial = 0;
    s->timer_divide = 0;
    s->timer_start_ns = 0;
    s->extint_msg = false;
    if (s->timer) {
        timer_del(s->timer);
    }
}

static void apic_eoi(ApicState *s)
{
    int v = vec_highest(s->isr);
    if (v < 0) {
        return;
    }
    vec_clear(s->isr, v);
    if (vec_test(s->tmr, v)) {
        for (unsigned i = 0; i < ARRAY_SIZE(apic_eoi_listeners); i++) {
            if (apic_eoi_listeners[i].fn) {
                apic_eoi_listeners[i].fn(apic_eoi_listeners[i].opaque, v);
            }
        }
    }
    apic_update_irq(s);
}

static uint32_t apic_reg_read(ApicState *s, unsigned reg)
{
    if (reg >= APIC_REG_ISR0 && reg < APIC_REG_ISR0 + 8) {
        return s->isr[reg - APIC_REG_ISR0];
    }
    if (reg >= APIC_REG_TMR0 && reg < APIC_REG_TMR0 + 8) {
        return s->tmr[reg - APIC_REG_TMR0];
    }
    if (reg >= APIC_REG_IRR0 && reg < APIC_REG_IRR0 + 8) {
        return s->irr[reg - APIC_REG_IRR0];
    }
    if (reg >= APIC_REG_LVT0 && reg < APIC_REG_LVT0 + APIC_LVT_N) {
        return s->lvt[reg - APIC_REG_LVT0];
    }
    switch (reg) {
    case APIC_REG_ID:
        return (uint32_t)s->id << 24;
    case APIC_REG_VERSION:
        return APIC_VERSION | (APIC_LVT_N - 1) << 16;
    case APIC_REG_TPR:
        return s->tpr;
    case APIC_REG_APR:
        return apic_apr(s);
    case APIC_REG_PPR:
        return apic_ppr(s);
    case APIC_REG_LDR:
        return s->ldr;
    case APIC_REG_DFR:
        return s->dfr;
    case APIC_REG_SVR:
        return s->svr;
    case APIC_REG_ESR:
        return s->esr;
    case APIC_REG_ICR_LO:
        return s->icr_lo;          /* delivery status: always idle (sent at once) */
    case APIC_REG_ICR_HI:
        return s->icr_hi;
    case APIC_REG_TIMER_INITIAL:
        return s->timer_initial;
    case APIC_REG_TIMER_CURRENT:
        return apic_timer_current(s);
    case APIC_REG_TIMER_DIVIDE:
        return s->timer_divide;
    case APIC_REG_EOI:
    case APIC_REG_RRD:
        return 0;
    default:
        apic_error(s, APIC_ESR_ILLEGAL_REGISTER);
        return 0;
    }
}

static void apic_reg_write(ApicState *s, unsigned reg, uint32_t val)
{
    if (reg >= APIC_REG_LVT0 && reg < APIC_REG_LVT0 + APIC_LVT_N) {
        int i = reg - APIC_REG_LVT0;
        bool was_periodic = apic_timer_periodic(s);
        s->lvt[i] = (s->lvt[i] & ~apic_lvt_wmask[i]) | (val & apic_lvt_wmask[i]);
        if (!(s->svr & APIC_SVR_ENABLE)) {
            s->lvt[i] |= APIC_LVT_MASKED;       /* forced while software-disabled */
        }
        if (i == APIC_LVT_TIMER && was_periodic != apic_timer_periodic(s)) {
            apic_timer_arm(s);
        }
        if (i == APIC_LVT_LINT0) {
            apic_update_irq(s);                 /* ExtINT may have been (un)masked */
        }
        return;
    }
    switch (reg) {
    case APIC_REG_ID:
        s->id = val >> 24;
        break;
    case APIC_REG_TPR:
        s->tpr = val & 0xff;
        apic_update_irq(s);
        break;
    case APIC_REG_EOI:
        apic_eoi(s);
        break;
    case APIC_REG_LDR:
        s->ldr = val & 0xff000000;
        break;
    case APIC_REG_DFR:
        s->dfr = val | 0x0fffffff;
        break;
    case APIC_REG_SVR:
        s->svr = val & 0x1ff;       /* vector and APIC software enable */
        if (!(s->svr & APIC_SVR_ENABLE)) {
            apic_mask_all_lvts(s);
        }
        apic_update_irq(s);
        break;
    case APIC_REG_ESR:
        s->esr = s->esr_pending;
        s->esr_pending = 0;
        break;
    case APIC_REG_ICR_LO:
        s->icr_lo = val & ~APIC_ICR_DELIVERY_STATUS & 0x000ccfff;
        apic_send_ipi(s);
        break;
    case APIC_REG_ICR_HI:
        s->icr_hi = val & 0xff000000;
        break;
    case APIC_REG_TIMER_INITIAL:
        s->timer_initial = val;
        s->timer_start_ns = clock_get_ns(EMU_CLOCK_VIRTUAL);
        apic_timer_arm(s);
        break;
    case APIC_REG_TIMER_DIVIDE: {
        /* keep the current count, count on at the new rate */
        uint32_t cur = apic_timer_current(s);
        s->timer_divide = val & 0xb;
        if (s->timer_initial && cur) {
            s->timer_start_ns = clock_get_ns(EMU_CLOCK_VIRTUAL) -
                                (int64_t)(s->timer_initial - cur) * apic_timer_ns_per_count(s);
            apic_timer_arm(s);
        }
        break;
    }
    case APIC_REG_VERSION:
    case APIC_REG_APR:
    case APIC_REG_PPR:
    case APIC_REG_RRD:
    case APIC_REG_TIMER_CURRENT:
        break;                       /* read-only */
    default:
        if (!(reg >= APIC_REG_ISR0 && reg < APIC_REG_IRR0 + 8)) {
            apic_error(s, APIC_ESR_ILLEGAL_REGISTER);
        }
        break;
    }
}

/* The APIC of the CPU making the access; the region's own APIC for others. */
static ApicState *apic_for_access(ApicState *owner)
{
    CPUState *cpu = current_cpu;
    if (cpu) {
        for (ApicState *s = apic_list; s; s = s->next) {
            if (s->cpu == cpu) {
                return s;
            }
        }
    }
    return owner;
}

static uint64_t apic_mmio_read(void *opaque, uint64_t addr, unsigned size)
{
    ApicState *s = apic_for_access(opaque);
    if (addr & 0xf) {
        return 0;                    /* the padding between registers */
    }
    uint32_t v = apic_reg_read(s, addr >> 4);
    APIC_LOG("apic %u: read %#05x -> %#x\n", s->id, (unsigned)addr, v);
    return v;
}

static void apic_mmio_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ApicState *s = apic_for_access(opaque);
    if (addr & 0xf) {
        return;
    }
    APIC_LOG("apic %u: write %#05x <- %#x\n", s->id, (unsigned)addr, (uint32_t)val);
    apic_reg_write(s, addr >> 4, val);
}

static const MemoryRegionOps apic_mmio_ops = {
    .read = apic_mmio_read,
    .write = apic_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- the CPU's side (x86-intr.h) ------------------------------------------ */

/*
 * The CPU calls these from its vCPU thread without the I/O lock, while
 * timers, devices (the IOAPIC, the 8259 on LINT0) and other CPUs' IPIs
 * reach the APIC with it held: each hook takes the lock unless its caller
 * already holds it, as MMIO dispatch does.
 */
static bool apic_lock(void)
{
    if (bql_locked()) {
        return false;
    }
    bql_lock();
    return true;
}

static void apic_unlock(bool taken)
{
    if (taken) {
        bql_unlock();
    }
}

static int apic_ack_locked(ApicState *s);

static int apic_ack(void *opaque)
{
    bool taken = apic_lock();
    int v = apic_ack_locked(apic_of(opaque));
    apic_unlock(taken);
    return v;
}

static int apic_ack_locked(ApicState *s)
{
    if (apic_extint_active(s)) {
        /* ExtINT: the 8259 answers the INTA cycle, the APIC keeps no state */
        s->extint_msg = false;
        int v = s->extint_ack ? s->extint_ack(s->pic) : -1;
        apic_update_irq(s);
        return v;
    }
    if (!apic_enabled(s)) {
        apic_update_irq(s);
        return -1;
    }
    int v = apic_deliverable(s);
    if (v < 0) {
        /* raised, then masked by TPR or taken away: the spurious vector (SDM 11.9) */
        apic_update_irq(s);
        return s->svr & 0xff;
    }
    vec_clear(s->irr, v);
    vec_set(s->isr, v);
    apic_update_irq(s);
    return v;
}

static uint64_t apic_get_base(void *opaque)
{
    bool taken = apic_lock();
    uint64_t v = apic_of(opaque)->apicbase;
    apic_unlock(taken);
    return v;
}

static bool apic_set_base_locked(ApicState *s, uint64_t value);

static bool apic_set_base(void *opaque, uint64_t value)
{
    bool taken = apic_lock();
    bool ok = apic_set_base_locked(apic_of(opaque), value);
    apic_unlock(taken);
    return ok;
}

static bool apic_set_base_locked(ApicState *s, uint64_t value)
{
    /* reserved bits, or x2APIC mode (bit 10), which this APIC does not have: #GP */
    if (value & ~(APIC_BASE_ADDR_MASK | APIC_BASE_ENABLE | APIC_BASE_BSP)) {
        return false;
    }
    bool was_enabled = apic_hw_enabled(s);
    s->apicbase = (value & ~APIC_BASE_BSP) | (s->apicbase & APIC_BASE_BSP);
    if (was_enabled && !apic_hw_enabled(s)) {
        apic_init_state(s);          /* a globally disabled APIC loses its state (SDM 11.4.3) */
    }
    if (s->iomem.container) {
        memory_region_set_address(&s->iomem, s->apicbase & APIC_BASE_ADDR_MASK);
        memory_region_set_enabled(&s->iomem, apic_hw_enabled(s));
    }
    apic_update_irq(s);
    return true;
}

static uint8_t apic_get_cr8(void *opaque)
{
    bool taken = apic_lock();
    uint8_t v = apic_of(opaque)->tpr >> 4;
    apic_unlock(taken);
    return v;
}

static void apic_set_cr8(void *opaque, uint8_t cr8)
{
    bool taken = apic_lock();
    ApicState *s = apic_of(opaque);
    s->tpr = (cr8 & 0xf) << 4;
    apic_update_irq(s);
    apic_unlock(taken);
}

const X86IntrControllerOps apic_intr_ops = {
    .ack = apic_ack,
    .get_apic_base = apic_get_base,
    .set_apic_base = apic_set_base,
    .get_cr8 = apic_get_cr8,
    .set_cr8 = apic_set_cr8,
};

/* ---- wiring --------------------------------------------------------------- */

void apic_connect_cpu(DeviceState *dev, CPUState *cs, const ApicCpuHooks *hooks)
{
    ApicState *s = apic_of(dev);
    s->cpu = cs;
    s->hooks = hooks;
    if (cs && cs->cpu_index == 0) {
        s->apicbase |= APIC_BASE_BSP;
    }
    apic_update_irq(s);
}

void apic_set_extint_ack(DeviceState *dev, int (*ack)(DeviceState *pic), DeviceState *pic)
{
    ApicState *s = apic_of(dev);
    s->extint_ack = ack;
    s->pic = pic;
}

void apic_add_eoi_listener(ApicEoiListener *fn, void *opaque)
{
    for (unsigned i = 0; i < ARRAY_SIZE(apic_eoi_listeners); i++) {
        if (!apic_eoi_listeners[i].fn) {
            apic_eoi_listeners[i] = (ApicEoiEntry){ fn, opaque };
            return;
        }
    }
    error_report("apic: too many EOI listeners");
    abort();
}

void apic_remove_eoi_listener(ApicEoiListener *fn, void *opaque)
{
    for (unsigned i = 0; i < ARRAY_SIZE(apic_eoi_listeners); i++) {
        if (apic_eoi_listeners[i].fn == fn && apic_eoi_listeners[i].opaque == opaque) {
            apic_eoi_listeners[i] = (ApicEoiEntry){ NULL, NULL };
        }
    }
}

/* ---- the device ----------------------------------------------------------- */

static void apic_reset(DeviceState *dev)
{
    ApicState *s = apic_of(dev);
    bool bsp = s->cpu && s->cpu->cpu_index == 0;
    s->apicbase = APIC_DEFAULT_ADDRESS | APIC_BASE_ENABLE | (bsp ? APIC_BASE_BSP : 0);
    s->id = s->id_prop;
    apic_init_state(s);
    if (s->iomem.container) {
        memory_region_set_address(&s->iomem, APIC_DEFAULT_ADDRESS);
        memory_region_set_enabled(&s->iomem, true);
    }
    apic_update_irq(s);
}

static void apic_realize(DeviceState *dev, Error **errp)
{
    ApicState *s = apic_of(dev);
    for (ApicState *o = apic_list; o; o = o->next) {
        if (o->id_prop == s->id_prop) {
            error_setg(errp, "apic: APIC ID %u is already used", (unsigned)s->id_prop);
            return;
        }
    }
    memory_region_init_io(&s->iomem, OBJECT(s), &apic_mmio_ops, s, "apic", APIC_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    qdev_init_gpio_in(dev, apic_lint_set, 2);
    s->timer = timer_new_ns(EMU_CLOCK_VIRTUAL, apic_timer_cb, s);
    ApicState **pp = &apic_list;
    while (*pp) {
        pp = &(*pp)->next;
    }
    *pp = s;
}

static void apic_unrealize(DeviceState *dev)
{
    ApicState *s = apic_of(dev);
    for (ApicState **pp = &apic_list; *pp; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    timer_free(s->timer);
    s->timer = NULL;
    if (s->iomem.container) {
        memory_region_del_subregion(s->iomem.container, &s->iomem);
    }
}

static Property apic_props[] = {
    { .name = "id", .kind = PROP_UINT, .offset = offsetof(ApicState, id_prop),
      .def_uint = 0, .min = 0, .max = 254, .help = "APIC ID (0xff is the broadcast)" },
    PROP_END,
};

static void apic_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = apic_realize;
    dc->unrealize = apic_unrealize;
    dc->reset = apic_reset;
    device_class_set_props(dc, apic_props);
}

static const TypeInfo apic_info = {
    .name = TYPE_APIC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ApicState),
    .description = "local APIC (xAPIC) of an x86 CPU",
    .class_init = apic_class_init,
};
TYPE_REGISTER(apic_info)
