/*
 * blockdev.h — the drive table of the system emulators: what `-drive`,
 * `-hda/-hdb/-hdc/-hdd/-cdrom` and `-snapshot` asked for, opened through the
 * block layer (include/block/block.h).
 *
 * A drive has an interface (if=), a bus and a unit on it (from bus=/unit=
 * or index=), and an id.  Boards pick up the drives of the interfaces they
 * have (drive_get(IF_IDE, bus, unit)); `-drive if=none,id=d0` is for
 * `-device type,drive=d0`, which calls drive_claim.  A drive belongs to one
 * device at most.
 *
 *     DriveInfo *d = drive_get(IF_IDE, 0, 0);          // -hda
 *     if (d && !drive_claim(d, DEVICE(s), errp)) { return; }
 *     bdrv_pread(d->bs, 0, buf, 512);                   // d->bs NULL: no medium
 *
 * Called from the main thread (vl.c, boards' init, realize, the monitor).
 */
#ifndef EXEC_BLOCKDEV_H
#define EXEC_BLOCKDEV_H

#include <stdbool.h>

typedef struct Error Error;
typedef struct BlockDriverState BlockDriverState;
typedef struct DeviceState DeviceState;

/* The interfaces of if=; the first one is the default of a board that names none. */
typedef enum BlockInterfaceType {
    IF_IDE,
    IF_NONE,
    IF_SCSI,
    IF_FLOPPY,
    IF_PFLASH,
    IF_MTD,
    IF_SD,
    IF_VIRTIO,
    IF_COUNT,
} BlockInterfaceType;

typedef struct DriveInfo {
    char *id;                      /* given, or "<if><bus>-<hd|cd><unit>" as QEMU names them */
    BlockInterfaceType type;
    int bus, unit;
    bool is_cdrom;                 /* media=cdrom: removable, read-only */
    bool read_only;
    bool snapshot;                 /* writes go to a temporary overlay */
    char *cache;                   /* cache mode as given (writeback by default) */
    bool writethrough;             /* cache=writethrough/directsync: devices flush each write */
    BlockDriverState *bs;          /* NULL: a drive without medium (empty CD-ROM) */
    DeviceState *dev;              /* the device it is attached to, or NULL */
} DriveInfo;

/* Interface names (if=), indexed by BlockInterfaceType. */
const char *drive_if_name(BlockInterfaceType type);

/*
 * Parse one -drive value, open its image and add it to the table.
 * default_if is the machine's interface for drives without if=;
 * snapshot_default is -snapshot.  One error naming the problem otherwise.
 */
DriveInfo *drive_new(const char *opts, BlockInterfaceType default_if, bool snapshot_default,
                     Error **errp);
/* The drive at (type, bus, unit), or NULL. */
DriveInfo *drive_get(BlockInterfaceType type, int bus, int unit);
DriveInfo *drive_get_by_id(const char *id);
/* The highest bus number used by drives of type, or -1. */
int drive_get_max_bus(BlockInterfaceType type);
/* Attach d to dev; fails when another device has it. */
bool drive_claim(DriveInfo *d, DeviceState *dev, Error **errp);
/* Drives nobody attached (a warning for the user at start-up), NULL-terminated; g_free it. */
DriveInfo **drive_unclaimed(void);
/* Flush and close every drive (at exit). */
void drive_close_all(void);

/* `info block`: every drive, its image, format, backing chain; g_free it. */
char *drive_info_string(void);

/* Every drive, in creation order. */
typedef void DriveFunc(DriveInfo *d, void *opaque);
void drive_foreach(DriveFunc *fn, void *opaque);

#endif
