/*
 * ide-dev.c — "ide-hd" and "ide-cd", the -device faces of an IDE drive, and
 * the bus type they plug into ("IDE": a channel of an IDE controller, named
 * ide.0 and ide.1 on the PIIX3).
 *
 *     -drive if=none,id=d0,file=disk.img,format=raw -device ide-hd,drive=d0,bus=ide.1,unit=0
 *     -drive if=none,id=c0,file=debian.iso,media=cdrom -device ide-cd,drive=c0
 *     -device ide-cd,bus=ide.1                         (an empty CD-ROM drive)
 *
 * Properties: drive (the id of a -drive; required for ide-hd), unit (0
 * master, 1 slave; default: the first free unit of the bus).  The device
 * only attaches the drive to the channel's IDEDrive slot (ide-core.c):
 * the emulation itself is the same as for drives the controller picks up
 * from -hda/-cdrom.  An ide-cd is a CD-ROM whatever the drive's media=.
 */
#include "hw/ide/ide-internal.h"

#include "util/error.h"

#include <glib.h>

#define TYPE_IDE_DEVICE "ide-device"
#define TYPE_IDE_HD "ide-hd"
#define TYPE_IDE_CD "ide-cd"

typedef struct IDEDeviceState {
    DeviceState parent;
    char *drive;                       /* property */
    int64_t unit;                      /* property, -1: first free */
    IDEBus *bus;                       /* where it attached */
    int attached_unit;
} IDEDeviceState;

#define IDE_DEVICE(obj) OBJECT_CHECK(IDEDeviceState, obj, TYPE_IDE_DEVICE)

static void ide_dev_realize(DeviceState *dev, Error **errp)
{
    IDEDeviceState *s = IDE_DEVICE(dev);
    IDEQBus *qb = OBJECT_CHECK(IDEQBus, dev->parent_bus, TYPE_IDE_BUS);
    IDEDriveKind kind = object_dynamic_cast(OBJECT(dev), TYPE_IDE_CD) ? IDE_KIND_CD : IDE_KIND_HD;
    DriveInfo *d = NULL;

    if (s->drive) {
        d = drive_get_by_id(s->drive);
        if (!d) {
            error_setg(errp, "%s: no drive with id '%s'", object_get_typename(OBJECT(dev)),
                       s->drive);
            return;
        }
    } else if (kind == IDE_KIND_HD) {
        error_setg(errp, "ide-hd: drive= is required");
        return;
    }
    int unit = s->unit;
    if (unit < 0) {
        unit = qb->bus->drive[0].kind == IDE_KIND_NONE ? 0 : 1;
    }
    if (!ide_bus_attach(qb->bus, unit, d, kind, dev, errp)) {
        return;
    }
    s->bus = qb->bus;
    s->attached_unit = unit;
}

static void ide_dev_unrealize(DeviceState *dev)
{
    IDEDeviceState *s = IDE_DEVICE(dev);
    if (s->bus) {
        ide_bus_detach(s->bus, s->attached_unit);
        s->bus = NULL;
    }
}

static Property ide_dev_props[] = {
    { .name = "drive", .kind = PROP_STRING, .offset = offsetof(IDEDeviceState, drive),
      .help = "the id of the -drive to attach" },
    { .name = "unit", .kind = PROP_INT, .offset = offsetof(IDEDeviceState, unit), .def_int = -1,
      .min = -1, .max = 1, .help = "0 (master) or 1 (slave); default the first free" },
    PROP_END,
};

static void ide_dev_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = ide_dev_realize;
    dc->unrealize = ide_dev_unrealize;
    dc->bus_type = TYPE_IDE_BUS;
    dc->user_creatable = true;
    device_class_set_props(dc, ide_dev_props);
}

/* `info qtree`: "unit 1, drive d0" */
static char *ide_bus_dev_path(DeviceState *dev)
{
    IDEDeviceState *s = IDE_DEVICE(dev);
    if (!s->bus) {
        return NULL;
    }
    return g_strdup_printf("unit %d, drive %s", s->attached_unit, s->drive ? s->drive : "(empty)");
}

static void ide_bus_class_init(ObjectClass *oc, void *data)
{
    OBJECT_CLASS_CHECK(BusClass, oc, TYPE_BUS)->get_dev_path = ide_bus_dev_path;
}

static const TypeInfo ide_bus_info = {
    .name = TYPE_IDE_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(IDEQBus),
    .class_init = ide_bus_class_init,
};
TYPE_REGISTER(ide_bus_info)

static const TypeInfo ide_device_info = {
    .name = TYPE_IDE_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(IDEDeviceState),
    .abstract = true,
    .class_init = ide_dev_class_init,
};
TYPE_REGISTER(ide_device_info)

static const TypeInfo ide_hd_info = {
    .name = TYPE_IDE_HD,
    .parent = TYPE_IDE_DEVICE,
    .description = "IDE (ATA) hard disk",
};
TYPE_REGISTER(ide_hd_info)

static const TypeInfo ide_cd_info = {
    .name = TYPE_IDE_CD,
    .parent = TYPE_IDE_DEVICE,
    .description = "IDE (ATAPI) CD-ROM drive",
};
TYPE_REGISTER(ide_cd_info)
