/*
 * test-qcow2.c — the block layer against an in-memory model: every write
 * goes to the image and to a plain buffer, every read is compared with the
 * buffer, and check must find the image clean.  Covers raw, qcow2 v2/v3
 * across cluster sizes and refcount widths, reopen, backing chains and
 * their loops, snapshots, compressed clusters, lazy refcounts after a
 * simulated crash, and the thread-pool path.
 */
#include "block/block.h"
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

static char *tmpdir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static BlockDriverState *open_ok(const char *path, const char *fmt, int flags)
{
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, fmt, flags, &err);
    if (!bs) {
        g_error("open %s: %s", path, error_get_pretty(err));
    }
    return bs;
}

static void create_ok(const char *fmt, const char *path, BlockCreateOpts *o)
{
    Error *err = NULL;
    if (!bdrv_create(fmt, path, o, &err)) {
        g_error("create %s: %s", path, error_get_pretty(err));
    }
}

static void assert_clean(BlockDriverState *bs)
{
    BlockCheckResult r;
    g_assert_cmpint(bdrv_check(bs, &r, 0), ==, 0);
    g_assert_cmpint(r.corruptions, ==, 0);
    g_assert_cmpint(r.leaks, ==, 0);
    g_assert_cmpint(r.check_errors, ==, 0);
}

static void assert_same(BlockDriverState *bs, const uint8_t *model, uint64_t size)
{
    uint8_t *buf = g_malloc(size);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, size), ==, 0);
    for (uint64_t i = 0; i < size; i++) {
        if (buf[i] != model[i]) {
            g_error("byte %llu: image %02x model %02x", (unsigned long long)i, buf[i],
                    model[i]);
        }
    }
    g_free(buf);
}

/* Random writes of random lengths (some crossing clusters and L2 tables). */
static void random_writes(BlockDriverState *bs, uint8_t *model, uint64_t size, int n,
                          GRand *rnd)
{
    for (int i = 0; i < n; i++) {
        uint64_t len = g_rand_int_range(rnd, 1, 70000);
        uint64_t off = (uint64_t)g_rand_double_range(rnd, 0, size - len);
        uint8_t *buf = g_malloc(len);
        int fill = g_rand_int_range(rnd, 0, 4);
        for (uint64_t j = 0; j < len; j++) {
            buf[j] = fill == 0 ? 0 : (uint8_t)g_rand_int(rnd);
        }
        g_assert_cmpint(bdrv_pwrite(bs, off, buf, len), ==, 0);
        memcpy(model + off, buf, len);
        g_free(buf);
    }
}

static void test_raw(void)
{
    char *p = tmp_path("r.raw");
    BlockCreateOpts o = { .size = 1 << 20 };
    create_ok("raw", p, &o);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    g_assert_cmpstr(bs->drv->format_name, ==, "raw");
    uint8_t *model = g_malloc0(1 << 20);
    GRand *rnd = g_rand_new_with_seed(1);
    random_writes(bs, model, 1 << 20, 20, rnd);
    assert_same(bs, model, 1 << 20);
    bdrv_close(bs);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

typedef struct Geometry {
    uint32_t cluster_size;
    int compat, refcount_bits;
    bool lazy;
} Geometry;

static void test_qcow2_geometry(gconstpointer data)
{
    const Geometry *g = data;
    const uint64_t size = 8 << 20;
    char *p = tmp_path("g.qcow2");
    BlockCreateOpts o = { .size = size, .cluster_size = g->cluster_size, .compat = g->compat,
                          .refcount_bits = g->refcount_bits, .lazy_refcounts = g->lazy };
    create_ok("qcow2", p, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(g->cluster_size + g->refcount_bits);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    random_writes(bs, model, size, 60, rnd);
    assert_same(bs, model, size);
    assert_clean(bs);
    bdrv_close(bs);
    /* Reopen: the same data from disk, and overwrites in place. */
    bs = open_ok(p, "qcow2", BDRV_O_RDWR);
    assert_same(bs, model, size);
    random_writes(bs, model, size, 30, rnd);
    assert_clean(bs);
    bdrv_close(bs);
    bs = open_ok(p, NULL, 0);
    assert_same(bs, model, size);
    BlockInfo info;
    bdrv_get_info(bs, &info);
    g_assert_cmpint(info.cluster_size, ==, g->cluster_size);
    g_assert_cmpint(info.refcount_bits, ==, g->refcount_bits);
    g_assert_false(info.dirty);
    bdrv_close(bs);
    unlink(p);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

static void test_backing_chain(void)
{
    const uint64_t size = 4 << 20;
    char *base = tmp_path("base.raw"), *mid = tmp_path("mid.qcow2");
    char *top = tmp_path("top.qcow2");
    BlockCreateOpts o = { .size = size };
    create_ok("raw", base, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(7);
    BlockDriverState *bs = open_ok(base, "raw", BDRV_O_RDWR);
    random_writes(bs, model, size, 20, rnd);
    bdrv_close(bs);

    BlockCreateOpts ob = { .size = size, .backing_file = "base.raw", .backing_fmt = "raw",
                           .cluster_size = 4096 };
    create_ok("qcow2", mid, &ob);
    bs = open_ok(mid, NULL, BDRV_O_RDWR);
    assert_same(bs, model, size);
    random_writes(bs, model, size, 20, rnd);
    bdrv_close(bs);
    BlockCreateOpts ot = { .size = size, .backing_file = "mid.qcow2", .backing_fmt = "qcow2" };
    create_ok("qcow2", top, &ot);
    bs = open_ok(top, NULL, BDRV_O_RDWR);
    assert_same(bs, model, size);
    uint8_t *before = g_memdup2(model, size);
    random_writes(bs, model, size, 20, rnd);
    assert_same(bs, model, size);
    assert_clean(bs);
    /* The base layers did not change. */
    assert_same(bs->backing, before, size);
    /* Commit top into mid: mid alone now holds the newest data. */
    Error *err = NULL;
    g_assert_true(bdrv_commit(bs, NULL, &err));
    assert_same(bs, model, size);
    bdrv_close(bs);
    bs = open_ok(mid, NULL, 0);
    assert_same(bs, model, size);
    bdrv_close(bs);
    g_free(before);
    g_rand_free(rnd);
    g_free(model);
    g_free(base);
    g_free(mid);
    g_free(top);
}

static void test_backing_loop(void)
{
    char *a = tmp_path("loop-a.qcow2"), *b = tmp_path("loop-b.qcow2");
    BlockCreateOpts oa = { .size = 1 << 20, .backing_file = "loop-b.qcow2",
                           .backing_fmt = "qcow2" };
    BlockCreateOpts ob = { .size = 1 << 20, .backing_file = "loop-a.qcow2",
                           .backing_fmt = "qcow2" };
    create_ok("qcow2", a, &oa);
    create_ok("qcow2", b, &ob);
    Error *err = NULL;
    g_assert_null(bdrv_open(a, NULL, 0, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "backing chain loop"));
    error_free(err);
    g_free(a);
    g_free(b);
}

static void test_snapshots(void)
{
    const uint64_t size = 4 << 20;
    char *p = tmp_path("snap.qcow2");
    BlockCreateOpts o = { .size = size, .cluster_size = 4096 };
    create_ok("qcow2", p, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(11);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    Error *err = NULL;
    random_writes(bs, model, size, 30, rnd);
    g_assert_true(bdrv_snapshot_create(bs, "one", &err));
    uint8_t *at_one = g_memdup2(model, size);
    random_writes(bs, model, size, 30, rnd);
    g_assert_true(bdrv_snapshot_create(bs, "two", &err));
    g_assert_false(bdrv_snapshot_create(bs, "two", &err));
    error_free(err);
    err = NULL;
    uint8_t *at_two = g_memdup2(model, size);
    random_writes(bs, model, size, 30, rnd);
    assert_same(bs, model, size);
    assert_clean(bs);
    bdrv_close(bs);

    bs = open_ok(p, NULL, BDRV_O_RDWR);
    BlockSnapshot *l;
    int n = bdrv_snapshot_list(bs, &l);
    g_assert_cmpint(n, ==, 2);
    g_assert_cmpstr(l[0].name, ==, "one");
    g_assert_cmpstr(l[1].id, ==, "2");
    bdrv_snapshot_list_free(l, n);
    g_assert_true(bdrv_snapshot_goto(bs, "one", &err));
    assert_same(bs, at_one, size);
    assert_clean(bs);
    g_assert_true(bdrv_snapshot_delete(bs, "one", &err));
    assert_clean(bs);
    g_assert_true(bdrv_snapshot_goto(bs, "2", &err));
    assert_same(bs, at_two, size);
    random_writes(bs, at_two, size, 10, rnd);
    assert_same(bs, at_two, size);
    g_assert_true(bdrv_snapshot_delete(bs, "two", &err));
    assert_clean(bs);
    assert_same(bs, at_two, size);
    bdrv_close(bs);
    g_free(at_one);
    g_free(at_two);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

static void test_compressed(void)
{
    const uint64_t size = 2 << 20;
    const uint32_t cs = 65536;
    char *p = tmp_path("comp.qcow2");
    BlockCreateOpts o = { .size = size, .cluster_size = cs };
    create_ok("qcow2", p, &o);
    uint8_t *model = g_malloc0(size);
    /* Compressible text-like clusters, and one of noise that will not shrink. */
    for (uint64_t i = 0; i < size; i++) {
        model[i] = "emu block layer "[i % 16] + (i / cs);
    }
    GRand *rnd = g_rand_new_with_seed(3);
    for (uint64_t i = 5 * cs; i < 6 * cs; i++) {
        model[i] = g_rand_int(rnd);
    }
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    for (uint64_t off = 0; off < size; off += cs) {
        g_assert_cmpint(bdrv_pwrite_compressed(bs, off, model + off, cs), ==, 0);
    }
    assert_same(bs, model, size);
    assert_clean(bs);
    uint64_t pnum, map;
    g_assert_true(bdrv_block_status(bs, 0, cs, &pnum, &map) & BDRV_BLOCK_COMPRESSED);
    /* Packing: 32 compressible clusters fit in far fewer host clusters. */
    g_assert_cmpint(bdrv_allocated_size(bs), <, (int64_t)size / 2);
    /* Overwriting part of a compressed cluster decompresses it (copy-on-write). */
    random_writes(bs, model, size, 10, rnd);
    assert_same(bs, model, size);
    assert_clean(bs);
    bdrv_close(bs);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

static void test_lazy_refcounts_crash(void)
{
    const uint64_t size = 4 << 20;
    char *p = tmp_path("lazy.qcow2"), *crashed = tmp_path("lazy-crashed.qcow2");
    BlockCreateOpts o = { .size = size, .lazy_refcounts = true, .cluster_size = 4096 };
    create_ok("qcow2", p, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(5);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    random_writes(bs, model, size, 40, rnd);
    /* Copy the file as a crash would leave it: refcounts not yet written. */
    gchar *contents;
    gsize len;
    g_assert_true(g_file_get_contents(p, &contents, &len, NULL));
    g_assert_true(g_file_set_contents(crashed, contents, len, NULL));
    g_free(contents);
    bdrv_close(bs);

    bs = open_ok(crashed, NULL, BDRV_O_NO_REPAIR);
    BlockInfo info;
    bdrv_get_info(bs, &info);
    g_assert_true(info.dirty);
    bdrv_close(bs);
    /* Opening it for writing rebuilds the refcounts. */
    bs = open_ok(crashed, NULL, BDRV_O_RDWR);
    assert_same(bs, model, size);
    assert_clean(bs);
    bdrv_get_info(bs, &info);
    g_assert_false(info.dirty);
    bdrv_close(bs);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
    g_free(crashed);
}

typedef struct AioWait {
    GMutex lock;
    GCond cond;
    int pending, errors;
} AioWait;

static void aio_done(void *opaque, int ret)
{
    AioWait *w = opaque;
    g_mutex_lock(&w->lock);
    w->errors += ret < 0;
    if (--w->pending == 0) {
        g_cond_signal(&w->cond);
    }
    g_mutex_unlock(&w->lock);
}

static void test_aio(void)
{
    const uint64_t size = 4 << 20;
    char *p = tmp_path("aio.qcow2");
    BlockCreateOpts o = { .size = size, .cluster_size = 4096 };
    create_ok("qcow2", p, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(9);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    AioWait w = { .pending = 64 };
    g_mutex_init(&w.lock);
    g_cond_init(&w.cond);
    uint8_t *bufs[64];
    struct iovec iov[64];
    /* Overlapping writes in submission order must end as the model says. */
    for (int i = 0; i < 64; i++) {
        uint64_t len = g_rand_int_range(rnd, 1, 100000);
        uint64_t off = g_rand_int_range(rnd, 0, size - len);
        bufs[i] = g_malloc(len);
        for (uint64_t j = 0; j < len; j++) {
            bufs[i][j] = g_rand_int(rnd);
        }
        memcpy(model + off, bufs[i], len);
        iov[i] = (struct iovec){ bufs[i], len };
        bdrv_aio_pwritev(bs, off, len, &iov[i], 1, aio_done, &w);
    }
    g_mutex_lock(&w.lock);
    while (w.pending) {
        g_cond_wait(&w.cond, &w.lock);
    }
    g_mutex_unlock(&w.lock);
    g_assert_cmpint(w.errors, ==, 0);
    uint8_t *rd = g_malloc(size);
    struct iovec rv = { rd, size };
    w.pending = 1;
    bdrv_aio_preadv(bs, 0, size, &rv, 1, aio_done, &w);
    bdrv_aio_drain(bs);
    g_assert_cmpint(memcmp(rd, model, size), ==, 0);
    assert_same(bs, model, size);
    bdrv_close(bs);
    for (int i = 0; i < 64; i++) {
        g_free(bufs[i]);
    }
    g_free(rd);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

static void test_snapshot_overlay(void)
{
    const uint64_t size = 1 << 20;
    char *p = tmp_path("ro.qcow2");
    BlockCreateOpts o = { .size = size };
    create_ok("qcow2", p, &o);
    Error *err = NULL;
    char *opts = g_strdup_printf("file=%s,format=qcow2,snapshot=on", p);
    BlockDriverState *bs = bdrv_open_opts(opts, &err);
    g_assert_nonnull(bs);
    char *tmp = g_strdup(bs->temp_path);
    uint8_t buf[4096];
    memset(buf, 0xab, sizeof(buf));
    g_assert_cmpint(bdrv_pwrite(bs, 4096, buf, sizeof(buf)), ==, 0);
    uint8_t back[4096];
    g_assert_cmpint(bdrv_pread(bs, 4096, back, sizeof(back)), ==, 0);
    g_assert_cmpint(memcmp(buf, back, sizeof(buf)), ==, 0);
    bdrv_close(bs);
    g_assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    /* The image itself is unchanged. */
    bs = open_ok(p, NULL, 0);
    g_assert_cmpint(bdrv_pread(bs, 4096, back, sizeof(back)), ==, 0);
    g_assert_cmpint(back[0], ==, 0);
    bdrv_close(bs);
    /* readonly=on refuses writes. */
    g_free(opts);
    opts = g_strdup_printf("file=%s,readonly=on", p);
    bs = bdrv_open_opts(opts, &err);
    g_assert_cmpint(bdrv_pwrite(bs, 0, buf, 512), ==, -EROFS);
    bdrv_close(bs);
    g_free(opts);
    g_free(tmp);
    g_free(p);
}

static void test_resize(void)
{
    /* 512-byte clusters, 64-bit refcounts: 64 entries per refcount block, and
     * a 1 GiB disk needs a 512-cluster L1 table, longer than a block covers. */
    char *p = tmp_path("grow.qcow2");
    BlockCreateOpts o = { .size = 1 << 20, .cluster_size = 512, .refcount_bits = 64 };
    create_ok("qcow2", p, &o);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    Error *err = NULL;
    const uint64_t used = 16 << 20;
    g_assert_true(bdrv_truncate(bs, 1ull << 30, &err));
    g_assert_cmpuint(bdrv_getlength(bs), ==, 1ull << 30);
    uint8_t *model = g_malloc0(used);
    GRand *rnd = g_rand_new_with_seed(13);
    random_writes(bs, model, used, 40, rnd);
    assert_same(bs, model, used);
    uint8_t tail[4096];
    memset(tail, 0x77, sizeof(tail));
    g_assert_cmpint(bdrv_pwrite(bs, (1ull << 30) - 4096, tail, sizeof(tail)), ==, 0);
    assert_clean(bs);
    g_assert_false(bdrv_truncate(bs, 1 << 20, &err));
    error_free(err);
    bdrv_close(bs);
    bs = open_ok(p, NULL, 0);
    assert_same(bs, model, used);
    uint8_t back[4096];
    g_assert_cmpint(bdrv_pread(bs, (1ull << 30) - 4096, back, sizeof(back)), ==, 0);
    g_assert_cmpint(memcmp(back, tail, sizeof(tail)), ==, 0);
    bdrv_close(bs);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
}

static void test_qcow1(void)
{
    const uint64_t size = 8 << 20;
    char *base = tmp_path("q1base.raw"), *p = tmp_path("v1.qcow"), *ov = tmp_path("v1ov.qcow");
    BlockCreateOpts o = { .size = size };
    create_ok("qcow", p, &o);
    uint8_t *model = g_malloc0(size);
    GRand *rnd = g_rand_new_with_seed(17);
    BlockDriverState *bs = open_ok(p, NULL, BDRV_O_RDWR);
    g_assert_cmpstr(bs->drv->format_name, ==, "qcow");
    random_writes(bs, model, size, 40, rnd);
    assert_same(bs, model, size);
    bdrv_close(bs);
    bs = open_ok(p, NULL, BDRV_O_RDWR);
    random_writes(bs, model, size, 20, rnd);
    assert_same(bs, model, size);
    bdrv_close(bs);
    /* As an overlay (512-byte clusters) over a raw base. */
    create_ok("raw", base, &o);
    bs = open_ok(base, "raw", BDRV_O_RDWR);
    g_assert_cmpint(bdrv_pwrite(bs, 0, model, size), ==, 0);
    bdrv_close(bs);
    BlockCreateOpts oo = { .size = size, .backing_file = "q1base.raw" };
    create_ok("qcow", ov, &oo);
    bs = open_ok(ov, NULL, BDRV_O_RDWR);
    assert_same(bs, model, size);
    random_writes(bs, model, size, 20, rnd);
    assert_same(bs, model, size);
    bdrv_close(bs);
    g_rand_free(rnd);
    g_free(model);
    g_free(p);
    g_free(ov);
    g_free(base);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_set_progname("test-qcow2");
    tmpdir = g_dir_make_tmp("emu-block-XXXXXX", NULL);
    static const Geometry geos[] = {
        { 512, 3, 16, false }, { 4096, 3, 1, false }, { 65536, 3, 16, false },
        { 65536, 2, 16, false }, { 2 << 20, 3, 64, false }, { 1024, 3, 2, false },
        { 4096, 3, 4, true }, { 8192, 3, 8, false }, { 16384, 3, 32, false },
        { 512, 3, 64, false },
    };
    g_test_add_func("/block/raw", test_raw);
    for (size_t i = 0; i < G_N_ELEMENTS(geos); i++) {
        char *name = g_strdup_printf("/block/qcow2/v%d-cluster%u-refcount%d%s", geos[i].compat,
                                     geos[i].cluster_size, geos[i].refcount_bits,
                                     geos[i].lazy ? "-lazy" : "");
        g_test_add_data_func(name, &geos[i], test_qcow2_geometry);
        g_free(name);
    }
    g_test_add_func("/block/qcow2/backing-chain", test_backing_chain);
    g_test_add_func("/block/qcow2/backing-loop", test_backing_loop);
    g_test_add_func("/block/qcow2/snapshots", test_snapshots);
    g_test_add_func("/block/qcow2/compressed", test_compressed);
    g_test_add_func("/block/qcow2/lazy-refcounts-crash", test_lazy_refcounts_crash);
    g_test_add_func("/block/qcow2/resize", test_resize);
    g_test_add_func("/block/qcow1", test_qcow1);
    g_test_add_func("/block/aio", test_aio);
    g_test_add_func("/block/snapshot-overlay", test_snapshot_overlay);
    int r = g_test_run();
    char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        r = 1;
    }
    g_free(cmd);
    return r;
}
