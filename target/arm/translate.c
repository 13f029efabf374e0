/*
 * translate.c — the ARM front end on translator_loop: condition codes,
 * register access with r15 semantics, branches and interworking, and the
 * trans_* functions of the A32 integer instructions (a32.decode,
 * a32-uncond.decode).  Helpers that are not worth inlining are in
 * op_helper.c; VFP/NEON in translate-vfp.c.
 *
 * Flags live in the globals NF/ZF/CF/VF (see cpu.h for their encoding), so
 * an ADDS is an add2 and three moves, and a conditional branch one brcond.
 * An instruction whose condition fails jumps to s->condlabel, placed after
 * it (or, when it ended the TB, in tb_stop before the fall-through exit).
 */
#include "translate.h"

#include "exec/cpu-exec.h"
#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

LOG_ITEM(log_unimp, "unimp", "log unimplemented functionality and undefined instructions");

TCGv_i32 cpu_R[16];
TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
static TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val;

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

/* a32.decode is included here: its prototypes need DisasContext and the arg sets. */
#include "a32.c.inc"
#include "a32-uncond.c.inc"

/* ---- helper calls ---------------------------------------------------------- */


ARM_HELPER(exception, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32, T_I32);
ARM_HELPER(cpsr_read, TCG_CALL_NO_WG, T_I32, T_PTR);
ARM_HELPER(cpsr_write, 0, T_VOID, T_PTR, T_I32, T_I32);
ARM_HELPER(shift_cc, 0, T_I32, T_PTR, T_I32, T_I32, T_I32);
ARM_HELPER(shift, TCG_CALL_PURE, T_I32, T_I32, T_I32, T_I32);
ARM_HELPER(add_saturate, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(sub_saturate, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(add_setq, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(ssat, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(usat, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(ssat16, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(usat16, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(parallel, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32);
ARM_HELPER(sel, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(sdiv, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(udiv, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(rbit, TCG_CALL_PURE, T_I32, T_I32);
ARM_HELPER(usad8, TCG_CALL_PURE, T_I32, T_I32, T_I32);
ARM_HELPER(strex, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32, T_I32);
ARM_HELPER(swp, TCG_CALL_NO_WG, T_I32, T_PTR, T_I32, T_I32, T_I32);

static TCGTemp *tenv(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *t32(TCGv_i32 v)
{
    return tcgv_i32_temp(v);
}

static TCGTemp *c32(uint32_t c)
{
    return tcgv_i32_temp(tcg_constant_i32(c));
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

/* Save the ITSTATE the next TB must start with (Thumb only ever has one). */
void arm_gen_save_itstate(DisasContext *s, uint32_t it)
{
    if (s->thumb) {
        tcg_gen_st_i32(tcg_constant_i32(it), tcg_env, offsetof(CPUARMState, condexec_bits));
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

/* The rotated 8-bit immediate; with flags and a rotation, C is its bit 31 (A5.2.4). */
static uint32_t imm_rot(int imm, int rot)
{
    return ror32(imm, rot * 2);
}

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

/* ---- loads and stores ------------------------------------------------------ */

/* The address of a load/store and, for writeback, the base's new value. */
static TCGv_i32 op_addr(DisasContext *s, int p, int u, int rn, TCGv_i32 ofs, TCGv_i32 *wb)
{
    TCGv_i32 base = arm_load_reg(s, rn);
    if (rn == 15) {
        tcg_gen_andi_i32(base, base, ~3u);      /* Align(PC, 4) for literal loads */
    }
    TCGv_i32 addr = tcg_temp_new_i32();
    TCGv_i32 upd = tcg_temp_new_i32();
    if (u) {
        tcg_gen_add_i32(upd, base, ofs);
    } else {
        tcg_gen_sub_i32(upd, base, ofs);
    }
    tcg_gen_mov_i32(addr, p ? upd : base);
    *wb = upd;
    return addr;
}

void arm_gen_ld(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op)
{
    tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx, arm_dc_memop(s, op));
}

void arm_gen_st(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op)
{
    tcg_gen_qemu_st_i32(v, addr, s->mmu_idx, arm_dc_memop(s, op));
}

/*
 * One load or store with its addressing mode: p = pre-index, w = writeback
 * (post-index always writes back).  Loads write the base back before the
 * result, so that a load into the base register keeps the loaded value.
 */
bool arm_op_ldst(DisasContext *s, int p, int w, int u, int rn, int rt, TCGv_i32 ofs,
                    MemOp op, bool load)
{
    TCGv_i32 wbv;
    TCGv_i32 addr = op_addr(s, p, u, rn, ofs, &wbv);
    bool wb = !p || w;

    if (wb && (rn == 15 || (rn == rt && !load))) {
        if (rn == 15) {
            return false;
        }
    }
    /*
     * Before ARMv6 (SCTLR.U clear, alignment checking off as Linux leaves it
     * for user space) a word access ignores the address's low bits and a
     * load rotates the word right by them (A3.5.6 / ARMv5 ARM A4.1.23).
     */
    bool v5_word = !arm_dc_feature(s, ARM_FEATURE_V6) && (op & MO_SIZE) == MO_32 && !s->align;
    TCGv_i32 rot = NULL;
    if (v5_word) {
        TCGv_i32 aligned = tcg_temp_new_i32();
        rot = tcg_temp_new_i32();
        tcg_gen_andi_i32(rot, addr, 3);
        tcg_gen_shli_i32(rot, rot, 3);
        tcg_gen_andi_i32(aligned, addr, ~3u);
        addr = aligned;
    }
    if (load) {
        TCGv_i32 v = tcg_temp_new_i32();
        arm_gen_ld(s, v, addr, op);
        if (v5_word) {
            tcg_gen_rotr_i32(v, v, rot);
        }
        if (wb) {
            arm_store_reg(s, rn, wbv);
        }
        arm_store_reg_bx(s, rt, v, true);
    } else {
        arm_gen_st(s, arm_load_reg(s, rt), addr, op);
        if (wb) {
            arm_store_reg(s, rn, wbv);
        }
    }
    return true;
}

static TCGv_i32 reg_offset(DisasContext *s, arg_ldst_rr *a)
{
    TCGv_i32 m = arm_load_reg(s, a->rm);
    arm_gen_shift_imm(m, a->shty, a->shim, false);
    return m;
}

#define DO_LDST(NAME, OP, LOAD) \
    static bool trans_##NAME##_ri(DisasContext *s, arg_ldst_ri *a) \
    { \
        return arm_op_ldst(s, a->p, a->w, a->u, a->rn, a->rt, tcg_constant_i32(a->imm), OP, LOAD); \
    } \
    static bool trans_##NAME##_rr(DisasContext *s, arg_ldst_rr *a) \
    { \
        return arm_op_ldst(s, a->p, a->w, a->u, a->rn, a->rt, reg_offset(s, a), OP, LOAD); \
    }

DO_LDST(STR, MO_UL, false)
DO_LDST(LDR, MO_UL, true)
DO_LDST(STRB, MO_UB, false)
DO_LDST(LDRB, MO_UB, true)
DO_LDST(STRH, MO_UW, false)
DO_LDST(LDRH, MO_UW, true)
DO_LDST(LDRSB, MO_SB, true)
DO_LDST(LDRSH, MO_SW, true)

/* LDRD/STRD: two words, rt must be even (A32), the second register rt + 1. */
bool arm_op_ldstd(DisasContext *s, int p, int w, int u, int rn, int rt, int rt2,
                     TCGv_i32 ofs, bool load)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE) || rt2 == 15) {
        return false;
    }
    TCGv_i32 wbv;
    TCGv_i32 addr = op_addr(s, p, u, rn, ofs, &wbv);
    TCGv_i32 a2 = tcg_temp_new_i32();
    tcg_gen_addi_i32(a2, addr, 4);
    if (load) {
        TCGv_i32 v1 = tcg_temp_new_i32(), v2 = tcg_temp_new_i32();
        arm_gen_ld(s, v1, addr, MO_UL);
        arm_gen_ld(s, v2, a2, MO_UL);
        if (!p || w) {
            arm_store_reg(s, rn, wbv);
        }
        arm_store_reg(s, rt, v1);
        arm_store_reg(s, rt2, v2);
    } else {
        arm_gen_st(s, arm_load_reg(s, rt), addr, MO_UL);
        arm_gen_st(s, arm_load_reg(s, rt2), a2, MO_UL);
        if (!p || w) {
            arm_store_reg(s, rn, wbv);
        }
    }
    return true;
}

static bool trans_LDRD_ri(DisasContext *s, arg_ldst_ri *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, tcg_constant_i32(a->imm), true);
}

static bool trans_STRD_ri(DisasContext *s, arg_ldst_ri *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, tcg_constant_i32(a->imm), false);
}

static bool trans_LDRD_rr(DisasContext *s, arg_ldst_rr *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, arm_load_reg(s, a->rm), true);
}

static bool trans_STRD_rr(DisasContext *s, arg_ldst_rr *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, arm_load_reg(s, a->rm), false);
}

/*
 * LDM/STM (A8.8.58 ...): i/b = increment/before from p and u; the lowest
 * register at the lowest address.  A loaded pc interworks (v5+).  S (user
 * registers, exception return) is for privileged code only.
 */
bool arm_op_ldm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wb,
                bool load)
{
    int n = __builtin_popcount(list);
    if (n == 0 || rn == 15) {
        return arm_unallocated_encoding(s);
    }
    TCGv_i32 addr = arm_load_reg(s, rn);
    int32_t start = inc ? (before ? 4 : 0) : (before ? -4 * n : -4 * n + 4);
    tcg_gen_addi_i32(addr, addr, start);
    if (!arm_dc_feature(s, ARM_FEATURE_V6) && !s->align) {
        tcg_gen_andi_i32(addr, addr, ~3u);   /* ARMv5: the low address bits are ignored */
    }
    TCGv_i32 pcval = NULL, baseval = NULL;

    for (int i = 0; i < 16; i++) {
        if (!(list & (1 << i))) {
            continue;
        }
        if (load) {
            TCGv_i32 v = tcg_temp_new_i32();
            arm_gen_ld(s, v, addr, MO_UL);
            if (i == 15) {
                pcval = v;
            } else if (i == rn) {
                baseval = v;
            } else {
                tcg_gen_mov_i32(cpu_R[i], v);
            }
        } else {
            arm_gen_st(s, arm_load_reg(s, i), addr, MO_UL);
        }
        tcg_gen_addi_i32(addr, addr, 4);
    }
    if (wb) {
        tcg_gen_addi_i32(cpu_R[rn], cpu_R[rn], inc ? 4 * n : -4 * n);
    }
    if (baseval) {
        tcg_gen_mov_i32(cpu_R[rn], baseval);
    }
    if (pcval) {
        arm_store_reg_bx(s, 15, pcval, true);
    }
    return true;
}

static bool trans_LDM_STM(DisasContext *s, arg_LDM_STM *a)
{
    if (a->s) {
        return arm_unallocated_encoding(s);
    }
    return arm_op_ldm(s, a->rn, a->list, a->u, a->p, a->w, a->l);
}

/* ---- exclusives and swaps ---------------------------------------------------- */

/*
 * LDREX records the address and the loaded value; STREX stores only if the
 * address matches and memory still holds that value, atomically (helper).
 * Shared by A32 and T32 (the callers check their encoding's register
 * rules): address rn + imm, rt2 the second register of a doubleword.
 */
void arm_gen_ldrex(DisasContext *s, int rn, int imm, int rt, int rt2, MemOp size)
{
    TCGv_i32 addr = arm_load_reg(s, rn);
    tcg_gen_addi_i32(addr, addr, imm);
    MemOp align = size == MO_8 ? 0 : MO_ALIGN;
    if (size == MO_64) {
        TCGv_i64 v = tcg_temp_new_i64();
        /* a doubleword: the word at addr goes to rt, whatever the endianness */
        tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx,
                            MO_UQ | MO_ALIGN | (s->be_data ? MO_BE : MO_LE));
        if (s->be_data) {
            tcg_gen_rotli_i64(v, v, 32);
        }
        tcg_gen_extr_i64_i32(cpu_R[rt], cpu_R[rt2], v);
        tcg_gen_mov_i64(cpu_exclusive_val, v);
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx,
                            size | align | (s->be_data ? MO_BE : MO_LE));
        tcg_gen_extu_i32_i64(cpu_exclusive_val, v);
        tcg_gen_mov_i32(cpu_R[rt], v);
    }
    tcg_gen_extu_i32_i64(cpu_exclusive_addr, addr);
}

void arm_gen_strex(DisasContext *s, int rd, int rn, int imm, int rt, int rt2, MemOp size)
{
    TCGv_i32 addr = arm_load_reg(s, rn);
    tcg_gen_addi_i32(addr, addr, imm);
    TCGv_i32 hi = size == MO_64 ? cpu_R[rt2] : tcg_constant_i32(0);
    TCGTemp *args[] = { tenv(), t32(addr), t32(cpu_R[rt]), t32(hi),
                        c32(size | (s->be_data ? 8 : 0)) };
    /* the helper may fault: the pc and ITSTATE come from the insn_start words */
    tcg_gen_call(&info_strex, t32(cpu_R[rd]), args);
}

/* A32: no offset, a doubleword in an even/odd pair below r14 */
static bool op_ldrex(DisasContext *s, arg_ldrex *a, MemOp size)
{
    bool pair = size == MO_64;
    if (a->rt == 15 || a->rn == 15 || (pair && (a->rt & 1 || a->rt == 14))) {
        return false;
    }
    arm_gen_ldrex(s, a->rn, 0, a->rt, a->rt + 1, size);
    return true;
}

static bool trans_LDREX(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6) && op_ldrex(s, a, MO_32);
}
static bool trans_LDREXB(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_8);
}
static bool trans_LDREXH(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_16);
}
static bool trans_LDREXD(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_64);
}

static bool op_strex(DisasContext *s, arg_strex *a, MemOp size)
{
    bool pair = size == MO_64;
    if (a->rd == 15 || a->rt == 15 || a->rn == 15 || a->rd == a->rn || a->rd == a->rt ||
        (pair && (a->rt & 1 || a->rt == 14 || a->rd == a->rt + 1))) {
        return false;
    }
    arm_gen_strex(s, a->rd, a->rn, 0, a->rt, a->rt + 1, size);
    return true;
}

static bool trans_STREX(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6) && op_strex(s, a, MO_32);
}
static bool trans_STREXB(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_8);
}
static bool trans_STREXH(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_16);
}
static bool trans_STREXD(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_64);
}

static bool trans_CLREX(DisasContext *s, arg_CLREX *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V6K)) {
        return false;
    }
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
    return true;
}

static bool op_swp(DisasContext *s, arg_ldrex *a, int size)
{
    if (a->rt == 15 || a->rt2 == 15 || a->rn == 15 || a->rn == a->rt || a->rn == a->rt2) {
        return false;
    }
    TCGTemp *args[] = { tenv(), t32(cpu_R[a->rn]), t32(cpu_R[a->rt2]),
                        c32(size | (s->be_data ? 8 : 0)) };
    tcg_gen_call(&info_swp, t32(cpu_R[a->rt]), args);
    return true;
}

static bool trans_SWP(DisasContext *s, arg_ldrex *a) { return op_swp(s, a, 2); }
static bool trans_SWPB(DisasContext *s, arg_ldrex *a) { return op_swp(s, a, 0); }

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

/* ---- the translator loop hooks ------------------------------------------------ */

static void arm_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t flags = db->tb->flags;
    s->env = cs->env_ptr;
    s->features = s->env->features;
    s->thumb = flags & ARM_TBFLAG_THUMB;
    s->itstate = (flags & ARM_TBFLAG_CONDEXEC_MASK) >> ARM_TBFLAG_CONDEXEC_SHIFT;
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
    return decode_a32(s, insn);
}

bool arm_decode_a32_uncond_insn(DisasContext *s, uint32_t insn)
{
    return decode_a32_uncond(s, insn);
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
        if (!decode_a32_uncond(s, insn) && !arm_vfp_disas_a32(s, insn)) {
            arm_unallocated_encoding(s);
        }
    } else {
        arm_skip_unless(s, cond);
        if (!decode_a32(s, insn) && !arm_vfp_disas_a32(s, insn)) {
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
