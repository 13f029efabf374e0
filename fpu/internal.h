/*
 * internal.h — the unpacked representation every fpu/ operation works on.
 *
 * One FloatParts holds a value of any format: class, sign, an unbiased
 * exponent and a 128-bit significand.  For finite non-zero values the
 * significand is normalised with its leading one at bit 126 (FRAC_MSB), so
 *
 *     value = (-1)^sign * sig * 2^(exp - 126)
 *
 * which leaves bit 127 free for the carry of an addition and at least 13 bits
 * below the widest precision (binary128's 113 bits) for guard and sticky
 * bits.  Bit 0 is a sticky bit: operations that drop bits OR their
 * non-zero-ness into it ("jamming"), so rounding sees exact/half/above-half
 * correctly.  NaNs keep their fraction left-aligned under bit 126 (the quiet
 * bit at bit 125) so converting between formats keeps the top payload bits.
 *
 * FloatFmt describes an encoding; parts_round_pack() takes FloatParts to an
 * encoding for any of them, so each operation exists once for all five formats.
 */
#ifndef FPU_INTERNAL_H
#define FPU_INTERNAL_H

#include "fpu/softfloat.h"
#include "util/bitops.h"

typedef unsigned __int128 u128;

#define FRAC_MSB 126

typedef enum {
    FC_ZERO,
    FC_NORMAL,   /* finite, non-zero (subnormal inputs are normalised on unpack) */
    FC_INF,
    FC_QNAN,
    FC_SNAN,
} FloatClass;

typedef struct {
    FloatClass cls;
    bool sign;
    int32_t exp;
    u128 sig;
} FloatParts;

/* An encoding: field widths and the bias. */
typedef struct FloatFmt {
    int exp_bits;        /* width of the exponent field */
    int frac_bits;       /* stored fraction bits below the integer bit */
    int bias;            /* exponent bias: emax */
    bool explicit_int;   /* the integer bit is stored (x87) */
} FloatFmt;

/* Visible constants, so the inline rounding folds them in each format's code. */
static const FloatFmt float16_fmt  = { .exp_bits = 5,  .frac_bits = 10,  .bias = 15 };
static const FloatFmt float32_fmt  = { .exp_bits = 8,  .frac_bits = 23,  .bias = 127 };
static const FloatFmt float64_fmt  = { .exp_bits = 11, .frac_bits = 52,  .bias = 1023 };
static const FloatFmt floatx80_fmt = { .exp_bits = 15, .frac_bits = 63,  .bias = 16383,
                                       .explicit_int = true };
static const FloatFmt float128_fmt = { .exp_bits = 15, .frac_bits = 112, .bias = 16383 };

/* An encoding split into its fields; the integer bit only matters for x87. */
typedef struct {
    bool sign;
    int32_t exp;      /* biased exponent field */
    u128 frac;        /* fraction field (x87: the 63 bits below the integer bit) */
    bool int_bit;     /* x87 explicit integer bit */
} FloatRaw;

static inline u128 shift_right_jam(u128 v, int n)
{
    if (n <= 0) {
        return v;
    }
    if (n >= 128) {
        return v != 0;
    }
    return (v >> n) | ((v & (((u128)1 << n) - 1)) != 0);
}

static inline int clz128(u128 v)
{
    uint64_t hi = v >> 64;
    return hi ? clz64(hi) : 64 + clz64((uint64_t)v);
}

static inline bool is_nan_class(FloatClass c)
{
    return c == FC_QNAN || c == FC_SNAN;
}

/* parts.c: specials and NaN selection. */
FloatRaw parts_pack_special(FloatParts p, const FloatFmt *fmt, const FloatStatus *s);
FloatParts parts_default_nan(const FloatStatus *s);
FloatParts parts_quiet_nan(FloatParts p, const FloatStatus *s);
FloatParts parts_pick_nan2(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_pick_nan3(FloatParts a, FloatParts b, FloatParts c, bool inf_zero, FloatStatus *s);
/* Flag an invalid operation; the result is the default NaN. */
FloatParts parts_invalid(FloatStatus *s);

/* parts-inline.h: parts_normalize, parts_unpack, parts_round_sig, parts_round_pack. */
#include "parts-inline.h"

/* arith.c: the operations on parts. */
FloatParts parts_add(FloatParts a, FloatParts b, bool subtract, FloatStatus *s);
FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s);
FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags, FloatStatus *s);
FloatParts parts_sqrt(FloatParts a, int prec, FloatStatus *s);
FloatParts parts_rem(FloatParts a, FloatParts b, bool truncate, int max_bits,
                     uint64_t *quot, bool *partial, FloatStatus *s);
FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, bool exact, FloatStatus *s);
FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max, int kind, FloatStatus *s);
FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s);
FloatParts parts_logb(FloatParts a, FloatStatus *s);
FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet, FloatStatus *s);
int64_t parts_to_sint(FloatParts a, FloatRoundMode mode, int bits, FloatStatus *s);
uint64_t parts_to_uint(FloatParts a, FloatRoundMode mode, int bits, FloatStatus *s);
FloatParts parts_from_sint(int64_t v);
FloatParts parts_from_uint(uint64_t v);

/* min/max kinds for parts_minmax */
enum { MINMAX_NUM, MINMAX_IEEE2019, MINMAX_NUMBER };

#endif
