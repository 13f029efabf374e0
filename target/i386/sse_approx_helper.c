/*
 * sse_approx_helper.c — RCPPS/RCPSS and RSQRTPS/RSQRTSS (SDM vol. 2B),
 * also the lanes of VRCPPS/VRSQRTPS (VEX.128/256) and VRCPSS/VRSQRTSS.
 *
 * The manual specifies only a bound, |relative error| <= 1.5 * 2^-12, and
 * each vendor's table gives other bits.  Here a lane is the exact value
 * rounded once to binary32 (1/x and 1/sqrt(x) computed in binary64 by
 * fpu/ with round-to-nearest, then rounded to binary32): deterministic on
 * every host, independent of MXCSR, and far inside the bound.
 * The special cases are the manual's (and what Intel and AMD parts do):
 *   - a zero or denormal input reads as a signed zero: the result is
 *     infinity with the input's sign (no DAZ needed);
 *   - RCP of +-inf is +-0; a reciprocal below 2^-126 is flushed to a signed
 *     zero, which happens for every |x| >= 2^126 (the hardware's
 *     approximation of 1/2^126 lies below 2^-126 as well);
 *   - RSQRT of +inf is +0, of a negative non-zero input (-inf included) the
 *     default QNaN 0xffc00000;
 *   - a NaN is returned quieted (a signalling NaN gets its quiet bit).
 * No MXCSR flag is ever set, and no exception is raised.
 */
#include "cpu.h"

#include <string.h>

#include "fpu/softfloat.h"
#include "sse_approx.h"

#define F32_SIGN 0x80000000u
#define F32_EXP 0x7f800000u
#define F32_QUIET 0x00400000u
#define F32_DEFAULT_NAN 0xffc00000u
#define F32_INF 0x7f800000u
#define F32_EXP_2_126 (253u << 23)          /* the biased exponent field of 2^126 */

static bool f32_is_nan(uint32_t x)
{
    return (x & F32_EXP) == F32_EXP && (x & ~(F32_SIGN | F32_EXP));
}

/* a private status: round to nearest, no flushing, flags thrown away */
static void approx_status(FloatStatus *st)
{
    float_status_init(st, &float_nan_rules_x86_sse);
}

uint32_t i386_approx_rcp32(uint32_t x)
{
    uint32_t sign = x & F32_SIGN, mag = x & ~F32_SIGN;
    if (f32_is_nan(x)) {
        return x | F32_QUIET;
    }
    if ((mag & F32_EXP) == 0) {
        return sign | F32_INF;               /* zero or denormal */
    }
    if (mag >= F32_EXP_2_126) {
        return sign;                         /* infinity, or a reciprocal below 2^-126 */
    }
    FloatStatus st;
    approx_status(&st);
    float64 one = 0x3ff0000000000000ull;
    float64 r = float64_div(one, float32_to_float64(mag, &st), &st);
    return sign | float64_to_float32(r, &st);
}

uint32_t i386_approx_rsqrt32(uint32_t x)
{
    uint32_t sign = x & F32_SIGN, mag = x & ~F32_SIGN;
    if (f32_is_nan(x)) {
        return x | F32_QUIET;
    }
    if ((mag & F32_EXP) == 0) {
        return sign | F32_INF;               /* +-0 or a denormal: +-inf */
    }
    if (sign) {
        return F32_DEFAULT_NAN;
    }
    if (mag == F32_INF) {
        return 0;
    }
    FloatStatus st;
    approx_status(&st);
    float64 one = 0x3ff0000000000000ull;
    float64 r = float64_div(one, float64_sqrt(float32_to_float64(mag, &st), &st), &st);
    return float64_to_float32(r, &st);
}

/* the helpers: r built from d so that d == s works, only the low 128 bits written */
#define APPROX_OP(op, lanes, fn)                                                        \
    static void approx_##op(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm) \
    {                                                                                     \
        X86Reg r;                                                                         \
        memcpy(&r, d, 16);                                                                \
        for (int i = 0; i < (lanes); i++) {                                               \
            r.l[i] = fn(s->l[i]);                                                         \
        }                                                                                 \
        memcpy(d, &r, 16);                                                                \
    }                                                                                     \
    const TCGHelperInfo i386_sse_##op = {                                              \
        .func = (void *)approx_##op, .name = "sse_" #op, .flags = TCG_CALL_NO_RWG,    \
        .ret = TCG_CALL_TYPE_VOID, .nargs = 4,                                            \
        .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR,                \
                  TCG_CALL_TYPE_I32 },                                                    \
    };

APPROX_OP(rcpps, 4, i386_approx_rcp32)
APPROX_OP(rcpss, 1, i386_approx_rcp32)
APPROX_OP(rsqrtps, 4, i386_approx_rsqrt32)
APPROX_OP(rsqrtss, 1, i386_approx_rsqrt32)
