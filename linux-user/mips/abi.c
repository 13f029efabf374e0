/*
 * abi.c — where the MIPS Linux ABI numbers things differently from the
 * generic ABI the host and the generic handlers use, and the MIPS-only
 * system calls.
 *
 * Each difference has one table here: errno values (applied by the cpu loop
 * to every syscall result), signal numbers (the map behind
 * lu_host_to_target_signal), mmap flags, socket types and SOL_SOCKET
 * options, fcntl commands, tty ioctl numbers and the termios layout.  The
 * wrappers translate the guest's arguments into host values, then call the
 * generic handler (sys-*.c), and translate back what comes out in guest
 * memory.  open() flags are in target-abi.h (TARGET_OPEN_FLAG_MAP), since
 * sys-file.c applies them itself.
 */
#include "linux-user/mips/target-mips.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>

/* ---- errno ------------------------------------------------------------------------ */

/* Host errno -> MIPS errno where they differ (asm/errno.h); 1..34 are the same. */
static const uint16_t errno_map[134] = {
    [EDEADLK] = 45, [ENAMETOOLONG] = 78, [ENOLCK] = 46, [ENOSYS] = 89, [ENOTEMPTY] = 93,
    [ELOOP] = 90, [ENOMSG] = 35, [EIDRM] = 36, [ECHRNG] = 37, [EL2NSYNC] = 38, [EL3HLT] = 39,
    [EL3RST] = 40, [ELNRNG] = 41, [EUNATCH] = 42, [ENOCSI] = 43, [EL2HLT] = 44, [EBADE] = 50,
    [EBADR] = 51, [EXFULL] = 52, [ENOANO] = 53, [EBADRQC] = 54, [EBADSLT] = 55, [EMULTIHOP] = 74,
    [EBADMSG] = 77, [EOVERFLOW] = 79, [ENOTUNIQ] = 80, [EBADFD] = 81, [EREMCHG] = 82,
    [ELIBACC] = 83, [ELIBBAD] = 84, [ELIBSCN] = 85, [ELIBMAX] = 86, [ELIBEXEC] = 87, [EILSEQ] = 88,
    [ERESTART] = 91, [ESTRPIPE] = 92, [EUSERS] = 94, [ENOTSOCK] = 95, [EDESTADDRREQ] = 96,
    [EMSGSIZE] = 97, [EPROTOTYPE] = 98, [ENOPROTOOPT] = 99, [EPROTONOSUPPORT] = 120,
    [ESOCKTNOSUPPORT] = 121, [EOPNOTSUPP] = 122, [EPFNOSUPPORT] = 123, [EAFNOSUPPORT] = 124,
    [EADDRINUSE] = 125, [EADDRNOTAVAIL] = 126, [ENETDOWN] = 127, [ENETUNREACH] = 128,
    [ENETRESET] = 129, [ECONNABORTED] = 130, [ECONNRESET] = 131, [ENOBUFS] = 132, [EISCONN] = 133,
    [ENOTCONN] = 134, [ESHUTDOWN] = 143, [ETOOMANYREFS] = 144, [ETIMEDOUT] = 145,
    [ECONNREFUSED] = 146, [EHOSTDOWN] = 147, [EHOSTUNREACH] = 148, [EALREADY] = 149,
    [EINPROGRESS] = 150, [ESTALE] = 151, [EUCLEAN] = 135, [ENOTNAM] = 137, [ENAVAIL] = 138,
    [EISNAM] = 139, [EREMOTEIO] = 140, [EDQUOT] = 1133, [ENOMEDIUM] = 159, [EMEDIUMTYPE] = 160,
    [ECANCELED] = 158, [ENOKEY] = 161, [EKEYEXPIRED] = 162, [EKEYREVOKED] = 163,
    [EKEYREJECTED] = 164, [EOWNERDEAD] = 165, [ENOTRECOVERABLE] = 166, [ERFKILL] = 167,
};

int lu_mips_errno(int host_errno)
{
    if (host_errno > 0 && (size_t)host_errno < ARRAY_SIZE(errno_map) && errno_map[host_errno]) {
        return errno_map[host_errno];
    }
    return host_errno;
}

/* ---- signals ----------------------------------------------------------------------- */

/*
 * MIPS signal number by host number (0: none); real-time signals 32..64 are
 * the same.  MIPS has SIGEMT where x86 has SIGSTKFLT, which nothing on the
 * host raises: it carries SIGEMT.
 */
static const uint8_t sig_h2t[32] = {
    [SIGSTKFLT] = TARGET_SIGEMT,
    [SIGHUP] = TARGET_SIGHUP, [SIGINT] = TARGET_SIGINT, [SIGQUIT] = TARGET_SIGQUIT,
    [SIGILL] = TARGET_SIGILL, [SIGTRAP] = TARGET_SIGTRAP, [SIGABRT] = TARGET_SIGABRT,
    [SIGBUS] = TARGET_SIGBUS, [SIGFPE] = TARGET_SIGFPE, [SIGKILL] = TARGET_SIGKILL,
    [SIGUSR1] = TARGET_SIGUSR1, [SIGSEGV] = TARGET_SIGSEGV, [SIGUSR2] = TARGET_SIGUSR2,
    [SIGPIPE] = TARGET_SIGPIPE, [SIGALRM] = TARGET_SIGALRM, [SIGTERM] = TARGET_SIGTERM,
    [SIGCHLD] = TARGET_SIGCHLD, [SIGCONT] = TARGET_SIGCONT, [SIGSTOP] = TARGET_SIGSTOP,
    [SIGTSTP] = TARGET_SIGTSTP, [SIGTTIN] = TARGET_SIGTTIN, [SIGTTOU] = TARGET_SIGTTOU,
    [SIGURG] = TARGET_SIGURG, [SIGXCPU] = TARGET_SIGXCPU, [SIGXFSZ] = TARGET_SIGXFSZ,
    [SIGVTALRM] = TARGET_SIGVTALRM, [SIGPROF] = TARGET_SIGPROF, [SIGWINCH] = TARGET_SIGWINCH,
    [SIGIO] = TARGET_SIGIO, [SIGPWR] = TARGET_SIGPWR, [SIGSYS] = TARGET_SIGSYS,
};

int lu_arch_signal_to_target(int h)
{
    if (h >= 32 && h <= 64) {
        return h;
    }
    return h >= 1 && h < 32 ? sig_h2t[h] : 0;
}

int lu_arch_signal_to_host(int t)
{
    if (t >= 32 && t <= 64) {
        return t;
    }
    for (int h = 1; h < 32; h++) {
        if (t >= 1 && sig_h2t[h] == t) {
            return h;
        }
    }
    return 0;
}

/* ---- flags ------------------------------------------------------------------------- */

typedef struct FlagMap {
    unsigned t, h;
} FlagMap;

static unsigned flags_t2h(const FlagMap *m, size_t n, unsigned t)
{
    unsigned h = t;
    for (size_t i = 0; i < n; i++) {
        h &= ~m[i].t;
    }
    for (size_t i = 0; i < n; i++) {
        if (t & m[i].t) {
            h |= m[i].h;
        }
    }
    return h;
}

/* mmap flags (asm/mman.h): MAP_SHARED/PRIVATE/FIXED are the host's. */
static const FlagMap mmap_flags[] = {
    { 0x0800, MAP_ANONYMOUS }, { 0x0400, MAP_NORESERVE }, { 0x1000, MAP_GROWSDOWN },
    { 0x2000, MAP_DENYWRITE }, { 0x4000, MAP_EXECUTABLE }, { 0x8000, MAP_LOCKED },
    { 0x10000, MAP_POPULATE }, { 0x20000, MAP_NONBLOCK }, { 0x40000, MAP_STACK },
    { 0x80000, MAP_HUGETLB }, { 0x100000, MAP_FIXED_NOREPLACE },
};

/* The "nonblocking" bit of socket(), eventfd2, inotify_init1, timerfd: O_NONBLOCK's value. */
static const FlagMap nonblock_flags[] = {
    { TARGET_O_NONBLOCK, O_NONBLOCK },
};

static int nonblock_t2h(int t)
{
    return (int)flags_t2h(nonblock_flags, ARRAY_SIZE(nonblock_flags), (unsigned)t);
}

abi_long lu_mips_sys_mmap(LuCall *c)
{
    int flags = (int)flags_t2h(mmap_flags, ARRAY_SIZE(mmap_flags), (unsigned)c->a[3]);
    return lu_mmap(c->a[0], c->a[1], (int)c->a[2], flags, (int)c->a[4], c->a[5]);
}

abi_long lu_mips_sys_mmap2(LuCall *c)
{
    /* mmap2's offset is in 4096-byte units */
    int flags = (int)flags_t2h(mmap_flags, ARRAY_SIZE(mmap_flags), (unsigned)c->a[3]);
    return lu_mmap(c->a[0], c->a[1], (int)c->a[2], flags, (int)c->a[4], (uint64_t)c->a[5] << 12);
}

/* ---- sockets ----------------------------------------------------------------------- */

/* Socket types: STREAM and DGRAM swapped (asm/socket.h). */
static int sock_type_t2h(int t)
{
    int base = t & 0xf, h;
    switch (base) {
    case 1:
        h = SOCK_DGRAM;
        break;
    case 2:
        h = SOCK_STREAM;
        break;
    default:
        h = base;
        break;
    }
    return h | nonblock_t2h(t & ~0xf);
}

static int sock_type_h2t(int h)
{
    return h == SOCK_STREAM ? 2 : h == SOCK_DGRAM ? 1 : h;
}

/* SOL_SOCKET options MIPS numbers its own way: { MIPS, host }. */
static const struct { int t, h; } sockopt_map[] = {
    { 0x0004, SO_REUSEADDR }, { 0x0008, SO_KEEPALIVE }, { 0x0010, SO_DONTROUTE },
    { 0x0020, SO_BROADCAST }, { 0x0080, SO_LINGER }, { 0x0100, SO_OOBINLINE },
    { 0x0200, SO_REUSEPORT }, { 0x1008, SO_TYPE }, { 0x1007, SO_ERROR },
    { 0x1001, SO_SNDBUF }, { 0x1002, SO_RCVBUF }, { 0x1003, SO_SNDLOWAT },
    { 0x1004, SO_RCVLOWAT }, { 0x1005, SO_SNDTIMEO_OLD }, { 0x1006, SO_RCVTIMEO_OLD },
    { 0x1009, SO_ACCEPTCONN }, { 0x1028, SO_PROTOCOL }, { 0x1029, SO_DOMAIN },
    { 17, SO_PASSCRED }, { 18, SO_PEERCRED }, { 30, SO_PEERSEC }, { 31, SO_SNDBUFFORCE },
};

/* Rewrite (level, name) in c->a[1], c->a[2] to the host's. */
static void sockopt_t2h(LuCall *c)
{
    if ((int)c->a[1] != TARGET_SOL_SOCKET) {
        return;
    }
    c->a[1] = SOL_SOCKET;
    for (size_t i = 0; i < ARRAY_SIZE(sockopt_map); i++) {
        if (sockopt_map[i].t == (int)c->a[2]) {
            c->a[2] = sockopt_map[i].h;
            return;
        }
    }
}

abi_long lu_mips_sys_socket(LuCall *c)
{
    c->a[1] = sock_type_t2h((int)c->a[1]);
    return lu_sys_socket(c);
}

abi_long lu_mips_sys_socketpair(LuCall *c)
{
    c->a[1] = sock_type_t2h((int)c->a[1]);
    return lu_sys_socketpair(c);
}

abi_long lu_mips_sys_accept4(LuCall *c)
{
    c->a[3] = nonblock_t2h((int)c->a[3]);
    return lu_sys_accept4(c);
}

abi_long lu_mips_sys_setsockopt(LuCall *c)
{
    sockopt_t2h(c);
    return lu_sys_setsockopt(c);
}

abi_long lu_mips_sys_getsockopt(LuCall *c)
{
    sockopt_t2h(c);
    abi_long r = lu_sys_getsockopt(c);
    int name = (int)c->a[2];
    if (r == 0 && (int)c->a[1] == SOL_SOCKET && (name == SO_TYPE || name == SO_ERROR)) {
        /* values the guest compares with its own constants */
        uint32_t v;
        if (lu_copy_from(&v, c->a[3], 4) == 0) {
            int hv = (int)tswap32(v);
            lu_put_u32(c->a[3], name == SO_TYPE ? sock_type_h2t(hv) : lu_mips_errno(hv));
        }
    }
    return r;
}

/* ---- files ----------------------------------------------------------------------------- */

/* The MIPS fcntl commands whose numbers are not the host's. */
static int fcntl_cmd_t2h(int cmd)
{
    switch (cmd) {
    case TARGET_F_GETLK:
        return F_GETLK;
    case TARGET_F_SETOWN:
        return F_SETOWN;
    case TARGET_F_GETOWN:
        return F_GETOWN;
    default:
        return cmd;
    }
}

abi_long lu_mips_sys_fcntl(LuCall *c)
{
    c->a[1] = fcntl_cmd_t2h((int)c->a[1]);
    return lu_sys_fcntl(c);
}

abi_long lu_mips_sys_fcntl64(LuCall *c)
{
    c->a[1] = fcntl_cmd_t2h((int)c->a[1]);
    return lu_sys_fcntl64(c);
}

abi_long lu_mips_sys_pipe(LuCall *c)
{
    /* the old MIPS pipe returns both descriptors: v0 and v1 */
    int fds[2];
    if (pipe(fds) < 0) {
        return lu_errno(errno);
    }
    CPUMIPSState *env = c->cpu->env_ptr;
    mips_gpr_set(env, 3, fds[1]);
    return fds[0];
}

abi_long lu_mips_sys_eventfd2(LuCall *c)
{
    c->a[1] = nonblock_t2h((int)c->a[1]);
    return lu_sys_eventfd2(c);
}

abi_long lu_mips_sys_inotify_init1(LuCall *c)
{
    c->a[0] = nonblock_t2h((int)c->a[0]);
    return lu_sys_inotify_init1(c);
}

abi_long lu_mips_sys_timerfd_create(LuCall *c)
{
    c->a[1] = nonblock_t2h((int)c->a[1]);
    return lu_sys_timerfd_create(c);
}

abi_long lu_mips_sys_statfs(LuCall *c)
{
    /* n64 statfs(path, buf) is statfs64(path, sizeof, buf) with the one struct */
    c->a[2] = c->a[1];
    c->a[1] = sizeof(struct target_statfs64);
    return lu_sys_statfs64(c);
}

abi_long lu_mips_sys_fstatfs(LuCall *c)
{
    c->a[2] = c->a[1];
    c->a[1] = sizeof(struct target_statfs64);
    return lu_sys_fstatfs64(c);
}

abi_long lu_mips_sys_sync_file_range(LuCall *c)
{
    /* (fd, offset, nbytes, flags): sync_file_range2 takes the flags second */
    uint64_t flags = c->a[3];
    c->a[3] = c->a[2];
    c->a[2] = c->a[1];
    c->a[1] = flags;
    return lu_sys_sync_file_range2(c);
}

abi_long lu_mips_sys_waitpid(LuCall *c)
{
    c->a[3] = 0;
    return lu_sys_wait4(c);
}

/* RLIMIT_* numbers: MIPS has NOFILE 5, AS 6, RSS 7, NPROC 8, MEMLOCK 9 (asm/resource.h). */
static int rlimit_t2h(int r)
{
    static const int map[] = {
        [5] = RLIMIT_NOFILE, [6] = RLIMIT_AS, [7] = RLIMIT_RSS, [8] = RLIMIT_NPROC,
        [9] = RLIMIT_MEMLOCK,
    };
    return r >= 5 && r <= 9 ? map[r] : r;
}

abi_long lu_mips_sys_getrlimit(LuCall *c)
{
    c->a[0] = rlimit_t2h((int)c->a[0]);
    return lu_sys_getrlimit(c);
}

abi_long lu_mips_sys_setrlimit(LuCall *c)
{
    c->a[0] = rlimit_t2h((int)c->a[0]);
    return lu_sys_setrlimit(c);
}

abi_long lu_mips_sys_prlimit64(LuCall *c)
{
    c->a[1] = rlimit_t2h((int)c->a[1]);
    return lu_sys_prlimit64(c);
}

/* ---- tty ioctls ------------------------------------------------------------------------- */

#define TARGET_NCCS 23
/* MIPS c_cc index of each host (generic) c_cc index, -1: none. */
static const int8_t cc_h2t[] = {
    [VINTR] = 0, [VQUIT] = 1, [VERASE] = 2, [VKILL] = 3, [VMIN] = 4, [VTIME] = 5,
    [VEOL2] = 6, [VSWTC] = 7, [VSTART] = 8, [VSTOP] = 9, [VSUSP] = 10, [VREPRINT] = 12,
    [VDISCARD] = 13, [VWERASE] = 14, [VLNEXT] = 15, [VEOF] = 16, [VEOL] = 17,
};

/* c_lflag bits that differ (asm/termbits.h); the other flag words are the generic ones. */
static const FlagMap lflag_map[] = {
    { 0x0100, IEXTEN }, { 0x2000, FLUSHO }, { 0x8000, TOSTOP }, { 0x10000, EXTPROC },
};

static unsigned lflag_h2t(unsigned h)
{
    unsigned t = h;
    for (size_t i = 0; i < ARRAY_SIZE(lflag_map); i++) {
        t &= ~lflag_map[i].h;
    }
    for (size_t i = 0; i < ARRAY_SIZE(lflag_map); i++) {
        if (h & lflag_map[i].h) {
            t |= lflag_map[i].t;
        }
    }
    return t;
}

static abi_long tcgets(int fd, abi_ulong arg)
{
    struct termios t;
    if (ioctl(fd, TCGETS, &t) < 0) {
        return lu_errno(errno);
    }
    uint8_t buf[16 + 1 + TARGET_NCCS] = { 0 };
    uint32_t w[4] = { tswap32(t.c_iflag), tswap32(t.c_oflag), tswap32(t.c_cflag),
                      tswap32(lflag_h2t(t.c_lflag)) };
    memcpy(buf, w, 16);
    buf[16] = t.c_line;
    for (size_t i = 0; i < ARRAY_SIZE(cc_h2t); i++) {
        if (i == VINTR || cc_h2t[i]) {
            buf[17 + cc_h2t[i]] = t.c_cc[i];
        }
    }
    return lu_copy_to(arg, buf, sizeof(buf)) ? -EFAULT : 0;
}

static abi_long tcsets(int fd, unsigned hreq, abi_ulong arg)
{
    uint8_t buf[16 + 1 + TARGET_NCCS];
    if (lu_copy_from(buf, arg, sizeof(buf))) {
        return -EFAULT;
    }
    struct termios t;
    memset(&t, 0, sizeof(t));
    uint32_t w[4];
    memcpy(w, buf, 16);
    t.c_iflag = tswap32(w[0]);
    t.c_oflag = tswap32(w[1]);
    t.c_cflag = tswap32(w[2]);
    t.c_lflag = flags_t2h(lflag_map, ARRAY_SIZE(lflag_map), tswap32(w[3]));
    t.c_line = buf[16];
    for (size_t i = 0; i < ARRAY_SIZE(cc_h2t); i++) {
        if (i == VINTR || cc_h2t[i]) {
            t.c_cc[i] = buf[17 + cc_h2t[i]];
        }
    }
    return lu_ret(ioctl(fd, hreq, &t));
}

/* The MIPS tty ioctl numbers (asm/ioctls.h: _IOR/_IOW with MIPS's direction bits). */
enum {
    MIPS_TCSBRK = 0x5405, MIPS_TCXONC = 0x5406, MIPS_TCFLSH = 0x5407, MIPS_TCGETS = 0x540d,
    MIPS_TCSETS = 0x540e, MIPS_TCSETSW = 0x540f, MIPS_TCSETSF = 0x5410,
    MIPS_TIOCNOTTY = 0x5471, MIPS_TIOCSCTTY = 0x5480, MIPS_FIONREAD = 0x467f,
    MIPS_FIOCLEX = 0x6601, MIPS_FIONCLEX = 0x6602, MIPS_FIOASYNC = 0x667d, MIPS_FIONBIO = 0x667e,
    MIPS_TIOCGSID = 0x7416, MIPS_TIOCSWINSZ = 0x80087467, MIPS_TIOCGWINSZ = 0x40087468,
    MIPS_TIOCSPGRP = 0x80047476, MIPS_TIOCGPGRP = 0x40047477,
};

/* Those sys-file.c handles, with the host's numbers. */
static const struct { unsigned t, h; } ioctl_map[] = {
    { MIPS_TIOCGWINSZ, TIOCGWINSZ }, { MIPS_TIOCSWINSZ, TIOCSWINSZ },
    { MIPS_TIOCGPGRP, TIOCGPGRP }, { MIPS_TIOCSPGRP, TIOCSPGRP }, { MIPS_FIONREAD, FIONREAD },
    { MIPS_TIOCGSID, TIOCGSID }, { MIPS_TIOCSCTTY, TIOCSCTTY }, { MIPS_TIOCNOTTY, TIOCNOTTY },
    { MIPS_FIONBIO, FIONBIO }, { MIPS_FIOASYNC, FIOASYNC }, { MIPS_FIOCLEX, FIOCLEX },
    { MIPS_FIONCLEX, FIONCLEX }, { MIPS_TCFLSH, TCFLSH }, { MIPS_TCXONC, TCXONC },
    { MIPS_TCSBRK, TCSBRK },
};

abi_long lu_mips_sys_ioctl(LuCall *c)
{
    int fd = (int)c->a[0];
    unsigned req = (unsigned)c->a[1];
    switch (req) {
    case MIPS_TCGETS:
        return tcgets(fd, c->a[2]);
    case MIPS_TCSETS:
        return tcsets(fd, TCSETS, c->a[2]);
    case MIPS_TCSETSW:
        return tcsets(fd, TCSETSW, c->a[2]);
    case MIPS_TCSETSF:
        return tcsets(fd, TCSETSF, c->a[2]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(ioctl_map); i++) {
        if (ioctl_map[i].t == req) {
            c->a[1] = ioctl_map[i].h;
            return lu_sys_ioctl(c);
        }
    }
    lu_log_unimp("ioctl 0x%x on fd %d", req, fd);
    return -ENOTTY;
}

/* ---- the MIPS-only calls ------------------------------------------------------------------ */

abi_long lu_mips_sys_set_thread_area(LuCall *c)
{
    lu_arch_set_tls(c->cpu, c->a[0]);
    return 0;
}

abi_long lu_mips_sys_cacheflush(LuCall *c)
{
    /* translated code is invalidated by the SMC protection already */
    return 0;
}

abi_long lu_mips_sys_cachectl(LuCall *c)
{
    return -EINVAL;
}

#define MIPS_SYSMIPS_FLUSH_CACHE 3
#define MIPS_SYSMIPS_ATOMIC_SET  2001

abi_long lu_mips_sys_sysmips(LuCall *c)
{
    /* only the cache flush (a no-op here) survives in current kernels' users */
    return (int)c->a[0] == MIPS_SYSMIPS_FLUSH_CACHE ? 0 : -EINVAL;
}

#define MIPS_PR_GET_FP_MODE 46
#define MIPS_PR_SET_FP_MODE 45
#define MIPS_PR_FP_MODE_FR  1

abi_long lu_mips_sys_prctl(LuCall *c)
{
    CPUMIPSState *env = c->cpu->env_ptr;
    switch ((int)c->a[0]) {
    case MIPS_PR_GET_FP_MODE:
        return (env->cp0.status & MIPS_ST_FR) ? MIPS_PR_FP_MODE_FR : 0;
    case MIPS_PR_SET_FP_MODE: {
        bool fr = c->a[1] & MIPS_PR_FP_MODE_FR;
        if (c->a[1] & ~(uint64_t)MIPS_PR_FP_MODE_FR) {
            return -EOPNOTSUPP;
        }
        if (fr && !mips_feature(env, MIPS_FEATURE_F64)) {
            return -EOPNOTSUPP;
        }
        mips_cpu_set_fr(env, fr);
        return 0;
    }
    default:
        return lu_sys_prctl(c);
    }
}
