/*
 * elf.c — ARM process set-up: the CPU, its ELF hwcaps and platform, the
 * initial registers, the kuser helper page at 0xffff0000 (the helpers are
 * emulated by cpu-loop.c when the guest jumps there; the page holds the
 * helper version word the guest reads), uname's machine and /proc/cpuinfo.
 */
#include "gdbstub/gdbstub.h"
#include "linux-user/arm/target-arm.h"
#include "util/error.h"

#include <stdio.h>
#include <sys/mman.h>

/* How many kuser helpers exist (kernel_user_helpers.rst: read at 0xffff0ffc). */
#define ARM_KUSER_HELPER_VERSION 5

static const char *arm_gdb_xml(CPUState *cpu, const char *annex)
{
    return arm_gdb_get_xml(annex);
}

/* The gdbstub's view of the ARM CPU (target/arm/gdbstub.c has the numbering and XML). */
static const GDBCPUOps lu_arm_gdb_ops = {
    .read_register = arm_cpu_gdb_read_register,
    .write_register = arm_cpu_gdb_write_register,
    .get_xml = arm_gdb_xml,
    .max_reg_bytes = 12,
};

CPUState *lu_arch_cpu_create(const char *model, Error **errp)
{
    CPUState *cpu = arm_cpu_create(model, errp);
    if (cpu) {
        gdb_register_cpu_ops(cpu->tcg_ops, &lu_arm_gdb_ops);
    }
    return cpu;
}

void lu_arch_cpu_list(FILE *f)
{
    arm_cpu_list(f);
}

CPUState *lu_arch_cpu_copy(CPUState *parent)
{
    return arm_cpu_copy(parent);
}

void lu_arch_init_regs(CPUState *cpu, const LuImage *img, abi_ulong sp)
{
    CPUARMState *env = cpu->env_ptr;
    for (int i = 0; i < 15; i++) {
        env->regs[i] = 0;
    }
    env->regs[13] = sp;
    env->regs[15] = img->entry & ~1u;
    env->thumb = img->entry & 1;
}

void lu_arch_clone_regs(CPUState *child, abi_ulong newsp)
{
    CPUARMState *env = child->env_ptr;
    if (newsp) {
        env->regs[13] = newsp;
    }
    env->regs[0] = 0;
}

void lu_arch_set_tls(CPUState *cpu, abi_ulong tls)
{
    CPUARMState *env = cpu->env_ptr;
    env->cp15.tpidruro = tls;
}

abi_ulong lu_arch_get_sp(CPUState *cpu)
{
    return ((CPUARMState *)cpu->env_ptr)->regs[13];
}

abi_ulong lu_arch_get_pc(CPUState *cpu)
{
    return ((CPUARMState *)cpu->env_ptr)->regs[15];
}

abi_ulong lu_arch_hwcap(CPUState *cpu)
{
    return arm_cpu_hwcap(cpu);
}

abi_ulong lu_arch_hwcap2(CPUState *cpu)
{
    return arm_cpu_hwcap2(cpu);
}

/* "v7l" for little-endian, "v7b" for big-endian data (the kernel's ELF_PLATFORM). */
const char *lu_arch_platform(CPUState *cpu)
{
    static char buf[16];
    snprintf(buf, sizeof(buf), "%s", arm_cpu_arch_name(cpu));
    size_t n = strlen(buf);
    if (TARGET_BIG_ENDIAN && n && buf[n - 1] == 'l') {
        buf[n - 1] = 'b';
    }
    return buf;
}

const char *lu_arch_uname_machine(CPUState *cpu)
{
    static char buf[20];
    snprintf(buf, sizeof(buf), "arm%s", lu_arch_platform(cpu));
    return buf;
}

bool lu_arch_init_memory(Error **errp)
{
    abi_long r = lu_mmap(ARM_KUSER_PAGE, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (lu_is_error(r)) {
        error_setg(errp, "cannot map the kuser helper page: %s", strerror(-r));
        return false;
    }
    lu_put_u32(0xffff0ffc, ARM_KUSER_HELPER_VERSION);
    lu_arm_write_sigreturn_code(g2h(ARM_SIGRETURN_CODE));
    lu_mprotect(ARM_KUSER_PAGE, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    return true;
}

/* Feature names of /proc/cpuinfo, by AT_HWCAP bit (arch/arm/kernel/setup.c order). */
static const char *const hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
    "vfpd32", "lpae", "evtstrm",
};

void lu_arch_cpuinfo(FILE *f, CPUState *cpu)
{
    ARMCPU *ac = arm_cpu(cpu);
    uint32_t hw = arm_cpu_hwcap(cpu);
    fprintf(f, "processor\t: 0\n");
    fprintf(f, "model name\t: ARM%s Processor rev %u (%s)\n",
            arm_feature(&ac->env, ARM_FEATURE_V7) ? "v7" :
            arm_feature(&ac->env, ARM_FEATURE_V6) ? "v6" : "v5",
            ac->midr & 0xf, lu_arch_platform(cpu));
    fprintf(f, "BogoMIPS\t: 100.00\n");
    fprintf(f, "Features\t:");
    for (unsigned i = 0; i < ARRAY_SIZE(hwcap_names); i++) {
        if (hw & (1u << i)) {
            fprintf(f, " %s", hwcap_names[i]);
        }
    }
    fprintf(f, "\nCPU implementer\t: 0x%02x\n", ac->midr >> 24);
    fprintf(f, "CPU architecture: %s\n", arm_feature(&ac->env, ARM_FEATURE_V7) ? "7" : "5TEJ");
    fprintf(f, "CPU variant\t: 0x%x\n", (ac->midr >> 20) & 0xf);
    fprintf(f, "CPU part\t: 0x%03x\n", (ac->midr >> 4) & 0xfff);
    fprintf(f, "CPU revision\t: %u\n\n", ac->midr & 0xf);
    fprintf(f, "Hardware\t: emu %s (%s)\n", TARGET_NAME, arm_cpu_model_name(cpu));
    fprintf(f, "Revision\t: 0000\nSerial\t\t: 0000000000000000\n");
}
