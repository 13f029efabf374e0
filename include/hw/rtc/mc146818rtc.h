/*
 * mc146818rtc.h — the PC's real-time clock and CMOS RAM ("mc146818rtc":
 * index port 0x70, whose bit 7 masks NMI, and data port 0x71; 128 bytes;
 * IRQ 8).
 *
 * The clock starts at the host's UTC time when the device is realized and
 * then follows EMU_CLOCK_VIRTUAL, so a stopped VM does not see time pass
 * and -icount runs see exact intervals.  The board fills the CMOS bytes the
 * firmware reads (memory sizes 0x15/0x16, 0x17/0x18, 0x30/0x31, 0x34/0x35,
 * 0x5b..0x5d, equipment byte 0x14, boot order 0x3d/0x38, ...):
 *
 *     DeviceState *rtc = mc146818rtc_create(0x70, 8, &error_fatal);
 *     mc146818rtc_set_cmos(rtc, 0x34, above_16m >> 16);
 *     mc146818rtc_set_cmos(rtc, 0x35, above_16m >> 24);
 */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include "hw/qdev.h"

#define TYPE_MC146818_RTC "mc146818rtc"

/* The century byte (BCD or binary per register B, like the clock). */
#define RTC_CENTURY 0x32

/* Create the RTC on the machine's ISA bus: ports iobase, iobase+1; IRQF on ISA IRQ irq. */
DeviceState *mc146818rtc_create(uint16_t iobase, int irq, Error **errp);

/* Store a CMOS byte (index 0x0e..0x7f; the clock registers are the clock's). */
void mc146818rtc_set_cmos(DeviceState *rtc, int index, uint8_t value);
/* Read a CMOS byte as the guest would (clock registers formatted per register B). */
uint8_t mc146818rtc_get_cmos(DeviceState *rtc, int index);

/* Whether the guest masked NMI (bit 7 of the last index written to port 0x70). */
bool mc146818rtc_nmi_masked(DeviceState *rtc);

#endif
