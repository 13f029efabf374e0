/*
 * softfloat-fast.h — the host fast path for binary32/binary64 add, sub, mul,
 * div, sqrt and fused multiply-add, inline so that a per-instruction helper
 * pays neither a call nor a stack frame when the host decides the result.
 *
 * Each returns true with *r and s->flags updated when the host decided the
 * operation, false when the caller must call the full operation
 * (float64_mul ...).  Why the host result is then the soft result, bit for
 * bit:
 *
 *  1. Conditions checked before using the host: the guest rounds to nearest
 *     even (the host's default mode, which emu never changes), and every
 *     operand is a normal number or zero (no NaN: NaN rules are the target's;
 *     no infinity; no subnormal, so flush/denormals-are-zero settings and the
 *     x86 denormal-operand flag cannot matter).  The divisor of div is non-zero
 *     and the sqrt operand positive, so invalid and divide-by-zero cannot occur.
 *  2. IEEE 754 makes the host's result the correctly rounded value, which is
 *     what the soft path computes.  The only open question is the flags.
 *  3. Conditions checked on the result: it is finite (no overflow) and
 *     |r| >= 2^(emin + p + 1) (2^-102 for binary32, 2^-968 for binary64), far
 *     above the subnormal range, so underflow, tininess and flushing cannot
 *     apply.  Otherwise the soft path redoes the operation.
 *  4. Inexact is then the only flag left, and it is decided exactly with the
 *     classic error-free transformations (Knuth's TwoSum for add/sub; the
 *     residual fma(a, b, -r) for mul, a - r*b for div, a - r*r for sqrt).  Each
 *     residual is exactly representable, and so computed exactly by one fused
 *     multiply-add, when it lies on a grid no finer than the smallest
 *     subnormal.  The grid of a*b - r is ulp(a)*ulp(b) >= 2^(ea+eb-2p+2); with
 *     |r| >= 2^(emin+p+1) we have ea + eb >= emin + p - 1, so the grid is at
 *     least 2^(emin-p+1), the smallest subnormal.  The same bound on the
 *     dividend (div) and the radicand (sqrt) gives the same for their
 *     residuals.  The result was inexact iff the residual is non-zero.
 *  5. Fused multiply-add has no cheap exact residual, so it only takes the
 *     fast path when inexact is already raised (flags are sticky: setting it
 *     again changes nothing).
 *  6. For the same reason the other operations skip the residual of 4. when
 *     inexact is already raised: in a long computation that is nearly always.
 *     The residuals are out of line (fpu/fast.c, compiled with
 *     -ffp-contract=off so that the compiler cannot fuse them differently);
 *     the inline part contains no multiply feeding an add, so contraction
 *     cannot change it wherever it is compiled.
 *
 * tests/unit/fpu/test-fpu-fast.c drives both paths and checks them against
 * each other and the host.
 */
#ifndef FPU_SOFTFLOAT_FAST_H
#define FPU_SOFTFLOAT_FAST_H

#include <math.h>
#include <string.h>

/* The residual tests of 4.: true when the rounded result z was inexact (fpu/fast.c). */
bool float_fast_add32_inexact(float x, float y, float z);
bool float_fast_mul32_inexact(float x, float y, float z);
bool float_fast_div32_inexact(float x, float y, float z);
bool float_fast_sqrt32_inexact(float x, float z);
bool float_fast_add64_inexact(double x, double y, double z);
bool float_fast_mul64_inexact(double x, double y, double z);
bool float_fast_div64_inexact(double x, double y, double z);
bool float_fast_sqrt64_inexact(double x, double z);

#define FLOAT_FAST_ALWAYS static inline __attribute__((always_inline))

/* |x| >= 2^(emin + p + 1): binary32 2^-102, binary64 2^-968. */
#define FLOAT_FAST_SAFE32 0x1p-102f
#define FLOAT_FAST_SAFE64 0x1p-968

FLOAT_FAST_ALWAYS float float_fast_f32(float32 a) { float f; memcpy(&f, &a, 4); return f; }
FLOAT_FAST_ALWAYS float32 float_fast_b32(float f) { float32 a; memcpy(&a, &f, 4); return a; }
FLOAT_FAST_ALWAYS double float_fast_f64(float64 a) { double f; memcpy(&f, &a, 8); return f; }
FLOAT_FAST_ALWAYS float64 float_fast_b64(double f) { float64 a; memcpy(&a, &f, 8); return a; }

/*
 * Normal: the exponent field is neither 0 nor all ones; adding one to it
 * maps exactly those to 2..max (all ones carries out of the field).
 */
FLOAT_FAST_ALWAYS bool float_fast_normal32(float32 a)
{
    return (((a + (1u << 23)) >> 23) & 0xff) >= 2;
}

FLOAT_FAST_ALWAYS bool float_fast_normal64(float64 a)
{
    return (((a + (1ull << 52)) >> 52) & 0x7ff) >= 2;
}

FLOAT_FAST_ALWAYS bool float_fast_ok32(float32 a)
{
    return float_fast_normal32(a) || (uint32_t)(a << 1) == 0;
}

FLOAT_FAST_ALWAYS bool float_fast_ok64(float64 a)
{
    return float_fast_normal64(a) || (a << 1) == 0;
}

FLOAT_FAST_ALWAYS bool float_fast_usable(const FloatStatus *s)
{
    return s->use_host_fpu && s->rounding_mode == float_round_nearest_even;
}

/* The result may stand: finite and far from the subnormal range (3.). */
FLOAT_FAST_ALWAYS bool float_fast_safe32(float z)
{
    float m = fabsf(z);
    return m >= FLOAT_FAST_SAFE32 && m <= 0x1.fffffep127f;
}

FLOAT_FAST_ALWAYS bool float_fast_safe64(double z)
{
    double m = fabs(z);
    return m >= FLOAT_FAST_SAFE64 && m <= 0x1.fffffffffffffp1023;
}

#define FLOAT_FAST_IMPL(FT, T, N, CONV, BITS, SQRT, FMA)                              \
    FLOAT_FAST_ALWAYS bool FT##_fast_add(FT a, FT b, FT *r, FloatStatus *s)         \
    {                                                                               \
        if (!float_fast_usable(s) || !float_fast_ok##N(a) || !float_fast_ok##N(b)) { \
            return false;                                                           \
        }                                                                           \
        T x = CONV(a), y = CONV(b), z = x + y;                                      \
        if (!float_fast_safe##N(z)) {                                               \
            return false;                                                           \
        }                                                                           \
        if (__builtin_expect(!(s->flags & float_flag_inexact), 0) &&                \
            float_fast_add##N##_inexact(x, y, z)) {                                 \
            s->flags |= float_flag_inexact;                                         \
        }                                                                           \
        *r = BITS(z);                                                               \
        return true;                                                                \
    }                                                                               \
    FLOAT_FAST_ALWAYS bool FT##_fast_sub(FT a, FT b, FT *r, FloatStatus *s)         \
    {                                                                               \
        /* a - b is a + (-b) exactly, and -b is normal or zero when b is. */        \
        return FT##_fast_add(a, b ^ ((FT)1 << (sizeof(FT) * 8 - 1)), r, s);         \
    }                                                                               \
    FLOAT_FAST_ALWAYS bool FT##_fast_mul(FT a, FT b, FT *r, FloatStatus *s)         \
    {                                                                               \
        if (!float_fast_usable(s) || !float_fast_ok##N(a) || !float_fast_ok##N(b)) { \
            return false;                                                           \
        }                                                                           \
        T x = CONV(a), y = CONV(b), z = x * y;                                      \
        if (!float_fast_safe##N(z)) {                                               \
            return false;                                                           \
        }                                                                           \
        if (__builtin_expect(!(s->flags & float_flag_inexact), 0) &&                \
            float_fast_mul##N##_inexact(x, y, z)) {                                 \
            s->flags |= float_flag_inexact;                                         \
        }                                                                           \
        *r = BITS(z);                                                               \
        return true;                                                                \
    }                                                                               \
    FLOAT_FAST_ALWAYS bool FT##_fast_div(FT a, FT b, FT *r, FloatStatus *s)         \
    {                                                                               \
        if (!float_fast_usable(s) || !float_fast_ok##N(a) || !float_fast_normal##N(b)) { \
            return false;                                                           \
        }                                                                           \
        T x = CONV(a), y = CONV(b), z = x / y;                                      \
        if (!float_fast_safe##N(z) || !float_fast_safe##N(x)) {                     \
            return false;                                                           \
        }                                                                           \
        if (__builtin_expect(!(s->flags & float_flag_inexact), 0) &&                \
            float_fast_div##N##_inexact(x, y, z)) {                                 \
            s->flags |= float_flag_inexact;                                         \
        }                                                                           \
        *r = BITS(z);                                                               \
        return true;                                                                \
    }                                                                               \
    FLOAT_FAST_ALWAYS bool FT##_fast_sqrt(FT a, FT *r, FloatStatus *s)              \
    {                                                                               \
        if (!float_fast_usable(s) || !float_fast_ok##N(a)) {                        \
            return false;                                                           \
        }                                                                           \
        T x = CONV(a);                                                              \
        if (!(x >= FLOAT_FAST_SAFE##N)) {                                           \
            return false;                                                           \
        }                                                                           \
        T z = SQRT(x);                                                              \
        if (__builtin_expect(!(s->flags & float_flag_inexact), 0) &&                \
            float_fast_sqrt##N##_inexact(x, z)) {                                   \
            s->flags |= float_flag_inexact;                                         \
        }                                                                           \
        *r = BITS(z);                                                               \
        return true;                                                                \
    }                                                                               \
    FLOAT_FAST_ALWAYS bool FT##_fast_muladd(FT a, FT b, FT c, int neg, FT *r,        \
                                            FloatStatus *s)                          \
    {                                                                               \
        if (!float_fast_usable(s) || !(s->flags & float_flag_inexact) || neg != 0 || \
            !float_fast_ok##N(a) || !float_fast_ok##N(b) || !float_fast_ok##N(c)) {  \
            return false;                                                           \
        }                                                                           \
        T z = FMA(CONV(a), CONV(b), CONV(c));                                       \
        if (!float_fast_safe##N(z)) {                                               \
            return false;                                                           \
        }                                                                           \
        *r = BITS(z);                                                               \
        return true;                                                                \
    }

FLOAT_FAST_IMPL(float32, float, 32, float_fast_f32, float_fast_b32, sqrtf, fmaf)
FLOAT_FAST_IMPL(float64, double, 64, float_fast_f64, float_fast_b64, sqrt, fma)
#undef FLOAT_FAST_IMPL

#endif
