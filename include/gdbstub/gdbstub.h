/*
 * gdbstub.h — the GDB remote serial protocol stub, for both modes.
 *
 * A target describes its registers to the stub with a GDBCPUOps, registered
 * once per TCGCPUOps (the stub finds it through cpu->tcg_ops and never names
 * a target):
 *
 *     static const GDBCPUOps toy_gdb_ops = { .read_register = ..., ... };
 *     gdb_register_cpu_ops(&toy_tcg_ops, &toy_gdb_ops);
 *
 * The target XML (`target.xml` and the files it includes) is the single
 * source of truth for the 'g' packet: it carries the registers whose GDB
 * numbers the XML names, in increasing order, and nothing else.
 *
 * User mode (linux-user): gdb_user_start() waits for gdb before the first
 * instruction; the cpu loop's signal path gives every guest signal to
 * gdb_user_handlesig() first; the exit paths call gdb_user_exit()/
 * gdb_user_killed().  System mode: gdb_system_start("tcp::1234") from -s /
 * -gdb / the monitor's gdbserver command; stops come from the run state.
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/cpu.h"

typedef struct Error Error;

/* What a target tells the stub about its CPU. */
typedef struct GDBCPUOps {
    /* read register n (GDB numbering) into buf in guest byte order; bytes written, 0: none */
    int (*read_register)(CPUState *cpu, uint8_t *buf, int n);
    /* write register n from buf; bytes consumed, 0: no such register */
    int (*write_register)(CPUState *cpu, const uint8_t *buf, int n);
    /* the XML file annex ("target.xml" and what it includes) for cpu's model; NULL: none */
    const char *(*get_xml)(CPUState *cpu, const char *annex);
    /* the largest register in bytes (buffer sizing) */
    int max_reg_bytes;
    /*
     * gdb's architecture expects a data watchpoint to stop before the access
     * and steps over the instruction itself (ARM, AArch64, MIPS: gdb's
     * "nonsteppable" watchpoints); false: stop after it (x86).
     */
    bool watch_before_access;
} GDBCPUOps;

/* Make ops the description of every CPU whose tcg_ops is tcg_ops (idempotent). */
void gdb_register_cpu_ops(const TCGCPUOps *tcg_ops, const GDBCPUOps *ops);
/* The description of cpu, or NULL when its target registered none. */
const GDBCPUOps *gdb_cpu_ops(CPUState *cpu);

/* ---- user mode ------------------------------------------------------------ */

/*
 * Listen on TCP port (a number) or a unix socket path, wait for gdb to
 * connect, and arm the stop before cpu's first instruction.  Prints where it
 * waits on stderr.
 */
bool gdb_user_start(const char *port, CPUState *cpu, Error **errp);
/* True once gdb_user_start() succeeded and gdb has not detached. */
bool gdb_user_attached(void);
/* The guest is about to receive signal sig (target number): gdb decides; 0: drop it. */
int gdb_user_handlesig(CPUState *cpu, int sig);
/* A new guest thread (on its host thread, before clone returns to the parent). */
void gdb_user_new_thread(CPUState *cpu);
/* Between cpu_exec runs: park while the debugger holds the process stopped. */
void gdb_user_checkpoint(CPUState *cpu);
/* The process exits with status / is killed by signal sig: tell gdb. */
void gdb_user_exit(int status);
void gdb_user_killed(int sig);

/* ---- system mode ---------------------------------------------------------- */

/*
 * Start the stub on spec: "tcp::PORT", "tcp:HOST:PORT", "unix:PATH" or a
 * bare port number ("none" disables).  The VM keeps its run state; gdb sees
 * it stopped once it connects.
 */
bool gdb_system_start(const char *spec, Error **errp);

#endif
