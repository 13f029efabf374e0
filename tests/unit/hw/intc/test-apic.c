/*
 * test-apic.c — the local xAPIC driven from outside as a board, a CPU and
 * a guest would: MMIO register accesses at 0xfee00000, the x86-intr.h
 * hooks a CPU calls (ack, APIC base MSR, CR8), the LINT0 line from an
 * 8259 stand-in, and the virtual clock stepped exactly (-icount shift 0).
 *
 * Two bare CPUStates stand in for the CPUs: the tests read their
 * interrupt_request bits, which is all the APIC may touch.  Expected
 * values come from the Intel SDM vol. 3A chapter 11 rules applied by hand
 * (priority classes, PPR, divide encoding, timer arithmetic).
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/intc/apic.h"
#include "hw/sysbus.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>

#include <glib.h>

#define BASE 0xfee00000u

enum {
    R_ID = 0x20, R_VER = 0x30, R_TPR = 0x80, R_APR = 0x90, R_PPR = 0xa0, R_EOI = 0xb0,
    R_LDR = 0xd0, R_DFR = 0xe0, R_SVR = 0xf0, R_ISR = 0x100, R_TMR = 0x180, R_IRR = 0x200,
    R_ESR = 0x280, R_ICR_LO = 0x300, R_ICR_HI = 0x310, R_LVT_TIMER = 0x320,
    R_LVT_LINT0 = 0x350, R_LVT_LINT1 = 0x360, R_LVT_ERROR = 0x370, R_TIMER_INIT = 0x380,
    R_TIMER_CUR = 0x390, R_TIMER_DIV = 0x3e0,
};

typedef struct FakeCpu {
    CPUNegativeOffsetState neg;
    CPUState cs;
} FakeCpu;

static FakeCpu cpu0, cpu1;
static DeviceState *apic0, *apic1;
static int sipi_vector = -1;
static int pic_acks;

static void fake_set_sipi(CPUState *cs, uint8_t vector)
{
    sipi_vector = vector;
}

static const ApicCpuHooks hooks = { .set_sipi_vector = fake_set_sipi };

/* The 8259 stand-in answers INTA with 0x20 + the number of acks so far. */
static int fake_pic_ack(DeviceState *pic)
{
    return 0x20 + pic_acks++;
}

static uint32_t rd(uint32_t reg)
{
    uint32_t v = 0;
    address_space_read(address_space_memory(), BASE + reg, &v, 4);
    return GUINT32_FROM_LE(v);
}

static void wr(uint32_t reg, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_memory(), BASE + reg, &v, 4);
}

static bool intr(FakeCpu *c, uint32_t bit)
{
    return c->cs.interrupt_request & bit;
}

static int ack0(void)
{
    return apic_intr_ops.ack(apic0);
}

static bool irr_bit(int v)
{
    return rd(R_IRR + (v >> 5) * 0x10) >> (v & 31) & 1;
}

static bool isr_bit(int v)
{
    return rd(R_ISR + (v >> 5) * 0x10) >> (v & 31) & 1;
}

static bool tmr_bit(int v)
{
    return rd(R_TMR + (v >> 5) * 0x10) >> (v & 31) & 1;
}

/* Power-on state, both CPUs' lines low, APIC software-enabled with spurious vector 0xff. */
static void fresh(bool enable)
{
    irq_set(qdev_get_gpio_in(apic0, APIC_LINT0), 0);
    irq_set(qdev_get_gpio_in(apic0, APIC_LINT1), 0);
    qdev_reset_all(apic0);
    qdev_reset_all(apic1);
    cpu0.cs.interrupt_request = 0;
    cpu1.cs.interrupt_request = 0;
    if (enable) {
        wr(R_SVR, 0x1ff);
    }
}

static void test_reset_values(void)
{
    fresh(false);
    g_assert_cmphex(rd(R_ID), ==, 0);
    g_assert_cmphex(rd(R_VER), ==, 0x00050014);        /* version 0x14, 6 LVTs */
    g_assert_cmphex(rd(R_SVR), ==, 0xff);
    g_assert_cmphex(rd(R_DFR), ==, 0xffffffff);
    for (uint32_t r = 0x320; r <= 0x370; r += 0x10) {
        g_assert_cmphex(rd(r), ==, 0x10000);            /* every LVT masked */
    }
    g_assert_cmphex(apic_intr_ops.get_apic_base(apic0), ==, 0xfee00900ull);  /* BSP, enabled */
    g_assert_cmphex(apic_intr_ops.get_apic_base(apic1), ==, 0xfee00800ull);
    /* while software-disabled an LVT cannot be unmasked */
    wr(R_LVT_TIMER, 0x30);
    g_assert_cmphex(rd(R_LVT_TIMER), ==, 0x10030);
    /* reserved MSR bits and x2APIC mode are refused (#GP) */
    g_assert_false(apic_intr_ops.set_apic_base(apic0, 0xfee00c00ull));
    g_assert_false(apic_intr_ops.set_apic_base(apic0, 0xfee00801ull));
    /* the BSP bit is read-only */
    g_assert_true(apic_intr_ops.set_apic_base(apic0, 0xfee00800ull));
    g_assert_cmphex(apic_intr_ops.get_apic_base(apic0), ==, 0xfee00900ull);
}

static void test_priority(void)
{
    fresh(true);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x31, APIC_TRIGGER_EDGE);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x62, APIC_TRIGGER_EDGE);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x45, APIC_TRIGGER_EDGE);
    g_assert_true(irr_bit(0x31) && irr_bit(0x45) && irr_bit(0x62));
    g_assert_false(intr(&cpu1, CPU_INTERRUPT_HARD));   /* not addressed */
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmphex(rd(R_PPR), ==, 0);
    g_assert_cmphex(rd(R_APR), ==, 0x60);              /* IRR class 6 above TPR 0 */

    g_assert_cmpint(ack0(), ==, 0x62);                 /* highest first */
    g_assert_true(isr_bit(0x62));
    g_assert_false(irr_bit(0x62));
    g_assert_cmphex(rd(R_PPR), ==, 0x60);              /* the ISR's class */
    /* 0x45 (class 4) cannot interrupt a class 6 handler */
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_false(apic_intr_pending(apic0));
    /* but a higher class nests */
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x7a, APIC_TRIGGER_EDGE);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack0(), ==, 0x7a);
    g_assert_cmphex(rd(R_PPR), ==, 0x70);
    wr(R_EOI, 0);                                      /* ends 0x7a, the highest in service */
    g_assert_false(isr_bit(0x7a));
    g_assert_true(isr_bit(0x62));
    g_assert_cmphex(rd(R_PPR), ==, 0x60);
    wr(R_EOI, 0);
    g_assert_cmphex(rd(R_PPR), ==, 0);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));

    /* TPR 0x50 holds back 0x45 and 0x31; the same through CR8 */
    wr(R_TPR, 0x50);
    g_assert_cmphex(rd(R_PPR), ==, 0x50);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmpint(apic_intr_ops.get_cr8(apic0), ==, 5);
    apic_intr_ops.set_cr8(apic0, 3);
    g_assert_cmphex(rd(R_TPR), ==, 0x30);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));    /* class 4 > 3 */
    g_assert_cmpint(ack0(), ==, 0x45);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));   /* 0x31: class 3, not above TPR 3 */
    wr(R_EOI, 0);
    apic_intr_ops.set_cr8(apic0, 0);
    g_assert_cmpint(ack0(), ==, 0x31);
    wr(R_EOI, 0);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));

    /* raised, then TPR raised before the CPU took it: the spurious vector, no ISR bit */
    wr(R_SVR, 0x1e7);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x55, APIC_TRIGGER_EDGE);
    wr(R_TPR, 0xf0);
    g_assert_cmpint(ack0(), ==, 0xe7);
    g_assert_true(irr_bit(0x55));
    g_assert_false(isr_bit(0x55));

    /* vectors below 16 are refused with a receive error, latched by an ESR write */
    wr(R_TPR, 0);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x05, APIC_TRIGGER_EDGE);
    g_assert_false(irr_bit(0x05));
    g_assert_cmphex(rd(R_ESR), ==, 0);
    wr(R_ESR, 0);
    g_assert_cmphex(rd(R_ESR), ==, 0x40);
    wr(R_ESR, 0);
    g_assert_cmphex(rd(R_ESR), ==, 0);
}

static uint8_t eoi_vectors[8];
static int eoi_count;

static void eoi_listener(void *opaque, uint8_t vector)
{
    eoi_vectors[eoi_count++ % 8] = vector;
}

static void test_eoi_broadcast(void)
{
    fresh(true);
    eoi_count = 0;
    apic_add_eoi_listener(eoi_listener, NULL);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x90, APIC_TRIGGER_LEVEL);
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x80, APIC_TRIGGER_EDGE);
    g_assert_true(tmr_bit(0x90));
    g_assert_false(tmr_bit(0x80));
    g_assert_cmpint(ack0(), ==, 0x90);
    wr(R_EOI, 0);
    g_assert_cmpint(eoi_count, ==, 1);
    g_assert_cmphex(eoi_vectors[0], ==, 0x90);
    g_assert_cmpint(ack0(), ==, 0x80);
    wr(R_EOI, 0);
    g_assert_cmpint(eoi_count, ==, 1);                 /* edge: no broadcast */
    wr(R_EOI, 0);                                      /* nothing in service: nothing */
    g_assert_cmpint(eoi_count, ==, 1);
    apic_remove_eoi_listener(eoi_listener, NULL);
}

/* One-shot: initial count 1000, divide by 16 -> the interrupt at 16000 ns. */
static void test_timer_oneshot(void)
{
    fresh(true);
    wr(R_TIMER_DIV, 0x3);                              /* 0b0011: divide by 16 */
    wr(R_LVT_TIMER, 0x41);                             /* one-shot, vector 0x41 */
    int64_t t0 = now();
    wr(R_TIMER_INIT, 1000);
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 1000);
    run_until(t0 + 16 * 250 + 15);
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 750);
    run_until(t0 + 15999);
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 1);
    g_assert_false(irr_bit(0x41));
    run_until(t0 + 16000);
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 0);
    g_assert_true(irr_bit(0x41));
    g_assert_cmpint(ack0(), ==, 0x41);
    wr(R_EOI, 0);
    run_until(t0 + 100000);                              /* one-shot: only once */
    g_assert_false(irr_bit(0x41));
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 0);
    /* masked: counts, no interrupt; writing 0 stops it */
    wr(R_LVT_TIMER, 0x10041);
    t0 = now();
    wr(R_TIMER_INIT, 10);
    wr(R_TIMER_DIV, 0xb);                              /* 0b1011: divide by 1 */
    run_until(t0 + 20);
    g_assert_false(irr_bit(0x41));
    wr(R_TIMER_INIT, 0);
    g_assert_cmpuint(rd(R_TIMER_CUR), ==, 0);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), <, 0);
}

/* Every divide encoding against the SDM's table. */
static void test_timer_divide(void)
{
    static const struct { uint32_t enc; unsigned div; } table[] = {
        { 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
        { 0x8, 32 }, { 0x9, 64 }, { 0xa, 128 }, { 0xb, 1 },
    };
    fresh(true);
    wr(R_LVT_TIMER, 0x10042);
    for (unsigned i = 0; i < G_N_ELEMENTS(table); i++) {
        wr(R_TIMER_DIV, table[i].enc);
        g_assert_cmphex(rd(R_TIMER_DIV), ==, table[i].enc);
        int64_t t0 = now();
        wr(R_TIMER_INIT, 100000);
        run_until(t0 + 1000 * table[i].div);
        g_assert_cmpuint(rd(R_TIMER_CUR), ==, 100000 - 1000);
    }
    wr(R_TIMER_INIT, 0);
}

/* Periodic: initial 500 at divide by 2 -> every 1000 ns, from the write on. */
static void test_timer_periodic(void)
{
    fresh(true);
    wr(R_TIMER_DIV, 0x0);
    wr(R_LVT_TIMER, 0x20000 | 0x51);
    int64_t t0 = now();
    wr(R_TIMER_INIT, 500);
    for (int k = 1; k <= 20; k++) {
        run_until(t0 + 1000 * k - 1);
        g_assert_false(irr_bit(0x51));
        g_assert_cmpuint(rd(R_TIMER_CUR), ==, 1);
        run_until(t0 + 1000 * k);
        g_assert_true(irr_bit(0x51));
        g_assert_cmpuint(rd(R_TIMER_CUR), ==, 500);   /* reloaded */
        g_assert_cmpint(ack0(), ==, 0x51);
        wr(R_EOI, 0);
        run_until(t0 + 1000 * k + 300);
        g_assert_cmpuint(rd(R_TIMER_CUR), ==, 350);
    }
    /* switched to one-shot: the period in progress is the last one */
    wr(R_LVT_TIMER, 0x51);
    run_until(t0 + 21000);
    g_assert_true(irr_bit(0x51));
    g_assert_cmpint(ack0(), ==, 0x51);
    wr(R_EOI, 0);
    run_until(t0 + 30000);
    g_assert_false(irr_bit(0x51));
    wr(R_TIMER_INIT, 0);
}

static void test_virtual_wire(void)
{
    IRQState *lint0 = qdev_get_gpio_in(apic0, APIC_LINT0);
    IRQState *lint1 = qdev_get_gpio_in(apic0, APIC_LINT1);
    fresh(false);
    pic_acks = 0;
    /* reset: software-disabled, LINT0 straight to INTR, the 8259 answers INTA */
    irq_raise(lint0);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack0(), ==, 0x20);
    g_assert_cmpint(pic_acks, ==, 1);
    irq_lower(lint0);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));
    irq_raise(lint1);                                   /* LINT1 -> NMI */
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_NMI));
    irq_lower(lint1);
    cpu0.cs.interrupt_request = 0;

    /* enabled with LINT0 masked: the 8259 is cut off */
    wr(R_SVR, 0x1ff);
    irq_raise(lint0);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));
    /* SeaBIOS's setting: LINT0 ExtINT level, LINT1 NMI */
    wr(R_LVT_LINT0, 0x8700);
    g_assert_cmphex(rd(R_LVT_LINT0), ==, 0x8700);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack0(), ==, 0x21);
    g_assert_false(isr_bit(0x21));                      /* ExtINT leaves no APIC state */
    irq_lower(lint0);
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_HARD));
    wr(R_LVT_LINT1, 0x8400);
    irq_raise(lint1);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_NMI));
    irq_lower(lint1);
    /* ExtINT takes INTA before a pending fixed vector */
    apic_deliver_irq(0, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0x66, APIC_TRIGGER_EDGE);
    irq_raise(lint0);
    g_assert_cmpint(ack0(), ==, 0x22);
    irq_lower(lint0);
    g_assert_cmpint(ack0(), ==, 0x66);
    wr(R_EOI, 0);

    /* globally disabled through the MSR: virtual wire again, MMIO gone */
    g_assert_true(apic_intr_ops.set_apic_base(apic0, 0xfee00000ull));
    irq_raise(lint0);
    g_assert_true(intr(&cpu0, CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack0(), ==, 0x23);
    irq_lower(lint0);
    g_assert_cmphex(rd(R_VER), ==, 0xffffffff);          /* unassigned */
    /* re-enabled and moved: the registers follow the base */
    g_assert_true(apic_intr_ops.set_apic_base(apic0, 0xfed80800ull));
    uint32_t v;
    address_space_read(address_space_memory(), 0xfed80030, &v, 4);
    g_assert_cmphex(v, ==, 0x00050014);
    g_assert_true(apic_intr_ops.set_apic_base(apic0, 0xfee00800ull));
    g_assert_cmphex(rd(R_VER), ==, 0x00050014);
}

static void test_ipi(void)
{
    fresh(true);
    apic_intr_ops.set_cr8(apic1, 0);
    /* self */
    wr(R_ICR_LO, 0x40000 | 0x40);
    g_assert_true(irr_bit(0x40));
    g_assert_cmphex(rd(R_ICR_LO) & 0x1000, ==, 0);       /* delivery status: idle */
    g_assert_cmpint(ack0(), ==, 0x40);
    wr(R_EOI, 0);
    /* physical destination: APIC 1 */
    wr(R_ICR_HI, 1u << 24);
    wr(R_ICR_LO, 0x4043);
    g_assert_false(irr_bit(0x43));
    g_assert_true(apic_intr_pending(apic1) == false);     /* apic1 is still software-disabled */
    g_assert_true(intr(&cpu1, CPU_INTERRUPT_HARD) == false);
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, -1);
    /* all-but-self NMI, all INIT, start-up */
    wr(R_ICR_LO, 0xc0000 | 0x400);
    g_assert_true(intr(&cpu1, CPU_INTERRUPT_NMI));
    g_assert_false(intr(&cpu0, CPU_INTERRUPT_NMI));
    wr(R_ICR_HI, 1u << 24);
    wr(R_ICR_LO, 0x4500);                                /* INIT assert to APIC 1 */
    g_assert_true(intr(&cpu1, CPU_INTERRUPT_INIT));
    wr(R_ICR_LO, 0x8500);                                /* INIT level de-assert: nothing */
    wr(R_ICR_LO, 0x4600 | 0x9a);                         /* SIPI vector 0x9a */
    g_assert_true(intr(&cpu1, CPU_INTERRUPT_SIPI));
    g_assert_cmpint(sipi_vector, ==, 0x9a);
    /* a send with an illegal vector: send error, nothing delivered */
    wr(R_ICR_LO, 0x40000 | 0x08);
    g_assert_false(irr_bit(0x08));
    wr(R_ESR, 0);
    g_assert_cmphex(rd(R_ESR), ==, 0x20);
}

/* Logical destinations (flat and cluster) and lowest priority, across two APICs. */
static void test_logical(void)
{
    fresh(true);
    CPUState *saved = current_cpu;
    current_cpu = &cpu1.cs;                              /* MMIO now reaches APIC 1 */
    g_assert_cmphex(rd(R_ID), ==, 1u << 24);
    wr(R_SVR, 0x1ff);
    wr(R_LDR, 0x02000000);
    current_cpu = &cpu0.cs;
    g_assert_cmphex(rd(R_ID), ==, 0);
    wr(R_LDR, 0x01000000);
    current_cpu = saved;

    apic_deliver_irq(0x02, APIC_DEST_LOGICAL, APIC_DM_FIXED, 0x50, APIC_TRIGGER_EDGE);
    g_assert_false(apic_intr_pending(apic0));
    g_assert_true(apic_intr_pending(apic1));
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, 0x50);
    apic_deliver_irq(0x03, APIC_DEST_LOGICAL, APIC_DM_FIXED, 0x51, APIC_TRIGGER_EDGE);
    g_assert_true(apic_intr_pending(apic0));
    g_assert_cmpint(ack0(), ==, 0x51);
    /* lowest priority to both: APIC 1 has 0x50 in service (APR 0x50), APIC 0 has 0x51 */
    apic_intr_ops.set_cr8(apic0, 7);                     /* APIC 0: TPR 0x70 */
    apic_deliver_irq(0x03, APIC_DEST_LOGICAL, APIC_DM_LOWPRI, 0x92, APIC_TRIGGER_EDGE);
    g_assert_false(irr_bit(0x92));                       /* went to APIC 1 */
    g_assert_true(apic_intr_pending(apic1));
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, 0x92);
    /* cluster model: cluster 2, member bit 1 */
    current_cpu = &cpu1.cs;
    wr(R_DFR, 0x0fffffff);
    wr(R_LDR, 0x21000000);
    current_cpu = saved;
    apic_deliver_irq(0x21, APIC_DEST_LOGICAL, APIC_DM_FIXED, 0xa0, APIC_TRIGGER_EDGE);
    apic_deliver_irq(0x11, APIC_DEST_LOGICAL, APIC_DM_FIXED, 0xa1, APIC_TRIGGER_EDGE);
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, 0xa0);
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, 0xff);  /* 0xa1 was not for it: spurious */
    /* broadcast 0xff physical reaches both */
    apic_deliver_irq(0xff, APIC_DEST_PHYSICAL, APIC_DM_FIXED, 0xb3, APIC_TRIGGER_EDGE);
    g_assert_true(irr_bit(0xb3));
    g_assert_cmpint(apic_intr_ops.ack(apic1), ==, 0xb3);
}

/*
 * Random traffic on both APICs — register writes, messages, INTA cycles,
 * EOIs, LINT levels, MSR and CR8 writes, clock steps — checking after each
 * INTA that the vector is one the rules allow: -1 (disabled), the 8259's
 * answer, the spurious vector, or a vector >= 16 that was in IRR above
 * PPR's class and is now in ISR.
 */
static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(0x41504943);
    IRQState *lint0 = qdev_get_gpio_in(apic0, APIC_LINT0);
    fresh(true);
    for (int i = 0; i < 50000; i++) {
        uint32_t v = g_rand_int(r);
        switch (g_rand_int_range(r, 0, 9)) {
        case 0:
            wr(g_rand_int_range(r, 0, 0x40) << 4, v);
            break;
        case 1:
            rd(g_rand_int_range(r, 0, 0x40) << 4);
            break;
        case 2:
            apic_deliver_irq(v & 3, (v >> 2) & 1, (v >> 3) & 7, v >> 8, (v >> 16) & 1);
            break;
        case 3: {
            int before_ack_irr[256];
            for (int k = 0; k < 256; k++) {
                before_ack_irr[k] = irr_bit(k);
            }
            uint8_t spurious = rd(R_SVR) & 0xff;
            int ppr_class = rd(R_PPR) & 0xf0;
            int acks = pic_acks;
            int vec = ack0();
            if (vec == -1 || vec == spurious || (pic_acks == acks + 1 && vec == 0x20 + acks)) {
                break;
            }
            g_assert_cmpint(vec, >=, 16);
            g_assert_true(before_ack_irr[vec]);
            g_assert_cmpint(vec & 0xf0, >, ppr_class);
            g_assert_true(isr_bit(vec));
            break;
        }
        case 4:
            wr(R_EOI, 0);
            break;
        case 5:
            irq_set(lint0, v & 1);
            break;
        case 6:
            apic_intr_ops.set_apic_base(apic0, (v & 1 ? 0xfee00000ull : 0xfee00800ull) |
                                        (v & 0x10000 ? 0x400 : 0));
            break;
        case 7:
            apic_intr_ops.set_cr8(apic0, v & 15);
            break;
        default:
            run_until(now() + (v % 20000));
            break;
        }
        /* INTR follows the state */
        g_assert_cmpint(!!(cpu0.cs.interrupt_request & CPU_INTERRUPT_HARD), ==,
                        apic_intr_pending(apic0));
    }
    irq_lower(lint0);
    g_rand_free(r);
    apic_intr_ops.set_apic_base(apic0, 0xfee00800ull);
    fresh(true);
}

static DeviceState *make_apic(int id, FakeCpu *c, int index)
{
    char buf[16];
    DeviceState *d = qdev_new(TYPE_APIC);
    g_snprintf(buf, sizeof(buf), "%d", id);
    qdev_prop_set(d, "id", buf, &error_fatal);
    qdev_realize(d, NULL, &error_fatal);
    c->neg.cpu = &c->cs;
    c->cs.neg = &c->neg;
    c->cs.cpu_index = index;
    apic_connect_cpu(d, &c->cs, &hooks);
    apic_set_extint_ack(d, fake_pic_ack, NULL);
    return d;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    apic0 = make_apic(0, &cpu0, 0);
    apic1 = make_apic(1, &cpu1, 1);
    sysbus_mmio_map(SYS_BUS_DEVICE(apic0), 0, BASE);
    /* a second APIC with an ID in use is refused */
    DeviceState *dup = qdev_new(TYPE_APIC);
    qdev_prop_set(dup, "id", "1", &error_fatal);
    Error *err = NULL;
    g_assert_false(qdev_realize(dup, NULL, &err));
    g_assert_nonnull(err);
    error_free(err);
    object_unref(OBJECT(dup));

    g_test_add_func("/apic/reset-values", test_reset_values);
    g_test_add_func("/apic/priority", test_priority);
    g_test_add_func("/apic/eoi-broadcast", test_eoi_broadcast);
    g_test_add_func("/apic/timer/oneshot", test_timer_oneshot);
    g_test_add_func("/apic/timer/divide", test_timer_divide);
    g_test_add_func("/apic/timer/periodic", test_timer_periodic);
    g_test_add_func("/apic/virtual-wire", test_virtual_wire);
    g_test_add_func("/apic/ipi", test_ipi);
    g_test_add_func("/apic/logical", test_logical);
    g_test_add_func("/apic/random", test_random);
    return g_test_run();
}
