/*
 * x86-internal.h — what the files of the x86-64 back end share: register
 * names, host features, the code cursor, and the instruction encoder
 * (x86-emit.c).  Nothing here is visible outside tcg/x86_64/.
 *
 * Legend of the encoder's opcode words (X86Opc): the low byte is the
 * opcode byte, X86_0F / X86_0F38 / X86_0F3A select the escape map, X86_W
 * sets REX.W (64-bit operand), X86_66 / X86_F3 / X86_F2 add those prefixes,
 * X86_B8 marks a byte operand in the ModRM reg field or in a register rm
 * (so that registers 4..7 name spl/bpl/sil/dil, which needs a REX prefix).
 */
#ifndef TCG_X86_64_X86_INTERNAL_H
#define TCG_X86_64_X86_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/memop.h"
#include "tcg/tcg-backend.h"

/* Host registers in hardware numbering. */
enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_REGS,
};

/* Fixed roles (see docs/devel/tcg-backend-x86_64.md). */
#define X86_ENV X86_R14        /* env for the whole TB (callee-saved) */
#define X86_GUEST_BASE X86_R13 /* guest_base, loaded at every entry (callee-saved) */
#define X86_TMP X86_R11        /* scratch of the back end, never allocated */

/* Stack frame below the saved registers (rsp-relative while a TB runs). */
#define X86_STACK_ARGS 16      /* outgoing stack arguments of helper calls */
#define X86_SPILL_SIZE (8 * TCG_MAX_TEMPS)  /* one slot per temporary */
/* 6 pushes + return address = 56 bytes: this keeps rsp 16-byte aligned */
#define X86_FRAME_SIZE (X86_STACK_ARGS + X86_SPILL_SIZE + 8)

/* Host features, read with cpuid once (x86_features_init). */
typedef struct X86Features {
    bool bmi1;                 /* andn, tzcnt */
    bool bmi2;                 /* shlx, shrx, sarx, rorx */
    bool lzcnt;
    bool popcnt;
    bool movbe;
} X86Features;

extern X86Features x86_have;
void x86_features_init(void);

/* The code cursor of the TB being generated (per thread). */
typedef struct X86Code {
    uint8_t *start;            /* first byte of the TB's code, where it is written */
    uint8_t *ptr;              /* next byte to write */
    intptr_t rx_offset;        /* + a written address = where that byte runs (W^X views) */
    TranslationBlock *tb;
    bool too_big;              /* an offset outgrew the TB's 16-bit metadata */
    /*
     * a brcond to a label whose code is "goto_tb n": the jcc's rel32 field
     * (offset) serves as goto_tb n's patchable jump, the label as its reset
     * target (NULL label: none this TB)
     */
    struct {
        TCGLabel *label;
        uint32_t field;
    } jcc_goto_tb[2];
    /* pending label references: offset of a rel32 field and its label */
    struct X86Reloc {
        uint32_t offset;
        TCGLabel *label;
    } *relocs;
    int nb_relocs, max_relocs;
    /* system mode: out-of-line slow paths of qemu_ld/st, emitted after the TB's code */
    struct X86SlowPath {
        bool is_st;
        TCGType type;              /* of the loaded value */
        MemOpIdx oi;
        uint8_t abits;             /* guest address width */
        int8_t addr, val;          /* registers: guest address; value (st) or result (ld) */
        uint32_t done;             /* offset where the fast path rejoins */
        uint32_t jumps[2];         /* offsets of the rel32 fields that branch here (0: none) */
    } *slow;
    int nb_slow, max_slow;
} X86Code;

extern __thread X86Code x86_code;

/* ---- encoder (x86-emit.c) ------------------------------------------------- */

typedef uint32_t X86Opc;
enum {
    X86_0F = 1 << 8,
    X86_0F38 = 1 << 9,
    X86_0F3A = 1 << 10,
    X86_W = 1 << 11,
    X86_66 = 1 << 12,
    X86_F3 = 1 << 13,
    X86_F2 = 1 << 14,
    X86_B8 = 1 << 15,
};

/* x86 condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
enum {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
};

/* ALU group numbers (the /digit of 0x81 and the opcode base of 0x01..0x39). */
enum { X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP };
/* Shift group numbers (/digit of 0xC1 and 0xD3). */
enum { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 };

static inline void x86_put8(uint8_t v)
{
    *x86_code.ptr++ = v;
}

static inline void x86_put32(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        *x86_code.ptr++ = v >> (8 * i);
    }
}

static inline void x86_put64(uint64_t v)
{
    x86_put32((uint32_t)v);
    x86_put32((uint32_t)(v >> 32));
}

static inline bool x86_fits_s32(int64_t v)
{
    return v == (int32_t)v;
}

static inline bool x86_fits_s8(int64_t v)
{
    return v == (int8_t)v;
}

/* The REX.W flag for an IR type. */
static inline X86Opc x86_w(TCGType type)
{
    return type == TCG_TYPE_I64 ? X86_W : 0;
}

/* opc with ModRM reg field r and register operand rm */
void x86_rr(X86Opc opc, int r, int rm);
/* opc with ModRM reg field r and memory operand [base + index + disp]
   (base or index -1 for none) */
void x86_rm(X86Opc opc, int r, int base, int index, intptr_t disp);
/* the same with any 64-bit disp (far ones through X86_TMP, so r must not be it) */
void x86_rm_far(X86Opc opc, int r, int base, intptr_t disp);
/* VEX-encoded opc (BMI): reg r, vvvv v, register rm */
void x86_vex_rr(X86Opc opc, int r, int v, int rm);

void x86_mov_rr(TCGType type, int dst, int src);
void x86_movi(TCGType type, int dst, int64_t val);
void x86_ld(TCGType type, int dst, int base, intptr_t disp);
void x86_st(TCGType type, int src, int base, intptr_t disp);
/* ALU op dst, src (register) */
void x86_alu_rr(TCGType type, int alu, int dst, int src);
/* ALU op dst, imm (imm must fit 32 bits sign-extended) */
void x86_alu_ri(TCGType type, int alu, int dst, int64_t imm);
/* shift/rotate dst by an immediate count */
void x86_shift_ri(TCGType type, int sh, int dst, int count);
/* jump (Jcc when cc >= 0, else JMP) to a label: rel32 with a reloc */
void x86_jmp_label(int cc, TCGLabel *l);
/* short forward jump with its rel8 to patch: returns the patch address */
uint8_t *x86_jmp_short(int cc);
void x86_patch_short(uint8_t *at);
/* call a C function (rel32 when in reach, else through X86_TMP) */
void x86_call(const void *func);
/* the epilogue, returning rax from exec */
void x86_epilogue(void);
/* the entry trampoline at buf; bytes used or -1 */
int x86_prologue_emit(void *buf, size_t size);

/* ---- ops (x86-ops.c, x86-ldst.c) ------------------------------------------ */

void x86_constraints_init(void);
const TCGOpConstraints *x86_op_constraints(TCGOpcode opc, TCGType type);
bool x86_op_supported(TCGOpcode opc, TCGType type);
void x86_emit_op(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args);
/* TCGNativeOps.emit_brcond_mem: cmp [base + offset], imm and a jcc */
bool x86_emit_brcond_mem(TCGContext *s, TCGType type, TCGCond cond, int base, intptr_t offset,
                         int64_t val, TCGLabel *l);
void x86_emit_qemu_ld(TCGContext *s, const TCGOp *op, const TCGArg *args);
void x86_emit_qemu_st(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args);
/* emit the slow paths recorded for the TB (system mode); false: not enough room before end */
bool x86_emit_slow_paths(const uint8_t *end);

#endif
