/*
 * block.c — opening and closing images: the driver table, format probing,
 * backing chains with loop detection, the -snapshot temporary overlay, and
 * the image-level operations (create, snapshots, check) that dispatch to the
 * driver.  I/O lives in io.c.
 *
 * A chain is opened top-down; every file's real path is remembered so that a
 * file reappearing below itself is refused as a loop before it is opened
 * twice, and chains deeper than BDRV_MAX_CHAIN are refused too.
 */
#include "block/block.h"
#include "util/error.h"
#include "util/option.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

/* Every driver, probed in this order; the single list of what exists. */
static const BlockDriver *const bdrv_drivers[] = {
    &bdrv_qcow2, &bdrv_qcow, &bdrv_raw, &bdrv_file,
};

const BlockDriver *bdrv_find_format(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bdrv_drivers); i++) {
        if (strcmp(bdrv_drivers[i]->format_name, name) == 0) {
            return bdrv_drivers[i];
        }
    }
    return NULL;
}

const BlockDriver *bdrv_probe(const uint8_t *buf, size_t len)
{
    const BlockDriver *best = &bdrv_raw;
    int best_score = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(bdrv_drivers); i++) {
        const BlockDriver *d = bdrv_drivers[i];
        int score = d->probe ? d->probe(buf, len) : 0;
        if (score > best_score) {
            best = d;
            best_score = score;
        }
    }
    return best;
}

char *bdrv_backing_path(const char *image, const char *backing)
{
    if (g_path_is_absolute(backing) || !strchr(image, '/')) {
        return g_strdup(backing);
    }
    char *dir = g_path_get_dirname(image);
    char *p = g_build_filename(dir, backing, NULL);
    g_free(dir);
    return p;
}

static BlockDriverState *bdrv_new(const BlockDriver *drv, const char *filename)
{
    BlockDriverState *bs = g_new0(BlockDriverState, 1);
    bs->drv = drv;
    bs->opaque = drv->instance_size ? g_malloc0(drv->instance_size) : NULL;
    bs->filename = g_strdup(filename);
    bs->backing_file = g_strdup("");
    return bs;
}

static void bdrv_free(BlockDriverState *bs)
{
    g_free(bs->opaque);
    g_free(bs->filename);
    g_free(bs->backing_file);
    g_free(bs->backing_fmt);
    g_free(bs->temp_path);
    g_free(bs);
}

/* The chain of real paths above the image being opened, for loop detection. */
typedef struct OpenChain {
    const char *realpath;
    const struct OpenChain *up;
} OpenChain;

static BlockDriverState *bdrv_open_chain(const char *filename, const char *format,
                                         int flags, const OpenChain *up, int depth,
                                         Error **errp);

static bool bdrv_open_backing_chain(BlockDriverState *bs, const OpenChain *chain,
                                    Error **errp)
{
    if (bs->backing || !bs->backing_file[0]) {
        return true;
    }
    char *path = bdrv_backing_path(bs->filename, bs->backing_file);
    Error *err = NULL;
    bs->backing = bdrv_open_chain(path, bs->backing_fmt, 0, chain, bs->chain_depth + 1,
                                  &err);
    g_free(path);
    if (!bs->backing) {
        error_propagate(errp, err);
        error_prepend(errp, "%s: backing file: ", bs->filename);
        return false;
    }
    return true;
}

static BlockDriverState *bdrv_open_chain(const char *filename, const char *format,
                                         int flags, const OpenChain *up, int depth,
                                         Error **errp)
{
    const BlockDriver *drv = NULL;

    if (depth >= BDRV_MAX_CHAIN) {
        error_setg(errp, "%s: backing chain deeper than %d images (a loop?)", filename,
                   BDRV_MAX_CHAIN);
        return NULL;
    }
    if (format) {
        drv = bdrv_find_format(format);
        if (!drv) {
            error_setg(errp, "unknown image format '%s'", format);
            return NULL;
        }
    }
    if (drv && drv->is_protocol) {
        BlockDriverState *bs = bdrv_new(drv, filename);
        bs->read_only = !(flags & BDRV_O_RDWR);
        bs->open_flags = flags;
        if (drv->open(bs, flags, errp) < 0) {
            bdrv_free(bs);
            return NULL;
        }
        return bs;
    }

    char real[PATH_MAX];
    if (!realpath(filename, real)) {
        error_setg_errno(errp, errno, "%s: could not open", filename);
        return NULL;
    }
    for (const OpenChain *c = up; c; c = c->up) {
        if (strcmp(c->realpath, real) == 0) {
            error_setg(errp, "%s: backing chain loop: the image is its own backing file",
                       filename);
            return NULL;
        }
    }
    OpenChain here = { .realpath = real, .up = up };

    BlockDriverState *file = bdrv_open_chain(filename, "file",
                                             flags & (BDRV_O_RDWR | BDRV_O_CREAT),
                                             NULL, 0, errp);
    if (!file) {
        return NULL;
    }
    if (!drv) {
        uint8_t head[2048];
        memset(head, 0, sizeof(head));
        uint64_t n = MIN(sizeof(head), file->total_size);
        if (n && bdrv_pread(file, 0, head, n) < 0) {
            error_setg(errp, "%s: could not read the header", filename);
            bdrv_close(file);
            return NULL;
        }
        drv = bdrv_probe(head, n);
    }

    BlockDriverState *bs = bdrv_new(drv, filename);
    bs->file = file;
    bs->read_only = !(flags & BDRV_O_RDWR);
    bs->open_flags = flags;
    bs->chain_depth = depth;
    if (drv->open(bs, flags, errp) < 0) {
        bdrv_close(file);
        bdrv_free(bs);
        return NULL;
    }
    if (!(flags & BDRV_O_NO_BACKING) && !bdrv_open_backing_chain(bs, &here, errp)) {
        bdrv_close(bs);
        return NULL;
    }
    return bs;
}

bool bdrv_open_backing(BlockDriverState *bs, Error **errp)
{
    char real[PATH_MAX];
    if (!realpath(bs->filename, real)) {
        error_setg_errno(errp, errno, "%s", bs->filename);
        return false;
    }
    OpenChain here = { .realpath = real, .up = NULL };
    return bdrv_open_backing_chain(bs, &here, errp);
}

/*
 * -snapshot: a qcow2 overlay in the temporary folder, with the image as its
 * backing file (opened read-only), deleted when the overlay is closed.
 */
static BlockDriverState *bdrv_open_temp_overlay(const char *filename, const char *format,
                                                Error **errp)
{
    BlockDriverState *base = bdrv_open(filename, format, BDRV_O_NO_BACKING, errp);
    if (!base) {
        return NULL;
    }
    char real[PATH_MAX];
    if (!realpath(filename, real)) {
        error_setg_errno(errp, errno, "%s", filename);
        bdrv_close(base);
        return NULL;
    }
    BlockCreateOpts o = {
        .size = bdrv_getlength(base),
        .backing_file = real,
        .backing_fmt = base->drv->format_name,
    };
    bdrv_close(base);

    char *tmp = g_build_filename(g_get_tmp_dir(), "emu-snapshot-XXXXXX", NULL);
    int fd = g_mkstemp(tmp);
    if (fd < 0) {
        error_setg_errno(errp, errno, "could not create a temporary overlay");
        g_free(tmp);
        return NULL;
    }
    close(fd);
    BlockDriverState *bs = NULL;
    if (bdrv_create("qcow2", tmp, &o, errp)) {
        bs = bdrv_open(tmp, "qcow2", BDRV_O_RDWR, errp);
    }
    if (!bs) {
        unlink(tmp);
        g_free(tmp);
        return NULL;
    }
    bs->temp_path = tmp;
    return bs;
}

BlockDriverState *bdrv_open(const char *filename, const char *format, int flags,
                            Error **errp)
{
    if (flags & BDRV_O_SNAPSHOT) {
        return bdrv_open_temp_overlay(filename, format, errp);
    }
    return bdrv_open_chain(filename, format, flags, NULL, 0, errp);
}

BlockDriverState *bdrv_open_opts(const char *optstr, Error **errp)
{
    KeyValList *kv = keyval_parse(optstr, "file", errp);
    if (!kv) {
        return NULL;
    }
    BlockDriverState *bs = NULL;
    bool ro = false, snap = false;
    const char *file = keyval_get(kv, "file");
    const char *fmt = keyval_get(kv, "format");
    if (!keyval_get_bool(kv, "readonly", false, &ro, errp) ||
        !keyval_get_bool(kv, "snapshot", false, &snap, errp) ||
        !keyval_check_unused(kv, "drive", errp)) {
        goto out;
    }
    if (!file) {
        error_setg(errp, "drive: file= is required");
        goto out;
    }
    bs = bdrv_open(file, fmt, (ro ? 0 : BDRV_O_RDWR) | (snap ? BDRV_O_SNAPSHOT : 0), errp);
out:
    keyval_free(kv);
    return bs;
}

void bdrv_close(BlockDriverState *bs)
{
    if (!bs) {
        return;
    }
    bdrv_aio_drain(bs);
    if (bs->drv->close) {
        bs->drv->close(bs);
    }
    bdrv_close(bs->backing);
    bdrv_close(bs->file);
    if (bs->temp_path) {
        unlink(bs->temp_path);
    }
    bdrv_free(bs);
}

bool bdrv_create(const char *format, const char *filename, const BlockCreateOpts *opts,
                 Error **errp)
{
    const BlockDriver *drv = bdrv_find_format(format);
    if (!drv || !drv->create) {
        error_setg(errp, "cannot create images of format '%s'", format);
        return false;
    }
    return drv->create(filename, opts, errp);
}

static bool bdrv_need(BlockDriverState *bs, bool hook, bool write, Error **errp)
{
    if (!hook) {
        error_setg(errp, "%s: format '%s' does not support this operation", bs->filename,
                   bs->drv->format_name);
        return false;
    }
    if (write && bs->read_only) {
        error_setg(errp, "%s: image is opened read-only", bs->filename);
        return false;
    }
    return true;
}

bool bdrv_snapshot_create(BlockDriverState *bs, const char *name, Error **errp)
{
    return bdrv_need(bs, bs->drv->snapshot_create, true, errp) &&
           bs->drv->snapshot_create(bs, name, errp);
}

int bdrv_snapshot_list(BlockDriverState *bs, BlockSnapshot **list)
{
    *list = NULL;
    return bs->drv->snapshot_list ? bs->drv->snapshot_list(bs, list) : 0;
}

void bdrv_snapshot_list_free(BlockSnapshot *list, int n)
{
    for (int i = 0; i < n; i++) {
        g_free(list[i].id);
        g_free(list[i].name);
    }
    g_free(list);
}

bool bdrv_snapshot_goto(BlockDriverState *bs, const char *name, Error **errp)
{
    return bdrv_need(bs, bs->drv->snapshot_goto, true, errp) &&
           bs->drv->snapshot_goto(bs, name, errp);
}

bool bdrv_snapshot_delete(BlockDriverState *bs, const char *name, Error **errp)
{
    return bdrv_need(bs, bs->drv->snapshot_delete, true, errp) &&
           bs->drv->snapshot_delete(bs, name, errp);
}

int bdrv_check(BlockDriverState *bs, BlockCheckResult *res, int fix)
{
    memset(res, 0, sizeof(*res));
    if (!bs->drv->check) {
        return -ENOTSUP;
    }
    if (fix && bs->read_only) {
        return -EROFS;
    }
    return bs->drv->check(bs, res, fix);
}

bool bdrv_change_backing(BlockDriverState *bs, const char *file, const char *fmt,
                         Error **errp)
{
    return bdrv_need(bs, bs->drv->change_backing, true, errp) &&
           bs->drv->change_backing(bs, file, fmt, errp);
}
