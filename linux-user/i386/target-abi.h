/*
 * target-abi.h — the x86 Linux ABIs as user space sees them: i386 (emu-i386,
 * int 0x80) and x86-64 (emu-x86_64, SYSCALL).  Both share linux-user/i386/;
 * TARGET_X86_64 selects the 64-bit one.  Values and layouts from the
 * kernel's arch/x86/include/uapi/asm headers; open() flags are the generic
 * (x86) ones, so the tables in sys-file.c map them onto themselves.
 */
#ifndef LINUX_USER_I386_TARGET_ABI_H
#define LINUX_USER_I386_TARGET_ABI_H

#include <stdint.h>

#define TARGET_PAGE_BITS      12
/* 64-bit syscall arguments of i386 take two consecutive registers, unaligned. */
#define TARGET_REG_PAIR_ALIGN 0

#define TARGET_O_DIRECTORY    0200000
#define TARGET_O_NOFOLLOW     0400000
#define TARGET_O_DIRECT       040000
#define TARGET_O_LARGEFILE    0100000

/* fcntl commands for struct flock64; x86-64's struct flock is that layout under F_GETLK.. */
#ifdef TARGET_X86_64
#define TARGET_F_GETLK64      5
#define TARGET_F_SETLK64      6
#define TARGET_F_SETLKW64     7
#else
#define TARGET_F_GETLK64      12
#define TARGET_F_SETLK64      13
#define TARGET_F_SETLKW64     14
#endif

#define TARGET_SA_RESTORER    0x04000000u

#ifdef TARGET_X86_64

#define TARGET_ABI_BITS       64
#define TARGET_ELF_MACHINE    62          /* EM_X86_64 */
#define TARGET_ELF_CLASS      2           /* ELFCLASS64 */
/* The 47-bit user half of the canonical address space (the kernel's TASK_SIZE_MAX). */
#define TARGET_TASK_SIZE      0x7ffffffff000ull
/*
 * guest_base is 0 for x86-64 guests, so the guest's own layout keeps clear
 * of where the host kernel puts the emulator (PIE at 0x5555..., randomized
 * up to 1 TiB above), its heap, libraries and stack (0x7e... to the top):
 * the guest's image, loader, mappings and stack live in 0x4000_0000_0000 up.
 */
#define TARGET_PIE_BASE       0x400000000000ull
#define TARGET_INTERP_BASE    0x410000000000ull
#define TARGET_MMAP_BASE      0x420000000000ull
#define TARGET_STACK_TOP      0x4ffffffff000ull

/*
 * x86-64 has only the one struct stat (stat/fstat/newfstatat), 144 bytes.
 * The generic filler writes st_ino32 before st_ino, so the union keeps the
 * full number; times are 64-bit fields here.
 */
struct target_stat64 {
    uint64_t st_dev;
    union {
        uint64_t st_ino;
        uint32_t st_ino32;
    };
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t pad0;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    uint64_t st_atime_;
    uint64_t st_atime_nsec;
    uint64_t st_mtime_;
    uint64_t st_mtime_nsec;
    uint64_t st_ctime_;
    uint64_t st_ctime_nsec;
    int64_t unused[3];
};
_Static_assert(sizeof(struct target_stat64) == 144, "x86-64 stat is 144 bytes");

/* struct statfs (statfs64 is the same on 64-bit): 120 bytes. */
struct target_statfs64 {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct target_statfs64) == 120, "x86-64 statfs is 120 bytes");

/* struct sigaction for rt_sigaction: handler, flags, restorer, mask, all 8 bytes. */
struct target_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint32_t mask[2];
};

#else

#define TARGET_ABI_BITS       32
#define TARGET_ELF_MACHINE    3           /* EM_386 */
#define TARGET_ELF_CLASS      1           /* ELFCLASS32 */
/* A 32-bit process on a 64-bit kernel may map up to the last page below 4 GiB. */
#define TARGET_TASK_SIZE      0xffffe000ull
#define TARGET_MMAP_BASE      0x40000000u
#define TARGET_STACK_TOP      0xfffdd000u
#define TARGET_PIE_BASE       0x56555000u
#define TARGET_INTERP_BASE    0x3f000000u

/* The kernel's struct stat64 for i386: 64-bit members 4-byte aligned, 96 bytes. */
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
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct target_stat64) == 96, "i386 stat64 is 96 bytes");

/* struct statfs64: 4-byte alignment of the 64-bit members gives 84 bytes. */
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
_Static_assert(sizeof(struct target_statfs64) == 84, "i386 statfs64 is 84 bytes");

/* The kernel's struct sigaction for rt_sigaction on i386. */
struct target_sigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint32_t mask[2];
};

#endif

/* struct epoll_event is packed on x86 (12 bytes) in both ABIs. */
struct target_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

/* struct flock64 (i386) / struct flock (x86-64): 64-bit members, 4-byte aligned on i386. */
struct target_flock64 {
    int16_t l_type;
    int16_t l_whence;
#ifdef TARGET_X86_64
    uint32_t pad;
#endif
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
#ifdef TARGET_X86_64
    uint32_t pad2;
#endif
} __attribute__((packed, aligned(4)));

#endif
