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
             : mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
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
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
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
