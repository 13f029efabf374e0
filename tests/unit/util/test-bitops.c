/*
 * Bit helpers against bit-by-bit reference implementations, on edge cases and
 * on random operands from a fixed seed (so a failure reproduces).
 */
#include "util/bitops.h"

#include <glib.h>

static uint64_t ref_extract(uint64_t v, int start, int len)
{
    uint64_t r = 0;
    for (int i = 0; i < len; i++) {
        r |= ((v >> (start + i)) & 1) << i;
    }
    return r;
}

static uint64_t rand64(GRand *r)
{
    return ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
}

static void test_extract_deposit(void)
{
    GRand *r = g_rand_new_with_seed(1);
    for (int n = 0; n < 20000; n++) {
        uint64_t v = rand64(r), f = rand64(r);
        int start = g_rand_int_range(r, 0, 64);
        int len = g_rand_int_range(r, 1, 64 - start + 1);
        uint64_t e = ref_extract(v, start, len);
        g_assert_cmphex(extract64(v, start, len), ==, e);
        int64_t se = (e >> (len - 1)) & 1 ? (int64_t)(e | ~MAKE_64BIT_MASK(0, len)) : (int64_t)e;
        if (len == 64) {
            se = (int64_t)e;
        }
        g_assert_cmpint(sextract64(v, start, len), ==, se);
        uint64_t d = deposit64(v, start, len, f);
        g_assert_cmphex(ref_extract(d, start, len), ==, ref_extract(f, 0, len));
        uint64_t mask = MAKE_64BIT_MASK(start, len);
        g_assert_cmphex(d & ~mask, ==, v & ~mask);

        uint32_t v32 = (uint32_t)v;
        int s32 = start & 31;
        int l32 = 1 + (len - 1) % (32 - s32);
        g_assert_cmphex(extract32(v32, s32, l32), ==, ref_extract(v32, s32, l32));
        uint32_t d32 = deposit32(v32, s32, l32, (uint32_t)f);
        g_assert_cmphex(ref_extract(d32, s32, l32), ==, ref_extract(f, 0, l32));
    }
    g_assert_cmpint(sextract32(0x80000000u, 31, 1), ==, -1);
    g_assert_cmpint(sextract32(0x00000080u, 0, 8), ==, -128);
    g_assert_cmphex(extract32(0xffffffffu, 0, 32), ==, 0xffffffffu);
    g_rand_free(r);
}

static void test_counts(void)
{
    g_assert_cmpint(clz32(0), ==, 32);
    g_assert_cmpint(clz64(0), ==, 64);
    g_assert_cmpint(ctz32(0), ==, 32);
    g_assert_cmpint(ctz64(0), ==, 64);
    g_assert_cmpint(clz32(1), ==, 31);
    g_assert_cmpint(ctz64(1ull << 63), ==, 63);
    g_assert_cmpint(clo32(0xf0000000u), ==, 4);
    g_assert_cmpint(ctpop64(~0ull), ==, 64);
    GRand *r = g_rand_new_with_seed(2);
    for (int n = 0; n < 10000; n++) {
        uint64_t v = rand64(r) >> g_rand_int_range(r, 0, 64);
        int pop = 0, lz = 64;
        for (int i = 0; i < 64; i++) {
            if ((v >> i) & 1) {
                pop++;
                lz = 63 - i;
            }
        }
        g_assert_cmpint(ctpop64(v), ==, pop);
        g_assert_cmpint(clz64(v), ==, lz);
    }
    g_rand_free(r);
}

static void test_swap_rotate(void)
{
    g_assert_cmphex(bswap16(0x1234), ==, 0x3412);
    g_assert_cmphex(bswap32(0x12345678), ==, 0x78563412);
    g_assert_cmphex(bswap64(0x0102030405060708ull), ==, 0x0807060504030201ull);
    g_assert_cmphex(rol32(0x80000001u, 1), ==, 0x00000003u);
    g_assert_cmphex(ror32(0x80000001u, 1), ==, 0xc0000000u);
    g_assert_cmphex(rol32(0x12345678u, 32), ==, 0x12345678u);
    g_assert_cmphex(rol64(1, 65), ==, 2);
    g_assert_cmphex(ror64(1, 0), ==, 1);
    g_assert_cmphex(ror64(1, 1), ==, 1ull << 63);
}

static void test_mul128(void)
{
    uint64_t lo, hi;
    mulu64(&lo, &hi, ~0ull, ~0ull);
    g_assert_cmphex(hi, ==, ~0ull - 1);
    g_assert_cmphex(lo, ==, 1);
    muls64(&lo, &hi, -1, 1);
    g_assert_cmphex(hi, ==, ~0ull);
    g_assert_cmphex(lo, ==, ~0ull);
    muls64(&lo, &hi, INT64_MIN, -1);
    g_assert_cmphex(hi, ==, 0);
    g_assert_cmphex(lo, ==, 1ull << 63);
}

static void test_rounding(void)
{
    g_assert_cmpint(DIV_ROUND_UP(7, 4), ==, 2);
    g_assert_cmpint(ROUND_UP(4097, 4096), ==, 8192);
    g_assert_cmpint(ROUND_DOWN(4097, 4096), ==, 4096);
    g_assert_true(is_power_of_2(4096));
    g_assert_false(is_power_of_2(0));
    g_assert_false(is_power_of_2(6));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bitops/extract-deposit", test_extract_deposit);
    g_test_add_func("/bitops/counts", test_counts);
    g_test_add_func("/bitops/swap-rotate", test_swap_rotate);
    g_test_add_func("/bitops/mul128", test_mul128);
    g_test_add_func("/bitops/rounding", test_rounding);
    return g_test_run();
}
