/*
 * vga-regs.c — the VGA's register files and its memory window: misc
 * output, sequencer, graphics controller, CRT controller, attribute
 * controller, DAC (ports 0x3b0..0x3df, the CRTC and input status at 0x3b?
 * or 0x3d? per misc output bit 0), and CPU accesses to video memory
 * through 0xa0000..0xbffff with the read modes, write modes 0..3, set/
 * reset, rotate, logical function, bit mask, latches, odd/even and
 * chain-4 addressing of the IBM VGA (as documented in its technical
 * reference and the many public register references derived from it).
 *
 * Offers vga_port_ops and vga_lowmem_ops to vga.c (opaque: VGAState).
 * Video memory layout: see vga-int.h (plane p of offset o at o * 4 + p).
 */
#include "vga-int.h"

#include "util/bitops.h"
#include "util/log.h"

#include <string.h>

/* Writable bits of the sequencer and graphics registers. */
static const uint8_t vga_seq_wmask[VGA_SEQ_N] = { 0x03, 0x3d, 0x0f, 0x3f, 0x0e };
static const uint8_t vga_gfx_wmask[VGA_GFX_N] = {
    0x0f, 0x0f, 0x0f, 0x1f, 0x03, 0x7b, 0x0f, 0x0f, 0xff,
};

/* Port numbers (the CRTC pair and input status 1 also exist at 0x3b? for mono). */
enum VgaPort {
    VGA_PORT_BASE = 0x3b0,
    VGA_PORT_ATC = 0x3c0,
    VGA_PORT_ATC_READ = 0x3c1,
    VGA_PORT_MISC_WRITE = 0x3c2,   /* read: input status 0 */
    VGA_PORT_SEQ_INDEX = 0x3c4,
    VGA_PORT_SEQ_DATA = 0x3c5,
    VGA_PORT_PEL_MASK = 0x3c6,
    VGA_PORT_DAC_READ_INDEX = 0x3c7,   /* read: DAC state */
    VGA_PORT_DAC_WRITE_INDEX = 0x3c8,
    VGA_PORT_DAC_DATA = 0x3c9,
    VGA_PORT_FEATURE_READ = 0x3ca,
    VGA_PORT_MISC_READ = 0x3cc,
    VGA_PORT_GFX_INDEX = 0x3ce,
    VGA_PORT_GFX_DATA = 0x3cf,
    VGA_PORT_CRTC_INDEX_MONO = 0x3b4,
    VGA_PORT_CRTC_DATA_MONO = 0x3b5,
    VGA_PORT_STATUS1_MONO = 0x3ba, /* write: feature control */
    VGA_PORT_CRTC_INDEX = 0x3d4,
    VGA_PORT_CRTC_DATA = 0x3d5,
    VGA_PORT_STATUS1 = 0x3da,
};

uint32_t vga_dac_rgb(const VGAState *s, unsigned i)
{
    const uint8_t *c = &s->palette[i * 3];
    if (s->vbe_regs[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_8BIT_DAC) {
        return (uint32_t)c[0] << 16 | c[1] << 8 | c[2];
    }
    /* 6-bit components to 8 bits: replicate the top bits into the bottom */
    uint32_t r = (c[0] & 0x3f) << 2 | (c[0] & 0x3f) >> 4;
    uint32_t g = (c[1] & 0x3f) << 2 | (c[1] & 0x3f) >> 4;
    uint32_t b = (c[2] & 0x3f) << 2 | (c[2] & 0x3f) >> 4;
    return r << 16 | g << 8 | b;
}

/* A port of the set (mono 0x3b?, colour 0x3d?) that misc output bit 0 does not select. */
static bool vga_port_ignored(const VGAState *s, uint32_t port)
{
    bool color = s->misc_output & 1;
    return ((port & 0xfff0) == 0x3b0 && color) || ((port & 0xfff0) == 0x3d0 && !color);
}

uint32_t vga_ioport_read(VGAState *s, uint32_t port)
{
    if (vga_port_ignored(s, port)) {
        return 0xff;
    }
    switch (port) {
    case VGA_PORT_ATC:
        return s->attr_flip_flop ? 0 : s->attr_index;
    case VGA_PORT_ATC_READ:
        return (s->attr_index & 0x1f) < VGA_ATC_N ? s->attr[s->attr_index & 0x1f] : 0;
    case VGA_PORT_MISC_WRITE:
        return 0x10;                   /* input status 0: switch sense (a colour monitor) */
    case VGA_PORT_SEQ_INDEX:
        return s->seq_index;
    case VGA_PORT_SEQ_DATA:
        return s->seq_index < VGA_SEQ_N ? s->seq[s->seq_index] : 0;
    case VGA_PORT_PEL_MASK:
        return s->pel_mask;
    case VGA_PORT_DAC_READ_INDEX:
        return s->dac_state;
    case VGA_PORT_DAC_WRITE_INDEX:
        return s->dac_write_index;
    case VGA_PORT_DAC_DATA: {
        uint8_t v = s->palette[s->dac_read_index * 3 + s->dac_sub_index];
        if (++s->dac_sub_index == 3) {
            s->dac_sub_index = 0;
            s->dac_read_index++;
        }
        return v;
    }
    case VGA_PORT_FEATURE_READ:
        return s->feature_control;
    case VGA_PORT_MISC_READ:
        return s->misc_output;
    case VGA_PORT_GFX_INDEX:
        return s->gfx_index;
    case VGA_PORT_GFX_DATA:
        return s->gfx_index < VGA_GFX_N ? s->gfx[s->gfx_index] : 0;
    case VGA_PORT_CRTC_INDEX_MONO:
    case VGA_PORT_CRTC_INDEX:
        return s->crtc_index;
    case VGA_PORT_CRTC_DATA_MONO:
    case VGA_PORT_CRTC_DATA:
        return s->crtc_index < VGA_CRTC_N ? s->crtc[s->crtc_index] : 0;
    case VGA_PORT_STATUS1_MONO:
    case VGA_PORT_STATUS1:
        /*
         * Input status 1: reading resets the attribute flip-flop.  Display
         * enable (bit 0) and vertical retrace (bit 3) alternate at each
         * read so that guests polling for a retrace edge see one.
         */
        s->attr_flip_flop = false;
        return (s->status_toggle++ & 1) ? 0x09 : 0x00;
    default:
        return 0xff;
    }
}

void vga_ioport_write(VGAState *s, uint32_t port, uint32_t val)
{
    if (vga_port_ignored(s, port)) {
        return;
    }
    val &= 0xff;
    switch (port) {
    case VGA_PORT_ATC:
        if (!s->attr_flip_flop) {
            s->attr_index = val & 0x3f;
        } else if ((s->attr_index & 0x1f) < VGA_ATC_N) {
            s->attr[s->attr_index & 0x1f] = val;
        }
        s->attr_flip_flop = !s->attr_flip_flop;
        break;
    case VGA_PORT_MISC_WRITE:
        s->misc_output = val & ~0x10;
        break;
    case VGA_PORT_SEQ_INDEX:
        s->seq_index = val & 0x7;
        break;
    case VGA_PORT_SEQ_DATA:
        if (s->seq_index < VGA_SEQ_N) {
            s->seq[s->seq_index] = val & vga_seq_wmask[s->seq_index];
        }
        break;
    case VGA_PORT_PEL_MASK:
        s->pel_mask = val;
        break;
    case VGA_PORT_DAC_READ_INDEX:
        s->dac_read_index = val;
        s->dac_sub_index = 0;
        s->dac_state = 3;
        break;
    case VGA_PORT_DAC_WRITE_INDEX:
        s->dac_write_index = val;
        s->dac_sub_index = 0;
        s->dac_state = 0;
        break;
    case VGA_PORT_DAC_DATA:
        s->dac_cache[s->dac_sub_index] = val;
        if (++s->dac_sub_index == 3) {
            memcpy(&s->palette[s->dac_write_index * 3], s->dac_cache, 3);
            s->dac_sub_index = 0;
            s->dac_write_index++;
        }
        break;
    case VGA_PORT_GFX_INDEX:
        s->gfx_index = val & 0xf;
        break;
    case VGA_PORT_GFX_DATA:
        if (s->gfx_index < VGA_GFX_N) {
            s->gfx[s->gfx_index] = val & vga_gfx_wmask[s->gfx_index];
        }
        break;
    case VGA_PORT_CRTC_INDEX_MONO:
    case VGA_PORT_CRTC_INDEX:
        s->crtc_index = val;
        break;
    case VGA_PORT_CRTC_DATA_MONO:
    case VGA_PORT_CRTC_DATA:
        if (s->crtc_index < VGA_CRTC_N) {
            /* CR11 bit 7 protects CR0..CR7, except CR7's line compare bit 4 */
            if ((s->crtc[0x11] & 0x80) && s->crtc_index <= 7) {
                if (s->crtc_index == VGA_CRTC_OVERFLOW) {
                    s->crtc[7] = (s->crtc[7] & ~0x10) | (val & 0x10);
                }
                break;
            }
            s->crtc[s->crtc_index] = val;
        }
        break;
    case VGA_PORT_STATUS1_MONO:
    case VGA_PORT_STATUS1:
        s->feature_control = val & 0x3;
        break;
    default:
        break;
    }
}

static uint64_t vga_port_read(void *opaque, uint64_t addr, unsigned size)
{
    return vga_ioport_read(opaque, VGA_PORT_BASE + addr);
}

static void vga_port_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    vga_ioport_write(opaque, VGA_PORT_BASE + addr, val);
}

const MemoryRegionOps vga_port_ops = {
    .read = vga_port_read,
    .write = vga_port_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- the memory window ---------------------------------------------------- */

/* A 4-bit plane mask as a 32-bit byte mask (plane p = byte p). */
static uint32_t vga_expand4(unsigned bits)
{
    uint32_t m = 0;
    for (int p = 0; p < 4; p++) {
        if (bits >> p & 1) {
            m |= 0xffu << (8 * p);
        }
    }
    return m;
}

/*
 * The window offset of addr (relative to 0xa0000) under the memory map
 * select, or -1 outside the window.
 */
static int64_t vga_window_offset(const VGAState *s, uint64_t addr)
{
    switch (extract32(s->gfx[VGA_GFX_MISC], 2, 2)) {
    case 0:
        return addr;                          /* a0000, 128 KiB */
    case 1:
        return addr < 0x10000 ? (int64_t)addr : -1;   /* a0000, 64 KiB */
    case 2:
        return addr >= 0x10000 && addr < 0x18000 ? (int64_t)addr - 0x10000 : -1;
    default:
        return addr >= 0x18000 ? (int64_t)addr - 0x18000 : -1;
    }
}

/* VBE's banked window: a linear 64 KiB view at BANK * 64 KiB. */
static bool vga_banked(const VGAState *s)
{
    return vbe_enabled(s) && s->vbe_regs[VBE_DISPI_INDEX_BPP] > 4;
}

static uint8_t vga_mem_readb(VGAState *s, uint64_t addr)
{
    if (vga_banked(s)) {
        uint64_t o = (uint64_t)s->vbe_regs[VBE_DISPI_INDEX_BANK] * 0x10000 + (addr & 0xffff);
        return addr < 0x10000 && o < s->vram_size ? s->vram_ptr[o] : 0xff;
    }
    int64_t off = vga_window_offset(s, addr);
    if (off < 0) {
        return 0xff;
    }
    if (s->seq[VGA_SEQ_MEMORY_MODE] & 0x08) {          /* chain 4: bytes in plane order */
        return off < (int64_t)s->vram_size ? s->vram_ptr[off] : 0xff;
    }
    if (s->gfx[VGA_GFX_MODE] & 0x10) {                 /* odd/even: A0 picks the plane */
        unsigned plane = (s->gfx[VGA_GFX_PLANE_READ] & 2) | (off & 1);
        uint64_t o = (uint64_t)(off & ~1) << 1 | plane;
        return o < s->vram_size ? s->vram_ptr[o] : 0xff;
    }
    if ((uint64_t)off * 4 + 4 > s->vram_size) {
        return 0xff;
    }
    uint32_t latch;
    memcpy(&latch, &s->vram_ptr[off * 4], 4);
    s->latch = latch;
    if (!(s->gfx[VGA_GFX_MODE] & 0x08)) {               /* read mode 0: one plane */
        return latch >> (8 * (s->gfx[VGA_GFX_PLANE_READ] & 3));
    }
    /* read mode 1: 1 where every cared-for plane matches the colour compare */
    uint32_t care = vga_expand4(s->gfx[VGA_GFX_COMPARE_MASK]);
    uint32_t want = vga_expand4(s->gfx[VGA_GFX_COMPARE_VALUE]);
    uint32_t diff = (latch ^ want) & care;
    uint8_t differs = diff | diff >> 8 | diff >> 16 | diff >> 24;
    return ~differs;
}

static void vga_mem_writeb(VGAState *s, uint64_t addr, uint8_t val)
{
    if (vga_banked(s)) {
        uint64_t o = (uint64_t)s->vbe_regs[VBE_DISPI_INDEX_BANK] * 0x10000 + (addr & 0xffff);
        if (addr < 0x10000 && o < s->vram_size) {
            s->vram_ptr[o] = val;
        }
        return;
    }
    int64_t off = vga_window_offset(s, addr);
    if (off < 0) {
        return;
    }
    uint8_t map_mask = s->seq[VGA_SEQ_MAP_MASK];
    if (s->seq[VGA_SEQ_MEMORY_MODE] & 0x08) {          /* chain 4 */
        if ((map_mask >> (off & 3) & 1) && off < (int64_t)s->vram_size) {
            s->vram_ptr[off] = val;
        }
        return;
    }
    if (!(s->seq[VGA_SEQ_MEMORY_MODE] & 0x04)) {       /* odd/even */
        unsigned plane = off & 1;
        uint64_t o = (uint64_t)(off & ~1) << 1 | plane;
        if ((map_mask >> plane & 1) && o < s->vram_size) {
            s->vram_ptr[o] = val;
        }
        return;
    }
    if ((uint64_t)off * 4 + 4 > s->vram_size) {
        return;
    }
    unsigned rotate = s->gfx[VGA_GFX_DATA_ROTATE] & 7;
    unsigned func = extract32(s->gfx[VGA_GFX_DATA_ROTATE], 3, 2);
    uint8_t bit_mask = s->gfx[VGA_GFX_BIT_MASK];
    uint32_t v;
    switch (s->gfx[VGA_GFX_MODE] & 3) {
    case 0:
        val = (uint8_t)(val >> rotate | val << (8 - rotate));
        v = val * 0x01010101u;
        /* planes with set/reset enabled take the set/reset bit instead */
        v = (v & ~vga_expand4(s->gfx[VGA_GFX_SR_ENABLE])) |
            (vga_expand4(s->gfx[VGA_GFX_SR_VALUE]) & vga_expand4(s->gfx[VGA_GFX_SR_ENABLE]));
        break;
    case 1:
        v = s->latch;                    /* the latches, unchanged by function and mask */
        goto store;
    case 2:
        v = vga_expand4(val & 0xf);
        break;
    default:
        val = (uint8_t)(val >> rotate | val << (8 - rotate));
        bit_mask &= val;
        v = vga_expand4(s->gfx[VGA_GFX_SR_VALUE]);
        break;
    }
    switch (func) {
    case 1:
        v &= s->latch;
        break;
    case 2:
        v |= s->latch;
        break;
    case 3:
        v ^= s->latch;
        break;
    default:
        break;
    }
    {
        uint32_t m = bit_mask * 0x01010101u;
        v = (v & m) | (s->latch & ~m);
    }
store:;
    uint32_t planes = vga_expand4(map_mask), old;
    memcpy(&old, &s->vram_ptr[off * 4], 4);
    old = (old & ~planes) | (v & planes);
    memcpy(&s->vram_ptr[off * 4], &old, 4);
}

static uint64_t vga_lowmem_read(void *opaque, uint64_t addr, unsigned size)
{
    return vga_mem_readb(opaque, addr);
}

static void vga_lowmem_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    vga_mem_writeb(opaque, addr, val);
}

const MemoryRegionOps vga_lowmem_ops = {
    .read = vga_lowmem_read,
    .write = vga_lowmem_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void vga_regs_reset(VGAState *s)
{
    s->misc_output = 0;
    s->seq_index = s->gfx_index = s->crtc_index = s->attr_index = 0;
    memset(s->seq, 0, sizeof(s->seq));
    memset(s->gfx, 0, sizeof(s->gfx));
    memset(s->crtc, 0, sizeof(s->crtc));
    memset(s->attr, 0, sizeof(s->attr));
    memset(s->palette, 0, sizeof(s->palette));
    s->attr_flip_flop = false;
    s->dac_read_index = s->dac_write_index = s->dac_sub_index = s->dac_state = 0;
    s->pel_mask = 0xff;
    s->feature_control = 0;
    s->latch = 0;
    s->status_toggle = 0;
}
