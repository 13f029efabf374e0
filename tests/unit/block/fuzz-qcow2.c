/*
 * fuzz-qcow2.c — libFuzzer harness over the qcow2 open and read paths.
 *
 * Each input is written to a temporary file and opened read-only as qcow2
 * (no backing file); when it opens, every cluster-sized range is read, its
 * block status asked, snapshots listed and a check run without repair.
 * Any crash, sanitizer report or hang is a bug: damaged images must be
 * refused or read safely.  Built by fuzz-qcow2.sh with clang
 * -fsanitize=fuzzer,address when the compiler supports it.
 */
#include "block/block.h"
#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *path;
    if (!path) {
        path = g_strdup_printf("%s/emu-fuzz-%d.qcow2", g_get_tmp_dir(), (int)getpid());
    }
    if (!g_file_set_contents(path, (const char *)data, size, NULL)) {
        return 0;
    }
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(path, "qcow2", BDRV_O_NO_BACKING, &err);
    if (!bs) {
        error_free(err);
        return 0;
    }
    uint64_t len = bdrv_getlength(bs);
    uint8_t *buf = g_malloc(65536);
    /* Bounded work per input: at most 256 reads spread over the disk. */
    uint64_t step = MAX(65536, len / 256);
    for (uint64_t off = 0; off < len; off += step) {
        uint64_t n = MIN(65536, len - off), pnum, map;
        bdrv_pread(bs, off, buf, n);
        bdrv_block_status(bs, off, n, &pnum, &map);
    }
    BlockSnapshot *sn;
    int nsn = bdrv_snapshot_list(bs, &sn);
    bdrv_snapshot_list_free(sn, nsn);
    BlockCheckResult res;
    bdrv_check(bs, &res, 0);
    g_free(buf);
    bdrv_close(bs);
    return 0;
}
