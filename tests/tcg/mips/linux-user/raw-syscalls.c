/*
 * raw-syscalls.c — the o32 system call convention without a C library:
 * number in v0, arguments in a0-a3 and from the fifth on at sp+16, 64-bit
 * arguments in an aligned register pair (pread64's offset skips a3 and
 * goes to the stack), results in v0 with a3 = 0, or the MIPS errno in v0
 * with a3 = 1 (ENOSYS is 89, ENAMETOOLONG 78, EFAULT 14), the old pipe
 * returning its second descriptor in v1, mmap2's offset in pages.
 * Compared with raw-syscalls.expected; built for mips and mipsel.
 */
#include <stdint.h>

#define NR(n) (4000 + (n))

typedef struct {
    long v0, v1, a3;
} Ret;

/* up to seven arguments: a0-a3 in registers, the rest in the caller's argument area */
static Ret sys7(long nr, long a, long b, long c, long d, long e, long f, long g)
{
    register long v0 __asm__("$2") = nr;
    register long v1 __asm__("$3") = 0;
    register long a0 __asm__("$4") = a;
    register long a1 __asm__("$5") = b;
    register long a2 __asm__("$6") = c;
    register long a3 __asm__("$7") = d;
    __asm__ volatile("addiu $sp, $sp, -32\n"
                     "sw %6, 16($sp)\n"
                     "sw %7, 20($sp)\n"
                     "sw %8, 24($sp)\n"
                     "syscall\n"
                     "addiu $sp, $sp, 32\n"
                     : "+r"(v0), "+r"(v1), "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3)
                     : "r"(e), "r"(f), "r"(g)
                     : "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25",
                       "hi", "lo", "memory");
    return (Ret){ v0, v1, a3 };
}

static void put(const char *s)
{
    long n = 0;
    while (s[n]) {
        n++;
    }
    sys7(NR(4), 1, (long)s, n, 0, 0, 0, 0);
}

static void putnum(long v)
{
    char buf[24], *p = buf + sizeof(buf) - 1;
    *p = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
    do {
        *--p = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0) {
        *--p = '-';
    }
    put(p);
}

static void report(const char *what, Ret r)
{
    put(what);
    put(": a3 ");
    putnum(r.a3);
    put(" v0 ");
    putnum(r.v0);
    put("\n");
}

static char path[300];

void __start(void)
{
    report("unknown call 4999", sys7(NR(999), 0, 0, 0, 0, 0, 0, 0));
    report("below the o32 base (3)", sys7(3, 0, 0, 0, 0, 0, 0, 0));
    report("write to a bad pointer", sys7(NR(4), 1, 16, 4, 0, 0, 0, 0));
    for (int i = 0; i < 299; i++) {
        path[i] = 'x';
    }
    report("open of a 299-byte name", sys7(NR(5), (long)path, 0, 0, 0, 0, 0, 0));
    report("getppid works", (Ret){ 0, 0, sys7(NR(64), 0, 0, 0, 0, 0, 0, 0).a3 });

    Ret p = sys7(NR(42), 0, 0, 0, 0, 0, 0, 0);
    put("pipe: a3 ");
    putnum(p.a3);
    put(" second descriptor in v1 ");
    putnum(p.v1 == p.v0 + 1);
    put("\n");
    long rfd = p.v0, wfd = p.v1;
    static char data[] = "0123456789abcdefghij";
    sys7(NR(4), wfd, (long)data, 20, 0, 0, 0, 0);
    char got[8] = { 0 };
    report("read 5 from the pipe", sys7(NR(3), rfd, (long)got, 5, 0, 0, 0, 0));

    /* mmap2: six arguments, fd and pgoffset on the stack */
    Ret m = sys7(NR(210), 0, 8192, 3, 0x802 /* MAP_PRIVATE|MAP_ANONYMOUS (MIPS) */, -1, 0, 0);
    put("mmap2 anonymous: a3 ");
    putnum(m.a3);
    put(" page aligned ");
    putnum((m.v0 & 4095) == 0);
    put("\n");
    char *buf = (char *)m.v0;

    /* a file of 8 KiB, then pread64 at offset 4096+3: the offset pair is the fifth and sixth words */
    static const char name[] = "raw-syscalls.tmp";
    Ret f = sys7(NR(5), (long)name, 0x100 | 0x200 | 2 /* O_CREAT|O_TRUNC|O_RDWR (MIPS) */, 0600, 0, 0,
                 0, 0);
    for (int i = 0; i < 8192; i++) {
        buf[i] = (char)('A' + i % 26);
    }
    sys7(NR(4), f.v0, (long)buf, 8192, 0, 0, 0, 0);
    char pr[4] = { 0 };
    /* pread64(fd, buf, count, pad, offset_lo, offset_hi) on little-endian; hi, lo on big */
    uint64_t off = 4096 + 3;
#if __MIPSEB__
    Ret r = sys7(NR(200), f.v0, (long)pr, 3, 0, (long)(off >> 32), (long)off, 0);
#else
    Ret r = sys7(NR(200), f.v0, (long)pr, 3, 0, (long)off, (long)(off >> 32), 0);
#endif
    put("pread64 at 4099: a3 ");
    putnum(r.a3);
    put(" v0 ");
    putnum(r.v0);
    put(" data ");
    put(pr);
    put("\n");
    /* mmap2 of the file at page 1: the sixth argument is in pages */
    Ret fm = sys7(NR(210), 0, 4096, 1, 2 /* MAP_PRIVATE */, f.v0, 1, 0);
    char first[4] = { ((char *)fm.v0)[0], ((char *)fm.v0)[1], ((char *)fm.v0)[2], 0 };
    put("mmap2 of page 1 starts with ");
    put(first);
    put("\n");
    sys7(NR(10), (long)name, 0, 0, 0, 0, 0, 0);
    sys7(NR(1), 0, 0, 0, 0, 0, 0, 0);
    for (;;) {
    }
}
