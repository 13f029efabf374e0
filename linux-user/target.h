/*
 * target.h — what linux-user needs to know about one guest architecture.
 *
 * The generic layer (the .c files in linux-user/) is compiled once per target binary and
 * never names a target.  Everything that differs per architecture lives in
 * linux-user/<base>/ behind the declarations below:
 *
 *   - <base>/target-abi.h: constants and struct layouts of the guest ABI
 *     (TARGET_ABI_BITS, TARGET_PAGE_BITS, ELF machine, register-pair rule for
 *     64-bit syscall arguments, open() flag values, struct stat64, statfs64,
 *     epoll_event, sigaction), included below through TARGET_BASE_<BASE>;
 *   - <base>/syscall-table.c: lu_syscall_table, the single source of truth
 *     for syscall numbers, names, argument kinds (-strace) and handlers;
 *   - <base>/cpu-loop.c, <base>/signal.c, <base>/elf.c: the functions
 *     declared in this header.
 *
 * See docs/devel/linux-user.md for how to add a target.
 */
#ifndef LINUX_USER_TARGET_H
#define LINUX_USER_TARGET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hw/core/cpu.h"

#if defined(TARGET_BASE_ARM)
#include "linux-user/arm/target-abi.h"
#elif defined(TARGET_BASE_I386)
#include "linux-user/i386/target-abi.h"
#elif defined(TARGET_BASE_MIPS)
#include "linux-user/mips/target-abi.h"
#else
#error "linux-user: no linux-user/<base>/target-abi.h for this target"
#endif

#if TARGET_ABI_BITS == 32
typedef uint32_t abi_ulong;
typedef int32_t abi_long;
#else
typedef uint64_t abi_ulong;
typedef int64_t abi_long;
#endif

typedef struct Error Error;
typedef struct LuImage LuImage;
typedef struct LuSigAction LuSigAction;
typedef struct LuSigInfo LuSigInfo;

/* ---- CPU ------------------------------------------------------------------ */

/* A CPU of the -cpu model (NULL: the target's default); NULL and errp set when unknown. */
CPUState *lu_arch_cpu_create(const char *model, Error **errp);
/* `-cpu help`. */
void lu_arch_cpu_list(FILE *f);
/* A new CPU for a thread: a copy of parent's registers. */
CPUState *lu_arch_cpu_copy(CPUState *parent);
/* Set the registers a fresh process starts with (pc, sp, what the ABI puts in others). */
void lu_arch_init_regs(CPUState *cpu, const LuImage *img, abi_ulong sp);
/* clone(): the child's return value 0 and its new stack pointer (0: keep); the TLS. */
void lu_arch_clone_regs(CPUState *child, abi_ulong newsp);
void lu_arch_set_tls(CPUState *cpu, abi_ulong tls);
/* Run the guest forever: cpu_exec, syscalls, faults, signals. */
void lu_arch_cpu_loop(CPUState *cpu) __attribute__((noreturn));

/* ---- ELF and /proc ----------------------------------------------------------- */

/* AT_HWCAP, AT_HWCAP2, AT_PLATFORM and uname's machine for this CPU. */
abi_ulong lu_arch_hwcap(CPUState *cpu);
abi_ulong lu_arch_hwcap2(CPUState *cpu);
/* AT_MINSIGSTKSZ: the signal frame size the kernel reports; 0: the entry is AT_IGNORE (weak default). */
abi_ulong lu_arch_minsigstksz(CPUState *cpu);
const char *lu_arch_platform(CPUState *cpu);
const char *lu_arch_uname_machine(CPUState *cpu);
/* /proc/cpuinfo as the guest expects it for this model. */
void lu_arch_cpuinfo(FILE *f, CPUState *cpu);
/* Map what the kernel provides in every process (ARM: the kuser helper page). */
bool lu_arch_init_memory(Error **errp);

/* ---- signals -------------------------------------------------------------- */

/*
 * Build the signal frame for sig on the guest stack (or the alternate one) and
 * point the registers at the handler.  rt selects rt_sigframe (SA_SIGINFO).
 * Returns false when the frame cannot be written (the caller forces SIGSEGV).
 */
bool lu_arch_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka, const LuSigInfo *info,
                         uint64_t blocked, bool rt);
/* sigreturn/rt_sigreturn: restore registers and mask from the frame; the syscall's result. */
abi_long lu_arch_sigreturn(CPUState *cpu, bool rt);
/* The guest stack pointer and pc (sigaltstack, fault reports). */
abi_ulong lu_arch_get_sp(CPUState *cpu);
abi_ulong lu_arch_get_pc(CPUState *cpu);

#endif
