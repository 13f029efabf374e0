/*
 * vga-gfx.c — VGA graphics modes into the surface: 16-colour planar
 * (modes 0dh..12h: a pixel's four bits from the four planes, masked by the
 * colour plane enable, through the attribute palette and the DAC) and
 * 256-colour (mode 13h and the "mode X" family: ATC mode bit 6, a byte per
 * pixel straight to the DAC, each pixel two dot clocks wide).
 *
 * Geometry from the CRTC: dot clocks = (CR01 + 1) * 8 or 9 (SR01 bit 0),
 * pixels per line = dots (planar) or dots / 2 (256 colours); scan lines =
 * VDE + 1, divided by the scan line repeat (CR09[4:0] + 1) and by 2 with
 * double scanning (CR09 bit 7).  Line pitch CR13 * 8 bytes of the
 * interleaved video memory (vga-int.h), from the CRTC start address * 4.
 * Not rendered: the CGA-compatible 4-colour modes (GR05 bit 5), line
 * compare (split screen), pixel panning.
 */
#include "vga-int.h"

#include "util/bitops.h"

/* Video memory bytes from vram offset o, or 0 past its end. */
static uint8_t vram_byte(const VGAState *s, uint64_t o)
{
    return o < s->vram_size ? s->vram_ptr[o] : 0;
}

static uint32_t vga_gfx_attr_color(const VGAState *s, unsigned index)
{
    uint8_t pal = s->attr[VGA_ATC_PALETTE0 + (index & 0xf)];
    uint8_t sel = s->attr[VGA_ATC_COLOR_SELECT];
    unsigned dac = s->attr[VGA_ATC_MODE] & 0x80 ? (pal & 0x0f) | (sel & 0x0f) << 4
                                                 : (pal & 0x3f) | (sel & 0x0c) << 4;
    return vga_dac_rgb(s, dac & s->pel_mask);
}

bool vga_gfx_render(VGAState *s)
{
    if (!(s->gfx[VGA_GFX_MISC] & 1) || (s->gfx[VGA_GFX_MODE] & 0x20)) {
        return false;                       /* text, or a CGA shift mode */
    }
    bool c256 = s->attr[VGA_ATC_MODE] & 0x40;
    unsigned dots = (s->crtc[VGA_CRTC_H_DISP] + 1) * ((s->seq[VGA_SEQ_CLOCK_MODE] & 1) ? 8 : 9);
    unsigned width = c256 ? dots / 2 : dots;
    unsigned vde = s->crtc[VGA_CRTC_V_DISP_END] |
                   (s->crtc[VGA_CRTC_OVERFLOW] >> 1 & 1) << 8 |
                   (s->crtc[VGA_CRTC_OVERFLOW] >> 6 & 1) << 9;
    unsigned height = (vde + 1) / ((s->crtc[VGA_CRTC_MAX_SCAN] & 0x1f) + 1);
    if (s->crtc[VGA_CRTC_MAX_SCAN] & 0x80) {
        height /= 2;
    }
    if (width < 8 || height < 1 || width > 2048 || height > 2048) {
        return false;
    }
    pixman_image_t *img = vga_surface(s, width, height);
    if ((s->seq[VGA_SEQ_CLOCK_MODE] & 0x20) || !(s->attr_index & VGA_ATC_PAS)) {
        return true;                        /* screen off, or palette being loaded */
    }
    uint32_t *pix = pixman_image_get_data(img);
    int stride = pixman_image_get_stride(img) / 4;
    uint64_t start = (uint64_t)(s->crtc[VGA_CRTC_START_HI] << 8 |
                                s->crtc[VGA_CRTC_START_LO]) * 4;
    uint64_t pitch = s->crtc[VGA_CRTC_OFFSET] * 8u;
    uint8_t plane_enable = s->attr[VGA_ATC_PLANE_ENABLE] & 0xf;
    uint32_t dac[256];
    if (c256) {
        for (int i = 0; i < 256; i++) {
            dac[i] = vga_dac_rgb(s, i & s->pel_mask);
        }
    }
    for (unsigned y = 0; y < height; y++) {
        uint64_t line = start + y * pitch;
        uint32_t *dst = pix + y * stride;
        for (unsigned x = 0; x < width; x++) {
            if (c256) {
                dst[x] = dac[vram_byte(s, line + x)];
                continue;
            }
            uint64_t o = line + (x / 8) * 4;
            unsigned bit = 7 - x % 8, color = 0;
            for (int p = 0; p < 4; p++) {
                color |= (vram_byte(s, o + p) >> bit & 1) << p;
            }
            dst[x] = vga_gfx_attr_color(s, color & plane_enable);
        }
    }
    return true;
}
