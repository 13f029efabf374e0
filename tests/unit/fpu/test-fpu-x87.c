/*
 * floatx80 against the host's x87 unit, bit for bit: result and the six
 * exception flags of the status word, in all four rounding modes and (for
 * the arithmetic the precision control governs) the three precisions.
 * Covers FADD, FSUB, FMUL, FDIV, FSQRT, FRNDINT, FPREM, FPREM1 (with the
 * C0/C3/C1 quotient bits and C2), FUCOMI/FCOMI, loads from binary32/64
 * (FLD m32/m64), stores to them (FST m32/m64) and to integers (FISTP m32/m64).
 *
 * Each host operation is one asm block: FNINIT, FLDCW, the operands loaded
 * from memory, the instruction, the result stored, FNSTSW, FNINIT again, so
 * nothing leaks into the rest of the program.  The soft side uses the x87
 * NaN rules and tininess after rounding (Intel SDM vol. 1, 4.9.1.5).
 */
#include "fpu-test.h"

typedef enum {
    X_ADD, X_SUB, X_MUL, X_DIV, X_SQRT, X_RNDINT, X_PREM, X_PREM1, X_UCOMI, X_COMI,
    X_LD32, X_LD64, X_ST32, X_ST64, X_IST32, X_IST64, X__COUNT
} XOp;

static const char *const xop_names[] = {
    "fadd", "fsub", "fmul", "fdiv", "fsqrt", "frndint", "fprem", "fprem1", "fucomi", "fcomi",
    "fld_m32", "fld_m64", "fst_m32", "fst_m64", "fistp_m32", "fistp_m64",
};

/* Status word: IE DE ZE OE UE PE in bits 0..5; condition codes C0 8, C1 9, C2 10, C3 14. */
static uint32_t flags_of_sw(uint16_t sw)
{
    return (sw & 1 ? float_flag_invalid : 0) | (sw & 2 ? float_flag_input_denormal : 0) |
           (sw & 4 ? float_flag_divbyzero : 0) | (sw & 8 ? float_flag_overflow : 0) |
           (sw & 16 ? float_flag_underflow : 0) | (sw & 32 ? float_flag_inexact : 0);
}

#define X87_FLAGS_MASK (float_flag_invalid | float_flag_input_denormal | float_flag_divbyzero | \
                        float_flag_overflow | float_flag_underflow | float_flag_inexact)

typedef struct {
    floatx80 v;
    uint16_t pad[3];
} X80Slot;

/*
 * ST(0) = a, ST(1) = b; `insn` leaves its result in ST(0).  The status word
 * is read before FSTP, which would overwrite C1.
 */
#define X87_BIN(name, insn)                                                         \
    static floatx80 name(floatx80 a, floatx80 b, uint16_t cw, uint16_t *sw)         \
    {                                                                               \
        X80Slot sa = { a }, sb = { b }, r;                                          \
        asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t"          \
                     insn "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                \
                     : [r] "=m"(r), [sw] "=m"(*sw)                                  \
                     : [a] "m"(sa), [b] "m"(sb), [cw] "m"(cw)                       \
                     : "st", "st(1)", "st(2)", "memory");                           \
        return r.v;                                                                 \
    }
X87_BIN(h_fadd, "fadd %%st(1), %%st")
X87_BIN(h_fsub, "fsub %%st(1), %%st")
X87_BIN(h_fmul, "fmul %%st(1), %%st")
X87_BIN(h_fdiv, "fdiv %%st(1), %%st")
X87_BIN(h_fsqrt, "fsqrt")
X87_BIN(h_frndint, "frndint")
X87_BIN(h_fprem, "fprem")
X87_BIN(h_fprem1, "fprem1")

static FloatRelation h_compare(floatx80 a, floatx80 b, bool quiet, uint16_t *sw)
{
    X80Slot sa = { a }, sb = { b };
    bool z, p, c;
    uint16_t cw = 0x37f;
    if (quiet) {
        asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfucomi %%st(1), %%st\n\t"
                     "fnstsw %[sw]\n\tfninit"
                     : "=@ccz"(z), "=@ccp"(p), "=@ccc"(c), [sw] "=m"(*sw)
                     : [a] "m"(sa), [b] "m"(sb), [cw] "m"(cw) : "st", "st(1)", "memory");
    } else {
        asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfcomi %%st(1), %%st\n\t"
                     "fnstsw %[sw]\n\tfninit"
                     : "=@ccz"(z), "=@ccp"(p), "=@ccc"(c), [sw] "=m"(*sw)
                     : [a] "m"(sa), [b] "m"(sb), [cw] "m"(cw) : "st", "st(1)", "memory");
    }
    return p ? float_relation_unordered : z ? float_relation_equal :
           c ? float_relation_less : float_relation_greater;
}

#define X87_LOAD(name, T, insn)                                                     \
    static floatx80 name(T a, uint16_t cw, uint16_t *sw)                            \
    {                                                                               \
        X80Slot r;                                                                  \
        asm volatile("fninit\n\tfldcw %[cw]\n\t" insn " %[a]\n\t"                   \
                     "fstpt %[r]\n\tfnstsw %[sw]\n\tfninit"                         \
                     : [r] "=m"(r), [sw] "=m"(*sw)                                  \
                     : [a] "m"(a), [cw] "m"(cw) : "st", "memory");                  \
        return r.v;                                                                 \
    }
X87_LOAD(h_ld32, uint32_t, "flds")
X87_LOAD(h_ld64, uint64_t, "fldl")

#define X87_STORE(name, T, insn)                                                    \
    static T name(floatx80 a, uint16_t cw, uint16_t *sw)                            \
    {                                                                               \
        X80Slot sa = { a };                                                         \
        T r;                                                                        \
        asm volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn " %[r]\n\t"      \
                     "fnstsw %[sw]\n\tfninit"                                       \
                     : [r] "=m"(r), [sw] "=m"(*sw)                                  \
                     : [a] "m"(sa), [cw] "m"(cw) : "st", "memory");                 \
        return r;                                                                   \
    }
X87_STORE(h_st32, uint32_t, "fstps")
X87_STORE(h_st64, uint64_t, "fstpl")
X87_STORE(h_ist32, uint32_t, "fistpl")
X87_STORE(h_ist64, uint64_t, "fistpll")

static uint16_t rc_bits(FloatRoundMode m)
{
    switch (m) {
    case float_round_down:
        return 1;
    case float_round_up:
        return 2;
    case float_round_to_zero:
        return 3;
    default:
        return 0;
    }
}

static uint16_t pc_bits(FloatX80Precision p)
{
    return p == floatx80_precision_s ? 0 : p == floatx80_precision_d ? 2 : 3;
}

static bool x80_eq(floatx80 a, floatx80 b)
{
    return a.low == b.low && a.high == b.high;
}

static void run(XOp op)
{
    FpuTally t = { .what = xop_names[op] };
    static const FloatRoundMode modes[] = { float_round_nearest_even, float_round_to_zero,
                                            float_round_down, float_round_up };
    static const FloatX80Precision precs[] = { floatx80_precision_x, floatx80_precision_d,
                                               floatx80_precision_s };
    for (long i = 0; i < fpu_test_vectors; i++) {
        floatx80 a = genx80(16383 + rnd_range(-70, 71));
        floatx80 b = genx80(a.high & 0x7fff);
        uint32_t a32 = gen32(127 + rnd_range(-30, 31));
        uint64_t a64 = gen64(1023 + rnd_range(-30, 31));
        if (op == X_IST32 || op == X_IST64) {
            a = genx80(16383 + rnd_range(-2, 66));
        }
        FloatRoundMode m = modes[rnd_range(0, 4)];
        FloatX80Precision pc = precs[rnd_range(0, 3)];
        uint16_t cw = 0x7f | (pc_bits(pc) << 8) | (rc_bits(m) << 10);
        uint16_t sw = 0;

        FloatStatus s;
        float_status_init(&s, &float_nan_rules_x87);
        s.rounding_mode = m;
        s.floatx80_precision = pc;

        floatx80 hr = { 0 }, sr = { 0 };
        uint64_t hi = 0, si = 0;
        bool is_x80 = true;
        uint16_t cc_mask = 0, scc = 0;
        switch (op) {
        case X_ADD: hr = h_fadd(a, b, cw, &sw); sr = floatx80_add(a, b, &s); break;
        case X_SUB: hr = h_fsub(a, b, cw, &sw); sr = floatx80_sub(a, b, &s); break;
        case X_MUL: hr = h_fmul(a, b, cw, &sw); sr = floatx80_mul(a, b, &s); break;
        case X_DIV: hr = h_fdiv(a, b, cw, &sw); sr = floatx80_div(a, b, &s); break;
        case X_SQRT: hr = h_fsqrt(a, b, cw, &sw); sr = floatx80_sqrt(a, &s); break;
        case X_RNDINT:
            hr = h_frndint(a, b, cw, &sw);
            sr = floatx80_round_to_int_exact(a, &s);
            break;
        case X_PREM:
        case X_PREM1: {
            uint64_t q;
            bool partial;
            hr = (op == X_PREM ? h_fprem : h_fprem1)(a, b, cw, &sw);
            sr = (op == X_PREM ? floatx80_fprem : floatx80_fprem1)(a, b, &q, &partial, &s);
            /* C2 always; the quotient bits only when the reduction completed. */
            cc_mask = 1 << 10;
            scc = partial ? 1 << 10 : 0;
            if (!(sw & (1 << 10)) && !floatx80_is_nan(sr) && !(s.flags & float_flag_invalid)) {
                cc_mask |= (1 << 8) | (1 << 14) | (1 << 9);
                scc |= ((q >> 2) & 1) << 8 | ((q >> 1) & 1) << 14 | (q & 1) << 9;
            }
            break;
        }
        case X_UCOMI:
        case X_COMI:
            s.rounding_mode = float_round_nearest_even;
            is_x80 = false;
            hi = (uint64_t)h_compare(a, b, op == X_UCOMI, &sw);
            si = (uint64_t)(op == X_UCOMI ? floatx80_compare_quiet(a, b, &s)
                                          : floatx80_compare(a, b, &s));
            break;
        case X_LD32: hr = h_ld32(a32, cw, &sw); sr = float32_to_floatx80(a32, &s); break;
        case X_LD64: hr = h_ld64(a64, cw, &sw); sr = float64_to_floatx80(a64, &s); break;
        case X_ST32:
            is_x80 = false;
            hi = h_st32(a, cw, &sw);
            si = floatx80_to_float32(a, &s);
            break;
        case X_ST64:
            is_x80 = false;
            hi = h_st64(a, cw, &sw);
            si = floatx80_to_float64(a, &s);
            break;
        case X_IST32:
            is_x80 = false;
            hi = h_ist32(a, cw, &sw);
            si = (uint32_t)floatx80_to_int32(a, &s);
            break;
        case X_IST64:
            is_x80 = false;
            hi = h_ist64(a, cw, &sw);
            si = floatx80_to_int64(a, &s);
            break;
        default:
            g_assert_not_reached();
        }
        uint32_t hf = flags_of_sw(sw), sf = s.flags & X87_FLAGS_MASK;
        if (op == X_ST32 || op == X_ST64) {
            /* FST m32/m64 does not report DE: the x86 front end drops it. */
            sf &= ~float_flag_input_denormal;
        }
        bool same = is_x80 ? x80_eq(hr, sr) : hi == si;
        t.checked++;
        if (!same || hf != sf || (sw & cc_mask) != scc) {
            char f1[16], f2[16];
            flags_str(sf, f1);
            flags_str(hf, f2);
            tally_fail(&t, "a=%04x:%016" PRIx64 " b=%04x:%016" PRIx64 " a32=%08x a64=%016" PRIx64
                       " %s pc%d: soft %04x:%016" PRIx64 "/%" PRIx64 " %s cc %04x, "
                       "host %04x:%016" PRIx64 "/%" PRIx64 " %s cc %04x",
                       a.high, a.low, b.high, b.low, a32, a64, round_names[m], (int)pc,
                       sr.high, sr.low, si, f1, scc, hr.high, hr.low, hi, f2, sw & cc_mask);
        }
    }
    tally_end(&t);
}

static void test_op(gconstpointer data)
{
    run((XOp)(uintptr_t)data);
}

int main(int argc, char **argv)
{
    fpu_test_setup(&argc, &argv);
    for (int op = 0; op < X__COUNT; op++) {
        char *path = g_strdup_printf("/fpu/x87/%s", xop_names[op]);
        g_test_add_data_func(path, (gconstpointer)(uintptr_t)op, test_op);
        g_free(path);
    }
    return g_test_run();
}
