/*
 * x86-string.c — REP MOVS and REP STOS as a program sees them, for emu-i386
 * and emu-x86_64 (whose user mode copies whole pages at once when it can).
 * Built static for the guest; the same binary runs natively on the x86-64
 * host, so the real CPU is the reference: run-compare.sh compares the two
 * outputs.
 *
 * Covers: every element size going up and down, copies overlapping their
 * source from above (x86 replicates the first bytes) and from below, copies
 * and fills crossing many pages at unaligned addresses, a copy whose source
 * runs into an unmapped page (the fault address and rSI/rDI/rCX in the
 * signal's ucontext show how far it got, the memory shows what was
 * written), and a copy of code over a function that already ran (the new
 * code must run).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef __x86_64__
#define REG_SI REG_RSI
#define REG_DI REG_RDI
#define REG_CX REG_RCX
#else
#define REG_SI REG_ESI
#define REG_DI REG_EDI
#define REG_CX REG_ECX
#endif

#define BUF 65536

static uint8_t *buf;
static volatile uintptr_t got_addr, got_si, got_di, got_cx;
static sigjmp_buf env;

/* A checksum of a buffer, so one line shows a whole result. */
static uint32_t sum(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

static void fill_pattern(void)
{
    for (size_t i = 0; i < BUF; i++) {
        buf[i] = (uint8_t)(i * 7 + (i >> 8));
    }
}

/* REP MOVS of size sz (1, 2, 4, 8), count elements, DF set when down. */
static void rep_movs(void *dst, const void *src, size_t count, int sz, int down)
{
    void *d = dst;
    const void *s = src;
    size_t c = count;
    if (down) {
        __asm__ volatile("std");
    }
    switch (sz) {
    case 1:
        __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
        break;
    case 2:
        __asm__ volatile("rep movsw" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
        break;
    case 4:
        __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
        break;
#ifdef __x86_64__
    case 8:
        __asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(c) : : "memory");
        break;
#endif
    }
    __asm__ volatile("cld");
    printf("  movs%d %s n=%zu: dst%+td src%+td cx=%zu\n", sz, down ? "down" : "up", count,
           (uint8_t *)d - (uint8_t *)dst, (const uint8_t *)s - (const uint8_t *)src, c);
}

static void rep_stos(void *dst, uint64_t val, size_t count, int sz)
{
    void *d = dst;
    size_t c = count;
    switch (sz) {
    case 1:
        __asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"((unsigned long)val) : "memory");
        break;
    case 2:
        __asm__ volatile("rep stosw" : "+D"(d), "+c"(c) : "a"((unsigned long)val) : "memory");
        break;
    case 4:
        __asm__ volatile("rep stosl" : "+D"(d), "+c"(c) : "a"((unsigned long)val) : "memory");
        break;
#ifdef __x86_64__
    case 8:
        __asm__ volatile("rep stosq" : "+D"(d), "+c"(c) : "a"((unsigned long)val) : "memory");
        break;
#endif
    }
    printf("  stos%d n=%zu: dst%+td cx=%zu\n", sz, count, (uint8_t *)d - (uint8_t *)dst, c);
}

static void handler(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    got_addr = (uintptr_t)si->si_addr;
    got_si = uc->uc_mcontext.gregs[REG_SI];
    got_di = uc->uc_mcontext.gregs[REG_DI];
    got_cx = uc->uc_mcontext.gregs[REG_CX];
    siglongjmp(env, 1);
}

static int code_a(void)
{
    return 1;
}

static int code_b(void)
{
    return 2;
}

int main(void)
{
    static const int sizes[] = { 1, 2, 4, 8 };
    int nsizes = sizeof(void *) == 8 ? 4 : 3;
    long pg = sysconf(_SC_PAGESIZE);

    buf = mmap(NULL, BUF, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < nsizes; i++) {
        int sz = sizes[i];
        /* disjoint, many pages, unaligned, both directions */
        static const size_t offs[][3] = { { 3, 30001, 9000 }, { 0, 32768, 8192 },
                                          { 4093, 40000, 5 }, { 100, 17, 6000 } };
        for (int k = 0; k < 4; k++) {
            for (int down = 0; down < 2; down++) {
                size_t so = offs[k][0], d_o = offs[k][1], n = offs[k][2] / sz;
                fill_pattern();
                if (down) {
                    so += (n - 1) * sz;
                    d_o += (n - 1) * sz;
                }
                rep_movs(buf + d_o, buf + so, n, sz, down);
                printf("    sum %08x\n", sum(buf, BUF));
            }
        }
        /* overlapping: destination just above and just below the source */
        static const int dists[] = { 1, 2, 3, 4, 7, 8, 16, 4095, 4096, 5000 };
        for (int k = 0; k < 10; k++) {
            fill_pattern();
            rep_movs(buf + 1000 + dists[k], buf + 1000, 20000 / sz, sz, 0);
            printf("    above %d sum %08x\n", dists[k], sum(buf, BUF));
            fill_pattern();
            rep_movs(buf + 1000, buf + 1000 + dists[k], 20000 / sz, sz, 0);
            printf("    below %d sum %08x\n", dists[k], sum(buf, BUF));
        }
        fill_pattern();
        rep_stos(buf + 5, 0x8877665544332211ull, 30000 / sz, sz);
        printf("    sum %08x\n", sum(buf, BUF));
        fill_pattern();
        rep_movs(buf + 100, buf + 200, 0, sz, 0);
        printf("    sum %08x\n", sum(buf, BUF));
    }

    /*
     * a fault part-way: the source runs into an unmapped page, then the
     * destination of a STOS into a read-only one (a store fault inside a
     * helper: the emulator must hand it to the guest, not die of it)
     */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    uint8_t *two = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + 2 * pg, pg);
    for (int i = 0; i < nsizes; i++) {
        int sz = sizes[i];
        fill_pattern();
        memset(two, 0x5a, 2 * pg);
        if (!sigsetjmp(env, 1)) {
            rep_movs(buf + 1, two + 3, (2 * pg) / sz, sz, 0);
            printf("  no fault\n");
        } else {
            __asm__ volatile("cld");
            printf("  movs%d fault at +%td si +%td di +%td cx %zu sum %08x\n", sz,
                   (uint8_t *)got_addr - two, (uint8_t *)got_si - two,
                   (uint8_t *)got_di - buf, (size_t)got_cx, sum(buf, BUF));
        }
    }

    uint8_t *ro = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(ro + pg, pg, PROT_READ);
    for (int i = 0; i < nsizes; i++) {
        int sz = sizes[i];
        memset(ro, 0, pg);
        if (!sigsetjmp(env, 1)) {
            rep_stos(ro + 8, 0x1111111111111111ull, pg / sz, sz);
            printf("  no fault\n");
        } else {
            __asm__ volatile("cld");
            printf("  stos%d fault at +%td di +%td cx %zu sum %08x\n", sz,
                   (uint8_t *)got_addr - ro, (uint8_t *)got_di - ro, (size_t)got_cx,
                   sum(ro, pg));
        }
    }

    /* code copied over a function that already ran */
    uint8_t *code = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(code + 64, (void *)code_a, 32);
    int r1 = ((int (*)(void))(code + 64))();
    memset(code + 2048, 0xcc, 2048);
    memcpy(code + 2048 + 64, (void *)code_b, 32);
    rep_movs(code, code + 2048, 2048, 1, 0);
    int r2 = ((int (*)(void))(code + 64))();
    printf("code: %d then %d\n", r1, r2);
    return 0;
}
