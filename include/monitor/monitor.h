/*
 * monitor.h — the human monitor (HMP: `info status`, `stop`, `x /4xw 0`
 * ...) and the JSON machine protocol (QMP, compatible with QEMU's: greeting,
 * qmp_capabilities, commands with "execute"/"arguments"/"id", events), each
 * on a chardev.  Both run on the main loop with the BQL held.
 *
 *     monitor_init_hmp(chardev_find("mon0"), &error_fatal);
 *     monitor_init_qmp(chardev_find("qmp0"), false, &error_fatal);
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <stdbool.h>

#include "chardev/char.h"

typedef struct Error Error;
typedef struct Monitor Monitor;

bool monitor_init_hmp(Chardev *chr, Error **errp);
bool monitor_init_qmp(Chardev *chr, bool pretty, Error **errp);

/* Output to the monitor's chardev (or to the capture of human-monitor-command). */
void monitor_printf(Monitor *mon, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run one HMP command line and return what it printed (g_free it). */
char *monitor_hmp_execute(const char *cmdline);
/* The same with `cpu cpu_index` selected (QMP human-monitor-command's cpu-index). */
char *monitor_hmp_execute_on_cpu(const char *cmdline, int cpu_index);

/*
 * Facilities other subsystems provide later (a display for screendump, a
 * keyboard for sendkey, the GDB stub for gdbserver): until one registers,
 * the command says what is missing.
 */
typedef bool MonitorHook(const char *arg, Error **errp);
typedef enum MonitorHookKind {
    MONITOR_HOOK_SCREENDUMP,       /* arg: the file name */
    MONITOR_HOOK_SENDKEY,          /* arg: keys as "ctrl-alt-delete" */
    MONITOR_HOOK_GDBSERVER,        /* arg: "tcp::1234" or a chardev spec */
    MONITOR_HOOK__MAX,
} MonitorHookKind;
void monitor_set_hook(MonitorHookKind kind, MonitorHook *fn);

#endif
