/*
 * qmp.c — the JSON machine protocol, compatible with QEMU's QMP:
 *
 *   emu -> {"QMP": {"version": {...}, "capabilities": []}}          greeting
 *   client -> {"execute": "qmp_capabilities"}                      required first
 *   client -> {"execute": "query-status", "id": 7}
 *   emu -> {"return": {"status": "running", "running": true, ...}, "id": 7}
 *   emu -> {"event": "STOP", "data": {}, "timestamp": {"seconds": .., "microseconds": ..}}
 *   errors: {"error": {"class": "GenericError"|"CommandNotFound", "desc": "..."}}
 *
 * Input is split into top-level JSON values by a small framer that only
 * tracks brackets and strings; each value is then parsed by json-glib, so
 * malformed input of any kind becomes an error object, never a crash.  A
 * value may not exceed 1 MiB.  Commands live in qmp_commands[] below.
 */
#include "block/block.h"
#include "config-host.h"
#include "exec/blockdev.h"
#include "exec/cpus.h"
#include "exec/runstate.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "monitor-internal.h"
#include "util/error.h"

#include <string.h>

#define QMP_MAX_INPUT (1 << 20)

Monitor *monitor_list(void);

/* ---- output --------------------------------------------------------------- */

static void qmp_send(Monitor *mon, JsonNode *node)
{
    JsonGenerator *g = json_generator_new();
    json_generator_set_pretty(g, mon->pretty);
    json_generator_set_root(g, node);
    gsize len;
    gchar *s = json_generator_to_data(g, &len);
    chr_fe_write_all(&mon->fe, (const uint8_t *)s, len);
    chr_fe_write_all(&mon->fe, (const uint8_t *)"\r\n", 2);
    g_free(s);
    g_object_unref(g);
}

static void qmp_send_error(Monitor *mon, const char *klass, const char *desc, JsonNode *id)
{
    JsonObject *err = json_object_new();
    json_object_set_string_member(err, "class", klass);
    json_object_set_string_member(err, "desc", desc);
    JsonObject *o = json_object_new();
    json_object_set_object_member(o, "error", err);
    if (id) {
        json_object_set_member(o, "id", json_node_copy(id));
    }
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    qmp_send(mon, n);
    json_node_unref(n);
    json_object_unref(o);
}

static void qmp_send_return(Monitor *mon, JsonNode *ret, JsonNode *id)
{
    JsonObject *o = json_object_new();
    json_object_set_member(o, "return", ret ? ret
                           : json_node_init_object(json_node_alloc(), json_object_new()));
    if (id) {
        json_object_set_member(o, "id", json_node_copy(id));
    }
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    qmp_send(mon, n);
    json_node_unref(n);
    json_object_unref(o);
}

static void qmp_greeting(Monitor *mon)
{
    unsigned major = 0, minor = 0, micro = 0;
    sscanf(EMU_VERSION, "%u.%u.%u", &major, &minor, &micro);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "QMP");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "version");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "qemu");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "major");
    json_builder_add_int_value(b, major);
    json_builder_set_member_name(b, "minor");
    json_builder_add_int_value(b, minor);
    json_builder_set_member_name(b, "micro");
    json_builder_add_int_value(b, micro);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "package");
    json_builder_add_string_value(b, "emu");
    json_builder_end_object(b);
    json_builder_set_member_name(b, "capabilities");
    json_builder_begin_array(b);
    json_builder_end_array(b);
    json_builder_end_object(b);
    json_builder_end_object(b);
    JsonNode *n = json_builder_get_root(b);
    qmp_send(mon, n);
    json_node_unref(n);
    g_object_unref(b);
}

/* ---- events --------------------------------------------------------------- */

static void qmp_emit_event(const RunEvent *ev, void *opaque)
{
    int64_t now = g_get_real_time();
    JsonObject *ts = json_object_new();
    json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
    JsonObject *data = json_object_new();
    if (ev->has_reason) {
        json_object_set_boolean_member(data, "guest", ev->guest);
        json_object_set_string_member(data, "reason", ev->reason);
    }
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "event", ev->name);
    json_object_set_object_member(o, "data", data);
    json_object_set_object_member(o, "timestamp", ts);
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    for (Monitor *m = monitor_list(); m; m = m->next) {
        if (m->qmp && m->negotiated && chr_fe_backend_connected(&m->fe)) {
            qmp_send(m, n);
        }
    }
    json_node_unref(n);
    json_object_unref(o);
}

void qmp_event_init(void);
void qmp_event_init(void)
{
    static bool done;
    if (!done) {
        done = true;
        runstate_add_event_listener(qmp_emit_event, NULL);
    }
}

/* ---- commands ------------------------------------------------------------- */

typedef struct QmpCommand {
    const char *name;
    const char *const *args;       /* accepted argument names (NULL-terminated), NULL: none */
    /* run; *ret may stay NULL for an empty return; false with errp set on failure */
    bool (*fn)(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp);
} QmpCommand;

static JsonNode *object_node(JsonObject *o)
{
    JsonNode *n = json_node_init_object(json_node_alloc(), o);
    json_object_unref(o);
    return n;
}

static bool qmp_capabilities(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    if (mon->negotiated) {
        error_setg(errp, "Capabilities negotiation is already complete, command ignored");
        return false;
    }
    mon->negotiated = true;
    return true;
}

static bool query_status(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    JsonObject *o = json_object_new();
    json_object_set_boolean_member(o, "running", runstate_is_running());
    json_object_set_boolean_member(o, "singlestep", false);
    json_object_set_string_member(o, "status", runstate_name(runstate_get()));
    *ret = object_node(o);
    return true;
}

static bool query_version(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    unsigned major = 0, minor = 0, micro = 0;
    sscanf(EMU_VERSION, "%u.%u.%u", &major, &minor, &micro);
    JsonObject *q = json_object_new();
    json_object_set_int_member(q, "major", major);
    json_object_set_int_member(q, "minor", minor);
    json_object_set_int_member(q, "micro", micro);
    JsonObject *o = json_object_new();
    json_object_set_object_member(o, "qemu", q);
    json_object_set_string_member(o, "package", "emu");
    *ret = object_node(o);
    return true;
}

static bool query_cpus_fast(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    JsonArray *a = json_array_new();
    CPU_FOREACH(cpu) {
        JsonObject *o = json_object_new();
        json_object_set_int_member(o, "cpu-index", cpu->cpu_index);
        json_object_set_int_member(o, "thread-id", cpus_thread_id());
        char *path = g_strdup_printf("/machine/cpu[%d]", cpu->cpu_index);
        json_object_set_string_member(o, "qom-path", path);
        g_free(path);
        json_object_set_string_member(o, "target", machine_target_name);
        json_array_add_object_element(a, o);
    }
    *ret = json_node_init_array(json_node_alloc(), a);
    json_array_unref(a);
    return true;
}

/* One layer of a drive's chain as QEMU's ImageInfo shows it (with its backing-image). */
static JsonObject *image_info(BlockDriverState *bs)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "filename", bs->filename);
    json_object_set_string_member(o, "format", bs->drv->format_name);
    json_object_set_int_member(o, "virtual-size", bdrv_getlength(bs));
    if (bs->backing_file && *bs->backing_file) {
        json_object_set_string_member(o, "backing-filename", bs->backing_file);
    }
    if (bs->backing) {
        json_object_set_object_member(o, "backing-image", image_info(bs->backing));
    }
    return o;
}

static void query_block_one(DriveInfo *d, void *opaque)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "device", d->id);
    json_object_set_boolean_member(o, "locked", false);
    json_object_set_boolean_member(o, "removable", d->is_cdrom);
    if (d->is_cdrom) {
        json_object_set_boolean_member(o, "tray_open", false);
    }
    json_object_set_string_member(o, "type", "unknown");
    if (d->bs) {
        JsonObject *in = json_object_new();
        int depth = 0;
        for (BlockDriverState *b = d->bs->backing; b; b = b->backing) {
            depth++;
        }
        json_object_set_string_member(in, "file", d->bs->filename);
        json_object_set_boolean_member(in, "ro", d->read_only);
        json_object_set_string_member(in, "drv", d->bs->drv->format_name);
        if (d->bs->backing) {
            json_object_set_string_member(in, "backing_file", d->bs->backing->filename);
        }
        json_object_set_int_member(in, "backing_file_depth", depth);
        JsonObject *cache = json_object_new();
        json_object_set_boolean_member(cache, "writeback", !d->writethrough);
        json_object_set_boolean_member(cache, "direct", !strcmp(d->cache, "none") ||
                                       !strcmp(d->cache, "directsync"));
        json_object_set_boolean_member(cache, "no-flush", !strcmp(d->cache, "unsafe"));
        json_object_set_object_member(in, "cache", cache);
        json_object_set_object_member(in, "image", image_info(d->bs));
        json_object_set_object_member(o, "inserted", in);
    }
    json_array_add_object_element(opaque, o);
}

static bool query_block(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    JsonArray *a = json_array_new();
    drive_foreach(query_block_one, a);
    *ret = json_node_init_array(json_node_alloc(), a);
    json_array_unref(a);
    return true;
}

static bool qmp_stop(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    vm_stop(RUN_STATE_PAUSED);
    return true;
}

static bool qmp_cont(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    if (runstate_get() == RUN_STATE_SHUTDOWN) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return false;
    }
    vm_start();
    return true;
}

static bool qmp_system_reset(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    runstate_request_reset(SHUTDOWN_CAUSE_HOST_QMP_RESET);
    return true;
}

static bool qmp_system_powerdown(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    runstate_request_powerdown();
    return true;
}

static bool qmp_quit(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    runstate_request_shutdown(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return true;
}

static bool human_monitor_command(Monitor *mon, JsonObject *args, JsonNode **ret,
                                  Error **errp)
{
    JsonNode *cl = args ? json_object_get_member(args, "command-line") : NULL;
    if (!cl) {
        error_setg(errp, "Parameter 'command-line' is missing");
        return false;
    }
    if (!JSON_NODE_HOLDS_VALUE(cl) || json_node_get_value_type(cl) != G_TYPE_STRING) {
        error_setg(errp, "Invalid parameter type for 'command-line', expected: string");
        return false;
    }
    JsonNode *ci = json_object_get_member(args, "cpu-index");
    if (ci && (!JSON_NODE_HOLDS_VALUE(ci) || json_node_get_value_type(ci) != G_TYPE_INT64)) {
        error_setg(errp, "Invalid parameter type for 'cpu-index', expected: integer");
        return false;
    }
    char *out = monitor_hmp_execute_on_cpu(json_node_get_string(cl),
                                           ci ? (int)json_node_get_int(ci) : 0);
    *ret = json_node_init_string(json_node_alloc(), out);
    g_free(out);
    return true;
}

static bool query_commands(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp);

static const char *const hmc_args[] = { "command-line", "cpu-index", NULL };

static const QmpCommand qmp_commands[] = {
    { "qmp_capabilities", (const char *const[]){ "enable", NULL }, qmp_capabilities },
    { "query-status", NULL, query_status },
    { "query-version", NULL, query_version },
    { "query-cpus-fast", NULL, query_cpus_fast },
    { "query-block", NULL, query_block },
    { "query-commands", NULL, query_commands },
    { "stop", NULL, qmp_stop },
    { "cont", NULL, qmp_cont },
    { "system_reset", NULL, qmp_system_reset },
    { "system_powerdown", NULL, qmp_system_powerdown },
    { "quit", NULL, qmp_quit },
    { "human-monitor-command", hmc_args, human_monitor_command },
    { NULL },
};

static bool query_commands(Monitor *mon, JsonObject *args, JsonNode **ret, Error **errp)
{
    JsonArray *a = json_array_new();
    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        JsonObject *o = json_object_new();
        json_object_set_string_member(o, "name", c->name);
        json_array_add_object_element(a, o);
    }
    *ret = json_node_init_array(json_node_alloc(), a);
    json_array_unref(a);
    return true;
}

static void qmp_dispatch(Monitor *mon, const char *text, size_t len)
{
    JsonParser *p = json_parser_new();
    GError *gerr = NULL;
    if (!json_parser_load_from_data(p, text, len, &gerr)) {
        char *d = g_strdup_printf("JSON parse error, %s", gerr->message);
        qmp_send_error(mon, "GenericError", d, NULL);
        g_free(d);
        g_error_free(gerr);
        g_object_unref(p);
        return;
    }
    JsonNode *root = json_parser_get_root(p);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        qmp_send_error(mon, "GenericError", "QMP input must be a JSON object", NULL);
        g_object_unref(p);
        return;
    }
    JsonObject *req = json_node_get_object(root);
    JsonNode *id = json_object_get_member(req, "id");
    JsonNode *exec = json_object_get_member(req, "execute");
    JsonNode *argn = json_object_get_member(req, "arguments");
    GList *members = json_object_get_members(req);
    const char *bad = NULL;
    for (GList *l = members; l; l = l->next) {
        if (strcmp(l->data, "execute") && strcmp(l->data, "arguments") && strcmp(l->data, "id")) {
            bad = l->data;
        }
    }
    char *msg = NULL;
    if (bad) {
        msg = g_strdup_printf("QMP input member '%s' is unexpected", bad);
    } else if (!exec) {
        msg = g_strdup("QMP input lacks member 'execute'");
    } else if (!JSON_NODE_HOLDS_VALUE(exec) || json_node_get_value_type(exec) != G_TYPE_STRING) {
        msg = g_strdup("QMP input member 'execute' must be a string");
    } else if (argn && !JSON_NODE_HOLDS_OBJECT(argn)) {
        msg = g_strdup("QMP input member 'arguments' must be an object");
    }
    g_list_free(members);
    if (msg) {
        qmp_send_error(mon, "GenericError", msg, id);
        g_free(msg);
        g_object_unref(p);
        return;
    }
    const char *name = json_node_get_string(exec);
    const QmpCommand *cmd = NULL;
    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            cmd = c;
        }
    }
    JsonObject *args = argn ? json_node_get_object(argn) : NULL;
    if (!cmd) {
        char *d = g_strdup_printf("The command %s has not been found", name);
        qmp_send_error(mon, "CommandNotFound", d, id);
        g_free(d);
    } else if (!mon->negotiated && cmd->fn != qmp_capabilities) {
        qmp_send_error(mon, "CommandNotFound",
                       "Expecting capabilities negotiation with 'qmp_capabilities'", id);
    } else {
        /* unknown arguments are errors, as QEMU's schema makes them */
        GList *am = args ? json_object_get_members(args) : NULL;
        const char *unexpected = NULL;
        for (GList *l = am; l; l = l->next) {
            bool known = false;
            for (const char *const *a = cmd->args; a && *a; a++) {
                known |= strcmp(*a, l->data) == 0;
            }
            if (!known) {
                unexpected = l->data;
            }
        }
        if (unexpected) {
            char *d = g_strdup_printf("Parameter '%s' is unexpected", unexpected);
            qmp_send_error(mon, "GenericError", d, id);
            g_free(d);
        } else {
            JsonNode *ret = NULL;
            Error *err = NULL;
            if (cmd->fn(mon, args, &ret, &err)) {
                qmp_send_return(mon, ret, id);
            } else {
                qmp_send_error(mon, "GenericError", error_get_pretty(err), id);
                error_free(err);
            }
        }
        g_list_free(am);
    }
    g_object_unref(p);
}

/* ---- input framing -------------------------------------------------------- */

int qmp_can_read(void *opaque);
int qmp_can_read(void *opaque)
{
    return 4096;
}

static void framer_reset(Monitor *mon)
{
    g_string_truncate(mon->in, 0);
    mon->depth = 0;
    mon->in_string = mon->escape = false;
}

void qmp_read(void *opaque, const uint8_t *buf, int size);
void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;
    for (int i = 0; i < size; i++) {
        char c = buf[i];
        if (mon->in->len == 0 && mon->depth == 0 && (c == ' ' || c == '\t' || c == '\r' ||
                                                      c == '\n')) {
            continue;              /* whitespace between values */
        }
        g_string_append_c(mon->in, c);
        bool complete = false;
        if (mon->in_string) {
            if (mon->escape) {
                mon->escape = false;
            } else if (c == '\\') {
                mon->escape = true;
            } else if (c == '"') {
                mon->in_string = false;
            }
        } else if (c == '"') {
            mon->in_string = true;
        } else if (c == '{' || c == '[') {
            mon->depth++;
        } else if (c == '}' || c == ']') {
            mon->depth--;
            complete = mon->depth <= 0;
        } else if (mon->depth == 0 && (c == '\n' || c == '\r')) {
            complete = true;       /* a bare scalar or garbage line */
        }
        if (mon->in->len > QMP_MAX_INPUT) {
            qmp_send_error(mon, "GenericError", "JSON parse error, input too long", NULL);
            framer_reset(mon);
            continue;
        }
        if (complete) {
            char *text = g_strndup(mon->in->str, mon->in->len);
            size_t len = mon->in->len;
            framer_reset(mon);
            qmp_dispatch(mon, text, len);
            g_free(text);
        }
    }
}

void qmp_chr_event(void *opaque, ChrEvent ev);
void qmp_chr_event(void *opaque, ChrEvent ev)
{
    Monitor *mon = opaque;
    if (ev == CHR_EVENT_OPENED) {
        /* a new client: a new session */
        mon->negotiated = false;
        framer_reset(mon);
        qmp_greeting(mon);
    } else if (ev == CHR_EVENT_CLOSED) {
        mon->negotiated = false;
        framer_reset(mon);
    }
}
