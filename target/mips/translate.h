/*
 * translate.h — what the MIPS translator files share: DisasContext, the
 * TCG globals, register access with the $zero and sign-extension rules,
 * helper-call descriptors, and the delay-slot machinery of translate.c.
 */
#ifndef TARGET_MIPS_TRANSLATE_H
#define TARGET_MIPS_TRANSLATE_H

#include "internals.h"

#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "util/bitops.h"

#define DISAS_JUMP   DISAS_TARGET_0   /* env->pc holds the next pc: look the TB up */
#define DISAS_UPDATE DISAS_TARGET_1   /* pc_next is next, state changed: back to the loop */

typedef struct DisasContext {
    DisasContextBase base;
    CPUMIPSState *env;
    uint64_t pc_curr;         /* address of the instruction being translated */
    uint32_t insn;
    uint64_t insn_flags;      /* the model's MIPS_FEATURE_* bits */
    uint32_t hflags;          /* MIPS_HFLAG_* of this TB */
    bool in_slot;             /* translating a branch's delay slot */
    bool abs2008;             /* FCSR.ABS2008 (fixed per model): ABS/NEG are bit operations */
} DisasContext;

/* Data addresses are as wide as the target's virtual addresses. */
#if TARGET_LONG_BITS == 32
typedef TCGv_i32 MIPSAddr;
#else
typedef TCGv_i64 MIPSAddr;
#endif

/* Guest data in the target's byte order. */
#if TARGET_BIG_ENDIAN
#define MO_TE_ MO_BE
#else
#define MO_TE_ MO_LE
#endif

#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_PTR TCG_CALL_TYPE_PTR
#define T_VOID TCG_CALL_TYPE_VOID

/* A static const TCGHelperInfo info_NAME for helper_NAME. */
#define MIPS_HELPER(NAME, FLAGS, RET, ...) \
    static const TCGHelperInfo info_##NAME = { \
        .func = (void *)helper_##NAME, .name = #NAME, .flags = (FLAGS), .ret = (RET), \
        .nargs = sizeof((TCGCallType[]){ __VA_ARGS__ }) / sizeof(TCGCallType), \
        .args = { __VA_ARGS__ } }

extern TCGv_i64 cpu_gpr[32];     /* [0] unused: $zero reads as a constant */
extern TCGv_i64 cpu_hi, cpu_lo, cpu_pc;

static inline bool mips_dc_feature(const DisasContext *s, MIPSFeature f)
{
    return (s->insn_flags >> f) & 1;
}

static inline TCGTemp *tenv(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static inline TCGTemp *t64(TCGv_i64 v)
{
    return tcgv_i64_temp(v);
}

static inline TCGTemp *c32(uint32_t c)
{
    return tcgv_i32_temp(tcg_constant_i32(c));
}

/* Register r's value (a constant 0 for $zero); never write to it. */
static inline TCGv_i64 gpr_src(int r)
{
    return r ? cpu_gpr[r] : tcg_constant_i64(0);
}

/* Write v to register r ($zero: dropped). */
static inline void gpr_set(int r, TCGv_i64 v)
{
    if (r) {
        tcg_gen_mov_i64(cpu_gpr[r], v);
    }
}

/* Write the 32-bit result in v's low half, sign-extended (the MIPS64 rule for 32-bit ops). */
static inline void gpr_set32(int r, TCGv_i64 v)
{
    if (r) {
        tcg_gen_ext32s_i64(cpu_gpr[r], v);
    }
}

/* translate.c */
/* Emit the call raising excp, on a path that may be skipped (the TB goes on after it). */
void mips_gen_raise(int excp, uint32_t code);
/* Raise excp with code at this instruction (pc and slot flag come from insn_start). */
void mips_gen_exception(DisasContext *s, int excp, uint32_t code);
/* The same, storing pc instead of restoring it (faster: SYSCALL); a delay slot falls back. */
void mips_gen_exception_synced(DisasContext *s, int excp, uint32_t code);
/* Reserved Instruction (logged under -d unimp); always returns true. */
bool mips_gen_reserved(DisasContext *s);
/* Require a feature: false (after raising RI) when the model lacks it. */
bool mips_check_feature(DisasContext *s, MIPSFeature f);
/* Require 64-bit operations (MIPS III and Status.UX). */
bool mips_check_64(DisasContext *s);
/* Require CP1: raises Coprocessor Unusable without an FPU or with CU1 clear. */
bool mips_check_fpu(DisasContext *s);
/* Translate the delay slot at pc_curr + 4 (after a branch recorded its condition). */
void mips_gen_delay_slot(DisasContext *s);
/* Jump to dest (a constant), chaining when allowed. */
void mips_gen_goto_tb(DisasContext *s, int n, uint64_t dest);
/* The effective address rs + imm, in the target's address width. */
MIPSAddr mips_gen_addr(DisasContext *s, int rs, int64_t imm);
/* The effective address base + index (COP1X). */
MIPSAddr mips_gen_addr_rr(DisasContext *s, int base, int index);
/* A MIPSAddr widened to 64 bits (for helpers). */
TCGv_i64 mips_addr_to_i64(MIPSAddr a);

/* The decoders, tried in turn by translate.c. */
bool mips_decode_int_insn(DisasContext *s, uint32_t insn);
bool mips_decode_branch_insn(DisasContext *s, uint32_t insn);
bool mips_decode_ldst_insn(DisasContext *s, uint32_t insn);
bool mips_decode_fpu_insn(DisasContext *s, uint32_t insn);

#endif
