/*
 * table-loader.h — the fw_cfg "etc/table-loader" script that QEMU's
 * firmware interface defines and SeaBIOS (romfile_loader) executes: a list
 * of 128-byte commands that allocate fw_cfg files in guest memory, patch
 * pointers between them with their final addresses, and fix checksums.
 *
 *   ALLOCATE      file[56], align (u32), zone (u8: 1 high memory, 2 F-segment)
 *   ADD_POINTER   dest file[56], src file[56], offset (u32), size (u8 1/2/4/8):
 *                 the little-endian value at dest+offset += address of src
 *   ADD_CHECKSUM  file[56], offset (u32), start (u32), length (u32):
 *                 byte at offset -= sum of bytes [start, start+length)
 *
 * All fields little-endian, names NUL-padded; the rest of the 128 bytes zero.
 */
#ifndef HW_ACPI_TABLE_LOADER_H
#define HW_ACPI_TABLE_LOADER_H

#include <stdint.h>

#include <glib.h>

#define TABLE_LOADER_ENTRY_SIZE 128
#define TABLE_LOADER_FILESZ 56

enum TableLoaderCommand {
    TABLE_LOADER_ALLOCATE = 1,
    TABLE_LOADER_ADD_POINTER = 2,
    TABLE_LOADER_ADD_CHECKSUM = 3,
};

enum TableLoaderZone {
    TABLE_LOADER_ZONE_HIGH = 1,
    TABLE_LOADER_ZONE_FSEG = 2,
};

/* Append one command to script. */
void table_loader_allocate(GByteArray *script, const char *file, uint32_t align,
                           enum TableLoaderZone zone);
void table_loader_add_pointer(GByteArray *script, const char *dest, const char *src,
                              uint32_t offset, uint8_t size);
void table_loader_add_checksum(GByteArray *script, const char *file, uint32_t offset,
                               uint32_t start, uint32_t length);

#endif
