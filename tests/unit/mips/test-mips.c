/*
 * test-mips.c — the MIPS front end on hand-encoded instruction sequences,
 * built three times: mipsel and mips (MIPS32, both byte orders) and
 * mips64el (MIPS64).
 *
 * Harness: user-mode execution layer, a flat guest memory of 1 MiB at
 * guest address 0 with a hole (unmapped page) at HOLE_ADDR.  A case writes
 * its instructions at CODE_ADDR followed by SYSCALL, sets registers, runs
 * cpu_exec until it returns something other than EXCP_INTERRUPT and
 * compares with values worked out by hand from the MIPS64 Volume II
 * "Operation" sections and IEEE 754 (binary32/64 encodings of the exact
 * results and their roundings).  Instructions are encoded here from the
 * manual's format diagrams (R, I, J), not by the code under test.
 */
#include "cpu.h"

#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <glib.h>

#define RAM_SIZE (1024 * 1024)
#define CODE_ADDR 0x1000u
#define DATA_ADDR 0x8000u
#define HOLE_ADDR 0x40000u

static uint8_t *ram;
static CPUState *cs;
static CPUMIPSState *env;

/* ---- encodings (MIPS64 Volume II, chapter 3 formats) ---------------------------------- */

static uint32_t R(unsigned op, unsigned rs, unsigned rt, unsigned rd, unsigned sa, unsigned fn)
{
    return op << 26 | rs << 21 | rt << 16 | rd << 11 | sa << 6 | fn;
}

static uint32_t I(unsigned op, unsigned rs, unsigned rt, uint16_t imm)
{
    return op << 26 | rs << 21 | rt << 16 | imm;
}

/* COP1 register format: fmt ft fs fd function. */
static uint32_t F(unsigned fmt, unsigned ft, unsigned fs, unsigned fd, unsigned fn)
{
    return 0x11u << 26 | fmt << 21 | ft << 16 | fs << 11 | fd << 6 | fn;
}

enum { FMT_S = 16, FMT_D = 17, FMT_W = 20 };

#define SYSCALL 0x0000000cu
#define NOP     0x00000000u
#define ADDIU(rt, rs, imm)  I(0x09, rs, rt, (uint16_t)(imm))
#define LUI(rt, imm)        I(0x0f, 0, rt, (uint16_t)(imm))
#define ORI(rt, rs, imm)    I(0x0d, rs, rt, (uint16_t)(imm))
#define ADDU(rd, rs, rt)    R(0, rs, rt, rd, 0, 0x21)
#define ADD(rd, rs, rt)     R(0, rs, rt, rd, 0, 0x20)
#define BEQ(rs, rt, off)    I(0x04, rs, rt, (uint16_t)(off))
#define BNE(rs, rt, off)    I(0x05, rs, rt, (uint16_t)(off))
#define BEQL(rs, rt, off)   I(0x14, rs, rt, (uint16_t)(off))
#define BNEL(rs, rt, off)   I(0x15, rs, rt, (uint16_t)(off))
#define LW(rt, off, base)   I(0x23, base, rt, (uint16_t)(off))
#define LWU(rt, off, base)  I(0x27, base, rt, (uint16_t)(off))
#define SW(rt, off, base)   I(0x2b, base, rt, (uint16_t)(off))
#define LWL(rt, off, base)  I(0x22, base, rt, (uint16_t)(off))
#define LWR(rt, off, base)  I(0x26, base, rt, (uint16_t)(off))
#define SWL(rt, off, base)  I(0x2a, base, rt, (uint16_t)(off))
#define SWR(rt, off, base)  I(0x2e, base, rt, (uint16_t)(off))
#define LL(rt, off, base)   I(0x30, base, rt, (uint16_t)(off))
#define SC(rt, off, base)   I(0x38, base, rt, (uint16_t)(off))
#define JAL(addr)           (0x03u << 26 | ((addr) >> 2 & 0x3ffffff))
#define JR(rs)              R(0, rs, 0, 0, 0, 0x08)
#define TEQ(rs, rt, code)   (R(0, rs, rt, 0, 0, 0x34) | (code) << 6)

/* ---- the harness ------------------------------------------------------------------------- */

static void put32(uint32_t addr, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        ram[addr + (TARGET_BIG_ENDIAN ? 3 - i : i)] = v >> (8 * i);
    }
}

static uint32_t get32(uint32_t addr)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= (uint32_t)ram[addr + (TARGET_BIG_ENDIAN ? 3 - i : i)] << (8 * i);
    }
    return v;
}

/*
 * A guest access to unmapped memory is a host SIGSEGV in user mode; as
 * linux-user does, hand it to the CPU at the faulting instruction, here
 * through the front end's tlb_fill hook (which raises the TLB exception).
 */
static void host_fault(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    CPUState *c = current_cpu;
    uintptr_t pc = tcg_user_helper_retaddr ? tcg_user_helper_retaddr
                                           : (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    bool write = uc->uc_mcontext.gregs[REG_ERR] & 2;
    if (!c) {
        signal(sig, SIG_DFL);
        return;
    }
    tcg_user_helper_retaddr = 0;
    c->tcg_ops->tlb_fill(c, (uintptr_t)info->si_addr - guest_base, 1,
                         write ? MMU_DATA_STORE : MMU_DATA_LOAD, 0, false, pc);
}

static void setup(const char *model)
{
    if (!ram) {
        struct sigaction sa = { .sa_sigaction = host_fault,
                                .sa_flags = SA_SIGINFO | SA_NODEFER };
        sigaction(SIGSEGV, &sa, NULL);
        ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        g_assert(ram != MAP_FAILED);
        guest_base = (uintptr_t)ram;
        tcg_exec_init(16, false, &error_fatal);
        /* the first CPU fixes the page size page_set_flags works in */
        mips_cpu_create(model, &error_fatal);
        page_set_flags(0, RAM_SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
        /* the hole: nothing mapped (host and guest) */
        munmap(ram + HOLE_ADDR, 0x1000);
        page_set_flags(HOLE_ADDR, HOLE_ADDR + 0x1000, PAGE_RESET);
    }
    cs = mips_cpu_create(model, &error_fatal);
    env = cs->env_ptr;
}

/* Write code at CODE_ADDR followed by SYSCALL (dropping stale TBs, as a loader does). */
static void load_code(const uint32_t *insns, unsigned n)
{
    mprotect(ram, HOLE_ADDR, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < n; i++) {
        put32(CODE_ADDR + 4 * i, insns[i]);
    }
    put32(CODE_ADDR + 4 * n, SYSCALL);
    put32(CODE_ADDR + 4 * n + 4, SYSCALL);
    tb_invalidate_phys_range(CODE_ADDR, CODE_ADDR + 4 * n + 8);
}

static int run_cpu(CPUState *c)
{
    int r;
    do {
        r = cpu_exec(c);
    } while (r == EXCP_INTERRUPT);
    return r;
}

static int run(const uint32_t *insns, unsigned n)
{
    load_code(insns, n);
    env->pc = CODE_ADDR;
    return run_cpu(cs);
}

#define RUN(...) run((const uint32_t[]){ __VA_ARGS__ }, \
                     sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t))

/* The value a GPR holds for a 32-bit result: sign-extended. */
static uint64_t sx(uint32_t v)
{
    return (uint64_t)(int64_t)(int32_t)v;
}

#if TARGET_LONG_BITS == 64
#define DEFAULT_MODEL "5KEf"
#else
#define DEFAULT_MODEL "24Kf"
#endif

/* ---- integer ------------------------------------------------------------------------------ */

static void test_alu(void)
{
    setup(DEFAULT_MODEL);
    g_assert_cmpint(RUN(LUI(1, 0x8000), ORI(1, 1, 0x1234), ADDIU(2, 0, -5),
                        R(0, 0, 1, 3, 4, 0x00),            /* sll  v1, at, 4 */
                        R(0, 0, 1, 4, 4, 0x02),            /* srl  a0, at, 4 */
                        R(0, 0, 1, 5, 4, 0x03),            /* sra  a1, at, 4 */
                        R(0, 1, 1, 6, 8, 0x02),            /* rotr a2, at, 8 */
                        R(0x1c, 1, 0, 7, 0, 0x20),         /* clz  a3, at */
                        R(0x1c, 2, 0, 8, 0, 0x21),         /* clo  t0, v0 */
                        R(0, 1, 2, 9, 0, 0x2b),            /* sltu t1, at, v0 */
                        R(0, 1, 2, 10, 0, 0x2a)),          /* slt  t2, at, v0 */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[1], ==, sx(0x80001234));
    g_assert_cmphex(env->gpr[2], ==, sx(0xfffffffb));
    g_assert_cmphex(env->gpr[3], ==, sx(0x00012340));
    g_assert_cmphex(env->gpr[4], ==, sx(0x08000123));
    g_assert_cmphex(env->gpr[5], ==, sx(0xf8000123));
    g_assert_cmphex(env->gpr[6], ==, sx(0x34800012));
    g_assert_cmphex(env->gpr[7], ==, 0);
    g_assert_cmphex(env->gpr[8], ==, 29);               /* 0xfffffffb: 29 leading ones */
    g_assert_cmphex(env->gpr[9], ==, 1);                /* 0x80001234 < 0xfffffffb unsigned */
    g_assert_cmphex(env->gpr[10], ==, 1);               /* -2147478988 < -5 */
    g_assert_cmphex(env->pc, ==, CODE_ADDR + 11 * 4);   /* at the SYSCALL */
}

static void test_muldiv(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = sx(0x80000000);
    env->gpr[2] = sx(0xffffffff);
    env->gpr[3] = 7;
    env->gpr[4] = sx((uint32_t)-100);
    g_assert_cmpint(RUN(R(0, 1, 2, 0, 0, 0x18),           /* mult at, v0: 2^31 */
                        R(0, 0, 0, 5, 0, 0x10),           /* mfhi a1 */
                        R(0, 0, 0, 6, 0, 0x12),           /* mflo a2 */
                        R(0, 1, 2, 0, 0, 0x19),           /* multu: 0x80000000 * 0xffffffff */
                        R(0, 0, 0, 7, 0, 0x10),
                        R(0, 0, 0, 8, 0, 0x12),
                        R(0, 4, 3, 0, 0, 0x1a),           /* div a0, v1: -100 / 7 */
                        R(0, 0, 0, 9, 0, 0x10),
                        R(0, 0, 0, 10, 0, 0x12),
                        R(0x1c, 3, 3, 11, 0, 0x02),       /* mul t3, v1, v1 */
                        R(0x1c, 3, 4, 0, 0, 0x00),        /* madd v1, a0: hi:lo += -700 */
                        R(0, 0, 0, 12, 0, 0x10),
                        R(0, 0, 0, 13, 0, 0x12)),
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[5], ==, 0);
    g_assert_cmphex(env->gpr[6], ==, sx(0x80000000));
    /* 0x80000000 * 0xffffffff = 0x7fffffff_80000000 */
    g_assert_cmphex(env->gpr[7], ==, sx(0x7fffffff));
    g_assert_cmphex(env->gpr[8], ==, sx(0x80000000));
    g_assert_cmphex(env->gpr[9], ==, sx((uint32_t)-2));  /* remainder has the dividend's sign */
    g_assert_cmphex(env->gpr[10], ==, sx((uint32_t)-14));
    g_assert_cmphex(env->gpr[11], ==, 49);
    /* hi:lo was -2:-14 as two words = 0xfffffffe_fffffff2; minus 700 */
    uint64_t acc = 0xfffffffefffffff2ull - 700;
    g_assert_cmphex(env->gpr[12], ==, sx(acc >> 32));
    g_assert_cmphex(env->gpr[13], ==, sx((uint32_t)acc));
}

static void test_bitfield(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = sx(0x12345678);
    env->gpr[2] = sx(0xffffffff);
    env->gpr[5] = sx(0x000000f0);
    g_assert_cmpint(RUN(R(0x1f, 1, 3, 11, 4, 0x00),      /* ext  v1, at, 4, 12 (msbd 11) */
                        R(0x1f, 5, 2, 15, 8, 0x04),       /* ins  v0, a1, 8, 8 (msb 15) */
                        R(0x1f, 0, 1, 4, 0x02, 0x20),     /* wsbh a0, at */
                        R(0x1f, 0, 5, 6, 0x10, 0x20),     /* seb  a2, a1 */
                        R(0x1f, 0, 1, 7, 0x18, 0x20)),    /* seh  a3, at */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[3], ==, 0x567);
    g_assert_cmphex(env->gpr[2], ==, sx(0xfffff0ff));
    g_assert_cmphex(env->gpr[4], ==, sx(0x34127856));
    g_assert_cmphex(env->gpr[6], ==, sx(0xfffffff0));
    g_assert_cmphex(env->gpr[7], ==, sx(0x5678));
}

/* EXT is MIPS32 R2: a Reserved Instruction on the R1 4Kc/5Kc, at the instruction. */
#if TARGET_LONG_BITS == 64
#define R1_MODEL "5Kc"
#else
#define R1_MODEL "4Kc"
#endif

static void test_reserved(void)
{
    setup(R1_MODEL);
    g_assert_cmpint(RUN(NOP, R(0x1f, 1, 3, 11, 4, 0x00)), ==, EXCP_RI);
    g_assert_cmphex(env->pc, ==, CODE_ADDR + 4);
    g_assert_false(env->exception.in_delay_slot);
    /* an encoding no MIPS has (SPECIAL function 0x05) */
    setup(DEFAULT_MODEL);
    g_assert_cmpint(RUN(R(0, 1, 2, 3, 0, 0x05)), ==, EXCP_RI);
    /* no FPU on the 4Kc/5Kc: Coprocessor Unusable */
    setup(R1_MODEL);
    g_assert_cmpint(RUN(F(FMT_S, 2, 1, 0, 0)), ==, EXCP_CPU);
}

static void test_traps(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = sx(0x7fffffff);
    env->gpr[2] = 1;
    env->gpr[3] = 0x55;
    g_assert_cmpint(RUN(ADD(3, 1, 2)), ==, EXCP_OVERFLOW);
    g_assert_cmphex(env->gpr[3], ==, 0x55);             /* not written */
    g_assert_cmpint(RUN(ADDU(3, 1, 2)), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[3], ==, sx(0x80000000));
    g_assert_cmpint(RUN(TEQ(2, 1, 0), TEQ(2, 2, 7)), ==, EXCP_TRAP);
    g_assert_cmpuint(env->exception.code, ==, 7);
    g_assert_cmphex(env->pc, ==, CODE_ADDR + 4);
    g_assert_cmpint(RUN(R(0, 0, 0, 0, 0, 0x0d) | 0x123u << 6), ==, EXCP_BREAK);
    g_assert_cmpuint(env->exception.code, ==, 0x123);
}

/* ---- random operands against a reference written from the manual ------------------ */

/*
 * One instruction with rs = $1, rt = $2, rd (or rt for immediates) = $3,
 * on random canonical operands (a MIPS32 value sign-extended), compared
 * with ref(), which follows the instruction's "Operation" section on C
 * integers.  imm is a random 16-bit field, sa a random 5-bit one; ref
 * gets the old value of $3 for the instructions that merge into it.
 */
typedef struct AluCase {
    const char *name;
    uint32_t (*enc)(unsigned imm, unsigned sa);
    uint64_t (*ref)(uint64_t a, uint64_t b, uint64_t old, unsigned imm, unsigned sa);
    bool wide;          /* MIPS64 only */
    bool op32;          /* a 32-bit operation: operands must be canonical (else UNPREDICTABLE) */
} AluCase;

static uint64_t rnd64(GRand *g)
{
    static const uint64_t edge[] = { 0, 1, 0x7fffffff, 0xffffffff80000000ull, UINT64_MAX,
                                     0x7fffffffffffffffull, 0x8000000000000000ull, 31, 32 };
    if (g_rand_int_range(g, 0, 4) == 0) {
        return edge[g_rand_int_range(g, 0, G_N_ELEMENTS(edge))];
    }
    return (uint64_t)g_rand_int(g) << 32 | g_rand_int(g);
}

static uint32_t lo32(uint64_t v)
{
    return (uint32_t)v;
}

#define ENC_R(fn) R(0, 1, 2, 3, 0, fn)
#define CASE_R(NAME, FN, EXPR) \
    static uint32_t enc_##NAME(unsigned imm, unsigned sa) { return ENC_R(FN); } \
    static uint64_t ref_##NAME(uint64_t a, uint64_t b, uint64_t old, unsigned imm, unsigned sa) \
    { return (EXPR); }
#define CASE_I(NAME, OP, EXPR) \
    static uint32_t enc_##NAME(unsigned imm, unsigned sa) { return I(OP, 1, 3, imm); } \
    static uint64_t ref_##NAME(uint64_t a, uint64_t b, uint64_t old, unsigned imm, unsigned sa) \
    { return (EXPR); }
#define CASE_SH(NAME, RS, FN, EXPR) \
    static uint32_t enc_##NAME(unsigned imm, unsigned sa) { return R(0, RS, 2, 3, sa, FN); } \
    static uint64_t ref_##NAME(uint64_t a, uint64_t b, uint64_t old, unsigned imm, unsigned sa) \
    { return (EXPR); }
#define CASE_V(NAME, SA, FN, EXPR) \
    static uint32_t enc_##NAME(unsigned imm, unsigned sa) { return R(0, 1, 2, 3, SA, FN); } \
    static uint64_t ref_##NAME(uint64_t a, uint64_t b, uint64_t old, unsigned imm, unsigned sa) \
    { return (EXPR); }

static uint32_t ror32_(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? v >> n | v << (32 - n) : v;
}

static uint64_t ror64_(uint64_t v, unsigned n)
{
    n &= 63;
    return n ? v >> n | v << (64 - n) : v;
}

static uint64_t simm(unsigned imm)
{
    return (uint64_t)(int64_t)(int16_t)imm;
}

CASE_R(addu, 0x21, sx(lo32(a) + lo32(b)))
CASE_R(subu, 0x23, sx(lo32(a) - lo32(b)))
CASE_R(and, 0x24, a & b)
CASE_R(or, 0x25, a | b)
CASE_R(xor, 0x26, a ^ b)
CASE_R(nor, 0x27, ~(a | b))
CASE_R(slt, 0x2a, (int64_t)a < (int64_t)b)
CASE_R(sltu, 0x2b, a < b)
CASE_R(movz, 0x0a, b == 0 ? a : old)
CASE_R(movn, 0x0b, b != 0 ? a : old)
CASE_I(addiu, 0x09, sx(lo32(a) + (uint32_t)simm(imm)))
CASE_I(slti, 0x0a, (int64_t)a < (int64_t)simm(imm))
CASE_I(sltiu, 0x0b, a < simm(imm))
CASE_I(andi, 0x0c, a & imm)
CASE_I(ori, 0x0d, a | imm)
CASE_I(xori, 0x0e, a ^ imm)
CASE_SH(sll, 0, 0x00, sx(lo32(b) << sa))
CASE_SH(srl, 0, 0x02, sx(lo32(b) >> sa))
CASE_SH(sra, 0, 0x03, sx((uint32_t)((int32_t)lo32(b) >> sa)))
CASE_SH(rotr, 1, 0x02, sx(ror32_(lo32(b), sa)))
CASE_V(sllv, 0, 0x04, sx(lo32(b) << (a & 31)))
CASE_V(srlv, 0, 0x06, sx(lo32(b) >> (a & 31)))
CASE_V(srav, 0, 0x07, sx((uint32_t)((int32_t)lo32(b) >> (a & 31))))
CASE_V(rotrv, 1, 0x06, sx(ror32_(lo32(b), a & 31)))
CASE_R(daddu, 0x2d, a + b)
CASE_R(dsubu, 0x2f, a - b)
CASE_I(daddiu, 0x19, a + simm(imm))
CASE_V(dsllv, 0, 0x14, b << (a & 63))
CASE_V(dsrlv, 0, 0x16, b >> (a & 63))
CASE_V(dsrav, 0, 0x17, (uint64_t)((int64_t)b >> (a & 63)))
CASE_V(drotrv, 1, 0x16, ror64_(b, a & 63))
CASE_SH(dsll, 0, 0x38, b << sa)
CASE_SH(dsrl, 0, 0x3a, b >> sa)
CASE_SH(dsra, 0, 0x3b, (uint64_t)((int64_t)b >> sa))
CASE_SH(drotr, 1, 0x3a, ror64_(b, sa))
CASE_SH(dsll32, 0, 0x3c, b << (sa + 32))
CASE_SH(dsrl32, 0, 0x3e, b >> (sa + 32))
CASE_SH(dsra32, 0, 0x3f, (uint64_t)((int64_t)b >> (sa + 32)))
CASE_SH(drotr32, 1, 0x3e, ror64_(b, sa + 32))

#define ALU(NAME, WIDE) { #NAME, enc_##NAME, ref_##NAME, WIDE, false }
#define ALU32(NAME) { #NAME, enc_##NAME, ref_##NAME, false, true }

static void test_alu_random(void)
{
    static const AluCase cases[] = {
        ALU32(addu), ALU32(subu), ALU(and, false), ALU(or, false), ALU(xor, false),
        ALU(nor, false), ALU(slt, false), ALU(sltu, false), ALU(movz, false),
        ALU(movn, false), ALU32(addiu), ALU(slti, false), ALU(sltiu, false),
        ALU(andi, false), ALU(ori, false), ALU(xori, false), ALU32(sll),
        ALU32(srl), ALU32(sra), ALU32(rotr), ALU32(sllv),
        ALU32(srlv), ALU32(srav), ALU32(rotrv),
        ALU(daddu, true), ALU(dsubu, true), ALU(daddiu, true), ALU(dsllv, true),
        ALU(dsrlv, true), ALU(dsrav, true), ALU(drotrv, true), ALU(dsll, true),
        ALU(dsrl, true), ALU(dsra, true), ALU(drotr, true), ALU(dsll32, true),
        ALU(dsrl32, true), ALU(dsra32, true), ALU(drotr32, true),
    };
    GRand *g = g_rand_new_with_seed(0x3170);
    setup(DEFAULT_MODEL);
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        if (cases[c].wide && TARGET_LONG_BITS != 64) {
            continue;
        }
        for (int i = 0; i < 60; i++) {
            uint64_t a = rnd64(g), b = rnd64(g), old = rnd64(g);
            unsigned imm = g_rand_int(g) & 0xffff, sa = g_rand_int(g) & 31;
            /*
             * MIPS32: every value is canonical.  MIPS64: the 32-bit operations
             * get canonical operands, the full-width ones (logic, compares, D*)
             * any 64-bit value half of the time.
             */
            if (TARGET_LONG_BITS != 64 || cases[c].op32 || !(i & 1)) {
                a = sx(a);
                b = sx(b);
                old = sx(old);
            }
            env->gpr[1] = a;
            env->gpr[2] = b;
            env->gpr[3] = old;
            g_assert_cmpint(RUN(cases[c].enc(imm, sa)), ==, EXCP_SYSCALL);
            uint64_t want = cases[c].ref(a, b, old, imm, sa);
            if (TARGET_LONG_BITS != 64) {
                want = sx(want);      /* the logic ops on canonical values stay canonical */
            }
            if (env->gpr[3] != want) {
                g_error("%s a=%#" G_GINT64_MODIFIER "x b=%#" G_GINT64_MODIFIER "x imm=%#x sa=%u:"
                        " %#" G_GINT64_MODIFIER "x, want %#" G_GINT64_MODIFIER "x",
                        cases[c].name, a, b, imm, sa, env->gpr[3], want);
            }
        }
    }
    g_rand_free(g);
}

/* ---- delay slots ----------------------------------------------------------------------- */

static void test_delay_slot(void)
{
    setup(DEFAULT_MODEL);
    /* taken branch: the slot runs, the instruction after it does not */
    g_assert_cmpint(RUN(BEQ(0, 0, 2), ADDIU(1, 0, 1), ADDIU(2, 0, 2), ADDIU(3, 0, 3)),
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[1], ==, 1);
    g_assert_cmphex(env->gpr[2], ==, 0);
    g_assert_cmphex(env->gpr[3], ==, 3);
    /* the slot sees the branch's link; the branch saw the old register value */
    env->gpr[31] = 0;
    env->gpr[4] = 0;
    g_assert_cmpint(RUN(JAL(CODE_ADDR + 16), ADDU(4, 31, 0), NOP, NOP, ADDIU(5, 0, 5)),
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[31], ==, CODE_ADDR + 8);
    g_assert_cmphex(env->gpr[4], ==, CODE_ADDR + 8);
    g_assert_cmphex(env->gpr[5], ==, 5);
    /* the branch compares before its slot changes the register */
    env->gpr[6] = 0;
    g_assert_cmpint(RUN(BEQ(6, 0, 2), ADDIU(6, 0, 9), ADDIU(7, 0, 7), NOP), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[6], ==, 9);
    g_assert_cmphex(env->gpr[7], ==, 0);
}

static void test_branch_likely(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = 1;
    env->gpr[2] = 0;
    env->gpr[3] = 0;
    /* not taken: the slot is nullified */
    g_assert_cmpint(RUN(BEQL(1, 0, 2), ADDIU(2, 0, 2), ADDIU(3, 0, 3)), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[2], ==, 0);
    g_assert_cmphex(env->gpr[3], ==, 3);
    /* taken: the slot runs */
    g_assert_cmpint(RUN(BNEL(1, 0, 2), ADDIU(2, 0, 2), ADDIU(3, 0, 4), NOP), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[2], ==, 2);
    g_assert_cmphex(env->gpr[3], ==, 3);
    /* ordinary branch not taken: the slot runs */
    g_assert_cmpint(RUN(BNE(0, 0, 2), ADDIU(2, 0, 7), ADDIU(3, 0, 8)), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[2], ==, 7);
    g_assert_cmphex(env->gpr[3], ==, 8);
}

/* A fault in a delay slot: pc at the branch, the flag set, the branch not yet taken. */
static void test_delay_slot_fault(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = HOLE_ADDR;
    env->gpr[31] = 0;
    g_assert_cmpint(RUN(NOP, JAL(CODE_ADDR + 0x40), LW(2, 8, 1)), ==, EXCP_TLBL);
    g_assert_cmphex(env->pc, ==, CODE_ADDR + 4);
    g_assert_true(env->exception.in_delay_slot);
    g_assert_cmphex(env->exception.vaddress, ==, HOLE_ADDR + 8);
    g_assert_cmpint(env->exception.fault, ==, MIPS_FAULT_MAPERR);
    /* a store fault outside a slot clears the flag */
    g_assert_cmpint(RUN(SW(2, 0, 1)), ==, EXCP_TLBS);
    g_assert_cmphex(env->pc, ==, CODE_ADDR);
    g_assert_false(env->exception.in_delay_slot);
    /* a slot on the next page, which is not mapped: reported at the branch */
    mprotect(ram, HOLE_ADDR, PROT_READ | PROT_WRITE);
    put32(HOLE_ADDR - 4, BEQ(0, 0, 4));
    tb_invalidate_phys_range(HOLE_ADDR - 4, HOLE_ADDR);
    env->pc = HOLE_ADDR - 4;
    g_assert_cmpint(run_cpu(cs), ==, EXCP_TLBL);
    g_assert_cmphex(env->pc, ==, HOLE_ADDR - 4);
    g_assert_true(env->exception.in_delay_slot);
    g_assert_cmphex(env->exception.vaddress, ==, HOLE_ADDR);
    /* and a jump into the hole faults at its target, outside any slot */
    env->gpr[1] = HOLE_ADDR + 0x10;
    g_assert_cmpint(RUN(JR(1), NOP), ==, EXCP_TLBL);
    g_assert_cmphex(env->pc, ==, HOLE_ADDR + 0x10);
    g_assert_false(env->exception.in_delay_slot);
    /* a branch in a delay slot is reserved here */
    g_assert_cmpint(RUN(BEQ(0, 0, 4), BEQ(0, 0, 4)), ==, EXCP_RI);
    g_assert_true(env->exception.in_delay_slot);
}

/*
 * Every branch form reports a fault in its delay slot as such: the slot
 * flag comes from an opcode check at insn_start that must agree with
 * branch.decode.  Each branch is set up to be taken (so the likely forms
 * run their slot); the slot loads from the unmapped page.
 */
static void test_delay_slot_every_branch(void)
{
    const struct {
        const char *name;
        uint32_t insn;
    } branches[] = {
        { "beq",     BEQ(0, 0, 4) },
        { "bne",     BNE(1, 0, 4) },
        { "blez",    I(0x06, 0, 0, 4) },
        { "bgtz",    I(0x07, 1, 0, 4) },
        { "beql",    BEQL(0, 0, 4) },
        { "bnel",    BNEL(1, 0, 4) },
        { "blezl",   I(0x16, 0, 0, 4) },
        { "bgtzl",   I(0x17, 1, 0, 4) },
        { "bltz",    I(0x01, 2, 0x00, 4) },
        { "bgez",    I(0x01, 0, 0x01, 4) },
        { "bltzl",   I(0x01, 2, 0x02, 4) },
        { "bgezl",   I(0x01, 0, 0x03, 4) },
        { "bltzal",  I(0x01, 2, 0x10, 4) },
        { "bgezal",  I(0x01, 0, 0x11, 4) },
        { "bltzall", I(0x01, 2, 0x12, 4) },
        { "bgezall", I(0x01, 0, 0x13, 4) },
        { "j",       0x02u << 26 | (CODE_ADDR + 0x40) >> 2 },
        { "jal",     JAL(CODE_ADDR + 0x40) },
        { "jr",      JR(3) },
        { "jalr",    R(0, 3, 0, 31, 0, 0x09) },
        { "bc1t",    0x45010004u },
        { "bc1tl",   0x45030004u },
    };
    setup(DEFAULT_MODEL);
    for (size_t i = 0; i < G_N_ELEMENTS(branches); i++) {
        env->gpr[1] = 1;
        env->gpr[2] = sx(0xffffffff);
        env->gpr[3] = CODE_ADDR + 0x40;
        env->gpr[4] = HOLE_ADDR;
        mips_fcsr_set(env, FCSR_FCC0);
        int e = RUN(branches[i].insn, LW(5, 0, 4));
        if (e != EXCP_TLBL || env->pc != CODE_ADDR || !env->exception.in_delay_slot) {
            g_error("%s: exception %#x pc %#" G_GINT64_MODIFIER "x slot %d", branches[i].name,
                    e, env->pc, env->exception.in_delay_slot);
        }
    }
    /* and a load that is not in a slot is not flagged */
    g_assert_cmpint(RUN(LW(5, 0, 4)), ==, EXCP_TLBL);
    g_assert_false(env->exception.in_delay_slot);
}

/* ---- memory -------------------------------------------------------------------------------- */

/* Bytes 00 11 22 33 44 55 66 77 at DATA_ADDR; expectations from the LWL/LWR figures. */
static void test_lwl_lwr(void)
{
    setup(DEFAULT_MODEL);
    for (int i = 0; i < 8; i++) {
        ram[DATA_ADDR + i] = 0x11 * i;
    }
    env->gpr[1] = DATA_ADDR;
    env->gpr[2] = sx(0xaaaaaaaa);
    env->gpr[3] = sx(0xaaaaaaaa);
    env->gpr[4] = 0;
    if (TARGET_BIG_ENDIAN) {
        /* the word at DATA_ADDR + 1 the big-endian way: lwl at +1, lwr at +4 */
        g_assert_cmpint(RUN(LWL(2, 1, 1), LWR(3, 1, 1), LWL(4, 1, 1), LWR(4, 4, 1)),
                        ==, EXCP_SYSCALL);
        g_assert_cmphex(env->gpr[2], ==, sx(0x112233aa));
        g_assert_cmphex(env->gpr[3], ==, sx(0xaaaa0011));
        g_assert_cmphex(env->gpr[4], ==, sx(0x11223344));
    } else {
        g_assert_cmpint(RUN(LWL(2, 1, 1), LWR(3, 1, 1), LWL(4, 4, 1), LWR(4, 1, 1)),
                        ==, EXCP_SYSCALL);
        g_assert_cmphex(env->gpr[2], ==, sx(0x1100aaaa));
        g_assert_cmphex(env->gpr[3], ==, sx(0xaa332211));
        g_assert_cmphex(env->gpr[4], ==, sx(0x44332211));
    }
    /* SWL/SWR at +1 of 0xa1b2c3d4 over the same bytes */
    env->gpr[5] = sx(0xa1b2c3d4);
    g_assert_cmpint(RUN(SWL(5, 1, 1), SWR(5, 5, 1)), ==, EXCP_SYSCALL);
    static const uint8_t want_be[8] = { 0x00, 0xa1, 0xb2, 0xc3, 0xc3, 0xd4, 0x66, 0x77 };
    static const uint8_t want_le[8] = { 0xb2, 0xa1, 0x22, 0x33, 0x44, 0xd4, 0xc3, 0xb2 };
    g_assert_cmpmem(ram + DATA_ADDR, 8, TARGET_BIG_ENDIAN ? want_be : want_le, 8);
}

/* LL/SC increments from four CPUs on four host threads: no update lost. */
#define SC_THREADS 4
#define SC_LOOPS 200000

static void *sc_thread(void *opaque)
{
    return (void *)(intptr_t)run_cpu(opaque);
}

static void test_llsc_threads(void)
{
    setup(DEFAULT_MODEL);
    load_code((const uint32_t[]){
        /* loop: ll t0, 0(a0); addiu t0, t0, 1; sc t0, 0(a0); beq t0, zero, loop; nop;
                 addiu a1, a1, -1; bne a1, zero, loop; nop */
        LL(8, 0, 4), ADDIU(8, 8, 1), SC(8, 0, 4), BEQ(8, 0, -4), NOP,
        ADDIU(5, 5, -1), BNE(5, 0, -7), NOP,
    }, 8);
    put32(DATA_ADDR, 0);
    CPUState *cpus[SC_THREADS];
    pthread_t th[SC_THREADS];
    for (int i = 0; i < SC_THREADS; i++) {
        cpus[i] = mips_cpu_create(DEFAULT_MODEL, &error_fatal);
        CPUMIPSState *e = cpus[i]->env_ptr;
        e->pc = CODE_ADDR;
        e->gpr[4] = DATA_ADDR;
        e->gpr[5] = SC_LOOPS;
    }
    for (int i = 0; i < SC_THREADS; i++) {
        pthread_create(&th[i], NULL, sc_thread, cpus[i]);
    }
    for (int i = 0; i < SC_THREADS; i++) {
        void *r;
        pthread_join(th[i], &r);
        g_assert_cmpint((intptr_t)r, ==, EXCP_SYSCALL);
    }
    g_assert_cmpuint(get32(DATA_ADDR), ==, SC_THREADS * SC_LOOPS);
    /* an SC without its LL fails and stores nothing */
    env->gpr[4] = DATA_ADDR;
    env->gpr[8] = 99;
    g_assert_cmpint(RUN(SC(8, 0, 4)), ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[8], ==, 0);
    g_assert_cmpuint(get32(DATA_ADDR), ==, SC_THREADS * SC_LOOPS);
    /* LL from a misaligned address: Address Error */
    env->gpr[4] = DATA_ADDR + 2;
    g_assert_cmpint(RUN(LL(8, 0, 4)), ==, EXCP_ADEL);
    g_assert_cmpint(env->exception.fault, ==, MIPS_FAULT_ALIGN);
}

#if TARGET_LONG_BITS == 64
/* 32-bit operations sign-extend their results; the D forms do not truncate. */
static void test_sign_extension(void)
{
    setup(DEFAULT_MODEL);
    env->gpr[1] = 0x7fffffff;
    env->gpr[2] = 0x123456789abcdef0ull;
    put32(DATA_ADDR, 0x89abcdefu);
    env->gpr[10] = DATA_ADDR;
    g_assert_cmpint(RUN(ADDIU(3, 1, 1),                     /* 0xffffffff80000000 */
                        R(0, 1, 1, 4, 0, 0x2d),             /* daddu: 0xfffffffe */
                        R(0, 0, 2, 5, 0, 0x00),             /* sll a1, v0, 0: sign-extend low */
                        R(0, 0, 2, 6, 4, 0x3c),             /* dsll32 a2, v0, 4 */
                        R(0, 0, 2, 7, 4, 0x3e),             /* dsrl32 a3, v0, 4 */
                        LW(8, 0, 10), LWU(9, 0, 10),
                        LUI(11, 0x8000),
                        R(0, 0, 2, 12, 8, 0x3a) | 1u << 21, /* drotr t4, v0, 8 */
                        R(0x1f, 2, 13, 15, 4, 0x03)),       /* dext t5, v0, 4, 16 */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(env->gpr[3], ==, 0xffffffff80000000ull);
    g_assert_cmphex(env->gpr[4], ==, 0xfffffffeull);
    g_assert_cmphex(env->gpr[5], ==, 0xffffffff9abcdef0ull);
    g_assert_cmphex(env->gpr[6], ==, 0xabcdef0000000000ull);
    g_assert_cmphex(env->gpr[7], ==, 0x01234567ull);
    g_assert_cmphex(env->gpr[8], ==, 0xffffffff89abcdefull);
    g_assert_cmphex(env->gpr[9], ==, 0x89abcdefull);
    g_assert_cmphex(env->gpr[11], ==, 0xffffffff80000000ull);
    g_assert_cmphex(env->gpr[12], ==, 0xf0123456789abcdeull);
    g_assert_cmphex(env->gpr[13], ==, 0xcdefull);
}
#else
/* A MIPS32 CPU: the 64-bit instructions are reserved. */
static void test_no_64bit_ops(void)
{
    setup(DEFAULT_MODEL);
    g_assert_cmpint(RUN(R(0, 1, 1, 4, 0, 0x2d)), ==, EXCP_RI);   /* daddu */
}
#endif

/* ---- FPU ------------------------------------------------------------------------------ */

/* fd = fs op ft (or op fs) in single precision with FCSR = fcsr; the result's bits in *r. */
static int fp_op_s(uint32_t fcsr, uint32_t a, uint32_t b, unsigned fn, uint32_t *r)
{
    mips_fcsr_set(env, fcsr);
    mips_fpr_set_s(env, 2, a);
    mips_fpr_set_s(env, 4, b);
    mips_fpr_set_s(env, 6, 0xdeadbeef);
    /* sqrt/abs/mov/neg (functions 4-7) have no ft: the field must be 0 */
    int e = RUN(F(FMT_S, fn >= 4 && fn <= 7 ? 0 : 4, 2, 6, fn));
    *r = mips_fpr_get_s(env, 6);
    return e;
}

#define ONE_S   0x3f800000u
#define THREE_S 0x40400000u

static void test_fpu_rounding(void)
{
    setup(DEFAULT_MODEL);
    /* 1/3 = 0x3eaaaaaa.aaa...: nearest and +inf round up, zero and -inf truncate */
    static const uint32_t want[4] = { 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaaa };
    for (int rm = 0; rm < 4; rm++) {
        uint32_t r;
        g_assert_cmpint(fp_op_s(rm, ONE_S, THREE_S, 3, &r), ==, EXCP_SYSCALL);
        g_assert_cmphex(r, ==, want[rm]);
        /* cause: inexact only; sticky flag inexact */
        g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INEXACT);
        g_assert_cmphex((mips_fcsr_get(env) >> FCSR_FLAGS_SHIFT) & 0x1f, ==, FP_INEXACT);
    }
    /* -1/3 the other way round */
    uint32_t r;
    fp_op_s(3, ONE_S | 0x80000000u, THREE_S, 3, &r);
    g_assert_cmphex(r, ==, 0xbeaaaaab);
    /* exact: no cause; the flags stay sticky */
    fp_op_s(FP_INEXACT << FCSR_FLAGS_SHIFT, ONE_S, ONE_S, 0, &r);
    g_assert_cmphex(r, ==, 0x40000000);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, 0);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_FLAGS_SHIFT) & 0x1f, ==, FP_INEXACT);
}

static void test_fpu_nan_and_causes(void)
{
    setup(DEFAULT_MODEL);
    uint32_t r;
    /* 1/0: +inf, divide-by-zero */
    fp_op_s(0, ONE_S, 0, 3, &r);
    g_assert_cmphex(r, ==, 0x7f800000);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_DIV0);
    /* 0/0: invalid, the legacy default NaN 0x7fbfffff */
    fp_op_s(0, 0, 0, 3, &r);
    g_assert_cmphex(r, ==, 0x7fbfffff);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INVALID);
    /* legacy encoding: quiet bit SET means signalling: 0x7fc00000 + 1 is invalid */
    fp_op_s(0, 0x7fc00000u, ONE_S, 0, &r);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INVALID);
    g_assert_cmphex(r, ==, 0x7fbfffff);
    /* and a quiet legacy NaN (quiet bit clear) propagates without a flag */
    fp_op_s(0, 0x7f800001u, ONE_S, 0, &r);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, 0);
    g_assert_cmphex(r, ==, 0x7f800001);
    /* overflow: max * 2 = +inf with overflow and inexact */
    fp_op_s(0, 0x7f7fffff, 0x40000000, 2, &r);
    g_assert_cmphex(r, ==, 0x7f800000);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==,
                    FP_OVERFLOW | FP_INEXACT);
    /* enabled invalid: EXCP_FPE, fd untouched, the cause set, the flag not */
    g_assert_cmpint(fp_op_s(FP_INVALID << FCSR_ENABLE_SHIFT, 0, 0, 3, &r), ==, EXCP_FPE);
    g_assert_cmphex(r, ==, 0xdeadbeef);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INVALID);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_FLAGS_SHIFT) & 0x1f, ==, 0);
    g_assert_cmphex(env->pc, ==, CODE_ADDR);
    /* cvt.w.s of NaN and of 3e9: the legacy invalid result 2^31-1 */
    mips_fcsr_set(env, 0);
    mips_fpr_set_s(env, 2, 0x7fbfffff);
    mips_fpr_set_s(env, 4, 0x4f32d05e);                 /* 3.0e9 */
    g_assert_cmpint(RUN(F(FMT_S, 0, 2, 6, 0x24), F(FMT_S, 0, 4, 8, 0x0d)), ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_s(env, 6), ==, 0x7fffffff);
    g_assert_cmphex(mips_fpr_get_s(env, 8), ==, 0x7fffffff);
    /* round.w.s / floor.w.s / ceil.w.s of -2.5: -2, -3, -2 */
    mips_fpr_set_s(env, 2, 0xc0200000);
    g_assert_cmpint(RUN(F(FMT_S, 0, 2, 4, 0x0c), F(FMT_S, 0, 2, 6, 0x0f),
                        F(FMT_S, 0, 2, 8, 0x0e)), ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_s(env, 4), ==, (uint32_t)-2);
    g_assert_cmphex(mips_fpr_get_s(env, 6), ==, (uint32_t)-3);
    g_assert_cmphex(mips_fpr_get_s(env, 8), ==, (uint32_t)-2);
}

/* ABS/NEG on a legacy FPU are arithmetic: a signalling NaN is invalid. */
static void test_fpu_abs_legacy(void)
{
    setup(DEFAULT_MODEL);
    uint32_t r;
    fp_op_s(0, 0xffc00000u, 0, 5, &r);                  /* abs.s of a legacy sNaN (-) */
    g_assert_cmphex(r, ==, 0x7fbfffff);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INVALID);
    fp_op_s(0, 0xc0000000u, 0, 5, &r);                  /* abs.s -2.0 */
    g_assert_cmphex(r, ==, 0x40000000);
    fp_op_s(0, 0x40000000u, 0, 7, &r);                  /* neg.s 2.0 */
    g_assert_cmphex(r, ==, 0xc0000000);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, 0);
}

#if TARGET_LONG_BITS == 32
/* A model with FCSR.NAN2008/ABS2008 fixed: IEEE 754-2008 NaNs, ABS/NEG as bit operations. */
static void test_fpu_nan2008(void)
{
    setup("P5600");
    uint32_t r;
    g_assert_true(mips_fcsr_get(env) & FCSR_NAN2008);
    mips_fcsr_set(env, 0);                               /* the fixed bits stay */
    g_assert_true(mips_fcsr_get(env) & FCSR_NAN2008);
    fp_op_s(0, 0, 0, 3, &r);                             /* 0/0: default NaN 0x7fc00000 */
    g_assert_cmphex(r, ==, 0x7fc00000);
    fp_op_s(0, 0x7f800001u, ONE_S, 0, &r);               /* sNaN (quiet bit clear) + 1 */
    g_assert_cmphex(r, ==, 0x7fc00001);                  /* quieted, payload kept */
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INVALID);
    fp_op_s(0, 0xff800001u, 0, 5, &r);                   /* abs.s of an sNaN: no exception */
    g_assert_cmphex(r, ==, 0x7f800001);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, 0);
    /* cvt.w.s of NaN: 0 under 2008 rules; of 3e9: saturated 2^31-1 */
    mips_fpr_set_s(env, 2, 0x7fc00000);
    mips_fpr_set_s(env, 4, 0xcf32d05e);                  /* -3.0e9 */
    g_assert_cmpint(RUN(F(FMT_S, 0, 2, 6, 0x24), F(FMT_S, 0, 4, 8, 0x24)), ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_s(env, 6), ==, 0);
    g_assert_cmphex(mips_fpr_get_s(env, 8), ==, 0x80000000);
}
#endif

/* Doubles: sqrt(-1) gives the legacy default NaN; c.lt.d and bc1t; moves to GPRs. */
static void test_fpu_double(void)
{
    setup(DEFAULT_MODEL);
    mips_fcsr_set(env, 0);
    mips_fpr_set_d(env, 2, 0xbff0000000000000ull);      /* -1.0 */
    mips_fpr_set_d(env, 4, 0x4000000000000000ull);      /* 2.0 */
    env->gpr[1] = 0;
    g_assert_cmpint(RUN(F(FMT_D, 0, 2, 6, 0x04),          /* sqrt.d f6, f2 */
                        F(FMT_D, 4, 2, 0, 0x3c),          /* c.lt.d f2, f4 -> cc0 */
                        0x45010002u,                      /* bc1t +2 */
                        NOP,
                        ADDIU(1, 0, 1),                   /* skipped */
                        F(FMT_D, 4, 2, 8, 0x00),          /* add.d f8, f2, f4 = 1.0 */
                        F(FMT_D, 0, 8, 10, 0x20) ),       /* cvt.s.d f10, f8 */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_d(env, 6), ==, 0x7ff7ffffffffffffull);
    g_assert_cmphex(env->gpr[1], ==, 0);
    g_assert_true(mips_fcsr_get(env) & FCSR_FCC0);
    g_assert_cmphex(mips_fpr_get_d(env, 8), ==, 0x3ff0000000000000ull);
    g_assert_cmphex(mips_fpr_get_s(env, 10), ==, ONE_S);
    /* madd.d (R2: two roundings) f12 = f2 * f4 + f8 = -2 + 1 = -1 */
    g_assert_cmpint(RUN(0x4c000000u | 8u << 21 | 4u << 16 | 2u << 11 | 12u << 6 | 0x21),
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_d(env, 12), ==, 0xbff0000000000000ull);
}

/*
 * C.cond.S, the 16 predicates in the manual's order (F UN EQ UEQ OLT ULT OLE
 * ULE, then the signalling SF NGLE SEQ NGL LT NGE LE NGT), on operand pairs
 * that are less, equal, greater and unordered; cc 3 through MOVT/MOVF.
 */
static void test_fpu_compare(void)
{
    /* the predicates' truth for (less, equal, greater, unordered), from the manual's table */
    static const char *const truth[8] = {
        "0000", "0001", "0100", "0101", "1000", "1001", "1100", "1101",
    };
    static const uint32_t pairs[4][2] = {
        { ONE_S, THREE_S }, { THREE_S, THREE_S }, { THREE_S, ONE_S }, { 0x7f800001u, ONE_S },
    };
    setup(DEFAULT_MODEL);
    for (unsigned cond = 0; cond < 16; cond++) {
        for (int p = 0; p < 4; p++) {
            mips_fcsr_set(env, 0);
            mips_fpr_set_s(env, 2, pairs[p][0]);
            mips_fpr_set_s(env, 4, pairs[p][1]);
            env->gpr[5] = 0;
            env->gpr[6] = 0;
            env->gpr[1] = 1;
            /* c.cond.s cc3, f2, f4; movt a1, at, cc3; movf a2, at, cc3 */
            g_assert_cmpint(RUN(F(FMT_S, 4, 2, 3 << 2, 0x30 | cond),
                                R(0, 1, 3 << 2 | 1, 5, 0, 0x01),
                                R(0, 1, 3 << 2 | 0, 6, 0, 0x01)), ==, EXCP_SYSCALL);
            bool want = truth[cond & 7][p] == '1';
            bool cc = mips_fcsr_get(env) & FCSR_FCC(3);
            if (cc != want || env->gpr[5] != want || env->gpr[6] != !want) {
                g_error("c.cond %u pair %d: cc %d movt %d movf %d, want %d", cond, p, cc,
                        (int)env->gpr[5], (int)env->gpr[6], want);
            }
            /* a quiet NaN is invalid only for the signalling predicates */
            bool inv = (mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & FP_INVALID;
            g_assert_cmpint(inv, ==, p == 3 && cond >= 8);
        }
    }
}

/*
 * Conversions between S, D, W and L (IEEE 754 roundings of the exact
 * values), and FS: a subnormal result flushed to zero with underflow and
 * inexact.
 */
static void test_fpu_convert(void)
{
    enum { FMT_L = 21 };
    setup(DEFAULT_MODEL);
    mips_fcsr_set(env, 0);
    mips_fpr_set_s(env, 2, (uint32_t)-7);
    mips_fpr_set_s(env, 4, 16777217);                    /* 2^24 + 1: not a binary32 */
    mips_fpr_set_d(env, 6, 0x3fb999999999999aull);       /* 0.1 */
    mips_fpr_set_d(env, 8, 0xc270000000000800ull);       /* -(2^40 + 0.5) */
    mips_fpr_set_d(env, 10, 0x0020000000000001ull);      /* 2^53 + 1 as a long */
    g_assert_cmpint(RUN(F(FMT_W, 0, 2, 12, 0x21),        /* cvt.d.w f12, f2 */
                        F(FMT_W, 0, 4, 14, 0x20),        /* cvt.s.w f14, f4 */
                        F(FMT_D, 0, 6, 16, 0x20),        /* cvt.s.d f16, f6 */
                        F(FMT_D, 0, 8, 18, 0x09),        /* trunc.l.d f18, f8 */
                        F(FMT_L, 0, 10, 20, 0x21)),      /* cvt.d.l f20, f10 */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_d(env, 12), ==, 0xc01c000000000000ull);
    g_assert_cmphex(mips_fpr_get_s(env, 14), ==, 0x4b800000);
    g_assert_cmphex(mips_fpr_get_s(env, 16), ==, 0x3dcccccd);
    g_assert_cmphex(mips_fpr_get_d(env, 18), ==, 0xffffff0000000000ull);
    g_assert_cmphex(mips_fpr_get_d(env, 20), ==, 0x4340000000000000ull);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, FP_INEXACT);
    /* 2^-126 * 0.5 = 2^-127: exact as a subnormal; with FS flushed to +0 */
    uint32_t r;
    fp_op_s(0, 0x00800000, 0x3f000000, 2, &r);
    g_assert_cmphex(r, ==, 0x00400000);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==, 0);
    fp_op_s(FCSR_FS, 0x00800000, 0x3f000000, 2, &r);
    g_assert_cmphex(r, ==, 0);
    g_assert_cmphex((mips_fcsr_get(env) >> FCSR_CAUSE_SHIFT) & 0x3f, ==,
                    FP_UNDERFLOW | FP_INEXACT);
}

/* FR=0 (o32): a double is an even/odd pair; mfc1 of each half. */
static void test_fpu_fr(void)
{
    setup(DEFAULT_MODEL);
    put32(DATA_ADDR, TARGET_BIG_ENDIAN ? 0x40090000u : 0x11223344u);
    put32(DATA_ADDR + 4, TARGET_BIG_ENDIAN ? 0x11223344u : 0x40090000u);
    env->gpr[1] = DATA_ADDR;
    g_assert_cmpint(RUN(I(0x35, 1, 2, 0),                 /* ldc1 f2, 0(at) */
                        0x44000000u | 3u << 16 | 2u << 11,  /* mfc1 v1, f2 */
                        0x44000000u | 4u << 16 | 3u << 11,  /* mfc1 a0, f3 */
                        0x44600000u | 5u << 16 | 2u << 11), /* mfhc1 a1, f2 */
                    ==, EXCP_SYSCALL);
    g_assert_cmphex(mips_fpr_get_d(env, 2), ==, 0x4009000011223344ull);
    g_assert_cmphex(env->gpr[5], ==, 0x40090000);
#if TARGET_LONG_BITS == 32
    /* FR=0: the pair */
    g_assert_false(env->cp0.status & MIPS_ST_FR);
    g_assert_cmphex(env->gpr[3], ==, 0x11223344);
    g_assert_cmphex(env->gpr[4], ==, 0x40090000);
    /* an odd register as a double is reserved with FR=0 */
    g_assert_cmpint(RUN(F(FMT_D, 0, 3, 6, 0x06)), ==, EXCP_RI);
#else
    /* FR=1: f3 is a register of its own */
    g_assert_true(env->cp0.status & MIPS_ST_FR);
    g_assert_cmphex(env->gpr[3], ==, 0x11223344);
#endif
}

/* The model table and the interface linux-user uses: create, copy, FR switching. */
static void test_models(void)
{
    Error *err = NULL;
    setup(DEFAULT_MODEL);
    g_assert_null(mips_cpu_create("no-such-cpu", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
#if TARGET_LONG_BITS == 64
    g_assert_null(mips_cpu_create("24Kf", &err));       /* 32-bit models cannot run n64 */
    g_assert_nonnull(err);
    error_free(err);
#else
    CPUState *c64 = mips_cpu_create("5KEf", &error_fatal);   /* runs o32 in 32-bit mode */
    g_assert_true(mips_cpu_is_64bit(c64));
#endif
    g_assert_cmpstr(mips_cpu_model_name(cs), ==, DEFAULT_MODEL);
    g_assert_true(mips_cpu_has_fpu(cs));
    g_assert_true(mips_cpu_is_r2(cs));
    g_assert_cmphex(env->cp0.userlocal, ==, 0);
    /* a thread's CPU: the registers copied, the LL link cleared */
    env->gpr[7] = 0x1234;
    env->lladdr = DATA_ADDR;
    CPUState *c2 = mips_cpu_copy(cs);
    CPUMIPSState *e2 = c2->env_ptr;
    g_assert_cmphex(e2->gpr[7], ==, 0x1234);
    g_assert_cmphex(e2->lladdr, ==, UINT64_MAX);
    g_assert_cmpstr(mips_cpu_model_name(c2), ==, DEFAULT_MODEL);
    /* FR=1 makes odd registers doubles of their own (FP64 programs on o32) */
    mips_cpu_set_fr(env, true);
    mips_fpr_set_d(env, 3, 0x4000000000000000ull);
    g_assert_cmpint(RUN(F(FMT_D, 0, 3, 5, 0x06)), ==, EXCP_SYSCALL);     /* mov.d f5, f3 */
    g_assert_cmphex(mips_fpr_get_d(env, 5), ==, 0x4000000000000000ull);
    mips_cpu_set_fr(env, TARGET_LONG_BITS == 64);
    /* the R1 model without FPU refuses FR=1 */
    setup(R1_MODEL);
    mips_cpu_set_fr(env, false);
    mips_cpu_set_fr(env, true);
    g_assert_false(env->cp0.status & MIPS_ST_FR);
    g_assert_false(mips_cpu_has_fpu(cs));
}

/* The gdbstub's view: register numbers, widths and byte order of GDB's mips targets. */
static void test_gdb_registers(void)
{
    setup(DEFAULT_MODEL);
    uint8_t buf[8];
    env->gpr[4] = sx(0x81234567);
    env->pc = 0x00401230;
    int n = mips_cpu_gdb_read_register(cs, buf, 4);
    g_assert_cmpint(n, ==, TARGET_LONG_BITS / 8);
    /* the register in the guest's byte order, as wide as the target's registers */
    static const uint8_t a0_32le[4] = { 0x67, 0x45, 0x23, 0x81 };
    static const uint8_t a0_32be[4] = { 0x81, 0x23, 0x45, 0x67 };
    static const uint8_t a0_64le[8] = { 0x67, 0x45, 0x23, 0x81, 0xff, 0xff, 0xff, 0xff };
    g_assert_cmpmem(buf, n, TARGET_LONG_BITS == 64 ? a0_64le : TARGET_BIG_ENDIAN ? a0_32be
                                                                                  : a0_32le, n);
    g_assert_cmpint(mips_cpu_gdb_read_register(cs, buf, 37), ==, n);   /* pc */
    g_assert_cmpint(buf[TARGET_BIG_ENDIAN ? n - 2 : 1], ==, 0x12);
    /* writing $v0 (2) from the debugger; $zero stays 0 */
    memset(buf, 0, sizeof(buf));
    buf[TARGET_BIG_ENDIAN ? n - 1 : 0] = 0x2a;
    mips_cpu_gdb_write_register(cs, buf, 2);
    mips_cpu_gdb_write_register(cs, buf, 0);
    g_assert_cmphex(env->gpr[2], ==, 0x2a);
    g_assert_cmphex(env->gpr[0], ==, 0);
    g_assert_cmpint(mips_cpu_gdb_read_register(cs, buf, 73), ==, 0);
    g_assert_nonnull(strstr(mips_gdb_get_xml("target.xml"), "mips-fpu.xml"));
    g_assert_nonnull(strstr(mips_gdb_get_xml("mips-cpu.xml"), "org.gnu.gdb.mips.cpu"));
    g_assert_nonnull(strstr(mips_gdb_get_xml("mips-linux.xml"), "org.gnu.gdb.mips.linux"));
    g_assert_null(mips_gdb_get_xml("arm-core.xml"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mips/alu", test_alu);
    g_test_add_func("/mips/alu-random", test_alu_random);
    g_test_add_func("/mips/muldiv", test_muldiv);
    g_test_add_func("/mips/bitfield", test_bitfield);
    g_test_add_func("/mips/reserved", test_reserved);
    g_test_add_func("/mips/traps", test_traps);
    g_test_add_func("/mips/delay-slot", test_delay_slot);
    g_test_add_func("/mips/branch-likely", test_branch_likely);
    g_test_add_func("/mips/delay-slot-fault", test_delay_slot_fault);
    g_test_add_func("/mips/delay-slot-every-branch", test_delay_slot_every_branch);
    g_test_add_func("/mips/lwl-lwr", test_lwl_lwr);
    g_test_add_func("/mips/llsc-threads", test_llsc_threads);
#if TARGET_LONG_BITS == 64
    g_test_add_func("/mips/sign-extension", test_sign_extension);
#else
    g_test_add_func("/mips/no-64bit-ops", test_no_64bit_ops);
#endif
    g_test_add_func("/mips/fpu/rounding", test_fpu_rounding);
    g_test_add_func("/mips/fpu/nan-causes", test_fpu_nan_and_causes);
    g_test_add_func("/mips/fpu/abs-legacy", test_fpu_abs_legacy);
    g_test_add_func("/mips/fpu/compare", test_fpu_compare);
#if TARGET_LONG_BITS == 32
    g_test_add_func("/mips/fpu/nan2008", test_fpu_nan2008);
#endif
    g_test_add_func("/mips/fpu/double", test_fpu_double);
    g_test_add_func("/mips/fpu/convert", test_fpu_convert);
    g_test_add_func("/mips/fpu/fr", test_fpu_fr);
    g_test_add_func("/mips/models", test_models);
    g_test_add_func("/mips/gdb-registers", test_gdb_registers);
    return g_test_run();
}
