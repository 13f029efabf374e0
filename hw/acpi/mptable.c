/*
 * mptable.c — the Intel MP Specification 1.4 floating pointer and
 * configuration table of a PC (include/hw/acpi/mptable.h has the
 * contract).  Layouts: MP spec 1.4, 4.1 (floating pointer, table 4-1),
 * 4.2 (header, table 4-2) and 4.3 (entries, tables 4-3..4-12); the entries
 * come in the order of their types, as 4.3 asks.
 */
#include "hw/acpi/mptable.h"
#include "hw/acpi/table-bytes.h"

#include <string.h>

#define MP_FLOAT_SIZE 16
#define MP_HEADER_SIZE 44
#define MP_SPEC_REV 4                  /* 1.4 */
#define MP_LAPIC_VERSION 0x14          /* hw/intc/apic.c's version register */
#define MP_IOAPIC_VERSION 0x20         /* hw/intc/ioapic.c's */
#define MP_BUS_PCI 0
#define MP_BUS_ISA 1
#define MP_ISA_IRQS 16
#define MP_ISA_CASCADE 2
#define MP_ALL_LAPICS 0xff

/* Entry types (4.3, table 4-3) and their lengths. */
enum {
    MP_PROCESSOR = 0,                  /* 20 bytes */
    MP_BUS = 1,                        /* 8 */
    MP_IOAPIC = 2,                     /* 8 */
    MP_IO_INT = 3,                     /* 8 */
    MP_LOCAL_INT = 4,                  /* 8 */
};

/* Interrupt types of the assignment entries (table 4-10). */
enum { MP_INT = 0, MP_NMI = 1, MP_EXTINT = 3 };

/* Processor entry CPU flags (table 4-5). */
enum { MP_CPU_EN = 1 << 0, MP_CPU_BP = 1 << 1 };

/* Make the bytes [off, off + len) sum to 0 through the byte at csum. */
static void checksum(GByteArray *b, unsigned off, unsigned len, unsigned csum)
{
    uint8_t s = 0;
    b->data[csum] = 0;
    for (unsigned i = 0; i < len; i++) {
        s += b->data[off + i];
    }
    b->data[csum] = -s;
}

static void int_entry(GByteArray *b, int type, int int_type, uint16_t flags, int bus,
                      int irq, int dest, int pin)
{
    unsigned e = table_append_zero(b, 8);
    b->data[e] = type;
    b->data[e + 1] = int_type;
    table_put_le(b, e + 2, flags, 2);
    b->data[e + 4] = bus;
    b->data[e + 5] = irq;
    b->data[e + 6] = dest;
    b->data[e + 7] = pin;
}

GByteArray *mptable_build_pc(const AcpiPCConfig *cfg, const MPTableCPUID *id, uint32_t addr)
{
    g_assert(addr % 16 == 0);
    GByteArray *b = g_byte_array_new();
    unsigned fp = table_append_zero(b, MP_FLOAT_SIZE);
    unsigned hdr = table_append_zero(b, MP_HEADER_SIZE);
    unsigned entries = 0;

    for (int i = 0; i < cfg->ncpus; i++, entries++) {
        unsigned e = table_append_zero(b, 20);
        b->data[e] = MP_PROCESSOR;
        b->data[e + 1] = cfg->apic_ids[i];
        b->data[e + 2] = MP_LAPIC_VERSION;
        b->data[e + 3] = MP_CPU_EN | (i == 0 ? MP_CPU_BP : 0);
        table_put_le(b, e + 4, id->signature, 4);
        table_put_le(b, e + 8, id->features, 4);
    }
    static const struct { int id; const char *name; } buses[] = {
        { MP_BUS_PCI, "PCI" }, { MP_BUS_ISA, "ISA" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(buses); i++, entries++) {
        unsigned e = table_append_zero(b, 8);
        b->data[e] = MP_BUS;
        b->data[e + 1] = buses[i].id;
        table_put_padded(b, e + 2, buses[i].name, 6);
    }
    unsigned e = table_append_zero(b, 8);
    b->data[e] = MP_IOAPIC;
    b->data[e + 1] = cfg->ioapic_id;
    b->data[e + 2] = MP_IOAPIC_VERSION;
    b->data[e + 3] = 1;                                   /* enabled */
    table_put_le(b, e + 4, cfg->ioapic_addr, 4);
    entries++;

    /* ISA IRQ n to the IOAPIC pin the MADT gives it (its override, else GSI n) */
    for (int irq = 0; irq < MP_ISA_IRQS; irq++) {
        if (irq == MP_ISA_CASCADE) {
            continue;
        }
        uint32_t gsi = irq;
        uint16_t flags = ACPI_INTI_CONFORMING;
        for (int i = 0; i < cfg->noverrides; i++) {
            if (cfg->overrides[i].source == irq) {
                gsi = cfg->overrides[i].gsi;
                flags = cfg->overrides[i].flags;
            }
        }
        /* the MPS INTI flags are the MP spec's PO/EL bits (table 4-11) */
        int_entry(b, MP_IO_INT, MP_INT, flags, MP_BUS_ISA, irq, cfg->ioapic_id,
                  gsi - cfg->ioapic_gsi_base);
        entries++;
    }
    /* every CPU's LINT0 in virtual wire mode (the 8259's INT), LINT1 the NMI */
    int_entry(b, MP_LOCAL_INT, MP_EXTINT, ACPI_INTI_CONFORMING, MP_BUS_ISA, 0, MP_ALL_LAPICS, 0);
    int_entry(b, MP_LOCAL_INT, MP_NMI, ACPI_INTI_CONFORMING, MP_BUS_ISA, 0, MP_ALL_LAPICS, 1);
    entries += 2;

    memcpy(b->data + hdr, "PCMP", 4);
    table_put_le(b, hdr + 4, b->len - hdr, 2);                  /* base table length */
    b->data[hdr + 6] = MP_SPEC_REV;
    table_put_padded(b, hdr + 8, cfg->oem_id, 8);
    table_put_padded(b, hdr + 16, cfg->oem_table_id, 12);
    table_put_le(b, hdr + 34, entries, 2);
    table_put_le(b, hdr + 36, cfg->lapic_addr, 4);
    checksum(b, hdr, b->len - hdr, hdr + 7);

    memcpy(b->data + fp, "_MP_", 4);
    table_put_le(b, fp + 4, addr + hdr, 4);                     /* physical address pointer */
    b->data[fp + 8] = 1;                                  /* length in 16-byte units */
    b->data[fp + 9] = MP_SPEC_REV;
    /* feature bytes 0: the table is present; IMCRP clear: virtual wire mode */
    checksum(b, fp, MP_FLOAT_SIZE, fp + 10);
    return b;
}
