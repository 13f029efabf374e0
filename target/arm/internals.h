/*
 * internals.h — what the files of target/arm share and nobody else needs:
 * the TB flags layout, the TCG hooks table, and the helpers' entry points.
 */
#ifndef TARGET_ARM_INTERNALS_H
#define TARGET_ARM_INTERNALS_H

#include "cpu.h"
#include "tcg/tcg.h"

/*
 * TB flags: the CPU state the translated code of a TB was specialised for.
 *   bit 0      Thumb
 *   bits 1-8   ITSTATE (condexec_bits)
 *   bit 9      data big-endian (CPSR.E)
 *   bit 10     VFP/NEON enabled (FPEXC.EN)
 *   bits 11-13 FPSCR.LEN (VFP short vectors)
 *   bits 14-15 FPSCR.STRIDE
 *   bit 16     privileged (system mode, not USR)
 *   bit 17     SCTLR.A: every access must be aligned
 */
#define ARM_TBFLAG_THUMB       (1u << 0)
#define ARM_TBFLAG_CONDEXEC_SHIFT 1
#define ARM_TBFLAG_CONDEXEC_MASK  (0xffu << ARM_TBFLAG_CONDEXEC_SHIFT)
#define ARM_TBFLAG_BE_DATA     (1u << 9)
#define ARM_TBFLAG_VFPEN       (1u << 10)
#define ARM_TBFLAG_VECLEN_SHIFT 11
#define ARM_TBFLAG_VECSTRIDE_SHIFT 14
#define ARM_TBFLAG_PRIV        (1u << 16)
#define ARM_TBFLAG_ALIGN       (1u << 17)

/* FPEXC.EN: VFP and NEON instructions are enabled. */
#define ARM_FPEXC_EN (1u << 30)

/* MMU indexes: user and privileged accesses (system mode), 0 only in user mode. */
#define ARM_MMU_IDX_USER 0
#define ARM_MMU_IDX_PRIV 1

extern const TCGCPUOps arm_tcg_ops;

/* translate.c */
void arm_tcg_initialize(void);
void arm_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns);

/* op_helper.c: raise exception excp at the instruction of host pc ra (0: state is current). */
void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome, uintptr_t ra)
    __attribute__((noreturn));

/* op_helper.c: the helpers translate.c calls (see there for what each does). */
void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
    __attribute__((noreturn));
uint32_t helper_cpsr_read(CPUARMState *env);
void helper_cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask);
uint32_t helper_shift_cc(CPUARMState *env, uint32_t x, uint32_t n, uint32_t type);
uint32_t helper_shift(uint32_t x, uint32_t n, uint32_t type);
uint32_t helper_add_saturate(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_sub_saturate(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_add_setq(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_ssat(CPUARMState *env, uint32_t x, uint32_t sat);
uint32_t helper_usat(CPUARMState *env, uint32_t x, uint32_t sat);
uint32_t helper_ssat16(CPUARMState *env, uint32_t x, uint32_t sat);
uint32_t helper_usat16(CPUARMState *env, uint32_t x, uint32_t sat);
uint32_t helper_parallel(CPUARMState *env, uint32_t a, uint32_t b, uint32_t op);
uint32_t helper_sel(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_sdiv(uint32_t a, uint32_t b);
uint32_t helper_udiv(uint32_t a, uint32_t b);
uint32_t helper_rbit(uint32_t x);
uint32_t helper_usad8(uint32_t a, uint32_t b);
uint32_t helper_strex(CPUARMState *env, uint32_t addr, uint32_t lo, uint32_t hi, uint32_t op);
uint32_t helper_swp(CPUARMState *env, uint32_t addr, uint32_t val, uint32_t op);

/* vfp_helper.c: VFP arithmetic on packed register numbers (see there) */
void helper_vfp_3op(CPUARMState *env, uint32_t packed);
void helper_vfp_2op(CPUARMState *env, uint32_t packed);
bool arm_vfp_2op_valid(uint32_t op);
uint32_t helper_vfp_get_fpscr(CPUARMState *env);
void helper_vfp_set_fpscr(CPUARMState *env, uint32_t val);

/* neon_helper.c: the integer "three registers of the same length" group */
void helper_neon_3same(CPUARMState *env, uint32_t packed);
bool arm_neon_3same_valid(uint32_t op, int u, int size);

/* vfp_helper.c: FPSCR.RMODE/FZ/DN into fp_status. */
void arm_vfp_update_status(CPUARMState *env);
/* The NaN rules of FPSCR.DN and of NEON arithmetic: every NaN result is the default NaN. */
const FloatNaNRules *arm_nan_rules_dn(void);
/* Fold the accumulated softfloat flags into FPSCR's cumulative bits. */
uint32_t arm_vfp_exceptions_to_fpscr(uint32_t flags);

/* The index of mode's banked registers in banked_r13 etc. (system mode). */
int arm_bank_index(unsigned mode);

#endif
