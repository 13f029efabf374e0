/*
 * user.c — the gdbstub in Linux user mode (compiled into every emu-<target>
 * through linux_user_sources): one TCP or unix-socket connection, served by
 * a thread of its own, and the guest threads' stop points.
 *
 * Threads: the I/O thread reads the socket and runs the protocol core with
 * the stub mutex held.  Guest threads meet the stub in two places, both
 * between cpu_exec runs of their own thread:
 *   - gdb_user_handlesig(), before a signal reaches the guest (breakpoints
 *     and steps arrive as SIGTRAP from EXCP_DEBUG): the thread reports the
 *     stop, makes every other CPU leave generated code (cpu_exit) and waits
 *     until gdb resumes it;
 *   - gdb_user_checkpoint(), after every cpu_exec return: a thread the
 *     debugger holds parks here, and a pending Ctrl-C is turned into a stop.
 * So gdb sees all-stop: while it looks, no guest thread runs generated code
 * (a thread blocked in a host syscall stays there and parks when it comes
 * back).  Resume actions are per thread (vCont;s:T;c, or s: only Hc steps).
 *
 * Watchpoints (write only, Z2): every CPU then runs with single-step and
 * after each instruction the watched bytes are compared with their last
 * value; a change stops with "watch:ADDR".  This per-instruction check
 * needs no help from the translator or the host MMU and is exact about
 * which instruction wrote, at the price of speed (one instruction per TB)
 * while a watchpoint exists.  Read and access watchpoints cannot be seen
 * this way and are refused (gdb then says it cannot set them).
 *
 * Thread ids are the guest's tids (the host tids of the guest threads).
 */
#include "linux-user/user-internals.h"
#include "internals.h"
#include "util/error.h"

#include <netinet/in.h>
#include <pthread.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

/* What the stub keeps per guest CPU. */
typedef struct UserCpu {
    int tid;                       /* the guest thread's id */
    bool held;                     /* the debugger keeps it stopped */
    bool gdb_step;                 /* gdb asked for one step: report when it ends */
    uint64_t step_pc;              /* where that step started */
    int resume_sig;                /* the signal gdb gave with the resume */
} UserCpu;

static GDBState gs;
static GMutex lock;
static GCond cond;                 /* held flags changed, or the session ended */
static int active;                 /* a debugger is attached (atomic for the fast paths) */
static int conn_fd = -1;
static bool stopped;               /* a stop is being reported and handled */
static bool interrupt_pending;     /* Ctrl-C: the next thread at a checkpoint stops */
static bool watch_active;          /* write watchpoints: every CPU steps */
static GHashTable *cpus;           /* CPUState * -> UserCpu * */

/* Called with the lock. */
static UserCpu *ucpu(CPUState *cpu)
{
    UserCpu *u = g_hash_table_lookup(cpus, cpu);
    if (!u) {
        u = g_new0(UserCpu, 1);
        u->tid = lu_task && lu_task->cpu == cpu ? lu_task->tid : (int)(cpu->cpu_index + 1);
        g_hash_table_insert(cpus, cpu, u);
        /* a thread that appeared while gdb had breakpoints or watchpoints set */
        gdb_apply_breakpoints(&gs, cpu);
        if (watch_active) {
            cpu_single_step(cpu, SSTEP_ENABLE | SSTEP_NOIRQ);
        }
    }
    return u;
}

static uint64_t cpu_pc(CPUState *cpu)
{
    uint64_t pc, cs_base;
    uint32_t flags;
    cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    return pc;
}

/* ---- the mode operations (lock held) -------------------------------------- */

static void user_send(GDBState *s, const void *buf, size_t len)
{
    const char *p = buf;
    while (len && conn_fd >= 0) {
        ssize_t n = send(conn_fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;                /* gdb went away: the reader notices */
        }
        p += n;
        len -= n;
    }
}

static bool user_memory_rw(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    if (addr > (abi_ulong)-1 || len > (abi_ulong)-1 - addr + 1) {
        return false;
    }
    void *p = lu_lock((abi_ulong)addr, len, write);
    if (!p) {
        return false;
    }
    if (write) {
        memcpy(p, buf, len);
        tb_invalidate_phys_range(addr, addr + len);
    } else {
        memcpy(buf, p, len);
    }
    return true;
}

static int user_thread_id(CPUState *cpu)
{
    return ucpu(cpu)->tid;
}

static void user_list_threads(GPtrArray *out)
{
    CPU_FOREACH(cpu) {
        if (g_hash_table_lookup(cpus, cpu)) {
            g_ptr_array_add(out, cpu);
        }
    }
}

static CPUState *user_thread_cpu(int tid)
{
    CPU_FOREACH(cpu) {
        UserCpu *u = g_hash_table_lookup(cpus, cpu);
        if (u && u->tid == tid) {
            return cpu;
        }
    }
    return NULL;
}

static void user_resume(GDBState *s)
{
    stopped = false;
    GPtrArray *list = g_ptr_array_new();
    user_list_threads(list);
    for (guint i = 0; i < list->len; i++) {
        CPUState *cpu = g_ptr_array_index(list, i);
        UserCpu *u = ucpu(cpu);
        GDBAction a = gdb_resume_action(s, cpu, &u->resume_sig);
        u->held = a == GDB_ACTION_STOP;
        u->gdb_step = a == GDB_ACTION_STEP;
        u->step_pc = cpu_pc(cpu);
        cpu_single_step(cpu, u->gdb_step || watch_active ? SSTEP_ENABLE | SSTEP_NOIRQ : 0);
    }
    g_ptr_array_free(list, true);
    g_cond_broadcast(&cond);
}

static void user_interrupt(GDBState *s)
{
    interrupt_pending = true;
    CPU_FOREACH(cpu) {
        cpu_exit(cpu);
    }
}

/* The session is over: every thread runs free. */
static void end_session(void)
{
    __atomic_store_n(&active, 0, __ATOMIC_SEQ_CST);
    stopped = false;
    watch_active = false;
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, cpus);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        UserCpu *u = value;
        u->held = false;
        u->gdb_step = false;
        u->resume_sig = 0;
        cpu_single_step(key, 0);
    }
    if (conn_fd >= 0) {
        shutdown(conn_fd, SHUT_RDWR);
    }
    g_cond_broadcast(&cond);
}

static void user_kill(GDBState *s)
{
    if (conn_fd >= 0) {
        shutdown(conn_fd, SHUT_RDWR);
    }
    fflush(stdout);
    fflush(stderr);
    kill(getpid(), SIGKILL);
}

static void user_detach(GDBState *s)
{
    end_session();
}

static GBytes *user_auxv(GDBState *s)
{
    uint8_t *buf = g_malloc(lu_image.auxv_len ? lu_image.auxv_len : 1);
    if (lu_copy_from(buf, lu_image.auxv, lu_image.auxv_len) != 0) {
        g_free(buf);
        return NULL;
    }
    return g_bytes_new_take(buf, lu_image.auxv_len);
}

static char *user_exec_file(GDBState *s)
{
    return lu_image.exe_path ? g_strdup(lu_image.exe_path) : NULL;
}

static bool user_watch_supported(GDBState *s, int type)
{
    return type == GDB_WATCH_WRITE;
}

static void user_watch_changed(GDBState *s)
{
    watch_active = s->n_watch > 0;
}

static const GDBModeOps user_mode_ops = {
    .send = user_send,
    .memory_rw = user_memory_rw,
    .thread_id = user_thread_id,
    .thread_cpu = user_thread_cpu,
    .list_threads = user_list_threads,
    .resume = user_resume,
    .interrupt = user_interrupt,
    .kill = user_kill,
    .detach = user_detach,
    .monitor_command = NULL,
    .auxv = user_auxv,
    .exec_file = user_exec_file,
    .watch_supported = user_watch_supported,
    .watch_changed = user_watch_changed,
    .attached_existing = false,
};

/* ---- the guest threads' side ---------------------------------------------- */

/* Report a stop of cpu and wait (lock held) until gdb lets it run; the signal to deliver. */
static int stop_and_wait(CPUState *cpu, int sig, const GDBWatchpoint *w)
{
    UserCpu *u = ucpu(cpu);
    while (stopped && __atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        g_cond_wait(&cond, &lock);  /* another thread's stop is being handled */
    }
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return sig;
    }
    stopped = true;
    GPtrArray *list = g_ptr_array_new();
    user_list_threads(list);
    for (guint i = 0; i < list->len; i++) {
        CPUState *other = g_ptr_array_index(list, i);
        ucpu(other)->held = true;
        if (other != cpu) {
            cpu_exit(other);
        }
    }
    g_ptr_array_free(list, true);
    u->gdb_step = false;
    u->resume_sig = 0;
    gdb_report_stop(&gs, cpu, sig, w);
    while (u->held && __atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        g_cond_wait(&cond, &lock);
    }
    /* what gdb resumed with; after a detach, 0 (the stop was the debugger's) */
    return u->resume_sig;
}

int gdb_user_handlesig(CPUState *cpu, int sig)
{
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return sig;
    }
    g_mutex_lock(&lock);
    UserCpu *u = ucpu(cpu);
    const GDBWatchpoint *w = NULL;
    if (sig == SIGTRAP && watch_active) {
        w = gdb_watch_check_writes(&gs, cpu);
        if (!w && !u->gdb_step && !cpu_breakpoint_test(cpu, cpu_pc(cpu))) {
            /* our own step between watch checks: nothing changed, run on */
            g_mutex_unlock(&lock);
            return 0;
        }
    }
    int r = stop_and_wait(cpu, sig, w);
    g_mutex_unlock(&lock);
    return r;
}

void gdb_user_checkpoint(CPUState *cpu)
{
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return;
    }
    g_mutex_lock(&lock);
    UserCpu *u = ucpu(cpu);
    if (interrupt_pending && !u->held && !stopped) {
        interrupt_pending = false;
        stop_and_wait(cpu, SIGINT, NULL);
    } else if (u->gdb_step && !u->held && !stopped && cpu_pc(cpu) != u->step_pc &&
               !(lu_task && lu_task->sync && lu_task->sync->si_signo)) {
        /*
         * The stepped instruction left cpu_exec through an exception the
         * cpu loop handled (a system call): it is done, though no
         * EXCP_DEBUG followed.  (With one, its SIGTRAP is pending and
         * gdb_user_handlesig reports it.)
         */
        stop_and_wait(cpu, SIGTRAP, NULL);
    }
    while (u->held && __atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        g_cond_wait(&cond, &lock);
    }
    g_mutex_unlock(&lock);
}

void gdb_user_exit(int status)
{
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return;
    }
    g_mutex_lock(&lock);
    gdb_report_exit(&gs, false, status);
    end_session();
    g_mutex_unlock(&lock);
}

void gdb_user_killed(int sig)
{
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return;
    }
    g_mutex_lock(&lock);
    gdb_report_exit(&gs, true, sig);
    end_session();
    g_mutex_unlock(&lock);
}

void gdb_user_new_thread(CPUState *cpu)
{
    if (!__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        return;
    }
    g_mutex_lock(&lock);
    /* listed from now on; held (at its first checkpoint) if gdb holds the others */
    ucpu(cpu)->held = stopped;
    g_mutex_unlock(&lock);
}

bool gdb_user_attached(void)
{
    return __atomic_load_n(&active, __ATOMIC_SEQ_CST);
}

/* ---- the connection --------------------------------------------------------- */

static gpointer io_thread(gpointer opaque)
{
    /* guest signals are for the guest threads */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    uint8_t buf[4096];
    for (;;) {
        ssize_t n = recv(conn_fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_mutex_lock(&lock);
        if (n <= 0 || !__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
            /* gdb left without D: let the guest run on without breakpoints */
            if (__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
                gdb_handle_bytes(&gs, (const uint8_t *)"$D#44", 5);
                end_session();
            }
            g_mutex_unlock(&lock);
            return NULL;
        }
        gdb_handle_bytes(&gs, buf, n);
        if (gs.detached) {
            end_session();
        }
        g_mutex_unlock(&lock);
    }
}

static int listen_on(const char *port, Error **errp)
{
    char *end;
    long num = strtol(port, &end, 10);
    int fd;
    if (*port && !*end) {
        if (num <= 0 || num > 65535) {
            error_setg(errp, "gdb port %s: not a port number", port);
            return -1;
        }
        fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)num) };
        sa.sin_addr.s_addr = htonl(INADDR_ANY);
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            error_setg_errno(errp, errno, "gdb port %ld", num);
            close(fd);
            return -1;
        }
    } else {
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        if (strlen(port) >= sizeof(sa.sun_path)) {
            error_setg(errp, "gdb socket path %s: too long", port);
            return -1;
        }
        strcpy(sa.sun_path, port);
        unlink(port);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            error_setg_errno(errp, errno, "gdb socket %s", port);
            close(fd);
            return -1;
        }
    }
    if (listen(fd, 1) < 0) {
        error_setg_errno(errp, errno, "gdb listen on %s", port);
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * fork: the child is not debugged (gdb follows the parent).  It must not
 * inherit the session, nor the breakpoints and steps that would stop it with
 * a SIGTRAP nobody handles.
 */
static void fork_prepare(void)
{
    g_mutex_lock(&lock);
}

static void fork_parent(void)
{
    g_mutex_unlock(&lock);
}

static void fork_child(void)
{
    if (__atomic_load_n(&active, __ATOMIC_SEQ_CST)) {
        for (guint i = 0; i < gs.breakpoints->len; i++) {
            uint64_t pc = g_array_index(gs.breakpoints, uint64_t, i);
            CPU_FOREACH(cpu) {
                cpu_breakpoint_remove(cpu, pc);
            }
        }
        end_session();
        close(conn_fd);
        conn_fd = -1;
    }
    g_mutex_unlock(&lock);
}

bool gdb_user_start(const char *port, CPUState *cpu, Error **errp)
{
    int lfd = listen_on(port, errp);
    if (lfd < 0) {
        return false;
    }
    fprintf(stderr, "emu-%s: waiting for gdb on %s\n", TARGET_NAME, port);
    int fd;
    do {
        fd = accept(lfd, NULL, NULL);
    } while (fd < 0 && errno == EINTR);
    close(lfd);
    if (fd < 0) {
        error_setg_errno(errp, errno, "gdb accept on %s", port);
        return false;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    g_mutex_lock(&lock);
    cpus = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    gdb_state_init(&gs, &user_mode_ops, NULL);
    conn_fd = fd;
    __atomic_store_n(&active, 1, __ATOMIC_SEQ_CST);
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    g_thread_unref(g_thread_new("gdbstub", io_thread, NULL));
    /* stopped before the first instruction: gdb asks why with '?' */
    stop_and_wait(cpu, SIGTRAP, NULL);
    g_mutex_unlock(&lock);
    return true;
}
