/*
 * atapi.c — an ATAPI CD-ROM drive: the ATA commands a packet device takes
 * (PACKET, IDENTIFY PACKET DEVICE, DEVICE RESET, SET FEATURES, ...) and the
 * MMC commands that SeaBIOS and Linux's sr/cdrom drivers send in packets
 * (the table atapi_commands lists them).
 *
 * Offers ide_atapi_exec, ide_atapi_packet and ide_atapi_reset to ide-core.c.
 * The medium is the drive's image read in 2048-byte sectors through the
 * block layer (an ISO file); a drive without image, or with its tray
 * opened by START STOP UNIT, reports NOT READY / MEDIUM NOT PRESENT.
 *
 * Protocol (ATA/ATAPI-6, 9.8 and 9.10): PACKET sets DRQ with the interrupt
 * reason "command" and waits for 12 bytes; a data-in command then offers
 * its data in DRQ blocks no larger than the byte count limit the host wrote
 * to the cylinder registers (an interrupt each, the block size in those
 * registers, reason "data to host"), or by DMA when PACKET's features bit 0
 * asked for it; completion is an interrupt with reason "command + to host"
 * and, on failure, ERR with the sense key in the error register's top
 * nibble.  REQUEST SENSE returns what the last failed command left.
 */
#include "hw/ide/ide-internal.h"

#include "block/block.h"

#include <string.h>

#include <glib.h>

/* Sense keys (SPC-3, 4.5.6) and the additional sense codes used here. */
enum {
    SENSE_NO_SENSE = 0x0,
    SENSE_NOT_READY = 0x2,
    SENSE_MEDIUM_ERROR = 0x3,
    SENSE_ILLEGAL_REQUEST = 0x5,
    SENSE_UNIT_ATTENTION = 0x6,
};
enum {
    ASC_UNRECOVERED_READ = 0x11,
    ASC_INVALID_OPCODE = 0x20,
    ASC_LBA_OUT_OF_RANGE = 0x21,
    ASC_INVALID_FIELD = 0x24,
    ASC_MEDIUM_NOT_PRESENT = 0x3a,
    ASC_REMOVAL_PREVENTED = 0x53,      /* ascq 0x02 */
};

/* MMC profiles (MMC-5, 5.3.1). */
enum {
    MMC_PROFILE_CD_ROM = 0x0008,
    MMC_PROFILE_DVD_ROM = 0x0010,
};

/* A CD holds at most this many 2048-byte sectors (about 700 MB); bigger media are DVDs. */
#define CD_MAX_SECTORS 359999

typedef void ATAPICmdFn(IDEDrive *s, const uint8_t *cdb);

typedef struct ATAPICommand {
    const char *name;
    ATAPICmdFn *fn;
    bool needs_medium;                 /* NOT READY when there is none */
} ATAPICommand;

static uint16_t be16(const uint8_t *p) { return p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}
static void st16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void st32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static bool atapi_has_medium(IDEDrive *s)
{
    return s->bs && !s->tray_open;
}

static void atapi_update_medium(IDEDrive *s)
{
    s->nb_sectors = s->bs ? bdrv_getlength(s->bs) / ATAPI_SECTOR_SIZE : 0;
}

/* ---- completion ----------------------------------------------------------- */

static void atapi_ok(IDEDrive *s)
{
    s->error = 0;
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    s->nsector = ATAPI_INT_IO | ATAPI_INT_COD;
    ide_set_irq(s);
}

static void atapi_fail(IDEDrive *s, uint8_t key, uint8_t asc, uint8_t ascq)
{
    ide_pio_stop(s);
    s->sense_key = key;
    s->asc = asc;
    s->ascq = ascq;
    s->error = key << 4 | IDE_ERR_ABRT;
    s->status = IDE_STAT_DRDY | IDE_STAT_ERR;
    s->nsector = ATAPI_INT_IO | ATAPI_INT_COD;
    ide_set_irq(s);
}

static void atapi_invalid_field(IDEDrive *s)
{
    atapi_fail(s, SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD, 0);
}

/* ---- data to the host ----------------------------------------------------- */

static int atapi_xfer_resp(IDEDrive *s, uint64_t off, uint8_t *buf, uint32_t len)
{
    memcpy(buf, s->resp + off, len);
    return 0;
}

static int atapi_xfer_medium(IDEDrive *s, uint64_t off, uint8_t *buf, uint32_t len)
{
    return bdrv_pread(s->bs, s->atapi_lba * ATAPI_SECTOR_SIZE + off, buf, len);
}

static void atapi_pio_next(IDEDrive *s)
{
    if (s->xfer_left == 0) {
        atapi_ok(s);
        return;
    }
    uint32_t len = s->xfer_left;
    if (len > s->byte_limit) {
        len = s->byte_limit & ~1u;     /* a block short of the end has an even count */
    }
    len = MIN(len, (uint32_t)IDE_BUF_SIZE);
    if (s->xfer(s, s->xfer_done, s->io_buffer, len) < 0) {
        atapi_fail(s, SENSE_MEDIUM_ERROR, ASC_UNRECOVERED_READ, 0);
        return;
    }
    s->xfer_done += len;
    s->xfer_left -= len;
    s->lcyl = len;
    s->hcyl = len >> 8;
    s->nsector = ATAPI_INT_IO;
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_pio_start(s, len, atapi_pio_next);
    ide_set_irq(s);
}

static void atapi_dma_complete(IDEDrive *s, int ret)
{
    if (ret < 0) {
        atapi_fail(s, SENSE_MEDIUM_ERROR, ASC_UNRECOVERED_READ, 0);
        return;
    }
    atapi_ok(s);
}

/* Send total bytes of the stream xfer to the host, by PIO or DMA. */
static void atapi_data_in(IDEDrive *s, uint32_t total, IDEXferFn *xfer)
{
    if (total == 0) {
        atapi_ok(s);
        return;
    }
    s->xfer = xfer;
    s->xfer_done = 0;
    s->xfer_left = total;
    if (s->atapi_dma) {
        ide_dma_start(s, false, total, xfer, atapi_dma_complete);
    } else {
        atapi_pio_next(s);
    }
}

/* A reply of len bytes built in s->resp, cut to the host's allocation length. */
static void atapi_reply(IDEDrive *s, uint32_t len, uint32_t alloc)
{
    atapi_data_in(s, MIN(len, alloc), atapi_xfer_resp);
}

/* ---- MMC commands --------------------------------------------------------- */

static void atapi_test_unit_ready(IDEDrive *s, const uint8_t *cdb)
{
    atapi_ok(s);
}

/* REQUEST SENSE: fixed-format sense data (SPC-3, 4.5.3); the sense is consumed. */
static void atapi_request_sense(IDEDrive *s, const uint8_t *cdb)
{
    memset(s->resp, 0, 18);
    s->resp[0] = 0x70;                 /* current error, fixed format */
    s->resp[2] = s->sense_key;
    s->resp[7] = 10;                   /* additional length */
    s->resp[12] = s->asc;
    s->resp[13] = s->ascq;
    s->sense_key = s->asc = s->ascq = 0;
    atapi_reply(s, 18, cdb[4]);
}

static void atapi_inquiry(IDEDrive *s, const uint8_t *cdb)
{
    if (cdb[1] & 1) {                  /* vital product data pages: none */
        atapi_invalid_field(s);
        return;
    }
    uint8_t *r = s->resp;
    memset(r, 0, 36);
    r[0] = 0x05;                       /* CD/DVD device */
    r[1] = 0x80;                       /* removable medium */
    r[2] = 0x00;
    r[3] = 0x21;                       /* ATAPI: response data format 1 */
    r[4] = 36 - 5;                     /* additional length */
    memcpy(r + 8, "EMU     ", 8);
    memset(r + 16, ' ', 16);
    memcpy(r + 16, "EMU DVD-ROM", 11);
    memcpy(r + 32, "1.0 ", 4);
    atapi_reply(s, 36, be16(cdb + 3));
}

static void atapi_read_capacity(IDEDrive *s, const uint8_t *cdb)
{
    st32(s->resp, s->nb_sectors - 1);  /* the last LBA */
    st32(s->resp + 4, ATAPI_SECTOR_SIZE);
    atapi_reply(s, 8, 8);
}

static void atapi_read(IDEDrive *s, uint64_t lba, uint32_t count)
{
    if (lba > s->nb_sectors || count > s->nb_sectors - lba) {
        atapi_fail(s, SENSE_ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE, 0);
        return;
    }
    if ((uint64_t)count * ATAPI_SECTOR_SIZE > UINT32_MAX) {
        atapi_invalid_field(s);
        return;
    }
    s->atapi_lba = lba;
    atapi_data_in(s, count * ATAPI_SECTOR_SIZE, atapi_xfer_medium);
}

static void atapi_read10(IDEDrive *s, const uint8_t *cdb)
{
    atapi_read(s, be32(cdb + 2), be16(cdb + 7));
}

static void atapi_read12(IDEDrive *s, const uint8_t *cdb)
{
    atapi_read(s, be32(cdb + 2), be32(cdb + 6));
}

/* MODE SENSE(10): the error recovery and capabilities pages (MMC-3, 5.5.10). */
static void atapi_mode_sense10(IDEDrive *s, const uint8_t *cdb)
{
    int page = cdb[2] & 0x3f, control = cdb[2] >> 6;
    uint8_t *r = s->resp;
    int len = 8;
    if (control == 3) {                /* saved values: not supported */
        atapi_fail(s, SENSE_ILLEGAL_REQUEST, 0x39, 0);
        return;
    }
    if (page != 0x01 && page != 0x2a && page != 0x3f) {
        atapi_invalid_field(s);
        return;
    }
    memset(r, 0, 64);
    r[2] = atapi_has_medium(s) ? 0x01 : 0x70;   /* medium type: data CD, or door closed and empty */
    if (page == 0x01 || page == 0x3f) {
        uint8_t *p = r + len;
        p[0] = 0x01;                   /* read/write error recovery */
        p[1] = 6;
        p[3] = 5;                      /* read retry count */
        len += 8;
    }
    if (page == 0x2a || page == 0x3f) {
        uint8_t *p = r + len;
        p[0] = 0x2a;                   /* capabilities and mechanical status */
        p[1] = 18;
        if (control == 1) {            /* changeable values: none */
            len += 20;
        } else {
            p[2] = 0x3b;               /* reads CD-R, CD-RW, method 2, DVD-ROM, DVD-R, DVD-RAM */
            p[4] = 0x71;               /* audio play, multi-session, mode 2 forms */
            p[5] = 0xff;               /* CD-DA stream, subchannels, ISRC, UPC, barcode */
            p[6] = 0x29 | (s->tray_locked ? 0x02 : 0);  /* lock, eject, tray loader */
            p[7] = 0x03;               /* separate volume and channel mute */
            st16(p + 8, 706);          /* max read speed in kB/s (4x) */
            st16(p + 10, 255);         /* volume levels */
            st16(p + 12, 512);         /* buffer size in KiB */
            st16(p + 14, 706);         /* current read speed */
            len += 20;
        }
    }
    st16(r, len - 2);
    atapi_reply(s, len, be16(cdb + 7));
}

static void atapi_lba_to_msf(uint8_t *p, uint32_t lba)
{
    lba += 150;                        /* two seconds of lead-in before sector 0 */
    p[0] = 0;
    p[1] = lba / (75 * 60);
    p[2] = (lba / 75) % 60;
    p[3] = lba % 75;
}

static void atapi_toc_addr(uint8_t *p, uint32_t lba, bool msf)
{
    if (msf) {
        atapi_lba_to_msf(p, lba);
    } else {
        st32(p, lba);
    }
}

/* READ TOC/PMA/ATIP formats 0 (TOC) and 1 (session info) of a one-track data disc. */
static void atapi_read_toc(IDEDrive *s, const uint8_t *cdb)
{
    bool msf = cdb[1] & 0x02;
    int format = cdb[2] & 0x0f;
    int start = cdb[6];
    uint8_t *r = s->resp;
    int len = 4;
    if (format == 0 && (cdb[9] >> 6)) {
        format = cdb[9] >> 6;          /* the old (SFF-8020) place of the format */
    }
    memset(r, 0, 32);
    r[2] = 1;                          /* first track / first session */
    r[3] = 1;                          /* last track / last session */
    switch (format) {
    case 0:
        if (start > 1 && start != 0xaa) {
            atapi_invalid_field(s);
            return;
        }
        if (start <= 1) {
            r[len + 1] = 0x14;         /* ADR 1 (position), control 4 (data track) */
            r[len + 2] = 1;
            atapi_toc_addr(r + len + 4, 0, msf);
            len += 8;
        }
        r[len + 1] = 0x14;
        r[len + 2] = 0xaa;             /* lead-out */
        atapi_toc_addr(r + len + 4, s->nb_sectors, msf);
        len += 8;
        break;
    case 1:
        r[len + 1] = 0x14;
        r[len + 2] = 1;                /* first track of the last session */
        atapi_toc_addr(r + len + 4, 0, msf);
        len += 8;
        break;
    default:
        atapi_invalid_field(s);
        return;
    }
    st16(r, len - 2);
    atapi_reply(s, len, be16(cdb + 7));
}

/* GET CONFIGURATION: the feature header and the profile list (MMC-5, 6.6). */
static void atapi_get_configuration(IDEDrive *s, const uint8_t *cdb)
{
    int rt = cdb[1] & 3;
    uint16_t first = be16(cdb + 2);
    uint8_t *r = s->resp;
    uint16_t current = 0;
    if (rt == 3) {
        atapi_invalid_field(s);
        return;
    }
    if (atapi_has_medium(s)) {
        current = s->nb_sectors > CD_MAX_SECTORS ? MMC_PROFILE_DVD_ROM : MMC_PROFILE_CD_ROM;
    }
    memset(r, 0, 32);
    st16(r + 6, current);
    int len = 8;
    if (first == 0) {                  /* feature 0: profile list */
        uint8_t *f = r + len;
        f[2] = 0x03;                   /* persistent, current */
        f[3] = 8;                      /* two profile descriptors */
        st16(f + 4, MMC_PROFILE_DVD_ROM);
        f[6] = current == MMC_PROFILE_DVD_ROM;
        st16(f + 8, MMC_PROFILE_CD_ROM);
        f[10] = current == MMC_PROFILE_CD_ROM;
        len += 12;
    }
    st32(r, len - 4);
    atapi_reply(s, len, be16(cdb + 7));
}

/* READ DISC INFORMATION, standard type (MMC-5, 6.22): one finalized session, one track. */
static void atapi_read_disc_info(IDEDrive *s, const uint8_t *cdb)
{
    uint8_t *r = s->resp;
    if (cdb[1] & 7) {                  /* track resources, POW resources: not for a ROM */
        atapi_invalid_field(s);
        return;
    }
    memset(r, 0, 34);
    st16(r, 32);                       /* length of what follows */
    r[2] = 0x0e;                       /* last session complete, disc finalized */
    r[3] = 1;                          /* first track on the disc */
    r[4] = 1;                          /* sessions */
    r[5] = 1;                          /* first track of the last session */
    r[6] = 1;                          /* last track of the last session */
    r[7] = 0x20;                       /* unrestricted use */
    r[8] = 0x00;                       /* CD-DA or CD-ROM */
    atapi_reply(s, 34, be16(cdb + 7));
}

/* MECHANISM STATUS (MMC-5, 6.11): no changer, idle. */
static void atapi_mechanism_status(IDEDrive *s, const uint8_t *cdb)
{
    memset(s->resp, 0, 8);
    atapi_reply(s, 8, be16(cdb + 8));
}

/* GET EVENT STATUS NOTIFICATION, polled: the media class only (MMC-5, 6.7). */
static void atapi_get_event_status(IDEDrive *s, const uint8_t *cdb)
{
    uint8_t *r = s->resp;
    if (!(cdb[1] & 1)) {               /* asynchronous notification: not supported */
        atapi_invalid_field(s);
        return;
    }
    memset(r, 0, 8);
    r[3] = 0x10;                       /* supported classes: media */
    int len = 4;
    if (cdb[4] & 0x10) {
        r[2] = 0x04;                   /* class: media */
        r[len] = 0;                    /* no change */
        r[len + 1] = atapi_has_medium(s) ? 0x02 : 0x00;   /* media present */
        if (s->tray_open) {
            r[len + 1] |= 0x01;        /* door open */
        }
        len += 4;
    } else {
        r[2] = 0x80;                   /* no event available */
    }
    st16(r, len - 2);
    atapi_reply(s, len, be16(cdb + 7));
}

static void atapi_prevent_allow(IDEDrive *s, const uint8_t *cdb)
{
    s->tray_locked = cdb[4] & 1;
    atapi_ok(s);
}

static void atapi_start_stop(IDEDrive *s, const uint8_t *cdb)
{
    bool loej = cdb[4] & 2, start = cdb[4] & 1;
    if (loej) {
        if (!start && s->tray_locked) {
            atapi_fail(s, SENSE_ILLEGAL_REQUEST, ASC_REMOVAL_PREVENTED, 0x02);
            return;
        }
        s->tray_open = !start;
        atapi_update_medium(s);
    }
    atapi_ok(s);
}

/* The MMC commands by opcode; an empty slot is ILLEGAL REQUEST / INVALID COMMAND. */
static const ATAPICommand atapi_commands[256] = {
    [0x00] = { "TEST UNIT READY", atapi_test_unit_ready, .needs_medium = true },
    [0x03] = { "REQUEST SENSE", atapi_request_sense },
    [0x12] = { "INQUIRY", atapi_inquiry },
    [0x1b] = { "START STOP UNIT", atapi_start_stop },
    [0x1e] = { "PREVENT ALLOW MEDIUM REMOVAL", atapi_prevent_allow },
    [0x25] = { "READ CAPACITY", atapi_read_capacity, .needs_medium = true },
    [0x28] = { "READ(10)", atapi_read10, .needs_medium = true },
    [0x43] = { "READ TOC/PMA/ATIP", atapi_read_toc, .needs_medium = true },
    [0x46] = { "GET CONFIGURATION", atapi_get_configuration },
    [0x4a] = { "GET EVENT STATUS NOTIFICATION", atapi_get_event_status },
    [0x51] = { "READ DISC INFORMATION", atapi_read_disc_info, .needs_medium = true },
    [0x5a] = { "MODE SENSE(10)", atapi_mode_sense10 },
    [0xa8] = { "READ(12)", atapi_read12, .needs_medium = true },
    [0xbd] = { "MECHANISM STATUS", atapi_mechanism_status },
};

void ide_atapi_packet(IDEDrive *s)
{
    uint8_t cdb[12];
    memcpy(cdb, s->io_buffer, sizeof(cdb));
    const ATAPICommand *c = &atapi_commands[cdb[0]];
    if (!c->fn) {
        atapi_fail(s, SENSE_ILLEGAL_REQUEST, ASC_INVALID_OPCODE, 0);
        return;
    }
    if (c->needs_medium && !atapi_has_medium(s)) {
        atapi_fail(s, SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT, 0);
        return;
    }
    if (cdb[0] != 0x03) {
        s->sense_key = s->asc = s->ascq = 0;
    }
    c->fn(s, cdb);
}

/* ---- ATA commands of a packet device --------------------------------------- */

static void atapi_identify_end(IDEDrive *s)
{
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
}

/* IDENTIFY PACKET DEVICE (ATA/ATAPI-6, 8.16, table 19). */
static void atapi_identify(IDEDrive *s)
{
    uint16_t w[256];
    memset(w, 0, sizeof(w));
    w[0] = 2 << 14 | 5 << 8 | 1 << 7 | 2 << 5;  /* ATAPI, CD-ROM, removable, 50 us DRQ, 12-byte packets */
    ide_put_string(&w[10], s->serial, 10);
    w[20] = 3;
    w[21] = 512;
    ide_put_string(&w[23], "1.0", 4);
    ide_put_string(&w[27], s->model, 20);
    w[48] = 1;
    w[49] = 1 << 9 | 1 << 8;           /* LBA, DMA */
    w[53] = 1 | 2 | 4;
    w[62] = 7;
    w[63] = 7;                         /* multiword DMA 0-2 */
    if ((s->xfer_mode & 0xf8) == 0x20) {
        w[63] |= 1 << (8 + (s->xfer_mode & 7));
    }
    w[64] = 3;                         /* PIO 3, 4 */
    w[65] = 0xb4;
    w[66] = 0xb4;
    w[67] = 0x12c;
    w[68] = 0xb4;
    w[71] = 30;                        /* bus release and service times (ns) */
    w[72] = 30;
    w[80] = 0x1e;                      /* ATA/ATAPI-1 .. 4 */
    w[88] = 0x3f;
    if ((s->xfer_mode & 0xf8) == 0x40) {
        w[88] |= 1 << (8 + (s->xfer_mode & 7));
    }
    w[93] = 1 | 1 << 14 | 1 << 13;
    for (int i = 0; i < 256; i++) {
        s->io_buffer[2 * i] = w[i];
        s->io_buffer[2 * i + 1] = w[i] >> 8;
    }
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_pio_start(s, 512, atapi_identify_end);
    ide_set_irq(s);
}

static void atapi_packet_received(IDEDrive *s)
{
    ide_atapi_packet(s);
}

static void atapi_done(IDEDrive *s)
{
    s->status = IDE_STAT_DRDY | IDE_STAT_DSC;
    ide_set_irq(s);
}

void ide_atapi_exec(IDEDrive *s, uint8_t cmd)
{
    switch (cmd) {
    case 0xa0:                         /* PACKET */
        if (s->feature & 0x02) {       /* overlapped: not supported */
            ide_abort(s);
            return;
        }
        s->atapi_dma = s->feature & 0x01;
        s->byte_limit = s->lcyl | s->hcyl << 8;
        if (s->byte_limit == 0 || s->byte_limit == 0xffff) {
            s->byte_limit = 0xfffe;    /* 0 is invalid and odd limits are even'd (9.8) */
        }
        s->nsector = ATAPI_INT_COD;
        s->status = IDE_STAT_DRDY;
        atapi_update_medium(s);
        ide_pio_start(s, 12, atapi_packet_received);
        return;
    case 0xa1:                         /* IDENTIFY PACKET DEVICE */
        atapi_identify(s);
        return;
    case 0xec:                         /* IDENTIFY DEVICE: refused, with the signature */
        ide_drive_set_signature(s);
        ide_abort(s);
        return;
    case 0x08:                         /* DEVICE RESET: no interrupt (9.11) */
        ide_pio_stop(s);
        ide_drive_set_signature(s);
        ide_atapi_reset(s);
        return;
    case 0xef:                         /* SET FEATURES */
        if (ide_set_features(s)) {
            atapi_done(s);
        } else {
            ide_abort(s);
        }
        return;
    case 0xe5:                         /* CHECK POWER MODE */
        s->nsector = 0xff;
        atapi_done(s);
        return;
    case 0xe0: case 0xe1: case 0xe2: case 0xe3: case 0xe6:   /* idle, standby, sleep */
        atapi_done(s);
        return;
    default:
        ide_abort(s);
        return;
    }
}

void ide_atapi_reset(IDEDrive *s)
{
    s->sense_key = s->asc = s->ascq = 0;
    s->atapi_dma = false;
    atapi_update_medium(s);
}
