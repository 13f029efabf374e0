/*
 * sys-mem.c — memory and time syscalls: mmap2/munmap/mprotect/mremap/brk
 * over mmap.c, and the clocks, sleeps and timers with the guest's 32-bit
 * and 64-bit (_time64) timespec/timeval layouts.
 */
#include "linux-user/user-internals.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

abi_long lu_sys_mmap2(LuCall *c)
{
    /* mmap2's offset is in 4096-byte units whatever the page size */
    return lu_mmap(c->a[0], c->a[1], (int)c->a[2], (int)c->a[3], (int)c->a[4],
                   (uint64_t)c->a[5] << 12);
}

abi_long lu_sys_munmap(LuCall *c)
{
    return lu_munmap(c->a[0], c->a[1]);
}

abi_long lu_sys_mprotect(LuCall *c)
{
    return lu_mprotect(c->a[0], c->a[1], (int)c->a[2]);
}

abi_long lu_sys_mremap(LuCall *c)
{
    return lu_mremap(c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4]);
}

abi_long lu_sys_brk(LuCall *c)
{
    return lu_brk(c->a[0]);
}

abi_long lu_sys_madvise(LuCall *c)
{
    /* advice only; MADV_DONTNEED's zeroing of private anonymous pages matters */
    if ((int)c->a[2] == MADV_DONTNEED && page_check_range(c->a[0], c->a[1], PAGE_VALID)) {
        return lu_ret(madvise(g2h(c->a[0]), c->a[1], MADV_DONTNEED));
    }
    return 0;
}

abi_long lu_sys_msync(LuCall *c)
{
    return lu_ret(msync(g2h(c->a[0]), c->a[1], (int)c->a[2]));
}

abi_long lu_sys_mlock(LuCall *c)
{
    return 0;
}

abi_long lu_sys_munlock(LuCall *c)
{
    return 0;
}

abi_long lu_sys_memfd_create(LuCall *c)
{
    const char *name = lu_lock_string(c->a[0]);
    if (!name) {
        return -EFAULT;
    }
    return lu_ret(syscall(SYS_memfd_create, name, (unsigned)c->a[1]));
}

/* ---- time ------------------------------------------------------------------------- */


int lu_get_timespec(abi_ulong addr, struct timespec *ts, bool time64)
{
    if (time64) {
        int64_t w[2];
        if (lu_copy_from(w, addr, 16)) {
            return -EFAULT;
        }
        ts->tv_sec = (int64_t)tswap64(w[0]);
        ts->tv_nsec = (int64_t)tswap64(w[1]);
    } else {
        abi_ulong w[2];
        if (lu_copy_from(w, addr, sizeof(w))) {
            return -EFAULT;
        }
        ts->tv_sec = (abi_long)tswapal(w[0]);
        ts->tv_nsec = (abi_long)tswapal(w[1]);
    }
    return 0;
}

int lu_put_timespec(abi_ulong addr, const struct timespec *ts, bool time64)
{
    if (time64) {
        int64_t w[2] = { (int64_t)tswap64(ts->tv_sec), (int64_t)tswap64(ts->tv_nsec) };
        return lu_copy_to(addr, w, 16);
    }
    abi_ulong w[2] = { tswapal((abi_ulong)ts->tv_sec), tswapal((abi_ulong)ts->tv_nsec) };
    return lu_copy_to(addr, w, sizeof(w));
}

static abi_long do_clock_gettime(LuCall *c, bool time64)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)c->a[0], &ts) < 0) {
        return lu_errno(errno);
    }
    return lu_put_timespec(c->a[1], &ts, time64) ? -EFAULT : 0;
}

abi_long lu_sys_clock_gettime(LuCall *c)
{
    return do_clock_gettime(c, false);
}

abi_long lu_sys_clock_gettime64(LuCall *c)
{
    return do_clock_gettime(c, true);
}

static abi_long do_clock_getres(LuCall *c, bool time64)
{
    struct timespec ts;
    if (clock_getres((clockid_t)c->a[0], &ts) < 0) {
        return lu_errno(errno);
    }
    return c->a[1] && lu_put_timespec(c->a[1], &ts, time64) ? -EFAULT : 0;
}

abi_long lu_sys_clock_getres(LuCall *c)
{
    return do_clock_getres(c, false);
}

abi_long lu_sys_clock_getres_time64(LuCall *c)
{
    return do_clock_getres(c, true);
}

abi_long lu_sys_gettimeofday(LuCall *c)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (c->a[0]) {
        abi_ulong w[2] = { tswapal((abi_ulong)tv.tv_sec), tswapal((abi_ulong)tv.tv_usec) };
        if (lu_copy_to(c->a[0], w, sizeof(w))) {
            return -EFAULT;
        }
    }
    if (c->a[1]) {
        uint32_t z[2] = { 0, 0 };
        if (lu_copy_to(c->a[1], z, 8)) {
            return -EFAULT;
        }
    }
    return 0;
}

abi_long lu_sys_settimeofday(LuCall *c)
{
    return -EPERM;
}

abi_long lu_sys_time(LuCall *c)
{
    time_t t = time(NULL);
    if (c->a[0] && lu_put_ulong(c->a[0], (abi_ulong)t)) {
        return -EFAULT;
    }
    return (abi_long)t;
}

static abi_long do_sleep(clockid_t clk, int flags, abi_ulong req, abi_ulong rem, bool time64)
{
    struct timespec ts, left = { 0, 0 };
    if (lu_get_timespec(req, &ts, time64)) {
        return -EFAULT;
    }
    long r = lu_safe6(SYS_clock_nanosleep, clk, flags, &ts, &left, 0, 0);
    int e = r < 0 ? (int)-r : 0;
    if (r == -EINTR && !(flags & TIMER_ABSTIME) && left.tv_sec == 0 && left.tv_nsec == 0) {
        left = ts;                 /* aborted before the kernel saw it: nothing slept */
    }
    if (e == EINTR && rem && !(flags & TIMER_ABSTIME)) {
        if (lu_put_timespec(rem, &left, time64)) {
            return -EFAULT;
        }
    }
    /* a sleep interrupted by a handler is never restarted (the kernel's rule) */
    return e ? lu_errno(e) : 0;
}

abi_long lu_sys_nanosleep(LuCall *c)
{
    return do_sleep(CLOCK_MONOTONIC, 0, c->a[0], c->a[1], false);
}

abi_long lu_sys_clock_nanosleep(LuCall *c)
{
    return do_sleep((clockid_t)c->a[0], (int)c->a[1], c->a[2], c->a[3], false);
}

abi_long lu_sys_clock_nanosleep_time64(LuCall *c)
{
    return do_sleep((clockid_t)c->a[0], (int)c->a[1], c->a[2], c->a[3], true);
}

abi_long lu_sys_alarm(LuCall *c)
{
    return alarm((unsigned)c->a[0]);
}

static int get_itimerval(abi_ulong addr, struct itimerval *it)
{
    abi_ulong w[4];
    if (lu_copy_from(w, addr, sizeof(w))) {
        return -EFAULT;
    }
    it->it_interval.tv_sec = (abi_long)tswapal(w[0]);
    it->it_interval.tv_usec = (abi_long)tswapal(w[1]);
    it->it_value.tv_sec = (abi_long)tswapal(w[2]);
    it->it_value.tv_usec = (abi_long)tswapal(w[3]);
    return 0;
}

static int put_itimerval(abi_ulong addr, const struct itimerval *it)
{
    abi_ulong w[4] = { tswapal(it->it_interval.tv_sec), tswapal(it->it_interval.tv_usec),
                       tswapal(it->it_value.tv_sec), tswapal(it->it_value.tv_usec) };
    return lu_copy_to(addr, w, sizeof(w));
}

abi_long lu_sys_setitimer(LuCall *c)
{
    struct itimerval nv, ov;
    if (get_itimerval(c->a[1], &nv)) {
        return -EFAULT;
    }
    if (setitimer((int)c->a[0], &nv, &ov) < 0) {
        return lu_errno(errno);
    }
    return c->a[2] && put_itimerval(c->a[2], &ov) ? -EFAULT : 0;
}

abi_long lu_sys_getitimer(LuCall *c)
{
    struct itimerval v;
    if (getitimer((int)c->a[0], &v) < 0) {
        return lu_errno(errno);
    }
    return put_itimerval(c->a[1], &v) ? -EFAULT : 0;
}
