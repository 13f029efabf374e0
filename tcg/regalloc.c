/*
 * regalloc.c — the generic per-TB register allocator of the native back
 * ends.  It walks the optimized, liveness-annotated op list once, in program
 * order, keeping for every temp where its value is (TCGTemp.val_type: a host
 * register, its memory slot, a constant, or nowhere) and for every host
 * register which temp owns it, and asks the back end (TCGNativeOps) to emit
 * the moves, fills, spills and finally each op with its operands in
 * registers that satisfy the op's constraints.
 *
 * Where values live between ops:
 *   globals     env + mem_offset; cached in a register inside a basic block,
 *               written back when liveness asks (sync bits), before helpers
 *               that read globals, at branches, labels and TB exits, and
 *               dropped from registers before helpers that write globals;
 *   TB/EBB      a frame slot of their own, frame_start + 8 * (index among
 *               temporaries), used only when a value must survive a label, a
 *               call or register pressure;
 *   constants   loaded into a register when an operand needs one; such a copy
 *               is dropped for free under pressure and at block ends;
 *   env         ops->env_reg for the whole TB.
 *
 * Per op: inputs are placed first (tightest constraints first), inputs that
 * die are released, call-clobbered registers are emptied for ops that call
 * out, then outputs get registers (aliasing an input, avoiding the inputs,
 * or any free one) and the back end emits the op.  Inputs aliased to an
 * output are copied to a private register when their value is still needed
 * after the op or when the same temp feeds another operand.
 *
 * Block ends: before a conditional branch dirty globals and TB temps are
 * written back (they stay in registers for the fall-through path); before a
 * label or an unconditional branch they are written back and, after it,
 * every register is considered empty.  TB exits write back globals only.
 * Block ends visit the globals, the TB temps (listed once per TB), the
 * occupants of the registers and the EBB temps that went to memory since
 * the previous label, not every temp: TBs with a label per guest
 * instruction and hundreds of constants stay linear.
 *
 * Compares with memory: "ld t, env, off; brcond t, $c" with t read nowhere
 * else, and "brcond g, $c" on a global that is only in memory, become one
 * compare of the memory operand when the back end has emit_brcond_mem.
 *
 * Calls: arguments go to ops->call_arg_regs (or the outgoing stack area),
 * live values in call-clobbered registers are saved to memory, globals are
 * synced or dropped per the helper's TCG_CALL_NO_READ/WRITE_GLOBALS flags,
 * and the result is taken from ops->call_ret_reg.
 *
 * Restore data: insn_start records the code offset where the previous guest
 * instruction ended (s->insn_end_off) and its words (s->insn_data).
 */
#include "tcg/regalloc.h"

#include <assert.h>
#include <string.h>

typedef struct RegAlloc {
    TCGContext *s;
    const TCGNativeOps *ops;
    TCGTemp *reg_to_temp[64];      /* owner of each host register, or NULL */
    int frame_slots;               /* slots that fit the back end's frame */
    bool frame_overflow;           /* a temp needed a slot past the frame */
    /* the temps a label must reset besides the globals and the registers' occupants */
    uint16_t *tb_temps;            /* TEMP_TB temps of this TB (indexes into s->temps) */
    int nb_tb_temps;
    uint16_t *in_mem;              /* EBB temps set to TEMP_VAL_MEM since the last reset */
    int nb_in_mem;
    bool *listed;                  /* per temp: in in_mem[] */
} RegAlloc;

/* Per-thread storage of the lists above. */
static __thread uint16_t ra_tb_temps[TCG_MAX_TEMPS], ra_in_mem[TCG_MAX_TEMPS];
static __thread bool ra_listed[TCG_MAX_TEMPS];

/* ts (not in a register any more) has its value in memory. */
static void temp_set_mem(RegAlloc *ra, TCGTemp *ts)
{
    ts->val_type = TEMP_VAL_MEM;
    int idx = ts - ra->s->temps;
    if (ts->kind == TEMP_EBB && !ra->listed[idx]) {
        ra->listed[idx] = true;
        ra->in_mem[ra->nb_in_mem++] = idx;
    }
}

static inline bool reg_in(TCGRegSet set, int reg)
{
    return (set >> reg) & 1;
}

/* ---- memory homes --------------------------------------------------------- */

/* Give a temporary its frame slot (the same one for the whole TB). */
static void temp_ensure_slot(RegAlloc *ra, TCGTemp *ts)
{
    if (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return;
    }
    int idx = (int)(ts - ra->s->temps) - ra->s->nb_globals;
    if (idx >= ra->frame_slots) {
        ra->frame_overflow = true;
        idx = 0;
    }
    ts->mem_offset = ra->ops->frame_start + 8 * (intptr_t)idx;
    ts->mem_allocated = true;
}

static int temp_base_reg(RegAlloc *ra, const TCGTemp *ts)
{
    return ts->kind == TEMP_GLOBAL ? ra->ops->env_reg : ra->ops->frame_reg;
}

/* Write a register copy back to memory if memory is stale. */
static void temp_sync(RegAlloc *ra, TCGTemp *ts)
{
    if (ts->val_type != TEMP_VAL_REG || ts->mem_coherent ||
        ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return;
    }
    temp_ensure_slot(ra, ts);
    ra->ops->emit_st(ra->s, ts->type, ts->reg, temp_base_reg(ra, ts), ts->mem_offset);
    ts->mem_coherent = true;
}

static void reg_release(RegAlloc *ra, TCGTemp *ts)
{
    if (ts->val_type == TEMP_VAL_REG && ra->reg_to_temp[ts->reg] == ts) {
        ra->reg_to_temp[ts->reg] = NULL;
    }
}

/* The value stays needed but leaves its register: sync it and drop the copy. */
static void temp_save(RegAlloc *ra, TCGTemp *ts)
{
    if (ts->val_type != TEMP_VAL_REG || ts->kind == TEMP_FIXED) {
        return;
    }
    temp_sync(ra, ts);
    reg_release(ra, ts);
    if (ts->kind == TEMP_CONST) {
        ts->val_type = TEMP_VAL_CONST;
    } else {
        temp_set_mem(ra, ts);
    }
}

/* The value is no longer needed (liveness said so, or its block ended). */
static void temp_dead(RegAlloc *ra, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        return;
    case TEMP_GLOBAL:
        /*
         * Liveness set the sync bit of every write whose value memory needs
         * later; any other register copy is overwritten before it is read
         * again, so it is dropped without a store.
         */
        reg_release(ra, ts);
        if (ts->val_type == TEMP_VAL_REG) {
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
        }
        return;
    case TEMP_CONST:
        reg_release(ra, ts);
        ts->val_type = TEMP_VAL_CONST;
        return;
    default:
        reg_release(ra, ts);
        if (ts->mem_allocated && ts->mem_coherent && ts->val_type != TEMP_VAL_DEAD) {
            temp_set_mem(ra, ts);
        } else {
            ts->val_type = TEMP_VAL_DEAD;
        }
        return;
    }
}

/* ---- registers ------------------------------------------------------------ */

/*
 * A register of want, not in avoid: a free one in the back end's preferred
 * order, else one whose occupant is cheapest to evict (a constant, then a
 * value whose memory copy is current, then anything, spilled).
 */
static int reg_alloc(RegAlloc *ra, TCGRegSet want, TCGRegSet avoid)
{
    const TCGNativeOps *ops = ra->ops;
    TCGRegSet ok = want & ~avoid & ops->allocatable;

    assert(ok != 0);
    for (int i = 0; i < ops->nb_regs; i++) {
        int r = ops->alloc_order[i];
        if (r >= 0 && reg_in(ok, r) && !ra->reg_to_temp[r]) {
            return r;
        }
    }
    int best = -1, best_cost = 3;
    for (int i = 0; i < ops->nb_regs; i++) {
        int r = ops->alloc_order[i];
        if (r < 0 || !reg_in(ok, r)) {
            continue;
        }
        TCGTemp *ts = ra->reg_to_temp[r];
        int cost = ts->kind == TEMP_CONST ? 0 : ts->mem_coherent ? 1 : 2;
        if (cost < best_cost) {
            best = r;
            best_cost = cost;
        }
    }
    /* evict from the end of the order: the registers handed out last */
    if (best < 0) {
        for (int i = ops->nb_regs - 1; i >= 0; i--) {
            int r = ops->alloc_order[i];
            if (r >= 0 && reg_in(ok, r)) {
                best = r;
                break;
            }
        }
    }
    assert(best >= 0);
    temp_save(ra, ra->reg_to_temp[best]);
    return best;
}

/* Put the value of ts into register reg (which the caller has made free). */
static void temp_copy_to(RegAlloc *ra, TCGTemp *ts, int reg)
{
    const TCGNativeOps *ops = ra->ops;

    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (ts->reg != reg) {
            ops->emit_mov(ra->s, ts->type, reg, ts->reg);
        }
        break;
    case TEMP_VAL_CONST:
        ops->emit_movi(ra->s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        temp_ensure_slot(ra, ts);
        ops->emit_ld(ra->s, ts->type, reg, temp_base_reg(ra, ts), ts->mem_offset);
        break;
    case TEMP_VAL_DEAD:
        /* read before written: any value will do */
        break;
    }
}

/* Make reg the home of ts. */
static void temp_set_reg(RegAlloc *ra, TCGTemp *ts, int reg, bool coherent)
{
    reg_release(ra, ts);
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    ts->mem_coherent = coherent;
    ra->reg_to_temp[reg] = ts;
}

/* Load ts into a register of want (not in avoid), making it its home. */
static int temp_load(RegAlloc *ra, TCGTemp *ts, TCGRegSet want, TCGRegSet avoid)
{
    if (ts->val_type == TEMP_VAL_REG && reg_in(want & ~avoid, ts->reg)) {
        return ts->reg;
    }
    int reg = reg_alloc(ra, want, avoid | (ts->val_type == TEMP_VAL_REG ? 1ull << ts->reg : 0));
    temp_copy_to(ra, ts, reg);
    if (ts->kind == TEMP_FIXED) {
        return reg;   /* env stays in env_reg: this is only a copy */
    }
    bool coherent = ts->val_type == TEMP_VAL_MEM || ts->val_type == TEMP_VAL_CONST ||
                    (ts->val_type == TEMP_VAL_REG && ts->mem_coherent);
    temp_set_reg(ra, ts, reg, coherent);
    return reg;
}

/* Empty register reg, saving its occupant. */
static void reg_evict(RegAlloc *ra, int reg)
{
    if (ra->reg_to_temp[reg]) {
        temp_save(ra, ra->reg_to_temp[reg]);
    }
}

/* ---- block boundaries ------------------------------------------------------ */

static void sync_globals(RegAlloc *ra)
{
    for (int i = 0; i < ra->s->nb_globals; i++) {
        temp_sync(ra, &ra->s->temps[i]);
    }
}

static void save_globals(RegAlloc *ra)
{
    for (int i = 0; i < ra->s->nb_globals; i++) {
        temp_save(ra, &ra->s->temps[i]);
    }
}

/* Before a branch: everything that outlives the block is current in memory. */
static void sync_for_branch(RegAlloc *ra)
{
    TCGContext *s = ra->s;
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) {
            temp_sync(ra, &s->temps[i]);
        }
    }
    for (int i = 0; i < ra->nb_tb_temps; i++) {
        temp_sync(ra, &s->temps[ra->tb_temps[i]]);
    }
}

/* A temp's state at the start of a block. */
static void reset_temp_state(RegAlloc *ra, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        ts->val_type = TEMP_VAL_REG;
        ts->reg = ra->ops->env_reg;
        break;
    case TEMP_GLOBAL:
    case TEMP_TB:
        ts->val_type = TEMP_VAL_MEM;
        ts->mem_coherent = true;
        break;
    case TEMP_EBB:
        ts->val_type = TEMP_VAL_DEAD;
        break;
    case TEMP_CONST:
        ts->val_type = TEMP_VAL_CONST;
        break;
    }
}

/*
 * At a label (after its incoming fall-through was synced): nothing is in
 * registers.  An EBB temp or a constant away from its block-start state
 * (DEAD, CONST) is either in a register or, for an EBB temp, listed in
 * in_mem[].
 */
static void reset_at_label(RegAlloc *ra)
{
    TCGContext *s = ra->s;
    for (int r = 0; r < ra->ops->nb_regs; r++) {
        if (ra->reg_to_temp[r]) {
            reset_temp_state(ra, ra->reg_to_temp[r]);
        }
    }
    memset(ra->reg_to_temp, 0, sizeof(ra->reg_to_temp));
    for (int i = 0; i < s->nb_globals; i++) {
        reset_temp_state(ra, &s->temps[i]);
    }
    for (int i = 0; i < ra->nb_tb_temps; i++) {
        reset_temp_state(ra, &s->temps[ra->tb_temps[i]]);
    }
    for (int i = 0; i < ra->nb_in_mem; i++) {
        reset_temp_state(ra, &s->temps[ra->in_mem[i]]);
        ra->listed[ra->in_mem[i]] = false;
    }
    ra->nb_in_mem = 0;
}

static void state_init(RegAlloc *ra)
{
    TCGContext *s = ra->s;
    memset(ra->reg_to_temp, 0, sizeof(ra->reg_to_temp));
    ra->nb_tb_temps = ra->nb_in_mem = 0;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        reset_temp_state(ra, ts);
        ra->listed[i] = false;
        if (i >= s->nb_globals) {
            ts->mem_allocated = false;
        }
        if (ts->kind == TEMP_TB) {
            ts->val_type = TEMP_VAL_DEAD;
            ra->tb_temps[ra->nb_tb_temps++] = i;
        }
    }
}

/* ---- outputs ---------------------------------------------------------------- */

/* After an op wrote its outputs: sync bits and dead outputs. */
static void finish_outputs(RegAlloc *ra, const TCGOp *op)
{
    for (int i = 0; i < op->nb_oargs; i++) {
        TCGTemp *ts = tcg_op_temp(op, i);
        if (tcg_op_output_sync(op, i)) {
            temp_sync(ra, ts);
        }
        if (tcg_op_arg_dead(op, i)) {
            temp_dead(ra, ts);
        }
    }
}

/* Inputs whose temp dies at op lose their registers. */
static void free_dead_inputs(RegAlloc *ra, const TCGOp *op)
{
    for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        if (tcg_op_arg_dead(op, i)) {
            temp_dead(ra, tcg_op_temp(op, i));
        }
    }
}

static bool temp_dies_at(const TCGOp *op, const TCGTemp *ts)
{
    for (int i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        if (tcg_op_temp(op, i) == ts && tcg_op_arg_dead(op, i)) {
            return true;
        }
    }
    return false;
}

static bool const_fits(const TCGArgConstraint *c, const TCGTemp *ts)
{
    int64_t v = ts->val;
    if (c->ct & TCG_CT_CONST) {
        return true;
    }
    if ((c->ct & TCG_CT_CONST_ZERO) && v == 0) {
        return true;
    }
    if ((c->ct & TCG_CT_CONST_S32) && v == (int32_t)v) {
        return true;
    }
    if ((c->ct & TCG_CT_CONST_U32) && (uint64_t)v == (uint32_t)v) {
        return true;
    }
    return false;
}

/* ---- the ops ---------------------------------------------------------------- */

/*
 * A constant for a global that goes straight back to memory and is not read
 * again: one store of an immediate, through the back end's st op, when its
 * constraints take the constant.  False when they do not.
 */
static bool store_const(RegAlloc *ra, TCGTemp *ot, int64_t val)
{
    const TCGOpConstraints *con = ra->ops->op_constraints(INDEX_op_st, ot->type);
    TCGTemp cst = { .kind = TEMP_CONST, .type = ot->type, .val = val };

    if (!const_fits(&con->args[0], &cst)) {
        return false;
    }
    TCGOp st = { .opc = INDEX_op_st, .type = ot->type, .nb_oargs = 0, .nb_iargs = 2 };
    TCGArg args[TCG_MAX_OP_ARGS] = { val, ra->ops->env_reg, ot->mem_offset };
    int const_args[TCG_MAX_OP_ARGS] = { 1 };
    ra->ops->emit_op(ra->s, &st, args, const_args);
    reg_release(ra, ot);
    ot->val_type = TEMP_VAL_MEM;
    ot->mem_coherent = true;
    return true;
}

/* mov: usually just a change of which temp owns a register. */
static void alloc_mov(RegAlloc *ra, const TCGOp *op)
{
    TCGTemp *ot = tcg_op_temp(op, 0), *it = tcg_op_temp(op, 1);
    const TCGNativeOps *ops = ra->ops;

    if (ot == it) {
        finish_outputs(ra, op);
        return;
    }
    if (ot->kind == TEMP_GLOBAL && tcg_op_arg_dead(op, 0) && tcg_op_output_sync(op, 0) &&
        it->val_type == TEMP_VAL_CONST && store_const(ra, ot, it->val)) {
        return;
    }
    if (ot->kind == TEMP_GLOBAL && tcg_op_arg_dead(op, 0) && tcg_op_output_sync(op, 0) &&
        it->val_type != TEMP_VAL_CONST) {
        /* a global written back at once and not read again: store the source itself */
        int src = temp_load(ra, it, ops->allocatable, 0);
        ops->emit_st(ra->s, ot->type, src, ops->env_reg, ot->mem_offset);
        reg_release(ra, ot);
        ot->val_type = TEMP_VAL_MEM;
        ot->mem_coherent = true;
        free_dead_inputs(ra, op);
        return;
    }
    if (it->val_type == TEMP_VAL_REG && tcg_op_arg_dead(op, 1) &&
        (it->kind == TEMP_EBB || it->kind == TEMP_TB)) {
        int reg = it->reg;
        reg_release(ra, it);
        it->val_type = TEMP_VAL_DEAD;
        temp_set_reg(ra, ot, reg, false);
    } else if (it->val_type == TEMP_VAL_CONST) {
        int reg = ot->val_type == TEMP_VAL_REG ? ot->reg : reg_alloc(ra, ops->allocatable, 0);
        ops->emit_movi(ra->s, ot->type, reg, it->val);
        temp_set_reg(ra, ot, reg, false);
    } else {
        int src = temp_load(ra, it, ops->allocatable, 0);
        int reg;
        if (ot->val_type == TEMP_VAL_REG && ot->reg != src) {
            reg = ot->reg;
        } else {
            reg = reg_alloc(ra, ops->allocatable, 1ull << src);
        }
        ops->emit_mov(ra->s, ot->type, reg, src);
        temp_set_reg(ra, ot, reg, false);
        free_dead_inputs(ra, op);
    }
    finish_outputs(ra, op);
}

static void alloc_op(RegAlloc *ra, const TCGOp *op)
{
    const TCGNativeOps *ops = ra->ops;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    const TCGOpConstraints *con = ops->op_constraints(op->opc, op->type);
    int nb_o = op->nb_oargs, nb_i = op->nb_iargs, nb_t = nb_o + nb_i;
    TCGArg args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS] = { 0 };
    TCGRegSet in_regs = 0;        /* registers holding this op's inputs */
    TCGRegSet in_keep = 0;        /* of those, the ones outputs may not take */
    TCGRegSet out_regs = 0;

    memcpy(args, op->args, sizeof(args));

    /* inputs, those with a single allowed register first */
    for (int pass = 0; pass < 2; pass++) {
        for (int k = nb_o; k < nb_t; k++) {
            const TCGArgConstraint *c = &con->args[k];
            bool fixed = c->regs && !(c->regs & (c->regs - 1));
            if (fixed != (pass == 0)) {
                continue;
            }
            TCGTemp *ts = tcg_op_temp(op, k);
            if (ts->kind == TEMP_CONST && const_fits(c, ts)) {
                args[k] = ts->val;
                const_args[k] = 1;
                continue;
            }
            bool aliased = false;
            for (int o = 0; o < nb_o; o++) {
                aliased |= con->args[o].alias == k;
            }
            bool shared = false;
            for (int j = nb_o; j < nb_t; j++) {
                shared |= j != k && tcg_op_temp(op, j) == ts;
            }
            int reg;
            if (ts->kind == TEMP_FIXED && !aliased &&
                (c->regs & ops->allocatable) == ops->allocatable) {
                /* env where any register will do: use it in place, no copy */
                in_regs |= 1ull << ts->reg;
                args[k] = ts->reg;
                continue;
            }
            if (aliased && (shared || !temp_dies_at(op, ts) || ts->kind == TEMP_FIXED ||
                            ts->kind == TEMP_CONST)) {
                /* the op overwrites this register: work on a private copy */
                reg = reg_alloc(ra, c->regs, in_regs);
                temp_copy_to(ra, ts, reg);
                in_keep |= 1ull << reg;
            } else {
                reg = temp_load(ra, ts, c->regs, in_regs);
                if (!temp_dies_at(op, ts) || aliased) {
                    in_keep |= 1ull << reg;
                }
            }
            in_regs |= 1ull << reg;
            args[k] = reg;
        }
    }

    free_dead_inputs(ra, op);

    /* ops that may call out (slow paths) lose the call-clobbered registers */
    if ((def->flags & TCG_OPF_CALL_CLOBBER) &&
        (ra->s->softmmu || (op->opc != INDEX_op_qemu_ld && op->opc != INDEX_op_qemu_st))) {
        for (int r = 0; r < ops->nb_regs; r++) {
            if (reg_in(ops->call_clobbered, r)) {
                reg_evict(ra, r);
            }
        }
    }
    if (def->flags & TCG_OPF_SIDE_EFFECTS) {
        sync_globals(ra);
    }

    /* outputs, fixed and aliased ones first */
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < nb_o; k++) {
            const TCGArgConstraint *c = &con->args[k];
            bool fixed = c->alias >= 0 || !(c->regs & (c->regs - 1));
            if (fixed != (pass == 0)) {
                continue;
            }
            TCGTemp *ts = tcg_op_temp(op, k);
            int reg;
            if (c->alias >= 0) {
                reg = args[c->alias];
                assert(!const_args[c->alias]);
                /* the aliased input's own temp (if it owned reg) is dead now */
                if (ra->reg_to_temp[reg] && ra->reg_to_temp[reg] != ts) {
                    reg_evict(ra, reg);
                }
            } else {
                TCGRegSet avoid = out_regs | (c->newreg ? in_regs : in_keep);
                if (ts->val_type == TEMP_VAL_REG && reg_in(c->regs & ~avoid, ts->reg) &&
                    !reg_in(in_regs, ts->reg)) {
                    reg = ts->reg;
                } else {
                    reg = reg_alloc(ra, c->regs, avoid);
                }
            }
            temp_set_reg(ra, ts, reg, false);
            out_regs |= 1ull << reg;
            args[k] = reg;
        }
    }

    ops->emit_op(ra->s, op, args, const_args);
    finish_outputs(ra, op);
}

static void alloc_call(RegAlloc *ra, const TCGOp *op)
{
    const TCGNativeOps *ops = ra->ops;
    const TCGHelperInfo *info = tcg_call_info(op);
    int nb_o = op->nb_oargs, nb_i = op->nb_iargs;
    TCGRegSet arg_regs = 0;
    int nstack = 0;

    /* stack arguments first, through any free register */
    for (int i = 0; i < nb_i; i++) {
        if (ops->call_arg_regs[i] >= 0) {
            continue;
        }
        TCGTemp *ts = tcg_op_temp(op, nb_o + i);
        int reg = temp_load(ra, ts, ops->allocatable, 0);
        ops->emit_st(ra->s, TCG_TYPE_I64, reg, ops->frame_reg, 8 * (intptr_t)nstack++);
    }
    for (int i = 0; i < nb_i; i++) {
        int reg = ops->call_arg_regs[i];
        if (reg < 0) {
            continue;
        }
        TCGTemp *ts = tcg_op_temp(op, nb_o + i);
        if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) {
            reg_evict(ra, reg);
            temp_copy_to(ra, ts, reg);
        }
        arg_regs |= 1ull << reg;
    }

    free_dead_inputs(ra, op);
    for (int r = 0; r < ops->nb_regs; r++) {
        if (reg_in(ops->call_clobbered, r)) {
            reg_evict(ra, r);
        }
    }
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        save_globals(ra);
    } else if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        sync_globals(ra);
    }

    ops->emit_call(ra->s, info);

    if (nb_o) {
        TCGTemp *ts = tcg_op_temp(op, 0);
        temp_set_reg(ra, ts, ops->call_ret_reg, false);
        if (ts->type == TCG_TYPE_I32) {
            /* the C ABI leaves the high half of a 32-bit result undefined */
            ops->emit_mov(ra->s, TCG_TYPE_I32, ops->call_ret_reg, ops->call_ret_reg);
        }
    }
    finish_outputs(ra, op);
}

/*
 * "ld t, env, off; brcond t, $c, cond, l" with t read nowhere else: one
 * compare of memory with an immediate and a jump, when the back end has it.
 */
static bool fuse_ld_brcond(RegAlloc *ra, const TCGOp *op)
{
    const TCGOp *br = op->next;
    TCGTemp *t = tcg_op_temp(op, 0);

    if (!ra->ops->emit_brcond_mem || !br || br->opc != INDEX_op_brcond ||
        br->type != op->type || tcg_op_temp(op, 1)->kind != TEMP_FIXED ||
        (t->kind != TEMP_EBB && t->kind != TEMP_TB) ||
        tcg_op_temp(br, 0) != t || !tcg_op_arg_dead(br, 0) ||
        tcg_op_temp(br, 1)->kind != TEMP_CONST) {
        return false;
    }
    TCGCond cond = (TCGCond)tcg_op_carg(br, 0);
    TCGLabel *l = tcg_arg_label(tcg_op_carg(br, 1));
    sync_for_branch(ra);
    if (!ra->ops->emit_brcond_mem(ra->s, op->type, cond, tcg_op_temp(op, 1)->reg,
                                  tcg_op_carg(op, 0), tcg_op_temp(br, 1)->val, l)) {
        return false;
    }
    t->val_type = TEMP_VAL_DEAD;
    return true;
}

/*
 * "brcond g, $c" on a global that is only in memory: compare the memory
 * copy in place rather than loading it into a register first.
 */
static bool brcond_global_mem(RegAlloc *ra, const TCGOp *op)
{
    TCGTemp *g = tcg_op_temp(op, 0), *c = tcg_op_temp(op, 1);

    if (!ra->ops->emit_brcond_mem || g->kind != TEMP_GLOBAL || g->val_type != TEMP_VAL_MEM ||
        c->kind != TEMP_CONST) {
        return false;
    }
    sync_for_branch(ra);
    if (!ra->ops->emit_brcond_mem(ra->s, op->type, (TCGCond)tcg_op_carg(op, 0), ra->ops->env_reg,
                                  g->mem_offset, c->val, tcg_arg_label(tcg_op_carg(op, 1)))) {
        return false;
    }
    return true;
}

static void alloc_brcond(RegAlloc *ra, const TCGOp *op)
{
    const TCGNativeOps *ops = ra->ops;

    if (brcond_global_mem(ra, op)) {
        return;
    }
    /* operands first, then the write-backs (which keep the registers) */
    const TCGOpConstraints *con = ops->op_constraints(op->opc, op->type);
    TCGArg args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS] = { 0 };
    TCGRegSet in_regs = 0;
    memcpy(args, op->args, sizeof(args));
    for (int k = 0; k < 2; k++) {
        TCGTemp *ts = tcg_op_temp(op, k);
        if (ts->kind == TEMP_CONST && const_fits(&con->args[k], ts)) {
            args[k] = ts->val;
            const_args[k] = 1;
        } else {
            args[k] = temp_load(ra, ts, con->args[k].regs, in_regs);
            in_regs |= 1ull << args[k];
        }
    }
    sync_for_branch(ra);
    free_dead_inputs(ra, op);
    ops->emit_op(ra->s, op, args, const_args);
}

/* A temp whose value is only this op's business: read by nothing after next. */
static bool fuse_temp_ok(const TCGOp *next, const TCGTemp *t, int arg)
{
    return (t->kind == TEMP_EBB || t->kind == TEMP_TB) && tcg_op_arg_dead(next, arg);
}

/*
 * With i32_zero_extends: "op t, a, b; ext32u r, t" with t read nowhere
 * else is "op r, a, b" at I32 (the 32-bit operation clears bits 63:32), for
 * the ops whose low 32 result bits depend only on the low 32 operand bits
 * and whose I32 form computes them the same (a shift by a constant below
 * 32 only: counts are taken modulo the width).  "ext32u t, x; brcond t, $c"
 * with an unsigned or equality condition and c < 2^32 is a 32-bit brcond
 * on x.  Returns true when op and the op after it have been emitted.
 */
static bool fuse_ext32u(RegAlloc *ra, const TCGOp *op)
{
    const TCGOp *next = op->next;
    TCGOp f;

    /*
     * The fused pair never writes t: fine for a dying EBB temp, but a TB
     * temp's synced write is read from its slot after the next label.
     */
    if (!ra->ops->i32_zero_extends || !next || op->type != TCG_TYPE_I64 ||
        tcg_op_output_sync(op, 0)) {
        return false;
    }
    if (op->opc == INDEX_op_ext32u && next->opc == INDEX_op_brcond &&
        __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&   /* x may be compared in memory */
        next->type == TCG_TYPE_I64 && tcg_op_temp(next, 0) == tcg_op_temp(op, 0) &&
        fuse_temp_ok(next, tcg_op_temp(op, 0), 0) && tcg_op_temp(next, 1)->kind == TEMP_CONST &&
        (uint64_t)tcg_op_temp(next, 1)->val <= UINT32_MAX && tcg_op_temp(op, 1) != tcg_op_temp(op, 0)) {
        TCGCond c = (TCGCond)tcg_op_carg(next, 0);
        if (c != TCG_COND_EQ && c != TCG_COND_NE && c != TCG_COND_LTU && c != TCG_COND_GEU &&
            c != TCG_COND_LEU && c != TCG_COND_GTU) {
            return false;
        }
        f = *next;
        f.type = TCG_TYPE_I32;
        f.args[0] = op->args[1];
        /* x dies where the extension read it for the last time */
        f.life = (next->life & ~1u) | ((op->life >> 1) & 1);
        alloc_brcond(ra, &f);
        return true;
    }
    if (next->opc != INDEX_op_ext32u || tcg_op_temp(next, 1) != tcg_op_temp(op, 0) ||
        !fuse_temp_ok(next, tcg_op_temp(op, 0), 1)) {
        return false;
    }
    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_neg: case INDEX_op_not:
        break;
    case INDEX_op_shl:
        if (tcg_op_temp(op, 2)->kind != TEMP_CONST || (uint64_t)tcg_op_temp(op, 2)->val >= 32) {
            return false;
        }
        break;
    default:
        return false;
    }
    f = *op;
    f.type = TCG_TYPE_I32;
    f.args[0] = next->args[0];
    /* the output's dead and sync bits are the extension's */
    f.life = (op->life & ~(1u | (1u << TCG_LIFE_SYNC_SHIFT))) |
             (next->life & (1u | (1u << TCG_LIFE_SYNC_SHIFT)));
    alloc_op(ra, &f);
    return true;
}

int tcg_regalloc_gen_code(TCGContext *s, const TCGNativeOps *ops,
                          const uint8_t *code_start, const uint8_t *code_limit)
{
    RegAlloc ra = {
        .s = s,
        .ops = ops,
        .frame_slots = ops->frame_size / 8,
        .tb_temps = ra_tb_temps,
        .in_mem = ra_in_mem,
        .listed = ra_listed,
    };
    int insn = -1;

    assert(ops->nb_regs <= 64);
    state_init(&ra);

    TCGOp *fused = NULL;           /* a brcond already emitted with the ld before it */
    TCG_FOR_EACH_OP(s, op) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];

        if (op == fused) {
            continue;
        }
        switch (op->opc) {
        case INDEX_op_insn_start:
            if (insn + 1 >= TCG_MAX_INSNS) {
                return -2;
            }
            if (insn >= 0) {
                s->insn_end_off[insn] = ops->code_ptr(s) - code_start;
            }
            insn++;
            for (int w = 0; w < TCG_INSN_START_WORDS; w++) {
                s->insn_data[insn][w] = op->args[w];
            }
            break;
        case INDEX_op_discard:
            temp_dead(&ra, tcg_op_temp(op, 0));
            if (tcg_op_temp(op, 0)->kind == TEMP_TB) {
                tcg_op_temp(op, 0)->val_type = TEMP_VAL_DEAD;
            }
            break;
        case INDEX_op_mov:
            alloc_mov(&ra, op);
            break;
        case INDEX_op_ld:
            if (fuse_ld_brcond(&ra, op)) {
                fused = op->next;
            } else {
                alloc_op(&ra, op);
            }
            break;
        case INDEX_op_call:
            alloc_call(&ra, op);
            break;
        case INDEX_op_set_label:
            sync_for_branch(&ra);
            ops->emit_op(s, op, op->args, (int[TCG_MAX_OP_ARGS]){ 0 });
            reset_at_label(&ra);
            break;
        case INDEX_op_br:
            sync_for_branch(&ra);
            ops->emit_op(s, op, op->args, (int[TCG_MAX_OP_ARGS]){ 0 });
            reset_at_label(&ra);
            break;
        case INDEX_op_brcond:
            alloc_brcond(&ra, op);
            break;
        default:
            if (def->flags & TCG_OPF_BB_EXIT) {
                /* goto_tb, exit_tb, goto_ptr: the next TB reads globals from env */
                if (op->opc == INDEX_op_goto_ptr) {
                    TCGArg args[TCG_MAX_OP_ARGS];
                    const TCGOpConstraints *con = ops->op_constraints(op->opc, op->type);
                    memcpy(args, op->args, sizeof(args));
                    save_globals(&ra);
                    args[0] = temp_load(&ra, tcg_op_temp(op, 0), con->args[0].regs, 0);
                    ops->emit_op(s, op, args, (int[TCG_MAX_OP_ARGS]){ 0 });
                } else {
                    sync_globals(&ra);
                    ops->emit_op(s, op, op->args, (int[TCG_MAX_OP_ARGS]){ 0 });
                }
                if (op->opc != INDEX_op_goto_tb) {
                    reset_at_label(&ra);
                }
            } else if (op->nb_oargs + op->nb_iargs == 0) {
                ops->emit_op(s, op, op->args, (int[TCG_MAX_OP_ARGS]){ 0 });
            } else if (fuse_ext32u(&ra, op)) {
                fused = op->next;
            } else {
                alloc_op(&ra, op);
            }
            break;
        }
        if (ops->code_ptr(s) > code_limit) {
            return -1;
        }
        if (ra.frame_overflow) {
            return -2;
        }
    }
    if (insn >= 0) {
        s->insn_end_off[insn] = ops->code_ptr(s) - code_start;
    }
    return 0;
}
