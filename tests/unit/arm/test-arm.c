/*
 * test-arm.c — the ARM translator against a reference model written
 * here from the ARMv7-A ARM pseudocode (Shift_C, AddWithCarry, the
 * per-instruction "Operation" sections), on random operands.
 *
 * Harness: user-mode execution layer with a flat guest memory of 1 MiB at
 * guest address 0 (no syscalls).  Each case writes one instruction at
 * CODE_ADDR followed by SVC #0, sets registers and flags, runs cpu_exec
 * until it returns EXCP_SWI, and compares registers and NZCVQ/GE with the
 * reference.  Instructions are encoded here field by field from the
 * manual's encoding diagrams, not by the code under test.
 */
#include "cpu.h"

#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#define RAM_SIZE (1024 * 1024)
#define CODE_ADDR 0x1000u
#define DATA_ADDR 0x8000u
#define SVC0 0xef000000u

static uint8_t *ram;
static CPUState *cs;
static CPUARMState *env;
static GRand *rng;

static void setup(void)
{
    ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(ram != MAP_FAILED);
    guest_base = (uintptr_t)ram;
    tcg_exec_init(16, false, &error_fatal);
    cs = arm_cpu_create("cortex-a15", &error_fatal);
    env = cs->env_ptr;
    page_set_flags(0, RAM_SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    rng = g_rand_new_with_seed(0x5eed);
}

/* Write code at CODE_ADDR (dropping stale TBs, as a loader does). */
static void load_code(const uint32_t *insns, unsigned n)
{
    mprotect(ram, RAM_SIZE, PROT_READ | PROT_WRITE);
    memcpy(ram + CODE_ADDR, insns, n * 4);
    tb_invalidate_phys_range(CODE_ADDR, CODE_ADDR + n * 4);
}

/* Run from CODE_ADDR in ARM state until the SVC; returns cpu_exec's result. */
static int run(void)
{
    env->regs[15] = CODE_ADDR;
    env->thumb = 0;
    int r;
    do {
        r = cpu_exec(cs);
    } while (r == EXCP_INTERRUPT);
    return r;
}

static uint32_t rnd(void)
{
    /* bias towards edge values: they are where flags go wrong */
    static const uint32_t edge[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe,
                                     0x80000001, 0x00008000, 0xffff7fff, 31, 32, 33 };
    if (g_rand_int_range(rng, 0, 4) == 0) {
        return edge[g_rand_int_range(rng, 0, G_N_ELEMENTS(edge))];
    }
    return g_rand_int(rng);
}

/* ---- the reference model ------------------------------------------------ */

typedef struct Ref {
    uint32_t r[16];
    bool n, z, c, v, q;
    uint32_t ge;
} Ref;

static void ref_from_cpu(Ref *f)
{
    uint32_t psr = cpsr_read(env);
    memcpy(f->r, env->regs, sizeof(f->r));
    f->n = psr >> 31 & 1;
    f->z = psr >> 30 & 1;
    f->c = psr >> 29 & 1;
    f->v = psr >> 28 & 1;
    f->q = psr >> 27 & 1;
    f->ge = psr >> 16 & 0xf;
}

static void set_cpu(const Ref *f)
{
    memcpy(env->regs, f->r, sizeof(f->r));
    cpsr_write(env, (uint32_t)f->n << 31 | (uint32_t)f->z << 30 | (uint32_t)f->c << 29 |
                    (uint32_t)f->v << 28 | (uint32_t)f->q << 27 | f->ge << 16,
               CPSR_NZCV | CPSR_Q | CPSR_GE);
}

static void check(const Ref *want, const char *what, uint32_t insn)
{
    Ref got;
    ref_from_cpu(&got);
    for (int i = 0; i < 15; i++) {
        if (got.r[i] != want->r[i]) {
            g_error("%s (%08x): r%d = %08x, want %08x", what, insn, i, got.r[i], want->r[i]);
        }
    }
    if (got.n != want->n || got.z != want->z || got.c != want->c || got.v != want->v ||
        got.q != want->q || got.ge != want->ge) {
        g_error("%s (%08x): NZCVQ GE = %d%d%d%d%d %x, want %d%d%d%d%d %x", what, insn,
                got.n, got.z, got.c, got.v, got.q, got.ge,
                want->n, want->z, want->c, want->v, want->q, want->ge);
    }
}

/* Shift_C(value, type, amount, carry_in) for DecodeImmShift's (type, amount) (A8.4.3). */
static uint32_t shift_c(uint32_t x, int type, unsigned amount, bool cin, bool *cout)
{
    *cout = cin;
    if (amount == 0) {
        return x;
    }
    switch (type) {
    case 0: /* LSL */
        if (amount > 32) {
            *cout = 0;
            return 0;
        }
        *cout = (uint64_t)x << amount >> 32 & 1;
        return amount == 32 ? 0 : x << amount;
    case 1: /* LSR */
        if (amount > 32) {
            *cout = 0;
            return 0;
        }
        *cout = (x >> (amount - 1)) & 1;
        return amount == 32 ? 0 : x >> amount;
    case 2: /* ASR */
        if (amount >= 32) {
            *cout = x >> 31;
            return (int32_t)x < 0 ? 0xffffffff : 0;
        }
        *cout = (x >> (amount - 1)) & 1;
        return (uint32_t)((int32_t)x >> amount);
    case 3: /* ROR */
        amount &= 31;
        if (amount == 0) {
            *cout = x >> 31;
            return x;
        }
        *cout = (x >> (amount - 1)) & 1;
        return x >> amount | x << (32 - amount);
    default: /* RRX */
        *cout = x & 1;
        return x >> 1 | (uint32_t)cin << 31;
    }
}

/* AddWithCarry (A2.2.1) */
static uint32_t add_with_carry(uint32_t x, uint32_t y, bool cin, bool *c, bool *v)
{
    uint64_t us = (uint64_t)x + y + cin;
    int64_t ss = (int64_t)(int32_t)x + (int32_t)y + cin;
    uint32_t r = (uint32_t)us;
    *c = us != r;
    *v = ss != (int32_t)r;
    return r;
}

/* The data-processing opcode's result; flags updated as with S. */
static uint32_t dp_ref(int op, uint32_t a, uint32_t b, bool shc, Ref *f, bool *writes)
{
    bool c = f->c, v = f->v;
    uint32_t r;
    bool arith = true;
    *writes = !(op >= 8 && op <= 11);
    switch (op) {
    case 0: case 8: r = a & b; arith = false; break;
    case 1: case 9: r = a ^ b; arith = false; break;
    case 2: case 10: r = add_with_carry(a, ~b, 1, &c, &v); break;
    case 3: r = add_with_carry(~a, b, 1, &c, &v); break;
    case 4: case 11: r = add_with_carry(a, b, 0, &c, &v); break;
    case 5: r = add_with_carry(a, b, f->c, &c, &v); break;
    case 6: r = add_with_carry(a, ~b, f->c, &c, &v); break;
    case 7: r = add_with_carry(~a, b, f->c, &c, &v); break;
    case 12: r = a | b; arith = false; break;
    case 13: r = b; arith = false; break;
    case 14: r = a & ~b; arith = false; break;
    default: r = ~b; arith = false; break;
    }
    f->n = r >> 31;
    f->z = r == 0;
    f->c = arith ? c : shc;
    if (arith) {
        f->v = v;
    }
    return r;
}

/* ---- cases ------------------------------------------------------------------- */

/* Every opcode with immediate shifts, register shifts and rotated immediates. */
static void test_dp(void)
{
    for (int iter = 0; iter < 6000; iter++) {
        int op = iter % 16, form = (iter / 16) % 3;
        int s = (op >= 8 && op <= 11) ? 1 : g_rand_int_range(rng, 0, 2);
        int rd = g_rand_int_range(rng, 0, 13), rn = g_rand_int_range(rng, 0, 13);
        int rm = g_rand_int_range(rng, 0, 13), rs = g_rand_int_range(rng, 0, 13);
        Ref f = { 0 };
        for (int i = 0; i < 13; i++) {
            f.r[i] = rnd();
        }
        f.n = g_rand_int_range(rng, 0, 2);
        f.z = g_rand_int_range(rng, 0, 2);
        f.c = g_rand_int_range(rng, 0, 2);
        f.v = g_rand_int_range(rng, 0, 2);
        uint32_t insn = 0xe0000000u | op << 21 | s << 20 | rn << 16 | rd << 12;
        uint32_t b;
        bool shc;
        if (form == 0) {
            int shim = g_rand_int_range(rng, 0, 32), shty = g_rand_int_range(rng, 0, 4);
            insn |= shim << 7 | shty << 5 | rm;
            /* DecodeImmShift: LSR/ASR #0 mean 32, ROR #0 means RRX */
            int type = shty;
            unsigned amount = shim;
            if ((shty == 1 || shty == 2) && shim == 0) {
                amount = 32;
            } else if (shty == 3 && shim == 0) {
                type = 4, amount = 1;
            }
            b = shift_c(f.r[rm], type, amount, f.c, &shc);
        } else if (form == 1) {
            int shty = g_rand_int_range(rng, 0, 4);
            if (g_rand_int_range(rng, 0, 2)) {
                f.r[rs] = g_rand_int_range(rng, 0, 70);
            }
            insn |= rs << 8 | shty << 5 | 1 << 4 | rm;
            b = shift_c(f.r[rm], shty, f.r[rs] & 0xff, f.c, &shc);
        } else {
            int rot = g_rand_int_range(rng, 0, 16), imm = g_rand_int_range(rng, 0, 256);
            insn |= 1 << 25 | rot << 8 | imm;
            b = rot ? (uint32_t)imm >> (2 * rot) | (uint32_t)imm << (32 - 2 * rot) : imm;
            shc = rot ? b >> 31 : f.c;
        }
        if (op == 13 || op == 15) {
            insn &= ~(0xfu << 16);
        }
        uint32_t code[2] = { insn, SVC0 };
        load_code(code, 2);
        set_cpu(&f);
        Ref want = f;
        bool writes;
        uint32_t r = dp_ref(op, f.r[op == 13 || op == 15 ? 0 : rn], b, shc, &want, &writes);
        if (!s) {
            want.n = f.n, want.z = f.z, want.c = f.c, want.v = f.v;
        }
        if (writes) {
            want.r[rd] = r;
        }
        g_assert_cmpint(run(), ==, EXCP_SWI);
        check(&want, "data processing", insn);
    }
}

/* Condition codes: a MOV #1 under every condition and every flag combination (A8.3). */
static void test_cond(void)
{
    for (int cond = 0; cond < 15; cond++) {
        for (int fl = 0; fl < 16; fl++) {
            Ref f = { 0 };
            f.n = fl >> 3 & 1, f.z = fl >> 2 & 1, f.c = fl >> 1 & 1, f.v = fl & 1;
            bool pass;
            switch (cond >> 1) {
            case 0: pass = f.z; break;
            case 1: pass = f.c; break;
            case 2: pass = f.n; break;
            case 3: pass = f.v; break;
            case 4: pass = f.c && !f.z; break;
            case 5: pass = f.n == f.v; break;
            case 6: pass = !f.z && f.n == f.v; break;
            default: pass = true; break;
            }
            if ((cond & 1) && cond != 15) {
                pass = !pass;
            }
            if (cond == 14) {
                pass = true;
            }
            uint32_t insn = (uint32_t)cond << 28 | 0x03a00001u;   /* MOV<c> r0, #1 */
            uint32_t code[2] = { insn, SVC0 };
            load_code(code, 2);
            set_cpu(&f);
            Ref want = f;
            want.r[0] = pass;
            g_assert_cmpint(run(), ==, EXCP_SWI);
            check(&want, "condition", insn);
        }
    }
}

/* Multiplies: MUL/MLA/MLS/UMULL/UMLAL/SMULL/SMLAL/UMAAL (A8.8.x operation sections). */
static void test_mul(void)
{
    for (int iter = 0; iter < 2000; iter++) {
        int kind = iter % 8;
        Ref f = { 0 };
        for (int i = 0; i < 13; i++) {
            f.r[i] = rnd();
        }
        /* distinct registers: RdHi, RdLo, Rm, Rn = r4, r5, r6, r7 */
        uint32_t n = f.r[7], m = f.r[6], lo = f.r[5], hi = f.r[4];
        int s = kind < 7 ? g_rand_int_range(rng, 0, 2) : 0;
        static const uint32_t ops[8] = { 0x00000090, 0x00200090, 0x00600090, 0x00800090,
                                         0x00a00090, 0x00c00090, 0x00e00090, 0x00400090 };
        uint32_t insn = 0xe0000000u | ops[kind] | 4 << 16 | 5 << 12 | 6 << 8 | 7;
        if (kind != 2 && kind != 7) {
            insn |= s << 20;
        } else {
            s = 0;
        }
        Ref want = f;
        uint64_t p;
        switch (kind) {
        case 0: /* MUL r4, r7, r6 */
            insn &= ~(0xfu << 12);
            want.r[4] = n * m;
            break;
        case 1: /* MLA r4, r7, r6, r5 */
            want.r[4] = n * m + lo;
            break;
        case 2: /* MLS */
            want.r[4] = lo - n * m;
            break;
        case 3: /* UMULL r5, r4, r7, r6 */
            p = (uint64_t)n * m;
            want.r[5] = p, want.r[4] = p >> 32;
            break;
        case 4:
            p = (uint64_t)n * m + ((uint64_t)hi << 32 | lo);
            want.r[5] = p, want.r[4] = p >> 32;
            break;
        case 5:
            p = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
            want.r[5] = p, want.r[4] = p >> 32;
            break;
        case 6:
            p = (uint64_t)((int64_t)(int32_t)n * (int32_t)m) + ((uint64_t)hi << 32 | lo);
            want.r[5] = p, want.r[4] = p >> 32;
            break;
        default: /* UMAAL */
            p = (uint64_t)n * m + lo + hi;
            want.r[5] = p, want.r[4] = p >> 32;
            break;
        }
        if (s) {
            if (kind <= 1) {
                want.n = want.r[4] >> 31, want.z = want.r[4] == 0;
            } else {
                want.n = want.r[4] >> 31, want.z = (want.r[4] | want.r[5]) == 0;
            }
        }
        uint32_t code[2] = { insn, SVC0 };
        load_code(code, 2);
        set_cpu(&f);
        g_assert_cmpint(run(), ==, EXCP_SWI);
        check(&want, "multiply", insn);
    }
}

static uint32_t ref_clz(uint32_t x)
{
    uint32_t n = 0;
    for (int i = 31; i >= 0 && !(x >> i & 1); i--) {
        n++;
    }
    return n;
}

static uint32_t ref_rbit(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        if (x >> i & 1) {
            r |= 1u << (31 - i);
        }
    }
    return r;
}

/* One-register-result instructions: r0 = f(r1, r2) with a reference per row. */
static void test_misc(void)
{
    for (int iter = 0; iter < 3000; iter++) {
        int kind = iter % 12;
        Ref f = { 0 };
        for (int i = 0; i < 13; i++) {
            f.r[i] = rnd();
        }
        uint32_t a = f.r[1], b = f.r[2], insn;
        Ref want = f;
        int lsb = g_rand_int_range(rng, 0, 32), w = g_rand_int_range(rng, 1, 33 - lsb);
        int64_t t;
        switch (kind) {
        case 0: /* CLZ r0, r1 */
            insn = 0xe16f0f11;
            want.r[0] = ref_clz(a);
            break;
        case 1: /* REV r0, r1 */
            insn = 0xe6bf0f31;
            want.r[0] = __builtin_bswap32(a);
            break;
        case 2: /* RBIT r0, r1 */
            insn = 0xe6ff0f31;
            want.r[0] = ref_rbit(a);
            break;
        case 3: /* UBFX r0, r1, #lsb, #w */
            insn = 0xe7e00051 | (w - 1) << 16 | lsb << 7;
            want.r[0] = (uint32_t)(((uint64_t)a >> lsb) & ((1ull << w) - 1));
            break;
        case 4: /* SBFX */
            insn = 0xe7a00051 | (w - 1) << 16 | lsb << 7;
            want.r[0] = (uint32_t)((int64_t)((uint64_t)a << (64 - lsb - w)) >> (64 - w));
            break;
        case 5: /* BFI r0, r1, #lsb, #w */
            insn = 0xe7c00011 | (lsb + w - 1) << 16 | lsb << 7;
            {
                uint32_t mask = (uint32_t)(((1ull << w) - 1) << lsb);
                want.r[0] = (f.r[0] & ~mask) | ((a << lsb) & mask);
            }
            break;
        case 6: /* SDIV r0, r1, r2 */
            insn = 0xe710f211;
            want.r[0] = b == 0 ? 0 : (a == 0x80000000u && b == 0xffffffffu) ? a
                        : (uint32_t)((int32_t)a / (int32_t)b);
            break;
        case 7: /* UDIV r0, r1, r2 */
            insn = 0xe730f211;
            want.r[0] = b ? a / b : 0;
            break;
        case 8: /* QADD r0, r1, r2: saturate(r1 + r2), Q on saturation */
            insn = 0xe1020051;
            t = (int64_t)(int32_t)a + (int32_t)b;
            want.r[0] = t > INT32_MAX ? INT32_MAX : t < INT32_MIN ? INT32_MIN : (int32_t)t;
            want.q = f.q || t != (int32_t)want.r[0];
            break;
        case 9: /* SSAT r0, #(lsb+1), r1 */
            insn = 0xe6a00011 | (lsb & 31) << 16;
            {
                int bits = (lsb & 31) + 1;
                int64_t mx = (1ll << (bits - 1)) - 1, mn = -(1ll << (bits - 1));
                int64_t x = (int32_t)a;
                want.r[0] = x > mx ? mx : x < mn ? mn : x;
                want.q = f.q || x > mx || x < mn;
            }
            break;
        case 10: /* UADD8 r0, r1, r2: GE from each byte's carry (A8.8.226) */
            insn = 0xe6510f92;
            want.r[0] = 0;
            want.ge = 0;
            for (int i = 0; i < 4; i++) {
                uint32_t s = ((a >> (8 * i)) & 0xff) + ((b >> (8 * i)) & 0xff);
                want.r[0] |= (s & 0xff) << (8 * i);
                if (s >= 0x100) {
                    want.ge |= 1u << i;
                }
            }
            break;
        default: /* SADD16 r0, r1, r2 then nothing: GE per halfword sign */
            insn = 0xe6110f12;
            want.r[0] = 0;
            want.ge = 0;
            for (int i = 0; i < 2; i++) {
                int32_t s = (int16_t)(a >> (16 * i)) + (int16_t)(b >> (16 * i));
                want.r[0] |= ((uint32_t)s & 0xffff) << (16 * i);
                if (s >= 0) {
                    want.ge |= 3u << (2 * i);
                }
            }
            break;
        }
        uint32_t code[2] = { insn, SVC0 };
        load_code(code, 2);
        set_cpu(&f);
        g_assert_cmpint(run(), ==, EXCP_SWI);
        check(&want, "misc", insn);
    }
}

/* Loads and stores: every addressing mode of LDR/STR/LDRB/LDRH/LDRSB/LDRD, LDM/STM, LDREX/STREX. */
static void test_ldst(void)
{
    static const uint32_t code[] = {
        0xe5810004, /* str r0, [r1, #4]          mem[0x8004] = r0 */
        0xe5b12008, /* ldr r2, [r1, #8]!         r2 = mem[0x8008], r1 = 0x8008 */
        0xe4d13001, /* ldrb r3, [r1], #1         r3 = byte[0x8008], r1 = 0x8009 */
        0xe15140d1, /* ldrsb r4, [r1, #-1]       r4 = sbyte[0x8008] */
        0xe1d150b1, /* ldrh r5, [r1, #1]         r5 = half[0x800a] */
        0xe2411009, /* sub r1, r1, #9            r1 = 0x8000 */
        0xe1c160d0, /* ldrd r6, r7, [r1]         r6 = mem[0x8000], r7 = mem[0x8004] */
        0xe8b10300, /* ldm r1!, {r8, r9}         r8 = mem[0x8000], r9 = mem[0x8004], r1 += 8 */
        0xe1910f9f, /* ldrex r0, [r1]            r0 = mem[0x8008] */
        0xe2800001, /* add r0, r0, #1 */
        0xe181af90, /* strex r10, r0, [r1]       r10 = 0, mem[0x8008]++ */
        0xe181bf90, /* strex r11, r0, [r1]       r11 = 1 (no reservation) */
        0xe7912102, /* ldr r2, [r1, r2, lsl #2]  r2 = mem[0x8008 + 4 * r2] */
        SVC0,
    };
    load_code(code, G_N_ELEMENTS(code));
    uint32_t mem[8] = { 0x11223344, 0, 0x000080f3, 0x55667788, 0x99aabbcc, 0, 0, 0 };
    memcpy(ram + DATA_ADDR, mem, sizeof(mem));
    Ref f = { 0 };
    f.r[0] = 0xdeadbeef;
    f.r[1] = DATA_ADDR;
    set_cpu(&f);
    g_assert_cmpint(run(), ==, EXCP_SWI);

    Ref want = f;
    want.r[0] = 0x000080f3 + 1;
    want.r[1] = DATA_ADDR + 8;
    want.r[2] = 0x000080f3;
    want.r[3] = 0xf3;
    want.r[4] = 0xfffffff3;
    want.r[5] = 0x0000;
    want.r[6] = 0x11223344;
    want.r[7] = 0xdeadbeef;
    want.r[8] = 0x11223344;
    want.r[9] = 0xdeadbeef;
    want.r[10] = 0;
    want.r[11] = 1;
    /* the last load: index 0x80f3 * 4 beyond the data, inside RAM, reads zero */
    want.r[2] = 0;
    check(&want, "load/store", 0);
    uint32_t m2;
    memcpy(&m2, ram + DATA_ADDR + 8, 4);
    g_assert_cmphex(m2, ==, 0x000080f4);
}

/* BL, BX to Thumb is out of scope here; BL/BX LR in ARM state, STMDB/LDMIA with pc. */
static void test_branch(void)
{
    static const uint32_t code[] = {
        0xe3a00000, /* mov r0, #0 */
        0xeb000002, /* bl f (+8 + 8) */
        0xe2800010, /* add r0, r0, #16 */
        0xef000000, /* svc 0 */
        0xe1a00000, /* nop */
        0xe92d4000, /* f: push {lr} */
        0xe2800001, /* add r0, r0, #1 */
        0xe8bd8000, /* pop {pc} */
    };
    load_code(code, G_N_ELEMENTS(code));
    Ref f = { 0 };
    f.r[13] = DATA_ADDR + 0x100;
    set_cpu(&f);
    g_assert_cmpint(run(), ==, EXCP_SWI);
    Ref want = f;
    want.r[0] = 17;
    want.r[14] = CODE_ADDR + 8;
    check(&want, "branch", 0);
    g_assert_cmphex(env->regs[15], ==, CODE_ADDR + 16);
}

/* UDF raises EXCP_UDEF with pc at the instruction; a load from an unmapped page EXCP_DATA_ABORT. */
static void test_exceptions(void)
{
    static const uint32_t code[] = { 0xe3a00005, 0xe7f000f0, SVC0 };
    load_code(code, 3);
    g_assert_cmpint(run(), ==, EXCP_UDEF);
    g_assert_cmphex(env->regs[15], ==, CODE_ADDR + 4);
    g_assert_cmphex(env->regs[0], ==, 5);

    static const uint32_t bkpt[] = { 0xe1200173, SVC0 };   /* bkpt #0x13 */
    load_code(bkpt, 2);
    g_assert_cmpint(run(), ==, EXCP_BKPT);
    g_assert_cmphex(env->exception.syndrome, ==, 0x13);

    static const uint32_t svc[] = { 0xef123456 };
    load_code(svc, 1);
    g_assert_cmpint(run(), ==, EXCP_SWI);
    g_assert_cmphex(env->exception.syndrome, ==, 0x123456);
    g_assert_cmphex(env->regs[15], ==, CODE_ADDR + 4);

    /* the kuser helper page */
    env->regs[15] = 0xffff0fe0;
    env->thumb = 0;
    g_assert_cmpint(cpu_exec(cs), ==, EXCP_KERNEL_TRAP);
    g_assert_cmphex(env->regs[15], ==, 0xffff0fe0);
}

/* CPSR assembly and MRS/MSR (APSR bits only in user mode). */
static void test_cpsr(void)
{
    cpsr_write(env, 0xf80f0000, CPSR_NZCV | CPSR_Q | CPSR_GE);
    g_assert_cmphex(cpsr_read(env) & 0xf80f0000, ==, 0xf80f0000);
    static const uint32_t code[] = {
        0xe10f0000, /* mrs r0, apsr */
        0xe328f206, /* msr apsr_nzcvq, #0x60000000 */
        0xe10f1000, /* mrs r1, apsr */
        SVC0,
    };
    load_code(code, G_N_ELEMENTS(code));
    g_assert_cmpint(run(), ==, EXCP_SWI);
    g_assert_cmphex(env->regs[0], ==, 0xf80f0000);
    g_assert_cmphex(env->regs[1], ==, 0x600f0000);
}

/*
 * Thumb-2: thumb.S (assembled by arm-linux-gnueabihf-as at build time,
 * path in $ARM_THUMB_BIN) enters Thumb with BX, uses IT, CBZ, TBB, T32
 * modified immediates, MOVW/MOVT, UBFX, BL, BLX to ARM and back, PUSH/POP
 * and ends with SVC in Thumb state.  Expected values from the manual's
 * descriptions of each instruction (see the comments in thumb.S).
 */
static void test_thumb(void)
{
    const char *path = g_getenv("ARM_THUMB_BIN");
    gchar *bin;
    gsize len;
    if (!path || !g_file_get_contents(path, &bin, &len, NULL)) {
        g_test_skip("thumb.bin not built (missing cross compiler: arm-linux-gnueabihf-as)");
        return;
    }
    g_assert_cmpuint(len % 4, ==, 0);
    load_code((const uint32_t *)bin, len / 4);
    g_free(bin);
    Ref f = { 0 };
    f.r[13] = DATA_ADDR + 0x100;
    set_cpu(&f);
    g_assert_cmpint(run(), ==, EXCP_SWI);
    Ref want = f;
    want.r[0] = 0x0102fcff;               /* r3 * r4 = (0x00ff00ff + 0x3fc00) * 1 */
    want.r[1] = 0x00ff00ff;
    want.r[2] = 0x00ff00ff;
    want.r[3] = 0x0003fc00;
    want.r[4] = 1;
    want.r[5] = 3;
    want.r[6] = 0x12345678;
    want.r[7] = 0x78563412;
    want.r[8] = 0x456;
    want.r[9] = 0xdeadbeef;
    want.r[10] = 2;
    want.r[11] = 12;
    want.r[12] = 0x23456781;
    want.r[14] = CODE_ADDR + 0x69;
    want.n = 0, want.z = 0, want.c = 1, want.v = 0;
    check(&want, "thumb program", 0);
    g_assert_cmphex(env->regs[15], ==, CODE_ADDR + 0x62);
    g_assert_cmpint(env->thumb, ==, 1);
    g_assert_cmpint(env->condexec_bits, ==, 0);
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* VFP: vfp.S against the host's IEEE-754 arithmetic (round to nearest, no flush). */
static void test_vfp(void)
{
    const char *path = g_getenv("ARM_VFP_BIN");
    gchar *bin;
    gsize len;
    if (!path || !g_file_get_contents(path, &bin, &len, NULL)) {
        g_test_skip("vfp.bin not built (missing cross compiler: arm-linux-gnueabihf-as)");
        return;
    }
    load_code((const uint32_t *)bin, len / 4);
    g_free(bin);
    volatile double a = 1.1, b = 3.3;
    volatile float c = 1.5f, e = 0.1f;
    memcpy(ram + DATA_ADDR, (const void *)&a, 8);
    memcpy(ram + DATA_ADDR + 8, (const void *)&b, 8);
    memcpy(ram + DATA_ADDR + 16, (const void *)&c, 4);
    memcpy(ram + DATA_ADDR + 20, (const void *)&e, 4);
    vfp_set_fpscr(env, 0);
    Ref f = { 0 };
    f.r[13] = DATA_ADDR + 0x100;
    set_cpu(&f);
    g_assert_cmpint(run(), ==, EXCP_SWI);
    g_assert_cmphex(env->vfp.d[2], ==, dbits(a + b));
    g_assert_cmphex(env->vfp.d[3], ==, dbits(a * b));
    g_assert_cmphex(env->vfp.d[4], ==, dbits(a / b));
    g_assert_cmphex(env->vfp.d[5], ==, dbits(sqrt(a)));
    g_assert_cmphex(*arm_vfp_sreg(env, 14), ==, fbits(c - e));
    g_assert_cmphex(*arm_vfp_sreg(env, 15), ==, (uint32_t)(int32_t)(a / b));
    g_assert_cmphex(env->vfp.d[8], ==, dbits((double)c));
    g_assert_cmphex(env->regs[1], ==, 2);                  /* a < b: LE */
    g_assert_cmphex(env->regs[2], ==, 0x80000000u | FPSCR_IXC);   /* N, inexact */
    uint64_t st;
    memcpy(&st, ram + DATA_ADDR + 24, 8);
    g_assert_cmphex(st, ==, dbits(a + b));
    g_assert_cmphex(env->regs[3], ==, (uint32_t)dbits(a * b));
    g_assert_cmphex(env->regs[4], ==, (uint32_t)(dbits(a * b) >> 32));
    g_assert_cmphex(env->vfp.d[10], ==, dbits(a));
    g_assert_cmphex(env->vfp.d[11], ==, dbits(b));
    g_assert_cmphex(env->vfp.d[9], ==, dbits(-2.5));
    g_assert_cmphex(env->regs[13], ==, DATA_ADDR + 0x100);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup();
    g_test_add_func("/arm/a32/data-processing", test_dp);
    g_test_add_func("/arm/a32/conditions", test_cond);
    g_test_add_func("/arm/a32/multiply", test_mul);
    g_test_add_func("/arm/a32/misc", test_misc);
    g_test_add_func("/arm/a32/load-store", test_ldst);
    g_test_add_func("/arm/a32/branch", test_branch);
    g_test_add_func("/arm/a32/exceptions", test_exceptions);
    g_test_add_func("/arm/a32/cpsr", test_cpsr);
    g_test_add_func("/arm/thumb/program", test_thumb);
    g_test_add_func("/arm/vfp/program", test_vfp);
    return g_test_run();
}
