/*
 * tci.h — the bytecode of the interpreter back end, shared by its generator
 * (tci-gen.c) and its interpreter (tci-exec.c).  Private to tcg/tci.
 *
 * A TB's bytecode is a sequence of instructions made of 32-bit words:
 *
 *   word 0        opcode (bits 0-7, a TCGOpcode or TCI_OP_NOP), op type
 *                 (bits 8-15), length of the instruction in words (16-31)
 *   then          one operand reference per temp argument (outputs first)
 *   then          the op's constant arguments, one word each, except the
 *                 64-bit ones (exit_tb value, call target, goto_tb target)
 *                 which take two words at an 8-byte aligned position
 *   then          a pool of the constant temps the instruction reads
 *
 * An operand reference names where a value lives and how wide it is:
 *   bits 0-1  base: TCI_BASE_FRAME (temps, indexed by temp number; env is
 *             slot 0), TCI_BASE_ENV (globals, at their env offset) or
 *             TCI_BASE_INSN (the constant pool, relative to the instruction)
 *   bit 2     the value is 64 bits wide (else 32)
 *   bits 3-31 byte offset from the base
 * so every operand is read the same way whatever its kind, and globals need
 * no synchronisation at all: they are always in env.
 *
 * Branch targets are word offsets relative to the branch instruction.
 */
#ifndef TCG_TCI_TCI_H
#define TCG_TCI_TCI_H

#include <stdint.h>
#include <string.h>

#include "tcg/tcg.h"

enum {
    TCI_BASE_FRAME = 0,
    TCI_BASE_ENV = 1,
    TCI_BASE_INSN = 2,
    TCI_REF_64 = 1 << 2,
    TCI_REF_SHIFT = 3,
};

/* Padding so that a goto_tb target lands on an 8-byte boundary. */
#define TCI_OP_NOP 0xff

/* The largest instruction: header, 10 refs, 4 constant words, 10 pooled constants. */
#define TCI_MAX_INSN_WORDS 48

/* Extra flag in qemu_ld/st's address-width word: go through tcg_helper_ld/st. */
#define TCI_LDST_SOFTMMU 0x100

static inline uint32_t tci_header(unsigned opc, unsigned type, unsigned len)
{
    return opc | type << 8 | len << 16;
}

static inline uint64_t tci_get64(const uint32_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline void tci_put64(uint32_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

uintptr_t tci_exec(CPUArchState *env, const void *code);

#endif
