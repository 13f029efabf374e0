/*
 * pcspk.c — port 0x61, the PC's system control port B ("isa-pcspk"): the
 * PIT channel 2 gate and the speaker enable, and what PC software polls
 * there for delays and calibration — the refresh toggle and channel 2's OUT.
 *
 *   bit 0  (rw) channel 2 GATE            bit 4  (ro) refresh request, toggles every 15.085 us
 *   bit 1  (rw) speaker data enable       bit 5  (ro) channel 2 OUT
 *   bit 2  (rw) parity/SERR check enable  bit 6  (ro) IOCHK# seen (never, here)
 *   bit 3  (rw) IOCHK# check enable       bit 7  (ro) parity/SERR# seen (never, here)
 *
 * Needs the PIT (link property `pit`, or pcspk_create(pit, errp)).  No sound
 * is produced: the speaker bits are stored so the guest reads them back.
 * The refresh toggle follows EMU_CLOCK_VIRTUAL, so Linux's and SeaBIOS's
 * delay loops on it measure guest time.  Called with the I/O lock held.
 */
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/isa.h"
#include "hw/timer/i8254.h"
#include "util/error.h"

#include <glib.h>

enum {
    PCSPK_PORT = 0x61,
    PCSPK_GATE2 = 0x01,
    PCSPK_SPEAKER = 0x02,
    PCSPK_RW_BITS = 0x0f,            /* the writable bits */
    PCSPK_REFRESH = 0x10,
    PCSPK_OUT2 = 0x20,
    PCSPK_REFRESH_NS = 15085,        /* the AT's DRAM refresh period: 18 PIT clocks */
};

typedef struct PcspkState {
    ISADevice parent;
    MemoryRegion io;
    Object *pit;                     /* property: the 8254 whose channel 2 this port drives */
    uint8_t control;                 /* bits 0..3 as written */
} PcspkState;

#define PCSPK(obj) OBJECT_CHECK(PcspkState, obj, TYPE_ISA_PCSPK)

static uint64_t pcspk_read(void *opaque, uint64_t addr, unsigned size)
{
    PcspkState *s = opaque;
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    uint8_t v = s->control;
    if ((now / PCSPK_REFRESH_NS) & 1) {
        v |= PCSPK_REFRESH;
    }
    if (i8254_get_out(DEVICE(s->pit), 2)) {
        v |= PCSPK_OUT2;
    }
    return v;
}

static void pcspk_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PcspkState *s = opaque;
    s->control = val & PCSPK_RW_BITS;
    i8254_set_gate(DEVICE(s->pit), 2, val & PCSPK_GATE2);
}

static const MemoryRegionOps pcspk_ops = {
    .read = pcspk_read,
    .write = pcspk_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void pcspk_realize(DeviceState *dev, Error **errp)
{
    PcspkState *s = PCSPK(dev);
    if (!s->pit) {
        error_setg(errp, "pit=<id of an isa-pit> is needed (the channel 2 it gates)");
        return;
    }
    memory_region_init_io(&s->io, OBJECT(s), &pcspk_ops, s, "pcspk", 1);
    isa_register_ioport(ISA_DEVICE(s), &s->io, PCSPK_PORT);
}

static void pcspk_reset(DeviceState *dev)
{
    PcspkState *s = PCSPK(dev);
    s->control = 0;
    i8254_set_gate(DEVICE(s->pit), 2, false);
}

static Property pcspk_props[] = {
    { .name = "pit", .kind = PROP_LINK, .offset = offsetof(PcspkState, pit),
      .link_type = TYPE_ISA_PIT, .help = "the isa-pit whose channel 2 it gates" },
    PROP_END,
};

static void pcspk_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = pcspk_realize;
    dc->reset = pcspk_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, pcspk_props);
}

static const TypeInfo pcspk_info = {
    .name = TYPE_ISA_PCSPK,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(PcspkState),
    .class_init = pcspk_class_init,
    .description = "port 0x61: PIT channel 2 gate, speaker enable, refresh toggle, OUT2",
};
TYPE_REGISTER(pcspk_info)

DeviceState *pcspk_create(DeviceState *pit, Error **errp)
{
    BusState *bus = qbus_find_by_type(TYPE_ISA_BUS);
    if (!bus) {
        error_setg(errp, "no ISA bus for port 0x61");
        return NULL;
    }
    DeviceState *dev = qdev_new(TYPE_ISA_PCSPK);
    PCSPK(dev)->pit = OBJECT(pit);
    if (!qdev_realize(dev, bus, errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return dev;
}
