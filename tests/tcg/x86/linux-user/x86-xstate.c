/*
 * x86-xstate.c — the XSAVE feature set against the host: CPUID (AVX,
 * XSAVE, OSXSAVE, leaf 0xd's AVX component), XGETBV, XSAVE / XSAVEOPT /
 * XSAVEC images of known XMM/YMM contents (the SSE and AVX parts: the x87
 * part holds the last-instruction pointers the emulator does not model),
 * XRSTOR from an edited standard image (a component missing from
 * XSTATE_BV goes to its initial state) and from a compacted one, #GP on a
 * misaligned area, and the AVX state in a signal frame (the fpstate's
 * xstate with FP_XSTATE_MAGIC1/2, a handler's YMM edit reaching the
 * interrupted code).  Built static with -mavx2 -mxsave; run natively as the
 * reference and under emu with EMU_CPU=Haswell (run-compare.sh).  Prints
 * only what the architecture defines.
 */
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>

static uint8_t area[4096] __attribute__((aligned(64)));
static uint8_t ymm[16][32] __attribute__((aligned(32)));
static sigjmp_buf jb;

#ifdef __x86_64__
#define NREGS 16
#else
#define NREGS 8
#endif

static void load_ymm(void)
{
#define L(n) __asm__ volatile("vmovdqu %0, %%ymm" #n :: "m"(ymm[n]) : "xmm" #n);
    L(0) L(1) L(2) L(3) L(4) L(5) L(6) L(7)
#ifdef __x86_64__
    L(8) L(9) L(10) L(11) L(12) L(13) L(14) L(15)
#endif
#undef L
}

static void store_ymm(void)
{
#define S(n) __asm__ volatile("vmovdqu %%ymm" #n ", %0" : "=m"(ymm[n]));
    S(0) S(1) S(2) S(3) S(4) S(5) S(6) S(7)
#ifdef __x86_64__
    S(8) S(9) S(10) S(11) S(12) S(13) S(14) S(15)
#endif
#undef S
}

static void dump(const char *what, const uint8_t *p, int n)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    printf("%s: %08x", what, h);
    for (int i = 0; i < 8 && i < n; i++) {
        printf(" %02x", p[i]);
    }
    printf("\n");
}

static void fill(int seed)
{
    for (int r = 0; r < 16; r++) {
        for (int b = 0; b < 32; b++) {
            ymm[r][b] = (uint8_t)(r * 37 + b * 11 + seed * 101 + 1);
        }
    }
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    siglongjmp(jb, 1);
}

/* A handler's view of the interrupted YMM state, and an edit of it. */
static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;
#ifndef __x86_64__
    fp += 112;                                  /* i386: the FNSAVE-style header comes first */
#endif
    uint32_t magic1, size, magic2;
    uint64_t bv;
    memcpy(&magic1, fp + 464, 4);               /* sw_reserved: magic1, extended_size ... */
    memcpy(&size, fp + 468, 4);
    memcpy(&bv, fp + 472, 8);
    printf("frame: magic1 %08x xfeatures&7 %llx\n", magic1, (unsigned long long)(bv & 7));
#ifdef __x86_64__
    memcpy(&magic2, fp + size - 4, 4);
#else
    memcpy(&magic2, fp - 112 + size - 4, 4);   /* the extended size counts the header */
#endif
    printf("frame: magic2 %08x\n", magic2);
    uint64_t xbv;
    memcpy(&xbv, fp + 512, 8);
    printf("frame: xstate_bv&6 %llx\n", (unsigned long long)(xbv & 6));
    dump("frame ymm5 upper", fp + 576 + 16 * 5, 16);
    /* the interrupted code's ymm5 upper half becomes 0x5a.. */
    memset(fp + 576 + 16 * 5, 0x5a, 16);
}

int main(void)
{
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    printf("cpuid.1: xsave %u osxsave %u avx %u\n", c >> 26 & 1, c >> 27 & 1, c >> 28 & 1);
    if (!(c >> 27 & 1) || !(c >> 28 & 1)) {
        printf("no AVX\n");
        return 0;
    }
    /* the kernel's AT_MINSIGSTKSZ covers a frame with this XSAVE area (the host's is larger) */
    printf("AT_MINSIGSTKSZ >= 1024: %d\n", getauxval(51) >= 1024);
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    printf("xcr0 & 7: %x\n", lo & 7);
    __cpuid_count(0xd, 0, a, b, c, d);
    printf("cpuid.d.0: eax & 7 %x\n", a & 7);
    __cpuid_count(0xd, 1, a, b, c, d);
    printf("cpuid.d.1: xsaveopt %u xsavec %u\n", a & 1, a >> 1 & 1);
    __cpuid_count(0xd, 2, a, b, c, d);
    printf("cpuid.d.2: size %u offset %u\n", a, b);

    /* XSAVE of known contents (no library call in between: it may use the vector registers) */
    memset(area, 0, sizeof(area));
    fill(1);
    load_ymm();
    __asm__ volatile("xsave %0" : "+m"(area) : "a"(7), "d"(0));
    uint64_t bv;
    memcpy(&bv, area + 512, 8);
    printf("xsave: xstate_bv&6 %llx\n", (unsigned long long)(bv & 6));
    dump("xsave xmm", area + 160, 16 * NREGS);
    dump("xsave ymm", area + 576, 16 * NREGS);
    dump("xsave mxcsr", area + 24, 4);

    /* XSAVEOPT writes the same data */
    memset(area + 160, 0, 256);
    memset(area + 576, 0, 256);
    load_ymm();
    __asm__ volatile("xsaveopt %0" : "+m"(area) : "a"(7), "d"(0));
    dump("xsaveopt xmm", area + 160, 16 * NREGS);
    dump("xsaveopt ymm", area + 576, 16 * NREGS);

    /* XRSTOR: edited YMM halves come back; SSE absent from XSTATE_BV becomes zero */
    memset(area + 576 + 16 * 3, 0xc3, 16);
    bv = 4;
    memcpy(area + 512, &bv, 8);
    __asm__ volatile("xrstor %0" :: "m"(area), "a"(6), "d"(0));
    store_ymm();
    dump("xrstor ymm3", ymm[3], 32);
    dump("xrstor ymm0", ymm[0], 32);

    /* only the requested components change: RFBM = AVX leaves the XMM halves */
    fill(2);
    load_ymm();
    memset(area + 576, 0x11, 256);
    bv = 6;
    memcpy(area + 512, &bv, 8);
    __asm__ volatile("xrstor %0" :: "m"(area), "a"(4), "d"(0));
    store_ymm();
    dump("xrstor avx-only ymm1", ymm[1], 32);

    /* XSAVEC: compacted header, AVX at 576; XRSTOR reads it back */
    memset(area, 0, sizeof(area));
    fill(3);
    load_ymm();
    __asm__ volatile("xsavec %0" : "+m"(area) : "a"(6), "d"(0));
    uint64_t comp;
    memcpy(&bv, area + 512, 8);
    memcpy(&comp, area + 520, 8);
    printf("xsavec: xstate_bv&6 %llx xcomp_bv %llx\n", (unsigned long long)(bv & 6),
           (unsigned long long)comp);
    dump("xsavec ymm", area + 576, 16 * NREGS);
    fill(4);
    load_ymm();
    __asm__ volatile("xrstor %0" :: "m"(area), "a"(6), "d"(0));
    store_ymm();
    dump("xrstor compacted ymm2", ymm[2], 32);

    /* #GP: a misaligned area, and a standard image with XCOMP_BV set without bit 63 */
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("xsave %0" : "+m"(*(uint8_t (*)[1024])(area + 16)) : "a"(7), "d"(0));
        printf("misaligned xsave: no fault\n");
    } else {
        printf("misaligned xsave: SIGSEGV\n");
    }
    memset(area + 512, 0, 64);
    area[520] = 4;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("xrstor %0" :: "m"(area), "a"(7), "d"(0));
        printf("bad header: no fault\n");
    } else {
        printf("bad header: SIGSEGV\n");
    }

    /* the signal frame carries the AVX state, and sigreturn restores the handler's edit */
    signal(SIGSEGV, SIG_DFL);
    struct sigaction su = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &su, NULL);
    fill(5);
    load_ymm();
    raise(SIGUSR1);
    store_ymm();
    dump("after handler ymm5", ymm[5], 32);
    dump("after handler ymm6", ymm[6], 32);
    return 0;
}
