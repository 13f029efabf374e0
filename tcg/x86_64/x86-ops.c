/*
 * x86-ops.c — the x86-64 code of every IR op (except guest memory, in
 * x86-ldst.c) and the operand constraints the register allocator satisfies
 * first.  The constraint table below is the single source of truth for what
 * each op's emitter may assume about its operands.
 *
 * Invariant kept by every emitter: an I32 value in a register has its high
 * 32 bits clear (all I32 results are written with 32-bit operations, which
 * zero-extend on x86-64).
 */
#include "x86-internal.h"
#include "exec/translation-block.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>

/* ---- constraints ---------------------------------------------------------- */

#define R(x) (1ull << X86_##x)
/* Registers the allocator hands out: all but rsp, env, guest_base and the scratch. */
#define X86_ALLOC_REGS (0xffffull & ~(R(RSP) | R(R14) | R(R13) | R(R11)))

/*
 * Letters, one group per temp argument (outputs first), separated by commas:
 *   r  any allocatable register        a / c / d  rax / rcx / rdx only
 *   C  any but rcx (shift counts)      D  any but rax and rdx (dividers)
 *   i  any constant                    e  a constant that fits an imm32 field
 *                                         (any for I32, sign-extended 32 for I64)
 *   &  output: a register no input uses
 *   0..9  output: the register of that argument (an input the op overwrites)
 * Rows marked bmi1/bmi2 replace the plain ones when the host has them.
 */
typedef struct X86ConsRow {
    TCGOpcode opc;
    const char *spec;
    int need;                  /* 0, or 1 = bmi1, 2 = bmi2: use only with that feature */
} X86ConsRow;

static const X86ConsRow cons_rows[] = {
    { INDEX_op_mov, "r,r" },
    { INDEX_op_setcond, "r,r,re" },
    { INDEX_op_negsetcond, "r,r,re" },
    { INDEX_op_movcond, "4,r,re,r,r" },
    { INDEX_op_ld8u, "r,r" }, { INDEX_op_ld8s, "r,r" },
    { INDEX_op_ld16u, "r,r" }, { INDEX_op_ld16s, "r,r" },
    { INDEX_op_ld32u, "r,r" }, { INDEX_op_ld32s, "r,r" }, { INDEX_op_ld, "r,r" },
    { INDEX_op_st8, "ri,r" }, { INDEX_op_st16, "ri,r" },
    { INDEX_op_st32, "ri,r" }, { INDEX_op_st, "re,r" },
    { INDEX_op_add, "r,r,re" },
    { INDEX_op_sub, "1,r,re" },
    { INDEX_op_neg, "1,r" },
    { INDEX_op_mul, "1,r,re" },
    { INDEX_op_muluh, "d,a,D" }, { INDEX_op_mulsh, "d,a,D" },
    { INDEX_op_mulu2, "2,d,a,D" }, { INDEX_op_muls2, "2,d,a,D" },
    { INDEX_op_div, "1,a,D" }, { INDEX_op_divu, "1,a,D" },
    { INDEX_op_rem, "1,a,D" }, { INDEX_op_remu, "1,a,D" },
    { INDEX_op_add2, "2,3,r,r,re,re" }, { INDEX_op_sub2, "2,3,r,r,re,re" },
    { INDEX_op_and, "1,r,re" }, { INDEX_op_or, "1,r,re" }, { INDEX_op_xor, "1,r,re" },
    { INDEX_op_andc, "1,r,r" },
    { INDEX_op_andc, "r,r,r", 1 },
    { INDEX_op_orc, "1,r,r" }, { INDEX_op_eqv, "1,r,r" },
    { INDEX_op_nand, "1,r,r" }, { INDEX_op_nor, "1,r,r" }, { INDEX_op_not, "1,r" },
    { INDEX_op_shl, "1,C,ci" }, { INDEX_op_shr, "1,C,ci" }, { INDEX_op_sar, "1,C,ci" },
    { INDEX_op_shl, "r,r,ri", 2 }, { INDEX_op_shr, "r,r,ri", 2 },
    { INDEX_op_sar, "r,r,ri", 2 },
    { INDEX_op_rotl, "1,C,ci" }, { INDEX_op_rotr, "1,C,ci" },
    { INDEX_op_extract, "r,r" }, { INDEX_op_sextract, "r,r" },
    { INDEX_op_deposit, "1,r,r" }, { INDEX_op_extract2, "1,r,r" },
    { INDEX_op_ext8s, "r,r" }, { INDEX_op_ext8u, "r,r" },
    { INDEX_op_ext16s, "r,r" }, { INDEX_op_ext16u, "r,r" },
    { INDEX_op_ext32s, "r,r" }, { INDEX_op_ext32u, "r,r" },
    { INDEX_op_ext_i32_i64, "r,r" }, { INDEX_op_extu_i32_i64, "r,r" },
    { INDEX_op_extrl_i64_i32, "r,r" }, { INDEX_op_extrh_i64_i32, "r,r" },
    { INDEX_op_bswap16, "1,r" }, { INDEX_op_bswap32, "1,r" }, { INDEX_op_bswap64, "1,r" },
    { INDEX_op_clz, "&r,r,ri" }, { INDEX_op_ctz, "&r,r,ri" }, { INDEX_op_ctpop, "r,r" },
    { INDEX_op_qemu_ld, "r,r" }, { INDEX_op_qemu_st, "r,r" },
    { INDEX_op_brcond, "r,re" },
    { INDEX_op_goto_ptr, "r" },
};

static TCGOpConstraints cons[NB_OPS][TCG_TYPE_COUNT];

static void parse_row(const X86ConsRow *row, TCGType type)
{
    TCGOpConstraints *oc = &cons[row->opc][type];
    const char *p = row->spec;

    memset(oc, 0, sizeof(*oc));
    for (int i = 0; i < TCG_MAX_OP_ARGS; i++) {
        oc->args[i].alias = -1;
    }
    for (int k = 0; *p; k++, p += *p == ',') {
        TCGArgConstraint *c = &oc->args[k];
        for (; *p && *p != ','; p++) {
            switch (*p) {
            case 'r': c->regs |= X86_ALLOC_REGS; break;
            case 'a': c->regs |= R(RAX); break;
            case 'c': c->regs |= R(RCX); break;
            case 'd': c->regs |= R(RDX); break;
            case 'C': c->regs |= X86_ALLOC_REGS & ~R(RCX); break;
            case 'D': c->regs |= X86_ALLOC_REGS & ~(R(RAX) | R(RDX)); break;
            case 'i': c->ct |= TCG_CT_CONST; break;
            case 'e': c->ct |= type == TCG_TYPE_I32 ? TCG_CT_CONST : TCG_CT_CONST_S32; break;
            case '&': c->newreg = true; break;
            default:
                assert(*p >= '0' && *p <= '9');
                c->alias = *p - '0';
                break;
            }
        }
    }
    /* an aliased output has the register set of its input */
    for (int k = 0; k < TCG_MAX_OP_ARGS; k++) {
        if (oc->args[k].alias >= 0) {
            oc->args[k].regs = oc->args[oc->args[k].alias].regs;
        }
    }
}

static const TCGOpConstraints no_cons = {
    .args = { [0 ... TCG_MAX_OP_ARGS - 1] = { .alias = -1 } },
};
static bool cons_present[NB_OPS];

static void constraints_build(void)
{
    x86_features_init();
    for (size_t i = 0; i < sizeof(cons_rows) / sizeof(cons_rows[0]); i++) {
        const X86ConsRow *row = &cons_rows[i];
        if ((row->need == 1 && !x86_have.bmi1) || (row->need == 2 && !x86_have.bmi2)) {
            continue;
        }
        parse_row(row, TCG_TYPE_I32);
        parse_row(row, TCG_TYPE_I64);
        cons_present[row->opc] = true;
    }
}

void x86_constraints_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, constraints_build);
}

const TCGOpConstraints *x86_op_constraints(TCGOpcode opc, TCGType type)
{
    x86_constraints_init();
    return cons_present[opc] ? &cons[opc][type] : &no_cons;
}

bool x86_op_supported(TCGOpcode opc, TCGType type)
{
    x86_constraints_init();
    if (type == TCG_TYPE_I32 && (tcg_op_defs[opc].flags & TCG_OPF_NOT_I32)) {
        return false;
    }
    if (opc == INDEX_op_ctpop) {
        return x86_have.popcnt;
    }
    return true;
}

/* ---- helpers of the emitters ------------------------------------------------ */

static const uint8_t cond_cc[TCG_COND_COUNT] = {
    [TCG_COND_EQ] = X86_CC_E, [TCG_COND_NE] = X86_CC_NE,
    [TCG_COND_LT] = X86_CC_L, [TCG_COND_GE] = X86_CC_GE,
    [TCG_COND_LE] = X86_CC_LE, [TCG_COND_GT] = X86_CC_G,
    [TCG_COND_LTU] = X86_CC_B, [TCG_COND_GEU] = X86_CC_AE,
    [TCG_COND_LEU] = X86_CC_BE, [TCG_COND_GTU] = X86_CC_A,
    [TCG_COND_TSTEQ] = X86_CC_E, [TCG_COND_TSTNE] = X86_CC_NE,
};

/* Set the flags for "a cond b"; returns the x86 condition code to test. */
static int emit_cmp(TCGType type, TCGCond cond, int a, TCGArg b, int bconst)
{
    X86Opc w = x86_w(type);
    bool tst = cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE;

    if (bconst) {
        int64_t v = type == TCG_TYPE_I32 ? (int32_t)b : (int64_t)b;
        if (v == 0 && !tst) {
            x86_rr(0x85 | w, a, a);               /* test a, a: flags of a - 0 */
        } else if (tst) {
            x86_rr(0xf7 | w, 0, a);               /* test a, imm32 */
            x86_put32(v);
        } else {
            x86_alu_ri(type, X86_CMP, a, v);
        }
    } else if (tst) {
        x86_rr(0x85 | w, b, a);
    } else {
        x86_alu_rr(type, X86_CMP, a, b);
    }
    return cond_cc[cond];
}

/*
 * dst = src of the op's own type: nothing when they are the same register
 * (an I32 value already has its high half clear, see the invariant above).
 */
static void emit_copy(TCGType type, int dst, int src)
{
    if (dst != src) {
        x86_mov_rr(type, dst, src);
    }
}

bool x86_emit_brcond_mem(TCGContext *s, TCGType type, TCGCond cond, int base, intptr_t offset,
                         int64_t val, TCGLabel *l)
{
    X86Opc w = x86_w(type);

    val = type == TCG_TYPE_I32 ? (int32_t)val : val;
    if (cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE || cond == TCG_COND_ALWAYS ||
        cond == TCG_COND_NEVER || !x86_fits_s32(val) || !x86_fits_s32(offset)) {
        return false;
    }
    if (x86_fits_s8(val)) {
        x86_rm(0x83 | w, X86_CMP, base, -1, offset);  /* cmp [base + offset], imm8 */
        x86_put8(val);
    } else {
        x86_rm(0x81 | w, X86_CMP, base, -1, offset);  /* cmp [base + offset], imm32 */
        x86_put32(val);
    }
    x86_jmp_label(cond_cc[cond], l);
    return true;
}

static void emit_not(TCGType type, int r)
{
    x86_rr(0xf7 | x86_w(type), 2, r);
}

/* dst = src extended from 8/16/32 bits: movzx / movsx / movsxd / mov r32 */
static void emit_ext(TCGType type, int dst, int src, int bits, bool sign)
{
    X86Opc w = x86_w(type);
    switch (bits) {
    case 8:
        x86_rr((sign ? 0xbe | w : 0xb6) | X86_0F | X86_B8, dst, src);
        break;
    case 16:
        x86_rr((sign ? 0xbf | w : 0xb7) | X86_0F, dst, src);
        break;
    default:
        if (sign && type == TCG_TYPE_I64) {
            x86_rr(0x63 | X86_W, dst, src);
        } else {
            x86_mov_rr(TCG_TYPE_I32, dst, src);
        }
        break;
    }
}

static void emit_div(TCGOpcode opc, TCGType type, int b)
{
    bool sign = opc == INDEX_op_div || opc == INDEX_op_rem;
    bool rem = opc == INDEX_op_rem || opc == INDEX_op_remu;
    X86Opc w = x86_w(type);
    uint8_t *to_minus1 = NULL;

    /* x / 0 and x % 0 give 0, INT_MIN / -1 gives INT_MIN, as TCI does (tcg-opc.h) */
    x86_rr(0x85 | w, b, b);
    uint8_t *to_zero = x86_jmp_short(X86_CC_E);
    if (sign) {
        x86_alu_ri(type, X86_CMP, b, -1);
        to_minus1 = x86_jmp_short(X86_CC_E);
    }
    x86_mov_rr(TCG_TYPE_I64, X86_TMP, X86_RDX);
    if (sign) {
        if (type == TCG_TYPE_I64) {
            x86_put8(0x48);
        }
        x86_put8(0x99);                            /* cdq / cqo */
    } else {
        x86_rr(0x31, X86_RDX, X86_RDX);
    }
    x86_rr(0xf7 | w, sign ? 7 : 6, b);             /* idiv / div */
    if (rem) {
        x86_mov_rr(type, X86_RAX, X86_RDX);
    }
    x86_mov_rr(TCG_TYPE_I64, X86_RDX, X86_TMP);
    uint8_t *to_done = x86_jmp_short(-1);
    uint8_t *to_done2 = NULL;
    if (sign) {
        x86_patch_short(to_minus1);
        if (rem) {
            x86_rr(0x31, X86_RAX, X86_RAX);
        } else {
            x86_rr(0xf7 | w, 3, X86_RAX);         /* neg: x / -1 == -x, INT_MIN stays */
        }
        to_done2 = x86_jmp_short(-1);
    }
    x86_patch_short(to_zero);
    x86_rr(0x31, X86_RAX, X86_RAX);
    x86_patch_short(to_done);
    if (to_done2) {
        x86_patch_short(to_done2);
    }
}

/* clz / ctz: out = a ? count(a) : b; out differs from a and b. */
static void emit_count(TCGOpcode opc, TCGType type, int out, int a, TCGArg b, int bconst)
{
    X86Opc w = x86_w(type);
    bool clz = opc == INDEX_op_clz;
    int bits = type == TCG_TYPE_I32 ? 32 : 64;

    if (clz ? x86_have.lzcnt : x86_have.bmi1) {
        /* lzcnt/tzcnt: out = W and CF = 1 when a == 0 */
        bool is_w = bconst && (type == TCG_TYPE_I32 ? (uint32_t)b : b) == (uint64_t)bits;
        if (bconst && !is_w) {
            /* before the count: loading 0 is an xor, which would clobber CF */
            x86_movi(type, X86_TMP, b);
            b = X86_TMP;
        }
        x86_rr((clz ? 0xbd : 0xbc) | X86_0F | X86_F3 | w, out, a);
        if (!is_w) {
            x86_rr((0x40 + X86_CC_B) | X86_0F | w, out, b);
        }
        return;
    }
    if (bconst) {
        x86_movi(type, out, b);
    } else {
        x86_mov_rr(type, out, b);
    }
    x86_rr(0x85 | w, a, a);
    uint8_t *skip = x86_jmp_short(X86_CC_E);
    x86_rr((clz ? 0xbd : 0xbc) | X86_0F | w, out, a);   /* bsr / bsf */
    if (clz) {
        x86_alu_ri(type, X86_XOR, out, bits - 1);       /* 63 - index == index ^ 63 */
    }
    x86_patch_short(skip);
}

static void emit_shift(TCGOpcode opc, TCGType type, int out, int a, TCGArg b, int bconst)
{
    static const uint8_t group[] = {
        [INDEX_op_shl] = X86_SHL, [INDEX_op_shr] = X86_SHR, [INDEX_op_sar] = X86_SAR,
        [INDEX_op_rotl] = X86_ROL, [INDEX_op_rotr] = X86_ROR,
    };
    X86Opc w = x86_w(type);
    int sh = group[opc];

    if (bconst) {
        emit_copy(type, out, a);
        x86_shift_ri(type, sh, out, b);
    } else if (x86_have.bmi2 && opc != INDEX_op_rotl && opc != INDEX_op_rotr) {
        /* shlx/shrx/sarx: three operands, count in any register */
        X86Opc pfx = opc == INDEX_op_shl ? X86_66 : opc == INDEX_op_shr ? X86_F2 : X86_F3;
        x86_vex_rr(0xf7 | X86_0F38 | pfx | w, out, b, a);
    } else {
        x86_rr(0xd3 | w, sh, out);
    }
}

static void emit_extract(TCGType type, bool sign, int out, int a, int pos, int len)
{
    int bits = type == TCG_TYPE_I32 ? 32 : 64;

    if (pos == 0 && (len == 8 || len == 16 || len == 32)) {
        if (len == 32 && type == TCG_TYPE_I32) {
            emit_copy(type, out, a);
        } else {
            emit_ext(type, out, a, len, sign);
        }
        return;
    }
    emit_copy(type, out, a);
    if (pos + len == bits) {
        x86_shift_ri(type, sign ? X86_SAR : X86_SHR, out, pos);
    } else if (!sign && len < 32) {
        x86_shift_ri(type, X86_SHR, out, pos);
        x86_alu_ri(type, X86_AND, out, (1ll << len) - 1);
    } else {
        x86_shift_ri(type, X86_SHL, out, bits - pos - len);
        x86_shift_ri(type, sign ? X86_SAR : X86_SHR, out, bits - len);
    }
}

static void emit_deposit(TCGType type, int out, int b, int pos, int len)
{
    int bits = type == TCG_TYPE_I32 ? 32 : 64;

    if (len == bits) {
        x86_mov_rr(type, out, b);
        return;
    }
    /* rotate the field to the bottom, clear it, or in b's low bits, rotate back */
    if (pos) {
        x86_shift_ri(type, X86_ROR, out, pos);
    }
    x86_shift_ri(type, X86_SHR, out, len);
    x86_shift_ri(type, X86_SHL, out, len);
    x86_mov_rr(type, X86_TMP, b);
    x86_shift_ri(type, X86_SHL, X86_TMP, bits - len);
    x86_shift_ri(type, X86_SHR, X86_TMP, bits - len);
    x86_alu_rr(type, X86_OR, out, X86_TMP);
    if (pos) {
        x86_shift_ri(type, X86_ROL, out, pos);
    }
}

/*
 * The goto_tb the code at label l starts with ("set_label l; goto_tb n",
 * found among the few ops after the brcond), or -1.
 */
static int label_goto_tb(const TCGOp *op, TCGLabel *l)
{
    for (int i = 0; i < 8 && op; i++, op = op->next) {
        if (op->opc == INDEX_op_set_label && tcg_arg_label(op->args[0]) == l) {
            const TCGOp *g = op->next;
            return g && g->opc == INDEX_op_goto_tb ? (int)g->args[0] : -1;
        }
    }
    return -1;
}

/*
 * "jcc l" where l's code is goto_tb n: the jcc itself is goto_tb n's jump
 * (its rel32 aligned, patched to the next TB when chained; l, the exit path,
 * is the reset target), which saves the taken path a second jump.
 */
static void emit_jcc_goto_tb(int cc, TCGLabel *l, int n)
{
    X86Code *c = &x86_code;
    /*
     * The rel32 field must be 4-byte aligned: pad with DS-segment prefixes
     * on the jcc itself (the "taken" hint, ignored by current processors),
     * which unlike a nop adds no instruction to either path.
     */
    while (((uintptr_t)c->ptr + 2) & 3) {
        x86_put8(0x3e);
    }
    c->jcc_goto_tb[n].label = l;
    c->jcc_goto_tb[n].field = c->ptr + 2 - c->start;
    x86_jmp_label(cc, l);
}

static void emit_goto_tb(int n)
{
    X86Code *c = &x86_code;
    TCGLabel *l = c->jcc_goto_tb[n].label;
    uintptr_t here = c->ptr - c->start;

    if (l && l->has_value && l->value == here && here <= 0xfffe) {
        /* reached only through that jcc (or not chained yet): no jump of its own */
        c->tb->jmp_insn_offset[n] = c->jcc_goto_tb[n].field;
        c->tb->jmp_reset_offset[n] = here;
        c->jcc_goto_tb[n].label = NULL;
        return;
    }
    /*
     * The rel32 field must be 4-byte aligned so that patching it is one
     * atomic store.  The padding is one instruction (chained TBs run it):
     * nop, 66 nop, or nop dword [rax].  DS prefixes on the jmp instead
     * (no instruction) measured slower on an AMD EPYC host (branchy
     * 0.081 s -> 0.085 s).
     */
    switch (((uintptr_t)c->ptr + 1) & 3) {
    case 1:
        x86_put8(0x0f); x86_put8(0x1f); x86_put8(0x00);
        break;
    case 2:
        x86_put8(0x66); x86_put8(0x90);
        break;
    case 3:
        x86_put8(0x90);
        break;
    }
    x86_put8(0xe9);
    uintptr_t field = c->ptr - c->start;
    x86_put32(0);
    uintptr_t reset = c->ptr - c->start;
    if (reset > 0xfffe) {
        c->too_big = true;
        return;
    }
    c->tb->jmp_insn_offset[n] = field;
    c->tb->jmp_reset_offset[n] = reset;
}

/* ---- emit_op ------------------------------------------------------------------ */

void x86_emit_op(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args)
{
    TCGType type = op->type;
    X86Opc w = x86_w(type);
    TCGOpcode opc = op->opc;
    int nt = op->nb_oargs + op->nb_iargs;
    const TCGArg *c = args + nt;                     /* the constant arguments */
    int bits = type == TCG_TYPE_I32 ? 32 : 64;
    int a0 = args[0], a1 = args[1];
    TCGArg a2 = args[2];
    int cc;

    switch (opc) {
    case INDEX_op_set_label: {
        TCGLabel *l = tcg_arg_label(args[0]);
        l->has_value = true;
        l->value = x86_code.ptr - x86_code.start;
        break;
    }
    case INDEX_op_br:
        x86_jmp_label(-1, tcg_arg_label(args[0]));
        break;
    case INDEX_op_brcond: {
        TCGCond cond = (TCGCond)c[0];
        if (cond == TCG_COND_ALWAYS) {
            x86_jmp_label(-1, tcg_arg_label(c[1]));
        } else if (cond != TCG_COND_NEVER) {
            TCGLabel *l = tcg_arg_label(c[1]);
            int n = label_goto_tb(op->next, l);
            cc = emit_cmp(type, cond, a0, args[1], const_args[1]);
            if (n >= 0 && !x86_code.jcc_goto_tb[n].label) {
                emit_jcc_goto_tb(cc, l, n);
            } else {
                x86_jmp_label(cc, l);
            }
        }
        break;
    }
    case INDEX_op_mb:
        if (args[0] & TCG_MO_ST_LD) {
            /* x86 only reorders a later load before an earlier store */
            x86_put8(0x0f); x86_put8(0xae); x86_put8(0xf0);   /* mfence */
        }
        break;
    case INDEX_op_exit_tb:
        x86_movi(TCG_TYPE_I64, X86_RAX, args[0]);
        x86_epilogue();
        break;
    case INDEX_op_goto_tb:
        emit_goto_tb(args[0]);
        break;
    case INDEX_op_goto_ptr: {
        x86_rr(0x85 | X86_W, a0, a0);
        uint8_t *to_jump = x86_jmp_short(X86_CC_NE);
        x86_rr(0x31, X86_RAX, X86_RAX);
        x86_epilogue();
        x86_patch_short(to_jump);
        x86_rr(0xff, 4, a0);                           /* jmp *a0 */
        break;
    }

    case INDEX_op_mov:
        if (const_args[1]) {
            x86_movi(type, a0, a1);
        } else {
            emit_copy(type, a0, a1);
        }
        break;
    case INDEX_op_setcond:
    case INDEX_op_negsetcond: {
        TCGCond cond = (TCGCond)c[0];
        if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
            x86_movi(type, a0, cond == TCG_COND_NEVER ? 0 : opc == INDEX_op_setcond ? 1 : -1);
            break;
        }
        cc = emit_cmp(type, cond, a1, a2, const_args[2]);
        x86_rr((0x90 + cc) | X86_0F | X86_B8, 0, a0);  /* setcc a0b */
        emit_ext(TCG_TYPE_I32, a0, a0, 8, false);
        if (opc == INDEX_op_negsetcond) {
            x86_rr(0xf7 | w, 3, a0);
        }
        break;
    }
    case INDEX_op_movcond: {
        TCGCond cond = (TCGCond)c[0];
        if (cond == TCG_COND_ALWAYS) {
            x86_mov_rr(type, a0, args[3]);
        } else if (cond != TCG_COND_NEVER) {
            cc = emit_cmp(type, cond, a1, a2, const_args[2]);
            x86_rr((0x40 + cc) | X86_0F | w, a0, args[3]);   /* cmovcc */
        }
        break;
    }

    case INDEX_op_ld8u:
        x86_rm_far(0xb6 | X86_0F, a0, a1, c[0]);
        break;
    case INDEX_op_ld8s:
        x86_rm_far(0xbe | X86_0F | w, a0, a1, c[0]);
        break;
    case INDEX_op_ld16u:
        x86_rm_far(0xb7 | X86_0F, a0, a1, c[0]);
        break;
    case INDEX_op_ld16s:
        x86_rm_far(0xbf | X86_0F | w, a0, a1, c[0]);
        break;
    case INDEX_op_ld32u:
        x86_rm_far(0x8b, a0, a1, c[0]);
        break;
    case INDEX_op_ld32s:
        x86_rm_far(0x63 | X86_W, a0, a1, c[0]);
        break;
    case INDEX_op_ld:
        x86_rm_far(0x8b | w, a0, a1, c[0]);
        break;
    case INDEX_op_st8:
    case INDEX_op_st16:
    case INDEX_op_st32:
    case INDEX_op_st: {
        int size = opc == INDEX_op_st8 ? 1 : opc == INDEX_op_st16 ? 2
                 : opc == INDEX_op_st32 ? 4 : bits / 8;
        X86Opc pfx = size == 2 ? X86_66 : size == 8 ? X86_W : 0;
        if (const_args[0]) {
            x86_rm_far((size == 1 ? 0xc6 : 0xc7) | pfx, 0, a1, c[0]);
            if (size == 1) {
                x86_put8(args[0]);
            } else if (size == 2) {
                x86_put8(args[0]);
                x86_put8(args[0] >> 8);
            } else {
                x86_put32(args[0]);
            }
        } else {
            x86_rm_far((size == 1 ? 0x88 | X86_B8 : 0x89) | pfx, a0, a1, c[0]);
        }
        break;
    }

    case INDEX_op_add:
        if (const_args[2]) {
            if (a0 == a1) {
                if (a2) {
                    x86_alu_ri(type, X86_ADD, a0, a2);
                }
            } else {
                x86_rm(0x8d | w, a0, a1, -1, type == TCG_TYPE_I32 ? (int32_t)a2 : (int64_t)a2);
            }
        } else if (a0 == a1) {
            x86_alu_rr(type, X86_ADD, a0, a2);
        } else if (a0 == (int)a2) {
            x86_alu_rr(type, X86_ADD, a0, a1);
        } else {
            x86_rm(0x8d | w, a0, a1, a2, 0);
        }
        break;
    case INDEX_op_sub:
    case INDEX_op_and:
    case INDEX_op_or:
    case INDEX_op_xor: {
        int alu = opc == INDEX_op_sub ? X86_SUB : opc == INDEX_op_and ? X86_AND
                : opc == INDEX_op_or ? X86_OR : X86_XOR;
        if (const_args[2]) {
            x86_alu_ri(type, alu, a0, a2);
        } else {
            x86_alu_rr(type, alu, a0, a2);
        }
        break;
    }
    case INDEX_op_neg:
        x86_rr(0xf7 | w, 3, a0);
        break;
    case INDEX_op_not:
        emit_not(type, a0);
        break;
    case INDEX_op_mul:
        if (const_args[2]) {
            int64_t v = type == TCG_TYPE_I32 ? (int32_t)a2 : (int64_t)a2;
            if (x86_fits_s8(v)) {
                x86_rr(0x6b | w, a0, a0);
                x86_put8(v);
            } else {
                x86_rr(0x69 | w, a0, a0);
                x86_put32(v);
            }
        } else {
            x86_rr(0xaf | X86_0F | w, a0, a2);
        }
        break;
    case INDEX_op_muluh:
    case INDEX_op_mulsh:
        /* one-operand mul writes rdx:rax; the input in rax is kept through the scratch */
        x86_mov_rr(TCG_TYPE_I64, X86_TMP, X86_RAX);
        x86_rr(0xf7 | w, opc == INDEX_op_muluh ? 4 : 5, a2);
        x86_mov_rr(TCG_TYPE_I64, X86_RAX, X86_TMP);
        break;
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        x86_rr(0xf7 | w, opc == INDEX_op_mulu2 ? 4 : 5, args[3]);
        break;
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
        emit_div(opc, type, a2);
        break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        bool add = opc == INDEX_op_add2;
        if (const_args[4]) {
            x86_alu_ri(type, add ? X86_ADD : X86_SUB, a0, args[4]);
        } else {
            x86_alu_rr(type, add ? X86_ADD : X86_SUB, a0, args[4]);
        }
        if (const_args[5]) {
            x86_alu_ri(type, add ? X86_ADC : X86_SBB, a1, args[5]);
        } else {
            x86_alu_rr(type, add ? X86_ADC : X86_SBB, a1, args[5]);
        }
        break;
    }
    case INDEX_op_andc:
        if (a0 != a1) {
            /* andn a0, a2, a1: a0 = ~a2 & a1 (BMI1 constraints) */
            x86_vex_rr(0xf2 | X86_0F38 | w, a0, a2, a1);
            break;
        }
        /* fall through */
    case INDEX_op_orc:
        x86_mov_rr(type, X86_TMP, a2);
        emit_not(type, X86_TMP);
        x86_alu_rr(type, opc == INDEX_op_andc ? X86_AND : X86_OR, a0, X86_TMP);
        break;
    case INDEX_op_eqv:
    case INDEX_op_nand:
    case INDEX_op_nor:
        x86_alu_rr(type, opc == INDEX_op_eqv ? X86_XOR : opc == INDEX_op_nand ? X86_AND : X86_OR,
                   a0, a2);
        emit_not(type, a0);
        break;
    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        emit_shift(opc, type, a0, a1, a2, const_args[2]);
        break;

    case INDEX_op_extract:
    case INDEX_op_sextract:
        emit_extract(type, opc == INDEX_op_sextract, a0, a1, c[0], c[1]);
        break;
    case INDEX_op_deposit:
        emit_deposit(type, a0, a2, c[0], c[1]);
        break;
    case INDEX_op_extract2:
        if (c[0]) {
            x86_rr(0xac | X86_0F | w, a2, a0);          /* shrd a0, a2, imm */
            x86_put8(c[0]);
        }
        break;
    case INDEX_op_ext8s:
    case INDEX_op_ext8u:
        emit_ext(type, a0, a1, 8, opc == INDEX_op_ext8s);
        break;
    case INDEX_op_ext16s:
    case INDEX_op_ext16u:
        emit_ext(type, a0, a1, 16, opc == INDEX_op_ext16s);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        emit_ext(TCG_TYPE_I64, a0, a1, 32, true);
        break;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        x86_mov_rr(TCG_TYPE_I32, a0, a1);
        break;
    case INDEX_op_extrh_i64_i32:
        x86_mov_rr(TCG_TYPE_I64, a0, a1);
        x86_shift_ri(TCG_TYPE_I64, X86_SHR, a0, 32);
        break;
    case INDEX_op_bswap16:
        x86_rr(0xc1 | X86_66, X86_ROL, a0);            /* rol a0w, 8 */
        x86_put8(8);
        emit_ext(type, a0, a0, 16, c[0] & TCG_BSWAP_OS);
        break;
    case INDEX_op_bswap32:
        if (a0 & 8) {
            x86_put8(0x41);
        }
        x86_put8(0x0f);
        x86_put8(0xc8 + (a0 & 7));
        if ((c[0] & TCG_BSWAP_OS) && type == TCG_TYPE_I64) {
            emit_ext(TCG_TYPE_I64, a0, a0, 32, true);
        }
        break;
    case INDEX_op_bswap64:
        x86_put8(0x48 | (a0 & 8 ? 1 : 0));
        x86_put8(0x0f);
        x86_put8(0xc8 + (a0 & 7));
        break;
    case INDEX_op_clz:
    case INDEX_op_ctz:
        emit_count(opc, type, a0, a1, a2, const_args[2]);
        break;
    case INDEX_op_ctpop:
        x86_rr(0xb8 | X86_0F | X86_F3 | w, a0, a1);
        break;

    case INDEX_op_qemu_ld:
        x86_emit_qemu_ld(s, op, args);
        break;
    case INDEX_op_qemu_st:
        x86_emit_qemu_st(s, op, args, const_args);
        break;
    default:
        assert(!"x86: op without code");
        break;
    }
}
