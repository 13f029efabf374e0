/*
 * misc_helper.c — the privileged odds and ends of system mode: control and
 * debug registers (with CR4.PCIDE, CR3's PCID and bit 63, CR4.SMEP),
 * INVPCID, MSRs, RDPMC, the TSC on the virtual clock, IN/OUT/INS/OUTS
 * through address_space_io() with IOPL and the TSS I/O bitmap, HLT,
 * CLI/STI, POPF's privilege rules, SWAPGS, SYSCALL/SYSRET, SYSENTER/SYSEXIT.
 *
 * Contract: each helper checks the privilege the SDM asks for (#GP(0) or
 * #UD) before changing anything.  Helpers that change state the translated
 * code depends on (CR0, CR4, EFER, CS, IF) are followed by a return to the
 * loop (emit-sys.c ends the TB).  MTRRs, the other cache-control MSRs and
 * the AMD performance counters read back what was written; unknown MSRs
 * raise #GP(0) as on hardware (Linux probes with rdmsr_safe).  Compiled
 * for system mode only.
 */
#include "seg.h"

#ifdef CONFIG_SOFTMMU

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "helper.h"
#include "hw/i386/x86-intr.h"
#include "xsave.h"

#define INFO(fn, fl, r, n, ...) { .func = (void *)(fn), .name = #fn, .flags = (fl), \
    .ret = (r), .nargs = (n), .args = { __VA_ARGS__ } }
#define T_PTR TCG_CALL_TYPE_PTR
#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_VOID TCG_CALL_TYPE_VOID

static void need_cpl0(CPUArchState *env, uintptr_t ra)
{
    if (x86_cpl(env) != 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
}

static void helper_check_cpl0(CPUArchState *env)
{
    need_cpl0(env, GETPC());
}
const TCGHelperInfo x86_helper_check_cpl0 = INFO(helper_check_cpl0, 0, T_VOID, 1, T_PTR);

/* ---- control registers ------------------------------------------------------------- */

void x86_set_cr0(CPUArchState *env, uint64_t v)
{
    uint64_t old = env->sys.cr[0];
    v |= CR0_ET;
    v &= 0xffffffffull;
    if ((v & CR0_PG) && !(old & CR0_PG) && (env->sys.efer & EFER_LME) &&
        (env->sys.cr[4] & CR4_PAE)) {
        env->sys.efer |= EFER_LMA;
    }
    if (!(v & CR0_PG) && (old & CR0_PG)) {
        env->sys.efer &= ~(uint64_t)EFER_LMA;
    }
    env->sys.cr[0] = v;
    if ((old ^ v) & (CR0_PG | CR0_WP | CR0_PE)) {
        tlb_flush(env_cpu(env));
    }
    if (!(v & CR0_PE)) {
        env->hflags &= ~HF_CPL_MASK;
    }
    x86_update_hflags(env);
    i386_update_xstate_hflags(env);         /* CR0.TS */
}

/*
 * With CR4.PCIDE, CR3[11:0] is the PCID that tags translations, and bit 63
 * of a MOV to CR3 asks to keep the new PCID's cached ones (SDM vol. 3,
 * 4.10.4.1); the bit is never stored.  The soft TLB is not tagged: it only
 * ever holds the current PCID's translations, so a change of PCID flushes
 * it whole (dropping another PCID's entries is always allowed) and only the
 * same PCID with bit 63 keeps it.
 */
void x86_set_cr3(CPUArchState *env, uint64_t v)
{
    bool pcide = env->sys.cr[4] & CR4_PCIDE;
    bool keep = pcide && (v >> 63) && ((v ^ env->sys.cr[3]) & 0xfff) == 0;
    env->sys.cr[3] = pcide ? v & ~(1ull << 63) : v;
    if (!keep) {
        tlb_flush(env_cpu(env));
    }
}

void x86_set_cr4(CPUArchState *env, uint64_t v)
{
    if ((env->sys.cr[4] ^ v) & (CR4_PAE | CR4_PSE | CR4_PGE | CR4_PCIDE | CR4_SMEP)) {
        tlb_flush(env_cpu(env));
    }
    env->sys.cr[4] = v;
    i386_update_xstate_hflags(env);         /* CR4.OSXSAVE */
}

void x86_set_efer(CPUArchState *env, uint64_t v)
{
    uint64_t keep = env->sys.efer & EFER_LMA;
    uint64_t nv = (v & (EFER_SCE | EFER_LME | EFER_NXE)) | keep;
    if ((env->sys.efer ^ nv) & EFER_NXE) {
        tlb_flush(env_cpu(env));
    }
    env->sys.efer = nv;
    x86_update_hflags(env);
}

/* MOV CRn, reg (SDM vol. 2B MOV-Control Registers): #GP(0) for reserved bits that matter. */
static void helper_mov_cr(CPUArchState *env, uint32_t cr, uint64_t v)
{
    uintptr_t ra = GETPC();
    need_cpl0(env, ra);
    switch (cr) {
    case 0:
        if (((v & CR0_PG) && !(v & CR0_PE)) || ((v & CR0_NW) && !(v & CR0_CD))) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        if ((v & CR0_PG) && (env->sys.efer & EFER_LME) && !(env->sys.cr[4] & CR4_PAE)) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        if (!(v & CR0_PG) && (env->sys.cr[4] & CR4_PCIDE)) {
            /* paging cannot be turned off with PCIDs in use */
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        x86_set_cr0(env, v);
        break;
    case 2:
        env->sys.cr[2] = v;
        break;
    case 3:
        x86_set_cr3(env, v);
        break;
    case 4:
        if ((env->sys.efer & EFER_LMA) && !(v & CR4_PAE)) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        if ((v & CR4_PCIDE) && !(env->sys.cr[4] & CR4_PCIDE) &&
            (!(env->features[FEAT_1_ECX] & CPUID_EXT_PCID) || !(env->sys.efer & EFER_LMA) ||
             (env->sys.cr[3] & 0xfff))) {
            /* PCIDE: a CPUID feature, IA-32e mode only, and set only while the PCID is 0 */
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        if ((v & CR4_SMEP) && !(env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_SMEP)) {
            /* a reserved bit without the CPUID feature */
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        x86_set_cr4(env, v);
        break;
    case 8:
        if (env->intr_ops && env->intr_ops->set_cr8) {
            env->intr_ops->set_cr8(env->intr_opaque, v & 15);
        }
        break;
    default:
        x86_raise_exception_err(env, EXCP06_ILLOP, 0, ra);
    }
}
const TCGHelperInfo x86_helper_mov_cr = INFO(helper_mov_cr, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

static uint64_t helper_read_cr(CPUArchState *env, uint32_t cr)
{
    uintptr_t ra = GETPC();
    need_cpl0(env, ra);
    switch (cr) {
    case 0: case 2: case 3: case 4:
        return env->sys.cr[cr];
    case 8:
        return env->intr_ops && env->intr_ops->get_cr8 ?
               env->intr_ops->get_cr8(env->intr_opaque) : 0;
    default:
        x86_raise_exception_err(env, EXCP06_ILLOP, 0, ra);
    }
}
const TCGHelperInfo x86_helper_read_cr = INFO(helper_read_cr, 0, T_I64, 2, T_PTR, T_I32);

/* MOV DRn: the registers are kept (no hardware breakpoints); bit 31 of cr: read. */
static void helper_mov_dr(CPUArchState *env, uint32_t dr, uint64_t v)
{
    need_cpl0(env, GETPC());
    bool read = dr & 0x80;
    dr &= 7;
    if (dr == 4 || dr == 5) {
        dr += 2;
    }
    if (read) {
        env->regs[(v & 15)] = dr == 6 ? env->sys.dr[6] | 0xffff0ff0u :
                              dr == 7 ? env->sys.dr[7] | 0x400 : env->sys.dr[dr];
        if (!(env->hflags & HF_CODE64)) {
            env->regs[v & 15] = (uint32_t)env->regs[v & 15];
        }
    } else {
        env->sys.dr[dr] = v;
    }
}
const TCGHelperInfo x86_helper_mov_dr = INFO(helper_mov_dr, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

static void helper_lmsw(CPUArchState *env, uint64_t v)
{
    need_cpl0(env, GETPC());
    /* only PE, MP, EM, TS; PE cannot be cleared this way */
    uint64_t cr0 = (env->sys.cr[0] & ~0xeull) | (v & 0xf);
    x86_set_cr0(env, cr0 | (env->sys.cr[0] & CR0_PE));
}
const TCGHelperInfo x86_helper_lmsw = INFO(helper_lmsw, 0, T_VOID, 2, T_PTR, T_I64);

static void helper_clts(CPUArchState *env)
{
    need_cpl0(env, GETPC());
    env->sys.cr[0] &= ~(uint64_t)CR0_TS;
    i386_update_xstate_hflags(env);
}
const TCGHelperInfo x86_helper_clts = INFO(helper_clts, 0, T_VOID, 1, T_PTR);

static void helper_invlpg(CPUArchState *env, uint64_t addr)
{
    need_cpl0(env, GETPC());
    tlb_flush_page(env_cpu(env), addr);
}
const TCGHelperInfo x86_helper_invlpg = INFO(helper_invlpg, 0, T_VOID, 2, T_PTR, T_I64);

/*
 * INVPCID (SDM vol. 2A): the type in a register, a 16-byte descriptor in
 * memory (PCID in bits 11:0, the linear address in the second quadword).
 * Type 0 drops one page, type 1 one PCID's translations (all of the TLB
 * when it is the current PCID: the TLB holds no other), types 2 and 3
 * everything, global pages included.
 */
static void helper_invpcid(CPUArchState *env, uint64_t type, uint64_t addr)
{
    uintptr_t ra = GETPC();
    need_cpl0(env, ra);
    if (type > 3) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint64_t pcid = cpu_ldq_le_data_ra(env, addr, ra);
    uint64_t la = cpu_ldq_le_data_ra(env, addr + 8, ra);
    bool pcide = env->sys.cr[4] & CR4_PCIDE;
    uint64_t cur = pcide ? env->sys.cr[3] & 0xfff : 0;
    if (type <= 1 && (pcid > 0xfff || (!pcide && pcid != 0))) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if (type == 0) {
        if ((int64_t)la >> 47 != 0 && (int64_t)la >> 47 != -1) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        if (pcid == cur) {
            tlb_flush_page(env_cpu(env), la);
        }
    } else if (type >= 2 || pcid == cur) {
        tlb_flush(env_cpu(env));
    }
}
const TCGHelperInfo x86_helper_invpcid = INFO(helper_invpcid, 0, T_VOID, 3, T_PTR, T_I64, T_I64);

/* ---- TSC and MSRs -------------------------------------------------------------------- */

/* A 1 GHz TSC on the virtual clock (stops with the VM, exact under -icount). */
static uint64_t tsc_now(CPUArchState *env)
{
    return (uint64_t)clock_get_ns(EMU_CLOCK_VIRTUAL) + env->sys.tsc_offset;
}

static void helper_rdtscp(CPUArchState *env)
{
    uint64_t t = tsc_now(env);
    env->regs[R_EAX] = (uint32_t)t;
    env->regs[R_EDX] = t >> 32;
    env->regs[R_ECX] = (uint32_t)env->sys.tsc_aux;
}
const TCGHelperInfo x86_helper_rdtscp = INFO(helper_rdtscp, 0, T_VOID, 1, T_PTR);

/* RDTSC in system mode (int_helper.c's helper calls it). */
uint64_t x86_rdtsc(CPUArchState *env)
{
    return tsc_now(env);
}

enum {
    MSR_TSC = 0x10, MSR_APIC_BASE = 0x1b, MSR_FEATURE_CONTROL = 0x3a, MSR_BIOS_SIGN = 0x8b,
    MSR_MTRRCAP = 0xfe, MSR_SYSENTER_CS = 0x174, MSR_SYSENTER_ESP = 0x175,
    MSR_SYSENTER_EIP = 0x176, MSR_MCG_CAP = 0x179, MSR_MCG_STATUS = 0x17a,
    MSR_MISC_ENABLE = 0x1a0, MSR_MTRR_VAR0 = 0x200, MSR_MTRR_FIX64K = 0x250,
    MSR_MTRR_FIX16K = 0x258, MSR_MTRR_FIX4K = 0x268, MSR_PAT = 0x277, MSR_MTRR_DEF = 0x2ff,
    MSR_EFER = 0xc0000080, MSR_STAR = 0xc0000081, MSR_LSTAR = 0xc0000082,
    MSR_CSTAR = 0xc0000083, MSR_FMASK = 0xc0000084, MSR_FSBASE = 0xc0000100,
    MSR_GSBASE = 0xc0000101, MSR_KERNELGSBASE = 0xc0000102, MSR_TSC_AUX = 0xc0000103,
    MSR_AMD_SYSCFG = 0xc0010010, MSR_AMD_HWCR = 0xc0010015,
    MSR_AMD_PERF_LEGACY = 0xc0010000, MSR_AMD_PERF_CORE = 0xc0010200,
};

/*
 * The AMD performance-counter MSRs: PerfEvtSel0-3/PerfCtr0-3 (0xc0010000-7)
 * and the core counters PERF_CTL0-5/PERF_CTR0-5 (0xc0010200-b), as slots of
 * env->sys.amd_perf.  No events are counted: they read 0 after reset and
 * read back what was written, which is what Linux's perf probe checks on an
 * AMD model (it writes a counter and compares; a #GP or a different value
 * prints "Failed to access perfctr msr").
 */
static uint64_t *amd_perf_slot(CPUArchState *env, uint32_t msr)
{
    if (msr >= MSR_AMD_PERF_LEGACY && msr < MSR_AMD_PERF_LEGACY + 8) {
        return &env->sys.amd_perf[msr - MSR_AMD_PERF_LEGACY];
    }
    if (msr >= MSR_AMD_PERF_CORE && msr < MSR_AMD_PERF_CORE + 12) {
        return &env->sys.amd_perf[8 + msr - MSR_AMD_PERF_CORE];
    }
    return NULL;
}

/* The fixed-range MTRR slot of msr (0..10), or -1. */
static int mtrr_fixed_index(uint32_t msr)
{
    if (msr == MSR_MTRR_FIX64K) {
        return 0;
    }
    if (msr == MSR_MTRR_FIX16K || msr == MSR_MTRR_FIX16K + 1) {
        return 1 + msr - MSR_MTRR_FIX16K;
    }
    if (msr >= MSR_MTRR_FIX4K && msr < MSR_MTRR_FIX4K + 8) {
        return 3 + msr - MSR_MTRR_FIX4K;
    }
    return -1;
}

/* The MSR's address in env for the plain read-back ones, else NULL. */
static uint64_t *msr_slot(CPUArchState *env, uint32_t msr)
{
    int fi = mtrr_fixed_index(msr);
    if (fi >= 0) {
        return &env->sys.mtrr_fixed[fi];
    }
    if (msr >= MSR_MTRR_VAR0 && msr < MSR_MTRR_VAR0 + 16) {
        return &env->sys.mtrr_var[msr - MSR_MTRR_VAR0];
    }
    if (amd_perf_slot(env, msr)) {
        return amd_perf_slot(env, msr);
    }
    switch (msr) {
    case MSR_SYSENTER_CS: return &env->sys.sysenter_cs;
    case MSR_SYSENTER_ESP: return &env->sys.sysenter_esp;
    case MSR_SYSENTER_EIP: return &env->sys.sysenter_eip;
    case MSR_MISC_ENABLE: return &env->sys.misc_enable;
    case MSR_PAT: return &env->sys.pat;
    case MSR_MTRR_DEF: return &env->sys.mtrr_deftype;
    case MSR_STAR: return &env->sys.star;
    case MSR_LSTAR: return &env->sys.lstar;
    case MSR_CSTAR: return &env->sys.cstar;
    case MSR_FMASK: return &env->sys.fmask;
    case MSR_KERNELGSBASE: return &env->sys.kernel_gs_base;
    case MSR_TSC_AUX: return &env->sys.tsc_aux;
    case MSR_FSBASE: return &env->segs[R_FS].base;
    case MSR_GSBASE: return &env->segs[R_GS].base;
    default: return NULL;
    }
}

static bool msr_is_long_only(uint32_t msr)
{
    return msr >= MSR_STAR && msr <= MSR_KERNELGSBASE && msr != MSR_STAR;
}

static void helper_rdmsr(CPUArchState *env)
{
    uintptr_t ra = GETPC();
    need_cpl0(env, ra);
    uint32_t msr = (uint32_t)env->regs[R_ECX];
    uint64_t v = 0;
    bool lm = env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_LM;
    uint64_t *slot = msr_slot(env, msr);
    if (slot && (lm || !msr_is_long_only(msr))) {
        v = *slot;
    } else {
        switch (msr) {
        case MSR_TSC:
            v = tsc_now(env);
            break;
        case MSR_APIC_BASE:
            v = env->intr_ops && env->intr_ops->get_apic_base ?
                env->intr_ops->get_apic_base(env->intr_opaque) : 0;
            break;
        case MSR_FEATURE_CONTROL:
        case MSR_BIOS_SIGN:
        case MSR_MCG_CAP:
        case MSR_MCG_STATUS:
        case MSR_AMD_SYSCFG:          /* no MtrrFixDram, no TOM2: Linux reads it on AMD models */
        case MSR_AMD_HWCR:
            v = 0;
            break;
        case MSR_MTRRCAP:
            v = 0x500 | 8;          /* WC, fixed ranges, 8 variable ranges */
            break;
        case MSR_EFER:
            v = env->sys.efer;
            break;
        default:
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
    }
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = v >> 32;
}
const TCGHelperInfo x86_helper_rdmsr = INFO(helper_rdmsr, 0, T_VOID, 1, T_PTR);

/*
 * RDPMC: counter ECX 0-3 is the AMD PerfCtr0-3 MSR (the counters Linux's
 * AMD PMU driver reads back this way); at CPL 0, or any CPL with CR4.PCE.
 */
static void helper_rdpmc(CPUArchState *env)
{
    uintptr_t ra = GETPC();
    uint32_t idx = env->regs[R_ECX];
    if ((x86_cpl(env) != 0 && !(env->sys.cr[4] & CR4_PCE)) || idx > 3) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint64_t v = env->sys.amd_perf[4 + idx] & ((1ull << 48) - 1);
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = v >> 32;
}
const TCGHelperInfo x86_helper_rdpmc = INFO(helper_rdpmc, 0, T_VOID, 1, T_PTR);

static void helper_wrmsr(CPUArchState *env)
{
    uintptr_t ra = GETPC();
    need_cpl0(env, ra);
    uint32_t msr = (uint32_t)env->regs[R_ECX];
    uint64_t v = (uint32_t)env->regs[R_EAX] | env->regs[R_EDX] << 32;
    bool lm = env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_LM;
    uint64_t *slot = msr_slot(env, msr);
    if (slot && (lm || !msr_is_long_only(msr))) {
        if ((msr == MSR_FSBASE || msr == MSR_GSBASE || msr == MSR_KERNELGSBASE ||
             msr == MSR_LSTAR || msr == MSR_CSTAR) &&
            ((int64_t)v >> 47 != 0 && (int64_t)v >> 47 != -1)) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        *slot = v;
        return;
    }
    switch (msr) {
    case MSR_TSC:
        env->sys.tsc_offset = v - (uint64_t)clock_get_ns(EMU_CLOCK_VIRTUAL);
        break;
    case MSR_APIC_BASE:
        if (env->intr_ops && env->intr_ops->set_apic_base &&
            !env->intr_ops->set_apic_base(env->intr_opaque, v)) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        break;
    case MSR_BIOS_SIGN:
    case MSR_MCG_STATUS:
    case MSR_AMD_SYSCFG:
    case MSR_AMD_HWCR:
        break;
    case MSR_EFER: {
        uint64_t allowed = EFER_SCE | EFER_NXE | (lm ? EFER_LME | EFER_LMA : 0);
        if ((v & ~allowed) || (((v ^ env->sys.efer) & EFER_LME) && (env->sys.cr[0] & CR0_PG))) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        x86_set_efer(env, v);
        break;
    }
    default:
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
}
const TCGHelperInfo x86_helper_wrmsr = INFO(helper_wrmsr, 0, T_VOID, 1, T_PTR);

/* ---- I/O ------------------------------------------------------------------------------- */

/* IOPL, then the TSS I/O permission bitmap (SDM vol. 1, 19.5). */
static void check_io(CPUArchState *env, uint32_t port, int size, uintptr_t ra)
{
    if (!(env->hflags & HF_PE)) {
        return;
    }
    int iopl = (env->eflags & IOPL_MASK) >> 12;
    if (!(env->hflags & HF_VM) && x86_cpl(env) <= iopl) {
        return;
    }
    SegmentCache *tr = &env->sys.tr;
    int type = (tr->flags >> DESC_TYPE_SHIFT) & 0xf;
    if ((type & 7) != 1 && (type & 7) != 3) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if (!(type & 8) || tr->limit < 0x67) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t off = x86_ld_kernel(env, tr->base + 0x66, MO_16, ra) + (port >> 3);
    if (off + 1 > tr->limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t bits = x86_ld_kernel(env, tr->base + off, MO_16, ra);
    if ((bits >> (port & 7)) & ((1u << size) - 1)) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
}

static uint32_t io_read(uint32_t port, int size)
{
    uint8_t b[4] = { 0xff, 0xff, 0xff, 0xff };
    address_space_read(address_space_io(), port & 0xffff, b, size);
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void io_write(uint32_t port, uint32_t v, int size)
{
    uint8_t b[4] = { v, v >> 8, v >> 16, v >> 24 };
    address_space_write(address_space_io(), port & 0xffff, b, size);
}

static uint64_t helper_in(CPUArchState *env, uint32_t port, uint32_t ot)
{
    check_io(env, port & 0xffff, 1 << ot, GETPC());
    return io_read(port, 1 << ot);
}
const TCGHelperInfo x86_helper_in = INFO(helper_in, 0, T_I64, 3, T_PTR, T_I32, T_I32);

static void helper_out(CPUArchState *env, uint32_t port, uint32_t v, uint32_t ot)
{
    check_io(env, port & 0xffff, 1 << ot, GETPC());
    io_write(port, v, 1 << ot);
}
const TCGHelperInfo x86_helper_out =
    INFO(helper_out, 0, T_VOID, 4, T_PTR, T_I32, T_I32, T_I32);

/* INS (op 0) / OUTS (op 1) with REP: desc(op, ot, rep | aflag << 2 | seg << 4). */
static void helper_ins_outs(CPUArchState *env, uint32_t desc)
{
    uintptr_t ra = GETPC();
    int out = I386_DESC_OP(desc), ot = I386_DESC_OT(desc);
    uint32_t extra = I386_DESC_EXTRA(desc);
    int rep = extra & 3, aflag = (extra >> 2) & 3, seg = (extra >> 4) & 7;
    uint64_t am = aflag == 3 ? ~0ull : (1ull << (8 << aflag)) - 1, size = 1u << ot;
    int64_t step = env->eflags & DF_MASK ? -(int64_t)size : (int64_t)size;
    uint32_t port = env->regs[R_EDX] & 0xffff;
    bool code64 = env->hflags & HF_CODE64;
    check_io(env, port, size, ra);
    for (;;) {
        if (rep && (env->regs[R_ECX] & am) == 0) {
            return;
        }
        if (out) {
            uint64_t si = env->regs[R_ESI] & am;
            uint64_t a = (code64 && seg < R_FS ? 0 : env->segs[seg].base) + si;
            uint32_t v = cpu_ld_data_ra(env, code64 ? a : (uint32_t)a, ot | MO_LE, ra);
            io_write(port, v, size);
            si = (si + step) & am;
            env->regs[R_ESI] = (env->regs[R_ESI] & ~am) | si;
        } else {
            uint64_t di = env->regs[R_EDI] & am;
            uint64_t a = (code64 ? 0 : env->segs[R_ES].base) + di;
            /* probe the destination first: a faulting store must not lose the port read */
            cpu_st_data_ra(env, code64 ? a : (uint32_t)a, 0, ot | MO_LE, ra);
            cpu_st_data_ra(env, code64 ? a : (uint32_t)a, io_read(port, size), ot | MO_LE, ra);
            di = (di + step) & am;
            env->regs[R_EDI] = (env->regs[R_EDI] & ~am) | di;
        }
        if (aflag == 2) {
            env->regs[R_ESI] = (uint32_t)env->regs[R_ESI];
            env->regs[R_EDI] = (uint32_t)env->regs[R_EDI];
        }
        if (!rep) {
            return;
        }
        uint64_t c = ((env->regs[R_ECX] & am) - 1) & am;
        env->regs[R_ECX] = aflag == 2 ? (uint32_t)c : (env->regs[R_ECX] & ~am) | c;
    }
}
const TCGHelperInfo x86_helper_ins_outs = INFO(helper_ins_outs, 0, T_VOID, 2, T_PTR, T_I32);

/* ---- HLT, CLI/STI, POPF ------------------------------------------------------------------ */

static void helper_hlt(CPUArchState *env, uint64_t next_eip)
{
    CPUState *cs = env_cpu(env);
    need_cpl0(env, GETPC());
    env->eip = next_eip;
    cs->halted = true;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}
const TCGHelperInfo x86_helper_hlt = INFO(helper_hlt, TCG_CALL_NO_WG, T_VOID, 2, T_PTR, T_I64);

/*
 * PAUSE with several CPUs: this CPU is spinning on a lock or flag that
 * another CPU must change, and one thread runs them all in turn, so its turn
 * ends here (SeaBIOS frees its AP lock only for the few instructions between
 * a store and a PAUSE-led retry: without a yield there, no AP ever gets it).
 */
static void helper_pause(CPUArchState *env, uint64_t next_eip)
{
    CPUState *cs = env_cpu(env);
    env->eip = next_eip;
    if (first_cpu && first_cpu->next) {
        cs->exception_index = EXCP_INTERRUPT;
        cpu_loop_exit(cs);
    }
}
const TCGHelperInfo x86_helper_pause = INFO(helper_pause, TCG_CALL_NO_WG, T_VOID, 2, T_PTR, T_I64);

static void helper_cli_sti(CPUArchState *env, uint32_t sti)
{
    if ((env->hflags & HF_PE) && x86_cpl(env) > (int)((env->eflags & IOPL_MASK) >> 12)) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, GETPC());
    }
    if (sti) {
        env->eflags |= IF_MASK;
    } else {
        env->eflags &= ~(uint64_t)IF_MASK;
    }
}
const TCGHelperInfo x86_helper_cli_sti = INFO(helper_cli_sti, 0, T_VOID, 2, T_PTR, T_I32);

static void helper_popf(CPUArchState *env, uint64_t v, uint32_t ot)
{
    if ((env->hflags & HF_VM) && ((env->eflags & IOPL_MASK) >> 12) != 3) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, GETPC());
    }
    i386_set_eflags(env, v, x86_eflags_write_mask(env, ot));
}
const TCGHelperInfo x86_helper_popf = INFO(helper_popf, 0, T_VOID, 3, T_PTR, T_I64, T_I32);

/* ---- fast system calls ------------------------------------------------------------------ */

/* A flat code or stack segment's cached flags (present, S, DPL, type, G, and L or B). */
static uint32_t flat_flags(int dpl, bool code, bool l64)
{
    uint32_t f = DESC_P_MASK | DESC_S_MASK | DESC_G_MASK | DESC_A_MASK | (uint32_t)dpl << DESC_DPL_SHIFT;
    if (code) {
        f |= DESC_CS_MASK | DESC_R_MASK | (l64 ? DESC_L_MASK : DESC_B_MASK);
    } else {
        f |= DESC_W_MASK | DESC_B_MASK;
    }
    return f;
}

static void set_cpl(CPUArchState *env, int cpl)
{
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (uint32_t)cpl << HF_CPL_SHIFT;
}

void x86_syscall(CPUArchState *env)
{
    if (!(env->sys.efer & EFER_SCE)) {
        x86_raise_exception_err(env, EXCP06_ILLOP, 0, 0);
    }
    uint32_t sel = (env->sys.star >> 32) & 0xfffc;
    env->regs[R_ECX] = env->eip;
    env->regs[11] = i386_get_eflags(env) & ~(uint64_t)RF_MASK;
    bool code64 = env->hflags & HF_CODE64;
    set_cpl(env, 0);
    i386_set_eflags(env, i386_get_eflags(env) & ~(env->sys.fmask | RF_MASK), ~0ull);
    x86_set_seg(env, R_SS, sel + 8, 0, 0xffffffff, flat_flags(0, false, false));
    x86_set_seg(env, R_CS, sel, 0, 0xffffffff, flat_flags(0, true, true));
    env->eip = code64 ? env->sys.lstar : env->sys.cstar;
}

static void helper_sysret(CPUArchState *env, uint32_t ot)
{
    uintptr_t ra = GETPC();
    if (!(env->sys.efer & EFER_SCE)) {
        x86_raise_exception_err(env, EXCP06_ILLOP, 0, ra);
    }
    need_cpl0(env, ra);
    uint32_t sel = (env->sys.star >> 48) & 0xffff;
    i386_set_eflags(env, (env->regs[11] & 0x3c7fd7) | 2, ~0ull);
    set_cpl(env, 3);
    if (ot == MO_64) {
        x86_set_seg(env, R_CS, (sel + 16) | 3, 0, 0xffffffff, flat_flags(3, true, true));
        env->eip = env->regs[R_ECX];
    } else {
        x86_set_seg(env, R_CS, sel | 3, 0, 0xffffffff, flat_flags(3, true, false));
        env->eip = (uint32_t)env->regs[R_ECX];
    }
    x86_set_seg(env, R_SS, (sel + 8) | 3, 0, 0xffffffff, flat_flags(3, false, false));
}
const TCGHelperInfo x86_helper_sysret = INFO(helper_sysret, 0, T_VOID, 2, T_PTR, T_I32);

static void helper_sysenter(CPUArchState *env)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sys.sysenter_cs & 0xfffc;
    if (!(env->hflags & HF_PE) || cs == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    bool lma = env->sys.efer & EFER_LMA;
    env->eflags &= ~(uint64_t)(VM_MASK | IF_MASK | RF_MASK);
    set_cpl(env, 0);
    x86_set_seg(env, R_SS, cs + 8, 0, 0xffffffff, flat_flags(0, false, false));
    x86_set_seg(env, R_CS, cs, 0, 0xffffffff, flat_flags(0, true, lma));
    env->regs[R_ESP] = lma ? env->sys.sysenter_esp : (uint32_t)env->sys.sysenter_esp;
    env->eip = lma ? env->sys.sysenter_eip : (uint32_t)env->sys.sysenter_eip;
}
const TCGHelperInfo x86_helper_sysenter = INFO(helper_sysenter, 0, T_VOID, 1, T_PTR);

static void helper_sysexit(CPUArchState *env, uint32_t ot)
{
    uintptr_t ra = GETPC();
    uint32_t cs = env->sys.sysenter_cs & 0xfffc;
    if (!(env->hflags & HF_PE) || cs == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    need_cpl0(env, ra);
    set_cpl(env, 3);
    if (ot == MO_64) {
        x86_set_seg(env, R_CS, (cs + 32) | 3, 0, 0xffffffff, flat_flags(3, true, true));
        x86_set_seg(env, R_SS, (cs + 40) | 3, 0, 0xffffffff, flat_flags(3, false, false));
        env->regs[R_ESP] = env->regs[R_ECX];
        env->eip = env->regs[R_EDX];
    } else {
        x86_set_seg(env, R_CS, (cs + 16) | 3, 0, 0xffffffff, flat_flags(3, true, false));
        x86_set_seg(env, R_SS, (cs + 24) | 3, 0, 0xffffffff, flat_flags(3, false, false));
        env->regs[R_ESP] = (uint32_t)env->regs[R_ECX];
        env->eip = (uint32_t)env->regs[R_EDX];
    }
}
const TCGHelperInfo x86_helper_sysexit = INFO(helper_sysexit, 0, T_VOID, 2, T_PTR, T_I32);

static void helper_swapgs(CPUArchState *env)
{
    need_cpl0(env, GETPC());
    uint64_t t = env->segs[R_GS].base;
    env->segs[R_GS].base = env->sys.kernel_gs_base;
    env->sys.kernel_gs_base = t;
}
const TCGHelperInfo x86_helper_swapgs = INFO(helper_swapgs, 0, T_VOID, 1, T_PTR);

#endif
