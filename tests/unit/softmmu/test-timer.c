/*
 * test-timer.c — clocks and timers: the virtual clock frozen while
 * stopped and monotonic to a reader racing its start/stop, timers firing
 * in deadline order on it (driven by -icount's instruction counter, so the
 * test is exact), re-arming from a callback,
 * deletion, icount warp to the next deadline, bottom halves and a
 * realtime timer through the main loop.
 */
#include "exec/main-loop.h"
#include "exec/timer.h"
#include "util/host.h"

#include <glib.h>

typedef struct Rec {
    GArray *order;                 /* ids in firing order */
    int id;
    Timer *t;
    int rearm;                     /* times to re-arm, 100 ns later */
    int64_t when;                  /* the deadline it was armed for */
} Rec;

static void fire(void *opaque)
{
    Rec *r = opaque;
    g_array_append_val(r->order, r->id);
    if (r->rearm > 0) {
        r->rearm--;
        g_assert_false(timer_pending(r->t));     /* fired: no longer pending */
        r->when += 100;
        timer_mod(r->t, r->when);
    }
}

static void test_virtual_clock_stopped(void)
{
    /* not running: frozen; running: advancing with the host */
    int64_t a = clock_get_ns(EMU_CLOCK_VIRTUAL);
    g_usleep(2000);
    g_assert_cmpint(clock_get_ns(EMU_CLOCK_VIRTUAL), ==, a);
    clock_virtual_start();
    g_usleep(2000);
    int64_t b = clock_get_ns(EMU_CLOCK_VIRTUAL);
    g_assert_cmpint(b - a, >=, 2000 * 1000);
    clock_virtual_stop();
    int64_t c = clock_get_ns(EMU_CLOCK_VIRTUAL);
    g_usleep(2000);
    g_assert_cmpint(clock_get_ns(EMU_CLOCK_VIRTUAL), ==, c);
}

/*
 * Readers take no lock (a seqlock): one thread reads the virtual clock
 * while another starts and stops it many times; every value it sees must
 * be at least the one before (a torn read of running/offset/frozen, or a
 * host time read outside the sequence check, goes backwards).
 */
static volatile bool reader_stop;

static gpointer vclock_reader(gpointer opaque)
{
    int64_t last = clock_get_ns(EMU_CLOCK_VIRTUAL), backwards = 0;
    while (!reader_stop) {
        int64_t v = clock_get_ns(EMU_CLOCK_VIRTUAL);
        backwards += v < last;
        last = v > last ? v : last;
    }
    return GINT_TO_POINTER((int)MIN(backwards, 1000));
}

static void test_virtual_clock_concurrent(void)
{
    reader_stop = false;
    GThread *t = g_thread_new("reader", vclock_reader, NULL);
    for (int i = 0; i < 200000; i++) {
        clock_virtual_start();
        clock_virtual_stop();
    }
    reader_stop = true;
    g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(t)), ==, 0);
}

static void test_icount_timers(void)
{
    icount_enable(2);              /* 4 ns per instruction */
    int64_t base = clock_get_ns(EMU_CLOCK_VIRTUAL);
    GArray *order = g_array_new(FALSE, FALSE, sizeof(int));
    /* deadlines (relative): id -> ns */
    static const int64_t when[] = { 400, 100, 300, 100, 1000 };
    Rec r[5];
    for (int i = 0; i < 5; i++) {
        r[i] = (Rec){ .order = order, .id = i, .rearm = 0 };
        r[i].t = timer_new_ns(EMU_CLOCK_VIRTUAL, fire, &r[i]);
        r[i].when = base + when[i];
        timer_mod(r[i].t, r[i].when);
    }
    r[2].rearm = 2;                /* 300 -> 400 -> 500 */
    timer_del(r[4].t);
    g_assert_false(timer_pending(r[4].t));
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, base + 100);

    icount_add(24);                /* 96 ns: nothing yet */
    g_assert_cmpint(timers_run_expired(EMU_CLOCK_VIRTUAL), ==, 0);
    icount_add(1);                 /* 100 ns: ids 1 and 3, in arming order */
    g_assert_cmpint(timers_run_expired(EMU_CLOCK_VIRTUAL), ==, 2);
    icount_add(75);                /* 400 ns: 2 (300), then 0 and 2 again (400) */
    g_assert_cmpint(timers_run_expired(EMU_CLOCK_VIRTUAL), ==, 3);
    /* warp: the clock jumps exactly to the next deadline (500) */
    g_assert(icount_warp());
    g_assert_cmpint(clock_get_ns(EMU_CLOCK_VIRTUAL), ==, base + 500);
    g_assert_cmpint(timers_run_expired(EMU_CLOCK_VIRTUAL), ==, 1);
    g_assert_false(icount_warp()); /* nothing left */

    static const int expect[] = { 1, 3, 2, 0, 2, 2 };
    g_assert_cmpuint(order->len, ==, G_N_ELEMENTS(expect));
    for (unsigned i = 0; i < order->len; i++) {
        g_assert_cmpint(g_array_index(order, int, i), ==, expect[i]);
    }
    for (int i = 0; i < 5; i++) {
        timer_free(r[i].t);
    }
    g_array_free(order, TRUE);
}

static int bh_runs;
static void bh_cb(void *opaque)
{
    bh_runs++;
}

static void rt_cb(void *opaque)
{
    *(int64_t *)opaque = clock_get_ns(EMU_CLOCK_REALTIME);
}

static void test_main_loop(void)
{
    main_loop_init();
    Bh *bh = bh_new(bh_cb, NULL);
    bh_schedule(bh);
    bh_schedule(bh);               /* twice before it runs: once */
    main_loop_wait(true);
    main_loop_wait(true);
    g_assert_cmpint(bh_runs, ==, 1);
    bh_delete(bh);

    int64_t fired = 0, start = clock_get_ns(EMU_CLOCK_REALTIME);
    Timer *t = timer_new_ns(EMU_CLOCK_REALTIME, rt_cb, &fired);
    timer_mod(t, start + 5 * 1000 * 1000);
    while (!fired && clock_get_ns(EMU_CLOCK_REALTIME) - start < NANOSECONDS_PER_SECOND) {
        main_loop_wait(false);     /* sleeps until the deadline */
    }
    g_assert_cmpint(fired - start, >=, 5 * 1000 * 1000);
    timer_free(t);
}

/*
 * Short timers through the main loop fire at their deadline, not at the
 * next whole millisecond: 50 timers 100 us apart, each armed when the
 * previous fired, take 5 ms plus wake-up latencies; rounded up to the
 * millisecond they take 50 ms at least.
 */
static int short_left;
static void short_cb(void *opaque)
{
    Timer *t = *(Timer **)opaque;
    if (--short_left > 0) {
        timer_mod(t, clock_get_ns(EMU_CLOCK_REALTIME) + 100 * 1000);
    }
}

static void test_main_loop_short_timers(void)
{
    main_loop_init();
    Timer *t = NULL;
    t = timer_new_ns(EMU_CLOCK_REALTIME, short_cb, &t);
    short_left = 50;
    int64_t start = clock_get_ns(EMU_CLOCK_REALTIME);
    timer_mod(t, start + 100 * 1000);
    while (short_left > 0 && clock_get_ns(EMU_CLOCK_REALTIME) - start < NANOSECONDS_PER_SECOND) {
        main_loop_wait(false);
    }
    int64_t took = clock_get_ns(EMU_CLOCK_REALTIME) - start;
    g_assert_cmpint(short_left, ==, 0);
    g_assert_cmpint(took, >=, 50 * 100 * 1000);
    g_assert_cmpint(took, <, 40 * 1000 * 1000);
    timer_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timer/virtual-stopped", test_virtual_clock_stopped);
    g_test_add_func("/timer/virtual-concurrent", test_virtual_clock_concurrent);
    g_test_add_func("/timer/icount", test_icount_timers);
    g_test_add_func("/timer/main-loop", test_main_loop);
    g_test_add_func("/timer/main-loop-short", test_main_loop_short_timers);
    return g_test_run();
}
