/*
 * sysbus.h — devices on the system bus: memory-mapped regions the board
 * places in the physical address space, and interrupt outputs it wires.
 *
 *     sysbus_init_mmio(sbd, &s->iomem);          // in instance_init or realize
 *     sysbus_init_irq(sbd, &s->irq);
 *     ...board...
 *     sysbus_mmio_map(sbd, 0, 0x10000000);
 *     sysbus_connect_irq(sbd, 0, qdev_get_gpio_in(pic, 5));
 */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "exec/memory.h"
#include "hw/qdev.h"

#define TYPE_SYSTEM_BUS "System"
#define TYPE_SYS_BUS_DEVICE "sys-bus-device"
#define SYSBUS_MAX_MMIO 8
#define SYSBUS_MAX_IRQ 32

typedef struct SysBusDevice {
    DeviceState parent;
    int num_mmio;
    struct {
        MemoryRegion *mr;
        uint64_t addr;             /* -1: not mapped */
    } mmio[SYSBUS_MAX_MMIO];
    int num_irq;
    IRQState **irqp[SYSBUS_MAX_IRQ];
} SysBusDevice;

#define SYS_BUS_DEVICE(obj) OBJECT_CHECK(SysBusDevice, obj, TYPE_SYS_BUS_DEVICE)

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr);
void sysbus_init_irq(SysBusDevice *dev, IRQState **p);
/* Map region n at addr of the system memory (priority 0 or the given one). */
void sysbus_mmio_map(SysBusDevice *dev, int n, uint64_t addr);
void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, uint64_t addr, int priority);
void sysbus_connect_irq(SysBusDevice *dev, int n, IRQState *irq);
/* Create, set nothing, realize on the system bus, map region 0 at addr (-1: none) and IRQ 0. */
DeviceState *sysbus_create_simple(const char *type, uint64_t addr, IRQState *irq);

#endif
