/*
 * test-acpi-place.c — the board running the table loader itself
 * (hw/acpi/acpi-place.c), checked the way a kernel consumes the result:
 * the PC's tables (hw/acpi/acpi-build.c) are registered as fw_cfg files,
 * placed into a PC-like memory (RAM, and a ROM standing for the BIOS at
 * 0xe0000-0xfffff), and then the test, knowing nothing of the placer,
 * scans 0xe0000-0xfffff on 16-byte boundaries for "RSD PTR " with a valid
 * checksum (ACPI 6.x 5.2.5.1, what Linux's acpi_find_root_pointer does),
 * walks the RSDT/XSDT, the FADT's FACS and DSDT, and checks every checksum,
 * the alignments ACPI asks for (FACS 64 bytes, RSDP 16) and that every
 * table lies inside the high-zone range the board reserves in its e820 map.
 * Bytes outside what the placer reports stay as they were; placing again
 * (the next reset) gives the same result; a zone too small or a missing
 * script is an error that writes nothing.
 */
#include "exec/memory.h"
#include "hw/acpi/acpi-build.h"
#include "hw/acpi/acpi-place.h"
#include "hw/nvram/fw_cfg.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

#include "acpi-test.h"

#define RAM_SIZE (16 << 20)
#define BIOS_AREA 0xe0000
#define BIOS_AREA_SIZE 0x20000
#define HIGH_START (RAM_SIZE - 64 * 1024 + 8)   /* deliberately misaligned */
#define RAM_FILL 0x5a

static MemoryRegion ram, rom;
static uint8_t *ram_ptr, *rom_ptr;
static uint8_t rom_image[BIOS_AREA_SIZE];

/* Guest memory as the kernel sees it: the ROM over RAM in the BIOS area. */
static const uint8_t *phys(uint64_t addr, uint64_t len)
{
    if (addr >= BIOS_AREA && addr + len <= BIOS_AREA + BIOS_AREA_SIZE) {
        return rom_ptr + addr - BIOS_AREA;
    }
    g_assert_cmpuint(addr + len, <=, RAM_SIZE);
    return ram_ptr + addr;
}

/* A fresh machine: RAM filled with a pattern, a "BIOS" of pseudo-random bytes, a new fw_cfg. */
static FWCfgState *machine_reset(const AcpiPCConfig *cfg)
{
    memset(ram_ptr, RAM_FILL, RAM_SIZE);
    memcpy(rom_ptr, rom_image, BIOS_AREA_SIZE);
    FWCfgState *fw = fw_cfg_find();
    if (!fw) {
        fw = fw_cfg_init_io(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE, address_space_memory(),
                            &error_fatal);
    }
    if (cfg) {
        AcpiBuildTables t;
        acpi_build_pc(cfg, &t);
        fw_cfg_add_file(fw, ACPI_BUILD_RSDP_FILE, t.rsdp->data, t.rsdp->len, &error_fatal);
        fw_cfg_add_file(fw, ACPI_BUILD_TABLES_FILE, t.tables->data, t.tables->len,
                        &error_fatal);
        fw_cfg_add_file(fw, ACPI_BUILD_LOADER_FILE, t.loader->data, t.loader->len,
                        &error_fatal);
        acpi_build_tables_free(&t);
    }
    return fw;
}

/* The scan of ACPI 6.x 5.2.5.1 over 0xe0000-0xfffff: the first valid RSDP, or 0. */
static uint64_t scan_rsdp(void)
{
    for (uint64_t a = BIOS_AREA; a + 20 <= BIOS_AREA + BIOS_AREA_SIZE; a += 16) {
        const uint8_t *p = phys(a, 20);
        if (memcmp(p, "RSD PTR ", 8) || test_sum(p, 20)) {
            continue;
        }
        if (p[15] >= 2) {
            uint32_t len = test_le(p + 20, 4);
            if (len < 36 || a + len > BIOS_AREA + BIOS_AREA_SIZE || test_sum(p, len)) {
                continue;
            }
        }
        return a;
    }
    return 0;
}

typedef struct Walk {
    const AcpiPlaced *placed;
    int ntables;
    char sigs[16][5];
} Walk;

/* A table the OS follows a pointer to: signature, length, checksum, inside the e820 ACPI range. */
static const uint8_t *follow(Walk *w, uint64_t addr, const char *sig, bool checksummed)
{
    const uint8_t *t = phys(addr, 8);
    g_assert_cmpmem(t, 4, sig, 4);
    uint32_t len = test_le(t + 4, 4);
    g_assert_cmpuint(len, >=, checksummed ? 36 : 64);
    t = phys(addr, len);
    if (checksummed) {
        g_assert_cmphex(test_sum(t, len), ==, 0);
    }
    g_assert_cmpuint(addr, >=, w->placed->high_used.start);
    g_assert_cmpuint(addr + len, <=, w->placed->high_used.end);
    g_assert_cmpint(w->ntables, <, 16);
    memcpy(w->sigs[w->ntables++], sig, 5);
    return t;
}

/* From the RSDP down, as Linux's table manager does. */
static void walk(Walk *w, uint64_t rsdp_addr, bool xsdt)
{
    const uint8_t *rsdp = phys(rsdp_addr, 20);
    g_assert_cmpint(rsdp[15], ==, xsdt ? 2 : 0);
    const uint8_t *root = xsdt ? follow(w, test_le(rsdp + 24, 8), "XSDT", true)
                               : follow(w, test_le(rsdp + 16, 4), "RSDT", true);
    if (xsdt) {
        follow(w, test_le(rsdp + 16, 4), "RSDT", true);
    }
    int width = xsdt ? 8 : 4;
    uint32_t n = (test_le(root + 4, 4) - 36) / width;
    g_assert_cmpuint(n, ==, 3);                        /* FADT, MADT, HPET */
    const uint8_t *fadt = NULL;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t a = test_le(root + 36 + i * width, width);
        const char *sig = (const char *)phys(a, 4);
        const uint8_t *t = follow(w, a, !memcmp(sig, "FACP", 4) ? "FACP"
                                          : !memcmp(sig, "APIC", 4) ? "APIC" : "HPET", true);
        if (!memcmp(sig, "FACP", 4)) {
            fadt = t;
        }
    }
    g_assert_nonnull(fadt);
    uint64_t facs = test_le(fadt + 36, 4);
    g_assert_cmpuint(facs % 64, ==, 0);                /* ACPI 6.x 5.2.10 */
    follow(w, facs, "FACS", false);
    uint64_t dsdt = test_le(fadt + 40, 4);
    g_assert_cmpuint(test_le(fadt + 140, 8), ==, dsdt); /* X_DSDT agrees */
    const uint8_t *d = follow(w, dsdt, "DSDT", true);
    /* the AML starts with \_S5_: the tables are the builder's, not something else */
    g_assert_nonnull(memmem(d + 36, test_le(d + 4, 4) - 36, "_S5_", 4));
}

static AcpiPCConfig pc_config(bool xsdt)
{
    AcpiPCConfig cfg;
    acpi_pc_config_init(&cfg);
    cfg.ncpus = 2;
    cfg.apic_ids[0] = 0;
    cfg.apic_ids[1] = 1;
    cfg.pci_hole_start = RAM_SIZE;
    cfg.pci_hole_end = 0xfec00000;
    cfg.xsdt = xsdt;
    return cfg;
}

static const AcpiPlaceZones pc_zones = {
    .high = { HIGH_START, RAM_SIZE },
    .fseg = { 0xf0000, 0x100000 },
};

/* Nothing outside [lo, hi) of RAM and [flo, fhi) of the BIOS area changed. */
static void check_untouched(uint64_t lo, uint64_t hi, uint64_t flo, uint64_t fhi)
{
    for (uint64_t a = 0; a < RAM_SIZE; a++) {
        if (a >= lo && a < hi) {
            continue;
        }
        if (ram_ptr[a] != RAM_FILL) {
            g_test_message("RAM at 0x%" G_GINT64_MODIFIER "x changed", a);
            g_assert_not_reached();
        }
    }
    for (uint64_t a = BIOS_AREA; a < BIOS_AREA + BIOS_AREA_SIZE; a++) {
        if ((a < flo || a >= fhi) && rom_ptr[a - BIOS_AREA] != rom_image[a - BIOS_AREA]) {
            g_test_message("BIOS area at 0x%" G_GINT64_MODIFIER "x changed", a);
            g_assert_not_reached();
        }
    }
}

static void check_placement(bool xsdt)
{
    AcpiPCConfig cfg = pc_config(xsdt);
    FWCfgState *fw = machine_reset(&cfg);
    AcpiPlaced p;
    g_assert_true(acpi_place_from_fw_cfg(fw, address_space_memory(), &pc_zones, &p,
                                         &error_abort));
    /* the kernel's scan finds the RSDP where the board says it is */
    uint64_t rsdp = scan_rsdp();
    g_assert_cmphex(rsdp, !=, 0);
    g_assert_cmphex(rsdp, ==, p.rsdp);
    g_assert_cmpuint(rsdp % 16, ==, 0);
    g_assert_cmpuint(p.fseg_used.start, ==, rsdp);
    g_assert_cmpuint(p.fseg_used.end, ==, rsdp + (xsdt ? 36 : 20));
    /* the reported ranges lie inside their zones */
    g_assert_cmpuint(p.high_used.start, >=, pc_zones.high.start);
    g_assert_cmpuint(p.high_used.end, <=, pc_zones.high.end);
    g_assert_cmpuint(p.high_used.start % 64, ==, 0);   /* the tables file's alignment */
    Walk w = { .placed = &p };
    walk(&w, rsdp, xsdt);
    g_assert_cmpint(w.ntables, ==, xsdt ? 7 : 6);
    check_untouched(p.high_used.start, p.high_used.end, p.fseg_used.start, p.fseg_used.end);
}

static void test_rsdt(void)
{
    check_placement(false);
}

static void test_xsdt(void)
{
    check_placement(true);
}

/* Placing twice (a second reset) gives the same bytes at the same places. */
static void test_again(void)
{
    AcpiPCConfig cfg = pc_config(false);
    FWCfgState *fw = machine_reset(&cfg);
    AcpiPlaced p1, p2;
    g_assert_true(acpi_place_from_fw_cfg(fw, address_space_memory(), &pc_zones, &p1,
                                         &error_abort));
    size_t len = p1.high_used.end - p1.high_used.start;
    uint8_t *first = g_memdup2(phys(p1.high_used.start, len), len);
    g_assert_true(acpi_place_from_fw_cfg(fw, address_space_memory(), &pc_zones, &p2,
                                         &error_abort));
    g_assert_cmpmem(&p1, sizeof(p1), &p2, sizeof(p2));
    g_assert_cmpmem(first, len, phys(p2.high_used.start, len), len);
    g_free(first);
}

static void test_zone_too_small(void)
{
    AcpiPCConfig cfg = pc_config(false);
    FWCfgState *fw = machine_reset(&cfg);
    AcpiPlaceZones z = pc_zones;
    z.high.start = z.high.end - 1024;                  /* the DSDT alone is larger */
    AcpiPlaced p;
    Error *err = NULL;
    g_assert_false(acpi_place_from_fw_cfg(fw, address_space_memory(), &z, &p, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), ACPI_BUILD_TABLES_FILE));
    error_free(err);
    check_untouched(0, 0, 0, 0);
    g_assert_cmphex(scan_rsdp(), ==, 0);
}

/* No script (fw_cfg keeps a replaced, empty file as absent): an error, nothing written. */
static void test_no_loader(void)
{
    FWCfgState *fw = machine_reset(NULL);
    fw_cfg_add_file(fw, ACPI_BUILD_LOADER_FILE, "", 0, &error_fatal);
    AcpiPlaced p;
    Error *err = NULL;
    g_assert_false(acpi_place_from_fw_cfg(fw, address_space_memory(), &pc_zones, &p, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), ACPI_BUILD_LOADER_FILE));
    error_free(err);
    g_assert_cmphex(p.rsdp, ==, 0);
    check_untouched(0, 0, 0, 0);
    g_assert_cmphex(scan_rsdp(), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &error_fatal);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    memory_region_init_rom(&rom, NULL, "bios", BIOS_AREA_SIZE, &error_fatal);
    memory_region_add_subregion_overlap(get_system_memory(), BIOS_AREA, &rom, 1);
    ram_ptr = memory_region_get_ram_ptr(&ram);
    rom_ptr = memory_region_get_ram_ptr(&rom);
    /* a "BIOS" with no RSDP of its own: any valid one the scan finds was placed */
    GRand *r = g_rand_new_with_seed(8);
    for (size_t i = 0; i < sizeof(rom_image); i++) {
        rom_image[i] = g_rand_int(r);
    }
    g_rand_free(r);
    g_test_add_func("/acpi-place/rsdt", test_rsdt);
    g_test_add_func("/acpi-place/xsdt", test_xsdt);
    g_test_add_func("/acpi-place/again", test_again);
    g_test_add_func("/acpi-place/zone-too-small", test_zone_too_small);
    g_test_add_func("/acpi-place/no-script", test_no_loader);
    return g_test_run();
}
