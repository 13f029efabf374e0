/*
 * irq.c — interrupt line objects (hw/irq.h).
 */
#include "hw/irq.h"

#include <glib.h>

IRQState *irq_new(IRQHandler *handler, void *opaque, int n)
{
    IRQState *irq = OBJECT_CHECK(IRQState, object_new(TYPE_IRQ), TYPE_IRQ);
    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

IRQState **irq_allocate(IRQHandler *handler, void *opaque, int n)
{
    IRQState **v = g_new0(IRQState *, n);
    for (int i = 0; i < n; i++) {
        v[i] = irq_new(handler, opaque, i);
    }
    return v;
}

void irq_free(IRQState *irq)
{
    object_unref(OBJECT(irq));
}

void irq_set(IRQState *irq, int level)
{
    if (irq && irq->handler) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static const TypeInfo irq_info = {
    .name = TYPE_IRQ,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(IRQState),
    .description = "an interrupt line",
};
TYPE_REGISTER(irq_info)
