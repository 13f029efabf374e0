/*
 * test-tcg-codegen.c — the code-quality work of liveness and the register
 * allocator, measured and checked:
 *  - TB temps that never carry a value across a label are demoted to EBB
 *    temps (white box: their kind after liveness; on x86-64 the code is no
 *    bigger than the same program written with EBB temps);
 *  - a global whose register copy dies is not stored again, a constant moved
 *    into a written-back global is one immediate store, and env is used in
 *    place as a base register (x86-64: code no bigger than the equivalent
 *    program with explicit loads and stores, or exact byte counts from the
 *    instruction encodings);
 *  - an ld whose value only feeds a brcond against a constant, or a brcond
 *    on a global that is only in memory, becomes one compare with memory
 *    (every condition and constant size against C);
 *  - random front-end-like programs (TB temps, globals, forward branches
 *    over a few ops, as IT blocks and conditional instructions produce) on
 *    every back end against a C interpreter of the same program.
 * Expected values come from C arithmetic written here, never from the code
 * under test.
 */
#include "tcg-test.h"

#include <stddef.h>
#include <string.h>

#define ENV_OFF(f) offsetof(CPUArchState, f)

static bool is_x86(const TCGBackend *be)
{
    return strcmp(be->name, "x86_64") == 0;
}

/* ---- TB temps local to a block ------------------------------------------------- */

#define DEMOTE_INSNS 8

/*
 * DEMOTE_INSNS "guest instructions": each computes with fresh temps of the
 * given kind (TB or EBB) and stores the result unless a comparison skips it;
 * one TB temp (carry) crosses all the labels.  Returns the temps of the
 * first instruction and carry through *local and *cross.
 */
static void gen_demote_program(bool tb_kind, TCGTemp **local, TCGTemp **cross)
{
    TCGv_i64 carry = tcg_temp_new_i64();
    tcg_gen_ld_i64(carry, tcg_env, ENV_OFF(in64[7]));
    *cross = tcgv_i64_temp(carry);
    for (int i = 0; i < DEMOTE_INSNS; i++) {
        TCGv_i64 a = tb_kind ? tcg_temp_new_i64() : tcg_temp_ebb_new_i64();
        TCGv_i64 b = tb_kind ? tcg_temp_new_i64() : tcg_temp_ebb_new_i64();
        TCGLabel *skip = gen_new_label();
        if (i == 0) {
            *local = tcgv_i64_temp(a);
        }
        tcg_gen_ld_i64(a, tcg_env, ENV_OFF(in64[i % 4]));
        tcg_gen_muli_i64(a, a, 2 * i + 3);
        tcg_gen_ld_i64(b, tcg_env, ENV_OFF(in64[4 + i % 3]));
        tcg_gen_add_i64(b, a, b);
        tcg_gen_brcondi_i64(TCG_COND_EQ, b, i, skip);
        tcg_gen_xor_i64(carry, carry, b);
        gen_set_label(skip);
        tcg_gen_addi_i64(carry, carry, i);
    }
    tcg_gen_st_i64(carry, tcg_env, ENV_OFF(out64[0]));
    tcg_gen_exit_tb(NULL, 0);
}

static uint64_t demote_ref(const uint64_t *in)
{
    uint64_t carry = in[7];
    for (int i = 0; i < DEMOTE_INSNS; i++) {
        uint64_t b = in[i % 4] * (2 * i + 3) + in[4 + i % 3];
        if (b != (uint64_t)i) {
            carry ^= b;
        }
        carry += i;
    }
    return carry;
}

static void test_tb_temps_demoted(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(tt_random_seed(21));

    for (int b = 0; bes[b]; b++) {
        size_t size[2];
        for (int v = 0; v < 2; v++) {
            TCGContext *s = tt_begin(bes[b], true);
            TCGTemp *local, *cross;
            gen_demote_program(v == 0, &local, &cross);
            TranslationBlock *tb = tt_end(s);
            size[v] = tb->tc_size;
            if (v == 0) {
                g_assert_cmpint(local->kind, ==, TEMP_EBB);
                g_assert_cmpint(cross->kind, ==, TEMP_TB);
            }
            for (int n = 0; n < 50; n++) {
                CPUArchState env = { 0 };
                for (int k = 0; k < 8; k++) {
                    env.in64[k] = n < 8 && k < 7 ? 0 : tt_rand_operand(r);
                }
                tt_run(s, tb, &env);
                g_assert_cmphex(env.out64[0], ==, demote_ref(env.in64));
            }
        }
        if (is_x86(bes[b])) {
            /* demoted TB temps cost what EBB temps cost: no frame stores at the branches */
            g_test_message("x86_64: %zu bytes with TB temps, %zu with EBB temps", size[0], size[1]);
            g_assert_cmpuint(size[0], <=, size[1]);
        }
    }
    g_rand_free(r);
}

/* ---- globals: dead copies, constant stores, env in place ------------------------ */

/*
 * regs[0] = ((regs[0] + in64[0]) * 3) ^ in64[1]; regs[1] = 0x1234;
 * regs32[0] = 7, through globals (v = 0) or through explicit loads and
 * stores of EBB temps (v = 1, the reference shape).
 */
static void gen_global_program(int v)
{
    TCGv_i64 x = tcg_temp_ebb_new_i64(), y = tcg_temp_ebb_new_i64();
    tcg_gen_ld_i64(x, tcg_env, ENV_OFF(in64[0]));
    tcg_gen_ld_i64(y, tcg_env, ENV_OFF(in64[1]));
    if (v == 0) {
        TCGv_i64 g = tt_reg64[0];
        tcg_gen_add_i64(g, g, x);
        tcg_gen_muli_i64(g, g, 3);
        tcg_gen_xor_i64(g, g, y);
        tcg_gen_movi_i64(tt_reg64[1], 0x1234);
        tcg_gen_movi_i32(tt_reg32[0], 7);
    } else {
        TCGv_i64 t = tcg_temp_ebb_new_i64();
        tcg_gen_ld_i64(t, tcg_env, ENV_OFF(regs[0]));
        tcg_gen_add_i64(t, t, x);
        tcg_gen_muli_i64(t, t, 3);
        tcg_gen_xor_i64(t, t, y);
        tcg_gen_st_i64(t, tcg_env, ENV_OFF(regs[0]));
        tcg_gen_st_i64(tcg_constant_i64(0x1234), tcg_env, ENV_OFF(regs[1]));
        tcg_gen_st_i32(tcg_constant_i32(7), tcg_env, ENV_OFF(regs32[0]));
    }
    tcg_gen_exit_tb(NULL, 0);
}

static void test_global_stores(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(tt_random_seed(22));

    for (int b = 0; bes[b]; b++) {
        size_t size[2];
        for (int v = 0; v < 2; v++) {
            TCGContext *s = tt_begin(bes[b], true);
            gen_global_program(v);
            TranslationBlock *tb = tt_end(s);
            size[v] = tb->tc_size;
            for (int n = 0; n < 50; n++) {
                CPUArchState env = { 0 };
                env.in64[0] = tt_rand_operand(r);
                env.in64[1] = tt_rand_operand(r);
                env.regs[0] = tt_rand_operand(r);
                uint64_t want = ((env.regs[0] + env.in64[0]) * 3) ^ env.in64[1];
                tt_run(s, tb, &env);
                g_assert_cmphex(env.regs[0], ==, want);
                g_assert_cmphex(env.regs[1], ==, 0x1234);
                g_assert_cmphex(env.regs32[0], ==, 7);
            }
        }
        if (is_x86(bes[b])) {
            /* one store per global, constants stored as immediates */
            g_test_message("x86_64: %zu bytes through globals, %zu with explicit ld/st",
                           size[0], size[1]);
            g_assert_cmpuint(size[0], <=, size[1]);
        }
    }
    g_rand_free(r);
}

/*
 * x86-64: in32[1] = in32[0] costs two 4-byte instructions (mov r32, [r14 +
 * disp8] and mov [r14 + disp8], r32: REX, opcode, ModRM, disp8), with env
 * used in place rather than copied to another register first.
 */
static void test_env_in_place(void)
{
    const TCGBackend *const *bes = tt_backends();

    _Static_assert(offsetof(CPUArchState, in32[1]) < 128, "disp8 offsets");
    for (int b = 0; bes[b]; b++) {
        if (!is_x86(bes[b])) {
            continue;
        }
        size_t size[2];
        for (int v = 0; v < 2; v++) {
            TCGContext *s = tt_begin(bes[b], true);
            if (v == 1) {
                TCGv_i32 t = tcg_temp_new_i32();
                tcg_gen_ld_i32(t, tcg_env, ENV_OFF(in32[0]));
                tcg_gen_st_i32(t, tcg_env, ENV_OFF(in32[1]));
            }
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = tt_end(s);
            size[v] = tb->tc_size;
            if (v == 1) {
                CPUArchState env = { 0 };
                env.in32[0] = 0xdeadbeef;
                tt_run(s, tb, &env);
                g_assert_cmphex(env.in32[1], ==, 0xdeadbeef);
            }
        }
        g_assert_cmpuint(size[1] - size[0], ==, 8);
        return;
    }
    g_test_skip("no x86_64 back end");
}

/* ---- ld + brcond on a constant: one compare with memory ---------------------------- */

static bool cond_holds(TCGCond c, uint64_t a, uint64_t b, bool is32);

/*
 * Every condition against constants of every size, 32 and 64 bits: the
 * branch goes where C says.  On x86-64 the pair is cmp [r14 + disp8], imm8
 * (5 bytes) and jcc rel32 (6 bytes), nothing else.
 */
static void test_ld_brcond(void)
{
    const TCGBackend *const *bes = tt_backends();
    static const int64_t consts[] = { 0, 1, -1, 100, -128, 127, 128, 0x7fffffff, -0x80000000ll,
                                      0x80000000ll, 0x123456789ll };
    static const uint64_t values[] = { 0, 1, ~0ull, 100, 0x80, 0x7f, 0xffffff80,
                                       0x7fffffff, 0x80000000, 0xffffffff80000000ull,
                                       0x123456789ull, 0x100000000ull };

    for (int b = 0; bes[b]; b++) {
        /* form: bit 0 = 32 bits, bit 1 = on a global (only in memory) rather than an ld */
        for (int form = 0; form < 4; form++) {
            bool is32 = form & 1, global = form & 2;
            for (TCGCond c = TCG_COND_EQ; c <= TCG_COND_GTU; c++) {
                for (size_t k = 0; k < G_N_ELEMENTS(consts); k++) {
                    TCGContext *s = tt_begin(bes[b], false);
                    TCGLabel *l = gen_new_label();
                    if (is32) {
                        TCGv_i32 t = global ? tt_reg32[0] : tcg_temp_new_i32();
                        if (!global) {
                            tcg_gen_ld_i32(t, tcg_env, ENV_OFF(in32[0]));
                        }
                        tcg_gen_brcondi_i32(c, t, (int32_t)consts[k], l);
                    } else {
                        TCGv_i64 t = global ? tt_reg64[0] : tcg_temp_new_i64();
                        if (!global) {
                            tcg_gen_ld_i64(t, tcg_env, ENV_OFF(in64[0]));
                        }
                        tcg_gen_brcondi_i64(c, t, consts[k], l);
                    }
                    tcg_gen_st_i64(tcg_constant_i64(1), tcg_env, ENV_OFF(out64[0]));
                    tcg_gen_exit_tb(NULL, 0);
                    gen_set_label(l);
                    tcg_gen_st_i64(tcg_constant_i64(2), tcg_env, ENV_OFF(out64[0]));
                    tcg_gen_exit_tb(NULL, 0);
                    TranslationBlock *tb = tt_end(s);
                    for (size_t v = 0; v < G_N_ELEMENTS(values); v++) {
                        CPUArchState env = { 0 };
                        env.in64[0] = env.regs[0] = values[v];
                        env.in32[0] = env.regs32[0] = values[v];
                        tt_run(s, tb, &env);
                        uint64_t a = is32 ? (uint32_t)values[v] : values[v];
                        uint64_t bv = is32 ? (uint32_t)consts[k] : (uint64_t)consts[k];
                        g_assert_cmpuint(env.out64[0], ==, cond_holds(c, a, bv, is32) ? 2 : 1);
                    }
                }
            }
        }
        if (is_x86(bes[b])) {
            size_t size[2];
            for (int v = 0; v < 2; v++) {
                TCGContext *s = tt_begin(bes[b], false);
                if (v == 1) {
                    TCGLabel *l = gen_new_label();
                    TCGv_i32 t = tcg_temp_new_i32();
                    tcg_gen_ld_i32(t, tcg_env, ENV_OFF(in32[0]));
                    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, l);
                    gen_set_label(l);
                }
                tcg_gen_exit_tb(NULL, 0);
                size[v] = tt_end(s)->tc_size;
            }
            g_assert_cmpuint(size[1] - size[0], ==, 11);
            /* a global: cmp qword [r14 + disp32], imm8 (8 bytes) and jcc rel32 */
            _Static_assert(offsetof(CPUArchState, regs[0]) >= 128, "disp32 offset");
            for (int v = 0; v < 2; v++) {
                TCGContext *s = tt_begin(bes[b], false);
                if (v == 1) {
                    TCGLabel *l = gen_new_label();
                    tcg_gen_brcondi_i64(TCG_COND_LT, tt_reg64[0], -5, l);
                    gen_set_label(l);
                }
                tcg_gen_exit_tb(NULL, 0);
                size[v] = tt_end(s)->tc_size;
            }
            g_assert_cmpuint(size[1] - size[0], ==, 14);
        }
    }
}

/* ---- 64-bit op + ext32u as one 32-bit op (i32_zero_extends) ---------------------- */

enum { FZ_ADD, FZ_SUB, FZ_MUL, FZ_AND, FZ_OR, FZ_XOR, FZ_NEG, FZ_NOT, FZ_SHL, FZ_SHR, FZ_SHLV,
       FZ_KINDS };

static uint64_t fz_ref(int kind, uint64_t a, uint64_t b, unsigned sh)
{
    switch (kind) {
    case FZ_ADD: return a + b;
    case FZ_SUB: return a - b;
    case FZ_MUL: return a * b;
    case FZ_AND: return a & b;
    case FZ_OR: return a | b;
    case FZ_XOR: return a ^ b;
    case FZ_NEG: return -a;
    case FZ_NOT: return ~a;
    case FZ_SHL: return a << sh;
    case FZ_SHR: return a >> sh;
    default: return a << (b & 63);
    }
}

/* t = a OP b (64 bits) into r, or t dying in "ext32u r, t" when ext. */
static void fz_gen(int kind, TCGTemp *r, TCGTemp *a, TCGTemp *b, unsigned sh, bool ext)
{
    static const TCGOpcode opc[] = {
        [FZ_ADD] = INDEX_op_add, [FZ_SUB] = INDEX_op_sub, [FZ_MUL] = INDEX_op_mul,
        [FZ_AND] = INDEX_op_and, [FZ_OR] = INDEX_op_or, [FZ_XOR] = INDEX_op_xor,
        [FZ_SHL] = INDEX_op_shl, [FZ_SHR] = INDEX_op_shr, [FZ_SHLV] = INDEX_op_shl,
    };
    TCGTemp *t = ext ? tcgv_i64_temp(tcg_temp_new_i64()) : r;
    if (kind == FZ_NEG || kind == FZ_NOT) {
        if (kind == FZ_NEG) {
            tcg_gen_neg_i64(temp_tcgv_i64(t), temp_tcgv_i64(a));
        } else {
            tcg_gen_not_i64(temp_tcgv_i64(t), temp_tcgv_i64(a));
        }
    } else if (kind == FZ_SHL || kind == FZ_SHR) {
        tcg_gen_op_binary_imm(opc[kind], TCG_TYPE_I64, t, a, sh);
    } else {
        tcg_gen_op_binary(opc[kind], TCG_TYPE_I64, t, a, b);
    }
    if (ext) {
        tcg_gen_ext32u_i64(temp_tcgv_i64(r), temp_tcgv_i64(t));
    }
}

/*
 * "op t, a, b; ext32u r, t" with t dying: the value is C's 64-bit result
 * truncated, for every op the allocator fuses into a 32-bit one and for
 * those it must not (a right shift, shifts by 32 or more, a variable count),
 * with operands whose high halves are not zero, into a temp or into a global
 * that is also an operand.  "ext32u t, x; brcond t, $c": every condition
 * and constants above 32 bits.  x86-64: the fused pair is no bigger than the
 * op alone.
 */
/*
 * "op t, a, b; ext32u r, t" must not fuse when t is a TB temp whose write
 * is synced for a reader after a label: the fused op never writes t (found
 * by the slow random programs, tcg-opt-long seed 42 program 18295).
 */
static void test_ext32u_fused_tb_temp(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int be = 0; bes[be]; be++) {
        for (int taken = 0; taken < 2; taken++) {
            TCGContext *s = tt_begin(bes[be], false);
            TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
            TCGv_i64 t = tcg_temp_new_i64(), r = tcg_temp_new_i64();
            TCGLabel *l = gen_new_label();
            tcg_gen_ld_i64(a, tcg_env, ENV_OFF(in64[0]));
            tcg_gen_ld_i64(b, tcg_env, ENV_OFF(in64[1]));
            tcg_gen_xor_i64(t, a, b);
            tcg_gen_ext32u_i64(r, t);
            tcg_gen_brcondi_i64(TCG_COND_EQ, r, taken ? 0x11111011 : 5, l);
            tcg_gen_st_i64(r, tcg_env, ENV_OFF(out64[0]));
            gen_set_label(l);
            tcg_gen_st_i64(t, tcg_env, ENV_OFF(out64[1]));
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = tt_end(s);
            CPUArchState env = { 0 };
            env.in64[0] = 0x123456789abcdef0ull;
            env.in64[1] = 0x0fedcba08badcee1ull;
            tt_run(s, tb, &env);
            g_assert_cmphex(env.out64[1], ==, 0x123456789abcdef0ull ^ 0x0fedcba08badcee1ull);
            g_assert_cmphex(env.out64[0], ==, taken ? 0 : 0x11111011);
        }
    }
}

static void test_ext32u_fused(void)
{
    const TCGBackend *const *bes = tt_backends();
    static const uint64_t vals[][2] = {
        { 0xdeadbeef87654321ull, 0x123456789abcdef1ull }, { 0xffffffff00000001ull, 0x80000003ull },
        { 0x7fffffffffffffffull, 0xfffffffe00000025ull },
    };
    static const unsigned shifts[] = { 0, 5, 31, 32, 40 };

    for (int be = 0; bes[be]; be++) {
        for (int kind = 0; kind < FZ_KINDS; kind++) {
            for (size_t k = 0; k < G_N_ELEMENTS(shifts); k++) {
                for (int into_global = 0; into_global < 2; into_global++) {
                    TCGContext *s = tt_begin(bes[be], false);
                    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
                    tcg_gen_ld_i64(b, tcg_env, ENV_OFF(in64[1]));
                    if (into_global) {
                        /* r is a global and the first operand: rax = ext32u(rax op b) */
                        fz_gen(kind, tcgv_i64_temp(tt_reg64[2]), tcgv_i64_temp(tt_reg64[2]),
                               tcgv_i64_temp(b), shifts[k], true);
                    } else {
                        TCGv_i64 r = tcg_temp_new_i64();
                        tcg_gen_ld_i64(a, tcg_env, ENV_OFF(in64[0]));
                        fz_gen(kind, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b),
                               shifts[k], true);
                        tcg_gen_st_i64(r, tcg_env, ENV_OFF(out64[0]));
                    }
                    tcg_gen_exit_tb(NULL, 0);
                    TranslationBlock *tb = tt_end(s);
                    for (size_t v = 0; v < G_N_ELEMENTS(vals); v++) {
                        CPUArchState env = { 0 };
                        env.in64[0] = env.regs[2] = vals[v][0];
                        env.in64[1] = vals[v][1];
                        tt_run(s, tb, &env);
                        uint64_t want = (uint32_t)fz_ref(kind, vals[v][0], vals[v][1], shifts[k]);
                        g_assert_cmphex(into_global ? env.regs[2] : env.out64[0], ==, want);
                    }
                }
            }
            if (is_x86(bes[be]) && kind != FZ_SHR && kind != FZ_SHLV) {
                size_t size[2];
                for (int ext = 0; ext < 2; ext++) {
                    TCGContext *s = tt_begin(bes[be], false);
                    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
                    TCGv_i64 r = tcg_temp_new_i64();
                    tcg_gen_ld_i64(a, tcg_env, ENV_OFF(in64[0]));
                    tcg_gen_ld_i64(b, tcg_env, ENV_OFF(in64[1]));
                    fz_gen(kind, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b), 5, ext);
                    tcg_gen_st_i64(r, tcg_env, ENV_OFF(out64[0]));
                    tcg_gen_exit_tb(NULL, 0);
                    size[ext] = tt_end(s)->tc_size;
                }
                g_assert_cmpuint(size[1], <=, size[0]);
            }
        }

        static const int64_t consts[] = { 0, 1, -1, 100, 0x7fffffff, 0x80000000ll, 0xffffffffll,
                                          0x100000000ll, 0x123456789ll };
        static const uint64_t xs[] = { 0, 1, 100, 0x80000000, 0xffffffff, 0x100000000ull,
                                       0xffffffff80000000ull, 0x1ffffffffull, 0x123456789ull };
        /* x in a register (loaded), or a global only in memory (compared there) */
        for (int global = 0; global < 2; global++)
        for (TCGCond c = TCG_COND_EQ; c <= TCG_COND_GTU; c++) {
            for (size_t k = 0; k < G_N_ELEMENTS(consts); k++) {
                TCGContext *s = tt_begin(bes[be], false);
                TCGLabel *l = gen_new_label();
                TCGv_i64 x = global ? tt_reg64[0] : tcg_temp_new_i64(), t = tcg_temp_new_i64();
                if (!global) {
                    tcg_gen_ld_i64(x, tcg_env, ENV_OFF(in64[0]));
                }
                tcg_gen_ext32u_i64(t, x);
                tcg_gen_brcondi_i64(c, t, consts[k], l);
                tcg_gen_st_i64(tcg_constant_i64(1), tcg_env, ENV_OFF(out64[0]));
                tcg_gen_exit_tb(NULL, 0);
                gen_set_label(l);
                tcg_gen_st_i64(tcg_constant_i64(2), tcg_env, ENV_OFF(out64[0]));
                tcg_gen_exit_tb(NULL, 0);
                TranslationBlock *tb = tt_end(s);
                for (size_t v = 0; v < G_N_ELEMENTS(xs); v++) {
                    CPUArchState env = { 0 };
                    env.in64[0] = env.regs[0] = xs[v];
                    tt_run(s, tb, &env);
                    g_assert_cmpuint(env.out64[0], ==,
                                     cond_holds(c, (uint32_t)xs[v], consts[k], false) ? 2 : 1);
                }
            }
        }
    }
}

/* ---- random front-end-like programs against a C interpreter ---------------------- */

enum { RF_GLOBALS = 4, RF_TEMPS = 6, RF_VALS = RF_GLOBALS + RF_TEMPS, RF_MAX_OPS = 60 };

/* One op of a random program: vals[d] = vals[a] OP vals[b] or an immediate form. */
typedef struct RFOp {
    enum { RF_ADD, RF_SUB, RF_XOR, RF_MUL, RF_SHLI, RF_ANDI, RF_MOVI, RF_MOV, RF_SKIP } kind;
    int d, a, b;
    uint64_t imm;                  /* RF_SKIP: how many ops a taken branch skips */
    TCGCond cond;                  /* RF_SKIP: skip when vals[a] cond vals[b] */
} RFOp;

static void rf_generate(GRand *r, RFOp *ops, int n)
{
    int skip_end = -1;
    for (int i = 0; i < n; i++) {
        RFOp *op = &ops[i];
        op->kind = g_rand_int_range(r, 0, RF_SKIP + 1);
        op->d = g_rand_int_range(r, 0, RF_VALS);
        op->a = g_rand_int_range(r, 0, RF_VALS);
        op->b = g_rand_int_range(r, 0, RF_VALS);
        op->imm = tt_rand_operand(r);
        op->cond = g_rand_int_range(r, TCG_COND_EQ, TCG_COND_GTU + 1);
        if (op->kind == RF_SHLI) {
            op->imm &= 63;
        }
        if (op->kind == RF_SKIP) {
            if (i <= skip_end || i == n - 1) {
                op->kind = RF_MOV;  /* one pending forward branch at a time */
            } else {
                op->imm = g_rand_int_range(r, 1, 4);
                if (i + (int)op->imm >= n) {
                    op->imm = n - 1 - i;
                }
                skip_end = i + op->imm;
            }
        }
    }
}

static bool rf_cond(TCGCond c, uint64_t a, uint64_t b)
{
    return cond_holds(c, a, b, false);
}

/* c on a and b (zero-extended from 32 bits when is32; signed ones compare as int32_t). */
static bool cond_holds(TCGCond c, uint64_t a, uint64_t b, bool is32)
{
    if (is32) {
        a = (uint64_t)(int64_t)(int32_t)a;
        b = (uint64_t)(int64_t)(int32_t)b;
        if (c >= TCG_COND_LTU) {
            a = (uint32_t)a;
            b = (uint32_t)b;
        }
    }
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int64_t)a < (int64_t)b;
    case TCG_COND_GE: return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE: return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT: return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    default: g_assert_not_reached();
    }
}

/* The reference: vals[0..3] are regs[0..3], vals[4..9] start as in64[0..5]. */
static void rf_interpret(const RFOp *ops, int n, uint64_t *vals)
{
    for (int i = 0; i < n; i++) {
        const RFOp *op = &ops[i];
        uint64_t a = vals[op->a], b = vals[op->b];
        switch (op->kind) {
        case RF_ADD: vals[op->d] = a + b; break;
        case RF_SUB: vals[op->d] = a - b; break;
        case RF_XOR: vals[op->d] = a ^ b; break;
        case RF_MUL: vals[op->d] = a * b; break;
        case RF_SHLI: vals[op->d] = a << op->imm; break;
        case RF_ANDI: vals[op->d] = a & op->imm; break;
        case RF_MOVI: vals[op->d] = op->imm; break;
        case RF_MOV: vals[op->d] = a; break;
        case RF_SKIP:
            if (rf_cond(op->cond, a, b)) {
                i += op->imm;
            }
            break;
        }
    }
}

static void rf_emit(const RFOp *ops, int n)
{
    TCGv_i64 vals[RF_VALS];
    TCGLabel *label = NULL;
    int label_at = -1;

    for (int i = 0; i < RF_VALS; i++) {
        if (i < RF_GLOBALS) {
            vals[i] = tt_reg64[i];
        } else {
            vals[i] = tcg_temp_new_i64();
            tcg_gen_ld_i64(vals[i], tcg_env, ENV_OFF(in64[i - RF_GLOBALS]));
        }
    }
    for (int i = 0; i < n; i++) {
        const RFOp *op = &ops[i];
        TCGv_i64 d = vals[op->d], a = vals[op->a], b = vals[op->b];
        switch (op->kind) {
        case RF_ADD: tcg_gen_add_i64(d, a, b); break;
        case RF_SUB: tcg_gen_sub_i64(d, a, b); break;
        case RF_XOR: tcg_gen_xor_i64(d, a, b); break;
        case RF_MUL: tcg_gen_mul_i64(d, a, b); break;
        case RF_SHLI: tcg_gen_shli_i64(d, a, op->imm); break;
        case RF_ANDI: tcg_gen_andi_i64(d, a, op->imm); break;
        case RF_MOVI: tcg_gen_movi_i64(d, op->imm); break;
        case RF_MOV: tcg_gen_mov_i64(d, a); break;
        case RF_SKIP:
            label = gen_new_label();
            label_at = i + op->imm;
            tcg_gen_brcond_i64(op->cond, a, b, label);
            break;
        }
        if (label && i == label_at) {
            gen_set_label(label);
            label = NULL;
        }
    }
    for (int i = RF_GLOBALS; i < RF_VALS; i++) {
        int k = i - RF_GLOBALS;
        if (k < 4) {
            tcg_gen_st_i64(vals[i], tcg_env, ENV_OFF(out64[k]));
        } else {
            tcg_gen_st_i64(vals[i], tcg_env, ENV_OFF(scratch[k - 4]));
        }
    }
    tcg_gen_exit_tb(NULL, 0);
}

static void test_random_front_end_like(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(tt_random_seed(23));
    int nb_programs = g_test_slow() ? 20000 : 400;
    RFOp ops[RF_MAX_OPS];

    for (int p = 0; p < nb_programs; p++) {
        int n = g_rand_int_range(r, 5, RF_MAX_OPS);
        rf_generate(r, ops, n);
        for (int b = 0; bes[b]; b++) {
            TCGContext *s = tt_begin(bes[b], p & 1);
            rf_emit(ops, n);
            TranslationBlock *tb = tt_end(s);
            for (int k = 0; k < 3; k++) {
                CPUArchState env = { 0 };
                uint64_t vals[RF_VALS];
                for (int i = 0; i < RF_VALS; i++) {
                    vals[i] = tt_rand_operand(r);
                    if (i < RF_GLOBALS) {
                        env.regs[i] = vals[i];
                    } else {
                        env.in64[i - RF_GLOBALS] = vals[i];
                    }
                }
                rf_interpret(ops, n, vals);
                tt_run(s, tb, &env);
                for (int i = 0; i < RF_VALS; i++) {
                    int k2 = i - RF_GLOBALS;
                    uint64_t got = i < RF_GLOBALS ? env.regs[i]
                                 : k2 < 4 ? env.out64[k2] : env.scratch[k2 - 4];
                    if (got != vals[i]) {
                        g_test_message("%s: program %d (%d ops) value %d", bes[b]->name, p, n, i);
                    }
                    g_assert_cmphex(got, ==, vals[i]);
                }
            }
        }
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/codegen/tb-temps-demoted", test_tb_temps_demoted);
    g_test_add_func("/tcg/codegen/global-stores", test_global_stores);
    g_test_add_func("/tcg/codegen/env-in-place", test_env_in_place);
    g_test_add_func("/tcg/codegen/ld-brcond", test_ld_brcond);
    g_test_add_func("/tcg/codegen/ext32u-fused", test_ext32u_fused);
    g_test_add_func("/tcg/codegen/ext32u-fused-tb-temp", test_ext32u_fused_tb_temp);
    g_test_add_func("/tcg/codegen/random-front-end-like", test_random_front_end_like);
    return g_test_run();
}
