/*
 * page-protection.h — user mode: what the guest address space holds, page by
 * page, and the write protection that catches self-modifying code.
 *
 * linux-user records every mapping with page_set_flags() (mmap, mprotect,
 * brk, the loader).  When a TB is translated from a writable page, the host
 * page is made read-only (the page keeps PAGE_WRITE_ORG); a guest store
 * there faults, and linux-user's SIGSEGV handler calls page_unprotect(),
 * which invalidates the page's TBs and gives the write access back:
 *
 *     switch (page_unprotect(guest_addr, host_pc)) {
 *     case 0: deliver SIGSEGV to the guest
 *     case 1: return from the handler: the store is retried
 *     case 2: the running TB was invalidated: page_unprotect_restart(cpu, host_pc)
 *     }
 */
#ifndef EXEC_PAGE_PROTECTION_H
#define EXEC_PAGE_PROTECTION_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cputlb.h"

/* In addition to PAGE_READ/WRITE/EXEC: */
#define PAGE_VALID     0x0008   /* mapped */
#define PAGE_WRITE_ORG 0x0010   /* the guest may write; PAGE_WRITE is off while TBs are on it */
#define PAGE_ANON      0x0020   /* anonymous mapping (informational, for linux-user) */
#define PAGE_RESET     0x0040   /* page_set_flags: replace the flags instead of adding */

/*
 * Set the flags of the guest pages in [start, end): with PAGE_RESET the
 * flags replace the old ones, without it they are ORed in; flags == 0 with
 * PAGE_RESET unmaps.  Pages losing PAGE_VALID or gaining write access drop
 * their TBs.
 */
void page_set_flags(uint64_t start, uint64_t end, int flags);
/* The flags of the page holding addr (0: unmapped). */
int page_get_flags(uint64_t addr);
/* True when every page of [start, start + len) has all the flags in flags. */
bool page_check_range(uint64_t start, uint64_t len, int flags);
/* Write-protect the host pages under the guest page at addr (a TB was translated there). */
void page_protect(uint64_t addr);
/* See above: 0 not ours, 1 unprotected, 2 unprotected and the running TB was invalidated. */
int page_unprotect(uint64_t addr, uintptr_t host_pc);
/*
 * While a C helper accesses guest memory (cpu_ld*_data_ra ...), its retaddr;
 * 0 otherwise.  linux-user's SIGSEGV handler uses it as host_pc when the
 * fault is not in generated code.
 */
extern __thread uintptr_t tcg_user_helper_retaddr;
/*
 * After page_unprotect() returned 2: restore the guest state of the store
 * at host_pc and leave for the loop, which redoes that one instruction in an
 * uncached TB (so that its page is not protected again under it).
 */
void page_unprotect_restart(CPUState *cpu, uintptr_t host_pc) __attribute__((noreturn));
/* Forget every page (tests). */
void page_flags_reset(void);

#endif
