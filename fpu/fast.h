/*
 * fast.h — host FPU fast path for binary32/binary64 (see fast.c for why it is exact).
 * Each returns true and stores the result (updating s->flags) when it could
 * decide the operation on the host; false sends the caller to the soft path.
 */
#ifndef FPU_FAST_H
#define FPU_FAST_H

#include "fpu/softfloat.h"

#define FAST_DECLARE(FT)                                                          \
    bool FT##_fast_add(FT a, FT b, FT *r, FloatStatus *s);                        \
    bool FT##_fast_sub(FT a, FT b, FT *r, FloatStatus *s);                        \
    bool FT##_fast_mul(FT a, FT b, FT *r, FloatStatus *s);                        \
    bool FT##_fast_div(FT a, FT b, FT *r, FloatStatus *s);                        \
    bool FT##_fast_sqrt(FT a, FT *r, FloatStatus *s);                             \
    bool FT##_fast_muladd(FT a, FT b, FT c, int neg, FT *r, FloatStatus *s);

FAST_DECLARE(float32)
FAST_DECLARE(float64)
#undef FAST_DECLARE

#endif
