/*
 * cputlb.c — the soft TLB of system mode and the guest-memory slow paths
 * behind it (tcg_helper_ld/st for generated code, cpu_ld/st_mmu for C).
 *
 * Per CPU and MMU index, a direct-mapped table of CPUTLBEntry (the part the
 * fast path reads, in CPUNegativeOffsetState below env) and a parallel table
 * of CPUTLBEntryFull (physical address, MMIO callbacks).  An entry's
 * addr_read/addr_write/addr_code hold the guest page address when the access
 * is allowed, with TLB_* flags in the low bits for pages that need the slow
 * path: MMIO, ROM (writes discarded) and RAM holding translated code
 * (TLB_NOTDIRTY: a write first invalidates the TBs it touches — this is how
 * self-modifying code is caught in system mode), and pages the debugger
 * watches (TLB_WATCHPOINT, checked in watchpoint.c before the access).
 *
 * A miss first looks in a small fully associative victim table of entries
 * that fills evicted, then calls the target's tlb_fill, which walks the guest
 * page tables and calls tlb_set_page (or raises the guest fault and never
 * returns).  The victims make two pages that share a direct-mapped slot
 * cheap: without them, a string copy whose source and destination are a
 * multiple of the table size apart walks the page tables on every element.
 *
 * Accesses that cross a page boundary are split into bytes after both pages
 * are known to be accessible, so a fault on the second page leaves memory
 * untouched.  A TLB belongs to its CPU's thread, which reads it without a
 * lock; changes to the tables happen under the CPU's TLB lock, which is how
 * another thread translating code safely ORs TLB_NOTDIRTY into them.
 * Flushing another CPU's TLB (tlb_flush_all_cpus) must be done while that
 * CPU is stopped or in an exclusive section.
 */
#include "internal.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "tcg/tcg-ldst.h"
#include "util/bitops.h"
#include "util/host.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

/* Entries of the victim table per MMU index (searched linearly on a miss). */
#define TLB_VICTIMS 8

typedef struct CPUTLBEntryFull {
    uint64_t paddr;                /* physical page */
    const TLBMMIOOps *mmio;        /* MMIO callbacks, or NULL for RAM/ROM */
    void *opaque;
    uint64_t mmio_offset;          /* offset of the page in the MMIO region */
    bool dirty_log;                /* RAM with logged writes (TLB_NOTDIRTY until reported) */
} CPUTLBEntryFull;

typedef struct CPUTLBDesc {
    CPUTLBEntryFull *full;
    unsigned bits;                 /* log2 of the number of entries */
    unsigned n_used;               /* entries filled since the last flush */
    unsigned window_max_used;      /* the most used in the current sizing window */
    int64_t window_start_ns;
    uint64_t large_page_addr;      /* region of large pages seen (-1: none) */
    uint64_t large_page_mask;
    CPUTLBEntry vtable[TLB_VICTIMS];   /* entries evicted by fills (all -1: empty) */
    CPUTLBEntryFull vfull[TLB_VICTIMS];
    unsigned vnext;                /* the victim slot the next eviction reuses */
} CPUTLBDesc;

/*
 * lock serialises the owner's table changes (fill, flush, resize) with
 * other threads marking code pages (tlb_protect_code).  The owner's reads
 * take no lock.  Order: tb_lock before a TLB lock.
 */
struct CPUTLB {
    pthread_mutex_t lock;
    CPUTLBDesc d[CPU_TLB_MMU_MODES];
};

/* Time after which a table that stayed mostly empty shrinks. */
#define TLB_WINDOW_NS (100 * 1000 * 1000)

static TLBPhysLookup phys_lookup;
static void *phys_lookup_opaque;

void tlb_set_phys_lookup(TLBPhysLookup fn, void *opaque)
{
    phys_lookup = fn;
    phys_lookup_opaque = opaque;
}

static inline CPUTLBDescFast *tlb_fast(CPUState *cpu, int mmu_idx)
{
    return &cpu->neg->tlb[mmu_idx];
}

static inline uintptr_t tlb_index(CPUState *cpu, int mmu_idx, uint64_t addr)
{
    uintptr_t n = tlb_fast(cpu, mmu_idx)->mask >> CPU_TLB_ENTRY_BITS;
    return (addr >> tcg_page_bits) & n;
}

static inline CPUTLBEntry *tlb_entry(CPUState *cpu, int mmu_idx, uint64_t addr)
{
    return &tlb_fast(cpu, mmu_idx)->table[tlb_index(cpu, mmu_idx, addr)];
}

static void tlb_table_alloc(CPUState *cpu, int mmu_idx, unsigned bits)
{
    CPUTLBDescFast *f = tlb_fast(cpu, mmu_idx);
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];
    size_t n = (size_t)1 << bits;

    g_free(f->table);
    g_free(d->full);
    f->table = g_new(CPUTLBEntry, n);
    memset(f->table, 0xff, n * sizeof(CPUTLBEntry));   /* -1: empty */
    f->mask = (n - 1) << CPU_TLB_ENTRY_BITS;
    d->full = g_new0(CPUTLBEntryFull, n);
    d->bits = bits;
}

static inline bool tlb_entry_empty(const CPUTLBEntry *e)
{
    return e->addr_read == (uint64_t)-1 && e->addr_write == (uint64_t)-1 &&
           e->addr_code == (uint64_t)-1;
}

static void tlb_victims_clear(CPUTLBDesc *d)
{
    memset(d->vtable, 0xff, sizeof(d->vtable));
    d->vnext = 0;
}

void tlb_init(CPUState *cpu)
{
    _Static_assert(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS, "CPUTLBEntry size");
    cpu->tlb = g_new0(CPUTLB, 1);
    pthread_mutex_init(&cpu->tlb->lock, NULL);
    for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
        tlb_table_alloc(cpu, i, CPU_TLB_DEFAULT_BITS);
        cpu->tlb->d[i].large_page_addr = -1;
        tlb_victims_clear(&cpu->tlb->d[i]);
        cpu->tlb->d[i].window_start_ns = clock_monotonic_ns();
    }
}

void tlb_destroy(CPUState *cpu)
{
    for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
        g_free(tlb_fast(cpu, i)->table);
        tlb_fast(cpu, i)->table = NULL;
        g_free(cpu->tlb->d[i].full);
    }
    pthread_mutex_destroy(&cpu->tlb->lock);
    g_free(cpu->tlb);
    cpu->tlb = NULL;
}

unsigned tlb_table_entries(CPUState *cpu, int mmu_idx)
{
    return 1u << cpu->tlb->d[mmu_idx].bits;
}

/*
 * Flush one MMU index, choosing the next size from how full the table got:
 * grow when it was more than 70% used (misses from conflicts are likely),
 * shrink when it stayed under 30% for a whole window (a smaller table is
 * faster to flush and friendlier to the cache).
 */
static void tlb_flush_one(CPUState *cpu, int mmu_idx, int64_t now)
{
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];
    unsigned size = 1u << d->bits, bits = d->bits;

    d->window_max_used = MAX(d->window_max_used, d->n_used);
    if (d->n_used * 10 > size * 7 && bits < CPU_TLB_MAX_BITS) {
        bits++;
        d->window_max_used = 0;
        d->window_start_ns = now;
    } else if (now - d->window_start_ns > TLB_WINDOW_NS) {
        if (d->window_max_used * 10 < size * 3 && bits > CPU_TLB_MIN_BITS) {
            bits--;
        }
        d->window_max_used = 0;
        d->window_start_ns = now;
    }
    if (bits != d->bits) {
        tlb_table_alloc(cpu, mmu_idx, bits);
    } else if (d->n_used) {
        /* n_used counts the non-empty entries exactly: an unused index costs nothing */
        memset(tlb_fast(cpu, mmu_idx)->table, 0xff, (size_t)size * sizeof(CPUTLBEntry));
    }
    d->n_used = 0;
    d->large_page_addr = -1;
    d->large_page_mask = 0;
    tlb_victims_clear(d);
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    if (!cpu->tlb) {
        return;
    }
    int64_t now = idxmap ? clock_monotonic_ns() : 0;   /* once, not per index */
    pthread_mutex_lock(&cpu->tlb->lock);
    for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one(cpu, i, now);
        }
    }
    pthread_mutex_unlock(&cpu->tlb->lock);
    /* the TBs found through the jump cache were looked up through the old mappings */
    tb_jmp_cache_clear(cpu);
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, 0xffff);
}

static bool tlb_entry_is_page(const CPUTLBEntry *e, uint64_t page)
{
    uint64_t m = tcg_page_mask();
    return (e->addr_read & m) == page || (e->addr_write & m) == page ||
           (e->addr_code & m) == page;
}

void tlb_flush_page(CPUState *cpu, uint64_t addr)
{
    uint64_t page = addr & tcg_page_mask();

    if (!cpu->tlb) {
        return;
    }
    bool large = false;
    pthread_mutex_lock(&cpu->tlb->lock);
    for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
        CPUTLBDesc *d = &cpu->tlb->d[i];
        if (d->large_page_addr != (uint64_t)-1 &&
            (addr & d->large_page_mask) == d->large_page_addr) {
            /* a large page covers many entries: drop them all */
            tlb_flush_one(cpu, i, clock_monotonic_ns());
            large = true;
            continue;
        }
        CPUTLBEntry *e = tlb_entry(cpu, i, page);
        /* an empty entry "is" the top page (all ones): it must not be counted off */
        if (!tlb_entry_empty(e) && tlb_entry_is_page(e, page)) {
            memset(e, 0xff, sizeof(*e));
            d->n_used--;
        }
        for (int v = 0; v < TLB_VICTIMS; v++) {
            if (tlb_entry_is_page(&d->vtable[v], page)) {
                memset(&d->vtable[v], 0xff, sizeof(d->vtable[v]));
            }
        }
    }
    pthread_mutex_unlock(&cpu->tlb->lock);
    /*
     * TBs found through the jump cache with the old mapping: those on this
     * page or running into it, or any page of a large mapping (the flush
     * stands for all of it)
     */
    if (large) {
        tb_jmp_cache_clear(cpu);
    } else {
        tb_jmp_cache_clear_page(cpu, page);
    }
}

void tlb_flush_all_cpus(void)
{
    CPU_FOREACH(cpu) {
        tlb_flush(cpu);
    }
}

void tlb_flush_page_all_cpus(uint64_t addr)
{
    CPU_FOREACH(cpu) {
        tlb_flush_page(cpu, addr);
    }
}

void tlb_set_page_full(CPUState *cpu, uint64_t vaddr, const TLBPageTarget *t, int prot,
                       int mmu_idx, uint64_t size)
{
    uint64_t mask = tcg_page_mask();
    uint64_t page = vaddr & mask;
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];

    assert(mmu_idx >= 0 && mmu_idx < CPU_TLB_MMU_MODES);
    /* asked before taking the TLB lock (lock order); rechecked below */
    bool code = t->host && !t->readonly && tb_page_has_code(t->paddr & mask);

    pthread_mutex_lock(&cpu->tlb->lock);
    if (size > ~mask + 1) {
        /* remember the span so that tlb_flush_page inside it flushes everything */
        uint64_t lp_mask = ~(size - 1);
        if (d->large_page_addr == (uint64_t)-1) {
            d->large_page_addr = vaddr & lp_mask;
            d->large_page_mask = lp_mask;
        } else {
            lp_mask &= d->large_page_mask;
            while (((d->large_page_addr ^ vaddr) & lp_mask) != 0) {
                lp_mask <<= 1;
            }
            d->large_page_mask = lp_mask;
            d->large_page_addr &= lp_mask;
        }
    }

    CPUTLBEntry *e = tlb_entry(cpu, mmu_idx, page);
    CPUTLBEntryFull *full = &d->full[tlb_index(cpu, mmu_idx, page)];
    for (int v = 0; v < TLB_VICTIMS; v++) {
        if (tlb_entry_is_page(&d->vtable[v], page)) {
            memset(&d->vtable[v], 0xff, sizeof(d->vtable[v]));   /* superseded */
        }
    }
    if (tlb_entry_empty(e)) {
        d->n_used++;
    } else if (!tlb_entry_is_page(e, page)) {
        /* a conflict: keep the other page's entry as a victim */
        unsigned v = d->vnext++ % TLB_VICTIMS;
        d->vtable[v] = *e;
        d->vfull[v] = *full;
    }

    uint64_t flags = 0, wflags = 0, rflags = 0;
    int watched = cpu->watchpoints ? cpu_watchpoint_flags_in(cpu, page, ~mask + 1) : 0;
    if (watched & BP_MEM_READ) {
        rflags |= TLB_WATCHPOINT;
    }
    if (watched & BP_MEM_WRITE) {
        wflags |= TLB_WATCHPOINT;
    }
    full->paddr = t->paddr & mask;
    full->mmio = t->mmio;
    full->opaque = t->opaque;
    full->mmio_offset = t->mmio_offset;
    full->dirty_log = t->host && !t->readonly && !t->write_mmio && t->dirty_log;
    if (t->host) {
        e->addend = (uintptr_t)t->host - (uintptr_t)page;
        if (t->readonly) {
            wflags |= TLB_DISCARD_WRITE;
        } else if (t->write_mmio) {
            wflags |= TLB_MMIO;            /* flash: reads inline, writes to the device */
        } else if (code || full->dirty_log) {
            wflags |= TLB_NOTDIRTY;
        }
    } else {
        flags |= TLB_MMIO;
        e->addend = 0;
    }
    e->addr_read = prot & PAGE_READ ? page | flags | rflags : (uint64_t)-1;
    e->addr_code = prot & PAGE_EXEC ? page | flags : (uint64_t)-1;
    __atomic_store_n(&e->addr_write, prot & PAGE_WRITE ? page | flags | wflags : (uint64_t)-1,
                     __ATOMIC_RELEASE);
    pthread_mutex_unlock(&cpu->tlb->lock);
    /*
     * A TB translated from the page after the check above marked only the
     * entries that existed then: mark ours now (once it is installed, any
     * later TB's tlb_protect_code sees it).
     */
    if (!code && t->host && !t->readonly && !t->write_mmio && (prot & PAGE_WRITE) &&
        tb_page_has_code(full->paddr)) {
        __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
    }
}

void tlb_set_page(CPUState *cpu, uint64_t vaddr, uint64_t paddr, int prot, int mmu_idx,
                  uint64_t size)
{
    TLBPageTarget t = { .paddr = paddr & tcg_page_mask() };

    if (!phys_lookup || !phys_lookup(phys_lookup_opaque, t.paddr, &t)) {
        /* nothing there: reads go to an MMIO region that returns zeros */
        static const TLBMMIOOps unassigned;
        t.host = NULL;
        t.mmio = &unassigned;
    }
    tlb_set_page_full(cpu, vaddr, &t, prot, mmu_idx, size);
}

static TLBDirtyNotify dirty_notify;

void tlb_set_dirty_notify(TLBDirtyNotify fn)
{
    dirty_notify = fn;
}

void tlb_reset_dirty_log(void)
{
    CPU_FOREACH(cpu) {
        if (!cpu->tlb) {
            continue;
        }
        pthread_mutex_lock(&cpu->tlb->lock);
        for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
            CPUTLBDesc *d = &cpu->tlb->d[i];
            CPUTLBEntry *table = tlb_fast(cpu, i)->table;
            unsigned n = 1u << d->bits;
            for (unsigned j = 0; j < n; j++) {
                if (d->full[j].dirty_log && table[j].addr_write != (uint64_t)-1) {
                    __atomic_fetch_or(&table[j].addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
                }
            }
            for (int v = 0; v < TLB_VICTIMS; v++) {
                if (d->vfull[v].dirty_log && d->vtable[v].addr_write != (uint64_t)-1) {
                    d->vtable[v].addr_write |= TLB_NOTDIRTY;
                }
            }
        }
        pthread_mutex_unlock(&cpu->tlb->lock);
    }
}

void tlb_protect_code(uint64_t paddr)
{
    uint64_t mask = tcg_page_mask();
    paddr &= mask;
    CPU_FOREACH(cpu) {
        if (!cpu->tlb) {
            continue;
        }
        pthread_mutex_lock(&cpu->tlb->lock);
        for (int i = 0; i < CPU_TLB_MMU_MODES; i++) {
            CPUTLBDesc *d = &cpu->tlb->d[i];
            CPUTLBEntry *table = tlb_fast(cpu, i)->table;
            unsigned n = 1u << d->bits;
            for (unsigned j = 0; j < n; j++) {
                uint64_t w = table[j].addr_write;
                if (w != (uint64_t)-1 && !(w & (TLB_MMIO | TLB_DISCARD_WRITE)) &&
                    d->full[j].paddr == paddr) {
                    __atomic_fetch_or(&table[j].addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
                }
            }
            for (int v = 0; v < TLB_VICTIMS; v++) {
                uint64_t w = d->vtable[v].addr_write;
                if (w != (uint64_t)-1 && !(w & (TLB_MMIO | TLB_DISCARD_WRITE)) &&
                    d->vfull[v].paddr == paddr) {
                    d->vtable[v].addr_write |= TLB_NOTDIRTY;
                }
            }
        }
        pthread_mutex_unlock(&cpu->tlb->lock);
    }
}

/* ---- lookups -------------------------------------------------------------- */

static inline uint64_t tlb_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    return type == MMU_DATA_LOAD ? e->addr_read
         : type == MMU_DATA_STORE ? __atomic_load_n(&e->addr_write, __ATOMIC_ACQUIRE)
         : e->addr_code;
}

static inline bool tlb_hit(uint64_t cmp, uint64_t addr)
{
    return cmp != (uint64_t)-1 && (cmp & tcg_page_mask()) == (addr & tcg_page_mask());
}

/*
 * The entry for addr, filled if needed.  NULL only when probe and the page
 * is not accessible; without probe, the target's fill raises the fault.
 */
/*
 * A miss in the direct-mapped slot of addr: swap in a victim entry that
 * allows the access, if there is one (the slot's entry becomes the victim).
 * Only the owner thread changes victims, so the search needs no lock; the
 * swap takes it because other threads mark code pages in the tables.
 */
static bool tlb_victim_swap(CPUState *cpu, int mmu_idx, uint64_t addr, MMUAccessType type)
{
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];
    for (int v = 0; v < TLB_VICTIMS; v++) {
        if (tlb_hit(tlb_cmp(&d->vtable[v], type), addr)) {
            pthread_mutex_lock(&cpu->tlb->lock);
            uintptr_t idx = tlb_index(cpu, mmu_idx, addr);
            CPUTLBEntry *e = &tlb_fast(cpu, mmu_idx)->table[idx];
            CPUTLBEntry te = *e;
            CPUTLBEntryFull tf = d->full[idx];
            if (tlb_entry_empty(&te)) {
                d->n_used++;
            }
            *e = d->vtable[v];
            d->full[idx] = d->vfull[v];
            d->vtable[v] = te;
            d->vfull[v] = tf;
            pthread_mutex_unlock(&cpu->tlb->lock);
            return true;
        }
    }
    return false;
}

static CPUTLBEntry *tlb_lookup(CPUState *cpu, uint64_t addr, int size, MMUAccessType type,
                               int mmu_idx, bool probe, uintptr_t ra)
{
    CPUTLBEntry *e = tlb_entry(cpu, mmu_idx, addr);
    if (!tlb_hit(tlb_cmp(e, type), addr)) {
        if (tlb_victim_swap(cpu, mmu_idx, addr, type)) {
            return e;
        }
        if (!cpu->tcg_ops->tlb_fill(cpu, addr, size, type, mmu_idx, probe, ra)) {
            return NULL;
        }
        e = tlb_entry(cpu, mmu_idx, addr);   /* the fill may have resized the table */
        if (!tlb_hit(tlb_cmp(e, type), addr)) {
            return NULL;
        }
    }
    return e;
}

static inline CPUTLBEntryFull *tlb_full(CPUState *cpu, int mmu_idx, const CPUTLBEntry *e)
{
    return &cpu->tlb->d[mmu_idx].full[e - tlb_fast(cpu, mmu_idx)->table];
}

bool tlb_code_phys(CPUState *cpu, uint64_t pc, bool probe, uint64_t *phys)
{
    int mmu_idx = cpu->tcg_ops->mmu_index(cpu, true);
    CPUTLBEntry *e = tlb_lookup(cpu, pc, 1, MMU_INST_FETCH, mmu_idx, probe, 0);
    if (!e) {
        return false;
    }
    *phys = tlb_full(cpu, mmu_idx, e)->paddr | (pc & ~tcg_page_mask());
    return true;
}

void *tlb_get_code_host(CPUState *cpu, uint64_t addr, uint64_t *paddr)
{
    int mmu_idx = cpu->tcg_ops->mmu_index(cpu, true);
    CPUTLBEntry *e = tlb_lookup(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, false, 0);
    if (!e) {
        *paddr = 0;
        return NULL;
    }
    *paddr = tlb_full(cpu, mmu_idx, e)->paddr | (addr & ~tcg_page_mask());
    return e->addr_code & TLB_MMIO ? NULL : (void *)(uintptr_t)(addr + e->addend);
}

void *tlb_probe_host(CPUState *cpu, uint64_t addr, MMUAccessType type, int mmu_idx)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, 1, type, mmu_idx, true, 0);
    if (!e || (tlb_cmp(e, type) & TLB_MMIO)) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

void *tlb_probe_host_plain(CPUState *cpu, uint64_t addr, MMUAccessType type, int mmu_idx)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, 1, type, mmu_idx, true, 0);
    /* any flag (MMIO, code or logged page, ROM, watchpoint) needs the per-access slow path */
    if (!e || (tlb_cmp(e, type) & TLB_FLAGS_MASK)) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

bool tlb_probe_phys(CPUState *cpu, uint64_t addr, MMUAccessType type, int mmu_idx,
                    uint64_t *paddr)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, 1, type, mmu_idx, true, 0);
    if (!e) {
        return false;
    }
    *paddr = tlb_full(cpu, mmu_idx, e)->paddr | (addr & ~tcg_page_mask());
    return true;
}

/* ---- the accesses ---------------------------------------------------------- */

static uint64_t host_ld(const void *p, unsigned size)
{
    switch (size) {
    case 1: return *(const uint8_t *)p;
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

static void host_st(void *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: *(uint8_t *)p = v; break;
    case 2: { uint16_t x = v; memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

/* Load size bytes inside one page, in host byte order. */
static uint64_t ld_page(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType type,
                        int mmu_idx, uintptr_t ra)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, size, type, mmu_idx, false, ra);
    if (tlb_cmp(e, type) & TLB_WATCHPOINT) {
        cpu_watchpoint_check(cpu, addr, size, BP_MEM_READ, ra);
    }
    if (tlb_cmp(e, type) & TLB_MMIO) {
        CPUTLBEntryFull *full = tlb_full(cpu, mmu_idx, e);
        cpu_icount_io_begin(cpu, ra);  /* -icount: may restart the insn in a TB of its own */
        if (!full->mmio->read) {
            return 0;
        }
        return full->mmio->read(full->opaque, full->mmio_offset + (addr & ~tcg_page_mask()),
                                size);
    }
    return host_ld((void *)(uintptr_t)(addr + e->addend), size);
}

/*
 * A write to a page holding translated code: invalidate the TBs it touches.
 * When the running TB is one of them, the rest of it must not run: the
 * store is redone by a one-instruction TB translated afresh (which does
 * not overlap the bytes written unless an instruction rewrites itself).
 */
static void notdirty_write(CPUState *cpu, CPUTLBEntry *e, uint64_t paddr, unsigned size,
                           uintptr_t ra)
{
    if (!tb_page_has_code(paddr)) {
        __atomic_fetch_and(&e->addr_write, ~(uint64_t)TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
        return;
    }
    TBNode *cur = ra ? tb_find_by_host_pc(ra) : NULL;
    tb_invalidate_phys_range(paddr, paddr + size);
    if (cur && __atomic_load_n(&cur->invalid, __ATOMIC_ACQUIRE) && !(cur->tb.cflags & CF_NOIRQ)) {
        cpu_restore_state(cpu, ra);
        cpu->cflags_next_tb = 1 | CF_NOIRQ | CF_NOCACHE;
        cpu_loop_exit_noexc(cpu);
    }
}

static void st_page(CPUState *cpu, uint64_t addr, uint64_t val, unsigned size, int mmu_idx,
                    uintptr_t ra)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, size, MMU_DATA_STORE, mmu_idx, false, ra);
    uint64_t cmp = tlb_cmp(e, MMU_DATA_STORE);
    if (cmp & TLB_WATCHPOINT) {
        cpu_watchpoint_check(cpu, addr, size, BP_MEM_WRITE, ra);
    }
    if (cmp & TLB_MMIO) {
        CPUTLBEntryFull *full = tlb_full(cpu, mmu_idx, e);
        cpu_icount_io_begin(cpu, ra);  /* -icount: may restart the insn in a TB of its own */
        if (full->mmio->write) {
            full->mmio->write(full->opaque, full->mmio_offset + (addr & ~tcg_page_mask()),
                              val, size);
        }
        return;
    }
    if (cmp & TLB_DISCARD_WRITE) {
        return;
    }
    bool logged = false;
    uint64_t paddr = 0;
    if (cmp & TLB_NOTDIRTY) {
        CPUTLBEntryFull *full = tlb_full(cpu, mmu_idx, e);
        paddr = full->paddr | (addr & ~tcg_page_mask());
        logged = full->dirty_log;
        notdirty_write(cpu, e, paddr, size, ra);
    }
    host_st((void *)(uintptr_t)(addr + e->addend), size, val);
    /*
     * Reported after the store: a client that clears the page between the
     * store and here sees it dirty again (right: it changed); one that clears
     * before the flag was dropped re-arms it (tlb_reset_dirty_log) and the
     * next write reports again.
     */
    if (logged && dirty_notify) {
        dirty_notify(paddr, size);
    }
}

static inline bool crosses_page(uint64_t addr, unsigned size)
{
    return ((addr & ~tcg_page_mask()) + size) > ~tcg_page_mask() + 1;
}

static void check_align(CPUState *cpu, uint64_t addr, MemOp mop, MMUAccessType type,
                        int mmu_idx, uintptr_t ra)
{
    unsigned a = memop_alignment_bits(mop);
    if (addr & ((1u << a) - 1)) {
        cpu->tcg_ops->do_unaligned_access(cpu, addr, type, mmu_idx, ra);
    }
}

static uint64_t tlb_ld(CPUState *cpu, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                       uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);
    uint64_t v;

    check_align(cpu, addr, mop, type, mmu_idx, ra);
    if (!crosses_page(addr, size)) {
        v = ld_page(cpu, addr, size, type, mmu_idx, ra);
    } else {
        uint8_t b[8];
        for (unsigned i = 0; i < size; i++) {
            b[i] = ld_page(cpu, addr + i, 1, type, mmu_idx, ra);
        }
        v = host_ld(b, size);
    }
    if (mop & MO_BSWAP) {
        v = size == 1 ? v : bswap64(v) >> (64 - 8 * size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = sext64(v, 8 * size);
    }
    return v;
}

static void tlb_st(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);

    check_align(cpu, addr, mop, MMU_DATA_STORE, mmu_idx, ra);
    if (mop & MO_BSWAP) {
        val = size == 1 ? val : bswap64(val) >> (64 - 8 * size);
    }
    if (!crosses_page(addr, size)) {
        st_page(cpu, addr, val, size, mmu_idx, ra);
        return;
    }
    /* both pages must be writable before the first byte changes */
    uint64_t second = (addr + size - 1) & tcg_page_mask();
    tlb_lookup(cpu, addr, second - addr, MMU_DATA_STORE, mmu_idx, false, ra);
    tlb_lookup(cpu, second, addr + size - second, MMU_DATA_STORE, mmu_idx, false, ra);
    uint8_t b[8];
    host_st(b, size, val);
    for (unsigned i = 0; i < size; i++) {
        st_page(cpu, addr + i, b[i], 1, mmu_idx, ra);
    }
}

uint64_t tlb_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                    uintptr_t ra)
{
    return tlb_ld(env_cpu(env), addr, oi, type, ra);
}

void tlb_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    tlb_st(env_cpu(env), addr, val, oi, ra);
}

uint64_t tcg_helper_ld(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    env_cpu(env)->stats.slow_ldst++;
    return tlb_ld(env_cpu(env), addr, oi, MMU_DATA_LOAD, retaddr);
}

void tcg_helper_st(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                   uintptr_t retaddr)
{
    env_cpu(env)->stats.slow_ldst++;
    tlb_st(env_cpu(env), addr, val, oi, retaddr);
}
