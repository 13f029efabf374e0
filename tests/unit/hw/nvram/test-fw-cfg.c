/*
 * test-fw-cfg.c — fw_cfg as SeaBIOS and Linux drive it: the selector and
 * data ports, the signature and feature ID, the file directory's layout
 * (big-endian count and entries sorted by name), and DMA transfers built
 * in guest RAM (select + read with zero fill past the end, skip, a
 * refused write, the big-endian address register and its "QEMU CFG"
 * read-back).  Layouts from QEMU's docs/specs/fw_cfg.
 */
#include "exec/memory.h"
#include "hw/nvram/fw_cfg.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>

#include <glib.h>

#define RAM_SIZE 0x10000
#define DESC 0x1000
#define BUF 0x2000

static FWCfgState *fw;
static MemoryRegion ram;
static uint8_t *ram_ptr;

static void read_item(uint16_t key, void *buf, size_t len)
{
    outw(0x510, key);
    for (size_t i = 0; i < len; i++) {
        ((uint8_t *)buf)[i] = inb(0x511);
    }
}

/* One DMA request as a guest builds it: the descriptor in RAM, the address written big-endian. */
static uint32_t dma(uint32_t control, uint32_t length, uint64_t addr)
{
    uint32_t c = GUINT32_TO_BE(control), l = GUINT32_TO_BE(length);
    uint64_t a = GUINT64_TO_BE(addr);
    memcpy(ram_ptr + DESC, &c, 4);
    memcpy(ram_ptr + DESC + 4, &l, 4);
    memcpy(ram_ptr + DESC + 8, &a, 8);
    /* SeaBIOS: outl(htonl(high), 0x514); outl(htonl(low), 0x518) */
    outl(0x514, GUINT32_TO_BE(0));
    outl(0x518, GUINT32_TO_BE(DESC));
    memcpy(&c, ram_ptr + DESC, 4);
    return GUINT32_FROM_BE(c);
}

static void test_signature(void)
{
    char sig[5] = { 0 };
    read_item(FW_CFG_SIGNATURE, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    uint8_t id[4];
    read_item(FW_CFG_ID, id, 4);
    g_assert_cmpint(id[0], ==, 3);     /* traditional + DMA */
    g_assert_cmpint(id[1] | id[2] | id[3], ==, 0);
    /* past the end, and an unknown key: zeros */
    g_assert_cmpint(inb(0x511), ==, 0);
    outw(0x510, 0x7fff & ~0x4000);
    g_assert_cmpint(inb(0x511), ==, 0);
    /* the DMA register reads "QEMU CFG" in memory order */
    uint8_t d[8];
    address_space_read(address_space_io(), 0x514, d, 4);
    address_space_read(address_space_io(), 0x518, d + 4, 4);
    g_assert_cmpmem(d, 8, "QEMU CFG", 8);
}

static void test_integers(void)
{
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, 0x123456789aull);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, 3);
    uint8_t b[8];
    read_item(FW_CFG_RAM_SIZE, b, 8);
    const uint8_t want[8] = { 0x9a, 0x78, 0x56, 0x34, 0x12, 0, 0, 0 };
    g_assert_cmpmem(b, 8, want, 8);
    read_item(FW_CFG_NB_CPUS, b, 2);
    g_assert_cmpint(b[0], ==, 3);
    g_assert_cmpint(b[1], ==, 0);
    /* arch-local key */
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);
    read_item(FW_CFG_IRQ0_OVERRIDE, b, 4);
    g_assert_cmpint(b[0], ==, 1);
}

static void test_file_dir(void)
{
    Error *err = NULL;
    int kb = fw_cfg_add_file(fw, "etc/zeta", "zz", 2, &err);
    int ka = fw_cfg_add_file(fw, "bootorder", "/pci@i0cf8/ide@1,1/drive@0/disk@0\n", 34, &err);
    g_assert_null(err);
    g_assert_cmpint(kb, >=, FW_CFG_FILE_FIRST);
    g_assert_cmpint(ka, ==, kb + 1);
    uint8_t dir[4 + 2 * 64];
    read_item(FW_CFG_FILE_DIR, dir, sizeof(dir));
    g_assert_cmpint(dir[0] << 24 | dir[1] << 16 | dir[2] << 8 | dir[3], ==, 2);
    /* sorted: bootorder first; size be32, select be16, reserved, name[56] */
    const uint8_t *e = dir + 4;
    g_assert_cmpint(e[0] << 24 | e[1] << 16 | e[2] << 8 | e[3], ==, 34);
    g_assert_cmpint(e[4] << 8 | e[5], ==, ka);
    g_assert_cmpstr((const char *)e + 8, ==, "bootorder");
    e += 64;
    g_assert_cmpint(e[3], ==, 2);
    g_assert_cmpint(e[4] << 8 | e[5], ==, kb);
    g_assert_cmpstr((const char *)e + 8, ==, "etc/zeta");
    /* replacing keeps the key */
    g_assert_cmpint(fw_cfg_add_file(fw, "etc/zeta", "zzz", 3, &err), ==, kb);
    char name[80];
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = 0;
    g_assert_cmpint(fw_cfg_add_file(fw, name, "", 0, &err), ==, -1);
    g_assert_nonnull(err);
    error_free(err);
}

static void test_dma(void)
{
    const char blob[] = "0123456789abcdef";
    fw_cfg_add_bytes(fw, FW_CFG_CMDLINE_DATA, blob, 16);
    memset(ram_ptr + BUF, 0xee, 64);
    /* select + read 10 */
    g_assert_cmphex(dma(FW_CFG_CMDLINE_DATA << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ,
                        10, BUF), ==, 0);
    g_assert_cmpmem(ram_ptr + BUF, 10, blob, 10);
    g_assert_cmpint(ram_ptr[BUF + 10], ==, 0xee);
    /* skip 2, then read 8: 4 bytes of data, 4 zeros past the end */
    g_assert_cmphex(dma(FW_CFG_DMA_CTL_SKIP, 2, 0), ==, 0);
    g_assert_cmphex(dma(FW_CFG_DMA_CTL_READ, 8, BUF + 32), ==, 0);
    g_assert_cmpmem(ram_ptr + BUF + 32, 4, "cdef", 4);
    const uint8_t zeros[4] = { 0 };
    g_assert_cmpmem(ram_ptr + BUF + 36, 4, zeros, 4);
    /* the traditional port continues at the same offset (at the end now) */
    g_assert_cmpint(inb(0x511), ==, 0);
    /* writes are refused */
    g_assert_cmphex(dma(FW_CFG_CMDLINE_DATA << 16 | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_WRITE,
                        4, BUF), ==, FW_CFG_DMA_CTL_ERROR);
    g_assert_cmpmem(ram_ptr + BUF, 4, "0123", 4);
    /* select alone resets the offset */
    g_assert_cmphex(dma(FW_CFG_CMDLINE_DATA << 16 | FW_CFG_DMA_CTL_SELECT, 0, 0), ==, 0);
    g_assert_cmpint(inb(0x511), ==, '0');
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &error_fatal);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    ram_ptr = memory_region_get_ram_ptr(&ram);
    fw = fw_cfg_init_io(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE, address_space_memory(), &error_fatal);
    g_test_add_func("/fw_cfg/signature", test_signature);
    g_test_add_func("/fw_cfg/integers", test_integers);
    g_test_add_func("/fw_cfg/file-dir", test_file_dir);
    g_test_add_func("/fw_cfg/dma", test_dma);
    return g_test_run();
}
