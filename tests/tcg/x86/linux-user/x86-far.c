/*
 * x86-far.c — far transfers and far-pointer loads as a Linux process sees
 * them, for emu-i386 and emu-x86_64; the same static binary run natively is
 * the reference (the output must match line for line).
 *
 * The x86-64 build switches to 32-bit compatibility mode (selector 0x23)
 * and back (0x33) with far CALL/RET (also RETF imm16), far JMP through
 * memory both ways and IRETQ; the i386 build makes the same far transfers
 * inside 0x23, plus the direct forms (9A/EA).  Code bytes that mean
 * different things in the two modes (48 90: DEC EAX; NOP in 32-bit code,
 * a REX.W NOP in 64-bit code) show which mode ran.
 *
 * LES/LDS/LSS/LGS run in 32-bit code with good and bad selectors: a bad
 * one raises #GP (SIGSEGV; the kernel refuses not-present TLS descriptors,
 * so #NP cannot be provoked without an LDT); the handler prints si_code and the trap number,
 * error code (the selector) and CS the kernel put in uc_mcontext, and
 * skips the instruction, returning into 32-bit code.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

struct farptr {
    uint32_t off;
    uint16_t sel;
} __attribute__((packed));

/* the far pointer the 32-bit routines load from (ebx points at it) */
struct farptr lxs_ptr;
/* the pointer the far calls go through */
struct farptr call_ptr;
uint64_t saved_rsp;
/* a stack below 4 GiB: compatibility mode uses ESP */
uint8_t lowstack[65536] __attribute__((aligned(16)));
uint8_t *lowstack_top = lowstack + sizeof(lowstack);

/*
 * 32-bit routines entered with a far CALL (ebx = &lxs_ptr), returning with
 * RETF: eax and ecx carry the results.
 */
#ifdef __x86_64__
#define CODE32 ".code32\n"
#define CODE64 ".code64\n"
#else
#define CODE32 ""
#define CODE64 ""
#endif
__asm__(".text\n" CODE32
        "probe32:\n mov $1, %eax\n .byte 0x48\n nop\n mov %cs, %ecx\n lret\n"
        "probe32_imm:\n mov $7, %eax\n mov %cs, %ecx\n lret $16\n"
        "les32:\n les (%ebx), %eax\n mov %es, %ecx\n lret\n"
        "lds32:\n lds (%ebx), %eax\n mov %ds, %ecx\n mov $0x2b, %edx\n mov %edx, %ds\n lret\n"
        "lss32:\n lss (%ebx), %eax\n mov %ss, %ecx\n lret\n"
        "lgs32:\n lgs (%ebx), %eax\n mov %gs, %ecx\n lret\n"
        CODE64);

#ifdef __x86_64__
/*
 * The routines return eax | (ecx or edx) << 32 (edx:eax on i386).
 * uint64_t far_call(void): lcall through call_ptr on the low stack with
 * DS/ES = 0x2b (a 64-bit process runs with DS = 0, which 32-bit code cannot
 * use); eax | ecx << 32 back, rsp checked unchanged (bit 63 set if not).
 */
__asm__(".text\n"
        "far_call:\n"
        " push %rbx\n push %rbp\n"
        " mov %rsp, saved_rsp(%rip)\n mov lowstack_top(%rip), %rsp\n"
        " mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
        " mov %rsp, %rbp\n"
        " lea lxs_ptr(%rip), %rbx\n xor %eax, %eax\n xor %ecx, %ecx\n"
        " lcall *call_ptr(%rip)\n"
        " cmp %rsp, %rbp\n setne %dl\n movzbq %dl, %rdx\n shl $63, %rdx\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbp\n pop %rbx\n"
        " shl $32, %rcx\n mov %eax, %eax\n or %rcx, %rax\n or %rdx, %rax\n ret\n"
        /* the same with 16 bytes of arguments for RETF imm16 to drop */
        "far_call_imm:\n"
        " push %rbx\n push %rbp\n"
        " mov %rsp, saved_rsp(%rip)\n mov lowstack_top(%rip), %rsp\n"
        " mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
        " mov %rsp, %rbp\n sub $16, %rsp\n"
        " lcall *call_ptr(%rip)\n"
        " cmp %rsp, %rbp\n setne %dl\n movzbq %dl, %rdx\n shl $63, %rdx\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbp\n pop %rbx\n"
        " shl $32, %rcx\n mov %eax, %eax\n or %rcx, %rax\n or %rdx, %rax\n ret\n"
        /* far JMP to 32-bit code and back: CS seen there, eax after DEC */
        "jmp_roundtrip:\n"
        " push %rbx\n"
        " mov %rsp, saved_rsp(%rip)\n mov lowstack_top(%rip), %rsp\n"
        " mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
        " mov $5, %eax\n"
        " ljmp *jmp_there(%rip)\n"
        ".code32\n"
        "jmp_c32:\n .byte 0x48\n nop\n mov %cs, %ecx\n ljmp *jmp_back\n"
        ".code64\n"
        "jmp_back64:\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbx\n"
        " shl $32, %rcx\n mov %eax, %eax\n or %rcx, %rax\n ret\n"
        /* IRETQ to 32-bit code (SS:RSP, RFLAGS with CF set, CS:EIP), back with push/push/RETF */
        "iret_roundtrip:\n"
        " push %rbx\n"
        " mov %rsp, saved_rsp(%rip)\n mov lowstack_top(%rip), %rsp\n"
        " mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
        " push $0x2b\n push %rsp\n pushfq\n orq $1, (%rsp)\n push $0x23\n push $iret_c32\n"
        " mov $9, %eax\n clc\n"
        " iretq\n"
        ".code32\n"
        "iret_c32:\n"
        " setc %dl\n .byte 0x48\n nop\n mov %cs, %ecx\n shl $8, %ecx\n mov %dl, %cl\n"
        " push $0x33\n push $iret_back64\n lret\n"
        ".code64\n"
        "iret_back64:\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbx\n"
        " shl $32, %rcx\n mov %eax, %eax\n or %rcx, %rax\n ret\n"
        ".data\n"
        "jmp_there: .long jmp_c32\n .word 0x23\n"
        "jmp_back: .long jmp_back64\n .word 0x33\n"
        ".text\n");
#else
__asm__(".text\n"
        "far_call:\n"
        " push %ebx\n push %ebp\n mov %esp, %ebp\n"
        " lea lxs_ptr, %ebx\n xor %eax, %eax\n xor %ecx, %ecx\n"
        " lcall *call_ptr\n"
        " cmp %esp, %ebp\n setne %dl\n movzbl %dl, %edx\n shl $31, %edx\n"
        " pop %ebp\n pop %ebx\n or %edx, %ecx\n mov %ecx, %edx\n ret\n"
        "far_call_imm:\n"
        " push %ebx\n push %ebp\n mov %esp, %ebp\n sub $16, %esp\n"
        " lcall *call_ptr\n"
        " cmp %esp, %ebp\n setne %dl\n movzbl %dl, %edx\n shl $31, %edx\n"
        " mov %ebp, %esp\n pop %ebp\n pop %ebx\n or %edx, %ecx\n mov %ecx, %edx\n ret\n"
        /* far JMP through memory, then the direct forms EA and 9A */
        "jmp_roundtrip:\n"
        " push %ebx\n mov $5, %eax\n"
        " ljmp *jmp_there\n"
        "jmp_c32:\n .byte 0x48\n nop\n"
        " ljmp $0x23, $jmp_direct\n"
        "jmp_direct:\n"
        " push %eax\n lcall $0x23, $probe32\n pop %eax\n"
        " mov %cs, %edx\n pop %ebx\n ret\n"
        /* IRET within 0x23 with CF set in the popped EFLAGS */
        "iret_roundtrip:\n"
        " push %ebx\n pushf\n orl $1, (%esp)\n push $0x23\n push $iret_c32\n mov $9, %eax\n clc\n"
        " iret\n"
        "iret_c32:\n"
        " setc %dl\n .byte 0x48\n nop\n mov %cs, %ecx\n shl $8, %ecx\n mov %dl, %cl\n"
        " mov %ecx, %edx\n pop %ebx\n ret\n"
        ".data\n"
        "jmp_there: .long jmp_c32\n .word 0x23\n"
        ".text\n");
#endif

uint64_t far_call(void);
uint64_t far_call_imm(void);
uint64_t jmp_roundtrip(void);
uint64_t iret_roundtrip(void);
extern char probe32[], probe32_imm[], les32[], lds32[], lss32[], lgs32[];

static volatile unsigned skip;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    greg_t *g = uc->uc_mcontext.gregs;
#ifdef __x86_64__
    unsigned cs = g[REG_CSGSFS] & 0xffff;
    g[REG_RIP] += skip;
#else
    unsigned cs = g[REG_CS] & 0xffff;
    g[REG_EIP] += skip;
#endif
    printf("  signal %d si_code %#x trapno %ld err %#lx cs %#x\n", sig, si->si_code,
           (long)g[REG_TRAPNO], (long)g[REG_ERR], cs);
    fflush(stdout);
}

static void call(const char *what, char *fn, uint16_t sel)
{
    call_ptr.off = (uint32_t)(uintptr_t)fn;
    call_ptr.sel = sel;
    uint64_t r = far_call();
    printf("%s: eax %#x cs-there %#x stack %s\n", what, (uint32_t)r,
           (uint32_t)(r >> 32) & 0xffff, r >> 63 ? "moved" : "balanced");
}

/* LxS from 32-bit code with the selector sel; len: the instruction's length. */
static void lxs(const char *what, char *fn, unsigned len, uint16_t sel)
{
    lxs_ptr.off = 0x12345678;
    lxs_ptr.sel = sel;
    skip = len;
    call_ptr.off = (uint32_t)(uintptr_t)fn;
    call_ptr.sel = 0x23;
    printf("%s %#x:\n", what, sel);
    fflush(stdout);
    uint64_t r = far_call();
    printf("  eax %#x seg %#x\n", (uint32_t)r, (uint32_t)(r >> 32) & 0xffff);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    call("lcall 0x23", probe32, 0x23);
#ifdef __x86_64__
    call("lcall 0x33", probe32, 0x33);
#endif
    call_ptr.off = (uint32_t)(uintptr_t)probe32_imm;
    call_ptr.sel = 0x23;
    uint64_t r = far_call_imm();
    printf("lret $16: cs-there %#x stack %s\n", (uint32_t)(r >> 32) & 0xffff,
           r >> 63 ? "moved" : "balanced");

    r = jmp_roundtrip();
    printf("ljmp there and back: eax %#x cs %#x\n", (uint32_t)r, (uint32_t)(r >> 32));
    r = iret_roundtrip();
    uint32_t v = r >> 32;
    printf("iret: eax %#x cs-there %#x cf %u\n", (uint32_t)r, v >> 8, v & 1);

    lxs("les", les32, 2, 0x2b);
    lxs("les", les32, 2, 0x28);
    lxs("lds", lds32, 2, 0x2b);
    lxs("les", les32, 2, 0x10);
    lxs("lds", lds32, 2, 0x07);
    lxs("lds", lds32, 2, 0x1b);
    lxs("les", les32, 2, 0x1f8);
    lxs("lss", lss32, 3, 0x23);
    lxs("lss", lss32, 3, 0);
    lxs("lgs", lgs32, 3, 0x10);
#ifdef __x86_64__
    lxs("lgs", lgs32, 3, 0x2b);
    lxs("lgs", lgs32, 3, 0x33);
    lxs("lgs", lgs32, 3, 0);
#endif

    printf("done\n");
    return 0;
}
