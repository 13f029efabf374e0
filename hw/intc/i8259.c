/*
 * i8259.c — the 8259A interrupt controller pair of the PC ("isa-i8259").
 *
 * Offers: ports 0x20/0x21 (master), 0xa0/0xa1 (slave), 0x4d0/0x4d1 (ELCR1/2,
 * one bit per IRQ: 1 = level triggered; IRQ 0, 1, 2, 8 and 13 are always
 * edge, as on the PIIX); 16 GPIO inputs (ISA IRQs); one GPIO output INT;
 * i8259_ack() for the INTA cycle (include/hw/intc/i8259.h).
 *
 * Modelled from the 8259A datasheet: the ICW1..ICW4 initialisation sequence
 * (single or cascade, ICW4 optional, 8086 mode, auto-EOI, special fully
 * nested mode), OCW1 (IMR), OCW2 (non-specific / specific EOI, rotate on
 * EOI, rotate in auto-EOI mode, set priority), OCW3 (read IRR/ISR, poll,
 * special mask mode), edge and level sensing, rotating priority, cascade on
 * IR2 and the spurious IR7 when a request vanishes before INTA.
 *
 * Simplifications, none visible to PC software: an edge request stays
 * latched in IRR after the line falls (the datasheet asks the line to stay
 * high until INTA; ISA devices here may pulse it); the slave is always on
 * the master's IR2 (ICW3 is stored, not used to route); the MCS-80 call
 * address bits and buffered mode are stored and ignored.
 *
 * Called with the I/O lock held (port accesses, GPIO inputs, i8259_ack).
 */
#include "hw/intc/i8259.h"
#include "exec/memory.h"
#include "hw/isa.h"
#include "util/error.h"
#include "util/log.h"

#include <glib.h>

LOG_ITEM(i8259_log_guest_errors, "guest_errors",
         "log invalid guest accesses to devices (unassigned I/O, bad register use)");

/* Bits of the initialisation and operation command words (8259A datasheet). */
enum {
    ICW1_SEL = 0x10,            /* A0=0, D4=1: ICW1 */
    ICW1_IC4 = 0x01,            /* ICW4 follows */
    ICW1_SNGL = 0x02,           /* single: no ICW3 */
    ICW1_LTIM = 0x08,           /* level-triggered inputs */
    ICW4_UPM = 0x01,            /* 8086 mode (vector = T7..T3 | IR) */
    ICW4_AEOI = 0x02,           /* auto-EOI at the end of INTA */
    ICW4_SFNM = 0x10,           /* special fully nested mode */
    OCW3_SEL = 0x08,            /* A0=0, D4=0, D3=1: OCW3 (else OCW2) */
    OCW3_RIS = 0x01,            /* read ISR (else IRR), when RR */
    OCW3_RR = 0x02,             /* RIS is valid */
    OCW3_POLL = 0x04,           /* next read is the poll word */
    OCW3_SMM = 0x20,            /* special mask mode on/off, when ESMM */
    OCW3_ESMM = 0x40,
};

/* OCW2's R, SL, EOI field (bits 7..5). */
enum {
    OCW2_ROTATE_AEOI_CLEAR = 0,
    OCW2_EOI = 1,               /* non-specific EOI */
    OCW2_NOP = 2,
    OCW2_SPECIFIC_EOI = 3,
    OCW2_ROTATE_AEOI_SET = 4,
    OCW2_ROTATE_EOI = 5,        /* rotate on non-specific EOI */
    OCW2_SET_PRIORITY = 6,
    OCW2_ROTATE_SPECIFIC_EOI = 7,
};

/* Where in the initialisation sequence a chip is (what A0=1 writes mean). */
typedef enum PicInitState {
    PIC_READY,                  /* A0=1 writes are OCW1 */
    PIC_WANT_ICW2,
    PIC_WANT_ICW3,
    PIC_WANT_ICW4,
} PicInitState;

typedef struct PicChip {
    uint8_t irr;                /* interrupt request register */
    uint8_t isr;                /* in-service register */
    uint8_t imr;                /* interrupt mask register */
    uint8_t level;              /* the input lines now (edge detection, level mode) */
    uint8_t elcr;               /* ELCR: inputs sensed by level */
    uint8_t elcr_mask;          /* ELCR bits that exist */
    uint8_t lowest;             /* IR of lowest priority (7 after ICW1; rotation moves it) */
    uint8_t vector_base;        /* ICW2 & 0xf8 */
    uint8_t icw1, icw3, icw4;   /* as written */
    PicInitState init;
    bool read_isr;              /* OCW3 RR/RIS: A0=0 reads ISR, else IRR */
    bool poll;                  /* OCW3 P: the next read is the poll word */
    bool special_mask;          /* OCW3 SMM */
    bool rotate_aeoi;           /* OCW2: rotate in auto-EOI mode */
    bool is_master;
    struct I8259State *owner;   /* the pair (port callbacks get the chip) */
    MemoryRegion io;
} PicChip;

typedef struct I8259State {
    ISADevice parent;
    PicChip chip[2];            /* [0] master, [1] slave */
    MemoryRegion elcr_io;
    IRQState *int_out;
} I8259State;

#define I8259(obj) OBJECT_CHECK(I8259State, obj, TYPE_ISA_I8259)

enum { PIC_CASCADE_IR = 2 };

/* An IR's rank: 0 is served first.  Rotation makes `lowest` rank 7. */
static int pic_rank(const PicChip *c, int ir)
{
    return (ir - c->lowest - 1) & 7;
}

/* The IR of best rank among the bits of mask, or -1. */
static int pic_best(const PicChip *c, uint8_t mask)
{
    for (int r = 0; r < 8; r++) {
        int ir = (c->lowest + 1 + r) & 7;
        if (mask & (1u << ir)) {
            return ir;
        }
    }
    return -1;
}

static bool pic_level_mode(const PicChip *c, int ir)
{
    return (c->icw1 & ICW1_LTIM) || (c->elcr & (1u << ir));
}

/*
 * The request the chip would present at INTA, or -1: the best unmasked IRR
 * bit, if it ranks above everything in service.  In special mask mode a
 * masked in-service level does not hold others back; in special fully
 * nested mode the master lets the slave interrupt through IR2 although IR2
 * is in service (a higher request on the slave).
 */
static int pic_pending(const PicChip *c)
{
    int ir = pic_best(c, c->irr & ~c->imr);
    if (ir < 0) {
        return -1;
    }
    uint8_t blocking = c->isr;
    if (c->special_mask) {
        blocking &= ~c->imr;
    }
    if (c->is_master && (c->icw4 & ICW4_SFNM)) {
        blocking &= ~(1u << PIC_CASCADE_IR);
    }
    int cur = pic_best(c, blocking);
    if (cur >= 0 && pic_rank(c, cur) <= pic_rank(c, ir)) {
        return -1;
    }
    return ir;
}

static void pic_input(PicChip *c, int ir, int level);

/* Recompute the slave's INT into the master's IR2, then the master's INT. */
static void pic_update(I8259State *s)
{
    pic_input(&s->chip[0], PIC_CASCADE_IR, pic_pending(&s->chip[1]) >= 0);
    irq_set(s->int_out, pic_pending(&s->chip[0]) >= 0);
}

/* A line changed: edge mode latches a rising edge, level mode follows the line. */
static void pic_input(PicChip *c, int ir, int level)
{
    uint8_t bit = 1u << ir;
    if (pic_level_mode(c, ir)) {
        c->irr = level ? c->irr | bit : c->irr & ~bit;
    } else if (level && !(c->level & bit)) {
        c->irr |= bit;
    }
    c->level = level ? c->level | bit : c->level & ~bit;
}

static void pic_set_irq(void *opaque, int n, int level)
{
    I8259State *s = opaque;
    pic_input(&s->chip[n >> 3], n & 7, level);
    pic_update(s);
}

/*
 * INTA on one chip for request ir: in service unless auto-EOI (which may
 * rotate), and an edge request is consumed.
 */
static void pic_accept(PicChip *c, int ir)
{
    if (!pic_level_mode(c, ir)) {
        c->irr &= ~(1u << ir);
    }
    if (c->icw4 & ICW4_AEOI) {
        if (c->rotate_aeoi) {
            c->lowest = ir;
        }
    } else {
        c->isr |= 1u << ir;
    }
}

int i8259_ack(DeviceState *dev)
{
    I8259State *s = I8259(dev);
    PicChip *m = &s->chip[0], *sl = &s->chip[1];
    int vector;
    int ir = pic_pending(m);
    if (ir < 0) {
        vector = m->vector_base | 7;
    } else {
        pic_accept(m, ir);
        if (ir == PIC_CASCADE_IR) {
            int sir = pic_pending(sl);
            if (sir < 0) {
                vector = sl->vector_base | 7;
            } else {
                pic_accept(sl, sir);
                vector = sl->vector_base | sir;
            }
        } else {
            vector = m->vector_base | ir;
        }
    }
    pic_update(s);
    return vector;
}

bool i8259_int_pending(DeviceState *dev)
{
    I8259State *s = I8259(dev);
    return pic_pending(&s->chip[0]) >= 0;
}

/* A poll read: like INTA on this chip alone; 0x80 | IR, or 0 with nothing pending. */
static uint8_t pic_poll(I8259State *s, PicChip *c)
{
    c->poll = false;
    int ir = pic_pending(c);
    if (ir < 0) {
        return 0;
    }
    pic_accept(c, ir);
    pic_update(s);
    return 0x80 | ir;
}

/* ICW1: the chip starts over (datasheet: IMR cleared, IR7 lowest, edge sense reset). */
static void pic_icw1(PicChip *c, uint8_t val)
{
    c->icw1 = val;
    c->icw4 = 0;
    c->imr = 0;
    c->isr = 0;
    c->irr = 0;
    c->lowest = 7;
    c->read_isr = false;
    c->poll = false;
    c->special_mask = false;
    c->rotate_aeoi = false;
    if (val & ICW1_LTIM) {
        c->irr = c->level;
    } else {
        /* a request must make a new low-to-high transition: forget the line */
        c->level = 0;
    }
    c->init = PIC_WANT_ICW2;
}

static void pic_ocw2(PicChip *c, uint8_t val)
{
    int ir = val & 7;
    switch (val >> 5) {
    case OCW2_ROTATE_AEOI_CLEAR:
        c->rotate_aeoi = false;
        break;
    case OCW2_ROTATE_AEOI_SET:
        c->rotate_aeoi = true;
        break;
    case OCW2_EOI:
    case OCW2_ROTATE_EOI: {
        /* the highest-priority level in service (the one being served) */
        int cur = pic_best(c, c->isr);
        if (cur >= 0) {
            c->isr &= ~(1u << cur);
            if (val >> 5 == OCW2_ROTATE_EOI) {
                c->lowest = cur;
            }
        }
        break;
    }
    case OCW2_SPECIFIC_EOI:
        c->isr &= ~(1u << ir);
        break;
    case OCW2_ROTATE_SPECIFIC_EOI:
        c->isr &= ~(1u << ir);
        c->lowest = ir;
        break;
    case OCW2_SET_PRIORITY:
        c->lowest = ir;
        break;
    case OCW2_NOP:
        break;
    }
}

static void pic_ocw3(PicChip *c, uint8_t val)
{
    if (val & OCW3_ESMM) {
        c->special_mask = val & OCW3_SMM;
    }
    if (val & OCW3_POLL) {
        c->poll = true;
    }
    if (val & OCW3_RR) {
        c->read_isr = val & OCW3_RIS;
    }
}

static void pic_io_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PicChip *c = opaque;
    I8259State *s = c->owner;
    if (addr == 0) {
        if (val & ICW1_SEL) {
            pic_icw1(c, val);
        } else if (val & OCW3_SEL) {
            pic_ocw3(c, val);
        } else {
            pic_ocw2(c, val);
        }
    } else {
        switch (c->init) {
        case PIC_READY:
            c->imr = val;
            break;
        case PIC_WANT_ICW2:
            c->vector_base = val & 0xf8;
            c->init = !(c->icw1 & ICW1_SNGL) ? PIC_WANT_ICW3
                      : (c->icw1 & ICW1_IC4) ? PIC_WANT_ICW4 : PIC_READY;
            break;
        case PIC_WANT_ICW3:
            c->icw3 = val;
            c->init = (c->icw1 & ICW1_IC4) ? PIC_WANT_ICW4 : PIC_READY;
            break;
        case PIC_WANT_ICW4:
            c->icw4 = val;
            if (!(val & ICW4_UPM) && log_enabled(i8259_log_guest_errors)) {
                log_printf("i8259: ICW4 selects MCS-80/85 mode; 8086 vectors used\n");
            }
            c->init = PIC_READY;
            break;
        }
    }
    pic_update(s);
}

static uint64_t pic_io_read(void *opaque, uint64_t addr, unsigned size)
{
    PicChip *c = opaque;
    I8259State *s = c->owner;
    if (c->poll) {
        return pic_poll(s, c);
    }
    if (addr == 0) {
        return c->read_isr ? c->isr : c->irr;
    }
    return c->imr;
}

static const MemoryRegionOps pic_io_ops = {
    .read = pic_io_read,
    .write = pic_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static uint64_t pic_elcr_read(void *opaque, uint64_t addr, unsigned size)
{
    I8259State *s = opaque;
    return s->chip[addr].elcr;
}

static void pic_elcr_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I8259State *s = opaque;
    PicChip *c = &s->chip[addr];
    c->elcr = val & c->elcr_mask;
    /* a line now level-sensed requests exactly while it is high */
    for (int ir = 0; ir < 8; ir++) {
        if (c->elcr & (1u << ir)) {
            c->irr = (c->irr & ~(1u << ir)) | (c->level & (1u << ir));
        }
    }
    pic_update(s);
}

static const MemoryRegionOps pic_elcr_ops = {
    .read = pic_elcr_read,
    .write = pic_elcr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* The PC has one pair; a second would shadow the first one's ports. */
static I8259State *pic_the_pair;

static void pic_realize(DeviceState *dev, Error **errp)
{
    I8259State *s = I8259(dev);
    if (pic_the_pair) {
        error_setg(errp, "the machine already has an 8259 pair");
        return;
    }
    pic_the_pair = s;
    static const struct {
        const char *name;
        uint16_t port;
        uint8_t elcr_mask;
    } chips[2] = {
        { "pic-master", I8259_MASTER_BASE, 0xf8 },  /* IRQ 0, 1, 2: edge only */
        { "pic-slave", I8259_SLAVE_BASE, 0xde },    /* IRQ 8, 13: edge only */
    };
    for (int i = 0; i < 2; i++) {
        PicChip *c = &s->chip[i];
        c->is_master = i == 0;
        c->owner = s;
        c->elcr_mask = chips[i].elcr_mask;
        memory_region_init_io(&c->io, OBJECT(s), &pic_io_ops, c, chips[i].name, 2);
        isa_register_ioport(ISA_DEVICE(s), &c->io, chips[i].port);
    }
    memory_region_init_io(&s->elcr_io, OBJECT(s), &pic_elcr_ops, s, "elcr", 2);
    isa_register_ioport(ISA_DEVICE(s), &s->elcr_io, I8259_ELCR_BASE);
}

/* Power-on: nothing requested, in service or masked; not initialised. */
static void pic_reset(DeviceState *dev)
{
    I8259State *s = I8259(dev);
    for (int i = 0; i < 2; i++) {
        PicChip *c = &s->chip[i];
        uint8_t level = c->level;
        c->irr = c->isr = c->imr = c->elcr = 0;
        c->lowest = 7;
        c->vector_base = 0;
        c->icw1 = c->icw3 = c->icw4 = 0;
        c->init = PIC_READY;
        c->read_isr = c->poll = c->special_mask = c->rotate_aeoi = false;
        c->level = level;           /* the wires keep their levels across a reset */
    }
    pic_update(s);
}

static void pic_instance_init(Object *obj)
{
    I8259State *s = I8259(obj);
    qdev_init_gpio_in(DEVICE(s), pic_set_irq, 16);
    qdev_init_gpio_out(DEVICE(s), &s->int_out, 1);
}

static void pic_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = pic_realize;
    dc->reset = pic_reset;
    /* listed by -device help; the board normally creates it (the CPU must know it) */
    dc->user_creatable = true;
}

static const TypeInfo pic_info = {
    .name = TYPE_ISA_I8259,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(I8259State),
    .instance_init = pic_instance_init,
    .class_init = pic_class_init,
    .description = "8259A interrupt controller pair (master 0x20, slave 0xa0, ELCR 0x4d0)",
};
TYPE_REGISTER(pic_info)

DeviceState *i8259_create(IRQState *int_out, Error **errp)
{
    ISADevice *dev = isa_create_simple(TYPE_ISA_I8259, errp);
    if (!dev) {
        return NULL;
    }
    if (int_out) {
        qdev_connect_gpio_out(DEVICE(dev), 0, int_out);
    }
    return DEVICE(dev);
}
