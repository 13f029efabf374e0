/*
 * decode-table.c — the x86 opcode maps in the Intel manual's notation
 * (SDM vol. 2D, appendix A: one-byte map, two-byte map,
 * three-byte maps, groups A-6 "opcode extensions").  This table is
 * the single source of truth for what decodes: translate.c walks it and
 * knows no opcode by number.
 *
 * Row macros (legend):
 *   I(name, emitter, op1, op2, op3, special, flags)    an instruction
 *   F(..., feature word, feature bit)                   the same, CPUID-gated
 *   S(name, helper, op1, op2, op3, flags, word, bit)   an SSE row calling sse_helper.c
 *   GROUP(table) / GROUPM(table)                        ModRM.reg selects (M: +8 for mod 3)
 *   PFX(table)                                          mandatory prefix: none, 66, F3, F2
 *   MM(name, helper, flags, feature)                    an MMX row (Pq, Qq) on an SSE helper
 *   PI/PIM(op, name, feature)                           0F op: MMX form (PIM: its own MMX helper)
 *                                                       and the 66 XMM form
 *   UD(reason)                                          defined but not emulated: #UD, logged
 * An absent row is undefined: #UD.
 */
#include "emit.h"
#include "emit-sys.h"
#include "helper.h"
#include "sse_helper.h"
#include "sse_approx.h"

#define I(nm, fn, a, b, c, sp, fl) \
    { .name = nm, .gen = i386_emit_##fn, .op = { a, b, c }, .special = sp, .flags = fl }
#define FEAT_INIT_(w, bit) .feat = w, .feat_bit = bit
#define FEAT_INIT(...) FEAT_INIT_(__VA_ARGS__)
#define F(nm, fn, a, b, c, sp, fl, ...) \
    { .name = nm, .gen = i386_emit_##fn, .op = { a, b, c }, .special = sp, .flags = fl, \
      FEAT_INIT(__VA_ARGS__) }
#define S(nm, h, a, b, c, fl, ...) \
    { .name = nm, .gen = i386_emit_sse_op, .op = { a, b, c }, .flags = fl, \
      FEAT_INIT(__VA_ARGS__), .helper = &i386_sse_##h }
#define MMX FEAT_1_EDX, CPUID_MMX
/* an MMX row: Pq, Qq through a helper on the low half (emit-mmx.c) */
#define MM(nm, h, fl, ...) \
    { .name = nm, .gen = i386_emit_mmx_op, .op = { Pq, Qq, 0 }, .flags = fl, \
      FEAT_INIT(__VA_ARGS__), .helper = &i386_sse_##h }
#define GROUP(t) { .flags = X86_GROUP, .sub = t }
#define GROUPM(t) { .flags = X86_GROUPM, .sub = t }
#define PFX(t) { .flags = X86_PREFIXED, .sub = t }
#define ESC(t) { .flags = X86_ESCAPE, .sub = t }
#define UD(reason) { .name = reason, .flags = X86_MODRM }
#define UDN(reason) { .name = reason }

/* feature shorthands */
#define SSE FEAT_1_EDX, CPUID_SSE
#define SSE2 FEAT_1_EDX, CPUID_SSE2
#define SSE3 FEAT_1_ECX, CPUID_EXT_SSE3
#define SSSE3 FEAT_1_ECX, CPUID_EXT_SSSE3
#define SSE41 FEAT_1_ECX, CPUID_EXT_SSE41
#define SSE42 FEAT_1_ECX, CPUID_EXT_SSE42

/* ---- one-byte map groups -------------------------------------------------------- */

#define GRP1(a, b) {                                                                     \
    I("add", alu, a, b, 0, 0, X86_LOCK), I("or", alu, a, b, 0, 1, X86_LOCK),             \
    I("adc", alu, a, b, 0, 2, X86_LOCK), I("sbb", alu, a, b, 0, 3, X86_LOCK),            \
    I("and", alu, a, b, 0, 4, X86_LOCK), I("sub", alu, a, b, 0, 5, X86_LOCK),            \
    I("xor", alu, a, b, 0, 6, X86_LOCK), I("cmp", alu, a, b, 0, 7, 0),                   \
}
static const X86OpEntry grp1_EbIb[8] = GRP1(Eb, Ib);
static const X86OpEntry grp1_EvIz[8] = GRP1(Ev, Iz);
static const X86OpEntry grp1_EvIb[8] = GRP1(Ev, Ib);

#define GRP2(a, b) {                                                                     \
    I("rol", shift, a, b, 0, I386_ROL, 0), I("ror", shift, a, b, 0, I386_ROR, 0),        \
    I("rcl", shift, a, b, 0, I386_RCL, 0), I("rcr", shift, a, b, 0, I386_RCR, 0),        \
    I("shl", shift, a, b, 0, I386_SHL, 0), I("shr", shift, a, b, 0, I386_SHR, 0),        \
    I("sal", shift, a, b, 0, I386_SAL, 0), I("sar", shift, a, b, 0, I386_SAR, 0),        \
}
static const X86OpEntry grp2_EbIb[8] = GRP2(Eb, Ib);
static const X86OpEntry grp2_EvIb[8] = GRP2(Ev, Ib);
static const X86OpEntry grp2_Eb1[8] = GRP2(Eb, ONE);
static const X86OpEntry grp2_Ev1[8] = GRP2(Ev, ONE);
static const X86OpEntry grp2_EbCL[8] = GRP2(Eb, CL);
static const X86OpEntry grp2_EvCL[8] = GRP2(Ev, CL);

static const X86OpEntry grp3_Eb[8] = {
    I("test", test, Eb, Ib, 0, 0, 0), I("test", test, Eb, Ib, 0, 0, 0),
    I("not", not, Eb, 0, 0, 0, X86_LOCK), I("neg", neg, Eb, 0, 0, 0, X86_LOCK),
    I("mul", mul1, Eb, 0, 0, 0, 0), I("imul", mul1, Eb, 0, 0, 1, 0),
    I("div", div, Eb, 0, 0, 0, 0), I("idiv", div, Eb, 0, 0, 1, 0),
};
static const X86OpEntry grp3_Ev[8] = {
    I("test", test, Ev, Iz, 0, 0, 0), I("test", test, Ev, Iz, 0, 0, 0),
    I("not", not, Ev, 0, 0, 0, X86_LOCK), I("neg", neg, Ev, 0, 0, 0, X86_LOCK),
    I("mul", mul1, Ev, 0, 0, 0, 0), I("imul", mul1, Ev, 0, 0, 1, 0),
    I("div", div, Ev, 0, 0, 0, 0), I("idiv", div, Ev, 0, 0, 1, 0),
};
static const X86OpEntry grp4[8] = {
    I("inc", incdec, Eb, 0, 0, 0, X86_LOCK), I("dec", incdec, Eb, 0, 0, 1, X86_LOCK),
};
static const X86OpEntry grp5[8] = {
    I("inc", incdec, Ev, 0, 0, 0, X86_LOCK), I("dec", incdec, Ev, 0, 0, 1, X86_LOCK),
    I("call", call_ind, Ev, 0, 0, 0, X86_F64), I("lcall", sys_far_ind, M, 0, 0, 1, 0),
    I("jmp", jmp_ind, Ev, 0, 0, 0, X86_F64), I("ljmp", sys_far_ind, M, 0, 0, 0, 0),
    I("push", push, Ev, 0, 0, 0, X86_D64),
};
static const X86OpEntry grp11_Eb[8] = { I("mov", mov, Eb, Ib, 0, 0, 0) };
static const X86OpEntry grp11_Ev[8] = { I("mov", mov, Ev, Iz, 0, 0, 0) };
static const X86OpEntry grp1a[8] = { I("pop", pop, Ev, 0, 0, 0, X86_D64) };

static const X86OpEntry map_0f[256];

const X86OpEntry i386_map_1byte[256] = {
    [0x00] = I("add", alu, Eb, Gb, 0, 0, X86_LOCK),
    [0x01] = I("add", alu, Ev, Gv, 0, 0, X86_LOCK),
    [0x02] = I("add", alu, Gb, Eb, 0, 0, 0),
    [0x03] = I("add", alu, Gv, Ev, 0, 0, 0),
    [0x04] = I("add", alu, AL, Ib, 0, 0, 0),
    [0x05] = I("add", alu, eAX, Iz, 0, 0, 0),
    [0x06] = I("push es", push_seg, 0, 0, 0, R_ES, X86_I64),
    [0x07] = I("pop es", pop_seg, 0, 0, 0, R_ES, X86_I64),
    [0x08] = I("or", alu, Eb, Gb, 0, 1, X86_LOCK),
    [0x09] = I("or", alu, Ev, Gv, 0, 1, X86_LOCK),
    [0x0a] = I("or", alu, Gb, Eb, 0, 1, 0),
    [0x0b] = I("or", alu, Gv, Ev, 0, 1, 0),
    [0x0c] = I("or", alu, AL, Ib, 0, 1, 0),
    [0x0d] = I("or", alu, eAX, Iz, 0, 1, 0),
    [0x0e] = I("push cs", push_seg, 0, 0, 0, R_CS, X86_I64),
    [0x0f] = ESC(map_0f),
    [0x10] = I("adc", alu, Eb, Gb, 0, 2, X86_LOCK),
    [0x11] = I("adc", alu, Ev, Gv, 0, 2, X86_LOCK),
    [0x12] = I("adc", alu, Gb, Eb, 0, 2, 0),
    [0x13] = I("adc", alu, Gv, Ev, 0, 2, 0),
    [0x14] = I("adc", alu, AL, Ib, 0, 2, 0),
    [0x15] = I("adc", alu, eAX, Iz, 0, 2, 0),
    [0x16] = I("push ss", push_seg, 0, 0, 0, R_SS, X86_I64),
    [0x17] = I("pop ss", pop_seg, 0, 0, 0, R_SS, X86_I64),
    [0x18] = I("sbb", alu, Eb, Gb, 0, 3, X86_LOCK),
    [0x19] = I("sbb", alu, Ev, Gv, 0, 3, X86_LOCK),
    [0x1a] = I("sbb", alu, Gb, Eb, 0, 3, 0),
    [0x1b] = I("sbb", alu, Gv, Ev, 0, 3, 0),
    [0x1c] = I("sbb", alu, AL, Ib, 0, 3, 0),
    [0x1d] = I("sbb", alu, eAX, Iz, 0, 3, 0),
    [0x1e] = I("push ds", push_seg, 0, 0, 0, R_DS, X86_I64),
    [0x1f] = I("pop ds", pop_seg, 0, 0, 0, R_DS, X86_I64),
    [0x20] = I("and", alu, Eb, Gb, 0, 4, X86_LOCK),
    [0x21] = I("and", alu, Ev, Gv, 0, 4, X86_LOCK),
    [0x22] = I("and", alu, Gb, Eb, 0, 4, 0),
    [0x23] = I("and", alu, Gv, Ev, 0, 4, 0),
    [0x24] = I("and", alu, AL, Ib, 0, 4, 0),
    [0x25] = I("and", alu, eAX, Iz, 0, 4, 0),
    [0x27] = I("daa", bcd, 0, 0, 0, I386_DAA, X86_I64),
    [0x28] = I("sub", alu, Eb, Gb, 0, 5, X86_LOCK),
    [0x29] = I("sub", alu, Ev, Gv, 0, 5, X86_LOCK),
    [0x2a] = I("sub", alu, Gb, Eb, 0, 5, 0),
    [0x2b] = I("sub", alu, Gv, Ev, 0, 5, 0),
    [0x2c] = I("sub", alu, AL, Ib, 0, 5, 0),
    [0x2d] = I("sub", alu, eAX, Iz, 0, 5, 0),
    [0x2f] = I("das", bcd, 0, 0, 0, I386_DAS, X86_I64),
    [0x30] = I("xor", alu, Eb, Gb, 0, 6, X86_LOCK),
    [0x31] = I("xor", alu, Ev, Gv, 0, 6, X86_LOCK),
    [0x32] = I("xor", alu, Gb, Eb, 0, 6, 0),
    [0x33] = I("xor", alu, Gv, Ev, 0, 6, 0),
    [0x34] = I("xor", alu, AL, Ib, 0, 6, 0),
    [0x35] = I("xor", alu, eAX, Iz, 0, 6, 0),
    [0x37] = I("aaa", bcd, 0, 0, 0, I386_AAA, X86_I64),
    [0x38] = I("cmp", alu, Eb, Gb, 0, 7, 0),
    [0x39] = I("cmp", alu, Ev, Gv, 0, 7, 0),
    [0x3a] = I("cmp", alu, Gb, Eb, 0, 7, 0),
    [0x3b] = I("cmp", alu, Gv, Ev, 0, 7, 0),
    [0x3c] = I("cmp", alu, AL, Ib, 0, 7, 0),
    [0x3d] = I("cmp", alu, eAX, Iz, 0, 7, 0),
    [0x3f] = I("aas", bcd, 0, 0, 0, I386_AAS, X86_I64),
    [0x40 ... 0x47] = I("inc", incdec, Zv, 0, 0, 0, X86_I64),
    [0x48 ... 0x4f] = I("dec", incdec, Zv, 0, 0, 1, X86_I64),
    [0x50 ... 0x57] = I("push", push, Zv, 0, 0, 0, X86_D64),
    [0x58 ... 0x5f] = I("pop", pop, Zv, 0, 0, 0, X86_D64),
    [0x60] = I("pusha", pusha, 0, 0, 0, 0, X86_I64),
    [0x61] = I("popa", pusha, 0, 0, 0, 1, X86_I64),
    [0x62] = I("bound", bound, Gv, M, 0, 0, X86_I64),
    [0x63] = I("movsxd/arpl", movsxd_arpl, Gv, Ed, 0, 1, 0),
    [0x68] = I("push", push, Iz, 0, 0, 0, X86_D64),
    [0x69] = I("imul", imul, Gv, Ev, Iz, 0, 0),
    [0x6a] = I("push", push, Ib, 0, 0, 0, X86_D64),
    [0x6b] = I("imul", imul, Gv, Ev, Ib, 0, 0),
    [0x6c ... 0x6f] = I("ins/outs", sys_insouts, 0, 0, 0, 0, 0),
    [0x70] = I("jo", jcc, Jb, 0, 0, 0x0, X86_F64),
    [0x71] = I("jno", jcc, Jb, 0, 0, 0x1, X86_F64),
    [0x72] = I("jb", jcc, Jb, 0, 0, 0x2, X86_F64),
    [0x73] = I("jae", jcc, Jb, 0, 0, 0x3, X86_F64),
    [0x74] = I("je", jcc, Jb, 0, 0, 0x4, X86_F64),
    [0x75] = I("jne", jcc, Jb, 0, 0, 0x5, X86_F64),
    [0x76] = I("jbe", jcc, Jb, 0, 0, 0x6, X86_F64),
    [0x77] = I("ja", jcc, Jb, 0, 0, 0x7, X86_F64),
    [0x78] = I("js", jcc, Jb, 0, 0, 0x8, X86_F64),
    [0x79] = I("jns", jcc, Jb, 0, 0, 0x9, X86_F64),
    [0x7a] = I("jp", jcc, Jb, 0, 0, 0xa, X86_F64),
    [0x7b] = I("jnp", jcc, Jb, 0, 0, 0xb, X86_F64),
    [0x7c] = I("jl", jcc, Jb, 0, 0, 0xc, X86_F64),
    [0x7d] = I("jge", jcc, Jb, 0, 0, 0xd, X86_F64),
    [0x7e] = I("jle", jcc, Jb, 0, 0, 0xe, X86_F64),
    [0x7f] = I("jg", jcc, Jb, 0, 0, 0xf, X86_F64),
    [0x80] = GROUP(grp1_EbIb),
    [0x81] = GROUP(grp1_EvIz),
    [0x82] = { .flags = X86_GROUP | X86_I64, .sub = grp1_EbIb },
    [0x83] = GROUP(grp1_EvIb),
    [0x84] = I("test", test, Eb, Gb, 0, 0, 0),
    [0x85] = I("test", test, Ev, Gv, 0, 0, 0),
    [0x86] = I("xchg", xchg, Eb, Gb, 0, 0, X86_LOCK),
    [0x87] = I("xchg", xchg, Ev, Gv, 0, 0, X86_LOCK),
    [0x88] = I("mov", mov, Eb, Gb, 0, 0, 0),
    [0x89] = I("mov", mov, Ev, Gv, 0, 0, 0),
    [0x8a] = I("mov", mov, Gb, Eb, 0, 0, 0),
    [0x8b] = I("mov", mov, Gv, Ev, 0, 0, 0),
    [0x8c] = I("mov", mov_from_seg, Ev, 0, 0, 0, 0),
    [0x8d] = I("lea", lea, Gv, M, 0, 0, X86_NOSEG),
    [0x8e] = I("mov", mov_to_seg, Ew, 0, 0, 0, 0),
    [0x8f] = GROUP(grp1a),
    [0x90 ... 0x97] = I("xchg", xchg, Zv, eAX, 0, 0, 0),
    [0x98] = I("cbw", cbw, 0, 0, 0, 0, 0),
    [0x99] = I("cwd", cwd, 0, 0, 0, 0, 0),
    [0x9a] = I("lcall", sys_far_im, Iz, Iw, 0, 1, X86_I64),
    [0x9b] = I("fwait", fwait, 0, 0, 0, 0, 0),
    [0x9c] = I("pushf", pushf, 0, 0, 0, 0, X86_D64),
    [0x9d] = I("popf", sys_popf, 0, 0, 0, 0, X86_D64),
    [0x9e] = I("sahf", sahf, 0, 0, 0, 0, 0),
    [0x9f] = I("lahf", lahf, 0, 0, 0, 0, 0),
    [0xa0] = I("mov", mov, AL, Ob, 0, 0, 0),
    [0xa1] = I("mov", mov, eAX, Ov, 0, 0, 0),
    [0xa2] = I("mov", mov, Ob, AL, 0, 0, 0),
    [0xa3] = I("mov", mov, Ov, eAX, 0, 0, 0),
    [0xa4] = I("movs", string, 0, 0, 0, I386_MOVS, 0),
    [0xa5] = I("movs", string, 0, 0, 0, I386_MOVS, 0),
    [0xa6] = I("cmps", string, 0, 0, 0, I386_CMPS, 0),
    [0xa7] = I("cmps", string, 0, 0, 0, I386_CMPS, 0),
    [0xa8] = I("test", test, AL, Ib, 0, 0, 0),
    [0xa9] = I("test", test, eAX, Iz, 0, 0, 0),
    [0xaa] = I("stos", string, 0, 0, 0, I386_STOS, 0),
    [0xab] = I("stos", string, 0, 0, 0, I386_STOS, 0),
    [0xac] = I("lods", string, 0, 0, 0, I386_LODS, 0),
    [0xad] = I("lods", string, 0, 0, 0, I386_LODS, 0),
    [0xae] = I("scas", string, 0, 0, 0, I386_SCAS, 0),
    [0xaf] = I("scas", string, 0, 0, 0, I386_SCAS, 0),
    [0xb0 ... 0xb7] = I("mov", mov, Zb, Ib, 0, 0, 0),
    [0xb8 ... 0xbf] = I("mov", mov, Zv, Iv, 0, 0, 0),
    [0xc0] = GROUP(grp2_EbIb),
    [0xc1] = GROUP(grp2_EvIb),
    [0xc2] = I("ret", ret, Iw, 0, 0, 0, X86_F64),
    [0xc3] = I("ret", ret, 0, 0, 0, 0, X86_F64),
    [0xc4] = I("les", sys_lxs, Gv, M, 0, R_ES, X86_I64),
    [0xc5] = I("lds", sys_lxs, Gv, M, 0, R_DS, X86_I64),
    [0xc6] = GROUP(grp11_Eb),
    [0xc7] = GROUP(grp11_Ev),
    [0xc8] = I("enter", enter, Iw, Ib, 0, 0, X86_D64),
    [0xc9] = I("leave", leave, 0, 0, 0, 0, X86_D64),
    [0xca] = I("lret", sys_lret, Iw, 0, 0, 0, 0),
    [0xcb] = I("lret", sys_lret, 0, 0, 0, 0, 0),
    [0xcc] = I("int3", int, 0, 0, 0, 3, 0),
    [0xcd] = I("int", int, Ib, 0, 0, 0, 0),
    [0xce] = I("into", into, 0, 0, 0, 0, X86_I64),
    [0xcf] = I("iret", sys_iret, 0, 0, 0, 0, 0),
    [0xd0] = GROUP(grp2_Eb1),
    [0xd1] = GROUP(grp2_Ev1),
    [0xd2] = GROUP(grp2_EbCL),
    [0xd3] = GROUP(grp2_EvCL),
    [0xd4] = I("aam", bcd, Ib, 0, 0, I386_AAM, X86_I64),
    [0xd5] = I("aad", bcd, Ib, 0, 0, I386_AAD, X86_I64),
    [0xd6] = I("salc", salc, 0, 0, 0, 0, X86_I64),
    [0xd7] = I("xlat", xlat, 0, 0, 0, 0, 0),
    [0xd8 ... 0xdf] = I("x87", x87, 0, 0, 0, 0, X86_MODRM),
    [0xe0] = I("loopne", loop, Jb, 0, 0, 0, X86_F64),
    [0xe1] = I("loope", loop, Jb, 0, 0, 1, X86_F64),
    [0xe2] = I("loop", loop, Jb, 0, 0, 2, X86_F64),
    [0xe3] = I("jrcxz", loop, Jb, 0, 0, 3, X86_F64),
    [0xe4 ... 0xe7] = I("in/out", sys_inout, Ib, 0, 0, 0, 0),
    [0xe8] = I("call", call, Jz, 0, 0, 0, X86_F64),
    [0xe9] = I("jmp", jmp, Jz, 0, 0, 0, X86_F64),
    [0xea] = I("ljmp", sys_far_im, Iz, Iw, 0, 0, X86_I64),
    [0xeb] = I("jmp", jmp, Jb, 0, 0, 0, X86_F64),
    [0xec ... 0xef] = I("in/out", sys_inout, 0, 0, 0, 0, 0),
    [0xf4] = I("hlt", sys_hlt, 0, 0, 0, 0, 0),
    [0xf5] = I("cmc", flagop, 0, 0, 0, 2, 0),
    [0xf6] = GROUP(grp3_Eb),
    [0xf7] = GROUP(grp3_Ev),
    [0xf8] = I("clc", flagop, 0, 0, 0, 0, 0),
    [0xf9] = I("stc", flagop, 0, 0, 0, 1, 0),
    [0xfa] = I("cli", sys_clisti, 0, 0, 0, 0, 0),
    [0xfb] = I("sti", sys_clisti, 0, 0, 0, 1, 0),
    [0xfc] = I("cld", flagop, 0, 0, 0, 3, 0),
    [0xfd] = I("std", flagop, 0, 0, 0, 4, 0),
    [0xfe] = GROUP(grp4),
    [0xff] = GROUP(grp5),
};

/* ---- two-byte map (0F xx) groups ----------------------------------------------------- */

static const X86OpEntry grp8[8] = {
    [4] = I("bt", bt, Ev, Ib, 0, 0, 0), [5] = I("bts", bt, Ev, Ib, 0, 1, X86_LOCK),
    [6] = I("btr", bt, Ev, Ib, 0, 2, X86_LOCK), [7] = I("btc", bt, Ev, Ib, 0, 3, X86_LOCK),
};
static const X86OpEntry grp9[16] = {
    [1] = F("cmpxchg8b", cmpxchg8b, M, 0, 0, 0, X86_LOCK, FEAT_1_EDX, CPUID_CX8),
    [4] = F("xsavec", xsave, M, 0, 0, 2, 0, FEAT_1_ECX, CPUID_EXT_XSAVE),
};
static const X86OpEntry grp15[16] = {
    [0] = F("fxsave", fxsave, M, 0, 0, 0, 0, FEAT_1_EDX, CPUID_FXSR),
    [1] = F("fxrstor", fxsave, M, 0, 0, 1, 0, FEAT_1_EDX, CPUID_FXSR),
    [2] = F("ldmxcsr", sse_ldmxcsr, M, 0, 0, 0, 0, SSE),
    [3] = F("stmxcsr", sse_stmxcsr, M, 0, 0, 0, 0, SSE),
    [4] = F("xsave", xsave, M, 0, 0, 0, 0, FEAT_1_ECX, CPUID_EXT_XSAVE),
    [5] = F("xrstor", xsave, M, 0, 0, 3, 0, FEAT_1_ECX, CPUID_EXT_XSAVE),
    [6] = F("xsaveopt", xsave, M, 0, 0, 1, 0, FEAT_1_ECX, CPUID_EXT_XSAVE),
    [7] = I("clflush", nop, M, 0, 0, 0, 0),
    [8 + 5] = I("lfence", fence, 0, 0, 0, 0, 0),
    [8 + 6] = I("mfence", fence, 0, 0, 0, 0, 0),
    [8 + 7] = I("sfence", fence, 0, 0, 0, 0, 0),
};
/* 66 0F 71/72/73: shifts of an XMM register by an immediate */
static const X86OpEntry grp12[8] = {
    [2] = S("psrlw", psrlw, Ux, Ib, 0, 0, SSE2), [4] = S("psraw", psraw, Ux, Ib, 0, 0, SSE2),
    [6] = S("psllw", psllw, Ux, Ib, 0, 0, SSE2),
};
static const X86OpEntry grp13[8] = {
    [2] = S("psrld", psrld, Ux, Ib, 0, 0, SSE2), [4] = S("psrad", psrad, Ux, Ib, 0, 0, SSE2),
    [6] = S("pslld", pslld, Ux, Ib, 0, 0, SSE2),
};
static const X86OpEntry grp14[8] = {
    [2] = S("psrlq", psrlq, Ux, Ib, 0, 0, SSE2), [3] = S("psrldq", psrldq, Ux, Ib, 0, 0, SSE2),
    [6] = S("psllq", psllq, Ux, Ib, 0, 0, SSE2), [7] = S("pslldq", pslldq, Ux, Ib, 0, 0, SSE2),
};
#define MMI(nm, h) { .name = nm, .gen = i386_emit_mmx_op, .op = { Nq, Ib, 0 }, \
                     FEAT_INIT(MMX), .helper = &i386_sse_##h }
static const X86OpEntry grp12_mmx[8] = { [2] = MMI("psrlw", psrlw), [4] = MMI("psraw", psraw), [6] = MMI("psllw", psllw) };
static const X86OpEntry grp13_mmx[8] = { [2] = MMI("psrld", psrld), [4] = MMI("psrad", psrad), [6] = MMI("pslld", pslld) };
static const X86OpEntry grp14_mmx[8] = { [2] = MMI("psrlq", psrlq), [6] = MMI("psllq", psllq) };
static const X86OpEntry op_0f71[4] = { GROUP(grp12_mmx), GROUP(grp12) };
static const X86OpEntry op_0f72[4] = { GROUP(grp13_mmx), GROUP(grp13) };
static const X86OpEntry op_0f73[4] = { GROUP(grp14_mmx), GROUP(grp14) };

/* Rows of the SSE arithmetic block: ps, pd, ss, sd. */
#define ARITH4(nm)                                                                        \
static const X86OpEntry op_##nm[4] = {                                                   \
    S(#nm "ps", nm##ps, Vx, Wx, 0, 0, SSE), S(#nm "pd", nm##pd, Vx, Wx, 0, 0, SSE2),      \
    S(#nm "ss", nm##ss, Vx, Wss, 0, 0, SSE), S(#nm "sd", nm##sd, Vx, Wsd, 0, 0, SSE2),    \
}
ARITH4(add);
ARITH4(mul);
ARITH4(sub);
ARITH4(min);
ARITH4(div);
ARITH4(max);
ARITH4(sqrt);
static const X86OpEntry op_cmp[4] = {
    S("cmpps", cmpps, Vx, Wx, Ib, 0, SSE), S("cmppd", cmppd, Vx, Wx, Ib, 0, SSE2),
    S("cmpss", cmpss, Vx, Wss, Ib, 0, SSE), S("cmpsd", cmpsd, Vx, Wsd, Ib, 0, SSE2),
};

static const X86OpEntry op_0f10[4] = {
    I("movups", sse_mov128, Vx, Wx, 0, 0, X86_UNAL), I("movupd", sse_mov128, Vx, Wx, 0, 0, X86_UNAL),
    I("movss", sse_movs, Vx, Wss, 0, 0, 0), I("movsd", sse_movs, Vx, Wsd, 0, 0, 0),
};
static const X86OpEntry op_0f11[4] = {
    I("movups", sse_mov128, Wx, Vx, 0, 0, X86_UNAL), I("movupd", sse_mov128, Wx, Vx, 0, 0, X86_UNAL),
    I("movss", sse_movs, Wss, Vx, 0, 0, 0), I("movsd", sse_movs, Wsd, Vx, 0, 0, 0),
};
static const X86OpEntry op_0f12[4] = {
    I("movlps", sse_movlh, Vx, Wq, 0, 0, 0), I("movlpd", sse_movlh, Vx, Mq, 0, 0, 0),
    S("movsldup", movsldup, Vx, Wx, 0, 0, SSE3), S("movddup", movddup, Vx, Wsd, 0, 0, SSE3),
};
static const X86OpEntry op_0f13[4] = {
    I("movlps", sse_movlh, Mq, Vx, 0, 1, 0), I("movlpd", sse_movlh, Mq, Vx, 0, 1, 0),
};
static const X86OpEntry op_0f14[4] = {
    S("unpcklps", unpcklps, Vx, Wx, 0, 0, SSE), F("unpcklpd", sse_unpckq, Vx, Wx, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f15[4] = {
    S("unpckhps", unpckhps, Vx, Wx, 0, 0, SSE), F("unpckhpd", sse_unpckq, Vx, Wx, 0, 1, 0, SSE2),
};
static const X86OpEntry op_0f16[4] = {
    I("movhps", sse_movlh, Vx, Wq, 0, 2, 0), I("movhpd", sse_movlh, Vx, Mq, 0, 2, 0),
    S("movshdup", movshdup, Vx, Wx, 0, 0, SSE3),
};
static const X86OpEntry op_0f17[4] = {
    I("movhps", sse_movlh, Mq, Vx, 0, 3, 0), I("movhpd", sse_movlh, Mq, Vx, 0, 3, 0),
};
static const X86OpEntry op_0f28[4] = {
    I("movaps", sse_mov128, Vx, Wx, 0, 0, 0), I("movapd", sse_mov128, Vx, Wx, 0, 0, 0),
};
static const X86OpEntry op_0f29[4] = {
    I("movaps", sse_mov128, Wx, Vx, 0, 0, 0), I("movapd", sse_mov128, Wx, Vx, 0, 0, 0),
};
static const X86OpEntry op_0f2a[4] = {
    { .name = "cvtpi2ps", .gen = i386_emit_mmx_cvt, .op = { Vx, Qq }, .special = 0, FEAT_INIT(SSE),
      .helper = &i386_sse_cvtdq2ps },
    { .name = "cvtpi2pd", .gen = i386_emit_mmx_cvt, .op = { Vx, Qq }, .special = 1, FEAT_INIT(SSE2),
      .helper = &i386_sse_cvtdq2pd },
    F("cvtsi2ss", sse_cvtsi2s, Vx, Ey, 0, 0, 0, SSE), F("cvtsi2sd", sse_cvtsi2s, Vx, Ey, 0, 1, 0, SSE2),
};
static const X86OpEntry op_0f2c[4] = {
    { .name = "cvttps2pi", .gen = i386_emit_mmx_cvt, .op = { Pq, Wq }, .special = 2, FEAT_INIT(SSE),
      .helper = &i386_sse_cvttps2dq },
    { .name = "cvttpd2pi", .gen = i386_emit_mmx_cvt, .op = { Pq, Wx }, .special = 2, FEAT_INIT(SSE2),
      .helper = &i386_sse_cvttpd2dq },
    F("cvttss2si", sse_cvts2si, Gy, Wss, 0, 2, 0, SSE), F("cvttsd2si", sse_cvts2si, Gy, Wsd, 0, 3, 0, SSE2),
};
static const X86OpEntry op_0f2d[4] = {
    { .name = "cvtps2pi", .gen = i386_emit_mmx_cvt, .op = { Pq, Wq }, .special = 2, FEAT_INIT(SSE),
      .helper = &i386_sse_cvtps2dq },
    { .name = "cvtpd2pi", .gen = i386_emit_mmx_cvt, .op = { Pq, Wx }, .special = 2, FEAT_INIT(SSE2),
      .helper = &i386_sse_cvtpd2dq },
    F("cvtss2si", sse_cvts2si, Gy, Wss, 0, 0, 0, SSE), F("cvtsd2si", sse_cvts2si, Gy, Wsd, 0, 1, 0, SSE2),
};
static const X86OpEntry op_0f2e[4] = {
    F("ucomiss", sse_flags, Vx, Wss, 0, 0, 0, SSE), F("ucomisd", sse_flags, Vx, Wsd, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f2f[4] = {
    F("comiss", sse_flags, Vx, Wss, 0, 0, 0, SSE), F("comisd", sse_flags, Vx, Wsd, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f50[4] = {
    F("movmskps", sse_mask, Gd, Ux, 0, 0, 0, SSE), F("movmskpd", sse_mask, Gd, Ux, 0, 0, 0, SSE2),
};
/* approximations within 1.5 * 2^-12 (sse_approx_helper.c) */
static const X86OpEntry op_0f52[4] = {
    S("rsqrtps", rsqrtps, Vx, Wx, 0, 0, SSE), [2] = S("rsqrtss", rsqrtss, Vx, Wss, 0, 0, SSE),
};
static const X86OpEntry op_0f53[4] = {
    S("rcpps", rcpps, Vx, Wx, 0, 0, SSE), [2] = S("rcpss", rcpss, Vx, Wss, 0, 0, SSE),
};
static const X86OpEntry op_0f54[4] = {
    S("andps", pand, Vx, Wx, 0, 0, SSE), S("andpd", pand, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0f55[4] = {
    S("andnps", pandn, Vx, Wx, 0, 0, SSE), S("andnpd", pandn, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0f56[4] = {
    S("orps", por, Vx, Wx, 0, 0, SSE), S("orpd", por, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0f57[4] = {
    S("xorps", pxor, Vx, Wx, 0, 0, SSE), S("xorpd", pxor, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0f5a[4] = {
    S("cvtps2pd", cvtps2pd, Vx, Wsd, 0, 0, SSE2), S("cvtpd2ps", cvtpd2ps, Vx, Wx, 0, 0, SSE2),
    S("cvtss2sd", cvtss2sd, Vx, Wss, 0, 0, SSE2), S("cvtsd2ss", cvtsd2ss, Vx, Wsd, 0, 0, SSE2),
};
static const X86OpEntry op_0f5b[4] = {
    S("cvtdq2ps", cvtdq2ps, Vx, Wx, 0, 0, SSE2), S("cvtps2dq", cvtps2dq, Vx, Wx, 0, 0, SSE2),
    S("cvttps2dq", cvttps2dq, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0fe6[4] = {
    [1] = S("cvttpd2dq", cvttpd2dq, Vx, Wx, 0, 0, SSE2),
    [2] = S("cvtdq2pd", cvtdq2pd, Vx, Wsd, 0, 0, SSE2),
    [3] = S("cvtpd2dq", cvtpd2dq, Vx, Wx, 0, 0, SSE2),
};
static const X86OpEntry op_0fc6[4] = {
    S("shufps", shufps, Vx, Wx, Ib, 0, SSE), S("shufpd", shufpd, Vx, Wx, Ib, 0, SSE2),
};

/* Integer SSE2 rows: the MMX form (no prefix) is not emulated, 66 is the XMM form. */
#define PI(op, nm, feat)                                                                  \
static const X86OpEntry op_##op[4] = { MM(#nm, nm, 0, MMX), S(#nm, nm, Vx, Wx, 0, 0, feat) }
/* the same with an MMX helper of its own (the layout differs from the low half of the XMM form) */
#define PIM(op, nm, feat)                                                                 \
static const X86OpEntry op_##op[4] = { MM(#nm, mmx_##nm, 0, MMX), S(#nm, nm, Vx, Wx, 0, 0, feat) }
PI(0f60, punpcklbw, SSE2); PI(0f61, punpcklwd, SSE2); PI(0f62, punpckldq, SSE2);
PIM(0f63, packsswb, SSE2); PI(0f64, pcmpgtb, SSE2); PI(0f65, pcmpgtw, SSE2);
PI(0f66, pcmpgtd, SSE2); PIM(0f67, packuswb, SSE2); PIM(0f68, punpckhbw, SSE2);
PIM(0f69, punpckhwd, SSE2); PIM(0f6a, punpckhdq, SSE2); PIM(0f6b, packssdw, SSE2);
PI(0f74, pcmpeqb, SSE2); PI(0f75, pcmpeqw, SSE2); PI(0f76, pcmpeqd, SSE2);
PI(0fd1, psrlw, SSE2); PI(0fd2, psrld, SSE2); PI(0fd3, psrlq, SSE2); PI(0fd4, paddq, SSE2);
PI(0fd5, pmullw, SSE2); PI(0fd8, psubusb, SSE2); PI(0fd9, psubusw, SSE2);
PI(0fda, pminub, SSE2); PI(0fdb, pand, SSE2); PI(0fdc, paddusb, SSE2); PI(0fdd, paddusw, SSE2);
PI(0fde, pmaxub, SSE2); PI(0fdf, pandn, SSE2); PI(0fe0, pavgb, SSE2); PI(0fe1, psraw, SSE2);
PI(0fe2, psrad, SSE2); PI(0fe3, pavgw, SSE2); PI(0fe4, pmulhuw, SSE2); PI(0fe5, pmulhw, SSE2);
PI(0fe8, psubsb, SSE2); PI(0fe9, psubsw, SSE2); PI(0fea, pminsw, SSE2); PI(0feb, por, SSE2);
PI(0fec, paddsb, SSE2); PI(0fed, paddsw, SSE2); PI(0fee, pmaxsw, SSE2); PI(0fef, pxor, SSE2);
PI(0ff1, psllw, SSE2); PI(0ff2, pslld, SSE2); PI(0ff3, psllq, SSE2); PI(0ff4, pmuludq, SSE2);
PI(0ff5, pmaddwd, SSE2); PI(0ff6, psadbw, SSE2); PI(0ff8, psubb, SSE2); PI(0ff9, psubw, SSE2);
PI(0ffa, psubd, SSE2); PI(0ffb, psubq, SSE2); PI(0ffc, paddb, SSE2); PI(0ffd, paddw, SSE2);
PI(0ffe, paddd, SSE2);

static const X86OpEntry op_0f6c[4] = { [1] = F("punpcklqdq", sse_unpckq, Vx, Wx, 0, 0, 0, SSE2) };
static const X86OpEntry op_0f6d[4] = { [1] = F("punpckhqdq", sse_unpckq, Vx, Wx, 0, 1, 0, SSE2) };
static const X86OpEntry op_0f6e[4] = {
    F("movd", mmx_mov, Pq, Ey, 0, 0, 0, MMX), F("movd", sse_movd, Vx, Ey, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f6f[4] = {
    F("movq", mmx_mov, Pq, Qq, 0, 0, 0, MMX), F("movdqa", sse_mov128, Vx, Wx, 0, 0, 0, SSE2),
    F("movdqu", sse_mov128, Vx, Wx, 0, 0, X86_UNAL, SSE2),
};
static const X86OpEntry op_0f70[4] = {
    { .name = "pshufw", .gen = i386_emit_mmx_op, .op = { Pq, Qq, Ib }, FEAT_INIT(SSE),
      .helper = &i386_sse_mmx_pshufw },
    S("pshufd", pshufd, Vx, Wx, Ib, 0, SSE2),
    S("pshufhw", pshufhw, Vx, Wx, Ib, 0, SSE2), S("pshuflw", pshuflw, Vx, Wx, Ib, 0, SSE2),
};
static const X86OpEntry op_0f7e[4] = {
    F("movd", mmx_mov, Ey, Pq, 0, 1, 0, MMX), F("movd", sse_movd, Ey, Vx, 0, 1, 0, SSE2),
    F("movq", sse_movq, Vx, Wq, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f7f[4] = {
    F("movq", mmx_mov, Qq, Pq, 0, 1, 0, MMX), F("movdqa", sse_mov128, Wx, Vx, 0, 0, 0, SSE2),
    F("movdqu", sse_mov128, Wx, Vx, 0, 0, X86_UNAL, SSE2),
};
static const X86OpEntry op_0fb8[4] = {
    [2] = F("popcnt", popcnt, Gv, Ev, 0, 0, 0, FEAT_1_ECX, CPUID_EXT_POPCNT),
};
static const X86OpEntry op_0fbc[4] = {
    I("bsf", bsf, Gv, Ev, 0, 0, 0), I("bsf", bsf, Gv, Ev, 0, 0, X86_OPSIZE),
    I("tzcnt", tzcnt, Gv, Ev, 0, 0, 0), I("bsf", bsf, Gv, Ev, 0, 0, 0),
};
static const X86OpEntry op_0fbd[4] = {
    I("bsr", bsf, Gv, Ev, 0, 1, 0), I("bsr", bsf, Gv, Ev, 0, 1, X86_OPSIZE),
    I("lzcnt", tzcnt, Gv, Ev, 0, 1, 0), I("bsr", bsf, Gv, Ev, 0, 1, 0),
};
static const X86OpEntry op_0fc4[4] = {
    F("pinsrw", mmx_pinsrw, Pq, Ed, Ib, 0, 0, SSE), F("pinsrw", sse_pinsr, Vx, Ed, Ib, 1, 0, SSE2),
};
static const X86OpEntry op_0fc5[4] = {
    F("pextrw", mmx_pinsrw, Gd, Nq, Ib, 1, 0, SSE), F("pextrw", sse_pextr, Gd, Ux, Ib, 1, 0, SSE2),
};
static const X86OpEntry op_0fd6[4] = {
    [1] = F("movq", sse_movq, Wq, Vx, 0, 1, 0, SSE2),
    [2] = { .name = "movq2dq", .gen = i386_emit_movq2dq, .op = { Vx, Nq }, .special = 0,
            FEAT_INIT(SSE2) },
    [3] = { .name = "movdq2q", .gen = i386_emit_movq2dq, .op = { Pq, Ux }, .special = 1,
            FEAT_INIT(SSE2) },
};
static const X86OpEntry op_0ff7[4] = {
    { .name = "maskmovq", .gen = i386_emit_maskmov, .op = { Pq, Nq }, .special = 8, FEAT_INIT(SSE) },
    { .name = "maskmovdqu", .gen = i386_emit_maskmov, .op = { Vx, Ux }, .special = 16,
      FEAT_INIT(SSE2) },
};
static const X86OpEntry op_0fd7[4] = {
    F("pmovmskb", mmx_pmovmskb, Gd, Nq, 0, 0, 0, SSE), F("pmovmskb", sse_mask, Gd, Ux, 0, 1, 0, SSE2),
};
static const X86OpEntry op_0fe7[4] = {
    F("movntq", mmx_mov, Qq, Pq, 0, 1, 0, SSE), F("movntdq", sse_mov128, Mx, Vx, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0f2b[4] = {
    F("movntps", sse_mov128, Mx, Vx, 0, 0, 0, SSE), F("movntpd", sse_mov128, Mx, Vx, 0, 0, 0, SSE2),
};
static const X86OpEntry op_0ff0[4] = {
    [3] = F("lddqu", sse_mov128, Vx, Mx, 0, 0, X86_UNAL, SSE3),
};
static const X86OpEntry op_0f7c[4] = {
    [1] = S("haddpd", haddpd, Vx, Wx, 0, 0, SSE3), [3] = S("haddps", haddps, Vx, Wx, 0, 0, SSE3),
};
static const X86OpEntry op_0f7d[4] = {
    [1] = S("hsubpd", hsubpd, Vx, Wx, 0, 0, SSE3), [3] = S("hsubps", hsubps, Vx, Wx, 0, 0, SSE3),
};
static const X86OpEntry op_0fd0[4] = {
    [1] = S("addsubpd", addsubpd, Vx, Wx, 0, 0, SSE3), [3] = S("addsubps", addsubps, Vx, Wx, 0, 0, SSE3),
};

/* ---- three-byte maps ------------------------------------------------------------------- */

#define P66(op, nm, feat) \
static const X86OpEntry op_##op[4] = { MM(#nm, nm, 0, feat), S(#nm, nm, Vx, Wx, 0, 0, feat) }
#define P66M(op, nm, feat) \
static const X86OpEntry op_##op[4] = { MM(#nm, mmx_##nm, 0, feat), S(#nm, nm, Vx, Wx, 0, 0, feat) }
#define P66ONLY(op, nm, src, feat) \
static const X86OpEntry op_##op[4] = { [1] = S(#nm, nm, Vx, src, 0, 0, feat) }
P66M(0f3800, pshufb, SSSE3); P66(0f381c, pabsb, SSSE3); P66(0f381d, pabsw, SSSE3);
P66(0f381e, pabsd, SSSE3); P66(0f380b, pmulhrsw, SSSE3); P66(0f3804, pmaddubsw, SSSE3);
P66(0f3808, psignb, SSSE3); P66(0f3809, psignw, SSSE3); P66(0f380a, psignd, SSSE3);
P66M(0f3801, phaddw, SSSE3); P66M(0f3802, phaddd, SSSE3); P66M(0f3805, phsubw, SSSE3);
P66M(0f3806, phsubd, SSSE3);
P66M(0f3803, phaddsw, SSSE3); P66M(0f3807, phsubsw, SSSE3);
P66ONLY(0f3810, pblendvb, Wx, SSE41); P66ONLY(0f3814, blendvps, Wx, SSE41);
P66ONLY(0f3815, blendvpd, Wx, SSE41);
P66ONLY(0f3820, pmovsxbw, Wq, SSE41); P66ONLY(0f3821, pmovsxbd, Wd, SSE41);
P66ONLY(0f3822, pmovsxbq, Wq, SSE41); P66ONLY(0f3823, pmovsxwd, Wq, SSE41);
P66ONLY(0f3824, pmovsxwq, Wd, SSE41); P66ONLY(0f3825, pmovsxdq, Wq, SSE41);
P66ONLY(0f3828, pmuldq, Wx, SSE41); P66ONLY(0f3829, pcmpeqq, Wx, SSE41);
P66ONLY(0f382b, packusdw, Wx, SSE41);
/* MOVNTDQA: an aligned 16-byte load (the non-temporal hint is not modelled) */
static const X86OpEntry op_0f382a[4] = { [1] = F("movntdqa", sse_mov128, Vx, Mx, 0, 0, 0, SSE41) };
P66ONLY(0f3830, pmovzxbw, Wq, SSE41); P66ONLY(0f3831, pmovzxbd, Wd, SSE41);
P66ONLY(0f3832, pmovzxbq, Wq, SSE41); P66ONLY(0f3833, pmovzxwd, Wq, SSE41);
P66ONLY(0f3834, pmovzxwq, Wd, SSE41); P66ONLY(0f3835, pmovzxdq, Wq, SSE41);
P66ONLY(0f3837, pcmpgtq, Wx, SSE42);
P66ONLY(0f3838, pminsb, Wx, SSE41); P66ONLY(0f3839, pminsd, Wx, SSE41);
P66ONLY(0f383a, pminuw, Wx, SSE41); P66ONLY(0f383b, pminud, Wx, SSE41);
P66ONLY(0f383c, pmaxsb, Wx, SSE41); P66ONLY(0f383d, pmaxsd, Wx, SSE41);
P66ONLY(0f383e, pmaxuw, Wx, SSE41); P66ONLY(0f383f, pmaxud, Wx, SSE41);
P66ONLY(0f3840, pmulld, Wx, SSE41); P66ONLY(0f3841, phminposuw, Wx, SSE41);

static const X86OpEntry op_0f3817[4] = { [1] = F("ptest", sse_flags, Vx, Wx, 0, 1, 0, SSE41) };
static const X86OpEntry op_0f38f0[4] = {
    F("movbe", movbe, Gv, Mv, 0, 0, 0, FEAT_1_ECX, CPUID_EXT_MOVBE),
    F("movbe", movbe, Gv, Mv, 0, 0, X86_OPSIZE, FEAT_1_ECX, CPUID_EXT_MOVBE),
    [3] = F("crc32", crc32, Gy, Eb, 0, 0, 0, SSE42),
};
static const X86OpEntry op_0f38f1[4] = {
    F("movbe", movbe, Mv, Gv, 0, 0, 0, FEAT_1_ECX, CPUID_EXT_MOVBE),
    F("movbe", movbe, Mv, Gv, 0, 0, X86_OPSIZE, FEAT_1_ECX, CPUID_EXT_MOVBE),
    [3] = F("crc32", crc32, Gy, Ev, 0, 0, 0, SSE42),
};
/* INVPCID (emit-sys.c): the type in Gy, the descriptor in memory */
static const X86OpEntry op_0f3882[4] = {
    [1] = F("invpcid", sys_invpcid, Gy, M, 0, 0, 0, FEAT_7_0_EBX, CPUID_7_0_EBX_INVPCID),
};
static const X86OpEntry op_0f38f6[4] = {
    [1] = F("adcx", adx, Gy, Ey, 0, 0, 0, FEAT_7_0_EBX, CPUID_7_0_EBX_ADX),
    [2] = F("adox", adx, Gy, Ey, 0, 1, 0, FEAT_7_0_EBX, CPUID_7_0_EBX_ADX),
};

#define AES FEAT_1_ECX, CPUID_EXT_AES
#define SHA FEAT_7_0_EBX, CPUID_7_0_EBX_SHA
/* SHA: no mandatory prefix, XMM operands */
#define PSHA(op, nm) static const X86OpEntry op_##op[4] = { S(#nm, nm, Vx, Wx, 0, 0, SHA) }
PSHA(0f38c8, sha1nexte); PSHA(0f38c9, sha1msg1); PSHA(0f38ca, sha1msg2);
PSHA(0f38cb, sha256rnds2); PSHA(0f38cc, sha256msg1); PSHA(0f38cd, sha256msg2);
static const X86OpEntry op_0f3acc[4] = { S("sha1rnds4", sha1rnds4, Vx, Wx, Ib, 0, SHA) };
P66ONLY(0f38db, aesimc, Wx, AES); P66ONLY(0f38dc, aesenc, Wx, AES);
P66ONLY(0f38dd, aesenclast, Wx, AES); P66ONLY(0f38de, aesdec, Wx, AES);
P66ONLY(0f38df, aesdeclast, Wx, AES);

static const X86OpEntry map_0f38[256] = {
    [0x00] = PFX(op_0f3800), [0x01] = PFX(op_0f3801), [0x02] = PFX(op_0f3802), [0x03] = PFX(op_0f3803),
    [0x04] = PFX(op_0f3804), [0x05] = PFX(op_0f3805), [0x06] = PFX(op_0f3806), [0x07] = PFX(op_0f3807),
    [0x08] = PFX(op_0f3808), [0x09] = PFX(op_0f3809), [0x0a] = PFX(op_0f380a),
    [0x0b] = PFX(op_0f380b),
    [0x10] = PFX(op_0f3810), [0x14] = PFX(op_0f3814), [0x15] = PFX(op_0f3815),
    [0x17] = PFX(op_0f3817),
    [0x1c] = PFX(op_0f381c), [0x1d] = PFX(op_0f381d), [0x1e] = PFX(op_0f381e),
    [0x20] = PFX(op_0f3820), [0x21] = PFX(op_0f3821), [0x22] = PFX(op_0f3822),
    [0x23] = PFX(op_0f3823), [0x24] = PFX(op_0f3824), [0x25] = PFX(op_0f3825),
    [0x28] = PFX(op_0f3828), [0x29] = PFX(op_0f3829), [0x2a] = PFX(op_0f382a),
    [0x2b] = PFX(op_0f382b),
    [0x30] = PFX(op_0f3830), [0x31] = PFX(op_0f3831), [0x32] = PFX(op_0f3832),
    [0x33] = PFX(op_0f3833), [0x34] = PFX(op_0f3834), [0x35] = PFX(op_0f3835),
    [0x37] = PFX(op_0f3837), [0x38] = PFX(op_0f3838), [0x39] = PFX(op_0f3839),
    [0x3a] = PFX(op_0f383a), [0x3b] = PFX(op_0f383b), [0x3c] = PFX(op_0f383c),
    [0x3d] = PFX(op_0f383d), [0x3e] = PFX(op_0f383e), [0x3f] = PFX(op_0f383f),
    [0x40] = PFX(op_0f3840), [0x41] = PFX(op_0f3841), [0x82] = PFX(op_0f3882),
    [0xdb] = PFX(op_0f38db), [0xdc] = PFX(op_0f38dc), [0xdd] = PFX(op_0f38dd),
    [0xde] = PFX(op_0f38de), [0xdf] = PFX(op_0f38df),
    [0xc8] = PFX(op_0f38c8), [0xc9] = PFX(op_0f38c9), [0xca] = PFX(op_0f38ca),
    [0xcb] = PFX(op_0f38cb), [0xcc] = PFX(op_0f38cc), [0xcd] = PFX(op_0f38cd),
    [0xf0] = PFX(op_0f38f0), [0xf1] = PFX(op_0f38f1), [0xf6] = PFX(op_0f38f6),
};

static const X86OpEntry op_0f3a0f[4] = {
    { .name = "palignr", .gen = i386_emit_mmx_op, .op = { Pq, Qq, Ib }, FEAT_INIT(SSSE3),
      .helper = &i386_sse_mmx_palignr },
    S("palignr", palignr, Vx, Wx, Ib, 0, SSSE3),
};
#define P66I(op, nm, a, b, feat) \
static const X86OpEntry op_##op[4] = { [1] = S(#nm, nm, a, b, Ib, 0, feat) }
P66I(0f3a08, roundps, Vx, Wx, SSE41); P66I(0f3a09, roundpd, Vx, Wx, SSE41);
P66I(0f3a0a, roundss, Vx, Wss, SSE41); P66I(0f3a0b, roundsd, Vx, Wsd, SSE41);
P66I(0f3a0c, blendps, Vx, Wx, SSE41); P66I(0f3a0d, blendpd, Vx, Wx, SSE41);
P66I(0f3a0e, pblendw, Vx, Wx, SSE41); P66I(0f3a42, mpsadbw, Vx, Wx, SSE41);
P66I(0f3a40, dpps, Vx, Wx, SSE41); P66I(0f3a41, dppd, Vx, Wx, SSE41);
static const X86OpEntry op_0f3a14[4] = { [1] = F("pextrb", sse_pextr, Ed, Vx, Ib, 0, 0, SSE41) };
static const X86OpEntry op_0f3a15[4] = { [1] = F("pextrw", sse_pextr, Ed, Vx, Ib, 1, 0, SSE41) };
static const X86OpEntry op_0f3a16[4] = { [1] = F("pextrd/q", sse_pextr, Ey, Vx, Ib, 2, 0, SSE41) };
static const X86OpEntry op_0f3a21[4] = { [1] = F("insertps", sse_insertps, Vx, Wss, Ib, 0, 0, SSE41) };
/* EXTRACTPS: a dword like PEXTRD, REX.W ignored (Ed) */
static const X86OpEntry op_0f3a17[4] = { [1] = F("extractps", sse_pextr, Ed, Vx, Ib, 2, 0, SSE41) };
static const X86OpEntry op_0f3a20[4] = { [1] = F("pinsrb", sse_pinsr, Vx, Ed, Ib, 0, 0, SSE41) };
static const X86OpEntry op_0f3a22[4] = { [1] = F("pinsrd/q", sse_pinsr, Vx, Ey, Ib, 2, 0, SSE41) };

#define PCLMUL FEAT_1_ECX, CPUID_EXT_PCLMUL
P66I(0f3a44, pclmulqdq, Vx, Wx, PCLMUL);
P66I(0f3adf, aeskeygenassist, Vx, Wx, AES);

/* PCMPxSTRx: the special is the opcode (bit 0: index in ECX, bit 1: implicit lengths) */
static const X86OpEntry op_0f3a60[4] = { [1] = F("pcmpestrm", sse_pcmpstr, Vx, Wx, Ib, 0x60, X86_UNAL, SSE42) };
static const X86OpEntry op_0f3a61[4] = { [1] = F("pcmpestri", sse_pcmpstr, Vx, Wx, Ib, 0x61, X86_UNAL, SSE42) };
static const X86OpEntry op_0f3a62[4] = { [1] = F("pcmpistrm", sse_pcmpstr, Vx, Wx, Ib, 0x62, X86_UNAL, SSE42) };
static const X86OpEntry op_0f3a63[4] = { [1] = F("pcmpistri", sse_pcmpstr, Vx, Wx, Ib, 0x63, X86_UNAL, SSE42) };

static const X86OpEntry map_0f3a[256] = {
    [0x08] = PFX(op_0f3a08), [0x09] = PFX(op_0f3a09), [0x0a] = PFX(op_0f3a0a),
    [0x0b] = PFX(op_0f3a0b), [0x0c] = PFX(op_0f3a0c), [0x0d] = PFX(op_0f3a0d),
    [0x0e] = PFX(op_0f3a0e), [0x0f] = PFX(op_0f3a0f), [0x40] = PFX(op_0f3a40), [0x41] = PFX(op_0f3a41), [0x17] = PFX(op_0f3a17), [0x21] = PFX(op_0f3a21), [0x42] = PFX(op_0f3a42),
    [0x14] = PFX(op_0f3a14), [0x15] = PFX(op_0f3a15), [0x16] = PFX(op_0f3a16),
    [0x20] = PFX(op_0f3a20), [0x22] = PFX(op_0f3a22),
    [0x44] = PFX(op_0f3a44),
    [0x60] = PFX(op_0f3a60), [0x61] = PFX(op_0f3a61), [0x62] = PFX(op_0f3a62),
    [0x63] = PFX(op_0f3a63),
    [0xcc] = PFX(op_0f3acc), [0xdf] = PFX(op_0f3adf),
};

/* 0F 00 and 0F 01: the descriptor-table and system-control groups (emit-sys.c). */
static const X86OpEntry grp6[8] = {
    I("sldt", sys_grp6, Ew, 0, 0, 0, 0), I("str", sys_grp6, Ew, 0, 0, 1, 0),
    I("lldt", sys_grp6, Ew, 0, 0, 2, 0), I("ltr", sys_grp6, Ew, 0, 0, 3, 0),
    I("verr", sys_grp6, Ew, 0, 0, 4, 0), I("verw", sys_grp6, Ew, 0, 0, 5, 0),
};
static const X86OpEntry grp7[16] = {
    [0] = I("sgdt", sys_grp7, M, 0, 0, 0, 0), [1] = I("sidt", sys_grp7, M, 0, 0, 1, 0),
    [2] = I("lgdt", sys_grp7, M, 0, 0, 2, 0), [3] = I("lidt", sys_grp7, M, 0, 0, 3, 0),
    [4] = I("smsw", sys_grp7, Ew, 0, 0, 4, 0), [6] = I("lmsw", sys_grp7, Ew, 0, 0, 6, 0),
    [7] = I("invlpg", sys_grp7, M, 0, 0, 7, 0),
    [12] = I("smsw", sys_grp7, Ew, 0, 0, 12, 0), [14] = I("lmsw", sys_grp7, Ew, 0, 0, 14, 0),
    [10] = F("xgetbv/xsetbv", xgetbv, 0, 0, 0, 0, X86_MODRM, FEAT_1_ECX, CPUID_EXT_XSAVE),
    [15] = I("swapgs/rdtscp", sys_grp7, 0, 0, 0, 15, X86_MODRM),
};

static const X86OpEntry map_0f[256] = {
    [0x00] = GROUP(grp6),
    [0x01] = GROUPM(grp7),
    [0x02] = I("lar", sys_lar_lsl, Gv, Ew, 0, 0, 0),
    [0x03] = I("lsl", sys_lar_lsl, Gv, Ew, 0, 1, 0),
    [0x05] = I("syscall", int, 0, 0, 0, 0x05, X86_O64),
    [0x06] = I("clts", sys_misc, 0, 0, 0, I386_SYS_CLTS, 0),
    [0x07] = I("sysret", sys_misc, 0, 0, 0, I386_SYS_SYSRET, X86_O64),
    [0x08] = I("invd", sys_misc, 0, 0, 0, I386_SYS_WBINVD, 0),
    [0x09] = I("wbinvd", sys_misc, 0, 0, 0, I386_SYS_WBINVD, 0),
    [0x0b] = I("ud2", ud, 0, 0, 0, 0, 0),
    [0x0d] = I("prefetch", nop, Ev, 0, 0, 0, 0),
    [0x10] = PFX(op_0f10), [0x11] = PFX(op_0f11), [0x12] = PFX(op_0f12),
    [0x13] = PFX(op_0f13), [0x14] = PFX(op_0f14), [0x15] = PFX(op_0f15),
    [0x16] = PFX(op_0f16), [0x17] = PFX(op_0f17),
    [0x18 ... 0x1f] = I("nop", nop, Ev, 0, 0, 0, 0),
    [0x28] = PFX(op_0f28), [0x29] = PFX(op_0f29), [0x2a] = PFX(op_0f2a),
    [0x2b] = PFX(op_0f2b), [0x2c] = PFX(op_0f2c), [0x2d] = PFX(op_0f2d),
    [0x2e] = PFX(op_0f2e), [0x2f] = PFX(op_0f2f),
    [0x20] = I("mov cr", sys_mov_crdr, 0, 0, 0, 0, X86_MODRM),
    [0x21] = I("mov dr", sys_mov_crdr, 0, 0, 0, 2, X86_MODRM),
    [0x22] = I("mov cr", sys_mov_crdr, 0, 0, 0, 1, X86_MODRM),
    [0x23] = I("mov dr", sys_mov_crdr, 0, 0, 0, 3, X86_MODRM),
    [0x30] = I("wrmsr", sys_misc, 0, 0, 0, I386_SYS_WRMSR, 0),
    [0x31] = I("rdtsc", rdtsc, 0, 0, 0, 0, 0),
    [0x32] = I("rdmsr", sys_misc, 0, 0, 0, I386_SYS_RDMSR, 0),
    [0x33] = I("rdpmc", sys_misc, 0, 0, 0, I386_SYS_RDPMC, 0),
    [0x34] = I("sysenter", sys_misc, 0, 0, 0, I386_SYS_SYSENTER, 0),
    [0x35] = I("sysexit", sys_misc, 0, 0, 0, I386_SYS_SYSEXIT, 0),
    [0x38] = ESC(map_0f38),
    [0x3a] = ESC(map_0f3a),
    [0x40] = F("cmovo", cmov, Gv, Ev, 0, 0x0, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x41] = F("cmovno", cmov, Gv, Ev, 0, 0x1, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x42] = F("cmovb", cmov, Gv, Ev, 0, 0x2, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x43] = F("cmovae", cmov, Gv, Ev, 0, 0x3, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x44] = F("cmove", cmov, Gv, Ev, 0, 0x4, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x45] = F("cmovne", cmov, Gv, Ev, 0, 0x5, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x46] = F("cmovbe", cmov, Gv, Ev, 0, 0x6, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x47] = F("cmova", cmov, Gv, Ev, 0, 0x7, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x48] = F("cmovs", cmov, Gv, Ev, 0, 0x8, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x49] = F("cmovns", cmov, Gv, Ev, 0, 0x9, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4a] = F("cmovp", cmov, Gv, Ev, 0, 0xa, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4b] = F("cmovnp", cmov, Gv, Ev, 0, 0xb, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4c] = F("cmovl", cmov, Gv, Ev, 0, 0xc, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4d] = F("cmovge", cmov, Gv, Ev, 0, 0xd, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4e] = F("cmovle", cmov, Gv, Ev, 0, 0xe, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x4f] = F("cmovg", cmov, Gv, Ev, 0, 0xf, 0, FEAT_1_EDX, CPUID_CMOV),
    [0x50] = PFX(op_0f50), [0x51] = PFX(op_sqrt), [0x52] = PFX(op_0f52),
    [0x53] = PFX(op_0f53), [0x54] = PFX(op_0f54),
    [0x55] = PFX(op_0f55), [0x56] = PFX(op_0f56), [0x57] = PFX(op_0f57),
    [0x58] = PFX(op_add), [0x59] = PFX(op_mul), [0x5a] = PFX(op_0f5a),
    [0x5b] = PFX(op_0f5b), [0x5c] = PFX(op_sub), [0x5d] = PFX(op_min),
    [0x5e] = PFX(op_div), [0x5f] = PFX(op_max),
    [0x60] = PFX(op_0f60), [0x61] = PFX(op_0f61), [0x62] = PFX(op_0f62),
    [0x63] = PFX(op_0f63), [0x64] = PFX(op_0f64), [0x65] = PFX(op_0f65),
    [0x66] = PFX(op_0f66), [0x67] = PFX(op_0f67), [0x68] = PFX(op_0f68),
    [0x69] = PFX(op_0f69), [0x6a] = PFX(op_0f6a), [0x6b] = PFX(op_0f6b),
    [0x6c] = PFX(op_0f6c), [0x6d] = PFX(op_0f6d), [0x6e] = PFX(op_0f6e),
    [0x6f] = PFX(op_0f6f), [0x70] = PFX(op_0f70), [0x71] = PFX(op_0f71),
    [0x72] = PFX(op_0f72), [0x73] = PFX(op_0f73), [0x74] = PFX(op_0f74),
    [0x75] = PFX(op_0f75), [0x76] = PFX(op_0f76),
    [0x77] = F("emms", emms, 0, 0, 0, 0, 0, MMX),
    [0x7c] = PFX(op_0f7c), [0x7d] = PFX(op_0f7d),
    [0x7e] = PFX(op_0f7e), [0x7f] = PFX(op_0f7f),
    [0x80] = I("jo", jcc, Jz, 0, 0, 0x0, X86_F64),
    [0x81] = I("jno", jcc, Jz, 0, 0, 0x1, X86_F64),
    [0x82] = I("jb", jcc, Jz, 0, 0, 0x2, X86_F64),
    [0x83] = I("jae", jcc, Jz, 0, 0, 0x3, X86_F64),
    [0x84] = I("je", jcc, Jz, 0, 0, 0x4, X86_F64),
    [0x85] = I("jne", jcc, Jz, 0, 0, 0x5, X86_F64),
    [0x86] = I("jbe", jcc, Jz, 0, 0, 0x6, X86_F64),
    [0x87] = I("ja", jcc, Jz, 0, 0, 0x7, X86_F64),
    [0x88] = I("js", jcc, Jz, 0, 0, 0x8, X86_F64),
    [0x89] = I("jns", jcc, Jz, 0, 0, 0x9, X86_F64),
    [0x8a] = I("jp", jcc, Jz, 0, 0, 0xa, X86_F64),
    [0x8b] = I("jnp", jcc, Jz, 0, 0, 0xb, X86_F64),
    [0x8c] = I("jl", jcc, Jz, 0, 0, 0xc, X86_F64),
    [0x8d] = I("jge", jcc, Jz, 0, 0, 0xd, X86_F64),
    [0x8e] = I("jle", jcc, Jz, 0, 0, 0xe, X86_F64),
    [0x8f] = I("jg", jcc, Jz, 0, 0, 0xf, X86_F64),
    [0x90] = I("seto", setcc, Eb, 0, 0, 0x0, 0),
    [0x91] = I("setno", setcc, Eb, 0, 0, 0x1, 0),
    [0x92] = I("setb", setcc, Eb, 0, 0, 0x2, 0),
    [0x93] = I("setae", setcc, Eb, 0, 0, 0x3, 0),
    [0x94] = I("sete", setcc, Eb, 0, 0, 0x4, 0),
    [0x95] = I("setne", setcc, Eb, 0, 0, 0x5, 0),
    [0x96] = I("setbe", setcc, Eb, 0, 0, 0x6, 0),
    [0x97] = I("seta", setcc, Eb, 0, 0, 0x7, 0),
    [0x98] = I("sets", setcc, Eb, 0, 0, 0x8, 0),
    [0x99] = I("setns", setcc, Eb, 0, 0, 0x9, 0),
    [0x9a] = I("setp", setcc, Eb, 0, 0, 0xa, 0),
    [0x9b] = I("setnp", setcc, Eb, 0, 0, 0xb, 0),
    [0x9c] = I("setl", setcc, Eb, 0, 0, 0xc, 0),
    [0x9d] = I("setge", setcc, Eb, 0, 0, 0xd, 0),
    [0x9e] = I("setle", setcc, Eb, 0, 0, 0xe, 0),
    [0x9f] = I("setg", setcc, Eb, 0, 0, 0xf, 0),
    [0xa0] = I("push fs", push_seg, 0, 0, 0, R_FS, X86_D64),
    [0xa1] = I("pop fs", pop_seg, 0, 0, 0, R_FS, X86_D64),
    [0xa2] = I("cpuid", cpuid, 0, 0, 0, 0, 0),
    [0xa3] = I("bt", bt, Ev, Gv, 0, 0, 0),
    [0xa4] = I("shld", shift, Ev, Gv, Ib, I386_SHLD, 0),
    [0xa5] = I("shld", shift, Ev, Gv, CL, I386_SHLD, 0),
    [0xa8] = I("push gs", push_seg, 0, 0, 0, R_GS, X86_D64),
    [0xa9] = I("pop gs", pop_seg, 0, 0, 0, R_GS, X86_D64),
    [0xab] = I("bts", bt, Ev, Gv, 0, 1, X86_LOCK),
    [0xac] = I("shrd", shift, Ev, Gv, Ib, I386_SHRD, 0),
    [0xad] = I("shrd", shift, Ev, Gv, CL, I386_SHRD, 0),
    [0xae] = GROUPM(grp15),
    [0xaf] = I("imul", imul, Gv, Ev, 0, 0, 0),
    [0xb0] = I("cmpxchg", cmpxchg, Eb, Gb, 0, 0, X86_LOCK),
    [0xb1] = I("cmpxchg", cmpxchg, Ev, Gv, 0, 0, X86_LOCK),
    [0xb2] = I("lss", sys_lxs, Gv, M, 0, R_SS, 0),
    [0xb3] = I("btr", bt, Ev, Gv, 0, 2, X86_LOCK),
    [0xb4] = I("lfs", sys_lxs, Gv, M, 0, R_FS, 0),
    [0xb5] = I("lgs", sys_lxs, Gv, M, 0, R_GS, 0),
    [0xb6] = I("movzx", movx, Gv, Eb, 0, 0, 0),
    [0xb7] = I("movzx", movx, Gv, Ew, 0, 0, 0),
    [0xb8] = PFX(op_0fb8),
    [0xb9] = UD("ud1"),
    [0xba] = GROUP(grp8),
    [0xbb] = I("btc", bt, Ev, Gv, 0, 3, X86_LOCK),
    [0xbc] = PFX(op_0fbc),
    [0xbd] = PFX(op_0fbd),
    [0xbe] = I("movsx", movx, Gv, Eb, 0, 1, 0),
    [0xbf] = I("movsx", movx, Gv, Ew, 0, 1, 0),
    [0xc0] = I("xadd", xadd, Eb, Gb, 0, 0, X86_LOCK),
    [0xc1] = I("xadd", xadd, Ev, Gv, 0, 0, X86_LOCK),
    [0xc2] = PFX(op_cmp),
    [0xc3] = F("movnti", movnti, My, Gy, 0, 0, 0, SSE2),
    [0xc4] = PFX(op_0fc4), [0xc5] = PFX(op_0fc5), [0xc6] = PFX(op_0fc6),
    [0xc7] = GROUPM(grp9),
    [0xc8 ... 0xcf] = I("bswap", bswap, Zy, 0, 0, 0, 0),
    [0xd0] = PFX(op_0fd0),
    [0xd1] = PFX(op_0fd1), [0xd2] = PFX(op_0fd2), [0xd3] = PFX(op_0fd3),
    [0xd4] = PFX(op_0fd4), [0xd5] = PFX(op_0fd5), [0xd6] = PFX(op_0fd6),
    [0xd7] = PFX(op_0fd7), [0xd8] = PFX(op_0fd8), [0xd9] = PFX(op_0fd9),
    [0xda] = PFX(op_0fda), [0xdb] = PFX(op_0fdb), [0xdc] = PFX(op_0fdc),
    [0xdd] = PFX(op_0fdd), [0xde] = PFX(op_0fde), [0xdf] = PFX(op_0fdf),
    [0xe0] = PFX(op_0fe0), [0xe1] = PFX(op_0fe1), [0xe2] = PFX(op_0fe2),
    [0xe3] = PFX(op_0fe3), [0xe4] = PFX(op_0fe4), [0xe5] = PFX(op_0fe5),
    [0xe6] = PFX(op_0fe6), [0xe7] = PFX(op_0fe7), [0xe8] = PFX(op_0fe8),
    [0xe9] = PFX(op_0fe9), [0xea] = PFX(op_0fea), [0xeb] = PFX(op_0feb),
    [0xec] = PFX(op_0fec), [0xed] = PFX(op_0fed), [0xee] = PFX(op_0fee),
    [0xef] = PFX(op_0fef), [0xf0] = PFX(op_0ff0),
    [0xf1] = PFX(op_0ff1), [0xf2] = PFX(op_0ff2), [0xf3] = PFX(op_0ff3),
    [0xf4] = PFX(op_0ff4), [0xf5] = PFX(op_0ff5), [0xf6] = PFX(op_0ff6), [0xf7] = PFX(op_0ff7),
    [0xf8] = PFX(op_0ff8), [0xf9] = PFX(op_0ff9), [0xfa] = PFX(op_0ffa),
    [0xfb] = PFX(op_0ffb), [0xfc] = PFX(op_0ffc), [0xfd] = PFX(op_0ffd),
    [0xfe] = PFX(op_0ffe),
};
