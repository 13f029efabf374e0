/*
 * mptable.h — the Intel MultiProcessor Specification 1.4 tables of a PC
 * (the floating pointer structure and the MP configuration table, chapter
 * 4), built from the same AcpiPCConfig as the ACPI tables so that both
 * describe one machine: a processor entry per CPU (APIC ids, the BSP
 * first), a PCI bus (id 0) and an ISA bus (id 1), the I/O APIC, an
 * interrupt assignment for every ISA IRQ but the cascade (IRQ 2) to the
 * IOAPIC pin and flags of the MADT's overrides (identity otherwise), and
 * the local interrupts LINT0 = ExtINT, LINT1 = NMI of every CPU.  No PCI
 * interrupt entries: PCI devices get their IRQs from ACPI (_PRT and the
 * link devices) or not at all without it.
 *
 * For a board that boots without firmware (SeaBIOS writes its own MP
 * table): one blob, the 16-byte floating pointer followed by the
 * configuration table, with its physical address pointer and both
 * checksums computed for where the board will write it (a 16-byte aligned
 * address in the BIOS area 0xf0000-0xfffff, where an OS scans for "_MP_").
 *
 *     MPTableCPUID id = { .signature = 0x663, .features = edx_of_cpuid_1 };
 *     GByteArray *mp = mptable_build_pc(&cfg, &id, 0xf0040);
 *     address_space_write_rom(as, 0xf0040, mp->data, mp->len);
 *     g_byte_array_unref(mp);
 */
#ifndef HW_ACPI_MPTABLE_H
#define HW_ACPI_MPTABLE_H

#include <stdint.h>

#include <glib.h>

#include "hw/acpi/acpi-build.h"

/* What the processor entries report of the CPUs (all alike). */
typedef struct MPTableCPUID {
    uint32_t signature;                /* stepping 3:0, model 7:4, family 11:8 (CPUID.1 EAX) */
    uint32_t features;                 /* CPUID.1 EDX */
} MPTableCPUID;

/* The floating pointer and the configuration table for address addr (16-byte aligned). */
GByteArray *mptable_build_pc(const AcpiPCConfig *cfg, const MPTableCPUID *id, uint32_t addr);

#endif
