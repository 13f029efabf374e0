/*
 * The operations the SSE/x87/MPFR programs do not reach, each against an
 * independent reference:
 *   - binary16 <-> binary32 conversions against the host's F16C instructions
 *     (VCVTPS2PH with MXCSR rounding, VCVTPH2PS), flags from MXCSR;
 *   - min/max (754-2008 minNum/maxNum, 754-2019 minimum/maximum and
 *     minimumNumber/maximumNumber) against the standard's definitions written
 *     out with host comparisons;
 *   - scalbn, logb, classify, round-to-integral ties-away against the C
 *     library (ldexp, logb, fpclassify/issignaling, round) with fenv flags.
 */
#include "fpu-test.h"

#include <fenv.h>
#include <math.h>

static const uint32_t mxcsr_default = 0x1f80;

static uint16_t h_cvtps2ph(uint32_t f, uint32_t csr, uint32_t *out)
{
    uint32_t r;
    float x;
    memcpy(&x, &f, 4);
    asm volatile("ldmxcsr %[c]\n\tvcvtps2ph $4, %[x], %[x]\n\tvmovd %[x], %[r]\n\t"
                 "stmxcsr %[o]\n\tldmxcsr %[d]"
                 : [x] "+x"(x), [r] "=r"(r), [o] "=m"(*out)
                 : [c] "m"(csr), [d] "m"(mxcsr_default));
    return r;
}

static uint32_t h_cvtph2ps(uint16_t h, uint32_t csr, uint32_t *out)
{
    uint32_t in = h, r;
    float x;
    asm volatile("ldmxcsr %[c]\n\tvmovd %[i], %[x]\n\tvcvtph2ps %[x], %[x]\n\tvmovd %[x], %[r]\n\t"
                 "stmxcsr %[o]\n\tldmxcsr %[d]"
                 : [x] "=&x"(x), [r] "=r"(r), [o] "=m"(*out)
                 : [i] "r"(in), [c] "m"(csr), [d] "m"(mxcsr_default));
    return r;
}

static uint32_t flags_of_mxcsr(uint32_t c)
{
    return (c & 1 ? float_flag_invalid : 0) | (c & 2 ? float_flag_input_denormal : 0) |
           (c & 8 ? float_flag_overflow : 0) | (c & 16 ? float_flag_underflow : 0) |
           (c & 32 ? float_flag_inexact : 0);
}

static void test_f16c(void)
{
    FpuTally t = { .what = "binary16 conversions (F16C)" };
    static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_down,
                                            float_round_up, float_round_to_zero };
    for (long i = 0; i < fpu_test_vectors; i++) {
        int rc = rnd_range(0, 4);
        uint32_t csr = mxcsr_default | (rc << 13), out;
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x86_sse);
        s.rounding_mode = modes[rc];
        uint64_t a, hr, sr;
        if (i & 1) {
            a = gen32(127 + rnd_range(-30, 20));
            hr = h_cvtps2ph(a, csr, &out);
            sr = float32_to_float16(a, &s);
        } else {
            a = gen16(15 + rnd_range(-5, 5));
            hr = h_cvtph2ps(a, csr, &out);
            sr = float16_to_float32(a, &s);
        }
        /* VCVTPH2PS reports no DE for binary16 subnormals (SDM: it never signals #D). */
        uint32_t hf = flags_of_mxcsr(out);
        uint32_t sf = s.flags & (float_flag_invalid | float_flag_overflow | float_flag_underflow |
                                 float_flag_inexact | ((i & 1) ? float_flag_input_denormal : 0));
        t.checked++;
        if (hr != sr || hf != sf) {
            tally_fail(&t, "%s a=%#" PRIx64 " mode %d: soft %#" PRIx64 " %#x, host %#" PRIx64 " %#x",
                       (i & 1) ? "32->16" : "16->32", a, rc, sr, sf, hr, hf);
        }
    }
    tally_end(&t);
}

static double d_of(uint64_t v)
{
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static uint64_t b_of(double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    return v;
}

static bool is_snan64(uint64_t v)
{
    return (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v << 12) &&
           !(v & 0x0008000000000000ull);
}

/*
 * The standard's definitions with host comparisons (ARM rules: a NaN result
 * is the first SNaN quieted, else the first QNaN).
 */
static uint64_t ref_minmax(uint64_t a, uint64_t b, bool is_max, int kind, bool *invalid)
{
    double x = d_of(a), y = d_of(b);
    bool xn = isnan(x), yn = isnan(y), xs = is_snan64(a), ys = is_snan64(b);
    uint64_t q = 0x0008000000000000ull;
    *invalid = xs || ys;
    if (xn || yn) {
        uint64_t nan = xs ? a | q : ys ? b | q : xn ? a : b;
        if (kind == 1 || (xn && yn)) {           /* minimum/maximum, or both NaN */
            return nan;
        }
        if (kind == 0 && (xs || ys)) {           /* minNum: an SNaN gives a NaN */
            return nan;
        }
        return xn ? b : a;
    }
    if (x == y) {
        /* -0 orders below +0 */
        bool x_below = signbit(x) && !signbit(y);
        return x_below != is_max ? a : b;
    }
    return (x < y) != is_max ? a : b;
}

static void test_minmax(void)
{
    FpuTally t = { .what = "binary64 min/max" };
    typedef float64 (*MinMax)(float64, float64, FloatStatus *);
    static const MinMax fns[3][2] = {
        { float64_minnum, float64_maxnum },
        { float64_minimum, float64_maximum },
        { float64_minimum_number, float64_maximum_number },
    };
    for (long i = 0; i < fpu_test_vectors; i++) {
        uint64_t a = gen64(1023), b = gen64((a >> 52) & 0x7ff);
        if (rnd_range(0, 8) == 0) {
            b = a ^ (1ull << 63);   /* +0/-0 and equal magnitudes */
        }
        int kind = rnd_range(0, 3), is_max = rnd_range(0, 2);
        bool inv;
        uint64_t want = ref_minmax(a, b, is_max, kind, &inv);
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_arm);
        uint64_t got = fns[kind][is_max](a, b, &s);
        t.checked++;
        if (got != want || !!(s.flags & float_flag_invalid) != inv) {
            tally_fail(&t, "kind %d max %d a=%#" PRIx64 " b=%#" PRIx64 ": got %#" PRIx64
                       " want %#" PRIx64, kind, is_max, a, b, got, want);
        }
    }
    tally_end(&t);
}

static uint32_t fenv_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    return (e & FE_INVALID ? float_flag_invalid : 0) | (e & FE_DIVBYZERO ? float_flag_divbyzero : 0) |
           (e & FE_OVERFLOW ? float_flag_overflow : 0) | (e & FE_UNDERFLOW ? float_flag_underflow : 0) |
           (e & FE_INEXACT ? float_flag_inexact : 0);
}

#define IEEE_FLAGS (float_flag_invalid | float_flag_divbyzero | float_flag_overflow | \
                    float_flag_underflow | float_flag_inexact)

static void test_scalbn_logb(void)
{
    FpuTally t = { .what = "binary64 scalbn/logb/round-ties-away" };
    for (long i = 0; i < fpu_test_vectors; i++) {
        uint64_t a = gen64(1023 + rnd_range(-60, 60));
        if (isnan(d_of(a))) {
            continue;   /* NaN propagation is the NaN tests' business */
        }
        int n = rnd_range(-2200, 2200);
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x86_sse);
        uint64_t want, got;
        uint32_t wf;
        int which = i % 3;
        feclearexcept(FE_ALL_EXCEPT);
        if (which == 0) {
            want = b_of(ldexp(d_of(a), n));
            wf = fenv_flags();
            got = float64_scalbn(a, n, &s);
        } else if (which == 1) {
            want = b_of(logb(d_of(a)));
            wf = fenv_flags();
            got = float64_logb(a, &s);
        } else {
            want = b_of(round(d_of(a)));
            wf = 0;   /* C round() raises no inexact */
            s.rounding_mode = float_round_ties_away;
            got = float64_round_to_int(a, &s);
        }
        t.checked++;
        uint32_t sf = s.flags & IEEE_FLAGS;
        if (got != want || sf != wf) {
            tally_fail(&t, "op %d a=%#" PRIx64 " n=%d: got %#" PRIx64 " %#x, want %#" PRIx64 " %#x",
                       which, a, n, got, sf, want, wf);
        }
    }
    tally_end(&t);
}

static void test_classify(void)
{
    FpuTally t = { .what = "classify" };
    FloatStatus s;
    float_status_init(&s, &float_nan_rules_arm);
    for (long i = 0; i < fpu_test_vectors; i++) {
        uint64_t a = gen64(1023);
        double d = d_of(a);
        bool neg = signbit(d);
        int want;
        switch (fpclassify(d)) {
        case FP_NAN:
            want = is_snan64(a) ? float_class_snan : float_class_qnan;
            break;
        case FP_INFINITE:
            want = neg ? float_class_neg_inf : float_class_pos_inf;
            break;
        case FP_ZERO:
            want = neg ? float_class_neg_zero : float_class_pos_zero;
            break;
        case FP_SUBNORMAL:
            want = neg ? float_class_neg_subnormal : float_class_pos_subnormal;
            break;
        default:
            want = neg ? float_class_neg_normal : float_class_pos_normal;
            break;
        }
        int got = float64_classify(a, &s);
        t.checked++;
        if (got != want) {
            tally_fail(&t, "a=%#" PRIx64 ": got %#x want %#x", a, got, want);
        }
        /* The same value widened to binary128 classifies the same (subnormals become normal). */
        FloatStatus w = s;
        int wide = float128_classify(float64_to_float128(a, &w), &w);
        int expect_wide = want == float_class_neg_subnormal ? float_class_neg_normal :
                          want == float_class_pos_subnormal ? float_class_pos_normal :
                          want == float_class_snan ? float_class_qnan : want;
        if (wide != expect_wide) {
            tally_fail(&t, "a=%#" PRIx64 " as binary128: got %#x want %#x", a, wide, expect_wide);
        }
    }
    tally_end(&t);
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    g_test_add_func("/fpu/misc/f16c", test_f16c);
    g_test_add_func("/fpu/misc/minmax", test_minmax);
    g_test_add_func("/fpu/misc/scalbn-logb-round", test_scalbn_logb);
    g_test_add_func("/fpu/misc/classify", test_classify);
    return g_test_run();
}
