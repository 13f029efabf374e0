/*
 * cpus.c — the vCPU thread (exec/cpus.h).  Round-robin: one host thread
 * runs each CPU in turn until cpu_exec returns (cpu_exit from a kick, a
 * halt, a debug stop).  The BQL is held except inside cpu_exec; pausing
 * sets a flag, exits the running CPU and waits on a condition variable until
 * the thread parks, so vm_stop() returns only once no guest code runs.
 *
 * With several CPUs and no -icount, a CPU's turn ends after RR_SLICE_NS of
 * virtual time (a timer exits it): a CPU spinning on a flag that another
 * CPU sets (firmware counting its APs, a kernel waiting for an AP to come
 * online) would otherwise never let that CPU run.
 *
 * A halted CPU (EXCP_HLT/EXCP_HALTED) is skipped until an interrupt gives
 * it work; when all are idle the thread sleeps until kicked, or, under
 * -icount, warps the virtual clock to the next timer so time still passes.
 */
#include "exec/cpu-exec.h"
#include "exec/cpus.h"
#include "exec/main-loop.h"
#include "exec/memory.h"
#include "exec/runstate.h"
#include "exec/timer.h"
#include "util/error.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

GMutex *bql_mutex(void);

static GThread *thread;
static GCond cond;                 /* with the BQL: state changes both ways */
static bool want_run;              /* cpus_resume()d */
static bool parked = true;         /* the thread is not in guest code */
static bool quit;
static bool kicked;                /* (atomic) woken for an interrupt */
static int64_t thread_tid;
static CPUState *running_cpu;      /* with the BQL: whose turn it is (NULL: none) */
static Timer *rr_timer;

/* One CPU's turn without -icount: short enough for a spin-wait on another CPU. */
#define RR_SLICE_NS (10 * 1000 * 1000)

int64_t cpus_thread_id(void)
{
    return thread_tid;
}

static bool cpu_idle(CPUState *cpu)
{
    if (!cpu->halted) {
        return false;
    }
    return !cpu->tcg_ops->has_work || !cpu->tcg_ops->has_work(cpu);
}

static void wait_locked(int64_t timeout_us)
{
    if (timeout_us < 0) {
        g_cond_wait(&cond, bql_mutex());
    } else {
        g_cond_wait_until(&cond, bql_mutex(), g_get_monotonic_time() + timeout_us);
    }
}

/*
 * -icount: a CPU's slice is the instructions left until the next virtual
 * deadline, and at most ICOUNT_SLICE so that round-robin stays fair and
 * deterministic when no timer is pending.
 */
#define ICOUNT_SLICE 65536

/*
 * -icount: one CPU's turn, cut into cpu_exec calls that each end at the
 * next timer deadline or after a device access, so that the timers due
 * fire (here, with the BQL) at the exact instruction.  Returns what the
 * last cpu_exec returned.
 */
static int run_icount(CPUState *cpu)
{
    int64_t slice = ICOUNT_SLICE;
    int r;
    for (;;) {
        /* what is due now fires before more guest code runs */
        timers_run_expired(EMU_CLOCK_VIRTUAL);
        int64_t budget = icount_insns_to_deadline();
        if (budget < 0 || budget > slice) {
            budget = slice;
        }
        /* a timer that keeps re-arming itself at "now" must not stall the guest */
        cpu_exec_set_icount_budget(budget ? budget : 1);
        bql_unlock();
        r = cpu_exec(cpu);
        bql_lock();
        int64_t ran = cpu_exec_icount_executed();
        bool spent = cpu_exec_icount_spent();
        cpu_exec_set_icount_budget(-1);  /* the clock stops adding this slice ... */
        icount_add(ran);                 /* ... and counts it here instead */
        slice -= ran;
        timers_run_expired(EMU_CLOCK_VIRTUAL);
        /* the same CPU goes on after a deadline or an I/O instruction, until its slice
           is used up or something else (a kick, a request, a halt) stops it */
        if (r != EXCP_INTERRUPT || !spent || slice <= 0 || !want_run || quit ||
            runstate_request_pending()) {
            return r;
        }
    }
}

/* The round-robin timer (main loop, BQL): the running CPU's turn is over. */
static void rr_expired(void *opaque)
{
    if (running_cpu) {
        cpu_exit(running_cpu);
    }
}

/* Run one CPU until it leaves cpu_exec; called with the BQL, returns with it. */
static void run_one(CPUState *cpu)
{
    int r;
    if (icount_enabled()) {
        r = run_icount(cpu);
    } else {
        if (first_cpu && first_cpu->next) {
            if (!rr_timer) {
                rr_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, rr_expired, NULL);
            }
            timer_mod(rr_timer, clock_get_ns(EMU_CLOCK_VIRTUAL) + RR_SLICE_NS);
        }
        running_cpu = cpu;
        bql_unlock();
        r = cpu_exec(cpu);
        bql_lock();
        running_cpu = NULL;
        if (rr_timer) {
            timer_del(rr_timer);
        }
    }
    switch (r) {
    case EXCP_HLT:
    case EXCP_HALTED:
        cpu->halted = true;
        break;
    case EXCP_DEBUG:
        /* a breakpoint or single step: stop the VM for the debugger (STOP event) */
        vm_stop(RUN_STATE_DEBUG);
        break;
    default:
        break;
    }
}

static gpointer vcpu_thread(gpointer opaque)
{
    thread_tid = syscall(SYS_gettid);
    bql_lock();
    while (!quit) {
        if (!want_run) {
            parked = true;
            g_cond_broadcast(&cond);
            while (!want_run && !quit) {
                wait_locked(-1);
            }
            continue;
        }
        /* about to run guest code: cpus_pause() must now wait for us */
        parked = false;
        memory_tlb_flush_if_pending();
        bool all_idle = true;
        CPU_FOREACH(cpu) {
            if (!want_run || quit) {
                break;
            }
            if (cpu_idle(cpu)) {
                continue;
            }
            /* a reset or shutdown the guest asked for: no more guest code until the
               main loop has acted on it (what runs in between must not depend on
               host timing) */
            if (runstate_request_pending()) {
                all_idle = false;
                wait_locked(1000);
                break;
            }
            all_idle = false;
            run_one(cpu);
        }
        if (all_idle && want_run && !quit) {
            if (icount_enabled() && icount_warp()) {
                /* the deadline is reached: its timers fire here, deterministically; then
                   the main loop gets the BQL for a moment (a periodic timer would
                   otherwise keep this thread warping with the lock held) */
                timers_run_expired(EMU_CLOCK_VIRTUAL);
                wait_locked(100);
            } else if (!__atomic_load_n(&kicked, __ATOMIC_SEQ_CST)) {
                /* cpu_interrupt() kicks us (with the BQL, from the device that
                   raised it); the timeout only bounds a kick from a thread without it */
                wait_locked(10000);
            }
            __atomic_store_n(&kicked, false, __ATOMIC_SEQ_CST);
        }
    }
    parked = true;
    g_cond_broadcast(&cond);
    bql_unlock();
    return NULL;
}

/* cpu_interrupt()/cpu_exit() on any CPU: a halted CPU may have work now. */
static void kick_hook(CPUState *cpu)
{
    cpus_kick();
}

void cpus_start_thread(void)
{
    cpu_exec_set_kick_hook(kick_hook);
    if (!thread) {
        thread = g_thread_new("vcpu", vcpu_thread, NULL);
    }
}

static void exit_all(void)
{
    CPU_FOREACH(cpu) {
        cpu_exit(cpu);
    }
}

void cpus_resume(void)
{
    want_run = true;
    g_cond_broadcast(&cond);
}

void cpus_pause(void)
{
    want_run = false;
    if (!thread) {
        return;
    }
    exit_all();
    g_cond_broadcast(&cond);
    /* wait (the BQL drops meanwhile) until the thread has left guest code */
    while (!parked && g_thread_self() != thread) {
        wait_locked(-1);
    }
}

bool cpus_paused(void)
{
    return !want_run;
}

void cpus_kick(void)
{
    __atomic_store_n(&kicked, true, __ATOMIC_SEQ_CST);
    g_cond_broadcast(&cond);
}

void cpus_shutdown(void)
{
    if (!thread) {
        return;
    }
    quit = true;
    want_run = false;
    exit_all();
    g_cond_broadcast(&cond);
    bql_unlock();
    g_thread_join(thread);
    bql_lock();
    thread = NULL;
}
