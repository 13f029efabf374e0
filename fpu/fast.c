/*
 * fast.c — the out-of-line part of the host fast path
 * (include/fpu/softfloat-fast.h, where the argument for its exactness is):
 * the residual tests that decide inexact while it is not yet raised.
 * Compiled with -ffp-contract=off: the compiler must not fuse the residual
 * computations itself.  Kept out of line so that the inline fast path of a
 * hot helper needs no stack frame for the libm fma call.
 */
#include "fpu/softfloat.h"

#define RESIDUALS(T, N, FMA)                                                  \
    __attribute__((noinline)) bool float_fast_add##N##_inexact(T x, T y, T z) \
    {                                                                         \
        T yy = z - x;                                   /* TwoSum */          \
        return (x - (z - yy)) + (y - yy) != 0;                                \
    }                                                                         \
    __attribute__((noinline)) bool float_fast_mul##N##_inexact(T x, T y, T z) \
    {                                                                         \
        return FMA(x, y, -z) != 0;                                            \
    }                                                                         \
    __attribute__((noinline)) bool float_fast_div##N##_inexact(T x, T y, T z) \
    {                                                                         \
        return FMA(-z, y, x) != 0;                                            \
    }                                                                         \
    __attribute__((noinline)) bool float_fast_sqrt##N##_inexact(T x, T z)     \
    {                                                                         \
        return FMA(-z, z, x) != 0;                                            \
    }

RESIDUALS(float, 32, fmaf)
RESIDUALS(double, 64, fma)
