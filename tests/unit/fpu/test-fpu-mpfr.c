/*
 * Correct rounding against MPFR: binary16, binary64, x87 extended and
 * binary128 add, sub, mul, div, sqrt and fused multiply-add (with its
 * negation and halving variants), in the five
 * IEEE rounding modes and round-to-odd, with tininess detected before
 * or after rounding, plus the IEEE remainder and conversions of binary128 to
 * binary64.
 *
 * Ties-away takes the ties-to-even result except on exact ties, found with a
 * 400-bit evaluation.
 *
 * MPFR is the independent reference: each operation is evaluated with the
 * format's precision and exponent range (mpfr_check_range, then
 * mpfr_subnormalize for the subnormal range, as the MPFR manual describes for
 * emulating IEEE formats).  The IEEE flags are derived from MPFR's: inexact
 * from the ternary value, overflow from mpfr_overflow_p, underflow from the
 * value rounded with an unbounded exponent (tininess after rounding) or
 * truncated (before rounding).  Round-to-odd is rounding toward zero with the
 * last bit set when inexact.  NaN operands are left to the SSE/x87/NaN tests;
 * a NaN result must be the default NaN of the rules used here (Arm).
 */
#include "fpu-test.h"

#include <gmp.h>
#include <mpfr.h>

typedef enum { FMT16, FMT64, FMTX80, FMT128, FMT__COUNT } Fmt;
typedef enum { M_ADD, M_SUB, M_MUL, M_DIV, M_SQRT, M_FMA, M_REM, M_CVT64, M__COUNT } MOp;

static const char *const fmt_names[] = { "binary16", "binary64", "floatx80", "binary128" };
static const char *const mop_names[] = { "add", "sub", "mul", "div", "sqrt", "fma", "rem",
                                         "to_binary64" };
static const int fmt_eb[] = { 5, 11, 15, 15 };
static const int fmt_fb[] = { 10, 52, 63, 112 };

/* An encoding split into fields; x87's integer bit is implied by the exponent here. */
typedef struct {
    bool sign;
    uint32_t exp;
    fpu_u128 frac;
} Enc;

typedef union {
    uint64_t u;
    floatx80 x;
    float128 q;
} Soft;

static Soft soft_of(Fmt f, Enc e)
{
    Soft s = { 0 };
    switch (f) {
    case FMT16:
        s.u = ((uint64_t)e.sign << 15) | (e.exp << 10) | (uint64_t)e.frac;
        break;
    case FMT64:
        s.u = ((uint64_t)e.sign << 63) | ((uint64_t)e.exp << 52) | (uint64_t)e.frac;
        break;
    case FMTX80:
        s.x.high = (e.sign << 15) | e.exp;
        s.x.low = (uint64_t)e.frac | ((uint64_t)(e.exp != 0) << 63);
        break;
    case FMT128:
        s.q.high = ((uint64_t)e.sign << 63) | ((uint64_t)e.exp << 48) | (uint64_t)(e.frac >> 64);
        s.q.low = (uint64_t)e.frac;
        break;
    default:
        g_assert_not_reached();
    }
    return s;
}

static bool soft_eq(Fmt f, Soft a, Soft b)
{
    switch (f) {
    case FMTX80:
        return a.x.high == b.x.high && a.x.low == b.x.low;
    case FMT128:
        return a.q.high == b.q.high && a.q.low == b.q.low;
    default:
        return a.u == b.u;
    }
}

static void soft_str(Fmt f, Soft a, char *buf)
{
    switch (f) {
    case FMTX80:
        sprintf(buf, "%04x:%016" PRIx64, a.x.high, a.x.low);
        break;
    case FMT128:
        sprintf(buf, "%016" PRIx64 ":%016" PRIx64, a.q.high, a.q.low);
        break;
    default:
        sprintf(buf, "%#" PRIx64, a.u);
        break;
    }
}

static Enc gen_enc(Fmt f, int near)
{
    Enc e;
    do {
        gen_fields(fmt_eb[f], fmt_fb[f], near, &e.sign, &e.exp, &e.frac);
    } while (e.exp == (1u << fmt_eb[f]) - 1 && e.frac != 0);   /* no NaN operands here */
    return e;
}

/* Exact value of an encoding. */
static void mpfr_of_enc(mpfr_t x, Fmt f, Enc e)
{
    int fb = fmt_fb[f], bias = (1 << (fmt_eb[f] - 1)) - 1;
    if (e.exp == (1u << fmt_eb[f]) - 1) {
        mpfr_set_inf(x, e.sign ? -1 : 1);
        return;
    }
    fpu_u128 m = e.frac | (e.exp ? (fpu_u128)1 << fb : 0);
    int ex = (e.exp ? (int)e.exp : 1) - bias - fb;
    mpz_t z;
    mpz_init(z);
    uint64_t w[2] = { (uint64_t)m, (uint64_t)(m >> 64) };
    mpz_import(z, 2, -1, 8, 0, 0, w);
    mpfr_set_z_2exp(x, z, ex, MPFR_RNDN);   /* exact: x has 128 bits */
    mpz_clear(z);
    if (e.sign) {
        mpfr_neg(x, x, MPFR_RNDN);
    }
    if (mpfr_zero_p(x) && e.sign) {
        mpfr_set_zero(x, -1);
    }
}

/* Encoding of an MPFR value already rounded to the format. */
static Enc enc_of_mpfr(Fmt f, mpfr_t r)
{
    int fb = fmt_fb[f], bias = (1 << (fmt_eb[f] - 1)) - 1;
    Enc e = { .sign = mpfr_signbit(r) != 0 };
    if (mpfr_inf_p(r)) {
        e.exp = (1u << fmt_eb[f]) - 1;
        return e;
    }
    if (mpfr_zero_p(r)) {
        return e;
    }
    mpz_t z;
    mpz_init(z);
    mpfr_exp_t ex = mpfr_get_z_2exp(z, r);   /* |r| = z * 2^ex */
    mpz_abs(z, z);
    uint64_t w[3] = { 0, 0, 0 };
    size_t cnt;
    mpz_export(w, &cnt, -1, 8, 0, 0, z);
    mpz_clear(z);
    fpu_u128 m = ((fpu_u128)w[1] << 64) | w[0];
    /* Normalise m to fb + 1 bits: value = m * 2^ex. */
    int bits = 128 - (w[1] ? __builtin_clzll(w[1]) : 64 + __builtin_clzll(w[0]));
    int sh = fb + 1 - bits;
    m = sh >= 0 ? m << sh : m >> -sh;
    ex -= sh;
    long be = ex + fb + bias;   /* biased exponent if normal */
    if (be >= 1) {
        e.exp = be;
        e.frac = m & (((fpu_u128)1 << fb) - 1);
    } else {
        e.exp = 0;
        e.frac = m >> (1 - be);
    }
    return e;
}

static mpfr_rnd_t mpfr_mode(FloatRoundMode m)
{
    switch (m) {
    case float_round_to_zero:
    case float_round_to_odd:
        return MPFR_RNDZ;
    case float_round_up:
        return MPFR_RNDU;
    case float_round_down:
        return MPFR_RNDD;
    default:
        return MPFR_RNDN;
    }
}

static int mpfr_do(MOp op, mpfr_t r, mpfr_t a, mpfr_t b, mpfr_t c, mpfr_rnd_t rnd)
{
    switch (op) {
    case M_ADD: return mpfr_add(r, a, b, rnd);
    case M_SUB: return mpfr_sub(r, a, b, rnd);
    case M_MUL: return mpfr_mul(r, a, b, rnd);
    case M_DIV: return mpfr_div(r, a, b, rnd);
    case M_SQRT: return mpfr_sqrt(r, a, rnd);
    case M_FMA: return mpfr_fma(r, a, b, c, rnd);
    case M_REM: return mpfr_remainder(r, a, b, rnd);
    case M_CVT64: return mpfr_set(r, a, rnd);
    default: g_assert_not_reached();
    }
}

static int fma_neg;   /* float_muladd_* flags of the current fma vector */

static Soft soft_do(Fmt f, MOp op, Soft a, Soft b, Soft c, FloatStatus *s)
{
    Soft r = { 0 };
    switch (f) {
    case FMT16:
        switch (op) {
        case M_ADD: r.u = float16_add(a.u, b.u, s); break;
        case M_SUB: r.u = float16_sub(a.u, b.u, s); break;
        case M_MUL: r.u = float16_mul(a.u, b.u, s); break;
        case M_DIV: r.u = float16_div(a.u, b.u, s); break;
        case M_SQRT: r.u = float16_sqrt(a.u, s); break;
        case M_FMA: r.u = float16_muladd(a.u, b.u, c.u, fma_neg, s); break;
        case M_REM: r.u = float16_rem(a.u, b.u, s); break;
        default: g_assert_not_reached();
        }
        break;
    case FMT64:
        switch (op) {
        case M_ADD: r.u = float64_add(a.u, b.u, s); break;
        case M_SUB: r.u = float64_sub(a.u, b.u, s); break;
        case M_MUL: r.u = float64_mul(a.u, b.u, s); break;
        case M_DIV: r.u = float64_div(a.u, b.u, s); break;
        case M_SQRT: r.u = float64_sqrt(a.u, s); break;
        case M_FMA: r.u = float64_muladd(a.u, b.u, c.u, fma_neg, s); break;
        case M_REM: r.u = float64_rem(a.u, b.u, s); break;
        default: g_assert_not_reached();
        }
        break;
    case FMTX80:
        switch (op) {
        case M_ADD: r.x = floatx80_add(a.x, b.x, s); break;
        case M_SUB: r.x = floatx80_sub(a.x, b.x, s); break;
        case M_MUL: r.x = floatx80_mul(a.x, b.x, s); break;
        case M_DIV: r.x = floatx80_div(a.x, b.x, s); break;
        case M_SQRT: r.x = floatx80_sqrt(a.x, s); break;
        case M_FMA: r.x = floatx80_muladd(a.x, b.x, c.x, fma_neg, s); break;
        case M_REM: r.x = floatx80_rem(a.x, b.x, s); break;
        default: g_assert_not_reached();
        }
        break;
    case FMT128:
        switch (op) {
        case M_ADD: r.q = float128_add(a.q, b.q, s); break;
        case M_SUB: r.q = float128_sub(a.q, b.q, s); break;
        case M_MUL: r.q = float128_mul(a.q, b.q, s); break;
        case M_DIV: r.q = float128_div(a.q, b.q, s); break;
        case M_SQRT: r.q = float128_sqrt(a.q, s); break;
        case M_FMA: r.q = float128_muladd(a.q, b.q, c.q, fma_neg, s); break;
        case M_REM: r.q = float128_rem(a.q, b.q, s); break;
        case M_CVT64: r.u = float128_to_float64(a.q, s); break;
        default: g_assert_not_reached();
        }
        break;
    default:
        g_assert_not_reached();
    }
    return r;
}

#define IEEE_FLAGS (float_flag_invalid | float_flag_divbyzero | float_flag_overflow | \
                    float_flag_underflow | float_flag_inexact)

static void run(Fmt f, MOp op)
{
    char what[64];
    snprintf(what, sizeof(what), "%s %s", fmt_names[f], mop_names[op]);
    FpuTally t = { .what = what };
    Fmt rf = op == M_CVT64 ? FMT64 : f;            /* the result's format */
    int p = fmt_fb[rf] + 1, bias = (1 << (fmt_eb[rf] - 1)) - 1;
    int ibias = (1 << (fmt_eb[f] - 1)) - 1;
    long emin = 1 - bias;
    static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_to_zero,
                                            float_round_down, float_round_up,
                                            float_round_to_odd, float_round_ties_away };
    mpfr_t a, b, c, r, y, lim, rd, ru, ex, sum;
    mpfr_inits2(128, a, b, c, NULL);
    mpfr_inits2(p, r, y, rd, ru, NULL);
    mpfr_inits2(400, ex, sum, NULL);
    mpfr_init2(lim, 2);
    mpfr_set_ui_2exp(lim, 1, emin, MPFR_RNDN);
    mpfr_exp_t old_emin = mpfr_get_emin(), old_emax = mpfr_get_emax();
    long n = fpu_test_vectors / (f == FMT128 || f == FMTX80 ? 2 : 1);
    if (op == M_REM) {
        n /= 4;   /* the remainder loops over the exponent difference */
    }

    for (long i = 0; i < n; i++) {
        Enc ea = gen_enc(f, ibias + rnd_range(-40, 41));
        if (op == M_CVT64) {
            ea = gen_enc(f, ibias + rnd_range(-1100, 1100));
        }
        Enc eb = gen_enc(f, ea.exp);
        Enc ec = gen_enc(f, (int)ea.exp + (int)eb.exp - ibias);
        if (op == M_REM && rnd_range(0, 2)) {
            eb = gen_enc(f, ea.exp - rnd_range(0, 70));
        }
        FloatRoundMode m = modes[rnd_range(0, 6)];
        bool before = rnd_range(0, 2);
        mpfr_rnd_t rnd = mpfr_mode(m);
        mpfr_of_enc(a, f, ea);
        mpfr_of_enc(b, f, eb);
        mpfr_of_enc(c, f, ec);
        fma_neg = 0;
        if (op == M_FMA) {
            /* The negation variants: the operands change exactly, -(result) after rounding. */
            static const int variants[] = {
                0, float_muladd_negate_c, float_muladd_negate_product,
                float_muladd_negate_result, float_muladd_halve_result,
                float_muladd_negate_c | float_muladd_negate_product | float_muladd_negate_result,
            };
            fma_neg = variants[rnd_range(0, G_N_ELEMENTS(variants))];
            if (fma_neg & float_muladd_negate_product) {
                mpfr_neg(a, a, MPFR_RNDN);
            }
            if (fma_neg & float_muladd_negate_c) {
                mpfr_neg(c, c, MPFR_RNDN);
            }
            if (fma_neg & float_muladd_halve_result) {
                mpfr_div_2ui(a, a, 1, MPFR_RNDN);
                mpfr_div_2ui(c, c, 1, MPFR_RNDN);
            }
        }

        /* Tininess, with the default (huge) exponent range. */
        int tz = before ? mpfr_do(op, y, a, b, c, MPFR_RNDZ) : mpfr_do(op, y, a, b, c, rnd);
        (void)tz;
        bool tiny = !mpfr_nan_p(y) && !mpfr_zero_p(y) && !mpfr_inf_p(y) &&
                    mpfr_cmpabs(y, lim) < 0;

        /* The IEEE result. */
        mpfr_set_emin(emin - p + 2);
        mpfr_set_emax(bias + 1);
        mpfr_clear_flags();
        int tern = mpfr_do(op, r, a, b, c, rnd);
        tern = mpfr_check_range(r, tern, rnd);
        tern = mpfr_subnormalize(r, tern, rnd);
        bool ovf = mpfr_overflow_p(), nan = mpfr_nan_p(r), dz = mpfr_divby0_p();
        if (m == float_round_ties_away && tern && !nan) {
            /*
             * Ties-away differs from ties-to-even only on an exact tie: the
             * exact value (400 bits hold every tie) is the midpoint of the
             * results rounded down and up; then take the one away from zero.
             */
            int td = mpfr_do(op, rd, a, b, c, MPFR_RNDD);
            td = mpfr_check_range(rd, td, MPFR_RNDD);
            mpfr_subnormalize(rd, td, MPFR_RNDD);
            int tu = mpfr_do(op, ru, a, b, c, MPFR_RNDU);
            tu = mpfr_check_range(ru, tu, MPFR_RNDU);
            mpfr_subnormalize(ru, tu, MPFR_RNDU);
            mpfr_set_emin(old_emin);
            mpfr_set_emax(old_emax);
            bool exact = mpfr_do(op, ex, a, b, c, MPFR_RNDN) == 0;
            if (exact && mpfr_number_p(rd) && mpfr_number_p(ru)) {
                mpfr_add(sum, rd, ru, MPFR_RNDN);
                mpfr_mul_2ui(ex, ex, 1, MPFR_RNDN);
                if (mpfr_equal_p(sum, ex)) {
                    mpfr_set(r, mpfr_sgn(ex) > 0 ? ru : rd, MPFR_RNDN);
                }
            }
        }
        mpfr_set_emin(old_emin);
        mpfr_set_emax(old_emax);

        uint32_t hf = (tern ? float_flag_inexact : 0) | (ovf ? float_flag_overflow : 0) |
                      (tiny && tern ? float_flag_underflow : 0) |
                      (nan ? float_flag_invalid : 0) | (dz ? float_flag_divbyzero : 0);
        FloatStatus s;
        float_status_init(&s, &float_nan_rules_arm);
        s.rounding_mode = m;
        s.tininess_before_rounding = before;
        Soft hr;
        if (nan) {
            hr = soft_of(rf, (Enc) { .exp = (1u << fmt_eb[rf]) - 1,
                                     .frac = (fpu_u128)1 << (fmt_fb[rf] - 1) });
        } else {
            Enc er = enc_of_mpfr(rf, r);
            if (m == float_round_to_odd && tern && er.exp != (1u << fmt_eb[rf]) - 1) {
                er.frac |= 1;   /* round to odd: truncate, then set the last bit */
            }
            if (fma_neg & float_muladd_negate_result) {
                er.sign = !er.sign;
            }
            hr = soft_of(rf, er);
        }
        Soft sr = soft_do(f, op, soft_of(f, ea), soft_of(f, eb), soft_of(f, ec), &s);
        uint32_t sf = s.flags & IEEE_FLAGS;

        t.checked++;
        if (!soft_eq(rf, sr, hr) || sf != hf) {
            char sa[48], sb[48], sc[48], s1[48], s2[48], f1[16], f2[16];
            soft_str(f, soft_of(f, ea), sa);
            soft_str(f, soft_of(f, eb), sb);
            soft_str(f, soft_of(f, ec), sc);
            soft_str(rf, sr, s1);
            soft_str(rf, hr, s2);
            flags_str(sf, f1);
            flags_str(hf, f2);
            tally_fail(&t, "a=%s b=%s c=%s %s tiny-%s: soft %s %s, mpfr %s %s", sa, sb, sc,
                       round_names[m], before ? "before" : "after", s1, f1, s2, f2);
        }
    }
    mpfr_clears(a, b, c, r, y, lim, rd, ru, ex, sum, NULL);
    tally_end(&t);
}

static void test_op(gconstpointer data)
{
    uintptr_t v = (uintptr_t)data;
    run((Fmt)(v >> 8), (MOp)(v & 0xff));
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    for (int f = 0; f < FMT__COUNT; f++) {
        for (int op = 0; op < M__COUNT; op++) {
            if (op == M_CVT64 && f != FMT128) {
                continue;
            }
            char *path = g_strdup_printf("/fpu/mpfr/%s/%s", fmt_names[f], mop_names[op]);
            g_test_add_data_func(path, (gconstpointer)(uintptr_t)((f << 8) | op), test_op);
            g_free(path);
        }
    }
    return g_test_run();
}
