/*
 * ioapic.c — the I/O APIC (`ioapic`): 24 interrupt pins, each with a
 * redirection entry that turns it into a message to the local APICs
 * (Intel 82093AA I/O APIC datasheet; version 0x20 adds the EOI register of
 * later chipsets, as the PIIX/ICH-era boards that QEMU models have).
 *
 * Offers: IOAPIC_NUM_PINS gpio inputs; MMIO (256 bytes at 0xfec00000 on
 * the PC): IOREGSEL (+0x00), IOWIN (+0x10), EOI (+0x40).  Property: id.
 * Needs: apic_deliver_irq() and the local APICs' EOI broadcast
 * (apic_add_eoi_listener) for the remote IRR of level-triggered pins.
 *
 * Registers behind IOWIN: 0x00 ID (bits 27:24), 0x01 version (0x20, max
 * redirection entry 23 in bits 23:16), 0x02 arbitration ID (= ID),
 * 0x10 + 2n / 0x11 + 2n the low / high half of redirection entry n.
 *
 * Pin semantics: edge-triggered pins send one message per rising edge
 * (an edge while masked is lost, as on the 82093AA); level-triggered pins
 * send one when asserted and unmasked with remote IRR clear, set remote
 * IRR, and send again after the EOI if still asserted.  Delivery status
 * always reads idle: messages are delivered at once.
 */
#include "hw/intc/ioapic.h"

#include "exec/memory.h"
#include "hw/intc/apic.h"
#include "hw/sysbus.h"
#include "util/bitops.h"
#include "util/log.h"

LOG_ITEM(log_ioapic, "ioapic", "I/O APIC register accesses and messages");
#define IOAPIC_LOG(...) \
    do { if (log_enabled(log_ioapic)) { log_printf(__VA_ARGS__); } } while (0)

/* MMIO offsets. */
enum IoapicMmio {
    IOAPIC_IOREGSEL = 0x00,
    IOAPIC_IOWIN = 0x10,
    IOAPIC_EOI = 0x40,
    IOAPIC_MMIO_SIZE = 0x100,
};

/* Indirect registers (IOREGSEL values). */
enum IoapicReg {
    IOAPIC_REG_ID = 0x00,
    IOAPIC_REG_VERSION = 0x01,
    IOAPIC_REG_ARB = 0x02,
    IOAPIC_REG_REDTBL = 0x10,      /* 0x10 + 2n: low half of entry n, + 1: high half */
};

#define IOAPIC_VERSION 0x20

/* Redirection entry fields. */
#define IOAPIC_RTE_VECTOR_MASK 0xffull
#define IOAPIC_RTE_DELIVERY_STATUS BIT_ULL(12)
#define IOAPIC_RTE_REMOTE_IRR BIT_ULL(14)
#define IOAPIC_RTE_LEVEL BIT_ULL(15)
#define IOAPIC_RTE_MASKED BIT_ULL(16)
/* guest-writable: vector, delivery mode, destination mode, polarity, trigger, mask, destination */
#define IOAPIC_RTE_WMASK (0x1afffull | 0xff00000000000000ull)

typedef struct IoapicState {
    SysBusDevice parent;
    MemoryRegion iomem;
    uint64_t id_prop;              /* property: the ID at reset */
    uint8_t id;
    uint8_t ioregsel;
    uint32_t level;                /* asserted pins */
    uint64_t rte[IOAPIC_NUM_PINS];
} IoapicState;

static IoapicState *ioapic_of(DeviceState *dev)
{
    return OBJECT_CHECK(IoapicState, dev, TYPE_IOAPIC);
}

static void ioapic_send(IoapicState *s, int pin)
{
    uint64_t rte = s->rte[pin];
    int trigger = rte & IOAPIC_RTE_LEVEL ? APIC_TRIGGER_LEVEL : APIC_TRIGGER_EDGE;
    IOAPIC_LOG("ioapic: pin %d -> vector %#x dest %#x\n", pin, (unsigned)(rte & 0xff),
               (unsigned)(rte >> 56));
    apic_deliver_irq(rte >> 56, extract64(rte, 11, 1), extract64(rte, 8, 3),
                     rte & IOAPIC_RTE_VECTOR_MASK, trigger);
}

/* A level-triggered pin: send when asserted, unmasked and not waiting for its EOI. */
static void ioapic_service_level(IoapicState *s, int pin)
{
    uint64_t *rte = &s->rte[pin];
    if ((s->level >> pin & 1) && !(*rte & IOAPIC_RTE_MASKED) &&
        !(*rte & IOAPIC_RTE_REMOTE_IRR)) {
        *rte |= IOAPIC_RTE_REMOTE_IRR;
        ioapic_send(s, pin);
    }
}

static void ioapic_set_irq(void *opaque, int pin, int level)
{
    IoapicState *s = opaque;
    uint32_t bit = 1u << pin;
    bool old = s->level & bit;
    s->level = level ? s->level | bit : s->level & ~bit;
    if (s->rte[pin] & IOAPIC_RTE_LEVEL) {
        ioapic_service_level(s, pin);
    } else if (level && !old && !(s->rte[pin] & IOAPIC_RTE_MASKED)) {
        ioapic_send(s, pin);
    }
}

/* The local APIC EOI'd a level-triggered vector: clear remote IRR where it matches. */
static void ioapic_eoi(void *opaque, uint8_t vector)
{
    IoapicState *s = opaque;
    for (int pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t *rte = &s->rte[pin];
        if ((*rte & IOAPIC_RTE_LEVEL) && (*rte & IOAPIC_RTE_REMOTE_IRR) &&
            (*rte & IOAPIC_RTE_VECTOR_MASK) == vector) {
            *rte &= ~IOAPIC_RTE_REMOTE_IRR;
            ioapic_service_level(s, pin);
        }
    }
}

static uint32_t ioapic_reg_read(IoapicState *s)
{
    unsigned reg = s->ioregsel;
    switch (reg) {
    case IOAPIC_REG_ID:
    case IOAPIC_REG_ARB:
        return (uint32_t)s->id << 24;
    case IOAPIC_REG_VERSION:
        return IOAPIC_VERSION | (IOAPIC_NUM_PINS - 1) << 16;
    default:
        if (reg >= IOAPIC_REG_REDTBL && reg < IOAPIC_REG_REDTBL + 2 * IOAPIC_NUM_PINS) {
            uint64_t rte = s->rte[(reg - IOAPIC_REG_REDTBL) / 2];
            return reg & 1 ? rte >> 32 : (uint32_t)rte;
        }
        return 0;
    }
}

static void ioapic_reg_write(IoapicState *s, uint32_t val)
{
    unsigned reg = s->ioregsel;
    if (reg == IOAPIC_REG_ID) {
        s->id = extract32(val, 24, 4);
        return;
    }
    if (reg < IOAPIC_REG_REDTBL || reg >= IOAPIC_REG_REDTBL + 2 * IOAPIC_NUM_PINS) {
        return;                      /* version, arbitration: read-only */
    }
    int pin = (reg - IOAPIC_REG_REDTBL) / 2;
    uint64_t *rte = &s->rte[pin];
    uint64_t newval = reg & 1 ? (uint64_t)val << 32 | (uint32_t)*rte
                              : (*rte & 0xffffffff00000000ull) | val;
    *rte = (*rte & ~IOAPIC_RTE_WMASK) | (newval & IOAPIC_RTE_WMASK);
    if (!(*rte & IOAPIC_RTE_LEVEL)) {
        *rte &= ~IOAPIC_RTE_REMOTE_IRR;   /* remote IRR is undefined for edge: keep it clear */
    } else {
        ioapic_service_level(s, pin);     /* unmasked while asserted */
    }
}

static uint64_t ioapic_mmio_read(void *opaque, uint64_t addr, unsigned size)
{
    IoapicState *s = opaque;
    switch (addr) {
    case IOAPIC_IOREGSEL:
        return s->ioregsel;
    case IOAPIC_IOWIN:
        return ioapic_reg_read(s);
    default:
        return 0;
    }
}

static void ioapic_mmio_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    IoapicState *s = opaque;
    switch (addr) {
    case IOAPIC_IOREGSEL:
        s->ioregsel = val;
        break;
    case IOAPIC_IOWIN:
        IOAPIC_LOG("ioapic: reg %#x <- %#x\n", s->ioregsel, (uint32_t)val);
        ioapic_reg_write(s, val);
        break;
    case IOAPIC_EOI:
        ioapic_eoi(s, val);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps ioapic_mmio_ops = {
    .read = ioapic_mmio_read,
    .write = ioapic_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void ioapic_reset(DeviceState *dev)
{
    IoapicState *s = ioapic_of(dev);
    s->id = s->id_prop;
    s->ioregsel = 0;
    for (int i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->rte[i] = IOAPIC_RTE_MASKED;
    }
}

static void ioapic_realize(DeviceState *dev, Error **errp)
{
    IoapicState *s = ioapic_of(dev);
    memory_region_init_io(&s->iomem, OBJECT(s), &ioapic_mmio_ops, s, "ioapic",
                          IOAPIC_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    qdev_init_gpio_in(dev, ioapic_set_irq, IOAPIC_NUM_PINS);
    apic_add_eoi_listener(ioapic_eoi, s);
}

static void ioapic_unrealize(DeviceState *dev)
{
    IoapicState *s = ioapic_of(dev);
    apic_remove_eoi_listener(ioapic_eoi, s);
    if (s->iomem.container) {
        memory_region_del_subregion(s->iomem.container, &s->iomem);
    }
}

static Property ioapic_props[] = {
    { .name = "id", .kind = PROP_UINT, .offset = offsetof(IoapicState, id_prop),
      .def_uint = 0, .min = 0, .max = 15, .help = "I/O APIC ID (the MADT's)" },
    PROP_END,
};

static void ioapic_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = ioapic_realize;
    dc->unrealize = ioapic_unrealize;
    dc->reset = ioapic_reset;
    device_class_set_props(dc, ioapic_props);
}

static const TypeInfo ioapic_info = {
    .name = TYPE_IOAPIC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(IoapicState),
    .description = "I/O APIC, 24 pins",
    .class_init = ioapic_class_init,
};
TYPE_REGISTER(ioapic_info)
