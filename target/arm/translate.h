/*
 * translate.h — the translator's per-TB context and the IR helpers the
 * instruction files (translate.c for A32 integer, translate-vfp.c) share.
 */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include "internals.h"

#include "exec/translator.h"
#include "tcg/tcg-op.h"

/* is_jmp values of this front end (DisasContextBase.is_jmp). */
#define DISAS_JUMP   DISAS_TARGET_0   /* r15 holds the next pc: look the TB up */
#define DISAS_UPDATE DISAS_TARGET_1   /* r15 holds the next pc and state changed: back to the loop */

typedef struct DisasContext {
    DisasContextBase base;
    CPUARMState *env;
    uint32_t pc_curr;        /* address of the instruction being translated */
    uint32_t insn;
    bool thumb;
    bool be_data;            /* CPSR.E: data accesses are big-endian */
    bool vfp_enabled;
    bool user;               /* unprivileged (USR mode or user-mode emulation) */
    bool align;              /* SCTLR.A */
    int mmu_idx;
    uint32_t itstate;        /* ITSTATE before this instruction (Thumb) */
    uint32_t itstate_next;   /* ITSTATE after it */
    uint32_t itstate_tb;     /* ITSTATE the TB started with (env->condexec_bits at entry) */
    bool itstate_stored;     /* a store to condexec_bits was emitted: env may differ from itstate_tb */
    TCGLabel *condlabel;     /* the instruction's condition failed: jump here */
    uint64_t features;
} DisasContext;

#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_PTR TCG_CALL_TYPE_PTR
#define T_VOID TCG_CALL_TYPE_VOID

/* A TCGHelperInfo for helper_NAME (declared in internals.h):
 * its call flags, return type and argument types, in one place per file with its call flags and types. */
#define ARM_HELPER(NAME, FLAGS, RET, ...) \
    static const TCGHelperInfo info_##NAME = { \
        .func = (void *)helper_##NAME, .name = #NAME, .flags = (FLAGS), .ret = (RET), \
        .nargs = sizeof((TCGCallType[]){ __VA_ARGS__ }) / sizeof(TCGCallType), \
        .args = { __VA_ARGS__ } }

extern TCGv_i32 cpu_R[16];
extern TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
extern TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val;   /* the local monitor (LDREX/STREX) */

static inline bool arm_dc_feature(const DisasContext *s, ARMFeature f)
{
    return (s->features >> f) & 1;
}

/* The value an instruction reads as r15: its address + 8 (A32) or + 4 (Thumb). */
static inline uint32_t arm_read_pc(const DisasContext *s)
{
    return s->pc_curr + (s->thumb ? 4 : 8);
}

/* The data MemOp of an access of size/sign `op` in the current data endianness. */
static inline MemOp arm_dc_memop(const DisasContext *s, MemOp op)
{
    return op | (s->be_data ? MO_BE : MO_LE) | (s->align ? MO_ALIGN : 0);
}

TCGv_i32 arm_load_reg(DisasContext *s, int reg);
void arm_store_reg(DisasContext *s, int reg, TCGv_i32 v);
void arm_gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
bool arm_unallocated_encoding(DisasContext *s);

/* translate.c: IR building blocks shared with thumb.c and translate-vfp.c */
void arm_gen_bx(DisasContext *s, TCGv_i32 v);
void arm_store_reg_bx(DisasContext *s, int reg, TCGv_i32 v, bool load);
void arm_gen_set_pc_im(uint32_t pc);
void arm_gen_save_itstate(DisasContext *s, uint32_t it);
void arm_skip_unless(DisasContext *s, int cond);
void arm_gen_logic_cc(TCGv_i32 v);
/* flag-setting and carry arithmetic: r = a op b (translate.c) */
void arm_gen_add_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
void arm_gen_adc_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
void arm_gen_sub_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
void arm_gen_sbc_cc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
void arm_gen_adc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
void arm_gen_sbc(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b);
/* v shifted by the bottom byte of rs (flags: the shifter carry-out to C) */
void arm_gen_shift_reg(TCGv_i32 v, int shty, TCGv_i32 rs, bool flags);
void arm_gen_shift_imm(TCGv_i32 v, int shty, int shim, bool flags);
void arm_gen_ld(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op);
void arm_gen_st(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op);
void arm_gen_jmp(DisasContext *s, uint32_t dest);
void arm_gen_goto_tb(DisasContext *s, int n, uint32_t dest);
bool arm_op_ldst(DisasContext *s, int p, int w, int u, int rn, int rt, TCGv_i32 ofs,
                 MemOp op, bool load);
bool arm_op_ldstd(DisasContext *s, int p, int w, int u, int rn, int rt, int rt2,
                  TCGv_i32 ofs, bool load);
/* LDREX/STREX of rn + imm (rt2: the second register of a doubleword, size MO_64) */
void arm_gen_ldrex(DisasContext *s, int rn, int imm, int rt, int rt2, MemOp size);
void arm_gen_strex(DisasContext *s, int rd, int rn, int imm, int rt, int rt2, MemOp size);
bool arm_op_ldm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wb,
                bool load);
/* data processing by A32 opcode (0 AND .. 15 MVN) on a ready operand b */
bool arm_gen_dp(DisasContext *s, int op, int s_flag, int rd, int rn, TCGv_i32 b);
bool arm_dp_is_logical(int op);
/* run an A32 encoding (cond AL) through the A32 decoders: Thumb forms with an A32 twin */
bool arm_decode_a32_insn(DisasContext *s, uint32_t insn);
/* the A32 decoders by concern (translate-dp.c, -mul.c, -ldst.c, -sys.c) */
bool arm_decode_a32_dp(DisasContext *s, uint32_t insn);
bool arm_decode_a32_mul(DisasContext *s, uint32_t insn);
bool arm_decode_a32_ldst(DisasContext *s, uint32_t insn);
bool arm_decode_a32_sys(DisasContext *s, uint32_t insn);
bool arm_decode_a32_uncond(DisasContext *s, uint32_t insn);
bool arm_decode_a32_uncond_insn(DisasContext *s, uint32_t insn);

/* thumb.c */
void arm_thumb_translate_insn(DisasContext *s);

/* translate-vfp.c */
bool arm_vfp_disas_a32(DisasContext *s, uint32_t insn);
bool arm_vfp_disas_t32(DisasContext *s, uint32_t insn);
void arm_vfp_tcg_initialize(void);
/* translate-neon.c: the Advanced SIMD data-processing space (A32 encoding) */
bool arm_neon_dp_decode(DisasContext *s, uint32_t insn);
/* translate-neon-ls.c: the Advanced SIMD element and structure loads/stores (A32 encoding) */
bool arm_neon_ls_decode(DisasContext *s, uint32_t insn);

#endif
