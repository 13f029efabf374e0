/*
 * qcow2-snapshot.c — internal snapshots: the snapshot table, create, list,
 * apply (goto) and delete, and the refcount walks they need.
 *
 * A snapshot is a copy of the active L1 table; the L2 tables and data
 * clusters are shared, so taking one adds a reference to every cluster of
 * the active tree.  Refcounts count references from every L1 tree (active
 * and snapshots) through every L2 table.  COPIED flags in the active tables
 * are then recomputed: set exactly where the refcount is 1.
 *
 * Table entry (big-endian): l1_table_offset u64, l1_size u32, id_len u16,
 * name_len u16, date_sec u32, date_nsec u32, vm_clock_nsec u64,
 * vm_state_size u32, extra_size u32, extra data (v3: vm_state_size_large
 * u64, disk_size u64 [, icount u64]), id, name, padding to 8 bytes.
 */
#include "qcow2.h"
#include "util/bitops.h"
#include "util/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define SN_FIXED 40

void qcow2_free_snapshots(BDRVQcow2State *s)
{
    for (uint32_t i = 0; s->snapshots && i < s->nb_snapshots; i++) {
        g_free(s->snapshots[i].id_str);
        g_free(s->snapshots[i].name);
    }
    g_free(s->snapshots);
    s->snapshots = NULL;
}

int qcow2_read_snapshots(BDRVQcow2State *s, Error **errp)
{
    uint64_t file_size = s->bs->file->total_size;
    uint64_t pos = s->snapshots_offset;
    int r;

    s->snapshots = g_new0(Qcow2Snapshot, s->nb_snapshots ? s->nb_snapshots : 1);
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        uint8_t h[SN_FIXED];
        if (pos + SN_FIXED > file_size) {
            error_setg(errp, "snapshot table extends past the end of the file");
            return -EINVAL;
        }
        if ((r = qcow2_pread_file(s, pos, h, SN_FIXED)) < 0) {
            error_setg_errno(errp, -r, "could not read the snapshot table");
            return r;
        }
        Qcow2Snapshot *sn = &s->snapshots[i];
        sn->l1_table_offset = qcow2_be64(h);
        sn->l1_size = qcow2_be32(h + 8);
        uint16_t id_len = qcow2_be16(h + 12), name_len = qcow2_be16(h + 14);
        sn->date_sec = qcow2_be32(h + 16);
        sn->date_nsec = qcow2_be32(h + 20);
        sn->vm_clock_nsec = qcow2_be64(h + 24);
        sn->vm_state_size = qcow2_be32(h + 32);
        sn->extra_size = qcow2_be32(h + 36);
        sn->disk_size = s->size;
        sn->icount = ~0ull;
        if (sn->extra_size > 1024) {
            error_setg(errp, "snapshot %u has too much extra data (%u bytes)", i,
                       sn->extra_size);
            return -EINVAL;
        }
        uint64_t total = SN_FIXED + sn->extra_size + id_len + name_len;
        if (pos + total > file_size) {
            error_setg(errp, "snapshot table extends past the end of the file");
            return -EINVAL;
        }
        uint8_t *rest = g_malloc0(total - SN_FIXED + 1);
        if ((r = qcow2_pread_file(s, pos + SN_FIXED, rest, total - SN_FIXED)) < 0) {
            g_free(rest);
            error_setg_errno(errp, -r, "could not read the snapshot table");
            return r;
        }
        if (sn->extra_size >= 8) {
            sn->vm_state_size = qcow2_be64(rest);
        }
        if (sn->extra_size >= 16) {
            sn->disk_size = qcow2_be64(rest + 8);
        }
        if (sn->extra_size >= 24) {
            sn->icount = qcow2_be64(rest + 16);
        }
        sn->id_str = g_strndup((char *)rest + sn->extra_size, id_len);
        sn->name = g_strndup((char *)rest + sn->extra_size + id_len, name_len);
        g_free(rest);
        if (sn->l1_size > QCOW2_MAX_L1_BYTES / 8) {
            error_setg(errp, "snapshot '%s' has an L1 table that is too large", sn->name);
            return -EFBIG;
        }
        if ((sn->l1_table_offset & (s->cluster_size - 1)) ||
            (sn->l1_size && sn->l1_table_offset + (uint64_t)sn->l1_size * 8 > file_size)) {
            error_setg(errp, "snapshot '%s' has an invalid L1 table offset", sn->name);
            return -EINVAL;
        }
        pos += ROUND_UP(total, 8);
    }
    s->snapshots_size = pos - s->snapshots_offset;
    return 0;
}

/* Write the in-memory table to new clusters, switch the header, free the old one. */
static int write_snapshot_table(BDRVQcow2State *s)
{
    GByteArray *a = g_byte_array_new();
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        uint32_t extra = sn->icount != ~0ull ? 24 : 16;
        size_t id_len = strlen(sn->id_str), name_len = strlen(sn->name);
        size_t total = ROUND_UP(SN_FIXED + extra + id_len + name_len, 8);
        uint8_t *e = g_malloc0(total);
        qcow2_st64(e, sn->l1_table_offset);
        qcow2_st32(e + 8, sn->l1_size);
        qcow2_st16(e + 12, id_len);
        qcow2_st16(e + 14, name_len);
        qcow2_st32(e + 16, sn->date_sec);
        qcow2_st32(e + 20, sn->date_nsec);
        qcow2_st64(e + 24, sn->vm_clock_nsec);
        qcow2_st32(e + 32, sn->vm_state_size > 0xffffffffu ? 0 : (uint32_t)sn->vm_state_size);
        qcow2_st32(e + 36, extra);
        qcow2_st64(e + 40, sn->vm_state_size);
        qcow2_st64(e + 48, sn->disk_size);
        if (extra == 24) {
            qcow2_st64(e + 56, sn->icount);
        }
        memcpy(e + SN_FIXED + extra, sn->id_str, id_len);
        memcpy(e + SN_FIXED + extra + id_len, sn->name, name_len);
        g_byte_array_append(a, e, total);
        g_free(e);
    }
    uint64_t old_off = s->snapshots_offset, old_size = s->snapshots_size;
    int64_t off = 0;
    int r = 0;
    if (a->len) {
        off = qcow2_alloc_clusters(s, DIV_ROUND_UP(a->len, s->cluster_size));
        if (off < 0) {
            g_byte_array_free(a, TRUE);
            return (int)off;
        }
        if ((r = qcow2_pwrite_file(s, off, a->data, a->len)) < 0 ||
            (r = qcow2_order_barrier(s)) < 0) {
            g_byte_array_free(a, TRUE);
            return r;
        }
    }
    s->snapshots_offset = off;
    s->snapshots_size = a->len;
    g_byte_array_free(a, TRUE);
    if ((r = qcow2_write_header(s)) < 0) {
        return r;
    }
    if (old_size) {
        qcow2_free_clusters(s, old_off, old_size);
    }
    return 0;
}

int qcow2_update_tree_refcount(BDRVQcow2State *s, const uint64_t *l1, uint32_t l1_size,
                               int addend)
{
    uint8_t *copy = g_malloc(s->cluster_size);
    int r = 0;
    for (uint32_t i = 0; i < l1_size && r == 0; i++) {
        uint64_t l2_off = l1[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        uint8_t *t = qcow2_cache_get(s, &s->l2_cache, l2_off, false, &r);
        if (!t) {
            break;
        }
        /* Refcount updates may evict the table: walk a private copy. */
        memcpy(copy, t, s->cluster_size);
        for (uint32_t j = 0; j < s->l2_size && r == 0; j++) {
            uint64_t e = qcow2_be64(copy + 8 * j);
            switch (qcow2_entry_type(s, e)) {
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC:
                r = qcow2_update_refcount(s, (e & L2E_OFFSET_MASK) >> s->cluster_bits, addend);
                break;
            case QCOW2_CLUSTER_COMPRESSED: {
                uint64_t first, count;
                qcow2_compressed_span(s, e, &first, &count);
                for (uint64_t c = 0; c < count && r == 0; c++) {
                    r = qcow2_update_refcount(s, first + c, addend);
                }
                break;
            }
            default:
                break;
            }
        }
        if (r == 0) {
            r = qcow2_update_refcount(s, l2_off >> s->cluster_bits, addend);
        }
    }
    g_free(copy);
    return r;
}

int qcow2_fix_copied(BDRVQcow2State *s)
{
    int r = qcow2_order_barrier(s);
    for (uint32_t i = 0; i < s->l1_size && r == 0; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        uint64_t ref;
        if ((r = qcow2_get_refcount(s, l2_off >> s->cluster_bits, &ref)) < 0) {
            break;
        }
        uint64_t want = l2_off | (ref == 1 ? QCOW_OFLAG_COPIED : 0);
        if (want != s->l1_table[i]) {
            uint8_t e[8];
            s->l1_table[i] = want;
            qcow2_st64(e, want);
            if ((r = qcow2_pwrite_file(s, s->l1_table_offset + 8 * i, e, 8)) < 0) {
                break;
            }
        }
        uint8_t *t = qcow2_cache_get(s, &s->l2_cache, l2_off, false, &r);
        if (!t) {
            break;
        }
        uint8_t *copy = g_memdup2(t, s->cluster_size);
        bool changed = false;
        for (uint32_t j = 0; j < s->l2_size && r == 0; j++) {
            uint64_t e = qcow2_be64(copy + 8 * j), ne = e & ~QCOW_OFLAG_COPIED;
            Qcow2ClusterType type = qcow2_entry_type(s, e);
            if (type == QCOW2_CLUSTER_NORMAL || type == QCOW2_CLUSTER_ZERO_ALLOC) {
                r = qcow2_get_refcount(s, (e & L2E_OFFSET_MASK) >> s->cluster_bits, &ref);
                if (ref == 1) {
                    ne |= QCOW_OFLAG_COPIED;
                }
            } else if (type == QCOW2_CLUSTER_COMPRESSED) {
                ne = e;   /* compressed entries never carry COPIED */
            }
            if (ne != e) {
                qcow2_st64(copy + 8 * j, ne);
                changed = true;
            }
        }
        if (r == 0 && changed) {
            r = qcow2_pwrite_file(s, l2_off, copy, s->cluster_size);
            qcow2_cache_discard(&s->l2_cache, l2_off);
        }
        g_free(copy);
    }
    return r;
}

static Qcow2Snapshot *find_snapshot(BDRVQcow2State *s, const char *name)
{
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        if (strcmp(s->snapshots[i].id_str, name) == 0) {
            return &s->snapshots[i];
        }
    }
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        if (strcmp(s->snapshots[i].name, name) == 0) {
            return &s->snapshots[i];
        }
    }
    return NULL;
}

bool qcow2_snapshot_create(BlockDriverState *bs, const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int r;

    if (!name[0]) {
        error_setg(errp, "%s: a snapshot needs a name", bs->filename);
        return false;
    }
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        if (strcmp(s->snapshots[i].name, name) == 0) {
            error_setg(errp, "%s: a snapshot named '%s' already exists", bs->filename, name);
            return false;
        }
    }
    if (s->nb_snapshots >= QCOW2_MAX_SNAPSHOTS) {
        error_setg(errp, "%s: too many snapshots", bs->filename);
        return false;
    }
    if (s->corrupt) {
        error_setg(errp, "%s: image is corrupt", bs->filename);
        return false;
    }

    /* Count the shared tree first (a crash here only leaks), then copy L1. */
    uint64_t bytes = (uint64_t)s->l1_size * 8;
    int64_t l1_off = 0;
    if ((r = qcow2_update_tree_refcount(s, s->l1_table, s->l1_size, 1)) < 0) {
        goto fail;
    }
    if (bytes) {
        l1_off = qcow2_alloc_clusters(s, DIV_ROUND_UP(bytes, s->cluster_size));
        if (l1_off < 0) {
            r = (int)l1_off;
            goto fail;
        }
        uint8_t *buf = g_malloc0(ROUND_UP(bytes, s->cluster_size));
        for (uint32_t i = 0; i < s->l1_size; i++) {
            qcow2_st64(buf + 8 * i, s->l1_table[i] & ~QCOW_OFLAG_COPIED);
        }
        r = qcow2_pwrite_file(s, l1_off, buf, ROUND_UP(bytes, s->cluster_size));
        g_free(buf);
        if (r < 0) {
            goto fail;
        }
    }
    if ((r = qcow2_fix_copied(s)) < 0) {
        goto fail;
    }

    uint64_t max_id = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        max_id = MAX(max_id, strtoull(s->snapshots[i].id_str, NULL, 10));
    }
    int64_t now = g_get_real_time();
    s->snapshots = g_renew(Qcow2Snapshot, s->snapshots, s->nb_snapshots + 1);
    s->snapshots[s->nb_snapshots] = (Qcow2Snapshot){
        .l1_table_offset = l1_off,
        .l1_size = s->l1_size,
        .id_str = g_strdup_printf("%llu", (unsigned long long)max_id + 1),
        .name = g_strdup(name),
        .date_sec = now / 1000000,
        .date_nsec = (now % 1000000) * 1000,
        .disk_size = s->size,
        .icount = ~0ull,
    };
    s->nb_snapshots++;
    if ((r = write_snapshot_table(s)) < 0 || (r = bdrv_flush(bs)) < 0) {
        goto fail;
    }
    return true;
fail:
    error_setg_errno(errp, -r, "%s: could not create snapshot '%s'", bs->filename, name);
    return false;
}

int qcow2_snapshot_list(BlockDriverState *bs, BlockSnapshot **list)
{
    BDRVQcow2State *s = bs->opaque;
    BlockSnapshot *l = g_new0(BlockSnapshot, s->nb_snapshots ? s->nb_snapshots : 1);
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        l[i] = (BlockSnapshot){
            .id = g_strdup(sn->id_str), .name = g_strdup(sn->name),
            .vm_state_size = sn->vm_state_size, .date_sec = sn->date_sec,
            .date_nsec = sn->date_nsec, .vm_clock_nsec = sn->vm_clock_nsec,
            .disk_size = sn->disk_size,
        };
    }
    *list = l;
    return s->nb_snapshots;
}

static int read_snapshot_l1(BDRVQcow2State *s, Qcow2Snapshot *sn, uint64_t **out)
{
    uint64_t *l1 = g_new0(uint64_t, sn->l1_size ? sn->l1_size : 1);
    uint8_t *buf = g_malloc(sn->l1_size * 8ull + 1);
    int r = qcow2_pread_file(s, sn->l1_table_offset, buf, sn->l1_size * 8ull);
    for (uint32_t i = 0; r == 0 && i < sn->l1_size; i++) {
        l1[i] = qcow2_be64(buf + 8 * i) & ~QCOW_OFLAG_COPIED;
        if ((l1[i] & L1E_OFFSET_MASK) & (s->cluster_size - 1)) {
            r = qcow2_signal_corruption(s, "snapshot '%s': L1 entry %u is not aligned",
                                        sn->name, i);
        }
    }
    g_free(buf);
    if (r < 0) {
        g_free(l1);
        return r;
    }
    *out = l1;
    return 0;
}

bool qcow2_snapshot_goto(BlockDriverState *bs, const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Snapshot *sn = find_snapshot(s, name);
    uint64_t *l1 = NULL, *old = NULL;
    int r;

    if (!sn) {
        error_setg(errp, "%s: no snapshot '%s'", bs->filename, name);
        return false;
    }
    if ((r = qcow2_grow_l1(s, sn->l1_size)) < 0 || (r = read_snapshot_l1(s, sn, &l1)) < 0) {
        goto fail;
    }
    /* New references first, then the switch, then the old tree's are dropped. */
    if ((r = qcow2_update_tree_refcount(s, l1, sn->l1_size, 1)) < 0 ||
        (r = qcow2_order_barrier(s)) < 0) {
        goto fail;
    }
    old = g_memdup2(s->l1_table, s->l1_size * 8ull);
    uint32_t old_size = s->l1_size;
    memset(s->l1_table, 0, s->l1_size * 8ull);
    memcpy(s->l1_table, l1, sn->l1_size * 8ull);
    uint8_t *buf = g_malloc0(s->l1_size * 8ull + 1);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        qcow2_st64(buf + 8 * i, s->l1_table[i]);
    }
    r = qcow2_pwrite_file(s, s->l1_table_offset, buf, s->l1_size * 8ull);
    g_free(buf);
    if (r < 0 || (r = qcow2_update_tree_refcount(s, old, old_size, -1)) < 0) {
        goto fail;
    }
    s->cbuf_entry = 0;
    if ((r = qcow2_fix_copied(s)) < 0) {
        goto fail;
    }
    if (s->version >= 3 && sn->disk_size != s->size) {
        s->size = sn->disk_size;
        bs->total_size = s->size;
        if ((r = qcow2_write_header(s)) < 0) {
            goto fail;
        }
    }
    r = bdrv_flush(bs);
fail:
    g_free(l1);
    g_free(old);
    if (r < 0) {
        error_setg_errno(errp, -r, "%s: could not apply snapshot '%s'", bs->filename, name);
        return false;
    }
    return true;
}

bool qcow2_snapshot_delete(BlockDriverState *bs, const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2Snapshot *sn = find_snapshot(s, name);
    uint64_t *l1 = NULL;
    int r;

    if (!sn) {
        error_setg(errp, "%s: no snapshot '%s'", bs->filename, name);
        return false;
    }
    if ((r = read_snapshot_l1(s, sn, &l1)) < 0) {
        error_setg_errno(errp, -r, "%s: could not delete snapshot '%s'", bs->filename, name);
        return false;
    }
    Qcow2Snapshot gone = *sn;
    /* Drop it from the table first: a crash afterwards only leaks its clusters. */
    uint32_t idx = sn - s->snapshots;
    memmove(sn, sn + 1, (s->nb_snapshots - idx - 1) * sizeof(*sn));
    s->nb_snapshots--;
    if ((r = write_snapshot_table(s)) < 0) {
        goto fail;
    }
    if ((r = qcow2_update_tree_refcount(s, l1, gone.l1_size, -1)) < 0) {
        goto fail;
    }
    if (gone.l1_size) {
        qcow2_free_clusters(s, gone.l1_table_offset, gone.l1_size * 8ull);
    }
    s->cbuf_entry = 0;
    if ((r = qcow2_fix_copied(s)) < 0) {
        goto fail;
    }
    r = bdrv_flush(bs);
fail:
    g_free(gone.id_str);
    g_free(gone.name);
    g_free(l1);
    if (r < 0) {
        error_setg_errno(errp, -r, "%s: could not delete snapshot '%s'", bs->filename, name);
        return false;
    }
    return true;
}
