/*
 * memory.h — the memory API of system mode: what sits at each guest
 * physical address, as boards and devices describe it.
 *
 * A MemoryRegion is one of:
 *   RAM        host memory the guest reads and writes directly
 *   ROM        host memory, guest writes ignored (loaded by the board/loaders)
 *   ROM device reads from host memory while in "romd" mode, every access
 *              goes to its ops otherwise (flash chips)
 *   MMIO       reads and writes call the device's MemoryRegionOps
 *   alias      a window [offset, offset + size) onto another region
 *   container  holds subregions at offsets, each with a priority; where two
 *              overlap, the higher priority wins (equal: the one added last)
 *
 * An AddressSpace has a root region; the tree under it is flattened into a
 * FlatView (sorted, non-overlapping ranges, each naming the leaf region and
 * the offset in it), rebuilt whenever the tree changes.  The CPUs' soft TLB
 * (through memory_tlb_lookup) and DMA (address_space_read/write/map) use
 * only the flat view.
 *
 *     memory_region_init_ram(&s->ram, owner, "ram", 64 << 20, &error_fatal);
 *     memory_region_add_subregion(get_system_memory(), 0, &s->ram);
 *     memory_region_init_io(&s->mmio, owner, &uart_ops, s, "uart", 0x1000);
 *     memory_region_add_subregion(get_system_memory(), 0x10000000, &s->mmio);
 *
 * Addresses not covered by any region read as all ones and ignore writes;
 * `-d guest_errors` logs each such access.  Changes to the tree are made
 * with the I/O lock held (or before the vCPUs start).
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/cputlb.h"

typedef struct Error Error;
typedef struct Object Object;
typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

/* The byte order of a device's registers as its ops see values. */
typedef enum DeviceEndian {
    DEVICE_NATIVE_ENDIAN,          /* the target's order (memory_set_target_big_endian) */
    DEVICE_LITTLE_ENDIAN,
    DEVICE_BIG_ENDIAN,
} DeviceEndian;

/* Access-size rules: sizes are powers of two in bytes; 0 means the default. */
typedef struct MemoryAccessRules {
    unsigned min_access_size;      /* smallest access (default 1) */
    unsigned max_access_size;      /* largest access (valid: default 8; impl: default 4) */
    bool unaligned;                /* offsets that are not a multiple of the size */
} MemoryAccessRules;

/*
 * A device's MMIO callbacks.  Called with the I/O lock held.  Values are
 * numbers: byte 0 of the access is their low byte for a little-endian
 * device, their high byte for a big-endian one.
 */
typedef struct MemoryRegionOps {
    /* read size bytes at offset addr of the region */
    uint64_t (*read)(void *opaque, uint64_t addr, unsigned size);
    /* write size bytes of val at offset addr of the region */
    void (*write)(void *opaque, uint64_t addr, uint64_t val, unsigned size);
    /* the registers' byte order */
    DeviceEndian endianness;
    /* what the guest may do; other accesses are guest errors (read ~0, write dropped) */
    MemoryAccessRules valid;
    /* what the callbacks handle; the core splits or widens accesses to fit */
    MemoryAccessRules impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,
    MR_ROMD,
    MR_IO,
    MR_ALIAS,
} MemoryRegionKind;

/* Dirty-memory clients: each has its own bit per guest page. */
typedef enum DirtyClient {
    DIRTY_VGA,                     /* display updates */
    DIRTY_CODE,                    /* pages written since translated code was checked */
    DIRTY_N,
} DirtyClient;

/* Treat as opaque outside softmmu/: use the functions below. */
struct MemoryRegion {
    char *name;
    Object *owner;                 /* the device (for `info mtree`), may be NULL */
    MemoryRegionKind kind;
    uint64_t size;
    uint8_t *ram;                  /* RAM/ROM/ROMD backing */
    bool ram_owned;                /* ram was allocated here (freed at finalize) */
    bool readonly;                 /* RAM made read-only */
    bool romd_mode;                /* ROMD: reads from ram (true) or through ops */
    bool enabled;
    const MemoryRegionOps *ops;    /* IO and ROMD */
    void *opaque;
    MemoryRegion *alias;           /* ALIAS: the target and the window's start in it */
    uint64_t alias_offset;

    MemoryRegion *container;       /* where it is mapped, or NULL */
    uint64_t addr;                 /* its offset in the container */
    int priority;
    unsigned seq;                  /* insertion order, for ties */
    MemoryRegion *subregions;      /* sorted: highest priority (then latest) first */
    MemoryRegion *next_sibling;

    uint8_t dirty_log_mask;        /* 1 << DirtyClient being logged */
    unsigned long *dirty[DIRTY_N]; /* per-page dirty bits of RAM (allocated when logged) */
};

/* One piece of a flat view: [addr, addr + size) is mr at offset. */
typedef struct FlatRange {
    uint64_t addr;
    uint64_t size;
    MemoryRegion *mr;
    uint64_t offset;               /* in mr */
    bool readonly;                 /* through a read-only alias or RAM */
} FlatRange;

struct FlatView {
    int ref;
    unsigned nr;
    FlatRange *ranges;             /* sorted by addr, disjoint, gaps are unassigned */
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current;             /* read with address_space_get_flatview() */
    AddressSpace *next;
};

/* ---- regions -------------------------------------------------------------- */

/* Target byte order for DEVICE_NATIVE_ENDIAN (set once by the binary's main). */
void memory_set_target_big_endian(bool big);

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name, uint64_t size);
bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp);
/* RAM over host memory the caller keeps (size bytes at ptr). */
void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner, const char *name,
                                uint64_t size, void *ptr);
bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp);
bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size, Error **errp);
void memory_region_init_io(MemoryRegion *mr, Object *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, uint64_t offset, uint64_t size);
/* Free what init allocated; mr must not be mapped. */
void memory_region_finalize(MemoryRegion *mr);

/* Map subregion at offset of mr (priority 0, or the given one). */
void memory_region_add_subregion(MemoryRegion *mr, uint64_t offset, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *mr, uint64_t offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, uint64_t addr);
void memory_region_set_alias_offset(MemoryRegion *mr, uint64_t offset);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode);
/*
 * A ROM device changed [addr, addr + size) of its memory itself (flash
 * programming): mark it dirty and drop translated code made from it (CPUs
 * execute from a ROM device in ROM mode straight from its memory).
 */
void memory_region_flush_rom_device(MemoryRegion *mr, uint64_t addr, uint64_t size);

uint64_t memory_region_size(const MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
/* Host pointer to RAM/ROM/ROMD contents (NULL for other kinds). */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
bool memory_region_is_ram(const MemoryRegion *mr);

/* Batch several changes into one rebuild of the flat views. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/*
 * Access an MMIO (or ROMD) region directly, applying its size rules: size 1..8
 * at offset addr, value as the device's byte order defines it.  Invalid
 * accesses are logged (guest_errors); reads of them give all ones.
 */
uint64_t memory_region_dispatch_read(MemoryRegion *mr, uint64_t addr, unsigned size);
void memory_region_dispatch_write(MemoryRegion *mr, uint64_t addr, uint64_t val,
                                  unsigned size);

/* ---- dirty tracking ------------------------------------------------------- */

/* Page granule of the dirty bitmaps (the host page size). */
uint64_t memory_dirty_page_size(void);
/*
 * Start or stop logging writes to a RAM region for client.  While any
 * client logs a region, CPU writes to it take the slow path.
 */
void memory_region_set_log(MemoryRegion *mr, bool log, DirtyClient client);
/* Mark [addr, addr + size) of mr dirty for every logging client. */
void memory_region_set_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size);
/* Whether any page in [addr, addr + size) is dirty for client. */
bool memory_region_get_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size,
                             DirtyClient client);
/* Test and clear for the range: true when something was dirty. */
bool memory_region_test_and_clear_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size,
                                        DirtyClient client);

/* ---- address spaces ------------------------------------------------------- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
/* The current view with a reference (release with flatview_unref); any thread. */
FlatView *address_space_get_flatview(AddressSpace *as);
void flatview_unref(FlatView *fv);
/* The range holding addr, or NULL for unassigned. */
const FlatRange *flatview_lookup(const FlatView *fv, uint64_t addr);

/* The machine's physical memory (root container and address space). */
MemoryRegion *get_system_memory(void);
AddressSpace *address_space_memory(void);
/* The 64 KiB I/O port space (root container and address space), created on first use. */
MemoryRegion *get_system_io(void);
AddressSpace *address_space_io(void);

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_DECODE_ERROR = 1,        /* some byte was unassigned */
    MEMTX_ERROR = 2,               /* an access the region does not accept */
} MemTxResult;

/* Copy guest memory (RAM/ROM directly, MMIO through the ops in the largest valid sizes). */
MemTxResult address_space_read(AddressSpace *as, uint64_t addr, void *buf, uint64_t len);
MemTxResult address_space_write(AddressSpace *as, uint64_t addr, const void *buf,
                                uint64_t len);
/* Write even to ROM (loaders and `-bios`). */
MemTxResult address_space_write_rom(AddressSpace *as, uint64_t addr, const void *buf,
                                    uint64_t len);
/*
 * Direct access for DMA: a host pointer to *plen bytes at addr (shortened to
 * the contiguous RAM available), NULL when addr is not RAM.  Unmap with the
 * length actually accessed; a write mapping marks it dirty and drops stale
 * translated code.
 */
void *address_space_map(AddressSpace *as, uint64_t addr, uint64_t *plen, bool is_write);
void address_space_unmap(AddressSpace *as, void *buffer, uint64_t len, bool is_write,
                         uint64_t access_len);

/* ---- the CPU side --------------------------------------------------------- */

/*
 * The soft TLB's lookup (TLBPhysLookup): opaque is the AddressSpace.  A page
 * wholly inside one RAM (or ROM) range gets its host pointer; anything else
 * (MMIO, ROMD outside romd mode, pages shared by several regions, logged
 * RAM, unassigned) gets MMIO callbacks that dispatch through the flat view.
 */
bool memory_tlb_lookup(void *opaque, uint64_t paddr, TLBPageTarget *out);
/* Make the CPUs' TLB fill consult as (installs memory_tlb_lookup). */
void memory_tlb_attach(AddressSpace *as);
/*
 * Called after the flat views changed: every CPU's TLB must be flushed.
 * Runs immediately on a vCPU thread (round-robin: it owns every CPU); from
 * another thread it asks the vCPUs to flush before they next run.
 */
void memory_tlb_flush_all(void);
/* The vCPU thread's check before running: flush when a change is pending. */
void memory_tlb_flush_if_pending(void);

/* `info mtree`: the region trees of every address space, and their flat views. */
void memory_print_mtree(FILE *f, bool flat);
/* The same into a string (the monitor); g_free it. */
char *memory_mtree_string(bool flat);

#endif
