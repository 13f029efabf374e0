/*
 * test-qcow2-corrupt.c — damaged qcow2 images must be refused at open with
 * one clear error naming the problem: one case per refusal message.
 *
 * A good image is made once (64 KiB clusters, a backing file name, one
 * written cluster so that L1/L2 entries exist); each case patches one field
 * of a copy, as a table row: where, how wide, what value, which words the
 * error must contain.  The unpatched copy must open, so that every failure
 * is caused by its patch.
 */
#include "block/block.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

typedef enum { AT_HEADER, AT_L1_ENTRY, AT_RT_ENTRY, AT_TRUNCATE } Where;

typedef struct CorruptCase {
    const char *name;
    Where where;
    uint32_t offset;        /* byte offset in the header (AT_HEADER) */
    int width;              /* bytes: 1, 2, 4 or 8 */
    uint64_t value;         /* or the new file length (AT_TRUNCATE) */
    int flags;              /* open flags */
    const char *expect;     /* the error must contain this */
} CorruptCase;

/* Header offsets from the qcow2 specification. */
enum { H_VERSION = 4, H_BACKING_OFF = 8, H_BACKING_LEN = 16, H_CLUSTER_BITS = 20, H_SIZE = 24,
       H_CRYPT = 32, H_L1_SIZE = 36, H_L1_OFF = 40, H_RT_OFF = 48, H_RT_CLUSTERS = 56,
       H_NB_SN = 60, H_SN_OFF = 64, H_INCOMPAT = 72, H_REFCOUNT_ORDER = 96, H_HDR_LEN = 100 };

static const CorruptCase cases[] = {
    { "truncated-header", AT_TRUNCATE, 0, 0, 50, 0, "header is incomplete" },
    { "bad-magic", AT_HEADER, 0, 4, 0x12345678, 0, "bad magic" },
    { "version", AT_HEADER, H_VERSION, 4, 4, 0, "unsupported qcow2 version 4" },
    { "cluster-bits-small", AT_HEADER, H_CLUSTER_BITS, 4, 8, 0, "invalid cluster size" },
    { "cluster-bits-large", AT_HEADER, H_CLUSTER_BITS, 4, 22, 0, "invalid cluster size" },
    { "header-length", AT_HEADER, H_HDR_LEN, 4, 48, 0, "invalid header length" },
    { "incompat-extended-l2", AT_HEADER, H_INCOMPAT, 8, 1 << 4, 0, "extended L2 entries" },
    { "incompat-unknown", AT_HEADER, H_INCOMPAT, 8, 1ull << 40, 0,
      "unsupported incompatible feature" },
    { "encrypted", AT_HEADER, H_CRYPT, 4, 1, 0, "encrypted images are not supported" },
    { "refcount-order", AT_HEADER, H_REFCOUNT_ORDER, 4, 7, 0, "invalid refcount width" },
    /* read as a signed int, this one was negative and passed the "at most 6" check */
    { "refcount-order-negative", AT_HEADER, H_REFCOUNT_ORDER, 4, 0xffffff3f, 0,
      "invalid refcount width" },
    { "absurd-size", AT_HEADER, H_SIZE, 8, 1ull << 62, 0, "virtual size" },
    { "l1-too-small", AT_HEADER, H_L1_SIZE, 4, 0, 0, "L1 table is too small" },
    { "l1-too-large", AT_HEADER, H_L1_SIZE, 4, 0x10000000, 0, "L1 table is too large" },
    { "l1-misaligned", AT_HEADER, H_L1_OFF, 8, 0x30200, 0, "L1 table offset is not aligned" },
    { "l1-past-end", AT_HEADER, H_L1_OFF, 8, 1ull << 40, 0,
      "L1 table extends past the end of the file" },
    { "l1-over-header", AT_HEADER, H_L1_OFF, 8, 0, 0, "overlaps the header cluster" },
    { "rt-empty", AT_HEADER, H_RT_CLUSTERS, 4, 0, 0, "refcount table is empty" },
    { "rt-too-large", AT_HEADER, H_RT_CLUSTERS, 4, 1000, 0, "refcount table is too large" },
    { "rt-misaligned", AT_HEADER, H_RT_OFF, 8, 0x10010, 0,
      "refcount table offset is not aligned" },
    { "rt-past-end", AT_HEADER, H_RT_OFF, 8, 1ull << 40, 0,
      "refcount table extends past the end of the file" },
    { "rt-over-l1", AT_HEADER, H_RT_OFF, 8, 0x30000, 0,
      "the L1 table overlaps the refcount table" },
    { "snapshots-too-many", AT_HEADER, H_NB_SN, 4, 100000, 0, "too many snapshots" },
    { "snapshots-over-header", AT_HEADER, H_NB_SN, 4, 1, 0,
      "snapshot table overlaps the header cluster" },
    { "backing-name-too-long", AT_HEADER, H_BACKING_LEN, 4, 2000, 0,
      "backing file name is too long" },
    { "backing-name-outside", AT_HEADER, H_BACKING_OFF, 8, 65530, 0,
      "backing file name lies outside the header cluster" },
    { "extension-overrun", AT_HEADER, 112 + 4, 4, 100000, 0,
      "header extension 0xe2792aca overruns the header cluster" },
    { "l1-entry-past-end", AT_L1_ENTRY, 0, 8, 0x8000000000000000ull | (1ull << 40), 0,
      "L1 entry 0 points past the end of the file" },
    { "l1-entry-misaligned", AT_L1_ENTRY, 0, 8, 0x8000000000040200ull, 0,
      "L1 entry 0 is not aligned to a cluster" },
    { "refblock-past-end", AT_RT_ENTRY, 0, 8, 1ull << 40, 0,
      "refcount block 0 points past the end of the file" },
    { "refblock-misaligned", AT_RT_ENTRY, 0, 8, 0x20200, 0,
      "refcount block 0 is not aligned to a cluster" },
    { "corrupt-bit-rw", AT_HEADER, H_INCOMPAT, 8, 1 << 1, BDRV_O_RDWR,
      "image is marked corrupt" },
    { "truncated-tables", AT_TRUNCATE, 0, 0, 65536 + 100, 0, "truncated image?" },
};

static char *tmpdir;
static gchar *good;
static gsize good_len;

static uint64_t get_be(const uint8_t *p, int width)
{
    uint64_t v = 0;
    for (int i = 0; i < width; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static void put_be(uint8_t *p, int width, uint64_t v)
{
    for (int i = width - 1; i >= 0; i--, v >>= 8) {
        p[i] = (uint8_t)v;
    }
}

static void make_good_image(void)
{
    char *base = g_build_filename(tmpdir, "base.raw", NULL);
    char *img = g_build_filename(tmpdir, "good.qcow2", NULL);
    Error *err = NULL;
    BlockCreateOpts ob = { .size = 1 << 20 };
    g_assert_true(bdrv_create("raw", base, &ob, &err));
    BlockCreateOpts o = { .size = 1 << 20, .backing_file = "base.raw", .backing_fmt = "raw" };
    g_assert_true(bdrv_create("qcow2", img, &o, &err));
    BlockDriverState *bs = bdrv_open(img, NULL, BDRV_O_RDWR, &err);
    g_assert_nonnull(bs);
    uint8_t buf[512];
    memset(buf, 0x5a, sizeof(buf));
    g_assert_cmpint(bdrv_pwrite(bs, 0, buf, sizeof(buf)), ==, 0);
    bdrv_close(bs);
    g_assert_true(g_file_get_contents(img, &good, &good_len, NULL));
    /* The table above assumes this layout: L1 at 0x30000, refcount table at 0x10000. */
    g_assert_cmphex(get_be((uint8_t *)good + H_L1_OFF, 8), ==, 0x30000);
    g_assert_cmphex(get_be((uint8_t *)good + H_RT_OFF, 8), ==, 0x10000);
    g_free(base);
    g_free(img);
}

static void test_good_opens(void)
{
    char *p = g_build_filename(tmpdir, "good.qcow2", NULL);
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(p, NULL, BDRV_O_RDWR, &err);
    g_assert_nonnull(bs);
    uint8_t buf[512];
    g_assert_cmpint(bdrv_pread(bs, 0, buf, 512), ==, 0);
    g_assert_cmpint(buf[511], ==, 0x5a);
    bdrv_close(bs);
    g_free(p);
}

static void test_case(gconstpointer data)
{
    const CorruptCase *c = data;
    uint8_t *img = g_memdup2(good, good_len);
    gsize len = good_len;
    switch (c->where) {
    case AT_HEADER:
        put_be(img + c->offset, c->width, c->value);
        break;
    case AT_L1_ENTRY:
        put_be(img + get_be(img + H_L1_OFF, 8) + c->offset, c->width, c->value);
        break;
    case AT_RT_ENTRY:
        put_be(img + get_be(img + H_RT_OFF, 8) + c->offset, c->width, c->value);
        break;
    case AT_TRUNCATE:
        len = c->value;
        break;
    }
    char *p = g_strdup_printf("%s/%s.qcow2", tmpdir, c->name);
    g_assert_true(g_file_set_contents(p, (char *)img, len, NULL));
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(p, "qcow2", c->flags | BDRV_O_NO_BACKING, &err);
    if (bs) {
        bdrv_close(bs);
        g_error("%s: opened, expected \"%s\"", c->name, c->expect);
    }
    const char *msg = error_get_pretty(err);
    if (!strstr(msg, c->expect)) {
        g_error("%s: error \"%s\" lacks \"%s\"", c->name, msg, c->expect);
    }
    /* One line, naming the file. */
    g_assert_null(strchr(msg, '\n'));
    g_assert_nonnull(strstr(msg, c->name));
    error_free(err);
    /* The refused image was not modified. */
    gchar *after;
    gsize after_len;
    g_assert_true(g_file_get_contents(p, &after, &after_len, NULL));
    g_assert_cmpint(after_len, ==, len);
    g_assert_cmpint(memcmp(after, img, len), ==, 0);
    g_free(after);
    unlink(p);
    g_free(p);
    g_free(img);
}

static void test_corrupt_bit_read_only(void)
{
    /* A corrupt image may still be read, never written. */
    uint8_t *img = g_memdup2(good, good_len);
    put_be(img + H_INCOMPAT, 8, 1 << 1);
    char *p = g_build_filename(tmpdir, "corrupt-ro.qcow2", NULL);
    g_assert_true(g_file_set_contents(p, (char *)img, good_len, NULL));
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(p, NULL, BDRV_O_NO_BACKING, &err);
    g_assert_nonnull(bs);
    uint8_t buf[512];
    g_assert_cmpint(bdrv_pread(bs, 0, buf, 512), ==, 0);
    g_assert_cmpint(buf[0], ==, 0x5a);
    g_assert_cmpint(bdrv_pwrite(bs, 0, buf, 512), <, 0);
    bdrv_close(bs);
    g_free(p);
    g_free(img);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_set_progname("test-qcow2-corrupt");
    tmpdir = g_dir_make_tmp("emu-corrupt-XXXXXX", NULL);
    make_good_image();
    g_test_add_func("/block/corrupt/good-image-opens", test_good_opens);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *name = g_strdup_printf("/block/corrupt/%s", cases[i].name);
        g_test_add_data_func(name, &cases[i], test_case);
        g_free(name);
    }
    g_test_add_func("/block/corrupt/corrupt-bit-read-only", test_corrupt_bit_read_only);
    int r = g_test_run();
    char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        r = 1;
    }
    g_free(cmd);
    g_free(good);
    return r;
}
