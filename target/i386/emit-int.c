/*
 * emit-int.c — the integer instructions: one emitter per instruction
 * family, called by the driver (translate.c) with the operands resolved as
 * the opcode map (decode-table.c) describes them.  `d->e->special` is the
 * row's parameter (ALU operation, condition code, shift kind ...).
 *
 * Flags are lazy: an emitter records what the instruction computed in
 * cc_dst/cc_src/cc_src2 and names the kind with i386_set_cc_op (see
 * cc_helper.c for what each kind keeps).  LOCK-prefixed memory forms go
 * through the atomic helpers and compute flags from the old value.
 */
#include "emit.h"

#include "helper.h"
#include "seg.h"
#include "util/bitops.h"

/* ---- small utilities ---------------------------------------------------------- */

static bool locked(DisasContext *s)
{
    return (s->prefix & PREFIX_LOCK) != 0;
}

static TCGv_i64 t_new(void)
{
    return tcg_temp_new_i64();
}

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *c32(uint32_t v)
{
    return tcgv_i32_temp(tcg_constant_i32(v));
}

/* old = atomic op(mem[addr], val), width ot. */
static TCGv_i64 gen_atomic(X86Insn *d, int op, MemOp ot, TCGv_i64 addr, TCGv_i64 val)
{
    TCGv_i64 old = t_new();
    i386_gen_call(&i386_helper_atomic_rmw, tcgv_i64_temp(old), 4, env_t(),
                  tcgv_i64_temp(addr), tcgv_i64_temp(val), c32(I386_DESC(op, ot, 0)));
    return old;
}

static void set_cc(DisasContext *s, CCOp op, TCGv_i64 dst, TCGv_i64 src, TCGv_i64 src2)
{
    if (dst) {
        tcg_gen_mov_i64(cpu_cc_dst, dst);
    }
    if (src) {
        tcg_gen_mov_i64(cpu_cc_src, src);
    }
    if (src2) {
        tcg_gen_mov_i64(cpu_cc_src2, src2);
    }
    i386_set_cc_op(s, op);
}

/* Stack: the address of rsp + off, as the stack segment sees it. */
static TCGv_i64 stack_addr(DisasContext *s, TCGv_i64 rsp_plus)
{
    return i386_gen_stack_addr(s, rsp_plus);
}

void i386_gen_push(DisasContext *s, MemOp ot, TCGv_i64 v)
{
    TCGv_i64 nsp = t_new();
    tcg_gen_subi_i64(nsp, cpu_regs[R_ESP], 1 << ot);
    TCGv_i64 a = stack_addr(s, nsp);
    i386_gen_st(s, v, a, ot);
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, nsp);
}

TCGv_i64 i386_gen_pop(DisasContext *s, MemOp ot)
{
    TCGv_i64 v = t_new(), nsp = t_new();
    TCGv_i64 a = stack_addr(s, cpu_regs[R_ESP]);
    i386_gen_ld(s, v, a, ot);
    tcg_gen_addi_i64(nsp, cpu_regs[R_ESP], 1 << ot);
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, nsp);
    return v;
}

/* ---- arithmetic ----------------------------------------------------------------- */

/* special: 0 add, 1 or, 2 adc, 3 sbb, 4 and, 5 sub, 6 xor, 7 cmp (the ModRM /r order) */
void i386_emit_alu(DisasContext *s, X86Insn *d)
{
    int op = d->e->special;
    MemOp ot = d->op[0].ot;
    TCGv_i64 src = i386_load_op(s, d, 1), dst, res = t_new(), cf = NULL;

    if (op == 2 || op == 3) {
        cf = i386_gen_cf(s);
    }
    if (locked(s)) {
        static const int at[8] = { I386_AT_ADD, I386_AT_OR, I386_AT_ADD, I386_AT_ADD,
                                   I386_AT_AND, I386_AT_ADD, I386_AT_XOR, -1 };
        TCGv_i64 v = t_new();
        switch (op) {
        case 2: tcg_gen_add_i64(v, src, cf); break;
        case 3: tcg_gen_add_i64(v, src, cf); tcg_gen_neg_i64(v, v); break;
        case 5: tcg_gen_neg_i64(v, src); break;
        default: tcg_gen_mov_i64(v, src); break;
        }
        dst = gen_atomic(d, at[op], ot, d->addr, v);
    } else {
        dst = i386_load_op(s, d, 0);
    }
    switch (op) {
    case 0: tcg_gen_add_i64(res, dst, src); break;
    case 1: tcg_gen_or_i64(res, dst, src); break;
    case 2: tcg_gen_add_i64(res, dst, src); tcg_gen_add_i64(res, res, cf); break;
    case 3: tcg_gen_sub_i64(res, dst, src); tcg_gen_sub_i64(res, res, cf); break;
    case 4: tcg_gen_and_i64(res, dst, src); break;
    case 5: case 7: tcg_gen_sub_i64(res, dst, src); break;
    case 6: tcg_gen_xor_i64(res, dst, src); break;
    }
    if (op != 7 && !locked(s)) {
        i386_store_op(s, d, 0, res);
    }
    switch (op) {
    case 0: set_cc(s, CC_OP_ADDB + ot, res, src, NULL); break;
    case 2: set_cc(s, CC_OP_ADCB + ot, res, src, cf); break;
    case 3: set_cc(s, CC_OP_SBBB + ot, res, src, cf); break;
    case 5: case 7: set_cc(s, CC_OP_SUBB + ot, res, src, NULL); break;
    default: set_cc(s, CC_OP_LOGICB + ot, res, NULL, NULL); break;
    }
}

void i386_emit_test(DisasContext *s, X86Insn *d)
{
    TCGv_i64 a = i386_load_op(s, d, 0), b = i386_load_op(s, d, 1), r = t_new();
    tcg_gen_and_i64(r, a, b);
    set_cc(s, CC_OP_LOGICB + d->op[0].ot, r, NULL, NULL);
}

/* special: 0 inc, 1 dec */
void i386_emit_incdec(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    int delta = d->e->special ? -1 : 1;
    TCGv_i64 cf = i386_gen_cf(s), v, r = t_new();
    if (locked(s)) {
        v = gen_atomic(d, I386_AT_ADD, ot, d->addr, tcg_constant_i64(delta));
    } else {
        v = i386_load_op(s, d, 0);
    }
    tcg_gen_addi_i64(r, v, delta);
    if (!locked(s)) {
        i386_store_op(s, d, 0, r);
    }
    set_cc(s, (d->e->special ? CC_OP_DECB : CC_OP_INCB) + ot, r, cf, NULL);
}

void i386_emit_not(DisasContext *s, X86Insn *d)
{
    if (locked(s)) {
        gen_atomic(d, I386_AT_XOR, d->op[0].ot, d->addr, tcg_constant_i64(-1));
        return;
    }
    TCGv_i64 v = i386_load_op(s, d, 0);
    tcg_gen_not_i64(v, v);
    i386_store_op(s, d, 0, v);
}

void i386_emit_neg(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    TCGv_i64 v, r = t_new();
    if (locked(s)) {
        v = gen_atomic(d, I386_AT_NEG, ot, d->addr, tcg_constant_i64(0));
    } else {
        v = i386_load_op(s, d, 0);
    }
    tcg_gen_neg_i64(r, v);
    if (!locked(s)) {
        i386_store_op(s, d, 0, r);
    }
    /* NEG is 0 - v: SUB with a first operand of zero */
    set_cc(s, CC_OP_SUBB + ot, r, v, NULL);
}

/* Group 3 /4 MUL, /5 IMUL: rDX:rAX = rAX * operand (AX = AL * operand for bytes). */
void i386_emit_mul1(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    bool sign = d->e->special;
    TCGv_i64 src = i386_load_op(s, d, 0), a = t_new(), lo = t_new(), hi = t_new();
    TCGv_i64 ovf = t_new();

    i386_gen_ext(ot, a, cpu_regs[R_EAX], sign);
    if (sign) {
        i386_gen_ext(ot, src, src, true);
    }
    if (ot == MO_64) {
        if (sign) {
            tcg_gen_muls2_i64(lo, hi, a, src);
            TCGv_i64 t = t_new();
            tcg_gen_sari_i64(t, lo, 63);
            tcg_gen_setcond_i64(TCG_COND_NE, ovf, hi, t);
        } else {
            tcg_gen_mulu2_i64(lo, hi, a, src);
            tcg_gen_setcondi_i64(TCG_COND_NE, ovf, hi, 0);
        }
        i386_gen_op_mov_reg(s, MO_64, R_EAX, lo);
        i386_gen_op_mov_reg(s, MO_64, R_EDX, hi);
    } else {
        int bits = 8 << ot;
        TCGv_i64 full = t_new(), t = t_new();
        tcg_gen_mul_i64(full, a, src);
        tcg_gen_mov_i64(lo, full);
        if (sign) {
            i386_gen_ext(ot, t, full, true);
            tcg_gen_setcond_i64(TCG_COND_NE, ovf, t, full);
        } else {
            tcg_gen_shri_i64(t, full, bits);
            tcg_gen_setcondi_i64(TCG_COND_NE, ovf, t, 0);
        }
        if (ot == MO_8) {
            i386_gen_op_mov_reg(s, MO_16, R_EAX, full);
        } else {
            tcg_gen_shri_i64(hi, full, bits);
            i386_gen_op_mov_reg(s, ot, R_EAX, full);
            i386_gen_op_mov_reg(s, ot, R_EDX, hi);
        }
    }
    set_cc(s, CC_OP_MULB + ot, lo, ovf, NULL);
}

/* IMUL Gv, Ev [, imm]: the truncated signed product; CF = OF = it did not fit. */
void i386_emit_imul(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    int bi = d->op[2].kind ? 2 : 0;
    TCGv_i64 a = i386_load_op(s, d, 1), b = i386_load_op(s, d, bi);
    TCGv_i64 lo = t_new(), ovf = t_new();
    i386_gen_ext(ot, a, a, true);
    i386_gen_ext(ot, b, b, true);
    if (ot == MO_64) {
        TCGv_i64 hi = t_new(), t = t_new();
        tcg_gen_muls2_i64(lo, hi, a, b);
        tcg_gen_sari_i64(t, lo, 63);
        tcg_gen_setcond_i64(TCG_COND_NE, ovf, hi, t);
    } else {
        TCGv_i64 t = t_new();
        tcg_gen_mul_i64(lo, a, b);
        i386_gen_ext(ot, t, lo, true);
        tcg_gen_setcond_i64(TCG_COND_NE, ovf, t, lo);
    }
    i386_store_op(s, d, 0, lo);
    set_cc(s, CC_OP_MULB + ot, lo, ovf, NULL);
}

/* Group 3 /6 DIV, /7 IDIV (C: the #DE cases). */
void i386_emit_div(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 0);
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_div, NULL, 3, env_t(),
                  c32(I386_DESC(d->e->special, d->op[0].ot, 0)), tcgv_i64_temp(v));
}

/*
 * SHL/SHR/SAR by a constant: inline, with lazy flags (cc_src = the operand
 * shifted by count - 1, so that CF is its top or bottom bit).  The result is
 * shifted from the operand, not from cc_src, so that it is one op when the
 * next flag setter makes cc_src dead.
 */
static bool gen_shift_imm(DisasContext *s, X86Insn *d, int kind)
{
    MemOp ot = d->op[0].ot;
    X86Addr a = X86_OPND_ADDR(d->op[1].kind);
    if ((a != X86_A_I && a != X86_A_ONE) ||
        (kind != I386_SHL && kind != I386_SAL && kind != I386_SHR && kind != I386_SAR)) {
        return false;
    }
    unsigned c = d->op[1].imm & (ot == MO_64 ? 63 : 31);
    TCGv_i64 v = i386_load_op(s, d, 0), r = t_new(), t = t_new();
    if (c == 0) {
        /* flags kept, but the destination is still written: a 32-bit register is zero-extended */
        i386_store_op(s, d, 0, v);
        return true;
    }
    if (kind == I386_SHR || kind == I386_SAR) {
        i386_gen_ext(ot, v, v, kind == I386_SAR);
        if (kind == I386_SAR) {
            tcg_gen_sari_i64(t, v, c - 1);
            tcg_gen_sari_i64(r, v, c);
        } else {
            tcg_gen_shri_i64(t, v, c - 1);
            tcg_gen_shri_i64(r, v, c);
        }
    } else {
        tcg_gen_shli_i64(t, v, c - 1);
        tcg_gen_shli_i64(r, v, c);
    }
    i386_store_op(s, d, 0, r);
    set_cc(s, (kind == I386_SAR ? CC_OP_SARB : kind == I386_SHR ? CC_OP_SHRB : CC_OP_SHLB) + ot,
           r, t, NULL);
    return true;
}

/*
 * SHL/SHR/SAR by CL: inline, the same lazy flags as for a constant count,
 * but a masked count of 0 leaves the flags alone, so cc_dst, cc_src and
 * cc_op each take the new value only when the count is non-zero (movcond).
 * cc_op is then only known at run time: the translator sees CC_OP_DYNAMIC
 * afterwards, and when the next instruction sets the flags, liveness drops
 * the movconds.  The store comes before the flag updates, so a faulting
 * memory destination leaves the flags of before the instruction.
 */
static bool gen_shift_cl(DisasContext *s, X86Insn *d, int kind)
{
    MemOp ot = d->op[0].ot;
    X86Addr a = X86_OPND_ADDR(d->op[1].kind);
    if (a != X86_A_CL ||
        (kind != I386_SHL && kind != I386_SAL && kind != I386_SHR && kind != I386_SAR)) {
        return false;
    }
    unsigned mask = ot == MO_64 ? 63 : 31;
    CCOp op = (kind == I386_SAR ? CC_OP_SARB : kind == I386_SHR ? CC_OP_SHRB : CC_OP_SHLB) + ot;
    TCGv_i64 v = i386_load_op(s, d, 0), count = i386_load_op(s, d, 1);
    TCGv_i64 c = t_new(), cm1 = t_new(), r = t_new(), t = t_new();
    TCGv_i64 zero = tcg_constant_i64(0);

    tcg_gen_andi_i64(c, count, mask);
    /* count - 1 kept in range: with a zero count t is unused, but TCG shifts want 0..63 */
    tcg_gen_subi_i64(cm1, c, 1);
    tcg_gen_andi_i64(cm1, cm1, mask);
    if (kind == I386_SHR || kind == I386_SAR) {
        i386_gen_ext(ot, v, v, kind == I386_SAR);
        if (kind == I386_SAR) {
            tcg_gen_sar_i64(t, v, cm1);
            tcg_gen_sar_i64(r, v, c);
        } else {
            tcg_gen_shr_i64(t, v, cm1);
            tcg_gen_shr_i64(r, v, c);
        }
    } else {
        tcg_gen_shl_i64(t, v, cm1);
        tcg_gen_shl_i64(r, v, c);
    }
    /* a zero count still writes the destination (a 32-bit register is zero-extended) */
    i386_store_op(s, d, 0, r);
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_dst, c, zero, r, cpu_cc_dst);
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_src, c, zero, t, cpu_cc_src);

    TCGv_i32 c32 = tcg_temp_new_i32(), old;
    tcg_gen_extrl_i64_i32(c32, c);
    if (s->cc_op == CC_OP_DYNAMIC) {
        old = cpu_cc_op;
    } else {
        old = tcg_constant_i32(s->cc_op);      /* known here: no need to store it first */
    }
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_op, c32, tcg_constant_i32(0),
                        tcg_constant_i32(op), old);
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
    return true;
}

/*
 * ROL/ROR by a constant or CL: inline.  The operand is replicated across 64
 * bits (8/16/32-bit widths), so that one 64-bit rotate by the masked count
 * rotates each copy by the count modulo the width.  A rotate changes only
 * CF and OF, so the flags become EFLAGS (computed after the store, which may
 * fault) with those two bits replaced; by CL, the replacement is a movcond
 * on the count, and cc_op is EFLAGS whichever way it goes.
 */
static bool gen_rotate(DisasContext *s, X86Insn *d, int kind)
{
    if (kind != I386_ROL && kind != I386_ROR) {
        return false;
    }
    MemOp ot = d->op[0].ot;
    int bits = 8 << ot;
    unsigned mask = ot == MO_64 ? 63 : 31;
    bool by_cl = X86_OPND_ADDR(d->op[1].kind) == X86_A_CL;
    TCGv_i64 v = i386_load_op(s, d, 0), c, w = t_new(), r = t_new();

    if (by_cl) {
        c = t_new();
        tcg_gen_andi_i64(c, i386_load_op(s, d, 1), mask);
    } else if ((d->op[1].imm & mask) == 0) {
        i386_store_op(s, d, 0, v);          /* flags kept; a 32-bit register is zero-extended */
        return true;
    } else {
        c = tcg_constant_i64(d->op[1].imm & mask);
    }
    switch (ot) {
    case MO_8:
        tcg_gen_ext8u_i64(w, v);
        tcg_gen_muli_i64(w, w, 0x0101010101010101ull);
        break;
    case MO_16:
        tcg_gen_ext16u_i64(w, v);
        tcg_gen_muli_i64(w, w, 0x0001000100010001ull);
        break;
    case MO_32:
        tcg_gen_deposit_i64(w, v, v, 32, 32);
        break;
    default:
        tcg_gen_mov_i64(w, v);
        break;
    }
    if (kind == I386_ROL) {
        tcg_gen_rotl_i64(r, w, c);
    } else {
        tcg_gen_rotr_i64(r, w, c);
    }
    i386_store_op(s, d, 0, r);

    /* ROL: CF = bit 0, OF = CF ^ top bit; ROR: CF = top bit, OF = top ^ the one below */
    TCGv_i64 cf = t_new(), of = t_new(), nf = t_new();
    tcg_gen_extract_i64(cf, r, kind == I386_ROL ? 0 : bits - 1, 1);
    tcg_gen_extract_i64(of, r, kind == I386_ROL ? bits - 1 : bits - 2, 1);
    tcg_gen_xor_i64(of, of, cf);
    i386_gen_compute_eflags(s);
    tcg_gen_deposit_i64(nf, cpu_cc_src, cf, ctz32(CC_C), 1);
    tcg_gen_deposit_i64(nf, nf, of, ctz32(CC_O), 1);
    if (by_cl) {
        tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_src, c, tcg_constant_i64(0), nf, cpu_cc_src);
    } else {
        tcg_gen_mov_i64(cpu_cc_src, nf);
    }
    return true;
}

/*
 * Group 2 and SHLD/SHRD (special: I386_ROL .. I386_SHRD); the count is the
 * last operand.  RCL/RCR/SHLD/SHRD go through helper_shift (int_helper.c).
 */
void i386_emit_shift(DisasContext *s, X86Insn *d)
{
    int kind = d->e->special;
    if (gen_shift_imm(s, d, kind) || gen_shift_cl(s, d, kind) || gen_rotate(s, d, kind)) {
        return;
    }
    bool dbl = kind == I386_SHLD || kind == I386_SHRD;
    TCGv_i64 v = i386_load_op(s, d, 0), other = dbl ? i386_load_op(s, d, 1) : v;
    TCGv_i64 count = i386_load_op(s, d, dbl ? 2 : 1), r = t_new();
    if (d->op[0].is_mem) {
        /* the helper sets the flags: make sure the store cannot fault after it (precise #PF) */
        i386_gen_st(s, v, d->addr, d->op[0].ot);
    }
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_shift, tcgv_i64_temp(r), 5, env_t(),
                  c32(I386_DESC(kind, d->op[0].ot, 0)), tcgv_i64_temp(v),
                  tcgv_i64_temp(count), tcgv_i64_temp(other));
    i386_store_op(s, d, 0, r);
    /* a zero count leaves the flags alone: only the helper knows */
    i386_set_cc_op(s, CC_OP_DYNAMIC);
}

/* ---- moves ------------------------------------------------------------------------- */

void i386_emit_mov(DisasContext *s, X86Insn *d)
{
    i386_store_op(s, d, 0, i386_load_op(s, d, 1));
}

/* MOVZX/MOVSX/MOVSXD (special: 1 sign-extends). */
void i386_emit_movx(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 1);
    i386_gen_ext(d->op[1].ot, v, v, d->e->special);
    i386_store_op(s, d, 0, v);
}

void i386_emit_lea(DisasContext *s, X86Insn *d)
{
    /* LEA wants the offset without a segment base: recompute without FS/GS */
    i386_store_op(s, d, 0, d->addr);
}

void i386_emit_xchg(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    if (d->op[0].is_mem || d->op[1].is_mem) {
        /* XCHG with memory is always locked */
        int m = d->op[0].is_mem ? 0 : 1;
        TCGv_i64 v = i386_load_op(s, d, 1 - m);
        TCGv_i64 old = gen_atomic(d, I386_AT_XCHG, ot, d->addr, v);
        i386_store_op(s, d, 1 - m, old);
        return;
    }
    if (d->b == 0x90 && d->op[0].reg == R_EAX && !(s->prefix & PREFIX_REX && s->rex_b)) {
#ifdef CONFIG_SOFTMMU
        if (s->prefix & PREFIX_REPZ) {
            /* PAUSE: another CPU gets its turn (misc_helper.c) */
            i386_update_cc_op(s);
            i386_gen_call(&x86_helper_pause, NULL, 2, env_t(),
                          tcgv_i64_temp(tcg_constant_i64(i386_next_eip(s))));
            s->base.is_jmp = DISAS_TARGET_0;
        }
#endif
        return;                                /* NOP (and PAUSE) */
    }
    TCGv_i64 a = i386_load_op(s, d, 0), b = i386_load_op(s, d, 1);
    i386_store_op(s, d, 0, b);
    i386_store_op(s, d, 1, a);
}

void i386_emit_nop(DisasContext *s, X86Insn *d)
{
}

void i386_emit_push(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 0);
    MemOp ot = X86_OPND_ADDR(d->op[0].kind) == X86_A_I ? s->dflag : d->op[0].ot;
    i386_gen_push(s, ot, v);
}

void i386_emit_pop(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_gen_pop(s, d->op[0].ot);
    i386_store_op(s, d, 0, v);
}

void i386_emit_pushf(DisasContext *s, X86Insn *d)
{
    TCGv_i64 f = t_new();
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_read_eflags, tcgv_i64_temp(f), 1, env_t());
    i386_gen_push(s, s->dflag, f);
}

void i386_emit_popf(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_gen_pop(s, s->dflag);
    uint64_t mask = CC_ALL | DF_MASK | AC_MASK | ID_MASK;
    if (s->dflag == MO_16) {
        mask &= 0xffff;
    }
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_write_eflags, NULL, 3, env_t(), tcgv_i64_temp(v),
                  tcgv_i64_temp(tcg_constant_i64(mask)));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

void i386_emit_lahf(DisasContext *s, X86Insn *d)
{
    TCGv_i64 f = i386_gen_flags(s);
    tcg_gen_ori_i64(f, f, 2);
    tcg_gen_deposit_i64(cpu_regs[R_EAX], cpu_regs[R_EAX], f, 8, 8);
}

void i386_emit_sahf(DisasContext *s, X86Insn *d)
{
    TCGv_i64 ah = t_new();
    i386_gen_compute_eflags(s);
    tcg_gen_extract_i64(ah, cpu_regs[R_EAX], 8, 8);
    tcg_gen_andi_i64(ah, ah, CC_S | CC_Z | CC_A | CC_P | CC_C);
    tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, CC_O);
    tcg_gen_or_i64(cpu_cc_src, cpu_cc_src, ah);
}

/* CBW/CWDE/CDQE */
void i386_emit_cbw(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = t_new();
    i386_gen_ext(s->dflag - 1, v, cpu_regs[R_EAX], true);
    i386_gen_op_mov_reg(s, s->dflag, R_EAX, v);
}

/* CWD/CDQ/CQO */
void i386_emit_cwd(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = t_new();
    i386_gen_ext(s->dflag, v, cpu_regs[R_EAX], true);
    tcg_gen_sari_i64(v, v, 63);
    i386_gen_op_mov_reg(s, s->dflag, R_EDX, v);
}

void i386_emit_xlat(DisasContext *s, X86Insn *d)
{
    TCGv_i64 a = t_new(), v = t_new();
    tcg_gen_ext8u_i64(a, cpu_regs[R_EAX]);
    tcg_gen_add_i64(a, a, cpu_regs[R_EBX]);
    i386_gen_seg_addr(s, a, R_DS);
    i386_gen_ld(s, v, a, MO_8);
    i386_gen_op_mov_reg(s, MO_8, R_EAX, v);
}

void i386_emit_bswap(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 0);
    if (d->op[0].ot == MO_64) {
        tcg_gen_bswap64_i64(v, v);
    } else {
        tcg_gen_bswap32_i64(v, v, 0);
    }
    i386_store_op(s, d, 0, v);
}

/* MOVBE Gy, My / My, Gy (and the 16-bit form). */
void i386_emit_movbe(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 1);
    switch (d->op[0].ot) {
    case MO_16: tcg_gen_bswap16_i64(v, v, 0); break;
    case MO_32: tcg_gen_bswap32_i64(v, v, 0); break;
    default: tcg_gen_bswap64_i64(v, v); break;
    }
    i386_store_op(s, d, 0, v);
}

void i386_emit_cmov(DisasContext *s, X86Insn *d)
{
    TCGv_i64 src = i386_load_op(s, d, 1), dst = t_new(), a, b;
    TCGCond cond;
    if (!i386_gen_cond_cmp(s, d->e->special, &cond, &a, &b)) {
        cond = TCG_COND_NE;
        a = i386_gen_cond(s, d->e->special);
        b = tcg_constant_i64(0);
    }
    tcg_gen_mov_i64(dst, cpu_regs[d->op[0].reg]);
    /* the 32-bit form zero-extends the destination even when the condition fails */
    tcg_gen_movcond_i64(cond, dst, a, b, src, dst);
    i386_gen_op_mov_reg(s, d->op[0].ot, d->op[0].reg, dst);
}

void i386_emit_setcc(DisasContext *s, X86Insn *d)
{
    TCGCond cond;
    TCGv_i64 a, b;
    if (i386_gen_cond_cmp(s, d->e->special, &cond, &a, &b)) {
        TCGv_i64 r = t_new();
        tcg_gen_setcond_i64(cond, r, a, b);
        i386_store_op(s, d, 0, r);
        return;
    }
    i386_store_op(s, d, 0, i386_gen_cond(s, d->e->special));
}

/* ---- control transfer -------------------------------------------------------------- */

void i386_emit_jcc(DisasContext *s, X86Insn *d)
{
    i386_gen_jcc_cc(s, d->e->special, d->op[0].imm, i386_next_eip(s));
}

void i386_emit_jmp(DisasContext *s, X86Insn *d)
{
    i386_gen_jmp_im(s, d->op[0].imm);
}

void i386_emit_call(DisasContext *s, X86Insn *d)
{
    i386_gen_push(s, s->dflag, tcg_constant_i64(i386_next_eip(s)));
    i386_gen_jmp_im(s, d->op[0].imm);
}

void i386_emit_jmp_ind(DisasContext *s, X86Insn *d)
{
    TCGv_i64 t = i386_load_op(s, d, 0);
    i386_gen_jmp_reg(s, t);
}

void i386_emit_call_ind(DisasContext *s, X86Insn *d)
{
    TCGv_i64 t = i386_load_op(s, d, 0);
    i386_gen_push(s, s->dflag, tcg_constant_i64(i386_next_eip(s)));
    i386_gen_jmp_reg(s, t);
}

void i386_emit_ret(DisasContext *s, X86Insn *d)
{
    TCGv_i64 t = i386_gen_pop(s, s->dflag);
    if (d->op[0].kind) {
        TCGv_i64 nsp = t_new();
        tcg_gen_addi_i64(nsp, cpu_regs[R_ESP], d->op[0].imm);
        i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, nsp);
    }
    if (s->dflag == MO_16) {
        tcg_gen_ext16u_i64(t, t);
    }
    i386_gen_jmp_reg(s, t);
}

/* special: 0 LOOPNE, 1 LOOPE, 2 LOOP, 3 JrCXZ; the counter has the address size */
void i386_emit_loop(DisasContext *s, X86Insn *d)
{
    int k = d->e->special;
    TCGv_i64 cnt = t_new(), c = t_new();
    if (k != 3) {
        tcg_gen_subi_i64(cnt, cpu_regs[R_ECX], 1);
        i386_gen_op_mov_reg(s, s->aflag, R_ECX, cnt);
    }
    i386_gen_ext(s->aflag, cnt, cpu_regs[R_ECX], false);
    if (k == 3) {
        tcg_gen_setcondi_i64(TCG_COND_EQ, c, cnt, 0);
    } else {
        tcg_gen_setcondi_i64(TCG_COND_NE, c, cnt, 0);
        if (k < 2) {
            TCGv_i64 z = i386_gen_cond(s, k == 0 ? 5 : 4);   /* NE / E */
            tcg_gen_and_i64(c, c, z);
        }
    }
    i386_gen_jcc(s, c, d->op[0].imm, i386_next_eip(s));
}

/* ENTER imm16, level (SDM vol. 2A ENTER): the frame and level - 1 copied frame pointers. */
void i386_emit_enter(DisasContext *s, X86Insn *d)
{
    int level = d->op[1].imm & 31;
    MemOp ot = s->dflag;
    int size = 1 << ot;
    TCGv_i64 frame = t_new(), nsp = t_new(), bp = t_new(), v = t_new();
    i386_gen_push(s, ot, cpu_regs[R_EBP]);
    tcg_gen_mov_i64(frame, cpu_regs[R_ESP]);
    if (level) {
        tcg_gen_mov_i64(bp, cpu_regs[R_EBP]);
        for (int i = 1; i < level; i++) {
            tcg_gen_subi_i64(bp, bp, size);
            TCGv_i64 a = stack_addr(s, bp);
            i386_gen_ld(s, v, a, ot);
            i386_gen_push(s, ot, v);
        }
        i386_gen_push(s, ot, frame);
    }
    i386_gen_op_mov_reg(s, ot, R_EBP, frame);
    tcg_gen_subi_i64(nsp, cpu_regs[R_ESP], d->op[0].imm & 0xffff);
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, nsp);
}

void i386_emit_leave(DisasContext *s, X86Insn *d)
{
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, cpu_regs[R_EBP]);
    TCGv_i64 v = i386_gen_pop(s, s->dflag);
    i386_gen_op_mov_reg(s, s->dflag, R_EBP, v);
}

/* INT3 (special 3 with no operand), INT n, SYSCALL: traps reported with eip after them. */
void i386_emit_int(DisasContext *s, X86Insn *d)
{
    int vector;
    if (d->e->special == 0x05) {
        vector = EXCP_SYSCALL;
    } else if (d->op[0].kind) {
        vector = EXCP_SWINT;
        tcg_gen_st_i32(tcg_constant_i32(d->op[0].imm & 0xff), tcg_env,
                       offsetof(CPUArchState, int_vector));
    } else {
        vector = EXCP03_INT3;
    }
    i386_update_cc_op(s);
    tcg_gen_st_i64(tcg_constant_i64(i386_next_eip(s)), tcg_env, offsetof(CPUArchState, eip));
    i386_gen_call(&i386_helper_raise_trap, NULL, 2, env_t(), c32(vector));
    s->base.is_jmp = DISAS_NORETURN;
}

/* Privileged in user mode (HLT, CLI, STI, IN, OUT): #GP. */
void i386_emit_priv(DisasContext *s, X86Insn *d)
{
    i386_gen_exception(s, EXCP0D_GPF);
}

void i386_emit_ud(DisasContext *s, X86Insn *d)
{
    i386_gen_exception(s, EXCP06_ILLOP);
}

/* ---- flags ------------------------------------------------------------------------- */

/* special: 0 CLC, 1 STC, 2 CMC, 3 CLD, 4 STD */
void i386_emit_flagop(DisasContext *s, X86Insn *d)
{
    int k = d->e->special;
    if (k >= 3) {
        TCGv_i64 f = t_new();
        tcg_gen_ld_i64(f, tcg_env, offsetof(CPUArchState, eflags));
        if (k == 3) {
            tcg_gen_andi_i64(f, f, ~(uint64_t)DF_MASK);
        } else {
            tcg_gen_ori_i64(f, f, DF_MASK);
        }
        tcg_gen_st_i64(f, tcg_env, offsetof(CPUArchState, eflags));
        return;
    }
    i386_gen_compute_eflags(s);
    switch (k) {
    case 0: tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, ~(uint64_t)CC_C); break;
    case 1: tcg_gen_ori_i64(cpu_cc_src, cpu_cc_src, CC_C); break;
    default: tcg_gen_xori_i64(cpu_cc_src, cpu_cc_src, CC_C); break;
    }
}

/* ---- bits ---------------------------------------------------------------------------- */

/* special: 0 BT, 1 BTS, 2 BTR, 3 BTC; op 1 is the bit offset (register or Ib). */
void i386_emit_bt(DisasContext *s, X86Insn *d)
{
    int k = d->e->special;
    MemOp ot = d->op[0].ot;
    int bits = 8 << ot;
    TCGv_i64 off = i386_load_op(s, d, 1), bit = t_new(), v, mask = t_new(), cf = t_new();

    if (d->op[0].is_mem && d->op[1].reg >= 0) {
        /* a register offset selects the word: signed, in operand-size units */
        TCGv_i64 disp = t_new();
        i386_gen_ext(ot, disp, off, true);
        tcg_gen_sari_i64(disp, disp, 3 + ot);
        tcg_gen_shli_i64(disp, disp, ot);
        tcg_gen_add_i64(d->addr, d->addr, disp);
        if (!s->code64) {
            tcg_gen_ext32u_i64(d->addr, d->addr);
        }
    }
    tcg_gen_andi_i64(bit, off, bits - 1);
    tcg_gen_shl_i64(mask, tcg_constant_i64(1), bit);
    if (locked(s) && k != 0) {
        TCGv_i64 m = t_new();
        static const int at[4] = { 0, I386_AT_OR, I386_AT_AND, I386_AT_XOR };
        if (k == 2) {
            tcg_gen_not_i64(m, mask);
        } else {
            tcg_gen_mov_i64(m, mask);
        }
        v = gen_atomic(d, at[k], ot, d->addr, m);
    } else {
        v = i386_load_op(s, d, 0);
    }
    tcg_gen_shr_i64(cf, v, bit);
    tcg_gen_andi_i64(cf, cf, 1);
    if (k != 0 && !locked(s)) {
        TCGv_i64 r = t_new();
        switch (k) {
        case 1: tcg_gen_or_i64(r, v, mask); break;
        case 2: tcg_gen_andc_i64(r, v, mask); break;
        default: tcg_gen_xor_i64(r, v, mask); break;
        }
        i386_store_op(s, d, 0, r);
    }
    /* CF = the bit; ZF kept; OF, SF, AF, PF undefined (kept here) */
    i386_gen_compute_eflags(s);
    tcg_gen_andi_i64(cpu_cc_src, cpu_cc_src, ~(uint64_t)CC_C);
    tcg_gen_or_i64(cpu_cc_src, cpu_cc_src, cf);
}

/* BSF (special 0) / BSR (1): the destination is kept when the source is zero (ZF = 1). */
void i386_emit_bsf(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    TCGv_i64 src = i386_load_op(s, d, 1), r = t_new(), old = t_new();
    tcg_gen_mov_i64(old, cpu_regs[d->op[0].reg]);
    if (d->e->special) {
        tcg_gen_clzi_i64(r, src, 0);
        tcg_gen_xori_i64(r, r, 63);
    } else {
        tcg_gen_ctzi_i64(r, src, 0);
    }
    TCGv_i64 nv = t_new();
    i386_gen_ext(ot, nv, r, false);
    if (ot == MO_16) {
        tcg_gen_deposit_i64(nv, old, r, 0, 16);
    }
    tcg_gen_movcond_i64(TCG_COND_EQ, nv, src, tcg_constant_i64(0), old, nv);
    tcg_gen_mov_i64(cpu_regs[d->op[0].reg], nv);
    set_cc(s, CC_OP_LOGICB + ot, src, NULL, NULL);
}

static bool has_feature(DisasContext *s, FeatureWord w, uint32_t bit)
{
    return (s->env->features[w] & bit) != 0;
}

/* TZCNT (special 0) / LZCNT (1); BSF/BSR on CPUs without BMI1/ABM. */
void i386_emit_tzcnt(DisasContext *s, X86Insn *d)
{
    bool lz = d->e->special;
    if (lz ? !has_feature(s, FEAT_8000_0001_ECX, CPUID_EXT3_ABM)
           : !has_feature(s, FEAT_7_0_EBX, CPUID_7_0_EBX_BMI1)) {
        i386_emit_bsf(s, d);
        return;
    }
    MemOp ot = d->op[0].ot;
    int bits = 8 << ot;
    TCGv_i64 src = i386_load_op(s, d, 1), r = t_new(), f = t_new(), t = t_new();
    if (lz) {
        tcg_gen_clzi_i64(r, src, 64);
        tcg_gen_subi_i64(r, r, 64 - bits);
    } else {
        tcg_gen_ctzi_i64(r, src, bits);
    }
    i386_store_op(s, d, 0, r);
    tcg_gen_setcondi_i64(TCG_COND_EQ, f, src, 0);          /* CF: the source was zero */
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, r, 0);            /* ZF: the result is zero */
    tcg_gen_shli_i64(t, t, 6);
    tcg_gen_or_i64(cpu_cc_src, f, t);
    i386_set_cc_op(s, CC_OP_EFLAGS);
}

void i386_emit_popcnt(DisasContext *s, X86Insn *d)
{
    TCGv_i64 src = i386_load_op(s, d, 1), r = t_new();
    tcg_gen_ctpop_i64(r, src);
    i386_store_op(s, d, 0, r);
    tcg_gen_setcondi_i64(TCG_COND_EQ, cpu_cc_src, src, 0);
    tcg_gen_shli_i64(cpu_cc_src, cpu_cc_src, 6);
    i386_set_cc_op(s, CC_OP_EFLAGS);
}

/* ---- exchange-and-compare ------------------------------------------------------------ */

void i386_emit_xadd(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    TCGv_i64 src = i386_load_op(s, d, 1), old, r = t_new();
    if (locked(s)) {
        old = gen_atomic(d, I386_AT_ADD, ot, d->addr, src);
    } else {
        old = i386_load_op(s, d, 0);
    }
    tcg_gen_add_i64(r, old, src);
    i386_store_op(s, d, 1, old);
    if (!locked(s)) {
        i386_store_op(s, d, 0, r);
    }
    set_cc(s, CC_OP_ADDB + ot, r, src, NULL);
}

void i386_emit_cmpxchg(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    TCGv_i64 src = i386_load_op(s, d, 1), acc = t_new(), old = t_new(), r = t_new();
    TCGv_i64 eq = t_new();
    i386_gen_ext(ot, acc, cpu_regs[R_EAX], false);
    if (d->op[0].is_mem) {
        if (locked(s)) {
            i386_gen_call(&i386_helper_atomic_cmpxchg, tcgv_i64_temp(old), 5, env_t(),
                          tcgv_i64_temp(d->addr), tcgv_i64_temp(acc), tcgv_i64_temp(src),
                          c32(ot));
        } else {
            /* the destination is written in both cases, as a locked cycle would */
            TCGv_i64 w = t_new();
            i386_gen_ld(s, old, d->addr, ot);
            tcg_gen_movcond_i64(TCG_COND_EQ, w, old, acc, src, old);
            i386_gen_st(s, w, d->addr, ot);
        }
    } else {
        TCGLabel *ne = gen_new_label();
        i386_gen_op_mov_v_reg(s, ot, old, d->op[0].reg);
        tcg_gen_brcond_i64(TCG_COND_NE, old, acc, ne);
        i386_store_op(s, d, 0, src);
        gen_set_label(ne);
    }
    /* on failure the accumulator gets the destination */
    tcg_gen_setcond_i64(TCG_COND_EQ, eq, old, acc);
    TCGLabel *done = gen_new_label();
    tcg_gen_brcondi_i64(TCG_COND_NE, eq, 0, done);
    i386_gen_op_mov_reg(s, ot, R_EAX, old);
    gen_set_label(done);
    tcg_gen_sub_i64(r, acc, old);
    set_cc(s, CC_OP_SUBB + ot, r, old, NULL);
}

void i386_emit_cmpxchg8b(DisasContext *s, X86Insn *d)
{
    bool q = s->dflag == MO_64;
    if (q && !has_feature(s, FEAT_1_ECX, CPUID_EXT_CX16)) {
        i386_gen_illegal(s, "CMPXCHG16B without CX16");
        return;
    }
    i386_update_cc_op(s);
    i386_gen_call(q ? &i386_helper_cmpxchg16b : &i386_helper_cmpxchg8b, NULL, 3, env_t(),
                  tcgv_i64_temp(d->addr), c32(locked(s)));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

/* ---- strings, BCD, system-ish --------------------------------------------------------- */

/* special: I386_MOVS .. I386_SCAS; bit 0 of the opcode selects byte or operand size */
void i386_emit_string(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->b & 1 ? s->dflag : MO_8;
    int op = d->e->special;
    int rep = s->prefix & PREFIX_REPNZ ? 2 : s->prefix & PREFIX_REPZ ? 1 : 0;
    int seg = s->override >= 0 ? s->override : R_DS;
    if (rep == 2 && op != I386_CMPS && op != I386_SCAS) {
        rep = 1;                               /* REPNE on MOVS/STOS/LODS acts as REP */
    }
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_string, NULL, 2, env_t(),
                  c32(I386_DESC(op, ot, rep | s->aflag << 2 | seg << 4)));
    if (op == I386_CMPS || op == I386_SCAS) {
        i386_set_cc_op(s, CC_OP_DYNAMIC);
    }
}

void i386_emit_bcd(DisasContext *s, X86Insn *d)
{
    int imm = d->op[0].kind ? d->op[0].imm & 0xff : 0;
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_bcd, NULL, 2, env_t(), c32(I386_DESC(d->e->special, 0, imm)));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
}

void i386_emit_cpuid(DisasContext *s, X86Insn *d)
{
    i386_gen_call(&i386_helper_cpuid, NULL, 1, env_t());
}

void i386_emit_rdtsc(DisasContext *s, X86Insn *d)
{
    i386_gen_call(&i386_helper_rdtsc, NULL, 1, env_t());
}

void i386_emit_fence(DisasContext *s, X86Insn *d)
{
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
}

void i386_emit_ldmxcsr(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = t_new();
    TCGv_i32 v32 = tcg_temp_new_i32();
    i386_gen_ld(s, v, d->addr, MO_32);
    tcg_gen_extrl_i64_i32(v32, v);
    i386_gen_call(&i386_helper_ldmxcsr, NULL, 2, env_t(), tcgv_i32_temp(v32));
}

void i386_emit_stmxcsr(DisasContext *s, X86Insn *d)
{
    TCGv_i32 v32 = tcg_temp_new_i32();
    TCGv_i64 v = t_new();
    i386_gen_call(&i386_helper_stmxcsr, tcgv_i32_temp(v32), 1, env_t());
    tcg_gen_extu_i32_i64(v, v32);
    i386_gen_st(s, v, d->addr, MO_32);
}

/* CRC32 Gy, Eb/Ev (SSE4.2), F2 0F 38 F0/F1. */
void i386_emit_crc32(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = i386_load_op(s, d, 1), crc = i386_load_op(s, d, 0), r = t_new();
    int bits = 8 << d->op[1].ot;
    i386_gen_call(&i386_helper_crc32, tcgv_i64_temp(r), 3, tcgv_i64_temp(crc), tcgv_i64_temp(v),
                  c32(bits));
    i386_gen_op_mov_reg(s, d->op[0].ot == MO_64 ? MO_64 : MO_32, d->op[0].reg, r);
}

/* ADCX (special 0: CF) / ADOX (1: OF): add with carry through one flag only. */
void i386_emit_adx(DisasContext *s, X86Insn *d)
{
    MemOp ot = d->op[0].ot;
    int bit = d->e->special ? 11 : 0;
    TCGv_i64 a = i386_load_op(s, d, 0), b = i386_load_op(s, d, 1), c = t_new(), r = t_new();
    TCGv_i64 out = t_new();
    i386_gen_compute_eflags(s);
    tcg_gen_extract_i64(c, cpu_cc_src, bit, 1);
    if (ot == MO_64) {
        TCGv_i64 zero = tcg_constant_i64(0), hi = t_new(), hi2 = t_new();
        tcg_gen_add2_i64(r, hi, a, zero, b, zero);
        tcg_gen_add2_i64(r, hi2, r, hi, c, zero);
        tcg_gen_mov_i64(out, hi2);
    } else {
        tcg_gen_add_i64(r, a, b);
        tcg_gen_add_i64(r, r, c);
        tcg_gen_shri_i64(out, r, 32);
    }
    i386_store_op(s, d, 0, r);
    tcg_gen_deposit_i64(cpu_cc_src, cpu_cc_src, out, bit, 1);
}

/* PUSH ES/CS/SS/DS (32-bit code): the selector, zero-extended. */
void i386_emit_push_seg(DisasContext *s, X86Insn *d)
{
    TCGv_i64 v = t_new();
    tcg_gen_ld32u_i64(v, tcg_env, offsetof(CPUArchState, segs[d->e->special].selector));
    i386_gen_push(s, s->dflag, v);
}

/* MOV Ev, Sw: the selector (the register form zero-extends to the operand size). */
void i386_emit_mov_from_seg(DisasContext *s, X86Insn *d)
{
    int seg = (d->modrm >> 3) & 7;
    if (seg >= X86_NSEGS) {
        i386_gen_illegal(s, "MOV from a segment register that does not exist");
        return;
    }
    TCGv_i64 v = t_new();
    tcg_gen_ld32u_i64(v, tcg_env, offsetof(CPUArchState, segs[seg].selector));
    if (d->op[0].is_mem) {
        d->op[0].ot = MO_16;
    }
    i386_store_op(s, d, 0, v);
}

/*
 * BMI1/BMI2 (special: I386_ANDN ..).  Flags: ANDN like a logic op; BLSR,
 * BLSMSK, BLSI, BZHI, BEXTR set ZF/SF from the result with their own CF
 * and OF = 0; the BMI2 ones that only move bits leave the flags alone.
 */
void i386_emit_bmi(DisasContext *s, X86Insn *d)
{
    int k = d->e->special;
    MemOp ot = d->op[0].ot;
    int bits = 8 << ot;
    TCGv_i64 a = i386_load_op(s, d, 1), b = d->op[2].kind ? i386_load_op(s, d, 2) : NULL;
    TCGv_i64 r = t_new(), cf = NULL, t = t_new();

    switch (k) {
    case I386_ANDN:
        tcg_gen_andc_i64(r, b, a);
        break;
    case I386_BLSR:                                 /* src & (src - 1); CF = src == 0 */
    case I386_BLSMSK:                               /* src ^ (src - 1); CF = src == 0 */
    case I386_BLSI:                                 /* src & -src; CF = src != 0 */
        i386_gen_ext(ot, a, a, false);
        cf = t_new();
        tcg_gen_setcondi_i64(k == I386_BLSI ? TCG_COND_NE : TCG_COND_EQ, cf, a, 0);
        if (k == I386_BLSI) {
            tcg_gen_neg_i64(t, a);
            tcg_gen_and_i64(r, a, t);
        } else {
            tcg_gen_subi_i64(t, a, 1);
            if (k == I386_BLSR) {
                tcg_gen_and_i64(r, a, t);
            } else {
                tcg_gen_xor_i64(r, a, t);
            }
        }
        break;
    case I386_BZHI: {                               /* clear bits from index b[7:0]; CF = index >= size */
        TCGv_i64 idx = t_new(), mask = t_new(), sh = t_new();
        tcg_gen_andi_i64(idx, b, 0xff);
        cf = t_new();
        tcg_gen_setcondi_i64(TCG_COND_GEU, cf, idx, bits);
        /* mask = idx >= 64 ? ~0 : (1 << idx) - 1 */
        tcg_gen_movi_i64(sh, 63);
        tcg_gen_movcond_i64(TCG_COND_LTU, sh, idx, tcg_constant_i64(64), idx, sh);
        tcg_gen_shl_i64(mask, tcg_constant_i64(1), sh);
        tcg_gen_subi_i64(mask, mask, 1);
        tcg_gen_movcond_i64(TCG_COND_GEU, mask, idx, tcg_constant_i64(64), tcg_constant_i64(-1), mask);
        tcg_gen_and_i64(r, a, mask);
        break;
    }
    case I386_BEXTR: {                              /* (src >> start) & ((1 << len) - 1) */
        TCGv_i64 start = t_new(), len = t_new(), sh = t_new(), mask = t_new(), v = t_new();
        i386_gen_ext(ot, v, a, false);
        tcg_gen_extract_i64(start, b, 0, 8);
        tcg_gen_extract_i64(len, b, 8, 8);
        tcg_gen_movi_i64(sh, 63);
        tcg_gen_movcond_i64(TCG_COND_LTU, sh, start, tcg_constant_i64(64), start, sh);
        tcg_gen_shr_i64(v, v, sh);
        tcg_gen_movcond_i64(TCG_COND_GEU, v, start, tcg_constant_i64(bits), tcg_constant_i64(0), v);
        tcg_gen_movi_i64(sh, 63);
        tcg_gen_movcond_i64(TCG_COND_LTU, sh, len, tcg_constant_i64(64), len, sh);
        tcg_gen_shl_i64(mask, tcg_constant_i64(1), sh);
        tcg_gen_subi_i64(mask, mask, 1);
        tcg_gen_movcond_i64(TCG_COND_GEU, mask, len, tcg_constant_i64(64), tcg_constant_i64(-1), mask);
        tcg_gen_and_i64(r, v, mask);
        cf = tcg_constant_i64(0);
        break;
    }
    case I386_PDEP:
    case I386_PEXT:
        i386_gen_ext(ot, a, a, false);
        i386_gen_ext(ot, b, b, false);
        i386_gen_call(k == I386_PDEP ? &i386_helper_pdep : &i386_helper_pext, tcgv_i64_temp(r), 2,
                      tcgv_i64_temp(a), tcgv_i64_temp(b));
        i386_store_op(s, d, 0, r);
        return;
    case I386_MULX: {                               /* hi:lo = rdx * src; Gy = hi, By = lo */
        TCGv_i64 lo = t_new(), hi = t_new(), x = t_new();
        i386_gen_ext(ot, x, cpu_regs[R_EDX], false);
        i386_gen_ext(ot, b, b, false);
        if (ot == MO_64) {
            tcg_gen_mulu2_i64(lo, hi, x, b);
        } else {
            tcg_gen_mul_i64(lo, x, b);
            tcg_gen_shri_i64(hi, lo, 32);
        }
        /* the low half first: when both name the same register it gets the high half */
        i386_gen_op_mov_reg(s, ot, d->op[1].reg, lo);
        i386_store_op(s, d, 0, hi);
        return;
    }
    case I386_SHLX:
    case I386_SARX:
    case I386_SHRX:
    case I386_RORX: {
        TCGv_i64 c = t_new(), v = t_new();
        if (k == I386_RORX) {
            tcg_gen_movi_i64(c, d->op[2].imm & (bits - 1));
        } else {
            tcg_gen_andi_i64(c, b, bits - 1);
        }
        i386_gen_ext(ot, v, a, k == I386_SARX);
        switch (k) {
        case I386_SHLX: tcg_gen_shl_i64(r, v, c); break;
        case I386_SARX: tcg_gen_sar_i64(r, v, c); break;
        case I386_SHRX: tcg_gen_shr_i64(r, v, c); break;
        default:
            if (ot == MO_64) {
                tcg_gen_rotr_i64(r, v, c);
            } else {
                TCGv_i32 v32 = tcg_temp_new_i32(), c32v = tcg_temp_new_i32();
                tcg_gen_extrl_i64_i32(v32, v);
                tcg_gen_extrl_i64_i32(c32v, c);
                tcg_gen_rotr_i32(v32, v32, c32v);
                tcg_gen_extu_i32_i64(r, v32);
            }
            break;
        }
        i386_store_op(s, d, 0, r);
        return;
    }
    }
    i386_store_op(s, d, 0, r);
    set_cc(s, CC_OP_LOGICB + ot, r, NULL, NULL);
    if (cf) {
        i386_gen_compute_eflags(s);
        tcg_gen_or_i64(cpu_cc_src, cpu_cc_src, cf);
    }
}

/* PUSHA/PUSHAD (special 0) and POPA/POPAD (1), 32-bit code: all eight GPRs, ESP skipped on pop. */
void i386_emit_pusha(DisasContext *s, X86Insn *d)
{
    MemOp ot = s->dflag;
    int size = 1 << ot;
    TCGv_i64 a = t_new(), v = t_new();
    if (d->e->special == 0) {
        for (int i = 0; i < 8; i++) {
            tcg_gen_subi_i64(a, cpu_regs[R_ESP], (i + 1) * size);
            i386_gen_st(s, cpu_regs[i], stack_addr(s, a), ot);
        }
        tcg_gen_subi_i64(v, cpu_regs[R_ESP], 8 * size);
    } else {
        for (int i = 7; i >= 0; i--) {
            if (i == R_ESP) {
                continue;
            }
            tcg_gen_addi_i64(a, cpu_regs[R_ESP], (7 - i) * size);
            i386_gen_ld(s, v, stack_addr(s, a), ot);
            i386_gen_op_mov_reg(s, ot, i, v);
        }
        tcg_gen_addi_i64(v, cpu_regs[R_ESP], 8 * size);
    }
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, v);
}

/* MOV Sreg, Ew (8E): CS cannot be loaded. */
void i386_emit_mov_to_seg(DisasContext *s, X86Insn *d)
{
    int seg = (d->modrm >> 3) & 7;
    if (seg == R_CS || seg >= X86_NSEGS) {
        i386_gen_illegal(s, "MOV to CS or to a segment register that does not exist");
        return;
    }
    TCGv_i64 v = i386_load_op(s, d, 0);
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_load_seg, NULL, 3, env_t(), c32(seg), tcgv_i64_temp(v));
#ifdef CONFIG_SOFTMMU
    /* system mode: the segment's base and size may change the translation (hflags) */
    s->base.is_jmp = DISAS_TARGET_0;
#endif
}

/* POP ES/SS/DS (32-bit code), POP FS/GS (special: the segment). */
void i386_emit_pop_seg(DisasContext *s, X86Insn *d)
{
    /* the load may fault: rsp moves only once the selector is accepted */
    TCGv_i64 v = t_new(), a = stack_addr(s, cpu_regs[R_ESP]), nsp = t_new();
    i386_gen_ld(s, v, a, s->dflag);
    i386_update_cc_op(s);
    i386_gen_call(&i386_helper_load_seg, NULL, 3, env_t(), c32(d->e->special), tcgv_i64_temp(v));
    tcg_gen_addi_i64(nsp, cpu_regs[R_ESP], 1 << s->dflag);
    i386_gen_op_mov_reg(s, i386_stack_ot(s), R_ESP, nsp);
#ifdef CONFIG_SOFTMMU
    s->base.is_jmp = DISAS_TARGET_0;
#endif
}

/* INTO (32-bit code): #OF, a trap, when OF is set. */
void i386_emit_into(DisasContext *s, X86Insn *d)
{
    TCGv_i64 c = i386_gen_cond(s, 0);
    TCGLabel *no = gen_new_label();
    i386_update_cc_op(s);
    tcg_gen_brcondi_i64(TCG_COND_EQ, c, 0, no);
    tcg_gen_st_i64(tcg_constant_i64(i386_next_eip(s)), tcg_env, offsetof(CPUArchState, eip));
    i386_gen_call(&i386_helper_raise_trap, NULL, 2, env_t(), c32(EXCP04_INTO));
    gen_set_label(no);
}

/* BOUND Gv, Ma (32-bit code): #BR unless lower <= index <= upper, signed. */
void i386_emit_bound(DisasContext *s, X86Insn *d)
{
    MemOp ot = s->dflag;
    TCGv_i64 idx = t_new(), lo = t_new(), hi = t_new(), a = t_new(), bad = t_new(), t = t_new();
    i386_gen_ext(ot, idx, cpu_regs[d->op[0].reg], true);
    i386_gen_ld(s, lo, d->addr, ot | MO_SIGN);
    tcg_gen_addi_i64(a, d->addr, 1 << ot);
    tcg_gen_ext32u_i64(a, a);
    i386_gen_ld(s, hi, a, ot | MO_SIGN);
    tcg_gen_setcond_i64(TCG_COND_LT, bad, idx, lo);
    tcg_gen_setcond_i64(TCG_COND_GT, t, idx, hi);
    tcg_gen_or_i64(bad, bad, t);
    TCGLabel *ok = gen_new_label();
    /* before the branch: both paths must see env->cc_op written */
    i386_update_cc_op(s);
    tcg_gen_brcondi_i64(TCG_COND_EQ, bad, 0, ok);
    i386_gen_update_eip_cur(s);
    i386_gen_call(&i386_helper_raise_exception, NULL, 2, env_t(), c32(EXCP05_BOUND));
    gen_set_label(ok);
}
