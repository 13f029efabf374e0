/*
 * emit-sse.c — the SSE instructions' emitters: data movement inline (XMM
 * registers are plain env fields, not TCG globals), operations through the
 * C helpers of sse_helper.c named by the table row (X86OpEntry.helper),
 * except the 64-bit-lane logic, PADDQ/PSUBQ and SHUFPS rows, done inline.
 */
#include "emit.h"

#include "helper.h"
#include "sse_helper.h"
#include "util/bitops.h"

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *c32(uint32_t v)
{
    return tcgv_i32_temp(tcg_constant_i32(v));
}

static size_t xmm_off(int reg, int q)
{
    return offsetof(CPUArchState, xmm_regs[reg].q[q]);
}

/* The 64-bit-lane logic and add/subtract rows done inline on the two halves of the register. */
typedef void (*SseInlineFn)(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b);

static void sse_gen_andn(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_andc_i64(r, b, a);                 /* PANDN: ~dest & src */
}

/*
 * The helper a row names, mapped to the TCG operation that does one 64-bit lane: these are
 * the integer operations the compilers' vectorised loops use most, and a helper call costs
 * a call plus two 16-byte register copies for what is here two host instructions.
 */
static SseInlineFn sse_inline_fn(const TCGHelperInfo *h)
{
    static const struct {
        const TCGHelperInfo *helper;   /* the row's helper (sse_helper.c) */
        SseInlineFn fn;                /* the same on one 64-bit lane */
    } table[] = {
        { &i386_sse_pand, tcg_gen_and_i64 },   { &i386_sse_pandn, sse_gen_andn },
        { &i386_sse_por, tcg_gen_or_i64 },     { &i386_sse_pxor, tcg_gen_xor_i64 },
        { &i386_sse_paddq, tcg_gen_add_i64 },  { &i386_sse_psubq, tcg_gen_sub_i64 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
        if (table[i].helper == h) {
            return table[i].fn;
        }
    }
    return NULL;
}

static bool sse_emit_inline(DisasContext *s, X86Insn *d)
{
    SseInlineFn fn = sse_inline_fn(d->e->helper);
    if (!fn || s->vex || X86_OPND_ADDR(d->op[1].kind) == X86_A_I || d->op[2].kind) {
        return false;
    }
    TCGv_i64 alo = tcg_temp_new_i64(), ahi = tcg_temp_new_i64();
    TCGv_i64 blo = tcg_temp_new_i64(), bhi = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        if (d->op[1].ot != MO_128) {
            return false;
        }
        tcg_gen_qemu_ld_i128(blo, bhi, d->addr, s->mem_idx,
                             MO_LEUO | (d->e->flags & X86_UNAL ? 0 : MO_ALIGN_16));
    } else {
        tcg_gen_ld_i64(blo, tcg_env, xmm_off(d->op[1].reg, 0));
        tcg_gen_ld_i64(bhi, tcg_env, xmm_off(d->op[1].reg, 1));
    }
    tcg_gen_ld_i64(alo, tcg_env, xmm_off(d->op[0].reg, 0));
    tcg_gen_ld_i64(ahi, tcg_env, xmm_off(d->op[0].reg, 1));
    fn(alo, alo, blo);
    fn(ahi, ahi, bhi);
    tcg_gen_st_i64(alo, tcg_env, xmm_off(d->op[0].reg, 0));
    tcg_gen_st_i64(ahi, tcg_env, xmm_off(d->op[0].reg, 1));
    return true;
}

/* The env offset of operand 1: its XMM register, or xmm_t0 loaded from memory. */
static size_t sse_src_offset(DisasContext *s, X86Insn *d)
{
    if (d->op[1].is_mem) {
        i386_sse_op_ptr(s, d, 1);              /* loads xmm_t0, alignment checked */
        return offsetof(CPUArchState, xmm_t0);
    }
    return offsetof(CPUArchState, xmm_regs[d->op[1].reg]);
}

/*
 * SHUFPS inline: each 64-bit half of the result is two 32-bit lanes the immediate picks, the
 * low half's from the destination, the high half's from the source; every lane is read
 * before the first store, so the destination may also be the source.
 */
static void sse_emit_shufps(DisasContext *s, X86Insn *d)
{
    size_t src = sse_src_offset(s, d);
    size_t dst = offsetof(CPUArchState, xmm_regs[d->op[0].reg]);
    unsigned imm = d->op[2].imm & 0xff;
    TCGv_i64 lane[4], half[2];
    for (int i = 0; i < 4; i++) {
        lane[i] = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(lane[i], tcg_env, (i < 2 ? dst : src) + 4 * ((imm >> (2 * i)) & 3));
    }
    for (int h = 0; h < 2; h++) {
        half[h] = tcg_temp_new_i64();
        tcg_gen_deposit_i64(half[h], lane[2 * h], lane[2 * h + 1], 32, 32);
    }
    tcg_gen_st_i64(half[0], tcg_env, dst);
    tcg_gen_st_i64(half[1], tcg_env, dst + 8);
}

/*
 * System mode (SDM vol. 3A, 13.1; vol. 2, 2.8's legacy SSE column): #UD
 * with CR0.EM = 1 or CR4.OSFXSR = 0 (HF_SSE_UD), then #NM with CR0.TS = 1,
 * read from the TB flags at translation time.  The VEX forms reach these
 * emitters through emit-avx.c after decode-vex.c's own checks: neither
 * CR0.EM nor CR4.OSFXSR concerns them.
 */
bool i386_sse_usable(DisasContext *s)
{
    if (s->vex) {
        return true;
    }
    if (s->hflags & HF_SSE_UD) {
        i386_gen_illegal(s, "SSE with CR0.EM = 1 or CR4.OSFXSR = 0");
        return false;
    }
    if (s->hflags & HF_TS) {
        i386_gen_exception(s, EXCP07_PREX);
        return false;
    }
    return true;
}

/* The generic row: helper(env, &V, &W-or-memory, imm); an immediate second operand is a count. */
void i386_emit_sse_op(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    if (sse_emit_inline(s, d)) {
        return;
    }
    if (d->e->helper == &i386_sse_shufps && !s->vex) {
        sse_emit_shufps(s, d);
        return;
    }
    TCGv_ptr dp = i386_xmm_ptr(d->op[0].reg), sp;
    uint32_t imm = 0;
    if (X86_OPND_ADDR(d->op[1].kind) == X86_A_I) {
        /* PSRLW xmm, imm8 and friends: the helpers read the count from s->q[0] */
        imm = d->op[1].imm & 0xff;
        tcg_gen_st_i64(tcg_constant_i64(imm), tcg_env, offsetof(CPUArchState, xmm_t0.q[0]));
        sp = tcg_temp_new_ptr();
        tcg_gen_addi_ptr(sp, tcg_env, offsetof(CPUArchState, xmm_t0));
    } else {
        sp = i386_sse_op_ptr(s, d, 1);
        if (d->op[2].kind) {
            imm = d->op[2].imm & 0xff;
        }
    }
    i386_gen_call(d->e->helper, NULL, 4, env_t(), tcgv_ptr_temp(dp), tcgv_ptr_temp(sp), c32(imm));
}

/* COMISS/UCOMISS/COMISD/UCOMISD (special 0) and PTEST (special 1): EFLAGS. */
void i386_emit_sse_flags(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    uint32_t kind;
    if (d->e->special) {
        kind = 4;
    } else {
        kind = (d->b == 0x2f ? 1 : 0) | (d->op[1].ot == MO_64 ? 2 : 0);
    }
    TCGv_ptr dp = i386_xmm_ptr(d->op[0].reg), sp = i386_sse_op_ptr(s, d, 1);
    i386_gen_call(&i386_sse_flags, NULL, 4, env_t(), tcgv_ptr_temp(dp), tcgv_ptr_temp(sp),
                  c32(kind));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

/* MOVAPS/MOVUPS/MOVDQA/MOVDQU/MOVNT*/
void i386_emit_sse_mov128(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    MemOp mop = MO_LEUO | (d->e->flags & X86_UNAL ? 0 : MO_ALIGN_16);
    TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        tcg_gen_qemu_ld_i128(lo, hi, d->addr, s->mem_idx, mop);
    } else {
        tcg_gen_ld_i64(lo, tcg_env, xmm_off(d->op[1].reg, 0));
        tcg_gen_ld_i64(hi, tcg_env, xmm_off(d->op[1].reg, 1));
    }
    if (d->op[0].is_mem) {
        tcg_gen_qemu_st_i128(lo, hi, d->addr, s->mem_idx, mop);
    } else {
        tcg_gen_st_i64(lo, tcg_env, xmm_off(d->op[0].reg, 0));
        tcg_gen_st_i64(hi, tcg_env, xmm_off(d->op[0].reg, 1));
    }
}

/* MOVSS/MOVSD: a load from memory clears the rest of the register, a register move merges. */
void i386_emit_sse_movs(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    bool dbl = X86_OPND_SIZE(d->op[0].kind) == X86_S_sd || X86_OPND_SIZE(d->op[1].kind) == X86_S_sd;
    MemOp ot = dbl ? MO_64 : MO_32;
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, ot);
        tcg_gen_st_i64(v, tcg_env, xmm_off(d->op[0].reg, 0));
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->op[0].reg, 1));
        return;
    }
    if (dbl) {
        tcg_gen_ld_i64(v, tcg_env, xmm_off(d->op[1].reg, 0));
    } else {
        tcg_gen_ld32u_i64(v, tcg_env, xmm_off(d->op[1].reg, 0));
    }
    if (d->op[0].is_mem) {
        i386_gen_st(s, v, d->addr, ot);
    } else if (dbl) {
        tcg_gen_st_i64(v, tcg_env, xmm_off(d->op[0].reg, 0));
    } else {
        tcg_gen_st32_i64(v, tcg_env, xmm_off(d->op[0].reg, 0));
    }
}

/* MOVD/MOVQ between a GPR (or memory) and an XMM register; special 1 is the store. */
void i386_emit_sse_movd(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    if (d->e->special) {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld_i64(v, tcg_env, xmm_off(d->op[1].reg, 0));
        i386_store_op(s, d, 0, v);
        return;
    }
    TCGv_i64 v = i386_load_op(s, d, 1);
    tcg_gen_st_i64(v, tcg_env, xmm_off(d->op[0].reg, 0));
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->op[0].reg, 1));
}

/* MOVQ xmm, xmm/m64 (F3 0F 7E) and MOVQ xmm/m64, xmm (66 0F D6): the upper half becomes 0. */
void i386_emit_sse_movq(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, MO_64);
    } else {
        tcg_gen_ld_i64(v, tcg_env, xmm_off(d->op[1].reg, 0));
    }
    if (d->op[0].is_mem) {
        i386_gen_st(s, v, d->addr, MO_64);
    } else {
        tcg_gen_st_i64(v, tcg_env, xmm_off(d->op[0].reg, 0));
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, xmm_off(d->op[0].reg, 1));
    }
}

/*
 * MOVLPS/MOVHPS/MOVLPD/MOVHPD and the register forms MOVHLPS/MOVLHPS.
 * special: 0 load low, 1 store low, 2 load high, 3 store high.
 */
void i386_emit_sse_movlh(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    int k = d->e->special;
    TCGv_i64 v = tcg_temp_new_i64();
    if (k == 1 || k == 3) {
        tcg_gen_ld_i64(v, tcg_env, xmm_off(d->op[1].reg, k == 3));
        i386_gen_st(s, v, d->addr, MO_64);
        return;
    }
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, MO_64);
    } else {
        /* MOVHLPS takes the source's high half, MOVLHPS its low half */
        tcg_gen_ld_i64(v, tcg_env, xmm_off(d->op[1].reg, k == 0));
    }
    tcg_gen_st_i64(v, tcg_env, xmm_off(d->op[0].reg, k == 2));
}

/* MOVMSKPS/MOVMSKPD (special 0, 66 selects PD) and PMOVMSKB (special 1). */
void i386_emit_sse_mask(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    uint32_t kind = d->e->special ? 2 : (s->prefix & PREFIX_DATA ? 1 : 0);
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_ptr sp = i386_xmm_ptr(d->op[1].reg);
    i386_gen_call(&i386_sse_movmsk, tcgv_i64_temp(r), 3, env_t(), tcgv_ptr_temp(sp), c32(kind));
    i386_gen_op_mov_reg(s, s->code64 && s->rex_w ? MO_64 : MO_32, d->op[0].reg, r);
}

/* CVTSI2SS/SD (special 1: double). */
void i386_emit_sse_cvtsi2s(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    TCGv_i64 v = i386_load_op(s, d, 1);
    TCGv_ptr dp = i386_xmm_ptr(d->op[0].reg);
    uint32_t desc = d->e->special | (d->op[1].ot == MO_64 ? 2 : 0);
    i386_gen_call(&i386_sse_cvtsi2s, NULL, 4, env_t(), tcgv_ptr_temp(dp), tcgv_i64_temp(v),
                  c32(desc));
}

/* CVT(T)SS2SI/SD2SI (special: bit 0 double, bit 1 truncate). */
void i386_emit_sse_cvts2si(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    TCGv_ptr sp = i386_sse_op_ptr(s, d, 1);
    TCGv_i64 r = tcg_temp_new_i64();
    uint32_t desc = d->e->special | (d->op[0].ot == MO_64 ? 4 : 0);
    i386_gen_call(&i386_sse_cvts2si, tcgv_i64_temp(r), 3, env_t(), tcgv_ptr_temp(sp), c32(desc));
    i386_store_op(s, d, 0, r);
}

/* PINSRB (special 0), PINSRW (1), PINSRD/Q (2, REX.W for Q): a GPR or memory into a lane. */
void i386_emit_sse_pinsr(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    MemOp ot = d->e->special == 2 ? d->op[1].ot : (MemOp)d->e->special;
    int lanes = 16 >> ot;
    int lane = d->op[2].imm & (lanes - 1);
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, ot);
    } else {
        /* the register operand is r32/r64: its low bits, never AH..BH */
        tcg_gen_mov_i64(v, cpu_regs[d->op[1].reg]);
    }
    size_t off = offsetof(CPUArchState, xmm_regs[d->op[0].reg]) + (lane << ot);
    switch (ot) {
    case MO_8: tcg_gen_st8_i64(v, tcg_env, off); break;
    case MO_16: tcg_gen_st16_i64(v, tcg_env, off); break;
    case MO_32: tcg_gen_st32_i64(v, tcg_env, off); break;
    default: tcg_gen_st_i64(v, tcg_env, off); break;
    }
}

/*
 * INSERTPS: a dword (from memory, or the register's lane imm[7:6]) into the destination's
 * lane imm[5:4], then the lanes imm[3:0] sets zeroed.
 */
void i386_emit_sse_insertps(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    unsigned imm = d->op[2].imm & 0xff;
    size_t dst = offsetof(CPUArchState, xmm_regs[d->op[0].reg]);
    TCGv_i64 v = tcg_temp_new_i64();
    if (d->op[1].is_mem) {
        i386_gen_ld(s, v, d->addr, MO_32);
    } else {
        tcg_gen_ld32u_i64(v, tcg_env, offsetof(CPUArchState, xmm_regs[d->op[1].reg]) + 4 * (imm >> 6));
    }
    tcg_gen_st32_i64(v, tcg_env, dst + 4 * ((imm >> 4) & 3));
    for (int i = 0; i < 4; i++) {
        if (imm & (1 << i)) {
            tcg_gen_st32_i64(tcg_constant_i64(0), tcg_env, dst + 4 * i);
        }
    }
}

/* PEXTRB (special 0), PEXTRW (1, register form 0F C5), PEXTRD/Q (2). */
void i386_emit_sse_pextr(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    MemOp ot = d->e->special == 2 ? d->op[0].ot : (MemOp)d->e->special;
    int lanes = 16 >> ot;
    int lane = d->op[2].imm & (lanes - 1);
    int xreg = d->op[1].reg;
    size_t off = offsetof(CPUArchState, xmm_regs[xreg]) + (lane << ot);
    TCGv_i64 v = tcg_temp_new_i64();
    switch (ot) {
    case MO_8: tcg_gen_ld8u_i64(v, tcg_env, off); break;
    case MO_16: tcg_gen_ld16u_i64(v, tcg_env, off); break;
    case MO_32: tcg_gen_ld32u_i64(v, tcg_env, off); break;
    default: tcg_gen_ld_i64(v, tcg_env, off); break;
    }
    if (d->op[0].is_mem) {
        i386_gen_st(s, v, d->addr, ot);
    } else {
        /* a register destination is zero-extended to 32 (or 64 with REX.W) bits */
        i386_gen_op_mov_reg(s, ot == MO_64 ? MO_64 : MO_32, d->op[0].reg, v);
    }
}

/* MOVNTI: a plain store. */
void i386_emit_movnti(DisasContext *s, X86Insn *d)
{
    i386_store_op(s, d, 0, i386_load_op(s, d, 1));
}

/* PCMPESTRM (special 0x60), PCMPESTRI (0x61), PCMPISTRM (0x62), PCMPISTRI (0x63). */
void i386_emit_sse_pcmpstr(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    int k = d->e->special;
    uint32_t desc = (d->op[2].imm & 0xff) | ((k & 2) ? 0 : 0x100) | ((k & 1) ? 0x200 : 0) |
                    (s->rex_w ? 0x400 : 0);
    TCGv_ptr ap = i386_xmm_ptr(d->op[0].reg), bp = i386_sse_op_ptr(s, d, 1);
    i386_gen_call(&i386_sse_pcmpstr, NULL, 4, env_t(), tcgv_ptr_temp(ap), tcgv_ptr_temp(bp),
                  c32(desc));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

/*
 * UNPCKLPD/PUNPCKLQDQ (special 0) and UNPCKHPD/PUNPCKHQDQ (1) inline: two
 * quadword moves instead of a helper call (compilers emit UNPCKLPD in
 * every loop that broadcasts a double).
 */
void i386_emit_sse_unpckq(DisasContext *s, X86Insn *d)
{
    if (!i386_sse_usable(s)) {
        return;
    }
    size_t src = sse_src_offset(s, d);
    int dst = d->op[0].reg;
    TCGv_i64 t = tcg_temp_new_i64();
    if (d->e->special) {
        TCGv_i64 u = tcg_temp_new_i64();
        tcg_gen_ld_i64(t, tcg_env, xmm_off(dst, 1));
        tcg_gen_ld_i64(u, tcg_env, src + 8);
        tcg_gen_st_i64(t, tcg_env, xmm_off(dst, 0));
        tcg_gen_st_i64(u, tcg_env, xmm_off(dst, 1));
        return;
    }
    tcg_gen_ld_i64(t, tcg_env, src);
    tcg_gen_st_i64(t, tcg_env, xmm_off(dst, 1));
}

/* LDMXCSR/STMXCSR (0F AE /2 /3): SSE-state instructions, the work in emit-int.c. */
void i386_emit_sse_ldmxcsr(DisasContext *s, X86Insn *d)
{
    if (i386_sse_usable(s)) {
        i386_emit_ldmxcsr(s, d);
    }
}

void i386_emit_sse_stmxcsr(DisasContext *s, X86Insn *d)
{
    if (i386_sse_usable(s)) {
        i386_emit_stmxcsr(s, d);
    }
}
