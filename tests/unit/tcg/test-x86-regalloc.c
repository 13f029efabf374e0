/*
 * test-x86-regalloc.c — the register allocator and the x86-64 back end
 * under stress the per-op tests do not create: more live values than host
 * registers (spills and fills), helper calls with seven arguments (one on
 * the stack) among live values, globals synced or dropped around calls as
 * the helper flags say, goto_tb patching and resetting, and random programs
 * with branches and calls run on every back end and compared with TCI.
 * Every expected value comes from plain C arithmetic written here, or (for
 * the random programs) from TCI, which shares no code with the allocator.
 */
#include "tcg-test.h"
#include "util/bitops.h"

#include <stddef.h>
#include <string.h>

#define ENV_OFF(f) offsetof(CPUArchState, f)

static const TCGBackend *find_backend(const char *name)
{
    const TCGBackend *const *bes = tt_backends();
    for (int i = 0; bes[i]; i++) {
        if (strcmp(bes[i]->name, name) == 0) {
            return bes[i];
        }
    }
    return NULL;
}

/* ---- register pressure ------------------------------------------------------ */

#define NB_LIVE 40

static uint64_t pressure_ref(const uint64_t *in)
{
    uint64_t t[NB_LIVE], acc = 0;
    for (int i = 0; i < NB_LIVE; i++) {
        t[i] = in[i % 8] * (uint64_t)(2 * i + 1) + (uint64_t)i;
    }
    for (int i = 0; i < NB_LIVE; i++) {
        acc = rol64(acc, 7) ^ (t[i] - t[NB_LIVE - 1 - i]);
    }
    return acc;
}

static void test_pressure(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(11);

    for (int b = 0; bes[b]; b++) {
        TCGContext *s = tt_begin(bes[b], false);
        TCGv_i64 t[NB_LIVE], acc = tcg_temp_new_i64(), x = tcg_temp_new_i64();
        for (int i = 0; i < NB_LIVE; i++) {
            t[i] = tcg_temp_new_i64();
            tcg_gen_ld_i64(t[i], tcg_env, ENV_OFF(in64[i % 8]));
            tcg_gen_muli_i64(t[i], t[i], 2 * i + 1);
            tcg_gen_addi_i64(t[i], t[i], i);
        }
        tcg_gen_movi_i64(acc, 0);
        for (int i = 0; i < NB_LIVE; i++) {
            tcg_gen_sub_i64(x, t[i], t[NB_LIVE - 1 - i]);
            tcg_gen_rotli_i64(acc, acc, 7);
            tcg_gen_xor_i64(acc, acc, x);
        }
        tcg_gen_st_i64(acc, tcg_env, ENV_OFF(out64[0]));
        tcg_gen_exit_tb(NULL, 0);
        TranslationBlock *tb = tt_end(s);
        for (int n = 0; n < 200; n++) {
            CPUArchState env = { 0 };
            for (int k = 0; k < 8; k++) {
                env.in64[k] = tt_rand_operand(r);
            }
            tt_run(s, tb, &env);
            g_assert_cmphex(env.out64[0], ==, pressure_ref(env.in64));
        }
    }
    g_rand_free(r);
}

/* ---- calls with many arguments among live values ------------------------------- */

/* Seven arguments with env: the System V ABI passes the last one on the stack. */
static uint64_t helper_seven(CPUArchState *env, uint64_t a, uint32_t b, uint64_t c,
                             uint32_t d, uint64_t e, uint64_t f)
{
    env->helper_calls++;
    return a * 3 + (uint64_t)b * 5 + rol64(c, 9) + ((uint64_t)d << 17) - e * 7 + (f ^ 0x5555);
}

static const TCGHelperInfo info_seven = {
    .func = (void *)helper_seven, .name = "seven", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_I64, .nargs = 7,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32, TCG_CALL_TYPE_I64,
              TCG_CALL_TYPE_I32, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64 },
};

static void test_call_args(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(12);

    for (int b = 0; bes[b]; b++) {
        TCGContext *s = tt_begin(bes[b], b & 1);
        TCGv_i64 live[16], res = tcg_temp_new_i64(), sum = tcg_temp_new_i64();
        TCGv_i32 w = tcg_temp_new_i32();
        for (int i = 0; i < 16; i++) {
            live[i] = tcg_temp_new_i64();
            tcg_gen_ld_i64(live[i], tcg_env, ENV_OFF(in64[i % 8]));
            tcg_gen_xori_i64(live[i], live[i], 0x1000 + i);
        }
        tcg_gen_ld_i32(w, tcg_env, ENV_OFF(in32[0]));
        /* arguments in the "wrong" registers, repeated, and a constant */
        TCGTemp *args[7] = {
            tcgv_ptr_temp(tcg_env), tcgv_i64_temp(live[5]), tcgv_i32_temp(w),
            tcgv_i64_temp(live[0]), tcgv_i32_temp(w), tcgv_i64_temp(live[5]),
            tcgv_i64_temp(tcg_constant_i64(0x123456789abcll)),
        };
        tcg_gen_call(&info_seven, tcgv_i64_temp(res), args);
        tcg_gen_movi_i64(sum, 0);
        for (int i = 0; i < 16; i++) {
            tcg_gen_rotli_i64(sum, sum, 3);
            tcg_gen_add_i64(sum, sum, live[i]);
        }
        tcg_gen_st_i64(res, tcg_env, ENV_OFF(out64[0]));
        tcg_gen_st_i64(sum, tcg_env, ENV_OFF(out64[1]));
        tcg_gen_exit_tb(NULL, 0);
        TranslationBlock *tb = tt_end(s);

        for (int n = 0; n < 100; n++) {
            CPUArchState env = { 0 };
            for (int k = 0; k < 8; k++) {
                env.in64[k] = tt_rand_operand(r);
                env.in32[k] = g_rand_int(r);
            }
            tt_run(s, tb, &env);
            uint64_t l[16], sum_ref = 0;
            for (int i = 0; i < 16; i++) {
                l[i] = env.in64[i % 8] ^ (0x1000 + i);
                sum_ref = rol64(sum_ref, 3) + l[i];
            }
            CPUArchState dummy = { 0 };
            uint64_t want = helper_seven(&dummy, l[5], env.in32[0], l[0], env.in32[0], l[5],
                                         0x123456789abcull);
            g_assert_cmphex(env.out64[0], ==, want);
            g_assert_cmphex(env.out64[1], ==, sum_ref);
            g_assert_cmpuint(env.helper_calls, ==, 1);
        }
    }
    g_rand_free(r);
}

/* ---- globals around helper calls --------------------------------------------------- */

static uint64_t helper_read_r0(CPUArchState *env)
{
    return env->regs[0];
}

static void helper_write_r1(CPUArchState *env)
{
    env->regs[1] = 0x9999;
}

static void helper_clobber_r3(CPUArchState *env)
{
    /* breaks its own NO_RWG promise: shows whether r3 stayed cached in a register */
    env->regs[3] = 0xdead;
}

static const TCGHelperInfo info_read_r0 = {
    .func = (void *)helper_read_r0, .name = "read_r0", .flags = TCG_CALL_NO_WG,
    .ret = TCG_CALL_TYPE_I64, .nargs = 1, .args = { TCG_CALL_TYPE_PTR },
};
static const TCGHelperInfo info_write_r1 = {
    .func = (void *)helper_write_r1, .name = "write_r1", .flags = 0,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 1, .args = { TCG_CALL_TYPE_PTR },
};
static const TCGHelperInfo info_clobber_r3 = {
    .func = (void *)helper_clobber_r3, .name = "clobber_r3", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 1, .args = { TCG_CALL_TYPE_PTR },
};

static void test_global_sync(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        for (int opt = 0; opt < 2; opt++) {
            TCGContext *s = tt_begin(bes[b], opt);
            TCGTemp *envt = tcgv_ptr_temp(tcg_env);
            TCGv_i64 got = tcg_temp_new_i64();
            /* r0 = in + 1 lives in a register: a reading helper must see it */
            tcg_gen_ld_i64(tt_reg64[0], tcg_env, ENV_OFF(in64[0]));
            tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 1);
            tcg_gen_call(&info_read_r0, tcgv_i64_temp(got), &envt);
            tcg_gen_st_i64(got, tcg_env, ENV_OFF(out64[0]));
            /* r1 cached, then a helper writes it: the TB must read the new value */
            tcg_gen_ld_i64(tt_reg64[1], tcg_env, ENV_OFF(in64[1]));
            tcg_gen_addi_i64(tt_reg64[1], tt_reg64[1], 2);
            tcg_gen_call(&info_write_r1, NULL, &envt);
            tcg_gen_addi_i64(tt_reg64[1], tt_reg64[1], 5);
            /* r3 set before a NO_RWG helper: allowed to stay in a register */
            tcg_gen_ld_i64(tt_reg64[3], tcg_env, ENV_OFF(in64[3]));
            tcg_gen_call(&info_clobber_r3, NULL, &envt);
            tcg_gen_addi_i64(tt_reg64[3], tt_reg64[3], 3);
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = tt_end(s);

            CPUArchState env = { .in64 = { 100, 200, 300, 400 } };
            tt_run(s, tb, &env);
            g_assert_cmphex(env.out64[0], ==, 101);
            g_assert_cmphex(env.regs[0], ==, 101);
            g_assert_cmphex(env.regs[1], ==, 0x9999 + 5);
            if (strcmp(bes[b]->name, "x86_64") == 0) {
                /* the native back end keeps r3 in a register across the NO_RWG call */
                g_assert_cmphex(env.regs[3], ==, 403);
            }
        }
    }
}

/* ---- goto_tb ----------------------------------------------------------------------- */

static TranslationBlock fake_a, fake_b;   /* only their addresses matter: exit values */

static void test_goto_tb(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        const TCGBackend *be = bes[b];
        TCGContext *s = tt_begin(be, true);
        tcg_gen_insn_start(0x1000, 0, 0);
        tcg_gen_st_i64(tcg_constant_i64(1), tcg_env, ENV_OFF(out64[0]));
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(&fake_a, 0);
        TranslationBlock *a = tt_end_keep(s);
        tt_begin(be, true);
        tcg_gen_insn_start(0x2000, 0, 0);
        tcg_gen_st_i64(tcg_constant_i64(2), tcg_env, ENV_OFF(out64[1]));
        tcg_gen_exit_tb(&fake_b, 1);
        TranslationBlock *tb_b = tt_end_keep(s);

        g_assert_cmpuint(a->jmp_insn_offset[0], !=, TB_JMP_OFFSET_INVALID);
        g_assert_cmpuint(a->jmp_reset_offset[0], !=, TB_JMP_OFFSET_INVALID);
        if (strcmp(be->name, "x86_64") == 0) {
            g_assert_cmpuint(((uintptr_t)a->tc_ptr + a->jmp_insn_offset[0]) & 3, ==, 0);
        }
        for (int round = 0; round < 3; round++) {
            CPUArchState env = { 0 };
            g_assert_cmphex(tt_run(s, a, &env), ==, (uintptr_t)&fake_a);
            g_assert_cmphex(env.out64[1], ==, 0);

            be->set_jmp_target(a, 0, tb_b->tc_ptr, 0);
            memset(&env, 0, sizeof(env));
            g_assert_cmphex(tt_run(s, a, &env), ==, (uintptr_t)&fake_b | 1);
            g_assert_cmphex(env.out64[0], ==, 1);
            g_assert_cmphex(env.out64[1], ==, 2);

            tcg_tb_reset_jump(be, a, 0, 0);
        }
    }
}

/* ---- random programs: every back end against TCI ------------------------------------- */

static uint64_t helper_mix(uint64_t a, uint64_t b)
{
    return rol64(a, 13) ^ (b * 0x9e3779b97f4a7c15ull);
}

static const TCGHelperInfo info_mix = {
    .func = (void *)helper_mix, .name = "mix", .flags = TCG_CALL_PURE,
    .ret = TCG_CALL_TYPE_I64, .nargs = 2, .args = { TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64 },
};

#define RP_TEMPS 10

/* Guest memory ops of the random programs: an address inside the test memory. */
static void gen_random_guest_addr(GRand *r, TCGv_i64 addr, TCGv_i64 a, MemOp *mop)
{
    static const MemOp sizes[] = { MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_UQ };
    *mop = sizes[g_rand_int_range(r, 0, ARRAY_SIZE(sizes))] | (g_rand_boolean(r) ? MO_BE : MO_LE);
    switch (g_rand_int_range(r, 0, 3)) {
    case 0:                          /* 16-aligned: may require alignment */
        tcg_gen_andi_i64(addr, a, TT_GUEST_MEM_SIZE - 16);
        if (g_rand_boolean(r)) {
            *mop |= MO_ALIGN;
        }
        break;
    case 1:                          /* just below a page end: crosses for 4 and 8 bytes */
        tcg_gen_andi_i64(addr, a, (TT_GUEST_MEM_SIZE / 2 - 1) & ~((1 << TT_PAGE_BITS) - 1));
        tcg_gen_addi_i64(addr, addr, (1 << TT_PAGE_BITS) - 3);
        break;
    default:                         /* anywhere */
        tcg_gen_andi_i64(addr, a, TT_GUEST_MEM_SIZE - 16 + 7);
        break;
    }
}

static void gen_random_program(GRand *r, bool with_calls, bool with_memory)
{
    TCGv_i64 t[RP_TEMPS];
    TCGv_i32 w = tcg_temp_new_i32();
    int nops = g_rand_int_range(r, 20, 80);

    for (int i = 0; i < RP_TEMPS; i++) {
        t[i] = tcg_temp_new_i64();
        if (i < 8) {
            tcg_gen_ld_i64(t[i], tcg_env, ENV_OFF(in64[i]));
        } else {
            tcg_gen_mov_i64(t[i], tt_reg64[i - 8]);
        }
    }
    TCGLabel *pending = NULL;
    int pending_at = 0;
    for (int n = 0; n < nops; n++) {
#define RT t[g_rand_int_range(r, 0, RP_TEMPS)]
        TCGv_i64 d = RT, a = RT, b = RT;
        int k = g_rand_int_range(r, 0, with_memory ? 27 : 24);
        switch (k) {
        case 0: tcg_gen_add_i64(d, a, b); break;
        case 1: tcg_gen_sub_i64(d, a, b); break;
        case 2: tcg_gen_mul_i64(d, a, b); break;
        case 3: tcg_gen_and_i64(d, a, b); break;
        case 4: tcg_gen_or_i64(d, a, b); break;
        case 5: tcg_gen_xor_i64(d, a, b); break;
        case 6: tcg_gen_shl_i64(d, a, b); break;
        case 7: tcg_gen_sar_i64(d, a, b); break;
        case 8: tcg_gen_rotr_i64(d, a, b); break;
        case 9: tcg_gen_addi_i64(d, a, (int32_t)g_rand_int(r)); break;
        case 10: tcg_gen_shri_i64(d, a, g_rand_int_range(r, 0, 64)); break;
        case 11: tcg_gen_setcond_i64(g_rand_int_range(r, TCG_COND_EQ, TCG_COND_COUNT), d, a, b);
            break;
        case 12: tcg_gen_movcond_i64(g_rand_int_range(r, TCG_COND_EQ, TCG_COND_COUNT), d, a, b,
                                     RT, RT);
            break;
        case 13: {
            int pos = g_rand_int_range(r, 0, 63);
            tcg_gen_deposit_i64(d, a, b, pos, g_rand_int_range(r, 1, 65 - pos));
            break;
        }
        case 14: {
            int pos = g_rand_int_range(r, 0, 63);
            tcg_gen_sextract_i64(d, a, pos, g_rand_int_range(r, 1, 65 - pos));
            break;
        }
        case 15: tcg_gen_clz_i64(d, a, b); break;
        case 16: tcg_gen_bswap64_i64(d, a); break;
        case 17: tcg_gen_mulsh_i64(d, a, b); break;
        case 18:
            tcg_gen_extrl_i64_i32(w, a);
            tcg_gen_muli_i32(w, w, 7);
            tcg_gen_ext_i32_i64(d, w);
            break;
        case 19: tcg_gen_mov_i64(tt_reg64[g_rand_int_range(r, 0, 2)], a); break;
        case 20: tcg_gen_add_i64(d, a, tt_reg64[g_rand_int_range(r, 0, 2)]); break;
        case 21:
            if (with_calls) {
                TCGTemp *args[2] = { tcgv_i64_temp(a), tcgv_i64_temp(b) };
                tcg_gen_call(&info_mix, tcgv_i64_temp(d), args);
            }
            break;
        case 22:
            if (!pending) {
                pending = gen_new_label();
                pending_at = n + g_rand_int_range(r, 1, 10);
                tcg_gen_brcond_i64(g_rand_int_range(r, TCG_COND_EQ, TCG_COND_COUNT), a, b, pending);
            }
            break;
        case 24:
        case 25: {
            TCGv_i64 addr = tcg_temp_ebb_new_i64();
            MemOp mop;
            gen_random_guest_addr(r, addr, a, &mop);
            if (k == 24) {
                tcg_gen_qemu_ld_i64(d, addr, 1, mop);
            } else {
                tcg_gen_qemu_st_i64(b, addr, 1, mop);
            }
            tcg_temp_free_i64(addr);
            break;
        }
        case 26: {                   /* a 32-bit guest address */
            TCGv_i64 addr = tcg_temp_ebb_new_i64();
            TCGv_i32 a32 = tcg_temp_ebb_new_i32();
            MemOp mop;
            gen_random_guest_addr(r, addr, a, &mop);
            tcg_gen_extrl_i64_i32(a32, addr);
            if (g_rand_boolean(r)) {
                MemOp m32 = (mop & MO_SIZE) == MO_64 ? (mop & ~MO_SIZE) | MO_32 : mop;
                tcg_gen_qemu_ld_i32(w, a32, 1, m32);
                tcg_gen_extu_i32_i64(d, w);
            } else {
                tcg_gen_qemu_st_i64(b, a32, 1, mop);
            }
            tcg_temp_free_i32(a32);
            tcg_temp_free_i64(addr);
            break;
        }
        default: tcg_gen_extract2_i64(d, a, b, g_rand_int_range(r, 0, 64)); break;
        }
#undef RT
        if (pending && n >= pending_at) {
            gen_set_label(pending);
            pending = NULL;
        }
    }
    if (pending) {
        gen_set_label(pending);
    }
    for (int i = 0; i < 4; i++) {
        TCGv_i64 x = tcg_temp_new_i64();
        tcg_gen_xor_i64(x, t[i], t[i + 4]);
        tcg_gen_add_i64(x, x, t[8 + (i & 1)]);
        tcg_gen_st_i64(x, tcg_env, ENV_OFF(out64[i]));
    }
    tcg_gen_exit_tb(NULL, 0);
}

/* Guest memory of one random-program run: a pattern from seed. */
static void fill_guest_mem(guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);
    for (int i = 0; i < TT_GUEST_MEM_SIZE; i += 4) {
        uint32_t v = g_rand_int(r);
        memcpy(tt_guest_mem + i, &v, 4);
    }
    g_rand_free(r);
}

/*
 * The random programs in three guest-memory modes (user mode, system mode
 * through the helpers, system mode with a soft TLB whose entries for some
 * pages are empty or flag writes, so the inline path and its slow path
 * alternate among live registers): registers, outputs and the whole test
 * memory must match TCI's.
 */
static void test_random_vs_tci(void)
{
    const TCGBackend *const *bes = tt_backends();
    const TCGBackend *tci = find_backend("tci");
    GRand *r = g_rand_new_with_seed(tt_random_seed(13));
    unsigned programs = 0;
    static TTCPU cpu;
    uint8_t *want_mem = g_malloc(TT_GUEST_MEM_SIZE);

    if (!tci) {
        g_test_skip("the oracle, TCI, is not compiled in (or not in EMU_TCG_TEST_BACKENDS)");
        g_free(want_mem);
        return;
    }
    int nb_programs = g_test_slow() ? 30000 : 300;
    for (int p = 0; p < nb_programs; p++) {
        guint32 seed = g_rand_int(r);
        bool opt = p & 1;
        int mode = p % 3;            /* 0 user, 1 system via helpers, 2 system with a TLB */
        uint32_t flagged = g_rand_int(r), empty = g_rand_int(r) & g_rand_int(r);
        for (int b = 0; bes[b]; b++) {
            if (bes[b] == tci) {
                continue;
            }
            /* the same program for the oracle (v = 0) and the back end (one context) */
            const TCGBackend *be[2] = { tci, bes[b] };
            TranslationBlock *tb[2];
            for (int v = 0; v < 2; v++) {
                GRand *pr = g_rand_new_with_seed(seed);
                TCGContext *s = tt_begin(be[v], opt);
                s->softmmu = mode != 0;
                s->tlb_page_bits = mode == 2 ? TT_PAGE_BITS : 0;
                gen_random_program(pr, true, true);
                tb[v] = tt_end(s);
                g_rand_free(pr);
            }
            for (int n = 0; n < 4; n++) {
                CPUArchState inputs;
                memset(&inputs, 0, sizeof(inputs));
                for (int k = 0; k < 8; k++) {
                    inputs.in64[k] = tt_rand_operand(r);
                    inputs.regs[k] = tt_rand_operand(r);
                }
                guint32 mem_seed = g_rand_int(r);
                CPUArchState want = inputs;
                fill_guest_mem(mem_seed);
                be[0]->exec(&want, tb[0]->tc_ptr);
                memcpy(want_mem, tt_guest_mem, TT_GUEST_MEM_SIZE);

                fill_guest_mem(mem_seed);
                memset(&cpu, 0, sizeof(cpu));
                tt_tlb_setup(&cpu, flagged, empty);
                cpu.env = inputs;
                be[1]->exec(&cpu.env, tb[1]->tc_ptr);
                CPUArchState *got = &cpu.env;
                if (memcmp(got, &want, sizeof(want)) != 0 ||
                    memcmp(tt_guest_mem, want_mem, TT_GUEST_MEM_SIZE) != 0) {
                    g_test_message("%s differs from tci on program %d (seed %u, opt %d, mode %d)",
                                   bes[b]->name, p, seed, opt, mode);
                }
                for (int k = 0; k < 4; k++) {
                    g_assert_cmphex(got->out64[k], ==, want.out64[k]);
                }
                for (int k = 0; k < 2; k++) {
                    g_assert_cmphex(got->regs[k], ==, want.regs[k]);
                }
                g_assert_cmpmem(tt_guest_mem, TT_GUEST_MEM_SIZE, want_mem, TT_GUEST_MEM_SIZE);
            }
            programs++;
        }
    }
    g_test_message("%u random programs compared with tci", programs);
    g_rand_free(r);
    g_free(want_mem);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/regalloc/pressure", test_pressure);
    g_test_add_func("/x86/regalloc/call-args", test_call_args);
    g_test_add_func("/x86/regalloc/global-sync", test_global_sync);
    g_test_add_func("/x86/goto-tb", test_goto_tb);
    g_test_add_func("/x86/random-vs-tci", test_random_vs_tci);
    return g_test_run();
}
