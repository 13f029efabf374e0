/*
 * fpu-test.h — shared pieces of the fpu/ unit tests: the seed and vector
 * count of a run, an operand generator biased towards the hard cases, and
 * flag printing.
 *
 * EMU_FPU_SEED=<n> reproduces a run (every program prints the seed it used);
 * EMU_FPU_VECTORS=<n> sets the number of vectors per operation family (the
 * 'slow' suite runs millions).
 */
#ifndef TESTS_FPU_TEST_H
#define TESTS_FPU_TEST_H

#include "fpu/softfloat.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GRand *fpu_test_rand;
static long fpu_test_vectors = 100000;

static inline void fpu_test_setup(int *argc, char ***argv)
{
    g_test_init(argc, argv, NULL);
    const char *seed_s = getenv("EMU_FPU_SEED");
    const char *n_s = getenv("EMU_FPU_VECTORS");
    guint32 seed = seed_s ? (guint32)strtoul(seed_s, NULL, 0) : 20261122;
    if (n_s) {
        fpu_test_vectors = strtol(n_s, NULL, 0);
    }
    fpu_test_rand = g_rand_new_with_seed(seed);
    g_test_message("seed %u (EMU_FPU_SEED), %ld vectors per family (EMU_FPU_VECTORS)",
                   seed, fpu_test_vectors);
}

static inline uint64_t rnd64(void)
{
    return ((uint64_t)g_rand_int(fpu_test_rand) << 32) | g_rand_int(fpu_test_rand);
}

static inline int rnd_range(int lo, int hi_excl)
{
    return g_rand_int_range(fpu_test_rand, lo, hi_excl);
}

typedef unsigned __int128 fpu_u128;

static inline fpu_u128 rnd128(void)
{
    return ((fpu_u128)rnd64() << 64) | rnd64();
}

/*
 * A random fraction of `bits` bits (up to 127) shaped to hit rounding
 * corners: uniform, long runs of ones or zeros (carry propagation, halfway
 * and near-halfway values), or only a few significant bits (exact results).
 */
static inline fpu_u128 gen_frac(int bits)
{
    fpu_u128 mask = ((fpu_u128)1 << bits) - 1;
    fpu_u128 v = rnd128();
    switch (rnd_range(0, 6)) {
    case 0:
    case 1:
        return v & mask;
    case 2: { /* ones then zeros, or the reverse */
        fpu_u128 run = ((fpu_u128)1 << rnd_range(0, bits + 1)) - 1;
        return (rnd_range(0, 2) ? run : ~run) & mask;
    }
    case 3: { /* a few random bits at the top */
        int k = rnd_range(1, bits + 1);
        return (v << (bits - k)) & mask;
    }
    case 4: /* random bits with the low part forced to a run */
        return (rnd_range(0, 2) ? (v | (mask >> rnd_range(1, bits + 1)))
                                : (v & ~(mask >> rnd_range(1, bits + 1)))) & mask;
    default:
        return ((fpu_u128)1 << rnd_range(0, bits)) ^ (rnd_range(0, 2) ? 0 : mask);
    }
}

/*
 * The fields of an encoding with `eb` exponent bits and `fb` fraction bits,
 * steered towards specials, subnormals, the extremes of the exponent range
 * and exponents close to `near` (a biased exponent, for cancellation and
 * alignment corners).
 */
static inline void gen_fields(int eb, int fb, int near, bool *sign, uint32_t *exp, fpu_u128 *frac)
{
    int emax = (1 << eb) - 1;
    uint32_t e;
    fpu_u128 f = gen_frac(fb);
    *sign = rnd_range(0, 2);
    switch (rnd_range(0, 16)) {
    case 0: /* zero, infinity */
        e = rnd_range(0, 2) ? emax : 0;
        f = 0;
        break;
    case 1: /* NaNs: quiet or signalling, assorted payloads */
        e = emax;
        f = f ? f : 1;
        break;
    case 2:
    case 3: /* subnormal */
        e = 0;
        break;
    case 4: /* smallest normals */
        e = rnd_range(1, 4);
        break;
    case 5: /* largest finite */
        e = emax - rnd_range(1, 4);
        break;
    case 6:
    case 7:
    case 8:
    case 9: { /* close to the other operand */
        int d = rnd_range(-(fb + 4), fb + 5);
        int ne = near + d;
        e = ne < 1 ? 1 : ne >= emax ? emax - 1 : ne;
        break;
    }
    case 10: /* around 1.0 */
        e = (emax >> 1) + rnd_range(-3, 4);
        break;
    default:
        e = rnd_range(0, emax + 1);
        break;
    }
    *exp = e;
    *frac = f;
}

static inline uint64_t gen_bits(int eb, int fb, int near)
{
    bool sign;
    uint32_t e;
    fpu_u128 f;
    gen_fields(eb, fb, near, &sign, &e, &f);
    return ((uint64_t)sign << (eb + fb)) | ((uint64_t)e << fb) | (uint64_t)f;
}

static inline uint32_t gen32(int near) { return gen_bits(8, 23, near); }
static inline uint64_t gen64(int near) { return gen_bits(11, 52, near); }
static inline uint16_t gen16(int near) { return gen_bits(5, 10, near); }

/* x87: the integer bit follows the exponent, except now and then (unnormals, pseudo-denormals). */
static inline floatx80 genx80(int near)
{
    bool sign;
    uint32_t e;
    fpu_u128 f;
    gen_fields(15, 63, near, &sign, &e, &f);
    bool j = e != 0;
    if (rnd_range(0, 64) == 0) {
        j = !j;
    }
    return (floatx80) { .low = (uint64_t)f | ((uint64_t)j << 63),
                        .high = (uint16_t)((sign << 15) | e) };
}

static inline float128 gen128(int near)
{
    bool sign;
    uint32_t e;
    fpu_u128 f;
    gen_fields(15, 112, near, &sign, &e, &f);
    return (float128) { .low = (uint64_t)f,
                        .high = ((uint64_t)sign << 63) | ((uint64_t)e << 48) | (uint64_t)(f >> 64) };
}

static inline void flags_str(uint32_t f, char *buf)
{
    sprintf(buf, "%s%s%s%s%s%s%s%s",
            f & float_flag_invalid ? "V" : "-", f & float_flag_divbyzero ? "Z" : "-",
            f & float_flag_overflow ? "O" : "-", f & float_flag_underflow ? "U" : "-",
            f & float_flag_inexact ? "X" : "-", f & float_flag_input_denormal ? "D" : "-",
            f & float_flag_input_flushed ? "d" : "-", f & float_flag_output_flushed ? "f" : "-");
}

static const char *const round_names[] = {
    [float_round_nearest_even] = "nearest-even", [float_round_to_zero] = "to-zero",
    [float_round_down] = "down", [float_round_up] = "up",
    [float_round_ties_away] = "ties-away", [float_round_to_odd] = "to-odd",
};

/* Count mismatches; report the first few in full and fail at the end of the case. */
typedef struct {
    const char *what;
    long checked;
    long failed;
} FpuTally;

static inline void tally_fail(FpuTally *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static inline void tally_fail(FpuTally *t, const char *fmt, ...)
{
    if (t->failed++ < 10) {
        va_list ap;
        va_start(ap, fmt);
        char *msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_test_message("%s: %s", t->what, msg);
        fprintf(stderr, "# %s: %s\n", t->what, msg);
        g_free(msg);
    }
}

static inline void tally_end(FpuTally *t)
{
    g_test_message("%s: %ld vectors, %ld mismatches", t->what, t->checked, t->failed);
    g_assert_cmpint(t->failed, ==, 0);
}

#endif
