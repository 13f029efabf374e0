/*
 * models.c — what user code sees of the CPU model: AT_HWCAP, the ARMv5
 * rotated unaligned word load (-cpu arm926) against the ARMv6+ unaligned
 * load (the default Cortex-A15), and which instruction sets raise SIGILL:
 * Thumb-2, VFPv3, NEON and SDIV are absent on ARMv5TE.  The expected
 * values are the architecture's and Linux's (elf_hwcap_fixup drops SWP on
 * CPUs with LDREXB).
 */
#include "isa.h"

#include <setjmp.h>
#include <signal.h>

#if ISA_ON_ARM
#include <sys/auxv.h>

static sigjmp_buf jb;

static void on_sigill(int sig)
{
    siglongjmp(jb, 1);
}

/* run f; 1 if it raised SIGILL */
static int traps(void (*f)(void))
{
    if (sigsetjmp(jb, 1)) {
        return 1;
    }
    f();
    return 0;
}

void thumb2_insn(void);
void vfp3_insn(void);
void neon_insn(void);
void div_insn(void);
void cbz_insn(void);
asm(".text\n"
    ".thumb\n"
    ".global thumb2_insn\n"
    ".type thumb2_insn, %function\n"
    ".thumb_func\n"
    "thumb2_insn:\n"
    "  .inst.w 0xf04f0001\n"          /* mov.w r0, #1 */
    "  bx lr\n"
    ".global cbz_insn\n"
    ".type cbz_insn, %function\n"
    ".thumb_func\n"
    "cbz_insn:\n"
    "  movs r0, #0\n"
    "  .inst.n 0xb100\n"              /* cbz r0, +4 */
    "  nop\n"
    "  bx lr\n"
    ".arm\n"
    ".global vfp3_insn\n"
    ".type vfp3_insn, %function\n"
    "vfp3_insn:\n"
    "  .inst 0xeeb70a00\n"            /* vmov.f32 s0, #1.0 */
    "  bx lr\n"
    ".global neon_insn\n"
    ".type neon_insn, %function\n"
    "neon_insn:\n"
    "  .inst 0xf2000800\n"            /* vadd.i8 d0, d0, d0 */
    "  bx lr\n"
    ".global div_insn\n"
    ".type div_insn, %function\n"
    "div_insn:\n"
    "  mov r0, #7\n"
    "  .inst 0xe710f110\n"            /* sdiv r0, r0, r1 */
    "  bx lr\n");

static uint32_t ldr_at(const uint8_t *p)
{
    uint32_t v;
    asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint32_t ldm_at(const uint8_t *p)
{
    uint32_t v, w;
    asm volatile("ldm %2, {%0, %1}" : "=&r"(v), "=&r"(w) : "r"(p) : "memory");
    return v ^ w;
}

static void str_at(uint8_t *p, uint32_t v)
{
    asm volatile("str %1, [%0]" : : "r"(p), "r"(v) : "memory");
}
#else
static uint32_t word_le(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t ldr_at(const uint8_t *p)
{
    if (ISA_LEVEL >= 6) {
        return word_le(p);
    }
    /* ARMv5: the aligned word rotated right by 8 * (address & 3) */
    unsigned r = ((uintptr_t)p & 3) * 8;
    uint32_t w = word_le((const uint8_t *)((uintptr_t)p & ~(uintptr_t)3));
    return r ? w >> r | w << (32 - r) : w;
}

static uint32_t ldm_at(const uint8_t *p)
{
    /*
     * ARMv6+: an unaligned LDM faults and Linux's alignment handler performs
     * it (the default UM_FIXUP on those CPUs); ARMv5 ignores the low bits.
     */
    const uint8_t *a = ISA_LEVEL >= 6 ? p : (const uint8_t *)((uintptr_t)p & ~(uintptr_t)3);
    return word_le(a) ^ word_le(a + 4);
}

static void str_at(uint8_t *p, uint32_t v)
{
    if (ISA_LEVEL < 6) {
        p = (uint8_t *)((uintptr_t)p & ~(uintptr_t)3);
    }
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}
#endif

int main(void)
{
    static uint8_t buf[32] __attribute__((aligned(8)));
#if ISA_ON_ARM
    signal(SIGILL, on_sigill);
    printf("hwcap %08lx\n", getauxval(AT_HWCAP));
    printf("sigill: thumb-2 %d cbz %d vfpv3 %d neon %d sdiv %d\n", traps(thumb2_insn),
           traps(cbz_insn), traps(vfp3_insn), traps(neon_insn), traps(div_insn));
#else
    /* the models' hwcaps as Linux reports them */
    uint32_t hw5 = 0x1 | 0x2 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100;           /* swp half thumb fastmult vfp edsp java */
    uint32_t hw7 = 0x2 | 0x4 | 0x10 | 0x40 | 0x80 | 0x1000 | 0x2000 | 0x8000 | 0x10000 |
                   0x20000 | 0x40000 | 0x80000 | 0x100000;                  /* + neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae */
    /* ARM1136 r1: also TLS; its MIDR predates the CPUID scheme, so SWP stays */
    printf("hwcap %08x\n", ISA_LEVEL >= 7 ? hw7 : ISA_LEVEL == 6 ? hw5 | 0x8000 : hw5);
    int old = ISA_LEVEL < 7;
    printf("sigill: thumb-2 %d cbz %d vfpv3 %d neon %d sdiv %d\n", old, old, old, old, old);
#endif
    for (int off = 0; off < 4; off++) {
        for (int i = 0; i < 32; i++) {
            buf[i] = (uint8_t)(0x10 + i);
        }
        uint32_t l = ldr_at(buf + 8 + off), m = ldm_at(buf + 8 + off);
        str_at(buf + 16 + off, 0xa1b2c3d4);
        printf("offset %d: ldr %08x ldm-xor %08x after str:", off, l, m);
        for (int i = 12; i < 24; i++) {
            printf(" %02x", buf[i]);
        }
        printf("\n");
    }
    printf("models: done\n");
    return 0;
}
