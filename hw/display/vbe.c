/*
 * vbe.c — the Bochs VBE ("DISPI") extension of the standard VGA: an index
 * port at 0x1ce and a 16-bit data port at 0x1cf (also in BAR2 at 0x500 as
 * words), with which the VGA BIOS and drivers (Linux bochs-drm, bochsfb)
 * set linear framebuffer modes, and the rendering of those modes.
 *
 * Registers (VbeReg): ID (0xb0c0..0xb0c5 accepted, read back as written),
 * XRES, YRES, BPP (4, 8, 15, 16, 24, 32), ENABLE (ENABLED, GETCAPS: reads
 * of XRES/YRES/BPP give the maxima, 8BIT_DAC, LFB_ENABLED, NOCLEARMEM),
 * BANK (the 64 KiB window at 0xa0000), VIRT_WIDTH/VIRT_HEIGHT (the virtual
 * screen; the height follows from the memory), X/Y_OFFSET (panning),
 * VIDEO_MEMORY_64K (read-only).
 *
 * Enabling checks that xres x yres fits in video memory (else the write is
 * refused), clears the visible memory unless NOCLEARMEM, resets the
 * virtual size and offsets, and puts the VGA's graphics controller in
 * graphics mode with the 64 KiB window at 0xa0000 (banked, linear).
 * Rendering: 8 bpp through the DAC, 15/16 bpp RGB555/565, 24 bpp B,G,R
 * bytes, 32 bpp BGRX little endian; 4 bpp (planar) is not rendered.
 */
#include "vga-int.h"

#include "util/bitops.h"

#include <string.h>

bool vbe_enabled(const VGAState *s)
{
    return s->vbe_regs[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED;
}

/* Bytes per scan line of width pixels at bpp. */
static uint32_t vbe_line_bytes(unsigned width, unsigned bpp)
{
    return bpp == 4 ? width / 2 : width * ((bpp + 7) / 8);
}

static void vbe_update_start(VGAState *s)
{
    unsigned bpp = s->vbe_regs[VBE_DISPI_INDEX_BPP];
    uint32_t x = s->vbe_regs[VBE_DISPI_INDEX_X_OFFSET];
    uint32_t y = s->vbe_regs[VBE_DISPI_INDEX_Y_OFFSET];
    s->vbe_start_addr = y * s->vbe_line_offset + (bpp == 4 ? x / 2 : x * ((bpp + 7) / 8));
}

static bool vbe_bpp_valid(unsigned bpp)
{
    return bpp == 4 || bpp == 8 || bpp == 15 || bpp == 16 || bpp == 24 || bpp == 32;
}

static void vbe_enable(VGAState *s, uint16_t val)
{
    uint16_t *r = s->vbe_regs;
    unsigned xres = r[VBE_DISPI_INDEX_XRES], yres = r[VBE_DISPI_INDEX_YRES];
    unsigned bpp = r[VBE_DISPI_INDEX_BPP];
    uint32_t line = vbe_line_bytes(xres, bpp);
    if (!xres || !yres || (uint64_t)line * yres > s->vram_size) {
        return;                          /* the mode does not fit: stay as we are */
    }
    s->vbe_line_offset = line;
    r[VBE_DISPI_INDEX_VIRT_WIDTH] = xres;
    r[VBE_DISPI_INDEX_VIRT_HEIGHT] = MIN(s->vram_size / line, 0xffff);
    r[VBE_DISPI_INDEX_X_OFFSET] = 0;
    r[VBE_DISPI_INDEX_Y_OFFSET] = 0;
    r[VBE_DISPI_INDEX_BANK] = 0;
    vbe_update_start(s);
    if (!(val & VBE_DISPI_NOCLEARMEM)) {
        memset(s->vram_ptr, 0, (size_t)line * yres);
    }
    /* graphics mode, memory map 0xa0000 64 KiB: the window is VBE's bank */
    s->gfx[VGA_GFX_MISC] = (s->gfx[VGA_GFX_MISC] & ~0x0c) | 0x05;
    s->attr[VGA_ATC_MODE] |= 0x01;
}

uint16_t vbe_read(VGAState *s)
{
    unsigned i = s->vbe_index;
    if (i >= VBE_DISPI_INDEX_NB) {
        return 0;
    }
    if (s->vbe_regs[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_GETCAPS) {
        switch (i) {
        case VBE_DISPI_INDEX_XRES:
            return VBE_DISPI_MAX_XRES;
        case VBE_DISPI_INDEX_YRES:
            return VBE_DISPI_MAX_YRES;
        case VBE_DISPI_INDEX_BPP:
            return VBE_DISPI_MAX_BPP;
        default:
            break;
        }
    }
    if (i == VBE_DISPI_INDEX_VIDEO_MEMORY_64K) {
        return s->vram_size >> 16;
    }
    return s->vbe_regs[i];
}

void vbe_write(VGAState *s, uint16_t val)
{
    uint16_t *r = s->vbe_regs;
    switch (s->vbe_index) {
    case VBE_DISPI_INDEX_ID:
        if (val >= VBE_DISPI_ID0 && val <= VBE_DISPI_ID5) {
            r[VBE_DISPI_INDEX_ID] = val;
        }
        break;
    case VBE_DISPI_INDEX_XRES:
    case VBE_DISPI_INDEX_YRES:
    case VBE_DISPI_INDEX_BPP:
        if (vbe_enabled(s)) {
            break;                       /* the mode is fixed while enabled */
        }
        if (s->vbe_index == VBE_DISPI_INDEX_BPP) {
            val = val ? val : 8;
            if (!vbe_bpp_valid(val)) {
                break;
            }
        } else if (val > (s->vbe_index == VBE_DISPI_INDEX_XRES ? VBE_DISPI_MAX_XRES
                                                               : VBE_DISPI_MAX_YRES)) {
            break;
        }
        r[s->vbe_index] = val;
        break;
    case VBE_DISPI_INDEX_ENABLE: {
        bool was = vbe_enabled(s);
        if ((val & VBE_DISPI_ENABLED) && !was) {
            vbe_enable(s, val);
            if (!s->vbe_line_offset) {
                break;
            }
        } else if (!(val & VBE_DISPI_ENABLED) && was) {
            s->vbe_line_offset = 0;
            s->gfx[VGA_GFX_MISC] &= ~0x01;       /* back to what the VGA registers say */
            s->attr[VGA_ATC_MODE] &= ~0x01;
        }
        r[VBE_DISPI_INDEX_ENABLE] = val & (VBE_DISPI_ENABLED | VBE_DISPI_GETCAPS |
                                           VBE_DISPI_8BIT_DAC | VBE_DISPI_LFB_ENABLED |
                                           VBE_DISPI_NOCLEARMEM);
        if ((val & VBE_DISPI_ENABLED) && !s->vbe_line_offset) {
            r[VBE_DISPI_INDEX_ENABLE] &= ~VBE_DISPI_ENABLED;
        }
        break;
    }
    case VBE_DISPI_INDEX_BANK:
        if ((uint64_t)val << 16 < s->vram_size) {
            r[VBE_DISPI_INDEX_BANK] = val;
        }
        break;
    case VBE_DISPI_INDEX_VIRT_WIDTH: {
        unsigned bpp = r[VBE_DISPI_INDEX_BPP];
        uint32_t line = vbe_line_bytes(val, bpp);
        if (val < r[VBE_DISPI_INDEX_XRES] ||
            (uint64_t)line * r[VBE_DISPI_INDEX_YRES] > s->vram_size) {
            break;
        }
        r[VBE_DISPI_INDEX_VIRT_WIDTH] = val;
        r[VBE_DISPI_INDEX_VIRT_HEIGHT] = MIN(s->vram_size / line, 0xffff);
        if (vbe_enabled(s)) {
            s->vbe_line_offset = line;
            vbe_update_start(s);
        }
        break;
    }
    case VBE_DISPI_INDEX_X_OFFSET:
    case VBE_DISPI_INDEX_Y_OFFSET:
        r[s->vbe_index] = val;
        if (vbe_enabled(s)) {
            vbe_update_start(s);
        }
        break;
    default:
        break;                           /* VIRT_HEIGHT, VIDEO_MEMORY_64K: read-only */
    }
}

/* 0x1ce: index (16 bits), 0x1cf: data (16 bits, at an odd port). */
static uint64_t vbe_port_read(void *opaque, uint64_t addr, unsigned size)
{
    VGAState *s = opaque;
    return addr == 0 ? s->vbe_index : vbe_read(s);
}

static void vbe_port_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    VGAState *s = opaque;
    if (addr == 0) {
        s->vbe_index = val;
    } else {
        vbe_write(s, val);
    }
}

const MemoryRegionOps vbe_port_ops = {
    .read = vbe_port_read,
    .write = vbe_port_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 2, .unaligned = true },
};

void vbe_reset(VGAState *s)
{
    memset(s->vbe_regs, 0, sizeof(s->vbe_regs));
    s->vbe_regs[VBE_DISPI_INDEX_ID] = VBE_DISPI_ID5;
    s->vbe_regs[VBE_DISPI_INDEX_BPP] = 8;
    s->vbe_index = 0;
    s->vbe_line_offset = 0;
    s->vbe_start_addr = 0;
}

static uint32_t expand5(unsigned v) { return (v << 3) | (v >> 2); }
static uint32_t expand6(unsigned v) { return (v << 2) | (v >> 4); }

bool vbe_render(VGAState *s)
{
    if (!vbe_enabled(s)) {
        return false;
    }
    unsigned w = s->vbe_regs[VBE_DISPI_INDEX_XRES], h = s->vbe_regs[VBE_DISPI_INDEX_YRES];
    unsigned bpp = s->vbe_regs[VBE_DISPI_INDEX_BPP];
    pixman_image_t *img = vga_surface(s, w, h);
    if (bpp == 4) {
        return true;
    }
    uint32_t *pix = pixman_image_get_data(img);
    int stride = pixman_image_get_stride(img) / 4;
    unsigned bytes = (bpp + 7) / 8;
    for (unsigned y = 0; y < h; y++) {
        uint64_t line = s->vbe_start_addr + (uint64_t)y * s->vbe_line_offset;
        if (line + (uint64_t)w * bytes > s->vram_size) {
            break;                        /* panned past the end of memory: black */
        }
        const uint8_t *src = s->vram_ptr + line;
        uint32_t *dst = pix + y * stride;
        for (unsigned x = 0; x < w; x++, src += bytes) {
            uint32_t v;
            switch (bpp) {
            case 8:
                dst[x] = vga_dac_rgb(s, src[0]);
                break;
            case 15:
                v = src[0] | src[1] << 8;
                dst[x] = expand5(v >> 10 & 31) << 16 | expand5(v >> 5 & 31) << 8 |
                         expand5(v & 31);
                break;
            case 16:
                v = src[0] | src[1] << 8;
                dst[x] = expand5(v >> 11 & 31) << 16 | expand6(v >> 5 & 63) << 8 |
                         expand5(v & 31);
                break;
            case 24:
                dst[x] = (uint32_t)src[2] << 16 | src[1] << 8 | src[0];
                break;
            default:
                dst[x] = (uint32_t)src[2] << 16 | src[1] << 8 | src[0];
                break;
            }
        }
    }
    return true;
}
