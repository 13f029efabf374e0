/*
 * ide-internal.h — the state shared by the IDE files: one IDE channel
 * (IDEBus) with up to two drives (IDEDrive), the ATA task file, the PIO data
 * path and the hooks to a bus-master DMA engine.
 *
 *   ide-core.c    task-file registers, status/IRQ, device control (SRST, nIEN),
 *                 the PIO data register, drive attach, the DMA hand-off
 *   ide-ata.c     the ATA command set of a hard disk (ide_ata_exec)
 *   atapi.c       the PACKET command set of a CD-ROM (ide_atapi_exec, ide_atapi_packet)
 *   piix-ide.c    the PCI function: legacy ports, bus master, PRD tables
 *
 * Only these files include this header; boards use include/hw/ide/piix.h.
 * Everything here runs with the I/O lock held.
 */
#ifndef HW_IDE_INTERNAL_H
#define HW_IDE_INTERNAL_H

#include "exec/blockdev.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"

#include <stdbool.h>
#include <stdint.h>

/* Status register bits (ATA/ATAPI-6, 7.15). */
enum {
    IDE_STAT_ERR = 0x01,
    IDE_STAT_DRQ = 0x08,
    IDE_STAT_DSC = 0x10,               /* seek complete (obsolete, drivers still look) */
    IDE_STAT_DF = 0x20,
    IDE_STAT_DRDY = 0x40,
    IDE_STAT_BSY = 0x80,
};

/* Error register bits. */
enum {
    IDE_ERR_AMNF = 0x01,
    IDE_ERR_ABRT = 0x04,
    IDE_ERR_IDNF = 0x10,
    IDE_ERR_UNC = 0x40,
};

/* Device control register bits (port 0x3f6). */
enum {
    IDE_CTRL_NIEN = 0x02,
    IDE_CTRL_SRST = 0x04,
    IDE_CTRL_HOB = 0x80,               /* read back the previous (high order) bytes */
};

/* Device/head register bits. */
enum {
    IDE_SEL_DEV = 0x10,
    IDE_SEL_LBA = 0x40,
};

/* Offsets in the command block (ports 0x1f0..0x1f7). */
enum IDEReg {
    IDE_REG_DATA = 0,
    IDE_REG_ERROR = 1,                 /* read; write: features */
    IDE_REG_NSECTOR = 2,               /* ATAPI: interrupt reason */
    IDE_REG_SECTOR = 3,                /* LBA 7:0 */
    IDE_REG_LCYL = 4,                  /* LBA 15:8; ATAPI: byte count low */
    IDE_REG_HCYL = 5,                  /* LBA 23:16; ATAPI: byte count high */
    IDE_REG_SELECT = 6,
    IDE_REG_STATUS = 7,                /* read; write: command */
};

/* ATAPI interrupt reason (in the sector count register). */
enum {
    ATAPI_INT_COD = 0x01,              /* command packet (1) or data (0) */
    ATAPI_INT_IO = 0x02,               /* to the host (1) */
};

#define IDE_SECTOR_SIZE 512
#define ATAPI_SECTOR_SIZE 2048
#define IDE_MAX_MULT 16                /* sectors per DRQ block of READ/WRITE MULTIPLE */
#define IDE_BUF_SIZE (64 * 1024)       /* PIO staging buffer: >= one DRQ block, even */

typedef enum IDEDriveKind {
    IDE_KIND_NONE,
    IDE_KIND_HD,
    IDE_KIND_CD,
} IDEDriveKind;

typedef struct IDEBus IDEBus;
typedef struct IDEDrive IDEDrive;

/*
 * A transfer's data: bytes [off, off + len) of the command's data stream,
 * read into buf (data to the host) or written from buf (to the device).
 * 0, or a negative errno (the command then fails).
 */
typedef int IDEXferFn(IDEDrive *s, uint64_t off, uint8_t *buf, uint32_t len);

/* Called when the host has read or written the whole PIO buffer. */
typedef void IDEEndFn(IDEDrive *s);

/* A DMA transfer a drive has set up and waits for the bus master to run. */
typedef struct IDEDMARequest {
    bool pending;
    IDEDrive *drive;                   /* the drive whose command it is */
    bool to_device;                    /* write: guest memory -> drive */
    uint64_t bytes;                    /* total the command moves */
    IDEXferFn *xfer;                   /* the data, by offset in the stream */
    /* the engine finished: ret 0, or < 0 on a failed xfer / bus error / short PRD table */
    void (*complete)(IDEDrive *s, int ret);
} IDEDMARequest;

struct IDEDrive {
    IDEBus *bus;
    int unit;                          /* 0 master, 1 slave */
    IDEDriveKind kind;
    DriveInfo *dinfo;
    BlockDriverState *bs;              /* NULL: no drive or no medium */
    uint64_t nb_sectors;               /* of the medium, in its own sector size */
    char serial[21];                   /* IDENTIFY strings */
    char model[41];

    /* geometry: default (IDENTIFY words 1/3/6) and current (INITIALIZE DEVICE PARAMETERS) */
    int cyls, heads, secs;
    int cur_heads, cur_secs;

    /* task file: current bytes and the previous ones (LBA48's high order, HOB) */
    uint8_t feature, nsector, sector, lcyl, hcyl;
    uint8_t hob_feature, hob_nsector, hob_sector, hob_lcyl, hob_hcyl;
    uint8_t select;
    uint8_t status, error;
    bool irq_pending;                  /* INTRQ asserted (cleared by reading status) */

    int mult_sectors;                  /* SET MULTIPLE MODE, 0: off */
    bool write_cache;                  /* SET FEATURES 02h/82h */
    uint8_t xfer_mode;                 /* SET FEATURES 03h: the selected transfer mode */
    bool lba48;                        /* the running command uses 48-bit addressing */

    /* PIO */
    uint8_t *io_buffer;                /* IDE_BUF_SIZE */
    uint32_t data_pos, data_end;
    IDEEndFn *end_transfer;            /* NULL: no PIO transfer */

    /* the running data command */
    uint64_t xfer_lba;                 /* first sector */
    uint32_t xfer_left;                /* sectors (ATA) or bytes (ATAPI) still to move */
    uint64_t xfer_done;                /* bytes of the stream already moved */
    uint32_t xfer_block;               /* sectors per DRQ block (ATA PIO) */
    IDEXferFn *xfer;
    bool xfer_write;

    /* ATAPI */
    uint8_t sense_key, asc, ascq;
    bool tray_locked;
    bool tray_open;
    uint8_t resp[512];                 /* reply of a non-medium command */
    uint32_t byte_limit;               /* the host's byte count limit for PIO DRQ blocks */
    uint64_t atapi_lba;                /* READ(10)/(12): the medium's first sector */
    bool atapi_dma;                    /* PACKET's features bit 0: data by DMA */
};

/* The bus-master engine's side of a channel (piix-ide.c). */
typedef struct IDEDMAOps {
    /* a drive set up bus->dma: run it now if the engine is started, else when it is */
    void (*ready)(IDEBus *bus);
    /* the channel's INTRQ rose (the engine latches it in its status) */
    void (*irq_raised)(IDEBus *bus);
    /* SRST or a device reset: stop whatever runs */
    void (*reset)(IDEBus *bus);
} IDEDMAOps;

struct IDEBus {
    IDEDrive drive[2];
    BusState *qbus;                    /* "ide.N", where -device ide-hd/ide-cd plug */
    int selected;                      /* 0/1 from the device/head register */
    uint8_t ctrl;                      /* device control register */
    IRQState *irq;                     /* INTRQ to the interrupt controller */
    int index;                         /* channel number (drive_get's bus) */
    const IDEDMAOps *dma_ops;          /* NULL: no bus master */
    void *dma_opaque;
    IDEDMARequest dma;
};

/* The qdev bus of a channel (type TYPE_IDE_BUS), for -device ide-hd/ide-cd (ide-dev.c). */
#define TYPE_IDE_BUS "IDE"
typedef struct IDEQBus {
    BusState parent;
    IDEBus *bus;
} IDEQBus;

/* ---- ide-core.c ---- */
/* Set up a channel with index (0 primary, 1 secondary); drives are attached after. */
void ide_bus_init(IDEBus *bus, int index, const IDEDMAOps *dma_ops, void *dma_opaque);
/*
 * Give unit a drive of kind: d from the drive table, claimed for owner (for
 * a CD-ROM d may be NULL or have no medium: an empty drive).
 */
bool ide_bus_attach(IDEBus *bus, int unit, DriveInfo *d, IDEDriveKind kind, DeviceState *owner,
                    Error **errp);
void ide_bus_detach(IDEBus *bus, int unit);
void ide_bus_free(IDEBus *bus);
/* Power-on / hardware reset of the channel and its drives. */
void ide_bus_reset(IDEBus *bus);
/* The command block (offset 0..7) and control block (the status/device control port). */
uint32_t ide_ioport_read(IDEBus *bus, uint32_t reg, unsigned size);
void ide_ioport_write(IDEBus *bus, uint32_t reg, uint32_t val, unsigned size);
uint32_t ide_ctrl_read(IDEBus *bus);
void ide_ctrl_write(IDEBus *bus, uint32_t val);

/* For the command files. */
void ide_set_irq(IDEDrive *s);
void ide_abort(IDEDrive *s);                            /* ERR + ABRT, interrupt */
void ide_error(IDEDrive *s, uint8_t error);             /* ERR + error bits, interrupt */
/* Offer len bytes of io_buffer to the host (or ask for them); end runs when they are moved. */
void ide_pio_start(IDEDrive *s, uint32_t len, IDEEndFn *end);
void ide_pio_stop(IDEDrive *s);
/* Hand a DMA request to the bus master (aborts when the channel has none). */
void ide_dma_start(IDEDrive *s, bool to_device, uint64_t bytes, IDEXferFn *xfer,
                   void (*complete)(IDEDrive *s, int ret));
/* Copy an ATA string (space padded, two characters per word, high byte first). */
void ide_put_string(uint16_t *words, const char *src, int nwords);
/* EXECUTE DEVICE DIAGNOSTIC: both drives of the channel answer. */
void ide_exec_diagnostic(IDEBus *bus);
/* Drive reset state: signature, status, registers (no change to settings kept over SRST). */
void ide_drive_set_signature(IDEDrive *s);

/* ---- ide-ata.c ---- */
void ide_ata_exec(IDEDrive *s, uint8_t cmd);
/* SET FEATURES (both kinds of drive): false for a subcommand we do not support. */
bool ide_set_features(IDEDrive *s);


/* ---- atapi.c ---- */
/* ATA commands an ATAPI device accepts (PACKET, IDENTIFY PACKET DEVICE, ...). */
void ide_atapi_exec(IDEDrive *s, uint8_t cmd);
/* The 12-byte command packet is in io_buffer. */
void ide_atapi_packet(IDEDrive *s);
/* A medium state after attach/reset: no sense pending. */
void ide_atapi_reset(IDEDrive *s);

#endif
