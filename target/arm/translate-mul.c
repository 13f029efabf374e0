/*
 * translate-mul.c — the A32 multiplies (a32-mul.decode): 32- and
 * 64-bit products with accumulate, the halfword and dual multiplies with
 * Q, the most-significant-word multiplies, USADA8 and the divides.
 */
#include "a32-helpers.h"

#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

#include "a32-mul.c.inc"

/* ---- multiplies ---------------------------------------------------------- */

static bool trans_MUL(DisasContext *s, arg_s_rrrr *a)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_mul_i32(r, cpu_R[a->rn], cpu_R[a->rm]);
    if (a->s) {
        arm_gen_logic_cc(r);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], r);
    return true;
}

static bool trans_MLA(DisasContext *s, arg_s_rrrr *a)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_mul_i32(r, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_add_i32(r, r, cpu_R[a->ra]);
    if (a->s) {
        arm_gen_logic_cc(r);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], r);
    return true;
}

static bool trans_MLS(DisasContext *s, arg_rrrr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6T2)) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_mul_i32(r, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_sub_i32(cpu_R[a->rd], cpu_R[a->ra], r);
    return true;
}

/* Long multiplies: rd is RdHi, ra is RdLo. */
static bool op_mlal(DisasContext *s, arg_s_rrrr *a, bool sign, bool acc)
{
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    if (sign) {
        tcg_gen_muls2_i32(lo, hi, cpu_R[a->rn], cpu_R[a->rm]);
    } else {
        tcg_gen_mulu2_i32(lo, hi, cpu_R[a->rn], cpu_R[a->rm]);
    }
    if (acc) {
        tcg_gen_add2_i32(lo, hi, lo, hi, cpu_R[a->ra], cpu_R[a->rd]);
    }
    if (a->s) {
        tcg_gen_mov_i32(cpu_NF, hi);
        tcg_gen_or_i32(cpu_ZF, lo, hi);
    }
    tcg_gen_mov_i32(cpu_R[a->ra], lo);
    tcg_gen_mov_i32(cpu_R[a->rd], hi);
    return true;
}

static bool trans_UMULL(DisasContext *s, arg_s_rrrr *a) { return op_mlal(s, a, false, false); }
static bool trans_UMLAL(DisasContext *s, arg_s_rrrr *a) { return op_mlal(s, a, false, true); }
static bool trans_SMULL(DisasContext *s, arg_s_rrrr *a) { return op_mlal(s, a, true, false); }
static bool trans_SMLAL(DisasContext *s, arg_s_rrrr *a) { return op_mlal(s, a, true, true); }

static bool trans_UMAAL(DisasContext *s, arg_rrrr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_constant_i32(0);
    tcg_gen_mulu2_i32(lo, hi, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_add2_i32(lo, hi, lo, hi, cpu_R[a->ra], zero);
    tcg_gen_add2_i32(lo, hi, lo, hi, cpu_R[a->rd], zero);
    tcg_gen_mov_i32(cpu_R[a->ra], lo);
    tcg_gen_mov_i32(cpu_R[a->rd], hi);
    return true;
}

/* The signed 16-bit half of v: the top one when top is set. */
static TCGv_i32 half16(TCGv_i32 v, int top)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (top) {
        tcg_gen_sari_i32(t, v, 16);
    } else {
        tcg_gen_ext16s_i32(t, v);
    }
    return t;
}

static bool trans_SMULxy(DisasContext *s, arg_mul16 *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    tcg_gen_mul_i32(cpu_R[a->rd], half16(cpu_R[a->rn], a->nt), half16(cpu_R[a->rm], a->mt));
    return true;
}

static void gen_add_setq(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGTemp *args[] = { tenv(), t32(a), t32(b) };
    tcg_gen_call(&info_add_setq, t32(r), args);
}

static bool trans_SMLAxy(DisasContext *s, arg_mul16 *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    TCGv_i32 p = tcg_temp_new_i32();
    tcg_gen_mul_i32(p, half16(cpu_R[a->rn], a->nt), half16(cpu_R[a->rm], a->mt));
    gen_add_setq(cpu_R[a->rd], p, cpu_R[a->ra]);
    return true;
}

/* (rn * half of rm) >> 16, the 48-bit product's top 32 bits */
static TCGv_i32 gen_mulw(TCGv_i32 rn, TCGv_i32 half)
{
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_ext_i32_i64(x, rn);
    tcg_gen_ext_i32_i64(y, half);
    tcg_gen_mul_i64(x, x, y);
    tcg_gen_shri_i64(x, x, 16);
    tcg_gen_extrl_i64_i32(r, x);
    return r;
}

static bool trans_SMULWy(DisasContext *s, arg_mul16 *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    tcg_gen_mov_i32(cpu_R[a->rd], gen_mulw(cpu_R[a->rn], half16(cpu_R[a->rm], a->mt)));
    return true;
}

static bool trans_SMLAWy(DisasContext *s, arg_mul16 *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    gen_add_setq(cpu_R[a->rd], gen_mulw(cpu_R[a->rn], half16(cpu_R[a->rm], a->mt)),
                 cpu_R[a->ra]);
    return true;
}

static bool trans_SMLALxy(DisasContext *s, arg_mul16 *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE)) {
        return false;
    }
    TCGv_i32 p = tcg_temp_new_i32(), ph = tcg_temp_new_i32();
    tcg_gen_mul_i32(p, half16(cpu_R[a->rn], a->nt), half16(cpu_R[a->rm], a->mt));
    tcg_gen_sari_i32(ph, p, 31);
    tcg_gen_add2_i32(cpu_R[a->ra], cpu_R[a->rd], cpu_R[a->ra], cpu_R[a->rd], p, ph);
    return true;
}

/* SMLAD/SMLSD/SMLALD/SMLSLD: the two 16x16 products, the second from rm's halves swapped by x. */
static void gen_dual_products(arg_SMLAD *a, TCGv_i32 p1, TCGv_i32 p2)
{
    tcg_gen_mul_i32(p1, half16(cpu_R[a->rn], 0), half16(cpu_R[a->rm], a->x));
    tcg_gen_mul_i32(p2, half16(cpu_R[a->rn], 1), half16(cpu_R[a->rm], !a->x));
}

static bool op_smlad(DisasContext *s, arg_SMLAD *a, bool sub)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 p1 = tcg_temp_new_i32(), p2 = tcg_temp_new_i32();
    gen_dual_products(a, p1, p2);
    if (sub) {
        /* the difference of two 16x16 products cannot overflow */
        tcg_gen_sub_i32(p1, p1, p2);
    } else {
        gen_add_setq(p1, p1, p2);
    }
    if (a->ra != 15) {
        gen_add_setq(p1, p1, cpu_R[a->ra]);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], p1);
    return true;
}

static bool trans_SMLAD(DisasContext *s, arg_SMLAD *a) { return op_smlad(s, a, false); }
static bool trans_SMLSD(DisasContext *s, arg_SMLSD *a) { return op_smlad(s, (arg_SMLAD *)a, true); }

static bool op_smlald(DisasContext *s, arg_SMLAD *a, bool sub)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 p1 = tcg_temp_new_i32(), p2 = tcg_temp_new_i32();
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
    gen_dual_products(a, p1, p2);
    tcg_gen_ext_i32_i64(x, p1);
    tcg_gen_ext_i32_i64(y, p2);
    if (sub) {
        tcg_gen_sub_i64(x, x, y);
    } else {
        tcg_gen_add_i64(x, x, y);
    }
    tcg_gen_concat_i32_i64(acc, cpu_R[a->ra], cpu_R[a->rd]);
    tcg_gen_add_i64(x, x, acc);
    tcg_gen_extr_i64_i32(cpu_R[a->ra], cpu_R[a->rd], x);
    return true;
}

static bool trans_SMLALD(DisasContext *s, arg_SMLALD *a) { return op_smlald(s, (arg_SMLAD *)a, false); }
static bool trans_SMLSLD(DisasContext *s, arg_SMLSLD *a) { return op_smlald(s, (arg_SMLAD *)a, true); }

/* SMMLA/SMMLS/SMMUL: the top word of ra:0 +/- rn*rm, rounded when r is set. */
static bool op_smmla(DisasContext *s, int rd, int ra, int rm, int rn, int r, bool sub)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i64 p = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    tcg_gen_ext_i32_i64(p, cpu_R[rn]);
    tcg_gen_ext_i32_i64(y, cpu_R[rm]);
    tcg_gen_mul_i64(p, p, y);
    if (ra != 15) {
        tcg_gen_extu_i32_i64(y, cpu_R[ra]);
        tcg_gen_shli_i64(y, y, 32);
        if (sub) {
            tcg_gen_sub_i64(p, y, p);
        } else {
            tcg_gen_add_i64(p, p, y);
        }
    } else if (sub) {
        tcg_gen_neg_i64(p, p);
    }
    if (r) {
        tcg_gen_addi_i64(p, p, 0x80000000u);
    }
    tcg_gen_extrh_i64_i32(cpu_R[rd], p);
    return true;
}

static bool trans_SMMLA(DisasContext *s, arg_SMMLA *a)
{
    return op_smmla(s, a->rd, a->ra, a->rm, a->rn, a->r, false);
}

static bool trans_SMMLS(DisasContext *s, arg_SMMLS *a)
{
    return op_smmla(s, a->rd, a->ra, a->rm, a->rn, a->r, true);
}

static bool op_div(DisasContext *s, arg_rrr *a, const TCGHelperInfo *info)
{
    if (!arm_dc_feature(s, s->thumb ? ARM_FEATURE_THUMB_DIV : ARM_FEATURE_ARM_DIV)) {
        return false;
    }
    TCGTemp *args[] = { t32(cpu_R[a->rn]), t32(cpu_R[a->rm]) };
    tcg_gen_call(info, t32(cpu_R[a->rd]), args);
    return true;
}

static bool trans_SDIV(DisasContext *s, arg_rrr *a) { return op_div(s, a, &info_sdiv); }
static bool trans_UDIV(DisasContext *s, arg_rrr *a) { return op_div(s, a, &info_udiv); }

static bool trans_USADA8(DisasContext *s, arg_rrrr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    TCGTemp *args[] = { t32(cpu_R[a->rn]), t32(cpu_R[a->rm]) };
    tcg_gen_call(&info_usad8, t32(r), args);
    if (a->ra != 15) {
        tcg_gen_add_i32(r, r, cpu_R[a->ra]);
    }
    tcg_gen_mov_i32(cpu_R[a->rd], r);
    return true;
}

bool arm_decode_a32_mul(DisasContext *s, uint32_t insn)
{
    return decode_a32_mul(s, insn);
}
