/*
 * aml.c — the AML writer of include/hw/acpi/aml.h: encodings of ACPI 6.x
 * chapter 20 (20.2 "AML Grammar Definition") and of the resource
 * descriptors of 6.4.
 *
 * The only subtle part is PkgLength (20.2.4): a 1- to 4-byte length that
 * counts itself and everything up to the end of the object.  aml_*_begin
 * writes the opcode and remembers where the contents start; aml_end
 * measures them and inserts the shortest encoding there.
 */
#include "hw/acpi/aml.h"

#include <string.h>

/* Opcodes (20.3). */
enum {
    AML_ZERO = 0x00,
    AML_ONE = 0x01,
    AML_NAME = 0x08,
    AML_BYTE_PREFIX = 0x0a,
    AML_WORD_PREFIX = 0x0b,
    AML_DWORD_PREFIX = 0x0c,
    AML_STRING_PREFIX = 0x0d,
    AML_QWORD_PREFIX = 0x0e,
    AML_SCOPE = 0x10,
    AML_BUFFER = 0x11,
    AML_PACKAGE = 0x12,
    AML_METHOD = 0x14,
    AML_DUAL_NAME_PREFIX = 0x2e,
    AML_MULTI_NAME_PREFIX = 0x2f,
    AML_EXT_PREFIX = 0x5b,
    AML_ROOT_CHAR = 0x5c,
    AML_PARENT_PREFIX = 0x5e,
    AML_LOCAL0 = 0x60,
    AML_ARG0 = 0x68,
    AML_IF = 0xa0,
    AML_ELSE = 0xa1,
    AML_ONES = 0xff,
    /* after AML_EXT_PREFIX */
    AML_EXT_OP_REGION = 0x80,
    AML_EXT_FIELD = 0x81,
    AML_EXT_DEVICE = 0x82,
};

Aml *aml_new(void)
{
    Aml *a = g_new0(Aml, 1);
    a->buf = g_byte_array_new();
    return a;
}

GByteArray *aml_finish(Aml *a)
{
    g_assert(a->depth == 0);
    GByteArray *b = a->buf;
    g_free(a);
    return b;
}

static void aml_byte(Aml *a, uint8_t b)
{
    g_byte_array_append(a->buf, &b, 1);
}

void aml_bytes(Aml *a, const void *p, size_t len)
{
    g_byte_array_append(a->buf, p, len);
}

static void aml_le(Aml *a, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        aml_byte(a, v >> (8 * i));
    }
}

static void aml_begin(Aml *a)
{
    g_assert(a->depth < AML_MAX_DEPTH);
    a->open[a->depth++] = a->buf->len;
}

void aml_end(Aml *a)
{
    g_assert(a->depth > 0);
    unsigned start = a->open[--a->depth];
    size_t len = a->buf->len - start;
    uint8_t enc[4];
    int n;
    /* the length counts its own bytes: pick the smallest encoding that fits */
    if (len + 1 < 0x40) {
        n = 1;
        enc[0] = len + 1;
    } else {
        n = len + 2 < 0x1000 ? 2 : len + 3 < 0x100000 ? 3 : 4;
        size_t total = len + n;
        g_assert(total < 0x10000000);
        enc[0] = (n - 1) << 6 | (total & 0x0f);
        for (int i = 1; i < n; i++) {
            enc[i] = total >> (4 + 8 * (i - 1));
        }
    }
    g_byte_array_set_size(a->buf, a->buf->len + n);
    memmove(a->buf->data + start + n, a->buf->data + start, len);
    memcpy(a->buf->data + start, enc, n);
}

/* ---- data ------------------------------------------------------------------ */

void aml_int(Aml *a, uint64_t v)
{
    if (v == 0) {
        aml_byte(a, AML_ZERO);
    } else if (v == 1) {
        aml_byte(a, AML_ONE);
    } else if (v == UINT64_MAX) {
        aml_byte(a, AML_ONES);
    } else if (v <= 0xff) {
        aml_byte(a, AML_BYTE_PREFIX);
        aml_le(a, v, 1);
    } else if (v <= 0xffff) {
        aml_byte(a, AML_WORD_PREFIX);
        aml_le(a, v, 2);
    } else if (v <= 0xffffffff) {
        aml_byte(a, AML_DWORD_PREFIX);
        aml_le(a, v, 4);
    } else {
        aml_byte(a, AML_QWORD_PREFIX);
        aml_le(a, v, 8);
    }
}

void aml_string(Aml *a, const char *s)
{
    aml_byte(a, AML_STRING_PREFIX);
    aml_bytes(a, s, strlen(s) + 1);
}

static int hexval(char c)
{
    return g_ascii_xdigit_value(c);
}

/* EISA ids (6.1.5): three letters in 5 bits each, then four hex digits, stored big-endian. */
void aml_eisaid(Aml *a, const char *id)
{
    g_assert(strlen(id) == 7);
    uint32_t l0 = id[0] - 0x40, l1 = id[1] - 0x40, l2 = id[2] - 0x40;
    uint8_t b[4] = {
        (uint8_t)(l0 << 2 | l1 >> 3),
        (uint8_t)((l1 << 5 & 0xe0) | l2),
        (uint8_t)(hexval(id[3]) << 4 | hexval(id[4])),
        (uint8_t)(hexval(id[5]) << 4 | hexval(id[6])),
    };
    aml_byte(a, AML_DWORD_PREFIX);
    aml_bytes(a, b, 4);
}

static void aml_nameseg(Aml *a, const char *seg, size_t len)
{
    g_assert(len >= 1 && len <= 4);
    char s[4] = { '_', '_', '_', '_' };
    memcpy(s, seg, len);
    aml_bytes(a, s, 4);
}

void aml_namestring(Aml *a, const char *path)
{
    if (*path == '\\') {
        aml_byte(a, AML_ROOT_CHAR);
        path++;
    }
    while (*path == '^') {
        aml_byte(a, AML_PARENT_PREFIX);
        path++;
    }
    if (!*path) {
        aml_byte(a, AML_ZERO);         /* NullName */
        return;
    }
    char **segs = g_strsplit(path, ".", -1);
    int n = g_strv_length(segs);
    if (n == 2) {
        aml_byte(a, AML_DUAL_NAME_PREFIX);
    } else if (n > 2) {
        aml_byte(a, AML_MULTI_NAME_PREFIX);
        aml_byte(a, n);
    }
    for (int i = 0; i < n; i++) {
        aml_nameseg(a, segs[i], strlen(segs[i]));
    }
    g_strfreev(segs);
}

void aml_arg(Aml *a, int n)
{
    g_assert(n >= 0 && n <= 6);
    aml_byte(a, AML_ARG0 + n);
}

void aml_local(Aml *a, int n)
{
    g_assert(n >= 0 && n <= 7);
    aml_byte(a, AML_LOCAL0 + n);
}

void aml_null_target(Aml *a)
{
    aml_byte(a, AML_ZERO);
}

/* ---- named objects ------------------------------------------------------------ */

void aml_name_decl(Aml *a, const char *name)
{
    aml_byte(a, AML_NAME);
    aml_namestring(a, name);
}

void aml_scope_begin(Aml *a, const char *name)
{
    aml_byte(a, AML_SCOPE);
    aml_begin(a);
    aml_namestring(a, name);
}

void aml_device_begin(Aml *a, const char *name)
{
    aml_byte(a, AML_EXT_PREFIX);
    aml_byte(a, AML_EXT_DEVICE);
    aml_begin(a);
    aml_namestring(a, name);
}

void aml_method_begin(Aml *a, const char *name, int nargs, bool serialized)
{
    g_assert(nargs >= 0 && nargs <= 7);
    aml_byte(a, AML_METHOD);
    aml_begin(a);
    aml_namestring(a, name);
    aml_byte(a, nargs | (serialized ? 0x08 : 0));
}

void aml_package_begin(Aml *a, int nelems)
{
    g_assert(nelems >= 0 && nelems <= 0xff);
    aml_byte(a, AML_PACKAGE);
    aml_begin(a);
    aml_byte(a, nelems);
}

void aml_buffer(Aml *a, const void *data, size_t len)
{
    aml_byte(a, AML_BUFFER);
    aml_begin(a);
    aml_int(a, len);
    aml_bytes(a, data, len);
    aml_end(a);
}

void aml_if_begin(Aml *a)
{
    aml_byte(a, AML_IF);
    aml_begin(a);
}

void aml_else_begin(Aml *a)
{
    aml_byte(a, AML_ELSE);
    aml_begin(a);
}

void aml_operation_region(Aml *a, const char *name, int space, uint64_t offset, uint64_t len)
{
    aml_byte(a, AML_EXT_PREFIX);
    aml_byte(a, AML_EXT_OP_REGION);
    aml_namestring(a, name);
    aml_byte(a, space);
    aml_int(a, offset);
    aml_int(a, len);
}

void aml_field_begin(Aml *a, const char *region, uint8_t flags)
{
    aml_byte(a, AML_EXT_PREFIX);
    aml_byte(a, AML_EXT_FIELD);
    aml_begin(a);
    aml_namestring(a, region);
    aml_byte(a, flags);
}

void aml_field_unit(Aml *a, const char *name, unsigned bits)
{
    g_assert(bits > 0 && bits < 0x40);  /* a one-byte PkgLength holds the bit count */
    aml_nameseg(a, name, strlen(name));
    aml_byte(a, bits);
}

void aml_op(Aml *a, enum AmlOp op)
{
    aml_byte(a, op);
}

/* ---- resource descriptors (6.4) ---------------------------------------------------- */

static void res_le(GByteArray *r, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        uint8_t b = v >> (8 * i);
        g_byte_array_append(r, &b, 1);
    }
}

/* I/O port descriptor (6.4.2.5), 16-bit decode. */
void aml_res_io(GByteArray *r, uint16_t min, uint16_t max, uint8_t align, uint8_t len)
{
    res_le(r, 0x47, 1);
    res_le(r, 0x01, 1);
    res_le(r, min, 2);
    res_le(r, max, 2);
    res_le(r, align, 1);
    res_le(r, len, 1);
}

/* IRQ descriptor without flags (6.4.2.1): edge, active high, exclusive. */
void aml_res_irq_noflags(GByteArray *r, uint16_t mask)
{
    res_le(r, 0x22, 1);
    res_le(r, mask, 2);
}

/* Extended interrupt descriptor (6.4.3.6). */
void aml_res_interrupt(GByteArray *r, bool level, bool active_low, bool shared,
                       const uint32_t *irqs, int n)
{
    res_le(r, 0x89, 1);
    res_le(r, 2 + 4 * n, 2);
    res_le(r, 0x01 | (level ? 0 : 0x02) | (active_low ? 0x04 : 0) | (shared ? 0x08 : 0), 1);
    res_le(r, n, 1);
    for (int i = 0; i < n; i++) {
        res_le(r, irqs[i], 4);
    }
}

/*
 * Address space descriptors (6.4.3.5): a producer (the bridge decodes the
 * range for its children) with fixed minimum and maximum.
 */
enum { RES_TYPE_MEMORY = 0, RES_TYPE_IO = 1, RES_TYPE_BUS = 2 };
#define RES_FLAGS_PRODUCER_FIXED 0x0c

static void res_word(GByteArray *r, int type, uint8_t tflags, uint16_t min, uint16_t max)
{
    res_le(r, 0x88, 1);
    res_le(r, 0x0d, 2);
    res_le(r, type, 1);
    res_le(r, RES_FLAGS_PRODUCER_FIXED, 1);
    res_le(r, tflags, 1);
    res_le(r, 0, 2);                   /* granularity */
    res_le(r, min, 2);
    res_le(r, max, 2);
    res_le(r, 0, 2);                   /* translation */
    res_le(r, max - min + 1, 2);
}

void aml_res_word_bus(GByteArray *r, uint16_t min, uint16_t max)
{
    res_word(r, RES_TYPE_BUS, 0, min, max);
}

void aml_res_word_io(GByteArray *r, uint16_t min, uint16_t max)
{
    res_word(r, RES_TYPE_IO, 0x03, min, max);   /* entire range */
}

/* Memory: read/write, cacheable. */
#define RES_MEM_TFLAGS 0x03

void aml_res_dword_memory(GByteArray *r, uint32_t min, uint32_t max)
{
    res_le(r, 0x87, 1);
    res_le(r, 0x17, 2);
    res_le(r, RES_TYPE_MEMORY, 1);
    res_le(r, RES_FLAGS_PRODUCER_FIXED, 1);
    res_le(r, RES_MEM_TFLAGS, 1);
    res_le(r, 0, 4);
    res_le(r, min, 4);
    res_le(r, max, 4);
    res_le(r, 0, 4);
    res_le(r, (uint64_t)max - min + 1, 4);
}

void aml_res_qword_memory(GByteArray *r, uint64_t min, uint64_t max)
{
    res_le(r, 0x8a, 1);
    res_le(r, 0x2b, 2);
    res_le(r, RES_TYPE_MEMORY, 1);
    res_le(r, RES_FLAGS_PRODUCER_FIXED, 1);
    res_le(r, RES_MEM_TFLAGS, 1);
    res_le(r, 0, 8);
    res_le(r, min, 8);
    res_le(r, max, 8);
    res_le(r, 0, 8);
    res_le(r, max - min + 1, 8);
}

/* 32-bit fixed memory range descriptor (6.4.3.4). */
void aml_res_memory32_fixed(GByteArray *r, uint32_t base, uint32_t len, bool writable)
{
    res_le(r, 0x86, 1);
    res_le(r, 0x09, 2);
    res_le(r, writable ? 1 : 0, 1);
    res_le(r, base, 4);
    res_le(r, len, 4);
}

/* End tag (6.4.2.9): checksum 0 means "treat as correct". */
void aml_res_end(GByteArray *r)
{
    res_le(r, 0x79, 1);
    res_le(r, 0x00, 1);
}
