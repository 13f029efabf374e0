/*
 * neon-elem.h — element access for the Advanced SIMD helpers: vectors are
 * copied out of env->vfp.d into uint64_t arrays first (so that a
 * destination overlapping a source reads the old value, as the pseudocode
 * does), elements are numbered from bit 0 of the first D register, and
 * saturation sets FPSCR.QC.
 */
#ifndef TARGET_ARM_NEON_ELEM_H
#define TARGET_ARM_NEON_ELEM_H

#include "internals.h"

static inline uint64_t ne_mask(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

static inline uint64_t ne_get(const uint64_t *v, unsigned i, unsigned bits)
{
    unsigned bit = i * bits;
    return (v[bit / 64] >> (bit % 64)) & ne_mask(bits);
}

static inline void ne_set(uint64_t *v, unsigned i, unsigned bits, uint64_t x)
{
    unsigned bit = i * bits;
    uint64_t m = ne_mask(bits) << (bit % 64);
    v[bit / 64] = (v[bit / 64] & ~m) | ((x << (bit % 64)) & m);
}

static inline int64_t ne_sext(uint64_t x, unsigned bits)
{
    return bits >= 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* n consecutive D registers from reg (register numbers wrap at 32) */
static inline void ne_load(CPUARMState *env, uint64_t *v, unsigned reg, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        v[i] = env->vfp.d[(reg + i) & 31];
    }
}

static inline void ne_store(CPUARMState *env, const uint64_t *v, unsigned reg, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        env->vfp.d[(reg + i) & 31] = v[i];
    }
}

/* saturate v to a signed/unsigned bits-wide value, setting QC when it does not fit */
static inline uint64_t ne_sat(CPUARMState *env, __int128 v, unsigned bits, bool uns)
{
    __int128 lo = uns ? 0 : -((__int128)1 << (bits - 1));
    __int128 hi = uns ? ((__int128)1 << bits) - 1 : ((__int128)1 << (bits - 1)) - 1;
    if (v < lo || v > hi) {
        env->vfp.qc = 1;
        v = v < lo ? lo : hi;
    }
    return (uint64_t)v & ne_mask(bits);
}

/* an element as a signed or unsigned number */
static inline __int128 ne_val(uint64_t x, unsigned bits, bool uns)
{
    return uns ? (__int128)x : (__int128)ne_sext(x, bits);
}

#endif
