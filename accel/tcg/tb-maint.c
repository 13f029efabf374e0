/*
 * tb-maint.c — the TB cache: translation into the code buffer, the global
 * hash, the page lists used to invalidate TBs when guest code changes,
 * chaining and unchaining of goto_tb jumps, and the full flush.
 *
 * Locking:
 *  - every change (insert, invalidate, chain, flush) happens under tb_lock;
 *  - readers of the hash take no lock: buckets are singly linked lists whose
 *    links are published with release stores, a removed TB keeps its link so
 *    a reader standing on it still reaches the rest of the chain, and TB
 *    records are only freed by tb_flush_locked(), which runs while every vCPU
 *    is outside generated code and outside any lookup (exclusive section);
 *  - the invalid flag is what readers check to skip removed TBs.
 *
 * Page lists: a GHashTable from guest page (physical in system mode) to the
 * TBs whose bytes lie on it; a TB spans at most two pages.
 */
#include "internal.h"
#include "exec/cputlb.h"
#include "exec/page-protection.h"
#include "util/bitops.h"
#include "util/error.h"
#include "util/log.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
__thread bool tb_lock_held;

TCGContext *tcg_exec_ctx;
const TCGBackend *tcg_exec_backend;

void tb_lock_acquire(void)
{
    assert(!tb_lock_held);
    pthread_mutex_lock(&tb_lock);
    tb_lock_held = true;
}

void tb_lock_release(void)
{
    assert(tb_lock_held);
    tb_lock_held = false;
    pthread_mutex_unlock(&tb_lock);
}

/* ---- TB records: an arena freed as a whole at flush ---------------------- */

#define NODE_CHUNK 256

typedef struct NodeChunk {
    struct NodeChunk *next;
    unsigned used;
    TBNode nodes[NODE_CHUNK];
} NodeChunk;

static NodeChunk *node_chunks;

static TBNode *node_alloc(void)
{
    if (!node_chunks || node_chunks->used == NODE_CHUNK) {
        NodeChunk *c = g_new0(NodeChunk, 1);
        c->next = node_chunks;
        node_chunks = c;
    }
    TBNode *n = &node_chunks->nodes[node_chunks->used++];
    memset(n, 0, sizeof(*n));
    return n;
}

static void node_free_all(void)
{
    while (node_chunks) {
        NodeChunk *n = node_chunks->next;
        g_free(node_chunks);
        node_chunks = n;
    }
}

/* ---- the hash ------------------------------------------------------------ */

/* a boot keeps ~70000 TBs: 2^17 buckets keep a miss's chain walk (cold nodes) short */
#define TB_HASH_BITS 17
#define TB_HASH_SIZE (1u << TB_HASH_BITS)

static TBNode *tb_hash[TB_HASH_SIZE];

static uint32_t tb_hash_func(uint64_t phys_pc, uint64_t pc, uint32_t flags, uint32_t cflags,
                             uint64_t cs_base)
{
    uint64_t h = phys_pc * 0x9e3779b97f4a7c15ull;
    h ^= (pc >> 2) + (h << 6) + (h >> 2);
    h ^= ((uint64_t)flags << 32 | cflags) * 0xc2b2ae3d27d4eb4full;
    h ^= cs_base * 0x165667b19e3779f9ull;
    return (uint32_t)(h ^ (h >> 29) ^ (h >> 47));
}

TBNode *tb_htable_lookup(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint64_t cs_base,
                         uint32_t flags, uint32_t cflags)
{
    cflags &= CF_HASH_MASK;
    uint32_t h = tb_hash_func(phys_pc, pc, flags, cflags, cs_base);
    TBNode *n = __atomic_load_n(&tb_hash[h & (TB_HASH_SIZE - 1)], __ATOMIC_ACQUIRE);
    int page2 = -1;                /* the next page's translation: -1 not asked yet, 0 none */
    uint64_t phys2 = 0;

    for (; n; n = __atomic_load_n(&n->hash_next, __ATOMIC_ACQUIRE)) {
        if (n->hash == h && n->tb.pc == pc && n->phys_pc == phys_pc &&
            n->tb.cs_base == cs_base && n->tb.flags == flags &&
            (n->tb.cflags & CF_HASH_MASK) == cflags &&
            !__atomic_load_n(&n->invalid, __ATOMIC_ACQUIRE)) {
            if (n->page_addr[1] == (uint64_t)-1) {
                return n;
            }
            /*
             * The key names only the first page: a TB running into the next
             * page was translated from that page's bytes as mapped then, and
             * the mapping may have changed since.
             */
            if (page2 < 0) {
                uint64_t next = (pc & tcg_page_mask()) - tcg_page_mask();
                page2 = tb_code_phys(cpu, next, true, &phys2);
                phys2 &= tcg_page_mask();
            }
            if (page2 && phys2 == n->page_addr[1]) {
                return n;
            }
        }
    }
    return NULL;
}

static void tb_hash_insert(TBNode *n)
{
    TBNode **head = &tb_hash[n->hash & (TB_HASH_SIZE - 1)];
    n->hash_next = *head;
    __atomic_store_n(head, n, __ATOMIC_RELEASE);
}

static void tb_hash_remove(TBNode *n)
{
    for (TBNode **p = &tb_hash[n->hash & (TB_HASH_SIZE - 1)]; *p; p = &(*p)->hash_next) {
        if (*p == n) {
            /* n keeps its own link: a reader standing on n still finds the rest */
            __atomic_store_n(p, n->hash_next, __ATOMIC_RELEASE);
            return;
        }
    }
}

/* ---- host pc -> TB: records in buffer order, searched by bisection ------- */

static TBNode **by_host_pc;
static size_t nb_by_host_pc, cap_by_host_pc;

static void by_host_pc_add(TBNode *n)
{
    if (nb_by_host_pc == cap_by_host_pc) {
        cap_by_host_pc = cap_by_host_pc ? cap_by_host_pc * 2 : 1024;
        by_host_pc = g_renew(TBNode *, by_host_pc, cap_by_host_pc);
    }
    by_host_pc[nb_by_host_pc++] = n;
}

TBNode *tb_find_by_host_pc(uintptr_t rx)
{
    bool locked = !tb_lock_held;
    TBNode *found = NULL;

    if (locked) {
        tb_lock_acquire();
    }
    size_t lo = 0, hi = nb_by_host_pc;
    while (lo < hi) {              /* first record starting at or after rx */
        size_t mid = (lo + hi) / 2;
        if ((uintptr_t)by_host_pc[mid]->tb.tc_ptr < rx) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    /* a return address is after the start of its TB, at most at its end */
    if (lo > 0) {
        TBNode *n = by_host_pc[lo - 1];
        uintptr_t start = (uintptr_t)n->tb.tc_ptr;
        if (rx > start && rx <= start + n->tb.tc_size) {
            found = n;
        }
    }
    if (locked) {
        tb_lock_release();
    }
    return found;
}

/* ---- page lists ---------------------------------------------------------- */

typedef struct PageDesc {
    uint64_t addr;
    TBNode *first;
} PageDesc;

static GHashTable *pages;

static PageDesc *page_find(uint64_t addr, bool alloc)
{
    uint64_t key = addr & tcg_page_mask();
    if (!pages) {
        pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
    }
    PageDesc *pd = g_hash_table_lookup(pages, &key);
    if (!pd && alloc) {
        pd = g_new0(PageDesc, 1);
        pd->addr = key;
        g_hash_table_insert(pages, &pd->addr, pd);
    }
    return pd;
}

bool tb_page_has_code(uint64_t addr)
{
    bool locked = !tb_lock_held;
    if (locked) {
        tb_lock_acquire();
    }
    PageDesc *pd = pages ? page_find(addr, false) : NULL;
    bool r = pd && pd->first;
    if (locked) {
        tb_lock_release();
    }
    return r;
}

static void page_link(TBNode *n, int i)
{
    PageDesc *pd = page_find(n->page_addr[i], true);
    bool first_code = !pd->first;
    n->page_next[i] = pd->first;
    pd->first = n;
    if (!first_code) {
        return;
    }
    if (tcg_exec_is_softmmu()) {
        tlb_protect_code(pd->addr);
    } else {
        page_protect(pd->addr);
    }
}

static void page_unlink(TBNode *n, int i)
{
    PageDesc *pd = page_find(n->page_addr[i], false);
    if (!pd) {
        return;
    }
    for (TBNode **p = &pd->first; *p; ) {
        TBNode *c = *p;
        int ci = c->page_addr[0] == pd->addr ? 0 : 1;
        if (c == n) {
            *p = c->page_next[ci];
            return;
        }
        p = &c->page_next[ci];
    }
}

/* ---- chaining ------------------------------------------------------------ */

static uint64_t stat_invalidations, stat_flushes, stat_tbs;

void tb_add_jump(TBNode *from, int n, TBNode *to)
{
    if (from->tb.jmp_insn_offset[n] == TB_JMP_OFFSET_INVALID) {
        return;
    }
    tb_lock_acquire();
    if (!from->invalid && !to->invalid && !from->jmp_dest[n]) {
        from->jmp_dest[n] = to;
        from->jmp_list_next[n] = to->jmp_list_head;
        to->jmp_list_head = (uintptr_t)from | n;
        tcg_exec_backend->set_jmp_target(&from->tb, n, to->tb.tc_ptr, tcg_region_rw_offset());
    }
    tb_lock_release();
}

/* Remove (from, n) from the incoming list of to. */
static void jmp_list_remove(TBNode *to, TBNode *from, int n)
{
    uintptr_t *p = &to->jmp_list_head;
    while (*p) {
        TBNode *src = (TBNode *)(*p & ~(uintptr_t)3);
        int sn = *p & 3;
        if (src == from && sn == n) {
            *p = src->jmp_list_next[sn];
            return;
        }
        p = &src->jmp_list_next[sn];
    }
}

static void tb_unchain(TBNode *node)
{
    /* every TB jumping into node goes back to its own exit */
    uintptr_t e = node->jmp_list_head;
    while (e) {
        TBNode *src = (TBNode *)(e & ~(uintptr_t)3);
        int n = e & 3;
        tcg_tb_reset_jump(tcg_exec_backend, &src->tb, n, tcg_region_rw_offset());
        src->jmp_dest[n] = NULL;
        e = src->jmp_list_next[n];
    }
    node->jmp_list_head = 0;
    /* and node leaves the incoming lists of its destinations */
    for (int n = 0; n < 2; n++) {
        if (node->jmp_dest[n]) {
            jmp_list_remove(node->jmp_dest[n], node, n);
            node->jmp_dest[n] = NULL;
        }
    }
}

/* ---- the jump cache ------------------------------------------------------ */

CPUJumpCache *tb_jmp_cache_new(void)
{
    void *p;
    /* a 64-byte boundary keeps each 32-byte entry inside one cache line */
    if (posix_memalign(&p, 64, sizeof(CPUJumpCache)) != 0) {
        g_error("out of memory for a jump cache");
    }
    memset(p, 0, sizeof(CPUJumpCache));
    return p;
}

void tb_jmp_cache_free(CPUJumpCache *jc)
{
    free(jc);
}

/*
 * Only the CPU's thread fills its cache; others only clear tc_ptr.  tb[h]
 * is stored before tc_ptr, so a non-NULL tc_ptr always goes with tb[h].  n
 * may have been invalidated after the caller found it, before the store:
 * tb_invalidate_locked sets invalid and then looks at tb[h], this stores
 * tb[h] and then looks at invalid (all sequentially consistent), so at
 * least one of the two sees the other and the entry does not outlive n.
 */
void tb_jmp_cache_set(CPUState *cpu, TBNode *n)
{
    CPUJumpCache *jc = cpu->tb_jmp_cache;
    unsigned h = tb_jmp_cache_hash(n->tb.pc);
    CPUJumpEntry *e = &jc->entry[h];

    __atomic_store_n(&e->tc_ptr, NULL, __ATOMIC_RELAXED);
    e->pc = n->tb.pc;
    e->cs_base = n->tb.cs_base;
    e->flags = n->tb.flags;
    e->cflags = (n->tb.cflags & CF_HASH_MASK) | jc->gen_bits;
    __atomic_store_n(&jc->tb[h], n, __ATOMIC_SEQ_CST);
    __atomic_store_n(&e->tc_ptr, n->tb.tc_ptr, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&n->invalid, __ATOMIC_SEQ_CST)) {
        __atomic_store_n(&e->tc_ptr, NULL, __ATOMIC_SEQ_CST);
    }
}

void tb_jmp_cache_clear(CPUState *cpu)
{
    CPUJumpCache *jc = cpu->tb_jmp_cache;
    if (!jc) {
        return;
    }
    jc->gen_bits += 1u << TB_JMP_GEN_SHIFT;
    if (jc->gen_bits == 0) {
        /* wrapped: entries of the generation starting now may still be there */
        for (unsigned i = 0; i < TB_JMP_CACHE_SIZE; i++) {
            __atomic_store_n(&jc->entry[i].tc_ptr, NULL, __ATOMIC_RELAXED);
        }
    }
}

void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t addr)
{
    CPUJumpCache *jc = cpu->tb_jmp_cache;
    uint64_t page_size = (uint64_t)1 << tcg_page_bits;
    if (!jc) {
        return;
    }
    for (int i = 0; i < 2; i++) {
        unsigned first = tb_jmp_cache_page_slot(addr - i * page_size);
        for (unsigned j = 0; j < TB_JMP_ADDR_SIZE; j++) {
            __atomic_store_n(&jc->entry[first + j].tc_ptr, NULL, __ATOMIC_RELAXED);
        }
    }
}

/* ---- invalidation -------------------------------------------------------- */

void tb_invalidate_locked(TBNode *node)
{
    assert(tb_lock_held);
    if (node->invalid) {
        return;
    }
    __atomic_store_n(&node->invalid, true, __ATOMIC_SEQ_CST);
    tb_hash_remove(node);
    for (int i = 0; i < 2; i++) {
        if (node->page_addr[i] != (uint64_t)-1) {
            page_unlink(node, i);
        }
    }
    /* after invalid is set: a CPU filling its cache with node now sees it (tb_jmp_cache_set) */
    unsigned h = tb_jmp_cache_hash(node->tb.pc);
    CPU_FOREACH(cpu) {
        if (cpu->tb_jmp_cache &&
            __atomic_load_n(&cpu->tb_jmp_cache->tb[h], __ATOMIC_SEQ_CST) == node) {
            __atomic_store_n(&cpu->tb_jmp_cache->entry[h].tc_ptr, NULL, __ATOMIC_SEQ_CST);
        }
    }
    tb_unchain(node);
    stat_invalidations++;
    stat_tbs--;
}

/* The guest bytes [lo, hi) of node on page i (in the page's address space). */
static void tb_page_range(const TBNode *n, int i, uint64_t *lo, uint64_t *hi)
{
    uint64_t page_size = ~tcg_page_mask() + 1;
    uint64_t last = n->tb.pc + (n->tb.size ? n->tb.size - 1 : 0);
    if (i == 0) {
        *lo = n->phys_pc;
        *hi = n->page_addr[1] != (uint64_t)-1 ? n->page_addr[0] + page_size
                                               : n->phys_pc + (n->tb.size ? n->tb.size : 1);
    } else {
        *lo = n->page_addr[1];
        *hi = n->page_addr[1] + (last & (page_size - 1)) + 1;
    }
}

static void tb_invalidate_range_locked(uint64_t start, uint64_t end)
{
    if (!pages || end <= start) {
        return;
    }
    uint64_t page_size = ~tcg_page_mask() + 1;
    for (uint64_t a = start & tcg_page_mask(); a < end; a += page_size) {
        PageDesc *pd = page_find(a, false);
        TBNode *n = pd ? pd->first : NULL;
        while (n) {
            int i = n->page_addr[0] == pd->addr ? 0 : 1;
            TBNode *next = n->page_next[i];
            uint64_t lo, hi;
            tb_page_range(n, i, &lo, &hi);
            if (lo < end && start < hi) {
                tb_invalidate_locked(n);
            }
            n = next;
        }
        if (a + page_size < a) {
            break;                 /* wrapped at the top of the address space */
        }
    }
}

void tb_invalidate_phys_range(uint64_t start, uint64_t end)
{
    bool locked = !tb_lock_held;
    if (locked) {
        tb_lock_acquire();
    }
    tb_invalidate_range_locked(start, end);
    if (locked) {
        tb_lock_release();
    }
}

/* ---- flush --------------------------------------------------------------- */

static unsigned flush_count;

unsigned tb_flush_count(void)
{
    return __atomic_load_n(&flush_count, __ATOMIC_ACQUIRE);
}

void tb_flush_locked(void)
{
    memset(tb_hash, 0, sizeof(tb_hash));
    if (pages) {
        g_hash_table_remove_all(pages);
    }
    nb_by_host_pc = 0;
    node_free_all();
    CPU_FOREACH(cpu) {
        if (cpu->tb_jmp_cache) {
            memset(cpu->tb_jmp_cache, 0, sizeof(*cpu->tb_jmp_cache));
        }
    }
    tcg_region_reset(tcg_exec_backend);
    stat_tbs = 0;
    stat_flushes++;
    __atomic_store_n(&flush_count, flush_count + 1, __ATOMIC_RELEASE);
}

void tb_get_stats(TBStats *st)
{
    tb_lock_acquire();
    st->tbs = stat_tbs;
    st->flushes = stat_flushes;
    st->invalidations = stat_invalidations;
    st->code_used = tcg_region_used();
    st->code_size = tcg_region_size();
    st->split_wx = tcg_region_split();
    st->code_rx = tcg_region_rx_start();
    tb_lock_release();
}

/* ---- translation --------------------------------------------------------- */

/*
 * EMU_PERFMAP=1: each TB's host code is written to /tmp/perf-<pid>.map
 * (the format `perf report` reads for JIT code), named after its guest
 * pc, so a profile shows which guest code the generated code time went to.
 */
static void perfmap_add(void *code, int size, uint64_t pc)
{
    static FILE *f;
    static int on = -1;
    if (on < 0) {
        on = getenv("EMU_PERFMAP") != NULL;
        if (on) {
            char name[64];
            snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
            f = fopen(name, "w");
            on = f != NULL;
        }
    }
    if (on) {
        fprintf(f, "%lx %x guest_%" PRIx64 "\n", (unsigned long)(uintptr_t)code, size, pc);
        fflush(f);
    }
}

TBNode *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                    uint32_t cflags)
{
    const TCGCPUOps *ops = cpu->tcg_ops;
    TCGContext *s = tcg_exec_ctx;
    int max_insns = cflags & CF_COUNT_MASK;

    assert(tb_lock_held);
    if (max_insns == 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }
    uint64_t phys_pc;
    tb_code_phys(cpu, pc, false, &phys_pc);    /* may raise a fetch fault */

    TBNode *node = node_alloc();
    TranslationBlock *tb = &node->tb;
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    node->phys_pc = phys_pc;
    node->page_addr[0] = node->page_addr[1] = (uint64_t)-1;

    tcg_context_set_current(s);
    s->softmmu = tcg_exec_is_softmmu();
    s->tlb_page_bits = s->softmmu ? tcg_page_bits : 0;
    s->insn_start_words = ops->insn_start_words ? ops->insn_start_words : 1;
    for (;;) {
        if (!tcg_region_align(16) || tcg_region_left() < 256) {
            return NULL;
        }
        tb->size = 0;
        tcg_func_start(s);
        ops->translate_code(cpu, tb, max_insns);
        int n = tcg_gen_code(s, tb, tcg_region_ptr(), tcg_region_left(), tcg_region_rw_offset());
        if (n == -1) {
            return NULL;           /* buffer full: the caller flushes and retries */
        }
        if (n == -2) {
            /*
             * too much code for the restore metadata, or too many temps or
             * labels (then the insns before the one that ran out fit)
             */
            if (s->nb_insns <= 1) {
                error_report("tcg: one guest instruction at 0x%" PRIx64 " needs more than a TB "
                             "can hold", pc);
                abort();
            }
            unsigned fit = s->overflow && s->overflow_insns > 1 ? s->overflow_insns - 1
                                                                : s->nb_insns / 2;
            max_insns = fit ? fit : 1;
            continue;
        }
        tcg_region_commit(n);
        perfmap_add((char *)tcg_region_ptr() - n, n, pc);
        break;
    }

    /* the pages it covers: only the first and the last byte can differ */
    uint64_t mask = tcg_page_mask();
    uint64_t last = pc + (tb->size ? tb->size - 1 : 0);
    node->page_addr[0] = phys_pc & mask;
    if ((last & mask) != (pc & mask)) {
        uint64_t phys_last;
        tb_code_phys(cpu, last, false, &phys_last);
        node->page_addr[1] = phys_last & mask;
    }
    node->hash = tb_hash_func(phys_pc, pc, flags, cflags & CF_HASH_MASK, cs_base);
    by_host_pc_add(node);          /* even uncached TBs can fault and need restoring */
    if (!(cflags & CF_NOCACHE)) {
        for (int i = 0; i < 2; i++) {
            if (node->page_addr[i] != (uint64_t)-1) {
                page_link(node, i);
            }
        }
        tb_hash_insert(node);
    }
    stat_tbs++;
    cpu->stats.translations++;
    if (log_enabled(log_in_asm)) {
        tb_log_in_asm(cpu, tb);
    }
    return node;
}
