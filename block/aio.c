/*
 * aio.c — the non-blocking I/O path for device models: requests are queued
 * to a worker thread of the BDS and complete through a callback, so a vCPU
 * thread never waits for the disk.
 *
 * Each BDS gets a GLib thread pool with exactly one thread, created on the
 * first request: requests to one image run one at a time, in submission
 * order, through the same synchronous functions as everything else — which
 * is what makes the results identical to the synchronous path.  Different
 * images proceed in parallel.  A caller must not use the synchronous path
 * on a BDS while requests are in flight (bdrv_aio_drain first).
 */
#include "block/block.h"

#include <glib.h>

typedef struct BlockAioState {
    GThreadPool *pool;
    GMutex lock;
    GCond idle;
    int in_flight;
} BlockAioState;

typedef struct BlockAioReq {
    BlockDriverState *bs;
    bool write;
    uint64_t offset, len;
    const struct iovec *iov;
    int iovcnt;
    BlockCompletionFunc *cb;
    void *opaque;
} BlockAioReq;

static void aio_worker(gpointer data, gpointer user)
{
    BlockAioReq *req = data;
    BlockAioState *a = req->bs->aio;
    int r = req->write ? bdrv_pwritev(req->bs, req->offset, req->len, req->iov, req->iovcnt)
                       : bdrv_preadv(req->bs, req->offset, req->len, req->iov, req->iovcnt);
    req->cb(req->opaque, r);
    g_free(req);
    g_mutex_lock(&a->lock);
    if (--a->in_flight == 0) {
        g_cond_broadcast(&a->idle);
    }
    g_mutex_unlock(&a->lock);
}

static void aio_submit(BlockDriverState *bs, bool write, uint64_t offset, uint64_t len,
                       const struct iovec *iov, int iovcnt, BlockCompletionFunc *cb,
                       void *opaque)
{
    if (!bs->aio) {
        BlockAioState *a = g_new0(BlockAioState, 1);
        g_mutex_init(&a->lock);
        g_cond_init(&a->idle);
        a->pool = g_thread_pool_new(aio_worker, NULL, 1, TRUE, NULL);
        bs->aio = a;
    }
    BlockAioReq *req = g_new(BlockAioReq, 1);
    *req = (BlockAioReq){ bs, write, offset, len, iov, iovcnt, cb, opaque };
    g_mutex_lock(&bs->aio->lock);
    bs->aio->in_flight++;
    g_mutex_unlock(&bs->aio->lock);
    g_thread_pool_push(bs->aio->pool, req, NULL);
}

void bdrv_aio_preadv(BlockDriverState *bs, uint64_t offset, uint64_t len,
                     const struct iovec *iov, int iovcnt, BlockCompletionFunc *cb,
                     void *opaque)
{
    aio_submit(bs, false, offset, len, iov, iovcnt, cb, opaque);
}

void bdrv_aio_pwritev(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      const struct iovec *iov, int iovcnt, BlockCompletionFunc *cb,
                      void *opaque)
{
    aio_submit(bs, true, offset, len, iov, iovcnt, cb, opaque);
}

void bdrv_aio_drain(BlockDriverState *bs)
{
    BlockAioState *a = bs->aio;
    if (!a) {
        return;
    }
    g_mutex_lock(&a->lock);
    while (a->in_flight) {
        g_cond_wait(&a->idle, &a->lock);
    }
    g_mutex_unlock(&a->lock);
    g_thread_pool_free(a->pool, FALSE, TRUE);
    g_mutex_clear(&a->lock);
    g_cond_clear(&a->idle);
    g_free(a);
    bs->aio = NULL;
}
