/*
 * elf.c — x86 process set-up: the CPU (-cpu models of target/i386; emu-i386's
 * CPUs have no long mode), the initial registers (the ELF ABI's: everything
 * zero but sp and ip, flat segments), TLS for clone (CLONE_SETTLS: a
 * struct user_desc on i386, the FS base on x86-64), AT_HWCAP (CPUID.1:EDX,
 * as the kernel's ELF_HWCAP), AT_PLATFORM and uname's machine, and
 * /proc/cpuinfo.  No vDSO is mapped: static and dynamic glibc fall back to
 * INT 0x80 / SYSCALL and to real clock syscalls without AT_SYSINFO(_EHDR).
 */
#include "linux-user/i386/target-x86.h"
#include "target/i386/gdbstub.h"
#include "target/i386/xsave.h"
#include "util/error.h"

#include <stdio.h>

static bool lu_x86_long64(void)
{
    return TARGET_ABI_BITS == 64;
}

CPUState *lu_arch_cpu_create(const char *model, Error **errp)
{
    const X86CPUModel *m = NULL;
    if (model) {
        m = i386_cpu_model_find(model);
        if (!m) {
            error_setg(errp, "unknown CPU model '%s' (-cpu help lists them)", model);
            return NULL;
        }
    }
    CPUState *cpu = &i386_cpu_new(m, lu_x86_long64())->parent;
    gdb_register_cpu_ops(cpu->tcg_ops, &i386_gdb_ops);
    return cpu;
}

void lu_arch_cpu_list(FILE *f)
{
    i386_cpu_list(f);
}

CPUState *lu_arch_cpu_copy(CPUState *parent)
{
    CPUArchState *penv = parent->env_ptr;
    X86CPU *cpu = i386_cpu_new(penv->model, lu_x86_long64());
    cpu->env = *penv;
    return &cpu->parent;
}

void lu_arch_init_regs(CPUState *cpu, const LuImage *img, abi_ulong sp)
{
    CPUArchState *env = cpu->env_ptr;
    for (int i = 0; i < 16; i++) {
        env->regs[i] = 0;
    }
    env->regs[R_ESP] = sp;
    env->eip = img->entry;
}

void lu_arch_clone_regs(CPUState *child, abi_ulong newsp)
{
    CPUArchState *env = child->env_ptr;
    if (newsp) {
        env->regs[R_ESP] = newsp;
    }
    env->regs[R_EAX] = 0;
}

void lu_arch_set_tls(CPUState *cpu, abi_ulong tls)
{
    CPUArchState *env = cpu->env_ptr;
#ifdef TARGET_X86_64
    env->segs[R_FS].base = tls;
    env->segs[R_FS].selector = 0;
#else
    lu_x86_set_thread_area(env, tls, false);
#endif
}

abi_ulong lu_arch_get_sp(CPUState *cpu)
{
    return ((CPUArchState *)cpu->env_ptr)->regs[R_ESP];
}

abi_ulong lu_arch_get_pc(CPUState *cpu)
{
    CPUArchState *env = cpu->env_ptr;
    return env->segs[R_CS].base + env->eip;
}

abi_ulong lu_arch_hwcap(CPUState *cpu)
{
    return ((CPUArchState *)cpu->env_ptr)->features[FEAT_1_EDX];
}

/*
 * AT_MINSIGSTKSZ as a 64-bit kernel computes it once for all its tasks
 * (arch/x86/kernel/signal.c init_sigframe_size): the 64-bit rt_sigframe
 * (440 bytes) and its alignment padding (15), the fpstate (the XSAVE area
 * and FP_XSTATE_MAGIC2, or the 512-byte FXSAVE image, plus the 112-byte
 * i386 header because IA32 emulation is configured) and its padding (63),
 * rounded up to 16.
 */
abi_ulong lu_arch_minsigstksz(CPUState *cpu)
{
    unsigned xs = i386_xsave_size(cpu->env_ptr);
    unsigned fp = (xs ? xs + 4 : 512) + 112;
    return (440 + 15 + fp + 63 + 15) & ~15u;
}

/* AT_HWCAP2 bit 0 is ring3mwait, bit 1 FSGSBASE: neither is offered. */
abi_ulong lu_arch_hwcap2(CPUState *cpu)
{
    return 0;
}

const char *lu_arch_platform(CPUState *cpu)
{
    return TARGET_ABI_BITS == 64 ? "x86_64" : "i686";
}

const char *lu_arch_uname_machine(CPUState *cpu)
{
    return lu_arch_platform(cpu);
}

bool lu_arch_init_memory(Error **errp)
{
    return true;
}

/* /proc/cpuinfo flag names by feature word and bit (the kernel's cpufeatures.h names). */
static const struct {
    FeatureWord w;
    unsigned bit;
    const char *name;
} cpu_flags[] = {
    { FEAT_1_EDX, 0, "fpu" }, { FEAT_1_EDX, 4, "tsc" }, { FEAT_1_EDX, 8, "cx8" },
    { FEAT_1_EDX, 15, "cmov" }, { FEAT_1_EDX, 23, "mmx" }, { FEAT_1_EDX, 24, "fxsr" },
    { FEAT_1_EDX, 25, "sse" }, { FEAT_1_EDX, 26, "sse2" },
    { FEAT_8000_0001_EDX, 11, "syscall" }, { FEAT_8000_0001_EDX, 20, "nx" },
    { FEAT_8000_0001_EDX, 29, "lm" },
    { FEAT_1_ECX, 0, "pni" }, { FEAT_1_ECX, 1, "pclmulqdq" }, { FEAT_1_ECX, 9, "ssse3" },
    { FEAT_1_ECX, 12, "fma" }, { FEAT_1_ECX, 13, "cx16" }, { FEAT_1_ECX, 19, "sse4_1" },
    { FEAT_1_ECX, 20, "sse4_2" }, { FEAT_1_ECX, 22, "movbe" }, { FEAT_1_ECX, 23, "popcnt" },
    { FEAT_1_ECX, 25, "aes" }, { FEAT_1_ECX, 26, "xsave" }, { FEAT_1_ECX, 28, "avx" },
    { FEAT_1_ECX, 31, "hypervisor" },
    { FEAT_8000_0001_ECX, 0, "lahf_lm" }, { FEAT_8000_0001_ECX, 5, "abm" },
    { FEAT_7_0_EBX, 3, "bmi1" }, { FEAT_7_0_EBX, 5, "avx2" }, { FEAT_7_0_EBX, 8, "bmi2" },
    { FEAT_7_0_EBX, 19, "adx" }, { FEAT_7_0_EBX, 29, "sha_ni" },
};

void lu_arch_cpuinfo(FILE *f, CPUState *cpu)
{
    CPUArchState *env = cpu->env_ptr;
    const X86CPUModel *m = env->model;
    fprintf(f, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
            m->vendor, m->family, m->model);
    fprintf(f, "model name\t: %s\nstepping\t: %u\n", m->model_id, m->stepping);
    fprintf(f, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
            m->level);
    for (size_t i = 0; i < ARRAY_SIZE(cpu_flags); i++) {
        if (env->features[cpu_flags[i].w] >> cpu_flags[i].bit & 1) {
            fprintf(f, " %s", cpu_flags[i].name);
        }
    }
    fprintf(f, "\nbogomips\t: 100.00\nclflush size\t: 64\n\n");
}
