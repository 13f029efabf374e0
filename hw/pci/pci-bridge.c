/*
 * pci-bridge.c — "pci-bridge", a PCI-to-PCI bridge with a type 1 header
 * (PCI-to-PCI Bridge Architecture Specification 1.2, chapter 3).
 *
 * The bridge owns a secondary bus whose devices map their BARs into the
 * bridge's own memory and I/O containers.  What the parent bus sees of
 * them is decided by the windows the guest programs: I/O base/limit (4 KiB
 * granules, 16-bit decode), memory base/limit (1 MiB granules) and the
 * prefetchable base/limit (1 MiB granules, 64-bit).  Each window is an
 * alias of the secondary container mapped in the parent's space while its
 * base <= limit and the bridge's command register enables that space.
 * Config cycles for bus numbers in [secondary, subordinate] go below it
 * (pci.c routes them); INTx pins are swizzled on the way up (pci.c).
 *
 * Properties: those of every PCI device (addr, multifunction).
 */
#include "hw/pci.h"
#include "pci-internal.h"
#include "util/error.h"

#include <glib.h>

#define PCI_BRIDGE(obj) OBJECT_CHECK(PCIBridge, obj, TYPE_PCI_BRIDGE)

enum { WIN_IO, WIN_MEM, WIN_PREF, WIN_N };

typedef struct PCIBridge {
    PCIDevice parent;
    PCIBus *sec_bus;
    MemoryRegion sec_mem;              /* where secondary devices' memory BARs map */
    MemoryRegion sec_io;               /* their I/O BARs */
    MemoryRegion win[WIN_N];           /* aliases into the parent's spaces */
    bool win_mapped[WIN_N];
} PCIBridge;

PCIBus *pci_bridge_secondary_bus(PCIDevice *dev)
{
    return PCI_BRIDGE(dev)->sec_bus;
}

void pci_bridge_init_header(PCIDevice *dev)
{
    uint8_t *c = dev->config, *w = dev->wmask;
    w[PCI_PRIMARY_BUS] = w[PCI_SECONDARY_BUS] = w[PCI_SUBORDINATE_BUS] = 0xff;
    w[PCI_SEC_LATENCY_TIMER] = 0xff;
    /* low nibbles are read-only: I/O decodes 16 bits (0), prefetchable memory 64 (1) */
    w[PCI_IO_BASE] = w[PCI_IO_LIMIT] = 0xf0;
    pci_set_word(w + PCI_MEMORY_BASE, 0xfff0);
    pci_set_word(w + PCI_MEMORY_LIMIT, 0xfff0);
    pci_set_word(w + PCI_PREF_MEMORY_BASE, 0xfff0);
    pci_set_word(w + PCI_PREF_MEMORY_LIMIT, 0xfff0);
    pci_set_word(c + PCI_PREF_MEMORY_BASE, 1);
    pci_set_word(c + PCI_PREF_MEMORY_LIMIT, 1);
    pci_set_long(w + PCI_PREF_BASE_UPPER32, 0xffffffff);
    pci_set_long(w + PCI_PREF_LIMIT_UPPER32, 0xffffffff);
    pci_set_word(dev->w1cmask + PCI_SEC_STATUS, PCI_STATUS_W1C);
    /* parity and SERR enable, ISA enable, VGA enable, secondary bus reset */
    pci_set_word(w + PCI_BRIDGE_CONTROL, 0x004f);
}

/* The window [base, limit] the header describes now; false when it is closed. */
static bool window_range(PCIDevice *dev, int win, uint64_t *base, uint64_t *limit)
{
    const uint8_t *c = dev->config;
    uint16_t cmd = pci_get_word(c + PCI_COMMAND);
    switch (win) {
    case WIN_IO:
        if (!(cmd & PCI_COMMAND_IO)) {
            return false;
        }
        *base = (uint64_t)(c[PCI_IO_BASE] & 0xf0) << 8;
        *limit = (uint64_t)(c[PCI_IO_LIMIT] & 0xf0) << 8 | 0xfff;
        break;
    case WIN_MEM:
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return false;
        }
        *base = (uint64_t)(pci_get_word(c + PCI_MEMORY_BASE) & 0xfff0) << 16;
        *limit = (uint64_t)(pci_get_word(c + PCI_MEMORY_LIMIT) & 0xfff0) << 16 | 0xfffff;
        break;
    default:
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return false;
        }
        *base = (uint64_t)pci_get_long(c + PCI_PREF_BASE_UPPER32) << 32 |
                (uint64_t)(pci_get_word(c + PCI_PREF_MEMORY_BASE) & 0xfff0) << 16;
        *limit = (uint64_t)pci_get_long(c + PCI_PREF_LIMIT_UPPER32) << 32 |
                 (uint64_t)(pci_get_word(c + PCI_PREF_MEMORY_LIMIT) & 0xfff0) << 16 | 0xfffff;
        break;
    }
    return *base <= *limit;
}

static void update_windows(PCIBridge *br)
{
    PCIDevice *dev = &br->parent;
    PCIBus *parent = pci_get_bus(dev);
    static const char *const names[WIN_N] = { "pci_bridge_io", "pci_bridge_mem",
                                              "pci_bridge_pref_mem" };
    memory_region_transaction_begin();
    for (int w = 0; w < WIN_N; w++) {
        MemoryRegion *space = w == WIN_IO ? parent->address_space_io
                                          : parent->address_space_mem;
        if (br->win_mapped[w]) {
            memory_region_del_subregion(space, &br->win[w]);
            memory_region_finalize(&br->win[w]);
            br->win_mapped[w] = false;
        }
        uint64_t base, limit;
        if (!DEVICE(dev)->realized || !window_range(dev, w, &base, &limit)) {
            continue;
        }
        MemoryRegion *src = w == WIN_IO ? &br->sec_io : &br->sec_mem;
        if (base >= memory_region_size(src)) {
            continue;
        }
        uint64_t size = MIN(limit, memory_region_size(src) - 1) - base + 1;
        memory_region_init_alias(&br->win[w], OBJECT(br), names[w], src, base, size);
        memory_region_add_subregion_overlap(space, base, &br->win[w], 1);
        br->win_mapped[w] = true;
    }
    memory_region_transaction_commit();
}

static bool ranges_overlap(uint32_t a, int alen, uint32_t b, int blen)
{
    return a < b + blen && b < a + alen;
}

void pci_bridge_config_written(PCIDevice *dev, uint32_t addr, int len)
{
    if (ranges_overlap(addr, len, PCI_COMMAND, 2) ||
        ranges_overlap(addr, len, PCI_IO_BASE, 2) ||
        ranges_overlap(addr, len, PCI_MEMORY_BASE, PCI_IO_LIMIT_UPPER16 + 2 - PCI_MEMORY_BASE)) {
        update_windows(PCI_BRIDGE(dev));
    }
}

static void bridge_realize(PCIDevice *dev, Error **errp)
{
    PCIBridge *br = PCI_BRIDGE(dev);
    memory_region_init(&br->sec_mem, OBJECT(br), "pci_bridge_pci", UINT64_MAX);
    memory_region_init(&br->sec_io, OBJECT(br), "pci_bridge_io", 0x10000);
    char *name = DEVICE(dev)->parent.id ? g_strdup(DEVICE(dev)->parent.id)
                                        : g_strdup_printf("pci-bridge-%02x.%x",
                                                          PCI_SLOT(dev->devfn),
                                                          PCI_FUNC(dev->devfn));
    br->sec_bus = PCI_BUS(qbus_new(TYPE_PCI_BUS, DEVICE(dev), name));
    g_free(name);
    br->sec_bus->address_space_mem = &br->sec_mem;
    br->sec_bus->address_space_io = &br->sec_io;
    br->sec_bus->parent_dev = dev;
    dev->config[PCI_INTERRUPT_PIN] = 1;
}

static void bridge_exit(PCIDevice *dev)
{
    PCIBridge *br = PCI_BRIDGE(dev);
    DEVICE(dev)->realized = false;
    update_windows(br);
    DEVICE(dev)->realized = true;
}

static void bridge_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    pc->realize = bridge_realize;
    pc->exit = bridge_exit;
    /* an ID pair of our own; the class code is the standard PCI-to-PCI bridge */
    pc->vendor_id = 0x1234;
    pc->device_id = 0x0e71;
    pc->class_id = 0x0604;
    pc->is_bridge = true;
    DEVICE_CLASS(oc)->user_creatable = true;
}

static const TypeInfo pci_bridge_info = {
    .name = TYPE_PCI_BRIDGE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCIBridge),
    .description = "PCI-to-PCI bridge (type 1 header)",
    .class_init = bridge_class_init,
};
TYPE_REGISTER(pci_bridge_info)
