/*
 * accel-bench.c — execution-layer figures with the toy target, printed and
 * never asserted:
 *   - dispatch: a three-instruction loop chained (goto_tb patched, the loop
 *     never leaves generated code) against the same loop with -d nochain
 *     (every TB returns to cpu_exec and is looked up again);
 *   - translation: distinct TBs translated per second and host bytes per
 *     guest instruction.
 *
 *     build-accel/tests/unit/accel/accel-bench            default back end
 *     EMU_TCG_BACKEND=tci build-accel/tests/unit/accel/accel-bench
 */
#include "../unit/accel/toy.h"

#include "exec/cpu-exec.h"
#include "tcg/tcg-backend.h"
#include "util/error.h"
#include "util/host.h"
#include "util/log.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib.h>

#define LOOP_ITERS 2000000
#define BLOCKS 20000

static double run_loop(ToyCPU *c, bool nochain, uint64_t *execs)
{
    static const int iters_hi = LOOP_ITERS / 1000;
    const uint32_t prog[] = {
        toy_insn(TOY_MOVI, 2, 0, iters_hi),
        toy_insn(TOY_MOVI, 3, 0, 1000),     /* 0x1004: outer */
        toy_insn(TOY_ADDI, 1, 1, 1),        /* 0x1008: inner */
        toy_insn(TOY_ADDI, 3, 3, -1),
        toy_insn(TOY_BNZ, 3, 0, -3),
        toy_insn(TOY_ADDI, 2, 2, -1),
        toy_insn(TOY_BNZ, 2, 0, -6),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    uint64_t mask = 0;
    if (nochain) {
        log_parse_items("nochain", &mask, &error_fatal);
    }
    log_mask = mask;
    toy_load(0x1000, prog, G_N_ELEMENTS(prog));
    c->env.pc = 0x1000;
    uint64_t e0 = c->parent.stats.tb_execs;
    int64_t t0 = clock_monotonic_ns();
    int r = cpu_exec(&c->parent);
    int64_t t1 = clock_monotonic_ns();
    log_mask = 0;
    if (r != EXCP_HLT) {
        fprintf(stderr, "unexpected exit %d\n", r);
    }
    *execs = c->parent.stats.tb_execs - e0;
    return (t1 - t0) / 1e9;
}

int main(int argc, char **argv)
{
    error_set_progname(argv[0]);
    const TCGBackend *be = tcg_backend_default(&error_fatal);
    toy_init(false, 256u << 20);
    ToyCPU *c = toy_cpu_new();

    printf("back end: %s\n", be->name);
    uint64_t execs;
    double chained = run_loop(c, false, &execs);
    double insns = 3.0 * LOOP_ITERS;
    printf("chained loop:   %.3f s, %.1f M guest insns/s, %" PRIu64 " entries from the loop\n",
           chained, insns / chained / 1e6, execs);
    double nochain = run_loop(c, true, &execs);
    printf("unchained loop: %.3f s, %.1f M guest insns/s, %" PRIu64 " entries from the loop\n",
           nochain, insns / nochain / 1e6, execs);
    printf("dispatch: nochain/chained time ratio %.2f, %.1f ns per TB dispatched from the loop\n",
           nochain / chained, (nochain - chained) * 1e9 / execs);

    /* translation: BLOCKS distinct two-instruction TBs */
    uint32_t *p = g_new(uint32_t, 2 * BLOCKS + 1);
    for (int i = 0; i < BLOCKS; i++) {
        p[2 * i] = toy_insn(TOY_ADDI, 1, 1, 1);
        p[2 * i + 1] = toy_insn(TOY_J, 0, 0, 0);
    }
    p[2 * BLOCKS] = toy_insn(TOY_HALT, 0, 0, 0);
    toy_load(0x10000, p, 2 * BLOCKS + 1);
    tb_flush(NULL);
    TBStats s0, s1;
    tb_get_stats(&s0);
    uint64_t tr0 = c->parent.stats.translations;
    c->env.pc = 0x10000;
    int64_t t0 = clock_monotonic_ns();
    cpu_exec(&c->parent);
    int64_t t1 = clock_monotonic_ns();
    tb_get_stats(&s1);
    uint64_t tbs = c->parent.stats.translations - tr0;
    printf("translation: %" PRIu64 " TBs in %.3f s: %.0f TBs/s, %.0f guest insns/s, "
           "%.1f host bytes per guest insn (code + restore data)\n",
           tbs, (t1 - t0) / 1e9, tbs / ((t1 - t0) / 1e9), 2.0 * tbs / ((t1 - t0) / 1e9),
           (double)(s1.code_used - s0.code_used) / (2.0 * tbs));
    g_free(p);
    return 0;
}
