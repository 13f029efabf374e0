/*
 * memory.c — the region tree of the memory API (exec/memory.h): creating
 * regions, mapping them into containers, and flattening each address space's
 * tree into a FlatView after every change (or once per transaction).
 *
 * Flattening renders a container's subregions in priority order (highest
 * first, later-added first among equals) into the gaps left so far, clipped
 * to the container; an alias renders its target shifted by the alias offset;
 * a container that is itself RAM or MMIO fills what its subregions left.
 * Adjacent ranges of one region with contiguous offsets are merged.
 *
 * Views are reference counted and swapped under a mutex, so a vCPU filling
 * its TLB keeps a consistent view while the I/O thread builds the next one.
 * `info mtree` output comes from here too.
 */
#include "exec/memory.h"
#include "memory-internal.h"
#include "qom/object.h"
#include "util/error.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

static bool target_big_endian;
static int transaction_depth;
static bool transaction_pending;
static unsigned region_seq;
static AddressSpace *address_spaces;
static GMutex view_lock;

void memory_set_target_big_endian(bool big)
{
    target_big_endian = big;
}

bool memory_device_is_big_endian(const MemoryRegionOps *ops)
{
    return ops->endianness == DEVICE_BIG_ENDIAN ||
           (ops->endianness == DEVICE_NATIVE_ENDIAN && target_big_endian);
}

/* ---- regions -------------------------------------------------------------- */

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name ? name : "anonymous");
    mr->owner = owner;
    mr->size = size;
    mr->kind = MR_CONTAINER;
    mr->enabled = true;
}

static bool ram_alloc(MemoryRegion *mr, uint64_t size, Error **errp)
{
    mr->ram = g_try_malloc0(size ? size : 1);
    if (!mr->ram) {
        error_setg(errp, "cannot allocate %" G_GUINT64_FORMAT " bytes of guest memory for '%s'",
                   size, mr->name);
        return false;
    }
    mr->ram_owned = true;
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_RAM;
    return ram_alloc(mr, size, errp);
}

void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner, const char *name,
                                uint64_t size, void *ptr)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_RAM;
    mr->ram = ptr;
}

bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, Error **errp)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_ROM;
    mr->readonly = true;
    return ram_alloc(mr, size, errp);
}

bool memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size, Error **errp)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_ROMD;
    mr->ops = ops;
    mr->opaque = opaque;
    mr->romd_mode = true;
    return ram_alloc(mr, size, errp);
}

void memory_region_init_io(MemoryRegion *mr, Object *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_IO;
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, uint64_t offset, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->kind = MR_ALIAS;
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_finalize(MemoryRegion *mr)
{
    assert(!mr->container);
    if (mr->ram_owned) {
        g_free(mr->ram);
    }
    for (int i = 0; i < DIRTY_N; i++) {
        g_free(mr->dirty[i]);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

uint64_t memory_region_size(const MemoryRegion *mr)
{
    return mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    while (mr->kind == MR_ALIAS) {
        mr = mr->alias;
    }
    return mr->ram;
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM;
}

/* ---- the tree ------------------------------------------------------------- */

static void topology_changed(void)
{
    if (transaction_depth) {
        transaction_pending = true;
        return;
    }
    memory_region_transaction_begin();
    transaction_pending = true;
    memory_region_transaction_commit();
}

static void add_subregion(MemoryRegion *mr, uint64_t offset, MemoryRegion *sub, int priority)
{
    assert(!sub->container);
    sub->container = mr;
    sub->addr = offset;
    sub->priority = priority;
    sub->seq = ++region_seq;
    MemoryRegion **p = &mr->subregions;
    /* priority descending; among equals the newest first, so that it wins */
    while (*p && (*p)->priority > priority) {
        p = &(*p)->next_sibling;
    }
    sub->next_sibling = *p;
    *p = sub;
    topology_changed();
}

void memory_region_add_subregion(MemoryRegion *mr, uint64_t offset, MemoryRegion *sub)
{
    add_subregion(mr, offset, sub, 0);
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, uint64_t offset,
                                         MemoryRegion *sub, int priority)
{
    add_subregion(mr, offset, sub, priority);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    assert(sub->container == mr);
    for (MemoryRegion **p = &mr->subregions; *p; p = &(*p)->next_sibling) {
        if (*p == sub) {
            *p = sub->next_sibling;
            break;
        }
    }
    sub->container = NULL;
    sub->next_sibling = NULL;
    topology_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        topology_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, uint64_t addr)
{
    MemoryRegion *c = mr->container;
    if (!c) {
        mr->addr = addr;
        return;
    }
    memory_region_transaction_begin();
    int prio = mr->priority;
    memory_region_del_subregion(c, mr);
    add_subregion(c, addr, mr, prio);
    memory_region_transaction_commit();
}

void memory_region_set_alias_offset(MemoryRegion *mr, uint64_t offset)
{
    assert(mr->kind == MR_ALIAS);
    mr->alias_offset = offset;
    topology_changed();
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        topology_changed();
    }
}

void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode)
{
    assert(mr->kind == MR_ROMD);
    if (mr->romd_mode != romd_mode) {
        mr->romd_mode = romd_mode;
        /* the views do not change, but TLB entries pointing at the ROM do */
        memory_tlb_flush_all();
    }
}

/* ---- flattening ----------------------------------------------------------- */

typedef struct Render {
    GArray *ranges;                /* FlatRange, sorted and disjoint */
} Render;

/* Insert [addr, addr + size) -> mr@offset where nothing is yet. */
static void render_insert(Render *r, uint64_t addr, uint64_t size, MemoryRegion *mr,
                          uint64_t offset, bool readonly)
{
    unsigned __int128 end = (unsigned __int128)addr + size;   /* may be 2^64 */
    unsigned i = 0;
    while (addr < end) {
        /* skip ranges that end at or before addr */
        while (i < r->ranges->len) {
            FlatRange *f = &g_array_index(r->ranges, FlatRange, i);
            if ((unsigned __int128)f->addr + f->size > addr) {
                break;
            }
            i++;
        }
        unsigned __int128 gap_end = end;
        if (i < r->ranges->len) {
            FlatRange *f = &g_array_index(r->ranges, FlatRange, i);
            if (f->addr <= addr) {
                /* covered: skip past it */
                unsigned __int128 f_end = (unsigned __int128)f->addr + f->size;
                if (f_end >= end) {
                    return;          /* the rest is covered */
                }
                uint64_t skip = (uint64_t)f_end - addr;
                offset += skip;
                addr += skip;
                i++;
                continue;
            }
            if (f->addr < gap_end) {
                gap_end = f->addr;
            }
        }
        FlatRange nf = {
            .addr = addr, .size = (uint64_t)(gap_end - addr), .mr = mr, .offset = offset,
            .readonly = readonly,
        };
        g_array_insert_val(r->ranges, i, nf);
        i++;
        offset += nf.size;
        if (gap_end == end) {
            return;
        }
        addr = (uint64_t)gap_end;
    }
}

/*
 * Render mr placed at base, visible only inside [clip_start, clip_end).
 * Positions are 128-bit signed so that an alias may place its target's
 * start below 0 (a window into its middle) without wrapping.
 */
typedef __int128 RenderAddr;

static void render_region(Render *r, MemoryRegion *mr, RenderAddr base, RenderAddr clip_start,
                          RenderAddr clip_end, bool readonly)
{
    if (!mr->enabled || mr->size == 0) {
        return;
    }
    RenderAddr start = base, end = base + mr->size;
    if (start < clip_start) {
        start = clip_start;
    }
    if (end > clip_end) {
        end = clip_end;
    }
    if (start >= end) {
        return;
    }
    readonly = readonly || mr->readonly;
    if (mr->kind == MR_ALIAS) {
        /* the target appears at base - alias_offset, seen through our window */
        render_region(r, mr->alias, base - (RenderAddr)mr->alias_offset, start, end, readonly);
        return;
    }
    for (MemoryRegion *sub = mr->subregions; sub; sub = sub->next_sibling) {
        render_region(r, sub, base + sub->addr, start, end, readonly);
    }
    if (mr->kind != MR_CONTAINER) {
        render_insert(r, (uint64_t)start, (uint64_t)(end - start), mr,
                      (uint64_t)(start - base), readonly);
    }
}

static FlatView *flatview_build(MemoryRegion *root)
{
    Render r = { .ranges = g_array_new(FALSE, FALSE, sizeof(FlatRange)) };
    render_region(&r, root, 0, 0, (RenderAddr)UINT64_MAX + 1, false);

    /* merge neighbours that continue each other */
    GArray *out = g_array_new(FALSE, FALSE, sizeof(FlatRange));
    for (unsigned i = 0; i < r.ranges->len; i++) {
        FlatRange *f = &g_array_index(r.ranges, FlatRange, i);
        if (out->len) {
            FlatRange *p = &g_array_index(out, FlatRange, out->len - 1);
            if (p->mr == f->mr && p->addr + p->size == f->addr &&
                p->offset + p->size == f->offset && p->readonly == f->readonly) {
                p->size += f->size;
                continue;
            }
        }
        g_array_append_val(out, *f);
    }
    g_array_free(r.ranges, TRUE);

    FlatView *fv = g_new0(FlatView, 1);
    fv->ref = 1;
    fv->nr = out->len;
    fv->ranges = (FlatRange *)g_array_free(out, FALSE);
    return fv;
}

void flatview_unref(FlatView *fv)
{
    if (fv && g_atomic_int_dec_and_test(&fv->ref)) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    g_mutex_lock(&view_lock);
    FlatView *fv = as->current;
    g_atomic_int_inc(&fv->ref);
    g_mutex_unlock(&view_lock);
    return fv;
}

const FlatRange *flatview_lookup(const FlatView *fv, uint64_t addr)
{
    unsigned lo = 0, hi = fv->nr;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const FlatRange *f = &fv->ranges[mid];
        if (addr < f->addr) {
            hi = mid;
        } else if (addr - f->addr >= f->size) {
            lo = mid + 1;
        } else {
            return f;
        }
    }
    return NULL;
}

static void address_space_update(AddressSpace *as)
{
    FlatView *fv = flatview_build(as->root);
    g_mutex_lock(&view_lock);
    FlatView *old = as->current;
    as->current = fv;
    g_mutex_unlock(&view_lock);
    flatview_unref(old);
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(transaction_depth > 0);
    if (--transaction_depth == 0 && transaction_pending) {
        transaction_pending = false;
        for (AddressSpace *as = address_spaces; as; as = as->next) {
            address_space_update(as);
        }
        memory_tlb_flush_all();
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    as->current = flatview_build(root);
    AddressSpace **p = &address_spaces;
    while (*p) {
        p = &(*p)->next;
    }
    *p = as;
}

void address_space_destroy(AddressSpace *as)
{
    for (AddressSpace **p = &address_spaces; *p; p = &(*p)->next) {
        if (*p == as) {
            *p = as->next;
            break;
        }
    }
    flatview_unref(as->current);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

static MemoryRegion system_memory;
static AddressSpace system_as;

MemoryRegion *get_system_memory(void)
{
    if (!system_memory.name) {
        memory_region_init(&system_memory, NULL, "system", UINT64_MAX);
    }
    return &system_memory;
}

AddressSpace *address_space_memory(void)
{
    if (!system_as.name) {
        address_space_init(&system_as, get_system_memory(), "memory");
    }
    return &system_as;
}

/*
 * The I/O port space of machines that have one (x86 IN/OUT, ISA and PCI I/O
 * BARs): 64 KiB, its own address space so that port numbers never alias
 * physical memory.  Created on first use, so machines without ports do not
 * show it in `info mtree`.
 */
static MemoryRegion system_io;
static AddressSpace system_io_as;

MemoryRegion *get_system_io(void)
{
    if (!system_io.name) {
        memory_region_init(&system_io, NULL, "io", 0x10000);
    }
    return &system_io;
}

AddressSpace *address_space_io(void)
{
    if (!system_io_as.name) {
        address_space_init(&system_io_as, get_system_io(), "I/O");
    }
    return &system_io_as;
}

/* ---- info mtree ----------------------------------------------------------- */

static const char *kind_name(const MemoryRegion *mr)
{
    static const char *const names[] = {
        [MR_CONTAINER] = "container", [MR_RAM] = "ram", [MR_ROM] = "rom",
        [MR_ROMD] = "romd", [MR_IO] = "i/o", [MR_ALIAS] = "alias",
    };
    return names[mr->kind];
}

static void mtree_region(GString *s, const MemoryRegion *mr, uint64_t base, int depth)
{
    uint64_t end = mr->size ? base + mr->size - 1 : base;
    g_string_append_printf(s, "%*s%016" G_GINT64_MODIFIER "x-%016" G_GINT64_MODIFIER
                           "x (prio %d, %s%s): %s", depth * 2 + 2, "", base, end,
                           mr->priority, kind_name(mr), mr->readonly && mr->kind == MR_RAM ?
                           ", readonly" : "", mr->name);
    if (mr->kind == MR_ALIAS) {
        g_string_append_printf(s, " @%s %016" G_GINT64_MODIFIER "x", mr->alias->name,
                               mr->alias_offset);
    }
    if (!mr->enabled) {
        g_string_append(s, " [disabled]");
    }
    g_string_append_c(s, '\n');
    for (const MemoryRegion *sub = mr->subregions; sub; sub = sub->next_sibling) {
        mtree_region(s, sub, base + sub->addr, depth + 1);
    }
}

char *memory_mtree_string(bool flat)
{
    GString *s = g_string_new(NULL);
    for (AddressSpace *as = address_spaces; as; as = as->next) {
        g_string_append_printf(s, "address-space: %s\n", as->name);
        if (flat) {
            FlatView *fv = address_space_get_flatview(as);
            for (unsigned i = 0; i < fv->nr; i++) {
                const FlatRange *f = &fv->ranges[i];
                g_string_append_printf(s, "  %016" G_GINT64_MODIFIER "x-%016"
                                       G_GINT64_MODIFIER "x (%s%s): %s @%"
                                       G_GINT64_MODIFIER "x\n", f->addr,
                                       f->addr + f->size - 1, kind_name(f->mr),
                                       f->readonly ? ", readonly" : "", f->mr->name,
                                       f->offset);
            }
            flatview_unref(fv);
        } else {
            mtree_region(s, as->root, 0, 0);
        }
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

void memory_print_mtree(FILE *f, bool flat)
{
    char *s = memory_mtree_string(flat);
    fputs(s, f);
    g_free(s);
}
