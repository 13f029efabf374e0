/*
 * translate-sys.c — the A32 system side (a32-sys.decode and
 * a32-uncond.decode): MRS/MSR, hints, UDF/BKPT/SVC, coprocessor
 * transfers, branches (B/BL/BX/BLX/BXJ), and the unconditional space:
 * CLREX, barriers, preloads, SETEND, BLX (immediate).
 */
#include "a32-helpers.h"

#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

#include "a32-sys.c.inc"
#include "a32-uncond.c.inc"

/* ---- status registers, hints, exceptions ------------------------------------ */

static bool trans_MRS(DisasContext *s, arg_mrs_reg *a)
{
    if (a->r && s->user) {
        return false;
    }
    if (a->r) {
        tcg_gen_ld_i32(cpu_R[a->rd], tcg_env, offsetof(CPUARMState, spsr));
    } else {
        TCGTemp *args[] = { tenv() };
        tcg_gen_call(&info_cpsr_read, t32(cpu_R[a->rd]), args);
        if (s->user) {
            /* APSR: only the user-visible fields */
            tcg_gen_andi_i32(cpu_R[a->rd], cpu_R[a->rd], CPSR_USER);
        }
    }
    return true;
}

/* MSR's field mask (f s x c) as CPSR bits writable at this privilege. */
static uint32_t msr_mask(DisasContext *s, int mask)
{
    uint32_t m = 0;
    if (mask & 8) {
        m |= 0xff000000u;
    }
    if (mask & 4) {
        m |= 0x00ff0000u;
    }
    if (mask & 2) {
        m |= 0x0000ff00u;
    }
    if (mask & 1) {
        m |= 0x000000ffu;
    }
    m &= s->user ? CPSR_USER : ~(CPSR_EXEC);
    return m;
}

static bool op_msr(DisasContext *s, int r, int mask, TCGv_i32 v)
{
    if (r) {
        if (s->user) {
            return false;
        }
        TCGv_i32 old = tcg_temp_new_i32();
        uint32_t m = msr_mask(s, mask);
        tcg_gen_ld_i32(old, tcg_env, offsetof(CPUARMState, spsr));
        tcg_gen_andi_i32(old, old, ~m);
        tcg_gen_andi_i32(v, v, m);
        tcg_gen_or_i32(old, old, v);
        tcg_gen_st_i32(old, tcg_env, offsetof(CPUARMState, spsr));
        return true;
    }
    TCGTemp *args[] = { tenv(), t32(v), c32(msr_mask(s, mask)) };
    tcg_gen_call(&info_cpsr_write, NULL, args);
    /* the mode, the endianness or the interrupt masks may have changed */
    arm_gen_set_pc_im(s->base.pc_next);
    s->base.is_jmp = DISAS_UPDATE;
    return true;
}

static bool trans_MSR_reg(DisasContext *s, arg_msr_reg *a)
{
    return op_msr(s, a->r, a->mask, arm_load_reg(s, a->rn));
}

static bool trans_MSR_imm(DisasContext *s, arg_MSR_imm *a)
{
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_movi_i32(v, imm_rot(a->imm, a->rot));
    return op_msr(s, a->r, a->mask, v);
}

/* NOP, YIELD, WFE, WFI, SEV (A8.8.x): a yield lets other guest threads run. */
static bool trans_HINT(DisasContext *s, arg_i *a)
{
    switch (a->imm) {
    case 1: /* YIELD */
    case 2: /* WFE */
        arm_gen_set_pc_im(s->base.pc_next);
        arm_gen_save_itstate(s, s->itstate_next);
        {
            TCGTemp *args[] = { tenv(), c32(EXCP_YIELD), c32(0) };
            tcg_gen_call(&info_exception, NULL, args);
        }
        s->base.is_jmp = DISAS_NORETURN;
        return true;
    case 3: /* WFI */
        arm_gen_set_pc_im(s->base.pc_next);
        arm_gen_save_itstate(s, s->itstate_next);
        {
            TCGTemp *args[] = { tenv(), c32(EXCP_WFI), c32(0) };
            tcg_gen_call(&info_exception, NULL, args);
        }
        s->base.is_jmp = DISAS_NORETURN;
        return true;
    default:   /* NOP, SEV, DBG and the reserved hints execute as NOP */
        return true;
    }
}

static bool trans_BKPT(DisasContext *s, arg_i *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5)) {
        return false;
    }
    arm_gen_exception_insn(s, EXCP_BKPT, a->imm);
    return true;
}

/* SVC: pc is left at the next instruction (what linux-user and the SWI vector expect). */
static bool trans_SVC(DisasContext *s, arg_i *a)
{
    arm_gen_set_pc_im(s->base.pc_next);
    arm_gen_save_itstate(s, s->itstate_next);
    TCGTemp *args[] = { tenv(), c32(EXCP_SWI), c32(a->imm) };
    tcg_gen_call(&info_exception, NULL, args);
    s->base.is_jmp = DISAS_NORETURN;
    return true;
}

/*
 * MRC/MCR: only the thread-ID registers (c13, c0, 2/3/4) and the barrier
 * operations of cp15 c7 that ARMv6 code uses; VFP (cp10/11) is elsewhere.
 */
static bool op_mcr(DisasContext *s, arg_mcr *a, bool read)
{
    if (a->cp != 15) {
        return false;
    }
    if (a->crn == 13 && a->crm == 0 && a->opc1 == 0 && a->opc2 >= 2 && a->opc2 <= 4 &&
        arm_dc_feature(s, ARM_FEATURE_V6K)) {
        size_t off = a->opc2 == 2 ? offsetof(CPUARMState, cp15.tpidrurw) :
                     a->opc2 == 3 ? offsetof(CPUARMState, cp15.tpidruro) :
                                    offsetof(CPUARMState, cp15.tpidrprw);
        if (s->user && (a->opc2 == 4 || (a->opc2 == 3 && !read))) {
            return false;
        }
        if (read) {
            if (a->rt == 15) {
                return false;
            }
            tcg_gen_ld_i32(cpu_R[a->rt], tcg_env, off);
        } else {
            tcg_gen_st_i32(arm_load_reg(s, a->rt), tcg_env, off);
        }
        return true;
    }
    if (!read && a->crn == 7 && a->opc1 == 0 &&
        ((a->crm == 10 && (a->opc2 == 4 || a->opc2 == 5)) || (a->crm == 5 && a->opc2 == 4))) {
        /* CP15DSB, CP15DMB, CP15ISB (ARMv6 barriers, allowed in user mode) */
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
        return true;
    }
    return false;
}

static bool trans_MCR(DisasContext *s, arg_mcr *a)
{
    if (a->cp == 10 || a->cp == 11) {
        return arm_vfp_disas_a32(s, s->insn);
    }
    return op_mcr(s, a, false);
}

static bool trans_MRC(DisasContext *s, arg_mcr *a)
{
    if (a->cp == 10 || a->cp == 11) {
        return arm_vfp_disas_a32(s, s->insn);
    }
    return op_mcr(s, a, true);
}

/* ---- branches ----------------------------------------------------------- */

void arm_gen_goto_tb(DisasContext *s, int n, uint32_t dest)
{
    if (translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(n);
        arm_gen_set_pc_im(dest);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        arm_gen_set_pc_im(dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

/* A direct branch ends the TB; the state after it has no IT block. */
void arm_gen_jmp(DisasContext *s, uint32_t dest)
{
    arm_gen_save_itstate(s, 0);
    arm_gen_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

static bool trans_B(DisasContext *s, arg_i *a)
{
    arm_gen_jmp(s, arm_read_pc(s) + a->imm * 4);
    return true;
}

static bool trans_BL(DisasContext *s, arg_i *a)
{
    tcg_gen_movi_i32(cpu_R[14], s->base.pc_next | s->thumb);
    arm_gen_jmp(s, arm_read_pc(s) + a->imm * 4);
    return true;
}

static bool trans_BLX_i(DisasContext *s, arg_BLX_i *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5)) {
        return false;
    }
    tcg_gen_movi_i32(cpu_R[14], s->base.pc_next);
    tcg_gen_st_i32(tcg_constant_i32(1), tcg_env, offsetof(CPUARMState, thumb));
    arm_gen_set_pc_im(arm_read_pc(s) + a->imm);
    s->base.is_jmp = DISAS_JUMP;
    return true;
}

static bool trans_BX(DisasContext *s, arg_rr *a)
{
    arm_gen_bx(s, arm_load_reg(s, a->rm));
    return true;
}

/* No Jazelle: BXJ behaves as BX (ARM ARM A8.8.28, trivial Jazelle implementation). */
static bool trans_BXJ(DisasContext *s, arg_rr *a)
{
    return trans_BX(s, a);
}

static bool trans_BLX_r(DisasContext *s, arg_rr *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5) || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = arm_load_reg(s, a->rm);
    tcg_gen_movi_i32(cpu_R[14], s->base.pc_next | s->thumb);
    arm_gen_bx(s, t);
    return true;
}

static bool trans_CLREX(DisasContext *s, arg_CLREX *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6K)) {
        return false;
    }
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
    return true;
}

/* ---- barriers and hints of the unconditional space -------------------------- */

static bool op_barrier(DisasContext *s)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V7)) {
        return false;
    }
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    return true;
}

static bool trans_DSB(DisasContext *s, arg_DSB *a) { return op_barrier(s); }
static bool trans_DMB(DisasContext *s, arg_DMB *a) { return op_barrier(s); }

/* ISB: later instructions are fetched anew; ending the TB is enough. */
static bool trans_ISB(DisasContext *s, arg_ISB *a)
{
    if (!op_barrier(s)) {
        return false;
    }
    s->base.is_jmp = DISAS_TOO_MANY;
    return true;
}

static bool trans_PLD(DisasContext *s, arg_PLD *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V5TE);
}

static bool trans_SETEND(DisasContext *s, arg_SETEND *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6)) {
        return false;
    }
    if (a->e != s->be_data) {
        TCGTemp *args[] = { tenv(), c32(a->e ? CPSR_E : 0), c32(CPSR_E) };
        tcg_gen_call(&info_cpsr_write, NULL, args);
        arm_gen_set_pc_im(s->base.pc_next);
        s->base.is_jmp = DISAS_UPDATE;
    }
    return true;
}

bool arm_decode_a32_sys(DisasContext *s, uint32_t insn)
{
    return decode_a32_sys(s, insn);
}

bool arm_decode_a32_uncond(DisasContext *s, uint32_t insn)
{
    return decode_a32_uncond(s, insn);
}
