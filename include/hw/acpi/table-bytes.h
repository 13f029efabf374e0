/*
 * table-bytes.h — writing firmware tables (ACPI, the MP table) into a
 * GByteArray: little-endian fields at an offset, zeroed space appended,
 * blank-padded ASCII ids.  Offsets, not pointers, because appending may
 * move the array's data.
 */
#ifndef HW_ACPI_TABLE_BYTES_H
#define HW_ACPI_TABLE_BYTES_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

/* The n low bytes of v, little-endian, at off. */
static inline void table_put_le(GByteArray *b, unsigned off, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        b->data[off + i] = v >> (8 * i);
    }
}

/* n zero bytes at the end; returns their offset. */
static inline unsigned table_append_zero(GByteArray *b, unsigned n)
{
    unsigned off = b->len;
    g_byte_array_set_size(b, off + n);
    memset(b->data + off, 0, n);
    return off;
}

static inline void table_append_le(GByteArray *b, uint64_t v, int n)
{
    table_put_le(b, table_append_zero(b, n), v, n);
}

/* s in n bytes at off, padded with blanks (OEM and product ids). */
static inline void table_put_padded(GByteArray *b, unsigned off, const char *s, size_t n)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < n; i++) {
        b->data[off + i] = i < len ? s[i] : ' ';
    }
}

#endif
