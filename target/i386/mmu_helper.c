/*
 * mmu_helper.c — linear to physical translation in system mode (SDM vol. 3,
 * chapter 4): paging off, 32-bit paging (4 KiB and, with CR4.PSE, 4 MiB
 * pages), PAE (2 MiB pages, NX), 4-level paging (1 GiB pages), U/S and R/W
 * with CR0.WP, accessed and dirty bits, #PF error codes and CR2.
 *
 * Contract: tlb_fill installs one page (large pages with their size, so
 * that INVLPG inside one drops it) for the MMU index asked (X86_MMU_KERNEL
 * for CPL 0-2 and implicit supervisor accesses, X86_MMU_USER for CPL 3);
 * write permission is only granted once the dirty bit is set, so the first
 * write to a page walks again and sets D.  Global pages are flushed like
 * the others (a CR3 write flushes everything, except a same-PCID MOV with
 * bit 63 under CR4.PCIDE: misc_helper.c).  CR4.SMEP forbids supervisor
 * fetches from user pages (the kernel index loses PAGE_EXEC there; the
 * fault's error code has P and I/D).  SMAP, protection keys
 * and 5-level paging are not modelled.  Page-table entries are read and
 * written with physical accesses (address_space_memory).
 */
#include "seg.h"

#ifdef CONFIG_SOFTMMU

#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "exec/memory.h"

#include <string.h>

#define PG_P    (1ull << 0)
#define PG_RW   (1ull << 1)
#define PG_US   (1ull << 2)
#define PG_A    (1ull << 5)
#define PG_D    (1ull << 6)
#define PG_PS   (1ull << 7)
#define PG_NX   (1ull << 63)
#define PG_ADDR 0x000ffffffffff000ull

/* #PF error code bits */
#define PF_P  1u
#define PF_W  2u
#define PF_U  4u
#define PF_ID 16u

int x86_cpu_mmu_index(CPUState *cs, bool ifetch)
{
    return x86_cpl(cs->env_ptr) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
}

/*
 * Page-table reads: RAM directly through the flat view taken once per walk
 * (a walk reads up to five entries; a view reference per entry cost a fifth
 * of a Linux boot), anything else through address_space_read.
 */
static uint64_t pte_read(FlatView *fv, bool wide, uint64_t pa)
{
    unsigned n = wide ? 8 : 4;
    const FlatRange *r = flatview_lookup(fv, pa);
    uint8_t b[8] = { 0 };
    if (r && r->mr->kind == MR_RAM && r->mr->ram && pa + n <= r->addr + r->size) {
        memcpy(b, r->mr->ram + r->offset + (pa - r->addr), n);
    } else {
        address_space_read(address_space_memory(), pa, b, n);
    }
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) {
        v = v << 8 | b[i];
    }
    return v;
}

/* Set bits in the entry's low byte (A, D): a byte write, as the walker's locked OR would. */
static void pte_set(uint64_t pa, uint64_t old, uint64_t bits)
{
    if ((old & bits) != bits) {
        uint8_t lo = (uint8_t)(old | bits);
        address_space_write(address_space_memory(), pa, &lo, 1);
    }
}

typedef struct X86Walk {
    uint64_t paddr;                /* physical address of the page (size-aligned) */
    uint64_t size;                 /* page size */
    int prot;                      /* PAGE_* for this MMU index */
    uint32_t error_code;           /* #PF error code on failure */
} X86Walk;

/*
 * Walk the tables for addr: true with w filled, false with w->error_code.
 * Sets A on every level used and D on a write.
 */
static bool walk_fv(CPUArchState *env, FlatView *fv, uint64_t addr, MMUAccessType type,
                    int mmu_idx, X86Walk *w);

static bool walk(CPUArchState *env, uint64_t addr, MMUAccessType type, int mmu_idx, X86Walk *w)
{
    if (!(env->sys.cr[0] & CR0_PG)) {
        return walk_fv(env, NULL, addr, type, mmu_idx, w);
    }
    FlatView *fv = address_space_get_flatview(address_space_memory());
    bool ok = walk_fv(env, fv, addr, type, mmu_idx, w);
    flatview_unref(fv);
    return ok;
}

static bool walk_fv(CPUArchState *env, FlatView *fv, uint64_t addr, MMUAccessType type,
                    int mmu_idx, X86Walk *w)
{
    bool user = mmu_idx == X86_MMU_USER, write = type == MMU_DATA_STORE;
    bool fetch = type == MMU_INST_FETCH;
    uint64_t cr0 = env->sys.cr[0], cr4 = env->sys.cr[4];
    bool nxe = (env->sys.efer & EFER_NXE) != 0;
    bool smep = !user && (env->sys.cr[4] & CR4_SMEP);
    uint32_t err_base = (write ? PF_W : 0) | (user ? PF_U : 0) |
                        (fetch && (nxe || smep) ? PF_ID : 0);

    if (!(cr0 & CR0_PG)) {
        w->paddr = addr & (env->sys.efer & EFER_LMA ? ~0xfffull : 0xfffff000ull);
        w->size = 4096;
        w->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return true;
    }

    uint64_t ptes[5], pte_pa[5];
    int levels = 0;
    uint64_t rw = PG_RW, us = PG_US, nx = 0, size = 4096, pa_page;
    bool wide = cr4 & CR4_PAE;

    if (wide) {
        uint64_t table;
        int top;
        if (env->sys.efer & EFER_LMA) {
            table = env->sys.cr[3] & PG_ADDR;
            top = 4;
        } else {
            /* PAE: the PDPTE (no R/W, U/S, NX in it) */
            uint64_t pa = (env->sys.cr[3] & 0xffffffe0ull) + ((addr >> 30) & 3) * 8;
            uint64_t e = pte_read(fv, true, pa);
            if (!(e & PG_P)) {
                w->error_code = err_base;
                return false;
            }
            table = e & PG_ADDR;
            top = 2;
        }
        for (int lvl = top; lvl >= 1; lvl--) {
            int shift = 12 + 9 * (lvl - 1);
            uint64_t pa = table + ((addr >> shift) & 511) * 8;
            uint64_t e = pte_read(fv, true, pa);
            if (!(e & PG_P)) {
                w->error_code = err_base;
                return false;
            }
            ptes[levels] = e;
            pte_pa[levels++] = pa;
            rw &= e;
            us &= e;
            if (nxe) {
                nx |= e & PG_NX;
            }
            if (lvl == 1 || ((lvl == 2 || lvl == 3) && (e & PG_PS))) {
                size = 1ull << shift;
                pa_page = e & PG_ADDR & ~(size - 1);
                break;
            }
            table = e & PG_ADDR;
        }
    } else {
        uint64_t pa = (env->sys.cr[3] & 0xfffff000ull) + ((addr >> 22) & 1023) * 4;
        uint64_t e = pte_read(fv, false, pa);
        if (!(e & PG_P)) {
            w->error_code = err_base;
            return false;
        }
        ptes[levels] = e;
        pte_pa[levels++] = pa;
        rw &= e;
        us &= e;
        if ((e & PG_PS) && (cr4 & CR4_PSE)) {
            size = 4u << 20;
            /* PSE-36: bits 20:13 of the entry are physical bits 39:32 */
            pa_page = (e & 0xffc00000ull) | ((e >> 13) & 0xff) << 32;
        } else {
            pa = (e & 0xfffff000ull) + ((addr >> 12) & 1023) * 4;
            e = pte_read(fv, false, pa);
            if (!(e & PG_P)) {
                w->error_code = err_base;
                return false;
            }
            ptes[levels] = e;
            pte_pa[levels++] = pa;
            rw &= e;
            us &= e;
            pa_page = e & 0xfffff000ull;
        }
    }

    /* permissions (SDM vol. 3, 4.6) */
    bool ok = true;
    if (user && !us) {
        ok = false;
    } else if (write && !rw && (user || (cr0 & CR0_WP))) {
        ok = false;
    } else if (fetch && (nx || (smep && us))) {
        ok = false;
    }
    if (!ok) {
        w->error_code = err_base | PF_P;
        return false;
    }
    for (int i = 0; i < levels; i++) {
        pte_set(pte_pa[i], ptes[i], i == levels - 1 && write ? PG_A | PG_D : PG_A);
    }
    bool dirty = write || (ptes[levels - 1] & PG_D);
    int prot = PAGE_READ;
    if (!nx && !(smep && us)) {
        prot |= PAGE_EXEC;
    }
    if (dirty && (rw || (!user && !(cr0 & CR0_WP)))) {
        prot |= PAGE_WRITE;
    }
    w->paddr = pa_page;
    w->size = size;
    w->prot = prot;
    return true;
}

static bool canonical(CPUArchState *env, uint64_t addr)
{
    if (!(env->sys.efer & EFER_LMA)) {
        return true;
    }
    int64_t s = (int64_t)addr >> 47;
    return s == 0 || s == -1;
}

bool x86_cpu_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                      int mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUArchState *env = cs->env_ptr;
    X86Walk w;
    if (!canonical(env, addr)) {
        if (probe) {
            return false;
        }
        x86_raise_exception_err(env, EXCP0D_GPF, 0, retaddr);
    }
    if (!walk(env, addr, access_type, mmu_idx, &w)) {
        if (probe) {
            return false;
        }
        env->sys.cr[2] = addr;
        env->fault_addr = addr;
        x86_raise_exception_err(env, EXCP0E_PAGE, w.error_code, retaddr);
    }
    /* one 4 KiB entry; the size tells the TLB that a large page covers it */
    uint64_t off = addr & (w.size - 1) & ~0xfffull;
    tlb_set_page(cs, addr & ~0xfffull, w.paddr + off, w.prot, mmu_idx, w.size);
    return true;
}

uint64_t x86_cpu_get_phys_page_debug(CPUArchState *env, uint64_t addr)
{
    X86Walk w;
    /* the walk sets A bits as a CPU read would: harmless for a debugger's read */
    if (!walk(env, addr, MMU_DATA_LOAD, X86_MMU_KERNEL, &w)) {
        return (uint64_t)-1;
    }
    return w.paddr + (addr & (w.size - 1));
}

#endif
