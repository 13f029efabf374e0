/*
 * physmem.c — accesses through the memory API: MMIO dispatch with the
 * regions' access-size rules, address_space_read/write/map for DMA and
 * loaders, RAM dirty bitmaps, and the soft TLB's physical lookup.
 *
 * MMIO size rules.  `valid` says what the guest may do: other accesses are
 * guest errors (logged with -d guest_errors; reads give all ones, writes
 * are dropped).  `impl` says what the callbacks handle: a valid access is
 * cut into the aligned impl-sized chunks that cover it (wider ones: several
 * calls; narrower ones: one wider call, of which a read keeps the bytes
 * asked for and a write sends zeros in the other lanes).  Byte lanes follow
 * the device's endianness, so an 8-byte access to a little-endian device
 * with impl.max 4 is (low word at addr, high word at addr + 4).
 *
 * Writes to RAM through this file mark the dirty bitmaps and drop stale
 * translated code; CPU writes take the TLB's fast path instead, except to
 * regions being dirty-logged, which the TLB sees as MMIO here.
 */
#include "exec/cpu-exec.h"
#include "exec/main-loop.h"
#include "exec/memory.h"
#include "memory-internal.h"
#include "util/host.h"
#include "util/bitops.h"
#include "util/log.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

LOG_ITEM(log_guest_errors, "guest_errors",
         "log guest accesses to unassigned memory and invalid register accesses")

/* ---- byte lanes ----------------------------------------------------------- */

static void value_to_bytes(uint8_t *b, uint64_t v, unsigned size, bool big)
{
    for (unsigned i = 0; i < size; i++) {
        b[big ? size - 1 - i : i] = v >> (8 * i);
    }
}

static uint64_t bytes_to_value(const uint8_t *b, unsigned size, bool big)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)b[big ? size - 1 - i : i] << (8 * i);
    }
    return v;
}

static uint64_t size_mask(unsigned size)
{
    return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/* ---- MMIO dispatch -------------------------------------------------------- */

static unsigned rule_min(const MemoryAccessRules *r)
{
    return r->min_access_size ? r->min_access_size : 1;
}

static unsigned rule_max(const MemoryAccessRules *r, unsigned def)
{
    return r->max_access_size ? r->max_access_size : def;
}

static bool access_valid(const MemoryRegion *mr, uint64_t addr, unsigned size)
{
    const MemoryRegionOps *ops = mr->ops;
    if (size < rule_min(&ops->valid) || size > rule_max(&ops->valid, 8)) {
        return false;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        return false;
    }
    return addr < mr->size && size <= mr->size - addr;
}

/*
 * Perform a valid access of size bytes at addr as impl-sized calls.
 * bytes[] holds the access in memory order (device byte lanes).
 */
static void access_chunks(MemoryRegion *mr, uint64_t addr, unsigned size, uint8_t *bytes,
                          bool write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin = rule_min(&ops->impl), imax = rule_max(&ops->impl, 4);
    bool big = memory_device_is_big_endian(ops);
    unsigned cs = size < imin ? imin : size > imax ? imax : size;
    uint64_t start = ops->impl.unaligned ? addr : addr & ~(uint64_t)(cs - 1);

    for (uint64_t c = start; c < addr + size; c += cs) {
        uint8_t chunk[8] = { 0 };
        /* the part of the chunk inside the access */
        uint64_t lo = c > addr ? c : addr;
        uint64_t hi = c + cs < addr + size ? c + cs : addr + size;
        if (write) {
            memcpy(chunk + (lo - c), bytes + (lo - addr), hi - lo);
            if (ops->write) {
                ops->write(mr->opaque, c, bytes_to_value(chunk, cs, big), cs);
            }
        } else {
            uint64_t v = ops->read ? ops->read(mr->opaque, c, cs) : 0;
            value_to_bytes(chunk, v, cs, big);
            memcpy(bytes + (lo - addr), chunk + (lo - c), hi - lo);
        }
    }
}

static void log_invalid(MemoryRegion *mr, uint64_t addr, unsigned size, bool write)
{
    if (log_enabled(log_guest_errors)) {
        log_printf("invalid %s of %u bytes at offset 0x%" G_GINT64_MODIFIER "x of '%s'\n",
                   write ? "write" : "read", size, addr, mr->name);
    }
}

uint64_t memory_region_dispatch_read(MemoryRegion *mr, uint64_t addr, unsigned size)
{
    assert(mr->kind == MR_IO || mr->kind == MR_ROMD);
    if (!access_valid(mr, addr, size)) {
        log_invalid(mr, addr, size, false);
        return size_mask(size);
    }
    bool big = memory_device_is_big_endian(mr->ops);
    uint8_t bytes[8];
    if (mr->kind == MR_ROMD && mr->romd_mode) {
        memcpy(bytes, mr->ram + addr, size);
    } else {
        access_chunks(mr, addr, size, bytes, false);
    }
    return bytes_to_value(bytes, size, big);
}

void memory_region_dispatch_write(MemoryRegion *mr, uint64_t addr, uint64_t val,
                                  unsigned size)
{
    assert(mr->kind == MR_IO || mr->kind == MR_ROMD);
    if (!access_valid(mr, addr, size)) {
        log_invalid(mr, addr, size, true);
        return;
    }
    uint8_t bytes[8];
    value_to_bytes(bytes, val, size, memory_device_is_big_endian(mr->ops));
    access_chunks(mr, addr, size, bytes, true);
}

/* ---- dirty bitmaps -------------------------------------------------------- */

#define BITS_PER_WORD (8 * sizeof(unsigned long))

uint64_t memory_dirty_page_size(void)
{
    return host_page_size();
}

static uint64_t dirty_pages(const MemoryRegion *mr)
{
    return DIV_ROUND_UP(mr->size, memory_dirty_page_size());
}

static MemoryRegion *ram_region(MemoryRegion *mr)
{
    while (mr->kind == MR_ALIAS) {
        mr = mr->alias;
    }
    return mr;
}

void memory_region_set_log(MemoryRegion *mr, bool log, DirtyClient client)
{
    mr = ram_region(mr);
    assert(mr->ram);
    uint8_t bit = 1u << client;
    if (log && !(mr->dirty_log_mask & bit)) {
        uint64_t words = DIV_ROUND_UP(dirty_pages(mr), BITS_PER_WORD);
        mr->dirty[client] = g_new0(unsigned long, words);
        mr->dirty_log_mask |= bit;
    } else if (!log && (mr->dirty_log_mask & bit)) {
        mr->dirty_log_mask &= ~bit;
        g_free(mr->dirty[client]);
        mr->dirty[client] = NULL;
    } else {
        return;
    }
    /* CPU writes must now take (or may leave) the slow path */
    memory_tlb_flush_all();
}

void memory_region_set_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size)
{
    mr = ram_region(mr);
    if (!mr->dirty_log_mask || size == 0) {
        return;
    }
    uint64_t ps = memory_dirty_page_size();
    for (int c = 0; c < DIRTY_N; c++) {
        unsigned long *bm = mr->dirty[c];
        if (!bm) {
            continue;
        }
        for (uint64_t p = addr / ps; p <= (addr + size - 1) / ps; p++) {
            __atomic_fetch_or(&bm[p / BITS_PER_WORD], 1ul << (p % BITS_PER_WORD),
                              __ATOMIC_RELAXED);
        }
    }
}

static bool dirty_scan(MemoryRegion *mr, uint64_t addr, uint64_t size, DirtyClient client,
                       bool clear)
{
    mr = ram_region(mr);
    unsigned long *bm = mr->dirty[client];
    if (!bm || size == 0) {
        return false;
    }
    uint64_t ps = memory_dirty_page_size();
    bool dirty = false;
    for (uint64_t p = addr / ps; p <= (addr + size - 1) / ps && p < dirty_pages(mr); p++) {
        unsigned long bit = 1ul << (p % BITS_PER_WORD);
        unsigned long old = clear ? __atomic_fetch_and(&bm[p / BITS_PER_WORD], ~bit,
                                                       __ATOMIC_RELAXED)
                                  : __atomic_load_n(&bm[p / BITS_PER_WORD], __ATOMIC_RELAXED);
        dirty |= (old & bit) != 0;
    }
    return dirty;
}

bool memory_region_get_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size,
                             DirtyClient client)
{
    return dirty_scan(mr, addr, size, client, false);
}

bool memory_region_test_and_clear_dirty(MemoryRegion *mr, uint64_t addr, uint64_t size,
                                        DirtyClient client)
{
    bool dirty = dirty_scan(mr, addr, size, client, true);
    if (dirty) {
        /* CPU writes to these pages must report again */
        tlb_reset_dirty_log();
    }
    return dirty;
}

/* A write reached RAM outside the TLB fast path: dirty bits and stale code. */
static void ram_written(MemoryRegion *mr, uint64_t offset, uint64_t paddr, uint64_t len)
{
    memory_region_set_dirty(mr, offset, len);
    if (!tcg_page_bits) {
        return;                    /* no CPU yet: no translated code */
    }
    uint64_t mask = tcg_page_mask();
    for (uint64_t p = paddr & mask; p < paddr + len; p += ~mask + 1) {
        if (tb_page_has_code(p)) {
            tb_invalidate_phys_range(paddr, paddr + len);
            break;
        }
    }
}

/* ---- address spaces ------------------------------------------------------- */

/* The largest valid access for len bytes at addr of an MMIO region. */
static unsigned mmio_access_size(const MemoryRegion *mr, uint64_t addr, uint64_t len)
{
    unsigned max = rule_max(&mr->ops->valid, 8);
    unsigned s = 8;
    while (s > 1 && (s > len || s > max || (!mr->ops->valid.unaligned && (addr & (s - 1))))) {
        s >>= 1;
    }
    return s;
}

static MemTxResult flatview_rw(FlatView *fv, uint64_t addr, uint8_t *buf, uint64_t len,
                               bool write, bool rom_ok)
{
    MemTxResult res = MEMTX_OK;
    while (len) {
        const FlatRange *fr = flatview_lookup(fv, addr);
        uint64_t l;
        if (!fr) {
            /* unassigned up to the next range */
            l = len;
            for (unsigned i = 0; i < fv->nr; i++) {
                if (fv->ranges[i].addr > addr) {
                    l = MIN(len, fv->ranges[i].addr - addr);
                    break;
                }
            }
            if (log_enabled(log_guest_errors)) {
                log_printf("unassigned %s of %" G_GUINT64_FORMAT " bytes at 0x%"
                           G_GINT64_MODIFIER "x\n", write ? "write" : "read", l, addr);
            }
            if (!write) {
                memset(buf, 0xff, l);
            }
            res |= MEMTX_DECODE_ERROR;
        } else {
            MemoryRegion *mr = fr->mr;
            uint64_t off = fr->offset + (addr - fr->addr);
            l = MIN(len, fr->size - (addr - fr->addr));
            bool direct = mr->kind == MR_RAM || mr->kind == MR_ROM ||
                          (mr->kind == MR_ROMD && ((mr->romd_mode && !write) || rom_ok));
            if (direct) {
                if (!write) {
                    memcpy(buf, mr->ram + off, l);
                } else if (!fr->readonly || rom_ok) {
                    memcpy(mr->ram + off, buf, l);
                    ram_written(mr, off, addr, l);
                }
            } else {
                bool big = memory_device_is_big_endian(mr->ops);
                for (uint64_t done = 0; done < l;) {
                    unsigned s = mmio_access_size(mr, off + done, l - done);
                    if (!access_valid(mr, off + done, s)) {
                        res |= MEMTX_ERROR;
                    }
                    if (write) {
                        memory_region_dispatch_write(mr, off + done,
                                                     bytes_to_value(buf + done, s, big), s);
                    } else {
                        uint64_t v = memory_region_dispatch_read(mr, off + done, s);
                        value_to_bytes(buf + done, v, s, big);
                    }
                    done += s;
                }
            }
        }
        addr += l;
        buf += l;
        len -= l;
    }
    return res;
}

static MemTxResult address_space_rw(AddressSpace *as, uint64_t addr, uint8_t *buf,
                                    uint64_t len, bool write, bool rom_ok)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult r = flatview_rw(fv, addr, buf, len, write, rom_ok);
    flatview_unref(fv);
    return r;
}

MemTxResult address_space_read(AddressSpace *as, uint64_t addr, void *buf, uint64_t len)
{
    return address_space_rw(as, addr, buf, len, false, false);
}

MemTxResult address_space_write(AddressSpace *as, uint64_t addr, const void *buf,
                                uint64_t len)
{
    return address_space_rw(as, addr, (uint8_t *)buf, len, true, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, uint64_t addr, const void *buf,
                                    uint64_t len)
{
    return address_space_rw(as, addr, (uint8_t *)buf, len, true, true);
}

void *address_space_map(AddressSpace *as, uint64_t addr, uint64_t *plen, bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    const FlatRange *fr = flatview_lookup(fv, addr);
    void *p = NULL;
    if (fr && memory_region_is_ram(fr->mr) && !(is_write && fr->readonly)) {
        uint64_t avail = fr->size - (addr - fr->addr);
        if (*plen > avail) {
            *plen = avail;
        }
        p = fr->mr->ram + fr->offset + (addr - fr->addr);
    } else {
        *plen = 0;
    }
    flatview_unref(fv);
    return p;
}

void address_space_unmap(AddressSpace *as, void *buffer, uint64_t len, bool is_write,
                         uint64_t access_len)
{
    if (!is_write || !buffer || !access_len) {
        return;
    }
    /* find the range again from the host pointer to mark it */
    FlatView *fv = address_space_get_flatview(as);
    for (unsigned i = 0; i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];
        uint8_t *base = fr->mr->ram ? fr->mr->ram + fr->offset : NULL;
        if (base && (uint8_t *)buffer >= base && (uint8_t *)buffer < base + fr->size) {
            uint64_t off = (uint8_t *)buffer - base;
            ram_written(fr->mr, fr->offset + off, fr->addr + off, access_len);
            break;
        }
    }
    flatview_unref(fv);
}

/* ---- the soft TLB's view -------------------------------------------------- */

static uint64_t tlb_mmio_read(void *opaque, uint64_t addr, unsigned size)
{
    uint8_t b[8];
    bool locked = bql_locked();
    if (!locked) {
        bql_lock();
    }
    address_space_read(opaque, addr, b, size);
    if (!locked) {
        bql_unlock();
    }
    /* the TLB wants the bytes as a host-order number */
    switch (size) {
    case 1: return b[0];
    case 2: { uint16_t v; memcpy(&v, b, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, b, 4); return v; }
    default: { uint64_t v; memcpy(&v, b, 8); return v; }
    }
}

static void tlb_mmio_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    uint8_t b[8];
    switch (size) {
    case 1: b[0] = val; break;
    case 2: { uint16_t v = val; memcpy(b, &v, 2); break; }
    case 4: { uint32_t v = val; memcpy(b, &v, 4); break; }
    default: memcpy(b, &val, 8); break;
    }
    bool locked = bql_locked();
    if (!locked) {
        bql_lock();
    }
    address_space_write(opaque, addr, b, size);
    if (!locked) {
        bql_unlock();
    }
}

static const TLBMMIOOps tlb_mmio_ops = {
    .read = tlb_mmio_read,
    .write = tlb_mmio_write,
};

bool memory_tlb_lookup(void *opaque, uint64_t paddr, TLBPageTarget *out)
{
    AddressSpace *as = opaque;
    uint64_t psize = (uint64_t)1 << tcg_page_bits;
    FlatView *fv = address_space_get_flatview(as);
    const FlatRange *fr = flatview_lookup(fv, paddr);

    out->paddr = paddr;
    out->write_mmio = false;
    out->dirty_log = false;
    bool whole = fr && paddr - fr->addr <= fr->size - psize && fr->size >= psize;
    if (whole && memory_region_is_ram(fr->mr)) {
        out->host = fr->mr->ram + fr->offset + (paddr - fr->addr);
        out->readonly = fr->readonly;
        out->mmio = NULL;
        /* logged RAM: inline, but the first write to a clean page reports (memory_tlb_dirty) */
        out->dirty_log = fr->mr->dirty_log_mask != 0;
    } else if (whole && fr->mr->kind == MR_ROMD && fr->mr->romd_mode) {
        /* flash in ROM mode: reads and code from its memory, writes to its ops */
        out->host = fr->mr->ram + fr->offset + (paddr - fr->addr);
        out->readonly = false;
        out->write_mmio = true;
        out->mmio = &tlb_mmio_ops;
        out->opaque = as;
        out->mmio_offset = paddr;
    } else {
        /* MMIO, ROMD, mixed or unassigned: every access through the view */
        out->host = NULL;
        out->mmio = &tlb_mmio_ops;
        out->opaque = as;
        out->mmio_offset = paddr;
    }
    flatview_unref(fv);
    return true;
}

static AddressSpace *tlb_as;

void memory_region_flush_rom_device(MemoryRegion *mr, uint64_t addr, uint64_t size)
{
    assert(mr->kind == MR_ROMD);
    memory_region_set_dirty(mr, addr, size);
    if (!tlb_as || !tcg_page_bits) {
        return;
    }
    /* translated code from the flash, wherever it is mapped, is stale */
    FlatView *fv = address_space_get_flatview(tlb_as);
    for (unsigned i = 0; i < fv->nr; i++) {
        const FlatRange *f = &fv->ranges[i];
        uint64_t lo = MAX(f->offset, addr), hi = MIN(f->offset + f->size, addr + size);
        if (f->mr == mr && lo < hi) {
            tb_invalidate_phys_range(f->addr + (lo - f->offset), f->addr + (hi - f->offset));
        }
    }
    flatview_unref(fv);
}

/* A CPU wrote to a logged RAM page that was clean: mark it for every client. */
static void memory_tlb_dirty(uint64_t paddr, unsigned size)
{
    FlatView *fv = address_space_get_flatview(tlb_as);
    const FlatRange *fr = flatview_lookup(fv, paddr);
    if (fr && memory_region_is_ram(fr->mr)) {
        memory_region_set_dirty(fr->mr, fr->offset + (paddr - fr->addr), size);
    }
    flatview_unref(fv);
}

void memory_tlb_attach(AddressSpace *as)
{
    tlb_as = as;
    tlb_set_phys_lookup(memory_tlb_lookup, as);
    tlb_set_dirty_notify(memory_tlb_dirty);
}

static int tlb_flush_pending;

void memory_tlb_flush_all(void)
{
    if (current_cpu) {
        CPU_FOREACH(cpu) {
            tlb_flush(cpu);
        }
        return;
    }
    __atomic_store_n(&tlb_flush_pending, 1, __ATOMIC_SEQ_CST);
    CPU_FOREACH(cpu) {
        cpu_exit(cpu);
    }
}

void memory_tlb_flush_if_pending(void)
{
    if (__atomic_exchange_n(&tlb_flush_pending, 0, __ATOMIC_SEQ_CST)) {
        CPU_FOREACH(cpu) {
            tlb_flush(cpu);
        }
    }
}
