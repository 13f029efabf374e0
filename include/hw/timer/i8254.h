/*
 * i8254.h — the PC's 8254 programmable interval timer ("isa-pit", ports
 * 0x40..0x43, input clock 1.193182 MHz on the virtual clock) and port 0x61
 * ("isa-pcspk": channel 2's gate and speaker-data bits, the refresh toggle
 * and channel 2's OUT as the PC's system control port B shows them).
 *
 * Channel 0's OUT drives ISA IRQ `irq` (default 0); the gates of channels
 * 0 and 1 are tied high, channel 2's gate belongs to port 0x61.
 *
 *     DeviceState *pit = i8254_create(0x40, 0, &error_fatal);    // IRQ0
 *     pcspk_create(pit, &error_fatal);                           // port 0x61
 */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include "hw/qdev.h"

#define TYPE_ISA_PIT "isa-pit"
#define TYPE_ISA_PCSPK "isa-pcspk"

/* The counters' input clock, Hz. */
#define I8254_FREQ 1193182

/* Create the PIT on the machine's ISA bus: ports iobase..iobase+3, OUT0 on ISA IRQ irq. */
DeviceState *i8254_create(uint16_t iobase, int irq, Error **errp);

/* Drive a channel's GATE input (rising edges trigger modes 1, 5 and reload 2, 3). */
void i8254_set_gate(DeviceState *pit, int channel, bool level);
/* A channel's GATE input as last driven. */
bool i8254_get_gate(DeviceState *pit, int channel);
/* A channel's OUT now (on the virtual clock). */
bool i8254_get_out(DeviceState *pit, int channel);

/* Create port 0x61 on the machine's ISA bus, wired to pit's channel 2. */
DeviceState *pcspk_create(DeviceState *pit, Error **errp);

#endif
