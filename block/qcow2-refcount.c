/*
 * qcow2-refcount.c — cluster refcounts and cluster allocation.
 *
 * Refcounts are entries of 2^refcount_order bits in refcount blocks, found
 * through the refcount table.  Sub-byte entries are packed from the least
 * significant bit of each byte; wider ones are big-endian.
 *
 * Crash-safety rules kept here:
 *  - a new refcount block is written (with its own entry set) before the
 *    refcount table entry that points to it;
 *  - a grown refcount table and any blocks it needs are written, refcounts
 *    included, before the header points to it; the old table is freed after;
 *  - refcount increments reach the file (qcow2_order_barrier) before any
 *    L1/L2/header pointer to the cluster, decrements only after the pointer
 *    is gone — so a crash leaves at worst leaked clusters.
 * During check -r, s->repair_refs holds computed references: clusters in use
 * per that array are never handed out, and new metadata is counted in it.
 */
#include "qcow2.h"
#include "util/bitops.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

static uint64_t rb_get(BDRVQcow2State *s, const uint8_t *rb, uint64_t i)
{
    switch (s->refcount_order) {
    case 0: case 1: case 2: {
        int per_byte = 8 >> s->refcount_order;
        int shift = (i % per_byte) << s->refcount_order;
        return (rb[i / per_byte] >> shift) & s->refcount_max;
    }
    case 3: return rb[i];
    case 4: return qcow2_be16(rb + 2 * i);
    case 5: return qcow2_be32(rb + 4 * i);
    default: return qcow2_be64(rb + 8 * i);
    }
}

static void rb_set(BDRVQcow2State *s, uint8_t *rb, uint64_t i, uint64_t v)
{
    switch (s->refcount_order) {
    case 0: case 1: case 2: {
        int per_byte = 8 >> s->refcount_order;
        int shift = (i % per_byte) << s->refcount_order;
        uint8_t *b = &rb[i / per_byte];
        *b = (uint8_t)((*b & ~(s->refcount_max << shift)) | (v << shift));
        break;
    }
    case 3: rb[i] = (uint8_t)v; break;
    case 4: qcow2_st16(rb + 2 * i, (uint16_t)v); break;
    case 5: qcow2_st32(rb + 4 * i, (uint32_t)v); break;
    default: qcow2_st64(rb + 8 * i, v); break;
    }
}

static void repair_note(BDRVQcow2State *s, uint64_t idx, int delta)
{
    if (s->repair_refs && idx < s->repair_nb) {
        s->repair_refs[idx] += delta;
    }
}

/* In use per the repair's count, or reserved for a run being allocated. */
static bool repair_in_use(BDRVQcow2State *s, uint64_t idx)
{
    if (idx >= s->reserve_start && idx < s->reserve_end) {
        return true;
    }
    return s->repair_refs && idx < s->repair_nb && s->repair_refs[idx];
}

int qcow2_refcount_init(BDRVQcow2State *s, Error **errp)
{
    uint64_t bytes = (uint64_t)s->rt_clusters << s->cluster_bits;
    s->rt_size = bytes / 8;
    s->rt = g_new0(uint64_t, s->rt_size ? s->rt_size : 1);
    uint8_t *buf = g_malloc(bytes ? bytes : 1);
    int r = qcow2_pread_file(s, s->rt_offset, buf, bytes);
    if (r < 0) {
        error_setg_errno(errp, -r, "could not read the refcount table");
        g_free(buf);
        return r;
    }
    uint64_t file_end = s->bs->file->total_size;
    for (uint64_t i = 0; i < s->rt_size; i++) {
        uint64_t e = qcow2_be64(buf + 8 * i) & RTE_OFFSET_MASK;
        if (e & (s->cluster_size - 1)) {
            error_setg(errp, "refcount block %llu is not aligned to a cluster",
                       (unsigned long long)i);
            g_free(buf);
            return -EINVAL;
        }
        if (e && e >= file_end) {
            error_setg(errp, "refcount block %llu points past the end of the file "
                       "(truncated image?)", (unsigned long long)i);
            g_free(buf);
            return -EINVAL;
        }
        s->rt[i] = e;
    }
    g_free(buf);
    return 0;
}

/* The cached refcount block of table index i, or NULL with *ret 0 when absent. */
static uint8_t *rb_lookup(BDRVQcow2State *s, uint64_t i, int *ret)
{
    *ret = 0;
    if (i >= s->rt_size || !s->rt[i]) {
        return NULL;
    }
    return qcow2_cache_get(s, &s->rb_cache, s->rt[i], false, ret);
}

int qcow2_get_refcount(BDRVQcow2State *s, uint64_t idx, uint64_t *ref)
{
    int r;
    uint8_t *rb = rb_lookup(s, idx >> s->rb_bits, &r);
    if (!rb) {
        *ref = 0;
        return r;
    }
    *ref = rb_get(s, rb, idx & ((1ull << s->rb_bits) - 1));
    return 0;
}

int qcow2_refcount_flush(BDRVQcow2State *s)
{
    return qcow2_cache_flush(s, &s->rb_cache);
}

int qcow2_order_barrier(BDRVQcow2State *s)
{
    if (s->compat & QCOW2_COMPAT_LAZY) {
        return 0;
    }
    return qcow2_refcount_flush(s);
}

static int write_rt_entry(BDRVQcow2State *s, uint64_t i)
{
    uint8_t e[8];
    qcow2_st64(e, s->rt[i]);
    return qcow2_pwrite_file(s, s->rt_offset + 8 * i, e, 8);
}

/*
 * Grow the refcount table to cover index min_i.  The new table and the
 * refcount blocks covering it go past everything in use (cluster e): blocks
 * first, then the table, all already counted, then the header switch.
 */
static int grow_refcount_table(BDRVQcow2State *s, uint64_t min_i)
{
    uint64_t epb = 1ull << s->rb_bits;
    uint64_t per_cluster = s->cluster_size / 8;
    uint64_t e = MAX(qcow2_file_clusters(s), s->alloc_high);
    if (s->repair_refs) {
        e = MAX(e, s->repair_nb);
    }
    e = MAX(e, s->reserve_end);
    uint64_t entries = MAX(min_i + 1, s->rt_size + s->rt_size / 2 + per_cluster);
    uint64_t nb = 0, k = 0;

    /* Fixed point: blocks for the region's uncovered indices, a table covering them. */
    for (int iter = 0; iter < 16; iter++) {
        k = DIV_ROUND_UP(entries, per_cluster);
        uint64_t first = e / epb, last = (e + nb + k - 1) / epb;
        uint64_t need = 0;
        for (uint64_t i = first; i <= last; i++) {
            if (i >= s->rt_size || !s->rt[i]) {
                need++;
            }
        }
        entries = MAX(entries, last + 1);
        if (need == nb && DIV_ROUND_UP(entries, per_cluster) == k) {
            break;
        }
        nb = need;
    }
    if (k * s->cluster_size > QCOW2_MAX_RT_BYTES) {
        return qcow2_signal_corruption(s, "refcount table would exceed %u bytes",
                                       QCOW2_MAX_RT_BYTES);
    }
    entries = k * per_cluster;

    uint64_t *nrt = g_new0(uint64_t, entries);
    memcpy(nrt, s->rt, s->rt_size * 8);
    uint8_t *blocks = g_malloc0(nb ? nb * s->cluster_size : 1);
    uint64_t *block_idx = g_new0(uint64_t, nb ? nb : 1);
    uint64_t j = 0;
    for (uint64_t i = e / epb; j < nb; i++) {
        if (i >= s->rt_size || !s->rt[i]) {
            block_idx[j] = i;
            nrt[i] = (e + j) << s->cluster_bits;
            j++;
        }
    }
    int r = 0;
    /* Count every cluster of the region in the block that covers it. */
    for (uint64_t c = e; c < e + nb + k; c++) {
        uint64_t i = c / epb;
        bool is_new = false;
        for (j = 0; j < nb; j++) {
            if (block_idx[j] == i) {
                rb_set(s, blocks + j * s->cluster_size, c % epb, 1);
                is_new = true;
            }
        }
        if (!is_new && (r = qcow2_update_refcount(s, c, 1)) < 0) {
            goto out;
        }
        repair_note(s, c, 1);
    }
    uint8_t *tbuf = g_malloc0(k * s->cluster_size);
    for (uint64_t i = 0; i < entries; i++) {
        qcow2_st64(tbuf + 8 * i, nrt[i]);
    }
    if ((nb && (r = qcow2_pwrite_file(s, e << s->cluster_bits, blocks,
                                      nb * s->cluster_size)) < 0) ||
        (r = qcow2_pwrite_file(s, (e + nb) << s->cluster_bits, tbuf,
                               k * s->cluster_size)) < 0 ||
        (r = qcow2_refcount_flush(s)) < 0) {
        g_free(tbuf);
        goto out;
    }
    g_free(tbuf);

    uint64_t old_off = s->rt_offset;
    uint32_t old_clusters = s->rt_clusters;
    uint64_t *old_rt = s->rt;
    s->rt = nrt;
    s->rt_size = entries;
    s->rt_offset = (e + nb) << s->cluster_bits;
    s->rt_clusters = k;
    s->alloc_high = MAX(s->alloc_high, e + nb + k);
    nrt = old_rt;
    if ((r = qcow2_write_header(s)) < 0) {
        goto out;
    }
    for (uint32_t c = 0; c < old_clusters; c++) {
        repair_note(s, (old_off >> s->cluster_bits) + c, -1);
    }
    qcow2_free_clusters(s, old_off, (uint64_t)old_clusters << s->cluster_bits);
out:
    g_free(nrt);
    g_free(blocks);
    g_free(block_idx);
    return r;
}

/* A refcount block for table index i, which covers only free clusters so far. */
static int create_refcount_block(BDRVQcow2State *s, uint64_t i)
{
    uint64_t epb = 1ull << s->rb_bits;
    int r;

    if (i >= s->rt_size) {
        if ((r = grow_refcount_table(s, i)) < 0) {
            return r;
        }
        if (s->rt[i]) {
            return 0;   /* the growth itself covered index i */
        }
    }
    uint64_t c = i * epb;
    while (repair_in_use(s, c)) {
        c++;
    }
    if (c >= (i + 1) * epb) {
        return qcow2_signal_corruption(s, "no room for refcount block %llu",
                                       (unsigned long long)i);
    }
    uint64_t off = c << s->cluster_bits;
    uint8_t *rb = qcow2_cache_get(s, &s->rb_cache, off, true, &r);
    if (!rb) {
        return r;
    }
    rb_set(s, rb, c % epb, 1);
    qcow2_cache_mark_dirty(&s->rb_cache, rb, s->cluster_size);
    /* The block must be on disk before the table points at it. */
    if ((r = qcow2_cache_flush(s, &s->rb_cache)) < 0) {
        return r;
    }
    s->rt[i] = off;
    s->alloc_high = MAX(s->alloc_high, c + 1);
    repair_note(s, c, 1);
    return write_rt_entry(s, i);
}

int qcow2_set_refcount(BDRVQcow2State *s, uint64_t idx, uint64_t value)
{
    uint64_t i = idx >> s->rb_bits;
    int r;
    uint8_t *rb = rb_lookup(s, i, &r);
    if (!rb) {
        if (r < 0) {
            return r;
        }
        if (!value) {
            return 0;
        }
        if ((r = create_refcount_block(s, i)) < 0) {
            return r;
        }
        if (!(rb = rb_lookup(s, i, &r))) {
            return r ? r : -EIO;
        }
    }
    if (value > s->refcount_max) {
        return qcow2_signal_corruption(s, "refcount of cluster %llu would overflow",
                                       (unsigned long long)idx);
    }
    rb_set(s, rb, idx & ((1ull << s->rb_bits) - 1), value);
    qcow2_cache_mark_dirty(&s->rb_cache, rb, s->cluster_size);
    if (value == 0) {
        if (idx < s->free_cluster_index) {
            s->free_cluster_index = idx;
        }
        if (idx < s->free_run_index) {
            s->free_run_index = idx;
        }
        s->cbuf_entry = 0;   /* the cluster may be reused for other compressed data */
        if (s->compress_cursor >> s->cluster_bits == idx) {
            s->compress_cursor = 0;
        }
    }
    return 0;
}

int qcow2_update_refcount(BDRVQcow2State *s, uint64_t idx, int64_t addend)
{
    uint64_t ref;
    int r = qcow2_get_refcount(s, idx, &ref);
    if (r < 0) {
        return r;
    }
    if (addend < 0 && ref < (uint64_t)-addend) {
        return qcow2_signal_corruption(s, "refcount of cluster %llu would drop below zero",
                                       (unsigned long long)idx);
    }
    if (addend > 0 && ref > s->refcount_max - addend) {
        return qcow2_signal_corruption(s, "refcount of cluster %llu would overflow "
                                       "(%d-bit refcounts)", (unsigned long long)idx,
                                       s->refcount_bits);
    }
    return qcow2_set_refcount(s, idx, ref + addend);
}

int64_t qcow2_alloc_clusters(BDRVQcow2State *s, uint64_t n)
{
    uint64_t epb = 1ull << s->rb_bits;
    int r;

    if (s->corrupt) {
        return -EIO;
    }
retry:;
    /* Runs longer than one cluster start past earlier runs: holes too small stay behind. */
    uint64_t start = n > 1 ? MAX(s->free_cluster_index, s->free_run_index)
                           : s->free_cluster_index;
    uint64_t len = 0, first_free = UINT64_MAX;
    if (start == 0) {
        start = 1;   /* cluster 0 is the header, always */
    }
    for (uint64_t c = start; len < n; c++) {
        uint64_t ref;
        if ((r = qcow2_get_refcount(s, c, &ref)) < 0) {
            return r;
        }
        if (ref || repair_in_use(s, c)) {
            start = c + 1;
            len = 0;
        } else {
            first_free = MIN(first_free, c);
            len++;
        }
    }
    /* Every refcount block for the range must exist before it is counted. */
    for (uint64_t i = start / epb; i <= (start + n - 1) / epb; i++) {
        if (i < s->rt_size && s->rt[i]) {
            continue;
        }
        if (n == 1 || i >= s->rt_size) {
            /* Self-describing block inside its range (the table grows first). */
            if ((r = create_refcount_block(s, i)) < 0) {
                return r;
            }
            goto retry;
        }
        /*
         * A run: a block inside it would break it (with 64 entries per block,
         * runs of 64 could never fit), so its block is allocated elsewhere
         * while the run is reserved.
         */
        s->reserve_start = start;
        s->reserve_end = start + n;
        int64_t f = qcow2_alloc_clusters(s, 1);
        s->reserve_start = s->reserve_end = 0;
        if (f < 0) {
            return f;
        }
        if (s->rt[i]) {
            /* That allocation fell in range i and created its block already. */
            qcow2_free_clusters(s, f, s->cluster_size);
            continue;
        }
        uint8_t *rb = qcow2_cache_get(s, &s->rb_cache, f, true, &r);
        if (!rb) {
            return r;
        }
        qcow2_cache_mark_dirty(&s->rb_cache, rb, s->cluster_size);
        if ((r = qcow2_cache_flush(s, &s->rb_cache)) < 0) {
            return r;
        }
        s->rt[i] = f;
        if ((r = write_rt_entry(s, i)) < 0) {
            return r;
        }
    }
    for (uint64_t c = start; c < start + n; c++) {
        if ((r = qcow2_update_refcount(s, c, 1)) < 0) {
            return r;
        }
    }
    /* Longer requests may skip short free runs; keep the hint below them. */
    if (n > 1) {
        s->free_run_index = start + n;
    } else {
        s->free_cluster_index = first_free < start ? first_free : start + n;
    }
    s->alloc_high = MAX(s->alloc_high, start + n);
    return (int64_t)(start << s->cluster_bits);
}

void qcow2_free_clusters(BDRVQcow2State *s, uint64_t off, uint64_t bytes)
{
    uint64_t first = off >> s->cluster_bits;
    uint64_t end = (off + bytes + s->cluster_size - 1) >> s->cluster_bits;
    for (uint64_t c = first; c < end; c++) {
        /* A failure here only leaks the cluster; it was reported already. */
        qcow2_update_refcount(s, c, -1);
    }
}
