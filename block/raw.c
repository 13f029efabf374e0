/*
 * raw.c — the "raw" format: the virtual disk is the file child byte for byte.
 *
 * Everything passes straight to bs->file; create makes a sparse file of the
 * requested size.  Raw is what probing answers when no format claims a file.
 */
#include "block/block.h"
#include "util/error.h"

#include <errno.h>

#include <glib.h>

static int raw_open(BlockDriverState *bs, int flags, Error **errp)
{
    bs->total_size = bs->file->total_size;
    return 0;
}

static int raw_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      const struct iovec *iov, int iovcnt)
{
    return bdrv_preadv(bs->file, offset, len, iov, iovcnt);
}

static int raw_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                       const struct iovec *iov, int iovcnt, bool compressed)
{
    return bdrv_pwritev(bs->file, offset, len, iov, iovcnt);
}

static int raw_flush(BlockDriverState *bs)
{
    return bdrv_flush(bs->file);
}

static int raw_truncate(BlockDriverState *bs, uint64_t size, Error **errp)
{
    if (!bdrv_truncate(bs->file, size, errp)) {
        return -EIO;
    }
    bs->total_size = size;
    return 0;
}

static int raw_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                            uint64_t *pnum, uint64_t *map)
{
    int r = bdrv_block_status(bs->file, offset, len, pnum, map);
    return r < 0 ? r : r | BDRV_BLOCK_ALLOCATED;
}

static int64_t raw_allocated_size(BlockDriverState *bs)
{
    return bdrv_allocated_size(bs->file);
}

static bool raw_create(const char *filename, const BlockCreateOpts *opts, Error **errp)
{
    BlockDriverState *f = bdrv_open(filename, "file", BDRV_O_RDWR | BDRV_O_CREAT, errp);
    if (!f) {
        return false;
    }
    bool ok = bdrv_truncate(f, opts->size, errp);
    bdrv_close(f);
    return ok;
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .instance_size = 0,
    .open = raw_open,
    .preadv = raw_preadv,
    .pwritev = raw_pwritev,
    .flush = raw_flush,
    .truncate = raw_truncate,
    .block_status = raw_block_status,
    .allocated_size = raw_allocated_size,
    .create = raw_create,
};
