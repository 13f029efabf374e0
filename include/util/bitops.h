/*
 * bitops.h — bit-field and integer helpers used by front ends, back ends,
 * softfloat and device models.  All are static inline and defined for every
 * input (clz32(0) == 32, extract with len 0 is invalid and asserted).
 */
#ifndef UTIL_BITOPS_H
#define UTIL_BITOPS_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>

#define DIV_ROUND_UP(n, d)  (((n) + (d) - 1) / (d))
#define ROUND_UP(n, d)      (DIV_ROUND_UP(n, d) * (d))
#define ROUND_DOWN(n, d)    ((n) / (d) * (d))
#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define BIT(n)              (1u << (n))
#define BIT_ULL(n)          (1ull << (n))
/* A mask of the low n bits, valid for n in 0..64. */
#define MAKE_64BIT_MASK(shift, len) (((~0ULL) >> (64 - (len))) << (shift))

static inline bool is_power_of_2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* Bits [start, start+len) of value, zero-extended. */
static inline uint32_t extract32(uint32_t value, int start, int len)
{
    assert(start >= 0 && len > 0 && len <= 32 - start);
    return (value >> start) & (~0u >> (32 - len));
}

static inline uint64_t extract64(uint64_t value, int start, int len)
{
    assert(start >= 0 && len > 0 && len <= 64 - start);
    return (value >> start) & (~0ull >> (64 - len));
}

/* The same field, sign-extended from its top bit. */
static inline int32_t sextract32(uint32_t value, int start, int len)
{
    assert(start >= 0 && len > 0 && len <= 32 - start);
    return ((int32_t)(value << (32 - len - start))) >> (32 - len);
}

static inline int64_t sextract64(uint64_t value, int start, int len)
{
    assert(start >= 0 && len > 0 && len <= 64 - start);
    return ((int64_t)(value << (64 - len - start))) >> (64 - len);
}

/* value with bits [start, start+len) replaced by the low bits of field. */
static inline uint32_t deposit32(uint32_t value, int start, int len, uint32_t field)
{
    assert(start >= 0 && len > 0 && len <= 32 - start);
    uint32_t mask = (~0u >> (32 - len)) << start;
    return (value & ~mask) | ((field << start) & mask);
}

static inline uint64_t deposit64(uint64_t value, int start, int len, uint64_t field)
{
    assert(start >= 0 && len > 0 && len <= 64 - start);
    uint64_t mask = (~0ull >> (64 - len)) << start;
    return (value & ~mask) | ((field << start) & mask);
}

static inline int clz32(uint32_t v) { return v ? __builtin_clz(v) : 32; }
static inline int clz64(uint64_t v) { return v ? __builtin_clzll(v) : 64; }
static inline int ctz32(uint32_t v) { return v ? __builtin_ctz(v) : 32; }
static inline int ctz64(uint64_t v) { return v ? __builtin_ctzll(v) : 64; }
static inline int clo32(uint32_t v) { return clz32(~v); }
static inline int clo64(uint64_t v) { return clz64(~v); }
static inline int ctpop32(uint32_t v) { return __builtin_popcount(v); }
static inline int ctpop64(uint64_t v) { return __builtin_popcountll(v); }

static inline uint16_t bswap16(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t bswap32(uint32_t v) { return __builtin_bswap32(v); }
static inline uint64_t bswap64(uint64_t v) { return __builtin_bswap64(v); }

/* Rotates accept any count; it is taken modulo the width. */
static inline uint32_t rol32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v << n) | (v >> (32 - n)) : v;
}

static inline uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

static inline uint64_t rol64(uint64_t v, unsigned n)
{
    n &= 63;
    return n ? (v << n) | (v >> (64 - n)) : v;
}

static inline uint64_t ror64(uint64_t v, unsigned n)
{
    n &= 63;
    return n ? (v >> n) | (v << (64 - n)) : v;
}

/* Full 64x64 -> 128 products, as (high, low). */
static inline void mulu64(uint64_t *lo, uint64_t *hi, uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    *lo = (uint64_t)r;
    *hi = (uint64_t)(r >> 64);
}

static inline void muls64(uint64_t *lo, uint64_t *hi, int64_t a, int64_t b)
{
    __int128 r = (__int128)a * b;
    *lo = (uint64_t)r;
    *hi = (uint64_t)((unsigned __int128)r >> 64);
}

/* Sign-extend the low `bits` bits of v. */
static inline int64_t sext64(uint64_t v, int bits)
{
    return sextract64(v, 0, bits);
}

#endif
