/*
 * cpu.h — the generic CPU state every target embeds, and the hooks a target
 * gives the execution layer (accel/tcg).
 *
 * Layout of a target's CPU (the order matters):
 *
 *     typedef struct ToyCPU {
 *         CPUState parent;               generic state, first
 *         ...                            target fields the generated code never reads
 *         CPUNegativeOffsetState neg;    right below env
 *         CPUArchState env;              what generated code addresses (tcg_env)
 *     } ToyCPU;
 *     CPU_LAYOUT_CHECK(ToyCPU);
 *
 * so that generic code finds the CPUState from env (env_cpu()) and generated
 * code reaches the exit flag and the soft TLB at fixed negative offsets from
 * env (NEG_OFFSET()).  Nothing here names a target.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/tcg.h"

typedef struct CPUState CPUState;
typedef struct TCGCPUOps TCGCPUOps;
typedef struct CPUTLB CPUTLB;
typedef struct CPUJumpCache CPUJumpCache;

/* ---- exceptions and interrupts ----------------------------------------- */

/* exception_index values the loop itself understands (targets use 0 .. 0xffff). */
#define EXCP_NONE      (-1)
#define EXCP_INTERRUPT 0x10000     /* cpu_exit() asked the loop to return */
#define EXCP_HLT       0x10001     /* the guest halted (wait for interrupt) */
#define EXCP_DEBUG     0x10002     /* breakpoint or single step: give control to the debugger */
#define EXCP_HALTED    0x10003     /* the CPU is halted and has no work */

/* interrupt_request bits; a target may use CPU_INTERRUPT_TGT_0 and up. */
#define CPU_INTERRUPT_HARD   (1u << 1)   /* the external interrupt line */
#define CPU_INTERRUPT_EXITTB (1u << 2)   /* leave the TB: state the code depends on changed */
#define CPU_INTERRUPT_HALT   (1u << 5)   /* halt the CPU */
#define CPU_INTERRUPT_DEBUG  (1u << 7)   /* raise EXCP_DEBUG at the next TB boundary */
#define CPU_INTERRUPT_TGT_0  (1u << 8)

/* singlestep_enabled bits (from the debugger). */
#define SSTEP_ENABLE  (1u << 0)          /* one guest instruction per TB, EXCP_DEBUG after it */
#define SSTEP_NOIRQ   (1u << 1)          /* and do not take interrupts while stepping */

/* The kind of access a TLB fill or an MMIO callback is for. */
typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* ---- what generated code can see below env ------------------------------- */

/* MMU indexes the generic code supports (MemOpIdx carries 4 bits). */
#define CPU_TLB_MMU_MODES 16

/*
 * One soft-TLB entry: the guest page address each kind of access matches
 * (page-aligned; low bits are TLB_* flags that force the slow path, -1 means
 * empty) and what to add to the guest address to get the host address.
 */
typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;
} CPUTLBEntry;

#define CPU_TLB_ENTRY_BITS 5   /* sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS */

/*
 * The part of one MMU index's TLB that the fast path reads: index =
 * (addr >> page_bits) & (mask >> CPU_TLB_ENTRY_BITS), entry = table[index]
 * (page_bits is tcg_page_bits, fixed once the first CPU exists).  An inline
 * fast path for an access of size bytes hits when
 *     (addr & align_mask) == 0  and  ((addr + size - 1) & page_mask) == entry.addr_<kind>
 * (any TLB_* flag or a page crossing makes the compare fail; the alignment
 * is tested apart because the flags use the same low bits) and then uses
 * host = addr + entry.addend; otherwise it calls tcg_helper_ld/st, which
 * handle every case.  TCGContext.tlb_page_bits tells the back end.
 */
typedef struct CPUTLBDescFast {
    uintptr_t mask;                /* (entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

typedef struct CPUNegativeOffsetState {
    CPUTLBDescFast tlb[CPU_TLB_MMU_MODES]; /* soft TLB fast path, system mode */
    int32_t exit_check;            /* non-zero: every TB leaves at its start (TB_EXIT_REQUESTED) */
    int32_t pad;
    CPUState *cpu;                 /* last: env_cpu() reads it just below env */
} __attribute__((aligned(16))) CPUNegativeOffsetState;

/* The offset from env of a field of CPUNegativeOffsetState (negative). */
#define NEG_OFFSET(field) \
    ((intptr_t)offsetof(CPUNegativeOffsetState, field) - (intptr_t)sizeof(CPUNegativeOffsetState))

/* Check a target CPU struct's layout at compile time. */
#define CPU_LAYOUT_CHECK(ArchCPU) \
    _Static_assert(offsetof(ArchCPU, env) == \
                   offsetof(ArchCPU, neg) + sizeof(CPUNegativeOffsetState), \
                   #ArchCPU ": neg must sit right below env"); \
    _Static_assert(offsetof(ArchCPU, parent) == 0, #ArchCPU ": CPUState must come first")

static inline CPUNegativeOffsetState *env_neg(CPUArchState *env)
{
    return (CPUNegativeOffsetState *)((char *)env - sizeof(CPUNegativeOffsetState));
}

static inline CPUState *env_cpu(CPUArchState *env)
{
    return env_neg(env)->cpu;
}

/* ---- the target's hooks -------------------------------------------------- */

struct TCGCPUOps {
    /* bytes of the target's CPUArchState (for sanity checks and clearing) */
    size_t env_size;
    /* log2 of the guest page size (10 .. 16); the same for every CPU of a run */
    unsigned page_bits;
    /* insn_start words the front end records per instruction (1 .. 3) */
    unsigned insn_start_words;
    /* once per process, with tcg_ctx set: register the target's TCG globals */
    void (*initialize)(void);
    /* the front end: fill tcg_ctx with the IR of tb (usually through translator_loop) */
    void (*translate_code)(CPUState *cpu, TranslationBlock *tb, int max_insns);
    /* the state translated code depends on: where to look up the next TB */
    void (*get_tb_cpu_state)(CPUState *cpu, uint64_t *pc, uint64_t *cs_base, uint32_t *flags);
    /* tb was entered but left before its first instruction: set the pc to tb->pc */
    void (*synchronize_from_tb)(CPUState *cpu, const TranslationBlock *tb);
    /* an instruction faulted: set the guest state from its insn_start words */
    void (*restore_state_to_opc)(CPUState *cpu, const TranslationBlock *tb,
                                 const uint64_t *data);
    /* take a pending interrupt if the guest accepts it now; true when state changed */
    bool (*cpu_exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* deliver cpu->exception_index (a guest exception, < EXCP_INTERRUPT) */
    void (*do_interrupt)(CPUState *cpu);
    /* a halted CPU: true when an interrupt would wake it (NULL: never) */
    bool (*has_work)(CPUState *cpu);
    /*
     * translate addr for access by mmu_idx and install it with tlb_set_page;
     * on a guest fault: return false when probe, else raise it (cpu_loop_exit_restore
     * with retaddr).  User mode calls it only to raise faults (e.g. fetch from a
     * non-executable page).
     */
    bool (*tlb_fill)(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                     int mmu_idx, bool probe, uintptr_t retaddr);
    /* the MMU index of the current privilege level, for code fetch or data */
    int (*mmu_index)(CPUState *cpu, bool ifetch);
    /* raise the guest's alignment fault (does not return) */
    void (*do_unaligned_access)(CPUState *cpu, uint64_t addr, MMUAccessType access_type,
                                int mmu_idx, uintptr_t retaddr) __attribute__((noreturn));
    /* EXCP_DEBUG is about to be returned (watchpoint bookkeeping); may be NULL */
    void (*debug_excp_handler)(CPUState *cpu);
    /* -d cpu: print the registers */
    void (*dump_state)(CPUState *cpu, FILE *f);
    /* -d in_asm without capstone for this target: print the instructions at pc; may be NULL */
    void (*disas_log)(CPUState *cpu, uint64_t pc, uint64_t size, FILE *f);
    /* -d in_asm with capstone: its cs_arch and cs_mode (capstone_arch < 0: none) */
    int capstone_arch;
    int capstone_mode;
};

/* ---- the generic CPU ---------------------------------------------------- */

/* A breakpoint set by the debugger (gdbstub) at a guest pc. */
typedef struct CPUBreakpoint {
    uint64_t pc;
    struct CPUBreakpoint *next;
} CPUBreakpoint;

/*
 * A data watchpoint set by the debugger.  System mode checks them in the
 * soft TLB's slow path (pages holding one get TLB_WATCHPOINT); user mode
 * has no TLB and the gdbstub compares values itself.
 */
#define BP_MEM_READ   0x01
#define BP_MEM_WRITE  0x02
#define BP_MEM_ACCESS (BP_MEM_READ | BP_MEM_WRITE)
#define BP_STOP_BEFORE_ACCESS 0x04 /* stop with the instruction not done (else: right after it) */
typedef struct CPUWatchpoint {
    uint64_t vaddr, len;           /* the watched bytes (guest virtual) */
    int flags;                     /* BP_MEM_*: the accesses that hit; BP_STOP_BEFORE_ACCESS */
    int hit_flags;                 /* the kind of the access that hit (BP_MEM_READ or _WRITE) */
    uint64_t hit_addr;             /* first watched byte the access touched */
    struct CPUWatchpoint *next;
} CPUWatchpoint;

/* Counters the loop keeps (tests and benchmarks read them). */
typedef struct CPUExecStats {
    uint64_t tb_execs;             /* times generated code was entered from the loop */
    uint64_t chained;              /* goto_tb jumps patched by this CPU */
    uint64_t translations;         /* TBs this CPU translated */
    uint64_t slow_ldst;            /* tcg_helper_ld/st calls: guest accesses the generated
                                      code did not do inline (all of them under TCI) */
} CPUExecStats;

struct CPUState {
    int cpu_index;                 /* 0 .. n-1, in creation order */
    const TCGCPUOps *tcg_ops;      /* the target's hooks */
    CPUArchState *env_ptr;         /* the target's env (tcg_env in generated code) */
    CPUNegativeOffsetState *neg;   /* just below env_ptr */

    int exception_index;           /* pending exception (EXCP_NONE: none) */
    uint32_t interrupt_request;    /* CPU_INTERRUPT_* bits; atomic, any thread */
    int32_t exit_request;          /* cpu_exit(): return EXCP_INTERRUPT at the next TB boundary */
    bool halted;                   /* waiting for an interrupt */
    bool running;                  /* inside cpu_exec */
    uint32_t singlestep_enabled;   /* SSTEP_* */
    CPUBreakpoint *breakpoints;    /* guest pcs where execution stops with EXCP_DEBUG */
    CPUWatchpoint *watchpoints;    /* data watchpoints (system mode) */
    CPUWatchpoint *watchpoint_hit; /* the one that hit; the debugger clears it at the stop */
    uint32_t cflags_next_tb;       /* cflags forced on the next TB, or -1 */

    sigjmp_buf jmp_env;            /* cpu_loop_exit() lands here, in cpu_exec */
    CPUJumpCache *tb_jmp_cache;    /* pc-indexed cache of recently run TBs */
    CPUTLB *tlb;                   /* soft TLB bookkeeping (system mode; fast part in neg) */
    CPUExecStats stats;
    CPUState *next;                /* list of all CPUs (CPU_FOREACH) */
};

/* Interrupt the CPU with mask (any thread): it notices at the next TB start. */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);
/* Make cpu_exec return EXCP_INTERRUPT soon (any thread). */
void cpu_exit(CPUState *cpu);
/* Breakpoints: TBs covering pc are invalidated so that the check is translated in. */
void cpu_breakpoint_insert(CPUState *cpu, uint64_t pc);
bool cpu_breakpoint_remove(CPUState *cpu, uint64_t pc);
bool cpu_breakpoint_test(CPUState *cpu, uint64_t pc);
/*
 * Watchpoints (system mode, accel/tcg/watchpoint.c): the CPU's TLB is
 * flushed so that the pages get TLB_WATCHPOINT.  An access that hits lets
 * its instruction finish (or, with BP_STOP_BEFORE_ACCESS, undoes it), then
 * the CPU stops with EXCP_DEBUG and watchpoint_hit set.
 */
void cpu_watchpoint_insert(CPUState *cpu, uint64_t addr, uint64_t len, int flags);
bool cpu_watchpoint_remove(CPUState *cpu, uint64_t addr, uint64_t len, int flags);
void cpu_watchpoint_remove_all(CPUState *cpu);
/* The BP_MEM_* kinds watched anywhere in [addr, addr + len) (0: none). */
int cpu_watchpoint_flags_in(CPUState *cpu, uint64_t addr, uint64_t len);
/* SSTEP_* flags from the debugger (0: off); flushes the TBs translated for the other mode. */
void cpu_single_step(CPUState *cpu, uint32_t flags);

/* All registered CPUs. */
extern CPUState *first_cpu;
#define CPU_FOREACH(cpu) for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next)

/* The CPU running on this thread inside cpu_exec, or NULL. */
extern __thread CPUState *current_cpu;

#endif
