/*
 * debugcon.h — isa-debugcon: bytes written to one I/O port (default 0x402)
 * go to a chardev; reads return 0xe9.  Board use:
 *
 *     DeviceState *d = qdev_new(TYPE_ISA_DEBUGCON);
 *     qdev_prop_set(d, "chardev", "debugcon", &error_fatal);
 *     qdev_realize(d, BUS(isa_bus), &error_fatal);
 *
 * or from the command line `-device isa-debugcon,iobase=0x402,chardev=ID`
 * (`-debugcon DEV` on emu-system-i386/x86_64 is the short form).
 */
#ifndef HW_MISC_DEBUGCON_H
#define HW_MISC_DEBUGCON_H

#include "hw/isa.h"

#define TYPE_ISA_DEBUGCON "isa-debugcon"

#endif
