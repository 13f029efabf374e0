/*
 * runstate.h — the VM's run state, requests that change it (from devices,
 * the monitor, signals) and the events it reports (QMP STOP/RESUME/...).
 *
 * Requests are flags any thread may raise; the main loop acts on them
 * (runstate_process_requests) with the BQL held, so that a device asking
 * for a reset from inside an MMIO write does not reset itself mid-access.
 */
#ifndef EXEC_RUNSTATE_H
#define EXEC_RUNSTATE_H

#include <stdbool.h>

typedef enum RunState {
    RUN_STATE_PRELAUNCH,           /* -S, before the first cont */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,              /* stop */
    RUN_STATE_DEBUG,               /* stopped by a breakpoint */
    RUN_STATE_SHUTDOWN,            /* the guest powered off with -no-shutdown */
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE__MAX,
} RunState;

/* Why a shutdown was requested (QMP SHUTDOWN's "reason"). */
typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,  /* quit from the monitor */
    SHUTDOWN_CAUSE_HOST_SIGNAL,    /* SIGINT/SIGTERM/SIGHUP */
    SHUTDOWN_CAUSE_HOST_UI,        /* Ctrl-A x on the mux */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN, /* the guest powered off */
    SHUTDOWN_CAUSE_GUEST_RESET,    /* the guest reset with -no-reboot */
    SHUTDOWN_CAUSE_HOST_QMP_RESET, /* system_reset from the monitor */
    SHUTDOWN_CAUSE__MAX,
} ShutdownCause;

RunState runstate_get(void);
const char *runstate_name(RunState s);
bool runstate_is_running(void);
void runstate_set(RunState s);

/* Start or resume the vCPUs (emits RESUME); stop them and wait until they are out (STOP). */
void vm_start(void);
void vm_stop(RunState state);

/* Requests (any thread).  -no-reboot turns a reset into a shutdown; -no-shutdown a shutdown into a stop. */
void runstate_request_reset(ShutdownCause cause);
void runstate_request_shutdown(ShutdownCause cause);
void runstate_request_powerdown(void);
/* Act on pending requests; returns true when emu should exit. */
bool runstate_process_requests(void);
/* A reset or shutdown is requested and not yet processed (the vCPUs wait for it). */
bool runstate_request_pending(void);
void runstate_set_no_reboot(bool on);
void runstate_set_no_shutdown(bool on);
const char *shutdown_cause_name(ShutdownCause c);

/* Reset every device (the board's and -device ones) and every CPU (registered hooks). */
typedef void ResetHandler(void *opaque);
void runstate_register_reset(ResetHandler *fn, void *opaque);
void runstate_reset_all(void);
/* The board's ACPI-style power button (system_powerdown); NULL: shut down. */
void runstate_set_powerdown_handler(ResetHandler *fn, void *opaque);

/*
 * Events for the monitors: name ("STOP", "RESUME", "SHUTDOWN", "RESET",
 * "POWERDOWN"), with for SHUTDOWN/RESET whether the guest asked and why.
 */
typedef struct RunEvent {
    const char *name;
    bool has_reason;
    bool guest;
    const char *reason;
} RunEvent;
typedef void RunEventFunc(const RunEvent *ev, void *opaque);
void runstate_add_event_listener(RunEventFunc *fn, void *opaque);
void runstate_emit(const RunEvent *ev);

#endif
