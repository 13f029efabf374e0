/*
 * binary32/binary64 against the host's SSE unit, bit for bit: result and
 * flags, in all four MXCSR rounding modes, with FTZ and DAZ, for add, sub,
 * mul, div, sqrt, fma and its three negated forms (FMA3), conversions
 * between the two formats and to/from 32/64-bit signed and unsigned
 * integers (AVX-512 for unsigned),
 * round-to-integral (SSE4.1 ROUNDSS/SD) and ordered/unordered compares.
 *
 * The soft side runs with the x86 SSE NaN rules, tininess after rounding and
 * FTZ raising inexact, as the Intel SDM (vol. 1, 11.5) describes; MXCSR's
 * six flags map one to one onto the float_flag_* bits.  Half of the
 * round-to-nearest vectors allow the host fast path, half force the soft
 * path, and a random half start with inexact already raised (the fast path of
 * fma needs it), so both paths meet the same reference.
 */
#include "fpu-test.h"

#include <math.h>

#define MXCSR_DEFAULT 0x1f80u   /* all exceptions masked, nearest, no FTZ/DAZ */
#define MXCSR_DAZ (1u << 6)
#define MXCSR_FTZ (1u << 15)

static const uint32_t mxcsr_default = MXCSR_DEFAULT;

static uint32_t mxcsr_rc(FloatRoundMode m)
{
    switch (m) {
    case float_round_down:
        return 1u << 13;
    case float_round_up:
        return 2u << 13;
    case float_round_to_zero:
        return 3u << 13;
    default:
        return 0;
    }
}

/* MXCSR flag bits 0..5: IE DE ZE OE UE PE. */
static uint32_t flags_of_mxcsr(uint32_t c)
{
    return (c & 1 ? float_flag_invalid : 0) | (c & 2 ? float_flag_input_denormal : 0) |
           (c & 4 ? float_flag_divbyzero : 0) | (c & 8 ? float_flag_overflow : 0) |
           (c & 16 ? float_flag_underflow : 0) | (c & 32 ? float_flag_inexact : 0);
}

static uint32_t mxcsr_of_flags(uint32_t f)
{
    return (f & float_flag_invalid ? 1 : 0) | (f & float_flag_input_denormal ? 2 : 0) |
           (f & float_flag_divbyzero ? 4 : 0) | (f & float_flag_overflow ? 8 : 0) |
           (f & float_flag_underflow ? 16 : 0) | (f & float_flag_inexact ? 32 : 0);
}

#define SSE_FLAGS_MASK (float_flag_invalid | float_flag_input_denormal | float_flag_divbyzero | \
                        float_flag_overflow | float_flag_underflow | float_flag_inexact)

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_CVT, OP_TO_I32, OP_TO_I64,
    OP_TO_I32_RZ, OP_TO_I64_RZ, OP_TO_U32, OP_TO_U64, OP_FROM_I32, OP_FROM_I64,
    OP_FROM_U32, OP_FROM_U64, OP_RINT, OP_RINT_X, OP_CMP, OP_UCMP, OP_FMS, OP_FNMA, OP_FNMS,
    OP__COUNT
} Op;

static const char *const op_names[] = {
    "add", "sub", "mul", "div", "sqrt", "fma", "cvt", "to_i32", "to_i64", "to_i32_rz",
    "to_i64_rz", "to_u32", "to_u64", "from_i32", "from_i64", "from_u32", "from_u64",
    "rint", "rint_exact", "cmp", "ucmp", "fms", "fnma", "fnms",
};

/* ---- the host side: one asm block sets MXCSR, runs the instruction, reads MXCSR back, restores it */

#define HOST_BIN(name, T, insn)                                                   \
    static T name(T x, T y, uint32_t csr, uint32_t *out)                          \
    {                                                                             \
        asm volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\tstmxcsr %[o]\n\t"   \
                     "ldmxcsr %[d]"                                               \
                     : [x] "+x"(x), [o] "=m"(*out)                                \
                     : [y] "x"(y), [c] "m"(csr), [d] "m"(mxcsr_default));         \
        return x;                                                                 \
    }
HOST_BIN(h_adds, float, "addss")
HOST_BIN(h_subs, float, "subss")
HOST_BIN(h_muls, float, "mulss")
HOST_BIN(h_divs, float, "divss")
HOST_BIN(h_addd, double, "addsd")
HOST_BIN(h_subd, double, "subsd")
HOST_BIN(h_muld, double, "mulsd")
HOST_BIN(h_divd, double, "divsd")

#define HOST_UN(name, TD, TS, insn)                                               \
    static TD name(TS y, uint32_t csr, uint32_t *out)                             \
    {                                                                             \
        TD x = 0;                                                                 \
        asm volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\tstmxcsr %[o]\n\t"   \
                     "ldmxcsr %[d]"                                               \
                     : [x] "+x"(x), [o] "=m"(*out)                                \
                     : [y] "x"(y), [c] "m"(csr), [d] "m"(mxcsr_default));         \
        return x;                                                                 \
    }
HOST_UN(h_sqrts, float, float, "sqrtss")
HOST_UN(h_rints, float, float, "roundss $12,")  /* MXCSR.RC, inexact suppressed */
HOST_UN(h_rintxs, float, float, "roundss $4,")   /* MXCSR.RC, inexact raised */
HOST_UN(h_cvtds, float, double, "cvtsd2ss")
HOST_UN(h_sqrtd, double, double, "sqrtsd")
HOST_UN(h_rintd, double, double, "roundsd $12,")
HOST_UN(h_rintxd, double, double, "roundsd $4,")
HOST_UN(h_cvtsd, double, float, "cvtss2sd")

#define HOST_FMA(name, T, insn)                                                   \
    static T name(T x, T y, T z, uint32_t csr, uint32_t *out)                     \
    {                                                                             \
        asm volatile("ldmxcsr %[c]\n\t" insn " %[z], %[y], %[x]\n\t"              \
                     "stmxcsr %[o]\n\tldmxcsr %[d]"                               \
                     : [x] "+x"(x), [o] "=m"(*out)                                \
                     : [y] "x"(y), [z] "x"(z), [c] "m"(csr), [d] "m"(mxcsr_default)); \
        return x;                                                                 \
    }
HOST_FMA(h_fmas, float, "vfmadd213ss")
HOST_FMA(h_fmad, double, "vfmadd213sd")
HOST_FMA(h_fmss, float, "vfmsub213ss")      /* b*a - c */
HOST_FMA(h_fmsd, double, "vfmsub213sd")
HOST_FMA(h_fnmas, float, "vfnmadd213ss")    /* -(b*a) + c */
HOST_FMA(h_fnmad, double, "vfnmadd213sd")
HOST_FMA(h_fnmss, float, "vfnmsub213ss")    /* -(b*a) - c */
HOST_FMA(h_fnmsd, double, "vfnmsub213sd")

#define HOST_TO_INT(name, T, IT, insn, reg)                                       \
    static IT name(T x, uint32_t csr, uint32_t *out)                              \
    {                                                                             \
        IT r;                                                                     \
        asm volatile("ldmxcsr %[c]\n\t" insn " %[x], %" reg "[r]\n\t"             \
                     "stmxcsr %[o]\n\tldmxcsr %[d]"                               \
                     : [r] "=r"(r), [o] "=m"(*out)                                \
                     : [x] "x"(x), [c] "m"(csr), [d] "m"(mxcsr_default));         \
        return r;                                                                 \
    }
HOST_TO_INT(h_s2i32, float, uint32_t, "cvtss2si", "k")
HOST_TO_INT(h_s2i64, float, uint64_t, "cvtss2si", "q")
HOST_TO_INT(h_s2i32z, float, uint32_t, "cvttss2si", "k")
HOST_TO_INT(h_s2i64z, float, uint64_t, "cvttss2si", "q")
HOST_TO_INT(h_s2u32, float, uint32_t, "vcvtss2usi", "k")
HOST_TO_INT(h_s2u64, float, uint64_t, "vcvtss2usi", "q")
HOST_TO_INT(h_d2i32, double, uint32_t, "cvtsd2si", "k")
HOST_TO_INT(h_d2i64, double, uint64_t, "cvtsd2si", "q")
HOST_TO_INT(h_d2i32z, double, uint32_t, "cvttsd2si", "k")
HOST_TO_INT(h_d2i64z, double, uint64_t, "cvttsd2si", "q")
HOST_TO_INT(h_d2u32, double, uint32_t, "vcvtsd2usi", "k")
HOST_TO_INT(h_d2u64, double, uint64_t, "vcvtsd2usi", "q")

#define HOST_FROM_INT(name, T, IT, insn, reg)                                     \
    static T name(IT i, uint32_t csr, uint32_t *out)                              \
    {                                                                             \
        T x = 0;                                                                  \
        asm volatile("ldmxcsr %[c]\n\t" insn " %" reg "[i], %[x], %[x]\n\t"       \
                     "stmxcsr %[o]\n\tldmxcsr %[d]"                               \
                     : [x] "+x"(x), [o] "=m"(*out)                                \
                     : [i] "r"(i), [c] "m"(csr), [d] "m"(mxcsr_default));         \
        return x;                                                                 \
    }
HOST_FROM_INT(h_i32s, float, uint32_t, "vcvtsi2ssl", "k")
HOST_FROM_INT(h_i64s, float, uint64_t, "vcvtsi2ssq", "q")
HOST_FROM_INT(h_u32s, float, uint32_t, "vcvtusi2ssl", "k")
HOST_FROM_INT(h_u64s, float, uint64_t, "vcvtusi2ssq", "q")
HOST_FROM_INT(h_i32d, double, uint32_t, "vcvtsi2sdl", "k")
HOST_FROM_INT(h_i64d, double, uint64_t, "vcvtsi2sdq", "q")
HOST_FROM_INT(h_u32d, double, uint32_t, "vcvtusi2sdl", "k")
HOST_FROM_INT(h_u64d, double, uint64_t, "vcvtusi2sdq", "q")

/* COMISS/UCOMISS: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal. */
#define HOST_CMP(name, T, insn)                                                   \
    static FloatRelation name(T x, T y, uint32_t csr, uint32_t *out)              \
    {                                                                             \
        bool z, p, c;                                                             \
        asm volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\t"                    \
                     "stmxcsr %[o]\n\tldmxcsr %[d]"                               \
                     : "=@ccz"(z), "=@ccp"(p), "=@ccc"(c), [o] "=m"(*out)         \
                     : [x] "x"(x), [y] "x"(y), [c] "m"(csr), [d] "m"(mxcsr_default)); \
        return p ? float_relation_unordered : z ? float_relation_equal :          \
               c ? float_relation_less : float_relation_greater;                  \
    }
HOST_CMP(h_comis, float, "comiss")
HOST_CMP(h_ucomis, float, "ucomiss")
HOST_CMP(h_comid, double, "comisd")
HOST_CMP(h_ucomid, double, "ucomisd")

static inline float asf(uint64_t v) { uint32_t u = v; float f; memcpy(&f, &u, 4); return f; }
static inline double asd(uint64_t v) { double f; memcpy(&f, &v, 8); return f; }
static inline uint64_t bf(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t bd(double f) { uint64_t u; memcpy(&u, &f, 8); return u; }

/* Host result of op on width w (32/64); *csr_io is MXCSR before and after. */
static uint64_t host_op(int w, Op op, uint64_t a, uint64_t b, uint64_t c, uint32_t *csr_io)
{
    uint32_t in = *csr_io, *o = csr_io;
    if (w == 32) {
        float x = asf(a), y = asf(b);
        switch (op) {
        case OP_ADD: return bf(h_adds(x, y, in, o));
        case OP_SUB: return bf(h_subs(x, y, in, o));
        case OP_MUL: return bf(h_muls(x, y, in, o));
        case OP_DIV: return bf(h_divs(x, y, in, o));
        case OP_SQRT: return bf(h_sqrts(x, in, o));
        case OP_FMA: return bf(h_fmas(x, y, asf(c), in, o));
        case OP_FMS: return bf(h_fmss(x, y, asf(c), in, o));
        case OP_FNMA: return bf(h_fnmas(x, y, asf(c), in, o));
        case OP_FNMS: return bf(h_fnmss(x, y, asf(c), in, o));
        case OP_CVT: return bd(h_cvtsd(x, in, o));
        case OP_TO_I32: return h_s2i32(x, in, o);
        case OP_TO_I64: return h_s2i64(x, in, o);
        case OP_TO_I32_RZ: return h_s2i32z(x, in, o);
        case OP_TO_I64_RZ: return h_s2i64z(x, in, o);
        case OP_TO_U32: return h_s2u32(x, in, o);
        case OP_TO_U64: return h_s2u64(x, in, o);
        case OP_FROM_I32: return bf(h_i32s(a, in, o));
        case OP_FROM_I64: return bf(h_i64s(a, in, o));
        case OP_FROM_U32: return bf(h_u32s(a, in, o));
        case OP_FROM_U64: return bf(h_u64s(a, in, o));
        case OP_RINT: return bf(h_rints(x, in, o));
        case OP_RINT_X: return bf(h_rintxs(x, in, o));
        case OP_CMP: return (uint64_t)h_comis(x, y, in, o);
        case OP_UCMP: return (uint64_t)h_ucomis(x, y, in, o);
        default: g_assert_not_reached();
        }
    }
    double x = asd(a), y = asd(b);
    switch (op) {
    case OP_ADD: return bd(h_addd(x, y, in, o));
    case OP_SUB: return bd(h_subd(x, y, in, o));
    case OP_MUL: return bd(h_muld(x, y, in, o));
    case OP_DIV: return bd(h_divd(x, y, in, o));
    case OP_SQRT: return bd(h_sqrtd(x, in, o));
    case OP_FMA: return bd(h_fmad(x, y, asd(c), in, o));
    case OP_FMS: return bd(h_fmsd(x, y, asd(c), in, o));
    case OP_FNMA: return bd(h_fnmad(x, y, asd(c), in, o));
    case OP_FNMS: return bd(h_fnmsd(x, y, asd(c), in, o));
    case OP_CVT: return bf(h_cvtds(x, in, o));
    case OP_TO_I32: return h_d2i32(x, in, o);
    case OP_TO_I64: return h_d2i64(x, in, o);
    case OP_TO_I32_RZ: return h_d2i32z(x, in, o);
    case OP_TO_I64_RZ: return h_d2i64z(x, in, o);
    case OP_TO_U32: return h_d2u32(x, in, o);
    case OP_TO_U64: return h_d2u64(x, in, o);
    case OP_FROM_I32: return bd(h_i32d(a, in, o));
    case OP_FROM_I64: return bd(h_i64d(a, in, o));
    case OP_FROM_U32: return bd(h_u32d(a, in, o));
    case OP_FROM_U64: return bd(h_u64d(a, in, o));
    case OP_RINT: return bd(h_rintd(x, in, o));
    case OP_RINT_X: return bd(h_rintxd(x, in, o));
    case OP_CMP: return (uint64_t)h_comid(x, y, in, o);
    case OP_UCMP: return (uint64_t)h_ucomid(x, y, in, o);
    default: g_assert_not_reached();
    }
}

static uint64_t soft_op(int w, Op op, uint64_t a, uint64_t b, uint64_t c, FloatStatus *s)
{
    if (w == 32) {
        switch (op) {
        case OP_ADD: return float32_add(a, b, s);
        case OP_SUB: return float32_sub(a, b, s);
        case OP_MUL: return float32_mul(a, b, s);
        case OP_DIV: return float32_div(a, b, s);
        case OP_SQRT: return float32_sqrt(a, s);
        case OP_FMA: return float32_muladd(b, a, c, 0, s);   /* vfmadd213: b*a + c */
        case OP_FMS: return float32_muladd(b, a, c, float_muladd_negate_c, s);
        case OP_FNMA: return float32_muladd(b, a, c, float_muladd_negate_product, s);
        case OP_FNMS:
            return float32_muladd(b, a, c, float_muladd_negate_product | float_muladd_negate_c, s);
        case OP_CVT: return float32_to_float64(a, s);
        case OP_TO_I32: return (uint32_t)float32_to_int32(a, s);
        case OP_TO_I64: return float32_to_int64(a, s);
        case OP_TO_I32_RZ: return (uint32_t)float32_to_int32_round_to_zero(a, s);
        case OP_TO_I64_RZ: return float32_to_int64_round_to_zero(a, s);
        case OP_TO_U32: return float32_to_uint32(a, s);
        case OP_TO_U64: return float32_to_uint64(a, s);
        case OP_FROM_I32: return int32_to_float32(a, s);
        case OP_FROM_I64: return int64_to_float32(a, s);
        case OP_FROM_U32: return uint32_to_float32(a, s);
        case OP_FROM_U64: return uint64_to_float32(a, s);
        case OP_RINT: return float32_round_to_int(a, s);
        case OP_RINT_X: return float32_round_to_int_exact(a, s);
        case OP_CMP: return (uint64_t)float32_compare(a, b, s);
        case OP_UCMP: return (uint64_t)float32_compare_quiet(a, b, s);
        default: g_assert_not_reached();
        }
    }
    switch (op) {
    case OP_ADD: return float64_add(a, b, s);
    case OP_SUB: return float64_sub(a, b, s);
    case OP_MUL: return float64_mul(a, b, s);
    case OP_DIV: return float64_div(a, b, s);
    case OP_SQRT: return float64_sqrt(a, s);
    case OP_FMA: return float64_muladd(b, a, c, 0, s);
    case OP_FMS: return float64_muladd(b, a, c, float_muladd_negate_c, s);
    case OP_FNMA: return float64_muladd(b, a, c, float_muladd_negate_product, s);
    case OP_FNMS:
        return float64_muladd(b, a, c, float_muladd_negate_product | float_muladd_negate_c, s);
    case OP_CVT: return float64_to_float32(a, s);
    case OP_TO_I32: return (uint32_t)float64_to_int32(a, s);
    case OP_TO_I64: return float64_to_int64(a, s);
    case OP_TO_I32_RZ: return (uint32_t)float64_to_int32_round_to_zero(a, s);
    case OP_TO_I64_RZ: return float64_to_int64_round_to_zero(a, s);
    case OP_TO_U32: return float64_to_uint32(a, s);
    case OP_TO_U64: return float64_to_uint64(a, s);
    case OP_FROM_I32: return int32_to_float64(a, s);
    case OP_FROM_I64: return int64_to_float64(a, s);
    case OP_FROM_U32: return uint32_to_float64(a, s);
    case OP_FROM_U64: return uint64_to_float64(a, s);
    case OP_RINT: return float64_round_to_int(a, s);
    case OP_RINT_X: return float64_round_to_int_exact(a, s);
    case OP_CMP: return (uint64_t)float64_compare(a, b, s);
    case OP_UCMP: return (uint64_t)float64_compare_quiet(a, b, s);
    default: g_assert_not_reached();
    }
}

static int exp_of(int w, uint64_t v)
{
    return w == 32 ? (v >> 23) & 0xff : (v >> 52) & 0x7ff;
}

static uint64_t gen_w(int w, int near)
{
    return w == 32 ? gen32(near) : gen64(near);
}

/* Integer operands: all widths, extremes, and values next to powers of two. */
static uint64_t gen_int(void)
{
    uint64_t v = rnd64();
    switch (rnd_range(0, 4)) {
    case 0:
        return v >> rnd_range(0, 64);
    case 1:
        return ((uint64_t)1 << rnd_range(0, 64)) + rnd_range(-2, 3);
    case 2:
        return -(v >> rnd_range(0, 64));
    default:
        return v;
    }
}

static void run(int w, Op op)
{
    char what[64];
    snprintf(what, sizeof(what), "binary%d %s", w, op_names[op]);
    FpuTally t = { .what = what };
    static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_to_zero,
                                            float_round_down, float_round_up };
    bool int_in = op >= OP_FROM_I32 && op <= OP_FROM_U64;
    int bias = w == 32 ? 127 : 1023;

    for (long i = 0; i < fpu_test_vectors; i++) {
        uint64_t a, b = 0, c = 0;
        if (int_in) {
            a = gen_int();
            if (op == OP_FROM_I32 || op == OP_FROM_U32) {
                a = (uint32_t)a;
            }
        } else {
            a = gen_w(w, bias + rnd_range(-40, 41));
            b = gen_w(w, exp_of(w, a));
            c = gen_w(w, exp_of(w, a) + exp_of(w, b) - bias);
            if (op >= OP_TO_I32 && op <= OP_TO_U64 && rnd_range(0, 2)) {
                /* Steer towards the integer range limits. */
                a = gen_w(w, bias + rnd_range(0, 66));
            }
        }
        FloatRoundMode m = modes[rnd_range(0, 4)];
        bool ftz = rnd_range(0, 8) == 0, daz = rnd_range(0, 8) == 0;
        uint32_t pre = rnd_range(0, 2) ? float_flag_inexact : 0;

        uint32_t csr = MXCSR_DEFAULT | mxcsr_rc(m) | (ftz ? MXCSR_FTZ : 0) |
                       (daz ? MXCSR_DAZ : 0) | mxcsr_of_flags(pre);
        uint64_t hr = host_op(w, op, a, b, c, &csr);
        uint32_t hf = flags_of_mxcsr(csr);

        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x86_sse);
        s.rounding_mode = m;
        s.flush_to_zero = ftz;
        s.flush_inputs_to_zero = daz;
        s.flush_sets_inexact = true;
        s.use_host_fpu = rnd_range(0, 2);
        s.flags = pre;
        uint64_t sr = soft_op(w, op, a, b, c, &s);
        uint32_t sf = s.flags & SSE_FLAGS_MASK;
        if (op == OP_RINT || op == OP_RINT_X) {
            /*
             * ROUNDSS/SD never report DE (x87 FRNDINT does); softfloat reports
             * the subnormal operand and the x86 front end drops it here.
             */
            sf &= ~float_flag_input_denormal;
        }

        t.checked++;
        if (sr != hr || sf != hf) {
            char f1[16], f2[16];
            flags_str(sf, f1);
            flags_str(hf, f2);
            tally_fail(&t, "a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64 " %s%s%s%s: "
                       "soft %#" PRIx64 " %s, host %#" PRIx64 " %s",
                       a, b, c, round_names[m], ftz ? " ftz" : "", daz ? " daz" : "",
                       s.use_host_fpu ? " fast" : "", sr, f1, hr, f2);
        }
    }
    tally_end(&t);
}

static void test_op(gconstpointer data)
{
    uintptr_t v = (uintptr_t)data;
    run(v >> 8, (Op)(v & 0xff));
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    for (int w = 32; w <= 64; w += 32) {
        for (int op = 0; op < OP__COUNT; op++) {
            char *path = g_strdup_printf("/fpu/sse/binary%d/%s", w, op_names[op]);
            g_test_add_data_func(path, (gconstpointer)(uintptr_t)((w << 8) | op), test_op);
            g_free(path);
        }
    }
    return g_test_run();
}
