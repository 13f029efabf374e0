/*
 * vfp_helper.c — FPSCR and the link between it and fpu/'s FloatStatus.
 *
 * FPSCR is kept in pieces: the control fields in env->vfp.fpscr, the
 * cumulative exception bits as the accumulated flags of the two FloatStatus
 * (VFP's and NEON's "standard FPSCR value" one, ARM ARM A2.7.3), QC apart.
 * vfp_get_fpscr() assembles them; vfp_set_fpscr() scatters them and sets the
 * rounding mode, flush-to-zero and default-NaN behaviour of fp_status.
 *
 * The arithmetic helpers work on env->vfp.d directly, register numbers
 * packed into one word by translate-vfp.c: op | sz << 4 | rd << 8 | rn << 16
 * | rm << 24 (singles 0-31, doubles 0-31).  The common operations (add,
 * sub, mul, div and the VMLA family built from them) instead have one helper
 * per operation and width on values loaded and stored by the generated code:
 * no run-time decode, and the call touches no TCG global.
 */
#include "internals.h"

#define FT float32
#define P(name) float32_##name
#define SIGN 0x80000000u
#define VFP_SUFFIX(name) name##_s
#include "vfp-ops.h"
#undef FT
#undef P
#undef SIGN
#undef VFP_SUFFIX

#define FT float64
#define P(name) float64_##name
#define SIGN 0x8000000000000000ull
#define VFP_SUFFIX(name) name##_d
#include "vfp-ops.h"
#undef FT
#undef P
#undef SIGN
#undef VFP_SUFFIX

static uint32_t *sreg(CPUARMState *env, unsigned n)
{
    return arm_vfp_sreg(env, n);
}

#define VFP_BINOP(NAME, FT, T, SUF)                                       \
    T helper_vfp_##NAME##SUF(CPUARMState *env, T a, T b)                  \
    {                                                                     \
        FT r_;                                                            \
        if (FT##_fast_##NAME(a, b, &r_, &env->vfp.fp_status)) {           \
            return r_;      /* the common case, without the soft frame */ \
        }                                                                 \
        return FT##_##NAME(a, b, &env->vfp.fp_status);                    \
    }
VFP_BINOP(add, float32, uint32_t, s)
VFP_BINOP(sub, float32, uint32_t, s)
VFP_BINOP(mul, float32, uint32_t, s)
VFP_BINOP(div, float32, uint32_t, s)
VFP_BINOP(add, float64, uint64_t, d)
VFP_BINOP(sub, float64, uint64_t, d)
VFP_BINOP(mul, float64, uint64_t, d)
VFP_BINOP(div, float64, uint64_t, d)
#undef VFP_BINOP

void helper_vfp_3op(CPUARMState *env, uint32_t packed)
{
    unsigned op = packed & 15, rd = (packed >> 8) & 31, rn = (packed >> 16) & 31;
    unsigned rm = packed >> 24;
    FloatStatus *s = &env->vfp.fp_status;
    if (packed & 16) {
        env->vfp.d[rd] = vfp_3op_d(op, env->vfp.d[rd], env->vfp.d[rn], env->vfp.d[rm], s);
    } else {
        *sreg(env, rd) = vfp_3op_s(op, *sreg(env, rd), *sreg(env, rn), *sreg(env, rm), s);
    }
}

/*
 * The two-operand group, op = opc2 << 1 | bit 7 (A7.5): VMOV, VABS, VNEG,
 * VSQRT, VCMP{E} (with a register or zero), VCVT between the sizes, from
 * and to integers, to and from half precision (IEEE format: FPSCR.AHP is
 * ignored) and fixed point.  Returns false for an encoding it does not know.
 */
bool arm_vfp_2op_valid(uint32_t op)
{
    switch (op) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
    case 0x08: case 0x09: case 0x0a: case 0x0b: case 0x0f: case 0x10: case 0x11:
    case 0x14: case 0x15: case 0x16: case 0x17: case 0x18: case 0x19: case 0x1a: case 0x1b:
    case 0x1c: case 0x1d: case 0x1e: case 0x1f:
        return true;
    default:
        return false;
    }
}

/*
 * FPToFixed with round towards zero (A2.7.8): scaling by a power of two is
 * exact, so the value is scaled first (a scalbn overflow just saturates
 * below); a result out of the bits' range saturates with only IOC.
 */
static uint64_t vfp_to_fixed(uint64_t v, bool dp, int fbits, int bits, bool uns, FloatStatus *s)
{
    FloatStatus t = *s;
    t.flags = 0;
    int64_t r;
    if (dp) {
        r = float64_to_int64_round_to_zero(float64_scalbn(v, fbits, &t), &t);
    } else {
        r = float32_to_int64_round_to_zero(float32_scalbn((uint32_t)v, fbits, &t), &t);
    }
    int64_t hi = uns ? (int64_t)((1ull << bits) - 1) : (int64_t)((1ull << (bits - 1)) - 1);
    int64_t lo = uns ? 0 : -hi - 1;
    if ((t.flags & float_flag_invalid) || r > hi || r < lo) {
        s->flags |= float_flag_invalid | (t.flags & float_flag_input_flushed);
        bool nan = dp ? float64_is_nan(v) : float32_is_nan((uint32_t)v);
        r = nan ? 0 : r > hi ? hi : r < lo ? lo : r;
    } else {
        s->flags |= t.flags & (float_flag_inexact | float_flag_input_flushed);
    }
    /* the register receives the result extended to its width */
    return (uint64_t)r & (dp ? ~0ull : 0xffffffffull);
}

/* VCVTB/VCVTT: half precision outputs are never flushed, nor half inputs (FPUnpack, FPRound with N = 16) */
static uint32_t vfp_f32_to_f16(uint32_t a, FloatStatus *s)
{
    bool ftz = s->flush_to_zero;
    s->flush_to_zero = false;
    uint32_t r = float32_to_float16(a, s);
    s->flush_to_zero = ftz;
    return r;
}

static uint32_t vfp_f16_to_f32(uint32_t a, FloatStatus *s)
{
    bool fiz = s->flush_inputs_to_zero;
    s->flush_inputs_to_zero = false;
    uint32_t r = float16_to_float32((float16)a, s);
    s->flush_inputs_to_zero = fiz;
    return r;
}

void helper_vfp_2op(CPUARMState *env, uint32_t packed)
{
    unsigned op = packed & 0xff, rd = (packed >> 8) & 31, rm = packed >> 24;
    bool dp = packed & 0x10000;
    FloatStatus *s = &env->vfp.fp_status;
    uint64_t *dd = &env->vfp.d[rd], m64 = env->vfp.d[rm];
    uint32_t *sd = sreg(env, rd), m32 = *sreg(env, rm);

    switch (op) {
    case 0x00: /* VMOV */
        if (dp) { *dd = m64; } else { *sd = m32; }
        break;
    case 0x01: /* VABS */
        if (dp) { *dd = m64 & ~(1ull << 63); } else { *sd = m32 & ~(1u << 31); }
        break;
    case 0x02: /* VNEG */
        if (dp) { *dd = m64 ^ (1ull << 63); } else { *sd = m32 ^ (1u << 31); }
        break;
    case 0x03: /* VSQRT */
        if (dp) { *dd = float64_sqrt(m64, s); } else { *sd = float32_sqrt(m32, s); }
        break;
    case 0x04: case 0x05: /* VCVTB/VCVTT.F32.F16: the bottom or top half of Sm */
        *sd = vfp_f16_to_f32(op & 1 ? m32 >> 16 : m32 & 0xffff, s);
        break;
    case 0x06: case 0x07: { /* VCVTB/VCVTT.F16.F32: the other half of Sd is kept */
        uint32_t h = vfp_f32_to_f16(m32, s);
        *sd = op & 1 ? (*sd & 0xffff) | h << 16 : (*sd & 0xffff0000u) | h;
        break;
    }
    case 0x14: case 0x15: case 0x16: case 0x17: { /* VCVT from fixed point: rm = fraction bits */
        bool uns = op & 2;
        int bits = op & 1 ? 32 : 16;
        uint64_t raw = dp ? *dd : *sd;
        int64_t v = uns ? (int64_t)(raw & ((1ull << bits) - 1))
                        : (int64_t)(raw << (64 - bits)) >> (64 - bits);
        if (dp) {
            *dd = float64_scalbn(int64_to_float64(v, s), -(int)rm, s);
        } else {
            *sd = float32_scalbn(int64_to_float32(v, s), -(int)rm, s);
        }
        break;
    }
    case 0x1c: case 0x1d: case 0x1e: case 0x1f: { /* VCVT to fixed point, round towards zero */
        uint64_t r = vfp_to_fixed(dp ? *dd : *sd, dp, rm, op & 1 ? 32 : 16, op & 2, s);
        if (dp) { *dd = r; } else { *sd = (uint32_t)r; }
        break;
    }
    case 0x08: case 0x09: case 0x0a: case 0x0b: { /* VCMP{E} Vd, Vm / #0 */
        bool e = op & 1, zero = op & 2;
        uint32_t nzcv = dp ? vfp_cmp_d(*dd, zero ? 0 : m64, e, s)
                           : vfp_cmp_s(*sd, zero ? 0 : m32, e, s);
        env->vfp.fpscr = (env->vfp.fpscr & ~FPSCR_NZCV) | nzcv;
        break;
    }
    case 0x0f: /* VCVT: sz names the source; the destination is the other size */
        if (dp) {
            *sd = float64_to_float32(m64, s);
        } else {
            *dd = float32_to_float64(m32, s);
        }
        break;
    case 0x10: case 0x11: /* VCVT from unsigned (bit 7 clear) / signed int in an S register */
        if (dp) {
            *dd = (op & 1) ? int32_to_float64((int32_t)m32, s) : uint32_to_float64(m32, s);
        } else {
            *sd = (op & 1) ? int32_to_float32((int32_t)m32, s) : uint32_to_float32(m32, s);
        }
        break;
    case 0x18: case 0x19: /* VCVT{R} to unsigned: bit 7 set rounds towards zero */
        if (dp) {
            *sd = (op & 1) ? float64_to_uint32_round_to_zero(m64, s) : float64_to_uint32(m64, s);
        } else {
            *sd = (op & 1) ? float32_to_uint32_round_to_zero(m32, s) : float32_to_uint32(m32, s);
        }
        break;
    default: /* 0x1a, 0x1b: to signed */
        if (dp) {
            *sd = (op & 1) ? (uint32_t)float64_to_int32_round_to_zero(m64, s)
                           : (uint32_t)float64_to_int32(m64, s);
        } else {
            *sd = (op & 1) ? (uint32_t)float32_to_int32_round_to_zero(m32, s)
                           : (uint32_t)float32_to_int32(m32, s);
        }
        break;
    }
}

/* softfloat flag -> FPSCR cumulative bit */
static const struct {
    uint32_t flag;
    uint32_t fpscr;
} vfp_flag_map[] = {
    { float_flag_invalid, FPSCR_IOC },
    { float_flag_divbyzero, FPSCR_DZC },
    { float_flag_overflow, FPSCR_OFC },
    { float_flag_underflow, FPSCR_UFC },
    { float_flag_inexact, FPSCR_IXC },
    { float_flag_input_flushed, FPSCR_IDC },
};

uint32_t arm_vfp_exceptions_to_fpscr(uint32_t flags)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < sizeof(vfp_flag_map) / sizeof(vfp_flag_map[0]); i++) {
        if (flags & vfp_flag_map[i].flag) {
            r |= vfp_flag_map[i].fpscr;
        }
    }
    return r;
}

static uint32_t fpscr_to_exceptions(uint32_t fpscr)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < sizeof(vfp_flag_map) / sizeof(vfp_flag_map[0]); i++) {
        if (fpscr & vfp_flag_map[i].fpscr) {
            r |= vfp_flag_map[i].flag;
        }
    }
    return r;
}

uint32_t vfp_get_fpscr(CPUARMState *env)
{
    uint32_t flags = env->vfp.fp_status.flags | env->vfp.standard_fp_status.flags;
    return env->vfp.fpscr | arm_vfp_exceptions_to_fpscr(flags) |
           (env->vfp.qc ? FPSCR_QC : 0);
}

/* FPSCR.RMODE (ARM ARM A2.7.3): 0 nearest, 1 towards +inf, 2 towards -inf, 3 towards zero. */
static const FloatRoundMode vfp_rmode[4] = {
    float_round_nearest_even, float_round_up, float_round_down, float_round_to_zero,
};

void arm_vfp_update_status(CPUARMState *env)
{
    uint32_t c = env->vfp.fpscr;
    FloatStatus *s = &env->vfp.fp_status;
    s->rounding_mode = vfp_rmode[(c >> 22) & 3];
    s->flush_to_zero = (c & FPSCR_FZ) != 0;
    s->flush_inputs_to_zero = (c & FPSCR_FZ) != 0;
    s->nan = (c & FPSCR_DN) ? arm_nan_rules_dn() : &float_nan_rules_arm;
}

void vfp_set_fpscr(CPUARMState *env, uint32_t val)
{
    /* the control bits that exist on ARMv7 (A2.7.3); the rest read as zero */
    const uint32_t ctrl = FPSCR_NZCV | FPSCR_AHP | FPSCR_DN | FPSCR_FZ | FPSCR_RMODE |
                          FPSCR_STRIDE | FPSCR_LEN;
    FloatStatus *s = &env->vfp.fp_status;
    FloatStatus *n = &env->vfp.standard_fp_status;

    if (!s->nan) {
        /* first call (reset): the fixed parts of both statuses */
        float_status_init(s, &float_nan_rules_arm);
        float_status_init(n, arm_nan_rules_dn());
        s->tininess_before_rounding = true;
        n->tininess_before_rounding = true;
        n->flush_to_zero = true;
        n->flush_inputs_to_zero = true;
    }
    env->vfp.fpscr = val & ctrl;
    env->vfp.qc = (val & FPSCR_QC) != 0;
    env->vfp.vec_len = (val >> 16) & 7;
    env->vfp.vec_stride = (val >> 20) & 3;
    s->flags = fpscr_to_exceptions(val);
    n->flags = 0;
    arm_vfp_update_status(env);
}

uint32_t helper_vfp_get_fpscr(CPUARMState *env)
{
    return vfp_get_fpscr(env);
}

void helper_vfp_set_fpscr(CPUARMState *env, uint32_t val)
{
    vfp_set_fpscr(env, val);
}
