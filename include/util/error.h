/*
 * error.h — one-line error reporting and error objects passed up the stack.
 *
 * Every message a user sees starts with the program name, so that a line in a
 * CI log says which binary complained:  "emu-img: foo.qcow2: image is corrupt".
 *
 * Functions that can fail take an `Error **errp` last and return false/NULL/-1
 * on failure.  Callers pass &local_err to inspect it, NULL to ignore it, or
 * &error_fatal to print it and exit(1), or &error_abort where failing would be
 * a programming error (tests, start-up code): print it and abort().
 *
 *     Error *err = NULL;
 *     if (!blk_open(path, &err)) {
 *         error_report_err(err);     // "emu-img: path: No such file ..."
 *         return 1;
 *     }
 */
#ifndef UTIL_ERROR_H
#define UTIL_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

typedef struct Error Error;

/* Passing &error_fatal as errp makes any error fatal: report it, exit(1). */
extern Error *error_fatal;
/* Passing &error_abort says an error would be a bug: report it and abort(). */
extern Error *error_abort;

/* Remember the program name (basename of argv[0]) for every later message. */
void error_set_progname(const char *argv0);
const char *error_get_progname(void);

/* "prog: message" on stderr.  The message has no trailing newline. */
void error_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: warning: message" on stderr. */
void warn_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Set *errp to a new error (errp may be NULL: the error is dropped). */
void error_setg(Error **errp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same with ": strerror(errnum)" appended. */
void error_setg_errno(Error **errp, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Put context in front of an already set error: "file.img: " + message. */
void error_prepend(Error **errp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

const char *error_get_pretty(const Error *err);
/* Report and free. */
void error_report_err(Error *err);
void error_free(Error *err);
/* Move a local error into *dst (which may be NULL or &error_fatal). */
void error_propagate(Error **dst, Error *local);

#endif
