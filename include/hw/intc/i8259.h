/*
 * i8259.h — the PC's pair of 8259A programmable interrupt controllers
 * (type "isa-i8259": master at ports 0x20/0x21, slave at 0xa0/0xa1 cascaded
 * on the master's IR2, and the edge/level control registers ELCR1/ELCR2 at
 * 0x4d0/0x4d1 as the PIIX south bridges have them).
 *
 * The device has 16 GPIO inputs (ISA IRQ 0..15: 0..7 on the master, 8..15
 * on the slave) and one GPIO output, INT, the master's interrupt request to
 * the CPU (or the local APIC's LINT0).  Whoever receives INT runs the
 * interrupt acknowledge cycle with i8259_ack(), which returns the vector.
 *
 *     DeviceState *pic = i8259_create(cpu_intr_line, &error_fatal);
 *     IRQState *isa_irqs[16];
 *     for (int i = 0; i < 16; i++) {
 *         isa_irqs[i] = qdev_get_gpio_in(pic, i);
 *     }
 *     isa_bus_set_irqs(isa_bus, isa_irqs);
 *     ...on INT high, in the CPU's interrupt path...
 *     int vector = i8259_ack(pic);
 */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include "hw/qdev.h"

#define TYPE_ISA_I8259 "isa-i8259"

/* Ports of the pair (fixed on the PC). */
enum {
    I8259_MASTER_BASE = 0x20,
    I8259_SLAVE_BASE = 0xa0,
    I8259_ELCR_BASE = 0x4d0,
};

/*
 * Create the pair on the machine's ISA bus (which must exist) and connect
 * its INT output to int_out (may be NULL and connected later with
 * qdev_connect_gpio_out(pic, 0, line)).
 */
DeviceState *i8259_create(IRQState *int_out, Error **errp);

/*
 * The INTA cycle: the vector of the highest-priority pending request, its
 * in-service bit set (unless auto-EOI) and an edge request cleared.  With
 * nothing pending (the request went away) the spurious vector of IR7 of the
 * master, or of the slave when the master's IR2 was chosen, with no
 * in-service bit for it.  INT is updated before returning.
 */
int i8259_ack(DeviceState *pic);

/* Whether INT is asserted now (for a CPU that polls instead of being told). */
bool i8259_int_pending(DeviceState *pic);

#endif
