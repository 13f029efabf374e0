/*
 * translate-branch.c — MIPS branches and jumps (branch.decode).  Every one
 * has a delay slot (see translate.c): the condition and the target are
 * computed first, the link register written (the slot sees the new value,
 * MIPS64 Volume II "BGEZAL": GPR[31] is written before the slot runs), then
 * the slot is translated and the TB ends with the jump.  The likely forms
 * skip the slot when not taken.
 *
 * Register values on MIPS32 are sign-extended 64-bit numbers, so one 64-bit
 * compare serves both widths.  pc values of a MIPS32 CPU are kept as 32-bit
 * numbers (zero-extended).
 */
#include "translate.h"

/* the generated decoder: argument sets, trans_* prototypes, decode_mips_branch() */
#include "branch.c.inc"

/* pc arithmetic in the CPU's address width. */
static uint64_t pc_wrap(DisasContext *s, uint64_t pc)
{
    return (s->hflags & MIPS_HFLAG_64) ? pc : (uint32_t)pc;
}

/* The value a link register gets: the address after the slot, as a GPR holds it. */
static void gen_link(DisasContext *s, int rd)
{
    uint64_t ret = s->pc_curr + 8;
    if (rd) {
        tcg_gen_movi_i64(cpu_gpr[rd], (s->hflags & MIPS_HFLAG_64) ? ret
                                                              : (uint64_t)(int32_t)ret);
    }
}

/*
 * The common tail: slot and exits.  The branch is taken when cond holds
 * between x and y (TCG_COND_ALWAYS/NEVER: unconditionally taken or not).
 * For an ordinary branch the operands are copied before the slot, which
 * may overwrite the registers; a likely branch tests them before its slot.
 */
static bool gen_branch_tail(DisasContext *s, TCGCond cond, TCGv_i64 x, TCGv_i64 y,
                            uint64_t dest, bool likely)
{
    uint64_t next = pc_wrap(s, s->pc_curr + 8);
    dest = pc_wrap(s, dest);

    if (cond == TCG_COND_ALWAYS) {
        mips_gen_delay_slot(s);
        mips_gen_goto_tb(s, 0, dest);
    } else if (cond == TCG_COND_NEVER) {
        if (!likely) {
            mips_gen_delay_slot(s);
        }
        mips_gen_goto_tb(s, 1, next);
    } else if (likely) {
        TCGLabel *not_taken = gen_new_label();
        tcg_gen_brcond_i64(tcg_invert_cond(cond), x, y, not_taken);
        mips_gen_delay_slot(s);
        mips_gen_goto_tb(s, 0, dest);
        gen_set_label(not_taken);
        mips_gen_goto_tb(s, 1, next);
    } else {
        TCGLabel *taken = gen_new_label();
        TCGv_i64 tx = tcg_temp_new_i64();
        TCGv_i64 ty = tcg_temp_new_i64();
        tcg_gen_mov_i64(tx, x);
        tcg_gen_mov_i64(ty, y);
        mips_gen_delay_slot(s);
        tcg_gen_brcond_i64(cond, tx, ty, taken);
        mips_gen_goto_tb(s, 1, next);
        gen_set_label(taken);
        mips_gen_goto_tb(s, 0, dest);
    }
    s->base.is_jmp = DISAS_NORETURN;
    s->base.pc_next = s->pc_curr + 8;
    return true;
}

/*
 * Compare-and-branch: cond on rs and rt (TCG_COND_ALWAYS: unconditional,
 * NEVER: never taken), link into $31 when link, likely when the slot is
 * nullified if not taken.
 */
static bool gen_branch(DisasContext *s, TCGCond cond, int rs, int rt, int off, bool link,
                       bool likely)
{
    if (s->in_slot) {
        return mips_gen_reserved(s);
    }
    if (likely && !mips_check_feature(s, MIPS_FEATURE_MIPS2)) {
        return true;
    }
    TCGv_i64 x = gpr_src(rs), y = gpr_src(rt);
    if (link) {
        /* BLTZAL $31 is UNPREDICTABLE; the compare sees the old value anyway */
        if (rs == 31 && cond != TCG_COND_ALWAYS) {
            x = tcg_temp_new_i64();
            tcg_gen_mov_i64(x, cpu_gpr[31]);
        }
        gen_link(s, 31);
    }
    return gen_branch_tail(s, cond, x, y, s->pc_curr + 4 + (int64_t)off, likely);
}

static bool trans_BEQ(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs == a->rt ? TCG_COND_ALWAYS : TCG_COND_EQ, a->rs, a->rt, a->off,
                      false, false);
}

static bool trans_BNE(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs == a->rt ? TCG_COND_NEVER : TCG_COND_NE, a->rs, a->rt, a->off,
                      false, false);
}

static bool trans_BEQL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs == a->rt ? TCG_COND_ALWAYS : TCG_COND_EQ, a->rs, a->rt, a->off,
                      false, true);
}

static bool trans_BNEL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs == a->rt ? TCG_COND_NEVER : TCG_COND_NE, a->rs, a->rt, a->off,
                      false, true);
}

/* Compares with zero (rt is 0 in these patterns, so gpr_src(rt) is the constant 0). */
static bool trans_BLEZ(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LE, a->rs, 0, a->off, false, false);
}

static bool trans_BGTZ(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_GT, a->rs, 0, a->off, false, false);
}

static bool trans_BLEZL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LE, a->rs, 0, a->off, false, true);
}

static bool trans_BGTZL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_GT, a->rs, 0, a->off, false, true);
}

static bool trans_BLTZ(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LT, a->rs, 0, a->off, false, false);
}

static bool trans_BGEZ(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs ? TCG_COND_GE : TCG_COND_ALWAYS, a->rs, 0, a->off, false, false);
}

static bool trans_BLTZL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LT, a->rs, 0, a->off, false, true);
}

static bool trans_BGEZL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs ? TCG_COND_GE : TCG_COND_ALWAYS, a->rs, 0, a->off, false, true);
}

static bool trans_BLTZAL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LT, a->rs, 0, a->off, true, false);
}

/* BGEZAL $zero is BAL. */
static bool trans_BGEZAL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs ? TCG_COND_GE : TCG_COND_ALWAYS, a->rs, 0, a->off, true, false);
}

static bool trans_BLTZALL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, TCG_COND_LT, a->rs, 0, a->off, true, true);
}

static bool trans_BGEZALL(DisasContext *s, arg_b *a)
{
    return gen_branch(s, a->rs ? TCG_COND_GE : TCG_COND_ALWAYS, a->rs, 0, a->off, true, true);
}

/* J/JAL: the target's upper bits come from the delay slot's address. */
static bool gen_jump(DisasContext *s, int target, bool link)
{
    if (s->in_slot) {
        return mips_gen_reserved(s);
    }
    uint64_t dest = ((s->pc_curr + 4) & ~(uint64_t)0x0fffffff) | ((uint64_t)target << 2);
    if (link) {
        gen_link(s, 31);
    }
    return gen_branch_tail(s, TCG_COND_ALWAYS, NULL, NULL, dest, false);
}

static bool trans_J(DisasContext *s, arg_j *a)
{
    return gen_jump(s, a->target, false);
}

static bool trans_JAL(DisasContext *s, arg_j *a)
{
    return gen_jump(s, a->target, true);
}

/* JR/JALR: the target is read before the link is written and before the slot runs. */
static bool gen_jump_reg(DisasContext *s, int rs, int rd)
{
    if (s->in_slot) {
        return mips_gen_reserved(s);
    }
    TCGv_i64 dest = tcg_temp_new_i64();
    if (s->hflags & MIPS_HFLAG_64) {
        tcg_gen_mov_i64(dest, gpr_src(rs));
    } else {
        tcg_gen_ext32u_i64(dest, gpr_src(rs));
    }
    gen_link(s, rd);
    mips_gen_delay_slot(s);
    tcg_gen_mov_i64(cpu_pc, dest);
    tcg_gen_lookup_and_goto_ptr();
    s->base.is_jmp = DISAS_NORETURN;
    s->base.pc_next = s->pc_curr + 8;
    return true;
}

static bool trans_JR(DisasContext *s, arg_jr *a)
{
    return gen_jump_reg(s, a->rs, 0);
}

static bool trans_JALR(DisasContext *s, arg_jr *a)
{
    return gen_jump_reg(s, a->rs, a->rd);
}

/* BC1F/BC1T(L): on FCSR condition code cc. */
static bool trans_BC1(DisasContext *s, arg_bc1 *a)
{
    if (s->in_slot) {
        return mips_gen_reserved(s);
    }
    if (!mips_check_fpu(s)) {
        return true;
    }
    if ((a->cc || a->nd) && !mips_check_feature(s, a->cc ? MIPS_FEATURE_MIPS4
                                                          : MIPS_FEATURE_MIPS2)) {
        return true;
    }
    unsigned bit = a->cc ? 24 + a->cc : 23;
    TCGv_i64 c = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(c, tcg_env, offsetof(CPUMIPSState, fcr31));
    tcg_gen_extract_i64(c, c, bit, 1);
    if (!a->tf) {
        tcg_gen_xori_i64(c, c, 1);
    }
    return gen_branch_tail(s, TCG_COND_NE, c, tcg_constant_i64(0),
                           s->pc_curr + 4 + (int64_t)a->off, a->nd);
}

bool mips_decode_branch_insn(DisasContext *s, uint32_t insn)
{
    return decode_mips_branch(s, insn);
}
