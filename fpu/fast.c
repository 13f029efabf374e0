/*
 * fast.c — the host fast path for binary32/binary64 add, sub, mul, div, sqrt
 * and fused multiply-add.
 *
 * Why the host result is the soft result, bit for bit:
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
 *     inexact is already raised: in a long computation that is nearly always,
 *     and the residual (a libm fma call for mul, div and sqrt) was most of
 *     the fast path's cost.
 *
 * This file is compiled with -ffp-contract=off so the compiler cannot fuse
 * the residual computations itself.  tests/unit/fpu/test-fpu-fast.c drives
 * both paths and checks them against each other and the host.
 */
#include "fpu/softfloat.h"

#include <math.h>
#include <string.h>

/* |x| >= 2^(emin + p + 1): binary32 2^-102, binary64 2^-968. */
#define F32_SAFE 0x1p-102f
#define F64_SAFE 0x1p-968

static inline float f32(float32 a)
{
    float f;
    memcpy(&f, &a, 4);
    return f;
}

static inline float32 b32(float f)
{
    float32 a;
    memcpy(&a, &f, 4);
    return a;
}

static inline double f64(float64 a)
{
    double f;
    memcpy(&f, &a, 8);
    return f;
}

static inline float64 b64(double f)
{
    float64 a;
    memcpy(&a, &f, 8);
    return a;
}

/* Normal or zero: the exponent field is not all ones, and not all zeros unless the value is 0. */
static inline bool ok32(float32 a)
{
    uint32_t e = (a >> 23) & 0xff;
    return (e != 0 && e != 0xff) || (a << 1) == 0;
}

static inline bool ok64(float64 a)
{
    uint64_t e = (a >> 52) & 0x7ff;
    return (e != 0 && e != 0x7ff) || (a << 1) == 0;
}

static inline bool usable(const FloatStatus *s)
{
    return s->use_host_fpu && s->rounding_mode == float_round_nearest_even;
}

#define FAST_IMPL(FT, T, CONV, BITS, OK, SAFE, SQRT, FMA)                          \
    bool FT##_fast_add(FT a, FT b, FT *r, FloatStatus *s)                         \
    {                                                                             \
        if (!usable(s) || !OK(a) || !OK(b)) {                                     \
            return false;                                                         \
        }                                                                         \
        T x = CONV(a), y = CONV(b), z = x + y;                                    \
        if (!(fabs(z) >= SAFE) || isinf(z)) {                                     \
            return false;                                                         \
        }                                                                         \
        if (!(s->flags & float_flag_inexact)) {           /* see 6. above */      \
            T yy = z - x;                                 /* TwoSum */            \
            T err = (x - (z - yy)) + (y - yy);                                    \
            if (err != 0) {                                                       \
                s->flags |= float_flag_inexact;                                   \
            }                                                                     \
        }                                                                         \
        *r = BITS(z);                                                             \
        return true;                                                              \
    }                                                                             \
    bool FT##_fast_sub(FT a, FT b, FT *r, FloatStatus *s)                         \
    {                                                                             \
        /* a - b is a + (-b) exactly, and -b is normal or zero when b is. */      \
        return FT##_fast_add(a, b ^ ((FT)1 << (sizeof(FT) * 8 - 1)), r, s);       \
    }                                                                             \
    bool FT##_fast_mul(FT a, FT b, FT *r, FloatStatus *s)                         \
    {                                                                             \
        if (!usable(s) || !OK(a) || !OK(b)) {                                     \
            return false;                                                         \
        }                                                                         \
        T x = CONV(a), y = CONV(b), z = x * y;                                    \
        if (!(fabs(z) >= SAFE) || isinf(z)) {                                     \
            return false;                                                         \
        }                                                                         \
        if (!(s->flags & float_flag_inexact) && FMA(x, y, -z) != 0) {            \
            s->flags |= float_flag_inexact;                                       \
        }                                                                         \
        *r = BITS(z);                                                             \
        return true;                                                              \
    }                                                                             \
    bool FT##_fast_div(FT a, FT b, FT *r, FloatStatus *s)                         \
    {                                                                             \
        if (!usable(s) || !OK(a) || !OK(b) || (b << 1) == 0) {                    \
            return false;                                                         \
        }                                                                         \
        T x = CONV(a), y = CONV(b), z = x / y;                                    \
        if (!(fabs(z) >= SAFE) || !(fabs(x) >= SAFE) || isinf(z)) {               \
            return false;                                                         \
        }                                                                         \
        if (!(s->flags & float_flag_inexact) && FMA(-z, y, x) != 0) {            \
            s->flags |= float_flag_inexact;                                       \
        }                                                                         \
        *r = BITS(z);                                                             \
        return true;                                                              \
    }                                                                             \
    bool FT##_fast_sqrt(FT a, FT *r, FloatStatus *s)                              \
    {                                                                             \
        if (!usable(s) || !OK(a)) {                                               \
            return false;                                                         \
        }                                                                         \
        T x = CONV(a);                                                            \
        if (!(x >= SAFE)) {                                                       \
            return false;                                                         \
        }                                                                         \
        T z = SQRT(x);                                                            \
        if (!(s->flags & float_flag_inexact) && FMA(-z, z, x) != 0) {            \
            s->flags |= float_flag_inexact;                                       \
        }                                                                         \
        *r = BITS(z);                                                             \
        return true;                                                              \
    }                                                                             \
    bool FT##_fast_muladd(FT a, FT b, FT c, int neg, FT *r, FloatStatus *s)       \
    {                                                                             \
        if (!usable(s) || !(s->flags & float_flag_inexact) || neg != 0 ||         \
            !OK(a) || !OK(b) || !OK(c)) {                                         \
            return false;                                                         \
        }                                                                         \
        T z = FMA(CONV(a), CONV(b), CONV(c));                                     \
        if (!(fabs(z) >= SAFE) || isinf(z)) {                                     \
            return false;                                                         \
        }                                                                         \
        *r = BITS(z);                                                             \
        return true;                                                              \
    }

FAST_IMPL(float32, float, f32, b32, ok32, F32_SAFE, sqrtf, fmaf)
FAST_IMPL(float64, double, f64, b64, ok64, F64_SAFE, sqrt, fma)
