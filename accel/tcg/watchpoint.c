/*
 * watchpoint.c — data watchpoints for the debugger, checked by the soft TLB.
 *
 * Inserting one flushes the CPU's TLB; refilled entries of a page holding a
 * watched byte carry TLB_WATCHPOINT in addr_read and/or addr_write, which
 * sends every access to that page through the slow path (cputlb.c), where
 * cpu_watchpoint_check looks at the bytes actually touched.
 *
 * gdb expects a watchpoint to report after the instruction that made the
 * access (the new value is visible).  So a hit does not stop at once: the
 * state is rolled back to the start of the instruction and it is run again
 * alone in a one-instruction TB without interrupts; during that run the
 * hit is already recorded, so the access goes through and
 * CPU_INTERRUPT_DEBUG makes the loop return EXCP_DEBUG right after it.
 * Some debuggers' architectures (gdb's ARM and MIPS) want the stop before
 * the access instead and step over the instruction themselves:
 * BP_STOP_BEFORE_ACCESS rolls back and stops at once.
 * A check from C code that gave no return address cannot roll back: it
 * lets the access happen and stops at the end of the TB.
 */
#include "internal.h"
#include "exec/cpu-exec.h"
#include "exec/cputlb.h"

#include <glib.h>

static bool overlaps(const CPUWatchpoint *wp, uint64_t addr, uint64_t len)
{
    return addr < wp->vaddr + wp->len && wp->vaddr < addr + len;
}

void cpu_watchpoint_insert(CPUState *cpu, uint64_t addr, uint64_t len, int flags)
{
    CPUWatchpoint *wp = g_new0(CPUWatchpoint, 1);
    wp->vaddr = addr;
    wp->len = len;
    wp->flags = flags;
    wp->next = cpu->watchpoints;
    cpu->watchpoints = wp;
    tlb_flush(cpu);
}

bool cpu_watchpoint_remove(CPUState *cpu, uint64_t addr, uint64_t len, int flags)
{
    for (CPUWatchpoint **p = &cpu->watchpoints; *p; p = &(*p)->next) {
        CPUWatchpoint *wp = *p;
        if (wp->vaddr == addr && wp->len == len && wp->flags == flags) {
            *p = wp->next;
            if (cpu->watchpoint_hit == wp) {
                cpu->watchpoint_hit = NULL;
            }
            g_free(wp);
            tlb_flush(cpu);
            return true;
        }
    }
    return false;
}

void cpu_watchpoint_remove_all(CPUState *cpu)
{
    if (!cpu->watchpoints) {
        return;
    }
    while (cpu->watchpoints) {
        CPUWatchpoint *wp = cpu->watchpoints;
        cpu->watchpoints = wp->next;
        g_free(wp);
    }
    cpu->watchpoint_hit = NULL;
    tlb_flush(cpu);
}

int cpu_watchpoint_flags_in(CPUState *cpu, uint64_t addr, uint64_t len)
{
    int flags = 0;
    for (CPUWatchpoint *wp = cpu->watchpoints; wp; wp = wp->next) {
        if (overlaps(wp, addr, len)) {
            flags |= wp->flags & BP_MEM_ACCESS;
        }
    }
    return flags;
}

void cpu_watchpoint_check(CPUState *cpu, uint64_t addr, uint64_t len, int kind, uintptr_t ra)
{
    for (CPUWatchpoint *wp = cpu->watchpoints; wp; wp = wp->next) {
        if (!(wp->flags & kind) || !overlaps(wp, addr, len)) {
            continue;
        }
        if (cpu->watchpoint_hit) {
            /* the instruction's second run (or a second access of it): stop after it */
            cpu_interrupt(cpu, CPU_INTERRUPT_DEBUG);
            return;
        }
        wp->hit_flags = kind;
        wp->hit_addr = addr > wp->vaddr ? addr : wp->vaddr;
        cpu->watchpoint_hit = wp;
        if (!ra || !cpu_restore_state(cpu, ra)) {
            cpu_interrupt(cpu, CPU_INTERRUPT_DEBUG);
            return;
        }
        if (wp->flags & BP_STOP_BEFORE_ACCESS) {
            cpu->exception_index = EXCP_DEBUG;
            cpu_loop_exit(cpu);
        }
        cpu->cflags_next_tb = 1 | CF_NOIRQ | CF_NOCACHE;
        cpu_loop_exit_noexc(cpu);
    }
}
