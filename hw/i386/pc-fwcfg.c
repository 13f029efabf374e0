/*
 * pc-fwcfg.c — what the pc machine tells its firmware through fw_cfg:
 * RAM size and the e820 map, CPU counts, -nographic, the boot order and
 * menu, and the x86 arch-local items SeaBIOS reads.  The items follow
 * QEMU's hw/i386 so that Debian's SeaBIOS, built for QEMU, runs unchanged.
 *
 * e820 ("etc/e820", 20-byte entries: le64 address, le64 length, le32 type):
 * the RAM below the PCI hole from 0, and the RAM above 4 GiB.  SeaBIOS
 * carves out the low-memory holes and its own reservations itself.
 *
 * Boot order: "bootorder" holds one OpenFirmware-style device path per
 * line, in -boot order=: c is the first IDE disk (primary master), d the
 * CD-ROM where -cdrom puts it (secondary master); a (floppy) and n
 * (network) have no device on this board and are left out.  The legacy
 * key BOOT_DEVICE gives the first letter.
 */
#include "hw/i386/pc.h"

#include <string.h>

#include <glib.h>

#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"
#include "util/error.h"

enum { E820_RAM = 1, E820_RESERVED = 2 };

typedef struct E820Entry {
    uint64_t address;
    uint64_t length;
    uint32_t type;
} __attribute__((packed)) E820Entry;

/* One line per boot letter this board has a device for (see the contract). */
static const struct {
    char letter;
    const char *path;
} pc_boot_paths[] = {
    { 'c', "/pci@i0cf8/ide@1,1/drive@0/disk@0" },
    { 'd', "/pci@i0cf8/ide@1,1/drive@1/disk@0" },
};

static void pc_fw_cfg_e820(PCMachineState *pcms, FWCfgState *fw)
{
    E820Entry e[2];
    int n = 0;
    e[n++] = (E820Entry){ GUINT64_TO_LE(0), GUINT64_TO_LE(pcms->below_4g),
                          GUINT32_TO_LE(E820_RAM) };
    if (pcms->above_4g) {
        e[n++] = (E820Entry){ GUINT64_TO_LE(0x100000000ull), GUINT64_TO_LE(pcms->above_4g),
                              GUINT32_TO_LE(E820_RAM) };
    }
    fw_cfg_add_file(fw, "etc/e820", e, n * sizeof(E820Entry), &error_fatal);
    /* the legacy table of reserved ranges: none */
    fw_cfg_add_i32(fw, FW_CFG_E820_TABLE, 0);
}

void pc_fw_cfg_boot_order(PCMachineState *pcms, const char *first)
{
    MachineState *ms = pcms->ms;
    FWCfgState *fw = pcms->fw_cfg;
    GString *order = g_string_new(NULL);
    if (first) {
        g_string_append_printf(order, "%s\n", first);
    }
    for (const char *c = ms->boot_order; *c; c++) {
        for (size_t i = 0; i < G_N_ELEMENTS(pc_boot_paths); i++) {
            if (pc_boot_paths[i].letter == *c) {
                g_string_append_printf(order, "%s\n", pc_boot_paths[i].path);
            }
        }
    }
    if (order->len) {
        /* SeaBIOS reads it as a NUL-terminated string */
        fw_cfg_add_file(fw, "bootorder", order->str, order->len + 1, &error_fatal);
    }
    g_string_free(order, true);
    fw_cfg_add_i16(fw, FW_CFG_BOOT_DEVICE, ms->boot_order[0] ? ms->boot_order[0] : 'c');
    fw_cfg_add_i16(fw, FW_CFG_BOOT_MENU, ms->boot_menu);
}

void pc_fw_cfg_init(PCMachineState *pcms)
{
    MachineState *ms = pcms->ms;
    FWCfgState *fw = fw_cfg_init_io(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE, address_space_memory(),
                                    &error_fatal);
    pcms->fw_cfg = fw;
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, ms->ram_size);
    fw_cfg_add_i16(fw, FW_CFG_NOGRAPHIC, ms->nographic);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, ms->smp.cpus);
    fw_cfg_add_i16(fw, FW_CFG_MAX_CPUS, ms->smp.max_cpus);
    /* no NUMA: a node count of 0, then one (zero) node number per possible CPU */
    fw_cfg_add_bytes_owned(fw, FW_CFG_NUMA, g_malloc0(8 * (1 + ms->smp.max_cpus)),
                           8 * (1 + ms->smp.max_cpus));
    /* the PIT's IRQ0 reaches IOAPIC pin 2 (the MADT says so too) */
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);
    pc_fw_cfg_e820(pcms, fw);
    pc_fw_cfg_boot_order(pcms, NULL);
}
