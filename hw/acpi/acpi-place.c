/*
 * acpi-place.c — the table loader executed by the board
 * (include/hw/acpi/acpi-place.h has the contract).
 *
 * Steps, as a firmware takes them: read fw_cfg's file directory (item
 * FW_CFG_FILE_DIR: a big-endian count, then 64-byte entries of size (be32),
 * select (be16), reserved (be16) and a NUL-padded name[56]); take the
 * "etc/table-loader" script; copy each file an ALLOCATE names into a
 * private buffer at the next aligned address of its zone; apply the
 * ADD_POINTER and ADD_CHECKSUM commands to the buffers in script order;
 * only when the whole script has run, write the buffers to guest memory
 * (with address_space_write_rom: the F segment is the BIOS's ROM on the PC).
 */
#include "hw/acpi/acpi-place.h"

#include <string.h>

#include <glib.h>

#include "hw/acpi/acpi-build.h"
#include "hw/acpi/table-loader.h"

#define PLACE_MAX_FILES 16
#define DIR_ENTRY_SIZE (8 + FW_CFG_MAX_FILE_PATH)

/* Offsets inside a 128-byte command (table-loader.h). */
enum {
    CMD_NAME = 4,
    CMD_ALLOC_ALIGN = CMD_NAME + TABLE_LOADER_FILESZ,
    CMD_ALLOC_ZONE = CMD_ALLOC_ALIGN + 4,
    CMD_PTR_SRC = CMD_NAME + TABLE_LOADER_FILESZ,
    CMD_PTR_OFFSET = CMD_PTR_SRC + TABLE_LOADER_FILESZ,
    CMD_PTR_SIZE = CMD_PTR_OFFSET + 4,
    CMD_CSUM_OFFSET = CMD_NAME + TABLE_LOADER_FILESZ,
    CMD_CSUM_START = CMD_CSUM_OFFSET + 4,
    CMD_CSUM_LENGTH = CMD_CSUM_START + 4,
};

typedef struct PlacedFile {
    char name[FW_CFG_MAX_FILE_PATH + 1];
    uint8_t *data;                     /* the private copy being patched */
    uint32_t len;
    uint64_t addr;
    int zone;                          /* 0 high, 1 F segment */
} PlacedFile;

typedef struct Placer {
    FWCfgState *fw;
    PlacedFile files[PLACE_MAX_FILES];
    int nfiles;
    uint64_t next[2];                  /* the first free byte of the high / F-segment zone */
    const AcpiPlaceRange *zone[2];
} Placer;

static uint64_t get_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) {
        v = v << 8 | p[i];
    }
    return v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* The NUL-terminated name in a command's 56-byte field (a copy, never unterminated). */
static void cmd_name(char *dst, const uint8_t *field)
{
    memcpy(dst, field, TABLE_LOADER_FILESZ);
    dst[TABLE_LOADER_FILESZ] = 0;
}

/* fw_cfg's file called name: its bytes, or NULL. */
static const uint8_t *fw_cfg_file(FWCfgState *fw, const char *name, size_t *len)
{
    size_t dir_len;
    const uint8_t *dir = fw_cfg_get(fw, FW_CFG_FILE_DIR, &dir_len);
    if (!dir || dir_len < 4) {
        return NULL;
    }
    uint32_t count = get_be32(dir);
    for (uint32_t i = 0; i < count && 4 + (i + 1) * DIR_ENTRY_SIZE <= dir_len; i++) {
        const uint8_t *e = dir + 4 + i * DIR_ENTRY_SIZE;
        if (strncmp((const char *)e + 8, name, FW_CFG_MAX_FILE_PATH) == 0) {
            uint16_t select = e[4] << 8 | e[5];
            return fw_cfg_get(fw, select, len);
        }
    }
    return NULL;
}

static PlacedFile *placed(Placer *pl, const char *name)
{
    for (int i = 0; i < pl->nfiles; i++) {
        if (!strcmp(pl->files[i].name, name)) {
            return &pl->files[i];
        }
    }
    return NULL;
}

static bool do_allocate(Placer *pl, const uint8_t *e, Error **errp)
{
    char name[TABLE_LOADER_FILESZ + 1];
    cmd_name(name, e + CMD_NAME);
    uint32_t align = get_le(e + CMD_ALLOC_ALIGN, 4);
    uint8_t zone = e[CMD_ALLOC_ZONE];
    if (zone != TABLE_LOADER_ZONE_HIGH && zone != TABLE_LOADER_ZONE_FSEG) {
        error_setg(errp, "table loader: ALLOCATE %s in unknown zone %u", name, zone);
        return false;
    }
    if (align & (align - 1)) {
        error_setg(errp, "table loader: ALLOCATE %s aligned to %u, not a power of two",
                   name, align);
        return false;
    }
    if (placed(pl, name) || pl->nfiles == PLACE_MAX_FILES) {
        error_setg(errp, "table loader: ALLOCATE %s twice, or too many files", name);
        return false;
    }
    size_t len;
    const uint8_t *data = fw_cfg_file(pl->fw, name, &len);
    if (!data) {
        error_setg(errp, "table loader: fw_cfg has no file %s", name);
        return false;
    }
    int z = zone == TABLE_LOADER_ZONE_FSEG;
    uint64_t a = align ? pl->next[z] + (-pl->next[z] & (align - 1)) : pl->next[z];
    if (a > pl->zone[z]->end || len > pl->zone[z]->end - a) {
        error_setg(errp, "table loader: %s (%zu bytes) does not fit in the %s zone "
                   "0x%" G_GINT64_MODIFIER "x..0x%" G_GINT64_MODIFIER "x", name, len,
                   z ? "F-segment" : "high", pl->zone[z]->start, pl->zone[z]->end);
        return false;
    }
    PlacedFile *f = &pl->files[pl->nfiles++];
    g_strlcpy(f->name, name, sizeof(f->name));
    f->data = g_memdup2(data, len);
    f->len = len;
    f->addr = a;
    f->zone = z;
    pl->next[z] = a + len;
    return true;
}

static PlacedFile *named_file(Placer *pl, const uint8_t *field, const char *cmd, Error **errp)
{
    char name[TABLE_LOADER_FILESZ + 1];
    cmd_name(name, field);
    PlacedFile *f = placed(pl, name);
    if (!f) {
        error_setg(errp, "table loader: %s names %s before its ALLOCATE", cmd, name);
    }
    return f;
}

static bool do_add_pointer(Placer *pl, const uint8_t *e, Error **errp)
{
    PlacedFile *dst = named_file(pl, e + CMD_NAME, "ADD_POINTER", errp);
    PlacedFile *src = dst ? named_file(pl, e + CMD_PTR_SRC, "ADD_POINTER", errp) : NULL;
    if (!src) {
        return false;
    }
    uint32_t off = get_le(e + CMD_PTR_OFFSET, 4);
    uint8_t size = e[CMD_PTR_SIZE];
    if ((size != 1 && size != 2 && size != 4 && size != 8) || off > dst->len ||
        size > dst->len - off) {
        error_setg(errp, "table loader: ADD_POINTER of %u bytes at %u outside %s",
                   size, off, dst->name);
        return false;
    }
    /* the sum wraps at the field's width, as a little-endian add of that size does */
    uint64_t v = get_le(dst->data + off, size) + src->addr;
    for (int i = 0; i < size; i++) {
        dst->data[off + i] = v >> (8 * i);
    }
    return true;
}

static bool do_add_checksum(Placer *pl, const uint8_t *e, Error **errp)
{
    PlacedFile *f = named_file(pl, e + CMD_NAME, "ADD_CHECKSUM", errp);
    if (!f) {
        return false;
    }
    uint32_t off = get_le(e + CMD_CSUM_OFFSET, 4);
    uint32_t start = get_le(e + CMD_CSUM_START, 4);
    uint32_t len = get_le(e + CMD_CSUM_LENGTH, 4);
    if (off >= f->len || start > f->len || len > f->len - start) {
        error_setg(errp, "table loader: ADD_CHECKSUM at %u over %u+%u outside %s",
                   off, start, len, f->name);
        return false;
    }
    uint8_t sum = 0;
    for (uint32_t i = 0; i < len; i++) {
        sum += f->data[start + i];
    }
    f->data[off] -= sum;
    return true;
}

static bool run_script(Placer *pl, const uint8_t *script, size_t len, Error **errp)
{
    if (len % TABLE_LOADER_ENTRY_SIZE) {
        error_setg(errp, "table loader: %zu bytes, not whole %d-byte commands", len,
                   TABLE_LOADER_ENTRY_SIZE);
        return false;
    }
    for (size_t at = 0; at < len; at += TABLE_LOADER_ENTRY_SIZE) {
        const uint8_t *e = script + at;
        bool ok = true;
        switch (get_le(e, 4)) {
        case TABLE_LOADER_ALLOCATE:
            ok = do_allocate(pl, e, errp);
            break;
        case TABLE_LOADER_ADD_POINTER:
            ok = do_add_pointer(pl, e, errp);
            break;
        case TABLE_LOADER_ADD_CHECKSUM:
            ok = do_add_checksum(pl, e, errp);
            break;
        default:
            /* later commands (WRITE_POINTER, ...) are for devices this board lacks */
            break;
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

static void used_range(const Placer *pl, int z, AcpiPlaceRange *r)
{
    /* from the first file (above the zone's start when aligned) to the last one's end */
    r->start = r->end = pl->zone[z]->start;
    for (int i = 0; i < pl->nfiles; i++) {
        if (pl->files[i].zone == z) {
            r->start = pl->files[i].addr;
            r->end = pl->next[z];
            break;
        }
    }
}

bool acpi_place_from_fw_cfg(FWCfgState *fw, AddressSpace *as, const AcpiPlaceZones *zones,
                            AcpiPlaced *out, Error **errp)
{
    Placer pl = {
        .fw = fw,
        .next = { zones->high.start, zones->fseg.start },
        .zone = { &zones->high, &zones->fseg },
    };
    memset(out, 0, sizeof(*out));
    size_t len;
    const uint8_t *script = fw_cfg_file(fw, ACPI_BUILD_LOADER_FILE, &len);
    bool ok = script != NULL;
    if (!ok) {
        error_setg(errp, "fw_cfg has no %s", ACPI_BUILD_LOADER_FILE);
    } else {
        ok = run_script(&pl, script, len, errp);
    }
    for (int i = 0; ok && i < pl.nfiles; i++) {
        if (address_space_write_rom(as, pl.files[i].addr, pl.files[i].data,
                                    pl.files[i].len) != MEMTX_OK) {
            error_setg(errp, "table loader: no memory for %s at 0x%" G_GINT64_MODIFIER "x",
                       pl.files[i].name, pl.files[i].addr);
            ok = false;
        }
    }
    if (ok) {
        PlacedFile *rsdp = placed(&pl, ACPI_BUILD_RSDP_FILE);
        out->rsdp = rsdp ? rsdp->addr : 0;
        used_range(&pl, 0, &out->high_used);
        used_range(&pl, 1, &out->fseg_used);
    }
    for (int i = 0; i < pl.nfiles; i++) {
        g_free(pl.files[i].data);
    }
    return ok;
}
