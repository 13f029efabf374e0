/*
 * memory.c — the guest address space: anonymous and file mappings,
 * mprotect, munmap, mremap, brk (sbrk), MAP_FIXED, and /proc/self/maps
 * showing the guest's own mappings.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static sigjmp_buf jb;

static void on_segv(int sig)
{
    siglongjmp(jb, 1);
}

static int faults(volatile char *p, int write)
{
    if (sigsetjmp(jb, 1) == 0) {
        if (write) {
            *p = 1;
        } else {
            (void)*p;
        }
        return 0;
    }
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGSEGV, on_segv);
    size_t ps = sysconf(_SC_PAGESIZE);
    printf("page size %zu\n", ps);

    char *a = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int zero = 1;
    for (size_t i = 0; i < 4 * ps; i++) {
        zero &= a[i] == 0;
    }
    printf("anonymous mapping zeroed: %d\n", zero);
    memset(a, 'a', 4 * ps);
    mprotect(a + ps, ps, PROT_READ);
    printf("read-only page: read faults %d, write faults %d\n", faults(a + ps, 0), faults(a + ps, 1));
    mprotect(a + ps, ps, PROT_NONE);
    printf("PROT_NONE page: read faults %d\n", faults(a + ps, 0));
    mprotect(a + ps, ps, PROT_READ | PROT_WRITE);
    printf("writable again: write faults %d, kept '%c'\n", faults(a + ps + 1, 1), a[ps + 2]);
    munmap(a + 2 * ps, ps);
    printf("unmapped page: read faults %d, neighbour ok %d\n", faults(a + 2 * ps, 0),
           !faults(a + 3 * ps, 0));

    char *g = mremap(a, 2 * ps, 64 * ps, MREMAP_MAYMOVE);
    printf("mremap grow: ok %d kept %d new zero %d\n", g != MAP_FAILED, g[ps - 1] == 'a',
           g[40 * ps] == 0);

    char path[] = "/tmp/emu-lu-memXXXXXX";
    int fd = mkstemp(path);
    char buf[8192];
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = "0123456789"[i % 10];
    }
    write(fd, buf, sizeof(buf));
    char *f = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 4096);
    printf("file mapping at offset 4096: '%.5s'\n", f);
    char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(s, "SHARED", 6);
    msync(s, 4096, MS_SYNC);
    char back[7] = { 0 };
    pread(fd, back, 6, 0);
    printf("shared mapping wrote the file: '%s'\n", back);

    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0, lines = 0, ids = 0;
    struct stat fst;
    fstat(fd, &fst);
    while (fgets(line, sizeof(line), maps)) {
        lines++;
        if (strstr(line, path)) {
            /* start-end perms offset major:minor inode path, as the kernel prints it */
            unsigned maj, min;
            unsigned long long ino;
            found = 1;
            ids = sscanf(line, "%*x-%*x %*s %*x %x:%x %llu", &maj, &min, &ino) == 3 &&
                  maj == major(fst.st_dev) && min == minor(fst.st_dev) && ino == fst.st_ino;
        }
    }
    fclose(maps);
    printf("/proc/self/maps lists the file: %d (lines > 3: %d)\n", found, lines > 3);
    printf("its device and inode are the file's: %d\n", ids);
    unlink(path);

    char *fixed = mmap(g + 8 * ps, ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                       -1, 0);
    printf("MAP_FIXED replaces: same address %d zero %d\n", fixed == g + 8 * ps, fixed[0] == 0);

    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * ps);
    memset(b1, 7, 3 * ps);
    printf("sbrk: grew %d\n", (char *)sbrk(0) - b0 == (long)(3 * ps));

    void *big = malloc(64 << 20);
    memset(big, 1, 64 << 20);
    printf("64 MiB malloc ok %d\n", big != NULL);
    free(big);
    return 0;
}
