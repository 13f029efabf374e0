/*
 * irq.h — interrupt lines and GPIOs as objects.  A line is an IRQState
 * (type "irq") with a handler and the opaque and pin number it was created
 * with; setting its level calls the handler with the I/O lock held.  A NULL
 * line is a pin connected to nothing: setting it does nothing.
 *
 *     IRQState **in = irq_allocate(pic_set_irq, s, 16);   // a controller's inputs
 *     irq_raise(in[4]);                                     // pic_set_irq(s, 4, 1)
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include "qom/object.h"

#define TYPE_IRQ "irq"

typedef void IRQHandler(void *opaque, int n, int level);

typedef struct IRQState {
    Object parent;
    IRQHandler *handler;
    void *opaque;
    int n;
} IRQState;

IRQState *irq_new(IRQHandler *handler, void *opaque, int n);
/* n lines numbered 0 .. n-1 (the array is g_free'd by the caller, lines unref'd). */
IRQState **irq_allocate(IRQHandler *handler, void *opaque, int n);
void irq_free(IRQState *irq);

void irq_set(IRQState *irq, int level);
static inline void irq_raise(IRQState *irq) { irq_set(irq, 1); }
static inline void irq_lower(IRQState *irq) { irq_set(irq, 0); }
/* A pulse for edge-triggered inputs: raise then lower. */
static inline void irq_pulse(IRQState *irq) { irq_set(irq, 1); irq_set(irq, 0); }

#endif
