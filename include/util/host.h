/*
 * host.h — facts about the machine emu runs on: page size and clocks.
 */
#ifndef UTIL_HOST_H
#define UTIL_HOST_H

#include <stddef.h>
#include <stdint.h>

/* The host's page size, read once (sysconf) and cached. */
size_t host_page_size(void);
/* Round up/down to the host page size. */
uintptr_t host_page_align_up(uintptr_t addr);
uintptr_t host_page_align_down(uintptr_t addr);

/* Nanoseconds from CLOCK_MONOTONIC: never steps backwards, for timeouts and benchmarks. */
int64_t clock_monotonic_ns(void);
/* Nanoseconds since the Unix epoch, for guest real-time clocks. */
int64_t clock_realtime_ns(void);

#endif
