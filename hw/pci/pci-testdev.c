/*
 * pci-testdev.c — "pci-testdev", a small PCI endpoint for tests and for
 * trying the bus core from a guest or the monitor.
 *
 *   BAR0  4 KiB   32-bit memory   registers (below)
 *   BAR1  256 B   I/O             the same registers
 *   BAR2  1 MiB   64-bit prefetchable memory, RAM the guest can fill
 *   capability: one vendor-specific capability (8 bytes, byte 3 writable)
 *   interrupt pin: property "pin" (1..4 = INTA..INTD, default A)
 *
 * Registers (32 bits, little endian):
 *   IRQ     (0x00)  write 1 raises the pin, 0 lowers it; reads the level
 *   SCRATCH (0x04)  read/write, cleared by reset
 *   MAGIC   (0x08)  reads 0x74736574 ("test")
 */
#include "hw/pci.h"
#include "util/error.h"

#include <glib.h>

#define TYPE_PCI_TESTDEV "pci-testdev"
#define PCI_TESTDEV(obj) OBJECT_CHECK(PCITestDev, obj, TYPE_PCI_TESTDEV)

enum PCITestDevReg {
    TESTDEV_IRQ = 0x00,
    TESTDEV_SCRATCH = 0x04,
    TESTDEV_MAGIC = 0x08,
};

#define TESTDEV_MAGIC_VALUE 0x74736574u

typedef struct PCITestDev {
    PCIDevice parent;
    MemoryRegion mmio, io, ram;
    uint64_t pin;                      /* property */
    uint32_t scratch;
} PCITestDev;

static uint64_t testdev_read(void *opaque, uint64_t addr, unsigned size)
{
    PCITestDev *s = opaque;
    switch (addr) {
    case TESTDEV_IRQ:
        return s->parent.irq_level;
    case TESTDEV_SCRATCH:
        return s->scratch;
    case TESTDEV_MAGIC:
        return TESTDEV_MAGIC_VALUE;
    default:
        return 0;
    }
}

static void testdev_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PCITestDev *s = opaque;
    switch (addr) {
    case TESTDEV_IRQ:
        pci_set_irq(&s->parent, val & 1);
        break;
    case TESTDEV_SCRATCH:
        s->scratch = val;
        break;
    default:
        break;
    }
}

static const MemoryRegionOps testdev_ops = {
    .read = testdev_read,
    .write = testdev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void testdev_realize(PCIDevice *dev, Error **errp)
{
    PCITestDev *s = PCI_TESTDEV(dev);
    dev->config[PCI_INTERRUPT_PIN] = s->pin;
    memory_region_init_io(&s->mmio, OBJECT(s), &testdev_ops, s, "pci-testdev-mmio", 0x1000);
    memory_region_init_io(&s->io, OBJECT(s), &testdev_ops, s, "pci-testdev-io", 0x100);
    if (!memory_region_init_ram(&s->ram, OBJECT(s), "pci-testdev-ram", 1 << 20, errp)) {
        return;
    }
    pci_register_bar(dev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->mmio);
    pci_register_bar(dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->io);
    pci_register_bar(dev, 2, PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
                     &s->ram);
    int cap = pci_add_capability(dev, PCI_CAP_ID_VNDR, 0, 8, errp);
    if (!cap) {
        return;
    }
    dev->config[cap + 2] = 8;          /* vendor-specific: length */
    dev->wmask[cap + 3] = 0xff;
}

static void testdev_exit(PCIDevice *dev)
{
    PCITestDev *s = PCI_TESTDEV(dev);
    memory_region_finalize(&s->ram);
}

static void testdev_reset(PCIDevice *dev)
{
    PCI_TESTDEV(dev)->scratch = 0;
}

static Property testdev_props[] = {
    { .name = "pin", .kind = PROP_UINT, .offset = offsetof(PCITestDev, pin), .def_uint = 1,
      .min = 1, .max = 4, .help = "interrupt pin (1..4 = INTA..INTD)" },
    PROP_END,
};

static void testdev_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    DeviceClass *dc = DEVICE_CLASS(oc);
    pc->realize = testdev_realize;
    pc->exit = testdev_exit;
    pc->reset = testdev_reset;
    /* an ID pair of our own, class "other" */
    pc->vendor_id = 0x1234;
    pc->device_id = 0x0e70;
    pc->revision = 1;
    pc->class_id = 0x00ff;
    pc->subsystem_vendor_id = 0x1234;
    pc->subsystem_id = 0x0001;
    dc->user_creatable = true;
    device_class_set_props(dc, testdev_props);
}

static const TypeInfo pci_testdev_info = {
    .name = TYPE_PCI_TESTDEV,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCITestDev),
    .description = "PCI test device (registers, RAM BAR, INTx)",
    .class_init = testdev_class_init,
};
TYPE_REGISTER(pci_testdev_info)
