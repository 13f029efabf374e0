/*
 * port92.c — "port92", the PS/2 system control port A at I/O 0x92:
 * bit 1 is the fast A20 gate, bit 0 a fast reset (writing 1 requests a
 * system reset; it reads back 0).
 *
 * A20 is recorded and reads back, but addresses are not masked: every
 * firmware and kernel this board runs enables A20 before using memory
 * above 1 MiB, and masking would cost a second view of the whole address
 * space.  `-d guest_errors` notes a guest turning A20 off.
 */
#include "hw/i386/pc.h"

#include "exec/runstate.h"
#include "util/log.h"

LOG_ITEM(port92_log_guest_errors, "guest_errors",
         "log guest accesses to unassigned memory and invalid register accesses");

#define TYPE_PORT92 "port92"
#define PORT92_RESET 0x01
#define PORT92_A20 0x02

typedef struct Port92State {
    ISADevice parent;
    MemoryRegion io;
    uint8_t a20;
} Port92State;

#define PORT92(obj) OBJECT_CHECK(Port92State, obj, TYPE_PORT92)

static uint64_t port92_read(void *opaque, uint64_t addr, unsigned size)
{
    Port92State *s = opaque;
    return s->a20;
}

static void port92_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    Port92State *s = opaque;
    if (!(val & PORT92_A20) && s->a20) {
        if (log_enabled(port92_log_guest_errors)) {
            log_printf("port92: A20 disabled (not masked by this board)\n");
        }
    }
    s->a20 = val & PORT92_A20;
    if (val & PORT92_RESET) {
        runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void port92_realize(DeviceState *dev, Error **errp)
{
    Port92State *s = PORT92(dev);
    memory_region_init_io(&s->io, OBJECT(s), &port92_ops, s, "port92", 1);
    isa_register_ioport(ISA_DEVICE(s), &s->io, 0x92);
}

static void port92_reset(DeviceState *dev)
{
    /* A20 comes up enabled on this board, as QEMU's does */
    PORT92(dev)->a20 = PORT92_A20;
}

static void port92_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = port92_realize;
    dc->reset = port92_reset;
}

static const TypeInfo port92_info = {
    .name = TYPE_PORT92,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(Port92State),
    .class_init = port92_class_init,
    .description = "system control port A (0x92): fast A20 and reset",
};
TYPE_REGISTER(port92_info)
