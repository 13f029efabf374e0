/*
 * test-loader.c — the generic loaders against files built here byte by
 * byte from the formats' specifications: ELF32 big-endian and ELF64
 * little-endian executables (segments, bss, entry, e_machine check,
 * corrupt headers that must leave memory untouched), uImages (CRC-32
 * computed by a bitwise reference, not zlib; raw and gzip payloads; bad
 * checksums, truncation) and raw images.
 */
#include "exec/memory.h"
#include "hw/loader.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

static MemoryRegion ram;
static char *dir;

static uint8_t *mem(uint64_t addr)
{
    return (uint8_t *)memory_region_get_ram_ptr(&ram) + addr;
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    g_assert(g_file_set_contents(path, data, len, NULL));
    return path;
}

static void put(uint8_t *p, uint64_t v, int size, bool big)
{
    for (int i = 0; i < size; i++) {
        p[big ? size - 1 - i : i] = v >> (8 * i);
    }
}

/* An executable with two segments: code (filesz 16) and data+bss (filesz 4, memsz 64). */
static size_t make_elf(uint8_t *f, bool is64, bool big, uint16_t machine, uint64_t entry)
{
    memset(f, 0, 512);
    memcpy(f, "\x7f" "ELF", 4);
    f[4] = is64 ? 2 : 1;
    f[5] = big ? 2 : 1;
    f[6] = 1;
    put(f + 16, 2, 2, big);                    /* ET_EXEC */
    put(f + 18, machine, 2, big);
    put(f + 20, 1, 4, big);
    size_t ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32;
    size_t phoff = ehsize, data = 256;
    if (is64) {
        put(f + 24, entry, 8, big);
        put(f + 32, phoff, 8, big);
        put(f + 52, ehsize, 2, big);
        put(f + 54, phsize, 2, big);
        put(f + 56, 2, 2, big);
    } else {
        put(f + 24, entry, 4, big);
        put(f + 28, phoff, 4, big);
        put(f + 40, ehsize, 2, big);
        put(f + 42, phsize, 2, big);
        put(f + 44, 2, 2, big);
    }
    static const struct {
        uint64_t off, paddr, filesz, memsz;
    } seg[2] = { { 256, 0x1000, 16, 16 }, { 272, 0x3000, 4, 64 } };
    for (int i = 0; i < 2; i++) {
        uint8_t *ph = f + phoff + i * phsize;
        put(ph, 1, 4, big);                    /* PT_LOAD */
        if (is64) {
            put(ph + 8, seg[i].off, 8, big);
            put(ph + 16, seg[i].paddr + 0x80000000, 8, big);   /* vaddr differs */
            put(ph + 24, seg[i].paddr, 8, big);
            put(ph + 32, seg[i].filesz, 8, big);
            put(ph + 40, seg[i].memsz, 8, big);
        } else {
            put(ph + 4, seg[i].off, 4, big);
            put(ph + 8, seg[i].paddr + 0x80000000, 4, big);
            put(ph + 12, seg[i].paddr, 4, big);
            put(ph + 16, seg[i].filesz, 4, big);
            put(ph + 20, seg[i].memsz, 4, big);
        }
    }
    for (int i = 0; i < 20; i++) {
        f[data + i] = 0xa0 + i;
    }
    return 292;
}

static void test_elf(void)
{
    for (int variant = 0; variant < 2; variant++) {
        bool is64 = variant == 0, big = variant == 1;
        uint8_t f[512];
        size_t len = make_elf(f, is64, big, 40, 0x1004);
        char *path = write_file("a.elf", f, len);
        memset(mem(0), 0x55, 0x4000);
        uint64_t entry = 0, lo = 0, hi = 0;
        Error *err = NULL;
        g_assert(load_file_is_elf(path));
        g_assert(load_elf(path, address_space_memory(), 40, &entry, &lo, &hi, &err));
        g_assert_cmphex(entry, ==, 0x1004);
        g_assert_cmphex(lo, ==, 0x1000);
        g_assert_cmphex(hi, ==, 0x3040);
        for (int i = 0; i < 16; i++) {
            g_assert_cmphex(*mem(0x1000 + i), ==, 0xa0 + i);
        }
        for (int i = 0; i < 4; i++) {
            g_assert_cmphex(*mem(0x3000 + i), ==, 0xb0 + i);
        }
        for (int i = 4; i < 64; i++) {
            g_assert_cmphex(*mem(0x3000 + i), ==, 0);      /* bss */
        }
        g_assert_cmphex(*mem(0x3040), ==, 0x55);            /* nothing past it */
        g_assert_cmphex(*mem(0xfff), ==, 0x55);

        /* wrong machine, corrupt headers: an error and memory untouched */
        memset(mem(0), 0x55, 0x4000);
        g_assert_false(load_elf(path, address_space_memory(), 3, NULL, NULL, NULL, &err));
        g_assert_nonnull(strstr(error_get_pretty(err), "expected 3"));
        error_free(err);
        err = NULL;
        uint8_t bad[512];
        memcpy(bad, f, sizeof(bad));
        /* second segment's filesz beyond the file */
        put(bad + (is64 ? 64 + 56 + 32 : 52 + 32 + 16), 4096, is64 ? 8 : 4, big);
        g_free(path);
        path = write_file("bad.elf", bad, len);
        g_assert_false(load_elf(path, address_space_memory(), 0, NULL, NULL, NULL, &err));
        g_assert_nonnull(strstr(error_get_pretty(err), "corrupt ELF segment 1"));
        error_free(err);
        err = NULL;
        g_assert_cmphex(*mem(0x1000), ==, 0x55);           /* segment 0 not written either */
        g_free(path);
        path = write_file("short.elf", f, 40);
        g_assert_false(load_elf(path, address_space_memory(), 0, NULL, NULL, NULL, &err));
        g_assert_nonnull(strstr(error_get_pretty(err), "corrupt ELF header"));
        error_free(err);
        g_free(path);
    }
    Error *err = NULL;
    g_assert_false(load_elf("/nonexistent.elf", address_space_memory(), 0, NULL, NULL, NULL,
                            &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "/nonexistent.elf"));
    error_free(err);
}

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit. */
static uint32_t ref_crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffff;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
        }
    }
    return ~c;
}

static size_t make_uimage(uint8_t *out, const uint8_t *data, size_t len, uint8_t comp,
                          uint32_t load, uint32_t ep)
{
    memset(out, 0, 64);
    put(out, 0x27051956, 4, true);
    put(out + 12, len, 4, true);
    put(out + 16, load, 4, true);
    put(out + 20, ep, 4, true);
    put(out + 24, ref_crc32(data, len), 4, true);
    out[28] = 5;                   /* Linux */
    out[29] = 2;                   /* ARM */
    out[30] = 2;                   /* kernel */
    out[31] = comp;
    strcpy((char *)out + 32, "test image");
    memcpy(out + 64, data, len);
    put(out + 4, ref_crc32(out, 64), 4, true);
    return 64 + len;
}

static void test_uimage(void)
{
    uint8_t payload[300];
    for (int i = 0; i < 300; i++) {
        payload[i] = i * 7;
    }
    uint8_t img[1024];
    size_t n = make_uimage(img, payload, sizeof(payload), 0, 0x2000, 0x2010);
    char *path = write_file("k.uimg", img, n);
    uint64_t ep, load, size;
    Error *err = NULL;
    memset(mem(0), 0, 0x4000);
    g_assert(load_uimage(path, &ep, &load, &size, &err));
    g_assert_cmphex(ep, ==, 0x2010);
    g_assert_cmphex(load, ==, 0x2000);
    g_assert_cmpuint(size, ==, 300);
    g_assert_cmpint(memcmp(mem(0x2000), payload, 300), ==, 0);
    g_free(path);

    /* gzip payload */
    uint8_t gz[600];
    z_stream z = { 0 };
    g_assert(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    z.next_in = payload;
    z.avail_in = sizeof(payload);
    z.next_out = gz;
    z.avail_out = sizeof(gz);
    g_assert(deflate(&z, Z_FINISH) == Z_STREAM_END);
    size_t gzlen = z.total_out;
    deflateEnd(&z);
    n = make_uimage(img, gz, gzlen, 1, 0x3000, 0x3000);
    path = write_file("kz.uimg", img, n);
    memset(mem(0), 0, 0x4000);
    g_assert(load_uimage(path, &ep, &load, &size, &err));
    g_assert_cmpuint(size, ==, 300);
    g_assert_cmpint(memcmp(mem(0x3000), payload, 300), ==, 0);
    g_free(path);

    /* damaged: each is refused with its reason, memory untouched */
    static const struct {
        int at;                    /* byte to flip (-1: truncate) */
        const char *msg;
    } bad[] = {
        { 0, "not a uImage" }, { 40, "header checksum" }, { 100, "data checksum" },
        { -1, "truncated" },
    };
    n = make_uimage(img, payload, sizeof(payload), 0, 0x2000, 0x2010);
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        uint8_t copy[1024];
        memcpy(copy, img, n);
        size_t len = n;
        if (bad[i].at >= 0) {
            copy[bad[i].at] ^= 0x10;
        } else {
            len -= 10;
        }
        path = write_file("bad.uimg", copy, len);
        memset(mem(0), 0, 0x4000);
        g_assert_false(load_uimage(path, NULL, NULL, NULL, &err));
        if (!strstr(error_get_pretty(err), bad[i].msg)) {
            g_test_message("%s", error_get_pretty(err));
            g_assert_not_reached();
        }
        error_free(err);
        err = NULL;
        g_assert_cmphex(*mem(0x2000), ==, 0);
        g_free(path);
    }
}

static void test_raw(void)
{
    uint8_t data[100];
    for (int i = 0; i < 100; i++) {
        data[i] = 255 - i;
    }
    char *path = write_file("raw.bin", data, sizeof(data));
    Error *err = NULL;
    g_assert(load_image_targphys(path, 0x500, 0, &err));
    g_assert_cmpint(memcmp(mem(0x500), data, 100), ==, 0);
    g_assert_false(load_image_targphys(path, 0x500, 99, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "do not fit"));
    error_free(err);
    err = NULL;
    /* outside RAM */
    g_assert_false(load_image_targphys(path, 0x10000000, 0, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "not all guest memory"));
    error_free(err);
    char *roms = rom_info_string();
    g_assert_nonnull(strstr(roms, "addr=0000000000000500 size=0x000064 mem=ram name=\"raw.bin\""));
    g_free(roms);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    dir = g_dir_make_tmp("test-loader-XXXXXX", NULL);
    memory_region_init_ram(&ram, NULL, "ram", 1 << 20, &error_fatal);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    address_space_memory();
    g_test_add_func("/loader/elf", test_elf);
    g_test_add_func("/loader/uimage", test_uimage);
    g_test_add_func("/loader/raw", test_raw);
    int r = g_test_run();
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    g_dir_close(d);
    g_rmdir(dir);
    return r;
}
