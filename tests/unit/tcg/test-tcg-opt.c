/*
 * The optimizer and liveness: specific folds must happen (counted in the
 * op list after tcg_gen_code), and random programs must compute the same
 * CPU state optimized and unoptimized, on every back end.
 */
#include "tcg-test.h"
#include "util/bitops.h"

#include <stddef.h>
#include <string.h>

#define SCRATCH(i) offsetof(CPUArchState, scratch[i])

/* Ops left after tcg_gen_code, insn_start and the final exit_tb not counted. */
static int count_ops(TCGContext *s)
{
    int n = 0;
    TCG_FOR_EACH_OP(s, op) {
        if (op->opc != INDEX_op_insn_start && op->opc != INDEX_op_exit_tb) {
            n++;
        }
    }
    return n;
}

static int count_opc(TCGContext *s, TCGOpcode opc)
{
    int n = 0;
    TCG_FOR_EACH_OP(s, op) {
        n += op->opc == opc;
    }
    return n;
}

static TCGContext *begin(void)
{
    TCGContext *s = tt_begin(tt_backends()[0], true);
    tcg_gen_insn_start(0x1000, 0, 0);
    return s;
}

static void end(TCGContext *s, CPUArchState *env)
{
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = tt_end(s);
    tt_run(s, tb, env);
}

static void test_fold_constant_chain(void)
{
    CPUArchState env = { 0 };
    TCGContext *s = begin();
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    tcg_gen_movi_i64(a, 5);
    tcg_gen_addi_i64(b, a, 3);
    tcg_gen_muli_i64(b, b, 6);
    tcg_gen_shli_i64(a, b, 2);
    tcg_gen_xori_i64(a, a, 0xff);
    tcg_gen_mov_i64(tt_reg64[0], a);
    end(s, &env);
    /* one mov of the constant into the global is all that is left */
    g_assert_cmpint(count_ops(s), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_mov), ==, 1);
    g_assert_cmphex(env.regs[0], ==, ((5 + 3) * 6 << 2) ^ 0xff);
}

static void test_identities(void)
{
    CPUArchState env = { .regs = { 0x1234 }, .regs32 = { 0, 77 } };
    TCGContext *s = begin();
    TCGv_i64 g = tt_reg64[0];
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_addi_i64(t, g, 0);       /* mov */
    tcg_gen_ori_i64(t, t, 0);        /* mov */
    tcg_gen_muli_i64(t, t, 1);       /* mov */
    tcg_gen_andi_i64(t, t, -1);      /* mov */
    tcg_gen_shli_i64(t, t, 0);       /* nothing */
    tcg_gen_mov_i64(tt_reg64[1], t);
    tcg_gen_xor_i64(tt_reg64[2], g, g);       /* 0 */
    tcg_gen_sub_i64(tt_reg64[3], g, g);       /* 0 */
    tcg_gen_and_i64(tt_reg64[4], g, g);       /* g */
    tcg_gen_setcond_i64(TCG_COND_LEU, tt_reg64[5], g, g);  /* 1 */
    tcg_gen_muli_i32(tt_reg32[1], tt_reg32[1], 0);         /* 0 */
    end(s, &env);
    /* every op became a mov straight from g or of a constant */
    TCG_FOR_EACH_OP(s, op) {
        g_assert(op->opc == INDEX_op_mov || op->opc == INDEX_op_insn_start ||
                 op->opc == INDEX_op_exit_tb);
    }
    g_assert_cmphex(env.regs[1], ==, 0x1234);
    g_assert_cmphex(env.regs[2], ==, 0);
    g_assert_cmphex(env.regs[3], ==, 0);
    g_assert_cmphex(env.regs[4], ==, 0x1234);
    g_assert_cmphex(env.regs[5], ==, 1);
    g_assert_cmphex(env.regs32[1], ==, 0);
}

static void test_known_zero_bits(void)
{
    CPUArchState env = { .scratch = { 0x1ff } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_ld8u_i64(t, tcg_env, SCRATCH(0));
    tcg_gen_ext8u_i64(u, t);           /* already zero-extended */
    tcg_gen_andi_i64(u, u, 0xff);      /* removes nothing */
    tcg_gen_ext32u_i64(u, u);          /* nothing */
    tcg_gen_shri_i64(t, u, 8);         /* provably 0 */
    tcg_gen_mov_i64(tt_reg64[0], u);
    tcg_gen_mov_i64(tt_reg64[1], t);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_ext8u), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_and), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32u), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_shr), ==, 0);
    g_assert_cmphex(env.regs[0], ==, 0xff);
    g_assert_cmphex(env.regs[1], ==, 0);
}

/*
 * tcg/demand.c: a zero/sign extension whose result's high half nobody reads
 * becomes a copy; one whose high half is read (a right shift, a 64-bit
 * store, a value crossing a branch, a global that outlives the TB) stays.
 * Expected values are computed here in C from the inputs.
 */
static void test_demand(void)
{
    const uint64_t a = 0xdeadbeef87654321ull, b = 0x1234567890abcdefull;
    CPUArchState env = { .regs = { a, b } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    /* 32-bit add and multiply on extended operands, result extended */
    tcg_gen_ext32u_i64(t, tt_reg64[0]);
    tcg_gen_ext32s_i64(u, tt_reg64[1]);
    tcg_gen_add_i64(t, t, u);
    tcg_gen_mul_i64(t, t, u);
    tcg_gen_ext32u_i64(tt_reg64[2], t);
    /* a dead flag-like global write in between does not count as a reader */
    tcg_gen_ext32u_i64(u, tt_reg64[1]);
    tcg_gen_mov_i64(tt_reg64[3], u);
    tcg_gen_xor_i64(u, u, tt_reg64[0]);
    tcg_gen_movi_i64(tt_reg64[3], 7);
    tcg_gen_st32_i64(u, tcg_env, SCRATCH(0));
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32s), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32u), ==, 1);
    g_assert_cmphex(env.regs[2], ==,
                    (uint32_t)(((uint32_t)a + (uint64_t)(int32_t)b) * (uint64_t)(int32_t)b));
    g_assert_cmphex((uint32_t)env.scratch[0], ==, (uint32_t)(b ^ a));
    g_assert_cmphex(env.regs[3], ==, 7);

    /* readers of the high half keep their extension */
    env = (CPUArchState){ .regs = { a, b } };
    s = begin();
    t = tcg_temp_new_i64();
    u = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64(), w = tcg_temp_new_i64();
    TCGLabel *l = gen_new_label();
    tcg_gen_ext32u_i64(t, tt_reg64[0]);
    tcg_gen_shri_i64(t, t, 4);                       /* bits 35:32 come down */
    tcg_gen_ext32u_i64(tt_reg64[2], t);
    tcg_gen_ext32s_i64(u, tt_reg64[1]);
    tcg_gen_st_i64(u, tcg_env, SCRATCH(1));          /* a 64-bit store */
    tcg_gen_ext32u_i64(v, tt_reg64[1]);              /* crosses the branch */
    tcg_gen_ext32s_i64(w, tt_reg64[0]);              /* a global that outlives the TB */
    tcg_gen_mov_i64(tt_reg64[4], w);
    tcg_gen_brcondi_i64(TCG_COND_EQ, tt_reg64[5], 1, l);
    tcg_gen_ext32u_i64(tt_reg64[3], v);
    tcg_gen_movi_i64(tt_reg64[5], 9);
    gen_set_label(l);
    tcg_gen_mov_i64(tt_reg64[6], v);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32s), ==, 2);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32u), ==, 2);   /* the others: known zero */
    g_assert_cmphex(env.regs[2], ==, (uint32_t)a >> 4);
    g_assert_cmphex(env.scratch[1], ==, (uint64_t)(int32_t)b);
    g_assert_cmphex(env.regs[3], ==, (uint32_t)b);
    g_assert_cmphex(env.regs[4], ==, (uint64_t)(int32_t)a);
    g_assert_cmphex(env.regs[6], ==, (uint32_t)b);
}

/*
 * Demanded bits below 32: an 8- or 16-bit extension, or an and with a
 * constant, whose result only some low bits of matter (a test of bit 0, a
 * byte store) becomes a copy; one whose kept bits or sign matter stays.
 * The constant may sit in a temp (the front ends' "mov t, $c; and r, x, t").
 * C computes every expected value.
 */
static void test_demand_bits(void)
{
    const uint64_t a = 0x0123456789abcdefull, b = 0xfedcba9876543281ull;
    CPUArchState env = { .regs = { a, b } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64(), c = tcg_temp_new_i64();

    tcg_gen_ext8u_i64(t, tt_reg64[0]);               /* test $1, %al */
    tcg_gen_movi_i64(c, 1);
    tcg_gen_and_i64(tt_reg64[2], t, c);
    tcg_gen_ext16u_i64(u, tt_reg64[1]);              /* only a byte of it stored */
    tcg_gen_addi_i64(u, u, 0x7f);
    tcg_gen_st8_i64(u, tcg_env, SCRATCH(0));
    tcg_gen_andi_i64(t, tt_reg64[1], 0xffff);        /* the and clears nothing stored */
    tcg_gen_st16_i64(t, tcg_env, SCRATCH(1));
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_ext8u), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_ext16u), ==, 0);
    g_assert_cmphex(env.regs[2], ==, a & 1);
    g_assert_cmphex((uint8_t)env.scratch[0], ==, (uint8_t)((uint16_t)b + 0x7f));
    g_assert_cmphex((uint16_t)env.scratch[1], ==, (uint16_t)b);

    /* the sign of an ext8s/ext32s, bits above a shift, a carry: extensions that stay */
    env = (CPUArchState){ .regs = { a, b } };
    s = begin();
    t = tcg_temp_new_i64();
    u = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64(), w = tcg_temp_new_i64();
    tcg_gen_ext8s_i64(t, tt_reg64[0]);
    tcg_gen_andi_i64(tt_reg64[2], t, 0x100);         /* bit 8 is bit 7's copy */
    tcg_gen_ext16u_i64(u, tt_reg64[1]);
    tcg_gen_shri_i64(u, u, 12);                      /* bits 19:16 come down */
    tcg_gen_st8_i64(u, tcg_env, SCRATCH(0));
    tcg_gen_ext32s_i64(v, tt_reg64[1]);
    tcg_gen_sari_i64(v, v, 40);                      /* all sign copies */
    tcg_gen_st8_i64(v, tcg_env, SCRATCH(1));
    tcg_gen_ext8u_i64(w, tt_reg64[1]);
    tcg_gen_addi_i64(w, w, 0x80);                    /* the carry into bit 8 */
    tcg_gen_andi_i64(tt_reg64[3], w, 0x100);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_ext8s), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_ext16u), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_ext32s), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_ext8u), ==, 1);
    g_assert_cmphex(env.regs[2], ==, (uint64_t)(int64_t)(int8_t)a & 0x100);
    g_assert_cmphex((uint8_t)env.scratch[0], ==, (uint8_t)((uint16_t)b >> 12));
    g_assert_cmphex((uint8_t)env.scratch[1], ==, (uint8_t)((int64_t)(int32_t)b >> 40));
    g_assert_cmphex(env.regs[3], ==, ((uint8_t)b + 0x80) & 0x100);

    /* the bits a reader passes back: an ext8s's sign, a sar's sign, an add's carries */
    env = (CPUArchState){ .regs = { a, b } };
    s = begin();
    t = tcg_temp_new_i64();
    u = tcg_temp_new_i64();
    v = tcg_temp_new_i64();
    tcg_gen_andi_i64(t, tt_reg64[0], 0x7f);
    tcg_gen_ext8s_i64(t, t);
    tcg_gen_andi_i64(tt_reg64[2], t, 0x100);         /* needs bit 7 of the and: 0 */
    tcg_gen_andi_i64(u, tt_reg64[1], INT64_MAX);
    tcg_gen_sari_i64(u, u, 60);
    tcg_gen_andi_i64(tt_reg64[3], u, 0xf0);          /* needs bit 63 of the and: 0 */
    tcg_gen_andi_i64(v, tt_reg64[0], 0x100);
    tcg_gen_addi_i64(v, v, 0x80);
    tcg_gen_andi_i64(tt_reg64[4], v, 0x100);         /* needs bits 8:0 of the and */
    end(s, &env);
    g_assert_cmphex(env.regs[2], ==, (uint64_t)(int64_t)(int8_t)(a & 0x7f) & 0x100);
    g_assert_cmphex(env.regs[3], ==, (uint64_t)((int64_t)(b & INT64_MAX) >> 60) & 0xf0);
    g_assert_cmphex(env.regs[4], ==, ((a & 0x100) + 0x80) & 0x100);
}

static void test_known_one_bits(void)
{
    CPUArchState env = { .regs = { 0x1234 } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_ori_i64(t, tt_reg64[0], 0xf0);
    tcg_gen_ori_i64(u, t, 0x30);            /* bits already set: a mov */
    tcg_gen_mov_i64(tt_reg64[1], u);
    tcg_gen_andi_i64(tt_reg64[2], t, 0xf0); /* every bit known: the constant 0xf0 */
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_or), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_and), ==, 0);
    g_assert_cmphex(env.regs[1], ==, 0x12f4);
    g_assert_cmphex(env.regs[2], ==, 0xf0);
}

static void test_copy_propagation(void)
{
    CPUArchState env = { .regs = { 40 } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, tt_reg64[0]);
    tcg_gen_mov_i64(u, t);
    tcg_gen_addi_i64(tt_reg64[1], u, 2);
    end(s, &env);
    /* the add reads the global directly and the movs are dead */
    g_assert_cmpint(count_ops(s), ==, 1);
    TCG_FOR_EACH_OP(s, op) {
        if (op->opc == INDEX_op_add) {
            g_assert(tcg_op_temp(op, 1) == tcgv_i64_temp(tt_reg64[0]));
        }
    }
    g_assert_cmphex(env.regs[1], ==, 42);
}

static void test_branch_folding(void)
{
    CPUArchState env = { 0 };
    TCGContext *s = begin();
    TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
    TCGv_i32 k = tcg_constant_i32(3);

    tcg_gen_movi_i64(tt_reg64[0], 1);
    tcg_gen_brcondi_i32(TCG_COND_GTU, k, 2, l1);      /* always taken: becomes br */
    tcg_gen_movi_i64(tt_reg64[0], 2);                 /* dead code */
    tcg_gen_brcondi_i32(TCG_COND_EQ, k, 3, l2);       /* dead code */
    gen_set_label(l1);
    tcg_gen_brcond_i64(TCG_COND_NE, tt_reg64[1], tt_reg64[1], l2);  /* never taken */
    tcg_gen_movi_i64(tt_reg64[2], 5);
    gen_set_label(l2);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_brcond), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_br), ==, 1);
    /* l2 lost every reference and is gone; l1 stays */
    g_assert_cmpint(count_opc(s, INDEX_op_set_label), ==, 1);
    g_assert_cmphex(env.regs[0], ==, 1);
    g_assert_cmphex(env.regs[2], ==, 5);
}

static void test_dead_flags(void)
{
    CPUArchState env = { .regs = { 7, 9 } };
    TCGContext *s = begin();
    TCGv_i64 cc = tt_reg64[2];

    /* insn 1 computes flags that insn 2 overwrites without reading them */
    tcg_gen_add_i64(tt_reg64[0], tt_reg64[0], tt_reg64[1]);
    tcg_gen_setcondi_i64(TCG_COND_EQ, cc, tt_reg64[0], 0);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_sub_i64(tt_reg64[0], tt_reg64[0], tt_reg64[1]);
    tcg_gen_setcondi_i64(TCG_COND_LT, cc, tt_reg64[0], 0);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_setcond), ==, 1);
    g_assert_cmphex(env.regs[0], ==, 7);
    g_assert_cmphex(env.regs[2], ==, 0);

    /* a guest load between them may fault: the first flags must then be kept */
    s = begin();
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_setcondi_i64(TCG_COND_EQ, cc, tt_reg64[0], 7);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_qemu_ld_i64(v, tt_reg64[3], 0, MO_LEUQ);
    tcg_gen_setcondi_i64(TCG_COND_LT, cc, v, 0);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_setcond), ==, 2);
}

static uint64_t helper_add(uint64_t a, uint64_t b)
{
    return a + b;
}

static uint64_t helper_bump_r0(CPUArchState *env)
{
    env->helper_calls++;
    return env->regs[0]++;
}

static const TCGHelperInfo info_pure_add = {
    .func = helper_add, .name = "add", .flags = TCG_CALL_PURE,
    .ret = TCG_CALL_TYPE_I64, .nargs = 2, .args = { TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64 },
};
static const TCGHelperInfo info_bump = {
    .func = helper_bump_r0, .name = "bump", .flags = 0,
    .ret = TCG_CALL_TYPE_I64, .nargs = 1, .args = { TCG_CALL_TYPE_PTR },
};

static void test_calls(void)
{
    CPUArchState env = { .regs = { 10, 0, 0 } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGTemp *args[] = { tcgv_i64_temp(tt_reg64[0]), tcgv_i64_temp(tt_reg64[1]) };
    TCGTemp *envarg[] = { tcgv_ptr_temp(tcg_env) };

    /* a pure helper whose result is unused disappears */
    tcg_gen_call(&info_pure_add, tcgv_i64_temp(t), args);
    /* the global is written before a helper that reads and writes it ... */
    tcg_gen_movi_i64(tt_reg64[0], 100);
    tcg_gen_call(&info_bump, tcgv_i64_temp(tt_reg64[2]), envarg);
    /* ... and re-read after it: r0 is no longer known to be 100 */
    tcg_gen_addi_i64(tt_reg64[1], tt_reg64[0], 1);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_call), ==, 1);
    g_assert_cmpint(count_opc(s, INDEX_op_add), ==, 1);
    g_assert_cmpuint(env.helper_calls, ==, 1);
    g_assert_cmphex(env.regs[2], ==, 100);
    g_assert_cmphex(env.regs[0], ==, 101);
    g_assert_cmphex(env.regs[1], ==, 102);
}

static void test_mul2_narrowing(void)
{
    CPUArchState env = { .regs = { 6, 7 } };
    TCGContext *s = begin();
    TCGv_i64 hi = tcg_temp_new_i64();

    tcg_gen_mulu2_i64(tt_reg64[2], hi, tt_reg64[0], tt_reg64[1]);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_mulu2), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_mul), ==, 1);
    g_assert_cmphex(env.regs[2], ==, 42);
}

static void test_discard_and_mb(void)
{
    CPUArchState env = { .regs = { 5 } };
    TCGContext *s = begin();
    TCGv_i64 t = tcg_temp_new_i64();

    /* a value discarded before any use: its computation goes */
    tcg_gen_muli_i64(t, tt_reg64[0], 3);
    tcg_gen_discard_i64(t);
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    tcg_gen_addi_i64(tt_reg64[1], tt_reg64[0], 1);
    end(s, &env);
    g_assert_cmpint(count_opc(s, INDEX_op_mul), ==, 0);
    g_assert_cmpint(count_opc(s, INDEX_op_mb), ==, 1);
    g_assert_cmphex(env.regs[1], ==, 6);
}

/* ---- random programs ---------------------------------------------------- */

typedef struct RandProg {
    GRand *r;
    TCGv_i64 t64[4];
    TCGv_i32 t32[4];
    TCGLabel *open[8];
    int nb_open;
} RandProg;

static TCGTemp *pick(RandProg *p, TCGType type, bool dest)
{
    int k = g_rand_int_range(p->r, 0, dest ? 12 : 14);
    if (k >= 12) {
        return tcg_constant_internal(type, (int64_t)tt_rand_operand(p->r));
    }
    if (k >= 8) {
        return type == TCG_TYPE_I32 ? tcgv_i32_temp(p->t32[k - 8]) : tcgv_i64_temp(p->t64[k - 8]);
    }
    return type == TCG_TYPE_I32 ? tcgv_i32_temp(tt_reg32[k]) : tcgv_i64_temp(tt_reg64[k]);
}

static void random_op(RandProg *p)
{
    GRand *r = p->r;
    TCGType ty = g_rand_boolean(r) ? TCG_TYPE_I64 : TCG_TYPE_I32;
    unsigned w = ty == TCG_TYPE_I32 ? 32 : 64;
    TCGTemp *d = pick(p, ty, true), *a = pick(p, ty, false), *b = pick(p, ty, false);
    static const TCGOpcode bin[] = {
        INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
        INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor,
        INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
        INDEX_op_muluh, INDEX_op_mulsh,
    };

    switch (g_rand_int_range(r, 0, 16)) {
    case 0: case 1: case 2: case 3:
        tcg_gen_op_binary(bin[g_rand_int_range(r, 0, ARRAY_SIZE(bin))], ty, d, a, b);
        break;
    case 4: {
        /* immediates, often the identities' special values */
        static const int64_t imm[] = { 0, 1, -1, 0xff, 0xffff, 3, 0x7fffffff };
        static const TCGOpcode iop[] = {
            INDEX_op_add, INDEX_op_sub, INDEX_op_and, INDEX_op_or, INDEX_op_xor, INDEX_op_mul,
        };
        tcg_gen_op_binary_imm(iop[g_rand_int_range(r, 0, ARRAY_SIZE(iop))], ty, d, a,
                              imm[g_rand_int_range(r, 0, ARRAY_SIZE(imm))]);
        break;
    }
    case 5: {
        TCGTemp *den = tcg_temp_new_internal(ty, TEMP_EBB);
        /* a small positive divisor: never 0, never -1 */
        tcg_gen_op_binary(INDEX_op_and, ty, den, b, tcg_constant_internal(ty, 0xff));
        tcg_gen_op_binary(INDEX_op_or, ty, den, den, tcg_constant_internal(ty, 1));
        static const TCGOpcode dop[] = {
            INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
        };
        tcg_gen_op_binary(dop[g_rand_int_range(r, 0, 4)], ty, d, a, den);
        tcg_temp_free_internal(den);
        break;
    }
    case 6: {
        static const TCGOpcode ext[] = {
            INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
            INDEX_op_ext32s, INDEX_op_ext32u,
        };
        tcg_gen_ext_internal(ext[g_rand_int_range(r, 0, ty == TCG_TYPE_I64 ? 6 : 4)], ty, d, a);
        break;
    }
    case 7: {
        unsigned pos = g_rand_int_range(r, 0, w), len = g_rand_int_range(r, 1, w - pos + 1);
        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            tcg_gen_extract_internal(INDEX_op_extract, ty, d, a, pos, len);
            break;
        case 1:
            tcg_gen_extract_internal(INDEX_op_sextract, ty, d, a, pos, len);
            break;
        case 2:
            tcg_gen_deposit_internal(ty, d, a, b, pos, len);
            break;
        default:
            tcg_gen_extract2_internal(ty, d, a, b, pos % w);
            break;
        }
        break;
    }
    case 8:
        tcg_gen_setcond_internal(g_rand_boolean(r) ? INDEX_op_setcond : INDEX_op_negsetcond,
                                 ty, g_rand_int_range(r, 0, TCG_COND_COUNT), d, a, b);
        break;
    case 9:
        tcg_gen_movcond_internal(ty, g_rand_int_range(r, 0, TCG_COND_COUNT), d, a, b,
                                 pick(p, ty, false), pick(p, ty, false));
        break;
    case 10: {
        TCGTemp *d2 = pick(p, ty, true);
        if (d2 == d) {
            break;
        }
        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            tcg_gen_addsub2_internal(INDEX_op_add2, ty, d, d2, a, b, pick(p, ty, false),
                                     pick(p, ty, false));
            break;
        case 1:
            tcg_gen_addsub2_internal(INDEX_op_sub2, ty, d, d2, a, b, pick(p, ty, false),
                                     pick(p, ty, false));
            break;
        case 2:
            tcg_gen_mul2_internal(INDEX_op_mulu2, ty, d, d2, a, b);
            break;
        default:
            tcg_gen_mul2_internal(INDEX_op_muls2, ty, d, d2, a, b);
            break;
        }
        break;
    }
    case 11:
        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            tcg_gen_count_internal(INDEX_op_clz, ty, d, a, b);
            break;
        case 1:
            tcg_gen_count_internal(INDEX_op_ctz, ty, d, a, b);
            break;
        case 2:
            tcg_gen_count_internal(INDEX_op_ctpop, ty, d, a, NULL);
            break;
        default:
            tcg_gen_bswap_internal(g_rand_boolean(r) ? INDEX_op_bswap16 : INDEX_op_bswap32,
                                   ty, d, a, g_rand_boolean(r) ? TCG_BSWAP_OS : 0);
            break;
        }
        break;
    case 12: {
        /* width changes */
        TCGTemp *d64 = pick(p, TCG_TYPE_I64, true), *d32 = pick(p, TCG_TYPE_I32, true);
        TCGTemp *a64 = pick(p, TCG_TYPE_I64, false), *a32 = pick(p, TCG_TYPE_I32, false);
        switch (g_rand_int_range(r, 0, 4)) {
        case 0:
            tcg_gen_ext_i32_i64(temp_tcgv_i64(d64), temp_tcgv_i32(a32));
            break;
        case 1:
            tcg_gen_extu_i32_i64(temp_tcgv_i64(d64), temp_tcgv_i32(a32));
            break;
        case 2:
            tcg_gen_extrl_i64_i32(temp_tcgv_i32(d32), temp_tcgv_i64(a64));
            break;
        default:
            tcg_gen_extrh_i64_i32(temp_tcgv_i32(d32), temp_tcgv_i64(a64));
            break;
        }
        break;
    }
    case 13: {
        /* through host memory */
        TCGTemp *base = tcgv_ptr_temp(tcg_env);
        int slot = g_rand_int_range(r, 0, 8);
        if (g_rand_boolean(r)) {
            /* narrow stores read only the low bits (tcg/demand.c relies on it) */
            static const TCGOpcode st[] = {
                INDEX_op_st, INDEX_op_st8, INDEX_op_st16, INDEX_op_st32,
            };
            tcg_gen_ldst_internal(st[g_rand_int_range(r, 0, ty == TCG_TYPE_I64 ? 4 : 3)], ty, a,
                                  base, SCRATCH(slot));
        } else {
            tcg_gen_ldst_internal(g_rand_boolean(r) ? INDEX_op_ld : INDEX_op_ld8s, ty, d,
                                  base, SCRATCH(slot));
        }
        break;
    }
    case 14:
        /* a forward branch over what follows */
        if (p->nb_open < 8) {
            TCGLabel *l = gen_new_label();
            p->open[p->nb_open++] = l;
            tcg_gen_brcond_internal(ty, g_rand_int_range(r, 0, TCG_COND_COUNT), a, b, l);
        }
        break;
    default:
        if (p->nb_open) {
            int k = g_rand_int_range(r, 0, p->nb_open);
            gen_set_label(p->open[k]);
            p->open[k] = p->open[--p->nb_open];
        } else {
            tcg_gen_mov_internal(ty, d, a);
        }
        break;
    }
}

/* Build the same random program (same seed) and run it on env. */
static void run_random(const TCGBackend *be, bool optimize, guint32 seed, CPUArchState *env)
{
    TCGContext *s = tt_begin(be, optimize);
    RandProg p = { .r = g_rand_new_with_seed(seed) };
    int n = g_rand_int_range(p.r, 10, 60);

    tcg_gen_insn_start(0x1000, 0, 0);
    for (int i = 0; i < 4; i++) {
        /* temps start from globals: a TB temp must be written before it is read */
        p.t64[i] = tcg_temp_new_i64();
        p.t32[i] = tcg_temp_new_i32();
        tcg_gen_mov_i64(p.t64[i], tt_reg64[(i + 4) & 7]);
        tcg_gen_mov_i32(p.t32[i], tt_reg32[(i + 4) & 7]);
    }
    for (int i = 0; i < n; i++) {
        if (g_rand_int_range(p.r, 0, 8) == 0) {
            tcg_gen_insn_start(0x1000 + 4 * i, 0, 0);
        }
        random_op(&p);
    }
    while (p.nb_open) {
        gen_set_label(p.open[--p.nb_open]);
    }
    /* the temps are part of the result too */
    for (int i = 0; i < 4; i++) {
        tcg_gen_st_i64(p.t64[i], tcg_env, offsetof(CPUArchState, out64[i]));
        tcg_gen_st_i32(p.t32[i], tcg_env, offsetof(CPUArchState, out32[i]));
    }
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = tt_end(s);
    tt_run(s, tb, env);
    g_rand_free(p.r);
}

static void test_random_programs(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(tt_random_seed(42));
    int programs = g_test_slow() ? 50000 : 4000;

#ifdef CONFIG_TCG_TCI
    const TCGBackend *oracle = &tcg_backend_tci;
#else
    const TCGBackend *oracle = NULL;
    g_test_skip("the oracle, TCI, is not compiled in");
    return;
#endif
    for (int i = 0; i < programs; i++) {
        CPUArchState init;
        memset(&init, 0, sizeof(init));
        for (int k = 0; k < 8; k++) {
            init.regs[k] = tt_rand_operand(r);
            init.regs32[k] = tt_rand_operand(r);
            init.scratch[k] = tt_rand_operand(r);
        }
        /* the oracle: TCI running the unoptimized program */
        CPUArchState ref = init;
        run_random(oracle, false, i, &ref);
        for (int b = 0; bes[b]; b++) {
            for (int opt = 0; opt < 2; opt++) {
                CPUArchState got = init;
                run_random(bes[b], opt, i, &got);
                if (memcmp(&got, &ref, sizeof(got)) != 0) {
                    g_test_message("program %d differs on %s, optimize=%d", i, bes[b]->name,
                                   opt);
                    /* show the failing program as generated (after the passes) */
                    CPUArchState again = init;
                    run_random(bes[b], opt, i, &again);
                    char *ir = tcg_dump_ops_str(tcg_ctx);
                    g_test_message("%s", ir);
                    g_free(ir);
                    for (int k = 0; k < 8; k++) {
                        g_test_message("k = %d", k);
                        g_assert_cmphex(got.regs[k], ==, ref.regs[k]);
                        g_assert_cmphex(got.regs32[k], ==, ref.regs32[k]);
                        g_assert_cmphex(got.scratch[k], ==, ref.scratch[k]);
                    }
                    for (int k = 0; k < 4; k++) {
                        g_assert_cmphex(got.out64[k], ==, ref.out64[k]);
                        g_assert_cmphex(got.out32[k], ==, ref.out32[k]);
                    }
                    g_assert_not_reached();
                }
            }
        }
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/opt/fold-constant-chain", test_fold_constant_chain);
    g_test_add_func("/tcg/opt/identities", test_identities);
    g_test_add_func("/tcg/opt/known-zero-bits", test_known_zero_bits);
    g_test_add_func("/tcg/opt/known-one-bits", test_known_one_bits);
    g_test_add_func("/tcg/opt/demand", test_demand);
    g_test_add_func("/tcg/opt/demand-bits", test_demand_bits);
    g_test_add_func("/tcg/opt/copy-propagation", test_copy_propagation);
    g_test_add_func("/tcg/opt/branch-folding", test_branch_folding);
    g_test_add_func("/tcg/opt/dead-flags", test_dead_flags);
    g_test_add_func("/tcg/opt/calls", test_calls);
    g_test_add_func("/tcg/opt/mul2-narrowing", test_mul2_narrowing);
    g_test_add_func("/tcg/opt/discard-and-mb", test_discard_and_mb);
    g_test_add_func("/tcg/opt/random-programs", test_random_programs);
    return g_test_run();
}
