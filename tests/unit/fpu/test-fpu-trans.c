/*
 * x87 transcendentals.  F2XM1, FYL2X, FYL2XP1, FPATAN, FSIN, FCOS, FPTAN
 * against MPFR at 256 bits: the result must lie within one ulp of the 64-bit
 * significand of the exact value (Intel SDM vol. 1, 8.3.10) in every rounding
 * mode, with inexact raised.  FSCALE and FXTRACT are exact, so they are
 * compared bit for bit, flags included, with the host's x87.
 */
#include "fpu-test.h"

#include <gmp.h>
#include <mpfr.h>

typedef enum { T_F2XM1, T_FYL2X, T_FYL2XP1, T_FPATAN, T_FSIN, T_FCOS, T_FPTAN, T__COUNT } TOp;
static const char *const top_names[] = { "f2xm1", "fyl2x", "fyl2xp1", "fpatan", "fsin", "fcos",
                                         "fptan" };

static void mpfr_of_x80(mpfr_t r, floatx80 a)
{
    int e = a.high & 0x7fff;
    mpfr_set_ui_2exp(r, 0, 0, MPFR_RNDN);
    mpfr_set_uj_2exp(r, a.low, (e ? e : 1) - 16383 - 63, MPFR_RNDN);
    if (a.high >> 15) {
        mpfr_neg(r, r, MPFR_RNDN);
    }
}

/* A finite x87 value with exponent e (unbiased) and a random significand. */
static floatx80 x80_with_exp(int e, bool neg)
{
    uint64_t f = (uint64_t)gen_frac(63) | (1ull << 63);
    return (floatx80) { .low = f, .high = (uint16_t)((neg << 15) | (e + 16383)) };
}

static void run(TOp op)
{
    FpuTally t = { .what = top_names[op] };
    mpfr_t x, y, r, e, d, u;
    mpfr_inits2(256, x, y, r, e, d, u, NULL);
    static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_to_zero,
                                            float_round_down, float_round_up };
    long n = fpu_test_vectors / 50;
    for (long i = 0; i < n; i++) {
        floatx80 a, b = { 0 };
        switch (op) {
        case T_F2XM1:
            a = x80_with_exp(-rnd_range(1, 70), rnd_range(0, 2));
            break;
        case T_FYL2X:
            a = x80_with_exp(rnd_range(-16000, 16000), false);
            b = x80_with_exp(rnd_range(-100, 100), rnd_range(0, 2));
            break;
        case T_FYL2XP1:
            a = x80_with_exp(-rnd_range(3, 70), rnd_range(0, 2));
            b = x80_with_exp(rnd_range(-100, 100), rnd_range(0, 2));
            break;
        case T_FPATAN:
            a = x80_with_exp(rnd_range(-200, 200), rnd_range(0, 2));
            b = x80_with_exp(rnd_range(-200, 200), rnd_range(0, 2));
            break;
        default: /* trigonometric: anything in range, |x| < 2^63 */
            a = x80_with_exp(rnd_range(0, 4) ? rnd_range(-20, 3) : rnd_range(-60, 63),
                             rnd_range(0, 2));
            break;
        }
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x87);
        s.rounding_mode = modes[rnd_range(0, 4)];
        floatx80 res;
        bool c2 = false;
        mpfr_of_x80(x, a);
        mpfr_of_x80(y, b);
        switch (op) {
        case T_F2XM1:
            res = floatx80_f2xm1(a, &s);
            mpfr_exp2(e, x, MPFR_RNDN);
            mpfr_sub_ui(e, e, 1, MPFR_RNDN);
            break;
        case T_FYL2X:
            res = floatx80_fyl2x(a, b, &s);
            mpfr_log2(e, x, MPFR_RNDN);
            mpfr_mul(e, e, y, MPFR_RNDN);
            break;
        case T_FYL2XP1:
            res = floatx80_fyl2xp1(a, b, &s);
            mpfr_log1p(e, x, MPFR_RNDN);
            mpfr_const_log2(d, MPFR_RNDN);
            mpfr_div(e, e, d, MPFR_RNDN);
            mpfr_mul(e, e, y, MPFR_RNDN);
            break;
        case T_FPATAN:
            res = floatx80_fpatan(a, b, &s);
            mpfr_atan2(e, y, x, MPFR_RNDN);
            break;
        case T_FSIN:
            res = floatx80_fsin(a, &c2, &s);
            mpfr_sin(e, x, MPFR_RNDN);
            break;
        case T_FCOS:
            res = floatx80_fcos(a, &c2, &s);
            mpfr_cos(e, x, MPFR_RNDN);
            break;
        default: {
            floatx80 one;
            res = a;
            floatx80_fptan(&res, &one, &c2, &s);
            mpfr_tan(e, x, MPFR_RNDN);
            break;
        }
        }
        /* |res - exact| <= 2^(exponent of exact - 63) */
        mpfr_of_x80(r, res);
        mpfr_sub(d, r, e, MPFR_RNDN);
        mpfr_abs(d, d, MPFR_RNDN);
        mpfr_set_ui_2exp(u, 1, mpfr_get_exp(e) - 1 - 63, MPFR_RNDN);
        t.checked++;
        if (c2 || (res.high & 0x7fff) == 0x7fff || mpfr_cmp(d, u) > 0 ||
            !(s.flags & float_flag_inexact)) {
            mpfr_div(d, d, u, MPFR_RNDN);
            tally_fail(&t, "a=%04x:%016" PRIx64 " b=%04x:%016" PRIx64 " %s: got %04x:%016" PRIx64
                       " error %.3f ulp flags %#x", a.high, a.low, b.high, b.low,
                       round_names[s.rounding_mode], res.high, res.low, mpfr_get_d(d, MPFR_RNDN),
                       s.flags);
        }
    }
    mpfr_clears(x, y, r, e, d, u, NULL);
    tally_end(&t);
}

static void test_op(gconstpointer data)
{
    run((TOp)(uintptr_t)data);
}

typedef struct {
    floatx80 v;
    uint16_t pad[3];
} X80Slot;

static uint32_t flags_of_sw(uint16_t sw)
{
    return (sw & 1 ? float_flag_invalid : 0) | (sw & 2 ? float_flag_input_denormal : 0) |
           (sw & 4 ? float_flag_divbyzero : 0) | (sw & 8 ? float_flag_overflow : 0) |
           (sw & 16 ? float_flag_underflow : 0) | (sw & 32 ? float_flag_inexact : 0);
}

/* FSCALE: ST(0) = a, ST(1) = b.  FXTRACT: ST(1) = exponent, ST(0) = significand. */
static void test_fscale_fxtract(void)
{
    FpuTally t = { .what = "fscale/fxtract" };
    for (long i = 0; i < fpu_test_vectors / 4; i++) {
        floatx80 a = genx80(16383 + rnd_range(-100, 100));
        floatx80 b = rnd_range(0, 2) ? genx80(16383 + rnd_range(-2, 17))
                                     : int32_to_floatx80(rnd_range(-70000, 70000),
                                                         &(FloatStatus) { .nan = &float_nan_rules_x87 });
        int rc = rnd_range(0, 4);
        uint16_t cw = 0x37f | (rc << 10), sw;
        static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_down,
                                                float_round_up, float_round_to_zero };
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x87);
        s.rounding_mode = modes[rc];
        X80Slot sa = { a }, sb = { b }, r0, r1;
        bool scale = i & 1;
        floatx80 s0, s1 = { 0 };
        if (scale) {
            asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfscale\n\t"
                         "fnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit"
                         : [r0] "=m"(r0), [r1] "=m"(r1), [sw] "=m"(sw)
                         : [a] "m"(sa), [b] "m"(sb), [cw] "m"(cw) : "st", "st(1)", "memory");
            s0 = floatx80_fscale(a, b, &s);
            r1.v = s1;
        } else {
            asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\tfxtract\n\t"
                         "fnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit"
                         : [r0] "=m"(r0), [r1] "=m"(r1), [sw] "=m"(sw)
                         : [a] "m"(sa), [cw] "m"(cw) : "st", "st(1)", "memory");
            floatx80_fxtract(a, &s1, &s0, &s);
        }
        uint32_t hf = flags_of_sw(sw), sf = s.flags & 0x3f;
        t.checked++;
        if (s0.high != r0.v.high || s0.low != r0.v.low || s1.high != r1.v.high ||
            s1.low != r1.v.low || hf != sf) {
            tally_fail(&t, "%s a=%04x:%016" PRIx64 " b=%04x:%016" PRIx64 " rc %d: soft %04x:%016"
                       PRIx64 " %04x:%016" PRIx64 " %#x, host %04x:%016" PRIx64 " %04x:%016"
                       PRIx64 " %#x", scale ? "fscale" : "fxtract", a.high, a.low, b.high, b.low,
                       rc, s0.high, s0.low, s1.high, s1.low, sf, r0.v.high, r0.v.low, r1.v.high,
                       r1.v.low, hf);
        }
    }
    tally_end(&t);
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    for (int op = 0; op < T__COUNT; op++) {
        char *path = g_strdup_printf("/fpu/trans/%s", top_names[op]);
        g_test_add_data_func(path, (gconstpointer)(uintptr_t)op, test_op);
        g_free(path);
    }
    g_test_add_func("/fpu/trans/fscale-fxtract", test_fscale_fxtract);
    return g_test_run();
}
