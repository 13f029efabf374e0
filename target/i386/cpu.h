/*
 * cpu.h — the x86 / x86-64 CPU as generated code and helpers see it.
 *
 * Layout (include/hw/core/cpu.h): X86CPU = { CPUState, neg, env }.  env holds
 * the architectural state; the arithmetic flags are lazy: the last
 * flag-setting operation is recorded as cc_op with its operands in
 * cc_dst/cc_src/cc_src2 and the flags are computed only when something reads
 * them (cc_helper.c says what each cc_op keeps where).  env->eflags holds the
 * other bits (DF, IF, ID, AC ...) and never the six arithmetic ones.
 *
 * General registers are 64 bits wide in both targets; 32-bit code writes
 * zero-extended values, so the upper half stays zero.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "fpu/softfloat.h"
#include "hw/core/cpu.h"
#include "util/error.h"

/* Register numbers in ModRM order. */
enum {
    R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
};
/* Segment registers in the order of the Sreg field. */
enum {
    R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, X86_NSEGS,
};

/* EFLAGS bits (Intel SDM vol. 1, 3.4.3). */
#define CC_C   0x0001
#define CC_P   0x0004
#define CC_A   0x0010
#define CC_Z   0x0040
#define CC_S   0x0080
#define CC_O   0x0800
#define CC_ALL (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)
#define TF_MASK 0x0100
#define IF_MASK 0x0200
#define DF_MASK 0x0400
#define AC_MASK 0x40000
#define ID_MASK 0x200000
/* The bits user code may change with POPF (besides the arithmetic ones). */
#define EFLAGS_USER_MASK (DF_MASK | AC_MASK | ID_MASK | TF_MASK)

/*
 * Lazy condition codes.  Per-size kinds come in groups of four (B, W, L, Q)
 * so that `CC_OP_ADDB + size` names the kind of a MO_8..MO_64 operation.
 * What cc_dst/cc_src/cc_src2 hold for each kind is in cc_helper.c.
 */
typedef enum CCOp {
    CC_OP_DYNAMIC,                 /* translator only: env->cc_op holds it */
    CC_OP_EFLAGS,                  /* cc_src holds the six flags themselves */
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL, CC_OP_ADDQ,
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL, CC_OP_ADCQ,
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL, CC_OP_SUBQ,
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL, CC_OP_SBBQ,
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, CC_OP_LOGICQ,
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL, CC_OP_INCQ,
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL, CC_OP_DECQ,
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL, CC_OP_SHLQ,
    CC_OP_SHRB, CC_OP_SHRW, CC_OP_SHRL, CC_OP_SHRQ,
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL, CC_OP_SARQ,
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL, CC_OP_MULQ,
    CC_OP_NB,
} CCOp;

/* hflags: the translation-relevant mode bits (also the TB flags). */
#define HF_CODE64 (1u << 0)        /* 64-bit code segment (CS.L) */
#define HF_CS32   (1u << 1)        /* 32-bit default operand size (CS.D) */
#define HF_SS32   (1u << 2)        /* 32-bit stack (SS.B) */
#define HF_LMA    (1u << 3)        /* long mode active */
/*
 * System mode (docs/devel/target-i386.md, "System mode"): the current
 * privilege level, protected mode, and ADDSEG = the translator must add
 * the DS/ES/SS/CS bases (real mode, 16-bit code, or a non-zero base);
 * FS and GS bases are always added.  User mode never sets these.
 */
#define HF_CPL_SHIFT 8
#define HF_CPL_MASK  (3u << HF_CPL_SHIFT)
#define HF_PE     (1u << 10)       /* CR0.PE */
#define HF_ADDSEG (1u << 11)       /* DS/ES/SS/CS bases may be non-zero */
#define HF_VM     (1u << 12)       /* EFLAGS.VM (virtual-8086 mode) */
/*
 * System mode, kept by i386_update_xstate_hflags (xsave_helper.c) whenever
 * CR0, CR4 or XCR0 change; user mode never sets them.  The exception
 * classes of SDM vol. 2A, 2.8: VEX-encoded AVX #UD, XSAVE/XRSTOR #UD,
 * AVX and XSAVE #NM.
 */
#define HF_AVX_UD   (1u << 13)     /* CR4.OSXSAVE = 0 or XCR0[2:1] != 11b */
#define HF_XSAVE_UD (1u << 14)     /* CR4.OSXSAVE = 0 */
#define HF_TS       (1u << 15)     /* CR0.TS */
/* Legacy x87/MMX/SSE (SDM vol. 3A, 2.5 and 13.1), kept by the same function. */
#define HF_EM       (1u << 16)     /* CR0.EM: x87 and FXSAVE #NM, MMX #UD */
#define HF_MP       (1u << 17)     /* CR0.MP: WAIT #NM with CR0.TS */
#define HF_SSE_UD   (1u << 18)     /* CR0.EM = 1 or CR4.OSFXSR = 0: legacy SSE #UD */

/*
 * Exception vectors (SDM vol. 3, 6.3.1).  cpu->exception_index is
 * X86_EXCP_BASE + vector: in user mode the base puts them above
 * EXCP_INTERRUPT so that cpu_exec returns them to linux-user's cpu_loop
 * instead of delivering them through do_interrupt.
 */
#ifdef CONFIG_USER_ONLY
#define X86_EXCP_BASE 0x10100
#else
#define X86_EXCP_BASE 0
#endif
enum {
    EXCP00_DIVZ = 0,
    EXCP01_DB = 1,
    EXCP02_NMI = 2,
    EXCP03_INT3 = 3,
    EXCP04_INTO = 4,
    EXCP05_BOUND = 5,
    EXCP06_ILLOP = 6,
    EXCP07_PREX = 7,
    EXCP08_DBLE = 8,
    EXCP0A_TSS = 10,
    EXCP0B_NOSEG = 11,
    EXCP0C_STACK = 12,
    EXCP0D_GPF = 13,
    EXCP0E_PAGE = 14,
    EXCP10_COPR = 16,
    EXCP11_ALGN = 17,
    EXCP13_XMM = 19,
    EXCP_SYSCALL = 0x100,          /* user mode: SYSCALL (64-bit), eip after it */
    EXCP_SWINT = 0x101,            /* user mode: INT n (n in env->int_vector), eip after it */
};

/* CPUID feature words and the bits the decoder checks. */
typedef enum FeatureWord {
    FEAT_1_EDX,
    FEAT_1_ECX,
    FEAT_7_0_EBX,
    FEAT_7_0_ECX,
    FEAT_8000_0001_EDX,
    FEAT_8000_0001_ECX,
    FEAT_NWORDS,
} FeatureWord;

#define CPUID_CX8   (1u << 8)
#define CPUID_CMOV  (1u << 15)
#define CPUID_MMX   (1u << 23)
#define CPUID_FXSR  (1u << 24)
#define CPUID_SSE   (1u << 25)
#define CPUID_SSE2  (1u << 26)
#define CPUID_FPU   (1u << 0)
#define CPUID_TSC   (1u << 4)

#define CPUID_EXT_SSE3    (1u << 0)
#define CPUID_EXT_PCLMUL  (1u << 1)
#define CPUID_EXT_SSSE3   (1u << 9)
#define CPUID_EXT_FMA     (1u << 12)
#define CPUID_EXT_CX16    (1u << 13)
#define CPUID_EXT_PCID    (1u << 17)
#define CPUID_EXT_SSE41   (1u << 19)
#define CPUID_EXT_SSE42   (1u << 20)
#define CPUID_EXT_MOVBE   (1u << 22)
#define CPUID_EXT_POPCNT  (1u << 23)
#define CPUID_EXT_AES     (1u << 25)
#define CPUID_EXT_XSAVE   (1u << 26)
#define CPUID_EXT_OSXSAVE (1u << 27)
#define CPUID_EXT_AVX     (1u << 28)
#define CPUID_EXT_F16C    (1u << 29)
#define CPUID_EXT_HYPERVISOR (1u << 31)

#define CPUID_7_0_EBX_BMI1 (1u << 3)
#define CPUID_7_0_EBX_AVX2 (1u << 5)
#define CPUID_7_0_EBX_SMEP (1u << 7)
#define CPUID_7_0_EBX_BMI2 (1u << 8)
#define CPUID_7_0_EBX_INVPCID (1u << 10)
#define CPUID_7_0_EBX_ADX  (1u << 19)
#define CPUID_7_0_EBX_SHA  (1u << 29)

#define CPUID_EXT2_SYSCALL (1u << 11)
#define CPUID_EXT2_NX      (1u << 20)
#define CPUID_EXT2_LM      (1u << 29)

#define CPUID_EXT3_LAHF_LM (1u << 0)
#define CPUID_EXT3_ABM     (1u << 5)   /* LZCNT */

/* One CPU model of the `-cpu` table (cpu.c). */
typedef struct X86CPUModel {
    const char *name;              /* -cpu NAME */
    const char *vendor;            /* 12 characters: GenuineIntel, AuthenticAMD */
    uint32_t family, model, stepping;
    uint32_t level, xlevel;        /* highest basic and extended CPUID leaf */
    uint32_t features[FEAT_NWORDS];
    const char *model_id;          /* the brand string (leaves 0x80000002..4) */
} X86CPUModel;

/*
 * One segment register: in user mode only the base matters (FS/GS for TLS).
 * System mode also keeps the descriptor's limit (bytes - 1, granularity
 * applied) and its flags (the descriptor's high dword & 0x00f0ff00: type,
 * S, DPL, P, AVL, L, D/B, G; see DESC_* in seg.h).
 */
typedef struct SegmentCache {
    uint32_t selector;
    uint64_t base;
    uint32_t limit;
    uint32_t flags;
} SegmentCache;

/* System-mode registers (seg_helper.c, excp_helper.c, mmu_helper.c, misc_helper.c). */
typedef struct X86SysState {
    uint64_t cr[5];                /* CR0, (CR1), CR2, CR3, CR4 */
    uint64_t efer;
    SegmentCache gdt, idt;         /* base and limit only */
    SegmentCache ldt, tr;          /* selector and the cached descriptor */
    uint64_t dr[8];
    uint64_t star, lstar, cstar, fmask, kernel_gs_base, tsc_aux;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t pat, misc_enable, tsc_offset, mtrr_deftype;
    uint64_t mtrr_fixed[11], mtrr_var[16];
    uint64_t amd_perf[20];         /* AMD PerfEvtSel/PerfCtr 0-3, then PERF_CTL/CTR 0-5 */
    uint32_t error_code;           /* of the exception being raised */
    int32_t delivering;            /* vector being delivered (-1 none): #DF, triple fault */
    bool wait_sipi;                /* an AP after RESET/INIT: only a start-up IPI wakes it */
    uint64_t xcr0;                 /* XSETBV (xsave_helper.c); bit 0 reads as 1 */
} X86SysState;

/* An XMM/YMM register; MMX registers alias the x87 significands. */
typedef union X86Reg {
    uint8_t b[32];
    uint16_t w[16];
    uint32_t l[8];
    uint64_t q[4];
    int8_t sb[32];
    int16_t sw[16];
    int32_t sl[8];
    int64_t sq[4];
    float32 f[8];
    float64 d[4];
} X86Reg;

struct CPUArchState {
    uint64_t regs[16];
    uint64_t eip;
    uint64_t eflags;               /* without the six arithmetic flags (see above) */
    uint64_t cc_dst, cc_src, cc_src2;
    uint32_t cc_op;                /* CCOp, never CC_OP_DYNAMIC */
    uint32_t hflags;               /* HF_* */
    SegmentCache segs[X86_NSEGS];

    /* x87: physical registers, top of stack, control/status/tag words */
    floatx80 fpregs[8];
    uint32_t fpstt;
    uint16_t fpuc, fpus;
    uint8_t fptags[8];             /* 1 = empty */
    FloatStatus fp_status;
    floatx80 ft0;                  /* scratch: a memory operand converted for an x87 helper */
    uint16_t fpu_store_hi;         /* scratch: the sign/exponent half of an 80-bit store */

    /* SSE/AVX */
    X86Reg xmm_regs[16];
    X86Reg xmm_t0;                 /* scratch: a memory operand loaded for a helper */
    X86Reg xmm_t1;                 /* scratch: an MMX destination widened for a helper */
    uint32_t mxcsr;
    FloatStatus sse_status;

    X86SysState sys;               /* system mode only (zero in user mode) */

    /* CPUID, after the model and -cpu feature edits */
    const X86CPUModel *model;
    uint32_t features[FEAT_NWORDS];

    /*
     * The descriptor table selectors index (GDT; the LDT is not modelled).
     * User mode: the kernel's flat code/data entries (reset) and the TLS
     * entries linux-user's set_thread_area writes; MOV/POP to a segment
     * register take the base from here.
     */
    uint64_t gdt[32];

    /* user mode: the vector of the last INT n (EXCP_SWINT reports them) */
    int int_vector;
    /* the data address of the last fault (tests, linux-user's si_addr) */
    uint64_t fault_addr;

    /* system mode: the interrupt controller (hw/i386/x86-intr.h), kept across resets */
    const struct X86IntrControllerOps *intr_ops;
    void *intr_opaque;
    uint32_t apic_id;
    uint8_t sipi_vector;
};

typedef struct X86CPU {
    CPUState parent;
    CPUNegativeOffsetState neg;
    CPUArchState env;
} X86CPU;

extern const TCGCPUOps i386_tcg_ops;

/* The CPU model named name, or NULL. */
const X86CPUModel *i386_cpu_model_find(const char *name);
/* Print the model names to f, one a line (-cpu help). */
void i386_cpu_list(FILE *f);
/*
 * Allocate a CPU of model (NULL: the default, qemu64) and register it with
 * the execution layer (tcg_exec_init must have run).  Resets it to user mode:
 * 64-bit code when long64, else 32-bit flat segments.
 */
X86CPU *i386_cpu_new(const X86CPUModel *model, bool long64);
/* Reset the architectural state (registers zero, x87 and SSE defaults). */
void i386_cpu_reset(CPUArchState *env, bool long64);

/* EFLAGS as the guest reads it (lazy flags folded in). */
uint64_t i386_get_eflags(CPUArchState *env);
/* Set EFLAGS; mask says which bits change (e.g. CC_ALL | EFLAGS_USER_MASK). */
void i386_set_eflags(CPUArchState *env, uint64_t value, uint64_t mask);
/* The six arithmetic flags from the lazy state (cc_helper.c). */
uint32_t i386_cc_compute_all(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2);
/* Only CF (cheaper). */
uint32_t i386_cc_compute_c(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2);

/* Set MXCSR and the SSE float status from it; the x87 control word likewise. */
void i386_set_mxcsr(CPUArchState *env, uint32_t mxcsr);
void i386_set_fpuc(CPUArchState *env, uint16_t fpuc);
/* MXCSR with the exception flags accumulated in sse_status folded in. */
uint32_t i386_get_mxcsr(CPUArchState *env);

/* CPUID leaf/subleaf as the model answers it. */
void i386_cpuid(CPUArchState *env, uint32_t leaf, uint32_t subleaf,
                uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

/* Raise exception excp from a helper (retaddr: GETPC() or 0). */
void i386_raise_exception(CPUArchState *env, int excp, uintptr_t retaddr)
    __attribute__((noreturn));

/*
 * System mode (machine-api.c): a CPU of the named model (NULL: the
 * default) in its power-on state; NULL and errp set for an unknown model.
 */
X86CPU *x86_cpu_create(const char *model_name, Error **errp);
/* The power-on / RESET state (real mode at f000:fff0). */
void x86_cpu_reset_power_on(X86CPU *cpu);

/* Translator entry (translate.c) and globals set-up. */
void i386_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns);
void i386_translate_init(void);

#endif
