/*
 * tcg-backend.h — the one interface between the target-neutral translator
 * and a code generator.  tcg/tci (an interpreter of compact bytecode, any
 * host) implements it now; tcg/x86_64 (native code) implements it with the
 * generic register allocator (tcg/regalloc.c) through `native`.
 *
 * The back end is chosen at run time: tcg_backend_select("tci"), or the
 * EMU_TCG_BACKEND environment variable, or the native one when it exists.
 *
 * Contract of generated code, whatever the back end:
 *  - it is entered with exec(env, code) and returns what an exit_tb returned:
 *    (uintptr_t)last_tb | exit_index in the low 2 bits, or 0 (goto_ptr to NULL,
 *    or exit_tb 0).  TranslationBlocks are therefore aligned to 4 bytes;
 *  - globals are in env memory at every TB boundary and at every helper call
 *    that may read them (TCG_CALL_NO_READ_GLOBALS clear);
 *  - goto_tb n falls through to the code after it (normally an exit_tb) until
 *    set_jmp_target() points it at another TB's code; reset_jmp() undoes it;
 *  - qemu_ld/qemu_st compute host = guest_base + address in user mode, and
 *    call tcg_helper_ld/st (tcg-ldst.h) in system mode, passing as retaddr a
 *    host pc inside the guest instruction's code, which tb_insn_data() maps
 *    back to the instruction; when TCGContext.tlb_page_bits is set a back end
 *    may first look the address up in the soft TLB below env
 *    (CPUTLBDescFast, hw/core/cpu.h) and call the helper only on a miss;
 *  - W^X: code is written at its run address + rw_offset (see gen_code).
 */
#ifndef TCG_TCG_BACKEND_H
#define TCG_TCG_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/tcg.h"

/* A set of host registers, bit n = register n. */
typedef uint64_t TCGRegSet;

/* Constant classes an operand may accept instead of a register. */
enum {
    TCG_CT_CONST = 1 << 0,         /* any constant of the op's width */
    TCG_CT_CONST_ZERO = 1 << 1,    /* the constant 0 */
    TCG_CT_CONST_S32 = 1 << 2,     /* a constant that fits a sign-extended 32-bit field */
    TCG_CT_CONST_U32 = 1 << 3,     /* a constant that fits a zero-extended 32-bit field */
    TCG_CT_CONST_TARGET = 1 << 8,  /* first bit free for back-end specific classes */
};

/* How one temp argument of an op may be placed (native back ends). */
typedef struct TCGArgConstraint {
    TCGRegSet regs;                /* registers allowed (0: must be a constant) */
    uint16_t ct;                   /* TCG_CT_* constants accepted instead */
    int8_t alias;                  /* output: must share the register of input arg #alias
                                      (argument index), or -1 */
    bool newreg;                   /* output: must not share a register with any input */
} TCGArgConstraint;

/* The constraints of all temp arguments of one (op, type), outputs first. */
typedef struct TCGOpConstraints {
    TCGArgConstraint args[TCG_MAX_OP_ARGS];
} TCGOpConstraints;

/*
 * What a native back end gives the generic register allocator
 * (tcg/regalloc.c): its registers, and small emitters the allocator calls
 * for moves, spills and each op once its operands sit in registers.
 */
typedef struct TCGNativeOps {
    /* registers */
    int nb_regs;                   /* registers are numbered 0 .. nb_regs - 1 */
    TCGRegSet allocatable;         /* registers the allocator may hand out */
    TCGRegSet call_clobbered;      /* registers a C call destroys */
    int env_reg;                   /* holds env for the whole TB (TEMP_FIXED) */
    int frame_reg;                 /* base of the spill frame (usually the stack pointer) */
    intptr_t frame_start;          /* spill slots live at frame_reg + frame_start .. */
    intptr_t frame_size;           /* .. + frame_size */
    const int8_t *alloc_order;     /* preferred allocation order, nb_regs entries */
    const int8_t *call_arg_regs;   /* integer argument registers of the C ABI */
    int call_ret_reg;              /* integer return register of the C ABI */

    /* constraints of (op, type) for the allocator; never NULL for supported ops */
    const TCGOpConstraints *(*op_constraints)(TCGOpcode opc, TCGType type);
    /* emit "ret = arg" between registers of the given type */
    void (*emit_mov)(TCGContext *s, TCGType type, int ret, int arg);
    /* emit "ret = val" */
    void (*emit_movi)(TCGContext *s, TCGType type, int ret, int64_t val);
    /* emit a load of register ret from base + offset (fills, globals) */
    void (*emit_ld)(TCGContext *s, TCGType type, int ret, int base, intptr_t offset);
    /* emit a store of register arg to base + offset (spills, global syncs) */
    void (*emit_st)(TCGContext *s, TCGType type, int arg, int base, intptr_t offset);
    /*
     * emit op with args[] holding host register numbers for temps (or the
     * constant value where const_args[i] is set) and constants unchanged
     */
    void (*emit_op)(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args);
    /* emit a C call to func once the arguments are in the ABI registers */
    void (*emit_call)(TCGContext *s, const TCGHelperInfo *info);
    /* code-emission cursor shared with the allocator: current write pointer */
    uint8_t *(*code_ptr)(TCGContext *s);
    /*
     * optional: emit "if (*(type *)(base + offset) cond val) goto l" (an ld
     * whose value only feeds a brcond against a constant, such as the exit
     * check at every TB start); false, emitting nothing, when it cannot
     */
    bool (*emit_brcond_mem)(TCGContext *s, TCGType type, TCGCond cond, int base,
                            intptr_t offset, int64_t val, TCGLabel *l);
    /*
     * an I32 op leaves bits 63:32 of its output register clear (x86-64):
     * the allocator then emits "op t, ...; ext32u r, t" (t dying there) as
     * the op at I32 into r, and "ext32u t, x; brcond t, $c" as a 32-bit
     * brcond on x
     */
    bool i32_zero_extends;
} TCGNativeOps;

typedef struct TCGBackend {
    /* short name used by tcg_backend_select() and EMU_TCG_BACKEND */
    const char *name;
    /* true when this host can run the back end (cpuid checks and the like) */
    bool (*probe)(void);
    /*
     * true when (opc, type) is implemented natively; tcg-op.c expands the
     * others into supported ones (the mandatory core — mov, add, sub, and,
     * or, xor, shl, shr, sar, setcond, brcond, ld/st, ext*, extu/ext_i32_i64,
     * extrl/extrh, qemu_ld/st, call and the control ops — must be supported)
     */
    bool (*op_supported)(TCGOpcode opc, TCGType type);
    /*
     * once per code buffer: write the entry/exit trampoline for address code
     * (at most size bytes, written at code + rw_offset); returns the bytes
     * used, or -1.  The buffer must stay where it is for as long as code
     * generated after it is used.
     */
    int (*prologue)(void *code, size_t size, ptrdiff_t rw_offset);
    /*
     * generate code for the optimized, liveness-annotated op list of s to
     * run at code (at most size bytes): every byte is written at its address
     * + rw_offset (0 unless the buffer is mapped twice for W^X), every
     * address the code holds (jumps, calls, retaddr) refers to code.  Fills
     * the goto_tb offsets and s->insn_end_off[]/insn_data[]; returns the
     * code size, -1 when the area is too small, -2 when the TB is too big
     * for its metadata
     */
    int (*gen_code)(TCGContext *s, TranslationBlock *tb, void *code, size_t size,
                    ptrdiff_t rw_offset);
    /*
     * point goto_tb n of tb at host code target (another TB's tc_ptr),
     * writing through tb->tc_ptr + rw_offset; must be atomic with respect to
     * threads running tb (a single aligned store) and make the change
     * visible to instruction fetch
     */
    void (*set_jmp_target)(TranslationBlock *tb, int n, const void *target,
                           ptrdiff_t rw_offset);
    /* run translated code from code (a tc_ptr) until it exits; returns the exit value */
    uintptr_t (*exec)(CPUArchState *env, const void *code);
    /* register allocation hooks; NULL for back ends that do not allocate registers */
    const TCGNativeOps *native;
} TCGBackend;

/* The back ends compiled in, NULL-terminated, native first. */
const TCGBackend *const *tcg_backend_list(void);
/* The back end called name (when it probes), or NULL with *errp set. */
const TCGBackend *tcg_backend_find(const char *name, Error **errp);
/*
 * Make name the default for contexts created from now on (nullable: back to
 * the automatic choice).  False with *errp set for an unknown or unusable one.
 */
bool tcg_backend_select(const char *name, Error **errp);
/*
 * The back end new contexts use: the selected one, else $EMU_TCG_BACKEND,
 * else the first in tcg_backend_list() whose probe succeeds.
 */
const TCGBackend *tcg_backend_default(Error **errp);

/*
 * Point goto_tb n of tb back at its own fall-through exit (unchaining);
 * rw_offset as for set_jmp_target.
 */
void tcg_tb_reset_jump(const TCGBackend *be, TranslationBlock *tb, int n, ptrdiff_t rw_offset);

/* The interpreter back end (tcg/tci; compiled in when CONFIG_TCG_TCI is defined). */
extern const TCGBackend tcg_backend_tci;
/* The native back end of x86-64 hosts (tcg/x86_64). */
extern const TCGBackend tcg_backend_x86_64;
/*
 * While TCI runs a helper or a slow-path load/store: the "host pc" of the
 * calling bytecode instruction (a return address for tb_insn_data()), the
 * TCI counterpart of a native helper's __builtin_return_address(0).
 */
extern __thread uintptr_t tcg_tci_retaddr;

#endif
