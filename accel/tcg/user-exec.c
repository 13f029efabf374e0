/*
 * user-exec.c — user mode: the page-flags table of the guest address space,
 * the write protection of pages holding translated code (self-modifying
 * code detection), and guest memory access from C helpers (host address =
 * guest_base + guest address).
 *
 * The table maps guest page numbers to PAGE_* flags (a GHashTable under
 * page_lock: lookups are off the hot path — TB lookups do not need it).
 *
 * SMC: when the first TB lands on a page that the guest may write, the
 * host pages under it become read-only and the guest page loses PAGE_WRITE
 * (keeping PAGE_WRITE_ORG).  A guest store there faults; linux-user's
 * SIGSEGV handler calls page_unprotect(), which invalidates the TBs of
 * every guest page in that host page and makes it writable again.
 */
#include "internal.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#include "tcg/tcg-ldst.h"
#include "util/bitops.h"
#include "util/host.h"

#include <string.h>
#include <sys/mman.h>

#include <glib.h>

__thread uintptr_t tcg_user_helper_retaddr;

static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *page_flags;     /* page number -> flags (never 0) */

/* Around a fork (cpu-exec.c's handlers): the child must not inherit page_lock held. */
void page_fork_lock(void)
{
    pthread_mutex_lock(&page_lock);
}

void page_fork_unlock(void)
{
    pthread_mutex_unlock(&page_lock);
}

static uint64_t page_size(void)
{
    return (uint64_t)1 << tcg_page_bits;
}

static int flags_get_locked(uint64_t addr)
{
    if (!page_flags) {
        return 0;
    }
    uint64_t key = addr >> tcg_page_bits;
    return GPOINTER_TO_INT(g_hash_table_lookup(page_flags, &key));
}

static void flags_set_locked(uint64_t addr, int flags)
{
    if (!page_flags) {
        page_flags = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    }
    uint64_t key = addr >> tcg_page_bits;
    if (flags) {
        uint64_t *k = g_new(uint64_t, 1);
        *k = key;
        g_hash_table_replace(page_flags, k, GINT_TO_POINTER(flags));
    } else {
        g_hash_table_remove(page_flags, &key);
    }
}

int page_get_flags(uint64_t addr)
{
    pthread_mutex_lock(&page_lock);
    int f = flags_get_locked(addr);
    pthread_mutex_unlock(&page_lock);
    return f;
}

bool page_check_range(uint64_t start, uint64_t len, int flags)
{
    if (len == 0) {
        return true;
    }
    bool ok = true;
    uint64_t end = start + len - 1;
    pthread_mutex_lock(&page_lock);
    for (uint64_t a = start & tcg_page_mask(); ok && a <= end; a += page_size()) {
        int f = flags_get_locked(a);
        /* a write-protected page holding code is still writable for the guest */
        if (f & PAGE_WRITE_ORG) {
            f |= PAGE_WRITE;
        }
        ok = (f & flags) == flags;
        if (a + page_size() < a) {
            break;
        }
    }
    pthread_mutex_unlock(&page_lock);
    return ok;
}

void page_set_flags(uint64_t start, uint64_t end, int flags)
{
    bool reset = flags & PAGE_RESET;
    flags &= ~PAGE_RESET;
    if (flags & PAGE_WRITE) {
        flags |= PAGE_WRITE_ORG;
    }
    for (uint64_t a = start & tcg_page_mask(); a < end; a += page_size()) {
        pthread_mutex_lock(&page_lock);
        int old = flags_get_locked(a);
        int nf = reset ? flags : old | flags;
        if (nf && !reset) {
            nf |= PAGE_VALID;
        }
        flags_set_locked(a, nf);
        pthread_mutex_unlock(&page_lock);
        /* code translated under the old rules must go */
        if (!(nf & PAGE_VALID) || !(nf & PAGE_EXEC) ||
            ((nf & PAGE_WRITE) && !(old & PAGE_WRITE_ORG))) {
            if (tb_page_has_code(a)) {
                tb_invalidate_phys_range(a, a + page_size());
            }
        }
        if (a + page_size() < a) {
            break;
        }
    }
}

void page_flags_reset(void)
{
    pthread_mutex_lock(&page_lock);
    if (page_flags) {
        g_hash_table_remove_all(page_flags);
    }
    pthread_mutex_unlock(&page_lock);
}

/* The guest range covering the host page(s) under guest page addr. */
static void host_span(uint64_t addr, uint64_t *g_start, uint64_t *g_end)
{
    uintptr_t hps = host_page_size();
    uintptr_t h = guest_base + (uintptr_t)(addr & tcg_page_mask());
    uintptr_t hs = h & ~(hps - 1);
    uintptr_t he = ROUND_UP(h + page_size(), hps);
    *g_start = hs - guest_base;
    *g_end = he - guest_base;
}

void page_protect(uint64_t addr)
{
    uint64_t gs, ge;
    host_span(addr, &gs, &ge);
    pthread_mutex_lock(&page_lock);
    if (!(flags_get_locked(addr) & PAGE_WRITE)) {
        pthread_mutex_unlock(&page_lock);
        return;
    }
    for (uint64_t a = gs; a < ge; a += page_size()) {
        int f = flags_get_locked(a);
        if (f & PAGE_WRITE) {
            flags_set_locked(a, f & ~PAGE_WRITE);
        }
    }
    mprotect((void *)(uintptr_t)(guest_base + gs), ge - gs, PROT_READ);
    pthread_mutex_unlock(&page_lock);
}

int page_unprotect(uint64_t addr, uintptr_t host_pc)
{
    uint64_t gs, ge;
    host_span(addr, &gs, &ge);

    pthread_mutex_lock(&page_lock);
    int f = flags_get_locked(addr);
    if (!(f & PAGE_WRITE_ORG)) {
        pthread_mutex_unlock(&page_lock);
        return 0;
    }
    if (f & PAGE_WRITE) {
        pthread_mutex_unlock(&page_lock);
        return 1;                  /* another thread got here first */
    }
    for (uint64_t a = gs; a < ge; a += page_size()) {
        int fa = flags_get_locked(a);
        if (fa & PAGE_WRITE_ORG) {
            flags_set_locked(a, fa | PAGE_WRITE);
        }
    }
    pthread_mutex_unlock(&page_lock);

    TBNode *cur = host_pc ? tb_find_by_host_pc(host_pc) : NULL;
    tb_invalidate_phys_range(gs, ge);
    mprotect((void *)(uintptr_t)(guest_base + gs), ge - gs, PROT_READ | PROT_WRITE);
    return cur && __atomic_load_n(&cur->invalid, __ATOMIC_ACQUIRE) ? 2 : 1;
}

void page_unprotect_restart(CPUState *cpu, uintptr_t host_pc)
{
    cpu_restore_state(cpu, host_pc);
    cpu->cflags_next_tb = 1 | CF_NOIRQ | CF_NOCACHE;
    cpu_loop_exit_noexc(cpu);
}

/* ---- guest memory from helpers ------------------------------------------- */

static void user_check_align(CPUState *cpu, uint64_t addr, MemOp mop, MMUAccessType type,
                             int mmu_idx, uintptr_t ra)
{
    if (addr & ((1u << memop_alignment_bits(mop)) - 1)) {
        cpu->tcg_ops->do_unaligned_access(cpu, addr, type, mmu_idx, ra);
    }
}

uint64_t user_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                     uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);
    uint64_t v = 0;

    user_check_align(env_cpu(env), addr, mop, type, get_mmuidx(oi), ra);
    /*
     * The host SIGSEGV handler reads retaddr while the access faults: the
     * compiler must not move or drop the stores around it (it did).
     */
    tcg_user_helper_retaddr = ra;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memcpy(&v, (void *)(guest_base + (uintptr_t)addr), size);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tcg_user_helper_retaddr = 0;
    if ((mop & MO_BSWAP) && size > 1) {
        v = bswap64(v) >> (64 - 8 * size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = sext64(v, 8 * size);
    }
    return v;
}

void user_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);

    user_check_align(env_cpu(env), addr, mop, MMU_DATA_STORE, get_mmuidx(oi), ra);
    if ((mop & MO_BSWAP) && size > 1) {
        val = bswap64(val) >> (64 - 8 * size);
    }
    tcg_user_helper_retaddr = ra;       /* for the fault handler: see user_ld_mmu */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memcpy((void *)(guest_base + (uintptr_t)addr), &val, size);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tcg_user_helper_retaddr = 0;
}

void tcg_helper_unaligned(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    CPUState *cpu = env_cpu(env);
    /* the IR does not say whether it was a load or a store: report a load */
    cpu->tcg_ops->do_unaligned_access(cpu, addr, MMU_DATA_LOAD, get_mmuidx(oi), retaddr);
}
