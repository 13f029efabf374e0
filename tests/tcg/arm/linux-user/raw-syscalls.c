/*
 * raw-syscalls.c — the syscall layer without a C library, so that it runs
 * on emu-armeb too (Debian has no big-endian ARM userland): EFAULT for bad
 * pointers, ENOSYS for unknown numbers, mmap/munmap/brk, a 64-bit lseek
 * result (_llseek), getdents64 cookies that fit 32 bits, a signal handler
 * and its sigreturn, the kuser helper version and get_tls.  Prints one
 * line per check; raw-syscalls.expected holds the lines the kernel's
 * documented behaviour gives.
 */
typedef unsigned long ulong;

static long sc(long n, long a, long b, long c, long d, long e, long f)
{
    register long r0 asm("r0") = a;
    register long r1 asm("r1") = b;
    register long r2 asm("r2") = c;
    register long r3 asm("r3") = d;
    register long r4 asm("r4") = e;
    register long r5 asm("r5") = f;
    register long r7 asm("r7") = n;
    asm volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
                 : "memory");
    return r0;
}

enum {
    NR_exit_group = 248, NR_write = 4, NR_open = 5, NR_close = 6, NR_getpid = 20, NR_kill = 37,
    NR_brk = 45, NR_munmap = 91, NR_llseek = 140, NR_rt_sigaction = 174, NR_mmap2 = 192,
    NR_getdents64 = 217, NR_set_tls = 0xf0005, NR_get_tls = 0xf0006,
};

static int slen(const char *s)
{
    int n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void puts_(const char *s)
{
    sc(NR_write, 1, (long)s, slen(s), 0, 0, 0);
}

static void check(const char *what, int ok)
{
    puts_(ok ? "ok   " : "FAIL ");
    puts_(what);
    puts_("\n");
}

static volatile int handled;

static void handler(int sig)
{
    handled = sig;
}

struct ksigaction {
    void (*handler)(int);
    ulong flags;
    void *restorer;
    ulong mask[2];
};

void __attribute__((noreturn)) _start(void)
{
    check("write to a bad pointer is EFAULT", sc(NR_write, 1, 16, 4, 0, 0, 0) == -14);
    check("an unknown syscall is ENOSYS", sc(0x3fe, 0, 0, 0, 0, 0, 0) == -38);
    check("open of a missing file is ENOENT",
          sc(NR_open, (long)"/nonexistent/emu", 0, 0, 0, 0, 0) == -2);

    long p = sc(NR_mmap2, 0, 8192, 3, 0x22, -1, 0);
    check("mmap2 anonymous returns a page-aligned address", p > 0 && (p & 4095) == 0);
    ((volatile char *)p)[8191] = 1;
    check("munmap", sc(NR_munmap, p, 8192, 0, 0, 0, 0) == 0);
    long b0 = sc(NR_brk, 0, 0, 0, 0, 0, 0);
    long b1 = sc(NR_brk, b0 + 100000, 0, 0, 0, 0, 0);
    check("brk grows", b1 == b0 + 100000);
    ((volatile char *)b0)[99999] = 1;

    int fd = sc(NR_open, (long)"/proc/self/exe", 0, 0, 0, 0, 0);
    unsigned long long pos = 0;
    long r = sc(NR_llseek, fd, 0, 100, (long)&pos, 0 /* SEEK_SET */, 0);
    check("_llseek stores a 64-bit position", r == 0 && pos == 100);
    sc(NR_close, fd, 0, 0, 0, 0, 0);

    fd = sc(NR_open, (long)"/", 0x4000 /* O_DIRECTORY (ARM) */, 0, 0, 0, 0);
    static char dbuf[4096];
    long n = sc(NR_getdents64, fd, (long)dbuf, sizeof(dbuf), 0, 0, 0);
    int cookies_fit = n > 0;
    for (long off = 0; off < n;) {
        unsigned long long d_off;
        unsigned short reclen;
        __builtin_memcpy(&d_off, dbuf + off + 8, 8);
        __builtin_memcpy(&reclen, dbuf + off + 16, 2);
        cookies_fit &= d_off < 0x80000000ull;
        off += reclen;
    }
    check("getdents64 on / gives 32-bit cookies", cookies_fit);

    struct ksigaction sa = { handler, 0, 0, { 0, 0 } };
    sc(NR_rt_sigaction, 10, (long)&sa, 0, 8, 0, 0);
    sc(NR_kill, sc(NR_getpid, 0, 0, 0, 0, 0, 0), 10, 0, 0, 0, 0);
    check("a handler ran and returned", handled == 10);

    check("kuser helper version >= 2", *(volatile unsigned *)0xffff0ffc >= 2);
    sc(NR_set_tls, 0x12345678, 0, 0, 0, 0, 0);
    typedef unsigned (*get_tls_fn)(void);
    check("get_tls syscall and kuser helper", sc(NR_get_tls, 0, 0, 0, 0, 0, 0) == 0x12345678 &&
                                                  ((get_tls_fn)0xffff0fe0)() == 0x12345678);
    sc(NR_exit_group, 0, 0, 0, 0, 0, 0);
    for (;;) {
    }
}
