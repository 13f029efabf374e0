/*
 * mmap.c — the guest address space.
 *
 * 32-bit guests get their whole 4 GiB reserved at start-up (PROT_NONE,
 * MAP_NORESERVE) at guest_base; every guest mapping is then a MAP_FIXED
 * mapping inside that reservation, and unmapping puts PROT_NONE back so the
 * reservation never has holes another host library could land in.  A
 * guest pointer outside its mappings thus faults on the host, which
 * signal.c turns into the guest's SIGSEGV.
 *
 * Two records are kept in step: accel/tcg's page flags (page_set_flags:
 * what the translator and the SMC protection read) and the list of mappings
 * here (sorted, with file names: free-range search and /proc/self/maps).
 * Guest and host pages are both 4 KiB for the targets built so far; a guest
 * page smaller than the host's is refused at start-up.
 */
#include "linux-user/user-internals.h"
#include "util/error.h"
#include "util/host.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>

typedef struct Vma {
    abi_ulong start, end;          /* [start, end), page aligned; end 0 means 2^32 */
    int prot;                      /* guest PROT_* */
    bool shared;
    uint64_t offset;
    char *name;                    /* file, [heap], [stack], or NULL */
} Vma;

/* The end of the guest address space: all 4 GiB of a 32-bit guest, the user half of a 64-bit one. */
#if TARGET_ABI_BITS == 32
#define LU_GUEST_SPACE_END ((uint64_t)1 << 32)
#else
#define LU_GUEST_SPACE_END ((uint64_t)TARGET_TASK_SIZE)
#endif

static pthread_mutex_t mmap_lock = PTHREAD_MUTEX_INITIALIZER;
static GArray *vmas;               /* of Vma, sorted by start, disjoint */
static abi_ulong brk_start, brk_cur, brk_mapped;

static uint64_t vend(const Vma *v)
{
    return v->end ? v->end : (uint64_t)1 << 32;
}

/*
 * A fork while another thread maps must not leave the child's lock held.
 * Registered after accel/tcg's handlers (tcg is initialised first), so this
 * prepare runs before theirs: the mmap lock comes first in lock order.
 */
static void fork_prepare(void)
{
    pthread_mutex_lock(&mmap_lock);
}

static void fork_done(void)
{
    pthread_mutex_unlock(&mmap_lock);
}

bool lu_mmap_init(Error **errp)
{
    pthread_atfork(fork_prepare, fork_done, fork_done);
    if (host_page_size() > TARGET_PAGE_SIZE) {
        error_setg(errp, "host pages (%zu bytes) larger than the guest's are not supported",
                   host_page_size());
        return false;
    }
    vmas = g_array_new(false, false, sizeof(Vma));
#if TARGET_ABI_BITS == 32
    void *p = mmap(NULL, (size_t)1 << 32, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) {
        error_setg_errno(errp, errno, "cannot reserve the 4 GiB guest address space");
        return false;
    }
    guest_base = (uintptr_t)p;
#else
    guest_base = 0;
#endif
    return true;
}

static int host_prot(int prot)
{
    int h = 0;
    if (prot & (PROT_READ | PROT_EXEC | PROT_WRITE)) {
        h |= PROT_READ;            /* the translator reads code through the host mapping */
    }
    if (prot & PROT_WRITE) {
        h |= PROT_WRITE;
    }
    return h;
}

static int page_prot(int prot)
{
    return (prot & PROT_READ ? PAGE_READ : 0) | (prot & PROT_WRITE ? PAGE_WRITE : 0) |
           (prot & PROT_EXEC ? PAGE_EXEC : 0);
}

/* Remove [start, end) from the list, splitting mappings that straddle it. */
static void vma_remove(uint64_t start, uint64_t end)
{
    for (guint i = 0; i < vmas->len;) {
        Vma *v = &g_array_index(vmas, Vma, i);
        uint64_t vs = v->start, ve = vend(v);
        if (ve <= start || vs >= end) {
            i++;
            continue;
        }
        if (vs < start && ve > end) {
            Vma tail = *v;
            tail.start = end;
            tail.offset += end - vs;
            tail.name = g_strdup(v->name);
            v->end = start;
            g_array_insert_val(vmas, i + 1, tail);
            return;
        }
        if (vs < start) {
            v->end = start;
            i++;
        } else if (ve > end) {
            v->offset += end - vs;
            v->start = end;
            i++;
        } else {
            g_free(v->name);
            g_array_remove_index(vmas, i);
        }
    }
}

static void vma_add(abi_ulong start, uint64_t end, int prot, bool shared, uint64_t off,
                    const char *name)
{
    vma_remove(start, end);
    Vma v = { .start = start, .end = (abi_ulong)end, .prot = prot, .shared = shared,
              .offset = off, .name = g_strdup(name) };
    guint i = 0;
    while (i < vmas->len && g_array_index(vmas, Vma, i).start < start) {
        i++;
    }
    g_array_insert_val(vmas, i, v);
}

static bool range_free(uint64_t start, uint64_t end)
{
    if (end > TARGET_TASK_SIZE || start < TARGET_PAGE_SIZE * 16) {
        return false;
    }
    for (guint i = 0; i < vmas->len; i++) {
        Vma *v = &g_array_index(vmas, Vma, i);
        if (v->start < end && vend(v) > start) {
            return false;
        }
    }
    return true;
}

static abi_ulong find_locked(abi_ulong start, abi_ulong len)
{
    for (int pass = 0; pass < 2; pass++) {
        uint64_t a = pass ? TARGET_PAGE_SIZE * 16 : TARGET_PAGE_ALIGN(start);
        for (;;) {
            if (a + len > TARGET_TASK_SIZE) {
                break;
            }
            uint64_t next = 0;
            for (guint i = 0; i < vmas->len; i++) {
                Vma *v = &g_array_index(vmas, Vma, i);
                if (v->start < a + len && vend(v) > a) {
                    next = vend(v);
                    break;
                }
            }
            if (!next) {
                return (abi_ulong)a;
            }
            a = next;
        }
    }
    return 0;
}

abi_ulong lu_mmap_find(abi_ulong start, abi_ulong len)
{
    pthread_mutex_lock(&mmap_lock);
    abi_ulong a = find_locked(start, TARGET_PAGE_ALIGN(len));
    pthread_mutex_unlock(&mmap_lock);
    return a;
}

static char *fd_name(int fd)
{
    char link[64], buf[4096];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, sizeof(buf) - 1);
    if (n <= 0) {
        return NULL;
    }
    buf[n] = 0;
    return g_strdup(buf);
}

abi_long lu_mmap(abi_ulong addr, abi_ulong len, int prot, int flags, int fd, uint64_t off)
{
    if (len == 0 || (off & (TARGET_PAGE_SIZE - 1))) {
        return -EINVAL;
    }
    uint64_t alen = ((uint64_t)len + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && (addr & (TARGET_PAGE_SIZE - 1))) {
        return -EINVAL;
    }
    if ((uint64_t)addr + alen > LU_GUEST_SPACE_END) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&mmap_lock);
    if ((flags & MAP_FIXED_NOREPLACE) && !range_free(addr, addr + alen)) {
        pthread_mutex_unlock(&mmap_lock);
        return -EEXIST;
    }
    if (!fixed) {
        abi_ulong hint = addr & TARGET_PAGE_MASK;
        if (!hint || !range_free(hint, hint + alen)) {
            hint = find_locked(hint ? hint : TARGET_MMAP_BASE, alen);
            if (!hint) {
                pthread_mutex_unlock(&mmap_lock);
                return -ENOMEM;
            }
        }
        addr = hint;
    }
    int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_STACK)) | MAP_FIXED;
    void *p;
#if TARGET_ABI_BITS == 64
    /*
     * guest_base 0: the emulator's own mappings share the space and are not
     * in the list, so a mapping outside the guest's own must not replace
     * one.  When the spot is taken, a hint moves to where the host kernel
     * puts it; a MAP_FIXED fails (ENOMEM) rather than overwrite the emulator.
     */
    if (!(flags & MAP_FIXED) || range_free(addr, addr + alen)) {
        hflags = (hflags & ~MAP_FIXED) | MAP_FIXED_NOREPLACE;
        p = mmap(g2h(addr), alen, host_prot(prot), hflags, fd, off);
        if (p == MAP_FAILED && errno == EEXIST && !(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
            p = mmap(g2h(addr), alen, host_prot(prot), hflags & ~MAP_FIXED_NOREPLACE, fd, off);
            addr = h2g(p);
        } else if (p == MAP_FAILED && errno == EEXIST && (flags & MAP_FIXED)) {
            errno = ENOMEM;
        }
    } else
#endif
    p = mmap(g2h(addr), alen, host_prot(prot), hflags, fd, off);
    if (p == MAP_FAILED) {
        int e = errno;
        pthread_mutex_unlock(&mmap_lock);
        return lu_errno(e);
    }
    char *name = (flags & MAP_ANONYMOUS) ? NULL : fd_name(fd);
    vma_add(addr, addr + alen, prot, flags & MAP_SHARED, off, name);
    g_free(name);
    pthread_mutex_unlock(&mmap_lock);
    page_set_flags(addr, addr + alen, PAGE_RESET | PAGE_VALID | page_prot(prot) |
                   (flags & MAP_ANONYMOUS ? PAGE_ANON : 0));
    return addr;
}

/*
 * Give [addr, addr + alen) back: into the reservation (PROT_NONE again) for
 * a 32-bit guest; to the host for a 64-bit one, whose space is not
 * reserved: a PROT_NONE mapping left there would make the next mapping the
 * guest's list finds free fail with EEXIST (and land outside the layout).
 */
static void release_locked(abi_ulong addr, uint64_t alen)
{
#if TARGET_ABI_BITS == 64
    munmap(g2h(addr), alen);
#else
    mmap(g2h(addr), alen, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
         -1, 0);
#endif
}

static void unmap_locked(abi_ulong addr, uint64_t alen)
{
    release_locked(addr, alen);
    vma_remove(addr, addr + alen);
}

abi_long lu_munmap(abi_ulong addr, abi_ulong len)
{
    if ((addr & (TARGET_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);
    if ((uint64_t)addr + alen > LU_GUEST_SPACE_END) {
        return -EINVAL;
    }
    page_set_flags(addr, addr + alen, PAGE_RESET);
    pthread_mutex_lock(&mmap_lock);
    unmap_locked(addr, alen);
    pthread_mutex_unlock(&mmap_lock);
    return 0;
}

abi_long lu_mprotect(abi_ulong addr, abi_ulong len, int prot)
{
    if (addr & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);
    if (!page_check_range(addr, alen, PAGE_VALID)) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&mmap_lock);
    /* the flags first: gaining write access drops the translated code there */
    page_set_flags(addr, addr + alen, PAGE_RESET | PAGE_VALID | page_prot(prot));
    if (mprotect(g2h(addr), alen, host_prot(prot)) < 0) {
        int e = errno;
        pthread_mutex_unlock(&mmap_lock);
        return lu_errno(e);
    }
    for (guint i = 0; i < vmas->len; i++) {
        Vma *v = &g_array_index(vmas, Vma, i);
        if (v->start < addr + alen && vend(v) > addr && v->prot != prot) {
            /* split off the changed part */
            Vma copy = *v;
            uint64_t s = MAX(copy.start, addr), e = MIN(vend(&copy), addr + alen);
            char *name = g_strdup(copy.name);
            vma_add(s, e, prot, copy.shared, copy.offset + (s - copy.start), name);
            g_free(name);
            i = 0;
        }
    }
    pthread_mutex_unlock(&mmap_lock);
    return 0;
}

abi_long lu_mremap(abi_ulong old, abi_ulong old_len, abi_ulong new_len, int flags,
                   abi_ulong new_addr)
{
    if (old & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    uint64_t olen = TARGET_PAGE_ALIGN((uint64_t)old_len);
    uint64_t nlen = TARGET_PAGE_ALIGN((uint64_t)new_len);
    int flags_old = page_get_flags(old);
    if (!(flags_old & PAGE_VALID)) {
        return -EFAULT;
    }
    pthread_mutex_lock(&mmap_lock);
    Vma *v = NULL;
    for (guint i = 0; i < vmas->len; i++) {
        Vma *w = &g_array_index(vmas, Vma, i);
        if (w->start <= old && vend(w) > old) {
            v = w;
        }
    }
    int prot = v ? v->prot : PROT_READ | PROT_WRITE;
    char *name = v ? g_strdup(v->name) : NULL;
    uint64_t off = v ? v->offset + (old - v->start) : 0;
    bool shared = v ? v->shared : false;
    abi_ulong dest;
    if (flags & MREMAP_FIXED) {
        dest = new_addr;
    } else if (nlen <= olen || range_free(old + olen, old + nlen)) {
        dest = old;
    } else if (flags & MREMAP_MAYMOVE) {
        dest = find_locked(TARGET_MMAP_BASE, nlen);
        if (!dest) {
            pthread_mutex_unlock(&mmap_lock);
            g_free(name);
            return -ENOMEM;
        }
    } else {
        pthread_mutex_unlock(&mmap_lock);
        g_free(name);
        return -ENOMEM;
    }
    void *p = mremap(g2h(old), olen, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dest));
    if (p == MAP_FAILED) {
        int e = errno;
        pthread_mutex_unlock(&mmap_lock);
        g_free(name);
        return lu_errno(e);
    }
    if (dest != old) {
        /* mremap left a hole in the reservation: fill it again */
        unmap_locked(old, olen);
    } else if (nlen < olen) {
        unmap_locked(old + nlen, olen - nlen);
    }
    vma_add(dest, dest + nlen, prot, shared, off, name);
    g_free(name);
    pthread_mutex_unlock(&mmap_lock);
    if (dest != old) {
        page_set_flags(old, old + olen, PAGE_RESET);
    } else if (nlen < olen) {
        page_set_flags(old + nlen, old + olen, PAGE_RESET);
    }
    page_set_flags(dest, dest + nlen, PAGE_RESET | PAGE_VALID | page_prot(prot));
    return dest;
}

/* ---- brk ------------------------------------------------------------------ */

void lu_brk_init(abi_ulong brk)
{
    brk_start = brk_cur = brk;
    brk_mapped = TARGET_PAGE_ALIGN(brk);
}

abi_ulong lu_brk(abi_ulong brk)
{
    if (brk < brk_start) {
        return brk_cur;
    }
    abi_ulong want = TARGET_PAGE_ALIGN(brk);
    if (want > brk_mapped) {
        pthread_mutex_lock(&mmap_lock);
        bool ok = range_free(brk_mapped, want);
        pthread_mutex_unlock(&mmap_lock);
        if (!ok) {
            return brk_cur;
        }
        abi_long r = lu_mmap(brk_mapped, want - brk_mapped, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (lu_is_error(r)) {
            return brk_cur;
        }
        brk_mapped = want;
    } else if (want < brk_mapped && want >= TARGET_PAGE_ALIGN(brk_start)) {
        /* give the pages back so that growing again finds them zeroed */
        lu_munmap(want, brk_mapped - want);
        brk_mapped = want;
    }
    brk_cur = brk;
    return brk_cur;
}

/* ---- /proc/self/maps --------------------------------------------------------- */

void lu_mmap_print_maps(FILE *f)
{
    pthread_mutex_lock(&mmap_lock);
    for (guint i = 0; i < vmas->len; i++) {
        Vma *v = &g_array_index(vmas, Vma, i);
        const char *name = v->name;
        if (!name && v->start >= brk_start && vend(v) <= brk_mapped && brk_mapped > brk_start) {
            name = "[heap]";
        }
        if (!name && v->start < lu_image.stack_top && vend(v) >= lu_image.stack_top) {
            name = "[stack]";
        }
        /* a file's device and inode as the kernel shows them (looked up now, by name) */
        struct stat st;
        bool file = v->name && v->name[0] == '/' && stat(v->name, &st) == 0;
        int n = fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
                        (unsigned long long)v->start, (unsigned long long)vend(v),
                        v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                        v->prot & PROT_EXEC ? 'x' : '-', v->shared ? 's' : 'p',
                        (unsigned long long)v->offset, file ? major(st.st_dev) : 0,
                        file ? minor(st.st_dev) : 0,
                        file ? (unsigned long long)st.st_ino : 0ull);
        /* the kernel pads the path to a column (64-bit kernels: 73) */
        fprintf(f, "%*s%s\n", name ? (n < 72 ? 73 - n : 1) : 0, "", name ? name : "");
    }
    pthread_mutex_unlock(&mmap_lock);
}
