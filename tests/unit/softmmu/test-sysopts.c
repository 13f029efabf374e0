/*
 * test-sysopts.c — the system option parsers (-m, -smp, -accel, -icount)
 * against hand-computed expectations, including every error path.
 */
#include "exec/accel-opts.h"
#include "exec/sysopts.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

/* err is read after the call (argument evaluation order is unspecified in C) */
static void expect_error(bool ok, Error **errp, const char *msg)
{
    Error *err = *errp;
    *errp = NULL;
    g_assert_false(ok);
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), msg)) {
        g_test_message("got: %s", error_get_pretty(err));
        g_assert_not_reached();
    }
    error_free(err);
}

static void test_memory(void)
{
    static const struct {
        const char *arg;
        uint64_t size;
    } ok[] = {
        { "512", 512ull << 20 }, { "1G", 1ull << 30 }, { "size=64M", 64ull << 20 },
        { "1.5G", 3ull << 29 }, { "4096K", 4ull << 20 }, { "1T", 1ull << 40 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        uint64_t s = 0;
        Error *err = NULL;
        g_assert(sysopt_parse_memory(ok[i].arg, &s, &err));
        g_assert_cmpuint(s, ==, ok[i].size);
    }
    static const struct {
        const char *arg, *msg;
    } bad[] = {
        { "0", "between" }, { "2T", "between" }, { "12X", "-m 12X" }, { "", "missing" },
        { "size=1G,slots=2", "slots" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        uint64_t s;
        Error *err = NULL;
        expect_error(sysopt_parse_memory(bad[i].arg, &s, &err), &err, bad[i].msg);
    }
}

static void test_smp(void)
{
    static const struct {
        const char *arg;
        unsigned max;
        CpuTopology t;
    } ok[] = {
        { "4", 8, { 4, 4, 1, 1, 4 } },
        { "cpus=2,maxcpus=4", 8, { 2, 4, 1, 1, 4 } },
        { "sockets=2,cores=2", 0, { 4, 2, 2, 1, 4 } },
        { "8,cores=2,threads=2", 0, { 8, 2, 2, 2, 8 } },
        { "2,sockets=1,cores=2,threads=2,maxcpus=4", 4, { 2, 1, 2, 2, 4 } },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        CpuTopology t;
        Error *err = NULL;
        g_assert(sysopt_parse_smp(ok[i].arg, ok[i].max, &t, &err));
        g_assert_cmpuint(t.cpus, ==, ok[i].t.cpus);
        g_assert_cmpuint(t.sockets, ==, ok[i].t.sockets);
        g_assert_cmpuint(t.cores, ==, ok[i].t.cores);
        g_assert_cmpuint(t.threads, ==, ok[i].t.threads);
        g_assert_cmpuint(t.max_cpus, ==, ok[i].t.max_cpus);
    }
    static const struct {
        const char *arg;
        unsigned max;
        const char *msg;
    } bad[] = {
        { "0", 0, "between 1 and 4096" },
        { "x", 0, "not a number" },
        { "4", 2, "at most 2" },
        { "4,maxcpus=2", 0, "more than maxcpus" },
        { "4,sockets=3,cores=2", 0, "!= maxcpus" },
        { "4,dies=2", 0, "dies" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        CpuTopology t;
        Error *err = NULL;
        expect_error(sysopt_parse_smp(bad[i].arg, bad[i].max, &t, &err), &err, bad[i].msg);
    }
}

static void test_accel_icount(void)
{
    TCGAccelOpts a = { 0 };
    Error *err = NULL;
    g_assert(tcg_accel_opts_parse("tcg", &a, &err));
    g_assert_cmpuint(a.tb_size_mb, ==, 0);
    g_assert_null(a.backend);
    g_assert(tcg_accel_opts_parse("tcg,tb-size=64,backend=tci", &a, &err));
    g_assert_cmpuint(a.tb_size_mb, ==, 64);
    g_assert_cmpstr(a.backend, ==, "tci");
    expect_error(tcg_accel_opts_parse("kvm", &a, &err), &err, "not an accelerator");
    expect_error(tcg_accel_opts_parse("tcg,tb-size=0", &a, &err), &err, "tb-size=0");
    expect_error(tcg_accel_opts_parse("tcg,thread=multi", &a, &err), &err, "thread");
    err = NULL;
    g_free(a.backend);

    int shift = -1;
    g_assert(sysopt_parse_icount("3", &shift, &err) && shift == 3);
    g_assert(sysopt_parse_icount("shift=0", &shift, &err) && shift == 0);
    expect_error(sysopt_parse_icount("11", &shift, &err), &err, "0 to 10");
    expect_error(sysopt_parse_icount("auto", &shift, &err), &err, "0 to 10");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sysopts/memory", test_memory);
    g_test_add_func("/sysopts/smp", test_smp);
    g_test_add_func("/sysopts/accel-icount", test_accel_icount);
    return g_test_run();
}
