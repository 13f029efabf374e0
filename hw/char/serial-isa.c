/*
 * serial-isa.c — "isa-serial": a 16550A (serial.c) at a PC COM port.
 *
 * Offers eight ports at `iobase` and the UART's interrupt on ISA IRQ `irq`,
 * driven only while MCR OUT2 is set, as the PC's serial adapters gate it.
 * Properties: index (COM1..COM4 as 0..3; picks the usual iobase and irq:
 * 0x3f8/4, 0x2f8/3, 0x3e8/4, 0x2e8/3), iobase and irq (override the index's),
 * chardev (the backend's id; none: output dropped, no input).
 * Called with the I/O lock held.
 */
#include "hw/char/serial.h"
#include "hw/isa.h"
#include "util/error.h"

#include <glib.h>

typedef struct SerialISA {
    ISADevice parent;
    SerialState core;
    MemoryRegion io;
    uint64_t index;                 /* property */
    uint64_t iobase;                /* property: 0 = the index's */
    uint64_t irq;                   /* property: 0 = the index's */
    char *chardev;                  /* property */
} SerialISA;

#define SERIAL_ISA(obj) OBJECT_CHECK(SerialISA, obj, TYPE_ISA_SERIAL)

/* The PC's COM ports. */
static const struct {
    uint16_t iobase;
    uint8_t irq;
} serial_isa_ports[SERIAL_MAX_ISA_PORTS] = {
    { 0x3f8, 4 },
    { 0x2f8, 3 },
    { 0x3e8, 4 },
    { 0x2e8, 3 },
};

static void serial_isa_realize(DeviceState *dev, Error **errp)
{
    SerialISA *s = SERIAL_ISA(dev);
    uint16_t iobase = s->iobase ? s->iobase : serial_isa_ports[s->index].iobase;
    int irq = s->irq ? s->irq : serial_isa_ports[s->index].irq;
    if (s->chardev && *s->chardev) {
        s->core.chr = chardev_find(s->chardev);
        if (!s->core.chr) {
            error_setg(errp, "chardev '%s' not found", s->chardev);
            return;
        }
    }
    s->core.owner = OBJECT(s);
    s->core.irq = isa_get_irq(ISA_DEVICE(s), irq);
    s->core.irq_needs_out2 = true;
    if (!serial_core_realize(&s->core, errp)) {
        return;
    }
    memory_region_init_io(&s->io, OBJECT(s), &serial_io_ops, &s->core, "serial", 8);
    isa_register_ioport(ISA_DEVICE(s), &s->io, iobase);
}

static void serial_isa_reset(DeviceState *dev)
{
    serial_core_reset(&SERIAL_ISA(dev)->core);
}

static Property serial_isa_props[] = {
    { .name = "index", .kind = PROP_UINT, .offset = offsetof(SerialISA, index),
      .def_uint = 0, .max = SERIAL_MAX_ISA_PORTS - 1,
      .help = "COM port number - 1 (0..3): its usual iobase and irq" },
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(SerialISA, iobase),
      .def_uint = 0, .max = 0xfff8, .help = "first of the eight ports (0: the index's)" },
    { .name = "irq", .kind = PROP_UINT, .offset = offsetof(SerialISA, irq),
      .def_uint = 0, .max = 15, .help = "ISA IRQ (0: the index's)" },
    { .name = "chardev", .kind = PROP_STRING, .offset = offsetof(SerialISA, chardev),
      .help = "id of the chardev (none: output dropped)" },
    PROP_END,
};

static void serial_isa_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = serial_isa_realize;
    dc->reset = serial_isa_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, serial_isa_props);
}

static const TypeInfo serial_isa_info = {
    .name = TYPE_ISA_SERIAL,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(SerialISA),
    .class_init = serial_isa_class_init,
    .description = "16550A UART at a PC COM port (COM1: 0x3f8, IRQ 4)",
};
TYPE_REGISTER(serial_isa_info)

DeviceState *serial_isa_create(int index, Chardev *chr, Error **errp)
{
    BusState *bus = qbus_find_by_type(TYPE_ISA_BUS);
    if (!bus) {
        error_setg(errp, "no ISA bus for COM%d", index + 1);
        return NULL;
    }
    g_assert(index >= 0 && index < SERIAL_MAX_ISA_PORTS);
    DeviceState *dev = qdev_new(TYPE_ISA_SERIAL);
    SERIAL_ISA(dev)->index = index;
    SERIAL_ISA(dev)->core.chr = chr;
    if (!qdev_realize(dev, bus, errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return dev;
}
