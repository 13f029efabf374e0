/*
 * error.c — one-line error messages prefixed with the program name, and
 * Error objects that carry a message up to whoever reports it.
 */
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

struct Error {
    char *msg;
};

/*
 * error_fatal is only ever compared by address; it never holds an error.
 * Storing into it would be a bug, so error_setg() exits before that happens.
 */
Error *error_fatal;
Error *error_abort;

static char *progname;

void error_set_progname(const char *argv0)
{
    g_free(progname);
    progname = g_path_get_basename(argv0);
}

const char *error_get_progname(void)
{
    return progname ? progname : "emu";
}

static void vreport(const char *kind, const char *fmt, va_list ap)
{
    /* Build the line first so that concurrent threads never interleave it. */
    char *msg = g_strdup_vprintf(fmt, ap);
    fprintf(stderr, "%s: %s%s\n", error_get_progname(), kind, msg);
    g_free(msg);
}

void error_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("warning: ", fmt, ap);
    va_end(ap);
}

static void error_store(Error **errp, char *msg)
{
    if (errp == &error_fatal) {
        error_report("%s", msg);
        exit(1);
    }
    if (errp == &error_abort) {
        error_report("unexpected error: %s", msg);
        abort();
    }
    if (!errp) {
        g_free(msg);
        return;
    }
    /* The first error wins: later ones are usually consequences of it. */
    if (*errp) {
        g_free(msg);
        return;
    }
    Error *err = g_new0(Error, 1);
    err->msg = msg;
    *errp = err;
}

void error_setg(Error **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_store(errp, msg);
}

void error_setg_errno(Error **errp, int errnum, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *head = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *msg = g_strdup_printf("%s: %s", head, strerror(errnum));
    g_free(head);
    error_store(errp, msg);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    if (!errp || errp == &error_fatal || errp == &error_abort || !*errp) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *head = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *msg = g_strconcat(head, (*errp)->msg, NULL);
    g_free(head);
    g_free((*errp)->msg);
    (*errp)->msg = msg;
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        g_free(err);
    }
}

void error_report_err(Error *err)
{
    error_report("%s", err->msg);
    error_free(err);
}

void error_propagate(Error **dst, Error *local)
{
    if (!local) {
        return;
    }
    if (dst == &error_fatal) {
        error_report_err(local);
        exit(1);
    }
    if (dst == &error_abort) {
        error_report("unexpected error: %s", local->msg);
        abort();
    }
    if (!dst || *dst) {
        error_free(local);
        return;
    }
    *dst = local;
}
