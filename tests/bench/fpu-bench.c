/*
 * fpu-bench — operations per second of the fpu/ library, printed as a table:
 * the soft path (use_host_fpu off), the same calls with the host fast path
 * allowed, and the raw host FPU (C operators on the same operands), for
 * binary32/64 add, sub, mul, div, sqrt and fma; plus the soft-only formats
 * (binary16, x87 extended, binary128).  A benchmark, not a test: it never
 * fails, it reports.
 *
 *     build-fpu/tests/unit/fpu/fpu-bench [millions of ops per row, default 4]
 *
 * Operands are normal numbers in [1, 2) * 2^[-8, 8] from a fixed seed, the
 * realistic case for the fast path; inexact is pre-set as a running guest
 * program would have it, so fma can take the fast path too.
 */
#include "fpu/softfloat.h"
#include "util/host.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 4096   /* operand pool, fits in L1 with room to spare */

static float f32v[N], f32w[N], f32x[N];
static double f64v[N], f64w[N], f64x[N];
static float32 b32v[N], b32w[N], b32x[N];
static float64 b64v[N], b64w[N], b64x[N];
static float16 b16v[N], b16w[N];
static floatx80 x80v[N], x80w[N];
static float128 q128v[N], q128w[N];

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double operand(void)
{
    return ldexp(1.0 + (next() >> 11) * 0x1p-53, (int)(next() % 17) - 8);
}

static void setup(void)
{
    FloatStatus s;
    float_status_init(&s, &float_nan_rules_x86_sse);
    for (int i = 0; i < N; i++) {
        f64v[i] = operand();
        f64w[i] = operand();
        f64x[i] = operand();
        f32v[i] = (float)f64v[i];
        f32w[i] = (float)f64w[i];
        f32x[i] = (float)f64x[i];
        memcpy(&b64v[i], &f64v[i], 8);
        memcpy(&b64w[i], &f64w[i], 8);
        memcpy(&b64x[i], &f64x[i], 8);
        memcpy(&b32v[i], &f32v[i], 4);
        memcpy(&b32w[i], &f32w[i], 4);
        memcpy(&b32x[i], &f32x[i], 4);
        b16v[i] = float32_to_float16(b32v[i], &s);
        b16w[i] = float32_to_float16(b32w[i], &s);
        x80v[i] = float64_to_floatx80(b64v[i], &s);
        x80w[i] = float64_to_floatx80(b64w[i], &s);
        q128v[i] = float64_to_float128(b64v[i], &s);
        q128w[i] = float64_to_float128(b64w[i], &s);
    }
}

static long iters;
static volatile uint64_t sink;

/* Time `body` over iters operations; returns millions of operations per second. */
#define MEASURE(result, body)                                                      \
    do {                                                                           \
        uint64_t acc_ = 0;                                                         \
        int64_t t0_ = clock_monotonic_ns();                                        \
        for (long i_ = 0; i_ < iters; i_++) {                                      \
            int i = i_ & (N - 1);                                                  \
            body;                                                                  \
        }                                                                          \
        int64_t t1_ = clock_monotonic_ns();                                        \
        sink = acc_;                                                               \
        result = iters / ((t1_ - t0_) / 1e3);                                      \
    } while (0)

static FloatStatus st(bool fast)
{
    FloatStatus s;
    float_status_init(&s, &float_nan_rules_x86_sse);
    s.use_host_fpu = fast;
    s.flags = float_flag_inexact;
    return s;
}

static uint64_t bits_f(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t bits_d(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

#define ROW3(name, SOFT, HOST)                                                     \
    do {                                                                           \
        double soft, fast, host;                                                   \
        FloatStatus s = st(false);                                                 \
        MEASURE(soft, acc_ += SOFT);                                               \
        s = st(true);                                                              \
        MEASURE(fast, acc_ += SOFT);                                               \
        MEASURE(host, acc_ += HOST);                                               \
        printf("%-16s %10.1f %10.1f %10.1f %9.1fx %9.1fx\n", name, soft, fast, host,  \
               fast / soft, host / fast);                                          \
    } while (0)

#define ROW1(name, SOFT)                                                           \
    do {                                                                           \
        double soft;                                                               \
        FloatStatus s = st(false);                                                 \
        MEASURE(soft, acc_ += SOFT);                                               \
        printf("%-16s %10.1f %10s %10s\n", name, soft, "-", "-");                  \
    } while (0)

int main(int argc, char **argv)
{
    iters = (long)((argc > 1 ? atof(argv[1]) : 4) * 1e6);
    setup();
    printf("fpu-bench: %ld operations per row; millions of operations per second\n", iters);
    printf("%-16s %10s %10s %10s %10s %10s\n", "operation", "soft", "fast path", "host FPU",
           "fast/soft", "host/fast");
    ROW3("binary32 add", float32_add(b32v[i], b32w[i], &s), bits_f(f32v[i] + f32w[i]));
    ROW3("binary32 sub", float32_sub(b32v[i], b32w[i], &s), bits_f(f32v[i] - f32w[i]));
    ROW3("binary32 mul", float32_mul(b32v[i], b32w[i], &s), bits_f(f32v[i] * f32w[i]));
    ROW3("binary32 div", float32_div(b32v[i], b32w[i], &s), bits_f(f32v[i] / f32w[i]));
    ROW3("binary32 sqrt", float32_sqrt(b32v[i], &s), bits_f(sqrtf(f32v[i])));
    ROW3("binary32 fma", float32_muladd(b32v[i], b32w[i], b32x[i], 0, &s),
         bits_f(fmaf(f32v[i], f32w[i], f32x[i])));
    ROW3("binary64 add", float64_add(b64v[i], b64w[i], &s), bits_d(f64v[i] + f64w[i]));
    ROW3("binary64 sub", float64_sub(b64v[i], b64w[i], &s), bits_d(f64v[i] - f64w[i]));
    ROW3("binary64 mul", float64_mul(b64v[i], b64w[i], &s), bits_d(f64v[i] * f64w[i]));
    ROW3("binary64 div", float64_div(b64v[i], b64w[i], &s), bits_d(f64v[i] / f64w[i]));
    ROW3("binary64 sqrt", float64_sqrt(b64v[i], &s), bits_d(sqrt(f64v[i])));
    ROW3("binary64 fma", float64_muladd(b64v[i], b64w[i], b64x[i], 0, &s),
         bits_d(fma(f64v[i], f64w[i], f64x[i])));
    ROW1("binary16 add", float16_add(b16v[i], b16w[i], &s));
    ROW1("binary16 mul", float16_mul(b16v[i], b16w[i], &s));
    ROW1("floatx80 add", floatx80_add(x80v[i], x80w[i], &s).low);
    ROW1("floatx80 mul", floatx80_mul(x80v[i], x80w[i], &s).low);
    ROW1("floatx80 div", floatx80_div(x80v[i], x80w[i], &s).low);
    ROW1("floatx80 sqrt", floatx80_sqrt(x80v[i], &s).low);
    ROW1("binary128 add", float128_add(q128v[i], q128w[i], &s).low);
    ROW1("binary128 mul", float128_mul(q128v[i], q128w[i], &s).low);
    ROW1("binary128 div", float128_div(q128v[i], q128w[i], &s).low);
    ROW1("binary128 sqrt", float128_sqrt(q128v[i], &s).low);
    ROW1("binary64 to int32", (uint64_t)float64_to_int32(b64v[i], &s));
    ROW1("int64 to binary64", int64_to_float64((int64_t)(b64v[i] >> 12), &s));
    return 0;
}
