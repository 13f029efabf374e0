/*
 * neon_helper.c — Advanced SIMD integer operations of the "three registers
 * of the same length" group (ARMv7-A ARM A7.4.1), element by element on
 * env->vfp.d, and the element function the scalar forms share.
 *
 * packed: op (opc:o, 5 bits) | u << 5 | size << 6 | q << 8 | rd << 9 |
 * rn << 14 | rm << 19, registers as D numbers (Q n is D 2n, 2n + 1).
 */
#include "neon-elem.h"

bool arm_neon_3same_valid(uint32_t op, int u, int size)
{
    switch (op) {
    case N_HADD: case N_RHADD: case N_HSUB: case N_CGT: case N_CGE: case N_MAX: case N_MIN:
    case N_ABD: case N_ABA: case N_MLA: case N_TST_CEQ: case N_PMAX: case N_PMIN:
        return size < 3;
    case N_QADD: case N_QSUB: case N_LOGIC: case N_ADDSUB: case N_SHL: case N_QSHL:
    case N_RSHL: case N_QRSHL:
        return true;
    case N_MUL:
        return size < 3 && (!u || size == 0);      /* VMUL.P8 only for bytes */
    case N_QDMULH:
        return size == 1 || size == 2;
    case N_PADD:
        return size < 3 && !u;
    default:
        return false;
    }
}

/* 8-bit polynomial (carry-less) multiply, the low 8 bits (VMUL.P8) or all 16 (VMULL.P8) */
uint64_t arm_neon_pmul8(uint64_t x, uint64_t y)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        if ((y >> i) & 1) {
            r ^= x << i;
        }
    }
    return r;
}

/* VSHL/VRSHL/VQSHL/VQRSHL by register: the shift is the signed bottom byte of y */
static uint64_t shift_reg(CPUARMState *env, uint64_t x, uint64_t y, bool u, unsigned bits,
                          bool rnd, bool sat)
{
    int sh = (int8_t)(y & 0xff);
    __int128 v = ne_val(x, bits, u);
    if (sh >= 0) {
        if (v == 0) {
            return 0;
        }
        if (!sat) {
            return sh >= (int)bits ? 0 : (x << sh) & ne_mask(bits);
        }
        if (sh >= (int)bits) {
            return ne_sat(env, v < 0 ? -((__int128)1 << 100) : ((__int128)1 << 100), bits, u);
        }
        return ne_sat(env, v * ((__int128)1 << sh), bits, u);
    }
    int r = -sh;
    if (r > 100) {
        r = 100;                               /* the value (and its rounding bit) are gone by then */
    }
    if (rnd) {
        v += (__int128)1 << (r - 1);
    }
    return (uint64_t)(v >> r) & ne_mask(bits);
}

uint64_t arm_neon_int_elem(CPUARMState *env, unsigned op, bool u, unsigned bits, uint64_t x,
                           uint64_t y, uint64_t d)
{
    uint64_t mask = ne_mask(bits);
    __int128 a = ne_val(x, bits, u), b = ne_val(y, bits, u);
    switch (op) {
    case N_HADD: return (uint64_t)((a + b) >> 1) & mask;
    case N_RHADD: return (uint64_t)((a + b + 1) >> 1) & mask;
    case N_HSUB: return (uint64_t)((a - b) >> 1) & mask;
    case N_CGT: return a > b ? mask : 0;
    case N_CGE: return a >= b ? mask : 0;
    case N_MAX: return (uint64_t)(a > b ? a : b) & mask;
    case N_MIN: return (uint64_t)(a < b ? a : b) & mask;
    case N_ABD: return (uint64_t)(a > b ? a - b : b - a) & mask;
    case N_ABA: return (d + (uint64_t)(a > b ? a - b : b - a)) & mask;
    case N_QADD: return ne_sat(env, a + b, bits, u);
    case N_QSUB: return ne_sat(env, a - b, bits, u);
    case N_SHL: return shift_reg(env, x, y, u, bits, false, false);
    case N_RSHL: return shift_reg(env, x, y, u, bits, true, false);
    case N_QSHL: return shift_reg(env, x, y, u, bits, false, true);
    case N_QRSHL: return shift_reg(env, x, y, u, bits, true, true);
    case N_ADDSUB: return (u ? x - y : x + y) & mask;      /* VSUB when U, else VADD */
    case N_MLA: return (u ? d - x * y : d + x * y) & mask; /* VMLS when U */
    case N_MUL: return (u ? arm_neon_pmul8(x, y) : x * y) & mask;
    case N_QDMULH: {
        /* VQDMULH, VQRDMULH (U): the high half of the doubled product, saturated */
        __int128 p = 2 * ne_val(x, bits, false) * ne_val(y, bits, false);
        if (u) {
            p += (__int128)1 << (bits - 1);
        }
        return ne_sat(env, p >> bits, bits, false);
    }
    default: /* N_TST_CEQ: VCEQ when U, else VTST */
        return (u ? x == y : (x & y) != 0) ? mask : 0;
    }
}

void helper_neon_3same(CPUARMState *env, uint32_t packed)
{
    unsigned op = packed & 31, size = (packed >> 6) & 3;
    bool u = (packed >> 5) & 1, q = (packed >> 8) & 1;
    unsigned rd = (packed >> 9) & 31, rn = (packed >> 14) & 31, rm = (packed >> 19) & 31;
    unsigned bits = 8u << size, n = q ? 2 : 1;
    uint64_t vn[2], vm[2], vd[2];
    ne_load(env, vn, rn, n);
    ne_load(env, vm, rm, n);
    ne_load(env, vd, rd, n);

    if (op == N_PADD || op == N_PMAX || op == N_PMIN) {
        /* pairwise (D only): the low half from pairs of n, the high half from pairs of m */
        uint64_t res = 0, src[2] = { vn[0], vm[0] };
        unsigned per = 64 / bits, k = 0;
        unsigned eop = op == N_PADD ? N_ADDSUB : op == N_PMAX ? N_MAX : N_MIN;
        for (unsigned h = 0; h < 2; h++) {
            for (unsigned i = 0; i < per; i += 2, k++) {
                uint64_t x = ne_get(&src[h], i, bits), y = ne_get(&src[h], i + 1, bits);
                ne_set(&res, k, bits, arm_neon_int_elem(env, eop, op == N_PADD ? false : u, bits,
                                                        x, y, 0));
            }
        }
        env->vfp.d[rd] = res;
        return;
    }
    for (unsigned r = 0; r < n; r++) {
        uint64_t x = vn[r], y = vm[r], d = vd[r], res = 0;
        if (op == N_LOGIC) {
            /* u:size: VAND VBIC VORR VORN, VEOR VBSL VBIT VBIF (A8.8.x) */
            switch (u << 2 | size) {
            case 0: res = x & y; break;
            case 1: res = x & ~y; break;
            case 2: res = x | y; break;
            case 3: res = x | ~y; break;
            case 4: res = x ^ y; break;
            case 5: res = (x & d) | (y & ~d); break;
            case 6: res = (x & y) | (d & ~y); break;
            default: res = (d & y) | (x & ~y); break;
            }
        } else {
            /* the shifts by register shift Vm by Vn (VSHL Qd, Qm, Qn) */
            bool swap = op >= N_SHL && op <= N_QRSHL;
            for (unsigned i = 0; i < 64 / bits; i++) {
                uint64_t ex = ne_get(&x, i, bits), ey = ne_get(&y, i, bits);
                ne_set(&res, i, bits, arm_neon_int_elem(env, op, u, bits, swap ? ey : ex,
                                                        swap ? ex : ey, ne_get(&d, i, bits)));
            }
        }
        vd[r] = res;
    }
    ne_store(env, vd, rd, n);
}
