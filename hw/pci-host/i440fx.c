/*
 * i440fx.c — the i440FX PCI host bridge: configuration mechanism #1 at
 * 0xcf8 (address, 32-bit accesses) / 0xcfc..0xcff (data), the 0:0.0
 * function 8086:1237, the PC's low memory map and the PAM shadow-RAM
 * windows of 0xc0000..0xfffff.  Contract and board API: i440fx.h.
 *
 * PAM: each segment has three prepared views, mapped at priority 2 above the
 * PCI side (which holds option ROMs, the BIOS's isa-bios alias at priority 1,
 * or nothing); the PAM register enables at most one of them:
 *   01 a read-only alias of RAM (writes to RAM are dropped, as writes to
 *      the PCI side, ROM, would be),
 *   10 an MMIO view reading the PCI side (the BIOS bytes or all ones) and
 *      writing RAM,
 *   11 a read-write alias of RAM.
 * Reads of the PCI side in mode 10 see the BIOS image or all ones, not a PCI
 * option ROM BAR placed there: firmware only uses mode 10 to copy the BIOS.
 *
 * Port 0xcf9 (PIIX3's reset control register) lies inside the 0xcf8 dword:
 * byte accesses at 0xcf9 are that register (writes with RST_CPU, bit 2, set
 * request a system reset; bits 1 and 3 read back), dword accesses at 0xcf8
 * the config address, as on the real chipset.
 */
#include "hw/pci-host/i440fx.h"

#include <string.h>

#include "exec/runstate.h"
#include "hw/sysbus.h"
#include "util/error.h"

#define PAM_BASE 0xc0000u
#define PAM_SEG_SIZE 0x4000u
#define BIOS_WINDOW_END 0x100000u

/* SMRAM register bits (82441FX 4.1.26). */
enum {
    SMRAM_C_BASE_SEG = 0x07,           /* read-only 010: 0xa0000 */
    SMRAM_G_SMRAME = 0x08,
    SMRAM_D_LCK = 0x10,
    SMRAM_D_CLS = 0x20,
    SMRAM_D_OPEN = 0x40,
};

/* RCR bits (82371SB 4.1.2) */
enum {
    RCR_SYS_RST = 0x02,
    RCR_RST_CPU = 0x04,
    RCR_FULL_RST = 0x08,
};

typedef struct PAMSegment {
    MemoryRegion ro, rw, wo;           /* the three RAM views (mode 01, 11, 10) */
    uint32_t start, size;
    I440FXState *owner;
} PAMSegment;

typedef struct I440FXPCIState {
    PCIDevice parent;
    I440FXState *host;
} I440FXPCIState;

struct I440FXState {
    SysBusDevice parent;
    MemoryRegion conf_io, data_io;
    PCIBus *bus;
    uint32_t config_address;
    uint8_t rcr;                       /* 0xcf9 */
    I440FXPCIState *func0;
    MemoryRegion *ram;
    uint8_t *ram_ptr;
    MemoryRegion low_ram, high_ram;    /* 0..0x9ffff and 1 MiB..below_4g */
    const uint8_t *bios;
    uint64_t bios_size;
    PAMSegment pam[I440FX_PAM_SEGMENTS];
    int pam_mode[I440FX_PAM_SEGMENTS];
};

#define I440FX_HOST(obj) OBJECT_CHECK(I440FXState, obj, TYPE_I440FX_PCI_HOST)
#define I440FX_PCI(obj) OBJECT_CHECK(I440FXPCIState, obj, TYPE_I440FX)

/* ---- PAM ------------------------------------------------------------------ */

/* The register and nibble of segment seg. */
static uint8_t pam_field(const uint8_t *config, int seg)
{
    if (seg == 0) {
        return (config[I440FX_PAM0] >> 4) & 3;
    }
    int reg = I440FX_PAM0 + 1 + (seg - 1) / 2;
    return (config[reg] >> ((seg - 1) % 2 ? 4 : 0)) & 3;
}

/* PCI-side byte at a (mode 10 reads): the BIOS's last bytes end at 1 MiB. */
static uint8_t pam_pci_byte(I440FXState *s, uint64_t a)
{
    uint64_t isa = s->bios_size < 128 * 1024 ? s->bios_size : 128 * 1024;
    if (s->bios && a >= BIOS_WINDOW_END - isa) {
        return s->bios[s->bios_size - (BIOS_WINDOW_END - a)];
    }
    return 0xff;
}

static uint64_t pam_wo_read(void *opaque, uint64_t addr, unsigned size)
{
    PAMSegment *seg = opaque;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)pam_pci_byte(seg->owner, seg->start + addr + i) << (8 * i);
    }
    return v;
}

static void pam_wo_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PAMSegment *seg = opaque;
    for (unsigned i = 0; i < size; i++) {
        seg->owner->ram_ptr[seg->start + addr + i] = val >> (8 * i);
    }
}

static const MemoryRegionOps pam_wo_ops = {
    .read = pam_wo_read,
    .write = pam_wo_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static void pam_update(I440FXState *s)
{
    const uint8_t *config = s->func0->parent.config;
    memory_region_transaction_begin();
    for (int i = 0; i < I440FX_PAM_SEGMENTS; i++) {
        int mode = pam_field(config, i);
        if (mode == s->pam_mode[i]) {
            continue;
        }
        PAMSegment *seg = &s->pam[i];
        memory_region_set_enabled(&seg->ro, mode == 1);
        memory_region_set_enabled(&seg->wo, mode == 2);
        memory_region_set_enabled(&seg->rw, mode == 3);
        s->pam_mode[i] = mode;
    }
    memory_region_transaction_commit();
}

int i440fx_pam_mode(I440FXState *s, int seg)
{
    return s->pam_mode[seg];
}

static void pam_init(I440FXState *s)
{
    MemoryRegion *sysmem = get_system_memory();
    for (int i = 0; i < I440FX_PAM_SEGMENTS; i++) {
        PAMSegment *seg = &s->pam[i];
        seg->owner = s;
        seg->start = i == 0 ? 0xf0000 : PAM_BASE + (i - 1) * PAM_SEG_SIZE;
        seg->size = i == 0 ? 0x10000 : PAM_SEG_SIZE;
        char *name = g_strdup_printf("pam-ro-%05x", seg->start);
        memory_region_init_alias(&seg->ro, OBJECT(s), name, s->ram, seg->start, seg->size);
        memory_region_set_readonly(&seg->ro, true);
        g_free(name);
        name = g_strdup_printf("pam-rw-%05x", seg->start);
        memory_region_init_alias(&seg->rw, OBJECT(s), name, s->ram, seg->start, seg->size);
        g_free(name);
        name = g_strdup_printf("pam-wo-%05x", seg->start);
        memory_region_init_io(&seg->wo, OBJECT(s), &pam_wo_ops, seg, name, seg->size);
        g_free(name);
        memory_region_set_enabled(&seg->ro, false);
        memory_region_set_enabled(&seg->rw, false);
        memory_region_set_enabled(&seg->wo, false);
        memory_region_add_subregion_overlap(sysmem, seg->start, &seg->ro, 2);
        memory_region_add_subregion_overlap(sysmem, seg->start, &seg->rw, 2);
        memory_region_add_subregion_overlap(sysmem, seg->start, &seg->wo, 2);
        s->pam_mode[i] = 0;
    }
}

/* ---- 0:0.0 ---------------------------------------------------------------- */

static void i440fx_pci_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    I440FXPCIState *d = I440FX_PCI(dev);
    uint8_t old_smram = dev->config[I440FX_SMRAM];
    pci_default_write_config(dev, addr, val, len);
    if (addr < I440FX_SMRAM + 1 && addr + len > I440FX_SMRAM) {
        uint8_t v = dev->config[I440FX_SMRAM];
        if (old_smram & SMRAM_D_LCK) {
            /* locked: only G_SMRAME stays writable until reset; D_OPEN is forced 0 */
            v = (old_smram & ~SMRAM_G_SMRAME) | (v & SMRAM_G_SMRAME);
            v &= ~SMRAM_D_OPEN;
        } else if (v & SMRAM_D_LCK) {
            v &= ~SMRAM_D_OPEN;
        }
        dev->config[I440FX_SMRAM] = (v & ~SMRAM_C_BASE_SEG) | 0x02;
    }
    if (addr < I440FX_PAM0 + I440FX_PAM_COUNT && addr + len > I440FX_PAM0 && d->host) {
        pam_update(d->host);
    }
}

static void i440fx_pci_realize(PCIDevice *dev, Error **errp)
{
    /* PAM0 uses bits 5:4 only; PAM1..6 bits 5:4 and 1:0 (datasheet 4.1.20) */
    dev->wmask[I440FX_PAM0] = 0x30;
    for (int i = 1; i < I440FX_PAM_COUNT; i++) {
        dev->wmask[I440FX_PAM0 + i] = 0x33;
    }
    dev->wmask[I440FX_SMRAM] = SMRAM_G_SMRAME | SMRAM_D_LCK | SMRAM_D_CLS | SMRAM_D_OPEN;
}

static void i440fx_pci_reset(PCIDevice *dev)
{
    I440FXPCIState *d = I440FX_PCI(dev);
    memset(dev->config + I440FX_PAM0, 0, I440FX_PAM_COUNT);
    dev->config[I440FX_SMRAM] = 0x02;
    if (d->host) {
        pam_update(d->host);
    }
}

static void i440fx_pci_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    pc->realize = i440fx_pci_realize;
    pc->reset = i440fx_pci_reset;
    pc->config_write = i440fx_pci_write_config;
    pc->vendor_id = 0x8086;
    pc->device_id = 0x1237;
    pc->revision = 0x02;
    pc->class_id = 0x0600;             /* host bridge */
}

static const TypeInfo i440fx_pci_info = {
    .name = TYPE_I440FX,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(I440FXPCIState),
    .class_init = i440fx_pci_class_init,
    .description = "i440FX PCI and memory controller (8086:1237)",
};
TYPE_REGISTER(i440fx_pci_info)

/* ---- the host: 0xcf8 / 0xcfc ---------------------------------------------- */

static uint64_t conf_read(void *opaque, uint64_t addr, unsigned size)
{
    I440FXState *s = opaque;
    if (size == 1 && addr == 1) {
        return s->rcr;
    }
    if (size == 4 && addr == 0) {
        return s->config_address;
    }
    /* other partial accesses of the address register: not decoded by the chipset */
    return ~0ull;
}

static void conf_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I440FXState *s = opaque;
    if (size == 1 && addr == 1) {
        s->rcr = val & (RCR_SYS_RST | RCR_FULL_RST);
        if (val & RCR_RST_CPU) {
            runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        return;
    }
    if (size == 4 && addr == 0) {
        s->config_address = val & 0x80fffffc;
    }
}

static const MemoryRegionOps conf_ops = {
    .read = conf_read,
    .write = conf_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static uint64_t data_read(void *opaque, uint64_t addr, unsigned size)
{
    I440FXState *s = opaque;
    return pci_host_data_read(s->bus, s->config_address, addr, size);
}

static void data_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    I440FXState *s = opaque;
    pci_host_data_write(s->bus, s->config_address, addr, val, size);
}

static const MemoryRegionOps data_ops = {
    .read = data_read,
    .write = data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void i440fx_host_realize(DeviceState *dev, Error **errp)
{
    I440FXState *s = I440FX_HOST(dev);
    memory_region_init_io(&s->conf_io, OBJECT(s), &conf_ops, s, "pci-conf-idx", 4);
    memory_region_init_io(&s->data_io, OBJECT(s), &data_ops, s, "pci-conf-data", 4);
    memory_region_add_subregion(get_system_io(), 0xcf8, &s->conf_io);
    memory_region_add_subregion(get_system_io(), 0xcfc, &s->data_io);
    s->bus = pci_root_bus_new(dev, "pci.0", get_system_memory(), get_system_io(), 0);
}

static void i440fx_host_reset(DeviceState *dev)
{
    I440FXState *s = I440FX_HOST(dev);
    s->config_address = 0;
    s->rcr = 0;
}

static void i440fx_host_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = i440fx_host_realize;
    dc->reset = i440fx_host_reset;
}

static const TypeInfo i440fx_host_info = {
    .name = TYPE_I440FX_PCI_HOST,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(I440FXState),
    .class_init = i440fx_host_class_init,
    .description = "i440FX host bridge: 0xcf8/0xcfc configuration mechanism #1",
};
TYPE_REGISTER(i440fx_host_info)

I440FXState *i440fx_init(MemoryRegion *ram, uint64_t below_4g, const uint8_t *bios,
                         uint64_t bios_size, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_I440FX_PCI_HOST);
    I440FXState *s = I440FX_HOST(dev);
    s->ram = ram;
    s->ram_ptr = memory_region_get_ram_ptr(ram);
    s->bios = bios;
    s->bios_size = bios_size;
    if (!qdev_realize(dev, sysbus_get_default(), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));

    /* RAM with the legacy hole 0xa0000..0xfffff: VGA window and PAM segments */
    MemoryRegion *sysmem = get_system_memory();
    uint64_t low = below_4g < 0xa0000 ? below_4g : 0xa0000;
    memory_region_init_alias(&s->low_ram, OBJECT(s), "ram-low", ram, 0, low);
    memory_region_add_subregion(sysmem, 0, &s->low_ram);
    if (below_4g > BIOS_WINDOW_END) {
        memory_region_init_alias(&s->high_ram, OBJECT(s), "ram-below-4g", ram, BIOS_WINDOW_END,
                                 below_4g - BIOS_WINDOW_END);
        memory_region_add_subregion(sysmem, BIOS_WINDOW_END, &s->high_ram);
    }
    pam_init(s);

    DeviceState *f0 = qdev_new(TYPE_I440FX);
    if (!qdev_prop_set(f0, "addr", "0.0", errp) || !qdev_realize(f0, BUS(s->bus), errp)) {
        object_unref(OBJECT(f0));
        return NULL;
    }
    object_unref(OBJECT(f0));
    s->func0 = I440FX_PCI(f0);
    s->func0->host = s;
    i440fx_pci_reset(&s->func0->parent);
    return s;
}

PCIBus *i440fx_pci_bus(I440FXState *s)
{
    return s->bus;
}
