/*
 * vfp-ops.h — the VFP arithmetic for one width, included by vfp_helper.c
 * once with FT = float32 and once with FT = float64 (the width template).
 * Needs: FT (the softfloat type), P(name) (prefix the softfloat name),
 * SIGN (the sign bit), VFP_SUFFIX(name) (the instantiated function name).
 *
 * ARM ARM A2.7 and the pseudocode of each instruction: VMLA and friends
 * round twice (product, then sum); VFMA and friends once; negation only
 * flips the sign bit (FPNeg), even of a NaN.
 */

static FT VFP_SUFFIX(vfp_3op)(unsigned op, FT d, FT n, FT m, FloatStatus *s)
{
    FT prod;
    switch (op) {
    case 0: /* VMLA */
        return P(add)(d, P(mul)(n, m, s), s);
    case 1: /* VMLS */
        return P(add)(d, P(mul)(n, m, s) ^ SIGN, s);
    case 2: /* VNMLS: -d + n*m */
        return P(add)(d ^ SIGN, P(mul)(n, m, s), s);
    case 3: /* VNMLA: -d - n*m */
        prod = P(mul)(n, m, s);
        return P(add)(d ^ SIGN, prod ^ SIGN, s);
    case 4:
        return P(mul)(n, m, s);
    case 5: /* VNMUL */
        return P(mul)(n, m, s) ^ SIGN;
    case 6:
        return P(add)(n, m, s);
    case 7:
        return P(sub)(n, m, s);
    case 8:
        return P(div)(n, m, s);
    case 9: /* VFMA */
        return P(muladd)(n, m, d, 0, s);
    case 10: /* VFMS: d + (-n)*m */
        return P(muladd)(n ^ SIGN, m, d, 0, s);
    case 11: /* VFNMS: -d + n*m */
        return P(muladd)(n, m, d ^ SIGN, 0, s);
    default: /* VFNMA: -d - n*m */
        return P(muladd)(n ^ SIGN, m, d ^ SIGN, 0, s);
    }
}

/* VCMP/VCMPE: the FPSCR NZCV of d compared with m (A8.8.280 table). */
static uint32_t VFP_SUFFIX(vfp_cmp)(FT d, FT m, bool e, FloatStatus *s)
{
    FloatRelation r = e ? P(compare)(d, m, s) : P(compare_quiet)(d, m, s);
    switch (r) {
    case float_relation_less: return 0x80000000u;      /* N */
    case float_relation_equal: return 0x60000000u;     /* Z C */
    case float_relation_greater: return 0x20000000u;   /* C */
    default: return 0x30000000u;                       /* C V: unordered */
    }
}
