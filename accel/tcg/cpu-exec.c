/*
 * cpu-exec.c — the execution loop: find (or translate) the TB for the
 * current CPU state, chain it to the previous one, run it, and deal with
 * what made it stop — exceptions (delivered through the target's
 * do_interrupt), interrupts, exit requests, single-step and breakpoints.
 *
 *   cpu_exec ── sigsetjmp ◄──────────── cpu_loop_exit*() from helpers / TLB fills
 *      │
 *      └─ loop: exception? → do_interrupt / return
 *               interrupt? → cpu_exec_interrupt
 *               tb = jump cache → hash → tb_gen_code (flush when full)
 *               tb_add_jump(last_tb, exit, tb)            direct chaining
 *               exit = backend->exec(env, tb->tc_ptr)     (tb | index), or 0
 *
 * Generated code checks neg.exit_check at the start of every TB (emitted by
 * translator_loop), so interrupts, cpu_exit() and flush requests reach even
 * a CPU spinning in a chained loop.
 *
 * Exclusive section: vCPU threads hold exec_lock for reading while inside
 * cpu_exec; a thread that must flush the code buffer raises exit_check on
 * every CPU, drops its own read lock and takes the lock for writing (a
 * writer-preferring rwlock, so the other CPUs block at their next yield
 * point, which is every return from generated code with exit_check seen).
 */
#include "internal.h"
#include "exec/cputlb.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "util/error.h"
#include "util/log.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include <glib.h>

LOG_ITEM(log_exec, "exec", "show the guest pc of each TB entered from the loop");
LOG_ITEM(log_cpu, "cpu", "show the CPU registers before each TB entered from the loop");
LOG_ITEM(log_nochain, "nochain", "do not chain TBs (so that -d exec sees every TB)");
LOG_ITEM(log_in_asm, "in_asm", "show the guest instructions of each translated TB");

CPUState *first_cpu;
__thread CPUState *current_cpu;
unsigned tcg_page_bits;

static bool exec_softmmu;
static bool exec_initialised;
static pthread_rwlock_t exec_lock;
/* Non-zero while some thread waits for the exclusive section. */
static int exclusive_pending;

/* ---- start-up ------------------------------------------------------------ */

bool tcg_exec_init(size_t tb_size_mb, bool softmmu, Error **errp)
{
    if (tb_size_mb == 0) {
        tb_size_mb = TCG_DEFAULT_TB_SIZE_MB;
    }
    if (tb_size_mb > 2048) {
        error_setg(errp, "tb-size=%zu: at most 2048 MiB", tb_size_mb);
        return false;
    }
    return tcg_exec_init_bytes(tb_size_mb << 20, softmmu, errp);
}

/*
 * fork() copies only the calling thread: a lock another thread held at that
 * moment would stay held in the child forever (a user-mode guest forking
 * while a second thread translates).  So the execution layer's locks are
 * taken before the fork, in lock order (tb_lock, then the page-flags lock),
 * and dropped on both sides.  Locks taken before these (linux-user's mmap
 * lock) must register their handlers later, as pthread_atfork runs the
 * prepare handlers last-registered first.  The child is single-threaded:
 * the readers other threads held on exec_lock are gone with them, so it
 * gets a fresh one.
 */
static void fork_prepare(void)
{
    tb_lock_acquire();
    page_fork_lock();
}

static void fork_parent(void)
{
    page_fork_unlock();
    tb_lock_release();
}

static void exec_lock_init(void)
{
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&exec_lock, &attr);
    pthread_rwlockattr_destroy(&attr);
}

static void fork_child(void)
{
    page_fork_unlock();
    tb_lock_release();
    exclusive_pending = 0;
    exec_lock_init();
}

bool tcg_exec_init_bytes(size_t bytes, bool softmmu, Error **errp)
{
    if (exec_initialised) {
        error_setg(errp, "the TCG accelerator is already initialised");
        return false;
    }
    TCGContext *s = tcg_context_new(errp);
    if (!s) {
        return false;
    }
    /* EMU_TCG_SPLIT_WX=1 forces the two-view mapping (to test it on hosts allowing RWX) */
    if (!tcg_region_init(bytes, getenv("EMU_TCG_SPLIT_WX") != NULL, errp)) {
        tcg_context_free(s);
        return false;
    }
    tcg_exec_ctx = s;
    tcg_exec_backend = s->backend;
    tcg_region_reset(tcg_exec_backend);
    exec_softmmu = softmmu;
    exec_lock_init();
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    exec_initialised = true;
    return true;
}

bool tcg_exec_is_softmmu(void)
{
    return exec_softmmu;
}

void tcg_cpu_init(CPUState *cpu, const TCGCPUOps *ops, CPUArchState *env)
{
    static const TCGCPUOps *initialised[16];
    static int nb_initialised;

    assert(exec_initialised);
    assert(ops->page_bits >= 10 && ops->page_bits <= 16);
    assert(!tcg_page_bits || tcg_page_bits == ops->page_bits);
    tcg_page_bits = ops->page_bits;

    cpu->tcg_ops = ops;
    cpu->env_ptr = env;
    cpu->neg = env_neg(env);
    cpu->neg->cpu = cpu;
    cpu->exception_index = EXCP_NONE;
    cpu->cflags_next_tb = -1;
    cpu->tb_jmp_cache = tb_jmp_cache_new();

    tb_lock_acquire();
    bool seen = false;
    for (int i = 0; i < nb_initialised; i++) {
        seen |= initialised[i] == ops;
    }
    if (!seen) {
        assert(nb_initialised < (int)G_N_ELEMENTS(initialised));
        initialised[nb_initialised++] = ops;
        tcg_context_set_current(tcg_exec_ctx);
        if (ops->initialize) {
            ops->initialize();
        }
    }
    int n = 0;
    CPUState **p = &first_cpu;
    for (; *p; p = &(*p)->next) {
        n++;
    }
    cpu->cpu_index = n;
    cpu->next = NULL;
    *p = cpu;
    tb_lock_release();
    if (exec_softmmu) {
        tlb_init(cpu);
    }
}

void tcg_cpu_destroy(CPUState *cpu)
{
    tb_lock_acquire();
    for (CPUState **p = &first_cpu; *p; p = &(*p)->next) {
        if (*p == cpu) {
            *p = cpu->next;
            break;
        }
    }
    tb_lock_release();
    if (cpu->tlb) {
        tlb_destroy(cpu);
    }
    tb_jmp_cache_free(cpu->tb_jmp_cache);
    cpu->tb_jmp_cache = NULL;
    while (cpu->breakpoints) {
        CPUBreakpoint *bp = cpu->breakpoints;
        cpu->breakpoints = bp->next;
        g_free(bp);
    }
}

bool tb_code_phys(CPUState *cpu, uint64_t pc, bool probe, uint64_t *phys)
{
    if (!exec_softmmu) {
        /*
         * A lookup needs no check: TBs exist only on executable pages and
         * leave when the page changes (page_set_flags).
         */
        int f = probe ? PAGE_EXEC : page_get_flags(pc);
        if (!(f & PAGE_EXEC)) {
            if (probe) {
                return false;
            }
            if (cpu->tcg_ops->tlb_fill) {
                /* the target turns this into its guest fault and leaves */
                cpu->tcg_ops->tlb_fill(cpu, pc, 1, MMU_INST_FETCH, 0, false, 0);
            }
        }
        *phys = pc;
        return true;
    }
    return tlb_code_phys(cpu, pc, probe, phys);
}

/* ---- requests from other threads ----------------------------------------- */

static void (*kick_hook)(CPUState *cpu);

void cpu_exec_set_kick_hook(void (*hook)(CPUState *cpu))
{
    kick_hook = hook;
}

static void cpu_kick(CPUState *cpu)
{
    __atomic_store_n(&cpu->neg->exit_check, 1, __ATOMIC_SEQ_CST);
    if (kick_hook) {
        kick_hook(cpu);
    }
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_or(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    cpu_kick(cpu);
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_SEQ_CST);
    cpu_kick(cpu);
}

/* ---- exclusive section --------------------------------------------------- */

void exec_exclusive_start(CPUState *self)
{
    __atomic_fetch_add(&exclusive_pending, 1, __ATOMIC_SEQ_CST);
    CPU_FOREACH(cpu) {
        if (cpu != self) {
            cpu_kick(cpu);
        }
    }
    if (self && self->running) {
        pthread_rwlock_unlock(&exec_lock);
    }
    pthread_rwlock_wrlock(&exec_lock);
}

void exec_exclusive_end(CPUState *self)
{
    __atomic_fetch_sub(&exclusive_pending, 1, __ATOMIC_SEQ_CST);
    pthread_rwlock_unlock(&exec_lock);
    if (self && self->running) {
        pthread_rwlock_rdlock(&exec_lock);
    }
}

/* Let a waiting flush in (called between TBs). */
static void exec_yield(void)
{
    if (__atomic_load_n(&exclusive_pending, __ATOMIC_SEQ_CST)) {
        pthread_rwlock_unlock(&exec_lock);
        pthread_rwlock_rdlock(&exec_lock);
    }
}

void tb_flush(CPUState *cpu)
{
    unsigned seen = tb_flush_count();
    if (cpu == NULL) {
        cpu = current_cpu;
    }
    exec_exclusive_start(cpu);
    if (tb_flush_count() == seen) {   /* nobody flushed while we waited */
        tb_lock_acquire();
        tb_flush_locked();
        tb_lock_release();
    }
    exec_exclusive_end(cpu);
}

/* ---- breakpoints and single-step ---------------------------------------- */

static void tb_invalidate_pc(uint64_t pc)
{
    /*
     * The breakpoint check is translated into TBs: retranslate the ones at
     * pc.  System mode knows TBs by physical address only, and breakpoints
     * change rarely: flush everything there.
     */
    if (exec_softmmu) {
        tb_flush(NULL);
    } else {
        tb_invalidate_phys_range(pc, pc + 1);
    }
}

void cpu_breakpoint_insert(CPUState *cpu, uint64_t pc)
{
    CPUBreakpoint *bp = g_new0(CPUBreakpoint, 1);
    bp->pc = pc;
    bp->next = cpu->breakpoints;
    cpu->breakpoints = bp;
    tb_invalidate_pc(pc);
}

bool cpu_breakpoint_remove(CPUState *cpu, uint64_t pc)
{
    for (CPUBreakpoint **p = &cpu->breakpoints; *p; p = &(*p)->next) {
        if ((*p)->pc == pc) {
            CPUBreakpoint *bp = *p;
            *p = bp->next;
            g_free(bp);
            tb_invalidate_pc(pc);
            return true;
        }
    }
    return false;
}

bool cpu_breakpoint_test(CPUState *cpu, uint64_t pc)
{
    for (CPUBreakpoint *bp = cpu->breakpoints; bp; bp = bp->next) {
        if (bp->pc == pc) {
            return true;
        }
    }
    return false;
}

void cpu_single_step(CPUState *cpu, uint32_t flags)
{
    /* single-step TBs are keyed by their cflags: no flush needed */
    cpu->singlestep_enabled = flags;
}

/* ---- -icount: an exact instruction budget ---------------------------------- */

/*
 * With a budget (cpu_exec_set_icount_budget) every TB returns to the loop
 * (no chaining, no goto_ptr), so the loop sees each TB end and adds its
 * instruction count; a TB longer than what is left of the budget is
 * retranslated, uncached, with exactly that many instructions, and
 * cpu_exec returns EXCP_INTERRUPT once the budget is spent.  The caller
 * sets the budget to the instructions left until the next timer deadline,
 * so timers fire at the exact instruction.
 *
 * A TB left by a fault counts the instructions before the faulting one
 * (cpu_restore_state finds its index); left by a helper's cpu_loop_exit
 * without a restore, it counts whole (such helpers end their TB).
 *
 * I/O: a device access (TLB_MMIO) must be the last instruction of its TB,
 * so that the virtual clock the device reads is exact and a timer it arms
 * is seen before more guest code runs.  An access elsewhere in a TB
 * restarts from that instruction in a one-instruction TB (before the
 * access happens), and cpu_exec returns after any TB that did I/O so that
 * the caller recomputes the budget.
 *
 * The state is per host thread: the vCPU thread sets it, runs cpu_exec,
 * and reads the count back.
 */
static __thread struct {
    bool on;
    int64_t left;                  /* instructions the loop may still start */
    int64_t executed;              /* instructions completed in this cpu_exec */
    const TranslationBlock *tb;    /* the TB running now, NULL outside generated code */
    int partial;                   /* its instructions before a restored one, -1: none */
    int io_index;                  /* during an access: the instruction's index in tb */
    bool io_done;                  /* the running TB did I/O */
    bool spent;                    /* cpu_exec returned because the budget was used up */
} icount;

void cpu_exec_set_icount_budget(int64_t budget)
{
    icount.on = budget >= 0;
    icount.left = budget;
    icount.executed = 0;
    icount.tb = NULL;
    icount.io_done = false;
    icount.spent = false;
}

bool cpu_exec_icount_spent(void)
{
    return icount.spent;
}

int64_t cpu_exec_icount_executed(void)
{
    return icount.executed;
}

int64_t cpu_exec_icount_inflight(void)
{
    return icount.on && icount.tb ? icount.executed + icount.io_index : icount.executed;
}

/*
 * The index of the instruction at host pc retaddr in tb.  tb_insn_data
 * reads only the first tb->icount records, so the smallest count that still
 * finds retaddr is the index + 1.
 */
static int tb_insn_index(const TranslationBlock *tb, uintptr_t retaddr)
{
    TranslationBlock t = *tb;
    uint64_t data[TCG_INSN_START_WORDS];
    int lo = 1, hi = tb->icount;
    while (lo < hi) {
        t.icount = lo + (hi - lo) / 2;
        if (tb_insn_data(&t, retaddr, data)) {
            hi = t.icount;
        } else {
            lo = t.icount + 1;
        }
    }
    return lo - 1;
}

/* The running TB ended after n of its instructions. */
static void icount_tb_done(int n)
{
    icount.executed += n;
    icount.left -= n;
    if (icount.io_done) {
        icount.left = 0;           /* the caller recomputes the deadline */
        icount.io_done = false;
    }
    icount.tb = NULL;
    icount.io_index = 0;
}

void cpu_icount_io_begin(CPUState *cpu, uintptr_t ra)
{
    if (!icount.on || !icount.tb || !ra) {
        return;
    }
    TBNode *cur = tb_find_by_host_pc(ra);
    if (!cur || &cur->tb != icount.tb) {
        return;
    }
    int idx = tb_insn_index(&cur->tb, ra);
    if (idx < cur->tb.icount - 1) {
        cpu_restore_state(cpu, ra);
        cpu->cflags_next_tb = 1 | CF_NOCACHE;
        cpu_loop_exit_noexc(cpu);
    }
    icount.io_index = idx;
    icount.io_done = true;
}

/* ---- leaving generated code ---------------------------------------------- */

uintptr_t tcg_helper_getpc(uintptr_t return_address)
{
    return tcg_region_contains(return_address) ? return_address : tcg_tci_retaddr;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    if (!retaddr) {
        return false;
    }
    TBNode *n = tb_find_by_host_pc(retaddr);
    uint64_t data[TCG_INSN_START_WORDS];
    if (!n || !tb_insn_data(&n->tb, retaddr, data)) {
        return false;
    }
    cpu->tcg_ops->restore_state_to_opc(cpu, &n->tb, data);
    if (icount.on && &n->tb == icount.tb) {
        icount.partial = tb_insn_index(&n->tb, retaddr);
    }
    return true;
}

void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    cpu_restore_state(cpu, retaddr);
    cpu_loop_exit(cpu);
}

void cpu_loop_exit_noexc(CPUState *cpu)
{
    cpu->exception_index = EXCP_NONE;
    cpu_loop_exit(cpu);
}

/* ---- lookup --------------------------------------------------------------- */

/* 0 unless single-stepping or a -d item is on (helper_lookup_tb_ptr relies on it). */
static uint32_t curr_cflags(CPUState *cpu)
{
    uint32_t cflags = 0;
    if (cpu->singlestep_enabled) {
        cflags |= CF_SINGLE_STEP | CF_NO_GOTO_TB | CF_NO_GOTO_PTR | 1;
    }
    if (log_enabled(log_nochain)) {
        cflags |= CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
    }
    return cflags;
}

/*
 * The jump cache's entry for this state, or NULL: the hot path of every
 * indirect jump (helper_lookup_tb_ptr), kept inline and free of calls so
 * that the helper needs no stack frame of its own in the common case.  It
 * reads the entry only, not the TB (an invalidated TB's entries are
 * cleared, see tb_jmp_cache_set).
 */
static inline const void *tb_jmp_cache_get(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                                           uint32_t flags, uint32_t cflags, unsigned *slot)
{
    unsigned h = tb_jmp_cache_hash(pc);
    const CPUJumpCache *jc = cpu->tb_jmp_cache;
    const CPUJumpEntry *e = &jc->entry[h];
    const void *tc = __atomic_load_n(&e->tc_ptr, __ATOMIC_ACQUIRE);

    *slot = h;
    if (tc && e->pc == pc && e->cs_base == cs_base && e->flags == flags &&
        e->cflags == ((cflags & CF_HASH_MASK) | jc->gen_bits)) {
        return tc;
    }
    return NULL;
}

/* A jump cache miss: the global hash table, and the cache refilled from it. */
static __attribute__((noinline)) TBNode *tb_lookup_slow(CPUState *cpu, uint64_t pc,
                                                        uint64_t cs_base, uint32_t flags,
                                                        uint32_t cflags)
{
    uint64_t phys;
    if (!tb_code_phys(cpu, pc, true, &phys)) {
        return NULL;
    }
    TBNode *n = tb_htable_lookup(cpu, pc, phys, cs_base, flags, cflags);
    if (n) {
        tb_jmp_cache_set(cpu, n);
    }
    return n;
}

static inline TBNode *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                                uint32_t cflags)
{
    unsigned h;
    if (tb_jmp_cache_get(cpu, pc, cs_base, flags, cflags, &h)) {
        /* filled (by this thread) before tc_ptr, never cleared */
        return __atomic_load_n(&cpu->tb_jmp_cache->tb[h], __ATOMIC_RELAXED);
    }
    return tb_lookup_slow(cpu, pc, cs_base, flags, cflags);
}

/* The registered TB-state layout and the ops whose CPUs use it (NULL: none). */
static const TCGCPUOps *tb_state_ops;
static TBStateLayout tb_state_layout;

void tcg_set_tb_state_layout(const TCGCPUOps *ops, const TBStateLayout *layout)
{
    tb_state_layout = *layout;
    tb_state_ops = ops;
}

/* get_tb_cpu_state through the registered layout: three loads, no call. */
static inline void tb_state_inline(CPUArchState *env, uint64_t *pc, uint64_t *cs_base,
                                   uint32_t *flags)
{
    const char *p = (const char *)env;
    uint64_t base, v;
    memcpy(&base, p + tb_state_layout.cs_base, sizeof(base));
    memcpy(&v, p + tb_state_layout.pc, sizeof(v));
    memcpy(flags, p + tb_state_layout.flags, sizeof(*flags));
    *cs_base = base;
    *pc = tb_state_layout.pc_adds_cs_base ? base + v : v;
}

/*
 * helper_lookup_tb_ptr's paths other than a jump cache hit with the
 * registered layout: single-step or -d items, a target without a layout,
 * a miss.  Apart, so that the hit path (~85 million per Linux boot) is a
 * leaf that ends in tail calls and saves no registers.
 */
static __attribute__((noinline)) const void *lookup_tb_ptr_full(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    uint64_t pc, cs_base;
    uint32_t flags, cflags = 0;
    bool rare = cpu->singlestep_enabled || log_mask;

    if (rare) {
        cflags = curr_cflags(cpu);
        if (cflags & CF_NO_GOTO_PTR) {
            return NULL;
        }
    }
    if (cpu->tcg_ops == tb_state_ops) {
        tb_state_inline(env, &pc, &cs_base, &flags);
    } else {
        cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    }
    unsigned h;
    const void *tc = tb_jmp_cache_get(cpu, pc, cs_base, flags, cflags, &h);
    if (!tc) {
        TBNode *n = tb_lookup_slow(cpu, pc, cs_base, flags, cflags);
        if (!n) {
            return NULL;
        }
        tc = n->tb.tc_ptr;
    }
    if (rare && log_enabled(log_exec)) {
        log_printf("Trace %d: %p [%016" PRIx64 "/%016" PRIx64 "/%08x] (goto_ptr)\n",
                   cpu->cpu_index, tc, pc, cs_base, flags);
    }
    return tc;
}

const void *helper_lookup_tb_ptr(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    uint64_t pc, cs_base;
    uint32_t flags;
    unsigned h;

    /* single-step and -d items are rare: one test keeps their checks off the hot path */
    if (__builtin_expect(cpu->singlestep_enabled || log_mask || cpu->tcg_ops != tb_state_ops,
                         0)) {
        return lookup_tb_ptr_full(env);
    }
    tb_state_inline(env, &pc, &cs_base, &flags);
    const void *tc = tb_jmp_cache_get(cpu, pc, cs_base, flags, 0, &h);
    return __builtin_expect(tc != NULL, 1) ? tc : lookup_tb_ptr_full(env);
}

const TCGHelperInfo tcg_helper_info_lookup_tb_ptr = {
    .func = (void *)helper_lookup_tb_ptr,
    .name = "lookup_tb_ptr",
    .flags = TCG_CALL_NO_WG,   /* reads the pc and flags from env */
    .ret = TCG_CALL_TYPE_PTR,
    .nargs = 1,
    .args = { TCG_CALL_TYPE_PTR },
};

/* Find or translate the TB; flushes and retries when the buffer is full. */
static TBNode *tb_find(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                       uint32_t cflags)
{
    TBNode *n = cflags & CF_NOCACHE ? NULL : tb_lookup(cpu, pc, cs_base, flags, cflags);
    if (n) {
        return n;
    }
    for (;;) {
        unsigned flushes = tb_flush_count();
        tb_lock_acquire();
        uint64_t phys;
        tb_code_phys(cpu, pc, false, &phys);
        n = cflags & CF_NOCACHE ? NULL : tb_htable_lookup(cpu, pc, phys, cs_base, flags, cflags);
        if (!n) {
            n = tb_gen_code(cpu, pc, cs_base, flags, cflags);
        }
        tb_lock_release();
        if (n) {
            break;
        }
        if (tb_flush_count() == flushes) {
            tb_flush(cpu);
        }
    }
    if (!(cflags & CF_NOCACHE)) {
        tb_jmp_cache_set(cpu, n);
    }
    return n;
}

/* ---- the loop ------------------------------------------------------------- */

/* True when the loop must return *ret or deliver an exception first. */
static bool cpu_handle_exception(CPUState *cpu, int *ret)
{
    if (cpu->exception_index < 0) {
        return false;
    }
    if (cpu->exception_index >= EXCP_INTERRUPT) {
        *ret = cpu->exception_index;
        if (*ret == EXCP_DEBUG && cpu->tcg_ops->debug_excp_handler) {
            cpu->tcg_ops->debug_excp_handler(cpu);
        }
        cpu->exception_index = EXCP_NONE;
        return true;
    }
    cpu->tcg_ops->do_interrupt(cpu);
    cpu->exception_index = EXCP_NONE;
    if (cpu->singlestep_enabled) {
        /* the step ends at the first instruction of the handler */
        *ret = EXCP_DEBUG;
        return true;
    }
    return false;
}

/* True when the inner loop must stop (an exception to handle, or a return). */
static bool cpu_handle_interrupt(CPUState *cpu, TBNode **last_tb)
{
    /* clear first: a request arriving after this point sets it again */
    __atomic_store_n(&cpu->neg->exit_check, 0, __ATOMIC_SEQ_CST);
    exec_yield();

    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);
    if (req && !(cpu->singlestep_enabled & SSTEP_NOIRQ)) {
        if (req & CPU_INTERRUPT_DEBUG) {
            cpu_reset_interrupt(cpu, CPU_INTERRUPT_DEBUG);
            cpu->exception_index = EXCP_DEBUG;
            return true;
        }
        if (req & CPU_INTERRUPT_HALT) {
            cpu_reset_interrupt(cpu, CPU_INTERRUPT_HALT);
            cpu->halted = true;
            cpu->exception_index = EXCP_HLT;
            return true;
        }
        if (req & CPU_INTERRUPT_EXITTB) {
            cpu_reset_interrupt(cpu, CPU_INTERRUPT_EXITTB);
            *last_tb = NULL;
        }
        if (cpu->tcg_ops->cpu_exec_interrupt &&
            cpu->tcg_ops->cpu_exec_interrupt(cpu, req & ~CPU_INTERRUPT_EXITTB)) {
            *last_tb = NULL;       /* the pc changed: do not chain to the old path */
        }
        if (cpu->exception_index >= 0) {
            return true;
        }
    }
    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_SEQ_CST)) {
        __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST);
        if (cpu->exception_index < 0) {
            cpu->exception_index = EXCP_INTERRUPT;
        }
        return true;
    }
    return false;
}

static void cpu_tb_exec(CPUState *cpu, TBNode *n, TBNode **last_tb, int *tb_exit)
{
    if (log_enabled(log_cpu) && cpu->tcg_ops->dump_state) {
        log_lock();
        cpu->tcg_ops->dump_state(cpu, log_file());
        log_unlock();
    }
    if (log_enabled(log_exec)) {
        log_printf("Trace %d: %p [%016" PRIx64 "/%016" PRIx64 "/%08x]\n", cpu->cpu_index,
                   n->tb.tc_ptr, n->tb.pc, n->tb.cs_base, n->tb.flags);
    }
    cpu->stats.tb_execs++;
    if (icount.on) {
        icount.tb = &n->tb;
        icount.partial = -1;
        icount.io_index = 0;
    }
    uintptr_t ret = tcg_exec_backend->exec(cpu->env_ptr, n->tb.tc_ptr);
    TBNode *last = (TBNode *)(ret & ~(uintptr_t)3);
    int idx = ret & 3;

    if (icount.on) {
        /* nothing is chained: the TB that returned is n, whole or not started */
        icount_tb_done(idx == TB_EXIT_REQUESTED ? 0 : n->tb.icount);
    }
    if (idx == TB_EXIT_REQUESTED) {
        /* left at its start: nothing of it ran, the pc must say so */
        if (cpu->tcg_ops->synchronize_from_tb) {
            cpu->tcg_ops->synchronize_from_tb(cpu, &last->tb);
        }
        *last_tb = NULL;
        return;
    }
    *last_tb = last;
    *tb_exit = idx;
}

static int cpu_exec_loop(CPUState *cpu)
{
    const TCGCPUOps *ops = cpu->tcg_ops;
    TBNode *last_tb = NULL;
    unsigned last_gen = 0;         /* flush count when last_tb was current */
    int tb_exit = 0;
    int ret = 0;

    while (!cpu_handle_exception(cpu, &ret)) {
        while (!cpu_handle_interrupt(cpu, &last_tb)) {
            uint64_t pc, cs_base;
            uint32_t flags, cflags = cpu->cflags_next_tb;

            if (icount.on && icount.left <= 0) {
                icount.spent = true;
                cpu->exception_index = EXCP_INTERRUPT;
                break;
            }
            ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
            if (ops == tb_state_ops) {
                /* what helper_lookup_tb_ptr reads instead must be the same */
                uint64_t pc2, cs_base2;
                uint32_t flags2;
                tb_state_inline(cpu->env_ptr, &pc2, &cs_base2, &flags2);
                assert(pc2 == pc && cs_base2 == cs_base && flags2 == flags);
            }
            if (cflags == (uint32_t)-1) {
                cflags = curr_cflags(cpu);
            } else {
                cpu->cflags_next_tb = -1;
            }
            if (icount.on) {
                cflags |= CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
            }
            TBNode *n = tb_find(cpu, pc, cs_base, flags, cflags);
            if (icount.on && n->tb.icount > icount.left) {
                /* only what is left of the budget, in a TB of its own */
                cflags = (cflags & ~CF_COUNT_MASK) | CF_NOCACHE | (uint32_t)icount.left;
                n = tb_find(cpu, pc, cs_base, flags, cflags);
            }
            /* a flush (ours in tb_find, or another CPU's at a yield) freed last_tb */
            if (last_tb && tb_flush_count() != last_gen) {
                last_tb = NULL;
            }
            if (last_tb && !(cflags & (CF_NO_GOTO_TB | CF_NOCACHE)) && tb_exit < 2) {
                uint64_t before = last_tb->jmp_dest[tb_exit] ? 1 : 0;
                tb_add_jump(last_tb, tb_exit, n);
                cpu->stats.chained += (last_tb->jmp_dest[tb_exit] ? 1 : 0) - before;
            }
            cpu_tb_exec(cpu, n, &last_tb, &tb_exit);
            last_gen = tb_flush_count();
            if (cflags & CF_SINGLE_STEP) {
                cpu->exception_index = EXCP_DEBUG;
                break;
            }
        }
    }
    return ret;
}

/* After a siglongjmp out of generated code or a helper: undo what it skipped. */
static void cpu_exec_longjmp_cleanup(CPUState *cpu)
{
    if (tb_lock_held) {
        tb_lock_release();
    }
    if (icount.on && icount.tb) {
        icount_tb_done(icount.partial >= 0 ? icount.partial : icount.tb->icount);
    }
    current_cpu = cpu;
}

int cpu_exec(CPUState *cpu)
{
    int ret;

    if (cpu->halted) {
        if (!cpu->tcg_ops->has_work || !cpu->tcg_ops->has_work(cpu)) {
            return EXCP_HALTED;
        }
        cpu->halted = false;
    }
    pthread_rwlock_rdlock(&exec_lock);
    cpu->running = true;
    current_cpu = cpu;

    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        cpu = current_cpu;
        cpu_exec_longjmp_cleanup(cpu);
    }
    ret = cpu_exec_loop(current_cpu);

    cpu = current_cpu;
    cpu->running = false;
    current_cpu = NULL;
    pthread_rwlock_unlock(&exec_lock);
    return ret;
}
