/*
 * qcow2.c — the qcow2 format driver: header parsing and validation, open
 * and close, create, resize, info, flush, the dirty and corrupt bits, and
 * the BlockDriver table.  Mapping and I/O are in qcow2-cluster.c, refcounts
 * in qcow2-refcount.c, snapshots in qcow2-snapshot.c, check in qcow2-check.c.
 *
 * Format facts follow QEMU's published qcow2 specification (versions 2
 * and 3).  Every inconsistency found at open is refused with one error
 * naming it; nothing is written to an image before it has been validated.
 */
#include "qcow2.h"
#include "util/bitops.h"
#include "util/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

static int qcow2_probe(const uint8_t *buf, size_t len)
{
    if (len >= 8 && qcow2_be32(buf) == QCOW_MAGIC && qcow2_be32(buf + 4) >= 2) {
        return 100;
    }
    return 0;
}

int qcow2_pread_file(BDRVQcow2State *s, uint64_t off, void *buf, uint64_t len)
{
    return bdrv_pread(s->bs->file, off, buf, len);
}

int qcow2_pwrite_file(BDRVQcow2State *s, uint64_t off, const void *buf, uint64_t len)
{
    return bdrv_pwrite(s->bs->file, off, buf, len);
}

uint64_t qcow2_file_clusters(BDRVQcow2State *s)
{
    return DIV_ROUND_UP(s->bs->file->total_size, s->cluster_size);
}

int qcow2_signal_corruption(BDRVQcow2State *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!s->corrupt) {
        if (s->repair_refs) {
            error_report("%s: %s", s->bs->filename, msg);
        } else if (!s->bs->read_only && s->version >= 3) {
            error_report("%s: %s; image marked as corrupt, further writes refused",
                         s->bs->filename, msg);
            s->incompat |= QCOW2_INCOMPAT_CORRUPT;
            qcow2_write_header(s);
            s->corrupt = true;
        } else {
            error_report("%s: %s; further writes refused", s->bs->filename, msg);
            s->corrupt = true;
        }
    }
    g_free(msg);
    return -EIO;
}

/* The whole header cluster: fixed fields, extensions, backing file name. */
int qcow2_write_header(BDRVQcow2State *s)
{
    BlockDriverState *bs = s->bs;
    uint8_t *h = g_malloc0(s->cluster_size);
    uint32_t hlen = s->version >= 3 ? QCOW2_V3_HEADER_SIZE + 8 : QCOW2_V2_HEADER_SIZE;
    uint32_t pos = hlen;

    qcow2_st32(h + QH_MAGIC, QCOW_MAGIC);
    qcow2_st32(h + QH_VERSION, s->version);
    qcow2_st32(h + QH_CLUSTER_BITS, s->cluster_bits);
    qcow2_st64(h + QH_SIZE, s->size);
    qcow2_st32(h + QH_L1_SIZE, s->l1_size);
    qcow2_st64(h + QH_L1_OFFSET, s->l1_table_offset);
    qcow2_st64(h + QH_RT_OFFSET, s->rt_offset);
    qcow2_st32(h + QH_RT_CLUSTERS, s->rt_clusters);
    qcow2_st32(h + QH_NB_SNAPSHOTS, s->nb_snapshots);
    qcow2_st64(h + QH_SNAPSHOTS_OFFSET, s->snapshots_offset);
    if (s->version >= 3) {
        qcow2_st64(h + QH_INCOMPAT, s->incompat);
        qcow2_st64(h + QH_COMPAT, s->compat);
        /* Autoclear bits we do not understand must be cleared by whoever writes. */
        qcow2_st64(h + QH_AUTOCLEAR, 0);
        qcow2_st32(h + QH_REFCOUNT_ORDER, s->refcount_order);
        qcow2_st32(h + QH_HEADER_LENGTH, hlen);
        h[QH_COMPRESSION_TYPE] = 0;   /* zlib */
    }
    if (bs->backing_fmt && bs->backing_file[0]) {
        uint32_t n = strlen(bs->backing_fmt);
        if (pos + 8 + ROUND_UP(n, 8) + 8 > s->cluster_size) {
            g_free(h);
            return -ENOSPC;
        }
        qcow2_st32(h + pos, QCOW2_EXT_BACKING_FMT);
        qcow2_st32(h + pos + 4, n);
        memcpy(h + pos + 8, bs->backing_fmt, n);
        pos += 8 + ROUND_UP(n, 8);
    }
    pos += 8;   /* the end-of-extensions marker, already zero */
    uint32_t blen = strlen(bs->backing_file);
    if (blen) {
        if (pos + blen > s->cluster_size) {
            g_free(h);
            return -ENOSPC;
        }
        memcpy(h + pos, bs->backing_file, blen);
        qcow2_st64(h + QH_BACKING_OFFSET, pos);
        qcow2_st32(h + QH_BACKING_SIZE, blen);
    }
    int r = qcow2_pwrite_file(s, 0, h, s->cluster_size);
    g_free(h);
    return r;
}

/* Two byte ranges of metadata must never share a cluster. */
static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static int qcow2_parse_extensions(BlockDriverState *bs, BDRVQcow2State *s, const uint8_t *h,
                                  uint32_t start, uint32_t end, Error **errp)
{
    uint32_t pos = start;
    while (pos + 8 <= end) {
        uint32_t type = qcow2_be32(h + pos), len = qcow2_be32(h + pos + 4);
        if (type == QCOW2_EXT_END) {
            return 0;
        }
        if ((uint64_t)pos + 8 + len > end) {
            error_setg(errp, "header extension 0x%08x overruns the header cluster", type);
            return -EINVAL;
        }
        if (type == QCOW2_EXT_BACKING_FMT) {
            if (len == 0 || len > 31) {
                error_setg(errp, "invalid backing format extension (length %u)", len);
                return -EINVAL;
            }
            g_free(bs->backing_fmt);
            bs->backing_fmt = g_strndup((const char *)h + pos + 8, len);
        }
        pos += 8 + ROUND_UP(len, 8);
    }
    return 0;
}

static void qcow2_free_state(BDRVQcow2State *s)
{
    qcow2_free_snapshots(s);
    qcow2_cache_destroy(&s->l2_cache);
    qcow2_cache_destroy(&s->rb_cache);
    g_free(s->l1_table);
    g_free(s->rt);
    g_free(s->cbuf);
    s->l1_table = NULL;
    s->rt = NULL;
    s->cbuf = NULL;
}

static int qcow2_open(BlockDriverState *bs, int flags, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t file_size = bs->file->total_size;
    uint8_t hdr[QCOW2_V3_HEADER_SIZE + 8];
    int r;

    memset(s, 0, sizeof(*s));
    s->bs = bs;
    memset(hdr, 0, sizeof(hdr));
    if (file_size < QCOW2_V2_HEADER_SIZE) {
        error_setg(errp, "%s: image is truncated: the header is incomplete", bs->filename);
        return -EINVAL;
    }
    if ((r = bdrv_pread(bs->file, 0, hdr, MIN(sizeof(hdr), file_size))) < 0) {
        error_setg_errno(errp, -r, "%s: could not read the header", bs->filename);
        return r;
    }
    if (qcow2_be32(hdr + QH_MAGIC) != QCOW_MAGIC) {
        error_setg(errp, "%s: not a qcow2 image (bad magic)", bs->filename);
        return -EINVAL;
    }
    s->version = qcow2_be32(hdr + QH_VERSION);
    if (s->version != 2 && s->version != 3) {
        error_setg(errp, "%s: unsupported qcow2 version %d", bs->filename, s->version);
        return -ENOTSUP;
    }
    s->cluster_bits = qcow2_be32(hdr + QH_CLUSTER_BITS);
    if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS || s->cluster_bits > QCOW2_MAX_CLUSTER_BITS) {
        error_setg(errp, "%s: invalid cluster size (cluster_bits %d; must be 9 to 21)",
                   bs->filename, s->cluster_bits);
        return -EINVAL;
    }
    s->cluster_size = 1u << s->cluster_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->l2_size = 1u << s->l2_bits;
    s->size = qcow2_be64(hdr + QH_SIZE);
    if (qcow2_be32(hdr + QH_CRYPT) != 0) {
        error_setg(errp, "%s: encrypted images are not supported", bs->filename);
        return -ENOTSUP;
    }
    s->header_length = QCOW2_V2_HEADER_SIZE;
    s->refcount_order = 4;
    if (s->version >= 3) {
        if (file_size < QCOW2_V3_HEADER_SIZE) {
            error_setg(errp, "%s: image is truncated: the header is incomplete", bs->filename);
            return -EINVAL;
        }
        s->incompat = qcow2_be64(hdr + QH_INCOMPAT);
        s->compat = qcow2_be64(hdr + QH_COMPAT);
        s->autoclear = qcow2_be64(hdr + QH_AUTOCLEAR);
        s->refcount_order = qcow2_be32(hdr + QH_REFCOUNT_ORDER);
        s->header_length = qcow2_be32(hdr + QH_HEADER_LENGTH);
        if (s->header_length < QCOW2_V3_HEADER_SIZE || s->header_length > s->cluster_size ||
            s->header_length % 8) {
            error_setg(errp, "%s: invalid header length %u", bs->filename, s->header_length);
            return -EINVAL;
        }
        if (s->incompat & ~QCOW2_INCOMPAT_SUPPORTED) {
            uint64_t bad = s->incompat & ~QCOW2_INCOMPAT_SUPPORTED;
            error_setg(errp, "%s: unsupported incompatible feature%s 0x%llx (%s)", bs->filename,
                       is_power_of_2(bad) ? "" : "s", (unsigned long long)bad,
                       bad & (1 << 2) ? "external data file" :
                       bad & (1 << 3) ? "compression type other than zlib" :
                       bad & (1 << 4) ? "extended L2 entries" : "unknown");
            return -ENOTSUP;
        }
        if (s->refcount_order < 0 || s->refcount_order > 6) {   /* read as a signed int */
            error_setg(errp, "%s: invalid refcount width (refcount_order %d; at most 6)",
                       bs->filename, s->refcount_order);
            return -EINVAL;
        }
    }
    s->refcount_bits = 1 << s->refcount_order;
    s->refcount_max = s->refcount_bits == 64 ? ~0ull : (1ull << s->refcount_bits) - 1;
    s->rb_bits = s->cluster_bits + 3 - s->refcount_order;
    s->csize_shift = 62 - (s->cluster_bits - 8);
    s->csize_mask = (1ull << (s->cluster_bits - 8)) - 1;
    s->coffset_mask = (1ull << s->csize_shift) - 1;

    if ((s->incompat & QCOW2_INCOMPAT_CORRUPT) && !bs->read_only &&
        !(flags & BDRV_O_NO_REPAIR)) {
        error_setg(errp, "%s: image is marked corrupt: open it read-only, or repair it "
                   "with 'emu-img check -r all'", bs->filename);
        return -EACCES;
    }
    s->corrupt = (s->incompat & QCOW2_INCOMPAT_CORRUPT) && !(flags & BDRV_O_NO_REPAIR);

    /* The virtual size and the L1 table. */
    uint64_t l2_span = (uint64_t)s->cluster_size << s->l2_bits;
    s->l1_size = qcow2_be32(hdr + QH_L1_SIZE);
    s->l1_table_offset = qcow2_be64(hdr + QH_L1_OFFSET);
    if (s->size > (uint64_t)(QCOW2_MAX_L1_BYTES / 8) * l2_span || s->size > (1ull << 62)) {
        error_setg(errp, "%s: virtual size %llu is too large for %u-byte clusters",
                   bs->filename, (unsigned long long)s->size, s->cluster_size);
        return -EFBIG;
    }
    if (s->l1_size > QCOW2_MAX_L1_BYTES / 8) {
        error_setg(errp, "%s: L1 table is too large (%u entries)", bs->filename, s->l1_size);
        return -EFBIG;
    }
    if (s->l1_size < DIV_ROUND_UP(s->size, l2_span)) {
        error_setg(errp, "%s: L1 table is too small for the virtual size", bs->filename);
        return -EINVAL;
    }
    if (s->l1_table_offset & (s->cluster_size - 1)) {
        error_setg(errp, "%s: L1 table offset is not aligned to a cluster", bs->filename);
        return -EINVAL;
    }
    uint64_t l1_bytes = (uint64_t)s->l1_size * 8;
    if (s->l1_size && (s->l1_table_offset > file_size ||
                       l1_bytes > file_size - s->l1_table_offset)) {
        error_setg(errp, "%s: L1 table extends past the end of the file (truncated image?)",
                   bs->filename);
        return -EINVAL;
    }

    /* The refcount table. */
    s->rt_offset = qcow2_be64(hdr + QH_RT_OFFSET);
    s->rt_clusters = qcow2_be32(hdr + QH_RT_CLUSTERS);
    uint64_t rt_bytes = (uint64_t)s->rt_clusters << s->cluster_bits;
    if (s->rt_clusters == 0) {
        error_setg(errp, "%s: refcount table is empty", bs->filename);
        return -EINVAL;
    }
    if (rt_bytes > QCOW2_MAX_RT_BYTES) {
        error_setg(errp, "%s: refcount table is too large (%u clusters)", bs->filename,
                   s->rt_clusters);
        return -EFBIG;
    }
    if (s->rt_offset & (s->cluster_size - 1)) {
        error_setg(errp, "%s: refcount table offset is not aligned to a cluster",
                   bs->filename);
        return -EINVAL;
    }
    if (s->rt_offset > file_size || rt_bytes > file_size - s->rt_offset) {
        error_setg(errp, "%s: refcount table extends past the end of the file "
                   "(truncated image?)", bs->filename);
        return -EINVAL;
    }

    /* Snapshots table bounds (contents are checked by qcow2_read_snapshots). */
    s->nb_snapshots = qcow2_be32(hdr + QH_NB_SNAPSHOTS);
    s->snapshots_offset = qcow2_be64(hdr + QH_SNAPSHOTS_OFFSET);
    if (s->nb_snapshots > QCOW2_MAX_SNAPSHOTS) {
        error_setg(errp, "%s: too many snapshots (%u)", bs->filename, s->nb_snapshots);
        return -EINVAL;
    }
    if (s->nb_snapshots && (s->snapshots_offset & (s->cluster_size - 1))) {
        error_setg(errp, "%s: snapshot table offset is not aligned to a cluster", bs->filename);
        return -EINVAL;
    }
    if (s->nb_snapshots && s->snapshots_offset < s->cluster_size) {
        error_setg(errp, "%s: snapshot table overlaps the header cluster", bs->filename);
        return -EINVAL;
    }
    if (s->nb_snapshots && s->snapshots_offset >= file_size) {
        error_setg(errp, "%s: snapshot table is past the end of the file (truncated image?)",
                   bs->filename);
        return -EINVAL;
    }

    /* Metadata areas must not overlap each other or the header. */
    if (ranges_overlap(0, s->cluster_size, s->l1_table_offset, l1_bytes) ||
        ranges_overlap(0, s->cluster_size, s->rt_offset, rt_bytes)) {
        error_setg(errp, "%s: metadata overlaps the header cluster", bs->filename);
        return -EINVAL;
    }
    if (ranges_overlap(s->l1_table_offset, l1_bytes, s->rt_offset, rt_bytes)) {
        error_setg(errp, "%s: the L1 table overlaps the refcount table", bs->filename);
        return -EINVAL;
    }

    /* Header extensions and the backing file name, all in the first cluster. */
    uint8_t *h = g_malloc0(s->cluster_size);
    if ((r = bdrv_pread(bs->file, 0, h, MIN(s->cluster_size, file_size))) < 0) {
        error_setg_errno(errp, -r, "%s: could not read the header", bs->filename);
        g_free(h);
        return r;
    }
    uint64_t boff = qcow2_be64(h + QH_BACKING_OFFSET);
    uint32_t blen = qcow2_be32(h + QH_BACKING_SIZE);
    uint32_t ext_end = boff ? (uint32_t)MIN(boff, s->cluster_size) : s->cluster_size;
    if ((r = qcow2_parse_extensions(bs, s, h, s->header_length, ext_end, errp)) < 0) {
        error_prepend(errp, "%s: ", bs->filename);
        g_free(h);
        return r;
    }
    if (boff) {
        if (blen > QCOW2_MAX_BACKING_NAME) {
            error_setg(errp, "%s: backing file name is too long (%u bytes)", bs->filename, blen);
            g_free(h);
            return -EINVAL;
        }
        if (boff < s->header_length || boff + blen > s->cluster_size) {
            error_setg(errp, "%s: backing file name lies outside the header cluster",
                       bs->filename);
            g_free(h);
            return -EINVAL;
        }
        g_free(bs->backing_file);
        bs->backing_file = g_strndup((const char *)h + boff, blen);
    }
    g_free(h);

    /* Load the L1 table; every entry must point inside the file. */
    s->l1_table = g_new0(uint64_t, s->l1_size ? s->l1_size : 1);
    if (s->l1_size) {
        uint8_t *buf = g_malloc(l1_bytes);
        if ((r = bdrv_pread(bs->file, s->l1_table_offset, buf, l1_bytes)) < 0) {
            error_setg_errno(errp, -r, "%s: could not read the L1 table", bs->filename);
            g_free(buf);
            goto fail;
        }
        for (uint32_t i = 0; i < s->l1_size; i++) {
            s->l1_table[i] = qcow2_be64(buf + 8 * i);
            uint64_t off = s->l1_table[i] & L1E_OFFSET_MASK;
            if (off & (s->cluster_size - 1)) {
                error_setg(errp, "%s: L1 entry %u is not aligned to a cluster", bs->filename, i);
                r = -EINVAL;
            } else if (off && off >= file_size) {
                error_setg(errp, "%s: L1 entry %u points past the end of the file "
                           "(truncated image?)", bs->filename, i);
                r = -EINVAL;
            }
            if (r < 0) {
                g_free(buf);
                goto fail;
            }
        }
        g_free(buf);
    }

    int slots = (int)CLAMP((4u << 20) >> s->cluster_bits, 4, 64);
    qcow2_cache_init(&s->l2_cache, slots, s->cluster_size);
    qcow2_cache_init(&s->rb_cache, slots, s->cluster_size);
    if ((r = qcow2_refcount_init(s, errp)) < 0) {
        error_prepend(errp, "%s: ", bs->filename);
        goto fail;
    }
    if ((r = qcow2_read_snapshots(s, errp)) < 0) {
        error_prepend(errp, "%s: ", bs->filename);
        goto fail;
    }
    s->cbuf = g_malloc(s->cluster_size);
    s->alloc_high = qcow2_file_clusters(s);
    bs->total_size = s->size;

    /* A dirty image opened for writing gets its refcounts rebuilt first. */
    if ((s->incompat & QCOW2_INCOMPAT_DIRTY) && !bs->read_only &&
        !(flags & BDRV_O_NO_REPAIR)) {
        BlockCheckResult res;
        memset(&res, 0, sizeof(res));
        if ((r = qcow2_check(bs, &res, BDRV_FIX_LEAKS | BDRV_FIX_ERRORS)) < 0 ||
            res.corruptions > res.corruptions_fixed) {
            error_setg(errp, "%s: could not repair the refcounts of a dirty image",
                       bs->filename);
            r = r < 0 ? r : -EIO;
            goto fail;
        }
    }
    return 0;
fail:
    qcow2_free_state(s);
    return r;
}

/* Make refcounts durable and drop the dirty bit we set (lazy refcounts). */
static int qcow2_flush_metadata(BDRVQcow2State *s, bool clean)
{
    int r = qcow2_refcount_flush(s);
    if (r < 0) {
        return r;
    }
    if (clean && s->lazy_dirty && !s->corrupt) {
        if ((r = bdrv_flush(s->bs->file)) < 0) {
            return r;
        }
        s->incompat &= ~QCOW2_INCOMPAT_DIRTY;
        s->lazy_dirty = false;
        return qcow2_write_header(s);
    }
    return 0;
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (!bs->read_only) {
        if (qcow2_flush_metadata(s, true) < 0) {
            error_report("%s: could not write metadata on close", bs->filename);
        }
        bdrv_flush(bs->file);
    }
    qcow2_free_state(s);
}

static int qcow2_flush(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int r = qcow2_flush_metadata(s, false);
    return r < 0 ? r : bdrv_flush(bs->file);
}

static int qcow2_truncate(BlockDriverState *bs, uint64_t size, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_span = (uint64_t)s->cluster_size << s->l2_bits;
    int r;

    if (size < s->size) {
        error_setg(errp, "%s: shrinking qcow2 images is not supported", bs->filename);
        return -ENOTSUP;
    }
    if (size > (uint64_t)(QCOW2_MAX_L1_BYTES / 8) * l2_span) {
        error_setg(errp, "%s: size %llu is too large for %u-byte clusters", bs->filename,
                   (unsigned long long)size, s->cluster_size);
        return -EFBIG;
    }
    if ((r = qcow2_grow_l1(s, DIV_ROUND_UP(size, l2_span))) < 0) {
        error_setg_errno(errp, -r, "%s: could not grow the L1 table", bs->filename);
        return r;
    }
    s->size = size;
    bs->total_size = size;
    if ((r = qcow2_write_header(s)) < 0) {
        error_setg_errno(errp, -r, "%s: could not write the header", bs->filename);
    }
    return r;
}

static void qcow2_get_info(BlockDriverState *bs, BlockInfo *info)
{
    BDRVQcow2State *s = bs->opaque;
    info->cluster_size = s->cluster_size;
    info->version = s->version;
    info->refcount_bits = s->refcount_bits;
    info->lazy_refcounts = s->compat & QCOW2_COMPAT_LAZY;
    info->dirty = s->incompat & QCOW2_INCOMPAT_DIRTY;
    info->corrupt = s->incompat & QCOW2_INCOMPAT_CORRUPT;
    info->compressed_possible = true;
}

static bool qcow2_change_backing(BlockDriverState *bs, const char *file, const char *fmt,
                                 Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    char *of = bs->backing_file, *ofmt = bs->backing_fmt;
    bs->backing_file = g_strdup(file ? file : "");
    bs->backing_fmt = fmt && file && file[0] ? g_strdup(fmt) : NULL;
    if (strlen(bs->backing_file) > QCOW2_MAX_BACKING_NAME || qcow2_write_header(s) < 0) {
        error_setg(errp, "%s: backing file name does not fit in the header", bs->filename);
        g_free(bs->backing_file);
        g_free(bs->backing_fmt);
        bs->backing_file = of;
        bs->backing_fmt = ofmt;
        return false;
    }
    g_free(of);
    g_free(ofmt);
    return true;
}

static int64_t qcow2_allocated_size(BlockDriverState *bs)
{
    return bdrv_allocated_size(bs->file);
}

/*
 * A new image: header, refcount table and one refcount block covering the
 * first clusters, no L1 table; the L1 table for the size is then allocated
 * through the ordinary resize path, so create shares the tested code.
 */
static bool qcow2_create(const char *filename, const BlockCreateOpts *o, Error **errp)
{
    uint32_t cs = o->cluster_size ? o->cluster_size : 65536;
    int rbits = o->refcount_bits ? o->refcount_bits : 16;
    int version = o->compat ? o->compat : 3;

    if (!is_power_of_2(cs) || cs < 512 || cs > (2u << 20)) {
        error_setg(errp, "cluster size must be a power of two between 512 and 2M");
        return false;
    }
    if (!is_power_of_2(rbits) || rbits > 64) {
        error_setg(errp, "refcount_bits must be a power of two up to 64");
        return false;
    }
    if (version != 2 && version != 3) {
        error_setg(errp, "compat must be 0.10 or 1.1");
        return false;
    }
    if (version == 2 && (o->lazy_refcounts || rbits != 16)) {
        error_setg(errp, "lazy refcounts and refcount widths other than 16 need compat=1.1");
        return false;
    }
    if (o->backing_file && strlen(o->backing_file) > QCOW2_MAX_BACKING_NAME) {
        error_setg(errp, "backing file name is too long");
        return false;
    }

    BlockDriverState *f = bdrv_open(filename, "file", BDRV_O_RDWR | BDRV_O_CREAT, errp);
    if (!f) {
        return false;
    }
    /* Borrow a state to write the first header with the driver's own writer. */
    BlockDriverState tmp = { .drv = &bdrv_qcow2, .file = f, .filename = (char *)filename };
    BDRVQcow2State st;
    memset(&st, 0, sizeof(st));
    st.bs = &tmp;
    tmp.opaque = &st;
    tmp.backing_file = (char *)(o->backing_file ? o->backing_file : "");
    tmp.backing_fmt = (char *)o->backing_fmt;
    st.version = version;
    st.cluster_bits = ctz32(cs);
    st.cluster_size = cs;
    st.refcount_order = ctz32(rbits);
    st.compat = o->lazy_refcounts ? QCOW2_COMPAT_LAZY : 0;
    st.rt_offset = cs;
    st.rt_clusters = 1;

    uint8_t *buf = g_malloc0(2 * cs);
    qcow2_st64(buf, 2ull * cs);   /* refcount table entry 0 -> block at cluster 2 */
    /* Clusters 0, 1 and 2 each have refcount 1 (sub-byte widths pack from bit 0). */
    for (int c = 0; c < 3; c++) {
        uint8_t *rb = buf + cs;
        int bit = c * rbits;
        if (rbits < 8) {
            rb[bit / 8] |= 1 << (bit % 8);
        } else {
            rb[(bit + rbits) / 8 - 1] = 1;
        }
    }
    int r = qcow2_write_header(&st);
    if (r == -ENOSPC) {
        error_setg(errp, "%s: backing file name does not fit in a %u-byte header cluster",
                   filename, cs);
    } else if (r < 0 || (r = bdrv_pwrite(f, cs, buf, 2 * cs)) < 0) {
        error_setg_errno(errp, -r, "%s: could not write the image", filename);
    }
    g_free(buf);
    bdrv_close(f);
    if (r < 0) {
        return false;
    }
    if (!o->size) {
        return true;
    }
    BlockDriverState *bs = bdrv_open(filename, "qcow2", BDRV_O_RDWR | BDRV_O_NO_BACKING, errp);
    if (!bs) {
        return false;
    }
    bool ok = bdrv_truncate(bs, o->size, errp);
    bdrv_close(bs);
    return ok;
}

const BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .instance_size = sizeof(BDRVQcow2State),
    .probe = qcow2_probe,
    .open = qcow2_open,
    .close = qcow2_close,
    .preadv = qcow2_preadv,
    .pwritev = qcow2_pwritev,
    .flush = qcow2_flush,
    .truncate = qcow2_truncate,
    .get_info = qcow2_get_info,
    .block_status = qcow2_block_status,
    .allocated_size = qcow2_allocated_size,
    .create = qcow2_create,
    .snapshot_create = qcow2_snapshot_create,
    .snapshot_list = qcow2_snapshot_list,
    .snapshot_goto = qcow2_snapshot_goto,
    .snapshot_delete = qcow2_snapshot_delete,
    .check = qcow2_check,
    .change_backing = qcow2_change_backing,
    .make_empty = qcow2_make_empty,
};
