/*
 * accel-opts.c — parsing and applying `-accel tcg,...` for every emu binary
 * (see include/exec/accel-opts.h).  Only tcg exists; kvm will add its own name.
 */
#include "exec/accel-opts.h"
#include "exec/cpu-exec.h"
#include "tcg/tcg-backend.h"
#include "util/error.h"
#include "util/option.h"

#include <string.h>

#include <glib.h>

/* QEMU caps tb-size the same way: a code buffer beyond 2 GiB cannot be reached by rel32 jumps. */
#define TB_SIZE_MAX_MB 2048

bool tcg_accel_opts_parse(const char *arg, TCGAccelOpts *a, Error **errp)
{
    KeyValList *kv = keyval_parse(arg, "accel", errp);
    if (!kv) {
        return false;
    }
    bool ok = false;
    const char *name = keyval_get(kv, "accel");
    if (!name || strcmp(name, "tcg") != 0) {
        error_setg(errp, "-accel: '%s' is not an accelerator of this build (known: tcg)",
                   name ? name : "");
        goto out;
    }
    const char *tb = keyval_get(kv, "tb-size");
    a->tb_size_mb = 0;
    if (tb) {
        Error *err = NULL;
        if (!parse_uint64(tb, &a->tb_size_mb, &err) || a->tb_size_mb == 0 ||
            a->tb_size_mb > TB_SIZE_MAX_MB) {
            error_free(err);
            error_setg(errp, "-accel: tb-size=%s must be a number of MiB from 1 to %d", tb,
                       TB_SIZE_MAX_MB);
            goto out;
        }
    }
    const char *be = keyval_get(kv, "backend");
    g_free(a->backend);
    a->backend = be ? g_strdup(be) : NULL;
    ok = keyval_check_unused(kv, "-accel", errp);
out:
    keyval_free(kv);
    return ok;
}

bool tcg_accel_opts_apply(const TCGAccelOpts *a, bool softmmu, Error **errp)
{
    if (a->backend && !tcg_backend_select(a->backend, errp)) {
        error_prepend(errp, "-accel: ");
        return false;
    }
    return tcg_exec_init(a->tb_size_mb, softmmu, errp);
}
