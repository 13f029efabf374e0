/*
 * table-loader.c — commands of the fw_cfg "etc/table-loader" script
 * (include/hw/acpi/table-loader.h has the format).  Each call appends one
 * 128-byte entry; the script is a plain byte array the board registers as a
 * fw_cfg file.
 */
#include "hw/acpi/table-loader.h"

#include <string.h>

static uint8_t *loader_entry(GByteArray *script, enum TableLoaderCommand cmd)
{
    guint at = script->len;
    g_byte_array_set_size(script, at + TABLE_LOADER_ENTRY_SIZE);
    uint8_t *e = script->data + at;
    memset(e, 0, TABLE_LOADER_ENTRY_SIZE);
    e[0] = cmd;
    return e;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static void put_name(uint8_t *p, const char *name)
{
    g_assert(strlen(name) < TABLE_LOADER_FILESZ);
    memcpy(p, name, strlen(name));
}

void table_loader_allocate(GByteArray *script, const char *file, uint32_t align,
                           enum TableLoaderZone zone)
{
    uint8_t *e = loader_entry(script, TABLE_LOADER_ALLOCATE);
    put_name(e + 4, file);
    put_le32(e + 4 + TABLE_LOADER_FILESZ, align);
    e[4 + TABLE_LOADER_FILESZ + 4] = zone;
}

void table_loader_add_pointer(GByteArray *script, const char *dest, const char *src,
                              uint32_t offset, uint8_t size)
{
    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    uint8_t *e = loader_entry(script, TABLE_LOADER_ADD_POINTER);
    put_name(e + 4, dest);
    put_name(e + 4 + TABLE_LOADER_FILESZ, src);
    put_le32(e + 4 + 2 * TABLE_LOADER_FILESZ, offset);
    e[4 + 2 * TABLE_LOADER_FILESZ + 4] = size;
}

void table_loader_add_checksum(GByteArray *script, const char *file, uint32_t offset,
                               uint32_t start, uint32_t length)
{
    uint8_t *e = loader_entry(script, TABLE_LOADER_ADD_CHECKSUM);
    put_name(e + 4, file);
    put_le32(e + 4 + TABLE_LOADER_FILESZ, offset);
    put_le32(e + 4 + TABLE_LOADER_FILESZ + 4, start);
    put_le32(e + 4 + TABLE_LOADER_FILESZ + 8, length);
}
