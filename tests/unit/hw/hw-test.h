/*
 * hw-test.h — what the device unit tests share: port I/O as the board's CPU
 * does it (little-endian, through the I/O address space), and the virtual
 * clock stepped by hand (tests run with -icount-style time: nothing moves
 * unless the test advances it, so every timer fires at its exact deadline).
 */
#ifndef TESTS_UNIT_HW_HW_TEST_H
#define TESTS_UNIT_HW_HW_TEST_H

#include "exec/memory.h"
#include "exec/timer.h"

#include <stdint.h>

#include <glib.h>

static inline void outb(uint16_t port, uint8_t v)
{
    address_space_write(address_space_io(), port, &v, 1);
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v = 0;
    address_space_read(address_space_io(), port, &v, 1);
    return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    address_space_write(address_space_io(), port, &v, 2);
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v = 0;
    address_space_read(address_space_io(), port, &v, 2);
    return GUINT16_FROM_LE(v);
}

static inline void outl(uint16_t port, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_io(), port, &v, 4);
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v = 0;
    address_space_read(address_space_io(), port, &v, 4);
    return GUINT32_FROM_LE(v);
}

/* The virtual clock, in nanoseconds. */
static inline int64_t now(void)
{
    return clock_get_ns(EMU_CLOCK_VIRTUAL);
}

/*
 * Advance the virtual clock to t, stopping at each timer deadline on the
 * way to fire what is due, in order.
 */
static inline void run_until(int64_t t)
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
    }
    if (t > now()) {
        icount_add(t - now());
    }
}

#endif
