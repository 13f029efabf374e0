/*
 * demand.c — which bits of each 64-bit value are ever read, and the
 * extensions and masks whose work nobody reads, which become plain copies.
 *
 * A 32-bit guest operation on 64-bit registers (x86-64's, and the i386
 * target's, which keeps 64-bit registers too) is emitted as "extend the
 * operands, operate in 64 bits, extend the result": the operand extensions
 * are only needed where something reads the high half (a flag computation,
 * a right shift, a comparison).  A byte test ("test $1, %al") extends the
 * byte, then masks bit 0.  This backward pass over one TB, run before the
 * optimizer, computes for every temp the mask of its bits that later ops
 * read, and turns into a mov every ext8/16/32 u/s (type I64) none of whose
 * result bits beyond the kept ones are read, and every "and t, x, $c" whose
 * read bits all lie in c; the optimizer's copy propagation removes the movs.
 *
 * Contract: only those rewrites, and only when no op that can see the
 * result reads a bit that changes:
 *  - readers are known exactly within the TB; a value that may leave the
 *    TB or cross a branch or label (globals, TB temps) counts as fully read,
 *    except a global write that is overwritten before anything could observe
 *    it (no branch, label, exit, side effect or helper call in between) —
 *    the dead flag recordings a front end leaves between two flag setters;
 *  - each reader passes on what it needs of its inputs (dm_input_bits): the
 *    bitwise ops the bits asked of them (less what a constant operand
 *    forces), add/sub/mul/neg every bit up to the highest one asked (carries
 *    go up), shifts by a constant the asked bits moved back (and a sar the
 *    sign when it is copied into an asked bit), the extensions their kept
 *    bits (and the sign bit when a copy of it is asked), stores of 8..32
 *    bits the stored bits; anything else reads everything;
 *  - a constant moved into a temp in the same block is read as the constant
 *    (as the optimizer would propagate it), so that "mov t, $1; and r, x, t"
 *    is seen as the mask it is.
 *
 * A TB temp read in a block (code between labels) before being written there
 * carries a value across a label or branch: a forward walk marks those
 * (DM_CROSSING) and the backward walk takes them as fully read.  The others
 * behave like EBB temps, whose readers all follow their write in the walk.
 * State in TCGTemp.state (this pass's scratch): the forward walk keeps the
 * number of the block of the last write there, the backward walk the flags;
 * the read masks are in a per-thread array.
 */
#include "tcg/tcg.h"
#include "exec/memop.h"

enum {
    DM_HIGH = 1,      /* the high half (a global: the value) is read later */
    DM_CROSSING = 2,  /* a TB temp whose value crosses a label or branch */
    DM_READ = 4,      /* a temp's value is read later (a global's: DM_HIGH) */
    DM_EPOCH_SHIFT = 3, /* a global: the epoch of its last write, above the flags */
};

/* The TB temps that carry a value from one block to another: DM_CROSSING. */
static void dm_mark_crossing(TCGContext *s)
{
    uintptr_t block = 1;

    /*
     * while walking forwards: (block of the last write << 1) | read before
     * written in a block; state_ptr: the constant the last write in this
     * block moved into the temp, which its readers then take directly (as
     * the optimizer's propagation would, but the masks below need to see
     * "and t, x, $c" before it runs)
     */
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
        s->temps[i].state_ptr = NULL;
    }
    TCG_FOR_EACH_OP(s, op) {
        if (op->opc == INDEX_op_set_label) {
            block++;
            continue;
        }
        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            if (ts->kind != TEMP_TB && ts->kind != TEMP_EBB) {
                continue;
            }
            if ((ts->state >> 1) == block && ts->state_ptr && op->opc != INDEX_op_discard) {
                op->args[i] = (TCGArg)ts->state_ptr;
            } else if (ts->kind == TEMP_TB && (ts->state >> 1) != block) {
                ts->state |= 1;
            }
        }
        for (int i = 0; i < op->nb_oargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            ts->state = (block << 1) | (ts->state & 1);
            ts->state_ptr = op->opc == INDEX_op_mov && tcg_op_temp(op, 1)->kind == TEMP_CONST
                            ? tcg_op_temp(op, 1) : NULL;
        }
    }
    for (int i = 0; i < s->nb_temps; i++) {
        /* globals are observable after the TB; temps are dead */
        TCGTemp *ts = &s->temps[i];
        ts->state = i < s->nb_globals ? DM_HIGH : (ts->state & 1) ? DM_CROSSING : 0;
    }
}

/*
 * A global's value is observable after a point when something reads it or
 * when a branch, label, exit, side effect or call comes before its next
 * write.  Rather than marking every global at each of those, the walk
 * counts them (the epoch) and a write records the epoch it happened in:
 * a global is observable when read since, or when the epoch has moved on.
 */
static bool dm_global_observable(const TCGTemp *ts, uintptr_t epoch)
{
    return (ts->state & DM_HIGH) || (ts->state >> DM_EPOCH_SHIFT) != epoch;
}

/* Every bit up to the highest one of m: what an add, sub or mul needs of its operands. */
static uint64_t dm_up_to_msb(uint64_t m)
{
    return m ? ~0ull >> __builtin_clzll(m) : 0;
}

/* The bits of op's input i that matter, given the bits of its result that do. */
static uint64_t dm_input_bits(const TCGOp *op, int i, uint64_t out)
{
    int v = op->nb_oargs;              /* the first (value) input */
    TCGTemp *other = op->nb_iargs == 2 ? tcg_op_temp(op, i == v ? v + 1 : v) : NULL;
    bool other_const = other && other->kind == TEMP_CONST;

    if (op->opc == INDEX_op_extrl_i64_i32) {
        return 0xffffffffull;
    }
    if (op->type != TCG_TYPE_I64) {
        return ~0ull;                  /* 32-bit ops: their temps are not rewritten */
    }
    switch (op->opc) {
    case INDEX_op_mov: case INDEX_op_not:
    case INDEX_op_xor: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return out;
    case INDEX_op_and:
        return other_const ? out & other->val : out;
    case INDEX_op_or:
        return other_const ? out & ~other->val : out;
    case INDEX_op_andc:
        return i == v && other_const ? out & ~other->val : out;
    case INDEX_op_orc:
        return i == v && other_const ? out & other->val : out;
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul: case INDEX_op_neg:
        return dm_up_to_msb(out);
    case INDEX_op_shl:
        if (i != v) {
            return ~0ull;              /* the count */
        }
        return other_const && (uint64_t)other->val < 64 ? out >> other->val : dm_up_to_msb(out);
    case INDEX_op_shr:
        return i == v && other_const && (uint64_t)other->val < 64 ? out << other->val : ~0ull;
    case INDEX_op_sar:
        if (i == v && other_const && (uint64_t)other->val < 64) {
            unsigned c = other->val;
            /* result bits 63 - c + 1 .. 63 are copies of the sign */
            return (out << c) | (c && (out & ~(~0ull >> c)) ? 1ull << 63 : 0);
        }
        return ~0ull;
    case INDEX_op_ext8u: return out & 0xff;
    case INDEX_op_ext16u: return out & 0xffff;
    case INDEX_op_ext32u: return out & 0xffffffffull;
    case INDEX_op_ext8s: return (out & 0xff) | (out & ~0xffull ? 0x80 : 0);
    case INDEX_op_ext16s: return (out & 0xffff) | (out & ~0xffffull ? 0x8000 : 0);
    case INDEX_op_ext32s:
        return (out & 0xffffffffull) | (out & ~0xffffffffull ? 0x80000000ull : 0);
    case INDEX_op_st8: return i == 0 ? 0xff : ~0ull;
    case INDEX_op_st16: return i == 0 ? 0xffff : ~0ull;
    case INDEX_op_st32: return i == 0 ? 0xffffffffull : ~0ull;
    case INDEX_op_qemu_st:
        if (i == 0) {
            unsigned size = get_memop((MemOpIdx)tcg_op_carg(op, 0)) & MO_SIZE;
            return size >= MO_64 ? ~0ull : (2ull << ((8 << size) - 1)) - 1;
        }
        return ~0ull;
    default:
        return ~0ull;
    }
}

/* The bits an extension keeps (as the low bits of its input), or 0 for another op. */
static uint64_t dm_ext_keeps(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_ext8u: case INDEX_op_ext8s: return 0xff;
    case INDEX_op_ext16u: case INDEX_op_ext16s: return 0xffff;
    case INDEX_op_ext32u: case INDEX_op_ext32s: return 0xffffffffull;
    default: return 0;
    }
}

/* Demanded bits of each temp read later (valid while DM_READ is set), per thread. */
static __thread uint64_t dm_bits[TCG_MAX_TEMPS];

void tcg_demand(TCGContext *s)
{
    uintptr_t epoch = 1;

    dm_mark_crossing(s);

    for (TCGOp *op = s->last_op; op; op = op->prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        uint64_t out = ~0ull;          /* the bits of the (single) result that matter */
        bool out_read = op->nb_oargs == 0;

        if (op->opc == INDEX_op_insn_start) {
            continue;
        }

        /* outputs: how their new values are read, then nothing reads the old ones */
        for (int i = 0; i < op->nb_oargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            uint64_t bits;
            if (ts->kind == TEMP_GLOBAL) {
                bits = dm_global_observable(ts, epoch) ? ~0ull : 0;
                ts->state = epoch << DM_EPOCH_SHIFT;
            } else {
                bits = ts->state & DM_CROSSING ? ~0ull :
                       ts->state & DM_READ ? dm_bits[ts - s->temps] : 0;
                ts->state &= DM_CROSSING;
            }
            if (op->nb_oargs == 1) {
                out = bits;
            }
            out_read |= bits != 0;
        }
        if (op->opc == INDEX_op_discard) {
            continue;
        }
        if (op->type == TCG_TYPE_I64 && out != ~0ull) {
            uint64_t keep = dm_ext_keeps(op->opc);
            if (keep && !(out & ~keep)) {
                op->opc = INDEX_op_mov;     /* same argument layout: one output, one input */
            } else if (op->opc == INDEX_op_and && tcg_op_temp(op, 2)->kind == TEMP_CONST &&
                       !(out & ~tcg_op_temp(op, 2)->val)) {
                op->opc = INDEX_op_mov;     /* the mask clears no bit that matters */
                op->nb_iargs = 1;
            }
        }

        if ((def->flags & (TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_SIDE_EFFECTS)) ||
            op->opc == INDEX_op_call) {
            epoch++;                   /* every global becomes observable */
        } else if (!out_read) {
            continue;                  /* a pure op nothing reads: liveness deletes it */
        }

        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            if (ts->kind == TEMP_GLOBAL) {
                ts->state |= DM_HIGH;
            } else if (ts->kind == TEMP_EBB || ts->kind == TEMP_TB) {
                uint64_t in = dm_input_bits(op, i, out);
                int idx = ts - s->temps;
                dm_bits[idx] = ts->state & DM_READ ? dm_bits[idx] | in : in;
                ts->state |= DM_READ;
            }
        }
    }
}
