/*
 * Per-target NaN rules: every preset of fpu/nan-rules.c against examples
 * written down from the architecture manuals (the expected encodings below are
 * worked out by hand from the manuals' rules, not produced by the code):
 * which operand's NaN propagates, how a signalling NaN is quieted, the
 * default NaN in binary32 and binary64, inf*0 + QNaN in fused multiply-add,
 * and the integer an invalid conversion returns.
 */
#include "fpu-test.h"

enum { T_ADD, T_DIV, T_FMA, T_TO_I32, T_TO_U32, T_SQRT64 };

typedef struct {
    const FloatNaNRules *rules;
    int op;
    uint32_t a, b, c;
    uint64_t expect;
    uint32_t flags;   /* expected invalid (the only flag in these rows) */
    const char *why;
} NaNCase;

#define ONE 0x3f800000u
#define INF 0x7f800000u
#define BIG 0x50800000u    /* 2^34 */
#define NBIG 0xd0800000u   /* -2^34 */
#define NEG5 0xc0a00000u
/* IEEE 754-2008 encodings: quiet bit set = quiet. */
#define QA 0x7fc00001u
#define QB 0x7fc00002u
#define SA 0x7f800001u
#define SB 0x7f800002u
/* MIPS legacy / SH4 encodings: quiet bit clear = quiet. */
#define LQ 0x7f800001u
#define LS 0x7fc00001u
#define V float_flag_invalid

static const NaNCase cases[] = {
    /* Intel SDM vol. 1 table 4-7 (SSE column), 4.8.3.7, 11.5.2.2. */
    { &float_nan_rules_x86_sse, T_ADD, QA, QB, 0, QA, 0, "first operand" },
    { &float_nan_rules_x86_sse, T_ADD, QA, SB, 0, QA, V, "first operand even if the SNaN is second" },
    { &float_nan_rules_x86_sse, T_ADD, SA, QB, 0, 0x7fc00001, V, "SNaN quieted by setting bit 22" },
    { &float_nan_rules_x86_sse, T_ADD, ONE, SB, 0, 0x7fc00002, V, "the only NaN" },
    { &float_nan_rules_x86_sse, T_DIV, 0, 0, 0, 0xffc00000, V, "QNaN floating-point indefinite" },
    { &float_nan_rules_x86_sse, T_SQRT64, 0xbf800000, 0, 0, 0xfff8000000000000ull, V, "indefinite, binary64" },
    { &float_nan_rules_x86_sse, T_FMA, INF, 0, QA, QA, 0, "inf*0 + QNaN: the QNaN, no invalid" },
    { &float_nan_rules_x86_sse, T_TO_I32, QA, 0, 0, 0x80000000, V, "integer indefinite" },
    { &float_nan_rules_x86_sse, T_TO_I32, BIG, 0, 0, 0x80000000, V, "integer indefinite" },
    { &float_nan_rules_x86_sse, T_TO_U32, NEG5, 0, 0, 0xffffffff, V, "VCVTSS2USI: all ones" },
    /* Same table, x87 column: the larger significand, a QNaN beats an SNaN. */
    { &float_nan_rules_x87, T_ADD, QA, QB, 0, QB, 0, "larger significand" },
    { &float_nan_rules_x87, T_ADD, QB, QA, 0, QB, 0, "larger significand, either order" },
    { &float_nan_rules_x87, T_ADD, SB, QA, 0, QA, V, "QNaN over SNaN" },
    { &float_nan_rules_x87, T_ADD, SA, SB, 0, 0x7fc00002, V, "two SNaNs: larger, quieted" },
    { &float_nan_rules_x87, T_DIV, 0, 0, 0, 0xffc00000, V, "indefinite" },
    { &float_nan_rules_x87, T_ADD, 0xffc00001, QA, 0, QA, 0, "equal significands: the positive one" },
    { &float_nan_rules_x87, T_ADD, QA, 0xffc00001, 0, QA, 0, "equal significands, either order" },
    /* Arm ARM: FPProcessNaNs (SNaN before QNaN, operand order), FPDefaultNaN. */
    { &float_nan_rules_arm, T_ADD, QA, QB, 0, QA, 0, "first QNaN" },
    { &float_nan_rules_arm, T_ADD, QA, SB, 0, 0x7fc00002, V, "an SNaN first, quieted" },
    { &float_nan_rules_arm, T_DIV, 0, 0, 0, 0x7fc00000, V, "default NaN" },
    { &float_nan_rules_arm, T_SQRT64, 0xbf800000, 0, 0, 0x7ff8000000000000ull, V, "default NaN, binary64" },
    { &float_nan_rules_arm, T_FMA, QA, QB, 0x7fc00003, 0x7fc00003, 0, "FPProcessNaNs3: addend first" },
    { &float_nan_rules_arm, T_FMA, SA, QB, 0x7fc00003, 0x7fc00001, V, "an SNaN multiplicand beats a QNaN addend" },
    { &float_nan_rules_arm, T_FMA, INF, 0, QA, 0x7fc00000, V, "FPMulAdd: inf*0 + QNaN is the default NaN" },
    { &float_nan_rules_arm, T_TO_I32, QA, 0, 0, 0, V, "FPToFixed: NaN gives 0" },
    { &float_nan_rules_arm, T_TO_I32, BIG, 0, 0, 0x7fffffff, V, "saturates" },
    { &float_nan_rules_arm, T_TO_I32, NBIG, 0, 0, 0x80000000, V, "saturates" },
    { &float_nan_rules_arm, T_TO_U32, NEG5, 0, 0, 0, V, "saturates at 0" },
    /* MIPS (pre-R6): bit 22 set means signalling; SNaN in gives the default NaN. */
    { &float_nan_rules_mips_legacy, T_ADD, LQ, ONE, 0, LQ, 0, "a quiet NaN propagates" },
    { &float_nan_rules_mips_legacy, T_ADD, LS, ONE, 0, 0x7fbfffff, V, "SNaN: default NaN" },
    { &float_nan_rules_mips_legacy, T_DIV, 0, 0, 0, 0x7fbfffff, V, "default NaN" },
    { &float_nan_rules_mips_legacy, T_SQRT64, 0xbf800000, 0, 0, 0x7ff7ffffffffffffull, V, "binary64 default" },
    { &float_nan_rules_mips_legacy, T_TO_I32, LQ, 0, 0, 0x7fffffff, V, "2^31 - 1 for NaN" },
    { &float_nan_rules_mips_legacy, T_TO_I32, NBIG, 0, 0, 0x7fffffff, V, "2^31 - 1 for overflow too" },
    /* MIPS R6 / NAN2008. */
    { &float_nan_rules_mips_2008, T_ADD, QA, SB, 0, 0x7fc00002, V, "SNaN first, quieted" },
    { &float_nan_rules_mips_2008, T_DIV, 0, 0, 0, 0x7fc00000, V, "default NaN" },
    { &float_nan_rules_mips_2008, T_TO_I32, QA, 0, 0, 0, V, "NaN gives 0" },
    { &float_nan_rules_mips_2008, T_TO_I32, NBIG, 0, 0, 0x80000000, V, "saturates" },
    /* Power ISA book I 4.3.6 / 4.4: frA, frB, frC; default 0x7ff8...; fctiw. */
    { &float_nan_rules_ppc, T_ADD, QA, SB, 0, QA, V, "first NaN operand, SNaN or not" },
    { &float_nan_rules_ppc, T_ADD, SA, QB, 0, 0x7fc00001, V, "SNaN quieted" },
    { &float_nan_rules_ppc, T_FMA, ONE, QB, 0x7fc00003, 0x7fc00003, 0, "frB (addend) before frC" },
    { &float_nan_rules_ppc, T_FMA, QA, QB, 0x7fc00003, QA, 0, "frA first" },
    { &float_nan_rules_ppc, T_DIV, 0, 0, 0, 0x7fc00000, V, "default NaN" },
    { &float_nan_rules_ppc, T_TO_I32, QA, 0, 0, 0x80000000, V, "fctiw NaN: 0x80000000" },
    { &float_nan_rules_ppc, T_TO_I32, BIG, 0, 0, 0x7fffffff, V, "saturates" },
    /* SPARC V9 B.2.1 table 27. */
    { &float_nan_rules_sparc, T_ADD, QA, QB, 0, QB, 0, "rs2 QNaN over rs1 QNaN" },
    { &float_nan_rules_sparc, T_ADD, SA, QB, 0, 0x7fc00001, V, "rs1 SNaN over rs2 QNaN" },
    { &float_nan_rules_sparc, T_ADD, SA, SB, 0, 0x7fc00002, V, "rs2 SNaN over rs1 SNaN" },
    { &float_nan_rules_sparc, T_DIV, 0, 0, 0, 0x7fffffff, V, "default NaN all ones" },
    { &float_nan_rules_sparc, T_SQRT64, 0xbf800000, 0, 0, 0x7fffffffffffffffull, V, "binary64 default" },
    { &float_nan_rules_sparc, T_TO_I32, QA, 0, 0, 0x7fffffff, V, "fstoi NaN" },
    { &float_nan_rules_sparc, T_TO_I32, NBIG, 0, 0, 0x80000000, V, "saturates" },
    /* SH-4: MIPS-style encoding, every NaN result is 0x7fbfffff. */
    { &float_nan_rules_sh4, T_ADD, LQ, ONE, 0, 0x7fbfffff, 0, "qNaN in: the fixed qNaN out" },
    { &float_nan_rules_sh4, T_ADD, LS, ONE, 0, 0x7fbfffff, V, "sNaN in: invalid" },
    { &float_nan_rules_sh4, T_DIV, 0, 0, 0, 0x7fbfffff, V, "default NaN" },
    { &float_nan_rules_sh4, T_TO_I32, LQ, 0, 0, 0x80000000, V, "FTRC NaN" },
    /* CRIS (no FPU): IEEE 754-2008 recommended behaviour. */
    { &float_nan_rules_cris, T_ADD, QA, SB, 0, 0x7fc00002, V, "SNaN first" },
    { &float_nan_rules_cris, T_DIV, 0, 0, 0, 0x7fc00000, V, "default NaN" },
};

static void test_presets(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const NaNCase *c = &cases[i];
        FloatStatus s;
        float_status_init(&s, c->rules);
        uint64_t r = 0;
        switch (c->op) {
        case T_ADD: r = float32_add(c->a, c->b, &s); break;
        case T_DIV: r = float32_div(c->a, c->b, &s); break;
        case T_FMA: r = float32_muladd(c->a, c->b, c->c, 0, &s); break;
        case T_TO_I32: r = (uint32_t)float32_to_int32(c->a, &s); break;
        case T_TO_U32: r = float32_to_uint32(c->a, &s); break;
        case T_SQRT64: r = float64_sqrt(float32_to_float64(c->a, &s), &s); break;
        }
        if (r != c->expect || (s.flags & float_flag_invalid) != c->flags) {
            g_test_message("%s case %zu (%s): got %#" PRIx64 " flags %#x, want %#" PRIx64
                           " flags %#x", c->rules->name, i, c->why, r, s.flags, c->expect,
                           c->flags);
            g_test_fail();
        }
    }
}

/* The snan test and silencing follow the preset's encoding. */
static void test_signalling_bit(void)
{
    FloatStatus ieee, mips;
    float_status_init(&ieee, &float_nan_rules_arm);
    float_status_init(&mips, &float_nan_rules_mips_legacy);
    g_assert_true(float32_is_signaling_nan(SA, &ieee));
    g_assert_false(float32_is_signaling_nan(QA, &ieee));
    g_assert_true(float32_is_signaling_nan(LS, &mips));
    g_assert_false(float32_is_signaling_nan(LQ, &mips));
    g_assert_cmphex(float32_silence_nan(SA, &ieee), ==, 0x7fc00001);
    g_assert_cmphex(float64_default_nan(&mips), ==, 0x7ff7ffffffffffffull);
    g_assert_cmphex(float16_default_nan(&ieee), ==, 0x7e00);
    floatx80 x = floatx80_default_nan(&(FloatStatus) { .nan = &float_nan_rules_x87 });
    g_assert_cmphex(x.high, ==, 0xffff);
    g_assert_cmphex(x.low, ==, 0xc000000000000000ull);
    float128 q = float128_default_nan(&ieee);
    g_assert_cmphex(q.high, ==, 0x7fff800000000000ull);
    g_assert_cmphex(q.low, ==, 0);
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    g_test_add_func("/fpu/nan/presets", test_presets);
    g_test_add_func("/fpu/nan/signalling-bit", test_signalling_bit);
    return g_test_run();
}
