/*
 * translate.h — what the x86 translator's parts share: the decoded
 * instruction, the opcode-map entry format (decode-table.c), and the
 * operand, flag and control-flow primitives (translate.c) that the
 * emitters (emit-int.c, emit-sse.c) are written with.
 *
 * Operand notation is the Intel manual's (SDM vol. 2, appendix A.2): an
 * addressing letter and a size, e.g. Ev = ModRM r/m of the operand size, Gb =
 * ModRM reg as a byte register, Iz = 16/32-bit immediate (sign-extended to
 * 64 bits for 64-bit operands), Wx = XMM register or 128-bit memory.
 *
 *   addressing  E r/m (register or memory)   G ModRM.reg   M memory r/m only
 *               I immediate   J relative branch target   O moffs (no ModRM)
 *               Z register in the opcode's low 3 bits (+REX.B)
 *               A the accumulator   C the CL register   1 the constant 1
 *               V XMM ModRM.reg   W XMM or memory r/m   U XMM r/m, register only
 *               B the general register VEX.vvvv names
 *               P MMX ModRM.reg   Q MMX register or memory r/m   N MMX r/m, register only
 *   size        b byte  w word  d dword  q qword  v 16/32/64 by operand size
 *               z 16/32 (32 for 64-bit operands)   y 32/64 (REX.W)
 *               x 128 bits   ss/sd scalar single/double in an XMM register
 */
#ifndef TARGET_I386_TRANSLATE_H
#define TARGET_I386_TRANSLATE_H

#include "cpu.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"

/* ---- operand kinds --------------------------------------------------------- */

typedef enum X86Addr {
    X86_A_NONE, X86_A_E, X86_A_G, X86_A_M, X86_A_I, X86_A_J, X86_A_O, X86_A_Z,
    X86_A_ACC, X86_A_CL, X86_A_ONE, X86_A_V, X86_A_W, X86_A_U, X86_A_B,
    X86_A_P, X86_A_Q, X86_A_N,
} X86Addr;

typedef enum X86Size {
    X86_S_NONE, X86_S_b, X86_S_w, X86_S_d, X86_S_q, X86_S_v, X86_S_z, X86_S_y,
    X86_S_x, X86_S_ss, X86_S_sd,
} X86Size;

#define X86_OPND(a, sz) ((uint16_t)((a) << 8 | (sz)))
#define X86_OPND_ADDR(k) ((X86Addr)((k) >> 8))
#define X86_OPND_SIZE(k) ((X86Size)((k) & 0xff))

/* The operand names used in the tables (decode-table.c). */
enum {
    Eb = X86_OPND(X86_A_E, X86_S_b), Ew = X86_OPND(X86_A_E, X86_S_w),
    Ed = X86_OPND(X86_A_E, X86_S_d), Eq = X86_OPND(X86_A_E, X86_S_q),
    Ev = X86_OPND(X86_A_E, X86_S_v), Ey = X86_OPND(X86_A_E, X86_S_y),
    Gb = X86_OPND(X86_A_G, X86_S_b), Gw = X86_OPND(X86_A_G, X86_S_w),
    Gd = X86_OPND(X86_A_G, X86_S_d), Gv = X86_OPND(X86_A_G, X86_S_v),
    Gy = X86_OPND(X86_A_G, X86_S_y),
    M = X86_OPND(X86_A_M, X86_S_NONE), Mv = X86_OPND(X86_A_M, X86_S_v),
    Mq = X86_OPND(X86_A_M, X86_S_q), My = X86_OPND(X86_A_M, X86_S_y),
    Mx = X86_OPND(X86_A_M, X86_S_x),
    Ib = X86_OPND(X86_A_I, X86_S_b), Iw = X86_OPND(X86_A_I, X86_S_w),
    Iz = X86_OPND(X86_A_I, X86_S_z), Iv = X86_OPND(X86_A_I, X86_S_v),
    Jb = X86_OPND(X86_A_J, X86_S_b), Jz = X86_OPND(X86_A_J, X86_S_z),
    Ob = X86_OPND(X86_A_O, X86_S_b), Ov = X86_OPND(X86_A_O, X86_S_v),
    Zb = X86_OPND(X86_A_Z, X86_S_b), Zv = X86_OPND(X86_A_Z, X86_S_v),
    Zy = X86_OPND(X86_A_Z, X86_S_y),
    AL = X86_OPND(X86_A_ACC, X86_S_b), eAX = X86_OPND(X86_A_ACC, X86_S_v),
    CL = X86_OPND(X86_A_CL, X86_S_b), ONE = X86_OPND(X86_A_ONE, X86_S_b),
    Vx = X86_OPND(X86_A_V, X86_S_x), Vss = X86_OPND(X86_A_V, X86_S_ss),
    Vsd = X86_OPND(X86_A_V, X86_S_sd), Vq = X86_OPND(X86_A_V, X86_S_q),
    Vd = X86_OPND(X86_A_V, X86_S_d), Vy = X86_OPND(X86_A_V, X86_S_y),
    Wx = X86_OPND(X86_A_W, X86_S_x), Wss = X86_OPND(X86_A_W, X86_S_ss),
    Wsd = X86_OPND(X86_A_W, X86_S_sd), Wq = X86_OPND(X86_A_W, X86_S_q),
    Wd = X86_OPND(X86_A_W, X86_S_d),
    Ux = X86_OPND(X86_A_U, X86_S_x),
    By = X86_OPND(X86_A_B, X86_S_y),
    Pq = X86_OPND(X86_A_P, X86_S_q), Qq = X86_OPND(X86_A_Q, X86_S_q),
    Nq = X86_OPND(X86_A_N, X86_S_q),
};

/* ---- the decoded instruction ------------------------------------------------ */

typedef struct X86Operand {
    uint16_t kind;                 /* X86_OPND(addr, size) from the table */
    MemOp ot;                      /* resolved width: MO_8 .. MO_64, MO_128 for x */
    bool is_mem;                   /* the operand is at the effective address */
    bool high_byte;                /* AH, CH, DH, BH (byte register 4-7 without REX) */
    int reg;                       /* register number (GPR or XMM), -1 for memory/immediate */
    int64_t imm;                   /* I, J (absolute target), O (the address) */
} X86Operand;

typedef struct DisasContext DisasContext;
typedef struct X86Insn X86Insn;
typedef void (*X86GenFn)(DisasContext *s, X86Insn *d);

/* Entry flags. */
enum {
    X86_LOCK = 1 << 0,             /* LOCK allowed (with a memory destination) */
    X86_D64 = 1 << 1,              /* 64-bit default operand size in 64-bit mode (push, pop) */
    X86_F64 = 1 << 2,              /* operand size forced to 64 in 64-bit mode (near branches) */
    X86_I64 = 1 << 3,              /* invalid in 64-bit mode */
    X86_O64 = 1 << 4,              /* valid only in 64-bit mode */
    X86_GROUP = 1 << 5,            /* sub: 8 entries chosen by ModRM.reg */
    X86_GROUPM = 1 << 6,           /* sub: 16 entries, ModRM.reg + 8 when ModRM.mod == 3 */
    X86_PREFIXED = 1 << 7,         /* sub: 4 entries by mandatory prefix (none, 66, F3, F2) */
    X86_MODRM = 1 << 8,            /* has a ModRM byte even without E/G/M operands */
    X86_NOMEM = 1 << 9,            /* ModRM.mod must be 3 */
    X86_ESCAPE = 1 << 10,          /* sub: the next opcode map (0F, 0F 38, 0F 3A) */
    X86_NOSEG = 1 << 11,           /* the effective address without a segment base (LEA) */
    X86_UNAL = 1 << 12,            /* 128-bit memory operand may be misaligned (MOVUPS ...) */
    X86_OPSIZE = 1 << 13,          /* chosen by a 66 prefix that still sets the operand size */
    X86_VEX = 1 << 14,             /* exists only VEX-encoded (and a VEX form needs this) */
    X86_L0 = 1 << 15,              /* VEX.L must be 0 (LZ / L0 in the manual) */
    X86_VEXV = 1 << 16,            /* VEX.vvvv names a vector source (the manual's H), no op[] slot */
    X86_W0 = 1 << 17,              /* VEX.W must be 0 (64-bit mode; W0 in the manual) */
    X86_W1 = 1 << 18,              /* VEX.W must be 1 */
};

/*
 * One row of an opcode map.  `special` is the emitter's own parameter (the
 * ALU operation, the condition, the shift kind ...); `feat_bit` in feature
 * word `feat` must be set in CPUID for the instruction to exist.
 */
typedef struct X86OpEntry {
    const char *name;              /* mnemonic (-d unimp, -d in_asm fallback) */
    X86GenFn gen;                  /* NULL: undefined (#UD) */
    uint16_t op[3];                /* operands in the manual's order (destination first) */
    uint8_t special;
    uint32_t flags;                /* X86_* */
    uint8_t feat;                  /* FeatureWord of feat_bit */
    uint32_t feat_bit;             /* 0: always present */
    const struct X86OpEntry *sub;  /* GROUP/GROUPM/PREFIXED/ESCAPE table */
    const TCGHelperInfo *helper;   /* SSE rows: the C operation (sse_helper.c) */
} X86OpEntry;

/* The opcode maps (decode-table.c): legacy, and VEX maps 0F, 0F 38, 0F 3A. */
extern const X86OpEntry i386_map_1byte[256];
extern const X86OpEntry i386_map_vex[3][256];

struct X86Insn {
    const X86OpEntry *e;
    X86Operand op[3];
    int b;                         /* opcode byte in its map */
    int map;                       /* 0: one-byte, 1: 0F, 2: 0F 38, 3: 0F 3A */
    int modrm, mod, reg, rm;       /* modrm < 0: none */
    TCGv_i64 addr;                 /* effective address (segment base included) */
    MemOp ot;                      /* operand size of the instruction */
};

/* Prefix bits. */
enum {
    PREFIX_REPZ = 1 << 0,
    PREFIX_REPNZ = 1 << 1,
    PREFIX_LOCK = 1 << 2,
    PREFIX_DATA = 1 << 3,
    PREFIX_ADR = 1 << 4,
    PREFIX_REX = 1 << 5,
};

struct DisasContext {
    DisasContextBase base;
    CPUArchState *env;
    uint64_t pc_start;             /* this instruction's first byte */
    uint64_t pc;                   /* next byte to fetch */
    uint64_t cs_base;
    uint32_t hflags;
    bool code64;
    unsigned prefix;               /* PREFIX_* */
    int rex_w, rex_r, rex_x, rex_b;
    int override;                  /* segment override prefix, -1: none */
    MemOp dflag, aflag;            /* operand and address size */
    bool vex;                      /* VEX-encoded */
    int vex_v;                     /* VEX.vvvv (un-inverted) */
    int vex_l;                     /* VEX.L */
    int vex_w;                     /* VEX.W in every mode (rex_w is 0 outside 64-bit mode) */
    int mem_idx;                   /* MMU index of data accesses (system mode: by CPL) */
    CCOp cc_op;                    /* the lazy flags' kind as known here */
    bool cc_op_dirty;              /* cc_op differs from env->cc_op */
};

/* ---- globals -------------------------------------------------------------- */

extern TCGv_i64 cpu_regs[16];
extern TCGv_i64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
extern TCGv_i32 cpu_cc_op;
extern TCGv_i64 cpu_seg_base[X86_NSEGS];

/* ---- primitives (translate.c) ------------------------------------------- */

/* The stack width: MO_64 in 64-bit mode, else MO_32 or MO_16 by SS.B (user mode: 32). */
MemOp i386_stack_ot(DisasContext *s);
/* The linear address of the stack slot at sp (masked to the stack width, SS base added). */
TCGv_i64 i386_gen_stack_addr(DisasContext *s, TCGv_i64 sp);

/* Operand i as a zero-extended value of its width (new temp); memory is loaded. */
TCGv_i64 i386_load_op(DisasContext *s, X86Insn *d, int i);
/* Write v (low bits of the operand's width) to operand i. */
void i386_store_op(DisasContext *s, X86Insn *d, int i, TCGv_i64 v);
/* GPR access with x86 semantics: 8-bit (high-byte aware), 16-bit merge, 32-bit zero-extend. */
void i386_gen_op_mov_reg(DisasContext *s, MemOp ot, int reg, TCGv_i64 v);
void i386_gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i64 r, int reg);
/* Guest memory at a (flat) address: zero-extended loads, stores of the low bits. */
void i386_gen_ld(DisasContext *s, TCGv_i64 v, TCGv_i64 addr, MemOp mop);
void i386_gen_st(DisasContext *s, TCGv_i64 v, TCGv_i64 addr, MemOp mop);
/* addr masked to the address size, plus the base of segment seg (or the override). */
void i386_gen_seg_addr(DisasContext *s, TCGv_i64 addr, int def_seg);
/* Sign/zero extension of v (width ot) into r. */
void i386_gen_ext(MemOp ot, TCGv_i64 r, TCGv_i64 v, bool sign);

/* Lazy flags. */
void i386_set_cc_op(DisasContext *s, CCOp op);
void i386_update_cc_op(DisasContext *s);
/* Make cc_op EFLAGS (cc_src = the six flags). */
void i386_gen_compute_eflags(DisasContext *s);
/* The six flags into a new temp, without changing cc_op. */
TCGv_i64 i386_gen_flags(DisasContext *s);
/* CF as 0/1 into a new temp. */
TCGv_i64 i386_gen_cf(DisasContext *s);
/* Condition cc (the low nibble of Jcc/SETcc/CMOVcc) as 0/1 into a new temp. */
TCGv_i64 i386_gen_cond(DisasContext *s, int cc);

/* Control flow (set base.is_jmp). */
void i386_gen_jmp_im(DisasContext *s, uint64_t eip);      /* direct, chained */
void i386_gen_jmp_reg(DisasContext *s, TCGv_i64 eip);     /* indirect */
void i386_gen_jcc(DisasContext *s, TCGv_i64 cond, uint64_t taken, uint64_t not_taken);
/* Jcc on condition cc (the i386_gen_cond encoding): one brcond on the operands when the lazy flags allow. */
void i386_gen_jcc_cc(DisasContext *s, int cc, uint64_t taken, uint64_t not_taken);
/* Condition cc as "*a cond *b" without materialising the flags; false when it needs them. */
bool i386_gen_cond_cmp(DisasContext *s, int cc, TCGCond *cond, TCGv_i64 *a, TCGv_i64 *b);
/* Raise vector at this instruction (its state restored) and end the TB. */
void i386_gen_exception(DisasContext *s, int vector);
/* #UD, logged under -d unimp with the bytes and the reason. */
void i386_gen_illegal(DisasContext *s, const char *why);
/* The eip of the next instruction / this one (cs_base removed). */
uint64_t i386_next_eip(DisasContext *s);
uint64_t i386_this_eip(DisasContext *s);
/* Store eip = this instruction (before a helper that may inspect or raise). */
void i386_gen_update_eip_cur(DisasContext *s);

/* Helper calls: n arguments (TCGTemp *), env is added first when the info's first arg is PTR env. */
void i386_gen_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...);
TCGv_ptr i386_xmm_ptr(int reg);
/* An XMM operand (W/U/V) as a pointer to its 32 bytes in env; memory is loaded into xmm_t0. */
TCGv_ptr i386_sse_op_ptr(DisasContext *s, X86Insn *d, int i);

#endif
