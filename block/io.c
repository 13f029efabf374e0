/*
 * io.c — the I/O entry points every caller uses: range checks, read-only
 * enforcement, flat-buffer wrappers over the iovec hooks, iovec helpers for
 * drivers, reads that fall through to a (possibly shorter) backing file,
 * block status, and commit of an overlay into its backing file.
 */
#include "block/block.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

void bdrv_iov_to_buf(const struct iovec *iov, int iovcnt, uint64_t off, void *buf,
                     uint64_t len)
{
    uint8_t *p = buf;
    for (int i = 0; i < iovcnt && len; i++) {
        if (off >= iov[i].iov_len) {
            off -= iov[i].iov_len;
            continue;
        }
        uint64_t n = MIN(iov[i].iov_len - off, len);
        memcpy(p, (uint8_t *)iov[i].iov_base + off, n);
        p += n;
        len -= n;
        off = 0;
    }
}

void bdrv_iov_from_buf(const struct iovec *iov, int iovcnt, uint64_t off, const void *buf,
                       uint64_t len)
{
    const uint8_t *p = buf;
    for (int i = 0; i < iovcnt && len; i++) {
        if (off >= iov[i].iov_len) {
            off -= iov[i].iov_len;
            continue;
        }
        uint64_t n = MIN(iov[i].iov_len - off, len);
        memcpy((uint8_t *)iov[i].iov_base + off, p, n);
        p += n;
        len -= n;
        off = 0;
    }
}

void bdrv_iov_memset(const struct iovec *iov, int iovcnt, uint64_t off, int c, uint64_t len)
{
    for (int i = 0; i < iovcnt && len; i++) {
        if (off >= iov[i].iov_len) {
            off -= iov[i].iov_len;
            continue;
        }
        uint64_t n = MIN(iov[i].iov_len - off, len);
        memset((uint8_t *)iov[i].iov_base + off, c, n);
        len -= n;
        off = 0;
    }
}

int bdrv_iov_slice(const struct iovec *iov, int iovcnt, uint64_t off, uint64_t len,
                   struct iovec *out)
{
    int n = 0;
    for (int i = 0; i < iovcnt && len; i++) {
        if (off >= iov[i].iov_len) {
            off -= iov[i].iov_len;
            continue;
        }
        uint64_t take = MIN(iov[i].iov_len - off, len);
        out[n].iov_base = (uint8_t *)iov[i].iov_base + off;
        out[n].iov_len = take;
        n++;
        len -= take;
        off = 0;
    }
    return n;
}

int bdrv_read_backing(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      const struct iovec *iov, int iovcnt, uint64_t iov_off)
{
    BlockDriverState *b = bs->backing;
    uint64_t have = 0;

    if (b && offset < b->total_size) {
        have = MIN(len, b->total_size - offset);
        struct iovec *sl = g_new(struct iovec, iovcnt);
        int n = bdrv_iov_slice(iov, iovcnt, iov_off, have, sl);
        int r = bdrv_preadv(b, offset, have, sl, n);
        g_free(sl);
        if (r < 0) {
            return r;
        }
    }
    bdrv_iov_memset(iov, iovcnt, iov_off + have, 0, len - have);
    return 0;
}

static int bdrv_check_range(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    if (offset > bs->total_size || len > bs->total_size - offset) {
        return -EINVAL;
    }
    return 0;
}

int bdrv_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                const struct iovec *iov, int iovcnt)
{
    if (!bs->drv->is_protocol) {
        int r = bdrv_check_range(bs, offset, len);
        if (r < 0) {
            return r;
        }
    }
    return len ? bs->drv->preadv(bs, offset, len, iov, iovcnt) : 0;
}

static int bdrv_do_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                           const struct iovec *iov, int iovcnt, bool compressed)
{
    if (bs->read_only) {
        return -EROFS;
    }
    if (!bs->drv->is_protocol) {
        int r = bdrv_check_range(bs, offset, len);
        if (r < 0) {
            return r;
        }
    }
    return len ? bs->drv->pwritev(bs, offset, len, iov, iovcnt, compressed) : 0;
}

int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                 const struct iovec *iov, int iovcnt)
{
    return bdrv_do_pwritev(bs, offset, len, iov, iovcnt, false);
}

int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len)
{
    struct iovec v = { .iov_base = buf, .iov_len = len };
    return bdrv_preadv(bs, offset, len, &v, 1);
}

int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len)
{
    struct iovec v = { .iov_base = (void *)buf, .iov_len = len };
    return bdrv_pwritev(bs, offset, len, &v, 1);
}

int bdrv_pwrite_compressed(BlockDriverState *bs, uint64_t offset, const void *buf,
                           uint64_t len)
{
    struct iovec v = { .iov_base = (void *)buf, .iov_len = len };
    BlockInfo info;
    bdrv_get_info(bs, &info);
    if (!info.compressed_possible) {
        return -ENOTSUP;
    }
    return bdrv_do_pwritev(bs, offset, len, &v, 1, true);
}

int bdrv_flush(BlockDriverState *bs)
{
    if (bs->read_only || !bs->drv->flush) {
        return 0;
    }
    return bs->drv->flush(bs);
}

bool bdrv_truncate(BlockDriverState *bs, uint64_t size, Error **errp)
{
    if (!bs->drv->truncate) {
        error_setg(errp, "%s: format '%s' cannot be resized", bs->filename,
                   bs->drv->format_name);
        return false;
    }
    if (bs->read_only) {
        error_setg(errp, "%s: image is opened read-only", bs->filename);
        return false;
    }
    return bs->drv->truncate(bs, size, errp) == 0;
}

uint64_t bdrv_getlength(BlockDriverState *bs)
{
    return bs->total_size;
}

int64_t bdrv_allocated_size(BlockDriverState *bs)
{
    if (bs->drv->allocated_size) {
        return bs->drv->allocated_size(bs);
    }
    return bs->file ? bdrv_allocated_size(bs->file) : -ENOTSUP;
}

void bdrv_get_info(BlockDriverState *bs, BlockInfo *info)
{
    memset(info, 0, sizeof(*info));
    info->virtual_size = bs->total_size;
    if (bs->drv->get_info) {
        bs->drv->get_info(bs, info);
    }
}

int bdrv_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      uint64_t *pnum, uint64_t *map)
{
    *map = 0;
    if (offset >= bs->total_size) {
        *pnum = 0;
        return -EINVAL;
    }
    len = MIN(len, bs->total_size - offset);
    if (!bs->drv->block_status) {
        *pnum = len;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
    }
    int r = bs->drv->block_status(bs, offset, len, pnum, map);
    if (r >= 0 && *pnum > len) {
        *pnum = len;
    }
    return r;
}

int bdrv_is_allocated_above(BlockDriverState *top, BlockDriverState *base,
                            uint64_t offset, uint64_t len, uint64_t *pnum)
{
    uint64_t best = len;
    for (BlockDriverState *b = top; b && b != base; b = b->backing) {
        uint64_t n, map;
        if (offset >= b->total_size) {
            continue;
        }
        int r = bdrv_block_status(b, offset, best, &n, &map);
        if (r < 0) {
            return r;
        }
        if (r & BDRV_BLOCK_ALLOCATED) {
            *pnum = n;
            return 1;
        }
        best = MIN(best, n);
    }
    *pnum = best;
    return 0;
}

bool bdrv_commit(BlockDriverState *bs, void (*progress)(uint64_t, uint64_t), Error **errp)
{
    BlockDriverState *base = bs->backing;
    if (!base) {
        error_setg(errp, "%s: image has no backing file to commit into", bs->filename);
        return false;
    }
    if (base->read_only) {
        /* The chain is opened read-only below the top: reopen the base for writing. */
        Error *err = NULL;
        BlockDriverState *rw = bdrv_open(base->filename, base->drv->format_name,
                                         BDRV_O_RDWR, &err);
        if (!rw) {
            error_propagate(errp, err);
            return false;
        }
        bdrv_close(base);
        bs->backing = base = rw;
    }
    if (bs->total_size > base->total_size && !bdrv_truncate(base, bs->total_size, errp)) {
        return false;
    }
    const uint64_t chunk = 1 << 20;
    uint8_t *buf = g_malloc(chunk);
    uint64_t off = 0;
    bool ok = true;
    while (off < bs->total_size) {
        uint64_t n, map;
        int r = bdrv_block_status(bs, off, MIN(chunk, bs->total_size - off), &n, &map);
        if (r < 0) {
            error_setg_errno(errp, -r, "%s: block status failed", bs->filename);
            ok = false;
            break;
        }
        if (r & BDRV_BLOCK_ALLOCATED) {
            if ((r = bdrv_pread(bs, off, buf, n)) < 0 ||
                (r = bdrv_pwrite(base, off, buf, n)) < 0) {
                error_setg_errno(errp, -r, "%s: commit failed at offset %llu", bs->filename,
                                 (unsigned long long)off);
                ok = false;
                break;
            }
        }
        off += n;
        if (progress) {
            progress(off, bs->total_size);
        }
    }
    g_free(buf);
    if (ok) {
        int r = bdrv_flush(base);
        if (r < 0) {
            error_setg_errno(errp, -r, "%s: flush failed", base->filename);
            return false;
        }
        if (bs->drv->make_empty && !bs->drv->make_empty(bs, errp)) {
            return false;
        }
    }
    return ok;
}
