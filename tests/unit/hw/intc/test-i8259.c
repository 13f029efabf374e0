/*
 * test-i8259.c — the 8259A pair driven from outside as a PC board and its
 * guests do: programmed as Linux (vectors 0x30/0x38, specific EOI) and
 * SeaBIOS (0x08/0x70, non-specific EOI) do it, then the datasheet's rules
 * checked one by one — fully nested priority with the slave ranked at IR2,
 * masks, edge versus level sensing (ELCR), rotation, auto-EOI, special mask
 * mode, special fully nested mode, poll mode, spurious IR7/IR15 — and random
 * port traffic that must never crash or produce an impossible vector.
 *
 * Expected vectors and register values are worked out here from the
 * datasheet's rules, not recorded from the model.
 */
#include "exec/memory.h"
#include "hw/intc/i8259.h"
#include "hw/isa.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>

#include <glib.h>

static DeviceState *pic;
static int int_level;
static int int_changes;

static void cpu_intr(void *opaque, int n, int level)
{
    if (level != int_level) {
        int_changes++;
    }
    int_level = level;
}

static void line(int irq, int level)
{
    irq_set(qdev_get_gpio_in(pic, irq), level);
}

/* Back to power-on with every line low. */
static void fresh(void)
{
    for (int i = 0; i < 16; i++) {
        line(i, 0);
    }
    qdev_reset_all(pic);
    g_assert_cmpint(int_level, ==, 0);
}

/* Linux's init_8259A (arch/x86/kernel/i8259.c), auto_eoi off. */
static void linux_init(void)
{
    fresh();
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
    outb(0x20, 0x11);                 /* ICW1: edge, cascade, ICW4 */
    outb(0x21, 0x30);                 /* ICW2: IRQ0 at vector 0x30 */
    outb(0x21, 0x04);                 /* ICW3: slave on IR2 */
    outb(0x21, 0x01);                 /* ICW4: 8086, normal EOI */
    outb(0xa0, 0x11);
    outb(0xa1, 0x38);
    outb(0xa1, 0x02);                 /* slave id 2 */
    outb(0xa1, 0x01);
    outb(0x21, 0x00);                 /* unmask everything */
    outb(0xa1, 0x00);
}

static uint8_t read_isr(uint16_t base)
{
    outb(base, 0x0b);                 /* OCW3: read ISR */
    uint8_t v = inb(base);
    outb(base, 0x0a);                 /* back to IRR */
    return v;
}

/* Linux's EOI for an IRQ: specific EOI on the slave, then on the master's IR2. */
static void linux_eoi(int irq)
{
    if (irq >= 8) {
        outb(0xa0, 0x60 | (irq & 7));
        outb(0x20, 0x60 | 2);
    } else {
        outb(0x20, 0x60 | irq);
    }
}

static void test_linux(void)
{
    linux_init();
    g_assert_cmphex(inb(0x21), ==, 0);
    line(0, 1);
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(inb(0x20), ==, 0x01);          /* IRR after ICW1 reads IRR */
    g_assert_cmphex(i8259_ack(pic), ==, 0x30);
    g_assert_cmpint(int_level, ==, 0);
    g_assert_cmphex(read_isr(0x20), ==, 0x01);
    g_assert_cmphex(inb(0x20), ==, 0x00);          /* edge consumed */
    linux_eoi(0);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
    g_assert_cmpint(int_level, ==, 0);             /* line still high: no new edge */

    line(12, 1);                                    /* PS/2 mouse */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x3c);
    g_assert_cmphex(read_isr(0x20), ==, 0x04);
    g_assert_cmphex(read_isr(0xa0), ==, 0x10);
    linux_eoi(12);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
    g_assert_cmphex(read_isr(0xa0), ==, 0x00);
    g_assert_cmpint(int_level, ==, 0);
}

/* SeaBIOS's pic_setup: 0x08 / 0x70, everything but the cascade masked. */
static void test_seabios(void)
{
    fresh();
    outb(0x20, 0x11);
    outb(0xa0, 0x11);
    outb(0x21, 0x08);
    outb(0xa1, 0x70);
    outb(0x21, 0x04);
    outb(0xa1, 0x02);
    outb(0x21, 0x01);
    outb(0xa1, 0x01);
    outb(0x21, 0xfb);
    outb(0xa1, 0xff);
    line(0, 1);
    g_assert_cmpint(int_level, ==, 0);             /* masked */
    outb(0x21, 0xfa);                               /* the BIOS unmasks the timer */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x08);
    outb(0x20, 0x20);                               /* non-specific EOI */
    g_assert_cmphex(read_isr(0x20), ==, 0);
    line(8, 1);                                     /* RTC, still masked on the slave */
    g_assert_cmpint(int_level, ==, 0);
    outb(0xa1, 0xfe);
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x70);
    outb(0xa0, 0x20);
    outb(0x20, 0x20);
    g_assert_cmphex(read_isr(0xa0), ==, 0);
    g_assert_cmphex(read_isr(0x20), ==, 0);
}

/* Fully nested: IR0 highest, the slave's 8..15 rank where IR2 is (before 3..7). */
static void test_priority(void)
{
    linux_init();
    line(5, 1);
    line(3, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x33);
    g_assert_cmpint(int_level, ==, 0);             /* 5 ranks below 3 in service */
    line(9, 1);                                     /* via IR2: ranks above 3 */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x39);
    line(1, 1);                                     /* above IR2 */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x31);
    g_assert_cmphex(read_isr(0x20), ==, 0x0e);     /* 1, 2 and 3 in service */
    outb(0x20, 0x20);                               /* non-specific: the highest, 1 */
    g_assert_cmphex(read_isr(0x20), ==, 0x0c);
    g_assert_cmpint(int_level, ==, 0);
    outb(0xa0, 0x20);
    outb(0x20, 0x20);                               /* IR2 */
    g_assert_cmphex(read_isr(0x20), ==, 0x08);
    g_assert_cmpint(int_level, ==, 0);
    outb(0x20, 0x20);                               /* IR3: now 5 may come */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x35);
}

static void test_masks(void)
{
    linux_init();
    outb(0x21, 0x5a);
    outb(0xa1, 0xa5);
    g_assert_cmphex(inb(0x21), ==, 0x5a);
    g_assert_cmphex(inb(0xa1), ==, 0xa5);
    line(1, 1);                                     /* masked: requested, not signalled */
    g_assert_cmpint(int_level, ==, 0);
    g_assert_cmphex(inb(0x20), ==, 0x02);          /* IRR shows it */
    line(8, 1);                                     /* masked on the slave */
    g_assert_cmpint(int_level, ==, 0);
    outb(0x21, 0x58);                               /* unmask 1 */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x31);
    outb(0x21, 0xff);                               /* mask all: slave's request can't pass IR2 */
    outb(0xa1, 0x00);
    g_assert_cmpint(int_level, ==, 0);
}

static void test_level_elcr(void)
{
    linux_init();
    outb(0x4d0, 0xff);
    outb(0x4d1, 0xff);
    g_assert_cmphex(inb(0x4d0), ==, 0xf8);         /* IRQ 0, 1, 2 edge only */
    g_assert_cmphex(inb(0x4d1), ==, 0xde);         /* IRQ 8, 13 edge only */
    outb(0x4d0, 0x00);
    outb(0x4d1, 0x04);                              /* IRQ 10 level */
    line(10, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x3a);
    linux_eoi(10);
    g_assert_cmpint(int_level, ==, 1);             /* still asserted: again */
    g_assert_cmphex(i8259_ack(pic), ==, 0x3a);
    line(10, 0);
    linux_eoi(10);
    g_assert_cmpint(int_level, ==, 0);

    line(4, 1);                                     /* edge */
    g_assert_cmphex(i8259_ack(pic), ==, 0x34);
    linux_eoi(4);
    g_assert_cmpint(int_level, ==, 0);             /* needs a new edge */
    line(4, 0);
    line(4, 1);
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x34);
    linux_eoi(4);

    /* ICW1 LTIM makes every input of the chip level sensed */
    line(6, 1);
    outb(0x20, 0x19);
    outb(0x21, 0x30);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    g_assert_cmpint(int_level, ==, 1);             /* 4 and 6 high: requested at once */
    g_assert_cmphex(i8259_ack(pic), ==, 0x34);
    line(4, 0);
    outb(0x20, 0x20);
    g_assert_cmphex(i8259_ack(pic), ==, 0x36);
}

static void test_rotation(void)
{
    linux_init();
    outb(0x20, 0xc0 | 4);                           /* set priority: 4 lowest, 5 highest */
    line(3, 1);
    line(5, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x35);
    g_assert_cmpint(int_level, ==, 0);             /* 3 ranks below 5 now */
    outb(0x20, 0xa0);                               /* rotate on non-specific EOI: 5 lowest */
    line(6, 1);                                     /* 6 is now the highest */
    g_assert_cmphex(i8259_ack(pic), ==, 0x36);
    outb(0x20, 0x66);
    g_assert_cmphex(i8259_ack(pic), ==, 0x33);
    line(7, 1);                                     /* 7 ranks above 3 (in service) */
    g_assert_cmpint(int_level, ==, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x37);
    outb(0x20, 0xe0 | 7);                           /* rotate on specific EOI of 7: 0 highest */
    g_assert_cmphex(read_isr(0x20), ==, 0x08);
    line(6, 0);
    line(6, 1);
    line(0, 1);
    outb(0x20, 0x63);
    g_assert_cmphex(i8259_ack(pic), ==, 0x30);
    outb(0x20, 0x60);
    g_assert_cmphex(i8259_ack(pic), ==, 0x36);
}

static void test_auto_eoi(void)
{
    fresh();
    outb(0x20, 0x11);
    outb(0x21, 0x30);
    outb(0x21, 0x04);
    outb(0x21, 0x03);                               /* ICW4: auto-EOI */
    outb(0xa0, 0x11);
    outb(0xa1, 0x38);
    outb(0xa1, 0x02);
    outb(0xa1, 0x01);
    line(3, 1);
    line(5, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x33);
    g_assert_cmphex(read_isr(0x20), ==, 0);        /* nothing stays in service */
    g_assert_cmpint(int_level, ==, 1);             /* so 5 follows at once */
    outb(0x20, 0x80);                               /* rotate in auto-EOI mode */
    g_assert_cmphex(i8259_ack(pic), ==, 0x35);      /* 5 becomes lowest */
    line(3, 0);
    line(3, 1);
    line(7, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x37);      /* 6, 7 now rank first */
    g_assert_cmphex(i8259_ack(pic), ==, 0x33);
}

static void test_special_mask(void)
{
    linux_init();
    line(3, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x33);
    line(5, 1);
    g_assert_cmpint(int_level, ==, 0);
    outb(0x21, 0x08);                               /* mask the level in service */
    outb(0x20, 0x68);                               /* OCW3: set special mask mode */
    g_assert_cmpint(int_level, ==, 1);             /* a lower level may interrupt */
    g_assert_cmphex(i8259_ack(pic), ==, 0x35);
    outb(0x20, 0x48);                               /* reset special mask mode */
    outb(0x20, 0x65);
    line(4, 1);
    g_assert_cmpint(int_level, ==, 0);             /* 3 is in service again */
    outb(0x20, 0x63);
    outb(0x21, 0x00);
    g_assert_cmphex(i8259_ack(pic), ==, 0x34);
}

static void test_sfnm(void)
{
    for (int sfnm = 0; sfnm < 2; sfnm++) {
        linux_init();
        outb(0x20, 0x11);
        outb(0x21, 0x30);
        outb(0x21, 0x04);
        outb(0x21, sfnm ? 0x11 : 0x01);
        line(10, 1);
        g_assert_cmphex(i8259_ack(pic), ==, 0x3a);
        line(9, 1);                                 /* higher than 10, on the same slave */
        g_assert_cmpint(int_level, ==, sfnm);
        if (sfnm) {
            g_assert_cmphex(i8259_ack(pic), ==, 0x39);
            g_assert_cmphex(read_isr(0xa0), ==, 0x06);
        }
    }
}

static void test_poll(void)
{
    linux_init();
    outb(0x20, 0x0c);                               /* OCW3: poll */
    g_assert_cmphex(inb(0x20), ==, 0x00);          /* nothing */
    line(6, 1);
    line(4, 1);
    outb(0x20, 0x0c);
    g_assert_cmphex(inb(0x21), ==, 0x84);          /* either address reads the poll word */
    g_assert_cmphex(read_isr(0x20), ==, 0x10);
    g_assert_cmphex(inb(0x21), ==, 0x00);          /* one read only: IMR again */
    outb(0x20, 0x20);
    outb(0x20, 0x0c);
    g_assert_cmphex(inb(0x20), ==, 0x86);
}

static void test_spurious(void)
{
    linux_init();
    g_assert_cmphex(i8259_ack(pic), ==, 0x37);      /* nothing at all */
    g_assert_cmphex(read_isr(0x20), ==, 0);
    outb(0x4d0, 0x20);                              /* IRQ 5 level */
    line(5, 1);
    g_assert_cmpint(int_level, ==, 1);
    line(5, 0);                                     /* gone before INTA */
    g_assert_cmpint(int_level, ==, 0);
    g_assert_cmphex(i8259_ack(pic), ==, 0x37);
    g_assert_cmphex(read_isr(0x20), ==, 0);        /* no in-service bit for IR7 */
    outb(0x4d1, 0x08);                              /* IRQ 11 level */
    line(11, 1);
    line(11, 0);
    /* the master latched the slave's edge on IR2: spurious IRQ15, IR2 in service */
    g_assert_cmphex(i8259_ack(pic), ==, 0x3f);
    g_assert_cmphex(read_isr(0xa0), ==, 0);
    g_assert_cmphex(read_isr(0x20), ==, 0x04);
    outb(0x20, 0x62);                               /* Linux EOIs the master only */
    g_assert_cmphex(read_isr(0x20), ==, 0);
}

static void test_reset(void)
{
    linux_init();
    outb(0x21, 0x12);
    outb(0x4d1, 0x02);
    line(3, 1);
    i8259_ack(pic);
    qdev_reset_all(pic);
    g_assert_cmphex(inb(0x21), ==, 0);
    g_assert_cmphex(inb(0x4d1), ==, 0);
    g_assert_cmphex(read_isr(0x20), ==, 0);
    g_assert_cmphex(inb(0x20), ==, 0);
    g_assert_cmpint(int_level, ==, 0);
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 0020-0021, io 00a0-00a1, io 04d0-04d1"));
    g_free(q);
}

/* Random guest traffic: no crash, and every vector is base | IR of one chip. */
static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(8259);
    static const uint16_t ports[] = { 0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1 };
    linux_init();
    for (int i = 0; i < 200000; i++) {
        uint32_t op = g_rand_int(r);
        uint16_t port = ports[(op >> 8) % 6];
        switch (op & 3) {
        case 0:
            outb(port, op >> 16);
            break;
        case 1:
            inb(port);
            break;
        case 2:
            line((op >> 16) & 15, (op >> 20) & 1);
            break;
        case 3: {
            int v = i8259_ack(pic);
            g_assert_cmpint(v, >=, 0);
            g_assert_cmpint(v, <=, 0xff);
            break;
        }
        }
    }
    g_rand_free(r);
    linux_init();
    line(1, 1);
    g_assert_cmphex(i8259_ack(pic), ==, 0x31);      /* still works afterwards */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    pic = i8259_create(irq_new(cpu_intr, NULL, 0), &error_fatal);
    Error *err = NULL;
    g_assert_null(isa_create_simple(TYPE_ISA_I8259, &err));   /* one pair per machine */
    g_assert_nonnull(err);
    error_free(err);
    g_test_add_func("/i8259/linux", test_linux);
    g_test_add_func("/i8259/seabios", test_seabios);
    g_test_add_func("/i8259/priority", test_priority);
    g_test_add_func("/i8259/masks", test_masks);
    g_test_add_func("/i8259/level-elcr", test_level_elcr);
    g_test_add_func("/i8259/rotation", test_rotation);
    g_test_add_func("/i8259/auto-eoi", test_auto_eoi);
    g_test_add_func("/i8259/special-mask", test_special_mask);
    g_test_add_func("/i8259/special-fully-nested", test_sfnm);
    g_test_add_func("/i8259/poll", test_poll);
    g_test_add_func("/i8259/spurious", test_spurious);
    g_test_add_func("/i8259/reset", test_reset);
    g_test_add_func("/i8259/random", test_random);
    return g_test_run();
}
