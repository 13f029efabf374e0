/*
 * cpu.c — the ARM CPU models, creation and reset, the CPSR as one word, and
 * the hooks the execution layer calls (TB state, precise state restore,
 * faults, -d cpu).
 *
 * Offers what cpu.h declares; needs the translator (translate.c) and the
 * helpers (op_helper.c, vfp_helper.c).  A model is one row of arm_models:
 * its features, ID registers and the ELF hwcaps Linux would report for it.
 */
#include "internals.h"

#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

CPU_LAYOUT_CHECK(ARMCPU);

#define F(x) (1ull << ARM_FEATURE_##x)

/* The common feature sets, each including the previous architecture's. */
#define FEAT_V5TE  (F(V5) | F(V5TE))
#define FEAT_V6K   (FEAT_V5TE | F(V6) | F(V6K))
#define FEAT_V7    (FEAT_V6K | F(V6T2) | F(V7) | F(THUMB2))

#define HWCAP_BASE (ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | \
                    ARM_HWCAP_FAST_MULT | ARM_HWCAP_EDSP)
/* Linux stops advertising SWP on CPUs with the CPUID scheme and LDREXB (elf_hwcap_fixup) */
#define HWCAP_BASE_V7 (HWCAP_BASE & ~ARM_HWCAP_SWP)

struct ARMCPUModel {
    const char *name;          /* -cpu name */
    const char *desc;          /* for -cpu help */
    const char *arch;          /* AT_PLATFORM / uname suffix after "arm" */
    uint64_t features;         /* ARM_FEATURE_* bits */
    uint32_t midr;             /* main ID register (TRM value) */
    uint32_t fpsid, mvfr0, mvfr1;  /* VFP ID registers (TRM values) */
    uint32_t hwcap, hwcap2;    /* what Linux reports in AT_HWCAP/AT_HWCAP2 */
};

static const ARMCPUModel arm_models[] = {
    {
        .name = "arm926", .desc = "ARM926EJ-S: ARMv5TEJ, VFPv2 (Debian armel baseline)",
        .arch = "v5tejl",
        .features = FEAT_V5TE | F(VFP),
        .midr = 0x41069265, .fpsid = 0x41011090,
        .hwcap = HWCAP_BASE | ARM_HWCAP_VFP | ARM_HWCAP_JAVA,
    },
    {
        .name = "arm1136", .desc = "ARM1136JF-S r1: ARMv6K, VFPv2",
        .arch = "v6l",
        .features = FEAT_V6K | F(VFP),
        .midr = 0x4117b363, .fpsid = 0x410120b4, .mvfr0 = 0x11111111,
        .hwcap = HWCAP_BASE | ARM_HWCAP_VFP | ARM_HWCAP_JAVA | ARM_HWCAP_TLS,
    },
    {
        .name = "cortex-a8", .desc = "Cortex-A8: ARMv7-A, VFPv3-D32, NEON",
        .arch = "v7l",
        .features = FEAT_V7 | F(VFP) | F(VFP3) | F(VFP_D32) | F(NEON),
        .midr = 0x410fc080, .fpsid = 0x410330c0, .mvfr0 = 0x11110222, .mvfr1 = 0x00011111,
        .hwcap = HWCAP_BASE_V7 | ARM_HWCAP_VFP | ARM_HWCAP_THUMBEE | ARM_HWCAP_NEON |
                 ARM_HWCAP_VFPv3 | ARM_HWCAP_TLS | ARM_HWCAP_VFPD32,
    },
    {
        .name = "cortex-a15",
        .desc = "Cortex-A15: ARMv7-A, VFPv4-D32, NEON, integer divide, LPAE (default)",
        .arch = "v7l",
        .features = FEAT_V7 | F(VFP) | F(VFP3) | F(VFP4) | F(VFP_D32) | F(NEON) | F(FP16) |
                    F(THUMB_DIV) | F(ARM_DIV) | F(LPAE),
        .midr = 0x412fc0f1, .fpsid = 0x410430f0, .mvfr0 = 0x10110222, .mvfr1 = 0x11111111,
        .hwcap = HWCAP_BASE_V7 | ARM_HWCAP_VFP | ARM_HWCAP_NEON | ARM_HWCAP_VFPv3 |
                 ARM_HWCAP_TLS | ARM_HWCAP_VFPv4 | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT |
                 ARM_HWCAP_VFPD32 | ARM_HWCAP_LPAE,
    },
    {
        .name = "max", .desc = "everything this emulator implements (currently as cortex-a15)",
        .arch = "v7l",
        .features = FEAT_V7 | F(VFP) | F(VFP3) | F(VFP4) | F(VFP_D32) | F(NEON) | F(FP16) |
                    F(THUMB_DIV) | F(ARM_DIV) | F(LPAE),
        .midr = 0x412fc0f1, .fpsid = 0x410430f0, .mvfr0 = 0x10110222, .mvfr1 = 0x11111111,
        .hwcap = HWCAP_BASE_V7 | ARM_HWCAP_VFP | ARM_HWCAP_NEON | ARM_HWCAP_VFPv3 |
                 ARM_HWCAP_TLS | ARM_HWCAP_VFPv4 | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT |
                 ARM_HWCAP_VFPD32 | ARM_HWCAP_LPAE,
    },
};

#define ARM_DEFAULT_MODEL "cortex-a15"

static const ARMCPUModel *arm_model_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(arm_models); i++) {
        if (!strcmp(arm_models[i].name, name)) {
            return &arm_models[i];
        }
    }
    return NULL;
}

void arm_cpu_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(arm_models); i++) {
        fprintf(f, "  %-12s %s\n", arm_models[i].name, arm_models[i].desc);
    }
}

/* ---- CPSR ---------------------------------------------------------------- */

int arm_bank_index(unsigned mode)
{
    switch (mode) {
    case ARM_CPU_MODE_SVC:
        return 1;
    case ARM_CPU_MODE_ABT:
        return 2;
    case ARM_CPU_MODE_UND:
        return 3;
    case ARM_CPU_MODE_IRQ:
        return 4;
    case ARM_CPU_MODE_FIQ:
        return 5;
    default:                       /* USR and SYS share one bank */
        return 0;
    }
}

uint32_t cpsr_read(CPUARMState *env)
{
    uint32_t it = env->condexec_bits;
    return env->uncached_cpsr |
           (env->NF & CPSR_N) |
           (env->ZF == 0 ? CPSR_Z : 0) |
           (env->CF ? CPSR_C : 0) |
           ((env->VF >> 31) ? CPSR_V : 0) |
           (env->QF ? CPSR_Q : 0) |
           ((env->GE & 0xf) << 16) |
           (env->thumb ? CPSR_T : 0) |
           ((it & 3) << 25) | ((it >> 2) << 10);
}

/* Save the registers of the current mode's bank and load mode's (system mode). */
static void switch_mode(CPUARMState *env, unsigned mode)
{
    unsigned old = env->uncached_cpsr & CPSR_M;
    if (old == mode) {
        return;
    }
    if (old == ARM_CPU_MODE_FIQ) {
        memcpy(env->fiq_regs, env->regs + 8, sizeof(env->fiq_regs));
        memcpy(env->regs + 8, env->usr_regs, sizeof(env->usr_regs));
    } else if (mode == ARM_CPU_MODE_FIQ) {
        memcpy(env->usr_regs, env->regs + 8, sizeof(env->usr_regs));
        memcpy(env->regs + 8, env->fiq_regs, sizeof(env->fiq_regs));
    }
    int i = arm_bank_index(old);
    env->banked_r13[i] = env->regs[13];
    env->banked_r14[i] = env->regs[14];
    env->banked_spsr[i] = env->spsr;
    i = arm_bank_index(mode);
    env->regs[13] = env->banked_r13[i];
    env->regs[14] = env->banked_r14[i];
    env->spsr = env->banked_spsr[i];
}

void cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask)
{
    if (mask & CPSR_NZCV) {
        uint32_t m = mask & CPSR_NZCV;
        uint32_t v = (cpsr_read(env) & ~m) | (val & m);
        env->ZF = (~v) & CPSR_Z;
        env->NF = v;
        env->CF = (v >> 29) & 1;
        env->VF = (v << 3) & 0x80000000u;
    }
    if (mask & CPSR_Q) {
        env->QF = (val & CPSR_Q) != 0;
    }
    if (mask & CPSR_GE) {
        env->GE = (env->GE & ~(mask >> 16) & 0xf) | ((val & mask) >> 16 & 0xf);
    }
    if (mask & CPSR_T) {
        env->thumb = (val & CPSR_T) != 0;
    }
    if (mask & CPSR_IT) {
        uint32_t it = env->condexec_bits;
        if (mask & CPSR_IT_0_1) {
            it = (it & ~3u) | ((val >> 25) & 3);
        }
        if (mask & CPSR_IT_2_7) {
            it = (it & 3) | (((val >> 10) & 0x3f) << 2);
        }
        env->condexec_bits = it;
    }
    uint32_t rest = CPSR_M | CPSR_F | CPSR_I | CPSR_A | CPSR_E;
    if ((mask & CPSR_M) && (val & CPSR_M) != (env->uncached_cpsr & CPSR_M)) {
        switch_mode(env, val & CPSR_M);
    }
    rest &= mask;
    env->uncached_cpsr = (env->uncached_cpsr & ~rest) | (val & rest);
    /* the mode field always holds a valid mode: 0x10 is the only way to set bit 4 off */
    env->uncached_cpsr |= 0x10;
}

/* ---- creation and reset ------------------------------------------------ */

const char *arm_cpu_model_name(CPUState *cs)
{
    return arm_cpu(cs)->model->name;
}

uint32_t arm_cpu_hwcap(CPUState *cs)
{
    return arm_cpu(cs)->hwcap;
}

uint32_t arm_cpu_hwcap2(CPUState *cs)
{
    return arm_cpu(cs)->hwcap2;
}

const char *arm_cpu_arch_name(CPUState *cs)
{
    return arm_cpu(cs)->model->arch;
}

void arm_cpu_reset(CPUState *cs)
{
    ARMCPU *cpu = arm_cpu(cs);
    CPUARMState *env = &cpu->env;
    const ARMCPUModel *m = cpu->model;

    memset(env, 0, sizeof(*env));
    env->features = m->features;
    env->vfp.fpsid = m->fpsid;
    env->vfp.mvfr0 = m->mvfr0;
    env->vfp.mvfr1 = m->mvfr1;
    env->exclusive_addr = UINT64_MAX;
#ifdef CONFIG_USER_ONLY
    /* Linux starts a process in USR mode with VFP usable and (BE8) big-endian data on armeb. */
    env->uncached_cpsr = ARM_CPU_MODE_USR | (TARGET_BIG_ENDIAN ? CPSR_E : 0);
    env->vfp.fpexc = ARM_FPEXC_EN;
    env->cp15.cpacr = 0x00f00000;      /* cp10/cp11 full access */
#else
    env->uncached_cpsr = ARM_CPU_MODE_SVC | CPSR_A | CPSR_I | CPSR_F;
    env->cp15.sctlr = 0x00c50078;      /* ARMv7 reset value: MMU, caches, alignment off */
#endif
    env->ZF = 1;                       /* Z clear */
    vfp_set_fpscr(env, 0);
}

static FloatNaNRules arm_dn_rules;

static ARMCPU *arm_cpu_new(const ARMCPUModel *m)
{
    ARMCPU *cpu = g_new0(ARMCPU, 1);
    cpu->model = m;
    cpu->midr = m->midr;
    cpu->hwcap = m->hwcap;
    cpu->hwcap2 = m->hwcap2;
    tcg_cpu_init(&cpu->parent, &arm_tcg_ops, &cpu->env);
    arm_cpu_reset(&cpu->parent);
    return cpu;
}

CPUState *arm_cpu_create(const char *model, Error **errp)
{
    const ARMCPUModel *m = arm_model_find(model ? model : ARM_DEFAULT_MODEL);
    if (!m) {
        error_setg(errp, "unknown CPU model '%s' (-cpu help lists them)", model);
        return NULL;
    }
    return &arm_cpu_new(m)->parent;
}

CPUState *arm_cpu_copy(CPUState *src)
{
    ARMCPU *s = arm_cpu(src);
    ARMCPU *d = arm_cpu_new(s->model);
    d->env = s->env;
    d->env.exclusive_addr = UINT64_MAX;
    return &d->parent;
}

/* The default-NaN rules NEON and FPSCR.DN use: every NaN result is the default NaN. */
const FloatNaNRules *arm_nan_rules_dn(void)
{
    if (!arm_dn_rules.name) {
        FloatNaNRules r = float_nan_rules_arm;
        r.name = "arm-dn";
        r.snan_to_default = true;
        r.qnan_to_default = true;
        arm_dn_rules = r;
    }
    return &arm_dn_rules;
}

/* ---- hooks of the execution layer ---------------------------------------- */

static void arm_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = cs->env_ptr;
    uint32_t f = 0;

    *pc = env->regs[15];
    *cs_base = 0;
    if (env->thumb) {
        f |= ARM_TBFLAG_THUMB;
    }
    f |= (env->condexec_bits & 0xff) << ARM_TBFLAG_CONDEXEC_SHIFT;
    if (env->uncached_cpsr & CPSR_E) {
        f |= ARM_TBFLAG_BE_DATA;
    }
    if (env->vfp.fpexc & ARM_FPEXC_EN) {
        f |= ARM_TBFLAG_VFPEN;
    }
    f |= (env->vfp.vec_len & 7) << ARM_TBFLAG_VECLEN_SHIFT;
    f |= (env->vfp.vec_stride & 3) << ARM_TBFLAG_VECSTRIDE_SHIFT;
    if ((env->uncached_cpsr & CPSR_M) != ARM_CPU_MODE_USR) {
        f |= ARM_TBFLAG_PRIV;
    }
    if (env->cp15.sctlr & 2) {
        f |= ARM_TBFLAG_ALIGN;
    }
    *flags = f;
}

static void arm_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    cs->env_ptr->regs[15] = tb->pc;
}

/* insn_start words: pc, and the ITSTATE of the instruction (Thumb IT blocks). */
static void arm_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                     const uint64_t *data)
{
    CPUARMState *env = cs->env_ptr;
    env->regs[15] = data[0];
    env->condexec_bits = data[1];
}

static bool arm_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                         int mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUARMState *env = cs->env_ptr;
    if (probe) {
        return false;
    }
#ifdef CONFIG_USER_ONLY
    if (access_type == MMU_INST_FETCH && addr >= ARM_KUSER_TRAP_START &&
        addr < ARM_KUSER_PAGE + 0x1000) {
        /* a call into the kuser helpers on a page nobody mapped: linux-user emulates them */
        arm_raise_exception(env, EXCP_KERNEL_TRAP, 0, retaddr);
    }
#endif
    /*
     * User mode (the only caller so far): the access faulted on the host.
     * Nothing mapped is a translation fault, else a permission fault.
     */
    env->exception.vaddress = addr;
    env->exception.is_write = access_type == MMU_DATA_STORE;
    env->exception.fault = (page_get_flags(addr) & PAGE_VALID) ? ARM_FAULT_PERMISSION
                                                               : ARM_FAULT_TRANSLATION;
    arm_raise_exception(env, access_type == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT
                                                           : EXCP_DATA_ABORT, 0, retaddr);
}

static void __attribute__((noreturn)) arm_do_unaligned_access(CPUState *cs, uint64_t addr,
                                                              MMUAccessType access_type,
                                                              int mmu_idx, uintptr_t retaddr)
{
    CPUARMState *env = cs->env_ptr;
    env->exception.vaddress = addr;
    env->exception.is_write = access_type == MMU_DATA_STORE;
    env->exception.fault = ARM_FAULT_ALIGNMENT;
    arm_raise_exception(env, EXCP_DATA_ABORT, 0, retaddr);
}

static int arm_mmu_index(CPUState *cs, bool ifetch)
{
    CPUARMState *env = cs->env_ptr;
    return (env->uncached_cpsr & CPSR_M) == ARM_CPU_MODE_USR ? ARM_MMU_IDX_USER
                                                             : ARM_MMU_IDX_PRIV;
}

/*
 * System mode exception entry (ARM ARM B1.8): bank switch, SPSR, LR with
 * the architecture's offset, vector at 0 or 0xffff0000 (SCTLR.V).  User mode
 * never gets here: its exceptions return from cpu_exec.
 */
static void arm_do_interrupt(CPUState *cs)
{
    CPUARMState *env = cs->env_ptr;
    unsigned mode, vector;
    uint32_t lr_offset, mask = CPSR_A | CPSR_I;

    switch (cs->exception_index) {
    case EXCP_UDEF:
        mode = ARM_CPU_MODE_UND, vector = 0x04, lr_offset = env->thumb ? 2 : 4;
        break;
    case EXCP_SWI:
        mode = ARM_CPU_MODE_SVC, vector = 0x08, lr_offset = env->thumb ? 2 : 4;
        break;
    case EXCP_BKPT:
    case EXCP_PREFETCH_ABORT:
        env->cp15.ifar = env->exception.vaddress;
        mode = ARM_CPU_MODE_ABT, vector = 0x0c, lr_offset = 4;
        break;
    case EXCP_DATA_ABORT:
        env->cp15.dfar = env->exception.vaddress;
        mode = ARM_CPU_MODE_ABT, vector = 0x10, lr_offset = 8;
        break;
    case EXCP_IRQ:
        mode = ARM_CPU_MODE_IRQ, vector = 0x18, lr_offset = 4;
        break;
    case EXCP_FIQ:
        mode = ARM_CPU_MODE_FIQ, vector = 0x1c, lr_offset = 4, mask |= CPSR_F;
        break;
    default:
        /* YIELD/WFI/KERNEL_TRAP have no architectural vector: just continue */
        return;
    }
    /* regs[15]: the faulting instruction, or the next one for IRQ/FIQ (B1.8.3 table) */
    uint32_t ret = env->regs[15] + lr_offset;
    uint32_t old = cpsr_read(env);
    cpsr_write(env, mode, CPSR_M);
    env->spsr = old;
    env->regs[14] = ret;
    env->uncached_cpsr |= mask;
    env->thumb = (env->cp15.sctlr >> 30) & 1;    /* SCTLR.TE */
    env->condexec_bits = 0;
    if (env->cp15.sctlr & (1u << 25)) {
        env->uncached_cpsr |= CPSR_E;
    } else {
        env->uncached_cpsr &= ~CPSR_E;
    }
    env->regs[15] = ((env->cp15.sctlr & (1u << 13)) ? 0xffff0000u : env->cp15.vbar) + vector;
}

void arm_cpu_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = cs->env_ptr;
    uint32_t psr = cpsr_read(env);
    static const char *const modes[16] = {
        [0] = "usr", [1] = "fiq", [2] = "irq", [3] = "svc", [7] = "abt", [11] = "und",
        [15] = "sys",
    };

    for (int i = 0; i < 16; i++) {
        fprintf(f, "R%02d=%08x%c", i, env->regs[i], (i % 4 == 3) ? '\n' : ' ');
    }
    fprintf(f, "PSR=%08x %c%c%c%c %c %s%s\n", psr,
            psr & CPSR_N ? 'N' : '-', psr & CPSR_Z ? 'Z' : '-',
            psr & CPSR_C ? 'C' : '-', psr & CPSR_V ? 'V' : '-',
            psr & CPSR_T ? 'T' : 'A',
            modes[psr & 0xf] ? modes[psr & 0xf] : "inv",
            psr & CPSR_E ? " BE" : "");
    if (arm_feature(env, ARM_FEATURE_VFP) && (env->vfp.fpexc & ARM_FPEXC_EN)) {
        int n = arm_feature(env, ARM_FEATURE_VFP_D32) ? 32 : 16;
        for (int i = 0; i < n; i++) {
            fprintf(f, "D%02d=%016" G_GINT64_MODIFIER "x%c", i, env->vfp.d[i],
                    (i % 3 == 2 || i == n - 1) ? '\n' : ' ');
        }
        fprintf(f, "FPSCR=%08x\n", vfp_get_fpscr(env));
    }
}

const TCGCPUOps arm_tcg_ops = {
    .env_size = sizeof(CPUARMState),
    .page_bits = 12,
    .insn_start_words = 2,
    .initialize = arm_tcg_initialize,
    .translate_code = arm_translate_code,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .synchronize_from_tb = arm_synchronize_from_tb,
    .restore_state_to_opc = arm_restore_state_to_opc,
    .cpu_exec_interrupt = NULL,
    .do_interrupt = arm_do_interrupt,
    .has_work = NULL,
    .tlb_fill = arm_tlb_fill,
    .mmu_index = arm_mmu_index,
    .do_unaligned_access = arm_do_unaligned_access,
    .debug_excp_handler = NULL,
    .dump_state = arm_cpu_dump_state,
    .disas_log = NULL,
    .capstone_arch = -1,
};
