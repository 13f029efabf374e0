/*
 * tcg-op.h — the API front ends use to emit IR: tcg_gen_<op>_<width>().
 *
 * Every function appends to the calling thread's context (tcg_ctx).  The
 * `i` forms take an immediate (tcg_gen_addi_i32(r, a, 4)); an op the back
 * end lacks is expanded here into ones it has (tcg/tcg-op.c), so front ends
 * never test back-end capabilities.  Widths: _i32 for 32-bit temps, _i64 for
 * 64-bit ones, _ptr for host pointers (env-relative loads and stores).
 *
 *     TCGv_i32 t = tcg_temp_new_i32();
 *     tcg_gen_ld_i32(t, tcg_env, offsetof(CPUArchState, regs[1]));
 *     tcg_gen_addi_i32(t, t, 1);
 *     tcg_gen_qemu_st_i32(t, addr, mmu_idx, MO_LEUL);   addr: TCGv_i32 or TCGv_i64
 *
 * Operand order is always results first, as in the IR (tcg-opc.h).
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "exec/memop.h"
#include "exec/translation-block.h"
#include "tcg/tcg.h"

/* The generic emitters the width-specific wrappers below call. */
void tcg_gen_op_unary(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a);
void tcg_gen_op_binary(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b);
void tcg_gen_op_binary_imm(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, int64_t b);
void tcg_gen_mov_internal(TCGType type, TCGTemp *r, TCGTemp *a);
void tcg_gen_ext_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a);
void tcg_gen_bswap_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, int flags);
void tcg_gen_count_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b);
void tcg_gen_extract_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a,
                              unsigned pos, unsigned len);
void tcg_gen_deposit_internal(TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b,
                              unsigned pos, unsigned len);
void tcg_gen_extract2_internal(TCGType type, TCGTemp *r, TCGTemp *lo, TCGTemp *hi,
                               unsigned pos);
void tcg_gen_setcond_internal(TCGOpcode opc, TCGType type, TCGCond cond, TCGTemp *r,
                              TCGTemp *a, TCGTemp *b);
void tcg_gen_movcond_internal(TCGType type, TCGCond cond, TCGTemp *r, TCGTemp *c1,
                              TCGTemp *c2, TCGTemp *v1, TCGTemp *v2);
void tcg_gen_brcond_internal(TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b, TCGLabel *l);
void tcg_gen_addsub2_internal(TCGOpcode opc, TCGType type, TCGTemp *rl, TCGTemp *rh,
                              TCGTemp *al, TCGTemp *ah, TCGTemp *bl, TCGTemp *bh);
void tcg_gen_mul2_internal(TCGOpcode opc, TCGType type, TCGTemp *rl, TCGTemp *rh,
                           TCGTemp *a, TCGTemp *b);
void tcg_gen_ldst_internal(TCGOpcode opc, TCGType type, TCGTemp *val, TCGTemp *base,
                           intptr_t offset);
void tcg_gen_qemu_ld_internal(TCGType type, TCGTemp *val, TCGTemp *addr, TCGType addr_type,
                              unsigned mmu_idx, MemOp memop);
void tcg_gen_qemu_st_internal(TCGType type, TCGTemp *val, TCGTemp *addr, TCGType addr_type,
                              unsigned mmu_idx, MemOp memop);


/* ==== 32-bit operations ==================================================== */

static inline void tcg_gen_mov_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_mov_internal(TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}

static inline void tcg_gen_movi_i32(TCGv_i32 r, int32_t c)
{
    tcg_gen_mov_internal(TCG_TYPE_I32, tcgv_i32_temp(r), tcg_constant_internal(TCG_TYPE_I32, c));
}

/* r = a <op> b */
static inline void tcg_gen_add_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_add, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_sub_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_sub, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_mul_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_mul, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_muluh_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_muluh, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_mulsh_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_mulsh, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_div_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_div, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_divu_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_divu, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_rem_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_rem, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_remu_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_remu, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_and_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_and, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_or_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_or, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_xor_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_xor, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_andc_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_andc, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_orc_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_orc, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_eqv_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_eqv, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_nand_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_nand, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_nor_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_nor, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_shl_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_shl, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_shr_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_shr, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_sar_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_sar, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_rotl_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_rotl, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_rotr_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_rotr, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

/* r = a <op> immediate (shift counts must be 0 .. 31) */
static inline void tcg_gen_addi_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_add, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_subi_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_sub, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_muli_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_mul, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_andi_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_and, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_ori_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_or, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_xori_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_xor, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_shli_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_shl, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_shri_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_shr, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_sari_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_sar, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_rotli_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_rotl, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
static inline void tcg_gen_rotri_i32(TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_rotr, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), b);
}
/* r = immediate - a */
static inline void tcg_gen_subfi_i32(TCGv_i32 r, int32_t a, TCGv_i32 b)
{
    tcg_gen_op_binary(INDEX_op_sub, TCG_TYPE_I32, tcgv_i32_temp(r), tcg_constant_internal(TCG_TYPE_I32, a), tcgv_i32_temp(b));
}

static inline void tcg_gen_neg_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_op_unary(INDEX_op_neg, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}
static inline void tcg_gen_not_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_op_unary(INDEX_op_not, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}

static inline void tcg_gen_ext8s_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ext_internal(INDEX_op_ext8s, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}
static inline void tcg_gen_ext8u_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ext_internal(INDEX_op_ext8u, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}
static inline void tcg_gen_ext16s_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ext_internal(INDEX_op_ext16s, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}
static inline void tcg_gen_ext16u_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ext_internal(INDEX_op_ext16u, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a));
}

/* flags: 0 zero-extends the swapped value, TCG_BSWAP_OS sign-extends it */
static inline void tcg_gen_bswap16_i32(TCGv_i32 r, TCGv_i32 a, int flags)
{
    tcg_gen_bswap_internal(INDEX_op_bswap16, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), flags);
}
static inline void tcg_gen_bswap32_i32(TCGv_i32 r, TCGv_i32 a, int flags)
{
    tcg_gen_bswap_internal(INDEX_op_bswap32, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), flags);
}

/* r = a ? count(a) : b */
static inline void tcg_gen_clz_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_count_internal(INDEX_op_clz, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_clzi_i32(TCGv_i32 r, TCGv_i32 a, uint32_t b)
{
    tcg_gen_count_internal(INDEX_op_clz, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcg_constant_internal(TCG_TYPE_I32, b));
}
static inline void tcg_gen_ctz_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_count_internal(INDEX_op_ctz, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_ctzi_i32(TCGv_i32 r, TCGv_i32 a, uint32_t b)
{
    tcg_gen_count_internal(INDEX_op_ctz, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcg_constant_internal(TCG_TYPE_I32, b));
}
static inline void tcg_gen_ctpop_i32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_count_internal(INDEX_op_ctpop, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), NULL);
}

/* bit fields: bits [pos, pos + len) */
static inline void tcg_gen_extract_i32(TCGv_i32 r, TCGv_i32 a, unsigned pos, unsigned len)
{
    tcg_gen_extract_internal(INDEX_op_extract, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), pos, len);
}
static inline void tcg_gen_sextract_i32(TCGv_i32 r, TCGv_i32 a, unsigned pos, unsigned len)
{
    tcg_gen_extract_internal(INDEX_op_sextract, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), pos, len);
}
static inline void tcg_gen_deposit_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b, unsigned pos, unsigned len)
{
    tcg_gen_deposit_internal(TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b), pos, len);
}
/* r = low 32 bits of (hi:lo) >> pos */
static inline void tcg_gen_extract2_i32(TCGv_i32 r, TCGv_i32 lo, TCGv_i32 hi, unsigned pos)
{
    tcg_gen_extract2_internal(TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i32_temp(lo), tcgv_i32_temp(hi), pos);
}

/* comparisons */
static inline void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_setcond_internal(INDEX_op_setcond, TCG_TYPE_I32, cond, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_setcond_internal(INDEX_op_setcond, TCG_TYPE_I32, cond, tcgv_i32_temp(r), tcgv_i32_temp(a), tcg_constant_internal(TCG_TYPE_I32, b));
}
static inline void tcg_gen_negsetcond_i32(TCGCond cond, TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_setcond_internal(INDEX_op_negsetcond, TCG_TYPE_I32, cond, tcgv_i32_temp(r), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_negsetcondi_i32(TCGCond cond, TCGv_i32 r, TCGv_i32 a, int32_t b)
{
    tcg_gen_setcond_internal(INDEX_op_negsetcond, TCG_TYPE_I32, cond, tcgv_i32_temp(r), tcgv_i32_temp(a), tcg_constant_internal(TCG_TYPE_I32, b));
}
/* r = (c1 cond c2) ? v1 : v2 */
static inline void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 r, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2)
{
    tcg_gen_movcond_internal(TCG_TYPE_I32, cond, tcgv_i32_temp(r), tcgv_i32_temp(c1), tcgv_i32_temp(c2), tcgv_i32_temp(v1), tcgv_i32_temp(v2));
}
static inline void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    tcg_gen_brcond_internal(TCG_TYPE_I32, cond, tcgv_i32_temp(a), tcgv_i32_temp(b), l);
}
static inline void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    tcg_gen_brcond_internal(TCG_TYPE_I32, cond, tcgv_i32_temp(a), tcg_constant_internal(TCG_TYPE_I32, b), l);
}

/* double-width arithmetic: (rh:rl) = (ah:al) +/- (bh:bl); (rh:rl) = a * b */
static inline void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{
    tcg_gen_addsub2_internal(INDEX_op_add2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(al), tcgv_i32_temp(ah), tcgv_i32_temp(bl), tcgv_i32_temp(bh));
}
static inline void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{
    tcg_gen_addsub2_internal(INDEX_op_sub2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(al), tcgv_i32_temp(ah), tcgv_i32_temp(bl), tcgv_i32_temp(bh));
}
static inline void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_mul2_internal(INDEX_op_mulu2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(a), tcgv_i32_temp(b));
}
static inline void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_mul2_internal(INDEX_op_muls2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

/* host memory at base + offset (base is usually tcg_env) */
static inline void tcg_gen_ld8u_i32(TCGv_i32 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld8u, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld8s_i32(TCGv_i32 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld8s, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld16u_i32(TCGv_i32 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld16u, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld16s_i32(TCGv_i32 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld16s, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld_i32(TCGv_i32 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st8_i32(TCGv_i32 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st8, TCG_TYPE_I32, tcgv_i32_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st16_i32(TCGv_i32 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st16, TCG_TYPE_I32, tcgv_i32_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st_i32(TCGv_i32 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st, TCG_TYPE_I32, tcgv_i32_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_discard_i32(TCGv_i32 a)
{
    tcg_gen_op_unary(INDEX_op_discard, TCG_TYPE_I32, tcgv_i32_temp(a), NULL);
}

/* ==== 64-bit operations ==================================================== */

static inline void tcg_gen_mov_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_mov_internal(TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}

static inline void tcg_gen_movi_i64(TCGv_i64 r, int64_t c)
{
    tcg_gen_mov_internal(TCG_TYPE_I64, tcgv_i64_temp(r), tcg_constant_internal(TCG_TYPE_I64, c));
}

/* r = a <op> b */
static inline void tcg_gen_add_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_add, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_sub_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_sub, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_mul_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_mul, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_muluh_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_muluh, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_mulsh_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_mulsh, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_div_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_div, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_divu_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_divu, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_rem_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_rem, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_remu_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_remu, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_and_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_and, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_or_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_or, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_xor_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_xor, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_andc_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_andc, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_orc_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_orc, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_eqv_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_eqv, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_nand_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_nand, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_nor_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_nor, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_shl_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_shl, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_shr_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_shr, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_sar_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_sar, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_rotl_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_rotl, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_rotr_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_rotr, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

/* r = a <op> immediate (shift counts must be 0 .. 63) */
static inline void tcg_gen_addi_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_add, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_subi_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_sub, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_muli_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_mul, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_andi_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_and, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_ori_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_or, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_xori_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_xor, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_shli_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_shl, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_shri_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_shr, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_sari_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_sar, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_rotli_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_rotl, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
static inline void tcg_gen_rotri_i64(TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_rotr, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), b);
}
/* r = immediate - a */
static inline void tcg_gen_subfi_i64(TCGv_i64 r, int64_t a, TCGv_i64 b)
{
    tcg_gen_op_binary(INDEX_op_sub, TCG_TYPE_I64, tcgv_i64_temp(r), tcg_constant_internal(TCG_TYPE_I64, a), tcgv_i64_temp(b));
}

static inline void tcg_gen_neg_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_op_unary(INDEX_op_neg, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_not_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_op_unary(INDEX_op_not, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}

static inline void tcg_gen_ext8s_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext8s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_ext8u_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext8u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_ext16s_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext16s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_ext16u_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext16u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext32s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}
static inline void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext_internal(INDEX_op_ext32u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}

/* flags: 0 zero-extends the swapped value, TCG_BSWAP_OS sign-extends it */
static inline void tcg_gen_bswap16_i64(TCGv_i64 r, TCGv_i64 a, int flags)
{
    tcg_gen_bswap_internal(INDEX_op_bswap16, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), flags);
}
static inline void tcg_gen_bswap32_i64(TCGv_i64 r, TCGv_i64 a, int flags)
{
    tcg_gen_bswap_internal(INDEX_op_bswap32, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), flags);
}
static inline void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_bswap_internal(INDEX_op_bswap64, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), 0);
}

/* r = a ? count(a) : b */
static inline void tcg_gen_clz_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_count_internal(INDEX_op_clz, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_clzi_i64(TCGv_i64 r, TCGv_i64 a, uint64_t b)
{
    tcg_gen_count_internal(INDEX_op_clz, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcg_constant_internal(TCG_TYPE_I64, b));
}
static inline void tcg_gen_ctz_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_count_internal(INDEX_op_ctz, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_ctzi_i64(TCGv_i64 r, TCGv_i64 a, uint64_t b)
{
    tcg_gen_count_internal(INDEX_op_ctz, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcg_constant_internal(TCG_TYPE_I64, b));
}
static inline void tcg_gen_ctpop_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_count_internal(INDEX_op_ctpop, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), NULL);
}

/* bit fields: bits [pos, pos + len) */
static inline void tcg_gen_extract_i64(TCGv_i64 r, TCGv_i64 a, unsigned pos, unsigned len)
{
    tcg_gen_extract_internal(INDEX_op_extract, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), pos, len);
}
static inline void tcg_gen_sextract_i64(TCGv_i64 r, TCGv_i64 a, unsigned pos, unsigned len)
{
    tcg_gen_extract_internal(INDEX_op_sextract, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), pos, len);
}
static inline void tcg_gen_deposit_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, unsigned pos, unsigned len)
{
    tcg_gen_deposit_internal(TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b), pos, len);
}
/* r = low 64 bits of (hi:lo) >> pos */
static inline void tcg_gen_extract2_i64(TCGv_i64 r, TCGv_i64 lo, TCGv_i64 hi, unsigned pos)
{
    tcg_gen_extract2_internal(TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(lo), tcgv_i64_temp(hi), pos);
}

/* comparisons */
static inline void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_setcond_internal(INDEX_op_setcond, TCG_TYPE_I64, cond, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_setcond_internal(INDEX_op_setcond, TCG_TYPE_I64, cond, tcgv_i64_temp(r), tcgv_i64_temp(a), tcg_constant_internal(TCG_TYPE_I64, b));
}
static inline void tcg_gen_negsetcond_i64(TCGCond cond, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_setcond_internal(INDEX_op_negsetcond, TCG_TYPE_I64, cond, tcgv_i64_temp(r), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_negsetcondi_i64(TCGCond cond, TCGv_i64 r, TCGv_i64 a, int64_t b)
{
    tcg_gen_setcond_internal(INDEX_op_negsetcond, TCG_TYPE_I64, cond, tcgv_i64_temp(r), tcgv_i64_temp(a), tcg_constant_internal(TCG_TYPE_I64, b));
}
/* r = (c1 cond c2) ? v1 : v2 */
static inline void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 r, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2)
{
    tcg_gen_movcond_internal(TCG_TYPE_I64, cond, tcgv_i64_temp(r), tcgv_i64_temp(c1), tcgv_i64_temp(c2), tcgv_i64_temp(v1), tcgv_i64_temp(v2));
}
static inline void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l)
{
    tcg_gen_brcond_internal(TCG_TYPE_I64, cond, tcgv_i64_temp(a), tcgv_i64_temp(b), l);
}
static inline void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l)
{
    tcg_gen_brcond_internal(TCG_TYPE_I64, cond, tcgv_i64_temp(a), tcg_constant_internal(TCG_TYPE_I64, b), l);
}

/* double-width arithmetic: (rh:rl) = (ah:al) +/- (bh:bl); (rh:rl) = a * b */
static inline void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{
    tcg_gen_addsub2_internal(INDEX_op_add2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(al), tcgv_i64_temp(ah), tcgv_i64_temp(bl), tcgv_i64_temp(bh));
}
static inline void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{
    tcg_gen_addsub2_internal(INDEX_op_sub2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(al), tcgv_i64_temp(ah), tcgv_i64_temp(bl), tcgv_i64_temp(bh));
}
static inline void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_mul2_internal(INDEX_op_mulu2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(a), tcgv_i64_temp(b));
}
static inline void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_mul2_internal(INDEX_op_muls2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

/* host memory at base + offset (base is usually tcg_env) */
static inline void tcg_gen_ld8u_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld8u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld8s_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld8s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld16u_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld16u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld16s_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld16s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld32u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld32s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_ld_i64(TCGv_i64 r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st8_i64(TCGv_i64 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st8, TCG_TYPE_I64, tcgv_i64_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st16_i64(TCGv_i64 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st16, TCG_TYPE_I64, tcgv_i64_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st32, TCG_TYPE_I64, tcgv_i64_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st_i64(TCGv_i64 v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st, TCG_TYPE_I64, tcgv_i64_temp(v), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_discard_i64(TCGv_i64 a)
{
    tcg_gen_op_unary(INDEX_op_discard, TCG_TYPE_I64, tcgv_i64_temp(a), NULL);
}

/* ==== width changes ===================================================== */

void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a);   /* zero-extend */
void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a);    /* sign-extend */
void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a);  /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a);  /* high half */
/* r = hi:lo */
void tcg_gen_concat_i32_i64(TCGv_i64 r, TCGv_i32 lo, TCGv_i32 hi);
/* lo = low half of a, hi = high half */
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);

/* ==== host pointers ===================================================== */

static inline void tcg_gen_mov_ptr(TCGv_ptr r, TCGv_ptr a)
{
    tcg_gen_mov_internal(TCG_TYPE_PTR, tcgv_ptr_temp(r), tcgv_ptr_temp(a));
}
static inline void tcg_gen_movi_ptr(TCGv_ptr r, intptr_t c)
{
    tcg_gen_mov_internal(TCG_TYPE_PTR, tcgv_ptr_temp(r), tcg_constant_internal(TCG_TYPE_PTR, c));
}
static inline void tcg_gen_add_ptr(TCGv_ptr r, TCGv_ptr a, TCGv_ptr b)
{
    tcg_gen_op_binary(INDEX_op_add, TCG_TYPE_PTR, tcgv_ptr_temp(r), tcgv_ptr_temp(a),
                      tcgv_ptr_temp(b));
}
static inline void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b)
{
    tcg_gen_op_binary_imm(INDEX_op_add, TCG_TYPE_PTR, tcgv_ptr_temp(r), tcgv_ptr_temp(a), b);
}
static inline void tcg_gen_ld_ptr(TCGv_ptr r, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_ld, TCG_TYPE_PTR, tcgv_ptr_temp(r), tcgv_ptr_temp(base), offset);
}
static inline void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ldst_internal(INDEX_op_st, TCG_TYPE_PTR, tcgv_ptr_temp(v), tcgv_ptr_temp(base), offset);
}
/* a pointer temp seen as a 64-bit integer temp (the same temp), and back */
static inline TCGv_i64 tcgv_ptr_as_i64(TCGv_ptr p)
{
    return (TCGv_i64)(uintptr_t)p;
}
static inline TCGv_ptr tcgv_i64_as_ptr(TCGv_i64 v)
{
    return (TCGv_ptr)(uintptr_t)v;
}

/* ==== guest memory ====================================================== */

/*
 * Guest loads and stores; addr is a TCGv_i32 (32-bit guest addresses) or a
 * TCGv_i64 (64-bit ones), chosen at compile time.  memop gives size, sign,
 * byte order and alignment; mmu_idx the translation regime (system mode).
 * A 64-bit access into an i32 value is not allowed; MO_SIGN on a 64-bit
 * access into i64 is meaningless and ignored.
 */
#define TCG_ADDR_TEMP(addr) _Generic((addr), \
    TCGv_i32: tcgv_i32_temp((TCGv_i32)(uintptr_t)(addr)), \
    TCGv_i64: tcgv_i64_temp((TCGv_i64)(uintptr_t)(addr)))
#define TCG_ADDR_TYPE(addr) _Generic((addr), TCGv_i32: TCG_TYPE_I32, TCGv_i64: TCG_TYPE_I64)

#define tcg_gen_qemu_ld_i32(val, addr, mmu_idx, memop) \
    tcg_gen_qemu_ld_internal(TCG_TYPE_I32, tcgv_i32_temp(val), TCG_ADDR_TEMP(addr), \
                             TCG_ADDR_TYPE(addr), mmu_idx, memop)
#define tcg_gen_qemu_ld_i64(val, addr, mmu_idx, memop) \
    tcg_gen_qemu_ld_internal(TCG_TYPE_I64, tcgv_i64_temp(val), TCG_ADDR_TEMP(addr), \
                             TCG_ADDR_TYPE(addr), mmu_idx, memop)
#define tcg_gen_qemu_st_i32(val, addr, mmu_idx, memop) \
    tcg_gen_qemu_st_internal(TCG_TYPE_I32, tcgv_i32_temp(val), TCG_ADDR_TEMP(addr), \
                             TCG_ADDR_TYPE(addr), mmu_idx, memop)
#define tcg_gen_qemu_st_i64(val, addr, mmu_idx, memop) \
    tcg_gen_qemu_st_internal(TCG_TYPE_I64, tcgv_i64_temp(val), TCG_ADDR_TEMP(addr), \
                             TCG_ADDR_TYPE(addr), mmu_idx, memop)

/*
 * 128-bit accesses, split into two 64-bit ones (not single-copy atomic):
 * the 128-bit value hi:lo is read or written in memop's byte order, so for
 * little-endian lo is at addr and hi at addr + 8, for big-endian the other
 * way round.  The alignment requirement applies to the whole access.
 */
void tcg_gen_qemu_ld_i128_internal(TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                                   TCGType addr_type, unsigned mmu_idx, MemOp memop);
void tcg_gen_qemu_st_i128_internal(TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                                   TCGType addr_type, unsigned mmu_idx, MemOp memop);
#define tcg_gen_qemu_ld_i128(lo, hi, addr, mmu_idx, memop) \
    tcg_gen_qemu_ld_i128_internal(tcgv_i64_temp(lo), tcgv_i64_temp(hi), TCG_ADDR_TEMP(addr), \
                                  TCG_ADDR_TYPE(addr), mmu_idx, memop)
#define tcg_gen_qemu_st_i128(lo, hi, addr, mmu_idx, memop) \
    tcg_gen_qemu_st_i128_internal(tcgv_i64_temp(lo), tcgv_i64_temp(hi), TCG_ADDR_TEMP(addr), \
                                  TCG_ADDR_TYPE(addr), mmu_idx, memop)

/* ==== control =========================================================== */

/* Place label l here. */
void gen_set_label(TCGLabel *l);
/* Jump to l. */
void tcg_gen_br(TCGLabel *l);
/* Memory barrier of the given TCG_MO_* | TCG_BAR_* kind. */
void tcg_gen_mb(unsigned kind);
/* A guest instruction starts; the words are restored by tb_insn_data(). */
void tcg_gen_insn_start(uint64_t w0, uint64_t w1, uint64_t w2);
/* Return to the loop with (tb | idx), or 0 when tb is NULL. */
void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx);
/* Chaining point n (0 or 1); follow it by tcg_gen_exit_tb(tb, n). */
void tcg_gen_goto_tb(unsigned n);
/* Jump to host code ptr (e.g. from a TB lookup helper); NULL returns 0. */
void tcg_gen_goto_ptr(TCGv_ptr ptr);
/* Call a helper; ret may be NULL for a void helper. */
static inline void tcg_gen_call_helper(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    tcg_gen_call(info, ret, args);
}

#endif
