/*
 * target-abi.h — the ARM EABI as Linux user space sees it: sizes, flag
 * values and the structure layouts that differ from the host's.  Values from
 * the kernel's arch/arm/include/uapi/asm headers (EABI).
 */
#ifndef LINUX_USER_ARM_TARGET_ABI_H
#define LINUX_USER_ARM_TARGET_ABI_H

#include <stdint.h>

#define TARGET_ABI_BITS       32
#define TARGET_PAGE_BITS      12
#define TARGET_ELF_MACHINE    40          /* EM_ARM */
#define TARGET_ELF_CLASS      1           /* ELFCLASS32 */
/* EABI passes a 64-bit syscall argument in an even/odd register pair. */
#define TARGET_REG_PAIR_ALIGN 1
/* The highest address a process may map (the kuser page sits above). */
#define TARGET_TASK_SIZE      0xfffe0000ull
/* Where mmap without a hint starts looking, and the initial stack. */
#define TARGET_MMAP_BASE      0x40000000u
#define TARGET_STACK_TOP      0xfffd0000u
/* Where a PIE executable and the dynamic loader go. */
#define TARGET_PIE_BASE       0x00400000u
#define TARGET_INTERP_BASE    0x3f000000u

/* open() flags that differ from the generic (x86) values. */
#define TARGET_O_DIRECTORY    040000
#define TARGET_O_NOFOLLOW     0100000
#define TARGET_O_DIRECT       0200000
#define TARGET_O_LARGEFILE    0400000

/* fcntl commands for struct flock64 on 32-bit ABIs. */
#define TARGET_F_GETLK64      12
#define TARGET_F_SETLK64      13
#define TARGET_F_SETLKW64     14

/* sigaction flag meaning "sa_restorer is valid". */
#define TARGET_SA_RESTORER    0x04000000u

/* The kernel's struct stat64 for ARM (glibc 2.1 compatible, much padding). */
struct target_stat64 {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino32;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_;
    uint32_t st_ctime_nsec;
    uint64_t st_ino;
};
_Static_assert(sizeof(struct target_stat64) == 104, "ARM stat64 is 104 bytes");

/* struct statfs64: packed to 4 bytes in the ARM EABI (84 bytes). */
struct target_statfs64 {
    uint32_t f_type;
    uint32_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_frsize;
    uint32_t f_flags;
    uint32_t f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct target_statfs64) == 84, "ARM statfs64 is 84 bytes");
/* EABI user space pads it to 88; the kernel's wrapper accepts that size as 84. */
#define TARGET_STATFS64_ALT_SIZE 88

/* struct epoll_event: EABI aligns the 64-bit data (16 bytes; x86-64 packs it). */
struct target_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};

/* struct flock64: the same fields and alignment as the x86-64 struct flock. */
struct target_flock64 {
    int16_t l_type;
    int16_t l_whence;
    uint32_t pad;
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    uint32_t pad2;
};

/* The kernel's struct sigaction for rt_sigaction on ARM. */
struct target_sigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint32_t mask[2];
};

#endif
