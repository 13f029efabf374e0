/*
 * hpet.h — the High Precision Event Timer (`hpet`, IA-PC HPET
 * specification 1.0a): a 64-bit main counter at 10 MHz and three
 * comparators, memory-mapped at 0xfed00000 on the PC.
 *
 *     DeviceState *hpet = qdev_new(TYPE_HPET);
 *     qdev_realize(hpet, NULL, &error_fatal);
 *     sysbus_mmio_map(SYS_BUS_DEVICE(hpet), 0, HPET_DEFAULT_ADDRESS);
 *     for (int i = 0; i < HPET_NUM_ROUTES; i++)
 *         qdev_connect_gpio_out(hpet, i, qdev_get_gpio_in(ioapic, i));
 *     qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_IRQ0, isa_irq[0]);   // 8259 IRQ0 + IOAPIC 2
 *     qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_IRQ8, isa_irq[8]);
 *     qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_ACTIVE, gate);      // optional
 *
 * GPIO outputs: 0..23 are the IOAPIC pins a timer's route field selects;
 * HPET_OUT_LEGACY_IRQ0/IRQ8 carry timers 0/1 while legacy replacement is
 * on (the board feeds them to ISA IRQ 0 and 8); HPET_OUT_LEGACY_ACTIVE is
 * high while legacy replacement is configured, for a board that silences
 * the PIT and RTC interrupts meanwhile, as the chipset does.
 * Property: intcap (timers' interrupt routing capability, bit n = IOAPIC
 * pin n; default 0x00ff0104: pins 2, 8, 16..23, as QEMU's pc board).
 */
#ifndef HW_TIMER_HPET_H
#define HW_TIMER_HPET_H

#include "hw/qdev.h"

#define TYPE_HPET "hpet"
#define HPET_DEFAULT_ADDRESS 0xfed00000u
#define HPET_NUM_TIMERS 3
#define HPET_NUM_ROUTES 24
/* Main counter period in femtoseconds (10 MHz), as GCAP_ID reports it. */
#define HPET_PERIOD_FS 100000000u

enum {
    HPET_OUT_LEGACY_IRQ0 = HPET_NUM_ROUTES,
    HPET_OUT_LEGACY_IRQ8,
    HPET_OUT_LEGACY_ACTIVE,
    HPET_NUM_OUTPUTS,
};

#endif
