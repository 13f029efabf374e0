/*
 * serial.h — the 16550A UART: a bus-neutral core (SerialState: registers,
 * FIFOs, interrupts, the chardev) and the ISA device "isa-serial" that puts
 * it at a PC COM port.
 *
 * The core's eight registers are reached through serial_io_ops (opaque: the
 * SerialState, offsets 0..7, byte accesses); a memory-mapped variant embeds
 * a SerialState, calls serial_core_realize/serial_core_reset from its own
 * realize/reset, and maps its own region whose callbacks call
 * serial_core_read/serial_core_write with the register number (its address
 * shifted by the board's register spacing).
 *
 *     DeviceState *com1 = serial_isa_create(0, serial_hd(0), &error_fatal);  // 0x3f8, IRQ 4
 *
 * Command line: -device isa-serial,index=1,chardev=ID (COM2: 0x2f8, IRQ 3), or
 * iobase=/irq= explicitly.
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "chardev/char.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/qdev.h"

#define TYPE_ISA_SERIAL "isa-serial"
#define SERIAL_FIFO_SIZE 16
#define SERIAL_MAX_ISA_PORTS 4

typedef struct SerialFifo {
    uint8_t data[SERIAL_FIFO_SIZE];
    unsigned head, count;
} SerialFifo;

typedef struct SerialState {
    /* set by the owner before serial_core_realize */
    Object *owner;                 /* for the timer and region names */
    Chardev *chr;                  /* the backend, or NULL (output dropped, no input) */
    IRQState *irq;                 /* the interrupt line */
    bool irq_needs_out2;           /* PC wiring: the line is driven only while MCR OUT2 is set */
    /* the registers (16550A datasheet) */
    uint16_t divisor;
    uint8_t ier, lcr, mcr, lsr, msr, scr, fcr;
    bool thr_ipending;             /* THR empty interrupt latched (cleared by IIR read / THR write) */
    bool timeout_ipending;         /* character timeout (FIFO mode) */
    SerialFifo rx;
    uint8_t rbr;                   /* non-FIFO mode: the received byte */
    int irq_level;                 /* what the line was last set to */
    CharFrontend fe;
    Timer *timeout_timer;          /* character timeout: 4 character times after the last event */
} SerialState;

/* Register access for a device that embeds the core (reg 0..7). */
uint64_t serial_core_read(SerialState *s, unsigned reg);
void serial_core_write(SerialState *s, unsigned reg, uint8_t val);
/* opaque = SerialState, 8 one-byte registers at offsets 0..7 */
extern const MemoryRegionOps serial_io_ops;

bool serial_core_realize(SerialState *s, Error **errp);
void serial_core_reset(SerialState *s);

/* COM<index+1> (0..3) on the machine's ISA bus at its usual port and IRQ, on chr (may be NULL). */
DeviceState *serial_isa_create(int index, Chardev *chr, Error **errp);

#endif
