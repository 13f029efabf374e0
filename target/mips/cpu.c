/*
 * cpu.c — the MIPS CPU models, creation and reset, FCSR and FPR access
 * from C, and the hooks the execution layer calls (TB state, precise state
 * restore with the delay-slot flag, faults, -d cpu).
 *
 * Offers what cpu.h declares; needs the translator (translate*.c) and the
 * helpers (op_helper.c, fpu_helper.c).  A model is one row of mips_models:
 * its ISA level and features, PRId, and the FPU's FIR and fixed FCSR bits.
 */
#include "internals.h"

#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

CPU_LAYOUT_CHECK(MIPSCPU);

#define F(x) (1ull << MIPS_FEATURE_##x)
#define ISA_MIPS32    (F(MIPS2) | F(MIPS32))
#define ISA_MIPS32R2  (ISA_MIPS32 | F(MIPS32R2))
#define ISA_MIPS3     (F(MIPS2) | F(MIPS3))
#define ISA_MIPS64    (ISA_MIPS3 | F(MIPS4) | F(MIPS32) | F(MIPS64))
#define ISA_MIPS64R2  (ISA_MIPS64 | F(MIPS32R2) | F(MIPS64R2))

/* FIR of the R2 FPUs: S, D, W, L and 64-bit registers, plus the implementation's PRId bits. */
#define FIR_R2(impl)  (FIR_F64 | FIR_L | FIR_W | FIR_D | FIR_S | (impl))
/* What CTC1 may change: all but NAN2008/ABS2008 (fixed per model) and the reserved bits. */
#define FCSR_RW_R2    0xff83ffffu
#define FCSR_RW_R4000 0xff83ffffu

static const MIPSCPUModel mips_models[] = {
    {
        .name = "4Kc", .desc = "MIPS32 release 1, no FPU",
        .insn_flags = ISA_MIPS32 | F(MIPS4),
        .prid = 0x00018000,
    },
    {
        .name = "24Kf", .desc = "MIPS32 release 2 with a 64-bit FPU (default for mips/mipsel)",
        .insn_flags = ISA_MIPS32R2 | F(MIPS4) | F(FPU) | F(F64),
        .prid = 0x00019300, .fir = FIR_R2(0x9300), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "34Kf", .desc = "MIPS32 release 2 with a 64-bit FPU, multi-threading core",
        .insn_flags = ISA_MIPS32R2 | F(MIPS4) | F(FPU) | F(F64),
        .prid = 0x00019500, .fir = FIR_R2(0x9500), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "74Kf", .desc = "MIPS32 release 2 with a 64-bit FPU, superscalar core",
        .insn_flags = ISA_MIPS32R2 | F(MIPS4) | F(FPU) | F(F64),
        .prid = 0x00019700, .fir = FIR_R2(0x9700), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "P5600",
        .desc = "MIPS32 release 5 core (run as release 2) with IEEE 754-2008 NaNs and ABS/NEG",
        .insn_flags = ISA_MIPS32R2 | F(MIPS4) | F(FPU) | F(F64),
        .prid = 0x0001a800, .fir = FIR_R2(0xa800) | FIR_HAS2008, .fcsr_rw = FCSR_RW_R2,
        .fcsr_fixed = FCSR_NAN2008 | FCSR_ABS2008,
    },
    {
        .name = "5Kc", .desc = "MIPS64 release 1, no FPU",
        .insn_flags = ISA_MIPS64,
        .prid = 0x00018100,
    },
    {
        .name = "5KEf", .desc = "MIPS64 release 2 with FPU (default for mips64el)",
        .insn_flags = ISA_MIPS64R2 | F(FPU) | F(F64),
        .prid = 0x00018900, .fir = FIR_R2(0x8900), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "20Kc", .desc = "MIPS64 release 1 with FPU",
        .insn_flags = ISA_MIPS64 | F(FPU) | F(F64),
        .prid = 0x00018200, .fir = FIR_R2(0x8200), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "MIPS64R2-generic", .desc = "MIPS64 release 2 with FPU",
        .insn_flags = ISA_MIPS64R2 | F(FPU) | F(F64),
        .prid = 0x00010000, .fir = FIR_R2(0x0000), .fcsr_rw = FCSR_RW_R2,
    },
    {
        .name = "R4000", .desc = "MIPS III (64-bit) with FPU",
        .insn_flags = ISA_MIPS3 | F(FPU) | F(F64),
        .prid = 0x00000400, .fir = 0x00000500, .fcsr_rw = FCSR_RW_R4000,
    },
};

#if TARGET_LONG_BITS == 64
#define MIPS_DEFAULT_MODEL "5KEf"
#else
#define MIPS_DEFAULT_MODEL "24Kf"
#endif

static const MIPSCPUModel *mips_model_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(mips_models); i++) {
        if (!g_ascii_strcasecmp(mips_models[i].name, name)) {
            return &mips_models[i];
        }
    }
    return NULL;
}

void mips_cpu_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(mips_models); i++) {
        fprintf(f, "  %-18s %s\n", mips_models[i].name, mips_models[i].desc);
    }
}

const char *mips_cpu_model_name(CPUState *cs)
{
    return mips_cpu(cs)->model->name;
}

bool mips_cpu_has_fpu(CPUState *cs)
{
    return mips_feature(cs->env_ptr, MIPS_FEATURE_FPU);
}

bool mips_cpu_is_64bit(CPUState *cs)
{
    return mips_feature(cs->env_ptr, MIPS_FEATURE_MIPS3);
}

bool mips_cpu_is_r2(CPUState *cs)
{
    return mips_feature(cs->env_ptr, MIPS_FEATURE_MIPS32R2);
}

/* ---- mode bits --------------------------------------------------------------- */

void mips_cpu_update_hflags(CPUMIPSState *env)
{
    uint32_t h = 0;
#if TARGET_LONG_BITS == 64
    if (mips_feature(env, MIPS_FEATURE_MIPS3) && (env->cp0.status & MIPS_ST_UX)) {
        h |= MIPS_HFLAG_64;
    }
#endif
    if (mips_feature(env, MIPS_FEATURE_FPU) && (env->cp0.status & MIPS_ST_CU1)) {
        h |= MIPS_HFLAG_FPU;
    }
    if (env->cp0.status & MIPS_ST_FR) {
        h |= MIPS_HFLAG_FR;
    }
    if (mips_feature(env, MIPS_FEATURE_F64)) {
        h |= MIPS_HFLAG_F64;
    }
    env->hflags = h;
}

void mips_cpu_set_fr(CPUMIPSState *env, bool fr)
{
    if (fr && !mips_feature(env, MIPS_FEATURE_F64)) {
        return;
    }
    env->cp0.status = fr ? env->cp0.status | MIPS_ST_FR : env->cp0.status & ~MIPS_ST_FR;
    mips_cpu_update_hflags(env);
}

/* ---- FCSR and FPRs from C ------------------------------------------------------ */

uint32_t mips_fcsr_get(CPUMIPSState *env)
{
    return env->fcr31;
}

void mips_fcsr_set(CPUMIPSState *env, uint32_t val)
{
    const MIPSCPUModel *m = mips_cpu(env_cpu(env))->model;
    env->fcr31 = (env->fcr31 & ~env->fcr31_rw_mask) | (val & env->fcr31_rw_mask) | m->fcsr_fixed;
    mips_fp_status_update(env);
}

/* FR=0: register n holds 32 bits in the low half of fpr[n]; a double uses the pair. */
uint32_t mips_fpr_get_s(CPUMIPSState *env, unsigned n)
{
    return (uint32_t)env->fpr[n & 31];
}

void mips_fpr_set_s(CPUMIPSState *env, unsigned n, uint32_t v)
{
    n &= 31;
    env->fpr[n] = (env->fpr[n] & 0xffffffff00000000ull) | v;
}

uint64_t mips_fpr_get_d(CPUMIPSState *env, unsigned n)
{
    n &= 31;
    if (env->cp0.status & MIPS_ST_FR) {
        return env->fpr[n];
    }
    n &= ~1u;
    return (uint64_t)(uint32_t)env->fpr[n + 1] << 32 | (uint32_t)env->fpr[n];
}

void mips_fpr_set_d(CPUMIPSState *env, unsigned n, uint64_t v)
{
    n &= 31;
    if (env->cp0.status & MIPS_ST_FR) {
        env->fpr[n] = v;
        return;
    }
    n &= ~1u;
    mips_fpr_set_s(env, n, (uint32_t)v);
    mips_fpr_set_s(env, n + 1, (uint32_t)(v >> 32));
}

/* ---- creation and reset ------------------------------------------------------ */

void mips_cpu_reset(CPUState *cs)
{
    MIPSCPU *cpu = mips_cpu(cs);
    CPUMIPSState *env = &cpu->env;
    const MIPSCPUModel *m = cpu->model;

    memset(env, 0, sizeof(*env));
    env->insn_flags = m->insn_flags;
    env->lladdr = UINT64_MAX;
    env->cp0.prid = m->prid;
    env->cp0.hwrena = 0x2000000fu;      /* RDHWR 0-3 and 29, as Linux enables them */
    env->fcr0 = m->fir;
    env->fcr31_rw_mask = m->fcsr_rw;
    env->cp0.status = MIPS_ST_KSU_USER;
    if (mips_feature(env, MIPS_FEATURE_FPU)) {
        env->cp0.status |= MIPS_ST_CU1;
    }
#if TARGET_LONG_BITS == 64
    /* n64: 64-bit addressing and operations, 32 64-bit FPRs */
    env->cp0.status |= MIPS_ST_UX | MIPS_ST_FR;
#endif
    env->fcr31 = m->fcsr_fixed;
    float_status_init(&env->fp_status, &float_nan_rules_mips_legacy);
    mips_fp_status_update(env);
    mips_cpu_update_hflags(env);
}

static MIPSCPU *mips_cpu_new(const MIPSCPUModel *m)
{
    MIPSCPU *cpu = g_new0(MIPSCPU, 1);
    cpu->model = m;
    tcg_cpu_init(&cpu->parent, &mips_tcg_ops, &cpu->env);
    mips_cpu_reset(&cpu->parent);
    return cpu;
}

CPUState *mips_cpu_create(const char *model, Error **errp)
{
    const MIPSCPUModel *m = mips_model_find(model ? model : MIPS_DEFAULT_MODEL);
    if (!m) {
        error_setg(errp, "unknown CPU model '%s' (-cpu help lists them)", model);
        return NULL;
    }
#if TARGET_LONG_BITS == 64
    if (!(m->insn_flags & F(MIPS3))) {
        error_setg(errp, "CPU model '%s' is 32-bit; this emulator runs 64-bit programs", model);
        return NULL;
    }
#endif
    return &mips_cpu_new(m)->parent;
}

CPUState *mips_cpu_copy(CPUState *src)
{
    MIPSCPU *s = mips_cpu(src);
    MIPSCPU *d = mips_cpu_new(s->model);
    d->env = s->env;
    d->env.lladdr = UINT64_MAX;
    return &d->parent;
}

/* ---- hooks of the execution layer -------------------------------------------- */

static void mips_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    CPUMIPSState *env = cs->env_ptr;
    *pc = env->pc;
    *cs_base = 0;
    *flags = env->hflags;
}

static void mips_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    cs->env_ptr->pc = tb->pc;
}

/* insn_start words: pc, and 1 for a branch (a fault under it came from its delay slot). */
static void mips_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                      const uint64_t *data)
{
    CPUMIPSState *env = cs->env_ptr;
    env->pc = data[0];
    env->exception.in_delay_slot = data[1] != 0;
    if (data[1]) {
        env->cp0.cause |= MIPS_CAUSE_BD;
    } else {
        env->cp0.cause &= ~MIPS_CAUSE_BD;
    }
}

/* A kernel-segment address from user mode (MIPS32: bit 31; MIPS64: beyond the user segment). */
static bool mips_is_kernel_address(uint64_t addr)
{
#if TARGET_LONG_BITS == 64
    return addr >> 62 != 0;
#else
    return (uint32_t)addr >= 0x80000000u;
#endif
}

static bool mips_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                          int mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUMIPSState *env = cs->env_ptr;
    if (probe) {
        return false;
    }
    /*
     * User mode (the only caller so far): the access faulted on the host.
     * A kernel address is an Address Error; else a TLB refill (nothing
     * mapped) or a TLB invalid/modified fault (mapped, wrong permission).
     */
    env->exception.vaddress = addr;
    env->cp0.badvaddr = addr;
    env->exception.is_write = access_type == MMU_DATA_STORE;
    if (!retaddr) {
        /*
         * From the translator, at the start of a TB (env->pc): a fetch
         * beyond the first instruction's word can only be its delay slot
         * on the next page, which the hardware reports at the branch.
         */
        env->exception.in_delay_slot = access_type == MMU_INST_FETCH && addr != env->pc;
    }
    int excp;
    if (mips_is_kernel_address(addr)) {
        env->exception.fault = MIPS_FAULT_KERNEL;
        excp = access_type == MMU_DATA_STORE ? EXCP_ADES : EXCP_ADEL;
    } else {
        env->exception.fault = (page_get_flags(addr) & PAGE_VALID) ? MIPS_FAULT_ACCERR
                                                                   : MIPS_FAULT_MAPERR;
        excp = access_type == MMU_DATA_STORE ? EXCP_TLBS : EXCP_TLBL;
    }
    mips_raise_exception(env, excp, 0, retaddr);
}

static void __attribute__((noreturn)) mips_do_unaligned_access(CPUState *cs, uint64_t addr,
                                                               MMUAccessType access_type,
                                                               int mmu_idx, uintptr_t retaddr)
{
    CPUMIPSState *env = cs->env_ptr;
    env->exception.vaddress = addr;
    env->cp0.badvaddr = addr;
    env->exception.is_write = access_type == MMU_DATA_STORE;
    env->exception.fault = MIPS_FAULT_ALIGN;
    mips_raise_exception(env, access_type == MMU_DATA_STORE ? EXCP_ADES : EXCP_ADEL, 0,
                         retaddr);
}

static int mips_mmu_index(CPUState *cs, bool ifetch)
{
    return 0;
}

/* System mode is not there yet: exceptions have no vector to go to. */
static void mips_do_interrupt(CPUState *cs)
{
}

void mips_cpu_dump_state(CPUState *cs, FILE *f)
{
    CPUMIPSState *env = cs->env_ptr;
    static const char *const names[32] = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
    };
    int w = TARGET_LONG_BITS / 4;
    uint64_t mask = TARGET_LONG_BITS == 64 ? UINT64_MAX : 0xffffffffu;

    fprintf(f, "pc=%0*" G_GINT64_MODIFIER "x hi=%0*" G_GINT64_MODIFIER "x lo=%0*"
            G_GINT64_MODIFIER "x%s\n", w, env->pc & mask, w, env->hi & mask, w, env->lo & mask,
            env->exception.in_delay_slot ? " (delay slot)" : "");
    for (int i = 0; i < 32; i++) {
        fprintf(f, "%-4s %0*" G_GINT64_MODIFIER "x%c", names[i], w, env->gpr[i] & mask,
                (i % 4 == 3) ? '\n' : ' ');
    }
    fprintf(f, "Status=%08x Cause=%08x BadVAddr=%0*" G_GINT64_MODIFIER "x UserLocal=%0*"
            G_GINT64_MODIFIER "x\n", env->cp0.status, env->cp0.cause, w,
            env->cp0.badvaddr & mask, w, env->cp0.userlocal & mask);
    if (mips_feature(env, MIPS_FEATURE_FPU)) {
        for (int i = 0; i < 32; i++) {
            fprintf(f, "f%-2d %016" G_GINT64_MODIFIER "x%c", i, env->fpr[i],
                    (i % 4 == 3) ? '\n' : ' ');
        }
        fprintf(f, "FCSR=%08x FIR=%08x FR=%d\n", env->fcr31, env->fcr0,
                (env->cp0.status & MIPS_ST_FR) != 0);
    }
}

/* -d in_asm through capstone: CS_ARCH_MIPS, CS_MODE_MIPS32/64, CS_MODE_BIG_ENDIAN (capstone.h). */
#define MIPS_CS_ARCH 2
#define MIPS_CS_MODE ((TARGET_LONG_BITS == 64 ? 1 << 3 : 1 << 2) | \
                      (TARGET_BIG_ENDIAN ? (int)0x80000000u : 0))

const TCGCPUOps mips_tcg_ops = {
    .env_size = sizeof(CPUMIPSState),
    .page_bits = 12,
    .insn_start_words = MIPS_INSN_START_WORDS,
    .initialize = mips_tcg_initialize,
    .translate_code = mips_translate_code,
    .get_tb_cpu_state = mips_get_tb_cpu_state,
    .synchronize_from_tb = mips_synchronize_from_tb,
    .restore_state_to_opc = mips_restore_state_to_opc,
    .cpu_exec_interrupt = NULL,
    .do_interrupt = mips_do_interrupt,
    .has_work = NULL,
    .tlb_fill = mips_tlb_fill,
    .mmu_index = mips_mmu_index,
    .do_unaligned_access = mips_do_unaligned_access,
    .debug_excp_handler = NULL,
    .dump_state = mips_cpu_dump_state,
    .disas_log = NULL,
    .capstone_arch = MIPS_CS_ARCH,
    .capstone_mode = MIPS_CS_MODE,
};
