/*
 * demand.c — which 64-bit values only ever have their low 32 bits read, and
 * the zero/sign extensions of such values that can become plain copies.
 *
 * A 32-bit guest operation on 64-bit registers (x86-64's, and the i386
 * target's, which keeps 64-bit registers too) is emitted as "extend the
 * operands, operate in 64 bits, extend the result": the operand extensions
 * are only needed where something reads the high half (a flag computation,
 * a right shift, a comparison).  This backward pass over one TB, run before
 * the optimizer, finds for every ext32u/ext32s of type I64 whether any
 * later reader of its result uses bits 63:32; when none does, the op becomes
 * a mov, which the optimizer's copy propagation then removes.
 *
 * Contract: the pass only rewrites ext32u/ext32s (type I64) into mov, and
 * only when no op that can see the result reads its high half:
 *  - readers are known exactly within the TB; a value that may leave the
 *    TB or cross a branch or label (globals, TB temps) counts as fully read,
 *    except a global write that is overwritten before anything could observe
 *    it (no branch, label, exit, side effect or helper call in between) —
 *    the dead flag recordings a front end leaves between two flag setters;
 *  - "low half only" readers: the extensions themselves, extrl_i64_i32,
 *    st8/st16/st32 and guest stores of up to 32 bits (the stored value), and
 *    the ops whose low 32 result bits depend only on the low 32 bits of their
 *    inputs (mov, add, sub, mul, neg, not, and, or, xor, andc, orc, eqv, nand,
 *    nor, and shl's shifted operand), which pass their own demand on.
 *    Everything else reads the whole value.
 *
 * A TB temp read in a block (code between labels) before being written there
 * carries a value across a label or branch: a forward walk marks those
 * (DM_CROSSING) and the backward walk takes them as fully read.  The others
 * behave like EBB temps, whose readers all follow their write in the walk.
 * State in TCGTemp.state (this pass's scratch): the forward walk keeps the
 * number of the block of the last write there, the backward walk the flags.
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

    /* while walking forwards: (block of the last write << 1) | read before written in a block */
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
    }
    TCG_FOR_EACH_OP(s, op) {
        if (op->opc == INDEX_op_set_label) {
            block++;
            continue;
        }
        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            if (ts->kind == TEMP_TB && (ts->state >> 1) != block) {
                ts->state |= 1;
            }
        }
        for (int i = 0; i < op->nb_oargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            ts->state = (block << 1) | (ts->state & 1);
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

/* Does op read the high half of its input i, given whether its result's high half is read? */
static bool dm_reads_high(const TCGOp *op, int i, bool out_high)
{
    switch (op->opc) {
    case INDEX_op_mov:
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_neg: case INDEX_op_not:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return op->type != TCG_TYPE_I64 || out_high;
    case INDEX_op_shl:
        /* the count's low 6 bits are all that matter, but it is rarely a temp */
        return op->type != TCG_TYPE_I64 || i != op->nb_oargs || out_high;
    case INDEX_op_ext8s: case INDEX_op_ext8u:
    case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_extrl_i64_i32:
        return false;
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32:
        return i != 0;                 /* the stored value's low bits; the base whole */
    case INDEX_op_qemu_st:
        return i != 0 || (get_memop((MemOpIdx)tcg_op_carg(op, 0)) & MO_SIZE) > MO_32;
    default:
        return true;
    }
}

void tcg_demand(TCGContext *s)
{
    uintptr_t epoch = 1;

    dm_mark_crossing(s);

    for (TCGOp *op = s->last_op; op; op = op->prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        bool out_high = true, out_read = op->nb_oargs == 0;

        if (op->opc == INDEX_op_insn_start) {
            continue;
        }

        /* outputs: how their new values are read, then nothing reads the old ones */
        for (int i = 0; i < op->nb_oargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            bool high;
            if (ts->kind == TEMP_GLOBAL) {
                high = dm_global_observable(ts, epoch);
                ts->state = epoch << DM_EPOCH_SHIFT;
            } else {
                high = ts->state & (DM_HIGH | DM_CROSSING);
                out_read |= ts->state & DM_READ;
                ts->state &= DM_CROSSING;
            }
            if (op->nb_oargs == 1) {
                out_high = high;
            }
            out_read |= high;
        }
        if (op->opc == INDEX_op_discard) {
            continue;
        }
        if ((op->opc == INDEX_op_ext32u || op->opc == INDEX_op_ext32s) &&
            op->type == TCG_TYPE_I64 && !out_high) {
            op->opc = INDEX_op_mov;    /* same argument layout: one output, one input */
        }

        if ((def->flags & (TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_SIDE_EFFECTS)) ||
            op->opc == INDEX_op_call) {
            epoch++;                   /* every global becomes observable */
        } else if (!out_read && op->opc != INDEX_op_call) {
            continue;                  /* a pure op nothing reads: liveness deletes it */
        }

        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            if (ts->kind == TEMP_GLOBAL) {
                ts->state |= DM_HIGH;
            } else if (ts->kind == TEMP_EBB || ts->kind == TEMP_TB) {
                ts->state |= DM_READ | (dm_reads_high(op, i, out_high) ? DM_HIGH : 0);
            }
        }
    }
}
