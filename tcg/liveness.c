/*
 * liveness.c — backward liveness over the op list of one TB.
 *
 * For every op it records in op->life which inputs die there and which
 * outputs are never read (dead) or must be written back to memory right
 * away (sync: globals before a helper that reads them, before anything that
 * may fault, and at block ends).  Ops without side effects whose outputs are
 * all dead are deleted: this is what removes the flag computations a front
 * end emits for every instruction when the next one overwrites them.  A
 * double-width op whose high half is unused becomes the single-width op.
 *
 * Temp state while walking backwards (TCGTemp.state):
 *   TS_DEAD  the value is not read later: the register copy can go
 *   TS_MEM   the value must be in its memory slot at this point
 * At the end of the TB globals are DEAD|MEM and temporaries DEAD; at a label
 * or branch TB temps behave like globals; at a conditional branch the
 * fall-through path keeps its EBB temps.
 *
 * TB temps that never carry a value across a label are first turned into
 * EBB temps (la_demote_tb_temps), so that they are not written to the frame
 * at every branch.
 *
 * Block ends touch only the globals, the TB temps (listed once per TB) and
 * the EBB temps made live since the previous block end (listed as they
 * become live), never every temp: a TB with a label per guest instruction
 * and hundreds of constants stays linear.
 */
#include "tcg/tcg.h"
#include "tcg/tcg-backend.h"

#include <assert.h>
#include <string.h>

enum {
    TS_DEAD = 1,
    TS_MEM = 2,
};

/* The temps a block end has to visit besides the globals (per thread, per TB). */
static __thread struct {
    uint16_t tb[TCG_MAX_TEMPS];    /* the TB temps */
    int nb_tb;
    uint16_t live[TCG_MAX_TEMPS];  /* EBB temps made live since the last block end */
    int nb_live;
    bool listed[TCG_MAX_TEMPS];    /* in live[] */
} la;

/*
 * Front ends allocate most temporaries as TEMP_TB, though nearly all of them
 * are written and read within one block.  Treated as TB temps they would be
 * written to their frame slot at every conditional branch and label and their
 * dead copies kept alive by those writes.  A forward walk finds the TB temps
 * that are never read in a block (code between two labels) before being
 * written there; those behave exactly like EBB temps, and become EBB temps.
 * written_in[] holds the block number of a temp's last write; block numbers
 * go on from TB to TB, so nothing is cleared per TB or per label.
 */
static __thread uint32_t la_written_in[TCG_MAX_TEMPS];
static __thread uint32_t la_block;

static void la_demote_tb_temps(TCGContext *s)
{
    bool crossing[TCG_MAX_TEMPS];

    if (la_block > UINT32_MAX / 2) {   /* far more than the labels of any TB */
        memset(la_written_in, 0, sizeof(la_written_in));
        la_block = 0;
    }
    la_block++;
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        crossing[i] = false;
    }
    TCG_FOR_EACH_OP(s, op) {
        if (op->opc == INDEX_op_set_label) {
            la_block++;
            continue;
        }
        if (op->opc == INDEX_op_insn_start || op->opc == INDEX_op_discard) {
            continue;
        }
        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            int idx = ts - s->temps;
            if (ts->kind == TEMP_TB && la_written_in[idx] != la_block) {
                crossing[idx] = true;
            }
        }
        for (int i = 0; i < op->nb_oargs; i++) {
            la_written_in[tcg_op_temp(op, i) - s->temps] = la_block;
        }
    }
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        if (s->temps[i].kind == TEMP_TB && !crossing[i]) {
            s->temps[i].kind = TEMP_EBB;
        }
    }
}

/* Start of the pass: every temp's state, and the lists. */
static void la_init(TCGContext *s)
{
    la_demote_tb_temps(s);
    la.nb_tb = la.nb_live = 0;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->kind == TEMP_GLOBAL || ts->kind == TEMP_FIXED ? TS_DEAD | TS_MEM : TS_DEAD;
        la.listed[i] = false;
        if (ts->kind == TEMP_TB) {
            la.tb[la.nb_tb++] = i;
        }
    }
}

/* An EBB temp read here: live above, until its write or the block's start. */
static void la_make_live(TCGContext *s, TCGTemp *ts)
{
    ts->state &= ~TS_DEAD;
    int idx = ts - s->temps;
    if (ts->kind == TEMP_EBB && !la.listed[idx]) {
        la.listed[idx] = true;
        la.live[la.nb_live++] = idx;
    }
}

/* EBB temps do not live across block boundaries. */
static void la_kill_ebb(TCGContext *s)
{
    for (int i = 0; i < la.nb_live; i++) {
        s->temps[la.live[i]].state = TS_DEAD;
        la.listed[la.live[i]] = false;
    }
    la.nb_live = 0;
}

/* The state after the last op of the TB (or an op that leaves it). */
static void la_func_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
    for (int i = 0; i < la.nb_tb; i++) {
        s->temps[la.tb[i]].state = TS_DEAD;
    }
    la_kill_ebb(s);
}

/* At a label or unconditional branch: everything that outlives the EBB is in memory. */
static void la_bb_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
    for (int i = 0; i < la.nb_tb; i++) {
        s->temps[la.tb[i]].state = TS_DEAD | TS_MEM;
    }
    la_kill_ebb(s);
}

/* At a conditional branch: memory copies needed, register copies may still be used. */
static void la_bb_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            s->temps[i].state |= TS_MEM;
        }
    }
    for (int i = 0; i < la.nb_tb; i++) {
        s->temps[la.tb[i]].state |= TS_MEM;
    }
}

/* Something may read the globals from memory (a helper, a fault). */
static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state |= TS_MEM;
    }
}

/* Something may write the globals in memory: cached copies die before it. */
static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
}

static bool outputs_all_dead(const TCGOp *op)
{
    for (int i = 0; i < op->nb_oargs; i++) {
        if (tcg_op_temp(op, i)->state != TS_DEAD) {
            return false;
        }
    }
    return true;
}

/* Turn a double-width op with an unused half into a single-width one; true if done. */
static bool narrow_double_op(TCGContext *s, TCGOp *op)
{
    TCGTemp *lo = tcg_op_temp(op, 0), *hi = tcg_op_temp(op, 1);
    bool lo_dead = lo->state == TS_DEAD, hi_dead = hi->state == TS_DEAD;

    switch (op->opc) {
    case INDEX_op_add2:
    case INDEX_op_sub2:
        if (!hi_dead) {
            return false;
        }
        /* rl = al op bl */
        op->opc = op->opc == INDEX_op_add2 ? INDEX_op_add : INDEX_op_sub;
        op->args[1] = op->args[2];
        op->args[2] = op->args[4];
        break;
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        if (hi_dead) {
            op->opc = INDEX_op_mul;
            op->args[1] = op->args[2];
            op->args[2] = op->args[3];
        } else if (lo_dead && s->backend && s->backend->op_supported(
                       op->opc == INDEX_op_mulu2 ? INDEX_op_muluh : INDEX_op_mulsh, op->type)) {
            op->opc = op->opc == INDEX_op_mulu2 ? INDEX_op_muluh : INDEX_op_mulsh;
            op->args[0] = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = op->args[3];
        } else {
            return false;
        }
        break;
    default:
        return false;
    }
    op->nb_oargs = 1;
    op->nb_iargs = 2;
    return true;
}

void tcg_liveness(TCGContext *s)
{
    la_init(s);

    for (TCGOp *op = s->last_op, *prev; op; op = prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        uint32_t life = 0;

        prev = op->prev;
        switch (op->opc) {
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_discard:
            /* the value dies here: earlier writes of it are useless */
            tcg_op_temp(op, 0)->state = TS_DEAD;
            continue;
        case INDEX_op_call: {
            unsigned flags = tcg_call_info(op)->flags;
            if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && outputs_all_dead(op)) {
                tcg_op_remove(s, op);
                continue;
            }
            for (int i = 0; i < op->nb_oargs; i++) {
                TCGTemp *ts = tcg_op_temp(op, i);
                if (ts->state & TS_DEAD) {
                    life |= 1u << i;
                }
                if (ts->state & TS_MEM) {
                    life |= 1u << (TCG_LIFE_SYNC_SHIFT + i);
                }
                ts->state = TS_DEAD;
            }
            if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                la_global_kill(s);
            } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                la_global_sync(s);
            }
            break;
        }
        default:
            if (op->nb_oargs == 2 && !(def->flags & TCG_OPF_SIDE_EFFECTS) &&
                !outputs_all_dead(op)) {
                narrow_double_op(s, op);
            }
            if (op->nb_oargs && !(def->flags & TCG_OPF_SIDE_EFFECTS) && outputs_all_dead(op)) {
                tcg_op_remove(s, op);
                continue;
            }
            for (int i = 0; i < op->nb_oargs; i++) {
                TCGTemp *ts = tcg_op_temp(op, i);
                if (ts->state & TS_DEAD) {
                    life |= 1u << i;
                }
                if (ts->state & TS_MEM) {
                    life |= 1u << (TCG_LIFE_SYNC_SHIFT + i);
                }
                ts->state = TS_DEAD;
            }
            if (def->flags & TCG_OPF_BB_EXIT) {
                la_func_end(s);
            } else if (def->flags & TCG_OPF_COND_BRANCH) {
                la_bb_sync(s);
            } else if (def->flags & TCG_OPF_BB_END) {
                la_bb_end(s);
            } else if (def->flags & TCG_OPF_SIDE_EFFECTS) {
                /* it may fault (guest memory) or be observed: globals must be current */
                la_global_sync(s);
            }
            break;
        }
        for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
            TCGTemp *ts = tcg_op_temp(op, i);
            if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED) {
                continue;   /* never in a register the allocator manages */
            }
            if (ts->state & TS_DEAD) {
                life |= 1u << i;
                la_make_live(s, ts);
            }
        }
        op->life = life;
    }
}
