/*
 * translate-neon.c — Advanced SIMD data processing (neon-dp.decode), A32
 * and T32: each trans_* checks the encoding (UNDEFINED and the
 * UNPREDICTABLE register rules treated as undefined) and hands the
 * operation, packed in two constants, to one helper (neon_helper.c,
 * neon_dp_helper.c, neon_fp_helper.c).  VMOV/VMVN/VORR/VBIC immediate are
 * inline stores.  Declining inside the decoder's overlap group lets a
 * later pattern claim the encoding.
 */
#include "translate.h"

#include "util/bitops.h"

#include <stddef.h>

ARM_HELPER(neon_3same, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32);
ARM_HELPER(neon_dp, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32, T_I32);

#include "neon-dp.c.inc"

static bool neon_ok(DisasContext *s)
{
    return arm_dc_feature(s, ARM_FEATURE_NEON) && s->vfp_enabled;
}

/* a Q operand must be an even D number */
static bool q_ok(bool q, int r)
{
    return !q || !(r & 1);
}

static void gen_neon_dp(uint32_t desc, uint32_t regs)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)),
                        tcgv_i32_temp(tcg_constant_i32(regs)) };
    tcg_gen_call(&info_neon_dp, NULL, args);
}

/* the float rows of the same-length group: opc 12-15 with o, u and size<1> (size<0> = 1 is F16, undefined) */
static int float_op(int opc, int o, int u, int size)
{
    /* index: (opc - 12) << 3 | o << 2 | u << 1 | size >> 1; -1 undefined */
    static const int8_t ops[32] = {
        -1, -1, -1, -1, 18, 19, -1, -1,                 /* 1100: VFMA VFMS */
        0, 1, 2, 3, 4, 5, 6, -1,                         /* 1101: VADD VSUB VPADD VABD; VMLA VMLS VMUL */
        7, -1, 8, 9, -1, -1, 10, 11,                     /* 1110: VCEQ VCGE VCGT; VACGE VACGT */
        12, 13, 14, 15, 16, 17, -1, -1,                  /* 1111: VMAX VMIN VPMAX VPMIN; VRECPS VRSQRTS */
    };
    if (opc < 12 || (size & 1)) {
        return -1;
    }
    return ops[(opc - 12) << 3 | o << 2 | u << 1 | size >> 1];
}

static bool trans_NEON_3SAME(DisasContext *s, arg_NEON_3SAME *a)
{
    int rd = a->d << 4 | a->vd, rn = a->n << 4 | a->vn, rm = a->m << 4 | a->vm;
    if (!neon_ok(s) || !q_ok(a->q, rd) || !q_ok(a->q, rn) || !q_ok(a->q, rm)) {
        return false;
    }
    if (a->opc >= 12 && !(a->opc == 12 && !a->o)) {
        int op = float_op(a->opc, a->o, a->u, a->size);
        if (op < 0 || (op >= 18 && !arm_dc_feature(s, ARM_FEATURE_VFP4)) ||
            (a->q && (op == 2 || op == 14 || op == 15))) {
            return false;
        }
        gen_neon_dp(NEON_DESC(NG_3FLOAT, op, 0, 0, a->q, 0), NEON_REGS(rd, rn, rm, 0));
        return true;
    }
    uint32_t op = a->opc << 1 | a->o;
    if (!arm_neon_3same_valid(op, a->u, a->size) || (a->q && op >= 0x14 && op <= 0x17 && op != 0x16)) {
        return false;
    }
    uint32_t packed = op | a->u << 5 | a->size << 6 | a->q << 8 | rd << 9 | rn << 14 |
                      (uint32_t)rm << 19;
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(packed)) };
    tcg_gen_call(&info_neon_3same, NULL, args);
    return true;
}

/* AdvSIMDExpandImm (A7.4.6): the 64-bit constant of op, cmode and imm8; false if undefined */
static bool expand_imm(int op, int cmode, uint32_t imm8, uint64_t *out)
{
    uint64_t v;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        v = (uint64_t)imm8 << (8 * (cmode >> 1));
        v |= v << 32;
        break;
    case 4: case 5:
        v = (uint64_t)imm8 << (8 * ((cmode >> 1) & 1));
        v |= v << 16;
        v |= v << 32;
        break;
    case 6:
        v = cmode & 1 ? (uint64_t)imm8 << 16 | 0xffff : (uint64_t)imm8 << 8 | 0xff;
        v |= v << 32;
        break;
    default:
        if (!(cmode & 1) && !op) {
            v = imm8 * 0x0101010101010101ull;
        } else if (!(cmode & 1)) {
            v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (uint64_t)((imm8 >> i) & 1 ? 0xff : 0) << (8 * i);
            }
        } else if (!op) {
            /* a single-precision constant aBbbbbbc defgh000 0..., in both words */
            uint32_t b = (imm8 >> 6) & 1;
            uint32_t f = (imm8 >> 7) << 31 | (b ? 0x3e000000u : 0x40000000u) | (imm8 & 0x3f) << 19;
            v = (uint64_t)f << 32 | f;
        } else {
            return false;
        }
        break;
    }
    *out = v;
    return true;
}

static bool trans_NEON_1IMM(DisasContext *s, arg_NEON_1IMM *a)
{
    int rd = a->d << 4 | a->vd;
    uint64_t v;
    if (!neon_ok(s) || !q_ok(a->q, rd) ||
        !expand_imm(a->op, a->cmode, a->i << 7 | a->imm3 << 4 | a->imm4, &v)) {
        return false;
    }
    /* odd cmode below 12: VORR (op 0) / VBIC (op 1); else VMOV, or VMVN with op (not cmode 1110) */
    bool logic = (a->cmode & 1) && a->cmode < 12;
    bool invert = a->op && a->cmode != 14;
    for (int i = 0; i <= a->q; i++) {
        if (logic) {
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_ld_i64(t, tcg_env, offsetof(CPUARMState, vfp.d[rd + i]));
            if (a->op) {
                tcg_gen_andi_i64(t, t, ~v);
            } else {
                tcg_gen_ori_i64(t, t, v);
            }
            tcg_gen_st_i64(t, tcg_env, offsetof(CPUARMState, vfp.d[rd + i]));
        } else {
            tcg_gen_st_i64(tcg_constant_i64(invert ? ~v : v), tcg_env,
                           offsetof(CPUARMState, vfp.d[rd + i]));
        }
    }
    return true;
}

static bool trans_NEON_2SH(DisasContext *s, arg_NEON_2SH *a)
{
    int rd = a->d << 4 | a->vd, rm = a->m << 4 | a->vm;
    if (!neon_ok(s) || (!a->l && a->imm6 < 8)) {
        return false;
    }
    int size = a->l ? 3 : a->imm6 >= 32 ? 2 : a->imm6 >= 16 ? 1 : 0;
    int esize = 8 << size;
    int right = (a->l ? 64 : 2 * esize) - a->imm6, left = a->imm6 - (a->l ? 0 : esize);
    int sh;
    bool q = a->q;
    switch (a->opc) {
    case 0: case 1: case 2: case 3:
        sh = right;
        break;
    case 4:
        if (!a->u) {
            return false;
        }
        sh = right;
        break;
    case 5: case 7:
        sh = left;
        break;
    case 6:
        if (!a->u) {
            return false;
        }
        sh = left;
        break;
    case 8: case 9:                      /* narrowing: Qm to Dd, q selects rounding */
        if (a->l || (rm & 1)) {
            return false;
        }
        gen_neon_dp(NEON_DESC(NG_SHIFT, a->opc, a->u, size, a->q, right), NEON_REGS(rd, 0, rm, 0));
        return true;
    case 10:                             /* VSHLL/VMOVL: Dm to Qd */
        if (a->l || a->q || (rd & 1)) {
            return false;
        }
        gen_neon_dp(NEON_DESC(NG_SHIFT, 10, a->u, size, 0, left), NEON_REGS(rd, 0, rm, 0));
        return true;
    case 14: case 15:                    /* VCVT between F32 and fixed point */
        if (a->l || size != 2) {
            return false;
        }
        sh = 64 - a->imm6;
        break;
    default:
        return false;
    }
    if (!q_ok(q, rd) || !q_ok(q, rm)) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_SHIFT, a->opc, a->u, size, q, sh), NEON_REGS(rd, 0, rm, 0));
    return true;
}

static bool trans_NEON_3DIFF(DisasContext *s, arg_NEON_3DIFF *a)
{
    int rd = a->d << 4 | a->vd, rn = a->n << 4 | a->vn, rm = a->m << 4 | a->vm;
    if (a->size == 3 || !neon_ok(s)) {
        return false;
    }
    bool narrow = a->opc == 4 || a->opc == 6;
    bool wide_n = a->opc == 1 || a->opc == 3 || narrow;
    bool qd_op = a->opc == 9 || a->opc == 11 || a->opc == 13;
    if (a->opc == 15 || (!narrow && (rd & 1)) || (wide_n && (rn & 1)) || (narrow && (rm & 1)) ||
        (qd_op && (a->u || a->size == 0)) || (a->opc == 14 && (a->u || a->size != 0))) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_3DIFF, a->opc, a->u, a->size, 0, 0), NEON_REGS(rd, rn, rm, 0));
    return true;
}

static bool trans_NEON_2SCALAR(DisasContext *s, arg_NEON_2SCALAR *a)
{
    int rd = a->d << 4 | a->vd, rn = a->n << 4 | a->vn;
    if (a->size == 3 || !neon_ok(s)) {
        return false;
    }
    bool is_long = a->opc == 2 || a->opc == 3 || a->opc == 6 || a->opc == 7 || a->opc == 10 ||
                   a->opc == 11;
    bool is_float = a->opc == 1 || a->opc == 5 || a->opc == 9;
    int rm = a->size == 1 ? a->vm & 7 : a->vm;
    int idx = a->size == 1 ? a->m << 1 | a->vm >> 3 : a->m;
    if (a->size == 0 || a->opc >= 14 || (is_float && a->size != 2) ||
        (is_long && (rd & 1)) || (!is_long && (!q_ok(a->q, rd) || !q_ok(a->q, rn))) ||
        ((a->opc == 3 || a->opc == 7 || a->opc == 11) && a->q)) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_SCALAR, a->opc, 0, a->size, a->q, 0), NEON_REGS(rd, rn, rm, idx));
    return true;
}

static bool trans_NEON_VEXT(DisasContext *s, arg_NEON_VEXT *a)
{
    int rd = a->d << 4 | a->vd, rn = a->n << 4 | a->vn, rm = a->m << 4 | a->vm;
    if (!neon_ok(s) || !q_ok(a->q, rd | rn | rm) || (!a->q && a->imm4 > 7)) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_VEXT, 0, 0, 0, a->q, a->imm4), NEON_REGS(rd, rn, rm, 0));
    return true;
}

/* which (a, b, size, q) the misc group defines; the register rules follow */
static bool misc_valid(DisasContext *s, int a, int b, int size, int q, int rd, int rm)
{
    switch (a) {
    case 0:
        if (b <= 2) {
            return size + b < 3;                          /* VREV64/32/16 */
        }
        if (b == 3 || b == 6 || b == 7) {
            return false;
        }
        return (b == 10 || b == 11) ? size == 0 : size < 3;
    case 1:
        if ((b & 7) == 5) {
            return false;
        }
        return (b & 8) ? size == 2 : size < 3;
    case 2:
        switch (b) {
        case 0: return size == 0;                        /* VSWP */
        case 1: return size < 3;                         /* VTRN */
        case 2: case 3: return size < 3 && (q || size < 2);   /* VUZP, VZIP */
        case 4: case 5: return size < 3 && !(rm & 1);    /* VMOVN, VQMOVUN, VQMOVN */
        case 6: return size < 3 && !q && !(rd & 1);      /* VSHLL #esize */
        case 12: return size == 1 && !q && !(rm & 1) && arm_dc_feature(s, ARM_FEATURE_FP16);
        case 14: return size == 1 && !q && !(rd & 1) && arm_dc_feature(s, ARM_FEATURE_FP16);
        default: return false;
        }
    default:
        return b >= 8 && size == 2;
    }
}

static bool trans_NEON_2MISC(DisasContext *s, arg_NEON_2MISC *a)
{
    int rd = a->d << 4 | a->vd, rm = a->m << 4 | a->vm;
    bool regs_q = !(a->a == 2 && a->b >= 4);             /* the narrowing/widening forms use q otherwise */
    if (!neon_ok(s) || !misc_valid(s, a->a, a->b, a->size, a->q, rd, rm) ||
        (regs_q && (!q_ok(a->q, rd) || !q_ok(a->q, rm)))) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_2MISC, a->a << 4 | a->b, 0, a->size, a->q, 0), NEON_REGS(rd, 0, rm, 0));
    return true;
}

static bool trans_NEON_VTBL(DisasContext *s, arg_NEON_VTBL *a)
{
    int rd = a->d << 4 | a->vd, rn = a->n << 4 | a->vn, rm = a->m << 4 | a->vm;
    if (!neon_ok(s) || rn + a->len + 1 > 32) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_VTBL, 0, a->op, 0, 0, 0), NEON_REGS(rd, rn, rm, a->len + 1));
    return true;
}

static bool trans_NEON_VDUPS(DisasContext *s, arg_NEON_VDUPS *a)
{
    int rd = a->d << 4 | a->vd, rm = a->m << 4 | a->vm;
    int size = a->imm4 & 1 ? 0 : a->imm4 & 2 ? 1 : a->imm4 & 4 ? 2 : 3;
    if (!neon_ok(s) || size == 3 || !q_ok(a->q, rd)) {
        return false;
    }
    gen_neon_dp(NEON_DESC(NG_VDUPS, 0, 0, size, a->q, 0), NEON_REGS(rd, 0, rm, a->imm4 >> (size + 1)));
    return true;
}

bool arm_neon_dp_decode(DisasContext *s, uint32_t insn)
{
    return decode_neon_dp(s, insn);
}
