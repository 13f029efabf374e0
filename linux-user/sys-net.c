/*
 * sys-net.c — waiting on descriptors and sockets: poll/ppoll,
 * select/pselect6 (fd_set as guest words), epoll (the guest's
 * epoll_event layout), eventfd, and the socket calls with sockaddr,
 * msghdr/cmsghdr and the timeval socket options converted.
 */
#include "linux-user/user-internals.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>


/* ---- the temporary signal mask of ppoll, pselect6, epoll_pwait -------------------- */

/*
 * Install the guest's temporary mask for the call (as sigsuspend does): a
 * signal it unblocks aborts or interrupts the call and is delivered with the
 * old mask saved in its frame.  Returns 0 or -EFAULT.
 */
static int mask_enter(abi_ulong maskaddr, abi_ulong size, bool *installed)
{
    *installed = false;
    if (!maskaddr) {
        return 0;
    }
    if (size != TARGET_NSIG_BYTES) {
        return -EINVAL;
    }
    uint32_t w[2];
    if (lu_copy_from(w, maskaddr, 8)) {
        return -EFAULT;
    }
    LuTask *t = lu_task;
    t->saved_sigmask = t->sigmask;
    t->has_saved_sigmask = true;
    t->sigmask = (tswap32(w[0]) | (uint64_t)tswap32(w[1]) << 32) &
                 ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
    lu_signal_recheck();
    *installed = true;
    return 0;
}

/* An interrupted call leaves the old mask for lu_process_signals to restore. */
static void mask_leave(bool installed, abi_long r)
{
    if (installed && r != -EINTR) {
        lu_task->sigmask = lu_task->saved_sigmask;
        lu_task->has_saved_sigmask = false;
    }
}

/* ---- poll ----------------------------------------------------------------------- */

/*
 * poll(2) event bits: generic everywhere but POLLWRNORM and POLLWRBAND on
 * MIPS (TARGET_POLLWRBAND: POLLWRNORM is POLLOUT there, POLLWRBAND is the
 * generic POLLWRNORM bit).  epoll's EPOLL* bits are the same on every
 * architecture.
 */
static short poll_events_t2h(uint16_t t)
{
#ifdef TARGET_POLLWRBAND
    return (short)((t & ~TARGET_POLLWRBAND) | (t & TARGET_POLLWRBAND ? POLLWRBAND : 0));
#else
    return (short)t;
#endif
}

static uint16_t poll_events_h2t(short h)
{
#ifdef TARGET_POLLWRBAND
    uint16_t t = (uint16_t)h & ~(POLLWRNORM | POLLWRBAND);
    return t | (h & POLLWRNORM ? POLLOUT : 0) | (h & POLLWRBAND ? TARGET_POLLWRBAND : 0);
#else
    return (uint16_t)h;
#endif
}

/* tmo (may be NULL) is updated with the time left, as the kernel does. */
static abi_long do_poll(abi_ulong ufds, unsigned nfds, struct timespec *tmo)
{
    if (nfds > 65536) {
        return -EINVAL;
    }
    struct pollfd *p = lu_lock(ufds, sizeof(struct pollfd) * nfds, true);
    if (!p && nfds) {
        return -EFAULT;
    }
    /* struct pollfd is int + two shorts everywhere: only the byte order differs */
    g_autofree struct pollfd *h = g_new(struct pollfd, nfds ? nfds : 1);
    for (unsigned i = 0; i < nfds; i++) {
        h[i].fd = (int)tswap32(p[i].fd);
        h[i].events = poll_events_t2h(tswap16(p[i].events));
        h[i].revents = 0;
    }
    long r = lu_safe6(SYS_ppoll, h, nfds, tmo, NULL, 8, 0);
    if (r < 0) {
        return lu_raw_ret(r);
    }
    for (unsigned i = 0; i < nfds; i++) {
        p[i].revents = (short)tswap16(poll_events_h2t(h[i].revents));
    }
    return r;
}

abi_long lu_sys_poll(LuCall *c)
{
    int ms = (int)c->a[2];
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    return do_poll(c->a[0], (unsigned)c->a[1], ms < 0 ? NULL : &ts);
}

static abi_long do_ppoll(LuCall *c, bool time64)
{
    struct timespec ts, *tsp = NULL;
    if (c->a[2]) {
        if (lu_get_timespec(c->a[2], &ts, time64)) {
            return -EFAULT;
        }
        tsp = &ts;
    }
    bool installed;
    int e = mask_enter(c->a[3], c->a[4], &installed);
    if (e) {
        return e;
    }
    /* host signals stay deliverable: the guest's mask is applied by the delivery */
    abi_long r = do_poll(c->a[0], (unsigned)c->a[1], tsp);
    if (c->a[2] && (r >= 0 || r == -EINTR) && lu_put_timespec(c->a[2], &ts, time64)) {
        r = -EFAULT;
    }
    mask_leave(installed, r);
    return r;
}

abi_long lu_sys_ppoll(LuCall *c)
{
    return do_ppoll(c, false);
}

abi_long lu_sys_ppoll_time64(LuCall *c)
{
    return do_ppoll(c, true);
}

/* ---- select ---------------------------------------------------------------------- */

#define ABI_BITS (8 * sizeof(abi_ulong))

static int get_fdset(abi_ulong addr, int n, fd_set *s)
{
    FD_ZERO(s);
    if (!addr) {
        return 0;
    }
    int words = (n + ABI_BITS - 1) / ABI_BITS;
    for (int w = 0; w < words; w++) {
        abi_ulong v;
        if (lu_get_ulong(addr + w * sizeof(abi_ulong), &v)) {
            return -EFAULT;
        }
        for (unsigned b = 0; b < ABI_BITS && w * ABI_BITS + b < (unsigned)n; b++) {
            if (v >> b & 1) {
                FD_SET(w * ABI_BITS + b, s);
            }
        }
    }
    return 0;
}

static int put_fdset(abi_ulong addr, int n, const fd_set *s)
{
    if (!addr) {
        return 0;
    }
    int words = (n + ABI_BITS - 1) / ABI_BITS;
    for (int w = 0; w < words; w++) {
        abi_ulong v = 0;
        for (unsigned b = 0; b < ABI_BITS && w * ABI_BITS + b < (unsigned)n; b++) {
            if (FD_ISSET(w * ABI_BITS + b, s)) {
                v |= (abi_ulong)1 << b;
            }
        }
        if (lu_put_ulong(addr + w * sizeof(abi_ulong), v)) {
            return -EFAULT;
        }
    }
    return 0;
}

static abi_long do_select(int n, abi_ulong ra, abi_ulong wa, abi_ulong ea,
                          struct timespec *tmo, abi_ulong tmo_addr, int tmo_kind)
{
    if (n < 0 || n > FD_SETSIZE) {
        return -EINVAL;
    }
    fd_set r, w, e;
    if (get_fdset(ra, n, &r) || get_fdset(wa, n, &w) || get_fdset(ea, n, &e)) {
        return -EFAULT;
    }
    long res = lu_safe6(SYS_pselect6, n, &r, &w, &e, tmo, NULL);
    if (res < 0) {
        return lu_raw_ret(res);
    }
    if (put_fdset(ra, n, &r) || put_fdset(wa, n, &w) || put_fdset(ea, n, &e)) {
        return -EFAULT;
    }
    return res;
}

abi_long lu_sys_select(LuCall *c)
{
    struct timespec ts, *tsp = NULL;
    if (c->a[4]) {
        abi_ulong w[2];
        if (lu_copy_from(w, c->a[4], sizeof(w))) {
            return -EFAULT;
        }
        ts.tv_sec = (abi_long)tswapal(w[0]);
        ts.tv_nsec = (abi_long)tswapal(w[1]) * 1000;
        tsp = &ts;
    }
    abi_long r = do_select((int)c->a[0], c->a[1], c->a[2], c->a[3], tsp, c->a[4], 0);
    if (r >= 0 && tsp) {
        /* Linux reports the time left */
        abi_ulong w[2] = { tswapal((abi_ulong)ts.tv_sec), tswapal((abi_ulong)(ts.tv_nsec / 1000)) };
        lu_copy_to(c->a[4], w, sizeof(w));
    }
    return r;
}

static abi_long do_pselect6(LuCall *c, bool time64)
{
    struct timespec ts, *tsp = NULL;
    if (c->a[4]) {
        if (lu_get_timespec(c->a[4], &ts, time64)) {
            return -EFAULT;
        }
        tsp = &ts;
    }
    /* the sixth argument points at { sigset pointer, its size } */
    abi_ulong maskaddr = 0, masksize = 0;
    if (c->a[5] && (lu_get_ulong(c->a[5], &maskaddr) ||
                    lu_get_ulong(c->a[5] + sizeof(abi_ulong), &masksize))) {
        return -EFAULT;
    }
    bool installed;
    int e = mask_enter(maskaddr, masksize, &installed);
    if (e) {
        return e;
    }
    abi_long r = do_select((int)c->a[0], c->a[1], c->a[2], c->a[3], tsp, c->a[4], 1);
    mask_leave(installed, r);
    return r;
}

abi_long lu_sys_pselect6(LuCall *c)
{
    return do_pselect6(c, false);
}

abi_long lu_sys_pselect6_time64(LuCall *c)
{
    return do_pselect6(c, true);
}

/* ---- epoll, eventfd ----------------------------------------------------------------- */

abi_long lu_sys_epoll_create(LuCall *c)
{
    return lu_ret(epoll_create((int)c->a[0]));
}

abi_long lu_sys_epoll_create1(LuCall *c)
{
    return lu_ret(epoll_create1((int)c->a[0]));
}

abi_long lu_sys_epoll_ctl(LuCall *c)
{
    struct epoll_event ev, *evp = NULL;
    if (c->a[3]) {
        struct target_epoll_event t;
        if (lu_copy_from(&t, c->a[3], sizeof(t))) {
            return -EFAULT;
        }
        ev.events = tswap32(t.events);
        ev.data.u64 = tswap64(t.data);
        evp = &ev;
    }
    return lu_ret(epoll_ctl((int)c->a[0], (int)c->a[1], (int)c->a[2], evp));
}

static abi_long do_epoll_wait(LuCall *c, int timeout)
{
    int max = (int)c->a[2];
    if (max <= 0 || max > 65536) {
        return -EINVAL;
    }
    g_autofree struct epoll_event *ev = g_new(struct epoll_event, max);
    long n = lu_safe6(SYS_epoll_wait, (int)c->a[0], ev, max, timeout, 0, 0);
    if (n < 0) {
        return lu_raw_ret(n);
    }
    for (int i = 0; i < n; i++) {
        struct target_epoll_event t = { .events = tswap32(ev[i].events),
                                        .data = tswap64(ev[i].data.u64) };
        if (lu_copy_to(c->a[1] + i * sizeof(t), &t, sizeof(t))) {
            return -EFAULT;
        }
    }
    return n;
}

abi_long lu_sys_epoll_wait(LuCall *c)
{
    return do_epoll_wait(c, (int)c->a[3]);
}

abi_long lu_sys_epoll_pwait(LuCall *c)
{
    bool installed;
    int e = mask_enter(c->a[4], c->a[5], &installed);
    if (e) {
        return e;
    }
    abi_long r = do_epoll_wait(c, (int)c->a[3]);
    mask_leave(installed, r);
    return r;
}

abi_long lu_sys_eventfd(LuCall *c)
{
    int fd = eventfd((unsigned)c->a[0], 0);
    lu_fd_set_kind(fd, LU_FD_COUNTER);
    return lu_ret(fd);
}

abi_long lu_sys_eventfd2(LuCall *c)
{
    int fd = eventfd((unsigned)c->a[0], (int)c->a[1]);
    lu_fd_set_kind(fd, LU_FD_COUNTER);
    return lu_ret(fd);
}

/* ---- sockets ------------------------------------------------------------------------- */

/* Guest sockaddr into host form: the same bytes, sa_family in host order. */
static int get_sockaddr(struct sockaddr_storage *ss, abi_ulong addr, socklen_t len)
{
    if (len > sizeof(*ss)) {
        return -EINVAL;
    }
    memset(ss, 0, sizeof(*ss));
    if (lu_copy_from(ss, addr, len)) {
        return -EFAULT;
    }
    ss->ss_family = tswap16(ss->ss_family);
    return 0;
}

/* Host sockaddr to the guest, honouring the guest's length word at lenaddr. */
static int put_sockaddr(abi_ulong addr, abi_ulong lenaddr, struct sockaddr_storage *ss,
                        socklen_t hlen)
{
    if (!addr) {
        return 0;
    }
    uint32_t glen;
    if (lu_copy_from(&glen, lenaddr, 4)) {
        return -EFAULT;
    }
    glen = tswap32(glen);
    ss->ss_family = tswap16(ss->ss_family);
    if (lu_copy_to(addr, ss, MIN(glen, hlen)) || lu_put_u32(lenaddr, hlen)) {
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_socket(LuCall *c)
{
    return lu_ret(socket((int)c->a[0], (int)c->a[1], (int)c->a[2]));
}

abi_long lu_sys_socketpair(LuCall *c)
{
    int sv[2];
    if (socketpair((int)c->a[0], (int)c->a[1], (int)c->a[2], sv) < 0) {
        return lu_errno(errno);
    }
    if (lu_put_u32(c->a[3], sv[0]) || lu_put_u32(c->a[3] + 4, sv[1])) {
        return -EFAULT;
    }
    return 0;
}

abi_long lu_sys_bind(LuCall *c)
{
    struct sockaddr_storage ss;
    int e = get_sockaddr(&ss, c->a[1], (socklen_t)c->a[2]);
    return e ? e : lu_ret(bind((int)c->a[0], (struct sockaddr *)&ss, (socklen_t)c->a[2]));
}

abi_long lu_sys_connect(LuCall *c)
{
    struct sockaddr_storage ss;
    int e = get_sockaddr(&ss, c->a[1], (socklen_t)c->a[2]);
    return e ? e : lu_raw_ret(lu_safe6(SYS_connect, (int)c->a[0], &ss, (socklen_t)c->a[2], 0, 0, 0));
}

abi_long lu_sys_listen(LuCall *c)
{
    return lu_ret(listen((int)c->a[0], (int)c->a[1]));
}

static abi_long do_accept(LuCall *c, int flags)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    long fd = lu_safe6(SYS_accept4, (int)c->a[0], &ss, &len, flags, 0, 0);
    if (fd < 0) {
        return lu_raw_ret(fd);
    }
    if (put_sockaddr(c->a[1], c->a[2], &ss, len)) {
        close(fd);
        return -EFAULT;
    }
    return fd;
}

abi_long lu_sys_accept(LuCall *c)
{
    return do_accept(c, 0);
}

abi_long lu_sys_accept4(LuCall *c)
{
    return do_accept(c, (int)c->a[3]);
}

abi_long lu_sys_getsockname(LuCall *c)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname((int)c->a[0], (struct sockaddr *)&ss, &len) < 0) {
        return lu_errno(errno);
    }
    return put_sockaddr(c->a[1], c->a[2], &ss, len);
}

abi_long lu_sys_getpeername(LuCall *c)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getpeername((int)c->a[0], (struct sockaddr *)&ss, &len) < 0) {
        return lu_errno(errno);
    }
    return put_sockaddr(c->a[1], c->a[2], &ss, len);
}

abi_long lu_sys_sendto(LuCall *c)
{
    void *buf = lu_lock(c->a[1], c->a[2], false);
    if (!buf) {
        return -EFAULT;
    }
    if (!c->a[4]) {
        return lu_raw_ret(lu_safe6(SYS_sendto, (int)c->a[0], buf, c->a[2], (int)c->a[3], NULL, 0));
    }
    struct sockaddr_storage ss;
    int e = get_sockaddr(&ss, c->a[4], (socklen_t)c->a[5]);
    return e ? e : lu_raw_ret(lu_safe6(SYS_sendto, (int)c->a[0], buf, c->a[2], (int)c->a[3],
                                       &ss, (socklen_t)c->a[5]));
}

abi_long lu_sys_send(LuCall *c)
{
    void *buf = lu_lock(c->a[1], c->a[2], false);
    return buf ? lu_raw_ret(lu_safe6(SYS_sendto, (int)c->a[0], buf, c->a[2], (int)c->a[3], NULL, 0))
               : -EFAULT;
}

abi_long lu_sys_recvfrom(LuCall *c)
{
    void *buf = lu_lock(c->a[1], c->a[2], true);
    if (!buf) {
        return -EFAULT;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    long r = lu_safe6(SYS_recvfrom, (int)c->a[0], buf, c->a[2], (int)c->a[3],
                      c->a[4] ? (struct sockaddr *)&ss : NULL, c->a[4] ? &len : NULL);
    if (r < 0) {
        return lu_raw_ret(r);
    }
    if (c->a[4] && put_sockaddr(c->a[4], c->a[5], &ss, len)) {
        return -EFAULT;
    }
    return r;
}

abi_long lu_sys_recv(LuCall *c)
{
    void *buf = lu_lock(c->a[1], c->a[2], true);
    return buf ? lu_raw_ret(lu_safe6(SYS_recvfrom, (int)c->a[0], buf, c->a[2], (int)c->a[3], NULL,
                                     NULL))
               : -EFAULT;
}

abi_long lu_sys_shutdown(LuCall *c)
{
    return lu_ret(shutdown((int)c->a[0], (int)c->a[1]));
}

abi_long lu_sys_setsockopt(LuCall *c)
{
    int level = (int)c->a[1], name = (int)c->a[2];
    socklen_t len = (socklen_t)c->a[4];
    if (level == SOL_SOCKET && (name == SO_RCVTIMEO_OLD || name == SO_SNDTIMEO_OLD)) {
        abi_ulong w[2];
        if (len < sizeof(w) || lu_copy_from(w, c->a[3], sizeof(w))) {
            return -EFAULT;
        }
        struct timeval tv = { (abi_long)tswapal(w[0]), (abi_long)tswapal(w[1]) };
        return lu_ret(setsockopt((int)c->a[0], level, name, &tv, sizeof(tv)));
    }
    if (len > 4096) {
        return -EINVAL;
    }
    uint8_t buf[4096];
    if (lu_copy_from(buf, c->a[3], len)) {
        return -EFAULT;
    }
    if (len == 4 && TARGET_BIG_ENDIAN) {
        uint32_t v;
        memcpy(&v, buf, 4);
        v = tswap32(v);
        memcpy(buf, &v, 4);
    }
    return lu_ret(setsockopt((int)c->a[0], level, name, buf, len));
}

abi_long lu_sys_getsockopt(LuCall *c)
{
    int level = (int)c->a[1], name = (int)c->a[2];
    uint32_t glen;
    if (lu_copy_from(&glen, c->a[4], 4)) {
        return -EFAULT;
    }
    glen = tswap32(glen);
    uint8_t buf[4096];
    socklen_t len = sizeof(buf);
    if (getsockopt((int)c->a[0], level, name, buf, &len) < 0) {
        return lu_errno(errno);
    }
    if (level == SOL_SOCKET && (name == SO_RCVTIMEO_OLD || name == SO_SNDTIMEO_OLD)) {
        struct timeval tv;
        memcpy(&tv, buf, sizeof(tv));
        abi_ulong w[2] = { tswapal((abi_ulong)tv.tv_sec), tswapal((abi_ulong)tv.tv_usec) };
        memcpy(buf, w, sizeof(w));
        len = sizeof(w);
    } else if (len == 4 && TARGET_BIG_ENDIAN) {
        uint32_t v;
        memcpy(&v, buf, 4);
        v = tswap32(v);
        memcpy(buf, &v, 4);
    }
    len = MIN(len, glen);
    if (lu_copy_to(c->a[3], buf, len) || lu_put_u32(c->a[4], len)) {
        return -EFAULT;
    }
    return 0;
}

/*
 * struct msghdr and its control messages.  The guest's cmsghdr is
 * { abi_ulong len; int level; int type; } with data aligned to abi_ulong;
 * the payloads (descriptors, credentials) are arrays of 32-bit ints.
 */
#define T_CMSG_ALIGN(l) (((l) + sizeof(abi_ulong) - 1) & ~(sizeof(abi_ulong) - 1))
#define T_CMSG_HDR (T_CMSG_ALIGN(sizeof(abi_ulong) + 8))

static abi_long do_msg(LuCall *c, bool send)
{
    abi_ulong m[7];   /* name, namelen, iov, iovlen, control, controllen, flags */
    for (int i = 0; i < 7; i++) {
        if (lu_get_ulong(c->a[1] + i * sizeof(abi_ulong), &m[i])) {
            return -EFAULT;
        }
    }
    struct sockaddr_storage ss;
    struct msghdr mh = { 0 };
    if (m[0]) {
        if (send) {
            int e = get_sockaddr(&ss, m[0], (socklen_t)m[1]);
            if (e) {
                return e;
            }
        }
        mh.msg_name = &ss;
        mh.msg_namelen = send ? (socklen_t)m[1] : sizeof(ss);
    }
    int cnt = (int)m[3];
    if (cnt < 0 || cnt > 1024) {
        return -EINVAL;
    }
    g_autofree struct iovec *iov = g_new0(struct iovec, cnt ? cnt : 1);
    for (int i = 0; i < cnt; i++) {
        abi_ulong base, len;
        if (lu_get_ulong(m[2] + i * 2 * sizeof(abi_ulong), &base) ||
            lu_get_ulong(m[2] + (i * 2 + 1) * sizeof(abi_ulong), &len)) {
            return -EFAULT;
        }
        iov[i].iov_len = len;
        iov[i].iov_base = lu_lock(base, len, !send);
        if (!iov[i].iov_base && len) {
            return -EFAULT;
        }
    }
    mh.msg_iov = iov;
    mh.msg_iovlen = cnt;
    size_t hctl_len = m[5] * 2 + 64;
    g_autofree uint8_t *hctl = g_malloc0(hctl_len);
    if (m[4] && m[5]) {
        mh.msg_control = hctl;
        mh.msg_controllen = hctl_len;
        if (send) {
            g_autofree uint8_t *gctl = g_malloc(m[5]);
            if (lu_copy_from(gctl, m[4], m[5])) {
                return -EFAULT;
            }
            size_t go = 0, ho = 0;
            while (go + T_CMSG_HDR <= m[5]) {
                abi_ulong glen;
                int32_t lv[2];
                memcpy(&glen, gctl + go, sizeof(glen));
                memcpy(lv, gctl + go + sizeof(abi_ulong), 8);
                glen = tswapal(glen);
                if (glen < T_CMSG_HDR || go + glen > m[5]) {
                    break;
                }
                size_t dlen = glen - T_CMSG_HDR;
                struct cmsghdr *hc = (struct cmsghdr *)(hctl + ho);
                hc->cmsg_len = CMSG_LEN(dlen);
                hc->cmsg_level = (int)tswap32(lv[0]);
                if (hc->cmsg_level == TARGET_SOL_SOCKET) {
                    hc->cmsg_level = SOL_SOCKET;
                }
                hc->cmsg_type = (int)tswap32(lv[1]);
                uint8_t *d = CMSG_DATA(hc);
                memcpy(d, gctl + go + T_CMSG_HDR, dlen);
                for (size_t k = 0; TARGET_BIG_ENDIAN && k + 4 <= dlen; k += 4) {
                    uint32_t v;
                    memcpy(&v, d + k, 4);
                    v = tswap32(v);
                    memcpy(d + k, &v, 4);
                }
                ho += CMSG_SPACE(dlen);
                go += T_CMSG_ALIGN(glen);
            }
            mh.msg_controllen = ho;
            if (!ho) {
                mh.msg_control = NULL;
            }
        }
    }
    long r = lu_safe6(send ? SYS_sendmsg : SYS_recvmsg, (int)c->a[0], &mh, (int)c->a[2], 0, 0, 0);
    if (r < 0) {
        return lu_raw_ret(r);
    }
    if (!send) {
        abi_ulong out_ctl = 0;
        if (m[4] && m[5]) {
            g_autofree uint8_t *gctl = g_malloc0(m[5]);
            size_t go = 0;
            for (struct cmsghdr *hc = CMSG_FIRSTHDR(&mh); hc; hc = CMSG_NXTHDR(&mh, hc)) {
                size_t dlen = hc->cmsg_len - CMSG_LEN(0);
                if (go + T_CMSG_HDR + dlen > m[5]) {
                    m[6] |= MSG_CTRUNC;
                    break;
                }
                abi_ulong glen = tswapal((abi_ulong)(T_CMSG_HDR + dlen));
                int level = hc->cmsg_level == SOL_SOCKET ? TARGET_SOL_SOCKET : hc->cmsg_level;
                int32_t lv[2] = { (int32_t)tswap32(level), (int32_t)tswap32(hc->cmsg_type) };
                memcpy(gctl + go, &glen, sizeof(glen));
                memcpy(gctl + go + sizeof(abi_ulong), lv, 8);
                memcpy(gctl + go + T_CMSG_HDR, CMSG_DATA(hc), dlen);
                /* the payloads are arrays of 32-bit ints (descriptors, credentials) */
                for (size_t k = 0; TARGET_BIG_ENDIAN && k + 4 <= dlen; k += 4) {
                    uint32_t v;
                    memcpy(&v, gctl + go + T_CMSG_HDR + k, 4);
                    v = tswap32(v);
                    memcpy(gctl + go + T_CMSG_HDR + k, &v, 4);
                }
                go += T_CMSG_ALIGN(T_CMSG_HDR + dlen);
            }
            if (lu_copy_to(m[4], gctl, go)) {
                return -EFAULT;
            }
            out_ctl = go;
        }
        if (m[0]) {
            ss.ss_family = tswap16(ss.ss_family);
            lu_copy_to(m[0], &ss, MIN((socklen_t)m[1], mh.msg_namelen));
            lu_put_ulong(c->a[1] + sizeof(abi_ulong), mh.msg_namelen);
        }
        lu_put_ulong(c->a[1] + 5 * sizeof(abi_ulong), out_ctl);
        lu_put_ulong(c->a[1] + 6 * sizeof(abi_ulong), mh.msg_flags | (m[6] & MSG_CTRUNC));
    }
    return r;
}

abi_long lu_sys_sendmsg(LuCall *c)
{
    return do_msg(c, true);
}

abi_long lu_sys_recvmsg(LuCall *c)
{
    return do_msg(c, false);
}
