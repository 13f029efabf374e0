/*
 * faults.c — synchronous faults as an ARM Linux kernel reports them: the
 * ucontext's pc is the faulting instruction, si_addr the data address
 * (SIGSEGV) or the instruction (SIGILL), and a handler that moves the pc
 * in the ucontext resumes there after sigreturn.  Fixed expected output
 * (faults.expected).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char load_insn[], load_next[], udf_insn[], udf_next[];

static volatile uintptr_t fault_pc, fault_addr;
static volatile int fault_sig, fault_code;

static void handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_pc = uc->uc_mcontext.arm_pc;
    fault_addr = (uintptr_t)si->si_addr;
    uc->uc_mcontext.arm_pc += 4;          /* skip the faulting A32 instruction */
    uc->uc_mcontext.arm_r1 = 0x600d;      /* and show the register change sticks */
}

static uint32_t faulting_load(uintptr_t addr)
{
    uint32_t r1;
    asm volatile("mov r1, #0\n"
                 ".global load_insn\nload_insn:\n"
                 "ldr r1, [%1]\n"
                 ".global load_next\nload_next:\n"
                 "mov %0, r1\n"
                 : "=r"(r1) : "r"(addr) : "r1", "memory");
    return r1;
}

static uint32_t undefined(void)
{
    uint32_t r1;
    asm volatile("mov r1, #0\n"
                 ".global udf_insn\nudf_insn:\n"
                 ".word 0xe7f000f0\n"           /* UDF #0: permanently undefined */
                 ".global udf_next\nudf_next:\n"
                 "mov %0, r1\n"
                 : "=r"(r1) : : "r1");
    return r1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    uint32_t r = faulting_load(0x10);
    printf("SIGSEGV: sig %d code %d pc at the load %d addr 0x%lx resumed with r1 0x%x\n",
           fault_sig, fault_code, fault_pc == (uintptr_t)load_insn, (unsigned long)fault_addr, r);

    r = undefined();
    printf("SIGILL: sig %d pc at the udf %d si_addr is the pc %d resumed with r1 0x%x\n",
           fault_sig, fault_pc == (uintptr_t)udf_insn, fault_addr == (uintptr_t)udf_insn, r);
    return 0;
}
