/*
 * neon.c — Advanced SIMD: every data-processing group (same length
 * integer and float, shifts by immediate, widening/narrowing, by scalar,
 * miscellaneous two-register, modified immediates, VEXT/VTBL/VTBX/VDUP)
 * on edge-heavy pseudo-random vectors, with QC and the cumulative flags.
 * q0 = a, q1 = b, q2 = c (and the destination), q8-q11 a table; the C
 * model (neon-model.h) is written from the ARMv7-A pseudocode.
 */
#include "isa.h"

#include <math.h>

struct in {
    uint64_t a[2], b[2], c[2];
    uint64_t t[8];            /* VTBL table q8-q11 */
};

typedef void (*testfn)(const struct in *in, uint64_t *out, uint32_t *fl);

#if ISA_ON_ARM
#define T(name, insn, model)                                                   \
    static void t_##name(const struct in *in, uint64_t *out, uint32_t *fl)     \
    {                                                                          \
        uint32_t f;                                                            \
        asm volatile(".fpu neon-vfpv4\n\t"                                     \
                     "vmsr fpscr, %[z]\n\t"                                    \
                     "vld1.64 {d0, d1}, [%[a]]\n\t"                            \
                     "vld1.64 {d2, d3}, [%[b]]\n\t"                            \
                     "vld1.64 {d4, d5}, [%[c]]\n\t"                            \
                     "vld1.64 {d16-d19}, [%[t]]!\n\t"                          \
                     "vld1.64 {d20-d23}, [%[t]]\n\t"                           \
                     insn "\n\t"                                               \
                     "vst1.64 {d4, d5}, [%[o]]\n\t"                            \
                     "vmrs %[f], fpscr"                                        \
                     : [f] "=r"(f), "+m"(*(uint64_t(*)[2])out)                 \
                     : [z] "r"(0), [a] "r"(in->a), [b] "r"(in->b), [c] "r"(in->c), \
                       [t] "r"(in->t), [o] "r"(out), "m"(*in)                  \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "d16", "d17", "d18", \
                       "d19", "d20", "d21", "d22", "d23", "r12", "memory");    \
        *fl = f;                                                               \
    }
#else
#include "neon-model.h"
#define T(name, insn, model)                                                   \
    static void t_##name(const struct in *in, uint64_t *out, uint32_t *fl)     \
    {                                                                          \
        struct st st = { { in->a[0], in->a[1], in->b[0], in->b[1], in->c[0], in->c[1] }, 0 }; \
        memcpy(st.t, in->t, sizeof(st.t));                                     \
        model;                                                                 \
        out[0] = st.r[4];                                                      \
        out[1] = st.r[5];                                                      \
        *fl = st.fl;                                                           \
    }
#endif

/* integer, same length: q2 = op(q0, q1) (D forms on d4 = op(d0, d2)) */
T(vadd_i8, "vadd.i8 q2, q0, q1", m3(&st, I_ADD, 8, 0, 1))
T(vsub_i64, "vsub.i64 q2, q0, q1", m3(&st, I_SUB, 64, 0, 1))
T(vqadd_s16, "vqadd.s16 q2, q0, q1", m3(&st, I_QADD, 16, 0, 1))
T(vqadd_u64, "vqadd.u64 q2, q0, q1", m3(&st, I_QADD, 64, 1, 1))
T(vqsub_u8, "vqsub.u8 d4, d0, d2", m3(&st, I_QSUB, 8, 1, 0))
T(vqsub_s32, "vqsub.s32 q2, q0, q1", m3(&st, I_QSUB, 32, 0, 1))
T(vhadd_s8, "vhadd.s8 q2, q0, q1", m3(&st, I_HADD, 8, 0, 1))
T(vrhadd_u16, "vrhadd.u16 q2, q0, q1", m3(&st, I_RHADD, 16, 1, 1))
T(vhsub_u32, "vhsub.u32 q2, q0, q1", m3(&st, I_HSUB, 32, 1, 1))
T(vmax_s32, "vmax.s32 q2, q0, q1", m3(&st, I_MAX, 32, 0, 1))
T(vmin_u8, "vmin.u8 q2, q0, q1", m3(&st, I_MIN, 8, 1, 1))
T(vabd_s16, "vabd.s16 q2, q0, q1", m3(&st, I_ABD, 16, 0, 1))
T(vaba_u8, "vaba.u8 q2, q0, q1", m3(&st, I_ABA, 8, 1, 1))
T(vtst_8, "vtst.8 q2, q0, q1", m3(&st, I_TST, 8, 0, 1))
T(vceq_i16, "vceq.i16 q2, q0, q1", m3(&st, I_CEQ, 16, 0, 1))
T(vcgt_s8, "vcgt.s8 q2, q0, q1", m3(&st, I_CGT, 8, 0, 1))
T(vcge_u32, "vcge.u32 q2, q0, q1", m3(&st, I_CGE, 32, 1, 1))
T(vshl_s16, "vshl.s16 q2, q0, q1", m3(&st, I_SHL, 16, 0, 1))
T(vshl_u64, "vshl.u64 q2, q0, q1", m3(&st, I_SHL, 64, 1, 1))
T(vrshl_s8, "vrshl.s8 q2, q0, q1", m3(&st, I_RSHL, 8, 0, 1))
T(vqshl_u16, "vqshl.u16 q2, q0, q1", m3(&st, I_QSHL, 16, 1, 1))
T(vqrshl_s32, "vqrshl.s32 q2, q0, q1", m3(&st, I_QRSHL, 32, 0, 1))
T(vmul_i16, "vmul.i16 q2, q0, q1", m3(&st, I_MUL, 16, 0, 1))
T(vmul_p8, "vmul.p8 q2, q0, q1", m3(&st, I_PMUL, 8, 0, 1))
T(vmla_i32, "vmla.i32 q2, q0, q1", m3(&st, I_MLA, 32, 0, 1))
T(vmls_i8, "vmls.i8 q2, q0, q1", m3(&st, I_MLS, 8, 0, 1))
T(vqdmulh_s16, "vqdmulh.s16 q2, q0, q1", m3(&st, I_QDMULH, 16, 0, 1))
T(vqrdmulh_s32, "vqrdmulh.s32 q2, q0, q1", m3(&st, I_QRDMULH, 32, 0, 1))
T(vpadd_i16, "vpadd.i16 d4, d0, d2", mpair(&st, I_ADD, 16, 0))
T(vpmax_u8, "vpmax.u8 d4, d0, d2", mpair(&st, I_MAX, 8, 1))
T(vpmin_s32, "vpmin.s32 d4, d0, d2", mpair(&st, I_MIN, 32, 0))
T(vbsl, "vbsl q2, q0, q1", mlogic(&st, 5))
T(vbif, "vbif q2, q0, q1", mlogic(&st, 7))
T(vorn, "vorn q2, q0, q1", mlogic(&st, 3))
/* shifts by an immediate */
T(vshr_s8, "vshr.s8 q2, q0, #3", msh(&st, S_SHR, 8, 0, 1, 3))
T(vshr_u16, "vshr.u16 q2, q0, #16", msh(&st, S_SHR, 16, 1, 1, 16))
T(vsra_u32, "vsra.u32 q2, q0, #1", msh(&st, S_SRA, 32, 1, 1, 1))
T(vrshr_s64, "vrshr.s64 q2, q0, #64", msh(&st, S_RSHR, 64, 0, 1, 64))
T(vrsra_s16, "vrsra.s16 q2, q0, #5", msh(&st, S_RSRA, 16, 0, 1, 5))
T(vsri_32, "vsri.32 q2, q0, #7", msh(&st, S_SRI, 32, 1, 1, 7))
T(vshl_i64, "vshl.i64 q2, q0, #63", msh(&st, S_SHL, 64, 0, 1, 63))
T(vsli_8, "vsli.8 q2, q0, #3", msh(&st, S_SLI, 8, 1, 1, 3))
T(vqshl_s16_i, "vqshl.s16 q2, q0, #15", msh(&st, S_QSHL, 16, 0, 1, 15))
T(vqshlu_s32, "vqshlu.s32 q2, q0, #4", msh(&st, S_QSHLU, 32, 0, 1, 4))
T(vqshl_u8_i, "vqshl.u8 d4, d0, #7", msh(&st, S_QSHL, 8, 1, 0, 7))
T(vshrn_i32, "vshrn.i32 d4, q0, #5", mnarrow(&st, 32, 5, 0, 'n'))
T(vrshrn_i16, "vrshrn.i16 d4, q0, #8", mnarrow(&st, 16, 8, 1, 'n'))
T(vqshrn_s32, "vqshrn.s32 d4, q0, #3", mnarrow(&st, 32, 3, 0, 's'))
T(vqrshrun_s16, "vqrshrun.s16 d4, q0, #2", mnarrow(&st, 16, 2, 1, 'U'))
T(vqshrn_u64, "vqshrn.u64 d4, q0, #1", mnarrow(&st, 64, 1, 0, 'u'))
T(vqrshrn_u16, "vqrshrn.u16 d4, q0, #8", mnarrow(&st, 16, 8, 1, 'u'))
T(vshll_s8, "vshll.s8 q2, d0, #3", mlong_sh(&st, 8, 0, 3))
T(vmovl_u16, "vmovl.u16 q2, d1", mlong_sh1(&st, 16, 1, 0))
T(vshll_i16_max, "vshll.i16 q2, d0, #16", mlong_sh(&st, 16, 1, 16))
/* different lengths */
T(vaddl_s8, "vaddl.s8 q2, d0, d2", ml(&st, L_ADD, 8, 0))
T(vaddw_u16, "vaddw.u16 q2, q0, d2", ml(&st, L_ADDW, 16, 1))
T(vsubl_u32, "vsubl.u32 q2, d0, d2", ml(&st, L_SUB, 32, 1))
T(vsubw_s8, "vsubw.s8 q2, q0, d2", ml(&st, L_SUBW, 8, 0))
T(vabal_u8, "vabal.u8 q2, d0, d2", ml(&st, L_ABAL, 8, 1))
T(vabdl_s16, "vabdl.s16 q2, d0, d2", ml(&st, L_ABDL, 16, 0))
T(vmlal_s32, "vmlal.s32 q2, d0, d2", ml(&st, L_MLAL, 32, 0))
T(vmlsl_u16, "vmlsl.u16 q2, d0, d2", ml(&st, L_MLSL, 16, 1))
T(vqdmlal_s16, "vqdmlal.s16 q2, d0, d2", ml(&st, L_QDMLAL, 16, 0))
T(vqdmlsl_s32, "vqdmlsl.s32 q2, d0, d2", ml(&st, L_QDMLSL, 32, 0))
T(vmull_u8, "vmull.u8 q2, d0, d2", ml(&st, L_MULL, 8, 1))
T(vmull_p8, "vmull.p8 q2, d0, d2", ml(&st, L_PMULL, 8, 0))
T(vqdmull_s16, "vqdmull.s16 q2, d0, d2", ml(&st, L_QDMULL, 16, 0))
T(vaddhn_i16, "vaddhn.i16 d4, q0, q1", mhn(&st, 16, 0, 0))
T(vraddhn_i32, "vraddhn.i32 d4, q0, q1", mhn(&st, 32, 0, 1))
T(vsubhn_i64, "vsubhn.i64 d4, q0, q1", mhn(&st, 64, 1, 0))
T(vrsubhn_i16, "vrsubhn.i16 d4, q0, q1", mhn(&st, 16, 1, 1))
/* by scalar: the scalar is d2[x] (16-bit: d2 = d2[0..3]) */
T(vmul_i16_s, "vmul.i16 d4, d0, d2[3]", mscalar(&st, I_MUL, 16, 0, 3))
T(vmla_i32_s, "vmla.i32 q2, q0, d2[1]", mscalar(&st, I_MLA, 32, 1, 1))
T(vmls_i16_s, "vmls.i16 q2, q0, d2[2]", mscalar(&st, I_MLS, 16, 1, 2))
T(vqdmulh_s32_s, "vqdmulh.s32 q2, q0, d2[0]", mscalar(&st, I_QDMULH, 32, 1, 0))
T(vqrdmulh_s16_s, "vqrdmulh.s16 d4, d0, d2[1]", mscalar(&st, I_QRDMULH, 16, 0, 1))
T(vmull_s16_s, "vmull.s16 q2, d0, d2[2]", mscalar_l(&st, L_MULL, 16, 0, 2))
T(vmlal_u32_s, "vmlal.u32 q2, d0, d2[1]", mscalar_l(&st, L_MLAL, 32, 1, 1))
T(vqdmlsl_s16_s, "vqdmlsl.s16 q2, d0, d2[0]", mscalar_l(&st, L_QDMLSL, 16, 0, 0))
T(vmla_f32_s, "vmla.f32 q2, q0, d2[1]", mfs(&st, F_MLA, 1, 1))
T(vmul_f32_s, "vmul.f32 d4, d0, d2[0]", mfs(&st, F_MUL, 0, 0))
/* miscellaneous */
T(vrev64_8, "vrev64.8 q2, q0", mrev(&st, 8, 64))
T(vrev32_16, "vrev32.16 q2, q0", mrev(&st, 16, 32))
T(vrev16_8, "vrev16.8 d4, d0", mrev1(&st, 8, 16))
T(vpaddl_s8, "vpaddl.s8 q2, q0", mpaddl(&st, 8, 0, 0))
T(vpadal_u16, "vpadal.u16 q2, q0", mpaddl(&st, 16, 1, 1))
T(vcls_s8, "vcls.s8 q2, q0", m1(&st, U_CLS, 8))
T(vclz_i16, "vclz.i16 q2, q0", m1(&st, U_CLZ, 16))
T(vclz_i32, "vclz.i32 q2, q0", m1(&st, U_CLZ, 32))
T(vcnt_8, "vcnt.8 q2, q0", m1(&st, U_CNT, 8))
T(vmvn, "vmvn q2, q0", m1(&st, U_MVN, 8))
T(vqabs_s8, "vqabs.s8 q2, q0", m1(&st, U_QABS, 8))
T(vqneg_s16, "vqneg.s16 q2, q0", m1(&st, U_QNEG, 16))
T(vabs_s32, "vabs.s32 q2, q0", m1(&st, U_ABS, 32))
T(vneg_s8, "vneg.s8 q2, q0", m1(&st, U_NEG, 8))
T(vcgt0_s32, "vcgt.s32 q2, q0, #0", m1(&st, U_CGT0, 32))
T(vceq0_i8, "vceq.i8 q2, q0, #0", m1(&st, U_CEQ0, 8))
T(vcle0_s16, "vcle.s16 q2, q0, #0", m1(&st, U_CLE0, 16))
T(vclt0_s8, "vclt.s8 q2, q0, #0", m1(&st, U_CLT0, 8))
T(vcge0_f32, "vcge.f32 q2, q0, #0", mf1(&st, V_CGE0))
T(vclt0_f32, "vclt.f32 q2, q0, #0", mf1(&st, V_CLT0))
T(vabs_f32, "vabs.f32 q2, q0", mf1(&st, V_ABS))
T(vneg_f32, "vneg.f32 q2, q0", mf1(&st, V_NEG))
T(vrecpe_f32, "vrecpe.f32 q2, q0", mf1(&st, V_RECPE))
T(vrsqrte_f32, "vrsqrte.f32 q2, q0", mf1(&st, V_RSQRTE))
T(vrecpe_u32, "vrecpe.u32 q2, q0", mf1(&st, V_RECPEU))
T(vrsqrte_u32, "vrsqrte.u32 q2, q0", mf1(&st, V_RSQRTEU))
T(vcvt_s32_f32, "vcvt.s32.f32 q2, q0", mf1(&st, V_TOS))
T(vcvt_u32_f32, "vcvt.u32.f32 q2, q0", mf1(&st, V_TOU))
T(vcvt_f32_s32, "vcvt.f32.s32 q2, q0", mf1(&st, V_FROMS))
T(vcvt_f32_u32, "vcvt.f32.u32 q2, q0", mf1(&st, V_FROMU))
T(vcvt_s32_f32_8, "vcvt.s32.f32 q2, q0, #8", mfix(&st, 1, 0, 8))
T(vcvt_u32_f32_32, "vcvt.u32.f32 q2, q0, #32", mfix(&st, 1, 1, 32))
T(vcvt_f32_u32_16, "vcvt.f32.u32 q2, q0, #16", mfix(&st, 0, 1, 16))
T(vcvt_f32_s32_1, "vcvt.f32.s32 q2, q0, #1", mfix(&st, 0, 0, 1))
T(vcvt_f16_f32, ".fpu neon-fp16\n\tvcvt.f16.f32 d4, q0", mhalf(&st, 1))
T(vcvt_f32_f16, ".fpu neon-fp16\n\tvcvt.f32.f16 q2, d0", mhalf(&st, 0))
T(vswp, "vswp d4, d0\n\tveor d4, d4, d1", mswp(&st))
T(vtrn_8, "vtrn.8 q2, q0\n\tveor q2, q2, q0", mperm(&st, 'T', 8, 1, 'x'))
T(vtrn_32, "vtrn.32 d4, d0\n\tveor d4, d4, d0", mperm(&st, 'T', 32, 0, 'x'))
T(vuzp_16, "vuzp.16 q2, q0\n\tvadd.i8 q2, q2, q0", mperm(&st, 'U', 16, 1, 'a'))
T(vzip_8, "vzip.8 d4, d0\n\tvadd.i16 d4, d4, d0", mperm(&st, 'Z', 8, 0, 'h'))
T(vzip_32, "vzip.32 q2, q0\n\tvsub.i32 q2, q2, q0", mperm(&st, 'Z', 32, 1, 's'))
T(vmovn_i32, "vmovn.i32 d4, q0", mmovn(&st, 32, 'n'))
T(vqmovun_s16, "vqmovun.s16 d4, q0", mmovn(&st, 16, 'U'))
T(vqmovn_u32, "vqmovn.u32 d4, q0", mmovn(&st, 32, 'u'))
T(vqmovn_s64, "vqmovn.s64 d4, q0", mmovn(&st, 64, 's'))
/* VMOV between core registers and scalars of each size (through ip) */
T(vmov_scalar, "vmov.s16 ip, d0[3]\n\tvmov.8 d4[2], ip\n\tvmov.u8 ip, d1[7]\n\tvmov.16 d5[1], ip\n\t"
               "vmov.s8 ip, d2[1]\n\tvmov.32 d4[1], ip\n\tvmov.u16 ip, d3[2]\n\tvmov.32 d5[1], ip",
  mvmovs(&st))
/* modified immediates */
T(vmov_i8, "vmov.i8 q2, #0xab", mimm(&st, 0xababababababababull, 'm'))
T(vmov_i32, "vmov.i32 q2, #0x1200", mimm(&st, 0x0000120000001200ull, 'm'))
T(vmov_i32_ff, "vmov.i32 d4, #0x12ffff", mimm1(&st, 0x0012ffff0012ffffull))
T(vmvn_i16, "vmvn.i16 q2, #0x45", mimm(&st, ~0x0045004500450045ull, 'm'))
T(vorr_i32, "vorr.i32 q2, #0x56000000", mimm(&st, 0x5600000056000000ull, 'o'))
T(vbic_i16, "vbic.i16 q2, #0xff00", mimm(&st, 0xff00ff00ff00ff00ull, 'b'))
T(vmov_i64, "vmov.i64 q2, #0xff00ff0000ffff00", mimm(&st, 0xff00ff0000ffff00ull, 'm'))
T(vmov_f32, "vmov.f32 q2, #-1.5", mimm(&st, 0xbfc00000bfc00000ull, 'm'))
/* VEXT, VTBL, VTBX, VDUP */
T(vext_8_d, "vext.8 d4, d0, d2, #3", mext(&st, 0, 3))
T(vext_8_q, "vext.8 q2, q0, q1, #13", mext(&st, 1, 13))
T(vtbl_1, "vtbl.8 d4, {d16}, d0", mtbl(&st, 1, 0, 0))
T(vtbl_3, "vtbl.8 d4, {d16-d18}, d1", mtbl(&st, 3, 0, 1))
T(vtbx_4, "vtbx.8 d4, {d16-d19}, d0", mtbl(&st, 4, 1, 0))
T(vtbx_2, "vtbx.8 d5, {d16-d17}, d1", mtbl2(&st))
T(vdup_16, "vdup.16 d4, d0[3]", mdup(&st, 16, 3, 0))
T(vdup_32, "vdup.32 q2, d1[1]", mdup(&st, 32, 3, 1))
T(vdup_8, "vdup.8 q2, d0[5]", mdup(&st, 8, 5, 1))
/* float, same length (standard FPSCR value: flush to zero, default NaN, nearest) */
T(vadd_f32, "vadd.f32 q2, q0, q1", mf3(&st, F_ADD))
T(vsub_f32, "vsub.f32 q2, q0, q1", mf3(&st, F_SUB))
T(vmul_f32, "vmul.f32 q2, q0, q1", mf3(&st, F_MUL))
T(vmla_f32, "vmla.f32 q2, q0, q1", mf3(&st, F_MLA))
T(vmls_f32, "vmls.f32 q2, q0, q1", mf3(&st, F_MLS))
T(vfma_f32, "vfma.f32 q2, q0, q1", mf3(&st, F_FMA))
T(vfms_f32, "vfms.f32 q2, q0, q1", mf3(&st, F_FMS))
T(vabd_f32, "vabd.f32 q2, q0, q1", mf3(&st, F_ABD))
T(vpadd_f32, "vpadd.f32 d4, d0, d2", mf3(&st, F_PADD))
T(vceq_f32, "vceq.f32 q2, q0, q1", mf3(&st, F_CEQ))
T(vcge_f32, "vcge.f32 q2, q0, q1", mf3(&st, F_CGE))
T(vcgt_f32, "vcgt.f32 q2, q0, q1", mf3(&st, F_CGT))
T(vacge_f32, "vacge.f32 q2, q0, q1", mf3(&st, F_ACGE))
T(vacgt_f32, "vacgt.f32 q2, q0, q1", mf3(&st, F_ACGT))
T(vmax_f32, "vmax.f32 q2, q0, q1", mf3(&st, F_MAX))
T(vmin_f32, "vmin.f32 q2, q0, q1", mf3(&st, F_MIN))
T(vpmax_f32, "vpmax.f32 d4, d0, d2", mf3(&st, F_PMAX))
T(vpmin_f32, "vpmin.f32 d4, d0, d2", mf3(&st, F_PMIN))
T(vrecps_f32, "vrecps.f32 q2, q0, q1", mf3(&st, F_RECPS))
T(vrsqrts_f32, "vrsqrts.f32 q2, q0, q1", mf3(&st, F_RSQRTS))

#define E(n) { #n, t_##n }
static const struct {
    const char *name;
    testfn fn;
} tests[] = {
    E(vadd_i8), E(vsub_i64), E(vqadd_s16), E(vqadd_u64), E(vqsub_u8), E(vqsub_s32), E(vhadd_s8),
    E(vrhadd_u16), E(vhsub_u32), E(vmax_s32), E(vmin_u8), E(vabd_s16), E(vaba_u8), E(vtst_8),
    E(vceq_i16), E(vcgt_s8), E(vcge_u32), E(vshl_s16), E(vshl_u64), E(vrshl_s8), E(vqshl_u16),
    E(vqrshl_s32), E(vmul_i16), E(vmul_p8), E(vmla_i32), E(vmls_i8), E(vqdmulh_s16),
    E(vqrdmulh_s32), E(vpadd_i16), E(vpmax_u8), E(vpmin_s32), E(vbsl), E(vbif), E(vorn),
    E(vshr_s8), E(vshr_u16), E(vsra_u32), E(vrshr_s64), E(vrsra_s16), E(vsri_32), E(vshl_i64),
    E(vsli_8), E(vqshl_s16_i), E(vqshlu_s32), E(vqshl_u8_i), E(vshrn_i32), E(vrshrn_i16),
    E(vqshrn_s32), E(vqrshrun_s16), E(vqshrn_u64), E(vqrshrn_u16), E(vshll_s8), E(vmovl_u16),
    E(vshll_i16_max), E(vaddl_s8), E(vaddw_u16), E(vsubl_u32), E(vsubw_s8), E(vabal_u8),
    E(vabdl_s16), E(vmlal_s32), E(vmlsl_u16), E(vqdmlal_s16), E(vqdmlsl_s32), E(vmull_u8),
    E(vmull_p8), E(vqdmull_s16), E(vaddhn_i16), E(vraddhn_i32), E(vsubhn_i64), E(vrsubhn_i16),
    E(vmul_i16_s), E(vmla_i32_s), E(vmls_i16_s), E(vqdmulh_s32_s), E(vqrdmulh_s16_s),
    E(vmull_s16_s), E(vmlal_u32_s), E(vqdmlsl_s16_s), E(vmla_f32_s), E(vmul_f32_s),
    E(vrev64_8), E(vrev32_16), E(vrev16_8), E(vpaddl_s8), E(vpadal_u16), E(vcls_s8),
    E(vclz_i16), E(vclz_i32), E(vcnt_8), E(vmvn), E(vqabs_s8), E(vqneg_s16), E(vabs_s32),
    E(vneg_s8), E(vcgt0_s32), E(vceq0_i8), E(vcle0_s16), E(vclt0_s8), E(vcge0_f32),
    E(vclt0_f32), E(vabs_f32), E(vneg_f32), E(vrecpe_f32), E(vrsqrte_f32), E(vrecpe_u32),
    E(vrsqrte_u32), E(vcvt_s32_f32), E(vcvt_u32_f32), E(vcvt_f32_s32), E(vcvt_f32_u32),
    E(vcvt_s32_f32_8), E(vcvt_u32_f32_32), E(vcvt_f32_u32_16), E(vcvt_f32_s32_1),
    E(vcvt_f16_f32), E(vcvt_f32_f16), E(vswp), E(vtrn_8), E(vtrn_32), E(vuzp_16), E(vzip_8),
    E(vzip_32), E(vmovn_i32), E(vqmovun_s16), E(vqmovn_u32), E(vqmovn_s64), E(vmov_scalar), E(vmov_i8),
    E(vmov_i32), E(vmov_i32_ff), E(vmvn_i16), E(vorr_i32), E(vbic_i16), E(vmov_i64), E(vmov_f32),
    E(vext_8_d), E(vext_8_q), E(vtbl_1), E(vtbl_3), E(vtbx_4), E(vtbx_2), E(vdup_16), E(vdup_32),
    E(vdup_8), E(vadd_f32), E(vsub_f32), E(vmul_f32), E(vmla_f32), E(vmls_f32), E(vfma_f32),
    E(vfms_f32), E(vabd_f32), E(vpadd_f32), E(vceq_f32), E(vcge_f32), E(vcgt_f32), E(vacge_f32),
    E(vacgt_f32), E(vmax_f32), E(vmin_f32), E(vpmax_f32), E(vpmin_f32), E(vrecps_f32),
    E(vrsqrts_f32),
};

/* inputs: a xorshift stream, with edge elements mixed in (limits, zeros, float specials) */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const uint32_t special32[] = {
    0x00000000, 0x80000000, 0x7fffffff, 0xffffffff, 0x00000001, 0x3f800000, 0xbf800000,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x00400000, 0x80000001, 0x4f000000,
    0xcf000000, 0x4f800000, 0x3f000000, 0x7f7fffff, 0x00800000, 0x3effffff, 0x40490fdb,
};

static uint64_t word(void)
{
    uint64_t r = next();
    switch (r & 7) {
    case 0: case 1: {
        uint32_t lo = special32[(r >> 8) % (sizeof(special32) / 4)];
        uint32_t hi = special32[(r >> 16) % (sizeof(special32) / 4)];
        return (uint64_t)hi << 32 | lo;
    }
    case 2:
        return (r >> 3) & 0x0f0f0f0f0f0f0f0full;   /* small bytes: shift counts, table indices */
    case 3: {
        /* normal floats of moderate size */
        uint32_t lo = 0x3c000000u + (uint32_t)(r >> 8 & 0x07ffffff);
        uint32_t hi = 0x3c000000u + (uint32_t)(r >> 35 & 0x07ffffff) + ((r >> 30) & 1 ? 0x80000000u : 0);
        return (uint64_t)hi << 32 | lo;
    }
    default:
        return next();
    }
}

int main(void)
{
    unsigned long n = 0;
    for (size_t k = 0; k < sizeof(tests) / sizeof(tests[0]); k++) {
        for (int i = 0; i < 24; i++) {
            struct in in;
            in.a[0] = word(); in.a[1] = word();
            in.b[0] = word(); in.b[1] = word();
            in.c[0] = word(); in.c[1] = word();
            for (int j = 0; j < 8; j++) {
                in.t[j] = next();
            }
            uint64_t out[2];
            uint32_t fl;
            tests[k].fn(&in, out, &fl);
            printf("%s %016llx%016llx %016llx%016llx %016llx%016llx -> %016llx%016llx %08x\n",
                   tests[k].name, (unsigned long long)in.a[1], (unsigned long long)in.a[0],
                   (unsigned long long)in.b[1], (unsigned long long)in.b[0],
                   (unsigned long long)in.c[1], (unsigned long long)in.c[0],
                   (unsigned long long)out[1], (unsigned long long)out[0], fl & 0x0800009fu);
            n++;
        }
    }
    printf("neon: %lu results\n", n);
    return 0;
}
