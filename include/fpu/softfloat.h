/*
 * softfloat.h — exact IEEE-754 arithmetic in software for every target.
 *
 * Formats: binary16 (float16), binary32 (float32), binary64 (float64), the x87
 * 80-bit extended format (floatx80) and binary128 (float128).  The small formats
 * are plain integers holding the encoding, so a front end keeps its FP registers
 * as integers in CPU state and moves them with ordinary loads and stores.
 *
 * Every operation takes the CPU's FloatStatus: the rounding mode and the
 * knobs that differ between architectures come in, the IEEE exception flags go
 * out (accumulated, never cleared by an operation).
 *
 *     FloatStatus fs;
 *     float_status_init(&fs, &float_nan_rules_x86_sse);
 *     fs.rounding_mode = float_round_down;
 *     float64 r = float64_add(a, b, &fs);
 *     if (fs.flags & float_flag_inexact) { mxcsr |= MXCSR_PE; }
 *
 * Results are bit-exact: the value is correctly rounded as IEEE-754 requires,
 * the flags are the IEEE flags under default (untrapped) exception handling, and
 * NaN results follow the target's FloatNaNRules.  docs/devel/fpu.md explains the
 * internal representation and the host fast path.
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint16_t float16;
typedef uint32_t float32;
typedef uint64_t float64;
/* x87 extended: 64-bit significand with an explicit integer bit (bit 63). */
typedef struct {
    uint64_t low;   /* significand, integer bit included */
    uint16_t high;  /* sign (bit 15) and 15-bit biased exponent */
} floatx80;
/* binary128 as two halves; `high` holds the sign, exponent and top 48 fraction bits. */
typedef struct {
    uint64_t low;
    uint64_t high;
} float128;

/* Rounding-direction attributes (IEEE 754-2019 4.3) plus round-to-odd. */
typedef enum {
    float_round_nearest_even,  /* roundTiesToEven, the default */
    float_round_to_zero,       /* roundTowardZero */
    float_round_down,          /* roundTowardNegative */
    float_round_up,            /* roundTowardPositive */
    float_round_ties_away,     /* roundTiesToAway */
    float_round_to_odd,        /* truncate, then set the LSB if inexact (PowerPC, AArch64 FCVTXN) */
} FloatRoundMode;

/* Exception flags, accumulated in FloatStatus.flags.  Targets map them to their registers. */
enum {
    float_flag_invalid          = 1 << 0,  /* invalid operation (IEEE 7.2) */
    float_flag_divbyzero        = 1 << 1,  /* division by zero / pole (IEEE 7.3) */
    float_flag_overflow         = 1 << 2,  /* rounded result exceeded the format (IEEE 7.4) */
    float_flag_underflow        = 1 << 3,  /* tiny and inexact (IEEE 7.5, untrapped) */
    float_flag_inexact          = 1 << 4,  /* the result was rounded (IEEE 7.6) */
    float_flag_input_denormal   = 1 << 5,  /* an operand was subnormal and used as such (x86 DE) */
    float_flag_input_flushed    = 1 << 6,  /* a subnormal operand was read as zero (ARM IDC) */
    float_flag_output_flushed   = 1 << 7,  /* a tiny result was replaced by zero */
};

/* x87 precision control (FPUCW.PC): where floatx80 arithmetic rounds. */
typedef enum {
    floatx80_precision_x = 64,  /* 64-bit significand: the format's own precision */
    floatx80_precision_d = 53,  /* rounded as binary64 would, exponent range kept */
    floatx80_precision_s = 24,  /* rounded as binary32 would, exponent range kept */
} FloatX80Precision;

/* What an out-of-range float-to-integer conversion returns (flag: invalid). */
typedef enum {
    float_int_saturate,    /* clamp to the type's min/max (ARM, PowerPC, MIPS 2008) */
    float_int_indefinite,  /* most negative; unsigned: all ones (x86 "integer indefinite") */
    float_int_max,         /* the most positive value (MIPS legacy: 2^31-1) */
    float_int_zero,        /* zero (ARM and MIPS 2008 for NaN) */
} FloatIntInvalid;

/* A format-independent way to say which NaN is the default one. */
typedef enum {
    float_dnan_quiet_only,       /* quiet bit set, the rest of the fraction clear: 0x7fc00000 */
    float_dnan_all_ones,         /* every fraction bit set: 0x7fffffff */
    float_dnan_all_but_quiet,    /* quiet bit clear, the rest set (MIPS legacy 0x7fbfffff) */
} FloatDefaultNaN;

/* Fused multiply-add of inf * 0 + QNaN: IEEE 754 7.2 c leaves the invalid flag open. */
typedef enum {
    float_infzero_quiet,       /* the QNaN addend, no flag (x86, PowerPC) */
    float_infzero_invalid,     /* the QNaN addend, invalid raised */
    float_infzero_default,     /* the default NaN, invalid raised (Arm, MIPS) */
} FloatInfZeroNaN;

/*
 * A target's NaN rules as data (IEEE leaves these choices to the implementation).
 * Operand order in the tables: 0 and 1 are the first and second operand of a
 * two-operand op (a + b: a is 0); for fused multiply-add, 0 and 1 are the
 * multiplicands and 2 is the addend.
 */
typedef struct FloatNaNRules {
    const char *name;            /* preset name, for logs and tests */
    bool snan_bit_is_one;        /* MIPS legacy, SH4: a set top fraction bit means signalling */
    bool default_nan_sign;       /* sign of the default NaN */
    FloatDefaultNaN default_nan; /* fraction pattern of the default NaN */
    bool snan_to_default;        /* an SNaN operand yields the default NaN, not the quieted SNaN */
    bool qnan_to_default;        /* every NaN result is the default NaN (no payload propagation) */
    bool snan_first;             /* a signalling operand wins over a quiet one, in any order */
    bool larger_significand;     /* x87: larger significand wins (ties: the positive NaN) */
    uint8_t order2[2];           /* operands checked in this order when picking a NaN */
    uint8_t order3[3];           /* the same for fused multiply-add */
    FloatInfZeroNaN fma_inf_zero;  /* what inf*0 + QNaN gives */
    FloatIntInvalid int_overflow;  /* signed result for out-of-range finite values and infinities */
    FloatIntInvalid int_nan;       /* signed result for NaN */
    FloatIntInvalid uint_invalid;  /* unsigned result for NaN/out of range: saturate or all ones */
} FloatNaNRules;

extern const FloatNaNRules float_nan_rules_x86_sse;
extern const FloatNaNRules float_nan_rules_x87;
extern const FloatNaNRules float_nan_rules_arm;
extern const FloatNaNRules float_nan_rules_mips_legacy;
extern const FloatNaNRules float_nan_rules_mips_2008;
extern const FloatNaNRules float_nan_rules_ppc;
extern const FloatNaNRules float_nan_rules_sparc;
extern const FloatNaNRules float_nan_rules_sh4;
extern const FloatNaNRules float_nan_rules_cris;

/* The per-CPU floating-point environment passed to every operation. */
typedef struct FloatStatus {
    FloatRoundMode rounding_mode;      /* current rounding direction */
    uint32_t flags;                    /* accumulated float_flag_* bits */
    bool tininess_before_rounding;     /* ARM, MIPS, SH4: true; x86, PowerPC, SPARC: false */
    bool flush_to_zero;                /* tiny results become signed zero (SSE FTZ, ARM FZ) */
    bool flush_inputs_to_zero;         /* subnormal operands read as zero (SSE DAZ, ARM FZ) */
    bool flush_sets_inexact;           /* x86 raises inexact with a flushed result; ARM does not */
    bool use_host_fpu;                 /* allow the host fast path for binary32/64 */
    FloatX80Precision floatx80_precision;  /* x87 PC field, floatx80 arithmetic only */
    const FloatNaNRules *nan;          /* the target's NaN rules (a preset above) */
} FloatStatus;

/* Round to nearest even, no flags, IEEE tininess after rounding, no flushing, fast path on. */
void float_status_init(FloatStatus *s, const FloatNaNRules *rules);

/* Comparison results (IEEE 5.11): the values are chosen so targets can index tables. */
typedef enum {
    float_relation_less = -1,
    float_relation_equal = 0,
    float_relation_greater = 1,
    float_relation_unordered = 2,
} FloatRelation;

/* Classes (IEEE 5.7.2 class()), one bit each so a target can build masks (RISC-V fclass, ...). */
typedef enum {
    float_class_snan          = 1 << 0,
    float_class_qnan          = 1 << 1,
    float_class_neg_inf       = 1 << 2,
    float_class_neg_normal    = 1 << 3,
    float_class_neg_subnormal = 1 << 4,
    float_class_neg_zero      = 1 << 5,
    float_class_pos_zero      = 1 << 6,
    float_class_pos_subnormal = 1 << 7,
    float_class_pos_normal    = 1 << 8,
    float_class_pos_inf       = 1 << 9,
} FloatClassBit;

/* Negation variants of fused multiply-add (may be or-ed). */
enum {
    float_muladd_negate_c       = 1 << 0,  /* a*b - c */
    float_muladd_negate_product = 1 << 1,  /* -(a*b) + c */
    float_muladd_negate_result  = 1 << 2,  /* -(a*b + c), negated after rounding */
    float_muladd_halve_result   = 1 << 3,  /* (a*b + c) / 2, one rounding (Arm FRSQRTS) */
};

/*
 * The operation set, the same for every format.  FT is the type, P the prefix.
 * min/max: minnum/maxnum are IEEE 754-2008 (a quiet NaN operand is ignored),
 * minimum/maximum are IEEE 754-2019 (NaN propagates, -0 < +0), *_number are
 * 754-2019 minimumNumber/maximumNumber (any NaN operand is ignored).
 */
#define FLOAT_DECLARE_OPS(FT, P)                                                   \
    FT P##_add(FT a, FT b, FloatStatus *s);                                        \
    FT P##_sub(FT a, FT b, FloatStatus *s);                                        \
    FT P##_mul(FT a, FT b, FloatStatus *s);                                        \
    FT P##_div(FT a, FT b, FloatStatus *s);                                        \
    FT P##_muladd(FT a, FT b, FT c, int neg_flags, FloatStatus *s);                \
    FT P##_sqrt(FT a, FloatStatus *s);                                             \
    FT P##_rem(FT a, FT b, FloatStatus *s);                                        \
    FT P##_round_to_int(FT a, FloatStatus *s);                                     \
    FT P##_round_to_int_exact(FT a, FloatStatus *s);                               \
    FT P##_minnum(FT a, FT b, FloatStatus *s);                                     \
    FT P##_maxnum(FT a, FT b, FloatStatus *s);                                     \
    FT P##_minimum(FT a, FT b, FloatStatus *s);                                    \
    FT P##_maximum(FT a, FT b, FloatStatus *s);                                    \
    FT P##_minimum_number(FT a, FT b, FloatStatus *s);                             \
    FT P##_maximum_number(FT a, FT b, FloatStatus *s);                             \
    FT P##_scalbn(FT a, int n, FloatStatus *s);                                    \
    FT P##_logb(FT a, FloatStatus *s);                                             \
    FloatRelation P##_compare(FT a, FT b, FloatStatus *s);                         \
    FloatRelation P##_compare_quiet(FT a, FT b, FloatStatus *s);                   \
    int P##_classify(FT a, const FloatStatus *s);                                  \
    bool P##_is_nan(FT a);                                                         \
    bool P##_is_signaling_nan(FT a, const FloatStatus *s);                         \
    FT P##_silence_nan(FT a, const FloatStatus *s);                                \
    FT P##_default_nan(const FloatStatus *s);                                      \
    int32_t P##_to_int32(FT a, FloatStatus *s);                                    \
    int64_t P##_to_int64(FT a, FloatStatus *s);                                    \
    uint32_t P##_to_uint32(FT a, FloatStatus *s);                                  \
    uint64_t P##_to_uint64(FT a, FloatStatus *s);                                  \
    int32_t P##_to_int32_round_to_zero(FT a, FloatStatus *s);                      \
    int64_t P##_to_int64_round_to_zero(FT a, FloatStatus *s);                      \
    uint32_t P##_to_uint32_round_to_zero(FT a, FloatStatus *s);                    \
    uint64_t P##_to_uint64_round_to_zero(FT a, FloatStatus *s);                    \
    FT int32_to_##P(int32_t v, FloatStatus *s);                                    \
    FT int64_to_##P(int64_t v, FloatStatus *s);                                    \
    FT uint32_to_##P(uint32_t v, FloatStatus *s);                                  \
    FT uint64_to_##P(uint64_t v, FloatStatus *s);                                  \
    float16 P##_to_float16(FT a, FloatStatus *s);                                  \
    float32 P##_to_float32(FT a, FloatStatus *s);                                  \
    float64 P##_to_float64(FT a, FloatStatus *s);                                  \
    floatx80 P##_to_floatx80(FT a, FloatStatus *s);                                \
    float128 P##_to_float128(FT a, FloatStatus *s);

FLOAT_DECLARE_OPS(float16, float16)
FLOAT_DECLARE_OPS(float32, float32)
FLOAT_DECLARE_OPS(float64, float64)
FLOAT_DECLARE_OPS(floatx80, floatx80)
FLOAT_DECLARE_OPS(float128, float128)

/*
 * The host fast path alone, inline (include/fpu/softfloat-fast.h, where the
 * argument for its exactness is): true with *r and s->flags updated when the
 * host decided the operation, false when the caller must call the full
 * operation above.  For hot callers (per-instruction helpers) that want to
 * skip the full operation's frame setup when the fast path applies.
 */
#include "fpu/softfloat-fast.h"
#undef FLOAT_DECLARE_FAST

/* Compare helpers built on P##_compare(_quiet); the quiet ones signal only on SNaN. */
static inline bool float32_eq_quiet(float32 a, float32 b, FloatStatus *s)
{
    return float32_compare_quiet(a, b, s) == float_relation_equal;
}
static inline bool float64_eq_quiet(float64 a, float64 b, FloatStatus *s)
{
    return float64_compare_quiet(a, b, s) == float_relation_equal;
}
static inline bool float32_lt(float32 a, float32 b, FloatStatus *s)
{
    return float32_compare(a, b, s) == float_relation_less;
}
static inline bool float64_lt(float64 a, float64 b, FloatStatus *s)
{
    return float64_compare(a, b, s) == float_relation_less;
}

/*
 * x87 partial remainders.  *quotient receives the low three bits of the
 * integer quotient (C0=bit 2, C3=bit 1, C1=bit 0 on the FPU) and *partial is
 * true when the exponent difference was 64 or more and only a partial
 * reduction was done (C2 set): the guest loops until it clears.
 */
floatx80 floatx80_fprem(floatx80 a, floatx80 b, uint64_t *quotient, bool *partial, FloatStatus *s);
floatx80 floatx80_fprem1(floatx80 a, floatx80 b, uint64_t *quotient, bool *partial, FloatStatus *s);

/* Invalid x87 encodings (unnormals, pseudo-NaN/infinity): operations treat them as invalid. */
bool floatx80_invalid_encoding(floatx80 a);

/*
 * x87 transcendental instructions (fpu/x87-trans.c).  Arguments and results in
 * ST(0)/ST(1) order as the Intel SDM describes each instruction; accuracy is within
 * one ulp of the 64-bit significand for in-range arguments (SDM vol. 1, 8.3.10).
 * *c2 (FPTAN/FSIN/FCOS/FSINCOS) is set when the argument was out of range
 * (|x| >= 2^63) and the operand was left unchanged.
 */
floatx80 floatx80_f2xm1(floatx80 x, FloatStatus *s);
floatx80 floatx80_fyl2x(floatx80 st0, floatx80 st1, FloatStatus *s);
floatx80 floatx80_fyl2xp1(floatx80 st0, floatx80 st1, FloatStatus *s);
floatx80 floatx80_fpatan(floatx80 st0, floatx80 st1, FloatStatus *s);
void floatx80_fptan(floatx80 *st0, floatx80 *one, bool *c2, FloatStatus *s);
floatx80 floatx80_fsin(floatx80 x, bool *c2, FloatStatus *s);
floatx80 floatx80_fcos(floatx80 x, bool *c2, FloatStatus *s);
void floatx80_fsincos(floatx80 x, floatx80 *sin, floatx80 *cos, bool *c2, FloatStatus *s);
floatx80 floatx80_fscale(floatx80 st0, floatx80 st1, FloatStatus *s);
void floatx80_fxtract(floatx80 x, floatx80 *exponent, floatx80 *significand, FloatStatus *s);

#endif
