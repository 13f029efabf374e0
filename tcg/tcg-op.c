/*
 * tcg-op.c — the tcg_gen_* API of tcg-op.h: argument checks, and the one
 * place where an op the back end does not implement (TCGBackend.op_supported)
 * is expanded into ops it does implement, or into a call of a small C helper
 * defined here.  Front ends, the optimizer and the back ends never see an op
 * the back end cannot do.
 *
 * Every expansion writes its result last, through scratch temps, so that an
 * output may alias any input (tcg_gen_add2_i32(lo, hi, lo, hi, x, y) works).
 */
#include "tcg/tcg-op.h"
#include "tcg/tcg-backend.h"
#include "util/bitops.h"

#include <assert.h>

static inline bool supported(TCGOpcode opc, TCGType type)
{
    return tcg_ctx->backend->op_supported(opc, type);
}

static inline unsigned type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static inline TCGTemp *cst(TCGType type, int64_t v)
{
    return tcg_constant_internal(type, v);
}

static inline TCGTemp *scratch(TCGType type)
{
    return tcg_temp_new_internal(type, TEMP_EBB);
}

static inline void check_out(const TCGTemp *r, TCGType type)
{
    assert(r->type == type && !temp_readonly(r));
}

/* Emit opc with temps t[0..nt) followed by constants c[0..nc). */
static TCGOp *emit(TCGOpcode opc, TCGType type, TCGTemp *const *t, int nt,
                   const TCGArg *c, int nc)
{
    TCGOp *op = tcg_emit_op(opc, type, nt + nc);
    assert(nt == op->nb_oargs + op->nb_iargs && nc == tcg_op_defs[opc].nb_cargs);
    for (int i = 0; i < nt; i++) {
        op->args[i] = (TCGArg)t[i];
    }
    for (int i = 0; i < nc; i++) {
        op->args[nt + i] = c[i];
    }
    return op;
}

static void emit2(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a)
{
    TCGTemp *t[] = { r, a };
    emit(opc, type, t, 2, NULL, 0);
}

static void emit3(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *t[] = { r, a, b };
    emit(opc, type, t, 3, NULL, 0);
}

/* ---- helpers behind the expansions -------------------------------------- */

#define HELPER_INFO(fn, ty, n)                                             \
    static const TCGHelperInfo info_##fn = {                               \
        .func = (void *)fn, .name = #fn, .flags = TCG_CALL_PURE,           \
        .ret = TCG_CALL_TYPE_##ty, .nargs = n,                             \
        .args = { TCG_CALL_TYPE_##ty, TCG_CALL_TYPE_##ty },                \
    };

/* Division is undefined for b == 0 and INT_MIN / -1; answer as tcg-opc.h says. */
static uint32_t tcg_op_helper_div_i32(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
        return a;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}
static uint32_t tcg_op_helper_divu_i32(uint32_t a, uint32_t b) { return b ? a / b : 0; }
static uint32_t tcg_op_helper_rem_i32(uint32_t a, uint32_t b)
{
    return (b == 0 || (int32_t)b == -1) ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
}
static uint32_t tcg_op_helper_remu_i32(uint32_t a, uint32_t b) { return b ? a % b : 0; }
static uint64_t tcg_op_helper_div_i64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return 0;
    }
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) {
        return a;
    }
    return (uint64_t)((int64_t)a / (int64_t)b);
}
static uint64_t tcg_op_helper_divu_i64(uint64_t a, uint64_t b) { return b ? a / b : 0; }
static uint64_t tcg_op_helper_rem_i64(uint64_t a, uint64_t b)
{
    return (b == 0 || (int64_t)b == -1) ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
}
static uint64_t tcg_op_helper_remu_i64(uint64_t a, uint64_t b) { return b ? a % b : 0; }
static uint32_t tcg_op_helper_clz_i32(uint32_t a, uint32_t b) { return a ? clz32(a) : b; }
static uint32_t tcg_op_helper_ctz_i32(uint32_t a, uint32_t b) { return a ? ctz32(a) : b; }
static uint64_t tcg_op_helper_clz_i64(uint64_t a, uint64_t b) { return a ? clz64(a) : b; }
static uint64_t tcg_op_helper_ctz_i64(uint64_t a, uint64_t b) { return a ? ctz64(a) : b; }
static uint32_t tcg_op_helper_ctpop_i32(uint32_t a) { return ctpop32(a); }
static uint64_t tcg_op_helper_ctpop_i64(uint64_t a) { return ctpop64(a); }
static uint32_t tcg_op_helper_bswap16_i32(uint32_t a) { return bswap16(a); }
static uint32_t tcg_op_helper_bswap32_i32(uint32_t a) { return bswap32(a); }
static uint64_t tcg_op_helper_bswap16_i64(uint64_t a) { return bswap16(a); }
static uint64_t tcg_op_helper_bswap32_i64(uint64_t a) { return bswap32(a); }
static uint64_t tcg_op_helper_bswap64_i64(uint64_t a) { return bswap64(a); }
static uint64_t tcg_op_helper_muluh_i64(uint64_t a, uint64_t b)
{
    uint64_t lo, hi;
    mulu64(&lo, &hi, a, b);
    return hi;
}
static uint64_t tcg_op_helper_mulsh_i64(uint64_t a, uint64_t b)
{
    uint64_t lo, hi;
    muls64(&lo, &hi, a, b);
    return hi;
}

HELPER_INFO(tcg_op_helper_div_i32, I32, 2)
HELPER_INFO(tcg_op_helper_divu_i32, I32, 2)
HELPER_INFO(tcg_op_helper_rem_i32, I32, 2)
HELPER_INFO(tcg_op_helper_remu_i32, I32, 2)
HELPER_INFO(tcg_op_helper_div_i64, I64, 2)
HELPER_INFO(tcg_op_helper_divu_i64, I64, 2)
HELPER_INFO(tcg_op_helper_rem_i64, I64, 2)
HELPER_INFO(tcg_op_helper_remu_i64, I64, 2)
HELPER_INFO(tcg_op_helper_clz_i32, I32, 2)
HELPER_INFO(tcg_op_helper_ctz_i32, I32, 2)
HELPER_INFO(tcg_op_helper_clz_i64, I64, 2)
HELPER_INFO(tcg_op_helper_ctz_i64, I64, 2)
HELPER_INFO(tcg_op_helper_ctpop_i32, I32, 1)
HELPER_INFO(tcg_op_helper_ctpop_i64, I64, 1)
HELPER_INFO(tcg_op_helper_bswap16_i32, I32, 1)
HELPER_INFO(tcg_op_helper_bswap32_i32, I32, 1)
HELPER_INFO(tcg_op_helper_bswap16_i64, I64, 1)
HELPER_INFO(tcg_op_helper_bswap32_i64, I64, 1)
HELPER_INFO(tcg_op_helper_bswap64_i64, I64, 1)
HELPER_INFO(tcg_op_helper_muluh_i64, I64, 2)
HELPER_INFO(tcg_op_helper_mulsh_i64, I64, 2)

static void call2(const TCGHelperInfo *info, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *args[] = { a, b };
    tcg_gen_call(info, r, args);
}

/* ---- moves and simple ops ----------------------------------------------- */

void tcg_gen_mov_internal(TCGType type, TCGTemp *r, TCGTemp *a)
{
    check_out(r, type);
    assert(a->type == type);
    if (r != a) {
        emit2(INDEX_op_mov, type, r, a);
    }
}

void tcg_gen_op_unary(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a)
{
    if (opc == INDEX_op_discard) {
        TCGTemp *t[] = { r };
        emit(opc, type, t, 1, NULL, 0);
        return;
    }
    check_out(r, type);
    if (supported(opc, type)) {
        emit2(opc, type, r, a);
    } else if (opc == INDEX_op_neg) {
        emit3(INDEX_op_sub, type, r, cst(type, 0), a);
    } else {
        assert(opc == INDEX_op_not);
        emit3(INDEX_op_xor, type, r, a, cst(type, -1));
    }
}

/* a op= b through a scratch, for the two-op expansions of the logic ops */
static void logic_expand(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *t = scratch(type);

    switch (opc) {
    case INDEX_op_andc:
        tcg_gen_op_unary(INDEX_op_not, type, t, b);
        emit3(INDEX_op_and, type, r, a, t);
        break;
    case INDEX_op_orc:
        tcg_gen_op_unary(INDEX_op_not, type, t, b);
        emit3(INDEX_op_or, type, r, a, t);
        break;
    case INDEX_op_eqv:
        emit3(INDEX_op_xor, type, t, a, b);
        tcg_gen_op_unary(INDEX_op_not, type, r, t);
        break;
    case INDEX_op_nand:
        emit3(INDEX_op_and, type, t, a, b);
        tcg_gen_op_unary(INDEX_op_not, type, r, t);
        break;
    case INDEX_op_nor:
        emit3(INDEX_op_or, type, t, a, b);
        tcg_gen_op_unary(INDEX_op_not, type, r, t);
        break;
    default:
        assert(!"not a logic op");
    }
    tcg_temp_free_internal(t);
}

static void rot_expand(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    /* rotl(a, n) = (a << n) | (a >> (-n & (W-1))): n == 0 gives a | a. */
    TCGTemp *t1 = scratch(type), *t2 = scratch(type), *n = scratch(type);
    TCGOpcode first = opc == INDEX_op_rotl ? INDEX_op_shl : INDEX_op_shr;
    TCGOpcode second = opc == INDEX_op_rotl ? INDEX_op_shr : INDEX_op_shl;

    emit3(INDEX_op_and, type, n, b, cst(type, type_bits(type) - 1));
    emit3(first, type, t1, a, n);
    emit3(INDEX_op_sub, type, n, cst(type, 0), n);
    emit3(INDEX_op_and, type, n, n, cst(type, type_bits(type) - 1));
    emit3(second, type, t2, a, n);
    emit3(INDEX_op_or, type, r, t1, t2);
    tcg_temp_free_internal(t1);
    tcg_temp_free_internal(t2);
    tcg_temp_free_internal(n);
}

static const TCGHelperInfo *div_helper(TCGOpcode opc, TCGType type)
{
    bool w32 = type == TCG_TYPE_I32;
    switch (opc) {
    case INDEX_op_div:
        return w32 ? &info_tcg_op_helper_div_i32 : &info_tcg_op_helper_div_i64;
    case INDEX_op_divu:
        return w32 ? &info_tcg_op_helper_divu_i32 : &info_tcg_op_helper_divu_i64;
    case INDEX_op_rem:
        return w32 ? &info_tcg_op_helper_rem_i32 : &info_tcg_op_helper_rem_i64;
    default:
        return w32 ? &info_tcg_op_helper_remu_i32 : &info_tcg_op_helper_remu_i64;
    }
}

static void mulh_expand(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    TCGOpcode wide = opc == INDEX_op_muluh ? INDEX_op_mulu2 : INDEX_op_muls2;

    if (supported(wide, type)) {
        TCGTemp *lo = scratch(type);
        TCGTemp *t[] = { lo, r, a, b };
        emit(wide, type, t, 4, NULL, 0);
        tcg_temp_free_internal(lo);
    } else if (type == TCG_TYPE_I32) {
        TCGTemp *x = scratch(TCG_TYPE_I64), *y = scratch(TCG_TYPE_I64);
        TCGOpcode ext = opc == INDEX_op_muluh ? INDEX_op_extu_i32_i64 : INDEX_op_ext_i32_i64;
        emit2(ext, TCG_TYPE_I64, x, a);
        emit2(ext, TCG_TYPE_I64, y, b);
        emit3(INDEX_op_mul, TCG_TYPE_I64, x, x, y);
        emit2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, r, x);
        tcg_temp_free_internal(x);
        tcg_temp_free_internal(y);
    } else {
        call2(opc == INDEX_op_muluh ? &info_tcg_op_helper_muluh_i64
                                    : &info_tcg_op_helper_mulsh_i64, r, a, b);
    }
}

void tcg_gen_op_binary(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    check_out(r, type);
    assert(a->type == type && b->type == type);
    if (supported(opc, type)) {
        emit3(opc, type, r, a, b);
        return;
    }
    switch (opc) {
    case INDEX_op_andc:
    case INDEX_op_orc:
    case INDEX_op_eqv:
    case INDEX_op_nand:
    case INDEX_op_nor:
        logic_expand(opc, type, r, a, b);
        break;
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        rot_expand(opc, type, r, a, b);
        break;
    case INDEX_op_muluh:
    case INDEX_op_mulsh:
        mulh_expand(opc, type, r, a, b);
        break;
    case INDEX_op_rem:
    case INDEX_op_remu:
        if (supported(opc == INDEX_op_rem ? INDEX_op_div : INDEX_op_divu, type)) {
            /* a % b = a - (a / b) * b; the undefined cases stay undefined */
            TCGTemp *q = scratch(type);
            emit3(opc == INDEX_op_rem ? INDEX_op_div : INDEX_op_divu, type, q, a, b);
            emit3(INDEX_op_mul, type, q, q, b);
            emit3(INDEX_op_sub, type, r, a, q);
            tcg_temp_free_internal(q);
            break;
        }
        /* fall through */
    case INDEX_op_div:
    case INDEX_op_divu:
        call2(div_helper(opc, type), r, a, b);
        break;
    default:
        /* add, sub, mul, and, or, xor and the shifts are mandatory */
        assert(!"mandatory op missing from the back end");
    }
}

void tcg_gen_op_binary_imm(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, int64_t b)
{
    switch (opc) {
    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        assert(b >= 0 && b < type_bits(type));
        if (b == 0) {
            tcg_gen_mov_internal(type, r, a);
            return;
        }
        break;
    case INDEX_op_add:
    case INDEX_op_sub:
    case INDEX_op_or:
    case INDEX_op_xor:
        if (b == 0) {
            tcg_gen_mov_internal(type, r, a);
            return;
        }
        break;
    default:
        break;
    }
    tcg_gen_op_binary(opc, type, r, a, cst(type, b));
}

/* ---- extensions, swaps, counts ------------------------------------------ */

void tcg_gen_ext_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a)
{
    static const struct {
        uint8_t len;
        bool sign;
    } ext[NB_OPS] = {
        [INDEX_op_ext8s] = { 8, true }, [INDEX_op_ext8u] = { 8, false },
        [INDEX_op_ext16s] = { 16, true }, [INDEX_op_ext16u] = { 16, false },
        [INDEX_op_ext32s] = { 32, true }, [INDEX_op_ext32u] = { 32, false },
    };

    check_out(r, type);
    assert(ext[opc].len);
    if (supported(opc, type)) {
        emit2(opc, type, r, a);
    } else if (!ext[opc].sign) {
        emit3(INDEX_op_and, type, r, a, cst(type, MAKE_64BIT_MASK(0, ext[opc].len)));
    } else {
        unsigned sh = type_bits(type) - ext[opc].len;
        TCGTemp *t = scratch(type);
        emit3(INDEX_op_shl, type, t, a, cst(type, sh));
        emit3(INDEX_op_sar, type, r, t, cst(type, sh));
        tcg_temp_free_internal(t);
    }
}

void tcg_gen_bswap_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, int flags)
{
    check_out(r, type);
    assert(!(flags & ~TCG_BSWAP_OS));
    if (supported(opc, type)) {
        TCGArg c = flags;
        TCGTemp *t[] = { r, a };
        emit(opc, type, t, 2, &c, 1);
        return;
    }
    const TCGHelperInfo *info;
    bool w32 = type == TCG_TYPE_I32;
    switch (opc) {
    case INDEX_op_bswap16:
        info = w32 ? &info_tcg_op_helper_bswap16_i32 : &info_tcg_op_helper_bswap16_i64;
        break;
    case INDEX_op_bswap32:
        info = w32 ? &info_tcg_op_helper_bswap32_i32 : &info_tcg_op_helper_bswap32_i64;
        break;
    default:
        info = &info_tcg_op_helper_bswap64_i64;
        break;
    }
    TCGTemp *args[] = { a };
    tcg_gen_call(info, r, args);
    if (flags & TCG_BSWAP_OS) {
        if (opc == INDEX_op_bswap16) {
            tcg_gen_ext_internal(INDEX_op_ext16s, type, r, r);
        } else if (opc == INDEX_op_bswap32 && !w32) {
            tcg_gen_ext_internal(INDEX_op_ext32s, type, r, r);
        }
    }
}

void tcg_gen_count_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    check_out(r, type);
    bool w32 = type == TCG_TYPE_I32;
    if (opc == INDEX_op_ctpop) {
        if (supported(opc, type)) {
            emit2(opc, type, r, a);
        } else {
            TCGTemp *args[] = { a };
            tcg_gen_call(w32 ? &info_tcg_op_helper_ctpop_i32 : &info_tcg_op_helper_ctpop_i64,
                         r, args);
        }
        return;
    }
    assert(b->type == type);
    if (supported(opc, type)) {
        emit3(opc, type, r, a, b);
    } else if (opc == INDEX_op_clz) {
        call2(w32 ? &info_tcg_op_helper_clz_i32 : &info_tcg_op_helper_clz_i64, r, a, b);
    } else {
        call2(w32 ? &info_tcg_op_helper_ctz_i32 : &info_tcg_op_helper_ctz_i64, r, a, b);
    }
}

/* ---- bit fields --------------------------------------------------------- */

void tcg_gen_extract_internal(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a,
                              unsigned pos, unsigned len)
{
    unsigned w = type_bits(type);

    check_out(r, type);
    assert(len >= 1 && pos + len <= w);
    if (len == w) {
        tcg_gen_mov_internal(type, r, a);
        return;
    }
    if (supported(opc, type)) {
        TCGArg c[] = { pos, len };
        TCGTemp *t[] = { r, a };
        emit(opc, type, t, 2, c, 2);
        return;
    }
    if (opc == INDEX_op_extract) {
        if (pos + len == w) {
            emit3(INDEX_op_shr, type, r, a, cst(type, pos));
        } else if (pos == 0) {
            emit3(INDEX_op_and, type, r, a, cst(type, MAKE_64BIT_MASK(0, len)));
        } else {
            TCGTemp *t = scratch(type);
            emit3(INDEX_op_shr, type, t, a, cst(type, pos));
            emit3(INDEX_op_and, type, r, t, cst(type, MAKE_64BIT_MASK(0, len)));
            tcg_temp_free_internal(t);
        }
    } else {
        TCGTemp *t = scratch(type);
        tcg_gen_op_binary_imm(INDEX_op_shl, type, t, a, w - pos - len);
        emit3(INDEX_op_sar, type, r, t, cst(type, w - len));
        tcg_temp_free_internal(t);
    }
}

void tcg_gen_deposit_internal(TCGType type, TCGTemp *r, TCGTemp *a, TCGTemp *b,
                              unsigned pos, unsigned len)
{
    unsigned w = type_bits(type);

    check_out(r, type);
    assert(len >= 1 && pos + len <= w);
    if (len == w) {
        tcg_gen_mov_internal(type, r, b);
        return;
    }
    if (supported(INDEX_op_deposit, type)) {
        TCGArg c[] = { pos, len };
        TCGTemp *t[] = { r, a, b };
        emit(INDEX_op_deposit, type, t, 3, c, 2);
        return;
    }
    uint64_t mask = MAKE_64BIT_MASK(0, len);
    TCGTemp *f = scratch(type), *k = scratch(type);
    emit3(INDEX_op_and, type, f, b, cst(type, mask));
    tcg_gen_op_binary_imm(INDEX_op_shl, type, f, f, pos);
    emit3(INDEX_op_and, type, k, a, cst(type, ~(mask << pos)));
    emit3(INDEX_op_or, type, r, k, f);
    tcg_temp_free_internal(f);
    tcg_temp_free_internal(k);
}

void tcg_gen_extract2_internal(TCGType type, TCGTemp *r, TCGTemp *lo, TCGTemp *hi,
                               unsigned pos)
{
    unsigned w = type_bits(type);

    check_out(r, type);
    assert(pos < w);
    if (pos == 0) {
        tcg_gen_mov_internal(type, r, lo);
        return;
    }
    if (supported(INDEX_op_extract2, type)) {
        TCGArg c = pos;
        TCGTemp *t[] = { r, lo, hi };
        emit(INDEX_op_extract2, type, t, 3, &c, 1);
        return;
    }
    TCGTemp *a = scratch(type), *b = scratch(type);
    emit3(INDEX_op_shr, type, a, lo, cst(type, pos));
    emit3(INDEX_op_shl, type, b, hi, cst(type, w - pos));
    emit3(INDEX_op_or, type, r, a, b);
    tcg_temp_free_internal(a);
    tcg_temp_free_internal(b);
}

/* ---- comparisons and branches ------------------------------------------- */

void tcg_gen_setcond_internal(TCGOpcode opc, TCGType type, TCGCond cond, TCGTemp *r,
                              TCGTemp *a, TCGTemp *b)
{
    check_out(r, type);
    assert(a->type == type && b->type == type && cond < TCG_COND_COUNT);
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        int64_t v = cond == TCG_COND_ALWAYS ? (opc == INDEX_op_setcond ? 1 : -1) : 0;
        tcg_gen_mov_internal(type, r, cst(type, v));
        return;
    }
    TCGArg c = cond;
    if (opc == INDEX_op_setcond || supported(opc, type)) {
        TCGTemp *t[] = { r, a, b };
        emit(opc, type, t, 3, &c, 1);
    } else {
        TCGTemp *t[] = { r, a, b };
        emit(INDEX_op_setcond, type, t, 3, &c, 1);
        tcg_gen_op_unary(INDEX_op_neg, type, r, r);
    }
}

void tcg_gen_movcond_internal(TCGType type, TCGCond cond, TCGTemp *r, TCGTemp *c1,
                              TCGTemp *c2, TCGTemp *v1, TCGTemp *v2)
{
    check_out(r, type);
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        tcg_gen_mov_internal(type, r, cond == TCG_COND_ALWAYS ? v1 : v2);
        return;
    }
    if (supported(INDEX_op_movcond, type)) {
        TCGArg c = cond;
        TCGTemp *t[] = { r, c1, c2, v1, v2 };
        emit(INDEX_op_movcond, type, t, 5, &c, 1);
        return;
    }
    /* r = (v1 & m) | (v2 & ~m), m all ones when the condition holds */
    TCGTemp *m = scratch(type), *x = scratch(type), *y = scratch(type);
    tcg_gen_setcond_internal(INDEX_op_negsetcond, type, cond, m, c1, c2);
    emit3(INDEX_op_and, type, x, v1, m);
    tcg_gen_op_binary(INDEX_op_andc, type, y, v2, m);
    emit3(INDEX_op_or, type, r, x, y);
    tcg_temp_free_internal(m);
    tcg_temp_free_internal(x);
    tcg_temp_free_internal(y);
}

void tcg_gen_brcond_internal(TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b, TCGLabel *l)
{
    assert(a->type == type && b->type == type && cond < TCG_COND_COUNT);
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        TCGArg c[] = { cond, (TCGArg)l };
        TCGTemp *t[] = { a, b };
        emit(INDEX_op_brcond, type, t, 2, c, 2);
        l->refs++;
    }
}

/* ---- double-width arithmetic -------------------------------------------- */

void tcg_gen_addsub2_internal(TCGOpcode opc, TCGType type, TCGTemp *rl, TCGTemp *rh,
                              TCGTemp *al, TCGTemp *ah, TCGTemp *bl, TCGTemp *bh)
{
    check_out(rl, type);
    check_out(rh, type);
    assert(rl != rh);
    if (supported(opc, type)) {
        TCGTemp *t[] = { rl, rh, al, ah, bl, bh };
        emit(opc, type, t, 6, NULL, 0);
        return;
    }
    bool add = opc == INDEX_op_add2;
    TCGTemp *lo = scratch(type), *hi = scratch(type), *carry = scratch(type);
    TCGArg ltu = TCG_COND_LTU;

    emit3(add ? INDEX_op_add : INDEX_op_sub, type, lo, al, bl);
    {
        /* carry out of the low half: lo < al after an add, al < bl before a sub */
        TCGTemp *t[] = { carry, add ? lo : al, add ? al : bl };
        emit(INDEX_op_setcond, type, t, 3, &ltu, 1);
    }
    emit3(add ? INDEX_op_add : INDEX_op_sub, type, hi, ah, bh);
    emit3(add ? INDEX_op_add : INDEX_op_sub, type, rh, hi, carry);
    tcg_gen_mov_internal(type, rl, lo);
    tcg_temp_free_internal(lo);
    tcg_temp_free_internal(hi);
    tcg_temp_free_internal(carry);
}

void tcg_gen_mul2_internal(TCGOpcode opc, TCGType type, TCGTemp *rl, TCGTemp *rh,
                           TCGTemp *a, TCGTemp *b)
{
    check_out(rl, type);
    check_out(rh, type);
    assert(rl != rh);
    if (supported(opc, type)) {
        TCGTemp *t[] = { rl, rh, a, b };
        emit(opc, type, t, 4, NULL, 0);
        return;
    }
    TCGTemp *lo = scratch(type);
    emit3(INDEX_op_mul, type, lo, a, b);
    tcg_gen_op_binary(opc == INDEX_op_mulu2 ? INDEX_op_muluh : INDEX_op_mulsh, type, rh, a, b);
    tcg_gen_mov_internal(type, rl, lo);
    tcg_temp_free_internal(lo);
}

/* ---- memory ------------------------------------------------------------- */

void tcg_gen_ldst_internal(TCGOpcode opc, TCGType type, TCGTemp *val, TCGTemp *base,
                           intptr_t offset)
{
    assert(val->type == type && base->type == TCG_TYPE_PTR);
    if (tcg_op_defs[opc].nb_oargs) {
        check_out(val, type);
    }
    TCGArg c = offset;
    TCGTemp *t[] = { val, base };
    emit(opc, type, t, 2, &c, 1);
}

static MemOp memop_canonical(TCGType type, MemOp mop, bool is_ld)
{
    unsigned size = mop & MO_SIZE;

    assert(size <= (type == TCG_TYPE_I32 ? MO_32 : MO_64));
    if (size == MO_8) {
        mop &= ~MO_BSWAP;       /* a byte has no byte order */
    }
    if (!is_ld || size == (type == TCG_TYPE_I32 ? MO_32 : MO_64)) {
        mop &= ~MO_SIGN;        /* nothing to extend */
    }
    return mop;
}

void tcg_gen_qemu_ld_internal(TCGType type, TCGTemp *val, TCGTemp *addr, TCGType addr_type,
                              unsigned mmu_idx, MemOp memop)
{
    check_out(val, type);
    assert(addr->type == addr_type);
    TCGArg c[] = { make_memop_idx(memop_canonical(type, memop, true), mmu_idx),
                   addr_type == TCG_TYPE_I32 ? 32 : 64 };
    TCGTemp *t[] = { val, addr };
    emit(INDEX_op_qemu_ld, type, t, 2, c, 2);
}

void tcg_gen_qemu_st_internal(TCGType type, TCGTemp *val, TCGTemp *addr, TCGType addr_type,
                              unsigned mmu_idx, MemOp memop)
{
    assert(val->type == type && addr->type == addr_type);
    TCGArg c[] = { make_memop_idx(memop_canonical(type, memop, false), mmu_idx),
                   addr_type == TCG_TYPE_I32 ? 32 : 64 };
    TCGTemp *t[] = { val, addr };
    emit(INDEX_op_qemu_st, type, t, 2, c, 2);
}

/*
 * The two halves of a 128-bit access: the half at the lower address is lo
 * for little-endian and hi for big-endian; only the first half checks the
 * alignment, which covers the whole access because addr + 8 keeps it.
 */
static void i128_halves(TCGTemp *lo, TCGTemp *hi, MemOp memop, TCGTemp **first,
                        TCGTemp **second, MemOp *m1, MemOp *m2)
{
    bool be = (memop & MO_BSWAP) == MO_BE;
    MemOp align = memop & MO_AMASK;

    *first = be ? hi : lo;
    *second = be ? lo : hi;
    /* natural alignment of the whole access is 16 bytes */
    *m1 = (memop & MO_BSWAP) | MO_64 | (align == MO_ALIGN ? MO_ALIGN_16 : align);
    *m2 = (memop & MO_BSWAP) | MO_64;
}

static TCGTemp *addr_plus_8(TCGTemp *addr, TCGType addr_type)
{
    TCGTemp *a8 = scratch(addr_type);
    emit3(INDEX_op_add, addr_type, a8, addr, cst(addr_type, 8));
    return a8;
}

void tcg_gen_qemu_ld_i128_internal(TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                                   TCGType addr_type, unsigned mmu_idx, MemOp memop)
{
    TCGTemp *first, *second;
    MemOp m1, m2;

    assert((memop & MO_SIZE) == MO_128 && lo != hi);
    i128_halves(lo, hi, memop, &first, &second, &m1, &m2);
    /* load into scratch temps: lo or hi may be the address */
    TCGTemp *v1 = scratch(TCG_TYPE_I64), *v2 = scratch(TCG_TYPE_I64);
    TCGTemp *a8 = addr_plus_8(addr, addr_type);
    tcg_gen_qemu_ld_internal(TCG_TYPE_I64, v1, addr, addr_type, mmu_idx, m1);
    tcg_gen_qemu_ld_internal(TCG_TYPE_I64, v2, a8, addr_type, mmu_idx, m2);
    tcg_gen_mov_internal(TCG_TYPE_I64, first, v1);
    tcg_gen_mov_internal(TCG_TYPE_I64, second, v2);
    tcg_temp_free_internal(v1);
    tcg_temp_free_internal(v2);
    tcg_temp_free_internal(a8);
}

void tcg_gen_qemu_st_i128_internal(TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                                   TCGType addr_type, unsigned mmu_idx, MemOp memop)
{
    TCGTemp *first, *second;
    MemOp m1, m2;

    assert((memop & MO_SIZE) == MO_128);
    i128_halves(lo, hi, memop, &first, &second, &m1, &m2);
    TCGTemp *a8 = addr_plus_8(addr, addr_type);
    tcg_gen_qemu_st_internal(TCG_TYPE_I64, first, addr, addr_type, mmu_idx, m1);
    tcg_gen_qemu_st_internal(TCG_TYPE_I64, second, a8, addr_type, mmu_idx, m2);
    tcg_temp_free_internal(a8);
}

/* ---- width changes ------------------------------------------------------ */

void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i32_temp(a));
}

void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    emit2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i32_temp(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    emit2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i64_temp(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    emit2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(r), tcgv_i64_temp(a));
}

void tcg_gen_concat_i32_i64(TCGv_i64 r, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGTemp *l = scratch(TCG_TYPE_I64), *h = scratch(TCG_TYPE_I64);
    emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, l, tcgv_i32_temp(lo));
    emit2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, h, tcgv_i32_temp(hi));
    emit3(INDEX_op_shl, TCG_TYPE_I64, h, h, cst(TCG_TYPE_I64, 32));
    emit3(INDEX_op_or, TCG_TYPE_I64, tcgv_i64_temp(r), l, h);
    tcg_temp_free_internal(l);
    tcg_temp_free_internal(h);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    TCGTemp *t = scratch(TCG_TYPE_I64);
    tcg_gen_mov_internal(TCG_TYPE_I64, t, tcgv_i64_temp(a));
    emit2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(lo), t);
    emit2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(hi), t);
    tcg_temp_free_internal(t);
}

/* ---- control ------------------------------------------------------------ */

void gen_set_label(TCGLabel *l)
{
    assert(!l->present);
    l->present = true;
    TCGArg c = (TCGArg)l;
    emit(INDEX_op_set_label, TCG_TYPE_I64, NULL, 0, &c, 1);
}

void tcg_gen_br(TCGLabel *l)
{
    TCGArg c = (TCGArg)l;
    emit(INDEX_op_br, TCG_TYPE_I64, NULL, 0, &c, 1);
    l->refs++;
}

void tcg_gen_mb(unsigned kind)
{
    TCGArg c = kind;
    emit(INDEX_op_mb, TCG_TYPE_I64, NULL, 0, &c, 1);
}

void tcg_gen_insn_start(uint64_t w0, uint64_t w1, uint64_t w2)
{
    TCGArg c[TCG_INSN_START_WORDS] = { w0, w1, w2 };
    emit(INDEX_op_insn_start, TCG_TYPE_I64, NULL, 0, c, TCG_INSN_START_WORDS);
    tcg_ctx->nb_insns++;
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx)
{
    assert(idx < 4 && (tb || idx == 0));
    assert(((uintptr_t)tb & 3) == 0);
    TCGArg c = (uintptr_t)tb | idx;
    emit(INDEX_op_exit_tb, TCG_TYPE_I64, NULL, 0, &c, 1);
}

void tcg_gen_goto_tb(unsigned n)
{
    assert(n < 2);
    TCGArg c = n;
    emit(INDEX_op_goto_tb, TCG_TYPE_I64, NULL, 0, &c, 1);
}

void tcg_gen_goto_ptr(TCGv_ptr ptr)
{
    TCGTemp *t[] = { tcgv_ptr_temp(ptr) };
    emit(INDEX_op_goto_ptr, TCG_TYPE_PTR, t, 1, NULL, 0);
}
