/*
 * monitor-internal.h — what the monitor's files share: the Monitor object,
 * the HMP command table type and the hooks.
 */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include "monitor/monitor.h"
#include "readline.h"

#include <glib.h>
#include <json-glib/json-glib.h>

struct Monitor {
    CharFrontend fe;
    bool qmp;
    GString *capture;              /* human-monitor-command: output goes here */
    /* HMP */
    GString *line;                 /* sockets and files: the line so far */
    ReadLine rl;                   /* terminals: line editing and history */
    int cpu_index;                 /* `cpu N`: the CPU of info registers, x, ... */
    /* QMP */
    bool pretty;
    bool negotiated;               /* qmp_capabilities done: commands and events */
    GString *in;                   /* bytes of the JSON value being received */
    int depth;                     /* brace/bracket depth in it */
    bool in_string, escape;
    Monitor *next;
};

/* One HMP command: the table in hmp-cmds.c is the single list. */
typedef struct HMPCommand {
    const char *name;              /* "info" sub-commands are in their own table */
    const char *alias;             /* short name, may be NULL */
    const char *args;              /* for help: "[/fmt] addr" */
    const char *help;
    void (*cmd)(Monitor *mon, const char *args);
} HMPCommand;

extern const HMPCommand hmp_commands[];
extern const HMPCommand hmp_info_commands[];
void hmp_dispatch(Monitor *mon, const char *line);

extern MonitorHook *monitor_hooks[MONITOR_HOOK__MAX];

/* Run fn with the vCPUs out of guest code (pausing and resuming them if running). */
void monitor_with_cpus_stopped(void (*fn)(void *opaque), void *opaque);

#endif
