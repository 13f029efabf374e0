/*
 * test-pc-isa.c — the classic PC ISA devices together, wired as the PC
 * board wires them (ISA IRQ n to 8259 input n), with a stand-in CPU that
 * takes every interrupt the 8259 pair signals, acknowledges it (INTA),
 * runs a handler like Linux's and sends the EOI the way Linux does.
 *
 * Over one second of virtual time: the PIT at HZ=1000 (mode 2) must
 * deliver 1000 timer interrupts, the RTC's 1024 Hz periodic interrupt 1024
 * through the cascade, a key press its scancodes on IRQ 1, COM1 its THRE
 * interrupt on IRQ 4 — and there must be no spurious vector.  Then random
 * port traffic over every device's ports with the CPU still taking
 * interrupts must not crash or produce an impossible vector.
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/char/serial.h"
#include "hw/input/i8042.h"
#include "hw/intc/i8259.h"
#include "hw/isa.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/timer/i8254.h"
#include "util/error.h"
#include "../hw-test.h"

#include <glib.h>

static DeviceState *pic, *kbc;
static int intr;
static int counts[256];
static GString *kbd_bytes;
static bool linux_vectors = true;      /* false once random traffic reprograms the PIC */

static void cpu_intr(void *opaque, int n, int level)
{
    intr = level;
}

/* The stand-in CPU: take interrupts while INT is asserted. */
static void cpu_take_interrupts(void)
{
    for (int guard = 0; intr && guard < 64; guard++) {
        int v = i8259_ack(pic);
        if (linux_vectors) {
            g_assert_cmpint(v & 0xf0, ==, 0x30);      /* 0x30..0x3f only */
        }
        g_assert_cmpint(v, >=, 0);
        g_assert_cmpint(v, <=, 0xff);
        counts[v & 0xff]++;
        switch (v) {
        case 0x31:                                     /* keyboard */
            g_string_append_c(kbd_bytes, inb(0x60));
            break;
        case 0x34:                                     /* COM1: IIR read acknowledges THRE */
            inb(0x3f8 + 2);
            outb(0x3f8 + 1, 0x00);
            break;
        case 0x38:                                     /* RTC: read C */
            outb(0x70, 0x0c);
            inb(0x71);
            break;
        }
        if (v == 0x37 || v == 0x3f) {
            continue;                                  /* spurious: no EOI (Linux checks ISR) */
        }
        if (v >= 0x38) {
            outb(0xa0, 0x60 | (v & 7));
            outb(0x20, 0x62);
        } else {
            outb(0x20, 0x60 | (v & 7));
        }
    }
}

static void run_with_cpu_until(int64_t t)
{
    for (;;) {
        cpu_take_interrupts();
        int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
        if (d < 0 || d > t) {
            break;
        }
        if (d > now()) {
            icount_add(d - now());
        }
        timers_run_expired(EMU_CLOCK_VIRTUAL);
    }
    if (t > now()) {
        icount_add(t - now());
    }
    cpu_take_interrupts();
}

static void linux_pic_init(void)
{
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
    outb(0x20, 0x11);
    outb(0x21, 0x30);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    outb(0xa0, 0x11);
    outb(0xa1, 0x38);
    outb(0xa1, 0x02);
    outb(0xa1, 0x01);
    outb(0x21, 0x00);
    outb(0xa1, 0x00);
}

static void test_one_second(void)
{
    linux_pic_init();
    /* PIT: HZ=1000, mode 2 */
    outb(0x43, 0x34);
    outb(0x40, 1193 & 0xff);
    outb(0x40, 1193 >> 8);
    /* RTC: 1024 Hz periodic */
    outb(0x70, 0x0a);
    outb(0x71, 0x26);
    outb(0x70, 0x0b);
    outb(0x71, 0x42);
    outb(0x70, 0x0c);
    inb(0x71);
    /* keyboard: translated, interrupts on */
    outb(0x64, 0x60);
    outb(0x60, 0x47);
    /* COM1: OUT2 and the THRE interrupt (raised at once: THR is empty) */
    outb(0x3f8 + 4, 0x0b);
    outb(0x3f8 + 1, 0x02);

    int64_t t0 = now();
    run_with_cpu_until(t0 + 300 * 1000 * 1000LL);
    i8042_kbd_event(kbc, 0x1e, true);                 /* 'A' */
    i8042_kbd_event(kbc, 0x1e, false);
    run_with_cpu_until(t0 + 1000 * 1000 * 1000LL);

    /* 1193182 ticks in a second: 1000 whole periods of 1193 */
    g_assert_cmpint(counts[0x30], ==, 1000);
    g_assert_cmpint(counts[0x38], >=, 1023);
    g_assert_cmpint(counts[0x38], <=, 1025);
    g_assert_cmpint(counts[0x34], ==, 1);
    g_assert_cmpint(counts[0x31], ==, 2);
    g_assert_cmpint(kbd_bytes->len, ==, 2);
    g_assert_cmphex((uint8_t)kbd_bytes->str[0], ==, 0x1e);
    g_assert_cmphex((uint8_t)kbd_bytes->str[1], ==, 0x9e);
    g_assert_cmpint(counts[0x37], ==, 0);
    g_assert_cmpint(counts[0x3f], ==, 0);
}

static void test_random_traffic(void)
{
    static const uint16_t ports[] = {
        0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1,          /* PIC */
        0x40, 0x41, 0x42, 0x43, 0x61,                  /* PIT, port 0x61 */
        0x70, 0x71,                                    /* RTC */
        0x3f8, 0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3fe, 0x3ff,
        0x60, 0x64,                                    /* i8042 */
    };
    GRand *r = g_rand_new_with_seed(1981);
    linux_vectors = false;
    for (int i = 0; i < 200000; i++) {
        uint32_t op = g_rand_int(r);
        uint16_t port = ports[(op >> 8) % G_N_ELEMENTS(ports)];
        if (port == 0x64 && ((op >> 16) & 0xf1) == 0xf0) {
            continue;                                  /* keep the reset pulse out of the mix */
        }
        switch (op & 3) {
        case 0:
        case 1:
            outb(port, op >> 16);
            break;
        case 2:
            inb(port);
            break;
        case 3:
            run_with_cpu_until(now() + (op >> 16) % 50000);
            break;
        }
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    kbd_bytes = g_string_new(NULL);
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    pic = i8259_create(irq_new(cpu_intr, NULL, 0), &error_fatal);
    IRQState *isa_irqs[ISA_NUM_IRQS];
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        isa_irqs[i] = qdev_get_gpio_in(pic, i);
    }
    isa_bus_set_irqs(bus, isa_irqs);
    DeviceState *pit = i8254_create(0x40, 0, &error_fatal);
    pcspk_create(pit, &error_fatal);
    mc146818rtc_create(0x70, 8, &error_fatal);
    serial_isa_create(0, NULL, &error_fatal);
    kbc = i8042_create(&error_fatal);
    g_test_add_func("/pc-isa/one-second", test_one_second);
    g_test_add_func("/pc-isa/random-traffic", test_random_traffic);
    return g_test_run();
}
