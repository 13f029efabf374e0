/*
 * isa.h — the ISA bus: devices that answer at fixed I/O ports (and maybe
 * memory addresses) and raise one of 16 interrupt lines.
 *
 * The bus does not decode anything itself: an ISA device maps its port
 * regions into the bus's I/O space (the machine's 64 KiB port space, usually
 * get_system_io()) and its memory regions into the bus's memory space.  The
 * board (or a PCI-to-ISA bridge) gives the bus its 16 IRQ inputs, normally
 * the interrupt controller's, with isa_bus_set_irqs.
 *
 *     ISABus *isa = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
 *     isa_bus_set_irqs(isa, pic_inputs);               // 16 lines
 *     ...in a device's realize...
 *     memory_region_init_io(&s->io, OBJECT(s), &uart_ops, s, "serial", 8);
 *     isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
 *     s->irq = isa_get_irq(ISA_DEVICE(s), s->isairq);
 */
#ifndef HW_ISA_H
#define HW_ISA_H

#include "exec/memory.h"
#include "hw/qdev.h"

#define TYPE_ISA_BUS "ISA"
#define TYPE_ISA_DEVICE "isa-device"
#define ISA_NUM_IRQS 16

typedef struct ISABus {
    BusState parent;
    MemoryRegion *address_space;     /* ISA memory (below 16 MiB on a PC) */
    MemoryRegion *address_space_io;  /* the 64 KiB port space */
    IRQState *irqs[ISA_NUM_IRQS];    /* the board's inputs; NULL until set */
} ISABus;

/* Up to this many port/memory ranges per device, for `info qtree`. */
#define ISA_MAX_RANGES 8

typedef struct ISADevice {
    DeviceState parent;
    int nr_ioports;
    struct {
        MemoryRegion *mr;
        uint16_t start;
    } ioports[ISA_MAX_RANGES];
    uint16_t irqs_used;              /* bit n: isa_get_irq(dev, n) was asked for */
} ISADevice;

#define ISA_BUS(obj) OBJECT_CHECK(ISABus, obj, TYPE_ISA_BUS)
#define ISA_DEVICE(obj) OBJECT_CHECK(ISADevice, obj, TYPE_ISA_DEVICE)

/*
 * A new ISA bus on parent (NULL: the main system bus's root device, i.e. a
 * board-level bus) over the given memory and port spaces.  There is at most
 * one ISA bus per machine (as on every PC); a second one is an error.
 */
ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *mem, MemoryRegion *io, Error **errp);
/* The 16 interrupt inputs the bus's IRQ numbers reach (an array of 16). */
void isa_bus_set_irqs(ISABus *bus, IRQState **irqs);
/* The bus a device is plugged into. */
ISABus *isa_device_bus(ISADevice *dev);
/* The line behind ISA IRQ n (0..15) of dev's bus; NULL when the board gave none. */
IRQState *isa_get_irq(ISADevice *dev, int n);
/* Map mr at port start of the bus's I/O space (recorded for `info qtree`). */
void isa_register_ioport(ISADevice *dev, MemoryRegion *mr, uint16_t start);
/* Map mr at ISA memory address addr (priority 1: above RAM, as ISA holes are). */
void isa_register_memory(ISADevice *dev, MemoryRegion *mr, uint64_t addr);
/* Create, realize on the machine's ISA bus and return (the bus keeps the reference). */
ISADevice *isa_create_simple(const char *type, Error **errp);

#endif
