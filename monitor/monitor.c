/*
 * monitor.c — monitor objects on chardevs, output, and the human monitor's
 * line input.  On a terminal (raw mode) readline.c edits the line, echoes
 * and keeps a history; elsewhere bytes are collected up to CR or LF
 * (backspace edits) without echo: socket clients are programs or
 * telnet-like tools that echo themselves.  A finished line is dispatched
 * through the command table of hmp-cmds.c and the prompt "(emu) " printed
 * again.
 */
#include "config-host.h"
#include "exec/cpus.h"
#include "exec/runstate.h"
#include "monitor-internal.h"
#include "util/error.h"

#include <stdarg.h>
#include <string.h>

MonitorHook *monitor_hooks[MONITOR_HOOK__MAX];

void monitor_set_hook(MonitorHookKind kind, MonitorHook *fn)
{
    monitor_hooks[kind] = fn;
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (mon->capture) {
        g_string_append(mon->capture, s);
    } else if (mon->fe.chr && mon->fe.chr->is_tty) {
        /* the terminal's output processing adds the CR itself */
        chr_fe_write_all(&mon->fe, (const uint8_t *)s, strlen(s));
    } else if (mon->fe.chr) {
        /* sockets and files: CR LF, as telnet-like clients expect */
        GString *o = g_string_sized_new(strlen(s) + 8);
        for (const char *p = s; *p; p++) {
            if (*p == '\n') {
                g_string_append_c(o, '\r');
            }
            g_string_append_c(o, *p);
        }
        chr_fe_write_all(&mon->fe, (const uint8_t *)o->str, o->len);
        g_string_free(o, TRUE);
    }
    g_free(s);
}

void monitor_with_cpus_stopped(void (*fn)(void *opaque), void *opaque)
{
    bool running = runstate_is_running();
    if (running) {
        cpus_pause();
    }
    fn(opaque);
    if (running) {
        cpus_resume();
    }
}

char *monitor_hmp_execute_on_cpu(const char *cmdline, int cpu_index)
{
    Monitor m = { .capture = g_string_new(NULL), .cpu_index = cpu_index };
    hmp_dispatch(&m, cmdline);
    return g_string_free(m.capture, FALSE);
}

char *monitor_hmp_execute(const char *cmdline)
{
    return monitor_hmp_execute_on_cpu(cmdline, 0);
}

/* ---- HMP on a chardev ----------------------------------------------------- */

static void hmp_prompt(Monitor *mon)
{
    monitor_printf(mon, "(emu) ");
}

static int hmp_can_read(void *opaque)
{
    return 1024;
}

static void hmp_echo(Monitor *mon, const char *s)
{
    if (mon->fe.chr && mon->fe.chr->is_tty) {
        chr_fe_write_all(&mon->fe, (const uint8_t *)s, strlen(s));
    }
}

static void hmp_rl_echo(void *opaque, const char *s)
{
    hmp_echo(opaque, s);
}

static void hmp_rl_done(void *opaque, const char *line)
{
    hmp_dispatch(opaque, line);
    hmp_prompt(opaque);
}

static void hmp_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;
    if (mon->fe.chr && mon->fe.chr->is_tty) {
        for (int i = 0; i < size; i++) {
            readline_feed(&mon->rl, buf[i]);
        }
        return;
    }
    for (int i = 0; i < size; i++) {
        uint8_t c = buf[i];
        if (c == '\r' || c == '\n') {
            /* CR LF from a terminal or telnet: one line, not two */
            if (c == '\n' && mon->line->len == 0 && i > 0 && buf[i - 1] == '\r') {
                continue;
            }
            char *line = g_strdup(mon->line->str);
            g_string_truncate(mon->line, 0);
            hmp_echo(mon, "\n");
            hmp_dispatch(mon, line);
            g_free(line);
            hmp_prompt(mon);
        } else if (c == 0x7f || c == 0x08) {
            if (mon->line->len) {
                g_string_truncate(mon->line, mon->line->len - 1);
                hmp_echo(mon, "\b \b");
            }
        } else if (c >= 0x20 && mon->line->len < 4096) {
            char s[2] = { (char)c, 0 };
            g_string_append_c(mon->line, c);
            hmp_echo(mon, s);
        }
    }
}

static void hmp_event(void *opaque, ChrEvent ev)
{
    Monitor *mon = opaque;
    if (ev == CHR_EVENT_OPENED || ev == CHR_EVENT_MUX_IN) {
        if (ev == CHR_EVENT_OPENED) {
            g_string_truncate(mon->line, 0);
            readline_reset(&mon->rl);
            monitor_printf(mon, "emu %s monitor - type 'help' for more information\n",
                           EMU_VERSION);
        }
        hmp_prompt(mon);
    }
}

static Monitor *monitors;

static Monitor *monitor_new(Chardev *chr, bool qmp, Error **errp)
{
    Monitor *mon = g_new0(Monitor, 1);
    mon->qmp = qmp;
    mon->line = g_string_new(NULL);
    mon->in = g_string_new(NULL);
    if (!chr_fe_init(&mon->fe, chr, errp)) {
        g_string_free(mon->line, TRUE);
        g_string_free(mon->in, TRUE);
        g_free(mon);
        return NULL;
    }
    mon->next = monitors;
    monitors = mon;
    return mon;
}

bool monitor_init_hmp(Chardev *chr, Error **errp)
{
    Monitor *mon = monitor_new(chr, false, errp);
    if (!mon) {
        return false;
    }
    readline_init(&mon->rl, "(emu) ", hmp_rl_echo, hmp_rl_done, mon);
    chr_fe_set_handlers(&mon->fe, hmp_can_read, hmp_read, hmp_event, mon);
    return true;
}

/* qmp.c's handlers, attached here so that monitors live in one list. */
int qmp_can_read(void *opaque);
void qmp_read(void *opaque, const uint8_t *buf, int size);
void qmp_chr_event(void *opaque, ChrEvent ev);
void qmp_event_init(void);

bool monitor_init_qmp(Chardev *chr, bool pretty, Error **errp)
{
    Monitor *mon = monitor_new(chr, true, errp);
    if (!mon) {
        return false;
    }
    mon->pretty = pretty;
    qmp_event_init();
    chr_fe_set_handlers(&mon->fe, qmp_can_read, qmp_read, qmp_chr_event, mon);
    return true;
}

/* Every QMP monitor, for events. */
Monitor *monitor_list(void);
Monitor *monitor_list(void)
{
    return monitors;
}
