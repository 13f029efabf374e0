/*
 * emit-avx.c — the VEX-encoded vector instructions (AVX, AVX2): the rows
 * of decode-vex.c name an emitter here.
 *
 * Contract: a VEX instruction writing an XMM register zeroes bits 255:128 of
 * it (VLMAX, SDM vol. 1, 14.1.3); the legacy SSE encodings (emit-sse.c)
 * leave them alone.  The non-destructive form dest = op(H, W), H named by
 * VEX.vvvv, is computed in a scratch register (env->xmm_t1) that starts as
 * a copy of H, through the same SSE helper as the legacy form, once per
 * 128-bit lane for VEX.256; the result is then copied to the destination,
 * so any of dest, H and W may be the same register.  A memory operand is
 * loaded into env->xmm_t0 first (no alignment requirement, except the
 * aligned moves), so a fault leaves every register as it was.
 */
#include "emit.h"

#include "avx.h"
#include "helper.h"
#include "sse_helper.h"
#include "x87.h"

/* The scratch registers follow xmm_regs[15]: register numbers 16 and 17 name them. */
#define AVX_T0 16
#define AVX_T1 17
_Static_assert(offsetof(CPUArchState, xmm_t0) ==
               offsetof(CPUArchState, xmm_regs) + AVX_T0 * sizeof(X86Reg), "xmm_t0 layout");
_Static_assert(offsetof(CPUArchState, xmm_t1) ==
               offsetof(CPUArchState, xmm_regs) + AVX_T1 * sizeof(X86Reg), "xmm_t1 layout");

static size_t xoff(int reg, int byte)
{
    return offsetof(CPUArchState, xmm_regs) + reg * sizeof(X86Reg) + byte;
}

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *c32(uint32_t v)
{
    return tcgv_i32_temp(tcg_constant_i32(v));
}

static TCGTemp *xptr(int reg, int byte)
{
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(p, tcg_env, xoff(reg, byte));
    return tcgv_ptr_temp(p);
}

/* helper(env, &reg a + abyte, &reg b + bbyte, imm), its pointer temps freed. */
static void call_ab(const TCGHelperInfo *h, int a, int abyte, int b, int bbyte, uint32_t imm)
{
    TCGTemp *pa = xptr(a, abyte), *pb = xptr(b, bbyte);
    i386_gen_call(h, NULL, 4, env_t(), pa, pb, c32(imm));
    tcg_temp_free_internal(pa);
    tcg_temp_free_internal(pb);
}

/*
 * The emitters free their temps as they go: a long run of vector code must
 * not exhaust the TB's temps (TCG_MAX_TEMPS) before the run ends.
 */

/* Copy nbytes (a multiple of 8) between register images. */
static void xcopy(int dst, int dbyte, int src, int sbyte, int nbytes)
{
    if (dst == src && dbyte == sbyte) {
        return;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    for (int i = 0; i < nbytes; i += 8) {
        tcg_gen_ld_i64(t, tcg_env, xoff(src, sbyte + i));
        tcg_gen_st_i64(t, tcg_env, xoff(dst, dbyte + i));
    }
    tcg_temp_free_i64(t);
}

static void xzero(int reg, int byte, int nbytes)
{
    TCGv_i64 z = tcg_constant_i64(0);
    for (int i = 0; i < nbytes; i += 8) {
        tcg_gen_st_i64(z, tcg_env, xoff(reg, byte + i));
    }
}

/* Bits 255:128 of a VEX.128 destination. */
static void zero_upper(int reg)
{
    xzero(reg, 16, 16);
}

static int ot_bytes(MemOp ot)
{
    return ot == MO_128 ? 16 : 1 << ot;
}

/*
 * Load nbytes at the effective address into xmm_t0 (zero-extended to 8
 * bytes below that); align: the required alignment (0 none).
 */
static void load_t0(DisasContext *s, X86Insn *d, int nbytes, int align)
{
    TCGv_i64 v = tcg_temp_new_i64();
    if (nbytes < 8) {
        i386_gen_ld(s, v, d->addr, nbytes == 1 ? MO_8 : nbytes == 2 ? MO_16 : MO_32);
        tcg_gen_st_i64(v, tcg_env, xoff(AVX_T0, 0));
        tcg_temp_free_i64(v);
        return;
    }
    TCGv_i64 a = tcg_temp_new_i64();
    for (int i = 0; i < nbytes; i += 8) {
        MemOp mop = MO_UQ;
        if (i == 0 && align) {
            mop |= align == 32 ? MO_ALIGN_32 : MO_ALIGN_16;
        }
        tcg_gen_addi_i64(a, d->addr, i);
        i386_gen_ld(s, v, a, mop);
        tcg_gen_st_i64(v, tcg_env, xoff(AVX_T0, i));
    }
    tcg_temp_free_i64(a);
    tcg_temp_free_i64(v);
}

/* Store nbytes (8, 16 or 32) of register image reg at the effective address. */
static void store_mem(DisasContext *s, X86Insn *d, int reg, int nbytes, int align)
{
    TCGv_i64 v = tcg_temp_new_i64(), a = tcg_temp_new_i64();
    for (int i = 0; i < nbytes; i += 8) {
        MemOp mop = MO_UQ;
        if (i == 0 && align) {
            mop |= align == 32 ? MO_ALIGN_32 : MO_ALIGN_16;
        }
        tcg_gen_ld_i64(v, tcg_env, xoff(reg, i));
        tcg_gen_addi_i64(a, d->addr, i);
        i386_gen_st(s, v, a, mop);
    }
    tcg_temp_free_i64(a);
    tcg_temp_free_i64(v);
}

/* VEX.256 integer forms are AVX2. */
static bool avx2_ok(DisasContext *s, X86Insn *d)
{
    if (s->vex_l && (d->e->special & AVX_INT) &&
        !(s->env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_AVX2)) {
        i386_gen_illegal(s, "VEX.256 integer form needs AVX2");
        return false;
    }
    return true;
}

/* The register operand i (V, W/U) or, for memory, xmm_t0 after loading nbytes. */
static int src_reg(DisasContext *s, X86Insn *d, int i, int nbytes)
{
    if (d->op[i].is_mem) {
        load_t0(s, d, nbytes, 0);
        return AVX_T0;
    }
    return d->op[i].reg;
}

/*
 * The generic row: V = op(H, W, imm) through the row's SSE helper, per lane
 * (see avx.h for the exceptions the special bits describe).  Two-operand
 * rows (no X86_VEXV) start the scratch from W: their helpers overwrite it.
 */
static void avx_op(DisasContext *s, X86Insn *d, const TCGHelperInfo *helper)
{
    int sp = d->e->special;
    bool scalar = sp & AVX_SCALAR;
    bool l256 = s->vex_l && !scalar;
    int wk = sp & AVX_W_MASK;
    if (!avx2_ok(s, d)) {
        return;
    }
    int nb;
    X86Operand *w = &d->op[1];
    if (scalar || wk == AVX_W_SAME) {
        nb = ot_bytes(w->ot);
    } else if (wk == AVX_W_HALF) {
        nb = ot_bytes(w->ot) * (l256 ? 2 : 1);
    } else {
        nb = l256 ? 32 : ot_bytes(w->ot);
    }
    int wreg = src_reg(s, d, 1, nb);
    uint32_t imm = d->op[2].kind ? d->op[2].imm & 0xff : 0;
    static const uint8_t imm_shift[4] = { 0, 4, 2, 3 };
    uint32_t imm1 = imm >> imm_shift[sp & AVX_IMM_MASK];
    int wstep = wk == AVX_W_SAME ? 0 : wk == AVX_W_HALF ? nb / 2 : 16;
    int hreg = (d->e->flags & X86_VEXV) ? s->vex_v : wreg;

    xcopy(AVX_T1, 0, hreg, 0, l256 ? 32 : 16);
    call_ab(helper, AVX_T1, 0, wreg, 0, imm);
    if (l256) {
        call_ab(helper, AVX_T1, 16, wreg, wstep, imm1);
    }
    int dst = d->op[0].reg;
    if (l256 && (sp & AVX_NARROW)) {
        /* each lane's helper left its two results in the lane's low quadword */
        xcopy(dst, 0, AVX_T1, 0, 8);
        xcopy(dst, 8, AVX_T1, 16, 8);
        zero_upper(dst);
        return;
    }
    xcopy(dst, 0, AVX_T1, 0, l256 ? 32 : 16);
    if (!l256) {
        zero_upper(dst);
    }
}

void i386_emit_avx_op(DisasContext *s, X86Insn *d)
{
    avx_op(s, d, d->e->helper);
}

/* VPSRLVD/Q (special 0), VPSRAVD (1), VPSLLVD/Q (2): VEX.W picks the quadword form. */
void i386_emit_avx_shiftv(DisasContext *s, X86Insn *d)
{
    static const TCGHelperInfo *const ops[3][2] = {
        { &i386_avx_psrlvd, &i386_avx_psrlvq }, { &i386_avx_psravd, NULL },
        { &i386_avx_psllvd, &i386_avx_psllvq },
    };
    const TCGHelperInfo *h = ops[d->e->special][s->rex_w];
    if (!h) {
        i386_gen_illegal(s, "VPSRAVQ is AVX-512");
        return;
    }
    avx_op(s, d, h);
}

/*
 * Vector shifts by an immediate (VEX 66 0F 71..73 /digit ib): the
 * destination is VEX.vvvv, the source ModRM.rm; the helpers read the count
 * from s->q[0].
 */
void i386_emit_avx_shift_imm(DisasContext *s, X86Insn *d)
{
    if (!avx2_ok(s, d)) {
        return;
    }
    int src = d->op[0].reg, dst = s->vex_v;
    tcg_gen_st_i64(tcg_constant_i64(d->op[1].imm & 0xff), tcg_env, xoff(AVX_T0, 0));
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xoff(AVX_T0, 8));
    xcopy(AVX_T1, 0, src, 0, s->vex_l ? 32 : 16);
    call_ab(d->e->helper, AVX_T1, 0, AVX_T0, 0, 0);
    if (s->vex_l) {
        call_ab(d->e->helper, AVX_T1, 16, AVX_T0, 0, 0);
    }
    xcopy(dst, 0, AVX_T1, 0, s->vex_l ? 32 : 16);
    if (!s->vex_l) {
        zero_upper(dst);
    }
}

/*
 * VMOVAPS/APD/DQA (aligned), VMOVUPS/UPD/DQU, VLDDQU, VMOVNT*: 16 or 32
 * bytes; a register destination of the 128-bit form has its upper half
 * zeroed.  VMOVNTDQA (AVX_INT) is the aligned load whose VEX.256 form is AVX2.
 */
void i386_emit_avx_mov(DisasContext *s, X86Insn *d)
{
    if (!avx2_ok(s, d)) {
        return;
    }
    int n = s->vex_l ? 32 : 16;
    int align = (d->e->flags & X86_UNAL) ? 0 : n;
    int src;
    if (d->op[1].is_mem) {
        load_t0(s, d, n, align);
        src = AVX_T0;
    } else {
        src = d->op[1].reg;
    }
    if (d->op[0].is_mem) {
        store_mem(s, d, src, n, align);
        return;
    }
    xcopy(AVX_T1, 0, src, 0, n);
    xcopy(d->op[0].reg, 0, AVX_T1, 0, n);
    if (n == 16) {
        zero_upper(d->op[0].reg);
    }
}

/*
 * VEX.128 forms of the SSE emitters that move data between XMM and
 * general registers or memory (VMOVD/Q, VMOVSS/SD, VMOVLPS ..., VPINSR*,
 * VPEXTR*, VCVTSI2SS ...).  Two-operand forms run the SSE emitter and zero
 * the destination's upper half; three-operand forms (X86_VEXV) run it on a
 * scratch copy of H and copy the result to the destination.
 */
static void avx_wrap(DisasContext *s, X86Insn *d, X86GenFn legacy)
{
    bool xdst = !d->op[0].is_mem && (X86_OPND_ADDR(d->op[0].kind) == X86_A_V ||
                                     X86_OPND_ADDR(d->op[0].kind) == X86_A_W);
    if (!(d->e->flags & X86_VEXV)) {
        legacy(s, d);
        if (xdst) {
            zero_upper(d->op[0].reg);
        }
        return;
    }
    int dst = d->op[0].reg;
    xcopy(AVX_T1, 0, s->vex_v, 0, 16);
    d->op[0].reg = AVX_T1;
    legacy(s, d);
    xcopy(dst, 0, AVX_T1, 0, 16);
    zero_upper(dst);
}

/* Three-operand VMOVSS/VMOVSD exist only for registers; the memory forms have no H. */
void i386_emit_avx_movs(DisasContext *s, X86Insn *d)
{
    if ((d->op[0].is_mem || d->op[1].is_mem) && s->vex_v) {
        i386_gen_illegal(s, "VEX.vvvv must be 1111b when unused");
        return;
    }
    if (d->op[0].is_mem) {
        i386_emit_sse_movs(s, d);
        return;
    }
    if (d->op[1].is_mem) {
        i386_emit_sse_movs(s, d);
        zero_upper(d->op[0].reg);
        return;
    }
    avx_wrap(s, d, i386_emit_sse_movs);
}

#define AVX_WRAP(fn)                                                     \
    void i386_emit_avx_##fn(DisasContext *s, X86Insn *d)                 \
    {                                                                    \
        avx_wrap(s, d, i386_emit_sse_##fn);                              \
    }
AVX_WRAP(movd)
AVX_WRAP(movq)
AVX_WRAP(movlh)
AVX_WRAP(pinsr)
AVX_WRAP(insertps)
AVX_WRAP(pextr)
AVX_WRAP(cvtsi2s)
AVX_WRAP(cvts2si)

/* VPCMPxSTRx write ECX or XMM0; the M forms zero XMM0's upper half. */
void i386_emit_avx_pcmpstrm(DisasContext *s, X86Insn *d)
{
    i386_emit_sse_pcmpstr(s, d);
    if (!(d->e->special & 1)) {
        zero_upper(0);
    }
}

/* VZEROUPPER (VEX.L 0) and VZEROALL (VEX.L 1); in 32-bit code only YMM0-7 exist. */
void i386_emit_avx_vzero(DisasContext *s, X86Insn *d)
{
    int n = s->code64 ? 16 : 8;
    for (int r = 0; r < n; r++) {
        xzero(r, s->vex_l ? 0 : 16, s->vex_l ? 32 : 16);
    }
}

/* VMOVMSKPS/PD, VPMOVMSKB (special 0, 1, 2) of 128 or 256 bits into a GPR. */
void i386_emit_avx_movmsk(DisasContext *s, X86Insn *d)
{
    if (!avx2_ok(s, d)) {
        return;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    i386_gen_call(&i386_avx_movmsk, tcgv_i64_temp(r), 3, env_t(), xptr(d->op[1].reg, 0),
                  c32(d->e->special | s->vex_l << 8));
    i386_gen_op_mov_reg(s, s->code64 && s->rex_w ? MO_64 : MO_32, d->op[0].reg, r);
}

/* VPTEST (special 0), VTESTPS (1), VTESTPD (2): ZF and CF from 128 or 256 bits. */
void i386_emit_avx_test(DisasContext *s, X86Insn *d)
{
    int w = src_reg(s, d, 1, s->vex_l ? 32 : 16);
    call_ab(&i386_avx_test, d->op[0].reg, 0, w, 0, d->e->special | s->vex_l << 8);
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

/*
 * Whole-register operations through one call of an avx_helper.c helper
 * (VPERMD/PS, VPERMQ/PD, VPERM2F128/I128, VPBROADCAST*, VBROADCAST*):
 * helper(env, scratch = H (or V), W, imm | VEX.L << 8).  special bits 3:0:
 * 1 + log2 of the bytes W occupies in memory (0: the vector width); bit 7:
 * the instruction exists only with VEX.L 1.
 */
void i386_emit_avx_whole(DisasContext *s, X86Insn *d)
{
    if ((d->e->special & 0x80) && !s->vex_l) {
        i386_gen_illegal(s, "VEX.L must be 1");
        return;
    }
    if (!d->op[1].is_mem && d->e->feat_bit == CPUID_EXT_AVX &&
        !(s->env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_AVX2)) {
        i386_gen_illegal(s, "VBROADCASTSS/SD from a register needs AVX2");
        return;
    }
    int n = s->vex_l ? 32 : 16;
    int nb = (d->e->special & 0x0f) ? 1 << ((d->e->special & 0x0f) - 1) : n;
    int w = src_reg(s, d, 1, nb);
    uint32_t imm = d->op[2].kind ? d->op[2].imm & 0xff : 0;
    int h = (d->e->flags & X86_VEXV) ? s->vex_v : d->op[0].reg;
    xcopy(AVX_T1, 0, h, 0, 32);
    call_ab(d->e->helper, AVX_T1, 0, w, 0, imm | s->vex_l << 8);
    xcopy(d->op[0].reg, 0, AVX_T1, 0, n);
    if (n == 16) {
        zero_upper(d->op[0].reg);
    }
}

/* VINSERTF128/VINSERTI128 ymm1, ymm2, xmm3/m128, imm8 (VEX.256 only). */
void i386_emit_avx_insert128(DisasContext *s, X86Insn *d)
{
    if (!s->vex_l) {
        i386_gen_illegal(s, "VEX.L must be 1");
        return;
    }
    int w = src_reg(s, d, 1, 16);
    int lane = (d->op[2].imm & 1) * 16;
    xcopy(AVX_T1, 0, s->vex_v, 0, 32);
    xcopy(AVX_T1, lane, w, 0, 16);
    xcopy(d->op[0].reg, 0, AVX_T1, 0, 32);
}

/* VEXTRACTF128/VEXTRACTI128 xmm1/m128, ymm2, imm8 (VEX.256 only). */
void i386_emit_avx_extract128(DisasContext *s, X86Insn *d)
{
    if (!s->vex_l) {
        i386_gen_illegal(s, "VEX.L must be 1");
        return;
    }
    int lane = (d->op[2].imm & 1) * 16;
    int src = d->op[1].reg;
    if (d->op[0].is_mem) {
        xcopy(AVX_T1, 0, src, lane, 16);
        store_mem(s, d, AVX_T1, 16, 0);
        return;
    }
    xcopy(AVX_T1, 0, src, lane, 16);
    xcopy(d->op[0].reg, 0, AVX_T1, 0, 16);
    zero_upper(d->op[0].reg);
}

/*
 * VBLENDVPS/PD, VPBLENDVB xmm1, xmm2, xmm3/m, xmm4: the mask register is
 * imm8[7:4] (the manual's /is4); special: log2 of the element size.
 */
void i386_emit_avx_blendv(DisasContext *s, X86Insn *d)
{
    if (!avx2_ok(s, d)) {
        return;
    }
    int n = s->vex_l ? 32 : 16;
    int w = src_reg(s, d, 1, n);
    int mask = (d->op[2].imm >> 4) & (s->code64 ? 15 : 7);
    xcopy(AVX_T1, 0, s->vex_v, 0, n);
    for (int lane = 0; lane < n; lane += 16) {
        call_ab(&i386_avx_blendv, AVX_T1, lane, w, lane,
                (d->e->special & 3) | mask << 4 | (lane ? 0x100 : 0));
    }
    xcopy(d->op[0].reg, 0, AVX_T1, 0, n);
    if (n == 16) {
        zero_upper(d->op[0].reg);
    }
}

/*
 * FMA3, VEX.66.0F38 96-9F, A6-AF, B6-BF: the opcode's high nibble is the
 * operand order (132, 213, 231), the low one the operation and whether it
 * is scalar; VEX.W picks double precision.  A scalar form keeps bits
 * 127:64 (127:32) of the destination and zeroes 255:128.
 */
void i386_emit_avx_fma(DisasContext *s, X86Insn *d)
{
    static const uint8_t kinds[10] = { 4, 5, 0, 0, 1, 1, 2, 2, 3, 3 };   /* low nibble 6..f */
    int lo = d->b & 15;
    bool scalar = lo >= 8 && (lo & 1);
    bool l256 = s->vex_l && !scalar;
    int esize = s->vex_w ? 8 : 4;
    int w = src_reg(s, d, 1, scalar ? esize : l256 ? 32 : 16);
    uint32_t desc = ((d->b >> 4) - 9) | kinds[lo - 6] << 2 | (s->vex_w ? 0x20 : 0) |
                    (scalar ? 0x40 : 0) | (l256 ? 0x80 : 0);
    int dst = d->op[0].reg;
    xcopy(AVX_T1, 0, dst, 0, 32);
    TCGTemp *pd = xptr(AVX_T1, 0), *ph = xptr(s->vex_v, 0), *pw = xptr(w, 0);
    i386_gen_call(&i386_avx_fma, NULL, 5, env_t(), pd, ph, pw, c32(desc));
    tcg_temp_free_internal(pd);
    tcg_temp_free_internal(ph);
    tcg_temp_free_internal(pw);
    xcopy(dst, 0, AVX_T1, 0, l256 ? 32 : 16);
    if (!l256) {
        zero_upper(dst);
    }
}

/*
 * VMASKMOVPS/PD (VEX.0F38 2C-2F), VPMASKMOVD/Q (8C, 8E; VEX.W: Q): the mask
 * is VEX.vvvv.  special: bit 0 store, bit 1 quadword elements (bit 2: by
 * VEX.W instead, VPMASKMOV).
 */
void i386_emit_avx_maskmov(DisasContext *s, X86Insn *d)
{
    if (!avx2_ok(s, d)) {
        return;
    }
    int sp = d->e->special;
    bool store = sp & 1;
    bool q = (sp & 4) ? s->vex_w : (sp & 2);
    uint32_t desc = store | (q ? 2 : 0) | s->vex_l << 8;
    int reg = store ? d->op[1].reg : AVX_T1;
    TCGTemp *pd = xptr(reg, 0), *pm = xptr(s->vex_v, 0);
    i386_gen_call(&i386_avx_maskmov, NULL, 5, env_t(), pd, pm, tcgv_i64_temp(d->addr), c32(desc));
    tcg_temp_free_internal(pd);
    tcg_temp_free_internal(pm);
    if (!store) {
        xcopy(d->op[0].reg, 0, AVX_T1, 0, s->vex_l ? 32 : 16);
        if (!s->vex_l) {
            zero_upper(d->op[0].reg);
        }
    }
}

/*
 * VCVTPH2PS xmm/ymm, xmm/m64/m128 (special 0) and VCVTPS2PH xmm/m64/m128,
 * xmm/ymm, imm8 (special 1): the half-precision side is half as wide.
 */
void i386_emit_avx_f16c(DisasContext *s, X86Insn *d)
{
    int half = s->vex_l ? 16 : 8;
    uint32_t desc = s->vex_l << 8;
    if (d->e->special == 0) {
        int w = src_reg(s, d, 1, half);
        call_ab(&i386_avx_cvtph2ps, AVX_T1, 0, w, 0, desc);
        xcopy(d->op[0].reg, 0, AVX_T1, 0, s->vex_l ? 32 : 16);
        if (!s->vex_l) {
            zero_upper(d->op[0].reg);
        }
        return;
    }
    call_ab(&i386_avx_cvtps2ph, AVX_T1, 0, d->op[1].reg, 0, desc | (d->op[2].imm & 7));
    if (d->op[0].is_mem) {
        store_mem(s, d, AVX_T1, half, 0);
        return;
    }
    xcopy(d->op[0].reg, 0, AVX_T1, 0, 16);
    zero_upper(d->op[0].reg);
}

/*
 * VGATHER* and VPGATHER* (VEX.66.0F38 90-93; VEX.W: quadword elements, bit
 * 0 of the opcode: quadword indexes).  The memory operand is VSIB: ModRM.rm
 * must be 4 (a SIB byte) and SIB.index names a vector register.  The
 * decoder already consumed SIB and displacement (computing an address with
 * a general index this instruction does not use); they are read again from
 * the instruction bytes: prefixes, the VEX prefix, opcode, ModRM, SIB.
 */
void i386_emit_avx_gather(DisasContext *s, X86Insn *d)
{
    int mod = d->modrm >> 6;
    if (mod == 3 || (d->modrm & 7) != 4) {
        i386_gen_illegal(s, "gather without VSIB");
        return;
    }
    uint64_t p = s->pc_start;
    for (;;) {
        uint8_t b = translator_ldub(s->env, &s->base, p);
        if (b == 0x66 || b == 0x67 || b == 0xf2 || b == 0xf3 || b == 0xf0 || b == 0x26 ||
            b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65) {
            p++;
            continue;
        }
        p += b == 0xc4 ? 3 : 2;
        break;
    }
    p += 2;                                        /* opcode, ModRM */
    uint8_t sib = translator_ldub(s->env, &s->base, p);
    int base = (sib & 7) | (s->rex_b << 3);
    int disp_len = mod == 1 ? 1 : mod == 2 ? 4 : 0;
    if (mod == 0 && (sib & 7) == 5) {
        disp_len = 4;
        base = -1;
    }
    int32_t disp = 0;
    for (int i = disp_len - 1; i >= 0; i--) {
        disp = (int32_t)((uint32_t)disp << 8 | translator_ldub(s->env, &s->base, p + 1 + i));
    }
    if (disp_len == 1) {
        disp = (int8_t)disp;
    }
    int index = ((sib >> 3) & 7) | (s->rex_x << 3);
    int dst = d->op[0].reg, mask = s->vex_v;
    if (dst == mask || dst == index || mask == index) {
        i386_gen_illegal(s, "gather with the same register twice");
        return;
    }
    TCGv_i64 b = tcg_temp_new_i64();
    if (base >= 0) {
        tcg_gen_addi_i64(b, cpu_regs[base], disp);
    } else {
        tcg_gen_movi_i64(b, disp);
    }
    TCGv_i64 seg = tcg_constant_i64(0);
    if (s->override == R_FS || s->override == R_GS) {
        seg = cpu_seg_base[s->override];
    }
    uint32_t desc = (s->vex_w ? 1 : 0) | (d->b & 1 ? 2 : 0) | s->vex_l << 2 | (sib >> 6) << 3 |
                    s->aflag << 5;
    TCGTemp *pd = xptr(dst, 0), *pm = xptr(mask, 0), *pi = xptr(index, 0);
    i386_gen_call(&i386_avx_gather, NULL, 7, env_t(), pd, pm, pi, tcgv_i64_temp(b),
                  tcgv_i64_temp(seg), c32(desc));
    tcg_temp_free_internal(pd);
    tcg_temp_free_internal(pm);
    tcg_temp_free_internal(pi);
    tcg_temp_free_i64(b);
}
