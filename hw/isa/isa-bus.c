/*
 * isa-bus.c — the ISA bus (hw/isa.h): a BusState whose devices map port
 * ranges into the machine's I/O space and memory ranges into ISA memory,
 * and raise the 16 IRQ lines the board gives the bus.
 *
 * Needs: the memory API (the regions are the board's), qdev.  Offers the
 * TYPE_ISA_BUS bus, the abstract TYPE_ISA_DEVICE, and "isabus-bridge", a
 * bare system-bus device that carries a board-level ISA bus when no
 * PCI-to-ISA bridge does (so that -device finds the bus in the tree).
 * Called with the I/O lock held.
 */
#include "hw/isa.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <glib.h>

#define TYPE_ISABUS_BRIDGE "isabus-bridge"

static ISABus *the_isa_bus;

ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *mem, MemoryRegion *io, Error **errp)
{
    if (the_isa_bus) {
        error_setg(errp, "the machine already has an ISA bus");
        return NULL;
    }
    if (!parent) {
        parent = qdev_new(TYPE_ISABUS_BRIDGE);
        if (!qdev_realize(parent, NULL, errp)) {
            object_unref(OBJECT(parent));
            return NULL;
        }
        object_unref(OBJECT(parent));
    }
    ISABus *bus = ISA_BUS(qbus_new(TYPE_ISA_BUS, parent, "isa.0"));
    bus->address_space = mem;
    bus->address_space_io = io;
    the_isa_bus = bus;
    return bus;
}

void isa_bus_set_irqs(ISABus *bus, IRQState **irqs)
{
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        bus->irqs[i] = irqs[i];
    }
}

ISABus *isa_device_bus(ISADevice *dev)
{
    g_assert(DEVICE(dev)->parent_bus);
    return ISA_BUS(DEVICE(dev)->parent_bus);
}

IRQState *isa_get_irq(ISADevice *dev, int n)
{
    g_assert(n >= 0 && n < ISA_NUM_IRQS);
    dev->irqs_used |= 1u << n;
    return isa_device_bus(dev)->irqs[n];
}

void isa_register_ioport(ISADevice *dev, MemoryRegion *mr, uint16_t start)
{
    ISABus *bus = isa_device_bus(dev);
    memory_region_add_subregion(bus->address_space_io, start, mr);
    if (dev->nr_ioports < ISA_MAX_RANGES) {
        dev->ioports[dev->nr_ioports].mr = mr;
        dev->ioports[dev->nr_ioports].start = start;
        dev->nr_ioports++;
    }
}

void isa_register_memory(ISADevice *dev, MemoryRegion *mr, uint64_t addr)
{
    memory_region_add_subregion_overlap(isa_device_bus(dev)->address_space, addr, mr, 1);
}

ISADevice *isa_create_simple(const char *type, Error **errp)
{
    if (!the_isa_bus) {
        error_setg(errp, "no ISA bus for device '%s'", type);
        return NULL;
    }
    DeviceState *dev = qdev_new(type);
    if (!qdev_realize(dev, BUS(the_isa_bus), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return ISA_DEVICE(dev);
}

/* `info qtree`: the port ranges and IRQs a device uses. */
static char *isa_dev_path(DeviceState *d)
{
    ISADevice *dev = ISA_DEVICE(d);
    GString *s = g_string_new(NULL);
    for (int i = 0; i < dev->nr_ioports; i++) {
        g_string_append_printf(s, "%sio %04x-%04x", s->len ? ", " : "", dev->ioports[i].start,
                               (unsigned)(dev->ioports[i].start +
                                          memory_region_size(dev->ioports[i].mr) - 1));
    }
    for (int n = 0; n < ISA_NUM_IRQS; n++) {
        if (dev->irqs_used & (1u << n)) {
            g_string_append_printf(s, "%sirq %d", s->len ? ", " : "", n);
        }
    }
    return g_string_free(s, FALSE);
}

static void isa_bus_class_init(ObjectClass *oc, void *data)
{
    ((BusClass *)oc)->get_dev_path = isa_dev_path;
}

static const TypeInfo isa_bus_info = {
    .name = TYPE_ISA_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(ISABus),
    .class_init = isa_bus_class_init,
};
TYPE_REGISTER(isa_bus_info)

static void isa_device_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->bus_type = TYPE_ISA_BUS;
}

static const TypeInfo isa_device_info = {
    .name = TYPE_ISA_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(ISADevice),
    .abstract = true,
    .class_init = isa_device_class_init,
};
TYPE_REGISTER(isa_device_info)

static const TypeInfo isabus_bridge_info = {
    .name = TYPE_ISABUS_BRIDGE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .description = "carries a board-level ISA bus",
};
TYPE_REGISTER(isabus_bridge_info)
