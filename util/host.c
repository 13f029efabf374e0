/*
 * host.c — host page size and clocks (see util/host.h).
 */
#include "util/host.h"

#include <time.h>
#include <unistd.h>

size_t host_page_size(void)
{
    static size_t size;
    if (!size) {
        long s = sysconf(_SC_PAGESIZE);
        size = s > 0 ? (size_t)s : 4096;
    }
    return size;
}

uintptr_t host_page_align_up(uintptr_t addr)
{
    uintptr_t mask = host_page_size() - 1;
    return (addr + mask) & ~mask;
}

uintptr_t host_page_align_down(uintptr_t addr)
{
    return addr & ~(uintptr_t)(host_page_size() - 1);
}

static int64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t clock_monotonic_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

int64_t clock_realtime_ns(void)
{
    return clock_ns(CLOCK_REALTIME);
}
