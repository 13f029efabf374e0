/*
 * pci-host.c — what a PCI host bridge needs from the core: config cycles
 * by (bus, devfn, register) (hw/pci.h), the two usual ways of issuing them
 * (configuration mechanism #1's address/data pair, and an ECAM window), and
 * `info pci`.
 *
 * The host bridge device itself (i440FX's 0xcf8/0xcfc ports, a board's
 * ECAM region) belongs to its board: it keeps the address register and
 * calls pci_host_data_read/write, or maps pci_ecam_init's region.
 */
#include "hw/pci.h"
#include "pci-internal.h"
#include "util/log.h"

#include <glib.h>

uint32_t pci_host_config_read(PCIBus *root, int bus_num, int devfn, uint32_t addr, int len)
{
    uint32_t ones = len == 4 ? 0xffffffffu : (1u << (8 * len)) - 1;
    PCIDevice *dev = pci_find_device(root, bus_num, devfn);
    if (!dev || addr + len > PCI_CONFIG_SPACE_SIZE || (addr & (len - 1))) {
        return ones;                   /* master abort */
    }
    return pci_config_read(dev, addr, len);
}

void pci_host_config_write(PCIBus *root, int bus_num, int devfn, uint32_t addr, uint32_t val,
                           int len)
{
    PCIDevice *dev = pci_find_device(root, bus_num, devfn);
    if (!dev || addr + len > PCI_CONFIG_SPACE_SIZE || (addr & (len - 1))) {
        return;
    }
    if (len < 4) {
        val &= (1u << (8 * len)) - 1;
    }
    pci_config_write(dev, addr, val, len);
}

/* Mechanism #1 address register fields (PCI 3.0, 3.2.2.3.2). */
#define CF8_ENABLE 0x80000000u
#define CF8_BUS(a) (((a) >> 16) & 0xff)
#define CF8_DEVFN(a) (((a) >> 8) & 0xff)
#define CF8_REG(a) ((a) & 0xfc)

uint32_t pci_host_data_read(PCIBus *root, uint32_t cf8, unsigned port_offset, int len)
{
    if (!(cf8 & CF8_ENABLE)) {
        return len == 4 ? 0xffffffffu : (1u << (8 * len)) - 1;
    }
    return pci_host_config_read(root, CF8_BUS(cf8), CF8_DEVFN(cf8),
                                CF8_REG(cf8) | (port_offset & 3), len);
}

void pci_host_data_write(PCIBus *root, uint32_t cf8, unsigned port_offset, uint32_t val,
                         int len)
{
    if (cf8 & CF8_ENABLE) {
        pci_host_config_write(root, CF8_BUS(cf8), CF8_DEVFN(cf8),
                              CF8_REG(cf8) | (port_offset & 3), val, len);
    }
}

/* ECAM: bus 27:20, devfn 19:12, register 11:0 (PCI Express Base 3.0, 7.2.2). */
static uint64_t ecam_read(void *opaque, uint64_t addr, unsigned size)
{
    uint32_t reg = addr & 0xfff;
    if (reg >= PCI_CONFIG_SPACE_SIZE) {
        /* extended space: only PCIe devices have it; these read as "no capability" */
        return pci_find_device(opaque, addr >> 20, (addr >> 12) & 0xff) ? 0
               : (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
    }
    return pci_host_config_read(opaque, addr >> 20, (addr >> 12) & 0xff, reg, size);
}

static void ecam_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    uint32_t reg = addr & 0xfff;
    if (reg < PCI_CONFIG_SPACE_SIZE) {
        pci_host_config_write(opaque, addr >> 20, (addr >> 12) & 0xff, reg, val, size);
    }
}

static const MemoryRegionOps ecam_ops = {
    .read = ecam_read,
    .write = ecam_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

void pci_ecam_init(MemoryRegion *mr, Object *owner, PCIBus *root, uint64_t size)
{
    memory_region_init_io(mr, owner, &ecam_ops, root, "pcie-mmcfg", size);
}

/* ---- info pci ------------------------------------------------------------- */

/* Class names for `info pci` (PCI Code and ID Assignment Specification 1.11). */
static const struct {
    uint16_t class_id;
    const char *name;
} pci_class_names[] = {
    { 0x0100, "SCSI controller" },
    { 0x0101, "IDE controller" },
    { 0x0106, "SATA controller" },
    { 0x0180, "Storage controller" },
    { 0x0200, "Ethernet controller" },
    { 0x0300, "VGA controller" },
    { 0x0380, "Display controller" },
    { 0x0401, "Audio controller" },
    { 0x0403, "Audio device" },
    { 0x0500, "RAM controller" },
    { 0x0600, "Host bridge" },
    { 0x0601, "ISA bridge" },
    { 0x0604, "PCI bridge" },
    { 0x0680, "Bridge" },
    { 0x0700, "Serial port" },
    { 0x0c03, "USB controller" },
    { 0x0c05, "SMBus" },
    { 0x00ff, "Class 00ff" },
};

static void info_bus(GString *s, PCIBus *bus);

static void info_dev(GString *s, PCIBus *bus, PCIDevice *d)
{
    const uint8_t *c = d->config;
    uint16_t cls = pci_get_word(c + PCI_CLASS_DEVICE);
    const char *cname = NULL;
    for (unsigned i = 0; i < G_N_ELEMENTS(pci_class_names); i++) {
        if (pci_class_names[i].class_id == cls) {
            cname = pci_class_names[i].name;
        }
    }
    g_string_append_printf(s, "  Bus %2d, device %3d, function %d:\n", pci_bus_num(bus),
                           PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
    if (cname) {
        g_string_append_printf(s, "    %s", cname);
    } else {
        g_string_append_printf(s, "    Class %04x", cls);
    }
    g_string_append_printf(s, ": PCI device %04x:%04x\n", pci_get_word(c + PCI_VENDOR_ID),
                           pci_get_word(c + PCI_DEVICE_ID));
    if (c[PCI_INTERRUPT_PIN]) {
        g_string_append_printf(s, "      IRQ %d, pin %c\n", c[PCI_INTERRUPT_LINE],
                               'A' + c[PCI_INTERRUPT_PIN] - 1);
    }
    if (PCI_DEVICE_GET_CLASS(d)->is_bridge) {
        g_string_append_printf(s, "      BUS %d.\n      secondary bus %d.\n"
                               "      subordinate bus %d.\n", c[PCI_PRIMARY_BUS],
                               c[PCI_SECONDARY_BUS], c[PCI_SUBORDINATE_BUS]);
    }
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        const PCIIORegion *r = &d->io_regions[n];
        if (!r->size) {
            continue;
        }
        const char *label = n == PCI_ROM_SLOT ? "ROM" : "BAR";
        int num = n == PCI_ROM_SLOT ? 0 : n;
        if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
            g_string_append_printf(s, "      %s%d: I/O at 0x%04" G_GINT64_MODIFIER "x [0x%04"
                                   G_GINT64_MODIFIER "x].\n", label, num,
                                   r->addr == PCI_BAR_UNMAPPED ? (uint64_t)-1 : r->addr,
                                   r->addr == PCI_BAR_UNMAPPED ? (uint64_t)-2
                                                               : r->addr + r->size - 1);
        } else {
            g_string_append_printf(s, "      %s%d: %s%s memory at 0x%08" G_GINT64_MODIFIER
                                   "x [0x%08" G_GINT64_MODIFIER "x].\n", label, num,
                                   (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) ? "64 bit" : "32 bit",
                                   (r->type & PCI_BASE_ADDRESS_MEM_PREFETCH) ? " prefetch" : "",
                                   r->addr == PCI_BAR_UNMAPPED ? (uint64_t)-1 : r->addr,
                                   r->addr == PCI_BAR_UNMAPPED ? (uint64_t)-2
                                                               : r->addr + r->size - 1);
        }
    }
    const char *id = OBJECT(d)->id;
    g_string_append_printf(s, "      id \"%s\"\n", id ? id : "");
    if (PCI_DEVICE_GET_CLASS(d)->is_bridge) {
        info_bus(s, pci_bridge_secondary_bus(d));
    }
}

static void info_bus(GString *s, PCIBus *bus)
{
    for (int devfn = 0; devfn < 256; devfn++) {
        if (bus->devices[devfn]) {
            info_dev(s, bus, bus->devices[devfn]);
        }
    }
}

char *pci_info_string(void)
{
    GString *s = g_string_new(NULL);
    for (GSList *l = pci_root_buses; l; l = l->next) {
        info_bus(s, l->data);
    }
    if (!pci_root_buses) {
        g_string_append(s, "this machine has no PCI bus\n");
    }
    return g_string_free(s, FALSE);
}
