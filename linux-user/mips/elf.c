/*
 * elf.c — MIPS process set-up: the CPU, the executable's e_flags (n32
 * refused, the 2008 NaN encoding selected) and FP ABI (FR = 1 for FP64),
 * the initial registers, the
 * page with the sigreturn trampolines, the TLS register (UserLocal, read by
 * rdhwr $29), AT_HWCAP/AT_PLATFORM, uname's machine and /proc/cpuinfo.
 */
#include "gdbstub/gdbstub.h"
#include "linux-user/mips/target-mips.h"
#include "util/error.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

/* e_flags bits (the psABI; elf.h has them as EF_MIPS_*). */
#define LU_EF_MIPS_ABI2    0x00000020u     /* n32 */
#define LU_EF_MIPS_FP64    0x00000200u
#define LU_EF_MIPS_NAN2008 0x00000400u

static const char *mips_gdb_xml(CPUState *cpu, const char *annex)
{
    return mips_gdb_get_xml(annex);
}

/* The gdbstub's view of the MIPS CPU (target/mips has the numbering and XML). */
static const GDBCPUOps lu_mips_gdb_ops = {
    .read_register = mips_cpu_gdb_read_register,
    .write_register = mips_cpu_gdb_write_register,
    .get_xml = mips_gdb_xml,
    .max_reg_bytes = 8,
    .watch_before_access = true,
};

CPUState *lu_arch_cpu_create(const char *model, Error **errp)
{
    CPUState *cpu = mips_cpu_create(model, errp);
    if (cpu) {
        gdb_register_cpu_ops(cpu->tcg_ops, &lu_mips_gdb_ops);
    }
    return cpu;
}

void lu_arch_cpu_list(FILE *f)
{
    mips_cpu_list(f);
}

CPUState *lu_arch_cpu_copy(CPUState *parent)
{
    return mips_cpu_copy(parent);
}

/* The executable's e_flags (0 when unreadable: the loader has checked it already). */
static uint32_t exe_e_flags(const LuImage *img)
{
    uint32_t flags = 0;
    FILE *f = img->exe_path ? fopen(img->exe_path, "rb") : NULL;
    if (!f) {
        return 0;
    }
    /* e_flags follows e_entry, e_phoff, e_shoff: at 36 (ELF32) or 48 (ELF64) */
    if (fseek(f, TARGET_ABI_BITS == 64 ? 48 : 36, SEEK_SET) == 0 && fread(&flags, 4, 1, f) == 1) {
        flags = tswap32(flags);
    }
    fclose(f);
    return flags;
}

/*
 * The FP ABI from the executable's PT_MIPS_ABIFLAGS segment (struct
 * mips_elf_abiflags_v0: fp_abi is its byte 7), or 0 when it has none.
 * Toolchains mark -mfp64 objects there (FP ABI 64 or 64A), no longer with
 * EF_MIPS_FP64.
 */
#define LU_PT_MIPS_ABIFLAGS 0x70000003u
#define LU_FP_ABI_64  6
#define LU_FP_ABI_64A 7

static int exe_fp_abi(const LuImage *img)
{
    FILE *f = img->exe_path ? fopen(img->exe_path, "rb") : NULL;
    int fp_abi = 0;
    if (!f) {
        return 0;
    }
    uint64_t phoff = 0;
    uint16_t phentsize = 0, phnum = 0;
    bool ok;
    if (TARGET_ABI_BITS == 64) {
        Elf64_Ehdr eh;
        ok = fread(&eh, sizeof(eh), 1, f) == 1;
        phoff = tswap64(eh.e_phoff);
        phentsize = tswap16(eh.e_phentsize);
        phnum = tswap16(eh.e_phnum);
    } else {
        Elf32_Ehdr eh;
        ok = fread(&eh, sizeof(eh), 1, f) == 1;
        phoff = tswap32(eh.e_phoff);
        phentsize = tswap16(eh.e_phentsize);
        phnum = tswap16(eh.e_phnum);
    }
    for (unsigned i = 0; ok && i < phnum && i < 256; i++) {
        uint32_t type;
        uint64_t off;
        if (fseek(f, (long)(phoff + (uint64_t)i * phentsize), SEEK_SET) != 0) {
            break;
        }
        if (TARGET_ABI_BITS == 64) {
            Elf64_Phdr ph;
            if (fread(&ph, sizeof(ph), 1, f) != 1) {
                break;
            }
            type = tswap32(ph.p_type);
            off = tswap64(ph.p_offset);
        } else {
            Elf32_Phdr ph;
            if (fread(&ph, sizeof(ph), 1, f) != 1) {
                break;
            }
            type = tswap32(ph.p_type);
            off = tswap32(ph.p_offset);
        }
        uint8_t flags[8];
        if (type == LU_PT_MIPS_ABIFLAGS && fseek(f, (long)off, SEEK_SET) == 0 &&
            fread(flags, sizeof(flags), 1, f) == 1) {
            fp_abi = flags[7];
            break;
        }
    }
    fclose(f);
    return fp_abi;
}

void lu_arch_init_regs(CPUState *cpu, const LuImage *img, abi_ulong sp)
{
    CPUMIPSState *env = cpu->env_ptr;
    uint32_t flags = exe_e_flags(img);
    /* n32 is ELFCLASS32 like o32: only this flag tells them apart */
    if (flags & LU_EF_MIPS_ABI2) {
        error_report("%s: n32 executables are not supported (only o32 and n64)", img->exe_path);
        exit(1);
    }
    for (int i = 0; i < 32; i++) {
        env->gpr[i] = 0;
    }
    env->hi = env->lo = 0;
    if (flags & LU_EF_MIPS_NAN2008) {
        /*
         * The models have the legacy encoding fixed; Linux would run such a
         * binary with its FPU emulator (ieee754=emulated): the bits are set
         * outside CTC1's mask, which keeps them from then on.
         */
        env->fcr31 |= FCSR_NAN2008 | FCSR_ABS2008;
        mips_fcsr_set(env, env->fcr31);
        mips_cpu_update_hflags(env);
    }
    /* 64-bit FP registers (Status.FR = 1) for an o32 FP64 program, as Linux sets them */
    int fp_abi = exe_fp_abi(img);
    if (TARGET_ABI_BITS == 32 && mips_feature(env, MIPS_FEATURE_F64) &&
        ((flags & LU_EF_MIPS_FP64) || fp_abi == LU_FP_ABI_64 || fp_abi == LU_FP_ABI_64A)) {
        mips_cpu_set_fr(env, true);
    }
    mips_gpr_set(env, 29, sp);
    /* t9 holds the entry as for any PIC function call */
    mips_gpr_set(env, 25, img->entry);
    env->pc = img->entry;
}

void lu_arch_clone_regs(CPUState *child, abi_ulong newsp)
{
    CPUMIPSState *env = child->env_ptr;
    if (newsp) {
        mips_gpr_set(env, 29, newsp);
    }
    mips_gpr_set(env, 2, 0);
    mips_gpr_set(env, 7, 0);
}

void lu_arch_set_tls(CPUState *cpu, abi_ulong tls)
{
    CPUMIPSState *env = cpu->env_ptr;
    env->cp0.userlocal = mips_feature(env, MIPS_FEATURE_MIPS3) ? tls
                                                               : (uint64_t)(int64_t)(int32_t)tls;
}

/* Linux reports no AT_HWCAP bits for a release 2 CPU (they name R6, MSA, CRC32 ...). */
abi_ulong lu_arch_hwcap(CPUState *cpu)
{
    return 0;
}

abi_ulong lu_arch_hwcap2(CPUState *cpu)
{
    return 0;
}

const char *lu_arch_platform(CPUState *cpu)
{
    return TARGET_ABI_BITS == 64 ? "mips64" : "mips";
}

/* uname -m: "mips" for both byte orders of MIPS32, "mips64" for a 64-bit kernel. */
const char *lu_arch_uname_machine(CPUState *cpu)
{
    return TARGET_ABI_BITS == 64 ? "mips64" : "mips";
}

bool lu_arch_init_memory(Error **errp)
{
    abi_long r = lu_mmap(MIPS_SIGPAGE, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (lu_is_error(r)) {
        error_setg(errp, "cannot map the sigreturn page: %s", strerror(-r));
        return false;
    }
    lu_mips_write_sigreturn_code();
    lu_mprotect(MIPS_SIGPAGE, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    return true;
}

void lu_arch_cpuinfo(FILE *f, CPUState *cpu)
{
    bool is64 = mips_cpu_is_64bit(cpu);
    fprintf(f, "system type\t\t: emu %s\n", TARGET_NAME);
    fprintf(f, "machine\t\t\t: Unknown\n");
    fprintf(f, "processor\t\t: 0\n");
    fprintf(f, "cpu model\t\t: MIPS %s V0.0%s\n", mips_cpu_model_name(cpu),
            mips_cpu_has_fpu(cpu) ? "  FPU V0.0" : "");
    fprintf(f, "BogoMIPS\t\t: 100.00\n");
    fprintf(f, "wait instruction\t: yes\n");
    fprintf(f, "microsecond timers\t: yes\n");
    fprintf(f, "tlb_entries\t\t: 64\n");
    fprintf(f, "extra interrupt vector\t: yes\n");
    fprintf(f, "hardware watchpoint\t: no\n");
    fprintf(f, "isa\t\t\t: mips1 mips2 mips32r1%s%s\n",
            mips_cpu_is_r2(cpu) ? " mips32r2" : "",
            is64 ? (mips_cpu_is_r2(cpu) ? " mips3 mips4 mips5 mips64r1 mips64r2"
                                        : " mips3 mips4 mips5 mips64r1") : "");
    fprintf(f, "ASEs implemented\t:\n");
    fprintf(f, "shadow register sets\t: 1\n");
    fprintf(f, "kscratch registers\t: 0\n");
    fprintf(f, "package\t\t\t: 0\n");
    fprintf(f, "core\t\t\t: 0\n");
    fprintf(f, "VCED exceptions\t\t: not available\n");
    fprintf(f, "VCEI exceptions\t\t: not available\n\n");
}
