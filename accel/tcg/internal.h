/*
 * internal.h — what the files of accel/tcg share and nobody else sees: the
 * execution layer's record around each TB, the code buffer, the TB lock and
 * the exclusive section used for flushes.
 */
#ifndef ACCEL_TCG_INTERNAL_H
#define ACCEL_TCG_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu-exec.h"
#include "exec/translation-block.h"
#include "hw/core/cpu.h"
#include "tcg/tcg-backend.h"

/*
 * A TB as the execution layer keeps it.  The TranslationBlock comes first,
 * so the pointer generated code returns (exit_tb) is also the TBNode's.
 * Nodes live in the code buffer, just before their code, and are freed only
 * by a full flush (done with every vCPU outside generated code), so lock-free
 * readers of the hash never see freed memory.
 */
typedef struct TBNode {
    TranslationBlock tb;
    uint64_t phys_pc;              /* pc as the hash keys it (system: physical) */
    uint64_t page_addr[2];         /* guest pages covered (system: physical), -1: none */
    struct TBNode *page_next[2];   /* next TB on page_addr[n] (tb lock) */
    struct TBNode *hash_next;      /* bucket chain; written with release stores */
    uint32_t hash;
    bool invalid;                  /* atomic: never run or chain to it again */
    /* chaining, under the tb lock */
    struct TBNode *jmp_dest[2];    /* where goto_tb n points now, or NULL */
    uintptr_t jmp_list_head;       /* incoming: (TBNode * | n) of the first jumper */
    uintptr_t jmp_list_next[2];    /* the next jumper after (this, n) */
} TBNode;

static inline TBNode *tb_node(const TranslationBlock *tb)
{
    return (TBNode *)tb;
}

/*
 * The jump cache: recently run TBs by pc, per CPU (written by others only
 * to clear).  An entry carries everything helper_lookup_tb_ptr compares
 * and returns, so a hit reads one 32-byte line and never the TB itself;
 * the TB pointers (for the loop, which chains, and for invalidation, which
 * looks for its TB) sit in a parallel array.  tc_ptr is the entry's valid
 * flag: NULL is empty, it is written last when filling and is what a clear
 * stores.
 *
 * The index takes its high TB_JMP_PAGE_BITS from the page and its low bits
 * from the offset in the page, so all TBs of one page share a range of
 * TB_JMP_ADDR_SIZE slots and a TLB flush of one page clears only that
 * range (and the previous page's, for a TB running into the page).
 */
/* 16384 entries: a Linux boot's goto_ptr targets missed 2% of lookups in 4096, mostly conflicts */
#define TB_JMP_CACHE_BITS 14
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)
#define TB_JMP_PAGE_BITS 6
#define TB_JMP_ADDR_BITS (TB_JMP_CACHE_BITS - TB_JMP_PAGE_BITS)
#define TB_JMP_ADDR_SIZE (1u << TB_JMP_ADDR_BITS)

typedef struct CPUJumpEntry {
    const void *tc_ptr;            /* atomic: the TB's code, NULL when empty */
    uint64_t pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;               /* the TB's cflags & CF_HASH_MASK | the generation's gen_bits */
} CPUJumpEntry;

/*
 * Emptying the whole cache (every full TLB flush) starts a new generation
 * instead of writing every slot: an entry matches only if its cflags word
 * carries the current gen_bits, which sit above CF_HASH_MASK.  When the
 * 16-bit generation wraps, the slots are really emptied.
 */
#define TB_JMP_GEN_SHIFT 16
_Static_assert(CF_HASH_MASK < (1u << TB_JMP_GEN_SHIFT), "cflags and generation overlap");

struct CPUJumpCache {
    uint32_t gen_bits;                                 /* generation << TB_JMP_GEN_SHIFT */
    _Alignas(64) CPUJumpEntry entry[TB_JMP_CACHE_SIZE];   /* one line per lookup */
    TBNode *tb[TB_JMP_CACHE_SIZE];                     /* atomic: entry[i]'s TB */
};

/* The first slot of the range that holds the TBs of the page containing pc. */
static inline unsigned tb_jmp_cache_page_slot(uint64_t pc)
{
    uint64_t page = pc >> tcg_page_bits;
    return (unsigned)((page ^ (page >> TB_JMP_PAGE_BITS)) & ((1u << TB_JMP_PAGE_BITS) - 1))
           << TB_JMP_ADDR_BITS;
}

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    uint64_t off = pc & ((1ull << tcg_page_bits) - 1);
    return tb_jmp_cache_page_slot(pc) | (unsigned)((off ^ (off >> TB_JMP_ADDR_BITS)) &
                                                   (TB_JMP_ADDR_SIZE - 1));
}

/* Allocate a CPU's jump cache (empty) and free it. */
CPUJumpCache *tb_jmp_cache_new(void);
void tb_jmp_cache_free(CPUJumpCache *jc);
/* Put n in its slot of cpu's cache (the CPU's own thread). */
void tb_jmp_cache_set(CPUState *cpu, TBNode *n);
/* Empty every slot of cpu's cache (its thread, or while it is stopped). */
void tb_jmp_cache_clear(CPUState *cpu);
/*
 * Empty the slots that may hold TBs whose code lies on the page containing
 * addr: its range and the previous page's (TBs crossing into it).
 */
void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t addr);

/* ---- code buffer (code-buffer.c) ---------------------------------------- */

/* Map size bytes (RWX, or RW + RX views when the host refuses RWX or force_split). */
bool tcg_region_init(size_t size, bool force_split, Error **errp);
/* Run the back end's prologue at the start and make everything after it free. */
void tcg_region_reset(const TCGBackend *be);
/* The start of the RX view. */
uintptr_t tcg_region_rx_start(void);
/* Current free area: RX address (where code runs) and bytes left. */
void *tcg_region_ptr(void);
size_t tcg_region_left(void);
/* Mark n bytes from tcg_region_ptr() used (aligned up to align). */
void tcg_region_commit(size_t n);
/* Align the free pointer to align bytes; false when full. */
bool tcg_region_align(size_t align);
/* RX address + this = the writable address of the same byte (0 without split). */
ptrdiff_t tcg_region_rw_offset(void);
bool tcg_region_contains(uintptr_t rx);
size_t tcg_region_used(void);
size_t tcg_region_size(void);
bool tcg_region_split(void);

/* ---- TB maintenance (tb-maint.c) ---------------------------------------- */

extern pthread_mutex_t tb_lock;
/* Set while this thread holds tb_lock (released if a fault longjmps out). */
extern __thread bool tb_lock_held;
void tb_lock_acquire(void);
void tb_lock_release(void);

/*
 * Lock-free lookup in the global hash (NULL: not translated).  A TB that
 * runs into the next page matches only while cpu maps that page to the
 * physical page it was translated from.
 */
TBNode *tb_htable_lookup(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint64_t cs_base,
                         uint32_t flags, uint32_t cflags);
/* Translate a TB (tb lock held): NULL when the code buffer is full. */
TBNode *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                    uint32_t cflags);
/* Patch goto_tb n of from to jump to to (tb lock taken inside). */
void tb_add_jump(TBNode *from, int n, TBNode *to);
/* The TB whose code contains host pc rx, or NULL. */
TBNode *tb_find_by_host_pc(uintptr_t rx);
/* The flush itself; callers hold the exclusive section. */
void tb_flush_locked(void);
/* Number of flushes so far (to notice another thread did it first). */
unsigned tb_flush_count(void);
/* Invalidate one TB (tb lock held). */
void tb_invalidate_locked(TBNode *node);

/* The translation context (one, used under tb_lock) and back end. */
extern TCGContext *tcg_exec_ctx;
extern const TCGBackend *tcg_exec_backend;

/* ---- exclusive section (cpu-exec.c) ------------------------------------- */

/*
 * vCPUs hold the exec lock for reading while in cpu_exec; a flush takes it
 * for writing, after asking every CPU to leave generated code.
 */
void exec_exclusive_start(CPUState *self);
void exec_exclusive_end(CPUState *self);

/*
 * The address of code at pc as the hash and page lists key it (system mode:
 * physical, user mode: pc).  Without probe a fetch fault is raised (it
 * leaves through cpu_loop_exit); with probe it returns false instead.
 */
bool tb_code_phys(CPUState *cpu, uint64_t pc, bool probe, uint64_t *phys);

/* ---- soft TLB (cputlb.c) ------------------------------------------------ */

void tlb_init(CPUState *cpu);
/* user-exec.c: the page-flags lock, taken and dropped around a fork */
void page_fork_lock(void);
void page_fork_unlock(void);
/*
 * An access of kind (BP_MEM_READ/WRITE) to a page with TLB_WATCHPOINT
 * (watchpoint.c): returns when no watchpoint hits or the access may go on;
 * otherwise rolls back to the instruction (ra) and leaves the loop.
 */
void cpu_watchpoint_check(CPUState *cpu, uint64_t addr, uint64_t len, int kind, uintptr_t ra);
void tlb_destroy(CPUState *cpu);
/* A TB was translated from physical page paddr: make writes to it take the slow path. */
void tlb_protect_code(uint64_t paddr);
/* System mode part of tb_code_phys(). */
bool tlb_code_phys(CPUState *cpu, uint64_t pc, bool probe, uint64_t *phys);

/* The system-mode accesses (cpu_ld/st_mmu in system mode). */
uint64_t tlb_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                    uintptr_t ra);
void tlb_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra);

/* ---- user mode (user-exec.c) --------------------------------------------- */

uint64_t user_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                     uintptr_t ra);
void user_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra);

/* ---- -d in_asm (disas.c) ------------------------------------------------- */

void tb_log_in_asm(CPUState *cpu, const TranslationBlock *tb);

/* ---- log items ---------------------------------------------------------- */

extern int log_exec, log_cpu, log_nochain, log_in_asm;

#endif
