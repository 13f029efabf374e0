/*
 * parts.c — decoding encodings into FloatParts, the one rounding routine,
 * and NaN selection by the target's FloatNaNRules.
 *
 * Offers: parts_unpack(), parts_round_pack(), parts_pack_special() and the NaN
 * helpers declared in internal.h.  Needs only the FloatFmt of the encoding and
 * the caller's FloatStatus.  Every format and every operation rounds through
 * parts_round_pack(), so rounding modes, tininess, flushing, overflow and the
 * x87 precision control are implemented exactly once.
 */
#include "internal.h"

const FloatFmt float16_fmt  = { .exp_bits = 5,  .frac_bits = 10,  .bias = 15 };
const FloatFmt float32_fmt  = { .exp_bits = 8,  .frac_bits = 23,  .bias = 127 };
const FloatFmt float64_fmt  = { .exp_bits = 11, .frac_bits = 52,  .bias = 1023 };
const FloatFmt floatx80_fmt = { .exp_bits = 15, .frac_bits = 63,  .bias = 16383,
                                .explicit_int = true };
const FloatFmt float128_fmt = { .exp_bits = 15, .frac_bits = 112, .bias = 16383 };

#define QUIET_BIT ((u128)1 << (FRAC_MSB - 1))

void float_status_init(FloatStatus *s, const FloatNaNRules *rules)
{
    *s = (FloatStatus) {
        .rounding_mode = float_round_nearest_even,
        .floatx80_precision = floatx80_precision_x,
        .use_host_fpu = true,
        .nan = rules,
    };
}

void parts_normalize(FloatParts *p)
{
    if (p->sig >> 127) {
        p->sig = shift_right_jam(p->sig, 1);
        p->exp++;
    } else {
        int sh = clz128(p->sig) - 1;
        p->sig <<= sh;
        p->exp -= sh;
    }
}

FloatParts parts_unpack(FloatRaw r, const FloatFmt *fmt, FloatStatus *s)
{
    FloatParts p = { .sign = r.sign };
    int32_t exp_max = (1 << fmt->exp_bits) - 1;
    int shift = FRAC_MSB - fmt->frac_bits;

    /*
     * x87 encodings whose integer bit contradicts the exponent (unnormals,
     * pseudo-NaNs, pseudo-infinities) are "unsupported" since the 387: every
     * arithmetic use is an invalid operation answered with the default NaN.
     * A signalling NaN with an empty payload and the default NaN's sign
     * gives exactly that through the ordinary NaN path.
     */
    if (fmt->explicit_int && r.exp != 0 && !r.int_bit) {
        p.cls = FC_SNAN;
        p.sign = s->nan->default_nan_sign;
        p.sig = 0;
        return p;
    }
    if (r.exp == exp_max) {
        if (r.frac == 0) {
            p.cls = FC_INF;
        } else {
            bool top = (r.frac >> (fmt->frac_bits - 1)) & 1;
            p.cls = top != s->nan->snan_bit_is_one ? FC_QNAN : FC_SNAN;
            p.sig = r.frac << shift;
        }
        return p;
    }
    if (r.exp == 0) {
        /* x87 pseudo-denormals (integer bit set, exponent 0) weigh as exponent 1. */
        if (r.frac == 0 && !r.int_bit) {
            p.cls = FC_ZERO;
            return p;
        }
        if (s->flush_inputs_to_zero) {
            s->flags |= float_flag_input_flushed;
            p.cls = FC_ZERO;
            return p;
        }
        s->flags |= float_flag_input_denormal;
        p.cls = FC_NORMAL;
        p.exp = 1 - fmt->bias;
        p.sig = (r.frac | ((u128)r.int_bit << fmt->frac_bits)) << shift;
        parts_normalize(&p);
        return p;
    }
    p.cls = FC_NORMAL;
    p.exp = r.exp - fmt->bias;
    p.sig = (r.frac | ((u128)1 << fmt->frac_bits)) << shift;
    return p;
}

FloatParts parts_default_nan(const FloatStatus *s)
{
    const FloatNaNRules *n = s->nan;
    FloatParts p = { .cls = FC_QNAN, .sign = n->default_nan_sign };
    switch (n->default_nan) {
    case float_dnan_quiet_only:
        p.sig = QUIET_BIT;
        break;
    case float_dnan_all_ones:
        p.sig = (QUIET_BIT << 1) - 1;
        break;
    case float_dnan_all_but_quiet:
        p.sig = QUIET_BIT - 1;
        break;
    }
    return p;
}

FloatParts parts_invalid(FloatStatus *s)
{
    s->flags |= float_flag_invalid;
    return parts_default_nan(s);
}

/* The result an operation returns for the NaN operand it picked. */
FloatParts parts_quiet_nan(FloatParts p, const FloatStatus *s)
{
    const FloatNaNRules *n = s->nan;
    if (n->qnan_to_default || (p.cls == FC_SNAN && n->snan_to_default)) {
        return parts_default_nan(s);
    }
    if (p.cls == FC_SNAN) {
        if (n->snan_bit_is_one) {
            p.sig &= ~QUIET_BIT;
        } else {
            p.sig |= QUIET_BIT;
        }
        p.cls = FC_QNAN;
    }
    return p;
}

/* Which of the NaN operands `ops` (n of them, at least one a NaN) propagates. */
static FloatParts pick_nan(const FloatParts *ops, const uint8_t *order, int n, FloatStatus *s)
{
    const FloatNaNRules *r = s->nan;
    int pick = -1;

    bool bad_encoding = false;
    for (int i = 0; i < n; i++) {
        if (ops[i].cls == FC_SNAN) {
            s->flags |= float_flag_invalid;
            bad_encoding |= ops[i].sig == 0;
        }
    }
    if (bad_encoding) {
        /* An unsupported x87 encoding (see parts_unpack) beats any NaN operand. */
        return parts_default_nan(s);
    }
    if (r->snan_first) {
        for (int i = 0; i < n && pick < 0; i++) {
            if (ops[order[i]].cls == FC_SNAN) {
                pick = order[i];
            }
        }
    }
    for (int i = 0; i < n; i++) {
        int k = order[i];
        if (!is_nan_class(ops[k].cls)) {
            continue;
        }
        if (pick < 0) {
            pick = k;
        } else if (r->larger_significand &&
                   (ops[k].sig > ops[pick].sig ||
                    (ops[k].sig == ops[pick].sig && ops[pick].sign && !ops[k].sign))) {
            /*
             * x87: the quiet bit is part of the comparison, so a QNaN beats an
             * SNaN; between equal significands the positive NaN wins.
             */
            pick = k;
        }
    }
    return parts_quiet_nan(ops[pick], s);
}

FloatParts parts_pick_nan2(FloatParts a, FloatParts b, FloatStatus *s)
{
    FloatParts ops[2] = { a, b };
    return pick_nan(ops, s->nan->order2, 2, s);
}

FloatParts parts_pick_nan3(FloatParts a, FloatParts b, FloatParts c, bool inf_zero, FloatStatus *s)
{
    FloatParts ops[3] = { a, b, c };
    if (inf_zero) {
        /* inf * 0 + QNaN: whether that is invalid is the target's choice (IEEE 7.2 c). */
        if (s->nan->fma_inf_zero != float_infzero_quiet) {
            s->flags |= float_flag_invalid;
        }
        if (s->nan->fma_inf_zero == float_infzero_default) {
            return parts_default_nan(s);
        }
    }
    return pick_nan(ops, s->nan->order3, 3, s);
}

u128 parts_round_sig(u128 sig, int lsb_pos, FloatRoundMode mode, bool sign, bool *inexact)
{
    u128 one = (u128)1 << lsb_pos;
    u128 rem = sig & (one - 1);
    u128 half = one >> 1;
    bool lsb = (sig & one) != 0;
    bool inc = false;

    sig -= rem;
    *inexact = rem != 0;
    switch (mode) {
    case float_round_nearest_even:
        inc = rem > half || (rem == half && lsb);
        break;
    case float_round_ties_away:
        inc = rem >= half;
        break;
    case float_round_to_zero:
        break;
    case float_round_up:
        inc = rem && !sign;
        break;
    case float_round_down:
        inc = rem && sign;
        break;
    case float_round_to_odd:
        if (rem) {
            sig |= one;
        }
        break;
    }
    return inc ? sig + one : sig;
}

FloatRaw parts_pack_special(FloatParts p, const FloatFmt *fmt, const FloatStatus *s)
{
    FloatRaw r = { .sign = p.sign };
    int32_t exp_max = (1 << fmt->exp_bits) - 1;
    switch (p.cls) {
    case FC_ZERO:
        break;
    case FC_INF:
        r.exp = exp_max;
        r.int_bit = true;
        break;
    case FC_QNAN:
    case FC_SNAN:
        r.exp = exp_max;
        r.int_bit = true;
        r.frac = p.sig >> (FRAC_MSB - fmt->frac_bits);
        if (r.frac == 0) {
            /* The payload did not survive narrowing: it would read as infinity. */
            FloatParts d = parts_default_nan(s);
            r.sign = d.sign;
            r.frac = d.sig >> (FRAC_MSB - fmt->frac_bits);
        }
        break;
    case FC_NORMAL:
        break;
    }
    return r;
}

FloatRaw parts_round_pack(FloatParts p, const FloatFmt *fmt, int prec, FloatStatus *s)
{
    if (p.cls != FC_NORMAL) {
        return parts_pack_special(p, fmt, s);
    }
    parts_normalize(&p);

    const int emax = fmt->bias, emin = 1 - fmt->bias;
    const int lsb_pos = FRAC_MSB + 1 - prec;
    FloatRoundMode mode = s->rounding_mode;
    bool tiny = false, inexact;
    FloatRaw r = { .sign = p.sign };

    if (p.exp < emin) {
        if (s->tininess_before_rounding || p.exp < emin - 1) {
            tiny = true;
        } else {
            /* After rounding: tiny unless rounding to `prec` bits reaches 2^emin. */
            tiny = !(parts_round_sig(p.sig, lsb_pos, mode, p.sign, &inexact) >> 127);
        }
        if (tiny && s->flush_to_zero) {
            s->flags |= float_flag_underflow | float_flag_output_flushed;
            if (s->flush_sets_inexact) {
                s->flags |= float_flag_inexact;
            }
            return r;
        }
        p.sig = shift_right_jam(p.sig, emin - p.exp);
        p.exp = emin;
    }

    u128 sig = parts_round_sig(p.sig, lsb_pos, mode, p.sign, &inexact);
    if (sig >> 127) {
        sig >>= 1;   /* the bits below lsb_pos are zero: exact */
        p.exp++;
    }
    if (inexact) {
        s->flags |= float_flag_inexact;
        if (tiny) {
            s->flags |= float_flag_underflow;
        }
    }
    if (p.exp > emax) {
        s->flags |= float_flag_overflow | float_flag_inexact;
        bool to_inf = mode == float_round_nearest_even || mode == float_round_ties_away ||
                      (mode == float_round_up && !p.sign) ||
                      (mode == float_round_down && p.sign);
        if (to_inf) {
            p.cls = FC_INF;
            return parts_pack_special(p, fmt, s);
        }
        /* The largest finite value at this precision. */
        sig = (((u128)1 << prec) - 1) << lsb_pos;
        p.exp = emax;
    }
    if (sig >> FRAC_MSB) {
        r.exp = p.exp + fmt->bias;
        r.int_bit = true;
    }
    r.frac = (sig >> (FRAC_MSB - fmt->frac_bits)) & (((u128)1 << fmt->frac_bits) - 1);
    return r;
}
