/*
 * internals.h — what the files of target/mips share and nobody else needs:
 * the TB flags layout, the TCG hooks table, the CPU model record and the
 * helpers' entry points.
 */
#ifndef TARGET_MIPS_INTERNALS_H
#define TARGET_MIPS_INTERNALS_H

#include "cpu.h"
#include "tcg/tcg.h"

/*
 * TB flags (env->hflags): the CPU state the code of a TB was specialised for.
 *   bit 0  64-bit operations allowed (MIPS III or later with Status.UX)
 *   bit 1  CP1 usable (Status.CU1 and an FPU)
 *   bit 2  Status.FR: 32 64-bit FPRs (else even/odd pairs)
 *   bit 3  64-bit FPU (the model has FIR.F64: MFHC1/MTHC1 with FR=0 allowed)
 */
#define MIPS_HFLAG_64    (1u << 0)
#define MIPS_HFLAG_FPU   (1u << 1)
#define MIPS_HFLAG_FR    (1u << 2)
#define MIPS_HFLAG_F64   (1u << 3)

/* insn_start words: pc, and 1 when the instruction is a branch (a fault there is its slot's). */
#define MIPS_INSN_START_WORDS 2

/* One row of the model table (cpu.c). */
struct MIPSCPUModel {
    const char *name;        /* as -cpu takes it */
    const char *desc;        /* for -cpu help */
    uint64_t insn_flags;     /* 1 << MIPS_FEATURE_* */
    uint32_t prid;           /* CP0 PRId */
    uint32_t fir;            /* FIR (fcr0); 0 without FPU */
    uint32_t fcsr_fixed;     /* FCSR bits the model has fixed to 1 (NAN2008, ABS2008) */
    uint32_t fcsr_rw;        /* FCSR bits CTC1 may change */
};

extern const TCGCPUOps mips_tcg_ops;

/* translate.c */
void mips_tcg_initialize(void);
void mips_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns);

/*
 * op_helper.c: raise excp (code: exception.code) at the instruction of host
 * pc ra; with ra 0 (outside generated code) env->pc and
 * exception.in_delay_slot must already be right.
 */
void mips_raise_exception(CPUMIPSState *env, int excp, uint32_t code, uintptr_t ra)
    __attribute__((noreturn));

/* op_helper.c: the integer helpers translate*.c call (see there for what each does). */
void helper_raise(CPUMIPSState *env, uint32_t excp, uint32_t code) __attribute__((noreturn));
/* The same for an instruction outside a delay slot whose pc the code has stored: no restore. */
void helper_raise_synced(CPUMIPSState *env, uint32_t excp, uint32_t code)
    __attribute__((noreturn));
void helper_div(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op);
uint64_t helper_sc(CPUMIPSState *env, uint64_t addr, uint64_t val, uint32_t size);
uint64_t helper_lxl(CPUMIPSState *env, uint64_t addr, uint64_t old, uint32_t op);
void helper_sxl(CPUMIPSState *env, uint64_t addr, uint64_t val, uint32_t op);
uint64_t helper_rdhwr_cc(CPUMIPSState *env);

/* helper_lxl/helper_sxl's op: the access size in bytes (4 or 8) | MIPS_XL_RIGHT for the
   right-hand instruction (LWR/LDR/SWR/SDR). */
#define MIPS_XL_RIGHT 0x100

/* fpu_helper.c */
void mips_fp_status_update(CPUMIPSState *env);
uint64_t helper_fp_op(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op);
uint64_t helper_fp_adds(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_subs(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_muls(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_divs(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_addd(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_subd(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_muld(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_divd(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_fp_madd(CPUMIPSState *env, uint64_t a, uint64_t b, uint64_t c, uint32_t op);
void helper_fp_cmp(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op);
void helper_ctc1(CPUMIPSState *env, uint64_t v, uint32_t reg);
uint64_t helper_cfc1(CPUMIPSState *env, uint32_t reg);

/*
 * helper_fp_op's op (ADD/SUB/MUL/DIV have a helper per operation and
 * format): the operation in bits 8 and up, the format in bits 0-3
 * (MIPS_FMT_*).  Conversions use the source fmt here and name the
 * destination in the operation.
 */
enum {
    MIPS_FMT_S = 0,
    MIPS_FMT_D = 1,
    MIPS_FMT_W = 4,
    MIPS_FMT_L = 5,
};
enum {
    MIPS_FOP_SQRT,
    MIPS_FOP_ABS, MIPS_FOP_NEG, MIPS_FOP_RECIP, MIPS_FOP_RSQRT,
    MIPS_FOP_CVT_S, MIPS_FOP_CVT_D, MIPS_FOP_CVT_W, MIPS_FOP_CVT_L,
    /* to integer with a fixed rounding: + mode (0 round, 1 trunc, 2 ceil, 3 floor) */
    MIPS_FOP_TO_W_RM, MIPS_FOP_TO_L_RM = MIPS_FOP_TO_W_RM + 4,
    MIPS_FOP_COUNT = MIPS_FOP_TO_L_RM + 4,
};
#define MIPS_FOP(op, fmt) ((uint32_t)(op) << 8 | (fmt))

#endif
