/*
 * qcow2-cluster.c — guest-to-host mapping through L1/L2 tables, reads and
 * writes of data clusters (including zlib-compressed ones), copy-on-write
 * of shared clusters and shared L2 tables, L1 growth, and block status.
 *
 * Write path of an allocating write (crash-safe order, see qcow2-refcount.c):
 *   1. allocate host clusters (refcounts raised in the cache)
 *   2. write the data, completed from the old contents at either end
 *   3. order barrier: refcount blocks reach the file
 *   4. write the L2 entries (write-through)
 *   5. drop the refcounts of the clusters they replaced
 * A kill between any two steps leaves a readable image with, at worst,
 * leaked clusters.
 */
#include "qcow2.h"
#include "util/bitops.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include <glib.h>

Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t e)
{
    if (e & QCOW_OFLAG_COMPRESSED) {
        return QCOW2_CLUSTER_COMPRESSED;
    }
    if ((e & QCOW_OFLAG_ZERO) && s->version >= 3) {
        return (e & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_ZERO_ALLOC : QCOW2_CLUSTER_ZERO_PLAIN;
    }
    return (e & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_NORMAL : QCOW2_CLUSTER_UNALLOCATED;
}

void qcow2_compressed_span(BDRVQcow2State *s, uint64_t e, uint64_t *first, uint64_t *count)
{
    uint64_t coff = (e & s->coffset_mask) & ~511ull;
    uint64_t nb = ((e >> s->csize_shift) & s->csize_mask) + 1;
    uint64_t end = coff + nb * 512;
    *first = coff >> s->cluster_bits;
    *count = ((end - 1) >> s->cluster_bits) - *first + 1;
}

/* The L2 table of an L1 index for reading, or NULL (no table, or *err set). */
static uint8_t *get_l2_table(BDRVQcow2State *s, uint64_t l1i, int *err)
{
    *err = 0;
    if (l1i >= s->l1_size) {
        return NULL;
    }
    uint64_t off = s->l1_table[l1i] & L1E_OFFSET_MASK;
    if (!off) {
        return NULL;
    }
    if (off & (s->cluster_size - 1)) {
        *err = qcow2_signal_corruption(s, "L2 table offset 0x%llx is not aligned",
                                       (unsigned long long)off);
        return NULL;
    }
    return qcow2_cache_get(s, &s->l2_cache, off, false, err);
}

int qcow2_get_l2_entry(BDRVQcow2State *s, uint64_t guest_off, uint64_t *entry)
{
    int r;
    uint8_t *t = get_l2_table(s, guest_off >> (s->cluster_bits + s->l2_bits), &r);
    *entry = t ? qcow2_be64(t + 8 * ((guest_off >> s->cluster_bits) & (s->l2_size - 1))) : 0;
    return r;
}

static int write_l1_entry(BDRVQcow2State *s, uint64_t l1i)
{
    uint8_t e[8];
    qcow2_st64(e, s->l1_table[l1i]);
    return qcow2_pwrite_file(s, s->l1_table_offset + 8 * l1i, e, 8);
}

int qcow2_grow_l1(BDRVQcow2State *s, uint32_t min_size)
{
    if (min_size <= s->l1_size) {
        return 0;
    }
    uint64_t bytes = ROUND_UP((uint64_t)min_size * 8, s->cluster_size);
    int64_t off = qcow2_alloc_clusters(s, bytes >> s->cluster_bits);
    if (off < 0) {
        return (int)off;
    }
    uint8_t *buf = g_malloc0(bytes);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        qcow2_st64(buf + 8 * i, s->l1_table[i]);
    }
    int r = qcow2_pwrite_file(s, off, buf, bytes);
    g_free(buf);
    if (r < 0 || (r = qcow2_order_barrier(s)) < 0) {
        qcow2_free_clusters(s, off, bytes);
        return r;
    }
    uint64_t old_off = s->l1_table_offset, old_bytes = (uint64_t)s->l1_size * 8;
    uint32_t old_size = s->l1_size;
    s->l1_table = g_renew(uint64_t, s->l1_table, min_size);
    memset(s->l1_table + old_size, 0, (min_size - old_size) * 8);
    s->l1_size = min_size;
    s->l1_table_offset = off;
    if ((r = qcow2_write_header(s)) < 0) {
        return r;
    }
    if (old_bytes) {
        qcow2_free_clusters(s, old_off, old_bytes);
    }
    return 0;
}

/* The L2 table of l1i, ready for writing: allocated and owned (COPIED). */
static uint8_t *get_l2_table_for_write(BDRVQcow2State *s, uint64_t l1i, int *err)
{
    *err = 0;
    if (l1i >= s->l1_size && (*err = qcow2_grow_l1(s, l1i + 1)) < 0) {
        return NULL;
    }
    uint64_t l1e = s->l1_table[l1i];
    uint64_t old = l1e & L1E_OFFSET_MASK;
    if (old && (l1e & QCOW_OFLAG_COPIED)) {
        return get_l2_table(s, l1i, err);
    }
    /* A new table, or a private copy of one shared with a snapshot. */
    uint8_t *copy = NULL;
    if (old) {
        uint8_t *t = get_l2_table(s, l1i, err);
        if (!t) {
            return NULL;
        }
        copy = g_memdup2(t, s->cluster_size);
    }
    int64_t off = qcow2_alloc_clusters(s, 1);
    if (off < 0) {
        *err = (int)off;
        g_free(copy);
        return NULL;
    }
    uint8_t *t = qcow2_cache_get(s, &s->l2_cache, off, true, err);
    if (!t) {
        g_free(copy);
        return NULL;
    }
    if (copy) {
        memcpy(t, copy, s->cluster_size);
        g_free(copy);
    }
    if ((*err = qcow2_pwrite_file(s, off, t, s->cluster_size)) < 0 ||
        (*err = qcow2_order_barrier(s)) < 0) {
        return NULL;
    }
    s->l1_table[l1i] = off | QCOW_OFLAG_COPIED;
    if ((*err = write_l1_entry(s, l1i)) < 0) {
        return NULL;
    }
    if (old) {
        qcow2_free_clusters(s, old, s->cluster_size);
    }
    return t;
}

/* Inflate a compressed cluster into out (cluster_size bytes). */
static int read_compressed(BDRVQcow2State *s, uint64_t e, uint8_t *out)
{
    if (s->cbuf_entry == e) {
        memcpy(out, s->cbuf, s->cluster_size);
        return 0;
    }
    uint64_t coff = e & s->coffset_mask;
    uint64_t nb = ((e >> s->csize_shift) & s->csize_mask) + 1;
    uint64_t csize = nb * 512 - (coff & 511);
    uint8_t *in = g_malloc(csize);
    int r = qcow2_pread_file(s, coff, in, csize);
    if (r < 0) {
        g_free(in);
        return r;
    }
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, -12) != Z_OK) {
        g_free(in);
        return -ENOMEM;
    }
    z.next_in = in;
    z.avail_in = csize;
    z.next_out = out;
    z.avail_out = s->cluster_size;
    int zr = inflate(&z, Z_FINISH);
    bool ok = zr == Z_STREAM_END || (zr == Z_BUF_ERROR && z.avail_out == 0) ||
              (zr == Z_OK && z.avail_out == 0);
    ok = ok && z.avail_out == 0;
    inflateEnd(&z);
    g_free(in);
    if (!ok) {
        return qcow2_signal_corruption(s, "compressed cluster at 0x%llx does not inflate",
                                       (unsigned long long)coff);
    }
    memcpy(s->cbuf, out, s->cluster_size);
    s->cbuf_entry = e;
    return 0;
}

/* The whole current contents of a guest cluster (for copy-on-write). */
static int read_guest_cluster(BDRVQcow2State *s, uint64_t guest_off, uint64_t e, uint8_t *buf)
{
    struct iovec v = { .iov_base = buf, .iov_len = s->cluster_size };
    switch (qcow2_entry_type(s, e)) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return bdrv_read_backing(s->bs, guest_off, s->cluster_size, &v, 1, 0);
    case QCOW2_CLUSTER_ZERO_PLAIN:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        memset(buf, 0, s->cluster_size);
        return 0;
    case QCOW2_CLUSTER_COMPRESSED:
        return read_compressed(s, e, buf);
    default:
        return qcow2_pread_file(s, e & L2E_OFFSET_MASK, buf, s->cluster_size);
    }
}

int qcow2_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                 const struct iovec *iov, int iovcnt)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t done = 0;
    int r = 0;

    while (done < len) {
        uint64_t o = offset & (s->cluster_size - 1);
        uint64_t n = MIN(len - done, s->cluster_size - o);
        uint64_t l2i = (offset >> s->cluster_bits) & (s->l2_size - 1);
        uint8_t *t = get_l2_table(s, offset >> (s->cluster_bits + s->l2_bits), &r);
        if (r < 0) {
            return r;
        }
        uint64_t e = t ? qcow2_be64(t + 8 * l2i) : 0;
        switch (qcow2_entry_type(s, e)) {
        case QCOW2_CLUSTER_UNALLOCATED:
            r = bdrv_read_backing(bs, offset, n, iov, iovcnt, done);
            break;
        case QCOW2_CLUSTER_ZERO_PLAIN:
        case QCOW2_CLUSTER_ZERO_ALLOC:
            bdrv_iov_memset(iov, iovcnt, done, 0, n);
            break;
        case QCOW2_CLUSTER_COMPRESSED: {
            uint8_t *buf = g_malloc(s->cluster_size);
            r = read_compressed(s, e, buf);
            if (r == 0) {
                bdrv_iov_from_buf(iov, iovcnt, done, buf + o, n);
            }
            g_free(buf);
            break;
        }
        case QCOW2_CLUSTER_NORMAL: {
            uint64_t host = e & L2E_OFFSET_MASK;
            if (host & (s->cluster_size - 1)) {
                return qcow2_signal_corruption(s, "data cluster 0x%llx is not aligned",
                                               (unsigned long long)host);
            }
            /* Extend over following clusters stored contiguously in the file. */
            while (done + n < len && l2i + 1 < s->l2_size) {
                uint64_t ne = qcow2_be64(t + 8 * (l2i + 1));
                if (qcow2_entry_type(s, ne) != QCOW2_CLUSTER_NORMAL ||
                    (ne & L2E_OFFSET_MASK) != host + o + n) {
                    break;
                }
                l2i++;
                n += MIN(len - done - n, s->cluster_size);
            }
            struct iovec *sl = g_new(struct iovec, iovcnt);
            int cnt = bdrv_iov_slice(iov, iovcnt, done, n, sl);
            r = bdrv_preadv(bs->file, host + o, n, sl, cnt);
            g_free(sl);
            break;
        }
        }
        if (r < 0) {
            return r;
        }
        done += n;
        offset += n;
    }
    return 0;
}

/* Replace the L2 entries [l2i, l2i+k) by new ones and release what they held. */
static int replace_entries(BDRVQcow2State *s, uint8_t *t, uint64_t l2_off, uint64_t l2i,
                           const uint64_t *new_entries, uint64_t k)
{
    uint64_t *old = g_new(uint64_t, k);
    int r = qcow2_order_barrier(s);
    if (r < 0) {
        g_free(old);
        return r;
    }
    for (uint64_t j = 0; j < k; j++) {
        old[j] = qcow2_be64(t + 8 * (l2i + j));
        qcow2_st64(t + 8 * (l2i + j), new_entries[j]);
    }
    r = qcow2_pwrite_file(s, l2_off + 8 * l2i, t + 8 * l2i, 8 * k);
    for (uint64_t j = 0; r == 0 && j < k; j++) {
        if (old[j] == s->cbuf_entry) {
            s->cbuf_entry = 0;
        }
        switch (qcow2_entry_type(s, old[j])) {
        case QCOW2_CLUSTER_NORMAL:
        case QCOW2_CLUSTER_ZERO_ALLOC:
            qcow2_free_clusters(s, old[j] & L2E_OFFSET_MASK, s->cluster_size);
            break;
        case QCOW2_CLUSTER_COMPRESSED: {
            uint64_t first, count;
            qcow2_compressed_span(s, old[j], &first, &count);
            qcow2_free_clusters(s, first << s->cluster_bits, count << s->cluster_bits);
            break;
        }
        default:
            break;
        }
    }
    g_free(old);
    return r;
}

static int mark_dirty_once(BDRVQcow2State *s)
{
    if (!(s->compat & QCOW2_COMPAT_LAZY) || s->lazy_dirty) {
        return 0;
    }
    s->incompat |= QCOW2_INCOMPAT_DIRTY;
    s->lazy_dirty = true;
    int r = qcow2_write_header(s);
    return r < 0 ? r : bdrv_flush(s->bs->file);
}

/* Compress one whole cluster; falls back to a plain write when it does not shrink. */
static int write_compressed_cluster(BDRVQcow2State *s, uint64_t offset, const uint8_t *data,
                                    uint64_t n)
{
    uint8_t *in = g_malloc0(s->cluster_size);
    uint8_t *out = g_malloc(s->cluster_size);
    memcpy(in, data, n);
    z_stream z;
    memset(&z, 0, sizeof(z));
    int r = 0;
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        r = -ENOMEM;
        goto out;
    }
    z.next_in = in;
    z.avail_in = s->cluster_size;
    z.next_out = out;
    z.avail_out = s->cluster_size - 512;
    int zr = deflate(&z, Z_FINISH);
    uint64_t clen = (s->cluster_size - 512) - z.avail_out;
    deflateEnd(&z);
    if (zr != Z_STREAM_END) {
        struct iovec v = { .iov_base = in, .iov_len = n };
        r = qcow2_pwritev(s->bs, offset, n, &v, 1, false);
        goto out;
    }
    uint64_t l1i = offset >> (s->cluster_bits + s->l2_bits);
    uint8_t *t = get_l2_table_for_write(s, l1i, &r);
    if (!t) {
        goto out;
    }
    uint64_t l2_off = s->l1_table[l1i] & L1E_OFFSET_MASK;
    uint64_t host;
    uint64_t cur = s->compress_cursor;
    if (cur && (cur & (s->cluster_size - 1)) + clen <= s->cluster_size) {
        /* Pack into the partly used cluster: one more reference to it. */
        if ((r = qcow2_update_refcount(s, cur >> s->cluster_bits, 1)) < 0) {
            goto out;
        }
        host = cur;
    } else {
        int64_t a = qcow2_alloc_clusters(s, 1);
        if (a < 0) {
            r = (int)a;
            goto out;
        }
        host = a;
    }
    uint64_t next = ROUND_UP(host + clen, 512);
    s->compress_cursor = (next & (s->cluster_size - 1)) ? next : 0;
    if ((r = qcow2_pwrite_file(s, host, out, clen)) < 0) {
        goto out;
    }
    /* t may have been evicted by the allocation: fetch it again. */
    if (!(t = get_l2_table(s, l1i, &r))) {
        r = r ? r : -EIO;
        goto out;
    }
    uint64_t nb = ((host + clen - 1) >> 9) - (host >> 9);
    uint64_t e = QCOW_OFLAG_COMPRESSED | host | (nb << s->csize_shift);
    r = replace_entries(s, t, l2_off, (offset >> s->cluster_bits) & (s->l2_size - 1), &e, 1);
out:
    g_free(in);
    g_free(out);
    return r;
}

int qcow2_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                  const struct iovec *iov, int iovcnt, bool compressed)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size;
    uint64_t done = 0;
    int r;

    if (s->corrupt) {
        return -EIO;
    }
    if ((r = mark_dirty_once(s)) < 0) {
        return r;
    }
    if (compressed) {
        if ((offset & (cs - 1)) || ((len & (cs - 1)) && offset + len != s->size)) {
            return -EINVAL;
        }
        uint8_t *buf = g_malloc(cs);
        for (; done < len && r == 0; done += cs) {
            uint64_t n = MIN(cs, len - done);
            bdrv_iov_to_buf(iov, iovcnt, done, buf, n);
            r = write_compressed_cluster(s, offset + done, buf, n);
        }
        g_free(buf);
        return r;
    }

    while (done < len) {
        uint64_t o = offset & (cs - 1);
        uint64_t l1i = offset >> (s->cluster_bits + s->l2_bits);
        uint64_t l2i = (offset >> s->cluster_bits) & (s->l2_size - 1);
        uint8_t *t = get_l2_table_for_write(s, l1i, &r);
        if (!t) {
            return r ? r : -EIO;
        }
        uint64_t l2_off = s->l1_table[l1i] & L1E_OFFSET_MASK;
        uint64_t e = qcow2_be64(t + 8 * l2i);
        uint64_t n = MIN(len - done, cs - o);

        if (qcow2_entry_type(s, e) == QCOW2_CLUSTER_NORMAL && (e & QCOW_OFLAG_COPIED)) {
            /* Owned clusters are overwritten in place; extend over contiguous ones. */
            uint64_t host = e & L2E_OFFSET_MASK;
            uint64_t j = l2i;
            while (done + n < len && j + 1 < s->l2_size) {
                uint64_t ne = qcow2_be64(t + 8 * (j + 1));
                if (qcow2_entry_type(s, ne) != QCOW2_CLUSTER_NORMAL ||
                    !(ne & QCOW_OFLAG_COPIED) ||
                    (ne & L2E_OFFSET_MASK) != host + (j + 1 - l2i) * cs) {
                    break;
                }
                j++;
                n += MIN(len - done - n, cs);
            }
            struct iovec *sl = g_new(struct iovec, iovcnt);
            int cnt = bdrv_iov_slice(iov, iovcnt, done, n, sl);
            r = bdrv_pwritev(bs->file, host + o, n, sl, cnt);
            g_free(sl);
            if (r < 0) {
                return r;
            }
            done += n;
            offset += n;
            continue;
        }

        /* A run of k clusters needing new host clusters, within this L2 table. */
        uint64_t k = 1;
        while (done + n < len && l2i + k < s->l2_size) {
            uint64_t ne = qcow2_be64(t + 8 * (l2i + k));
            if (qcow2_entry_type(s, ne) == QCOW2_CLUSTER_NORMAL && (ne & QCOW_OFLAG_COPIED)) {
                break;
            }
            n += MIN(len - done - n, cs);
            k++;
        }
        uint64_t first_e = e, last_e = qcow2_be64(t + 8 * (l2i + k - 1));
        uint64_t tail = (o + n) & (cs - 1) ? cs - ((o + n) & (cs - 1)) : 0;
        uint64_t cluster0 = offset - o;
        uint64_t clusterN = cluster0 + (k - 1) * cs;
        uint8_t *head_buf = NULL, *tail_buf = NULL;
        struct iovec *v = g_new(struct iovec, iovcnt + 2);
        int cnt = 0;

        if (o) {
            head_buf = g_malloc(cs);
            if ((r = read_guest_cluster(s, cluster0, first_e, head_buf)) < 0) {
                goto fail;
            }
            v[cnt++] = (struct iovec){ .iov_base = head_buf, .iov_len = o };
        }
        cnt += bdrv_iov_slice(iov, iovcnt, done, n, v + cnt);
        if (tail) {
            tail_buf = g_malloc(cs);
            if ((r = read_guest_cluster(s, clusterN, last_e, tail_buf)) < 0) {
                goto fail;
            }
            v[cnt++] = (struct iovec){ .iov_base = tail_buf + cs - tail, .iov_len = tail };
        }
        int64_t host = qcow2_alloc_clusters(s, k);
        if (host < 0) {
            r = (int)host;
            goto fail;
        }
        if ((r = bdrv_pwritev(bs->file, host, k * cs, v, cnt)) < 0) {
            goto fail;
        }
        /* The allocation may have evicted the table from the cache. */
        if (!(t = get_l2_table(s, l1i, &r))) {
            r = r ? r : -EIO;
            goto fail;
        }
        uint64_t *ne = g_new(uint64_t, k);
        for (uint64_t j = 0; j < k; j++) {
            ne[j] = (host + j * cs) | QCOW_OFLAG_COPIED;
        }
        r = replace_entries(s, t, l2_off, l2i, ne, k);
        g_free(ne);
fail:
        g_free(v);
        g_free(head_buf);
        g_free(tail_buf);
        if (r < 0) {
            return r;
        }
        done += n;
        offset += n;
    }
    return 0;
}

int qcow2_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                       uint64_t *pnum, uint64_t *map)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cs = s->cluster_size;
    uint64_t o = offset & (cs - 1);
    uint64_t l2i = (offset >> s->cluster_bits) & (s->l2_size - 1);
    int r;
    uint8_t *t = get_l2_table(s, offset >> (s->cluster_bits + s->l2_bits), &r);
    if (r < 0) {
        return r;
    }
    uint64_t e = t ? qcow2_be64(t + 8 * l2i) : 0;
    Qcow2ClusterType type = qcow2_entry_type(s, e);
    uint64_t n = MIN(len, cs - o);
    uint64_t host = e & L2E_OFFSET_MASK;

    /* Merge following clusters of the same kind (contiguous when mapped). */
    for (uint64_t j = 1; n < len; j++) {
        uint64_t ne = 0;
        if (!t || l2i + j >= s->l2_size) {
            if (t || ((offset - o + j * cs) & ((cs << s->l2_bits) - 1)) == 0) {
                break;
            }
        } else {
            ne = qcow2_be64(t + 8 * (l2i + j));
        }
        Qcow2ClusterType nt = qcow2_entry_type(s, ne);
        if (nt != type || (type == QCOW2_CLUSTER_NORMAL &&
                           (ne & L2E_OFFSET_MASK) != host + j * cs) ||
            type == QCOW2_CLUSTER_COMPRESSED) {
            break;
        }
        n += MIN(len - n, cs);
    }
    *pnum = n;
    *map = 0;
    switch (type) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return bs->backing ? 0 : BDRV_BLOCK_ZERO;
    case QCOW2_CLUSTER_ZERO_PLAIN:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        return BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_ZERO;
    case QCOW2_CLUSTER_COMPRESSED:
        return BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_DATA | BDRV_BLOCK_COMPRESSED;
    default:
        *map = host + o;
        return BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET;
    }
}

bool qcow2_make_empty(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l1e = s->l1_table[i];
        if (!(l1e & L1E_OFFSET_MASK)) {
            continue;
        }
        /* Unhook the table first; its clusters are released afterwards. */
        s->l1_table[i] = 0;
        int r = write_l1_entry(s, i);
        if (r < 0 || (r = qcow2_update_tree_refcount(s, &l1e, 1, -1)) < 0) {
            error_setg(errp, "%s: could not empty the image", bs->filename);
            return false;
        }
        qcow2_cache_discard(&s->l2_cache, l1e & L1E_OFFSET_MASK);
    }
    s->cbuf_entry = 0;
    return bdrv_flush(bs) == 0;
}
