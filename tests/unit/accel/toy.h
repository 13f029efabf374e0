/*
 * toy.h — a tiny invented guest ISA for testing the execution layer, with a
 * front end built on translator_loop and a reference interpreter written
 * independently of it (the tests compare the two).
 *
 * Instructions are 32-bit little-endian words:
 *     bits 0-7 opcode, 8-11 rd, 12-15 rs, 16-31 imm (signed 16 bits)
 *
 *   MOVI rd, imm        rd = imm
 *   ADDI rd, rs, imm    rd = rs + imm
 *   LD   rd, imm(rs)    rd = 64-bit little-endian load at rs + imm
 *   ST   rd, imm(rs)    64-bit store of rd at rs + imm
 *   LDW  rd, imm(rs)    rd = 32-bit zero-extended big-endian load (page-crossing tests)
 *   LDA  rd, imm(rs)    rd = 32-bit zero-extended little-endian load that must be
 *                       4-byte aligned (else TOY_EXCP_ALIGN)
 *   BNZ  rd, imm        if rd != 0: pc += 4 + imm * 4       (direct, two exits)
 *   J    imm            pc += 4 + imm * 4                   (direct)
 *   JR   rs             pc = rs                             (indirect: goto_ptr)
 *   CALL imm            imm 0: helper counting calls; imm 1: helper raising TOY_EXCP_TRAP
 *   UDF                 raises TOY_EXCP_UDF (through a helper, mid-TB)
 *   HALT                cpu_exec returns EXCP_HLT with pc at the HALT
 *
 * Guest exceptions (TRAP, UDF, PAGE fault, ALIGN) are delivered by do_interrupt,
 * and CPU_INTERRUPT_HARD by cpu_exec_interrupt as TOY_EXCP_IRQ: both record
 * the code, the pc and a copy of the registers, then jump to env.vector.
 */
#ifndef TESTS_UNIT_ACCEL_TOY_H
#define TESTS_UNIT_ACCEL_TOY_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/core/cpu.h"

enum {
    TOY_MOVI = 1, TOY_ADDI, TOY_LD, TOY_ST, TOY_LDW, TOY_BNZ, TOY_J, TOY_JR, TOY_CALL,
    TOY_UDF, TOY_HALT, TOY_LDA,
};

enum {
    TOY_EXCP_TRAP = 1,
    TOY_EXCP_UDF = 2,
    TOY_EXCP_PAGE = 3,
    TOY_EXCP_IRQ = 4,              /* the external interrupt line (CPU_INTERRUPT_HARD) */
    TOY_EXCP_ALIGN = 5,            /* LDA of a misaligned address */
};

#define TOY_NREGS 8

struct CPUArchState {
    uint64_t regs[TOY_NREGS];
    uint64_t pc;
    uint64_t vector;               /* where exceptions go */
    uint64_t helper_calls;         /* CALL 0 count */
    /* the last exception taken */
    int excp_count;
    uint64_t excp_first_pc;        /* pc of the first exception taken */
    int excp_code;
    uint64_t excp_pc;
    uint64_t excp_addr;            /* faulting data address (PAGE) */
    uint64_t excp_regs[TOY_NREGS];
};

typedef struct ToyCPU {
    CPUState parent;
    CPUNegativeOffsetState neg;
    CPUArchState env;
} ToyCPU;

/* An instruction word (a constant expression, usable in static tables). */
#define TOY_INSN(op, rd, rs, imm) \
    ((uint32_t)(op) | (uint32_t)(rd) << 8 | (uint32_t)(rs) << 12 | \
     (uint32_t)(uint16_t)(int16_t)(imm) << 16)

static inline uint32_t toy_insn(unsigned op, unsigned rd, unsigned rs, int imm)
{
    return TOY_INSN(op, rd, rs, imm);
}

/* ---- guest memory of the tests ------------------------------------------ */

/*
 * System mode: guest RAM at physical 0 .. TOY_RAM_SIZE, mapped 1:1 at the
 * same virtual addresses, plus one MMIO page; everything else faults.
 * User mode: the same RAM is the guest address space (guest_base).
 */
#define TOY_PAGE_BITS 12
#define TOY_RAM_SIZE (1024 * 1024)
#define TOY_MMIO_BASE 0x200000u

extern uint8_t *toy_ram;
extern bool toy_softmmu;
extern unsigned toy_tlb_fills;       /* tlb_fill calls that installed a page */
/* System mode: virtual page toy_alias_vpage maps to physical toy_alias_ppage (-1: none). */
extern uint64_t toy_alias_vpage, toy_alias_ppage;
extern uint64_t toy_mmio_reg;        /* the MMIO page's one register */
extern unsigned toy_mmio_reads, toy_mmio_writes;

extern const TCGCPUOps toy_tcg_ops;

/* Set up the accelerator (once per process) and memory. */
void toy_init(bool softmmu, size_t code_buffer_bytes);
ToyCPU *toy_cpu_new(void);
/* Copy a program into guest memory at addr (bypassing page protection), dropping stale TBs. */
void toy_load(uint64_t addr, const uint32_t *insns, unsigned n);

/* ---- the reference ------------------------------------------------------- */

typedef struct ToyRef {
    uint64_t regs[TOY_NREGS];
    uint64_t pc;
    uint64_t helper_calls;
    uint64_t steps;                /* instructions completed */
    int stop;                      /* 0 halt, else the exception that stopped it */
} ToyRef;

/*
 * Interpret from pc on a private copy of mem until HALT, an exception, or
 * max_steps; faulting accesses are those outside the RAM (no MMIO).
 */
void toy_ref_run(ToyRef *r, const uint8_t *mem, uint64_t pc, uint64_t max_steps);

#endif
