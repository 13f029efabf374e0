/*
 * parts.c — special values and NaN selection by the target's FloatNaNRules.
 *
 * Offers parts_pack_special(), the default NaN, quieting and the choice of
 * the NaN an operation returns, as declared in internal.h.  The decoding and
 * the rounding routine they work with are in parts-inline.h.
 */
#include "internal.h"

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
