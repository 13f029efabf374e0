/*
 * translate-int.c — MIPS integer instructions that are neither branches nor
 * memory accesses (int.decode): arithmetic with and without the overflow
 * trap, logic, shifts and rotates, multiply/divide and HI/LO, conditional
 * moves, bit fields and byte swaps, traps, SYSCALL/BREAK/SYNC and RDHWR.
 *
 * The 32-bit rule (MIPS64 Volume I 2.2, and how a MIPS32 CPU is run here,
 * see cpu.h): a 32-bit operation reads the low words of its operands and
 * writes its result sign-extended to 64 bits.  Operations whose result does
 * not depend on the upper bits of canonical operands (AND/OR/XOR/NOR, SLT,
 * SLTU, the moves) are done on 64 bits directly.
 */
#include "translate.h"

#include "exec/cpu-exec.h"

/* the generated decoder: argument sets, trans_* prototypes, decode_mips_int() */
#include "int.c.inc"

MIPS_HELPER(div, 0, T_VOID, T_PTR, T_I64, T_I64, T_I32);
MIPS_HELPER(rdhwr_cc, TCG_CALL_NO_RWG, T_I64, T_PTR);

/* ---- add and subtract ------------------------------------------------------------ */

/*
 * 32-bit add/sub.  The low word of the result depends only on the low words
 * of the operands, so without the trap the operands are used as they are.
 * With it, overflow is a result that is not its own sign-extended low word
 * (operands sign-extended first, so the 64-bit sum is exact).
 */
static bool gen_arith32(DisasContext *s, int rd, int rs, TCGv_i64 b, bool sub, bool trap)
{
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 a = gpr_src(rs);
    TCGv_i64 bb = b;
    if (trap) {
        a = tcg_temp_new_i64();
        bb = tcg_temp_new_i64();
        tcg_gen_ext32s_i64(a, gpr_src(rs));
        tcg_gen_ext32s_i64(bb, b);
    }
    if (sub) {
        tcg_gen_sub_i64(r, a, bb);
    } else {
        tcg_gen_add_i64(r, a, bb);
    }
    if (trap) {
        TCGv_i64 e = tcg_temp_new_i64();
        TCGLabel *ok = gen_new_label();
        tcg_gen_ext32s_i64(e, r);
        tcg_gen_brcond_i64(TCG_COND_EQ, e, r, ok);
        mips_gen_raise(EXCP_OVERFLOW, 0);
        gen_set_label(ok);
    }
    gpr_set32(rd, r);
    return true;
}

/* 64-bit add/sub: signed overflow from the operand and result signs. */
static bool gen_arith64(DisasContext *s, int rd, int rs, TCGv_i64 b, bool sub, bool trap)
{
    if (!mips_check_64(s)) {
        return true;
    }
    TCGv_i64 a = gpr_src(rs);
    TCGv_i64 r = tcg_temp_new_i64();
    if (sub) {
        tcg_gen_sub_i64(r, a, b);
    } else {
        tcg_gen_add_i64(r, a, b);
    }
    if (trap) {
        TCGv_i64 t = tcg_temp_new_i64();
        TCGv_i64 u = tcg_temp_new_i64();
        TCGLabel *ok = gen_new_label();
        tcg_gen_xor_i64(t, r, a);
        if (sub) {
            tcg_gen_xor_i64(u, a, b);       /* overflow: operands differ in sign, result != a */
        } else {
            tcg_gen_eqv_i64(u, a, b);       /* overflow: operands agree, result differs */
        }
        tcg_gen_and_i64(t, t, u);
        tcg_gen_brcondi_i64(TCG_COND_GE, t, 0, ok);
        mips_gen_raise(EXCP_OVERFLOW, 0);
        gen_set_label(ok);
    }
    gpr_set(rd, r);
    return true;
}

static bool trans_ADD(DisasContext *s, arg_r *a)
{
    return gen_arith32(s, a->rd, a->rs, gpr_src(a->rt), false, true);
}

static bool trans_ADDU(DisasContext *s, arg_r *a)
{
    return gen_arith32(s, a->rd, a->rs, gpr_src(a->rt), false, false);
}

static bool trans_SUB(DisasContext *s, arg_r *a)
{
    return gen_arith32(s, a->rd, a->rs, gpr_src(a->rt), true, true);
}

static bool trans_SUBU(DisasContext *s, arg_r *a)
{
    return gen_arith32(s, a->rd, a->rs, gpr_src(a->rt), true, false);
}

static bool trans_ADDI(DisasContext *s, arg_i *a)
{
    return gen_arith32(s, a->rt, a->rs, tcg_constant_i64(a->imm), false, true);
}

static bool trans_ADDIU(DisasContext *s, arg_i *a)
{
    return gen_arith32(s, a->rt, a->rs, tcg_constant_i64(a->imm), false, false);
}

static bool trans_DADD(DisasContext *s, arg_r *a)
{
    return gen_arith64(s, a->rd, a->rs, gpr_src(a->rt), false, true);
}

static bool trans_DADDU(DisasContext *s, arg_r *a)
{
    return gen_arith64(s, a->rd, a->rs, gpr_src(a->rt), false, false);
}

static bool trans_DSUB(DisasContext *s, arg_r *a)
{
    return gen_arith64(s, a->rd, a->rs, gpr_src(a->rt), true, true);
}

static bool trans_DSUBU(DisasContext *s, arg_r *a)
{
    return gen_arith64(s, a->rd, a->rs, gpr_src(a->rt), true, false);
}

static bool trans_DADDI(DisasContext *s, arg_i *a)
{
    return gen_arith64(s, a->rt, a->rs, tcg_constant_i64(a->imm), false, true);
}

static bool trans_DADDIU(DisasContext *s, arg_i *a)
{
    return gen_arith64(s, a->rt, a->rs, tcg_constant_i64(a->imm), false, false);
}

/* ---- logic and compares ------------------------------------------------------------ */

typedef void GenLogic(TCGv_i64, TCGv_i64, TCGv_i64);

static bool gen_logic(int rd, int rs, TCGv_i64 b, GenLogic *fn)
{
    if (rd) {
        fn(cpu_gpr[rd], gpr_src(rs), b);
    }
    return true;
}

static bool trans_AND(DisasContext *s, arg_r *a)
{
    return gen_logic(a->rd, a->rs, gpr_src(a->rt), tcg_gen_and_i64);
}

static bool trans_OR(DisasContext *s, arg_r *a)
{
    return gen_logic(a->rd, a->rs, gpr_src(a->rt), tcg_gen_or_i64);
}

static bool trans_XOR(DisasContext *s, arg_r *a)
{
    return gen_logic(a->rd, a->rs, gpr_src(a->rt), tcg_gen_xor_i64);
}

static bool trans_NOR(DisasContext *s, arg_r *a)
{
    return gen_logic(a->rd, a->rs, gpr_src(a->rt), tcg_gen_nor_i64);
}

static bool trans_ANDI(DisasContext *s, arg_i *a)
{
    return gen_logic(a->rt, a->rs, tcg_constant_i64(a->imm), tcg_gen_and_i64);
}

static bool trans_ORI(DisasContext *s, arg_i *a)
{
    return gen_logic(a->rt, a->rs, tcg_constant_i64(a->imm), tcg_gen_or_i64);
}

static bool trans_XORI(DisasContext *s, arg_i *a)
{
    return gen_logic(a->rt, a->rs, tcg_constant_i64(a->imm), tcg_gen_xor_i64);
}

static bool trans_LUI(DisasContext *s, arg_i *a)
{
    if (a->rt) {
        tcg_gen_movi_i64(cpu_gpr[a->rt], (int64_t)(int32_t)((uint32_t)a->imm << 16));
    }
    return true;
}

/* Sign-extension keeps the unsigned order of 32-bit values, so SLTU works on 64 bits too. */
static bool gen_slt(int rd, int rs, TCGv_i64 b, TCGCond cond)
{
    if (rd) {
        tcg_gen_setcond_i64(cond, cpu_gpr[rd], gpr_src(rs), b);
    }
    return true;
}

static bool trans_SLT(DisasContext *s, arg_r *a)
{
    return gen_slt(a->rd, a->rs, gpr_src(a->rt), TCG_COND_LT);
}

static bool trans_SLTU(DisasContext *s, arg_r *a)
{
    return gen_slt(a->rd, a->rs, gpr_src(a->rt), TCG_COND_LTU);
}

static bool trans_SLTI(DisasContext *s, arg_i *a)
{
    return gen_slt(a->rt, a->rs, tcg_constant_i64(a->imm), TCG_COND_LT);
}

/* SLTIU: the sign-extended immediate compared unsigned (MIPS64 Volume II "SLTIU"). */
static bool trans_SLTIU(DisasContext *s, arg_i *a)
{
    return gen_slt(a->rt, a->rs, tcg_constant_i64(a->imm), TCG_COND_LTU);
}

/* ---- shifts ------------------------------------------------------------------------ */

enum { SH_L, SH_RL, SH_RA, SH_ROTR };

/* A 32-bit shift of rt by amount n (a 32-bit temp, masked here), result sign-extended. */
static bool gen_shift32(DisasContext *s, int rd, int rt, TCGv_i32 n, int kind)
{
    if (!rd) {
        return true;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    TCGv_i32 m = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(v, gpr_src(rt));
    tcg_gen_andi_i32(m, n, 31);
    switch (kind) {
    case SH_L:
        tcg_gen_shl_i32(v, v, m);
        break;
    case SH_RL:
        tcg_gen_shr_i32(v, v, m);
        break;
    case SH_RA:
        tcg_gen_sar_i32(v, v, m);
        break;
    default:
        tcg_gen_rotr_i32(v, v, m);
        break;
    }
    tcg_gen_ext_i32_i64(cpu_gpr[rd], v);
    return true;
}

static bool gen_shift32_imm(DisasContext *s, arg_r *a, int kind)
{
    if (kind == SH_ROTR && !mips_check_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    return gen_shift32(s, a->rd, a->rt, tcg_constant_i32(a->sa), kind);
}

static bool gen_shift32_var(DisasContext *s, arg_r *a, int kind)
{
    if (kind == SH_ROTR && !mips_check_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    TCGv_i32 n = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(n, gpr_src(a->rs));
    return gen_shift32(s, a->rd, a->rt, n, kind);
}

static bool trans_SLL(DisasContext *s, arg_r *a)
{
    return gen_shift32_imm(s, a, SH_L);
}

static bool trans_SRL(DisasContext *s, arg_r *a)
{
    return gen_shift32_imm(s, a, SH_RL);
}

static bool trans_SRA(DisasContext *s, arg_r *a)
{
    return gen_shift32_imm(s, a, SH_RA);
}

static bool trans_ROTR(DisasContext *s, arg_r *a)
{
    return gen_shift32_imm(s, a, SH_ROTR);
}

static bool trans_SLLV(DisasContext *s, arg_r *a)
{
    return gen_shift32_var(s, a, SH_L);
}

static bool trans_SRLV(DisasContext *s, arg_r *a)
{
    return gen_shift32_var(s, a, SH_RL);
}

static bool trans_SRAV(DisasContext *s, arg_r *a)
{
    return gen_shift32_var(s, a, SH_RA);
}

static bool trans_ROTRV(DisasContext *s, arg_r *a)
{
    return gen_shift32_var(s, a, SH_ROTR);
}

/* 64-bit shifts: n is the amount (masked to 6 bits) as a 64-bit temp. */
static bool gen_shift64(DisasContext *s, int rd, int rt, TCGv_i64 n, int kind, bool r2)
{
    if (!mips_check_64(s) || (r2 && !mips_check_feature(s, MIPS_FEATURE_MIPS64R2))) {
        return true;
    }
    if (!rd) {
        return true;
    }
    TCGv_i64 m = tcg_temp_new_i64();
    tcg_gen_andi_i64(m, n, 63);
    switch (kind) {
    case SH_L:
        tcg_gen_shl_i64(cpu_gpr[rd], gpr_src(rt), m);
        break;
    case SH_RL:
        tcg_gen_shr_i64(cpu_gpr[rd], gpr_src(rt), m);
        break;
    case SH_RA:
        tcg_gen_sar_i64(cpu_gpr[rd], gpr_src(rt), m);
        break;
    default:
        tcg_gen_rotr_i64(cpu_gpr[rd], gpr_src(rt), m);
        break;
    }
    return true;
}

static bool trans_DSLL(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa), SH_L, false);
}

static bool trans_DSRL(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa), SH_RL, false);
}

static bool trans_DSRA(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa), SH_RA, false);
}

static bool trans_DROTR(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa), SH_ROTR, true);
}

static bool trans_DSLL32(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa + 32), SH_L, false);
}

static bool trans_DSRL32(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa + 32), SH_RL, false);
}

static bool trans_DSRA32(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa + 32), SH_RA, false);
}

static bool trans_DROTR32(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, tcg_constant_i64(a->sa + 32), SH_ROTR, true);
}

static bool trans_DSLLV(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, gpr_src(a->rs), SH_L, false);
}

static bool trans_DSRLV(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, gpr_src(a->rs), SH_RL, false);
}

static bool trans_DSRAV(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, gpr_src(a->rs), SH_RA, false);
}

static bool trans_DROTRV(DisasContext *s, arg_r *a)
{
    return gen_shift64(s, a->rd, a->rt, gpr_src(a->rs), SH_ROTR, true);
}

/* ---- multiply, divide, HI/LO ------------------------------------------------------ */

/* The 64-bit product of the low words of rs and rt, signed or not. */
static TCGv_i64 gen_mul32_wide(int rs, int rt, bool sign)
{
    TCGv_i64 a = tcg_temp_new_i64();
    TCGv_i64 b = tcg_temp_new_i64();
    if (sign) {
        tcg_gen_ext32s_i64(a, gpr_src(rs));
        tcg_gen_ext32s_i64(b, gpr_src(rt));
    } else {
        tcg_gen_ext32u_i64(a, gpr_src(rs));
        tcg_gen_ext32u_i64(b, gpr_src(rt));
    }
    tcg_gen_mul_i64(a, a, b);
    return a;
}

/* HI:LO = p (64 bits), each half sign-extended. */
static void gen_set_hilo32(TCGv_i64 p)
{
    tcg_gen_sari_i64(cpu_hi, p, 32);
    tcg_gen_ext32s_i64(cpu_lo, p);
}

static bool trans_MULT(DisasContext *s, arg_r *a)
{
    gen_set_hilo32(gen_mul32_wide(a->rs, a->rt, true));
    return true;
}

static bool trans_MULTU(DisasContext *s, arg_r *a)
{
    TCGv_i64 p = gen_mul32_wide(a->rs, a->rt, false);
    tcg_gen_sari_i64(cpu_hi, p, 32);
    tcg_gen_ext32s_i64(cpu_hi, cpu_hi);
    tcg_gen_ext32s_i64(cpu_lo, p);
    return true;
}

/* MADD/MADDU/MSUB/MSUBU: HI:LO +/- the product (MIPS32 R1). */
static bool gen_madd32(DisasContext *s, arg_r *a, bool sign, bool sub)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS32)) {
        return true;
    }
    TCGv_i64 p = gen_mul32_wide(a->rs, a->rt, sign);
    TCGv_i64 acc = tcg_temp_new_i64();
    TCGv_i64 lo = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(lo, cpu_lo);
    tcg_gen_shli_i64(acc, cpu_hi, 32);
    tcg_gen_or_i64(acc, acc, lo);
    if (sub) {
        tcg_gen_sub_i64(acc, acc, p);
    } else {
        tcg_gen_add_i64(acc, acc, p);
    }
    gen_set_hilo32(acc);
    return true;
}

static bool trans_MADD(DisasContext *s, arg_r *a)
{
    return gen_madd32(s, a, true, false);
}

static bool trans_MADDU(DisasContext *s, arg_r *a)
{
    return gen_madd32(s, a, false, false);
}

static bool trans_MSUB(DisasContext *s, arg_r *a)
{
    return gen_madd32(s, a, true, true);
}

static bool trans_MSUBU(DisasContext *s, arg_r *a)
{
    return gen_madd32(s, a, false, true);
}

/* MUL: rd = low word of the product; HI/LO are UNPREDICTABLE and kept. */
static bool trans_MUL(DisasContext *s, arg_r *a)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS32)) {
        return true;
    }
    /* the low word of a product depends only on the operands' low words */
    TCGv_i64 p = tcg_temp_new_i64();
    tcg_gen_mul_i64(p, gpr_src(a->rs), gpr_src(a->rt));
    gpr_set32(a->rd, p);
    return true;
}

static bool trans_DMULT(DisasContext *s, arg_r *a)
{
    if (mips_check_64(s)) {
        tcg_gen_muls2_i64(cpu_lo, cpu_hi, gpr_src(a->rs), gpr_src(a->rt));
    }
    return true;
}

static bool trans_DMULTU(DisasContext *s, arg_r *a)
{
    if (mips_check_64(s)) {
        tcg_gen_mulu2_i64(cpu_lo, cpu_hi, gpr_src(a->rs), gpr_src(a->rt));
    }
    return true;
}

/* Division in op_helper.c (divide by zero and INT_MIN / -1 must not reach the host's divider). */
static bool gen_div(DisasContext *s, arg_r *a, uint32_t op, bool wide)
{
    if (wide && !mips_check_64(s)) {
        return true;
    }
    TCGTemp *args[] = { tenv(), t64(gpr_src(a->rs)), t64(gpr_src(a->rt)), c32(op) };
    tcg_gen_call(&info_div, NULL, args);
    return true;
}

static bool trans_DIV(DisasContext *s, arg_r *a)
{
    return gen_div(s, a, 0, false);
}

static bool trans_DIVU(DisasContext *s, arg_r *a)
{
    return gen_div(s, a, 1, false);
}

static bool trans_DDIV(DisasContext *s, arg_r *a)
{
    return gen_div(s, a, 2, true);
}

static bool trans_DDIVU(DisasContext *s, arg_r *a)
{
    return gen_div(s, a, 3, true);
}

static bool trans_MFHI(DisasContext *s, arg_r *a)
{
    gpr_set(a->rd, cpu_hi);
    return true;
}

static bool trans_MFLO(DisasContext *s, arg_r *a)
{
    gpr_set(a->rd, cpu_lo);
    return true;
}

static bool trans_MTHI(DisasContext *s, arg_r *a)
{
    tcg_gen_mov_i64(cpu_hi, gpr_src(a->rs));
    return true;
}

static bool trans_MTLO(DisasContext *s, arg_r *a)
{
    tcg_gen_mov_i64(cpu_lo, gpr_src(a->rs));
    return true;
}

/* ---- conditional moves ------------------------------------------------------------- */

static bool gen_movcond(DisasContext *s, int rd, int rs, TCGv_i64 c, TCGCond cond)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS4)) {
        return true;
    }
    if (rd) {
        tcg_gen_movcond_i64(cond, cpu_gpr[rd], c, tcg_constant_i64(0), gpr_src(rs),
                            cpu_gpr[rd]);
    }
    return true;
}

static bool trans_MOVZ(DisasContext *s, arg_r *a)
{
    return gen_movcond(s, a->rd, a->rs, gpr_src(a->rt), TCG_COND_EQ);
}

static bool trans_MOVN(DisasContext *s, arg_r *a)
{
    return gen_movcond(s, a->rd, a->rs, gpr_src(a->rt), TCG_COND_NE);
}

/* MOVF/MOVT: on FP condition code cc (needs CP1 usable). */
static bool trans_MOVCI(DisasContext *s, arg_movci *a)
{
    if (!mips_check_fpu(s)) {
        return true;
    }
    TCGv_i64 c = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(c, tcg_env, offsetof(CPUMIPSState, fcr31));
    tcg_gen_extract_i64(c, c, a->cc ? 24 + a->cc : 23, 1);
    return gen_movcond(s, a->rd, a->rs, c, a->tf ? TCG_COND_NE : TCG_COND_EQ);
}

/* ---- count leading, bit fields, byte swaps ------------------------------------------ */

static bool gen_clz32(DisasContext *s, arg_r *a, bool ones)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS32)) {
        return true;
    }
    if (a->rd) {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(v, gpr_src(a->rs));
        if (ones) {
            tcg_gen_not_i32(v, v);
        }
        tcg_gen_clzi_i32(v, v, 32);
        tcg_gen_extu_i32_i64(cpu_gpr[a->rd], v);
    }
    return true;
}

static bool gen_clz64(DisasContext *s, arg_r *a, bool ones)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS64) || !mips_check_64(s)) {
        return true;
    }
    if (a->rd) {
        TCGv_i64 v = tcg_temp_new_i64();
        if (ones) {
            tcg_gen_not_i64(v, gpr_src(a->rs));
        } else {
            tcg_gen_mov_i64(v, gpr_src(a->rs));
        }
        tcg_gen_clzi_i64(cpu_gpr[a->rd], v, 64);
    }
    return true;
}

static bool trans_CLZ(DisasContext *s, arg_r *a)
{
    return gen_clz32(s, a, false);
}

static bool trans_CLO(DisasContext *s, arg_r *a)
{
    return gen_clz32(s, a, true);
}

static bool trans_DCLZ(DisasContext *s, arg_r *a)
{
    return gen_clz64(s, a, false);
}

static bool trans_DCLO(DisasContext *s, arg_r *a)
{
    return gen_clz64(s, a, true);
}

/*
 * EXT/DEXT*: rt = the size bits of rs at pos, zero-extended (EXT: as a
 * 32-bit result, sign-extended).  pos + size beyond the word is
 * UNPREDICTABLE: Reserved Instruction here.
 */
static bool gen_ext(DisasContext *s, int rt, int rs, int pos, int size, bool wide)
{
    if (wide ? (!mips_check_feature(s, MIPS_FEATURE_MIPS64R2) || !mips_check_64(s))
             : !mips_check_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    if (pos + size > (wide ? 64 : 32)) {
        return mips_gen_reserved(s);
    }
    if (rt) {
        tcg_gen_extract_i64(cpu_gpr[rt], gpr_src(rs), pos, size);
        if (!wide) {
            tcg_gen_ext32s_i64(cpu_gpr[rt], cpu_gpr[rt]);
        }
    }
    return true;
}

/* INS/DINS*: the low size bits of rs into rt at pos. */
static bool gen_ins(DisasContext *s, int rt, int rs, int pos, int size, bool wide)
{
    if (wide ? (!mips_check_feature(s, MIPS_FEATURE_MIPS64R2) || !mips_check_64(s))
             : !mips_check_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    if (size <= 0 || pos + size > (wide ? 64 : 32)) {
        return mips_gen_reserved(s);
    }
    if (rt) {
        tcg_gen_deposit_i64(cpu_gpr[rt], cpu_gpr[rt], gpr_src(rs), pos, size);
        if (!wide) {
            tcg_gen_ext32s_i64(cpu_gpr[rt], cpu_gpr[rt]);
        }
    }
    return true;
}

/* The msb field is msbd (size - 1) for the extracts and the last bit's position for inserts. */
static bool trans_EXT(DisasContext *s, arg_bf *a)
{
    return gen_ext(s, a->rt, a->rs, a->lsb, a->msb + 1, false);
}

static bool trans_DEXT(DisasContext *s, arg_bf *a)
{
    return gen_ext(s, a->rt, a->rs, a->lsb, a->msb + 1, true);
}

static bool trans_DEXTM(DisasContext *s, arg_bf *a)
{
    return gen_ext(s, a->rt, a->rs, a->lsb, a->msb + 33, true);
}

static bool trans_DEXTU(DisasContext *s, arg_bf *a)
{
    return gen_ext(s, a->rt, a->rs, a->lsb + 32, a->msb + 1, true);
}

static bool trans_INS(DisasContext *s, arg_bf *a)
{
    return gen_ins(s, a->rt, a->rs, a->lsb, a->msb - a->lsb + 1, false);
}

static bool trans_DINS(DisasContext *s, arg_bf *a)
{
    return gen_ins(s, a->rt, a->rs, a->lsb, a->msb - a->lsb + 1, true);
}

static bool trans_DINSM(DisasContext *s, arg_bf *a)
{
    return gen_ins(s, a->rt, a->rs, a->lsb, a->msb + 32 - a->lsb + 1, true);
}

static bool trans_DINSU(DisasContext *s, arg_bf *a)
{
    return gen_ins(s, a->rt, a->rs, a->lsb + 32, a->msb - a->lsb + 1, true);
}

/* Swap the bytes inside each halfword of v (mask: the low byte of each halfword). */
static void gen_swap_bytes_in_halves(TCGv_i64 r, TCGv_i64 v, uint64_t mask)
{
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 u = tcg_temp_new_i64();
    tcg_gen_shri_i64(t, v, 8);
    tcg_gen_andi_i64(t, t, mask);
    tcg_gen_andi_i64(u, v, mask);
    tcg_gen_shli_i64(u, u, 8);
    tcg_gen_or_i64(r, t, u);
}

static bool trans_WSBH(DisasContext *s, arg_r *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS32R2) && a->rd) {
        gen_swap_bytes_in_halves(cpu_gpr[a->rd], gpr_src(a->rt), 0x00ff00ffu);
        tcg_gen_ext32s_i64(cpu_gpr[a->rd], cpu_gpr[a->rd]);
    }
    return true;
}

static bool trans_DSBH(DisasContext *s, arg_r *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS64R2) && mips_check_64(s) && a->rd) {
        gen_swap_bytes_in_halves(cpu_gpr[a->rd], gpr_src(a->rt), 0x00ff00ff00ff00ffull);
    }
    return true;
}

/* DSHD: reverse the halfwords: reverse the bytes, then put each halfword's bytes back. */
static bool trans_DSHD(DisasContext *s, arg_r *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS64R2) && mips_check_64(s) && a->rd) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_bswap64_i64(t, gpr_src(a->rt));
        gen_swap_bytes_in_halves(cpu_gpr[a->rd], t, 0x00ff00ff00ff00ffull);
    }
    return true;
}

static bool trans_SEB(DisasContext *s, arg_r *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS32R2) && a->rd) {
        tcg_gen_ext8s_i64(cpu_gpr[a->rd], gpr_src(a->rt));
    }
    return true;
}

static bool trans_SEH(DisasContext *s, arg_r *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS32R2) && a->rd) {
        tcg_gen_ext16s_i64(cpu_gpr[a->rd], gpr_src(a->rt));
    }
    return true;
}

/* ---- traps --------------------------------------------------------------------------- */

/* Trap (EXCP_TRAP with code) when cond holds between rs and b (MIPS II). */
static bool gen_trap(DisasContext *s, TCGCond cond, int rs, TCGv_i64 b, uint32_t code)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS2)) {
        return true;
    }
    TCGLabel *skip = gen_new_label();
    tcg_gen_brcond_i64(tcg_invert_cond(cond), gpr_src(rs), b, skip);
    mips_gen_raise(EXCP_TRAP, code);
    gen_set_label(skip);
    return true;
}

static bool trans_TGE(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_GE, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TGEU(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_GEU, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TLT(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_LT, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TLTU(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_LTU, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TEQ(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_EQ, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TNE(DisasContext *s, arg_tr *a)
{
    return gen_trap(s, TCG_COND_NE, a->rs, gpr_src(a->rt), a->code);
}

static bool trans_TGEI(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_GE, a->rs, tcg_constant_i64(a->imm), 0);
}

static bool trans_TGEIU(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_GEU, a->rs, tcg_constant_i64(a->imm), 0);
}

static bool trans_TLTI(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_LT, a->rs, tcg_constant_i64(a->imm), 0);
}

static bool trans_TLTIU(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_LTU, a->rs, tcg_constant_i64(a->imm), 0);
}

static bool trans_TEQI(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_EQ, a->rs, tcg_constant_i64(a->imm), 0);
}

static bool trans_TNEI(DisasContext *s, arg_ti *a)
{
    return gen_trap(s, TCG_COND_NE, a->rs, tcg_constant_i64(a->imm), 0);
}

/* ---- system ------------------------------------------------------------------------------ */

static bool trans_SYSCALL(DisasContext *s, arg_code *a)
{
    mips_gen_exception_synced(s, EXCP_SYSCALL, a->code);
    return true;
}

static bool trans_BREAK(DisasContext *s, arg_code *a)
{
    mips_gen_exception(s, EXCP_BREAK, a->code);
    return true;
}

/* SYNC: order every earlier access before every later one (guest threads are host threads). */
static bool trans_SYNC(DisasContext *s, arg_SYNC *a)
{
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    return true;
}

/* SYNCI: the TB cache follows guest stores by itself; nothing to do. */
static bool trans_SYNCI(DisasContext *s, arg_SYNCI *a)
{
    mips_check_feature(s, MIPS_FEATURE_MIPS32R2);
    return true;
}

/*
 * RDHWR (MIPS32 R2; Linux lets user mode read 0-3 and 29, and emulates $29
 * on older CPUs, so it is accepted on every model): 0 CPUNum, 1 SYNCI_Step
 * (the cache line: 32 bytes), 2 CC (a cycle counter), 3 CCRes (cycles per
 * count: 1), 29 UserLocal (the thread pointer).
 */
static bool trans_RDHWR(DisasContext *s, arg_r *a)
{
    if (a->rd != 29 && !mips_check_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    TCGv_i64 v = tcg_temp_new_i64();
    switch (a->rd) {
    case 0:
        tcg_gen_movi_i64(v, 0);
        break;
    case 1:
        tcg_gen_movi_i64(v, 32);
        break;
    case 2: {
        TCGTemp *args[] = { tenv() };
        tcg_gen_call(&info_rdhwr_cc, t64(v), args);
        tcg_gen_ext32s_i64(v, v);
        break;
    }
    case 3:
        tcg_gen_movi_i64(v, 1);
        break;
    case 29:
        tcg_gen_ld_i64(v, tcg_env, offsetof(CPUMIPSState, cp0.userlocal));
        break;
    default:
        return mips_gen_reserved(s);
    }
    gpr_set(a->rt, v);
    return true;
}

bool mips_decode_int_insn(DisasContext *s, uint32_t insn)
{
    return decode_mips_int(s, insn);
}
