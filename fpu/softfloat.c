/*
 * softfloat.c — the public entry points of every format.
 *
 * Each format supplies how its encoding splits into sign, exponent and
 * fraction (FloatRaw); ops-template.c.inc then turns the parts_* operations
 * into the float16_*, float32_*, float64_*, floatx80_* and float128_*
 * functions of softfloat.h.  This file is the one place the template is
 * instantiated.  binary32 and binary64 try the host fast path (fast.c) first.
 */
#include "internal.h"
#include "fpu/softfloat.h"

/* ---- encodings ------------------------------------------------------------ */

static inline FloatRaw raw_of_bits(uint64_t v, const FloatFmt *fmt)
{
    int w = fmt->exp_bits + fmt->frac_bits;
    return (FloatRaw) {
        .sign = (v >> w) & 1,
        .exp = (v >> fmt->frac_bits) & ((1u << fmt->exp_bits) - 1),
        .frac = v & ((1ull << fmt->frac_bits) - 1),
    };
}

static inline uint64_t bits_of_raw(FloatRaw r, const FloatFmt *fmt)
{
    return ((uint64_t)r.sign << (fmt->exp_bits + fmt->frac_bits)) |
           ((uint64_t)r.exp << fmt->frac_bits) | (uint64_t)r.frac;
}

static inline FloatRaw float16_raw(float16 a) { return raw_of_bits(a, &float16_fmt); }
static inline FloatRaw float32_raw(float32 a) { return raw_of_bits(a, &float32_fmt); }
static inline FloatRaw float64_raw(float64 a) { return raw_of_bits(a, &float64_fmt); }
static inline float16 float16_of_raw(FloatRaw r) { return bits_of_raw(r, &float16_fmt); }
static inline float32 float32_of_raw(FloatRaw r) { return bits_of_raw(r, &float32_fmt); }
static inline float64 float64_of_raw(FloatRaw r) { return bits_of_raw(r, &float64_fmt); }

static inline FloatRaw floatx80_raw(floatx80 a)
{
    return (FloatRaw) {
        .sign = a.high >> 15,
        .exp = a.high & 0x7fff,
        .frac = a.low & (UINT64_MAX >> 1),
        .int_bit = a.low >> 63,
    };
}

static inline floatx80 floatx80_of_raw(FloatRaw r)
{
    return (floatx80) {
        .low = (uint64_t)r.frac | ((uint64_t)r.int_bit << 63),
        .high = (uint16_t)((r.sign << 15) | r.exp),
    };
}

static inline FloatRaw float128_raw(float128 a)
{
    return (FloatRaw) {
        .sign = a.high >> 63,
        .exp = (a.high >> 48) & 0x7fff,
        .frac = ((u128)(a.high & ((1ull << 48) - 1)) << 64) | a.low,
    };
}

static inline float128 float128_of_raw(FloatRaw r)
{
    return (float128) {
        .low = (uint64_t)r.frac,
        .high = ((uint64_t)r.sign << 63) | ((uint64_t)r.exp << 48) | (uint64_t)(r.frac >> 64),
    };
}

bool floatx80_invalid_encoding(floatx80 a)
{
    return (a.high & 0x7fff) != 0 && !(a.low >> 63);
}

/* ---- instantiations --------------------------------------------------------- */

#define FT float16
#define P float16
#define FMT float16_fmt
#define RAW_OF float16_raw
#define OF_RAW float16_of_raw
#define ARITH_PREC 11
#define FAST1(op)
#define FAST2(op)
#define FAST3
#include "ops-template.c.inc"

#define FT float32
#define P float32
#define FMT float32_fmt
#define RAW_OF float32_raw
#define OF_RAW float32_of_raw
#define ARITH_PREC 24
#define FAST1(op) { float32 r_; if (float32_fast_##op(a, &r_, s)) { return r_; } }
#define FAST2(op) { float32 r_; if (float32_fast_##op(a, b, &r_, s)) { return r_; } }
#define FAST3 { float32 r_; if (float32_fast_muladd(a, b, c, neg, &r_, s)) { return r_; } }
#include "ops-template.c.inc"

#define FT float64
#define P float64
#define FMT float64_fmt
#define RAW_OF float64_raw
#define OF_RAW float64_of_raw
#define ARITH_PREC 53
#define FAST1(op) { float64 r_; if (float64_fast_##op(a, &r_, s)) { return r_; } }
#define FAST2(op) { float64 r_; if (float64_fast_##op(a, b, &r_, s)) { return r_; } }
#define FAST3 { float64 r_; if (float64_fast_muladd(a, b, c, neg, &r_, s)) { return r_; } }
#include "ops-template.c.inc"

#define FT floatx80
#define P floatx80
#define FMT floatx80_fmt
#define RAW_OF floatx80_raw
#define OF_RAW floatx80_of_raw
#define ARITH_PREC ((int)s->floatx80_precision)
#define FAST1(op)
#define FAST2(op)
#define FAST3
#include "ops-template.c.inc"

#define FT float128
#define P float128
#define FMT float128_fmt
#define RAW_OF float128_raw
#define OF_RAW float128_of_raw
#define ARITH_PREC 113
#define FAST1(op)
#define FAST2(op)
#define FAST3
#include "ops-template.c.inc"

/* ---- x87 partial remainders ---------------------------------------------------- */

static floatx80 x87_rem(floatx80 a, floatx80 b, bool truncate, uint64_t *q, bool *partial,
                        FloatStatus *s)
{
    uint32_t before = s->flags;
    floatx80 v[2] = { a, b };
    FloatParts p[2];
    bool nan = floatx80_unpack_ops(p, v, 2, s);
    FloatParts r = parts_rem(p[0], p[1], truncate, 64, q, partial, s);
    floatx80_denormal_fixup(s, before, nan);
    return floatx80_pack(r, 64, s);
}

floatx80 floatx80_fprem(floatx80 a, floatx80 b, uint64_t *q, bool *partial, FloatStatus *s)
{
    return x87_rem(a, b, true, q, partial, s);
}

floatx80 floatx80_fprem1(floatx80 a, floatx80 b, uint64_t *q, bool *partial, FloatStatus *s)
{
    return x87_rem(a, b, false, q, partial, s);
}
