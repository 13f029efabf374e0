/*
 * piix-ide.c — "piix3-ide", the IDE function of the PIIX3 (Intel 82371SB
 * datasheet, section 2.5 and 3.x "Bus Master IDE"), PCI 8086:7010.
 *
 *   legacy ports  0x1f0-0x1f7, 0x3f6  primary channel   INTRQ: GPIO out 0 (ISA IRQ 14)
 *                 0x170-0x177, 0x376  secondary channel INTRQ: GPIO out 1 (ISA IRQ 15)
 *   BAR4          16 bytes of I/O: per channel (+0 primary, +8 secondary)
 *                   +0 BMICX  command: bit 0 start, bit 3 direction (1: to memory)
 *                   +2 BMISX  status: bit 0 active, 1 error (W1C), 2 interrupt (W1C),
 *                                     5/6 drive 0/1 DMA capable (R/W)
 *                   +4 BMIDTPX  PRD table address (dword aligned)
 *   config 0x40-0x47  IDE timing registers (stored, no effect)
 *
 * Drives come from the drive table (drive_get(IF_IDE, channel, unit)).
 *
 * The bus master: a drive that has a DMA command ready hands it over
 * (IDEDMAOps.ready); once the start bit is set and PCI bus mastering is
 * enabled the engine walks the PRD table — entries of a 32-bit physical
 * address, a 16-bit byte count (0 = 64 KiB) and bit 15 of the last word
 * marking the end of table — and copies between the drive and guest memory
 * through the DMA address space, all within the access that started it.
 * Outcomes as the datasheet gives them: the table covers the transfer
 * exactly → active cleared, interrupt; the table is longer → active stays
 * set, interrupt; a memory access fails → error bit, active cleared, the
 * command fails.  A table shorter than the transfer would leave a real
 * drive waiting forever; here the command fails (ABRT) with an interrupt so
 * a guest notices rather than hangs.
 */
#include "hw/ide/piix.h"

#include "hw/ide/ide-internal.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

#define PIIX3_IDE(obj) OBJECT_CHECK(PIIXIDEState, obj, TYPE_PIIX3_IDE)

/* Bus-master registers of one channel (offsets inside its 8 bytes of BAR4). */
enum PIIXBMReg {
    BM_CMD = 0,
    BM_STATUS = 2,
    BM_PRD = 4,                        /* 4 bytes */
};

enum {
    BM_CMD_START = 0x01,
    BM_CMD_TO_MEMORY = 0x08,
    BM_STATUS_ACTIVE = 0x01,
    BM_STATUS_ERROR = 0x02,
    BM_STATUS_INTR = 0x04,
    BM_STATUS_DMA_CAP = 0x60,
};

/* PIIX IDE configuration registers. */
enum PIIXIDEConfig {
    PIIX_IDETIM_PRI = 0x40,            /* 16: bit 15 = IDE decode enable */
    PIIX_IDETIM_SEC = 0x42,
    PIIX_SIDETIM = 0x44,
    PIIX_CONFIG_END = 0x48,
};

#define PRD_EOT 0x8000
#define BM_CHUNK (64 * 1024)

typedef struct PIIXIDEState PIIXIDEState;

typedef struct PIIXBM {
    PIIXIDEState *owner;
    IDEBus *bus;
    uint8_t cmd;
    uint8_t status;
    uint32_t prd;
} PIIXBM;

struct PIIXIDEState {
    PCIDevice parent;
    IDEBus bus[2];
    PIIXBM bm[2];
    MemoryRegion cmd_io[2], ctrl_io[2], bm_io;
    AddressSpace *dma_as;              /* where PRD tables and buffers live */
    uint8_t *bounce;
};

static const uint16_t piix_cmd_port[2] = { 0x1f0, 0x170 };
static const uint16_t piix_ctrl_port[2] = { 0x3f6, 0x376 };

/* ---- the engine ------------------------------------------------------------ */

static void bm_run(PIIXBM *bm)
{
    IDEBus *bus = bm->bus;
    IDEDMARequest *r = &bus->dma;
    PIIXIDEState *s = bm->owner;
    uint64_t done = 0;
    uint32_t prd = bm->prd;
    bool eot = false, table_left = false;
    int ret = 0;

    while (done < r->bytes && !eot) {
        uint8_t e[8];
        if (address_space_read(s->dma_as, prd, e, 8) != MEMTX_OK) {
            bm->status |= BM_STATUS_ERROR;
            ret = -EIO;
            break;
        }
        prd += 8;
        uint32_t addr = (e[0] | e[1] << 8 | e[2] << 16 | (uint32_t)e[3] << 24) & ~1u;
        uint32_t count = (e[4] | e[5] << 8) & ~1u;
        eot = (e[6] | e[7] << 8) & PRD_EOT;
        if (count == 0) {
            count = 0x10000;
        }
        uint32_t len = MIN((uint64_t)count, r->bytes - done);
        table_left = len < count || !eot;
        for (uint32_t off = 0; off < len && ret == 0; off += BM_CHUNK) {
            uint32_t n = MIN(len - off, (uint32_t)BM_CHUNK);
            if (r->to_device) {
                if (address_space_read(s->dma_as, addr + off, s->bounce, n) != MEMTX_OK) {
                    bm->status |= BM_STATUS_ERROR;
                    ret = -EIO;
                    break;
                }
                ret = r->xfer(r->drive, done + off, s->bounce, n);
            } else {
                ret = r->xfer(r->drive, done + off, s->bounce, n);
                if (ret == 0 &&
                    address_space_write(s->dma_as, addr + off, s->bounce, n) != MEMTX_OK) {
                    bm->status |= BM_STATUS_ERROR;
                    ret = -EIO;
                }
            }
        }
        if (ret < 0) {
            break;
        }
        done += len;
    }
    if (ret == 0 && done < r->bytes) {
        ret = -EIO;                    /* the table ended before the transfer */
    }
    /* active stays set only when the transfer ended inside the table */
    if (ret < 0 || !table_left) {
        bm->status &= ~BM_STATUS_ACTIVE;
    }
    r->pending = false;
    r->drive->status &= ~IDE_STAT_DRQ;
    r->complete(r->drive, ret);
}

static void bm_try_run(PIIXBM *bm)
{
    PCIDevice *pd = &bm->owner->parent;
    if (bm->bus->dma.pending && (bm->cmd & BM_CMD_START) &&
        (bm->status & BM_STATUS_ACTIVE) &&
        (pci_get_word(pd->config + PCI_COMMAND) & PCI_COMMAND_MASTER)) {
        bm_run(bm);
    }
}

static PIIXBM *bm_of_bus(IDEBus *bus)
{
    return bus->dma_opaque;
}

static void piix_dma_ready(IDEBus *bus)
{
    bm_try_run(bm_of_bus(bus));
}

static void piix_dma_irq(IDEBus *bus)
{
    bm_of_bus(bus)->status |= BM_STATUS_INTR;
}

static void piix_dma_reset(IDEBus *bus)
{
    PIIXBM *bm = bm_of_bus(bus);
    bm->cmd = 0;
    bm->status &= ~BM_STATUS_ACTIVE;
}

static const IDEDMAOps piix_dma_ops = {
    .ready = piix_dma_ready,
    .irq_raised = piix_dma_irq,
    .reset = piix_dma_reset,
};

/* ---- BAR4 ------------------------------------------------------------------ */

static uint64_t bm_read(void *opaque, uint64_t addr, unsigned size)
{
    PIIXIDEState *s = opaque;
    PIIXBM *bm = &s->bm[addr >> 3];
    unsigned reg = addr & 7;
    switch (reg) {
    case BM_CMD:
        return bm->cmd;
    case BM_STATUS:
        return bm->status;
    case BM_PRD: case BM_PRD + 1: case BM_PRD + 2: case BM_PRD + 3:
        return (bm->prd >> (8 * (reg - BM_PRD))) & 0xff;
    default:
        return 0;
    }
}

static void bm_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PIIXIDEState *s = opaque;
    PIIXBM *bm = &s->bm[addr >> 3];
    unsigned reg = addr & 7;
    switch (reg) {
    case BM_CMD:
        if ((val & BM_CMD_START) && !(bm->cmd & BM_CMD_START)) {
            bm->cmd = val & (BM_CMD_START | BM_CMD_TO_MEMORY);
            bm->status |= BM_STATUS_ACTIVE;
            bm_try_run(bm);
        } else if (!(val & BM_CMD_START)) {
            /* stop: whatever the drive still wanted is abandoned */
            bm->cmd = val & BM_CMD_TO_MEMORY;
            bm->status &= ~BM_STATUS_ACTIVE;
        } else {
            bm->cmd = (bm->cmd & BM_CMD_START) | (val & BM_CMD_TO_MEMORY);
        }
        break;
    case BM_STATUS:
        bm->status = (bm->status & ~(val & (BM_STATUS_ERROR | BM_STATUS_INTR)) &
                      ~BM_STATUS_DMA_CAP) | (val & BM_STATUS_DMA_CAP);
        break;
    case BM_PRD: case BM_PRD + 1: case BM_PRD + 2: case BM_PRD + 3: {
        int shift = 8 * (reg - BM_PRD);
        bm->prd = (bm->prd & ~(0xffu << shift)) | (uint32_t)(val & 0xff) << shift;
        bm->prd &= ~3u;
        break;
    }
    default:
        break;
    }
}

static const MemoryRegionOps bm_ops = {
    .read = bm_read,
    .write = bm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- legacy ports ---------------------------------------------------------- */

static uint64_t cmd_read(void *opaque, uint64_t addr, unsigned size)
{
    return ide_ioport_read(opaque, addr, size);
}

static void cmd_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ide_ioport_write(opaque, addr, val, size);
}

/* The data register takes 16- and 32-bit accesses; the others are bytes. */
static const MemoryRegionOps cmd_ops = {
    .read = cmd_read,
    .write = cmd_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static uint64_t ctrl_read(void *opaque, uint64_t addr, unsigned size)
{
    return ide_ctrl_read(opaque);
}

static void ctrl_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ide_ctrl_write(opaque, val);
}

static const MemoryRegionOps ctrl_ops = {
    .read = ctrl_read,
    .write = ctrl_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- the device ------------------------------------------------------------ */

static void piix_ide_realize(PCIDevice *dev, Error **errp)
{
    PIIXIDEState *s = PIIX3_IDE(dev);
    PCIBus *pbus = pci_get_bus(dev);

    s->dma_as = address_space_memory();
    s->bounce = g_malloc(BM_CHUNK);
    for (int i = 0; i < 2; i++) {
        s->bm[i].owner = s;
        s->bm[i].bus = &s->bus[i];
        ide_bus_init(&s->bus[i], i, &piix_dma_ops, &s->bm[i]);
        qdev_init_gpio_out(DEVICE(s), &s->bus[i].irq, 1);
        IDEQBus *qb = (IDEQBus *)qbus_new(TYPE_IDE_BUS, DEVICE(s), i ? "ide.1" : "ide.0");
        qb->bus = &s->bus[i];
        s->bus[i].qbus = BUS(qb);
        for (int unit = 0; unit < 2; unit++) {
            DriveInfo *d = drive_get(IF_IDE, i, unit);
            if (d && !ide_bus_attach(&s->bus[i], unit, d, d->is_cdrom ? IDE_KIND_CD : IDE_KIND_HD,
                                     DEVICE(s), errp)) {
                return;
            }
        }
        memory_region_init_io(&s->cmd_io[i], OBJECT(s), &cmd_ops, &s->bus[i],
                              i ? "ide1-cmd" : "ide0-cmd", 8);
        memory_region_init_io(&s->ctrl_io[i], OBJECT(s), &ctrl_ops, &s->bus[i],
                              i ? "ide1-ctrl" : "ide0-ctrl", 1);
        memory_region_add_subregion(pbus->address_space_io, piix_cmd_port[i], &s->cmd_io[i]);
        memory_region_add_subregion(pbus->address_space_io, piix_ctrl_port[i], &s->ctrl_io[i]);
    }
    memory_region_init_io(&s->bm_io, OBJECT(s), &bm_ops, s, "piix-bmdma", 16);
    pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &s->bm_io);
    for (int r = PIIX_IDETIM_PRI; r < PIIX_CONFIG_END; r++) {
        dev->wmask[r] = 0xff;
    }
}

static void piix_ide_exit(PCIDevice *dev)
{
    PIIXIDEState *s = PIIX3_IDE(dev);
    PCIBus *pbus = pci_get_bus(dev);
    for (int i = 0; i < 2; i++) {
        memory_region_del_subregion(pbus->address_space_io, &s->cmd_io[i]);
        memory_region_del_subregion(pbus->address_space_io, &s->ctrl_io[i]);
        for (int unit = 0; unit < 2; unit++) {
            ide_bus_detach(&s->bus[i], unit);
        }
        ide_bus_free(&s->bus[i]);
    }
    g_free(s->bounce);
}

static void piix_ide_reset(PCIDevice *dev)
{
    PIIXIDEState *s = PIIX3_IDE(dev);
    /* both channels decode from power-on, so a kernel started without a BIOS finds them */
    pci_set_word(dev->config + PIIX_IDETIM_PRI, 0x8000);
    pci_set_word(dev->config + PIIX_IDETIM_SEC, 0x8000);
    for (int i = 0; i < 2; i++) {
        s->bm[i].cmd = 0;
        s->bm[i].status = 0;
        s->bm[i].prd = 0;
        ide_bus_reset(&s->bus[i]);
    }
}

static void piix_ide_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    pc->realize = piix_ide_realize;
    pc->exit = piix_ide_exit;
    pc->reset = piix_ide_reset;
    pc->vendor_id = 0x8086;
    pc->device_id = 0x7010;
    pc->class_id = 0x0101;             /* mass storage, IDE */
    pc->prog_if = 0x80;                /* bus master, both channels in legacy mode */
}

static const TypeInfo piix3_ide_info = {
    .name = TYPE_PIIX3_IDE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIXIDEState),
    .description = "PIIX3 IDE controller (legacy ports, bus-master DMA)",
    .class_init = piix_ide_class_init,
};
TYPE_REGISTER(piix3_ide_info)

PCIDevice *piix3_ide_create(PCIBus *bus, int devfn, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_PIIX3_IDE);
    char addr[16];
    g_snprintf(addr, sizeof(addr), "%x.%x", PCI_SLOT(devfn), PCI_FUNC(devfn));
    if (!qdev_prop_set(dev, "addr", addr, errp) || !qdev_realize(dev, BUS(bus), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    return PCI_DEVICE(dev);
}
