/*
 * a32-helpers.h — the helper-call descriptors (TCGHelperInfo, op_helper.c)
 * and TCGTemp shorthands shared by the A32/T32 translator files.  Static
 * const data in a header: a file that does not call a helper does not
 * carry its descriptor.
 */
#ifndef TARGET_ARM_A32_HELPERS_H
#define TARGET_ARM_A32_HELPERS_H

#include "translate.h"

#include "util/bitops.h"
ARM_HELPER(exception, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32, T_I32);
ARM_HELPER(cpsr_read, TCG_CALL_NO_WG, T_I32, T_PTR);
ARM_HELPER(cpsr_write, 0, T_VOID, T_PTR, T_I32, T_I32);
ARM_HELPER(shift_cc, 0, T_I32, T_PTR, T_I32, T_I32, T_I32);
ARM_HELPER(shift, TCG_CALL_PURE, T_I32, T_I32, T_I32, T_I32);
ARM_HELPER(add_saturate, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(sub_saturate, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(add_setq, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(ssat, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(usat, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(ssat16, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(usat16, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(parallel, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32);
ARM_HELPER(sel, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(sdiv, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(udiv, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(rbit, TCG_CALL_PURE, T_I32, T_I32);
ARM_HELPER(usad8, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(strex, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32, T_I32);
ARM_HELPER(swp, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32);

static inline TCGTemp *tenv(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static inline TCGTemp *t32(TCGv_i32 v)
{
    return tcgv_i32_temp(v);
}

static inline TCGTemp *c32(uint32_t c)
{
    return tcgv_i32_temp(tcg_constant_i32(c));
}

/* The rotated 8-bit immediate; with flags and a rotation, C is its bit 31 (A5.2.4). */
static inline uint32_t imm_rot(int imm, int rot)
{
    return ror32(imm, rot * 2);
}

#endif
