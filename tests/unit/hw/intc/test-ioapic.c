/*
 * test-ioapic.c — the I/O APIC in front of a local APIC, both driven from
 * outside: the guest's IOREGSEL/IOWIN programming at 0xfec00000, device
 * lines on the gpio inputs, and the CPU's side (ack, EOI at 0xfee000b0)
 * through the local APIC.  Expected behaviour from the 82093AA datasheet
 * (edge: a message per rising edge; level: remote IRR until the EOI of the
 * vector, again while still asserted).
 */
#include "exec/memory.h"
#include "hw/intc/apic.h"
#include "hw/intc/ioapic.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <glib.h>

#define IOAPIC_BASE 0xfec00000u
#define APIC_BASE 0xfee00000u

typedef struct FakeCpu {
    CPUNegativeOffsetState neg;
    CPUState cs;
} FakeCpu;

static FakeCpu cpu;
static DeviceState *apic, *ioapic;

static uint32_t rd32(uint64_t a)
{
    uint32_t v = 0;
    address_space_read(address_space_memory(), a, &v, 4);
    return GUINT32_FROM_LE(v);
}

static void wr32(uint64_t a, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_memory(), a, &v, 4);
}

static uint32_t io_rd(uint8_t reg)
{
    wr32(IOAPIC_BASE, reg);
    return rd32(IOAPIC_BASE + 0x10);
}

static void io_wr(uint8_t reg, uint32_t v)
{
    wr32(IOAPIC_BASE, reg);
    wr32(IOAPIC_BASE + 0x10, v);
}

static void set_rte(int pin, uint64_t rte)
{
    io_wr(0x11 + 2 * pin, rte >> 32);
    io_wr(0x10 + 2 * pin, (uint32_t)rte);
}

static uint64_t get_rte(int pin)
{
    return (uint64_t)io_rd(0x11 + 2 * pin) << 32 | io_rd(0x10 + 2 * pin);
}

static void pin(int n, int level)
{
    irq_set(qdev_get_gpio_in(ioapic, n), level);
}

static bool irr_bit(int v)
{
    return rd32(APIC_BASE + 0x200 + (v >> 5) * 0x10) >> (v & 31) & 1;
}

static bool tmr_bit(int v)
{
    return rd32(APIC_BASE + 0x180 + (v >> 5) * 0x10) >> (v & 31) & 1;
}

static int ack(void)
{
    return apic_intr_ops.ack(apic);
}

static void eoi(void)
{
    wr32(APIC_BASE + 0xb0, 0);
}

static void fresh(void)
{
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        pin(i, 0);
    }
    qdev_reset_all(apic);
    qdev_reset_all(ioapic);
    cpu.cs.interrupt_request = 0;
    wr32(APIC_BASE + 0xf0, 0x1ff);              /* APIC enabled, spurious 0xff */
}

#define RTE_LEVEL (1ull << 15)
#define RTE_MASKED (1ull << 16)
#define RTE_REMOTE_IRR (1ull << 14)

static void test_registers(void)
{
    fresh();
    g_assert_cmphex(io_rd(0x01), ==, 0x00170020);   /* version 0x20, 24 entries */
    g_assert_cmphex(io_rd(0x00), ==, 0);
    io_wr(0x00, 0x0a000000);
    g_assert_cmphex(io_rd(0x00), ==, 0x0a000000);
    g_assert_cmphex(io_rd(0x02), ==, 0x0a000000);   /* arbitration ID follows */
    io_wr(0x01, 0);
    g_assert_cmphex(io_rd(0x01), ==, 0x00170020);   /* read-only */
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        g_assert_cmphex(get_rte(i), ==, RTE_MASKED);
    }
    /* delivery status and remote IRR are read-only; the rest round-trips */
    set_rte(5, 0xff00000000000000ull | 0x1ffff);
    g_assert_cmphex(get_rte(5), ==, 0xff00000000000000ull | 0x1afff);
    wr32(IOAPIC_BASE, 0x13);
    g_assert_cmphex(rd32(IOAPIC_BASE), ==, 0x13);        /* IOREGSEL reads back */
}

static void test_edge(void)
{
    fresh();
    set_rte(2, 0x31);                               /* edge, fixed, physical dest 0 */
    pin(2, 1);
    g_assert_true(irr_bit(0x31));
    g_assert_true(cpu.cs.interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_false(tmr_bit(0x31));
    g_assert_cmpint(ack(), ==, 0x31);
    pin(2, 1);                                      /* still high: no new edge */
    g_assert_false(irr_bit(0x31));
    pin(2, 0);
    pin(2, 1);
    g_assert_true(irr_bit(0x31));
    eoi();
    g_assert_cmpint(ack(), ==, 0x31);
    eoi();
    g_assert_cmphex(get_rte(2) & RTE_REMOTE_IRR, ==, 0);
    /* an edge while masked is lost, also after unmasking */
    pin(2, 0);
    set_rte(2, RTE_MASKED | 0x31);
    pin(2, 1);
    set_rte(2, 0x31);
    g_assert_false(irr_bit(0x31));
    /* another APIC ID: nobody takes it */
    pin(2, 0);
    set_rte(2, 0x0300000000000000ull | 0x31);
    pin(2, 1);
    g_assert_false(irr_bit(0x31));
}

static void test_level(void)
{
    fresh();
    set_rte(10, RTE_LEVEL | 0x62);
    pin(10, 1);
    g_assert_true(irr_bit(0x62));
    g_assert_true(tmr_bit(0x62));
    g_assert_cmphex(get_rte(10) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    g_assert_cmpint(ack(), ==, 0x62);
    /* EOI while the device still asserts: remote IRR clears, the message goes again */
    eoi();
    g_assert_true(irr_bit(0x62));
    g_assert_cmphex(get_rte(10) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    g_assert_cmpint(ack(), ==, 0x62);
    pin(10, 0);                                     /* the handler quietened the device */
    eoi();
    g_assert_false(irr_bit(0x62));
    g_assert_cmphex(get_rte(10) & RTE_REMOTE_IRR, ==, 0);
    /* asserted while masked: sent when unmasked */
    set_rte(10, RTE_MASKED | RTE_LEVEL | 0x62);
    pin(10, 1);
    g_assert_false(irr_bit(0x62));
    set_rte(10, RTE_LEVEL | 0x62);
    g_assert_true(irr_bit(0x62));
    g_assert_cmpint(ack(), ==, 0x62);
    /* the IOAPIC's own EOI register, with another vector first: no effect */
    wr32(IOAPIC_BASE + 0x40, 0x63);
    g_assert_cmphex(get_rte(10) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    pin(10, 0);
    wr32(IOAPIC_BASE + 0x40, 0x62);
    g_assert_cmphex(get_rte(10) & RTE_REMOTE_IRR, ==, 0);
    eoi();
    /* two pins sharing a vector: one EOI clears both */
    set_rte(16, RTE_LEVEL | 0x70);
    set_rte(17, RTE_LEVEL | 0x70);
    pin(16, 1);
    pin(17, 1);
    g_assert_cmpint(ack(), ==, 0x70);
    pin(16, 0);
    pin(17, 0);
    eoi();
    g_assert_cmphex(get_rte(16) & RTE_REMOTE_IRR, ==, 0);
    g_assert_cmphex(get_rte(17) & RTE_REMOTE_IRR, ==, 0);
}

static void test_modes(void)
{
    fresh();
    /* logical destination, flat model: LDR bit 2 */
    wr32(APIC_BASE + 0xd0, 0x04000000);
    set_rte(4, 0x0400000000000000ull | (1ull << 11) | 0x41);
    pin(4, 1);
    g_assert_true(irr_bit(0x41));
    set_rte(5, 0x0800000000000000ull | (1ull << 11) | 0x42);
    pin(5, 1);
    g_assert_false(irr_bit(0x42));
    /* NMI delivery mode */
    set_rte(6, (4ull << 8));
    pin(6, 1);
    g_assert_true(cpu.cs.interrupt_request & CPU_INTERRUPT_NMI);
    /* ExtINT delivery mode (pin 0 on a PC in virtual-wire-through-IOAPIC mode) */
    set_rte(0, (7ull << 8));
    pin(0, 1);
    g_assert_true(apic_intr_pending(apic));
}

/*
 * Random traffic: redirection entries, pin levels, INTA and EOI cycles.
 * Remote IRR is only ever set on level-triggered entries, and every
 * vector the local APIC hands out is one some entry was given.
 */
static void test_random(void)
{
    fresh();
    GRand *r = g_rand_new_with_seed(0x494f4150);
    bool programmed[256] = { false };
    for (int i = 0; i < 50000; i++) {
        uint32_t v = g_rand_int(r);
        int n = g_rand_int_range(r, 0, IOAPIC_NUM_PINS);
        switch (g_rand_int_range(r, 0, 5)) {
        case 0:
            /* fixed delivery to APIC 0 (physical) with random vector, trigger, mask */
            set_rte(n, (v & 0x1a0ff & ~0x800ull) | 0x40);
            programmed[(v & 0xff) | 0x40] = true;
            break;
        case 1:
            pin(n, v & 1);
            break;
        case 2: {
            int vec = ack();
            if (vec >= 0 && vec != 0xff) {
                g_assert_true(programmed[vec]);
            }
            break;
        }
        case 3:
            eoi();
            break;
        default: {
            int reg = g_rand_int_range(r, 0, 0x40);
            io_wr(reg, v);
            if (reg >= 0x10 && !(reg & 1)) {
                programmed[v & 0xff] = true;
            }
            break;
        }
        }
        uint64_t rte = get_rte(n);
        if (rte & RTE_REMOTE_IRR) {
            g_assert_true(rte & RTE_LEVEL);
        }
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    apic = qdev_new(TYPE_APIC);
    qdev_realize(apic, NULL, &error_fatal);
    cpu.neg.cpu = &cpu.cs;
    cpu.cs.neg = &cpu.neg;
    apic_connect_cpu(apic, &cpu.cs, NULL);
    sysbus_mmio_map(SYS_BUS_DEVICE(apic), 0, APIC_BASE);
    ioapic = qdev_new(TYPE_IOAPIC);
    qdev_realize(ioapic, NULL, &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(ioapic), 0, IOAPIC_BASE);

    g_test_add_func("/ioapic/registers", test_registers);
    g_test_add_func("/ioapic/edge", test_edge);
    g_test_add_func("/ioapic/level", test_level);
    g_test_add_func("/ioapic/modes", test_modes);
    g_test_add_func("/ioapic/random", test_random);
    return g_test_run();
}
