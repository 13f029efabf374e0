/*
 * translate-dp.c — the A32 data-processing instructions (a32-dp.decode):
 * ALU operations with the three operand forms, MOVW/MOVT, saturating
 * arithmetic, parallel add/subtract, packing, extension, reversal, bit
 * fields and CLZ.  Thumb reaches them through thumb.c's re-encoding.
 */
#include "a32-helpers.h"

#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

#include "a32-dp.c.inc"

/* ---- data processing ----------------------------------------------------- */

typedef enum { DP_LOGIC, DP_ARITH } DPKind;
/* r = op(a, b); a is NULL for the one-operand ops (MOV, MVN). */
typedef void DPFn(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);

/*
 * What is left after the operands are ready: run the op with or without
 * flags and write rd.  rd == 15 with S is the exception return of system
 * mode (SUBS pc, lr); here it is only valid outside user mode.
 */
bool arm_op_dp(DisasContext *s, int s_flag, int rd, int rn, TCGv_i32 b,
                  DPFn *plain, DPFn *cc, bool logic, bool write)
{
    TCGv_i32 a = rn >= 0 ? arm_load_reg(s, rn) : NULL;
    TCGv_i32 r = tcg_temp_new_i32();

    if (s_flag && rd == 15 && write) {
        /* exception return: not available to unprivileged code */
        return arm_unallocated_encoding(s);
    }
    if (s_flag && cc) {
        cc(r, a, b);
    } else {
        plain(r, a, b);
        if (s_flag && logic) {
            arm_gen_logic_cc(r);
        }
    }
    if (write) {
        arm_store_reg_bx(s, rd, r, false);
    }
    return true;
}

static void dp_and(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_and_i32(r, a, b); }
static void dp_eor(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_xor_i32(r, a, b); }
static void dp_orr(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_or_i32(r, a, b); }
static void dp_bic(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_andc_i32(r, a, b); }
static void dp_mov(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_mov_i32(r, b); }
static void dp_mvn(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_not_i32(r, b); }
static void dp_add(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_add_i32(r, a, b); }
static void dp_sub(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_sub_i32(r, a, b); }
static void dp_rsb(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { tcg_gen_sub_i32(r, b, a); }
static void dp_rsb_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { arm_gen_sub_cc(r, b, a); }
static void dp_rsc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { arm_gen_sbc(r, b, a); }
static void dp_rsc_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { arm_gen_sbc_cc(r, b, a); }

/*
 * One row per data-processing opcode: the plain op, the flag-setting op for
 * arithmetic (NULL: logical, flags from the result and the shifter carry),
 * whether it writes rd, whether it reads rn.
 */
typedef struct DPOp {
    DPFn *plain;
    DPFn *cc;
    bool write;
    bool has_rn;
} DPOp;

enum { OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
       OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN };

static const DPOp dp_ops[16] = {
    [OP_AND] = { dp_and, NULL, true, true },
    [OP_EOR] = { dp_eor, NULL, true, true },
    [OP_SUB] = { dp_sub, arm_gen_sub_cc, true, true },
    [OP_RSB] = { dp_rsb, dp_rsb_cc, true, true },
    [OP_ADD] = { dp_add, arm_gen_add_cc, true, true },
    [OP_ADC] = { arm_gen_adc, arm_gen_adc_cc, true, true },
    [OP_SBC] = { arm_gen_sbc, arm_gen_sbc_cc, true, true },
    [OP_RSC] = { dp_rsc, dp_rsc_cc, true, true },
    [OP_TST] = { dp_and, NULL, false, true },
    [OP_TEQ] = { dp_eor, NULL, false, true },
    [OP_CMP] = { dp_sub, arm_gen_sub_cc, false, true },
    [OP_CMN] = { dp_add, arm_gen_add_cc, false, true },
    [OP_ORR] = { dp_orr, NULL, true, true },
    [OP_MOV] = { dp_mov, NULL, true, false },
    [OP_BIC] = { dp_bic, NULL, true, true },
    [OP_MVN] = { dp_mvn, NULL, true, false },
};

static bool op_dp_shi(DisasContext *s, arg_s_rrr_shi *a, int op)
{
    const DPOp *o = &dp_ops[op];
    TCGv_i32 b = arm_load_reg(s, a->rm);
    arm_gen_shift_imm(b, a->shty, a->shim, a->s && !o->cc);
    return arm_op_dp(s, a->s, a->rd, o->has_rn ? a->rn : -1, b, o->plain, o->cc, !o->cc, o->write);
}

static bool op_dp_shr(DisasContext *s, arg_s_rrr_shr *a, int op)
{
    const DPOp *o = &dp_ops[op];
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->rs == 15) {
        return arm_unallocated_encoding(s);   /* UNPREDICTABLE (A8.8.x "Rs") */
    }
    TCGv_i32 b = arm_load_reg(s, a->rm);
    arm_gen_shift_reg(b, a->shty, cpu_R[a->rs], a->s && !o->cc);
    return arm_op_dp(s, a->s, a->rd, o->has_rn ? a->rn : -1, b, o->plain, o->cc, !o->cc, o->write);
}

static bool op_dp_rot(DisasContext *s, arg_s_rri_rot *a, int op)
{
    const DPOp *o = &dp_ops[op];
    uint32_t imm = imm_rot(a->imm, a->rot);
    if (a->s && !o->cc && a->rot) {
        tcg_gen_movi_i32(cpu_CF, imm >> 31);
    }
    TCGv_i32 b = tcg_temp_new_i32();
    tcg_gen_movi_i32(b, imm);
    return arm_op_dp(s, a->s, a->rd, o->has_rn ? a->rn : -1, b, o->plain, o->cc, !o->cc, o->write);
}


#define DO_DP(NAME, OP) \
    static bool trans_##NAME##_rrri(DisasContext *s, arg_s_rrr_shi *a) { return op_dp_shi(s, a, OP); } \
    static bool trans_##NAME##_rrrr(DisasContext *s, arg_s_rrr_shr *a) { return op_dp_shr(s, a, OP); } \
    static bool trans_##NAME##_rri(DisasContext *s, arg_s_rri_rot *a) { return op_dp_rot(s, a, OP); }
#define DO_DP_X(NAME, SUF, OP) \
    static bool trans_##NAME##_##SUF##ri(DisasContext *s, arg_s_rrr_shi *a) { return op_dp_shi(s, a, OP); } \
    static bool trans_##NAME##_##SUF##rr(DisasContext *s, arg_s_rrr_shr *a) { return op_dp_shr(s, a, OP); } \
    static bool trans_##NAME##_##SUF##i(DisasContext *s, arg_s_rri_rot *a) { return op_dp_rot(s, a, OP); }

DO_DP(AND, OP_AND)
DO_DP(EOR, OP_EOR)
DO_DP(SUB, OP_SUB)
DO_DP(RSB, OP_RSB)
DO_DP(ADD, OP_ADD)
DO_DP(ADC, OP_ADC)
DO_DP(SBC, OP_SBC)
DO_DP(RSC, OP_RSC)
DO_DP(ORR, OP_ORR)
DO_DP(BIC, OP_BIC)
DO_DP_X(TST, xr, OP_TST)
DO_DP_X(TEQ, xr, OP_TEQ)
DO_DP_X(CMP, xr, OP_CMP)
DO_DP_X(CMN, xr, OP_CMN)
DO_DP_X(MOV, rx, OP_MOV)
DO_DP_X(MVN, rx, OP_MVN)

static bool trans_MOVW(DisasContext *s, arg_ri *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2) || a->rd == 15) {
        return false;
    }
    tcg_gen_movi_i32(cpu_R[a->rd], a->imm);
    return true;
}

static bool trans_MOVT(DisasContext *s, arg_ri *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2) || a->rd == 15) {
        return false;
    }
    tcg_gen_deposit_i32(cpu_R[a->rd], cpu_R[a->rd], tcg_constant_i32(a->imm), 16, 16);
    return true;
}

/* ---- saturating, parallel and media ---------------------------------------- */

static bool op_qaddsub(DisasContext *s, arg_rrr *a, bool sub, bool dbl)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    TCGv_i32 n = cpu_R[a->rn];
    if (dbl) {
        n = tcg_temp_new_i32();
        TCGTemp *args[] = { tenv(), t32(cpu_R[a->rn]), t32(cpu_R[a->rn]) };
        tcg_gen_call(&info_add_saturate, t32(n), args);
    }
    TCGTemp *args[] = { tenv(), t32(cpu_R[a->rm]), t32(n) };
    tcg_gen_call(sub ? &info_sub_saturate : &info_add_saturate, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_QADD(DisasContext *s, arg_rrr *a) { return op_qaddsub(s, a, false, false); }
static bool trans_QSUB(DisasContext *s, arg_rrr *a) { return op_qaddsub(s, a, true, false); }
static bool trans_QDADD(DisasContext *s, arg_rrr *a) { return op_qaddsub(s, a, false, true); }
static bool trans_QDSUB(DisasContext *s, arg_rrr *a) { return op_qaddsub(s, a, true, true); }

static bool op_sat(DisasContext *s, arg_sat *a, const TCGHelperInfo *info)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 v = arm_load_reg(s, a->rn);
    arm_gen_shift_imm(v, a->sh ? 2 : 0, a->imm, false);
    TCGTemp *args[] = { tenv(), t32(v), c32(a->satimm) };
    tcg_gen_call(info, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_SSAT(DisasContext *s, arg_sat *a)
{
    if (a->sh && a->imm == 0) {
        return false;          /* ASR #32 is not a valid shift here */
    }
    return op_sat(s, a, &info_ssat);
}
static bool trans_USAT(DisasContext *s, arg_sat *a)
{
    if (a->sh && a->imm == 0) {
        return false;
    }
    return op_sat(s, a, &info_usat);
}
static bool trans_SSAT16(DisasContext *s, arg_sat *a) { return op_sat(s, a, &info_ssat16); }
static bool trans_USAT16(DisasContext *s, arg_sat *a) { return op_sat(s, a, &info_usat16); }

static bool trans_PAR_ADDSUB(DisasContext *s, arg_PAR_ADDSUB *a)
{
    /* op1 & 3 == 0 and op2 5/6 are unallocated (A5.4.1, A5.4.2) */
    if (!arm_dc_feature(s, ARM_FEATURE_V6) || (a->op1 & 3) == 0 || a->op2 == 5 || a->op2 == 6) {
        return false;
    }
    TCGTemp *args[] = { tenv(), t32(cpu_R[a->rn]), t32(cpu_R[a->rm]),
                        c32(a->op1 << 3 | a->op2) };
    tcg_gen_call(&info_parallel, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_SEL(DisasContext *s, arg_rrr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGTemp *args[] = { tenv(), t32(cpu_R[a->rn]), t32(cpu_R[a->rm]) };
    tcg_gen_call(&info_sel, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_PKH(DisasContext *s, arg_pkh *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 m = arm_load_reg(s, a->rm);
    if (a->tb) {
        /* PKHTB: top from rn, bottom from rm ASR imm (0 means 32) */
        tcg_gen_sari_i32(m, m, a->imm ? a->imm : 31);
        tcg_gen_deposit_i32(cpu_R[a->rd], cpu_R[a->rn], m, 0, 16);
    } else {
        tcg_gen_shli_i32(m, m, a->imm);
        tcg_gen_deposit_i32(cpu_R[a->rd], m, cpu_R[a->rn], 0, 16);
    }
    return true;
}

static bool trans_XTA(DisasContext *s, arg_XTA *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6) || a->op == 1 || a->op == 5) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_rotri_i32(v, cpu_R[a->rm], a->rot * 8);
    switch (a->op) {
    case 0: /* SXTB16 */
    case 4: /* UXTB16 */ {
        TCGv_i32 hi = tcg_temp_new_i32();
        if (a->op == 0) {
            tcg_gen_sextract_i32(hi, v, 16, 8);
            tcg_gen_ext8s_i32(v, v);
        } else {
            tcg_gen_extract_i32(hi, v, 16, 8);
            tcg_gen_ext8u_i32(v, v);
        }
        if (a->rn != 15) {
            /* add halfword-wise: no carry from the low half into the high one */
            TCGv_i32 n = cpu_R[a->rn], lo = tcg_temp_new_i32(), h2 = tcg_temp_new_i32();
            tcg_gen_add_i32(lo, n, v);
            tcg_gen_shri_i32(h2, n, 16);
            tcg_gen_add_i32(hi, h2, hi);
            v = lo;
        }
        tcg_gen_deposit_i32(cpu_R[a->rd], v, hi, 16, 16);
        return true;
    }
    case 2: tcg_gen_ext8s_i32(v, v); break;
    case 3: tcg_gen_ext16s_i32(v, v); break;
    case 6: tcg_gen_ext8u_i32(v, v); break;
    case 7: tcg_gen_ext16u_i32(v, v); break;
    }
    if (a->rn != 15) {
        tcg_gen_add_i32(v, v, cpu_R[a->rn]);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], v);
    return true;
}

static bool trans_REV(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    tcg_gen_bswap32_i32(cpu_R[a->rd], cpu_R[a->rm], 0);
    return true;
}

static bool trans_REV16(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_shri_i32(t, cpu_R[a->rm], 8);
    tcg_gen_andi_i32(t, t, 0x00ff00ff);
    tcg_gen_andi_i32(u, cpu_R[a->rm], 0x00ff00ff);
    tcg_gen_shli_i32(u, u, 8);
    tcg_gen_or_i32(cpu_R[a->rd], t, u);
    return true;
}

static bool trans_REVSH(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_bswap32_i32(t, cpu_R[a->rm], 0);
    tcg_gen_sari_i32(cpu_R[a->rd], t, 16);
    return true;
}

static bool trans_RBIT(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2)) {
        return false;
    }
    TCGTemp *args[] = { t32(cpu_R[a->rm]) };
    tcg_gen_call(&info_rbit, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_CLZ(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5)) {
        return false;
    }
    tcg_gen_clzi_i32(cpu_R[a->rd], cpu_R[a->rm], 32);
    return true;
}

static bool trans_SBFX(DisasContext *s, arg_bfx *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2) || a->lsb + a->widthm1 > 31) {
        return false;
    }
    tcg_gen_sextract_i32(cpu_R[a->rd], cpu_R[a->rn], a->lsb, a->widthm1 + 1);
    return true;
}

static bool trans_UBFX(DisasContext *s, arg_bfx *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2) || a->lsb + a->widthm1 > 31) {
        return false;
    }
    tcg_gen_extract_i32(cpu_R[a->rd], cpu_R[a->rn], a->lsb, a->widthm1 + 1);
    return true;
}

static bool trans_BFCI(DisasContext *s, arg_bfi *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2) || a->msb < a->lsb) {
        return false;
    }
    TCGv_i32 src = a->rn == 15 ? tcg_constant_i32(0) : cpu_R[a->rn];
    tcg_gen_deposit_i32(cpu_R[a->rd], cpu_R[a->rd], src, a->lsb, a->msb - a->lsb + 1);
    return true;
}

static bool trans_UDF(DisasContext *s, arg_UDF *a)
{
    return arm_unallocated_encoding(s);
}

/* One row of dp_ops (A32 opcode numbering) on operand b, for thumb.c. */
bool arm_gen_dp(DisasContext *s, int op, int s_flag, int rd, int rn, TCGv_i32 b)
{
    const DPOp *o = &dp_ops[op];
    return arm_op_dp(s, s_flag, rd, o->has_rn ? rn : -1, b, o->plain, o->cc, !o->cc, o->write);
}

bool arm_dp_is_logical(int op)
{
    return dp_ops[op].cc == NULL;
}

bool arm_decode_a32_dp(DisasContext *s, uint32_t insn)
{
    return decode_a32_dp(s, insn);
}
