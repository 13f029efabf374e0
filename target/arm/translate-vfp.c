/*
 * translate-vfp.c — VFP (vfp.decode): loads and stores, register
 * transfers, VMRS/VMSR and the arithmetic, for A32 and T32 (the same
 * encodings with cond or 1110 on top).  The arithmetic runs in helpers on
 * env->vfp.d through fpu/ softfloat with FPSCR's mode and flags
 * (vfp_helper.c); moves and memory accesses are inline.
 *
 * VFP short vectors (FPSCR.LEN != 0) are not supported: with a length set,
 * arithmetic is undefined here (Linux user code never sets it).
 */
#include "translate.h"

#include "util/bitops.h"

#include <stddef.h>

ARM_HELPER(vfp_3op, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32);
/* fp_status and vfp.d are not TCG globals: the value helpers neither read nor write any */
ARM_HELPER(vfp_adds, TCG_CALL_NO_RWG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(vfp_subs, TCG_CALL_NO_RWG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(vfp_muls, TCG_CALL_NO_RWG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(vfp_divs, TCG_CALL_NO_RWG, T_I32, T_PTR, T_I32, T_I32);
ARM_HELPER(vfp_addd, TCG_CALL_NO_RWG, T_I64, T_PTR, T_I64, T_I64);
ARM_HELPER(vfp_subd, TCG_CALL_NO_RWG, T_I64, T_PTR, T_I64, T_I64);
ARM_HELPER(vfp_muld, TCG_CALL_NO_RWG, T_I64, T_PTR, T_I64, T_I64);
ARM_HELPER(vfp_divd, TCG_CALL_NO_RWG, T_I64, T_PTR, T_I64, T_I64);
ARM_HELPER(vfp_2op, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32);
ARM_HELPER(vfp_get_fpscr, TCG_CALL_NO_WG, T_I32, T_PTR);
ARM_HELPER(vfp_set_fpscr, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32);
ARM_HELPER(cpsr_write, 0, T_VOID, T_PTR, T_I32, T_I32);

void arm_vfp_tcg_initialize(void)
{
}

#include "vfp.c.inc"

/* env offsets of s<n> and d<n> */
static ptrdiff_t sreg_ofs(int n)
{
    return offsetof(CPUARMState, vfp.d[n >> 1]) + (n & 1) * 4;
}

static ptrdiff_t dreg_ofs(int n)
{
    return offsetof(CPUARMState, vfp.d[n]);
}

/* The register number from a 4-bit field and its extra bit: Vx:X for singles, X:Vx for doubles. */
static int vreg(int v, int x, int dp)
{
    return dp ? (x << 4 | v) : (v << 1 | x);
}

/* VFP instructions are undefined while FPEXC.EN is clear (and D16-D31 without VFP_D32). */
static bool vfp_access_ok(DisasContext *s, int dp, int hi)
{
    if (!arm_dc_feature(s, ARM_FEATURE_VFP) || !s->vfp_enabled) {
        return false;
    }
    if (dp && hi && !arm_dc_feature(s, ARM_FEATURE_VFP_D32)) {
        return false;
    }
    return true;
}

static bool trans_VLDR(DisasContext *s, arg_vldr *a)
{
    if (!vfp_access_ok(s, a->sz, a->d)) {
        return false;
    }
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    if (a->rn == 15) {
        tcg_gen_andi_i32(addr, addr, ~3u);
    }
    tcg_gen_addi_i32(addr, addr, a->u ? a->imm * 4 : -a->imm * 4);
    int r = vreg(a->vd, a->d, a->sz);
    MemOp be = s->be_data ? MO_BE : MO_LE;
    if (a->sz) {
        TCGv_i64 v = tcg_temp_new_i64();
        if (a->l) {
            tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx, MO_UQ | be);
            tcg_gen_st_i64(v, tcg_env, dreg_ofs(r));
        } else {
            tcg_gen_ld_i64(v, tcg_env, dreg_ofs(r));
            tcg_gen_qemu_st_i64(v, addr, s->mmu_idx, MO_UQ | be);
        }
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        if (a->l) {
            tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx, MO_UL | be);
            tcg_gen_st_i32(v, tcg_env, sreg_ofs(r));
        } else {
            tcg_gen_ld_i32(v, tcg_env, sreg_ofs(r));
            tcg_gen_qemu_st_i32(v, addr, s->mmu_idx, MO_UL | be);
        }
    }
    return true;
}

/* VLDM/VSTM/VPUSH/VPOP: IA (p = 0, u = 1) or DB with writeback (p = 1, u = 0, w = 1). */
static bool trans_VLDM(DisasContext *s, arg_vldm *a)
{
    if (a->p == a->u || (a->p && !a->w) || a->rn == 15) {
        return false;
    }
    /* doubles: imm / 2 registers (an odd imm is FLDMX/FSTMX, the same transfer) */
    int n = a->sz ? a->imm / 2 : a->imm;
    int first = vreg(a->vd, a->d, a->sz);
    if (n == 0 || first + n > 32) {
        return false;
    }
    if (!vfp_access_ok(s, a->sz, a->sz && first + n > 16)) {
        return false;
    }
    MemOp be = s->be_data ? MO_BE : MO_LE;
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    int bytes = a->imm * 4;
    if (a->p) {
        tcg_gen_subi_i32(addr, addr, bytes);
    }
    for (int i = 0; i < n; i++) {
        if (a->sz) {
            TCGv_i64 v = tcg_temp_new_i64();
            if (a->l) {
                tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx, MO_UQ | be);
                tcg_gen_st_i64(v, tcg_env, dreg_ofs(first + i));
            } else {
                tcg_gen_ld_i64(v, tcg_env, dreg_ofs(first + i));
                tcg_gen_qemu_st_i64(v, addr, s->mmu_idx, MO_UQ | be);
            }
            tcg_gen_addi_i32(addr, addr, 8);
        } else {
            TCGv_i32 v = tcg_temp_new_i32();
            if (a->l) {
                tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx, MO_UL | be);
                tcg_gen_st_i32(v, tcg_env, sreg_ofs(first + i));
            } else {
                tcg_gen_ld_i32(v, tcg_env, sreg_ofs(first + i));
                tcg_gen_qemu_st_i32(v, addr, s->mmu_idx, MO_UL | be);
            }
            tcg_gen_addi_i32(addr, addr, 4);
        }
    }
    if (a->w) {
        tcg_gen_addi_i32(cpu_R[a->rn], cpu_R[a->rn], a->u ? bytes : -bytes);
    }
    return true;
}

static bool trans_VMOV_sr(DisasContext *s, arg_vmov_sr *a)
{
    if (!vfp_access_ok(s, 0, 0) || a->rt == 15) {
        return false;
    }
    int r = vreg(a->vn, a->n, 0);
    if (a->op) {
        tcg_gen_ld_i32(cpu_R[a->rt], tcg_env, sreg_ofs(r));
    } else {
        tcg_gen_st_i32(cpu_R[a->rt], tcg_env, sreg_ofs(r));
    }
    return true;
}

/* VMOV between two core registers and a double (sz) or two consecutive singles. */
static bool trans_VMOV_dr(DisasContext *s, arg_vmov_dr *a)
{
    if (!vfp_access_ok(s, a->sz, a->m) || a->rt == 15 || a->rt2 == 15 ||
        (a->op && a->rt == a->rt2)) {
        return false;
    }
    ptrdiff_t lo, hi;
    if (a->sz) {
        lo = dreg_ofs(vreg(a->vm, a->m, 1));
        hi = lo + 4;
    } else {
        int r = vreg(a->vm, a->m, 0);
        if (r == 31) {
            return false;
        }
        lo = sreg_ofs(r);
        hi = sreg_ofs(r + 1);
    }
    if (a->op) {
        tcg_gen_ld_i32(cpu_R[a->rt], tcg_env, lo);
        tcg_gen_ld_i32(cpu_R[a->rt2], tcg_env, hi);
    } else {
        tcg_gen_st_i32(cpu_R[a->rt], tcg_env, lo);
        tcg_gen_st_i32(cpu_R[a->rt2], tcg_env, hi);
    }
    return true;
}

/*
 * VMOV between a core register and a scalar Dn[x] (A8.8.341/342): words
 * with VFP; bytes and halfwords are Advanced SIMD.  A byte or halfword read
 * is sign-extended unless u.
 */
static bool trans_VMOV_scalar(DisasContext *s, arg_VMOV_scalar *a)
{
    int size, idx;
    if (a->opc1 & 2) {
        size = 0;
        idx = (a->opc1 & 1) << 2 | a->opc2;
    } else if (a->opc2 & 1) {
        size = 1;
        idx = (a->opc1 & 1) << 1 | a->opc2 >> 1;
    } else if (a->opc2 == 0) {
        size = 2;
        idx = a->opc1 & 1;
    } else {
        return false;
    }
    if (!vfp_access_ok(s, 1, a->n) || a->rt == 15 || (a->u && (size == 2 || !a->op)) ||
        (size < 2 && !arm_dc_feature(s, ARM_FEATURE_NEON))) {
        return false;
    }
    /* the lane's bytes in env->vfp.d (host-order uint64_t on a little-endian host) */
    ptrdiff_t ofs = dreg_ofs(vreg(a->vn, a->n, 1)) + (idx << size);
    if (a->op) {
        switch (size) {
        case 0: (a->u ? tcg_gen_ld8u_i32 : tcg_gen_ld8s_i32)(cpu_R[a->rt], tcg_env, ofs); break;
        case 1: (a->u ? tcg_gen_ld16u_i32 : tcg_gen_ld16s_i32)(cpu_R[a->rt], tcg_env, ofs); break;
        default: tcg_gen_ld_i32(cpu_R[a->rt], tcg_env, ofs); break;
        }
    } else {
        switch (size) {
        case 0: tcg_gen_st8_i32(cpu_R[a->rt], tcg_env, ofs); break;
        case 1: tcg_gen_st16_i32(cpu_R[a->rt], tcg_env, ofs); break;
        default: tcg_gen_st_i32(cpu_R[a->rt], tcg_env, ofs); break;
        }
    }
    return true;
}

static bool trans_VDUP(DisasContext *s, arg_VDUP *a)
{
    int r = a->d << 4 | a->vd;
    if (!arm_dc_feature(s, ARM_FEATURE_NEON) || !s->vfp_enabled || a->rt == 15 ||
        (a->b && a->e) || (a->q && (r & 1))) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    if (a->b) {
        tcg_gen_ext8u_i32(v, cpu_R[a->rt]);
        tcg_gen_muli_i32(v, v, 0x01010101);
    } else if (a->e) {
        tcg_gen_ext16u_i32(v, cpu_R[a->rt]);
        tcg_gen_muli_i32(v, v, 0x00010001);
    } else {
        tcg_gen_mov_i32(v, cpu_R[a->rt]);
    }
    for (int i = 0; i < (a->q ? 2 : 1); i++) {
        tcg_gen_st_i32(v, tcg_env, dreg_ofs(r + i));
        tcg_gen_st_i32(v, tcg_env, dreg_ofs(r + i) + 4);
    }
    return true;
}

/* VMRS: FPSCR (reg 1) or the ID registers; rt == 15 with FPSCR copies NZCV to the APSR. */
static bool trans_VMRS(DisasContext *s, arg_VMRS *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_VFP)) {
        return false;
    }
    TCGv_i32 v = tcg_temp_new_i32();
    switch (a->reg) {
    case 0:
        tcg_gen_ld_i32(v, tcg_env, offsetof(CPUARMState, vfp.fpsid));
        break;
    case 1: {
        if (!s->vfp_enabled) {
            return false;
        }
        TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };
        tcg_gen_call(&info_vfp_get_fpscr, tcgv_i32_temp(v), args);
        break;
    }
    case 6:
        tcg_gen_ld_i32(v, tcg_env, offsetof(CPUARMState, vfp.mvfr1));
        break;
    case 7:
        tcg_gen_ld_i32(v, tcg_env, offsetof(CPUARMState, vfp.mvfr0));
        break;
    case 8:
        tcg_gen_ld_i32(v, tcg_env, offsetof(CPUARMState, vfp.fpexc));
        break;
    default:
        return false;
    }
    if (a->rt == 15) {
        if (a->reg != 1) {
            return false;
        }
        TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(v),
                            tcgv_i32_temp(tcg_constant_i32(CPSR_NZCV)) };
        tcg_gen_call(&info_cpsr_write, NULL, args);
    } else {
        tcg_gen_mov_i32(cpu_R[a->rt], v);
    }
    return true;
}

/* VMSR FPSCR: the rounding mode and vector length are TB state: end the TB. */
static bool trans_VMSR(DisasContext *s, arg_VMSR *a)
{
    if (!arm_dc_feature(s, ARM_FEATURE_VFP) || a->rt == 15) {
        return false;
    }
    if (a->reg == 1) {
        if (!s->vfp_enabled) {
            return false;
        }
        TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(cpu_R[a->rt]) };
        tcg_gen_call(&info_vfp_set_fpscr, NULL, args);
    } else if (a->reg == 8 && !s->user) {
        tcg_gen_st_i32(cpu_R[a->rt], tcg_env, offsetof(CPUARMState, vfp.fpexc));
    } else {
        return false;
    }
    arm_gen_set_pc_im(s->base.pc_next);
    s->base.is_jmp = DISAS_UPDATE;
    return true;
}

static bool vfp_no_vectors(DisasContext *s)
{
    return (s->base.tb->flags & (7u << ARM_TBFLAG_VECLEN_SHIFT)) == 0;
}

/*
 * The non-fused operations 0-8 of vfp-ops.h as calls of the value helpers:
 * each product and sum is one softfloat operation rounded once, exactly as
 * there, and a negation is a sign-bit flip in generated code.  The [width]
 * index of the tables is sz (0 single, 1 double).
 */
static const TCGHelperInfo *const vfp_add_info[2] = { &info_vfp_adds, &info_vfp_addd };
static const TCGHelperInfo *const vfp_sub_info[2] = { &info_vfp_subs, &info_vfp_subd };
static const TCGHelperInfo *const vfp_mul_info[2] = { &info_vfp_muls, &info_vfp_muld };
static const TCGHelperInfo *const vfp_div_info[2] = { &info_vfp_divs, &info_vfp_divd };

/* A register value as a temp of the width's type (I32 for singles, I64 for doubles). */
static TCGTemp *vfp_load(int sz, int r)
{
    if (sz) {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_ld_i64(v, tcg_env, dreg_ofs(r));
        return tcgv_i64_temp(v);
    }
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_ld_i32(v, tcg_env, sreg_ofs(r));
    return tcgv_i32_temp(v);
}

static TCGTemp *vfp_call2(int sz, const TCGHelperInfo *info, TCGTemp *x, TCGTemp *y)
{
    TCGTemp *r = sz ? tcgv_i64_temp(tcg_temp_new_i64()) : tcgv_i32_temp(tcg_temp_new_i32());
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), x, y };
    tcg_gen_call(info, r, args);
    return r;
}

/* FPNeg: flip the sign bit in place. */
static void vfp_neg(int sz, TCGTemp *v)
{
    if (sz) {
        tcg_gen_xori_i64(temp_tcgv_i64(v), temp_tcgv_i64(v), INT64_MIN);
    } else {
        tcg_gen_xori_i32(temp_tcgv_i32(v), temp_tcgv_i32(v), INT32_MIN);
    }
}

static void vfp_gen_basic(int sz, int op, int rd, int rn, int rm)
{
    TCGTemp *n = vfp_load(sz, rn), *m = vfp_load(sz, rm), *r;
    if (op >= 6) {
        const TCGHelperInfo *const *tab = op == 6 ? vfp_add_info : op == 7 ? vfp_sub_info : vfp_div_info;
        r = vfp_call2(sz, tab[sz], n, m);
    } else {
        r = vfp_call2(sz, vfp_mul_info[sz], n, m);
        if (op == 1 || op == 3 || op == 5) {     /* VMLS, VNMLA, VNMUL negate the product */
            vfp_neg(sz, r);
        }
        if (op < 4) {                            /* VMLA family: d (VNMLS, VNMLA: -d) + product */
            TCGTemp *d = vfp_load(sz, rd);
            if (op >= 2) {
                vfp_neg(sz, d);
            }
            r = vfp_call2(sz, vfp_add_info[sz], d, r);
        }
    }
    if (sz) {
        tcg_gen_st_i64(temp_tcgv_i64(r), tcg_env, dreg_ofs(rd));
    } else {
        tcg_gen_st_i32(temp_tcgv_i32(r), tcg_env, sreg_ofs(rd));
    }
}

static bool trans_VFP_3OP(DisasContext *s, arg_vfp_3op *a)
{
    if (!vfp_access_ok(s, a->sz, a->d | a->n | a->m) || !vfp_no_vectors(s) ||
        (a->op >= 9 && !arm_dc_feature(s, ARM_FEATURE_VFP4))) {
        return false;
    }
    if (a->op <= 8) {
        vfp_gen_basic(a->sz, a->op, vreg(a->vd, a->d, a->sz), vreg(a->vn, a->n, a->sz),
                      vreg(a->vm, a->m, a->sz));
        return true;
    }
    uint32_t packed = a->op | a->sz << 4 | vreg(a->vd, a->d, a->sz) << 8 |
                      vreg(a->vn, a->n, a->sz) << 16 | (uint32_t)vreg(a->vm, a->m, a->sz) << 24;
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(packed)) };
    tcg_gen_call(&info_vfp_3op, NULL, args);
    return true;
}

static bool trans_VFP_DIV(DisasContext *s, arg_vfp_3op *a)
{
    return trans_VFP_3OP(s, a);
}

/* VMOV immediate (VFPv3): abcdefgh expanded as VFPExpandImm (A7.5.1). */
static bool trans_VMOV_imm(DisasContext *s, arg_VMOV_imm *a)
{
    if (!vfp_access_ok(s, a->sz, a->d) || !arm_dc_feature(s, ARM_FEATURE_VFP3) ||
        !vfp_no_vectors(s)) {
        return false;
    }
    uint32_t imm8 = a->imm4h << 4 | a->imm4l;
    uint32_t sign = imm8 >> 7, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
    int r = vreg(a->vd, a->d, a->sz);
    if (a->sz) {
        uint64_t v = (uint64_t)sign << 63 | (uint64_t)(!b) << 62 |
                     (uint64_t)(b ? 0xff : 0) << 54 | (uint64_t)cdefgh << 48;
        tcg_gen_st_i64(tcg_constant_i64(v), tcg_env, dreg_ofs(r));
    } else {
        uint32_t v = sign << 31 | (!b) << 30 | (b ? 0x1f : 0) << 25 | cdefgh << 19;
        tcg_gen_st_i32(tcg_constant_i32(v), tcg_env, sreg_ofs(r));
    }
    return true;
}

/*
 * The two-operand group (op = opc2 << 1 | bit 7, A7.5 table A7-17).  Half
 * precision (0x04-0x07: VCVTB/VCVTT, singles only on ARMv7) and the
 * fixed-point VCVT (0x14-0x17 from, 0x1c-0x1f to fixed point: one register,
 * converted in place; the m:vm field is the immediate, passed in the rm
 * slot) have their own register rules.
 */
static bool trans_VFP_2OP(DisasContext *s, arg_vfp_2op *a)
{
    if (!arm_vfp_2op_valid(a->op) || !vfp_no_vectors(s)) {
        return false;
    }
    bool half = a->op >= 0x04 && a->op <= 0x07;
    bool fixed = (a->op & 0x14) == 0x14;
    if ((half && (a->sz || !arm_dc_feature(s, ARM_FEATURE_FP16))) ||
        (fixed && !arm_dc_feature(s, ARM_FEATURE_VFP3))) {
        return false;
    }
    /* the integer side of the conversions is always a single register */
    bool dst_single = a->sz && (a->op == 0x0f || (a->op >= 0x18 && !fixed));
    bool src_single = a->op == 0x10 || a->op == 0x11;
    int rd = vreg(a->vd, a->d, dst_single ? 0 : a->sz);
    int rm = vreg(a->vm, a->m, src_single ? 0 : a->sz);
    if (a->op == 0x0f && !a->sz) {
        rd = vreg(a->vd, a->d, 1);           /* single to double */
    }
    if (fixed) {
        int imm5 = a->vm << 1 | a->m, size = a->op & 1 ? 32 : 16;
        if (imm5 > size) {
            return false;                    /* UNPREDICTABLE: fewer than 0 fraction bits */
        }
        rm = size - imm5;                    /* the number of fraction bits */
    }
    if (!vfp_access_ok(s, a->sz, (a->sz && !dst_single && a->d) ||
                                 (a->sz && !src_single && !fixed && a->m))) {
        return false;
    }
    uint32_t packed = a->op | rd << 8 | a->sz << 16 | (uint32_t)rm << 24;
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(packed)) };
    tcg_gen_call(&info_vfp_2op, NULL, args);
    return true;
}

bool arm_vfp_disas_a32(DisasContext *s, uint32_t insn)
{
    if ((insn >> 28) == 0xf) {
        return arm_neon_ls_decode(s, insn) || arm_neon_dp_decode(s, insn);
    }
    return decode_vfp(s, insn);
}

bool arm_vfp_disas_t32(DisasContext *s, uint32_t insn)
{
    if ((insn >> 24) == 0xf9) {
        return arm_neon_ls_decode(s, (insn & 0x00ffffffu) | 0xf4000000u);
    }
    if ((insn >> 24 & 0xef) == 0xef) {
        /* 111U 1111 -> 1111 001U */
        return arm_neon_dp_decode(s, (insn & 0x00ffffffu) | 0xf2000000u | (insn >> 28 & 1) << 24);
    }
    if ((insn >> 28) != 0xe) {
        return false;
    }
    return decode_vfp(s, insn);
}
