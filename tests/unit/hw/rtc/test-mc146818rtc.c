/*
 * test-mc146818rtc.c — the RTC/CMOS driven through ports 0x70/0x71 as PC
 * firmware and Linux do, with the virtual clock stepped exactly (-icount
 * shift 0) from one timer deadline to the next.
 *
 * References: the host's own UTC time (gmtime) for the clock, the calendar
 * for rollovers (2100 is not a leap year; 1 Jan 2100 is a Friday), the
 * datasheet's rates (RS=6: 1024 Hz, RS=15: 2 Hz, RS=3: 8192 Hz), UIP's
 * 244 + 1984 us before the new second, and its rules for register C.
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/isa.h"
#include "hw/rtc/mc146818rtc.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>
#include <time.h>

#include <glib.h>

static DeviceState *rtc;
static int irq8_level;
static int irq8_rises;

static void isa_irq(void *opaque, int n, int level)
{
    if (n == 8) {
        irq8_rises += level && !irq8_level;
        irq8_level = level;
    }
}

static uint8_t cmos_read(int index)
{
    outb(0x70, index);
    return inb(0x71);
}

static void cmos_write(int index, uint8_t v)
{
    outb(0x70, index);
    outb(0x71, v);
}

/* Advance the virtual clock to t; at each timer deadline, act as an IRQ 8 handler would. */
static void run_until_ack(int64_t t, bool ack)
{
    for (;;) {
        int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
        if (d < 0 || d > t) {
            break;
        }
        if (d > now()) {
            icount_add(d - now());
        }
        timers_run_expired(EMU_CLOCK_VIRTUAL);
        if (ack && irq8_level) {
            cmos_read(0x0c);
        }
    }
    if (t > now()) {
        icount_add(t - now());
    }
}

static int bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 15);
}

/* Wait (in guest time) until UIP is clear, as Linux's mc146818_get_time does. */
static void wait_uip_clear(void)
{
    while (cmos_read(0x0a) & 0x80) {
        run_until_ack(now() + 10000, false);
    }
}

static void fresh(void)
{
    qdev_reset_all(rtc);
    cmos_write(0x0a, 0x26);
    cmos_write(0x0b, 0x02);
    cmos_read(0x0c);
    irq8_rises = 0;
}

static void test_host_time_bcd(void)
{
    fresh();
    wait_uip_clear();
    int sec = bcd(cmos_read(0x00)), min = bcd(cmos_read(0x02)), hour = bcd(cmos_read(0x04));
    int mday = bcd(cmos_read(0x07)), mon = bcd(cmos_read(0x08)), year = bcd(cmos_read(0x09));
    int century = bcd(cmos_read(0x32)), wday = bcd(cmos_read(0x06));
    struct tm tm = { .tm_sec = sec, .tm_min = min, .tm_hour = hour, .tm_mday = mday,
                     .tm_mon = mon - 1, .tm_year = century * 100 + year - 1900 };
    time_t rtc_t = timegm(&tm);
    time_t host = time(NULL);
    /* the virtual clock stood still since realize: the RTC may lag the host a little */
    g_assert_cmpint(rtc_t, <=, host + 1);
    g_assert_cmpint(rtc_t, >=, host - 60);
    struct tm h;
    gmtime_r(&rtc_t, &h);
    g_assert_cmpint(wday, ==, h.tm_wday + 1);
    g_assert_cmphex(cmos_read(0x0d), ==, 0x80);        /* VRT */
}

/* Set a time with SET, as a guest's hwclock does; let it roll over. */
static void set_time_binary(int century, int year, int mon, int mday, uint8_t hour_reg, int min,
                            int sec)
{
    cmos_write(0x0b, 0x80 | 0x04);                       /* SET, binary, 12-hour */
    cmos_write(0x32, century);
    cmos_write(0x09, year);
    cmos_write(0x08, mon);
    cmos_write(0x07, mday);
    cmos_write(0x04, hour_reg);
    cmos_write(0x02, min);
    cmos_write(0x00, sec);
    cmos_write(0x0b, 0x04);                              /* run */
}

static void test_set_binary_12h(void)
{
    fresh();
    set_time_binary(20, 99, 12, 31, 0x80 | 11, 59, 58);  /* 2099-12-31 11:59:58 PM */
    g_assert_cmpint(cmos_read(0x00), ==, 58);
    /*
     * 2 s later: the divider keeps its phase within the second across SET (the
     * host's sub-second at realize), so 58 s + phase + 2 s is in [60, 61) for any
     * phase; 2.1 s read 01 whenever the phase was 0.9 s or more.
     */
    run_until_ack(now() + 2000 * 1000 * 1000LL, false);
    g_assert_cmpint(cmos_read(0x00), ==, 0);
    g_assert_cmpint(cmos_read(0x02), ==, 0);
    g_assert_cmphex(cmos_read(0x04), ==, 12);             /* 12 AM: no PM bit */
    g_assert_cmpint(cmos_read(0x07), ==, 1);
    g_assert_cmpint(cmos_read(0x08), ==, 1);
    g_assert_cmpint(cmos_read(0x09), ==, 0);
    g_assert_cmpint(cmos_read(0x32), ==, 21);
    g_assert_cmpint(cmos_read(0x06), ==, 6);              /* Friday */
    /* 2100 is not a leap year */
    set_time_binary(21, 0, 2, 28, 0x80 | 11, 59, 59);
    run_until_ack(now() + 1000 * 1000 * 1000LL, false);
    g_assert_cmpint(cmos_read(0x08), ==, 3);
    g_assert_cmpint(cmos_read(0x07), ==, 1);
    g_assert_cmpint(cmos_read(0x06), ==, 2);              /* Monday */
    /* noon is 12 PM in 12-hour mode; 24-hour BCD shows the same instant as 0x12 */
    set_time_binary(20, 24, 6, 15, 0x80 | 12, 0, 0);
    g_assert_cmphex(cmos_read(0x04), ==, 0x8c);
    cmos_write(0x0b, 0x02);
    g_assert_cmphex(cmos_read(0x04), ==, 0x12);
    g_assert_cmphex(cmos_read(0x09), ==, 0x24);
    /* while SET, the clock stands still */
    cmos_write(0x0b, 0x82);
    uint8_t s0 = cmos_read(0x00);
    run_until_ack(now() + 3000 * 1000 * 1000LL, false);
    g_assert_cmphex(cmos_read(0x00), ==, s0);
    cmos_write(0x0b, 0x02);
    run_until_ack(now() + 1000 * 1000 * 1000LL, false);
    g_assert_cmphex(cmos_read(0x00), ==, s0 + 1);
}

/* UIP rises 244 us before the 1984 us update cycle and falls with the new second. */
static void test_uip(void)
{
    fresh();
    wait_uip_clear();
    const int64_t step = 10000;                          /* 10 us */
    uint8_t sec = cmos_read(0x00);
    int64_t uip_rise = -1, change = -1;
    for (int i = 0; i < 110000 && change < 0; i++) {
        run_until_ack(now() + step, false);
        bool uip = cmos_read(0x0a) & 0x80;
        if (uip && uip_rise < 0) {
            uip_rise = now();
        }
        if (cmos_read(0x00) != sec) {
            change = now();
            g_assert_false(uip);
        }
    }
    g_assert_cmpint(uip_rise, >, 0);
    g_assert_cmpint(change, >, 0);
    g_assert_cmpint(change - uip_rise, >=, 244000 + 1984000 - step);
    g_assert_cmpint(change - uip_rise, <=, 244000 + 1984000 + step);
}

static int count_periodic(uint8_t reg_a, int64_t ns)
{
    fresh();
    cmos_write(0x0a, reg_a);
    cmos_write(0x0b, 0x02 | 0x40);                       /* PIE */
    irq8_rises = 0;
    run_until_ack(now() + ns, true);
    cmos_write(0x0b, 0x02);
    cmos_read(0x0c);
    return irq8_rises;
}

static void test_periodic(void)
{
    int n = count_periodic(0x26, 1000 * 1000 * 1000LL);
    g_assert_cmpint(n, >=, 1023);
    g_assert_cmpint(n, <=, 1025);
    n = count_periodic(0x2f, 1000 * 1000 * 1000LL);
    g_assert_cmpint(n, >=, 1);
    g_assert_cmpint(n, <=, 3);
    n = count_periodic(0x23, 100 * 1000 * 1000LL);        /* 8192 Hz for 100 ms */
    g_assert_cmpint(n, >=, 818);
    g_assert_cmpint(n, <=, 821);
    n = count_periodic(0x21, 1000 * 1000 * 1000LL);       /* RS=1 is RS=8: 256 Hz */
    g_assert_cmpint(n, >=, 255);
    g_assert_cmpint(n, <=, 257);
    /* a guest that does not read C: one interrupt, then no timer until it does */
    fresh();
    cmos_write(0x0b, 0x02 | 0x40);
    run_until_ack(now() + 10 * 1000 * 1000, false);
    g_assert_cmpint(irq8_rises, ==, 1);
    g_assert_cmpint(irq8_level, ==, 1);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    g_assert_cmphex(cmos_read(0x0c), ==, 0xc0);           /* IRQF, PF */
    g_assert_cmpint(irq8_level, ==, 0);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), >, now());
    run_until_ack(now() + 1000 * 1000, false);
    g_assert_cmpint(irq8_rises, ==, 2);
    /* no interrupt enabled: no timer, but PF is still set when C is read */
    fresh();
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    run_until_ack(now() + 10 * 1000 * 1000, false);
    uint8_t c = cmos_read(0x0c);
    g_assert_cmphex(c & 0xc0, ==, 0x40);                  /* PF without IRQF */
    g_assert_cmphex(cmos_read(0x0c) & 0x40, ==, 0);      /* read cleared it */
    g_assert_cmpint(irq8_rises, ==, 0);
    /* RS=0: no periodic flag at all */
    cmos_write(0x0a, 0x20);
    cmos_read(0x0c);
    run_until_ack(now() + 10 * 1000 * 1000, false);
    g_assert_cmphex(cmos_read(0x0c) & 0x40, ==, 0);
}

static void test_update_and_alarm(void)
{
    fresh();
    cmos_write(0x0b, 0x02 | 0x10);                       /* UIE */
    run_until_ack(now() + 5000 * 1000 * 1000LL - 1, true);
    g_assert_cmpint(irq8_rises, >=, 4);
    g_assert_cmpint(irq8_rises, <=, 5);

    /* alarm: in three seconds (BCD), minutes and hours "don't care" */
    fresh();
    set_time_binary(20, 30, 1, 1, 1, 2, 3);              /* 1:02:03 AM, binary */
    cmos_write(0x0b, 0x02);                              /* BCD 24h */
    cmos_write(0x01, 0x06);
    cmos_write(0x03, 0xff);
    cmos_write(0x05, 0xc0);
    cmos_write(0x0b, 0x02 | 0x20);                       /* AIE */
    int64_t t0 = now();
    cmos_read(0x0c);
    irq8_rises = 0;
    run_until_ack(t0 + 2000 * 1000 * 1000LL, false);          /* 01:02:05.x: not yet */
    g_assert_cmpint(irq8_rises, ==, 0);
    run_until_ack(t0 + 3000 * 1000 * 1000LL, false);
    g_assert_cmpint(irq8_rises, ==, 1);
    uint8_t c = cmos_read(0x0c);
    g_assert_cmphex(c & 0xa0, ==, 0xa0);                  /* IRQF, AF */
    g_assert_cmphex(c & 0x10, ==, 0x10);                  /* UF too, not enabled */
    g_assert_cmpint(irq8_level, ==, 0);                   /* reading C lowered IRQ8 */
    g_assert_cmphex(cmos_read(0x00), ==, 0x06);
    /* the next match is a minute later */
    run_until_ack(now() + 59000 * 1000 * 1000LL, true);
    g_assert_cmpint(irq8_rises, ==, 1);
    run_until_ack(now() + 1000 * 1000 * 1000LL, true);
    g_assert_cmpint(irq8_rises, ==, 2);
    /* AF is latched lazily with AIE off too */
    cmos_write(0x0b, 0x02);
    cmos_read(0x0c);
    run_until_ack(now() + 60000 * 1000 * 1000LL, false);
    g_assert_cmphex(cmos_read(0x0c) & 0xb0, ==, 0x30);
}

static void test_cmos_nmi_reset(void)
{
    fresh();
    mc146818rtc_set_cmos(rtc, 0x34, 0x12);
    mc146818rtc_set_cmos(rtc, 0x35, 0x34);
    g_assert_cmphex(cmos_read(0x34), ==, 0x12);
    outb(0x70, 0x80 | 0x35);                              /* NMI masked, index 0x35 */
    g_assert_cmphex(inb(0x71), ==, 0x34);
    g_assert_true(mc146818rtc_nmi_masked(rtc));
    outb(0x70, 0x35);
    g_assert_false(mc146818rtc_nmi_masked(rtc));
    cmos_write(0x7f, 0x5a);
    g_assert_cmphex(mc146818rtc_get_cmos(rtc, 0x7f), ==, 0x5a);
    cmos_write(0x0c, 0xff);                               /* C and D are read only */
    cmos_write(0x0d, 0x00);
    g_assert_cmphex(cmos_read(0x0d), ==, 0x80);
    cmos_write(0x0b, 0x02 | 0x40 | 0x20 | 0x10);
    cmos_write(0x0a, 0x80 | 0x26);                        /* UIP is read only */
    qdev_reset_all(rtc);
    g_assert_cmphex(cmos_read(0x0b), ==, 0x02);           /* enables cleared by RESET */
    g_assert_cmphex(cmos_read(0x34), ==, 0x12);           /* RAM kept */
    g_assert_cmphex(cmos_read(0x7f), ==, 0x5a);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 0070-0071, irq 8"));
    g_free(q);
}

static uint8_t cmos_read_at(uint16_t base, int index)
{
    outb(base, index);
    return inb(base + 1);
}

/* base=: a fixed date (as QEMU's -rtc base=), the host's local time, or an error. */
static void test_base(void)
{
    bool help;
    Error *err = NULL;
    g_assert_nonnull(qdev_device_add("mc146818rtc,iobase=0x170,irq=9,base=2006-06-17T16:01:21",
                                     stdout, &help, &error_fatal));
    g_assert_cmphex(cmos_read_at(0x170, 0x00), ==, 0x21);
    g_assert_cmphex(cmos_read_at(0x170, 0x02), ==, 0x01);
    g_assert_cmphex(cmos_read_at(0x170, 0x04), ==, 0x16);
    g_assert_cmphex(cmos_read_at(0x170, 0x07), ==, 0x17);
    g_assert_cmphex(cmos_read_at(0x170, 0x08), ==, 0x06);
    g_assert_cmphex(cmos_read_at(0x170, 0x09), ==, 0x06);
    g_assert_cmphex(cmos_read_at(0x170, 0x32), ==, 0x20);
    g_assert_cmphex(cmos_read_at(0x170, 0x06), ==, 7);   /* a Saturday */
    run_until_ack(now() + 40 * 1000 * 1000 * 1000LL, false);
    g_assert_cmphex(cmos_read_at(0x170, 0x00), ==, 0x01);
    g_assert_cmphex(cmos_read_at(0x170, 0x02), ==, 0x02);

    g_assert_nonnull(qdev_device_add("mc146818rtc,iobase=0x270,irq=10,base=2000-02-29", stdout,
                                     &help, &error_fatal));
    g_assert_cmphex(cmos_read_at(0x270, 0x04), ==, 0x00);
    g_assert_cmphex(cmos_read_at(0x270, 0x07), ==, 0x29);
    g_assert_cmphex(cmos_read_at(0x270, 0x06), ==, 3);   /* a Tuesday */

    g_assert_nonnull(qdev_device_add("mc146818rtc,iobase=0x370,irq=11,base=localtime", stdout,
                                     &help, &error_fatal));
    time_t t = time(NULL);
    struct tm lt;
    localtime_r(&t, &lt);
    int hour = bcd(cmos_read_at(0x370, 0x04));
    g_assert_true(hour == lt.tm_hour || hour == (lt.tm_hour + 23) % 24);

    g_assert_null(qdev_device_add("mc146818rtc,iobase=0x470,irq=12,base=yesterday", stdout,
                                  &help, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "base 'yesterday'"));
    error_free(err);
}

static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(146818);
    fresh();
    for (int i = 0; i < 50000; i++) {
        uint32_t op = g_rand_int(r);
        switch (op & 3) {
        case 0:
            outb(0x70, op >> 8);
            break;
        case 1:
            outb(0x71, op >> 16);
            break;
        case 2:
            inb(0x70 + ((op >> 8) & 1));
            break;
        case 3:
            run_until_ack(now() + (op >> 8) % 200000, true);
            break;
        }
    }
    g_rand_free(r);
    fresh();
    set_time_binary(20, 24, 2, 29, 0x80 | 11, 59, 59);    /* a leap day */
    run_until_ack(now() + 1000 * 1000 * 1000LL, false);
    g_assert_cmpint(cmos_read(0x08), ==, 3);
    g_assert_cmpint(cmos_read(0x07), ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    isa_bus_set_irqs(bus, irq_allocate(isa_irq, NULL, ISA_NUM_IRQS));
    rtc = mc146818rtc_create(0x70, 8, &error_fatal);
    g_test_add_func("/mc146818rtc/host-time-bcd", test_host_time_bcd);
    g_test_add_func("/mc146818rtc/set-binary-12h", test_set_binary_12h);
    g_test_add_func("/mc146818rtc/uip", test_uip);
    g_test_add_func("/mc146818rtc/periodic", test_periodic);
    g_test_add_func("/mc146818rtc/update-alarm", test_update_and_alarm);
    g_test_add_func("/mc146818rtc/cmos-nmi-reset", test_cmos_nmi_reset);
    g_test_add_func("/mc146818rtc/base", test_base);
    g_test_add_func("/mc146818rtc/random", test_random);
    return g_test_run();
}
