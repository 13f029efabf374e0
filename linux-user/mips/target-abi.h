/*
 * target-abi.h — the MIPS Linux ABIs as user space sees them: o32 (emu-mips,
 * emu-mipsel) and n64 (emu-mips64el).  Both share linux-user/mips/;
 * TARGET_LONG_BITS 64 selects n64.  n32 executables are refused (elf.c).
 * Values and layouts from the kernel's arch/mips/include/uapi/asm headers.
 *
 * MIPS differs from the generic Linux ABI the host has in more places than
 * any other port: errno numbers above 34, signal numbers, open/mmap/socket
 * flags, ioctl numbers and struct layouts.  The generic layer keeps working
 * in host errno values (the cpu loop translates a result once, on the way
 * back to the guest) and in target signal numbers (TARGET_SIG* below, the
 * map in abi.c); flags are translated by the wrappers in abi.c before the
 * generic handlers run.
 */
#ifndef LINUX_USER_MIPS_TARGET_ABI_H
#define LINUX_USER_MIPS_TARGET_ABI_H

#include <stdint.h>

#define TARGET_PAGE_BITS      12
#define TARGET_ELF_MACHINE    8           /* EM_MIPS */

#if TARGET_LONG_BITS == 64
#define TARGET_MIPS_N64       1
#define TARGET_ABI_BITS       64
#define TARGET_ELF_CLASS      2           /* ELFCLASS64 */
/* n64 syscall numbers start here (arch/mips/include/uapi/asm/unistd.h). */
#define TARGET_NR_BASE        5000
/* 64-bit registers: no register pairs. */
#define TARGET_REG_PAIR_ALIGN 0
/*
 * The 40-bit user segment of a MIPS64 R2 CPU (1 TiB).  guest_base is 0 for
 * 64-bit guests: the whole guest layout sits below 1 TiB, far below where
 * the host puts the emulator (0x55..., 0x7f...).  0x120000000 is where a
 * non-PIE n64 executable is linked.
 */
#define TARGET_TASK_SIZE      0x10000000000ull
#define TARGET_PIE_BASE       0x5555550000ull
#define TARGET_INTERP_BASE    0x7770000000ull
#define TARGET_MMAP_BASE      0x7780000000ull
#define TARGET_STACK_TOP      0xfffff00000ull
#else
#define TARGET_ABI_BITS       32
#define TARGET_ELF_CLASS      1           /* ELFCLASS32 */
#define TARGET_NR_BASE        4000
/* o32 passes a 64-bit argument in an even/odd register pair (a0/a1 or a2/a3). */
#define TARGET_REG_PAIR_ALIGN 1
/* kuseg: an o32 process on a 64-bit kernel gets 2 GiB less 32 KiB (TASK_SIZE32). */
#define TARGET_TASK_SIZE      0x7fff8000ull
#define TARGET_PIE_BASE       0x00400000u
#define TARGET_INTERP_BASE    0x2f000000u
#define TARGET_MMAP_BASE      0x30000000u
#define TARGET_STACK_TOP      0x7fff0000u
#endif

/*
 * open() flags: almost every one differs (asm/fcntl.h); the whole map, read
 * by sys-file.c.  O_CLOEXEC, O_PATH and __O_TMPFILE have the host's values.
 */
#define TARGET_O_APPEND       0x0008
#define TARGET_O_DSYNC        0x0010
#define TARGET_O_NONBLOCK     0x0080
#define TARGET_O_CREAT        0x0100
#define TARGET_O_TRUNC        0x0200
#define TARGET_O_EXCL         0x0400
#define TARGET_O_NOCTTY       0x0800
#define TARGET_O_ASYNC        0x1000
#define TARGET_O_LARGEFILE    0x2000
#define TARGET___O_SYNC       0x4000
#define TARGET_O_DIRECT       0x8000
#define TARGET_O_DIRECTORY    0x10000
#define TARGET_O_NOFOLLOW     0x20000
#define TARGET_O_NOATIME      0x40000
#define TARGET_OPEN_FLAG_MAP                                                    \
    { TARGET_O_APPEND, O_APPEND }, { TARGET_O_DSYNC, O_DSYNC },                 \
    { TARGET_O_NONBLOCK, O_NONBLOCK }, { TARGET_O_CREAT, O_CREAT },             \
    { TARGET_O_TRUNC, O_TRUNC }, { TARGET_O_EXCL, O_EXCL },                     \
    { TARGET_O_NOCTTY, O_NOCTTY }, { TARGET_O_ASYNC, O_ASYNC },                 \
    { TARGET_O_LARGEFILE, 0 }, { TARGET___O_SYNC, O_SYNC & ~O_DSYNC },                   \
    { TARGET_O_DIRECT, O_DIRECT }, { TARGET_O_DIRECTORY, O_DIRECTORY },         \
    { TARGET_O_NOFOLLOW, O_NOFOLLOW }, { TARGET_O_NOATIME, O_NOATIME },

/*
 * fcntl commands (asm/fcntl.h) that differ: abi.c turns F_GETLK (14),
 * F_SETOWN and F_GETOWN into the host's numbers before sys-file.c sees
 * them.  o32 has struct flock64 under 33..35; n64 has one struct flock,
 * which sys-file.c then finds under the host's F_GETLK/F_SETLK/F_SETLKW.
 */
#define TARGET_F_GETLK        14
#define TARGET_F_SETOWN       24
#define TARGET_F_GETOWN       23
#ifdef TARGET_MIPS_N64
#define TARGET_F_GETLK64      5
#define TARGET_F_SETLK64      6
#define TARGET_F_SETLKW64     7
#else
#define TARGET_F_GETLK64      33
#define TARGET_F_SETLK64      34
#define TARGET_F_SETLKW64     35
#endif

/* poll(2): POLLWRNORM is POLLOUT (4), POLLWRBAND 0x100 (sys-net.c maps them). */
#define TARGET_POLLWRBAND     0x0100

/* SOL_SOCKET (the option names are translated by abi.c). */
#define TARGET_SOL_SOCKET     0xffff

/* Resource limits: RLIMIT_NOFILE..RLIMIT_AS numbered differently (abi.c); o32's infinity. */
#ifndef TARGET_MIPS_N64
#define TARGET_RLIM_INFINITY  0x7fffffffu
#endif

/* ---- signals ---------------------------------------------------------------- */

/* The MIPS numbering (asm/signal.h); abi.c has the map both ways. */
#define TARGET_HAS_SIGNAL_MAP 1
#define TARGET_SIGHUP         1
#define TARGET_SIGINT         2
#define TARGET_SIGQUIT        3
#define TARGET_SIGILL         4
#define TARGET_SIGTRAP        5
#define TARGET_SIGABRT        6
#define TARGET_SIGEMT         7
#define TARGET_SIGFPE         8
#define TARGET_SIGKILL        9
#define TARGET_SIGBUS         10
#define TARGET_SIGSEGV        11
#define TARGET_SIGSYS         12
#define TARGET_SIGPIPE        13
#define TARGET_SIGALRM        14
#define TARGET_SIGTERM        15
#define TARGET_SIGUSR1        16
#define TARGET_SIGUSR2        17
#define TARGET_SIGCHLD        18
#define TARGET_SIGPWR         19
#define TARGET_SIGWINCH       20
#define TARGET_SIGURG         21
#define TARGET_SIGIO          22
#define TARGET_SIGSTOP        23
#define TARGET_SIGTSTP        24
#define TARGET_SIGCONT        25
#define TARGET_SIGTTIN        26
#define TARGET_SIGTTOU        27
#define TARGET_SIGVTALRM      28
#define TARGET_SIGPROF        29
#define TARGET_SIGXCPU        30
#define TARGET_SIGXFSZ        31
int lu_arch_signal_to_target(int host_sig);
int lu_arch_signal_to_host(int target_sig);

/* sigprocmask's how: 1, 2, 3 on MIPS. */
#define TARGET_SIG_BLOCK      1
#define TARGET_SIG_UNBLOCK    2
#define TARGET_SIG_SETMASK    3
/* _NSIG is 128: the kernel's sigset_t is 16 bytes (the emulator keeps signals 1..64). */
#define TARGET_NSIG_BYTES     16
/* SA_SIGINFO is 8 (SA_NOCLDSTOP 1); the others are generic; no SA_RESTORER. */
#define TARGET_SA_SIGINFO     0x00000008u
/* siginfo: si_signo, si_code, si_errno (the generic order swaps the last two). */
#define TARGET_SIGINFO_CODE_BEFORE_ERRNO 1
/* stack_t: ss_sp, ss_size, ss_flags. */
#define TARGET_SS_SIZE_OFF    (TARGET_ABI_BITS / 8)
#define TARGET_SS_FLAGS_OFF   (2 * (TARGET_ABI_BITS / 8))

/* The kernel's struct sigaction: flags first, then the handler, then the 128-bit mask. */
struct target_sigaction {
    uint32_t flags;
#ifdef TARGET_MIPS_N64
    uint32_t pad;
    uint64_t handler;
#else
    uint32_t handler;
#endif
    uint32_t mask[4];
};

/* ---- struct layouts ------------------------------------------------------------- */

#ifdef TARGET_MIPS_N64
/* n64 has only struct stat (fstat, newfstatat): 32-bit dev/rdev/times, 104 bytes. */
struct target_stat64 {
    uint32_t st_dev;
    uint32_t st_pad0[3];
    union {
        uint64_t st_ino;
        uint32_t st_ino32;
    };
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t st_rdev;
    uint32_t st_pad1[3];
    int64_t st_size;
    uint32_t st_atime_;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_;
    uint32_t st_ctime_nsec;
    uint32_t st_blksize;
    uint32_t st_pad2;
    uint64_t st_blocks;
};
_Static_assert(sizeof(struct target_stat64) == 104, "MIPS n64 stat is 104 bytes");

/* n64 struct statfs (statfs/fstatfs): every field a long, frsize third, bavail after ffree. */
struct target_statfs64 {
    int64_t f_type;
    int64_t f_bsize;
    int64_t f_frsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_files;
    uint64_t f_ffree;
    uint64_t f_bavail;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_flags;
    int64_t f_spare[5];
};
_Static_assert(sizeof(struct target_statfs64) == 128, "MIPS n64 statfs is 128 bytes");
#else
/* o32 struct stat64: 32-bit dev/rdev with padding, times before blksize, 104 bytes. */
struct target_stat64 {
    uint32_t st_dev;
    uint32_t st_pad0[3];
    union {
        uint64_t st_ino;
        uint32_t st_ino32;
    };
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t st_rdev;
    uint32_t st_pad1[3];
    int64_t st_size;
    uint32_t st_atime_;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_;
    uint32_t st_ctime_nsec;
    uint32_t st_blksize;
    uint32_t st_pad2;
    uint64_t st_blocks;
};
_Static_assert(sizeof(struct target_stat64) == 104, "MIPS o32 stat64 is 104 bytes");

/* o32 struct statfs64: frsize third, bavail last of the counts, 8-byte aligned (96 bytes). */
struct target_statfs64 {
    uint32_t f_type;
    uint32_t f_bsize;
    uint32_t f_frsize;
    uint32_t pad;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_files;
    uint64_t f_ffree;
    uint64_t f_bavail;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_flags;
    uint32_t f_spare[5];
};
_Static_assert(sizeof(struct target_statfs64) == 96, "MIPS o32 statfs64 is 96 bytes");
#endif

/* struct epoll_event: not packed on MIPS (16 bytes). */
struct target_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};

/* struct flock64 (o32) / struct flock (n64): the same naturally aligned layout. */
struct target_flock64 {
    int16_t l_type;
    int16_t l_whence;
    uint32_t pad;
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    uint32_t pad2;
};

#endif
