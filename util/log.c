/*
 * log.c — the `-d`/`-D` debug log.  Items are registered by the subsystems
 * linked into a binary (see LOG_ITEM in util/log.h); the log itself is one
 * FILE guarded by a recursive mutex so records from vCPU threads stay whole.
 */
#include "util/log.h"
#include "util/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

uint64_t log_mask;

typedef struct LogItem {
    const char *name;
    const char *help;
} LogItem;

static LogItem items[LOG_MAX_ITEMS];
static int n_items;
static FILE *log_out;
static GRecMutex log_mutex;

int log_item_register(const char *name, const char *help)
{
    for (int i = 0; i < n_items; i++) {
        if (strcmp(items[i].name, name) == 0) {
            return i;
        }
    }
    if (n_items == LOG_MAX_ITEMS) {
        /* A build-time limit: more items means widening log_mask. */
        fprintf(stderr, "log: too many log items (max %d) registering '%s'\n",
                LOG_MAX_ITEMS, name);
        abort();
    }
    items[n_items].name = name;
    items[n_items].help = help;
    return n_items++;
}

bool log_parse_items(const char *spec, uint64_t *mask, Error **errp)
{
    uint64_t m = 0;
    char **parts = g_strsplit(spec, ",", -1);
    bool ok = true;

    for (char **p = parts; *p; p++) {
        if (**p == '\0') {
            continue;
        }
        int i;
        for (i = 0; i < n_items; i++) {
            if (strcmp(items[i].name, *p) == 0) {
                break;
            }
        }
        if (i == n_items) {
            error_setg(errp, "unknown log item '%s' (try -d help)", *p);
            ok = false;
            break;
        }
        m |= 1ull << i;
    }
    g_strfreev(parts);
    if (ok) {
        *mask = m;
    }
    return ok;
}

bool log_select(const char *spec, Error **errp)
{
    if (strcmp(spec, "help") == 0) {
        log_print_items(stdout);
        return false;
    }
    uint64_t m;
    if (!log_parse_items(spec, &m, errp)) {
        return false;
    }
    log_mask = m;
    return true;
}

static int cmp_items(const void *a, const void *b)
{
    return strcmp(((const LogItem *)a)->name, ((const LogItem *)b)->name);
}

void log_print_items(FILE *out)
{
    LogItem sorted[LOG_MAX_ITEMS];
    memcpy(sorted, items, sizeof(items[0]) * n_items);
    qsort(sorted, n_items, sizeof(sorted[0]), cmp_items);
    fprintf(out, "Log items (comma separated):\n");
    for (int i = 0; i < n_items; i++) {
        fprintf(out, "%-12s %s\n", sorted[i].name, sorted[i].help);
    }
}

bool log_set_file(const char *path, Error **errp)
{
    FILE *f = stderr;
    if (path) {
        f = fopen(path, "w");
        if (!f) {
            error_setg_errno(errp, errno, "cannot open log file '%s'", path);
            return false;
        }
    }
    g_rec_mutex_lock(&log_mutex);
    if (log_out && log_out != stderr) {
        fclose(log_out);
    }
    log_out = f;
    g_rec_mutex_unlock(&log_mutex);
    return true;
}

FILE *log_file(void)
{
    return log_out ? log_out : stderr;
}

void log_lock(void)
{
    g_rec_mutex_lock(&log_mutex);
}

void log_unlock(void)
{
    g_rec_mutex_unlock(&log_mutex);
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    log_lock();
    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
    log_unlock();
}
