/*
 * alu.c — integer data processing and its flags: add/subtract with carry
 * and overflow, logic with the shifter's carry-out, shifts by immediate
 * and by register (0, 32, more than 32), saturation and Q, the parallel
 * add/subtract family with GE, SEL, multiplies (Q, long, most significant
 * word), divide, bit-field and extension instructions.  Each operation is
 * one line: the ARM instruction and the C model of its pseudocode
 * (see isa.h for how the two builds are compared).
 */
#include "isa.h"

/* ---- C models, after the ARMv7-A ARM pseudocode ---- */

static uint32_t add_c(uint32_t a, uint32_t b, uint32_t cin, uint32_t *psr)
{
    uint64_t s = (uint64_t)a + b + cin;
    uint32_t r = (uint32_t)s;
    uint32_t v = (~(a ^ b) & (a ^ r)) >> 31;
    *psr = (*psr & 0x0fffffff) | nz32(r) | (s >> 32 ? PSR_C : 0) | (v ? PSR_V : 0);
    return r;
}

static uint32_t carry(const uint32_t *psr)
{
    return (*psr >> 29) & 1;
}

/* result with N and Z set, C = c (or unchanged when c < 0), V unchanged */
static uint32_t logic(uint32_t r, int c, uint32_t *psr)
{
    *psr = (*psr & ~(PSR_N | PSR_Z)) | nz32(r);
    if (c >= 0) {
        *psr = (*psr & ~PSR_C) | (c ? PSR_C : 0);
    }
    return r;
}

enum { SH_LSL, SH_LSR, SH_ASR, SH_ROR };

/* shift by register (amount = bottom byte), returning the carry-out or -1 when unchanged */
static uint32_t shift_reg(uint32_t a, uint32_t amt, int type, int *c)
{
    unsigned n = amt & 0xff;
    *c = -1;
    if (n == 0) {
        return a;
    }
    switch (type) {
    case SH_LSL:
        *c = n < 32 ? (a >> (32 - n)) & 1 : n == 32 ? a & 1 : 0;
        return n < 32 ? a << n : 0;
    case SH_LSR:
        *c = n < 32 ? (a >> (n - 1)) & 1 : n == 32 ? a >> 31 : 0;
        return n < 32 ? a >> n : 0;
    case SH_ASR:
        *c = n < 32 ? (a >> (n - 1)) & 1 : a >> 31;
        return n < 32 ? (uint32_t)((int32_t)a >> n) : (a >> 31 ? ~0u : 0);
    default: {
        unsigned m = n & 31;
        uint32_t r = m ? (a >> m | a << (32 - m)) : a;
        *c = r >> 31;
        return r;
    }
    }
}

/* shift by an immediate as encoded: 0 means 32 for LSR/ASR, RRX for ROR */
static uint32_t shift_imm(uint32_t a, unsigned n, int type, const uint32_t *psr, int *c)
{
    if (type == SH_ROR && n == 0) {
        *c = a & 1;
        return a >> 1 | carry(psr) << 31;
    }
    if (n == 0 && type != SH_LSL) {
        n = 32;
    }
    return shift_reg(a, n, type, c);
}

static uint32_t sh_flags(uint32_t a, uint32_t amt, int type, uint32_t *psr)
{
    int c;
    uint32_t r = shift_reg(a, amt, type, &c);
    return logic(r, c, psr);
}

static uint32_t shi_flags(uint32_t a, unsigned n, int type, uint32_t *psr)
{
    int c;
    uint32_t r = shift_imm(a, n, type, psr, &c);
    return logic(r, c, psr);
}

/* logical op with a shifted register operand: op 0 AND, 1 ORR, 2 EOR, 3 BIC */
static uint32_t logic_sh(int op, uint32_t a, uint32_t b, unsigned n, int type, uint32_t *psr)
{
    int c;
    uint32_t s = shift_imm(b, n, type, psr, &c);
    uint32_t r = op == 0 ? a & s : op == 1 ? (a | s) : op == 2 ? (a ^ s) : (a & ~s);
    return logic(r, c, psr);
}

static int64_t sat_s(int64_t v, int bits, uint32_t *psr)
{
    int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -hi - 1;
    if (v > hi || v < lo) {
        *psr |= PSR_Q;
        return v > hi ? hi : lo;
    }
    return v;
}

static int64_t sat_u(int64_t v, int bits, uint32_t *psr)
{
    int64_t hi = ((int64_t)1 << bits) - 1;
    if (v > hi || v < 0) {
        *psr |= PSR_Q;
        return v > hi ? hi : 0;
    }
    return v;
}

static uint32_t qaddsub(uint32_t a, uint32_t b, int dbl, int sub, uint32_t *psr)
{
    int64_t y = (int32_t)b;
    if (dbl) {
        y = sat_s(2 * y, 32, psr);
    }
    return (uint32_t)sat_s(sub ? (int32_t)a - y : (int32_t)a + y, 32, psr);
}

static uint32_t ssat_m(uint32_t a, int bits, uint32_t *psr)
{
    return (uint32_t)sat_s((int32_t)a, bits, psr);
}

static uint32_t usat_m(uint32_t a, int bits, uint32_t *psr)
{
    return (uint32_t)sat_u((int32_t)a, bits, psr);
}

static uint32_t sat16(uint32_t a, int bits, int u, uint32_t *psr)
{
    uint32_t lo = u ? sat_u((int16_t)a, bits, psr) : sat_s((int16_t)a, bits, psr);
    uint32_t hi = u ? sat_u((int16_t)(a >> 16), bits, psr) : sat_s((int16_t)(a >> 16), bits, psr);
    return (lo & 0xffff) | hi << 16;
}

/*
 * The parallel add/subtract family.  kind: 's' signed with GE, 'u'
 * unsigned with GE, 'q' signed saturating, 'Q' unsigned saturating, 'h'
 * signed halving, 'H' unsigned halving.  shape: "16" add16, "s16" sub16,
 * "8", "s8", "asx", "sax".
 */
static uint32_t par(char kind, const char *shape, uint32_t a, uint32_t b, uint32_t *psr)
{
    int w = strchr(shape, '8') ? 8 : 16, lanes = 32 / w;
    int is_signed = kind == 's' || kind == 'q' || kind == 'h';
    uint32_t r = 0, ge = 0, mask = (1u << w) - 1;
    for (int i = 0; i < lanes; i++) {
        uint32_t xa = (a >> (i * w)) & mask, xb;
        int sub;
        if (!strcmp(shape, "asx")) {
            xb = (b >> ((1 - i) * 16)) & mask;
            sub = i == 0;
        } else if (!strcmp(shape, "sax")) {
            xb = (b >> ((1 - i) * 16)) & mask;
            sub = i == 1;
        } else {
            xb = (b >> (i * w)) & mask;
            sub = shape[0] == 's';
        }
        int64_t x = is_signed ? (int64_t)(int32_t)(xa << (32 - w)) >> (32 - w) : xa;
        int64_t y = is_signed ? (int64_t)(int32_t)(xb << (32 - w)) >> (32 - w) : xb;
        int64_t v = sub ? x - y : x + y;
        int g;
        if (kind == 'u') {
            g = sub ? v >= 0 : v >= (1 << w);
        } else {
            g = v >= 0;
        }
        if (kind == 'q') {
            int64_t hi = (1 << (w - 1)) - 1, lo = -hi - 1;
            v = v > hi ? hi : v < lo ? lo : v;
        } else if (kind == 'Q') {
            v = v > mask ? mask : v < 0 ? 0 : v;
        } else if (kind == 'h' || kind == 'H') {
            v >>= 1;
        }
        r |= ((uint32_t)v & mask) << (i * w);
        int gbits = w == 8 ? 1 : 3;
        if (g) {
            ge |= (uint32_t)gbits << (i * (w / 8));
        }
    }
    if (kind == 's' || kind == 'u') {
        *psr = (*psr & ~PSR_GE(15)) | PSR_GE(ge);
    }
    return r;
}

static uint32_t sel_m(uint32_t a, uint32_t b, const uint32_t *psr)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        uint32_t m = 0xffu << (8 * i);
        r |= (*psr >> (16 + i)) & 1 ? a & m : b & m;
    }
    return r;
}

static int32_t half(uint32_t x, int top)
{
    return (int16_t)(top ? x >> 16 : x);
}

/* SMLA<x><y> and friends: the add saturates into Q only for the accumulate */
static uint32_t smla(uint32_t a, uint32_t b, uint32_t c, int x, int y, uint32_t *psr)
{
    int64_t v = (int64_t)half(a, x) * half(b, y) + (int32_t)c;
    if (v != (int32_t)v) {
        *psr |= PSR_Q;
    }
    return (uint32_t)v;
}

static uint32_t smlaw(uint32_t a, uint32_t b, uint32_t c, int y, uint32_t *psr)
{
    int64_t v = (((int64_t)(int32_t)a * half(b, y)) >> 16) + (int32_t)c;
    if (v != (int32_t)v) {
        *psr |= PSR_Q;
    }
    return (uint32_t)v;
}

/* SMUAD/SMLAD/SMUSD/SMLSD: sub = dual subtract, x = swap b's halves; Q only on add overflow */
static uint32_t smlad(uint32_t a, uint32_t b, uint32_t c, int sub, int x, int acc, uint32_t *psr)
{
    if (x) {
        b = b >> 16 | b << 16;
    }
    int64_t p1 = (int64_t)half(a, 0) * half(b, 0), p2 = (int64_t)half(a, 1) * half(b, 1);
    int64_t v = (sub ? p1 - p2 : p1 + p2) + (acc ? (int32_t)c : 0);
    if (v != (int32_t)v) {
        *psr |= PSR_Q;
    }
    return (uint32_t)v;
}

static uint32_t smmul(uint32_t a, uint32_t b, uint32_t c, int op, int round)
{
    int64_t p = (int64_t)(int32_t)a * (int32_t)b;
    int64_t acc = (int64_t)(uint64_t)c << 32;
    uint64_t v = op == 0 ? (uint64_t)p : op == 1 ? (uint64_t)acc + (uint64_t)p : (uint64_t)acc - (uint64_t)p;
    if (round) {
        v += 0x80000000u;
    }
    return (uint32_t)(v >> 32);
}

static uint32_t usad(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t s = c;
    for (int i = 0; i < 32; i += 8) {
        int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);
        s += d < 0 ? -d : d;
    }
    return s;
}

static uint32_t clz_m(uint32_t a)
{
    return a ? (uint32_t)__builtin_clz(a) : 32;
}

static uint32_t rbit_m(uint32_t a)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r |= ((a >> i) & 1) << (31 - i);
    }
    return r;
}

static uint32_t rev_m(uint32_t a)
{
    return a >> 24 | (a >> 8 & 0xff00) | (a << 8 & 0xff0000) | a << 24;
}

static uint32_t ror_m(uint32_t a, int n)
{
    return n ? a >> n | a << (32 - n) : a;
}

static uint32_t ext16(uint32_t a, int s)
{
    uint32_t lo = a & 0xff, hi = (a >> 16) & 0xff;
    if (s) {
        lo = (uint32_t)(int8_t)lo & 0xffff;
        hi = (uint32_t)(int8_t)hi & 0xffff;
    }
    return lo | hi << 16;
}

static uint32_t add16(uint32_t a, uint32_t b)
{
    return ((a + b) & 0xffff) | ((a >> 16) + (b >> 16)) << 16;
}

static uint32_t ubfx_m(uint32_t a, int lsb, int w, int s)
{
    uint32_t v = (a >> lsb) & (w == 32 ? ~0u : (1u << w) - 1);
    if (s && w < 32 && (v >> (w - 1)) & 1) {
        v |= ~0u << w;
    }
    return v;
}

static uint32_t bfi_m(uint32_t d, uint32_t a, int lsb, int w)
{
    uint32_t m = (w == 32 ? ~0u : (1u << w) - 1) << lsb;
    return (d & ~m) | ((a << lsb) & m);
}

static uint32_t sdiv_m(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if (a == 0x80000000u && b == 0xffffffffu) {
        return a;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}

/* ---- one line per operation ---- */

#if ISA_LEVEL >= 6
#define SETPSR "msr CPSR_fs, %[p]\n\t"
#else
#define SETPSR "msr CPSR_f, %[p]\n\t"
#endif

#if ISA_ON_ARM
#define OP(name, insn, model)                                                  \
    static uint32_t op_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t *psr) \
    {                                                                          \
        uint32_t r = c, p = *psr;                                              \
        asm volatile(SETPSR insn "\n\tmrs %[p], APSR"                          \
                     : [r] "+&r"(r), [p] "+&r"(p) : [a] "r"(a), [b] "r"(b) : "cc"); \
        *psr = p;                                                              \
        return r;                                                              \
    }
#define OPL(name, insn, model)                                                 \
    static uint64_t op_##name(uint32_t a, uint32_t b, uint64_t acc, uint32_t *psr) \
    {                                                                          \
        uint32_t lo = (uint32_t)acc, hi = (uint32_t)(acc >> 32), p = *psr;     \
        asm volatile(SETPSR insn "\n\tmrs %[p], APSR"                          \
                     : [lo] "+&r"(lo), [hi] "+&r"(hi), [p] "+&r"(p)             \
                     : [a] "r"(a), [b] "r"(b) : "cc");                          \
        *psr = p;                                                              \
        return (uint64_t)hi << 32 | lo;                                        \
    }
#else
#define OP(name, insn, model)                                                  \
    static uint32_t op_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t *psr) \
    {                                                                          \
        (void)a; (void)b; (void)c; (void)psr;                                  \
        return (model);                                                        \
    }
#define OPL(name, insn, model)                                                 \
    static uint64_t op_##name(uint32_t a, uint32_t b, uint64_t acc, uint32_t *psr) \
    {                                                                          \
        (void)a; (void)b; (void)acc; (void)psr;                                \
        return (model);                                                        \
    }
#endif

/* In the instructions %[r] is the destination, preloaded with the third operand c. */
OP(adds, "adds %[r], %[a], %[b]", add_c(a, b, 0, psr))
OP(adcs, "adcs %[r], %[a], %[b]", add_c(a, b, carry(psr), psr))
OP(subs, "subs %[r], %[a], %[b]", add_c(a, ~b, 1, psr))
OP(sbcs, "sbcs %[r], %[a], %[b]", add_c(a, ~b, carry(psr), psr))
OP(rsbs, "rsbs %[r], %[a], #0", add_c(0, ~a, 1, psr))
OP(cmp, "cmp %[a], %[b]", (add_c(a, ~b, 1, psr), c))
OP(cmn, "cmn %[a], %[b]", (add_c(a, b, 0, psr), c))
OP(tst, "tst %[a], %[b], lsl #31", logic_sh(0, a, b, 31, SH_LSL, psr) * 0 + c)
OP(teq, "teq %[a], %[b], asr #32", logic_sh(2, a, b, 0, SH_ASR, psr) * 0 + c)
OP(ands_lsl1, "ands %[r], %[a], %[b], lsl #1", logic_sh(0, a, b, 1, SH_LSL, psr))
OP(orrs_asr32, "orrs %[r], %[a], %[b], asr #32", logic_sh(1, a, b, 0, SH_ASR, psr))
OP(eors_lsr32, "eors %[r], %[a], %[b], lsr #32", logic_sh(2, a, b, 0, SH_LSR, psr))
OP(bics_ror7, "bics %[r], %[a], %[b], ror #7", logic_sh(3, a, b, 7, SH_ROR, psr))
OP(ands_rrx, "ands %[r], %[a], %[b], rrx", logic_sh(0, a, b, 0, SH_ROR, psr))
OP(ands_reg, "ands %[r], %[a], %[b]", logic(a & b, -1, psr))
OP(mvns, "mvns %[r], %[a]", logic(~a, -1, psr))
OP(lsls_reg, "lsls %[r], %[a], %[b]", sh_flags(a, b, SH_LSL, psr))
OP(lsrs_reg, "lsrs %[r], %[a], %[b]", sh_flags(a, b, SH_LSR, psr))
OP(asrs_reg, "asrs %[r], %[a], %[b]", sh_flags(a, b, SH_ASR, psr))
OP(rors_reg, "rors %[r], %[a], %[b]", sh_flags(a, b, SH_ROR, psr))
OP(movs_lsl0, "movs %[r], %[a]", shi_flags(a, 0, SH_LSL, psr))
OP(lsls_1, "lsls %[r], %[a], #1", shi_flags(a, 1, SH_LSL, psr))
OP(lsls_31, "lsls %[r], %[a], #31", shi_flags(a, 31, SH_LSL, psr))
OP(lsrs_1, "lsrs %[r], %[a], #1", shi_flags(a, 1, SH_LSR, psr))
OP(lsrs_32, "lsrs %[r], %[a], #32", shi_flags(a, 0, SH_LSR, psr))
OP(asrs_31, "asrs %[r], %[a], #31", shi_flags(a, 31, SH_ASR, psr))
OP(asrs_32, "asrs %[r], %[a], #32", shi_flags(a, 0, SH_ASR, psr))
OP(rors_1, "rors %[r], %[a], #1", shi_flags(a, 1, SH_ROR, psr))
OP(rors_31, "rors %[r], %[a], #31", shi_flags(a, 31, SH_ROR, psr))
OP(rrxs, "rrxs %[r], %[a]", shi_flags(a, 0, SH_ROR, psr))
OP(mul, "mul %[r], %[a], %[b]", a * b)
OP(mla, "mla %[r], %[a], %[b], %[r]", a * b + c)
OP(qadd, "qadd %[r], %[a], %[b]", qaddsub(a, b, 0, 0, psr))
OP(qsub, "qsub %[r], %[a], %[b]", qaddsub(a, b, 0, 1, psr))
OP(qdadd, "qdadd %[r], %[a], %[b]", qaddsub(a, b, 1, 0, psr))
OP(qdsub, "qdsub %[r], %[a], %[b]", qaddsub(a, b, 1, 1, psr))
OP(smulbb, "smulbb %[r], %[a], %[b]", (uint32_t)(half(a, 0) * half(b, 0)))
OP(smultb, "smultb %[r], %[a], %[b]", (uint32_t)(half(a, 1) * half(b, 0)))
OP(smulbt, "smulbt %[r], %[a], %[b]", (uint32_t)(half(a, 0) * half(b, 1)))
OP(smultt, "smultt %[r], %[a], %[b]", (uint32_t)(half(a, 1) * half(b, 1)))
OP(smlabb, "smlabb %[r], %[a], %[b], %[r]", smla(a, b, c, 0, 0, psr))
OP(smlatt, "smlatt %[r], %[a], %[b], %[r]", smla(a, b, c, 1, 1, psr))
OP(smulwb, "smulwb %[r], %[a], %[b]", (uint32_t)(((int64_t)(int32_t)a * half(b, 0)) >> 16))
OP(smlawt, "smlawt %[r], %[a], %[b], %[r]", smlaw(a, b, c, 1, psr))
OP(clz, "clz %[r], %[a]", clz_m(a))
OPL(umull, "umull %[lo], %[hi], %[a], %[b]", (uint64_t)a * b)
OPL(smull, "smull %[lo], %[hi], %[a], %[b]", (uint64_t)((int64_t)(int32_t)a * (int32_t)b))
OPL(umlal, "umlal %[lo], %[hi], %[a], %[b]", (uint64_t)a * b + acc)
OPL(smlal, "smlal %[lo], %[hi], %[a], %[b]", (uint64_t)((int64_t)(int32_t)a * (int32_t)b) + acc)
OPL(smlalbt, "smlalbt %[lo], %[hi], %[a], %[b]", (uint64_t)((int64_t)half(a, 0) * half(b, 1)) + acc)
#if ISA_LEVEL >= 6
OP(ssat1, "ssat %[r], #1, %[a]", ssat_m(a, 1, psr))
OP(ssat8, "ssat %[r], #8, %[a]", ssat_m(a, 8, psr))
OP(ssat32_asr, "ssat %[r], #32, %[a], asr #3", ssat_m((uint32_t)((int32_t)a >> 3), 32, psr))
OP(ssat16_lsl, "ssat %[r], #16, %[a], lsl #4", ssat_m(a << 4, 16, psr))
OP(usat0, "usat %[r], #0, %[a]", usat_m(a, 0, psr))
OP(usat8, "usat %[r], #8, %[a]", usat_m(a, 8, psr))
OP(usat31, "usat %[r], #31, %[a]", usat_m(a, 31, psr))
OP(ssat16_8, "ssat16 %[r], #8, %[a]", sat16(a, 8, 0, psr))
OP(ssat16_16, "ssat16 %[r], #16, %[a]", sat16(a, 16, 0, psr))
OP(usat16_0, "usat16 %[r], #0, %[a]", sat16(a, 0, 1, psr))
OP(usat16_7, "usat16 %[r], #7, %[a]", sat16(a, 7, 1, psr))
OP(sadd16, "sadd16 %[r], %[a], %[b]", par('s', "16", a, b, psr))
OP(ssub16, "ssub16 %[r], %[a], %[b]", par('s', "s16", a, b, psr))
OP(sadd8, "sadd8 %[r], %[a], %[b]", par('s', "8", a, b, psr))
OP(ssub8, "ssub8 %[r], %[a], %[b]", par('s', "s8", a, b, psr))
OP(sasx, "sasx %[r], %[a], %[b]", par('s', "asx", a, b, psr))
OP(ssax, "ssax %[r], %[a], %[b]", par('s', "sax", a, b, psr))
OP(uadd16, "uadd16 %[r], %[a], %[b]", par('u', "16", a, b, psr))
OP(usub16, "usub16 %[r], %[a], %[b]", par('u', "s16", a, b, psr))
OP(uadd8, "uadd8 %[r], %[a], %[b]", par('u', "8", a, b, psr))
OP(usub8, "usub8 %[r], %[a], %[b]", par('u', "s8", a, b, psr))
OP(uasx, "uasx %[r], %[a], %[b]", par('u', "asx", a, b, psr))
OP(usax, "usax %[r], %[a], %[b]", par('u', "sax", a, b, psr))
OP(qadd16, "qadd16 %[r], %[a], %[b]", par('q', "16", a, b, psr))
OP(qsub8, "qsub8 %[r], %[a], %[b]", par('q', "s8", a, b, psr))
OP(qasx, "qasx %[r], %[a], %[b]", par('q', "asx", a, b, psr))
OP(uqadd8, "uqadd8 %[r], %[a], %[b]", par('Q', "8", a, b, psr))
OP(uqsub16, "uqsub16 %[r], %[a], %[b]", par('Q', "s16", a, b, psr))
OP(uqsax, "uqsax %[r], %[a], %[b]", par('Q', "sax", a, b, psr))
OP(shadd8, "shadd8 %[r], %[a], %[b]", par('h', "8", a, b, psr))
OP(shsub16, "shsub16 %[r], %[a], %[b]", par('h', "s16", a, b, psr))
OP(shsax, "shsax %[r], %[a], %[b]", par('h', "sax", a, b, psr))
OP(uhadd16, "uhadd16 %[r], %[a], %[b]", par('H', "16", a, b, psr))
OP(uhsub8, "uhsub8 %[r], %[a], %[b]", par('H', "s8", a, b, psr))
OP(uhasx, "uhasx %[r], %[a], %[b]", par('H', "asx", a, b, psr))
OP(sel, "sel %[r], %[a], %[b]", sel_m(a, b, psr))
OP(smuad, "smuad %[r], %[a], %[b]", smlad(a, b, c, 0, 0, 0, psr))
OP(smuadx, "smuadx %[r], %[a], %[b]", smlad(a, b, c, 0, 1, 0, psr))
OP(smlad, "smlad %[r], %[a], %[b], %[r]", smlad(a, b, c, 0, 0, 1, psr))
OP(smusd, "smusd %[r], %[a], %[b]", smlad(a, b, c, 1, 0, 0, psr))
OP(smlsdx, "smlsdx %[r], %[a], %[b], %[r]", smlad(a, b, c, 1, 1, 1, psr))
OP(smmul, "smmul %[r], %[a], %[b]", smmul(a, b, c, 0, 0))
OP(smmulr, "smmulr %[r], %[a], %[b]", smmul(a, b, c, 0, 1))
OP(smmla, "smmla %[r], %[a], %[b], %[r]", smmul(a, b, c, 1, 0))
OP(smmlsr, "smmlsr %[r], %[a], %[b], %[r]", smmul(a, b, c, 2, 1))
OP(usad8, "usad8 %[r], %[a], %[b]", usad(a, b, 0))
OP(usada8, "usada8 %[r], %[a], %[b], %[r]", usad(a, b, c))
OP(rev, "rev %[r], %[a]", rev_m(a))
OP(rev16, "rev16 %[r], %[a]", ror_m(rev_m(a), 16))
OP(revsh, "revsh %[r], %[a]", (uint32_t)(int16_t)(((a & 0xff) << 8) | ((a >> 8) & 0xff)))
OP(sxtb_ror8, "sxtb %[r], %[a], ror #8", (uint32_t)(int8_t)(a >> 8))
OP(uxth_ror16, "uxth %[r], %[a], ror #16", a >> 16)
OP(sxtb16, "sxtb16 %[r], %[a]", ext16(a, 1))
OP(uxtb16_ror24, "uxtb16 %[r], %[a], ror #24", ext16(ror_m(a, 24), 0))
OP(sxtah, "sxtah %[r], %[a], %[b]", a + (uint32_t)(int16_t)b)
OP(uxtab16, "uxtab16 %[r], %[a], %[b], ror #8", add16(a, ext16(ror_m(b, 8), 0)))
OP(pkhbt, "pkhbt %[r], %[a], %[b], lsl #8", (a & 0xffff) | ((b << 8) & 0xffff0000))
OP(pkhtb, "pkhtb %[r], %[a], %[b], asr #20", (a & 0xffff0000) | ((uint32_t)((int32_t)b >> 20) & 0xffff))
OPL(umaal, "umaal %[lo], %[hi], %[a], %[b]", (uint64_t)a * b + (uint32_t)acc + (acc >> 32))
OPL(smlald, "smlald %[lo], %[hi], %[a], %[b]", acc + (uint64_t)((int64_t)half(a, 0) * half(b, 0) + (int64_t)half(a, 1) * half(b, 1)))
OPL(smlsldx, "smlsldx %[lo], %[hi], %[a], %[b]", acc + (uint64_t)((int64_t)half(a, 0) * half(b, 1) - (int64_t)half(a, 1) * half(b, 0)))
#endif
#if ISA_LEVEL >= 7
OP(mls, "mls %[r], %[a], %[b], %[r]", c - a * b)
OP(rbit, "rbit %[r], %[a]", rbit_m(a))
OP(ubfx, "ubfx %[r], %[a], #3, #9", ubfx_m(a, 3, 9, 0))
OP(sbfx, "sbfx %[r], %[a], #28, #4", ubfx_m(a, 28, 4, 1))
OP(sbfx32, "sbfx %[r], %[a], #0, #32", ubfx_m(a, 0, 32, 1))
OP(bfi, "bfi %[r], %[a], #8, #12", bfi_m(c, a, 8, 12))
OP(bfc, "bfc %[r], #31, #1", bfi_m(c, 0, 31, 1))
OP(sdiv, ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", sdiv_m(a, b))
OP(udiv, ".arch_extension idiv\n\tudiv %[r], %[a], %[b]", b ? a / b : 0)
#endif

struct op {
    const char *name;
    uint32_t (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *);
    uint64_t (*fnl)(uint32_t, uint32_t, uint64_t, uint32_t *);
    int unary;   /* ignores b: one line per a */
    int shift;   /* b from the shift amounts */
};

#define E(n) { #n, op_##n, 0, 0, 0 }
#define U(n) { #n, op_##n, 0, 1, 0 }
#define S(n) { #n, op_##n, 0, 0, 1 }
#define L(n) { #n, 0, op_##n, 0, 0 }

static const struct op ops[] = {
    E(adds), E(adcs), E(subs), E(sbcs), U(rsbs), E(cmp), E(cmn), E(tst), E(teq),
    E(ands_lsl1), E(orrs_asr32), E(eors_lsr32), E(bics_ror7), E(ands_rrx), E(ands_reg), U(mvns),
    S(lsls_reg), S(lsrs_reg), S(asrs_reg), S(rors_reg),
    U(movs_lsl0), U(lsls_1), U(lsls_31), U(lsrs_1), U(lsrs_32), U(asrs_31), U(asrs_32),
    U(rors_1), U(rors_31), U(rrxs),
    E(mul), E(mla), E(qadd), E(qsub), E(qdadd), E(qdsub),
    E(smulbb), E(smultb), E(smulbt), E(smultt), E(smlabb), E(smlatt), E(smulwb), E(smlawt),
    U(clz), L(umull), L(smull), L(umlal), L(smlal), L(smlalbt),
#if ISA_LEVEL >= 6
    U(ssat1), U(ssat8), U(ssat32_asr), U(ssat16_lsl), U(usat0), U(usat8), U(usat31),
    U(ssat16_8), U(ssat16_16), U(usat16_0), U(usat16_7),
    E(sadd16), E(ssub16), E(sadd8), E(ssub8), E(sasx), E(ssax),
    E(uadd16), E(usub16), E(uadd8), E(usub8), E(uasx), E(usax),
    E(qadd16), E(qsub8), E(qasx), E(uqadd8), E(uqsub16), E(uqsax),
    E(shadd8), E(shsub16), E(shsax), E(uhadd16), E(uhsub8), E(uhasx), E(sel),
    E(smuad), E(smuadx), E(smlad), E(smusd), E(smlsdx), E(smmul), E(smmulr), E(smmla), E(smmlsr),
    E(usad8), E(usada8), U(rev), U(rev16), U(revsh), U(sxtb_ror8), U(uxth_ror16), U(sxtb16),
    U(uxtb16_ror24), E(sxtah), E(uxtab16), E(pkhbt), E(pkhtb),
    L(umaal), L(smlald), L(smlsldx),
#endif
#if ISA_LEVEL >= 7
    E(mls), U(rbit), U(ubfx), U(sbfx), U(sbfx32), U(bfi), U(bfc), E(sdiv), E(udiv),
#endif
};

static const uint32_t shift_amounts[] = { 0, 1, 7, 31, 32, 33, 64, 255, 256, 0x1f1 };

/* Flags going in: all clear, and a mix (N, C, V, GE 1010 where GE exists) to see what is preserved. */
static const uint32_t psr_in[] = { 0, PSR_N | PSR_C | PSR_V | (ISA_LEVEL >= 6 ? PSR_GE(0xa) : 0) };

int main(void)
{
    unsigned long lines = 0;
    for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        const struct op *o = &ops[k];
        size_t nb = o->unary ? 1 : o->shift ? sizeof(shift_amounts) / 4 : ISA_NEDGE;
        for (size_t i = 0; i < ISA_NEDGE; i++) {
            for (size_t j = 0; j < nb; j++) {
                for (size_t f = 0; f < 2; f++) {
                    uint32_t a = isa_edge[i];
                    uint32_t b = o->shift ? shift_amounts[j] : isa_edge[j];
                    uint32_t c = isa_edge[(i + 3 * j + 5) % ISA_NEDGE];
                    uint32_t psr = psr_in[f];
                    if (o->fn) {
                        uint32_t r = o->fn(a, b, c, &psr);
                        printf("%s %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32
                               " -> %08" PRIx32 " %08" PRIx32 "\n",
                               o->name, a, b, c, psr_in[f], r, psr & PSR_SHOWN);
                    } else {
                        uint64_t acc = (uint64_t)c << 32 | isa_edge[(i + j) % ISA_NEDGE];
                        uint64_t r = o->fnl(a, b, acc, &psr);
                        printf("%s %08" PRIx32 " %08" PRIx32 " %016" PRIx64 " %08" PRIx32
                               " -> %016" PRIx64 " %08" PRIx32 "\n",
                               o->name, a, b, acc, psr_in[f], r, psr & PSR_SHOWN);
                    }
                    lines++;
                }
            }
        }
    }
    printf("alu: %lu results\n", lines);
    return 0;
}
