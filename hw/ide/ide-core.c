/*
 * ide-core.c — one IDE channel as the host sees it through its ports: the
 * ATA task file shared by the two drives, status and INTRQ, the device
 * control register (SRST, nIEN, HOB), the PIO data register, and the
 * hand-off of DMA requests to a bus-master engine.
 *
 * Offers (include/hw/ide/ide-internal.h): ide_bus_init/attach/reset,
 * ide_ioport_read/write (command block, offsets 0..7), ide_ctrl_read/write
 * (the alternate status / device control port), and helpers for the command
 * files (ide-ata.c, atapi.c).  Needs: a DriveInfo per present drive, an IRQ
 * line in bus->irq, optionally IDEDMAOps.
 *
 * Model (ATA/ATAPI-6, 5.2 and 9): writes to the command block registers
 * reach both drives; the device bit of the device/head register picks the
 * one that answers reads and executes commands.  Each write keeps the
 * previous byte as the "high order byte" that LBA48 commands use and HOB
 * reads return.  Commands run to completion (or to their first DRQ block)
 * inside the command write, so BSY is never seen by the host; INTRQ is the
 * selected drive's pending interrupt gated by nIEN, and reading the status
 * register clears it.  A channel without drives reads 0 everywhere, and an
 * absent device 1 reads status 0, which is what BIOSes and Linux look for.
 */
#include "hw/ide/ide-internal.h"

#include "block/block.h"
#include "hw/qdev.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

static IDEDrive *ide_selected(IDEBus *bus)
{
    return &bus->drive[bus->selected];
}

static bool ide_bus_empty(IDEBus *bus)
{
    return bus->drive[0].kind == IDE_KIND_NONE && bus->drive[1].kind == IDE_KIND_NONE;
}

/* INTRQ follows the selected drive's pending interrupt unless nIEN masks it. */
static int ide_bus_update_irq(IDEBus *bus)
{
    int level = ide_selected(bus)->irq_pending && !(bus->ctrl & IDE_CTRL_NIEN);
    irq_set(bus->irq, level);
    return level;
}

void ide_set_irq(IDEDrive *s)
{
    IDEBus *bus = s->bus;
    s->irq_pending = true;
    if (ide_bus_update_irq(bus) && s == ide_selected(bus) && bus->dma_ops) {
        bus->dma_ops->irq_raised(bus);
    }
}

void ide_error(IDEDrive *s, uint8_t error)
{
    ide_pio_stop(s);
    s->error = error;
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC | IDE_STAT_ERR;
    ide_set_irq(s);
}

void ide_abort(IDEDrive *s)
{
    ide_error(s, IDE_ERR_ABRT);
}

void ide_put_string(uint16_t *words, const char *src, int nwords)
{
    size_t len = strlen(src);
    for (int i = 0; i < nwords * 2; i++) {
        uint8_t c = i < (int)len ? src[i] : ' ';
        /* the first character of each pair is the word's high byte */
        if (i & 1) {
            words[i / 2] |= c;
        } else {
            words[i / 2] = c << 8;
        }
    }
}

void ide_drive_set_signature(IDEDrive *s)
{
    s->nsector = 1;
    s->sector = 1;
    switch (s->kind) {
    case IDE_KIND_CD:                  /* the ATAPI signature (ATA/ATAPI-6, 9.12) */
        s->lcyl = 0x14;
        s->hcyl = 0xeb;
        break;
    case IDE_KIND_HD:
        s->lcyl = 0;
        s->hcyl = 0;
        break;
    default:
        s->lcyl = 0xff;
        s->hcyl = 0xff;
        break;
    }
    s->select = 0xa0 | (s->unit ? IDE_SEL_DEV : 0);
    s->error = 0x01;                   /* diagnostic code: passed */
    /* an ATAPI device keeps DRDY clear until IDENTIFY PACKET DEVICE (9.1) */
    s->status = s->kind == IDE_KIND_HD ? IDE_STAT_DRDY | IDE_STAT_DSC : 0;
}

void ide_pio_start(IDEDrive *s, uint32_t len, IDEEndFn *end)
{
    g_assert(len <= IDE_BUF_SIZE);
    s->data_pos = 0;
    s->data_end = len;
    s->end_transfer = end;
    s->status |= IDE_STAT_DRQ;
}

void ide_pio_stop(IDEDrive *s)
{
    s->data_pos = s->data_end = 0;
    s->end_transfer = NULL;
    s->status &= ~IDE_STAT_DRQ;
    if (s->bus->dma.pending && s->bus->dma.drive == s) {
        s->bus->dma.pending = false;
    }
}

void ide_dma_start(IDEDrive *s, bool to_device, uint64_t bytes, IDEXferFn *xfer,
                   void (*complete)(IDEDrive *s, int ret))
{
    IDEBus *bus = s->bus;
    if (!bus->dma_ops) {
        ide_abort(s);
        return;
    }
    bus->dma = (IDEDMARequest) {
        .pending = true,
        .drive = s,
        .to_device = to_device,
        .bytes = bytes,
        .xfer = xfer,
        .complete = complete,
    };
    /* the drive asks for the transfer: DRQ set until the engine has moved it all */
    s->status = (s->status & ~(IDE_STAT_ERR | IDE_STAT_BSY)) | IDE_STAT_DRDY | IDE_STAT_DRQ;
    bus->dma_ops->ready(bus);
}

void ide_exec_diagnostic(IDEBus *bus)
{
    for (int i = 0; i < 2; i++) {
        IDEDrive *d = &bus->drive[i];
        ide_pio_stop(d);
        ide_drive_set_signature(d);
        if (d->kind == IDE_KIND_CD) {
            ide_atapi_reset(d);
        }
    }
    /* device 0 reports for both (ATA/ATAPI-6, 8.11) and interrupts */
    ide_set_irq(&bus->drive[0]);
}

/* ---- the data register --------------------------------------------------- */

static void ide_data_advance(IDEDrive *s, unsigned size)
{
    s->data_pos += size;
    if (s->data_pos >= s->data_end) {
        IDEEndFn *end = s->end_transfer;
        s->end_transfer = NULL;
        s->status &= ~IDE_STAT_DRQ;
        end(s);
    }
}

static uint32_t ide_data_read(IDEDrive *s, unsigned size)
{
    if (!s->end_transfer || !(s->status & IDE_STAT_DRQ)) {
        return 0;
    }
    uint32_t val = 0;
    for (unsigned i = 0; i < size && s->data_pos + i < s->data_end; i++) {
        val |= (uint32_t)s->io_buffer[s->data_pos + i] << (8 * i);
    }
    ide_data_advance(s, size);
    return val;
}

static void ide_data_write(IDEDrive *s, uint32_t val, unsigned size)
{
    if (!s->end_transfer || !(s->status & IDE_STAT_DRQ)) {
        return;
    }
    for (unsigned i = 0; i < size && s->data_pos + i < s->data_end; i++) {
        s->io_buffer[s->data_pos + i] = val >> (8 * i);
    }
    ide_data_advance(s, size);
}

/* ---- the task file -------------------------------------------------------- */

uint32_t ide_ioport_read(IDEBus *bus, uint32_t reg, unsigned size)
{
    IDEDrive *s = ide_selected(bus);
    bool hob = bus->ctrl & IDE_CTRL_HOB;

    if (reg == IDE_REG_DATA) {
        return s->kind == IDE_KIND_NONE ? 0 : ide_data_read(s, size);
    }
    if (ide_bus_empty(bus)) {
        return 0;
    }
    switch ((enum IDEReg)reg) {
    case IDE_REG_ERROR:
        return hob ? s->hob_feature : s->error;
    case IDE_REG_NSECTOR:
        return hob ? s->hob_nsector : s->nsector;
    case IDE_REG_SECTOR:
        return hob ? s->hob_sector : s->sector;
    case IDE_REG_LCYL:
        return hob ? s->hob_lcyl : s->lcyl;
    case IDE_REG_HCYL:
        return hob ? s->hob_hcyl : s->hcyl;
    case IDE_REG_SELECT:
        return s->select;
    case IDE_REG_STATUS:
        if (s->kind == IDE_KIND_NONE) {
            return 0;
        }
        s->irq_pending = false;
        ide_bus_update_irq(bus);
        return s->status;
    default:
        return 0;
    }
}

static void ide_exec_cmd(IDEBus *bus, uint8_t cmd)
{
    IDEDrive *s = ide_selected(bus);
    if (s->kind == IDE_KIND_NONE) {
        return;                        /* nobody there to take it */
    }
    /* only DEVICE RESET is accepted while a command holds BSY or DRQ (7.15.6) */
    if ((s->status & (IDE_STAT_BSY | IDE_STAT_DRQ)) && !(cmd == 0x08 && s->kind == IDE_KIND_CD)) {
        return;
    }
    s->irq_pending = false;
    ide_bus_update_irq(bus);
    if (cmd == 0x90) {                 /* EXECUTE DEVICE DIAGNOSTIC: the whole channel */
        ide_exec_diagnostic(bus);
        return;
    }
    if (s->kind == IDE_KIND_CD) {
        ide_atapi_exec(s, cmd);
    } else {
        ide_ata_exec(s, cmd);
    }
}

void ide_ioport_write(IDEBus *bus, uint32_t reg, uint32_t val, unsigned size)
{
    if (reg == IDE_REG_DATA) {
        IDEDrive *s = ide_selected(bus);
        if (s->kind != IDE_KIND_NONE) {
            ide_data_write(s, val, size);
        }
        return;
    }
    /* any write to the command block clears HOB (ATA/ATAPI-6, 7.9) */
    bus->ctrl &= ~IDE_CTRL_HOB;
    for (int i = 0; i < 2; i++) {
        IDEDrive *d = &bus->drive[i];
        switch ((enum IDEReg)reg) {
        case IDE_REG_ERROR:
            d->hob_feature = d->feature;
            d->feature = val;
            break;
        case IDE_REG_NSECTOR:
            d->hob_nsector = d->nsector;
            d->nsector = val;
            break;
        case IDE_REG_SECTOR:
            d->hob_sector = d->sector;
            d->sector = val;
            break;
        case IDE_REG_LCYL:
            d->hob_lcyl = d->lcyl;
            d->lcyl = val;
            break;
        case IDE_REG_HCYL:
            d->hob_hcyl = d->hcyl;
            d->hcyl = val;
            break;
        case IDE_REG_SELECT:
            /* bits 7 and 5 are obsolete and read as ones */
            d->select = (val & ~IDE_SEL_DEV) | 0xa0 | (val & IDE_SEL_DEV);
            break;
        default:
            break;
        }
    }
    if (reg == IDE_REG_SELECT) {
        bus->selected = (val & IDE_SEL_DEV) ? 1 : 0;
        ide_bus_update_irq(bus);
    } else if (reg == IDE_REG_STATUS) {
        ide_exec_cmd(bus, val);
    }
}

uint32_t ide_ctrl_read(IDEBus *bus)
{
    IDEDrive *s = ide_selected(bus);
    if (ide_bus_empty(bus) || s->kind == IDE_KIND_NONE) {
        return 0;
    }
    return s->status;                  /* alternate status: no interrupt acknowledge */
}

static void ide_soft_reset(IDEBus *bus)
{
    if (bus->dma_ops) {
        bus->dma_ops->reset(bus);
    }
    bus->dma.pending = false;
    for (int i = 0; i < 2; i++) {
        IDEDrive *d = &bus->drive[i];
        ide_pio_stop(d);
        d->irq_pending = false;
        ide_drive_set_signature(d);
        if (d->kind == IDE_KIND_CD) {
            ide_atapi_reset(d);
        }
    }
    bus->selected = 0;
}

void ide_ctrl_write(IDEBus *bus, uint32_t val)
{
    uint8_t old = bus->ctrl;
    bus->ctrl = val & (IDE_CTRL_NIEN | IDE_CTRL_SRST | IDE_CTRL_HOB);
    if (!(old & IDE_CTRL_SRST) && (val & IDE_CTRL_SRST)) {
        /* SRST asserted: both drives busy until it is released */
        for (int i = 0; i < 2; i++) {
            ide_pio_stop(&bus->drive[i]);
            if (bus->drive[i].kind != IDE_KIND_NONE) {
                bus->drive[i].status = IDE_STAT_BSY | IDE_STAT_DSC;
            }
        }
    } else if ((old & IDE_CTRL_SRST) && !(val & IDE_CTRL_SRST)) {
        ide_soft_reset(bus);
    }
    ide_bus_update_irq(bus);
}

/* ---- set-up --------------------------------------------------------------- */

void ide_bus_init(IDEBus *bus, int index, const IDEDMAOps *dma_ops, void *dma_opaque)
{
    memset(bus, 0, sizeof(*bus));
    bus->index = index;
    bus->dma_ops = dma_ops;
    bus->dma_opaque = dma_opaque;
    for (int i = 0; i < 2; i++) {
        IDEDrive *d = &bus->drive[i];
        d->bus = bus;
        d->unit = i;
        d->io_buffer = g_malloc0(IDE_BUF_SIZE);
    }
}

void ide_bus_free(IDEBus *bus)
{
    for (int i = 0; i < 2; i++) {
        g_free(bus->drive[i].io_buffer);
        bus->drive[i].io_buffer = NULL;
    }
}

/* The default translation of a disk: 16 heads, 63 sectors, cylinders to fit (max 16383). */
static void ide_default_geometry(IDEDrive *s)
{
    uint64_t cyls = s->nb_sectors / (16 * 63);
    s->heads = 16;
    s->secs = 63;
    s->cyls = cyls > 16383 ? 16383 : cyls < 1 ? 1 : (int)cyls;
    s->cur_heads = s->heads;
    s->cur_secs = s->secs;
}

/* Settings a drive has at power-on (and after attach). */
static void ide_drive_power_on(IDEDrive *d)
{
    d->mult_sectors = IDE_MAX_MULT;    /* multiple mode on at power-on, 16 sectors */
    d->write_cache = true;
    d->xfer_mode = 0;
    if (d->kind == IDE_KIND_HD) {
        ide_default_geometry(d);
    }
    d->tray_locked = false;
    d->tray_open = false;
}

bool ide_bus_attach(IDEBus *bus, int unit, DriveInfo *d, IDEDriveKind kind, DeviceState *owner,
                    Error **errp)
{
    IDEDrive *s = &bus->drive[unit];
    if (s->kind != IDE_KIND_NONE) {
        error_setg(errp, "unit %d of IDE channel %d is in use", unit, bus->index);
        return false;
    }
    if (kind == IDE_KIND_HD && (!d || !d->bs)) {
        error_setg(errp, "an IDE disk needs a drive with an image");
        return false;
    }
    if (d && !drive_claim(d, owner, errp)) {
        return false;
    }
    s->dinfo = d;
    s->bs = d ? d->bs : NULL;
    s->kind = kind;
    int number = bus->index * 2 + unit;
    g_snprintf(s->serial, sizeof(s->serial), "EMU%05d", number);
    if (s->kind == IDE_KIND_HD) {
        s->nb_sectors = bdrv_getlength(s->bs) / IDE_SECTOR_SIZE;
        ide_default_geometry(s);
        g_strlcpy(s->model, "EMU HARDDISK", sizeof(s->model));
    } else {
        g_strlcpy(s->model, "EMU DVD-ROM", sizeof(s->model));
    }
    ide_drive_power_on(s);
    ide_pio_stop(s);
    s->irq_pending = false;
    ide_drive_set_signature(s);
    if (s->kind == IDE_KIND_CD) {
        ide_atapi_reset(s);
    }
    return true;
}

void ide_bus_detach(IDEBus *bus, int unit)
{
    IDEDrive *s = &bus->drive[unit];
    ide_pio_stop(s);
    if (s->dinfo) {
        s->dinfo->dev = NULL;
    }
    s->dinfo = NULL;
    s->bs = NULL;
    s->kind = IDE_KIND_NONE;
    s->irq_pending = false;
    ide_drive_set_signature(s);
}

void ide_bus_reset(IDEBus *bus)
{
    bus->ctrl = 0;
    for (int i = 0; i < 2; i++) {
        ide_drive_power_on(&bus->drive[i]);
    }
    ide_soft_reset(bus);
    ide_bus_update_irq(bus);
}
