/*
 * fpu_helper.c — the MIPS FPU (CP1) operations on fpu/ softfloat: one
 * helper for the one- and two-operand arithmetic and conversions (the
 * operation and format packed in a constant), one for the multiply-add
 * family, one for C.cond.fmt, and CFC1/CTC1 with the FCCR/FEXR/FENR views.
 *
 * FCSR (MIPS64 Volume I 6.2, Volume II "CFC1"): each operation sets the
 * cause field to the exceptions it raised; if one of them is enabled the
 * destination is left alone and EXCP_FPE is raised (the cpu loop makes it
 * SIGFPE); otherwise the cause bits are or-ed into the sticky flags.
 * Flush-to-zero (FS) flushes tiny results and subnormal inputs; a flushed
 * result raises underflow and inexact.  The NaN encoding (legacy or 2008)
 * follows FCSR.NAN2008, fixed per model.
 *
 * Release 2 MADD.fmt and friends are not fused: the product is rounded,
 * then the sum (two roundings).
 */
#include "internals.h"

#include "exec/cpu-exec.h"

void mips_fp_status_update(CPUMIPSState *env)
{
    static const FloatRoundMode modes[4] = {
        float_round_nearest_even, float_round_to_zero, float_round_up, float_round_down,
    };
    FloatStatus *st = &env->fp_status;
    st->rounding_mode = modes[env->fcr31 & FCSR_RM_MASK];
    st->flush_to_zero = (env->fcr31 & FCSR_FS) != 0;
    st->flush_inputs_to_zero = (env->fcr31 & FCSR_FS) != 0;
    st->tininess_before_rounding = true;
    st->nan = (env->fcr31 & FCSR_NAN2008) ? &float_nan_rules_mips_2008
                                          : &float_nan_rules_mips_legacy;
}

/* softfloat's flags as FCSR's V Z O U I bits. */
static uint32_t mips_fp_cause(uint32_t flags)
{
    uint32_t c = 0;
    if (flags & float_flag_invalid) {
        c |= FP_INVALID;
    }
    if (flags & float_flag_divbyzero) {
        c |= FP_DIV0;
    }
    if (flags & float_flag_overflow) {
        c |= FP_OVERFLOW;
    }
    if (flags & (float_flag_underflow | float_flag_output_flushed)) {
        c |= FP_UNDERFLOW;
    }
    if (flags & (float_flag_inexact | float_flag_output_flushed)) {
        c |= FP_INEXACT;
    }
    return c;
}

/* After an operation: the cause field, then the trap or the sticky flags. */
static inline void mips_fp_finish(CPUMIPSState *env, uintptr_t ra)
{
    if (!env->fp_status.flags) {
        env->fcr31 &= ~(0x3fu << FCSR_CAUSE_SHIFT);     /* the common case: no exception */
        return;
    }
    uint32_t cause = mips_fp_cause(env->fp_status.flags);
    uint32_t enables = (env->fcr31 >> FCSR_ENABLE_SHIFT) & 0x1f;
    env->fcr31 = (env->fcr31 & ~(0x3fu << FCSR_CAUSE_SHIFT)) | cause << FCSR_CAUSE_SHIFT;
    if (cause & enables) {
        mips_raise_exception(env, EXCP_FPE, 0, ra);
    }
    env->fcr31 |= cause << FCSR_FLAGS_SHIFT;
}

/*
 * ADD/SUB/MUL/DIV.S/D, one helper each: the host fast path first (it
 * decides most operations with normal operands), the soft operation when
 * it declines; then the FCSR update.
 */
#define MIPS_FP_BINOP(NAME, FT, SUF)                                            \
    uint64_t helper_fp_##NAME##SUF(CPUMIPSState *env, uint64_t a, uint64_t b)  \
    {                                                                           \
        FloatStatus *st = &env->fp_status;                                      \
        FT r;                                                                   \
        st->flags = 0;                                                          \
        if (!FT##_fast_##NAME(a, b, &r, st)) {                                  \
            r = FT##_##NAME(a, b, st);                                          \
        }                                                                       \
        mips_fp_finish(env, GETPC());                                           \
        return r;                                                               \
    }
MIPS_FP_BINOP(add, float32, s)
MIPS_FP_BINOP(sub, float32, s)
MIPS_FP_BINOP(mul, float32, s)
MIPS_FP_BINOP(div, float32, s)
MIPS_FP_BINOP(add, float64, d)
MIPS_FP_BINOP(sub, float64, d)
MIPS_FP_BINOP(mul, float64, d)
MIPS_FP_BINOP(div, float64, d)
#undef MIPS_FP_BINOP

/* Float to integer with the rounding mode rm (or the current one: rm < 0). */
static uint64_t to_int(uint64_t a, bool dbl, bool lng, int rm, FloatStatus *st)
{
    static const FloatRoundMode modes[4] = {
        float_round_nearest_even, float_round_to_zero, float_round_up, float_round_down,
    };
    FloatRoundMode old = st->rounding_mode;
    uint64_t r;
    if (rm >= 0) {
        st->rounding_mode = modes[rm];
    }
    if (dbl) {
        r = lng ? (uint64_t)float64_to_int64(a, st) : (uint32_t)float64_to_int32(a, st);
    } else {
        r = lng ? (uint64_t)float32_to_int64(a, st) : (uint32_t)float32_to_int32(a, st);
    }
    st->rounding_mode = old;
    return r;
}

/*
 * The other one- and two-operand operations and the conversions (ADD..DIV
 * have their own helpers above): op = MIPS_FOP(operation, source fmt);
 * a, b the operands (singles and words in the low 32 bits).  Returns the
 * result in the destination's format.
 */
uint64_t helper_fp_op(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op)
{
    FloatStatus *st = &env->fp_status;
    unsigned fmt = op & 0xf, o = op >> 8;
    bool dbl = fmt == MIPS_FMT_D;
    uint64_t r = 0;

    st->flags = 0;
    switch (o) {
    case MIPS_FOP_SQRT:
        r = dbl ? float64_sqrt(a, st) : float32_sqrt(a, st);
        break;
    case MIPS_FOP_ABS:
    case MIPS_FOP_NEG:
        /* legacy (ABS2008=0): arithmetic, so a signalling NaN is invalid */
        if (dbl ? float64_is_signaling_nan(a, st) : float32_is_signaling_nan(a, st)) {
            st->flags |= float_flag_invalid;
            r = dbl ? float64_default_nan(st) : float32_default_nan(st);
        } else if (o == MIPS_FOP_ABS) {
            r = a & (dbl ? ~(1ull << 63) : ~(1ull << 31));
        } else {
            r = a ^ (dbl ? 1ull << 63 : 1ull << 31);
        }
        break;
    case MIPS_FOP_RECIP:
        r = dbl ? float64_div(0x3ff0000000000000ull, a, st) : float32_div(0x3f800000u, a, st);
        break;
    case MIPS_FOP_RSQRT:
        if (dbl) {
            r = float64_div(0x3ff0000000000000ull, float64_sqrt(a, st), st);
        } else {
            r = float32_div(0x3f800000u, float32_sqrt(a, st), st);
        }
        break;
    case MIPS_FOP_CVT_S:
        switch (fmt) {
        case MIPS_FMT_D:
            r = float64_to_float32(a, st);
            break;
        case MIPS_FMT_W:
            r = int32_to_float32((int32_t)a, st);
            break;
        default:
            r = int64_to_float32((int64_t)a, st);
            break;
        }
        break;
    case MIPS_FOP_CVT_D:
        switch (fmt) {
        case MIPS_FMT_S:
            r = float32_to_float64(a, st);
            break;
        case MIPS_FMT_W:
            r = int32_to_float64((int32_t)a, st);
            break;
        default:
            r = int64_to_float64((int64_t)a, st);
            break;
        }
        break;
    case MIPS_FOP_CVT_W:
        r = to_int(a, dbl, false, -1, st);
        break;
    case MIPS_FOP_CVT_L:
        r = to_int(a, dbl, true, -1, st);
        break;
    default:
        if (o >= MIPS_FOP_TO_W_RM && o < MIPS_FOP_TO_L_RM) {
            r = to_int(a, dbl, false, o - MIPS_FOP_TO_W_RM, st);
        } else if (o >= MIPS_FOP_TO_L_RM && o < MIPS_FOP_COUNT) {
            r = to_int(a, dbl, true, o - MIPS_FOP_TO_L_RM, st);
        }
        break;
    }
    mips_fp_finish(env, GETPC());
    return r;
}

/*
 * MADD/MSUB/NMADD/NMSUB.fmt: op = kind (0-3) << 8 | fmt; fd = +-(fs * ft +- fr),
 * a = fs, b = ft, c = fr.  Unfused (Release 2): the product is rounded.
 * The negated forms negate a non-NaN result.
 */
uint64_t helper_fp_madd(CPUMIPSState *env, uint64_t a, uint64_t b, uint64_t c, uint32_t op)
{
    FloatStatus *st = &env->fp_status;
    bool dbl = (op & 0xf) == MIPS_FMT_D;
    unsigned kind = op >> 8;
    uint64_t r;

    st->flags = 0;
    if (dbl) {
        float64 p, q;
        if (!float64_fast_mul(a, b, &p, st)) {
            p = float64_mul(a, b, st);
        }
        if ((kind & 1) ? float64_fast_sub(p, c, &q, st) : float64_fast_add(p, c, &q, st)) {
            r = q;
        } else {
            r = (kind & 1) ? float64_sub(p, c, st) : float64_add(p, c, st);
        }
        if ((kind & 2) && !float64_is_nan(r)) {
            r ^= 1ull << 63;
        }
    } else {
        float32 p, q;
        if (!float32_fast_mul(a, b, &p, st)) {
            p = float32_mul(a, b, st);
        }
        if ((kind & 1) ? float32_fast_sub(p, c, &q, st) : float32_fast_add(p, c, &q, st)) {
            r = q;
        } else {
            r = (kind & 1) ? float32_sub(p, c, st) : float32_add(p, c, st);
        }
        if ((kind & 2) && !float32_is_nan(r)) {
            r ^= 1u << 31;
        }
    }
    mips_fp_finish(env, GETPC());
    return r;
}

/*
 * C.cond.fmt: op = cond (0-15) | fmt << 4 | cc << 8.  cond bit 0:
 * true if unordered, 1: if equal, 2: if less; bit 3: signal invalid on
 * quiet NaNs too (the "signalling" predicates SF..NGT).
 */
void helper_fp_cmp(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op)
{
    FloatStatus *st = &env->fp_status;
    unsigned cond = op & 0xf, cc = (op >> 8) & 7;
    bool dbl = ((op >> 4) & 0xf) == MIPS_FMT_D;
    FloatRelation rel;

    st->flags = 0;
    if (cond & 8) {
        rel = dbl ? float64_compare(a, b, st) : float32_compare(a, b, st);
    } else {
        rel = dbl ? float64_compare_quiet(a, b, st) : float32_compare_quiet(a, b, st);
    }
    bool t = ((cond & 1) && rel == float_relation_unordered) ||
             ((cond & 2) && rel == float_relation_equal) ||
             ((cond & 4) && rel == float_relation_less);
    mips_fp_finish(env, GETPC());
    uint32_t bit = FCSR_FCC(cc);
    env->fcr31 = t ? env->fcr31 | bit : env->fcr31 & ~bit;
}

/* CFC1: 0 FIR, 25 FCCR, 26 FEXR, 28 FENR, 31 FCSR (others read as 0). */
uint64_t helper_cfc1(CPUMIPSState *env, uint32_t reg)
{
    uint32_t f = env->fcr31;
    switch (reg) {
    case 0:
        return env->fcr0;
    case 25:
        return ((f >> 24) & 0xfe) | ((f >> 23) & 1);
    case 26:
        return f & 0x0003f07cu;
    case 28:
        return (f & 0x00000f83u) | ((f >> 22) & 4);
    case 31:
        return f;
    default:
        return 0;
    }
}

/*
 * CTC1 to FCSR or one of its views.  Writing cause bits whose exception is
 * enabled (or E) raises the FP exception at once (MIPS64 Volume II "CTC1").
 */
void helper_ctc1(CPUMIPSState *env, uint64_t v, uint32_t reg)
{
    uint32_t f = env->fcr31, val = v;
    switch (reg) {
    case 25:
        f = (f & ~0xfe800000u) | ((val & 0xfe) << 24) | ((val & 1) << 23);
        break;
    case 26:
        f = (f & ~0x0003f07cu) | (val & 0x0003f07cu);
        break;
    case 28:
        f = (f & ~0x01000f83u) | (val & 0x00000f83u) | ((val & 4) << 22);
        break;
    case 31:
        f = val;
        break;
    default:
        return;
    }
    mips_fcsr_set(env, f);
    uint32_t cause = (env->fcr31 >> FCSR_CAUSE_SHIFT) & 0x3f;
    uint32_t enables = ((env->fcr31 >> FCSR_ENABLE_SHIFT) & 0x1f) | 0x20;
    if (cause & enables) {
        mips_raise_exception(env, EXCP_FPE, 0, GETPC());
    }
}
