/*
 * uaccess.c — guest memory from the syscall layer.  Every guest pointer a
 * syscall receives is checked against the page flags before the host
 * touches it, so a bad pointer is EFAULT for the guest and never a host
 * SIGSEGV.  For writes, pages that lost their host write permission because
 * translated code sits on them get it back first (page_unprotect), so that
 * host syscalls like read() can store there.
 */
#include "linux-user/user-internals.h"

void *lu_lock(abi_ulong addr, size_t len, bool write)
{
    if (len == 0) {
        return g2h(addr);
    }
    if ((uint64_t)addr + len - 1 > (abi_ulong)-1) {
        return NULL;
    }
    if (!page_check_range(addr, len, write ? PAGE_READ | PAGE_WRITE : PAGE_READ)) {
        return NULL;
    }
    if (write) {
        abi_ulong end = addr + len - 1;
        for (uint64_t a = addr & TARGET_PAGE_MASK; a <= end; a += TARGET_PAGE_SIZE) {
            int f = page_get_flags(a);
            if ((f & PAGE_WRITE_ORG) && !(f & PAGE_WRITE)) {
                page_unprotect(a, 0);
            }
        }
    }
    return g2h(addr);
}

int lu_copy_from(void *dst, abi_ulong src, size_t len)
{
    void *p = lu_lock(src, len, false);
    if (!p) {
        return -EFAULT;
    }
    memcpy(dst, p, len);
    return 0;
}

int lu_copy_to(abi_ulong dst, const void *src, size_t len)
{
    void *p = lu_lock(dst, len, true);
    if (!p) {
        return -EFAULT;
    }
    memcpy(p, src, len);
    return 0;
}

const char *lu_lock_string(abi_ulong addr)
{
    abi_ulong a = addr;
    for (;;) {
        if (!page_check_range(a, 1, PAGE_READ)) {
            return NULL;
        }
        abi_ulong page_end = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        if (memchr(g2h(a), 0, page_end - a)) {
            return g2h(addr);
        }
        if (page_end == 0) {
            return NULL;
        }
        a = page_end;
    }
}

int lu_get_ulong(abi_ulong addr, abi_ulong *v)
{
    abi_ulong t;
    if (lu_copy_from(&t, addr, sizeof(t))) {
        return -EFAULT;
    }
    *v = tswapal(t);
    return 0;
}

int lu_put_ulong(abi_ulong addr, abi_ulong v)
{
    abi_ulong t = tswapal(v);
    return lu_copy_to(addr, &t, sizeof(t));
}

int lu_put_u32(abi_ulong addr, uint32_t v)
{
    uint32_t t = tswap32(v);
    return lu_copy_to(addr, &t, sizeof(t));
}
