/*
 * cpu.h — the MIPS CPU (MIPS32/MIPS64 release 2, MIPS III for the R4000):
 * its state as generated code and the rest of emu see it, the CPU models,
 * and the interface linux-user (linux-user/mips, linux-user/mips64) uses.
 *
 *     tcg_exec_init(0, false, &error_fatal);           once, before any CPU
 *     CPUState *cs = mips_cpu_create("24Kf", &error_fatal);
 *     CPUMIPSState *env = cs->env_ptr;
 *     env->pc = entry;  env->gpr[29] = sp;
 *     for (;;) {
 *         switch (cpu_exec(cs)) {
 *         case EXCP_SYSCALL: ... number in v0 (gpr[2]), pc at the SYSCALL ...
 *         case EXCP_RI: ... SIGILL ...
 *         }
 *     }
 *
 * One front end serves mips/mipsel (TARGET_LONG_BITS 32) and mips64el
 * (TARGET_LONG_BITS 64).  The registers are 64 bits wide in both: a MIPS32
 * CPU is run the way a MIPS64 CPU runs MIPS32 code, with every GPR, HI and
 * LO holding its 32-bit value sign-extended to 64 bits (the architecture's
 * own rule for 32-bit results on MIPS64).  Whoever writes a GPR of a MIPS32
 * CPU from C stores a sign-extended value: mips_gpr_set() does that.  Data
 * addresses of a MIPS32 CPU are the low 32 bits of the computed address.
 */
#ifndef TARGET_MIPS_CPU_H
#define TARGET_MIPS_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fpu/softfloat.h"
#include "hw/core/cpu.h"

typedef struct Error Error;

/* ---- exception numbers ------------------------------------------------- */

/*
 * In user mode cpu_exec() hands every guest exception back to linux-user's
 * cpu loop, so the numbers sit above EXCP_INTERRUPT.  Compare against the
 * names, never the values.
 *
 * Where env->pc points when cpu_exec returns one: at the instruction that
 * raised it, or, when that instruction sits in a branch delay slot, at the
 * branch, with env->exception.in_delay_slot set (as the hardware's EPC and
 * Cause.BD do).  The cpu loop advances pc past a SYSCALL itself (pc + 4;
 * SYSCALL in a delay slot is UNPREDICTABLE and Linux does not allow it).
 */
#define MIPS_EXCP_BASE 0x10200

#define EXCP_SYSCALL  (MIPS_EXCP_BASE + 1)   /* SYSCALL (code in exception.code) */
#define EXCP_BREAK    (MIPS_EXCP_BASE + 2)   /* BREAK; exception.code = the 20-bit code (SIGTRAP,
                                                Linux: code 6/7 -> SIGFPE overflow/div0) */
#define EXCP_RI       (MIPS_EXCP_BASE + 3)   /* Reserved Instruction (SIGILL ILL_ILLOPC) */
#define EXCP_TRAP     (MIPS_EXCP_BASE + 4)   /* TEQ/TNE/...; exception.code = the 10-bit code of the
                                                register forms, 0 for immediate forms (SIGTRAP,
                                                Linux: code 6/7 -> SIGFPE) */
#define EXCP_FPE      (MIPS_EXCP_BASE + 5)   /* FP exception with an enabled cause: FCSR cause bits
                                                say which (SIGFPE, si_code from the cause) */
#define EXCP_OVERFLOW (MIPS_EXCP_BASE + 6)   /* ADD/ADDI/SUB/DADD... overflow (SIGFPE FPE_INTOVF) */
#define EXCP_ADEL     (MIPS_EXCP_BASE + 7)   /* address error on load/fetch: misaligned or kernel
                                                address (SIGBUS; SIGSEGV for kernel addresses) */
#define EXCP_ADES     (MIPS_EXCP_BASE + 8)   /* address error on store (same) */
#define EXCP_TLBL     (MIPS_EXCP_BASE + 9)   /* load/fetch from an unmapped or unreadable page
                                                (SIGSEGV; exception.fault says MAPERR or ACCERR) */
#define EXCP_TLBS     (MIPS_EXCP_BASE + 10)  /* store to an unmapped or read-only page (same) */
#define EXCP_CPU      (MIPS_EXCP_BASE + 11)  /* Coprocessor Unusable: CP1 on a CPU without FPU
                                                (Linux emulates the FPU; here: SIGILL) */
#define EXCP_YIELD    (MIPS_EXCP_BASE + 12)  /* reserved: WAIT/PAUSE giving way to other threads */

/* What kind of fault EXCP_TLBL/EXCP_TLBS/EXCP_ADEL/EXCP_ADES was (env->exception.fault). */
typedef enum MIPSFaultKind {
    MIPS_FAULT_NONE = 0,
    MIPS_FAULT_MAPERR,          /* nothing mapped there (SEGV_MAPERR) */
    MIPS_FAULT_ACCERR,          /* mapped, but not for this access (SEGV_ACCERR) */
    MIPS_FAULT_ALIGN,           /* misaligned access (SIGBUS BUS_ADRALN) */
    MIPS_FAULT_KERNEL,          /* a kernel-segment address from user mode (SIGSEGV) */
} MIPSFaultKind;

/* ---- CP0 Status / Cause bits user mode depends on ------------------------ */

#define MIPS_ST_CU1   (1u << 29)   /* coprocessor 1 (FPU) usable */
#define MIPS_ST_FR    (1u << 26)   /* 64-bit FPRs (FR=1) vs even/odd pairs (FR=0) */
#define MIPS_ST_UX    (1u << 5)    /* 64-bit user addressing/ops (MIPS64 user mode: set) */
#define MIPS_ST_KSU_USER (2u << 3) /* user mode */
#define MIPS_CAUSE_BD (1u << 31)   /* exception in a branch delay slot */

/* ---- FCSR (fcr31) and FIR (fcr0) ------------------------------------------ */

/* The flag/enable/cause fields use one bit order: V Z O U I at bits 4..0 of the field. */
#define FCSR_RM_MASK      0x00000003u  /* rounding: 0 nearest, 1 zero, 2 +inf, 3 -inf */
#define FCSR_FLAGS_SHIFT  2            /* sticky flags I U O Z V at bits 2..6 */
#define FCSR_ENABLE_SHIFT 7            /* enables at bits 7..11 */
#define FCSR_CAUSE_SHIFT  12           /* cause I U O Z V at 12..16, E (unimplemented) at 17 */
#define FCSR_CAUSE_E      (1u << 17)
#define FCSR_ABS2008      (1u << 19)   /* ABS/NEG are arithmetic-free bit operations */
#define FCSR_NAN2008      (1u << 18)   /* IEEE 754-2008 NaN encoding (quiet bit clear = sNaN) */
#define FCSR_FCC0         (1u << 23)   /* condition code 0 */
#define FCSR_FS           (1u << 24)   /* flush denormal results (and inputs) to zero */
/* condition codes 1..7 at bits 25..31 */
#define FCSR_FCC(n)       ((n) == 0 ? FCSR_FCC0 : (1u << (24 + (n))))
/* The single exception bits inside a field (after shifting the field to bit 0). */
#define FP_INEXACT    1u
#define FP_UNDERFLOW  2u
#define FP_OVERFLOW   4u
#define FP_DIV0       8u
#define FP_INVALID    16u

#define FIR_HAS2008 (1u << 23) /* FCSR.NAN2008/ABS2008 implemented */
#define FIR_F64   (1u << 22)   /* 64-bit FPRs possible (FR switchable) */
#define FIR_L     (1u << 21)   /* long fixed-point format */
#define FIR_W     (1u << 20)   /* word fixed-point format */
#define FIR_3D    (1u << 19)   /* MIPS-3D */
#define FIR_PS    (1u << 18)   /* paired single */
#define FIR_D     (1u << 17)   /* double */
#define FIR_S     (1u << 16)   /* single */

/* ---- ISA levels and features (bits of env->insn_flags) -------------------- */

typedef enum MIPSFeature {
    MIPS_FEATURE_MIPS2,       /* MIPS II: LL/SC, branch-likely, traps, SYNC, LDC1/SDC1 */
    MIPS_FEATURE_MIPS3,       /* MIPS III: 64-bit (the D* instructions, LD/SD, LLD/SCD) */
    MIPS_FEATURE_MIPS4,       /* MIPS IV: MOVN/MOVZ, MOVF/MOVT, PREF, LWXC1..., 8 FP CCs */
    MIPS_FEATURE_MIPS32,      /* MIPS32 R1: MUL, MADD/MSUB, CLZ/CLO */
    MIPS_FEATURE_MIPS32R2,    /* R2: EXT/INS, WSBH, SEB/SEH, ROTR, RDHWR, MFHC1/MTHC1, DI/EI */
    MIPS_FEATURE_MIPS64,      /* MIPS64 R1: DMUL... (the 64-bit versions of MIPS32 R1) */
    MIPS_FEATURE_MIPS64R2,    /* MIPS64 R2: DEXT/DINS, DSBH/DSHD, DROTR */
    MIPS_FEATURE_FPU,         /* CP1 present */
    MIPS_FEATURE_F64,         /* 64-bit FPU (FR=1 possible) */
} MIPSFeature;

/* ---- the state ----------------------------------------------------------- */

typedef struct CPUArchState {
    /*
     * r0-r31 (gpr[0] stays 0), HI, LO, pc: 64 bits for every model; on a
     * MIPS32 CPU each holds its 32-bit value sign-extended (see above).
     * pc is the address of the next instruction to run between TBs.
     */
    uint64_t gpr[32];
    uint64_t hi;
    uint64_t lo;
    uint64_t pc;

    /*
     * LL/SC: LL records the address (as computed: 32-bit value on MIPS32)
     * and the value it loaded (sign-extended word, or the doubleword);
     * SC does a host compare-and-swap of that value at that address and
     * clears the link.  lladdr == -1: no link.  The kernel's ERET clears
     * the link on every exception return, so the cpu loop sets lladdr to
     * -1 after a syscall or a signal (an SC then fails and the guest
     * retries its LL/SC loop).
     */
    uint64_t lladdr;
    uint64_t llval;

    /* FPU: fpr[n] holds register n's 64 bits (FR=0: the even register's
     * 64-bit double is fpr[even] low word + fpr[even+1] low word as the high
     * half; see mips_fpr_* in internals.h). */
    uint64_t fpr[32];
    uint32_t fcr0;            /* FIR (read-only) */
    uint32_t fcr31;           /* FCSR */
    uint32_t fcr31_rw_mask;   /* the FCSR bits CTC1 may change on this model */
    FloatStatus fp_status;    /* FCSR's mode; its flags collect one instruction's exceptions */

    /* CP0 as user mode sees it. */
    struct {
        uint32_t status;      /* Status: CU1, FR, UX, KSU */
        uint32_t cause;       /* Cause: BD and the exception code (system mode) */
        uint64_t badvaddr;    /* BadVAddr: the faulting address */
        uint64_t epc;         /* EPC (system mode) */
        uint64_t userlocal;   /* UserLocal: RDHWR $29, the TLS pointer */
        uint32_t hwrena;      /* which RDHWR registers user mode may read */
        uint32_t prid;        /* PRId */
        uint32_t config[4];   /* Config0-3 as the model has them */
    } cp0;

    /* Why the last exception was raised; linux-user reads these for siginfo. */
    struct {
        uint32_t code;        /* BREAK/trap/SYSCALL code field */
        uint64_t vaddress;    /* faulting address (si_addr) */
        MIPSFaultKind fault;  /* what kind of TLB/address error */
        bool is_write;        /* the faulting access was a store */
        bool in_delay_slot;   /* pc is the branch; the instruction that raised was at pc + 4 */
    } exception;

    /*
     * Run-time copy of the TB flags the translator reads (see internals.h):
     * derived from the model and Status by mips_cpu_update_hflags().
     */
    uint32_t hflags;
    uint64_t insn_flags;      /* 1 << MIPS_FEATURE_* */
} CPUMIPSState;

typedef struct MIPSCPUModel MIPSCPUModel;

typedef struct MIPSCPU {
    CPUState parent;
    const MIPSCPUModel *model;   /* the -cpu model this CPU was created from */
    CPUNegativeOffsetState neg;
    CPUMIPSState env;
} MIPSCPU;

static inline MIPSCPU *mips_cpu(CPUState *cs)
{
    return (MIPSCPU *)cs;
}

static inline bool mips_feature(const CPUMIPSState *env, MIPSFeature f)
{
    return (env->insn_flags >> f) & 1;
}

/* Store a GPR from C with the width rule of this CPU (sign-extend on MIPS32). */
static inline void mips_gpr_set(CPUMIPSState *env, unsigned n, uint64_t v)
{
    if (n == 0) {
        return;
    }
#if TARGET_LONG_BITS == 64
    env->gpr[n] = v;
#else
    env->gpr[n] = (uint64_t)(int64_t)(int32_t)v;
#endif
}

/* ---- the interface ------------------------------------------------------- */

/*
 * Create a CPU of the named model (4Kc, 24Kf, 34Kf, 74Kf, P5600, 5Kc, 5KEf,
 * 20Kc, MIPS64R2-generic, R4000; NULL: the default, 24Kf for TARGET_LONG_BITS 32
 * and 5KEf for 64), registered with the execution layer and reset.  A
 * 64-bit model on a 32-bit target runs in 32-bit mode (as o32 programs do
 * on a 64-bit kernel: the 64-bit instructions are Reserved); a 32-bit
 * model on a 64-bit target is refused.  tcg_exec_init() must have run.
 * NULL and errp set for an unknown model.
 *
 * User-mode reset state: KSU user, CU1 set when the model has an FPU, FR=0
 * for TARGET_LONG_BITS 32 (o32) and FR=1 for 64 (n64), UX on 64-bit models,
 * hwrena allowing RDHWR 0-3 and 29, FCSR 0 (plus NAN2008/ABS2008 where the
 * model has them fixed).
 */
CPUState *mips_cpu_create(const char *model, Error **errp);
/* A new CPU of the same model with a copy of src's registers (threads; the link starts clear). */
CPUState *mips_cpu_copy(CPUState *src);
/* Reset to the state described at mips_cpu_create. */
void mips_cpu_reset(CPUState *cs);
/* `-cpu help`: one line per model. */
void mips_cpu_list(FILE *f);
/* The model's name (as -cpu takes it), and whether it has an FPU / is 64-bit / is R2. */
const char *mips_cpu_model_name(CPUState *cs);
bool mips_cpu_has_fpu(CPUState *cs);
bool mips_cpu_is_64bit(CPUState *cs);
bool mips_cpu_is_r2(CPUState *cs);

/* Status.FR changes (prctl(PR_SET_FP_MODE), signal frames): keeps hflags in step. */
void mips_cpu_set_fr(CPUMIPSState *env, bool fr);
/* Recompute env->hflags after changing cp0.status from C. */
void mips_cpu_update_hflags(CPUMIPSState *env);

/* FCSR as CFC1 reads it and CTC1 writes it (rounding, FS and NaN mode applied). */
uint32_t mips_fcsr_get(CPUMIPSState *env);
void mips_fcsr_set(CPUMIPSState *env, uint32_t val);

/*
 * FPR access that follows Status.FR (for signal frames, ptrace-like users
 * and tests): the 32-bit single of register n and the 64-bit double of n
 * (FR=0: n even, the pair n/n+1).
 */
uint32_t mips_fpr_get_s(CPUMIPSState *env, unsigned n);
void mips_fpr_set_s(CPUMIPSState *env, unsigned n, uint32_t v);
uint64_t mips_fpr_get_d(CPUMIPSState *env, unsigned n);
void mips_fpr_set_d(CPUMIPSState *env, unsigned n, uint64_t v);

/* -d cpu: GPRs, HI/LO, pc, and the FPU registers with FCSR when present. */
void mips_cpu_dump_state(CPUState *cs, FILE *f);

/* ---- gdbstub -------------------------------------------------------------- */

/*
 * Register numbers follow GDB's MIPS target descriptions: 0-31 GPRs, 32 sr,
 * 33 lo, 34 hi, 35 badvaddr, 36 cause, 37 pc (org.gnu.gdb.mips.cpu/cp0),
 * 38-69 f0-f31, 70 fcsr, 71 fir (org.gnu.gdb.mips.fpu), 72 restart
 * (org.gnu.gdb.mips.linux).  Register size: 4 bytes on MIPS32, 8 on
 * MIPS64.  Both return the bytes used (0: no such register).
 */
int mips_cpu_gdb_read_register(CPUState *cs, uint8_t *buf, int n);
int mips_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n);
/* The XML of the feature named ("target.xml", "mips-cpu.xml", ...), or NULL. */
const char *mips_gdb_get_xml(const char *name);

#endif
