/*
 * blockdev.c — the drive table (exec/blockdev.h): `-drive` options parsed,
 * placed on an interface/bus/unit, opened through the block layer, handed
 * to boards and devices, listed by `info block` and `query-block`.
 *
 * Placement follows QEMU's rules so that command lines carry over:
 * index=N means bus N / units-per-bus, unit N % units-per-bus (IDE has 2
 * units per bus, SCSI 7, the others 1); without index, bus and unit default
 * to the first free unit.  media=cdrom is read-only and may have no file.
 * cache= is recorded: the block layer has no host page cache modes, so
 * the only effect is writethrough/directsync asking devices to flush after
 * each write.
 */
#include "exec/blockdev.h"
#include "block/block.h"
#include "hw/qdev.h"
#include "util/error.h"
#include "util/option.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

static const struct {
    const char *name;
    int units_per_bus;             /* 0: one drive per bus, named without a unit */
} if_table[IF_COUNT] = {
    [IF_IDE] = { "ide", 2 },
    [IF_NONE] = { "none", 0 },
    [IF_SCSI] = { "scsi", 7 },
    [IF_FLOPPY] = { "floppy", 0 },
    [IF_PFLASH] = { "pflash", 0 },
    [IF_MTD] = { "mtd", 0 },
    [IF_SD] = { "sd", 0 },
    [IF_VIRTIO] = { "virtio", 0 },
};

static const char *const cache_modes[] = {
    "writeback", "writethrough", "none", "directsync", "unsafe", NULL,
};

static GPtrArray *drives;

const char *drive_if_name(BlockInterfaceType type)
{
    return type < IF_COUNT ? if_table[type].name : "?";
}

static int units_per_bus(BlockInterfaceType type)
{
    return if_table[type].units_per_bus ? if_table[type].units_per_bus : 1;
}

DriveInfo *drive_get(BlockInterfaceType type, int bus, int unit)
{
    for (unsigned i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->type == type && d->bus == bus && d->unit == unit) {
            return d;
        }
    }
    return NULL;
}

DriveInfo *drive_get_by_id(const char *id)
{
    for (unsigned i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (strcmp(d->id, id) == 0) {
            return d;
        }
    }
    return NULL;
}

int drive_get_max_bus(BlockInterfaceType type)
{
    int max = -1;
    for (unsigned i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->type == type && d->bus > max) {
            max = d->bus;
        }
    }
    return max;
}

void drive_foreach(DriveFunc *fn, void *opaque)
{
    for (unsigned i = 0; drives && i < drives->len; i++) {
        fn(g_ptr_array_index(drives, i), opaque);
    }
}

bool drive_claim(DriveInfo *d, DeviceState *dev, Error **errp)
{
    if (d->dev && d->dev != dev) {
        error_setg(errp, "drive '%s' is already in use by a %s", d->id,
                   object_get_typename(OBJECT(d->dev)));
        return false;
    }
    d->dev = dev;
    return true;
}

DriveInfo **drive_unclaimed(void)
{
    GPtrArray *a = g_ptr_array_new();
    for (unsigned i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (!d->dev) {
            g_ptr_array_add(a, d);
        }
    }
    g_ptr_array_add(a, NULL);
    return (DriveInfo **)g_ptr_array_free(a, FALSE);
}

/* A non-negative integer option, or -1 when absent. */
static bool get_int(KeyValList *kv, const char *key, int max, int *out, Error **errp)
{
    const char *v = keyval_get(kv, key);
    uint64_t n;
    *out = -1;
    if (!v) {
        return true;
    }
    if (!parse_uint64(v, &n, NULL) || n > (uint64_t)max) {
        error_setg(errp, "-drive %s=%s: expected a number from 0 to %d", key, v, max);
        return false;
    }
    *out = n;
    return true;
}

DriveInfo *drive_new(const char *opts, BlockInterfaceType default_if, bool snapshot_default,
                     Error **errp)
{
    KeyValList *kv = keyval_parse(opts, "file", errp);
    if (!kv) {
        return NULL;
    }
    DriveInfo *d = NULL;
    const char *file = keyval_get(kv, "file");
    const char *format = keyval_get(kv, "format");
    const char *ifname = keyval_get(kv, "if");
    const char *media = keyval_get(kv, "media");
    const char *cache = keyval_get(kv, "cache");
    const char *id = keyval_get(kv, "id");
    bool snapshot, read_only;
    int index, bus, unit;
    BlockInterfaceType type = default_if;

    if (!keyval_get_bool(kv, "snapshot", snapshot_default, &snapshot, errp) ||
        !keyval_get_bool(kv, "readonly", false, &read_only, errp) ||
        !get_int(kv, "index", 1023, &index, errp) || !get_int(kv, "bus", 255, &bus, errp) ||
        !get_int(kv, "unit", 255, &unit, errp) || !keyval_check_unused(kv, "-drive", errp)) {
        goto out;
    }
    if (ifname) {
        for (type = 0; type < IF_COUNT && strcmp(if_table[type].name, ifname); type++) {
        }
        if (type == IF_COUNT) {
            error_setg(errp, "-drive if=%s: unknown interface (ide, scsi, floppy, pflash, "
                       "mtd, sd, virtio or none)", ifname);
            goto out;
        }
    }
    bool cdrom = false;
    if (media && !(cdrom = strcmp(media, "cdrom") == 0) && strcmp(media, "disk") != 0) {
        error_setg(errp, "-drive media=%s: expected disk or cdrom", media);
        goto out;
    }
    if (cache) {
        int i = 0;
        while (cache_modes[i] && strcmp(cache_modes[i], cache)) {
            i++;
        }
        if (!cache_modes[i]) {
            error_setg(errp, "-drive cache=%s: expected writeback, writethrough, none, "
                       "directsync or unsafe", cache);
            goto out;
        }
    }
    if (format && !bdrv_find_format(format)) {
        error_setg(errp, "-drive format=%s: unknown format (raw, qcow2 or qcow)", format);
        goto out;
    }
    if (id && drive_get_by_id(id)) {
        error_setg(errp, "-drive id=%s: a drive with this id exists", id);
        goto out;
    }
    if (!file && !cdrom) {
        error_setg(errp, "-drive: file= is required (only a CD-ROM can be empty)");
        goto out;
    }

    /* placement */
    int per_bus = units_per_bus(type);
    if (index >= 0) {
        if (bus >= 0 || unit >= 0) {
            error_setg(errp, "-drive: index= cannot be combined with bus= or unit=");
            goto out;
        }
        bus = index / per_bus;
        unit = index % per_bus;
    } else {
        bus = bus < 0 ? 0 : bus;
        if (unit < 0) {
            for (unit = 0; drive_get(type, bus, unit); unit++) {
            }
            /* past the end of this bus: the next free unit of the next buses */
            while (unit >= per_bus) {
                bus++;
                for (unit = 0; unit < per_bus && drive_get(type, bus, unit); unit++) {
                }
            }
        }
    }
    if (unit >= per_bus) {
        error_setg(errp, "-drive: unit %d is too big (%s has %d unit%s per bus)", unit,
                   if_table[type].name, per_bus, per_bus > 1 ? "s" : "");
        goto out;
    }
    if (drive_get(type, bus, unit)) {
        error_setg(errp, "-drive: a drive with if=%s, bus=%d, unit=%d (index=%d) exists",
                   if_table[type].name, bus, unit, bus * per_bus + unit);
        goto out;
    }

    BlockDriverState *bs = NULL;
    if (file && *file) {
        int flags = (read_only || cdrom ? 0 : BDRV_O_RDWR) | (snapshot ? BDRV_O_SNAPSHOT : 0);
        bs = bdrv_open(file, format, flags, errp);
        if (!bs) {
            error_prepend(errp, "-drive: ");
            goto out;
        }
        /* the temporary overlay of snapshot=on is writable; readonly=on still refuses */
        if (read_only || cdrom) {
            bs->read_only = true;
        }
    }

    d = g_new0(DriveInfo, 1);
    d->type = type;
    d->bus = bus;
    d->unit = unit;
    d->is_cdrom = cdrom;
    d->read_only = read_only || cdrom;
    d->snapshot = snapshot;
    d->cache = g_strdup(cache ? cache : "writeback");
    d->writethrough = cache && (!strcmp(cache, "writethrough") || !strcmp(cache, "directsync"));
    d->bs = bs;
    if (id) {
        d->id = g_strdup(id);
    } else if (if_table[type].units_per_bus) {
        d->id = g_strdup_printf("%s%d-%s%d", if_table[type].name, bus, cdrom ? "cd" : "hd",
                                unit);
    } else {
        d->id = g_strdup_printf("%s%d", if_table[type].name, bus);
    }
    if (!drives) {
        drives = g_ptr_array_new();
    }
    g_ptr_array_add(drives, d);
out:
    keyval_free(kv);
    return d;
}

void drive_close_all(void)
{
    for (unsigned i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->bs) {
            bdrv_flush(d->bs);
            bdrv_close(d->bs);
        }
        g_free(d->id);
        g_free(d->cache);
        g_free(d);
    }
    if (drives) {
        g_ptr_array_free(drives, TRUE);
        drives = NULL;
    }
}

/* ---- info block ----------------------------------------------------------- */

static void info_one(DriveInfo *d, void *opaque)
{
    GString *s = opaque;
    if (!d->bs) {
        g_string_append_printf(s, "%s: [not inserted]\n", d->id);
    } else {
        g_string_append_printf(s, "%s: %s (%s%s)\n", d->id, d->bs->filename,
                               d->bs->drv->format_name, d->read_only ? ", read-only" : "");
    }
    if (d->dev) {
        Object *o = OBJECT(d->dev);
        g_string_append_printf(s, "    Attached to:      %s\n",
                               o->id ? o->id : object_get_typename(o));
    }
    if (d->is_cdrom) {
        g_string_append(s, "    Removable device: not locked, tray closed\n");
    }
    g_string_append_printf(s, "    Interface:        if=%s, bus=%d, unit=%d\n",
                           if_table[d->type].name, d->bus, d->unit);
    g_string_append_printf(s, "    Cache mode:       %s\n", d->cache);
    if (d->snapshot && d->bs) {
        g_string_append(s, "    Snapshot:         on (writes go to a temporary overlay)\n");
    }
    int depth = 0;
    for (BlockDriverState *b = d->bs ? d->bs->backing : NULL; b; b = b->backing) {
        depth++;
    }
    if (depth) {
        g_string_append_printf(s, "    Backing file:     %s (chain depth: %d)\n",
                               d->bs->backing->filename, depth);
        for (BlockDriverState *b = d->bs->backing; b; b = b->backing) {
            g_string_append_printf(s, "      -> %s (%s)\n", b->filename, b->drv->format_name);
        }
    }
    g_string_append_c(s, '\n');
}

char *drive_info_string(void)
{
    GString *s = g_string_new(NULL);
    drive_foreach(info_one, s);
    return g_string_free(s, FALSE);
}
