/*
 * emit-mmx.c — MMX: the eight 64-bit registers are the significands of the
 * x87 physical registers (MMi = fpregs[i].low).  Any MMX instruction makes
 * the x87 stack "full" (TOP = 0, every tag valid) and a written MMi gets an
 * exponent of all ones; EMMS empties every tag and sets TOP to 0 too (SDM vol. 1, 9.5).
 *
 * The arithmetic reuses the SSE helpers on the low half of a scratch
 * register (element-wise operations give the same low 64 bits); the ones
 * whose layout differs (unpack high, pack, horizontal, shuffles) have MMX
 * versions in sse_helper.c (i386_mmx_*).
 *
 * System mode: an instruction on MMX registers only is #UD with CR0.EM = 1,
 * then #NM with CR0.TS = 1 (SDM vol. 3A, 2.5; vol. 2's MMX exception
 * tables); one that also touches an XMM register (the conversions,
 * MOVQ2DQ/MOVDQ2Q, MASKMOVDQU) is in the SSE class (i386_sse_usable).
 * The TB flags carry the conditions, so the checks cost nothing at run time.
 */
#include "emit.h"

#include "helper.h"
#include "sse_helper.h"

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static size_t mm_off(int reg)
{
    return offsetof(CPUArchState, fpregs[reg].low);
}

/* The x87 side of executing an MMX instruction: TOP = 0, all tags valid. */
static void gen_mmx_enter(void)
{
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env, offsetof(CPUArchState, fpstt));
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, offsetof(CPUArchState, fptags));
}

static void gen_mm_write(int reg, TCGv_i64 v)
{
    tcg_gen_st_i64(v, tcg_env, mm_off(reg));
    tcg_gen_st16_i64(tcg_constant_i64(0xffff), tcg_env, offsetof(CPUArchState, fpregs[reg].high));
}

/* An MMX operand (P, Q, N) as a 64-bit value. */
static TCGv_i64 gen_mm_load(DisasContext *s, X86Insn *d, int i)
{
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[i].is_mem) {
        i386_gen_ld(s, v, d->addr, MO_64);
    } else {
        tcg_gen_ld_i64(v, tcg_env, mm_off(d->op[i].reg));
    }
    return v;
}

static bool mmx_usable(DisasContext *s)
{
    if (s->hflags & HF_EM) {
        i386_gen_illegal(s, "MMX with CR0.EM = 1");
        return false;
    }
    if (s->hflags & HF_TS) {
        i386_gen_exception(s, EXCP07_PREX);
        return false;
    }
    return true;
}

/* The generic row: helper(&t1 = MMd, &t0 = MMs or m64 or the count, imm), MMd = t1's low half. */
void i386_emit_mmx_op(DisasContext *s, X86Insn *d)
{
    size_t t0 = offsetof(CPUArchState, xmm_t0), t1 = offsetof(CPUArchState, xmm_t1);
    uint32_t imm = 0;
    if (!mmx_usable(s)) {
        return;
    }
    TCGv_i64 a = gen_mm_load(s, d, 0), b;
    gen_mmx_enter();
    if (X86_OPND_ADDR(d->op[1].kind) == X86_A_I) {
        imm = d->op[1].imm & 0xff;
        b = tcg_constant_i64(imm);
    } else {
        b = gen_mm_load(s, d, 1);
        if (d->op[2].kind) {
            imm = d->op[2].imm & 0xff;
        }
    }
    tcg_gen_st_i64(a, tcg_env, t1);
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, t1 + 8);
    tcg_gen_st_i64(b, tcg_env, t0);
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, t0 + 8);
    TCGv_ptr dp = tcg_temp_new_ptr(), sp = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(dp, tcg_env, t1);
    tcg_gen_addi_ptr(sp, tcg_env, t0);
    i386_gen_call(d->e->helper, NULL, 4, env_t(), tcgv_ptr_temp(dp), tcgv_ptr_temp(sp),
                  tcgv_i32_temp(tcg_constant_i32(imm)));
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_ld_i64(r, tcg_env, t1);
    gen_mm_write(d->op[0].reg, r);
}

/* MOVD/MOVQ with MMX registers (0F 6E, 7E, 6F, 7F), MOVNTQ; special 1: the store forms. */
void i386_emit_mmx_mov(DisasContext *s, X86Insn *d)
{
    if (!mmx_usable(s)) {
        return;
    }
    gen_mmx_enter();
    if (d->e->special) {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld_i64(v, tcg_env, mm_off(d->op[1].reg));
        if (X86_OPND_ADDR(d->op[0].kind) == X86_A_Q) {
            if (d->op[0].is_mem) {
                i386_gen_st(s, v, d->addr, MO_64);
            } else {
                gen_mm_write(d->op[0].reg, v);
            }
        } else {
            i386_store_op(s, d, 0, v);               /* MOVD/MOVQ Ey, Pq */
        }
        return;
    }
    TCGv_i64 v = X86_OPND_ADDR(d->op[1].kind) == X86_A_Q ? gen_mm_load(s, d, 1) : i386_load_op(s, d, 1);
    gen_mm_write(d->op[0].reg, v);
}

/* EMMS: every tag empty; as an MMX instruction it also sets TOP to 0. */
void i386_emit_emms(DisasContext *s, X86Insn *d)
{
    if (!mmx_usable(s)) {
        return;
    }
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env, offsetof(CPUArchState, fpstt));
    tcg_gen_st_i64(tcg_constant_i64(0x0101010101010101ull), tcg_env,
                   offsetof(CPUArchState, fptags));
}

/* PINSRW Pq, r32/m16, Ib and PEXTRW Gd, Nq, Ib (special 1: extract). */
void i386_emit_mmx_pinsrw(DisasContext *s, X86Insn *d)
{
    if (!mmx_usable(s)) {
        return;
    }
    gen_mmx_enter();
    if (d->e->special) {
        int lane = d->op[2].imm & 3;
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld16u_i64(v, tcg_env, mm_off(d->op[1].reg) + 2 * lane);
        i386_gen_op_mov_reg(s, MO_32, d->op[0].reg, v);
        return;
    }
    int lane = d->op[2].imm & 3;
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, MO_16);
    } else {
        tcg_gen_mov_i64(v, cpu_regs[d->op[1].reg]);
    }
    tcg_gen_st16_i64(v, tcg_env, mm_off(d->op[0].reg) + 2 * lane);
    tcg_gen_st16_i64(tcg_constant_i64(0xffff), tcg_env, offsetof(CPUArchState, fpregs[d->op[0].reg].high));
}

/* PMOVMSKB Gd, Nq. */
void i386_emit_mmx_pmovmskb(DisasContext *s, X86Insn *d)
{
    if (!mmx_usable(s)) {
        return;
    }
    TCGv_i64 v = tcg_temp_new_i64(), r = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    gen_mmx_enter();
    tcg_gen_ld_i64(v, tcg_env, mm_off(d->op[1].reg));
    tcg_gen_movi_i64(r, 0);
    for (int i = 0; i < 8; i++) {
        tcg_gen_extract_i64(b, v, 8 * i + 7, 1);
        tcg_gen_shli_i64(b, b, i);
        tcg_gen_or_i64(r, r, b);
    }
    i386_gen_op_mov_reg(s, MO_32, d->op[0].reg, r);
}

/*
 * The conversions between MMX and XMM (0F 2A/2C/2D with and without 66):
 * the row's SSE helper on scratch registers.  special: 0 MMX source into the
 * low half of an XMM register (CVTPI2PS keeps the upper half), 1 the same
 * into the whole register (CVTPI2PD), 2 XMM or memory source into an MMX
 * register.  An MMX register operand makes the x87 stack MMX's.
 */
void i386_emit_mmx_cvt(DisasContext *s, X86Insn *d)
{
    int k = d->e->special;
    size_t t0 = offsetof(CPUArchState, xmm_t0), t1 = offsetof(CPUArchState, xmm_t1);
    if (!i386_sse_usable(s)) {
        return;
    }
    TCGv_ptr dp = tcg_temp_new_ptr(), sp;
    TCGv_i64 v = tcg_temp_new_i64();

    if (k < 2) {
        v = gen_mm_load(s, d, 1);
        if (!d->op[1].is_mem) {
            gen_mmx_enter();
        }
        tcg_gen_st_i64(v, tcg_env, t0);
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, t0 + 8);
        sp = tcg_temp_new_ptr();
        tcg_gen_addi_ptr(sp, tcg_env, t0);
    } else if (d->op[1].ot == MO_64) {
        /* CVT(T)PS2PI: two floats only; the other lanes must not raise flags */
        gen_mmx_enter();
        if (d->op[1].is_mem) {
            i386_gen_ld(s, v, d->addr, MO_64);
        } else {
            tcg_gen_ld_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[1].reg].q[0]));
        }
        tcg_gen_st_i64(v, tcg_env, t0);
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, t0 + 8);
        sp = tcg_temp_new_ptr();
        tcg_gen_addi_ptr(sp, tcg_env, t0);
    } else {
        gen_mmx_enter();
        sp = i386_sse_op_ptr(s, d, 1);
    }
    tcg_gen_addi_ptr(dp, tcg_env, t1);
    i386_gen_call(d->e->helper, NULL, 4, env_t(), tcgv_ptr_temp(dp), tcgv_ptr_temp(sp),
                  tcgv_i32_temp(tcg_constant_i32(0)));
    tcg_gen_ld_i64(v, tcg_env, t1);
    if (k == 2) {
        gen_mm_write(d->op[0].reg, v);
        return;
    }
    tcg_gen_st_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[0].reg].q[0]));
    if (k == 1) {
        tcg_gen_ld_i64(v, tcg_env, t1 + 8);
        tcg_gen_st_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[0].reg].q[1]));
    }
}

/* MOVQ2DQ xmm, mm (special 0: the upper half cleared) and MOVDQ2Q mm, xmm (1). */
void i386_emit_movq2dq(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    TCGv_i64 v = tcg_temp_new_i64();
    gen_mmx_enter();
    if (d->e->special) {
        tcg_gen_ld_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[1].reg].q[0]));
        gen_mm_write(d->op[0].reg, v);
    } else {
        tcg_gen_ld_i64(v, tcg_env, mm_off(d->op[1].reg));
        tcg_gen_st_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[0].reg].q[0]));
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, offsetof(CPUArchState, xmm_regs[d->op[0].reg].q[1]));
    }
}

/* MASKMOVQ (special 8) / MASKMOVDQU (16): bytes whose mask byte has its top bit set go to DS:rDI. */
void i386_emit_maskmov(DisasContext *s, X86Insn *d)
{
    int n = d->e->special;
    if (!(n == 8 ? mmx_usable(s) : i386_sse_usable(s))) {
        return;
    }
    TCGv_i64 a = tcg_temp_new_i64(), data = tcg_temp_new_i64(), mask = tcg_temp_new_i64();
    TCGv_i64 byte = tcg_temp_new_i64(), bit = tcg_temp_new_i64(), ea = tcg_temp_new_i64();
    tcg_gen_mov_i64(a, cpu_regs[R_EDI]);
    i386_gen_seg_addr(s, a, R_DS);
    if (n == 8) {
        gen_mmx_enter();
    }
    for (int half = 0; half < n / 8; half++) {
        size_t doff = n == 8 ? mm_off(d->op[0].reg)
                             : offsetof(CPUArchState, xmm_regs[d->op[0].reg].q[half]);
        size_t moff = n == 8 ? mm_off(d->op[1].reg)
                             : offsetof(CPUArchState, xmm_regs[d->op[1].reg].q[half]);
        tcg_gen_ld_i64(data, tcg_env, doff);
        tcg_gen_ld_i64(mask, tcg_env, moff);
        for (int i = 0; i < 8; i++) {
            TCGLabel *skip = gen_new_label();
            tcg_gen_extract_i64(bit, mask, 8 * i + 7, 1);
            tcg_gen_brcondi_i64(TCG_COND_EQ, bit, 0, skip);
            tcg_gen_extract_i64(byte, data, 8 * i, 8);
            tcg_gen_addi_i64(ea, a, 8 * half + i);
            if (!s->code64) {
                tcg_gen_ext32u_i64(ea, ea);
            }
            i386_gen_st(s, byte, ea, MO_8);
            gen_set_label(skip);
        }
    }
}
