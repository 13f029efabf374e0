/*
 * tcg-bench — translator throughput and interpreter speed, printed, never
 * asserted.  For every back end of tcg_backend_list() (plus the harness's
 * tci-expand) it measures:
 *   - IR generation: ops emitted per second by the tcg_gen API for a TB of
 *     synthetic guest instructions;
 *   - optimizer + liveness: ops per second through both passes;
 *   - code generation: whole tcg_gen_code() per TB, guest insns per second
 *     and bytes of code (+ restore data) per guest instruction;
 *   - execution: a counted loop, chained to itself with goto_tb, against the
 *     same loop leaving to the caller after every iteration (dispatch cost).
 * Two kinds of TB are translated: "straight" (32 instructions without
 * branches: load operands, compute, set flags) and "branchy" (128
 * instructions, each a conditional update with its own label and constant,
 * as predicated or flag-testing guest code gives; many labels and temps
 * expose per-label costs in the passes).
 *
 * Usage: build-<dir>/tests/unit/tcg/tcg-bench [seconds-per-measure, default 0.3]
 *        build-<dir>/tests/unit/tcg/tcg-bench --tbs N [straight|branchy]
 *            translate exactly N TBs of each kind (or of the one named) per
 *            back end, untimed: a reproducible workload for
 *            valgrind --tool=callgrind
 */
#include "../unit/tcg/tcg-test.h"
#include "util/bitops.h"
#include "util/host.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double budget_ns = 0.3e9;

/* One straight-line guest instruction: r[d] = r[a] op r[b], flags from the result. */
static void gen_straight_insn(int i)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64(), u = tcg_temp_ebb_new_i64();

    tcg_gen_insn_start(0x1000 + 4 * i, 0, 0);
    tcg_gen_add_i64(t, tt_reg64[i & 7], tt_reg64[(i + 3) & 7]);
    tcg_gen_andi_i64(u, t, 0xffffffff);
    tcg_gen_xori_i64(u, u, i);
    tcg_gen_mov_i64(tt_reg64[(i + 1) & 7], u);
    /* flags: zero, sign, carry, most of them dead by the next instruction */
    tcg_gen_setcondi_i64(TCG_COND_EQ, tt_reg64[5], u, 0);
    tcg_gen_setcondi_i64(TCG_COND_LT, tt_reg64[6], u, 0);
    tcg_gen_setcond_i64(TCG_COND_LTU, tt_reg64[7], t, tt_reg64[i & 7]);
    tcg_temp_free_i64(t);
    tcg_temp_free_i64(u);
}

/*
 * One conditional guest instruction: if (flag) r[d] = (r[a] + k) ^ acc,
 * where acc is a TB temp that lives across the labels, then a new flag.
 */
static void gen_branchy_insn(int i, TCGv_i64 acc)
{
    TCGLabel *skip = gen_new_label();
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_insn_start(0x1000 + 4 * i, 0, 0);
    tcg_gen_brcondi_i64(TCG_COND_EQ, tt_reg64[5], 0, skip);
    tcg_gen_addi_i64(t, tt_reg64[i & 7], 0x1000 + i * 8);
    tcg_gen_xor_i64(tt_reg64[(i + 1) & 3], t, acc);
    tcg_gen_add_i64(acc, acc, t);
    gen_set_label(skip);
    tcg_gen_setcondi_i64(TCG_COND_LTU, tt_reg64[5], tt_reg64[(i + 1) & 3], i * 3);
    tcg_temp_free_i64(t);
}

typedef struct Workload {
    const char *name;
    int insns;                     /* guest instructions per TB */
    void (*gen)(void);             /* emit the TB's IR */
} Workload;

static void gen_straight_tb(void)
{
    for (int i = 0; i < 32; i++) {
        gen_straight_insn(i);
    }
    tcg_gen_exit_tb(NULL, 0);
}

static void gen_branchy_tb(void)
{
    TCGv_i64 acc = tcg_temp_new_i64();
    tcg_gen_movi_i64(acc, 0);
    for (int i = 0; i < 128; i++) {
        gen_branchy_insn(i, acc);
    }
    tcg_gen_mov_i64(tt_reg64[7], acc);
    tcg_gen_exit_tb(NULL, 0);
}

static const Workload workloads[] = {
    { "straight", 32, gen_straight_tb },
    { "branchy", 128, gen_branchy_tb },
};

static void bench_translation(const TCGBackend *be, const Workload *w)
{
    int64_t t0, t_gen = 0, t_opt = 0, t_all = 0;
    long n_gen = 0, ops_gen = 0, n_opt = 0, ops_opt = 0, n_all = 0;
    size_t code_bytes = 0;

    /* IR generation alone */
    t0 = clock_monotonic_ns();
    while (t_gen < budget_ns) {
        TCGContext *s = tt_begin(be, true);
        w->gen();
        ops_gen += s->nb_ops;
        n_gen++;
        if ((n_gen & 63) == 0) {
            t_gen = clock_monotonic_ns() - t0;
        }
    }
    t_gen = clock_monotonic_ns() - t0;

    /* optimizer + liveness, timed around the passes only */
    while (t_opt < budget_ns) {
        TCGContext *s = tt_begin(be, true);
        w->gen();
        ops_opt += s->nb_ops;
        int64_t a = clock_monotonic_ns();
        tcg_optimize(s);
        tcg_liveness(s);
        t_opt += clock_monotonic_ns() - a;
        n_opt++;
    }

    /* the whole path: IR, passes, code, restore data */
    t0 = clock_monotonic_ns();
    while (t_all < budget_ns) {
        TCGContext *s = tt_begin(be, true);
        w->gen();
        TranslationBlock *tb = tt_end(s);
        code_bytes += tb->tc_size + tb->restore_size;
        n_all++;
        if ((n_all & 63) == 0) {
            t_all = clock_monotonic_ns() - t0;
        }
    }
    t_all = clock_monotonic_ns() - t0;

    printf("%-11s %-8s IR generation     %8.2f M ops/s   (%ld ops per TB of %d insns)\n",
           be->name, w->name, ops_gen / (t_gen / 1e3), ops_gen / n_gen, w->insns);
    printf("%-11s %-8s optimize+liveness %8.2f M ops/s\n", be->name, w->name,
           ops_opt / (t_opt / 1e3));
    printf("%-11s %-8s translation       %8.2f M guest insns/s, %.0f TBs/s, %.1f bytes/insn\n",
           be->name, w->name, n_all * w->insns / (t_all / 1e3), n_all / (t_all / 1e9),
           (double)code_bytes / (n_all * w->insns));
}

/*
 * The loop TB: r0 += 1; r1 += r0; if (r0 != r2) goto_tb 0 (to itself when
 * chained) else exit_tb(NULL).  Unchained, goto_tb falls through to
 * exit_tb(tb, 0) and the caller re-enters: that is the dispatch cost.
 */
static TranslationBlock *gen_loop_tb(const TCGBackend *be, TranslationBlock *marker)
{
    TCGContext *s = tt_begin(be, true);
    TCGLabel *done = gen_new_label();

    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 1);
    tcg_gen_add_i64(tt_reg64[1], tt_reg64[1], tt_reg64[0]);
    tcg_gen_brcond_i64(TCG_COND_EQ, tt_reg64[0], tt_reg64[2], done);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(marker, 0);
    gen_set_label(done);
    tcg_gen_exit_tb(NULL, 0);
    return tt_end(s);
}

static void bench_execution(const TCGBackend *be)
{
    static TranslationBlock marker __attribute__((aligned(8)));
    TranslationBlock *tb = gen_loop_tb(be, &marker);
    CPUArchState env = { 0 };
    uint64_t iters = 1000;
    double chained_ns = 0, unchained_ns = 0;

    be->set_jmp_target(tb, 0, tb->tc_ptr, 0);
    for (;;) {
        env.regs[0] = 0;
        env.regs[2] = iters;
        int64_t t0 = clock_monotonic_ns();
        be->exec(&env, tb->tc_ptr);
        int64_t dt = clock_monotonic_ns() - t0;
        if (dt > budget_ns || iters > (1ull << 34)) {
            chained_ns = (double)dt / iters;
            break;
        }
        iters *= 4;
    }
    tcg_tb_reset_jump(be, tb, 0, 0);
    env.regs[0] = 0;
    env.regs[2] = 0;   /* never reached: every iteration returns */
    uint64_t n = 0;
    int64_t t0 = clock_monotonic_ns();
    while (clock_monotonic_ns() - t0 < budget_ns) {
        for (int k = 0; k < 1000; k++) {
            be->exec(&env, tb->tc_ptr);
        }
        n += 1000;
    }
    unchained_ns = (double)(clock_monotonic_ns() - t0) / n;
    printf("%-11s loop (4 ops/iter) chained %6.1f ns/iter (%.0f M IR ops/s), "
           "unchained %6.1f ns/iter\n", be->name, chained_ns, 4 / chained_ns * 1e3,
           unchained_ns);
}

int main(int argc, char **argv)
{
    long profile_tbs = 0;
    const char *only = NULL;

    if (argc > 2 && strcmp(argv[1], "--tbs") == 0) {
        profile_tbs = atol(argv[2]);
        only = argc > 3 ? argv[3] : NULL;
    } else if (argc > 1) {
        budget_ns = atof(argv[1]) * 1e9;
    }
    const TCGBackend *const *bes = tt_backends();
    for (int i = 0; bes[i]; i++) {
        for (size_t w = 0; w < ARRAY_SIZE(workloads); w++) {
            if (only && strcmp(only, workloads[w].name) != 0) {
                continue;
            }
            if (profile_tbs) {
                for (long n = 0; n < profile_tbs; n++) {
                    TCGContext *s = tt_begin(bes[i], true);
                    workloads[w].gen();
                    tt_end(s);
                }
            } else {
                bench_translation(bes[i], &workloads[w]);
            }
        }
        if (!profile_tbs) {
            bench_execution(bes[i]);
        }
    }
    return 0;
}
