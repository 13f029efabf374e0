/*
 * x86-native.c — the native side of the x86 differential test (see
 * x86-native.h): enter the code at CODE with a given register state, in
 * 64-bit mode directly or in 32-bit compatibility mode through a far jump
 * to the 32-bit user code segment (selector 0x23 on Linux x86-64), and
 * come back through an epilogue that stores every register to OUT.
 * Faults are caught with a signal handler on an alternate stack, which
 * reports the hardware vector (the kernel's trap number) and the pc.
 */
#include "x86-native.h"

#include <setjmp.h>
#include <stddef.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

/* the slots the assembly addresses absolutely (kept equal to X86T_SLOTS + n) */
#define SLOT_HOSTRSP 0x10041000
#define SLOT_CODE    0x10041008
#define SLOT_EXIT    0x10041010
#define SLOT_FAR32   0x10041018
#define SLOT_FAR64   0x10041020
#define SLOT_MXCSR   0x10041028
_Static_assert(SLOT_HOSTRSP == X86T_SLOTS, "slot layout");
_Static_assert(offsetof(X86State, mm) == 400 && offsetof(X86State, xmm) == 144 &&
               offsetof(X86State, ymmh) == 464 &&
               offsetof(X86State, rflags) == 128 && offsetof(X86State, mxcsr) == 136,
               "X86State layout used by the assembly");

#define STR_(x) #x
#define STR(x) STR_(x)

/* Load the GPRs from the X86State at %rdi (rdi last) and go. */
#define LOAD_GPRS                                                           \
    "pushq 128(%rdi)\n popfq\n"                                             \
    "mov 0(%rdi), %rax\n mov 8(%rdi), %rcx\n mov 16(%rdi), %rdx\n"          \
    "mov 24(%rdi), %rbx\n mov 32(%rdi), %rsp\n mov 40(%rdi), %rbp\n"        \
    "mov 48(%rdi), %rsi\n mov 64(%rdi), %r8\n mov 72(%rdi), %r9\n"          \
    "mov 80(%rdi), %r10\n mov 88(%rdi), %r11\n mov 96(%rdi), %r12\n"        \
    "mov 104(%rdi), %r13\n mov 112(%rdi), %r14\n mov 120(%rdi), %r15\n"     \
    "mov 56(%rdi), %rdi\n"

/* void x86t_enter(const X86State *in, int mode64); returns through x86t_exit */
__asm__(
    ".text\n"
    ".globl x86t_enter\n"
    ".type x86t_enter, @function\n"
    "x86t_enter:\n"
    "push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "movq %rsp, " STR(SLOT_HOSTRSP) "\n"
    "stmxcsr " STR(SLOT_MXCSR) "\n"
    "movdqu 144(%rdi), %xmm0\n movdqu 160(%rdi), %xmm1\n"
    "movdqu 176(%rdi), %xmm2\n movdqu 192(%rdi), %xmm3\n"
    "movdqu 208(%rdi), %xmm4\n movdqu 224(%rdi), %xmm5\n"
    "movdqu 240(%rdi), %xmm6\n movdqu 256(%rdi), %xmm7\n"
    "movdqu 272(%rdi), %xmm8\n movdqu 288(%rdi), %xmm9\n"
    "movdqu 304(%rdi), %xmm10\n movdqu 320(%rdi), %xmm11\n"
    "movdqu 336(%rdi), %xmm12\n movdqu 352(%rdi), %xmm13\n"
    "movdqu 368(%rdi), %xmm14\n movdqu 384(%rdi), %xmm15\n"
    "cmpb $0, x86t_avx(%rip)\n je 2f\n"
    "vinsertf128 $1, 464(%rdi), %ymm0, %ymm0\n"
    "vinsertf128 $1, 480(%rdi), %ymm1, %ymm1\n"
    "vinsertf128 $1, 496(%rdi), %ymm2, %ymm2\n"
    "vinsertf128 $1, 512(%rdi), %ymm3, %ymm3\n"
    "vinsertf128 $1, 528(%rdi), %ymm4, %ymm4\n"
    "vinsertf128 $1, 544(%rdi), %ymm5, %ymm5\n"
    "vinsertf128 $1, 560(%rdi), %ymm6, %ymm6\n"
    "vinsertf128 $1, 576(%rdi), %ymm7, %ymm7\n"
    "vinsertf128 $1, 592(%rdi), %ymm8, %ymm8\n"
    "vinsertf128 $1, 608(%rdi), %ymm9, %ymm9\n"
    "vinsertf128 $1, 624(%rdi), %ymm10, %ymm10\n"
    "vinsertf128 $1, 640(%rdi), %ymm11, %ymm11\n"
    "vinsertf128 $1, 656(%rdi), %ymm12, %ymm12\n"
    "vinsertf128 $1, 672(%rdi), %ymm13, %ymm13\n"
    "vinsertf128 $1, 688(%rdi), %ymm14, %ymm14\n"
    "vinsertf128 $1, 704(%rdi), %ymm15, %ymm15\n"
    "2:\n"
    "ldmxcsr 136(%rdi)\n"
    "fninit\n"
    /* defined register contents under empty tags: movq sets them, emms empties the tags */
    "movq 400(%rdi), %mm0\n movq 408(%rdi), %mm1\n movq 416(%rdi), %mm2\n"
    "movq 424(%rdi), %mm3\n movq 432(%rdi), %mm4\n movq 440(%rdi), %mm5\n"
    "movq 448(%rdi), %mm6\n movq 456(%rdi), %mm7\n"
    "emms\n"
    "test %esi, %esi\n"
    "jz 1f\n"
    LOAD_GPRS
    "jmp *" STR(SLOT_CODE) "\n"
    "1:\n"
    /* compatibility mode has segmentation: DS and ES must hold the flat user data segment */
    "mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
    LOAD_GPRS
    ".byte 0xff, 0x2c, 0x25\n .long " STR(SLOT_FAR32) "\n"   /* ljmp *m16:32 */
    ".size x86t_enter, . - x86t_enter\n"
    ".globl x86t_exit\n"
    ".type x86t_exit, @function\n"
    "x86t_exit:\n"
    "movq " STR(SLOT_HOSTRSP) ", %rsp\n"
    "cld\n"
    "ldmxcsr " STR(SLOT_MXCSR) "\n"
    "pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "fninit\n"
    "ret\n"
    ".size x86t_exit, . - x86t_exit\n");

void x86t_enter(const X86State *in, int mode64);
void x86t_exit(void);

/* read by x86t_enter: load the YMM upper halves */
uint8_t x86t_avx;

bool x86_native_avx(void)
{
    return x86t_avx;
}

/* CPUID.1:ECX AVX and OSXSAVE, and XCR0 enabling the SSE and AVX state. */
static bool host_avx(void)
{
    unsigned a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & (1u << 28)) || !(c & (1u << 27))) {
        return false;
    }
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}

static uint8_t *region;
static bool cur_mode64;
static sigjmp_buf fault_jmp;
static X86Result *fault_out;

bool x86_native_init(const char **why)
{
    if (region) {
        return true;
    }
    void *p = mmap((void *)(uintptr_t)X86T_REGION, X86T_REGION_SIZE,
                   PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED || p != (void *)(uintptr_t)X86T_REGION) {
        *why = "cannot map the test region at its fixed address";
        return false;
    }
    region = p;
    x86t_avx = host_avx();

    static uint8_t altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    return true;
}

uint8_t *x86_native_region(void)
{
    return region;
}

/* ---- the epilogue ---------------------------------------------------------- */

typedef struct Buf {
    uint8_t *p;
} Buf;

static void b1(Buf *b, uint8_t v)
{
    *b->p++ = v;
}

static void b4(Buf *b, uint32_t v)
{
    memcpy(b->p, &v, 4);
    b->p += 4;
}

/* ModRM (+ SIB) for the absolute address a: SIB form in 64-bit mode, disp32 form in 32-bit. */
static void abs_modrm(Buf *b, bool m64, int reg, uint32_t a)
{
    if (m64) {
        b1(b, (reg & 7) << 3 | 4);
        b1(b, 0x25);
    } else {
        b1(b, (reg & 7) << 3 | 5);
    }
    b4(b, a);
}

void x86_native_set_mode(bool mode64)
{
    Buf b = { region + (X86T_EPILOGUE - X86T_REGION) };
    int n = mode64 ? 16 : 8;
    cur_mode64 = mode64;

    for (int i = 0; i < n; i++) {                       /* mov [OUT + 8i], reg */
        if (mode64) {
            b1(&b, 0x48 | (i >= 8 ? 4 : 0));
        }
        b1(&b, 0x89);
        abs_modrm(&b, mode64, i, X86T_OUT + 8 * i);
    }
    b1(&b, 0x9c);                                       /* pushf */
    b1(&b, 0x58);                                       /* pop rax */
    if (mode64) {
        b1(&b, 0x48);
    }
    b1(&b, 0x89);                                       /* mov [OUT + 128], rax */
    abs_modrm(&b, mode64, 0, X86T_OUT + 128);
    for (int i = 0; i < n; i++) {                       /* movdqu [OUT + 144 + 16i], xmm */
        b1(&b, 0xf3);
        if (i >= 8) {
            b1(&b, 0x44);
        }
        b1(&b, 0x0f);
        b1(&b, 0x7f);
        abs_modrm(&b, mode64, i, X86T_OUT + 144 + 16 * i);
    }
    for (int i = 0; x86t_avx && i < n; i++) {           /* vextractf128 [OUT + 464 + 16i], ymm, 1 */
        b1(&b, 0xc4);
        b1(&b, (i >= 8 ? 0 : 0x80) | 0x60 | 3);        /* R X B inverted, map 0F 3A */
        b1(&b, 0x7d);                                   /* W0, vvvv 1111, L1, pp 66 */
        b1(&b, 0x19);
        abs_modrm(&b, mode64, i, X86T_OUT + 464 + 16 * i);
        b1(&b, 1);
    }
    b1(&b, 0x0f);                                       /* fxsave [FXSAVE] */
    b1(&b, 0xae);
    abs_modrm(&b, mode64, 0, X86T_FXSAVE);
    b1(&b, 0x0f);                                       /* stmxcsr [OUT + 136] */
    b1(&b, 0xae);
    abs_modrm(&b, mode64, 3, X86T_OUT + 136);
    b1(&b, 0xff);
    if (mode64) {
        abs_modrm(&b, true, 4, SLOT_EXIT);              /* jmp [SLOT_EXIT] */
    } else {
        abs_modrm(&b, false, 5, SLOT_FAR64);            /* ljmp [SLOT_FAR64] -> STUB */
    }

    /* STUB (64-bit code, reached from 32-bit): mov rsp, [HOSTRSP]; jmp [EXIT] */
    Buf s = { region + (X86T_STUB - X86T_REGION) };
    b1(&s, 0x48);
    b1(&s, 0x8b);
    abs_modrm(&s, true, 4, SLOT_HOSTRSP);
    b1(&s, 0xff);
    abs_modrm(&s, true, 4, SLOT_EXIT);

    uint8_t *slots = region + (X86T_SLOTS - X86T_REGION);
    uint64_t code = X86T_CODE, exit_fn = (uintptr_t)x86t_exit;
    uint32_t far32[2] = { X86T_CODE, 0x23 }, far64[2] = { X86T_STUB, 0x33 };
    memcpy(slots + 8, &code, 8);
    memcpy(slots + 16, &exit_fn, 8);
    memcpy(slots + 24, far32, 6);
    memcpy(slots + 32, far64, 6);
}

/* ---- running ------------------------------------------------------------------ */

static void fault_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    fault_out->excp = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    fault_out->excp_eip = uc->uc_mcontext.gregs[REG_RIP];
    if (sig == SIGTRAP && fault_out->excp == 1) {
        fault_out->excp = 3;
    }
    siglongjmp(fault_jmp, 1);
}

void x86_native_run(const X86State *in, const uint8_t *data, X86Result *out)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
    struct sigaction sa = { .sa_sigaction = fault_handler, .sa_flags = SA_SIGINFO | SA_ONSTACK },
                     old[5];
    memset(out, 0, sizeof(*out));
    out->excp = -1;
    memcpy(region + (X86T_DATA - X86T_REGION), data, X86T_DATA_SIZE);
    memset(region + (X86T_STACK_TOP - X86T_STACK_CMP - X86T_REGION), 0, X86T_STACK_CMP);
    memset(region + (X86T_OUT - X86T_REGION), 0, sizeof(X86State));
    for (int i = 0; i < 5; i++) {
        sigaction(sigs[i], &sa, &old[i]);
    }
    fault_out = out;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        x86t_enter(in, cur_mode64);
        memcpy(&out->st, region + (X86T_OUT - X86T_REGION), sizeof(X86State));
        memcpy(out->fxsave, region + (X86T_FXSAVE - X86T_REGION), 512);
    }
    for (int i = 0; i < 5; i++) {
        sigaction(sigs[i], &old[i], NULL);
    }
}
