/*
 * vga-int.h — the VGA state shared by the files of hw/display/ (not for
 * other parts: they use include/hw/display/vga.h).
 *
 *   vga.c       the PCI device, its BARs and ROM, legacy decoding, display update
 *   vga-regs.c  the VGA register files (ports 0x3b0..0x3df) and the planar
 *               0xa0000 memory window
 *   vga-text.c  text mode rendering (font from plane 2)
 *   vga-gfx.c   16-colour planar and 256-colour graphics mode rendering
 *   vbe.c       Bochs VBE registers (0x1ce/0x1cf) and linear-mode rendering
 *
 * Video memory layout: the four planes are interleaved, plane p of byte
 * offset o at vram[o * 4 + p], so that chain-4 (mode 13h) and the linear
 * framebuffer see plain bytes and planar accesses touch one 32-bit word.
 */
#ifndef HW_DISPLAY_VGA_INT_H
#define HW_DISPLAY_VGA_INT_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/pci.h"

/* Sequencer registers (index at 0x3c4). */
enum VgaSeqReg {
    VGA_SEQ_RESET = 0x00,
    VGA_SEQ_CLOCK_MODE = 0x01,     /* bit 0: 8-dot characters, bit 5: screen off */
    VGA_SEQ_MAP_MASK = 0x02,       /* planes a CPU write reaches */
    VGA_SEQ_CHARACTER_MAP = 0x03,  /* font maps A and B in plane 2 */
    VGA_SEQ_MEMORY_MODE = 0x04,    /* bit 2: odd/even off, bit 3: chain 4 */
    VGA_SEQ_N = 0x05,
};

/* Graphics controller registers (index at 0x3ce). */
enum VgaGfxReg {
    VGA_GFX_SR_VALUE = 0x00,
    VGA_GFX_SR_ENABLE = 0x01,
    VGA_GFX_COMPARE_VALUE = 0x02,
    VGA_GFX_DATA_ROTATE = 0x03,    /* bits 2:0 rotate, 4:3 function (and/or/xor) */
    VGA_GFX_PLANE_READ = 0x04,
    VGA_GFX_MODE = 0x05,           /* bits 1:0 write mode, 3 read mode, 4 odd/even */
    VGA_GFX_MISC = 0x06,           /* bit 0 graphics, 1 chain odd/even, 3:2 memory map */
    VGA_GFX_COMPARE_MASK = 0x07,
    VGA_GFX_BIT_MASK = 0x08,
    VGA_GFX_N = 0x09,
};

/* CRT controller registers (index at 0x3d4 / 0x3b4). */
enum VgaCrtcReg {
    VGA_CRTC_H_DISP = 0x01,        /* characters per line - 1 */
    VGA_CRTC_OVERFLOW = 0x07,      /* bit 1: VDE bit 8, bit 6: VDE bit 9 */
    VGA_CRTC_MAX_SCAN = 0x09,      /* bits 4:0 character height - 1 */
    VGA_CRTC_CURSOR_START = 0x0a,  /* bit 5: cursor off */
    VGA_CRTC_CURSOR_END = 0x0b,
    VGA_CRTC_START_HI = 0x0c,
    VGA_CRTC_START_LO = 0x0d,
    VGA_CRTC_CURSOR_HI = 0x0e,
    VGA_CRTC_CURSOR_LO = 0x0f,
    VGA_CRTC_V_DISP_END = 0x12,
    VGA_CRTC_OFFSET = 0x13,
    VGA_CRTC_MODE = 0x17,
    VGA_CRTC_N = 0x19,
};

/* Attribute controller registers (0x3c0 index/data flip-flop). */
enum VgaAttrReg {
    VGA_ATC_PALETTE0 = 0x00,       /* .. 0x0f */
    VGA_ATC_MODE = 0x10,           /* bit 0 graphics, 2 line graphics, 3 blink, 6 8-bit */
    VGA_ATC_OVERSCAN = 0x11,
    VGA_ATC_PLANE_ENABLE = 0x12,
    VGA_ATC_PEL_PAN = 0x13,
    VGA_ATC_COLOR_SELECT = 0x14,
    VGA_ATC_N = 0x15,
    VGA_ATC_PAS = 0x20,            /* in the index: palette address source (video on) */
};

/* Bochs VBE registers (index at 0x1ce). */
enum VbeReg {
    VBE_DISPI_INDEX_ID = 0x0,
    VBE_DISPI_INDEX_XRES = 0x1,
    VBE_DISPI_INDEX_YRES = 0x2,
    VBE_DISPI_INDEX_BPP = 0x3,
    VBE_DISPI_INDEX_ENABLE = 0x4,
    VBE_DISPI_INDEX_BANK = 0x5,
    VBE_DISPI_INDEX_VIRT_WIDTH = 0x6,
    VBE_DISPI_INDEX_VIRT_HEIGHT = 0x7,
    VBE_DISPI_INDEX_X_OFFSET = 0x8,
    VBE_DISPI_INDEX_Y_OFFSET = 0x9,
    VBE_DISPI_INDEX_VIDEO_MEMORY_64K = 0xa,
    VBE_DISPI_INDEX_NB = 0xb,
};

/* VBE_DISPI_INDEX_ENABLE bits. */
enum {
    VBE_DISPI_ENABLED = 0x01,
    VBE_DISPI_GETCAPS = 0x02,
    VBE_DISPI_8BIT_DAC = 0x20,
    VBE_DISPI_LFB_ENABLED = 0x40,
    VBE_DISPI_NOCLEARMEM = 0x80,
};

#define VBE_DISPI_ID0 0xb0c0
#define VBE_DISPI_ID5 0xb0c5
#define VBE_DISPI_MAX_XRES 16000
#define VBE_DISPI_MAX_YRES 12000
#define VBE_DISPI_MAX_BPP 32

typedef struct VGAState {
    PCIDevice parent;
    MemoryRegion vram;             /* BAR0 */
    MemoryRegion mmio;             /* BAR2 */
    MemoryRegion rom;              /* expansion ROM BAR */
    MemoryRegion lowmem;           /* the 0xa0000..0xbffff window */
    MemoryRegion ports, vbe_ports; /* legacy I/O 0x3b0..0x3df, 0x1ce..0x1cf */
    uint8_t *vram_ptr;
    uint64_t vram_size;
    uint64_t vgamem_mb;            /* property */
    char *romfile;                 /* property */

    /* VGA registers */
    uint8_t misc_output;
    uint8_t seq_index, seq[VGA_SEQ_N];
    uint8_t gfx_index, gfx[VGA_GFX_N];
    uint8_t crtc_index, crtc[VGA_CRTC_N];
    uint8_t attr_index, attr[VGA_ATC_N];
    bool attr_flip_flop;           /* false: the next 0x3c0 write is an index */
    uint8_t dac_read_index, dac_write_index, dac_sub_index, dac_state;
    uint8_t dac_cache[3];
    uint8_t palette[256 * 3];      /* 6 bits per component (8 with VBE_DISPI_8BIT_DAC) */
    uint8_t pel_mask;
    uint8_t feature_control;
    uint32_t latch;                /* the four planes' bytes of the last read */
    unsigned status_toggle;        /* 0x3da: retrace bits toggle at each read */

    /* VBE */
    uint16_t vbe_index;
    uint16_t vbe_regs[VBE_DISPI_INDEX_NB];
    uint32_t vbe_line_offset;      /* bytes per scan line of the linear mode */
    uint32_t vbe_start_addr;       /* byte offset of the visible top-left pixel */

    pixman_image_t *surface;       /* what the last update rendered */
} VGAState;

#define VGA_STATE(obj) OBJECT_CHECK(VGAState, obj, TYPE_VGA)

/* vga-regs.c */
extern const MemoryRegionOps vga_port_ops;      /* at 0x3b0, 0x30 ports */
extern const MemoryRegionOps vga_lowmem_ops;    /* 0xa0000, 128 KiB */
uint32_t vga_ioport_read(VGAState *s, uint32_t port);
void vga_ioport_write(VGAState *s, uint32_t port, uint32_t val);
void vga_regs_reset(VGAState *s);
/* The DAC colour of palette index i as 0x00RRGGBB (6- or 8-bit DAC). */
uint32_t vga_dac_rgb(const VGAState *s, unsigned i);

/* vga-text.c: render text mode; false when the registers describe none. */
bool vga_text_render(VGAState *s);

/* vga-gfx.c: render a planar 16-colour or a 256-colour mode; false when not one. */
bool vga_gfx_render(VGAState *s);

/* vbe.c */
extern const MemoryRegionOps vbe_port_ops;       /* at 0x1ce, 2 ports */
uint16_t vbe_read(VGAState *s);
void vbe_write(VGAState *s, uint16_t val);
void vbe_reset(VGAState *s);
bool vbe_enabled(const VGAState *s);
bool vbe_render(VGAState *s);

/* vga.c: a surface of w x h (reused when the size is unchanged), cleared to black. */
pixman_image_t *vga_surface(VGAState *s, int w, int h);

#endif
