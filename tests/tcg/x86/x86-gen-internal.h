/*
 * x86-gen-internal.h — what the two halves of the generator share: the
 * generator state, operand and encoding types, flag bookkeeping and the
 * encoder (x86-gen.c), and the vector forms (x86-gen-vec.c: SSE, x87, MMX).
 */
#ifndef TESTS_TCG_X86_GEN_INTERNAL_H
#define TESTS_TCG_X86_GEN_INTERNAL_H

#include "x86-gen.h"

#define CF 0x001
#define PF 0x004
#define AF 0x010
#define ZF 0x040
#define SF 0x080
#define OF 0x800
#define ALLF (CF | PF | AF | ZF | SF | OF)

#define RBX_VALUE (X86T_DATA + 128)

typedef struct Gen {
    uint64_t rng;
    const X86GenConfig *cfg;
    bool m64;
    uint8_t *p;                    /* next byte */
    uint8_t *code0;                /* the sequence's first byte (at X86T_CODE) */
    uint32_t undef;                /* flags undefined now */
    int depth;                     /* x87 registers in use */
    bool fcc_undef;                /* x87 C0 C2 C3 undefined now */
} Gen;

/* An r/m operand: a register or a memory location inside DATA. */
typedef struct RM {
    bool mem;
    int reg;                       /* register number when !mem */
    int form;                      /* memory: 0 [rbx+d8], 1 [rbx+d32], 2 SIB [rbx+d8], 3 RIP/abs, 4 SIB no base */
    int32_t off;                   /* memory: byte offset inside DATA */
} RM;

/*
 * Emit one instruction: legacy prefixes, REX, opcode bytes, ModRM (+SIB,
 * displacement) with `reg` in the reg field, then an immediate of imm_len
 * bytes.  size 2 adds 66, size 8 sets REX.W; force_rex adds an empty REX
 * (byte registers SPL..DIL).
 */
typedef struct Enc {
    const uint8_t *pfx;            /* mandatory/legacy prefixes, 0-terminated */
    int size;                      /* operand size for 66 / REX.W (0: neither) */
    bool force_rex;
    const uint8_t *op;             /* opcode bytes */
    int oplen;
    int reg;                       /* ModRM.reg (register or /digit) */
    RM rm;
    int imm_len;
    uint64_t imm;
} Enc;

uint64_t x86g_rnd(Gen *g);
unsigned x86g_rn(Gen *g, unsigned n);
bool x86g_chance(Gen *g, unsigned pct);
bool x86g_can_read(Gen *g, uint32_t f);
void x86g_flags_out(Gen *g, uint32_t def, uint32_t undef);
uint32_t x86g_cc_reads(int cc);
void x86g_e1(Gen *g, uint8_t v);
void x86g_en(Gen *g, uint64_t v, int n);
int x86g_pick_size(Gen *g, bool allow8);
int x86g_nregs(Gen *g);
int x86g_wreg(Gen *g, int size, bool rex);
int x86g_rreg(Gen *g, int size, bool rex);
RM x86g_pick_mem(Gen *g, int size, int align);
void x86g_emit(Gen *g, const Enc *e);
RM x86g_rm_reg(int r);
RM x86g_pick_rm_w(Gen *g, int size, bool rex, bool allow_mem);
bool x86g_pick_rex(Gen *g, int size);
int x86g_imm_len_z(int size);

/* the vector forms (x86-gen-vec.c); each returns false when it could not emit */
bool x86g_f_sse(Gen *g);
bool x86g_f_sse_move(Gen *g);
bool x86g_f_mxcsr(Gen *g);
bool x86g_f_x87(Gen *g);
bool x86g_f_mmx(Gen *g);
bool x86g_f_avx(Gen *g);

#endif
