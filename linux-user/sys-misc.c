/*
 * sys-misc.c — the smaller calls whose arguments pass through with at most
 * a word-size or byte-order change: personality, capabilities, inotify,
 * timerfd (itimerspec in both time layouts), splice/tee, sync_file_range,
 * getcpu, mlockall, scheduler parameters, mount, statfs/fstatfs (the
 * word-sized struct statfs), nice, syncfs, readahead, close_range, pidfd.
 *
 * Byte order: inotify events and timerfd counts are read with read(2);
 * sys-file.c swaps them for a big-endian guest (lu_fd_set_kind here notes
 * which descriptors carry them).
 */
#include "linux-user/user-internals.h"

#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sched.h>
#include <unistd.h>


abi_long lu_sys_personality(LuCall *c)
{
    /* the guest is always PER_LINUX; 0xffffffff queries */
    return 0;
}

abi_long lu_sys_capget(LuCall *c)
{
    /* header { u32 version; int pid } and data { u32 effective, permitted, inheritable }[] */
    uint32_t hdr[2];
    if (lu_copy_from(hdr, c->a[0], 8)) {
        return -EFAULT;
    }
    uint32_t h[2] = { tswap32(hdr[0]), tswap32(hdr[1]) };
    uint32_t data[6] = { 0 };
    long r = syscall(SYS_capget, h, c->a[1] ? data : NULL);
    uint32_t back[2] = { tswap32(h[0]), tswap32(h[1]) };
    lu_copy_to(c->a[0], back, 8);
    if (r < 0) {
        return lu_errno(errno);
    }
    if (c->a[1]) {
        unsigned n = h[0] == 0x19980330 ? 3 : 6;   /* v1: one set, v2/v3: two */
        for (unsigned i = 0; i < n; i++) {
            data[i] = tswap32(data[i]);
        }
        if (lu_copy_to(c->a[1], data, n * 4)) {
            return -EFAULT;
        }
    }
    return 0;
}

abi_long lu_sys_capset(LuCall *c)
{
    uint32_t hdr[2], data[6] = { 0 };
    if (lu_copy_from(hdr, c->a[0], 8)) {
        return -EFAULT;
    }
    uint32_t h[2] = { tswap32(hdr[0]), tswap32(hdr[1]) };
    unsigned n = h[0] == 0x19980330 ? 3 : 6;
    if (lu_copy_from(data, c->a[1], n * 4)) {
        return -EFAULT;
    }
    for (unsigned i = 0; i < n; i++) {
        data[i] = tswap32(data[i]);
    }
    return lu_ret(syscall(SYS_capset, h, data));
}

abi_long lu_sys_inotify_init(LuCall *c)
{
    int fd = inotify_init();
    lu_fd_set_kind(fd, LU_FD_INOTIFY);
    return lu_ret(fd);
}

abi_long lu_sys_inotify_init1(LuCall *c)
{
    int fd = inotify_init1((int)c->a[0]);
    lu_fd_set_kind(fd, LU_FD_INOTIFY);
    return lu_ret(fd);
}

abi_long lu_sys_inotify_add_watch(LuCall *c)
{
    const char *gp = lu_lock_string(c->a[1]);
    char buf[4096];
    if (!gp) {
        return -EFAULT;
    }
    return lu_ret(inotify_add_watch((int)c->a[0], lu_path(gp, buf, sizeof(buf)),
                                    (uint32_t)c->a[2]));
}

abi_long lu_sys_inotify_rm_watch(LuCall *c)
{
    return lu_ret(inotify_rm_watch((int)c->a[0], (int)c->a[1]));
}

abi_long lu_sys_timerfd_create(LuCall *c)
{
    int fd = timerfd_create((int)c->a[0], (int)c->a[1]);
    lu_fd_set_kind(fd, LU_FD_COUNTER);
    return lu_ret(fd);
}

static int get_itimerspec(abi_ulong addr, struct itimerspec *its, bool time64)
{
    unsigned step = time64 ? 16 : 2 * sizeof(abi_ulong);
    if (lu_get_timespec(addr, &its->it_interval, time64) ||
        lu_get_timespec(addr + step, &its->it_value, time64)) {
        return -EFAULT;
    }
    return 0;
}

static int put_itimerspec(abi_ulong addr, const struct itimerspec *its, bool time64)
{
    unsigned step = time64 ? 16 : 2 * sizeof(abi_ulong);
    if (lu_put_timespec(addr, &its->it_interval, time64) ||
        lu_put_timespec(addr + step, &its->it_value, time64)) {
        return -EFAULT;
    }
    return 0;
}

static abi_long do_timerfd_settime(LuCall *c, bool time64)
{
    struct itimerspec nv, ov;
    if (get_itimerspec(c->a[2], &nv, time64)) {
        return -EFAULT;
    }
    if (timerfd_settime((int)c->a[0], (int)c->a[1], &nv, &ov) < 0) {
        return lu_errno(errno);
    }
    return c->a[3] && put_itimerspec(c->a[3], &ov, time64) ? -EFAULT : 0;
}

static abi_long do_timerfd_gettime(LuCall *c, bool time64)
{
    struct itimerspec v;
    if (timerfd_gettime((int)c->a[0], &v) < 0) {
        return lu_errno(errno);
    }
    return put_itimerspec(c->a[1], &v, time64) ? -EFAULT : 0;
}

abi_long lu_sys_timerfd_settime(LuCall *c) { return do_timerfd_settime(c, false); }
abi_long lu_sys_timerfd_settime64(LuCall *c) { return do_timerfd_settime(c, true); }
abi_long lu_sys_timerfd_gettime(LuCall *c) { return do_timerfd_gettime(c, false); }
abi_long lu_sys_timerfd_gettime64(LuCall *c) { return do_timerfd_gettime(c, true); }

static int get_off(abi_ulong addr, int64_t *off)
{
    uint64_t v;
    if (lu_copy_from(&v, addr, 8)) {
        return -EFAULT;
    }
    *off = (int64_t)tswap64(v);
    return 0;
}

static int put_off(abi_ulong addr, int64_t off)
{
    uint64_t v = tswap64((uint64_t)off);
    return lu_copy_to(addr, &v, 8);
}

abi_long lu_sys_splice(LuCall *c)
{
    int64_t in, out, *inp = NULL, *outp = NULL;
    if (c->a[1]) {
        if (get_off(c->a[1], &in)) {
            return -EFAULT;
        }
        inp = &in;
    }
    if (c->a[3]) {
        if (get_off(c->a[3], &out)) {
            return -EFAULT;
        }
        outp = &out;
    }
    long r = lu_safe6(SYS_splice, (int)c->a[0], inp, (int)c->a[2], outp, c->a[4],
                      (unsigned)c->a[5]);
    if (r >= 0 && ((inp && put_off(c->a[1], in)) || (outp && put_off(c->a[3], out)))) {
        return -EFAULT;
    }
    return lu_raw_ret(r);
}

abi_long lu_sys_tee(LuCall *c)
{
    return lu_raw_ret(lu_safe6(SYS_tee, (int)c->a[0], (int)c->a[1], c->a[2], (unsigned)c->a[3],
                               0, 0));
}

abi_long lu_sys_sync_file_range2(LuCall *c)
{
    /* ARM's argument order: fd, flags, offset, nbytes (the 64-bit pairs aligned) */
    return lu_ret(sync_file_range((int)c->a[0], (off_t)c->a[2], (off_t)c->a[3],
                                  (unsigned)c->a[1]));
}

abi_long lu_sys_getcpu(LuCall *c)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
        return lu_errno(errno);
    }
    if ((c->a[0] && lu_put_u32(c->a[0], cpu)) || (c->a[1] && lu_put_u32(c->a[1], node))) {
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_mlockall(LuCall *c)
{
    return 0;
}

abi_long lu_sys_munlockall(LuCall *c)
{
    return 0;
}

abi_long lu_sys_sched_setparam(LuCall *c)
{
    uint32_t p;
    if (lu_copy_from(&p, c->a[1], 4)) {
        return -EFAULT;
    }
    struct sched_param sp = { .sched_priority = (int)tswap32(p) };
    return lu_ret(sched_setparam((pid_t)c->a[0], &sp));
}

abi_long lu_sys_sched_setscheduler(LuCall *c)
{
    uint32_t p;
    if (lu_copy_from(&p, c->a[2], 4)) {
        return -EFAULT;
    }
    struct sched_param sp = { .sched_priority = (int)tswap32(p) };
    return lu_ret(sched_setscheduler((pid_t)c->a[0], (int)c->a[1], &sp));
}

abi_long lu_sys_sched_rr_get_interval(LuCall *c)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)c->a[0], &ts) < 0) {
        return lu_errno(errno);
    }
    return lu_put_timespec(c->a[1], &ts, false) ? -EFAULT : 0;
}

abi_long lu_sys_mount(LuCall *c)
{
    const char *src = c->a[0] ? lu_lock_string(c->a[0]) : NULL;
    const char *dst = lu_lock_string(c->a[1]);
    const char *type = c->a[2] ? lu_lock_string(c->a[2]) : NULL;
    if (!dst || (c->a[0] && !src) || (c->a[2] && !type)) {
        return -EFAULT;
    }
    const char *data = c->a[4] ? lu_lock_string(c->a[4]) : NULL;
    return lu_ret(mount(src, dst, type, (unsigned long)c->a[3], data));
}

abi_long lu_sys_umount2(LuCall *c)
{
    const char *p = lu_lock_string(c->a[0]);
    return p ? lu_ret(umount2(p, (int)c->a[1])) : -EFAULT;
}

/* The word-sized struct statfs (f_type .. f_frsize, f_flags, spare). */
static abi_long put_statfs(abi_ulong addr, const struct statfs *s)
{
    abi_ulong w[16] = { 0 };
    w[0] = tswapal((abi_ulong)s->f_type);
    w[1] = tswapal((abi_ulong)s->f_bsize);
    uint64_t big[5] = { s->f_blocks, s->f_bfree, s->f_bavail, s->f_files, s->f_ffree };
    for (int i = 0; i < 5; i++) {
        if (TARGET_ABI_BITS == 32 && big[i] > 0xffffffffu) {
            return -EOVERFLOW;
        }
        w[2 + i] = tswapal((abi_ulong)big[i]);
    }
    memcpy(&w[7], &s->f_fsid, 8 < 2 * sizeof(abi_ulong) ? 8 : 2 * sizeof(abi_ulong));
    w[9] = tswapal((abi_ulong)s->f_namelen);
    w[10] = tswapal((abi_ulong)s->f_frsize);
    w[11] = tswapal((abi_ulong)s->f_flags);
    return lu_copy_to(addr, w, 15 * sizeof(abi_ulong)) ? -EFAULT : 0;
}

abi_long lu_sys_statfs(LuCall *c)
{
    const char *gp = lu_lock_string(c->a[0]);
    char buf[4096];
    struct statfs s;
    if (!gp) {
        return -EFAULT;
    }
    if (statfs(lu_path(gp, buf, sizeof(buf)), &s) < 0) {
        return lu_errno(errno);
    }
    return put_statfs(c->a[1], &s);
}

abi_long lu_sys_fstatfs(LuCall *c)
{
    struct statfs s;
    if (fstatfs((int)c->a[0], &s) < 0) {
        return lu_errno(errno);
    }
    return put_statfs(c->a[1], &s);
}

abi_long lu_sys_nice(LuCall *c)
{
    errno = 0;
    int r = nice((int)c->a[0]);
    return r == -1 && errno ? lu_errno(errno) : 0;
}

abi_long lu_sys_syncfs(LuCall *c)
{
    return lu_ret(syncfs((int)c->a[0]));
}

abi_long lu_sys_readahead(LuCall *c)
{
    return lu_ret(readahead((int)c->a[0], (off64_t)c->a[1], c->a[2]));
}

abi_long lu_sys_close_range(LuCall *c)
{
    return lu_ret(syscall(SYS_close_range, (unsigned)c->a[0], (unsigned)c->a[1],
                          (unsigned)c->a[2]));
}

abi_long lu_sys_pidfd_open(LuCall *c)
{
    return lu_ret(syscall(SYS_pidfd_open, (pid_t)c->a[0], (unsigned)c->a[1]));
}

abi_long lu_sys_setfsuid(LuCall *c)
{
    return syscall(SYS_setfsuid, (uid_t)c->a[0]);
}

abi_long lu_sys_setfsgid(LuCall *c)
{
    return syscall(SYS_setfsgid, (gid_t)c->a[0]);
}

abi_long lu_sys_clock_settime(LuCall *c)
{
    return -EPERM;
}
