/*
 * emu-img.c — the disk image tool: create, info, check, convert, snapshot,
 * commit, rebase, resize, compare, map.
 *
 * Command names, options, exit codes and output follow Debian's qemu-img
 * closely enough that scripts carry over: `info --output=json` and
 * `map --output=json` print the same keys, `check` exits 0 (clean), 2
 * (corruptions), 3 (leaks only) or 1 (check failed), `compare` exits 0
 * (identical), 1 (different) or 2 (error).  Every error is one line
 * "emu-img: …" on stderr.
 *
 *     emu-img create -f qcow2 -o cluster_size=4k disk.qcow2 1G
 *     emu-img convert -c -O qcow2 -p disk.raw disk.qcow2
 */
#include "block/block.h"
#include "util/bitops.h"
#include "util/error.h"
#include "util/option.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

/* Option ids shared by all commands; each command lists the ones it takes. */
enum {
    O_FMT, O_OUT_FMT, O_OPTS, O_BACKING, O_BACKING_FMT, O_COMPRESS, O_PROGRESS,
    O_OUTPUT, O_CHAIN, O_REPAIR, O_QUIET, O_UNSAFE, O_CREATE_SN, O_LIST_SN,
    O_APPLY_SN, O_DELETE_SN, O_STRICT, O_SHRINK, O_SHARE, O_HELP,
};

#define OPT_F   { "f", OPT_ARG, O_FMT, "fmt", "image format (probed when absent)" }
#define OPT_Q   { "q", 0, O_QUIET, NULL, "quiet" }
#define OPT_U   { "U", 0, O_SHARE, NULL, "accepted for compatibility (no locking here)" }
#define OPT_H   { "h", 0, O_HELP, NULL, "show this help" }, \
                { "help", 0, O_HELP, NULL, "show this help" }

typedef struct ImgArgs {
    const char *fmt, *out_fmt, *opts, *backing, *backing_fmt, *output;
    const char *repair, *sn_create, *sn_apply, *sn_delete;
    bool compress, progress, chain, quiet, unsafe, sn_list, strict, shrink;
    const char *pos[4];
    int npos;
} ImgArgs;

/* ---- helpers ---- */

static char *size_to_str(uint64_t v)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int u = 0;
    double d = v;
    while (d >= 1024 && u < 6) {
        d /= 1024;
        u++;
    }
    return g_strdup_printf("%0.3g %s", d, units[u]);
}

static BlockDriverState *img_open(const char *file, const char *fmt, int flags)
{
    Error *err = NULL;
    BlockDriverState *bs = bdrv_open(file, fmt, flags, &err);
    if (!bs) {
        error_report_err(err);
    }
    return bs;
}

static void progress_print(uint64_t done, uint64_t total)
{
    printf("    (%.2f/100%%)\r", total ? 100.0 * done / total : 100.0);
    fflush(stdout);
}

static bool is_zero(const uint8_t *p, size_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

/* -o key=value list into creation options; backing may also come from -b/-F. */
static bool parse_create_opts(const char *str, BlockCreateOpts *o, Error **errp)
{
    if (!str) {
        return true;
    }
    KeyValList *kv = keyval_parse(str, NULL, errp);
    if (!kv) {
        return false;
    }
    bool ok = false;
    uint64_t cs = 0, rb = 0;
    const char *compat = keyval_get(kv, "compat");
    const char *bf = keyval_get(kv, "backing_file");
    const char *bfmt = keyval_get(kv, "backing_fmt");
    const char *rbs = keyval_get(kv, "refcount_bits");
    if (!keyval_get_size(kv, "cluster_size", 0, &cs, errp) ||
        !keyval_get_bool(kv, "lazy_refcounts", false, &o->lazy_refcounts, errp) ||
        !keyval_get_size(kv, "size", o->size, &o->size, errp)) {
        goto out;
    }
    keyval_get(kv, "preallocation");   /* only "off" exists here; ignored */
    if (!keyval_check_unused(kv, "-o", errp)) {
        goto out;
    }
    if (rbs && !parse_uint64(rbs, &rb, errp)) {
        goto out;
    }
    if (compat) {
        if (!strcmp(compat, "0.10") || !strcmp(compat, "v2")) {
            o->compat = 2;
        } else if (!strcmp(compat, "1.1") || !strcmp(compat, "v3")) {
            o->compat = 3;
        } else {
            error_setg(errp, "invalid compat value '%s' (use 0.10 or 1.1)", compat);
            goto out;
        }
    }
    o->cluster_size = cs;
    o->refcount_bits = rb;
    if (bf) {
        o->backing_file = g_strdup(bf);
    }
    if (bfmt) {
        o->backing_fmt = g_strdup(bfmt);
    }
    ok = true;
out:
    keyval_free(kv);
    return ok;
}

/* ---- create ---- */

static int img_create(ImgArgs *a)
{
    const char *fmt = a->fmt ? a->fmt : "raw";
    BlockCreateOpts o = { 0 };
    Error *err = NULL;

    if (a->npos < 1) {
        error_report("Expecting image file name");
        return 1;
    }
    if (a->npos >= 2 && !parse_size(a->pos[1], 1, &o.size, &err)) {
        error_report("Invalid image size specified: %s", error_get_pretty(err));
        error_free(err);
        return 1;
    }
    if (!parse_create_opts(a->opts, &o, &err)) {
        error_report_err(err);
        return 1;
    }
    if (a->backing) {
        o.backing_file = a->backing;
    }
    if (a->backing_fmt) {
        o.backing_fmt = a->backing_fmt;
    }
    if (o.backing_file) {
        /* Check the backing file (and learn its size and format) unless -u. */
        char *path = bdrv_backing_path(a->pos[0], o.backing_file);
        BlockDriverState *b = a->unsafe ? NULL : img_open(path, o.backing_fmt, 0);
        g_free(path);
        if (!b && !a->unsafe) {
            return 1;
        }
        if (b) {
            if (a->npos < 2) {
                o.size = bdrv_getlength(b);
            }
            if (!o.backing_fmt) {
                o.backing_fmt = b->drv->format_name;
            }
            bdrv_close(b);
        }
    } else if (a->npos < 2) {
        error_report("Image creation needs a size parameter");
        return 1;
    }
    if (!a->quiet) {
        printf("Formatting '%s', fmt=%s size=%llu", a->pos[0], fmt, (unsigned long long)o.size);
        if (o.backing_file) {
            printf(" backing_file=%s", o.backing_file);
        }
        if (o.backing_fmt) {
            printf(" backing_fmt=%s", o.backing_fmt);
        }
        printf("\n");
    }
    if (!bdrv_create(fmt, a->pos[0], &o, &err)) {
        error_report_err(err);
        return 1;
    }
    return 0;
}

/* ---- info ---- */

static void print_snapshot_table(BlockSnapshot *l, int n)
{
    printf("ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\n");
    for (int i = 0; i < n; i++) {
        char date[32];
        time_t t = l[i].date_sec;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
        uint64_t secs = l[i].vm_clock_nsec / 1000000000ull;
        char *vs = size_to_str(l[i].vm_state_size);
        printf("%-9s %-17s %7s %19s %02llu:%02llu:%02llu.%03llu\n", l[i].id, l[i].name, vs,
               date, (unsigned long long)(secs / 3600), (unsigned long long)(secs / 60 % 60),
               (unsigned long long)(secs % 60),
               (unsigned long long)(l[i].vm_clock_nsec / 1000000 % 1000));
        g_free(vs);
    }
}

static void json_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            g_string_append_printf(out, "\\%c", *s);
        } else if ((unsigned char)*s < 0x20) {
            g_string_append_printf(out, "\\u%04x", *s);
        } else {
            g_string_append_c(out, *s);
        }
    }
    g_string_append_c(out, '"');
}

static void info_json(GString *o, BlockDriverState *bs)
{
    BlockInfo bi;
    bdrv_get_info(bs, &bi);
    BlockSnapshot *sn;
    int nsn = bdrv_snapshot_list(bs, &sn);
    g_string_append(o, "{\n");
    if (nsn > 0) {
        g_string_append(o, "    \"snapshots\": [\n");
        for (int i = 0; i < nsn; i++) {
            g_string_append_printf(o, "        {\n            \"vm-state-size\": %llu,\n"
                "            \"date-sec\": %u,\n            \"date-nsec\": %u,\n"
                "            \"vm-clock-sec\": %llu,\n            \"vm-clock-nsec\": %llu,\n"
                "            \"id\": ", (unsigned long long)sn[i].vm_state_size,
                sn[i].date_sec, sn[i].date_nsec,
                (unsigned long long)(sn[i].vm_clock_nsec / 1000000000ull),
                (unsigned long long)(sn[i].vm_clock_nsec % 1000000000ull));
            json_string(o, sn[i].id);
            g_string_append(o, ",\n            \"name\": ");
            json_string(o, sn[i].name);
            g_string_append_printf(o, "\n        }%s\n", i + 1 < nsn ? "," : "");
        }
        g_string_append(o, "    ],\n");
    }
    bdrv_snapshot_list_free(sn, nsn);
    g_string_append_printf(o, "    \"virtual-size\": %llu,\n    \"filename\": ",
                           (unsigned long long)bi.virtual_size);
    json_string(o, bs->filename);
    g_string_append(o, ",\n");
    if (bi.cluster_size) {
        g_string_append_printf(o, "    \"cluster-size\": %u,\n", bi.cluster_size);
    }
    g_string_append(o, "    \"format\": ");
    json_string(o, bs->drv->format_name);
    g_string_append_printf(o, ",\n    \"actual-size\": %lld,\n",
                           (long long)bdrv_allocated_size(bs));
    if (!strcmp(bs->drv->format_name, "qcow2")) {
        g_string_append_printf(o, "    \"format-specific\": {\n        \"type\": \"qcow2\",\n"
            "        \"data\": {\n            \"compat\": \"%s\",\n"
            "            \"compression-type\": \"zlib\",\n", bi.version >= 3 ? "1.1" : "0.10");
        if (bi.version >= 3) {
            g_string_append_printf(o, "            \"lazy-refcounts\": %s,\n",
                                   bi.lazy_refcounts ? "true" : "false");
        }
        g_string_append_printf(o, "            \"refcount-bits\": %d,\n"
                               "            \"corrupt\": %s", bi.refcount_bits,
                               bi.corrupt ? "true" : "false");
        if (bi.version >= 3) {
            g_string_append(o, ",\n            \"extended-l2\": false");
        }
        g_string_append(o, "\n        }\n    },\n");
    }
    if (bs->backing_file[0]) {
        char *full = bdrv_backing_path(bs->filename, bs->backing_file);
        g_string_append(o, "    \"full-backing-filename\": ");
        json_string(o, full);
        g_free(full);
        g_string_append(o, ",\n    \"backing-filename\": ");
        json_string(o, bs->backing_file);
        g_string_append(o, ",\n");
        if (bs->backing_fmt) {
            g_string_append(o, "    \"backing-filename-format\": ");
            json_string(o, bs->backing_fmt);
            g_string_append(o, ",\n");
        }
    }
    g_string_append_printf(o, "    \"dirty-flag\": %s\n}", bi.dirty ? "true" : "false");
}

static void info_human(BlockDriverState *bs)
{
    BlockInfo bi;
    bdrv_get_info(bs, &bi);
    char *vs = size_to_str(bi.virtual_size);
    int64_t used = bdrv_allocated_size(bs);
    char *ds = size_to_str(used < 0 ? 0 : used);
    printf("image: %s\nfile format: %s\nvirtual size: %s (%llu bytes)\ndisk size: %s\n",
           bs->filename, bs->drv->format_name, vs, (unsigned long long)bi.virtual_size, ds);
    g_free(vs);
    g_free(ds);
    if (bi.cluster_size) {
        printf("cluster_size: %u\n", bi.cluster_size);
    }
    if (bs->backing_file[0]) {
        char *full = bdrv_backing_path(bs->filename, bs->backing_file);
        if (strcmp(full, bs->backing_file)) {
            printf("backing file: %s (actual path: %s)\n", bs->backing_file, full);
        } else {
            printf("backing file: %s\n", bs->backing_file);
        }
        g_free(full);
        if (bs->backing_fmt) {
            printf("backing file format: %s\n", bs->backing_fmt);
        }
    }
    BlockSnapshot *sn;
    int nsn = bdrv_snapshot_list(bs, &sn);
    if (nsn > 0) {
        printf("Snapshot list:\n");
        print_snapshot_table(sn, nsn);
    }
    bdrv_snapshot_list_free(sn, nsn);
    if (!strcmp(bs->drv->format_name, "qcow2")) {
        printf("Format specific information:\n    compat: %s\n    compression type: zlib\n",
               bi.version >= 3 ? "1.1" : "0.10");
        if (bi.version >= 3) {
            printf("    lazy refcounts: %s\n", bi.lazy_refcounts ? "true" : "false");
        }
        printf("    refcount bits: %d\n    corrupt: %s\n", bi.refcount_bits,
               bi.corrupt ? "true" : "false");
        if (bi.version >= 3) {
            printf("    extended l2: false\n");
        }
    }
}

static int img_info(ImgArgs *a)
{
    bool json = a->output && !strcmp(a->output, "json");
    if (a->npos < 1) {
        error_report("Expecting one image file name");
        return 1;
    }
    if (a->output && !json && strcmp(a->output, "human")) {
        error_report("--output must be used with human or json as argument.");
        return 1;
    }
    BlockDriverState *top = img_open(a->pos[0], a->fmt, a->chain ? 0 : BDRV_O_NO_BACKING);
    if (!top) {
        return 1;
    }
    GString *o = g_string_new(NULL);
    if (json && a->chain) {
        g_string_append(o, "[\n");
    }
    for (BlockDriverState *bs = top; bs; bs = a->chain ? bs->backing : NULL) {
        if (json) {
            info_json(o, bs);
            if (a->chain) {
                g_string_append(o, bs->backing ? ",\n" : "\n");
            }
        } else {
            if (a->chain && bs != top) {
                printf("\n");
            }
            info_human(bs);
        }
    }
    if (json) {
        g_string_append(o, a->chain ? "]\n" : "\n");
        fputs(o->str, stdout);
    }
    g_string_free(o, TRUE);
    bdrv_close(top);
    return 0;
}

/* ---- check ---- */

static void check_report(const BlockCheckResult *r, bool json, const char *file,
                         const char *fmt)
{
    if (json) {
        printf("{\n    \"image-end-offset\": %llu,\n    \"total-clusters\": %llu,\n"
               "    \"check-errors\": %d,\n    \"leaks\": %d,\n    \"corruptions\": %d,\n"
               "    \"allocated-clusters\": %llu,\n    \"filename\": \"%s\",\n"
               "    \"format\": \"%s\",\n    \"fragmented-clusters\": %llu,\n"
               "    \"compressed-clusters\": %llu\n}\n",
               (unsigned long long)r->image_end_offset, (unsigned long long)r->total_clusters,
               r->check_errors, r->leaks - r->leaks_fixed,
               r->corruptions - r->corruptions_fixed,
               (unsigned long long)r->allocated_clusters, file, fmt,
               (unsigned long long)r->fragmented_clusters,
               (unsigned long long)r->compressed_clusters);
        return;
    }
    int corrupt = r->corruptions - r->corruptions_fixed, leaks = r->leaks - r->leaks_fixed;
    if (!corrupt && !leaks && !r->check_errors) {
        printf("No errors were found on the image.\n");
    }
    if (corrupt) {
        printf("\n%d errors were found on the image.\nData may be corrupted, or further "
               "writes to the image may corrupt it.\n", corrupt);
    }
    if (leaks) {
        printf("\n%d leaked clusters were found on the image.\nThis means waste of disk "
               "space, but no harm to data.\n", leaks);
    }
    if (r->check_errors) {
        printf("\n%d internal errors have occurred during the check.\n", r->check_errors);
    }
    if (r->total_clusters) {
        printf("%llu/%llu = %.2f%% allocated, %.2f%% fragmented, %.2f%% compressed clusters\n",
               (unsigned long long)r->allocated_clusters, (unsigned long long)r->total_clusters,
               100.0 * r->allocated_clusters / r->total_clusters,
               r->allocated_clusters ? 100.0 * r->fragmented_clusters / r->allocated_clusters : 0,
               r->allocated_clusters ? 100.0 * r->compressed_clusters / r->allocated_clusters : 0);
    }
    if (r->image_end_offset) {
        printf("Image end offset: %llu\n", (unsigned long long)r->image_end_offset);
    }
}

static int img_check(ImgArgs *a)
{
    int fix = 0;
    bool json = a->output && !strcmp(a->output, "json");
    if (a->npos < 1) {
        error_report("Expecting one image file name");
        return 1;
    }
    if (a->repair) {
        if (!strcmp(a->repair, "leaks")) {
            fix = BDRV_FIX_LEAKS;
        } else if (!strcmp(a->repair, "all")) {
            fix = BDRV_FIX_LEAKS | BDRV_FIX_ERRORS;
        } else {
            error_report("unknown option value for -r (expecting 'leaks' or 'all'): %s",
                         a->repair);
            return 1;
        }
    }
    BlockDriverState *bs = img_open(a->pos[0], a->fmt, BDRV_O_NO_BACKING | BDRV_O_NO_REPAIR |
                                    (fix ? BDRV_O_RDWR : 0));
    if (!bs) {
        return 1;
    }
    BlockInfo bi;
    bdrv_get_info(bs, &bi);
    if (bi.dirty && !fix && !a->quiet) {
        warn_report("%s: the dirty bit is set (lazy refcounts): refcount errors are expected "
                    "until the image is repaired (-r all) or opened for writing", a->pos[0]);
    }
    BlockCheckResult r;
    int ret = bdrv_check(bs, &r, fix);
    if (ret == -ENOTSUP) {
        error_report("This image format does not support checks");
        bdrv_close(bs);
        return 63;
    }
    if (ret < 0) {
        error_report("Check failed: %s", strerror(-ret));
        bdrv_close(bs);
        return 1;
    }
    if (fix && (r.leaks_fixed || r.corruptions_fixed)) {
        if (!json) {
            printf("The following inconsistencies were found and repaired:\n\n"
                   "    %d leaked clusters\n    %d corruptions\n\n"
                   "Double checking the fixed image now...\n", r.leaks_fixed,
                   r.corruptions_fixed);
        }
        BlockCheckResult again;
        if ((ret = bdrv_check(bs, &again, 0)) < 0) {
            error_report("Check failed: %s", strerror(-ret));
            bdrv_close(bs);
            return 1;
        }
        r = again;
    }
    if (!a->quiet) {
        check_report(&r, json, bs->filename, bs->drv->format_name);
    }
    bdrv_close(bs);
    if (r.check_errors) {
        return 1;
    }
    if (r.corruptions > r.corruptions_fixed) {
        return 2;
    }
    return r.leaks > r.leaks_fixed ? 3 : 0;
}

/* ---- convert ---- */

static int img_convert(ImgArgs *a)
{
    const char *out_fmt = a->out_fmt ? a->out_fmt : "raw";
    Error *err = NULL;
    int ret = 1;

    if (a->npos != 2) {
        error_report("Expecting a source and a destination file name");
        return 1;
    }
    BlockDriverState *src = img_open(a->pos[0], a->fmt, 0);
    if (!src) {
        return 1;
    }
    BlockCreateOpts o = { .size = bdrv_getlength(src) };
    if (!parse_create_opts(a->opts, &o, &err) ||
        !bdrv_create(out_fmt, a->pos[1], &o, &err)) {
        error_report_err(err);
        bdrv_close(src);
        return 1;
    }
    BlockDriverState *dst = img_open(a->pos[1], out_fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING);
    if (!dst) {
        bdrv_close(src);
        return 1;
    }
    BlockInfo di;
    bdrv_get_info(dst, &di);
    if (a->compress && !di.compressed_possible) {
        error_report("Compression not supported for this file format");
        goto out;
    }
    /* Chunks are whole target clusters, so compressed writes stay aligned. */
    uint64_t chunk = di.cluster_size ? di.cluster_size : 65536;
    if (!a->compress) {
        chunk = ROUND_UP(1 << 20, chunk);
    }
    uint64_t size = o.size;
    uint8_t *buf = g_malloc(chunk);
    for (uint64_t off = 0; off < size;) {
        uint64_t n = MIN(chunk, size - off), pnum;
        int r = bdrv_is_allocated_above(src, NULL, off, n, &pnum);
        if (r < 0) {
            error_report("error while reading at byte %llu: %s", (unsigned long long)off,
                         strerror(-r));
            g_free(buf);
            goto out;
        }
        uint64_t map;
        int st = r ? bdrv_block_status(src, off, n, &pnum, &map) : BDRV_BLOCK_ZERO;
        /* A known-zero range needs no write: a new target reads as zeros. */
        if ((st & BDRV_BLOCK_ZERO) && !(st & BDRV_BLOCK_DATA) &&
            (!a->compress || pnum >= n)) {
            off += a->compress ? n : pnum;
        } else {
            if ((r = bdrv_pread(src, off, buf, n)) < 0) {
                error_report("error while reading at byte %llu: %s", (unsigned long long)off,
                             strerror(-r));
                g_free(buf);
                goto out;
            }
            if (!is_zero(buf, n)) {
                r = a->compress ? bdrv_pwrite_compressed(dst, off, buf, n)
                                : bdrv_pwrite(dst, off, buf, n);
                if (r < 0) {
                    error_report("error while writing at byte %llu: %s",
                                 (unsigned long long)off, strerror(-r));
                    g_free(buf);
                    goto out;
                }
            }
            off += n;
        }
        if (a->progress) {
            progress_print(MIN(off, size), size);
        }
    }
    g_free(buf);
    if (a->progress) {
        progress_print(size, size);
        printf("\n");
    }
    ret = bdrv_flush(dst) < 0;
out:
    bdrv_close(dst);
    bdrv_close(src);
    return ret;
}

/* ---- snapshot ---- */

static int img_snapshot(ImgArgs *a)
{
    Error *err = NULL;
    int actions = !!a->sn_create + !!a->sn_apply + !!a->sn_delete + a->sn_list;
    if (a->npos < 1 || actions != 1) {
        error_report("snapshot needs one of -c, -a, -d, -l and an image file name");
        return 1;
    }
    BlockDriverState *bs = img_open(a->pos[0], a->fmt,
                                    a->sn_list ? BDRV_O_NO_BACKING
                                               : BDRV_O_RDWR | BDRV_O_NO_BACKING);
    if (!bs) {
        return 1;
    }
    bool ok = true;
    if (a->sn_list) {
        BlockSnapshot *l;
        int n = bdrv_snapshot_list(bs, &l);
        if (n > 0) {
            printf("Snapshot list:\n");
            print_snapshot_table(l, n);
        }
        bdrv_snapshot_list_free(l, n);
    } else if (a->sn_create) {
        ok = bdrv_snapshot_create(bs, a->sn_create, &err);
    } else if (a->sn_apply) {
        ok = bdrv_snapshot_goto(bs, a->sn_apply, &err);
    } else {
        ok = bdrv_snapshot_delete(bs, a->sn_delete, &err);
    }
    if (!ok) {
        error_report_err(err);
    }
    bdrv_close(bs);
    return ok ? 0 : 1;
}

/* ---- commit, resize ---- */

static int img_commit(ImgArgs *a)
{
    Error *err = NULL;
    if (a->npos < 1) {
        error_report("Expecting one image file name");
        return 1;
    }
    BlockDriverState *bs = img_open(a->pos[0], a->fmt, BDRV_O_RDWR);
    if (!bs) {
        return 1;
    }
    bool ok = bdrv_commit(bs, a->progress ? progress_print : NULL, &err);
    if (a->progress) {
        printf("\n");
    }
    if (!ok) {
        error_report_err(err);
    } else if (!a->quiet) {
        printf("Image committed.\n");
    }
    bdrv_close(bs);
    return ok ? 0 : 1;
}

static int img_resize(ImgArgs *a)
{
    Error *err = NULL;
    if (a->npos != 2) {
        error_report("Expecting an image file name and a size");
        return 1;
    }
    const char *sz = a->pos[1];
    int sign = 0;
    if (sz[0] == '+' || sz[0] == '-') {
        sign = sz[0] == '+' ? 1 : -1;
        sz++;
    }
    uint64_t v;
    if (!parse_size(sz, 1, &v, &err)) {
        error_report("Invalid image size specified: %s", error_get_pretty(err));
        error_free(err);
        return 1;
    }
    BlockDriverState *bs = img_open(a->pos[0], a->fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING);
    if (!bs) {
        return 1;
    }
    uint64_t cur = bdrv_getlength(bs);
    if (sign < 0 && v > cur) {
        error_report("New image size must be positive");
        bdrv_close(bs);
        return 1;
    }
    uint64_t size = sign > 0 ? cur + v : sign < 0 ? cur - v : v;
    if (size < cur && !a->shrink) {
        error_report("Use the --shrink option to perform a shrink operation.");
        bdrv_close(bs);
        return 1;
    }
    bool ok = bdrv_truncate(bs, size, &err);
    if (!ok) {
        error_report_err(err);
    } else if (!a->quiet) {
        printf("Image resized.\n");
    }
    bdrv_close(bs);
    return ok ? 0 : 1;
}

/* ---- rebase ---- */

static int img_rebase(ImgArgs *a)
{
    Error *err = NULL;
    if (a->npos < 1 || !a->backing) {
        error_report("rebase needs -b backing_file and an image file name");
        return 1;
    }
    BlockDriverState *bs = img_open(a->pos[0], a->fmt, BDRV_O_RDWR |
                                    (a->unsafe ? BDRV_O_NO_BACKING : 0));
    if (!bs) {
        return 1;
    }
    const char *nfmt = a->backing_fmt;
    BlockDriverState *nb = NULL;
    int ret = 1;
    if (a->backing[0]) {
        char *path = bdrv_backing_path(bs->filename, a->backing);
        nb = (!a->unsafe || !nfmt) ? img_open(path, nfmt, 0) : NULL;
        g_free(path);
        if (!nb && (!a->unsafe || !nfmt)) {
            goto out;
        }
        if (nb && !nfmt) {
            nfmt = nb->drv->format_name;
        }
    }
    if (!a->unsafe) {
        /* Where the old chain and the new backing differ, keep the old contents in bs. */
        uint64_t size = bdrv_getlength(bs), chunk = 65536;
        uint8_t *ob = g_malloc(chunk), *nbuf = g_malloc(chunk);
        for (uint64_t off = 0; off < size;) {
            uint64_t n = MIN(chunk, size - off), pnum, map;
            int st = bdrv_block_status(bs, off, n, &pnum, &map);
            if (st < 0) {
                error_report("error while reading image metadata: %s", strerror(-st));
                g_free(ob);
                g_free(nbuf);
                goto out;
            }
            if (!(st & BDRV_BLOCK_ALLOCATED)) {
                struct iovec v = { .iov_base = nbuf, .iov_len = pnum };
                BlockDriverState fake = { .backing = nb };
                int r = bdrv_pread(bs, off, ob, pnum);
                if (r == 0) {
                    r = bdrv_read_backing(&fake, off, pnum, &v, 1, 0);
                }
                if (r == 0 && memcmp(ob, nbuf, pnum)) {
                    r = bdrv_pwrite(bs, off, ob, pnum);
                }
                if (r < 0) {
                    error_report("error while rebasing at byte %llu: %s",
                                 (unsigned long long)off, strerror(-r));
                    g_free(ob);
                    g_free(nbuf);
                    goto out;
                }
            }
            off += pnum;
        }
        g_free(ob);
        g_free(nbuf);
    }
    if (!bdrv_change_backing(bs, a->backing, a->backing[0] ? nfmt : NULL, &err)) {
        error_report_err(err);
        goto out;
    }
    ret = 0;
out:
    bdrv_close(nb);
    bdrv_close(bs);
    return ret;
}

/* ---- compare ---- */

static int img_compare(ImgArgs *a)
{
    if (a->npos != 2) {
        error_report("Expecting two image file names");
        return 2;
    }
    BlockDriverState *b1 = img_open(a->pos[0], a->fmt, 0);
    BlockDriverState *b2 = b1 ? img_open(a->pos[1], a->backing_fmt ? a->backing_fmt : a->fmt,
                                         0) : NULL;
    int ret = 2;
    if (!b2) {
        goto out;
    }
    uint64_t s1 = bdrv_getlength(b1), s2 = bdrv_getlength(b2);
    uint64_t chunk = 1 << 20;
    uint8_t *x = g_malloc(chunk), *y = g_malloc(chunk);
    if (s1 != s2) {
        if (a->strict) {
            printf("Strict mode: Image size mismatch!\n");
            ret = 1;
            goto done;
        }
        printf("Warning: Image size mismatch!\n");
    }
    for (uint64_t off = 0; off < MAX(s1, s2); off += chunk) {
        uint64_t n = MIN(chunk, MAX(s1, s2) - off);
        int r1 = 0, r2 = 0;
        memset(x, 0, n);
        memset(y, 0, n);
        if (off < s1) {
            r1 = bdrv_pread(b1, off, x, MIN(n, s1 - off));
        }
        if (off < s2) {
            r2 = bdrv_pread(b2, off, y, MIN(n, s2 - off));
        }
        if (r1 < 0 || r2 < 0) {
            error_report("error while reading at byte %llu: %s", (unsigned long long)off,
                         strerror(-(r1 < 0 ? r1 : r2)));
            goto done;
        }
        if (memcmp(x, y, n)) {
            uint64_t i = 0;
            while (x[i] == y[i]) {
                i++;
            }
            printf("Content mismatch at offset %llu!\n",
                   (unsigned long long)ROUND_DOWN(off + i, 512));
            ret = 1;
            goto done;
        }
    }
    printf("Images are identical.\n");
    ret = 0;
done:
    g_free(x);
    g_free(y);
out:
    bdrv_close(b1);
    bdrv_close(b2);
    return ret;
}

/* ---- map ---- */

static int img_map(ImgArgs *a)
{
    bool json = a->output && !strcmp(a->output, "json");
    if (a->npos < 1) {
        error_report("Expecting one image file name");
        return 1;
    }
    BlockDriverState *top = img_open(a->pos[0], a->fmt, 0);
    if (!top) {
        return 1;
    }
    uint64_t size = bdrv_getlength(top);
    if (json) {
        printf("[");
    } else {
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
    }
    bool first = true;
    /* One line per run of equal (depth, flags, contiguous offset). */
    uint64_t run_start = 0, run_len = 0, run_map = 0;
    int run_depth = -1, run_flags = 0;
    const char *run_file = NULL;
    for (uint64_t off = 0; off <= size;) {
        int depth = 0, st = 0;
        uint64_t pnum = 0, map = 0;
        const char *file = NULL;
        if (off < size) {
            BlockDriverState *b = top;
            for (; b; b = b->backing, depth++) {
                if (off >= b->total_size) {
                    pnum = b == top ? size - off : MIN(pnum ? pnum : size - off, size - off);
                    st = BDRV_BLOCK_ZERO;
                    continue;
                }
                uint64_t n;
                st = bdrv_block_status(b, off, size - off, &n, &map);
                pnum = (b == top || !pnum) ? n : MIN(pnum, n);
                if (st & BDRV_BLOCK_ALLOCATED) {
                    file = b->file ? b->file->filename : b->filename;
                    break;
                }
            }
            if (!b) {
                depth--;
                st &= ~BDRV_BLOCK_ALLOCATED;
            }
        }
        bool same = off < size && run_depth == depth && run_flags == st &&
                    (!(st & BDRV_BLOCK_OFFSET) || map == run_map + run_len);
        if (!same && run_depth >= 0) {
            if (json) {
                printf("%s{ \"start\": %llu, \"length\": %llu, \"depth\": %d, "
                       "\"present\": %s, \"zero\": %s, \"data\": %s", first ? "" : ",\n",
                       (unsigned long long)run_start, (unsigned long long)run_len, run_depth,
                       run_flags & BDRV_BLOCK_ALLOCATED ? "true" : "false",
                       run_flags & BDRV_BLOCK_ZERO ? "true" : "false",
                       run_flags & BDRV_BLOCK_DATA ? "true" : "false");
                if (run_flags & BDRV_BLOCK_OFFSET) {
                    printf(", \"offset\": %llu", (unsigned long long)run_map);
                }
                printf("}");
                first = false;
            } else if ((run_flags & BDRV_BLOCK_DATA) && (run_flags & BDRV_BLOCK_OFFSET)) {
                printf("%#-16llx%#-16llx%#-16llx%s\n", (unsigned long long)run_start,
                       (unsigned long long)run_len, (unsigned long long)run_map, run_file);
            }
            run_depth = -1;
        }
        if (off >= size) {
            break;
        }
        if (run_depth < 0) {
            run_start = off;
            run_len = 0;
            run_map = map;
            run_depth = depth;
            run_flags = st;
            run_file = file;
        }
        run_len += pnum;
        off += pnum;
    }
    if (json) {
        printf("]\n");
    }
    bdrv_close(top);
    return 0;
}

/* ---- the command table ---- */

typedef struct ImgCommand {
    const char *name;
    int (*run)(ImgArgs *a);
    const char *usage;
    const OptionDef *opts;
} ImgCommand;

static const OptionDef create_opts[] = {
    OPT_F, OPT_Q, OPT_H,
    { "o", OPT_ARG, O_OPTS, "options", "cluster_size=,compat=,lazy_refcounts=,refcount_bits=,"
      "backing_file=,backing_fmt=" },
    { "b", OPT_ARG, O_BACKING, "backing", "backing file" },
    { "F", OPT_ARG, O_BACKING_FMT, "fmt", "backing file format" },
    { "u", 0, O_UNSAFE, NULL, "do not open the backing file" },
    { NULL },
};
static const OptionDef info_opts[] = {
    OPT_F, OPT_U, OPT_H,
    { "output", OPT_ARG, O_OUTPUT, "human|json", "output format" },
    { "backing-chain", 0, O_CHAIN, NULL, "show every image of the backing chain" },
    { NULL },
};
static const OptionDef check_opts[] = {
    OPT_F, OPT_Q, OPT_U, OPT_H,
    { "r", OPT_ARG, O_REPAIR, "leaks|all", "repair leaks, or everything" },
    { "output", OPT_ARG, O_OUTPUT, "human|json", "output format" },
    { NULL },
};
static const OptionDef convert_opts[] = {
    OPT_F, OPT_Q, OPT_U, OPT_H,
    { "O", OPT_ARG, O_OUT_FMT, "fmt", "output format (default raw)" },
    { "o", OPT_ARG, O_OPTS, "options", "creation options of the output" },
    { "c", 0, O_COMPRESS, NULL, "compress the output (qcow2)" },
    { "p", 0, O_PROGRESS, NULL, "show progress" },
    { NULL },
};
static const OptionDef snapshot_opts[] = {
    OPT_F, OPT_Q, OPT_U, OPT_H,
    { "c", OPT_ARG, O_CREATE_SN, "name", "create a snapshot" },
    { "l", 0, O_LIST_SN, NULL, "list snapshots" },
    { "a", OPT_ARG, O_APPLY_SN, "name", "revert the image to a snapshot" },
    { "d", OPT_ARG, O_DELETE_SN, "name", "delete a snapshot" },
    { NULL },
};
static const OptionDef commit_opts[] = {
    OPT_F, OPT_Q, OPT_H,
    { "p", 0, O_PROGRESS, NULL, "show progress" },
    { NULL },
};
static const OptionDef rebase_opts[] = {
    OPT_F, OPT_Q, OPT_U, OPT_H,
    { "b", OPT_ARG, O_BACKING, "backing", "new backing file (\"\" for none)" },
    { "F", OPT_ARG, O_BACKING_FMT, "fmt", "new backing file format" },
    { "u", 0, O_UNSAFE, NULL, "only change the name, copy nothing" },
    { "p", 0, O_PROGRESS, NULL, "show progress" },
    { NULL },
};
static const OptionDef resize_opts[] = {
    OPT_F, OPT_Q, OPT_H,
    { "shrink", 0, O_SHRINK, NULL, "allow the image to shrink" },
    { NULL },
};
static const OptionDef compare_opts[] = {
    OPT_F, OPT_Q, OPT_U, OPT_H,
    { "F", OPT_ARG, O_BACKING_FMT, "fmt", "format of the second image" },
    { "s", 0, O_STRICT, NULL, "strict: a size mismatch is a difference" },
    { "p", 0, O_PROGRESS, NULL, "show progress" },
    { NULL },
};
static const OptionDef map_opts[] = {
    OPT_F, OPT_U, OPT_H,
    { "output", OPT_ARG, O_OUTPUT, "human|json", "output format" },
    { NULL },
};

static const ImgCommand img_commands[] = {
    { "create", img_create, "create [-f fmt] [-o options] [-b backing -F fmt] [-u] file [size]",
      create_opts },
    { "info", img_info, "info [-f fmt] [--output=human|json] [--backing-chain] file",
      info_opts },
    { "check", img_check, "check [-f fmt] [-r leaks|all] [--output=human|json] file",
      check_opts },
    { "convert", img_convert, "convert [-f fmt] [-O fmt] [-o options] [-c] [-p] src dst",
      convert_opts },
    { "snapshot", img_snapshot, "snapshot [-l | -c name | -a name | -d name] file",
      snapshot_opts },
    { "commit", img_commit, "commit [-f fmt] [-p] file", commit_opts },
    { "rebase", img_rebase, "rebase [-f fmt] [-u] -b backing [-F fmt] file", rebase_opts },
    { "resize", img_resize, "resize [-f fmt] [--shrink] file [+|-]size", resize_opts },
    { "compare", img_compare, "compare [-f fmt] [-F fmt] [-s] file1 file2", compare_opts },
    { "map", img_map, "map [-f fmt] [--output=human|json] file", map_opts },
};

static void usage(FILE *out)
{
    fprintf(out, "usage: emu-img command [options]\n\nCommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(img_commands); i++) {
        fprintf(out, "  %s\n", img_commands[i].usage);
    }
    fprintf(out, "\nFormats: raw qcow2 qcow\nRun 'emu-img command -h' for a command's options.\n");
}

int main(int argc, char **argv)
{
    error_set_progname(argv[0]);
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        printf("emu-img version 0.1.0\n");
        return 0;
    }
    const ImgCommand *cmd = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(img_commands); i++) {
        if (!strcmp(argv[1], img_commands[i].name)) {
            cmd = &img_commands[i];
        }
    }
    if (!cmd) {
        error_report("Command not found: %s", argv[1]);
        return 1;
    }

    ImgArgs a = { 0 };
    OptionParser p;
    /* The command name is argv[1]; options start after it. */
    opt_init(&p, argc - 1, argv + 1, cmd->opts);
    Error *err = NULL;
    const char *arg;
    int id;
    while ((id = opt_next(&p, &arg, &err)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            error_report_err(err);
            return 1;
        case OPT_POSITIONAL:
            if (a.npos == G_N_ELEMENTS(a.pos)) {
                error_report("too many arguments for '%s'", cmd->name);
                    return 1;
            }
            a.pos[a.npos++] = arg;
            break;
        case O_FMT: a.fmt = arg; break;
        case O_OUT_FMT: a.out_fmt = arg; break;
        case O_OPTS: a.opts = arg; break;
        case O_BACKING: a.backing = arg; break;
        case O_BACKING_FMT: a.backing_fmt = arg; break;
        case O_COMPRESS: a.compress = true; break;
        case O_PROGRESS: a.progress = true; break;
        case O_OUTPUT: a.output = arg; break;
        case O_CHAIN: a.chain = true; break;
        case O_REPAIR: a.repair = arg; break;
        case O_QUIET: a.quiet = true; break;
        case O_UNSAFE: a.unsafe = true; break;
        case O_CREATE_SN: a.sn_create = arg; break;
        case O_LIST_SN: a.sn_list = true; break;
        case O_APPLY_SN: a.sn_apply = arg; break;
        case O_DELETE_SN: a.sn_delete = arg; break;
        case O_STRICT: a.strict = true; break;
        case O_SHRINK: a.shrink = true; break;
        case O_SHARE: break;
        case O_HELP:
            printf("usage: emu-img %s\n", cmd->usage);
            opt_print_help(stdout, cmd->opts);
            return 0;
        }
    }
    return cmd->run(&a);
}
