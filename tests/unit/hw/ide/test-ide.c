/*
 * test-ide.c — the PIIX3 IDE function driven from outside as a BIOS or a
 * driver would: task-file writes to the legacy ports, PIO through the data
 * register, bus-master DMA with PRD tables in guest RAM, interrupts on the
 * two GPIO outputs, ATAPI packets.
 *
 * References are independent of the device: disk images are written by the
 * test with a pattern that is a function of (sector, byte), and writes are
 * checked by reading the image file with pread(2); IDENTIFY words and the
 * MMC replies are compared with the values the ATA/ATAPI-7 and MMC
 * specifications define for the image sizes used.
 *
 *   channel 0: unit 0  hd   4 MiB raw
 *              unit 1  hd   200 GiB sparse raw (LBA48 territory past 2^28 sectors)
 *   channel 1: unit 0  cd   an ISO-shaped image of 300 sectors of 2048 bytes
 *              unit 1  cd   no medium (-device ide-cd without a drive)
 * and, for the block-layer error test, a small image opened read-only.
 */
#include "block/block.h"
#include "exec/blockdev.h"
#include "exec/memory.h"
#include "hw/ide/piix.h"
#include "hw/pci.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#define HD0_SECTORS (4 * 1024 * 1024 / 512)
#define HD1_BYTES (200ull << 30)
#define CD_SECTORS 300
#define BM_BASE 0xc000
#define IDE_DEVFN PCI_DEVFN(1, 1)

static PCIBus *root;
static PCIDevice *ide;
static int irq_level[2];
static int irq_rises[2];
static char *tmpdir, *hd0_path, *hd1_path, *cd_path, *ro_path;
static MemoryRegion ram;

/* ---- the images -------------------------------------------------------------- */

static uint8_t pattern(uint64_t sector, unsigned i)
{
    return (uint8_t)(sector * 31 + i * 7 + (sector >> 8) * 3 + 1);
}

static void fill_sector(uint8_t *buf, uint64_t sector, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        buf[i] = pattern(sector, i);
    }
}

static bool check_sector(const uint8_t *buf, uint64_t sector, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        if (buf[i] != pattern(sector, i)) {
            return false;
        }
    }
    return true;
}

static void write_image(const char *path, uint64_t sectors, unsigned size)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    g_assert_cmpint(fd, >=, 0);
    uint8_t *buf = g_malloc(size);
    for (uint64_t s = 0; s < sectors; s++) {
        fill_sector(buf, s, size);
        g_assert_cmpint(pwrite(fd, buf, size, s * size), ==, size);
    }
    g_free(buf);
    close(fd);
}

static void file_read(const char *path, uint64_t off, void *buf, size_t len)
{
    int fd = open(path, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, len, off), ==, len);
    close(fd);
}

/* ---- ports and memory ---------------------------------------------------------- */

static uint32_t in(uint16_t port, int size)
{
    uint32_t v = 0;
    address_space_read(address_space_io(), port, &v, size);
    return GUINT32_FROM_LE(v);
}

static void out(uint16_t port, uint32_t v, int size)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_io(), port, &v, size);
}

static uint8_t inb(uint16_t port) { return in(port, 1); }
static void outb(uint16_t port, uint8_t v) { out(port, v, 1); }

static uint16_t cmd_base(int ch) { return ch ? 0x170 : 0x1f0; }

static void irq_handler(void *opaque, int n, int level)
{
    if (level && !irq_level[n]) {
        irq_rises[n]++;
    }
    irq_level[n] = level;
}

static void cfg_write(uint32_t reg, uint32_t val, int len)
{
    pci_host_config_write(root, 0, IDE_DEVFN, reg, val, len);
}

static uint32_t cfg_read(uint32_t reg, int len)
{
    return pci_host_config_read(root, 0, IDE_DEVFN, reg, len);
}

/* Select a drive and load the task file for an LBA28 command. */
static void taskfile28(int ch, int unit, uint32_t lba, uint8_t count)
{
    uint16_t b = cmd_base(ch);
    outb(b + 6, 0xe0 | unit << 4 | ((lba >> 24) & 0xf));
    outb(b + 2, count);
    outb(b + 3, lba);
    outb(b + 4, lba >> 8);
    outb(b + 5, lba >> 16);
}

static void taskfile48(int ch, int unit, uint64_t lba, uint16_t count)
{
    uint16_t b = cmd_base(ch);
    outb(b + 6, 0x40 | unit << 4);
    outb(b + 2, count >> 8);
    outb(b + 3, lba >> 24);
    outb(b + 4, lba >> 32);
    outb(b + 5, lba >> 40);
    outb(b + 2, count);
    outb(b + 3, lba);
    outb(b + 4, lba >> 8);
    outb(b + 5, lba >> 16);
}

static void read_data(int ch, void *buf, int bytes)
{
    uint16_t *w = buf;
    for (int i = 0; i < bytes / 2; i++) {
        w[i] = GUINT16_TO_LE(in(cmd_base(ch), 2));
    }
}

static void write_data(int ch, const void *buf, int bytes)
{
    const uint16_t *w = buf;
    for (int i = 0; i < bytes / 2; i++) {
        out(cmd_base(ch), GUINT16_FROM_LE(w[i]), 2);
    }
}

static void identify(int ch, int unit, uint8_t cmd, uint16_t *w)
{
    outb(cmd_base(ch) + 6, 0xa0 | unit << 4);
    outb(cmd_base(ch) + 7, cmd);
    g_assert_cmphex(inb(cmd_base(ch) + 7) & 0x89, ==, 0x08);
    read_data(ch, w, 512);
    for (int i = 0; i < 256; i++) {
        w[i] = GUINT16_FROM_LE(w[i]);
    }
}

/* An ATA string from IDENTIFY words (high byte first), trailing spaces cut. */
static char *ata_string(const uint16_t *w, int nwords)
{
    char *s = g_malloc0(nwords * 2 + 1);
    for (int i = 0; i < nwords; i++) {
        s[2 * i] = w[i] >> 8;
        s[2 * i + 1] = w[i];
    }
    return g_strchomp(s);
}

/* ---- IDENTIFY -------------------------------------------------------------------- */

static void test_identify(void)
{
    uint16_t w[256];
    identify(0, 0, 0xec, w);
    g_assert_cmphex(w[0], ==, 0x0040);
    /* default translation: 16 heads, 63 sectors, cylinders to fit */
    g_assert_cmpuint(w[1], ==, HD0_SECTORS / (16 * 63));
    g_assert_cmpuint(w[3], ==, 16);
    g_assert_cmpuint(w[6], ==, 63);
    g_autofree char *model = ata_string(&w[27], 20);
    g_autofree char *serial = ata_string(&w[10], 10);
    g_assert_cmpstr(model, ==, "EMU HARDDISK");
    g_assert_cmpstr(serial, ==, "EMU00000");
    g_assert_cmphex(w[47] & 0xff, ==, 16);
    g_assert_true(w[49] & (1 << 9));                  /* LBA */
    g_assert_true(w[49] & (1 << 8));                  /* DMA */
    g_assert_cmpuint(w[60] | (uint32_t)w[61] << 16, ==, HD0_SECTORS);
    g_assert_true(w[83] & (1 << 10));                 /* 48-bit feature set */
    g_assert_cmphex(w[83] >> 14, ==, 1);              /* word valid */
    uint64_t lba48 = w[100] | (uint64_t)w[101] << 16 | (uint64_t)w[102] << 32 |
                     (uint64_t)w[103] << 48;
    g_assert_cmpuint(lba48, ==, HD0_SECTORS);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);            /* DRQ gone after 512 bytes */

    /* the big disk: LBA28 capacity saturates, cylinders stop at 16383 */
    identify(0, 1, 0xec, w);
    g_assert_cmpuint(w[1], ==, 16383);
    g_assert_cmphex(w[60] | (uint32_t)w[61] << 16, ==, 0x0fffffff);
    lba48 = w[100] | (uint64_t)w[101] << 16 | (uint64_t)w[102] << 32 | (uint64_t)w[103] << 48;
    g_assert_cmpuint(lba48, ==, HD1_BYTES / 512);
    g_autofree char *serial1 = ata_string(&w[10], 10);
    g_assert_cmpstr(serial1, ==, "EMU00001");

    /* SET MULTIPLE MODE shows in word 59; an odd count is refused */
    outb(0x1f6, 0xa0);
    outb(0x1f2, 8);
    outb(0x1f7, 0xc6);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(0x1f2, 3);
    outb(0x1f7, 0xc6);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x04);
    identify(0, 0, 0xec, w);
    g_assert_cmphex(w[59], ==, 0x108);
    /* SET FEATURES transfer mode UDMA2 shows in word 88 */
    outb(0x1f1, 0x03);
    outb(0x1f2, 0x42);
    outb(0x1f7, 0xef);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    identify(0, 0, 0xec, w);
    g_assert_cmphex(w[88], ==, 0x043f);
    /* an unknown command aborts */
    outb(0x1f7, 0xfe);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x04);
    /* CHECK POWER MODE: active */
    outb(0x1f7, 0xe5);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    g_assert_cmphex(inb(0x1f2), ==, 0xff);
}

/* ---- PIO ---------------------------------------------------------------------- */

static void test_pio(void)
{
    uint8_t buf[16 * 512];
    int rises = irq_rises[0];

    /* READ SECTORS: one interrupt per sector, none after the last block */
    taskfile28(0, 0, 5, 3);
    outb(0x1f7, 0x20);
    for (int s = 0; s < 3; s++) {
        g_assert_cmpint(irq_level[0], ==, 1);
        g_assert_cmphex(inb(0x1f7), ==, 0x58);
        g_assert_cmpint(irq_level[0], ==, 0);         /* status read acknowledges */
        read_data(0, buf, 512);
        g_assert_true(check_sector(buf, 5 + s, 512));
    }
    g_assert_cmphex(inb(0x3f6), ==, 0x50);
    g_assert_cmpint(irq_rises[0] - rises, ==, 3);
    g_assert_cmpint(irq_level[0], ==, 0);
    /* registers point past the transfer */
    g_assert_cmphex(inb(0x1f3), ==, 8);

    /* 32-bit data port accesses */
    taskfile28(0, 0, 77, 1);
    outb(0x1f7, 0x20);
    inb(0x1f7);
    for (int i = 0; i < 128; i++) {
        uint32_t v = GUINT32_TO_LE(in(0x1f0, 4));
        memcpy(buf + 4 * i, &v, 4);
    }
    g_assert_true(check_sector(buf, 77, 512));
    g_assert_cmphex(inb(0x1f7), ==, 0x50);

    /* WRITE SECTORS: no interrupt before the first block, one after each */
    rises = irq_rises[0];
    taskfile28(0, 0, 40, 2);
    outb(0x1f7, 0x30);
    g_assert_cmphex(inb(0x3f6), ==, 0x58);
    g_assert_cmpint(irq_level[0], ==, 0);
    fill_sector(buf, 1000, 512);
    write_data(0, buf, 512);
    g_assert_cmpint(irq_level[0], ==, 1);
    g_assert_cmphex(inb(0x1f7), ==, 0x58);
    fill_sector(buf, 1001, 512);
    write_data(0, buf, 512);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    g_assert_cmpint(irq_rises[0] - rises, ==, 2);
    file_read(hd0_path, 40 * 512, buf, 1024);
    g_assert_true(check_sector(buf, 1000, 512));
    g_assert_true(check_sector(buf + 512, 1001, 512));
    /* neighbours untouched */
    file_read(hd0_path, 42 * 512, buf, 512);
    g_assert_true(check_sector(buf, 42, 512));

    /* READ MULTIPLE with 4 sectors per block: 10 sectors are 3 interrupts */
    outb(0x1f6, 0xa0);
    outb(0x1f2, 4);
    outb(0x1f7, 0xc6);
    inb(0x1f7);
    rises = irq_rises[0];
    taskfile28(0, 0, 100, 10);
    outb(0x1f7, 0xc4);
    for (int blk = 0; blk < 3; blk++) {
        int n = blk < 2 ? 4 : 2;
        g_assert_cmphex(inb(0x1f7), ==, 0x58);
        read_data(0, buf, n * 512);
        for (int s = 0; s < n; s++) {
            g_assert_true(check_sector(buf + s * 512, 100 + blk * 4 + s, 512));
        }
    }
    g_assert_cmpint(irq_rises[0] - rises, ==, 3);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);

    /* WRITE MULTIPLE, 5 sectors in blocks of 4 + 1 */
    taskfile28(0, 0, 200, 5);
    outb(0x1f7, 0xc5);
    for (int s = 0; s < 5; s++) {
        fill_sector(buf + s * 512, 2000 + s, 512);
    }
    write_data(0, buf, 4 * 512);
    g_assert_cmphex(inb(0x1f7), ==, 0x58);
    write_data(0, buf + 4 * 512, 512);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    file_read(hd0_path, 200 * 512, buf, 5 * 512);
    for (int s = 0; s < 5; s++) {
        g_assert_true(check_sector(buf + s * 512, 2000 + s, 512));
    }

    /* CHS: cylinder 1, head 2, sector 3 of 16 x 63 is LBA (1 * 16 + 2) * 63 + 2 */
    outb(0x1f6, 0xa2);
    outb(0x1f2, 1);
    outb(0x1f3, 3);
    outb(0x1f4, 1);
    outb(0x1f5, 0);
    outb(0x1f7, 0x20);
    g_assert_cmphex(inb(0x1f7), ==, 0x58);
    read_data(0, buf, 512);
    g_assert_true(check_sector(buf, (1 * 16 + 2) * 63 + 2, 512));
    /* INITIALIZE DEVICE PARAMETERS: 4 heads, 17 sectors changes the translation */
    outb(0x1f6, 0xa3);
    outb(0x1f2, 17);
    outb(0x1f7, 0x91);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(0x1f6, 0xa2);
    outb(0x1f2, 1);
    outb(0x1f3, 3);
    outb(0x1f4, 1);
    outb(0x1f5, 0);
    outb(0x1f7, 0x20);
    g_assert_cmphex(inb(0x1f7), ==, 0x58);
    read_data(0, buf, 512);
    g_assert_true(check_sector(buf, (1 * 4 + 2) * 17 + 2, 512));
    /* sector 0 does not exist in CHS */
    outb(0x1f3, 0);
    outb(0x1f7, 0x20);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1) & 0x10, ==, 0x10);   /* IDNF */

    /* past the end of the disk: IDNF, no data */
    taskfile28(0, 0, HD0_SECTORS - 1, 2);
    outb(0x1f7, 0x20);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x14);
    /* FLUSH CACHE */
    outb(0x1f7, 0xe7);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
}

/* ---- LBA48 --------------------------------------------------------------------- */

static void test_lba48(void)
{
    uint8_t buf[2 * 512], ref[2 * 512];
    const uint64_t lba = 0x12345678;                  /* byte offset ~ 145 GiB, past 2^28 sectors */

    /* WRITE SECTORS EXT to the sparse disk; the file has it at lba * 512 */
    taskfile48(0, 1, lba, 2);
    outb(0x1f7, 0x34);
    g_assert_cmphex(inb(0x1f7), ==, 0x58);
    fill_sector(buf, lba, 512);
    fill_sector(buf + 512, lba + 1, 512);
    write_data(0, buf, 1024);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    file_read(hd1_path, lba * 512, ref, 1024);
    g_assert_true(check_sector(ref, lba, 512));
    g_assert_true(check_sector(ref + 512, lba + 1, 512));

    /* READ SECTORS EXT gives it back; high-order bytes readable with HOB */
    taskfile48(0, 1, lba, 2);
    outb(0x1f7, 0x24);
    read_data(0, buf, 512);
    read_data(0, buf + 512, 512);
    g_assert_true(check_sector(buf, lba, 512));
    g_assert_true(check_sector(buf + 512, lba + 1, 512));
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(0x3f6, 0x80);
    g_assert_cmphex(inb(0x1f3), ==, ((lba + 2) >> 24) & 0xff);
    outb(0x3f6, 0x00);
    g_assert_cmphex(inb(0x1f3), ==, (lba + 2) & 0xff);

    /* the same sector through LBA28 addresses the truncated number: different data */
    taskfile28(0, 1, lba & 0x0fffffff, 1);
    outb(0x1f7, 0x20);
    read_data(0, buf, 512);
    g_assert_false(check_sector(buf, lba, 512));

    /* READ NATIVE MAX ADDRESS EXT: the last sector */
    outb(0x1f6, 0x50);
    outb(0x1f7, 0x27);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    uint64_t max = inb(0x1f3) | inb(0x1f4) << 8 | inb(0x1f5) << 16;
    outb(0x3f6, 0x80);
    max |= (uint64_t)inb(0x1f3) << 24 | (uint64_t)inb(0x1f4) << 32 | (uint64_t)inb(0x1f5) << 40;
    outb(0x3f6, 0x00);
    g_assert_cmpuint(max, ==, HD1_BYTES / 512 - 1);
    /* past the end in 48-bit terms */
    taskfile48(0, 1, HD1_BYTES / 512, 1);
    outb(0x1f7, 0x24);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
}

/* ---- DMA ----------------------------------------------------------------------- */

static void prd(uint64_t at, uint32_t addr, uint32_t count, bool eot)
{
    uint8_t e[8] = { addr, addr >> 8, addr >> 16, addr >> 24, count, count >> 8, 0,
                     eot ? 0x80 : 0 };
    address_space_write(address_space_memory(), at, e, 8);
}

static void bm_setup(int ch, uint32_t table, bool to_memory)
{
    uint16_t bm = BM_BASE + ch * 8;
    outb(bm + 2, 0x06);                               /* clear interrupt and error */
    out(bm + 4, table, 4);
    outb(bm, to_memory ? 0x08 : 0x00);
}

static void test_dma(void)
{
    AddressSpace *mem = address_space_memory();
    uint8_t buf[4 * 512];
    uint16_t bm = BM_BASE;

    cfg_write(0x20, BM_BASE | 1, 4);
    cfg_write(PCI_COMMAND, PCI_COMMAND_IO, 2);        /* no bus mastering yet */
    g_assert_cmphex(pci_get_bar_addr(ide, 4), ==, BM_BASE);

    /* READ DMA of 3 sectors into two PRD entries (512 + 1024 bytes) */
    prd(0x1000, 0x2000, 512, false);
    prd(0x1008, 0x3000, 1024, true);
    bm_setup(0, 0x1000, true);
    taskfile28(0, 0, 20, 3);
    outb(0x1f7, 0xc8);
    outb(bm, 0x09);                                   /* start */
    /* bus mastering off in PCI command: nothing moves */
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x01);
    g_assert_cmphex(inb(0x3f6), ==, 0x58);
    cfg_write(PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MASTER, 2);
    outb(bm, 0x08);                                   /* stop and start again */
    prd(0x1000, 0x2000, 512, false);
    bm_setup(0, 0x1000, true);
    outb(bm, 0x09);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x04);    /* done: not active, interrupt */
    g_assert_cmpint(irq_level[0], ==, 1);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    address_space_read(mem, 0x2000, buf, 512);
    address_space_read(mem, 0x3000, buf + 512, 1024);
    for (int s = 0; s < 3; s++) {
        g_assert_true(check_sector(buf + s * 512, 20 + s, 512));
    }
    outb(bm, 0x00);

    /* WRITE DMA from one 2 KiB entry */
    for (int s = 0; s < 4; s++) {
        fill_sector(buf + s * 512, 3000 + s, 512);
    }
    address_space_write(mem, 0x4000, buf, 2048);
    prd(0x1000, 0x4000, 2048, true);
    bm_setup(0, 0x1000, false);
    taskfile28(0, 0, 300, 4);
    outb(0x1f7, 0xca);
    outb(bm, 0x01);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x04);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(bm, 0x00);
    file_read(hd0_path, 300 * 512, buf, 2048);
    for (int s = 0; s < 4; s++) {
        g_assert_true(check_sector(buf + s * 512, 3000 + s, 512));
    }

    /* a table longer than the transfer: active stays set, interrupt */
    prd(0x1000, 0x2000, 4096, true);
    bm_setup(0, 0x1000, true);
    taskfile28(0, 0, 50, 1);
    outb(0x1f7, 0xc8);
    outb(bm, 0x09);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x05);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(bm, 0x08);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x04);
    address_space_read(mem, 0x2000, buf, 512);
    g_assert_true(check_sector(buf, 50, 512));

    /* a table shorter than the transfer: the command fails, not the emulator */
    prd(0x1000, 0x2000, 512, true);
    bm_setup(0, 0x1000, true);
    taskfile28(0, 0, 60, 2);
    outb(0x1f7, 0xc8);
    outb(bm, 0x09);
    g_assert_cmphex(inb(bm + 2) & 0x05, ==, 0x04);
    g_assert_cmphex(inb(0x1f7) & 0x89, ==, 0x01);
    outb(bm, 0x08);

    /* a buffer outside RAM: the bus master's error bit */
    prd(0x1000, 0xf0000000, 512, true);
    bm_setup(0, 0x1000, true);
    taskfile28(0, 0, 60, 1);
    outb(0x1f7, 0xc8);
    outb(bm, 0x09);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x06);
    g_assert_cmphex(inb(0x1f7) & 0x89, ==, 0x01);
    outb(bm, 0x08);

    /* READ DMA EXT on the big disk past 2^28 sectors: the sector written in test_lba48 */
    const uint64_t lba = 0x12345678;
    prd(0x1000, 0x2000, 512, true);
    bm_setup(0, 0x1000, true);
    taskfile48(0, 1, lba, 1);
    outb(0x1f7, 0x25);
    outb(bm, 0x09);
    g_assert_cmphex(inb(bm + 2) & 0x07, ==, 0x04);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    address_space_read(mem, 0x2000, buf, 512);
    g_assert_true(check_sector(buf, lba, 512));
    outb(bm, 0x08);
    /* WRITE DMA EXT there too, checked in the file */
    fill_sector(buf, 4242, 512);
    address_space_write(mem, 0x2000, buf, 512);
    bm_setup(0, 0x1000, false);
    taskfile48(0, 1, lba + 7, 1);
    outb(0x1f7, 0x35);
    outb(bm, 0x01);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    outb(bm, 0x00);
    file_read(hd1_path, (lba + 7) * 512, buf, 512);
    g_assert_true(check_sector(buf, 4242, 512));
}

/* ---- device control -------------------------------------------------------------- */

static void test_control(void)
{
    /* nIEN: the command completes but INTRQ stays low */
    inb(0x1f7);
    outb(0x3f6, 0x02);
    taskfile28(0, 0, 1, 1);
    outb(0x1f7, 0x20);
    g_assert_cmpint(irq_level[0], ==, 0);
    g_assert_cmphex(inb(0x3f6), ==, 0x58);
    /* SRST: busy while asserted, signature and idle after, data abandoned */
    outb(0x3f6, 0x06);
    g_assert_cmphex(inb(0x3f6) & 0x80, ==, 0x80);
    outb(0x3f6, 0x00);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    g_assert_cmphex(inb(0x1f2), ==, 1);
    g_assert_cmphex(inb(0x1f3), ==, 1);
    g_assert_cmphex(inb(0x1f4), ==, 0);
    g_assert_cmphex(inb(0x1f5), ==, 0);
    g_assert_cmphex(inb(0x1f1), ==, 1);
    g_assert_cmpint(irq_level[0], ==, 0);
    /* EXECUTE DEVICE DIAGNOSTIC: passed, interrupt */
    outb(0x1f7, 0x90);
    g_assert_cmpint(irq_level[0], ==, 1);
    g_assert_cmphex(inb(0x1f1), ==, 1);
    g_assert_cmphex(inb(0x1f7), ==, 0x50);
    /* a disk refuses PACKET and DEVICE RESET */
    outb(0x1f7, 0xa0);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    outb(0x1f7, 0x08);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    /* channel 1 unit 1, the empty CD-ROM: no DRDY before IDENTIFY PACKET DEVICE */
    outb(0x176, 0xb0);
    g_assert_cmphex(inb(0x177), ==, 0x00);
}

/* ---- ATAPI ----------------------------------------------------------------------- */

/* Send a packet on channel 1; returns the status after the packet (before data). */
static uint8_t packet(int unit, const uint8_t *cdb, uint16_t limit, bool dma)
{
    outb(0x176, 0xa0 | unit << 4);
    outb(0x171, dma ? 1 : 0);
    outb(0x174, limit);
    outb(0x175, limit >> 8);
    outb(0x177, 0xa0);
    g_assert_cmphex(inb(0x376) & 0x88, ==, 0x08);
    g_assert_cmphex(inb(0x172) & 3, ==, 1);           /* reason: command */
    write_data(1, cdb, 12);
    return inb(0x376);
}

/* Read a data-in reply of any length by PIO; returns its length. */
static int packet_in(int unit, const uint8_t *cdb, uint16_t limit, uint8_t *buf, int *blocks)
{
    int total = 0;
    uint8_t st = packet(unit, cdb, limit, false);
    *blocks = 0;
    while (st & 0x08) {
        g_assert_cmphex(inb(0x172) & 3, ==, 2);       /* reason: data to host */
        int n = inb(0x174) | inb(0x175) << 8;
        g_assert_cmpint(n, <=, limit);
        inb(0x177);
        read_data(1, buf + total, (n + 1) & ~1);
        total += n;
        (*blocks)++;
        st = inb(0x376);
    }
    g_assert_cmphex(inb(0x172) & 3, ==, 3);           /* reason: status */
    return total;
}

static uint8_t request_sense(int unit, uint8_t *asc)
{
    uint8_t cdb[12] = { 0x03, 0, 0, 0, 18 }, buf[32];
    int blocks;
    g_assert_cmpint(packet_in(unit, cdb, 0x100, buf, &blocks), ==, 18);
    g_assert_cmphex(inb(0x177), ==, 0x50);
    g_assert_cmphex(buf[0], ==, 0x70);
    *asc = buf[12];
    return buf[2] & 0x0f;
}

static void test_atapi(void)
{
    uint16_t w[256];
    uint8_t buf[8 * 2048], asc;
    int blocks;

    /* signature after reset; IDENTIFY DEVICE is refused with it */
    outb(0x176, 0xa0);
    g_assert_cmphex(inb(0x174), ==, 0x14);
    g_assert_cmphex(inb(0x175), ==, 0xeb);
    outb(0x177, 0xec);
    g_assert_cmphex(inb(0x177) & 0x01, ==, 0x01);
    g_assert_cmphex(inb(0x171), ==, 0x04);
    g_assert_cmphex(inb(0x174), ==, 0x14);
    identify(1, 0, 0xa1, w);
    g_assert_cmphex(w[0], ==, 0x85c0);                /* ATAPI, CD-ROM, removable, 12-byte packets */
    g_autofree char *model = ata_string(&w[27], 20);
    g_assert_cmpstr(model, ==, "EMU DVD-ROM");
    g_assert_true(w[49] & (1 << 8));

    /* TEST UNIT READY: no data, completion */
    uint8_t tur[12] = { 0x00 };
    g_assert_cmphex(packet(0, tur, 0x800, false), ==, 0x50);
    g_assert_cmphex(inb(0x172) & 3, ==, 3);
    g_assert_cmpint(irq_level[1], ==, 1);
    inb(0x177);

    /* INQUIRY */
    uint8_t inq[12] = { 0x12, 0, 0, 0, 36 };
    g_assert_cmpint(packet_in(0, inq, 0x800, buf, &blocks), ==, 36);
    g_assert_cmphex(buf[0], ==, 0x05);
    g_assert_cmphex(buf[1], ==, 0x80);
    g_assert_cmpmem(buf + 8, 8, "EMU     ", 8);

    /* READ CAPACITY: last LBA and 2048-byte blocks, big-endian */
    uint8_t cap[12] = { 0x25 };
    g_assert_cmpint(packet_in(0, cap, 0x800, buf, &blocks), ==, 8);
    g_assert_cmpuint(GUINT32_FROM_BE(*(uint32_t *)buf), ==, CD_SECTORS - 1);
    g_assert_cmpuint(GUINT32_FROM_BE(*(uint32_t *)(buf + 4)), ==, 2048);

    /* READ(10) of 3 sectors from 16 with a 4 KiB byte count limit: blocks of 4096 + 2048 */
    uint8_t rd[12] = { 0x28, 0, 0, 0, 0, 16, 0, 0, 3 };
    g_assert_cmpint(packet_in(0, rd, 4096, buf, &blocks), ==, 3 * 2048);
    g_assert_cmpint(blocks, ==, 2);
    for (int s = 0; s < 3; s++) {
        g_assert_true(check_sector(buf + s * 2048, 16 + s, 2048));
    }
    g_assert_cmphex(inb(0x177), ==, 0x50);
    /* a byte count limit below a sector still delivers everything */
    rd[4] = 299 >> 8;
    rd[5] = 299 & 0xff;
    rd[8] = 1;
    g_assert_cmpint(packet_in(0, rd, 1000, buf, &blocks), ==, 2048);
    g_assert_cmpint(blocks, ==, 3);
    g_assert_true(check_sector(buf, 299, 2048));
    /* READ(12) */
    uint8_t rd12[12] = { 0xa8, 0, 0, 0, 0, 100, 0, 0, 0, 2 };
    g_assert_cmpint(packet_in(0, rd12, 0xfffe, buf, &blocks), ==, 4096);
    g_assert_true(check_sector(buf, 100, 2048));
    g_assert_true(check_sector(buf + 2048, 101, 2048));

    /* a bad LBA: CHECK CONDITION (sense key in the error register), then the sense */
    uint8_t bad[12] = { 0x28, 0, 0, 0, 0x01, 0x2c, 0, 0, 1 };   /* LBA 300 = the end */
    g_assert_cmphex(packet(0, bad, 0x800, false), ==, 0x41);
    g_assert_cmphex(inb(0x171), ==, 0x54);            /* ILLEGAL REQUEST << 4 | ABRT */
    inb(0x177);
    g_assert_cmpuint(request_sense(0, &asc), ==, 5);
    g_assert_cmphex(asc, ==, 0x21);                   /* LBA out of range */
    g_assert_cmpuint(request_sense(0, &asc), ==, 0);  /* consumed */
    /* an unknown opcode */
    uint8_t unk[12] = { 0xff };
    g_assert_cmphex(packet(0, unk, 0x800, false), ==, 0x41);
    inb(0x177);
    g_assert_cmpuint(request_sense(0, &asc), ==, 5);
    g_assert_cmphex(asc, ==, 0x20);

    /* READ TOC format 0, LBA: track 1 at 0, lead-out at the size */
    uint8_t toc[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 0xff };
    g_assert_cmpint(packet_in(0, toc, 0x800, buf, &blocks), ==, 20);
    g_assert_cmphex(buf[0] << 8 | buf[1], ==, 18);
    g_assert_cmphex(buf[2], ==, 1);
    g_assert_cmphex(buf[3], ==, 1);
    g_assert_cmphex(buf[5], ==, 0x14);
    g_assert_cmphex(buf[6], ==, 1);
    g_assert_cmpuint(GUINT32_FROM_BE(*(uint32_t *)(buf + 8)), ==, 0);
    g_assert_cmphex(buf[14], ==, 0xaa);
    g_assert_cmpuint(GUINT32_FROM_BE(*(uint32_t *)(buf + 16)), ==, CD_SECTORS);
    /* MSF: 300 + 150 frames = 00:06:00 */
    toc[1] = 2;
    g_assert_cmpint(packet_in(0, toc, 0x800, buf, &blocks), ==, 20);
    g_assert_cmphex(buf[9], ==, 0);
    g_assert_cmphex(buf[10], ==, 2);                  /* track 1 at 00:02:00 */
    g_assert_cmphex(buf[17], ==, 0);
    g_assert_cmphex(buf[18], ==, 6);
    g_assert_cmphex(buf[19], ==, 0);
    /* format 1: session info */
    uint8_t sess[12] = { 0x43, 0, 1, 0, 0, 0, 0, 0, 12 };
    g_assert_cmpint(packet_in(0, sess, 0x800, buf, &blocks), ==, 12);
    g_assert_cmphex(buf[1], ==, 10);
    g_assert_cmphex(buf[6], ==, 1);

    /* GET CONFIGURATION: current profile CD-ROM */
    uint8_t gc[12] = { 0x46, 0, 0, 0, 0, 0, 0, 0, 32 };
    g_assert_cmpint(packet_in(0, gc, 0x800, buf, &blocks), ==, 20);
    g_assert_cmphex(buf[6] << 8 | buf[7], ==, 0x0008);
    /* GET EVENT STATUS NOTIFICATION, media class: present */
    uint8_t gesn[12] = { 0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8 };
    g_assert_cmpint(packet_in(0, gesn, 0x800, buf, &blocks), ==, 8);
    g_assert_cmphex(buf[2], ==, 4);
    g_assert_cmphex(buf[5], ==, 0x02);
    /* READ DISC INFORMATION: one complete session; MECHANISM STATUS: no changer */
    uint8_t rdi[12] = { 0x51, 0, 0, 0, 0, 0, 0, 0, 34 };
    g_assert_cmpint(packet_in(0, rdi, 0x800, buf, &blocks), ==, 34);
    g_assert_cmphex(buf[2] & 0x03, ==, 0x02);         /* disc status: complete */
    g_assert_cmphex(buf[4], ==, 1);
    uint8_t mech[12] = { 0xbd, 0, 0, 0, 0, 0, 0, 0, 0, 8 };
    g_assert_cmpint(packet_in(0, mech, 0x800, buf, &blocks), ==, 8);
    g_assert_cmphex(buf[5], ==, 0);
    /* MODE SENSE(10) of the capabilities page */
    uint8_t ms[12] = { 0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64 };
    g_assert_cmpint(packet_in(0, ms, 0x800, buf, &blocks), ==, 28);
    g_assert_cmphex(buf[8], ==, 0x2a);
    g_assert_cmphex(buf[9], ==, 18);

    /* PREVENT: eject refused; ALLOW: eject opens the tray, no medium; load closes it */
    uint8_t lock[12] = { 0x1e, 0, 0, 0, 1 }, eject[12] = { 0x1b, 0, 0, 0, 2 };
    g_assert_cmphex(packet(0, lock, 0x800, false), ==, 0x50);
    g_assert_cmphex(packet(0, eject, 0x800, false), ==, 0x41);
    g_assert_cmpuint(request_sense(0, &asc), ==, 5);
    g_assert_cmphex(asc, ==, 0x53);
    lock[4] = 0;
    g_assert_cmphex(packet(0, lock, 0x800, false), ==, 0x50);
    g_assert_cmphex(packet(0, eject, 0x800, false), ==, 0x50);
    g_assert_cmphex(packet(0, tur, 0x800, false), ==, 0x41);
    g_assert_cmpuint(request_sense(0, &asc), ==, 2);
    g_assert_cmphex(asc, ==, 0x3a);
    eject[4] = 3;
    g_assert_cmphex(packet(0, eject, 0x800, false), ==, 0x50);
    g_assert_cmphex(packet(0, tur, 0x800, false), ==, 0x50);

    /* READ(10) by DMA */
    cfg_write(PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MASTER, 2);
    prd(0x1000, 0x8000, 3 * 2048, true);
    bm_setup(1, 0x1000, true);
    uint8_t rdd[12] = { 0x28, 0, 0, 0, 0, 200, 0, 0, 3 };
    packet(0, rdd, 0xfffe, true);
    outb(BM_BASE + 8, 0x09);
    g_assert_cmphex(inb(BM_BASE + 10) & 0x07, ==, 0x04);
    g_assert_cmphex(inb(0x177), ==, 0x50);
    g_assert_cmphex(inb(0x172) & 3, ==, 3);
    outb(BM_BASE + 8, 0x00);
    address_space_read(address_space_memory(), 0x8000, buf, 3 * 2048);
    for (int s = 0; s < 3; s++) {
        g_assert_true(check_sector(buf + s * 2048, 200 + s, 2048));
    }

    /* the empty drive: NOT READY, MEDIUM NOT PRESENT; capacity likewise */
    identify(1, 1, 0xa1, w);
    g_assert_cmphex(packet(1, tur, 0x800, false), ==, 0x41);
    g_assert_cmphex(inb(0x171) >> 4, ==, 2);
    g_assert_cmpuint(request_sense(1, &asc), ==, 2);
    g_assert_cmphex(asc, ==, 0x3a);
    g_assert_cmphex(packet(1, cap, 0x800, false), ==, 0x41);
    g_assert_cmpint(packet_in(1, gesn, 0x800, buf, &blocks), ==, 8);
    g_assert_cmphex(buf[5], ==, 0x00);
}

/* ---- -device ide-hd / ide-cd ------------------------------------------------------ */

static void add_drive(const char *opts)
{
    Error *err = NULL;
    DriveInfo *d = drive_new(opts, IF_IDE, false, &err);
    if (!d) {
        error_report_err(err);
    }
    g_assert_nonnull(d);
}

static DeviceState *device_add(const char *opts, Error **errp)
{
    bool help;
    return qdev_device_add(opts, stdout, &help, errp);
}

static void test_device_add(void)
{
    Error *err = NULL;
    uint16_t w[256];
    uint8_t buf[512];
    g_autofree char *o = g_strdup_printf("file=%s,format=raw,if=none,id=extra", ro_path);
    add_drive(o);

    /* errors: an occupied unit, an unknown drive, a disk without a drive */
    g_assert_null(device_add("ide-hd,drive=extra,bus=ide.0,unit=0", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "in use"));
    g_clear_pointer(&err, error_free);
    g_assert_null(device_add("ide-hd,drive=nosuch,bus=ide.1", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "nosuch"));
    g_clear_pointer(&err, error_free);
    g_assert_null(device_add("ide-hd,bus=ide.1", &err));
    g_clear_pointer(&err, error_free);
    g_assert_null(drive_get_by_id("extra")->dev);

    /* replace the empty CD-ROM at ide.1 unit 1 by a disk on the extra drive */
    BusState *b = qbus_find_by_name("ide.1");
    g_assert_nonnull(b);
    DeviceState *cd = NULL;
    for (DeviceState *d = b->children; d; d = d->sibling) {
        cd = d;
    }
    g_assert_nonnull(cd);
    qdev_unrealize(cd);
    outb(0x176, 0xb0);
    g_assert_cmphex(inb(0x177), ==, 0);               /* nobody there now */
    DeviceState *hd = device_add("ide-hd,drive=extra,bus=ide.1,unit=1", &error_fatal);
    g_assert_true(drive_get_by_id("extra")->dev == hd);
    g_autofree char *qtree = qdev_qtree_string();
    g_assert_nonnull(strstr(qtree, "dev: ide-hd, id \"\" unit 1, drive extra"));
    identify(1, 1, 0xec, w);
    g_assert_cmpuint(w[60] | (uint32_t)w[61] << 16, ==, 64);   /* ro.raw: 64 sectors */
    taskfile28(1, 1, 9, 1);
    outb(0x177, 0x20);
    read_data(1, buf, 512);
    g_assert_true(check_sector(buf, 9, 512));
    g_assert_cmphex(inb(0x177), ==, 0x50);
    /* a second device on the same unit is refused; unplugging frees drive and unit */
    g_assert_null(device_add("ide-cd,bus=ide.1,unit=1", &err));
    g_clear_pointer(&err, error_free);
    qdev_unrealize(hd);
    g_assert_null(drive_get_by_id("extra")->dev);
    /* an ide-cd on that drive is a CD-ROM whatever its media= */
    device_add("ide-cd,drive=extra,bus=ide.1,unit=1", &error_fatal);
    outb(0x176, 0xb0);
    g_assert_cmphex(inb(0x174), ==, 0x14);
    g_assert_cmphex(inb(0x175), ==, 0xeb);
}

/* ---- errors from the block layer ------------------------------------------------- */

static void test_block_errors(void)
{
    /*
     * Put a read-only image behind channel 0 unit 0 and re-create the
     * function (drives are picked up at realize): a write fails in the
     * block layer (-EROFS) and must come back as ABRT, not a crash.
     */
    uint8_t buf[512];
    DriveInfo *d = drive_get(IF_IDE, 0, 0);
    BlockDriverState *rw = d->bs;
    Error *err = NULL;
    BlockDriverState *ro = bdrv_open(ro_path, "raw", 0, &err);
    g_assert_nonnull(ro);
    d->bs = ro;
    qdev_unrealize(DEVICE(ide));
    ide = piix3_ide_create(root, IDE_DEVFN, &error_fatal);
    taskfile28(0, 0, 3, 1);
    outb(0x1f7, 0x30);
    fill_sector(buf, 9, 512);
    write_data(0, buf, 512);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x04);
    file_read(ro_path, 3 * 512, buf, 512);
    g_assert_true(check_sector(buf, 3, 512));
    /* and reads still work */
    taskfile28(0, 0, 3, 1);
    outb(0x1f7, 0x20);
    read_data(0, buf, 512);
    g_assert_true(check_sector(buf, 3, 512));
    g_assert_cmphex(inb(0x1f7), ==, 0x50);

    /* a read the block layer refuses (the image shrunk under the disk): UNC, by PIO and DMA */
    uint64_t size = ro->total_size;
    ro->total_size = 8 * 512;
    taskfile28(0, 0, 10, 1);
    outb(0x1f7, 0x20);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x40);
    cfg_write(0x20, BM_BASE | 1, 4);
    cfg_write(PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MASTER, 2);
    prd(0x1000, 0x2000, 512, true);
    bm_setup(0, 0x1000, true);
    taskfile28(0, 0, 12, 1);
    outb(0x1f7, 0xc8);
    outb(BM_BASE, 0x09);
    g_assert_cmphex(inb(BM_BASE + 2) & 0x07, ==, 0x04);
    g_assert_cmphex(inb(0x1f7), ==, 0x51);
    g_assert_cmphex(inb(0x1f1), ==, 0x40);
    outb(BM_BASE, 0x08);
    ro->total_size = size;
    /* and the disk reads again */
    taskfile28(0, 0, 10, 1);
    outb(0x1f7, 0x20);
    read_data(0, buf, 512);
    g_assert_true(check_sector(buf, 10, 512));
    qdev_unrealize(DEVICE(ide));
    bdrv_close(ro);
    d->bs = rw;
}

/* ---- random access: never a crash, and the channels still work after SRST ------- */

static void test_random(void)
{
    static const uint8_t cmds[] = {
        0x00, 0x08, 0x10, 0x20, 0x24, 0x25, 0x27, 0x29, 0x30, 0x34, 0x35, 0x39, 0x40, 0x70, 0x90,
        0x91, 0xa0, 0xa1, 0xc4, 0xc5, 0xc6, 0xc8, 0xca, 0xe0, 0xe5, 0xe7, 0xea, 0xec, 0xef, 0xf8,
    };
    static const uint8_t opcodes[] = { 0x00, 0x03, 0x12, 0x1b, 0x1e, 0x25, 0x28, 0x43, 0x46, 0x4a,
                                       0x5a, 0xa8, 0xbd, 0x51 };
    /* a read-only image as the big disk, so random writes stay inside the 4 MiB one */
    DriveInfo *d1 = drive_get(IF_IDE, 0, 1);
    BlockDriverState *big = d1->bs;
    BlockDriverState *ro = bdrv_open(ro_path, "raw", 0, &error_fatal);
    d1->bs = ro;
    ide = piix3_ide_create(root, IDE_DEVFN, &error_fatal);
    cfg_write(0x20, BM_BASE | 1, 4);
    cfg_write(PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MASTER, 2);

    GRand *r = g_rand_new_with_seed(8);
    for (int i = 0; i < 20000; i++) {
        int ch = g_rand_int_range(r, 0, 2);
        uint16_t base = cmd_base(ch);
        uint32_t v = g_rand_int(r);
        switch (g_rand_int_range(r, 0, 10)) {
        case 0: case 1: case 2:
            outb(base + g_rand_int_range(r, 1, 7), v);
            break;
        case 3:
            outb(base + 7, cmds[v % sizeof(cmds)]);
            break;
        case 4: {                                     /* a packet with a known opcode */
            uint8_t cdb[12];
            for (int k = 0; k < 12; k++) {
                cdb[k] = g_rand_int(r);
            }
            cdb[0] = opcodes[v % sizeof(opcodes)];
            write_data(ch, cdb, 12);
            break;
        }
        case 5: {
            int n = g_rand_int_range(r, 1, 600);
            for (int k = 0; k < n; k++) {
                in(base, (v & 1) ? 2 : 4);
            }
            break;
        }
        case 6:
            in(base + g_rand_int_range(r, 0, 8), 1 << g_rand_int_range(r, 0, 3));
            inb(ch ? 0x376 : 0x3f6);
            break;
        case 7:
            outb(BM_BASE + g_rand_int_range(r, 0, 16), v);
            break;
        case 8: {                                     /* a PRD entry somewhere in RAM */
            uint32_t at = g_rand_int_range(r, 0, (1 << 20) - 8) & ~7u;
            prd(at, g_rand_int_range(r, 0, 1 << 20), v & 0xffff, v & 0x10000);
            out(BM_BASE + ch * 8 + 4, at, 4);
            break;
        }
        default:
            outb(ch ? 0x376 : 0x3f6, v & 0x86);
            break;
        }
    }
    g_rand_free(r);

    /* SRST both channels: both still identify themselves */
    uint16_t w[256];
    for (int ch = 0; ch < 2; ch++) {
        outb(BM_BASE + ch * 8, 0);
        outb(ch ? 0x376 : 0x3f6, 0x04);
        outb(ch ? 0x376 : 0x3f6, 0x00);
    }
    identify(0, 0, 0xec, w);
    g_autofree char *model = ata_string(&w[27], 20);
    g_assert_cmpstr(model, ==, "EMU HARDDISK");
    identify(1, 0, 0xa1, w);
    g_assert_cmphex(w[0], ==, 0x85c0);
    qdev_unrealize(DEVICE(ide));
    d1->bs = big;
    bdrv_close(ro);
}

static const TypeInfo test_host_info = {
    .name = "test-ide-host",
    .parent = TYPE_SYS_BUS_DEVICE,
};
TYPE_REGISTER(test_host_info)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-ide-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    hd0_path = g_build_filename(tmpdir, "hd0.raw", NULL);
    hd1_path = g_build_filename(tmpdir, "hd1.raw", NULL);
    cd_path = g_build_filename(tmpdir, "cd.iso", NULL);
    ro_path = g_build_filename(tmpdir, "ro.raw", NULL);
    write_image(hd0_path, HD0_SECTORS, 512);
    write_image(ro_path, 64, 512);
    write_image(cd_path, CD_SECTORS, 2048);
    int fd = open(hd1_path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    g_assert_cmpint(ftruncate(fd, HD1_BYTES), ==, 0);
    close(fd);

    g_autofree char *o0 = g_strdup_printf("file=%s,format=raw,if=ide,bus=0,unit=0", hd0_path);
    g_autofree char *o1 = g_strdup_printf("file=%s,format=raw,if=ide,bus=0,unit=1", hd1_path);
    g_autofree char *o2 = g_strdup_printf("file=%s,format=raw,if=ide,bus=1,unit=0,media=cdrom",
                                          cd_path);
    add_drive(o0);
    add_drive(o1);
    add_drive(o2);

    memory_region_init_ram(&ram, NULL, "test-ram", 1 << 20, &error_fatal);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    DeviceState *host = qdev_new("test-ide-host");
    qdev_realize(host, NULL, &error_fatal);
    root = pci_root_bus_new(host, "pci.0", get_system_memory(), get_system_io(), 0);
    ide = piix3_ide_create(root, IDE_DEVFN, &error_fatal);
    IRQState **irqs = irq_allocate(irq_handler, NULL, 2);
    qdev_connect_gpio_out(DEVICE(ide), 0, irqs[0]);
    qdev_connect_gpio_out(DEVICE(ide), 1, irqs[1]);
    /* the empty CD-ROM drive comes from -device, without a drive */
    bool help;
    g_assert_nonnull(qdev_device_add("ide-cd,bus=ide.1,unit=1,id=emptycd", stdout, &help,
                                     &error_fatal));
    g_assert_cmphex(cfg_read(PCI_VENDOR_ID, 4), ==, 0x70108086);
    g_assert_cmphex(cfg_read(PCI_CLASS_PROG, 1), ==, 0x80);
    g_assert_cmphex(cfg_read(PCI_CLASS_DEVICE, 2), ==, 0x0101);

    g_test_add_func("/ide/identify", test_identify);
    g_test_add_func("/ide/pio", test_pio);
    g_test_add_func("/ide/lba48", test_lba48);
    g_test_add_func("/ide/dma", test_dma);
    g_test_add_func("/ide/control", test_control);
    g_test_add_func("/ide/atapi", test_atapi);
    g_test_add_func("/ide/device-add", test_device_add);
    g_test_add_func("/ide/block-errors", test_block_errors);
    g_test_add_func("/ide/random", test_random);
    int ret = g_test_run();

    unlink(hd0_path);
    unlink(hd1_path);
    unlink(cd_path);
    unlink(ro_path);
    rmdir(tmpdir);
    return ret;
}
