/*
 * accel-opts.h — the `-accel tcg[,tb-size=MiB][,backend=NAME]` option, shared
 * by the system emulators and the user-mode emulators so both spell it the
 * same way (QEMU users type it in both).
 *
 *     TCGAccelOpts a = { 0 };
 *     if (!tcg_accel_opts_parse("tcg,backend=tci", &a, errp) ||
 *         !tcg_accel_opts_apply(&a, false, errp)) ...   (selects TCI, sizes the buffer)
 */
#ifndef EXEC_ACCEL_OPTS_H
#define EXEC_ACCEL_OPTS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Error Error;

typedef struct TCGAccelOpts {
    uint64_t tb_size_mb;           /* code buffer size; 0: the default */
    char *backend;                 /* TCG back end ("tci", "x86_64"); NULL: default; g_free */
} TCGAccelOpts;

/* Parse the option's argument into a (replacing what it held); one clear error otherwise. */
bool tcg_accel_opts_parse(const char *arg, TCGAccelOpts *a, Error **errp);
/* Select the back end and create the code buffer for user (softmmu false) or system mode. */
bool tcg_accel_opts_apply(const TCGAccelOpts *a, bool softmmu, Error **errp);

#endif
