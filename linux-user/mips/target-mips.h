/*
 * target-mips.h — what the linux-user/mips files share: the MIPS-specific
 * syscall handlers (abi.c: flag and number translation, the MIPS-only
 * calls), the errno map the cpu loop applies to every result, and the
 * sigreturn trampoline page.
 */
#ifndef LINUX_USER_MIPS_TARGET_MIPS_H
#define LINUX_USER_MIPS_TARGET_MIPS_H

#include "linux-user/user-internals.h"
#include "target/mips/cpu.h"

#define LU_MIPS_SYSCALLS(X) \
    X(mmap) X(mmap2) X(pipe) X(socket) X(socketpair) X(setsockopt) X(getsockopt) X(accept4) \
    X(fcntl) X(fcntl64) X(ioctl) X(eventfd2) X(inotify_init1) X(timerfd_create) \
    X(set_thread_area) X(cacheflush) X(cachectl) X(sysmips) X(waitpid) X(sync_file_range) \
    X(prctl) X(statfs) X(fstatfs) X(getrlimit) X(setrlimit) X(prlimit64)

#define LU_MIPS_DECLARE_SYSCALL(name) abi_long lu_mips_sys_##name(LuCall *c);
LU_MIPS_SYSCALLS(LU_MIPS_DECLARE_SYSCALL)

/* A host errno (positive) as the MIPS errno number (asm/errno.h). */
int lu_mips_errno(int host_errno);

/*
 * The page the kernel would call the vdso: it holds the sigreturn and
 * rt_sigreturn trampolines (li v0, NR; syscall), mapped read/execute at
 * start-up, so that signal frames need no executable stack.
 */
#if TARGET_ABI_BITS == 64
#define MIPS_SIGPAGE 0xfffffff000ull
#else
#define MIPS_SIGPAGE 0x7fff7000u
#endif
#define MIPS_SIGRETURN_CODE    (MIPS_SIGPAGE + 0)    /* sigreturn (o32 only) */
#define MIPS_RT_SIGRETURN_CODE (MIPS_SIGPAGE + 8)    /* rt_sigreturn */
void lu_mips_write_sigreturn_code(void);

#endif
