/*
 * Error objects: first error wins, prepending context, propagation, and the
 * one-line "prog: message" format users see.
 */
#include "util/error.h"

#include <errno.h>
#include <stdlib.h>

#include <glib.h>

static void test_setg_prepend(void)
{
    Error *err = NULL;
    error_setg(&err, "cluster %d is beyond the end", 7);
    error_setg(&err, "this second error is dropped");
    error_prepend(&err, "%s: ", "disk.qcow2");
    g_assert_cmpstr(error_get_pretty(err), ==, "disk.qcow2: cluster 7 is beyond the end");
    error_free(err);

    error_setg(NULL, "ignored");            /* must not crash */
    error_prepend(NULL, "ignored");
}

static void test_errno(void)
{
    Error *err = NULL;
    error_setg_errno(&err, ENOENT, "cannot open '%s'", "x.img");
    g_assert_cmpstr(error_get_pretty(err), ==, "cannot open 'x.img': No such file or directory");
    error_free(err);
}

static void test_propagate(void)
{
    Error *local = NULL, *outer = NULL;
    error_setg(&local, "inner");
    error_propagate(&outer, local);
    g_assert_nonnull(outer);
    g_assert_cmpstr(error_get_pretty(outer), ==, "inner");
    error_propagate(&outer, NULL);
    g_assert_cmpstr(error_get_pretty(outer), ==, "inner");
    error_free(outer);
}

static void test_report_format(void)
{
    if (g_test_subprocess()) {
        error_set_progname("/usr/bin/emu-img");
        error_report("bad %s", "thing");
        warn_report("careful");
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("emu-img: bad thing\nemu-img: warning: careful\n");
}

static void test_fatal_exits(void)
{
    if (g_test_subprocess()) {
        error_set_progname("emu-x");
        error_setg(&error_fatal, "no such machine '%s'", "foo");
        return; /* not reached */
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("emu-x: no such machine 'foo'\n");
}

static void test_abort(void)
{
    if (g_test_subprocess()) {
        error_set_progname("emu-x");
        Error *local = NULL;
        error_setg(&local, "cannot happen");
        error_propagate(&error_abort, local);
        return; /* not reached */
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("emu-x: unexpected error: cannot happen\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/error/setg-prepend", test_setg_prepend);
    g_test_add_func("/error/errno", test_errno);
    g_test_add_func("/error/propagate", test_propagate);
    g_test_add_func("/error/report-format", test_report_format);
    g_test_add_func("/error/fatal-exits", test_fatal_exits);
    g_test_add_func("/error/abort", test_abort);
    return g_test_run();
}
