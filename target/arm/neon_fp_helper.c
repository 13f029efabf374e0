/*
 * neon_fp_helper.c — Advanced SIMD single-precision arithmetic (ARMv7-A ARM
 * A7.4.1 float rows, the float rows of A7.4.3-A7.4.5): every operation on
 * the "standard FPSCR value" (flush to zero, default NaN, round to
 * nearest: env->vfp.standard_fp_status, whose flags join FPSCR's), through
 * fpu/ softfloat.  Also the reciprocal and reciprocal-square-root
 * estimates, whose tables are the manual's RecipEstimate and
 * RecipSqrtEstimate functions evaluated exactly in integers.
 */
#include "neon-elem.h"

enum { F_ADD, F_SUB, F_PADD, F_ABD, F_MLA, F_MLS, F_MUL, F_CEQ, F_CGE, F_CGT, F_ACGE, F_ACGT,
       F_MAX, F_MIN, F_PMAX, F_PMIN, F_RECPS, F_RSQRTS, F_FMA, F_FMS };

static bool fnan(uint32_t x) { return (x & 0x7f800000) == 0x7f800000 && (x & 0x7fffff); }
static bool finf(uint32_t x) { return (x & 0x7fffffff) == 0x7f800000; }

/* FPUnpack's flush (FZ is always on here): a denormal reads as a zero of its sign */
static uint32_t flush(uint32_t x, FloatStatus *s)
{
    if (!(x & 0x7f800000) && (x & 0x7fffff)) {
        s->flags |= float_flag_input_flushed;
        return x & 0x80000000u;
    }
    return x;
}

/* FPMax/FPMin: a NaN gives the default NaN (IOC for a signalling one); +0 > -0 */
static uint32_t fmaxmin(uint32_t a, uint32_t b, bool max, FloatStatus *s)
{
    a = flush(a, s);
    b = flush(b, s);
    if (fnan(a) || fnan(b)) {
        return float32_add(a, b, s);           /* NaN processing and default NaN */
    }
    if (!((a | b) & 0x7fffffff)) {
        return max ? a & b : a | b;            /* zeros of either sign */
    }
    bool lt = float32_lt(a, b, s);
    return max ? (lt ? b : a) : (lt ? a : b);
}

static uint32_t fcmp(uint32_t a, uint32_t b, int op, FloatStatus *s)
{
    if (op == F_ACGE || op == F_ACGT) {
        a = flush(a, s) & 0x7fffffff;
        b = flush(b, s) & 0x7fffffff;
        if (fnan(a) || fnan(b)) {
            s->flags |= float_flag_invalid;
            return 0;
        }
    }
    FloatRelation r = op == F_CEQ ? float32_compare_quiet(a, b, s) : float32_compare(a, b, s);
    switch (op) {
    case F_CEQ: return r == float_relation_equal ? ~0u : 0;
    case F_CGE: case F_ACGE: return r == float_relation_equal || r == float_relation_greater ? ~0u : 0;
    default: return r == float_relation_greater ? ~0u : 0;
    }
}

/* VRECPS: 2 - a * b; VRSQRTS: (3 - a * b) / 2; infinity times zero gives 2 or 1.5 */
static uint32_t fstep(uint32_t a, uint32_t b, bool rsqrt, FloatStatus *s)
{
    a = flush(a, s);
    b = flush(b, s);
    if (!fnan(a) && !fnan(b) &&
        ((finf(a) && !(b & 0x7fffffff)) || (finf(b) && !(a & 0x7fffffff)))) {
        return rsqrt ? 0x3fc00000u : 0x40000000u;
    }
    uint32_t p = float32_mul(a, b, s);
    if (rsqrt) {
        return float32_div(float32_sub(0x40400000u, p, s), 0x40000000u, s);
    }
    return float32_sub(0x40000000u, p, s);
}

static uint32_t felem(CPUARMState *env, unsigned op, uint32_t a, uint32_t b, uint32_t d)
{
    FloatStatus *s = &env->vfp.standard_fp_status;
    switch (op) {
    case F_ADD: case F_PADD: return float32_add(a, b, s);
    case F_SUB: return float32_sub(a, b, s);
    case F_ABD: return float32_sub(a, b, s) & 0x7fffffffu;
    case F_MLA: return float32_add(d, float32_mul(a, b, s), s);
    case F_MLS: return float32_sub(d, float32_mul(a, b, s), s);
    case F_MUL: return float32_mul(a, b, s);
    case F_CEQ: case F_CGE: case F_CGT: case F_ACGE: case F_ACGT: return fcmp(a, b, op, s);
    case F_MAX: case F_PMAX: return fmaxmin(a, b, true, s);
    case F_MIN: case F_PMIN: return fmaxmin(a, b, false, s);
    case F_RECPS: return fstep(a, b, false, s);
    case F_RSQRTS: return fstep(a, b, true, s);
    case F_FMA: return float32_muladd(a, b, d, 0, s);
    default: return float32_muladd(a ^ 0x80000000u, b, d, 0, s);   /* F_FMS */
    }
}

/*
 * The float "same length" operations (op as above, from opc/o/u/size in
 * translate-neon.c) and the by-scalar VMLA/VMLS/VMUL (scalar != NULL: the
 * duplicated scalar replaces Vm; op 1 VMLA, 5 VMLS, 9 VMUL).
 */
void arm_neon_3float(CPUARMState *env, unsigned op, unsigned q, unsigned rd, unsigned rn,
                     unsigned rm, const uint64_t *scalar)
{
    unsigned nr = q ? 2 : 1;
    uint64_t vn[2], vm[2], vd[2];
    if (scalar) {
        op = op == 1 ? F_MLA : op == 5 ? F_MLS : F_MUL;
        vm[0] = scalar[0];
        vm[1] = scalar[1];
    } else {
        ne_load(env, vm, rm, nr);
    }
    ne_load(env, vn, rn, nr);
    ne_load(env, vd, rd, nr);
    if (op == F_PADD || op == F_PMAX || op == F_PMIN) {
        /* pairwise, D only: the low result from n's pair, the high from m's */
        uint64_t r = 0;
        ne_set(&r, 0, 32, felem(env, op, (uint32_t)vn[0], (uint32_t)(vn[0] >> 32), 0));
        ne_set(&r, 1, 32, felem(env, op, (uint32_t)vm[0], (uint32_t)(vm[0] >> 32), 0));
        env->vfp.d[rd] = r;
        return;
    }
    for (unsigned i = 0; i < nr * 2; i++) {
        ne_set(vd, i, 32, felem(env, op, (uint32_t)ne_get(vn, i, 32), (uint32_t)ne_get(vm, i, 32),
                                (uint32_t)ne_get(vd, i, 32)));
    }
    ne_store(env, vd, rd, nr);
}

/* RecipEstimate(a), a = q / 512 in [0.5, 1): the result * 256 (A2.7.10), exactly */
static uint32_t recip_est(uint32_t q)
{
    /* r = 1 / ((q + 0.5) / 512) = 1024 / (2q + 1); s = floor(256 r + 0.5) */
    return (uint32_t)((2 * 256 * 1024 / (2 * q + 1) + 1) / 2);
}

/* RecipSqrtEstimate: q = a * 512 for a in [0.25, 0.5) (low), a * 256 in [0.5, 1): both 128-255 */
static uint32_t rsqrt_est(uint32_t q, bool low)
{
    /* m = (q + 0.5) / 512 or / 256: find the largest s with (s - 0.5)^2 * m <= 65536 */
    uint64_t den = low ? 1024 : 512;   /* m = (2q + 1) / den */
    uint32_t s = 256;
    while ((uint64_t)(2 * s + 1) * (2 * s + 1) * (2 * q + 1) <= 4 * 65536 * den) {
        s++;
    }
    while ((uint64_t)(2 * s - 1) * (2 * s - 1) * (2 * q + 1) > 4 * 65536 * den) {
        s--;
    }
    return s;
}

uint32_t arm_neon_recpe_u32(uint32_t x)
{
    if (!(x >> 31)) {
        return 0xffffffffu;
    }
    return 0x80000000u | (recip_est(x >> 23) - 256) << 23;
}

uint32_t arm_neon_rsqrte_u32(uint32_t x)
{
    if (!(x >> 30)) {
        return 0xffffffffu;
    }
    uint32_t s = x >> 31 ? rsqrt_est(x >> 24, false) : rsqrt_est(x >> 23, true);
    return 0x80000000u | (s - 256) << 23;
}

static uint32_t recpe_f32(uint32_t x, FloatStatus *s)
{
    x = flush(x, s);
    uint32_t sign = x & 0x80000000u, exp = (x >> 23) & 0xff;
    if (fnan(x)) {
        return float32_add(x, x, s);                   /* NaN processing: default NaN */
    }
    if (finf(x)) {
        return sign;
    }
    if (!(x & 0x7fffffff)) {
        s->flags |= float_flag_divbyzero;
        return sign | 0x7f800000u;
    }
    if (exp >= 253) {
        s->flags |= float_flag_underflow;
        return sign;
    }
    uint32_t est = recip_est(256 | (x >> 15 & 0xff));
    return sign | (253 - exp) << 23 | (est - 256) << 15;
}

static uint32_t rsqrte_f32(uint32_t x, FloatStatus *s)
{
    x = flush(x, s);
    uint32_t exp = (x >> 23) & 0xff;
    if (fnan(x)) {
        return float32_add(x, x, s);
    }
    if (!(x & 0x7fffffff)) {
        s->flags |= float_flag_divbyzero;
        return (x & 0x80000000u) | 0x7f800000u;
    }
    if (x >> 31) {
        s->flags |= float_flag_invalid;
        return 0x7fc00000u;
    }
    if (finf(x)) {
        return 0;
    }
    /* exponent even: the fraction scaled to [0.5, 1), odd: to [0.25, 0.5) */
    uint32_t est = rsqrt_est(128 | (x >> 16 & 0x7f), exp & 1);
    return ((380 - exp) / 2) << 23 | (est - 256) << 15;
}

/* ops 0-4: compare with zero (GT GE EQ LE LT), 6 VABS, 7 VNEG; 10 VRECPE, 11 VRSQRTE, 12-15 VCVT */
uint32_t arm_neon_fp_2misc(CPUARMState *env, unsigned op, uint32_t x)
{
    FloatStatus *s = &env->vfp.standard_fp_status;
    switch (op) {
    case 0: return fcmp(x, 0, F_CGT, s);
    case 1: return fcmp(x, 0, F_CGE, s);
    case 2: return fcmp(x, 0, F_CEQ, s);
    case 3: return fcmp(0, x, F_CGE, s);
    case 4: return fcmp(0, x, F_CGT, s);
    case 6: return x & 0x7fffffffu;
    case 7: return x ^ 0x80000000u;
    case 10: return recpe_f32(x, s);
    case 11: return rsqrte_f32(x, s);
    case 12: return int32_to_float32((int32_t)x, s);
    case 13: return uint32_to_float32(x, s);
    case 14: return (uint32_t)float32_to_int32_round_to_zero(x, s);
    default: return float32_to_uint32_round_to_zero(x, s);
    }
}

/* VCVT between F32 and 32-bit fixed point with fbits fraction bits (to fixed: towards zero) */
uint32_t arm_neon_fixed(CPUARMState *env, bool to_fixed, bool uns, int fbits, uint32_t x)
{
    FloatStatus *s = &env->vfp.standard_fp_status;
    if (!to_fixed) {
        /* the integer is converted with one rounding, the scaling is exact in range */
        float64 d = uns ? uint32_to_float64(x, s) : int32_to_float64((int32_t)x, s);
        return float64_to_float32(float64_scalbn(d, -fbits, s), s);
    }
    FloatStatus t = *s;
    t.flags = 0;
    int64_t r = float32_to_int64_round_to_zero(float32_scalbn(x, fbits, &t), &t);
    int64_t hi = uns ? 0xffffffffll : 0x7fffffffll, lo = uns ? 0 : -0x80000000ll;
    if ((t.flags & float_flag_invalid) || r > hi || r < lo) {
        s->flags |= float_flag_invalid | (t.flags & float_flag_input_flushed);
        return fnan(x) ? 0 : (uint32_t)(r > hi ? hi : r < lo ? lo : r);
    }
    s->flags |= t.flags & (float_flag_inexact | float_flag_input_flushed);
    return (uint32_t)r;
}

/* half precision: inputs (F32) flushed, half results and inputs never (FPRound with N = 16) */
uint32_t arm_neon_f32_to_f16(CPUARMState *env, uint32_t x)
{
    FloatStatus *s = &env->vfp.standard_fp_status;
    bool ftz = s->flush_to_zero;
    s->flush_to_zero = false;
    uint32_t r = float32_to_float16(x, s);
    s->flush_to_zero = ftz;
    return r;
}

uint32_t arm_neon_f16_to_f32(CPUARMState *env, uint32_t x)
{
    FloatStatus *s = &env->vfp.standard_fp_status;
    bool fiz = s->flush_inputs_to_zero;
    s->flush_inputs_to_zero = false;
    uint32_t r = float16_to_float32((float16)x, s);
    s->flush_inputs_to_zero = fiz;
    return r;
}
