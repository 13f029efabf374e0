/*
 * x86-ldt.c — modify_ldt and segment-register loads as a Linux process sees
 * them, for emu-i386 and emu-x86_64; the same static binary run natively is
 * the reference (the output must match line for line).
 *
 * MOV Sreg with refused selectors (beyond the GDT, a TI=1 selector before
 * there is an LDT, a kernel descriptor, a null SS, then LDT entries that are
 * empty, not present, code for SS) must raise what the hardware raises: the
 * handler prints the signal, si_code, trapno and err (the selector) the
 * kernel puts in the frame and skips the 2-byte MOV.  modify_ldt reads
 * (func 0: nothing before the first write, then the descriptors in the
 * kernel's encoding), the default LDT (func 2), writes (0x11, 1) with the
 * kernel's EINVAL cases; an LDT data segment loads into FS (i386) or GS
 * (x86-64; FS holds glibc's TLS there) and addresses its base, and a far
 * CALL to an LDT code segment runs 32-bit code with that CS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef __x86_64__
#define SREG "gs"
#define REG_PC REG_RIP
#define CODE32 ".code32\n"
#define CODE64 ".code64\n"
#else
#define SREG "fs"
#define REG_PC REG_EIP
#define CODE32 ""
#define CODE64 ""
#endif

struct user_desc_ {
    uint32_t entry, base, limit, flags;
};
#define F_32BIT 1u
#define F_CONTENTS(c) ((c) << 1)
#define F_RX_ONLY (1u << 3)
#define F_PAGES (1u << 4)
#define F_NOT_PRESENT (1u << 5)
#define F_USEABLE (1u << 6)

uint32_t ldt_data = 0x5eed1234;
static volatile int faulted;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    printf("  signal %d code %d trapno %ld err %#lx\n", sig, si->si_code,
           (long)uc->uc_mcontext.gregs[REG_TRAPNO], (unsigned long)uc->uc_mcontext.gregs[REG_ERR]);
    uc->uc_mcontext.gregs[REG_PC] += 2;        /* every probe is a 2-byte MOV Sreg, r32 */
    faulted = 1;
}

/* MOV SREG, sel (8E /r, 2 bytes); the selector SREG holds afterwards. */
static unsigned load_sreg(unsigned sel)
{
    unsigned now;
    __asm__ volatile("mov %1, %%" SREG "\n mov %%" SREG ", %0" : "=r"(now) : "a"(sel) : "memory");
    return now & 0xffff;
}

/* MOV SS, sel: only ever with selectors that fault (SS is left as it was). */
static void load_ss(unsigned sel)
{
    __asm__ volatile("mov %0, %%ss" : : "a"(sel) : "memory");
}

static int modify_ldt(int func, void *ptr, unsigned long bytecount)
{
    /* x86-64's kernel returns an int in rax: errors are not in glibc's -4095..-1 range there */
    long r = syscall(SYS_modify_ldt, func, ptr, bytecount);
    return r == -1 ? -errno : (int)r;
}

static int write_desc(int func, uint32_t entry, uint32_t base, uint32_t limit, uint32_t flags,
                      unsigned long size)
{
    struct user_desc_ d = { entry, base, limit, flags };
    return modify_ldt(func, &d, size);
}

/*
 * The selector is printed only after a load that did not fault: what
 * sigreturn leaves in a null FS/GS is the kernel's business (6.x keeps 0-3
 * as they are, older kernels made them 3).
 */
static void probe(const char *what, unsigned sel)
{
    printf("mov %s, %#x (%s):\n", SREG, sel, what);
    faulted = 0;
    unsigned now = load_sreg(sel);
    if (!faulted) {
        printf("  %s = %#x\n", SREG, now);
    }
    load_sreg(0);
}

/* A 32-bit routine reached by a far CALL: returns CS in eax. */
__asm__(".text\n" CODE32 "ldt_code32:\n mov %cs, %eax\n lret\n" CODE64);
extern char ldt_code32[];

struct farptr {
    uint32_t off;
    uint16_t sel;
} __attribute__((packed));
struct farptr call_ptr;
uint8_t lowstack[16384] __attribute__((aligned(16)));
uint8_t *lowstack_top = lowstack + sizeof(lowstack);

#ifdef __x86_64__
uint64_t saved_rsp;
/* far CALL through call_ptr on a stack below 4 GiB (32-bit code uses ESP) */
__asm__(".text\n far_call:\n push %rbx\n mov %rsp, saved_rsp(%rip)\n"
        " mov lowstack_top(%rip), %rsp\n xor %eax, %eax\n lcall *call_ptr(%rip)\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbx\n ret\n");
#else
__asm__(".text\n far_call:\n xor %eax, %eax\n lcall *call_ptr\n ret\n");
#endif
unsigned far_call(void);

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    uint8_t buf[256];
    memset(buf, 0xee, sizeof(buf));
    printf("read before any write: %d\n", modify_ldt(0, buf, 64));
    int r = modify_ldt(2, buf, sizeof(buf));
    int nz = 0;
    for (int i = 0; i < r && i < (int)sizeof(buf); i++) {
        nz += buf[i] != 0;
    }
    printf("read default: %d, %d non-zero bytes\n", r, nz);
    printf("unknown func: %d\n", modify_ldt(7, buf, 16));

    probe("beyond the GDT", 0x1233);
    probe("LDT before there is one", 0x7);
    probe("kernel code", 0x13);
    printf("mov ss, 0:\n");
    load_ss(0);

    uintptr_t base = (uintptr_t)&ldt_data;
    printf("write 0 data: %d\n",
           write_desc(0x11, 0, base, 0xfffff, F_32BIT | F_PAGES | F_USEABLE, 16));
    printf("write 1 not present: %d\n",
           write_desc(0x11, 1, 0x1000, 0xfff, F_32BIT | F_NOT_PRESENT, 16));
    printf("write 3 code (old mode): %d\n",
           write_desc(1, 3, 0, 0xfffff, F_32BIT | F_PAGES | F_CONTENTS(2) | F_USEABLE, 16));
    printf("write 5 16-bit data: %d\n", write_desc(0x11, 5, 0x12345678, 0xabcd, 0, 16));
    printf("write size 15: %d\n", write_desc(0x11, 4, 0, 0xfff, F_32BIT, 15));
    printf("write entry 8192: %d\n", write_desc(0x11, 8192, 0, 0xfff, F_32BIT, 16));
    printf("write contents 3 (old mode): %d\n",
           write_desc(1, 4, 0, 0xfff, F_32BIT | F_CONTENTS(3) | F_NOT_PRESENT, 16));
    printf("write contents 3 present: %d\n",
           write_desc(0x11, 4, 0, 0xfff, F_32BIT | F_CONTENTS(3), 16));
    r = write_desc(0x11, 6, 0x1000, 0xfff, F_32BIT, 16);
    printf("write 6 then clear it (LDT_empty): %d %d\n", r,
           write_desc(0x11, 6, 0, 0, F_RX_ONLY | F_NOT_PRESENT, 16));
    r = write_desc(0x11, 7, 0x1000, 0xfff, F_32BIT, 16);
    printf("write 7 then clear it (old mode, base and limit 0): %d %d\n", r,
           write_desc(1, 7, 0, 0, F_32BIT, 16));

    memset(buf, 0xee, sizeof(buf));
    r = modify_ldt(0, buf, 80);
    printf("read 80: %d\n", r);
    for (int i = 0; i < 10; i++) {
        uint32_t lo, hi;
        memcpy(&lo, buf + i * 8, 4);
        memcpy(&hi, buf + i * 8 + 4, 4);
        if (i == 0) {
            /* the base is the variable's address: show the rest */
            lo &= 0xffff;
            hi &= 0x00ffff00;
        }
        printf("  %d: %08x %08x\n", i, hi, lo);
    }
    printf("read 12: %d\n", modify_ldt(0, buf, 12));

    probe("LDT data, RPL 3", 0x7);
    unsigned v;
    load_sreg(0x7);
    __asm__ volatile("mov %%" SREG ":0, %0" : "=r"(v));
    load_sreg(0);
    printf("  %s:0 = %#x\n", SREG, v);
    probe("LDT data, RPL 0", 0x4);
    probe("LDT not present", 0xf);
    probe("LDT empty entry", 0x17);
    probe("LDT readable code", 0x1f);
    probe("LDT beyond its entries", 0x3f);
    printf("mov ss, LDT code:\n");
    load_ss(0x1f);
    printf("mov ss, LDT not present:\n");
    load_ss(0xf);

    call_ptr.off = (uint32_t)(uintptr_t)ldt_code32;
    call_ptr.sel = 0x1f;
    printf("far call to the LDT code segment: cs = %#x\n", far_call());
    return 0;
}
