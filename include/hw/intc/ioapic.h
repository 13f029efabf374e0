/*
 * ioapic.h — the I/O APIC (`ioapic`, 82093AA-style, version 0x20 with 24
 * pins) that turns device interrupt lines into messages to the local APICs
 * (apic_deliver_irq).
 *
 *     DeviceState *ioapic = qdev_new(TYPE_IOAPIC);
 *     qdev_realize(ioapic, NULL, &error_fatal);
 *     sysbus_mmio_map(SYS_BUS_DEVICE(ioapic), 0, IOAPIC_DEFAULT_ADDRESS);
 *     // ISA IRQ n -> pin n (IRQ0 -> pin 2), PCI PIRQs -> pins 16..23
 *     IRQState *pin = qdev_get_gpio_in(ioapic, n);
 *
 * Inputs: IOAPIC_NUM_PINS gpio lines whose level is the logical "asserted"
 * state (the board hands over active-high levels; the polarity bit is
 * stored for the guest but not applied).  MMIO: IOREGSEL at +0x00, IOWIN
 * at +0x10, the EOI register at +0x40.  A level-triggered pin's remote IRR
 * is cleared by the local APIC's EOI broadcast of its vector (or the EOI
 * register) and, still asserted, it is delivered again.
 */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include "hw/qdev.h"

#define TYPE_IOAPIC "ioapic"
#define IOAPIC_DEFAULT_ADDRESS 0xfec00000u
#define IOAPIC_NUM_PINS 24

#endif
