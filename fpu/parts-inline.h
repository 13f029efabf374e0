/*
 * parts-inline.h — decoding and the rounding routine, inline in every caller.
 *
 * Included by internal.h.  These run once or twice per operation on the hot
 * path; inline, each format's instantiation (softfloat.c) folds its FloatFmt
 * constants and keeps FloatParts in registers instead of passing 32-byte
 * structs through memory.
 */
#ifndef FPU_PARTS_INLINE_H
#define FPU_PARTS_INLINE_H

static inline void parts_normalize(FloatParts *p)
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

static inline FloatParts parts_unpack(FloatRaw r, const FloatFmt *fmt, FloatStatus *s)
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

/*
 * Round sig to a multiple of 2^lsb_pos in the given mode (bits below lsb_pos
 * are the exact remainder, bit 0 sticky); *inexact says whether anything was dropped.
 */
static inline u128 parts_round_sig(u128 sig, int lsb_pos, FloatRoundMode mode, bool sign,
                                   bool *inexact)
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

static inline FloatRaw parts_round_pack(FloatParts p, const FloatFmt *fmt, int prec, FloatStatus *s)
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

#endif
