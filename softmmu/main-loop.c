/*
 * main-loop.c — the I/O thread (exec/main-loop.h): glib's default
 * GMainContext with a poll function that drops the BQL while it sleeps, a
 * GSource for the timers of every clock, bottom halves as GSources with a
 * ready time, and fd handlers as unix fd sources.
 */
#include "exec/main-loop.h"
#include "exec/timer.h"

#include <glib-unix.h>
#include <poll.h>
#include <time.h>

static GMainContext *ctx;
static GMutex bql;
static __thread bool bql_held;

void bql_lock(void)
{
    g_assert(!bql_held);
    g_mutex_lock(&bql);
    bql_held = true;
}

void bql_unlock(void)
{
    g_assert(bql_held);
    bql_held = false;
    g_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

/* The mutex itself, for condition variables that wait with the BQL (cpus.c). */
GMutex *bql_mutex(void);
GMutex *bql_mutex(void)
{
    return &bql;
}

/*
 * Sleep without the BQL so that vCPU threads reach devices meanwhile.
 * glib's timeout is in whole milliseconds (our timer source rounds its
 * deadline up); when a timer is what ends the wait, sleep to its exact
 * nanosecond instead: a guest timer 100 us away must not fire 1 ms late
 * (Linux's short sleeps and its one-shot APIC/HPET ticks would all stretch).
 */
static gint poll_unlocked(GPollFD *fds, guint nfds, gint timeout)
{
    bool held = bql_held;
    int64_t ns = timeout > 0 && held ? timers_timeout_ns() : -1;
    if (held) {
        bql_unlock();
    }
    gint r;
    if (ns >= 0 && ns < (int64_t)timeout * 1000000) {
        /* GPollFD is struct pollfd on POSIX hosts */
        struct timespec ts = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };
        r = ppoll((struct pollfd *)fds, nfds, &ts, NULL);
    } else {
        r = g_poll(fds, nfds, timeout);
    }
    if (held) {
        bql_lock();
    }
    return r;
}

/* ---- timers as a source ---------------------------------------------------- */

static gboolean timer_source_prepare(GSource *s, gint *timeout)
{
    int64_t ns = timers_timeout_ns();
    if (ns == 0) {
        *timeout = 0;
        return TRUE;
    }
    /* round up so that we never wake before the deadline and spin */
    *timeout = ns < 0 ? -1 : (gint)MIN((ns + 999999) / 1000000, G_MAXINT);
    return FALSE;
}

static gboolean timer_source_check(GSource *s)
{
    return timers_timeout_ns() == 0;
}

static gboolean timer_source_dispatch(GSource *s, GSourceFunc cb, gpointer data)
{
    timers_run_expired(EMU_CLOCK_MAX);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
};

void main_loop_init(void)
{
    if (ctx) {
        return;
    }
    ctx = g_main_context_default();
    g_main_context_set_poll_func(ctx, poll_unlocked);
    GSource *ts = g_source_new(&timer_source_funcs, sizeof(GSource));
    g_source_attach(ts, ctx);
    g_source_unref(ts);
    if (!bql_held) {
        bql_lock();
    }
}

GMainContext *main_loop_context(void)
{
    return ctx;
}

void main_loop_wait(bool nonblocking)
{
    g_main_context_iteration(ctx, !nonblocking);
}

void main_loop_notify(void)
{
    if (ctx) {
        g_main_context_wakeup(ctx);
    }
}

/* ---- bottom halves -------------------------------------------------------- */

struct Bh {
    GSource source;
    BhFunc *cb;
    void *opaque;
};

static gboolean bh_dispatch(GSource *s, GSourceFunc cb, gpointer data)
{
    Bh *bh = (Bh *)s;
    g_source_set_ready_time(s, -1);
    bh->cb(bh->opaque);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs bh_funcs = {
    .dispatch = bh_dispatch,
};

Bh *bh_new(BhFunc *cb, void *opaque)
{
    Bh *bh = (Bh *)g_source_new(&bh_funcs, sizeof(Bh));
    bh->cb = cb;
    bh->opaque = opaque;
    g_source_set_ready_time(&bh->source, -1);
    g_source_attach(&bh->source, ctx ? ctx : g_main_context_default());
    return bh;
}

void bh_schedule(Bh *bh)
{
    /* thread-safe: wakes the context if it is polling */
    g_source_set_ready_time(&bh->source, 0);
}

void bh_cancel(Bh *bh)
{
    g_source_set_ready_time(&bh->source, -1);
}

void bh_delete(Bh *bh)
{
    g_source_destroy(&bh->source);
    g_source_unref(&bh->source);
}

/* ---- fd handlers ---------------------------------------------------------- */

typedef struct FdWatch {
    FdHandler *read_cb, *write_cb;
    void *opaque;
    guint id;
} FdWatch;

static GHashTable *fd_watches;     /* fd -> FdWatch */

static gboolean fd_ready(gint fd, GIOCondition cond, gpointer data)
{
    FdWatch *w = data;
    FdHandler *rd = w->read_cb, *wr = w->write_cb;
    void *opaque = w->opaque;
    if ((cond & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && rd) {
        rd(opaque);
    }
    /* the read handler may have removed or replaced the watch */
    if ((cond & G_IO_OUT) && wr && g_hash_table_lookup(fd_watches, GINT_TO_POINTER(fd)) == w) {
        wr(opaque);
    }
    return G_SOURCE_CONTINUE;
}

void main_loop_set_fd_handler(int fd, FdHandler *read_cb, FdHandler *write_cb, void *opaque)
{
    if (!fd_watches) {
        fd_watches = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    }
    FdWatch *old = g_hash_table_lookup(fd_watches, GINT_TO_POINTER(fd));
    if (old) {
        g_source_remove(old->id);
        g_hash_table_remove(fd_watches, GINT_TO_POINTER(fd));
    }
    if (!read_cb && !write_cb) {
        return;
    }
    FdWatch *w = g_new0(FdWatch, 1);
    w->read_cb = read_cb;
    w->write_cb = write_cb;
    w->opaque = opaque;
    GIOCondition cond = (read_cb ? G_IO_IN | G_IO_HUP | G_IO_ERR : 0) | (write_cb ? G_IO_OUT : 0);
    w->id = g_unix_fd_add(fd, cond, fd_ready, w);
    g_hash_table_insert(fd_watches, GINT_TO_POINTER(fd), w);
}
