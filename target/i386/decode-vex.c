/*
 * decode-vex.c — the VEX opcode maps (SDM vol. 2D, appendix A, the rows
 * marked "v"): VEX.0F, VEX.0F38, VEX.0F3A, each row by mandatory prefix
 * (VEX.pp: none, 66, F3, F2).  Like decode-table.c this is the single
 * source of truth for what VEX-decodes; translate.c walks it.
 *
 * Operands are written as in decode-table.c; H (the source VEX.vvvv names)
 * is not an operand slot but the row flag X86_VEXV, so that a row keeps
 * its destination, ModRM source and immediate.  The `special` of a
 * generic row (V3/V2) holds the AVX_* bits of avx.h.
 *
 *   V3(name, helper, V, W, imm, special)   dest = op(H, W[, imm]), SSE or AVX helper
 *   V2(...)                                dest = op(W[, imm]), vvvv must be 1111b
 *   X(name, emitter, a, b, c, special, flags, feature)   an emitter of emit-avx.c
 * The AVX-only rows are VEX.W0 (X86_W0) or W1 as the manual says; the
 * VEX forms of SSE rows ignore VEX.W.
 * Integer rows carry AVX_INT: their VEX.256 forms need AVX2.
 *
 * Every AVX row's emitter is reached through a guard (vex_<emitter>) that
 * first makes the system-mode checks of the AVX exception classes from the
 * TB flags; the BMI rows (general registers) have none.
 */
#include "emit.h"

#include "avx.h"
#include "helper.h"
#include "sse_helper.h"
#include "sse_approx.h"

#define FEAT_INIT_(w, bit) .feat = w, .feat_bit = bit
#define FEAT_INIT(...) FEAT_INIT_(__VA_ARGS__)
#define AVX FEAT_1_ECX, CPUID_EXT_AVX
#define AVX2 FEAT_7_0_EBX, CPUID_7_0_EBX_AVX2
#define VAES FEAT_1_ECX, CPUID_EXT_AES
#define VPCLMUL FEAT_1_ECX, CPUID_EXT_PCLMUL

/*
 * SDM vol. 2A, 2.8 (exception classes of VEX-encoded instructions): #UD in
 * real and virtual-8086 mode, with CR4.OSXSAVE = 0 or XCR0[2:1] != 11b
 * (HF_AVX_UD), then #NM with CR0.TS = 1.  User mode: Linux enables AVX.
 */
static bool vex_state_ok(DisasContext *s)
{
#ifndef CONFIG_USER_ONLY
    if (!(s->hflags & HF_PE) || (s->hflags & (HF_VM | HF_AVX_UD))) {
        i386_gen_illegal(s, "AVX with CR4.OSXSAVE = 0, XCR0[2:1] != 11b, or in real/V86 mode");
        return false;
    }
    if (s->hflags & HF_TS) {
        i386_gen_exception(s, EXCP07_PREX);
        return false;
    }
#endif
    return true;
}
#define VEX_GUARD(fn)                                                                   \
    static void vex_##fn(DisasContext *s, X86Insn *d)                                   \
    {                                                                                   \
        if (vex_state_ok(s)) {                                                          \
            i386_emit_##fn(s, d);                                                       \
        }                                                                               \
    }
VEX_GUARD(avx_op) VEX_GUARD(avx_mov) VEX_GUARD(avx_movs) VEX_GUARD(avx_movlh)
VEX_GUARD(avx_movd) VEX_GUARD(avx_movq) VEX_GUARD(avx_movmsk) VEX_GUARD(avx_cvtsi2s)
VEX_GUARD(avx_cvts2si) VEX_GUARD(sse_flags) VEX_GUARD(ldmxcsr) VEX_GUARD(stmxcsr)
VEX_GUARD(avx_shift_imm) VEX_GUARD(avx_vzero) VEX_GUARD(avx_pinsr) VEX_GUARD(avx_pextr)
VEX_GUARD(maskmov) VEX_GUARD(avx_test) VEX_GUARD(avx_whole) VEX_GUARD(avx_maskmov)
VEX_GUARD(avx_gather) VEX_GUARD(avx_f16c) VEX_GUARD(avx_shiftv) VEX_GUARD(avx_fma)
VEX_GUARD(avx_insert128) VEX_GUARD(avx_extract128) VEX_GUARD(avx_insertps)
VEX_GUARD(avx_blendv) VEX_GUARD(avx_pcmpstrm)

#define VH(nm, h, fl, a, b, c, sp, ...) \
    { .name = nm, .gen = vex_avx_op, .op = { a, b, c }, .special = sp, \
      .flags = X86_VEX | (fl), FEAT_INIT(__VA_ARGS__), .helper = &h }
#define V3(nm, h, a, b, c, sp) VH(nm, i386_sse_##h, X86_VEXV, a, b, c, sp, AVX)
#define V2(nm, h, a, b, c, sp) VH(nm, i386_sse_##h, 0, a, b, c, sp, AVX)
#define A3(nm, h, a, b, c, sp, ...) VH(nm, i386_avx_##h, X86_VEXV, a, b, c, sp, __VA_ARGS__)
#define X(nm, fn, a, b, c, sp, fl, ...) \
    { .name = nm, .gen = vex_##fn, .op = { a, b, c }, .special = sp, \
      .flags = X86_VEX | (fl), FEAT_INIT(__VA_ARGS__) }
#define XH(nm, fn, h, a, b, c, sp, fl, ...) \
    { .name = nm, .gen = vex_##fn, .op = { a, b, c }, .special = sp, \
      .flags = X86_VEX | (fl), FEAT_INIT(__VA_ARGS__), .helper = &h }
#define PFX(t) { .flags = X86_PREFIXED, .sub = t }
#define UD(reason) { .name = reason, .flags = X86_MODRM }

/* operand sizes decode-table.c has no name for */
#define Ww X86_OPND(X86_A_W, X86_S_w)
#define Wb X86_OPND(X86_A_W, X86_S_b)

#define V_UN (X86_VEXV | X86_UNAL)
#define I AVX_INT
#define SC AVX_SCALAR

/* ---- VEX.0F --------------------------------------------------------------------------- */

#define VARITH4(nm)                                                                     \
static const X86OpEntry v_##nm[4] = {                                                   \
    V3("v" #nm "ps", nm##ps, Vx, Wx, 0, 0), V3("v" #nm "pd", nm##pd, Vx, Wx, 0, 0),     \
    V3("v" #nm "ss", nm##ss, Vx, Wss, 0, SC), V3("v" #nm "sd", nm##sd, Vx, Wsd, 0, SC), \
}
VARITH4(add);
VARITH4(mul);
VARITH4(sub);
VARITH4(min);
VARITH4(div);
VARITH4(max);
static const X86OpEntry v_sqrt[4] = {
    V2("vsqrtps", sqrtps, Vx, Wx, 0, 0), V2("vsqrtpd", sqrtpd, Vx, Wx, 0, 0),
    V3("vsqrtss", sqrtss, Vx, Wss, 0, SC), V3("vsqrtsd", sqrtsd, Vx, Wsd, 0, SC),
};
static const X86OpEntry v_cmp[4] = {
    A3("vcmpps", vcmpps, Vx, Wx, Ib, 0, AVX), A3("vcmppd", vcmppd, Vx, Wx, Ib, 0, AVX),
    A3("vcmpss", vcmpss, Vx, Wss, Ib, SC, AVX), A3("vcmpsd", vcmpsd, Vx, Wsd, Ib, SC, AVX),
};
static const X86OpEntry v_0f10[4] = {
    X("vmovups", avx_mov, Vx, Wx, 0, 0, X86_UNAL, AVX), X("vmovupd", avx_mov, Vx, Wx, 0, 0, X86_UNAL, AVX),
    X("vmovss", avx_movs, Vx, Wss, 0, 0, V_UN, AVX), X("vmovsd", avx_movs, Vx, Wsd, 0, 0, V_UN, AVX),
};
static const X86OpEntry v_0f11[4] = {
    X("vmovups", avx_mov, Wx, Vx, 0, 0, X86_UNAL, AVX), X("vmovupd", avx_mov, Wx, Vx, 0, 0, X86_UNAL, AVX),
    X("vmovss", avx_movs, Wss, Vx, 0, 0, V_UN, AVX), X("vmovsd", avx_movs, Wsd, Vx, 0, 0, V_UN, AVX),
};
static const X86OpEntry v_0f12[4] = {
    X("vmovlps", avx_movlh, Vx, Wq, 0, 0, V_UN | X86_L0, AVX),
    X("vmovlpd", avx_movlh, Vx, Mq, 0, 0, V_UN | X86_L0, AVX),
    V2("vmovsldup", movsldup, Vx, Wx, 0, 0), V2("vmovddup", movddup, Vx, Wsd, 0, 0),
};
static const X86OpEntry v_0f13[4] = {
    X("vmovlps", avx_movlh, Mq, Vx, 0, 1, X86_L0, AVX), X("vmovlpd", avx_movlh, Mq, Vx, 0, 1, X86_L0, AVX),
};
static const X86OpEntry v_0f14[4] = {
    V3("vunpcklps", unpcklps, Vx, Wx, 0, 0), V3("vunpcklpd", punpcklqdq, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f15[4] = {
    V3("vunpckhps", unpckhps, Vx, Wx, 0, 0), V3("vunpckhpd", punpckhqdq, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f16[4] = {
    X("vmovhps", avx_movlh, Vx, Wq, 0, 2, V_UN | X86_L0, AVX),
    X("vmovhpd", avx_movlh, Vx, Mq, 0, 2, V_UN | X86_L0, AVX),
    V2("vmovshdup", movshdup, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f17[4] = {
    X("vmovhps", avx_movlh, Mq, Vx, 0, 3, X86_L0, AVX), X("vmovhpd", avx_movlh, Mq, Vx, 0, 3, X86_L0, AVX),
};
static const X86OpEntry v_0f28[4] = {
    X("vmovaps", avx_mov, Vx, Wx, 0, 0, 0, AVX), X("vmovapd", avx_mov, Vx, Wx, 0, 0, 0, AVX),
};
static const X86OpEntry v_0f29[4] = {
    X("vmovaps", avx_mov, Wx, Vx, 0, 0, 0, AVX), X("vmovapd", avx_mov, Wx, Vx, 0, 0, 0, AVX),
};
static const X86OpEntry v_0f2a[4] = {
    [2] = X("vcvtsi2ss", avx_cvtsi2s, Vx, Ey, 0, 0, X86_VEXV, AVX),
    [3] = X("vcvtsi2sd", avx_cvtsi2s, Vx, Ey, 0, 1, X86_VEXV, AVX),
};
static const X86OpEntry v_0f2b[4] = {
    X("vmovntps", avx_mov, Mx, Vx, 0, 0, 0, AVX), X("vmovntpd", avx_mov, Mx, Vx, 0, 0, 0, AVX),
};
static const X86OpEntry v_0f2c[4] = {
    [2] = X("vcvttss2si", avx_cvts2si, Gy, Wss, 0, 2, X86_UNAL, AVX),
    [3] = X("vcvttsd2si", avx_cvts2si, Gy, Wsd, 0, 3, X86_UNAL, AVX),
};
static const X86OpEntry v_0f2d[4] = {
    [2] = X("vcvtss2si", avx_cvts2si, Gy, Wss, 0, 0, X86_UNAL, AVX),
    [3] = X("vcvtsd2si", avx_cvts2si, Gy, Wsd, 0, 1, X86_UNAL, AVX),
};
static const X86OpEntry v_0f2e[4] = {
    X("vucomiss", sse_flags, Vx, Wss, 0, 0, X86_UNAL, AVX),
    X("vucomisd", sse_flags, Vx, Wsd, 0, 0, X86_UNAL, AVX),
};
static const X86OpEntry v_0f2f[4] = {
    X("vcomiss", sse_flags, Vx, Wss, 0, 0, X86_UNAL, AVX),
    X("vcomisd", sse_flags, Vx, Wsd, 0, 0, X86_UNAL, AVX),
};
static const X86OpEntry v_0f50[4] = {
    X("vmovmskps", avx_movmsk, Gd, Ux, 0, 0, 0, AVX), X("vmovmskpd", avx_movmsk, Gd, Ux, 0, 1, 0, AVX),
};
/* approximations (sse_approx_helper.c); the SS forms take lanes 1-3 from H */
static const X86OpEntry v_0f52[4] = {
    V2("vrsqrtps", rsqrtps, Vx, Wx, 0, 0), [2] = V3("vrsqrtss", rsqrtss, Vx, Wss, 0, SC),
};
static const X86OpEntry v_0f53[4] = {
    V2("vrcpps", rcpps, Vx, Wx, 0, 0), [2] = V3("vrcpss", rcpss, Vx, Wss, 0, SC),
};
static const X86OpEntry v_0f54[4] = {
    V3("vandps", pand, Vx, Wx, 0, 0), V3("vandpd", pand, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f55[4] = {
    V3("vandnps", pandn, Vx, Wx, 0, 0), V3("vandnpd", pandn, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f56[4] = {
    V3("vorps", por, Vx, Wx, 0, 0), V3("vorpd", por, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f57[4] = {
    V3("vxorps", pxor, Vx, Wx, 0, 0), V3("vxorpd", pxor, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f5a[4] = {
    V2("vcvtps2pd", cvtps2pd, Vx, Wsd, 0, AVX_W_HALF), V2("vcvtpd2ps", cvtpd2ps, Vx, Wx, 0, AVX_NARROW),
    V3("vcvtss2sd", cvtss2sd, Vx, Wss, 0, SC), V3("vcvtsd2ss", cvtsd2ss, Vx, Wsd, 0, SC),
};
static const X86OpEntry v_0f5b[4] = {
    V2("vcvtdq2ps", cvtdq2ps, Vx, Wx, 0, 0), V2("vcvtps2dq", cvtps2dq, Vx, Wx, 0, 0),
    V2("vcvttps2dq", cvttps2dq, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0fe6[4] = {
    [1] = V2("vcvttpd2dq", cvttpd2dq, Vx, Wx, 0, AVX_NARROW),
    [2] = V2("vcvtdq2pd", cvtdq2pd, Vx, Wsd, 0, AVX_W_HALF),
    [3] = V2("vcvtpd2dq", cvtpd2dq, Vx, Wx, 0, AVX_NARROW),
};
static const X86OpEntry v_0fc6[4] = {
    V3("vshufps", shufps, Vx, Wx, Ib, 0), V3("vshufpd", shufpd, Vx, Wx, Ib, AVX_IMM_SHR2),
};
static const X86OpEntry v_0f7c[4] = {
    [1] = V3("vhaddpd", haddpd, Vx, Wx, 0, 0), [3] = V3("vhaddps", haddps, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0f7d[4] = {
    [1] = V3("vhsubpd", hsubpd, Vx, Wx, 0, 0), [3] = V3("vhsubps", hsubps, Vx, Wx, 0, 0),
};
static const X86OpEntry v_0fd0[4] = {
    [1] = V3("vaddsubpd", addsubpd, Vx, Wx, 0, 0), [3] = V3("vaddsubps", addsubps, Vx, Wx, 0, 0),
};

/* integer rows: 66 only */
#define VI(op, nm, sp) static const X86OpEntry v_##op[4] = { [1] = V3("v" #nm, nm, Vx, Wx, 0, I | (sp)) }
VI(0f60, punpcklbw, 0); VI(0f61, punpcklwd, 0); VI(0f62, punpckldq, 0); VI(0f63, packsswb, 0);
VI(0f64, pcmpgtb, 0); VI(0f65, pcmpgtw, 0); VI(0f66, pcmpgtd, 0); VI(0f67, packuswb, 0);
VI(0f68, punpckhbw, 0); VI(0f69, punpckhwd, 0); VI(0f6a, punpckhdq, 0); VI(0f6b, packssdw, 0);
VI(0f6c, punpcklqdq, 0); VI(0f6d, punpckhqdq, 0);
VI(0f74, pcmpeqb, 0); VI(0f75, pcmpeqw, 0); VI(0f76, pcmpeqd, 0);
VI(0fd1, psrlw, AVX_W_SAME); VI(0fd2, psrld, AVX_W_SAME); VI(0fd3, psrlq, AVX_W_SAME);
VI(0fd4, paddq, 0); VI(0fd5, pmullw, 0); VI(0fd8, psubusb, 0); VI(0fd9, psubusw, 0);
VI(0fda, pminub, 0); VI(0fdb, pand, 0); VI(0fdc, paddusb, 0); VI(0fdd, paddusw, 0);
VI(0fde, pmaxub, 0); VI(0fdf, pandn, 0); VI(0fe0, pavgb, 0);
VI(0fe1, psraw, AVX_W_SAME); VI(0fe2, psrad, AVX_W_SAME);
VI(0fe3, pavgw, 0); VI(0fe4, pmulhuw, 0); VI(0fe5, pmulhw, 0);
VI(0fe8, psubsb, 0); VI(0fe9, psubsw, 0); VI(0fea, pminsw, 0); VI(0feb, por, 0);
VI(0fec, paddsb, 0); VI(0fed, paddsw, 0); VI(0fee, pmaxsw, 0); VI(0fef, pxor, 0);
VI(0ff1, psllw, AVX_W_SAME); VI(0ff2, pslld, AVX_W_SAME); VI(0ff3, psllq, AVX_W_SAME);
VI(0ff4, pmuludq, 0); VI(0ff5, pmaddwd, 0); VI(0ff6, psadbw, 0); VI(0ff8, psubb, 0);
VI(0ff9, psubw, 0); VI(0ffa, psubd, 0); VI(0ffb, psubq, 0); VI(0ffc, paddb, 0);
VI(0ffd, paddw, 0); VI(0ffe, paddd, 0);

static const X86OpEntry v_0f6e[4] = { [1] = X("vmovd", avx_movd, Vx, Ey, 0, 0, X86_L0, AVX) };
static const X86OpEntry v_0f6f[4] = {
    [1] = X("vmovdqa", avx_mov, Vx, Wx, 0, 0, 0, AVX),
    [2] = X("vmovdqu", avx_mov, Vx, Wx, 0, 0, X86_UNAL, AVX),
};
static const X86OpEntry v_0f70[4] = {
    [1] = V2("vpshufd", pshufd, Vx, Wx, Ib, I), [2] = V2("vpshufhw", pshufhw, Vx, Wx, Ib, I),
    [3] = V2("vpshuflw", pshuflw, Vx, Wx, Ib, I),
};
#define VSH(nm) XH("v" #nm, avx_shift_imm, i386_sse_##nm, Ux, Ib, 0, I, X86_VEXV, AVX)
static const X86OpEntry v_grp12[8] = { [2] = VSH(psrlw), [4] = VSH(psraw), [6] = VSH(psllw) };
static const X86OpEntry v_grp13[8] = { [2] = VSH(psrld), [4] = VSH(psrad), [6] = VSH(pslld) };
static const X86OpEntry v_grp14[8] = {
    [2] = VSH(psrlq), [3] = VSH(psrldq), [6] = VSH(psllq), [7] = VSH(pslldq),
};
static const X86OpEntry v_0f71[4] = { [1] = { .flags = X86_GROUP, .sub = v_grp12 } };
static const X86OpEntry v_0f72[4] = { [1] = { .flags = X86_GROUP, .sub = v_grp13 } };
static const X86OpEntry v_0f73[4] = { [1] = { .flags = X86_GROUP, .sub = v_grp14 } };
static const X86OpEntry v_0f77[4] = { X("vzeroupper/vzeroall", avx_vzero, 0, 0, 0, 0, 0, AVX) };
static const X86OpEntry v_0f7e[4] = {
    [1] = X("vmovd", avx_movd, Ey, Vx, 0, 1, X86_L0, AVX),
    [2] = X("vmovq", avx_movq, Vx, Wq, 0, 0, X86_L0, AVX),
};
static const X86OpEntry v_0f7f[4] = {
    [1] = X("vmovdqa", avx_mov, Wx, Vx, 0, 0, 0, AVX),
    [2] = X("vmovdqu", avx_mov, Wx, Vx, 0, 0, X86_UNAL, AVX),
};
static const X86OpEntry v_grp15[8] = {
    [2] = X("vldmxcsr", ldmxcsr, M, 0, 0, 0, X86_L0, AVX),
    [3] = X("vstmxcsr", stmxcsr, M, 0, 0, 0, X86_L0, AVX),
};
static const X86OpEntry v_0fae[4] = { { .flags = X86_GROUP, .sub = v_grp15 } };
static const X86OpEntry v_0fc4[4] = { [1] = X("vpinsrw", avx_pinsr, Vx, Ed, Ib, 1, X86_VEXV | X86_L0, AVX) };
static const X86OpEntry v_0fc5[4] = { [1] = X("vpextrw", avx_pextr, Gd, Ux, Ib, 1, X86_L0, AVX) };
static const X86OpEntry v_0fd6[4] = { [1] = X("vmovq", avx_movq, Wq, Vx, 0, 1, X86_L0, AVX) };
static const X86OpEntry v_0fd7[4] = { [1] = X("vpmovmskb", avx_movmsk, Gd, Ux, 0, 2 | I, 0, AVX) };
static const X86OpEntry v_0fe7[4] = { [1] = X("vmovntdq", avx_mov, Mx, Vx, 0, 0, 0, AVX) };
/* VMASKMOVDQU: the legacy emitter (bytes of V under the mask U to DS:rDI), VEX.128 only */
static const X86OpEntry v_0ff7[4] = { [1] = X("vmaskmovdqu", maskmov, Vx, Ux, 0, 16, X86_L0, AVX) };
static const X86OpEntry v_0ff0[4] = { [3] = X("vlddqu", avx_mov, Vx, Mx, 0, 0, X86_UNAL, AVX) };


/* ---- VEX.0F38 ------------------------------------------------------------------------- */

VI(0f3800, pshufb, 0); VI(0f3801, phaddw, 0); VI(0f3802, phaddd, 0); VI(0f3804, pmaddubsw, 0);
VI(0f3803, phaddsw, 0); VI(0f3807, phsubsw, 0);
VI(0f3805, phsubw, 0); VI(0f3806, phsubd, 0); VI(0f3808, psignb, 0); VI(0f3809, psignw, 0);
VI(0f380a, psignd, 0); VI(0f380b, pmulhrsw, 0);
VI(0f3828, pmuldq, 0); VI(0f3829, pcmpeqq, 0); VI(0f382b, packusdw, 0); VI(0f3837, pcmpgtq, 0);
VI(0f3838, pminsb, 0); VI(0f3839, pminsd, 0); VI(0f383a, pminuw, 0); VI(0f383b, pminud, 0);
VI(0f383c, pmaxsb, 0); VI(0f383d, pmaxsd, 0); VI(0f383e, pmaxuw, 0); VI(0f383f, pmaxud, 0);
VI(0f3840, pmulld, 0);
/* VEX.128 only */
static const X86OpEntry v_0f3841[4] = {
    [1] = VH("vphminposuw", i386_sse_phminposuw, X86_L0, Vx, Wx, 0, I, AVX),
};
#define VI2(op, nm, src, sp) \
    static const X86OpEntry v_##op[4] = { [1] = V2("v" #nm, nm, Vx, src, 0, I | (sp)) }
VI2(0f381c, pabsb, Wx, 0); VI2(0f381d, pabsw, Wx, 0); VI2(0f381e, pabsd, Wx, 0);
VI2(0f3820, pmovsxbw, Wq, AVX_W_HALF); VI2(0f3821, pmovsxbd, Wd, AVX_W_HALF);
VI2(0f3822, pmovsxbq, Ww, AVX_W_HALF); VI2(0f3823, pmovsxwd, Wq, AVX_W_HALF);
VI2(0f3824, pmovsxwq, Wd, AVX_W_HALF); VI2(0f3825, pmovsxdq, Wq, AVX_W_HALF);
VI2(0f3830, pmovzxbw, Wq, AVX_W_HALF); VI2(0f3831, pmovzxbd, Wd, AVX_W_HALF);
VI2(0f3832, pmovzxbq, Ww, AVX_W_HALF); VI2(0f3833, pmovzxwd, Wq, AVX_W_HALF);
VI2(0f3834, pmovzxwq, Wd, AVX_W_HALF); VI2(0f3835, pmovzxdq, Wq, AVX_W_HALF);

static const X86OpEntry v_0f380c[4] = { [1] = VH("vpermilps", i386_avx_permilps, X86_VEXV | X86_W0, Vx, Wx, 0, 0, AVX) };
static const X86OpEntry v_0f380d[4] = { [1] = VH("vpermilpd", i386_avx_permilpd, X86_VEXV | X86_W0, Vx, Wx, 0, 0, AVX) };
static const X86OpEntry v_0f380e[4] = { [1] = X("vtestps", avx_test, Vx, Wx, 0, 1, X86_W0, AVX) };
static const X86OpEntry v_0f380f[4] = { [1] = X("vtestpd", avx_test, Vx, Wx, 0, 2, X86_W0, AVX) };
static const X86OpEntry v_0f3817[4] = { [1] = X("vptest", avx_test, Vx, Wx, 0, 0, 0, AVX) };
/* whole-register rows: special low nibble = 1 + log2 of W's memory bytes (0: the vector), 0x80: VEX.256 only */
#define WH(nm, h, fl, a, b, c, sp, ...) XH(nm, avx_whole, i386_avx_##h, a, b, c, sp, fl, __VA_ARGS__)
static const X86OpEntry v_0f3816[4] = { [1] = WH("vpermps", permd, X86_VEXV | X86_W0, Vx, Wx, 0, 0x80, AVX2) };
static const X86OpEntry v_0f3836[4] = { [1] = WH("vpermd", permd, X86_VEXV | X86_W0, Vx, Wx, 0, 0x80, AVX2) };
static const X86OpEntry v_0f3818[4] = { [1] = WH("vbroadcastss", broadcastd, X86_W0, Vx, Wd, 0, 3, AVX) };
static const X86OpEntry v_0f3819[4] = { [1] = WH("vbroadcastsd", broadcastq, X86_W0, Vx, Wq, 0, 0x84, AVX) };
static const X86OpEntry v_0f381a[4] = { [1] = WH("vbroadcastf128", broadcast128, X86_W0, Vx, Mx, 0, 0x85, AVX) };
static const X86OpEntry v_0f385a[4] = { [1] = WH("vbroadcasti128", broadcast128, X86_W0, Vx, Mx, 0, 0x85, AVX2) };
static const X86OpEntry v_0f3858[4] = { [1] = WH("vpbroadcastd", broadcastd, X86_W0, Vx, Wd, 0, 3, AVX2) };
static const X86OpEntry v_0f3859[4] = { [1] = WH("vpbroadcastq", broadcastq, X86_W0, Vx, Wq, 0, 4, AVX2) };
static const X86OpEntry v_0f3878[4] = { [1] = WH("vpbroadcastb", broadcastb, X86_W0, Vx, Wb, 0, 1, AVX2) };
static const X86OpEntry v_0f3879[4] = { [1] = WH("vpbroadcastw", broadcastw, X86_W0, Vx, Ww, 0, 2, AVX2) };
static const X86OpEntry v_0f382a[4] = { [1] = X("vmovntdqa", avx_mov, Vx, Mx, 0, I, 0, AVX) };
static const X86OpEntry v_0f382c[4] = { [1] = X("vmaskmovps", avx_maskmov, Vx, Mx, 0, 0, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f382d[4] = { [1] = X("vmaskmovpd", avx_maskmov, Vx, Mx, 0, 2, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f382e[4] = { [1] = X("vmaskmovps", avx_maskmov, Mx, Vx, 0, 1, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f382f[4] = { [1] = X("vmaskmovpd", avx_maskmov, Mx, Vx, 0, 3, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f388c[4] = { [1] = X("vpmaskmovd/q", avx_maskmov, Vx, Mx, 0, 4 | I, X86_VEXV, AVX2) };
static const X86OpEntry v_0f388e[4] = { [1] = X("vpmaskmovd/q", avx_maskmov, Mx, Vx, 0, 5 | I, X86_VEXV, AVX2) };
static const X86OpEntry v_gather[4] = { [1] = X("vgather/vpgather", avx_gather, Vx, M, 0, 0, X86_VEXV, AVX2) };
#define F16C FEAT_1_ECX, CPUID_EXT_F16C
static const X86OpEntry v_0f3813[4] = { [1] = X("vcvtph2ps", avx_f16c, Vx, Wx, 0, 0, X86_W0, F16C) };
static const X86OpEntry v_0f3a1d[4] = { [1] = X("vcvtps2ph", avx_f16c, Wx, Vx, Ib, 1, X86_W0, F16C) };
static const X86OpEntry v_0f3845[4] = { [1] = X("vpsrlvd/q", avx_shiftv, Vx, Wx, 0, 0, X86_VEXV, AVX2) };
static const X86OpEntry v_0f3846[4] = { [1] = X("vpsravd", avx_shiftv, Vx, Wx, 0, 1, X86_VEXV | X86_W0, AVX2) };
static const X86OpEntry v_0f3847[4] = { [1] = X("vpsllvd/q", avx_shiftv, Vx, Wx, 0, 2, X86_VEXV, AVX2) };
#define VAESR(op, nm, fl) \
    static const X86OpEntry v_##op[4] = { [1] = VH("v" #nm, i386_sse_##nm, fl | X86_L0, Vx, Wx, 0, 0, VAES) }
VAESR(0f38db, aesimc, 0); VAESR(0f38dc, aesenc, X86_VEXV); VAESR(0f38dd, aesenclast, X86_VEXV);
VAESR(0f38de, aesdec, X86_VEXV); VAESR(0f38df, aesdeclast, X86_VEXV);

/* FMA3: one row for the 30 opcodes, the emitter reads order and kind from the opcode */
#define FMA FEAT_1_ECX, CPUID_EXT_FMA
static const X86OpEntry v_fma[4] = { [1] = X("vfmadd/vfmsub/vfnmadd/vfnmsub", avx_fma, Vx, Wx, 0, 0,
                                             X86_VEXV, FMA) };

/* BMI1/BMI2 (VEX.LZ, general registers; y = 32 or 64 bits by VEX.W). */
#define BMI1 FEAT_7_0_EBX, CPUID_7_0_EBX_BMI1
#define BMI2 FEAT_7_0_EBX, CPUID_7_0_EBX_BMI2
#define VB (X86_VEX | X86_L0)
#define F(nm, fn, a, b, c, sp, fl, ...) \
    { .name = nm, .gen = i386_emit_##fn, .op = { a, b, c }, .special = sp, .flags = fl, \
      FEAT_INIT(__VA_ARGS__) }
static const X86OpEntry vex_grp17[8] = {
    [1] = F("blsr", bmi, By, Ey, 0, I386_BLSR, VB, BMI1),
    [2] = F("blsmsk", bmi, By, Ey, 0, I386_BLSMSK, VB, BMI1),
    [3] = F("blsi", bmi, By, Ey, 0, I386_BLSI, VB, BMI1),
};
static const X86OpEntry vex_0f38f2[4] = { F("andn", bmi, Gy, By, Ey, I386_ANDN, VB, BMI1) };
static const X86OpEntry vex_0f38f3[4] = { { .flags = X86_GROUP, .sub = vex_grp17 } };
static const X86OpEntry vex_0f38f5[4] = {
    F("bzhi", bmi, Gy, Ey, By, I386_BZHI, VB, BMI2), {0},
    F("pext", bmi, Gy, By, Ey, I386_PEXT, VB, BMI2), F("pdep", bmi, Gy, By, Ey, I386_PDEP, VB, BMI2),
};
static const X86OpEntry vex_0f38f6[4] = {
    [3] = F("mulx", bmi, Gy, By, Ey, I386_MULX, VB, BMI2),
};
static const X86OpEntry vex_0f38f7[4] = {
    F("bextr", bmi, Gy, Ey, By, I386_BEXTR, VB, BMI1), F("shlx", bmi, Gy, Ey, By, I386_SHLX, VB, BMI2),
    F("sarx", bmi, Gy, Ey, By, I386_SARX, VB, BMI2), F("shrx", bmi, Gy, Ey, By, I386_SHRX, VB, BMI2),
};
static const X86OpEntry vex_0f3af0[4] = {
    [3] = F("rorx", bmi, Gy, Ey, Ib, I386_RORX, VB, BMI2),
};


/* ---- VEX.0F3A ------------------------------------------------------------------------- */

static const X86OpEntry v_0f3a00[4] = { [1] = WH("vpermq", permq, X86_W1, Vx, Wx, Ib, 0x80, AVX2) };
static const X86OpEntry v_0f3a01[4] = { [1] = WH("vpermpd", permq, X86_W1, Vx, Wx, Ib, 0x80, AVX2) };
static const X86OpEntry v_0f3a02[4] = {
    [1] = VH("vpblendd", i386_sse_blendps, X86_VEXV | X86_W0, Vx, Wx, Ib, AVX_IMM_SHR4, AVX2),
};
static const X86OpEntry v_0f3a04[4] = { [1] = VH("vpermilps", i386_avx_permilps_imm, X86_W0, Vx, Wx, Ib, 0, AVX) };
static const X86OpEntry v_0f3a05[4] = {
    [1] = VH("vpermilpd", i386_avx_permilpd_imm, X86_W0, Vx, Wx, Ib, AVX_IMM_SHR2, AVX),
};
static const X86OpEntry v_0f3a06[4] = {
    [1] = WH("vperm2f128", perm2f128, X86_VEXV | X86_W0, Vx, Wx, Ib, 0x80, AVX),
};
static const X86OpEntry v_0f3a46[4] = {
    [1] = WH("vperm2i128", perm2f128, X86_VEXV | X86_W0, Vx, Wx, Ib, 0x80, AVX2),
};
static const X86OpEntry v_0f3a08[4] = { [1] = V2("vroundps", roundps, Vx, Wx, Ib, 0) };
static const X86OpEntry v_0f3a09[4] = { [1] = V2("vroundpd", roundpd, Vx, Wx, Ib, 0) };
static const X86OpEntry v_0f3a0a[4] = { [1] = V3("vroundss", roundss, Vx, Wss, Ib, SC) };
static const X86OpEntry v_0f3a0b[4] = { [1] = V3("vroundsd", roundsd, Vx, Wsd, Ib, SC) };
static const X86OpEntry v_0f3a0c[4] = { [1] = V3("vblendps", blendps, Vx, Wx, Ib, AVX_IMM_SHR4) };
static const X86OpEntry v_0f3a0d[4] = { [1] = V3("vblendpd", blendpd, Vx, Wx, Ib, AVX_IMM_SHR2) };
static const X86OpEntry v_0f3a0e[4] = { [1] = V3("vpblendw", pblendw, Vx, Wx, Ib, I) };
/* VDPPS ymm: each lane on its own with the same immediate; VDPPD is VEX.128 only */
static const X86OpEntry v_0f3a40[4] = { [1] = V3("vdpps", dpps, Vx, Wx, Ib, 0) };
static const X86OpEntry v_0f3a41[4] = {
    [1] = VH("vdppd", i386_sse_dppd, X86_VEXV | X86_L0, Vx, Wx, Ib, 0, AVX),
};
/* the upper lane takes its block offsets from imm[5:3] */
static const X86OpEntry v_0f3a42[4] = { [1] = V3("vmpsadbw", mpsadbw, Vx, Wx, Ib, I | AVX_IMM_SHR3) };
static const X86OpEntry v_0f3a0f[4] = { [1] = V3("vpalignr", palignr, Vx, Wx, Ib, I) };
static const X86OpEntry v_0f3a14[4] = { [1] = X("vpextrb", avx_pextr, Ed, Vx, Ib, 0, X86_L0, AVX) };
static const X86OpEntry v_0f3a15[4] = { [1] = X("vpextrw", avx_pextr, Ed, Vx, Ib, 1, X86_L0, AVX) };
static const X86OpEntry v_0f3a16[4] = { [1] = X("vpextrd/q", avx_pextr, Ey, Vx, Ib, 2, X86_L0, AVX) };
static const X86OpEntry v_0f3a21[4] = { [1] = X("vinsertps", avx_insertps, Vx, Wss, Ib, 0, X86_VEXV | X86_L0, AVX) };
static const X86OpEntry v_0f3a17[4] = { [1] = X("vextractps", avx_pextr, Ed, Vx, Ib, 2, X86_L0, AVX) };
static const X86OpEntry v_0f3a18[4] = {
    [1] = X("vinsertf128", avx_insert128, Vx, Wx, Ib, 0, X86_VEXV | X86_W0, AVX),
};
static const X86OpEntry v_0f3a19[4] = {
    [1] = X("vextractf128", avx_extract128, Wx, Vx, Ib, 0, X86_W0, AVX),
};
static const X86OpEntry v_0f3a38[4] = {
    [1] = X("vinserti128", avx_insert128, Vx, Wx, Ib, 0, X86_VEXV | X86_W0, AVX2),
};
static const X86OpEntry v_0f3a39[4] = {
    [1] = X("vextracti128", avx_extract128, Wx, Vx, Ib, 0, X86_W0, AVX2),
};
static const X86OpEntry v_0f3a20[4] = {
    [1] = X("vpinsrb", avx_pinsr, Vx, Ed, Ib, 0, X86_VEXV | X86_L0, AVX),
};
static const X86OpEntry v_0f3a22[4] = {
    [1] = X("vpinsrd/q", avx_pinsr, Vx, Ey, Ib, 2, X86_VEXV | X86_L0, AVX),
};
static const X86OpEntry v_0f3a44[4] = {
    [1] = VH("vpclmulqdq", i386_sse_pclmulqdq, X86_VEXV | X86_L0, Vx, Wx, Ib, 0, VPCLMUL),
};
static const X86OpEntry v_0f3a4a[4] = { [1] = X("vblendvps", avx_blendv, Vx, Wx, Ib, 2, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f3a4b[4] = { [1] = X("vblendvpd", avx_blendv, Vx, Wx, Ib, 3, X86_VEXV | X86_W0, AVX) };
static const X86OpEntry v_0f3a4c[4] = {
    [1] = X("vpblendvb", avx_blendv, Vx, Wx, Ib, 0 | I, X86_VEXV | X86_W0, AVX),
};
/* VPCMPxSTRx: special as in decode-table.c (bit 0: index in ECX, bit 1: implicit lengths) */
#define VPCMPS(op, nm) \
    static const X86OpEntry v_##op[4] = { [1] = X(nm, avx_pcmpstrm, Vx, Wx, Ib, 0x##op & 0xff, \
                                                  X86_UNAL | X86_L0, AVX) }
VPCMPS(0f3a60, "vpcmpestrm"); VPCMPS(0f3a61, "vpcmpestri");
VPCMPS(0f3a62, "vpcmpistrm"); VPCMPS(0f3a63, "vpcmpistri");
static const X86OpEntry v_0f3adf[4] = {
    [1] = VH("vaeskeygenassist", i386_sse_aeskeygenassist, X86_L0, Vx, Wx, Ib, 0, VAES),
};


/* ---- the maps ------------------------------------------------------------------------- */

const X86OpEntry i386_map_vex[3][256] = {
    [0] = {
        [0x10] = PFX(v_0f10), [0x11] = PFX(v_0f11), [0x12] = PFX(v_0f12), [0x13] = PFX(v_0f13),
        [0x14] = PFX(v_0f14), [0x15] = PFX(v_0f15), [0x16] = PFX(v_0f16), [0x17] = PFX(v_0f17),
        [0x28] = PFX(v_0f28), [0x29] = PFX(v_0f29), [0x2a] = PFX(v_0f2a), [0x2b] = PFX(v_0f2b),
        [0x2c] = PFX(v_0f2c), [0x2d] = PFX(v_0f2d), [0x2e] = PFX(v_0f2e), [0x2f] = PFX(v_0f2f),
        [0x50] = PFX(v_0f50), [0x51] = PFX(v_sqrt), [0x52] = PFX(v_0f52), [0x53] = PFX(v_0f53),
        [0x54] = PFX(v_0f54), [0x55] = PFX(v_0f55),
        [0x56] = PFX(v_0f56), [0x57] = PFX(v_0f57), [0x58] = PFX(v_add), [0x59] = PFX(v_mul),
        [0x5a] = PFX(v_0f5a), [0x5b] = PFX(v_0f5b), [0x5c] = PFX(v_sub), [0x5d] = PFX(v_min),
        [0x5e] = PFX(v_div), [0x5f] = PFX(v_max),
        [0x60] = PFX(v_0f60), [0x61] = PFX(v_0f61), [0x62] = PFX(v_0f62), [0x63] = PFX(v_0f63),
        [0x64] = PFX(v_0f64), [0x65] = PFX(v_0f65), [0x66] = PFX(v_0f66), [0x67] = PFX(v_0f67),
        [0x68] = PFX(v_0f68), [0x69] = PFX(v_0f69), [0x6a] = PFX(v_0f6a), [0x6b] = PFX(v_0f6b),
        [0x6c] = PFX(v_0f6c), [0x6d] = PFX(v_0f6d), [0x6e] = PFX(v_0f6e), [0x6f] = PFX(v_0f6f),
        [0x70] = PFX(v_0f70), [0x71] = PFX(v_0f71), [0x72] = PFX(v_0f72), [0x73] = PFX(v_0f73),
        [0x74] = PFX(v_0f74), [0x75] = PFX(v_0f75), [0x76] = PFX(v_0f76), [0x77] = PFX(v_0f77),
        [0x7c] = PFX(v_0f7c), [0x7d] = PFX(v_0f7d), [0x7e] = PFX(v_0f7e), [0x7f] = PFX(v_0f7f),
        [0xae] = PFX(v_0fae), [0xc2] = PFX(v_cmp), [0xc4] = PFX(v_0fc4), [0xc5] = PFX(v_0fc5), [0xc6] = PFX(v_0fc6),
        [0xd0] = PFX(v_0fd0), [0xd1] = PFX(v_0fd1), [0xd2] = PFX(v_0fd2), [0xd3] = PFX(v_0fd3),
        [0xd4] = PFX(v_0fd4), [0xd5] = PFX(v_0fd5), [0xd6] = PFX(v_0fd6), [0xd7] = PFX(v_0fd7),
        [0xd8] = PFX(v_0fd8), [0xd9] = PFX(v_0fd9), [0xda] = PFX(v_0fda), [0xdb] = PFX(v_0fdb),
        [0xdc] = PFX(v_0fdc), [0xdd] = PFX(v_0fdd), [0xde] = PFX(v_0fde), [0xdf] = PFX(v_0fdf),
        [0xe0] = PFX(v_0fe0), [0xe1] = PFX(v_0fe1), [0xe2] = PFX(v_0fe2), [0xe3] = PFX(v_0fe3),
        [0xe4] = PFX(v_0fe4), [0xe5] = PFX(v_0fe5), [0xe6] = PFX(v_0fe6), [0xe7] = PFX(v_0fe7),
        [0xe8] = PFX(v_0fe8), [0xe9] = PFX(v_0fe9), [0xea] = PFX(v_0fea), [0xeb] = PFX(v_0feb),
        [0xec] = PFX(v_0fec), [0xed] = PFX(v_0fed), [0xee] = PFX(v_0fee), [0xef] = PFX(v_0fef),
        [0xf0] = PFX(v_0ff0), [0xf1] = PFX(v_0ff1), [0xf2] = PFX(v_0ff2), [0xf3] = PFX(v_0ff3),
        [0xf4] = PFX(v_0ff4), [0xf5] = PFX(v_0ff5), [0xf6] = PFX(v_0ff6), [0xf7] = PFX(v_0ff7),
        [0xf8] = PFX(v_0ff8), [0xf9] = PFX(v_0ff9), [0xfa] = PFX(v_0ffa), [0xfb] = PFX(v_0ffb),
        [0xfc] = PFX(v_0ffc), [0xfd] = PFX(v_0ffd), [0xfe] = PFX(v_0ffe),
    },
    [1] = {
        [0x00] = PFX(v_0f3800), [0x01] = PFX(v_0f3801), [0x02] = PFX(v_0f3802), [0x03] = PFX(v_0f3803),
        [0x04] = PFX(v_0f3804), [0x05] = PFX(v_0f3805), [0x06] = PFX(v_0f3806), [0x07] = PFX(v_0f3807),
        [0x08] = PFX(v_0f3808), [0x09] = PFX(v_0f3809), [0x0a] = PFX(v_0f380a),
        [0x0b] = PFX(v_0f380b), [0x0c] = PFX(v_0f380c), [0x0d] = PFX(v_0f380d),
        [0x0e] = PFX(v_0f380e), [0x0f] = PFX(v_0f380f),
        [0x13] = PFX(v_0f3813), [0x16] = PFX(v_0f3816), [0x17] = PFX(v_0f3817), [0x18] = PFX(v_0f3818),
        [0x19] = PFX(v_0f3819), [0x1a] = PFX(v_0f381a),
        [0x1c] = PFX(v_0f381c), [0x1d] = PFX(v_0f381d), [0x1e] = PFX(v_0f381e),
        [0x20] = PFX(v_0f3820), [0x21] = PFX(v_0f3821), [0x22] = PFX(v_0f3822),
        [0x23] = PFX(v_0f3823), [0x24] = PFX(v_0f3824), [0x25] = PFX(v_0f3825),
        [0x28] = PFX(v_0f3828), [0x29] = PFX(v_0f3829), [0x2a] = PFX(v_0f382a),
        [0x2b] = PFX(v_0f382b), [0x2c] = PFX(v_0f382c), [0x2d] = PFX(v_0f382d),
        [0x2e] = PFX(v_0f382e), [0x2f] = PFX(v_0f382f), [0x8c] = PFX(v_0f388c),
        [0x8e] = PFX(v_0f388e),
        [0x30] = PFX(v_0f3830), [0x31] = PFX(v_0f3831), [0x32] = PFX(v_0f3832),
        [0x33] = PFX(v_0f3833), [0x34] = PFX(v_0f3834), [0x35] = PFX(v_0f3835),
        [0x36] = PFX(v_0f3836), [0x37] = PFX(v_0f3837), [0x38] = PFX(v_0f3838),
        [0x39] = PFX(v_0f3839), [0x3a] = PFX(v_0f383a), [0x3b] = PFX(v_0f383b),
        [0x3c] = PFX(v_0f383c), [0x3d] = PFX(v_0f383d), [0x3e] = PFX(v_0f383e),
        [0x3f] = PFX(v_0f383f), [0x40] = PFX(v_0f3840), [0x41] = PFX(v_0f3841),
        [0x45] = PFX(v_0f3845), [0x46] = PFX(v_0f3846), [0x47] = PFX(v_0f3847),
        [0x58] = PFX(v_0f3858), [0x59] = PFX(v_0f3859), [0x5a] = PFX(v_0f385a),
        [0x78] = PFX(v_0f3878), [0x79] = PFX(v_0f3879),
        [0x90 ... 0x93] = PFX(v_gather),
        [0x96 ... 0x9f] = PFX(v_fma), [0xa6 ... 0xaf] = PFX(v_fma), [0xb6 ... 0xbf] = PFX(v_fma),
        [0xdb] = PFX(v_0f38db), [0xdc] = PFX(v_0f38dc), [0xdd] = PFX(v_0f38dd),
        [0xde] = PFX(v_0f38de), [0xdf] = PFX(v_0f38df),
        [0xf2] = PFX(vex_0f38f2), [0xf3] = PFX(vex_0f38f3), [0xf5] = PFX(vex_0f38f5),
        [0xf6] = PFX(vex_0f38f6), [0xf7] = PFX(vex_0f38f7),
    },
    [2] = {
        [0x00] = PFX(v_0f3a00), [0x01] = PFX(v_0f3a01), [0x02] = PFX(v_0f3a02),
        [0x04] = PFX(v_0f3a04), [0x05] = PFX(v_0f3a05), [0x06] = PFX(v_0f3a06),
        [0x08] = PFX(v_0f3a08), [0x09] = PFX(v_0f3a09), [0x0a] = PFX(v_0f3a0a),
        [0x0b] = PFX(v_0f3a0b), [0x0c] = PFX(v_0f3a0c), [0x0d] = PFX(v_0f3a0d),
        [0x0e] = PFX(v_0f3a0e), [0x0f] = PFX(v_0f3a0f), [0x40] = PFX(v_0f3a40), [0x41] = PFX(v_0f3a41), [0x42] = PFX(v_0f3a42),
        [0x14] = PFX(v_0f3a14), [0x15] = PFX(v_0f3a15), [0x16] = PFX(v_0f3a16), [0x17] = PFX(v_0f3a17), [0x21] = PFX(v_0f3a21), [0x18] = PFX(v_0f3a18),
        [0x19] = PFX(v_0f3a19), [0x1d] = PFX(v_0f3a1d), [0x20] = PFX(v_0f3a20), [0x22] = PFX(v_0f3a22),
        [0x38] = PFX(v_0f3a38), [0x39] = PFX(v_0f3a39),
        [0x44] = PFX(v_0f3a44), [0x46] = PFX(v_0f3a46),
        [0x4a] = PFX(v_0f3a4a), [0x4b] = PFX(v_0f3a4b), [0x4c] = PFX(v_0f3a4c),
        [0x60] = PFX(v_0f3a60), [0x61] = PFX(v_0f3a61), [0x62] = PFX(v_0f3a62),
        [0x63] = PFX(v_0f3a63), [0xdf] = PFX(v_0f3adf),
        [0xf0] = PFX(vex_0f3af0),
    },
};
