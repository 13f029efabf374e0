/*
 * Host facts: the page size agrees with sysconf and is a power of two; the
 * align helpers round to it; the monotonic clock never goes back and moves
 * forward across a sleep; the real-time clock agrees with time().
 */
#include "util/host.h"
#include "util/bitops.h"

#include <time.h>
#include <unistd.h>

#include <glib.h>

static void test_page(void)
{
    size_t ps = host_page_size();
    g_assert_cmpuint(ps, ==, (size_t)sysconf(_SC_PAGESIZE));
    g_assert_true(is_power_of_2(ps));
    g_assert_cmpuint(host_page_align_up(1), ==, ps);
    g_assert_cmpuint(host_page_align_up(ps), ==, ps);
    g_assert_cmpuint(host_page_align_up(0), ==, 0);
    g_assert_cmpuint(host_page_align_down(2 * ps - 1), ==, ps);
}

static void test_clocks(void)
{
    int64_t prev = clock_monotonic_ns();
    for (int i = 0; i < 100000; i++) {
        int64_t now = clock_monotonic_ns();
        g_assert_cmpint(now, >=, prev);
        prev = now;
    }
    int64_t before = clock_monotonic_ns();
    g_usleep(2000);
    g_assert_cmpint(clock_monotonic_ns() - before, >=, 2000000);

    int64_t rt = clock_realtime_ns() / 1000000000;
    int64_t t = (int64_t)time(NULL);
    g_assert_cmpint(rt, >=, t - 1);
    g_assert_cmpint(rt, <=, t + 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/host/page", test_page);
    g_test_add_func("/host/clocks", test_clocks);
    return g_test_run();
}
