/*
 * qcow.c — the original QCOW format (version 1), read and write.
 *
 * Layout (big-endian header of 48 bytes): magic, version 1, backing file
 * offset/size, mtime, virtual size, cluster_bits, l2_bits, crypt method,
 * L1 table offset.  L1 entries point to L2 tables of 2^l2_bits entries;
 * an L2 entry is the host offset of a cluster, or, with bit 63 set, a
 * zlib (raw deflate) compressed cluster: the low 63-cluster_bits bits are
 * its offset and the next cluster_bits bits its byte length.
 *
 * There are no refcounts: new tables and clusters are appended to the file,
 * data before the pointer to it, so a crash leaves at worst unused bytes.
 * Overwriting a compressed cluster moves it to a new plain cluster.
 */
#include "block/block.h"
#include "util/bitops.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include <glib.h>

#define QCOW1_MAGIC       0x514649fbu
#define QCOW1_HEADER_SIZE 48
#define QCOW1_MAX_L1      (32u << 20)

typedef struct QcowState {
    int cluster_bits, l2_bits;
    uint32_t cluster_size, l2_size;
    uint64_t l1_offset;
    uint32_t l1_size;
    uint64_t *l1;                /* host-endian */
    uint64_t *l2;                /* one cached L2 table, host-endian */
    uint64_t l2_cached;          /* its offset, 0 = none */
    uint64_t coffset_mask;
    uint8_t *cbuf;               /* scratch cluster */
} QcowState;

static uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void st64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8) {
        p[i] = (uint8_t)v;
    }
}

static void st32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static int qcow_probe(const uint8_t *buf, size_t len)
{
    return len >= 8 && be32(buf) == QCOW1_MAGIC && be32(buf + 4) == 1 ? 100 : 0;
}

static int qcow_open(BlockDriverState *bs, int flags, Error **errp)
{
    QcowState *s = bs->opaque;
    uint64_t file_size = bs->file->total_size;
    uint8_t h[QCOW1_HEADER_SIZE];

    if (file_size < QCOW1_HEADER_SIZE) {
        error_setg(errp, "%s: image is truncated: the header is incomplete", bs->filename);
        return -EINVAL;
    }
    int r = bdrv_pread(bs->file, 0, h, sizeof(h));
    if (r < 0) {
        error_setg_errno(errp, -r, "%s: could not read the header", bs->filename);
        return r;
    }
    if (be32(h) != QCOW1_MAGIC || be32(h + 4) != 1) {
        error_setg(errp, "%s: not a qcow (version 1) image", bs->filename);
        return -EINVAL;
    }
    uint64_t boff = be64(h + 8), size = be64(h + 24);
    uint32_t blen = be32(h + 16);
    s->cluster_bits = h[32];
    s->l2_bits = h[33];
    if (be32(h + 36) != 0) {
        error_setg(errp, "%s: encrypted images are not supported", bs->filename);
        return -ENOTSUP;
    }
    if (s->cluster_bits < 9 || s->cluster_bits > 16) {
        error_setg(errp, "%s: invalid cluster size (cluster_bits %d; must be 9 to 16)",
                   bs->filename, s->cluster_bits);
        return -EINVAL;
    }
    if (s->l2_bits < 6 || s->l2_bits > 16) {
        error_setg(errp, "%s: invalid L2 table size (l2_bits %d; must be 6 to 16)",
                   bs->filename, s->l2_bits);
        return -EINVAL;
    }
    s->cluster_size = 1u << s->cluster_bits;
    s->l2_size = 1u << s->l2_bits;
    s->coffset_mask = (1ull << (63 - s->cluster_bits)) - 1;
    int shift = s->cluster_bits + s->l2_bits;
    if (size > (uint64_t)(QCOW1_MAX_L1 / 8) << shift) {
        error_setg(errp, "%s: virtual size %llu is too large", bs->filename,
                   (unsigned long long)size);
        return -EFBIG;
    }
    s->l1_size = DIV_ROUND_UP(size, 1ull << shift);
    s->l1_offset = be64(h + 40);
    if (s->l1_offset > file_size || (uint64_t)s->l1_size * 8 > file_size - s->l1_offset) {
        error_setg(errp, "%s: L1 table extends past the end of the file (truncated image?)",
                   bs->filename);
        return -EINVAL;
    }
    if (boff) {
        if (blen > 1023 || boff > file_size || blen > file_size - boff) {
            error_setg(errp, "%s: invalid backing file name", bs->filename);
            return -EINVAL;
        }
        char *name = g_malloc0(blen + 1);
        if ((r = bdrv_pread(bs->file, boff, name, blen)) < 0) {
            g_free(name);
            return r;
        }
        g_free(bs->backing_file);
        bs->backing_file = name;
    }
    s->l1 = g_new0(uint64_t, s->l1_size + 1);
    uint8_t *buf = g_malloc(s->l1_size * 8ull + 1);
    if ((r = bdrv_pread(bs->file, s->l1_offset, buf, s->l1_size * 8ull)) < 0) {
        error_setg_errno(errp, -r, "%s: could not read the L1 table", bs->filename);
        g_free(buf);
        g_free(s->l1);
        return r;
    }
    for (uint32_t i = 0; i < s->l1_size; i++) {
        s->l1[i] = be64(buf + 8 * i);
        if (s->l1[i] >= file_size) {
            error_setg(errp, "%s: L1 entry %u points past the end of the file "
                       "(truncated image?)", bs->filename, i);
            g_free(buf);
            g_free(s->l1);
            return -EINVAL;
        }
    }
    g_free(buf);
    s->l2 = g_new0(uint64_t, s->l2_size);
    s->cbuf = g_malloc(s->cluster_size);
    bs->total_size = size;
    return 0;
}

static void qcow_close(BlockDriverState *bs)
{
    QcowState *s = bs->opaque;
    g_free(s->l1);
    g_free(s->l2);
    g_free(s->cbuf);
}

static int load_l2(BlockDriverState *bs, uint64_t off)
{
    QcowState *s = bs->opaque;
    if (s->l2_cached == off) {
        return 0;
    }
    uint8_t *buf = g_malloc(s->l2_size * 8);
    int r = bdrv_pread(bs->file, off, buf, s->l2_size * 8);
    for (uint32_t i = 0; r == 0 && i < s->l2_size; i++) {
        s->l2[i] = be64(buf + 8 * i);
    }
    g_free(buf);
    s->l2_cached = r == 0 ? off : 0;
    return r;
}

/* The L2 entry for a guest offset, 0 when unallocated. */
static int get_entry(BlockDriverState *bs, uint64_t off, uint64_t *e)
{
    QcowState *s = bs->opaque;
    uint64_t l1i = off >> (s->cluster_bits + s->l2_bits);
    *e = 0;
    if (l1i >= s->l1_size || !s->l1[l1i]) {
        return 0;
    }
    int r = load_l2(bs, s->l1[l1i]);
    if (r == 0) {
        *e = s->l2[(off >> s->cluster_bits) & (s->l2_size - 1)];
    }
    return r;
}

static int read_compressed(BlockDriverState *bs, uint64_t e, uint8_t *out)
{
    QcowState *s = bs->opaque;
    uint64_t coff = e & s->coffset_mask;
    uint64_t csize = (e >> (63 - s->cluster_bits)) & (s->cluster_size - 1);
    uint8_t *in = g_malloc(csize + 1);
    int r = bdrv_pread(bs->file, coff, in, csize);
    if (r == 0) {
        z_stream z;
        memset(&z, 0, sizeof(z));
        if (inflateInit2(&z, -12) != Z_OK) {
            r = -ENOMEM;
        } else {
            z.next_in = in;
            z.avail_in = csize;
            z.next_out = out;
            z.avail_out = s->cluster_size;
            int zr = inflate(&z, Z_FINISH);
            if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR) || z.avail_out) {
                error_report("%s: compressed cluster at 0x%llx does not inflate", bs->filename,
                             (unsigned long long)coff);
                r = -EIO;
            }
            inflateEnd(&z);
        }
    }
    g_free(in);
    return r;
}

/* The current contents of a whole guest cluster. */
static int read_cluster(BlockDriverState *bs, uint64_t gstart, uint64_t e, uint8_t *buf)
{
    QcowState *s = bs->opaque;
    struct iovec v = { .iov_base = buf, .iov_len = s->cluster_size };
    if (!e) {
        return bdrv_read_backing(bs, gstart, s->cluster_size, &v, 1, 0);
    }
    if (e >> 63) {
        return read_compressed(bs, e, buf);
    }
    return bdrv_pread(bs->file, e, buf, s->cluster_size);
}

static int qcow_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                       const struct iovec *iov, int iovcnt)
{
    QcowState *s = bs->opaque;
    for (uint64_t done = 0; done < len;) {
        uint64_t o = offset & (s->cluster_size - 1), n = MIN(len - done, s->cluster_size - o);
        uint64_t e;
        int r = get_entry(bs, offset, &e);
        if (r == 0 && !e) {
            r = bdrv_read_backing(bs, offset, n, iov, iovcnt, done);
        } else if (r == 0 && (e >> 63)) {
            if ((r = read_compressed(bs, e, s->cbuf)) == 0) {
                bdrv_iov_from_buf(iov, iovcnt, done, s->cbuf + o, n);
            }
        } else if (r == 0) {
            struct iovec *sl = g_new(struct iovec, iovcnt);
            int cnt = bdrv_iov_slice(iov, iovcnt, done, n, sl);
            r = bdrv_preadv(bs->file, e + o, n, sl, cnt);
            g_free(sl);
        }
        if (r < 0) {
            return r;
        }
        done += n;
        offset += n;
    }
    return 0;
}

/* Room at the end of the file, aligned. */
static uint64_t append_offset(BlockDriverState *bs, uint64_t align)
{
    return ROUND_UP(bs->file->total_size, align);
}

static int write_be64(BlockDriverState *bs, uint64_t off, uint64_t v)
{
    uint8_t b[8];
    st64(b, v);
    return bdrv_pwrite(bs->file, off, b, 8);
}

static int qcow_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                        const struct iovec *iov, int iovcnt, bool compressed)
{
    QcowState *s = bs->opaque;
    uint8_t *buf = g_malloc(s->cluster_size);
    int r = 0;
    for (uint64_t done = 0; done < len && r == 0;) {
        uint64_t o = offset & (s->cluster_size - 1), n = MIN(len - done, s->cluster_size - o);
        uint64_t l1i = offset >> (s->cluster_bits + s->l2_bits);
        uint64_t l2i = (offset >> s->cluster_bits) & (s->l2_size - 1);
        if (!s->l1[l1i]) {
            /* A new, empty L2 table, written before the L1 entry names it. */
            uint64_t off = append_offset(bs, 512);
            uint8_t *zero = g_malloc0(s->l2_size * 8);
            r = bdrv_pwrite(bs->file, off, zero, s->l2_size * 8);
            g_free(zero);
            if (r < 0 || (r = write_be64(bs, s->l1_offset + 8 * l1i, off)) < 0) {
                break;
            }
            s->l1[l1i] = off;
        }
        uint64_t e;
        if ((r = get_entry(bs, offset, &e)) < 0) {
            break;
        }
        if (e && !(e >> 63)) {
            struct iovec *sl = g_new(struct iovec, iovcnt);
            int cnt = bdrv_iov_slice(iov, iovcnt, done, n, sl);
            r = bdrv_pwritev(bs->file, e + o, n, sl, cnt);
            g_free(sl);
        } else {
            /* Whole new cluster: old contents around the new bytes, then the pointer. */
            if ((r = read_cluster(bs, offset - o, e, buf)) < 0) {
                break;
            }
            bdrv_iov_to_buf(iov, iovcnt, done, buf + o, n);
            uint64_t host = append_offset(bs, s->cluster_size);
            if ((r = bdrv_pwrite(bs->file, host, buf, s->cluster_size)) < 0 ||
                (r = write_be64(bs, s->l1[l1i] + 8 * l2i, host)) < 0) {
                break;
            }
            s->l2_cached = 0;
        }
        done += n;
        offset += n;
    }
    g_free(buf);
    return r;
}

static int qcow_flush(BlockDriverState *bs)
{
    return bdrv_flush(bs->file);
}

static int qcow_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                             uint64_t *pnum, uint64_t *map)
{
    QcowState *s = bs->opaque;
    uint64_t o = offset & (s->cluster_size - 1), e;
    int r = get_entry(bs, offset, &e);
    if (r < 0) {
        return r;
    }
    *pnum = MIN(len, s->cluster_size - o);
    *map = 0;
    if (!e) {
        return bs->backing ? 0 : BDRV_BLOCK_ZERO;
    }
    if (e >> 63) {
        return BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_DATA | BDRV_BLOCK_COMPRESSED;
    }
    *map = e + o;
    return BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET;
}

static void qcow_get_info(BlockDriverState *bs, BlockInfo *info)
{
    QcowState *s = bs->opaque;
    info->cluster_size = s->cluster_size;
    info->version = 1;
}

static bool qcow_create(const char *filename, const BlockCreateOpts *o, Error **errp)
{
    /* Small clusters under a backing file keep copy-on-write cheap. */
    int cluster_bits = o->backing_file ? 9 : 12, l2_bits = o->backing_file ? 12 : 9;
    uint32_t blen = o->backing_file ? strlen(o->backing_file) : 0;
    if (blen > 1023) {
        error_setg(errp, "backing file name is too long");
        return false;
    }
    uint64_t l1_off = ROUND_UP(QCOW1_HEADER_SIZE + blen, 8);
    uint64_t l1_size = DIV_ROUND_UP(o->size, 1ull << (cluster_bits + l2_bits));
    if (l1_size * 8 > QCOW1_MAX_L1) {
        error_setg(errp, "image size is too large for qcow");
        return false;
    }
    uint64_t total = ROUND_UP(l1_off + l1_size * 8, 512);
    uint8_t *img = g_malloc0(total);
    st32(img, QCOW1_MAGIC);
    st32(img + 4, 1);
    if (blen) {
        st64(img + 8, QCOW1_HEADER_SIZE);
        st32(img + 16, blen);
        memcpy(img + QCOW1_HEADER_SIZE, o->backing_file, blen);
    }
    st64(img + 24, o->size);
    img[32] = cluster_bits;
    img[33] = l2_bits;
    st64(img + 40, l1_off);
    BlockDriverState *f = bdrv_open(filename, "file", BDRV_O_RDWR | BDRV_O_CREAT, errp);
    bool ok = f != NULL;
    if (f) {
        int r = bdrv_pwrite(f, 0, img, total);
        if (r < 0) {
            error_setg_errno(errp, -r, "%s: could not write the image", filename);
            ok = false;
        }
        bdrv_close(f);
    }
    g_free(img);
    return ok;
}

const BlockDriver bdrv_qcow = {
    .format_name = "qcow",
    .instance_size = sizeof(QcowState),
    .probe = qcow_probe,
    .open = qcow_open,
    .close = qcow_close,
    .preadv = qcow_preadv,
    .pwritev = qcow_pwritev,
    .flush = qcow_flush,
    .get_info = qcow_get_info,
    .block_status = qcow_block_status,
    .create = qcow_create,
};
