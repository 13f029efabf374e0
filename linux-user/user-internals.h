/*
 * user-internals.h — what the generic linux-user files share: the process
 * image, the per-thread task, guest memory access with checks, the syscall
 * table's shape, signals.  Target-neutral; target.h brings the guest ABI.
 *
 * Conventions: guest addresses are abi_ulong; a syscall handler returns the
 * guest's result, a negative target errno on failure (lu_errno() converts a
 * host errno).  Guest memory is reached only through lu_lock()/lu_copy_*()
 * so that an unmapped guest pointer is -EFAULT, never a host crash.
 */
#ifndef LINUX_USER_INTERNALS_H
#define LINUX_USER_INTERNALS_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "linux-user/target.h"
#include "tcg/tcg.h"
#include "util/bitops.h"

/*
 * Signal numbers and signal ABI details as the guest has them.  The generic
 * Linux values (x86, ARM) are the host's; a target with its own (MIPS)
 * defines TARGET_HAS_SIGNAL_MAP and all of these in its target-abi.h.
 */
#ifndef TARGET_HAS_SIGNAL_MAP
#define TARGET_SIGQUIT SIGQUIT
#define TARGET_SIGILL SIGILL
#define TARGET_SIGTRAP SIGTRAP
#define TARGET_SIGABRT SIGABRT
#define TARGET_SIGFPE SIGFPE
#define TARGET_SIGKILL SIGKILL
#define TARGET_SIGBUS SIGBUS
#define TARGET_SIGSEGV SIGSEGV
#define TARGET_SIGSYS SIGSYS
#define TARGET_SIGCHLD SIGCHLD
#define TARGET_SIGWINCH SIGWINCH
#define TARGET_SIGURG SIGURG
#define TARGET_SIGIO SIGIO
#define TARGET_SIGSTOP SIGSTOP
#define TARGET_SIGTSTP SIGTSTP
#define TARGET_SIGCONT SIGCONT
#define TARGET_SIGTTIN SIGTTIN
#define TARGET_SIGTTOU SIGTTOU
#define TARGET_SIGXCPU SIGXCPU
#define TARGET_SIGXFSZ SIGXFSZ
#define TARGET_SIG_BLOCK SIG_BLOCK
#define TARGET_SIG_UNBLOCK SIG_UNBLOCK
#define TARGET_SIG_SETMASK SIG_SETMASK
#endif
/* SOL_SOCKET as the guest numbers it (MIPS: 0xffff), for control messages. */
#ifndef TARGET_SOL_SOCKET
#define TARGET_SOL_SOCKET SOL_SOCKET
#endif
/* The size of the kernel's sigset_t (rt_sigprocmask's sigsetsize). */
#ifndef TARGET_NSIG_BYTES
#define TARGET_NSIG_BYTES 8
#endif
/* stack_t: ss_sp, then ss_flags and ss_size at these offsets. */
#ifndef TARGET_SS_FLAGS_OFF
#define TARGET_SS_FLAGS_OFF (TARGET_ABI_BITS / 8)
#define TARGET_SS_SIZE_OFF (2 * (TARGET_ABI_BITS / 8))
#endif

#define TARGET_PAGE_SIZE ((abi_ulong)1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))
#define TARGET_PAGE_ALIGN(a) (((a) + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK)

/* ---- byte order ------------------------------------------------------------ */

static inline uint16_t tswap16(uint16_t v) { return TARGET_BIG_ENDIAN ? __builtin_bswap16(v) : v; }
static inline uint32_t tswap32(uint32_t v) { return TARGET_BIG_ENDIAN ? __builtin_bswap32(v) : v; }
static inline uint64_t tswap64(uint64_t v) { return TARGET_BIG_ENDIAN ? __builtin_bswap64(v) : v; }
#if TARGET_ABI_BITS == 32
#define tswapal(v) tswap32(v)
#else
#define tswapal(v) tswap64(v)
#endif

/* ---- guest memory ---------------------------------------------------------- */

static inline void *g2h(abi_ulong addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

static inline abi_ulong h2g(const void *p)
{
    return (abi_ulong)((uintptr_t)p - guest_base);
}

/*
 * The host address of [addr, addr + len) when the guest may access it
 * (write: also makes pages holding translated code writable again, since
 * the host kernel must be able to store there); NULL otherwise.
 */
void *lu_lock(abi_ulong addr, size_t len, bool write);
/* Copies with the same checks; 0 or -EFAULT (target value). */
int lu_copy_from(void *dst, abi_ulong src, size_t len);
int lu_copy_to(abi_ulong dst, const void *src, size_t len);
/* A guest NUL-terminated string checked page by page; NULL when it leaves mapped memory. */
const char *lu_lock_string(abi_ulong addr);
/* Guest words (in guest byte order) read and written with checks; 0 or -EFAULT. */
int lu_get_ulong(abi_ulong addr, abi_ulong *v);
int lu_put_ulong(abi_ulong addr, abi_ulong v);
int lu_put_u32(abi_ulong addr, uint32_t v);

/* ---- the address space (mmap.c) ----------------------------------------------- */

/* Reserve the guest address space and set guest_base. */
bool lu_mmap_init(Error **errp);
/* The guest's mmap/munmap/mprotect/mremap; guest errno on failure (negative). */
abi_long lu_mmap(abi_ulong addr, abi_ulong len, int prot, int flags, int fd, uint64_t off);
abi_long lu_munmap(abi_ulong addr, abi_ulong len);
abi_long lu_mprotect(abi_ulong addr, abi_ulong len, int prot);
abi_long lu_mremap(abi_ulong old, abi_ulong old_len, abi_ulong new_len, int flags,
                   abi_ulong new_addr);
/* A free guest range of len bytes at or above start (0: none). */
abi_ulong lu_mmap_find(abi_ulong start, abi_ulong len);
/* brk: set the initial break, and the syscall. */
void lu_brk_init(abi_ulong brk);
abi_ulong lu_brk(abi_ulong brk);
/* Print the guest's mappings as /proc/self/maps does. */
void lu_mmap_print_maps(FILE *f);

/* ---- the image (elfload.c) ------------------------------------------------------ */

struct LuImage {
    abi_ulong entry;           /* where the process starts (the interpreter's entry if any) */
    abi_ulong exe_entry;       /* AT_ENTRY: the program's own entry */
    abi_ulong load_bias;       /* added to the program's p_vaddr (PIE) */
    abi_ulong phdr;            /* AT_PHDR */
    unsigned phnum, phent;
    abi_ulong interp_base;     /* AT_BASE (0: static) */
    abi_ulong start_brk;
    abi_ulong stack_top;       /* initial guest sp */
    abi_ulong auxv, auxv_len;  /* where the auxiliary vector sits on the stack */
    abi_ulong arg_start, arg_end, env_start, env_end;
    char *exe_path;            /* absolute host path of the executable (/proc/self/exe) */
};

/*
 * Load the executable at path (ELF, or a #! script run by its interpreter),
 * build the initial stack with argv/envp/auxv.  argv[0] is what the guest sees.
 */
bool lu_load_image(const char *path, char **argv, char **envp, CPUState *cpu, LuImage *img,
                   Error **errp);

/* ---- paths and files --------------------------------------------------------------- */

/* The -L prefix (NULL: none). */
extern const char *lu_sysroot;
/*
 * The path to use for a guest absolute path: inside the sysroot when it
 * exists there, else the host's — except the loader's own configuration
 * (/etc/ld.so.cache, /etc/ld.so.preload), which comes only from the sysroot
 * so that a guest loader never picks libraries of another glibc build.
 */
const char *lu_path(const char *guest_path, char *buf, size_t bufsize);
/* /proc/self/... and /proc/cpuinfo: a host fd with the guest's view, or -2 when not faked. */
int lu_fake_open(const char *path, int flags, int mode);
/* readlink of /proc/self/exe: the guest's executable; -2 when not faked. */
ssize_t lu_fake_readlink(const char *path, char *buf, size_t size);

/*
 * Descriptors whose data are host integers: eventfd and timerfd counters
 * (8 bytes), inotify event headers.  read() and write() byte-swap them for
 * a big-endian guest.  The kind is noted when the descriptor is made and
 * forgotten when it is closed (a dup()ed copy is not followed).
 */
typedef enum LuFdKind {
    LU_FD_PLAIN = 0,
    LU_FD_COUNTER,                 /* eventfd, timerfd: one uint64_t per read/write */
    LU_FD_INOTIFY,                 /* struct inotify_event records */
} LuFdKind;
/* Note fd's kind (fd < 0: ignored, so a failed creation can be passed through). */
void lu_fd_set_kind(long fd, LuFdKind kind);

/* ---- processes and threads ---------------------------------------------------------- */

typedef struct LuSigQueue {
    bool pending;              /* a signal of this number waits for delivery */
    LuSigInfo *info;           /* its siginfo (target layout, host order), owned */
} LuSigQueue;

/* Per guest thread. */
typedef struct LuTask {
    CPUState *cpu;
    int tid;
    abi_ulong clear_child_tid;     /* CLONE_CHILD_CLEARTID / set_tid_address */
    abi_ulong robust_list;
    uint64_t sigmask;              /* guest blocked signals, bit (sig - 1) */
    uint64_t saved_sigmask;        /* sigsuspend: restored after the handler is set up */
    bool has_saved_sigmask;
    volatile int signal_pending;   /* some queue[] entry may be pending */
    int wake;                      /* a signal the guest does not block waits: blocking
                                      syscalls must not start (lu_safe_syscall) */
    LuSigQueue queue[65];          /* per target signal number */
    LuSigInfo *sync;               /* a synchronous fault to deliver first */
    abi_ulong ss_sp, ss_size;      /* sigaltstack */
    int ss_flags;
    int qlock;                     /* spinlock over queue[] (other threads forward into it) */
    struct LuTask *next;           /* every task of the process (signal.c), never unlinked */
    volatile int dead;             /* the thread exited */
} LuTask;

extern __thread LuTask *lu_task;
/* The process image, for /proc and execve. */
extern LuImage lu_image;
/* The emulator's own argv prefix for re-executing itself on guest execve. */
extern char **lu_exec_prefix;
extern int lu_exec_prefix_len;

LuTask *lu_task_new(CPUState *cpu);
/* The thread is gone: its task stays listed (signal handlers may be walking the list). */
void lu_task_exit(LuTask *t);
/* Terminate the whole process with the guest's status. */
void lu_exit_group(int status) __attribute__((noreturn));

/* ---- signals (signal.c) -------------------------------------------------------------- */

/* siginfo_t as the guest sees it: the common head and the union's first words. */
struct LuSigInfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    int32_t pad;
    union {
        struct { int32_t pid; uint32_t uid; int32_t status; int32_t utime, stime; } chld;
        struct { int32_t pid; uint32_t uid; abi_ulong value; } rt;
        struct { abi_ulong addr; } fault;
        struct { int32_t tid; int32_t overrun; abi_ulong value; } timer;
        struct { abi_long band; int32_t fd; } poll;
    } u;
};

struct LuSigAction {
    abi_ulong handler;             /* 0 = SIG_DFL, 1 = SIG_IGN */
    abi_ulong flags;               /* target SA_* */
    abi_ulong restorer;
    uint64_t mask;
};

#define LU_SIG_DFL 0
#define LU_SIG_IGN 1
#define LU_SA_NODEFER  0x40000000u
#define LU_SA_RESETHAND 0x80000000u
#define LU_SA_ONSTACK  0x08000000u
#ifdef TARGET_SA_SIGINFO
#define LU_SA_SIGINFO  TARGET_SA_SIGINFO
#else
#define LU_SA_SIGINFO  0x00000004u
#endif
#define LU_SA_RESTART  0x10000000u
#define LU_SS_ONSTACK  1
#define LU_SS_DISABLE  2

extern LuSigAction lu_sigact[65];

/* Install the host handlers (faults, and the guest's handled signals). */
void lu_signal_init(void);
/* Host <-> target signal numbers (0: no equivalent). */
int lu_host_to_target_signal(int sig);
int lu_target_to_host_signal(int sig);
/* Queue a synchronous fault for the current thread (cpu loop: SIGILL, SIGSEGV ...). */
void lu_queue_fault(int sig, int code, abi_ulong addr);
/* Deliver what is pending and unblocked; called by the cpu loop between cpu_exec runs. */
void lu_process_signals(CPUState *cpu);
/* Signal-related syscalls restore the mask after a sigsuspend-style wait. */
uint64_t lu_host_sigset_to_target(const sigset_t *s);
void lu_target_to_host_sigset(sigset_t *s, uint64_t mask);
/* The guest's alternate stack for a new frame: the sp to build below (sp unchanged if none). */
abi_ulong lu_sigframe_sp(CPUState *cpu, const LuSigAction *ka, abi_ulong sp);
/* Convert host siginfo into the guest's. */
void lu_host_to_target_siginfo(LuSigInfo *t, const siginfo_t *h);
/* Write a LuSigInfo into guest memory in the target's siginfo layout (128 bytes). */
int lu_put_siginfo(abi_ulong addr, const LuSigInfo *info);

/* ---- syscalls (syscall.c) ------------------------------------------------------------ */

/*
 * One call: the guest's arguments after the dispatcher assembled them by
 * kind (a 64-bit register pair is one argument here).
 */
typedef struct LuCall {
    CPUState *cpu;
    int num;                       /* the target's syscall number */
    uint64_t a[7];
} LuCall;

typedef abi_long LuSyscallFn(LuCall *c);

/*
 * A row of a target's syscall table.  args names each argument for
 * -strace and the dispatcher, one letter each:
 *   i int   u unsigned   x hex   p pointer   s string   o octal (modes)
 *   L a 64-bit value in a register pair (aligned as TARGET_REG_PAIR_ALIGN says)
 */
typedef struct LuSyscall {
    const char *name;
    const char *args;
    LuSyscallFn *fn;               /* NULL: -ENOSYS, logged under -d unimp */
} LuSyscall;

extern const LuSyscall lu_syscall_table[];
extern const unsigned lu_syscall_table_size;
/* Target-private syscalls (ARM: 0xf0000 +) the table does not index. */
const LuSyscall *lu_arch_syscall_lookup(int num);
/* The row of syscall num: the table's, else the target's private one; NULL when unknown. */
const LuSyscall *lu_syscall_lookup(int num);

/*
 * Run syscall num with the guest registers' argument words regs[0..6]; the
 * result in guest form.  LU_ERESTART asks the cpu loop to re-run the
 * syscall instruction (restart after a handler with SA_RESTART).
 */
abi_long lu_do_syscall(CPUState *cpu, int num, const abi_ulong *regs);
#define LU_ERESTART (-512)         /* kernel's ERESTARTSYS, never seen by the guest */
#define LU_ESIGRETURN (-513)       /* sigreturn: the registers are already set */

/* True when a syscall-style result (an address, a count) is an error code. */
static inline bool lu_is_error(abi_long r)
{
    return (abi_ulong)r >= (abi_ulong)-4095;
}

/* A host errno (positive) as the guest's negative result. */
abi_long lu_errno(int host_errno);
/* The host result r (with errno) as the guest sees it. */
static inline abi_long lu_ret(long r)
{
    return r < 0 ? lu_errno(errno) : (abi_long)r;
}

extern bool lu_strace;

/* Handler families (sys-*.c), referenced by the targets' tables. */
#define LU_SYSCALLS(X) \
    X(restart_syscall) X(exit) X(exit_group) X(fork) X(vfork) X(clone) X(execve) X(wait4) \
    X(waitid) X(read) X(write) X(open) X(openat) X(close) X(creat) X(link) X(linkat) \
    X(unlink) X(unlinkat) X(chdir) X(fchdir) X(mknod) X(mknodat) X(chmod) X(fchmod) \
    X(fchmodat) X(lchown) X(chown) X(fchown) X(fchownat) X(lseek) X(llseek) X(getpid) \
    X(getppid) X(gettid) X(getuid) X(geteuid) X(getgid) X(getegid) X(setuid) X(setgid) \
    X(setreuid) X(setregid) X(setresuid) X(setresgid) X(getresuid) X(getresgid) \
    X(getgroups) X(setgroups) X(access) X(faccessat) X(faccessat2) X(sync) X(kill) X(tkill) \
    X(tgkill) X(rename) X(renameat) X(renameat2) X(mkdir) X(mkdirat) X(rmdir) X(dup) \
    X(dup2) X(dup3) X(pipe) X(pipe2) X(times) X(brk) X(ioctl) X(fcntl) X(fcntl64) \
    X(setpgid) X(getpgid) X(getpgrp) X(setsid) X(getsid) X(umask) X(chroot) X(sethostname) \
    X(getrlimit) X(setrlimit) X(prlimit64) X(getrusage) X(gettimeofday) X(settimeofday) \
    X(symlink) X(symlinkat) X(readlink) X(readlinkat) X(mmap2) X(munmap) X(mprotect) \
    X(mremap) X(madvise) X(msync) X(mlock) X(munlock) X(truncate) X(ftruncate) \
    X(truncate64) X(ftruncate64) X(fsync) X(fdatasync) X(getpriority) X(setpriority) \
    X(statfs64) X(fstatfs64) X(stat64) X(lstat64) X(fstat64) X(fstatat64) X(statx) \
    X(uname) X(sysinfo) X(getdents64) X(select) X(pselect6) X(pselect6_time64) X(poll) \
    X(ppoll) X(ppoll_time64) X(readv) X(writev) X(pread64) X(pwrite64) X(preadv) \
    X(pwritev) X(sendfile64) X(getcwd) X(nanosleep) X(clock_nanosleep) \
    X(clock_nanosleep_time64) X(clock_gettime) X(clock_gettime64) X(clock_getres) \
    X(clock_getres_time64) X(time) X(sched_yield) X(sched_getaffinity) \
    X(sched_setaffinity) X(sched_getparam) X(sched_getscheduler) X(sched_get_priority_max) \
    X(sched_get_priority_min) X(futex) X(futex_time64) X(set_tid_address) \
    X(set_robust_list) X(get_robust_list) X(rt_sigaction) X(rt_sigprocmask) \
    X(rt_sigpending) X(rt_sigsuspend) X(rt_sigtimedwait) X(rt_sigtimedwait_time64) \
    X(rt_sigqueueinfo) X(sigaltstack) X(sigreturn) X(rt_sigreturn) X(pause) X(alarm) \
    X(setitimer) X(getitimer) X(prctl) X(getrandom) X(utimensat) X(utimensat_time64) \
    X(socket) X(socketpair) X(bind) X(connect) X(listen) X(accept) X(accept4) \
    X(getsockname) X(getpeername) X(sendto) X(recvfrom) X(send) X(recv) X(shutdown) \
    X(setsockopt) X(getsockopt) X(sendmsg) X(recvmsg) X(epoll_create) X(epoll_create1) \
    X(epoll_ctl) X(epoll_wait) X(epoll_pwait) X(eventfd) X(eventfd2) X(flock) X(fadvise64_64) \
    X(fallocate) X(membarrier) X(rseq) X(copy_file_range) X(memfd_create) \
    X(personality) X(capget) X(capset) X(inotify_init) X(inotify_init1) X(inotify_add_watch) \
    X(inotify_rm_watch) X(timerfd_create) X(timerfd_settime) X(timerfd_settime64) \
    X(timerfd_gettime) X(timerfd_gettime64) X(splice) X(tee) X(sync_file_range2) X(getcpu) \
    X(mlockall) X(munlockall) X(sched_setparam) X(sched_setscheduler) \
    X(sched_rr_get_interval) X(mount) X(umount2) X(statfs) X(fstatfs) X(nice) X(syncfs) \
    X(readahead) X(close_range) X(pidfd_open) X(setfsuid) X(setfsgid) X(clock_settime)

#define LU_DECLARE_SYSCALL(name) abi_long lu_sys_##name(LuCall *c);
LU_SYSCALLS(LU_DECLARE_SYSCALL)

/*
 * A host syscall that may block, started only when no guest signal waits for
 * delivery and aborted (-EINTR) when one arrives before it enters the
 * kernel.  Returns the raw result: -errno on failure.
 */
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define lu_safe6(nr, a, b, c, d, e, f) \
    lu_safe_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
/* The guest's result of a raw host result. */
static inline abi_long lu_raw_ret(long r)
{
    return r < 0 && r >= -4095 ? lu_errno((int)-r) : (abi_long)r;
}
/* struct timespec as the guest's 32-bit (two words) or _time64 (two int64) form; 0 or -EFAULT. */
int lu_get_timespec(abi_ulong addr, struct timespec *ts, bool time64);
int lu_put_timespec(abi_ulong addr, const struct timespec *ts, bool time64);

/* After the guest mask changed: note the signals that became deliverable. */
void lu_signal_recheck(void);

/* signal.c helpers for the cpu loops and the syscall layer. */
void lu_task_alloc_queue(LuTask *t);
bool lu_signal_restart_ok(void);
bool lu_signal_deliverable(void);

/* Log an unimplemented feature under -d unimp. */
void lu_log_unimp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
