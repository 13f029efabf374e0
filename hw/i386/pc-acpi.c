/*
 * pc-acpi.c — the pc machine's ACPI tables: the board describes itself
 * (CPUs and APIC ids, IOAPIC, the HPET's capabilities as the device reports
 * them, the PCI windows around RAM) to the builder of hw/acpi
 * (include/hw/acpi/acpi-build.h), and registers the three blobs as fw_cfg
 * files for SeaBIOS's table loader.  Without them SeaBIOS would build its
 * own older tables; with them the kernel sees the same MADT, FADT and DSDT
 * QEMU's pc offers (S5 soft-off through PIIX4_PM, PCI interrupt links).
 * For boots without firmware, pc_mptable_place writes the MP table
 * SeaBIOS would have built, from the same description (hw/acpi/mptable.c).
 */
#include "hw/i386/pc.h"

#include <string.h>

#include "hw/acpi/acpi-build.h"
#include "hw/acpi/mptable.h"
#include "cpu.h"
#include "hw/boards.h"
#include "hw/intc/ioapic.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/timer/hpet.h"
#include "util/error.h"

/* The machine as the firmware tables describe it. */
static void pc_acpi_config(PCMachineState *pcms, AcpiPCConfig *out)
{
    MachineState *ms = pcms->ms;
    AcpiPCConfig cfg;
    acpi_pc_config_init(&cfg);
    cfg.ncpus = ms->smp.cpus;
    for (unsigned i = 0; i < ms->smp.cpus; i++) {
        cfg.apic_ids[i] = i;
    }
    cfg.ioapic_addr = IOAPIC_DEFAULT_ADDRESS;
    cfg.hpet = true;
    cfg.hpet_addr = HPET_DEFAULT_ADDRESS;
    /* GCAP_ID's low half, as the guest will read it (vendor, timers, flags) */
    uint32_t gcap = 0;
    address_space_read(address_space_memory(), HPET_DEFAULT_ADDRESS, &gcap, 4);
    cfg.hpet_block_id = GUINT32_FROM_LE(gcap);
    /* the 32-bit PCI window: from the top of low RAM to the IOAPIC */
    cfg.pci_hole_start = pcms->below_4g;
    cfg.pci_hole_end = IOAPIC_DEFAULT_ADDRESS;
    cfg.pci_hole64_start = cfg.pci_hole64_end = 0;
    *out = cfg;
}

void pc_acpi_init(PCMachineState *pcms)
{
    AcpiPCConfig cfg;
    pc_acpi_config(pcms, &cfg);
    AcpiBuildTables t;
    acpi_build_pc(&cfg, &t);
    FWCfgState *fw = pcms->fw_cfg;
    fw_cfg_add_file(fw, ACPI_BUILD_RSDP_FILE, t.rsdp->data, t.rsdp->len, &error_fatal);
    fw_cfg_add_file(fw, ACPI_BUILD_TABLES_FILE, t.tables->data, t.tables->len, &error_fatal);
    fw_cfg_add_file(fw, ACPI_BUILD_LOADER_FILE, t.loader->data, t.loader->len, &error_fatal);
    acpi_build_tables_free(&t);
}

uint64_t pc_mptable_place(PCMachineState *pcms, uint64_t addr, uint64_t end, Error **errp)
{
    AcpiPCConfig cfg;
    pc_acpi_config(pcms, &cfg);
    /* the processor entries' signature and features: CPUID leaf 1 of the BSP's model */
    CPUArchState *env = &pcms->cpus[0]->env;
    uint32_t family = env->model->family > 0xf ? 0xf : env->model->family;
    MPTableCPUID id = {
        .signature = family << 8 | (env->model->model & 0xf) << 4 | (env->model->stepping & 0xf),
        .features = env->features[FEAT_1_EDX],
    };
    addr = (addr + 15) & ~15ull;
    GByteArray *mp = mptable_build_pc(&cfg, &id, addr);
    uint64_t next = addr + mp->len;
    if (next > end) {
        error_setg(errp, "the MP table (%u bytes) does not fit below 0x%" G_GINT64_MODIFIER "x",
                   mp->len, end);
        next = 0;
    } else if (address_space_write_rom(address_space_memory(), addr, mp->data, mp->len)
               != MEMTX_OK) {
        error_setg(errp, "no memory for the MP table at 0x%" G_GINT64_MODIFIER "x", addr);
        next = 0;
    }
    g_byte_array_unref(mp);
    return next;
}
