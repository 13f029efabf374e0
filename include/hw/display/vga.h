/*
 * vga.h — the standard VGA (`VGA`, PCI 1234:1111, QEMU's "stdvga"): a VGA
 * register set with Bochs VBE extensions and a linear framebuffer,
 * rendered into a pixman surface.
 *
 *     PCIDevice *vga = pci_create_simple(bus, -1, TYPE_VGA);   // or -device VGA
 *     ...
 *     pixman_image_t *img = vga_update_display(DEVICE(vga));   // a UI's refresh
 *     vga_screendump(DEVICE(vga), "screen.ppm", &err);         // `screendump`
 *
 * Guest view: BAR0 the framebuffer (vgamem_mb MiB, prefetchable), BAR2 4 KiB
 * MMIO (0x400: the VGA ports 0x3c0..0x3df, 0x500: the VBE registers as
 * 16-bit words, 0x600: QEMU's extended registers), the expansion ROM BAR
 * holding `romfile` (SeaBIOS copies the VGA BIOS from there to 0xc0000),
 * and legacy decoding of ports 0x3b0..0x3df, 0x1ce/0x1cf (VBE) and the
 * 0xa0000..0xbffff memory window, as a PC's primary VGA has.
 * Properties: vgamem_mb (power of two, 1..256, default 16), romfile
 * (default vgabios-stdvga.bin, searched in the firmware directories;
 * "" for none).
 */
#ifndef HW_DISPLAY_VGA_H
#define HW_DISPLAY_VGA_H

#include <pixman.h>

#include "hw/qdev.h"

#define TYPE_VGA "VGA"

/*
 * Render the current mode (text, or a VBE linear mode) into the device's
 * surface and return it (owned by the device; valid until the next call).
 * A blanked or unsupported mode gives a black surface of the last size.
 */
pixman_image_t *vga_update_display(DeviceState *dev);

/* Render and write the screen as a binary PPM (P6) file. */
bool vga_screendump(DeviceState *dev, const char *path, Error **errp);

#endif
