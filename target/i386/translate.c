/*
 * translate.c — the x86 translator's driver: prefixes, the opcode maps
 * (decode-table.c) walked by the table's own structure, ModRM/SIB/
 * displacement/immediate decoding, and the primitives the emitters use
 * (operands, lazy flags, jumps, exceptions).  The instructions themselves
 * are in emit-int.c and emit-sse.c.
 *
 * Per instruction:  prefixes → map entry (escape / group / mandatory-prefix
 * sub-tables) → feature and mode checks → operands resolved (registers,
 * effective address, immediates) → entry->gen(s, d).
 *
 * insn_start records (pc, cc_op as known at the instruction's start) so that
 * a fault in the middle of the block restores eip and a cc_op the
 * translator had not yet written to env.
 */
#include "translate.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "exec/cpu-exec.h"
#include "helper.h"
#include "util/log.h"

LOG_ITEM(i386_log_unimp, "unimp", "log unimplemented or undefined guest instructions");

TCGv_i64 cpu_regs[16];
TCGv_i64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
TCGv_i32 cpu_cc_op;
TCGv_i64 cpu_seg_base[X86_NSEGS];

void i386_translate_init(void)
{
    static const char *const reg_names[16] = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    static const char *const seg_names[X86_NSEGS] = {
        "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
    };
    for (int i = 0; i < 16; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, regs[i]),
                                             reg_names[i]);
    }
    for (int i = 0; i < X86_NSEGS; i++) {
        cpu_seg_base[i] = tcg_global_mem_new_i64(tcg_env,
                                                 offsetof(CPUArchState, segs[i].base),
                                                 seg_names[i]);
    }
    cpu_cc_dst = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, cc_src2), "cc_src2");
    cpu_cc_op = tcg_global_mem_new_i32(tcg_env, offsetof(CPUArchState, cc_op), "cc_op");
}

/* ---- helpers calls ------------------------------------------------------- */

void i386_gen_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_call(info, ret, args);
}

TCGv_ptr i386_xmm_ptr(int reg)
{
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(p, tcg_env, offsetof(CPUArchState, xmm_regs[reg]));
    return p;
}

/* ---- eip and exceptions --------------------------------------------------- */

uint64_t i386_next_eip(DisasContext *s)
{
    return s->pc - s->cs_base;
}

uint64_t i386_this_eip(DisasContext *s)
{
    return s->pc_start - s->cs_base;
}

static void gen_store_eip(uint64_t eip)
{
    tcg_gen_st_i64(tcg_constant_i64(eip), tcg_env, offsetof(CPUArchState, eip));
}

void i386_gen_update_eip_cur(DisasContext *s)
{
    gen_store_eip(i386_this_eip(s));
}

void i386_gen_exception(DisasContext *s, int vector)
{
    i386_update_cc_op(s);
    i386_gen_update_eip_cur(s);
    i386_gen_call(&i386_helper_raise_exception, NULL, 2, tcgv_ptr_temp(tcg_env),
                  tcgv_i32_temp(tcg_constant_i32(vector)));
    s->base.is_jmp = DISAS_NORETURN;
}

void i386_gen_illegal(DisasContext *s, const char *why)
{
    if (log_enabled(i386_log_unimp)) {
        char bytes[64] = "";
        size_t n = 0;
        for (uint64_t p = s->pc_start; p < s->pc && n + 4 < sizeof(bytes); p++) {
            n += snprintf(bytes + n, sizeof(bytes) - n, " %02x",
                          (unsigned)translator_ldub(s->env, &s->base, p));
        }
        log_printf("i386: #UD at 0x%" PRIx64 ":%s (%s)\n", s->pc_start, bytes, why);
    }
    i386_gen_exception(s, EXCP06_ILLOP);
}

/* ---- lazy flags ----------------------------------------------------------- */

void i386_set_cc_op(DisasContext *s, CCOp op)
{
    if (s->cc_op != op) {
        s->cc_op = op;
        s->cc_op_dirty = op != CC_OP_DYNAMIC;
    }
}

void i386_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

TCGv_i64 i386_gen_flags(DisasContext *s)
{
    TCGv_i64 f = tcg_temp_new_i64();
    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi_i64(f, cpu_cc_src, CC_ALL);
        return f;
    }
    TCGv_i32 op = s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op : tcg_constant_i32(s->cc_op);
    i386_gen_call(&i386_helper_cc_compute_all, tcgv_i64_temp(f), 4, tcgv_i32_temp(op),
                  tcgv_i64_temp(cpu_cc_dst), tcgv_i64_temp(cpu_cc_src),
                  tcgv_i64_temp(cpu_cc_src2));
    return f;
}

void i386_gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS) {
        return;
    }
    TCGv_i64 f = i386_gen_flags(s);
    tcg_gen_mov_i64(cpu_cc_src, f);
    i386_set_cc_op(s, CC_OP_EFLAGS);
}

void i386_gen_ext(MemOp ot, TCGv_i64 r, TCGv_i64 v, bool sign)
{
    switch (ot) {
    case MO_8:
        sign ? tcg_gen_ext8s_i64(r, v) : tcg_gen_ext8u_i64(r, v);
        break;
    case MO_16:
        sign ? tcg_gen_ext16s_i64(r, v) : tcg_gen_ext16u_i64(r, v);
        break;
    case MO_32:
        sign ? tcg_gen_ext32s_i64(r, v) : tcg_gen_ext32u_i64(r, v);
        break;
    default:
        tcg_gen_mov_i64(r, v);
        break;
    }
}

TCGv_i64 i386_gen_cf(DisasContext *s)
{
    TCGv_i64 r = tcg_temp_new_i64();
    int k = s->cc_op - CC_OP_ADDB;
    if (s->cc_op >= CC_OP_SUBB && s->cc_op <= CC_OP_SUBQ) {
        /* first operand < second: (dst + src) <u src */
        MemOp ot = k & 3;
        TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
        tcg_gen_add_i64(a, cpu_cc_dst, cpu_cc_src);
        i386_gen_ext(ot, a, a, false);
        i386_gen_ext(ot, b, cpu_cc_src, false);
        tcg_gen_setcond_i64(TCG_COND_LTU, r, a, b);
    } else if (s->cc_op >= CC_OP_ADDB && s->cc_op <= CC_OP_ADDQ) {
        /* carry out of a + b: the result is below the second operand */
        MemOp ot = k & 3;
        TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
        i386_gen_ext(ot, a, cpu_cc_dst, false);
        i386_gen_ext(ot, b, cpu_cc_src, false);
        tcg_gen_setcond_i64(TCG_COND_LTU, r, a, b);
    } else if (s->cc_op >= CC_OP_INCB && s->cc_op <= CC_OP_DECQ) {
        tcg_gen_andi_i64(r, cpu_cc_src, 1);        /* INC/DEC keep the CF they found */
    } else if (s->cc_op >= CC_OP_MULB && s->cc_op <= CC_OP_MULQ) {
        tcg_gen_setcondi_i64(TCG_COND_NE, r, cpu_cc_src, 0);
    } else if (s->cc_op >= CC_OP_SHLB && s->cc_op <= CC_OP_SHLQ) {
        tcg_gen_extract_i64(r, cpu_cc_src, (8 << (k & 3)) - 1, 1);
    } else if (s->cc_op >= CC_OP_SHRB && s->cc_op <= CC_OP_SARQ) {
        tcg_gen_andi_i64(r, cpu_cc_src, 1);
    } else if (s->cc_op >= CC_OP_LOGICB && s->cc_op <= CC_OP_LOGICQ) {
        tcg_gen_movi_i64(r, 0);
    } else if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi_i64(r, cpu_cc_src, CC_C);
    } else {
        TCGv_i64 f = i386_gen_flags(s);
        tcg_gen_andi_i64(r, f, CC_C);
    }
    return r;
}

bool i386_gen_cond_cmp(DisasContext *s, int cc, TCGCond *cond, TCGv_i64 *a, TCGv_i64 *b)
{
    int kind = cc >> 1;
    CCOp op = s->cc_op;
    TCGCond c;

    if (op >= CC_OP_ADDB && op <= CC_OP_MULQ && (kind == 2 || kind == 4)) {
        /* E/S from the recorded result, as i386_gen_cond computes them */
        *a = tcg_temp_new_i64();
        i386_gen_ext((op - CC_OP_ADDB) & 3, *a, cpu_cc_dst, kind == 4);
        *b = tcg_constant_i64(0);
        c = kind == 2 ? TCG_COND_EQ : TCG_COND_LT;
    } else if (op >= CC_OP_SUBB && op <= CC_OP_SUBQ &&
               (kind == 1 || kind == 3 || kind == 6 || kind == 7)) {
        /* B/BE/L/LE after SUB/CMP: the operands themselves (cc_dst + cc_src, cc_src) */
        MemOp ot = op - CC_OP_SUBB;
        bool sign = kind >= 6;
        *a = tcg_temp_new_i64();
        *b = tcg_temp_new_i64();
        tcg_gen_add_i64(*a, cpu_cc_dst, cpu_cc_src);
        i386_gen_ext(ot, *a, *a, sign);
        i386_gen_ext(ot, *b, cpu_cc_src, sign);
        c = kind == 1 ? TCG_COND_LTU : kind == 3 ? TCG_COND_LEU :
            kind == 6 ? TCG_COND_LT : TCG_COND_LE;
    } else {
        return false;
    }
    *cond = cc & 1 ? tcg_invert_cond(c) : c;
    return true;
}

TCGv_i64 i386_gen_cond(DisasContext *s, int cc)
{
    TCGv_i64 r = tcg_temp_new_i64();
    int kind = cc >> 1;
    bool inv = cc & 1;
    CCOp op = s->cc_op;
    TCGCond cond = TCG_COND_NEVER;

    if (kind == 1 && op != CC_OP_DYNAMIC && !(op >= CC_OP_ADCB && op <= CC_OP_ADCQ) &&
        !(op >= CC_OP_SBBB && op <= CC_OP_SBBQ)) {
        /* B / AE: CF alone, which i386_gen_cf often has without the helper */
        TCGv_i64 c = i386_gen_cf(s);
        tcg_gen_mov_i64(r, c);
    } else if (op >= CC_OP_ADDB && op <= CC_OP_MULQ && (kind == 2 || kind == 4)) {
        /* ZF and SF come from the result for every kind that records one */
        MemOp ot = (op - CC_OP_ADDB) & 3;
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_ext(ot, v, cpu_cc_dst, kind == 4);
        tcg_gen_setcondi_i64(kind == 2 ? TCG_COND_EQ : TCG_COND_LT, r, v, 0);
    } else if (op >= CC_OP_SUBB && op <= CC_OP_SUBQ && kind != 0 && kind != 5) {
        MemOp ot = op - CC_OP_SUBB;
        bool sign = kind >= 6;
        TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
        tcg_gen_add_i64(a, cpu_cc_dst, cpu_cc_src);
        i386_gen_ext(ot, a, a, sign);
        i386_gen_ext(ot, b, cpu_cc_src, sign);
        cond = kind == 1 ? TCG_COND_LTU : kind == 3 ? TCG_COND_LEU :
               kind == 6 ? TCG_COND_LT : TCG_COND_LE;
        tcg_gen_setcond_i64(cond, r, a, b);
    } else if (op >= CC_OP_LOGICB && op <= CC_OP_LOGICQ && kind != 5) {
        MemOp ot = op - CC_OP_LOGICB;
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_ext(ot, v, cpu_cc_dst, true);
        switch (kind) {
        case 0: case 1:                   /* OF, CF: clear */
            tcg_gen_movi_i64(r, 0);
            break;
        case 3:                           /* BE = ZF */
            tcg_gen_setcondi_i64(TCG_COND_EQ, r, v, 0);
            break;
        case 6:                           /* L = SF */
            tcg_gen_setcondi_i64(TCG_COND_LT, r, v, 0);
            break;
        default:                          /* LE = ZF | SF */
            tcg_gen_setcondi_i64(TCG_COND_LE, r, v, 0);
            break;
        }
    } else {
        TCGv_i64 f = i386_gen_flags(s);
        TCGv_i64 t = tcg_temp_new_i64();
        switch (kind) {
        case 0: tcg_gen_extract_i64(r, f, 11, 1); break;
        case 1: tcg_gen_andi_i64(r, f, 1); break;
        case 2: tcg_gen_extract_i64(r, f, 6, 1); break;
        case 3: tcg_gen_andi_i64(t, f, CC_Z | CC_C); tcg_gen_setcondi_i64(TCG_COND_NE, r, t, 0); break;
        case 4: tcg_gen_extract_i64(r, f, 7, 1); break;
        case 5: tcg_gen_extract_i64(r, f, 2, 1); break;
        default:
            /* L: SF != OF; LE: that or ZF */
            tcg_gen_shri_i64(t, f, 4);
            tcg_gen_xor_i64(t, t, f);
            tcg_gen_extract_i64(r, t, 7, 1);
            if (kind == 7) {
                tcg_gen_extract_i64(t, f, 6, 1);
                tcg_gen_or_i64(r, r, t);
            }
            break;
        }
    }
    if (inv) {
        tcg_gen_xori_i64(r, r, 1);
    }
    return r;
}

/* ---- registers and memory ---------------------------------------------------- */

MemOp i386_stack_ot(DisasContext *s)
{
    return s->code64 ? MO_64 : s->hflags & HF_SS32 ? MO_32 : MO_16;
}

TCGv_i64 i386_gen_stack_addr(DisasContext *s, TCGv_i64 sp)
{
    TCGv_i64 a = tcg_temp_new_i64();
    if (s->code64) {
        tcg_gen_mov_i64(a, sp);
        return a;
    }
    i386_gen_ext(i386_stack_ot(s), a, sp, false);
    if (s->hflags & HF_ADDSEG) {
        tcg_gen_add_i64(a, a, cpu_seg_base[R_SS]);
        tcg_gen_ext32u_i64(a, a);
    }
    return a;
}

static bool byte_reg_is_high(DisasContext *s, int reg)
{
    return reg >= 4 && reg < 8 && !(s->prefix & PREFIX_REX);
}

void i386_gen_op_mov_reg(DisasContext *s, MemOp ot, int reg, TCGv_i64 v)
{
    switch (ot) {
    case MO_8:
        if (byte_reg_is_high(s, reg)) {
            tcg_gen_deposit_i64(cpu_regs[reg - 4], cpu_regs[reg - 4], v, 8, 8);
        } else {
            tcg_gen_deposit_i64(cpu_regs[reg], cpu_regs[reg], v, 0, 8);
        }
        break;
    case MO_16:
        tcg_gen_deposit_i64(cpu_regs[reg], cpu_regs[reg], v, 0, 16);
        break;
    case MO_32:
        tcg_gen_ext32u_i64(cpu_regs[reg], v);
        break;
    default:
        tcg_gen_mov_i64(cpu_regs[reg], v);
        break;
    }
}

void i386_gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i64 r, int reg)
{
    if (ot == MO_8 && byte_reg_is_high(s, reg)) {
        tcg_gen_extract_i64(r, cpu_regs[reg - 4], 8, 8);
    } else {
        i386_gen_ext(ot, r, cpu_regs[reg], false);
    }
}

void i386_gen_ld(DisasContext *s, TCGv_i64 v, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_qemu_ld_i64(v, addr, s->mem_idx, mop | MO_LE);
}

void i386_gen_st(DisasContext *s, TCGv_i64 v, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_qemu_st_i64(v, addr, s->mem_idx, mop | MO_LE);
}

void i386_gen_seg_addr(DisasContext *s, TCGv_i64 addr, int def_seg)
{
    int seg = s->override >= 0 ? s->override : def_seg;
    if (s->aflag != MO_64) {
        i386_gen_ext(s->aflag, addr, addr, false);
    }
    /*
     * Flat user segments: only FS and GS have a base (TLS).  System mode
     * adds the others' bases too when HF_ADDSEG says one may be non-zero.
     */
    if (seg == R_FS || seg == R_GS || ((s->hflags & HF_ADDSEG) && !s->code64)) {
        tcg_gen_add_i64(addr, addr, cpu_seg_base[seg]);
        if (!s->code64) {
            tcg_gen_ext32u_i64(addr, addr);
        }
    }
}

TCGv_i64 i386_load_op(DisasContext *s, X86Insn *d, int i)
{
    X86Operand *o = &d->op[i];
    TCGv_i64 v = tcg_temp_new_i64();
    if (o->is_mem) {
        i386_gen_ld(s, v, d->addr, o->ot);
    } else if (o->reg >= 0) {
        i386_gen_op_mov_v_reg(s, o->ot, v, o->reg);
    } else {
        tcg_gen_movi_i64(v, o->imm);
    }
    return v;
}

void i386_store_op(DisasContext *s, X86Insn *d, int i, TCGv_i64 v)
{
    X86Operand *o = &d->op[i];
    if (o->is_mem) {
        i386_gen_st(s, v, d->addr, o->ot);
    } else {
        i386_gen_op_mov_reg(s, o->ot, o->reg, v);
    }
}

TCGv_ptr i386_sse_op_ptr(DisasContext *s, X86Insn *d, int i)
{
    X86Operand *o = &d->op[i];
    if (!o->is_mem) {
        return i386_xmm_ptr(o->reg);
    }
    TCGv_ptr p = tcg_temp_new_ptr();
    size_t off = offsetof(CPUArchState, xmm_t0);
    TCGv_i64 t = tcg_temp_new_i64();
    switch (o->ot) {
    case MO_128: {
        TCGv_i64 hi = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i128(t, hi, d->addr, s->mem_idx,
                             MO_LEUO | (d->e->flags & X86_UNAL ? 0 : MO_ALIGN_16));
        tcg_gen_st_i64(t, tcg_env, off);
        tcg_gen_st_i64(hi, tcg_env, off + 8);
        break;
    }
    default:
        i386_gen_ld(s, t, d->addr, o->ot);
        tcg_gen_st_i64(t, tcg_env, off);
        break;
    }
    tcg_gen_addi_ptr(p, tcg_env, off);
    return p;
}

/* ---- control flow ------------------------------------------------------------ */

static void gen_goto_tb(DisasContext *s, int n, uint64_t eip)
{
    uint64_t pc = s->cs_base + eip;
    if (translator_use_goto_tb(&s->base, pc)) {
        tcg_gen_goto_tb(n);
        gen_store_eip(eip);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        gen_store_eip(eip);
        tcg_gen_lookup_and_goto_ptr();
    }
}

void i386_gen_jmp_im(DisasContext *s, uint64_t eip)
{
    i386_update_cc_op(s);
    gen_goto_tb(s, 0, eip);
    s->base.is_jmp = DISAS_NORETURN;
}

void i386_gen_jmp_reg(DisasContext *s, TCGv_i64 eip)
{
    i386_update_cc_op(s);
    tcg_gen_st_i64(eip, tcg_env, offsetof(CPUArchState, eip));
    tcg_gen_lookup_and_goto_ptr();
    s->base.is_jmp = DISAS_NORETURN;
}

void i386_gen_jcc_cc(DisasContext *s, int cc, uint64_t taken, uint64_t not_taken)
{
    TCGCond cond;
    TCGv_i64 a, b;
    /* cc_op first: the comparison's last op then sits right before the brcond (fused) */
    i386_update_cc_op(s);
    if (!i386_gen_cond_cmp(s, cc, &cond, &a, &b)) {
        i386_gen_jcc(s, i386_gen_cond(s, cc), taken, not_taken);
        return;
    }
    TCGLabel *l = gen_new_label();
    tcg_gen_brcond_i64(cond, a, b, l);
    gen_goto_tb(s, 1, not_taken);
    gen_set_label(l);
    gen_goto_tb(s, 0, taken);
    s->base.is_jmp = DISAS_NORETURN;
}

void i386_gen_jcc(DisasContext *s, TCGv_i64 cond, uint64_t taken, uint64_t not_taken)
{
    TCGLabel *l = gen_new_label();
    i386_update_cc_op(s);
    tcg_gen_brcondi_i64(TCG_COND_NE, cond, 0, l);
    gen_goto_tb(s, 1, not_taken);
    gen_set_label(l);
    gen_goto_tb(s, 0, taken);
    s->base.is_jmp = DISAS_NORETURN;
}

/* ---- decoding ------------------------------------------------------------- */

/* The next code bytes of the instruction. */
static uint64_t fetch(DisasContext *s, MemOp mop)
{
    uint64_t v = translator_ld(s->env, &s->base, s->pc, mop);
    s->pc += memop_size(mop);
    return v;
}

static int64_t fetch_signed(DisasContext *s, MemOp ot)
{
    uint64_t v = fetch(s, ot);
    switch (ot) {
    case MO_8: return (int8_t)v;
    case MO_16: return (int16_t)v;
    case MO_32: return (int32_t)v;
    default: return (int64_t)v;
    }
}

/* The parts of a memory operand, decoded before the immediates (RIP-relative needs their length). */
typedef struct X86ModRMAddr {
    int base, index, scale;        /* -1: none; base -2: RIP-relative */
    int64_t disp;
    int def_seg;
} X86ModRMAddr;

static void decode_modrm_addr(DisasContext *s, X86Insn *d, X86ModRMAddr *a)
{
    int mod = d->mod, rm = d->rm & 7;
    a->base = a->index = -1;
    a->scale = 0;
    a->disp = 0;
    a->def_seg = R_DS;

    if (s->aflag == MO_16) {
        static const int8_t base16[8] = { R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX };
        static const int8_t index16[8] = { R_ESI, R_EDI, R_ESI, R_EDI, -1, -1, -1, -1 };
        if (mod == 0 && rm == 6) {
            a->disp = fetch_signed(s, MO_16);
            return;
        }
        a->base = base16[rm];
        a->index = index16[rm];
        if (rm == 2 || rm == 3 || rm == 6) {
            a->def_seg = R_SS;
        }
        a->disp = mod == 1 ? fetch_signed(s, MO_8) : mod == 2 ? fetch_signed(s, MO_16) : 0;
        return;
    }

    if (rm == 4) {
        int sib = fetch(s, MO_8);
        int base = (sib & 7) | (s->rex_b << 3);
        int index = ((sib >> 3) & 7) | (s->rex_x << 3);
        a->scale = sib >> 6;
        a->index = index == 4 ? -1 : index;
        if ((sib & 7) == 5 && mod == 0) {
            a->base = -1;
            a->disp = fetch_signed(s, MO_32);
        } else {
            a->base = base;
        }
    } else if (rm == 5 && mod == 0) {
        a->base = s->code64 ? -2 : -1;
        a->disp = fetch_signed(s, MO_32);
    } else {
        a->base = rm | (s->rex_b << 3);
    }
    if (mod == 1) {
        a->disp = fetch_signed(s, MO_8);
    } else if (mod == 2) {
        a->disp = fetch_signed(s, MO_32);
    }
    if ((a->base & 7) == R_ESP || ((a->base & 7) == R_EBP && a->base >= 0)) {
        if (a->base == R_ESP || a->base == R_EBP) {
            a->def_seg = R_SS;
        }
    }
}

static TCGv_i64 gen_modrm_addr(DisasContext *s, const X86ModRMAddr *a, bool noseg)
{
    TCGv_i64 addr = tcg_temp_new_i64();
    if (a->base == -2) {
        uint64_t rip = i386_next_eip(s) + a->disp;
        tcg_gen_movi_i64(addr, s->aflag == MO_32 ? (uint32_t)rip : rip);
        tcg_gen_addi_i64(addr, addr, s->cs_base);
        if (!noseg) {
            i386_gen_seg_addr(s, addr, R_DS);
        }
        return addr;
    }
    tcg_gen_movi_i64(addr, a->disp);
    if (a->base >= 0) {
        tcg_gen_add_i64(addr, addr, cpu_regs[a->base]);
    }
    if (a->index >= 0) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_shli_i64(t, cpu_regs[a->index], a->scale);
        tcg_gen_add_i64(addr, addr, t);
    }
    if (noseg) {
        if (s->aflag != MO_64) {
            i386_gen_ext(s->aflag, addr, addr, false);
        }
    } else {
        i386_gen_seg_addr(s, addr, a->def_seg);
    }
    return addr;
}

static MemOp resolve_size(DisasContext *s, X86Size sz)
{
    switch (sz) {
    case X86_S_b: return MO_8;
    case X86_S_w: return MO_16;
    case X86_S_d: case X86_S_ss: return MO_32;
    case X86_S_q: case X86_S_sd: return MO_64;
    case X86_S_v: return s->dflag;
    case X86_S_z: return s->dflag == MO_16 ? MO_16 : MO_32;
    case X86_S_y: return s->dflag == MO_64 ? MO_64 : MO_32;
    case X86_S_x: return MO_128;
    default: return s->dflag;
    }
}

static bool entry_has_modrm(const X86OpEntry *e)
{
    if (e->flags & (X86_MODRM | X86_GROUP | X86_GROUPM)) {
        return true;
    }
    for (int i = 0; i < 3; i++) {
        X86Addr a = X86_OPND_ADDR(e->op[i]);
        if (a == X86_A_E || a == X86_A_G || a == X86_A_M || a == X86_A_V ||
            a == X86_A_W || a == X86_A_U || a == X86_A_P || a == X86_A_Q || a == X86_A_N) {
            return true;
        }
    }
    return false;
}

static bool feature_ok(DisasContext *s, const X86OpEntry *e)
{
    return !e->feat_bit || (s->env->features[e->feat] & e->feat_bit);
}

static void disas_insn(DisasContext *s)
{
    X86Insn insn = { .modrm = -1 }, *d = &insn;
    const X86OpEntry *e;
    int b;

    s->prefix = 0;
    s->rex_w = s->rex_r = s->rex_x = s->rex_b = 0;
    s->override = -1;

    /* prefixes; a REX prefix counts only right before the opcode */
    for (;;) {
        b = fetch(s, MO_8);
        switch (b) {
        case 0xf3: s->prefix = (s->prefix & ~PREFIX_REPNZ) | PREFIX_REPZ; goto next;
        case 0xf2: s->prefix = (s->prefix & ~PREFIX_REPZ) | PREFIX_REPNZ; goto next;
        case 0xf0: s->prefix |= PREFIX_LOCK; goto next;
        case 0x66: s->prefix |= PREFIX_DATA; goto next;
        case 0x67: s->prefix |= PREFIX_ADR; goto next;
        case 0x26: s->override = R_ES; goto next;
        case 0x2e: s->override = R_CS; goto next;
        case 0x36: s->override = R_SS; goto next;
        case 0x3e: s->override = R_DS; goto next;
        case 0x64: s->override = R_FS; goto next;
        case 0x65: s->override = R_GS; goto next;
        default:
            break;
        }
        if (s->code64 && (b & 0xf0) == 0x40) {
            s->prefix |= PREFIX_REX;
            s->rex_w = (b >> 3) & 1;
            s->rex_r = (b >> 2) & 1;
            s->rex_x = (b >> 1) & 1;
            s->rex_b = b & 1;
            b = fetch(s, MO_8);
            if ((b & 0xf0) == 0x40 || b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 ||
                b == 0xf3 || (b & 0xe7) == 0x26 || b == 0x64 || b == 0x65) {
                /* a REX followed by another prefix is ignored: restart there */
                s->prefix &= ~PREFIX_REX;
                s->rex_w = s->rex_r = s->rex_x = s->rex_b = 0;
                s->pc--;
                goto next;
            }
        }
        break;
    next:
        if (s->pc - s->pc_start >= 15) {
            i386_gen_exception(s, EXCP0D_GPF);
            return;
        }
    }
    if (s->code64) {
        /* segment overrides other than FS/GS are ignored in 64-bit mode */
        if (s->override >= 0 && s->override < R_FS) {
            s->override = -1;
        }
        s->aflag = s->prefix & PREFIX_ADR ? MO_32 : MO_64;
    } else {
        bool a32 = (s->hflags & HF_CS32) != 0;
        s->aflag = a32 ^ !!(s->prefix & PREFIX_ADR) ? MO_32 : MO_16;
    }

    /* walk the maps: escapes, then groups and mandatory prefixes */
    s->vex = false;
    s->vex_v = 0;
    s->vex_l = 0;
    s->vex_w = 0;
    int vex_pp = 0;
    if ((b == 0xc4 || b == 0xc5) &&
        (s->code64 || (translator_ldub(s->env, &s->base, s->pc) & 0xc0) == 0xc0)) {
        /* VEX (SDM vol. 2, 2.3): R X B W vvvv L pp inverted where the manual says so */
        int b1 = fetch(s, MO_8), b2 = b1, mmmmm = 1;
        if (s->prefix & (PREFIX_REX | PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ | PREFIX_LOCK)) {
            i386_gen_illegal(s, "VEX after a REX, 66, F2, F3 or LOCK prefix");
            return;
        }
        if (b == 0xc4) {
            s->rex_x = !(b1 & 0x40);
            s->rex_b = !(b1 & 0x20);
            mmmmm = b1 & 0x1f;
            b2 = fetch(s, MO_8);
            s->rex_w = (b2 >> 7) & 1;
            s->vex_w = s->rex_w;
        }
        s->rex_r = !(b1 & 0x80);
        if (!s->code64) {
            s->rex_x = s->rex_b = s->rex_w = 0;
            s->rex_r = 0;
        }
        s->vex = true;
        s->vex_v = (~b2 >> 3) & (s->code64 ? 15 : 7);
        s->vex_l = (b2 >> 2) & 1;
        vex_pp = b2 & 3;
        if (mmmmm < 1 || mmmmm > 3) {
            i386_gen_illegal(s, "VEX map");
            return;
        }
        d->map = mmmmm;
        b = fetch(s, MO_8);
        e = &i386_map_vex[mmmmm - 1][b];
    } else {
        e = &i386_map_1byte[b];
        d->map = 0;
        while (e->flags & X86_ESCAPE) {
            d->map++;
            b = fetch(s, MO_8);
            e = &e->sub[b];
        }
    }
    d->b = b;
    int pidx = 0;
    for (;;) {
        if (e->flags & X86_PREFIXED) {
            int idx = s->vex ? vex_pp :
                      s->prefix & PREFIX_REPZ ? 2 : s->prefix & PREFIX_REPNZ ? 3 :
                      s->prefix & PREFIX_DATA ? 1 : 0;
            e = &e->sub[idx];
            pidx = idx;
            continue;
        }
        if (e->flags & (X86_GROUP | X86_GROUPM)) {
            if (d->modrm < 0) {
                d->modrm = fetch(s, MO_8);
            }
            int idx = (d->modrm >> 3) & 7;
            if ((e->flags & X86_GROUPM) && (d->modrm >> 6) == 3) {
                idx += 8;
            }
            e = &e->sub[idx];
            continue;
        }
        break;
    }
    d->e = e;

    /* operand size: a mandatory 66 is not a size override */
    bool data16 = (s->prefix & PREFIX_DATA) && (pidx != 1 || (e->flags & X86_OPSIZE));
    if (s->code64) {
        if (s->rex_w || (e->flags & X86_F64)) {
            s->dflag = MO_64;
        } else if (e->flags & X86_D64) {
            s->dflag = data16 ? MO_16 : MO_64;
        } else {
            s->dflag = data16 ? MO_16 : MO_32;
        }
    } else {
        bool d32 = (s->hflags & HF_CS32) != 0;
        s->dflag = d32 ^ data16 ? MO_32 : MO_16;
    }

    if (!e->gen) {
        if (entry_has_modrm(e) && d->modrm < 0) {
            d->modrm = fetch(s, MO_8);
        }
        i386_gen_illegal(s, e->name ? e->name : "undefined opcode");
        return;
    }
    if (s->vex != !!(e->flags & X86_VEX)) {
        i386_gen_illegal(s, s->vex ? "no VEX form" : "VEX only");
        return;
    }
    if (s->vex && s->vex_v != 0 && !(e->flags & X86_VEXV) &&
        X86_OPND_ADDR(e->op[0]) != X86_A_B && X86_OPND_ADDR(e->op[1]) != X86_A_B &&
        X86_OPND_ADDR(e->op[2]) != X86_A_B) {
        i386_gen_illegal(s, "VEX.vvvv must be 1111b when unused");
        return;
    }
    if (s->vex && s->code64 && ((e->flags & X86_W0 && s->rex_w) || (e->flags & X86_W1 && !s->rex_w))) {
        i386_gen_illegal(s, "VEX.W");
        return;
    }
    if (s->vex && s->vex_l && (e->flags & X86_L0)) {
        i386_gen_illegal(s, "VEX.L must be 0");
        return;
    }
    if (s->code64 ? (e->flags & X86_I64) : (e->flags & X86_O64)) {
        i386_gen_illegal(s, "invalid in this mode");
        return;
    }

    X86ModRMAddr ma = { .base = -1, .index = -1 };
    bool has_mem = false;
    if (entry_has_modrm(e)) {
        if (d->modrm < 0) {
            d->modrm = fetch(s, MO_8);
        }
        d->mod = d->modrm >> 6;
        d->reg = ((d->modrm >> 3) & 7) | (s->rex_r << 3);
        d->rm = (d->modrm & 7) | (s->rex_b << 3);
        if (d->mod != 3) {
            decode_modrm_addr(s, d, &ma);
            has_mem = true;
        }
    }

    int jump_op = -1;
    for (int i = 0; i < 3; i++) {
        X86Operand *o = &d->op[i];
        o->kind = e->op[i];
        o->reg = -1;
        if (!o->kind) {
            continue;
        }
        X86Addr a = X86_OPND_ADDR(o->kind);
        o->ot = resolve_size(s, X86_OPND_SIZE(o->kind));
        switch (a) {
        case X86_A_E:
        case X86_A_W:
            if (d->mod == 3) {
                o->reg = d->rm;
            } else {
                o->is_mem = true;
            }
            break;
        case X86_A_M:
            if (d->mod == 3) {
                i386_gen_illegal(s, "register operand where memory is required");
                return;
            }
            o->is_mem = true;
            break;
        case X86_A_U:
            if (d->mod != 3) {
                i386_gen_illegal(s, "memory operand where a register is required");
                return;
            }
            o->reg = d->rm;
            break;
        case X86_A_G:
        case X86_A_V:
            o->reg = d->reg;
            break;
        case X86_A_Z:
            o->reg = (b & 7) | (s->rex_b << 3);
            break;
        case X86_A_B:
            o->reg = s->vex_v;
            break;
        case X86_A_P:
            o->reg = d->reg & 7;
            break;
        case X86_A_Q:
            if (d->mod == 3) {
                o->reg = d->rm & 7;
            } else {
                o->is_mem = true;
            }
            break;
        case X86_A_N:
            if (d->mod != 3) {
                i386_gen_illegal(s, "memory operand where an MMX register is required");
                return;
            }
            o->reg = d->rm & 7;
            break;
        case X86_A_ACC:
            o->reg = R_EAX;
            break;
        case X86_A_CL:
            o->reg = R_ECX;
            break;
        case X86_A_ONE:
            o->imm = 1;
            break;
        case X86_A_I:
            if (X86_OPND_SIZE(o->kind) == X86_S_w) {
                o->imm = fetch(s, MO_16);
            } else if (X86_OPND_SIZE(o->kind) == X86_S_v) {
                o->imm = fetch_signed(s, o->ot);
            } else {
                o->imm = fetch_signed(s, o->ot == MO_64 ? MO_32 : o->ot);
            }
            break;
        case X86_A_J:
            o->imm = fetch_signed(s, o->ot == MO_64 ? MO_32 : o->ot);
            jump_op = i;
            break;
        case X86_A_O:
            o->is_mem = true;
            o->imm = fetch(s, s->aflag);
            break;
        default:
            break;
        }
        if (o->ot == MO_8 && o->reg >= 0 && (a == X86_A_E || a == X86_A_G || a == X86_A_Z)) {
            o->high_byte = byte_reg_is_high(s, o->reg);
        }
    }
    d->ot = d->op[0].kind ? d->op[0].ot : s->dflag;

    if (!feature_ok(s, e)) {
        i386_gen_illegal(s, "CPU model lacks the feature");
        return;
    }
    if (s->prefix & PREFIX_LOCK) {
        if (!(e->flags & X86_LOCK) || !d->op[0].is_mem) {
            i386_gen_illegal(s, "LOCK on a non-lockable instruction");
            return;
        }
    }
    if (jump_op >= 0) {
        uint64_t t = i386_next_eip(s) + d->op[jump_op].imm;
        if (s->dflag == MO_16) {
            t &= 0xffff;
        } else if (!s->code64) {
            t &= 0xffffffff;
        }
        d->op[jump_op].imm = t;
    }
    if (has_mem) {
        d->addr = gen_modrm_addr(s, &ma, e->flags & X86_NOSEG);
    } else if (X86_OPND_ADDR(d->op[0].kind) == X86_A_O || X86_OPND_ADDR(d->op[1].kind) == X86_A_O) {
        int i = X86_OPND_ADDR(d->op[0].kind) == X86_A_O ? 0 : 1;
        d->addr = tcg_temp_new_i64();
        tcg_gen_movi_i64(d->addr, d->op[i].imm);
        i386_gen_seg_addr(s, d->addr, R_DS);
    }
    e->gen(s, d);
}

/* ---- the TranslatorOps ------------------------------------------------------ */

static void i386_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    s->env = cpu->env_ptr;
    s->cs_base = db->tb->cs_base;
    s->hflags = db->tb->flags;
    s->code64 = (s->hflags & HF_CODE64) != 0;
    s->mem_idx = (s->hflags & HF_CPL_MASK) == HF_CPL_MASK ? 1 : 0;
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
}

static void i386_insn_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    tcg_gen_insn_start(db->pc_next, s->cc_op, 0);
}

static void i386_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    s->pc_start = s->pc = db->pc_next;
    disas_insn(s);
    db->pc_next = s->pc;
}

static void i386_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = (DisasContext *)db;
    switch (db->is_jmp) {
    case DISAS_NORETURN:
        break;
    case DISAS_TARGET_0:
        /* state the block depends on changed (e.g. TF): back to the loop */
        i386_update_cc_op(s);
        gen_store_eip(db->pc_next - s->cs_base);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        i386_gen_jmp_im(s, db->pc_next - s->cs_base);
        break;
    }
}

static const TranslatorOps i386_translator_ops = {
    .init_disas_context = i386_init_disas_context,
    .tb_start = NULL,
    .insn_start = i386_insn_start,
    .translate_insn = i386_translate_insn,
    .tb_stop = i386_tb_stop,
};

void i386_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext s;
    translator_loop(cpu, tb, max_insns, &i386_translator_ops, &s.base);
}
