/*
 * vfp.c — VFP arithmetic under every FPSCR mode: the four rounding modes,
 * flush-to-zero (inputs flagged IDC, outputs UFC without IXC), default
 * NaN, NaN propagation (signalling before quiet, first operand first), the
 * cumulative exception flags, compares, conversions to and from integers
 * (saturating, round-to-zero or FPSCR mode), between precisions, fixed
 * point and half precision (ARMv7 level).  The C model applies the ARM
 * pseudocode's rules (FPUnpack, FPProcessNaNs, FPRound) around the host's
 * IEEE arithmetic, with tininess detected before rounding as ARM does.
 */
#include "isa.h"

#include <fenv.h>
#include <math.h>

#define FPSCR_FZ (1u << 24)
#define FPSCR_DN (1u << 25)
#define FPSCR_RMODE(x) ((uint32_t)(x) << 22)
#define IOC 1u
#define DZC 2u
#define OFC 4u
#define UFC 8u
#define IXC 16u
#define IDC 128u
#define FLAGS 0x9fu

enum { F_ADD, F_SUB, F_MUL, F_DIV, F_SQRT, F_FMA, F_NOPS };
static const char *const opname[] = { "add", "sub", "mul", "div", "sqrt", "fma" };

static const uint32_t sval[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40400000, 0x3eaaaaab,
    0x3f800001, 0x00000001, 0x807fffff, 0x00800000, 0x00400000, 0x7f7fffff, 0xff7fffff,
    0x7f800000, 0xff800000, 0x7fc00001, 0x7f800005, 0xffc00002, 0x1f800000, 0x20000001,
};
#define NS (sizeof(sval) / sizeof(sval[0]))

static const uint64_t dval[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x3fd5555555555555ull, 0x3ff0000000000001ull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000001ull, 0x7ff0000000000005ull, 0x1ff0000000000000ull, 0x2000000000000001ull,
};
#define ND (sizeof(dval) / sizeof(dval[0]))

static const uint32_t modes[] = {
    0, FPSCR_RMODE(1), FPSCR_RMODE(2), FPSCR_RMODE(3),
    FPSCR_FZ, FPSCR_DN, FPSCR_FZ | FPSCR_DN | FPSCR_RMODE(3), FPSCR_FZ | FPSCR_RMODE(2),
};
#define NM (sizeof(modes) / sizeof(modes[0]))

/* conversions: kind selects the instruction; the value travels as raw bits */
enum { C_S2I, C_S2IR, C_S2U, C_I2S, C_U2S, C_S2D, C_D2S, C_D2I, C_D2UR, C_I2D,
       C_S2FIX16, C_FIX16U2S, C_D2FIX8, C_S2H, C_H2S, C_S2HT, C_H2ST, C_NCONV };
static const char *const cname[] = {
    "s32.f32", "s32.f32 r", "u32.f32", "f32.s32", "f32.u32", "f64.f32", "f32.f64", "s32.f64",
    "u32.f64 r", "f64.s32", "s32.f32 #16", "f32.u32 #16", "s16.f64 #8", "f16.f32 b", "f32.f16 b",
    "f16.f32 t", "f32.f16 t",
};

#if ISA_ON_ARM
/* ---- the instructions ---- */
#define RUN(insn, outs, ...)                                                   \
    asm volatile("vmsr fpscr, %[fi]\n\t" insn "\n\tvmrs %[fo], fpscr"           \
                 : outs, [fo] "=&r"(fo) : [fi] "r"(fpscr), __VA_ARGS__)

static float f32(uint32_t x) { union { uint32_t u; float f; } v = { x }; return v.f; }
static uint32_t b32(float x) { union { float f; uint32_t u; } v = { x }; return v.u; }
static double f64(uint64_t x) { union { uint64_t u; double f; } v = { x }; return v.f; }
static uint64_t b64(double x) { union { double f; uint64_t u; } v = { x }; return v.u; }

static uint32_t op_s(int op, uint32_t a, uint32_t b, uint32_t c, uint32_t fpscr, uint32_t *fl)
{
    float x = f32(a), y = f32(b), r = f32(c);
    uint32_t fo;
    switch (op) {
    case F_ADD: RUN("vadd.f32 %[r], %[x], %[y]", [r] "=t"(r), [x] "t"(x), [y] "t"(y)); break;
    case F_SUB: RUN("vsub.f32 %[r], %[x], %[y]", [r] "=t"(r), [x] "t"(x), [y] "t"(y)); break;
    case F_MUL: RUN("vmul.f32 %[r], %[x], %[y]", [r] "=t"(r), [x] "t"(x), [y] "t"(y)); break;
    case F_DIV: RUN("vdiv.f32 %[r], %[x], %[y]", [r] "=t"(r), [x] "t"(x), [y] "t"(y)); break;
    case F_SQRT: RUN("vsqrt.f32 %[r], %[x]", [r] "=t"(r), [x] "t"(x), [y] "t"(y)); break;
#if ISA_LEVEL >= 7
    case F_FMA: RUN(".fpu neon-vfpv4\n\tvfma.f32 %[r], %[x], %[y]", [r] "+t"(r), [x] "t"(x), [y] "t"(y)); break;
#endif
    }
    *fl = fo;
    return b32(r);
}

static uint64_t op_d(int op, uint64_t a, uint64_t b, uint64_t c, uint32_t fpscr, uint32_t *fl)
{
    double x = f64(a), y = f64(b), r = f64(c);
    uint32_t fo;
    switch (op) {
    case F_ADD: RUN("vadd.f64 %P[r], %P[x], %P[y]", [r] "=w"(r), [x] "w"(x), [y] "w"(y)); break;
    case F_SUB: RUN("vsub.f64 %P[r], %P[x], %P[y]", [r] "=w"(r), [x] "w"(x), [y] "w"(y)); break;
    case F_MUL: RUN("vmul.f64 %P[r], %P[x], %P[y]", [r] "=w"(r), [x] "w"(x), [y] "w"(y)); break;
    case F_DIV: RUN("vdiv.f64 %P[r], %P[x], %P[y]", [r] "=w"(r), [x] "w"(x), [y] "w"(y)); break;
    case F_SQRT: RUN("vsqrt.f64 %P[r], %P[x]", [r] "=w"(r), [x] "w"(x), [y] "w"(y)); break;
#if ISA_LEVEL >= 7
    case F_FMA: RUN(".fpu neon-vfpv4\n\tvfma.f64 %P[r], %P[x], %P[y]", [r] "+w"(r), [x] "w"(x), [y] "w"(y)); break;
#endif
    }
    *fl = fo;
    return b64(r);
}

/* compare: NZCV and flags; e = VCMPE */
static uint32_t cmp_s(uint32_t a, uint32_t b, int e, uint32_t fpscr)
{
    float x = f32(a), y = f32(b);
    uint32_t fo;
    if (e) {
        RUN("vcmpe.f32 %[x], %[y]", [d] "=r"(a), [x] "t"(x), [y] "t"(y));
    } else {
        RUN("vcmp.f32 %[x], %[y]", [d] "=r"(a), [x] "t"(x), [y] "t"(y));
    }
    return fo;
}

static uint32_t cmp_d(uint64_t a, uint64_t b, int e, uint32_t fpscr)
{
    double x = f64(a), y = f64(b);
    uint32_t fo;
    if (e) {
        RUN("vcmpe.f64 %P[x], %P[y]", [d] "=r"(a), [x] "w"(x), [y] "w"(y));
    } else {
        RUN("vcmp.f64 %P[x], %P[y]", [d] "=r"(a), [x] "w"(x), [y] "w"(y));
    }
    return fo;
}

static uint64_t conv(int kind, uint64_t a, uint32_t fpscr, uint32_t *fl)
{
    float s = f32((uint32_t)a), sr = 0;
    double d = f64(a), dr = 0;
    uint32_t fo = 0;
    switch (kind) {
    case C_S2I: RUN("vcvt.s32.f32 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_S2IR: RUN("vcvtr.s32.f32 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_S2U: RUN("vcvt.u32.f32 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_I2S: RUN("vcvt.f32.s32 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_U2S: RUN("vcvt.f32.u32 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_S2D: RUN("vcvt.f64.f32 %P[r], %[x]", [r] "=w"(dr), [x] "t"(s)); *fl = fo; return b64(dr);
    case C_D2S: RUN("vcvt.f32.f64 %[r], %P[x]", [r] "=t"(sr), [x] "w"(d)); break;
    case C_D2I: RUN("vcvt.s32.f64 %[r], %P[x]", [r] "=t"(sr), [x] "w"(d)); break;
    case C_D2UR: RUN("vcvtr.u32.f64 %[r], %P[x]", [r] "=t"(sr), [x] "w"(d)); break;
    case C_I2D: RUN("vcvt.f64.s32 %P[r], %[x]", [r] "=w"(dr), [x] "t"(s)); *fl = fo; return b64(dr);
#if ISA_LEVEL >= 7
    case C_S2FIX16: sr = s; RUN("vcvt.s32.f32 %[r], %[r], #16", [r] "+t"(sr), [x] "t"(s)); break;
    case C_FIX16U2S: sr = s; RUN("vcvt.f32.u32 %[r], %[r], #16", [r] "+t"(sr), [x] "t"(s)); break;
    case C_D2FIX8: dr = d; RUN("vcvt.s16.f64 %P[r], %P[r], #8", [r] "+w"(dr), [x] "w"(d)); *fl = fo; return b64(dr);
    case C_S2H: sr = f32(0x5a5a5a5a); RUN(".fpu neon-fp16\n\tvcvtb.f16.f32 %[r], %[x]", [r] "+t"(sr), [x] "t"(s)); break;
    case C_H2S: RUN(".fpu neon-fp16\n\tvcvtb.f32.f16 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
    case C_S2HT: sr = f32(0x5a5a5a5a); RUN(".fpu neon-fp16\n\tvcvtt.f16.f32 %[r], %[x]", [r] "+t"(sr), [x] "t"(s)); break;
    case C_H2ST: RUN(".fpu neon-fp16\n\tvcvtt.f32.f16 %[r], %[x]", [r] "=t"(sr), [x] "t"(s)); break;
#endif
    }
    *fl = fo;
    return b32(sr);
}

#else
/* ---- the C model ---- */
#include "vfp-model.h"
#endif

static uint32_t shown(uint32_t fpscr)
{
    return fpscr & (0xf0000000u | FLAGS);
}

int main(void)
{
    unsigned long n = 0;
    int nops = ISA_LEVEL >= 7 ? F_NOPS : F_FMA;
    for (size_t m = 0; m < NM; m++) {
        uint32_t mode = modes[m];
        for (int op = 0; op < nops; op++) {
            uint32_t cum = 0;
            for (size_t i = 0; i < NS; i++) {
                for (size_t j = 0; j < (op == F_SQRT ? 1 : NS); j++) {
                    uint32_t fl, c = sval[(i * 5 + j * 3) % NS];
                    uint32_t r = op_s(op, sval[i], sval[j], c, mode, &fl);
                    printf("%s.f32 %08x %08x %08x mode %08x -> %08x %02x\n", opname[op], sval[i],
                           sval[j], op == F_FMA ? c : 0, mode, r, fl & FLAGS);
                    cum |= fl & FLAGS;
                    n++;
                }
            }
            for (size_t i = 0; i < ND; i++) {
                for (size_t j = 0; j < (op == F_SQRT ? 1 : ND); j++) {
                    uint32_t fl;
                    uint64_t c = dval[(i * 5 + j * 3) % ND];
                    uint64_t r = op_d(op, dval[i], dval[j], c, mode, &fl);
                    printf("%s.f64 %016llx %016llx %016llx mode %08x -> %016llx %02x\n", opname[op],
                           (unsigned long long)dval[i], (unsigned long long)dval[j],
                           (unsigned long long)(op == F_FMA ? c : 0), mode, (unsigned long long)r,
                           fl & FLAGS);
                    cum |= fl & FLAGS;
                    n++;
                }
            }
            printf("%s mode %08x cumulative %02x\n", opname[op], mode, cum);
        }
        for (size_t i = 0; i < NS; i++) {
            for (size_t j = 0; j < NS; j++) {
                printf("cmp.f32 %08x %08x mode %08x -> %08x %08x\n", sval[i], sval[j], mode,
                       shown(cmp_s(sval[i], sval[j], 0, mode)), shown(cmp_s(sval[i], sval[j], 1, mode)));
                n += 2;
            }
        }
        for (size_t i = 0; i < ND; i++) {
            for (size_t j = 0; j < ND; j++) {
                printf("cmp.f64 %016llx %016llx mode %08x -> %08x %08x\n",
                       (unsigned long long)dval[i], (unsigned long long)dval[j], mode,
                       shown(cmp_d(dval[i], dval[j], 0, mode)), shown(cmp_d(dval[i], dval[j], 1, mode)));
                n += 2;
            }
        }
        static const uint32_t ints[] = { 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x01000001,
                                         0xfeffffff, 0x00ff0000, 0x7c00, 0x3c00fbff, 0xfc017e01 };
        for (int k = 0; k < C_NCONV; k++) {
            if (ISA_LEVEL < 7 && k >= C_S2FIX16) {
                break;
            }
            int from_int = k == C_I2S || k == C_U2S || k == C_I2D || k == C_FIX16U2S || k == C_H2S ||
                           k == C_H2ST;
            int from_d = k == C_D2S || k == C_D2I || k == C_D2UR || k == C_D2FIX8;
            size_t cnt = from_int ? sizeof(ints) / 4 : from_d ? ND : NS;
            for (size_t i = 0; i < cnt; i++) {
                uint64_t a = from_int ? ints[i] : from_d ? dval[i] : sval[i];
                uint32_t fl;
                uint64_t r = conv(k, a, mode, &fl);
                printf("vcvt.%s %llx mode %08x -> %llx %02x\n", cname[k], (unsigned long long)a, mode,
                       (unsigned long long)r, fl & FLAGS);
                n++;
            }
        }
    }
    printf("vfp: %lu results\n", n);
    return 0;
}
