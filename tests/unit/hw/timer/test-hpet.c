/*
 * test-hpet.c — the HPET driven from outside: the guest's MMIO at
 * 0xfed00000 (32- and 64-bit accesses), every gpio output recorded with
 * the virtual-clock nanosecond of each level change, and the clock stepped
 * exactly (-icount shift 0) from one deadline to the next.
 *
 * Expected values from the IA-PC HPET specification 1.0a: 10 MHz counter
 * (100 ns per tick), a match when the counter reaches the comparator,
 * periodic comparators advancing by the period, level status write-1-to-
 * clear, legacy replacement routing.
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/sysbus.h"
#include "hw/timer/hpet.h"
#include "util/error.h"
#include "../hw-test.h"

#include <glib.h>

#define BASE 0xfed00000u

enum {
    GCAP = 0x000, CONF = 0x010, STATUS = 0x020, COUNTER = 0x0f0,
};
#define TN_CONF(n) (0x100 + 0x20 * (n))
#define TN_CMP(n) (0x108 + 0x20 * (n))

#define TN_LEVEL (1u << 1)
#define TN_ENB (1u << 2)
#define TN_PERIODIC (1u << 3)
#define TN_VAL_SET (1u << 6)
#define TN_32BIT (1u << 8)
#define TN_ROUTE(n) ((uint32_t)(n) << 9)

typedef struct Edge {
    int64_t ns;
    int line;
    int level;
} Edge;

static DeviceState *hpet;
static GArray *edges;
static int levels[HPET_NUM_OUTPUTS];

static void out_changed(void *opaque, int n, int level)
{
    Edge e = { now(), n, level };
    levels[n] = level;
    g_array_append_val(edges, e);
}

static uint64_t rd64(uint32_t reg)
{
    uint64_t v = 0;
    address_space_read(address_space_memory(), BASE + reg, &v, 8);
    return GUINT64_FROM_LE(v);
}

static uint32_t rd32(uint32_t reg)
{
    uint32_t v = 0;
    address_space_read(address_space_memory(), BASE + reg, &v, 4);
    return GUINT32_FROM_LE(v);
}

static void wr64(uint32_t reg, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    address_space_write(address_space_memory(), BASE + reg, &v, 8);
}

static void wr32(uint32_t reg, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_memory(), BASE + reg, &v, 4);
}

static void fresh(void)
{
    qdev_reset_all(hpet);
    g_array_set_size(edges, 0);
}

/* The rising edges on one output, as times relative to t0. */
static GArray *rises(int line, int64_t t0)
{
    GArray *r = g_array_new(FALSE, FALSE, sizeof(int64_t));
    for (guint i = 0; i < edges->len; i++) {
        Edge *e = &g_array_index(edges, Edge, i);
        if (e->line == line && e->level) {
            int64_t d = e->ns - t0;
            g_array_append_val(r, d);
        }
    }
    return r;
}

static void test_capabilities(void)
{
    fresh();
    /* rev 1, 3 timers, 64-bit, legacy capable, vendor 8086, 100000000 fs */
    g_assert_cmphex(rd64(GCAP), ==, 0x05f5e1008086a201ull);
    g_assert_cmphex(rd32(GCAP), ==, 0x8086a201);
    g_assert_cmphex(rd32(GCAP + 4), ==, 100000000);
    for (int n = 0; n < 3; n++) {
        /* periodic and 64-bit capable, routes 2, 8, 16..23 */
        g_assert_cmphex(rd64(TN_CONF(n)), ==, 0x00ff010400000030ull);
        g_assert_cmphex(rd64(TN_CMP(n)), ==, ~0ull);
    }
    wr64(GCAP, 0);
    g_assert_cmphex(rd32(GCAP), ==, 0x8086a201);       /* read-only */
    /* a route outside the capability reads back as the lowest allowed pin */
    wr32(TN_CONF(2), TN_ROUTE(3));
    g_assert_cmphex(rd32(TN_CONF(2)) >> 9 & 0x1f, ==, 2);
    wr32(TN_CONF(2), TN_ROUTE(17));
    g_assert_cmphex(rd32(TN_CONF(2)) >> 9 & 0x1f, ==, 17);
    /* capability bits are read-only */
    wr32(TN_CONF(2), 0);
    g_assert_cmphex(rd32(TN_CONF(2)), ==, 0x30 | TN_ROUTE(2));
}

static void test_counter_rate(void)
{
    fresh();
    run_until(now() + 12345);
    g_assert_cmphex(rd64(COUNTER), ==, 0);              /* halted at reset */
    wr32(CONF, 1);
    int64_t t0 = now();
    run_until(t0 + 1000000);                              /* 1 ms at 10 MHz */
    g_assert_cmpuint(rd64(COUNTER), ==, 10000);
    run_until(t0 + 1000000 + 123456);                     /* + 1234.56 ticks */
    g_assert_cmpuint(rd64(COUNTER), ==, 11234);
    g_assert_cmpuint(rd32(COUNTER), ==, 11234);
    g_assert_cmpuint(rd32(COUNTER + 4), ==, 0);
    run_until(t0 + 10 * NANOSECONDS_PER_SECOND);
    g_assert_cmpuint(rd64(COUNTER), ==, 100000000);
    wr32(CONF, 0);                                      /* halt: the value stays */
    run_until(now() + 5000000);
    g_assert_cmpuint(rd64(COUNTER), ==, 100000000);
    wr64(COUNTER, 0x123456789ull);
    g_assert_cmphex(rd64(COUNTER), ==, 0x123456789ull);
    wr32(COUNTER + 4, 0x7);
    g_assert_cmphex(rd64(COUNTER), ==, 0x723456789ull);
    wr32(CONF, 1);
    run_until(now() + 200);
    g_assert_cmphex(rd64(COUNTER), ==, 0x723456789ull + 2);
}

static void test_oneshot_edge(void)
{
    fresh();
    wr32(CONF, 1);
    int64_t t0 = now();
    wr32(TN_CONF(2), TN_ENB | TN_ROUTE(17));
    wr64(TN_CMP(2), 500);                               /* counter 500 = 50 us */
    run_until(t0 + 1000000);
    GArray *r = rises(17, t0);
    g_assert_cmpuint(r->len, ==, 1);
    g_assert_cmpint(g_array_index(r, int64_t, 0), ==, 50000);
    g_array_free(r, TRUE);
    g_assert_cmpint(levels[17], ==, 0);                 /* edge: pulsed */
    g_assert_cmphex(rd32(STATUS), ==, 0);               /* no status for edge */
    /* a comparator behind the counter does not fire until the 64-bit wrap */
    wr64(TN_CMP(2), 5);
    run_until(now() + 1000000);
    g_assert_cmpuint(edges->len, ==, 2);
    /* interrupts disabled: no pulse */
    wr32(TN_CONF(2), TN_ROUTE(17));
    wr64(TN_CMP(2), rd64(COUNTER) + 10);
    run_until(now() + 10000);
    g_assert_cmpuint(edges->len, ==, 2);
}

/* Linux's periodic set-up: PERIODIC|VAL_SET, comparator = now + delta, then the period. */
static void test_periodic(void)
{
    fresh();
    wr32(CONF, 1);
    int64_t t0 = now();
    run_until(t0 + 3000);                                 /* counter 30 */
    wr32(TN_CONF(0), TN_ENB | TN_PERIODIC | TN_VAL_SET | TN_ROUTE(2));
    wr64(TN_CMP(0), 30 + 1000);
    g_assert_cmphex(rd32(TN_CONF(0)) & TN_VAL_SET, ==, 0);   /* self-clearing */
    wr64(TN_CMP(0), 1000);                              /* the period: 100 us */
    g_assert_cmpuint(rd64(TN_CMP(0)), ==, 1030);        /* the comparator kept */
    run_until(t0 + 3000 + 100000 * 10 + 50);
    GArray *r = rises(2, t0);
    g_assert_cmpuint(r->len, ==, 10);
    for (int k = 0; k < 10; k++) {
        g_assert_cmpint(g_array_index(r, int64_t, k), ==, 3000 + 100000 * (k + 1));
    }
    g_array_free(r, TRUE);
    g_assert_cmpuint(rd64(TN_CMP(0)), ==, 1030 + 10 * 1000);   /* the next match */
    /* halting stops the interrupts; restarting resumes at the comparator */
    wr32(CONF, 0);
    run_until(now() + 1000000);
    g_assert_cmpuint(edges->len, ==, 20);
    wr32(CONF, 1);
    int64_t t1 = now();
    run_until(t1 + 100000);
    g_assert_cmpuint(edges->len, ==, 22);
    /* the counter halted at 10030; the next match, 11030, is 1000 ticks on */
    g_assert_cmpint(g_array_index(edges, Edge, 20).ns - t1, ==, 100000);
}

static void test_level_status(void)
{
    fresh();
    wr32(CONF, 1);
    int64_t t0 = now();
    wr32(TN_CONF(1), TN_LEVEL | TN_ENB | TN_ROUTE(8));
    wr64(TN_CMP(1), 20);
    run_until(t0 + 1999);
    g_assert_cmpint(levels[8], ==, 0);
    run_until(t0 + 2000);
    g_assert_cmpint(levels[8], ==, 1);
    g_assert_cmphex(rd32(STATUS), ==, 0x2);
    wr32(STATUS, 0x1);                                  /* another bit: no effect */
    g_assert_cmpint(levels[8], ==, 1);
    wr32(STATUS, 0x2);                                  /* write 1 to clear */
    g_assert_cmpint(levels[8], ==, 0);
    g_assert_cmphex(rd32(STATUS), ==, 0);
    /* status is set even with the interrupt disabled; enabling then raises the line */
    wr32(TN_CONF(1), TN_LEVEL | TN_ROUTE(8));
    wr64(TN_CMP(1), rd64(COUNTER) + 5);
    run_until(now() + 500);
    g_assert_cmphex(rd32(STATUS), ==, 0x2);
    g_assert_cmpint(levels[8], ==, 0);
    wr32(TN_CONF(1), TN_LEVEL | TN_ENB | TN_ROUTE(8));
    g_assert_cmpint(levels[8], ==, 1);
    /* rerouted while high: the old pin drops, the new one rises */
    wr32(TN_CONF(1), TN_LEVEL | TN_ENB | TN_ROUTE(20));
    g_assert_cmpint(levels[8], ==, 0);
    g_assert_cmpint(levels[20], ==, 1);
    wr32(STATUS, 0x2);
    g_assert_cmpint(levels[20], ==, 0);
}

static void test_legacy(void)
{
    fresh();
    wr32(CONF, 3);                                      /* enable + legacy replacement */
    g_assert_cmpint(levels[HPET_OUT_LEGACY_ACTIVE], ==, 1);
    int64_t t0 = now();
    wr32(TN_CONF(0), TN_ENB | TN_ROUTE(2));
    wr32(TN_CONF(1), TN_ENB | TN_ROUTE(2));
    wr64(TN_CMP(0), 10);
    wr64(TN_CMP(1), 20);
    run_until(t0 + 5000);
    GArray *r0 = rises(HPET_OUT_LEGACY_IRQ0, t0), *r8 = rises(HPET_OUT_LEGACY_IRQ8, t0);
    GArray *r2 = rises(2, t0);
    g_assert_cmpuint(r0->len, ==, 1);
    g_assert_cmpint(g_array_index(r0, int64_t, 0), ==, 1000);
    g_assert_cmpuint(r8->len, ==, 1);
    g_assert_cmpint(g_array_index(r8, int64_t, 0), ==, 2000);
    g_assert_cmpuint(r2->len, ==, 0);                   /* the route field is overridden */
    g_array_free(r0, TRUE);
    g_array_free(r8, TRUE);
    g_array_free(r2, TRUE);
    wr32(CONF, 1);
    g_assert_cmpint(levels[HPET_OUT_LEGACY_ACTIVE], ==, 0);
}

static void test_32bit(void)
{
    fresh();
    wr64(COUNTER, 0xfffffff0ull);
    wr32(TN_CONF(2), TN_ENB | TN_32BIT | TN_ROUTE(16));
    wr64(TN_CMP(2), 0xabcd00000010ull);                 /* only the low half counts */
    g_assert_cmphex(rd64(TN_CMP(2)), ==, 0x10);
    wr32(CONF, 1);
    int64_t t0 = now();
    run_until(t0 + 10000);
    GArray *r = rises(16, t0);
    g_assert_cmpuint(r->len, ==, 1);
    g_assert_cmpint(g_array_index(r, int64_t, 0), ==, 0x20 * 100);   /* across the wrap */
    g_array_free(r, TRUE);
    g_assert_cmphex(rd64(COUNTER), ==, 0xfffffff0ull + 100);  /* the main counter stays 64-bit */
}

/*
 * Random register traffic (32- and 64-bit, every register and the gaps)
 * with clock steps: nothing may crash, the main counter never goes back
 * unless written, no timer is left due in the past, and clearing every
 * status bit leaves no level line high.
 */
static void test_random(void)
{
    fresh();
    GRand *r = g_rand_new_with_seed(0x48504554);
    static const uint32_t regs[] = { GCAP, CONF, STATUS, COUNTER, TN_CONF(0), TN_CMP(0),
                                     TN_CONF(1), TN_CMP(1), TN_CONF(2), TN_CMP(2), 0x110,
                                     0x3f8, 0x0c0 };
    uint64_t last = rd64(COUNTER);
    for (int i = 0; i < 50000; i++) {
        uint64_t v = (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
        uint32_t reg = regs[g_rand_int_range(r, 0, G_N_ELEMENTS(regs))];
        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            if (reg == TN_CMP(0) || reg == TN_CMP(1) || reg == TN_CMP(2)) {
                v = rd64(COUNTER) + (v & 0xffff);     /* mostly near matches */
            }
            wr64(reg, reg == CONF ? v & 3 : v);
            break;
        case 1:
            wr32(reg + (g_rand_boolean(r) ? 4 : 0), v);
            break;
        case 2:
            rd32(reg + (g_rand_boolean(r) ? 4 : 0));
            break;
        default:
            run_until(now() + (v % 300000));
            break;
        }
        uint64_t c = rd64(COUNTER);
        if (reg != COUNTER) {
            g_assert_cmpuint(c, >=, last);
        }
        last = c;
        int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
        g_assert_true(d < 0 || d >= now());
    }
    g_rand_free(r);
    wr64(STATUS, ~0ull);
    for (int n = 0; n < HPET_NUM_ROUTES; n++) {
        g_assert_cmpint(levels[n], ==, 0);
    }
    g_assert_cmpint(levels[HPET_OUT_LEGACY_IRQ0], ==, 0);
    g_assert_cmpint(levels[HPET_OUT_LEGACY_IRQ8], ==, 0);
    fresh();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    edges = g_array_new(FALSE, FALSE, sizeof(Edge));
    hpet = qdev_new(TYPE_HPET);
    qdev_realize(hpet, NULL, &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(hpet), 0, BASE);
    for (int i = 0; i < HPET_NUM_OUTPUTS; i++) {
        qdev_connect_gpio_out(hpet, i, irq_new(out_changed, NULL, i));
    }
    g_test_add_func("/hpet/capabilities", test_capabilities);
    g_test_add_func("/hpet/counter-rate", test_counter_rate);
    g_test_add_func("/hpet/oneshot-edge", test_oneshot_edge);
    g_test_add_func("/hpet/periodic", test_periodic);
    g_test_add_func("/hpet/level-status", test_level_status);
    g_test_add_func("/hpet/legacy", test_legacy);
    g_test_add_func("/hpet/32bit", test_32bit);
    g_test_add_func("/hpet/random", test_random);
    return g_test_run();
}
