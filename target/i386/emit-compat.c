/*
 * emit-compat.c — instructions that exist only outside 64-bit mode or share
 * an opcode with a 64-bit one: SALC (D6, undocumented but decoded by every
 * Intel and AMD processor: AL = CF ? FF : 00, no flag changes) and ARPL
 * (63 in legacy mode; MOVSXD in 64-bit mode, where ARPL does not exist).
 */
#include "emit.h"

/* SALC: AL = 0 - CF (the flags are read, never written). */
void i386_emit_salc(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_gen_cf(s);
    tcg_gen_neg_i64(v, v);
    i386_gen_op_mov_reg(s, MO_8, R_EAX, v);
}

/*
 * 63 /r.  The row is written as MOVSXD Gv, Ed (64-bit mode); in legacy
 * mode the same ModRM names ARPL Ew, Gw: the r/m operand is the destination
 * selector and ModRM.reg the source, both 16 bits.  ARPL raises the RPL
 * (bits 1:0) of the destination to the source's and sets ZF when it had to,
 * clears ZF otherwise; the other flags stay (SDM vol. 2A, ARPL).
 */
void i386_emit_movsxd_arpl(DisasContext *s, X86Insn *d)
{
    if (s->code64) {
        i386_emit_movx(s, d);
        return;
    }
    d->op[0].ot = MO_16;
    d->op[1].ot = MO_16;
    TCGv_i64 dst = i386_load_op(s, d, 1), src = i386_load_op(s, d, 0);
    TCGv_i64 drpl = tcg_temp_new_i64(), srpl = tcg_temp_new_i64();
    TCGv_i64 lt = tcg_temp_new_i64(), res = tcg_temp_new_i64();
    tcg_gen_andi_i64(drpl, dst, 3);
    tcg_gen_andi_i64(srpl, src, 3);
    tcg_gen_setcond_i64(TCG_COND_LTU, lt, drpl, srpl);
    tcg_gen_deposit_i64(res, dst, src, 0, 2);
    tcg_gen_movcond_i64(TCG_COND_NE, res, lt, tcg_constant_i64(0), res, dst);
    i386_gen_compute_eflags(s);
    tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, ~(uint64_t)CC_Z);
    tcg_gen_shli_i64(lt, lt, 6);
    tcg_gen_or_i64(cpu_cc_src, cpu_cc_src, lt);
    /* the destination is written back either way (a memory operand sees a write cycle) */
    i386_store_op(s, d, 1, res);
}
