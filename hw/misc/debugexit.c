/*
 * debugexit.c — isa-debug-exit: lets a test guest end the emulator with a
 * status of its choice.
 *
 * Contract: a write of v to the port range (default 0x501, 2 bytes) makes
 * emu exit at once with status (v << 1) | 1, as QEMU documents, so the
 * status is always odd and a guest can never fake a clean 0.  Reads return
 * 0.  The exit is exit() itself, not a run-state request: the guest asked
 * for an immediate end and a harness relies on the status; chardevs write
 * straight to their fds and the terminal is restored by an atexit hook.
 */
#include "hw/misc/debugexit.h"

#include <stdlib.h>


typedef struct ISADebugExit {
    ISADevice parent;
    MemoryRegion io;
    uint64_t iobase;               /* property: first port */
    uint64_t iosize;               /* property: number of ports */
} ISADebugExit;

#define ISA_DEBUG_EXIT(obj) OBJECT_CHECK(ISADebugExit, obj, TYPE_ISA_DEBUG_EXIT)

static uint64_t debugexit_read(void *opaque, uint64_t addr, unsigned size)
{
    return 0;
}

static void debugexit_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    exit((int)((val << 1) | 1));
}

static const MemoryRegionOps debugexit_ops = {
    .read = debugexit_read,
    .write = debugexit_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void debugexit_realize(DeviceState *dev, Error **errp)
{
    ISADebugExit *s = ISA_DEBUG_EXIT(dev);
    memory_region_init_io(&s->io, OBJECT(s), &debugexit_ops, s, "isa-debug-exit", s->iosize);
    isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
}

static Property debugexit_props[] = {
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(ISADebugExit, iobase),
      .def_uint = 0x501, .min = 0, .max = 0xffff, .help = "first I/O port" },
    { .name = "iosize", .kind = PROP_UINT, .offset = offsetof(ISADebugExit, iosize),
      .def_uint = 2, .min = 1, .max = 4, .help = "number of I/O ports" },
    PROP_END,
};

static void debugexit_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = debugexit_realize;
    dc->user_creatable = true;
    device_class_set_props(dc, debugexit_props);
}

static const TypeInfo debugexit_info = {
    .name = TYPE_ISA_DEBUG_EXIT,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISADebugExit),
    .class_init = debugexit_class_init,
    .description = "writing v to its port exits emu with status (v << 1) | 1",
};
TYPE_REGISTER(debugexit_info)
