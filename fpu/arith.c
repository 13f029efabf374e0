/*
 * arith.c — the IEEE operations on FloatParts, once for every format.
 *
 * Offers the parts_* operations of internal.h.  Each returns an unrounded
 * FloatParts whose significand carries a sticky bit where bits were dropped,
 * so the caller's single parts_round_pack() gives the correctly rounded
 * result; operands are already unpacked (subnormals normalised, flushed
 * inputs already zero).  Special operands (NaN, infinity, zero) are settled
 * here with the IEEE 754-2019 rules of chapter 6 and 7; NaN choice is the
 * target's (parts_pick_nan2/3).
 */
#include "internal.h"

/* ---- 256-bit helpers for the exact product of fused multiply-add -------- */

typedef struct {
    u128 hi, lo;
} u256;

static u256 mul128(u128 a, u128 b)
{
    uint64_t a0 = a, a1 = a >> 64, b0 = b, b1 = b >> 64;
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    u256 r;
    r.lo = (p00 & UINT64_MAX) | (mid << 64);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

static u256 shr256_jam(u256 v, int n)
{
    if (n <= 0) {
        return v;
    }
    if (n >= 256) {
        return (u256) { 0, (v.hi | v.lo) != 0 };
    }
    if (n >= 128) {
        bool sticky = v.lo != 0 || (n > 128 && (v.hi << (256 - n)) != 0);
        return (u256) { 0, (n == 128 ? v.hi : v.hi >> (n - 128)) | sticky };
    }
    bool sticky = (v.lo << (128 - n)) != 0;
    return (u256) { v.hi >> n, (v.lo >> n) | (v.hi << (128 - n)) | sticky };
}

static u256 shl256(u256 v, int n)
{
    if (n <= 0) {
        return v;
    }
    if (n >= 128) {
        return (u256) { v.lo << (n - 128), 0 };
    }
    return (u256) { (v.hi << n) | (v.lo >> (128 - n)), v.lo << n };
}

static int clz256(u256 v)
{
    return v.hi ? clz128(v.hi) : 128 + (v.lo ? clz128(v.lo) : 128);
}

static bool lt256(u256 a, u256 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static u256 add256(u256 a, u256 b)
{
    u128 lo = a.lo + b.lo;
    return (u256) { a.hi + b.hi + (lo < a.lo), lo };
}

static u256 sub256(u256 a, u256 b)
{
    return (u256) { a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo };
}

/* ---- helpers ----------------------------------------------------------- */

static FloatParts make_zero(bool sign)
{
    return (FloatParts) { .cls = FC_ZERO, .sign = sign };
}

static FloatParts make_inf(bool sign)
{
    return (FloatParts) { .cls = FC_INF, .sign = sign };
}

/* IEEE 6.3: an exact zero sum of opposite signs is +0, except -0 when rounding down. */
static bool exact_zero_sign(const FloatStatus *s)
{
    return s->rounding_mode == float_round_down;
}

/* ---- add / sub --------------------------------------------------------- */

FloatParts parts_add(FloatParts a, FloatParts b, bool subtract, FloatStatus *s)
{
    if (is_nan_class(a.cls) || is_nan_class(b.cls)) {
        return parts_pick_nan2(a, b, s);
    }
    b.sign ^= subtract;
    if (a.cls == FC_INF) {
        if (b.cls == FC_INF && a.sign != b.sign) {
            return parts_invalid(s);
        }
        return a;
    }
    if (b.cls == FC_INF) {
        return b;
    }
    if (a.cls == FC_ZERO && b.cls == FC_ZERO) {
        return make_zero(a.sign == b.sign ? a.sign : exact_zero_sign(s));
    }
    if (a.cls == FC_ZERO) {
        return b;
    }
    if (b.cls == FC_ZERO) {
        return a;
    }
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        FloatParts t = a;
        a = b;
        b = t;
    }
    /*
     * Jamming b is exact enough: when more than one bit is shifted out the
     * difference loses at most one leading bit, and 13+ guard bits remain
     * below the widest precision.
     */
    b.sig = shift_right_jam(b.sig, a.exp - b.exp);
    if (a.sign == b.sign) {
        a.sig += b.sig;
    } else {
        a.sig -= b.sig;
        if (a.sig == 0) {
            return make_zero(exact_zero_sign(s));
        }
    }
    return a;
}

/* ---- mul --------------------------------------------------------------- */

FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    if (is_nan_class(a.cls) || is_nan_class(b.cls)) {
        return parts_pick_nan2(a, b, s);
    }
    bool sign = a.sign ^ b.sign;
    if ((a.cls == FC_INF && b.cls == FC_ZERO) || (a.cls == FC_ZERO && b.cls == FC_INF)) {
        return parts_invalid(s);
    }
    if (a.cls == FC_INF || b.cls == FC_INF) {
        return make_inf(sign);
    }
    if (a.cls == FC_ZERO || b.cls == FC_ZERO) {
        return make_zero(sign);
    }
    /* [2^252, 2^254) scaled by 2^-126 back into [2^126, 2^128). */
    u256 p = shr256_jam(mul128(a.sig, b.sig), FRAC_MSB);
    return (FloatParts) { .cls = FC_NORMAL, .sign = sign, .exp = a.exp + b.exp, .sig = p.lo };
}

/* ---- div --------------------------------------------------------------- */

FloatParts parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s)
{
    if (is_nan_class(a.cls) || is_nan_class(b.cls)) {
        return parts_pick_nan2(a, b, s);
    }
    bool sign = a.sign ^ b.sign;
    if ((a.cls == FC_INF && b.cls == FC_INF) || (a.cls == FC_ZERO && b.cls == FC_ZERO)) {
        return parts_invalid(s);
    }
    if (a.cls == FC_INF || b.cls == FC_ZERO) {
        if (a.cls != FC_INF) {
            s->flags |= float_flag_divbyzero;
        }
        return make_inf(sign);
    }
    if (a.cls == FC_ZERO || b.cls == FC_INF) {
        return make_zero(sign);
    }
    int32_t exp = a.exp - b.exp;
    u128 r = a.sig, d = b.sig, q = 0;
    if (r < d) {
        r <<= 1;
        exp--;
    }
    /* Restoring division: prec + 2 quotient bits, the remainder becomes the sticky bit. */
    int n = prec + 2;
    for (int i = 0; i < n; i++) {
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
        r <<= 1;
    }
    return (FloatParts) { .cls = FC_NORMAL, .sign = sign, .exp = exp,
                          .sig = (q << (FRAC_MSB + 1 - n)) | (r != 0) };
}

/* ---- sqrt -------------------------------------------------------------- */

FloatParts parts_sqrt(FloatParts a, int prec, FloatStatus *s)
{
    if (is_nan_class(a.cls)) {
        return parts_pick_nan2(a, a, s);
    }
    if (a.cls == FC_ZERO) {
        return a;   /* sqrt(-0) = -0 */
    }
    if (a.sign) {
        return parts_invalid(s);
    }
    if (a.cls == FC_INF) {
        return a;
    }
    int32_t k = a.exp;
    u128 m = a.sig;
    if (k & 1) {
        m <<= 1;
        k -= 1;
    }
    /*
     * Digit-by-digit square root of m * 4^(n-64): each step brings down two
     * radicand bits (zeros once m is used up).  The remainder stays below
     * 2 * root + 1 < 2^(n+1), so 128 bits suffice for n <= 115.
     */
    int n = prec + 2;
    u128 root = 0, rem = 0;
    for (int i = 0; i < n; i++) {
        u128 two = i < 64 ? (m >> (126 - 2 * i)) & 3 : 0;
        rem = (rem << 2) | two;
        u128 trial = (root << 2) | 1;
        if (rem >= trial) {
            rem -= trial;
            root = (root << 1) | 1;
        } else {
            root <<= 1;
        }
    }
    /* Radicand bits not brought down (n < 64) are part of the remainder too. */
    bool rest = n < 64 && (m & (((u128)1 << (128 - 2 * n)) - 1)) != 0;
    return (FloatParts) { .cls = FC_NORMAL, .exp = k / 2,
                          .sig = (root << (FRAC_MSB + 1 - n)) | (rem != 0 || rest) };
}

/* ---- fused multiply-add ------------------------------------------------ */

FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags, FloatStatus *s)
{
    bool inf_zero = (a.cls == FC_INF && b.cls == FC_ZERO) || (a.cls == FC_ZERO && b.cls == FC_INF);
    if (is_nan_class(a.cls) || is_nan_class(b.cls) || is_nan_class(c.cls)) {
        return parts_pick_nan3(a, b, c, inf_zero && is_nan_class(c.cls), s);
    }
    if (inf_zero) {
        return parts_invalid(s);
    }
    bool psign = a.sign ^ b.sign ^ !!(flags & float_muladd_negate_product);
    c.sign ^= !!(flags & float_muladd_negate_c);
    int halve = !!(flags & float_muladd_halve_result);

    if (a.cls == FC_INF || b.cls == FC_INF) {
        if (c.cls == FC_INF && c.sign != psign) {
            return parts_invalid(s);
        }
        return make_inf(psign);
    }
    if (c.cls == FC_INF) {
        return c;
    }
    if (a.cls == FC_ZERO || b.cls == FC_ZERO) {
        if (c.cls == FC_ZERO) {
            return make_zero(psign == c.sign ? psign : exact_zero_sign(s));
        }
        c.exp -= halve;
        return c;
    }

    /* Exact product X * 2^(E - 253) with the leading one of X at bit 253. */
    u256 px = mul128(a.sig, b.sig);
    int32_t pe = a.exp + b.exp + 1;
    if (!(px.hi >> (253 - 128))) {
        px = shl256(px, 1);
        pe--;
    }
    if (c.cls == FC_ZERO) {
        px = shr256_jam(px, 127);
        return (FloatParts) { .cls = FC_NORMAL, .sign = psign, .exp = pe - halve, .sig = px.lo };
    }
    u256 cx = shl256((u256) { 0, c.sig }, 127);
    int32_t ce = c.exp;
    bool csign = c.sign;

    /* Make (px, pe, psign) the larger magnitude. */
    if (ce > pe || (ce == pe && lt256(px, cx))) {
        u256 tx = px;
        int32_t te = pe;
        bool ts = psign;
        px = cx, pe = ce, psign = csign;
        cx = tx, ce = te, csign = ts;
    }
    cx = shr256_jam(cx, pe - ce);
    if (psign == csign) {
        px = add256(px, cx);
    } else {
        px = sub256(px, cx);
        if (px.hi == 0 && px.lo == 0) {
            return make_zero(exact_zero_sign(s));
        }
    }
    /* Renormalise to bit 253 (a carry reaches 254; cancellation needs a left shift). */
    int lz = clz256(px);
    if (lz < 2) {
        px = shr256_jam(px, 2 - lz);
        pe += 2 - lz;
    } else {
        px = shl256(px, lz - 2);
        pe -= lz - 2;
    }
    px = shr256_jam(px, 127);
    return (FloatParts) { .cls = FC_NORMAL, .sign = psign, .exp = pe - halve, .sig = px.lo };
}

/* ---- remainder --------------------------------------------------------- */

/*
 * IEEE remainder (truncate false: quotient rounded to nearest even) or the
 * x87 FPREM remainder (truncate true: quotient chopped).  With max_bits > 0 an
 * exponent difference D of max_bits or more does only a partial reduction, as
 * FPREM/FPREM1 do (*partial set): the SDM leaves the number N of quotient bits
 * produced to the implementation (32..63); Intel and AMD parts use
 * N = 32 + (D mod 32), which the x87 test checks against the host.
 */

FloatParts parts_rem(FloatParts a, FloatParts b, bool truncate, int max_bits,
                     uint64_t *quot, bool *partial, FloatStatus *s)
{
    *quot = 0;
    *partial = false;
    if (is_nan_class(a.cls) || is_nan_class(b.cls)) {
        return parts_pick_nan2(a, b, s);
    }
    if (a.cls == FC_INF || b.cls == FC_ZERO) {
        return parts_invalid(s);
    }
    if (a.cls == FC_ZERO || b.cls == FC_INF) {
        return a;
    }
    int32_t d = a.exp - b.exp;
    int32_t eb = b.exp;
    if (max_bits > 0 && d >= max_bits) {
        /* Reduce by b * 2^(d - N) only: N quotient bits per step. */
        *partial = true;
        truncate = true;
        d = 32 + (d % 32);
        eb = a.exp - d;
    }
    if (d < 0 && (truncate || d < -1)) {
        return a;   /* |a| < |b| (or < |b|/2): the quotient is 0 */
    }
    u128 r = a.sig, sb = b.sig;
    uint64_t q = 0;
    bool sign = a.sign;
    if (d == -1) {
        /* |a| in [|b|/4, |b|): the quotient rounds to 1 iff |a| > |b|/2. */
        if (r > sb) {
            r = 2 * sb - r;
            sign = !sign;
            q = 1;
        }
        eb--;
    } else {
        for (int32_t i = 0; i <= d; i++) {
            q <<= 1;
            if (r >= sb) {
                r -= sb;
                q |= 1;
            }
            if (i < d) {
                r <<= 1;
            }
        }
        if (!truncate && (2 * r > sb || (2 * r == sb && (q & 1)))) {
            r = sb - r;
            sign = !sign;
            q++;
        }
    }
    *quot = q;
    if (r == 0) {
        return make_zero(a.sign);
    }
    FloatParts p = { .cls = FC_NORMAL, .sign = sign, .exp = eb, .sig = r };
    parts_normalize(&p);
    return p;
}

/* ---- round to integral -------------------------------------------------- */

FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, bool exact, FloatStatus *s)
{
    if (is_nan_class(a.cls)) {
        return parts_pick_nan2(a, a, s);
    }
    if (a.cls != FC_NORMAL || a.exp >= FRAC_MSB) {
        return a;
    }
    bool inexact;
    if (a.exp < 0) {
        /* |a| < 1: the result is 0 or 1. */
        bool one;
        switch (mode) {
        case float_round_nearest_even:
            one = a.exp == -1 && a.sig > ((u128)1 << FRAC_MSB);
            break;
        case float_round_ties_away:
            one = a.exp == -1;
            break;
        case float_round_up:
            one = !a.sign;
            break;
        case float_round_down:
            one = a.sign;
            break;
        case float_round_to_odd:
            one = true;
            break;
        default:
            one = false;
            break;
        }
        if (exact) {
            s->flags |= float_flag_inexact;
        }
        if (!one) {
            return make_zero(a.sign);
        }
        return (FloatParts) { .cls = FC_NORMAL, .sign = a.sign, .exp = 0,
                              .sig = (u128)1 << FRAC_MSB };
    }
    a.sig = parts_round_sig(a.sig, FRAC_MSB - a.exp, mode, a.sign, &inexact);
    if (inexact && exact) {
        s->flags |= float_flag_inexact;
    }
    return a;
}

/* ---- compare, min/max --------------------------------------------------- */

FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet, FloatStatus *s)
{
    if (is_nan_class(a.cls) || is_nan_class(b.cls)) {
        if (!quiet || a.cls == FC_SNAN || b.cls == FC_SNAN) {
            s->flags |= float_flag_invalid;
        }
        return float_relation_unordered;
    }
    if (a.cls == FC_ZERO && b.cls == FC_ZERO) {
        return float_relation_equal;
    }
    if (a.sign != b.sign) {
        return a.sign ? float_relation_less : float_relation_greater;
    }
    /* Same sign: order by magnitude, then flip for negatives. */
    int ka = a.cls == FC_ZERO ? 0 : a.cls == FC_NORMAL ? 1 : 2;
    int kb = b.cls == FC_ZERO ? 0 : b.cls == FC_NORMAL ? 1 : 2;
    int c;
    if (ka != kb) {
        c = ka < kb ? -1 : 1;
    } else if (ka != 1) {
        c = 0;
    } else if (a.exp != b.exp) {
        c = a.exp < b.exp ? -1 : 1;
    } else {
        c = a.sig < b.sig ? -1 : a.sig > b.sig;
    }
    return (FloatRelation)(a.sign ? -c : c);
}

FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max, int kind, FloatStatus *s)
{
    bool an = is_nan_class(a.cls), bn = is_nan_class(b.cls);
    if (an || bn) {
        if (kind == MINMAX_IEEE2019 || (an && bn)) {
            return parts_pick_nan2(a, b, s);
        }
        /* 754-2008 minNum: a signalling NaN still gives NaN; 2019 *Number ignores it too. */
        if (kind == MINMAX_NUM && (a.cls == FC_SNAN || b.cls == FC_SNAN)) {
            return parts_pick_nan2(a, b, s);
        }
        if (a.cls == FC_SNAN || b.cls == FC_SNAN) {
            s->flags |= float_flag_invalid;
        }
        return an ? b : a;
    }
    FloatRelation r = parts_compare(a, b, true, s);
    if (r == float_relation_equal && a.cls == FC_ZERO) {
        /* -0 < +0 for the purpose of min/max (754-2019 9.6). */
        bool a_less = a.sign && !b.sign;
        return (a_less != is_max) ? a : b;
    }
    bool a_less = r == float_relation_less;
    return (a_less != is_max) ? a : b;
}

/* ---- scalbn, logb -------------------------------------------------------- */

FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s)
{
    if (is_nan_class(a.cls)) {
        return parts_pick_nan2(a, a, s);
    }
    if (a.cls == FC_NORMAL) {
        /* Any |n| past 2^16 over- or underflows every format: clamp to stay in int32_t. */
        n = n > 0x10000 ? 0x10000 : n < -0x10000 ? -0x10000 : n;
        a.exp += n;
    }
    return a;
}

FloatParts parts_logb(FloatParts a, FloatStatus *s)
{
    if (is_nan_class(a.cls)) {
        return parts_pick_nan2(a, a, s);
    }
    if (a.cls == FC_INF) {
        return make_inf(false);
    }
    if (a.cls == FC_ZERO) {
        s->flags |= float_flag_divbyzero;
        return make_inf(true);
    }
    return parts_from_sint(a.exp);
}

/* ---- integers ------------------------------------------------------------ */

FloatParts parts_from_uint(uint64_t v)
{
    if (v == 0) {
        return make_zero(false);
    }
    FloatParts p = { .cls = FC_NORMAL, .exp = FRAC_MSB, .sig = v };
    parts_normalize(&p);
    return p;
}

FloatParts parts_from_sint(int64_t v)
{
    FloatParts p = parts_from_uint(v < 0 ? -(uint64_t)v : (uint64_t)v);
    p.sign = v < 0;
    return p;
}

static uint64_t invalid_int(FloatIntInvalid how, bool neg, int bits, bool is_unsigned)
{
    uint64_t max = is_unsigned ? UINT64_MAX >> (64 - bits) : UINT64_MAX >> (65 - bits);
    uint64_t min = is_unsigned ? 0 : (uint64_t)-1 << (bits - 1);
    switch (how) {
    case float_int_saturate:
        return neg ? min : max;
    case float_int_indefinite:
        return is_unsigned ? max : min;
    case float_int_max:
        return max;
    case float_int_zero:
        return 0;
    }
    return 0;
}

/*
 * Round to an integer of `bits` bits.  Out of range is invalid and replaces
 * inexact (IEEE 7.2 j), so the rounding runs on a scratch copy of the flags.
 */
static bool to_integer(FloatParts a, FloatRoundMode mode, int bits, bool is_unsigned,
                       uint64_t *out, FloatStatus *s)
{
    uint32_t saved = s->flags;
    FloatParts r = parts_round_to_int(a, mode, true, s);
    uint32_t new_flags = s->flags;
    s->flags = saved;
    if (r.cls == FC_ZERO) {
        *out = 0;
        s->flags = new_flags;
        return true;
    }
    if (r.exp >= 64) {
        return false;
    }
    uint64_t mag = r.sig >> (FRAC_MSB - r.exp);
    uint64_t limit = is_unsigned ? (r.sign ? 0 : UINT64_MAX >> (64 - bits))
                                 : (r.sign ? 1ull << (bits - 1) : (1ull << (bits - 1)) - 1);
    if (mag > limit) {
        return false;
    }
    *out = r.sign ? -mag : mag;
    s->flags = new_flags;
    return true;
}

int64_t parts_to_sint(FloatParts a, FloatRoundMode mode, int bits, FloatStatus *s)
{
    const FloatNaNRules *n = s->nan;
    uint64_t v;
    if (is_nan_class(a.cls)) {
        s->flags |= float_flag_invalid;
        return (int64_t)invalid_int(n->int_nan, false, bits, false);
    }
    if (a.cls == FC_INF || !to_integer(a, mode, bits, false, &v, s)) {
        s->flags |= float_flag_invalid;
        return (int64_t)invalid_int(n->int_overflow, a.sign, bits, false);
    }
    return (int64_t)v;
}

uint64_t parts_to_uint(FloatParts a, FloatRoundMode mode, int bits, FloatStatus *s)
{
    const FloatNaNRules *n = s->nan;
    uint64_t v;
    if (is_nan_class(a.cls)) {
        s->flags |= float_flag_invalid;
        return invalid_int(n->uint_invalid, true, bits, true);
    }
    if (a.cls == FC_INF || !to_integer(a, mode, bits, true, &v, s)) {
        s->flags |= float_flag_invalid;
        return invalid_int(n->uint_invalid, a.sign, bits, true);
    }
    return v;
}
