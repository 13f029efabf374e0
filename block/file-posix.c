/*
 * file-posix.c — the "file" protocol driver: a host file or block device
 * read and written with pread/pwrite at byte offsets.
 *
 * Format drivers sit on top of it (bs->file).  Offers sparse-aware block
 * status (SEEK_DATA/SEEK_HOLE), fdatasync for flush, ftruncate, and the
 * size of a block device via lseek(SEEK_END).
 */
#include "block/block.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

typedef struct FileState {
    int fd;
    bool is_blockdev;
} FileState;

static int file_open(BlockDriverState *bs, int flags, Error **errp)
{
    FileState *s = bs->opaque;
    int oflags = (flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY;

    if (flags & BDRV_O_CREAT) {
        oflags |= O_CREAT | O_TRUNC;
    }
    s->fd = open(bs->filename, oflags | O_CLOEXEC, 0644);
    if (s->fd < 0) {
        error_setg_errno(errp, errno, "%s: could not open", bs->filename);
        return -errno;
    }
    struct stat st;
    if (fstat(s->fd, &st) < 0) {
        int e = errno;
        error_setg_errno(errp, e, "%s: could not stat", bs->filename);
        close(s->fd);
        return -e;
    }
    if (S_ISDIR(st.st_mode)) {
        error_setg(errp, "%s: is a directory", bs->filename);
        close(s->fd);
        return -EISDIR;
    }
    s->is_blockdev = S_ISBLK(st.st_mode);
    off_t end = lseek(s->fd, 0, SEEK_END);
    bs->total_size = end < 0 ? 0 : (uint64_t)end;
    return 0;
}

static void file_close(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    close(s->fd);
}

static int file_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                       const struct iovec *iov, int iovcnt)
{
    FileState *s = bs->opaque;
    uint64_t done = 0;

    /* Reads past the end of a regular file return zeros, as holes do. */
    while (done < len) {
        struct iovec *sl = g_new(struct iovec, iovcnt);
        int n = bdrv_iov_slice(iov, iovcnt, done, len - done, sl);
        ssize_t r = preadv(s->fd, sl, n, offset + done);
        g_free(sl);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (r == 0) {
            bdrv_iov_memset(iov, iovcnt, done, 0, len - done);
            break;
        }
        done += r;
    }
    return 0;
}

static int file_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                        const struct iovec *iov, int iovcnt, bool compressed)
{
    FileState *s = bs->opaque;
    uint64_t done = 0;

    while (done < len) {
        struct iovec *sl = g_new(struct iovec, iovcnt);
        int n = bdrv_iov_slice(iov, iovcnt, done, len - done, sl);
        ssize_t r = pwritev(s->fd, sl, n, offset + done);
        g_free(sl);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        done += r;
    }
    if (offset + len > bs->total_size) {
        bs->total_size = offset + len;
    }
    return 0;
}

static int file_flush(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static int file_truncate(BlockDriverState *bs, uint64_t size, Error **errp)
{
    FileState *s = bs->opaque;

    if (s->is_blockdev) {
        if (size > bs->total_size) {
            error_setg(errp, "%s: cannot grow a block device", bs->filename);
            return -EINVAL;
        }
        return 0;
    }
    if (ftruncate(s->fd, size) < 0) {
        error_setg_errno(errp, errno, "%s: could not resize", bs->filename);
        return -errno;
    }
    bs->total_size = size;
    return 0;
}

static int file_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                             uint64_t *pnum, uint64_t *map)
{
    FileState *s = bs->opaque;
    off_t data = lseek(s->fd, offset, SEEK_DATA);

    *map = offset;
    if (data < 0 || (uint64_t)data >= offset + len) {
        /* A hole (or the end of file, which reads as zeros too). */
        *pnum = len;
        return errno == ENXIO || data >= 0 ? BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET
                                           : BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET;
    }
    if ((uint64_t)data > offset) {
        *pnum = data - offset;
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET;
    }
    off_t hole = lseek(s->fd, offset, SEEK_HOLE);
    if (hole < 0 || (uint64_t)hole <= offset) {
        *pnum = len;
    } else {
        *pnum = MIN((uint64_t)hole - offset, len);
    }
    return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET;
}

static int64_t file_allocated_size(BlockDriverState *bs)
{
    FileState *s = bs->opaque;
    struct stat st;
    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    return (int64_t)st.st_blocks * 512;
}

const BlockDriver bdrv_file = {
    .format_name = "file",
    .instance_size = sizeof(FileState),
    .is_protocol = true,
    .open = file_open,
    .close = file_close,
    .preadv = file_preadv,
    .pwritev = file_pwritev,
    .flush = file_flush,
    .truncate = file_truncate,
    .block_status = file_block_status,
    .allocated_size = file_allocated_size,
};
