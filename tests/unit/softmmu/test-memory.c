/*
 * test-memory.c — the memory API: flat views against a brute-force
 * point-query model of the region tree (random trees with overlapping
 * priorities, aliases, disabled regions), MMIO splitting and size rules
 * against hand-computed call sequences, unassigned accesses, ROM, dirty
 * bitmaps and the TLB lookup.
 */
#include "exec/memory.h"
#include "util/error.h"
#include "util/log.h"

#include <string.h>

#include <glib.h>

/* ---- reference: what is at one address, walking the tree ------------------ */

typedef struct Hit {
    MemoryRegion *mr;
    uint64_t offset;
    bool readonly;
} Hit;

/* The leaf region seen at addr inside mr placed at base (independent of memory.c). */
static bool ref_lookup(MemoryRegion *mr, __int128 base, uint64_t addr, bool ro, Hit *out)
{
    if (!mr->enabled || addr < base || addr >= base + (__int128)mr->size) {
        return false;
    }
    ro = ro || mr->readonly;
    if (mr->kind == MR_ALIAS) {
        return ref_lookup(mr->alias, base - (__int128)mr->alias_offset, addr, ro, out);
    }
    /* candidates: highest priority first, latest added first among equals */
    MemoryRegion *best = NULL;
    bool found = false;
    for (;;) {
        MemoryRegion *cand = NULL;
        for (MemoryRegion *s = mr->subregions; s; s = s->next_sibling) {
            if (best && (s->priority > best->priority ||
                         (s->priority == best->priority && s->seq >= best->seq))) {
                continue;          /* already tried */
            }
            if (!cand || s->priority > cand->priority ||
                (s->priority == cand->priority && s->seq > cand->seq)) {
                cand = s;
            }
        }
        if (!cand) {
            break;
        }
        best = cand;
        if (ref_lookup(cand, base + cand->addr, addr, ro, out)) {
            found = true;
            break;
        }
    }
    if (found) {
        return true;
    }
    if (mr->kind != MR_CONTAINER) {
        out->mr = mr;
        out->offset = addr - base;
        out->readonly = ro;
        return true;
    }
    return false;
}

static uint64_t dummy_read(void *opaque, uint64_t addr, unsigned size)
{
    return 0;
}

static const MemoryRegionOps dummy_ops = {
    .read = dummy_read,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* Random trees of 1..3 levels over a 64 KiB window, compared at every 16th byte. */
static void test_flatview_random(void)
{
    GRand *rand = g_rand_new_with_seed(7);
    for (int round = 0; round < 200; round++) {
        enum { N = 24 };
        MemoryRegion *regs = g_new0(MemoryRegion, N);
        MemoryRegion root;
        AddressSpace as;
        memory_region_init(&root, NULL, "root", 0x10000);
        address_space_init(&as, &root, "test");
        memory_region_transaction_begin();
        int nregs = 0;
        for (int i = 0; i < N; i++) {
            MemoryRegion *r = &regs[i];
            uint64_t size = (g_rand_int_range(rand, 1, 64)) * 0x100;
            char name[16];
            g_snprintf(name, sizeof(name), "r%d", i);
            int kind = g_rand_int_range(rand, 0, 4);
            if (kind == 3 && nregs > 0) {
                MemoryRegion *target = &regs[g_rand_int_range(rand, 0, nregs)];
                uint64_t off = g_rand_int_range(rand, 0, 0x40) * 0x80;
                memory_region_init_alias(r, NULL, name, target, off, size);
            } else if (kind == 2) {
                memory_region_init(r, NULL, name, size);   /* container */
            } else if (kind == 1) {
                memory_region_init_io(r, NULL, &dummy_ops, NULL, name, size);
            } else {
                memory_region_init_ram(r, NULL, name, size, &error_fatal);
            }
            /* parent: the root or an earlier container (no cycles) */
            MemoryRegion *parent = &root;
            int pick = g_rand_int_range(rand, -3, nregs);
            if (pick >= 0 && regs[pick].kind == MR_CONTAINER) {
                parent = &regs[pick];
            }
            uint64_t at = g_rand_int_range(rand, 0, 0x100) * 0x100;
            int prio = g_rand_int_range(rand, -2, 3);
            memory_region_add_subregion_overlap(parent, at, r, prio);
            if (g_rand_int_range(rand, 0, 8) == 0) {
                memory_region_set_enabled(r, false);
            }
            if (kind == 0 && g_rand_int_range(rand, 0, 6) == 0) {
                memory_region_set_readonly(r, true);
            }
            nregs++;
        }
        memory_region_transaction_commit();

        FlatView *fv = address_space_get_flatview(&as);
        for (uint64_t a = 0; a < 0x10000; a += 16) {
            Hit h = { 0 };
            bool expect = ref_lookup(&root, 0, a, false, &h);
            const FlatRange *fr = flatview_lookup(fv, a);
            if (!expect) {
                g_assert_null(fr);
                continue;
            }
            g_assert_nonnull(fr);
            g_assert(fr->mr == h.mr);
            g_assert_cmphex(fr->offset + (a - fr->addr), ==, h.offset);
            g_assert_cmpint(fr->readonly, ==, h.readonly);
        }
        /* ranges are sorted, disjoint and non-empty */
        for (unsigned i = 0; i < fv->nr; i++) {
            g_assert_cmpuint(fv->ranges[i].size, >, 0);
            if (i) {
                g_assert_cmphex(fv->ranges[i - 1].addr + fv->ranges[i - 1].size, <=,
                                fv->ranges[i].addr);
            }
        }
        flatview_unref(fv);
        address_space_destroy(&as);
        for (int i = 0; i < N; i++) {
            if (regs[i].container) {
                memory_region_del_subregion(regs[i].container, &regs[i]);
            }
        }
        for (int i = N - 1; i >= 0; i--) {
            memory_region_finalize(&regs[i]);
        }
        memory_region_finalize(&root);
        g_free(regs);
    }
    g_rand_free(rand);
}

/* A hand-checked case: RAM with an MMIO hole at higher priority and an alias of the RAM. */
static void test_flatview_fixed(void)
{
    MemoryRegion root, ram, hole, alias;
    AddressSpace as;
    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "fixed");
    memory_region_init_ram(&ram, NULL, "ram", 0x4000, &error_fatal);
    memory_region_init_io(&hole, NULL, &dummy_ops, NULL, "hole", 0x1000);
    memory_region_init_alias(&alias, NULL, "alias", &ram, 0x3000, 0x2000);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion_overlap(&root, 0x1000, &hole, 1);
    memory_region_add_subregion(&root, 0x10000, &alias);

    FlatView *fv = address_space_get_flatview(&as);
    /* ram 0-fff, hole 1000-1fff, ram 2000-3fff, alias: ram@3000 10000-10fff (ram is 16K) */
    g_assert_cmpuint(fv->nr, ==, 4);
    g_assert(fv->ranges[0].mr == &ram && fv->ranges[0].addr == 0 && fv->ranges[0].size == 0x1000);
    g_assert(fv->ranges[1].mr == &hole && fv->ranges[1].addr == 0x1000);
    g_assert(fv->ranges[2].mr == &ram && fv->ranges[2].addr == 0x2000 &&
             fv->ranges[2].offset == 0x2000 && fv->ranges[2].size == 0x2000);
    g_assert(fv->ranges[3].mr == &ram && fv->ranges[3].addr == 0x10000 &&
             fv->ranges[3].offset == 0x3000 && fv->ranges[3].size == 0x1000);
    flatview_unref(fv);

    /* moving the hole rebuilds the view */
    memory_region_set_address(&hole, 0x3000);
    fv = address_space_get_flatview(&as);
    g_assert(flatview_lookup(fv, 0x1000)->mr == &ram);
    g_assert(flatview_lookup(fv, 0x3800)->mr == &hole);
    flatview_unref(fv);

    /* DMA through the view: the alias writes the RAM */
    uint32_t v = 0x11223344;
    g_assert_cmpint(address_space_write(&as, 0x10010, &v, 4), ==, MEMTX_OK);
    g_assert_cmpint(memcmp((uint8_t *)memory_region_get_ram_ptr(&ram) + 0x3010, &v, 4), ==, 0);
    address_space_destroy(&as);
}

/* ---- MMIO ----------------------------------------------------------------- */

typedef struct Call {
    bool write;
    uint64_t addr, val;
    unsigned size;
} Call;

typedef struct Dev {
    Call calls[32];
    int n;
    uint8_t regs[16];              /* the device's byte-addressed backing, in its lane order */
    bool big;
} Dev;

static uint64_t dev_read(void *opaque, uint64_t addr, unsigned size)
{
    Dev *d = opaque;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)d->regs[addr + i] << (8 * (d->big ? size - 1 - i : i));
    }
    d->calls[d->n++] = (Call){ false, addr, v, size };
    return v;
}

static void dev_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    Dev *d = opaque;
    d->calls[d->n++] = (Call){ true, addr, val, size };
    for (unsigned i = 0; i < size; i++) {
        d->regs[addr + i] = val >> (8 * (d->big ? size - 1 - i : i));
    }
}

static void test_mmio_split(void)
{
    /* callbacks take only bytes: a 4-byte access is four calls */
    static const MemoryRegionOps byte_ops = {
        .read = dev_read, .write = dev_write, .endianness = DEVICE_LITTLE_ENDIAN,
        .impl = { .max_access_size = 1 },
    };
    Dev d = { 0 };
    MemoryRegion mr;
    memory_region_init_io(&mr, NULL, &byte_ops, &d, "bytes", 16);
    memory_region_dispatch_write(&mr, 4, 0xa1b2c3d4, 4);
    g_assert_cmpint(d.n, ==, 4);
    for (int i = 0; i < 4; i++) {
        g_assert(d.calls[i].write && d.calls[i].size == 1 && d.calls[i].addr == 4 + i);
    }
    g_assert_cmphex(d.calls[0].val, ==, 0xd4);   /* little-endian: low byte first */
    g_assert_cmphex(d.calls[3].val, ==, 0xa1);
    d.n = 0;
    g_assert_cmphex(memory_region_dispatch_read(&mr, 4, 4), ==, 0xa1b2c3d4);
    g_assert_cmpint(d.n, ==, 4);

    /* a big-endian device with 4-byte callbacks: an 8-byte access is high word first */
    static const MemoryRegionOps be_ops = {
        .read = dev_read, .write = dev_write, .endianness = DEVICE_BIG_ENDIAN,
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };
    Dev b = { .big = true };
    MemoryRegion mb;
    memory_region_init_io(&mb, NULL, &be_ops, &b, "be", 16);
    memory_region_dispatch_write(&mb, 8, 0x0102030405060708ull, 8);
    g_assert_cmpint(b.n, ==, 2);
    g_assert(b.calls[0].addr == 8 && b.calls[0].val == 0x01020304 && b.calls[0].size == 4);
    g_assert(b.calls[1].addr == 12 && b.calls[1].val == 0x05060708);
    /* a 1-byte read is widened to the aligned word; byte 9 is 0x02 in BE lanes */
    b.n = 0;
    g_assert_cmphex(memory_region_dispatch_read(&mb, 9, 1), ==, 0x02);
    g_assert(b.n == 1 && b.calls[0].addr == 8 && b.calls[0].size == 4);
    /* a 2-byte write at 10 is widened: the other lanes get zeros */
    b.n = 0;
    memory_region_dispatch_write(&mb, 10, 0xbeef, 2);
    g_assert(b.n == 1 && b.calls[0].addr == 8 && b.calls[0].val == 0x0000beef);

    /* through an address space: bytes come out in the device's lane order */
    MemoryRegion root;
    AddressSpace as;
    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "mmio");
    memory_region_add_subregion(&root, 0x1000, &mb);
    uint8_t buf[4];
    g_assert_cmpint(address_space_read(&as, 0x1008, buf, 4), ==, MEMTX_OK);
    g_assert(buf[0] == 0 && buf[1] == 0 && buf[2] == 0xbe && buf[3] == 0xef);
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &mb);
}

static void test_mmio_valid(void)
{
    /* the guest may use only aligned 2- and 4-byte accesses */
    static const MemoryRegionOps ops = {
        .read = dev_read, .write = dev_write, .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 2, .max_access_size = 4 },
        .impl = { .max_access_size = 4 },
    };
    Dev d = { 0 };
    MemoryRegion mr;
    memory_region_init_io(&mr, NULL, &ops, &d, "strict", 16);
    g_assert_cmphex(memory_region_dispatch_read(&mr, 0, 1), ==, 0xff);
    g_assert_cmphex(memory_region_dispatch_read(&mr, 0, 8), ==, ~0ull);
    g_assert_cmphex(memory_region_dispatch_read(&mr, 2, 4), ==, 0xffffffff);
    memory_region_dispatch_write(&mr, 1, 0x55, 2);
    g_assert_cmpint(d.n, ==, 0);                 /* none reached the device */
    memory_region_dispatch_write(&mr, 4, 0x55aa, 2);
    g_assert_cmpint(d.n, ==, 1);
    /* unaligned access allowed by valid but not by impl: split into bytes */
    static const MemoryRegionOps loose = {
        .read = dev_read, .write = dev_write, .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .unaligned = true },
        .impl = { .max_access_size = 4 },
    };
    Dev e = { .regs = { 0, 1, 2, 3, 4, 5, 6, 7 } };
    MemoryRegion ml;
    memory_region_init_io(&ml, NULL, &loose, &e, "loose", 16);
    g_assert_cmphex(memory_region_dispatch_read(&ml, 1, 4), ==, 0x04030201);
    g_assert_cmpint(e.n, ==, 2);                 /* words at 0 and 4 */
    g_assert(e.calls[0].addr == 0 && e.calls[1].addr == 4);
}

/* ---- unassigned, ROM, dirty, TLB ----------------------------------------- */

static void test_unassigned_rom_dirty(void)
{
    MemoryRegion root, rom, ram;
    AddressSpace as;
    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "misc");
    memory_region_init_rom(&rom, NULL, "rom", 0x1000, &error_fatal);
    memory_region_init_ram(&ram, NULL, "ram", 0x10000, &error_fatal);
    memory_region_add_subregion(&root, 0, &rom);
    memory_region_add_subregion(&root, 0x100000, &ram);

    uint8_t buf[8];
    memset(buf, 0, 8);
    g_assert_cmpint(address_space_read(&as, 0x5000, buf, 8), ==, MEMTX_DECODE_ERROR);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(buf[i], ==, 0xff);
    }
    /* a read straddling ROM and the gap after it */
    g_assert_cmpint(address_space_read(&as, 0xffc, buf, 8), ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(buf[3], ==, 0);
    g_assert_cmphex(buf[4], ==, 0xff);

    uint32_t v = 0xdeadbeef;
    address_space_write(&as, 0x10, &v, 4);       /* ignored: ROM */
    g_assert_cmpint(address_space_read(&as, 0x10, buf, 4), ==, MEMTX_OK);
    g_assert_cmphex(buf[0], ==, 0);
    address_space_write_rom(&as, 0x10, &v, 4);   /* a loader may */
    address_space_read(&as, 0x10, buf, 4);
    g_assert_cmpint(memcmp(buf, &v, 4), ==, 0);

    /* dirty bits: only logged clients, page granular */
    uint64_t ps = memory_dirty_page_size();
    memory_region_set_log(&ram, true, DIRTY_VGA);
    g_assert(!memory_region_get_dirty(&ram, 0, 0x10000, DIRTY_VGA));
    address_space_write(&as, 0x100000 + ps + 3, &v, 4);
    g_assert(!memory_region_get_dirty(&ram, 0, ps, DIRTY_VGA));
    g_assert(memory_region_get_dirty(&ram, ps, 1, DIRTY_VGA));
    g_assert(memory_region_test_and_clear_dirty(&ram, 0, 0x10000, DIRTY_VGA));
    g_assert(!memory_region_get_dirty(&ram, 0, 0x10000, DIRTY_VGA));

    /* DMA map: contiguous RAM only */
    uint64_t len = 0x20000;
    void *p = address_space_map(&as, 0x10f000, &len, true);
    g_assert(p == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0xf000);
    g_assert_cmphex(len, ==, 0x1000);
    memset(p, 1, 16);
    address_space_unmap(&as, p, len, true, 16);
    g_assert(memory_region_get_dirty(&ram, 0xf000, 16, DIRTY_VGA));
    len = 16;
    g_assert_null(address_space_map(&as, 0x5000, &len, false));
    address_space_destroy(&as);
}

/* ---- what the soft TLB is told --------------------------------------------- */

extern unsigned tcg_page_bits;     /* accel/tcg: the guest page size, set by the first CPU */

static void test_tlb_lookup(void)
{
    tcg_page_bits = 12;
    MemoryRegion root, ram, rom, io, small;
    AddressSpace as;
    Dev d = { 0 };
    static const MemoryRegionOps ops = {
        .read = dev_read, .write = dev_write, .endianness = DEVICE_LITTLE_ENDIAN,
    };
    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "tlb");
    memory_region_init_ram(&ram, NULL, "ram", 0x4000, &error_fatal);
    memory_region_init_rom(&rom, NULL, "rom", 0x1000, &error_fatal);
    memory_region_init_io(&io, NULL, &ops, &d, "io", 16);
    memory_region_init_ram(&small, NULL, "small", 0x800, &error_fatal);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x10000, &rom);
    memory_region_add_subregion(&root, 0x20000, &io);
    memory_region_add_subregion(&root, 0x30000, &small);   /* half a page */

    TLBPageTarget t = { 0 };
    g_assert(memory_tlb_lookup(&as, 0x2000, &t));
    g_assert(t.host == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0x2000 && !t.readonly);
    g_assert(memory_tlb_lookup(&as, 0x10000, &t));
    g_assert(t.host == memory_region_get_ram_ptr(&rom) && t.readonly);
    /* MMIO, a page only partly RAM, unassigned: callbacks through the view */
    static const uint64_t slow[] = { 0x20000, 0x30000, 0x50000 };
    for (size_t i = 0; i < G_N_ELEMENTS(slow); i++) {
        memset(&t, 0, sizeof(t));
        g_assert(memory_tlb_lookup(&as, slow[i], &t));
        g_assert_null(t.host);
        g_assert_nonnull(t.mmio);
        g_assert_cmphex(t.mmio_offset, ==, slow[i]);
    }
    /* the callbacks: the TLB passes host-order numbers of the bytes */
    memory_tlb_lookup(&as, 0x20000, &t);
    t.mmio->write(t.opaque, t.mmio_offset + 4, 0x11223344, 4);
    g_assert(d.n == 1 && d.calls[0].addr == 4 && d.calls[0].val == 0x11223344);
    g_assert_cmphex(t.mmio->read(t.opaque, t.mmio_offset + 4, 2), ==, 0x3344);
    memory_tlb_lookup(&as, 0x50000, &t);
    g_assert_cmphex(t.mmio->read(t.opaque, 0x50010, 4), ==, 0xffffffff);

    /* RAM being logged stays inline, flagged for the dirty notifier (test-tlbmodes runs it) */
    memory_region_set_log(&ram, true, DIRTY_VGA);
    memory_tlb_lookup(&as, 0x2000, &t);
    g_assert(t.host == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0x2000 && t.dirty_log);
    memory_region_set_log(&ram, false, DIRTY_VGA);
    memory_tlb_lookup(&as, 0x2000, &t);
    g_assert(t.host && !t.dirty_log);

    /* a ROM device: in ROM mode host memory with writes to the ops, else all ops */
    MemoryRegion flash;
    memory_region_init_rom_device(&flash, NULL, &ops, &d, "flash", 0x2000, &error_fatal);
    memory_region_add_subregion(&root, 0x40000, &flash);
    memset(&t, 0, sizeof(t));
    memory_tlb_lookup(&as, 0x41000, &t);
    g_assert(t.host == (uint8_t *)memory_region_get_ram_ptr(&flash) + 0x1000);
    g_assert(t.write_mmio && !t.readonly && t.mmio && t.mmio_offset == 0x41000);
    d.n = 0;
    t.mmio->write(t.opaque, 0x40008, 0x5a, 1);  /* (the test device has 16 bytes) */
    g_assert(d.n == 1 && d.calls[0].addr == 8 && d.calls[0].val == 0x5a);
    memory_region_rom_device_set_romd(&flash, false);
    memory_tlb_lookup(&as, 0x41000, &t);
    g_assert(!t.host && !t.write_mmio && t.mmio);
    memory_region_del_subregion(&root, &flash);
    address_space_destroy(&as);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/flatview/random", test_flatview_random);
    g_test_add_func("/memory/flatview/fixed", test_flatview_fixed);
    g_test_add_func("/memory/mmio/split", test_mmio_split);
    g_test_add_func("/memory/mmio/valid", test_mmio_valid);
    g_test_add_func("/memory/unassigned-rom-dirty", test_unassigned_rom_dirty);
    g_test_add_func("/memory/tlb-lookup", test_tlb_lookup);
    return g_test_run();
}
