/*
 * main-loop.h — the I/O thread of system mode: a glib GMainContext that
 * polls file descriptors, runs timers and bottom halves, and the global I/O
 * lock (BQL) that serialises device emulation between that thread and the
 * vCPU threads.
 *
 * The main thread holds the BQL except while it waits in poll(); a vCPU
 * thread holds it only around device accesses (MMIO through the TLB takes
 * it) and its bookkeeping between runs.  Every device callback, timer
 * callback, bottom half and fd handler runs with the BQL held.
 *
 *     main_loop_init();                     // once, on the main thread (takes the BQL)
 *     Bh *bh = bh_new(flush_queue, s);      // run flush_queue(s) soon, from any thread
 *     bh_schedule(bh);
 *     while (!main_loop_should_exit()) main_loop_wait(false);
 */
#ifndef EXEC_MAIN_LOOP_H
#define EXEC_MAIN_LOOP_H

#include <stdbool.h>

#include <glib.h>

/* Create the context and take the BQL on the calling (main) thread. */
void main_loop_init(void);
GMainContext *main_loop_context(void);
/* One iteration: wait for the next event (or just poll when nonblocking) and dispatch it. */
void main_loop_wait(bool nonblocking);
/* Wake the main loop from another thread (its poll returns). */
void main_loop_notify(void);

/* The global I/O lock.  Not recursive: bql_locked() tells whether this thread holds it. */
void bql_lock(void);
void bql_unlock(void);
bool bql_locked(void);

/* Bottom halves: callbacks run once by the main loop after bh_schedule (any thread). */
typedef struct Bh Bh;
typedef void BhFunc(void *opaque);
Bh *bh_new(BhFunc *cb, void *opaque);
void bh_schedule(Bh *bh);
void bh_cancel(Bh *bh);
void bh_delete(Bh *bh);

/* File descriptor handlers on the main loop (run with the BQL). */
typedef void FdHandler(void *opaque);
/* Watch fd for input (and output if write_cb); NULL callbacks remove the handler. */
void main_loop_set_fd_handler(int fd, FdHandler *read_cb, FdHandler *write_cb, void *opaque);

#endif
