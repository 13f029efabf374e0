/*
 * vfp_helper.c — FPSCR and the link between it and fpu/'s FloatStatus.
 *
 * FPSCR is kept in pieces: the control fields in env->vfp.fpscr, the
 * cumulative exception bits as the accumulated flags of the two FloatStatus
 * (VFP's and NEON's "standard FPSCR value" one, ARM ARM A2.7.3), QC apart.
 * vfp_get_fpscr() assembles them; vfp_set_fpscr() scatters them and sets the
 * rounding mode, flush-to-zero and default-NaN behaviour of fp_status.
 */
#include "internals.h"

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
