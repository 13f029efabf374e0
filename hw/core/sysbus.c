/*
 * sysbus.c — the system bus and its devices (hw/sysbus.h): MMIO regions
 * mapped into the system memory by the board, IRQ outputs wired by it.
 */
#include "hw/sysbus.h"
#include "util/error.h"

#include <glib.h>

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr)
{
    g_assert(dev->num_mmio < SYSBUS_MAX_MMIO);
    dev->mmio[dev->num_mmio].mr = mr;
    dev->mmio[dev->num_mmio].addr = (uint64_t)-1;
    dev->num_mmio++;
}

void sysbus_init_irq(SysBusDevice *dev, IRQState **p)
{
    g_assert(dev->num_irq < SYSBUS_MAX_IRQ);
    dev->irqp[dev->num_irq++] = p;
}

void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, uint64_t addr, int priority)
{
    g_assert(n >= 0 && n < dev->num_mmio);
    MemoryRegion *mr = dev->mmio[n].mr;
    if (dev->mmio[n].addr != (uint64_t)-1) {
        memory_region_del_subregion(get_system_memory(), mr);
    }
    dev->mmio[n].addr = addr;
    memory_region_add_subregion_overlap(get_system_memory(), addr, mr, priority);
}

void sysbus_mmio_map(SysBusDevice *dev, int n, uint64_t addr)
{
    sysbus_mmio_map_overlap(dev, n, addr, 0);
}

void sysbus_connect_irq(SysBusDevice *dev, int n, IRQState *irq)
{
    g_assert(n >= 0 && n < dev->num_irq);
    *dev->irqp[n] = irq;
}

DeviceState *sysbus_create_simple(const char *type, uint64_t addr, IRQState *irq)
{
    DeviceState *dev = qdev_new(type);
    qdev_realize(dev, NULL, &error_fatal);
    object_unref(OBJECT(dev));
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    if (addr != (uint64_t)-1 && sbd->num_mmio > 0) {
        sysbus_mmio_map(sbd, 0, addr);
    }
    if (irq && sbd->num_irq > 0) {
        sysbus_connect_irq(sbd, 0, irq);
    }
    return dev;
}

static char *sysbus_dev_path(DeviceState *dev)
{
    SysBusDevice *sbd = (SysBusDevice *)object_dynamic_cast(OBJECT(dev), TYPE_SYS_BUS_DEVICE);
    if (!sbd) {
        return NULL;
    }
    GString *s = g_string_new(NULL);
    for (int i = 0; i < sbd->num_mmio; i++) {
        if (sbd->mmio[i].addr != (uint64_t)-1) {
            g_string_append_printf(s, "%smmio %016" G_GINT64_MODIFIER "x/%016"
                                   G_GINT64_MODIFIER "x", s->len ? ", " : "",
                                   sbd->mmio[i].addr, memory_region_size(sbd->mmio[i].mr));
        }
    }
    return g_string_free(s, FALSE);
}

static void system_bus_class_init(ObjectClass *oc, void *data)
{
    ((BusClass *)oc)->get_dev_path = sysbus_dev_path;
}

static const TypeInfo system_bus_info = {
    .name = TYPE_SYSTEM_BUS,
    .parent = TYPE_BUS,
    .class_init = system_bus_class_init,
};
TYPE_REGISTER(system_bus_info)

static const TypeInfo sys_bus_device_info = {
    .name = TYPE_SYS_BUS_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(SysBusDevice),
    .abstract = true,
};
TYPE_REGISTER(sys_bus_device_info)
