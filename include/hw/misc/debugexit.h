/*
 * debugexit.h — isa-debug-exit: a write of v to its ports (default 0x501,
 * 2 bytes) exits emu with status (v << 1) | 1.  From the command line:
 * `-device isa-debug-exit[,iobase=0xf4,iosize=4]`.
 */
#ifndef HW_MISC_DEBUGEXIT_H
#define HW_MISC_DEBUGEXIT_H

#include "hw/isa.h"

#define TYPE_ISA_DEBUG_EXIT "isa-debug-exit"

#endif
