/*
 * fw_cfg.c — QEMU's firmware configuration device on I/O ports, with the
 * DMA interface.  Contract, keys and board API: include/hw/nvram/fw_cfg.h.
 *
 * Items are byte arrays indexed by key (0 .. FW_CFG_FILE_FIRST +
 * FW_CFG_FILE_SLOTS - 1, plus the arch-local ones from 0x8000); bit 14 of
 * the selector (write mode) and bit 15 (arch-local) are part of the key as
 * QEMU defines them, so the selector is used as is after masking the
 * write bit.  The file directory (FW_CFG_FILE_DIR) is rebuilt, sorted by
 * name as QEMU keeps it, whenever a file is added.
 *
 * DMA: the guest writes the physical address of an FWCfgDmaAccess
 * (be32 control, be32 length, be64 address) to the DMA register.  The
 * transfer runs at once: SELECT sets the selector from control bits 31:16,
 * then READ copies length bytes from the item's offset (bytes past its end
 * read as zero), SKIP advances the offset, WRITE fails (items are
 * read-only).  control is then written back as 0, or with the ERROR bit.
 */
#include "hw/nvram/fw_cfg.h"

#include <string.h>

#include <glib.h>

#include "hw/sysbus.h"
#include "util/error.h"

#define FW_CFG_WRITE_FLAG 0x4000
#define FW_CFG_ARCH_ITEMS 0x10         /* arch-local keys 0x8000 .. 0x800f */
#define FW_CFG_GEN_ITEMS (FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS)

typedef struct FWCfgItem {
    uint8_t *data;
    size_t len;
} FWCfgItem;

/* A directory entry as the guest reads it (all big endian). */
typedef struct FWCfgFile {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[FW_CFG_MAX_FILE_PATH];
} __attribute__((packed)) FWCfgFile;

struct FWCfgState {
    SysBusDevice parent;
    MemoryRegion ctl_io, dma_io;
    AddressSpace *dma_as;
    uint16_t iobase, dma_iobase;
    FWCfgItem gen[FW_CFG_GEN_ITEMS];
    FWCfgItem arch[FW_CFG_ARCH_ITEMS];
    char *file_names[FW_CFG_FILE_SLOTS];
    unsigned nfiles;
    uint16_t cur_key;                  /* the selector, write bit dropped */
    uint32_t cur_offset;
    uint64_t dma_addr;                 /* the high half written so far */
};

#define FW_CFG(obj) OBJECT_CHECK(FWCfgState, obj, TYPE_FW_CFG_IO)

static FWCfgState *the_fw_cfg;

FWCfgState *fw_cfg_find(void)
{
    return the_fw_cfg;
}

static FWCfgItem *item(FWCfgState *s, uint16_t key)
{
    key &= ~FW_CFG_WRITE_FLAG;
    if (key & FW_CFG_ARCH_LOCAL) {
        key &= ~FW_CFG_ARCH_LOCAL;
        return key < FW_CFG_ARCH_ITEMS ? &s->arch[key] : NULL;
    }
    return key < FW_CFG_GEN_ITEMS ? &s->gen[key] : NULL;
}

void fw_cfg_add_bytes_owned(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    FWCfgItem *it = item(s, key);
    g_assert(it);                      /* the board's keys are constants */
    g_free(it->data);
    it->data = data;
    it->len = len;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data, size_t len)
{
    fw_cfg_add_bytes_owned(s, key, g_memdup2(data, len), len);
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t v)
{
    uint16_t le = GUINT16_TO_LE(v);
    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t v)
{
    uint32_t le = GUINT32_TO_LE(v);
    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t v)
{
    uint64_t le = GUINT64_TO_LE(v);
    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *str)
{
    fw_cfg_add_bytes(s, key, str, strlen(str) + 1);
}

const uint8_t *fw_cfg_get(FWCfgState *s, uint16_t key, size_t *len)
{
    FWCfgItem *it = item(s, key);
    if (!it || !it->data) {
        *len = 0;
        return NULL;
    }
    *len = it->len;
    return it->data;
}

static int file_cmp(const void *a, const void *b)
{
    return strcmp(((const FWCfgFile *)a)->name, ((const FWCfgFile *)b)->name);
}

/* FILE_DIR from the named files, sorted by name. */
static void rebuild_dir(FWCfgState *s)
{
    size_t len = 4 + s->nfiles * sizeof(FWCfgFile);
    uint8_t *dir = g_malloc0(len);
    uint32_t count = GUINT32_TO_BE(s->nfiles);
    memcpy(dir, &count, 4);
    FWCfgFile *f = (FWCfgFile *)(dir + 4);
    for (unsigned i = 0; i < s->nfiles; i++) {
        f[i].size = GUINT32_TO_BE((uint32_t)s->gen[FW_CFG_FILE_FIRST + i].len);
        f[i].select = GUINT16_TO_BE(FW_CFG_FILE_FIRST + i);
        g_strlcpy(f[i].name, s->file_names[i], sizeof(f[i].name));
    }
    qsort(f, s->nfiles, sizeof(FWCfgFile), file_cmp);
    fw_cfg_add_bytes_owned(s, FW_CFG_FILE_DIR, dir, len);
}

int fw_cfg_add_file(FWCfgState *s, const char *name, const void *data, size_t len,
                    Error **errp)
{
    if (strlen(name) >= FW_CFG_MAX_FILE_PATH) {
        error_setg(errp, "fw_cfg: file name '%s' is longer than %d characters", name,
                   FW_CFG_MAX_FILE_PATH - 1);
        return -1;
    }
    unsigned i;
    for (i = 0; i < s->nfiles && strcmp(s->file_names[i], name) != 0; i++) {
    }
    if (i == s->nfiles) {
        if (s->nfiles == FW_CFG_FILE_SLOTS) {
            error_setg(errp, "fw_cfg: no slot left for file '%s'", name);
            return -1;
        }
        s->file_names[s->nfiles++] = g_strdup(name);
    }
    fw_cfg_add_bytes(s, FW_CFG_FILE_FIRST + i, data, len);
    rebuild_dir(s);
    return FW_CFG_FILE_FIRST + i;
}

/* ---- the traditional interface -------------------------------------------- */

static void select_key(FWCfgState *s, uint16_t key)
{
    s->cur_key = key & ~FW_CFG_WRITE_FLAG;
    s->cur_offset = 0;
}

static uint8_t read_byte(FWCfgState *s)
{
    FWCfgItem *it = item(s, s->cur_key);
    if (!it || s->cur_offset >= it->len) {
        return 0;
    }
    return it->data[s->cur_offset++];
}

static uint64_t ctl_read(void *opaque, uint64_t addr, unsigned size)
{
    FWCfgState *s = opaque;
    uint64_t v = 0;
    /* data reads are byte streams; a wider read returns consecutive bytes */
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)read_byte(s) << (8 * i);
    }
    return v;
}

static void ctl_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    FWCfgState *s = opaque;
    if (addr == 0 && size == 2) {
        select_key(s, val);
    }
    /* data writes: ignored, as in QEMU since 2.4 */
}

static const MemoryRegionOps ctl_ops = {
    .read = ctl_read,
    .write = ctl_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 2 },
};

/* ---- DMA ------------------------------------------------------------------ */

static void dma_transfer(FWCfgState *s, uint64_t desc)
{
    uint8_t raw[16];
    if (address_space_read(s->dma_as, desc, raw, sizeof(raw)) != MEMTX_OK) {
        return;
    }
    uint32_t control, length;
    uint64_t addr;
    memcpy(&control, raw, 4);
    memcpy(&length, raw + 4, 4);
    memcpy(&addr, raw + 8, 8);
    control = GUINT32_FROM_BE(control);
    length = GUINT32_FROM_BE(length);
    addr = GUINT64_FROM_BE(addr);

    if (control & FW_CFG_DMA_CTL_SELECT) {
        select_key(s, control >> 16);
    }
    bool error = false;
    FWCfgItem *it = item(s, s->cur_key);
    if (control & FW_CFG_DMA_CTL_WRITE) {
        error = true;
    } else if (control & (FW_CFG_DMA_CTL_READ | FW_CFG_DMA_CTL_SKIP)) {
        size_t avail = it && it->data && s->cur_offset < it->len ? it->len - s->cur_offset : 0;
        size_t n = length < avail ? length : avail;
        if (control & FW_CFG_DMA_CTL_READ) {
            if (n && address_space_write(s->dma_as, addr, it->data + s->cur_offset, n)
                     != MEMTX_OK) {
                error = true;
            }
            if (!error && length > n) {
                uint8_t *zeros = g_malloc0(length - n);
                if (address_space_write(s->dma_as, addr + n, zeros, length - n) != MEMTX_OK) {
                    error = true;
                }
                g_free(zeros);
            }
        }
        s->cur_offset += n;
    }
    uint32_t done = GUINT32_TO_BE(error ? FW_CFG_DMA_CTL_ERROR : 0);
    address_space_write(s->dma_as, desc, &done, 4);
}

static uint64_t dma_read(void *opaque, uint64_t addr, unsigned size)
{
    /* big-endian device: the high word at offset 0 */
    return (uint32_t)(FW_CFG_DMA_SIGNATURE >> (addr ? 0 : 32));
}

static void dma_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    FWCfgState *s = opaque;
    if (addr == 0) {
        s->dma_addr = val << 32;
    } else {
        uint64_t desc = s->dma_addr | (uint32_t)val;
        s->dma_addr = 0;
        dma_transfer(s, desc);
    }
}

static const MemoryRegionOps dma_ops = {
    .read = dma_read,
    .write = dma_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- the device ------------------------------------------------------------ */

static void fw_cfg_realize(DeviceState *dev, Error **errp)
{
    FWCfgState *s = FW_CFG(dev);
    if (the_fw_cfg) {
        error_setg(errp, "the machine already has a fw_cfg device");
        return;
    }
    memory_region_init_io(&s->ctl_io, OBJECT(s), &ctl_ops, s, "fwcfg", 2);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->ctl_io);
    memory_region_init_io(&s->dma_io, OBJECT(s), &dma_ops, s, "fwcfg.dma", 8);
    memory_region_add_subregion(get_system_io(), s->dma_iobase, &s->dma_io);
    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, "QEMU", 4);
    fw_cfg_add_i32(s, FW_CFG_ID, FW_CFG_VERSION | FW_CFG_VERSION_DMA);
    rebuild_dir(s);
    the_fw_cfg = s;
}

static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = FW_CFG(dev);
    select_key(s, 0);
    s->dma_addr = 0;
}

static void fw_cfg_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = fw_cfg_realize;
    dc->reset = fw_cfg_reset;
}

static const TypeInfo fw_cfg_info = {
    .name = TYPE_FW_CFG_IO,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(FWCfgState),
    .class_init = fw_cfg_class_init,
    .description = "QEMU firmware configuration interface (I/O ports, DMA)",
};
TYPE_REGISTER(fw_cfg_info)

FWCfgState *fw_cfg_init_io(uint16_t iobase, uint16_t dma_iobase, AddressSpace *as,
                           Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_FW_CFG_IO);
    FWCfgState *s = FW_CFG(dev);
    s->iobase = iobase;
    s->dma_iobase = dma_iobase;
    s->dma_as = as;
    if (!qdev_realize(dev, sysbus_get_default(), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return s;
}
