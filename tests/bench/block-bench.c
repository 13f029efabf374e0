/*
 * block-bench.c — 4 KiB sequential and random read/write throughput of the
 * block layer on raw and qcow2 images, and of Debian's qemu-img on the same
 * qcow2 workload (`qemu-img bench`), reported as MiB/s and ratios.
 *
 * Images live in $TMPDIR (page cache, no O_DIRECT): this measures the
 * format's CPU and metadata cost, not the disk.  Figures, never a verdict.
 *   usage: block-bench [MiB]      (default 64 MiB per run)
 */
#include "block/block.h"
#include "util/error.h"
#include "util/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#define BS 4096

typedef enum { SEQ_WRITE, SEQ_READ, RAND_WRITE, RAND_READ, NR_KINDS } Kind;
static const char *const kind_names[] = { "seq write", "seq read", "rand write", "rand read" };

static double run_emu(const char *path, const char *fmt, Kind k, uint64_t bytes)
{
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, fmt, BDRV_O_RDWR, &err);
    if (!bs) {
        error_report_err(err);
        exit(1);
    }
    uint8_t *buf = g_malloc(BS);
    memset(buf, 0x5a, BS);
    uint64_t n = bytes / BS, blocks = bdrv_getlength(bs) / BS, x = 88172645463325252ull;
    int64_t t0 = clock_monotonic_ns();
    for (uint64_t i = 0; i < n; i++) {
        uint64_t blk = i % blocks;
        if (k == RAND_WRITE || k == RAND_READ) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            blk = x % blocks;
        }
        int r = (k == SEQ_WRITE || k == RAND_WRITE) ? bdrv_pwrite(bs, blk * BS, buf, BS)
                                                    : bdrv_pread(bs, blk * BS, buf, BS);
        if (r < 0) {
            error_report("I/O error %d", r);
            exit(1);
        }
    }
    bdrv_flush(bs);
    double secs = (clock_monotonic_ns() - t0) / 1e9;
    bdrv_close(bs);
    g_free(buf);
    return bytes / (1024.0 * 1024.0) / secs;
}

/* qemu-img bench: sequential only (it has no random mode); MiB/s or 0. */
static double run_qemu(const char *path, Kind k, uint64_t bytes)
{
    if (k == RAND_WRITE || k == RAND_READ) {
        return 0;
    }
    char *cmd = g_strdup_printf("qemu-img bench -f qcow2 -d 1 -c %llu -s %d -t writeback %s "
                                "%s 2>&1", (unsigned long long)(bytes / BS), BS,
                                k == SEQ_WRITE ? "-w" : "", path);
    /* Its own timing ("Run completed in X seconds."), without process start-up. */
    FILE *f = popen(cmd, "r");
    g_free(cmd);
    double secs = 0;
    char line[256];
    while (f && fgets(line, sizeof(line), f)) {
        sscanf(line, "Run completed in %lf seconds.", &secs);
    }
    int r = f ? pclose(f) : -1;
    if (secs <= 0) {
        return 0;
    }
    return r == 0 ? bytes / (1024.0 * 1024.0) / secs : 0;
}

int main(int argc, char **argv)
{
    error_set_progname(argv[0]);
    uint64_t mib = argc > 1 ? strtoull(argv[1], NULL, 10) : 64;
    uint64_t bytes = mib << 20, size = 4 * bytes;
    char *dir = g_dir_make_tmp("emu-bench-XXXXXX", NULL);
    char *raw = g_build_filename(dir, "b.raw", NULL);
    char *qc = g_build_filename(dir, "b.qcow2", NULL);
    char *qq = g_build_filename(dir, "q.qcow2", NULL);
    bool have_qemu = g_find_program_in_path("qemu-img") != NULL;
    Error *err = NULL;
    BlockCreateOpts o = { .size = size };
    if (!bdrv_create("raw", raw, &o, &err) || !bdrv_create("qcow2", qc, &o, &err)) {
        error_report_err(err);
        return 1;
    }
    if (have_qemu) {
        char *cmd = g_strdup_printf("qemu-img create -q -f qcow2 %s %llu", qq,
                                    (unsigned long long)size);
        have_qemu = system(cmd) == 0;
        g_free(cmd);
    }
    printf("block layer, 4 KiB requests, %llu MiB per run, image %llu MiB, files in %s\n",
           (unsigned long long)mib, (unsigned long long)(size >> 20), g_get_tmp_dir());
    printf("%-11s %12s %12s %12s %10s %12s\n", "workload", "raw MiB/s", "qcow2 MiB/s",
           "qemu MiB/s", "qcow2/raw", "emu/qemu");
    for (Kind k = 0; k < NR_KINDS; k++) {
        double r = run_emu(raw, "raw", k, bytes);
        double q = run_emu(qc, "qcow2", k, bytes);
        double e = have_qemu ? run_qemu(qq, k, bytes) : 0;
        printf("%-11s %12.1f %12.1f ", kind_names[k], r, q);
        if (e > 0) {
            printf("%12.1f %10.2f %12.2f\n", e, q / r, q / e);
        } else {
            printf("%12s %10.2f %12s\n", "n/a", q / r, "n/a");
        }
    }
    unlink(raw);
    unlink(qc);
    unlink(qq);
    rmdir(dir);
    return 0;
}
