/*
 * test-serial.c — the 16550A as isa-serial, driven through its ports as
 * Linux's 8250 driver and SeaBIOS do: reset values, loopback with the modem
 * lines, FIFO trigger levels and overrun, the character timeout at the
 * programmed rate, IIR priorities in the datasheet's order, the THRE
 * interrupt and its re-raise on an IER write, the PC's OUT2 gate on the IRQ,
 * and a round trip through a file chardev (output) and a backend
 * delivering input (never more than the guest has room for).
 *
 * Expected values come from the 16550A datasheet's register tables; the
 * timeout from its rule (4 character times: start + data + parity + stop
 * bits at 115200 / divisor baud).
 */
#include "chardev/char.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/char/serial.h"
#include "hw/isa.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>

enum { COM1 = 0x3f8, COM2 = 0x2f8 };
enum { RBR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

static DeviceState *com1, *com2;
static Chardev *com2_chr;
static char *com2_path;
static int irq_level[16];

static void isa_irq(void *opaque, int n, int level)
{
    irq_level[n] = level;
}

static void test_reset_values(void)
{
    qdev_reset_all(com1);
    g_assert_cmphex(inb(COM1 + IER), ==, 0x00);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x01);
    g_assert_cmphex(inb(COM1 + LCR), ==, 0x00);
    g_assert_cmphex(inb(COM1 + MCR), ==, 0x00);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x60);
    g_assert_cmphex(inb(COM1 + MSR), ==, 0xb0);      /* CTS, DSR, DCD: connected */
    outb(COM1 + LCR, 0x80);
    g_assert_cmphex(inb(COM1 + RBR), ==, 12);        /* 9600 baud */
    g_assert_cmphex(inb(COM1 + IER), ==, 0);
    outb(COM1 + RBR, 0x01);                          /* 115200, as SeaBIOS/Linux do */
    outb(COM1 + IER, 0x00);
    outb(COM1 + LCR, 0x03);                          /* 8N1, DLAB off */
    g_assert_cmphex(inb(COM1 + LCR), ==, 0x03);
    outb(COM1 + SCR, 0x5a);
    g_assert_cmphex(inb(COM1 + SCR), ==, 0x5a);
    outb(COM1 + LCR, 0x83);
    g_assert_cmphex(inb(COM1 + RBR), ==, 0x01);
    outb(COM1 + LCR, 0x03);
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 03f8-03ff, irq 4"));
    g_assert_nonnull(strstr(q, "io 02f8-02ff, irq 3"));
    g_free(q);
}

/* Linux's autoconfig-style loopback check: MCR LOOP, modem lines mirrored, data echoed. */
static void test_loopback(void)
{
    qdev_reset_all(com1);
    inb(COM1 + MSR);
    outb(COM1 + MCR, 0x10);                          /* LOOP, all outputs off */
    uint8_t msr = inb(COM1 + MSR);
    g_assert_cmphex(msr & 0xf0, ==, 0x00);
    g_assert_cmphex(msr & 0x0f, ==, 0x0b);           /* CTS, DSR, DCD fell; RI was 0: no TERI */
    outb(COM1 + MCR, 0x1f);                          /* LOOP + DTR RTS OUT1 OUT2 */
    msr = inb(COM1 + MSR);
    g_assert_cmphex(msr & 0xf0, ==, 0xf0);
    g_assert_cmphex(msr & 0x0f, ==, 0x0b);
    outb(COM1 + MCR, 0x1b);                          /* OUT1 (RI) off: trailing edge */
    g_assert_cmphex(inb(COM1 + MSR), ==, 0xb4);
    outb(COM1 + RBR, 0x42);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x61);
    g_assert_cmphex(inb(COM1 + RBR), ==, 0x42);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x60);
    /* non-FIFO: a second byte before reading overruns */
    outb(COM1 + RBR, 1);
    outb(COM1 + RBR, 2);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x63);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x61);      /* OE cleared by reading LSR */
    g_assert_cmphex(inb(COM1 + RBR), ==, 2);
    g_assert_cmpint(irq_level[4], ==, 0);
}

static void test_fifo_trigger(void)
{
    static const int levels[4] = { 1, 4, 8, 14 };
    for (int t = 0; t < 4; t++) {
        qdev_reset_all(com1);
        outb(COM1 + MCR, 0x10);
        outb(COM1 + FCR, 0x07 | t << 6);            /* enable, clear both, trigger */
        outb(COM1 + IER, 0x01);
        g_assert_cmphex(inb(COM1 + IIR), ==, 0xc1);  /* FIFO bits, nothing pending */
        for (int i = 0; i < levels[t] - 1; i++) {
            outb(COM1 + RBR, 'a' + i);
        }
        g_assert_cmphex(inb(COM1 + IIR), ==, 0xc1);
        outb(COM1 + RBR, 'a' + levels[t] - 1);
        g_assert_cmphex(inb(COM1 + IIR), ==, 0xc4);
        g_assert_cmphex(inb(COM1 + RBR), ==, 'a');
        if (levels[t] > 1) {
            g_assert_cmphex(inb(COM1 + IIR), ==, 0xc1);  /* below the trigger again */
        }
    }
    /* 16 bytes fit, the 17th is lost with OE */
    qdev_reset_all(com1);
    outb(COM1 + MCR, 0x10);
    outb(COM1 + FCR, 0x01);
    for (int i = 0; i < 17; i++) {
        outb(COM1 + RBR, i);
    }
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x63);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(inb(COM1 + RBR), ==, i);
    }
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x60);
    /* clearing the RX FIFO */
    outb(COM1 + RBR, 7);
    outb(COM1 + FCR, 0x03);
    g_assert_cmphex(inb(COM1 + LSR) & 1, ==, 0);
    /* turning the FIFO off: FCR bits gone from IIR */
    outb(COM1 + FCR, 0x00);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x01);
}

/* The datasheet's priority: line status, data, (timeout), THRE, modem status. */
static void test_iir_priority(void)
{
    qdev_reset_all(com1);
    outb(COM1 + MCR, 0x10);
    outb(COM1 + MCR, 0x13);                          /* loopback, DTR/RTS: MSR deltas */
    outb(COM1 + RBR, 1);
    outb(COM1 + RBR, 2);                             /* overrun */
    outb(COM1 + IER, 0x0f);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x06);      /* RLS */
    inb(COM1 + LSR);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x04);      /* RDA */
    inb(COM1 + RBR);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x02);      /* THRE: this read acknowledges it */
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x00);      /* MSI */
    inb(COM1 + MSR);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x01);
}

/* The THRE interrupt as Linux uses it, on the ISA line (OUT2 set, no loopback). */
static void test_thre_out2(void)
{
    qdev_reset_all(com1);
    outb(COM1 + IER, 0x02);
    g_assert_cmphex(inb(COM1 + IIR) & 0x0f, ==, 0x02);
    g_assert_cmpint(irq_level[4], ==, 0);            /* OUT2 clear: the line is gated */
    outb(COM1 + IER, 0x02);
    outb(COM1 + MCR, 0x0b);                          /* DTR RTS OUT2 */
    g_assert_cmpint(irq_level[4], ==, 1);
    g_assert_cmphex(inb(COM1 + IIR), ==, 0x02);
    g_assert_cmpint(irq_level[4], ==, 0);            /* acknowledged by the IIR read */
    outb(COM1 + IER, 0x02);                          /* re-raised by the IER write */
    g_assert_cmpint(irq_level[4], ==, 1);
    outb(COM1 + IER, 0x00);
    g_assert_cmpint(irq_level[4], ==, 0);
    outb(COM1 + IER, 0x02);
    g_assert_cmpint(irq_level[4], ==, 1);
    outb(COM1 + RBR, 'x');                           /* sent at once: empty again */
    g_assert_cmpint(irq_level[4], ==, 1);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x60);
    outb(COM1 + MCR, 0x03);
    g_assert_cmpint(irq_level[4], ==, 0);
}

static char *read_output(void)
{
    char *buf = NULL;
    g_assert_true(g_file_get_contents(com2_path, &buf, NULL, NULL));
    return buf;
}

/* COM2 on a file chardev with input delivered as a backend would. */
static void test_chardev_roundtrip(void)
{
    qdev_reset_all(com2);
    outb(COM2 + LCR, 0x83);
    outb(COM2 + RBR, 0x01);
    outb(COM2 + IER, 0x00);
    outb(COM2 + LCR, 0x03);
    const char *msg = "Hello, 16550A\n";
    for (const char *p = msg; *p; p++) {
        while (!(inb(COM2 + LSR) & 0x20)) {
        }
        outb(COM2 + RBR, *p);
    }
    char *out = read_output();
    g_assert_cmpstr(out, ==, msg);
    g_free(out);

    /* non-FIFO: one byte at a time */
    const uint8_t in[] = "abcdefghijklmnopqrstuvwxyz";
    g_assert_cmpint(chardev_deliver(com2_chr, in, 26), ==, 1);
    g_assert_cmpint(chardev_deliver(com2_chr, in + 1, 25), ==, 0);
    g_assert_cmphex(inb(COM2 + RBR), ==, 'a');
    /* FIFO: sixteen, then as many as were read */
    outb(COM2 + FCR, 0xc7);
    g_assert_cmpint(chardev_deliver(com2_chr, in + 1, 25), ==, 16);
    g_assert_cmpint(chardev_deliver(com2_chr, in + 17, 9), ==, 0);
    for (int i = 0; i < 5; i++) {
        g_assert_cmphex(inb(COM2 + RBR), ==, 'b' + i);
    }
    g_assert_cmpint(chardev_deliver(com2_chr, in + 17, 9), ==, 5);
    for (int i = 5; i < 21; i++) {
        g_assert_cmphex(inb(COM2 + RBR), ==, 'b' + i);
    }
    g_assert_cmphex(inb(COM2 + LSR) & 1, ==, 0);
    g_assert_cmpint(irq_level[3], ==, 0);            /* no interrupts enabled */
    /* loopback disconnects the line: nothing accepted */
    outb(COM2 + MCR, 0x10);
    g_assert_cmpint(chardev_deliver(com2_chr, in, 1), ==, 0);
    outb(COM2 + MCR, 0x00);
}

/* Character timeout: data below the trigger level interrupts after 4 character times. */
static void test_char_timeout(void)
{
    qdev_reset_all(com2);
    outb(COM2 + LCR, 0x80);
    outb(COM2 + RBR, 12);                            /* 9600 baud */
    outb(COM2 + LCR, 0x03);                          /* 8N1: 10 bits a character */
    outb(COM2 + FCR, 0x81);                          /* FIFO, trigger 8 (Linux's choice) */
    outb(COM2 + IER, 0x01);
    outb(COM2 + MCR, 0x0b);
    const uint8_t in[] = "xyz";
    g_assert_cmpint(chardev_deliver(com2_chr, in, 3), ==, 3);
    g_assert_cmpint(irq_level[3], ==, 0);
    int64_t t0 = now();
    double char_ns = 10 * 1e9 * 12 / 115200;        /* 1.0417 ms */
    run_until(t0 + (int64_t)(4 * char_ns) - 1000);
    g_assert_cmpint(irq_level[3], ==, 0);
    run_until(t0 + (int64_t)(4 * char_ns) + 1000);
    g_assert_cmpint(irq_level[3], ==, 1);
    g_assert_cmphex(inb(COM2 + IIR), ==, 0xcc);
    g_assert_cmphex(inb(COM2 + RBR), ==, 'x');       /* a read restarts the timeout */
    g_assert_cmpint(irq_level[3], ==, 0);
    run_until(now() + (int64_t)(4 * char_ns) + 1000);
    g_assert_cmpint(irq_level[3], ==, 1);
    inb(COM2 + RBR);
    inb(COM2 + RBR);
    run_until(now() + (int64_t)(8 * char_ns));
    g_assert_cmpint(irq_level[3], ==, 0);            /* empty: no timeout */
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    /* 7E2 at 115200: 1 + 7 + 1 + 2 = 11 bits */
    outb(COM2 + LCR, 0x80);
    outb(COM2 + RBR, 1);
    outb(COM2 + LCR, 0x1e);
    g_assert_cmpint(chardev_deliver(com2_chr, in, 1), ==, 1);
    t0 = now();
    char_ns = 11 * 1e9 / 115200;
    run_until(t0 + (int64_t)(4 * char_ns) - 100);
    g_assert_cmpint(irq_level[3], ==, 0);
    run_until(t0 + (int64_t)(4 * char_ns) + 100);
    g_assert_cmpint(irq_level[3], ==, 1);
    qdev_reset_all(com2);
    g_assert_cmpint(irq_level[3], ==, 0);
}

static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(16550);
    for (int i = 0; i < 100000; i++) {
        uint32_t op = g_rand_int(r);
        uint16_t port = COM1 + ((op >> 8) & 7);
        switch (op & 3) {
        case 0:
        case 1:
            outb(port, op >> 16);
            break;
        case 2:
            inb(port);
            break;
        case 3:
            run_until(now() + (op >> 12) % 100000);
            break;
        }
    }
    g_rand_free(r);
    qdev_reset_all(com1);
    g_assert_cmphex(inb(COM1 + LSR), ==, 0x60);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    isa_bus_set_irqs(bus, irq_allocate(isa_irq, NULL, ISA_NUM_IRQS));
    com1 = serial_isa_create(0, NULL, &error_fatal);
    int fd = g_file_open_tmp("test-serial-XXXXXX", &com2_path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    char *opts = g_strdup_printf("file,id=com2,path=%s", com2_path);
    bool help = false;
    com2_chr = chardev_new_from_opts(opts, &help, &error_fatal);
    g_free(opts);
    com2 = qdev_device_add("isa-serial,index=1,chardev=com2", stdout, &help, &error_fatal);
    g_test_add_func("/serial/reset-values", test_reset_values);
    g_test_add_func("/serial/loopback", test_loopback);
    g_test_add_func("/serial/fifo-trigger", test_fifo_trigger);
    g_test_add_func("/serial/iir-priority", test_iir_priority);
    g_test_add_func("/serial/thre-out2", test_thre_out2);
    g_test_add_func("/serial/chardev-roundtrip", test_chardev_roundtrip);
    g_test_add_func("/serial/char-timeout", test_char_timeout);
    g_test_add_func("/serial/random", test_random);
    int ret = g_test_run();
    unlink(com2_path);
    g_free(com2_path);
    return ret;
}
