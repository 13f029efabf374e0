/*
 * The -d/-D log: items registered by "subsystems" (here, this file), parsing
 * of item lists, -d help, and output to a file.
 */
#include "util/log.h"
#include "util/error.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

LOG_ITEM(log_test_alpha, "alpha", "first test item")
LOG_ITEM(log_test_beta, "beta", "second test item")

static void test_register(void)
{
    g_assert_cmpint(log_test_alpha, >=, 0);
    g_assert_cmpint(log_test_beta, >=, 0);
    g_assert_cmpint(log_test_alpha, !=, log_test_beta);
    /* The same name twice gives the same bit (two files sharing an item). */
    g_assert_cmpint(log_item_register("alpha", "again"), ==, log_test_alpha);
}

static void test_parse(void)
{
    Error *err = NULL;
    g_assert_true(log_select("beta", &err));
    g_assert_false(log_enabled(log_test_alpha));
    g_assert_true(log_enabled(log_test_beta));
    g_assert_true(log_select("alpha,beta", &err));
    g_assert_true(log_enabled(log_test_alpha));

    g_assert_false(log_select("alpha,gamma", &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, "unknown log item 'gamma' (try -d help)");
    error_free(err);
    /* A failed -d leaves the previous selection alone. */
    g_assert_true(log_enabled(log_test_alpha));
    g_assert_false(log_enabled(-1));
}

static void test_help(void)
{
    if (g_test_subprocess()) {
        Error *err = NULL;
        g_assert_false(log_select("help", &err));
        g_assert_null(err);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("*alpha*first test item*beta*second test item*");
}

static void test_file(void)
{
    char *dir = g_dir_make_tmp("emu-log-XXXXXX", NULL);
    char *path = g_build_filename(dir, "log.txt", NULL);
    Error *err = NULL;

    g_assert_true(log_set_file(path, &err));
    log_printf("IN: pc=0x%x\n", 0x1000);
    g_assert_true(log_set_file(NULL, &err));      /* closes and flushes */
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "IN: pc=0x1000\n");
    g_free(text);

    g_assert_false(log_set_file("/nonexistent-dir/x/log", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "cannot open log file"));
    error_free(err);

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/log/register", test_register);
    g_test_add_func("/log/parse", test_parse);
    g_test_add_func("/log/help", test_help);
    g_test_add_func("/log/file", test_file);
    return g_test_run();
}
