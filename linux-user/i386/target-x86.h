/*
 * target-x86.h — what the linux-user/i386 files share: the x86-only
 * syscalls (cpu-loop.c) and the TLS descriptors of set_thread_area.
 */
#ifndef LINUX_USER_I386_TARGET_X86_H
#define LINUX_USER_I386_TARGET_X86_H

#include "linux-user/user-internals.h"
#include "target/i386/cpu.h"

/* struct user_desc: entry_number, base_addr, limit, then this flags word (asm/ldt.h). */
#define UD_SEG_32BIT        (1u << 0)
#define UD_CONTENTS_SHIFT   1
#define UD_READ_EXEC_ONLY   (1u << 3)
#define UD_LIMIT_IN_PAGES   (1u << 4)
#define UD_SEG_NOT_PRESENT  (1u << 5)
#define UD_USEABLE          (1u << 6)
#define UD_LM               (1u << 7)

/* The kernel's LDT_empty for a user_desc (a 64-bit kernel's: lm must be 0 too). (ldt.c) */
bool lu_x86_user_desc_empty(uint32_t base, uint32_t limit, uint32_t fl);
/*
 * The kernel's fill_ldt: the DPL 3, accessed code/data descriptor a
 * user_desc asks for (L never set); modify_ldt's old mode clears AVL. (ldt.c)
 */
uint64_t lu_x86_user_desc_fill(uint32_t base, uint32_t limit, uint32_t fl, bool oldmode);

/* GDT entries 12..14 hold the TLS descriptors of a 32-bit task on a 64-bit kernel. */
#define X86_GDT_TLS_MIN 12
#define X86_GDT_TLS_MAX 14

abi_long lu_x86_sys_waitpid(LuCall *c);
abi_long lu_x86_sys_old_mmap(LuCall *c);
abi_long lu_x86_sys_mmap(LuCall *c);
abi_long lu_x86_sys_socketcall(LuCall *c);
abi_long lu_x86_sys_set_thread_area(LuCall *c);
abi_long lu_x86_sys_get_thread_area(LuCall *c);
abi_long lu_x86_sys_sync_file_range(LuCall *c);
abi_long lu_x86_sys_clone(LuCall *c);
abi_long lu_x86_sys_arch_prctl(LuCall *c);
/* modify_ldt (ldt.c) */
abi_long lu_x86_sys_modify_ldt(LuCall *c);

/*
 * set_thread_area on env: the struct user_desc at guest address udesc.
 * write_back: store the chosen entry number (the syscall does, clone's
 * CLONE_SETTLS does not).  0 or a negative errno.
 */
abi_long lu_x86_set_thread_area(CPUArchState *env, abi_ulong udesc, bool write_back);

#endif
