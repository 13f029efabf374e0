/*
 * timer.c — clocks and timers (exec/timer.h), and -icount's instruction
 * counter clock.  Each clock keeps its pending timers in a list sorted by
 * expiry under a mutex (timers are armed from vCPU threads too); callbacks
 * run without that mutex, on the main loop, with the BQL.
 */
#include "exec/cpu-exec.h"
#include "exec/main-loop.h"
#include "exec/timer.h"
#include "util/host.h"

#include <glib.h>

struct Timer {
    EmuClockType type;
    int64_t expire;                /* -1: not pending */
    TimerCb *cb;
    void *opaque;
    Timer *next;
};

typedef struct TimerList {
    GMutex lock;
    Timer *head;                   /* sorted by expire */
} TimerList;

static TimerList lists[EMU_CLOCK_MAX];

/*
 * CLOCK_VIRTUAL without icount: host monotonic + offset while running,
 * frozen otherwise.  Read on every RDTSC and timer check, so readers take
 * no lock: the writers (start/stop, under vclock_lock) make vclock_seq odd
 * while they change the pair, and a reader retries when it saw an odd or
 * changed sequence number (a seqlock).
 */
static GMutex vclock_lock;
static unsigned vclock_seq;        /* atomic: odd while a writer changes the fields */
static bool vclock_running;        /* atomic */
static int64_t vclock_offset;      /* atomic; running: virtual = monotonic + offset */
static int64_t vclock_frozen;      /* atomic; stopped: the value */

static int64_t vclock_read(void)
{
    for (;;) {
        unsigned seq = __atomic_load_n(&vclock_seq, __ATOMIC_ACQUIRE);
        if (seq & 1) {
            continue;
        }
        /* the host clock too is read inside: a stop after it would freeze a smaller value */
        int64_t v = __atomic_load_n(&vclock_running, __ATOMIC_RELAXED)
                        ? clock_monotonic_ns() + __atomic_load_n(&vclock_offset, __ATOMIC_RELAXED)
                        : __atomic_load_n(&vclock_frozen, __ATOMIC_RELAXED);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&vclock_seq, __ATOMIC_RELAXED) == seq) {
            return v;
        }
    }
}

/*
 * Writers hold vclock_lock around vclock_write_begin ... vclock_write_end.
 * The full fence makes the odd sequence number visible before the writer
 * reads the host clock: from the store buffer it could be seen only later,
 * and a reader that read the clock after the writer would still pass its
 * check with the old pair, then see the value frozen before its own.
 */
static void vclock_write_begin(void)
{
    __atomic_store_n(&vclock_seq, vclock_seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void vclock_write_end(void)
{
    __atomic_store_n(&vclock_seq, vclock_seq + 1, __ATOMIC_RELEASE);
}

static bool icount_on;
static int icount_shift;
static int64_t icount_insns;       /* atomic */

int64_t clock_get_ns(EmuClockType type)
{
    switch (type) {
    case EMU_CLOCK_REALTIME:
        return clock_monotonic_ns();
    case EMU_CLOCK_HOST:
        return clock_realtime_ns();
    case EMU_CLOCK_VIRTUAL:
        if (icount_on) {
            /* on the vCPU thread inside cpu_exec, the instructions of this slice so far */
            return (__atomic_load_n(&icount_insns, __ATOMIC_SEQ_CST) +
                    cpu_exec_icount_inflight()) << icount_shift;
        } else {
            return vclock_read();
        }
    default:
        g_assert_not_reached();
    }
}

void clock_virtual_start(void)
{
    g_mutex_lock(&vclock_lock);
    if (!vclock_running) {
        vclock_write_begin();
        __atomic_store_n(&vclock_offset, vclock_frozen - clock_monotonic_ns(), __ATOMIC_RELAXED);
        __atomic_store_n(&vclock_running, true, __ATOMIC_RELAXED);
        vclock_write_end();
    }
    g_mutex_unlock(&vclock_lock);
    main_loop_notify();
}

void clock_virtual_stop(void)
{
    g_mutex_lock(&vclock_lock);
    if (vclock_running) {
        vclock_write_begin();
        __atomic_store_n(&vclock_frozen, clock_monotonic_ns() + vclock_offset, __ATOMIC_RELAXED);
        __atomic_store_n(&vclock_running, false, __ATOMIC_RELAXED);
        vclock_write_end();
    }
    g_mutex_unlock(&vclock_lock);
}

void icount_enable(int shift)
{
    icount_on = true;
    icount_shift = shift;
}

bool icount_enabled(void)
{
    return icount_on;
}

void icount_add(int64_t insns)
{
    __atomic_fetch_add(&icount_insns, insns, __ATOMIC_SEQ_CST);
}

int64_t icount_insns_to_deadline(void)
{
    int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
    if (!icount_on || d < 0) {
        return -1;
    }
    int64_t target = (d + (1ll << icount_shift) - 1) >> icount_shift;
    int64_t cur = __atomic_load_n(&icount_insns, __ATOMIC_SEQ_CST);
    return target > cur ? target - cur : 0;
}

bool icount_warp(void)
{
    int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
    if (!icount_on || d < 0) {
        return false;
    }
    /* the counter value at which the deadline is reached (rounded up) */
    int64_t target = (d + (1ll << icount_shift) - 1) >> icount_shift;
    int64_t cur = __atomic_load_n(&icount_insns, __ATOMIC_SEQ_CST);
    if (target > cur) {
        __atomic_fetch_add(&icount_insns, target - cur, __ATOMIC_SEQ_CST);
    }
    main_loop_notify();
    return true;
}

/* ---- timers --------------------------------------------------------------- */

Timer *timer_new_ns(EmuClockType type, TimerCb *cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);
    t->type = type;
    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    return t;
}

static void unlink_locked(TimerList *l, Timer *t)
{
    for (Timer **p = &l->head; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire = -1;
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    TimerList *l = &lists[t->type];
    if (expire_ns < 0) {
        expire_ns = 0;
    }
    g_mutex_lock(&l->lock);
    if (t->expire >= 0) {
        unlink_locked(l, t);
    }
    t->expire = expire_ns;
    Timer **p = &l->head;
    while (*p && (*p)->expire <= expire_ns) {
        p = &(*p)->next;
    }
    t->next = *p;
    *p = t;
    bool first = l->head == t;
    g_mutex_unlock(&l->lock);
    if (first) {
        main_loop_notify();        /* the loop may sleep past the new deadline */
    }
}

void timer_del(Timer *t)
{
    TimerList *l = &lists[t->type];
    g_mutex_lock(&l->lock);
    if (t->expire >= 0) {
        unlink_locked(l, t);
    }
    g_mutex_unlock(&l->lock);
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

bool timer_pending(const Timer *t)
{
    return t->expire >= 0;
}

int64_t timer_expire_time_ns(const Timer *t)
{
    return t->expire;
}

int64_t timers_deadline_ns(EmuClockType type)
{
    TimerList *l = &lists[type];
    g_mutex_lock(&l->lock);
    int64_t d = l->head ? l->head->expire : -1;
    g_mutex_unlock(&l->lock);
    return d;
}

static int run_clock(EmuClockType type)
{
    TimerList *l = &lists[type];
    int n = 0;
    int64_t now = clock_get_ns(type);
    for (;;) {
        g_mutex_lock(&l->lock);
        Timer *t = l->head;
        if (!t || t->expire > now) {
            g_mutex_unlock(&l->lock);
            break;
        }
        unlink_locked(l, t);
        g_mutex_unlock(&l->lock);
        /* the callback may re-arm t or free it */
        t->cb(t->opaque);
        n++;
    }
    return n;
}

int timers_run_expired(EmuClockType type)
{
    if (type != EMU_CLOCK_MAX) {
        return run_clock(type);
    }
    int n = 0;
    for (int c = 0; c < EMU_CLOCK_MAX; c++) {
        n += run_clock(c);
    }
    return n;
}

int64_t timers_timeout_ns(void)
{
    int64_t best = -1;
    for (int c = 0; c < EMU_CLOCK_MAX; c++) {
        int64_t d = timers_deadline_ns(c);
        if (d < 0) {
            continue;
        }
        if (c == EMU_CLOCK_VIRTUAL) {
            g_mutex_lock(&vclock_lock);
            bool running = vclock_running;
            g_mutex_unlock(&vclock_lock);
            /* with icount the vCPUs advance the clock and wake us; stopped: never */
            if (icount_on ? clock_get_ns(c) < d : !running) {
                continue;
            }
        }
        int64_t left = d - clock_get_ns(c);
        if (left < 0) {
            left = 0;
        }
        if (best < 0 || left < best) {
            best = left;
        }
    }
    return best;
}
