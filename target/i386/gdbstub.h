/*
 * gdbstub.h — the x86 CPU as the GDB stub sees it (gdbstub.c): the
 * register numbering and XML of GDB's i386 / i386:x86-64 features.
 */
#ifndef TARGET_I386_GDBSTUB_H
#define TARGET_I386_GDBSTUB_H

#include "gdbstub/gdbstub.h"

/* Registered by linux-user/i386/elf.c (and the PC board) for every x86 CPU. */
extern const GDBCPUOps i386_gdb_ops;

#endif
