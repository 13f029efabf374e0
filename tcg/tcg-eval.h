/*
 * tcg-eval.h — the value semantics of every pure IR op, in one place:
 * the optimizer folds constants with it and the interpreter back end (TCI)
 * executes with it, so the two cannot disagree.  (The unit tests check both
 * against their own C reference, written independently of this file.)
 *
 * Values travel as uint64_t; an I32 value is the low 32 bits (inputs are
 * truncated first, results come back zero-extended).
 */
#ifndef TCG_TCG_EVAL_H
#define TCG_TCG_EVAL_H

#include "tcg/tcg.h"
#include "util/bitops.h"

static inline uint64_t tcg_eval_trunc(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

/* Signed reading of a W-bit value. */
static inline int64_t tcg_eval_sext(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (int64_t)(int32_t)v : (int64_t)v;
}

/*
 * Compute the outputs of a pure op from its inputs in[] and constant
 * arguments c[].  Returns false for ops with effects beyond their outputs
 * (memory, control flow, calls), which the caller handles.
 */
static inline bool tcg_eval(TCGOpcode opc, TCGType type, const uint64_t *in,
                            const TCGArg *c, uint64_t *out)
{
    const bool w32 = type == TCG_TYPE_I32;
    const unsigned bits = w32 ? 32 : 64;
    uint64_t a = tcg_eval_trunc(type, in[0]);
    uint64_t b = 0, r;
    int64_t sa = tcg_eval_sext(type, a), sb = 0;
    int64_t smin = w32 ? INT32_MIN : INT64_MIN;

    if (tcg_op_defs[opc].nb_iargs >= 2) {
        b = tcg_eval_trunc(type, in[1]);
        sb = tcg_eval_sext(type, b);
    }

    switch (opc) {
    case INDEX_op_mov:
        r = a;
        break;
    case INDEX_op_setcond:
        r = tcg_cond_eval((TCGCond)c[0], type, a, b);
        break;
    case INDEX_op_negsetcond:
        r = -(uint64_t)tcg_cond_eval((TCGCond)c[0], type, a, b);
        break;
    case INDEX_op_movcond:
        r = tcg_cond_eval((TCGCond)c[0], type, a, b) ? in[2] : in[3];
        break;
    case INDEX_op_add:
        r = a + b;
        break;
    case INDEX_op_sub:
        r = a - b;
        break;
    case INDEX_op_neg:
        r = -a;
        break;
    case INDEX_op_mul:
        r = a * b;
        break;
    case INDEX_op_muluh:
        r = w32 ? (a * b) >> 32 : (uint64_t)(((unsigned __int128)a * b) >> 64);
        break;
    case INDEX_op_mulsh:
        r = w32 ? (uint64_t)((sa * sb) >> 32)
                : (uint64_t)(((__int128)sa * sb) >> 64);
        break;
    case INDEX_op_mulu2:
        if (w32) {
            r = a * b;
            out[1] = r >> 32;
        } else {
            unsigned __int128 p = (unsigned __int128)a * b;
            r = (uint64_t)p;
            out[1] = (uint64_t)(p >> 64);
        }
        break;
    case INDEX_op_muls2:
        if (w32) {
            r = (uint64_t)(sa * sb);
            out[1] = (uint32_t)(r >> 32);
        } else {
            __int128 p = (__int128)sa * sb;
            r = (uint64_t)p;
            out[1] = (uint64_t)((unsigned __int128)p >> 64);
        }
        break;
    case INDEX_op_div:
        r = b == 0 ? 0 : (sa == smin && sb == -1) ? (uint64_t)smin : (uint64_t)(sa / sb);
        break;
    case INDEX_op_divu:
        r = b == 0 ? 0 : a / b;
        break;
    case INDEX_op_rem:
        r = (b == 0 || sb == -1) ? 0 : (uint64_t)(sa % sb);
        break;
    case INDEX_op_remu:
        r = b == 0 ? 0 : a % b;
        break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        uint64_t al = a, ah = tcg_eval_trunc(type, in[1]);
        uint64_t bl = tcg_eval_trunc(type, in[2]), bh = tcg_eval_trunc(type, in[3]);
        if (w32) {
            uint64_t x = al | ah << 32, y = bl | bh << 32;
            uint64_t z = opc == INDEX_op_add2 ? x + y : x - y;
            r = (uint32_t)z;
            out[1] = z >> 32;
        } else if (opc == INDEX_op_add2) {
            r = al + bl;
            out[1] = ah + bh + (r < al);
        } else {
            r = al - bl;
            out[1] = ah - bh - (al < bl);
        }
        break;
    }
    case INDEX_op_and:
        r = a & b;
        break;
    case INDEX_op_or:
        r = a | b;
        break;
    case INDEX_op_xor:
        r = a ^ b;
        break;
    case INDEX_op_andc:
        r = a & ~b;
        break;
    case INDEX_op_orc:
        r = a | ~b;
        break;
    case INDEX_op_eqv:
        r = ~(a ^ b);
        break;
    case INDEX_op_nand:
        r = ~(a & b);
        break;
    case INDEX_op_nor:
        r = ~(a | b);
        break;
    case INDEX_op_not:
        r = ~a;
        break;
    case INDEX_op_shl:
        r = a << (b & (bits - 1));
        break;
    case INDEX_op_shr:
        r = a >> (b & (bits - 1));
        break;
    case INDEX_op_sar:
        r = (uint64_t)(sa >> (b & (bits - 1)));
        break;
    case INDEX_op_rotl:
        r = w32 ? rol32(a, b) : rol64(a, b);
        break;
    case INDEX_op_rotr:
        r = w32 ? ror32(a, b) : ror64(a, b);
        break;
    case INDEX_op_extract:
        r = extract64(a, c[0], c[1]);
        break;
    case INDEX_op_sextract:
        r = (uint64_t)sextract64(a, c[0], c[1]);
        break;
    case INDEX_op_deposit:
        r = deposit64(a, c[0], c[1], b);
        break;
    case INDEX_op_extract2:
        r = c[0] == 0 ? a : (a >> c[0]) | (b << (bits - c[0]));
        break;
    case INDEX_op_ext8s:
        r = (uint64_t)(int8_t)a;
        break;
    case INDEX_op_ext8u:
        r = (uint8_t)a;
        break;
    case INDEX_op_ext16s:
        r = (uint64_t)(int16_t)a;
        break;
    case INDEX_op_ext16u:
        r = (uint16_t)a;
        break;
    case INDEX_op_ext32s:
        r = (uint64_t)(int32_t)a;
        break;
    case INDEX_op_ext32u:
        r = (uint32_t)a;
        break;
    case INDEX_op_ext_i32_i64:
        r = (uint64_t)(int32_t)in[0];
        break;
    case INDEX_op_extu_i32_i64:
        r = (uint32_t)in[0];
        break;
    case INDEX_op_extrl_i64_i32:
        r = (uint32_t)in[0];
        break;
    case INDEX_op_extrh_i64_i32:
        r = in[0] >> 32;
        break;
    case INDEX_op_bswap16:
        r = bswap16(a);
        if (c[0] & TCG_BSWAP_OS) {
            r = (uint64_t)(int16_t)r;
        }
        break;
    case INDEX_op_bswap32:
        r = bswap32(a);
        if (c[0] & TCG_BSWAP_OS) {
            r = (uint64_t)(int32_t)r;
        }
        break;
    case INDEX_op_bswap64:
        r = bswap64(a);
        break;
    case INDEX_op_clz:
        r = a ? (uint64_t)(w32 ? clz32(a) : clz64(a)) : b;
        break;
    case INDEX_op_ctz:
        r = a ? (uint64_t)(w32 ? ctz32(a) : ctz64(a)) : b;
        break;
    case INDEX_op_ctpop:
        r = ctpop64(a);
        break;
    default:
        return false;
    }
    out[0] = tcg_eval_trunc(type, r);
    if (w32 && tcg_op_defs[opc].nb_oargs == 2) {
        out[1] = (uint32_t)out[1];
    }
    return true;
}

#endif
