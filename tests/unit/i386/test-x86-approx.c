/*
 * test-x86-approx.c — RCPPS/RCPSS/RSQRTPS/RSQRTSS and their VEX forms
 * under emu and on the host CPU.  The manual gives a bound, not bits
 * (|relative error| <= 1.5 * 2^-12), and Intel and AMD parts differ, so
 * the differential test's exact comparison cannot hold them: here each
 * form runs over many inputs (random bit patterns, random normals, every
 * power of two, the boundaries around 2^-126 and 2^126, zeros, denormals,
 * infinities, quiet and signalling NaNs) and
 *   - every computed lane, emu's and the host's, is checked against the
 *     exact 1/x or 1/sqrt(x) (binary64 on the host's libm, an independent
 *     reference) within the bound, or against the manual's special case
 *     (+-inf for zeros and denormals, +-0 for infinities and flushed tiny
 *     reciprocals, the default QNaN for negative RSQRT inputs, NaNs
 *     quieted);
 *   - for the special cases emu and the host agree bit for bit;
 *   - every lane that is not computed (upper lanes of the SS forms, the
 *     upper YMM half, the source registers) and MXCSR equal the host's.
 * Needs an x86-64 host with AVX (the VEX forms and the YMM state); skips
 * otherwise.
 */
#include <glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "cpu.h"
#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"

#define BASE 0x400000ull
#define SIZE 0x10000ull
#define DATA (BASE + 0x8000)

static uint8_t *mem;
static X86CPU *cpu;

/* The instruction forms: code bytes (dest ymm0, register source ymm1, H ymm2, memory [rbx]). */
typedef struct ApproxForm {
    const char *name;
    uint8_t code[8];
    size_t len;
    bool rsqrt;
    int lanes;                     /* lanes computed: 1 (SS), 4, 8 (VEX.256) */
    bool vex;
} ApproxForm;

static const ApproxForm forms[] = {
    { "rcpps xmm0,xmm1", { 0x0f, 0x53, 0xc1 }, 3, false, 4, false },
    { "rcpps xmm0,[rbx]", { 0x0f, 0x53, 0x03 }, 3, false, 4, false },
    { "rcpss xmm0,xmm1", { 0xf3, 0x0f, 0x53, 0xc1 }, 4, false, 1, false },
    { "rcpss xmm0,[rbx]", { 0xf3, 0x0f, 0x53, 0x03 }, 4, false, 1, false },
    { "rsqrtps xmm0,xmm1", { 0x0f, 0x52, 0xc1 }, 3, true, 4, false },
    { "rsqrtps xmm0,[rbx]", { 0x0f, 0x52, 0x03 }, 3, true, 4, false },
    { "rsqrtss xmm0,xmm1", { 0xf3, 0x0f, 0x52, 0xc1 }, 4, true, 1, false },
    { "rsqrtss xmm0,[rbx]", { 0xf3, 0x0f, 0x52, 0x03 }, 4, true, 1, false },
    /* C5: R=1, vvvv=1111 (unused) or 1101 (xmm2), L, pp */
    { "vrcpps xmm0,xmm1", { 0xc5, 0xf8, 0x53, 0xc1 }, 4, false, 4, true },
    { "vrcpps ymm0,ymm1", { 0xc5, 0xfc, 0x53, 0xc1 }, 4, false, 8, true },
    { "vrcpps ymm0,[rbx]", { 0xc5, 0xfc, 0x53, 0x03 }, 4, false, 8, true },
    { "vrcpss xmm0,xmm2,xmm1", { 0xc5, 0xea, 0x53, 0xc1 }, 4, false, 1, true },
    { "vrcpss xmm0,xmm2,[rbx]", { 0xc5, 0xea, 0x53, 0x03 }, 4, false, 1, true },
    { "vrsqrtps xmm0,xmm1", { 0xc5, 0xf8, 0x52, 0xc1 }, 4, true, 4, true },
    { "vrsqrtps ymm0,ymm1", { 0xc5, 0xfc, 0x52, 0xc1 }, 4, true, 8, true },
    { "vrsqrtps ymm0,[rbx]", { 0xc5, 0xfc, 0x52, 0x03 }, 4, true, 8, true },
    { "vrsqrtss xmm0,xmm2,xmm1", { 0xc5, 0xea, 0x52, 0xc1 }, 4, true, 1, true },
    { "vrsqrtss xmm0,xmm2,[rbx]", { 0xc5, 0xea, 0x52, 0x03 }, 4, true, 1, true },
};

/* ymm0, ymm1, ymm2 as 8 binary32 lanes each, and the 32 bytes at [rbx] */
typedef struct ApproxState {
    uint32_t y[3][8];
    uint32_t m[8];
    uint32_t mxcsr;
} ApproxState;

/* ---- the host ------------------------------------------------------------------------- */

#define HOST_RUN(insn)                                                                    \
    __asm__ volatile("stmxcsr 104(%0)\n\t"                                                \
                     "ldmxcsr 100(%0)\n\t"                                                \
                     "vmovdqu 0(%0), %%ymm0\n\t"                                          \
                     "vmovdqu 32(%0), %%ymm1\n\t"                                         \
                     "vmovdqu 64(%0), %%ymm2\n\t"                                         \
                     insn "\n\t"                                                          \
                     "vmovdqu %%ymm0, 0(%0)\n\t"                                          \
                     "vmovdqu %%ymm1, 32(%0)\n\t"                                         \
                     "vmovdqu %%ymm2, 64(%0)\n\t"                                         \
                     "stmxcsr 100(%0)\n\t"                                                \
                     "ldmxcsr 104(%0)\n\t"                                                \
                     "vzeroupper"                                                         \
                     : : "r"(buf), "b"(st->m) : "xmm0", "xmm1", "xmm2", "memory")

static void host_run(int form, ApproxState *st)
{
    /* 0..95 the registers, 100 MXCSR in and out, 104 the harness's MXCSR */
    uint32_t buf[27];
    memcpy(buf, st->y, 96);
    buf[25] = st->mxcsr;
    switch (form) {
    case 0: HOST_RUN("rcpps %%xmm1, %%xmm0"); break;
    case 1: HOST_RUN("rcpps (%%rbx), %%xmm0"); break;
    case 2: HOST_RUN("rcpss %%xmm1, %%xmm0"); break;
    case 3: HOST_RUN("rcpss (%%rbx), %%xmm0"); break;
    case 4: HOST_RUN("rsqrtps %%xmm1, %%xmm0"); break;
    case 5: HOST_RUN("rsqrtps (%%rbx), %%xmm0"); break;
    case 6: HOST_RUN("rsqrtss %%xmm1, %%xmm0"); break;
    case 7: HOST_RUN("rsqrtss (%%rbx), %%xmm0"); break;
    case 8: HOST_RUN("vrcpps %%xmm1, %%xmm0"); break;
    case 9: HOST_RUN("vrcpps %%ymm1, %%ymm0"); break;
    case 10: HOST_RUN("vrcpps (%%rbx), %%ymm0"); break;
    case 11: HOST_RUN("vrcpss %%xmm1, %%xmm2, %%xmm0"); break;
    case 12: HOST_RUN("vrcpss (%%rbx), %%xmm2, %%xmm0"); break;
    case 13: HOST_RUN("vrsqrtps %%xmm1, %%xmm0"); break;
    case 14: HOST_RUN("vrsqrtps %%ymm1, %%ymm0"); break;
    case 15: HOST_RUN("vrsqrtps (%%rbx), %%ymm0"); break;
    case 16: HOST_RUN("vrsqrtss %%xmm1, %%xmm2, %%xmm0"); break;
    case 17: HOST_RUN("vrsqrtss (%%rbx), %%xmm2, %%xmm0"); break;
    default: g_assert_not_reached();
    }
    memcpy(st->y, buf, 96);
    st->mxcsr = buf[25];
}

/* ---- emu ------------------------------------------------------------------------------ */

static void emu_setup(void)
{
    mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(mem != MAP_FAILED);
    guest_base = (uintptr_t)mem - BASE;
    tcg_exec_init(0, false, &error_fatal);
    /* the first CPU registers the front end, whose page flags then cover the memory */
    cpu = i386_cpu_new(i386_cpu_model_find("Haswell"), true);
    page_set_flags(BASE, BASE + SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
}

/* Each form's code at its own 64 bytes, so the TBs stay valid across runs. */
static void emu_load_code(void)
{
    for (size_t f = 0; f < G_N_ELEMENTS(forms); f++) {
        memcpy(mem + 64 * f, forms[f].code, forms[f].len);
    }
    tb_invalidate_phys_range(BASE, BASE + 0x1000);
}

static void emu_run(int form, ApproxState *st)
{
    CPUArchState *env = &cpu->env;
    uint64_t pc = BASE + 64 * form, end = pc + forms[form].len;
    for (int r = 0; r < 3; r++) {
        memcpy(env->xmm_regs[r].b, st->y[r], 32);
    }
    memcpy(mem + (DATA - BASE), st->m, 32);
    i386_set_mxcsr(env, st->mxcsr);
    env->regs[R_EBX] = DATA;
    env->eip = pc;
    cpu_breakpoint_insert(&cpu->parent, end);
    int r;
    do {
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);
    cpu_breakpoint_remove(&cpu->parent, end);
    g_assert_cmpint(r, ==, EXCP_DEBUG);
    g_assert_cmphex(env->eip, ==, end);
    for (int i = 0; i < 3; i++) {
        memcpy(st->y[i], env->xmm_regs[i].b, 32);
    }
    st->mxcsr = i386_get_mxcsr(env);
}

/* ---- the reference -------------------------------------------------------------------- */

static float f32(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}

typedef enum { CLS_NAN, CLS_INF_OUT, CLS_ZERO_OUT, CLS_DEFNAN, CLS_BOUND } LaneClass;

/*
 * What the manual says about one lane: a special result (exact bits expected from both
 * and equal between them), or the bound against *exact.  *tiny: a reciprocal close enough to
 * 2^-126 that the hardware's approximation may fall below it and be flushed.
 */
static LaneClass lane_class(bool rsqrt, uint32_t x, double *exact, bool *tiny)
{
    bool neg = x >> 31;
    uint32_t e = (x >> 23) & 0xff, frac = x & 0x7fffff;
    *tiny = false;
    if (e == 0xff && frac) {
        return CLS_NAN;
    }
    if (e == 0) {
        return CLS_INF_OUT;
    }
    if (rsqrt && neg) {
        return CLS_DEFNAN;
    }
    if (e == 0xff) {
        return CLS_ZERO_OUT;
    }
    double v = fabs((double)f32(x));
    *exact = rsqrt ? 1.0 / sqrt(v) : 1.0 / v;
    if (!rsqrt && *exact < ldexp(1.0, -126)) {
        return CLS_ZERO_OUT;
    }
    *tiny = !rsqrt && *exact < ldexp(1.0 + 1.5 / 4096, -126);
    return CLS_BOUND;
}

/* Check one computed lane y = op(x); on failure describe it into why. */
static bool lane_ok(bool rsqrt, uint32_t x, uint32_t y, GString *why, const char *who)
{
    double exact = 0;
    bool tiny;
    uint32_t sign = x & 0x80000000u;
    bool ok;
    switch (lane_class(rsqrt, x, &exact, &tiny)) {
    case CLS_NAN:
        ok = y == (x | 0x00400000u);
        break;
    case CLS_INF_OUT:
        ok = y == (sign | 0x7f800000u);
        break;
    case CLS_DEFNAN:
        ok = y == 0xffc00000u;
        break;
    case CLS_ZERO_OUT:
        ok = y == sign;
        break;
    default:
        if (tiny && y == sign) {
            ok = true;
            break;
        }
        ok = (y & 0x80000000u) == sign && ((y >> 23) & 0xff) != 0xff &&
             fabs(fabs((double)f32(y)) - exact) <= 1.5 / 4096 * exact;
        break;
    }
    if (!ok) {
        g_string_append_printf(why, "%s: %s(%08x = %g) = %08x (%g), exact %.9g\n", who,
                               rsqrt ? "rsqrt" : "rcp", x, f32(x), y, f32(y), exact);
    }
    return ok;
}

/* ---- inputs --------------------------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const uint32_t specials[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc12345,
    0x7f800001, 0xff812345, 0x7fbfffff, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
    0x00400000, 0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff, 0x7f000000,
    0x7e800000, 0xfe800000, 0x7e800001, 0x7e7fffff, 0xfe7fffff, 0x7e7ff000, 0x7e7ffc00,
    0x3f800000, 0xbf800000, 0x3f800001, 0x3fffffff, 0x40000000, 0x40800000, 0x3f7fffff,
};

/* the n-th input of the sequence: specials, every power of two of both signs, then random */
static uint32_t input(unsigned n)
{
    if (n < G_N_ELEMENTS(specials)) {
        return specials[n];
    }
    n -= G_N_ELEMENTS(specials);
    if (n < 2 * 256) {
        return (n & 1) << 31 | (n / 2) << 23;
    }
    uint32_t r = rnd32();
    switch (r & 3) {
    case 0:
        return rnd32();                                    /* any bit pattern */
    case 1:
        return (rnd32() & 0x807fffff) | (1 + rnd32() % 254) << 23;    /* a normal */
    case 2:
        return (rnd32() & 0x007fffff) | (1 + rnd32() % 254) << 23;    /* a positive normal */
    default:
        return (rnd32() & 0x807fffff) | (252 + (rnd32() & 1)) << 23;  /* near 2^+-126 */
    }
}

#define NINPUTS 6000

static void test_form(gconstpointer p)
{
    int f = GPOINTER_TO_INT(p);
    const ApproxForm *fm = &forms[f];
    bool mem_src = (fm->code[fm->len - 1] & 0xc0) != 0xc0;
    unsigned bad = 0, n = 0;
    GString *why = g_string_new(NULL);

    while (n < NINPUTS) {
        ApproxState in, host, emu;
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 8; i++) {
                in.y[r][i] = rnd32();
            }
        }
        for (int i = 0; i < 8; i++) {
            in.m[i] = rnd32();
        }
        uint32_t *src = mem_src ? in.m : in.y[1];
        for (int i = 0; i < fm->lanes; i++) {
            src[i] = input(n++);
        }
        in.mxcsr = 0x1f80;
        host = in;
        emu = in;
        host_run(f, &host);
        emu_run(f, &emu);

        for (int i = 0; i < 8; i++) {
            if (i < fm->lanes) {
                bool h = lane_ok(fm->rsqrt, src[i], host.y[0][i], why, "host");
                bool e = lane_ok(fm->rsqrt, src[i], emu.y[0][i], why, "emu");
                double ex;
                bool tiny;
                if (lane_class(fm->rsqrt, src[i], &ex, &tiny) != CLS_BOUND &&
                    host.y[0][i] != emu.y[0][i]) {
                    g_string_append_printf(why, "special %08x: host %08x emu %08x\n", src[i],
                                           host.y[0][i], emu.y[0][i]);
                    e = false;
                }
                bad += !h || !e;
            } else if (host.y[0][i] != emu.y[0][i]) {
                g_string_append_printf(why, "lane %d not computed: host %08x emu %08x (in %08x)\n",
                                       i, host.y[0][i], emu.y[0][i], in.y[0][i]);
                bad++;
            }
        }
        if (memcmp(host.y[1], emu.y[1], 64)) {
            g_string_append(why, "ymm1/ymm2 differ\n");
            bad++;
        }
        if (host.mxcsr != emu.mxcsr || emu.mxcsr != 0x1f80) {
            g_string_append_printf(why, "mxcsr: host %#x emu %#x\n", host.mxcsr, emu.mxcsr);
            bad++;
        }
        if (bad > 10) {
            break;
        }
    }
    if (bad) {
        g_test_message("%s: %u bad lanes\n%s", fm->name, bad, why->str);
        g_test_fail();
    }
    g_string_free(why, true);
}

static void skip_no_avx(void)
{
    g_test_skip("the host CPU has no AVX (the reference of the VEX forms and the YMM state)");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!__builtin_cpu_supports("avx")) {
        g_test_add_func("/x86-approx/skip", skip_no_avx);
        return g_test_run();
    }
    emu_setup();
    emu_load_code();
    for (size_t f = 0; f < G_N_ELEMENTS(forms); f++) {
        char *path = g_strdup_printf("/x86-approx/%s", forms[f].name);
        g_test_add_data_func(path, GINT_TO_POINTER((int)f), test_form);
        g_free(path);
    }
    return g_test_run();
}
