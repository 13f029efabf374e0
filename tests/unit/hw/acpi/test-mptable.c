/*
 * test-mptable.c — the PC's MP table (hw/acpi/mptable.c) read as an OS
 * reads it, with the layouts of the Intel MultiProcessor Specification 1.4
 * written out here: the floating pointer ("_MP_", length 1, revision 4,
 * checksum, the configuration table's physical address), the header
 * ("PCMP", base length, checksum, entry count, LAPIC address, no extended
 * table), and the entries in ascending type order: one processor per CPU
 * (the BSP flagged), the PCI and ISA buses, the I/O APIC, ISA IRQs 0-15 but
 * 2 (IRQ 0 on pin 2 and the level/high overrides, as the machine's MADT
 * says), LINT0 ExtINT and LINT1 NMI to every local APIC.
 */
#include "hw/acpi/acpi-build.h"
#include "hw/acpi/mptable.h"

#include <string.h>

#include <glib.h>

#include "acpi-test.h"

#define ADDR 0xf0020

/* Entry lengths by type (MP spec 1.4, 4.3). */
static int entry_len(uint8_t type)
{
    g_assert_cmpuint(type, <=, 4);
    return type == 0 ? 20 : 8;
}

typedef struct Parsed {
    int ncpus, nbuses, nioapics, nioints, nlocal;
    uint8_t cpu_ids[16], cpu_flags[16];
    uint32_t cpu_sig, cpu_features;
    char bus_type[2][7];
    uint8_t bus_id[2];
    uint8_t ioapic_id;
    uint32_t ioapic_addr;
    int isa_pin[16], isa_flags[16];     /* -1: no entry */
    uint8_t local[2][8];
} Parsed;

/* The blob placed at ADDR, parsed from the floating pointer on. */
static void parse(GByteArray *b, Parsed *p)
{
    memset(p, 0, sizeof(*p));
    for (int i = 0; i < 16; i++) {
        p->isa_pin[i] = p->isa_flags[i] = -1;
    }
    const uint8_t *fp = b->data;
    g_assert_cmpmem(fp, 4, "_MP_", 4);
    g_assert_cmpint(fp[8], ==, 1);
    g_assert_cmpint(fp[9], ==, 4);
    g_assert_cmphex(test_sum(fp, 16), ==, 0);
    g_assert_cmpint(fp[11], ==, 0);                  /* a configuration table follows */
    uint32_t cfg_addr = test_le(fp + 4, 4);
    g_assert_cmpuint(cfg_addr, >=, ADDR + 16);
    uint32_t off = cfg_addr - ADDR;
    g_assert_cmpuint(off + 44, <=, b->len);
    const uint8_t *h = b->data + off;
    g_assert_cmpmem(h, 4, "PCMP", 4);
    uint32_t len = test_le(h + 4, 2);
    g_assert_cmpuint(off + len, <=, b->len);
    g_assert_cmpint(h[6], ==, 4);
    g_assert_cmphex(test_sum(h, len), ==, 0);
    g_assert_cmpmem(h + 8, 8, "EMU     ", 8);
    g_assert_cmpuint(test_le(h + 36, 4), ==, 0xfee00000);
    g_assert_cmpuint(test_le(h + 40, 2), ==, 0);      /* no extended entries */
    uint32_t count = test_le(h + 34, 2);
    uint32_t at = 44;
    int last_type = 0;
    for (uint32_t i = 0; i < count; i++) {
        g_assert_cmpuint(at, <, len);
        const uint8_t *e = h + at;
        g_assert_cmpint(e[0], >=, last_type);        /* ascending types */
        last_type = e[0];
        switch (e[0]) {
        case 0:
            p->cpu_ids[p->ncpus] = e[1];
            g_assert_cmphex(e[2], ==, 0x14);
            p->cpu_flags[p->ncpus++] = e[3];
            p->cpu_sig = test_le(e + 4, 4);
            p->cpu_features = test_le(e + 8, 4);
            break;
        case 1:
            p->bus_id[p->nbuses] = e[1];
            memcpy(p->bus_type[p->nbuses++], e + 2, 6);
            break;
        case 2:
            p->nioapics++;
            p->ioapic_id = e[1];
            g_assert_cmphex(e[3] & 1, ==, 1);
            p->ioapic_addr = test_le(e + 4, 4);
            break;
        case 3:
            p->nioints++;
            g_assert_cmpint(e[1], ==, 0);            /* INT */
            g_assert_cmpint(e[4], ==, 1);            /* from the ISA bus */
            g_assert_cmpint(e[6], ==, p->ioapic_id);
            g_assert_cmpint(p->isa_pin[e[5]], ==, -1);
            p->isa_pin[e[5]] = e[7];
            p->isa_flags[e[5]] = test_le(e + 2, 2);
            break;
        case 4:
            g_assert_cmpint(p->nlocal, <, 2);
            memcpy(p->local[p->nlocal++], e, 8);
            break;
        }
        at += entry_len(e[0]);
    }
    g_assert_cmpuint(at, ==, len);
}

static void test_pc(void)
{
    AcpiPCConfig cfg;
    acpi_pc_config_init(&cfg);
    cfg.ncpus = 3;
    cfg.apic_ids[0] = 0;
    cfg.apic_ids[1] = 2;
    cfg.apic_ids[2] = 5;
    MPTableCPUID id = { .signature = 0x663, .features = 0x0781abfd };
    GByteArray *b = mptable_build_pc(&cfg, &id, ADDR);
    Parsed p;
    parse(b, &p);
    g_assert_cmpint(p.ncpus, ==, 3);
    const uint8_t ids[] = { 0, 2, 5 };
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(p.cpu_ids[i], ==, ids[i]);
        g_assert_cmphex(p.cpu_flags[i], ==, i == 0 ? 3 : 1);   /* EN, and BP for the first */
    }
    g_assert_cmphex(p.cpu_sig, ==, 0x663);
    g_assert_cmphex(p.cpu_features, ==, 0x0781abfd);
    g_assert_cmpint(p.nbuses, ==, 2);
    g_assert_cmpstr(p.bus_type[0], ==, "PCI   ");
    g_assert_cmpstr(p.bus_type[1], ==, "ISA   ");
    g_assert_cmpint(p.bus_id[1], ==, 1);
    g_assert_cmpint(p.nioapics, ==, 1);
    g_assert_cmpint(p.ioapic_id, ==, 0);
    g_assert_cmphex(p.ioapic_addr, ==, 0xfec00000);
    /* ISA IRQs: identity but IRQ 0 -> pin 2, no IRQ 2; 5/9/10/11 level (11b) high (01b) */
    g_assert_cmpint(p.nioints, ==, 15);
    for (int irq = 0; irq < 16; irq++) {
        int want_pin = irq == 2 ? -1 : irq == 0 ? 2 : irq;
        int want_flags = irq == 2 ? -1 : (irq == 5 || irq == 9 || irq == 10 || irq == 11)
                                         ? 0xd : 0;
        g_assert_cmpint(p.isa_pin[irq], ==, want_pin);
        g_assert_cmpint(p.isa_flags[irq], ==, want_flags);
    }
    /* LINT0 ExtINT, LINT1 NMI, to all local APICs (0xff) */
    g_assert_cmpint(p.nlocal, ==, 2);
    const uint8_t lint0[8] = { 4, 3, 0, 0, 1, 0, 0xff, 0 };
    const uint8_t lint1[8] = { 4, 1, 0, 0, 1, 0, 0xff, 1 };
    g_assert_cmpmem(p.local[0], 8, lint0, 8);
    g_assert_cmpmem(p.local[1], 8, lint1, 8);
    g_byte_array_unref(b);
}

/* A different IOAPIC id and GSI base, no overrides: the pins follow them. */
static void test_ioapic_base(void)
{
    AcpiPCConfig cfg;
    acpi_pc_config_init(&cfg);
    cfg.ioapic_id = 4;
    cfg.ioapic_gsi_base = 0;
    cfg.noverrides = 0;
    MPTableCPUID id = { 0 };
    GByteArray *b = mptable_build_pc(&cfg, &id, ADDR);
    Parsed p;
    parse(b, &p);
    g_assert_cmpint(p.ncpus, ==, 1);
    g_assert_cmpint(p.ioapic_id, ==, 4);
    for (int irq = 0; irq < 16; irq++) {
        g_assert_cmpint(p.isa_pin[irq], ==, irq == 2 ? -1 : irq);
        g_assert_cmpint(p.isa_flags[irq], ==, irq == 2 ? -1 : 0);
    }
    g_byte_array_unref(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mptable/pc", test_pc);
    g_test_add_func("/mptable/ioapic", test_ioapic_base);
    return g_test_run();
}
