/*
 * Command-line parsing: option tables, key=value lists (with ",," escapes and
 * implied keys), sizes and numbers; plus a seeded fuzz loop that feeds random
 * strings to the parsers and checks they either parse or fail cleanly, and
 * that escaping a parsed list and parsing it again gives the same list.
 */
#include "util/option.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

enum { ID_M, ID_NOGRAPHIC, ID_KERNEL };

static const OptionDef defs[] = {
    { "m", OPT_ARG, ID_M, "size", "guest RAM" },
    { "nographic", 0, ID_NOGRAPHIC, NULL, "no display" },
    { "kernel", OPT_ARG, ID_KERNEL, "file", "Linux kernel" },
    { NULL }
};

static void test_opt_walk(void)
{
    char *argv[] = { "emu", "-m", "512", "--nographic", "prog", "-kernel", "vmlinuz",
                     "--", "-m", NULL };
    OptionParser p;
    const char *arg;
    Error *err = NULL;

    opt_init(&p, 9, argv, defs);
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, ID_M);
    g_assert_cmpstr(arg, ==, "512");
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, ID_NOGRAPHIC);
    g_assert_null(arg);
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_POSITIONAL);
    g_assert_cmpstr(arg, ==, "prog");
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, ID_KERNEL);
    g_assert_cmpstr(arg, ==, "vmlinuz");
    /* After "--", "-m" is an ordinary argument. */
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_POSITIONAL);
    g_assert_cmpstr(arg, ==, "-m");
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_END);
    g_assert_null(err);
}

static void test_opt_errors(void)
{
    char *argv1[] = { "emu", "-bogus", NULL };
    char *argv2[] = { "emu", "-m", NULL };
    OptionParser p;
    const char *arg;
    Error *err = NULL;

    opt_init(&p, 2, argv1, defs);
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_ERROR);
    g_assert_cmpstr(error_get_pretty(err), ==, "unknown option '-bogus' (try -help)");
    error_free(err);
    err = NULL;

    opt_init(&p, 2, argv2, defs);
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_ERROR);
    g_assert_cmpstr(error_get_pretty(err), ==, "option '-m' requires an argument");
    error_free(err);
}

static void test_opt_equals(void)
{
    char *argv[] = { "emu", "--m=512", "-kernel=vmlinuz", "--nographic=1", "--bogus=2", NULL };
    OptionParser p;
    const char *arg;
    Error *err = NULL;

    opt_init(&p, 5, argv, defs);
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, ID_M);
    g_assert_cmpstr(arg, ==, "512");
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, ID_KERNEL);
    g_assert_cmpstr(arg, ==, "vmlinuz");
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_ERROR);
    g_assert_cmpstr(error_get_pretty(err), ==, "option '--nographic' does not take a value");
    error_free(err);
    err = NULL;
    g_assert_cmpint(opt_next(&p, &arg, &err), ==, OPT_ERROR);
    g_assert_cmpstr(error_get_pretty(err), ==, "unknown option '--bogus' (try -help)");
    error_free(err);
}

static void test_keyval(void)
{
    Error *err = NULL;
    KeyValList *kv = keyval_parse("user,id=n0,hostfwd=tcp::2222-:22,restrict", "type", &err);
    g_assert_nonnull(kv);
    g_assert_cmpint(kv->count, ==, 4);
    g_assert_cmpstr(keyval_get(kv, "type"), ==, "user");
    g_assert_cmpstr(keyval_get(kv, "id"), ==, "n0");
    g_assert_cmpstr(keyval_get(kv, "hostfwd"), ==, "tcp::2222-:22");
    bool b;
    g_assert_true(keyval_get_bool(kv, "restrict", false, &b, &err));
    g_assert_true(b);
    g_assert_true(keyval_check_unused(kv, "netdev", &err));
    keyval_free(kv);

    kv = keyval_parse("file=a,,b.img,format=raw,cache=none", NULL, &err);
    g_assert_cmpstr(keyval_get(kv, "file"), ==, "a,b.img");
    g_assert_cmpstr(keyval_get(kv, "format"), ==, "raw");
    g_assert_false(keyval_check_unused(kv, "-drive", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "-drive does not take parameter 'cache'");
    error_free(err);
    err = NULL;
    keyval_free(kv);

    kv = keyval_parse("size=1.5G,on=x", NULL, &err);
    uint64_t sz;
    g_assert_true(keyval_get_size(kv, "size", 0, &sz, &err));
    g_assert_cmpuint(sz, ==, 3ull << 29);
    g_assert_false(keyval_get_bool(kv, "on", false, &b, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "'on' expects on or off, not 'x'");
    error_free(err);
    err = NULL;
    keyval_free(kv);

    kv = keyval_parse("", "driver", &err);
    g_assert_cmpint(kv->count, ==, 0);
    keyval_free(kv);
}

static void test_keyval_errors(void)
{
    static const char *const bad[][2] = {
        { "a=1,", "empty element in 'a=1,'" },
        { ",a=1", "empty element in ',a=1'" },
        { "a=1,,,", "empty element in 'a=1,,,'" },
        { "=x", "missing key before '=' in '=x'" },
        { "a=1,a=2", "key 'a' given twice in 'a=1,a=2'" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        Error *err = NULL;
        g_assert_null(keyval_parse(bad[i][0], NULL, &err));
        g_assert_nonnull(err);
        g_assert_cmpstr(error_get_pretty(err), ==, bad[i][1]);
        error_free(err);
    }
    /* ",," at the end is an escaped comma, not an empty element. */
    Error *err = NULL;
    KeyValList *kv = keyval_parse("a=1,,", NULL, &err);
    g_assert_nonnull(kv);
    g_assert_cmpstr(keyval_get(kv, "a"), ==, "1,");
    keyval_free(kv);
}

static void test_size(void)
{
    static const struct { const char *s; uint64_t unit, v; } ok[] = {
        { "512", 1 << 20, 512ull << 20 }, { "512M", 1, 512ull << 20 },
        { "2G", 1, 2ull << 30 }, { "1.5g", 1, 3ull << 29 }, { "4k", 1, 4096 },
        { "100", 1, 100 }, { "100B", 1 << 20, 100 }, { "16E", 1, 0 },
        { "15E", 1, 15ull << 60 }, { "0", 1, 0 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        uint64_t v = 0;
        Error *err = NULL;
        bool r = parse_size(ok[i].s, ok[i].unit, &v, &err);
        if (ok[i].v == 0 && strcmp(ok[i].s, "0")) {
            g_assert_false(r);     /* 16E overflows */
            error_free(err);
            continue;
        }
        g_assert_true(r);
        g_assert_cmpuint(v, ==, ok[i].v);
    }
    static const char *const bad[] = { "", "M", "12Q", "1MB", "-1", "1.5", "99999999999999999999",
                                       "1.0000000001G", "18446744073709551616" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        uint64_t v;
        Error *err = NULL;
        g_assert_false(parse_size(bad[i], 1, &v, &err));
        g_assert_nonnull(err);
        error_free(err);
    }
}

static void test_uint(void)
{
    uint64_t v;
    Error *err = NULL;
    g_assert_true(parse_uint64("0x10", &v, &err));
    g_assert_cmpuint(v, ==, 16);
    g_assert_true(parse_uint64("18446744073709551615", &v, &err));
    g_assert_cmpuint(v, ==, UINT64_MAX);
    g_assert_false(parse_uint64("18446744073709551616", &v, &err));
    error_free(err);
    err = NULL;
    g_assert_false(parse_uint64("12a", &v, &err));
    error_free(err);
    err = NULL;
    g_assert_false(parse_uint64("-5", &v, &err));
    error_free(err);
}

static char *escape_commas(const char *s)
{
    GString *g = g_string_new(NULL);
    for (; *s; s++) {
        g_string_append_c(g, *s);
        if (*s == ',') {
            g_string_append_c(g, ',');
        }
    }
    return g_string_free(g, FALSE);
}

static void test_fuzz(void)
{
    static const char alphabet[] = "ab=,,.,=1kKmMgG0x9 -";
    GRand *r = g_rand_new_with_seed(42);
    for (int n = 0; n < 50000; n++) {
        char buf[24];
        int len = g_rand_int_range(r, 0, sizeof(buf));
        for (int i = 0; i < len; i++) {
            buf[i] = alphabet[g_rand_int_range(r, 0, sizeof(alphabet) - 1)];
        }
        buf[len] = '\0';

        Error *err = NULL;
        KeyValList *kv = keyval_parse(buf, (n & 1) ? "type" : NULL, &err);
        if (!kv) {
            g_assert_nonnull(err);
            error_free(err);
            err = NULL;
        } else {
            g_assert_null(err);
            /* Serialise with escapes and parse again: the same list comes back. */
            GString *g = g_string_new(NULL);
            for (int i = 0; i < kv->count; i++) {
                char *k = escape_commas(kv->items[i].key);
                char *v = escape_commas(kv->items[i].value);
                g_string_append_printf(g, "%s%s=%s", i ? "," : "", k, v);
                g_free(k);
                g_free(v);
            }
            KeyValList *again = keyval_parse(g->str, NULL, &err);
            /* A key holding '=' cannot round-trip; everything else must. */
            if (again) {
                g_assert_cmpint(again->count, ==, kv->count);
                for (int i = 0; i < kv->count; i++) {
                    if (!strchr(kv->items[i].key, '=')) {
                        g_assert_cmpstr(again->items[i].key, ==, kv->items[i].key);
                        g_assert_cmpstr(again->items[i].value, ==, kv->items[i].value);
                    }
                }
                keyval_free(again);
            } else {
                error_free(err);
                err = NULL;
            }
            g_string_free(g, TRUE);
            keyval_free(kv);
        }

        uint64_t v;
        if (!parse_size(buf, 1, &v, &err)) {
            g_assert_nonnull(err);
            error_free(err);
        }
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/option/walk", test_opt_walk);
    g_test_add_func("/option/errors", test_opt_errors);
    g_test_add_func("/option/equals", test_opt_equals);
    g_test_add_func("/option/keyval", test_keyval);
    g_test_add_func("/option/keyval-errors", test_keyval_errors);
    g_test_add_func("/option/size", test_size);
    g_test_add_func("/option/uint", test_uint);
    g_test_add_func("/option/fuzz", test_fuzz);
    return g_test_run();
}
