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
/* one helper per operation and width on register values (fp_status of env) */
uint32_t helper_vfp_adds(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_subs(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_muls(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_divs(CPUARMState *env, uint32_t a, uint32_t b);
uint64_t helper_vfp_addd(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_subd(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_muld(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_divd(CPUARMState *env, uint64_t a, uint64_t b);
void helper_vfp_2op(CPUARMState *env, uint32_t packed);
bool arm_vfp_2op_valid(uint32_t op);
uint32_t helper_vfp_get_fpscr(CPUARMState *env);
void helper_vfp_set_fpscr(CPUARMState *env, uint32_t val);

/* neon_helper.c: the integer "three registers of the same length" group; op = opc << 1 | o */
enum {
    N_HADD = 0x00, N_QADD = 0x01, N_RHADD = 0x02, N_LOGIC = 0x03, N_HSUB = 0x04,
    N_QSUB = 0x05, N_CGT = 0x06, N_CGE = 0x07, N_SHL = 0x08, N_QSHL = 0x09, N_RSHL = 0x0a,
    N_QRSHL = 0x0b, N_MAX = 0x0c, N_MIN = 0x0d, N_ABD = 0x0e, N_ABA = 0x0f, N_ADDSUB = 0x10,
    N_TST_CEQ = 0x11, N_MLA = 0x12, N_MUL = 0x13, N_PMAX = 0x14, N_PMIN = 0x15, N_QDMULH = 0x16,
    N_PADD = 0x17,
};
void helper_neon_3same(CPUARMState *env, uint32_t packed);
bool arm_neon_3same_valid(uint32_t op, int u, int size);
/* one element of op (d: the destination's element, for accumulating ops) */
uint64_t arm_neon_int_elem(CPUARMState *env, unsigned op, bool u, unsigned bits, uint64_t x,
                           uint64_t y, uint64_t d);
uint64_t arm_neon_pmul8(uint64_t x, uint64_t y);

/*
 * neon_dp_helper.c / neon_fp_helper.c: the other data-processing groups.
 * desc: group | op << 4 | u << 10 | size << 11 | q << 13 | imm << 14 (8 bits);
 * regs: rd | rn << 5 | rm << 10 | x << 15 (scalar index, table length).
 */
enum {
    NG_SHIFT, NG_3DIFF, NG_SCALAR, NG_VEXT, NG_2MISC, NG_VTBL, NG_VDUPS, NG_3FLOAT,
};
#define NEON_DESC(group, op, u, size, q, imm) \
    ((group) | (op) << 4 | (u) << 10 | (size) << 11 | (q) << 13 | (uint32_t)(imm) << 14)
#define NEON_REGS(rd, rn, rm, x) ((rd) | (rn) << 5 | (rm) << 10 | (uint32_t)(x) << 15)
void helper_neon_dp(CPUARMState *env, uint32_t desc, uint32_t regs);
/* float parts (neon_fp_helper.c), on standard_fp_status */
void arm_neon_3float(CPUARMState *env, unsigned op, unsigned q, unsigned rd, unsigned rn,
                     unsigned rm, const uint64_t *scalar);
uint32_t arm_neon_fp_2misc(CPUARMState *env, unsigned op, uint32_t x);
uint32_t arm_neon_fixed(CPUARMState *env, bool to_fixed, bool uns, int fbits, uint32_t x);
uint32_t arm_neon_recpe_u32(uint32_t x);
uint32_t arm_neon_rsqrte_u32(uint32_t x);
uint32_t arm_neon_f32_to_f16(CPUARMState *env, uint32_t x);
uint32_t arm_neon_f16_to_f32(CPUARMState *env, uint32_t x);

/* vfp_helper.c: FPSCR.RMODE/FZ/DN into fp_status. */
void arm_vfp_update_status(CPUARMState *env);
/* The NaN rules of FPSCR.DN and of NEON arithmetic: every NaN result is the default NaN. */
const FloatNaNRules *arm_nan_rules_dn(void);
/* Fold the accumulated softfloat flags into FPSCR's cumulative bits. */
uint32_t arm_vfp_exceptions_to_fpscr(uint32_t flags);

/* The index of mode's banked registers in banked_r13 etc. (system mode). */
int arm_bank_index(unsigned mode);

#endif
