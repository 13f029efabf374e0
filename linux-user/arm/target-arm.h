/*
 * target-arm.h — what the linux-user/arm files share: the ARM-private
 * syscalls (0xf0000 + n) and the kuser helper page.
 */
#ifndef LINUX_USER_ARM_TARGET_ARM_H
#define LINUX_USER_ARM_TARGET_ARM_H

#include "linux-user/user-internals.h"
#include "target/arm/cpu.h"

#define ARM_NR_BASE 0xf0000

abi_long lu_arm_sys_breakpoint(LuCall *c);
abi_long lu_arm_sys_cacheflush(LuCall *c);
abi_long lu_arm_sys_set_tls(LuCall *c);
abi_long lu_arm_sys_get_tls(LuCall *c);

/* Where the sigreturn trampolines live in the kuser page: ARM sig, ARM rt, Thumb sig, Thumb rt. */
#define ARM_SIGRETURN_CODE 0xffff0500u
/* Write them (24 bytes: two ARM pairs, two Thumb pairs), little-endian as code always is. */
void lu_arm_write_sigreturn_code(uint8_t *page_at_code);

/* Emulate the kuser helper the guest called (pc in 0xffff0fxx); false: no such helper. */
bool lu_arm_kernel_trap(CPUARMState *env);

#endif
