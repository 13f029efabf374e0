/*
 * pc.h — the state of the `pc` machine (hw/i386/pc.c) that its other
 * parts (the i440FX's PAM windows, fw_cfg, Linux loading) share.
 * One PC per process: pc_machine() returns it.
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include <stdint.h>

#include "exec/memory.h"
#include "hw/isa.h"
#include "hw/pci-host/i440fx.h"

#define PC_BIOS_DEFAULT "bios.bin"
#define PC_MAX_CPUS 8
#define PC_NUM_GSI 24                  /* IOAPIC pins */

typedef struct MachineState MachineState;
typedef struct X86CPU X86CPU;

typedef struct PCMachineState {
    MachineState *ms;
    uint64_t below_4g, above_4g;   /* RAM below the PCI hole, and moved above 4 GiB */
    MemoryRegion ram_below_4g, ram_above_4g;
    MemoryRegion bios;             /* the image, ROM at 4 GiB - size */
    MemoryRegion isa_bios;         /* its last 128 KiB at 0xe0000 */
    uint64_t bios_size;
    ISABus *isa_bus;
    PCIBus *pci_bus;
    I440FXState *i440fx;
    PIIX3State *piix3;
    IRQState **gsi;                /* PC_NUM_GSI: the interrupt controllers' inputs */
    IRQState **isa_irqs;           /* the ISA bus's 16 lines, to gsi 0-15 (HPET gating 0, 8) */
    int isa_level[ISA_NUM_IRQS];
    bool hpet_legacy;              /* HPET legacy replacement: IRQ 0/8 from its timers 0/1 */
    int hpet_level[2];
    DeviceState *pic;              /* the 8259 pair */
    IRQState *pic_in[ISA_NUM_IRQS];  /* the 8259 pair's inputs (NULL: none yet) */
    IRQState *ioapic_in[PC_NUM_GSI]; /* the IOAPIC's pins (NULL: none yet) */
    DeviceState *apic[PC_MAX_CPUS];  /* local APICs */
    DeviceState *pit;
    DeviceState *rtc;
    DeviceState *ioapic;
    struct FWCfgState *fw_cfg;
    X86CPU *cpus[PC_MAX_CPUS];
} PCMachineState;

PCMachineState *pc_machine(void);
/* fw_cfg with the PC's items (pc-fwcfg.c); after RAM and the ISA bus exist. */
void pc_fw_cfg_init(PCMachineState *pcms);
/* The ACPI tables as fw_cfg files (pc-acpi.c); after fw_cfg and every device. */
void pc_acpi_init(PCMachineState *pcms);
/*
 * Write the MP table (floating pointer + configuration table) of the same
 * machine at the first 16-byte boundary from addr, for boots without
 * firmware; returns the end of what it wrote, or 0 with errp set when it
 * would pass end or the memory refuses it.
 */
uint64_t pc_mptable_place(PCMachineState *pcms, uint64_t addr, uint64_t end, Error **errp);
/* (Re)write "bootorder" from -boot order=, with first (NULL: none) as the first line. */
void pc_fw_cfg_boot_order(PCMachineState *pcms, const char *first);
/*
 * -kernel/-initrd/-append (x86-linux.c): mode "firmware" (NULL) through
 * SeaBIOS and linuxboot_dma.bin, or "direct" (32-bit boot protocol entry).
 * Errors exit.  Call after pc_fw_cfg_init and after the CPUs' reset hooks.
 */
bool pc_linux_load(PCMachineState *pcms, const char *mode);

#endif
