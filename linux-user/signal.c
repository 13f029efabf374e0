/*
 * signal.c — guest signals on top of host signals.
 *
 * Host side: SIGSEGV and SIGBUS always have our handler.  A fault on a page
 * write-protected for self-modifying code is undone (page_unprotect) and the
 * store retried; a fault of generated code or of a helper touching guest
 * memory becomes the guest's synchronous SIGSEGV/SIGBUS, precise at the
 * faulting instruction (cpu_restore_state, then back to the cpu loop).  For
 * any other signal the host disposition mirrors the guest's: SIG_IGN and
 * SIG_DFL are passed to the host (so a default action kills the process
 * with the right status), a guest handler gets our host handler, which
 * queues the signal on the receiving thread and kicks its CPU out of
 * generated code (cpu_exit).
 *
 * Guest side: the cpu loop calls lu_process_signals() between cpu_exec runs;
 * queued signals not blocked by the guest mask are delivered there through
 * the target's frame builder (lu_arch_setup_frame).  Host signals are
 * blocked while the queue is examined, so the handler never sees it half
 * updated.
 *
 * Signal numbers: the generic Linux numbering (x86, ARM) is the host's; a
 * target with its own (MIPS) defines TARGET_HAS_SIGNAL_MAP, the TARGET_SIG*
 * numbers the code below compares with, and lu_arch_signal_to_target/_to_host.
 */
#include "gdbstub/gdbstub.h"
#include "linux-user/user-internals.h"
#include "util/error.h"
#include "util/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

LuSigAction lu_sigact[65];
__thread LuTask *lu_task;

static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;

int lu_host_to_target_signal(int sig)
{
#ifdef TARGET_HAS_SIGNAL_MAP
    return lu_arch_signal_to_target(sig);
#else
    return sig >= 1 && sig <= 64 ? sig : 0;
#endif
}

int lu_target_to_host_signal(int sig)
{
#ifdef TARGET_HAS_SIGNAL_MAP
    return lu_arch_signal_to_host(sig);
#else
    return sig >= 1 && sig <= 64 ? sig : 0;
#endif
}

uint64_t lu_host_sigset_to_target(const sigset_t *s)
{
    uint64_t m = 0;
    for (int h = 1; h <= 64; h++) {
        int t = lu_host_to_target_signal(h);
        if (t && sigismember(s, h) == 1) {
            m |= 1ull << (t - 1);
        }
    }
    return m;
}

void lu_target_to_host_sigset(sigset_t *s, uint64_t mask)
{
    sigemptyset(s);
    for (int t = 1; t <= 64; t++) {
        int h = lu_target_to_host_signal(t);
        if (h && (mask >> (t - 1) & 1)) {
            sigaddset(s, h);
        }
    }
}

static LuTask *task_list;

static void qlock(LuTask *t)
{
    while (__atomic_exchange_n(&t->qlock, 1, __ATOMIC_ACQUIRE)) {
    }
}

static void qunlock(LuTask *t)
{
    __atomic_store_n(&t->qlock, 0, __ATOMIC_RELEASE);
}


LuTask *lu_task_new(CPUState *cpu)
{
    LuTask *t = g_new0(LuTask, 1);
    t->cpu = cpu;
    t->tid = (int)syscall(SYS_gettid);
    t->ss_flags = LU_SS_DISABLE;
    lu_task = t;
    /* push (lock-free: host signal handlers walk the list) */
    t->next = __atomic_load_n(&task_list, __ATOMIC_ACQUIRE);
    while (!__atomic_compare_exchange_n(&task_list, &t->next, t, false, __ATOMIC_RELEASE,
                                        __ATOMIC_ACQUIRE)) {
    }
    return t;
}

void lu_task_exit(LuTask *t)
{
    t->dead = 1;
    qlock(t);
    for (int s = 1; s <= 64; s++) {
        LuSigInfo *i = t->queue[s].info;
        t->queue[s].info = NULL;
        g_free(i);
    }
    qunlock(t);
    g_free(t->sync);
    t->sync = NULL;
    t->cpu = NULL;
}

/* Queue info (host form) as signal tsig of task t, unless one is pending already. */
static void queue_on(LuTask *t, int tsig, const siginfo_t *info)
{
    LuSigQueue *q = &t->queue[tsig];
    qlock(t);
    if (!q->pending && q->info) {
        lu_host_to_target_siginfo(q->info, info);
        q->pending = true;
    }
    qunlock(t);
    t->signal_pending = 1;
}

/*
 * A process-directed signal the host gave to a thread whose guest mask
 * blocks it goes to a thread that does not block it, as the kernel would
 * have chosen: queued there with its siginfo, and that thread kicked with a
 * tgkill (its handler then finds the signal already queued).  True when it
 * was passed on.
 */
static bool forward_signal(LuTask *self, int hsig, int tsig, siginfo_t *info)
{
    if (info->si_code == SI_TKILL) {
        return false;              /* meant for this thread */
    }
    for (LuTask *o = __atomic_load_n(&task_list, __ATOMIC_ACQUIRE); o; o = o->next) {
        if (o != self && !o->dead && !(o->sigmask & (1ull << (tsig - 1)))) {
            queue_on(o, tsig, info);
            return syscall(SYS_tgkill, getpid(), o->tid, hsig) == 0;
        }
    }
    return false;
}

void lu_host_to_target_siginfo(LuSigInfo *t, const siginfo_t *h)
{
    memset(t, 0, sizeof(*t));
    t->si_signo = lu_host_to_target_signal(h->si_signo);
    t->si_errno = h->si_errno;
    t->si_code = h->si_code;
    switch (h->si_signo) {
    case SIGCHLD:
        t->u.chld.pid = h->si_pid;
        t->u.chld.uid = h->si_uid;
        t->u.chld.status = h->si_code == CLD_EXITED ? h->si_status
                                                     : lu_host_to_target_signal(h->si_status);
        t->u.chld.utime = h->si_utime;
        t->u.chld.stime = h->si_stime;
        break;
    case SIGIO:
        t->u.poll.band = h->si_band;
        t->u.poll.fd = h->si_fd;
        break;
    default:
        t->u.rt.pid = h->si_pid;
        t->u.rt.uid = h->si_uid;
        t->u.rt.value = (abi_ulong)(uintptr_t)h->si_value.sival_ptr;
        break;
    }
}

int lu_put_siginfo(abi_ulong addr, const LuSigInfo *info)
{
    /* the kernel's siginfo: three ints, then the union aligned to a word */
    uint8_t buf[128] = { 0 };
    const unsigned W = sizeof(abi_ulong);
    const unsigned u = TARGET_ABI_BITS == 32 ? 12 : 16;
#ifdef TARGET_SIGINFO_CODE_BEFORE_ERRNO
    uint32_t w32[3] = { tswap32(info->si_signo), tswap32(info->si_code),
                        tswap32(info->si_errno) };
#else
    uint32_t w32[3] = { tswap32(info->si_signo), tswap32(info->si_errno),
                        tswap32(info->si_code) };
#endif
    memcpy(buf, w32, sizeof(w32));
    int sig = info->si_signo;
    abi_ulong al;
    uint32_t v;
    if (sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS || sig == TARGET_SIGILL ||
        sig == TARGET_SIGFPE || sig == TARGET_SIGTRAP) {
        al = tswapal(info->u.fault.addr);
        memcpy(buf + u, &al, W);
    } else if (sig == TARGET_SIGCHLD) {
        int32_t f[3] = { tswap32(info->u.chld.pid), tswap32(info->u.chld.uid),
                         tswap32(info->u.chld.status) };
        memcpy(buf + u, f, sizeof(f));
        al = tswapal((abi_ulong)info->u.chld.utime);
        memcpy(buf + u + 12 + (W == 8 ? 4 : 0), &al, W);
        al = tswapal((abi_ulong)info->u.chld.stime);
        memcpy(buf + u + 12 + (W == 8 ? 4 : 0) + W, &al, W);
    } else if (sig == TARGET_SIGIO) {
        al = tswapal((abi_ulong)info->u.poll.band);
        memcpy(buf + u, &al, W);
        v = tswap32(info->u.poll.fd);
        memcpy(buf + u + W, &v, 4);
    } else {
        v = tswap32(info->u.rt.pid);
        memcpy(buf + u, &v, 4);
        v = tswap32(info->u.rt.uid);
        memcpy(buf + u + 4, &v, 4);
        al = tswapal(info->u.rt.value);
        memcpy(buf + u + 8, &al, W);
    }
    return lu_copy_to(addr, buf, sizeof(buf));
}

/* ---- the host handlers ------------------------------------------------------ */

/* Signals whose default action dumps core: the guest crashed, say so in one line. */
static bool dumps_core(int sig)
{
    return sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS || sig == TARGET_SIGILL ||
           sig == TARGET_SIGFPE || sig == TARGET_SIGABRT || sig == TARGET_SIGTRAP ||
           sig == TARGET_SIGQUIT || sig == TARGET_SIGSYS || sig == TARGET_SIGXCPU ||
           sig == TARGET_SIGXFSZ;
}

static void die_with_signal(int tsig) __attribute__((noreturn));
static void die_with_signal(int tsig)
{
    int h = lu_target_to_host_signal(tsig);
    if (dumps_core(tsig) && lu_task && lu_task->cpu) {
        error_report("guest killed by signal %d (%s) at pc 0x%llx", tsig, strsignal(h),
                     (unsigned long long)lu_arch_get_pc(lu_task->cpu));
    }
    gdb_user_killed(tsig);
    /* the guest's core would be the emulator's: none */
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);
    fflush(stdout);
    fflush(stderr);
    struct sigaction sa = { .sa_handler = SIG_DFL };
    sigaction(h, &sa, NULL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, h);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    kill(getpid(), h);
    _exit(128 + tsig);
}

static uintptr_t host_pc_of(void *puc)
{
    ucontext_t *uc = puc;
#if defined(__x86_64__)
    return uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return uc->uc_mcontext.pc;
#else
#error "linux-user: host pc from ucontext unknown for this host"
#endif
}

static void host_async(int hsig, siginfo_t *info, void *puc);

static void host_fault(int hsig, siginfo_t *info, void *puc)
{
    if (info->si_code <= 0) {
        /* sent by kill/tgkill/sigqueue, not raised by an access: the guest's ordinary signal */
        host_async(hsig, info, puc);
        return;
    }
    uintptr_t pc = tcg_user_helper_retaddr ? tcg_user_helper_retaddr : host_pc_of(puc);
    uintptr_t h = (uintptr_t)info->si_addr;
    /* a 64-bit guest (guest_base 0) may use any address */
    bool in_guest_space = h >= guest_base &&
        (TARGET_ABI_BITS == 64 || h - guest_base < ((uint64_t)1 << (TARGET_ABI_BITS & 63)));
    abi_ulong addr = (abi_ulong)(h - guest_base);
    CPUState *cpu = current_cpu;

    if (hsig == SIGSEGV && in_guest_space) {
        switch (page_unprotect(addr, pc)) {
        case 1:
            return;
        case 2:
            page_unprotect_restart(cpu, pc);
        default:
            break;
        }
    }
    if (cpu && lu_task && cpu_restore_state(cpu, pc)) {
        int code;
        if (hsig == SIGBUS) {
            code = BUS_ADRERR;
        } else {
            code = (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        }
        lu_queue_fault(hsig == SIGBUS ? TARGET_SIGBUS : TARGET_SIGSEGV, code, addr);
        tcg_user_helper_retaddr = 0;
        cpu->exception_index = EXCP_INTERRUPT;
        cpu_loop_exit(cpu);
    }
    /* the emulator itself faulted: let the host report it */
    struct sigaction sa = { .sa_handler = SIG_DFL };
    sigaction(hsig, &sa, NULL);
}

#if defined(__x86_64__)
extern const char lu_safe_syscall_start[], lu_safe_syscall_end[], lu_safe_syscall_abort[];
long lu_safe_syscall_base(int *wake, long nr, long a1, long a2, long a3, long a4, long a5,
                          long a6);
#endif

long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    static int never;
    int *wake = lu_task ? &lu_task->wake : &never;
#if defined(__x86_64__)
    return lu_safe_syscall_base(wake, nr, a1, a2, a3, a4, a5, a6);
#else
    if (__atomic_load_n(wake, __ATOMIC_ACQUIRE)) {
        return -EINTR;
    }
    long r = syscall(nr, a1, a2, a3, a4, a5, a6);
    return r < 0 ? -errno : r;
#endif
}

void lu_signal_recheck(void)
{
    if (lu_signal_deliverable()) {
        lu_task->signal_pending = 1;
        lu_task->wake = 1;
    }
}

static void host_async(int hsig, siginfo_t *info, void *puc)
{
    int tsig = lu_host_to_target_signal(hsig);
    LuTask *t = lu_task;
    if (!t || !tsig) {
        return;
    }
#if defined(__x86_64__)
    /* between the wake test and the syscall instruction: do not enter the kernel */
    ucontext_t *uc = puc;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)lu_safe_syscall_start && pc < (uintptr_t)lu_safe_syscall_end) {
        uc->uc_mcontext.gregs[REG_RIP] = (uintptr_t)lu_safe_syscall_abort;
    }
#endif
    if (!(t->sigmask & (1ull << (tsig - 1)))) {
        t->wake = 1;
    } else if (forward_signal(t, hsig, tsig, info)) {
        return;
    }
    queue_on(t, tsig, info);
    if (t->cpu) {
        cpu_exit(t->cpu);
    }
}

static void install_host(int tsig)
{
    int h = lu_target_to_host_signal(tsig);
    if (!h || h == SIGSEGV || h == SIGBUS || h == SIGKILL || h == SIGSTOP) {
        return;
    }
    struct sigaction sa = { 0 };
    abi_ulong handler = lu_sigact[tsig].handler;
    if (handler == LU_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else if (handler == LU_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_async;
        sa.sa_flags = SA_SIGINFO;
        sigfillset(&sa.sa_mask);
    }
    sigaction(h, &sa, NULL);
}

void lu_task_alloc_queue(LuTask *t)
{
    for (int s = 1; s <= 64; s++) {
        if (!t->queue[s].info) {
            t->queue[s].info = g_new0(LuSigInfo, 1);
        }
    }
}

void lu_signal_init(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* inherited dispositions (an ignored SIGPIPE, say) are the guest's too */
    for (int t = 1; t <= 64; t++) {
        int h = lu_target_to_host_signal(t);
        struct sigaction old;
        if (h && h != SIGSEGV && h != SIGBUS && sigaction(h, NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN) {
            lu_sigact[t].handler = LU_SIG_IGN;
        }
    }
    lu_task_alloc_queue(lu_task);
}

void lu_queue_fault(int sig, int code, abi_ulong addr)
{
    LuTask *t = lu_task;
    if (!t->sync) {
        t->sync = g_new0(LuSigInfo, 1);
    }
    memset(t->sync, 0, sizeof(*t->sync));
    t->sync->si_signo = sig;
    t->sync->si_code = code;
    t->sync->u.fault.addr = addr;
    t->signal_pending = 1;
}

/* ---- delivery ----------------------------------------------------------------- */

abi_ulong lu_sigframe_sp(CPUState *cpu, const LuSigAction *ka, abi_ulong sp)
{
    LuTask *t = lu_task;
    bool on_alt = t->ss_size && sp - t->ss_sp <= t->ss_size;
    if ((ka->flags & LU_SA_ONSTACK) && !(t->ss_flags & LU_SS_DISABLE) && !on_alt) {
        return t->ss_sp + t->ss_size;
    }
    return sp;
}

static bool default_ignores(int sig)
{
    return sig == TARGET_SIGCHLD || sig == TARGET_SIGURG || sig == TARGET_SIGWINCH ||
           sig == TARGET_SIGCONT;
}

static void deliver(CPUState *cpu, int sig, LuSigInfo *info, bool sync)
{
    LuTask *t = lu_task;
    /* an attached debugger sees every signal first and may drop or change it */
    if ((sig = gdb_user_handlesig(cpu, sig)) == 0) {
        return;
    }
    pthread_mutex_lock(&sigact_lock);
    LuSigAction ka = lu_sigact[sig];
    if (ka.handler > LU_SIG_IGN && (ka.flags & LU_SA_RESETHAND)) {
        lu_sigact[sig].handler = LU_SIG_DFL;
        install_host(sig);
    }
    pthread_mutex_unlock(&sigact_lock);

    if (ka.handler == LU_SIG_IGN && !sync) {
        return;
    }
    if (ka.handler == LU_SIG_DFL || ka.handler == LU_SIG_IGN) {
        if (!sync && default_ignores(sig)) {
            return;
        }
        if (!sync && (sig == TARGET_SIGTSTP || sig == TARGET_SIGTTIN || sig == TARGET_SIGTTOU)) {
            kill(getpid(), SIGSTOP);
            return;
        }
        die_with_signal(sig);
    }
    uint64_t old = t->has_saved_sigmask ? t->saved_sigmask : t->sigmask;
    t->has_saved_sigmask = false;
    if (!lu_arch_setup_frame(cpu, sig, &ka, info, old, ka.flags & LU_SA_SIGINFO)) {
        die_with_signal(TARGET_SIGSEGV);
    }
    t->sigmask |= ka.mask;
    if (!(ka.flags & LU_SA_NODEFER)) {
        t->sigmask |= 1ull << (sig - 1);
    }
    t->sigmask &= ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
}

void lu_process_signals(CPUState *cpu)
{
    LuTask *t = lu_task;
    gdb_user_checkpoint(cpu);      /* parks while the debugger holds the process */
    if (!t->signal_pending) {
        return;
    }
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    t->signal_pending = 0;
    t->wake = 0;
    if (t->sync && t->sync->si_signo) {
        LuSigInfo info = *t->sync;
        t->sync->si_signo = 0;
        int sig = info.si_signo;
        if (t->sigmask & (1ull << (sig - 1))) {
            /* a blocked synchronous fault kills, as in the kernel */
            die_with_signal(sig);
        }
        deliver(cpu, sig, &info, true);
    }
    for (int sig = 1; sig <= 64; sig++) {
        LuSigQueue *q = &t->queue[sig];
        if (!q->pending) {
            continue;
        }
        if (t->sigmask & (1ull << (sig - 1))) {
            t->signal_pending = 1;     /* stays queued until unblocked */
            continue;
        }
        qlock(t);
        LuSigInfo info = *q->info;
        q->pending = false;
        qunlock(t);
        deliver(cpu, sig, &info, false);
    }
    if (t->has_saved_sigmask) {
        t->sigmask = t->saved_sigmask;
        t->has_saved_sigmask = false;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* True when the first deliverable signal wants an interrupted syscall restarted. */
bool lu_signal_restart_ok(void)
{
    LuTask *t = lu_task;
    for (int sig = 1; sig <= 64; sig++) {
        if (t->queue[sig].pending && !(t->sigmask & (1ull << (sig - 1)))) {
            LuSigAction *ka = &lu_sigact[sig];
            return ka->handler <= LU_SIG_IGN || (ka->flags & LU_SA_RESTART);
        }
    }
    return true;
}

/* Any signal the guest would take now (sigsuspend's and pause's wake-up test). */
bool lu_signal_deliverable(void)
{
    LuTask *t = lu_task;
    for (int sig = 1; sig <= 64; sig++) {
        if (t->queue[sig].pending && !(t->sigmask & (1ull << (sig - 1)))) {
            return true;
        }
    }
    return false;
}

/* ---- the syscalls ----------------------------------------------------------------- */

abi_long lu_sys_rt_sigaction(LuCall *c)
{
    int sig = (int)c->a[0];
    if (sig < 1 || sig > 64 || c->a[3] != TARGET_NSIG_BYTES) {
        return -EINVAL;
    }
    struct target_sigaction ts;
    if (c->a[1] && (sig == TARGET_SIGKILL || sig == TARGET_SIGSTOP)) {
        return -EINVAL;
    }
    if (c->a[1] && lu_copy_from(&ts, c->a[1], sizeof(ts))) {
        return -EFAULT;
    }
    pthread_mutex_lock(&sigact_lock);
    LuSigAction old = lu_sigact[sig];
    if (c->a[1]) {
        LuSigAction *ka = &lu_sigact[sig];
        ka->handler = tswapal(ts.handler);
        ka->flags = tswapal(ts.flags);
#ifdef TARGET_SA_RESTORER
        ka->restorer = (ka->flags & TARGET_SA_RESTORER) ? tswapal(ts.restorer) : 0;
#endif
        ka->mask = tswap32(ts.mask[0]) | (uint64_t)tswap32(ts.mask[1]) << 32;
        install_host(sig);
    }
    pthread_mutex_unlock(&sigact_lock);
    if (c->a[2]) {
        struct target_sigaction o = {
            .handler = tswapal(old.handler),
            .flags = tswapal(old.flags),
#ifdef TARGET_SA_RESTORER
            .restorer = tswapal(old.restorer),
#endif
            .mask = { tswap32((uint32_t)old.mask), tswap32((uint32_t)(old.mask >> 32)) },
        };
        if (lu_copy_to(c->a[2], &o, sizeof(o))) {
            return -EFAULT;
        }
    }
    return 0;
}

static int get_sigset(abi_ulong addr, uint64_t *m)
{
    uint32_t w[2];
    if (lu_copy_from(w, addr, 8)) {
        return -EFAULT;
    }
    *m = tswap32(w[0]) | (uint64_t)tswap32(w[1]) << 32;
    return 0;
}

static int put_sigset(abi_ulong addr, uint64_t m)
{
    /* signals above 64 (MIPS has 128) are never pending or blocked here */
    uint32_t w[TARGET_NSIG_BYTES / 4] = { tswap32((uint32_t)m), tswap32((uint32_t)(m >> 32)) };
    return lu_copy_to(addr, w, sizeof(w));
}

abi_long lu_sys_rt_sigprocmask(LuCall *c)
{
    LuTask *t = lu_task;
    uint64_t old = t->sigmask, set;
    if (c->a[3] != TARGET_NSIG_BYTES) {
        return -EINVAL;
    }
    if (c->a[1]) {
        if (get_sigset(c->a[1], &set)) {
            return -EFAULT;
        }
        switch ((int)c->a[0]) {
        case TARGET_SIG_BLOCK:
            t->sigmask |= set;
            break;
        case TARGET_SIG_UNBLOCK:
            t->sigmask &= ~set;
            break;
        case TARGET_SIG_SETMASK:
            t->sigmask = set;
            break;
        default:
            return -EINVAL;
        }
        t->sigmask &= ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
        lu_signal_recheck();
    }
    if (c->a[2] && put_sigset(c->a[2], old)) {
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_rt_sigpending(LuCall *c)
{
    LuTask *t = lu_task;
    uint64_t m = 0;
    for (int sig = 1; sig <= 64; sig++) {
        if (t->queue[sig].pending) {
            m |= 1ull << (sig - 1);
        }
    }
    return put_sigset(c->a[0], m & t->sigmask) ? -EFAULT : 0;
}

/* Wait with host signals unblocked until the guest has a deliverable signal. */
static void wait_for_signal(void)
{
    sigset_t all, none, old;
    sigfillset(&all);
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    while (!lu_signal_deliverable()) {
        sigsuspend(&none);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

abi_long lu_sys_rt_sigsuspend(LuCall *c)
{
    LuTask *t = lu_task;
    uint64_t set;
    if (c->a[1] != TARGET_NSIG_BYTES) {
        return -EINVAL;
    }
    if (get_sigset(c->a[0], &set)) {
        return -EFAULT;
    }
    t->saved_sigmask = t->sigmask;
    t->has_saved_sigmask = true;
    t->sigmask = set & ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
    wait_for_signal();
    t->signal_pending = 1;
    return -EINTR;
}

abi_long lu_sys_pause(LuCall *c)
{
    wait_for_signal();
    lu_task->signal_pending = 1;
    return -EINTR;
}

abi_long lu_sys_rt_sigtimedwait(LuCall *c);
static abi_long sigtimedwait_common(LuCall *c, bool time64)
{
    LuTask *t = lu_task;
    uint64_t set;
    if (get_sigset(c->a[0], &set)) {
        return -EFAULT;
    }
    struct timespec ts, *tsp = NULL;
    if (c->a[2]) {
        if (time64) {
            int64_t w[2];
            if (lu_copy_from(w, c->a[2], 16)) {
                return -EFAULT;
            }
            ts.tv_sec = tswap64(w[0]);
            ts.tv_nsec = tswap64(w[1]);
        } else {
            abi_long w[2];
            if (lu_copy_from(w, c->a[2], sizeof(w))) {
                return -EFAULT;
            }
            ts.tv_sec = (abi_long)tswapal(w[0]);
            ts.tv_nsec = (abi_long)tswapal(w[1]);
        }
        tsp = &ts;
    }
    sigset_t all, old, hset;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    LuSigInfo info;
    int got = 0;
    for (int sig = 1; sig <= 64 && !got; sig++) {
        if (t->queue[sig].pending && (set >> (sig - 1) & 1)) {
            qlock(t);
            info = *t->queue[sig].info;
            t->queue[sig].pending = false;
            qunlock(t);
            got = sig;
        }
    }
    abi_long r;
    if (got) {
        r = got;
    } else {
        lu_target_to_host_sigset(&hset, set);
        siginfo_t hi;
        int h = sigtimedwait(&hset, &hi, tsp);
        if (h < 0) {
            r = lu_errno(errno);
        } else {
            lu_host_to_target_siginfo(&info, &hi);
            r = got = lu_host_to_target_signal(h);
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (got && c->a[1] && lu_put_siginfo(c->a[1], &info)) {
        return -EFAULT;
    }
    return r;
}

abi_long lu_sys_rt_sigtimedwait(LuCall *c)
{
    return sigtimedwait_common(c, false);
}

abi_long lu_sys_rt_sigtimedwait_time64(LuCall *c)
{
    return sigtimedwait_common(c, true);
}

abi_long lu_sys_rt_sigqueueinfo(LuCall *c)
{
    int h = lu_target_to_host_signal((int)c->a[1]);
    if (!h) {
        return -EINVAL;
    }
    return lu_ret(kill((pid_t)c->a[0], h));
}

abi_long lu_sys_sigaltstack(LuCall *c)
{
    LuTask *t = lu_task;
    abi_ulong sp = lu_arch_get_sp(c->cpu);
    bool on = t->ss_size && sp - t->ss_sp <= t->ss_size;
    const unsigned W = sizeof(abi_ulong);
    if (c->a[1]) {
        abi_ulong w[3];
        if (lu_copy_from(w, c->a[1], 3 * W)) {
            return -EFAULT;
        }
        w[0] = on ? LU_SS_ONSTACK : (t->ss_flags & LU_SS_DISABLE) ? LU_SS_DISABLE : 0;
        /* stack_t: ss_sp, ss_flags (int), ss_size (MIPS: ss_sp, ss_size, ss_flags) */
        uint8_t buf[3 * sizeof(abi_ulong)] = { 0 };
        abi_ulong v = tswapal(t->ss_sp);
        memcpy(buf, &v, W);
        uint32_t f = tswap32((uint32_t)w[0]);
        memcpy(buf + TARGET_SS_FLAGS_OFF, &f, 4);
        v = tswapal(t->ss_size);
        memcpy(buf + TARGET_SS_SIZE_OFF, &v, W);
        if (lu_copy_to(c->a[1], buf, sizeof(buf))) {
            return -EFAULT;
        }
    }
    if (c->a[0]) {
        uint8_t buf[3 * sizeof(abi_ulong)];
        if (lu_copy_from(buf, c->a[0], sizeof(buf))) {
            return -EFAULT;
        }
        abi_ulong ssp, ssize;
        uint32_t flags;
        memcpy(&ssp, buf, W);
        memcpy(&flags, buf + TARGET_SS_FLAGS_OFF, 4);
        memcpy(&ssize, buf + TARGET_SS_SIZE_OFF, W);
        ssp = tswapal(ssp);
        ssize = tswapal(ssize);
        flags = tswap32(flags);
        if (on) {
            return -EPERM;
        }
        if (flags & ~(LU_SS_DISABLE | 0x80000000u)) {
            return -EINVAL;
        }
        if (flags & LU_SS_DISABLE) {
            t->ss_sp = t->ss_size = 0;
            t->ss_flags = LU_SS_DISABLE;
        } else {
            if (ssize < 2048) {
                return -ENOMEM;
            }
            t->ss_sp = ssp;
            t->ss_size = ssize;
            t->ss_flags = 0;
        }
    }
    return 0;
}

abi_long lu_sys_sigreturn(LuCall *c)
{
    return lu_arch_sigreturn(c->cpu, false);
}

abi_long lu_sys_rt_sigreturn(LuCall *c)
{
    return lu_arch_sigreturn(c->cpu, true);
}

abi_long lu_sys_kill(LuCall *c)
{
    int sig = (int)c->a[1];
    int h = sig ? lu_target_to_host_signal(sig) : 0;
    if (sig && !h) {
        return -EINVAL;
    }
    return lu_ret(kill((pid_t)c->a[0], h));
}

abi_long lu_sys_tkill(LuCall *c)
{
    int sig = (int)c->a[1];
    int h = sig ? lu_target_to_host_signal(sig) : 0;
    return lu_ret(syscall(SYS_tkill, (int)c->a[0], h));
}

abi_long lu_sys_tgkill(LuCall *c)
{
    int sig = (int)c->a[2];
    int h = sig ? lu_target_to_host_signal(sig) : 0;
    return lu_ret(syscall(SYS_tgkill, (int)c->a[0], (int)c->a[1], h));
}
