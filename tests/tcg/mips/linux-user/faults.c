/*
 * faults.c — MIPS faults as Linux reports them to a SA_SIGINFO handler:
 * a faulting load or store in a branch delay slot (sigcontext pc is the
 * branch, si_addr the data address), the same load outside a delay slot,
 * the trap and break codes Linux gives a meaning (7: SIGFPE FPE_INTDIV,
 * 6: FPE_INTOVF, others SIGTRAP SI_KERNEL), ADD overflow, a reserved
 * instruction (SIGILL SI_KERNEL, as Linux's do_ri sends it), misaligned
 * loads and stores (emulated by Linux's do_ade: the values are checked).
 * Handlers either siglongjmp out or step pc over the instruction and
 * return through the sigreturn trampoline.  The output is fixed by the
 * architecture: compared with faults.expected.  o32 and n64.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code, resumed;
static volatile uintptr_t got_addr, got_pc;
static volatile int step;            /* 1: step pc over the instruction and return */

extern char ds_load_branch[], plain_load[], ds_store_branch[], teq7[], teq6[], teq3[];
extern char break7[], break6[], add_ovf[], reserved[];

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_pc = (uintptr_t)uc->uc_mcontext.pc;
    if (step) {
        uc->uc_mcontext.pc += 4;
        return;
    }
    siglongjmp(jb, 1);
}

static const char *signame(int s)
{
    return s == SIGSEGV ? "SIGSEGV" : s == SIGBUS ? "SIGBUS" : s == SIGFPE ? "SIGFPE" :
           s == SIGTRAP ? "SIGTRAP" : s == SIGILL ? "SIGILL" : "other";
}

static void report(const char *what, const char *pc_label, uintptr_t addr)
{
    printf("%-28s %s code %d pc %s addr %s\n", what, signame(got_sig), got_code,
           got_pc == (uintptr_t)pc_label ? "ok" : "WRONG",
           addr == (uintptr_t)-1 ? "-" : got_addr == addr ? "ok" : "WRONG");
    got_sig = 0;
}

static void ds_load(void)
{
    __asm__ volatile(".set push\n.set noreorder\n"
                     ".globl ds_load_branch\nds_load_branch:\n"
                     "beq $0, $0, 1f\n"
                     "lw $8, 16($0)\n"
                     "nop\n1:\n.set pop\n" ::: "$8", "memory");
}

static void load(void)
{
    __asm__ volatile(".set push\n.set noreorder\n"
                     ".globl plain_load\nplain_load:\n"
                     "lw $8, 16($0)\n"
                     "nop\n.set pop\n" ::: "$8", "memory");
}

static void ds_store(void *p)
{
    __asm__ volatile(".set push\n.set noreorder\n"
                     ".globl ds_store_branch\nds_store_branch:\n"
                     "bne %0, $0, 1f\n"
                     "sw $0, 0(%0)\n"
                     "nop\n1:\n.set pop\n" :: "r"(p) : "memory");
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    if (sigsetjmp(jb, 1) == 0) {
        ds_load();
    }
    report("load in delay slot", ds_load_branch, 16);
    if (sigsetjmp(jb, 1) == 0) {
        load();
    }
    report("load", plain_load, 16);
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(jb, 1) == 0) {
        ds_store(ro + 8);
    }
    report("store in delay slot (r/o)", ds_store_branch, (uintptr_t)(ro + 8));

    step = 1;
    __asm__ volatile(".globl teq7\nteq7: teq $0, $0, 7\n");
    report("teq code 7", teq7, (uintptr_t)teq7);
    __asm__ volatile(".globl teq6\nteq6: teq $0, $0, 6\n");
    report("teq code 6", teq6, (uintptr_t)teq6);
    __asm__ volatile(".globl teq3\nteq3: teq $0, $0, 3\n");
    report("teq code 3", teq3, (uintptr_t)-1);
    __asm__ volatile(".globl break7\nbreak7: break 7\n");
    report("break 7", break7, (uintptr_t)break7);
    __asm__ volatile(".globl break6\nbreak6: break 6\n");
    report("break 6", break6, (uintptr_t)break6);
    int big = 0x7fffffff, out = 0;
    __asm__ volatile(".globl add_ovf\nadd_ovf: add %0, %1, %1\n" : "+r"(out) : "r"(big));
    report("add overflow", add_ovf, (uintptr_t)add_ovf);
    printf("add overflow left the destination alone: %d\n", out == 0);
    __asm__ volatile(".globl reserved\nreserved: .word 0x00000005\n");
    report("reserved instruction", reserved, (uintptr_t)-1);
    step = 0;

    /* misaligned loads and stores outside a delay slot: emulated, as Linux's do_ade */
    static union { uint8_t b[32]; uint64_t align; } u;
    for (int i = 0; i < 32; i++) {
        u.b[i] = (uint8_t)(0x81 + 13 * i);
    }
    uint8_t *p = u.b + 1;
    int32_t w, h;
    uint32_t hu, w_ref;
    int16_t h_ref;
    uint16_t hu_ref;
    double d, d_ref;
    __asm__ volatile("lw %0, 0(%1)" : "=r"(w) : "r"(p) : "memory");
    __asm__ volatile("lh %0, 2(%1)" : "=r"(h) : "r"(p) : "memory");
    __asm__ volatile("lhu %0, 4(%1)" : "=r"(hu) : "r"(p) : "memory");
    __asm__ volatile("ldc1 %0, 8(%1)" : "=f"(d) : "r"(p) : "memory");
    memcpy(&w_ref, p, 4);
    memcpy(&h_ref, p + 2, 2);
    memcpy(&hu_ref, p + 4, 2);
    memcpy(&d_ref, p + 8, 8);
    printf("misaligned lw %d lh %d lhu %d ldc1 %d\n", (uint32_t)w == w_ref, h == h_ref,
           hu == hu_ref, memcmp(&d, &d_ref, 8) == 0);
    uint8_t before[32];
    memcpy(before, u.b, 32);
    __asm__ volatile("sw %0, 0(%1)" :: "r"(0x11223344), "r"(u.b + 5) : "memory");
    __asm__ volatile("sh %0, 0(%1)" :: "r"(0x5566), "r"(u.b + 11) : "memory");
    __asm__ volatile("sdc1 %0, 0(%1)" :: "f"(d_ref), "r"(u.b + 17) : "memory");
    uint32_t sw_ref = 0x11223344;
    uint16_t sh_ref = 0x5566;
    memcpy(before + 5, &sw_ref, 4);
    memcpy(before + 11, &sh_ref, 2);
    memcpy(before + 17, &d_ref, 8);
    printf("misaligned sw/sh/sdc1 wrote exactly their bytes: %d\n", memcmp(before, u.b, 32) == 0);
    printf("done\n");
    return 0;
}
