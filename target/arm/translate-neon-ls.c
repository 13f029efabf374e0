/*
 * translate-neon-ls.c — Advanced SIMD element and structure loads and
 * stores (neon-ls.decode, ARMv7-A ARM A7.7): VLD1-VLD4/VST1-VST4 of
 * multiple structures, of one lane, and VLD1-VLD4 to all lanes, inline:
 * one guest access per element (in the guest's byte order) stored at the
 * element's place in env->vfp.d.  An alignment hint becomes an alignment
 * requirement on the first access; writeback adds the transfer size
 * (Rm = 13) or Rm (Rm != 15).
 */
#include "translate.h"

#include "util/bitops.h"

#include <stddef.h>

#include "neon-ls.c.inc"

/* byte offset of element e (of 1 << size bytes) of D register r: env->vfp.d is host-order uint64_t */
static ptrdiff_t elem_ofs(int r, int e, int size)
{
    return offsetof(CPUARMState, vfp.d[r & 31]) + (e << size);
}

/* one element between memory at addr and D register r, element e */
static void gen_elem(DisasContext *s, bool load, int r, int e, int size, TCGv_i32 addr,
                     MemOp align)
{
    MemOp op = (MemOp)size | (s->be_data ? MO_BE : MO_LE) | align;
    ptrdiff_t ofs = elem_ofs(r, e, size);
    TCGv_i64 v = tcg_temp_new_i64();
    if (load) {
        tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx, op);
        switch (size) {
        case 0: tcg_gen_st8_i64(v, tcg_env, ofs); break;
        case 1: tcg_gen_st16_i64(v, tcg_env, ofs); break;
        case 2: tcg_gen_st32_i64(v, tcg_env, ofs); break;
        default: tcg_gen_st_i64(v, tcg_env, ofs); break;
        }
    } else {
        switch (size) {
        case 0: tcg_gen_ld8u_i64(v, tcg_env, ofs); break;
        case 1: tcg_gen_ld16u_i64(v, tcg_env, ofs); break;
        case 2: tcg_gen_ld32u_i64(v, tcg_env, ofs); break;
        default: tcg_gen_ld_i64(v, tcg_env, ofs); break;
        }
        tcg_gen_qemu_st_i64(v, addr, s->mmu_idx, op);
    }
}

/* an alignment of 2^bits bytes as a MemOp (0: none) */
static MemOp align_op(int bits)
{
    return bits ? (MemOp)(bits << MO_ASHIFT) : 0;
}

static void gen_writeback(int rn, int rm, int bytes)
{
    if (rm == 13) {
        tcg_gen_addi_i32(cpu_R[rn], cpu_R[rn], bytes);
    } else if (rm != 15) {
        tcg_gen_add_i32(cpu_R[rn], cpu_R[rn], cpu_R[rm]);
    }
}

static bool neon_ls_ok(DisasContext *s, int rn)
{
    return arm_dc_feature(s, ARM_FEATURE_NEON) && s->vfp_enabled && rn != 15;
}

/*
 * Multiple structures: type -> structure size n (VLDn), registers per
 * member, spacing of the members (A8.8.320 ff.): member k of structure r,e
 * goes to D[d + k * inc + r], element e.
 */
static const struct {
    int8_t n, regs, inc;
} ldst_layout[16] = {
    [0] = { 4, 1, 1 }, [1] = { 4, 1, 2 }, [2] = { 1, 4, 1 }, [3] = { 2, 2, 2 },
    [4] = { 3, 1, 1 }, [5] = { 3, 1, 2 }, [6] = { 1, 3, 1 }, [7] = { 1, 1, 1 },
    [8] = { 2, 1, 1 }, [9] = { 2, 1, 2 }, [10] = { 1, 2, 1 },
};

static bool trans_NEON_LDST_MULTI(DisasContext *s, arg_NEON_LDST_MULTI *a)
{
    int n = ldst_layout[a->type].n, regs = ldst_layout[a->type].regs;
    int inc = ldst_layout[a->type].inc, d = a->d << 4 | a->vd;
    if (!neon_ls_ok(s, a->rn) || n == 0 || (n > 1 && a->size == 3) ||
        d + (n - 1) * inc + regs > 32 ||
        ((regs == 1 && n == 1) && (a->align & 2)) || (regs == 3 && (a->align & 2)) ||
        (n == 3 && (a->align & 2)) || (n == 2 && regs == 1 && a->align == 3)) {
        return false;
    }
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    int esize = 1 << a->size, per = 8 / esize;
    MemOp align = align_op(a->align ? a->align + 2 : 0);
    for (int r = 0; r < regs; r++) {
        for (int e = 0; e < per; e++) {
            for (int k = 0; k < n; k++) {
                bool first = r == 0 && e == 0 && k == 0;
                gen_elem(s, a->l, d + k * inc + r, e, a->size, addr, first ? align : 0);
                tcg_gen_addi_i32(addr, addr, esize);
            }
        }
    }
    gen_writeback(a->rn, a->rm, 8 * n * regs);
    return true;
}

/*
 * One lane: index_align holds the lane, the member spacing and the
 * alignment (A8.8.322 ff. tables); returns false for the encodings it
 * marks undefined.
 */
static bool trans_NEON_LDST_LANE(DisasContext *s, arg_NEON_LDST_LANE *a)
{
    int n = a->nn + 1, size = a->size, ia = a->ia, d = a->d << 4 | a->vd;
    int idx = ia >> (size + 1), inc = 1, al = 0;
    if (!neon_ls_ok(s, a->rn)) {
        return false;
    }
    if (size > 0 && ((ia >> size) & 1) && n > 1) {
        inc = 2;                                      /* ia<1> (16-bit) or ia<2> (32-bit) */
    }
    switch (n) {
    case 1:
        if ((size == 0 && (ia & 1)) || (size == 1 && (ia & 2)) || (size == 2 && (ia & 4)) ||
            (size == 2 && (ia & 3) != 0 && (ia & 3) != 3)) {
            return false;
        }
        al = (ia & 1) ? size : 0;
        break;
    case 2:
        if (size == 2 && (ia & 2)) {
            return false;
        }
        al = (ia & 1) ? size + 1 : 0;
        break;
    case 3:
        if ((ia & 1) || (size == 2 && (ia & 3))) {
            return false;
        }
        break;
    default:
        if (size == 2 && (ia & 3) == 3) {
            return false;
        }
        al = size == 2 ? ((ia & 3) ? 2 + (ia & 3) : 0) : ((ia & 1) ? size + 2 : 0);
        break;
    }
    if (d + (n - 1) * inc > 31) {
        return false;
    }
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    for (int k = 0; k < n; k++) {
        gen_elem(s, a->l, d + k * inc, idx, size, addr, k == 0 ? align_op(al) : 0);
        tcg_gen_addi_i32(addr, addr, 1 << size);
    }
    gen_writeback(a->rn, a->rm, n << size);
    return true;
}

/* One element to all lanes (loads only): t = two registers (VLD1) or spacing 2 (VLD2-4). */
static bool trans_NEON_LD_ALL(DisasContext *s, arg_NEON_LD_ALL *a)
{
    int n = a->nn + 1, size = a->size, d = a->d << 4 | a->vd, al = 0;
    int regs = n == 1 ? a->t + 1 : 1, inc = n == 1 ? 1 : a->t + 1;
    if (!neon_ls_ok(s, a->rn) || (size == 3 && (n != 4 || !a->a)) || (n == 1 && size == 3) ||
        (n == 3 && a->a)) {
        return false;
    }
    if (size == 3) {
        size = 2;                                     /* VLD4 .32 with 16-byte alignment */
        al = 4;
    } else if (a->a) {
        al = n == 1 ? size : n == 2 ? size + 1 : size == 2 ? 3 : size + 2;
    }
    if (d + (n - 1) * inc + regs > 32) {
        return false;
    }
    TCGv_i32 addr = arm_load_reg(s, a->rn);
    for (int k = 0; k < n; k++) {
        TCGv_i64 v = tcg_temp_new_i64();
        MemOp op = (MemOp)size | (s->be_data ? MO_BE : MO_LE) | (k == 0 ? align_op(al) : 0);
        tcg_gen_qemu_ld_i64(v, addr, s->mmu_idx, op);
        /* replicate the element over 64 bits */
        static const uint64_t rep[3] = { 0x0101010101010101ull, 0x0001000100010001ull,
                                         0x0000000100000001ull };
        tcg_gen_muli_i64(v, v, rep[size]);
        for (int r = 0; r < regs; r++) {
            tcg_gen_st_i64(v, tcg_env, offsetof(CPUARMState, vfp.d[(d + k * inc + r) & 31]));
        }
        tcg_gen_addi_i32(addr, addr, 1 << size);
    }
    gen_writeback(a->rn, a->rm, n << size);
    return true;
}

bool arm_neon_ls_decode(DisasContext *s, uint32_t insn)
{
    return decode_neon_ls(s, insn);
}
