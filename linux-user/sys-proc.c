/*
 * sys-proc.c — processes and threads: exit, fork/vfork/clone, execve (the
 * emulator re-executes itself on the new program), wait4/waitid, futex on
 * guest memory, ids, limits, uname, prctl and the other per-process calls.
 *
 * Threads: clone with CLONE_VM|CLONE_THREAD makes one host thread with its
 * own CPU (a copy of the parent's registers) running the target's cpu loop.
 * clone's arguments are taken in the order (flags, newsp, parent_tid, tls,
 * child_tid) used by ARM, SH, MIPS, PPC (the kernel's CLONE_BACKWARDS); a
 * target with another order wraps lu_sys_clone.  A clone without CLONE_VM
 * (fork, and vfork, which runs as a fork) is a host fork.
 */
#include "gdbstub/gdbstub.h"
#include "linux-user/user-internals.h"
#include "util/log.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>


static int live_threads = 1;

void lu_exit_group(int status)
{
    gdb_user_exit(status);
    if (lu_strace) {
        fprintf(log_file(), " = ?\n");   /* the exit's -strace line never returns */
    }
    fflush(log_file());
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}

abi_long lu_sys_exit_group(LuCall *c)
{
    lu_exit_group((int)c->a[0]);
}

abi_long lu_sys_exit(LuCall *c)
{
    LuTask *t = lu_task;
    if (t->clear_child_tid) {
        lu_put_u32(t->clear_child_tid, 0);
        syscall(SYS_futex, g2h(t->clear_child_tid), FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    }
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
        lu_exit_group((int)c->a[0]);
    }
    /*
     * Unregister the CPU (it is outside cpu_exec here) so that its jump cache
     * goes; the small CPU struct itself stays, since other threads may still
     * hold a pointer they read from the CPU list a moment ago.
     */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    tcg_cpu_destroy(t->cpu);
    lu_task = NULL;
    lu_task_exit(t);
    pthread_exit(NULL);
}

/* ---- clone ------------------------------------------------------------------------ */

typedef struct CloneStart {
    CPUState *cpu;
    uint64_t flags;
    abi_ulong ptid, ctid;
    uint64_t sigmask;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int tid;                       /* set by the child once it runs */
} CloneStart;

static void *thread_main(void *arg)
{
    CloneStart *cs = arg;
    LuTask *t = lu_task_new(cs->cpu);
    lu_task_alloc_queue(t);
    t->sigmask = cs->sigmask;
    if (cs->flags & CLONE_CHILD_SETTID) {
        lu_put_u32(cs->ctid, t->tid);
    }
    if (cs->flags & CLONE_CHILD_CLEARTID) {
        t->clear_child_tid = cs->ctid;
    }
    if (cs->flags & CLONE_PARENT_SETTID) {
        lu_put_u32(cs->ptid, t->tid);
    }
    CPUState *cpu = cs->cpu;
    gdb_user_new_thread(cpu);      /* listed before the parent sees the clone return */
    pthread_mutex_lock(&cs->lock);
    cs->tid = t->tid;
    pthread_cond_signal(&cs->cond);
    pthread_mutex_unlock(&cs->lock);
    /* cs belongs to the parent from here on */
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    gdb_user_checkpoint(cpu);      /* known to the debugger (and held if it holds all) */
    lu_arch_cpu_loop(cpu);
}

static abi_long clone_thread(LuCall *c, uint64_t flags)
{
    CPUState *child = lu_arch_cpu_copy(c->cpu);
    lu_arch_clone_regs(child, c->a[1]);
    if (flags & CLONE_SETTLS) {
        lu_arch_set_tls(child, c->a[3]);
    }
    CloneStart cs = {
        .cpu = child, .flags = flags, .ptid = c->a[2], .ctid = c->a[4],
        .sigmask = lu_task->sigmask, .tid = 0,
    };
    pthread_mutex_init(&cs.lock, NULL);
    pthread_cond_init(&cs.cond, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &cs);
    if (e == 0) {
        pthread_mutex_lock(&cs.lock);
        while (!cs.tid) {
            pthread_cond_wait(&cs.cond, &cs.lock);
        }
        pthread_mutex_unlock(&cs.lock);
    } else {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return e ? lu_errno(e) : cs.tid;
}

static abi_long do_fork(LuCall *c, uint64_t flags, abi_ulong newsp)
{
    int exit_sig = lu_target_to_host_signal(flags & 0xff);
    fflush(stdout);
    fflush(stderr);
    /*
     * vfork runs as a fork; the child holds the close-on-exec write end of a
     * pipe, at a high descriptor the guest is unlikely to touch
     */
    int vfork_fd[2] = { -1, -1 };
    if ((flags & CLONE_VFORK) && pipe2(vfork_fd, O_CLOEXEC) == 0) {
        int hi = fcntl(vfork_fd[1], F_DUPFD_CLOEXEC, 900);
        if (hi >= 0) {
            close(vfork_fd[1]);
            vfork_fd[1] = hi;
        }
    }
    pid_t pid;
    if (exit_sig == SIGCHLD || exit_sig == 0) {
        pid = fork();
    } else {
        pid = (pid_t)syscall(SYS_clone, exit_sig, NULL, NULL, NULL, NULL);
    }
    if (pid < 0) {
        int e = errno;
        if (vfork_fd[0] >= 0) {
            close(vfork_fd[0]);
            close(vfork_fd[1]);
        }
        return lu_errno(e);
    }
    if (pid == 0) {
        /* the child: only this thread survives */
        if (vfork_fd[0] >= 0) {
            close(vfork_fd[0]);
        }
        LuTask *t = lu_task;
        t->tid = (int)syscall(SYS_gettid);
        live_threads = 1;
        if (newsp) {
            lu_arch_clone_regs(c->cpu, newsp);
        }
        if (flags & CLONE_SETTLS) {
            lu_arch_set_tls(c->cpu, c->a[3]);
        }
        if (flags & CLONE_CHILD_SETTID) {
            lu_put_u32(c->a[4], t->tid);
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            t->clear_child_tid = c->a[4];
        }
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) {
        lu_put_u32(c->a[2], pid);
    }
    if (vfork_fd[1] >= 0) {
        /* vfork: the parent resumes once the child exec'd or exited (EOF on the pipe) */
        close(vfork_fd[1]);
        char b;
        while (read(vfork_fd[0], &b, 1) < 0 && errno == EINTR) {
        }
        close(vfork_fd[0]);
    }
    return pid;
}

abi_long lu_sys_clone(LuCall *c)
{
    uint64_t flags = c->a[0];
    if ((flags & (CLONE_VM | CLONE_THREAD)) == (CLONE_VM | CLONE_THREAD)) {
        return clone_thread(c, flags);
    }
    if (flags & (CLONE_THREAD | CLONE_SIGHAND)) {
        lu_log_unimp("clone flags 0x%llx", (unsigned long long)flags);
        return -EINVAL;
    }
    return do_fork(c, flags, c->a[1]);
}

abi_long lu_sys_fork(LuCall *c)
{
    return do_fork(c, TARGET_SIGCHLD, 0);
}

abi_long lu_sys_vfork(LuCall *c)
{
    return do_fork(c, TARGET_SIGCHLD | CLONE_VFORK, 0);
}

/* ---- execve ------------------------------------------------------------------------ */

static char **get_strv(abi_ulong addr, int *err)
{
    GPtrArray *a = g_ptr_array_new();
    for (abi_ulong p = addr; addr; p += sizeof(abi_ulong)) {
        abi_ulong s;
        if (lu_get_ulong(p, &s)) {
            *err = -EFAULT;
            g_ptr_array_free(a, true);
            return NULL;
        }
        if (!s) {
            break;
        }
        const char *str = lu_lock_string(s);
        if (!str) {
            *err = -EFAULT;
            g_ptr_array_free(a, true);
            return NULL;
        }
        g_ptr_array_add(a, (char *)str);
    }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, false);
}

abi_long lu_sys_execve(LuCall *c)
{
    char buf[4096];
    const char *gpath = lu_lock_string(c->a[0]);
    if (!gpath) {
        return -EFAULT;
    }
    const char *path = strcmp(gpath, "/proc/self/exe") == 0 ? lu_image.exe_path
                                                            : lu_path(gpath, buf, sizeof(buf));
    int err = 0;
    g_autofree char **argv = get_strv(c->a[1], &err);
    if (!argv) {
        return err;
    }
    g_autofree char **envp = get_strv(c->a[2], &err);
    if (!envp) {
        return err;
    }
    if (access(path, X_OK) < 0) {
        return lu_errno(errno);
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return lu_errno(errno);
    }
    /* what the kernel would refuse with ENOEXEC: not a script, not an ELF for this guest */
    unsigned char magic[20] = { 0 };
    ssize_t n = read(fd, magic, sizeof(magic));
    close(fd);
    bool script = n >= 2 && magic[0] == '#' && magic[1] == '!';
    bool elf = n == sizeof(magic) && memcmp(magic, "\177ELF", 4) == 0 &&
               magic[4] == TARGET_ELF_CLASS &&
               magic[5] == (TARGET_BIG_ENDIAN ? 2 : 1) &&
               (TARGET_BIG_ENDIAN ? (magic[18] << 8 | magic[19])
                                  : (magic[19] << 8 | magic[18])) == TARGET_ELF_MACHINE;
    if (!script && !elf) {
        return -ENOEXEC;
    }
    int argc = 0;
    while (argv[argc]) {
        argc++;
    }
    char **nargv = g_new0(char *, lu_exec_prefix_len + argc + 4);
    int k = 0;
    for (int i = 0; i < lu_exec_prefix_len; i++) {
        nargv[k++] = lu_exec_prefix[i];
    }
    if (argc) {
        nargv[k++] = (char *)"-0";
        nargv[k++] = argv[0];
    }
    nargv[k++] = (char *)path;
    for (int i = 1; i < argc; i++) {
        nargv[k++] = argv[i];
    }
    nargv[k] = NULL;
    fflush(stdout);
    fflush(stderr);
    execve(lu_exec_prefix[0], nargv, envp);
    int e = errno;
    g_free(nargv);
    return lu_errno(e);
}

/* ---- wait ----------------------------------------------------------------------------- */

static int status_h2t(int st)
{
    if (WIFSIGNALED(st)) {
        return (st & ~0x7f) | lu_host_to_target_signal(WTERMSIG(st));
    }
    if (WIFSTOPPED(st)) {
        return (lu_host_to_target_signal(WSTOPSIG(st)) << 8) | 0x7f;
    }
    return st;
}

static int put_rusage(abi_ulong addr, const struct rusage *ru)
{
    abi_ulong w[18];
    w[0] = tswapal(ru->ru_utime.tv_sec);
    w[1] = tswapal(ru->ru_utime.tv_usec);
    w[2] = tswapal(ru->ru_stime.tv_sec);
    w[3] = tswapal(ru->ru_stime.tv_usec);
    const long *rest = &ru->ru_maxrss;
    for (int i = 0; i < 14; i++) {
        w[4 + i] = tswapal((abi_ulong)rest[i]);
    }
    return lu_copy_to(addr, w, sizeof(w));
}

abi_long lu_sys_wait4(LuCall *c)
{
    int st;
    struct rusage ru;
    long r = lu_safe6(SYS_wait4, (pid_t)c->a[0], &st, (int)c->a[2], c->a[3] ? &ru : NULL, 0, 0);
    if (r < 0) {
        return lu_raw_ret(r);
    }
    if (r > 0 && c->a[1] && lu_put_u32(c->a[1], status_h2t(st))) {
        return -EFAULT;
    }
    if (r > 0 && c->a[3] && put_rusage(c->a[3], &ru)) {
        return -EFAULT;
    }
    return r;
}

abi_long lu_sys_waitid(LuCall *c)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    struct rusage ru;
    long wr = lu_safe6(SYS_waitid, (int)c->a[0], (pid_t)c->a[1], &si, (int)c->a[3],
                       c->a[4] ? &ru : NULL, 0);
    if (wr < 0) {
        return lu_raw_ret(wr);
    }
    if (c->a[2]) {
        LuSigInfo t;
        memset(&t, 0, sizeof(t));
        if (si.si_pid) {
            lu_host_to_target_siginfo(&t, &si);
        }
        if (lu_put_siginfo(c->a[2], &t)) {
            return -EFAULT;
        }
    }
    if (c->a[4] && put_rusage(c->a[4], &ru)) {
        return -EFAULT;
    }
    return 0;
}

/* ---- futex ---------------------------------------------------------------------------- */

static abi_long do_futex(LuCall *c, bool time64)
{
    int op = (int)c->a[1];
    int cmd = op & FUTEX_CMD_MASK;
    uint32_t *uaddr = lu_lock(c->a[0], 4, false);
    if (!uaddr || (c->a[0] & 3)) {
        return -EFAULT;
    }
    struct timespec ts, *tsp = NULL;
    uint32_t val = (uint32_t)c->a[2];
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_WAIT_REQUEUE_PI:
        if (c->a[3]) {
            if (time64) {
                int64_t w[2];
                if (lu_copy_from(w, c->a[3], 16)) {
                    return -EFAULT;
                }
                ts.tv_sec = (int64_t)tswap64(w[0]);
                ts.tv_nsec = (int64_t)tswap64(w[1]);
            } else {
                abi_ulong w[2];
                if (lu_copy_from(w, c->a[3], sizeof(w))) {
                    return -EFAULT;
                }
                ts.tv_sec = (abi_long)tswapal(w[0]);
                ts.tv_nsec = (abi_long)tswapal(w[1]);
            }
            tsp = &ts;
        }
        if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) {
            val = tswap32(val);    /* compared with guest memory */
        }
        return lu_raw_ret(lu_safe6(SYS_futex, uaddr, op, val, tsp,
                                   c->a[4] ? g2h(c->a[4]) : NULL, (uint32_t)c->a[5]));
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        return lu_ret(syscall(SYS_futex, uaddr, op, val, NULL, NULL, (uint32_t)c->a[5]));
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP: {
        void *u2 = lu_lock(c->a[4], 4, true);
        if (!u2) {
            return -EFAULT;
        }
        uint32_t v3 = (uint32_t)c->a[5];
        if (cmd == FUTEX_CMP_REQUEUE) {
            v3 = tswap32(v3);
        }
        return lu_ret(syscall(SYS_futex, uaddr, op, val, (void *)(uintptr_t)(uint32_t)c->a[3],
                              u2, v3));
    }
    default:
        lu_log_unimp("futex op %d", op);
        return -ENOSYS;
    }
}

abi_long lu_sys_futex(LuCall *c)
{
    return do_futex(c, false);
}

abi_long lu_sys_futex_time64(LuCall *c)
{
    return do_futex(c, true);
}

abi_long lu_sys_set_tid_address(LuCall *c)
{
    lu_task->clear_child_tid = c->a[0];
    return lu_task->tid;
}

abi_long lu_sys_set_robust_list(LuCall *c)
{
    /* the host kernel cannot walk a guest list: remembered, not registered */
    lu_task->robust_list = c->a[0];
    return 0;
}

abi_long lu_sys_get_robust_list(LuCall *c)
{
    return -ENOSYS;
}

abi_long lu_sys_restart_syscall(LuCall *c)
{
    return -EINTR;
}

abi_long lu_sys_rseq(LuCall *c)
{
    return -ENOSYS;
}

abi_long lu_sys_membarrier(LuCall *c)
{
    return -ENOSYS;
}

/* ---- ids ------------------------------------------------------------------------------ */

abi_long lu_sys_getpid(LuCall *c) { return getpid(); }
abi_long lu_sys_getppid(LuCall *c) { return getppid(); }
abi_long lu_sys_gettid(LuCall *c) { return lu_task->tid; }
abi_long lu_sys_getuid(LuCall *c) { return getuid(); }
abi_long lu_sys_geteuid(LuCall *c) { return geteuid(); }
abi_long lu_sys_getgid(LuCall *c) { return getgid(); }
abi_long lu_sys_getegid(LuCall *c) { return getegid(); }
abi_long lu_sys_setuid(LuCall *c) { return lu_ret(syscall(SYS_setuid, (uid_t)c->a[0])); }
abi_long lu_sys_setgid(LuCall *c) { return lu_ret(syscall(SYS_setgid, (gid_t)c->a[0])); }
abi_long lu_sys_setreuid(LuCall *c)
{
    return lu_ret(syscall(SYS_setreuid, (uid_t)c->a[0], (uid_t)c->a[1]));
}
abi_long lu_sys_setregid(LuCall *c)
{
    return lu_ret(syscall(SYS_setregid, (gid_t)c->a[0], (gid_t)c->a[1]));
}
abi_long lu_sys_setresuid(LuCall *c)
{
    return lu_ret(syscall(SYS_setresuid, (uid_t)c->a[0], (uid_t)c->a[1], (uid_t)c->a[2]));
}
abi_long lu_sys_setresgid(LuCall *c)
{
    return lu_ret(syscall(SYS_setresgid, (gid_t)c->a[0], (gid_t)c->a[1], (gid_t)c->a[2]));
}

static abi_long put_three(LuCall *c, uint32_t a, uint32_t b, uint32_t d)
{
    if (lu_put_u32(c->a[0], a) || lu_put_u32(c->a[1], b) || lu_put_u32(c->a[2], d)) {
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_getresuid(LuCall *c)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    return put_three(c, r, e, s);
}

abi_long lu_sys_getresgid(LuCall *c)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    return put_three(c, r, e, s);
}

abi_long lu_sys_getgroups(LuCall *c)
{
    int n = (int)c->a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    g_autofree gid_t *g = g_new(gid_t, n ? n : 1);
    int r = getgroups(n, g);
    if (r < 0) {
        return lu_errno(errno);
    }
    for (int i = 0; n && i < r; i++) {
        if (lu_put_u32(c->a[1] + 4 * i, g[i])) {
            return -EFAULT;
        }
    }
    return r;
}

abi_long lu_sys_setgroups(LuCall *c)
{
    int n = (int)c->a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    g_autofree gid_t *g = g_new(gid_t, n ? n : 1);
    for (int i = 0; i < n; i++) {
        uint32_t v;
        if (lu_copy_from(&v, c->a[1] + 4 * i, 4)) {
            return -EFAULT;
        }
        g[i] = tswap32(v);
    }
    return lu_ret(syscall(SYS_setgroups, n, g));
}

abi_long lu_sys_setpgid(LuCall *c) { return lu_ret(setpgid((pid_t)c->a[0], (pid_t)c->a[1])); }
abi_long lu_sys_getpgid(LuCall *c) { return lu_ret(getpgid((pid_t)c->a[0])); }
abi_long lu_sys_getpgrp(LuCall *c) { return getpgrp(); }
abi_long lu_sys_setsid(LuCall *c) { return lu_ret(setsid()); }
abi_long lu_sys_getsid(LuCall *c) { return lu_ret(getsid((pid_t)c->a[0])); }

abi_long lu_sys_getpriority(LuCall *c)
{
    /* the raw syscall's 20 - nice form, as the guest's libc expects */
    return lu_ret(syscall(SYS_getpriority, (int)c->a[0], (int)c->a[1]));
}

abi_long lu_sys_setpriority(LuCall *c)
{
    return lu_ret(setpriority((int)c->a[0], (id_t)c->a[1], (int)c->a[2]));
}

/* ---- limits and usage -------------------------------------------------------------- */

/* getrlimit/setrlimit's "no limit" (MIPS o32: 0x7fffffff); prlimit64's is always ~0. */
#ifndef TARGET_RLIM_INFINITY
#define TARGET_RLIM_INFINITY ((abi_ulong)-1)
#endif

static abi_ulong rlim_h2t(rlim_t v)
{
    return v == RLIM_INFINITY || v > TARGET_RLIM_INFINITY ? TARGET_RLIM_INFINITY : (abi_ulong)v;
}

static rlim_t rlim_t2h(abi_ulong v)
{
    return v == TARGET_RLIM_INFINITY ? RLIM_INFINITY : v;
}

abi_long lu_sys_getrlimit(LuCall *c)
{
    struct rlimit rl;
    if (getrlimit((int)c->a[0], &rl) < 0) {
        return lu_errno(errno);
    }
    abi_ulong w[2] = { tswapal(rlim_h2t(rl.rlim_cur)), tswapal(rlim_h2t(rl.rlim_max)) };
    return lu_copy_to(c->a[1], w, sizeof(w)) ? -EFAULT : 0;
}

abi_long lu_sys_setrlimit(LuCall *c)
{
    abi_ulong w[2];
    if (lu_copy_from(w, c->a[1], sizeof(w))) {
        return -EFAULT;
    }
    struct rlimit rl = { rlim_t2h(tswapal(w[0])), rlim_t2h(tswapal(w[1])) };
    return lu_ret(setrlimit((int)c->a[0], &rl));
}

abi_long lu_sys_prlimit64(LuCall *c)
{
    struct rlimit64 nl, ol;
    if (c->a[2]) {
        uint64_t w[2];
        if (lu_copy_from(w, c->a[2], 16)) {
            return -EFAULT;
        }
        nl.rlim_cur = tswap64(w[0]);
        nl.rlim_max = tswap64(w[1]);
    }
    if (prlimit64((pid_t)c->a[0], (int)c->a[1], c->a[2] ? &nl : NULL, &ol) < 0) {
        return lu_errno(errno);
    }
    if (c->a[3]) {
        uint64_t w[2] = { tswap64(ol.rlim_cur), tswap64(ol.rlim_max) };
        if (lu_copy_to(c->a[3], w, 16)) {
            return -EFAULT;
        }
    }
    return 0;
}

abi_long lu_sys_getrusage(LuCall *c)
{
    struct rusage ru;
    if (getrusage((int)c->a[0], &ru) < 0) {
        return lu_errno(errno);
    }
    return put_rusage(c->a[1], &ru) ? -EFAULT : 0;
}

abi_long lu_sys_times(LuCall *c)
{
    struct tms t;
    clock_t r = times(&t);
    if (c->a[0]) {
        abi_ulong w[4] = { tswapal(t.tms_utime), tswapal(t.tms_stime), tswapal(t.tms_cutime),
                           tswapal(t.tms_cstime) };
        if (lu_copy_to(c->a[0], w, sizeof(w))) {
            return -EFAULT;
        }
    }
    return (abi_long)r;
}

/* ---- system information -------------------------------------------------------------- */

abi_long lu_sys_uname(LuCall *c)
{
    struct utsname u;
    if (uname(&u) < 0) {
        return lu_errno(errno);
    }
    snprintf(u.machine, sizeof(u.machine), "%s", lu_arch_uname_machine(c->cpu));
    return lu_copy_to(c->a[0], &u, sizeof(u)) ? -EFAULT : 0;
}

abi_long lu_sys_sethostname(LuCall *c)
{
    const char *p = lu_lock(c->a[0], c->a[1], false);
    return p ? lu_ret(sethostname(p, c->a[1])) : -EFAULT;
}

abi_long lu_sys_sysinfo(LuCall *c)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0) {
        return lu_errno(errno);
    }
    /* the guest's words may be narrower: scale memory by mem_unit until it fits */
    uint64_t unit = si.mem_unit;
    uint64_t mem[8] = { si.totalram, si.freeram, si.sharedram, si.bufferram, si.totalswap,
                        si.freeswap, si.totalhigh, si.freehigh };
    for (;;) {
        bool fits = true;
        for (int i = 0; i < 8; i++) {
            fits &= mem[i] <= (abi_ulong)-1;
        }
        if (fits) {
            break;
        }
        for (int i = 0; i < 8; i++) {
            mem[i] >>= 1;
        }
        unit <<= 1;
    }
    const unsigned W = sizeof(abi_ulong);
    uint8_t buf[20 * sizeof(abi_ulong)] = { 0 };
    unsigned o = 0;
    abi_ulong v;
#define PUTW(x) (v = tswapal((abi_ulong)(x)), memcpy(buf + o, &v, W), o += W)
    PUTW(si.uptime);
    PUTW(si.loads[0]);
    PUTW(si.loads[1]);
    PUTW(si.loads[2]);
    for (int i = 0; i < 6; i++) {
        PUTW(mem[i]);
    }
    uint16_t procs = tswap16(si.procs);
    memcpy(buf + o, &procs, 2);
    o += W;                        /* procs and padding */
    PUTW(mem[6]);
    PUTW(mem[7]);
    uint32_t u32 = tswap32((uint32_t)unit);
    memcpy(buf + o, &u32, 4);
    o += 4;
#undef PUTW
    unsigned size = TARGET_ABI_BITS == 32 ? 64 : 112;
    return lu_copy_to(c->a[0], buf, size) ? -EFAULT : 0;
}

abi_long lu_sys_prctl(LuCall *c)
{
    int opt = (int)c->a[0];
    switch (opt) {
    case PR_GET_NAME: {
        char name[16];
        if (prctl(PR_GET_NAME, name) < 0) {
            return lu_errno(errno);
        }
        return lu_copy_to(c->a[1], name, 16) ? -EFAULT : 0;
    }
    case PR_SET_NAME: {
        char name[16];
        if (lu_copy_from(name, c->a[1], 16)) {
            /* the name may end before a page boundary */
            const char *s = lu_lock_string(c->a[1]);
            if (!s) {
                return -EFAULT;
            }
            snprintf(name, sizeof(name), "%s", s);
        }
        name[15] = 0;
        return lu_ret(prctl(PR_SET_NAME, name));
    }
    case PR_SET_PDEATHSIG:
        return lu_ret(prctl(PR_SET_PDEATHSIG, lu_target_to_host_signal((int)c->a[1])));
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_CAPBSET_READ:
        return lu_ret(prctl(opt, (unsigned long)c->a[1], (unsigned long)c->a[2], 0, 0));
    default:
        lu_log_unimp("prctl option %d", opt);
        return -EINVAL;
    }
}

abi_long lu_sys_getrandom(LuCall *c)
{
    void *p = lu_lock(c->a[0], c->a[1], true);
    if (!p) {
        return -EFAULT;
    }
    return lu_ret(getrandom(p, c->a[1], (unsigned)c->a[2]));
}

/* ---- scheduling ------------------------------------------------------------------------- */

abi_long lu_sys_sched_yield(LuCall *c)
{
    return lu_ret(sched_yield());
}

abi_long lu_sys_sched_getaffinity(LuCall *c)
{
    size_t len = c->a[1];
    if (len & (sizeof(abi_ulong) - 1)) {
        return -EINVAL;
    }
    size_t hlen = ROUND_UP(len, sizeof(unsigned long));
    g_autofree unsigned long *m = g_malloc0(hlen ? hlen : 8);
    long r = syscall(SYS_sched_getaffinity, (pid_t)c->a[0], hlen, m);
    if (r < 0) {
        return lu_errno(errno);
    }
    size_t n = MIN((size_t)r, len);
    if (lu_copy_to(c->a[2], m, n)) {        /* little-endian host, bit order kept per byte */
        return -EFAULT;
    }
    return n;
}

abi_long lu_sys_sched_setaffinity(LuCall *c)
{
    return 0;
}

abi_long lu_sys_sched_getparam(LuCall *c)
{
    struct sched_param sp;
    if (sched_getparam((pid_t)c->a[0], &sp) < 0) {
        return lu_errno(errno);
    }
    return lu_put_u32(c->a[1], sp.sched_priority) ? -EFAULT : 0;
}

abi_long lu_sys_sched_getscheduler(LuCall *c)
{
    return lu_ret(sched_getscheduler((pid_t)c->a[0]));
}

abi_long lu_sys_sched_get_priority_max(LuCall *c)
{
    return lu_ret(sched_get_priority_max((int)c->a[0]));
}

abi_long lu_sys_sched_get_priority_min(LuCall *c)
{
    return lu_ret(sched_get_priority_min((int)c->a[0]));
}
