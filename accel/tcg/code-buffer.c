/*
 * code-buffer.c — the memory generated code lives in.
 *
 * One mmap'd area of the size asked at start-up (`-accel tcg,tb-size=MB`).
 * W^X: we first ask for a read-write-execute mapping; a host that refuses it
 * (SELinux execmem, PaX, OpenBSD) gets the same memory mapped twice from a
 * memfd, once read-write (where code is written) and once read-execute
 * (where it runs, and what TB pointers and jump targets name).  Back ends
 * are given both (an RX address and tcg_region_rw_offset()), so native code
 * and bytecode alike are written through one view and run from the other.
 *
 * The executing view is placed just below the emulator's own code when the
 * host leaves that range free, so that generated code reaches the helpers
 * with a direct rel32 call instead of loading a 64-bit address first (the
 * back ends use the short form whenever the distance allows).  Anywhere
 * else works too; it is only slower.
 *
 * Allocation is a bump pointer: TBs are never freed one by one; when the
 * buffer is full the whole cache is flushed (tb_flush) and the pointer goes
 * back to just after the back end's prologue.  Everything here runs under
 * the tb lock or in the exclusive section.
 */
#include "internal.h"
#include "util/error.h"
#include "util/host.h"
#include "util/bitops.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static struct {
    uint8_t *rx;                   /* where code runs */
    uint8_t *rw;                   /* where it is written (== rx without split) */
    size_t size;
    size_t start;                  /* first byte after the prologue */
    size_t ptr;                    /* first free byte */
    bool split;                    /* mapped twice from a memfd */
} region;

/* Within this distance of the emulator's code, a rel32 call reaches every helper. */
#define NEAR_TEXT_REACH (1ull << 31)

/*
 * A hint just below the emulator's code: the buffer's start then lies
 * size + (code size) away from its farthest helper.  0 (no hint) for buffers
 * too big to be near anything.
 */
static uintptr_t near_text_hint(size_t size)
{
    uintptr_t text = (uintptr_t)&tcg_region_init & ~(uintptr_t)(2 * 1024 * 1024 - 1);
    if (size > NEAR_TEXT_REACH / 2 || text < size + 2 * 1024 * 1024) {
        return 0;
    }
    return text - 2 * 1024 * 1024 - size;
}

/* Is [p, p + size) close enough to the emulator's code for rel32 calls both ways? */
static bool near_text(const void *p, size_t size)
{
    uintptr_t text = (uintptr_t)&tcg_region_init, a = (uintptr_t)p;
    uintptr_t lo = a < text ? a : text, hi = a + size > text ? a + size : text;
    return hi - lo < NEAR_TEXT_REACH / 2;
}

/* mmap at the near-text hint if the host gives it, else wherever it likes. */
static void *map_near_text(size_t size, int prot, int flags, int fd)
{
    uintptr_t hint = near_text_hint(size);
    if (hint) {
        void *p = mmap((void *)hint, size, prot, flags, fd, 0);
        if (p != MAP_FAILED && near_text(p, size)) {
            return p;
        }
        if (p != MAP_FAILED) {
            munmap(p, size);
        }
    }
    return mmap(NULL, size, prot, flags, fd, 0);
}

static bool region_map_split(size_t size, Error **errp)
{
    int fd = memfd_create("emu-tcg-code", MFD_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "code buffer: memfd_create");
        return false;
    }
    if (ftruncate(fd, size) < 0) {
        error_setg_errno(errp, errno, "code buffer: ftruncate");
        close(fd);
        return false;
    }
    void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    void *rx = rw == MAP_FAILED ? MAP_FAILED
             : map_near_text(size, PROT_READ | PROT_EXEC, MAP_SHARED, fd);
    int err = errno;
    close(fd);
    if (rx == MAP_FAILED) {
        if (rw != MAP_FAILED) {
            munmap(rw, size);
        }
        error_setg_errno(errp, err, "code buffer: mapping %zu bytes twice", size);
        return false;
    }
    region.rw = rw;
    region.rx = rx;
    region.split = true;
    return true;
}

bool tcg_region_init(size_t size, bool force_split, Error **errp)
{
    size = host_page_align_up(size);
    if (region.rx) {
        error_setg(errp, "code buffer: already initialised");
        return false;
    }
    if (!force_split) {
        void *p = map_near_text(size, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1);
        if (p != MAP_FAILED) {
            region.rx = region.rw = p;
        } else if (errno != EACCES && errno != EPERM) {
            error_setg_errno(errp, errno, "code buffer: mmap of %zu bytes", size);
            return false;
        }
    }
    if (!region.rx && !region_map_split(size, errp)) {
        return false;
    }
    region.size = size;
    region.start = region.ptr = 0;
    return true;
}

void tcg_region_reset(const TCGBackend *be)
{
    int n = be->prologue(region.rx, region.size, region.rw - region.rx);
    region.start = n > 0 ? ROUND_UP((size_t)n, 64) : 0;
    region.ptr = region.start;
    __builtin___clear_cache((char *)region.rx, (char *)region.rx + region.start);
}

uintptr_t tcg_region_rx_start(void)
{
    return (uintptr_t)region.rx;
}

void *tcg_region_ptr(void)
{
    return region.rx + region.ptr;
}

size_t tcg_region_left(void)
{
    return region.size - region.ptr;
}

bool tcg_region_align(size_t align)
{
    size_t p = ROUND_UP(region.ptr, align);
    if (p > region.size) {
        return false;
    }
    region.ptr = p;
    return true;
}

void tcg_region_commit(size_t n)
{
    __builtin___clear_cache((char *)region.rx + region.ptr, (char *)region.rx + region.ptr + n);
    region.ptr += n;
}

ptrdiff_t tcg_region_rw_offset(void)
{
    return region.rw - region.rx;
}

bool tcg_region_contains(uintptr_t rx)
{
    return rx >= (uintptr_t)region.rx && rx < (uintptr_t)region.rx + region.size;
}

size_t tcg_region_used(void)
{
    return region.ptr;
}

size_t tcg_region_size(void)
{
    return region.size;
}

bool tcg_region_split(void)
{
    return region.split;
}
