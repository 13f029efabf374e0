/*
 * x86-intr.h — how an x86 CPU (target/i386, system mode) and the interrupt
 * controller in front of it (the local APIC, or the 8259 pair on a board
 * without one) reach each other.
 *
 * Raising: the controller calls cpu_interrupt(cs, CPU_INTERRUPT_HARD) while
 * it has an interrupt for the CPU and cpu_reset_interrupt(cs, ...) when the
 * request goes away; NMI, INIT and SIPI use the bits below.
 *
 * Accepting: when the CPU takes INTR (IF set, between instructions, not in
 * an interrupt shadow) it calls ops->ack, which performs the acknowledge
 * cycle and returns the vector (the controller lowers or keeps the line
 * itself), or -1 when the request vanished meanwhile: the CPU then carries
 * on as if nothing was pending.
 *
 * The other hooks give the CPU the controller's architectural registers:
 * IA32_APIC_BASE (MSR 0x1b) and CR8 (the task priority, TPR[7:4]).  A CPU
 * without a controller attached reads APIC base 0 and CR8 0 and never takes
 * INTR.
 */
#ifndef HW_I386_X86_INTR_H
#define HW_I386_X86_INTR_H

#include <stdint.h>

#include "hw/core/cpu.h"

/* x86-specific interrupt_request bits (see include/hw/core/cpu.h). */
#define CPU_INTERRUPT_NMI   (CPU_INTERRUPT_TGT_0 << 0)
#define CPU_INTERRUPT_INIT  (CPU_INTERRUPT_TGT_0 << 1)
#define CPU_INTERRUPT_SIPI  (CPU_INTERRUPT_TGT_0 << 2)   /* vector: x86_cpu_set_sipi_vector */
#define CPU_INTERRUPT_SMI   (CPU_INTERRUPT_TGT_0 << 3)

typedef struct X86IntrControllerOps {
    /* INTR accepted: the vector to deliver, or -1 (spurious, nothing to do). */
    int (*ack)(void *opaque);
    /* RDMSR/WRMSR IA32_APIC_BASE; write may refuse (return false: #GP). */
    uint64_t (*get_apic_base)(void *opaque);
    bool (*set_apic_base)(void *opaque, uint64_t value);
    /* MOV from/to CR8: the value is TPR >> 4 (0..15). */
    uint8_t (*get_cr8)(void *opaque);
    void (*set_cr8)(void *opaque, uint8_t cr8);
} X86IntrControllerOps;

/* Attach the controller of cs (implemented by target/i386, system mode). */
void x86_cpu_set_intr_controller(CPUState *cs, const X86IntrControllerOps *ops, void *opaque);
/* The start-up IPI's vector (the CPU starts at vector << 12 in real mode). */
void x86_cpu_set_sipi_vector(CPUState *cs, uint8_t vector);
/* The APIC ID of cs (CPUID leaf 1 EBX[31:24] and leaf 0xb), set by the board. */
void x86_cpu_set_apic_id(CPUState *cs, uint32_t apic_id);

#endif
