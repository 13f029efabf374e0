/*
 * translate-ldst.c — MIPS integer loads and stores (ldst.decode).
 *
 * Alignment: Linux fixes up misaligned loads and stores of user programs
 * by default (arch/mips/kernel/unaligned.c), so ordinary accesses here are
 * allowed to be misaligned; LL/SC, which the kernel does not emulate, must
 * be aligned (Address Error: SIGBUS).
 *
 * LWL/LWR/SWL/SWR and the doubleword forms go through helpers that move
 * the bytes one at a time as the manual's byte-lane diagrams describe
 * (op_helper.c), so that a partial store touches only its own bytes even
 * with other guest threads writing next to it.
 *
 * LL/SC: LL loads, and records the address and the loaded value in env;
 * SC is a host compare-and-swap of that value at that address (op_helper.c),
 * so SC fails if another thread changed the word between them.  (A store
 * of the same value in between goes unnoticed: the ABA case, harmless for
 * the lock and counter patterns LL/SC are used for.)
 */
#include "translate.h"

/* the generated decoder: argument sets, trans_* prototypes, decode_mips_ldst() */
#include "ldst.c.inc"

MIPS_HELPER(sc, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64, T_I32);
MIPS_HELPER(lxl, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64, T_I32);
MIPS_HELPER(sxl, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I64, T_I64, T_I32);

static bool gen_load(DisasContext *s, arg_i *a, MemOp mop)
{
    MIPSAddr addr = mips_gen_addr(s, a->rs, a->imm);
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v, addr, 0, mop | MO_TE_);
    gpr_set(a->rt, v);
    return true;
}

static bool gen_store(DisasContext *s, arg_i *a, MemOp mop)
{
    MIPSAddr addr = mips_gen_addr(s, a->rs, a->imm);
    tcg_gen_qemu_st_i64(gpr_src(a->rt), addr, 0, mop | MO_TE_);
    return true;
}

static bool trans_LB(DisasContext *s, arg_i *a)
{
    return gen_load(s, a, MO_SB);
}

static bool trans_LBU(DisasContext *s, arg_i *a)
{
    return gen_load(s, a, MO_UB);
}

static bool trans_LH(DisasContext *s, arg_i *a)
{
    return gen_load(s, a, MO_SW);
}

static bool trans_LHU(DisasContext *s, arg_i *a)
{
    return gen_load(s, a, MO_UW);
}

static bool trans_LW(DisasContext *s, arg_i *a)
{
    return gen_load(s, a, MO_SL);
}

static bool trans_LWU(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_load(s, a, MO_UL) : true;
}

static bool trans_LD(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_load(s, a, MO_UQ) : true;
}

static bool trans_SB(DisasContext *s, arg_i *a)
{
    return gen_store(s, a, MO_UB);
}

static bool trans_SH(DisasContext *s, arg_i *a)
{
    return gen_store(s, a, MO_UW);
}

static bool trans_SW(DisasContext *s, arg_i *a)
{
    return gen_store(s, a, MO_UL);
}

static bool trans_SD(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_store(s, a, MO_UQ) : true;
}

/* ---- the unaligned-part pairs ------------------------------------------------------ */

static bool gen_lxl(DisasContext *s, arg_i *a, uint32_t op)
{
    TCGv_i64 addr = mips_addr_to_i64(mips_gen_addr(s, a->rs, a->imm));
    TCGv_i64 v = tcg_temp_new_i64();
    TCGTemp *args[] = { tenv(), t64(addr), t64(gpr_src(a->rt)), c32(op) };
    tcg_gen_call(&info_lxl, t64(v), args);
    gpr_set(a->rt, v);
    return true;
}

static bool gen_sxl(DisasContext *s, arg_i *a, uint32_t op)
{
    TCGv_i64 addr = mips_addr_to_i64(mips_gen_addr(s, a->rs, a->imm));
    TCGTemp *args[] = { tenv(), t64(addr), t64(gpr_src(a->rt)), c32(op) };
    tcg_gen_call(&info_sxl, NULL, args);
    return true;
}

static bool trans_LWL(DisasContext *s, arg_i *a)
{
    return gen_lxl(s, a, 4);
}

static bool trans_LWR(DisasContext *s, arg_i *a)
{
    return gen_lxl(s, a, 4 | MIPS_XL_RIGHT);
}

static bool trans_LDL(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_lxl(s, a, 8) : true;
}

static bool trans_LDR(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_lxl(s, a, 8 | MIPS_XL_RIGHT) : true;
}

static bool trans_SWL(DisasContext *s, arg_i *a)
{
    return gen_sxl(s, a, 4);
}

static bool trans_SWR(DisasContext *s, arg_i *a)
{
    return gen_sxl(s, a, 4 | MIPS_XL_RIGHT);
}

static bool trans_SDL(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_sxl(s, a, 8) : true;
}

static bool trans_SDR(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_sxl(s, a, 8 | MIPS_XL_RIGHT) : true;
}

/* ---- LL/SC ---------------------------------------------------------------------------- */

static bool gen_ll(DisasContext *s, arg_i *a, MemOp mop)
{
    MIPSAddr addr = mips_gen_addr(s, a->rs, a->imm);
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v, addr, 0, mop | MO_TE_ | MO_ALIGN);
    tcg_gen_st_i64(mips_addr_to_i64(addr), tcg_env, offsetof(CPUMIPSState, lladdr));
    tcg_gen_st_i64(v, tcg_env, offsetof(CPUMIPSState, llval));
    gpr_set(a->rt, v);
    return true;
}

static bool gen_sc(DisasContext *s, arg_i *a, uint32_t size)
{
    TCGv_i64 addr = mips_addr_to_i64(mips_gen_addr(s, a->rs, a->imm));
    TCGv_i64 ok = tcg_temp_new_i64();
    TCGTemp *args[] = { tenv(), t64(addr), t64(gpr_src(a->rt)), c32(size) };
    tcg_gen_call(&info_sc, t64(ok), args);
    gpr_set(a->rt, ok);
    return true;
}

static bool trans_LL(DisasContext *s, arg_i *a)
{
    return mips_check_feature(s, MIPS_FEATURE_MIPS2) ? gen_ll(s, a, MO_SL) : true;
}

static bool trans_SC(DisasContext *s, arg_i *a)
{
    return mips_check_feature(s, MIPS_FEATURE_MIPS2) ? gen_sc(s, a, 4) : true;
}

static bool trans_LLD(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_ll(s, a, MO_UQ) : true;
}

static bool trans_SCD(DisasContext *s, arg_i *a)
{
    return mips_check_64(s) ? gen_sc(s, a, 8) : true;
}

/* ---- hints ------------------------------------------------------------------------------ */

static bool trans_PREF(DisasContext *s, arg_i *a)
{
    mips_check_feature(s, MIPS_FEATURE_MIPS4);
    return true;
}

/* CACHE: cache maintenance has no effect a user program could see. */
static bool trans_CACHE(DisasContext *s, arg_i *a)
{
    return true;
}

bool mips_decode_ldst_insn(DisasContext *s, uint32_t insn)
{
    return decode_mips_ldst(s, insn);
}
