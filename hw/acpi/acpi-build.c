/*
 * acpi-build.c — the ACPI tables of the PC (include/hw/acpi/acpi-build.h)
 * and the table-loader script that places them in guest memory.
 *
 * Layout of ACPI_BUILD_TABLES_FILE (allocated 64-byte aligned in high
 * memory): FACS (first, for its 64-byte alignment), DSDT, FADT, MADT,
 * [HPET], RSDT, [XSDT].  ACPI_BUILD_RSDP_FILE holds the RSDP and goes to
 * the F segment, where an OS searches for it.  Every table pointer is
 * written as the offset of its target inside ACPI_BUILD_TABLES_FILE and
 * named in an ADD_POINTER command; every checksum is left 0 and named in
 * an ADD_CHECKSUM command after all pointers (the loader runs in order).
 *
 * Layouts: ACPI 6.x 5.2.5 (RSDP), 5.2.6 (header), 5.2.7/8 (RSDT/XSDT),
 * 5.2.9 (FADT, revision 3 = the ACPI 2.0 layout, 244 bytes), 5.2.10 (FACS),
 * 5.2.12 (MADT); the IA-PC HPET specification 1.0a, 3.2.4 (HPET table).
 */
#include "hw/acpi/acpi-build.h"

#include "hw/acpi/aml.h"
#include "hw/acpi/piix4.h"
#include "hw/acpi/table-bytes.h"
#include "hw/acpi/table-loader.h"

#include <string.h>

#define ACPI_HEADER_SIZE 36
#define ACPI_CREATOR_ID "EMU "
#define ACPI_CREATOR_REV 1
#define FADT_SIZE 244
#define FACS_SIZE 64

/* FADT fixed feature flags (5.2.9, table 5.10). */
enum {
    FADT_F_WBINVD = 1 << 0,
    FADT_F_PROC_C1 = 1 << 2,
    FADT_F_SLP_BUTTON = 1 << 5,        /* no fixed-feature sleep button */
    FADT_F_RESET_REG_SUP = 1 << 10,
};

/* IA-PC boot architecture flags (5.2.9.3). */
enum {
    FADT_BOOT_LEGACY_DEVICES = 1 << 0,
    FADT_BOOT_8042 = 1 << 1,
};

/* MADT entry types (5.2.12). */
enum {
    MADT_LOCAL_APIC = 0,
    MADT_IO_APIC = 1,
    MADT_INT_OVERRIDE = 2,
    MADT_LOCAL_APIC_NMI = 4,
};

/* Generic address structure (5.2.3.2) address spaces and access sizes. */
enum { GAS_MEMORY = 0, GAS_IO = 1 };
enum { GAS_ACCESS_BYTE = 1, GAS_ACCESS_WORD = 2, GAS_ACCESS_DWORD = 3 };

/* The PIIX3's PIRQ route registers, read and written by the link devices. */
#define PIIX3_PIRQ_REGS 0x60
static const char *const link_names[4] = { "LNKA", "LNKB", "LNKC", "LNKD" };
static const char *const pirq_fields[4] = { "PRQA", "PRQB", "PRQC", "PRQD" };
/* The ISA IRQs a PIRQ may be routed to (what SeaBIOS and Linux choose from). */
static const uint32_t link_irqs[] = { 5, 10, 11 };

/* ---- bytes (see hw/acpi/table-bytes.h for the field writers) ------------------- */

/* A generic address structure at off. */
static void put_gas(GByteArray *b, unsigned off, int space, int bits, int access, uint64_t addr)
{
    b->data[off] = space;
    b->data[off + 1] = bits;
    b->data[off + 2] = 0;
    b->data[off + 3] = access;
    table_put_le(b, off + 4, addr, 8);
}

/* ---- tables -------------------------------------------------------------------- */

typedef struct AcpiBuilder {
    const AcpiPCConfig *cfg;
    GByteArray *tables;
    GByteArray *pointers;              /* ADD_POINTER commands */
    GByteArray *checksums;             /* ADD_CHECKSUM commands, after the pointers */
} AcpiBuilder;

/* Start a table with its header (length and checksum filled by table_end). */
static unsigned table_begin(AcpiBuilder *ab, const char *sig, uint8_t rev)
{
    GByteArray *b = ab->tables;
    unsigned off = table_append_zero(b, ACPI_HEADER_SIZE);
    memcpy(b->data + off, sig, 4);
    b->data[off + 8] = rev;
    table_put_padded(b, off + 10, ab->cfg->oem_id, 6);
    table_put_padded(b, off + 16, ab->cfg->oem_table_id, 8);
    table_put_le(b, off + 24, 1, 4);         /* OEM revision */
    memcpy(b->data + off + 28, ACPI_CREATOR_ID, 4);
    table_put_le(b, off + 32, ACPI_CREATOR_REV, 4);
    return off;
}

static void table_end(AcpiBuilder *ab, unsigned off)
{
    unsigned len = ab->tables->len - off;
    table_put_le(ab->tables, off + 4, len, 4);
    table_loader_add_checksum(ab->checksums, ACPI_BUILD_TABLES_FILE, off + 9, off, len);
}

/* A pointer field at off (size bytes) of the tables file to target_off in the tables file. */
static void table_pointer(AcpiBuilder *ab, unsigned off, int size, unsigned target_off)
{
    table_put_le(ab->tables, off, target_off, size);
    table_loader_add_pointer(ab->pointers, ACPI_BUILD_TABLES_FILE, ACPI_BUILD_TABLES_FILE, off,
                             size);
}

static unsigned build_facs(AcpiBuilder *ab)
{
    GByteArray *b = ab->tables;
    unsigned off = table_append_zero(b, FACS_SIZE);
    memcpy(b->data + off, "FACS", 4);
    table_put_le(b, off + 4, FACS_SIZE, 4);
    b->data[off + 32] = 1;             /* version */
    return off;
}

/* ---- the DSDT -------------------------------------------------------------------- */

static void dsdt_name_crs(Aml *a, GByteArray *res)
{
    aml_res_end(res);
    aml_name_decl(a, "_CRS");
    aml_buffer(a, res->data, res->len);
    g_byte_array_unref(res);
}

/* Device(name) { _HID EISA id, [_UID], _CRS: the ports and IRQ given } */
static void dsdt_isa_device(Aml *a, const char *name, const char *hid, int uid,
                            const uint16_t (*ports)[3], int nports, int irq)
{
    aml_device_begin(a, name);
    aml_name_decl(a, "_HID");
    aml_eisaid(a, hid);
    if (uid >= 0) {
        aml_name_decl(a, "_UID");
        aml_int(a, uid);
    }
    GByteArray *res = g_byte_array_new();
    for (int i = 0; i < nports; i++) {
        aml_res_io(res, ports[i][0], ports[i][0], ports[i][1], ports[i][2]);
    }
    if (irq >= 0) {
        aml_res_irq_noflags(res, 1 << irq);
    }
    dsdt_name_crs(a, res);
    aml_end(a);
}

static void dsdt_isa_bridge(Aml *a)
{
    aml_device_begin(a, "ISA");
    aml_name_decl(a, "_ADR");
    aml_int(a, 0x00010000);            /* 00:01.0 */
    /* the PIRQ route registers: bit 7 disables, bits 3:0 the ISA IRQ */
    aml_operation_region(a, "PIRQ", AML_REGION_PCI_CONFIG, PIIX3_PIRQ_REGS, 4);
    aml_field_begin(a, "PIRQ", AML_FIELD_BYTE_ACC);
    for (int i = 0; i < 4; i++) {
        aml_field_unit(a, pirq_fields[i], 8);
    }
    aml_end(a);

    static const uint16_t kbd[][3] = { { 0x60, 1, 1 }, { 0x64, 1, 1 } };
    static const uint16_t com1[][3] = { { 0x3f8, 0, 8 } };
    static const uint16_t rtc[][3] = { { 0x70, 1, 8 } };
    static const uint16_t pit[][3] = { { 0x40, 1, 4 } };
    static const uint16_t pic[][3] = { { 0x20, 1, 2 }, { 0xa0, 1, 2 } };
    dsdt_isa_device(a, "KBD", "PNP0303", -1, kbd, 2, 1);
    dsdt_isa_device(a, "MOU", "PNP0F13", -1, NULL, 0, 12);
    dsdt_isa_device(a, "COM1", "PNP0501", 1, com1, 1, 4);
    dsdt_isa_device(a, "RTC", "PNP0B00", -1, rtc, 1, 8);
    dsdt_isa_device(a, "TMR", "PNP0100", -1, pit, 1, 0);
    dsdt_isa_device(a, "PIC", "PNP0000", -1, pic, 2, 2);
    aml_end(a);
}

static void dsdt_pci_root(Aml *a, const AcpiPCConfig *cfg)
{
    aml_device_begin(a, "PCI0");
    aml_name_decl(a, "_HID");
    aml_eisaid(a, "PNP0A03");
    aml_name_decl(a, "_ADR");
    aml_int(a, 0);
    aml_name_decl(a, "_UID");
    aml_int(a, 0);

    GByteArray *res = g_byte_array_new();
    aml_res_word_bus(res, 0, 0xff);
    aml_res_io(res, 0xcf8, 0xcf8, 1, 8);
    aml_res_word_io(res, 0x0000, 0x0cf7);
    aml_res_word_io(res, 0x0d00, 0xffff);
    aml_res_dword_memory(res, 0x000a0000, 0x000bffff);       /* the VGA window */
    if (cfg->pci_hole_end > cfg->pci_hole_start) {
        aml_res_dword_memory(res, cfg->pci_hole_start, cfg->pci_hole_end - 1);
    }
    if (cfg->pci_hole64_end > cfg->pci_hole64_start) {
        aml_res_qword_memory(res, cfg->pci_hole64_start, cfg->pci_hole64_end - 1);
    }
    dsdt_name_crs(a, res);

    /* _PRT: slot s pin p reaches PIRQ (p + s - 1) mod 4, the PIIX3's wiring */
    aml_name_decl(a, "_PRT");
    aml_package_begin(a, cfg->pci_slots * 4);
    for (int slot = 0; slot < cfg->pci_slots; slot++) {
        for (int pin = 0; pin < 4; pin++) {
            aml_package_begin(a, 4);
            aml_int(a, (uint32_t)slot << 16 | 0xffff);
            aml_int(a, pin);
            aml_namestring(a, link_names[(pin + slot + 3) & 3]);
            aml_int(a, 0);
            aml_end(a);
        }
    }
    aml_end(a);
    dsdt_isa_bridge(a);
    aml_end(a);
}

/* Method(IQCR, 1): the Interrupt descriptor of a PIRQ register's current IRQ. */
static void dsdt_iqcr(Aml *a)
{
    GByteArray *res = g_byte_array_new();
    uint32_t zero = 0;
    aml_res_interrupt(res, true, false, true, &zero, 1);
    aml_res_end(res);
    aml_method_begin(a, "IQCR", 1, true);
    aml_name_decl(a, "PRR0");
    aml_buffer(a, res->data, res->len);
    aml_op(a, AML_OP_CREATE_DWORD_FIELD);              /* CreateDWordField(PRR0, 5, PRRI) */
    aml_namestring(a, "PRR0");
    aml_int(a, 5);
    aml_namestring(a, "PRRI");
    aml_op(a, AML_OP_STORE);                           /* Store(And(Arg0, 0x0f), PRRI) */
    aml_op(a, AML_OP_AND);
    aml_arg(a, 0);
    aml_int(a, 0x0f);
    aml_null_target(a);
    aml_namestring(a, "PRRI");
    aml_op(a, AML_OP_RETURN);
    aml_namestring(a, "PRR0");
    aml_end(a);
    g_byte_array_unref(res);
}

/* Device(LNKx): a PCI interrupt link backed by one PIRQ route register. */
static void dsdt_link(Aml *a, int i)
{
    char *reg = g_strdup_printf("\\_SB.PCI0.ISA.%s", pirq_fields[i]);
    aml_device_begin(a, link_names[i]);
    aml_name_decl(a, "_HID");
    aml_eisaid(a, "PNP0C0F");
    aml_name_decl(a, "_UID");
    aml_int(a, i + 1);

    GByteArray *prs = g_byte_array_new();
    aml_res_interrupt(prs, true, false, true, link_irqs, G_N_ELEMENTS(link_irqs));
    aml_res_end(prs);
    aml_name_decl(a, "_PRS");
    aml_buffer(a, prs->data, prs->len);
    g_byte_array_unref(prs);

    /* _STA: present and enabled (0x0b), or present and disabled (0x09) */
    aml_method_begin(a, "_STA", 0, false);
    aml_if_begin(a);
    aml_op(a, AML_OP_AND);
    aml_namestring(a, reg);
    aml_int(a, 0x80);
    aml_null_target(a);
    aml_op(a, AML_OP_RETURN);
    aml_int(a, 0x09);
    aml_end(a);
    aml_op(a, AML_OP_RETURN);
    aml_int(a, 0x0b);
    aml_end(a);

    /* _DIS: Or(reg, 0x80, reg) */
    aml_method_begin(a, "_DIS", 0, false);
    aml_op(a, AML_OP_OR);
    aml_namestring(a, reg);
    aml_int(a, 0x80);
    aml_namestring(a, reg);
    aml_end(a);

    /* _CRS: Return(IQCR(reg)) */
    aml_method_begin(a, "_CRS", 0, false);
    aml_op(a, AML_OP_RETURN);
    aml_namestring(a, "\\_SB.IQCR");
    aml_namestring(a, reg);
    aml_end(a);

    /* _SRS: CreateDWordField(Arg0, 5, PRRI); Store(PRRI, reg) */
    aml_method_begin(a, "_SRS", 1, false);
    aml_op(a, AML_OP_CREATE_DWORD_FIELD);
    aml_arg(a, 0);
    aml_int(a, 5);
    aml_namestring(a, "PRRI");
    aml_op(a, AML_OP_STORE);
    aml_namestring(a, "PRRI");
    aml_namestring(a, reg);
    aml_end(a);

    aml_end(a);
    g_free(reg);
}

static unsigned build_dsdt(AcpiBuilder *ab)
{
    const AcpiPCConfig *cfg = ab->cfg;
    unsigned off = table_begin(ab, "DSDT", 1);
    Aml *a = aml_new();

    /* \_S5_: SLP_TYPa, SLP_TYPb, reserved, reserved */
    aml_name_decl(a, "\\_S5");
    aml_package_begin(a, 4);
    aml_int(a, PIIX4_SLP_TYP_S5);
    aml_int(a, PIIX4_SLP_TYP_S5);
    aml_int(a, 0);
    aml_int(a, 0);
    aml_end(a);

    aml_scope_begin(a, "\\_SB");
    dsdt_pci_root(a, cfg);
    dsdt_iqcr(a);
    for (int i = 0; i < 4; i++) {
        dsdt_link(a, i);
    }
    if (cfg->hpet) {
        aml_device_begin(a, "HPET");
        aml_name_decl(a, "_HID");
        aml_eisaid(a, "PNP0103");
        aml_name_decl(a, "_UID");
        aml_int(a, 0);
        GByteArray *res = g_byte_array_new();
        aml_res_memory32_fixed(res, cfg->hpet_addr, 0x400, false);
        dsdt_name_crs(a, res);
        aml_end(a);
    }
    aml_end(a);

    GByteArray *aml = aml_finish(a);
    g_byte_array_append(ab->tables, aml->data, aml->len);
    g_byte_array_unref(aml);
    table_end(ab, off);
    return off;
}

/* ---- FADT, MADT, HPET, RSDT/XSDT ---------------------------------------------------- */

static unsigned build_fadt(AcpiBuilder *ab, unsigned facs, unsigned dsdt)
{
    const AcpiPCConfig *cfg = ab->cfg;
    GByteArray *b = ab->tables;
    unsigned off = table_begin(ab, "FACP", 3);
    table_append_zero(b, FADT_SIZE - ACPI_HEADER_SIZE);
    uint32_t pm = cfg->pm_base;

    table_pointer(ab, off + 36, 4, facs);                 /* FIRMWARE_CTRL */
    table_pointer(ab, off + 40, 4, dsdt);                 /* DSDT */
    table_put_le(b, off + 46, cfg->sci_irq, 2);                 /* SCI_INT */
    table_put_le(b, off + 48, PIIX4_SMI_CMD_PORT, 4);           /* SMI_CMD */
    b->data[off + 52] = PIIX4_ACPI_ENABLE;
    b->data[off + 53] = PIIX4_ACPI_DISABLE;
    table_put_le(b, off + 56, pm + PIIX4_PM1_EVT, 4);           /* PM1a_EVT_BLK */
    table_put_le(b, off + 64, pm + PIIX4_PM1_CNT, 4);           /* PM1a_CNT_BLK */
    table_put_le(b, off + 76, pm + PIIX4_PM_TMR, 4);            /* PM_TMR_BLK */
    table_put_le(b, off + 80, pm + PIIX4_GPE0, 4);              /* GPE0_BLK */
    b->data[off + 88] = PIIX4_PM1_EVT_LEN;
    b->data[off + 89] = PIIX4_PM1_CNT_LEN;
    b->data[off + 91] = PIIX4_PM_TMR_LEN;
    b->data[off + 92] = PIIX4_GPE0_LEN;
    table_put_le(b, off + 96, 0xfff, 2);                        /* P_LVL2_LAT: no C2 */
    table_put_le(b, off + 98, 0xfff, 2);                        /* P_LVL3_LAT: no C3 */
    b->data[off + 108] = 0x32;                            /* CENTURY: CMOS index */
    table_put_le(b, off + 109, FADT_BOOT_LEGACY_DEVICES | FADT_BOOT_8042, 2);
    table_put_le(b, off + 112, FADT_F_WBINVD | FADT_F_PROC_C1 | FADT_F_SLP_BUTTON |
           FADT_F_RESET_REG_SUP, 4);
    put_gas(b, off + 116, GAS_IO, 8, GAS_ACCESS_BYTE, cfg->reset_port);   /* RESET_REG */
    b->data[off + 128] = cfg->reset_value;
    table_pointer(ab, off + 140, 8, dsdt);                /* X_DSDT */
    put_gas(b, off + 148, GAS_IO, PIIX4_PM1_EVT_LEN * 8, GAS_ACCESS_WORD, pm + PIIX4_PM1_EVT);
    put_gas(b, off + 172, GAS_IO, PIIX4_PM1_CNT_LEN * 8, GAS_ACCESS_WORD, pm + PIIX4_PM1_CNT);
    put_gas(b, off + 208, GAS_IO, 32, GAS_ACCESS_DWORD, pm + PIIX4_PM_TMR);
    put_gas(b, off + 220, GAS_IO, PIIX4_GPE0_LEN * 8, GAS_ACCESS_BYTE, pm + PIIX4_GPE0);
    table_end(ab, off);
    return off;
}

static unsigned build_madt(AcpiBuilder *ab)
{
    const AcpiPCConfig *cfg = ab->cfg;
    GByteArray *b = ab->tables;
    unsigned off = table_begin(ab, "APIC", 1);
    table_append_le(b, cfg->lapic_addr, 4);
    table_append_le(b, 1, 4);                                   /* PCAT_COMPAT: 8259s present */
    for (int i = 0; i < cfg->ncpus; i++) {
        table_append_le(b, MADT_LOCAL_APIC, 1);
        table_append_le(b, 8, 1);
        table_append_le(b, i, 1);                               /* processor UID */
        table_append_le(b, cfg->apic_ids[i], 1);
        table_append_le(b, 1, 4);                               /* enabled */
    }
    table_append_le(b, MADT_IO_APIC, 1);
    table_append_le(b, 12, 1);
    table_append_le(b, cfg->ioapic_id, 1);
    table_append_le(b, 0, 1);
    table_append_le(b, cfg->ioapic_addr, 4);
    table_append_le(b, cfg->ioapic_gsi_base, 4);
    for (int i = 0; i < cfg->noverrides; i++) {
        table_append_le(b, MADT_INT_OVERRIDE, 1);
        table_append_le(b, 10, 1);
        table_append_le(b, 0, 1);                               /* bus: ISA */
        table_append_le(b, cfg->overrides[i].source, 1);
        table_append_le(b, cfg->overrides[i].gsi, 4);
        table_append_le(b, cfg->overrides[i].flags, 2);
    }
    table_append_le(b, MADT_LOCAL_APIC_NMI, 1);                 /* LINT1 is NMI on every CPU */
    table_append_le(b, 6, 1);
    table_append_le(b, 0xff, 1);
    table_append_le(b, ACPI_INTI_CONFORMING, 2);
    table_append_le(b, 1, 1);
    table_end(ab, off);
    return off;
}

static unsigned build_hpet(AcpiBuilder *ab)
{
    GByteArray *b = ab->tables;
    unsigned off = table_begin(ab, "HPET", 1);
    table_append_le(b, ab->cfg->hpet_block_id, 4);
    unsigned gas = table_append_zero(b, 12);
    put_gas(b, gas, GAS_MEMORY, 64, 0, ab->cfg->hpet_addr);
    table_append_le(b, 0, 1);                                   /* HPET number */
    table_append_le(b, 0, 2);                                   /* minimum tick in periodic mode */
    table_append_le(b, 0, 1);                                   /* no page protection */
    table_end(ab, off);
    return off;
}

static unsigned build_rsdt(AcpiBuilder *ab, const char *sig, int width, const unsigned *t, int n)
{
    unsigned off = table_begin(ab, sig, 1);
    for (int i = 0; i < n; i++) {
        unsigned at = table_append_zero(ab->tables, width);
        table_pointer(ab, at, width, t[i]);
    }
    table_end(ab, off);
    return off;
}

static void build_rsdp(AcpiBuilder *ab, GByteArray *rsdp, unsigned rsdt, int xsdt)
{
    const AcpiPCConfig *cfg = ab->cfg;
    unsigned len = cfg->xsdt ? 36 : 20;
    table_append_zero(rsdp, len);
    memcpy(rsdp->data, "RSD PTR ", 8);
    table_put_padded(rsdp, 9, cfg->oem_id, 6);
    rsdp->data[15] = cfg->xsdt ? 2 : 0;
    table_put_le(rsdp, 16, rsdt, 4);
    table_loader_add_pointer(ab->pointers, ACPI_BUILD_RSDP_FILE, ACPI_BUILD_TABLES_FILE, 16, 4);
    table_loader_add_checksum(ab->checksums, ACPI_BUILD_RSDP_FILE, 8, 0, 20);
    if (cfg->xsdt) {
        table_put_le(rsdp, 20, len, 4);
        table_put_le(rsdp, 24, xsdt, 8);
        table_loader_add_pointer(ab->pointers, ACPI_BUILD_RSDP_FILE, ACPI_BUILD_TABLES_FILE, 24,
                                 8);
        /* the extended checksum covers the first one: it comes after it */
        table_loader_add_checksum(ab->checksums, ACPI_BUILD_RSDP_FILE, 32, 0, len);
    }
}

void acpi_build_pc(const AcpiPCConfig *cfg, AcpiBuildTables *out)
{
    AcpiBuilder ab = {
        .cfg = cfg,
        .tables = g_byte_array_new(),
        .pointers = g_byte_array_new(),
        .checksums = g_byte_array_new(),
    };
    unsigned facs = build_facs(&ab);
    unsigned dsdt = build_dsdt(&ab);
    unsigned list[3];
    int n = 0;
    list[n++] = build_fadt(&ab, facs, dsdt);
    list[n++] = build_madt(&ab);
    if (cfg->hpet) {
        list[n++] = build_hpet(&ab);
    }
    unsigned rsdt = build_rsdt(&ab, "RSDT", 4, list, n);
    unsigned xsdt = cfg->xsdt ? build_rsdt(&ab, "XSDT", 8, list, n) : 0;

    out->rsdp = g_byte_array_new();
    build_rsdp(&ab, out->rsdp, rsdt, xsdt);

    out->tables = ab.tables;
    out->loader = g_byte_array_new();
    table_loader_allocate(out->loader, ACPI_BUILD_TABLES_FILE, 64, TABLE_LOADER_ZONE_HIGH);
    table_loader_allocate(out->loader, ACPI_BUILD_RSDP_FILE, 16, TABLE_LOADER_ZONE_FSEG);
    g_byte_array_append(out->loader, ab.pointers->data, ab.pointers->len);
    g_byte_array_append(out->loader, ab.checksums->data, ab.checksums->len);
    g_byte_array_unref(ab.pointers);
    g_byte_array_unref(ab.checksums);
}

void acpi_build_tables_free(AcpiBuildTables *t)
{
    g_byte_array_unref(t->rsdp);
    g_byte_array_unref(t->tables);
    g_byte_array_unref(t->loader);
    memset(t, 0, sizeof(*t));
}

void acpi_pc_config_init(AcpiPCConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    g_strlcpy(cfg->oem_id, "EMU", sizeof(cfg->oem_id));
    g_strlcpy(cfg->oem_table_id, "EMUPC", sizeof(cfg->oem_table_id));
    cfg->ncpus = 1;
    cfg->lapic_addr = 0xfee00000;
    cfg->ioapic_addr = 0xfec00000;
    static const AcpiIntOverride defaults[] = {
        { 0, 2, ACPI_INTI_CONFORMING },
        { 5, 5, ACPI_INTI_LEVEL | ACPI_INTI_ACTIVE_HIGH },
        { 9, 9, ACPI_INTI_LEVEL | ACPI_INTI_ACTIVE_HIGH },
        { 10, 10, ACPI_INTI_LEVEL | ACPI_INTI_ACTIVE_HIGH },
        { 11, 11, ACPI_INTI_LEVEL | ACPI_INTI_ACTIVE_HIGH },
    };
    cfg->noverrides = G_N_ELEMENTS(defaults);
    memcpy(cfg->overrides, defaults, sizeof(defaults));
    cfg->pm_base = PIIX4_PM_BASE;
    cfg->sci_irq = 9;
    cfg->reset_port = 0xcf9;
    cfg->reset_value = 0x06;
    cfg->hpet = true;
    cfg->hpet_addr = 0xfed00000;
    cfg->hpet_block_id = 0x8086a201;   /* Intel, legacy-capable, 64-bit counter, 3 timers, rev 1 */
    cfg->pci_slots = 32;
}
