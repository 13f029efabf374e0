/*
 * qcow2-cache.c — a small LRU cache of cluster-sized metadata tables.
 *
 * Two caches exist per image: L2 tables (write-through: the caller writes
 * the changed bytes to the file itself, so L2 slots are never dirty) and
 * refcount blocks (write-back: dirty slots are written on flush or eviction).
 * Writing a refcount block early is always safe: a refcount that is too high
 * only leaks a cluster, which is why the refcount cache may be flushed at any
 * time and must be flushed before a pointer to a new cluster is written.
 */
#include "qcow2.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

void qcow2_cache_init(Qcow2Cache *c, int slots, uint32_t cluster_size)
{
    c->size = slots;
    c->offsets = g_new0(uint64_t, slots);
    c->lru = g_new0(uint64_t, slots);
    c->dirty = g_new0(bool, slots);
    c->data = g_malloc0((size_t)slots * cluster_size);
    c->tick = 0;
    c->last = 0;
}

void qcow2_cache_destroy(Qcow2Cache *c)
{
    g_free(c->offsets);
    g_free(c->lru);
    g_free(c->dirty);
    g_free(c->data);
    memset(c, 0, sizeof(*c));
}

static int cache_write_slot(BDRVQcow2State *s, Qcow2Cache *c, int i)
{
    if (!c->dirty[i]) {
        return 0;
    }
    int r = qcow2_pwrite_file(s, c->offsets[i], c->data + (size_t)i * s->cluster_size,
                              s->cluster_size);
    if (r == 0) {
        c->dirty[i] = false;
    }
    return r;
}

uint8_t *qcow2_cache_get(BDRVQcow2State *s, Qcow2Cache *c, uint64_t off, bool fresh, int *err)
{
    int victim = 0;
    /* Walks touch one table many times in a row: try the last hit first. */
    if (c->offsets[c->last] == off && !fresh) {
        c->lru[c->last] = ++c->tick;
        return c->data + (size_t)c->last * s->cluster_size;
    }
    for (int i = 0; i < c->size; i++) {
        if (c->offsets[i] == off) {
            c->lru[i] = ++c->tick;
            c->last = i;
            uint8_t *t = c->data + (size_t)i * s->cluster_size;
            if (fresh) {
                memset(t, 0, s->cluster_size);
            }
            return t;
        }
        if (c->lru[i] < c->lru[victim]) {
            victim = i;
        }
    }
    int r = cache_write_slot(s, c, victim);
    if (r < 0) {
        *err = r;
        return NULL;
    }
    uint8_t *t = c->data + (size_t)victim * s->cluster_size;
    c->offsets[victim] = 0;
    if (fresh) {
        memset(t, 0, s->cluster_size);
    } else if ((r = qcow2_pread_file(s, off, t, s->cluster_size)) < 0) {
        *err = r;
        return NULL;
    }
    c->offsets[victim] = off;
    c->lru[victim] = ++c->tick;
    c->last = victim;
    return t;
}

void qcow2_cache_mark_dirty(Qcow2Cache *c, const uint8_t *table, uint32_t cluster_size)
{
    c->dirty[(table - c->data) / cluster_size] = true;
}

int qcow2_cache_flush(BDRVQcow2State *s, Qcow2Cache *c)
{
    for (int i = 0; i < c->size; i++) {
        int r = cache_write_slot(s, c, i);
        if (r < 0) {
            return r;
        }
    }
    return 0;
}

void qcow2_cache_discard(Qcow2Cache *c, uint64_t off)
{
    for (int i = 0; i < c->size; i++) {
        if (c->offsets[i] == off) {
            c->offsets[i] = 0;
            c->dirty[i] = false;
            c->lru[i] = 0;
        }
    }
}
