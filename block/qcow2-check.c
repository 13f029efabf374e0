/*
 * qcow2-check.c — consistency check and repair (emu-img check [-r]).
 *
 * Walks every reference in the image — header, L1 tables (active and of
 * each snapshot), L2 tables, data clusters (each cluster a compressed
 * entry touches), refcount table and blocks, snapshot table — counting
 * references per host cluster, then compares with the stored refcounts:
 *   stored > references  -> leak (harmless; -r leaks lowers it)
 *   stored < references  -> corruption (a write could reuse the cluster;
 *                           -r all raises it)
 * and checks COPIED flags of the active tables against refcounts.
 * Findings are printed on stderr one per line, in qemu-img's words, so that
 * people and scripts that know qemu-img read them the same way.
 */
#include "qcow2.h"
#include "util/bitops.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

typedef struct CheckState {
    BDRVQcow2State *s;
    BlockCheckResult *res;
    uint32_t *refs;
    uint64_t nb;             /* clusters in refs */
    uint64_t file_clusters;
    uint64_t last_data;      /* previous data cluster, for fragmentation */
} CheckState;

static void count_range(CheckState *c, uint64_t off, uint64_t bytes, const char *what)
{
    BDRVQcow2State *s = c->s;
    if (!bytes) {
        return;
    }
    uint64_t first = off >> s->cluster_bits;
    uint64_t end = (off + bytes - 1) >> s->cluster_bits;
    for (uint64_t i = first; i <= end; i++) {
        if (i >= c->nb) {
            fprintf(stderr, "ERROR %s at 0x%llx is past the end of the image\n", what,
                    (unsigned long long)off);
            c->res->corruptions++;
            return;
        }
        c->refs[i]++;
    }
}

static int check_l2(CheckState *c, uint64_t l2_off, bool active)
{
    BDRVQcow2State *s = c->s;
    uint8_t *t = g_malloc(s->cluster_size);
    int r = qcow2_pread_file(s, l2_off, t, s->cluster_size);
    if (r < 0) {
        c->res->check_errors++;
        g_free(t);
        return r;
    }
    for (uint32_t j = 0; j < s->l2_size; j++) {
        uint64_t e = qcow2_be64(t + 8 * j);
        switch (qcow2_entry_type(s, e)) {
        case QCOW2_CLUSTER_COMPRESSED: {
            if (e & QCOW_OFLAG_COPIED) {
                fprintf(stderr, "ERROR: coffset=0x%llx: copied flag must never be set for "
                        "compressed clusters\n", (unsigned long long)(e & s->coffset_mask));
                c->res->corruptions++;
            }
            uint64_t first, count;
            qcow2_compressed_span(s, e, &first, &count);
            count_range(c, first << s->cluster_bits, count << s->cluster_bits,
                        "compressed cluster");
            if (active) {
                c->res->allocated_clusters++;
                c->res->compressed_clusters++;
            }
            break;
        }
        case QCOW2_CLUSTER_NORMAL:
        case QCOW2_CLUSTER_ZERO_ALLOC: {
            uint64_t off = e & L2E_OFFSET_MASK;
            if (off & (s->cluster_size - 1)) {
                fprintf(stderr, "ERROR offset=%llx: Data cluster is not properly aligned; "
                        "L2 entry corrupted.\n", (unsigned long long)off);
                c->res->corruptions++;
                break;
            }
            count_range(c, off, s->cluster_size, "data cluster");
            if (active) {
                c->res->allocated_clusters++;
                if (c->last_data && (off >> s->cluster_bits) != c->last_data + 1) {
                    c->res->fragmented_clusters++;
                }
                c->last_data = off >> s->cluster_bits;
            }
            break;
        }
        case QCOW2_CLUSTER_ZERO_PLAIN:
            if (active) {
                c->res->allocated_clusters++;
            }
            break;
        default:
            break;
        }
    }
    g_free(t);
    return 0;
}

static void check_l1(CheckState *c, const uint64_t *l1, uint32_t l1_size, uint64_t l1_off,
                     bool active)
{
    BDRVQcow2State *s = c->s;
    count_range(c, l1_off, (uint64_t)l1_size * 8, "L1 table");
    for (uint32_t i = 0; i < l1_size; i++) {
        uint64_t off = l1[i] & L1E_OFFSET_MASK;
        if (!off) {
            continue;
        }
        if (off & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR l2_offset=%llx: Table is not cluster aligned; L1 entry "
                    "corrupted\n", (unsigned long long)off);
            c->res->corruptions++;
            continue;
        }
        if ((off >> s->cluster_bits) >= c->file_clusters) {
            fprintf(stderr, "ERROR l2_offset=%llx: L2 table is past the end of the image\n",
                    (unsigned long long)off);
            c->res->corruptions++;
            continue;
        }
        count_range(c, off, s->cluster_size, "L2 table");
        check_l2(c, off, active);
    }
}

/* COPIED must be set in the active tables exactly where the refcount is 1. */
static int check_copied(CheckState *c, int fix, bool *need_fix)
{
    BDRVQcow2State *s = c->s;
    uint8_t *t = g_malloc(s->cluster_size);
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l1e = s->l1_table[i], off = l1e & L1E_OFFSET_MASK;
        uint64_t ref;
        if (!off || (off & (s->cluster_size - 1)) ||
            (off >> s->cluster_bits) >= c->file_clusters) {
            continue;
        }
        if (qcow2_get_refcount(s, off >> s->cluster_bits, &ref) < 0) {
            c->res->check_errors++;
            continue;
        }
        if ((ref == 1) != !!(l1e & QCOW_OFLAG_COPIED)) {
            fprintf(stderr, "%s OFLAG_COPIED L2 cluster: l1_index=%u l1_entry=%llx "
                    "refcount=%llu\n", fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR", i,
                    (unsigned long long)l1e, (unsigned long long)ref);
            c->res->corruptions++;
            *need_fix = true;
        }
        if (qcow2_pread_file(s, off, t, s->cluster_size) < 0) {
            c->res->check_errors++;
            continue;
        }
        for (uint32_t j = 0; j < s->l2_size; j++) {
            uint64_t e = qcow2_be64(t + 8 * j);
            Qcow2ClusterType type = qcow2_entry_type(s, e);
            if (type != QCOW2_CLUSTER_NORMAL && type != QCOW2_CLUSTER_ZERO_ALLOC) {
                continue;
            }
            uint64_t d = e & L2E_OFFSET_MASK;
            if ((d & (s->cluster_size - 1)) ||
                qcow2_get_refcount(s, d >> s->cluster_bits, &ref) < 0) {
                continue;
            }
            if ((ref == 1) != !!(e & QCOW_OFLAG_COPIED)) {
                fprintf(stderr, "%s OFLAG_COPIED data cluster: l2_entry=%llx refcount=%llu\n",
                        fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR",
                        (unsigned long long)e, (unsigned long long)ref);
                c->res->corruptions++;
                *need_fix = true;
            }
        }
    }
    g_free(t);
    return 0;
}

int qcow2_check(BlockDriverState *bs, BlockCheckResult *res, int fix)
{
    BDRVQcow2State *s = bs->opaque;
    CheckState c = { .s = s, .res = res };
    int r;

    if ((r = qcow2_refcount_flush(s)) < 0) {
        return r;
    }
    c.file_clusters = qcow2_file_clusters(s);
    uint64_t covered = s->rt_size << s->rb_bits;
    /* References past the file end are errors; refcounts past it may be leaks. */
    c.nb = MAX(c.file_clusters, MIN(covered, c.file_clusters + 1024));
    c.refs = g_new0(uint32_t, c.nb);
    res->total_clusters = DIV_ROUND_UP(s->size, s->cluster_size);

    count_range(&c, 0, s->cluster_size, "header");
    check_l1(&c, s->l1_table, s->l1_size, s->l1_table_offset, true);
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        Qcow2Snapshot *sn = &s->snapshots[i];
        uint64_t *l1 = g_new0(uint64_t, sn->l1_size + 1);
        uint8_t *buf = g_malloc(sn->l1_size * 8ull + 1);
        if (qcow2_pread_file(s, sn->l1_table_offset, buf, sn->l1_size * 8ull) < 0) {
            res->check_errors++;
        } else {
            for (uint32_t j = 0; j < sn->l1_size; j++) {
                l1[j] = qcow2_be64(buf + 8 * j);
            }
            check_l1(&c, l1, sn->l1_size, sn->l1_table_offset, false);
        }
        g_free(buf);
        g_free(l1);
    }
    count_range(&c, s->snapshots_offset, s->snapshots_size, "snapshot table");
    count_range(&c, s->rt_offset, (uint64_t)s->rt_clusters << s->cluster_bits,
                "refcount table");
    for (uint64_t i = 0; i < s->rt_size; i++) {
        if (s->rt[i]) {
            count_range(&c, s->rt[i], s->cluster_size, "refcount block");
        }
    }

    /* Compare, and repair what the caller allows. */
    if (fix) {
        s->repair_refs = c.refs;
        s->repair_nb = c.nb;
    }
    for (uint64_t i = 0; i < c.nb; i++) {
        uint64_t stored;
        if ((r = qcow2_get_refcount(s, i, &stored)) < 0) {
            res->check_errors++;
            continue;
        }
        uint64_t want = c.refs[i];
        if (stored == want) {
            continue;
        }
        bool leak = stored > want;
        bool repair = leak ? (fix & BDRV_FIX_LEAKS) : (fix & BDRV_FIX_ERRORS);
        fprintf(stderr, "%s cluster %llu refcount=%llu reference=%llu\n",
                repair ? "Repairing" : leak ? "Leaked" : "ERROR",
                (unsigned long long)i, (unsigned long long)stored, (unsigned long long)want);
        if (leak) {
            res->leaks++;
        } else {
            res->corruptions++;
        }
        if (repair) {
            if (qcow2_set_refcount(s, i, MIN(want, s->refcount_max)) == 0) {
                if (leak) {
                    res->leaks_fixed++;
                } else {
                    res->corruptions_fixed++;
                }
            }
        }
    }
    bool need_fix = false;
    int before = res->corruptions;
    check_copied(&c, fix, &need_fix);
    if (need_fix && (fix & BDRV_FIX_ERRORS) && qcow2_fix_copied(s) == 0) {
        res->corruptions_fixed += res->corruptions - before;
    }
    s->repair_refs = NULL;
    s->repair_nb = 0;

    uint64_t end = 0;
    for (uint64_t i = 0; i < c.nb; i++) {
        if (c.refs[i]) {
            end = i + 1;
        }
    }
    res->image_end_offset = end << s->cluster_bits;
    g_free(c.refs);

    if (fix && (r = qcow2_refcount_flush(s)) < 0) {
        return r;
    }
    if (fix && res->corruptions == res->corruptions_fixed && !bs->read_only) {
        uint64_t was = s->incompat;
        s->incompat &= ~(QCOW2_INCOMPAT_CORRUPT | QCOW2_INCOMPAT_DIRTY);
        s->corrupt = false;
        s->lazy_dirty = false;
        if (was != s->incompat && (r = qcow2_write_header(s)) < 0) {
            return r;
        }
        r = bdrv_flush(bs->file);
    }
    return r < 0 ? r : 0;
}
