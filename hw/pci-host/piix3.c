/*
 * piix3.c — the PIIX3 PCI-to-ISA bridge function (PCI 0:1.0, 8086:7000):
 * the machine's ISA bus, and PCI INTx routing through PIRQA..PIRQD.
 * Contract and board API: i440fx.h.
 *
 * Routing: the root bus's map_irq turns a device's pin into PIRQ
 * (pin + slot - 1) mod 4 (the PC's wiring, so that slot 1's INTA is PIRQA);
 * PIRQRC[n] (config 0x60 + n) bits 3:0 name the ISA IRQ, bit 7 set disables
 * the route.  An ISA IRQ is driven high while any PIRQ routed to it is
 * high; when a route moves, the old IRQ is re-evaluated so nothing stays
 * stuck.  Routes to IRQ 0-2, 8 and 13 are reserved by the datasheet and
 * ignored.  The reset control register (0xcf9) is decoded by the host
 * bridge's 0xcf8 dword (i440fx.c).
 */
#include "hw/pci-host/i440fx.h"

#include "util/error.h"

#define PIIX3_NUM_PIRQS 4
#define PIRQ_DISABLE 0x80
#define PIRQ_IRQ_MASK 0x0f
/* ISA IRQs a PIRQ may not be steered to (82371SB 2.2.13) */
#define PIRQ_RESERVED_IRQS ((1u << 0) | (1u << 1) | (1u << 2) | (1u << 8) | (1u << 13))

struct PIIX3State {
    PCIDevice parent;
    ISABus *isa;
    IRQState **isa_irqs;               /* the board's 16 inputs */
    int pirq_level[PIIX3_NUM_PIRQS];
    uint16_t driven;                   /* ISA IRQs this bridge holds high */
};

#define PIIX3(obj) OBJECT_CHECK(PIIX3State, obj, TYPE_PIIX3)

static int piix3_pirq_target(PIIX3State *s, int pirq)
{
    uint8_t r = s->parent.config[PIIX3_PIRQRC + pirq];
    int irq = r & PIRQ_IRQ_MASK;
    if ((r & PIRQ_DISABLE) || (PIRQ_RESERVED_IRQS & (1u << irq))) {
        return -1;
    }
    return irq;
}

/* Recompute every ISA IRQ a PIRQ reaches (or reached before a route change). */
static void piix3_update_irqs(PIIX3State *s)
{
    uint16_t want = 0;
    for (int p = 0; p < PIIX3_NUM_PIRQS; p++) {
        int irq = piix3_pirq_target(s, p);
        if (irq >= 0 && s->pirq_level[p]) {
            want |= 1u << irq;
        }
    }
    uint16_t changed = want ^ s->driven;
    s->driven = want;
    for (int irq = 0; irq < ISA_NUM_IRQS; irq++) {
        if ((changed & (1u << irq)) && s->isa_irqs) {
            irq_set(s->isa_irqs[irq], (want >> irq) & 1);
        }
    }
}

static void piix3_set_irq(void *opaque, int pirq, int level)
{
    PIIX3State *s = opaque;
    s->pirq_level[pirq] = level;
    piix3_update_irqs(s);
}

static int piix3_map_irq(PCIDevice *dev, int pin)
{
    return (pin + PCI_SLOT(dev->devfn) + PIIX3_NUM_PIRQS - 1) % PIIX3_NUM_PIRQS;
}

static void piix3_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    pci_default_write_config(dev, addr, val, len);
    if (addr < PIIX3_PIRQRC + PIIX3_NUM_PIRQS && addr + len > PIIX3_PIRQRC) {
        piix3_update_irqs(PIIX3(dev));
    }
}

static void piix3_realize(PCIDevice *dev, Error **errp)
{
    PIIX3State *s = PIIX3(dev);
    s->isa = isa_bus_new(DEVICE(dev), get_system_memory(), get_system_io(), errp);
    if (!s->isa) {
        return;
    }
    for (int p = 0; p < PIIX3_NUM_PIRQS; p++) {
        dev->wmask[PIIX3_PIRQRC + p] = PIRQ_DISABLE | PIRQ_IRQ_MASK;
    }
}

static void piix3_reset(PCIDevice *dev)
{
    PIIX3State *s = PIIX3(dev);
    for (int p = 0; p < PIIX3_NUM_PIRQS; p++) {
        dev->config[PIIX3_PIRQRC + p] = PIRQ_DISABLE;
    }
    /* the 82371SB's power-on values the firmware expects to see */
    dev->config[PCI_COMMAND] = 0x07;
    dev->config[PCI_STATUS + 1] = 0x02;     /* DEVSEL medium */
    dev->config[0x4c] = 0x4d;               /* ISA I/O recovery timer */
    dev->config[0x4e] = 0x03;               /* X-bus chip select */
    dev->config[0x69] = 0x02;               /* top of memory */
    dev->config[0x70] = 0x80;               /* MBIRQ0 disabled */
    dev->config[0x76] = 0x0c;               /* MBDMA0/1 disabled */
    dev->config[0x77] = 0x0c;
    dev->config[0x78] = 0x02;               /* PCSC */
    dev->config[0xa0] = 0x08;               /* SMICNTL */
    dev->config[0xa8] = 0x0f;               /* SMIREQ */
    piix3_update_irqs(s);
}

static void piix3_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    pc->realize = piix3_realize;
    pc->reset = piix3_reset;
    pc->config_write = piix3_write_config;
    pc->vendor_id = 0x8086;
    pc->device_id = 0x7000;
    pc->class_id = 0x0601;             /* ISA bridge */
}

static const TypeInfo piix3_info = {
    .name = TYPE_PIIX3,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX3State),
    .class_init = piix3_class_init,
    .description = "PIIX3 PCI-to-ISA bridge (8086:7000) with PIRQ routing",
};
TYPE_REGISTER(piix3_info)

PIIX3State *piix3_init(PCIBus *bus, IRQState **isa_irqs, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_PIIX3);
    PIIX3State *s = PIIX3(dev);
    s->isa_irqs = isa_irqs;
    if (!qdev_prop_set(dev, "addr", "1.0", errp) ||
        !qdev_prop_set(dev, "multifunction", "on", errp) ||
        !qdev_realize(dev, BUS(bus), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    if (isa_irqs) {
        isa_bus_set_irqs(s->isa, isa_irqs);
    }
    pci_bus_irqs(bus, piix3_set_irq, piix3_map_irq, s, PIIX3_NUM_PIRQS);
    return s;
}

ISABus *piix3_isa_bus(PIIX3State *s)
{
    return s->isa;
}
