/*
 * tci-gen.c — the interpreter back end: turns the optimized op list into
 * the bytecode of tci.h, and the TCGBackend that ties it to the core.
 *
 * TCI implements every op natively, allocates no registers (temps live in a
 * frame array, globals stay in env) and so shares nothing with the native
 * back ends but the IR: that makes it the oracle the tests run them against.
 * The "host pc" of TCI code is an address in the bytecode: the interpreter
 * passes the end of the current instruction as retaddr to helpers, and
 * tb_insn_data() maps it back like a native return address.
 */
#include "tci.h"
#include "tcg/tcg-backend.h"
#include "exec/translation-block.h"

#include <assert.h>
#include <glib.h>

typedef struct TCIGen {
    TCGContext *s;
    uint32_t *start, *p, *end;     /* where the bytecode is written */
    intptr_t rx_offset;            /* + a written address = where it is read from */
    GArray *fixups;                /* TCIFixup: branches to labels not placed yet */
} TCIGen;

typedef struct TCIFixup {
    uint32_t insn;                 /* word index of the branch instruction */
    uint32_t field;                /* word index of its target field */
    TCGLabel *label;
} TCIFixup;

/* One instruction under construction: fixed words, then its constant pool. */
typedef struct TCIInsn {
    uint32_t w[TCI_MAX_INSN_WORDS];
    unsigned n;                    /* words written in w */
    uint64_t pool[TCG_MAX_OP_ARGS];
    unsigned pool_type64[TCG_MAX_OP_ARGS];
    unsigned npool;
    unsigned pool_ref[TCG_MAX_OP_ARGS]; /* which w[] holds the ref of each pooled value */
} TCIInsn;

static void insn_begin(TCIInsn *in, unsigned opc, unsigned type)
{
    in->n = 1;
    in->npool = 0;
    in->w[0] = tci_header(opc, type, 0);
}

static void insn_ref(TCIInsn *in, TCGContext *s, const TCGTemp *ts)
{
    unsigned w64 = ts->type == TCG_TYPE_I64 ? TCI_REF_64 : 0;

    switch (ts->kind) {
    case TEMP_GLOBAL:
        assert(ts->mem_offset >= 0 && ts->mem_offset < (1 << 28));
        in->w[in->n++] = (uint32_t)ts->mem_offset << TCI_REF_SHIFT | w64 | TCI_BASE_ENV;
        break;
    case TEMP_CONST:
        /* offset filled in by insn_finish, once the fixed part's size is known */
        in->pool[in->npool] = ts->val;
        in->pool_type64[in->npool] = w64;
        in->pool_ref[in->npool++] = in->n;
        in->w[in->n++] = 0;
        break;
    default:
        in->w[in->n++] = (uint32_t)(ts - s->temps) * 8 << TCI_REF_SHIFT | w64 | TCI_BASE_FRAME;
        break;
    }
}

static void insn_word(TCIInsn *in, uint32_t v)
{
    in->w[in->n++] = v;
}

/* Append a 64-bit word pair; aligned relative to the instruction start only. */
static void insn_word64(TCIInsn *in, uint64_t v)
{
    tci_put64(&in->w[in->n], v);
    in->n += 2;
}

/* Copy the instruction to the buffer; returns its word index, or -1 on overflow. */
static int insn_finish(TCIGen *g, TCIInsn *in)
{
    unsigned len = in->n + 2 * in->npool;

    if (g->end - g->p < len) {
        return -1;
    }
    for (unsigned i = 0; i < in->npool; i++) {
        unsigned off = (in->n + 2 * i) * 4;
        in->w[in->pool_ref[i]] = off << TCI_REF_SHIFT | in->pool_type64[i] | TCI_BASE_INSN;
        if (in->pool_type64[i]) {
            tci_put64(&in->w[in->n + 2 * i], in->pool[i]);
        } else {
            /* an I32 constant is read as the 32-bit word at its position */
            in->w[in->n + 2 * i] = (uint32_t)in->pool[i];
            in->w[in->n + 2 * i + 1] = 0;
        }
    }
    in->w[0] |= len << 16;
    memcpy(g->p, in->w, len * 4);
    int at = g->p - g->start;
    g->p += len;
    return at;
}

static bool emit_nop(TCIGen *g)
{
    if (g->p >= g->end) {
        return false;
    }
    *g->p++ = tci_header(TCI_OP_NOP, 0, 1);
    return true;
}

static void add_fixup(TCIGen *g, int insn, unsigned field, TCGLabel *l)
{
    if (l->has_value) {
        g->start[insn + field] = (uint32_t)(l->value / 4 - insn);
    } else {
        TCIFixup f = { insn, insn + field, l };
        g_array_append_val(g->fixups, f);
    }
}

static int tci_gen_op(TCIGen *g, TranslationBlock *tb, TCGOp *op)
{
    TCGContext *s = g->s;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nt = op->nb_oargs + op->nb_iargs;
    TCIInsn in;
    int at;

    switch (op->opc) {
    case INDEX_op_insn_start: {
        unsigned i = s->nb_insns++;
        if (i > 0) {
            s->insn_end_off[i - 1] = (g->p - g->start) * 4;
        }
        for (int w = 0; w < TCG_INSN_START_WORDS; w++) {
            s->insn_data[i][w] = op->args[w];
        }
        return 0;
    }
    case INDEX_op_set_label: {
        TCGLabel *l = tcg_arg_label(op->args[0]);
        l->has_value = true;
        l->value = (g->p - g->start) * 4;
        return 0;
    }
    case INDEX_op_discard:
        return 0;
    case INDEX_op_goto_tb: {
        unsigned n = op->args[0];
        /* the target field must be 8-byte aligned for an atomic patch */
        if ((((uintptr_t)(g->p + 1)) & 7) && !emit_nop(g)) {
            return -1;
        }
        insn_begin(&in, op->opc, 0);
        uint32_t *field = g->p + 1;
        /* unchained: fall through (an address of the executed view) */
        insn_word64(&in, (uintptr_t)(g->p + 3) + g->rx_offset);
        if ((at = insn_finish(g, &in)) < 0) {
            return -1;
        }
        tb->jmp_insn_offset[n] = (uint8_t *)field - (uint8_t *)g->start;
        tb->jmp_reset_offset[n] = (uint8_t *)g->p - (uint8_t *)g->start;
        return 0;
    }
    default:
        break;
    }

    insn_begin(&in, op->opc, op->type);
    if (op->opc == INDEX_op_call) {
        insn_word(&in, op->nb_oargs << 8 | op->nb_iargs);
    }
    for (int i = 0; i < nt; i++) {
        insn_ref(&in, s, tcg_op_temp(op, i));
    }
    switch (op->opc) {
    case INDEX_op_br:
        insn_word(&in, 0);
        if ((at = insn_finish(g, &in)) < 0) {
            return -1;
        }
        add_fixup(g, at, 1, tcg_arg_label(op->args[0]));
        return 0;
    case INDEX_op_brcond:
        insn_word(&in, op->args[2]);
        insn_word(&in, 0);
        if ((at = insn_finish(g, &in)) < 0) {
            return -1;
        }
        add_fixup(g, at, 4, tcg_arg_label(op->args[3]));
        return 0;
    case INDEX_op_exit_tb:
        if (in.n & 1) {
            insn_word(&in, 0);
        }
        insn_word64(&in, op->args[0]);
        break;
    case INDEX_op_call: {
        const TCGHelperInfo *info = tcg_call_info(op);
        if (in.n & 1) {
            insn_word(&in, 0);
        }
        insn_word64(&in, (uintptr_t)info->func);
        break;
    }
    case INDEX_op_qemu_ld:
    case INDEX_op_qemu_st:
        insn_word(&in, tcg_op_carg(op, 0));
        insn_word(&in, tcg_op_carg(op, 1) | (s->softmmu ? TCI_LDST_SOFTMMU : 0));
        break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u: case INDEX_op_ld16s:
    case INDEX_op_ld32u: case INDEX_op_ld32s: case INDEX_op_ld:
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st: {
        intptr_t off = (intptr_t)tcg_op_carg(op, 0);
        assert(off == (int32_t)off);
        insn_word(&in, (uint32_t)off);
        break;
    }
    default:
        for (int i = 0; i < def->nb_cargs; i++) {
            insn_word(&in, tcg_op_carg(op, i));
        }
        break;
    }
    return insn_finish(g, &in) < 0 ? -1 : 0;
}

static int tci_gen_code(TCGContext *s, TranslationBlock *tb, void *code, size_t size,
                        ptrdiff_t rw_offset)
{
    uint32_t *buf = (uint32_t *)((uint8_t *)code + rw_offset);
    TCIGen g = {
        .s = s,
        .start = buf,
        .p = buf,
        .end = buf + size / 4,
        .rx_offset = -rw_offset,
        .fixups = g_array_new(false, false, sizeof(TCIFixup)),
    };
    int ret = 0;

    assert(((uintptr_t)buf & 7) == 0);
    s->nb_insns = 0;
    TCG_FOR_EACH_OP(s, op) {
        if (tci_gen_op(&g, tb, op) < 0) {
            ret = -1;
            break;
        }
    }
    if (ret == 0) {
        for (guint i = 0; i < g.fixups->len; i++) {
            TCIFixup *f = &g_array_index(g.fixups, TCIFixup, i);
            assert(f->label->has_value);
            g.start[f->field] = (uint32_t)(f->label->value / 4 - f->insn);
        }
        if (s->nb_insns) {
            s->insn_end_off[s->nb_insns - 1] = (g.p - g.start) * 4;
        }
        ret = (g.p - g.start) * 4;
        /* the metadata records 16-bit offsets for goto_tb */
        if (ret > 0xfff0) {
            ret = -2;
        }
    }
    g_array_free(g.fixups, true);
    return ret;
}

static bool tci_op_supported(TCGOpcode opc, TCGType type)
{
    return !(tcg_op_defs[opc].flags & TCG_OPF_NOT_I32) || type == TCG_TYPE_I64;
}

static void tci_set_jmp_target(TranslationBlock *tb, int n, const void *target,
                               ptrdiff_t rw_offset)
{
    uint64_t *field = (uint64_t *)((char *)tb->tc_ptr + rw_offset + tb->jmp_insn_offset[n]);
    __atomic_store_n(field, (uint64_t)(uintptr_t)target, __ATOMIC_RELEASE);
}

static int tci_prologue(void *code, size_t size, ptrdiff_t rw_offset)
{
    return 0;  /* the interpreter is its own prologue */
}

const TCGBackend tcg_backend_tci = {
    .name = "tci",
    .probe = NULL,
    .op_supported = tci_op_supported,
    .prologue = tci_prologue,
    .gen_code = tci_gen_code,
    .set_jmp_target = tci_set_jmp_target,
    .exec = tci_exec,
    .native = NULL,
};
