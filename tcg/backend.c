/*
 * backend.c — which code generator new contexts use.  The list is fixed at
 * build time (native back ends first, TCI last as it runs everywhere); the
 * choice is made at run time: tcg_backend_select() (from `-accel
 * tcg,backend=`), else $EMU_TCG_BACKEND, else the first back end whose probe
 * accepts this host.
 */
#include "tcg/tcg-backend.h"
#include "exec/translation-block.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

static const TCGBackend *const backends[] = {
#ifdef __x86_64__
    &tcg_backend_x86_64,
#endif
#ifdef CONFIG_TCG_TCI
    &tcg_backend_tci,
#endif
    NULL,
};

/* Here rather than in tcg/tci, so GETPC() links in builds without TCI (where it stays 0). */
__thread uintptr_t tcg_tci_retaddr;

static const TCGBackend *selected;

const TCGBackend *const *tcg_backend_list(void)
{
    return backends;
}

static GString *backend_names(void)
{
    GString *names = g_string_new(NULL);
    for (int i = 0; backends[i]; i++) {
        g_string_append_printf(names, "%s%s", i ? ", " : "", backends[i]->name);
    }
    return names;
}

const TCGBackend *tcg_backend_find(const char *name, Error **errp)
{
    for (int i = 0; backends[i]; i++) {
        if (strcmp(backends[i]->name, name) == 0) {
            if (backends[i]->probe && !backends[i]->probe()) {
                error_setg(errp, "TCG back end '%s' cannot run on this host", name);
                return NULL;
            }
            return backends[i];
        }
    }
    GString *names = backend_names();
    error_setg(errp, "unknown TCG back end '%s' (available: %s)", name, names->str);
    g_string_free(names, true);
    return NULL;
}

bool tcg_backend_select(const char *name, Error **errp)
{
    if (!name) {
        selected = NULL;
        return true;
    }
    const TCGBackend *be = tcg_backend_find(name, errp);
    if (!be) {
        return false;
    }
    selected = be;
    return true;
}

const TCGBackend *tcg_backend_default(Error **errp)
{
    if (selected) {
        return selected;
    }
    const char *env = getenv("EMU_TCG_BACKEND");
    if (env && *env) {
        Error *err = NULL;
        const TCGBackend *be = tcg_backend_find(env, &err);
        if (!be) {
            error_prepend(&err, "EMU_TCG_BACKEND: ");
            error_propagate(errp, err);
        }
        return be;
    }
    for (int i = 0; backends[i]; i++) {
        if (!backends[i]->probe || backends[i]->probe()) {
            return backends[i];
        }
    }
    error_setg(errp, "no TCG back end can run on this host");
    return NULL;
}

void tcg_tb_reset_jump(const TCGBackend *be, TranslationBlock *tb, int n, ptrdiff_t rw_offset)
{
    if (tb->jmp_reset_offset[n] != TB_JMP_OFFSET_INVALID) {
        be->set_jmp_target(tb, n, (const char *)tb->tc_ptr + tb->jmp_reset_offset[n],
                           rw_offset);
    }
}
