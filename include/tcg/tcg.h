/*
 * tcg.h — the translator's intermediate representation (IR) and context.
 *
 * A front end turns one block of guest code (a TB) into a list of TCGOps in
 * the calling thread's TCGContext (tcg_ctx), through the tcg_gen_* API of
 * tcg-op.h.  tcg_gen_code() then optimizes the list (tcg/optimize.c), runs
 * liveness (tcg/liveness.c) and hands it to the selected back end
 * (tcg-backend.h), which writes host code or bytecode into a buffer.
 *
 *     TCGContext *s = tcg_context_new(&error_fatal);   once per thread
 *     ... register globals (tcg_global_mem_new_i32) the same way in each ...
 *     tcg_func_start(s);                                 per TB
 *     ... front end emits ops ...
 *     int n = tcg_gen_code(s, tb, buf, buf_size, 0);     code + restore data
 *
 * Temps are typed (I32, I64; PTR is I64 on the 64-bit hosts emu supports)
 * and have a kind:
 *   FIXED   env, held in a host register for the whole TB (tcg_env);
 *   GLOBAL  a CPU-state field at a fixed offset from env, declared once with
 *           a name; its value lives in memory between TBs and at helper calls;
 *   TB      a temporary that lives across labels, until the end of the TB;
 *   EBB     a temporary that dies at the end of its extended basic block
 *           (at the next label; the fall-through of a brcond continues the
 *           block): cheaper for the register allocator;
 *   CONST   an interned constant, read-only.
 * Front ends see them through the opaque handles TCGv_i32, TCGv_i64 and
 * TCGv_ptr: distinct pointer types, so mixing widths is a compile error.  A
 * handle is the temp's byte offset inside the context, so the same handle
 * names the same global in every thread's context.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/memop.h"

typedef struct Error Error;
typedef struct TranslationBlock TranslationBlock;
typedef struct TCGBackend TCGBackend;
/* Each target defines struct CPUArchState; tcg only passes pointers to it. */
typedef struct CPUArchState CPUArchState;

/* Constant arguments of ops, and temps in argument slots (as TCGTemp *). */
typedef uintptr_t TCGArg;

/* Words a target may record per insn_start (restored on exceptions). */
#define TCG_INSN_START_WORDS 3
/* Limits per TB. */
#define TCG_MAX_TEMPS 1024
#define TCG_CONST_HASH_SIZE 2048   /* a power of two, at least 2 * TCG_MAX_TEMPS */
/*
 * The last TCG_TEMP_RESERVE temps are handed out round-robin once a TB has
 * used up the others: the front end can finish the TB, which is then
 * refused (tcg_gen_code returns -2) and translated again with fewer insns.
 */
#define TCG_TEMP_RESERVE 32
#define TCG_MAX_INSNS 512
#define TCG_MAX_LABELS 4096
/* Helper arguments (env included). */
#define TCG_MAX_CALL_ARGS 7
/* Argument slots of one op: call has 1 output + 7 inputs + 1 constant. */
#define TCG_MAX_OP_ARGS 10

/* ---- opcodes ------------------------------------------------------------ */

/* Flags of an opcode, from the table in tcg-opc.h. */
enum {
    TCG_OPF_BB_END = 1 << 0,       /* ends a basic block: EBB temps die, globals are saved */
    TCG_OPF_BB_EXIT = 1 << 1,      /* leaves the TB */
    TCG_OPF_SIDE_EFFECTS = 1 << 2, /* kept even when all its outputs are dead */
    TCG_OPF_CALL_CLOBBER = 1 << 3, /* may call C code: call-clobbered host registers are lost */
    TCG_OPF_COND_BRANCH = 1 << 4,  /* conditional branch (also BB_END) */
    TCG_OPF_NOT_I32 = 1 << 5,      /* valid only with type I64 */
    TCG_OPF_WIDTH = 1 << 6,        /* the input has the other width than the op type */
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;              /* as printed by -d op */
    uint8_t nb_oargs;              /* temp outputs */
    uint8_t nb_iargs;              /* temp inputs */
    uint8_t nb_cargs;              /* constant arguments */
    uint8_t flags;                 /* TCG_OPF_* */
} TCGOpDef;

/* Generated from tcg-opc.h (tcg/tcg-common.c). */
extern const TCGOpDef tcg_op_defs[NB_OPS];

/* ---- types and conditions ----------------------------------------------- */

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64,   /* host pointers: emu runs on 64-bit hosts */
} TCGType;

/*
 * Comparison conditions.  Encoded so that the low bit inverts (EQ^1 == NE):
 * tcg_invert_cond() is cheap and tables stay small.  TSTEQ/TSTNE test
 * (a & b) == 0 / != 0.
 */
typedef enum TCGCond {
    TCG_COND_NEVER = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 2,
    TCG_COND_NE = 3,
    TCG_COND_LT = 4,
    TCG_COND_GE = 5,
    TCG_COND_LE = 6,
    TCG_COND_GT = 7,
    TCG_COND_LTU = 8,
    TCG_COND_GEU = 9,
    TCG_COND_LEU = 10,
    TCG_COND_GTU = 11,
    TCG_COND_TSTEQ = 12,
    TCG_COND_TSTNE = 13,
    TCG_COND_COUNT,
} TCGCond;

/* !(a cond b) == (a invert(cond) b) */
static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* (a cond b) == (b swap(cond) a) */
TCGCond tcg_swap_cond(TCGCond c);
/* Evaluate a condition on W-bit values held in uint64_t (zero-extended for W=32). */
bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b);
/* "eq", "ltu", ... for the IR dump. */
const char *tcg_cond_name(TCGCond c);

/* bswap16/32 constant argument: sign-extend the result instead of zero-extending. */
#define TCG_BSWAP_OS 1

/* mb kinds: which earlier accesses are ordered before which later ones. */
enum {
    TCG_MO_LD_LD = 1 << 0,
    TCG_MO_ST_LD = 1 << 1,
    TCG_MO_LD_ST = 1 << 2,
    TCG_MO_ST_ST = 1 << 3,
    TCG_MO_ALL = 0xf,
    TCG_BAR_LDAQ = 1 << 4,         /* acquire */
    TCG_BAR_STRL = 1 << 5,         /* release */
    TCG_BAR_SC = 1 << 6,           /* sequentially consistent */
};

/* ---- helpers ------------------------------------------------------------ */

/* What a helper does besides computing its return value. */
enum {
    TCG_CALL_NO_READ_GLOBALS = 1 << 0,  /* reads no global from env: no sync before */
    TCG_CALL_NO_WRITE_GLOBALS = 1 << 1, /* writes no global: cached copies stay valid */
    TCG_CALL_NO_SIDE_EFFECTS = 1 << 2,  /* removable when the result is unused */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_WG = TCG_CALL_NO_WRITE_GLOBALS,
    /* a pure function of its arguments */
    TCG_CALL_PURE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
};

/* Types of helper return values and arguments. */
typedef enum TCGCallType {
    TCG_CALL_TYPE_VOID,            /* only as a return type */
    TCG_CALL_TYPE_I32,             /* uint32_t (or int32_t) */
    TCG_CALL_TYPE_I64,             /* uint64_t (or int64_t) */
    TCG_CALL_TYPE_PTR,             /* a host pointer (env, for instance) */
} TCGCallType;

/*
 * The description of a C function that generated code may call.  A front end
 * writes one `static const TCGHelperInfo` per helper, next to its C code:
 *
 *     static const TCGHelperInfo info_divu = {
 *         .func = helper_divu, .name = "divu", .flags = TCG_CALL_NO_RWG,
 *         .ret = TCG_CALL_TYPE_I32, .nargs = 3,
 *         .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32, TCG_CALL_TYPE_I32 },
 *     };
 *     tcg_gen_call(&info_divu, tcgv_i32_temp(ret), args);
 *
 * Arguments and return values are integers of at most 64 bits; back ends
 * pass them in the host ABI's integer registers.
 */
typedef struct TCGHelperInfo {
    void *func;                    /* the C function */
    const char *name;              /* for -d op */
    unsigned flags;                /* TCG_CALL_* */
    TCGCallType ret;               /* return type */
    uint8_t nargs;                 /* number of arguments */
    TCGCallType args[TCG_MAX_CALL_ARGS]; /* their types */
} TCGHelperInfo;

/* ---- temps -------------------------------------------------------------- */

typedef enum TCGTempKind {
    TEMP_EBB,                      /* dies at the end of its extended basic block */
    TEMP_TB,                       /* lives until the end of the TB */
    TEMP_GLOBAL,                   /* CPU-state field at env + mem_offset */
    TEMP_FIXED,                    /* env, in a reserved host register */
    TEMP_CONST,                    /* interned constant `val` */
} TCGTempKind;

/* Where the register allocator currently keeps a temp's value. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    TCGType type;                  /* I32 or I64 */
    TCGTempKind kind;
    int64_t val;                   /* CONST: the value (I32: sign-extended) */
    intptr_t mem_offset;           /* GLOBAL: offset from env; others: frame slot once spilled */
    const char *name;              /* GLOBAL/FIXED: name for -d op */
    bool allocated;                /* EBB/TB: in use (not on the free list) */
    bool mem_allocated;            /* a frame slot has been assigned to mem_offset */
    /* register allocator and back-end state, reset per TB */
    TCGTempVal val_type;
    int8_t reg;                    /* host register when val_type == TEMP_VAL_REG */
    bool mem_coherent;             /* the memory copy equals the register copy */
    /* per-pass scratch (optimizer, liveness): owned by the running pass */
    uintptr_t state;
    void *state_ptr;
} TCGTemp;

/* Opaque handle types for front ends. */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

/* ---- labels and ops ----------------------------------------------------- */

/* A place in the host code waiting for a label's address (back-end owned). */
typedef struct TCGRelocation {
    struct TCGRelocation *next;
    uintptr_t offset;              /* where to patch, from the start of the code */
    int type;                      /* back-end specific kind of fix-up */
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    unsigned id;                   /* "L3" in dumps */
    bool present;                  /* set_label has been emitted */
    bool has_value;                /* the back end knows its code offset */
    unsigned refs;                 /* branches to it (optimizer: unused labels are dropped) */
    uintptr_t value;               /* code offset from the start of the TB's code */
    TCGRelocation *relocs;         /* pending fix-ups */
} TCGLabel;

typedef struct TCGOp {
    struct TCGOp *prev, *next;     /* the op list, in program order */
    uint8_t opc;                   /* TCGOpcode */
    uint8_t type;                  /* TCGType of the operation */
    uint8_t nb_oargs, nb_iargs;    /* temp counts (copied from the table; call sets its own) */
    /*
     * Liveness result: bit i set = argument i (an input) dies here, or
     * (an output) is never read; bit TCG_LIFE_SYNC_SHIFT + i = output i is a
     * global that must be written back to memory right after this op.
     */
    uint32_t life;
    TCGArg args[TCG_MAX_OP_ARGS];  /* outputs, inputs (TCGTemp *), then constants */
} TCGOp;

#define TCG_LIFE_SYNC_SHIFT 16

static inline bool tcg_op_arg_dead(const TCGOp *op, int i)
{
    return (op->life >> i) & 1;
}

static inline bool tcg_op_output_sync(const TCGOp *op, int i)
{
    return (op->life >> (TCG_LIFE_SYNC_SHIFT + i)) & 1;
}

static inline TCGTemp *tcg_op_temp(const TCGOp *op, int i)
{
    return (TCGTemp *)op->args[i];
}

/* Index of the first constant argument. */
static inline int tcg_op_cargs_start(const TCGOp *op)
{
    return op->nb_oargs + op->nb_iargs;
}

static inline TCGArg tcg_op_carg(const TCGOp *op, int i)
{
    return op->args[op->nb_oargs + op->nb_iargs + i];
}

static inline TCGLabel *tcg_arg_label(TCGArg a)
{
    return (TCGLabel *)a;
}

/* ---- the context -------------------------------------------------------- */

typedef struct TCGOpChunk TCGOpChunk;

typedef struct TCGContext {
    const TCGBackend *backend;     /* chosen at creation (tcg_backend_default()) */
    /* guest memory model of the code generated with this context */
    bool softmmu;                  /* true: qemu_ld/st through tcg_helper_ld/st (system mode);
                                      false: host address = guest_base + guest address */
    /*
     * system mode: guest page bits of the soft TLB that sits below env
     * (CPUTLBDescFast, hw/core/cpu.h), so a native back end may look it up
     * inline before calling tcg_helper_ld/st; 0: no TLB there, always call
     */
    unsigned tlb_page_bits;
    bool optimize;                 /* run tcg/optimize.c (default true; tests turn it off) */
    unsigned insn_start_words;     /* how many insn_start words the target uses (1..3) */

    int nb_globals;                /* temps[0 .. nb_globals) are FIXED/GLOBAL, kept across TBs */
    int nb_temps;                  /* temps in use this TB (constants and temporaries follow) */
    int nb_labels;
    int nb_ops;
    unsigned nb_insns;             /* insn_start ops emitted this TB */

    TCGOp *first_op, *last_op;     /* the op list */
    TCGOp *free_ops;               /* removed ops, for reuse */
    TCGOpChunk *op_chunks;         /* storage for ops and labels */
    TCGLabel *labels[TCG_MAX_LABELS];
    TCGTemp *free_temps[TCG_TYPE_COUNT][2]; /* per type, EBB/TB: freed temps (via state_ptr) */
    /*
     * the constants of this TB by (type, value): open addressing with linear
     * probing, slot = temp index + 1 (0: empty); const_slots lists the slots
     * used, so the next TB clears only those
     */
    uint16_t const_hash[TCG_TYPE_COUNT][TCG_CONST_HASH_SIZE];
    uint16_t const_slots[TCG_MAX_TEMPS];
    int nb_const_slots;
    bool overflow;                 /* this TB ran out of temps or labels: not generated */
    unsigned overflow_insns;       /* nb_insns when it did (the insn being translated) */
    unsigned next_reserve;         /* round-robin among the reserve temps */
    TranslationBlock *gen_tb;      /* the TB being generated */

    /* filled by the back end's gen_code: end offset and words of each insn */
    uint32_t insn_end_off[TCG_MAX_INSNS];
    uint64_t insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];

    TCGTemp temps[TCG_MAX_TEMPS];
} TCGContext;

/* The calling thread's context, used implicitly by tcg_gen_*. */
extern __thread TCGContext *tcg_ctx;
/* env: the first temp of every context (FIXED, pointer type). */
extern const TCGv_ptr tcg_env;

/* User mode: guest address 0 is at host address guest_base. */
extern uintptr_t guest_base;

/*
 * Create a context with the back end from tcg_backend_default() and env as
 * its only global, and make it the calling thread's tcg_ctx.  NULL and *errp
 * set when no back end can be used.
 */
TCGContext *tcg_context_new(Error **errp);
/* A context for another thread with the same globals (and so the same handles). */
TCGContext *tcg_context_clone(const TCGContext *src);
void tcg_context_free(TCGContext *s);
/* Make s the calling thread's context. */
void tcg_context_set_current(TCGContext *s);

/* Start a new TB: drop the previous op list, temporaries, labels and constants. */
void tcg_func_start(TCGContext *s);

/*
 * Optimize, run liveness and generate code for tb->... to run at buf (at
 * most size bytes).  Bytes are written at buf + rw_offset: 0 when buf is
 * writable, else the distance to the writable view of the same memory (a
 * W^X code buffer mapped twice).  Fills tb's code fields (tc_ptr = buf) and
 * writes the per-insn restore data right after the code.  Returns the bytes
 * used (code + restore data), -1 when buf is too small (flush and retry) or
 * -2 when the TB is too large for its metadata or ran out of temps or labels
 * (retry with fewer insns: s->overflow_insns says where temps ran out).
 */
int tcg_gen_code(TCGContext *s, TranslationBlock *tb, void *buf, size_t size,
                 ptrdiff_t rw_offset);

/* The passes, exposed for tests and for the back ends' own drivers. */
void tcg_demand(TCGContext *s);
void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);
/* Print the op list (the format of -d op) to the log. */
void tcg_dump_ops(TCGContext *s, const char *title);
/* The same into a string (tests, debugging); g_free() it. */
char *tcg_dump_ops_str(TCGContext *s);

/* ---- temps, labels, ops: the low-level API under tcg-op.h ---------------- */

TCGTemp *tcg_global_mem_new_internal(TCGType type, intptr_t offset, const char *name);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
/*
 * The same for passes that run after the front end (the optimizer): NULL
 * instead of a reserve temp when the constant is new and no temp is left,
 * so that the caller keeps the op as it is rather than spoil the TB.
 */
TCGTemp *tcg_constant_try(TCGType type, int64_t val);
void tcg_temp_free_internal(TCGTemp *ts);

TCGLabel *gen_new_label(void);

/* Append an op with its arguments; returns it. */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nargs);
/* Ops inserted by passes around an existing op. */
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc, TCGType type);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc, TCGType type);
void tcg_op_remove(TCGContext *s, TCGOp *op);
/* Emit a helper call: ret may be NULL (void helper), args has info->nargs temps. */
void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

/* Iterate over the op list; _SAFE allows removing op. */
#define TCG_FOR_EACH_OP(s, op) \
    for (TCGOp *op = (s)->first_op; op; op = op->next)
#define TCG_FOR_EACH_OP_SAFE(s, op, nxt) \
    for (TCGOp *op = (s)->first_op, *nxt = op ? op->next : NULL; op; \
         op = nxt, nxt = op ? op->next : NULL)

static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)tcg_op_carg(op, 0);
}

static inline bool temp_readonly(const TCGTemp *ts)
{
    return ts->kind >= TEMP_FIXED;
}

static inline size_t temp_idx(const TCGTemp *ts)
{
    return ts - tcg_ctx->temps;
}

/* Handle <-> temp: a handle is the temp's byte offset in the context. */
static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v)
{
    return (TCGTemp *)((char *)tcg_ctx + (uintptr_t)v);
}

static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v)
{
    return (TCGTemp *)((char *)tcg_ctx + (uintptr_t)v);
}

static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v)
{
    return (TCGTemp *)((char *)tcg_ctx + (uintptr_t)v);
}

static inline uintptr_t tcg_temp_handle(const TCGTemp *ts)
{
    return (uintptr_t)((const char *)ts - (const char *)tcg_ctx);
}

static inline TCGv_i32 temp_tcgv_i32(TCGTemp *ts)
{
    return (TCGv_i32)tcg_temp_handle(ts);
}

static inline TCGv_i64 temp_tcgv_i64(TCGTemp *ts)
{
    return (TCGv_i64)tcg_temp_handle(ts);
}

static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *ts)
{
    return (TCGv_ptr)tcg_temp_handle(ts);
}

static inline TCGArg tcgv_i32_arg(TCGv_i32 v) { return (TCGArg)tcgv_i32_temp(v); }
static inline TCGArg tcgv_i64_arg(TCGv_i64 v) { return (TCGArg)tcgv_i64_temp(v); }
static inline TCGArg tcgv_ptr_arg(TCGv_ptr v) { return (TCGArg)tcgv_ptr_temp(v); }

/* Globals: a CPU-state field at base (always tcg_env) + offset, with a name for dumps. */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name);

/* TB-lived temporaries (survive labels). */
static inline TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB));
}
static inline TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB));
}
static inline TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_TB));
}
/* EBB temporaries: undefined after the next label. */
static inline TCGv_i32 tcg_temp_ebb_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB));
}
static inline TCGv_i64 tcg_temp_ebb_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB));
}
static inline TCGv_ptr tcg_temp_ebb_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB));
}
/* Constants: interned, read-only, never freed. */
static inline TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, val));
}
static inline TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, val));
}
static inline TCGv_ptr tcg_constant_ptr(intptr_t val)
{
    return temp_tcgv_ptr(tcg_constant_internal(TCG_TYPE_PTR, val));
}
/* Return a temporary for reuse (optional: all are released at tcg_func_start). */
static inline void tcg_temp_free_i32(TCGv_i32 v) { tcg_temp_free_internal(tcgv_i32_temp(v)); }
static inline void tcg_temp_free_i64(TCGv_i64 v) { tcg_temp_free_internal(tcgv_i64_temp(v)); }
static inline void tcg_temp_free_ptr(TCGv_ptr v) { tcg_temp_free_internal(tcgv_ptr_temp(v)); }

#endif
