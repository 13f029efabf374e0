/*
 * debugcon.c — isa-debugcon: a one-port console for firmware debug output.
 *
 * Contract: every byte written to the port (default 0x402, SeaBIOS's debug
 * port; 0xe9 is Bochs') goes to the chardev unchanged; reading the port
 * returns the `readback` value (0xe9, what QEMU answers), which firmware
 * uses to detect the device.  Without a chardev the bytes are dropped.
 */
#include "hw/misc/debugcon.h"

#include "chardev/char.h"
#include "util/error.h"

typedef struct ISADebugcon {
    ISADevice parent;
    MemoryRegion io;
    CharFrontend fe;
    uint64_t iobase;               /* property: the port */
    uint64_t readback;             /* property: what a read returns */
    char *chardev;                 /* property: the chardev id */
} ISADebugcon;

#define ISA_DEBUGCON(obj) OBJECT_CHECK(ISADebugcon, obj, TYPE_ISA_DEBUGCON)

static uint64_t debugcon_read(void *opaque, uint64_t addr, unsigned size)
{
    ISADebugcon *s = opaque;
    return s->readback;
}

static void debugcon_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ISADebugcon *s = opaque;
    uint8_t c = val;
    chr_fe_write_all(&s->fe, &c, 1);
}

static const MemoryRegionOps debugcon_ops = {
    .read = debugcon_read,
    .write = debugcon_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    /* one byte is the device's width; wider OUTs are cut into bytes, low first */
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void debugcon_realize(DeviceState *dev, Error **errp)
{
    ISADebugcon *s = ISA_DEBUGCON(dev);
    Chardev *chr = NULL;
    if (s->chardev && *s->chardev) {
        chr = chardev_find(s->chardev);
        if (!chr) {
            error_setg(errp, "isa-debugcon: chardev '%s' not found", s->chardev);
            return;
        }
    }
    if (!chr_fe_init(&s->fe, chr, errp)) {
        return;
    }
    memory_region_init_io(&s->io, OBJECT(s), &debugcon_ops, s, "isa-debugcon", 1);
    isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
}

static Property debugcon_props[] = {
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(ISADebugcon, iobase),
      .def_uint = 0x402, .min = 0, .max = 0xffff, .help = "I/O port" },
    { .name = "readback", .kind = PROP_UINT, .offset = offsetof(ISADebugcon, readback),
      .def_uint = 0xe9, .min = 0, .max = 0xff, .help = "value a read of the port returns" },
    { .name = "chardev", .kind = PROP_STRING, .offset = offsetof(ISADebugcon, chardev),
      .help = "id of the chardev the bytes go to" },
    PROP_END,
};

static void debugcon_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = debugcon_realize;
    dc->user_creatable = true;
    device_class_set_props(dc, debugcon_props);
}

static const TypeInfo debugcon_info = {
    .name = TYPE_ISA_DEBUGCON,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISADebugcon),
    .class_init = debugcon_class_init,
    .description = "debug console: bytes written to one I/O port go to a chardev",
};
TYPE_REGISTER(debugcon_info)
