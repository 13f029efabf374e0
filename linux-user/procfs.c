/*
 * procfs.c — the /proc files that must show the guest rather than the
 * emulator: /proc/self/exe (the guest program), /proc/self/maps (guest
 * mappings), /proc/self/auxv, /proc/self/cmdline and /proc/cpuinfo (the
 * CPU model's).  Opening one gives an anonymous file (memfd) filled with
 * the generated contents; readlink of /proc/self/exe answers the guest's
 * path.  /proc/<own pid>/... is treated as /proc/self/....
 */
#include "linux-user/user-internals.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

typedef void FakeFill(FILE *f);

static void fill_maps(FILE *f)
{
    lu_mmap_print_maps(f);
}

static void fill_auxv(FILE *f)
{
    const void *p = lu_lock(lu_image.auxv, lu_image.auxv_len, false);
    if (p) {
        fwrite(p, 1, lu_image.auxv_len, f);
    }
}

static void fill_cmdline(FILE *f)
{
    const void *p = lu_lock(lu_image.arg_start, lu_image.arg_end - lu_image.arg_start, false);
    if (p) {
        fwrite(p, 1, lu_image.arg_end - lu_image.arg_start, f);
    }
}

static void fill_cpuinfo(FILE *f)
{
    lu_arch_cpuinfo(f, first_cpu);
}

static const struct {
    const char *name;              /* after /proc/self/ or, for cpuinfo, /proc/ */
    bool self;
    FakeFill *fill;
} fake_files[] = {
    { "maps", true, fill_maps },
    { "auxv", true, fill_auxv },
    { "cmdline", true, fill_cmdline },
    { "cpuinfo", false, fill_cpuinfo },
};

/* The part after /proc/self/ (or /proc/<our pid>/), or NULL. */
static const char *self_part(const char *path)
{
    if (strncmp(path, "/proc/self/", 11) == 0) {
        return path + 11;
    }
    if (strncmp(path, "/proc/", 6) == 0) {
        char *end;
        long pid = strtol(path + 6, &end, 10);
        if (end != path + 6 && *end == '/' && pid == getpid()) {
            return end + 1;
        }
    }
    return NULL;
}

int lu_fake_open(const char *path, int flags, int mode)
{
    const char *self = self_part(path);
    if (self && strcmp(self, "exe") == 0) {
        return open(lu_image.exe_path, flags, mode);
    }
    for (size_t i = 0; i < ARRAY_SIZE(fake_files); i++) {
        bool match = fake_files[i].self
                         ? self && strcmp(self, fake_files[i].name) == 0
                         : strncmp(path, "/proc/", 6) == 0 && strcmp(path + 6, fake_files[i].name) == 0;
        if (!match) {
            continue;
        }
        int fd = memfd_create("emu-proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
        if (fd < 0) {
            return -1;
        }
        FILE *f = fdopen(dup(fd), "w");
        if (!f) {
            close(fd);
            return -1;
        }
        fake_files[i].fill(f);
        fclose(f);
        lseek(fd, 0, SEEK_SET);
        return fd;
    }
    return -2;
}

ssize_t lu_fake_readlink(const char *path, char *buf, size_t size)
{
    const char *self = self_part(path);
    if (!self || strcmp(self, "exe") != 0) {
        return -2;
    }
    size_t n = MIN(strlen(lu_image.exe_path), size);
    memcpy(buf, lu_image.exe_path, n);
    return n;
}
