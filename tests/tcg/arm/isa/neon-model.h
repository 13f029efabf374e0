/*
 * neon-model.h — the C model for neon.c (host build only), from the
 * ARMv7-A pseudocode: integers as unbounded (128-bit) values truncated or
 * saturated (QC), floats on the host's IEEE single precision with the
 * standard FPSCR value applied around it (denormal inputs read as zero
 * with IDC, tiny results flushed with UFC and no IXC, every NaN result the
 * default NaN), the estimates evaluated as the manual writes them.
 */
#include <fenv.h>
#include <string.h>

struct st {
    uint64_t r[6];        /* d0-d5: a, b, c (the destination) */
    uint32_t fl;          /* QC and the cumulative flags */
    uint64_t t[8];        /* d16-d23 */
};

#define QC (1u << 27)
#define IOC 1u
#define DZC 2u
#define OFC 4u
#define UFC 8u
#define IXC 16u
#define IDC 128u

typedef __int128 i128;

static uint64_t msk(int bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }
static uint64_t gel(const uint64_t *v, int i, int bits) { return (v[i * bits / 64] >> (i * bits % 64)) & msk(bits); }
static void sel(uint64_t *v, int i, int bits, uint64_t x)
{
    int w = i * bits / 64, sh = i * bits % 64;
    v[w] = (v[w] & ~(msk(bits) << sh)) | ((x & msk(bits)) << sh);
}
static i128 ival(uint64_t x, int bits, int u)
{
    if (u || bits == 64) {
        return u ? (i128)x : (i128)(int64_t)x;
    }
    return (i128)((int64_t)(x << (64 - bits)) >> (64 - bits));
}
static uint64_t sat(struct st *st, i128 v, int bits, int u)
{
    i128 hi = u ? ((i128)1 << bits) - 1 : ((i128)1 << (bits - 1)) - 1;
    i128 lo = u ? 0 : -((i128)1 << (bits - 1));
    if (v > hi) { st->fl |= QC; return (uint64_t)hi; }
    if (v < lo) { st->fl |= QC; return (uint64_t)lo; }
    return (uint64_t)v;
}
/* floor(v * 2^sh) for any sh, as the pseudocode's integer shifts */
static i128 ishift(i128 v, int sh)
{
    if (sh >= 0) {
        return sh > 100 ? (v > 0 ? ((i128)1 << 120) : v < 0 ? -((i128)1 << 120) : 0) : v * ((i128)1 << sh);
    }
    return -sh > 120 ? (v < 0 ? -1 : 0) : v >> -sh;
}
static uint64_t pmul(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b >> i & 1) r ^= a << i;
    }
    return r;
}

enum { I_ADD, I_SUB, I_QADD, I_QSUB, I_HADD, I_RHADD, I_HSUB, I_MAX, I_MIN, I_ABD, I_ABA, I_TST,
       I_CEQ, I_CGT, I_CGE, I_SHL, I_RSHL, I_QSHL, I_QRSHL, I_MUL, I_PMUL, I_MLA, I_MLS,
       I_QDMULH, I_QRDMULH };

static uint64_t iop(struct st *st, int op, int bits, int u, uint64_t x, uint64_t y, uint64_t d)
{
    i128 a = ival(x, bits, u), b = ival(y, bits, u), all = (i128)msk(bits);
    int sh = (int8_t)(y & 0xff);
    i128 rc = sh < 0 ? (i128)1 << (-sh - 1 > 120 ? 120 : -sh - 1) : 0;   /* the rounding constant */
    switch (op) {
    case I_ADD: return x + y;
    case I_SUB: return x - y;
    case I_QADD: return sat(st, a + b, bits, u);
    case I_QSUB: return sat(st, a - b, bits, u);
    case I_HADD: return (uint64_t)((a + b) >> 1);
    case I_RHADD: return (uint64_t)((a + b + 1) >> 1);
    case I_HSUB: return (uint64_t)((a - b) >> 1);
    case I_MAX: return (uint64_t)(a > b ? a : b);
    case I_MIN: return (uint64_t)(a < b ? a : b);
    case I_ABD: return (uint64_t)(a > b ? a - b : b - a);
    case I_ABA: return d + (uint64_t)(a > b ? a - b : b - a);
    case I_TST: return (x & y) ? (uint64_t)all : 0;
    case I_CEQ: return x == y ? (uint64_t)all : 0;
    case I_CGT: return a > b ? (uint64_t)all : 0;
    case I_CGE: return a >= b ? (uint64_t)all : 0;
    case I_SHL: return (uint64_t)ishift(a, sh);
    case I_RSHL: return (uint64_t)ishift(a + rc, sh);
    case I_QSHL: return sat(st, ishift(a, sh), bits, u);
    case I_QRSHL: return sat(st, ishift(a + rc, sh), bits, u);
    case I_MUL: return x * y;
    case I_PMUL: return pmul(x, y);
    case I_MLA: return d + x * y;
    case I_MLS: return d - x * y;
    case I_QDMULH: return sat(st, (2 * a * b) >> bits, bits, 0);
    default: return sat(st, (2 * a * b + ((i128)1 << (bits - 1))) >> bits, bits, 0);
    }
}

/* same length: Q (q) on q2 = op(q0, q1), D on d4 = op(d0, d2) */
static void m3(struct st *st, int op, int bits, int u, int q)
{
    uint64_t a[2] = { st->r[0], st->r[1] }, b[2] = { st->r[2], st->r[3] };
    if (!q) {
        b[0] = st->r[2];
    }
    for (int i = 0; i < (q ? 128 : 64) / bits; i++) {
        sel(&st->r[4], i, bits, iop(st, op, bits, u, gel(a, i, bits), gel(b, i, bits), gel(&st->r[4], i, bits)));
    }
}

static void mpair(struct st *st, int op, int bits, int u)
{
    uint64_t r = 0;
    int n = 64 / bits;
    for (int i = 0; i < n; i++) {
        const uint64_t *src = i < n / 2 ? &st->r[0] : &st->r[2];
        int k = 2 * (i % (n / 2));
        sel(&r, i, bits, iop(st, op, bits, u, gel(src, k, bits), gel(src, k + 1, bits), 0));
    }
    st->r[4] = r;
}

static void mlogic(struct st *st, int k)
{
    for (int i = 0; i < 2; i++) {
        uint64_t a = st->r[i], b = st->r[2 + i], d = st->r[4 + i];
        st->r[4 + i] = k == 3 ? (a | ~b) : k == 5 ? ((a & d) | (b & ~d)) : ((d & b) | (a & ~b));
    }
}

enum { S_SHR, S_SRA, S_RSHR, S_RSRA, S_SRI, S_SHL, S_SLI, S_QSHL, S_QSHLU };

static void msh(struct st *st, int kind, int bits, int u, int q, int sh)
{
    for (int i = 0; i < (q ? 128 : 64) / bits; i++) {
        uint64_t x = gel(st->r, i, bits), d = gel(&st->r[4], i, bits), r;
        i128 a = ival(x, bits, u);
        i128 rnd = (i128)1 << (sh - 1 < 0 ? 0 : sh - 1);
        switch (kind) {
        case S_SHR: r = (uint64_t)(a >> sh); break;
        case S_SRA: r = d + (uint64_t)(a >> sh); break;
        case S_RSHR: r = (uint64_t)((a + rnd) >> sh); break;
        case S_RSRA: r = d + (uint64_t)((a + rnd) >> sh); break;
        case S_SRI: {
            uint64_t m = (uint64_t)(((i128)msk(bits)) >> sh);
            r = (d & ~m) | (uint64_t)(((i128)x) >> sh);
            break;
        }
        case S_SHL: r = (uint64_t)(a << sh); break;
        case S_SLI: {
            uint64_t m = (uint64_t)((i128)msk(bits) << sh);
            r = (d & ~m) | (uint64_t)((i128)x << sh);
            break;
        }
        case S_QSHL: r = sat(st, a << sh, bits, u); break;
        default: r = sat(st, ival(x, bits, 0) << sh, bits, 1); break;
        }
        sel(&st->r[4], i, bits, r);
    }
}

/* q0 (sbits elements) to d4 (sbits / 2): 'n' truncate, 's' signed, 'u' unsigned, 'U' signed to unsigned */
static void mnarrow(struct st *st, int sbits, int sh, int rnd, int kind)
{
    int bits = sbits / 2;
    for (int i = 0; i < 64 / bits; i++) {
        i128 v = ival(gel(st->r, i, sbits), sbits, kind == 'u');
        v = (v + (rnd ? (i128)1 << (sh - 1) : 0)) >> sh;
        sel(&st->r[4], i, bits, kind == 'n' ? (uint64_t)v : sat(st, v, bits, kind != 's'));
    }
}

static void mlong_from(struct st *st, const uint64_t *src, int bits, int u, int sh)
{
    uint64_t r[2];
    for (int i = 0; i < 64 / bits; i++) {
        sel(r, i, 2 * bits, (uint64_t)(ival(gel(src, i, bits), bits, u) << sh));
    }
    st->r[4] = r[0];
    st->r[5] = r[1];
}
static void mlong_sh(struct st *st, int bits, int u, int sh) { mlong_from(st, &st->r[0], bits, u, sh); }
static void mlong_sh1(struct st *st, int bits, int u, int sh) { mlong_from(st, &st->r[1], bits, u, sh); }

enum { L_ADD, L_ADDW, L_SUB, L_SUBW, L_ABAL, L_ABDL, L_MLAL, L_MLSL, L_QDMLAL, L_QDMLSL, L_MULL,
       L_PMULL, L_QDMULL };

/* long: q2 = op(d0 (or q0 for the wide forms), d2) */
static void ml_from(struct st *st, int kind, int bits, int u, const uint64_t *bsrc)
{
    int wb = 2 * bits;
    uint64_t r[2] = { st->r[4], st->r[5] };
    for (int i = 0; i < 64 / bits; i++) {
        int wide = kind == L_ADDW || kind == L_SUBW;
        i128 a = wide ? ival(gel(st->r, i, wb), wb, u) : ival(gel(st->r, i, bits), bits, u);
        i128 b = ival(gel(bsrc, i, bits), bits, u), d = ival(gel(r, i, wb), wb, u), v;
        switch (kind) {
        case L_ADD: case L_ADDW: v = a + b; break;
        case L_SUB: case L_SUBW: v = a - b; break;
        case L_ABAL: v = d + (a > b ? a - b : b - a); break;
        case L_ABDL: v = a > b ? a - b : b - a; break;
        case L_MLAL: v = d + a * b; break;
        case L_MLSL: v = d - a * b; break;
        case L_MULL: v = a * b; break;
        case L_PMULL: v = pmul(gel(st->r, i, 8), gel(bsrc, i, 8)); break;
        case L_QDMULL: v = (i128)(int64_t)sat(st, 2 * a * b, wb, 0); break;
        default: {
            i128 p = ival(sat(st, 2 * a * b, wb, 0), wb, 0);
            v = sat(st, kind == L_QDMLAL ? d + p : d - p, wb, 0);
            break;
        }
        }
        sel(r, i, wb, (uint64_t)v);
    }
    st->r[4] = r[0];
    st->r[5] = r[1];
}
static void ml(struct st *st, int kind, int bits, int u) { ml_from(st, kind, bits, u, &st->r[2]); }

static void mhn(struct st *st, int bits, int sub, int rnd)
{
    int h = bits / 2;
    for (int i = 0; i < 64 / h; i++) {
        uint64_t x = gel(st->r, i, bits), y = gel(&st->r[2], i, bits);
        uint64_t v = (sub ? x - y : x + y) + (rnd ? 1ull << (h - 1) : 0);
        sel(&st->r[4], i, h, (v & msk(bits)) >> h);
    }
}

static void mscalar(struct st *st, int op, int bits, int q, int idx)
{
    uint64_t s = gel(&st->r[2], idx, bits);
    for (int i = 0; i < 128 / bits; i++) {
        sel(&st->r[2], i, bits, s);
    }
    m3(st, op, bits, 0, q);
}

static void mscalar_l(struct st *st, int kind, int bits, int u, int idx)
{
    uint64_t s = gel(&st->r[2], idx, bits), dup = 0;
    for (int i = 0; i < 64 / bits; i++) {
        sel(&dup, i, bits, s);
    }
    ml_from(st, kind, bits, u, &dup);
}

/* ---- floats: the standard FPSCR value ---- */

static float f_(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static uint32_t b_(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }
static int isnan_(uint32_t x) { return (x & 0x7f800000) == 0x7f800000 && (x & 0x7fffff); }
static int issnan_(uint32_t x) { return isnan_(x) && !(x & 0x400000); }
static int isinf_(uint32_t x) { return (x & 0x7fffffff) == 0x7f800000; }
static int iszero_(uint32_t x) { return !(x & 0x7fffffff); }

static uint32_t fin(struct st *st, uint32_t x)
{
    if (!(x & 0x7f800000) && (x & 0x7fffff)) {
        st->fl |= IDC;
        return x & 0x80000000u;
    }
    return x;
}

/*
 * FPRound: e is the exact value when it is tiny (double holds every tiny
 * sum and product of two singles exactly), r the host's correctly rounded
 * single with its flags ex.
 */
static uint32_t fround2(struct st *st, long double e, float r, int ex)
{
    if (e != 0 && fabsl(e) < 0x1p-126L) {
        st->fl |= UFC;
        return signbit(e) ? 0x80000000u : 0;
    }
    st->fl |= (ex & FE_OVERFLOW ? OFC : 0) | (ex & FE_INEXACT ? IXC : 0);
    return b_(r);
}

#define HOST(expr) ({ feclearexcept(FE_ALL_EXCEPT); volatile float r_ = (expr); \
                      ex_ = fetestexcept(FE_ALL_EXCEPT); (float)r_; })

static uint32_t fround(struct st *st, double e)
{
    int ex_;
    float r = HOST((float)e);
    return fround2(st, e, r, ex_);
}

/* any NaN operand: default NaN, IOC for a signalling one */
static int fnans(struct st *st, uint32_t a, uint32_t b, uint32_t *r)
{
    if (isnan_(a) || isnan_(b)) {
        if (issnan_(a) || issnan_(b)) {
            st->fl |= IOC;
        }
        *r = 0x7fc00000u;
        return 1;
    }
    return 0;
}

static uint32_t nf_add(struct st *st, uint32_t a, uint32_t b, int sub)
{
    uint32_t r;
    a = fin(st, a);
    b = fin(st, b);
    if (fnans(st, a, b, &r)) return r;
    if (sub) b ^= 0x80000000u;
    if (isinf_(a) && isinf_(b) && ((a ^ b) >> 31)) { st->fl |= IOC; return 0x7fc00000u; }
    if (isinf_(a) || isinf_(b)) return isinf_(a) ? a : b;
    double e = (double)f_(a) + (double)f_(b);
    if (e == 0) {
        /* exact zero: -0 only when both are -0 (round to nearest) */
        return (a & b & 0x80000000u) ? 0x80000000u : 0;
    }
    int ex_;
    volatile float x = f_(a), y = f_(b);
    float h = HOST(x + y);
    return fround2(st, e, h, ex_);
}

static uint32_t nf_mul(struct st *st, uint32_t a, uint32_t b)
{
    uint32_t r;
    a = fin(st, a);
    b = fin(st, b);
    if (fnans(st, a, b, &r)) return r;
    uint32_t sign = (a ^ b) & 0x80000000u;
    if ((isinf_(a) && iszero_(b)) || (iszero_(a) && isinf_(b))) { st->fl |= IOC; return 0x7fc00000u; }
    if (isinf_(a) || isinf_(b)) return sign | 0x7f800000u;
    if (iszero_(a) || iszero_(b)) return sign;
    return fround(st, (double)f_(a) * (double)f_(b));
}

static uint32_t nf_fma(struct st *st, uint32_t d, uint32_t a, uint32_t b)
{
    a = fin(st, a);
    b = fin(st, b);
    d = fin(st, d);
    int infzero = (isinf_(a) && iszero_(b)) || (iszero_(a) && isinf_(b));
    if (isnan_(a) || isnan_(b) || isnan_(d)) {
        if (issnan_(a) || issnan_(b) || issnan_(d) || (infzero && isnan_(d))) {
            st->fl |= IOC;
        }
        return 0x7fc00000u;
    }
    uint32_t psign = (a ^ b) & 0x80000000u;
    if (infzero) { st->fl |= IOC; return 0x7fc00000u; }
    int pinf = isinf_(a) || isinf_(b);
    if (pinf && isinf_(d) && (psign != (d & 0x80000000u))) { st->fl |= IOC; return 0x7fc00000u; }
    if (pinf) return psign | 0x7f800000u;
    if (isinf_(d)) return d;
    long double e = (long double)f_(a) * f_(b) + f_(d);   /* exact: 48-bit product plus a single */
    if (e == 0) {
        int pz = iszero_(a) || iszero_(b);
        if (pz && iszero_(d)) return psign & d;
        return 0;
    }
    int ex_;
    volatile float x = f_(a), y = f_(b), z = f_(d);
    float r = HOST(fmaf(x, y, z));
    return fround2(st, e, r, ex_);
}

enum { F_ADD, F_SUB, F_MUL, F_MLA, F_MLS, F_FMA, F_FMS, F_ABD, F_PADD, F_CEQ, F_CGE, F_CGT,
       F_ACGE, F_ACGT, F_MAX, F_MIN, F_PMAX, F_PMIN, F_RECPS, F_RSQRTS };

/* compare: quiet for EQ; 1 when a (op) b holds */
static uint32_t fcmp(struct st *st, uint32_t a, uint32_t b, int op)
{
    a = fin(st, a);
    b = fin(st, b);
    if (op == F_ACGE || op == F_ACGT) {
        a &= 0x7fffffff;
        b &= 0x7fffffff;
    }
    if (isnan_(a) || isnan_(b)) {
        if (op != F_CEQ || issnan_(a) || issnan_(b)) {
            st->fl |= IOC;
        }
        return 0;
    }
    float x = f_(a), y = f_(b);
    int t = op == F_CEQ ? x == y : (op == F_CGE || op == F_ACGE) ? x >= y : x > y;
    return t ? 0xffffffffu : 0;
}

static uint32_t fmaxmin(struct st *st, uint32_t a, uint32_t b, int max)
{
    uint32_t r;
    a = fin(st, a);
    b = fin(st, b);
    if (fnans(st, a, b, &r)) return r;
    if (iszero_(a) && iszero_(b)) return max ? (a & b) : (a | b);
    float x = f_(a), y = f_(b);
    return max ? (x > y ? a : b) : (x < y ? a : b);
}

static uint32_t fop(struct st *st, int op, uint32_t a, uint32_t b, uint32_t d)
{
    switch (op) {
    case F_ADD: case F_PADD: return nf_add(st, a, b, 0);
    case F_SUB: return nf_add(st, a, b, 1);
    case F_MUL: return nf_mul(st, a, b);
    case F_MLA: return nf_add(st, d, nf_mul(st, a, b), 0);
    case F_MLS: return nf_add(st, d, nf_mul(st, a, b), 1);
    case F_FMA: return nf_fma(st, d, a, b);
    case F_FMS: return nf_fma(st, d, a ^ 0x80000000u, b);
    case F_ABD: return nf_add(st, a, b, 1) & 0x7fffffffu;
    case F_CEQ: case F_CGE: case F_CGT: case F_ACGE: case F_ACGT: return fcmp(st, a, b, op);
    case F_MAX: case F_PMAX: return fmaxmin(st, a, b, 1);
    case F_MIN: case F_PMIN: return fmaxmin(st, a, b, 0);
    default: {
        /* VRECPS 2 - a*b, VRSQRTS (3 - a*b) / 2; infinity times zero: 2, 1.5 */
        uint32_t fa = fin(st, a), fb = fin(st, b), r;
        if (fnans(st, fa, fb, &r)) return r;
        if ((isinf_(fa) && iszero_(fb)) || (iszero_(fa) && isinf_(fb))) {
            return op == F_RECPS ? 0x40000000u : 0x3fc00000u;
        }
        uint32_t p = nf_mul(st, fa, fb);
        if (op == F_RECPS) return nf_add(st, 0x40000000u, p, 1);
        uint32_t s = nf_add(st, 0x40400000u, p, 1);
        return isnan_(s) || isinf_(s) ? s : fround(st, (double)f_(s) / 2);
    }
    }
}

static void mf3(struct st *st, int op)
{
    if (op == F_PADD || op == F_PMAX || op == F_PMIN) {
        uint32_t r0 = fop(st, op, (uint32_t)st->r[0], (uint32_t)(st->r[0] >> 32), 0);
        uint32_t r1 = fop(st, op, (uint32_t)st->r[2], (uint32_t)(st->r[2] >> 32), 0);
        st->r[4] = (uint64_t)r1 << 32 | r0;
        return;
    }
    for (int i = 0; i < 4; i++) {
        sel(&st->r[4], i, 32, fop(st, op, (uint32_t)gel(st->r, i, 32), (uint32_t)gel(&st->r[2], i, 32),
                                  (uint32_t)gel(&st->r[4], i, 32)));
    }
}

static void mfs(struct st *st, int op, int q, int idx)
{
    uint32_t s = (uint32_t)gel(&st->r[2], idx, 32);
    for (int i = 0; i < (q ? 4 : 2); i++) {
        sel(&st->r[4], i, 32, fop(st, op, (uint32_t)gel(st->r, i, 32), s, (uint32_t)gel(&st->r[4], i, 32)));
    }
}

static uint32_t recip_estimate(double a)
{
    int q = (int)(a * 512.0);
    double r = 1.0 / (((double)q + 0.5) / 512.0);
    return (uint32_t)(int)(256.0 * r + 0.5);
}

static uint32_t rsqrt_estimate(double a)
{
    double r;
    if (a < 0.5) {
        int q0 = (int)(a * 512.0);
        r = 1.0 / sqrt(((double)q0 + 0.5) / 512.0);
    } else {
        int q1 = (int)(a * 256.0);
        r = 1.0 / sqrt(((double)q1 + 0.5) / 256.0);
    }
    return (uint32_t)(int)(256.0 * r + 0.5);
}

/* FPToFixed with round towards zero, 32 bits */
static uint32_t tofix(struct st *st, uint32_t x, int u, int fbits)
{
    x = fin(st, x);
    if (isnan_(x)) { st->fl |= IOC; return 0; }
    long double v = ldexpl(f_(x), fbits), t = truncl(v);
    long double hi = u ? 4294967295.0L : 2147483647.0L, lo = u ? 0 : -2147483648.0L;
    if (t > hi || t < lo) { st->fl |= IOC; return (uint32_t)(int64_t)(t > hi ? hi : lo); }
    if (t != v) st->fl |= IXC;
    return (uint32_t)(int64_t)t;
}

static uint32_t fromfix(struct st *st, uint32_t x, int u, int fbits)
{
    long double v = ldexpl(u ? (long double)x : (long double)(int32_t)x, -fbits);
    feclearexcept(FE_ALL_EXCEPT);
    volatile float r = (float)v;
    if (fetestexcept(FE_INEXACT)) st->fl |= IXC;
    return b_(r);
}

enum { V_CGE0, V_CLT0, V_ABS, V_NEG, V_RECPE, V_RSQRTE, V_RECPEU, V_RSQRTEU, V_TOS, V_TOU,
       V_FROMS, V_FROMU };

static uint32_t f1(struct st *st, int kind, uint32_t x)
{
    switch (kind) {
    case V_CGE0: return fcmp(st, x, 0, F_CGE);
    case V_CLT0: return fcmp(st, 0, x, F_CGT);
    case V_ABS: return x & 0x7fffffffu;
    case V_NEG: return x ^ 0x80000000u;
    case V_RECPE: {
        x = fin(st, x);
        uint32_t sign = x & 0x80000000u, e = x >> 23 & 0xff;
        if (isnan_(x)) { if (issnan_(x)) st->fl |= IOC; return 0x7fc00000u; }
        if (isinf_(x)) return sign;
        if (iszero_(x)) { st->fl |= DZC; return sign | 0x7f800000u; }
        if (fabs(f_(x)) >= 0x1p126) { st->fl |= UFC; return sign; }
        double a = 0.5 + (double)(x & 0x7fffff) / 0x1p24;
        uint32_t s = recip_estimate(a);
        return sign | (253 - e) << 23 | (uint32_t)((s - 256) << 15);
    }
    case V_RSQRTE: {
        x = fin(st, x);
        uint32_t e = x >> 23 & 0xff;
        if (isnan_(x)) { if (issnan_(x)) st->fl |= IOC; return 0x7fc00000u; }
        if (iszero_(x)) { st->fl |= DZC; return (x & 0x80000000u) | 0x7f800000u; }
        if (x >> 31) { st->fl |= IOC; return 0x7fc00000u; }
        if (isinf_(x)) return 0;
        double a = (e & 1 ? 0.25 : 0.5) + (double)(x & 0x7fffff) / (e & 1 ? 0x1p25 : 0x1p24);
        uint32_t s = rsqrt_estimate(a);
        return ((380 - e) / 2) << 23 | (s - 256) << 15;
    }
    case V_RECPEU:
        if (!(x >> 31)) return 0xffffffffu;
        return 0x80000000u | (recip_estimate((double)x / 0x1p32) - 256) << 23;
    case V_RSQRTEU:
        if (!(x >> 30)) return 0xffffffffu;
        return 0x80000000u | (rsqrt_estimate((double)x / 0x1p32) - 256) << 23;
    case V_TOS: return tofix(st, x, 0, 0);
    case V_TOU: return tofix(st, x, 1, 0);
    case V_FROMS: return fromfix(st, x, 0, 0);
    default: return fromfix(st, x, 1, 0);
    }
}

static void mf1(struct st *st, int kind)
{
    for (int i = 0; i < 4; i++) {
        sel(&st->r[4], i, 32, f1(st, kind, (uint32_t)gel(st->r, i, 32)));
    }
}

static void mfix(struct st *st, int to_fixed, int u, int fbits)
{
    for (int i = 0; i < 4; i++) {
        uint32_t x = (uint32_t)gel(st->r, i, 32);
        sel(&st->r[4], i, 32, to_fixed ? tofix(st, x, u, fbits) : fromfix(st, x, u, fbits));
    }
}

/* half precision, IEEE format, round to nearest; no flush of half values */
static uint32_t to_half(struct st *st, uint32_t x)
{
    x = fin(st, x);
    uint32_t sign = x >> 16 & 0x8000;
    if (isnan_(x)) { if (issnan_(x)) st->fl |= IOC; return 0x7e00; }
    if (isinf_(x)) return sign | 0x7c00;
    if (iszero_(x)) return sign;
    double a = fabs(f_(x));
    int e = ilogb(a);
    if (e < -14) e = -14;
    double m = ldexp(a, 10 - e), rm = nearbyint(m);
    if (rm != m) {
        st->fl |= IXC;
        if (a < 0x1p-14) st->fl |= UFC;
    }
    if (rm >= 2048) { rm /= 2; e++; }
    if (e > 15) { st->fl |= OFC | IXC; return sign | 0x7c00; }
    uint32_t q = (uint32_t)rm;
    return q < 1024 ? sign | q : sign | (uint32_t)(e + 15) << 10 | (q - 1024);
}

static uint32_t from_half(struct st *st, uint32_t h)
{
    uint32_t sign = (h & 0x8000) << 16, e = h >> 10 & 0x1f, f = h & 0x3ff;
    if (e == 0x1f) {
        if (!f) return sign | 0x7f800000u;
        if (!(f & 0x200)) st->fl |= IOC;
        return 0x7fc00000u;
    }
    double v = ldexp((double)(e ? f | 0x400 : f), (e ? (int)e : 1) - 25);
    return sign | b_((float)v);
}

static void mhalf(struct st *st, int to)
{
    if (to) {
        for (int i = 0; i < 4; i++) {
            sel(&st->r[4], i, 16, to_half(st, (uint32_t)gel(st->r, i, 32)));
        }
    } else {
        uint64_t r[2];
        for (int i = 0; i < 4; i++) {
            sel(r, i, 32, from_half(st, (uint32_t)gel(st->r, i, 16)));
        }
        st->r[4] = r[0];
        st->r[5] = r[1];
    }
}

/* ---- miscellaneous integer ---- */

static void mrev_n(struct st *st, int bits, int group, int nw)
{
    uint64_t r[2] = { st->r[4], st->r[5] };
    int per = group / bits;
    for (int i = 0; i < nw * 64 / bits; i++) {
        int base = i / per * per;
        sel(r, i, bits, gel(st->r, base + per - 1 - (i - base), bits));
    }
    st->r[4] = r[0];
    if (nw == 2) st->r[5] = r[1];
}
static void mrev(struct st *st, int bits, int group) { mrev_n(st, bits, group, 2); }
static void mrev1(struct st *st, int bits, int group) { mrev_n(st, bits, group, 1); }

static void mpaddl(struct st *st, int bits, int u, int acc)
{
    uint64_t r[2] = { st->r[4], st->r[5] };
    for (int i = 0; i < 64 / bits; i++) {
        i128 s = ival(gel(st->r, 2 * i, bits), bits, u) + ival(gel(st->r, 2 * i + 1, bits), bits, u);
        sel(r, i, 2 * bits, (uint64_t)s + (acc ? gel(r, i, 2 * bits) : 0));
    }
    st->r[4] = r[0];
    st->r[5] = r[1];
}

enum { U_CLS, U_CLZ, U_CNT, U_MVN, U_QABS, U_QNEG, U_ABS, U_NEG, U_CGT0, U_CEQ0, U_CLE0, U_CLT0 };

static void m1(struct st *st, int kind, int bits)
{
    for (int i = 0; i < 128 / bits; i++) {
        uint64_t x = gel(st->r, i, bits), r, all = msk(bits);
        i128 v = ival(x, bits, 0);
        int n = 0;
        switch (kind) {
        case U_CLS:
            while (n < bits - 1 && ((x >> (bits - 2 - n)) & 1) == ((x >> (bits - 1)) & 1)) n++;
            r = n;
            break;
        case U_CLZ:
            while (n < bits && !((x >> (bits - 1 - n)) & 1)) n++;
            r = n;
            break;
        case U_CNT: r = __builtin_popcountll(x); break;
        case U_MVN: r = ~x; break;
        case U_QABS: r = sat(st, v < 0 ? -v : v, bits, 0); break;
        case U_QNEG: r = sat(st, -v, bits, 0); break;
        case U_ABS: r = (uint64_t)(v < 0 ? -v : v); break;
        case U_NEG: r = (uint64_t)-v; break;
        case U_CGT0: r = v > 0 ? all : 0; break;
        case U_CEQ0: r = v == 0 ? all : 0; break;
        case U_CLE0: r = v <= 0 ? all : 0; break;
        default: r = v < 0 ? all : 0; break;
        }
        sel(&st->r[4], i, bits, r);
    }
}

static void mswp(struct st *st)
{
    st->r[4] = st->r[0] ^ st->r[1];
}

/* d = q2/d4, m = q0/d0 permuted, then combined into the destination: x eor, a add.i8, h add.i16, s sub.i32 */
static void mperm(struct st *st, int kind, int bits, int q, int comb)
{
    int nw = q ? 2 : 1, ne = nw * 64 / bits;
    uint64_t d[2] = { st->r[4], st->r[5] }, m[2] = { st->r[0], st->r[1] }, nd[2], nm[2];
    uint64_t cat[4];
    memcpy(nd, d, sizeof(nd));
    memcpy(nm, m, sizeof(nm));
    for (int i = 0; i < nw; i++) {
        cat[i] = d[i];
        cat[nw + i] = m[i];
    }
    for (int i = 0; i < ne; i++) {
        switch (kind) {
        case 'T':
            if (i % 2 == 0) {
                sel(nd, i + 1, bits, gel(m, i, bits));
                sel(nm, i, bits, gel(d, i + 1, bits));
            }
            break;
        case 'U':
            sel(nd, i, bits, gel(cat, 2 * i, bits));
            sel(nm, i, bits, gel(cat, 2 * i + 1, bits));
            break;
        default: {
            uint64_t x = i % 2 ? gel(m, i / 2, bits) : gel(d, i / 2, bits);
            uint64_t y = i % 2 ? gel(m, (ne + i) / 2, bits) : gel(d, (ne + i) / 2, bits);
            sel(nd, i, bits, x);
            sel(nm, i, bits, y);
            break;
        }
        }
    }
    int cb = comb == 'a' ? 8 : comb == 'h' ? 16 : 32;
    for (int i = 0; i < nw * 64 / cb; i++) {
        uint64_t x = gel(nd, i, cb), y = gel(nm, i, cb);
        sel(nd, i, cb, comb == 'x' ? x ^ y : comb == 's' ? x - y : x + y);
    }
    st->r[4] = nd[0];
    if (q) st->r[5] = nd[1];
}

static void mmovn(struct st *st, int sbits, int kind)
{
    int bits = sbits / 2;
    for (int i = 0; i < 64 / bits; i++) {
        uint64_t x = gel(st->r, i, sbits);
        sel(&st->r[4], i, bits, kind == 'n' ? x : sat(st, ival(x, sbits, kind == 'u'), bits, kind != 's'));
    }
}

/* ip = sext(d0.h[3]) -> d4.b[2]; zext(d1.b[7]) -> d5.h[1]; sext(d2.b[1]) -> d4.w[1]; zext(d3.h[2]) -> d5.w[1] */
static void mvmovs(struct st *st)
{
    uint32_t ip = (uint32_t)(int32_t)(int16_t)gel(&st->r[0], 3, 16);
    sel(&st->r[4], 2, 8, ip);
    ip = (uint32_t)gel(&st->r[1], 7, 8);
    sel(&st->r[5], 1, 16, ip);
    ip = (uint32_t)(int32_t)(int8_t)gel(&st->r[2], 1, 8);
    sel(&st->r[4], 1, 32, ip);
    ip = (uint32_t)gel(&st->r[3], 2, 16);
    sel(&st->r[5], 1, 32, ip);
}

static void mimm(struct st *st, uint64_t v, int kind)
{
    for (int i = 4; i < 6; i++) {
        st->r[i] = kind == 'm' ? v : kind == 'o' ? st->r[i] | v : st->r[i] & ~v;
    }
}
static void mimm1(struct st *st, uint64_t v) { st->r[4] = v; }

static void mext(struct st *st, int q, int imm)
{
    uint64_t cat[4] = { st->r[0], q ? st->r[1] : st->r[2], st->r[2], st->r[3] }, r[2];
    for (int i = 0; i < (q ? 16 : 8); i++) {
        sel(r, i, 8, gel(cat, i + imm, 8));
    }
    st->r[4] = r[0];
    if (q) st->r[5] = r[1];
}

static uint64_t tbl(const uint64_t *t, int len, int tbx, uint64_t idx, uint64_t d)
{
    for (int i = 0; i < 8; i++) {
        int k = (int)gel(&idx, i, 8);
        if (k < 8 * len) sel(&d, i, 8, gel(t, k, 8));
        else if (!tbx) sel(&d, i, 8, 0);
    }
    return d;
}
static void mtbl(struct st *st, int len, int tbx, int ir) { st->r[4] = tbl(st->t, len, tbx, st->r[ir], st->r[4]); }
static void mtbl2(struct st *st) { st->r[5] = tbl(st->t, 2, 1, st->r[1], st->r[5]); }

static void mdup(struct st *st, int bits, int idx, int q)
{
    uint64_t s = gel(st->r, idx, bits);
    for (int i = 0; i < (q ? 128 : 64) / bits; i++) {
        sel(&st->r[4], i, bits, s);
    }
}
