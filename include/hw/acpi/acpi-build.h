/*
 * acpi-build.h — the ACPI tables of a PC, built from a description the
 * board fills, with the fw_cfg table-loader script that lets SeaBIOS place
 * and link them.
 *
 * Tables (ACPI 6.x chapter 5): RSDP (revision 0 with an RSDT, or revision 2
 * with an XSDT and an RSDT), FADT revision 3, FACS, DSDT, MADT, and an HPET
 * table when the machine has one.  The DSDT holds \_S5_ (the PIIX4 soft-off
 * type), the PCI root PNP0A03 with its _CRS windows and a _PRT that routes
 * each slot's INTA..D through the PIIX3's link devices LNKA..LNKD (whose
 * _CRS/_SRS read and write PIRQ route registers 0x60-0x63 of 00:01.0), the
 * ISA devices (PNP0303 keyboard, PNP0F13 mouse, PNP0501 COM1, PNP0B00 RTC,
 * PNP0100 PIT, PNP0000 PIC) and the HPET (PNP0103).
 *
 * Output: three fw_cfg files the board registers as they are.
 *
 *     AcpiPCConfig cfg;
 *     acpi_pc_config_init(&cfg);                     // PC defaults (below)
 *     cfg.ncpus = 1; cfg.apic_ids[0] = 0;
 *     cfg.pci_hole_start = 0xe0000000; cfg.pci_hole_end = 0xfec00000;
 *     AcpiBuildTables t;
 *     acpi_build_pc(&cfg, &t);
 *     fw_cfg_add_file(fw, ACPI_BUILD_RSDP_FILE, t.rsdp->data, t.rsdp->len);
 *     fw_cfg_add_file(fw, ACPI_BUILD_TABLES_FILE, t.tables->data, t.tables->len);
 *     fw_cfg_add_file(fw, ACPI_BUILD_LOADER_FILE, t.loader->data, t.loader->len);
 *     acpi_build_tables_free(&t);                    // fw_cfg_add_file copies
 *
 * Pointers inside the blobs are offsets into their target file until the
 * loader adds the file's address; checksums are 0 until the loader sets them.
 */
#ifndef HW_ACPI_ACPI_BUILD_H
#define HW_ACPI_ACPI_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define ACPI_BUILD_RSDP_FILE "etc/acpi/rsdp"
#define ACPI_BUILD_TABLES_FILE "etc/acpi/tables"
#define ACPI_BUILD_LOADER_FILE "etc/table-loader"

#define ACPI_MAX_CPUS 255
#define ACPI_MAX_OVERRIDES 16

/* MPS INTI flags of an interrupt source override (ACPI 6.x, table 5.50). */
enum {
    ACPI_INTI_CONFORMING = 0x0,
    ACPI_INTI_ACTIVE_HIGH = 0x1,
    ACPI_INTI_ACTIVE_LOW = 0x3,
    ACPI_INTI_EDGE = 0x1 << 2,
    ACPI_INTI_LEVEL = 0x3 << 2,
};

typedef struct AcpiIntOverride {
    uint8_t source;                    /* ISA IRQ */
    uint32_t gsi;
    uint16_t flags;                    /* ACPI_INTI_* */
} AcpiIntOverride;

typedef struct AcpiPCConfig {
    char oem_id[7];                    /* 6 characters, space padded in the tables */
    char oem_table_id[9];              /* 8 characters */
    bool xsdt;                         /* RSDP revision 2 with an XSDT (and an RSDT) */

    int ncpus;
    uint8_t apic_ids[ACPI_MAX_CPUS];
    uint32_t lapic_addr;               /* 0xfee00000 */
    uint8_t ioapic_id;
    uint32_t ioapic_addr;              /* 0xfec00000 */
    uint32_t ioapic_gsi_base;
    int noverrides;
    AcpiIntOverride overrides[ACPI_MAX_OVERRIDES];

    uint16_t pm_base;                  /* PIIX4 PMBA: the FADT's blocks (include/hw/acpi/piix4.h) */
    uint8_t sci_irq;                   /* 9 */
    uint32_t reset_port;               /* FADT RESET_REG (I/O), 0xcf9 */
    uint8_t reset_value;               /* 0x06 */

    bool hpet;
    uint32_t hpet_addr;                /* 0xfed00000 */
    uint32_t hpet_block_id;            /* the HPET's capabilities low 32 bits (vendor, comparators) */

    int pci_slots;                     /* _PRT entries for slots 0 .. pci_slots - 1 */
    uint32_t pci_hole_start;           /* 32-bit PCI memory window [start, end) */
    uint32_t pci_hole_end;
    uint64_t pci_hole64_start;         /* 64-bit window [start, end); 0 size: none */
    uint64_t pci_hole64_end;
} AcpiPCConfig;

typedef struct AcpiBuildTables {
    GByteArray *rsdp;                  /* ACPI_BUILD_RSDP_FILE */
    GByteArray *tables;                /* ACPI_BUILD_TABLES_FILE */
    GByteArray *loader;                /* ACPI_BUILD_LOADER_FILE */
} AcpiBuildTables;

/*
 * The PC defaults: OEM "EMU   "/"EMUPC   ", one CPU with APIC id 0, LAPIC
 * 0xfee00000, IOAPIC id 0 at 0xfec00000 from GSI 0, overrides IRQ0 -> GSI 2
 * and IRQs 5, 9, 10, 11 level / active high (the SCI and the PCI links),
 * PM base PIIX4_PM_BASE, SCI 9, reset 0xcf9 <- 0x06, HPET at 0xfed00000,
 * 32 PCI slots, RSDP revision 0.  The board sets the PCI windows.
 */
void acpi_pc_config_init(AcpiPCConfig *cfg);
void acpi_build_pc(const AcpiPCConfig *cfg, AcpiBuildTables *out);
void acpi_build_tables_free(AcpiBuildTables *t);

#endif
