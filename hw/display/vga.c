/*
 * vga.c — the standard VGA as a PCI device (`VGA`, 1234:1111, class
 * 0x0300), QEMU's "stdvga" as its guests and its VGA BIOS
 * (vgabios-stdvga.bin) expect it:
 *
 *   BAR0      vgamem_mb MiB prefetchable memory: the video memory, the
 *             linear framebuffer of VBE modes
 *   BAR2      4 KiB MMIO: 0x400..0x41f the VGA ports 0x3c0..0x3df (bytes),
 *             0x500..0x515 the VBE registers as 16-bit words,
 *             0x600 QEMU extended registers (size 8; framebuffer byte
 *             order little endian, read-only)
 *   ROM BAR   romfile, rounded up to a power of two; SeaBIOS runs the VGA
 *             BIOS from the PCI expansion ROM (copied to 0xc0000)
 *   legacy    ports 0x3b0..0x3df and 0x1ce..0x1d0 in the I/O space and the
 *             0xa0000..0xbffff window (priority 1) in the bus's memory,
 *             decoded always, as for a PC's primary VGA; hence one VGA per
 *             machine (a second realize fails)
 *
 * Rendering is on demand (vga_update_display, vga_screendump): VBE linear
 * modes (vbe.c) when enabled, else the VGA graphics modes (vga-gfx.c) or
 * text mode (vga-text.c).  The registers are in vga-regs.c.  The VGA is
 * the machine's display: it registers the monitor's `screendump FILE` hook
 * (a binary PPM).
 */
#include "hw/display/vga.h"

#include "hw/boards.h"
#include "monitor/monitor.h"
#include "util/bitops.h"
#include "util/error.h"
#include "vga-int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

/* BAR2 layout. */
enum VgaMmio {
    VGA_MMIO_SIZE = 0x1000,
    VGA_MMIO_PORTS = 0x400,        /* 0x3c0..0x3df */
    VGA_MMIO_PORTS_END = 0x420,
    VGA_MMIO_VBE = 0x500,          /* VBE register i at 0x500 + 2 * i */
    VGA_MMIO_VBE_END = 0x500 + 2 * VBE_DISPI_INDEX_NB,
    VGA_MMIO_QEXT_SIZE = 0x600,
    VGA_MMIO_QEXT_BYTEORDER = 0x604,
};

#define VGA_QEXT_REGS_SIZE 8
#define VGA_QEXT_LITTLE_ENDIAN 0x1e1e1e1e

/* Default surface before any mode is set (the 640x480 of a VGA at power-on). */
#define VGA_DEFAULT_WIDTH 640
#define VGA_DEFAULT_HEIGHT 480

static uint64_t vga_mmio_read(void *opaque, uint64_t addr, unsigned size)
{
    VGAState *s = opaque;
    if (addr >= VGA_MMIO_PORTS && addr < VGA_MMIO_PORTS_END) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= (uint64_t)vga_ioport_read(s, 0x3c0 + addr - VGA_MMIO_PORTS + i) << (8 * i);
        }
        return v;
    }
    if (addr >= VGA_MMIO_VBE && addr < VGA_MMIO_VBE_END) {
        s->vbe_index = (addr - VGA_MMIO_VBE) / 2;
        return vbe_read(s);
    }
    switch (addr) {
    case VGA_MMIO_QEXT_SIZE:
        return VGA_QEXT_REGS_SIZE;
    case VGA_MMIO_QEXT_BYTEORDER:
        return VGA_QEXT_LITTLE_ENDIAN;
    default:
        return 0;
    }
}

static void vga_mmio_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    VGAState *s = opaque;
    if (addr >= VGA_MMIO_PORTS && addr < VGA_MMIO_PORTS_END) {
        for (unsigned i = 0; i < size; i++) {
            vga_ioport_write(s, 0x3c0 + addr - VGA_MMIO_PORTS + i, val >> (8 * i) & 0xff);
        }
        return;
    }
    if (addr >= VGA_MMIO_VBE && addr < VGA_MMIO_VBE_END) {
        s->vbe_index = (addr - VGA_MMIO_VBE) / 2;
        vbe_write(s, val);
    }
}

static const MemoryRegionOps vga_mmio_ops = {
    .read = vga_mmio_read,
    .write = vga_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- the surface ---------------------------------------------------------- */

pixman_image_t *vga_surface(VGAState *s, int w, int h)
{
    if (s->surface && pixman_image_get_width(s->surface) == w &&
        pixman_image_get_height(s->surface) == h) {
        memset(pixman_image_get_data(s->surface), 0,
               (size_t)pixman_image_get_stride(s->surface) * h);
        return s->surface;
    }
    if (s->surface) {
        pixman_image_unref(s->surface);
    }
    /* pixman allocates and zeroes the bits */
    s->surface = pixman_image_create_bits(PIXMAN_x8r8g8b8, w, h, NULL, w * 4);
    return s->surface;
}

pixman_image_t *vga_update_display(DeviceState *dev)
{
    VGAState *s = VGA_STATE(dev);
    if (!vbe_render(s) && !vga_gfx_render(s) && !vga_text_render(s)) {
        int w = s->surface ? pixman_image_get_width(s->surface) : VGA_DEFAULT_WIDTH;
        int h = s->surface ? pixman_image_get_height(s->surface) : VGA_DEFAULT_HEIGHT;
        vga_surface(s, w, h);
    }
    return s->surface;
}

bool vga_screendump(DeviceState *dev, const char *path, Error **errp)
{
    pixman_image_t *img = vga_update_display(dev);
    int w = pixman_image_get_width(img), h = pixman_image_get_height(img);
    const uint32_t *pix = pixman_image_get_data(img);
    int stride = pixman_image_get_stride(img) / 4;
    FILE *f = fopen(path, "wb");
    if (!f) {
        error_setg_errno(errp, errno, "screendump: cannot create '%s'", path);
        return false;
    }
    fprintf(f, "P6\n%d %d\n255\n", w, h);
    uint8_t *row = g_malloc((size_t)w * 3);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t v = pix[y * stride + x];
            row[x * 3] = v >> 16;
            row[x * 3 + 1] = v >> 8;
            row[x * 3 + 2] = v;
        }
        fwrite(row, 3, w, f);
    }
    g_free(row);
    if (ferror(f) | fclose(f)) {
        error_setg_errno(errp, errno, "screendump: write error on '%s'", path);
        return false;
    }
    return true;
}

/* ---- the device ----------------------------------------------------------- */

/* The machine's VGA (one at most): `screendump` writes it. */
static VGAState *vga_primary;

static bool vga_monitor_screendump(const char *path, Error **errp)
{
    if (!*path) {
        error_setg(errp, "screendump: a file name is needed");
        return false;
    }
    return vga_screendump(DEVICE(vga_primary), path, errp);
}

/* The ROM file's path: the firmware directories of the machine, else as given. */
static char *vga_find_rom(const char *name)
{
    MachineState *ms = machine_current();
    if (ms) {
        return machine_find_firmware(ms, name);
    }
    return g_file_test(name, G_FILE_TEST_IS_REGULAR) ? g_strdup(name) : NULL;
}

static bool vga_load_rom(VGAState *s, Error **errp)
{
    char *path = vga_find_rom(s->romfile);
    if (!path) {
        /* a VGA without BIOS still works for guests that program it directly */
        warn_report("VGA: ROM '%s' not found; no VGA BIOS", s->romfile);
        return true;
    }
    gchar *data;
    gsize len;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        error_setg(errp, "VGA: cannot read ROM '%s': %s", path, gerr->message);
        g_error_free(gerr);
        g_free(path);
        return false;
    }
    g_free(path);
    uint64_t size = 0x800;               /* the smallest ROM BAR: 2 KiB */
    while (size < len) {
        size <<= 1;
    }
    if (len == 0 || len > 16 * 1024 * 1024 ||
        !memory_region_init_rom(&s->rom, OBJECT(s), "vga.rom", size, errp)) {
        if (len == 0 || len > 16 * 1024 * 1024) {
            error_setg(errp, "VGA: ROM '%s' has an unusable size (%zu bytes)", s->romfile,
                       (size_t)len);
        }
        g_free(data);
        return false;
    }
    memcpy(memory_region_get_ram_ptr(&s->rom), data, len);
    g_free(data);
    pci_register_bar(PCI_DEVICE(s), PCI_ROM_SLOT, 0, &s->rom);
    return true;
}

static void vga_realize(PCIDevice *dev, Error **errp)
{
    VGAState *s = VGA_STATE(dev);
    PCIBus *bus = pci_get_bus(dev);
    if (vga_primary) {
        /* both would decode the same legacy ports and window */
        error_setg(errp, "VGA: a machine has one VGA (the board's: -vga none leaves it out)");
        return;
    }
    if (!is_power_of_2(s->vgamem_mb)) {
        error_setg(errp, "VGA: vgamem_mb must be a power of two (got %llu)",
                   (unsigned long long)s->vgamem_mb);
        return;
    }
    s->vram_size = s->vgamem_mb << 20;
    if (!memory_region_init_ram(&s->vram, OBJECT(s), "vga.vram", s->vram_size, errp)) {
        return;
    }
    s->vram_ptr = memory_region_get_ram_ptr(&s->vram);
    pci_register_bar(dev, 0, PCI_BASE_ADDRESS_MEM_PREFETCH, &s->vram);
    memory_region_init_io(&s->mmio, OBJECT(s), &vga_mmio_ops, s, "vga.mmio", VGA_MMIO_SIZE);
    pci_register_bar(dev, 2, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->mmio);
    if (s->romfile && *s->romfile && !vga_load_rom(s, errp)) {
        return;
    }
    memory_region_init_io(&s->ports, OBJECT(s), &vga_port_ops, s, "vga", 0x30);
    memory_region_add_subregion(bus->address_space_io, 0x3b0, &s->ports);
    memory_region_init_io(&s->vbe_ports, OBJECT(s), &vbe_port_ops, s, "vbe", 3);
    memory_region_add_subregion(bus->address_space_io, 0x1ce, &s->vbe_ports);
    memory_region_init_io(&s->lowmem, OBJECT(s), &vga_lowmem_ops, s, "vga-lowmem", 0x20000);
    memory_region_add_subregion_overlap(bus->address_space_mem, 0xa0000, &s->lowmem, 1);
    vga_primary = s;
    monitor_set_hook(MONITOR_HOOK_SCREENDUMP, vga_monitor_screendump);
}

static void vga_exit(PCIDevice *dev)
{
    VGAState *s = VGA_STATE(dev);
    memory_region_del_subregion(s->ports.container, &s->ports);
    memory_region_del_subregion(s->vbe_ports.container, &s->vbe_ports);
    memory_region_del_subregion(s->lowmem.container, &s->lowmem);
    if (s->surface) {
        pixman_image_unref(s->surface);
        s->surface = NULL;
    }
    memory_region_finalize(&s->ports);
    memory_region_finalize(&s->vbe_ports);
    memory_region_finalize(&s->lowmem);
    memory_region_finalize(&s->mmio);
    memory_region_finalize(&s->vram);
    if (memory_region_size(&s->rom)) {
        memory_region_finalize(&s->rom);
    }
    if (vga_primary == s) {
        vga_primary = NULL;
        monitor_set_hook(MONITOR_HOOK_SCREENDUMP, NULL);
    }
}

static void vga_reset(PCIDevice *dev)
{
    VGAState *s = VGA_STATE(dev);
    vga_regs_reset(s);
    vbe_reset(s);
}

static Property vga_props[] = {
    { .name = "vgamem_mb", .kind = PROP_UINT, .offset = offsetof(VGAState, vgamem_mb),
      .def_uint = 16, .min = 1, .max = 256, .help = "video memory in MiB (a power of two)" },
    { .name = "romfile", .kind = PROP_STRING, .offset = offsetof(VGAState, romfile),
      .def_str = "vgabios-stdvga.bin", .help = "VGA BIOS for the expansion ROM (\"\": none)" },
    PROP_END,
};

static void vga_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    DeviceClass *dc = DEVICE_CLASS(oc);
    pc->realize = vga_realize;
    pc->exit = vga_exit;
    pc->reset = vga_reset;
    /* the Bochs/QEMU standard VGA ids its BIOS and drivers match */
    pc->vendor_id = 0x1234;
    pc->device_id = 0x1111;
    pc->revision = 2;
    pc->class_id = 0x0300;
    pc->subsystem_vendor_id = 0x1af4;
    pc->subsystem_id = 0x1100;
    dc->user_creatable = true;
    device_class_set_props(dc, vga_props);
}

static const TypeInfo vga_info = {
    .name = TYPE_VGA,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(VGAState),
    .description = "standard VGA with Bochs VBE extensions",
    .class_init = vga_class_init,
};
TYPE_REGISTER(vga_info)
