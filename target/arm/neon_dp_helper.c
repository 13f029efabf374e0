/*
 * neon_dp_helper.c — the Advanced SIMD data-processing groups other than
 * "three registers of the same length" (ARMv7-A ARM A7.4.2-A7.4.5 and the
 * permutes): shifts by an immediate, widening/narrowing arithmetic, the
 * by-scalar forms, the miscellaneous two-register group, VEXT, VTBL/VTBX
 * and VDUP (scalar).  One entry point, helper_neon_dp, with the descriptor
 * of internals.h; the translator (translate-neon.c) has checked the
 * encoding, so the helpers trust it.  Float elements go to neon_fp_helper.c.
 */
#include "neon-elem.h"

#include <string.h>

/* ---- shifts by an immediate (A7.4.4): imm = the shift amount, size = element ---- */

static uint64_t shr_round(__int128 v, unsigned sh, bool rnd)
{
    if (rnd && sh) {
        v += (__int128)1 << (sh - 1);
    }
    return (uint64_t)(v >> sh);
}

static void neon_shift(CPUARMState *env, unsigned op, bool u, unsigned size, bool q,
                       unsigned sh, unsigned rd, unsigned rm)
{
    unsigned bits = 8u << size, nr = q ? 2 : 1;
    uint64_t vm[4], vd[4];
    if (op == 8 || op == 9) {
        /* narrowing: Qm of 2 * bits elements to Dd; q selects the rounding form */
        ne_load(env, vm, rm, 2);
        uint64_t r = 0;
        for (unsigned i = 0; i < 64 / bits; i++) {
            bool src_uns = op == 9 && u;
            __int128 v = ne_val(ne_get(vm, i, 2 * bits), 2 * bits, src_uns);
            __int128 s = (__int128)(int64_t)shr_round(v, sh, q);
            if (src_uns) {
                s = (__int128)shr_round(v, sh, q);
            }
            uint64_t e;
            if (op == 8 && !u) {
                e = (uint64_t)s;                              /* VSHRN, VRSHRN */
            } else {
                e = ne_sat(env, s, bits, op == 8 ? true : u); /* VQSHRUN, VQSHRN */
            }
            ne_set(&r, i, bits, e);
        }
        env->vfp.d[rd] = r;
        return;
    }
    if (op == 10) {
        /* VSHLL/VMOVL: Dm widened to Qd, shifted left */
        ne_load(env, vm, rm, 1);
        uint64_t r[2] = { 0, 0 };
        for (unsigned i = 0; i < 64 / bits; i++) {
            uint64_t e = (uint64_t)ne_val(ne_get(vm, i, bits), bits, u);
            ne_set(r, i, 2 * bits, e << sh);
        }
        ne_store(env, r, rd, 2);
        return;
    }
    if (op == 14 || op == 15) {
        /* VCVT between F32 and fixed point: imm = fraction bits */
        ne_load(env, vm, rm, nr);
        for (unsigned i = 0; i < nr * 2; i++) {
            ne_set(vd, i, 32, arm_neon_fixed(env, op == 15, u, sh, (uint32_t)ne_get(vm, i, 32)));
        }
        ne_store(env, vd, rd, nr);
        return;
    }
    ne_load(env, vm, rm, nr);
    ne_load(env, vd, rd, nr);
    uint64_t mask = ne_mask(bits);
    for (unsigned i = 0; i < nr * 64 / bits; i++) {
        uint64_t x = ne_get(vm, i, bits), d = ne_get(vd, i, bits), r;
        __int128 v = ne_val(x, bits, u);
        switch (op) {
        case 0: r = shr_round(v, sh, false); break;                 /* VSHR */
        case 1: r = d + shr_round(v, sh, false); break;             /* VSRA */
        case 2: r = shr_round(v, sh, true); break;                  /* VRSHR */
        case 3: r = d + shr_round(v, sh, true); break;              /* VRSRA */
        case 4: {                                                    /* VSRI */
            uint64_t m = sh >= bits ? 0 : mask >> sh;
            r = (d & ~m) | (sh >= bits ? 0 : x >> sh);
            break;
        }
        case 5:
            if (u) {                                                 /* VSLI */
                uint64_t m = (mask << sh) & mask;
                r = (d & ~m) | ((x << sh) & m);
            } else {                                                 /* VSHL */
                r = x << sh;
            }
            break;
        case 6:                                                      /* VQSHLU: signed in, unsigned out */
            r = ne_sat(env, ne_val(x, bits, false) * ((__int128)1 << sh), bits, true);
            break;
        default:                                                     /* VQSHL */
            r = ne_sat(env, v * ((__int128)1 << sh), bits, u);
            break;
        }
        ne_set(vd, i, bits, r & mask);
    }
    ne_store(env, vd, rd, nr);
}

/* ---- three registers of different lengths (A7.4.2) ---- */

/* op 0-3, 5, 7-14: long results (Qd); 4, 6: narrowing (Dd).  vm may be a duplicated scalar. */
static void neon_3diff(CPUARMState *env, unsigned op, bool u, unsigned size, unsigned rd,
                       const uint64_t *vn, const uint64_t *vm)
{
    unsigned bits = 8u << size, wb = 2 * bits;
    if (op == 4 || op == 6) {
        /* VADDHN/VRADDHN, VSUBHN/VRSUBHN: the high halves of Qn +/- Qm */
        uint64_t r = 0;
        for (unsigned i = 0; i < 64 / bits; i++) {
            uint64_t x = ne_get(vn, i, wb), y = ne_get(vm, i, wb);
            uint64_t s = op == 4 ? x + y : x - y;
            if (u) {
                s += 1ull << (bits - 1);
            }
            ne_set(&r, i, bits, (s & ne_mask(wb)) >> bits);
        }
        env->vfp.d[rd] = r;
        return;
    }
    uint64_t vd[2];
    ne_load(env, vd, rd, 2);
    for (unsigned i = 0; i < 64 / bits; i++) {
        __int128 a = op == 1 || op == 3 ? ne_val(ne_get(vn, i, wb), wb, u)
                                        : ne_val(ne_get(vn, i, bits), bits, u);
        __int128 b = ne_val(ne_get(vm, i, bits), bits, u);
        __int128 d = ne_val(ne_get(vd, i, wb), wb, u), r;
        switch (op) {
        case 0: case 1: r = a + b; break;                    /* VADDL, VADDW */
        case 2: case 3: r = a - b; break;                    /* VSUBL, VSUBW */
        case 5: r = d + (a > b ? a - b : b - a); break;      /* VABAL */
        case 7: r = a > b ? a - b : b - a; break;            /* VABDL */
        case 8: r = d + a * b; break;                        /* VMLAL */
        case 10: r = d - a * b; break;                       /* VMLSL */
        case 12: r = a * b; break;                           /* VMULL */
        case 14:                                             /* VMULL.P8 */
            r = arm_neon_pmul8(ne_get(vn, i, 8), ne_get(vm, i, 8));
            break;
        default: {                                           /* VQDMLAL, VQDMLSL, VQDMULL */
            __int128 p = ne_sat(env, 2 * a * b, wb, false);
            p = ne_sext((uint64_t)p, wb);
            r = op == 13 ? p : ne_sat(env, op == 9 ? d + p : d - p, wb, false);
            break;
        }
        }
        ne_set(vd, i, wb, (uint64_t)r);
    }
    ne_store(env, vd, rd, 2);
}

/* ---- by scalar (A7.4.3): the scalar duplicated, then the same-length or long operation ---- */

static void neon_scalar(CPUARMState *env, unsigned op, bool q, unsigned size, unsigned rd,
                        unsigned rn, unsigned rm, unsigned idx)
{
    unsigned bits = 8u << size;
    uint64_t s = ne_get(&env->vfp.d[rm], idx, bits), dup[2] = { 0, 0 }, vn[2];
    for (unsigned i = 0; i < 128 / bits; i++) {
        ne_set(dup, i, bits, s);
    }
    switch (op) {
    case 1: case 5: case 9:                                  /* VMLA, VMLS, VMUL (F32) */
        arm_neon_3float(env, op, q, rd, rn, rm, dup);
        return;
    case 2: case 3: case 6: case 7: case 10: case 11: {      /* long: VMLAL .. VQDMULL */
        static const uint8_t long_op[16] = { [2] = 8, [3] = 9, [6] = 10, [7] = 11, [10] = 12,
                                             [11] = 13 };
        ne_load(env, vn, rn, 1);
        /* the U bit of the long forms is bit 24, which the decoder passed as q */
        neon_3diff(env, long_op[op], q && (op == 2 || op == 6 || op == 10), size, rd, vn, dup);
        return;
    }
    default: {                                               /* VMLA, VMLS, VMUL, VQDMULH, VQRDMULH */
        unsigned nr = q ? 2 : 1;
        uint64_t vd[2];
        ne_load(env, vn, rn, nr);
        ne_load(env, vd, rd, nr);
        unsigned eop = op == 0 || op == 4 ? N_MLA : op == 8 ? N_MUL : N_QDMULH;
        bool eu = op == 4 || op == 13;
        for (unsigned i = 0; i < nr * 64 / bits; i++) {
            ne_set(vd, i, bits, arm_neon_int_elem(env, eop, eu, bits, ne_get(vn, i, bits), s,
                                                  ne_get(vd, i, bits)));
        }
        ne_store(env, vd, rd, nr);
        return;
    }
    }
}

/* ---- two registers, miscellaneous (A7.4.5): op = a << 4 | b ---- */

static uint64_t cls_clz(uint64_t x, unsigned bits, bool cls)
{
    if (cls) {
        x = ((x >> (bits - 1)) & 1) ? ~x & ne_mask(bits) : x;
    }
    unsigned n = 0;
    for (int i = bits - 1; i >= 0 && !((x >> i) & 1); i--) {
        n++;
    }
    return cls ? n - 1 : n;
}

static void neon_permute(CPUARMState *env, unsigned b, unsigned bits, bool q, unsigned rd,
                         unsigned rm)
{
    unsigned nr = q ? 2 : 1, ne = nr * 64 / bits;
    uint64_t vd[2], vm[2], od[2] = { 0, 0 }, om[2] = { 0, 0 };
    ne_load(env, vd, rd, nr);
    ne_load(env, vm, rm, nr);
    switch (b) {
    case 0:                                                  /* VSWP */
        ne_store(env, vm, rd, nr);
        ne_store(env, vd, rm, nr);
        return;
    case 1:                                                  /* VTRN */
        memcpy(od, vd, sizeof(od));
        memcpy(om, vm, sizeof(om));
        for (unsigned i = 0; i < ne; i += 2) {
            ne_set(od, i + 1, bits, ne_get(vm, i, bits));
            ne_set(om, i, bits, ne_get(vd, i + 1, bits));
        }
        break;
    case 2:                                                  /* VUZP: evens to d, odds to m */
        for (unsigned i = 0; i < ne; i++) {
            uint64_t x = i < ne / 2 ? ne_get(vd, 2 * i, bits) : ne_get(vm, 2 * i - ne, bits);
            uint64_t y = i < ne / 2 ? ne_get(vd, 2 * i + 1, bits) : ne_get(vm, 2 * i + 1 - ne, bits);
            ne_set(od, i, bits, x);
            ne_set(om, i, bits, y);
        }
        break;
    default:                                                 /* VZIP: interleave */
        for (unsigned i = 0; i < ne; i++) {
            uint64_t *o = i < ne / 2 ? od : om;
            unsigned k = i < ne / 2 ? 2 * i : 2 * i - ne;
            ne_set(o, k, bits, ne_get(vd, i, bits));
            ne_set(o, k + 1, bits, ne_get(vm, i, bits));
        }
        break;
    }
    ne_store(env, od, rd, nr);
    ne_store(env, om, rm, nr);
}

static void neon_2misc(CPUARMState *env, unsigned a, unsigned b, unsigned size, bool q,
                       unsigned rd, unsigned rm)
{
    unsigned bits = 8u << size, nr = q ? 2 : 1;
    uint64_t vm[2], vd[2];
    if (a == 2 && b < 4) {
        neon_permute(env, b, bits, q, rd, rm);
        return;
    }
    if (a == 2) {
        ne_load(env, vm, rm, 2);
        if (b == 4 || b == 5) {                              /* VMOVN, VQMOVUN, VQMOVN */
            uint64_t r = 0;
            for (unsigned i = 0; i < 64 / bits; i++) {
                uint64_t x = ne_get(vm, i, 2 * bits), e;
                if (b == 4 && !q) {
                    e = x;
                } else {
                    bool src_uns = b == 5 && q, dst_uns = b == 4 || q;
                    e = ne_sat(env, ne_val(x, 2 * bits, src_uns), bits, dst_uns);
                }
                ne_set(&r, i, bits, e);
            }
            env->vfp.d[rd] = r;
            return;
        }
        if (b == 6) {                                        /* VSHLL by the element size */
            uint64_t r[2] = { 0, 0 };
            for (unsigned i = 0; i < 64 / bits; i++) {
                ne_set(r, i, 2 * bits, ne_get(vm, i, bits) << bits);
            }
            ne_store(env, r, rd, 2);
            return;
        }
        if (b == 12) {                                       /* VCVT.F16.F32: Qm to Dd */
            uint64_t r = 0;
            for (unsigned i = 0; i < 4; i++) {
                ne_set(&r, i, 16, arm_neon_f32_to_f16(env, (uint32_t)ne_get(vm, i, 32)));
            }
            env->vfp.d[rd] = r;
            return;
        }
        /* b == 14: VCVT.F32.F16, Dm to Qd */
        uint64_t r[2];
        for (unsigned i = 0; i < 4; i++) {
            ne_set(r, i, 32, arm_neon_f16_to_f32(env, (uint32_t)ne_get(vm, i, 16)));
        }
        ne_store(env, r, rd, 2);
        return;
    }
    ne_load(env, vm, rm, nr);
    ne_load(env, vd, rd, nr);
    if (a == 0 && (b >> 1 == 2 || b >> 1 == 6)) {
        /* VPADDL, VPADAL: pairs of bits-wide elements added into 2 * bits */
        bool u = b & 1;
        for (unsigned i = 0; i < nr * 32 / bits; i++) {
            __int128 s = ne_val(ne_get(vm, 2 * i, bits), bits, u) +
                         ne_val(ne_get(vm, 2 * i + 1, bits), bits, u);
            uint64_t acc = b >> 1 == 6 ? ne_get(vd, i, 2 * bits) : 0;
            ne_set(vd, i, 2 * bits, acc + (uint64_t)s);
        }
        ne_store(env, vd, rd, nr);
        return;
    }
    if (a == 0 && b <= 2) {
        /* VREV64/32/16: reverse the elements inside each 64/32/16-bit group */
        unsigned group = 64u >> b, per = group / bits;
        for (unsigned i = 0; i < nr * 64 / bits; i++) {
            unsigned base = i - i % per;
            ne_set(vd, i, bits, ne_get(vm, base + (per - 1 - i % per), bits));
        }
        ne_store(env, vd, rd, nr);
        return;
    }
    for (unsigned i = 0; i < nr * 64 / bits; i++) {
        uint64_t x = ne_get(vm, i, bits), r = 0;
        __int128 v = ne_val(x, bits, false);
        if (a == 0) {
            switch (b) {
            case 8: r = cls_clz(x, bits, true); break;                      /* VCLS */
            case 9: r = cls_clz(x, bits, false); break;                     /* VCLZ */
            case 10: r = (uint64_t)__builtin_popcountll(x); break;          /* VCNT */
            case 11: r = ~x; break;                                         /* VMVN */
            case 14: r = ne_sat(env, v < 0 ? -v : v, bits, false); break;   /* VQABS */
            default: r = ne_sat(env, -v, bits, false); break;               /* VQNEG */
            }
        } else if (a == 1 && (b & 8)) {
            r = arm_neon_fp_2misc(env, b & 7, (uint32_t)x);                 /* float compare/abs/neg */
        } else if (a == 1) {
            switch (b & 7) {
            case 0: r = v > 0 ? ~0ull : 0; break;                           /* VCGT #0 */
            case 1: r = v >= 0 ? ~0ull : 0; break;                          /* VCGE #0 */
            case 2: r = v == 0 ? ~0ull : 0; break;                          /* VCEQ #0 */
            case 3: r = v <= 0 ? ~0ull : 0; break;                          /* VCLE #0 */
            case 4: r = v < 0 ? ~0ull : 0; break;                           /* VCLT #0 */
            case 6: r = (uint64_t)(v < 0 ? -v : v); break;                  /* VABS */
            default: r = (uint64_t)-v; break;                               /* VNEG */
            }
        } else {
            /* a == 3: VRECPE, VRSQRTE (U32 or F32), VCVT between F32 and S32/U32 */
            switch (b) {
            case 8: r = arm_neon_recpe_u32((uint32_t)x); break;
            case 9: r = arm_neon_rsqrte_u32((uint32_t)x); break;
            default: r = arm_neon_fp_2misc(env, 8 + (b & 7), (uint32_t)x); break;
            }
        }
        ne_set(vd, i, bits, r & ne_mask(bits));
    }
    ne_store(env, vd, rd, nr);
}

/* ---- VEXT, VTBL/VTBX, VDUP (scalar) ---- */

static void neon_vext(CPUARMState *env, bool q, unsigned imm, unsigned rd, unsigned rn,
                      unsigned rm)
{
    unsigned nr = q ? 2 : 1, nb = nr * 8;
    uint64_t cat[4], r[2];
    ne_load(env, cat, rn, nr);
    ne_load(env, cat + nr, rm, nr);
    for (unsigned i = 0; i < nb; i++) {
        ne_set(r, i, 8, ne_get(cat, i + imm, 8));
    }
    ne_store(env, r, rd, nr);
}

static void neon_vtbl(CPUARMState *env, bool tbx, unsigned len, unsigned rd, unsigned rn,
                      unsigned rm)
{
    uint64_t table[4], idx = env->vfp.d[rm], r = env->vfp.d[rd];
    ne_load(env, table, rn, len);
    for (unsigned i = 0; i < 8; i++) {
        unsigned k = (unsigned)ne_get(&idx, i, 8);
        if (k < 8 * len) {
            ne_set(&r, i, 8, ne_get(table, k, 8));
        } else if (!tbx) {
            ne_set(&r, i, 8, 0);
        }
    }
    env->vfp.d[rd] = r;
}

static void neon_vdups(CPUARMState *env, unsigned size, unsigned idx, bool q, unsigned rd,
                       unsigned rm)
{
    unsigned bits = 8u << size;
    uint64_t s = ne_get(&env->vfp.d[rm], idx, bits), r = 0;
    for (unsigned i = 0; i < 64 / bits; i++) {
        ne_set(&r, i, bits, s);
    }
    for (unsigned i = 0; i < (q ? 2u : 1u); i++) {
        env->vfp.d[(rd + i) & 31] = r;
    }
}

void helper_neon_dp(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned group = desc & 15, op = (desc >> 4) & 63, size = (desc >> 11) & 3;
    bool u = (desc >> 10) & 1, q = (desc >> 13) & 1;
    unsigned imm = (desc >> 14) & 0xff;
    unsigned rd = regs & 31, rn = (regs >> 5) & 31, rm = (regs >> 10) & 31, x = (regs >> 15) & 15;
    uint64_t vn[2], vm[2];

    switch (group) {
    case NG_SHIFT:
        neon_shift(env, op, u, size, q, imm, rd, rm);
        break;
    case NG_3DIFF:
        ne_load(env, vn, rn, 2);
        ne_load(env, vm, rm, 2);
        neon_3diff(env, op, u, size, rd, vn, vm);
        break;
    case NG_SCALAR:
        neon_scalar(env, op, q, size, rd, rn, rm, x);
        break;
    case NG_VEXT:
        neon_vext(env, q, imm, rd, rn, rm);
        break;
    case NG_2MISC:
        neon_2misc(env, op >> 4, op & 15, size, q, rd, rm);
        break;
    case NG_VTBL:
        neon_vtbl(env, u, x, rd, rn, rm);
        break;
    case NG_VDUPS:
        neon_vdups(env, size, x, q, rd, rm);
        break;
    default: /* NG_3FLOAT */
        arm_neon_3float(env, op, q, rd, rn, rm, NULL);
        break;
    }
}
