/*
 * nan-rules.c — the NaN rules of each target architecture, as data.
 *
 * IEEE 754 leaves open which NaN an operation returns, how a signalling NaN
 * is quieted, what the default NaN is, and what an invalid float-to-integer
 * conversion yields.  Each preset below records one architecture's answer,
 * with the manual it comes from; tests/unit/fpu/test-fpu-nan.c checks every
 * row against the manual's examples.  Operand numbering is that of
 * FloatNaNRules in softfloat.h (fma: 0, 1 multiplicands, 2 addend).
 */
#include "fpu/softfloat.h"

/*
 * Intel SDM vol. 1, 4.8.3.5 table 4-7 and 11.5.2.2: SSE returns the first
 * source operand's NaN (quieted); the default NaN ("QNaN floating-point
 * indefinite") is negative; invalid conversions give the integer indefinite
 * 0x80000000 (unsigned AVX-512 conversions: all ones).
 */
const FloatNaNRules float_nan_rules_x86_sse = {
    .name = "x86-sse",
    .default_nan_sign = true,
    .default_nan = float_dnan_quiet_only,
    .order2 = { 0, 1 },
    .order3 = { 0, 1, 2 },
    .int_overflow = float_int_indefinite,
    .int_nan = float_int_indefinite,
    .uint_invalid = float_int_indefinite,
};

/* The same table, x87 column: of two NaNs the one with the larger significand wins. */
const FloatNaNRules float_nan_rules_x87 = {
    .name = "x87",
    .default_nan_sign = true,
    .default_nan = float_dnan_quiet_only,
    .larger_significand = true,
    .order2 = { 0, 1 },
    .order3 = { 0, 1, 2 },
    .int_overflow = float_int_indefinite,
    .int_nan = float_int_indefinite,
    .uint_invalid = float_int_indefinite,
};

/*
 * Arm ARM (DDI 0487) FPProcessNaNs/FPProcessNaNs3 and FPDefaultNaN: signalling
 * NaNs first, then quiet ones, in operand order (for FMA the addend first);
 * default NaN 0x7fc00000; FPToFixed saturates and gives 0 for NaN; FPMulAdd
 * returns the default NaN for inf*0 + QNaN.
 */
const FloatNaNRules float_nan_rules_arm = {
    .name = "arm",
    .default_nan = float_dnan_quiet_only,
    .snan_first = true,
    .order2 = { 0, 1 },
    .order3 = { 2, 0, 1 },
    .fma_inf_zero = float_infzero_default,
    .int_overflow = float_int_saturate,
    .int_nan = float_int_zero,
    .uint_invalid = float_int_saturate,
};

/*
 * MIPS32 Architecture vol. I (before Release 6, FCSR.NAN2008 = 0): the top
 * fraction bit set means signalling; an SNaN operand yields the default NaN
 * 0x7fbfffff; invalid conversions give 2^31 - 1.
 */
const FloatNaNRules float_nan_rules_mips_legacy = {
    .name = "mips-legacy",
    .snan_bit_is_one = true,
    .default_nan = float_dnan_all_but_quiet,
    .snan_to_default = true,
    .snan_first = true,
    .order2 = { 0, 1 },
    .order3 = { 2, 0, 1 },
    .fma_inf_zero = float_infzero_default,
    .int_overflow = float_int_max,
    .int_nan = float_int_max,
    .uint_invalid = float_int_max,
};

/*
 * MIPS Release 6 / NAN2008 = 1: IEEE 754-2008 encoding, default NaN
 * 0x7fc00000, SNaNs quieted and preferred; conversions saturate, NaN gives 0.
 */
const FloatNaNRules float_nan_rules_mips_2008 = {
    .name = "mips-2008",
    .default_nan = float_dnan_quiet_only,
    .snan_first = true,
    .order2 = { 0, 1 },
    .order3 = { 2, 0, 1 },
    .fma_inf_zero = float_infzero_default,
    .int_overflow = float_int_saturate,
    .int_nan = float_int_zero,
    .uint_invalid = float_int_saturate,
};

/*
 * Power ISA book I, 4.3.6 "Floating-Point Operations with NaN operands": the
 * first NaN among frA, frB, frC (for fmadd frD = frA*frC + frB: multiplicand,
 * addend, multiplicand), quieted; default NaN 0x7ff8000000000000; fctiw
 * saturates and returns 0x80000000 for NaN.
 */
const FloatNaNRules float_nan_rules_ppc = {
    .name = "ppc",
    .default_nan = float_dnan_quiet_only,
    .order2 = { 0, 1 },
    .order3 = { 0, 2, 1 },
    .int_overflow = float_int_saturate,
    .int_nan = float_int_indefinite,
    .uint_invalid = float_int_saturate,
};

/*
 * SPARC V8 appendix N / V9 B.2.1 table 27: an SNaN operand wins over a QNaN,
 * otherwise rs2 wins over rs1; default NaN 0x7fffffff; fstoi saturates and
 * returns 0x7fffffff for NaN.
 */
const FloatNaNRules float_nan_rules_sparc = {
    .name = "sparc",
    .default_nan = float_dnan_all_ones,
    .snan_first = true,
    .order2 = { 1, 0 },
    .order3 = { 2, 1, 0 },
    .int_overflow = float_int_saturate,
    .int_nan = float_int_max,
    .uint_invalid = float_int_saturate,
};

/*
 * SH-4 software manual, 6.3: MIPS-style encoding (top fraction bit set means
 * signalling); every NaN result is the qNaN 0x7fbfffff; FTRC saturates and
 * gives 0x80000000 for NaN.
 */
const FloatNaNRules float_nan_rules_sh4 = {
    .name = "sh4",
    .snan_bit_is_one = true,
    .default_nan = float_dnan_all_but_quiet,
    .snan_to_default = true,
    .qnan_to_default = true,
    .order2 = { 0, 1 },
    .order3 = { 2, 0, 1 },
    .fma_inf_zero = float_infzero_default,
    .int_overflow = float_int_saturate,
    .int_nan = float_int_indefinite,
    .uint_invalid = float_int_saturate,
};

/*
 * CRIS has no floating-point unit; its user-mode libraries use these helpers
 * with plain IEEE 754-2008 behaviour: default NaN 0x7fc00000, SNaNs
 * quieted, first operand first.
 */
const FloatNaNRules float_nan_rules_cris = {
    .name = "cris",
    .default_nan = float_dnan_quiet_only,
    .snan_first = true,
    .order2 = { 0, 1 },
    .order3 = { 0, 1, 2 },
    .int_overflow = float_int_saturate,
    .int_nan = float_int_zero,
    .uint_invalid = float_int_saturate,
};
