/*
 * fw_cfg.h — QEMU's firmware configuration device ("fw_cfg_io"), the
 * channel through which SeaBIOS and the Linux option ROMs learn the
 * machine's RAM size, CPU count, boot order, e820 map, ACPI tables and a
 * -kernel/-initrd/-append to boot.  The guest interface follows QEMU's
 * docs/specs/fw_cfg: selector (16-bit, little endian) at iobase, data
 * (byte reads from the selected item's current offset) at iobase + 1, and
 * the DMA address register (64-bit, big endian; a write of the low half at
 * dma_iobase + 4, or of all 8 bytes, starts the transfer) at dma_iobase,
 * which reads back the signature "QEMU CFG".
 *
 * Board use:
 *
 *     FWCfgState *fw = fw_cfg_init_io(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
 *                                     address_space_memory(), &error_fatal);
 *     fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, ms->ram_size);
 *     fw_cfg_add_file(fw, "etc/e820", table, size);     // copied
 *
 * Items are read-only for the guest; a DMA write sets the error bit.
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "exec/memory.h"

#define TYPE_FW_CFG_IO "fw_cfg_io"

#define FW_CFG_IO_BASE 0x510
#define FW_CFG_DMA_IO_BASE 0x514

/* Item keys (QEMU docs/specs/fw_cfg, "Selector Register"). */
enum FWCfgKey {
    FW_CFG_SIGNATURE = 0x00,           /* "QEMU" */
    FW_CFG_ID = 0x01,                  /* le32: bit 0 traditional, bit 1 DMA */
    FW_CFG_UUID = 0x02,
    FW_CFG_RAM_SIZE = 0x03,            /* le64 */
    FW_CFG_NOGRAPHIC = 0x04,           /* le16 */
    FW_CFG_NB_CPUS = 0x05,             /* le16 */
    FW_CFG_MACHINE_ID = 0x06,
    FW_CFG_KERNEL_ADDR = 0x07,         /* le32 */
    FW_CFG_KERNEL_SIZE = 0x08,         /* le32 */
    FW_CFG_KERNEL_CMDLINE = 0x09,      /* le32: command line address (legacy) */
    FW_CFG_INITRD_ADDR = 0x0a,         /* le32 */
    FW_CFG_INITRD_SIZE = 0x0b,         /* le32 */
    FW_CFG_BOOT_DEVICE = 0x0c,         /* le16 */
    FW_CFG_NUMA = 0x0d,                /* le64 node count, then per-CPU and per-node data */
    FW_CFG_BOOT_MENU = 0x0e,           /* le16 */
    FW_CFG_MAX_CPUS = 0x0f,            /* le16 */
    FW_CFG_KERNEL_ENTRY = 0x10,        /* le32 */
    FW_CFG_KERNEL_DATA = 0x11,         /* blob: the protected-mode kernel */
    FW_CFG_INITRD_DATA = 0x12,         /* blob */
    FW_CFG_CMDLINE_ADDR = 0x13,        /* le32 */
    FW_CFG_CMDLINE_SIZE = 0x14,        /* le32, the NUL included */
    FW_CFG_CMDLINE_DATA = 0x15,        /* blob, NUL-terminated */
    FW_CFG_SETUP_ADDR = 0x16,          /* le32 */
    FW_CFG_SETUP_SIZE = 0x17,          /* le32 */
    FW_CFG_SETUP_DATA = 0x18,          /* blob: the real-mode setup code */
    FW_CFG_FILE_DIR = 0x19,            /* be32 count, then FWCfgFile entries */
    FW_CFG_FILE_FIRST = 0x20,          /* named files from here */
    FW_CFG_FILE_SLOTS = 0x20,          /* how many (QEMU's old default) */
    FW_CFG_ARCH_LOCAL = 0x8000,
    /* x86 (QEMU hw/i386): arch-local keys SeaBIOS reads */
    FW_CFG_ACPI_TABLES = 0x8000,
    FW_CFG_SMBIOS_ENTRIES = 0x8001,
    FW_CFG_IRQ0_OVERRIDE = 0x8002,     /* le32 */
    FW_CFG_E820_TABLE = 0x8003,        /* le32 count, then reserved entries */
    FW_CFG_HPET = 0x8004,
};

/* FW_CFG_ID bits */
#define FW_CFG_VERSION 0x01
#define FW_CFG_VERSION_DMA 0x02

/* DMA control word bits (FWCfgDmaAccess.control, big endian in guest memory) */
enum {
    FW_CFG_DMA_CTL_ERROR = 0x01,
    FW_CFG_DMA_CTL_READ = 0x02,
    FW_CFG_DMA_CTL_SKIP = 0x04,
    FW_CFG_DMA_CTL_SELECT = 0x08,      /* the selector is in bits 31:16 */
    FW_CFG_DMA_CTL_WRITE = 0x10,
};
#define FW_CFG_DMA_SIGNATURE 0x51454d5520434647ull   /* "QEMU CFG" */
#define FW_CFG_MAX_FILE_PATH 56

typedef struct FWCfgState FWCfgState;

/* The device on the port space, DMA into as.  One per machine. */
FWCfgState *fw_cfg_init_io(uint16_t iobase, uint16_t dma_iobase, AddressSpace *as,
                           Error **errp);
/* The machine's fw_cfg (NULL when it has none). */
FWCfgState *fw_cfg_find(void);

/* Set item key to a copy of len bytes (replacing what was there). */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data, size_t len);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t v);   /* little endian */
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t v);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t v);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *str);  /* NUL included */
/* Take ownership of a g_malloc'd buffer instead of copying it (large blobs). */
void fw_cfg_add_bytes_owned(FWCfgState *s, uint16_t key, void *data, size_t len);
/*
 * A named file (a copy; a second file of the same name replaces it).
 * Returns its key, or -1 with an error when the name is too long or the
 * directory is full.
 */
int fw_cfg_add_file(FWCfgState *s, const char *name, const void *data, size_t len,
                    Error **errp);
/* The bytes of item key (NULL when absent), for tests and the board. */
const uint8_t *fw_cfg_get(FWCfgState *s, uint16_t key, size_t *len);

#endif
