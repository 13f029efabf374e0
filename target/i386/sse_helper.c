/*
 * sse_helper.c — SSE through SSE4.2 operations on XMM registers, in C.
 * Floating point goes through fpu/ with env->sse_status (MXCSR rounding,
 * DAZ/FZ, sticky flags folded into MXCSR by i386_get_mxcsr).
 *
 * Every operation has the shape
 *     void op(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
 * with d the destination (and first source), s the second source (a register
 * or env->xmm_t0 holding a memory operand) and imm the immediate byte.  The
 * result is built in a local copy so that d == s works, and only the low
 * 128 bits are written (legacy SSE leaves the upper YMM half alone).
 *
 * SSE_OP(name) { body } defines the function (arguments d, s, imm, and r,
 * the result, initialised to *d) and its TCGHelperInfo i386_sse_<name>.
 */
#include "cpu.h"

#include <string.h>

#include "exec/cpu-exec.h"
#include "helper.h"
#include "sse_helper.h"
#include "util/bitops.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define SSE_OP(opn)                                                                     \
    static void sse_##opn##_body(CPUArchState *env, X86Reg *r, const X86Reg *d,         \
                                  const X86Reg *s, uint32_t imm);                        \
    static void sse_##opn(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)  \
    {                                                                                    \
        X86Reg r = *d, sc = *s;                                                          \
        sse_##opn##_body(env, &r, d, &sc, imm);                                         \
        memcpy(d, &r, 16);                                                               \
    }                                                                                    \
    SSE_OP_INFO(opn, sse_##opn)                                                          \
    static void sse_##opn##_body(CPUArchState *env, X86Reg *r, const X86Reg *d,         \
                                  const X86Reg *s, uint32_t imm)
#define SSE_OP_INFO(opn, fn)                                                            \
    const TCGHelperInfo i386_sse_##opn = {                                              \
        .func = (void *)fn, .name = "sse_" #opn, .flags = TCG_CALL_NO_RWG,             \
        .ret = TCG_CALL_TYPE_VOID, .nargs = 4,                                           \
        .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR,               \
                  TCG_CALL_TYPE_I32 },                                                   \
    };
/*
 * The same with a statement `first` that may finish the operation (and return) before the
 * copies: see FP_ARITH_HOST.  The rest is a function of its own, so that the common case
 * pays neither its stack frame nor its saved registers.
 */
#define SSE_OP_FIRST(opn, first)                                                        \
    static void sse_##opn##_body(CPUArchState *env, X86Reg *r, const X86Reg *d,         \
                                  const X86Reg *s, uint32_t imm);                        \
    static __attribute__((noinline)) void sse_##opn##_rest(CPUArchState *env, X86Reg *d, \
                                                          const X86Reg *s, uint32_t imm) \
    {                                                                                    \
        X86Reg r = *d, sc = *s;                                                          \
        sse_##opn##_body(env, &r, d, &sc, imm);                                         \
        memcpy(d, &r, 16);                                                               \
    }                                                                                    \
    static void sse_##opn##_first(CPUArchState *env, X86Reg *d, const X86Reg *s,        \
                                  uint32_t imm)                                          \
    {                                                                                    \
        first;                                                                           \
        sse_##opn##_rest(env, d, s, imm);                                               \
    }                                                                                    \
    SSE_OP_INFO(opn, sse_##opn##_first)                                                  \
    static void sse_##opn##_body(CPUArchState *env, X86Reg *r, const X86Reg *d,         \
                                  const X86Reg *s, uint32_t imm)

#define ST (&env->sse_status)

/*
 * SSE_HOST_INT(fn): on a host with SSE2, an integer body's first statement, doing the whole
 * operation with the host's own instruction (fn, an <emmintrin.h> intrinsic taking the
 * destination and the source) and returning; these are the byte/word packs and unpacks that
 * vectorised loops run, whose lane loops cost tens of host instructions per call.
 */
#if defined(__SSE2__)
#define SSE_HOST_INT(fn)                                                                  \
    {                                                                                     \
        _mm_storeu_si128((__m128i *)r, fn(_mm_loadu_si128((const __m128i *)d),           \
                                          _mm_loadu_si128((const __m128i *)s)));          \
        return;                                                                           \
    }
#else
#define SSE_HOST_INT(fn)
#endif

/* ---- floating-point arithmetic ------------------------------------------------------ */

/* MXCSR.DAZ: MINPS/MAXPS return the operand as read, i.e. a denormal becomes a signed zero */
static float32 f32_daz(float32 a, FloatStatus *st)
{
    return st->flush_inputs_to_zero && (a & 0x7f800000) == 0 ? a & 0x80000000 : a;
}
static float64 f64_daz(float64 a, FloatStatus *st)
{
    return st->flush_inputs_to_zero && (a & 0x7ff0000000000000ull) == 0
           ? a & 0x8000000000000000ull : a;
}
static float32 f32_min(float32 a, float32 b, FloatStatus *st)
{
    /* MINPS: the second operand unless a < b (NaNs and equal zeros give b) */
    return float32_lt(a, b, st) ? f32_daz(a, st) : f32_daz(b, st);
}
static float32 f32_max(float32 a, float32 b, FloatStatus *st)
{
    return float32_lt(b, a, st) ? f32_daz(a, st) : f32_daz(b, st);
}
static float64 f64_min(float64 a, float64 b, FloatStatus *st)
{
    return float64_lt(a, b, st) ? f64_daz(a, st) : f64_daz(b, st);
}
static float64 f64_max(float64 a, float64 b, FloatStatus *st)
{
    return float64_lt(b, a, st) ? f64_daz(a, st) : f64_daz(b, st);
}
static float32 f32_sqrt(float32 a, float32 b, FloatStatus *st)
{
    return float32_sqrt(b, st);
}
static float64 f64_sqrt(float64 a, float64 b, FloatStatus *st)
{
    return float64_sqrt(b, st);
}

/*
 * One lane of an arithmetic operation with x86's exception priorities: a
 * lane that is invalid, divides by zero or has a NaN operand does not also
 * report a denormal operand (SDM vol. 1, 11.5.2: only the highest-priority
 * pre-computation exception of a lane is signalled).  The lane starts with
 * only the inexact flag of the earlier ones: it is sticky and decides
 * nothing here, and fpu/'s host fast path skips its inexact residual
 * (most of its cost) once it is set.
 */
static uint32_t lane_flags(uint32_t f, bool nan_operand)
{
    if ((f & (float_flag_invalid | float_flag_divbyzero)) || nan_operand) {
        f &= ~float_flag_input_denormal;
    }
    return f;
}
static float32 lane32(CPUArchState *env, float32 (*fn)(float32, float32, FloatStatus *),
                      float32 a, float32 b, bool unary)
{
    uint32_t saved = ST->flags;
    ST->flags = saved & float_flag_inexact;
    float32 r = fn(a, b, ST);
    ST->flags = saved | lane_flags(ST->flags, (!unary && float32_is_nan(a)) || float32_is_nan(b));
    return r;
}
static float64 lane64(CPUArchState *env, float64 (*fn)(float64, float64, FloatStatus *),
                      float64 a, float64 b, bool unary)
{
    uint32_t saved = ST->flags;
    ST->flags = saved & float_flag_inexact;
    float64 r = fn(a, b, ST);
    ST->flags = saved | lane_flags(ST->flags, (!unary && float64_is_nan(a)) || float64_is_nan(b));
    return r;
}

#if defined(__x86_64__)
/*
 * On an x86-64 host ADD/SUB/MUL/DIV PS/PD/SS/SD run as the host's own
 * instruction under the guest's MXCSR controls (rounding, DAZ, FZ), with
 * the host MXCSR's six flags as the result flags: the same instruction on
 * the same kind of hardware, so results and flags are the hardware's by
 * construction.  Only when every guest exception is masked (an unmasked
 * one traps before writing, which the lane path models).  r holds d, so
 * the scalar forms keep the upper lanes as the hardware does.
 *
 * LDMXCSR is slow (it serialises MXCSR renaming), so the common case loads
 * nothing: when the guest's controls are the host's default (0x1f80, what
 * the emulator's own C code runs under, so leaving them loaded disturbs
 * nothing) the operation runs under whatever the host MXCSR holds, read
 * before and after in the same asm.  The result stands when the host held
 * the default controls and only flags the guest has already raised (its
 * flags are sticky, so OR-ing the host's flags after the operation then
 * adds exactly what the operation raised); in a long computation the host
 * and the guest both hold just PE.  Otherwise (the guest cleared its flags,
 * the emulator's own float code raised one) the operation is redone after
 * an LDMXCSR of the default with no flags, which makes the next one fast
 * again.  Other guest controls load them and restore the host's MXCSR
 * around the one operation.  No state outside the host MXCSR itself is
 * trusted, so signals, threads, LDMXCSR/FXRSTOR/XRSTOR need no bookkeeping.
 */
#define SSE_HOST_DEFAULT 0x1f80u
#define HF(m) (((m) & 0x01 ? float_flag_invalid : 0) | ((m) & 0x02 ? float_flag_input_denormal : 0) | \
               ((m) & 0x04 ? float_flag_divbyzero : 0) | ((m) & 0x08 ? float_flag_overflow : 0) |     \
               ((m) & 0x10 ? float_flag_underflow : 0) | ((m) & 0x20 ? float_flag_inexact : 0))
#define HF4(m) HF(m), HF((m) + 1), HF((m) + 2), HF((m) + 3)
#define HF16(m) HF4(m), HF4((m) + 4), HF4((m) + 8), HF4((m) + 12)
/* the host MXCSR's flag bits 5:0 as float_flag_* bits */
static const uint8_t sse_host_flags[64] = { HF16(0), HF16(16), HF16(32), HF16(48) };
#undef HF16
#undef HF4
#undef HF

#define SSE_HOST_ASM(insn, pre, post, ...)                                                \
    __asm__ volatile(pre                                                                  \
                     "movdqu %[r], %%xmm0\n\t"                                            \
                     "movdqu %[s], %%xmm1\n\t"                                            \
                     insn " %%xmm1, %%xmm0\n\t"                                           \
                     "movdqu %%xmm0, %[r]\n\t"                                            \
                     "stmxcsr %[out]\n\t"                                                \
                     post                                                                 \
                     : [r] "+m"(*r), [out] "=m"(out), __VA_ARGS__                         \
                     : [s] "m"(*s), [cw] "m"(cw)                                          \
                     : "xmm0", "xmm1")
#define SSE_HOST_OP(insn)                                                                 \
    if ((env->mxcsr & 0x1f80) == 0x1f80) {                                                \
        uint32_t cw = env->mxcsr & 0xffc0, before, out, save;                             \
        if (cw == SSE_HOST_DEFAULT) {                                                     \
            SSE_HOST_ASM(insn, "stmxcsr %[before]\n\t", "", [before] "=m"(before));       \
            if ((before & ~0x3fu) == SSE_HOST_DEFAULT &&                                  \
                !(sse_host_flags[before & 0x3f] & ~ST->flags)) {                          \
                ST->flags |= sse_host_flags[out & 0x3f];                                  \
                return;                                                                   \
            }                                                                             \
            *r = *d;                                                                      \
            SSE_HOST_ASM(insn, "ldmxcsr %[cw]\n\t", "", [before] "=m"(before));           \
        } else {                                                                          \
            SSE_HOST_ASM(insn, "stmxcsr %[save]\n\tldmxcsr %[cw]\n\t",                    \
                         "ldmxcsr %[save]", [save] "=m"(save));                           \
        }                                                                                 \
        ST->flags |= sse_host_flags[out & 0x3f];                                          \
        return;                                                                           \
    }
#else
#define SSE_HOST_OP(insn)
#endif

/* packed and scalar forms of a binary operation fn32/fn64 (unary: only the second operand) */
#define FP_ARITH(nm, fn32, fn64, un)                                                      \
    SSE_OP(nm##ps)                                                                        \
    {                                                                                     \
        for (int i = 0; i < 4; i++) r->f[i] = lane32(env, fn32, d->f[i], s->f[i], un);    \
    }                                                                                     \
    SSE_OP(nm##pd)                                                                        \
    {                                                                                     \
        for (int i = 0; i < 2; i++) r->d[i] = lane64(env, fn64, d->d[i], s->d[i], un);    \
    }                                                                                     \
    SSE_OP(nm##ss) { r->f[0] = lane32(env, fn32, d->f[0], s->f[0], un); }                 \
    SSE_OP(nm##sd) { r->d[0] = lane64(env, fn64, d->d[0], s->d[0], un); }
/*
 * The lanes of d op s through fpu/'s inline host fast path (softfloat-fast.h: the host's
 * own operation in its default rounding, used only where no flag but inexact can arise,
 * inexact then decided exactly), all of them or none: true with d written when every lane
 * took it.  It reads and writes the lanes as 4- and 8-byte fields, the width the inline
 * moves around them use, so no 16-byte access waits on a narrower store being forwarded;
 * and it never touches the host MXCSR.  With the guest's exceptions all masked and its
 * rounding to nearest (the fast path checks that) DAZ, FZ and DE cannot matter: every
 * operand is normal or zero and every result far from the subnormal range.
 */
#define SSE_FAST_LANE(fld, fast, i) fast(d->fld[i], s->fld[i], &r##i, ST)
#define SSE_FAST_LANES1(fld, FT, fast)                                                    \
    FT r0;                                                                                \
    if ((env->mxcsr & 0x1f80) == 0x1f80 && SSE_FAST_LANE(fld, fast, 0)) {                 \
        d->fld[0] = r0;                                                                   \
        return;                                                                           \
    }
/* (scalars, not an array indexed in a loop: the compiler then passed the results through
   the stack and read them back as one 16-byte load, the stall this path is here to avoid) */
#define SSE_FAST_LANES2(fld, FT, fast)                                                    \
    FT r0, r1;                                                                            \
    if ((env->mxcsr & 0x1f80) == 0x1f80 && SSE_FAST_LANE(fld, fast, 0) &&                 \
        SSE_FAST_LANE(fld, fast, 1)) {                                                    \
        d->fld[0] = r0;                                                                   \
        d->fld[1] = r1;                                                                   \
        return;                                                                           \
    }
#define SSE_FAST_LANES4(fld, FT, fast)                                                    \
    FT r0, r1, r2, r3;                                                                    \
    if ((env->mxcsr & 0x1f80) == 0x1f80 && SSE_FAST_LANE(fld, fast, 0) &&                 \
        SSE_FAST_LANE(fld, fast, 1) && SSE_FAST_LANE(fld, fast, 2) &&                     \
        SSE_FAST_LANE(fld, fast, 3)) {                                                    \
        d->fld[0] = r0;                                                                   \
        d->fld[1] = r1;                                                                   \
        d->fld[2] = r2;                                                                   \
        d->fld[3] = r3;                                                                   \
        return;                                                                           \
    }
/* the same, trying fpu/'s fast path and then the host instruction */
#define FP_ARITH_HOST(nm, fn32, fn64)                                                     \
    SSE_OP_FIRST(nm##ps, SSE_FAST_LANES4(f, float32, float32_fast_##nm))                \
    {                                                                                     \
        SSE_HOST_OP(#nm "ps")                                                             \
        for (int i = 0; i < 4; i++) r->f[i] = lane32(env, fn32, d->f[i], s->f[i], false); \
    }                                                                                     \
    SSE_OP_FIRST(nm##pd, SSE_FAST_LANES2(d, float64, float64_fast_##nm))                \
    {                                                                                     \
        SSE_HOST_OP(#nm "pd")                                                             \
        for (int i = 0; i < 2; i++) r->d[i] = lane64(env, fn64, d->d[i], s->d[i], false); \
    }                                                                                     \
    SSE_OP_FIRST(nm##ss, SSE_FAST_LANES1(f, float32, float32_fast_##nm))                \
    {                                                                                     \
        SSE_HOST_OP(#nm "ss")                                                             \
        r->f[0] = lane32(env, fn32, d->f[0], s->f[0], false);                             \
    }                                                                                     \
    SSE_OP_FIRST(nm##sd, SSE_FAST_LANES1(d, float64, float64_fast_##nm))                \
    {                                                                                     \
        SSE_HOST_OP(#nm "sd")                                                             \
        r->d[0] = lane64(env, fn64, d->d[0], s->d[0], false);                             \
    }
FP_ARITH_HOST(add, float32_add, float64_add)
FP_ARITH_HOST(sub, float32_sub, float64_sub)
FP_ARITH_HOST(mul, float32_mul, float64_mul)
FP_ARITH_HOST(div, float32_div, float64_div)
FP_ARITH(min, f32_min, f64_min, false)
FP_ARITH(max, f32_max, f64_max, false)
FP_ARITH(sqrt, f32_sqrt, f64_sqrt, true)

/* CMPPS predicates 0-7: EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD (LT/LE signal on QNaN). */
static bool cmp_pred(FloatRelation rel, int pred)
{
    switch (pred & 7) {
    case 0: return rel == float_relation_equal;
    case 1: return rel == float_relation_less;
    case 2: return rel == float_relation_less || rel == float_relation_equal;
    case 3: return rel == float_relation_unordered;
    case 4: return rel != float_relation_equal;
    case 5: return rel != float_relation_less;
    case 6: return !(rel == float_relation_less || rel == float_relation_equal);
    default: return rel != float_relation_unordered;
    }
}
static uint32_t cmp32(float32 a, float32 b, int pred, FloatStatus *st)
{
    bool sig = (pred & 3) == 1 || (pred & 3) == 2;
    FloatRelation rel = sig ? float32_compare(a, b, st) : float32_compare_quiet(a, b, st);
    return cmp_pred(rel, pred) ? ~0u : 0;
}
static uint64_t cmp64(float64 a, float64 b, int pred, FloatStatus *st)
{
    bool sig = (pred & 3) == 1 || (pred & 3) == 2;
    FloatRelation rel = sig ? float64_compare(a, b, st) : float64_compare_quiet(a, b, st);
    return cmp_pred(rel, pred) ? ~0ull : 0;
}
SSE_OP(cmpps) { for (int i = 0; i < 4; i++) r->l[i] = cmp32(d->f[i], s->f[i], imm, ST); }
SSE_OP(cmppd) { for (int i = 0; i < 2; i++) r->q[i] = cmp64(d->d[i], s->d[i], imm, ST); }
SSE_OP(cmpss) { r->l[0] = cmp32(d->f[0], s->f[0], imm, ST); }
SSE_OP(cmpsd) { r->q[0] = cmp64(d->d[0], s->d[0], imm, ST); }

SSE_OP(haddps)
{
    r->f[0] = lane32(env, float32_add, d->f[0], d->f[1], false);
    r->f[1] = lane32(env, float32_add, d->f[2], d->f[3], false);
    r->f[2] = lane32(env, float32_add, s->f[0], s->f[1], false);
    r->f[3] = lane32(env, float32_add, s->f[2], s->f[3], false);
}
SSE_OP(haddpd)
{
    r->d[0] = lane64(env, float64_add, d->d[0], d->d[1], false);
    r->d[1] = lane64(env, float64_add, s->d[0], s->d[1], false);
}
SSE_OP(hsubps)
{
    r->f[0] = lane32(env, float32_sub, d->f[0], d->f[1], false);
    r->f[1] = lane32(env, float32_sub, d->f[2], d->f[3], false);
    r->f[2] = lane32(env, float32_sub, s->f[0], s->f[1], false);
    r->f[3] = lane32(env, float32_sub, s->f[2], s->f[3], false);
}
SSE_OP(hsubpd)
{
    r->d[0] = lane64(env, float64_sub, d->d[0], d->d[1], false);
    r->d[1] = lane64(env, float64_sub, s->d[0], s->d[1], false);
}
/*
 * DPPS/DPPD as the SDM's pseudocode: the products imm[7:4] (DPPD: imm[5:4]) selects, the
 * others +0.0 without a multiply, then the pairwise sums, each step rounded with its own
 * flags; the sum goes to the lanes imm[3:0] (DPPD: imm[1:0]) selects, +0.0 elsewhere.
 */
SSE_OP(dpps)
{
    float32 p[4];
    for (int i = 0; i < 4; i++) {
        p[i] = imm & (0x10 << i) ? lane32(env, float32_mul, d->f[i], s->f[i], false) : 0;
    }
    float32 lo = lane32(env, float32_add, p[0], p[1], false);
    float32 hi = lane32(env, float32_add, p[2], p[3], false);
    float32 sum = lane32(env, float32_add, lo, hi, false);
    for (int i = 0; i < 4; i++) {
        r->f[i] = imm & (1 << i) ? sum : 0;
    }
}
SSE_OP(dppd)
{
    float64 p[2];
    for (int i = 0; i < 2; i++) {
        p[i] = imm & (0x10 << i) ? lane64(env, float64_mul, d->d[i], s->d[i], false) : 0;
    }
    float64 sum = lane64(env, float64_add, p[0], p[1], false);
    for (int i = 0; i < 2; i++) {
        r->d[i] = imm & (1 << i) ? sum : 0;
    }
}
SSE_OP(addsubps)
{
    for (int i = 0; i < 4; i++) {
        r->f[i] = lane32(env, i & 1 ? float32_add : float32_sub, d->f[i], s->f[i], false);
    }
}
SSE_OP(addsubpd)
{
    r->d[0] = lane64(env, float64_sub, d->d[0], s->d[0], false);
    r->d[1] = lane64(env, float64_add, d->d[1], s->d[1], false);
}

/* ROUNDPS imm: bits 0-1 the mode unless bit 2 (MXCSR), bit 3 suppresses inexact. */
static void round_begin(CPUArchState *env, uint32_t imm, FloatRoundMode *old, uint32_t *flags)
{
    static const FloatRoundMode modes[4] = {
        float_round_nearest_even, float_round_down, float_round_up, float_round_to_zero,
    };
    *old = env->sse_status.rounding_mode;
    *flags = env->sse_status.flags;
    if (!(imm & 4)) {
        env->sse_status.rounding_mode = modes[imm & 3];
    }
}
/* ROUND* report invalid (SNaN) and precision only: a denormal operand is not DE here */
static void round_end(CPUArchState *env, uint32_t imm, FloatRoundMode old, uint32_t flags)
{
    uint32_t keep = float_flag_input_denormal | (imm & 8 ? float_flag_inexact : 0);
    env->sse_status.rounding_mode = old;
    env->sse_status.flags = (env->sse_status.flags & ~keep) | (flags & keep);
}
#define ROUND_OP(nm, body)                                                                \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        FloatRoundMode old;                                                               \
        uint32_t fl;                                                                      \
        round_begin(env, imm, &old, &fl);                                                 \
        body;                                                                             \
        round_end(env, imm, old, fl);                                                     \
    }
ROUND_OP(roundps, for (int i = 0; i < 4; i++) r->f[i] = float32_round_to_int_exact(s->f[i], ST))
ROUND_OP(roundpd, for (int i = 0; i < 2; i++) r->d[i] = float64_round_to_int_exact(s->d[i], ST))
ROUND_OP(roundss, r->f[0] = float32_round_to_int_exact(s->f[0], ST))
ROUND_OP(roundsd, r->d[0] = float64_round_to_int_exact(s->d[0], ST))

/* ---- conversions ----------------------------------------------------------------------- */

/* Conversions to integers report invalid and precision only: a denormal input is not DE. */
#define NO_DE(env, body) do {                                                             \
        uint32_t de_ = (env)->sse_status.flags & float_flag_input_denormal;               \
        body;                                                                             \
        (env)->sse_status.flags = ((env)->sse_status.flags & ~float_flag_input_denormal) | de_; \
    } while (0)

SSE_OP(cvtps2pd)
{
    float64 a = float32_to_float64(s->f[0], ST), b = float32_to_float64(s->f[1], ST);
    r->d[0] = a;
    r->d[1] = b;
}
SSE_OP(cvtpd2ps)
{
    r->f[0] = float64_to_float32(s->d[0], ST);
    r->f[1] = float64_to_float32(s->d[1], ST);
    r->q[1] = 0;
}
SSE_OP(cvtss2sd) { r->d[0] = float32_to_float64(s->f[0], ST); }
SSE_OP(cvtsd2ss) { r->f[0] = float64_to_float32(s->d[0], ST); }
SSE_OP(cvtdq2ps) { for (int i = 0; i < 4; i++) r->f[i] = int32_to_float32(s->sl[i], ST); }
SSE_OP(cvtps2dq)
{
    NO_DE(env, for (int i = 0; i < 4; i++) r->sl[i] = float32_to_int32(s->f[i], ST));
}
SSE_OP(cvttps2dq)
{
    NO_DE(env, for (int i = 0; i < 4; i++) r->sl[i] = float32_to_int32_round_to_zero(s->f[i], ST));
}
SSE_OP(cvtdq2pd)
{
    float64 a = int32_to_float64(s->sl[0], ST), b = int32_to_float64(s->sl[1], ST);
    r->d[0] = a;
    r->d[1] = b;
}
SSE_OP(cvtpd2dq)
{
    NO_DE(env, r->sl[0] = float64_to_int32(s->d[0], ST); r->sl[1] = float64_to_int32(s->d[1], ST));
    r->q[1] = 0;
}
SSE_OP(cvttpd2dq)
{
    NO_DE(env, r->sl[0] = float64_to_int32_round_to_zero(s->d[0], ST);
               r->sl[1] = float64_to_int32_round_to_zero(s->d[1], ST));
    r->q[1] = 0;
}

/* ---- shuffles and moves ------------------------------------------------------------------- */

SSE_OP(movsldup) { r->l[0] = r->l[1] = s->l[0]; r->l[2] = r->l[3] = s->l[2]; }
SSE_OP(movshdup) { r->l[0] = r->l[1] = s->l[1]; r->l[2] = r->l[3] = s->l[3]; }
SSE_OP(movddup) { r->q[0] = r->q[1] = s->q[0]; }
SSE_OP(unpcklps) { r->l[0] = d->l[0]; r->l[1] = s->l[0]; r->l[2] = d->l[1]; r->l[3] = s->l[1]; }
SSE_OP(unpckhps) { r->l[0] = d->l[2]; r->l[1] = s->l[2]; r->l[2] = d->l[3]; r->l[3] = s->l[3]; }
SSE_OP(punpcklqdq) { r->q[0] = d->q[0]; r->q[1] = s->q[0]; }
SSE_OP(punpckhqdq) { r->q[0] = d->q[1]; r->q[1] = s->q[1]; }
SSE_OP(punpcklbw) { SSE_HOST_INT(_mm_unpacklo_epi8) for (int i = 0; i < 8; i++) { r->b[2 * i] = d->b[i]; r->b[2 * i + 1] = s->b[i]; } }
SSE_OP(punpckhbw) { SSE_HOST_INT(_mm_unpackhi_epi8) for (int i = 0; i < 8; i++) { r->b[2 * i] = d->b[8 + i]; r->b[2 * i + 1] = s->b[8 + i]; } }
SSE_OP(punpcklwd) { SSE_HOST_INT(_mm_unpacklo_epi16) for (int i = 0; i < 4; i++) { r->w[2 * i] = d->w[i]; r->w[2 * i + 1] = s->w[i]; } }
SSE_OP(punpckhwd) { SSE_HOST_INT(_mm_unpackhi_epi16) for (int i = 0; i < 4; i++) { r->w[2 * i] = d->w[4 + i]; r->w[2 * i + 1] = s->w[4 + i]; } }
SSE_OP(punpckldq) { SSE_HOST_INT(_mm_unpacklo_epi32) r->l[0] = d->l[0]; r->l[1] = s->l[0]; r->l[2] = d->l[1]; r->l[3] = s->l[1]; }
SSE_OP(punpckhdq) { SSE_HOST_INT(_mm_unpackhi_epi32) r->l[0] = d->l[2]; r->l[1] = s->l[2]; r->l[2] = d->l[3]; r->l[3] = s->l[3]; }
SSE_OP(shufps)
{
    r->l[0] = d->l[imm & 3];
    r->l[1] = d->l[(imm >> 2) & 3];
    r->l[2] = s->l[(imm >> 4) & 3];
    r->l[3] = s->l[(imm >> 6) & 3];
}
SSE_OP(shufpd) { r->q[0] = d->q[imm & 1]; r->q[1] = s->q[(imm >> 1) & 1]; }
SSE_OP(pshufd) { for (int i = 0; i < 4; i++) r->l[i] = s->l[(imm >> (2 * i)) & 3]; }
SSE_OP(pshuflw)
{
    for (int i = 0; i < 4; i++) {
        r->w[i] = s->w[(imm >> (2 * i)) & 3];
    }
    r->q[1] = s->q[1];
}
SSE_OP(pshufhw)
{
    r->q[0] = s->q[0];
    for (int i = 0; i < 4; i++) {
        r->w[4 + i] = s->w[4 + ((imm >> (2 * i)) & 3)];
    }
}
SSE_OP(pshufb)
{
    for (int i = 0; i < 16; i++) {
        r->b[i] = s->b[i] & 0x80 ? 0 : d->b[s->b[i] & 15];
    }
}
SSE_OP(palignr)
{
    uint8_t t[32];
    memcpy(t, s->b, 16);
    memcpy(t + 16, d->b, 16);
    for (unsigned i = 0; i < 16; i++) {
        r->b[i] = i + imm < 32 ? t[i + imm] : 0;
    }
}
SSE_OP(blendps) { for (int i = 0; i < 4; i++) if (imm >> i & 1) r->l[i] = s->l[i]; }
SSE_OP(blendpd) { for (int i = 0; i < 2; i++) if (imm >> i & 1) r->q[i] = s->q[i]; }
SSE_OP(pblendw) { for (int i = 0; i < 8; i++) if (imm >> i & 1) r->w[i] = s->w[i]; }
SSE_OP(pblendvb) { for (int i = 0; i < 16; i++) if (env->xmm_regs[0].b[i] & 0x80) r->b[i] = s->b[i]; }
SSE_OP(blendvps) { for (int i = 0; i < 4; i++) if (env->xmm_regs[0].l[i] >> 31) r->l[i] = s->l[i]; }
SSE_OP(blendvpd) { for (int i = 0; i < 2; i++) if (env->xmm_regs[0].q[i] >> 63) r->q[i] = s->q[i]; }

/* ---- integer lanes -------------------------------------------------------------------------- */

static inline int8_t sat8(int v) { return v > 127 ? 127 : v < -128 ? -128 : v; }
static inline uint8_t satu8(int v) { return v > 255 ? 255 : v < 0 ? 0 : v; }
static inline int16_t sat16(int v) { return v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
static inline uint16_t satu16(int v) { return v > 65535 ? 65535 : v < 0 ? 0 : v; }

/* lane-wise binary operations: LANES(name, field, count, expression of a and b) */
#define LANES(nm, f, n, expr)                                                             \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        for (int i = 0; i < n; i++) {                                                     \
            __typeof__(d->f[0]) a = d->f[i], b = s->f[i];                                 \
            (void)a;                                                                      \
            r->f[i] = (expr);                                                             \
        }                                                                                 \
    }
LANES(paddb, b, 16, a + b) LANES(paddw, w, 8, a + b) LANES(paddd, l, 4, a + b)
LANES(paddq, q, 2, a + b)
LANES(psubb, b, 16, a - b) LANES(psubw, w, 8, a - b) LANES(psubd, l, 4, a - b)
LANES(psubq, q, 2, a - b)
LANES(paddusb, b, 16, satu8(a + b)) LANES(paddusw, w, 8, satu16(a + b))
LANES(psubusb, b, 16, satu8(a - b)) LANES(psubusw, w, 8, satu16(a - b))
LANES(paddsb, sb, 16, sat8(a + b)) LANES(paddsw, sw, 8, sat16(a + b))
LANES(psubsb, sb, 16, sat8(a - b)) LANES(psubsw, sw, 8, sat16(a - b))
LANES(pand, q, 2, a & b) LANES(pandn, q, 2, ~a & b) LANES(por, q, 2, a | b)
LANES(pxor, q, 2, a ^ b)
LANES(pcmpeqb, b, 16, a == b ? 0xff : 0) LANES(pcmpeqw, w, 8, a == b ? 0xffff : 0)
LANES(pcmpeqd, l, 4, a == b ? ~0u : 0) LANES(pcmpeqq, q, 2, a == b ? ~0ull : 0)
LANES(pcmpgtb, sb, 16, a > b ? -1 : 0) LANES(pcmpgtw, sw, 8, a > b ? -1 : 0)
LANES(pcmpgtd, sl, 4, a > b ? -1 : 0) LANES(pcmpgtq, sq, 2, a > b ? -1 : 0)
LANES(pminub, b, 16, a < b ? a : b) LANES(pmaxub, b, 16, a > b ? a : b)
LANES(pminsw, sw, 8, a < b ? a : b) LANES(pmaxsw, sw, 8, a > b ? a : b)
LANES(pminsb, sb, 16, a < b ? a : b) LANES(pmaxsb, sb, 16, a > b ? a : b)
LANES(pminuw, w, 8, a < b ? a : b) LANES(pmaxuw, w, 8, a > b ? a : b)
LANES(pminsd, sl, 4, a < b ? a : b) LANES(pmaxsd, sl, 4, a > b ? a : b)
LANES(pminud, l, 4, a < b ? a : b) LANES(pmaxud, l, 4, a > b ? a : b)
LANES(pavgb, b, 16, (a + b + 1) >> 1) LANES(pavgw, w, 8, (a + b + 1) >> 1)
LANES(pmullw, w, 8, (uint16_t)(a * b))
LANES(pmulhw, sw, 8, (int16_t)(((int32_t)a * b) >> 16))
LANES(pmulhuw, w, 8, (uint16_t)(((uint32_t)a * b) >> 16))
LANES(pmulld, l, 4, a * b)
LANES(pmulhrsw, sw, 8, (int16_t)((((int32_t)a * b >> 14) + 1) >> 1))
LANES(psignb, sb, 16, b < 0 ? -a : b == 0 ? 0 : a)
LANES(psignw, sw, 8, b < 0 ? -a : b == 0 ? 0 : a)
LANES(psignd, sl, 4, b < 0 ? (int32_t)(0u - (uint32_t)a) : b == 0 ? 0 : a)
LANES(pabsb, sb, 16, b < 0 ? -b : b) LANES(pabsw, sw, 8, b < 0 ? -b : b)
LANES(pabsd, l, 4, (int32_t)b < 0 ? 0u - b : b)

SSE_OP(pmuludq) { for (int i = 0; i < 2; i++) r->q[i] = (uint64_t)d->l[2 * i] * s->l[2 * i]; }
SSE_OP(pmuldq) { for (int i = 0; i < 2; i++) r->sq[i] = (int64_t)d->sl[2 * i] * s->sl[2 * i]; }
SSE_OP(pmaddwd)
{
    for (int i = 0; i < 4; i++) {
        r->l[i] = (uint32_t)((int32_t)d->sw[2 * i] * s->sw[2 * i]) +
                  (uint32_t)((int32_t)d->sw[2 * i + 1] * s->sw[2 * i + 1]);
    }
}
SSE_OP(pmaddubsw)
{
    for (int i = 0; i < 8; i++) {
        r->sw[i] = sat16(d->b[2 * i] * s->sb[2 * i] + d->b[2 * i + 1] * s->sb[2 * i + 1]);
    }
}
SSE_OP(psadbw)
{
    for (int h = 0; h < 2; h++) {
        unsigned sum = 0;
        for (int i = 0; i < 8; i++) {
            int t = d->b[8 * h + i] - s->b[8 * h + i];
            sum += t < 0 ? -t : t;
        }
        r->q[h] = sum;
    }
}
SSE_OP(packsswb)
{
    SSE_HOST_INT(_mm_packs_epi16)
    for (int i = 0; i < 8; i++) {
        r->sb[i] = sat8(d->sw[i]);
        r->sb[8 + i] = sat8(s->sw[i]);
    }
}
SSE_OP(packuswb)
{
    SSE_HOST_INT(_mm_packus_epi16)
    for (int i = 0; i < 8; i++) {
        r->b[i] = satu8(d->sw[i]);
        r->b[8 + i] = satu8(s->sw[i]);
    }
}
SSE_OP(packssdw)
{
    for (int i = 0; i < 4; i++) {
        r->sw[i] = sat16(d->sl[i] > 65536 ? 65536 : d->sl[i] < -65536 ? -65536 : d->sl[i]);
        r->sw[4 + i] = sat16(s->sl[i] > 65536 ? 65536 : s->sl[i] < -65536 ? -65536 : s->sl[i]);
    }
}
SSE_OP(packusdw)
{
    for (int i = 0; i < 4; i++) {
        r->w[i] = d->sl[i] < 0 ? 0 : d->sl[i] > 65535 ? 65535 : d->sl[i];
        r->w[4 + i] = s->sl[i] < 0 ? 0 : s->sl[i] > 65535 ? 65535 : s->sl[i];
    }
}
/* horizontal add/sub of adjacent pairs: d's pairs, then s's */
#define HPAIRS(nm, f, n, op)                                                              \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        for (int i = 0; i < n / 2; i++) {                                                 \
            r->f[i] = d->f[2 * i] op d->f[2 * i + 1];                                     \
            r->f[n / 2 + i] = s->f[2 * i] op s->f[2 * i + 1];                             \
        }                                                                                 \
    }
HPAIRS(phaddw, w, 8, +) HPAIRS(phaddd, l, 4, +) HPAIRS(phsubw, w, 8, -) HPAIRS(phsubd, l, 4, -)
/* PHADDSW/PHSUBSW: the same pairs on signed words, saturated to 16 bits */
#define HPAIRS_SAT(nm, n, op)                                                             \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        for (int i = 0; i < n / 2; i++) {                                                 \
            r->sw[i] = sat16(d->sw[2 * i] op d->sw[2 * i + 1]);                           \
            r->sw[n / 2 + i] = sat16(s->sw[2 * i] op s->sw[2 * i + 1]);                   \
        }                                                                                 \
    }
HPAIRS_SAT(phaddsw, 8, +) HPAIRS_SAT(phsubsw, 8, -)

/* PHMINPOSUW: the smallest unsigned word of s and its index (the lowest one on a tie) */
SSE_OP(phminposuw)
{
    int idx = 0;
    for (int i = 1; i < 8; i++) {
        if (s->w[i] < s->w[idx]) {
            idx = i;
        }
    }
    uint16_t min = s->w[idx];
    memset(r, 0, 16);
    r->w[0] = min;
    r->w[1] = idx;
}
/* MPSADBW: eight sums of absolute differences of the four bytes of s at imm[1:0] * 4 with
 * the four bytes of d starting at imm[2] * 4 + i */
SSE_OP(mpsadbw)
{
    int bd = (imm & 4), bs = (imm & 3) * 4;
    for (int i = 0; i < 8; i++) {
        int sum = 0;
        for (int j = 0; j < 4; j++) {
            int x = d->b[bd + i + j] - s->b[bs + j];
            sum += x < 0 ? -x : x;
        }
        r->w[i] = sum;
    }
}
/* PMOVSX/PMOVZX: widen the low lanes of s */
#define PMOVX(nm, tf, sf, n)                                                              \
    SSE_OP(nm) { for (int i = n - 1; i >= 0; i--) r->tf[i] = s->sf[i]; }
PMOVX(pmovsxbw, sw, sb, 8) PMOVX(pmovsxbd, sl, sb, 4) PMOVX(pmovsxbq, sq, sb, 2)
PMOVX(pmovsxwd, sl, sw, 4) PMOVX(pmovsxwq, sq, sw, 2) PMOVX(pmovsxdq, sq, sl, 2)
PMOVX(pmovzxbw, w, b, 8) PMOVX(pmovzxbd, l, b, 4) PMOVX(pmovzxbq, q, b, 2)
PMOVX(pmovzxwd, l, w, 4) PMOVX(pmovzxwq, q, w, 2) PMOVX(pmovzxdq, q, l, 2)

/* shifts: the count is s->q[0] (the immediate forms put it there too) */
#define SHIFT(nm, f, n, bits, expr, big)                                                  \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        uint64_t c = s->q[0];                                                             \
        for (int i = 0; i < n; i++) {                                                     \
            __typeof__(d->f[0]) a = d->f[i];                                              \
            r->f[i] = c >= bits ? (big) : (expr);                                         \
        }                                                                                 \
    }
SHIFT(psllw, w, 8, 16, a << c, 0) SHIFT(pslld, l, 4, 32, a << c, 0)
SHIFT(psllq, q, 2, 64, a << c, 0)
SHIFT(psrlw, w, 8, 16, a >> c, 0) SHIFT(psrld, l, 4, 32, a >> c, 0)
SHIFT(psrlq, q, 2, 64, a >> c, 0)
SHIFT(psraw, sw, 8, 16, a >> c, a >> 15) SHIFT(psrad, sl, 4, 32, a >> c, a >> 31)
SSE_OP(pslldq)
{
    unsigned c = s->q[0] > 16 ? 16 : s->q[0];
    for (unsigned i = 0; i < 16; i++) {
        r->b[i] = i >= c ? d->b[i - c] : 0;
    }
}
SSE_OP(psrldq)
{
    unsigned c = s->q[0] > 16 ? 16 : s->q[0];
    for (unsigned i = 0; i < 16; i++) {
        r->b[i] = i + c < 16 ? d->b[i + c] : 0;
    }
}

/* ---- helpers with other shapes ------------------------------------------------------------ */

/* COMISS/UCOMISS/COMISD/UCOMISD (imm bit 0: signalling, bit 1: double) and PTEST (bit 2). */
static void sse_flags(CPUArchState *env, X86Reg *d, X86Reg *s, uint32_t imm)
{
    uint32_t f = 0;
    if (imm & 4) {
        bool z = !((d->q[0] & s->q[0]) | (d->q[1] & s->q[1]));
        bool c = !((~d->q[0] & s->q[0]) | (~d->q[1] & s->q[1]));
        f = (z ? CC_Z : 0) | (c ? CC_C : 0);
    } else {
        FloatRelation rel;
        if (imm & 2) {
            rel = imm & 1 ? float64_compare(d->d[0], s->d[0], ST)
                          : float64_compare_quiet(d->d[0], s->d[0], ST);
        } else {
            rel = imm & 1 ? float32_compare(d->f[0], s->f[0], ST)
                          : float32_compare_quiet(d->f[0], s->f[0], ST);
        }
        switch (rel) {
        case float_relation_unordered: f = CC_Z | CC_P | CC_C; break;
        case float_relation_less: f = CC_C; break;
        case float_relation_equal: f = CC_Z; break;
        default: f = 0; break;
        }
    }
    env->cc_src = f;
    env->cc_op = CC_OP_EFLAGS;
}
const TCGHelperInfo i386_sse_flags = {
    .func = (void *)sse_flags, .name = "sse_flags", .flags = 0, .ret = TCG_CALL_TYPE_VOID,
    .nargs = 4, .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32 },
};

/* MOVMSKPS (kind 0), MOVMSKPD (1), PMOVMSKB (2): the sign bits. */
static uint64_t sse_movmsk(CPUArchState *env, X86Reg *s, uint32_t kind)
{
    uint64_t m = 0;
    if (kind == 0) {
        for (int i = 0; i < 4; i++) m |= (uint64_t)(s->l[i] >> 31) << i;
    } else if (kind == 1) {
        for (int i = 0; i < 2; i++) m |= (s->q[i] >> 63) << i;
    } else {
        for (int i = 0; i < 16; i++) m |= (uint64_t)(s->b[i] >> 7) << i;
    }
    return m;
}
const TCGHelperInfo i386_sse_movmsk = {
    .func = (void *)sse_movmsk, .name = "sse_movmsk", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_I64, .nargs = 3,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32 },
};

/* CVTSI2SS/SD: desc bit 0 double, bit 1 a 64-bit integer. */
static void sse_cvtsi2s(CPUArchState *env, X86Reg *d, uint64_t v, uint32_t desc)
{
    if (desc & 1) {
        d->d[0] = desc & 2 ? int64_to_float64(v, ST) : int32_to_float64((int32_t)v, ST);
    } else {
        d->f[0] = desc & 2 ? int64_to_float32(v, ST) : int32_to_float32((int32_t)v, ST);
    }
}
const TCGHelperInfo i386_sse_cvtsi2s = {
    .func = (void *)sse_cvtsi2s, .name = "sse_cvtsi2s", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 4,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32 },
};

/* CVT(T)SS2SI/SD2SI: desc bit 0 double, bit 1 truncate, bit 2 a 64-bit result. */
static uint64_t cvts2si(CPUArchState *env, X86Reg *s, uint32_t desc)
{
    bool dbl = desc & 1, trunc = desc & 2, q = desc & 4;
    if (dbl) {
        if (q) {
            return trunc ? float64_to_int64_round_to_zero(s->d[0], ST) : float64_to_int64(s->d[0], ST);
        }
        return (uint32_t)(trunc ? float64_to_int32_round_to_zero(s->d[0], ST)
                                : float64_to_int32(s->d[0], ST));
    }
    if (q) {
        return trunc ? float32_to_int64_round_to_zero(s->f[0], ST) : float32_to_int64(s->f[0], ST);
    }
    return (uint32_t)(trunc ? float32_to_int32_round_to_zero(s->f[0], ST)
                            : float32_to_int32(s->f[0], ST));
}
static uint64_t sse_cvts2si(CPUArchState *env, X86Reg *s, uint32_t desc)
{
    uint64_t r;
    NO_DE(env, r = cvts2si(env, s, desc));
    return r;
}
const TCGHelperInfo i386_sse_cvts2si = {
    .func = (void *)sse_cvts2si, .name = "sse_cvts2si", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_I64, .nargs = 3,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32 },
};

/* ---- AES-NI and PCLMULQDQ (SDM vol. 2, AESENC ...; FIPS-197 for the transforms) ---------- */

static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)(a << 1) ^ (a & 0x80 ? 0x1b : 0);
        b >>= 1;
    }
    return r;
}

/* The S-box from its definition: the multiplicative inverse in GF(2^8), then the affine map. */
static void aes_init_tables(void)
{
    if (aes_sbox[0]) {
        return;
    }
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; y < 256 && x; y++) {
            if (gf_mul(x, y) == 1) {
                inv = y;
                break;
            }
        }
        uint8_t s = inv;
        for (int i = 1; i < 5; i++) {
            s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
        }
        s ^= 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = x;
    }
}

/* The state is column-major: byte r + 4c is row r, column c. */
static void aes_round(X86Reg *r, const X86Reg *state, const X86Reg *key, bool inv, bool mix)
{
    uint8_t t[16], m[16];
    aes_init_tables();
    for (int c = 0; c < 4; c++) {
        for (int row = 0; row < 4; row++) {
            int from = inv ? (c - row + 4) % 4 : (c + row) % 4;
            uint8_t b = state->b[row + 4 * from];
            t[row + 4 * c] = inv ? aes_inv_sbox[b] : aes_sbox[b];
        }
    }
    memcpy(m, t, 16);
    if (mix) {
        for (int c = 0; c < 4; c++) {
            uint8_t *a = t + 4 * c;
            for (int row = 0; row < 4; row++) {
                m[row + 4 * c] = inv
                    ? gf_mul(a[row], 14) ^ gf_mul(a[(row + 1) % 4], 11) ^
                      gf_mul(a[(row + 2) % 4], 13) ^ gf_mul(a[(row + 3) % 4], 9)
                    : gf_mul(a[row], 2) ^ gf_mul(a[(row + 1) % 4], 3) ^ a[(row + 2) % 4] ^
                      a[(row + 3) % 4];
            }
        }
    }
    for (int i = 0; i < 16; i++) {
        r->b[i] = m[i] ^ key->b[i];
    }
}

SSE_OP(aesenc) { aes_round(r, d, s, false, true); }
SSE_OP(aesenclast) { aes_round(r, d, s, false, false); }
SSE_OP(aesdec) { aes_round(r, d, s, true, true); }
SSE_OP(aesdeclast) { aes_round(r, d, s, true, false); }
SSE_OP(aesimc)
{
    for (int c = 0; c < 4; c++) {
        const uint8_t *a = s->b + 4 * c;
        for (int row = 0; row < 4; row++) {
            r->b[row + 4 * c] = gf_mul(a[row], 14) ^ gf_mul(a[(row + 1) % 4], 11) ^
                                gf_mul(a[(row + 2) % 4], 13) ^ gf_mul(a[(row + 3) % 4], 9);
        }
    }
}
SSE_OP(aeskeygenassist)
{
    aes_init_tables();
    uint32_t w[2] = { s->l[1], s->l[3] };
    for (int i = 0; i < 2; i++) {
        uint32_t sub = 0;
        for (int k = 0; k < 4; k++) {
            sub |= (uint32_t)aes_sbox[(w[i] >> (8 * k)) & 0xff] << (8 * k);
        }
        r->l[2 * i] = sub;
        r->l[2 * i + 1] = ((sub >> 8) | (sub << 24)) ^ (imm & 0xff);
    }
}

/* PCLMULQDQ: imm bit 0 picks d's quadword, bit 4 picks s's; their carry-less product. */
SSE_OP(pclmulqdq)
{
    uint64_t a = d->q[imm & 1], b = s->q[(imm >> 4) & 1], lo = 0, hi = 0;
    for (int i = 0; i < 64; i++) {
        if (b >> i & 1) {
            lo ^= a << i;
            hi ^= i ? a >> (64 - i) : 0;
        }
    }
    r->q[0] = lo;
    r->q[1] = hi;
}

/* ---- PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM (SDM vol. 2B, 4.1) -------------------------- */

/*
 * desc: bits 0-7 imm8; bit 8 explicit lengths (EAX, EDX), bit 9 index
 * result (ECX) rather than a mask (XMM0), bit 10 64-bit length registers.
 * a is the first operand (XMM register), b the second.
 */
static void sse_pcmpstr(CPUArchState *env, X86Reg *a, X86Reg *b, uint32_t desc)
{
    int imm = desc & 0xff;
    bool words = imm & 1, sign = imm & 2;
    int agg = (imm >> 2) & 3, pol = (imm >> 4) & 3, n = words ? 8 : 16;
    int la, lb;

    #define ELEM(r, i) (words ? (sign ? (int)(r)->sw[i] : (int)(r)->w[i]) \
                              : (sign ? (int)(r)->sb[i] : (int)(r)->b[i]))
    if (desc & 0x100) {
        int64_t ra = desc & 0x400 ? (int64_t)env->regs[R_EAX] : (int32_t)env->regs[R_EAX];
        int64_t rd = desc & 0x400 ? (int64_t)env->regs[R_EDX] : (int32_t)env->regs[R_EDX];
        ra = ra < 0 ? (ra == INT64_MIN ? n : -ra) : ra;
        rd = rd < 0 ? (rd == INT64_MIN ? n : -rd) : rd;
        la = ra > n ? n : (int)ra;
        lb = rd > n ? n : (int)rd;
    } else {
        for (la = 0; la < n && ELEM(a, la) != 0; la++) {
        }
        for (lb = 0; lb < n && ELEM(b, lb) != 0; lb++) {
        }
    }

    uint32_t res = 0;
    for (int j = 0; j < n; j++) {
        bool bit = false, bv = j < lb;
        switch (agg) {
        case 0:                                       /* equal any */
            for (int i = 0; i < la && bv; i++) {
                bit |= ELEM(a, i) == ELEM(b, j);
            }
            break;
        case 1:                                       /* ranges: a holds (low, high) pairs */
            for (int i = 0; i + 1 < la && bv; i += 2) {
                bit |= ELEM(a, i) <= ELEM(b, j) && ELEM(a, i + 1) >= ELEM(b, j);
            }
            break;
        case 2: {                                     /* equal each */
            bool av = j < la;
            bit = av && bv ? ELEM(a, j) == ELEM(b, j) : !av && !bv;
            break;
        }
        default:                                      /* equal ordered: a as a substring at j */
            bit = true;
            for (int k = 0; k < n - j && k < la; k++) {
                if (j + k >= lb) {
                    bit = false;
                    break;
                }
                if (ELEM(a, k) != ELEM(b, j + k)) {
                    bit = false;
                    break;
                }
            }
            break;
        }
        res |= (uint32_t)bit << j;
    }
    #undef ELEM
    uint32_t all = (1u << n) - 1;
    if (pol == 1) {
        res ^= all;
    } else if (pol == 3) {
        res ^= (1u << lb) - 1;
    }

    if (desc & 0x200) {
        uint32_t idx = res == 0 ? n : imm & 0x40 ? 31 - __builtin_clz(res) : __builtin_ctz(res);
        env->regs[R_ECX] = idx;
    } else {
        X86Reg *x0 = &env->xmm_regs[0];
        if (imm & 0x40) {
            for (int j = 0; j < n; j++) {
                if (words) {
                    x0->w[j] = res >> j & 1 ? 0xffff : 0;
                } else {
                    x0->b[j] = res >> j & 1 ? 0xff : 0;
                }
            }
        } else {
            x0->q[0] = res;
            x0->q[1] = 0;
        }
    }
    env->cc_src = (res ? CC_C : 0) | (lb < n ? CC_Z : 0) | (la < n ? CC_S : 0) |
                  (res & 1 ? CC_O : 0);
    env->cc_op = CC_OP_EFLAGS;
}
const TCGHelperInfo i386_sse_pcmpstr = {
    .func = (void *)sse_pcmpstr, .name = "sse_pcmpstr", .flags = 0, .ret = TCG_CALL_TYPE_VOID,
    .nargs = 4, .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32 },
};

/* ---- MMX versions of the operations whose layout depends on the width ---------------------- */

SSE_OP(mmx_punpckhbw) { for (int i = 0; i < 4; i++) { r->b[2 * i] = d->b[4 + i]; r->b[2 * i + 1] = s->b[4 + i]; } }
SSE_OP(mmx_punpckhwd) { for (int i = 0; i < 2; i++) { r->w[2 * i] = d->w[2 + i]; r->w[2 * i + 1] = s->w[2 + i]; } }
SSE_OP(mmx_punpckhdq) { r->l[0] = d->l[1]; r->l[1] = s->l[1]; }
SSE_OP(mmx_packsswb)
{
    for (int i = 0; i < 4; i++) {
        r->sb[i] = sat8(d->sw[i]);
        r->sb[4 + i] = sat8(s->sw[i]);
    }
}
SSE_OP(mmx_packuswb)
{
    for (int i = 0; i < 4; i++) {
        r->b[i] = satu8(d->sw[i]);
        r->b[4 + i] = satu8(s->sw[i]);
    }
}
SSE_OP(mmx_packssdw)
{
    for (int i = 0; i < 2; i++) {
        r->sw[i] = d->sl[i] > 32767 ? 32767 : d->sl[i] < -32768 ? -32768 : d->sl[i];
        r->sw[2 + i] = s->sl[i] > 32767 ? 32767 : s->sl[i] < -32768 ? -32768 : s->sl[i];
    }
}
SSE_OP(mmx_pshufw) { for (int i = 0; i < 4; i++) r->w[i] = s->w[(imm >> (2 * i)) & 3]; }
SSE_OP(mmx_pshufb) { for (int i = 0; i < 8; i++) r->b[i] = s->b[i] & 0x80 ? 0 : d->b[s->b[i] & 7]; }
SSE_OP(mmx_palignr)
{
    uint8_t t[16];
    memcpy(t, s->b, 8);
    memcpy(t + 8, d->b, 8);
    for (unsigned i = 0; i < 8; i++) {
        r->b[i] = i + imm < 16 ? t[i + imm] : 0;
    }
}
#define MMX_HPAIRS(nm, f, n, op)                                                          \
    SSE_OP(nm)                                                                            \
    {                                                                                     \
        for (int i = 0; i < n / 2; i++) {                                                 \
            r->f[i] = d->f[2 * i] op d->f[2 * i + 1];                                     \
            r->f[n / 2 + i] = s->f[2 * i] op s->f[2 * i + 1];                             \
        }                                                                                 \
    }
MMX_HPAIRS(mmx_phaddw, w, 4, +) MMX_HPAIRS(mmx_phaddd, l, 2, +)
MMX_HPAIRS(mmx_phsubw, w, 4, -) MMX_HPAIRS(mmx_phsubd, l, 2, -)
HPAIRS_SAT(mmx_phaddsw, 4, +) HPAIRS_SAT(mmx_phsubsw, 4, -)

/* ---- SHA extensions (SDM vol. 2, SHA1RNDS4 ... SHA256MSG2); l[3] is bits 127:96 ------------ */

static inline uint32_t rol32v(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

static inline uint32_t ror32v(uint32_t v, int n)
{
    return (v >> n) | (v << (32 - n));
}

static uint32_t sha1_f(int fn, uint32_t b, uint32_t c, uint32_t d)
{
    switch (fn) {
    case 0: return (b & c) ^ (~b & d);
    case 2: return (b & c) ^ (b & d) ^ (c & d);
    default: return b ^ c ^ d;
    }
}

SSE_OP(sha1rnds4)
{
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    int fn = imm & 3;
    uint32_t a = d->l[3], b = d->l[2], c = d->l[1], dd = d->l[0], e = 0;
    uint32_t w[4] = { s->l[3], s->l[2], s->l[1], s->l[0] };
    for (int i = 0; i < 4; i++) {
        uint32_t t = sha1_f(fn, b, c, dd) + rol32v(a, 5) + w[i] + e + k[fn];
        e = dd;
        dd = c;
        c = rol32v(b, 30);
        b = a;
        a = t;
    }
    r->l[3] = a;
    r->l[2] = b;
    r->l[1] = c;
    r->l[0] = dd;
}
SSE_OP(sha1nexte)
{
    r->l[3] = s->l[3] + rol32v(d->l[3], 30);
    r->l[2] = s->l[2];
    r->l[1] = s->l[1];
    r->l[0] = s->l[0];
}
SSE_OP(sha1msg1)
{
    r->l[3] = d->l[1] ^ d->l[3];
    r->l[2] = d->l[0] ^ d->l[2];
    r->l[1] = s->l[3] ^ d->l[1];
    r->l[0] = s->l[2] ^ d->l[0];
}
SSE_OP(sha1msg2)
{
    uint32_t w16 = rol32v(d->l[3] ^ s->l[2], 1);
    uint32_t w17 = rol32v(d->l[2] ^ s->l[1], 1);
    uint32_t w18 = rol32v(d->l[1] ^ s->l[0], 1);
    uint32_t w19 = rol32v(d->l[0] ^ w16, 1);
    r->l[3] = w16;
    r->l[2] = w17;
    r->l[1] = w18;
    r->l[0] = w19;
}
SSE_OP(sha256rnds2)
{
    uint32_t a = s->l[3], b = s->l[2], c = d->l[3], dd = d->l[2];
    uint32_t e = s->l[1], f = s->l[0], g = d->l[1], h = d->l[0];
    uint32_t wk[2] = { env->xmm_regs[0].l[0], env->xmm_regs[0].l[1] };
    for (int i = 0; i < 2; i++) {
        uint32_t ch = (e & f) ^ (~e & g), maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t s0 = ror32v(a, 2) ^ ror32v(a, 13) ^ ror32v(a, 22);
        uint32_t s1 = ror32v(e, 6) ^ ror32v(e, 11) ^ ror32v(e, 25);
        uint32_t t = ch + s1 + wk[i] + h;
        uint32_t na = t + maj + s0, ne = t + dd;
        h = g;
        g = f;
        f = e;
        e = ne;
        dd = c;
        c = b;
        b = a;
        a = na;
    }
    r->l[3] = a;
    r->l[2] = b;
    r->l[1] = e;
    r->l[0] = f;
}
static inline uint32_t sha256_s0(uint32_t w)
{
    return ror32v(w, 7) ^ ror32v(w, 18) ^ (w >> 3);
}
static inline uint32_t sha256_s1(uint32_t w)
{
    return ror32v(w, 17) ^ ror32v(w, 19) ^ (w >> 10);
}
SSE_OP(sha256msg1)
{
    uint32_t w4 = s->l[0], w3 = d->l[3], w2 = d->l[2], w1 = d->l[1], w0 = d->l[0];
    r->l[3] = w3 + sha256_s0(w4);
    r->l[2] = w2 + sha256_s0(w3);
    r->l[1] = w1 + sha256_s0(w2);
    r->l[0] = w0 + sha256_s0(w1);
}
SSE_OP(sha256msg2)
{
    uint32_t w14 = s->l[2], w15 = s->l[3];
    uint32_t w16 = d->l[0] + sha256_s1(w14);
    uint32_t w17 = d->l[1] + sha256_s1(w15);
    uint32_t w18 = d->l[2] + sha256_s1(w16);
    uint32_t w19 = d->l[3] + sha256_s1(w17);
    r->l[3] = w19;
    r->l[2] = w18;
    r->l[1] = w17;
    r->l[0] = w16;
}
