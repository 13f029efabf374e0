/*
 * sys-file.c — file and directory syscalls: open/read/write and friends,
 * stat64/statx/statfs64 in the guest's layouts, getdents64 with 32-bit
 * safe cookies, fcntl (struct flock64), terminal ioctls, links, modes.
 *
 * Absolute guest paths go through lu_path() (the -L sysroot first) and
 * /proc/self/{exe,maps,auxv,cmdline} and /proc/cpuinfo through the fake
 * files of procfs.c, so the guest sees itself rather than the emulator.
 */
#include "linux-user/user-internals.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include <glib.h>

#define PATH_OR_FAULT(var, buf, addr)                          \
    char buf[4096];                                            \
    const char *var##_g = lu_lock_string(addr);                \
    if (!var##_g) {                                            \
        return -EFAULT;                                        \
    }                                                          \
    const char *var = lu_path(var##_g, buf, sizeof(buf))

/* open() flags whose values differ between the guest and the host (MIPS: most, its own map). */
static const struct { int t, h; } open_flag_map[] = {
#ifdef TARGET_OPEN_FLAG_MAP
    TARGET_OPEN_FLAG_MAP
#else
    { TARGET_O_DIRECTORY, O_DIRECTORY },
    { TARGET_O_NOFOLLOW, O_NOFOLLOW },
    { TARGET_O_DIRECT, O_DIRECT },
    { TARGET_O_LARGEFILE, 0 },
#endif
};

static int open_flags_t2h(int t)
{
    int h = t;
    for (size_t i = 0; i < ARRAY_SIZE(open_flag_map); i++) {
        h &= ~open_flag_map[i].t;
    }
    for (size_t i = 0; i < ARRAY_SIZE(open_flag_map); i++) {
        if (t & open_flag_map[i].t) {
            h |= open_flag_map[i].h;
        }
    }
    return h;
}

/*
 * The bit a 64-bit host kernel sets in every F_GETFL result (its
 * force_o_largefile): glibc defines O_LARGEFILE as 0 there, so it is named
 * by value; to a guest it could mean O_NOFOLLOW (ARM) or O_DIRECT (MIPS).
 */
#define LU_HOST_KERNEL_O_LARGEFILE 0100000

static int open_flags_h2t(int h)
{
    int t = h & ~(O_LARGEFILE | LU_HOST_KERNEL_O_LARGEFILE);
    for (size_t i = 0; i < ARRAY_SIZE(open_flag_map); i++) {
        t &= ~open_flag_map[i].h;
    }
    for (size_t i = 0; i < ARRAY_SIZE(open_flag_map); i++) {
        if (open_flag_map[i].h && (h & open_flag_map[i].h)) {
            t |= open_flag_map[i].t;
        }
    }
    return t;
}

static abi_long do_openat(int dirfd, abi_ulong gpath, int tflags, int mode)
{
    PATH_OR_FAULT(path, buf, gpath);
    int flags = open_flags_t2h(tflags);
    int fd = lu_fake_open(path_g, flags, mode);
    if (fd != -2) {
        return fd < 0 ? lu_errno(errno) : fd;
    }
    /* opening a FIFO blocks until the other end opens */
    return lu_raw_ret(lu_safe6(SYS_openat, dirfd, path, flags, mode, 0, 0));
}

abi_long lu_sys_open(LuCall *c)
{
    return do_openat(AT_FDCWD, c->a[0], (int)c->a[1], (int)c->a[2]);
}

abi_long lu_sys_openat(LuCall *c)
{
    return do_openat((int)c->a[0], c->a[1], (int)c->a[2], (int)c->a[3]);
}

abi_long lu_sys_creat(LuCall *c)
{
    return do_openat(AT_FDCWD, c->a[0], O_CREAT | O_WRONLY | O_TRUNC, (int)c->a[1]);
}

/* Kinds of descriptors below this number are remembered (see LuFdKind). */
#define LU_FD_KINDS 1024
static uint8_t fd_kind[LU_FD_KINDS];

void lu_fd_set_kind(long fd, LuFdKind kind)
{
    if (fd >= 0 && fd < LU_FD_KINDS) {
        fd_kind[fd] = kind;
    }
}

static LuFdKind fd_kind_of(int fd)
{
    return fd >= 0 && fd < LU_FD_KINDS ? fd_kind[fd] : LU_FD_PLAIN;
}

/* What a big-endian guest read from a descriptor of host integers, in its byte order. */
static void fd_swap_read(int fd, uint8_t *p, long n)
{
    switch (fd_kind_of(fd)) {
    case LU_FD_COUNTER:
        for (long o = 0; o + 8 <= n; o += 8) {
            uint64_t v;
            memcpy(&v, p + o, 8);
            v = tswap64(v);
            memcpy(p + o, &v, 8);
        }
        break;
    case LU_FD_INOTIFY:
        /* wd, mask, cookie, len, then len bytes of name */
        for (long o = 0; o + 16 <= n;) {
            uint32_t h[4];
            memcpy(h, p + o, 16);
            uint32_t len = h[3];
            for (int i = 0; i < 4; i++) {
                h[i] = tswap32(h[i]);
            }
            memcpy(p + o, h, 16);
            o += 16 + len;
        }
        break;
    default:
        break;
    }
}

abi_long lu_sys_close(LuCall *c)
{
    lu_fd_set_kind((long)c->a[0], LU_FD_PLAIN);
    return lu_ret(close((int)c->a[0]));
}

abi_long lu_sys_read(LuCall *c)
{
    void *p = lu_lock(c->a[1], c->a[2], true);
    if (!p) {
        return -EFAULT;
    }
    long r = lu_safe6(SYS_read, (int)c->a[0], p, c->a[2], 0, 0, 0);
    if (TARGET_BIG_ENDIAN && r > 0) {
        fd_swap_read((int)c->a[0], p, r);
    }
    return lu_raw_ret(r);
}

abi_long lu_sys_write(LuCall *c)
{
    void *p = lu_lock(c->a[1], c->a[2], false);
    if (!p) {
        return -EFAULT;
    }
    if (TARGET_BIG_ENDIAN && c->a[2] == 8 && fd_kind_of((int)c->a[0]) == LU_FD_COUNTER) {
        uint64_t v;
        memcpy(&v, p, 8);
        v = tswap64(v);
        return lu_raw_ret(lu_safe6(SYS_write, (int)c->a[0], &v, 8, 0, 0, 0));
    }
    return lu_raw_ret(lu_safe6(SYS_write, (int)c->a[0], p, c->a[2], 0, 0, 0));
}

abi_long lu_sys_pread64(LuCall *c)
{
    void *p = lu_lock(c->a[1], c->a[2], true);
    if (!p) {
        return -EFAULT;
    }
    return lu_raw_ret(lu_safe6(SYS_pread64, (int)c->a[0], p, c->a[2], c->a[3], 0, 0));
}

abi_long lu_sys_pwrite64(LuCall *c)
{
    void *p = lu_lock(c->a[1], c->a[2], false);
    if (!p) {
        return -EFAULT;
    }
    return lu_raw_ret(lu_safe6(SYS_pwrite64, (int)c->a[0], p, c->a[2], c->a[3], 0, 0));
}

/* A guest iovec array as host iovecs pointing into guest memory; NULL on a bad one. */
static struct iovec *lock_iovec(abi_ulong addr, int cnt, bool write, int *err)
{
    if (cnt < 0 || cnt > 1024) {
        *err = -EINVAL;
        return NULL;
    }
    struct iovec *v = g_new0(struct iovec, cnt ? cnt : 1);
    for (int i = 0; i < cnt; i++) {
        abi_ulong base, len;
        if (lu_get_ulong(addr + i * 2 * sizeof(abi_ulong), &base) ||
            lu_get_ulong(addr + (i * 2 + 1) * sizeof(abi_ulong), &len)) {
            g_free(v);
            *err = -EFAULT;
            return NULL;
        }
        v[i].iov_len = len;
        v[i].iov_base = len ? lu_lock(base, len, write) : g2h(base);
        if (!v[i].iov_base) {
            g_free(v);
            *err = -EFAULT;
            return NULL;
        }
    }
    return v;
}

abi_long lu_sys_readv(LuCall *c)
{
    int err;
    g_autofree struct iovec *v = lock_iovec(c->a[1], (int)c->a[2], true, &err);
    return v ? lu_raw_ret(lu_safe6(SYS_readv, (int)c->a[0], v, (int)c->a[2], 0, 0, 0)) : err;
}

abi_long lu_sys_writev(LuCall *c)
{
    int err;
    g_autofree struct iovec *v = lock_iovec(c->a[1], (int)c->a[2], false, &err);
    return v ? lu_raw_ret(lu_safe6(SYS_writev, (int)c->a[0], v, (int)c->a[2], 0, 0, 0)) : err;
}

abi_long lu_sys_preadv(LuCall *c)
{
    int err;
    g_autofree struct iovec *v = lock_iovec(c->a[1], (int)c->a[2], true, &err);
    off_t off = (off_t)((uint64_t)c->a[4] << 32 | (uint32_t)c->a[3]);
    return v ? lu_raw_ret(lu_safe6(SYS_preadv, (int)c->a[0], v, (int)c->a[2], off, 0, 0)) : err;
}

abi_long lu_sys_pwritev(LuCall *c)
{
    int err;
    g_autofree struct iovec *v = lock_iovec(c->a[1], (int)c->a[2], false, &err);
    off_t off = (off_t)((uint64_t)c->a[4] << 32 | (uint32_t)c->a[3]);
    return v ? lu_raw_ret(lu_safe6(SYS_pwritev, (int)c->a[0], v, (int)c->a[2], off, 0, 0)) : err;
}

abi_long lu_sys_lseek(LuCall *c)
{
    off_t r = lseek((int)c->a[0], (off_t)(abi_long)c->a[1], (int)c->a[2]);
    if (r < 0) {
        return lu_errno(errno);
    }
    if (r > (off_t)((abi_ulong)-1 >> 1)) {
        return -EOVERFLOW;
    }
    return (abi_long)r;
}

abi_long lu_sys_llseek(LuCall *c)
{
    off_t off = (off_t)((uint64_t)(uint32_t)c->a[1] << 32 | (uint32_t)c->a[2]);
    off_t r = lseek((int)c->a[0], off, (int)c->a[4]);
    if (r < 0) {
        return lu_errno(errno);
    }
    uint64_t v = tswap64((uint64_t)r);
    return lu_copy_to(c->a[3], &v, 8) ? -EFAULT : 0;
}

abi_long lu_sys_sendfile64(LuCall *c)
{
    off_t off, *offp = NULL;
    if (c->a[2]) {
        uint64_t v;
        if (lu_copy_from(&v, c->a[2], 8)) {
            return -EFAULT;
        }
        off = (off_t)tswap64(v);
        offp = &off;
    }
    ssize_t r = sendfile((int)c->a[0], (int)c->a[1], offp, c->a[3]);
    if (r >= 0 && offp) {
        uint64_t v = tswap64((uint64_t)off);
        if (lu_copy_to(c->a[2], &v, 8)) {
            return -EFAULT;
        }
    }
    return lu_ret(r);
}

abi_long lu_sys_copy_file_range(LuCall *c)
{
    return -ENOSYS;
}

/* ---- stat ----------------------------------------------------------------------- */

/*
 * Store v into a field of the target's stat layout, whatever its width:
 * 64-bit layouts (x86-64, MIPS n64) keep the sign and the high half of
 * times, 32-bit ones take the low half (what the kernel stores there).
 */
#define STAT_PUT(t, field, v) \
    ((t).field = sizeof((t).field) == 8 ? tswap64((uint64_t)(int64_t)(v)) \
                                        : tswap32((uint32_t)(int64_t)(v)))

static abi_long put_stat64(abi_ulong addr, const struct stat *st)
{
    struct target_stat64 t;
    memset(&t, 0, sizeof(t));
    /* 64-bit, or 32-bit on MIPS (the kernel's new_encode_dev, what the low half holds) */
    STAT_PUT(t, st_dev, st->st_dev);
    STAT_PUT(t, st_ino32, st->st_ino);
    STAT_PUT(t, st_mode, st->st_mode);
    STAT_PUT(t, st_nlink, st->st_nlink);
    STAT_PUT(t, st_uid, st->st_uid);
    STAT_PUT(t, st_gid, st->st_gid);
    STAT_PUT(t, st_rdev, st->st_rdev);
    STAT_PUT(t, st_size, st->st_size);
    STAT_PUT(t, st_blksize, st->st_blksize);
    STAT_PUT(t, st_blocks, st->st_blocks);
    STAT_PUT(t, st_atime_, st->st_atim.tv_sec);
    STAT_PUT(t, st_atime_nsec, st->st_atim.tv_nsec);
    STAT_PUT(t, st_mtime_, st->st_mtim.tv_sec);
    STAT_PUT(t, st_mtime_nsec, st->st_mtim.tv_nsec);
    STAT_PUT(t, st_ctime_, st->st_ctim.tv_sec);
    STAT_PUT(t, st_ctime_nsec, st->st_ctim.tv_nsec);
    STAT_PUT(t, st_ino, st->st_ino);
    return lu_copy_to(addr, &t, sizeof(t));
}

abi_long lu_sys_stat64(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    struct stat st;
    if (stat(path, &st) < 0) {
        return lu_errno(errno);
    }
    return put_stat64(c->a[1], &st);
}

abi_long lu_sys_lstat64(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    struct stat st;
    if (lstat(path, &st) < 0) {
        return lu_errno(errno);
    }
    return put_stat64(c->a[1], &st);
}

abi_long lu_sys_fstat64(LuCall *c)
{
    struct stat st;
    if (fstat((int)c->a[0], &st) < 0) {
        return lu_errno(errno);
    }
    return put_stat64(c->a[1], &st);
}

abi_long lu_sys_fstatat64(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    struct stat st;
    if (fstatat((int)c->a[0], path, &st, (int)c->a[3]) < 0) {
        return lu_errno(errno);
    }
    return put_stat64(c->a[2], &st);
}

abi_long lu_sys_statx(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    struct statx sx;
    if (statx((int)c->a[0], path, (int)c->a[2], (unsigned)c->a[3], &sx) < 0) {
        return lu_errno(errno);
    }
    if (TARGET_BIG_ENDIAN) {
        sx.stx_mask = tswap32(sx.stx_mask);
        sx.stx_blksize = tswap32(sx.stx_blksize);
        sx.stx_attributes = tswap64(sx.stx_attributes);
        sx.stx_nlink = tswap32(sx.stx_nlink);
        sx.stx_uid = tswap32(sx.stx_uid);
        sx.stx_gid = tswap32(sx.stx_gid);
        sx.stx_mode = tswap16(sx.stx_mode);
        sx.stx_ino = tswap64(sx.stx_ino);
        sx.stx_size = tswap64(sx.stx_size);
        sx.stx_blocks = tswap64(sx.stx_blocks);
        sx.stx_attributes_mask = tswap64(sx.stx_attributes_mask);
        struct statx_timestamp *ts[] = { &sx.stx_atime, &sx.stx_btime, &sx.stx_ctime,
                                         &sx.stx_mtime };
        for (int i = 0; i < 4; i++) {
            ts[i]->tv_sec = (int64_t)tswap64((uint64_t)ts[i]->tv_sec);
            ts[i]->tv_nsec = tswap32(ts[i]->tv_nsec);
        }
        sx.stx_rdev_major = tswap32(sx.stx_rdev_major);
        sx.stx_rdev_minor = tswap32(sx.stx_rdev_minor);
        sx.stx_dev_major = tswap32(sx.stx_dev_major);
        sx.stx_dev_minor = tswap32(sx.stx_dev_minor);
    }
    return lu_copy_to(c->a[4], &sx, sizeof(sx));
}

static bool statfs64_size_ok(abi_ulong size)
{
#ifdef TARGET_STATFS64_ALT_SIZE
    if (size == TARGET_STATFS64_ALT_SIZE) {
        return true;
    }
#endif
    return size == sizeof(struct target_statfs64);
}

static abi_long put_statfs64(abi_ulong addr, const struct statfs *s)
{
    struct target_statfs64 t;
    memset(&t, 0, sizeof(t));
    t.f_type = tswap32((uint32_t)s->f_type);
    t.f_bsize = tswap32((uint32_t)s->f_bsize);
    t.f_blocks = tswap64(s->f_blocks);
    t.f_bfree = tswap64(s->f_bfree);
    t.f_bavail = tswap64(s->f_bavail);
    t.f_files = tswap64(s->f_files);
    t.f_ffree = tswap64(s->f_ffree);
    memcpy(t.f_fsid, &s->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = tswap32((uint32_t)s->f_namelen);
    t.f_frsize = tswap32((uint32_t)s->f_frsize);
    t.f_flags = tswap32((uint32_t)s->f_flags);
    return lu_copy_to(addr, &t, sizeof(t));
}

abi_long lu_sys_statfs64(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    struct statfs s;
    if (!statfs64_size_ok(c->a[1])) {
        return -EINVAL;
    }
    if (statfs(path, &s) < 0) {
        return lu_errno(errno);
    }
    return put_statfs64(c->a[2], &s);
}

abi_long lu_sys_fstatfs64(LuCall *c)
{
    struct statfs s;
    if (!statfs64_size_ok(c->a[1])) {
        return -EINVAL;
    }
    if (fstatfs((int)c->a[0], &s) < 0) {
        return lu_errno(errno);
    }
    return put_statfs64(c->a[2], &s);
}

/*
 * getdents64: the host's d_off cookies on ext4 are 64-bit hashes that a
 * 32-bit guest's readdir refuses (EOVERFLOW); they are only meaningful to
 * seekdir, so the guest gets the entry's running number instead (and an
 * inode folded to 32 bits when it does not fit).
 */
abi_long lu_sys_getdents64(LuCall *c)
{
    size_t count = c->a[2];
    uint8_t *out = lu_lock(c->a[1], count, true);
    if (!out) {
        return -EFAULT;
    }
    g_autofree uint8_t *buf = g_malloc(count);
    long n = syscall(SYS_getdents64, (int)c->a[0], buf, count);
    if (n < 0) {
        return lu_errno(errno);
    }
    off_t base = lseek((int)c->a[0], 0, SEEK_CUR);
    uint32_t seq = 1;
    for (long pos = 0; pos < n;) {
        struct {
            uint64_t ino;
            int64_t off;
            uint16_t reclen;
        } __attribute__((packed)) h;
        memcpy(&h, buf + pos, sizeof(h));
        uint64_t ino = h.ino;
        if (TARGET_ABI_BITS == 32 && ino > UINT32_MAX) {
            ino = (uint32_t)(ino ^ (ino >> 32));
        }
        int64_t off = TARGET_ABI_BITS == 32 ? (int64_t)(uint32_t)(seq++ & 0x7fffffff) : h.off;
        (void)base;
        h.ino = tswap64(ino);
        h.off = (int64_t)tswap64((uint64_t)off);
        uint16_t reclen = h.reclen;
        h.reclen = tswap16(h.reclen);
        memcpy(out + pos, buf + pos, reclen);
        memcpy(out + pos, &h, sizeof(h));
        pos += reclen;
    }
    return n;
}

/* ---- paths ---------------------------------------------------------------------- */

abi_long lu_sys_access(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(access(path, (int)c->a[1]));
}

abi_long lu_sys_faccessat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(faccessat((int)c->a[0], path, (int)c->a[2], 0));
}

abi_long lu_sys_faccessat2(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(faccessat((int)c->a[0], path, (int)c->a[2], (int)c->a[3]));
}

abi_long lu_sys_readlink(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    char *out = lu_lock(c->a[1], c->a[2], true);
    if (!out) {
        return -EFAULT;
    }
    ssize_t r = lu_fake_readlink(path_g, out, c->a[2]);
    if (r != -2) {
        return r;
    }
    return lu_ret(readlink(path, out, c->a[2]));
}

abi_long lu_sys_readlinkat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    char *out = lu_lock(c->a[2], c->a[3], true);
    if (!out) {
        return -EFAULT;
    }
    ssize_t r = lu_fake_readlink(path_g, out, c->a[3]);
    if (r != -2) {
        return r;
    }
    return lu_ret(readlinkat((int)c->a[0], path, out, c->a[3]));
}

abi_long lu_sys_getcwd(LuCall *c)
{
    char *out = lu_lock(c->a[0], c->a[1], true);
    if (!out) {
        return -EFAULT;
    }
    if (!getcwd(out, c->a[1])) {
        return lu_errno(errno);
    }
    return strlen(out) + 1;
}

abi_long lu_sys_chdir(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(chdir(path));
}

abi_long lu_sys_fchdir(LuCall *c)
{
    return lu_ret(fchdir((int)c->a[0]));
}

abi_long lu_sys_chroot(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(chroot(path));
}

abi_long lu_sys_mkdir(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(mkdir(path, (mode_t)c->a[1]));
}

abi_long lu_sys_mkdirat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(mkdirat((int)c->a[0], path, (mode_t)c->a[2]));
}

abi_long lu_sys_rmdir(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(rmdir(path));
}

abi_long lu_sys_unlink(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(unlink(path));
}

abi_long lu_sys_unlinkat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(unlinkat((int)c->a[0], path, (int)c->a[2]));
}

abi_long lu_sys_mknod(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(mknod(path, (mode_t)c->a[1], (dev_t)c->a[2]));
}

abi_long lu_sys_mknodat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(mknodat((int)c->a[0], path, (mode_t)c->a[2], (dev_t)c->a[3]));
}

abi_long lu_sys_chmod(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(chmod(path, (mode_t)c->a[1]));
}

abi_long lu_sys_fchmod(LuCall *c)
{
    return lu_ret(fchmod((int)c->a[0], (mode_t)c->a[1]));
}

abi_long lu_sys_fchmodat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(fchmodat((int)c->a[0], path, (mode_t)c->a[2], 0));
}

abi_long lu_sys_chown(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(chown(path, (uid_t)c->a[1], (gid_t)c->a[2]));
}

abi_long lu_sys_lchown(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(lchown(path, (uid_t)c->a[1], (gid_t)c->a[2]));
}

abi_long lu_sys_fchown(LuCall *c)
{
    return lu_ret(fchown((int)c->a[0], (uid_t)c->a[1], (gid_t)c->a[2]));
}

abi_long lu_sys_fchownat(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(fchownat((int)c->a[0], path, (uid_t)c->a[2], (gid_t)c->a[3], (int)c->a[4]));
}

/* Two-path calls: the second path gets its own buffer. */
#define TWO_PATHS(p1, a1, p2, a2)                              \
    PATH_OR_FAULT(p1, buf1, a1);                               \
    char buf2[4096];                                           \
    const char *p2##_g = lu_lock_string(a2);                   \
    if (!p2##_g) {                                             \
        return -EFAULT;                                        \
    }                                                          \
    const char *p2 = lu_path(p2##_g, buf2, sizeof(buf2))

abi_long lu_sys_link(LuCall *c)
{
    TWO_PATHS(from, c->a[0], to, c->a[1]);
    return lu_ret(link(from, to));
}

abi_long lu_sys_linkat(LuCall *c)
{
    TWO_PATHS(from, c->a[1], to, c->a[3]);
    return lu_ret(linkat((int)c->a[0], from, (int)c->a[2], to, (int)c->a[4]));
}

abi_long lu_sys_symlink(LuCall *c)
{
    /* the link's contents are stored as the guest wrote them */
    const char *target = lu_lock_string(c->a[0]);
    PATH_OR_FAULT(path, buf, c->a[1]);
    if (!target) {
        return -EFAULT;
    }
    return lu_ret(symlink(target, path));
}

abi_long lu_sys_symlinkat(LuCall *c)
{
    const char *target = lu_lock_string(c->a[0]);
    PATH_OR_FAULT(path, buf, c->a[2]);
    if (!target) {
        return -EFAULT;
    }
    return lu_ret(symlinkat(target, (int)c->a[1], path));
}

abi_long lu_sys_rename(LuCall *c)
{
    TWO_PATHS(from, c->a[0], to, c->a[1]);
    return lu_ret(rename(from, to));
}

abi_long lu_sys_renameat(LuCall *c)
{
    TWO_PATHS(from, c->a[1], to, c->a[3]);
    return lu_ret(renameat((int)c->a[0], from, (int)c->a[2], to));
}

abi_long lu_sys_renameat2(LuCall *c)
{
    TWO_PATHS(from, c->a[1], to, c->a[3]);
    return lu_ret(renameat2((int)c->a[0], from, (int)c->a[2], to, (unsigned)c->a[4]));
}

abi_long lu_sys_truncate(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(truncate(path, (off_t)(abi_long)c->a[1]));
}

abi_long lu_sys_ftruncate(LuCall *c)
{
    return lu_ret(ftruncate((int)c->a[0], (off_t)(abi_long)c->a[1]));
}

abi_long lu_sys_truncate64(LuCall *c)
{
    PATH_OR_FAULT(path, buf, c->a[0]);
    return lu_ret(truncate(path, (off_t)c->a[1]));
}

abi_long lu_sys_ftruncate64(LuCall *c)
{
    return lu_ret(ftruncate((int)c->a[0], (off_t)c->a[1]));
}

abi_long lu_sys_fsync(LuCall *c)
{
    return lu_ret(fsync((int)c->a[0]));
}

abi_long lu_sys_fdatasync(LuCall *c)
{
    return lu_ret(fdatasync((int)c->a[0]));
}

abi_long lu_sys_sync(LuCall *c)
{
    sync();
    return 0;
}

abi_long lu_sys_umask(LuCall *c)
{
    return umask((mode_t)c->a[0]);
}

abi_long lu_sys_flock(LuCall *c)
{
    return lu_raw_ret(lu_safe6(SYS_flock, (int)c->a[0], (int)c->a[1], 0, 0, 0, 0));
}

abi_long lu_sys_fadvise64_64(LuCall *c)
{
    return 0;
}

abi_long lu_sys_fallocate(LuCall *c)
{
    return lu_ret(fallocate((int)c->a[0], (int)c->a[1], (off_t)c->a[2], (off_t)c->a[3]));
}

static abi_long do_utimensat(LuCall *c, bool time64)
{
    struct timespec ts[2], *tsp = NULL;
    if (c->a[2]) {
        for (int i = 0; i < 2; i++) {
            if (time64) {
                int64_t w[2];
                if (lu_copy_from(w, c->a[2] + 16 * i, 16)) {
                    return -EFAULT;
                }
                ts[i].tv_sec = (int64_t)tswap64(w[0]);
                ts[i].tv_nsec = (int64_t)tswap64(w[1]);
            } else {
                abi_ulong w[2];
                if (lu_copy_from(w, c->a[2] + sizeof(w) * i, sizeof(w))) {
                    return -EFAULT;
                }
                ts[i].tv_sec = (abi_long)tswapal(w[0]);
                ts[i].tv_nsec = (abi_long)tswapal(w[1]);
            }
        }
        tsp = ts;
    }
    if (!c->a[1]) {
        return lu_ret(futimens((int)c->a[0], tsp));
    }
    PATH_OR_FAULT(path, buf, c->a[1]);
    return lu_ret(utimensat((int)c->a[0], path, tsp, (int)c->a[3]));
}

abi_long lu_sys_utimensat(LuCall *c)
{
    return do_utimensat(c, false);
}

abi_long lu_sys_utimensat_time64(LuCall *c)
{
    return do_utimensat(c, true);
}

/* ---- descriptors ---------------------------------------------------------------- */

abi_long lu_sys_dup(LuCall *c)
{
    return lu_ret(dup((int)c->a[0]));
}

abi_long lu_sys_dup2(LuCall *c)
{
    return lu_ret(dup2((int)c->a[0], (int)c->a[1]));
}

abi_long lu_sys_dup3(LuCall *c)
{
    return lu_ret(dup3((int)c->a[0], (int)c->a[1], open_flags_t2h((int)c->a[2])));
}

static abi_long put_pipe(abi_ulong addr, const int fds[2])
{
    uint32_t w[2] = { tswap32(fds[0]), tswap32(fds[1]) };
    if (lu_copy_to(addr, w, 8)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_pipe(LuCall *c)
{
    int fds[2];
    if (pipe(fds) < 0) {
        return lu_errno(errno);
    }
    return put_pipe(c->a[0], fds);
}

abi_long lu_sys_pipe2(LuCall *c)
{
    int fds[2];
    if (pipe2(fds, open_flags_t2h((int)c->a[1])) < 0) {
        return lu_errno(errno);
    }
    return put_pipe(c->a[0], fds);
}

static abi_long do_fcntl(LuCall *c)
{
    int fd = (int)c->a[0], cmd = (int)c->a[1];
    abi_ulong arg = c->a[2];
    switch (cmd) {
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? lu_errno(errno) : open_flags_h2t(r);
    }
    case F_SETFL:
        return lu_ret(fcntl(fd, F_SETFL, open_flags_t2h((int)arg)));
    case TARGET_F_GETLK64:
    case TARGET_F_SETLK64:
    case TARGET_F_SETLKW64: {
        struct target_flock64 t;
        if (lu_copy_from(&t, arg, sizeof(t))) {
            return -EFAULT;
        }
        struct flock fl = {
            .l_type = (int16_t)tswap16(t.l_type), .l_whence = (int16_t)tswap16(t.l_whence),
            .l_start = (int64_t)tswap64(t.l_start), .l_len = (int64_t)tswap64(t.l_len),
            .l_pid = (int32_t)tswap32(t.l_pid),
        };
        int hcmd = cmd == TARGET_F_GETLK64 ? F_GETLK : cmd == TARGET_F_SETLK64 ? F_SETLK : F_SETLKW;
        long r = lu_safe6(SYS_fcntl, fd, hcmd, &fl, 0, 0, 0);
        if (r < 0) {
            return lu_raw_ret(r);
        }
        if (cmd == TARGET_F_GETLK64) {
            t.l_type = tswap16(fl.l_type);
            t.l_whence = tswap16(fl.l_whence);
            t.l_start = (int64_t)tswap64(fl.l_start);
            t.l_len = (int64_t)tswap64(fl.l_len);
            t.l_pid = (int32_t)tswap32(fl.l_pid);
            if (lu_copy_to(arg, &t, sizeof(t))) {
                return -EFAULT;
            }
        }
        return 0;
    }
#if TARGET_F_GETLK64 != F_GETLK
    /* (64-bit ABIs have only the one struct flock, under these numbers) */
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        lu_log_unimp("fcntl: 32-bit struct flock (cmd %d)", cmd);
        return -EINVAL;
#endif
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_GETSIG:
    case F_SETSIG:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return lu_ret(fcntl(fd, cmd, (long)arg));
    default:
        lu_log_unimp("fcntl cmd %d", cmd);
        return -EINVAL;
    }
}

abi_long lu_sys_fcntl(LuCall *c)
{
    return do_fcntl(c);
}

abi_long lu_sys_fcntl64(LuCall *c)
{
    return do_fcntl(c);
}

/*
 * Terminal ioctls.  struct termios (4 tcflag_t, c_line, 19 c_cc) and struct
 * winsize have the same layout and flag values for the generic ABIs; only
 * the byte order of their words can differ.
 */
abi_long lu_sys_ioctl(LuCall *c)
{
    int fd = (int)c->a[0];
    unsigned req = (unsigned)c->a[1];
    abi_ulong arg = c->a[2];
    switch (req) {
    case TCGETS: {
        struct termios t;
        if (ioctl(fd, TCGETS, &t) < 0) {
            return lu_errno(errno);
        }
        uint32_t w[4] = { tswap32(t.c_iflag), tswap32(t.c_oflag), tswap32(t.c_cflag),
                          tswap32(t.c_lflag) };
        uint8_t buf[36];
        memcpy(buf, w, 16);
        buf[16] = t.c_line;
        memcpy(buf + 17, t.c_cc, 19);
        return lu_copy_to(arg, buf, sizeof(buf)) ? -EFAULT : 0;
    }
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
        uint8_t buf[36];
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
        t.c_lflag = tswap32(w[3]);
        t.c_line = buf[16];
        memcpy(t.c_cc, buf + 17, 19);
        return lu_ret(ioctl(fd, req, &t));
    }
    case TIOCGWINSZ: {
        struct winsize ws;
        if (ioctl(fd, TIOCGWINSZ, &ws) < 0) {
            return lu_errno(errno);
        }
        uint16_t w[4] = { tswap16(ws.ws_row), tswap16(ws.ws_col), tswap16(ws.ws_xpixel),
                          tswap16(ws.ws_ypixel) };
        return lu_copy_to(arg, w, 8) ? -EFAULT : 0;
    }
    case TIOCSWINSZ: {
        uint16_t w[4];
        if (lu_copy_from(w, arg, 8)) {
            return -EFAULT;
        }
        struct winsize ws = { tswap16(w[0]), tswap16(w[1]), tswap16(w[2]), tswap16(w[3]) };
        return lu_ret(ioctl(fd, TIOCSWINSZ, &ws));
    }
    case TIOCGPGRP:
    case FIONREAD:
    case TIOCGSID: {
        int v;
        if (ioctl(fd, req, &v) < 0) {
            return lu_errno(errno);
        }
        return lu_put_u32(arg, v) ? -EFAULT : 0;
    }
    case TIOCSPGRP:
    case FIONBIO:
    case FIOASYNC: {
        uint32_t v;
        if (lu_copy_from(&v, arg, 4)) {
            return -EFAULT;
        }
        int iv = (int)tswap32(v);
        return lu_ret(ioctl(fd, req, &iv));
    }
    case TIOCSCTTY:
    case TIOCNOTTY:
    case FIOCLEX:
    case FIONCLEX:
    case TCFLSH:
    case TCXONC:
    case TCSBRK:
        return lu_ret(ioctl(fd, req, (long)arg));
    default:
        lu_log_unimp("ioctl 0x%x on fd %d", req, fd);
        return -ENOTTY;
    }
}
