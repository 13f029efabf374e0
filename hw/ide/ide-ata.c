/*
 * ide-ata.c — the ATA command set of an IDE hard disk (ATA/ATAPI-6 and the
 * 48-bit feature set of ATA/ATAPI-7): identification, PIO and DMA reads and
 * writes in 28- and 48-bit LBA and CHS addressing, multiple mode, cache
 * flush, the power-management no-ops drivers issue, and READ NATIVE MAX.
 *
 * Offers ide_ata_exec (called by ide-core.c with the command byte the host
 * wrote) and ide_set_features.  Data goes through the block layer
 * synchronously; a failed read ends the command with UNC, a failed write or
 * flush with ABRT, a range past the end of the disk with IDNF — never a
 * crash.  Interrupts follow the PIO protocols (7.x "PIO data-in": one per
 * DRQ block, none after the last block is read; "PIO data-out": none before
 * the first block, one after each).
 */
#include "hw/ide/ide-internal.h"

#include "block/block.h"

#include <string.h>

#include <glib.h>

typedef void ATACmdFn(IDEDrive *s, uint8_t cmd);

/* One command of the table. */
typedef struct ATACommand {
    const char *name;
    ATACmdFn *fn;
    bool lba48;                        /* addresses and counts use the HOB bytes */
    bool multiple;                     /* DRQ blocks of mult_sectors */
    bool write;                        /* data to the device */
} ATACommand;

/* ---- addressing ---------------------------------------------------------- */

static uint64_t ata_get_sector(IDEDrive *s, bool *valid)
{
    *valid = true;
    if (s->select & IDE_SEL_LBA) {
        if (s->lba48) {
            return (uint64_t)s->hob_hcyl << 40 | (uint64_t)s->hob_lcyl << 32 |
                   (uint64_t)s->hob_sector << 24 | s->hcyl << 16 | s->lcyl << 8 | s->sector;
        }
        return (uint64_t)(s->select & 0x0f) << 24 | s->hcyl << 16 | s->lcyl << 8 | s->sector;
    }
    /* CHS through the current translation; sectors count from 1 */
    int head = s->select & 0x0f;
    int cyl = s->hcyl << 8 | s->lcyl;
    if (s->sector == 0 || s->sector > s->cur_secs || head >= s->cur_heads) {
        *valid = false;
        return 0;
    }
    return ((uint64_t)cyl * s->cur_heads + head) * s->cur_secs + s->sector - 1;
}

/* The registers after a command: the next sector (as drivers of CHS disks expect). */
static void ata_set_sector(IDEDrive *s, uint64_t lba)
{
    if (s->select & IDE_SEL_LBA) {
        if (s->lba48) {
            s->hob_hcyl = lba >> 40;
            s->hob_lcyl = lba >> 32;
            s->hob_sector = lba >> 24;
        } else {
            s->select = (s->select & 0xf0) | ((lba >> 24) & 0x0f);
        }
        s->hcyl = lba >> 16;
        s->lcyl = lba >> 8;
        s->sector = lba;
        return;
    }
    if (s->cur_heads == 0 || s->cur_secs == 0) {
        return;
    }
    uint64_t cyl = lba / (s->cur_heads * s->cur_secs);
    uint64_t r = lba % (s->cur_heads * s->cur_secs);
    s->hcyl = cyl >> 8;
    s->lcyl = cyl;
    s->select = (s->select & 0xf0) | (r / s->cur_secs);
    s->sector = r % s->cur_secs + 1;
}

static uint32_t ata_get_count(IDEDrive *s)
{
    if (s->lba48) {
        uint32_t n = s->hob_nsector << 8 | s->nsector;
        return n ? n : 65536;
    }
    return s->nsector ? s->nsector : 256;
}

/* Decode address and count of a data command; false (and the error given) when out of range. */
static bool ata_setup_xfer(IDEDrive *s)
{
    bool valid;
    uint64_t lba = ata_get_sector(s, &valid);
    uint32_t n = ata_get_count(s);
    if (!valid || lba >= s->nb_sectors || n > s->nb_sectors - lba) {
        ide_error(s, IDE_ERR_IDNF | IDE_ERR_ABRT);
        return false;
    }
    s->xfer_lba = lba;
    s->xfer_left = n;
    s->xfer_done = 0;
    return true;
}

static void ata_done(IDEDrive *s)
{
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_set_irq(s);
}

/* The data stream of a read or write command, at byte off from its first sector. */
static int ata_disk_xfer(IDEDrive *s, uint64_t off, uint8_t *buf, uint32_t len)
{
    uint64_t pos = s->xfer_lba * IDE_SECTOR_SIZE + off;
    if (!s->xfer_write) {
        return bdrv_pread(s->bs, pos, buf, len);
    }
    int ret = bdrv_pwrite(s->bs, pos, buf, len);
    if (ret == 0 && s->dinfo && s->dinfo->writethrough) {
        ret = bdrv_flush(s->bs);
    }
    return ret;
}

/* ---- PIO ------------------------------------------------------------------ */

static void ata_pio_read_end(IDEDrive *s)
{
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
}

static void ata_pio_read_block(IDEDrive *s)
{
    uint32_t n = MIN(s->xfer_left, s->xfer_block);
    if (ata_disk_xfer(s, 0, s->io_buffer, n * IDE_SECTOR_SIZE) < 0) {
        ata_set_sector(s, s->xfer_lba);
        ide_error(s, IDE_ERR_UNC);
        return;
    }
    s->xfer_lba += n;
    s->xfer_left -= n;
    ata_set_sector(s, s->xfer_lba);
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_pio_start(s, n * IDE_SECTOR_SIZE, s->xfer_left ? ata_pio_read_block : ata_pio_read_end);
    ide_set_irq(s);
}

static void ata_pio_write_block(IDEDrive *s)
{
    uint32_t n = MIN(s->xfer_left, s->xfer_block);
    if (ata_disk_xfer(s, 0, s->io_buffer, n * IDE_SECTOR_SIZE) < 0) {
        ata_set_sector(s, s->xfer_lba);
        ide_error(s, IDE_ERR_ABRT);
        return;
    }
    s->xfer_lba += n;
    s->xfer_left -= n;
    ata_set_sector(s, s->xfer_lba);
    if (!s->xfer_left) {
        ata_done(s);
        return;
    }
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_pio_start(s, MIN(s->xfer_left, s->xfer_block) * IDE_SECTOR_SIZE, ata_pio_write_block);
    ide_set_irq(s);
}

static void ata_cmd_rw_pio(IDEDrive *s, uint8_t cmd);
static void ata_cmd_rw_dma(IDEDrive *s, uint8_t cmd);

static const ATACommand ata_commands[256];

static void ata_cmd_rw_pio(IDEDrive *s, uint8_t cmd)
{
    const ATACommand *c = &ata_commands[cmd];
    if (c->multiple && !s->mult_sectors) {
        ide_abort(s);                  /* READ/WRITE MULTIPLE before SET MULTIPLE MODE */
        return;
    }
    if (!ata_setup_xfer(s)) {
        return;
    }
    s->xfer_write = c->write;
    s->xfer_block = c->multiple ? s->mult_sectors : 1;
    if (c->write) {
        s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
        ide_pio_start(s, MIN(s->xfer_left, s->xfer_block) * IDE_SECTOR_SIZE,
                      ata_pio_write_block);
    } else {
        ata_pio_read_block(s);
    }
}

/* ---- DMA ------------------------------------------------------------------ */

static void ata_dma_complete(IDEDrive *s, int ret)
{
    if (ret < 0) {
        ata_set_sector(s, s->xfer_lba);
        ide_error(s, s->xfer_write ? IDE_ERR_ABRT : IDE_ERR_UNC);
        return;
    }
    ata_set_sector(s, s->xfer_lba + s->xfer_left);
    ata_done(s);
}

static void ata_cmd_rw_dma(IDEDrive *s, uint8_t cmd)
{
    if (!ata_setup_xfer(s)) {
        return;
    }
    s->xfer_write = ata_commands[cmd].write;
    ide_dma_start(s, s->xfer_write, (uint64_t)s->xfer_left * IDE_SECTOR_SIZE, ata_disk_xfer,
                  ata_dma_complete);
}

/* ---- identification ------------------------------------------------------- */

static void ata_identify_end(IDEDrive *s)
{
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
}

/* IDENTIFY DEVICE (ATA/ATAPI-7 volume 1, 6.17, table 16). */
static void ata_cmd_identify(IDEDrive *s, uint8_t cmd)
{
    uint16_t w[256];
    memset(w, 0, sizeof(w));
    uint64_t lba28 = MIN(s->nb_sectors, 0x0fffffffull);
    uint32_t cur_cap = (uint32_t)s->cyls * s->cur_heads * s->cur_secs;

    w[0] = 0x0040;                     /* fixed device, ATA */
    w[1] = s->cyls;
    w[3] = s->heads;
    w[6] = s->secs;
    ide_put_string(&w[10], s->serial, 10);
    w[20] = 3;                         /* buffer type (obsolete) */
    w[21] = 512;                       /* buffer size in sectors (obsolete) */
    w[22] = 4;                         /* ECC bytes (obsolete) */
    ide_put_string(&w[23], "1.0", 4);
    ide_put_string(&w[27], s->model, 20);
    w[47] = 0x8000 | IDE_MAX_MULT;     /* READ/WRITE MULTIPLE: up to 16 sectors */
    w[48] = 1;                         /* 32-bit PIO */
    w[49] = 1 << 11 | 1 << 9 | 1 << 8; /* IORDY, LBA, DMA */
    w[50] = 0x4000;
    w[51] = 0x200;                     /* PIO timing mode 2 (obsolete) */
    w[52] = 0x200;
    w[53] = 1 | 2 | 4;                 /* words 54-58, 64-70 and 88 are valid */
    w[54] = s->cyls;
    w[55] = s->cur_heads;
    w[56] = s->cur_secs;
    w[57] = cur_cap;
    w[58] = cur_cap >> 16;
    if (s->mult_sectors) {
        w[59] = 0x100 | s->mult_sectors;
    }
    w[60] = lba28;
    w[61] = lba28 >> 16;
    w[63] = 0x07;                      /* multiword DMA 0-2 */
    if ((s->xfer_mode & 0xf8) == 0x20) {
        w[63] |= 1 << (8 + (s->xfer_mode & 7));
    }
    w[64] = 0x03;                      /* PIO 3 and 4 */
    w[65] = 120;                       /* cycle times in ns */
    w[66] = 120;
    w[67] = 120;
    w[68] = 120;
    w[80] = 0xf0;                      /* ATA-4 .. ATA-7 */
    w[81] = 0x16;
    w[82] = 1 << 14 | 1 << 5;          /* NOP, write cache */
    w[83] = 1 << 14 | 1 << 13 | 1 << 12 | 1 << 10;  /* FLUSH CACHE EXT, FLUSH CACHE, LBA48 */
    w[84] = 1 << 14;
    w[85] = 1 << 14 | (s->write_cache ? 1 << 5 : 0);
    w[86] = 1 << 13 | 1 << 12 | 1 << 10;
    w[87] = 1 << 14;
    w[88] = 0x3f;                      /* UDMA 0-5 */
    if ((s->xfer_mode & 0xf8) == 0x40) {
        w[88] |= 1 << (8 + (s->xfer_mode & 7));
    }
    w[93] = 1 | 1 << 14 | 1 << 13;     /* device 0 passed, 80-conductor cable */
    w[100] = s->nb_sectors;
    w[101] = s->nb_sectors >> 16;
    w[102] = s->nb_sectors >> 32;
    w[103] = s->nb_sectors >> 48;

    for (int i = 0; i < 256; i++) {
        s->io_buffer[2 * i] = w[i];
        s->io_buffer[2 * i + 1] = w[i] >> 8;
    }
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_pio_start(s, 512, ata_identify_end);
    ide_set_irq(s);
}

/* ---- settings ------------------------------------------------------------- */

bool ide_set_features(IDEDrive *s)
{
    switch (s->feature) {
    case 0x02:                         /* enable write cache */
        s->write_cache = true;
        return true;
    case 0x82:                         /* disable write cache (writes go through) */
        s->write_cache = false;
        return s->bs ? bdrv_flush(s->bs) >= 0 : true;
    case 0x03: {                       /* set transfer mode from the sector count */
        uint8_t mode = s->nsector;
        uint8_t kind = mode & 0xf8, n = mode & 7;
        bool ok = mode <= 1 || (kind == 0x08 && n <= 4) || (kind == 0x20 && n <= 2) ||
                  (kind == 0x40 && n <= 5);
        if (ok) {
            s->xfer_mode = mode;
        }
        return ok;
    }
    case 0x66:                         /* keep settings over a soft reset */
    case 0xcc:                         /* revert to defaults on a soft reset */
    case 0xaa:                         /* read look-ahead on */
    case 0x55:                         /* read look-ahead off */
        return true;
    default:
        return false;
    }
}

static void ata_cmd_set_features(IDEDrive *s, uint8_t cmd)
{
    if (ide_set_features(s)) {
        ata_done(s);
    } else {
        ide_abort(s);
    }
}

static void ata_cmd_set_multiple(IDEDrive *s, uint8_t cmd)
{
    unsigned n = s->nsector;
    if (n > IDE_MAX_MULT || (n & (n - 1))) {
        ide_abort(s);
        return;
    }
    s->mult_sectors = n;
    ata_done(s);
}

/* INITIALIZE DEVICE PARAMETERS: the CHS translation (heads from the device register). */
static void ata_cmd_init_params(IDEDrive *s, uint8_t cmd)
{
    if (s->nsector == 0) {
        ide_abort(s);
        return;
    }
    s->cur_heads = (s->select & 0x0f) + 1;
    s->cur_secs = s->nsector;
    ata_done(s);
}

static void ata_cmd_read_native_max(IDEDrive *s, uint8_t cmd)
{
    uint64_t max = s->nb_sectors - 1;
    s->select |= IDE_SEL_LBA;
    s->lba48 = cmd == 0x27;
    if (!s->lba48 && max > 0x0fffffff) {
        max = 0x0fffffff;
    }
    ata_set_sector(s, max);
    ata_done(s);
}

static void ata_cmd_flush(IDEDrive *s, uint8_t cmd)
{
    if (bdrv_flush(s->bs) < 0) {
        ide_abort(s);
        return;
    }
    ata_done(s);
}

static void ata_cmd_verify(IDEDrive *s, uint8_t cmd)
{
    if (ata_setup_xfer(s)) {
        ata_set_sector(s, s->xfer_lba + s->xfer_left);
        ata_done(s);
    }
}

static void ata_cmd_check_power(IDEDrive *s, uint8_t cmd)
{
    s->nsector = 0xff;                 /* active or idle */
    ata_done(s);
}

/* Commands with nothing to do for an emulated disk: seek, idle, standby, recalibrate. */
static void ata_cmd_nodata(IDEDrive *s, uint8_t cmd)
{
    ata_done(s);
}

/*
 * The command set, by opcode.  An empty slot aborts (this covers NOP, and
 * PACKET / IDENTIFY PACKET DEVICE / DEVICE RESET, which a disk refuses).
 */
static const ATACommand ata_commands[256] = {
    [0x10] = { "RECALIBRATE", ata_cmd_nodata },
    [0x20] = { "READ SECTORS", ata_cmd_rw_pio },
    [0x21] = { "READ SECTORS (no retry)", ata_cmd_rw_pio },
    [0x24] = { "READ SECTORS EXT", ata_cmd_rw_pio, .lba48 = true },
    [0x25] = { "READ DMA EXT", ata_cmd_rw_dma, .lba48 = true },
    [0x27] = { "READ NATIVE MAX ADDRESS EXT", ata_cmd_read_native_max, .lba48 = true },
    [0x29] = { "READ MULTIPLE EXT", ata_cmd_rw_pio, .lba48 = true, .multiple = true },
    [0x30] = { "WRITE SECTORS", ata_cmd_rw_pio, .write = true },
    [0x31] = { "WRITE SECTORS (no retry)", ata_cmd_rw_pio, .write = true },
    [0x34] = { "WRITE SECTORS EXT", ata_cmd_rw_pio, .lba48 = true, .write = true },
    [0x35] = { "WRITE DMA EXT", ata_cmd_rw_dma, .lba48 = true, .write = true },
    [0x39] = { "WRITE MULTIPLE EXT", ata_cmd_rw_pio, .lba48 = true, .multiple = true,
               .write = true },
    [0x40] = { "READ VERIFY SECTORS", ata_cmd_verify },
    [0x41] = { "READ VERIFY SECTORS (no retry)", ata_cmd_verify },
    [0x42] = { "READ VERIFY SECTORS EXT", ata_cmd_verify, .lba48 = true },
    [0x70] = { "SEEK", ata_cmd_nodata },
    [0x91] = { "INITIALIZE DEVICE PARAMETERS", ata_cmd_init_params },
    [0xc4] = { "READ MULTIPLE", ata_cmd_rw_pio, .multiple = true },
    [0xc5] = { "WRITE MULTIPLE", ata_cmd_rw_pio, .multiple = true, .write = true },
    [0xc6] = { "SET MULTIPLE MODE", ata_cmd_set_multiple },
    [0xc8] = { "READ DMA", ata_cmd_rw_dma },
    [0xc9] = { "READ DMA (no retry)", ata_cmd_rw_dma },
    [0xca] = { "WRITE DMA", ata_cmd_rw_dma, .write = true },
    [0xcb] = { "WRITE DMA (no retry)", ata_cmd_rw_dma, .write = true },
    [0xe0] = { "STANDBY IMMEDIATE", ata_cmd_nodata },
    [0xe1] = { "IDLE IMMEDIATE", ata_cmd_nodata },
    [0xe2] = { "STANDBY", ata_cmd_nodata },
    [0xe3] = { "IDLE", ata_cmd_nodata },
    [0xe5] = { "CHECK POWER MODE", ata_cmd_check_power },
    [0xe6] = { "SLEEP", ata_cmd_nodata },
    [0xe7] = { "FLUSH CACHE", ata_cmd_flush },
    [0xea] = { "FLUSH CACHE EXT", ata_cmd_flush, .lba48 = true },
    [0xec] = { "IDENTIFY DEVICE", ata_cmd_identify },
    [0xef] = { "SET FEATURES", ata_cmd_set_features },
    [0xf8] = { "READ NATIVE MAX ADDRESS", ata_cmd_read_native_max },
};

void ide_ata_exec(IDEDrive *s, uint8_t cmd)
{
    const ATACommand *c = &ata_commands[cmd];
    if (!c->fn) {
        ide_abort(s);
        return;
    }
    s->lba48 = c->lba48;
    s->error = 0;
    c->fn(s, cmd);
}
