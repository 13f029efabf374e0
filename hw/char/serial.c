/*
 * serial.c — the 16550A UART core, independent of the bus it sits on
 * (include/hw/char/serial.h; the ISA device is serial-isa.c).
 *
 * Registers (offset; DLAB = LCR bit 7):
 *   0  RBR (read) / THR (write); DLL with DLAB
 *   1  IER: ERBFI, ETBEI, ELSI, EDSSI; DLM with DLAB
 *   2  IIR (read): pending flag, id, FIFO bits 7..6 / FCR (write): enable,
 *      clear RX, clear TX, trigger level 1/4/8/14
 *   3  LCR   4  MCR: DTR, RTS, OUT1, OUT2, LOOP   5  LSR: DR, OE, THRE, TEMT
 *   6  MSR: deltas and CTS, DSR, RI, DCD          7  SCR
 *
 * Interrupts in the datasheet's priority order: receiver line status (OE),
 * received data (DR, or the FIFO at its trigger level), character timeout
 * (FIFO mode: data below the trigger and 4 character times without a read
 * or a new byte), THR empty (cleared by reading IIR while it is the one shown
 * or by writing THR; raised again by an IER write that enables it while
 * THR is empty), modem status (MSR deltas).
 *
 * Transmission is immediate: a THR write goes to the chardev (or, in
 * loopback, into the receiver) at once, so THRE and TEMT read 1 again by the
 * next access.  Reception takes what the chardev offers up to the room in
 * the receiver (can_read: FIFO space, or one byte when RBR is free), so a
 * guest that stops reading stops the backend instead of spinning; reading
 * RBR asks the backend for more.  Without loopback the modem inputs read as
 * connected (CTS, DSR, DCD set).
 *
 * Not modelled: baud-rate timing of transmission, parity/framing errors and
 * break (nothing produces them), DMA mode signals, the 16450 (no FIFO) mode
 * differs only by FCR staying 0.
 *
 * Called with the I/O lock held (register access, chardev input, the timer).
 */
#include "hw/char/serial.h"
#include "util/error.h"

#include <glib.h>

/* Register numbers. */
enum {
    UART_RBR = 0,                   /* THR on write, DLL with DLAB */
    UART_IER = 1,                   /* DLM with DLAB */
    UART_IIR = 2,                   /* FCR on write */
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
};

enum {
    IER_ERBFI = 0x01,               /* received data available */
    IER_ETBEI = 0x02,               /* THR empty */
    IER_ELSI = 0x04,                /* receiver line status */
    IER_EDSSI = 0x08,               /* modem status */
    IIR_NO_INT = 0x01,
    IIR_ID_RLS = 0x06,
    IIR_ID_RDA = 0x04,
    IIR_ID_CTI = 0x0c,
    IIR_ID_THRE = 0x02,
    IIR_ID_MSI = 0x00,
    IIR_FIFO_ENABLED = 0xc0,
    FCR_ENABLE = 0x01,
    FCR_CLEAR_RX = 0x02,
    FCR_CLEAR_TX = 0x04,
    FCR_TRIGGER_SHIFT = 6,
    LCR_WLS = 0x03,
    LCR_STB = 0x04,
    LCR_PEN = 0x08,
    LCR_DLAB = 0x80,
    MCR_DTR = 0x01,
    MCR_RTS = 0x02,
    MCR_OUT1 = 0x04,
    MCR_OUT2 = 0x08,
    MCR_LOOP = 0x10,
    MCR_MASK = 0x1f,
    LSR_DR = 0x01,
    LSR_OE = 0x02,
    LSR_PE = 0x04,
    LSR_FE = 0x08,
    LSR_BI = 0x10,
    LSR_THRE = 0x20,
    LSR_TEMT = 0x40,
    LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI,
    MSR_DCTS = 0x01,
    MSR_DDSR = 0x02,
    MSR_TERI = 0x04,
    MSR_DDCD = 0x08,
    MSR_CTS = 0x10,
    MSR_DSR = 0x20,
    MSR_RI = 0x40,
    MSR_DCD = 0x80,
    MSR_DELTAS = 0x0f,
};

/* The receive FIFO trigger levels selected by FCR bits 7..6. */
static const uint8_t serial_trigger_levels[4] = { 1, 4, 8, 14 };

/* The reference clock divided by 16: baud = SERIAL_BAUD_BASE / divisor. */
#define SERIAL_BAUD_BASE 115200

static bool serial_fifo_mode(const SerialState *s)
{
    return s->fcr & FCR_ENABLE;
}

/* One character's time on the line at the programmed rate and format. */
static int64_t serial_char_ns(const SerialState *s)
{
    int bits = 1 + 5 + (s->lcr & LCR_WLS) + !!(s->lcr & LCR_PEN) + ((s->lcr & LCR_STB) ? 2 : 1);
    int64_t div = s->divisor ? s->divisor : 65536;
    return bits * NANOSECONDS_PER_SECOND * div / SERIAL_BAUD_BASE;
}

/* The interrupt the IIR would show now (datasheet table "interrupt control functions"). */
static uint8_t serial_iir_id(const SerialState *s)
{
    if ((s->ier & IER_ELSI) && (s->lsr & LSR_ERRORS)) {
        return IIR_ID_RLS;
    }
    if (s->ier & IER_ERBFI) {
        if (serial_fifo_mode(s)) {
            unsigned trig = serial_trigger_levels[s->fcr >> FCR_TRIGGER_SHIFT];
            if (s->rx.count >= trig) {
                return IIR_ID_RDA;
            }
            if (s->timeout_ipending) {
                return IIR_ID_CTI;
            }
        } else if (s->lsr & LSR_DR) {
            return IIR_ID_RDA;
        }
    }
    if ((s->ier & IER_ETBEI) && s->thr_ipending) {
        return IIR_ID_THRE;
    }
    if ((s->ier & IER_EDSSI) && (s->msr & MSR_DELTAS)) {
        return IIR_ID_MSI;
    }
    return IIR_NO_INT;
}

static void serial_update_irq(SerialState *s)
{
    int level = serial_iir_id(s) != IIR_NO_INT;
    if (s->irq_needs_out2 && (!(s->mcr & MCR_OUT2) || (s->mcr & MCR_LOOP))) {
        /* the PC's COM boards drive the ISA line only with OUT2; in loopback OUT2 is internal */
        level = 0;
    }
    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(s->irq, level);
    }
}

/* The modem inputs: from MCR in loopback, "connected" otherwise. */
static uint8_t serial_modem_inputs(const SerialState *s)
{
    if (s->mcr & MCR_LOOP) {
        return (s->mcr & MCR_RTS ? MSR_CTS : 0) | (s->mcr & MCR_DTR ? MSR_DSR : 0) |
               (s->mcr & MCR_OUT1 ? MSR_RI : 0) | (s->mcr & MCR_OUT2 ? MSR_DCD : 0);
    }
    return MSR_CTS | MSR_DSR | MSR_DCD;
}

/* New modem inputs: delta bits for changes (TERI only for RI going inactive). */
static void serial_set_modem_inputs(SerialState *s, uint8_t in)
{
    uint8_t old = s->msr;
    uint8_t changed = (old ^ in) & 0xf0;
    uint8_t deltas = (changed & MSR_CTS ? MSR_DCTS : 0) | (changed & MSR_DSR ? MSR_DDSR : 0) |
                     (changed & MSR_DCD ? MSR_DDCD : 0) |
                     ((old & MSR_RI) && !(in & MSR_RI) ? MSR_TERI : 0);
    s->msr = in | (old & MSR_DELTAS) | deltas;
}

/* (Re)start the character timeout: data below the trigger level waits 4 character times. */
static void serial_arm_timeout(SerialState *s)
{
    s->timeout_ipending = false;
    if (serial_fifo_mode(s) && s->rx.count) {
        timer_mod(s->timeout_timer, clock_get_ns(EMU_CLOCK_VIRTUAL) + 4 * serial_char_ns(s));
    } else {
        timer_del(s->timeout_timer);
    }
}

static void serial_timeout_cb(void *opaque)
{
    SerialState *s = opaque;
    if (serial_fifo_mode(s) && s->rx.count) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

/* A character arrives at the receiver (from the line or the loopback). */
static void serial_receive_byte(SerialState *s, uint8_t c)
{
    if (serial_fifo_mode(s)) {
        if (s->rx.count == SERIAL_FIFO_SIZE) {
            s->lsr |= LSR_OE;        /* the shift register's character is lost */
        } else {
            s->rx.data[(s->rx.head + s->rx.count++) % SERIAL_FIFO_SIZE] = c;
        }
    } else {
        if (s->lsr & LSR_DR) {
            s->lsr |= LSR_OE;        /* RBR overwritten */
        }
        s->rbr = c;
    }
    s->lsr |= LSR_DR;
    serial_arm_timeout(s);
}

static void serial_clear_rx(SerialState *s)
{
    s->rx.head = s->rx.count = 0;
    s->lsr &= ~LSR_DR;
    serial_arm_timeout(s);
}

static uint8_t serial_read_rbr(SerialState *s)
{
    uint8_t c = 0;
    if (serial_fifo_mode(s)) {
        if (s->rx.count) {
            c = s->rx.data[s->rx.head];
            s->rx.head = (s->rx.head + 1) % SERIAL_FIFO_SIZE;
            s->rx.count--;
        }
        if (!s->rx.count) {
            s->lsr &= ~LSR_DR;
        }
    } else {
        c = s->rbr;
        s->lsr &= ~LSR_DR;
    }
    serial_arm_timeout(s);
    serial_update_irq(s);
    chr_fe_accept_input(&s->fe);
    return c;
}

static void serial_write_thr(SerialState *s, uint8_t c)
{
    s->thr_ipending = false;
    if (s->mcr & MCR_LOOP) {
        serial_receive_byte(s, c);
    } else {
        chr_fe_write_all(&s->fe, &c, 1);
    }
    /* sent: THR and the shift register are empty again */
    s->lsr |= LSR_THRE | LSR_TEMT;
    s->thr_ipending = true;
    serial_update_irq(s);
}

uint64_t serial_core_read(SerialState *s, unsigned reg)
{
    switch (reg) {
    case UART_RBR:
        if (s->lcr & LCR_DLAB) {
            return s->divisor & 0xff;
        }
        return serial_read_rbr(s);
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            return s->divisor >> 8;
        }
        return s->ier;
    case UART_IIR: {
        uint8_t id = serial_iir_id(s);
        if (id == IIR_ID_THRE) {
            /* reading IIR while it shows THRE is an acknowledge */
            s->thr_ipending = false;
            serial_update_irq(s);
        }
        return id | (serial_fifo_mode(s) ? IIR_FIFO_ENABLED : 0);
    }
    case UART_LCR:
        return s->lcr;
    case UART_MCR:
        return s->mcr;
    case UART_LSR: {
        uint8_t v = s->lsr;
        s->lsr &= ~LSR_ERRORS;
        serial_update_irq(s);
        return v;
    }
    case UART_MSR: {
        uint8_t v = s->msr;
        s->msr &= ~MSR_DELTAS;
        serial_update_irq(s);
        return v;
    }
    default:
        return s->scr;
    }
}

static void serial_write_fcr(SerialState *s, uint8_t val)
{
    if ((val ^ s->fcr) & FCR_ENABLE) {
        /* switching FIFO mode on or off empties both FIFOs */
        val |= FCR_CLEAR_RX | FCR_CLEAR_TX;
    }
    if (val & FCR_CLEAR_RX) {
        serial_clear_rx(s);
    }
    /* TX FIFO: always empty (transmission is immediate) */
    s->fcr = val & (FCR_ENABLE | 0xc0);
    if (!(s->fcr & FCR_ENABLE)) {
        s->fcr = 0;
    }
    serial_arm_timeout(s);
}

void serial_core_write(SerialState *s, unsigned reg, uint8_t val)
{
    switch (reg) {
    case UART_RBR:
        if (s->lcr & LCR_DLAB) {
            s->divisor = (s->divisor & 0xff00) | val;
        } else {
            serial_write_thr(s, val);
        }
        break;
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            s->divisor = (s->divisor & 0x00ff) | val << 8;
        } else {
            s->ier = val & 0x0f;
            /* enabling the THRE interrupt while THR is empty raises it */
            if ((s->ier & IER_ETBEI) && (s->lsr & LSR_THRE)) {
                s->thr_ipending = true;
            }
        }
        break;
    case UART_IIR:
        serial_write_fcr(s, val);
        break;
    case UART_LCR:
        s->lcr = val;
        break;
    case UART_MCR:
        s->mcr = val & MCR_MASK;
        serial_set_modem_inputs(s, serial_modem_inputs(s));
        break;
    case UART_LSR:
    case UART_MSR:
        break;                      /* factory test registers: writes ignored */
    default:
        s->scr = val;
        break;
    }
    serial_update_irq(s);
}

static uint64_t serial_io_read(void *opaque, uint64_t addr, unsigned size)
{
    return serial_core_read(opaque, addr);
}

static void serial_io_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    serial_core_write(opaque, addr, val);
}

const MemoryRegionOps serial_io_ops = {
    .read = serial_io_read,
    .write = serial_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- the chardev side ------------------------------------------------------------ */

static int serial_can_receive(void *opaque)
{
    SerialState *s = opaque;
    if (s->mcr & MCR_LOOP) {
        return 0;                   /* the line is disconnected in loopback */
    }
    if (serial_fifo_mode(s)) {
        return SERIAL_FIFO_SIZE - s->rx.count;
    }
    return !(s->lsr & LSR_DR);
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
    SerialState *s = opaque;
    for (int i = 0; i < size; i++) {
        serial_receive_byte(s, buf[i]);
    }
    serial_update_irq(s);
}

bool serial_core_realize(SerialState *s, Error **errp)
{
    if (!chr_fe_init(&s->fe, s->chr, errp)) {
        return false;
    }
    chr_fe_set_handlers(&s->fe, serial_can_receive, serial_receive, NULL, s);
    s->timeout_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, serial_timeout_cb, s);
    s->irq_level = -1;
    return true;
}

/* Master reset (datasheet "reset functions"); the divisor is set to 12 (9600 baud) as at power-on. */
void serial_core_reset(SerialState *s)
{
    s->divisor = 12;
    s->ier = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->fcr = 0;
    s->scr = 0;
    s->lsr = LSR_THRE | LSR_TEMT;
    s->msr = serial_modem_inputs(s);
    s->thr_ipending = false;
    s->timeout_ipending = false;
    s->rx.head = s->rx.count = 0;
    s->rbr = 0;
    timer_del(s->timeout_timer);
    s->irq_level = -1;
    serial_update_irq(s);
    chr_fe_accept_input(&s->fe);
}
