/*
 * i440fx.h — the i440FX host bridge (PCI 0:0.0, 8086:1237) with its
 * configuration mechanism #1 at ports 0xcf8/0xcfc and the PAM shadow-RAM
 * windows, and the PIIX3 PCI-to-ISA bridge (PCI 0:1.0, 8086:7000) with its
 * PIRQ routing, the ISA bus behind it and the reset control register 0xcf9.
 *
 * Board use (hw/i386/pc.c):
 *
 *     I440FXState *nb = i440fx_init(&ms->ram, ram_below_4g, &error_fatal);
 *     PCIBus *pci = i440fx_pci_bus(nb);
 *     PIIX3State *sb = piix3_init(pci, gsi, &error_fatal);   // gsi: 16 ISA IRQ inputs
 *     ISABus *isa = piix3_isa_bus(sb);
 *
 * Memory: RAM below 0xa0000 and from 1 MiB up to ram_below_4g is mapped by
 * i440fx_init; 0xa0000..0xbffff is left to the VGA window (PCI), and each
 * PAM segment of 0xc0000..0xfffff shows, as PAM0..PAM6 (config 0x59..0x5f)
 * say: 00 the PCI side (option ROMs, the BIOS's isa-bios alias, or nothing),
 * 01 RAM read-only (writes go to PCI, i.e. are lost), 10 RAM write-only
 * (reads from PCI), 11 RAM.  SMRAM (0x72) is stored and read back; SMM
 * itself is not modelled.
 */
#ifndef HW_PCI_HOST_I440FX_H
#define HW_PCI_HOST_I440FX_H

#include "hw/irq.h"
#include "hw/isa.h"
#include "hw/pci.h"

#define TYPE_I440FX_PCI_HOST "i440FX-pcihost"
#define TYPE_I440FX "i440FX"
#define TYPE_PIIX3 "PIIX3"

/* i440FX registers (82441FX PMC datasheet, 4.1). */
enum {
    I440FX_PAM0 = 0x59,                /* PAM0..PAM6: 0x59..0x5f */
    I440FX_PAM_COUNT = 7,
    I440FX_SMRAM = 0x72,
};
/* 13 segments: PAM0's high nibble (0xf0000, 64 KiB), then 16 KiB ones from 0xc0000. */
#define I440FX_PAM_SEGMENTS 13

/* PIIX3 registers (82371SB datasheet, 2.2). */
enum {
    PIIX3_PIRQRC = 0x60,               /* PIRQA..D route control: 0x60..0x63 */
    PIIX3_RCR_PORT = 0xcf9,            /* reset control register (I/O) */
};

typedef struct I440FXState I440FXState;
typedef struct PIIX3State PIIX3State;

/*
 * The host bridge and its 0:0.0 function; ram is the whole RAM region,
 * below_4g how much of it sits below the PCI hole (mapped here, with the
 * legacy holes).  bios/bios_size: the host memory of the BIOS image, whose
 * last bytes the PCI side shows up to 1 MiB (for PAM write-only reads).
 */
I440FXState *i440fx_init(MemoryRegion *ram, uint64_t below_4g, const uint8_t *bios,
                         uint64_t bios_size, Error **errp);
PCIBus *i440fx_pci_bus(I440FXState *s);
/* PAM attribute (0..3) of segment seg (0: 0xf0000, 1..12: 0xc0000 + 16 KiB * (seg - 1)). */
int i440fx_pam_mode(I440FXState *s, int seg);

/* PIIX3 at 0:1.0 (multi-function), its ISA bus, PCI INTx through PIRQA..D to isa_irqs. */
PIIX3State *piix3_init(PCIBus *bus, IRQState **isa_irqs, Error **errp);
ISABus *piix3_isa_bus(PIIX3State *s);

#endif
