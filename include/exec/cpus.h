/*
 * cpus.h — running the vCPUs in system mode.
 *
 * One vCPU thread runs every CPU round-robin (each gets cpu_exec until it
 * exits, halts or is kicked); it drops the BQL while guest code runs and
 * takes it for device accesses and between runs.  vm_stop() waits until the
 * thread has left guest code, so the monitor may inspect memory and
 * registers afterwards.
 *
 * Per-thread vCPUs (MTTCG) would replace the loop body, not this interface.
 */
#ifndef EXEC_CPUS_H
#define EXEC_CPUS_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/cpu.h"

typedef struct Error Error;

/* Start the vCPU thread (stopped); the board's CPUs must exist. */
void cpus_start_thread(void);
/* Let the vCPUs run or make them stop (waits, BQL held). */
void cpus_resume(void);
void cpus_pause(void);
bool cpus_paused(void);
/* Wake the vCPU thread (an interrupt for a halted CPU). */
void cpus_kick(void);
/* The vCPU thread's host thread id (query-cpus-fast), 0 before it starts. */
int64_t cpus_thread_id(void);
/* Stop the thread for good (exit). */
void cpus_shutdown(void);



#endif
