/*
 * regalloc.h — the generic register allocator, private to tcg/ and the
 * native back ends.  A back end's gen_code sets up its code cursor and
 * calls tcg_regalloc_gen_code(), which walks the op list and calls the
 * back end's TCGNativeOps emitters (tcg-backend.h).
 */
#ifndef TCG_REGALLOC_H
#define TCG_REGALLOC_H

#include <stdint.h>

#include "tcg/tcg-backend.h"

/*
 * Allocate registers for the optimized, liveness-annotated op list of s and
 * emit its code through ops, whose cursor starts at code_start.  Emission
 * stops with -1 once the cursor passes code_limit (the back end keeps enough
 * room after code_limit for the largest single op).  Fills
 * s->insn_end_off[] and s->insn_data[] (offsets from code_start).  Returns 0,
 * -1 (buffer full) or -2 (the TB does not fit its metadata).
 *
 * Conventions a back end follows (see the file comment of regalloc.c):
 *  - ops->call_arg_regs has TCG_MAX_CALL_ARGS entries; -1 marks an argument
 *    passed on the stack, at frame_reg + 8 * (its index among stack arguments);
 *  - emit_op may use an output register before it has read an input only
 *    where the constraints make them differ (alias, newreg or fixed sets);
 *  - the back end emits nothing itself between ops except what emit_op asks.
 */
int tcg_regalloc_gen_code(TCGContext *s, const TCGNativeOps *ops,
                          const uint8_t *code_start, const uint8_t *code_limit);

#endif
