/*
 * vfp-model.h — the C model for vfp.c (host build only): the ARM
 * pseudocode's FPUnpack (flush of denormal inputs), FPProcessNaNs
 * (signalling first, then operand order; default NaN), FPRound (tininess
 * before rounding, flush of tiny results without IXC), FPToFixed
 * (saturation raising only IOC) and the half-precision FPConvert, around
 * the host's IEEE arithmetic for the correctly rounded values.
 */
static const int host_rmode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

static float f32(uint32_t x) { union { uint32_t u; float f; } v = { x }; return v.f; }
static uint32_t b32(float x) { union { float f; uint32_t u; } v = { x }; return v.u; }
static double f64(uint64_t x) { union { uint64_t u; double f; } v = { x }; return v.f; }
static uint64_t b64(double x) { union { double f; uint64_t u; } v = { x }; return v.u; }

/* a format: bits, exponent mask, quiet bit */
struct fmt {
    int bits;
    uint64_t expm, fracm, qbit, sign, dnan;
    __float128 tiny;    /* smallest normal */
};
static const struct fmt FS = { 32, 0x7f800000, 0x7fffff, 0x400000, 0x80000000u, 0x7fc00000,
                               0x1p-126L };
static const struct fmt FD = { 64, 0x7ff0000000000000ull, 0xfffffffffffffull, 0x8000000000000ull,
                               0x8000000000000000ull, 0x7ff8000000000000ull, 0x1p-1022L };

static int is_nan(const struct fmt *f, uint64_t x) { return (x & f->expm) == f->expm && (x & f->fracm); }
static int is_snan(const struct fmt *f, uint64_t x) { return is_nan(f, x) && !(x & f->qbit); }
static int is_den(const struct fmt *f, uint64_t x) { return !(x & f->expm) && (x & f->fracm); }
static int is_zero(const struct fmt *f, uint64_t x) { return !(x & ~f->sign); }
static int is_inf(const struct fmt *f, uint64_t x) { return (x & ~f->sign) == f->expm; }

/* FPMulAdd: a quiet NaN addend with infinity times zero is still an invalid operation */
static int fma_inf_zero(const struct fmt *f, uint64_t a, uint64_t b, uint64_t c, uint32_t *fl)
{
    if (is_nan(f, c) && !is_snan(f, c) &&
        ((is_inf(f, a) && is_zero(f, b)) || (is_zero(f, a) && is_inf(f, b)))) {
        *fl |= IOC;
        return 1;
    }
    return 0;
}

static uint64_t flush_in(const struct fmt *f, uint64_t x, uint32_t fpscr, uint32_t *fl)
{
    if ((fpscr & FPSCR_FZ) && is_den(f, x)) {
        *fl |= IDC;
        return x & f->sign;
    }
    return x;
}

/* FPProcessNaNs over n operands in priority order; returns 1 with *r set if one is a NaN */
static int nans(const struct fmt *f, const uint64_t *x, int n, uint32_t fpscr, uint32_t *fl, uint64_t *r)
{
    for (int i = 0; i < n; i++) {
        if (is_snan(f, x[i])) {
            *fl |= IOC;
            *r = fpscr & FPSCR_DN ? f->dnan : x[i] | f->qbit;
            return 1;
        }
    }
    for (int i = 0; i < n; i++) {
        if (is_nan(f, x[i])) {
            *r = fpscr & FPSCR_DN ? f->dnan : x[i];
            return 1;
        }
    }
    return 0;
}

static uint32_t host_flags(int ex)
{
    return (ex & FE_INVALID ? IOC : 0) | (ex & FE_DIVBYZERO ? DZC : 0) |
           (ex & FE_OVERFLOW ? OFC : 0) | (ex & FE_INEXACT ? IXC : 0);
}

/* FPRound's tail: r is the host's rounded result, e the exact value */
/* (e in binary128: exact for the products of doubles, whose tininess decides flushing) */
static uint64_t round_fix(const struct fmt *f, uint64_t r, __float128 e, uint32_t fpscr, uint32_t *fl)
{
    if (is_nan(f, r)) {
        return f->dnan;   /* an invalid operation: ARM's default NaN is positive */
    }
    if (e != 0 && (e < 0 ? -e : e) < f->tiny) {
        if (fpscr & FPSCR_FZ) {
            *fl = (*fl & ~IXC) | UFC;
            return e < 0 ? f->sign : 0;
        }
        if (*fl & IXC) {
            *fl |= UFC;
        }
    }
    return r;
}

static uint32_t op_s(int op, uint32_t a, uint32_t b, uint32_t c, uint32_t fpscr, uint32_t *fl)
{
    *fl = 0;
    a = flush_in(&FS, a, fpscr, fl);
    if (op != F_SQRT) {
        b = flush_in(&FS, b, fpscr, fl);
    }
    if (op == F_FMA) {
        c = flush_in(&FS, c, fpscr, fl);
    }
    uint64_t x[3] = { op == F_FMA ? c : a, op == F_FMA ? a : b, b }, r;
    int n = op == F_SQRT ? 1 : op == F_FMA ? 3 : 2;
    if (nans(&FS, x, n, fpscr, fl, &r)) {
        return op == F_FMA && fma_inf_zero(&FS, a, b, c, fl) ? (uint32_t)FS.dnan : (uint32_t)r;
    }
    volatile float va = f32(a), vb = f32(b), vc = f32(c), vr;
    double da = va, db = vb, dc = vc;
    long double e;
    fesetround(host_rmode[(fpscr >> 22) & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case F_ADD: vr = va + vb; e = (long double)da + db; break;
    case F_SUB: vr = va - vb; e = (long double)da - db; break;
    case F_MUL: vr = va * vb; e = (long double)da * db; break;
    case F_DIV: vr = va / vb; e = (long double)da / db; break;
    case F_SQRT: vr = sqrtf(va); e = sqrtl(da); break;
    default: vr = fmaf(va, vb, vc); e = (long double)da * db + dc; break;
    }
    *fl |= host_flags(fetestexcept(FE_ALL_EXCEPT));
    fesetround(FE_TONEAREST);
    return (uint32_t)round_fix(&FS, b32(vr), e, fpscr, fl);
}

static uint64_t op_d(int op, uint64_t a, uint64_t b, uint64_t c, uint32_t fpscr, uint32_t *fl)
{
    *fl = 0;
    a = flush_in(&FD, a, fpscr, fl);
    if (op != F_SQRT) {
        b = flush_in(&FD, b, fpscr, fl);
    }
    if (op == F_FMA) {
        c = flush_in(&FD, c, fpscr, fl);
    }
    uint64_t x[3] = { op == F_FMA ? c : a, op == F_FMA ? a : b, b }, r;
    int n = op == F_SQRT ? 1 : op == F_FMA ? 3 : 2;
    if (nans(&FD, x, n, fpscr, fl, &r)) {
        return op == F_FMA && fma_inf_zero(&FD, a, b, c, fl) ? FD.dnan : r;
    }
    volatile double va = f64(a), vb = f64(b), vc = f64(c), vr;
    fesetround(host_rmode[(fpscr >> 22) & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    switch (op) {
    case F_ADD: vr = va + vb; break;
    case F_SUB: vr = va - vb; break;
    case F_MUL: vr = va * vb; break;
    case F_DIV: vr = va / vb; break;
    case F_SQRT: vr = sqrt(va); break;
    default: vr = fma(va, vb, vc); break;
    }
    int ex = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    __float128 qa = va, qb = vb, qc = vc, e;
    switch (op) {
    case F_ADD: e = qa + qb; break;
    case F_SUB: e = qa - qb; break;
    case F_MUL: e = qa * qb; break;
    case F_DIV: e = qa / qb; break;
    case F_SQRT: e = sqrtl(va); break;
    default: e = qa * qb + qc; break;
    }
    *fl |= host_flags(ex);
    return round_fix(&FD, b64(vr), e, fpscr, fl);
}

static uint32_t cmp_any(const struct fmt *f, uint64_t a, uint64_t b, int e, uint32_t fpscr,
                        long double (*val)(uint64_t))
{
    uint32_t fl = 0;
    a = flush_in(f, a, fpscr, &fl);
    b = flush_in(f, b, fpscr, &fl);
    uint32_t nzcv;
    if (is_nan(f, a) || is_nan(f, b)) {
        nzcv = 0x3;
        if (e || is_snan(f, a) || is_snan(f, b)) {
            fl |= IOC;
        }
    } else {
        long double x = val(a), y = val(b);
        nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    return nzcv << 28 | fl;
}

static long double vs(uint64_t x) { return f32((uint32_t)x); }
static long double vd(uint64_t x) { return f64(x); }
static uint32_t cmp_s(uint32_t a, uint32_t b, int e, uint32_t fpscr) { return cmp_any(&FS, a, b, e, fpscr, vs); }
static uint32_t cmp_d(uint64_t a, uint64_t b, int e, uint32_t fpscr) { return cmp_any(&FD, a, b, e, fpscr, vd); }

/* round an exact value to an integer: mode 0-3 as FPSCR.RMode */
static long double round_mode(long double v, int mode)
{
    switch (mode) {
    case 0: return nearbyintl(v);   /* host default: to nearest, ties to even */
    case 1: return ceill(v);
    case 2: return floorl(v);
    default: return truncl(v);
    }
}

/* FPToFixed: NaN -> 0 and IOC, saturation -> IOC only, else IXC when inexact */
static uint64_t to_fixed(long double v, int nan, int bits, int uns, int mode, uint32_t *fl)
{
    if (nan) {
        *fl |= IOC;
        return 0;
    }
    long double r = round_mode(v, mode);
    long double hi = uns ? ldexpl(1, bits) - 1 : ldexpl(1, bits - 1) - 1;
    long double lo = uns ? 0 : -ldexpl(1, bits - 1);
    if (r > hi || r < lo) {
        *fl |= IOC;
        r = r > hi ? hi : lo;
    } else if (r != v) {
        *fl |= IXC;
    }
    return (uint64_t)(int64_t)r;
}

/* a value (finite, not NaN) to half precision with the FPSCR rounding: FPRound with N = 16 (no flush) */
static uint32_t to_half(long double v, int mode, uint32_t *fl)
{
    uint32_t sign = signbit(v) ? 0x8000 : 0;
    long double a = fabsl(v);
    if (isinf(a)) {
        return sign | 0x7c00;
    }
    if (a == 0) {
        return sign;
    }
    int e = ilogbl(a);
    if (e < -14) {
        e = -14;
    }
    long double q = ldexpl(a, 10 - e);             /* 10 fraction bits at exponent e */
    long double rq = round_mode(sign ? -q : q, mode);
    rq = fabsl(rq);
    int inexact = rq != q;
    if (a < 0x1p-14L && inexact) {
        *fl |= UFC;   /* tiny before rounding and inexact */
    }
    if (rq >= 2048) {
        rq /= 2;
        e++;
    }
    if (inexact) {
        *fl |= IXC;
    }
    if (e > 15) {
        *fl |= OFC | IXC;
        int to_inf = mode == 0 || (mode == 1 && !sign) || (mode == 2 && sign);
        return sign | (to_inf ? 0x7c00 : 0x7bff);
    }
    uint32_t m = (uint32_t)rq;
    if (m < 1024) {
        return sign | m;                           /* denormal (e == -14) */
    }
    return sign | (uint32_t)(e + 15) << 10 | (m - 1024);
}

static uint32_t from_half(uint32_t h, uint32_t fpscr, uint32_t *fl)
{
    uint32_t sign = (h & 0x8000) << 16, ex = (h >> 10) & 0x1f, fr = h & 0x3ff;
    if (ex == 0x1f) {
        if (!fr) {
            return sign | 0x7f800000;
        }
        if (!(fr & 0x200)) {
            *fl |= IOC;
        }
        return fpscr & FPSCR_DN ? 0x7fc00000 : sign | 0x7fc00000 | fr << 13;
    }
    return b32((float)ldexpl((long double)(ex ? fr | 0x400 : fr), (ex ? ex : 1) - 25)) | sign;
}

static uint64_t conv(int kind, uint64_t a, uint32_t fpscr, uint32_t *fl)
{
    int mode = (fpscr >> 22) & 3;
    *fl = 0;
    uint32_t s = (uint32_t)a;
    switch (kind) {
    case C_S2I: case C_S2IR: case C_S2U: case C_S2FIX16:
        s = (uint32_t)flush_in(&FS, s, fpscr, fl);
        return (uint32_t)to_fixed(ldexpl(f32(s), kind == C_S2FIX16 ? 16 : 0), is_nan(&FS, s), 32,
                                  kind == C_S2U, kind == C_S2IR ? mode : 3, fl);
    case C_D2I: case C_D2UR: case C_D2FIX8: {
        uint64_t d = flush_in(&FD, a, fpscr, fl);
        uint64_t r = to_fixed(ldexpl(f64(d), kind == C_D2FIX8 ? 8 : 0), is_nan(&FD, d),
                              kind == C_D2FIX8 ? 16 : 32, kind == C_D2UR, kind == C_D2UR ? mode : 3, fl);
        return kind == C_D2FIX8 ? r : (uint32_t)r;
    }
    case C_I2S: case C_U2S: case C_FIX16U2S: {
        long double v = kind == C_I2S ? (long double)(int32_t)s : (long double)s;
        if (kind == C_FIX16U2S) {
            v = ldexpl(v, -16);
        }
        fesetround(host_rmode[mode]);
        feclearexcept(FE_ALL_EXCEPT);
        volatile float r = (float)v;
        *fl |= host_flags(fetestexcept(FE_ALL_EXCEPT));
        fesetround(FE_TONEAREST);
        return b32(r);
    }
    case C_I2D:
        return b64((double)(int32_t)s);
    case C_S2D: {
        s = (uint32_t)flush_in(&FS, s, fpscr, fl);
        if (is_nan(&FS, s)) {
            if (is_snan(&FS, s)) {
                *fl |= IOC;
            }
            return fpscr & FPSCR_DN ? FD.dnan
                                    : (uint64_t)(s & 0x80000000u) << 32 | FD.dnan | (uint64_t)(s & 0x3fffff) << 29;
        }
        return b64(f32(s));
    }
    case C_D2S: {
        uint64_t d = flush_in(&FD, a, fpscr, fl);
        if (is_nan(&FD, d)) {
            if (is_snan(&FD, d)) {
                *fl |= IOC;
            }
            return fpscr & FPSCR_DN ? FS.dnan
                                    : (uint32_t)(d >> 32 & 0x80000000u) | 0x7fc00000u | (uint32_t)(d >> 29 & 0x3fffff);
        }
        fesetround(host_rmode[mode]);
        feclearexcept(FE_ALL_EXCEPT);
        volatile float r = (float)f64(d);
        *fl |= host_flags(fetestexcept(FE_ALL_EXCEPT));
        fesetround(FE_TONEAREST);
        return (uint32_t)round_fix(&FS, b32(r), f64(d), fpscr, fl);
    }
    case C_S2H: case C_S2HT: {
        s = (uint32_t)flush_in(&FS, s, fpscr, fl);
        uint32_t h;
        if (is_nan(&FS, s)) {
            if (is_snan(&FS, s)) {
                *fl |= IOC;
            }
            h = fpscr & FPSCR_DN ? 0x7e00 : (s >> 16 & 0x8000) | 0x7e00 | (s >> 13 & 0x1ff);
        } else {
            h = to_half(f32(s), mode, fl);
        }
        return kind == C_S2H ? 0x5a5a0000u | h : h << 16 | 0x5a5a;
    }
    default:
        return from_half(kind == C_H2S ? s & 0xffff : s >> 16, fpscr, fl);
    }
}
