/*
 * lu-arm-bench.c — user-mode benchmark: runs each workload of workloads.c
 * natively and under emu-arm (and under Debian's qemu-arm when it is
 * installed, as the peer users would otherwise pick); compiled again as
 * lu-i386-bench and lu-x86_64-bench with LU_BENCH_EMU_NAME/LU_BENCH_QEMU
 * naming the other pair (emu-i386 / qemu-i386 ...).  Best of three CPU
 * times (user + system of the child: on a shared machine wall time mostly
 * measures the neighbours) each, and prints the ratios emu/native and
 * emu/qemu.  The paths of
 * the emulator and of both builds are compiled in by meson.  A figure, not a
 * verdict: nothing here passes or fails on time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef LU_BENCH_QEMU
#define LU_BENCH_QEMU "qemu-arm"
#define LU_BENCH_EMU_NAME "emu-arm"
#endif

static const char *const names[] = { "int", "branchy", "memory", "float", "indirect", "syscall" };

/* Best of three runs of argv, its stdout in out; negative when it failed. */
static double run(char *const argv[], char *out, size_t outsz)
{
    double best = -1;
    for (int rep = 0; rep < 3; rep++) {
        int p[2];
        if (pipe(p) < 0) {
            return -1;
        }
        pid_t pid = fork();
        if (pid == 0) {
            dup2(p[1], 1);
            close(p[0]);
            execv(argv[0], argv);
            _exit(127);
        }
        close(p[1]);
        size_t n = 0;
        ssize_t r;
        while ((r = read(p[0], out + n, outsz - 1 - n)) > 0) {
            n += r;
        }
        out[n] = 0;
        close(p[0]);
        int st;
        struct rusage ru;
        wait4(pid, &st, 0, &ru);
        double t = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec +
                   ru.ru_stime.tv_usec * 1e-6;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            return -1;
        }
        if (best < 0 || t < best) {
            best = t;
        }
    }
    return best;
}

static char *find_in_path(const char *prog)
{
    const char *path = getenv("PATH");
    if (!path) {
        return NULL;
    }
    char *copy = strdup(path), *save = NULL;
    for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char buf[4096];
        snprintf(buf, sizeof(buf), "%s/%s", d, prog);
        if (access(buf, X_OK) == 0) {
            free(copy);
            return strdup(buf);
        }
    }
    free(copy);
    return NULL;
}

int main(void)
{
    /* LU_BENCH_GUEST in the environment picks another guest build (an armel one, say) */
    const char *guest = getenv("LU_BENCH_GUEST") ? getenv("LU_BENCH_GUEST") : LU_BENCH_GUEST;
    char *qemu = find_in_path(LU_BENCH_QEMU);
    printf("linux-user benchmark: %s vs native x86-64%s\n", LU_BENCH_EMU_NAME,
           qemu ? " and Debian's " LU_BENCH_QEMU
                : " (" LU_BENCH_QEMU " not installed: apt-get install qemu-user)");
    printf("guest build: %s\n", guest);
    printf("CPU seconds (user + system), best of three\n");
    printf("%-9s %10s %10s %10s %11s %10s  %s\n", "workload", "native s", "emu s", "qemu s",
           "emu/native", "emu/qemu", "checksums");
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char o1[128], o2[128], o3[128] = "";
        char *nat[] = { (char *)LU_BENCH_NATIVE, (char *)names[i], NULL };
        char *emu[] = { (char *)LU_BENCH_EMU, (char *)guest, (char *)names[i], NULL };
        char *qa[] = { qemu, (char *)guest, (char *)names[i], NULL };
        double tn = run(nat, o1, sizeof(o1));
        double te = run(emu, o2, sizeof(o2));
        double tq = qemu ? run(qa, o3, sizeof(o3)) : -1;
        o1[strcspn(o1, "\n")] = 0;
        o2[strcspn(o2, "\n")] = 0;
        const char *same = strcmp(o1, o2) == 0 ? "same" : "DIFFER";
        if (te < 0) {
            printf("%-9s %10.3f %10s %10s %11s %10s  %s failed\n", names[i], tn, "-", "-",
                   "-", "-", LU_BENCH_EMU_NAME);
            continue;
        }
        char qs[32] = "-", qr[32] = "-";
        if (tq > 0) {
            snprintf(qs, sizeof(qs), "%.3f", tq);
            snprintf(qr, sizeof(qr), "%.2f", te / tq);
        }
        printf("%-9s %10.3f %10.3f %10s %11.2f %10s  %s\n", names[i], tn, te, qs, te / tn, qr,
               same);
    }
    free(qemu);
    return 0;
}
