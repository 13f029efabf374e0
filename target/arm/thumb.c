/*
 * thumb.c — Thumb and Thumb-2: the T16 and T32 decoders (t16.decode,
 * t32.decode), IT blocks, and the trans functions.
 *
 * Most Thumb instructions have an A32 twin with the same semantics and
 * 4-bit register fields; those are re-encoded as the A32 instruction (cond
 * AL) and run through the A32 decoder, so one trans function serves both
 * instruction sets (read_pc and the flag rules follow s->thumb).  What is
 * Thumb-only (IT, CBZ, TBB/TBH, the T32 modified immediate, ORN, 16-bit
 * flag setting that depends on the IT state) is translated here.
 *
 * ITSTATE (A2.5.2): bits 7:4 are the condition of the current instruction,
 * the rest the mask; it advances after every instruction of the block.
 */
#include "translate.h"

#include "util/bitops.h"

/* T32 B/BL/BLX offset: S:I1:I2:imm10:imm11:'0', I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
static int t32_branch_imm(DisasContext *s, int x)
{
    /* x = S(sign-extended):J1:J2:imm10:imm11 (J1 is bit 22, J2 bit 21) */
    uint32_t v = (uint32_t)x ^ (x < 0 ? 0 : 0x600000u);
    return (int)((uint32_t)sextract32(v, 0, 24) << 1);
}

#include "t16.c.inc"
#include "t32.c.inc"

/* Flags are set by the 16-bit arithmetic forms only outside an IT block. */
static int t16_setflags(DisasContext *s)
{
    return s->itstate == 0;
}

static bool a32(DisasContext *s, uint32_t insn)
{
    return arm_decode_a32_insn(s, 0xe0000000u | insn);
}

/* ---- T16 ----------------------------------------------------------------- */

static bool op_t16_shift(DisasContext *s, arg_t_shi *a, int type)
{
    return a32(s, 0x01a00000u | t16_setflags(s) << 20 | a->rd << 12 | a->imm << 7 |
                  type << 5 | a->rm);
}

static bool trans_T_LSL_i(DisasContext *s, arg_t_shi *a) { return op_t16_shift(s, a, 0); }
static bool trans_T_LSR_i(DisasContext *s, arg_t_shi *a) { return op_t16_shift(s, a, 1); }
static bool trans_T_ASR_i(DisasContext *s, arg_t_shi *a) { return op_t16_shift(s, a, 2); }

static bool trans_T_ADD_rrr(DisasContext *s, arg_t_rrr *a)
{
    return a32(s, 0x00800000u | t16_setflags(s) << 20 | a->rn << 16 | a->rd << 12 | a->rm);
}

static bool trans_T_SUB_rrr(DisasContext *s, arg_t_rrr *a)
{
    return a32(s, 0x00400000u | t16_setflags(s) << 20 | a->rn << 16 | a->rd << 12 | a->rm);
}

static bool trans_T_ADD_rri(DisasContext *s, arg_t_rri *a)
{
    return a32(s, 0x02800000u | t16_setflags(s) << 20 | a->rn << 16 | a->rd << 12 | a->imm);
}

static bool trans_T_SUB_rri(DisasContext *s, arg_t_rri *a)
{
    return a32(s, 0x02400000u | t16_setflags(s) << 20 | a->rn << 16 | a->rd << 12 | a->imm);
}

static bool trans_T_MOV_i(DisasContext *s, arg_t_ri *a)
{
    return a32(s, 0x03a00000u | t16_setflags(s) << 20 | a->rd << 12 | a->imm);
}

static bool trans_T_CMP_i(DisasContext *s, arg_t_ri *a)
{
    return a32(s, 0x03500000u | a->rd << 16 | a->imm);
}

static bool trans_T_ADD_i8(DisasContext *s, arg_t_ri *a)
{
    return a32(s, 0x02800000u | t16_setflags(s) << 20 | a->rd << 16 | a->rd << 12 | a->imm);
}

static bool trans_T_SUB_i8(DisasContext *s, arg_t_ri *a)
{
    return a32(s, 0x02400000u | t16_setflags(s) << 20 | a->rd << 16 | a->rd << 12 | a->imm);
}

/* The 16 data-processing operations of A6.2.2, as their A32 equivalents. */
static bool trans_T_DP(DisasContext *s, arg_t_dp *a)
{
    uint32_t sf = t16_setflags(s) << 20, d = a->rdn, m = a->rm;
    switch (a->op) {
    case 0x2: case 0x3: case 0x4: case 0x7: {  /* LSL, LSR, ASR, ROR by register */
        static const int type[8] = { [2] = 0, [3] = 1, [4] = 2, [7] = 3 };
        return a32(s, 0x01a00010u | sf | d << 12 | m << 8 | type[a->op] << 5 | d);
    }
    case 0x9:   /* RSB rd, rm, #0 (NEG) */
        return a32(s, 0x02600000u | sf | m << 16 | d << 12);
    case 0xd:   /* MUL rd, rm, rd */
        return a32(s, 0x00000090u | sf | d << 16 | d << 8 | m);
    case 0x8: case 0xa: case 0xb:   /* TST, CMP, CMN */
        return a32(s, 0x00100000u | a->op << 21 | d << 16 | m);
    case 0x0: case 0x1: case 0x5: case 0x6: case 0xc: case 0xe:
        return a32(s, (uint32_t)a->op << 21 | sf | d << 16 | d << 12 | m);
    default:    /* 0xf MVN */
        return a32(s, 0x01e00000u | sf | d << 12 | m);
    }
}

static bool trans_T_ADD_hi(DisasContext *s, arg_t_rr *a)
{
    if (a->rd == 15 && a->rm == 15) {
        return false;
    }
    return a32(s, 0x00800000u | a->rd << 16 | a->rd << 12 | a->rm);
}

static bool trans_T_CMP_hi(DisasContext *s, arg_t_rr *a)
{
    return a32(s, 0x01500000u | a->rd << 16 | a->rm);
}

static bool trans_T_MOV_hi(DisasContext *s, arg_t_rr *a)
{
    return a32(s, 0x01a00000u | a->rd << 12 | a->rm);
}

static bool trans_T_BX(DisasContext *s, arg_t_rr *a)
{
    return a32(s, 0x012fff10u | a->rm);
}

static bool trans_T_BLX_r(DisasContext *s, arg_t_rr *a)
{
    return a32(s, 0x012fff30u | a->rm);
}

static bool trans_T_LDR_lit(DisasContext *s, arg_t_ldst_ri *a)
{
    return arm_op_ldst(s, 1, 0, 1, 15, a->rt, tcg_constant_i32(a->imm * 4), MO_UL, true);
}

/* register-offset forms: LDR rt, [rn, rm] in A32 (P = U = 1, no writeback) */
#define T16_LDST_RR(NAME, A32) \
    static bool trans_T_##NAME##_rr(DisasContext *s, arg_t_ldst_rr *a) \
    { \
        return a32(s, (A32) | a->rn << 16 | a->rt << 12 | a->rm); \
    }

T16_LDST_RR(STR, 0x07800000u)
T16_LDST_RR(LDR, 0x07900000u)
T16_LDST_RR(STRB, 0x07c00000u)
T16_LDST_RR(LDRB, 0x07d00000u)
T16_LDST_RR(STRH, 0x018000b0u)
T16_LDST_RR(LDRH, 0x019000b0u)
T16_LDST_RR(LDRSB, 0x019000d0u)
T16_LDST_RR(LDRSH, 0x019000f0u)

static bool op_t16_ldst_i(DisasContext *s, arg_t_ldst_ri *a, int scale, MemOp op, bool load)
{
    return arm_op_ldst(s, 1, 0, 1, a->rn, a->rt, tcg_constant_i32(a->imm * scale), op, load);
}

static bool trans_T_STR_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 4, MO_UL, false); }
static bool trans_T_LDR_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 4, MO_UL, true); }
static bool trans_T_STRB_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 1, MO_UB, false); }
static bool trans_T_LDRB_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 1, MO_UB, true); }
static bool trans_T_STRH_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 2, MO_UW, false); }
static bool trans_T_LDRH_ri(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 2, MO_UW, true); }
static bool trans_T_STR_sp(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 4, MO_UL, false); }
static bool trans_T_LDR_sp(DisasContext *s, arg_t_ldst_ri *a) { return op_t16_ldst_i(s, a, 4, MO_UL, true); }

static bool trans_T_ADR(DisasContext *s, arg_t_ri *a)
{
    tcg_gen_movi_i32(cpu_R[a->rd], (arm_read_pc(s) & ~3u) + a->imm * 4);
    return true;
}

static bool trans_T_ADD_sp(DisasContext *s, arg_t_ri *a)
{
    tcg_gen_addi_i32(cpu_R[a->rd], cpu_R[13], a->imm * 4);
    return true;
}

static bool trans_T_ADD_spsp(DisasContext *s, arg_t_i *a)
{
    tcg_gen_addi_i32(cpu_R[13], cpu_R[13], a->imm * 4);
    return true;
}

static bool trans_T_SUB_spsp(DisasContext *s, arg_t_i *a)
{
    tcg_gen_subi_i32(cpu_R[13], cpu_R[13], a->imm * 4);
    return true;
}

/* CBZ/CBNZ: compare and branch forward, never inside an IT block. */
static bool trans_T_CBZ(DisasContext *s, arg_T_CBZ *a)
{
    if (s->itstate || !arm_dc_feature(s, ARM_FEATURE_THUMB2)) {
        return false;
    }
    TCGLabel *skip = gen_new_label();
    tcg_gen_brcondi_i32(a->nz ? TCG_COND_EQ : TCG_COND_NE, cpu_R[a->rn], 0, skip);
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    gen_set_label(skip);
    s->base.is_jmp = DISAS_TOO_MANY;
    return true;
}

static bool trans_T_SXTH(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06bf0070u | a->rd << 12 | a->rm); }
static bool trans_T_SXTB(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06af0070u | a->rd << 12 | a->rm); }
static bool trans_T_UXTH(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06ff0070u | a->rd << 12 | a->rm); }
static bool trans_T_UXTB(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06ef0070u | a->rd << 12 | a->rm); }
static bool trans_T_REV(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06bf0f30u | a->rd << 12 | a->rm); }
static bool trans_T_REV16(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06bf0fb0u | a->rd << 12 | a->rm); }
static bool trans_T_REVSH(DisasContext *s, arg_t_rr *a) { return a32(s, 0x06ff0fb0u | a->rd << 12 | a->rm); }

/* PUSH {list, lr}: STMDB sp!; POP {list, pc}: LDMIA sp!. Bit 8 of the field is lr / pc. */
static bool trans_T_PUSH(DisasContext *s, arg_t_list *a)
{
    uint32_t list = (a->list & 0xff) | (a->list >> 8) << 14;
    return arm_op_ldm(s, 13, list, false, true, true, false);
}

static bool trans_T_POP(DisasContext *s, arg_t_list *a)
{
    uint32_t list = (a->list & 0xff) | (a->list >> 8) << 15;
    return arm_op_ldm(s, 13, list, true, false, true, true);
}

static bool trans_T_SETEND(DisasContext *s, arg_T_SETEND *a)
{
    return arm_decode_a32_uncond_insn(s, 0xf1010000u | a->e << 9);
}

static bool trans_T_BKPT(DisasContext *s, arg_t_i *a)
{
    return a32(s, 0x01200070u | (a->imm >> 4) << 8 | (a->imm & 0xf));
}

static bool trans_T_HINT(DisasContext *s, arg_t_i *a)
{
    return a32(s, 0x0320f000u | a->imm);
}

/* IT: the following 1-4 instructions are conditional (A8.8.54). */
static bool trans_T_IT(DisasContext *s, arg_T_IT *a)
{
    if (s->itstate || !arm_dc_feature(s, ARM_FEATURE_THUMB2)) {
        return false;
    }
    s->itstate_next = a->cond_mask;
    return true;
}

static bool trans_T_STM(DisasContext *s, arg_t_list *a)
{
    return arm_op_ldm(s, a->rn, a->list, true, false, true, false);
}

/* LDM writes the base back unless it is in the list. */
static bool trans_T_LDM(DisasContext *s, arg_t_list *a)
{
    return arm_op_ldm(s, a->rn, a->list, true, false, !(a->list & (1 << a->rn)), true);
}

static bool trans_T_UDF(DisasContext *s, arg_t_i *a)
{
    return arm_unallocated_encoding(s);
}

static bool trans_T_SVC(DisasContext *s, arg_t_i *a)
{
    return a32(s, 0x0f000000u | a->imm);
}

static bool trans_T_B_cond(DisasContext *s, arg_T_B_cond *a)
{
    if (s->itstate) {
        return false;
    }
    arm_skip_unless(s, a->cond);
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    return true;
}

static bool trans_T_B(DisasContext *s, arg_t_i *a)
{
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    return true;
}

/* ---- T32 ----------------------------------------------------------------- */

/* ThumbExpandImm_C (A6.3.2): the value, and whether it sets the carry (rotated forms). */
static uint32_t t32_expand_imm(int imm12, bool *rotated)
{
    uint32_t v = imm12 & 0xff;
    *rotated = false;
    switch (imm12 >> 8) {
    case 0: return v;
    case 1: return v | v << 16;
    case 2: return v << 8 | v << 24;
    case 3: return v | v << 8 | v << 16 | v << 24;
    default:
        *rotated = true;
        return ror32(0x80 | (imm12 & 0x7f), imm12 >> 7);
    }
}

/*
 * T32 data-processing opcodes (A6.3.1/A6.3.11) to A32 ones; -1: not a plain
 * operation (ORN, PKH) or unallocated.  rd == 15 with S makes the compare
 * forms; rn == 15 the moves.
 */
static int t32_dp_op(int op, int s_flag, int rd, int rn)
{
    static const int8_t map[16] = { 0, 14, 12, -1, 1, -1, -1, -1, 4, -1, 5, 6, -1, 2, 3, -1 };
    if (rd == 15 && s_flag) {
        switch (op) {
        case 0: return 8;    /* TST */
        case 4: return 9;    /* TEQ */
        case 8: return 11;   /* CMN */
        case 13: return 10;  /* CMP */
        }
    }
    if (rn == 15 && op == 2) {
        return 13;           /* MOV */
    }
    return map[op];
}

/* ORN (and MVN when rn == 15): rd = rn | ~b. */
static bool op_t32_orn(DisasContext *s, int s_flag, int rd, int rn, TCGv_i32 b)
{
    tcg_gen_not_i32(b, b);
    return arm_gen_dp(s, rn == 15 ? 13 : 12, s_flag, rd, rn, b);
}

static bool trans_T2_DP_i(DisasContext *s, arg_t2_dpi *a)
{
    bool rotated;
    uint32_t imm = t32_expand_imm(a->imm, &rotated);
    int op = a->op == 3 ? 3 : t32_dp_op(a->op, a->s, a->rd, a->rn);
    if (op < 0) {
        return false;
    }
    bool logical = a->op == 3 || arm_dp_is_logical(op);
    if (a->s && logical && rotated) {
        tcg_gen_movi_i32(cpu_CF, imm >> 31);
    }
    TCGv_i32 b = tcg_temp_new_i32();
    tcg_gen_movi_i32(b, imm);
    if (a->op == 3) {
        return op_t32_orn(s, a->s, a->rd, a->rn, b);
    }
    return arm_gen_dp(s, op, a->s, op >= 8 && op <= 11 ? 0 : a->rd, a->rn, b);
}

static bool trans_T2_DP_r(DisasContext *s, arg_t2_dpr *a)
{
    if (a->op == 6) {   /* PKHBT/PKHTB */
        if (a->s || (a->shty & 1)) {
            return false;
        }
        return a32(s, 0x06800010u | a->rn << 16 | a->rd << 12 | a->shim << 7 |
                      (a->shty >> 1) << 6 | a->rm);
    }
    int op = a->op == 3 ? 3 : t32_dp_op(a->op, a->s, a->rd, a->rn);
    if (op < 0) {
        return false;
    }
    bool logical = a->op == 3 || arm_dp_is_logical(op);
    TCGv_i32 b = arm_load_reg(s, a->rm);
    arm_gen_shift_imm(b, a->shty, a->shim, a->s && logical);
    if (a->op == 3) {
        return op_t32_orn(s, a->s, a->rd, a->rn, b);
    }
    return arm_gen_dp(s, op, a->s, op >= 8 && op <= 11 ? 0 : a->rd, a->rn, b);
}

static bool trans_T2_ADDW(DisasContext *s, arg_t2_ri *a)
{
    TCGv_i32 n = arm_load_reg(s, a->rn);
    if (a->rn == 15) {
        tcg_gen_andi_i32(n, n, ~3u);        /* ADR */
    }
    tcg_gen_addi_i32(n, n, a->imm);
    arm_store_reg(s, a->rd, n);
    return true;
}

static bool trans_T2_SUBW(DisasContext *s, arg_t2_ri *a)
{
    TCGv_i32 n = arm_load_reg(s, a->rn);
    if (a->rn == 15) {
        tcg_gen_andi_i32(n, n, ~3u);
    }
    tcg_gen_subi_i32(n, n, a->imm);
    arm_store_reg(s, a->rd, n);
    return true;
}

static bool trans_T2_MOVW(DisasContext *s, arg_t2_ri *a)
{
    return a32(s, 0x03000000u | (a->imm >> 12) << 16 | a->rd << 12 | (a->imm & 0xfff));
}

static bool trans_T2_MOVT(DisasContext *s, arg_t2_ri *a)
{
    return a32(s, 0x03400000u | (a->imm >> 12) << 16 | a->rd << 12 | (a->imm & 0xfff));
}

static bool op_t32_sat(DisasContext *s, arg_T2_SSAT *a, bool u)
{
    if (a->sh && a->shim == 0) {   /* SSAT16/USAT16 */
        return a32(s, (u ? 0x06e00f30u : 0x06a00f30u) | (a->satimm & 0xf) << 16 |
                      a->rd << 12 | a->rn);
    }
    return a32(s, (u ? 0x06e00010u : 0x06a00010u) | a->satimm << 16 | a->rd << 12 |
                  a->shim << 7 | a->sh << 6 | a->rn);
}

static bool trans_T2_SSAT(DisasContext *s, arg_T2_SSAT *a) { return op_t32_sat(s, a, false); }
static bool trans_T2_USAT(DisasContext *s, arg_T2_USAT *a) { return op_t32_sat(s, (arg_T2_SSAT *)a, true); }

static bool trans_T2_SBFX(DisasContext *s, arg_T2_SBFX *a)
{
    return a32(s, 0x07a00050u | a->widthm1 << 16 | a->rd << 12 | a->lsb << 7 | a->rn);
}

static bool trans_T2_UBFX(DisasContext *s, arg_T2_UBFX *a)
{
    return a32(s, 0x07e00050u | a->widthm1 << 16 | a->rd << 12 | a->lsb << 7 | a->rn);
}

static bool trans_T2_BFI(DisasContext *s, arg_T2_BFI *a)
{
    return a32(s, 0x07c00010u | a->msb << 16 | a->rd << 12 | a->lsb << 7 | a->rn);
}

/* LSL/LSR/ASR/ROR by register: MOV{S} rd, rn, <shift> rm. */
static bool trans_T2_SHIFT_r(DisasContext *s, arg_T2_SHIFT_r *a)
{
    return a32(s, 0x01a00010u | a->s << 20 | a->rd << 12 | a->rm << 8 | a->shty << 5 | a->rn);
}

static bool trans_T2_XTA(DisasContext *s, arg_T2_XTA *a)
{
    /* T32 op: SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB; A32 op numbering differs */
    static const int8_t a32op[8] = { 3, 7, 0, 4, 2, 6, -1, -1 };
    if (a32op[a->op] < 0) {
        return false;
    }
    return a32(s, 0x06800070u | a32op[a->op] << 20 | a->rn << 16 | a->rd << 12 |
                  a->rot << 10 | a->rm);
}

/* Parallel add/subtract (A6.3.13, A6.3.14): T32 field order to the A32 one. */
static bool trans_T2_PAR(DisasContext *s, arg_T2_PAR *a)
{
    /* op (bits 22:20): ADD8 ADD16 ASX - SUB8 SUB16 SAX -; fl (bits 6:4): U, then S/Q/SH */
    static const int8_t a32op2[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
    int kind = a->fl & 3;
    if (a32op2[a->op] < 0 || kind == 3) {
        return false;
    }
    int op1 = (a->fl & 4) + kind + 1;
    return a32(s, 0x06000010u | op1 << 20 | a->rn << 16 | a->rd << 12 | 0xf00 |
                  a32op2[a->op] << 5 | a->rm);
}

static bool trans_T2_QADDSUB(DisasContext *s, arg_T2_QADDSUB *a)
{
    static const uint32_t op[4] = { 0x01000050u, 0x01400050u, 0x01200050u, 0x01600050u };
    return a32(s, op[a->op] | a->rn << 16 | a->rd << 12 | a->rm);
}

static bool trans_T2_REV(DisasContext *s, arg_T2_REV *a)
{
    static const uint32_t op[4] = { 0x06bf0f30u, 0x06bf0fb0u, 0x06ff0f30u, 0x06ff0fb0u };
    if (a->rn != a->rm) {
        return false;
    }
    return a32(s, op[a->op] | a->rd << 12 | a->rm);
}

static bool trans_T2_SEL(DisasContext *s, arg_t2_rrr *a)
{
    return a32(s, 0x06800fb0u | a->rn << 16 | a->rd << 12 | a->rm);
}

static bool trans_T2_CLZ(DisasContext *s, arg_t2_rrr *a)
{
    if (a->rn != a->rm) {
        return false;
    }
    return a32(s, 0x016f0f10u | a->rd << 12 | a->rm);
}

static bool trans_T2_MUL(DisasContext *s, arg_t2_rrrr *a)
{
    if (a->ra == 15) {
        return a32(s, 0x00000090u | a->rd << 16 | a->rm << 8 | a->rn);
    }
    return a32(s, 0x00200090u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->rn);
}

static bool trans_T2_MLS(DisasContext *s, arg_t2_rrrr *a)
{
    return a32(s, 0x00600090u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->rn);
}

static bool trans_T2_SMLAxy(DisasContext *s, arg_T2_SMLAxy *a)
{
    if (a->ra == 15) {
        return a32(s, 0x01600080u | a->rd << 16 | a->rm << 8 | a->mt << 6 | a->nt << 5 | a->rn);
    }
    return a32(s, 0x01000080u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->mt << 6 |
                  a->nt << 5 | a->rn);
}

static bool trans_T2_SMLAD(DisasContext *s, arg_T2_SMLAD *a)
{
    return a32(s, 0x07000010u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->x << 5 | a->rn);
}

static bool trans_T2_SMLSD(DisasContext *s, arg_T2_SMLSD *a)
{
    return a32(s, 0x07000050u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->x << 5 | a->rn);
}

static bool trans_T2_SMLAWy(DisasContext *s, arg_T2_SMLAWy *a)
{
    if (a->ra == 15) {
        return a32(s, 0x012000a0u | a->rd << 16 | a->rm << 8 | a->mt << 6 | a->rn);
    }
    return a32(s, 0x01200080u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->mt << 6 | a->rn);
}

static bool trans_T2_SMMLA(DisasContext *s, arg_T2_SMMLA *a)
{
    return a32(s, 0x07500010u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->r << 5 | a->rn);
}

static bool trans_T2_SMMLS(DisasContext *s, arg_T2_SMMLS *a)
{
    return a32(s, 0x075000d0u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->r << 5 | a->rn);
}

static bool trans_T2_USADA8(DisasContext *s, arg_t2_rrrr *a)
{
    return a32(s, 0x07800010u | a->rd << 16 | a->ra << 12 | a->rm << 8 | a->rn);
}

/* Long multiplies and divides (A6.3.17): ra is RdLo (or 1111), rd RdHi (or Rd). */
static bool trans_T2_LMUL(DisasContext *s, arg_T2_LMUL *a)
{
    uint32_t regs = a->rd << 16 | a->ra << 12 | a->rm << 8 | a->rn;
    switch (a->op << 4 | a->op2) {
    case 0x00: return a32(s, 0x00c00090u | regs);                   /* SMULL */
    case 0x1f: return a32(s, 0x0710f010u | a->rd << 16 | a->rm << 8 | a->rn);  /* SDIV */
    case 0x20: return a32(s, 0x00800090u | regs);                   /* UMULL */
    case 0x3f: return a32(s, 0x0730f010u | a->rd << 16 | a->rm << 8 | a->rn);  /* UDIV */
    case 0x40: return a32(s, 0x00e00090u | regs);                   /* SMLAL */
    case 0x48: case 0x49: case 0x4a: case 0x4b:                      /* SMLALxy */
        return a32(s, 0x01400080u | regs | (a->op2 & 1) << 6 | (a->op2 >> 1 & 1) << 5);
    case 0x4c: case 0x4d:                                            /* SMLALD */
        return a32(s, 0x07400010u | regs | (a->op2 & 1) << 5);
    case 0x5c: case 0x5d:                                            /* SMLSLD */
        return a32(s, 0x07400050u | regs | (a->op2 & 1) << 5);
    case 0x60: return a32(s, 0x00a00090u | regs);                   /* UMLAL */
    case 0x66: return a32(s, 0x00400090u | regs);                   /* UMAAL */
    default: return false;
    }
}

/* Single loads and stores; rt == 15 byte/halfword loads are the preload hints. */
static bool op_t32_ldst(DisasContext *s, arg_t2_ldst *a, TCGv_i32 ofs)
{
    if (a->size == 3 || (a->sign && (!a->l || a->size == 2))) {
        return false;
    }
    if (a->l && a->rt == 15 && a->size < 2) {
        return true;                            /* PLD, PLI */
    }
    if (!a->p && !a->w) {
        return false;
    }
    MemOp op = a->size | (a->sign ? MO_SIGN : 0);
    return arm_op_ldst(s, a->p, a->w, a->u, a->rn, a->rt, ofs, op, a->l);
}

static bool trans_T2_LDST_lit(DisasContext *s, arg_t2_ldst *a)
{
    return op_t32_ldst(s, a, tcg_constant_i32(a->imm));
}

static bool trans_T2_LDST_i12(DisasContext *s, arg_t2_ldst *a)
{
    return op_t32_ldst(s, a, tcg_constant_i32(a->imm));
}

static bool trans_T2_LDST_i8(DisasContext *s, arg_t2_ldst *a)
{
    return op_t32_ldst(s, a, tcg_constant_i32(a->imm));
}

static bool trans_T2_LDST_rr(DisasContext *s, arg_t2_ldst *a)
{
    TCGv_i32 m = arm_load_reg(s, a->rm);
    tcg_gen_shli_i32(m, m, a->shim);
    return op_t32_ldst(s, a, m);
}

/*
 * T32 exclusives: a word with an offset of imm8 * 4, and doublewords in any
 * two registers (A8.8.69-A8.8.72, A8.8.212-A8.8.215: SP and PC are
 * UNPREDICTABLE as data, treated as undefined).
 */
static bool t2_bad(int r)
{
    return r == 13 || r == 15;
}

static bool trans_T2_LDREX(DisasContext *s, arg_T2_LDREX *a)
{
    if (t2_bad(a->rt) || a->rn == 15) {
        return false;
    }
    arm_gen_ldrex(s, a->rn, a->imm, a->rt, 15, MO_32);
    return true;
}

static bool trans_T2_STREX(DisasContext *s, arg_T2_STREX *a)
{
    if (t2_bad(a->rd) || t2_bad(a->rt) || a->rn == 15 || a->rd == a->rn || a->rd == a->rt) {
        return false;
    }
    arm_gen_strex(s, a->rd, a->rn, a->imm, a->rt, 15, MO_32);
    return true;
}

static bool trans_T2_LDREXBHD(DisasContext *s, arg_T2_LDREXBHD *a)
{
    if (a->sz == 2 || t2_bad(a->rt) || a->rn == 15 ||
        (a->sz == 3 ? t2_bad(a->rt2) || a->rt2 == a->rt : a->rt2 != 15)) {
        return false;
    }
    arm_gen_ldrex(s, a->rn, 0, a->rt, a->rt2, (MemOp)a->sz);
    return true;
}

static bool trans_T2_STREXBHD(DisasContext *s, arg_T2_STREXBHD *a)
{
    bool pair = a->sz == 3;
    if (a->sz == 2 || t2_bad(a->rd) || t2_bad(a->rt) || a->rn == 15 || a->rd == a->rn ||
        a->rd == a->rt || (pair ? t2_bad(a->rt2) || a->rd == a->rt2 : a->rt2 != 15)) {
        return false;
    }
    arm_gen_strex(s, a->rd, a->rn, 0, a->rt, a->rt2, (MemOp)a->sz);
    return true;
}

/* TBB/TBH: branch forward by twice the byte/halfword at rn + rm (* 2 for TBH). */
static bool trans_T2_TB(DisasContext *s, arg_T2_TB *a)
{
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    TCGv_i32 m = arm_load_reg(s, a->rm);
    if (a->h) {
        tcg_gen_shli_i32(m, m, 1);
    }
    tcg_gen_add_i32(addr, addr, m);
    TCGv_i32 v = tcg_temp_new_i32();
    arm_gen_ld(s, v, addr, a->h ? MO_UW : MO_UB);
    tcg_gen_shli_i32(v, v, 1);
    tcg_gen_addi_i32(cpu_R[15], v, arm_read_pc(s));
    s->base.is_jmp = DISAS_JUMP;
    return true;
}

static bool trans_T2_LDSTD(DisasContext *s, arg_t2_ldstd *a)
{
    if (!a->p && !a->w) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt2,
                        tcg_constant_i32(a->imm), a->l);
}

static bool trans_T2_LDM(DisasContext *s, arg_t2_ldm *a)
{
    return arm_op_ldm(s, a->rn, a->list, true, false, a->w, a->l);
}

static bool trans_T2_LDMDB(DisasContext *s, arg_t2_ldm *a)
{
    return arm_op_ldm(s, a->rn, a->list, false, true, a->w, a->l);
}

static bool trans_T2_HINT(DisasContext *s, arg_t2_i *a)
{
    return a32(s, 0x0320f000u | a->imm);
}

/* DSB/DMB/ISB share op with A32; T32's CLREX is op 0010 where A32 has 0001 */
static bool trans_T2_BARRIER(DisasContext *s, arg_T2_BARRIER *a)
{
    int op = a->op == 2 ? 1 : a->op == 1 ? 0 : a->op;
    return arm_decode_a32_uncond_insn(s, 0xf57ff00fu | op << 4);
}

static bool trans_T2_MRS(DisasContext *s, arg_T2_MRS *a)
{
    return a32(s, 0x010f0000u | a->r << 22 | a->rd << 12);
}

static bool trans_T2_MSR(DisasContext *s, arg_T2_MSR *a)
{
    return a32(s, 0x0120f000u | a->r << 22 | a->mask << 16 | a->rn);
}

static bool trans_T2_UDF(DisasContext *s, arg_T2_UDF *a)
{
    return arm_unallocated_encoding(s);
}

static bool trans_T2_B_cond(DisasContext *s, arg_T2_B_cond *a)
{
    if (s->itstate || a->cond >= 0xe) {
        return false;
    }
    arm_skip_unless(s, a->cond);
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    return true;
}

static bool trans_T2_B(DisasContext *s, arg_t2_i *a)
{
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    return true;
}

static bool trans_T2_BL(DisasContext *s, arg_t2_i *a)
{
    tcg_gen_movi_i32(cpu_R[14], s->base.pc_next | 1);
    arm_gen_jmp(s, arm_read_pc(s) + a->imm);
    return true;
}

/* BLX to ARM state: the target is Align(PC, 4) + imm. */
static bool trans_T2_BLX(DisasContext *s, arg_t2_i *a)
{
    if (a->imm & 2) {
        return false;
    }
    tcg_gen_movi_i32(cpu_R[14], s->base.pc_next | 1);
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env, offsetof(CPUARMState, thumb));
    arm_gen_set_pc_im((arm_read_pc(s) & ~3u) + a->imm);
    arm_gen_save_itstate(s, 0);
    s->base.is_jmp = DISAS_JUMP;
    return true;
}

static bool trans_T2_MCR(DisasContext *s, arg_t2_mcr *a)
{
    return a32(s, s->insn & 0x0fffffffu);
}

static bool trans_T2_MRC(DisasContext *s, arg_t2_mcr *a)
{
    return a32(s, s->insn & 0x0fffffffu);
}

/* ---- fetch and IT ------------------------------------------------------------ */

void arm_thumb_translate_insn(DisasContext *s)
{
    DisasContextBase *db = &s->base;
    uint32_t pc = db->pc_next;
    uint32_t hw1 = translator_ld(s->env, db, pc, MO_LEUW);
    bool is32 = (hw1 >> 11) >= 0x1d;
    uint32_t insn = hw1;

    if (is32) {
        insn = hw1 << 16 | translator_ld(s->env, db, pc + 2, MO_LEUW);
    }
    db->pc_next = pc + (is32 ? 4 : 2);
    if (db->fetch_fault) {
        return;
    }
    s->insn = insn;

    /* advance ITSTATE for the next instruction (an IT instruction replaces it) */
    uint32_t it = s->itstate;
    s->itstate_next = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
    if (it) {
        arm_skip_unless(s, it >> 4);
    }
    /* before Thumb-2 the only 32-bit encodings are the BL and BLX (immediate) pairs */
    bool bl_pair = (hw1 >> 11) == 0x1e && ((insn >> 11) & 0x1d) == 0x1d;
    bool ok;
    if (is32 && !arm_dc_feature(s, ARM_FEATURE_THUMB2) && !bl_pair) {
        ok = false;
    } else {
        ok = is32 ? (decode_t32(s, insn) || arm_vfp_disas_t32(s, insn)) : decode_t16(s, insn);
    }
    if (!ok) {
        arm_unallocated_encoding(s);
    }
}
