/*
 * timer.h — the clocks of system mode and timers on them.
 *
 *   EMU_CLOCK_REALTIME  host monotonic time, runs always (monitor timeouts, UI)
 *   EMU_CLOCK_HOST      host wall-clock time (guest RTCs that follow the host)
 *   EMU_CLOCK_VIRTUAL   guest time: runs only while the VM runs; with -icount it
 *                   is instructions << shift and advances only with the guest
 *
 * Timers fire on the main loop with the BQL held, in expiry order; a
 * timer's callback may re-arm it.  The main loop sleeps until the earliest
 * deadline of any clock.
 *
 *     Timer *t = timer_new_ns(EMU_CLOCK_VIRTUAL, tick, s);
 *     timer_mod(t, clock_get_ns(EMU_CLOCK_VIRTUAL) + 10 * 1000 * 1000);   // in 10 ms of guest time
 */
#ifndef EXEC_TIMER_H
#define EXEC_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum EmuClockType {
    EMU_CLOCK_REALTIME,
    EMU_CLOCK_HOST,
    EMU_CLOCK_VIRTUAL,
    EMU_CLOCK_MAX,
} EmuClockType;

#define NANOSECONDS_PER_SECOND 1000000000LL

typedef void TimerCb(void *opaque);
typedef struct Timer Timer;

int64_t clock_get_ns(EmuClockType type);

Timer *timer_new_ns(EmuClockType type, TimerCb *cb, void *opaque);
/* Fire at expire_ns (on the timer's clock); re-arming a pending timer moves it. */
void timer_mod(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);
void timer_free(Timer *t);
bool timer_pending(const Timer *t);
int64_t timer_expire_time_ns(const Timer *t);

/*
 * Run the expired timers of one clock (or all when type is EMU_CLOCK_MAX);
 * returns how many fired.  Called by the main loop; tests call it directly.
 */
int timers_run_expired(EmuClockType type);
/* The earliest pending deadline of a clock (-1: none). */
int64_t timers_deadline_ns(EmuClockType type);
/* Real-time nanoseconds until the next timer of any clock (-1: none). */
int64_t timers_timeout_ns(void);

/* The virtual clock follows the VM: stopped while the VM is stopped. */
void clock_virtual_start(void);
void clock_virtual_stop(void);

/*
 * -icount shift=N: CLOCK_VIRTUAL becomes the guest's instruction counter
 * times 2^N ns.  The vCPU loop gives cpu_exec an instruction budget that
 * ends at the next deadline, adds what ran (icount_add) and fires the
 * expired virtual timers itself, at the exact instruction; when every
 * vCPU idles, icount_warp() moves it to the next virtual deadline so that
 * timers still fire, deterministically.
 */
void icount_enable(int shift);
bool icount_enabled(void);
void icount_add(int64_t insns);
bool icount_warp(void);
/* Instructions until the earliest virtual deadline (0: due now; -1: none or no icount). */
int64_t icount_insns_to_deadline(void);

#endif
