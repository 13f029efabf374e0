/*
 * gdbstub.c — the protocol core: one table of the commands the stub
 * understands, their handlers, stop replies and resume bookkeeping.  It
 * knows neither the mode nor the target: memory, threads and resuming go
 * through GDBModeOps (user.c, system.c), registers through the target's
 * GDBCPUOps (xml.c finds it).
 *
 * Every malformed command — a bad hex digit, a missing field, a length past
 * what a packet can carry, an address the guest cannot reach — is answered
 * with an "Enn" error (errno-style numbers: E01 no such thread or register,
 * E14 bad address, E22 malformed); an unknown command gets the empty reply
 * the protocol prescribes.  The core keeps no pointer into the packet
 * buffer after a handler returns.
 *
 * Called with the mode's lock held (user: the stub mutex; system: the BQL).
 */
#include "internals.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "exec/cpu-exec.h"

/* The most a memory or xfer reply carries (hex doubles it; escapes may too). */
#define GDB_MAX_DATA ((GDB_MAX_PACKET - 32) / 2)

#define E_NOENT "E01"
#define E_FAULT "E14"
#define E_INVAL "E16"

/* ---- sending -------------------------------------------------------------- */

void gdb_send_packet(GDBState *s, const char *data, size_t len)
{
    g_string_truncate(s->last, 0);
    gdb_frame_packet(s->last, data, len);
    s->mode->send(s, s->last->str, s->last->len);
}

void gdb_send_str(GDBState *s, const char *str)
{
    gdb_send_packet(s, str, strlen(str));
}

/* ---- threads -------------------------------------------------------------- */

static CPUState *first_thread(GDBState *s)
{
    GPtrArray *cpus = g_ptr_array_new();
    s->mode->list_threads(cpus);
    CPUState *cpu = cpus->len ? g_ptr_array_index(cpus, 0) : NULL;
    g_ptr_array_free(cpus, true);
    return cpu;
}

/* The CPU for registers and memory: Hg's, else the stopped one, else the first. */
static CPUState *g_cpu(GDBState *s)
{
    if (s->g_cpu && s->mode->thread_cpu(s->mode->thread_id(s->g_cpu)) == s->g_cpu) {
        return s->g_cpu;
    }
    if (s->stop_cpu && s->mode->thread_cpu(s->mode->thread_id(s->stop_cpu)) == s->stop_cpu) {
        return s->stop_cpu;
    }
    return first_thread(s);
}

/* A thread id as gdb writes it: hex, or -1 (all), or 0 (any); false when malformed. */
static bool parse_tid(const char **p, int *tid)
{
    uint64_t v;
    if ((*p)[0] == '-' && (*p)[1] == '1') {
        *p += 2;
        *tid = -1;
        return true;
    }
    if (!gdb_parse_hex(p, &v) || v > 0x7fffffff) {
        return false;
    }
    *tid = (int)v;
    return true;
}

/* ---- stops ---------------------------------------------------------------- */

static void stop_reply(GDBState *s, GString *out, CPUState *cpu, int sig,
                       const GDBWatchpoint *watch)
{
    g_string_append_printf(out, "T%02x", sig & 0xff);
    if (watch) {
        static const char *const names[] = {
            [GDB_WATCH_WRITE] = "watch", [GDB_WATCH_READ] = "rwatch",
            [GDB_WATCH_ACCESS] = "awatch",
        };
        g_string_append_printf(out, "%s:%" PRIx64 ";", names[watch->type], watch->addr);
    }
    if (cpu) {
        g_string_append_printf(out, "thread:%x;", s->mode->thread_id(cpu));
    }
}

void gdb_report_stop(GDBState *s, CPUState *cpu, int sig, const GDBWatchpoint *watch)
{
    s->stop_cpu = cpu;
    s->stop_signal = sig;
    s->g_cpu = s->c_cpu = cpu;
    if (!s->running || s->detached) {
        return;                    /* gdb asks with '?' */
    }
    s->running = false;
    GString *out = g_string_new(NULL);
    stop_reply(s, out, cpu, sig, watch);
    gdb_send_str(s, out->str);
    g_string_free(out, true);
}

void gdb_report_exit(GDBState *s, bool killed, int code)
{
    if (s->detached) {
        return;
    }
    char buf[16];
    snprintf(buf, sizeof(buf), "%c%02x", killed ? 'X' : 'W', code & 0xff);
    gdb_send_str(s, buf);
    s->running = false;
    s->detached = true;
}

GDBAction gdb_resume_action(GDBState *s, CPUState *cpu, int *sig)
{
    int tid = s->mode->thread_id(cpu);
    for (int i = 0; i < s->n_actions; i++) {
        if (s->actions[i].tid == tid || s->actions[i].tid == -1) {
            *sig = s->actions[i].sig;
            return s->actions[i].action;
        }
    }
    *sig = s->default_sig;
    return s->default_action;
}

static void resume(GDBState *s)
{
    s->running = true;
    s->mode->resume(s);
}

/* ---- breakpoints and watchpoints ------------------------------------------ */

static void breakpoints_apply(GDBState *s, uint64_t pc, bool insert)
{
    GPtrArray *cpus = g_ptr_array_new();
    s->mode->list_threads(cpus);
    for (guint i = 0; i < cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(cpus, i);
        if (insert) {
            if (!cpu_breakpoint_test(cpu, pc)) {
                cpu_breakpoint_insert(cpu, pc);
            }
        } else {
            cpu_breakpoint_remove(cpu, pc);
        }
    }
    g_ptr_array_free(cpus, true);
}

void gdb_apply_breakpoints(GDBState *s, CPUState *cpu)
{
    for (guint i = 0; i < s->breakpoints->len; i++) {
        uint64_t pc = g_array_index(s->breakpoints, uint64_t, i);
        if (!cpu_breakpoint_test(cpu, pc)) {
            cpu_breakpoint_insert(cpu, pc);
        }
    }
}

const GDBWatchpoint *gdb_watch_check_writes(GDBState *s, CPUState *cpu)
{
    for (int i = 0; i < s->n_watch; i++) {
        GDBWatchpoint *w = &s->watch[i];
        uint8_t now[8];
        if (w->type == GDB_WATCH_READ || !s->mode->memory_rw(cpu, w->addr, now, w->len, false)) {
            continue;
        }
        if (memcmp(now, w->old, w->len) != 0) {
            memcpy(w->old, now, w->len);
            return w;
        }
    }
    return NULL;
}

static void remove_all_breakpoints(GDBState *s)
{
    while (s->breakpoints->len) {
        breakpoints_apply(s, g_array_index(s->breakpoints, uint64_t, 0), false);
        g_array_remove_index_fast(s->breakpoints, 0);
    }
    s->n_watch = 0;
    if (s->mode->watch_changed) {
        s->mode->watch_changed(s);
    }
}

/* ---- the commands --------------------------------------------------------- */

typedef void GDBCmdFn(GDBState *s, const char *args, size_t len);

static void cmd_status(GDBState *s, const char *args, size_t len)
{
    GString *out = g_string_new(NULL);
    stop_reply(s, out, s->stop_cpu ? s->stop_cpu : g_cpu(s), s->stop_signal, NULL);
    gdb_send_str(s, out->str);
    g_string_free(out, true);
}

static void cmd_read_regs(GDBState *s, const char *args, size_t len)
{
    CPUState *cpu = g_cpu(s);
    const GDBCPUOps *ops = cpu ? gdb_cpu_ops(cpu) : NULL;
    const GArray *nums = cpu ? gdb_xml_regnums(cpu) : NULL;
    if (!ops || !nums) {
        gdb_send_str(s, E_NOENT);
        return;
    }
    GString *out = g_string_new(NULL);
    uint8_t *buf = g_malloc0(ops->max_reg_bytes + 16);
    for (guint i = 0; i < nums->len; i++) {
        int n = ops->read_register(cpu, buf, g_array_index(nums, int, i));
        gdb_append_hex(out, buf, n);
    }
    g_free(buf);
    gdb_send_str(s, out->str);
    g_string_free(out, true);
}

static void cmd_write_regs(GDBState *s, const char *args, size_t len)
{
    CPUState *cpu = g_cpu(s);
    const GDBCPUOps *ops = cpu ? gdb_cpu_ops(cpu) : NULL;
    const GArray *nums = cpu ? gdb_xml_regnums(cpu) : NULL;
    if (!ops || !nums) {
        gdb_send_str(s, E_NOENT);
        return;
    }
    /* check the whole packet before changing anything */
    uint8_t *buf = g_malloc0(ops->max_reg_bytes + 16);
    size_t need = 0;
    for (guint i = 0; i < nums->len; i++) {
        need += 2 * ops->read_register(cpu, buf, g_array_index(nums, int, i));
    }
    uint8_t *bytes = g_malloc(need / 2 + 1);
    if (len != need || !gdb_hex_decode(args, need / 2, bytes)) {
        g_free(buf);
        g_free(bytes);
        gdb_send_str(s, E_INVAL);
        return;
    }
    size_t off = 0;
    for (guint i = 0; i < nums->len; i++) {
        int n = g_array_index(nums, int, i);
        int size = ops->read_register(cpu, buf, n);
        ops->write_register(cpu, bytes + off, n);
        off += size;
    }
    g_free(buf);
    g_free(bytes);
    gdb_send_str(s, "OK");
}

static void cmd_read_reg(GDBState *s, const char *args, size_t len)
{
    CPUState *cpu = g_cpu(s);
    const GDBCPUOps *ops = cpu ? gdb_cpu_ops(cpu) : NULL;
    uint64_t n;
    if (!gdb_parse_hex(&args, &n) || *args) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    if (!ops || n > 0xffff) {
        gdb_send_str(s, E_NOENT);
        return;
    }
    uint8_t *buf = g_malloc0(ops->max_reg_bytes + 16);
    int size = ops->read_register(cpu, buf, (int)n);
    if (size <= 0) {
        gdb_send_str(s, E_NOENT);
    } else {
        GString *out = g_string_new(NULL);
        gdb_append_hex(out, buf, size);
        gdb_send_str(s, out->str);
        g_string_free(out, true);
    }
    g_free(buf);
}

static void cmd_write_reg(GDBState *s, const char *args, size_t len)
{
    CPUState *cpu = g_cpu(s);
    const GDBCPUOps *ops = cpu ? gdb_cpu_ops(cpu) : NULL;
    uint64_t n;
    if (!gdb_parse_hex(&args, &n) || *args++ != '=') {
        gdb_send_str(s, E_INVAL);
        return;
    }
    if (!ops || n > 0xffff) {
        gdb_send_str(s, E_NOENT);
        return;
    }
    uint8_t *buf = g_malloc0(ops->max_reg_bytes + 16);
    int size = ops->read_register(cpu, buf, (int)n);
    if (size <= 0) {
        gdb_send_str(s, E_NOENT);
    } else if (strlen(args) != 2 * (size_t)size || !gdb_hex_decode(args, size, buf)) {
        gdb_send_str(s, E_INVAL);
    } else {
        ops->write_register(cpu, buf, (int)n);
        gdb_send_str(s, "OK");
    }
    g_free(buf);
}

/* "addr,length" followed by end (m) or ':' (M, X); false when malformed. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
    return gdb_parse_hex(p, addr) && *(*p)++ == ',' && gdb_parse_hex(p, len);
}

static void cmd_read_mem(GDBState *s, const char *args, size_t len)
{
    uint64_t addr, n;
    if (!parse_addr_len(&args, &addr, &n) || *args || n > GDB_MAX_DATA) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    CPUState *cpu = g_cpu(s);
    uint8_t *buf = g_malloc(n ? n : 1);
    if (!cpu || addr + n < addr || !s->mode->memory_rw(cpu, addr, buf, n, false)) {
        gdb_send_str(s, E_FAULT);
    } else {
        GString *out = g_string_new(NULL);
        gdb_append_hex(out, buf, n);
        gdb_send_str(s, out->str);
        g_string_free(out, true);
    }
    g_free(buf);
}

static void write_mem(GDBState *s, uint64_t addr, const uint8_t *buf, uint64_t n)
{
    CPUState *cpu = g_cpu(s);
    if (!cpu || addr + n < addr) {
        gdb_send_str(s, E_FAULT);
        return;
    }
    /* memory_rw may not change the buffer on a write, but takes it non-const */
    uint8_t *copy = g_memdup2(buf, n ? n : 1);
    bool ok = n == 0 || s->mode->memory_rw(cpu, addr, copy, n, true);
    g_free(copy);
    gdb_send_str(s, ok ? "OK" : E_FAULT);
}

static void cmd_write_mem_hex(GDBState *s, const char *args, size_t len)
{
    uint64_t addr, n;
    if (!parse_addr_len(&args, &addr, &n) || *args++ != ':' || n > GDB_MAX_DATA ||
        strlen(args) != 2 * n) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    uint8_t *buf = g_malloc(n + 1);
    if (!gdb_hex_decode(args, n, buf)) {
        gdb_send_str(s, E_INVAL);
    } else {
        write_mem(s, addr, buf, n);
    }
    g_free(buf);
}

static void cmd_write_mem_bin(GDBState *s, const char *args, size_t len)
{
    const char *start = args;
    uint64_t addr, n;
    if (!parse_addr_len(&args, &addr, &n) || *args++ != ':' || n > GDB_MAX_PACKET) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    size_t rest = len - (size_t)(args - start);
    char *data = g_memdup2(args, rest + 1);
    size_t got = gdb_unescape(data, rest);
    if (got != n) {
        gdb_send_str(s, E_INVAL);
    } else {
        write_mem(s, addr, (const uint8_t *)data, n);
    }
    g_free(data);
}

/* c/s/C/S: the legacy resume commands (an address argument is not supported). */
static void legacy_resume(GDBState *s, const char *args, GDBAction action, bool has_sig)
{
    uint64_t sig = 0;
    if (has_sig && (!gdb_parse_hex(&args, &sig) || sig > 255)) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    if (*args == ';' || (!has_sig && *args)) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    CPUState *cpu = s->c_cpu ? s->c_cpu : g_cpu(s);
    s->n_actions = 0;
    if (action == GDB_ACTION_STEP && cpu) {
        /* step the current thread; the others wait (as gdb's scheduler-locking step) */
        s->actions[s->n_actions++] = (typeof(s->actions[0])){
            s->mode->thread_id(cpu), GDB_ACTION_STEP, (int)sig };
        s->default_action = GDB_ACTION_STOP;
        s->default_sig = 0;
    } else {
        s->default_action = GDB_ACTION_CONT;
        s->default_sig = 0;
        if (cpu && sig) {
            s->actions[s->n_actions++] = (typeof(s->actions[0])){
                s->mode->thread_id(cpu), GDB_ACTION_CONT, (int)sig };
        }
    }
    resume(s);
}

static void cmd_continue(GDBState *s, const char *a, size_t l)
{
    legacy_resume(s, a, GDB_ACTION_CONT, false);
}

static void cmd_continue_sig(GDBState *s, const char *a, size_t l)
{
    legacy_resume(s, a, GDB_ACTION_CONT, true);
}

static void cmd_step(GDBState *s, const char *a, size_t l)
{
    legacy_resume(s, a, GDB_ACTION_STEP, false);
}

static void cmd_step_sig(GDBState *s, const char *a, size_t l)
{
    legacy_resume(s, a, GDB_ACTION_STEP, true);
}

static void cmd_vcont_query(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "vCont;c;C;s;S");
}

/* vCont;ACTION[:TID];ACTION[:TID]... — the first action naming a thread wins. */
static void cmd_vcont(GDBState *s, const char *args, size_t len)
{
    int n = 0;
    bool have_default = false;
    GDBAction def = GDB_ACTION_STOP;
    int def_sig = 0;
    typeof(s->actions[0]) acts[GDB_MAX_ACTIONS];
    while (*args == ';') {
        args++;
        GDBAction a;
        uint64_t sig = 0;
        char c = *args++;
        switch (c) {
        case 'c': a = GDB_ACTION_CONT; break;
        case 's': a = GDB_ACTION_STEP; break;
        case 'C': a = GDB_ACTION_CONT; break;
        case 'S': a = GDB_ACTION_STEP; break;
        default:
            gdb_send_str(s, E_INVAL);
            return;
        }
        if ((c == 'C' || c == 'S') && (!gdb_parse_hex(&args, &sig) || sig > 255)) {
            gdb_send_str(s, E_INVAL);
            return;
        }
        if (*args == ':') {
            args++;
            int tid;
            if (!parse_tid(&args, &tid)) {
                gdb_send_str(s, E_INVAL);
                return;
            }
            if (n == GDB_MAX_ACTIONS) {
                gdb_send_str(s, E_INVAL);
                return;
            }
            acts[n].tid = tid;
            acts[n].action = a;
            acts[n].sig = (int)sig;
            n++;
            if (tid == -1 && !have_default) {
                have_default = true;
                def = a;
                def_sig = (int)sig;
            }
        } else if (!have_default) {
            have_default = true;
            def = a;
            def_sig = (int)sig;
        }
    }
    if (*args || (n == 0 && !have_default)) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    memcpy(s->actions, acts, sizeof(acts[0]) * n);
    s->n_actions = n;
    s->default_action = def;
    s->default_sig = def_sig;
    resume(s);
}

static void cmd_set_thread(GDBState *s, const char *args, size_t len)
{
    char which = *args++;
    int tid;
    if ((which != 'g' && which != 'c') || !parse_tid(&args, &tid) || *args) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    CPUState *cpu = NULL;
    if (tid > 0) {
        cpu = s->mode->thread_cpu(tid);
        if (!cpu) {
            gdb_send_str(s, E_NOENT);
            return;
        }
    }
    if (which == 'g') {
        s->g_cpu = cpu;
    } else {
        s->c_cpu = cpu;
    }
    gdb_send_str(s, "OK");
}

static void cmd_thread_alive(GDBState *s, const char *args, size_t len)
{
    int tid;
    if (!parse_tid(&args, &tid) || *args) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    gdb_send_str(s, tid > 0 && s->mode->thread_cpu(tid) ? "OK" : E_NOENT);
}

/* Z/z TYPE,ADDR,KIND */
static void breakpoint_cmd(GDBState *s, const char *args, bool insert)
{
    uint64_t type, addr, kind;
    if (!gdb_parse_hex(&args, &type) || *args++ != ',' || !gdb_parse_hex(&args, &addr) ||
        *args++ != ',' || !gdb_parse_hex(&args, &kind) || (*args && *args != ';')) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    if (type <= 1) {
        guint i;
        for (i = 0; i < s->breakpoints->len; i++) {
            if (g_array_index(s->breakpoints, uint64_t, i) == addr) {
                break;
            }
        }
        if (insert && i == s->breakpoints->len) {
            g_array_append_val(s->breakpoints, addr);
            breakpoints_apply(s, addr, true);
        } else if (!insert && i < s->breakpoints->len) {
            g_array_remove_index_fast(s->breakpoints, i);
            breakpoints_apply(s, addr, false);
        }
        gdb_send_str(s, "OK");
        return;
    }
    if (type > GDB_WATCH_ACCESS || !s->mode->watch_supported ||
        !s->mode->watch_supported(s, (int)type)) {
        gdb_send_str(s, "");       /* not supported: gdb falls back or says so */
        return;
    }
    if (kind == 0 || kind > 8) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    int i;
    for (i = 0; i < s->n_watch; i++) {
        GDBWatchpoint *w = &s->watch[i];
        if (w->type == (int)type && w->addr == addr && w->len == kind) {
            break;
        }
    }
    if (insert && i == s->n_watch) {
        CPUState *cpu = g_cpu(s);
        GDBWatchpoint w = { .type = (int)type, .addr = addr, .len = kind };
        if (s->n_watch == GDB_MAX_WATCH || !cpu ||
            !s->mode->memory_rw(cpu, addr, w.old, kind, false)) {
            gdb_send_str(s, s->n_watch == GDB_MAX_WATCH ? E_INVAL : E_FAULT);
            return;
        }
        s->watch[s->n_watch++] = w;
    } else if (!insert && i < s->n_watch) {
        s->watch[i] = s->watch[--s->n_watch];
    }
    if (s->mode->watch_changed) {
        s->mode->watch_changed(s);
    }
    gdb_send_str(s, "OK");
}

static void cmd_insert_bp(GDBState *s, const char *args, size_t len)
{
    breakpoint_cmd(s, args, true);
}

static void cmd_remove_bp(GDBState *s, const char *args, size_t len)
{
    breakpoint_cmd(s, args, false);
}

static void cmd_detach(GDBState *s, const char *args, size_t len)
{
    remove_all_breakpoints(s);
    gdb_send_str(s, "OK");
    s->detached = true;
    s->running = false;
    s->mode->detach(s);
}

static void cmd_kill(GDBState *s, const char *args, size_t len)
{
    s->detached = true;
    s->mode->kill(s);
}

static void cmd_vkill(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "OK");
    cmd_kill(s, args, len);
}

static void cmd_supported(GDBState *s, const char *args, size_t len)
{
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;"
                           "vContSupported+", GDB_MAX_PACKET);
    if (s->mode->auxv) {
        g_string_append(out, ";qXfer:auxv:read+");
    }
    if (s->mode->exec_file) {
        g_string_append(out, ";qXfer:exec-file:read+");
    }
    gdb_send_str(s, out->str);
    g_string_free(out, true);
}

static void cmd_no_ack(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "OK");
    s->no_ack = true;
}

static void cmd_current_thread(GDBState *s, const char *args, size_t len)
{
    CPUState *cpu = s->stop_cpu ? s->stop_cpu : g_cpu(s);
    char buf[32];
    snprintf(buf, sizeof(buf), "QC%x", cpu ? s->mode->thread_id(cpu) : 1);
    gdb_send_str(s, buf);
}

static void cmd_thread_first(GDBState *s, const char *args, size_t len)
{
    GPtrArray *cpus = g_ptr_array_new();
    s->mode->list_threads(cpus);
    GString *out = g_string_new("m");
    for (guint i = 0; i < cpus->len && out->len < GDB_MAX_DATA; i++) {
        g_string_append_printf(out, "%s%x", i ? "," : "",
                               s->mode->thread_id(g_ptr_array_index(cpus, i)));
    }
    gdb_send_str(s, cpus->len ? out->str : "l");
    g_string_free(out, true);
    g_ptr_array_free(cpus, true);
}

static void cmd_thread_next(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "l");
}

static void cmd_thread_extra(GDBState *s, const char *args, size_t len)
{
    int tid;
    CPUState *cpu;
    if (!parse_tid(&args, &tid) || *args || tid <= 0 || !(cpu = s->mode->thread_cpu(tid))) {
        gdb_send_str(s, E_NOENT);
        return;
    }
    char text[64];
    snprintf(text, sizeof(text), "CPU#%d", cpu->cpu_index);
    GString *out = g_string_new(NULL);
    gdb_append_hex(out, text, strlen(text));
    gdb_send_str(s, out->str);
    g_string_free(out, true);
}

static void cmd_attached(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, s->mode->attached_existing ? "1" : "0");
}

static void cmd_offsets(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "Text=0;Data=0;Bss=0");
}

static void cmd_symbol(GDBState *s, const char *args, size_t len)
{
    gdb_send_str(s, "OK");         /* no symbols needed */
}

static void cmd_rcmd(GDBState *s, const char *args, size_t len)
{
    size_t n = strlen(args);
    if (n % 2) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    char *cmd = g_malloc(n / 2 + 1);
    if (!gdb_hex_decode(args, n / 2, (uint8_t *)cmd) || memchr(cmd, 0, n / 2)) {
        g_free(cmd);
        gdb_send_str(s, E_INVAL);
        return;
    }
    cmd[n / 2] = 0;
    if (!s->mode->monitor_command) {
        g_free(cmd);
        gdb_send_str(s, "");
        return;
    }
    char *text = s->mode->monitor_command(s, cmd);
    g_free(cmd);
    size_t tl = text ? strlen(text) : 0;
    /* the output as console ('O') packets, then the final OK */
    for (size_t off = 0; off < tl; off += GDB_MAX_DATA / 2) {
        size_t chunk = MIN(tl - off, GDB_MAX_DATA / 2);
        GString *out = g_string_new("O");
        gdb_append_hex(out, text + off, chunk);
        gdb_send_str(s, out->str);
        g_string_free(out, true);
    }
    g_free(text);
    gdb_send_str(s, "OK");
}

/* Answer a qXfer read of data[0, size) at "offset,length". */
static void xfer_reply(GDBState *s, const char *args, const void *data, size_t size)
{
    uint64_t off, n;
    if (!parse_addr_len(&args, &off, &n) || *args) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    if (off >= size) {
        gdb_send_str(s, "l");
        return;
    }
    n = MIN(n, MIN(size - off, GDB_MAX_DATA));
    GString *out = g_string_new(off + n < size ? "m" : "l");
    g_string_append_len(out, (const char *)data + off, n);
    gdb_send_packet(s, out->str, out->len);
    g_string_free(out, true);
}

/* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH */
static void cmd_xfer(GDBState *s, const char *args, size_t len)
{
    const char *colon = strchr(args, ':');
    if (!colon || strncmp(colon, ":read:", 6) != 0) {
        gdb_send_str(s, "");
        return;
    }
    g_autofree char *object = g_strndup(args, colon - args);
    const char *annex = colon + 6;
    const char *rest = strchr(annex, ':');
    if (!rest) {
        gdb_send_str(s, E_INVAL);
        return;
    }
    g_autofree char *name = g_strndup(annex, rest - annex);
    rest++;
    if (!strcmp(object, "features")) {
        CPUState *cpu = g_cpu(s);
        const GDBCPUOps *ops = cpu ? gdb_cpu_ops(cpu) : NULL;
        const char *xml = ops && ops->get_xml ? ops->get_xml(cpu, name) : NULL;
        if (!xml) {
            gdb_send_str(s, E_NOENT);
            return;
        }
        xfer_reply(s, rest, xml, strlen(xml));
    } else if (!strcmp(object, "auxv") && s->mode->auxv) {
        GBytes *b = s->mode->auxv(s);
        if (!b) {
            gdb_send_str(s, E_FAULT);
            return;
        }
        gsize size;
        const void *data = g_bytes_get_data(b, &size);
        xfer_reply(s, rest, data, size);
        g_bytes_unref(b);
    } else if (!strcmp(object, "exec-file") && s->mode->exec_file) {
        char *path = s->mode->exec_file(s);
        if (!path) {
            gdb_send_str(s, E_NOENT);
            return;
        }
        xfer_reply(s, rest, path, strlen(path));
        g_free(path);
    } else {
        gdb_send_str(s, "");
    }
}

/*
 * The commands, longest names first where one is a prefix of another.
 * exact: the name is the whole packet; otherwise the arguments follow it.
 */
static const struct GDBCommand {
    const char *name;              /* the packet's leading characters */
    bool exact;                    /* no arguments may follow */
    GDBCmdFn *fn;
} gdb_commands[] = {
    { "?", true, cmd_status },                   /* why the target stopped */
    { "g", true, cmd_read_regs },                /* all registers of the XML */
    { "G", false, cmd_write_regs },              /* write them all */
    { "p", false, cmd_read_reg },                /* one register by GDB number */
    { "P", false, cmd_write_reg },               /* write one: P n=value */
    { "m", false, cmd_read_mem },                /* m addr,len */
    { "M", false, cmd_write_mem_hex },           /* M addr,len:hex */
    { "X", false, cmd_write_mem_bin },           /* X addr,len:binary */
    { "c", false, cmd_continue },                /* continue all */
    { "C", false, cmd_continue_sig },            /* continue with a signal */
    { "s", false, cmd_step },                    /* step the Hc thread */
    { "S", false, cmd_step_sig },                /* step with a signal */
    { "vCont?", true, cmd_vcont_query },         /* which vCont actions exist */
    { "vCont", false, cmd_vcont },               /* per-thread resume */
    { "vKill", false, cmd_vkill },               /* vKill;pid */
    { "H", false, cmd_set_thread },              /* Hg/Hc thread */
    { "T", false, cmd_thread_alive },            /* is the thread alive */
    { "Z", false, cmd_insert_bp },               /* Z0/Z1 breakpoints, Z2-4 watchpoints */
    { "z", false, cmd_remove_bp },               /* remove them */
    { "D", false, cmd_detach },                  /* gdb leaves, the guest runs on */
    { "k", true, cmd_kill },                     /* kill the guest */
    { "qSupported", false, cmd_supported },      /* features both sides have */
    { "QStartNoAckMode", true, cmd_no_ack },     /* stop sending '+' */
    { "qC", true, cmd_current_thread },          /* the current thread */
    { "qfThreadInfo", true, cmd_thread_first },  /* list the threads */
    { "qsThreadInfo", true, cmd_thread_next },   /* (all fit in the first reply) */
    { "qThreadExtraInfo,", false, cmd_thread_extra }, /* a thread's description */
    { "qAttached", false, cmd_attached },        /* attached to a running guest? */
    { "qOffsets", true, cmd_offsets },           /* relocation: none */
    { "qSymbol:", false, cmd_symbol },           /* we need no symbols */
    { "qRcmd,", false, cmd_rcmd },               /* monitor command (hex) */
    { "qXfer:", false, cmd_xfer },               /* features, auxv, exec-file */
};

static void dispatch(GDBState *s, char *data, size_t len)
{
    for (size_t i = 0; i < G_N_ELEMENTS(gdb_commands); i++) {
        const struct GDBCommand *c = &gdb_commands[i];
        size_t nl = strlen(c->name);
        if (len < nl || memcmp(data, c->name, nl) != 0) {
            continue;
        }
        if (c->exact && len != nl) {
            continue;              /* a longer command starting alike (qC, qCRC) */
        }
        /* text commands stop at a NUL gdb never sends; X carries its length */
        c->fn(s, data + nl, len - nl);
        return;
    }
    gdb_send_str(s, "");           /* unknown: the empty reply */
}

void gdb_handle_bytes(GDBState *s, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len && !s->detached; i++) {
        switch (gdb_reader_feed(&s->rx, buf[i])) {
        case GDB_RX_NONE:
        case GDB_RX_ACK:
            break;
        case GDB_RX_NAK:
            if (s->last->len && !s->no_ack) {
                s->mode->send(s, s->last->str, s->last->len);
            }
            break;
        case GDB_RX_INTERRUPT:
            if (s->running) {
                s->mode->interrupt(s);
            }
            break;
        case GDB_RX_BAD_CHECKSUM:
            if (!s->no_ack) {
                s->mode->send(s, "-", 1);
            }
            break;
        case GDB_RX_TOO_LONG:
            if (!s->no_ack) {
                s->mode->send(s, "+", 1);
            }
            gdb_send_str(s, E_INVAL);
            break;
        case GDB_RX_PACKET:
            if (!s->no_ack) {
                s->mode->send(s, "+", 1);
            }
            dispatch(s, s->rx.data, s->rx.len);
            break;
        }
    }
}

void gdb_state_init(GDBState *s, const GDBModeOps *mode, void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->mode = mode;
    s->opaque = opaque;
    gdb_reader_init(&s->rx);
    s->last = g_string_new(NULL);
    s->stop_signal = 5;            /* SIGTRAP: stopped before the first instruction */
    s->default_action = GDB_ACTION_CONT;
    s->breakpoints = g_array_new(false, false, sizeof(uint64_t));
}

void gdb_state_destroy(GDBState *s)
{
    g_string_free(s->last, true);
    g_array_free(s->breakpoints, true);
}
