/*
 * cputlb.h — the soft TLB of system mode: per CPU and MMU index, a
 * direct-mapped table of guest page -> host address (RAM) or MMIO callbacks,
 * filled on a miss by the target's tlb_fill hook and read by the slow paths
 * behind qemu_ld/qemu_st (tcg_helper_ld/st) and the cpu_ld and cpu_st accessors.
 *
 * The target's tlb_fill walks its page tables and calls tlb_set_page(); the
 * memory API (include/exec/memory.h: memory_tlb_attach installs
 * memory_tlb_lookup) answers "what is at this physical address"
 * through the callback given to tlb_set_phys_lookup().  Tests and simple
 * boards can pass the answer directly with tlb_set_page_full().
 *
 * Tables are sized per MMU index between 2^CPU_TLB_MIN_BITS and
 * 2^CPU_TLB_MAX_BITS entries: at each full flush, a table that was more than
 * 70% used grows, one that stayed under 30% for a while shrinks.
 */
#ifndef EXEC_CPUTLB_H
#define EXEC_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/cpu.h"

#define CPU_TLB_MIN_BITS 6
#define CPU_TLB_DEFAULT_BITS 8
#define CPU_TLB_MAX_BITS 14

/* prot bits for tlb_set_page (and the user-mode page flags). */
#define PAGE_READ  0x0001
#define PAGE_WRITE 0x0002
#define PAGE_EXEC  0x0004

/* Flags in the low bits of CPUTLBEntry.addr_*: any of them sends the access to the slow path. */
#define TLB_INVALID_MASK  (1u << 0)   /* nothing there (part of the empty value -1) */
#define TLB_NOTDIRTY      (1u << 1)   /* writes: the page holds translated code (SMC check) or
                                         is logged RAM not yet dirty (tlb_set_dirty_notify) */
#define TLB_MMIO          (1u << 2)   /* device memory: go through the MMIO callbacks (in
                                         addr_write only: a ROM device in ROM mode) */
#define TLB_DISCARD_WRITE (1u << 3)   /* ROM: writes are ignored */
#define TLB_WATCHPOINT    (1u << 4)   /* a debugger watchpoint covers part of the page */
#define TLB_FLAGS_MASK    0x1fu

/* Device memory behind a page: the value is numeric, in the access's byte order. */
typedef struct TLBMMIOOps {
    /* read size (1, 2, 4, 8) bytes at offset addr of the region */
    uint64_t (*read)(void *opaque, uint64_t addr, unsigned size);
    /* write size bytes of val at offset addr of the region */
    void (*write)(void *opaque, uint64_t addr, uint64_t val, unsigned size);
} TLBMMIOOps;

/* What a physical page is: RAM/ROM at a host address, or MMIO. */
typedef struct TLBPageTarget {
    uint64_t paddr;                /* physical address of the page */
    void *host;                    /* RAM/ROM: host address of the page; NULL for MMIO */
    bool readonly;                 /* ROM: writes are discarded */
    const TLBMMIOOps *mmio;        /* MMIO: the callbacks */
    void *opaque;                  /* their first argument */
    uint64_t mmio_offset;          /* offset of the page inside the MMIO region */
    /* ROM device in ROM mode (flash): reads and code from host, writes to the mmio callbacks */
    bool write_mmio;
    /* RAM whose writes are logged: a write to a clean page calls the dirty notifier first */
    bool dirty_log;
} TLBPageTarget;

/* The memory API's answer for paddr (page-aligned): false when nothing is mapped there. */
typedef bool (*TLBPhysLookup)(void *opaque, uint64_t paddr, TLBPageTarget *out);
/*
 * Dirty logging (the TLB_NOTDIRTY-style fast path): pages answered with
 * dirty_log take their first CPU write through the slow path, which stores,
 * calls the notifier (the memory API marks the page dirty for its logging
 * clients) and then lets further writes go inline.  When a client clears
 * its dirty bits, tlb_reset_dirty_log() makes every such page report again.
 */
typedef void (*TLBDirtyNotify)(uint64_t paddr, unsigned size);
void tlb_set_dirty_notify(TLBDirtyNotify fn);
void tlb_reset_dirty_log(void);
void tlb_set_phys_lookup(TLBPhysLookup fn, void *opaque);

/*
 * Map guest page vaddr for mmu_idx to physical paddr with prot (PAGE_*);
 * size is the guest page size or a multiple (large pages).
 */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, uint64_t paddr, int prot, int mmu_idx,
                  uint64_t size);
/* The same with the physical side given directly. */
void tlb_set_page_full(CPUState *cpu, uint64_t vaddr, const TLBPageTarget *target, int prot,
                       int mmu_idx, uint64_t size);

/* Forget every entry of cpu (all MMU indexes); resizes the tables. */
void tlb_flush(CPUState *cpu);
/* Forget the MMU indexes in idxmap (bit n = MMU index n). */
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
/* Forget the page holding addr in every MMU index. */
void tlb_flush_page(CPUState *cpu, uint64_t addr);
/* The same on every CPU. */
void tlb_flush_all_cpus(void);
void tlb_flush_page_all_cpus(uint64_t addr);

/* Entries in the table of mmu_idx (tests, `info tlb`). */
unsigned tlb_table_entries(CPUState *cpu, int mmu_idx);

/*
 * Host address of guest code at addr for the current code MMU index, filling
 * the TLB (raising the target's fault) when needed; sets *paddr.  NULL for
 * code in MMIO.
 */
void *tlb_get_code_host(CPUState *cpu, uint64_t addr, uint64_t *paddr);
/*
 * Host address for access_type at addr without faulting (probe): NULL when
 * not RAM or not mapped.
 */
void *tlb_probe_host(CPUState *cpu, uint64_t addr, MMUAccessType access_type, int mmu_idx);
/*
 * The same, but NULL also for a page whose accesses need the slow path
 * (translated code or dirty-logged RAM on a store, ROM, watchpoints): a
 * bulk helper may then touch the whole page through the host pointer.
 */
void *tlb_probe_host_plain(CPUState *cpu, uint64_t addr, MMUAccessType access_type,
                           int mmu_idx);
/*
 * The physical address of addr for access_type through the target's MMU
 * (tlb_fill in probe mode: no fault is raised), whatever is there (RAM,
 * ROM, MMIO); false when the page is not mapped.  The monitor's `x` and
 * debuggers read guest-virtual memory with it (cpu_memory_rw_debug-style).
 */
bool tlb_probe_phys(CPUState *cpu, uint64_t addr, MMUAccessType access_type, int mmu_idx,
                    uint64_t *paddr);

#endif
