/*
 * tcg-ldst.h — the guest-memory slow paths that generated code calls in
 * system mode (TCGContext.softmmu).  accel/tcg implements them with the soft
 * TLB; unit tests link a simple flat-memory version.
 *
 * retaddr is a host pc inside the calling TB's code (see tb_insn_data), so
 * that a fault can restore the guest state of the faulting instruction and
 * leave the TB (siglongjmp to the execution loop).  oi carries the MemOp and
 * the MMU index; the helpers do the byte swap and the extension it asks for.
 */
#ifndef TCG_TCG_LDST_H
#define TCG_TCG_LDST_H

#include <stdint.h>

#include "exec/memop.h"
#include "tcg/tcg.h"

/* Load 1, 2, 4 or 8 bytes: the value extended to 64 bits as get_memop(oi) says. */
uint64_t tcg_helper_ld(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
/* Store the low 1, 2, 4 or 8 bytes of val. */
void tcg_helper_st(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                   uintptr_t retaddr);
/*
 * User mode: addr misses the alignment get_memop(oi) requires.  Raises the
 * target's alignment fault and does not return.
 */
void tcg_helper_unaligned(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
    __attribute__((noreturn));

#endif
