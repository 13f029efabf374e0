/*
 * x87-trans.c — the x87 transcendental instructions on floatx80.
 *
 * Offers F2XM1, FYL2X, FYL2XP1, FPTAN, FPATAN, FSIN, FCOS, FSINCOS, FSCALE
 * and FXTRACT as declared in softfloat.h.  Each evaluates in binary128 (113
 * bits, with private round-to-nearest status) and rounds once to the 64-bit
 * significand with the caller's rounding mode, so the result is within one
 * ulp of the exact value as the Intel SDM (vol. 1, 8.3.10) promises for
 * in-range arguments; tests/unit/fpu/test-fpu-trans.c checks that against
 * MPFR.  FSCALE and FXTRACT are exact and match the host bit for bit.
 *
 * Method: series after argument reduction, always to a small argument so a
 * few dozen binary128 terms reach 2^-120:
 *   2^x - 1      expm1(x ln 2) by Taylor after halving the argument below
 *                2^-8, then doubling back with e' = e (e + 2);
 *   log2         2 atanh(s) / ln 2 with s = (m - 1)/(m + 1), m in [1/sqrt2, sqrt2);
 *   atan         two half-angle steps z' = z / (1 + sqrt(1 + z^2)), then Taylor;
 *   sin/cos/tan  Payne-Hanek reduction by pi/2 with 320 bits of 2/pi, exact
 *                for every |x| < 2^63, then Taylor on |r| <= pi/4.
 * The hardware reduces with a 66-bit pi, so for large arguments real CPUs
 * differ from the true value; this code returns the true value.
 */
#include "internal.h"

/* ---- binary128 helpers with a private round-to-nearest status ------------- */

/*
 * Round-to-odd in every binary128 step: an inexact intermediate keeps a set
 * last bit, so the final rounding to 64 bits (11 bits shorter) never mistakes
 * it for a value exactly on a rounding boundary, and directed modes round
 * to the correct side of a result like tan(x) = x + x^3/3 for tiny x.
 */
static FloatStatus q_status(void)
{
    FloatStatus s;
    float_status_init(&s, &float_nan_rules_x87);
    s.rounding_mode = float_round_to_odd;
    s.use_host_fpu = false;
    return s;
}

static float128 q_add(float128 a, float128 b)
{
    FloatStatus s = q_status();
    return float128_add(a, b, &s);
}

static float128 q_sub(float128 a, float128 b)
{
    FloatStatus s = q_status();
    return float128_sub(a, b, &s);
}

static float128 q_mul(float128 a, float128 b)
{
    FloatStatus s = q_status();
    return float128_mul(a, b, &s);
}

static float128 q_div(float128 a, float128 b)
{
    FloatStatus s = q_status();
    return float128_div(a, b, &s);
}

static float128 q_sqrt(float128 a)
{
    FloatStatus s = q_status();
    return float128_sqrt(a, &s);
}

static float128 q_int(int64_t v) { FloatStatus s = q_status(); return int64_to_float128(v, &s); }
static float128 q_neg(float128 a) { a.high ^= 1ull << 63; return a; }
static float128 q_abs(float128 a) { a.high &= ~(1ull << 63); return a; }
static bool q_neg_p(float128 a) { return a.high >> 63; }
static int q_exp(float128 a) { return (int)((a.high >> 48) & 0x7fff) - 16383; }
static bool q_zero(float128 a) { return !(a.high << 1) && !a.low; }

static bool q_lt(float128 a, float128 b)
{
    FloatStatus s = q_status();
    return float128_compare_quiet(a, b, &s) == float_relation_less;
}

/* Constants rounded to nearest binary128 (values from a 600-bit evaluation). */
static const float128 q_one = { .low = 0, .high = 0x3fff000000000000ull };
static const float128 q_two = { .low = 0, .high = 0x4000000000000000ull };
static const float128 q_pi = { .low = 0x8469898cc51701b8ull, .high = 0x4000921fb54442d1ull };
static const float128 q_pi_2 = { .low = 0x8469898cc51701b8ull, .high = 0x3fff921fb54442d1ull };
static const float128 q_pi_4 = { .low = 0x8469898cc51701b8ull, .high = 0x3ffe921fb54442d1ull };
static const float128 q_pi_3_4 = { .low = 0x234f272993d1414aull, .high = 0x40002d97c7f3321dull };
static const float128 q_ln2 = { .low = 0xf35793c7673007e6ull, .high = 0x3ffe62e42fefa39eull };

/* 2/pi to 320 bits, most significant word first: 0.a2f9836e... */
static const uint64_t two_over_pi[5] = {
    0xa2f9836e4e441529ull, 0xfc2757d1f534ddc0ull, 0xdb6295993c439041ull,
    0xfe5163abdebbc561ull, 0xb7246e3a424dd2e0ull,
};

/* ---- series ------------------------------------------------------------------ */

/* expm1(t) for |t| < 1: halve below 2^-8, Taylor, then e <- e (e + 2) per halving. */
static float128 q_expm1(float128 t)
{
    int k = q_zero(t) ? 0 : q_exp(t) + 9;
    k = k < 0 ? 0 : k;
    FloatStatus s = q_status();
    float128 u = float128_scalbn(t, -k, &s);
    float128 sum = u, term = u;
    for (int n = 2; n <= 16; n++) {
        term = q_div(q_mul(term, u), q_int(n));
        sum = q_add(sum, term);
    }
    for (int i = 0; i < k; i++) {
        sum = q_mul(sum, q_add(sum, q_two));
    }
    return sum;
}

/* 2 atanh(s) = log((1 + s)/(1 - s)) for |s| <= 0.18. */
static float128 q_2atanh(float128 s)
{
    float128 s2 = q_mul(s, s), term = s, sum = s;
    for (int n = 3; n <= 61; n += 2) {
        term = q_mul(term, s2);
        sum = q_add(sum, q_div(term, q_int(n)));
    }
    return q_add(sum, sum);
}

/* Natural log of a positive finite x. */
static float128 q_log(float128 x)
{
    int e = q_exp(x);
    FloatStatus s = q_status();
    float128 m = float128_scalbn(x, -e, &s);   /* [1, 2) */
    if (q_lt(q_sqrt(q_two), m)) {
        m = float128_scalbn(m, -1, &s);        /* [sqrt2/2, 1) */
        e++;
    }
    float128 l = q_2atanh(q_div(q_sub(m, q_one), q_add(m, q_one)));
    return q_add(q_mul(q_int(e), q_ln2), l);
}

/*
 * atan(z) for 0 <= z <= 1.  Below 2^-8 the series converges fast enough
 * without the half-angle steps, and leaving them out keeps z = a/b (rounded to
 * odd) the leading term, so the result sits on the right side of every
 * 64-bit rounding boundary for tiny quotients.
 */
static float128 q_atan01(float128 z)
{
    int halvings = q_zero(z) || q_exp(z) < -8 ? 0 : 2;
    for (int i = 0; i < halvings; i++) {
        z = q_div(z, q_add(q_one, q_sqrt(q_add(q_one, q_mul(z, z)))));
    }
    float128 z2 = q_mul(z, z), term = z, sum = z;
    for (int n = 3; n <= 61; n += 2) {
        term = q_neg(q_mul(term, z2));
        sum = q_add(sum, q_div(term, q_int(n)));
    }
    FloatStatus s = q_status();
    return float128_scalbn(sum, halvings, &s);
}

/*
 * sin(r) = r + ds and cos(r) = 1 + dc for |r| <= pi/4, the corrections
 * summed apart so that tan can be formed without cancellation.
 */
static void q_sincos_parts(float128 r, float128 *ds, float128 *dc)
{
    float128 r2 = q_mul(r, r);
    float128 ts = r, tc = q_one, ss = { 0 }, sc = { 0 };
    for (int n = 1; n <= 20; n++) {
        ts = q_neg(q_div(q_mul(ts, r2), q_int((2 * n) * (2 * n + 1))));
        tc = q_neg(q_div(q_mul(tc, r2), q_int((2 * n - 1) * (2 * n))));
        ss = q_add(ss, ts);
        sc = q_add(sc, tc);
    }
    *ds = ss;
    *dc = sc;
}

/*
 * x = r + q * pi/2 with |r| <= pi/4, for finite |x| < 2^63 (Payne-Hanek):
 * x = M * 2^e with a 64-bit M and e < 0, x * 2/pi = M * C * 2^(e - 320) with
 * C = 2/pi * 2^320.  The integer part gives the quadrant, the next 256
 * fraction bits (exact to ~2^-190, far beyond 113 bits even for the
 * arguments closest to a multiple of pi/2) give r / (pi/2).
 */
static float128 q_reduce(floatx80 x, int *quadrant)
{
    int e = (x.high & 0x7fff) - 16383 - 63;
    uint64_t m = x.low;
    uint64_t p[6] = { 0 };   /* M * C, least significant word first */
    for (int i = 0; i < 5; i++) {
        u128 prod = (u128)m * two_over_pi[4 - i] + p[i];
        p[i] = (uint64_t)prod;
        p[i + 1] = (uint64_t)(prod >> 64);
    }
    /* The binary point sits at bit 320 - e of P. */
    int point = 320 - e;
    uint64_t w[4];   /* 256 fraction bits, w[0] most significant */
    uint64_t q = 0;
    for (int i = 0; i < 4; i++) {
        int lo = point - 64 * (i + 1);   /* bit index of the word's lsb */
        int wi = lo / 64, sh = lo % 64;
        uint64_t v = wi < 6 ? p[wi] >> sh : 0;
        if (sh && wi + 1 < 6) {
            v |= p[wi + 1] << (64 - sh);
        }
        w[i] = v;
    }
    {
        int wi = point / 64, sh = point % 64;
        uint64_t v = wi < 6 ? p[wi] >> sh : 0;
        if (sh && wi + 1 < 6) {
            v |= p[wi + 1] << (64 - sh);
        }
        q = v;
    }
    bool neg = false;
    if (w[0] >> 63) {
        /* fraction >= 1/2: round the quotient up, the remainder is 1 - fraction, negative */
        q++;
        neg = true;
        uint64_t borrow = 1;
        for (int i = 3; i >= 0; i--) {
            uint64_t nw = ~w[i] + borrow;
            borrow = borrow && nw == 0;
            w[i] = nw;
        }
    }
    /* The 256-bit fraction W * 2^-256 as a binary128: normalise, keep 128 bits, jam the rest. */
    u128 hi = ((u128)w[0] << 64) | w[1], lo = ((u128)w[2] << 64) | w[3];
    float128 f = { 0 };
    if (hi | lo) {
        int lz = hi ? clz128(hi) : 128 + clz128(lo);
        u128 top, rest;
        if (lz == 0) {
            top = hi, rest = lo;
        } else if (lz < 128) {
            top = (hi << lz) | (lo >> (128 - lz)), rest = lo << lz;
        } else {
            top = lo << (lz - 128), rest = 0;
        }
        /* value = top * 2^(-128 - lz) = sig * 2^(exp - 126) */
        FloatParts pp = { .cls = FC_NORMAL, .exp = -2 - lz, .sig = top | (rest != 0) };
        parts_normalize(&pp);
        FloatStatus s = q_status();
        FloatRaw raw = parts_round_pack(pp, &float128_fmt, 113, &s);
        f.low = (uint64_t)raw.frac;
        f.high = ((uint64_t)raw.exp << 48) | (uint64_t)(raw.frac >> 64);
    }
    float128 r = q_mul(f, q_pi_2);
    if (neg) {
        r = q_neg(r);
    }
    if (x.high >> 15) {
        r = q_neg(r);
        q = -q;
    }
    *quadrant = q & 3;
    return r;
}

/* ---- plumbing: specials and the final rounding ---------------------------------- */

static float128 to_q(floatx80 x)
{
    FloatStatus s = q_status();
    return floatx80_to_float128(x, &s);
}

/* Round to the 64-bit significand with the caller's mode; inexact is always raised. */
static floatx80 from_q(float128 v, FloatStatus *s)
{
    FloatStatus t = *s;
    t.flags = 0;
    floatx80 r = float128_to_floatx80(v, &t);
    /* The binary128 value is itself rounded: the true result is never exact here. */
    s->flags |= (t.flags & (float_flag_underflow | float_flag_overflow)) | float_flag_inexact;
    if ((t.flags & float_flag_inexact) == 0 && (r.high & 0x7fff) == 0 && r.low) {
        s->flags |= float_flag_underflow;
    }
    return r;
}

/* NaN and unsupported operands: returns true with *r set when one settles the result. */
static bool special_nan(floatx80 a, floatx80 b, int n, floatx80 *r, FloatStatus *s)
{
    bool an = floatx80_is_nan(a) || floatx80_invalid_encoding(a);
    bool bn = n > 1 && (floatx80_is_nan(b) || floatx80_invalid_encoding(b));
    if (!an && !bn) {
        return false;
    }
    /* Adding the operands picks the NaN by the x87 rules and raises invalid for SNaNs. */
    FloatStatus t = *s;
    *r = n > 1 ? floatx80_add(an ? a : b, bn ? b : a, &t) : floatx80_add(a, a, &t);
    s->flags |= t.flags & (float_flag_invalid | float_flag_input_denormal);
    return true;
}

static void note_denormal(floatx80 a, FloatStatus *s)
{
    if ((a.high & 0x7fff) == 0 && a.low) {
        s->flags |= float_flag_input_denormal;
    }
}

static floatx80 x80_inf(bool neg)
{
    return (floatx80) { .low = 1ull << 63, .high = (uint16_t)(neg << 15 | 0x7fff) };
}

static floatx80 x80_zero(bool neg)
{
    return (floatx80) { .low = 0, .high = (uint16_t)(neg << 15) };
}

static floatx80 x80_invalid(FloatStatus *s)
{
    s->flags |= float_flag_invalid;
    return floatx80_default_nan(s);
}

static bool x80_is_inf(floatx80 a)
{
    return (a.high & 0x7fff) == 0x7fff && a.low == 1ull << 63;
}

static bool x80_is_zero(floatx80 a)
{
    return (a.high & 0x7fff) == 0 && a.low == 0;
}

/* ---- the instructions ------------------------------------------------------------- */

floatx80 floatx80_f2xm1(floatx80 x, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(x, x, 1, &r, s)) {
        return r;
    }
    note_denormal(x, s);
    if (x80_is_zero(x)) {
        return x;
    }
    if (x80_is_inf(x)) {
        return (x.high >> 15) ? (floatx80) { .low = 1ull << 63, .high = 0xbfff } : x;
    }
    float128 q = to_q(x);
    if (q_exp(q) >= 0) {
        /* Outside the documented domain [-1, 1] the SDM leaves the result undefined. */
        FloatStatus t = q_status();
        if (q_exp(q) > 14) {
            return q_neg_p(q) ? (floatx80) { .low = 1ull << 63, .high = 0xbfff } : x80_inf(false);
        }
        float128 e = q_expm1(q_mul(float128_scalbn(q, -15, &t), q_ln2));
        for (int i = 0; i < 15; i++) {
            e = q_mul(e, q_add(e, q_two));
        }
        return from_q(e, s);
    }
    return from_q(q_expm1(q_mul(q, q_ln2)), s);
}

/* y * log2(x) from l = log2(x) in binary128, with IEEE products for the special values. */
static floatx80 y_log2(floatx80 y, float128 l, FloatStatus *s)
{
    FloatStatus t = q_status();
    float128 p = float128_mul(to_q(y), l, &t);
    if (t.flags & float_flag_invalid) {
        return x80_invalid(s);   /* 0 * inf */
    }
    if (q_zero(p) || ((p.high >> 48) & 0x7fff) == 0x7fff) {
        return float128_to_floatx80(p, s);   /* exact: zero or infinity */
    }
    return from_q(p, s);
}

floatx80 floatx80_fyl2x(floatx80 st0, floatx80 st1, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(st0, st1, 2, &r, s)) {
        return r;
    }
    note_denormal(st0, s);
    note_denormal(st1, s);
    bool xneg = st0.high >> 15;
    if (xneg && !x80_is_zero(st0)) {
        return x80_invalid(s);
    }
    float128 l;
    if (x80_is_zero(st0)) {
        if (x80_is_zero(st1)) {
            return x80_invalid(s);
        }
        if (!x80_is_inf(st1)) {
            s->flags |= float_flag_divbyzero;
        }
        return x80_inf(!(st1.high >> 15));
    } else if (x80_is_inf(st0)) {
        l = (float128) { .low = 0, .high = 0x7fff000000000000ull };
    } else {
        float128 q = to_q(st0);
        /* log2(1) = +0 exactly; elsewhere log(x) / ln 2. */
        bool one = q.high == q_one.high && q.low == q_one.low;
        l = one ? (float128) { 0 } : q_div(q_log(q), q_ln2);
    }
    return y_log2(st1, l, s);
}

floatx80 floatx80_fyl2xp1(floatx80 st0, floatx80 st1, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(st0, st1, 2, &r, s)) {
        return r;
    }
    note_denormal(st0, s);
    note_denormal(st1, s);
    if (x80_is_zero(st0)) {
        if (x80_is_inf(st1)) {
            return x80_invalid(s);
        }
        return x80_zero((st0.high ^ st1.high) >> 15);
    }
    if (x80_is_inf(st0)) {
        return x80_invalid(s);   /* far outside |x| < 1 - sqrt(2)/2 */
    }
    float128 x = to_q(st0);
    if (!q_lt(q_neg(q_one), x)) {
        return x80_invalid(s);
    }
    float128 l = q_div(q_2atanh(q_div(x, q_add(q_two, x))), q_ln2);
    return y_log2(st1, l, s);
}

floatx80 floatx80_fpatan(floatx80 st0, floatx80 st1, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(st0, st1, 2, &r, s)) {
        return r;
    }
    note_denormal(st0, s);
    note_denormal(st1, s);
    bool yneg = st1.high >> 15, xneg = st0.high >> 15;
    float128 t;
    /* atan2(y, x) with the IEEE/C99 special cases (SDM table for FPATAN). */
    if (x80_is_zero(st1) && !x80_is_inf(st0)) {
        if (!xneg) {
            return x80_zero(yneg);
        }
        t = q_pi;
    } else if (x80_is_inf(st1)) {
        t = x80_is_inf(st0) ? (xneg ? q_pi_3_4 : q_pi_4) : q_pi_2;
    } else if (x80_is_inf(st0)) {
        if (!xneg) {
            return x80_zero(yneg);
        }
        t = q_pi;
    } else if (x80_is_zero(st0)) {
        t = q_pi_2;
    } else {
        float128 a = q_abs(to_q(st1)), b = q_abs(to_q(st0));
        if (q_lt(b, a)) {
            t = q_sub(q_pi_2, q_atan01(q_div(b, a)));
        } else {
            t = q_atan01(q_div(a, b));
        }
        if (xneg) {
            t = q_sub(q_pi, t);
        }
    }
    return from_q(yneg ? q_neg(t) : t, s);
}

/* Out of range for the trigonometric instructions: |x| >= 2^63 (C2 set, operand kept). */
static bool trig_out_of_range(floatx80 x)
{
    return (x.high & 0x7fff) >= 16383 + 63 && !x80_is_inf(x);
}

/* sin, cos and tan of a finite in-range x as binary128. */
static void trig(floatx80 x, float128 *sn, float128 *cs, float128 *tn)
{
    int quad = 0;
    float128 r, ds, dc;
    if ((x.high & 0x7fff) < 16383 - 1) {
        r = to_q(x);   /* |x| < 1/2: no reduction, r is exact */
    } else {
        r = q_reduce(x, &quad);
    }
    q_sincos_parts(r, &ds, &dc);
    float128 a = q_add(r, ds), b = q_add(q_one, dc);
    /* tan r = r + (ds - r dc) / (1 + dc): the correction has no cancellation. */
    float128 t = q_add(r, q_div(q_sub(ds, q_mul(r, dc)), b));
    switch (quad) {
    case 0: *sn = a; *cs = b; *tn = t; break;
    case 1: *sn = b; *cs = q_neg(a); *tn = q_neg(q_div(b, a)); break;
    case 2: *sn = q_neg(a); *cs = q_neg(b); *tn = t; break;
    default: *sn = q_neg(b); *cs = a; *tn = q_neg(q_div(b, a)); break;
    }
}

void floatx80_fsincos(floatx80 x, floatx80 *sin, floatx80 *cos, bool *c2, FloatStatus *s)
{
    floatx80 r;
    *c2 = false;
    if (special_nan(x, x, 1, &r, s)) {
        *sin = *cos = r;
        return;
    }
    if (trig_out_of_range(x)) {
        *c2 = true;
        *sin = *cos = x;
        return;
    }
    note_denormal(x, s);
    if (x80_is_inf(x)) {
        *sin = *cos = x80_invalid(s);
        return;
    }
    if (x80_is_zero(x)) {
        *sin = x;
        *cos = (floatx80) { .low = 1ull << 63, .high = 0x3fff };
        return;
    }
    float128 sn, cs, tn;
    trig(x, &sn, &cs, &tn);
    *sin = from_q(sn, s);
    *cos = from_q(cs, s);
}

floatx80 floatx80_fsin(floatx80 x, bool *c2, FloatStatus *s)
{
    floatx80 sn, cs;
    floatx80_fsincos(x, &sn, &cs, c2, s);
    return sn;
}

floatx80 floatx80_fcos(floatx80 x, bool *c2, FloatStatus *s)
{
    /* The cosine never underflows (|cos x| > 2^-65 for in-range x): that flag is the sine's. */
    uint32_t before = s->flags;
    floatx80 sn, cs;
    floatx80_fsincos(x, &sn, &cs, c2, s);
    s->flags &= ~float_flag_underflow | before;
    return cs;
}

void floatx80_fptan(floatx80 *st0, floatx80 *one, bool *c2, FloatStatus *s)
{
    floatx80 x = *st0, r;
    *c2 = false;
    *one = (floatx80) { .low = 1ull << 63, .high = 0x3fff };
    if (special_nan(x, x, 1, &r, s)) {
        *st0 = r;
        return;
    }
    if (trig_out_of_range(x)) {
        *c2 = true;
        return;
    }
    note_denormal(x, s);
    if (x80_is_inf(x)) {
        *st0 = x80_invalid(s);
        return;
    }
    if (x80_is_zero(x)) {
        return;
    }
    float128 sn, cs, tn;
    trig(x, &sn, &cs, &tn);
    *st0 = from_q(tn, s);
}

floatx80 floatx80_fscale(floatx80 st0, floatx80 st1, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(st0, st1, 2, &r, s)) {
        return r;
    }
    if (x80_is_inf(st1)) {
        note_denormal(st0, s);
        bool down = st1.high >> 15;
        /* st0 * 2^+inf / 2^-inf: 0 * 2^inf and inf * 2^-inf are invalid. */
        if (down) {
            return x80_is_inf(st0) ? x80_invalid(s) : x80_zero(st0.high >> 15);
        }
        return x80_is_zero(st0) ? x80_invalid(s) : x80_inf(st0.high >> 15);
    }
    /* The scale is st1 chopped to an integer; anything past +-2^16 saturates the result. */
    FloatStatus t = *s;
    t.flags = 0;
    int64_t n = floatx80_to_int64_round_to_zero(st1, &t);
    if (t.flags & float_flag_invalid) {
        n = (st1.high >> 15) ? -0x20000 : 0x20000;
    }
    n = n > 0x20000 ? 0x20000 : n < -0x20000 ? -0x20000 : n;
    note_denormal(st1, s);
    return floatx80_scalbn(st0, (int)n, s);
}

void floatx80_fxtract(floatx80 x, floatx80 *exponent, floatx80 *significand, FloatStatus *s)
{
    floatx80 r;
    if (special_nan(x, x, 1, &r, s)) {
        *exponent = *significand = r;
        return;
    }
    if (x80_is_zero(x)) {
        s->flags |= float_flag_divbyzero;
        *exponent = x80_inf(true);
        *significand = x;
        return;
    }
    if (x80_is_inf(x)) {
        *exponent = x80_inf(false);
        *significand = x;
        return;
    }
    note_denormal(x, s);
    int e = (x.high & 0x7fff) - 16383;
    uint64_t m = x.low;
    if ((x.high & 0x7fff) == 0) {
        /* Denormal (or pseudo-denormal): normalise. */
        int lz = clz64(m);
        m <<= lz;
        e = 1 - 16383 - lz;
    }
    FloatStatus t = *s;
    *exponent = int32_to_floatx80(e, &t);
    *significand = (floatx80) { .low = m, .high = (uint16_t)((x.high & 0x8000) | 0x3fff) };
}
