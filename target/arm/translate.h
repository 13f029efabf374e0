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
    TCGLabel *condlabel;     /* the instruction's condition failed: jump here */
    uint64_t features;
} DisasContext;

extern TCGv_i32 cpu_R[16];
extern TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;

static inline bool dc_feature(const DisasContext *s, ARMFeature f)
{
    return (s->features >> f) & 1;
}

/* The value an instruction reads as r15: its address + 8 (A32) or + 4 (Thumb). */
static inline uint32_t read_pc(const DisasContext *s)
{
    return s->pc_curr + (s->thumb ? 4 : 8);
}

/* The data MemOp of an access of size/sign `op` in the current data endianness. */
static inline MemOp dc_memop(const DisasContext *s, MemOp op)
{
    return op | (s->be_data ? MO_BE : MO_LE) | (s->align ? MO_ALIGN : 0);
}

TCGv_i32 load_reg(DisasContext *s, int reg);
void store_reg(DisasContext *s, int reg, TCGv_i32 v);
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
bool unallocated_encoding(DisasContext *s);

/* translate-vfp.c */
bool arm_vfp_disas_a32(DisasContext *s, uint32_t insn);
bool arm_vfp_disas_t32(DisasContext *s, uint32_t insn);
void arm_vfp_tcg_initialize(void);

#endif
