/*
 * cpu.c — the x86 CPU object: the -cpu model table (the single source of
 * truth for CPUID), reset, CPUID answers, and the hooks the execution layer
 * calls (TCGCPUOps).
 *
 *     tcg_exec_init(0, false, &error_fatal);               user mode
 *     X86CPU *cpu = i386_cpu_new(i386_cpu_model_find("Haswell"), true);
 *     cpu->env.eip = entry;  cpu->env.regs[R_ESP] = sp;
 *     int r = cpu_exec(&cpu->parent);                     X86_EXCP_BASE + vector
 *
 * System mode (page walk, interrupt delivery) is not part of this front end
 * yet: tlb_fill only reports faults as #PF.
 */
#include "cpu.h"
#include "xsave.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "exec/cpu-exec.h"
#include "exec/translation-block.h"
#include "seg.h"
#include "x87.h"

CPU_LAYOUT_CHECK(X86CPU);

/* CPUID.1:EDX common to every model since the Pentium Pro (FPU .. CMOV, PAT, CLFLUSH). */
#define PPRO_EDX 0x0000fbffu
#define P3_EDX   (PPRO_EDX | (1u << 16) | CPUID_MMX | CPUID_FXSR | CPUID_SSE)
#define P4_EDX   (P3_EDX | (1u << 17) | (1u << 19) | CPUID_SSE2)
#define LM_EXT2  (CPUID_EXT2_SYSCALL | CPUID_EXT2_NX | CPUID_EXT2_LM)

/*
 * The models.  Feature sets follow the real processors (SDM vol. 2A CPUID);
 * an instruction this front end does not implement raises #UD even when its
 * bit is set (logged under -d unimp), and `max` lists only what it implements.
 */
static const X86CPUModel models[] = {
    {
        .name = "qemu64", .vendor = "AuthenticAMD", .family = 15, .model = 107,
        .stepping = 1, .level = 0xd, .xlevel = 0x80000008,
        .features = {
            [FEAT_1_EDX] = P4_EDX,
            [FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_CX16,
            [FEAT_8000_0001_EDX] = LM_EXT2,
            [FEAT_8000_0001_ECX] = CPUID_EXT3_LAHF_LM,
        },
        .model_id = "emu Virtual CPU version 0.1",
    },
    {
        .name = "pentium3", .vendor = "GenuineIntel", .family = 6, .model = 7,
        .stepping = 3, .level = 3, .xlevel = 0,
        .features = { [FEAT_1_EDX] = P3_EDX },
        .model_id = "",
    },
    {
        .name = "core2duo", .vendor = "GenuineIntel", .family = 6, .model = 15,
        .stepping = 11, .level = 10, .xlevel = 0x80000008,
        .features = {
            [FEAT_1_EDX] = P4_EDX,
            [FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_SSSE3 | CPUID_EXT_CX16,
            [FEAT_8000_0001_EDX] = LM_EXT2,
            [FEAT_8000_0001_ECX] = CPUID_EXT3_LAHF_LM,
        },
        .model_id = "Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz",
    },
    {
        .name = "Haswell", .vendor = "GenuineIntel", .family = 6, .model = 60,
        .stepping = 4, .level = 0xd, .xlevel = 0x80000008,
        .features = {
            [FEAT_1_EDX] = P4_EDX,
            [FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_PCLMUL | CPUID_EXT_SSSE3 |
                           CPUID_EXT_FMA | CPUID_EXT_CX16 | CPUID_EXT_SSE41 |
                           CPUID_EXT_SSE42 | CPUID_EXT_MOVBE | CPUID_EXT_POPCNT |
                           CPUID_EXT_AES | CPUID_EXT_XSAVE | CPUID_EXT_AVX | CPUID_EXT_PCID,
            [FEAT_7_0_EBX] = CPUID_7_0_EBX_BMI1 | CPUID_7_0_EBX_AVX2 | CPUID_7_0_EBX_BMI2 |
                             CPUID_7_0_EBX_INVPCID | CPUID_7_0_EBX_SMEP,
            [FEAT_8000_0001_EDX] = LM_EXT2,
            [FEAT_8000_0001_ECX] = CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM,
        },
        .model_id = "Intel Core Processor (Haswell)",
    },
    {
        .name = "max", .vendor = "GenuineIntel", .family = 6, .model = 60,
        .stepping = 4, .level = 0xd, .xlevel = 0x80000008,
        .features = {
            [FEAT_1_EDX] = P4_EDX,
            [FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_PCLMUL | CPUID_EXT_SSSE3 |
                           CPUID_EXT_CX16 | CPUID_EXT_SSE41 | CPUID_EXT_SSE42 |
                           CPUID_EXT_MOVBE | CPUID_EXT_POPCNT | CPUID_EXT_AES |
                           CPUID_EXT_FMA | CPUID_EXT_XSAVE | CPUID_EXT_AVX | CPUID_EXT_F16C |
                           CPUID_EXT_HYPERVISOR | CPUID_EXT_PCID,
            [FEAT_7_0_EBX] = CPUID_7_0_EBX_BMI1 | CPUID_7_0_EBX_BMI2 | CPUID_7_0_EBX_ADX |
                             CPUID_7_0_EBX_INVPCID | CPUID_7_0_EBX_SMEP |
                             CPUID_7_0_EBX_SHA | CPUID_7_0_EBX_AVX2,
            [FEAT_8000_0001_EDX] = LM_EXT2,
            [FEAT_8000_0001_ECX] = CPUID_EXT3_LAHF_LM | CPUID_EXT3_ABM,
        },
        .model_id = "emu TCG CPU (max)",
    },
};

const X86CPUModel *i386_cpu_model_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(models); i++) {
        if (!strcmp(models[i].name, name)) {
            return &models[i];
        }
    }
    return NULL;
}

void i386_cpu_list(FILE *f)
{
    for (size_t i = 0; i < G_N_ELEMENTS(models); i++) {
        fprintf(f, "%s\n", models[i].name);
    }
}

/* ---- CPUID --------------------------------------------------------------- */

static uint32_t str4(const char *s)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) {
        v = v << 8 | (uint8_t)(s[i] ? s[i] : ' ');
    }
    return v;
}

void i386_cpuid(CPUArchState *env, uint32_t leaf, uint32_t subleaf,
                uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    const X86CPUModel *m = env->model;
    *eax = *ebx = *ecx = *edx = 0;

    if (leaf < 0x80000000 ? leaf > m->level : leaf > m->xlevel) {
        /* Intel: an out-of-range leaf answers as the highest basic one */
        leaf = m->level;
    }
    switch (leaf) {
    case 0:
        *eax = m->level;
        *ebx = str4(m->vendor);
        *edx = str4(m->vendor + 4);
        *ecx = str4(m->vendor + 8);
        break;
    case 1: {
        uint32_t fam = m->family, ext_fam = 0;
        if (fam > 15) {
            ext_fam = fam - 15;
            fam = 15;
        }
        *eax = m->stepping | (m->model & 0xf) << 4 | fam << 8 | (m->model >> 4) << 16 |
               ext_fam << 20;
        *ebx = 8 << 8 | 1 << 16;          /* CLFLUSH line 64 bytes, one logical CPU */
        *ebx |= env->apic_id << 24;       /* system mode: the board's APIC ID */
        *ecx = env->features[FEAT_1_ECX];
        *edx = env->features[FEAT_1_EDX];
        /* CR4.OSXSAVE: Linux sets it when the CPU has XSAVE (user mode) */
#ifdef CONFIG_USER_ONLY
        if (*ecx & CPUID_EXT_XSAVE) {
            *ecx |= CPUID_EXT_OSXSAVE;
        }
#else
        if ((*ecx & CPUID_EXT_XSAVE) && (env->sys.cr[4] & (1u << 18))) {
            *ecx |= CPUID_EXT_OSXSAVE;
        }
#endif
        break;
    }
    case 2:
        /* descriptors: "use leaf 4" (0xff); AL = 1 iteration */
        *eax = 0x00ff0001;
        break;
    case 4: {
        /* deterministic cache parameters: L1d 32K, L1i 32K, L2 256K, L3 8M; 64-byte lines */
        static const struct { uint8_t type, level, ways; uint32_t sets; } c[] = {
            { 1, 1, 8, 64 }, { 2, 1, 8, 64 }, { 3, 2, 4, 1024 }, { 3, 3, 16, 8192 },
        };
        if (subleaf < 4) {
            *eax = c[subleaf].type | c[subleaf].level << 5 | 1 << 8;
            *ebx = 63 | (c[subleaf].ways - 1u) << 22;
            *ecx = c[subleaf].sets - 1;
            *edx = subleaf == 3 ? 2 : 0;         /* the L3 is inclusive */
        }
        break;
    }
    case 7:
        if (subleaf == 0) {
            *ebx = env->features[FEAT_7_0_EBX];
            *ecx = env->features[FEAT_7_0_ECX];
        }
        break;
    case 0xd:
        i386_cpuid_xsave(env, subleaf, eax, ebx, ecx, edx);
        break;
    case 0x80000000:
        *eax = m->xlevel;
        break;
    case 0x80000001:
        *eax = 0;
        *ecx = env->features[FEAT_8000_0001_ECX];
        *edx = env->features[FEAT_8000_0001_EDX];
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
        char id[48] = { 0 };
        strncpy(id, m->model_id, sizeof(id) - 1);
        const char *p = id + (leaf - 0x80000002) * 16;
        uint32_t w[4];
        memcpy(w, p, 16);
        *eax = w[0];
        *ebx = w[1];
        *ecx = w[2];
        *edx = w[3];
        break;
    }
    case 0x80000005:
        /* AMD L1: 32K data and instruction caches, 8-way, 64-byte lines */
        *ecx = 32 << 24 | 8 << 16 | 1 << 8 | 64;
        *edx = 32 << 24 | 8 << 16 | 1 << 8 | 64;
        break;
    case 0x80000006:
        /* L2 256K 8-way (code 6), L3 8M 16-way (code 8) in 512K units, 64-byte lines */
        *ecx = 256 << 16 | 6 << 12 | 1 << 8 | 64;
        *edx = 16 << 18 | 8 << 12 | 1 << 8 | 64;
        break;
    case 0x80000008:
        *eax = 0x3028;                    /* 48 bits virtual, 40 physical */
        break;
    default:
        break;
    }
}

/* ---- state ---------------------------------------------------------------- */

static const int sse_round[4] = {
    float_round_nearest_even, float_round_down, float_round_up, float_round_to_zero,
};

/* MXCSR: flags 0-5, DAZ 6, masks 7-12, RC 13-14, FZ 15 (SDM vol. 1, 10.2.3). */
void i386_set_mxcsr(CPUArchState *env, uint32_t mxcsr)
{
    env->mxcsr = mxcsr;
    env->sse_status.rounding_mode = sse_round[(mxcsr >> 13) & 3];
    env->sse_status.flush_inputs_to_zero = (mxcsr >> 6) & 1;
    env->sse_status.flush_to_zero = (mxcsr >> 15) & 1;
    env->sse_status.flags = 0;
}

uint32_t i386_get_mxcsr(CPUArchState *env)
{
    uint32_t f = env->sse_status.flags, m = 0;
    m |= f & float_flag_invalid ? 0x01 : 0;
    m |= f & float_flag_input_denormal ? 0x02 : 0;
    m |= f & float_flag_divbyzero ? 0x04 : 0;
    m |= f & float_flag_overflow ? 0x08 : 0;
    m |= f & float_flag_underflow ? 0x10 : 0;
    m |= f & (float_flag_inexact | float_flag_output_flushed) ? 0x20 : 0;
    return env->mxcsr | m;
}

/* FPU control word: PC bits 8-9, RC bits 10-11 (SDM vol. 1, 8.1.5). */
void i386_set_fpuc(CPUArchState *env, uint16_t fpuc)
{
    static const FloatX80Precision pc[4] = {
        floatx80_precision_s, floatx80_precision_x, floatx80_precision_d, floatx80_precision_x,
    };
    env->fpuc = fpuc;
    env->fp_status.rounding_mode = sse_round[(fpuc >> 10) & 3];
    env->fp_status.floatx80_precision = pc[(fpuc >> 8) & 3];
}

void i386_cpu_reset(CPUArchState *env, bool long64)
{
    const X86CPUModel *model = env->model;
    uint32_t features[FEAT_NWORDS];
    memcpy(features, env->features, sizeof(features));
    memset(env, 0, offsetof(CPUArchState, model));
    env->model = model;
    memcpy(env->features, features, sizeof(features));

    env->eflags = 2;
    env->cc_op = CC_OP_EFLAGS;
    env->hflags = long64 ? HF_CODE64 | HF_LMA | HF_CS32 | HF_SS32 : HF_CS32 | HF_SS32;
    /* Linux's flat user segments */
    env->segs[R_CS].selector = long64 ? 0x33 : 0x23;
    env->segs[R_SS].selector = env->segs[R_DS].selector = env->segs[R_ES].selector = 0x2b;
    /* Linux's GDT entries 4, 5, 6: flat 32-bit code, data, 64-bit code, all DPL 3 */
    env->gdt[4] = 0x00cffb000000ffffull;
    env->gdt[5] = 0x00cff3000000ffffull;
    env->gdt[6] = 0x00affb000000ffffull;

    float_status_init(&env->fp_status, &float_nan_rules_x87);
    env->fp_status.use_host_fpu = false;
    i386_x87_reset(env);

    float_status_init(&env->sse_status, &float_nan_rules_x86_sse);
    env->sse_status.flush_sets_inexact = true;
    i386_set_mxcsr(env, 0x1f80);
}

/* What i386_get_tb_cpu_state reads, read inline by every goto_ptr lookup (helper_lookup_tb_ptr). */
static const TBStateLayout i386_tb_state_layout = {
    .cs_base = offsetof(CPUArchState, segs[R_CS].base),
    .pc = offsetof(CPUArchState, eip),
    .flags = offsetof(CPUArchState, hflags),
    .pc_adds_cs_base = true,
};

X86CPU *i386_cpu_new(const X86CPUModel *model, bool long64)
{
    X86CPU *cpu = g_new0(X86CPU, 1);
    cpu->env.model = model ? model : &models[0];
    memcpy(cpu->env.features, cpu->env.model->features, sizeof(cpu->env.features));
    if (TARGET_LONG_BITS == 32) {
        /* emu-i386: a 32-bit CPU, as the guest's CPUID must say */
        cpu->env.features[FEAT_8000_0001_EDX] &= ~(uint32_t)CPUID_EXT2_LM;
        long64 = false;
    }
    i386_cpu_reset(&cpu->env, long64);
    tcg_set_tb_state_layout(&i386_tcg_ops, &i386_tb_state_layout);
    tcg_cpu_init(&cpu->parent, &i386_tcg_ops, &cpu->env);
    return cpu;
}

void i386_raise_exception(CPUArchState *env, int excp, uintptr_t retaddr)
{
#ifdef CONFIG_SOFTMMU
    /* system mode: error code 0, the double-fault rules (excp_helper.c) */
    x86_raise_exception_err(env, excp, 0, retaddr);
#endif
    CPUState *cs = env_cpu(env);
    cs->exception_index = X86_EXCP_BASE + excp;
    cpu_loop_exit_restore(cs, retaddr);
}

/* ---- hooks ---------------------------------------------------------------- */

static void i386_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base,
                                  uint32_t *flags)
{
    CPUArchState *env = cs->env_ptr;
    *cs_base = env->segs[R_CS].base;
    *pc = *cs_base + env->eip;
    *flags = env->hflags;
}

static void i386_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    cs->env_ptr->eip = tb->pc - tb->cs_base;
}

/* insn_start words: [0] the pc (cs_base included), [1] the cc_op at the instruction's start. */
static void i386_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                      const uint64_t *data)
{
    CPUArchState *env = cs->env_ptr;
    env->eip = data[0] - tb->cs_base;
    if (data[1] != CC_OP_DYNAMIC) {
        env->cc_op = data[1];
    }
}

/* System mode delivers interrupts (excp_helper.c); user mode returns exceptions to cpu_loop. */
static bool i386_cpu_exec_interrupt(CPUState *cs, uint32_t request)
{
#ifdef CONFIG_SOFTMMU
    return x86_cpu_exec_interrupt(cs, request);
#endif
    return false;
}

static void i386_do_interrupt(CPUState *cs)
{
#ifdef CONFIG_SOFTMMU
    x86_cpu_do_interrupt(cs);
#endif
}

static bool i386_has_work(CPUState *cs)
{
#ifdef CONFIG_SOFTMMU
    return x86_cpu_has_work(cs);
#endif
    return false;
}

static bool i386_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                          int mmu_idx, bool probe, uintptr_t retaddr)
{
#ifdef CONFIG_SOFTMMU
    /* system mode: the page walk (mmu_helper.c) */
    return x86_cpu_tlb_fill(cs, addr, size, access_type, mmu_idx, probe, retaddr);
#endif
    if (probe) {
        return false;
    }
    cs->env_ptr->fault_addr = addr;
    i386_raise_exception(cs->env_ptr, EXCP0E_PAGE, retaddr);
}

static int i386_mmu_index(CPUState *cs, bool ifetch)
{
#ifdef CONFIG_SOFTMMU
    return x86_cpu_mmu_index(cs, ifetch);
#endif
    return 0;
}

static void __attribute__((noreturn)) i386_do_unaligned_access(CPUState *cs, uint64_t addr,
                                                               MMUAccessType access_type,
                                                               int mmu_idx, uintptr_t retaddr)
{
    /* only MOVAPS-style 16-byte alignment checks get here: #GP(0) */
    cs->env_ptr->fault_addr = addr;
    i386_raise_exception(cs->env_ptr, EXCP0D_GPF, retaddr);
}

static void i386_dump_state(CPUState *cs, FILE *f)
{
    static const char *const names[16] = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    CPUArchState *env = cs->env_ptr;
    int n = env->hflags & HF_CODE64 ? 16 : 8;
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s=%016" PRIx64 "%s", names[i], env->regs[i], i % 4 == 3 ? "\n" : " ");
    }
    fprintf(f, "rip=%016" PRIx64 " rfl=%08" PRIx64 " cc_op=%u fs=%" PRIx64 " gs=%" PRIx64 "\n",
            env->eip, i386_get_eflags(env), env->cc_op, env->segs[R_FS].base,
            env->segs[R_GS].base);
#ifdef CONFIG_SOFTMMU
    x86_cpu_dump_state(cs, f);
#endif
}

/* capstone's CS_MODE_64 / CS_MODE_32 for -d in_asm */
#if TARGET_LONG_BITS == 64
#define I386_CS_MODE (1 << 3)
#else
#define I386_CS_MODE (1 << 2)
#endif

const TCGCPUOps i386_tcg_ops = {
    .env_size = sizeof(CPUArchState),
    .page_bits = 12,
    .insn_start_words = 2,
    .initialize = i386_translate_init,
    .translate_code = i386_translate_code,
    .get_tb_cpu_state = i386_get_tb_cpu_state,
    .synchronize_from_tb = i386_synchronize_from_tb,
    .restore_state_to_opc = i386_restore_state_to_opc,
    .cpu_exec_interrupt = i386_cpu_exec_interrupt,
    .do_interrupt = i386_do_interrupt,
    .has_work = i386_has_work,
    .tlb_fill = i386_tlb_fill,
    .mmu_index = i386_mmu_index,
    .do_unaligned_access = i386_do_unaligned_access,
    .debug_excp_handler = NULL,
    .dump_state = i386_dump_state,
    .disas_log = NULL,
    .capstone_arch = 3,                   /* CS_ARCH_X86 */
    .capstone_mode = I386_CS_MODE,
};
