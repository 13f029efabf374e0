/*
 * translate.c — the ARM front end on translator_loop: condition codes,
 * register access with r15 semantics, interworking, flags and the shifter
 * operand that every instruction file uses, and the loop hooks that fetch
 * and dispatch.  The A32 trans_* functions are split by concern:
 * translate-dp.c (data processing and media), translate-mul.c
 * (multiplies), translate-ldst.c (loads and stores), translate-sys.c
 * (status registers, exceptions, branches, coprocessors, the
 * unconditional space); Thumb in thumb.c, VFP in translate-vfp.c, NEON in
 * translate-neon.c and translate-neon-ls.c.  Helpers that are not worth
 * inlining are in op_helper.c.
 *
 * Flags live in the globals NF/ZF/CF/VF (see cpu.h for their encoding), so
 * an ADDS is an add2 and three moves, and a conditional branch one brcond.
 * An instruction whose condition fails jumps to s->condlabel, placed after
 * it (or, when it ended the TB, in tb_stop before the fall-through exit).
 */
#include "translate.h"
#include "a32-helpers.h"

#include "exec/cpu-exec.h"
#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

LOG_ITEM(log_unimp, "unimp", "log unimplemented functionality and undefined instructions");

TCGv_i32 cpu_R[16];
TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val;

void arm_tcg_initialize(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, regs[i]), names[i]);
    }
    cpu_NF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i32(tcg_env, offsetof(CPUARMState, VF), "VF");
    cpu_exclusive_addr = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, exclusive_addr),
                                                "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, exclusive_val),
                                               "exclusive_val");
}


/* ---- registers --------------------------------------------------------- */

TCGv_i32 arm_load_reg(DisasContext *s, int reg)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (reg == 15) {
        tcg_gen_movi_i32(t, arm_read_pc(s));
    } else {
        tcg_gen_mov_i32(t, cpu_R[reg]);
    }
    return t;
}

/* r15 and the next pc: a branch within the instruction set (BranchWritePC). */
static void gen_branch_reg(DisasContext *s, TCGv_i32 v)
{
    tcg_gen_andi_i32(cpu_R[15], v, s->thumb ? ~1u : ~3u);
    s->base.is_jmp = DISAS_JUMP;
}

/* BX: bit 0 selects Thumb (BXWritePC). */
void arm_gen_bx(DisasContext *s, TCGv_i32 v)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, v, 1);
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUARMState, thumb));
    tcg_gen_andi_i32(cpu_R[15], v, ~1u);
    s->base.is_jmp = DISAS_JUMP;
}

/*
 * A result written to r15 by a data-processing instruction (ALUWritePC)
 * or a load (LoadWritePC): interworking from ARMv7 (ALU) / ARMv5 (loads).
 */
void arm_store_reg_bx(DisasContext *s, int reg, TCGv_i32 v, bool load)
{
    if (reg == 15 && ((load && arm_dc_feature(s, ARM_FEATURE_V5)) ||
                      (!load && !s->thumb && arm_dc_feature(s, ARM_FEATURE_V7)))) {
        arm_gen_bx(s, v);
    } else {
        arm_store_reg(s, reg, v);
    }
}

void arm_store_reg(DisasContext *s, int reg, TCGv_i32 v)
{
    if (reg == 15) {
        gen_branch_reg(s, v);
    } else {
        tcg_gen_mov_i32(cpu_R[reg], v);
    }
}

void arm_gen_set_pc_im(uint32_t pc)
{
    tcg_gen_movi_i32(cpu_R[15], pc);
}

/*
 * Save the ITSTATE the next TB must start with (Thumb only ever has one).
 * Until the first store is emitted, env->condexec_bits holds the TB's
 * starting value on every path through the generated code (helpers only
 * change it through cpsr_write, which ends the TB with DISAS_UPDATE, where
 * arm_tb_stop stores unconditionally), so storing that same value is skipped:
 * outside IT blocks that is every Thumb TB exit.
 */
void arm_gen_save_itstate(DisasContext *s, uint32_t it)
{
    if (s->thumb && (s->itstate_stored || it != s->itstate_tb)) {
        tcg_gen_st_i32(tcg_constant_i32(it), tcg_env, offsetof(CPUARMState, condexec_bits));
        s->itstate_stored = true;
    }
}

void arm_gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    arm_gen_set_pc_im(s->pc_curr);
    arm_gen_save_itstate(s, s->itstate);
    TCGTemp *args[] = { tenv(), c32(excp), c32(syndrome) };
    tcg_gen_call(&info_exception, NULL, args);
    s->base.is_jmp = DISAS_NORETURN;
}

bool arm_unallocated_encoding(DisasContext *s)
{
    if (log_enabled(log_unimp)) {
        log_printf("arm: undefined instruction %0*x at 0x%08x\n",
                   s->thumb && s->insn < 0x10000 ? 4 : 8, s->insn, s->pc_curr);
    }
    arm_gen_exception_insn(s, EXCP_UDEF, 0);
    return true;
}

/* ---- conditions ---------------------------------------------------------- */

/* Branch to l when condition cond (0-13) fails. */
void arm_gen_cond_fail_branch(int cond, TCGLabel *l)
{
    TCGv_i32 t;
    switch (cond) {
    case 0x0: /* EQ: Z */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_ZF, 0, l);
        break;
    case 0x1: /* NE */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_ZF, 0, l);
        break;
    case 0x2: /* CS */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_CF, 0, l);
        break;
    case 0x3: /* CC */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_CF, 0, l);
        break;
    case 0x4: /* MI */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_NF, 0, l);
        break;
    case 0x5: /* PL */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_NF, 0, l);
        break;
    case 0x6: /* VS */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_VF, 0, l);
        break;
    case 0x7: /* VC */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_VF, 0, l);
        break;
    case 0x8: /* HI: C && !Z */
    case 0x9: /* LS */
        t = tcg_temp_new_i32();
        tcg_gen_neg_i32(t, cpu_CF);
        tcg_gen_and_i32(t, t, cpu_ZF);
        tcg_gen_brcondi_i32(cond == 0x8 ? TCG_COND_EQ : TCG_COND_NE, t, 0, l);
        break;
    case 0xa: /* GE: N == V */
    case 0xb: /* LT */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        tcg_gen_brcondi_i32(cond == 0xa ? TCG_COND_LT : TCG_COND_GE, t, 0, l);
        break;
    case 0xc: /* GT: !Z && N == V */
    case 0xd: /* LE */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, cpu_ZF, t);
        tcg_gen_brcondi_i32(cond == 0xc ? TCG_COND_EQ : TCG_COND_NE, t, 0, l);
        break;
    default:
        break;
    }
}

void arm_skip_unless(DisasContext *s, int cond)
{
    if (cond >= 0xe) {
        return;
    }
    s->condlabel = gen_new_label();
    arm_gen_cond_fail_branch(cond, s->condlabel);
}

/* ---- flags ---------------------------------------------------------------- */

void arm_gen_logic_cc(TCGv_i32 v)
{
    tcg_gen_mov_i32(cpu_NF, v);
    tcg_gen_mov_i32(cpu_ZF, v);
}

void arm_gen_add_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 zero = tcg_constant_i32(0);
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add2_i32(cpu_NF, cpu_CF, a, zero, b, zero);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(r, cpu_NF);
}

void arm_gen_adc_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 zero = tcg_constant_i32(0);
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add2_i32(cpu_NF, t, a, zero, cpu_CF, zero);
    tcg_gen_add2_i32(cpu_NF, cpu_CF, cpu_NF, t, b, zero);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(r, cpu_NF);
}

void arm_gen_sub_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_sub_i32(cpu_NF, a, b);
    tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, a, b);
    tcg_gen_xor_i32(cpu_VF, cpu_NF, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_and_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(r, cpu_NF);
}

/* a - b - !C = a + ~b + C */
void arm_gen_sbc_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_not_i32(t, b);
    arm_gen_adc_cc(r, a, t);
}

void arm_gen_adc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_add_i32(r, a, b);
    tcg_gen_add_i32(r, r, cpu_CF);
}

void arm_gen_sbc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_sub_i32(r, a, b);
    tcg_gen_add_i32(r, r, cpu_CF);
    tcg_gen_subi_i32(r, r, 1);
}

/* ---- the shifter operand ------------------------------------------------- */

/* Shift v by an immediate (A8.4.1 DecodeImmShift), setting CF when flags is set. */
void arm_gen_shift_imm(TCGv_i32 v, int shty, int shim, bool flags)
{
    switch (shty) {
    case 0: /* LSL */
        if (shim) {
            if (flags) {
                tcg_gen_extract_i32(cpu_CF, v, 32 - shim, 1);
            }
            tcg_gen_shli_i32(v, v, shim);
        }
        break;
    case 1: /* LSR; #0 means 32 */
        if (shim == 0) {
            if (flags) {
                tcg_gen_shri_i32(cpu_CF, v, 31);
            }
            tcg_gen_movi_i32(v, 0);
        } else {
            if (flags) {
                tcg_gen_extract_i32(cpu_CF, v, shim - 1, 1);
            }
            tcg_gen_shri_i32(v, v, shim);
        }
        break;
    case 2: /* ASR; #0 means 32 */
        if (shim == 0) {
            shim = 32;
        }
        if (flags) {
            tcg_gen_extract_i32(cpu_CF, v, shim - 1, 1);
        }
        tcg_gen_sari_i32(v, v, shim == 32 ? 31 : shim);
        break;
    case 3: /* ROR; #0 means RRX */
        if (shim == 0) {
            TCGv_i32 c = tcg_temp_new_i32();
            tcg_gen_shli_i32(c, cpu_CF, 31);
            if (flags) {
                tcg_gen_andi_i32(cpu_CF, v, 1);
            }
            tcg_gen_shri_i32(v, v, 1);
            tcg_gen_or_i32(v, v, c);
        } else {
            if (flags) {
                tcg_gen_extract_i32(cpu_CF, v, shim - 1, 1);
            }
            tcg_gen_rotri_i32(v, v, shim);
        }
        break;
    }
}

/* Shift v by the bottom byte of register rs. */
void arm_gen_shift_reg(TCGv_i32 v, int shty, TCGv_i32 rs, bool flags)
{
    TCGv_i32 n = tcg_temp_new_i32();
    tcg_gen_andi_i32(n, rs, 0xff);
    if (flags) {
        TCGTemp *args[] = { tenv(), t32(v), t32(n), c32(shty) };
        tcg_gen_call(&info_shift_cc, t32(v), args);
    } else {
        TCGTemp *args[] = { t32(v), t32(n), c32(shty) };
        tcg_gen_call(&info_shift, t32(v), args);
    }
}


/* ---- the translator loop hooks ------------------------------------------------ */

static void arm_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t flags = db->tb->flags;
    s->env = cs->env_ptr;
    s->features = s->env->features;
    s->thumb = flags & ARM_TBFLAG_THUMB;
    s->itstate = (flags & ARM_TBFLAG_CONDEXEC_MASK) >> ARM_TBFLAG_CONDEXEC_SHIFT;
    s->itstate_tb = s->itstate;
    s->itstate_stored = false;
    s->be_data = flags & ARM_TBFLAG_BE_DATA;
    s->vfp_enabled = flags & ARM_TBFLAG_VFPEN;
    s->user = !(flags & ARM_TBFLAG_PRIV);
    s->align = flags & ARM_TBFLAG_ALIGN;
    s->mmu_idx = s->user ? ARM_MMU_IDX_USER : ARM_MMU_IDX_PRIV;
#ifdef CONFIG_USER_ONLY
    s->mmu_idx = 0;
#endif
    s->condlabel = NULL;
}

static void arm_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    tcg_gen_insn_start(db->pc_next, s->itstate, 0);
}

/* After the instruction: place the condition-failed label if the TB goes on. */
static void arm_post_insn(DisasContext *s)
{
    if (s->condlabel && s->base.is_jmp == DISAS_NEXT) {
        gen_set_label(s->condlabel);
        s->condlabel = NULL;
    }
    s->itstate = s->itstate_next;
}

bool arm_decode_a32_insn(DisasContext *s, uint32_t insn)
{
    return arm_decode_a32_dp(s, insn) || arm_decode_a32_mul(s, insn) ||
           arm_decode_a32_ldst(s, insn) || arm_decode_a32_sys(s, insn);
}

bool arm_decode_a32_uncond_insn(DisasContext *s, uint32_t insn)
{
    return arm_decode_a32_uncond(s, insn);
}

static void arm_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    s->pc_curr = db->pc_next;

#ifdef CONFIG_USER_ONLY
    /* the kuser helpers (linux-user emulates them; nothing is mapped there to fetch) */
    if (s->pc_curr >= ARM_KUSER_TRAP_START && s->pc_curr < ARM_KUSER_PAGE + 0x1000) {
        arm_gen_exception_insn(s, EXCP_KERNEL_TRAP, 0);
        db->pc_next += 4;
        return;
    }
#endif
    if (s->thumb) {
        arm_thumb_translate_insn(s);
        arm_post_insn(s);
        return;
    }
    if (s->pc_curr & 3) {
        /* a misaligned A32 pc (BX to an address that is 2 mod 4): UNPREDICTABLE */
        arm_gen_exception_insn(s, EXCP_UDEF, 0);
        db->pc_next += 4;
        return;
    }
    uint32_t insn = translator_ldl_le(s->env, db, s->pc_curr);
    s->insn = insn;
    s->itstate_next = 0;
    db->pc_next += 4;
    if (db->fetch_fault) {
        return;
    }

    int cond = insn >> 28;
    if (cond == 0xf) {
        if (!arm_decode_a32_uncond(s, insn) && !arm_vfp_disas_a32(s, insn)) {
            arm_unallocated_encoding(s);
        }
    } else {
        arm_skip_unless(s, cond);
        if (!arm_decode_a32_insn(s, insn) && !arm_vfp_disas_a32(s, insn)) {
            arm_unallocated_encoding(s);
        }
    }
    arm_post_insn(s);
}

static void arm_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;

    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        arm_gen_save_itstate(s, s->itstate);
        arm_gen_goto_tb(s, 1, db->pc_next);
        break;
    case DISAS_JUMP:
        arm_gen_save_itstate(s, s->itstate);
        tcg_gen_lookup_and_goto_ptr();
        break;
    case DISAS_UPDATE:
        s->itstate_stored = true;   /* a helper (cpsr_write) may have changed it */
        arm_gen_save_itstate(s, s->itstate);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
    if (s->condlabel) {
        /* the last instruction's condition failed: continue after it */
        gen_set_label(s->condlabel);
        arm_gen_save_itstate(s, s->itstate);
        arm_gen_goto_tb(s, 1, db->pc_next);
    }
}

static const TranslatorOps arm_translator_ops = {
    .init_disas_context = arm_init_disas_context,
    .tb_start = NULL,
    .insn_start = arm_insn_start,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
};

void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext s;
    translator_loop(cs, tb, max_insns, &arm_translator_ops, &s.base);
}
