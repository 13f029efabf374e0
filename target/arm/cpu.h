/*
 * cpu.h — the ARM (AArch32, ARMv5TE .. ARMv7-A) CPU: its state as generated
 * code and the rest of emu see it, the CPU models, and the interface
 * linux-user and the system-mode boards use.
 *
 *     tcg_exec_init(0, false, &error_fatal);           once, before any CPU
 *     CPUState *cs = arm_cpu_create("cortex-a15", &error_fatal);
 *     CPUARMState *env = cs->env_ptr;
 *     env->regs[15] = entry;  env->regs[13] = sp;
 *     for (;;) {
 *         switch (cpu_exec(cs)) {
 *         case EXCP_SWI: ... syscall number in r7 (EABI) ...
 *         case EXCP_KERNEL_TRAP: ... emulate the kuser helper at pc, pc = lr ...
 *         }
 *     }
 *
 * The CPSR is kept split so that the translator can update flags cheaply;
 * cpsr_read() assembles it and cpsr_write() scatters it.  Everything the
 * translator depends on besides pc (Thumb bit, IT state, data endianness,
 * VFP enable and vector length) goes into the TB flags.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fpu/softfloat.h"
#include "hw/core/cpu.h"

typedef struct Error Error;

/* ---- exception numbers ------------------------------------------------- */

/*
 * In user mode cpu_exec() must hand every guest exception back to
 * linux-user's cpu_loop, so the numbers sit above EXCP_INTERRUPT (the loop
 * returns those); in system mode they are below it and the loop delivers
 * them through do_interrupt.  Compare against the names, never the values.
 */
#ifdef CONFIG_USER_ONLY
#define ARM_EXCP_BASE 0x10100
#else
#define ARM_EXCP_BASE 0
#endif

#define EXCP_UDEF            (ARM_EXCP_BASE + 1)   /* undefined instruction (SIGILL) */
#define EXCP_SWI             (ARM_EXCP_BASE + 2)   /* SVC; env->exception.syndrome = imm */
#define EXCP_PREFETCH_ABORT  (ARM_EXCP_BASE + 3)   /* instruction fetch fault (SIGSEGV) */
#define EXCP_DATA_ABORT      (ARM_EXCP_BASE + 4)   /* data access fault (SIGSEGV/SIGBUS) */
#define EXCP_IRQ             (ARM_EXCP_BASE + 5)   /* system mode: IRQ line */
#define EXCP_FIQ             (ARM_EXCP_BASE + 6)   /* system mode: FIQ line */
#define EXCP_BKPT            (ARM_EXCP_BASE + 7)   /* BKPT; syndrome = imm (SIGTRAP) */
#define EXCP_KERNEL_TRAP     (ARM_EXCP_BASE + 9)   /* pc in the kuser helper page 0xffff0fxx */
#define EXCP_YIELD           (ARM_EXCP_BASE + 10)  /* YIELD/WFE: let another thread run */
#define EXCP_WFI             (ARM_EXCP_BASE + 11)  /* WFI (user mode: treated as yield) */

/*
 * The user-mode kuser helper page: executing at 0xffff0f00-0xffff0fff
 * raises EXCP_KERNEL_TRAP with regs[15] at the helper's address, whether
 * linux-user maps the page or not; linux-user emulates the helper (r0-r3 as
 * the kernel's ABI says) and continues at lr.
 *
 * Where regs[15] points when cpu_exec returns an exception: EXCP_SWI after
 * the SVC (the syscall's return address), everything else at the
 * instruction that raised it.
 */
#define ARM_KUSER_PAGE       0xffff0000u
#define ARM_KUSER_TRAP_START 0xffff0f00u

/* What kind of fault EXCP_PREFETCH_ABORT / EXCP_DATA_ABORT was (env->exception.fault). */
typedef enum ARMFaultKind {
    ARM_FAULT_NONE = 0,
    ARM_FAULT_TRANSLATION,      /* nothing mapped there (SEGV_MAPERR) */
    ARM_FAULT_PERMISSION,       /* mapped, but not for this access (SEGV_ACCERR) */
    ARM_FAULT_ALIGNMENT,        /* misaligned access the model does not allow (SIGBUS) */
} ARMFaultKind;

/* ---- CPSR ---------------------------------------------------------------- */

#define CPSR_M      0x0000001fu   /* mode */
#define CPSR_T      (1u << 5)     /* Thumb state */
#define CPSR_F      (1u << 6)     /* FIQ masked */
#define CPSR_I      (1u << 7)     /* IRQ masked */
#define CPSR_A      (1u << 8)     /* asynchronous abort masked */
#define CPSR_E      (1u << 9)     /* data big-endian */
#define CPSR_IT_2_7 0x0000fc00u   /* IT[7:2] */
#define CPSR_GE     0x000f0000u   /* SIMD greater-or-equal flags */
#define CPSR_J      (1u << 24)    /* Jazelle (always 0 here) */
#define CPSR_IT_0_1 0x06000000u   /* IT[1:0] */
#define CPSR_Q      (1u << 27)    /* sticky saturation */
#define CPSR_V      (1u << 28)
#define CPSR_C      (1u << 29)
#define CPSR_Z      (1u << 30)
#define CPSR_N      (1u << 31)
#define CPSR_NZCV   (CPSR_N | CPSR_Z | CPSR_C | CPSR_V)
#define CPSR_IT     (CPSR_IT_0_1 | CPSR_IT_2_7)
/* The bits user mode may change with MSR (APSR), and what sigreturn restores. */
#define CPSR_USER   (CPSR_NZCV | CPSR_Q | CPSR_GE)
#define CPSR_EXEC   (CPSR_T | CPSR_IT | CPSR_J)

/* Processor modes (CPSR.M). */
#define ARM_CPU_MODE_USR 0x10
#define ARM_CPU_MODE_FIQ 0x11
#define ARM_CPU_MODE_IRQ 0x12
#define ARM_CPU_MODE_SVC 0x13
#define ARM_CPU_MODE_ABT 0x17
#define ARM_CPU_MODE_UND 0x1b
#define ARM_CPU_MODE_SYS 0x1f

/* ---- FPSCR --------------------------------------------------------------- */

#define FPSCR_IOC   (1u << 0)     /* cumulative flags: invalid */
#define FPSCR_DZC   (1u << 1)     /* divide by zero */
#define FPSCR_OFC   (1u << 2)     /* overflow */
#define FPSCR_UFC   (1u << 3)     /* underflow */
#define FPSCR_IXC   (1u << 4)     /* inexact */
#define FPSCR_IDC   (1u << 7)     /* input denormal (flushed) */
#define FPSCR_LEN   (7u << 16)    /* VFP short-vector length - 1 */
#define FPSCR_STRIDE (3u << 20)   /* VFP short-vector stride */
#define FPSCR_RMODE (3u << 22)    /* rounding: 0 nearest, 1 +inf, 2 -inf, 3 zero */
#define FPSCR_FZ    (1u << 24)    /* flush to zero */
#define FPSCR_DN    (1u << 25)    /* default NaN */
#define FPSCR_AHP   (1u << 26)    /* alternative half precision */
#define FPSCR_QC    (1u << 27)    /* NEON cumulative saturation */
#define FPSCR_NZCV  0xf0000000u   /* VFP compare flags */

/* ---- features (bits of env->features) ------------------------------------ */

typedef enum ARMFeature {
    ARM_FEATURE_V5,          /* ARMv5T: BLX, CLZ, BKPT */
    ARM_FEATURE_V5TE,        /* DSP: SMULxy, QADD, LDRD/STRD, PLD */
    ARM_FEATURE_V6,          /* REV, SXTB, media, LDREX/STREX, unaligned access */
    ARM_FEATURE_V6K,         /* LDREX{B,H,D}, CLREX, YIELD/WFE hints, TPIDRURO/URW */
    ARM_FEATURE_V6T2,        /* Thumb-2, MOVW/MOVT, BFI, UBFX, RBIT */
    ARM_FEATURE_V7,          /* ARMv7-A: DMB/DSB/ISB, PLI */
    ARM_FEATURE_THUMB2,      /* 32-bit Thumb instructions */
    ARM_FEATURE_THUMB_DIV,   /* SDIV/UDIV in Thumb */
    ARM_FEATURE_ARM_DIV,     /* SDIV/UDIV in ARM */
    ARM_FEATURE_VFP,         /* VFPv2 */
    ARM_FEATURE_VFP3,        /* VFPv3: VMOV immediate, fixed-point conversions */
    ARM_FEATURE_VFP4,        /* VFPv4: fused multiply-add, half precision */
    ARM_FEATURE_VFP_D32,     /* 32 double registers (else 16) */
    ARM_FEATURE_NEON,        /* Advanced SIMD */
    ARM_FEATURE_FP16,        /* half-precision conversions */
    ARM_FEATURE_LPAE,        /* large physical addresses (LDRD/STRD single-copy atomic) */
} ARMFeature;

/* ---- the state ----------------------------------------------------------- */

typedef struct CPUArchState {
    /* r0-r15; regs[15] is the address of the current instruction between TBs */
    uint32_t regs[16];

    /*
     * CPSR, split.  NZCV are kept in the form the translator produces them
     * most cheaply: N = NF bit 31, Z = (ZF == 0), C = CF (0 or 1),
     * V = VF bit 31.
     */
    uint32_t NF;
    uint32_t ZF;
    uint32_t CF;
    uint32_t VF;
    uint32_t QF;             /* Q: 0 or 1 */
    uint32_t GE;             /* GE[3:0] in bits 3:0 */
    uint32_t thumb;          /* T: 0 or 1 */
    uint32_t condexec_bits;  /* ITSTATE[7:0] (cond in 7:4, mask in 3:0) */
    uint32_t uncached_cpsr;  /* the rest: M, F, I, A, E (other fields are 0 here) */
    uint32_t spsr;           /* of the current mode (system mode) */

    /* Banked registers of the other modes (system mode; index: arm_bank_index). */
    uint32_t banked_r13[7];
    uint32_t banked_r14[7];
    uint32_t banked_spsr[7];
    uint32_t usr_regs[5];    /* r8-r12 of non-FIQ modes while in FIQ mode */
    uint32_t fiq_regs[5];    /* r8-r12 of FIQ mode while in another mode */

    /*
     * The exclusive monitor (LDREX/STREX).  STREX succeeds when the address
     * matches and memory still holds exclusive_val: a compare-and-swap on the
     * host, so that guest threads on host threads see atomic updates.
     * exclusive_addr == -1: no reservation.
     */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;   /* LDREXD: the 64-bit pair, first word in the low half */

    /* VFP/NEON */
    struct {
        uint64_t d[32];        /* d0-d31; q<n> is d[2n] (low half) and d[2n+1] */
        uint32_t fpscr;        /* everything but the cumulative flags and QC */
        uint32_t qc;           /* FPSCR.QC: non-zero when set */
        uint32_t fpexc;        /* FPEXC (bit 30: EN) */
        uint32_t fpsid;
        uint32_t mvfr0;
        uint32_t mvfr1;
        uint32_t vec_len;      /* FPSCR.LEN + 1 and the stride, decoded (for the TB flags) */
        uint32_t vec_stride;
        FloatStatus fp_status;       /* VFP: FPSCR's mode; its flags are the cumulative bits */
        FloatStatus standard_fp_status;  /* NEON float: FZ, DN, nearest, its own flags */
    } vfp;

    /* Coprocessor 15 registers user mode can see, and what system mode adds. */
    struct {
        uint32_t tpidruro;     /* TPIDRURO (c13,c0,3): user read-only thread pointer (TLS) */
        uint32_t tpidrurw;     /* TPIDRURW (c13,c0,2): user read/write thread pointer */
        uint32_t tpidrprw;     /* TPIDRPRW (c13,c0,4): privileged only */
        uint32_t sctlr;        /* system control (bit 1 A: alignment checks, bit 25 EE) */
        uint32_t cpacr;        /* coprocessor access (VFP enable for PL0/PL1) */
        uint32_t ttbr0, ttbr1, ttbcr, dacr;   /* system mode MMU */
        uint32_t dfsr, dfar, ifsr, ifar;      /* fault status/address (system mode) */
        uint32_t vbar;
        uint32_t contextidr;
    } cp15;

    /* Why the last exception was raised; linux-user reads these for siginfo. */
    struct {
        uint32_t syndrome;     /* SVC/BKPT immediate */
        uint32_t vaddress;     /* faulting address (si_addr) */
        ARMFaultKind fault;    /* what kind of abort */
        bool is_write;         /* the faulting access was a store */
    } exception;

    uint64_t features;         /* 1 << ARM_FEATURE_* */
} CPUARMState;

typedef struct ARMCPUModel ARMCPUModel;

typedef struct ARMCPU {
    CPUState parent;
    const ARMCPUModel *model;   /* the -cpu model this CPU was created from */
    uint32_t midr;              /* main ID register */
    uint32_t hwcap;             /* ELF AT_HWCAP for this model */
    uint32_t hwcap2;            /* ELF AT_HWCAP2 */
    CPUNegativeOffsetState neg;
    CPUARMState env;
} ARMCPU;

static inline ARMCPU *arm_cpu(CPUState *cs)
{
    return (ARMCPU *)cs;
}

static inline ARMCPU *arm_env_get_cpu(CPUARMState *env)
{
    return (ARMCPU *)env_cpu(env);
}

static inline bool arm_feature(const CPUARMState *env, ARMFeature f)
{
    return (env->features >> f) & 1;
}

/* ---- ELF hwcaps (Linux arch/arm/include/uapi/asm/hwcap.h values) ----------- */

#define ARM_HWCAP_SWP       (1u << 0)
#define ARM_HWCAP_HALF      (1u << 1)
#define ARM_HWCAP_THUMB     (1u << 2)
#define ARM_HWCAP_26BIT     (1u << 3)
#define ARM_HWCAP_FAST_MULT (1u << 4)
#define ARM_HWCAP_FPA       (1u << 5)
#define ARM_HWCAP_VFP       (1u << 6)
#define ARM_HWCAP_EDSP      (1u << 7)
#define ARM_HWCAP_JAVA      (1u << 8)
#define ARM_HWCAP_IWMMXT    (1u << 9)
#define ARM_HWCAP_CRUNCH    (1u << 10)
#define ARM_HWCAP_THUMBEE   (1u << 11)
#define ARM_HWCAP_NEON      (1u << 12)
#define ARM_HWCAP_VFPv3     (1u << 13)
#define ARM_HWCAP_VFPv3D16  (1u << 14)
#define ARM_HWCAP_TLS       (1u << 15)
#define ARM_HWCAP_VFPv4     (1u << 16)
#define ARM_HWCAP_IDIVA     (1u << 17)
#define ARM_HWCAP_IDIVT     (1u << 18)
#define ARM_HWCAP_VFPD32    (1u << 19)
#define ARM_HWCAP_LPAE      (1u << 20)
#define ARM_HWCAP_EVTSTRM   (1u << 21)

#define ARM_HWCAP2_AES      (1u << 0)
#define ARM_HWCAP2_PMULL    (1u << 1)
#define ARM_HWCAP2_SHA1     (1u << 2)
#define ARM_HWCAP2_SHA2     (1u << 3)
#define ARM_HWCAP2_CRC32    (1u << 4)

/* ---- the interface ------------------------------------------------------- */

/*
 * Create a CPU of the named model (arm926, arm1136, cortex-a8, cortex-a15,
 * max; NULL: the default, cortex-a15), registered with the execution layer
 * and reset: user mode starts in USR mode with VFP enabled, system mode in
 * SVC mode at the reset vector.  tcg_exec_init() must have run.  NULL and
 * errp set for an unknown model.
 */
CPUState *arm_cpu_create(const char *model, Error **errp);
/*
 * A new CPU of the same model with a copy of src's registers (linux-user's
 * clone for threads; the exclusive monitor starts clear).
 */
CPUState *arm_cpu_copy(CPUState *src);
/* Reset to the power-on state of the model (see arm_cpu_create). */
void arm_cpu_reset(CPUState *cs);
/* `-cpu help`: one line per model. */
void arm_cpu_list(FILE *f);
/* The model's name (as -cpu takes it) and what ELF auxv/cpuinfo report. */
const char *arm_cpu_model_name(CPUState *cs);
uint32_t arm_cpu_hwcap(CPUState *cs);
uint32_t arm_cpu_hwcap2(CPUState *cs);
/* "v7l", "v6l", "v5tejl": the suffix of AT_PLATFORM/uname machine ("armv7l"). */
const char *arm_cpu_arch_name(CPUState *cs);

/* -d cpu: registers, CPSR with its flags, and the VFP registers when enabled. */
void arm_cpu_dump_state(CPUState *cs, FILE *f);

/* The whole CPSR; cpsr_write changes only the bits set in mask. */
uint32_t cpsr_read(CPUARMState *env);
void cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask);

/* FPSCR as the guest reads it (VMRS) and writes it (VMSR), rounding and flushing included. */
uint32_t vfp_get_fpscr(CPUARMState *env);
void vfp_set_fpscr(CPUARMState *env, uint32_t val);

/* s<n> (0 .. 63 map to the halves of d0-d31) for signal frames and tests. */
static inline uint32_t *arm_vfp_sreg(CPUARMState *env, unsigned n)
{
    return (uint32_t *)&env->vfp.d[n >> 1] + (n & 1);
}

/* ---- gdbstub -------------------------------------------------------------- */

/*
 * Register numbers follow GDB's ARM target descriptions: 0-15 r0-pc, 25
 * cpsr (org.gnu.gdb.arm.core); then 26-57 d0-d31 and 58 fpscr
 * (org.gnu.gdb.arm.vfp).  Both return the bytes used (0: no such register).
 */
int arm_cpu_gdb_read_register(CPUState *cs, uint8_t *buf, int n);
int arm_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n);
/* The XML of the feature named ("target.xml", "arm-core.xml", "arm-vfp.xml"), or NULL. */
const char *arm_gdb_get_xml(const char *name);

#endif
