/*
 * emu-blockio.c — a test helper that drives the block layer from scripts:
 *
 *   emu-blockio write IMAGE OFFSET FILE
 *       write FILE's bytes at OFFSET (through backing chains, allocating)
 *   emu-blockio crash-writer IMAGE SEED LOG EVERY
 *       random allocation-heavy writes forever; after every EVERY writes a
 *       flush, then the write count is appended to LOG (and LOG fsynced):
 *       a count in LOG means those writes are acknowledged and durable
 *   emu-blockio crash-verify IMAGE SEED LOG EVERY
 *       rebuild the expected contents from the same generator; bytes not
 *       touched by a write after the last logged flush must match exactly
 *
 * The generator is a fixed xorshift, so writer and verifier agree.
 */
#include "block/block.h"
#include "util/error.h"
#include "util/option.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* The i-th write of a run: where, how long, and its bytes. */
static void nth_write(uint64_t seed, uint64_t i, uint64_t size, uint64_t *off, uint64_t *len,
                      uint8_t *buf)
{
    uint64_t s = seed * 0x9e3779b97f4a7c15ull + i * 0xbf58476d1ce4e5b9ull + 1;
    for (int k = 0; k < 4; k++) {
        xorshift(&s);
    }
    *len = 1 + xorshift(&s) % (128 * 1024);
    *off = xorshift(&s) % (size - *len);
    for (uint64_t j = 0; j < *len; j += 8) {
        uint64_t v = xorshift(&s);
        memcpy(buf + j, &v, MIN(8, *len - j));
    }
}

static BlockDriverState *open_or_die(const char *path, int flags)
{
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, NULL, flags, &err);
    if (!bs) {
        error_report_err(err);
        exit(1);
    }
    return bs;
}

static int cmd_write(char **argv)
{
    gchar *data;
    gsize len;
    uint64_t off;
    Error *err = NULL;
    if (!parse_uint64(argv[3], &off, &err)) {
        error_report_err(err);
        return 1;
    }
    if (!g_file_get_contents(argv[4], &data, &len, NULL)) {
        error_report("cannot read %s", argv[4]);
        return 1;
    }
    BlockDriverState *bs = open_or_die(argv[2], BDRV_O_RDWR);
    int r = bdrv_pwrite(bs, off, data, len);
    if (r < 0) {
        error_report("write failed: %s", strerror(-r));
    }
    bdrv_close(bs);
    g_free(data);
    return r < 0;
}

static int cmd_crash_writer(char **argv)
{
    uint64_t seed = strtoull(argv[3], NULL, 0), every = strtoull(argv[5], NULL, 0);
    BlockDriverState *bs = open_or_die(argv[2], BDRV_O_RDWR);
    int log = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    uint8_t *buf = g_malloc(128 * 1024 + 8);
    uint64_t size = bdrv_getlength(bs);
    if (size < 1 << 20) {
        error_report("%s: the crash test wants an image of at least 1 MiB", argv[2]);
        return 1;
    }
    for (uint64_t i = 0;; i++) {
        uint64_t off, len;
        nth_write(seed, i, size, &off, &len, buf);
        int r = bdrv_pwrite(bs, off, buf, len);
        if (r < 0) {
            error_report("write %llu failed: %s", (unsigned long long)i, strerror(-r));
            return 1;
        }
        if ((i + 1) % every == 0) {
            if ((r = bdrv_flush(bs)) < 0) {
                error_report("flush failed: %s", strerror(-r));
                return 1;
            }
            char line[32];
            int n = snprintf(line, sizeof(line), "%llu\n", (unsigned long long)(i + 1));
            if (write(log, line, n) != n || fsync(log) < 0) {
                return 1;
            }
        }
    }
}

static int cmd_crash_verify(char **argv)
{
    uint64_t seed = strtoull(argv[3], NULL, 0), every = strtoull(argv[5], NULL, 0);
    gchar *logtext = NULL;
    uint64_t acked = 0;
    if (g_file_get_contents(argv[4], &logtext, NULL, NULL)) {
        char **lines = g_strsplit(logtext, "\n", -1);
        for (char **l = lines; *l; l++) {
            if (**l) {
                acked = strtoull(*l, NULL, 10);
            }
        }
        g_strfreev(lines);
        g_free(logtext);
    }
    BlockDriverState *bs = open_or_die(argv[2], 0);
    uint64_t size = bdrv_getlength(bs);
    if (size < 1 << 20) {
        error_report("%s: the crash test wants an image of at least 1 MiB", argv[2]);
        return 1;
    }
    uint8_t *model = g_malloc0(size), *maybe = g_malloc0(size);
    uint8_t *buf = g_malloc(128 * 1024 + 8);
    for (uint64_t i = 0; i < acked + every; i++) {
        uint64_t off, len;
        nth_write(seed, i, size, &off, &len, buf);
        if (i < acked) {
            memcpy(model + off, buf, len);
        } else {
            memset(maybe + off, 1, len);   /* in flight: any outcome allowed */
        }
    }
    uint8_t *img = g_malloc(size);
    int r = bdrv_pread(bs, 0, img, size);
    int bad = 0;
    for (uint64_t j = 0; r == 0 && j < size; j++) {
        if (!maybe[j] && img[j] != model[j]) {
            if (bad++ < 5) {
                error_report("byte %llu: %02x, expected %02x", (unsigned long long)j, img[j],
                             model[j]);
            }
        }
    }
    printf("%llu acknowledged writes verified%s\n", (unsigned long long)acked,
           bad ? ": MISMATCH" : "");
    bdrv_close(bs);
    return r < 0 || bad;
}

int main(int argc, char **argv)
{
    error_set_progname(argv[0]);
    if (argc == 5 && !strcmp(argv[1], "write")) {
        return cmd_write(argv);
    }
    if (argc == 6 && !strcmp(argv[1], "crash-writer")) {
        return cmd_crash_writer(argv);
    }
    if (argc == 6 && !strcmp(argv[1], "crash-verify")) {
        return cmd_crash_verify(argv);
    }
    fprintf(stderr, "usage: emu-blockio write IMAGE OFFSET FILE\n"
                    "       emu-blockio crash-writer|crash-verify IMAGE SEED LOG EVERY\n");
    return 2;
}
