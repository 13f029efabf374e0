/*
 * The host fast path (fpu/fast.c) against the soft path, bit for bit with
 * flags: each fast function is called directly, and whenever it accepts an
 * operation its result and flags must equal the soft path's (use_host_fpu
 * off).  Operands are steered to the edges of its argument (results near the
 * 2^(emin+p+1) threshold, exact and inexact results, overflow), and the test
 * also requires the fast path to accept most ordinary operands, so a fast
 * path that silently declines everything fails too.
 */
#include "fpu-test.h"
#include "fpu/softfloat.h"

typedef enum { F_ADD, F_SUB, F_MUL, F_DIV, F_SQRT, F_FMA, F__COUNT } FOp;
static const char *const fop_names[] = { "add", "sub", "mul", "div", "sqrt", "fma" };

/* Mostly ordinary normals, sometimes near the threshold or the top of the range. */
static uint64_t gen_op(int w, int near)
{
    int bias = w == 32 ? 127 : 1023, emax = w == 32 ? 254 : 2046, p = w == 32 ? 24 : 53;
    int e;
    switch (rnd_range(0, 8)) {
    case 0: /* around the threshold 2^(emin + p + 1) */
        e = 1 + p + 1 + rnd_range(-3, 4) + (rnd_range(0, 2) ? 0 : p);
        break;
    case 1:
        e = emax - rnd_range(0, 3);
        break;
    case 2:
        return w == 32 ? gen32(near) : gen64(near);
    default:
        e = near + rnd_range(-(p + 3), p + 4);
        break;
    }
    e = e < 1 ? 1 : e > emax ? emax : e;
    (void)bias;
    int fb = p - 1;
    uint64_t f = (uint64_t)gen_frac(fb);
    return ((uint64_t)rnd_range(0, 2) << (w - 1)) | ((uint64_t)e << fb) | f;
}

static void run(int w, FOp op)
{
    char what[48];
    snprintf(what, sizeof(what), "binary%d fast %s", w, fop_names[op]);
    FpuTally t = { .what = what };
    long accepted = 0, ordinary = 0, ordinary_accepted = 0;
    int bias = w == 32 ? 127 : 1023;
    for (long i = 0; i < fpu_test_vectors; i++) {
        uint64_t a = gen_op(w, bias + rnd_range(-20, 21));
        int ea = (a >> (w == 32 ? 23 : 52)) & (w == 32 ? 0xff : 0x7ff);
        uint64_t b = gen_op(w, op == F_MUL || op == F_DIV ? bias + rnd_range(-20, 21) : ea);
        uint64_t c = gen_op(w, ea);
        uint32_t pre = (op == F_FMA || rnd_range(0, 2)) ? float_flag_inexact : 0;
        FloatStatus fs, ss;
        float_status_init(&fs, &float_nan_rules_x86_sse);
        fs.flags = pre;
        ss = fs;
        ss.use_host_fpu = false;
        uint64_t fr = 0, sr = 0;
        bool ok = false;
        if (w == 32) {
            float32 r = 0;
            switch (op) {
            case F_ADD: ok = float32_fast_add(a, b, &r, &fs); sr = float32_add(a, b, &ss); break;
            case F_SUB: ok = float32_fast_sub(a, b, &r, &fs); sr = float32_sub(a, b, &ss); break;
            case F_MUL: ok = float32_fast_mul(a, b, &r, &fs); sr = float32_mul(a, b, &ss); break;
            case F_DIV: ok = float32_fast_div(a, b, &r, &fs); sr = float32_div(a, b, &ss); break;
            case F_SQRT: ok = float32_fast_sqrt(a, &r, &fs); sr = float32_sqrt(a, &ss); break;
            case F_FMA:
                ok = float32_fast_muladd(a, b, c, 0, &r, &fs);
                sr = float32_muladd(a, b, c, 0, &ss);
                break;
            default: g_assert_not_reached();
            }
            fr = r;
        } else {
            float64 r = 0;
            switch (op) {
            case F_ADD: ok = float64_fast_add(a, b, &r, &fs); sr = float64_add(a, b, &ss); break;
            case F_SUB: ok = float64_fast_sub(a, b, &r, &fs); sr = float64_sub(a, b, &ss); break;
            case F_MUL: ok = float64_fast_mul(a, b, &r, &fs); sr = float64_mul(a, b, &ss); break;
            case F_DIV: ok = float64_fast_div(a, b, &r, &fs); sr = float64_div(a, b, &ss); break;
            case F_SQRT: ok = float64_fast_sqrt(a, &r, &fs); sr = float64_sqrt(a, &ss); break;
            case F_FMA:
                ok = float64_fast_muladd(a, b, c, 0, &r, &fs);
                sr = float64_muladd(a, b, c, 0, &ss);
                break;
            default: g_assert_not_reached();
            }
            fr = r;
        }
        /* "Ordinary": operands near 1.0, positive for sqrt. */
        int eb = (b >> (w == 32 ? 23 : 52)) & (w == 32 ? 0xff : 0x7ff);
        bool ord = abs(ea - bias) < 40 && abs(eb - bias) < 40 && (op != F_SQRT || !(a >> (w - 1)));
        ordinary += ord;
        if (!ok) {
            continue;
        }
        accepted++;
        ordinary_accepted += ord;
        t.checked++;
        if (fr != sr || fs.flags != ss.flags) {
            tally_fail(&t, "a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64 ": fast %#" PRIx64
                       " %#x, soft %#" PRIx64 " %#x", a, b, c, fr, fs.flags, sr, ss.flags);
        }
    }
    g_test_message("%s: fast path took %ld of %ld, %ld of %ld ordinary", what, accepted,
                   fpu_test_vectors, ordinary_accepted, ordinary);
    g_assert_cmpint(ordinary_accepted * 10, >=, ordinary * 9);
    tally_end(&t);
}

static void test_op(gconstpointer data)
{
    uintptr_t v = (uintptr_t)data;
    run(v >> 8, (FOp)(v & 0xff));
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    for (int w = 32; w <= 64; w += 32) {
        for (int op = 0; op < F__COUNT; op++) {
            char *path = g_strdup_printf("/fpu/fast/binary%d/%s", w, fop_names[op]);
            g_test_add_data_func(path, (gconstpointer)(uintptr_t)((w << 8) | op), test_op);
            g_free(path);
        }
    }
    return g_test_run();
}
