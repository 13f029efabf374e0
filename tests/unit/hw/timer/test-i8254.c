/*
 * test-i8254.c — the 8254 PIT and port 0x61 driven as a PC board and its
 * guests do, with the virtual clock stepped exactly (-icount shift 0: one ns
 * per step unit) from one timer deadline to the next, so every OUT edge on
 * IRQ0 is seen at the nanosecond it happens.
 *
 * The expected edge times come from the datasheet's rules (mode 2: OUT low
 * for the one clock at count 1; mode 3: high for ceil(N/2) clocks, low for
 * floor(N/2); modes 0/1: high at terminal count; 4/5: one low clock at
 * terminal count) converted to time with the 1.193182 MHz clock in floating
 * point here, independently of the model's integer arithmetic.
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/isa.h"
#include "hw/timer/i8254.h"
#include "util/error.h"
#include "../hw-test.h"

#include <math.h>
#include <string.h>

#include <glib.h>

static DeviceState *pit;
static GArray *edges;                  /* Edge, IRQ0 changes in order */

typedef struct Edge {
    int64_t ns;
    int level;
} Edge;

static void isa_irq(void *opaque, int n, int level)
{
    if (n == 0) {
        Edge e = { clock_get_ns(EMU_CLOCK_VIRTUAL), level };
        g_array_append_val(edges, e);
    }
}

/* Advance the virtual clock to t, firing every timer at its exact deadline. */
/* When tick t of a count started at t0 (ns) is reached, by the datasheet's clock. */
static double tick_ns(int64_t t0, double ticks)
{
    return t0 + ticks * 1e9 / I8254_FREQ;
}

static void assert_edge(int i, double expect_ns, int level)
{
    g_assert_cmpint(i, <, edges->len);
    Edge e = g_array_index(edges, Edge, i);
    if (fabs(e.ns - expect_ns) > 1.0 || e.level != level) {
        g_error("edge %d: at %" G_GINT64_FORMAT " ns level %d, expected %.1f ns level %d", i, e.ns,
                e.level, expect_ns, level);
    }
}

static void fresh(void)
{
    qdev_reset_all(pit);
    outb(0x61, 0);
    g_array_set_size(edges, 0);
}

static void program(int ch, uint8_t cw, uint16_t count)
{
    outb(0x43, cw);
    outb(0x40 + ch, count & 0xff);
    outb(0x40 + ch, count >> 8);
}

/* Linux's periodic tick: channel 0, mode 2, LATCH for HZ=1000 (1193). */
static void test_mode2_irq0(void)
{
    fresh();
    const int n = 1193;
    program(0, 0x34, n);
    int64_t t0 = now();
    g_array_set_size(edges, 0);
    run_until(t0 + 10 * 1000 * 1000);                /* 10 ms */
    /* each period: low at count 1 (tick n-1), high at the reload (tick n) */
    int periods = (int)((10e6 * I8254_FREQ / 1e9) / n);
    g_assert_cmpint(periods, ==, 10);
    g_assert_cmpint(edges->len, ==, 2 * periods);
    for (int k = 0; k < periods; k++) {
        assert_edge(2 * k, tick_ns(t0, (double)k * n + n - 1), 0);
        assert_edge(2 * k + 1, tick_ns(t0, (double)(k + 1) * n), 1);
    }
    /* reading the live counter: n minus the ticks since the last reload */
    run_until(t0 + 10 * 1000 * 1000 + 50000);
    outb(0x43, 0x00);                                  /* latch channel 0 */
    int lo = inb(0x40), hi = inb(0x40);
    int64_t ticks = (int64_t)floor((now() - t0) * (double)I8254_FREQ / 1e9);
    g_assert_cmpint(lo | hi << 8, ==, n - ticks % n);
}

/*
 * The main loop runs timers late by host scheduling, nearly always more than
 * mode 2's 838 ns low clock: every period must still give IRQ0 a rising edge.
 */
static void test_mode2_late_timers(void)
{
    fresh();
    program(0, 0x34, 1193);
    int64_t t0 = now();
    g_array_set_size(edges, 0);
    for (int i = 0; i < 100; i++) {
        icount_add(100 * 1000);                        /* 100 us steps, then the timers */
        timers_run_expired(EMU_CLOCK_VIRTUAL);
    }
    g_assert_cmpint(now() - t0, ==, 10 * 1000 * 1000);
    int rises = 0, level = 1;
    for (unsigned i = 0; i < edges->len; i++) {
        Edge e = g_array_index(edges, Edge, i);
        rises += e.level && !level;
        level = e.level;
    }
    g_assert_cmpint(rises, ==, 10);
    g_assert_cmpint(level, ==, 1);
}

/* Mode 3: OUT high for (N+1)/2 clocks and low for N/2, odd and even N. */
static void test_mode3_square(void)
{
    static const int counts[] = { 1000, 5, 11931 };
    for (int i = 0; i < 3; i++) {
        fresh();
        int n = counts[i];
        program(0, 0x36, n);
        int64_t t0 = now();
        run_until(t0 + (int64_t)tick_ns(0, 4.0 * n) - 1);
        g_assert_cmpint(edges->len, >=, 7);
        for (int k = 0; k < 3; k++) {
            assert_edge(2 * k, tick_ns(t0, (double)k * n + (n + 1) / 2), 0);
            assert_edge(2 * k + 1, tick_ns(t0, (double)(k + 1) * n), 1);
        }
    }
}

/* Mode 0 on channel 0: OUT low at the control word, high N clocks after the count, once. */
static void test_mode0(void)
{
    fresh();
    outb(0x43, 0x30);
    g_assert_cmpint(edges->len, ==, 1);               /* went low */
    assert_edge(0, now(), 0);
    outb(0x40, 0x00);
    outb(0x40, 0x10);                                  /* 4096 */
    int64_t t0 = now();
    run_until(t0 + 100 * 1000 * 1000);
    g_assert_cmpint(edges->len, ==, 2);
    assert_edge(1, tick_ns(t0, 4096), 1);
    /* nothing more to do: no timer armed (no polling) */
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    /* the counter wrapped on: 4096 - ticks mod 65536 */
    outb(0x43, 0x00);
    int v = inb(0x40) | inb(0x40) << 8;
    int64_t ticks = (int64_t)floor((now() - t0) * (double)I8254_FREQ / 1e9);
    g_assert_cmpint(v, ==, ((4096 - ticks) % 65536 + 65536) % 65536);

    /* writing the first byte of a new count stops it and drops OUT */
    outb(0x40, 0x10);
    g_assert_cmpint(g_array_index(edges, Edge, edges->len - 1).level, ==, 0);
    run_until(now() + 10 * 1000 * 1000);
    g_assert_cmpint(edges->len, ==, 3);
    outb(0x40, 0x00);                                  /* 0x0010: 16 clocks */
    t0 = now();
    run_until(now() + 1000 * 1000);
    assert_edge(3, tick_ns(t0, 16), 1);
}

/* Linux's calibration loop: channel 2 in mode 0, gated through port 0x61, OUT2 polled. */
static void test_calibration_port61(void)
{
    fresh();
    outb(0x61, (inb(0x61) & ~0x02) | 0x01);           /* gate on, speaker off */
    outb(0x43, 0xb0);                                  /* ch2, LSB then MSB, mode 0 */
    const int latch = 11932;                           /* 10 ms */
    outb(0x42, latch & 0xff);
    outb(0x42, latch >> 8);
    int64_t t0 = now();
    int64_t high_at = (int64_t)ceil(tick_ns(t0, latch));
    run_until(high_at - 2);
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until(high_at + 1);
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);
    g_assert_cmphex(inb(0x61) & 0x0f, ==, 0x01);
    /* channel 2 has no IRQ: no timer, no edges on IRQ0 */
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
    g_assert_cmpint(edges->len, ==, 0);
    /* the refresh bit toggles every 15.085 us of guest time */
    int changes = 0;
    uint8_t last = inb(0x61) & 0x10;
    for (int i = 0; i < 1000; i++) {
        run_until(now() + 1000);
        uint8_t b = inb(0x61) & 0x10;
        changes += b != last;
        last = b;
    }
    g_assert_cmpint(changes, >=, 1000000 / 15085 - 1);
    g_assert_cmpint(changes, <=, 1000000 / 15085 + 1);
    outb(0x61, 0xff);
    g_assert_cmphex(inb(0x61) & 0xcf, ==, 0x0f);      /* bits 6, 7 never set */
}

/* Modes 1 and 5 wait for a gate trigger; mode 0 pauses while the gate is low. */
static void test_gate(void)
{
    fresh();
    outb(0x43, 0xb2);                                  /* ch2 mode 1 */
    outb(0x42, 100);
    outb(0x42, 0);
    run_until(now() + 1000 * 1000);
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);      /* not triggered: high */
    outb(0x61, 0x01);                                  /* trigger */
    int64_t t0 = now();
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(t0, 60)));
    outb(0x61, 0x00);
    outb(0x61, 0x01);                                  /* retrigger: 100 more clocks */
    t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 99)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(t0, 100)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);

    /* mode 5: one low clock at terminal count after the trigger */
    outb(0x61, 0x00);
    outb(0x43, 0xba);
    outb(0x42, 50);
    outb(0x42, 0);
    run_until(now() + 100000);
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);
    outb(0x61, 0x01);
    t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 50)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(t0, 51)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);

    /* mode 0 with the gate low for a while: terminal count that much later */
    outb(0x61, 0x01);
    outb(0x43, 0xb0);
    outb(0x42, 0xe8);
    outb(0x42, 0x03);                                  /* 1000 */
    t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 400)));
    outb(0x61, 0x00);
    int64_t paused = now();
    outb(0x43, 0x80);                                  /* latch ch2 */
    int v = inb(0x42) | inb(0x42) << 8;
    g_assert_cmpint(v, ==, 600);
    run_until(now() + 5 * 1000 * 1000);
    outb(0x43, 0x80);
    g_assert_cmpint(inb(0x42) | inb(0x42) << 8, ==, 600);   /* frozen */
    outb(0x61, 0x01);
    int64_t resumed = now();
    g_assert_cmpint(resumed - paused, ==, 5 * 1000 * 1000);
    run_until((int64_t)ceil(tick_ns(resumed, 599)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(resumed, 600)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);

    /* mode 2: gate low forces OUT high and stops; the rising edge reloads */
    outb(0x43, 0xb4);
    outb(0x42, 10);
    outb(0x42, 0);
    t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 9)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);         /* the low clock */
    outb(0x61, 0x00);
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);
    outb(0x61, 0x01);
    t0 = now();
    outb(0x43, 0x80);
    g_assert_cmpint(inb(0x42) | inb(0x42) << 8, ==, 10);
    run_until((int64_t)ceil(tick_ns(t0, 9)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
}

/* Mode 4: one low clock at terminal count, software triggered, never again. */
static void test_mode4(void)
{
    fresh();
    program(0, 0x38, 300);
    int64_t t0 = now();
    run_until(t0 + 10 * 1000 * 1000);
    g_assert_cmpint(edges->len, ==, 2);               /* OUT was high since the control word */
    assert_edge(0, tick_ns(t0, 300), 0);
    assert_edge(1, tick_ns(t0, 301), 1);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
}

static void test_latch_readback(void)
{
    fresh();
    program(0, 0x34, 20000);
    int64_t t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 1234)));
    outb(0x43, 0x00);                                  /* latch */
    run_until(now() + 100000);
    outb(0x43, 0x00);                                  /* a second latch is ignored */
    g_assert_cmpint(inb(0x40) | inb(0x40) << 8, ==, 20000 - 1234);
    /* read-back: status then count of channel 0 (0xc2 = count and status, ch0) */
    outb(0x43, 0xc2);
    uint8_t st = inb(0x40);
    g_assert_cmphex(st & 0x3f, ==, 0x34);              /* RW=3, mode 2, binary */
    g_assert_cmphex(st & 0x40, ==, 0);                 /* count loaded */
    int v = inb(0x40) | inb(0x40) << 8;
    int64_t ticks = (int64_t)floor((now() - t0) * (double)I8254_FREQ / 1e9);
    g_assert_cmpint(v, ==, 20000 - ticks % 20000);
    /* status only (0xe2: do not latch count), after a new control word: NULL COUNT */
    outb(0x43, 0x30);
    outb(0x43, 0xe2);
    st = inb(0x40);
    g_assert_cmphex(st, ==, 0x40 | 0x30);             /* OUT low (mode 0), null count */
    outb(0x40, 5);
    outb(0x40, 0);
    outb(0x43, 0xe2);
    g_assert_cmphex(inb(0x40), ==, 0x30);
    run_until(now() + 1000 * 1000);
    outb(0x43, 0xe2);
    g_assert_cmphex(inb(0x40), ==, 0xb0);             /* OUT went high */
}

static void test_access_bcd(void)
{
    fresh();
    /* LSB only: the MSB is 0 */
    outb(0x43, 0x90);                                  /* ch2, LSB, mode 0 */
    outb(0x42, 200);
    outb(0x43, 0x80);
    g_assert_cmpint(inb(0x42), ==, 200);
    /* MSB only: the LSB is 0 */
    outb(0x43, 0xa0);
    outb(0x42, 0x02);
    outb(0x61, 0x01);
    outb(0x61, 0x00);
    outb(0x43, 0x80);
    g_assert_cmpint(inb(0x42), ==, 0x02);
    outb(0x43, 0xb0);                                  /* LSB then MSB */
    outb(0x42, 0x34);
    outb(0x42, 0x12);
    outb(0x43, 0x80);
    g_assert_cmphex(inb(0x42), ==, 0x34);
    g_assert_cmphex(inb(0x42), ==, 0x12);
    /* BCD: 0x1000 is a thousand clocks; reads come back in BCD */
    outb(0x61, 0x01);
    outb(0x43, 0xb1);
    outb(0x42, 0x00);
    outb(0x42, 0x10);
    int64_t t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 1)));
    outb(0x43, 0x80);
    g_assert_cmphex(inb(0x42), ==, 0x99);
    g_assert_cmphex(inb(0x42), ==, 0x09);              /* 999 */
    run_until((int64_t)ceil(tick_ns(t0, 999)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(t0, 1000)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);
    /* BCD count 0 is 10000 */
    outb(0x43, 0xb1);
    outb(0x42, 0);
    outb(0x42, 0);
    t0 = now();
    run_until((int64_t)ceil(tick_ns(t0, 9999)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0);
    run_until((int64_t)ceil(tick_ns(t0, 10000)));
    g_assert_cmphex(inb(0x61) & 0x20, ==, 0x20);
}

static void test_qtree(void)
{
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 0040-0043, irq 0"));
    g_assert_nonnull(strstr(q, "io 0061-0061"));
    g_free(q);
}

/* Random guest traffic with time passing: never a crash, the timer queue stays sane. */
static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(8254);
    fresh();
    for (int i = 0; i < 100000; i++) {
        uint32_t op = g_rand_int(r);
        switch (op & 3) {
        case 0:
            outb(0x40 + ((op >> 8) & 3), op >> 16);
            break;
        case 1:
            inb(0x40 + ((op >> 8) & 3));
            break;
        case 2:
            outb(0x61, op >> 16);
            break;
        case 3:
            /* keep the count of timer firings bounded: step at most 20 us */
            run_until(now() + (op >> 16) % 20000);
            break;
        }
    }
    g_rand_free(r);
    fresh();
    program(0, 0x34, 100);
    int64_t t0 = now();
    g_array_set_size(edges, 0);
    run_until((int64_t)ceil(tick_ns(t0, 100)));
    g_assert_cmpint(edges->len, ==, 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    edges = g_array_new(FALSE, FALSE, sizeof(Edge));
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    isa_bus_set_irqs(bus, irq_allocate(isa_irq, NULL, ISA_NUM_IRQS));
    pit = i8254_create(0x40, 0, &error_fatal);
    pcspk_create(pit, &error_fatal);
    g_test_add_func("/i8254/mode2-irq0", test_mode2_irq0);
    g_test_add_func("/i8254/mode2-late-timers", test_mode2_late_timers);
    g_test_add_func("/i8254/mode3-square", test_mode3_square);
    g_test_add_func("/i8254/mode0", test_mode0);
    g_test_add_func("/i8254/mode4", test_mode4);
    g_test_add_func("/i8254/calibration-port61", test_calibration_port61);
    g_test_add_func("/i8254/gate", test_gate);
    g_test_add_func("/i8254/latch-readback", test_latch_readback);
    g_test_add_func("/i8254/access-bcd", test_access_bcd);
    g_test_add_func("/i8254/qtree", test_qtree);
    g_test_add_func("/i8254/random", test_random);
    return g_test_run();
}
