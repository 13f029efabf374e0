/*
 * option.c — QEMU-style command lines: single- or double-dash options from a
 * table, key=value lists with ",," escapes, and size/number parsing.
 */
#include "util/option.h"
#include "util/error.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

void opt_init(OptionParser *p, int argc, char **argv, const OptionDef *defs)
{
    p->argc = argc;
    p->argv = argv;
    p->defs = defs;
    p->next = 1;
    p->only_positional = false;
}

static const OptionDef *opt_find(const OptionDef *defs, const char *name)
{
    for (const OptionDef *d = defs; d->name; d++) {
        if (strcmp(d->name, name) == 0) {
            return d;
        }
    }
    return NULL;
}

int opt_next(OptionParser *p, const char **arg, Error **errp)
{
    *arg = NULL;
    if (p->next >= p->argc) {
        return OPT_END;
    }
    const char *s = p->argv[p->next++];

    if (p->only_positional || s[0] != '-' || s[1] == '\0') {
        *arg = s;
        return OPT_POSITIONAL;
    }
    if (strcmp(s, "--") == 0) {
        p->only_positional = true;
        return opt_next(p, arg, errp);
    }
    const char *name = s + 1;
    if (*name == '-') {
        name++;
    }
    /* "--output=json" is the same as "--output json". */
    const char *eq = strchr(name, '=');
    char *bare = g_strndup(name, eq ? (size_t)(eq - name) : strlen(name));
    const OptionDef *d = opt_find(p->defs, bare);
    g_free(bare);
    if (!d) {
        error_setg(errp, "unknown option '%.*s' (try -help)",
                   eq ? (int)(eq - s) : (int)strlen(s), s);
        return OPT_ERROR;
    }
    if (!(d->flags & OPT_ARG)) {
        if (eq) {
            error_setg(errp, "option '%.*s' does not take a value", (int)(eq - s), s);
            return OPT_ERROR;
        }
    } else if (eq) {
        *arg = eq + 1;
    } else if (p->next >= p->argc) {
        error_setg(errp, "option '%s' requires an argument", s);
        return OPT_ERROR;
    } else {
        *arg = p->argv[p->next++];
    }
    return d->id;
}

void opt_print_help(FILE *out, const OptionDef *defs)
{
    for (const OptionDef *d = defs; d->name; d++) {
        char *head = g_strdup_printf("-%s%s%s", d->name, d->argname ? " " : "",
                                     d->argname ? d->argname : "");
        fprintf(out, "  %-24s %s\n", head, d->help ? d->help : "");
        g_free(head);
    }
}

/* ---- key=value lists ---- */

/*
 * Read one element up to an unescaped ',' (",," is a literal comma) starting
 * at *pos; advance *pos past it and tell whether a separator followed.
 */
static char *keyval_next_elem(const char **pos, bool *more)
{
    GString *out = g_string_new(NULL);
    const char *s = *pos;
    *more = false;
    while (*s) {
        if (*s == ',') {
            if (s[1] == ',') {
                g_string_append_c(out, ',');
                s += 2;
                continue;
            }
            s++;
            *more = true;
            break;
        }
        g_string_append_c(out, *s++);
    }
    *pos = s;
    return g_string_free(out, FALSE);
}

static bool keyval_add(KeyValList *kv, char *key, char *value, const char *str,
                       Error **errp)
{
    if (*key == '\0') {
        error_setg(errp, "missing key before '=' in '%s'", str);
        goto fail;
    }
    for (int i = 0; i < kv->count; i++) {
        if (strcmp(kv->items[i].key, key) == 0) {
            error_setg(errp, "key '%s' given twice in '%s'", key, str);
            goto fail;
        }
    }
    kv->items = g_renew(KeyVal, kv->items, kv->count + 1);
    kv->items[kv->count++] = (KeyVal){ .key = key, .value = value };
    return true;
fail:
    g_free(key);
    g_free(value);
    return false;
}

KeyValList *keyval_parse(const char *str, const char *implied_key, Error **errp)
{
    KeyValList *kv = g_new0(KeyValList, 1);
    const char *pos = str;
    bool more = *str != '\0';
    bool first = true;

    while (more) {
        char *elem = keyval_next_elem(&pos, &more);
        char *eq = strchr(elem, '=');
        bool ok;

        if (*elem == '\0') {
            error_setg(errp, "empty element in '%s'", str);
            ok = false;
        } else if (eq) {
            ok = keyval_add(kv, g_strndup(elem, eq - elem), g_strdup(eq + 1), str, errp);
        } else if (first && implied_key) {
            ok = keyval_add(kv, g_strdup(implied_key), g_strdup(elem), str, errp);
        } else {
            ok = keyval_add(kv, g_strdup(elem), g_strdup("on"), str, errp);
        }
        g_free(elem);
        first = false;
        if (!ok) {
            keyval_free(kv);
            return NULL;
        }
    }
    return kv;
}

void keyval_free(KeyValList *kv)
{
    if (!kv) {
        return;
    }
    for (int i = 0; i < kv->count; i++) {
        g_free(kv->items[i].key);
        g_free(kv->items[i].value);
    }
    g_free(kv->items);
    g_free(kv);
}

const char *keyval_get(KeyValList *kv, const char *key)
{
    for (int i = 0; i < kv->count; i++) {
        if (strcmp(kv->items[i].key, key) == 0) {
            kv->items[i].used = true;
            return kv->items[i].value;
        }
    }
    return NULL;
}

bool keyval_get_bool(KeyValList *kv, const char *key, bool def, bool *out, Error **errp)
{
    const char *v = keyval_get(kv, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
        return true;
    }
    error_setg(errp, "'%s' expects on or off, not '%s'", key, v);
    return false;
}

bool keyval_get_size(KeyValList *kv, const char *key, uint64_t def, uint64_t *out,
                     Error **errp)
{
    const char *v = keyval_get(kv, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!parse_size(v, 1, out, errp)) {
        error_prepend(errp, "'%s': ", key);
        return false;
    }
    return true;
}

bool keyval_check_unused(KeyValList *kv, const char *what, Error **errp)
{
    for (int i = 0; i < kv->count; i++) {
        if (!kv->items[i].used) {
            error_setg(errp, "%s does not take parameter '%s'", what, kv->items[i].key);
            return false;
        }
    }
    return true;
}

/* ---- numbers ---- */

static int size_suffix_shift(char c)
{
    switch (toupper((unsigned char)c)) {
    case 'B': return 0;
    case 'K': return 10;
    case 'M': return 20;
    case 'G': return 30;
    case 'T': return 40;
    case 'P': return 50;
    case 'E': return 60;
    default:  return -1;
    }
}

bool parse_size(const char *str, uint64_t default_unit, uint64_t *out, Error **errp)
{
    const char *s = str;
    uint64_t whole = 0;
    uint64_t frac_num = 0, frac_den = 1;
    bool digits = false;

    while (isdigit((unsigned char)*s)) {
        unsigned d = *s - '0';
        if (whole > (UINT64_MAX - d) / 10) {
            goto too_big;
        }
        whole = whole * 10 + d;
        digits = true;
        s++;
    }
    if (*s == '.') {
        s++;
        /* Up to 9 fraction digits is plenty for "1.5G"; more is refused. */
        int n = 0;
        while (isdigit((unsigned char)*s)) {
            if (++n > 9) {
                error_setg(errp, "too many fraction digits in size '%s'", str);
                return false;
            }
            frac_num = frac_num * 10 + (*s - '0');
            frac_den *= 10;
            digits = true;
            s++;
        }
    }
    if (!digits) {
        error_setg(errp, "invalid size '%s'", str);
        return false;
    }
    uint64_t unit = default_unit;
    if (*s) {
        int shift = size_suffix_shift(*s);
        if (shift < 0 || s[1] != '\0') {
            error_setg(errp, "invalid size suffix in '%s' (use B, K, M, G, T, P or E)", str);
            return false;
        }
        unit = 1ull << shift;
    }
    if (whole && unit > UINT64_MAX / whole) {
        goto too_big;
    }
    if (frac_num && unit == 1) {
        error_setg(errp, "fractional byte count in size '%s'", str);
        return false;
    }
    uint64_t v = whole * unit;
    if (frac_num) {
        /* frac_num / frac_den * unit without overflow: unit <= 2^60, den <= 1e9. */
        unsigned __int128 f = (unsigned __int128)frac_num * unit / frac_den;
        if (f > UINT64_MAX - v) {
            goto too_big;
        }
        v += (uint64_t)f;
    }
    *out = v;
    return true;

too_big:
    error_setg(errp, "size '%s' is too large", str);
    return false;
}

bool parse_uint64(const char *str, uint64_t *out, Error **errp)
{
    char *end;
    if (!isdigit((unsigned char)*str)) {
        error_setg(errp, "invalid number '%s'", str);
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(str, &end, 0);
    if (errno == ERANGE) {
        error_setg(errp, "number '%s' is too large", str);
        return false;
    }
    if (*end != '\0' || end == str) {
        error_setg(errp, "invalid number '%s'", str);
        return false;
    }
    *out = v;
    return true;
}
