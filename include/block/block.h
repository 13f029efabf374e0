/*
 * block.h — the block layer: disk images behind one driver interface.
 *
 * A BlockDriverState (BDS) is one open image.  Format drivers (qcow2, qcow)
 * sit on a child BDS opened with the "file" protocol driver, and may have a
 * backing BDS that unallocated ranges read through to:
 *
 *      guest / emu-img
 *            |  bdrv_preadv/pwritev (byte offsets, iovecs)
 *        [qcow2 BDS] --backing--> [qcow2 BDS] --backing--> [raw BDS]
 *            | file                   | file                   | (fd)
 *        [file BDS]               [file BDS]
 *
 * All calls are synchronous and not thread-safe per BDS; block/aio.c offers
 * a thread-pool path that serialises on a per-BDS lock.  Errors are negative
 * errno values for I/O, `Error **errp` for open/create/snapshot operations.
 *
 *     Error *err = NULL;
 *     BlockDriverState *bs = bdrv_open("disk.qcow2", NULL, BDRV_O_RDWR, &err);
 *     if (!bs) { error_report_err(err); return 1; }
 *     bdrv_pwrite(bs, 0, buf, 512);
 *     bdrv_close(bs);
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

typedef struct Error Error;
typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;

#define BDRV_SECTOR_SIZE 512

/* Open flags. */
enum {
    BDRV_O_RDWR       = 1 << 0,  /* open for writing (default read-only) */
    BDRV_O_SNAPSHOT   = 1 << 1,  /* writes go to a temporary overlay deleted on close */
    BDRV_O_NO_BACKING = 1 << 2,  /* do not open the backing file (info, rebase -u) */
    BDRV_O_NO_REPAIR  = 1 << 3,  /* do not repair a dirty image on open (check does it) */
    BDRV_O_CREAT      = 1 << 4,  /* protocol: create/truncate the file (used by create) */
};

/* Block status flags, the answer of bdrv_block_status(). */
enum {
    BDRV_BLOCK_DATA      = 1 << 0,  /* the range holds data (maybe zeros) in this image */
    BDRV_BLOCK_ZERO      = 1 << 1,  /* the range reads as zeros */
    BDRV_BLOCK_ALLOCATED = 1 << 2,  /* this layer decides the contents (not the backing) */
    BDRV_BLOCK_OFFSET    = 1 << 3,  /* *map is the host offset in the file child */
    BDRV_BLOCK_COMPRESSED = 1 << 4, /* stored compressed (no simple host mapping) */
};

/* Creation options shared by every format (0/NULL means the format's default). */
typedef struct BlockCreateOpts {
    uint64_t size;              /* virtual size in bytes */
    uint32_t cluster_size;      /* qcow2: 512 B .. 2 MiB, power of two */
    int compat;                 /* qcow2: 2 (0.10) or 3 (1.1); 0 = 3 */
    bool lazy_refcounts;        /* qcow2 v3: refcounts may lag, dirty bit guards them */
    int refcount_bits;          /* qcow2: 1, 2, 4, 8, 16, 32 or 64; 0 = 16 */
    const char *backing_file;   /* stored as given (relative to the image's folder) */
    const char *backing_fmt;    /* recorded explicitly; probed when NULL */
} BlockCreateOpts;

/* What get_info reports; text fields are owned by the BDS. */
typedef struct BlockInfo {
    uint64_t virtual_size;
    uint32_t cluster_size;      /* 0 for formats without clusters */
    int version;                /* format version, 0 when meaningless */
    int refcount_bits;
    bool lazy_refcounts;
    bool dirty;
    bool corrupt;
    bool compressed_possible;
} BlockInfo;

/* One internal snapshot. */
typedef struct BlockSnapshot {
    char *id;                   /* "1", "2", ... */
    char *name;
    uint64_t vm_state_size;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t disk_size;
} BlockSnapshot;

/* Result of check; counts are clusters except where noted. */
typedef struct BlockCheckResult {
    int corruptions;            /* refcount too low, tables out of range, bad flags */
    int leaks;                  /* refcount higher than references */
    int check_errors;           /* I/O errors while checking */
    int corruptions_fixed;
    int leaks_fixed;
    uint64_t image_end_offset;  /* bytes: end of the last used cluster */
    uint64_t allocated_clusters, total_clusters;
    uint64_t fragmented_clusters, compressed_clusters;
} BlockCheckResult;

enum {
    BDRV_FIX_LEAKS  = 1 << 0,   /* lower refcounts of leaked clusters */
    BDRV_FIX_ERRORS = 1 << 1,   /* also raise too-low refcounts, fix COPIED flags */
};

/*
 * The driver interface.  Drivers are const tables; every hook but the
 * format name may be NULL when the format has no such concept.
 */
struct BlockDriver {
    const char *format_name;    /* "raw", "qcow2", "qcow", "file" */
    size_t instance_size;       /* bytes of bs->opaque */
    bool is_protocol;           /* opens a host file itself rather than a child */
    /* 0..100: how sure the driver is that the first bytes are its format. */
    int (*probe)(const uint8_t *buf, size_t len);
    /* Read the image; bs->file is open (formats), bs->filename set (protocols). */
    int (*open)(BlockDriverState *bs, int flags, Error **errp);
    /* Write back caches and release everything open allocated. */
    void (*close)(BlockDriverState *bs);
    /* Read bytes [offset, offset+len) into iov; returns 0 or -errno. */
    int (*preadv)(BlockDriverState *bs, uint64_t offset, uint64_t len,
                  const struct iovec *iov, int iovcnt);
    /* Write; compressed asks for a compressed cluster (whole, aligned clusters only). */
    int (*pwritev)(BlockDriverState *bs, uint64_t offset, uint64_t len,
                   const struct iovec *iov, int iovcnt, bool compressed);
    /* Make every acknowledged write durable; 0 or -errno. */
    int (*flush)(BlockDriverState *bs);
    /* Change the virtual size (grow; shrink where the format allows). */
    int (*truncate)(BlockDriverState *bs, uint64_t size, Error **errp);
    /* Fill the format-specific facts. */
    void (*get_info)(BlockDriverState *bs, BlockInfo *info);
    /* Status of [offset, offset+len): flags, *pnum bytes alike, *map when OFFSET. */
    int (*block_status)(BlockDriverState *bs, uint64_t offset, uint64_t len,
                        uint64_t *pnum, uint64_t *map);
    /* Bytes of host file in use (for "disk size"), or -errno. */
    int64_t (*allocated_size)(BlockDriverState *bs);
    /* Create an image file named filename (a file child is provided by bdrv_create). */
    bool (*create)(const char *filename, const BlockCreateOpts *opts, Error **errp);
    bool (*snapshot_create)(BlockDriverState *bs, const char *name, Error **errp);
    /* Returns the count; *list is g_free'd with bdrv_snapshot_list_free. */
    int (*snapshot_list)(BlockDriverState *bs, BlockSnapshot **list);
    bool (*snapshot_goto)(BlockDriverState *bs, const char *name_or_id, Error **errp);
    bool (*snapshot_delete)(BlockDriverState *bs, const char *name_or_id, Error **errp);
    /* Check metadata consistency, repairing per fix (BDRV_FIX_*); 0 or -errno. */
    int (*check)(BlockDriverState *bs, BlockCheckResult *res, int fix);
    /* Point the image at another backing file (header only). */
    bool (*change_backing)(BlockDriverState *bs, const char *file, const char *fmt,
                           Error **errp);
    /* Drop all clusters of this layer so reads fall through (after commit). */
    bool (*make_empty)(BlockDriverState *bs, Error **errp);
};

struct BlockDriverState {
    const BlockDriver *drv;
    void *opaque;               /* drv->instance_size bytes of driver state */
    char *filename;
    bool read_only;
    int open_flags;
    uint64_t total_size;        /* virtual size in bytes */
    BlockDriverState *file;     /* the host file under a format driver */
    BlockDriverState *backing;  /* reads of unallocated ranges go here */
    char *backing_file;         /* as recorded in the image ("" when none) */
    char *backing_fmt;          /* as recorded, or NULL */
    char *temp_path;            /* -snapshot overlay to unlink on close */
    int chain_depth;            /* 0 for the top of a chain */
    struct BlockAioState *aio;  /* the thread-pool path, created on first use */
};

/* ---- drivers ---- */
extern const BlockDriver bdrv_file;
extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_qcow2;
extern const BlockDriver bdrv_qcow;
/* By name ("raw", "qcow2", "qcow", "file"), or NULL. */
const BlockDriver *bdrv_find_format(const char *name);
/* Guess the format of a file's first bytes ("raw" when nothing claims it). */
const BlockDriver *bdrv_probe(const uint8_t *buf, size_t len);

/* Longest backing chain accepted: deeper is treated like a loop. */
#define BDRV_MAX_CHAIN 64

/* ---- opening ---- */
/* Open filename as format (NULL: probe), with its backing chain. */
BlockDriverState *bdrv_open(const char *filename, const char *format, int flags,
                            Error **errp);
/*
 * Open from a key=value option string as -drive will pass it:
 * "file=a.qcow2,format=qcow2,readonly=on,snapshot=on".
 */
BlockDriverState *bdrv_open_opts(const char *opts, Error **errp);
void bdrv_close(BlockDriverState *bs);
/* Open bs's backing file now (used after BDRV_O_NO_BACKING, and by open). */
bool bdrv_open_backing(BlockDriverState *bs, Error **errp);
/* Path of a backing file relative to the image that names it (g_free). */
char *bdrv_backing_path(const char *image, const char *backing);

/* ---- I/O (0 or -errno) ---- */
int bdrv_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                const struct iovec *iov, int iovcnt);
int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                 const struct iovec *iov, int iovcnt);
int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len);
int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len);
/* Write one or more whole clusters compressed (formats that support it). */
int bdrv_pwrite_compressed(BlockDriverState *bs, uint64_t offset, const void *buf,
                           uint64_t len);
int bdrv_flush(BlockDriverState *bs);
bool bdrv_truncate(BlockDriverState *bs, uint64_t size, Error **errp);
uint64_t bdrv_getlength(BlockDriverState *bs);
/* Host bytes in use by the image file(s) of this layer, or -errno. */
int64_t bdrv_allocated_size(BlockDriverState *bs);
void bdrv_get_info(BlockDriverState *bs, BlockInfo *info);
/* Flags for [offset, offset+len) of this layer; *pnum >= 1 byte on success. */
int bdrv_block_status(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      uint64_t *pnum, uint64_t *map);
/* Is the range allocated anywhere in the chain above base (base excluded)? */
int bdrv_is_allocated_above(BlockDriverState *top, BlockDriverState *base,
                            uint64_t offset, uint64_t len, uint64_t *pnum);

/* ---- images ---- */
bool bdrv_create(const char *format, const char *filename, const BlockCreateOpts *opts,
                 Error **errp);
bool bdrv_snapshot_create(BlockDriverState *bs, const char *name, Error **errp);
int bdrv_snapshot_list(BlockDriverState *bs, BlockSnapshot **list);
void bdrv_snapshot_list_free(BlockSnapshot *list, int n);
bool bdrv_snapshot_goto(BlockDriverState *bs, const char *name_or_id, Error **errp);
bool bdrv_snapshot_delete(BlockDriverState *bs, const char *name_or_id, Error **errp);
int bdrv_check(BlockDriverState *bs, BlockCheckResult *res, int fix);
bool bdrv_change_backing(BlockDriverState *bs, const char *file, const char *fmt,
                         Error **errp);
/* Copy the allocated ranges of bs into its backing file, then empty bs (commit). */
bool bdrv_commit(BlockDriverState *bs, void (*progress)(uint64_t done, uint64_t total),
                 Error **errp);

/* ---- the non-blocking path (block/aio.c) ---- */
typedef void BlockCompletionFunc(void *opaque, int ret);
/*
 * Queue a read or write on the block layer's thread pool; cb runs on a pool
 * thread when it completes.  Requests to one BDS are executed one at a time,
 * in submission order, so results equal the synchronous path.  iov must stay
 * valid until cb runs.
 */
void bdrv_aio_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                     const struct iovec *iov, int iovcnt, BlockCompletionFunc *cb,
                     void *opaque);
void bdrv_aio_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      const struct iovec *iov, int iovcnt, BlockCompletionFunc *cb,
                      void *opaque);
/* Wait for every queued request of bs (called by bdrv_close). */
void bdrv_aio_drain(BlockDriverState *bs);

/* ---- helpers for drivers ---- */
/* Copy len bytes between a flat buffer and an iovec, starting iov_off into the iovec. */
void bdrv_iov_to_buf(const struct iovec *iov, int iovcnt, uint64_t iov_off, void *buf,
                uint64_t len);
void bdrv_iov_from_buf(const struct iovec *iov, int iovcnt, uint64_t iov_off, const void *buf,
                  uint64_t len);
void bdrv_iov_memset(const struct iovec *iov, int iovcnt, uint64_t iov_off, int c,
                uint64_t len);
/* The iovec of bytes [off, off+len) of iov, in out (room for iovcnt entries); its count. */
int bdrv_iov_slice(const struct iovec *iov, int iovcnt, uint64_t off, uint64_t len,
                   struct iovec *out);
/* Read [offset, offset+len) of bs's backing into iov at iov_off; zeros past its end. */
int bdrv_read_backing(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      const struct iovec *iov, int iovcnt, uint64_t iov_off);

#endif
