/*
 * test-acpi-build.c — the PC's ACPI tables and table-loader script, checked
 * the way firmware and an OS consume them: a small interpreter executes the
 * loader script into a simulated guest memory (allocation with alignment
 * and zone, pointer patching, checksums), checking that every pointer it
 * patches lands inside its target file; then the tables are walked from
 * the RSDP as an OS does, every checksum and length verified and the FADT,
 * MADT and HPET fields compared with the ACPI specification's layouts and
 * the PIIX4 constants.  The DSDT is disassembled by the ACPICA compiler
 * (iasl, Debian package acpica-tools) when it is installed.
 */
#include "hw/acpi/acpi-build.h"
#include "hw/acpi/aml.h"
#include "hw/acpi/piix4.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#include "acpi-test.h"

#define MEM_SIZE (1 << 20)
#define HIGH_BASE 0x80000              /* where the interpreter puts "high" files */
#define FSEG_BASE 0xf0000

typedef struct LoadedFile {
    const char *name;
    GByteArray *blob;
    uint32_t addr;                     /* 0: not allocated */
} LoadedFile;

static uint8_t mem[MEM_SIZE];

static LoadedFile *find_file(LoadedFile *files, int n, const uint8_t *name)
{
    g_assert_nonnull(memchr(name, 0, 56));    /* NUL-terminated inside its 56 bytes */
    for (int i = 0; i < n; i++) {
        if (!strcmp(files[i].name, (const char *)name)) {
            return &files[i];
        }
    }
    g_assert_not_reached();
}

/* Execute the loader as SeaBIOS would; returns the RSDP's address. */
static uint32_t run_loader(AcpiBuildTables *t)
{
    LoadedFile files[] = {
        { ACPI_BUILD_RSDP_FILE, t->rsdp, 0 },
        { ACPI_BUILD_TABLES_FILE, t->tables, 0 },
    };
    uint32_t high = HIGH_BASE + 8, fseg = FSEG_BASE + 4;    /* deliberately misaligned starts */
    memset(mem, 0, sizeof(mem));
    g_assert_cmpuint(t->loader->len % 128, ==, 0);
    int allocs = 0;
    for (guint at = 0; at < t->loader->len; at += 128) {
        const uint8_t *e = t->loader->data + at;
        uint32_t cmd = test_le(e, 4);
        if (cmd == 1) {
            LoadedFile *f = find_file(files, 2, e + 4);
            uint32_t align = test_le(e + 60, 4);
            uint8_t zone = e[64];
            g_assert_cmpuint(f->addr, ==, 0);              /* once per file */
            g_assert_true(align && !(align & (align - 1)));
            g_assert_true(zone == 1 || zone == 2);
            uint32_t *cur = zone == 2 ? &fseg : &high;
            *cur = (*cur + align - 1) & ~(align - 1);
            f->addr = *cur;
            *cur += f->blob->len;
            g_assert_cmpuint(*cur, <=, zone == 2 ? 0x100000 : FSEG_BASE);
            memcpy(mem + f->addr, f->blob->data, f->blob->len);
            allocs++;
        } else if (cmd == 2) {
            LoadedFile *dst = find_file(files, 2, e + 4);
            LoadedFile *src = find_file(files, 2, e + 60);
            uint32_t off = test_le(e + 116, 4);
            uint8_t size = e[120];
            g_assert_cmpuint(dst->addr, !=, 0);
            g_assert_cmpuint(src->addr, !=, 0);
            g_assert_true(size == 1 || size == 2 || size == 4 || size == 8);
            g_assert_cmpuint(off + size, <=, dst->blob->len);
            uint64_t v = test_le(mem + dst->addr + off, size);
            /* the pointer must land inside its target */
            g_assert_cmpuint(v, <, src->blob->len);
            v += src->addr;
            for (int i = 0; i < size; i++) {
                mem[dst->addr + off + i] = v >> (8 * i);
            }
        } else if (cmd == 3) {
            LoadedFile *f = find_file(files, 2, e + 4);
            uint32_t off = test_le(e + 60, 4), start = test_le(e + 64, 4), len = test_le(e + 68, 4);
            g_assert_cmpuint(f->addr, !=, 0);
            g_assert_cmpuint(start + len, <=, f->blob->len);
            g_assert_cmpuint(off, >=, start);
            g_assert_cmpuint(off, <, start + len);
            mem[f->addr + off] -= test_sum(mem + f->addr + start, len);
        } else {
            g_assert_not_reached();
        }
    }
    g_assert_cmpint(allocs, ==, 2);
    return files[0].addr;
}

/* A table at addr: signature, a length inside memory, a zero checksum. */
static const uint8_t *table_at(uint64_t addr, const char *sig)
{
    g_assert_cmpuint(addr, >=, HIGH_BASE);
    g_assert_cmpuint(addr + 36, <=, FSEG_BASE);
    const uint8_t *t = mem + addr;
    g_assert_cmpmem(t, 4, sig, 4);
    uint32_t len = test_le(t + 4, 4);
    g_assert_cmpuint(len, >=, 36);
    g_assert_cmpuint(addr + len, <=, FSEG_BASE);
    g_assert_cmphex(test_sum(t, len), ==, 0);
    g_assert_cmpmem(t + 10, 6, "EMU   ", 6);
    return t;
}

typedef struct Found {
    const uint8_t *fadt, *madt, *hpet, *dsdt, *facs;
} Found;

static void walk(AcpiBuildTables *t, const AcpiPCConfig *cfg, Found *f)
{
    uint32_t rsdp_addr = run_loader(t);
    g_assert_cmpuint(rsdp_addr % 16, ==, 0);
    g_assert_cmpuint(rsdp_addr, >=, 0xe0000);
    const uint8_t *rsdp = mem + rsdp_addr;
    g_assert_cmpmem(rsdp, 8, "RSD PTR ", 8);
    g_assert_cmphex(test_sum(rsdp, 20), ==, 0);
    g_assert_cmpuint(rsdp[15], ==, cfg->xsdt ? 2 : 0);

    const uint8_t *root;
    int width;
    if (cfg->xsdt) {
        g_assert_cmpuint(test_le(rsdp + 20, 4), ==, 36);
        g_assert_cmphex(test_sum(rsdp, 36), ==, 0);
        root = table_at(test_le(rsdp + 24, 8), "XSDT");
        width = 8;
        table_at(test_le(rsdp + 16, 4), "RSDT");
    } else {
        root = table_at(test_le(rsdp + 16, 4), "RSDT");
        width = 4;
    }
    memset(f, 0, sizeof(*f));
    uint32_t n = (test_le(root + 4, 4) - 36) / width;
    g_assert_cmpuint(n, ==, cfg->hpet ? 3 : 2);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t a = test_le(root + 36 + i * width, width);
        const uint8_t *tb = mem + a;
        if (!memcmp(tb, "FACP", 4)) {
            f->fadt = table_at(a, "FACP");
        } else if (!memcmp(tb, "APIC", 4)) {
            f->madt = table_at(a, "APIC");
        } else if (!memcmp(tb, "HPET", 4)) {
            f->hpet = table_at(a, "HPET");
        } else {
            g_assert_not_reached();
        }
    }
    g_assert_nonnull(f->fadt);
    g_assert_nonnull(f->madt);
    f->dsdt = table_at(test_le(f->fadt + 40, 4), "DSDT");
    g_assert_cmpuint(test_le(f->fadt + 140, 8), ==, test_le(f->fadt + 40, 4));   /* X_DSDT */
    uint32_t facs = test_le(f->fadt + 36, 4);
    g_assert_cmpuint(facs % 64, ==, 0);
    f->facs = mem + facs;
    g_assert_cmpmem(f->facs, 4, "FACS", 4);
    g_assert_cmpuint(test_le(f->facs + 4, 4), ==, 64);
}

static void check_gas(const uint8_t *g, int space, int bits, uint64_t addr)
{
    g_assert_cmpuint(g[0], ==, space);
    g_assert_cmpuint(g[1], ==, bits);
    g_assert_cmpuint(test_le(g + 4, 8), ==, addr);
}

static AcpiPCConfig pc_config(void)
{
    AcpiPCConfig cfg;
    acpi_pc_config_init(&cfg);
    cfg.pci_hole_start = 0xe0000000;
    cfg.pci_hole_end = 0xfec00000;
    return cfg;
}

static void test_tables(void)
{
    AcpiPCConfig cfg = pc_config();
    cfg.ncpus = 2;
    cfg.apic_ids[1] = 1;
    AcpiBuildTables t;
    acpi_build_pc(&cfg, &t);
    Found f;
    walk(&t, &cfg, &f);

    /* FADT revision 3: 244 bytes and the PIIX4 blocks at 0x600, where SeaBIOS puts PMBA
     * when it runs a table loader */
    const uint8_t *fadt = f.fadt;
    g_assert_cmpuint(test_le(fadt + 4, 4), ==, 244);
    g_assert_cmpuint(fadt[8], ==, 3);
    g_assert_cmpuint(test_le(fadt + 46, 2), ==, 9);                     /* SCI_INT */
    g_assert_cmpuint(test_le(fadt + 48, 4), ==, 0xb2);                  /* SMI_CMD */
    g_assert_cmphex(fadt[52], ==, PIIX4_ACPI_ENABLE);
    g_assert_cmphex(fadt[53], ==, PIIX4_ACPI_DISABLE);
    g_assert_cmphex(test_le(fadt + 56, 4), ==, 0x600);                 /* PM1a_EVT_BLK */
    g_assert_cmphex(test_le(fadt + 64, 4), ==, 0x604);                 /* PM1a_CNT_BLK */
    g_assert_cmphex(test_le(fadt + 76, 4), ==, 0x608);                 /* PM_TMR_BLK */
    g_assert_cmphex(test_le(fadt + 80, 4), ==, 0x60c);                 /* GPE0_BLK */
    g_assert_cmpuint(fadt[88], ==, 4);
    g_assert_cmpuint(fadt[89], ==, 2);
    g_assert_cmpuint(fadt[91], ==, 4);
    g_assert_cmpuint(fadt[92], ==, 4);
    g_assert_cmphex(test_le(fadt + 109, 2) & 2, ==, 2);                 /* an 8042 */
    uint32_t flags = test_le(fadt + 112, 4);
    g_assert_cmphex(flags & (1 << 10), ==, 1 << 10);                   /* RESET_REG_SUP */
    g_assert_cmphex(flags & (1 << 4), ==, 0);                          /* fixed power button */
    g_assert_cmphex(flags & (1 << 8), ==, 0);                          /* 24-bit timer */
    check_gas(fadt + 116, 1, 8, 0xcf9);
    g_assert_cmphex(fadt[128], ==, 0x06);
    check_gas(fadt + 148, 1, 32, 0x600);
    check_gas(fadt + 172, 1, 16, 0x604);
    check_gas(fadt + 208, 1, 32, 0x608);

    /* MADT: LAPIC address, two CPUs, the IOAPIC, IRQ0 -> GSI 2, SCI level/high, LINT1 NMI */
    const uint8_t *madt = f.madt;
    uint32_t len = test_le(madt + 4, 4);
    g_assert_cmphex(test_le(madt + 36, 4), ==, 0xfee00000);
    g_assert_cmphex(test_le(madt + 40, 4) & 1, ==, 1);
    int cpus = 0, ioapics = 0, nmis = 0;
    bool irq0 = false, sci = false;
    for (uint32_t at = 44; at < len;) {
        const uint8_t *e = madt + at;
        g_assert_cmpuint(e[1], >=, 2);
        g_assert_cmpuint(at + e[1], <=, len);
        switch (e[0]) {
        case 0:
            g_assert_cmpuint(e[1], ==, 8);
            g_assert_cmpuint(e[3], ==, cpus);
            g_assert_cmpuint(test_le(e + 4, 4) & 1, ==, 1);
            cpus++;
            break;
        case 1:
            g_assert_cmpuint(e[1], ==, 12);
            g_assert_cmphex(test_le(e + 4, 4), ==, 0xfec00000);
            g_assert_cmpuint(test_le(e + 8, 4), ==, 0);
            ioapics++;
            break;
        case 2:
            g_assert_cmpuint(e[1], ==, 10);
            if (e[3] == 0) {
                irq0 = test_le(e + 4, 4) == 2;
            } else if (e[3] == 9) {
                sci = test_le(e + 4, 4) == 9 && test_le(e + 8, 2) == 0x0d;
            }
            break;
        case 4:
            g_assert_cmpuint(e[1], ==, 6);
            g_assert_cmpuint(e[5], ==, 1);
            nmis++;
            break;
        default:
            g_assert_not_reached();
        }
        at += e[1];
    }
    g_assert_cmpint(cpus, ==, 2);
    g_assert_cmpint(ioapics, ==, 1);
    g_assert_cmpint(nmis, ==, 1);
    g_assert_true(irq0);
    g_assert_true(sci);

    /* HPET: 56 bytes, memory GAS at 0xfed00000 */
    g_assert_nonnull(f.hpet);
    g_assert_cmpuint(test_le(f.hpet + 4, 4), ==, 56);
    g_assert_cmphex(test_le(f.hpet + 36, 4), ==, 0x8086a201);
    check_gas(f.hpet + 40, 0, 64, 0xfed00000);

    /* DSDT: AML of revision 1 with the names the OS looks up */
    g_assert_cmpuint(f.dsdt[8], ==, 1);
    uint32_t dlen = test_le(f.dsdt + 4, 4);
    static const char *const names[] = { "_S5_", "PCI0", "_PRT", "LNKA", "LNKD", "PRQA",
                                         "COM1", "KBD_", "MOU_", "HPET" };
    for (unsigned i = 0; i < G_N_ELEMENTS(names); i++) {
        g_assert_nonnull(memmem(f.dsdt, dlen, names[i], 4));
    }
    acpi_build_tables_free(&t);
}

static void test_xsdt_no_hpet(void)
{
    AcpiPCConfig cfg = pc_config();
    cfg.xsdt = true;
    cfg.hpet = false;
    cfg.pci_hole64_start = 0x800000000ull;
    cfg.pci_hole64_end = 0x1000000000ull;
    AcpiBuildTables t;
    acpi_build_pc(&cfg, &t);
    Found f;
    walk(&t, &cfg, &f);
    g_assert_null(f.hpet);
    g_assert_null(memmem(f.dsdt, test_le(f.dsdt + 4, 4), "PNP0103", 7));
    acpi_build_tables_free(&t);
}

/* A loader that skipped a checksum would leave a table whose bytes do not sum to 0. */
static void test_checksum_needed(void)
{
    AcpiPCConfig cfg = pc_config();
    AcpiBuildTables t;
    acpi_build_pc(&cfg, &t);
    int checksums = 0;
    for (guint at = 0; at < t.loader->len; at += 128) {
        checksums += t.loader->data[at] == 3;
    }
    /* DSDT, FADT, MADT, HPET, RSDT and the RSDP */
    g_assert_cmpint(checksums, ==, 6);
    g_assert_cmphex(test_sum(t.rsdp->data, 20), !=, 0);
    acpi_build_tables_free(&t);
}

/* AML encodings with values from the specification (20.2) worked out by hand. */
static void test_aml(void)
{
    Aml *a = aml_new();
    aml_eisaid(a, "PNP0A03");
    aml_int(a, 0);
    aml_int(a, 1);
    aml_int(a, 0x80);
    aml_int(a, 0x1234);
    aml_int(a, 0x12345678);
    aml_namestring(a, "\\_SB.PCI0.ISA");
    aml_namestring(a, "_S5");
    aml_namestring(a, "^PCI0.ISA");
    GByteArray *b = aml_finish(a);
    static const uint8_t want[] = {
        0x0c, 0x41, 0xd0, 0x0a, 0x03,                   /* EISAID: 0x030ad041 */
        0x00, 0x01, 0x0a, 0x80, 0x0b, 0x34, 0x12, 0x0c, 0x78, 0x56, 0x34, 0x12,
        0x5c, 0x2f, 0x03, '_', 'S', 'B', '_', 'P', 'C', 'I', '0', 'I', 'S', 'A', '_',
        '_', 'S', '5', '_',
        0x5e, 0x2e, 'P', 'C', 'I', '0', 'I', 'S', 'A', '_',
    };
    g_assert_cmpmem(b->data, b->len, want, sizeof(want));
    g_byte_array_unref(b);

    /* PkgLength: 1 byte below 64, then 2 bytes with the low nibble first (20.2.4) */
    a = aml_new();
    aml_package_begin(a, 0);
    aml_end(a);
    aml_package_begin(a, 1);
    uint8_t filler[100] = { 0 };
    aml_bytes(a, filler, sizeof(filler));
    aml_end(a);
    b = aml_finish(a);
    /* empty: 0x12, length 2 (itself + count), count 0 */
    g_assert_cmphex(b->data[0], ==, 0x12);
    g_assert_cmphex(b->data[1], ==, 0x02);
    g_assert_cmphex(b->data[2], ==, 0x00);
    /* 100 bytes + count + 2 length bytes = 103 = 0x67: 0x47, 0x06 */
    g_assert_cmphex(b->data[3], ==, 0x12);
    g_assert_cmphex(b->data[4], ==, 0x40 | 0x07);
    g_assert_cmphex(b->data[5], ==, 0x06);
    g_assert_cmpuint(b->len, ==, 3 + 1 + 103);
    g_byte_array_unref(b);
}

/* iasl disassembles the DSDT without errors, and the result names what we wrote. */
static void test_iasl(void)
{
    g_autofree char *iasl = g_find_program_in_path("iasl");
    if (!iasl) {
        g_test_skip("iasl not found (Debian package acpica-tools)");
        return;
    }
    AcpiPCConfig cfg = pc_config();
    AcpiBuildTables t;
    acpi_build_pc(&cfg, &t);
    Found f;
    walk(&t, &cfg, &f);
    g_autofree char *dir = g_dir_make_tmp("test-acpi-XXXXXX", NULL);
    g_autofree char *dat = g_build_filename(dir, "dsdt.dat", NULL);
    g_autofree char *dsl = g_build_filename(dir, "dsdt.dsl", NULL);
    g_assert_true(g_file_set_contents(dat, (const char *)f.dsdt, test_le(f.dsdt + 4, 4), NULL));
    const char *argv[] = { iasl, "-d", dat, NULL };
    g_autofree char *out = NULL, *err = NULL;
    int status;
    g_assert_true(g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, NULL));
    if (!g_spawn_check_wait_status(status, NULL)) {
        g_printerr("%s\n%s\n", out, err);
    }
    g_assert_true(g_spawn_check_wait_status(status, NULL));
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(dsl, &text, NULL, NULL));
    static const char *const want[] = {
        "Name (\\_S5, Package (0x04)", "Device (PCI0)", "EisaId (\"PNP0A03\")",
        "Name (_PRT, Package (0x80)", "EisaId (\"PNP0C0F\")", "EisaId (\"PNP0303\")",
        "EisaId (\"PNP0F13\")", "EisaId (\"PNP0501\")", "EisaId (\"PNP0B00\")",
        "EisaId (\"PNP0100\")", "EisaId (\"PNP0000\")", "EisaId (\"PNP0103\")",
        "OperationRegion (PIRQ, PCI_Config, 0x60, 0x04)", "Method (_SRS, 1",
        "Method (IQCR, 1, Serialized)", "0xE0000000,         // Range Minimum",
        "0xFEBFFFFF,         // Range Maximum", "IO (Decode16",
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(want); i++) {
        if (!strstr(text, want[i])) {
            g_printerr("missing in the disassembly: %s\n%s\n", want[i], text);
        }
        g_assert_nonnull(strstr(text, want[i]));
    }
    g_assert_null(strstr(text, "Error"));
    unlink(dat);
    unlink(dsl);
    rmdir(dir);
    acpi_build_tables_free(&t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/acpi-build/aml", test_aml);
    g_test_add_func("/acpi-build/tables", test_tables);
    g_test_add_func("/acpi-build/xsdt-no-hpet", test_xsdt_no_hpet);
    g_test_add_func("/acpi-build/checksum-needed", test_checksum_needed);
    g_test_add_func("/acpi-build/iasl", test_iasl);
    return g_test_run();
}
