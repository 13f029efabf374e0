/*
 * cpu-exec.h — the execution layer (accel/tcg) as the rest of emu sees it:
 * start-up, registering a CPU, running it, leaving generated code from a
 * helper, and the TB cache operations (flush, invalidation by guest page).
 *
 *     tcg_exec_init(32, true, &error_fatal);     32 MiB code buffer, system mode
 *     tcg_cpu_init(&cpu->parent, &toy_tcg_ops, &cpu->env);
 *     for (;;) {
 *         int r = cpu_exec(&cpu->parent);        EXCP_HLT, EXCP_DEBUG, EXCP_INTERRUPT ...
 *         ...
 *     }
 *
 * A helper raising a guest exception from generated code:
 *
 *     cpu->exception_index = TOY_EXCP_DIV0;
 *     cpu_loop_exit_restore(cpu, GETPC());       pc and insn words of the faulting insn
 */
#ifndef EXEC_CPU_EXEC_H
#define EXEC_CPU_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/translation-block.h"
#include "hw/core/cpu.h"
#include "tcg/tcg.h"

/* ---- TB compile flags (TranslationBlock.cflags) -------------------------- */

#define CF_COUNT_MASK   0x000001ff  /* at most this many guest insns (0: the default) */
#define CF_NO_GOTO_TB   0x00000200  /* no direct chaining (-d nochain, single-step) */
#define CF_NO_GOTO_PTR  0x00000400  /* goto_ptr lookups return to the loop (-d nochain) */
#define CF_SINGLE_STEP  0x00000800  /* translated for the debugger's single-step */
#define CF_NOIRQ        0x00001000  /* no exit check at the start (must run to its end) */
#define CF_NOCACHE      0x00002000  /* run once: not in the hash, the jump cache or the page
                                       lists (redoing a store that invalidated its own TB) */
#define CF_HASH_MASK    (CF_COUNT_MASK | CF_NO_GOTO_TB | CF_NO_GOTO_PTR | CF_SINGLE_STEP | \
                         CF_NOIRQ)   /* the cflags bits that make TBs different */

/* Exit index returned with a TB that left at its start because exit_check was set. */
#define TB_EXIT_REQUESTED 3

/* The default code buffer, in MiB (`-accel tcg,tb-size=`). */
#define TCG_DEFAULT_TB_SIZE_MB 32

/* ---- start-up ------------------------------------------------------------ */

/*
 * Create the code buffer (tb_size_mb MiB, 0: the default) and the translator
 * context; softmmu selects system mode (soft TLB) over user mode (guest_base).
 * Once per process, before any tcg_cpu_init().
 */
bool tcg_exec_init(size_t tb_size_mb, bool softmmu, Error **errp);
/* The same with the buffer size in bytes (tests use tiny buffers to force flushes). */
bool tcg_exec_init_bytes(size_t bytes, bool softmmu, Error **errp);
/* True once tcg_exec_init() chose system mode. */
bool tcg_exec_is_softmmu(void);
/*
 * Register cpu (whose env is env, laid out as cpu.h says) with the target's
 * ops: jump cache, soft TLB in system mode, CPU list; the target's
 * initialize() runs the first time ops is seen.
 */
void tcg_cpu_init(CPUState *cpu, const TCGCPUOps *ops, CPUArchState *env);
/* Undo tcg_cpu_init (tests); the CPU must not be running. */
void tcg_cpu_destroy(CPUState *cpu);

/* ---- running ----------------------------------------------------------- */

/*
 * Run cpu until something needs the caller: returns EXCP_INTERRUPT
 * (cpu_exit), EXCP_HLT/EXCP_HALTED, EXCP_DEBUG (breakpoint, single step) or a
 * target exception number >= EXCP_INTERRUPT.  Guest exceptions below
 * EXCP_INTERRUPT are delivered through do_interrupt without returning.
 */
int cpu_exec(CPUState *cpu);

/*
 * -icount: the next cpu_exec on this thread runs at most budget guest
 * instructions (negative: no budget, the normal chained execution) and
 * returns EXCP_INTERRUPT when they are spent, or after an instruction that
 * accessed a device; cpu_exec_icount_executed() then tells how many ran.
 * During the run, cpu_exec_icount_inflight() is the count so far, exact at
 * a device access (the virtual clock adds it).  See cpu-exec.c.
 */
void cpu_exec_set_icount_budget(int64_t budget);
int64_t cpu_exec_icount_executed(void);
/* Whether the last cpu_exec returned because its budget (or an I/O instruction) ended it. */
bool cpu_exec_icount_spent(void);
int64_t cpu_exec_icount_inflight(void);
/* The soft TLB's call before a device access from generated code (host pc ra). */
void cpu_icount_io_begin(CPUState *cpu, uintptr_t ra);

/*
 * Called (any thread) after cpu_interrupt() or cpu_exit() posted a request
 * for cpu: the runner of halted CPUs sets this to wake the thread sleeping
 * for them, so an interrupt is taken now rather than at its next poll.
 * NULL (the default): nothing beyond the CPU's own exit check.
 */
void cpu_exec_set_kick_hook(void (*hook)(CPUState *cpu));

/* Leave generated code (or a helper) for the loop; cpu->exception_index says why. */
void cpu_loop_exit(CPUState *cpu) __attribute__((noreturn));
/* The same after restoring the guest state of the instruction at host pc retaddr (0: none). */
void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr) __attribute__((noreturn));
/* Leave with no exception: the loop looks up the next TB from the current state. */
void cpu_loop_exit_noexc(CPUState *cpu) __attribute__((noreturn));
/* Restore the guest state of the instruction at host pc retaddr; false when not in a TB. */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

/*
 * The host pc a helper was called from, inside the TB's code: for native
 * code the return address, for the interpreter the place its tcg_tci_retaddr
 * records.  Use as GETPC() directly in the helper (not in a function it calls).
 */
#define GETPC() tcg_helper_getpc((uintptr_t)__builtin_return_address(0))
uintptr_t tcg_helper_getpc(uintptr_t return_address);

/*
 * goto_ptr support: the host code of the TB for the current CPU state if it
 * is already translated, else NULL (back to the loop).  Front ends call it
 * through tcg_gen_lookup_and_goto_ptr() (translator.h).
 */
const void *helper_lookup_tb_ptr(CPUArchState *env);
extern const TCGHelperInfo tcg_helper_info_lookup_tb_ptr;

/*
 * Where a target keeps the state that identifies a TB, for a target whose
 * get_tb_cpu_state only reads fields of env: once registered,
 * helper_lookup_tb_ptr (every goto_ptr, the hottest lookup) reads them
 * inline instead of calling the hook.  The execution loop keeps calling
 * the hook and checks that both agree.
 */
typedef struct TBStateLayout {
    size_t cs_base;                /* offset in env of the uint64_t cs_base */
    size_t pc;                     /* offset of the uint64_t pc (or what cs_base is added to) */
    size_t flags;                  /* offset of the uint32_t flags */
    bool pc_adds_cs_base;          /* pc = cs_base + the field (x86: CS base + EIP) */
} TBStateLayout;

/* Register layout for the CPUs of ops (one target per binary: the last call wins). */
void tcg_set_tb_state_layout(const TCGCPUOps *ops, const TBStateLayout *layout);

/* ---- the TB cache ------------------------------------------------------- */

/* Drop every TB (and the jump caches, the hash); safe from any vCPU thread. */
void tb_flush(CPUState *cpu);
/*
 * Invalidate every TB containing guest bytes in [start, end): physical
 * addresses in system mode, virtual in user mode.  Unchains them and removes
 * them from the hash and the jump caches.
 */
void tb_invalidate_phys_range(uint64_t start, uint64_t end);
/* True when some TB was translated from the page holding addr (system: physical). */
bool tb_page_has_code(uint64_t addr);

/* Cache-wide counters (tests, benchmarks, `info jit` later). */
typedef struct TBStats {
    uint64_t tbs;                  /* TBs alive in the buffer */
    uint64_t flushes;              /* full flushes so far */
    uint64_t invalidations;        /* TBs invalidated (SMC, breakpoints) */
    size_t code_used;              /* bytes of the code buffer in use */
    size_t code_size;              /* its capacity */
    bool split_wx;                 /* the buffer is mapped twice (RW + RX) */
    uintptr_t code_rx;             /* where its code runs (the RX view) */
} TBStats;
void tb_get_stats(TBStats *st);

/* The guest page size chosen by the first registered CPU. */
extern unsigned tcg_page_bits;
static inline uint64_t tcg_page_mask(void)
{
    return ~(((uint64_t)1 << tcg_page_bits) - 1);
}

#endif
