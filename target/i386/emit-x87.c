/*
 * emit-x87.c — the x87 escape opcodes D8..DF (SDM vol. 2, A.5 "Escape
 * opcode instructions"): two tables in the manual's layout, one for the
 * memory forms (indexed by opcode and ModRM.reg) and one for the register
 * forms (opcode, ModRM.reg, and ModRM.rm where the row is split), each row
 * naming the operation; the work is done by x87_helper.c.  Also FXSAVE/
 * FXRSTOR and WAIT/FWAIT, and the system-mode #NM conditions of all of them
 * (CR0.EM, CR0.TS, CR0.MP from the TB flags).
 */
#include "emit.h"

#include "helper.h"
#include "x87.h"

/* What a row does. */
typedef enum X87Kind {
    K_NONE,                        /* undefined: #UD */
    K_ARITH,                       /* ST0 op= operand (arg: X87_ADD ..) */
    K_ARITH_STI,                   /* ST(i) op= ST0 (DC, DE: SUB/SUBR and DIV/DIVR swapped) */
    K_LOAD,                        /* push the memory operand (arg: format) */
    K_STORE,                       /* store ST0 (arg: format | X87_TRUNC) */
    K_STOREP,                      /* store ST0 and pop */
    K_MISC,                        /* helper_x87_misc (arg: X87_FCHS ..) */
    K_FLDCW, K_FNSTCW, K_FNSTSW, K_FNSTSW_AX,
    K_IMAGE,                       /* FLDENV/FNSTENV/FRSTOR/FNSAVE (arg: X87_IMG_*) */
    K_FCMOV,                       /* arg: the condition code (Jcc numbering) */
    K_COMI,                        /* FCOMI/FUCOMI (arg: X87_COMI/X87_UCOMI; pop in flags) */
    K_NOP,
} X87Kind;

typedef struct X87Row {
    const char *name;
    uint8_t kind;
    uint8_t arg;
    uint8_t flags;                 /* X87_POP / X87_POP2 */
} X87Row;

#define R(n, k, a, f) { n, k, a, f }
#define MEM_ARITH(fmt)                                                                   \
    { R("fadd", K_ARITH, X87_ADD, fmt), R("fmul", K_ARITH, X87_MUL, fmt),                \
      R("fcom", K_ARITH, X87_COM, fmt), R("fcomp", K_ARITH, X87_COM, fmt | 0x80),        \
      R("fsub", K_ARITH, X87_SUB, fmt), R("fsubr", K_ARITH, X87_SUBR, fmt),              \
      R("fdiv", K_ARITH, X87_DIV, fmt), R("fdivr", K_ARITH, X87_DIVR, fmt) }

/*
 * Memory forms: [opcode - D8][ModRM.reg].  For K_ARITH rows `flags` is the
 * memory format, with 0x80 meaning pop afterwards (FCOMP).
 */
static const X87Row x87_mem[8][8] = {
    [0] = MEM_ARITH(X87_F32),
    [1] = { R("fld", K_LOAD, X87_F32, 0), R(NULL, K_NONE, 0, 0),
            R("fst", K_STORE, X87_F32, 0), R("fstp", K_STOREP, X87_F32, 0),
            R("fldenv", K_IMAGE, X87_IMG_FLDENV, 0), R("fldcw", K_FLDCW, 0, 0),
            R("fnstenv", K_IMAGE, X87_IMG_FNSTENV, 0), R("fnstcw", K_FNSTCW, 0, 0) },
    [2] = MEM_ARITH(X87_I32),
    [3] = { R("fild", K_LOAD, X87_I32, 0), R("fisttp", K_STOREP, X87_I32 | X87_TRUNC, 0),
            R("fist", K_STORE, X87_I32, 0), R("fistp", K_STOREP, X87_I32, 0),
            R(NULL, K_NONE, 0, 0), R("fld", K_LOAD, X87_F80, 0),
            R(NULL, K_NONE, 0, 0), R("fstp", K_STOREP, X87_F80, 0) },
    [4] = MEM_ARITH(X87_F64),
    [5] = { R("fld", K_LOAD, X87_F64, 0), R("fisttp", K_STOREP, X87_I64 | X87_TRUNC, 0),
            R("fst", K_STORE, X87_F64, 0), R("fstp", K_STOREP, X87_F64, 0),
            R("frstor", K_IMAGE, X87_IMG_FRSTOR, 0), R(NULL, K_NONE, 0, 0),
            R("fnsave", K_IMAGE, X87_IMG_FNSAVE, 0), R("fnstsw", K_FNSTSW, 0, 0) },
    [6] = MEM_ARITH(X87_I16),
    [7] = { R("fild", K_LOAD, X87_I16, 0), R("fisttp", K_STOREP, X87_I16 | X87_TRUNC, 0),
            R("fist", K_STORE, X87_I16, 0), R("fistp", K_STOREP, X87_I16, 0),
            R("fbld", K_LOAD, X87_BCD, 0), R("fild", K_LOAD, X87_I64, 0),
            R("fbstp", K_STOREP, X87_BCD, 0), R("fistp", K_STOREP, X87_I64, 0) },
};

/* Register forms whose ModRM.reg row does not depend on rm: [opcode - D8][ModRM.reg]. */
static const X87Row x87_reg[8][8] = {
    [0] = { R("fadd", K_ARITH, X87_ADD, 0), R("fmul", K_ARITH, X87_MUL, 0),
            R("fcom", K_ARITH, X87_COM, 0), R("fcomp", K_ARITH, X87_COM, X87_POP),
            R("fsub", K_ARITH, X87_SUB, 0), R("fsubr", K_ARITH, X87_SUBR, 0),
            R("fdiv", K_ARITH, X87_DIV, 0), R("fdivr", K_ARITH, X87_DIVR, 0) },
    [1] = { R("fld", K_MISC, X87_FLD_STI, 0), R("fxch", K_MISC, X87_FXCH, 0) },
    [2] = { R("fcmovb", K_FCMOV, 0x2, 0), R("fcmove", K_FCMOV, 0x4, 0),
            R("fcmovbe", K_FCMOV, 0x6, 0), R("fcmovu", K_FCMOV, 0xa, 0) },
    [3] = { R("fcmovnb", K_FCMOV, 0x3, 0), R("fcmovne", K_FCMOV, 0x5, 0),
            R("fcmovnbe", K_FCMOV, 0x7, 0), R("fcmovnu", K_FCMOV, 0xb, 0),
            [5] = R("fucomi", K_COMI, X87_UCOMI, 0), [6] = R("fcomi", K_COMI, X87_COMI, 0) },
    [4] = { R("fadd", K_ARITH_STI, X87_ADD, 0), R("fmul", K_ARITH_STI, X87_MUL, 0),
            [4] = R("fsubr", K_ARITH_STI, X87_SUBR, 0), [5] = R("fsub", K_ARITH_STI, X87_SUB, 0),
            [6] = R("fdivr", K_ARITH_STI, X87_DIVR, 0), [7] = R("fdiv", K_ARITH_STI, X87_DIV, 0) },
    [5] = { R("ffree", K_MISC, X87_FFREE, 0), [2] = R("fst", K_MISC, X87_FST_STI, 0),
            [3] = R("fstp", K_MISC, X87_FSTP_STI, 0), [4] = R("fucom", K_ARITH, X87_UCOM, 0),
            [5] = R("fucomp", K_ARITH, X87_UCOM, X87_POP) },
    [6] = { R("faddp", K_ARITH_STI, X87_ADD, X87_POP), R("fmulp", K_ARITH_STI, X87_MUL, X87_POP),
            [4] = R("fsubrp", K_ARITH_STI, X87_SUBR, X87_POP),
            [5] = R("fsubp", K_ARITH_STI, X87_SUB, X87_POP),
            [6] = R("fdivrp", K_ARITH_STI, X87_DIVR, X87_POP),
            [7] = R("fdivp", K_ARITH_STI, X87_DIV, X87_POP) },
    [7] = { [5] = R("fucomip", K_COMI, X87_UCOMI, X87_POP),
            [6] = R("fcomip", K_COMI, X87_COMI, X87_POP) },
};

/* D9 E0..FF, one row per rm, [ModRM.reg - 4][rm]. */
static const X87Row x87_d9[4][8] = {
    { R("fchs", K_MISC, X87_FCHS, 0), R("fabs", K_MISC, X87_FABS, 0), {0}, {0},
      R("ftst", K_MISC, X87_FTST, 0), R("fxam", K_MISC, X87_FXAM, 0) },
    { R("fld1", K_MISC, X87_FLD1, 0), R("fldl2t", K_MISC, X87_FLDL2T, 0),
      R("fldl2e", K_MISC, X87_FLDL2E, 0), R("fldpi", K_MISC, X87_FLDPI, 0),
      R("fldlg2", K_MISC, X87_FLDLG2, 0), R("fldln2", K_MISC, X87_FLDLN2, 0),
      R("fldz", K_MISC, X87_FLDZ, 0) },
    { R("f2xm1", K_MISC, X87_F2XM1, 0), R("fyl2x", K_MISC, X87_FYL2X, 0),
      R("fptan", K_MISC, X87_FPTAN, 0), R("fpatan", K_MISC, X87_FPATAN, 0),
      R("fxtract", K_MISC, X87_FXTRACT, 0), R("fprem1", K_MISC, X87_FPREM1, 0),
      R("fdecstp", K_MISC, X87_FDECSTP, 0), R("fincstp", K_MISC, X87_FINCSTP, 0) },
    { R("fprem", K_MISC, X87_FPREM, 0), R("fyl2xp1", K_MISC, X87_FYL2XP1, 0),
      R("fsqrt", K_MISC, X87_FSQRT, 0), R("fsincos", K_MISC, X87_FSINCOS, 0),
      R("frndint", K_MISC, X87_FRNDINT, 0), R("fscale", K_MISC, X87_FSCALE, 0),
      R("fsin", K_MISC, X87_FSIN, 0), R("fcos", K_MISC, X87_FCOS, 0) },
};

/* The register forms that are single encodings. */
static const X87Row x87_d9d0 = R("fnop", K_NOP, 0, 0);
static const X87Row x87_dae9 = R("fucompp", K_ARITH, X87_UCOM, X87_POP | X87_POP2);
static const X87Row x87_dbe2 = R("fnclex", K_MISC, X87_FNCLEX, 0);
static const X87Row x87_dbe3 = R("fninit", K_MISC, X87_FNINIT, 0);
static const X87Row x87_ded9 = R("fcompp", K_ARITH, X87_COM, X87_POP | X87_POP2);
static const X87Row x87_dfe0 = R("fnstsw", K_FNSTSW_AX, 0, 0);

static const X87Row *x87_row(int op, int mod, int reg, int rm)
{
    if (mod != 3) {
        return &x87_mem[op][reg];
    }
    switch (op << 8 | reg << 3 | rm) {
    case 1 << 8 | 2 << 3 | 0: return &x87_d9d0;
    case 2 << 8 | 5 << 3 | 1: return &x87_dae9;
    case 3 << 8 | 4 << 3 | 2: return &x87_dbe2;
    case 3 << 8 | 4 << 3 | 3: return &x87_dbe3;
    case 6 << 8 | 3 << 3 | 1: return &x87_ded9;
    case 7 << 8 | 4 << 3 | 0: return &x87_dfe0;
    }
    if (op == 1 && reg >= 4) {
        return &x87_d9[reg - 4][rm];
    }
    return &x87_reg[op][reg];
}

static TCGTemp *env_t(void)
{
    return tcgv_ptr_temp(tcg_env);
}

static TCGTemp *c32(uint32_t v)
{
    return tcgv_i32_temp(tcg_constant_i32(v));
}

static const MemOp fmt_mop[7] = { MO_LEUL, MO_LEUQ, MO_LEUQ, MO_LEUW, MO_LEUL, MO_LEUQ, MO_LEUQ };

/*
 * System mode (SDM vol. 3A, 2.5 and the x87 pages' exception tables): every
 * escape opcode, FXSAVE and FXRSTOR are #NM while CR0.EM = 1 (the OS
 * emulates the FPU) or CR0.TS = 1 (the x87 state still belongs to another
 * task); the TB flags say which.  User mode never sets either bit.
 */
static bool x87_usable(DisasContext *s)
{
    if (s->hflags & (HF_EM | HF_TS)) {
        i386_gen_exception(s, EXCP07_PREX);
        return false;
    }
    return true;
}

void i386_emit_x87(DisasContext *s, X86Insn *d)
{
    int op = d->b & 7, reg = (d->modrm >> 3) & 7, rm = d->modrm & 7;
    const X87Row *r = x87_row(op, d->mod, reg, rm);
    TCGv_i64 v = tcg_temp_new_i64(), hi = tcg_temp_new_i64();

    /* a CPU model without an FPU is one whose OS has to set CR0.EM */
    if (!(s->env->features[FEAT_1_EDX] & CPUID_FPU)) {
        i386_gen_exception(s, EXCP07_PREX);
        return;
    }
    if (!x87_usable(s)) {
        return;
    }
    switch (r->kind) {
    case K_NONE:
        i386_gen_illegal(s, r->name ? r->name : "undefined x87 encoding");
        return;
    case K_NOP:
        return;
    case K_ARITH:
        if (d->mod != 3) {
            int fmt = r->flags & 0x7f;
            i386_gen_ld(s, v, d->addr, fmt_mop[fmt]);
            i386_gen_call(&i386_helper_x87_arith_m, NULL, 3, env_t(),
                          c32(I386_DESC(r->arg, fmt, X87_MEMOP | (r->flags & 0x80 ? X87_POP : 0))),
                          tcgv_i64_temp(v));
        } else {
            i386_gen_call(&i386_helper_x87_arith, NULL, 2, env_t(),
                          c32(I386_DESC(r->arg, 0, rm | r->flags)));
        }
        return;
    case K_ARITH_STI:
        i386_gen_call(&i386_helper_x87_arith, NULL, 2, env_t(),
                      c32(I386_DESC(r->arg, 0, rm | X87_TO_STI | r->flags)));
        return;
    case K_COMI:
        i386_gen_call(&i386_helper_x87_arith, NULL, 2, env_t(),
                      c32(I386_DESC(r->arg, 0, rm | r->flags)));
        s->cc_op = CC_OP_EFLAGS;
        s->cc_op_dirty = false;
        return;
    case K_LOAD:
        i386_gen_ld(s, v, d->addr, fmt_mop[r->arg]);
        if (r->arg == X87_F80 || r->arg == X87_BCD) {
            TCGv_i64 a = tcg_temp_new_i64();
            tcg_gen_addi_i64(a, d->addr, 8);
            i386_gen_ld(s, hi, a, MO_LEUW);
        } else {
            tcg_gen_movi_i64(hi, 0);
        }
        i386_gen_call(&i386_helper_x87_load, NULL, 4, env_t(), c32(r->arg), tcgv_i64_temp(v),
                      tcgv_i64_temp(hi));
        return;
    case K_STORE:
    case K_STOREP: {
        int fmt = r->arg & 7;
        i386_gen_call(&i386_helper_x87_store, tcgv_i64_temp(v), 2, env_t(), c32(r->arg));
        if (fmt == X87_F80 || fmt == X87_BCD) {
            TCGv_i64 a = tcg_temp_new_i64();
            tcg_gen_ld16u_i64(hi, tcg_env, offsetof(CPUArchState, fpu_store_hi));
            tcg_gen_addi_i64(a, d->addr, 8);
            i386_gen_st(s, hi, a, MO_LEUW);
        }
        i386_gen_st(s, v, d->addr, fmt_mop[fmt]);
        if (r->kind == K_STOREP) {
            i386_gen_call(&i386_helper_x87_misc, NULL, 2, env_t(), c32(I386_DESC(X87_FPOP, 0, 0)));
        }
        return;
    }
    case K_MISC:
        i386_gen_call(&i386_helper_x87_misc, NULL, 2, env_t(), c32(I386_DESC(r->arg, 0, rm)));
        return;
    case K_FLDCW:
        i386_gen_ld(s, v, d->addr, MO_LEUW);
        i386_gen_call(&i386_helper_x87_fldcw, NULL, 2, env_t(), tcgv_i64_temp(v));
        return;
    case K_FNSTCW:
        tcg_gen_ld16u_i64(v, tcg_env, offsetof(CPUArchState, fpuc));
        i386_gen_st(s, v, d->addr, MO_LEUW);
        return;
    case K_FNSTSW:
    case K_FNSTSW_AX:
        i386_gen_call(&i386_helper_x87_fnstsw, tcgv_i64_temp(v), 1, env_t());
        if (r->kind == K_FNSTSW) {
            i386_gen_st(s, v, d->addr, MO_LEUW);
        } else {
            i386_gen_op_mov_reg(s, MO_16, R_EAX, v);
        }
        return;
    case K_IMAGE:
        i386_gen_update_eip_cur(s);
        i386_gen_call(&i386_helper_x87_image, NULL, 3, env_t(), c32(I386_DESC(r->arg, 0, 0)),
                      tcgv_i64_temp(d->addr));
        return;
    case K_FCMOV: {
        TCGv_i64 c = i386_gen_cond(s, r->arg);
        i386_gen_call(&i386_helper_x87_fcmov, NULL, 3, env_t(), c32(rm), tcgv_i64_temp(c));
        return;
    }
    }
}

/* FXSAVE/FXRSTOR (0F AE /0 /1). */
void i386_emit_fxsave(DisasContext *s, X86Insn *d)
{
    if (!x87_usable(s)) {
        return;
    }
    i386_gen_call(&i386_helper_x87_image, NULL, 3, env_t(),
                  c32(I386_DESC(d->e->special ? X87_IMG_FXRSTOR : X87_IMG_FXSAVE, 0, 0)),
                  tcgv_i64_temp(d->addr));
}

/*
 * WAIT/FWAIT (9B): #NM only while CR0.MP = 1 and CR0.TS = 1 (MP says the
 * OS wants WAIT to see the task-switched flag).  Otherwise nothing: this
 * x87 raises no #MF, so there is never a pending exception to deliver.
 */
void i386_emit_fwait(DisasContext *s, X86Insn *d)
{
    if ((s->hflags & (HF_MP | HF_TS)) == (HF_MP | HF_TS)) {
        i386_gen_exception(s, EXCP07_PREX);
    }
}
