/*
 * piix4.h — the power-management function of the Intel PIIX4 ("PIIX4_PM",
 * PCI 8086:7113, function 3 of the PIIX slot) as ACPI sees it: the PM1a
 * event and control blocks, the PM timer, GPE0, the SCI, the SMI command
 * port that switches ACPI mode on and off, and an idle SMBus controller.
 *
 * The I/O layout below is the single source of truth for both the device
 * and the ACPI tables (hw/acpi/acpi-build.c builds the FADT from it):
 *
 *   PMBA (config 0x40, enabled by PMREGMISC 0x80 bit 0), 64 bytes of I/O:
 *     +0x00 PM1a_EVT_BLK  PM1_STS (16, write 1 to clear), PM1_EN (16)
 *     +0x04 PM1a_CNT_BLK  PM1_CNT (16): SCI_EN, SLP_TYP, SLP_EN
 *     +0x08 PM_TMR_BLK    24-bit timer at 3.579545 MHz (read-only)
 *     +0x0c GPE0_BLK      GPE0_STS (16, W1C), GPE0_EN (16)
 *     (the other PIIX4 registers up to +0x3f are plain storage)
 *   SMBBA (config 0x90, enabled by SMBHSTCFG 0xd2 bit 0), 16 bytes: idle host
 *   port 0xb2 (APMC) / 0xb3 (APMS): ACPI_ENABLE / ACPI_DISABLE set / clear SCI_EN
 *
 * At reset PMBA = PIIX4_PM_BASE and SMBBA = PIIX4_SMB_BASE are programmed
 * and enabled (the real part resets them to 0): SeaBIOS programs the same
 * values (0x600 and 0x700 when fw_cfg has "etc/table-loader", its own
 * 0xb000 otherwise), and a kernel loaded without a BIOS finds the ports the
 * ACPI tables name.
 *
 * Wiring: GPIO output 0 is the SCI (the board connects ISA IRQ 9, level,
 * active high).  Writing SLP_TYP = PIIX4_SLP_TYP_S5 with SLP_EN asks for a
 * guest shutdown (runstate_request_shutdown); the device registers itself
 * as the machine's power button (system_powerdown sets PWRBTN_STS).
 *
 *     PCIDevice *pm = piix4_pm_create(pci_bus, PCI_DEVFN(1, 3), &error_fatal);
 *     qdev_connect_gpio_out(DEVICE(pm), 0, isa_irqs[9]);
 */
#ifndef HW_ACPI_PIIX4_H
#define HW_ACPI_PIIX4_H

#include "hw/pci.h"

#define TYPE_PIIX4_PM "PIIX4_PM"

#define PIIX4_PM_BASE 0x600           /* PMBA at reset, as SeaBIOS programs it */
#define PIIX4_PM_SIZE 64
#define PIIX4_SMB_BASE 0x700
#define PIIX4_SMB_SIZE 16

/* Offsets of the ACPI fixed-hardware blocks inside the PM I/O space, and their lengths. */
enum {
    PIIX4_PM1_EVT = 0x00,
    PIIX4_PM1_EVT_LEN = 4,
    PIIX4_PM1_CNT = 0x04,
    PIIX4_PM1_CNT_LEN = 2,
    PIIX4_PM_TMR = 0x08,
    PIIX4_PM_TMR_LEN = 4,
    PIIX4_GPE0 = 0x0c,
    PIIX4_GPE0_LEN = 4,
};

/* The SMI command port and the values the FADT gives the OS. */
#define PIIX4_SMI_CMD_PORT 0xb2
#define PIIX4_ACPI_ENABLE 0xf1
#define PIIX4_ACPI_DISABLE 0xf0

/* SLP_TYP of the soft-off state (the DSDT's \_S5_ package holds it). */
#define PIIX4_SLP_TYP_S5 0

/* The PM timer's frequency in Hz (ACPI 6.x, 4.8.3.3). */
#define ACPI_PM_TIMER_FREQ 3579545

/* Create the function at devfn on bus and realize it. */
PCIDevice *piix4_pm_create(PCIBus *bus, int devfn, Error **errp);
/* Press the power button: PWRBTN_STS, and an SCI when enabled. */
void piix4_pm_power_button(PCIDevice *dev);

#endif
