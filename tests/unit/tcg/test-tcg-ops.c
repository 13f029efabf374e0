/*
 * Every value op of tcg-opc.h, at both widths, on every back end (with and
 * without the optimizer), compared with a C reference written here from
 * the op descriptions in tcg-opc.h — deliberately not sharing code with
 * tcg/tcg-eval.h.  Operands are edge cases and random values from a fixed
 * seed; a second pass gives the same cases as constants, so that the
 * optimizer must fold them, and checks the op is gone from the IR.
 */
#include "tcg-test.h"
#include "util/bitops.h"

#include <stddef.h>
#include <string.h>

#define CASES_PER_PROGRAM 3000
#define FOLD_CASES 150

typedef enum Kind {
    K_UNARY, K_BINARY, K_EXT, K_BSWAP, K_COUNT, K_CTPOP, K_EXTRACT, K_DEPOSIT,
    K_EXTRACT2, K_SETCOND, K_MOVCOND, K_BRCOND, K_ADDSUB2, K_MUL2, K_WIDEN, K_NARROW,
} Kind;

typedef struct OpTest {
    TCGOpcode opc;
    Kind kind;
    bool only64;
} OpTest;

static const OpTest op_tests[] = {
    { INDEX_op_mov, K_UNARY }, { INDEX_op_neg, K_UNARY }, { INDEX_op_not, K_UNARY },
    { INDEX_op_add, K_BINARY }, { INDEX_op_sub, K_BINARY }, { INDEX_op_mul, K_BINARY },
    { INDEX_op_muluh, K_BINARY }, { INDEX_op_mulsh, K_BINARY },
    { INDEX_op_div, K_BINARY }, { INDEX_op_divu, K_BINARY },
    { INDEX_op_rem, K_BINARY }, { INDEX_op_remu, K_BINARY },
    { INDEX_op_and, K_BINARY }, { INDEX_op_or, K_BINARY }, { INDEX_op_xor, K_BINARY },
    { INDEX_op_andc, K_BINARY }, { INDEX_op_orc, K_BINARY }, { INDEX_op_eqv, K_BINARY },
    { INDEX_op_nand, K_BINARY }, { INDEX_op_nor, K_BINARY },
    { INDEX_op_shl, K_BINARY }, { INDEX_op_shr, K_BINARY }, { INDEX_op_sar, K_BINARY },
    { INDEX_op_rotl, K_BINARY }, { INDEX_op_rotr, K_BINARY },
    { INDEX_op_ext8s, K_EXT }, { INDEX_op_ext8u, K_EXT }, { INDEX_op_ext16s, K_EXT },
    { INDEX_op_ext16u, K_EXT }, { INDEX_op_ext32s, K_EXT, true },
    { INDEX_op_ext32u, K_EXT, true },
    { INDEX_op_bswap16, K_BSWAP }, { INDEX_op_bswap32, K_BSWAP },
    { INDEX_op_bswap64, K_BSWAP, true },
    { INDEX_op_clz, K_COUNT }, { INDEX_op_ctz, K_COUNT }, { INDEX_op_ctpop, K_CTPOP },
    { INDEX_op_extract, K_EXTRACT }, { INDEX_op_sextract, K_EXTRACT },
    { INDEX_op_deposit, K_DEPOSIT }, { INDEX_op_extract2, K_EXTRACT2 },
    { INDEX_op_setcond, K_SETCOND }, { INDEX_op_negsetcond, K_SETCOND },
    { INDEX_op_movcond, K_MOVCOND }, { INDEX_op_brcond, K_BRCOND },
    { INDEX_op_add2, K_ADDSUB2 }, { INDEX_op_sub2, K_ADDSUB2 },
    { INDEX_op_mulu2, K_MUL2 }, { INDEX_op_muls2, K_MUL2 },
    { INDEX_op_ext_i32_i64, K_WIDEN, true }, { INDEX_op_extu_i32_i64, K_WIDEN, true },
    { INDEX_op_extrl_i64_i32, K_NARROW }, { INDEX_op_extrh_i64_i32, K_NARROW },
};

/* ---- the C reference ---------------------------------------------------- */

static unsigned ref_clz(uint64_t v, unsigned w)
{
    unsigned n = 0;
    for (int i = w - 1; i >= 0 && !((v >> i) & 1); i--) {
        n++;
    }
    return n;
}

static unsigned ref_ctz(uint64_t v, unsigned w)
{
    unsigned n = 0;
    for (unsigned i = 0; i < w && !((v >> i) & 1); i++) {
        n++;
    }
    return n;
}

static uint64_t ref_bswap(uint64_t v, unsigned bytes)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bytes; i++) {
        r |= ((v >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
    }
    return r;
}

static uint64_t ref_sext(uint64_t v, unsigned bits)
{
    if (bits < 64 && ((v >> (bits - 1)) & 1)) {
        return v | (~0ull << bits);
    }
    return bits < 64 ? v & ((1ull << bits) - 1) : v;
}

static bool ref_cond(TCGCond c, unsigned w, uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)ref_sext(a, w), sb = (int64_t)ref_sext(b, w);
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return !(sa < sb);
    case TCG_COND_LE: return !(sb < sa);
    case TCG_COND_GT: return sb < sa;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return !(a < b);
    case TCG_COND_LEU: return !(b < a);
    case TCG_COND_GTU: return b < a;
    case TCG_COND_TSTEQ: return !(a & b);
    case TCG_COND_TSTNE: return !!(a & b);
    default: g_assert_not_reached();
    }
}

/*
 * out[] from in[] (inputs already truncated to their width) for op at width
 * w; c[] the constant arguments.  Results are truncated to w by the caller.
 */
static void reference(TCGOpcode opc, unsigned w, const uint64_t *in, const TCGArg *c,
                      uint64_t *out)
{
    uint64_t a = in[0], b = in[1];
    uint64_t mask = w == 64 ? ~0ull : 0xffffffffull;
    int64_t sa = (int64_t)ref_sext(a, w), sb = (int64_t)ref_sext(b, w);
    unsigned n = b % w;

    switch (opc) {
    case INDEX_op_mov: out[0] = a; break;
    case INDEX_op_neg: out[0] = 0 - a; break;
    case INDEX_op_not: out[0] = a ^ mask; break;
    case INDEX_op_add: out[0] = a + b; break;
    case INDEX_op_sub: out[0] = a - b; break;
    case INDEX_op_mul: out[0] = a * b; break;
    case INDEX_op_muluh:
    case INDEX_op_mulu2: {
        unsigned __int128 p = (unsigned __int128)a * b;
        out[0] = (uint64_t)p & mask;
        out[1] = (uint64_t)(p >> w);
        if (opc == INDEX_op_muluh) {
            out[0] = out[1];
        }
        break;
    }
    case INDEX_op_mulsh:
    case INDEX_op_muls2: {
        __int128 p = (__int128)sa * sb;
        out[0] = (uint64_t)p & mask;
        out[1] = (uint64_t)(p >> w);
        if (opc == INDEX_op_mulsh) {
            out[0] = out[1];
        }
        break;
    }
    case INDEX_op_div: out[0] = (uint64_t)(sa / sb); break;
    case INDEX_op_divu: out[0] = a / b; break;
    case INDEX_op_rem: out[0] = (uint64_t)(sa % sb); break;
    case INDEX_op_remu: out[0] = a % b; break;
    case INDEX_op_and: out[0] = a & b; break;
    case INDEX_op_or: out[0] = a | b; break;
    case INDEX_op_xor: out[0] = a ^ b; break;
    case INDEX_op_andc: out[0] = a & ~b; break;
    case INDEX_op_orc: out[0] = a | ~b; break;
    case INDEX_op_eqv: out[0] = ~(a ^ b); break;
    case INDEX_op_nand: out[0] = ~(a & b); break;
    case INDEX_op_nor: out[0] = ~(a | b); break;
    case INDEX_op_shl: out[0] = a << n; break;
    case INDEX_op_shr: out[0] = a >> n; break;
    case INDEX_op_sar: out[0] = (uint64_t)(sa >> n); break;
    case INDEX_op_rotl: out[0] = n ? (a << n) | (a >> (w - n)) : a; break;
    case INDEX_op_rotr: out[0] = n ? (a >> n) | (a << (w - n)) : a; break;
    case INDEX_op_ext8s: out[0] = ref_sext(a & 0xff, 8); break;
    case INDEX_op_ext8u: out[0] = a & 0xff; break;
    case INDEX_op_ext16s: out[0] = ref_sext(a & 0xffff, 16); break;
    case INDEX_op_ext16u: out[0] = a & 0xffff; break;
    case INDEX_op_ext32s: out[0] = ref_sext(a & 0xffffffff, 32); break;
    case INDEX_op_ext32u: out[0] = a & 0xffffffff; break;
    case INDEX_op_bswap16:
        out[0] = ref_bswap(a, 2);
        out[0] = c[0] & TCG_BSWAP_OS ? ref_sext(out[0], 16) : out[0];
        break;
    case INDEX_op_bswap32:
        out[0] = ref_bswap(a, 4);
        out[0] = c[0] & TCG_BSWAP_OS ? ref_sext(out[0], 32) : out[0];
        break;
    case INDEX_op_bswap64: out[0] = ref_bswap(a, 8); break;
    case INDEX_op_clz: out[0] = a ? ref_clz(a, w) : b; break;
    case INDEX_op_ctz: out[0] = a ? ref_ctz(a, w) : b; break;
    case INDEX_op_ctpop: {
        unsigned k = 0;
        for (unsigned i = 0; i < w; i++) {
            k += (a >> i) & 1;
        }
        out[0] = k;
        break;
    }
    case INDEX_op_extract:
    case INDEX_op_sextract: {
        uint64_t f = 0;
        for (unsigned i = 0; i < c[1]; i++) {
            f |= ((a >> (c[0] + i)) & 1) << i;
        }
        out[0] = opc == INDEX_op_sextract ? ref_sext(f, c[1]) : f;
        break;
    }
    case INDEX_op_deposit: {
        uint64_t r = a;
        for (unsigned i = 0; i < c[1]; i++) {
            uint64_t bit = 1ull << (c[0] + i);
            r = ((b >> i) & 1) ? r | bit : r & ~bit;
        }
        out[0] = r;
        break;
    }
    case INDEX_op_extract2: {
        /* bit i of the result is bit pos + i of the 2w-bit hi:lo */
        uint64_t r = 0;
        for (unsigned i = 0; i < w; i++) {
            unsigned k = c[0] + i;
            uint64_t bit = k < w ? (a >> k) & 1 : (b >> (k - w)) & 1;
            r |= bit << i;
        }
        out[0] = r;
        break;
    }
    case INDEX_op_setcond: out[0] = ref_cond(c[0], w, a, b); break;
    case INDEX_op_negsetcond: out[0] = ref_cond(c[0], w, a, b) ? mask : 0; break;
    case INDEX_op_movcond: out[0] = ref_cond(c[0], w, a, b) ? in[2] : in[3]; break;
    case INDEX_op_brcond: out[0] = ref_cond(c[0], w, a, b) ? 7 : 9; break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        unsigned __int128 x = in[0] | (unsigned __int128)in[1] << w;
        unsigned __int128 y = in[2] | (unsigned __int128)in[3] << w;
        unsigned __int128 z = opc == INDEX_op_add2 ? x + y : x - y;
        out[0] = (uint64_t)z & mask;
        out[1] = (uint64_t)(z >> w);
        break;
    }
    case INDEX_op_ext_i32_i64: out[0] = ref_sext(a & 0xffffffff, 32); break;
    case INDEX_op_extu_i32_i64: out[0] = a & 0xffffffff; break;
    case INDEX_op_extrl_i64_i32: out[0] = a & 0xffffffff; break;
    case INDEX_op_extrh_i64_i32: out[0] = a >> 32; break;
    default:
        g_assert_not_reached();
    }
}

/* ---- building the program ----------------------------------------------- */

static int nb_inputs(Kind k)
{
    switch (k) {
    case K_UNARY: case K_EXT: case K_BSWAP: case K_CTPOP: case K_EXTRACT:
    case K_WIDEN: case K_NARROW:
        return 1;
    case K_MOVCOND: case K_ADDSUB2:
        return 4;
    default:
        return 2;
    }
}

static int nb_outputs(Kind k)
{
    return k == K_ADDSUB2 || k == K_MUL2 ? 2 : 1;
}

static TCGType in_type(const OpTest *t, TCGType type)
{
    if (t->kind == K_WIDEN) {
        return TCG_TYPE_I32;
    }
    if (t->kind == K_NARROW) {
        return TCG_TYPE_I64;
    }
    return type;
}

static TCGType out_type(const OpTest *t, TCGType type)
{
    return t->kind == K_WIDEN ? TCG_TYPE_I64 : t->kind == K_NARROW ? TCG_TYPE_I32 : type;
}

/* Emit the op under test through the tcg_gen API. */
static void emit_test_op(const OpTest *t, TCGType type, TCGTemp **o, TCGTemp **i,
                         const TCGArg *c)
{
    switch (t->kind) {
    case K_UNARY:
        if (t->opc == INDEX_op_mov) {
            tcg_gen_mov_internal(type, o[0], i[0]);
        } else {
            tcg_gen_op_unary(t->opc, type, o[0], i[0]);
        }
        break;
    case K_BINARY:
        tcg_gen_op_binary(t->opc, type, o[0], i[0], i[1]);
        break;
    case K_EXT:
        tcg_gen_ext_internal(t->opc, type, o[0], i[0]);
        break;
    case K_BSWAP:
        tcg_gen_bswap_internal(t->opc, type, o[0], i[0], c[0]);
        break;
    case K_COUNT:
        tcg_gen_count_internal(t->opc, type, o[0], i[0], i[1]);
        break;
    case K_CTPOP:
        tcg_gen_count_internal(t->opc, type, o[0], i[0], NULL);
        break;
    case K_EXTRACT:
        tcg_gen_extract_internal(t->opc, type, o[0], i[0], c[0], c[1]);
        break;
    case K_DEPOSIT:
        tcg_gen_deposit_internal(type, o[0], i[0], i[1], c[0], c[1]);
        break;
    case K_EXTRACT2:
        tcg_gen_extract2_internal(type, o[0], i[0], i[1], c[0]);
        break;
    case K_SETCOND:
        tcg_gen_setcond_internal(t->opc, type, c[0], o[0], i[0], i[1]);
        break;
    case K_MOVCOND:
        tcg_gen_movcond_internal(type, c[0], o[0], i[0], i[1], i[2], i[3]);
        break;
    case K_BRCOND: {
        /* o = cond ? 7 : 9, through a branch; o is a TB temp: it crosses the label */
        TCGLabel *l = gen_new_label();
        tcg_gen_mov_internal(type, o[0], tcg_constant_internal(type, 7));
        tcg_gen_brcond_internal(type, c[0], i[0], i[1], l);
        tcg_gen_mov_internal(type, o[0], tcg_constant_internal(type, 9));
        gen_set_label(l);
        break;
    }
    case K_ADDSUB2:
        tcg_gen_addsub2_internal(t->opc, type, o[0], o[1], i[0], i[1], i[2], i[3]);
        break;
    case K_MUL2:
        tcg_gen_mul2_internal(t->opc, type, o[0], o[1], i[0], i[1]);
        break;
    case K_WIDEN:
        if (t->opc == INDEX_op_ext_i32_i64) {
            tcg_gen_ext_i32_i64(temp_tcgv_i64(o[0]), temp_tcgv_i32(i[0]));
        } else {
            tcg_gen_extu_i32_i64(temp_tcgv_i64(o[0]), temp_tcgv_i32(i[0]));
        }
        break;
    case K_NARROW:
        if (t->opc == INDEX_op_extrl_i64_i32) {
            tcg_gen_extrl_i64_i32(temp_tcgv_i32(o[0]), temp_tcgv_i64(i[0]));
        } else {
            tcg_gen_extrh_i64_i32(temp_tcgv_i32(o[0]), temp_tcgv_i64(i[0]));
        }
        break;
    }
}

static void load_input(TCGType ty, TCGTemp *dst, int k)
{
    if (ty == TCG_TYPE_I32) {
        tcg_gen_ld_i32(temp_tcgv_i32(dst), tcg_env, offsetof(CPUArchState, in32[k]));
    } else {
        tcg_gen_ld_i64(temp_tcgv_i64(dst), tcg_env, offsetof(CPUArchState, in64[k]));
    }
}

static void store_output(TCGType ty, TCGTemp *src, int k)
{
    if (ty == TCG_TYPE_I32) {
        tcg_gen_st_i32(temp_tcgv_i32(src), tcg_env, offsetof(CPUArchState, out32[k]));
    } else {
        tcg_gen_st_i64(temp_tcgv_i64(src), tcg_env, offsetof(CPUArchState, out64[k]));
    }
}

/*
 * Build the test program.  Input k is the constant consts[k] when bit k of
 * const_mask is set, else it is loaded from env.
 */
static TranslationBlock *build(const TCGBackend *be, bool optimize, const OpTest *t,
                               TCGType type, const TCGArg *c, const uint64_t *consts,
                               unsigned const_mask, int *ops_left)
{
    TCGContext *s = tt_begin(be, optimize);
    TCGType it = in_type(t, type), ot = out_type(t, type);
    TCGTemp *in[4], *out[2];
    int ni = nb_inputs(t->kind), no = nb_outputs(t->kind);

    tcg_gen_insn_start(0x1000, 0, 0);
    for (int k = 0; k < ni; k++) {
        if (const_mask & (1u << k)) {
            in[k] = tcg_constant_internal(it, (int64_t)consts[k]);
        } else {
            in[k] = tcg_temp_new_internal(it, TEMP_EBB);
            load_input(it, in[k], k);
        }
    }
    for (int k = 0; k < no; k++) {
        out[k] = tcg_temp_new_internal(ot, t->kind == K_BRCOND ? TEMP_TB : TEMP_EBB);
    }
    emit_test_op(t, type, out, in, c);
    for (int k = 0; k < no; k++) {
        store_output(ot, out[k], k);
    }
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock *tb = tt_end(s);
    if (ops_left) {
        *ops_left = 0;
        TCG_FOR_EACH_OP(s, op) {
            if (op->opc == t->opc || op->opc == INDEX_op_call) {
                (*ops_left)++;
            }
        }
    }
    return tb;
}

/* Valid constant arguments for one program of op t. */
static int make_cargs(const OpTest *t, unsigned w, GRand *r, int variant, TCGArg *c)
{
    switch (t->kind) {
    case K_BSWAP:
        c[0] = variant & 1 ? TCG_BSWAP_OS : 0;
        return 2;                                      /* number of variants */
    case K_EXTRACT:
    case K_DEPOSIT:
        c[0] = g_rand_int_range(r, 0, w);
        c[1] = g_rand_int_range(r, 1, w - c[0] + 1);
        if (variant < 4) {
            /* the edges: whole width, the top bit, the low byte, the high half */
            static const unsigned pos[] = { 0, 63, 0, 32 }, len[] = { 64, 1, 8, 32 };
            c[0] = variant == 1 ? w - 1 : variant == 3 ? w / 2 : pos[variant];
            c[1] = variant == 0 ? w : variant == 3 ? w / 2 : len[variant];
        }
        return 24;
    case K_EXTRACT2:
        c[0] = variant % w;
        return w;
    case K_SETCOND:
    case K_MOVCOND:
    case K_BRCOND:
        c[0] = variant;
        return TCG_COND_COUNT;
    default:
        return 1;
    }
}

static void make_inputs(const OpTest *t, TCGType it, GRand *r, uint64_t *in)
{
    uint64_t m = it == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;

    for (int k = 0; k < 4; k++) {
        in[k] = tt_rand_operand(r) & m;
    }
    if (t->kind == K_SETCOND || t->kind == K_MOVCOND || t->kind == K_BRCOND) {
        /* equal operands are an edge case of every comparison */
        if (g_rand_int_range(r, 0, 4) == 0) {
            in[1] = in[0];
        }
    }
    if (t->opc == INDEX_op_div || t->opc == INDEX_op_divu ||
        t->opc == INDEX_op_rem || t->opc == INDEX_op_remu) {
        /* division by zero and INT_MIN / -1 are undefined: avoid them */
        uint64_t min = it == TCG_TYPE_I32 ? 0x80000000ull : 0x8000000000000000ull;
        if (in[1] == 0 || (in[1] == m && in[0] == min)) {
            in[1] = 3;
        }
    }
}

static void check_case(const OpTest *t, TCGType type, const TCGArg *c, const uint64_t *in,
                       const uint64_t *got, const char *what)
{
    uint64_t exp[2] = { 0, 0 };
    TCGType ot = out_type(t, type);
    uint64_t om = ot == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;

    reference(t->opc, t->kind == K_NARROW ? 64 : w, in, c, exp);
    for (int k = 0; k < nb_outputs(t->kind); k++) {
        if ((exp[k] & om) != got[k]) {
            g_test_message("%s: %s_i%u(in 0x%" G_GINT64_MODIFIER "x, 0x%" G_GINT64_MODIFIER
                           "x, 0x%" G_GINT64_MODIFIER "x, 0x%" G_GINT64_MODIFIER
                           "x; c %lu, %lu) output %d: got 0x%" G_GINT64_MODIFIER
                           "x, want 0x%" G_GINT64_MODIFIER "x",
                           what, tcg_op_defs[t->opc].name, w, in[0], in[1], in[2], in[3],
                           (unsigned long)c[0], (unsigned long)c[1], k, got[k], exp[k] & om);
            g_assert_cmphex(got[k], ==, exp[k] & om);
        }
    }
}

static void run_op_test(const OpTest *t, TCGType type, const TCGBackend *be, bool optimize,
                        unsigned *cases)
{
    GRand *r = g_rand_new_with_seed(t->opc * 2 + type);
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;
    TCGArg c[3] = { 0, 0, 0 };
    TCGType it = in_type(t, type), ot = out_type(t, type);
    int nvariants = make_cargs(t, w, r, 0, c);
    int per = CASES_PER_PROGRAM / nvariants + 1;
    CPUArchState env;

    if (per < 60) {
        per = 60;
    }
    for (int v = 0; v < nvariants; v++) {
        make_cargs(t, w, r, v, c);
        TranslationBlock *tb = build(be, optimize, t, type, c, NULL, 0, NULL);
        for (int n = 0; n < per; n++) {
            uint64_t in[4], got[2];
            make_inputs(t, it, r, in);
            memset(&env, 0, sizeof(env));
            for (int k = 0; k < 4; k++) {
                env.in64[k] = in[k];
                env.in32[k] = in[k];
            }
            tt_run(tcg_ctx, tb, &env);
            for (int k = 0; k < 2; k++) {
                got[k] = ot == TCG_TYPE_I32 ? env.out32[k] : env.out64[k];
            }
            check_case(t, type, c, in, got, be->name);
            (*cases)++;
        }
    }
    g_rand_free(r);
}

/*
 * One input at a time is a constant and the optimizer is off, so the back
 * end itself sees the constant operand (native back ends encode immediates).
 */
static void run_const_operand_test(const OpTest *t, TCGType type, const TCGBackend *be,
                                   unsigned *cases)
{
    static const uint64_t values[] = {
        0, 1, 2, 31, 32, 63, 0xff, 0x7fffffff, 0x80000000, 0xffffffff,
        0x100000000ull, 0x8000000000000000ull, ~0ull, 0x123456789abcdef0ull,
    };
    GRand *r = g_rand_new_with_seed(2000 + t->opc * 2 + type);
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;
    TCGType it = in_type(t, type), ot = out_type(t, type);
    uint64_t im = it == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
    TCGArg c[3] = { 0, 0, 0 };
    int nvariants = make_cargs(t, w, r, 0, c);
    CPUArchState env;

    for (int k = 0; k < nb_inputs(t->kind); k++) {
        for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
            uint64_t consts[4] = { 0, 0, 0, 0 };
            consts[k] = values[v] & im;
            make_cargs(t, w, r, g_rand_int_range(r, 0, nvariants), c);
            TranslationBlock *tb = build(be, false, t, type, c, consts, 1u << k, NULL);
            for (int n = 0; n < 20; n++) {
                uint64_t in[4], got[2];
                make_inputs(t, it, r, in);
                in[k] = consts[k];
                if (t->kind == K_BINARY && (t->opc == INDEX_op_div || t->opc == INDEX_op_divu ||
                                            t->opc == INDEX_op_rem || t->opc == INDEX_op_remu)) {
                    uint64_t min = it == TCG_TYPE_I32 ? 0x80000000ull : 0x8000000000000000ull;
                    if (in[1] == 0 || (in[1] == im && in[0] == min)) {
                        break;  /* undefined for this constant: skip it */
                    }
                }
                memset(&env, 0, sizeof(env));
                for (int j = 0; j < 4; j++) {
                    env.in64[j] = in[j];
                    env.in32[j] = in[j];
                }
                tt_run(tcg_ctx, tb, &env);
                for (int j = 0; j < 2; j++) {
                    got[j] = ot == TCG_TYPE_I32 ? env.out32[j] : env.out64[j];
                }
                check_case(t, type, c, in, got, be->name);
                (*cases)++;
            }
        }
    }
    g_rand_free(r);
}

/* The same op with constant inputs: the optimizer must fold it away. */
static void run_fold_test(const OpTest *t, TCGType type, const TCGBackend *be)
{
    GRand *r = g_rand_new_with_seed(1000 + t->opc * 2 + type);
    unsigned w = type == TCG_TYPE_I32 ? 32 : 64;
    TCGArg c[3] = { 0, 0, 0 };
    TCGType it = in_type(t, type), ot = out_type(t, type);
    int nvariants = make_cargs(t, w, r, 0, c);
    CPUArchState env;

    for (int n = 0; n < FOLD_CASES; n++) {
        uint64_t in[4], got[2];
        int left;
        make_cargs(t, w, r, n % nvariants, c);
        make_inputs(t, it, r, in);
        TranslationBlock *tb = build(be, true, t, type, c, in, 0xf, &left);
        g_assert_cmpint(left, ==, 0);
        memset(&env, 0, sizeof(env));
        tt_run(tcg_ctx, tb, &env);
        for (int k = 0; k < 2; k++) {
            got[k] = ot == TCG_TYPE_I32 ? env.out32[k] : env.out64[k];
        }
        check_case(t, type, c, in, got, "folded");
    }
    g_rand_free(r);
}

typedef struct TestArg {
    const OpTest *t;
    TCGType type;
} TestArg;

static void test_op(gconstpointer data)
{
    const TestArg *a = data;
    const TCGBackend *const *bes = tt_backends();
    unsigned cases = 0;

    for (int i = 0; bes[i]; i++) {
        run_op_test(a->t, a->type, bes[i], false, &cases);
        run_op_test(a->t, a->type, bes[i], true, &cases);
        run_const_operand_test(a->t, a->type, bes[i], &cases);
    }
    run_fold_test(a->t, a->type, bes[0]);
    g_test_message("%u cases", cases);
}

int main(int argc, char **argv)
{
    static TestArg args[ARRAY_SIZE(op_tests) * 2];
    int n = 0;

    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < ARRAY_SIZE(op_tests); i++) {
        for (int ty = 0; ty < 2; ty++) {
            const OpTest *t = &op_tests[i];
            if ((t->only64 || t->kind == K_NARROW) && ty == TCG_TYPE_I32) {
                continue;
            }
            args[n] = (TestArg){ t, ty };
            char *path = g_strdup_printf("/tcg/op/%s_i%d", tcg_op_defs[t->opc].name,
                                         ty == TCG_TYPE_I32 ? 32 : 64);
            g_test_add_data_func(path, &args[n++], test_op);
            g_free(path);
        }
    }
    return g_test_run();
}
