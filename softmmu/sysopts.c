/*
 * sysopts.c — parsers for -m, -smp, -accel and -icount (exec/sysopts.h),
 * built on util/option.h's key=value lists and size parser.
 */
#include "exec/sysopts.h"
#include "util/error.h"
#include "util/option.h"

#include <string.h>

#include <glib.h>

bool sysopt_parse_memory(const char *arg, uint64_t *size, Error **errp)
{
    KeyValList *kv = keyval_parse(arg, "size", errp);
    if (!kv) {
        return false;
    }
    bool ok = false;
    const char *s = keyval_get(kv, "size");
    if (!s) {
        error_setg(errp, "-m: the size is missing");
        goto out;
    }
    if (!parse_size(s, 1 << 20, size, errp)) {
        error_prepend(errp, "-m %s: ", s);
        goto out;
    }
    if (*size == 0 || *size > (1ull << 40)) {
        error_setg(errp, "-m %s: the size must be between 1 byte and 1 TiB", s);
        goto out;
    }
    ok = keyval_check_unused(kv, "-m", errp);
out:
    keyval_free(kv);
    return ok;
}

/* An optional positive count; 0 when absent. */
static bool get_count(KeyValList *kv, const char *key, unsigned *out, Error **errp)
{
    const char *s = keyval_get(kv, key);
    *out = 0;
    if (!s) {
        return true;
    }
    uint64_t v;
    Error *err = NULL;
    if (!parse_uint64(s, &v, &err) || v == 0 || v > 4096) {
        error_free(err);
        error_setg(errp, "-smp: %s=%s is not a number between 1 and 4096", key, s);
        return false;
    }
    *out = v;
    return true;
}

bool sysopt_parse_smp(const char *arg, unsigned machine_max, CpuTopology *t, Error **errp)
{
    KeyValList *kv = keyval_parse(arg, "cpus", errp);
    if (!kv) {
        return false;
    }
    bool ok = false;
    unsigned cpus, sockets, cores, threads, maxcpus;
    if (!get_count(kv, "cpus", &cpus, errp) || !get_count(kv, "sockets", &sockets, errp) ||
        !get_count(kv, "cores", &cores, errp) || !get_count(kv, "threads", &threads, errp) ||
        !get_count(kv, "maxcpus", &maxcpus, errp) || !keyval_check_unused(kv, "-smp", errp)) {
        goto out;
    }
    if (!threads) {
        threads = 1;
    }
    if (!cores) {
        cores = 1;
    }
    if (!maxcpus) {
        maxcpus = cpus ? cpus : (sockets ? sockets : 1) * cores * threads;
    }
    if (!sockets) {
        sockets = maxcpus / (cores * threads);
        if (!sockets) {
            sockets = 1;
        }
    }
    if (!cpus) {
        cpus = sockets * cores * threads;
        if (cpus > maxcpus) {
            maxcpus = cpus;
        }
    }
    if (sockets * cores * threads != maxcpus) {
        error_setg(errp, "-smp: sockets (%u) * cores (%u) * threads (%u) != maxcpus (%u)",
                   sockets, cores, threads, maxcpus);
        goto out;
    }
    if (cpus > maxcpus) {
        error_setg(errp, "-smp: cpus (%u) is more than maxcpus (%u)", cpus, maxcpus);
        goto out;
    }
    if (machine_max && maxcpus > machine_max) {
        error_setg(errp, "-smp: %u CPUs requested, but the machine supports at most %u",
                   maxcpus, machine_max);
        goto out;
    }
    *t = (CpuTopology){ .cpus = cpus, .sockets = sockets, .cores = cores, .threads = threads,
                        .max_cpus = maxcpus };
    ok = true;
out:
    keyval_free(kv);
    return ok;
}

bool sysopt_parse_icount(const char *arg, int *shift, Error **errp)
{
    KeyValList *kv = keyval_parse(arg, "shift", errp);
    if (!kv) {
        return false;
    }
    bool ok = false;
    const char *s = keyval_get(kv, "shift");
    uint64_t v;
    Error *err = NULL;
    if (!s) {
        error_setg(errp, "-icount: shift is missing");
    } else if (!parse_uint64(s, &v, &err) || v > 10) {
        error_free(err);
        error_setg(errp, "-icount: shift=%s must be a number from 0 to 10", s);
    } else {
        *shift = v;
        ok = keyval_check_unused(kv, "-icount", errp);
    }
    keyval_free(kv);
    return ok;
}
