/*
 * apic.h — the local xAPIC (`apic`), one per x86 CPU: the CPU's interrupt
 * controller (include/hw/i386/x86-intr.h) and the end point of IPIs, the
 * IOAPIC's messages and (later) MSIs.
 *
 * Wiring by the board, per CPU:
 *
 *     DeviceState *apic = qdev_new(TYPE_APIC);
 *     qdev_prop_set(apic, "id", "0", &error_fatal);           // its APIC ID
 *     qdev_realize(apic, NULL, &error_fatal);
 *     apic_connect_cpu(apic, cs, &board_apic_cpu_hooks);       // x86_cpu_set_sipi_vector
 *     x86_cpu_set_intr_controller(cs, &apic_intr_ops, apic);
 *     sysbus_mmio_map(SYS_BUS_DEVICE(apic), 0, APIC_DEFAULT_ADDRESS);  // first APIC only
 *     apic_set_extint_ack(apic, i8259_ack, pic);                // ExtINT acknowledge
 *     qdev_connect_gpio_out(pic, 0, qdev_get_gpio_in(apic, APIC_LINT0));
 *
 * Inputs: gpio APIC_LINT0 (the 8259's INT) and APIC_LINT1 (NMI), levels.
 * MMIO: 4 KiB at the APIC base (IA32_APIC_BASE); an access is served by the
 * APIC of the CPU making it (current_cpu), or by the region's own APIC when
 * no CPU makes it, so one mapping serves every CPU.
 */
#ifndef HW_INTC_APIC_H
#define HW_INTC_APIC_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/i386/x86-intr.h"
#include "hw/qdev.h"

#define TYPE_APIC "apic"
#define APIC_DEFAULT_ADDRESS 0xfee00000u
#define APIC_MMIO_SIZE 0x1000u

/* gpio inputs */
#define APIC_LINT0 0
#define APIC_LINT1 1

/*
 * The APIC bus clock the timer counts (before the divide configuration):
 * 1 GHz, one tick per nanosecond of EMU_CLOCK_VIRTUAL, as QEMU's TCG
 * APIC reports it to guests (Linux calibrates it against the PIT).
 */
#define APIC_BUS_FREQ_HZ 1000000000u

/* Delivery modes (ICR, LVT and redirection entries, bits 10:8). */
typedef enum ApicDeliveryMode {
    APIC_DM_FIXED = 0,
    APIC_DM_LOWPRI = 1,
    APIC_DM_SMI = 2,
    APIC_DM_NMI = 4,
    APIC_DM_INIT = 5,
    APIC_DM_SIPI = 6,
    APIC_DM_EXTINT = 7,
} ApicDeliveryMode;

/* Destination mode (bit 11): physical (APIC ID) or logical (LDR/DFR). */
#define APIC_DEST_PHYSICAL 0
#define APIC_DEST_LOGICAL 1
/* Trigger mode (bit 15). */
#define APIC_TRIGGER_EDGE 0
#define APIC_TRIGGER_LEVEL 1

/* What the APIC needs from the CPU model that the generic CPU does not offer. */
typedef struct ApicCpuHooks {
    /* the start-up IPI's vector, before CPU_INTERRUPT_SIPI is raised (may be NULL) */
    void (*set_sipi_vector)(CPUState *cs, uint8_t vector);
} ApicCpuHooks;

/* The controller side of x86-intr.h; opaque is the APIC's DeviceState. */
extern const X86IntrControllerOps apic_intr_ops;

/* Bind the APIC to its CPU (the BSP is cpu_index 0: MSR bit 8). */
void apic_connect_cpu(DeviceState *apic, CPUState *cs, const ApicCpuHooks *hooks);
/* The acknowledge cycle of the 8259 behind LINT0 (ExtINT): i8259_ack and the pair. */
void apic_set_extint_ack(DeviceState *apic, int (*ack)(DeviceState *pic), DeviceState *pic);

/*
 * A message to the APICs (IOAPIC redirection entries, later MSI): dest is
 * an APIC ID (physical; 0xff: all) or a logical destination; vector is
 * ignored for NMI/INIT/SMI/ExtINT.  A level-triggered fixed interrupt
 * makes the accepting APIC broadcast its EOI (apic_add_eoi_listener).
 */
void apic_deliver_irq(uint8_t dest, int dest_mode, int delivery_mode, uint8_t vector,
                      int trigger);

/* Called with the vector when a level-triggered interrupt is EOI'd (the IOAPIC). */
typedef void ApicEoiListener(void *opaque, uint8_t vector);
void apic_add_eoi_listener(ApicEoiListener *fn, void *opaque);
void apic_remove_eoi_listener(ApicEoiListener *fn, void *opaque);

/* Whether the APIC would raise INTR now (for tests and `info lapic`). */
bool apic_intr_pending(DeviceState *apic);

#endif
