/*
 * vga-text.c — VGA alphanumeric (text) mode into the surface: character
 * codes in plane 0, attributes in plane 1, the font in plane 2 (32 bytes
 * per glyph, one byte per scan line, the character map selected by
 * sequencer register 3 and attribute bit 3), colours through the
 * attribute controller's palette and the DAC, 8- or 9-dot cells (line
 * graphics 0xc0..0xdf repeat their 8th column), the CRTC's start address,
 * row offset, character height and cursor.
 *
 * Geometry from the CRTC: columns = CR01 + 1, character height = CR09[4:0]
 * + 1, rows = (vertical display end + 1) / height; 80x25 with 9x16 cells
 * is the 720x400 screen of mode 3.  Blinking is not animated: blinking
 * characters are shown on, the cursor always shown.
 */
#include "vga-int.h"

#include "util/bitops.h"

/* Plane 2 offset of each character map (sequencer register 3 encoding). */
static const uint32_t vga_font_map_offset[8] = {
    0x0000, 0x4000, 0x8000, 0xc000, 0x2000, 0x6000, 0xa000, 0xe000,
};

static uint8_t plane_byte(const VGAState *s, uint32_t offset, unsigned plane)
{
    uint64_t o = (uint64_t)(offset & 0xffff) * 4 + plane;
    return o < s->vram_size ? s->vram_ptr[o] : 0;
}

/* The colour of a 4-bit attribute colour index, through the palette and the DAC. */
static uint32_t vga_attr_color(const VGAState *s, unsigned index)
{
    uint8_t pal = s->attr[VGA_ATC_PALETTE0 + index];
    uint8_t sel = s->attr[VGA_ATC_COLOR_SELECT];
    unsigned dac;
    if (s->attr[VGA_ATC_MODE] & 0x80) {
        dac = (pal & 0x0f) | (sel & 0x0f) << 4;   /* P5:P4 from color select too */
    } else {
        dac = (pal & 0x3f) | (sel & 0x0c) << 4;
    }
    return vga_dac_rgb(s, dac & s->pel_mask);
}

bool vga_text_render(VGAState *s)
{
    if ((s->gfx[VGA_GFX_MISC] & 1) || (s->attr[VGA_ATC_MODE] & 1)) {
        return false;                               /* a graphics mode */
    }
    unsigned cols = s->crtc[VGA_CRTC_H_DISP] + 1;
    unsigned cheight = (s->crtc[VGA_CRTC_MAX_SCAN] & 0x1f) + 1;
    unsigned vde = s->crtc[VGA_CRTC_V_DISP_END] |
                   (s->crtc[VGA_CRTC_OVERFLOW] >> 1 & 1) << 8 |
                   (s->crtc[VGA_CRTC_OVERFLOW] >> 6 & 1) << 9;
    unsigned lines = vde + 1;
    if (s->crtc[VGA_CRTC_MAX_SCAN] & 0x80) {
        lines /= 2;                                 /* double scan */
    }
    unsigned rows = lines / cheight;
    unsigned cwidth = (s->seq[VGA_SEQ_CLOCK_MODE] & 1) ? 8 : 9;
    if (cols < 2 || rows < 1 || cols > 160 || rows > 128) {
        return false;
    }
    pixman_image_t *img = vga_surface(s, cols * cwidth, rows * cheight);
    if ((s->seq[VGA_SEQ_CLOCK_MODE] & 0x20) || !(s->attr_index & VGA_ATC_PAS)) {
        return true;                                /* screen off, or palette being loaded */
    }
    uint32_t *pix = pixman_image_get_data(img);
    int stride = pixman_image_get_stride(img) / 4;
    uint32_t start = s->crtc[VGA_CRTC_START_HI] << 8 | s->crtc[VGA_CRTC_START_LO];
    uint32_t cursor = s->crtc[VGA_CRTC_CURSOR_HI] << 8 | s->crtc[VGA_CRTC_CURSOR_LO];
    uint32_t row_cells = s->crtc[VGA_CRTC_OFFSET] ? s->crtc[VGA_CRTC_OFFSET] * 2u : cols;
    bool cursor_on = !(s->crtc[VGA_CRTC_CURSOR_START] & 0x20);
    unsigned cur_first = s->crtc[VGA_CRTC_CURSOR_START] & 0x1f;
    unsigned cur_last = s->crtc[VGA_CRTC_CURSOR_END] & 0x1f;
    uint8_t sr3 = s->seq[VGA_SEQ_CHARACTER_MAP];
    unsigned map_a = (sr3 >> 5 & 1) << 2 | (sr3 >> 2 & 3);
    unsigned map_b = (sr3 >> 4 & 1) << 2 | (sr3 & 3);
    bool blink = s->attr[VGA_ATC_MODE] & 0x08;
    bool line_graphics = s->attr[VGA_ATC_MODE] & 0x04;

    for (unsigned r = 0; r < rows; r++) {
        for (unsigned c = 0; c < cols; c++) {
            uint32_t cell = start + r * row_cells + c;
            uint8_t ch = plane_byte(s, cell, 0);
            uint8_t at = plane_byte(s, cell, 1);
            unsigned bg_index = blink ? (at >> 4) & 7 : at >> 4;
            uint32_t fg = vga_attr_color(s, at & 0xf);
            uint32_t bg = vga_attr_color(s, bg_index);
            uint32_t font = vga_font_map_offset[(at & 8) ? map_a : map_b] + ch * 32u;
            bool extend = cwidth == 9 && line_graphics && ch >= 0xc0 && ch <= 0xdf;
            for (unsigned y = 0; y < cheight; y++) {
                unsigned bits = plane_byte(s, font + y, 2);
                bool cur = cursor_on && (cell & 0xffff) == (cursor & 0xffff) &&
                           y >= cur_first && y <= cur_last;
                if (cur) {
                    bits = 0xff;                    /* the cursor covers the whole cell */
                }
                bool ninth = cur || (extend && (bits & 1));
                uint32_t *p = pix + (r * cheight + y) * stride + c * cwidth;
                for (unsigned x = 0; x < 8; x++) {
                    p[x] = (bits >> (7 - x) & 1) ? fg : bg;
                }
                if (cwidth == 9) {
                    p[8] = ninth ? fg : bg;
                }
            }
        }
    }
    return true;
}
