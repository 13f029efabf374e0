/*
 * ldt.c — modify_ldt(2) for emu-i386 (syscall 123) and emu-x86_64 (154),
 * as Linux's arch/x86/kernel/ldt.c answers it: func 0 reads the LDT (the
 * entries in use, zero-filled up to bytecount, which is returned; 0 while
 * there is no LDT), func 1 (old mode) and 0x11 write one descriptor from a
 * struct user_desc, func 2 reads the "default LDT" (up to 128 zero bytes),
 * anything else is ENOSYS.  Like the kernel on x86-64, the 64-bit ABI
 * returns the result as a 32-bit int (an error is 0xffffffea in rax).
 *
 * The table is target/i386's x86_user_ldt (seg.h): MOV/POP Sreg, LxS and
 * far transfers index it with TI=1 selectors.  It is allocated at the first
 * write and shared by all threads; a forked child has its copy with the rest
 * of the process's memory.  Writes store a whole descriptor at once (the
 * vCPU threads read it with atomic loads).  Segment registers already
 * holding a rewritten selector keep their cached descriptor.
 */
#include "linux-user/i386/target-x86.h"
#include "target/i386/seg.h"

#include <glib.h>
#include <string.h>

/* What read_default_ldt clears on a 64-bit kernel (the one 32-bit processes meet too). */
#define DEFAULT_LDT_BYTES 128

static abi_long read_ldt(abi_ulong ptr, abi_ulong bytecount)
{
    X86UserLDT *ldt = x86_user_ldt;
    if (!ldt) {
        return 0;
    }
    if (bytecount > X86_LDT_ENTRIES * 8) {
        bytecount = X86_LDT_ENTRIES * 8;
    }
    uint8_t *buf = g_malloc0(bytecount);
    uint32_t n = __atomic_load_n(&ldt->count, __ATOMIC_ACQUIRE);
    for (uint32_t i = 0; i < n && (i + 1) * 8 <= bytecount; i++) {
        uint64_t d = __atomic_load_n(&ldt->desc[i], __ATOMIC_RELAXED);
        for (int b = 0; b < 8; b++) {
            buf[i * 8 + b] = d >> (8 * b);
        }
    }
    abi_long r = lu_copy_to(ptr, buf, bytecount) ? -EFAULT : (abi_long)bytecount;
    g_free(buf);
    return r;
}

bool lu_x86_user_desc_empty(uint32_t base, uint32_t limit, uint32_t fl)
{
    return !base && !limit && ((fl >> UD_CONTENTS_SHIFT) & 3) == 0 &&
           (fl & UD_READ_EXEC_ONLY) && !(fl & UD_SEG_32BIT) && !(fl & UD_LIMIT_IN_PAGES) &&
           (fl & UD_SEG_NOT_PRESENT) && !(fl & UD_USEABLE) && !(fl & UD_LM);
}

uint64_t lu_x86_user_desc_fill(uint32_t base, uint32_t limit, uint32_t fl, bool oldmode)
{
    uint32_t contents = (fl >> UD_CONTENTS_SHIFT) & 3;
    uint32_t type = ((fl & UD_READ_EXEC_ONLY) ? 0 : 2) | contents << 2 | 1;
    uint32_t lo = (limit & 0xffff) | (base & 0xffff) << 16;
    uint32_t hi = ((base >> 16) & 0xff) | type << 8 | 1u << 12 | 3u << 13 |
                  (fl & UD_SEG_NOT_PRESENT ? 0 : 1u << 15) | (limit & 0xf0000) |
                  (fl & UD_USEABLE && !oldmode ? 1u << 20 : 0) |
                  (fl & UD_SEG_32BIT ? 1u << 22 : 0) |
                  (fl & UD_LIMIT_IN_PAGES ? 1u << 23 : 0) | (base & 0xff000000);
    return (uint64_t)hi << 32 | lo;
}

static abi_long write_ldt(abi_ulong ptr, abi_ulong bytecount, bool oldmode)
{
    uint32_t u[4];
    if (bytecount != sizeof(u)) {
        return -EINVAL;
    }
    if (lu_copy_from(u, ptr, sizeof(u))) {
        return -EFAULT;
    }
    uint32_t entry = u[0], base = u[1], limit = u[2], fl = u[3];
    uint32_t contents = (fl >> UD_CONTENTS_SHIFT) & 3;
    if (entry >= X86_LDT_ENTRIES) {
        return -EINVAL;
    }
    if (contents == 3 && (oldmode || !(fl & UD_SEG_NOT_PRESENT))) {
        return -EINVAL;
    }
    uint64_t d = 0;
    if (!(oldmode && !base && !limit) && !lu_x86_user_desc_empty(base, limit, fl)) {
        d = lu_x86_user_desc_fill(base, limit, fl, oldmode);
    }
    static GMutex lock;
    g_mutex_lock(&lock);
    X86UserLDT *ldt = x86_user_ldt;
    if (!ldt) {
        ldt = g_new0(X86UserLDT, 1);
        __atomic_store_n(&x86_user_ldt, ldt, __ATOMIC_RELEASE);
    }
    __atomic_store_n(&ldt->desc[entry], d, __ATOMIC_RELAXED);
    if (entry + 1 > ldt->count) {
        __atomic_store_n(&ldt->count, entry + 1, __ATOMIC_RELEASE);
    }
    g_mutex_unlock(&lock);
    return 0;
}

abi_long lu_x86_sys_modify_ldt(LuCall *c)
{
    abi_ulong ptr = c->a[1], bytecount = c->a[2];
    abi_long r;
    switch ((int)c->a[0]) {
    case 0:
        r = read_ldt(ptr, bytecount);
        break;
    case 1:
        r = write_ldt(ptr, bytecount, true);
        break;
    case 2: {
        static const uint8_t zero[DEFAULT_LDT_BYTES];
        if (bytecount > DEFAULT_LDT_BYTES) {
            bytecount = DEFAULT_LDT_BYTES;
        }
        r = lu_copy_to(ptr, zero, bytecount) ? -EFAULT : (abi_long)bytecount;
        break;
    }
    case 0x11:
        r = write_ldt(ptr, bytecount, false);
        break;
    default:
        r = -ENOSYS;
        break;
    }
#ifdef TARGET_X86_64
    /* the kernel's (unsigned int) cast: the ABI's result is an int */
    r = (abi_long)(uint32_t)r;
#endif
    return r;
}
