/*
 * workloads.c — the user-mode benchmark programs, one per argument:
 * int, branchy, memory, float, indirect, syscall.  Built natively and for
 * armhf; lu-arm-bench runs both and reports the time ratios.  Each prints
 * a checksum so that the work cannot be optimised away and the two builds
 * can be seen to compute the same thing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t w_int(void)
{
    /* integer mix: multiply, shift, xor (an xorshift-multiply hash chain) */
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < 20000000; i++) {
        h ^= i;
        h *= 16777619u;
        h += h >> 13;
    }
    return h;
}

static uint64_t w_branchy(void)
{
    /* data-dependent branches: Collatz lengths */
    uint64_t total = 0;
    for (uint32_t n = 1; n < 300000; n++) {
        uint32_t x = n, steps = 0;
        while (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x >> 1;
            steps++;
        }
        total += steps;
    }
    return total;
}

static uint64_t w_memory(void)
{
    /* memcpy and a strided walk over 16 MiB */
    size_t n = 16u << 20;
    uint8_t *a = malloc(n), *b = malloc(n);
    for (size_t i = 0; i < n; i++) {
        a[i] = (uint8_t)(i * 7);
    }
    uint64_t s = 0;
    for (int r = 0; r < 4; r++) {
        memcpy(b, a, n);
        for (size_t i = r; i < n; i += 64) {
            s += b[i];
        }
    }
    free(a);
    free(b);
    return s;
}

static uint64_t w_float(void)
{
    /* double precision: a 96x96 matrix product, repeated */
    enum { N = 96 };
    static double x[N][N], y[N][N], z[N][N];
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            x[i][j] = (i + 1) * 0.5 + j * 0.25;
            y[i][j] = (i - j) * 0.125 + 1.0;
        }
    }
    for (int r = 0; r < 24; r++) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double acc = 0;
                for (int k = 0; k < N; k++) {
                    acc += x[i][k] * y[k][j];
                }
                z[i][j] = acc / (1.0 + r);
            }
        }
        x[r][r] = z[N - 1 - r][r] * 1e-6;
    }
    double s = 0;
    for (int i = 0; i < N; i++) {
        s += z[i][i];
    }
    return (uint64_t)(s * 1000);
}

typedef uint32_t (*op_fn)(uint32_t);
static uint32_t op0(uint32_t v) { return v + 3; }
static uint32_t op1(uint32_t v) { return v ^ 0x5a5a; }
static uint32_t op2(uint32_t v) { return v * 5; }
static uint32_t op3(uint32_t v) { return (v >> 1) | (v << 31); }

static uint64_t w_indirect(void)
{
    /* calls through a table, the index varying with the data */
    static op_fn volatile table[4] = { op0, op1, op2, op3 };
    uint32_t v = 1;
    for (uint32_t i = 0; i < 10000000; i++) {
        v = table[(v ^ i) & 3](v);
    }
    return v;
}

static uint64_t w_syscall(void)
{
    /* cheap system calls: the cost of entering and leaving the emulator */
    uint64_t s = 0;
    for (int i = 0; i < 200000; i++) {
        s += getppid() != 0;
    }
    return s;
}

static const struct {
    const char *name;
    uint64_t (*fn)(void);
} workloads[] = {
    { "int", w_int }, { "branchy", w_branchy }, { "memory", w_memory },
    { "float", w_float }, { "indirect", w_indirect }, { "syscall", w_syscall },
};

int main(int argc, char **argv)
{
    for (size_t i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
        if (argc > 1 && strcmp(argv[1], workloads[i].name) == 0) {
            printf("%s %llu\n", workloads[i].name, (unsigned long long)workloads[i].fn());
            return 0;
        }
    }
    fprintf(stderr, "usage: workloads int|branchy|memory|float|indirect|syscall\n");
    return 2;
}
