/*
 * runstate.c — run state, start/stop, reset/shutdown/powerdown requests
 * and the events they produce (exec/runstate.h).
 *
 * State changes run on the main loop with the BQL held.  Requests only set
 * flags and wake the main loop, so that they are safe from vCPU threads,
 * device callbacks and signal handlers (the flags are atomics).
 */
#include "exec/cpus.h"
#include "exec/main-loop.h"
#include "exec/runstate.h"
#include "exec/timer.h"

#include <glib.h>

static RunState current = RUN_STATE_PRELAUNCH;
static int reset_requested;        /* ShutdownCause + 1, atomic */
static int shutdown_requested;
static int powerdown_requested;
static bool no_reboot, no_shutdown;

typedef struct Listener {
    RunEventFunc *fn;
    void *opaque;
} Listener;
static GArray *listeners;

typedef struct ResetEntry {
    ResetHandler *fn;
    void *opaque;
} ResetEntry;
static GArray *resets;
static ResetHandler *powerdown_fn;
static void *powerdown_opaque;

static const char *const state_names[RUN_STATE__MAX] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
};

static const char *const cause_names[SHUTDOWN_CAUSE__MAX] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_HOST_QMP_RESET] = "host-qmp-system-reset",
};

RunState runstate_get(void)
{
    return current;
}

const char *runstate_name(RunState s)
{
    return state_names[s];
}

const char *shutdown_cause_name(ShutdownCause c)
{
    return cause_names[c];
}

bool runstate_is_running(void)
{
    return current == RUN_STATE_RUNNING;
}

void runstate_set(RunState s)
{
    current = s;
}

void runstate_add_event_listener(RunEventFunc *fn, void *opaque)
{
    if (!listeners) {
        listeners = g_array_new(FALSE, FALSE, sizeof(Listener));
    }
    Listener l = { fn, opaque };
    g_array_append_val(listeners, l);
}

void runstate_emit(const RunEvent *ev)
{
    for (unsigned i = 0; listeners && i < listeners->len; i++) {
        Listener *l = &g_array_index(listeners, Listener, i);
        l->fn(ev, l->opaque);
    }
}

static void emit_simple(const char *name)
{
    RunEvent ev = { .name = name };
    runstate_emit(&ev);
}

void vm_start(void)
{
    if (current == RUN_STATE_RUNNING) {
        return;
    }
    current = RUN_STATE_RUNNING;
    clock_virtual_start();
    cpus_resume();
    emit_simple("RESUME");
}

void vm_stop(RunState state)
{
    if (current != RUN_STATE_RUNNING) {
        /* already stopped: only the reason changes (e.g. paused -> shutdown) */
        current = state;
        return;
    }
    cpus_pause();
    clock_virtual_stop();
    current = state;
    emit_simple("STOP");
}

void runstate_register_reset(ResetHandler *fn, void *opaque)
{
    if (!resets) {
        resets = g_array_new(FALSE, FALSE, sizeof(ResetEntry));
    }
    ResetEntry e = { fn, opaque };
    g_array_append_val(resets, e);
}

void runstate_reset_all(void)
{
    for (unsigned i = 0; resets && i < resets->len; i++) {
        ResetEntry *e = &g_array_index(resets, ResetEntry, i);
        e->fn(e->opaque);
    }
}

void runstate_set_powerdown_handler(ResetHandler *fn, void *opaque)
{
    powerdown_fn = fn;
    powerdown_opaque = opaque;
}

void runstate_set_no_reboot(bool on)
{
    no_reboot = on;
}

void runstate_set_no_shutdown(bool on)
{
    no_shutdown = on;
}

void runstate_request_reset(ShutdownCause cause)
{
    if (no_reboot && cause == SHUTDOWN_CAUSE_GUEST_RESET) {
        runstate_request_shutdown(cause);
        return;
    }
    __atomic_store_n(&reset_requested, cause + 1, __ATOMIC_SEQ_CST);
    main_loop_notify();
}

void runstate_request_shutdown(ShutdownCause cause)
{
    __atomic_store_n(&shutdown_requested, cause + 1, __ATOMIC_SEQ_CST);
    main_loop_notify();
}

bool runstate_request_pending(void)
{
    return __atomic_load_n(&reset_requested, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&shutdown_requested, __ATOMIC_SEQ_CST);
}

void runstate_request_powerdown(void)
{
    __atomic_store_n(&powerdown_requested, 1, __ATOMIC_SEQ_CST);
    main_loop_notify();
}

static bool cause_is_guest(ShutdownCause c)
{
    return c == SHUTDOWN_CAUSE_GUEST_SHUTDOWN || c == SHUTDOWN_CAUSE_GUEST_RESET;
}

bool runstate_process_requests(void)
{
    int s = __atomic_exchange_n(&shutdown_requested, 0, __ATOMIC_SEQ_CST);
    if (s) {
        ShutdownCause cause = s - 1;
        RunEvent ev = { .name = "SHUTDOWN", .has_reason = true, .guest = cause_is_guest(cause),
                        .reason = cause_names[cause] };
        runstate_emit(&ev);
        if (no_shutdown && cause_is_guest(cause)) {
            vm_stop(RUN_STATE_SHUTDOWN);
            return false;
        }
        return true;
    }
    int r = __atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST);
    if (r) {
        ShutdownCause cause = r - 1;
        bool was_running = current == RUN_STATE_RUNNING;
        if (was_running) {
            cpus_pause();
        }
        runstate_reset_all();
        RunEvent ev = { .name = "RESET", .has_reason = true, .guest = cause_is_guest(cause),
                        .reason = cause_names[cause] };
        runstate_emit(&ev);
        if (was_running) {
            cpus_resume();
        } else if (current == RUN_STATE_SHUTDOWN) {
            /* a reset after a -no-shutdown power-off restarts the guest */
            vm_start();
        }
    }
    if (__atomic_exchange_n(&powerdown_requested, 0, __ATOMIC_SEQ_CST)) {
        emit_simple("POWERDOWN");
        if (powerdown_fn) {
            powerdown_fn(powerdown_opaque);
        } else {
            runstate_request_shutdown(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        }
    }
    return false;
}
