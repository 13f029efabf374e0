/*
 * neon_helper.c — Advanced SIMD integer operations, element by element on
 * env->vfp.d (ARMv7-A ARM A7.4.1, "three registers of the same length").
 *
 * packed: op (opc:o, 5 bits) | u << 5 | size << 6 | q << 8 | rd << 9 |
 * rn << 14 | rm << 19, registers as D numbers (Q n is D 2n, 2n + 1).
 */
#include "internals.h"

/* op = opc << 1 | o for the operations implemented here */
enum {
    N_HADD = 0x00, N_QADD = 0x01, N_RHADD = 0x02, N_LOGIC = 0x03, N_HSUB = 0x04,
    N_QSUB = 0x05, N_CGT = 0x06, N_CGE = 0x07, N_MAX = 0x0c, N_MIN = 0x0d,
    N_ADDSUB = 0x10, N_TST_CEQ = 0x11, N_PMAX = 0x14, N_PMIN = 0x15, N_PADD = 0x17,
};

bool arm_neon_3same_valid(uint32_t op, int u, int size)
{
    switch (op) {
    case N_HADD: case N_RHADD: case N_HSUB: case N_CGT: case N_CGE: case N_MAX: case N_MIN:
        return size < 3;
    case N_QADD: case N_QSUB: case N_LOGIC: case N_ADDSUB:
        return true;
    case N_TST_CEQ:
        return size < 3;
    case N_PMAX: case N_PMIN:
        return size < 3;
    case N_PADD:
        return size < 3 && !u;
    default:
        return false;
    }
}


/* One element pair; bits = element width; u = unsigned. */
static uint64_t elem(CPUARMState *env, unsigned op, bool u, unsigned bits, uint64_t x,
                     uint64_t y)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    int64_t sx = bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
    int64_t sy = bits == 64 ? (int64_t)y : (int64_t)(y << (64 - bits)) >> (64 - bits);
    __int128 a = u ? (__int128)x : sx, b = u ? (__int128)y : sy;
    switch (op) {
    case N_HADD: return (uint64_t)((a + b) >> 1) & mask;
    case N_RHADD: return (uint64_t)((a + b + 1) >> 1) & mask;
    case N_HSUB: return (uint64_t)((a - b) >> 1) & mask;
    case N_CGT: return a > b ? mask : 0;
    case N_CGE: return a >= b ? mask : 0;
    case N_MAX: return (uint64_t)(a > b ? a : b) & mask;
    case N_MIN: return (uint64_t)(a < b ? a : b) & mask;
    case N_QADD: case N_QSUB: {
        __int128 r = op == N_QADD ? a + b : a - b;
        __int128 lo = u ? 0 : -((__int128)1 << (bits - 1));
        __int128 hi = u ? (((__int128)1 << bits) - 1) : (((__int128)1 << (bits - 1)) - 1);
        if (r < lo || r > hi) {
            env->vfp.qc = 1;
            r = r < lo ? lo : hi;
        }
        return (uint64_t)r & mask;
    }
    case N_ADDSUB: return (u ? x - y : x + y) & mask;      /* VSUB when U, else VADD */
    default: /* N_TST_CEQ: VCEQ when U, else VTST */
        return (u ? (x & mask) == (y & mask) : (x & y & mask) != 0) ? mask : 0;
    }
}

void helper_neon_3same(CPUARMState *env, uint32_t packed)
{
    unsigned op = packed & 31, size = (packed >> 6) & 3;
    bool u = (packed >> 5) & 1, q = (packed >> 8) & 1;
    unsigned rd = (packed >> 9) & 31, rn = (packed >> 14) & 31, rm = (packed >> 19) & 31;
    unsigned bits = 8u << size;

    if (op == N_PADD || op == N_PMAX || op == N_PMIN) {
        /* pairwise (D only): the low half from pairs of n, the high half from pairs of m */
        uint64_t mask = (1ull << bits) - 1, res = 0, src[2] = { env->vfp.d[rn], env->vfp.d[rm] };
        unsigned per = 64 / bits, k = 0;
        unsigned eop = op == N_PADD ? N_ADDSUB : op == N_PMAX ? N_MAX : N_MIN;
        for (unsigned h = 0; h < 2; h++) {
            for (unsigned i = 0; i < per; i += 2, k++) {
                uint64_t x = (src[h] >> (i * bits)) & mask, y = (src[h] >> ((i + 1) * bits)) & mask;
                res |= elem(env, eop, op == N_PADD ? false : u, bits, x, y) << (k * bits);
            }
        }
        env->vfp.d[rd] = res;
        return;
    }
    for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
        uint64_t x = env->vfp.d[rn + r], y = env->vfp.d[rm + r], d = env->vfp.d[rd + r], res = 0;
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
            for (unsigned i = 0; i < 64; i += bits) {
                uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
                res |= elem(env, op, u, bits, (x >> i) & mask, (y >> i) & mask) << i;
            }
        }
        env->vfp.d[rd + r] = res;
    }
}
