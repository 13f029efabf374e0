/*
 * optimize.c — a forward pass over one TB's ops, before liveness:
 *  - constant folding of every pure op (values from tcg-eval.h, the same
 *    semantics the interpreter uses);
 *  - copy propagation: after "mov d, s" uses of d read s (or s's constant);
 *  - algebraic identities (x + 0, x & -1, x ^ x, x * 1, shifts of 0, ...);
 *  - known bits: masks of the bits each temp may have set and of those it
 *    surely has set, which make redundant zero-extensions, masks and ors
 *    disappear and prove some results constant;
 *  - branch folding: brcond/setcond/movcond on constants or on equal operands;
 *  - dead code after an unconditional branch or exit, up to the next label,
 *    and labels nothing jumps to (so the blocks around them merge).
 *
 * What the pass knows about temps is valid inside an extended basic block:
 * it is forgotten at every label, for globals at every helper call that may
 * write them.  Forgetting at a label is lazy (a stamp per temp against the
 * time of the last label), so a label costs O(1) rather than O(temps): TBs
 * with a label per guest instruction and hundreds of constants stay linear.  Front ends must not access a global's env field with ld/st
 * while the global is in use (the optimizer would not see it change).
 * insn_start ops are never removed, even in dead code: restore data and the
 * TB's instruction count depend on them.
 * New constants come from tcg_constant_try: a TB whose front end used every
 * temp below the reserve keeps the ops that would need one (the reserve
 * temps are recycled round-robin and may alias live temps: never used here).
 */
#include "tcg/tcg.h"
#include "tcg-eval.h"

#include <assert.h>
#include <string.h>

typedef struct OptInfo {
    bool is_const;
    uint64_t val;                  /* when is_const: the value, truncated to the type */
    uint64_t z_mask;               /* bits that may be set (known-zero bits are clear) */
    uint64_t o_mask;               /* bits known to be set */
    TCGTemp *copy;                 /* the value equals copy's value ... */
    uint32_t copy_gen;             /* ... while copy's gen is still this */
    uint32_t gen;                  /* bumped at each write of the temp */
    uint64_t stamp;                /* opt_now when this was last reset: valid while equal */
} OptInfo;

typedef struct OptContext {
    TCGContext *s;
    OptInfo *info;
} OptContext;

/*
 * The info of every temp, per thread, kept from TB to TB: an entry whose
 * stamp is not opt_now is stale and gets reset on first use, so neither a
 * new TB nor a label has to touch all of them.  opt_now ticks at every
 * TB start and label (64 bits: it never wraps).
 */
static __thread OptInfo opt_info[TCG_MAX_TEMPS];
static __thread uint64_t opt_now;

static inline uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

/* Forget what is known about ts (its gen moves on, so copies of it end). */
static void reset_info(OptContext *ctx, OptInfo *i, const TCGTemp *ts)
{
    i->stamp = opt_now;
    i->gen++;
    i->copy = NULL;
    if (ts->kind == TEMP_CONST) {
        i->is_const = true;
        i->val = tcg_eval_trunc(ts->type, ts->val);
        i->z_mask = i->val;
        i->o_mask = i->val;
    } else {
        i->is_const = false;
        i->z_mask = type_mask(ts->type);
        i->o_mask = 0;
    }
}

/*
 * Info of ts, forgotten first if a reset came after it was last set
 * (constants created while the pass runs get theirs on first use too).
 */
static inline OptInfo *ti(OptContext *ctx, const TCGTemp *ts)
{
    OptInfo *i = &ctx->info[ts - ctx->s->temps];
    if (__builtin_expect(i->stamp != opt_now, 0)) {
        reset_info(ctx, i, ts);
    }
    return i;
}

static void reset_temp(OptContext *ctx, TCGTemp *ts)
{
    reset_info(ctx, ti(ctx, ts), ts);
}

/* Forget everything (TB start, a label): lazily, see ti(). */
static void reset_all(OptContext *ctx)
{
    opt_now++;
}

/* Forget the globals (a helper that may write them); there are few. */
static void reset_globals(OptContext *ctx)
{
    for (int i = 0; i < ctx->s->nb_globals; i++) {
        reset_temp(ctx, &ctx->s->temps[i]);
    }
}

/* The best stand-in for ts: its constant, or the temp it is a copy of. */
static TCGTemp *best_source(OptContext *ctx, TCGTemp *ts)
{
    OptInfo *i = ti(ctx, ts);

    if (i->is_const && ts->kind != TEMP_CONST) {
        TCGTemp *c = tcg_constant_try(ts->type, (int64_t)i->val);
        if (c) {
            return c;
        }
    }
    if (i->copy && ti(ctx, i->copy)->gen == i->copy_gen) {
        return i->copy;
    }
    return ts;
}

static inline bool arg_const(OptContext *ctx, const TCGOp *op, int i, uint64_t *val)
{
    OptInfo *inf = ti(ctx, tcg_op_temp(op, i));
    if (inf->is_const) {
        *val = inf->val;
    }
    return inf->is_const;
}

static inline bool arg_is(OptContext *ctx, const TCGOp *op, int i, uint64_t v)
{
    uint64_t c = 0;
    return arg_const(ctx, op, i, &c) && c == tcg_eval_trunc(op->type, v);
}

/* Turn op into "mov out0, src" (and record what is known about out0). */
static void make_mov(OptContext *ctx, TCGOp *op, TCGTemp *src)
{
    op->opc = INDEX_op_mov;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[1] = (TCGArg)src;
}

/*
 * Turn op into "mov out0, $val"; false (op unchanged) when the TB has no
 * temp left for a new constant: the op stays correct as it is.
 */
static bool make_movi(OptContext *ctx, TCGOp *op, uint64_t val)
{
    TCGTemp *c = tcg_constant_try(op->type, (int64_t)val);
    if (!c) {
        return false;
    }
    make_mov(ctx, op, c);
    return true;
}

/* Record out = src after a mov. */
static void note_copy(OptContext *ctx, TCGTemp *out, TCGTemp *src)
{
    OptInfo *o = ti(ctx, out), *si = ti(ctx, src);

    reset_temp(ctx, out);
    o->is_const = si->is_const;
    o->val = si->val;
    o->z_mask = si->z_mask;
    o->o_mask = si->o_mask;
    if (!si->is_const) {
        o->copy = src;
        o->copy_gen = si->gen;
    }
}

/* 1: (x cond x) always holds, 0: never, -1: depends on x */
static int cond_same_operands(TCGCond c)
{
    switch (c) {
    case TCG_COND_ALWAYS:
    case TCG_COND_EQ:
    case TCG_COND_GE:
    case TCG_COND_LE:
    case TCG_COND_GEU:
    case TCG_COND_LEU:
        return 1;
    case TCG_COND_NEVER:
    case TCG_COND_NE:
    case TCG_COND_LT:
    case TCG_COND_GT:
    case TCG_COND_LTU:
    case TCG_COND_GTU:
        return 0;
    default:
        return -1;
    }
}

/* Fold a condition on inputs i and i + 1 of op: 1, 0 or -1 (unknown). */
static int fold_cond(OptContext *ctx, TCGOp *op, int i, TCGCond c)
{
    uint64_t a, b;

    if (arg_const(ctx, op, i, &a) && arg_const(ctx, op, i + 1, &b)) {
        return tcg_cond_eval(c, op->type, a, b);
    }
    if (op->args[i] == op->args[i + 1]) {
        return cond_same_operands(c);
    }
    if (arg_const(ctx, op, i + 1, &b)) {
        /* comparisons with a constant that decide themselves */
        if (b == 0 && c == TCG_COND_LTU) {
            return 0;
        }
        if (b == 0 && c == TCG_COND_GEU) {
            return 1;
        }
        if (b == 0 && (c == TCG_COND_TSTEQ || c == TCG_COND_TSTNE)) {
            return c == TCG_COND_TSTEQ;
        }
        if (c == TCG_COND_TSTNE && (ti(ctx, tcg_op_temp(op, i))->z_mask & b) == 0) {
            return 0;
        }
        if (c == TCG_COND_TSTEQ && (ti(ctx, tcg_op_temp(op, i))->z_mask & b) == 0) {
            return 1;
        }
    }
    return -1;
}

/* Put a constant first operand of a comparison second. */
static TCGCond swap_cond_args(OptContext *ctx, TCGOp *op, int i, TCGCond c)
{
    uint64_t v;
    if (arg_const(ctx, op, i, &v) && !arg_const(ctx, op, i + 1, &v)) {
        TCGArg t = op->args[i];
        op->args[i] = op->args[i + 1];
        op->args[i + 1] = t;
        return tcg_swap_cond(c);
    }
    return c;
}

static bool commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and: case INDEX_op_or:
    case INDEX_op_xor: case INDEX_op_eqv: case INDEX_op_nand: case INDEX_op_nor:
    case INDEX_op_muluh: case INDEX_op_mulsh: case INDEX_op_mulu2: case INDEX_op_muls2:
        return true;
    default:
        return false;
    }
}

/*
 * Algebraic simplification of a pure single-output op whose inputs are not
 * all constant.  Returns true when op became a mov.
 */
static bool simplify(OptContext *ctx, TCGOp *op)
{
    TCGTemp *a = tcg_op_temp(op, 1);
    uint64_t m = type_mask(op->type);
    uint64_t za = ti(ctx, a)->z_mask;
    bool same = op->nb_iargs >= 2 && op->args[1] == op->args[2];

    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr: case INDEX_op_andc:
        if (arg_is(ctx, op, 2, 0)) {
            make_mov(ctx, op, a);
            return true;
        }
        if (op->opc >= INDEX_op_shl && op->opc <= INDEX_op_rotr && arg_is(ctx, op, 1, 0)) {
            return make_movi(ctx, op, 0);
        }
        if (same && (op->opc == INDEX_op_sub || op->opc == INDEX_op_xor ||
                     op->opc == INDEX_op_andc)) {
            return make_movi(ctx, op, 0);
        }
        if (same && op->opc == INDEX_op_or) {
            make_mov(ctx, op, a);
            return true;
        }
        if (op->opc == INDEX_op_or && arg_is(ctx, op, 2, m)) {
            return make_movi(ctx, op, m);
        }
        if (op->opc == INDEX_op_or && ti(ctx, tcg_op_temp(op, 2))->z_mask == 0) {
            make_mov(ctx, op, a);
            return true;
        }
        if (op->opc == INDEX_op_or && (ti(ctx, tcg_op_temp(op, 2))->z_mask &
                                       ~ti(ctx, a)->o_mask) == 0) {
            make_mov(ctx, op, a);      /* every bit it could set is already set */
            return true;
        }
        break;
    case INDEX_op_and: {
        uint64_t c;
        if (same) {
            make_mov(ctx, op, a);
            return true;
        }
        if (arg_const(ctx, op, 2, &c)) {
            if ((za & ~c & m) == 0) {
                make_mov(ctx, op, a);      /* the mask removes nothing */
                return true;
            }
            if ((za & c) == 0) {
                return make_movi(ctx, op, 0);
            }
        }
        break;
    }
    case INDEX_op_orc:
    case INDEX_op_eqv:
        if (same) {
            return make_movi(ctx, op, m);
        }
        if (op->opc == INDEX_op_orc && arg_is(ctx, op, 2, m)) {
            make_mov(ctx, op, a);
            return true;
        }
        if (op->opc == INDEX_op_eqv && arg_is(ctx, op, 2, m)) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    case INDEX_op_mul:
        if (arg_is(ctx, op, 2, 0)) {
            return make_movi(ctx, op, 0);
        }
        if (arg_is(ctx, op, 2, 1)) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    case INDEX_op_muluh:
    case INDEX_op_mulsh:
        if (arg_is(ctx, op, 2, 0)) {
            return make_movi(ctx, op, 0);
        }
        break;
    case INDEX_op_div:
    case INDEX_op_divu:
        if (arg_is(ctx, op, 2, 1)) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    case INDEX_op_rem:
    case INDEX_op_remu:
        if (arg_is(ctx, op, 2, 1)) {
            return make_movi(ctx, op, 0);
        }
        break;
    case INDEX_op_ext8u:
    case INDEX_op_ext16u:
    case INDEX_op_ext32u: {
        uint64_t keep = op->opc == INDEX_op_ext8u ? 0xff : op->opc == INDEX_op_ext16u
                      ? 0xffff : 0xffffffff;
        if ((za & ~keep) == 0) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    }
    case INDEX_op_extract:
        if (op->args[2] == 0 && (za & ~MAKE_64BIT_MASK(0, op->args[3])) == 0) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    case INDEX_op_extract2:
        if (op->args[3] == 0) {
            make_mov(ctx, op, a);
            return true;
        }
        break;
    case INDEX_op_setcond:
    case INDEX_op_negsetcond: {
        TCGCond c = swap_cond_args(ctx, op, 1, (TCGCond)op->args[3]);
        op->args[3] = c;
        a = tcg_op_temp(op, 1);
        int r = fold_cond(ctx, op, 1, c);
        if (r >= 0) {
            return make_movi(ctx, op, op->opc == INDEX_op_setcond ? (uint64_t)r : -(uint64_t)r);
        }
        break;
    }
    case INDEX_op_movcond: {
        int r = fold_cond(ctx, op, 1, (TCGCond)op->args[5]);
        if (r >= 0 || op->args[3] == op->args[4]) {
            make_mov(ctx, op, tcg_op_temp(op, r == 0 ? 4 : 3));
            return true;
        }
        break;
    }
    default:
        break;
    }
    return false;
}

/* Bits of the result of op (single output) that may be set. */
static uint64_t result_z_mask(OptContext *ctx, const TCGOp *op)
{
    uint64_t m = type_mask(op->type);
    uint64_t za = op->nb_iargs >= 1 ? ti(ctx, tcg_op_temp(op, op->nb_oargs))->z_mask : m;
    uint64_t zb = op->nb_iargs >= 2 ? ti(ctx, tcg_op_temp(op, op->nb_oargs + 1))->z_mask : m;
    uint64_t c;

    switch (op->opc) {
    case INDEX_op_and:
        return za & zb;
    case INDEX_op_andc:
        return za;
    case INDEX_op_or:
    case INDEX_op_xor:
        return za | zb;
    case INDEX_op_ext8u:
    case INDEX_op_ld8u:
        return 0xff;
    case INDEX_op_ext16u:
    case INDEX_op_ld16u:
        return 0xffff;
    case INDEX_op_ext32u:
    case INDEX_op_ld32u:
        return 0xffffffff;
    case INDEX_op_extu_i32_i64:
        return za & 0xffffffff;
    case INDEX_op_extrl_i64_i32:
        return za & 0xffffffff;
    case INDEX_op_extrh_i64_i32:
        return za >> 32;
    case INDEX_op_extract:
        return MAKE_64BIT_MASK(0, op->args[3]);
    case INDEX_op_shr:
        if (arg_const(ctx, op, 2, &c)) {
            return za >> (c & (op->type == TCG_TYPE_I32 ? 31 : 63));
        }
        return m;
    case INDEX_op_shl:
        if (arg_const(ctx, op, 2, &c)) {
            return (za << (c & (op->type == TCG_TYPE_I32 ? 31 : 63))) & m;
        }
        return m;
    case INDEX_op_setcond:
        return 1;
    case INDEX_op_ctpop:
        return 0x7f;
    case INDEX_op_bswap16:
        return op->args[2] & TCG_BSWAP_OS ? m : 0xffff;
    case INDEX_op_bswap32:
        return op->args[2] & TCG_BSWAP_OS ? m : 0xffffffff;
    case INDEX_op_movcond:
        return ti(ctx, tcg_op_temp(op, 3))->z_mask | ti(ctx, tcg_op_temp(op, 4))->z_mask;
    case INDEX_op_deposit: {
        uint64_t f = MAKE_64BIT_MASK(0, op->args[4]);
        return ((za & ~(f << op->args[3])) | ((zb & f) << op->args[3])) & m;
    }
    case INDEX_op_qemu_ld: {
        MemOp mop = get_memop(op->args[2]);
        unsigned size = mop & MO_SIZE;
        if (!(mop & MO_SIGN) && size < MO_64) {
            return MAKE_64BIT_MASK(0, 8 << size) & m;
        }
        return m;
    }
    default:
        return m;
    }
}

/* Bits of the result of op (single output) known to be set. */
static uint64_t result_o_mask(OptContext *ctx, const TCGOp *op)
{
    uint64_t m = type_mask(op->type);
    const OptInfo *a = op->nb_iargs >= 1 ? ti(ctx, tcg_op_temp(op, op->nb_oargs)) : NULL;
    const OptInfo *b = op->nb_iargs >= 2 ? ti(ctx, tcg_op_temp(op, op->nb_oargs + 1)) : NULL;
    uint64_t c;

    switch (op->opc) {
    case INDEX_op_and:
        return a->o_mask & b->o_mask;
    case INDEX_op_or:
        return a->o_mask | b->o_mask;
    case INDEX_op_xor:
        /* one side known set and the other known clear */
        return (a->o_mask & ~b->z_mask) | (b->o_mask & ~a->z_mask);
    case INDEX_op_andc:
        return a->o_mask & ~b->z_mask;
    case INDEX_op_orc:
        return (a->o_mask | ~b->z_mask) & m;
    case INDEX_op_not:
        return ~a->z_mask & m;
    case INDEX_op_ext8u:
        return a->o_mask & 0xff;
    case INDEX_op_ext16u:
        return a->o_mask & 0xffff;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        return a->o_mask & 0xffffffff;
    case INDEX_op_extrh_i64_i32:
        return a->o_mask >> 32;
    case INDEX_op_extract:
        return (a->o_mask >> op->args[2]) & MAKE_64BIT_MASK(0, op->args[3]);
    case INDEX_op_shl:
        if (arg_const(ctx, op, 2, &c)) {
            return (a->o_mask << (c & (op->type == TCG_TYPE_I32 ? 31 : 63))) & m;
        }
        return 0;
    case INDEX_op_shr:
        if (arg_const(ctx, op, 2, &c)) {
            return a->o_mask >> (c & (op->type == TCG_TYPE_I32 ? 31 : 63));
        }
        return 0;
    case INDEX_op_movcond:
        return ti(ctx, tcg_op_temp(op, 3))->o_mask & ti(ctx, tcg_op_temp(op, 4))->o_mask;
    case INDEX_op_deposit: {
        uint64_t f = MAKE_64BIT_MASK(0, op->args[4]);
        return ((a->o_mask & ~(f << op->args[3])) | ((b->o_mask & f) << op->args[3])) & m;
    }
    default:
        return 0;
    }
}

/* Replace a pure op whose inputs are all constant by movs of its results. */
static bool fold_constant(OptContext *ctx, TCGOp *op)
{
    uint64_t in[6], out[2];
    const TCGArg *cargs = &op->args[op->nb_oargs + op->nb_iargs];

    for (int i = 0; i < op->nb_iargs; i++) {
        if (!arg_const(ctx, op, op->nb_oargs + i, &in[i])) {
            return false;
        }
    }
    if (!tcg_eval(op->opc, op->type, in, cargs, out)) {
        return false;
    }
    /* both constants first: no temp left for one of them leaves op as it is */
    TCGTemp *lo = tcg_constant_try(op->type, (int64_t)out[0]);
    TCGTemp *hi_c = op->nb_oargs == 2 ? tcg_constant_try(op->type, (int64_t)out[1]) : NULL;
    if (!lo || (op->nb_oargs == 2 && !hi_c)) {
        return false;
    }
    if (op->nb_oargs == 2) {
        TCGOp *hi = tcg_op_insert_after(ctx->s, op, INDEX_op_mov, op->type);
        hi->args[0] = op->args[1];
        hi->args[1] = (TCGArg)hi_c;
        /* the main loop has already fetched the op after this one */
        note_copy(ctx, tcg_op_temp(hi, 0), tcg_op_temp(hi, 1));
    }
    make_mov(ctx, op, lo);
    return true;
}

void tcg_optimize(TCGContext *s)
{
    OptContext ctx = { .s = s, .info = opt_info };
    bool dead = false;     /* after an unconditional jump, until the next label */

    reset_all(&ctx);

    TCG_FOR_EACH_OP_SAFE(s, op, next) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];

        if (op->opc == INDEX_op_set_label) {
            TCGLabel *l = tcg_arg_label(op->args[0]);
            if (l->refs == 0) {
                tcg_op_remove(s, op);  /* the blocks on both sides merge */
                continue;
            }
            dead = false;
            reset_all(&ctx);
            continue;
        }
        if (dead) {
            if (op->opc != INDEX_op_insn_start) {
                tcg_op_remove(s, op);
            }
            continue;
        }

        /* copy and constant propagation into the inputs */
        if (op->opc != INDEX_op_discard) {
            for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
                op->args[i] = (TCGArg)best_source(&ctx, tcg_op_temp(op, i));
            }
        }

        switch (op->opc) {
        case INDEX_op_insn_start:
        case INDEX_op_mb:
            continue;
        case INDEX_op_discard:
            reset_temp(&ctx, tcg_op_temp(op, 0));
            continue;
        case INDEX_op_br:
            dead = true;
            continue;
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
            dead = true;
            continue;
        case INDEX_op_goto_tb:
            continue;
        case INDEX_op_brcond: {
            TCGCond c = swap_cond_args(&ctx, op, 0, (TCGCond)op->args[2]);
            op->args[2] = c;
            int r = fold_cond(&ctx, op, 0, c);
            if (r == 0) {
                tcg_op_remove(s, op);
            } else if (r == 1) {
                TCGLabel *l = tcg_arg_label(op->args[3]);
                op->opc = INDEX_op_br;
                op->nb_iargs = 0;
                op->args[0] = (TCGArg)l;
                dead = true;
            }
            continue;
        }
        case INDEX_op_call: {
            unsigned flags = tcg_call_info(op)->flags;
            if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                reset_globals(&ctx);
            }
            for (int i = 0; i < op->nb_oargs; i++) {
                reset_temp(&ctx, tcg_op_temp(op, i));
            }
            continue;
        }
        default:
            break;
        }

        if (commutative(op->opc)) {
            int a = op->nb_oargs;
            uint64_t v;
            if (arg_const(&ctx, op, a, &v) && !arg_const(&ctx, op, a + 1, &v)) {
                TCGArg t = op->args[a];
                op->args[a] = op->args[a + 1];
                op->args[a + 1] = t;
            }
        }

        if (!(def->flags & TCG_OPF_SIDE_EFFECTS) && op->opc != INDEX_op_mov &&
            op->nb_oargs >= 1 && !fold_constant(&ctx, op) && op->nb_oargs == 1) {
            simplify(&ctx, op);
        }

        if (op->opc == INDEX_op_mov) {
            TCGTemp *out = tcg_op_temp(op, 0), *src = tcg_op_temp(op, 1);
            OptInfo *oi = ti(&ctx, out), *si = ti(&ctx, src);
            if (out == src || (oi->copy == src && si->gen == oi->copy_gen) ||
                (oi->is_const && si->is_const && oi->val == si->val)) {
                tcg_op_remove(s, op);  /* it already holds that value */
                continue;
            }
            note_copy(&ctx, out, src);
            continue;
        }

        /* outputs: what is known now */
        if (op->nb_oargs == 1) {
            TCGTemp *out = tcg_op_temp(op, 0);
            uint64_t z = result_z_mask(&ctx, op);
            uint64_t o = result_o_mask(&ctx, op) & z;
            if (z == o && !(def->flags & TCG_OPF_SIDE_EFFECTS)) {
                /* every bit is known: the result is a constant */
                if (make_movi(&ctx, op, z)) {
                    note_copy(&ctx, out, tcg_op_temp(op, 1));
                    continue;
                }
            }
            reset_temp(&ctx, out);
            ti(&ctx, out)->z_mask = z;
            ti(&ctx, out)->o_mask = o;
        } else {
            for (int i = 0; i < op->nb_oargs; i++) {
                reset_temp(&ctx, tcg_op_temp(op, i));
            }
        }
    }
}
