/*
 * qcow2.h — private to the qcow2 driver (qcow2*.c): on-disk constants from
 * the published qcow2 specification and the driver's in-memory state.
 *
 * Naming legend: "cluster" is a host cluster index or byte offset as the
 * name says (…_off = bytes, …_idx = cluster index); "l1i"/"l2i" are table
 * indices; "rt" is the refcount table, "rb" a refcount block, "epb" the
 * entries per refcount block.
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include "block/block.h"

#include <stdint.h>

#define QCOW_MAGIC               0x514649fbu   /* "QFI\xfb" */
#define QCOW2_V2_HEADER_SIZE     72
#define QCOW2_V3_HEADER_SIZE     104
#define QCOW2_MIN_CLUSTER_BITS   9
#define QCOW2_MAX_CLUSTER_BITS   21
#define QCOW2_MAX_L1_BYTES       (32u << 20)   /* what qemu accepts, and so do we */
#define QCOW2_MAX_RT_BYTES       (8u << 20)
#define QCOW2_MAX_SNAPSHOTS      65536
#define QCOW2_MAX_BACKING_NAME   1023

/* Header field offsets (big-endian on disk). */
enum {
    QH_MAGIC = 0, QH_VERSION = 4, QH_BACKING_OFFSET = 8, QH_BACKING_SIZE = 16,
    QH_CLUSTER_BITS = 20, QH_SIZE = 24, QH_CRYPT = 32, QH_L1_SIZE = 36,
    QH_L1_OFFSET = 40, QH_RT_OFFSET = 48, QH_RT_CLUSTERS = 56, QH_NB_SNAPSHOTS = 60,
    QH_SNAPSHOTS_OFFSET = 64, QH_INCOMPAT = 72, QH_COMPAT = 80, QH_AUTOCLEAR = 88,
    QH_REFCOUNT_ORDER = 96, QH_HEADER_LENGTH = 100, QH_COMPRESSION_TYPE = 104,
};

/* Feature bits. */
#define QCOW2_INCOMPAT_DIRTY     (1ull << 0)   /* refcounts may be stale (lazy refcounts) */
#define QCOW2_INCOMPAT_CORRUPT   (1ull << 1)   /* metadata found inconsistent: no writes */
#define QCOW2_INCOMPAT_SUPPORTED (QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT)
#define QCOW2_COMPAT_LAZY        (1ull << 0)

/* Header extension types. */
#define QCOW2_EXT_END            0x00000000u
#define QCOW2_EXT_BACKING_FMT    0xe2792acau
#define QCOW2_EXT_FEATURE_TABLE  0x6803f857u

/* L1/L2 entry bits. */
#define QCOW_OFLAG_COPIED        (1ull << 63)  /* refcount is exactly 1: write in place */
#define QCOW_OFLAG_COMPRESSED    (1ull << 62)
#define QCOW_OFLAG_ZERO          (1ull << 0)   /* v3: reads as zeros */
#define L1E_OFFSET_MASK          0x00fffffffffffe00ull
#define L2E_OFFSET_MASK          0x00fffffffffffe00ull
#define RTE_OFFSET_MASK          0xfffffffffffffe00ull

/* What a guest cluster is, from its L2 entry. */
typedef enum Qcow2ClusterType {
    QCOW2_CLUSTER_UNALLOCATED,   /* read the backing file (or zeros) */
    QCOW2_CLUSTER_ZERO_PLAIN,    /* zero flag, no host cluster */
    QCOW2_CLUSTER_ZERO_ALLOC,    /* zero flag with a preallocated host cluster */
    QCOW2_CLUSTER_NORMAL,
    QCOW2_CLUSTER_COMPRESSED,
} Qcow2ClusterType;

/* A small cache of cluster-sized tables (L2 tables or refcount blocks). */
typedef struct Qcow2Cache {
    int size;                    /* slots */
    uint64_t *offsets;           /* host offset per slot, 0 = empty */
    uint64_t *lru;               /* last use tick per slot */
    bool *dirty;                 /* refcount blocks only: written at flush/evict */
    uint8_t *data;               /* size * cluster_size bytes */
    uint64_t tick;
    int last;                    /* slot of the last hit */
} Qcow2Cache;

typedef struct Qcow2Snapshot {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    char *id_str;
    char *name;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t vm_state_size;
    uint64_t disk_size;
    uint32_t extra_size;         /* as read; we write 16 (or 24 with icount) */
    uint64_t icount;             /* ~0 when absent */
} Qcow2Snapshot;

typedef struct BDRVQcow2State {
    BlockDriverState *bs;
    int version;
    int cluster_bits;
    uint32_t cluster_size;
    int l2_bits;                 /* log2 entries per L2 table */
    uint32_t l2_size;
    uint64_t size;

    uint32_t l1_size;
    uint64_t l1_table_offset;
    uint64_t *l1_table;          /* host-endian copy, l1_size entries */

    uint64_t rt_offset;
    uint32_t rt_clusters;
    uint64_t rt_size;            /* entries */
    uint64_t *rt;                /* host-endian copy */
    int refcount_order;
    int refcount_bits;
    uint64_t refcount_max;
    int rb_bits;                 /* log2 entries per refcount block */

    uint64_t incompat, compat, autoclear;
    uint32_t header_length;
    int csize_shift;             /* compressed entry: sector-count field position */
    uint64_t csize_mask;
    uint64_t coffset_mask;

    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    uint64_t snapshots_size;     /* bytes of the on-disk table */
    Qcow2Snapshot *snapshots;

    Qcow2Cache l2_cache;
    Qcow2Cache rb_cache;
    uint64_t free_cluster_index; /* no free cluster below this */
    uint64_t free_run_index;     /* where searches for multi-cluster runs start */
    uint64_t reserve_start;      /* clusters [start, end) are being allocated as a run */
    uint64_t reserve_end;
    uint64_t alloc_high;         /* one past the highest cluster ever allocated */
    uint64_t compress_cursor;    /* byte offset to pack the next compressed cluster, 0 = none */
    bool lazy_dirty;             /* dirty bit set by us, cleared on clean close */
    bool corrupt;                /* inconsistency found: writes refused */
    uint32_t *repair_refs;       /* during check -r: the computed references */
    uint64_t repair_nb;          /* clusters in repair_refs */

    uint8_t *cbuf;               /* one decompressed cluster */
    uint64_t cbuf_entry;         /* the L2 entry cbuf holds, 0 = none */
} BDRVQcow2State;

/* qcow2.c */
int qcow2_write_header(BDRVQcow2State *s);
/* Report an inconsistency once, mark the image corrupt (when writable); returns -EIO. */
int qcow2_signal_corruption(BDRVQcow2State *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int qcow2_pread_file(BDRVQcow2State *s, uint64_t off, void *buf, uint64_t len);
int qcow2_pwrite_file(BDRVQcow2State *s, uint64_t off, const void *buf, uint64_t len);
uint64_t qcow2_file_clusters(BDRVQcow2State *s);

/* qcow2-cache.c */
void qcow2_cache_init(Qcow2Cache *c, int slots, uint32_t cluster_size);
void qcow2_cache_destroy(Qcow2Cache *c);
/* The table at off, read from the file unless fresh (then zero-filled); NULL on error. */
uint8_t *qcow2_cache_get(BDRVQcow2State *s, Qcow2Cache *c, uint64_t off, bool fresh, int *err);
void qcow2_cache_mark_dirty(Qcow2Cache *c, const uint8_t *table, uint32_t cluster_size);
int qcow2_cache_flush(BDRVQcow2State *s, Qcow2Cache *c);
/* Forget off (its cluster was freed or rewritten behind the cache's back). */
void qcow2_cache_discard(Qcow2Cache *c, uint64_t off);

/* qcow2-refcount.c */
int qcow2_refcount_init(BDRVQcow2State *s, Error **errp);
/* Stored refcount of a cluster index (0 when uncovered); -errno on error. */
int qcow2_get_refcount(BDRVQcow2State *s, uint64_t idx, uint64_t *ref);
/* Add addend to one cluster's refcount, creating refcount blocks as needed. */
int qcow2_update_refcount(BDRVQcow2State *s, uint64_t idx, int64_t addend);
/* Set a refcount to an exact value (repair). */
int qcow2_set_refcount(BDRVQcow2State *s, uint64_t idx, uint64_t value);
/* Allocate n contiguous free clusters (refcount 1); host byte offset or -errno. */
int64_t qcow2_alloc_clusters(BDRVQcow2State *s, uint64_t n);
void qcow2_free_clusters(BDRVQcow2State *s, uint64_t off, uint64_t bytes);
/* Write dirty refcount blocks: done before any pointer to a new cluster is written. */
int qcow2_refcount_flush(BDRVQcow2State *s);
/* Before a metadata pointer write: refcounts first, unless lazy refcounts defer them. */
int qcow2_order_barrier(BDRVQcow2State *s);

/* qcow2-cluster.c */
Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t l2e);
/* The L2 entry of a guest offset (0 when no L2 table); -errno on error. */
int qcow2_get_l2_entry(BDRVQcow2State *s, uint64_t guest_off, uint64_t *entry);
int qcow2_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                 const struct iovec *iov, int iovcnt);
int qcow2_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                  const struct iovec *iov, int iovcnt, bool compressed);
int qcow2_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                       uint64_t *pnum, uint64_t *map);
/* Grow the active L1 table to at least min_size entries. */
int qcow2_grow_l1(BDRVQcow2State *s, uint32_t min_size);
/* Host clusters a compressed entry touches: first cluster index and count. */
void qcow2_compressed_span(BDRVQcow2State *s, uint64_t l2e, uint64_t *first, uint64_t *count);
/* Drop every cluster of the active L1 (commit's make_empty). */
bool qcow2_make_empty(BlockDriverState *bs, Error **errp);

/* qcow2-snapshot.c */
int qcow2_read_snapshots(BDRVQcow2State *s, Error **errp);
void qcow2_free_snapshots(BDRVQcow2State *s);
/* Add addend to the refcounts of an L1 tree (its L2 tables and data). */
int qcow2_update_tree_refcount(BDRVQcow2State *s, const uint64_t *l1, uint32_t l1_size,
                               int addend);
/* Set/clear COPIED in the active tables to match refcounts. */
int qcow2_fix_copied(BDRVQcow2State *s);
bool qcow2_snapshot_create(BlockDriverState *bs, const char *name, Error **errp);
int qcow2_snapshot_list(BlockDriverState *bs, BlockSnapshot **list);
bool qcow2_snapshot_goto(BlockDriverState *bs, const char *name, Error **errp);
bool qcow2_snapshot_delete(BlockDriverState *bs, const char *name, Error **errp);

/* qcow2-check.c */
int qcow2_check(BlockDriverState *bs, BlockCheckResult *res, int fix);

/* Big-endian helpers for tables and headers. */
static inline uint64_t qcow2_be64(const void *p)
{
    const uint8_t *b = p;
    return ((uint64_t)b[0] << 56) | ((uint64_t)b[1] << 48) | ((uint64_t)b[2] << 40) |
           ((uint64_t)b[3] << 32) | ((uint64_t)b[4] << 24) | ((uint64_t)b[5] << 16) |
           ((uint64_t)b[6] << 8) | b[7];
}
static inline uint32_t qcow2_be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}
static inline uint16_t qcow2_be16(const void *p)
{
    const uint8_t *b = p;
    return (uint16_t)((b[0] << 8) | b[1]);
}
static inline void qcow2_st64(void *p, uint64_t v)
{
    uint8_t *b = p;
    for (int i = 7; i >= 0; i--, v >>= 8) {
        b[i] = (uint8_t)v;
    }
}
static inline void qcow2_st32(void *p, uint32_t v)
{
    uint8_t *b = p;
    b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v;
}
static inline void qcow2_st16(void *p, uint16_t v)
{
    uint8_t *b = p;
    b[0] = v >> 8; b[1] = (uint8_t)v;
}

#endif
