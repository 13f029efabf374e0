/*
 * tcg.c — the translator context: temps, constants, labels, the op list,
 * the IR dump of `-d op` / `-d op_opt`, and tcg_gen_code(), which drives a
 * TB from IR to code (demanded bits → optimize → liveness → back end → restore data).
 *
 * Storage: ops and labels come from chunks owned by the context and are all
 * released at tcg_func_start(), so a TB's IR costs no malloc per op once the
 * chunks are warm.  Temps sit in a fixed array so that TCGTemp pointers and
 * the handles derived from them stay valid for the whole TB.
 */
#include "tcg/tcg.h"
#include "tcg/tcg-backend.h"
#include "exec/translation-block.h"
#include "util/error.h"
#include "util/bitops.h"
#include "util/log.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

LOG_ITEM(log_op, "op", "show the IR of each translated block");
LOG_ITEM(log_op_opt, "op_opt", "show the IR after optimization and liveness");

__thread TCGContext *tcg_ctx;
const TCGv_ptr tcg_env = (TCGv_ptr)offsetof(TCGContext, temps);
uintptr_t guest_base;

#define TCG_CHUNK_SIZE (64 * 1024)

struct TCGOpChunk {
    TCGOpChunk *next;
    size_t used;
    max_align_t data[TCG_CHUNK_SIZE / sizeof(max_align_t)];
};

static void *tcg_chunk_alloc(TCGContext *s, size_t size)
{
    TCGOpChunk *c = s->op_chunks;

    size = ROUND_UP(size, sizeof(max_align_t));
    if (!c || c->used + size > sizeof(c->data)) {
        c = g_new(TCGOpChunk, 1);
        c->used = 0;
        c->next = s->op_chunks;
        s->op_chunks = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

static void tcg_chunks_release(TCGContext *s)
{
    /* keep the newest chunk: the next TB will most likely fit in it */
    TCGOpChunk *c = s->op_chunks;
    if (!c) {
        return;
    }
    TCGOpChunk *rest = c->next;
    while (rest) {
        TCGOpChunk *n = rest->next;
        g_free(rest);
        rest = n;
    }
    c->next = NULL;
    c->used = 0;
}

/* ---- contexts ----------------------------------------------------------- */

TCGContext *tcg_context_new(Error **errp)
{
    const TCGBackend *be = tcg_backend_default(errp);
    if (!be) {
        return NULL;
    }
    TCGContext *s = g_new0(TCGContext, 1);
    s->backend = be;
    s->optimize = true;
    s->insn_start_words = 1;
    TCGTemp *env = &s->temps[0];
    env->type = TCG_TYPE_PTR;
    env->kind = TEMP_FIXED;
    env->name = "env";
    s->nb_globals = 1;
    tcg_context_set_current(s);
    tcg_func_start(s);
    return s;
}

TCGContext *tcg_context_clone(const TCGContext *src)
{
    TCGContext *s = g_new0(TCGContext, 1);
    s->backend = src->backend;
    s->softmmu = src->softmmu;
    s->optimize = src->optimize;
    s->insn_start_words = src->insn_start_words;
    memcpy(s->temps, src->temps, src->nb_globals * sizeof(TCGTemp));
    s->nb_globals = src->nb_globals;
    TCGContext *old = tcg_ctx;
    tcg_ctx = s;
    tcg_func_start(s);
    tcg_ctx = old;
    return s;
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    tcg_chunks_release(s);
    g_free(s->op_chunks);
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    g_free(s);
}

void tcg_context_set_current(TCGContext *s)
{
    tcg_ctx = s;
}

void tcg_func_start(TCGContext *s)
{
    tcg_chunks_release(s);
    s->nb_temps = s->nb_globals;
    s->nb_labels = 0;
    s->nb_ops = 0;
    s->nb_insns = 0;
    s->first_op = s->last_op = NULL;
    s->free_ops = NULL;
    s->gen_tb = NULL;
    s->overflow = false;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    for (int i = 0; i < s->nb_const_slots; i++) {
        uint16_t slot = s->const_slots[i];
        s->const_hash[slot / TCG_CONST_HASH_SIZE][slot % TCG_CONST_HASH_SIZE] = 0;
    }
    s->nb_const_slots = 0;
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->val_type = ts->kind == TEMP_FIXED ? TEMP_VAL_REG : TEMP_VAL_MEM;
        ts->mem_coherent = true;
        ts->state = 0;
        ts->state_ptr = NULL;
    }
}

/* ---- temps -------------------------------------------------------------- */

/* Note that this TB cannot be generated (too many temps or labels). */
static void tcg_set_overflow(TCGContext *s)
{
    if (!s->overflow) {
        s->overflow = true;
        s->overflow_insns = s->nb_insns;
    }
}

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    if (s->nb_temps < TCG_MAX_TEMPS - TCG_TEMP_RESERVE) {
        ts = &s->temps[s->nb_temps++];
    } else {
        /* too many: let the front end finish with scratch temps, the TB is refused */
        tcg_set_overflow(s);
        s->nb_temps = TCG_MAX_TEMPS;
        ts = &s->temps[TCG_MAX_TEMPS - TCG_TEMP_RESERVE + s->next_reserve++ % TCG_TEMP_RESERVE];
    }
    memset(ts, 0, sizeof(*ts));
    return ts;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, intptr_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;

    /* Globals must be declared before the first TB's temporaries exist. */
    assert(s->nb_temps == s->nb_globals && s->nb_temps < TCG_MAX_TEMPS - TCG_TEMP_RESERVE);
    TCGTemp *ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_GLOBAL;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->name = name;
    ts->val_type = TEMP_VAL_MEM;
    ts->mem_coherent = true;
    s->nb_globals++;
    return ts;
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name)
{
    assert(base == tcg_env);
    return temp_tcgv_i32(tcg_global_mem_new_internal(TCG_TYPE_I32, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name)
{
    assert(base == tcg_env);
    return temp_tcgv_i64(tcg_global_mem_new_internal(TCG_TYPE_I64, offset, name));
}

TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name)
{
    assert(base == tcg_env);
    return temp_tcgv_ptr(tcg_global_mem_new_internal(TCG_TYPE_PTR, offset, name));
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    assert(kind == TEMP_EBB || kind == TEMP_TB);
    TCGTemp **freep = &s->free_temps[type][kind == TEMP_TB];
    TCGTemp *ts = *freep;

    if (ts) {
        *freep = ts->state_ptr;
        memset(ts, 0, sizeof(*ts));
    } else {
        ts = tcg_temp_alloc(s);
    }
    ts->type = type;
    ts->kind = kind;
    ts->allocated = true;
    ts->val_type = TEMP_VAL_DEAD;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;

    if (ts->kind != TEMP_EBB && ts->kind != TEMP_TB) {
        return;  /* constants and globals are never freed */
    }
    assert(ts->allocated);
    ts->allocated = false;
    TCGTemp **freep = &s->free_temps[ts->type][ts->kind == TEMP_TB];
    ts->state_ptr = *freep;
    *freep = ts;
}

/*
 * The constant (type, val) of this TB: the interned one, else a new temp.
 * With may_fail and no temp left below the reserve: NULL, no overflow.
 */
static TCGTemp *tcg_constant_get(TCGType type, int64_t val, bool may_fail)
{
    TCGContext *s = tcg_ctx;

    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    /* multiplicative hashing: the top bits of val * (2^64 / golden ratio) */
    unsigned h = (uint64_t)val * 0x9e3779b97f4a7c15ull >> (64 - 11);
    uint16_t *table = s->const_hash[type];
    _Static_assert(TCG_CONST_HASH_SIZE == 1 << 11, "hash bits");
    for (;; h = (h + 1) % TCG_CONST_HASH_SIZE) {
        if (!table[h]) {
            break;
        }
        TCGTemp *ts = &s->temps[table[h] - 1];
        if (ts->val == val) {
            return ts;
        }
    }
    if (may_fail && s->nb_temps >= TCG_MAX_TEMPS - TCG_TEMP_RESERVE) {
        return NULL;
    }
    TCGTemp *ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_CONST;
    ts->val = val;
    ts->val_type = TEMP_VAL_CONST;
    if (!s->overflow) {            /* reserve temps are reused: never interned */
        table[h] = ts - s->temps + 1;
        s->const_slots[s->nb_const_slots++] = type * TCG_CONST_HASH_SIZE + h;
    }
    return ts;
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    return tcg_constant_get(type, val, false);
}

TCGTemp *tcg_constant_try(TCGType type, int64_t val)
{
    return tcg_constant_get(type, val, true);
}

/* ---- labels and ops ----------------------------------------------------- */

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;

    TCGLabel *l = tcg_chunk_alloc(s, sizeof(TCGLabel));
    memset(l, 0, sizeof(*l));
    if (s->nb_labels >= TCG_MAX_LABELS) {
        /* too many: a label of its own lets the front end finish; the TB is refused */
        tcg_set_overflow(s);
        l->id = TCG_MAX_LABELS - 1;
        return l;
    }
    l->id = s->nb_labels;
    s->labels[s->nb_labels++] = l;
    return l;
}

static TCGOp *tcg_op_alloc(TCGContext *s, TCGOpcode opc, TCGType type)
{
    TCGOp *op = s->free_ops;

    if (op) {
        s->free_ops = op->next;
    } else {
        op = tcg_chunk_alloc(s, sizeof(TCGOp));
    }
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->type = type;
    op->nb_oargs = tcg_op_defs[opc].nb_oargs;
    op->nb_iargs = tcg_op_defs[opc].nb_iargs;
    s->nb_ops++;
    return op;
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nargs)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op = tcg_op_alloc(s, opc, type);

    assert(!(tcg_op_defs[opc].flags & TCG_OPF_NOT_I32) || type == TCG_TYPE_I64);
    assert(nargs <= TCG_MAX_OP_ARGS);
    op->prev = s->last_op;
    if (s->last_op) {
        s->last_op->next = op;
    } else {
        s->first_op = op;
    }
    s->last_op = op;
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc, TCGType type)
{
    TCGOp *op = tcg_op_alloc(s, opc, type);

    op->next = old;
    op->prev = old->prev;
    if (old->prev) {
        old->prev->next = op;
    } else {
        s->first_op = op;
    }
    old->prev = op;
    return op;
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc, TCGType type)
{
    TCGOp *op = tcg_op_alloc(s, opc, type);

    op->prev = old;
    op->next = old->next;
    if (old->next) {
        old->next->prev = op;
    } else {
        s->last_op = op;
    }
    old->next = op;
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    if (op->opc == INDEX_op_br || op->opc == INDEX_op_brcond) {
        TCGLabel *l = tcg_arg_label(op->opc == INDEX_op_br ? op->args[0] : op->args[3]);
        l->refs--;
    }
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->first_op = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->last_op = op->prev;
    }
    op->next = s->free_ops;
    s->free_ops = op;
    s->nb_ops--;
}

static TCGType tcg_call_type(TCGCallType t)
{
    return t == TCG_CALL_TYPE_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
}

void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    assert(info->nargs <= TCG_MAX_CALL_ARGS);
    assert((ret != NULL) == (info->ret != TCG_CALL_TYPE_VOID));
    TCGOp *op = tcg_emit_op(INDEX_op_call, TCG_TYPE_I64, 0);
    int n = 0;

    if (ret) {
        assert(ret->type == tcg_call_type(info->ret) && !temp_readonly(ret));
        op->args[n++] = (TCGArg)ret;
    }
    op->nb_oargs = n;
    for (int i = 0; i < info->nargs; i++) {
        assert(args[i]->type == tcg_call_type(info->args[i]));
        op->args[n++] = (TCGArg)args[i];
    }
    op->nb_iargs = info->nargs;
    op->args[n] = (TCGArg)info;
}

/* ---- the IR dump -------------------------------------------------------- */

static void dump_temp(GString *out, TCGContext *s, const TCGTemp *ts)
{
    size_t idx = ts - s->temps;

    switch (ts->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        g_string_append(out, ts->name);
        break;
    case TEMP_TB:
        g_string_append_printf(out, "loc%zu", idx - s->nb_globals);
        break;
    case TEMP_EBB:
        g_string_append_printf(out, "tmp%zu", idx - s->nb_globals);
        break;
    case TEMP_CONST:
        if (ts->type == TCG_TYPE_I32) {
            g_string_append_printf(out, "$0x%" PRIx32, (uint32_t)ts->val);
        } else {
            g_string_append_printf(out, "$0x%" PRIx64, (uint64_t)ts->val);
        }
        break;
    }
}

static void dump_memop(GString *out, MemOpIdx oi)
{
    static const char size_ch[] = "bwlqo";          /* 8 to 128 bits */
    MemOp mop = get_memop(oi);
    unsigned size = mop & MO_SIZE;
    unsigned al = (mop & MO_AMASK) >> MO_ASHIFT;

    g_string_append_printf(out, "%s%c%c",
                           (mop & MO_BSWAP) == MO_BE ? "be" : "le",
                           mop & MO_SIGN ? 's' : 'u',
                           size < sizeof(size_ch) - 1 ? size_ch[size] : '?');
    if (al == 7) {
        g_string_append(out, "+al");
    } else if (al) {
        g_string_append_printf(out, "+al%u", 1u << al);
    }
    g_string_append_printf(out, ",mmu%u", get_mmuidx(oi));
}

static void dump_op(GString *out, TCGContext *s, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = op->nb_oargs + op->nb_iargs;
    int nc = def->nb_cargs;
    bool first = true;

    if (op->opc == INDEX_op_insn_start) {
        g_string_append(out, "\n ----");
        for (unsigned i = 0; i < s->insn_start_words; i++) {
            g_string_append_printf(out, " %016" PRIx64, (uint64_t)op->args[i]);
        }
        g_string_append_c(out, '\n');
        return;
    }
    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info = tcg_call_info(op);
        g_string_append_printf(out, " call %s,$0x%x", info->name, info->flags);
        first = false;
        nc = 0;
    } else if (op->opc == INDEX_op_set_label) {
        g_string_append_printf(out, " set_label $L%u\n", tcg_arg_label(op->args[0])->id);
        return;
    } else if (def->flags & (TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_WIDTH) ||
               op->opc == INDEX_op_mb || op->opc == INDEX_op_discard) {
        /* no width suffix: irrelevant, or already in the name */
        g_string_append_printf(out, " %s ", def->name);
    } else {
        g_string_append_printf(out, " %s_i%d ", def->name, op->type == TCG_TYPE_I32 ? 32 : 64);
    }
    for (int i = 0; i < nt; i++) {
        if (!first) {
            g_string_append_c(out, ',');
        }
        first = false;
        dump_temp(out, s, tcg_op_temp(op, i));
    }
    for (int i = 0; i < nc; i++) {
        TCGArg c = op->args[nt + i];
        if (!first) {
            g_string_append_c(out, ',');
        }
        first = false;
        switch (op->opc) {
        case INDEX_op_brcond:
        case INDEX_op_setcond:
        case INDEX_op_negsetcond:
        case INDEX_op_movcond:
            if (i == 0) {
                g_string_append(out, tcg_cond_name((TCGCond)c));
                continue;
            }
            break;
        case INDEX_op_qemu_ld:
        case INDEX_op_qemu_st:
            if (i == 0) {
                dump_memop(out, c);
            } else {
                g_string_append_printf(out, "a%u", (unsigned)c);
            }
            continue;
        default:
            break;
        }
        if (op->opc == INDEX_op_br || (op->opc == INDEX_op_brcond && i == 1)) {
            g_string_append_printf(out, "$L%u", tcg_arg_label(c)->id);
        } else {
            g_string_append_printf(out, "$0x%" PRIxPTR, c);
        }
    }
    if (op->life) {
        g_string_append(out, "  ");
        for (int i = 0; i < nt; i++) {
            if (tcg_op_arg_dead(op, i)) {
                g_string_append_printf(out, " dead:%d", i);
            }
        }
        for (int i = 0; i < op->nb_oargs; i++) {
            if (tcg_op_output_sync(op, i)) {
                g_string_append_printf(out, " sync:%d", i);
            }
        }
    }
    g_string_append_c(out, '\n');
}

char *tcg_dump_ops_str(TCGContext *s)
{
    GString *out = g_string_new(NULL);
    TCG_FOR_EACH_OP(s, op) {
        dump_op(out, s, op);
    }
    return g_string_free(out, false);
}

void tcg_dump_ops(TCGContext *s, const char *title)
{
    char *text = tcg_dump_ops_str(s);
    log_lock();
    log_printf("%s: [%d ops]\n%s\n", title, s->nb_ops, text);
    log_unlock();
    g_free(text);
}

/* ---- code generation ---------------------------------------------------- */

int tcg_gen_code(TCGContext *s, TranslationBlock *tb, void *buf, size_t size,
                 ptrdiff_t rw_offset)
{
    assert(s == tcg_ctx);
    if (s->overflow) {
        return -2;                 /* too many temps or labels: retry with fewer insns */
    }
    s->gen_tb = tb;
    if (log_enabled(log_op)) {
        tcg_dump_ops(s, "OP");
    }
    if (s->optimize) {
        tcg_demand(s);
        tcg_optimize(s);
    }
    if (s->overflow) {
        /*
         * a pass took a reserve temp, which may alias a temp still in use:
         * never emit that (the optimizer uses tcg_constant_try, so this is
         * only a safety net)
         */
        return -2;
    }
    tcg_liveness(s);
    if (log_enabled(log_op_opt)) {
        tcg_dump_ops(s, "OP after optimization and liveness analysis");
    }
    if (s->nb_insns > TCG_MAX_INSNS) {
        return -2;
    }
    tb->icount = s->nb_insns;
    tb->insn_start_words = s->insn_start_words;
    tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] = TB_JMP_OFFSET_INVALID;
    tb->jmp_reset_offset[0] = tb->jmp_reset_offset[1] = TB_JMP_OFFSET_INVALID;
    int n = s->backend->gen_code(s, tb, buf, size, rw_offset);
    if (n < 0) {
        return n;
    }
    tb->tc_ptr = buf;
    tb->tc_size = n;
    int r = tb_encode_restore_data(s, tb, (uint8_t *)buf + rw_offset + n, size - n);
    if (r < 0) {
        return -1;
    }
    tb->restore_size = r;
    return n + r;
}
