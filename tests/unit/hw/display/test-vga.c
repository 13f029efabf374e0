/*
 * test-vga.c — the standard VGA driven from outside as a board, a BIOS and
 * a driver would: PCI configuration (ids, BAR sizes, the expansion ROM),
 * the legacy ports and the 0xa0000 window, the Bochs VBE ports, the
 * framebuffer through BAR0, and what vga_update_display renders.
 *
 * References: the PCI ids and BAR layout of QEMU's stdvga (its guests'
 * drivers match them), the IBM VGA register descriptions for the mode 3
 * register values and plane/odd-even addressing, the CGA/EGA colours
 * (6-bit DAC 0x2a/0x15/0x3f = 0xaa/0x55/0xff), and the glyph bits, which
 * the test writes into plane 2 itself.
 */
#include "exec/memory.h"
#include "hw/display/vga.h"
#include "hw/pci.h"
#include "hw/sysbus.h"
#include "util/error.h"
#include "../hw-test.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#define DEVFN PCI_DEVFN(2, 0)
#define LFB 0xe0000000u
#define MMIO 0xe1000000u
#define ROMADDR 0xe2000000u

static PCIBus *root;
static DeviceState *vga;
static char *rom_path;
static uint8_t rom_bytes[3000];

static uint32_t cfg_read(uint32_t reg, int len)
{
    return pci_host_config_read(root, 0, DEVFN, reg, len);
}

static void cfg_write(uint32_t reg, uint32_t val, int len)
{
    pci_host_config_write(root, 0, DEVFN, reg, val, len);
}

static void memb(uint64_t a, uint8_t v)
{
    address_space_write(address_space_memory(), a, &v, 1);
}

static uint8_t rdmemb(uint64_t a)
{
    uint8_t v = 0;
    address_space_read(address_space_memory(), a, &v, 1);
    return v;
}

static void vbe_set(uint16_t index, uint16_t val)
{
    outw(0x1ce, index);
    outw(0x1cf, val);
}

static uint16_t vbe_get(uint16_t index)
{
    outw(0x1ce, index);
    return inw(0x1cf);
}

static uint32_t pixel(pixman_image_t *img, int x, int y)
{
    uint32_t *d = pixman_image_get_data(img);
    return d[y * (pixman_image_get_stride(img) / 4) + x] & 0xffffff;
}

static void seq(uint8_t i, uint8_t v) { outb(0x3c4, i); outb(0x3c5, v); }
static void gfx(uint8_t i, uint8_t v) { outb(0x3ce, i); outb(0x3cf, v); }
static void crtc(uint8_t i, uint8_t v) { outb(0x3d4, i); outb(0x3d5, v); }

static void attr(uint8_t i, uint8_t v)
{
    inb(0x3da);                          /* flip-flop to "index" */
    outb(0x3c0, i);
    outb(0x3c0, v);
}

static void dac(uint8_t i, uint8_t r, uint8_t g, uint8_t b)
{
    outb(0x3c8, i);
    outb(0x3c9, r);
    outb(0x3c9, g);
    outb(0x3c9, b);
}

/* Power-on state (which unmaps the BARs), then the BARs where the tests expect them. */
static void fresh(void)
{
    qdev_reset_all(vga);
    cfg_write(0x10, LFB, 4);
    cfg_write(0x18, MMIO, 4);
    cfg_write(PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
}

static void test_pci(void)
{
    g_assert_cmphex(cfg_read(PCI_VENDOR_ID, 2), ==, 0x1234);
    g_assert_cmphex(cfg_read(PCI_DEVICE_ID, 2), ==, 0x1111);
    g_assert_cmphex(cfg_read(PCI_CLASS_DEVICE, 2), ==, 0x0300);
    g_assert_cmphex(cfg_read(PCI_SUBSYSTEM_VENDOR_ID, 2), ==, 0x1af4);
    /* BAR0: 16 MiB prefetchable memory; BAR2: 4 KiB memory; ROM: 3000 bytes -> 4 KiB */
    g_assert_cmphex(cfg_read(0x10, 4), ==, 0x8);
    cfg_write(0x10, 0xffffffff, 4);
    cfg_write(0x18, 0xffffffff, 4);
    cfg_write(PCI_ROM_ADDRESS, 0xfffffffe, 4);
    g_assert_cmphex(cfg_read(0x10, 4), ==, 0xff000008);
    g_assert_cmphex(cfg_read(0x14, 4), ==, 0);
    g_assert_cmphex(cfg_read(0x18, 4), ==, 0xfffff000);
    g_assert_cmphex(cfg_read(PCI_ROM_ADDRESS, 4), ==, 0xfffff000);
    cfg_write(0x10, LFB, 4);
    cfg_write(0x18, MMIO, 4);
    cfg_write(PCI_ROM_ADDRESS, ROMADDR | PCI_ROM_ADDRESS_ENABLE, 4);
    cfg_write(PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    /* the ROM reads back through its BAR as SeaBIOS copies it */
    for (unsigned i = 0; i < sizeof(rom_bytes); i += 97) {
        g_assert_cmphex(rdmemb(ROMADDR + i), ==, rom_bytes[i]);
    }
    g_assert_cmphex(rdmemb(ROMADDR + 3500), ==, 0);     /* padding */
    /* QEMU's extended registers in BAR2 */
    uint32_t v;
    address_space_read(address_space_memory(), MMIO + 0x600, &v, 4);
    g_assert_cmphex(GUINT32_FROM_LE(v), ==, 8);
}

static void test_vbe_regs(void)
{
    fresh();
    g_assert_cmphex(vbe_get(0), ==, 0xb0c5);
    vbe_set(0, 0xb0c0);
    g_assert_cmphex(vbe_get(0), ==, 0xb0c0);
    vbe_set(0, 0x1234);                                 /* not an ID: ignored */
    g_assert_cmphex(vbe_get(0), ==, 0xb0c0);
    g_assert_cmpuint(vbe_get(0xa), ==, 256);            /* 16 MiB in 64 KiB units */
    vbe_set(4, 0x02);                                   /* GETCAPS */
    g_assert_cmpuint(vbe_get(1), ==, 16000);
    g_assert_cmpuint(vbe_get(2), ==, 12000);
    g_assert_cmpuint(vbe_get(3), ==, 32);
    vbe_set(4, 0);
    /* a mode that does not fit in 16 MiB is refused */
    vbe_set(1, 4096);
    vbe_set(2, 4096);
    vbe_set(3, 32);
    vbe_set(4, 0x41);
    g_assert_cmphex(vbe_get(4) & 1, ==, 0);
    /* the same registers through BAR2 at 0x500 + 2 * index */
    uint16_t w = GUINT16_TO_LE(800);
    address_space_write(address_space_memory(), MMIO + 0x502, &w, 2);
    g_assert_cmpuint(vbe_get(1), ==, 800);
    g_assert_cmphex(vbe_get(0), ==, 0xb0c0);
}

/* Set a VBE mode with the LFB, write pixels through BAR0, read them back from the surface. */
static void test_vbe_lfb(void)
{
    fresh();
    memb(LFB + 5, 0x77);                                /* cleared by the enable */
    vbe_set(1, 640);
    vbe_set(2, 480);
    vbe_set(3, 32);
    vbe_set(4, 0x41);                                   /* ENABLED | LFB */
    g_assert_cmphex(vbe_get(4), ==, 0x41);
    g_assert_cmpuint(vbe_get(6), ==, 640);
    g_assert_cmpuint(vbe_get(7), ==, 16 * 1024 * 1024 / (640 * 4));
    g_assert_cmphex(rdmemb(LFB + 5), ==, 0);
    uint32_t px = GUINT32_TO_LE(0x00123456);
    address_space_write(address_space_memory(), LFB + (10 * 640 + 20) * 4, &px, 4);
    px = GUINT32_TO_LE(0x00ff8001);
    address_space_write(address_space_memory(), LFB + (479 * 640 + 639) * 4, &px, 4);
    pixman_image_t *img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 640);
    g_assert_cmpint(pixman_image_get_height(img), ==, 480);
    g_assert_cmphex(pixel(img, 20, 10), ==, 0x123456);
    g_assert_cmphex(pixel(img, 639, 479), ==, 0xff8001);
    g_assert_cmphex(pixel(img, 21, 10), ==, 0);
    /* panning: Y offset 10 moves line 10 to the top */
    vbe_set(9, 10);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 20, 0), ==, 0x123456);
    vbe_set(9, 0);
    /* the banked window at 0xa0000: bank 1 is the second 64 KiB of the framebuffer */
    vbe_set(5, 1);
    memb(0xa0000 + 4, 0x99);
    g_assert_cmphex(rdmemb(LFB + 0x10004), ==, 0x99);

    /* 16 bpp RGB565, NOCLEARMEM keeps what is there */
    vbe_set(4, 0);
    vbe_set(3, 16);
    vbe_set(1, 320);
    vbe_set(2, 200);
    uint16_t p16 = GUINT16_TO_LE(0xf81f);              /* magenta: r 31, g 0, b 31 */
    address_space_write(address_space_memory(), LFB + (3 * 320 + 4) * 2, &p16, 2);
    p16 = GUINT16_TO_LE(0x07e0);                        /* green 63 */
    address_space_write(address_space_memory(), LFB + (3 * 320 + 5) * 2, &p16, 2);
    vbe_set(4, 0xc1);
    img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 320);
    g_assert_cmphex(pixel(img, 4, 3), ==, 0xff00ff);
    g_assert_cmphex(pixel(img, 5, 3), ==, 0x00ff00);

    /* 15 and 24 bpp */
    vbe_set(4, 0);
    vbe_set(3, 15);
    vbe_set(4, 0xc1);
    p16 = GUINT16_TO_LE(0x7c00 | 0x10);                 /* r 31, b 16 */
    address_space_write(address_space_memory(), LFB, &p16, 2);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 0, 0), ==, 0xff0084);   /* 16 -> 0x84 (5 to 8 bits) */
    vbe_set(4, 0);
    vbe_set(3, 24);
    vbe_set(4, 0xc1);
    uint8_t p24[3] = { 0x11, 0x22, 0x33 };              /* B, G, R */
    address_space_write(address_space_memory(), LFB + 3 * 7, p24, 3);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 7, 0), ==, 0x332211);

    /* 8 bpp through the DAC, 6-bit and 8-bit */
    vbe_set(4, 0);
    vbe_set(3, 8);
    vbe_set(4, 0xc1);
    dac(0x42, 0x2a, 0x15, 0x3f);
    memb(LFB + 9, 0x42);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 9, 0), ==, 0xaa55ff);
    vbe_set(4, 0xc1 | 0x20);                            /* 8-bit DAC */
    dac(0x42, 0x12, 0x34, 0x56);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 9, 0), ==, 0x123456);
    vbe_set(4, 0);
}

/* The standard 16 colours in the attribute palette and the DAC (EGA order). */
static const uint8_t ega_palette[16] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
    0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
};

/* The RGB of EGA colour index i (rgbRGB bits), as the CGA/EGA monitors show it. */
static uint32_t ega_rgb(uint8_t i)
{
    unsigned r = (i >> 2 & 1) * 0xaa + (i >> 5 & 1) * 0x55;
    unsigned g = (i >> 1 & 1) * 0xaa + (i >> 4 & 1) * 0x55;
    unsigned b = (i & 1) * 0xaa + (i >> 3 & 1) * 0x55;
    return r << 16 | g << 8 | b;
}

/*
 * The DAC as the BIOS loads it for 16-colour modes (2 bits per gun), then the
 * attribute controller's palette address source set: video on.
 */
static void load_ega_dac_video_on(void)
{
    for (int i = 0; i < 64; i++) {
        unsigned r = (i >> 2 & 1) * 0x2a + (i >> 5 & 1) * 0x15;
        unsigned g = (i >> 1 & 1) * 0x2a + (i >> 4 & 1) * 0x15;
        unsigned b = (i & 1) * 0x2a + (i >> 3 & 1) * 0x15;
        dac(i, r, g, b);
    }
    inb(0x3da);
    outb(0x3c0, 0x20);
}

static void set_mode3(void)
{
    outb(0x3c2, 0x67);                  /* colour I/O at 0x3d?, 25 MHz clock */
    seq(0, 0x03);
    seq(1, 0x00);                       /* 9-dot characters */
    seq(2, 0x03);                       /* planes 0, 1 */
    seq(3, 0x00);                       /* font map 0 */
    seq(4, 0x02);                       /* odd/even on */
    crtc(0x11, 0x00);
    crtc(0x01, 0x4f);                   /* 80 columns */
    crtc(0x07, 0x1f);                   /* VDE bit 8 */
    crtc(0x09, 0x4f);                   /* 16 scan lines */
    crtc(0x0a, 0x2d);                   /* cursor off (bit 5), lines 13.. */
    crtc(0x0b, 0x0e);
    crtc(0x0c, 0x00);
    crtc(0x0d, 0x00);
    crtc(0x12, 0x8f);                   /* VDE 0x18f: 400 lines */
    crtc(0x13, 0x28);                   /* 80 words per row */
    crtc(0x17, 0xa3);
    gfx(4, 0x00);
    gfx(5, 0x10);                       /* odd/even */
    gfx(6, 0x0e);                       /* text, 0xb8000, chained */
    gfx(8, 0xff);
    for (int i = 0; i < 16; i++) {
        attr(i, ega_palette[i]);
    }
    attr(0x10, 0x0c);                   /* text, line graphics, blink */
    attr(0x12, 0x0f);
    attr(0x13, 0x08);
    attr(0x14, 0x00);
    load_ega_dac_video_on();
}

/* Planar access to plane 2 for the font, as the BIOS does it, and back. */
static void load_font(const uint8_t *glyphs, const uint8_t *codes, int n)
{
    seq(2, 0x04);
    seq(4, 0x06);
    gfx(4, 0x02);
    gfx(5, 0x00);
    gfx(6, 0x04);
    for (int k = 0; k < n; k++) {
        for (int y = 0; y < 32; y++) {
            memb(0xa0000 + codes[k] * 32 + y, glyphs[k * 32 + y]);
        }
    }
    /* read mode 0, plane 2 reads them back */
    g_assert_cmphex(rdmemb(0xa0000 + codes[0] * 32 + 3), ==, glyphs[3]);
    seq(2, 0x03);
    seq(4, 0x02);
    gfx(4, 0x00);
    gfx(5, 0x10);
    gfx(6, 0x0e);
}

static void check_cell(pixman_image_t *img, int col, int row, const uint8_t *glyph,
                       uint32_t fg, uint32_t bg, bool ninth_repeats, int cursor_from)
{
    for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 9; x++) {
            bool on;
            if (cursor_from >= 0 && y >= cursor_from && y <= 14) {
                on = true;
            } else if (x < 8) {
                on = glyph[y] >> (7 - x) & 1;
            } else {
                on = ninth_repeats && (glyph[y] & 1);
            }
            uint32_t got = pixel(img, col * 9 + x, row * 16 + y);
            if (got != (on ? fg : bg)) {
                g_error("cell %d,%d pixel %d,%d: %06x, expected %06x", col, row, x, y, got,
                        on ? fg : bg);
            }
        }
    }
}

static void test_text(void)
{
    fresh();
    uint8_t glyphs[2 * 32];
    const uint8_t codes[2] = { 0x41, 0xc4 };           /* a letter and a line graphic */
    GRand *rnd = g_rand_new_with_seed(8);
    for (int i = 0; i < 64; i++) {
        glyphs[i] = g_rand_int(rnd);
    }
    g_rand_free(rnd);
    glyphs[32 + 5] |= 1;                                /* a line with its 8th dot set */
    set_mode3();
    load_font(glyphs, codes, 2);
    /* characters and attributes through the odd/even window at 0xb8000 */
    int cell = 3 * 80 + 7;
    memb(0xb8000 + 2 * cell, 0x41);
    memb(0xb8000 + 2 * cell + 1, 0x1e);                 /* yellow on blue */
    memb(0xb8000 + 2 * (cell + 1), 0xc4);
    memb(0xb8000 + 2 * (cell + 1) + 1, 0x4f);           /* white on red */
    g_assert_cmphex(rdmemb(0xb8000 + 2 * cell), ==, 0x41);
    g_assert_cmphex(rdmemb(0xb8000 + 2 * cell + 1), ==, 0x1e);

    pixman_image_t *img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 720);
    g_assert_cmpint(pixman_image_get_height(img), ==, 400);
    check_cell(img, 7, 3, glyphs, ega_rgb(ega_palette[0xe]), ega_rgb(ega_palette[1]),
               false, -1);
    check_cell(img, 8, 3, glyphs + 32, ega_rgb(ega_palette[0xf]), ega_rgb(ega_palette[4]),
               true, -1);
    g_assert_cmphex(ega_rgb(ega_palette[0xe]), ==, 0xffff55);   /* yellow */
    g_assert_cmphex(ega_rgb(ega_palette[6]), ==, 0xaa5500);     /* brown */

    /* the cursor: lines 13..14 of the cell it is on */
    crtc(0x0a, 0x0d);
    crtc(0x0e, cell >> 8);
    crtc(0x0f, cell & 0xff);
    img = vga_update_display(vga);
    check_cell(img, 7, 3, glyphs, ega_rgb(ega_palette[0xe]), ega_rgb(ega_palette[1]),
               false, 13);
    /* a start address of one row scrolls the cell up a row */
    crtc(0x0a, 0x2d);
    crtc(0x0d, 80);
    img = vga_update_display(vga);
    check_cell(img, 7, 2, glyphs, ega_rgb(ega_palette[0xe]), ega_rgb(ega_palette[1]),
               false, -1);
    crtc(0x0d, 0);
    /* 8-dot characters: 640 wide */
    seq(1, 0x01);
    img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 640);
    seq(1, 0x00);
    /* screen off (sequencer clocking bit 5): black */
    seq(1, 0x20);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 7 * 9, 3 * 16), ==, 0);
}

/* Write modes 0..3 and read mode 1 on one planar byte (IBM VGA rules). */
static void test_planar(void)
{
    fresh();
    outb(0x3c2, 0x67);
    seq(4, 0x06);                                       /* planar, no odd/even */
    gfx(6, 0x05);                                       /* graphics, 0xa0000 64 KiB */
    gfx(8, 0xff);
    seq(2, 0x0f);
    /* mode 0 with set/reset on planes 0 and 2 (value 0b0001) */
    gfx(0, 0x01);
    gfx(1, 0x05);
    memb(0xa0010, 0x3c);
    gfx(1, 0x00);
    for (int p = 0; p < 4; p++) {
        static const uint8_t want[4] = { 0xff, 0x3c, 0x00, 0x3c };
        gfx(4, p);
        g_assert_cmphex(rdmemb(0xa0010), ==, want[p]);
    }
    /* mode 0, rotate by 4 and XOR with the latches, bit mask 0xf0 */
    rdmemb(0xa0010);                                    /* load the latches */
    gfx(3, 0x18 | 4);
    gfx(8, 0xf0);
    memb(0xa0010, 0x0f);                                /* rotated: 0xf0 */
    gfx(3, 0);
    gfx(8, 0xff);
    {
        static const uint8_t want[4] = { 0x0f, 0xcc, 0xf0, 0xcc };
        for (int p = 0; p < 4; p++) {
            gfx(4, p);
            g_assert_cmphex(rdmemb(0xa0010), ==, want[p]);
        }
    }
    /* mode 1 copies the latches to another address */
    gfx(5, 0x01);
    rdmemb(0xa0010);
    memb(0xa0020, 0x00);
    gfx(5, 0x00);
    for (int p = 0; p < 4; p++) {
        gfx(4, p);
        uint8_t a = rdmemb(0xa0010);
        g_assert_cmphex(rdmemb(0xa0020), ==, a);
    }
    /* mode 2: the value's low 4 bits as colour, bit mask 0x81 */
    gfx(5, 0x02);
    gfx(8, 0x81);
    rdmemb(0xa0030);                                    /* latches: zeros */
    memb(0xa0030, 0x0a);
    gfx(8, 0xff);
    gfx(5, 0x00);
    {
        static const uint8_t want[4] = { 0x00, 0x81, 0x00, 0x81 };
        for (int p = 0; p < 4; p++) {
            gfx(4, p);
            g_assert_cmphex(rdmemb(0xa0030), ==, want[p]);
        }
    }
    /* mode 3: set/reset colour 0b0110 under the mask value & bit mask */
    gfx(5, 0x03);
    gfx(0, 0x06);
    rdmemb(0xa0030);
    memb(0xa0030, 0x3c);
    gfx(5, 0x00);
    {
        static const uint8_t want[4] = { 0x00, 0xbd, 0x3c, 0x81 };
        for (int p = 0; p < 4; p++) {
            gfx(4, p);
            g_assert_cmphex(rdmemb(0xa0030), ==, want[p]);
        }
    }
    /* read mode 1: pixels of colour 0b0110 among planes 0..2 (plane 3 don't care) */
    gfx(5, 0x08);
    gfx(2, 0x06);
    gfx(7, 0x07);
    g_assert_cmphex(rdmemb(0xa0030), ==, 0x3c);
    gfx(5, 0x00);
    /* map mask: only plane 3 written */
    seq(2, 0x08);
    memb(0xa0040, 0x55);
    seq(2, 0x0f);
    gfx(4, 3);
    g_assert_cmphex(rdmemb(0xa0040), ==, 0x55);
    gfx(4, 0);
    g_assert_cmphex(rdmemb(0xa0040), ==, 0x00);
}

static void test_screendump(void)
{
    fresh();
    vbe_set(1, 64);
    vbe_set(2, 48);
    vbe_set(3, 32);
    vbe_set(4, 0x41);
    uint32_t px = GUINT32_TO_LE(0x00a1b2c3);
    address_space_write(address_space_memory(), LFB + (5 * 64 + 6) * 4, &px, 4);
    char *path = g_build_filename(g_get_tmp_dir(), "emu-test-vga-XXXXXX.ppm", NULL);
    int fd = g_mkstemp(path);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    Error *err = NULL;
    g_assert_true(vga_screendump(vga, path, &err));
    gchar *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    const char *hdr = "P6\n64 48\n255\n";
    g_assert_cmpuint(len, ==, strlen(hdr) + 64 * 48 * 3);
    g_assert_cmpint(memcmp(data, hdr, strlen(hdr)), ==, 0);
    const uint8_t *p = (const uint8_t *)data + strlen(hdr) + (5 * 64 + 6) * 3;
    g_assert_cmphex(p[0], ==, 0xa1);
    g_assert_cmphex(p[1], ==, 0xb2);
    g_assert_cmphex(p[2], ==, 0xc3);
    g_free(data);
    unlink(path);
    g_assert_false(vga_screendump(vga, "/nonexistent-dir/x.ppm", &err));
    g_assert_nonnull(err);
    error_free(err);
    g_free(path);
    vbe_set(4, 0);
}

/* Mode 13h: chain-4, a byte per pixel through the DAC, 320x200 from 400 double-scanned lines. */
static void test_mode13h(void)
{
    fresh();
    outb(0x3c2, 0x63);
    seq(1, 0x01);
    seq(2, 0x0f);
    seq(4, 0x0e);                                       /* chain 4 */
    crtc(0x11, 0x00);
    crtc(0x01, 0x4f);
    crtc(0x07, 0x1f);
    crtc(0x09, 0x41);                                   /* each line twice */
    crtc(0x12, 0x8f);
    crtc(0x13, 0x28);
    crtc(0x14, 0x40);
    crtc(0x17, 0xa3);
    gfx(5, 0x40);
    gfx(6, 0x05);
    gfx(8, 0xff);
    attr(0x10, 0x41);
    attr(0x12, 0x0f);
    inb(0x3da);
    outb(0x3c0, 0x20);
    dac(0x00, 0, 0, 0);
    dac(0x80, 0x3f, 0x00, 0x15);
    dac(0xfe, 0x15, 0x2a, 0x3f);
    memb(0xa0000 + 0 * 320 + 0, 0x80);
    memb(0xa0000 + 199 * 320 + 319, 0xfe);
    memb(0xa0000 + 100 * 320 + 161, 0x80);
    pixman_image_t *img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 320);
    g_assert_cmpint(pixman_image_get_height(img), ==, 200);
    g_assert_cmphex(pixel(img, 0, 0), ==, 0xff0055);
    g_assert_cmphex(pixel(img, 319, 199), ==, 0x55aaff);
    g_assert_cmphex(pixel(img, 161, 100), ==, 0xff0055);
    g_assert_cmphex(pixel(img, 160, 100), ==, 0);
    g_assert_cmphex(rdmemb(0xa0000 + 100 * 320 + 161), ==, 0x80);
}

/* Mode 12h: 640x480, 16 colours in four planes, pixels set with write mode 2 and the bit mask. */
static void test_mode12h(void)
{
    fresh();
    outb(0x3c2, 0xe3);
    seq(1, 0x01);
    seq(2, 0x0f);
    seq(4, 0x06);
    crtc(0x11, 0x00);
    crtc(0x01, 0x4f);
    crtc(0x07, 0x3e);                                   /* VDE bit 8 */
    crtc(0x09, 0x40);
    crtc(0x12, 0xdf);                                   /* VDE 0x1df: 480 lines */
    crtc(0x13, 0x28);
    crtc(0x17, 0xe3);
    gfx(6, 0x05);
    gfx(5, 0x00);                                       /* clear the screen: mode 0, all planes */
    gfx(8, 0xff);
    for (int a = 0; a < 80 * 480; a++) {
        memb(0xa0000 + a, 0);
    }
    gfx(5, 0x02);                                       /* write mode 2 */
    for (int i = 0; i < 16; i++) {
        attr(i, ega_palette[i]);
    }
    attr(0x10, 0x01);
    attr(0x12, 0x0f);
    load_ega_dac_video_on();
    static const struct { int x, y, c; } px[] = {
        { 0, 0, 14 }, { 1, 0, 9 }, { 7, 0, 6 }, { 639, 479, 15 }, { 300, 200, 4 }, { 301, 200, 12 },
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(px); i++) {
        uint64_t a = 0xa0000 + px[i].y * 80 + px[i].x / 8;
        gfx(8, 0x80 >> (px[i].x % 8));
        rdmemb(a);                                      /* latches: keep the other pixels */
        memb(a, px[i].c);
    }
    gfx(8, 0xff);
    pixman_image_t *img = vga_update_display(vga);
    g_assert_cmpint(pixman_image_get_width(img), ==, 640);
    g_assert_cmpint(pixman_image_get_height(img), ==, 480);
    for (unsigned i = 0; i < G_N_ELEMENTS(px); i++) {
        g_assert_cmphex(pixel(img, px[i].x, px[i].y), ==, ega_rgb(ega_palette[px[i].c]));
    }
    g_assert_cmphex(pixel(img, 2, 0), ==, 0);
    g_assert_cmphex(ega_rgb(ega_palette[6]), ==, 0xaa5500);
    /* the colour plane enable hides plane 3: colour 14 shows as 6 */
    attr(0x12, 0x07);
    inb(0x3da);
    outb(0x3c0, 0x20);
    img = vga_update_display(vga);
    g_assert_cmphex(pixel(img, 0, 0), ==, ega_rgb(ega_palette[6]));
}

/*
 * Random guest traffic — ports, the window, VBE (half of the modes valid),
 * BAR2 — with a render every 500 operations: nothing may crash, and the
 * surface always has the size the VBE registers describe while VBE is on.
 */
static void test_random(void)
{
    fresh();
    GRand *r = g_rand_new_with_seed(0x76676121);
    static const uint16_t bpps[] = { 4, 8, 15, 16, 24, 32, 0, 7 };
    for (int i = 0; i < 100000; i++) {
        uint32_t v = g_rand_int(r);
        switch (g_rand_int_range(r, 0, 7)) {
        case 0:
            outb(0x3b0 + g_rand_int_range(r, 0, 0x30), v);
            break;
        case 1:
            inb(0x3b0 + g_rand_int_range(r, 0, 0x30));
            break;
        case 2:
            memb(0xa0000 + g_rand_int_range(r, 0, 0x20000), v);
            break;
        case 3:
            rdmemb(0xa0000 + g_rand_int_range(r, 0, 0x20000));
            break;
        case 4: {
            uint16_t idx = g_rand_int_range(r, 0, 12);
            uint16_t val = v >> 16;
            if (idx == 1 || idx == 2 || idx == 6) {
                val = g_rand_boolean(r) ? val % 2048 : val;
            } else if (idx == 3) {
                val = bpps[v & 7];
            } else if (idx == 4) {
                val &= 0xe3;
            }
            vbe_set(idx, val);
            break;
        }
        case 5: {
            uint32_t w = GUINT32_TO_LE(v);
            address_space_write(address_space_memory(), MMIO + g_rand_int_range(r, 0, 0x1000),
                                &w, 1 << g_rand_int_range(r, 0, 3));
            break;
        }
        default:
            memb(LFB + g_rand_int_range(r, 0, 16 << 20), v);
            break;
        }
        if (i % 500 == 0) {
            pixman_image_t *img = vga_update_display(vga);
            int w = pixman_image_get_width(img), h = pixman_image_get_height(img);
            uint16_t en = vbe_get(4);
            if (en & 0x02) {
                vbe_set(4, en & ~0x02);              /* GETCAPS would show the maxima */
            }
            if (en & 1) {
                outw(0x1ce, 1);
                g_assert_cmpint(w, ==, inw(0x1cf));
                outw(0x1ce, 2);
                g_assert_cmpint(h, ==, inw(0x1cf));
            } else {
                /* text mode, or black at the last size (which a VBE mode may have set) */
                g_assert_cmpint(w, >, 0);
                g_assert_cmpint(w, <=, 16000);
                g_assert_cmpint(h, >, 0);
                g_assert_cmpint(h, <=, 12000);
            }
        }
    }
    g_rand_free(r);
    vbe_set(4, 0);
}

static const TypeInfo test_host_info = {
    .name = "test-vga-host",
    .parent = TYPE_SYS_BUS_DEVICE,
};
TYPE_REGISTER(test_host_info)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    DeviceState *host = qdev_new("test-vga-host");
    qdev_realize(host, NULL, &error_fatal);
    root = pci_root_bus_new(host, "pci.0", get_system_memory(), get_system_io(), 0);

    /* a stand-in ROM: 0x55 0xaa, the size in 512-byte units, then a pattern */
    for (unsigned i = 0; i < sizeof(rom_bytes); i++) {
        rom_bytes[i] = i * 7 + 3;
    }
    rom_bytes[0] = 0x55;
    rom_bytes[1] = 0xaa;
    rom_bytes[2] = 6;
    int fd = g_file_open_tmp("emu-test-vga-rom-XXXXXX", &rom_path, NULL);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, rom_bytes, sizeof(rom_bytes)), ==, sizeof(rom_bytes));
    close(fd);
    char *opts = g_strdup_printf("VGA,addr=02.0,romfile=%s", rom_path);
    bool help;
    vga = qdev_device_add(opts, stdout, &help, &error_fatal);
    g_free(opts);
    /* a second VGA is refused: both would decode the legacy ports */
    Error *err = NULL;
    g_assert_null(qdev_device_add("VGA,addr=03.0,romfile=", stdout, &help, &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    /* a vgamem_mb that is not a power of two is refused */
    qdev_unrealize(vga);
    g_assert_null(qdev_device_add("VGA,addr=03.0,romfile=,vgamem_mb=12", stdout, &help, &err));
    g_assert_nonnull(err);
    error_free(err);
    opts = g_strdup_printf("VGA,addr=02.0,romfile=%s", rom_path);
    vga = qdev_device_add(opts, stdout, &help, &error_fatal);
    g_free(opts);

    g_test_add_func("/vga/pci", test_pci);
    g_test_add_func("/vga/vbe-regs", test_vbe_regs);
    g_test_add_func("/vga/vbe-lfb", test_vbe_lfb);
    g_test_add_func("/vga/text", test_text);
    g_test_add_func("/vga/planar", test_planar);
    g_test_add_func("/vga/mode13h", test_mode13h);
    g_test_add_func("/vga/mode12h", test_mode12h);
    g_test_add_func("/vga/screendump", test_screendump);
    g_test_add_func("/vga/random", test_random);
    int ret = g_test_run();
    unlink(rom_path);
    g_free(rom_path);
    return ret;
}
