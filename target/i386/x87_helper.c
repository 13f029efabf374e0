/*
 * x87_helper.c — the x87 FPU: an 8-register stack of 80-bit values
 * (floatx80 from fpu/), TOP in the status word, a tag per register, the
 * control word's precision and rounding fields in env->fp_status, and the
 * environment images (FNSTENV/FLDENV, FNSAVE/FRSTOR, FXSAVE/FXRSTOR).
 *
 * The translator (emit-x87.c) moves memory operands in and out as integers
 * of their width; conversions, the stack discipline (overflow/underflow
 * give the indefinite NaN with IE and SF, as with masked exceptions) and the
 * exception flags in the status word are done here.  Unmasked x87
 * exceptions (#MF) are not delivered: Linux starts processes with every
 * exception masked (FCW 0x37f).
 */
#include "cpu.h"

#include <string.h>

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "helper.h"
#include "x87.h"

#define INFO(fn, fl, r, n, ...) { .func = (void *)(fn), .name = #fn, .flags = (fl), \
    .ret = (r), .nargs = (n), .args = { __VA_ARGS__ } }
#define T_PTR TCG_CALL_TYPE_PTR
#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_VOID TCG_CALL_TYPE_VOID

/* Status word bits (SDM vol. 1, 8.1.3). */
#define FSW_IE 0x0001
#define FSW_DE 0x0002
#define FSW_ZE 0x0004
#define FSW_OE 0x0008
#define FSW_UE 0x0010
#define FSW_PE 0x0020
#define FSW_SF 0x0040
#define FSW_ES 0x0080
#define FSW_C0 0x0100
#define FSW_C1 0x0200
#define FSW_C2 0x0400
#define FSW_C3 0x4000
#define FSW_CC (FSW_C0 | FSW_C1 | FSW_C2 | FSW_C3)

static const floatx80 fx_indefinite = { .low = 0xc000000000000000ull, .high = 0xffff };
static const floatx80 fx_zero = { 0, 0 };
static const floatx80 fx_one = { 0x8000000000000000ull, 0x3fff };

#define FST (&env->fp_status)

static inline floatx80 *st(CPUArchState *env, int i)
{
    return &env->fpregs[(env->fpstt + i) & 7];
}

/* Write ST(i): the register becomes valid (also after a masked stack fault). */
static inline void set_st(CPUArchState *env, int i, floatx80 v)
{
    env->fpregs[(env->fpstt + i) & 7] = v;
    env->fptags[(env->fpstt + i) & 7] = 0;
}

static inline bool st_empty(CPUArchState *env, int i)
{
    return env->fptags[(env->fpstt + i) & 7];
}

/* Fold fp_status's accumulated flags into the status word. */
static void merge_flags_slow(CPUArchState *env);
static inline void merge_flags(CPUArchState *env)
{
    /* most operations raise nothing new (or only PE, already sticky): nothing to fold */
    if (env->fp_status.flags == 0 && !(env->fpus & ~env->fpuc & 0x3f)) {
        return;
    }
    merge_flags_slow(env);
}
static void merge_flags_slow(CPUArchState *env)
{
    uint32_t f = env->fp_status.flags;
    /* an invalid operation or a division by zero is reported alone, without DE (SDM 8.7) */
    if (f & (float_flag_invalid | float_flag_divbyzero)) {
        f &= ~float_flag_input_denormal;
    }
    uint16_t w = 0;
    w |= f & float_flag_invalid ? FSW_IE : 0;
    w |= f & float_flag_input_denormal ? FSW_DE : 0;
    w |= f & float_flag_divbyzero ? FSW_ZE : 0;
    w |= f & float_flag_overflow ? FSW_OE : 0;
    w |= f & float_flag_underflow ? FSW_UE : 0;
    w |= f & float_flag_inexact ? FSW_PE : 0;
    env->fp_status.flags = 0;
    env->fpus |= w;
    if (env->fpus & ~env->fpuc & 0x3f) {
        env->fpus |= FSW_ES;
    }
}

static void stack_fault(CPUArchState *env, bool overflow)
{
    env->fpus |= FSW_IE | FSW_SF;
    env->fpus = (env->fpus & ~FSW_C1) | (overflow ? FSW_C1 : 0);
}

static void push(CPUArchState *env, floatx80 v)
{
    env->fpstt = (env->fpstt - 1) & 7;
    if (!env->fptags[env->fpstt]) {
        stack_fault(env, true);
        v = fx_indefinite;
    }
    env->fpregs[env->fpstt] = v;
    env->fptags[env->fpstt] = 0;
}

static void pop(CPUArchState *env)
{
    env->fptags[env->fpstt] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}

/* ST(i) for reading: an empty register is a stack underflow and reads as the indefinite NaN. */
static floatx80 get(CPUArchState *env, int i, bool *fault)
{
    if (st_empty(env, i)) {
        stack_fault(env, false);
        *fault = true;
        return fx_indefinite;
    }
    return *st(env, i);
}

/* ---- loads and stores -------------------------------------------------------------- */

/*
 * FBLD: 18 BCD digits, two a byte with the less significant in the low
 * nibble, bytes 0-8; bit 7 of byte 9 the sign (SDM vol. 1, 4.7).  The
 * value is below 10^18, exact in the 64-bit significand; -0 stays -0.
 * Digits above 9 are undefined by the manual: they weigh their value here.
 */
static floatx80 bcd_to_floatx80(CPUArchState *env, uint64_t lo, uint64_t hi)
{
    int64_t v = 0;
    for (int i = 17; i >= 0; i--) {
        unsigned nib = i < 16 ? (lo >> (4 * i)) & 15 : (hi >> (4 * (i - 16))) & 15;
        v = v * 10 + nib;
    }
    floatx80 f = int64_to_floatx80(v, FST);
    if (hi & 0x8000) {
        f.high |= 0x8000;
    }
    return f;
}

/*
 * FBSTP: ST0 rounded by FCW.RC; beyond 18 digits, a NaN or an infinity is
 * invalid and stores the packed BCD indefinite (FFFF C000 0000 0000 0000).
 * The sign is the source's, so a negative value rounding to 0 stores -0.
 */
static uint64_t floatx80_to_bcd(CPUArchState *env, floatx80 v)
{
    static const int64_t limit = 1000000000000000000ll;
    int64_t r = floatx80_to_int64(v, FST);
    if (!(env->fp_status.flags & float_flag_invalid) && (r >= limit || r <= -limit)) {
        env->fp_status.flags = (env->fp_status.flags & ~float_flag_inexact) | float_flag_invalid;
    }
    if (env->fp_status.flags & float_flag_invalid) {
        env->fpu_store_hi = 0xffff;
        return 0xc000000000000000ull;
    }
    uint64_t m = r < 0 ? -(uint64_t)r : (uint64_t)r, lo = 0, hi = 0;
    for (int i = 0; i < 18; i++, m /= 10) {
        if (i < 16) {
            lo |= (m % 10) << (4 * i);
        } else {
            hi |= (m % 10) << (4 * (i - 16));
        }
    }
    env->fpu_store_hi = hi | (v.high & 0x8000);
    return lo;
}

static floatx80 convert_in(CPUArchState *env, uint32_t kind, uint64_t lo, uint64_t hi)
{
    /* a normal binary32/64 widens exactly and raises nothing: rebias, make the J bit explicit */
    if (kind == X87_F64 && ((lo >> 52) & 0x7ff) != 0 && ((lo >> 52) & 0x7ff) != 0x7ff) {
        return (floatx80){ .low = 1ull << 63 | (lo & 0xfffffffffffffull) << 11,
                           .high = (lo >> 63) << 15 | (((lo >> 52) & 0x7ff) - 1023 + 16383) };
    }
    if (kind == X87_F32 && ((lo >> 23) & 0xff) != 0 && ((lo >> 23) & 0xff) != 0xff) {
        return (floatx80){ .low = 1ull << 63 | (lo & 0x7fffff) << 40,
                           .high = (lo >> 31 & 1) << 15 | (((lo >> 23) & 0xff) - 127 + 16383) };
    }
    switch (kind) {
    case X87_F32: return float32_to_floatx80((float32)lo, FST);
    case X87_F64: return float64_to_floatx80(lo, FST);
    case X87_F80: return (floatx80){ .low = lo, .high = (uint16_t)hi };
    case X87_I16: return int32_to_floatx80((int16_t)lo, FST);
    case X87_I32: return int32_to_floatx80((int32_t)lo, FST);
    case X87_BCD: return bcd_to_floatx80(env, lo, hi);
    default: return int64_to_floatx80((int64_t)lo, FST);
    }
}

/* FLD/FILD m: push the operand. */
static void helper_x87_load(CPUArchState *env, uint32_t kind, uint64_t lo, uint64_t hi)
{
    floatx80 v = convert_in(env, kind, lo, hi);
    push(env, v);
    merge_flags(env);
}
const TCGHelperInfo i386_helper_x87_load =
    INFO(helper_x87_load, 0, T_VOID, 4, T_PTR, T_I32, T_I64, T_I64);

/* Integer stores: out-of-range and NaN give the integer indefinite with IE. */
static uint64_t to_int(CPUArchState *env, floatx80 v, int bits, bool trunc)
{
    int64_t r = trunc ? floatx80_to_int64_round_to_zero(v, FST) : floatx80_to_int64(v, FST);
    if (bits < 64 && (env->fp_status.flags & float_flag_invalid) == 0 &&
        (r < -((int64_t)1 << (bits - 1)) || r >= ((int64_t)1 << (bits - 1)))) {
        env->fp_status.flags = (env->fp_status.flags & ~float_flag_inexact) | float_flag_invalid;
        r = INT64_MIN;
    }
    if (env->fp_status.flags & float_flag_invalid) {
        r = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
    }
    return (uint64_t)r & (bits == 64 ? ~0ull : (1ull << bits) - 1);
}

/*
 * FST/FIST/FISTTP m (kind | X87_TRUNC): ST0 converted to the memory format's
 * bits; for X87_F80 the low 64 bits, the high 16 go to env->fpu_store_hi.
 */
static uint64_t helper_x87_store(CPUArchState *env, uint32_t kind)
{
    bool fault = false;
    floatx80 v = get(env, 0, &fault);
    uint64_t r = 0;
    switch (kind & 7) {
    case X87_F32: r = floatx80_to_float32(v, FST); break;
    case X87_F64: r = floatx80_to_float64(v, FST); break;
    case X87_F80: r = v.low; env->fpu_store_hi = v.high; break;
    case X87_I16: r = to_int(env, v, 16, kind & X87_TRUNC); break;
    case X87_I32: r = to_int(env, v, 32, kind & X87_TRUNC); break;
    case X87_BCD: r = floatx80_to_bcd(env, v); break;
    default: r = to_int(env, v, 64, kind & X87_TRUNC); break;
    }
    /* stores report overflow, underflow, precision and invalid, never a denormal operand */
    env->fp_status.flags &= ~float_flag_input_denormal;
    merge_flags(env);
    return r;
}
const TCGHelperInfo i386_helper_x87_store = INFO(helper_x87_store, 0, T_I64, 2, T_PTR, T_I32);

/* ---- arithmetic ----------------------------------------------------------------------- */

#if defined(__x86_64__)
/*
 * On an x86-64 host the x87 unit itself does the arithmetic: the guest's
 * precision and rounding control loaded into the host FCW, the operation,
 * and the host FSW's six exception bits as the flags.  This is the same
 * instruction on the same kind of hardware, so result and flags are the
 * hardware's by construction (the soft path models them).  Only with every
 * exception masked (an unmasked overflow or underflow delivers a rescaled
 * result, which the soft path does not model either) and a defined
 * precision control (PC=01 is reserved).  X87_HOST_OP(insn) computes
 * ST0 = a, ST1 = b, insn, ST0 out; the non-popping forms with ST0 as the
 * destination are the ones whose AT&T operand order is not reversed.
 */
#define X87_HOST_OP(insn)                                                             \
    __asm__ volatile("fnstcw %[save]\n\t"                                              \
                     "fldcw %[cw]\n\t"                                                 \
                     "fnclex\n\t"                                                      \
                     "fldt %[b]\n\t"                                                   \
                     "fldt %[a]\n\t"                                                   \
                     insn " %%st(1), %%st\n\t"                                         \
                     "fstpt %[r]\n\t"                                                  \
                     "fstp %%st(0)\n\t"                                                \
                     "fnstsw %[sw]\n\t"                                                \
                     "fldcw %[save]"                                                   \
                     : [r] "=m"(r), [sw] "=m"(sw), [save] "=m"(save)                   \
                     : [a] "m"(a), [b] "m"(b), [cw] "m"(cw)                            \
                     : "st", "st(1)")
/*
 * FLDCW and above all FNCLEX are slow, so when the guest's word is the host's default
 * (0x037f: extended precision, to nearest, all masked; what Linux gives both) the
 * operation first runs under whatever the host x87 holds, its control and status words
 * read before it in the same asm.  The result stands when the host held the default
 * control word and only exception flags the guest's status word already has: flags are
 * sticky, so the host's after the operation then add exactly what it raised.  Otherwise
 * (a guest FNCLEX, a flag the guest has not raised) it is redone with X87_HOST_OP, whose
 * FNCLEX makes the next one fast again.  Nothing but the host's own words is trusted.
 */
#define X87_HOST_DEFAULT 0x037f
#define X87_HOST_FAST(insn)                                                           \
    __asm__ volatile("fnstcw %[bcw]\n\t"                                               \
                     "fnstsw %[bsw]\n\t"                                               \
                     "fldt %[b]\n\t"                                                   \
                     "fldt %[a]\n\t"                                                   \
                     insn " %%st(1), %%st\n\t"                                         \
                     "fstpt %[r]\n\t"                                                  \
                     "fstp %%st(0)\n\t"                                                \
                     "fnstsw %[sw]"                                                    \
                     : [r] "=m"(r), [sw] "=m"(sw), [bcw] "=m"(bcw), [bsw] "=m"(bsw)    \
                     : [a] "m"(a), [b] "m"(b)                                          \
                     : "st", "st(1)")
/*
 * Cheaper still, without the status word (FNSTSW waits for the operation): when the guest
 * has PE and both operands are normal (so no IE, DE or ZE) and the result is normal and far
 * from both ends of the exponent range (so no OE or UE), PE is the only flag the operation
 * can raise, and the guest has it already.  The control word is still read and checked.
 */
#define X87_HOST_QUIET(insn)                                                          \
    __asm__ volatile("fnstcw %[bcw]\n\t"                                               \
                     "fldt %[b]\n\t"                                                   \
                     "fldt %[a]\n\t"                                                   \
                     insn " %%st(1), %%st\n\t"                                         \
                     "fstpt %[r]\n\t"                                                  \
                     "fstp %%st(0)"                                                    \
                     : [r] "=m"(r), [bcw] "=m"(bcw)                                    \
                     : [a] "m"(a), [b] "m"(b)                                          \
                     : "st", "st(1)")
/* a normal operand: biased exponent 1..0x7ffe with the integer bit set */
static inline bool x87_normal(floatx80 v)
{
    return (uint16_t)((v.high & 0x7fff) - 1) < 0x7ffe && (v.low >> 63);
}
/* a result no overflow or underflow can have produced (rounded to 0x7ffe or up to 1) */
static inline bool x87_safe(uint16_t high)
{
    return (uint16_t)((high & 0x7fff) - 2) < 0x7ffc;
}
#define X87_HOST_CASES(M)                                                             \
    switch (op) {                                                                     \
    case X87_ADD: M("fadd"); break;                                                   \
    case X87_MUL: M("fmul"); break;                                                   \
    case X87_SUB: M("fsub"); break;                                                   \
    case X87_SUBR: M("fsubr"); break;                                                 \
    case X87_DIV: M("fdiv"); break;                                                   \
    default: M("fdivr"); break;                                                       \
    }

static bool arith_host(CPUArchState *env, int op, floatx80 *res, floatx80 av, floatx80 bv)
{
    uint16_t cw = env->fpuc, sw = 0, save, bcw, bsw;
    struct { uint64_t low; uint16_t high; uint8_t pad[6]; } a, b, r;

    if ((cw & 0x3f) != 0x3f || ((cw >> 8) & 3) == 1) {
        return false;
    }
    cw = (cw & 0x0f00) | 0x007f;
    a.low = av.low;
    a.high = av.high;
    b.low = bv.low;
    b.high = bv.high;
    if (cw == X87_HOST_DEFAULT && (env->fpus & FSW_PE) && x87_normal(av) && x87_normal(bv)) {
        X87_HOST_CASES(X87_HOST_QUIET)
        if (bcw == X87_HOST_DEFAULT && x87_safe(r.high)) {
            res->low = r.low;
            res->high = r.high;
            return true;
        }
    }
    if (cw == X87_HOST_DEFAULT) {
        X87_HOST_CASES(X87_HOST_FAST)
        if (bcw != X87_HOST_DEFAULT || (bsw & 0x3f & ~env->fpus)) {
            X87_HOST_CASES(X87_HOST_OP)
        } else {
            /*
             * Only what this operation raised: a sticky IE left from before would
             * make merge_flags drop a DE the operation raised (IE is reported alone).
             */
            sw &= ~bsw;
        }
    } else {
        X87_HOST_CASES(X87_HOST_OP)
    }
    res->low = r.low;
    res->high = r.high;
    env->fp_status.flags |= (sw & FSW_IE ? float_flag_invalid : 0) |
                            (sw & FSW_DE ? float_flag_input_denormal : 0) |
                            (sw & FSW_ZE ? float_flag_divbyzero : 0) |
                            (sw & FSW_OE ? float_flag_overflow : 0) |
                            (sw & FSW_UE ? float_flag_underflow : 0) |
                            (sw & FSW_PE ? float_flag_inexact : 0);
    return true;
}
#endif

static floatx80 arith(CPUArchState *env, int op, floatx80 a, floatx80 b)
{
#if defined(__x86_64__)
    floatx80 r;
    if (arith_host(env, op, &r, a, b)) {
        return r;
    }
#endif
    switch (op) {
    case X87_ADD: return floatx80_add(a, b, FST);
    case X87_MUL: return floatx80_mul(a, b, FST);
    case X87_SUB: return floatx80_sub(a, b, FST);
    case X87_SUBR: return floatx80_sub(b, a, FST);
    case X87_DIV: return floatx80_div(a, b, FST);
    default: return floatx80_div(b, a, FST);
    }
}

/* C3 C2 C0 from a comparison: > 000, < 001, = 100, unordered 111. */
static void set_compare_cc(CPUArchState *env, FloatRelation rel)
{
    static const uint16_t cc[4] = { FSW_C0, FSW_C3, 0, FSW_C3 | FSW_C2 | FSW_C0 };
    env->fpus = (env->fpus & ~FSW_CC) | cc[rel + 1];
}

static void set_compare_eflags(CPUArchState *env, FloatRelation rel)
{
    static const uint32_t fl[4] = { CC_C, CC_Z, 0, CC_Z | CC_P | CC_C };
    env->cc_src = fl[rel + 1];
    env->cc_op = CC_OP_EFLAGS;
    /* the manual says C1 = 0; the hardware the tests run on leaves it alone, as we do */
}

/* The operand: ST(i), or the converted memory operand env->ft0 when i < 0. */
static floatx80 operand(CPUArchState *env, int i, bool *fault)
{
    return i < 0 ? env->ft0 : get(env, i, fault);
}

/*
 * desc: I386_DESC(op, 0, extra) with extra = i (ST(i), or 8 for the memory
 * operand in ft0) | X87_TO_STI (the result goes to ST(i)) | X87_POP.
 */
static void helper_x87_arith(CPUArchState *env, uint32_t desc)
{
    int op = I386_DESC_OP(desc), extra = I386_DESC_EXTRA(desc);
    int i = extra & 8 ? -1 : extra & 7;
    bool fault = false;
    floatx80 a, b;

    if (extra & X87_TO_STI) {
        a = get(env, i, &fault);
        b = get(env, 0, &fault);
    } else {
        a = get(env, 0, &fault);
        b = operand(env, i, &fault);
    }
    if (op != X87_COMI && op != X87_UCOMI) {
        env->fpus &= ~FSW_C1;
    }
    if (op == X87_COM || op == X87_UCOM || op == X87_COMI || op == X87_UCOMI) {
        FloatRelation rel = fault ? float_relation_unordered
                            : op == X87_COM || op == X87_COMI ? floatx80_compare(a, b, FST)
                                                              : floatx80_compare_quiet(a, b, FST);
        if (fault) {
            env->fp_status.flags |= float_flag_invalid;
        }
        if (op == X87_COMI || op == X87_UCOMI) {
            set_compare_eflags(env, rel);
        } else {
            set_compare_cc(env, rel);
        }
    } else {
        floatx80 r = fault ? fx_indefinite : arith(env, op, a, b);
        if ((env->fp_status.flags & float_flag_input_denormal) &&
            (floatx80_is_nan(a) || floatx80_is_nan(b))) {
            env->fp_status.flags &= ~float_flag_input_denormal;
        }
        set_st(env, extra & X87_TO_STI ? i : 0, r);
    }
    merge_flags(env);
    if (extra & X87_POP) {
        pop(env);
    }
    if (extra & X87_POP2) {
        pop(env);
    }
}
const TCGHelperInfo i386_helper_x87_arith = INFO(helper_x87_arith, 0, T_VOID, 2, T_PTR, T_I32);

/*
 * Load the memory operand (kind, bits) into ft0 for a following arith.  A
 * NaN keeps its signalling bit: the operation itself sees the SNaN (and
 * picks between two NaNs as the hardware does), not an already quieted copy.
 */
static void helper_x87_ft0(CPUArchState *env, uint32_t kind, uint64_t lo)
{
    if (kind == X87_F32 && float32_is_nan((float32)lo)) {
        env->ft0 = (floatx80){ .low = 1ull << 63 | (lo & 0x7fffff) << 40,
                               .high = (lo >> 31 & 1) << 15 | 0x7fff };
        return;
    }
    if (kind == X87_F64 && float64_is_nan(lo)) {
        env->ft0 = (floatx80){ .low = 1ull << 63 | (lo & 0xfffffffffffffull) << 11,
                               .high = (lo >> 63) << 15 | 0x7fff };
        return;
    }
    env->ft0 = convert_in(env, kind, lo, 0);
}
const TCGHelperInfo i386_helper_x87_ft0 = INFO(helper_x87_ft0, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

/* FADD m .. FDIVR m, FCOM(P) m: the two above in one call (the format in the desc's ot field). */
static void helper_x87_arith_m(CPUArchState *env, uint32_t desc, uint64_t lo)
{
    helper_x87_ft0(env, I386_DESC_OT(desc), lo);
    helper_x87_arith(env, desc);
}
const TCGHelperInfo i386_helper_x87_arith_m =
    INFO(helper_x87_arith_m, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

/* FXAM: the class of ST0 in C3 C2 C0, its sign in C1. */
static void fxam(CPUArchState *env)
{
    floatx80 v = *st(env, 0);
    uint16_t cc;
    int exp = v.high & 0x7fff;
    if (st_empty(env, 0)) {
        cc = FSW_C3 | FSW_C0;
    } else if (exp == 0x7fff) {
        cc = (v.low << 1) == 0 && (v.low >> 63) ? FSW_C2 | FSW_C0 : FSW_C0;
        if (!(v.low >> 63)) {
            cc = 0;                                  /* unsupported encoding */
        }
    } else if (exp == 0) {
        cc = v.low == 0 ? FSW_C3 : FSW_C3 | FSW_C2;
    } else {
        cc = v.low >> 63 ? FSW_C2 : 0;
    }
    if (v.high & 0x8000) {
        cc |= FSW_C1;
    }
    env->fpus = (env->fpus & ~FSW_CC) | cc;
}

/*
 * FLDL2T .. FLDLN2: the constants are held to more bits than the format has
 * and rounded by FCW.RC (SDM vol. 1, 8.3.8).  Each row is the value rounded
 * to nearest and whether that rounding went up (the positive constants round
 * down under RC = down and toward zero).
 */
static floatx80 x87_constant(CPUArchState *env, int op)
{
    static const struct { uint64_t low; uint16_t high; bool up; } k[] = {
        [X87_FLDL2T - X87_FLDL2T] = { 0xd49a784bcd1b8afeull, 0x4000, false },  /* log2(10) */
        [X87_FLDL2E - X87_FLDL2T] = { 0xb8aa3b295c17f0bcull, 0x3fff, true },   /* log2(e) */
        [X87_FLDPI - X87_FLDL2T] = { 0xc90fdaa22168c235ull, 0x4000, true },    /* pi */
        [X87_FLDLG2 - X87_FLDL2T] = { 0x9a209a84fbcff799ull, 0x3ffd, true },   /* log10(2) */
        [X87_FLDLN2 - X87_FLDL2T] = { 0xb17217f7d1cf79acull, 0x3ffe, true },   /* ln(2) */
    };
    int rc = (env->fpuc >> 10) & 3, i = op - X87_FLDL2T;
    floatx80 v = { .low = k[i].low, .high = k[i].high };
    if ((rc == 1 || rc == 3) && k[i].up) {
        v.low--;
    } else if (rc == 2 && !k[i].up) {
        v.low++;
    }
    return v;
}

/* The register-only and constant operations (X87_FCHS ...); arg: i for FLD/FXCH/FST/FFREE. */
static void helper_x87_misc(CPUArchState *env, uint32_t desc)
{
    int op = I386_DESC_OP(desc), i = I386_DESC_EXTRA(desc) & 7;
    bool fault = false, c2 = false;
    floatx80 a, b;
    uint64_t q;

    switch (op) {
    case X87_FLD_STI:
        a = get(env, i, &fault);
        push(env, a);
        break;
    case X87_FXCH:
        a = get(env, 0, &fault);
        b = get(env, i, &fault);
        set_st(env, 0, b);
        set_st(env, i, a);
        env->fptags[env->fpstt] = 0;
        env->fptags[(env->fpstt + i) & 7] = 0;
        env->fpus &= ~FSW_C1;
        break;
    case X87_FST_STI:
    case X87_FSTP_STI:
        a = get(env, 0, &fault);
        set_st(env, i, a);
        env->fptags[(env->fpstt + i) & 7] = 0;
        if (op == X87_FSTP_STI) {
            pop(env);
        }
        break;
    case X87_FFREE:
        env->fptags[(env->fpstt + i) & 7] = 1;
        break;
    case X87_FCHS:
        a = get(env, 0, &fault);
        /* a stack fault leaves the indefinite NaN itself (the masked response) */
        a.high ^= fault ? 0 : 0x8000;
        set_st(env, 0, a);
        env->fpus &= ~FSW_C1;
        break;
    case X87_FABS:
        a = get(env, 0, &fault);
        a.high &= fault ? 0xffff : 0x7fff;
        set_st(env, 0, a);
        env->fpus &= ~FSW_C1;
        break;
    case X87_FTST:
        a = get(env, 0, &fault);
        set_compare_cc(env, fault ? float_relation_unordered : floatx80_compare(a, fx_zero, FST));
        break;
    case X87_FXAM:
        fxam(env);
        break;
    case X87_FLD1: push(env, fx_one); break;
    case X87_FLDL2T: case X87_FLDL2E: case X87_FLDPI: case X87_FLDLG2: case X87_FLDLN2:
        push(env, x87_constant(env, op));
        break;
    case X87_FLDZ: push(env, fx_zero); break;
    case X87_FSQRT:
        a = get(env, 0, &fault);
        set_st(env, 0, fault ? a : floatx80_sqrt(a, FST));
        env->fpus &= ~FSW_C1;
        break;
    case X87_FRNDINT:
        a = get(env, 0, &fault);
        set_st(env, 0, fault ? a : floatx80_round_to_int_exact(a, FST));
        env->fpus &= ~FSW_C1;
        break;
    case X87_FSCALE:
        a = get(env, 0, &fault);
        b = get(env, 1, &fault);
        set_st(env, 0, fault ? fx_indefinite : floatx80_fscale(a, b, FST));
        env->fpus &= ~FSW_C1;
        break;
    case X87_FXTRACT:
        a = get(env, 0, &fault);
        if (fault) {
            set_st(env, 0, fx_indefinite);
            push(env, fx_indefinite);
            break;
        }
        floatx80_fxtract(a, &a, &b, FST);
        set_st(env, 0, a);
        push(env, b);
        break;
    case X87_FPREM:
    case X87_FPREM1: {
        bool partial = false;
        a = get(env, 0, &fault);
        b = get(env, 1, &fault);
        if (fault) {
            set_st(env, 0, fx_indefinite);
            break;
        }
        q = 0;
        a = op == X87_FPREM ? floatx80_fprem(a, b, &q, &partial, FST)
                            : floatx80_fprem1(a, b, &q, &partial, FST);
        set_st(env, 0, a);
        env->fpus &= ~FSW_CC;
        if (partial) {
            env->fpus |= FSW_C2;
        } else {
            env->fpus |= (q & 4 ? FSW_C0 : 0) | (q & 2 ? FSW_C3 : 0) | (q & 1 ? FSW_C1 : 0);
        }
        break;
    }
    case X87_F2XM1:
        a = get(env, 0, &fault);
        set_st(env, 0, fault ? a : floatx80_f2xm1(a, FST));
        break;
    case X87_FYL2X:
    case X87_FYL2XP1:
    case X87_FPATAN:
        a = get(env, 0, &fault);
        b = get(env, 1, &fault);
        set_st(env, 1, fault ? fx_indefinite
                       : op == X87_FYL2X ? floatx80_fyl2x(a, b, FST)
                       : op == X87_FYL2XP1 ? floatx80_fyl2xp1(a, b, FST)
                                           : floatx80_fpatan(a, b, FST));
        pop(env);
        break;
    case X87_FPTAN:
        a = get(env, 0, &fault);
        if (fault) {
            set_st(env, 0, fx_indefinite);
            break;
        }
        floatx80_fptan(&a, &b, &c2, FST);
        set_st(env, 0, a);
        env->fpus = (env->fpus & ~FSW_C2) | (c2 ? FSW_C2 : 0);
        if (!c2) {
            push(env, b);
        }
        break;
    case X87_FSIN:
    case X87_FCOS:
        a = get(env, 0, &fault);
        if (fault) {
            set_st(env, 0, fx_indefinite);
            break;
        }
        a = op == X87_FSIN ? floatx80_fsin(a, &c2, FST) : floatx80_fcos(a, &c2, FST);
        set_st(env, 0, a);
        env->fpus = (env->fpus & ~FSW_C2) | (c2 ? FSW_C2 : 0);
        break;
    case X87_FSINCOS:
        a = get(env, 0, &fault);
        if (fault) {
            set_st(env, 0, fx_indefinite);
            break;
        }
        floatx80_fsincos(a, &a, &b, &c2, FST);
        env->fpus = (env->fpus & ~FSW_C2) | (c2 ? FSW_C2 : 0);
        if (!c2) {
            set_st(env, 0, a);
            push(env, b);
        }
        break;
    case X87_FDECSTP:
        env->fpstt = (env->fpstt - 1) & 7;
        env->fpus &= ~FSW_C1;
        break;
    case X87_FINCSTP:
        env->fpstt = (env->fpstt + 1) & 7;
        env->fpus &= ~FSW_C1;
        break;
    case X87_FNCLEX:
        env->fpus &= ~(0x80ff);
        break;
    case X87_FNINIT:
        i386_x87_reset(env);
        break;
    case X87_FPOP:
        pop(env);
        break;
    }
    merge_flags(env);
}
const TCGHelperInfo i386_helper_x87_misc = INFO(helper_x87_misc, 0, T_VOID, 2, T_PTR, T_I32);

/* FCMOVcc ST0, ST(i) when cond is non-zero. */
static void helper_x87_fcmov(CPUArchState *env, uint32_t i, uint64_t cond)
{
    bool fault = false;
    floatx80 v = get(env, i, &fault);
    get(env, 0, &fault);
    if (fault) {
        /* stack underflow: ST0 gets the indefinite NaN whatever the condition */
        set_st(env, 0, fx_indefinite);
    } else if (cond) {
        set_st(env, 0, v);
    }
    merge_flags(env);
}
const TCGHelperInfo i386_helper_x87_fcmov =
    INFO(helper_x87_fcmov, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

/* FNSTSW / FNSTCW / FLDCW. */
uint16_t i386_x87_get_fsw(CPUArchState *env)
{
    return (env->fpus & ~0x3800) | (env->fpstt & 7) << 11;
}

static uint64_t helper_x87_fnstsw(CPUArchState *env)
{
    return i386_x87_get_fsw(env);
}
const TCGHelperInfo i386_helper_x87_fnstsw = INFO(helper_x87_fnstsw, 0, T_I64, 1, T_PTR);

static void helper_x87_fldcw(CPUArchState *env, uint64_t v)
{
    i386_set_fpuc(env, v);
    env->fpus = (env->fpus & ~FSW_ES) | (env->fpus & ~env->fpuc & 0x3f ? FSW_ES : 0);
}
const TCGHelperInfo i386_helper_x87_fldcw = INFO(helper_x87_fldcw, 0, T_VOID, 2, T_PTR, T_I64);

/* ---- images: FXSAVE (512 bytes), FNSTENV (28), FNSAVE (108) ---------------------------- */

void i386_x87_reset(CPUArchState *env)
{
    i386_set_fpuc(env, 0x37f);
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
}

static uint8_t abridged_tags(CPUArchState *env)
{
    uint8_t t = 0;
    for (int i = 0; i < 8; i++) {
        t |= env->fptags[i] ? 0 : 1 << i;
    }
    return t;
}

/* The x87 tag word's two-bit tags, computed from the contents (FNSTENV, FNSAVE). */
static uint16_t full_tags(CPUArchState *env)
{
    uint16_t t = 0;
    for (int i = 0; i < 8; i++) {
        int tag;
        floatx80 v = env->fpregs[i];
        int exp = v.high & 0x7fff;
        if (env->fptags[i]) {
            tag = 3;
        } else if (exp == 0 && v.low == 0) {
            tag = 1;
        } else if (exp == 0x7fff || exp == 0 || !(v.low >> 63)) {
            tag = 2;
        } else {
            tag = 0;
        }
        t |= tag << (2 * i);
    }
    return t;
}

void i386_fxsave(CPUArchState *env, uint8_t *buf, bool with_xmm)
{
    uint16_t fsw = i386_x87_get_fsw(env);
    uint32_t mxcsr = i386_get_mxcsr(env), mask = 0xffff;
    memset(buf, 0, 512);
    memcpy(buf + 0, &env->fpuc, 2);
    memcpy(buf + 2, &fsw, 2);
    buf[4] = abridged_tags(env);
    memcpy(buf + 24, &mxcsr, 4);
    memcpy(buf + 28, &mask, 4);
    for (int i = 0; i < 8; i++) {
        floatx80 v = *st(env, i);
        memcpy(buf + 32 + 16 * i, &v.low, 8);
        memcpy(buf + 40 + 16 * i, &v.high, 2);
    }
    if (with_xmm) {
        int n = env->hflags & HF_CODE64 ? 16 : 8;
        for (int i = 0; i < n; i++) {
            memcpy(buf + 160 + 16 * i, env->xmm_regs[i].b, 16);
        }
    }
}

void i386_fxrstor(CPUArchState *env, const uint8_t *buf, bool with_xmm)
{
    uint16_t fcw, fsw;
    uint32_t mxcsr;
    memcpy(&fcw, buf, 2);
    memcpy(&fsw, buf + 2, 2);
    memcpy(&mxcsr, buf + 24, 4);
    i386_set_fpuc(env, fcw);
    env->fpstt = (fsw >> 11) & 7;
    env->fpus = fsw & ~0x3800;
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = !(buf[4] >> i & 1);
        floatx80 v;
        memcpy(&v.low, buf + 32 + 16 * i, 8);
        memcpy(&v.high, buf + 40 + 16 * i, 2);
        env->fpregs[(env->fpstt + i) & 7] = v;
    }
    i386_set_mxcsr(env, mxcsr & 0xffff);
    if (with_xmm) {
        int n = env->hflags & HF_CODE64 ? 16 : 8;
        for (int i = 0; i < n; i++) {
            memcpy(env->xmm_regs[i].b, buf + 160 + 16 * i, 16);
        }
    }
}

/* desc: I386_DESC(X87_IMG_*, 0, 0); addr: the image in guest memory. */
static void helper_x87_image(CPUArchState *env, uint32_t desc, uint64_t addr)
{
    uintptr_t ra = GETPC();
    int op = I386_DESC_OP(desc);
    uint8_t buf[512];
    size_t n;

    switch (op) {
    case X87_IMG_FXSAVE:
        i386_fxsave(env, buf, true);
        for (n = 0; n < 512; n += 8) {
            uint64_t v;
            memcpy(&v, buf + n, 8);
            cpu_st_data_ra(env, addr + n, v, MO_LEUQ, ra);
        }
        return;
    case X87_IMG_FXRSTOR:
        if (addr & 15) {
            i386_raise_exception(env, EXCP0D_GPF, ra);
        }
        for (n = 0; n < 512; n += 8) {
            uint64_t v = cpu_ld_data_ra(env, addr + n, MO_LEUQ, ra);
            memcpy(buf + n, &v, 8);
        }
        i386_fxrstor(env, buf, true);
        return;
    case X87_IMG_FNSTENV:
    case X87_IMG_FNSAVE: {
        /* 32-bit protected-mode layout: FCW, FSW, FTW, FIP, FCS/FOP, FDP, FDS (4 bytes each) */
        uint32_t words[7] = { env->fpuc | 0xffff0000u, i386_x87_get_fsw(env) | 0xffff0000u,
                              full_tags(env) | 0xffff0000u, 0, 0, 0, 0xffff0000u };
        for (int i = 0; i < 7; i++) {
            cpu_st_data_ra(env, addr + 4 * i, words[i], MO_LEUL, ra);
        }
        if (op == X87_IMG_FNSAVE) {
            for (int i = 0; i < 8; i++) {
                floatx80 v = *st(env, i);
                cpu_st_data_ra(env, addr + 28 + 10 * i, v.low, MO_LEUQ, ra);
                cpu_st_data_ra(env, addr + 36 + 10 * i, v.high, MO_LEUW, ra);
            }
            i386_x87_reset(env);
        } else {
            /* FNSTENV masks every exception afterwards */
            i386_set_fpuc(env, env->fpuc | 0x3f);
        }
        return;
    }
    default: {                                       /* FLDENV, FRSTOR */
        uint16_t fcw = cpu_ld_data_ra(env, addr, MO_LEUW, ra);
        uint16_t fsw = cpu_ld_data_ra(env, addr + 4, MO_LEUW, ra);
        uint16_t ftw = cpu_ld_data_ra(env, addr + 8, MO_LEUW, ra);
        i386_set_fpuc(env, fcw);
        env->fpstt = (fsw >> 11) & 7;
        env->fpus = fsw & ~0x3800;
        for (int i = 0; i < 8; i++) {
            env->fptags[i] = ((ftw >> (2 * i)) & 3) == 3;
        }
        if (op == X87_IMG_FRSTOR) {
            for (int i = 0; i < 8; i++) {
                floatx80 v;
                v.low = cpu_ld_data_ra(env, addr + 28 + 10 * i, MO_LEUQ, ra);
                v.high = cpu_ld_data_ra(env, addr + 36 + 10 * i, MO_LEUW, ra);
                env->fpregs[(env->fpstt + i) & 7] = v;
            }
        }
        return;
    }
    }
}
const TCGHelperInfo i386_helper_x87_image =
    INFO(helper_x87_image, 0, T_VOID, 3, T_PTR, T_I32, T_I64);
