/*
 * emit-sys.c — emitters of the system instructions: IN/OUT/INS/OUTS, HLT,
 * CLI/STI, POPF, IRET, far JMP/CALL/RET, LDS/LES/LSS/LFS/LGS, the 0F 00
 * and 0F 01 groups (LLDT, LTR, LGDT, LIDT, INVLPG, SWAPGS ...), LAR/LSL,
 * MOV to/from CR and DR, CLTS, WBINVD/INVD, RDMSR/WRMSR, SYSENTER/SYSEXIT,
 * SYSRET, RDTSCP, INVPCID, RDPMC.
 *
 * User mode (emu-i386/emu-x86_64) keeps what it always did for most: the
 * old privileged rows raise #GP (i386_emit_priv), the others #UD; but far
 * JMP/CALL/RET, IRET and LDS/LES/LSS/LFS/LGS call the same helpers as
 * system mode, which check against the kernel's GDT there (seg_helper.c),
 * so a process can switch between 64-bit and compatibility mode as on
 * Linux.  System mode calls the helpers of seg.h.  A helper that changes
 * state the translation depends on (CS, SS/DS/ES, CR0/CR4/EFER, CPL, IF)
 * ends the TB: a change of eip goes through the loop (or
 * lookup_and_goto_ptr when IF cannot change), the rest continues at the
 * next instruction with DISAS_TARGET_0.  STI and POPF raise exit_check so
 * that a pending interrupt is taken at the next TB boundary, which honours
 * STI's one-instruction shadow when the instruction after STI is in the
 * same TB.
 */
#include "emit-sys.h"

#include "helper.h"
#include "seg.h"

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *c32(uint32_t v)
{
    return tcgv_i32_temp(tcg_constant_i32(v));
}

static TCGTemp *c64(uint64_t v)
{
    return tcgv_i64_temp(tcg_constant_i64(v));
}

#ifdef CONFIG_USER_ONLY
#define SYSTEM_ONLY(s, what) do { i386_gen_illegal(s, what); return; } while (0)
#define PRIV_IN_USER(s, d) do { i386_emit_priv(s, d); return; } while (0)
#else
#define SYSTEM_ONLY(s, what) do { } while (0)
#define PRIV_IN_USER(s, d) do { } while (0)
#endif

static TCGTemp *i32_of(TCGv_i64 v)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(t, v);
    return tcgv_i32_temp(t);
}

/* The helper set eip (and maybe CS): continue through the TB lookup. */
static void end_jump(DisasContext *s, bool to_loop)
{
    if (to_loop) {
        tcg_gen_exit_tb(NULL, 0);
    } else {
        tcg_gen_lookup_and_goto_ptr();
    }
    s->base.is_jmp = DISAS_NORETURN;
}

#ifndef CONFIG_USER_ONLY
/* Let a pending interrupt in at the next TB boundary (IF may have been set). */
static void gen_irq_window(void)
{
    tcg_gen_st_i32(tcg_constant_i32(1), tcg_env, NEG_OFFSET(exit_check));
}

/* Real mode and vm86 have no descriptor-table instructions of this group. */
static bool need_pe(DisasContext *s)
{
    if (!(s->hflags & HF_PE) || (s->hflags & HF_VM)) {
        i386_gen_illegal(s, "not in real or virtual-8086 mode");
        return false;
    }
    return true;
}

static bool is_cpl0(DisasContext *s)
{
    return (s->hflags & HF_CPL_MASK) == 0;
}
#endif

/* ---- I/O -------------------------------------------------------------------------- */

/* E4..E7 (port Ib), EC..EF (port DX): bit 1 OUT, bit 0 the operand size. */
void i386_emit_sys_inout(DisasContext *s, X86Insn *d)
{
    PRIV_IN_USER(s, d);
#ifndef CONFIG_USER_ONLY
    MemOp ot = d->b & 1 ? (s->dflag == MO_16 ? MO_16 : MO_32) : MO_8;
    TCGv_i32 port = tcg_temp_new_i32();
    if (d->b & 8) {
        tcg_gen_extrl_i64_i32(port, cpu_regs[R_EDX]);
        tcg_gen_andi_i32(port, port, 0xffff);
    } else {
        tcg_gen_movi_i32(port, d->op[0].imm & 0xff);
    }
    i386_update_cc_op(s);
    if (d->b & 2) {
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_op_mov_v_reg(s, ot, v, R_EAX);
        i386_gen_call(&x86_helper_out, NULL, 4, env_t(), tcgv_i32_temp(port), i32_of(v), c32(ot));
    } else {
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_call(&x86_helper_in, tcgv_i64_temp(v), 3, env_t(), tcgv_i32_temp(port), c32(ot));
        i386_gen_op_mov_reg(s, ot, R_EAX, v);
    }
    /* a device may have raised an interrupt or asked for a reset: look at the loop */
    s->base.is_jmp = DISAS_TARGET_0;
#endif
}

/* 6C..6F: INS (bit 1 clear) / OUTS, bit 0 the operand size. */
void i386_emit_sys_insouts(DisasContext *s, X86Insn *d)
{
    PRIV_IN_USER(s, d);
#ifndef CONFIG_USER_ONLY
    MemOp ot = d->b & 1 ? (s->dflag == MO_16 ? MO_16 : MO_32) : MO_8;
    int rep = s->prefix & (PREFIX_REPZ | PREFIX_REPNZ) ? 1 : 0;
    int seg = s->override >= 0 ? s->override : R_DS;
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_ins_outs, NULL, 2, env_t(),
                  c32(I386_DESC((d->b >> 1) & 1, ot, rep | s->aflag << 2 | seg << 4)));
    s->base.is_jmp = DISAS_TARGET_0;
#endif
}

/* ---- HLT, CLI/STI, POPF --------------------------------------------------------------- */

void i386_emit_sys_hlt(DisasContext *s, X86Insn *d)
{
    PRIV_IN_USER(s, d);
#ifndef CONFIG_USER_ONLY
    i386_update_cc_op(s);
    i386_gen_update_eip_cur(s);
    i386_gen_call(&x86_helper_hlt, NULL, 2, env_t(), c64(i386_next_eip(s)));
    s->base.is_jmp = DISAS_NORETURN;
#endif
}

/* special: 0 CLI, 1 STI */
void i386_emit_sys_clisti(DisasContext *s, X86Insn *d)
{
    PRIV_IN_USER(s, d);
#ifndef CONFIG_USER_ONLY
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_cli_sti, NULL, 2, env_t(), c32(d->e->special));
    if (d->e->special) {
        gen_irq_window();
    }
#endif
}

void i386_emit_sys_popf(DisasContext *s, X86Insn *d)
{
#ifdef CONFIG_USER_ONLY
    i386_emit_popf(s, d);
#else
    TCGv_i64 v = i386_gen_pop(s, s->dflag);
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_popf, NULL, 3, env_t(), tcgv_i64_temp(v), c32(s->dflag));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
    gen_irq_window();
#endif
}

/* ---- far transfers -------------------------------------------------------------------- */

void i386_emit_sys_iret(DisasContext *s, X86Insn *d)
{
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_iret, NULL, 3, env_t(), c32(s->dflag), c64(i386_next_eip(s)));
    s->cc_op = CC_OP_DYNAMIC;
    end_jump(s, true);
}

/* CA Iw / CB */
void i386_emit_sys_lret(DisasContext *s, X86Insn *d)
{
    uint32_t imm = d->op[0].kind ? d->op[0].imm & 0xffff : 0;
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_lret, NULL, 3, env_t(), c32(s->dflag), c32(imm));
    end_jump(s, true);
}

/* EA / 9A ptr16:16/32 (operands Iz offset, Iw selector); special 0 JMP, 1 CALL. */
void i386_emit_sys_far_im(DisasContext *s, X86Insn *d)
{
    uint64_t off = d->op[0].imm & (s->dflag == MO_16 ? 0xffff : 0xffffffffull);
    uint32_t sel = d->op[1].imm & 0xffff;
    i386_update_cc_op(s);
    if (d->e->special) {
        i386_gen_call(&x86_helper_lcall, NULL, 5, env_t(), c32(sel), c64(off), c32(s->dflag),
                      c64(i386_next_eip(s)));
    } else {
        i386_gen_call(&x86_helper_ljmp, NULL, 4, env_t(), c32(sel), c64(off),
                      c64(i386_next_eip(s)));
    }
    end_jump(s, true);
}

/* FF /3, FF /5: m16:16/32/64; special 0 JMP, 1 CALL. */
void i386_emit_sys_far_ind(DisasContext *s, X86Insn *d)
{
    MemOp ot = s->dflag;
    TCGv_i64 off = tcg_temp_new_i64(), sel = tcg_temp_new_i64(), a = tcg_temp_new_i64();
    i386_gen_ld(s, off, d->addr, ot);
    tcg_gen_addi_i64(a, d->addr, 1 << ot);
    if (!s->code64) {
        tcg_gen_ext32u_i64(a, a);
    }
    i386_gen_ld(s, sel, a, MO_16);
    i386_update_cc_op(s);
    if (d->e->special) {
        i386_gen_call(&x86_helper_lcall, NULL, 5, env_t(), i32_of(sel), tcgv_i64_temp(off),
                      c32(ot), c64(i386_next_eip(s)));
    } else {
        i386_gen_call(&x86_helper_ljmp, NULL, 4, env_t(), i32_of(sel), tcgv_i64_temp(off),
                      c64(i386_next_eip(s)));
    }
    end_jump(s, true);
}

/* LES/LDS/LSS/LFS/LGS Gv, Mp (special: the segment). */
void i386_emit_sys_lxs(DisasContext *s, X86Insn *d)
{
    MemOp ot = s->dflag;
    TCGv_i64 off = tcg_temp_new_i64(), sel = tcg_temp_new_i64(), a = tcg_temp_new_i64();
    i386_gen_ld(s, off, d->addr, ot);
    tcg_gen_addi_i64(a, d->addr, 1 << ot);
    if (!s->code64) {
        tcg_gen_ext32u_i64(a, a);
    }
    i386_gen_ld(s, sel, a, MO_16);
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_load_far, NULL, 3, env_t(), c32(d->e->special), i32_of(sel));
    i386_gen_op_mov_reg(s, ot, d->op[0].reg, off);
    if (d->e->special != R_FS && d->e->special != R_GS) {
        s->base.is_jmp = DISAS_TARGET_0;
    }
}

/* ---- 0F 00: SLDT, STR, LLDT, LTR, VERR, VERW (special: ModRM.reg) --------------------- */

void i386_emit_sys_grp6(DisasContext *s, X86Insn *d)
{
    SYSTEM_ONLY(s, "0f 00 group");
#ifndef CONFIG_USER_ONLY
    if (!need_pe(s)) {
        return;
    }
    int op = d->e->special;
    i386_update_cc_op(s);
    if (op <= 1) {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(v, tcg_env, op == 0 ? offsetof(CPUArchState, sys.ldt.selector)
                                              : offsetof(CPUArchState, sys.tr.selector));
        if (d->op[0].is_mem) {
            d->op[0].ot = MO_16;
        } else {
            d->op[0].ot = s->dflag;
        }
        i386_store_op(s, d, 0, v);
        return;
    }
    TCGv_i64 sel = i386_load_op(s, d, 0);
    switch (op) {
    case 2:
        i386_gen_call(&x86_helper_lldt, NULL, 2, env_t(), i32_of(sel));
        break;
    case 3:
        i386_gen_call(&x86_helper_ltr, NULL, 2, env_t(), i32_of(sel));
        break;
    default:
        i386_gen_call(&x86_helper_verr_verw, NULL, 3, env_t(), i32_of(sel), c32(op == 5));
        s->cc_op = CC_OP_EFLAGS;
        s->cc_op_dirty = false;
        break;
    }
#endif
}

/* ---- 0F 01 (special: ModRM.reg, +8 for the register forms) ------------------------------ */

void i386_emit_sys_grp7(DisasContext *s, X86Insn *d)
{
    SYSTEM_ONLY(s, "0f 01 group");
#ifndef CONFIG_USER_ONLY
    int op = d->e->special;
    i386_update_cc_op(s);
    switch (op) {
    case 0: case 1:                          /* SGDT, SIDT */
        i386_gen_call(&x86_helper_sxdt, NULL, 3, env_t(), c32(op), tcgv_i64_temp(d->addr));
        return;
    case 2: case 3:                          /* LGDT, LIDT */
        i386_gen_call(&x86_helper_lxdt, NULL, 4, env_t(), c32(op - 2), tcgv_i64_temp(d->addr),
                      c32(s->dflag));
        return;
    case 4: case 12: {                       /* SMSW */
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld_i64(v, tcg_env, offsetof(CPUArchState, sys.cr[0]));
        d->op[0].ot = d->op[0].is_mem ? MO_16 : s->dflag;
        i386_store_op(s, d, 0, v);
        return;
    }
    case 6: case 14: {                       /* LMSW */
        d->op[0].ot = MO_16;
        TCGv_i64 v = i386_load_op(s, d, 0);
        i386_gen_call(&x86_helper_lmsw, NULL, 2, env_t(), tcgv_i64_temp(v));
        s->base.is_jmp = DISAS_TARGET_0;
        return;
    }
    case 7:                                  /* INVLPG */
        i386_gen_call(&x86_helper_invlpg, NULL, 2, env_t(), tcgv_i64_temp(d->addr));
        s->base.is_jmp = DISAS_TARGET_0;
        return;
    case 15:
        if (d->modrm == 0xf8 && s->code64) {         /* SWAPGS */
            i386_gen_call(&x86_helper_swapgs, NULL, 1, env_t());
            return;
        }
        if (d->modrm == 0xf9) {                      /* RDTSCP */
            i386_gen_call(&x86_helper_rdtscp, NULL, 1, env_t());
            return;
        }
        break;
    default:
        break;
    }
    i386_gen_illegal(s, "0f 01 form not modelled");
#endif
}

/* 0F 02 LAR, 0F 03 LSL Gv, Ew (special 0/1): the register is written only when ZF is set. */
void i386_emit_sys_lar_lsl(DisasContext *s, X86Insn *d)
{
    SYSTEM_ONLY(s, "lar/lsl");
#ifndef CONFIG_USER_ONLY
    if (!need_pe(s)) {
        return;
    }
    TCGv_i64 sel = i386_load_op(s, d, 1), v = tcg_temp_new_i64(), z = tcg_temp_new_i64();
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_lar_lsl, tcgv_i64_temp(v), 3, env_t(), i32_of(sel),
                  c32(d->e->special));
    s->cc_op = CC_OP_EFLAGS;
    s->cc_op_dirty = false;
    TCGLabel *skip = gen_new_label();
    tcg_gen_andi_i64(z, cpu_cc_src, CC_Z);
    tcg_gen_brcondi_i64(TCG_COND_EQ, z, 0, skip);
    i386_gen_op_mov_reg(s, s->dflag, d->op[0].reg, v);
    gen_set_label(skip);
#endif
}

/* ---- control and debug registers ----------------------------------------------------- */

/* 0F 20 / 0F 22 (special 0 read, 1 write), 0F 21 / 0F 23 (special 2 read, 3 write). */
void i386_emit_sys_mov_crdr(DisasContext *s, X86Insn *d)
{
    SYSTEM_ONLY(s, "mov cr/dr");
#ifndef CONFIG_USER_ONLY
    int n = ((d->modrm >> 3) & 7) | (s->rex_r << 3);
    int r = (d->modrm & 7) | (s->rex_b << 3);
    MemOp ot = s->code64 ? MO_64 : MO_32;
    int k = d->e->special;
    if (!is_cpl0(s)) {
        i386_gen_exception(s, EXCP0D_GPF);
        return;
    }
    i386_update_cc_op(s);
    i386_gen_update_eip_cur(s);
    if (k == 0) {
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_call(&x86_helper_read_cr, tcgv_i64_temp(v), 2, env_t(), c32(n));
        i386_gen_op_mov_reg(s, ot, r, v);
    } else if (k == 1) {
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_ext(ot, v, cpu_regs[r], false);
        i386_gen_call(&x86_helper_mov_cr, NULL, 3, env_t(), c32(n), tcgv_i64_temp(v));
        s->base.is_jmp = DISAS_TARGET_0;
    } else if (k == 2) {
        i386_gen_call(&x86_helper_mov_dr, NULL, 3, env_t(), c32(n | 0x80), c64(r));
    } else {
        TCGv_i64 v = tcg_temp_new_i64();
        i386_gen_ext(ot, v, cpu_regs[r], false);
        i386_gen_call(&x86_helper_mov_dr, NULL, 3, env_t(), c32(n), tcgv_i64_temp(v));
    }
#endif
}

/* 66 0F 38 82 /r INVPCID Gy, Mdq: the type is the whole register (64-bit in 64-bit mode). */
void i386_emit_sys_invpcid(DisasContext *s, X86Insn *d)
{
    PRIV_IN_USER(s, d);
#ifndef CONFIG_USER_ONLY
    int r = ((d->modrm >> 3) & 7) | (s->rex_r << 3);
    TCGv_i64 type = tcg_temp_new_i64();
    i386_gen_ext(s->code64 ? MO_64 : MO_32, type, cpu_regs[r], false);
    i386_update_cc_op(s);
    i386_gen_call(&x86_helper_invpcid, NULL, 3, env_t(), tcgv_i64_temp(type),
                  tcgv_i64_temp(d->addr));
    s->base.is_jmp = DISAS_TARGET_0;
#endif
}

/* ---- the rest (special) -------------------------------------------------------------------- */

void i386_emit_sys_misc(DisasContext *s, X86Insn *d)
{
    SYSTEM_ONLY(s, d->e->name);
#ifndef CONFIG_USER_ONLY
    int k = d->e->special;
    i386_update_cc_op(s);
    i386_gen_update_eip_cur(s);
    switch (k) {
    case I386_SYS_CLTS:
        i386_gen_call(&x86_helper_clts, NULL, 1, env_t());
        s->base.is_jmp = DISAS_TARGET_0;
        break;
    case I386_SYS_WBINVD:
        i386_gen_call(&x86_helper_check_cpl0, NULL, 1, env_t());
        break;
    case I386_SYS_WRMSR:
        i386_gen_call(&x86_helper_wrmsr, NULL, 1, env_t());
        s->base.is_jmp = DISAS_TARGET_0;
        break;
    case I386_SYS_RDMSR:
        i386_gen_call(&x86_helper_rdmsr, NULL, 1, env_t());
        break;
    case I386_SYS_RDPMC:
        i386_gen_call(&x86_helper_rdpmc, NULL, 1, env_t());
        break;
    case I386_SYS_SYSENTER:
        i386_gen_call(&x86_helper_sysenter, NULL, 1, env_t());
        end_jump(s, false);
        break;
    case I386_SYS_SYSEXIT:
        i386_gen_call(&x86_helper_sysexit, NULL, 2, env_t(), c32(s->dflag == MO_64 ? MO_64 : MO_32));
        end_jump(s, true);
        break;
    case I386_SYS_SYSRET:
        i386_gen_call(&x86_helper_sysret, NULL, 2, env_t(), c32(s->dflag == MO_64 ? MO_64 : MO_32));
        s->cc_op = CC_OP_DYNAMIC;
        end_jump(s, true);
        break;
    default:
        i386_gen_illegal(s, "system instruction");
        break;
    }
#endif
}
