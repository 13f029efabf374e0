/*
 * translate-ldst.c — A32 loads and stores (a32-ldst.decode):
 * addressing modes with writeback, words, bytes, halfwords, doublewords,
 * the ARMv5 rotated word, exclusives (shared with T32: arm_gen_ldrex/
 * strex), SWP and LDM/STM.
 */
#include "a32-helpers.h"

#include "util/bitops.h"
#include "util/log.h"

#include <stddef.h>

#include "a32-ldst.c.inc"

/* ---- loads and stores ------------------------------------------------------ */

/* The address of a load/store and, for writeback, the base's new value. */
static TCGv_i32 op_addr(DisasContext *s, int p, int u, int rn, TCGv_i32 ofs, TCGv_i32 *wb)
{
    TCGv_i32 base = arm_load_reg(s, rn);
    if (rn == 15) {
        tcg_gen_andi_i32(base, base, ~3u);      /* Align(PC, 4) for literal loads */
    }
    TCGv_i32 addr = tcg_temp_new_i32();
    TCGv_i32 upd = tcg_temp_new_i32();
    if (u) {
        tcg_gen_add_i32(upd, base, ofs);
    } else {
        tcg_gen_sub_i32(upd, base, ofs);
    }
    tcg_gen_mov_i32(addr, p ? upd : base);
    *wb = upd;
    return addr;
}

void arm_gen_ld(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op)
{
    tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx, arm_dc_memop(s, op));
}

void arm_gen_st(DisasContext *s, TCGv_i32 v, TCGv_i32 addr, MemOp op)
{
    tcg_gen_qemu_st_i32(v, addr, s->mmu_idx, arm_dc_memop(s, op));
}

/*
 * One load or store with its addressing mode: p = pre-index, w = writeback
 * (post-index always writes back).  Loads write the base back before the
 * result, so that a load into the base register keeps the loaded value.
 */
bool arm_op_ldst(DisasContext *s, int p, int w, int u, int rn, int rt, TCGv_i32 ofs,
                    MemOp op, bool load)
{
    TCGv_i32 wbv;
    TCGv_i32 addr = op_addr(s, p, u, rn, ofs, &wbv);
    bool wb = !p || w;

    if (wb && (rn == 15 || (rn == rt && !load))) {
        if (rn == 15) {
            return false;
        }
    }
    /*
     * Before ARMv6 (SCTLR.U clear, alignment checking off as Linux leaves it
     * for user space) a word access ignores the address's low bits and a
     * load rotates the word right by them (A3.5.6 / ARMv5 ARM A4.1.23).
     */
    bool v5_word = !arm_dc_feature(s, ARM_FEATURE_V6) && (op & MO_SIZE) == MO_32 && !s->align;
    TCGv_i32 rot = NULL;
    if (v5_word) {
        TCGv_i32 aligned = tcg_temp_new_i32();
        rot = tcg_temp_new_i32();
        tcg_gen_andi_i32(rot, addr, 3);
        tcg_gen_shli_i32(rot, rot, 3);
        tcg_gen_andi_i32(aligned, addr, ~3u);
        addr = aligned;
    }
    if (load) {
        TCGv_i32 v = tcg_temp_new_i32();
        arm_gen_ld(s, v, addr, op);
        if (v5_word) {
            tcg_gen_rotr_i32(v, v, rot);
        }
        if (wb) {
            arm_store_reg(s, rn, wbv);
        }
        arm_store_reg_bx(s, rt, v, true);
    } else {
        arm_gen_st(s, arm_load_reg(s, rt), addr, op);
        if (wb) {
            arm_store_reg(s, rn, wbv);
        }
    }
    return true;
}

static TCGv_i32 reg_offset(DisasContext *s, arg_ldst_rr *a)
{
    TCGv_i32 m = arm_load_reg(s, a->rm);
    arm_gen_shift_imm(m, a->shty, a->shim, false);
    return m;
}

#define DO_LDST(NAME, OP, LOAD) \
    static bool trans_##NAME##_ri(DisasContext *s, arg_ldst_ri *a) \
    { \
        return arm_op_ldst(s, a->p, a->w, a->u, a->rn, a->rt, tcg_constant_i32(a->imm), OP, LOAD); \
    } \
    static bool trans_##NAME##_rr(DisasContext *s, arg_ldst_rr *a) \
    { \
        return arm_op_ldst(s, a->p, a->w, a->u, a->rn, a->rt, reg_offset(s, a), OP, LOAD); \
    }

DO_LDST(STR, MO_UL, false)
DO_LDST(LDR, MO_UL, true)
DO_LDST(STRB, MO_UB, false)
DO_LDST(LDRB, MO_UB, true)
DO_LDST(STRH, MO_UW, false)
DO_LDST(LDRH, MO_UW, true)
DO_LDST(LDRSB, MO_SB, true)
DO_LDST(LDRSH, MO_SW, true)

/* LDRD/STRD: two words, rt must be even (A32), the second register rt + 1. */
bool arm_op_ldstd(DisasContext *s, int p, int w, int u, int rn, int rt, int rt2,
                     TCGv_i32 ofs, bool load)
{
    if (!arm_dc_feature(s, ARM_FEATURE_V5TE) || rt2 == 15) {
        return false;
    }
    TCGv_i32 wbv;
    TCGv_i32 addr = op_addr(s, p, u, rn, ofs, &wbv);
    TCGv_i32 a2 = tcg_temp_new_i32();
    tcg_gen_addi_i32(a2, addr, 4);
    if (load) {
        TCGv_i32 v1 = tcg_temp_new_i32(), v2 = tcg_temp_new_i32();
        arm_gen_ld(s, v1, addr, MO_UL);
        arm_gen_ld(s, v2, a2, MO_UL);
        if (!p || w) {
            arm_store_reg(s, rn, wbv);
        }
        arm_store_reg(s, rt, v1);
        arm_store_reg(s, rt2, v2);
    } else {
        arm_gen_st(s, arm_load_reg(s, rt), addr, MO_UL);
        arm_gen_st(s, arm_load_reg(s, rt2), a2, MO_UL);
        if (!p || w) {
            arm_store_reg(s, rn, wbv);
        }
    }
    return true;
}

static bool trans_LDRD_ri(DisasContext *s, arg_ldst_ri *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, tcg_constant_i32(a->imm), true);
}

static bool trans_STRD_ri(DisasContext *s, arg_ldst_ri *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, tcg_constant_i32(a->imm), false);
}

static bool trans_LDRD_rr(DisasContext *s, arg_ldst_rr *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, arm_load_reg(s, a->rm), true);
}

static bool trans_STRD_rr(DisasContext *s, arg_ldst_rr *a)
{
    if (a->rt & 1) {
        return false;
    }
    return arm_op_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt + 1, arm_load_reg(s, a->rm), false);
}

/*
 * LDM/STM (A8.8.58 ...): i/b = increment/before from p and u; the lowest
 * register at the lowest address.  A loaded pc interworks (v5+).  S (user
 * registers, exception return) is for privileged code only.
 */
bool arm_op_ldm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wb,
                bool load)
{
    int n = __builtin_popcount(list);
    if (n == 0 || rn == 15) {
        return arm_unallocated_encoding(s);
    }
    TCGv_i32 addr = arm_load_reg(s, rn);
    int32_t start = inc ? (before ? 4 : 0) : (before ? -4 * n : -4 * n + 4);
    tcg_gen_addi_i32(addr, addr, start);
    if (!arm_dc_feature(s, ARM_FEATURE_V6) && !s->align) {
        tcg_gen_andi_i32(addr, addr, ~3u);   /* ARMv5: the low address bits are ignored */
    }
    TCGv_i32 pcval = NULL, baseval = NULL;

    for (int i = 0; i < 16; i++) {
        if (!(list & (1 << i))) {
            continue;
        }
        if (load) {
            TCGv_i32 v = tcg_temp_new_i32();
            arm_gen_ld(s, v, addr, MO_UL);
            if (i == 15) {
                pcval = v;
            } else if (i == rn) {
                baseval = v;
            } else {
                tcg_gen_mov_i32(cpu_R[i], v);
            }
        } else {
            arm_gen_st(s, arm_load_reg(s, i), addr, MO_UL);
        }
        tcg_gen_addi_i32(addr, addr, 4);
    }
    if (wb) {
        tcg_gen_addi_i32(cpu_R[rn], cpu_R[rn], inc ? 4 * n : -4 * n);
    }
    if (baseval) {
        tcg_gen_mov_i32(cpu_R[rn], baseval);
    }
    if (pcval) {
        arm_store_reg_bx(s, 15, pcval, true);
    }
    return true;
}

static bool trans_LDM_STM(DisasContext *s, arg_LDM_STM *a)
{
    if (a->s) {
        return arm_unallocated_encoding(s);
    }
    return arm_op_ldm(s, a->rn, a->list, a->u, a->p, a->w, a->l);
}

/* ---- exclusives and swaps ---------------------------------------------------- */

/*
 * LDREX records the address and the loaded value; STREX stores only if the
 * address matches and memory still holds that value, atomically (helper).
 * Shared by A32 and T32 (the callers check their encoding's register
 * rules): address rn + imm, rt2 the second register of a doubleword.
 */
void arm_gen_ldrex(DisasContext *s, int rn, int imm, int rt, int rt2, MemOp size)
{
    TCGv_i32 addr = arm_load_reg(s, rn);
    tcg_gen_addi_i32(addr, addr, imm);
    MemOp align = size == MO_8 ? 0 : MO_ALIGN;
    if (size == MO_64) {
        TCGv_i64 v = tcg_temp_new_i64();
        /* a doubleword: the word at addr goes to rt, whatever the endianness */
        tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx,
                            MO_UQ | MO_ALIGN | (s->be_data ? MO_BE : MO_LE));
        if (s->be_data) {
            tcg_gen_rotli_i64(v, v, 32);
        }
        tcg_gen_extr_i64_i32(cpu_R[rt], cpu_R[rt2], v);
        tcg_gen_mov_i64(cpu_exclusive_val, v);
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i32(v, addr, s->mmu_idx,
                            size | align | (s->be_data ? MO_BE : MO_LE));
        tcg_gen_extu_i32_i64(cpu_exclusive_val, v);
        tcg_gen_mov_i32(cpu_R[rt], v);
    }
    tcg_gen_extu_i32_i64(cpu_exclusive_addr, addr);
}

void arm_gen_strex(DisasContext *s, int rd, int rn, int imm, int rt, int rt2, MemOp size)
{
    TCGv_i32 addr = arm_load_reg(s, rn);
    tcg_gen_addi_i32(addr, addr, imm);
    TCGv_i32 hi = size == MO_64 ? cpu_R[rt2] : tcg_constant_i32(0);
    TCGTemp *args[] = { tenv(), t32(addr), t32(cpu_R[rt]), t32(hi),
                        c32(size | (s->be_data ? 8 : 0)) };
    /* the helper may fault: the pc and ITSTATE come from the insn_start words */
    tcg_gen_call(&info_strex, t32(cpu_R[rd]), args);
}

/* A32: no offset, a doubleword in an even/odd pair below r14 */
static bool op_ldrex(DisasContext *s, arg_ldrex *a, MemOp size)
{
    bool pair = size == MO_64;
    if (a->rt == 15 || a->rn == 15 || (pair && (a->rt & 1 || a->rt == 14))) {
        return false;
    }
    arm_gen_ldrex(s, a->rn, 0, a->rt, a->rt + 1, size);
    return true;
}

static bool trans_LDREX(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6) && op_ldrex(s, a, MO_32);
}
static bool trans_LDREXB(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_8);
}
static bool trans_LDREXH(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_16);
}
static bool trans_LDREXD(DisasContext *s, arg_ldrex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_ldrex(s, a, MO_64);
}

static bool op_strex(DisasContext *s, arg_strex *a, MemOp size)
{
    bool pair = size == MO_64;
    if (a->rd == 15 || a->rt == 15 || a->rn == 15 || a->rd == a->rn || a->rd == a->rt ||
        (pair && (a->rt & 1 || a->rt == 14 || a->rd == a->rt + 1))) {
        return false;
    }
    arm_gen_strex(s, a->rd, a->rn, 0, a->rt, a->rt + 1, size);
    return true;
}

static bool trans_STREX(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6) && op_strex(s, a, MO_32);
}
static bool trans_STREXB(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_8);
}
static bool trans_STREXH(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_16);
}
static bool trans_STREXD(DisasContext *s, arg_strex *a)
{
    return arm_dc_feature(s, ARM_FEATURE_V6K) && op_strex(s, a, MO_64);
}


static bool op_swp(DisasContext *s, arg_ldrex *a, int size)
{
    if (a->rt == 15 || a->rt2 == 15 || a->rn == 15 || a->rn == a->rt || a->rn == a->rt2) {
        return false;
    }
    TCGTemp *args[] = { tenv(), t32(cpu_R[a->rn]), t32(cpu_R[a->rt2]),
                        c32(size | (s->be_data ? 8 : 0)) };
    tcg_gen_call(&info_swp, t32(cpu_R[a->rt]), args);
    return true;
}

static bool trans_SWP(DisasContext *s, arg_ldrex *a) { return op_swp(s, a, 2); }
static bool trans_SWPB(DisasContext *s, arg_ldrex *a) { return op_swp(s, a, 0); }

bool arm_decode_a32_ldst(DisasContext *s, uint32_t insn)
{
    return decode_a32_ldst(s, insn);
}
