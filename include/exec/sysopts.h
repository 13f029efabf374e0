/*
 * sysopts.h — parsers for the system-mode options whose values have a
 * structure of their own: -m, -smp, -accel, -icount.  Each fills a struct
 * from one argument and reports a bad value in one line through errp; vl.c
 * applies them.  Kept apart from vl.c so that unit tests reach them.
 */
#ifndef EXEC_SYSOPTS_H
#define EXEC_SYSOPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/boards.h"

typedef struct Error Error;

/* -m [size=]N[suffix]: a bare number is MiB.  Zero and sizes over 1 TiB are errors. */
bool sysopt_parse_memory(const char *arg, uint64_t *size, Error **errp);

/*
 * -smp [cpus=]N[,sockets=S][,cores=C][,threads=T][,maxcpus=M]: missing
 * values are derived (threads, then cores default to 1; sockets fill the
 * rest; cpus defaults to the product, maxcpus to cpus); the product must be
 * maxcpus and cpus <= maxcpus <= machine_max (0: no limit).
 */
bool sysopt_parse_smp(const char *arg, unsigned machine_max, CpuTopology *t, Error **errp);

/* -accel is parsed by tcg_accel_opts_parse (exec/accel-opts.h), shared with user mode. */

/* -icount [shift=]N (0..10); "auto" is not supported. */
bool sysopt_parse_icount(const char *arg, int *shift, Error **errp);

#endif
