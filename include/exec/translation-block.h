/*
 * translation-block.h — a translated block of guest code (TB): what the
 * code generator (tcg_gen_code) fills in, and the lookup from a host pc
 * inside the TB back to the guest instruction it belongs to.
 *
 * The execution loop (accel/tcg) owns TBs: it allocates them (4-byte
 * aligned, see the exit value in tcg-backend.h), sets pc/cs_base/flags/
 * cflags, keeps them in its hash and jump caches and links them for
 * chaining; it may add its own fields at the end of the struct.
 *
 * Restore data: after the code, tcg_gen_code writes one record per guest
 * instruction:  the growth of the host code end offset, then the change of
 * each insn_start word from the previous instruction (the first one starts
 * from pc, 0, 0), every number as a signed LEB128.  Typical records take
 * 2..4 bytes.
 */
#ifndef EXEC_TRANSLATION_BLOCK_H
#define EXEC_TRANSLATION_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/tcg.h"

/* No goto_tb n in this TB. */
#define TB_JMP_OFFSET_INVALID 0xffff

struct TranslationBlock {
    /* identity: set by the execution loop before translation */
    uint64_t pc;                   /* guest pc of the first instruction */
    uint64_t cs_base;              /* target-defined extra state (x86 CS base, ...) */
    uint32_t flags;                /* target-defined state the code depends on */
    uint32_t cflags;               /* how it was compiled (single-step, no chaining, ...) */
    uint32_t size;                 /* guest bytes covered, set by the front end */
    uint16_t icount;               /* guest instructions in the TB (insn_start count) */

    /* filled by tcg_gen_code */
    const void *tc_ptr;            /* host code (or bytecode) start */
    uint32_t tc_size;              /* bytes of code, not counting restore data */
    uint32_t restore_size;         /* bytes of restore data at tc_ptr + tc_size */
    /* goto_tb n: offset from tc_ptr of the patchable jump field / target ... */
    uint16_t jmp_insn_offset[2];
    /* ... and of the fall-through code it points at while unchained */
    uint16_t jmp_reset_offset[2];
    /* words per insn_start, as the front end set them (s->insn_start_words) */
    uint8_t insn_start_words;
};

/*
 * Find the guest instruction containing host_pc (a return address into the
 * TB's code: the instruction is the one whose code ends at or after
 * host_pc - 1) and store its insn_start words in data[0..2].  False when
 * host_pc is outside the TB's code.
 */
bool tb_insn_data(const TranslationBlock *tb, uintptr_t host_pc,
                  uint64_t data[TCG_INSN_START_WORDS]);

/* Encode s->insn_end_off/insn_data for tb at out (at most size bytes); -1 if too small. */
int tb_encode_restore_data(TCGContext *s, TranslationBlock *tb, uint8_t *out, size_t size);

#endif
