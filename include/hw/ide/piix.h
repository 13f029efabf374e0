/*
 * piix.h — the IDE function of the Intel PIIX3 south bridge ("piix3-ide",
 * PCI 8086:7010, class 0101 prog-if 80): two channels in legacy mode at the
 * ISA-compatible ports 0x1f0-0x1f7 + 0x3f6 (primary) and 0x170-0x177 +
 * 0x376 (secondary), and the bus-master DMA registers in BAR4 (16 bytes of
 * I/O) that read PRD tables from guest memory.
 *
 * Wiring: GPIO output 0 is the primary channel's INTRQ (the board connects
 * it to ISA IRQ 14), output 1 the secondary's (IRQ 15); the function's own
 * PCI interrupt pin is unused, as in legacy mode.  The drives come from the
 * drive table at realize: drive_get(IF_IDE, channel, unit) for channels 0
 * and 1 and units 0 and 1 (-hda .. -hdd, -cdrom, -drive if=ide); a drive
 * with media=cdrom becomes an ATAPI CD-ROM, any other an ATA disk.  The
 * channels are also the qdev buses "ide.0" and "ide.1", where
 * `-device ide-hd,drive=ID` and `-device ide-cd[,drive=ID]` plug (ide-dev.c,
 * properties drive= and unit=).
 *
 *     PCIDevice *ide = piix3_ide_create(pci_bus, PCI_DEVFN(1, 1), &error_fatal);
 *     qdev_connect_gpio_out(DEVICE(ide), 0, isa_irqs[14]);
 *     qdev_connect_gpio_out(DEVICE(ide), 1, isa_irqs[15]);
 *
 * Not modelled: native-mode channels (prog-if bits 0/2), the PIIX timing
 * registers' effect (0x40-0x47 are plain read/write, IDE decode always on),
 * overlapped/queued commands.
 */
#ifndef HW_IDE_PIIX_H
#define HW_IDE_PIIX_H

#include "hw/pci.h"

#define TYPE_PIIX3_IDE "piix3-ide"

/* Create the function at devfn on bus, realize it (attaching the IF_IDE drives), return it. */
PCIDevice *piix3_ide_create(PCIBus *bus, int devfn, Error **errp);

#endif
