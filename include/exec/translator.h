/*
 * translator.h — the generic translation loop front ends plug into.
 *
 * A front end fills a TranslatorOps and calls translator_loop() from its
 * TCGCPUOps.translate_code hook; the loop handles what every target needs
 * the same way: the exit check at the TB start, the instruction limit, the
 * page boundary, single-step and breakpoints.
 *
 *     static void toy_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
 *     {
 *         ToyDisas dc;                             starts with DisasContextBase base
 *         translator_loop(cpu, tb, max_insns, &toy_translator_ops, &dc.base);
 *     }
 *
 * Each translate_insn reads its bytes with translator_ld*(), advances
 * db->pc_next, and sets db->is_jmp when the instruction ends the TB.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memop.h"
#include "exec/translation-block.h"
#include "hw/core/cpu.h"

/* Why translation of a TB stops; targets add their own from DISAS_TARGET_0. */
typedef enum DisasJumpType {
    DISAS_NEXT,                    /* keep going */
    DISAS_TOO_MANY,                /* the loop stopped it (limit, page end, breakpoint, step):
                                      tb_stop must jump to pc_next */
    DISAS_NORETURN,                /* the code already left the TB (exception, exit_tb) */
    DISAS_TARGET_0,
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;             /* tb->pc */
    uint64_t pc_next;              /* guest pc of the next instruction to translate */
    DisasJumpType is_jmp;
    int num_insns;                 /* instructions translated so far */
    int max_insns;                 /* limit for this TB */
    bool singlestep_enabled;       /* the TB is for the debugger's single-step */
    bool fetch_fault;              /* translator_ld met a later page that cannot be executed:
                                      the instruction is dropped and the TB ends before it */
} DisasContextBase;

typedef struct TranslatorOps {
    /* set up the target's DisasContext from the CPU state and tb->flags */
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    /* emit what every TB of the target starts with (may be NULL) */
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    /* emit tcg_gen_insn_start for the instruction at db->pc_next */
    void (*insn_start)(DisasContextBase *db, CPUState *cpu);
    /* translate one instruction, advance db->pc_next, maybe set db->is_jmp */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    /* end the TB according to db->is_jmp (goto_tb, lookup_and_goto_ptr, exit_tb ...) */
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

/* Translate tb with at most max_insns instructions through ops. */
void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/* True when a direct goto_tb to dest is allowed (same page, chaining not disabled). */
bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest);

/*
 * Load code bytes at pc (covered by the TB: self-modifying code is tracked
 * for it).  Bytes on a later page than the TB's first one are checked
 * first: if that page cannot be executed, the fetch fault is raised when
 * this is the TB's first instruction, else translator_loop drops the
 * instruction (it returns 0 meanwhile) and ends the TB before it, so the
 * fault happens with the guest state of that instruction.
 */
uint64_t translator_ld(CPUArchState *env, DisasContextBase *db, uint64_t pc, MemOp mop);
static inline uint8_t translator_ldub(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return translator_ld(env, db, pc, MO_UB);
}
static inline uint32_t translator_ldl_le(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return translator_ld(env, db, pc, MO_LEUL);
}
static inline uint32_t translator_ldl_be(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return translator_ld(env, db, pc, MO_BEUL);
}

/*
 * End a TB with an indirect jump: look the next TB up from the CPU state
 * (which the front end has stored) and jump to it without leaving generated
 * code when it is already translated.
 */
void tcg_gen_lookup_and_goto_ptr(void);

#endif
