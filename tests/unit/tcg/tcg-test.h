/*
 * tcg-test.h — the harness shared by the translator unit tests.
 *
 * A test builds IR by hand between tt_begin() and tt_end(), which generates
 * code with the back end under test into an executable buffer; tt_run()
 * then executes it on the test CPU state.  tt_backends() lists every back
 * end of tcg_backend_list() plus "tci-expand": TCI restricted to the
 * mandatory ops, so that every expansion in tcg/tcg-op.c runs too.  A new
 * native back end joins every test without a change here.
 *
 * Guest memory for qemu_ld/st: user mode uses guest_base = tt_guest_mem;
 * system mode goes through tcg_helper_ld/st, implemented here on the same
 * flat memory (and counting their calls).
 */
#ifndef TESTS_UNIT_TCG_TCG_TEST_H
#define TESTS_UNIT_TCG_TCG_TEST_H

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg-backend.h"
#include "exec/translation-block.h"
#include "hw/core/cpu.h"

#include <glib.h>

#define TT_GUEST_MEM_SIZE 65536

struct CPUArchState {
    uint64_t in64[8];              /* operands the test program loads */
    uint32_t in32[8];
    uint64_t out64[4];             /* results it stores */
    uint32_t out32[4];
    uint64_t regs[8];              /* fields bound to globals */
    uint32_t regs32[8];
    uint64_t scratch[8];           /* for host ld/st tests */
    uint64_t helper_calls;         /* incremented by test helpers */
};

/*
 * System mode with a soft TLB: the layout hw/core/cpu.h asks of a target
 * (the fast TLB right below env), for tests that set
 * TCGContext.tlb_page_bits = TT_PAGE_BITS and run with &cpu.env.
 */
typedef struct TTCPU {
    CPUNegativeOffsetState neg;
    CPUArchState env;
} TTCPU;

#define TT_PAGE_BITS 12
#define TT_TLB_ENTRIES (TT_GUEST_MEM_SIZE >> TT_PAGE_BITS)  /* one per page */

/*
 * Point every MMU index of cpu at a TLB mapping the test memory 1:1 (guest
 * address = offset in tt_guest_mem).  Page n gets a TLB_* style flag bit in
 * addr_write when bit n of write_flagged is set, and an empty entry (-1)
 * when bit n of empty is set: both send accesses to the slow path.
 */
void tt_tlb_setup(TTCPU *cpu, uint32_t write_flagged, uint32_t empty);

extern uint8_t *tt_guest_mem;
/*
 * Called (when set) by the slow-path helpers for an address outside the
 * test memory and by tcg_helper_unaligned: a test's way to raise a guest
 * exception (it siglongjmps out of the generated code).
 */
extern void (*tt_fault_hook)(CPUArchState *env, uint64_t addr, uintptr_t retaddr);
extern unsigned tt_slow_loads, tt_slow_stores;

/*
 * The back ends to run, NULL-terminated: tcg_backend_list() + tci-expand, or
 * those named in $EMU_TCG_TEST_BACKENDS (comma-separated).
 */
const TCGBackend *const *tt_backends(void);

/* Create the context for be (optimizer on or off) and start a TB. */
TCGContext *tt_begin(const TCGBackend *be, bool optimize);
/* Generate the TB; returns it (owned by the harness until the next tt_begin). */
TranslationBlock *tt_end(TCGContext *s);
/* Generate a second TB in the same buffer without resetting the context's globals. */
TranslationBlock *tt_end_keep(TCGContext *s);
uintptr_t tt_run(TCGContext *s, TranslationBlock *tb, CPUArchState *env);

/*
 * The seed of a random-program test: $EMU_TCG_TEST_SEED when set (to explore
 * other programs), else the test's fixed default.
 */
guint32 tt_random_seed(guint32 dflt);

/* Random 64-bit operands biased towards edge cases. */
uint64_t tt_rand_operand(GRand *r);

/* Global handles declared by tt_begin: regs[i] (i64) and regs32[i] (i32). */
extern TCGv_i64 tt_reg64[8];
extern TCGv_i32 tt_reg32[8];

#endif
