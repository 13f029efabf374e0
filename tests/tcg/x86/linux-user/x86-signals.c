/*
 * x86-signals.c — what an x86 program sees of faults and signal frames, for
 * emu-i386 and emu-x86_64.  Built static for the guest; the same binary also
 * runs natively on the x86-64 host (which runs i386 binaries too), so the
 * real kernel is the reference: run-compare.sh compares the two outputs.
 *
 * Covers: SIGSEGV (write to an unmapped and to a read-only page: si_code,
 * si_addr, the faulting ip in the ucontext), SIGILL from UD2, SIGFPE from an
 * integer division by zero, SIGTRAP from INT3 and SIGSEGV from INT 0x81
 * (si_code SI_KERNEL), a handler resuming after the faulting instruction
 * by editing the ucontext's ip, a handler changing a general register in the
 * ucontext, the FPU state a handler starts with (FNINIT, MXCSR 0x1f80) and
 * the interrupted code's MXCSR, x87 control word and XMM register restored by
 * sigreturn, SA_SIGINFO and plain handlers, and (i386) set_thread_area and
 * get_thread_area with a %gs-relative load.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef __x86_64__
#define REG_IP REG_RIP
#define REG_AX REG_RAX
#else
#define REG_IP REG_EIP
#define REG_AX REG_EAX
#endif

static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_ip;
static volatile uintptr_t skip;     /* bytes to step over at the fault, 0: siglongjmp */
static sigjmp_buf env;

static void handler(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_ip = uc->uc_mcontext.gregs[REG_IP];
    if (skip) {
        uc->uc_mcontext.gregs[REG_IP] += skip;
        uc->uc_mcontext.gregs[REG_AX] = 0x1234;
        return;
    }
    siglongjmp(env, 1);
}

static void report(const char *what, uintptr_t want_addr, uintptr_t want_ip)
{
    printf("%s: sig %d code %d addr %s ip %s\n", what, got_sig, got_code,
           got_addr == want_addr ? "ok" : "WRONG", got_ip == want_ip ? "ok" : "WRONG");
    got_sig = got_code = 0;
    got_addr = got_ip = 0;
}

extern char ud2_at[], div_at[], int3_after[], int81_at[], store_at[];

static void faults(void)
{
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(none, 4096);

    if (!sigsetjmp(env, 1)) {
        *(volatile char *)none = 1;
    }
    printf("unmapped write: sig %d code %d addr %s\n", got_sig, got_code,
           got_addr == (uintptr_t)none ? "ok" : "WRONG");
    if (!sigsetjmp(env, 1)) {
        *(volatile char *)(ro + 8) = 1;
    }
    printf("read-only write: sig %d code %d addr %s\n", got_sig, got_code,
           got_addr == (uintptr_t)ro + 8 ? "ok" : "WRONG");

    if (!sigsetjmp(env, 1)) {
        asm volatile("ud2_at: ud2");
    }
    report("ud2", (uintptr_t)ud2_at, (uintptr_t)ud2_at);

    if (!sigsetjmp(env, 1)) {
        asm volatile("xor %%edx, %%edx; xor %%ecx, %%ecx; mov $7, %%eax\n"
                     "div_at: div %%ecx" ::: "eax", "ecx", "edx");
    }
    report("div0", (uintptr_t)div_at, (uintptr_t)div_at);

    if (!sigsetjmp(env, 1)) {
        asm volatile("int3\nint3_after: nop");
    }
    report("int3", 0, (uintptr_t)int3_after);

    if (!sigsetjmp(env, 1)) {
        asm volatile("int81_at: int $0x81");
    }
    report("int 0x81", 0, (uintptr_t)int81_at);

    /* resume past a 3-byte store (movb $1, (reg) is c6 /0 ib) with eax changed */
    skip = 3;
    uintptr_t ax;
    asm volatile("mov $5, %%eax\nstore_at: movb $1, (%1)" : "=a"(ax) : "r"(ro) : "memory");
    skip = 0;
    report("resume", (uintptr_t)ro, (uintptr_t)store_at);
    printf("eax after resume: 0x%lx\n", (unsigned long)ax);
}

/* ---- FPU state across a handler ----------------------------------------------------- */

static volatile unsigned h_mxcsr, h_fcw;

static void fpu_handler(int sig)
{
    unsigned m;
    unsigned short cw;
    asm volatile("stmxcsr %0; fnstcw %1" : "=m"(m), "=m"(cw));
    h_mxcsr = m;
    h_fcw = cw;
    /* clobber what the interrupted code uses */
    m = 0x7f80;
    cw = 0x07f;
    asm volatile("ldmxcsr %0; fldcw %1" :: "m"(m), "m"(cw));
    asm volatile("xorps %%xmm3, %%xmm3" ::: "xmm3");
}

static void fpu_state(void)
{
    signal(SIGUSR1, fpu_handler);
    unsigned m = 0x3f80 | 0x6000 /* round toward zero */, m2;
    unsigned short cw = 0x0f7f, cw2;
    uint32_t in[4] = { 1, 2, 3, 4 }, out[4];
    asm volatile("ldmxcsr %0; fldcw %1; movups %2, %%xmm3" :: "m"(m), "m"(cw), "m"(in) : "xmm3");
    /* the signal arrives before raise returns; xmm3 is not used by the syscall path */
    syscall(SYS_kill, getpid(), SIGUSR1);
    asm volatile("stmxcsr %0; fnstcw %1; movups %%xmm3, %2" : "=m"(m2), "=m"(cw2), "=m"(out));
    printf("handler entry: mxcsr 0x%x fcw 0x%x\n", h_mxcsr, h_fcw);
    printf("after return: mxcsr 0x%x fcw 0x%x xmm3 %u %u %u %u\n", m2 & 0xffc0, cw2,
           out[0], out[1], out[2], out[3]);
    m = 0x1f80;
    cw = 0x037f;
    asm volatile("ldmxcsr %0; fldcw %1" :: "m"(m), "m"(cw));
}

/* ---- i386 TLS descriptors ---------------------------------------------------------------- */

#ifndef __x86_64__
struct user_desc_ {
    unsigned entry_number, base_addr, limit, flags;
};

static void tls_area(void)
{
    static uint32_t block[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
    struct user_desc_ d = { .entry_number = -1, .base_addr = (uintptr_t)block,
                            .limit = 0xfffff, .flags = 1 | 1 << 4 | 1 << 6 };
    long r = syscall(SYS_set_thread_area, &d);
    printf("set_thread_area: %ld entry %s\n", r,
           d.entry_number >= 6 && d.entry_number <= 14 ? "ok" : "WRONG");
    uint32_t v;
    unsigned short old;
    asm volatile("mov %%fs, %0" : "=r"(old));
    asm volatile("mov %1, %%fs; mov %%fs:8, %0; mov %2, %%fs"
                 : "=r"(v) : "r"(d.entry_number * 8 + 3), "r"(old));
    printf("fs:8 = 0x%x\n", v);
    struct user_desc_ g = { .entry_number = d.entry_number };
    r = syscall(SYS_get_thread_area, &g);
    printf("get_thread_area: %ld base %s limit 0x%x flags 0x%x\n", r,
           g.base_addr == (uintptr_t)block ? "ok" : "WRONG", g.limit, g.flags & 0x7f);
    struct user_desc_ bad = { .entry_number = 3 };
    printf("set_thread_area entry 3: %ld\n", syscall(SYS_set_thread_area, &bad));
}
#endif

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (int s = 1; s < 32; s++) {
        if (s == SIGSEGV || s == SIGILL || s == SIGFPE || s == SIGTRAP || s == SIGBUS) {
            sigaction(s, &sa, NULL);
        }
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    faults();
    fpu_state();
#ifndef __x86_64__
    tls_area();
#endif
    return 0;
}
