/*
 * x86-gen.c — random x86 instruction sequences for the differential test
 * (see x86-gen.h).  Encodings are written here from the Intel manual (SDM
 * vol. 2) independently of the emulator's tables; each form records which
 * arithmetic flags it defines, leaves undefined or reads, so that
 * sequences never consume an undefined flag and the final comparison masks
 * what is still undefined.
 */
#include "x86-gen.h"

#include <cpuid.h>
#include <string.h>

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

/* ---- randomness -------------------------------------------------------------- */

static uint64_t rnd(Gen *g)
{
    /* xorshift64* */
    g->rng ^= g->rng >> 12;
    g->rng ^= g->rng << 25;
    g->rng ^= g->rng >> 27;
    return g->rng * 0x2545f4914f6cdd1dull;
}

static unsigned rn(Gen *g, unsigned n)
{
    return (unsigned)(rnd(g) % n);
}

static bool chance(Gen *g, unsigned pct)
{
    return rn(g, 100) < pct;
}

/* ---- flags bookkeeping ------------------------------------------------------------- */

static bool can_read(Gen *g, uint32_t f)
{
    return !(g->undef & f);
}

/* The instruction sets `def` to defined values and leaves `undef` undefined. */
static void flags_out(Gen *g, uint32_t def, uint32_t undef)
{
    g->undef = (g->undef & ~(def | undef)) | undef;
}

/* Flags read by condition code cc (Jcc/SETcc/CMOVcc low nibble). */
static uint32_t cc_reads(int cc)
{
    static const uint32_t r[8] = { OF, CF, ZF, CF | ZF, SF, PF, SF | OF, SF | OF | ZF };
    return r[cc >> 1];
}

/* ---- encoding ------------------------------------------------------------------------ */

static void e1(Gen *g, uint8_t v)
{
    *g->p++ = v;
}

static void en(Gen *g, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        e1(g, v >> (8 * i));
    }
}

/* An r/m operand: a register or a memory location inside DATA. */
typedef struct RM {
    bool mem;
    int reg;                       /* register number when !mem */
    int form;                      /* memory: 0 [rbx+d8], 1 [rbx+d32], 2 SIB [rbx+d8], 3 RIP/abs, 4 SIB no base */
    int32_t off;                   /* memory: byte offset inside DATA */
} RM;

/* Operand sizes: 1, 2, 4, 8 bytes. */
static int pick_size(Gen *g, bool allow8)
{
    int n = g->m64 ? 4 : 3;
    int s = allow8 ? rn(g, n) : 1 + rn(g, n - 1);
    return 1 << s;
}

static int nregs(Gen *g)
{
    return g->m64 ? 16 : 8;
}

/*
 * Registers a sequence may write: not rsp (4) or rbx (3); for bytes without
 * REX not BL (3) or BH (7), with REX not BL or SPL (4).
 */
static int wreg(Gen *g, int size, bool rex)
{
    for (;;) {
        int r = rn(g, size == 1 && !rex ? 8 : nregs(g));
        if (size == 1 && !rex) {
            if (r != 3 && r != 7) {
                return r;
            }
        } else if (r != 3 && r != 4) {
            return r;
        }
    }
}

static int rreg(Gen *g, int size, bool rex)
{
    return rn(g, size == 1 && !rex ? 8 : nregs(g));
}

/* A memory operand of `size` bytes (align: offset multiple of it). */
static RM pick_mem(Gen *g, int size, int align)
{
    RM m = { .mem = true };
    int lim = X86T_DATA_SIZE - size - 64;
    m.form = rn(g, 5);
    if (m.form == 0 || m.form == 2) {
        m.off = 128 + (int)rn(g, 256 - size) - 128;   /* rbx + disp8, disp in [-128, 127] */
        m.off = rn(g, 256 - size);
    } else {
        m.off = rn(g, lim);
    }
    if (align > 1) {
        m.off &= ~(align - 1);
    }
    return m;
}

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

static void emit(Gen *g, const Enc *e)
{
    for (const uint8_t *q = e->pfx; q && *q; q++) {
        e1(g, *q);
    }
    if (e->size == 2) {
        e1(g, 0x66);
    }
    int rex = 0;
    if (e->size == 8) {
        rex |= 8;
    }
    if (e->reg >= 8) {
        rex |= 4;
    }
    if (!e->rm.mem && e->rm.reg >= 8) {
        rex |= 1;
    }
    if (rex || e->force_rex) {
        e1(g, 0x40 | rex);
    }
    for (int i = 0; i < e->oplen; i++) {
        e1(g, e->op[i]);
    }
    int reg = e->reg & 7;
    uint8_t *disp32_at = NULL;
    if (!e->rm.mem) {
        e1(g, 0xc0 | reg << 3 | (e->rm.reg & 7));
    } else {
        int32_t d = e->rm.off - 128;               /* relative to rbx */
        switch (e->rm.form) {
        case 0:
            e1(g, 0x40 | reg << 3 | 3);
            e1(g, (uint8_t)d);
            break;
        case 1:
            e1(g, 0x80 | reg << 3 | 3);
            en(g, (uint32_t)d, 4);
            break;
        case 2:
            e1(g, 0x40 | reg << 3 | 4);
            e1(g, 0x20 | 3);                         /* SIB: no index, base rbx */
            e1(g, (uint8_t)d);
            break;
        case 3:
            e1(g, 0x00 | reg << 3 | 5);              /* RIP-relative (64) / absolute (32) */
            disp32_at = g->p;
            en(g, X86T_DATA + e->rm.off, 4);
            break;
        default:
            e1(g, 0x00 | reg << 3 | 4);
            e1(g, 0x25);                             /* SIB: no index, no base: absolute */
            en(g, X86T_DATA + e->rm.off, 4);
            break;
        }
    }
    en(g, e->imm, e->imm_len);
    if (disp32_at && g->m64) {
        uint64_t next = X86T_CODE + (g->p - g->code0);
        int32_t rel = (int32_t)(X86T_DATA + e->rm.off - next);
        memcpy(disp32_at, &rel, 4);
    }
}

static RM rm_reg(int r)
{
    return (RM){ .mem = false, .reg = r };
}

/* A destination r/m of the size: a writable register or (with X86G_MEM) memory. */
static RM pick_rm_w(Gen *g, int size, bool rex, bool allow_mem)
{
    if (allow_mem && (g->cfg->kinds & X86G_MEM) && chance(g, 35)) {
        return pick_mem(g, size, 1);
    }
    return rm_reg(wreg(g, size, rex));
}

/* REX use for byte instructions in 64-bit mode: sometimes, to reach SPL..DIL and r8b..r15b. */
static bool pick_rex(Gen *g, int size)
{
    return g->m64 && (size != 1 || chance(g, 50));
}

static int imm_len_z(int size)
{
    return size == 1 ? 1 : size == 2 ? 2 : 4;
}

/* ---- integer forms ---------------------------------------------------------------------- */


/* ALU r/m, reg or reg, r/m (00..3B). */
static bool f_alu(Gen *g)
{
    int op = rn(g, 8), size = pick_size(g, true), dir = rn(g, 2);
    bool rex = pick_rex(g, size);
    if ((op == 2 || op == 3) && !can_read(g, CF)) {
        return false;
    }
    uint8_t opc = op << 3 | (size != 1) | dir << 1;
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1 };
    if (dir == 0) {
        e.rm = op == 7 ? (chance(g, 30) && (g->cfg->kinds & X86G_MEM) ? pick_mem(g, size, 1)
                                                                       : rm_reg(rreg(g, size, rex)))
                       : pick_rm_w(g, size, rex, true);
        e.reg = rreg(g, size, rex);
        if (e.rm.mem && op != 7 && chance(g, 30)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
    } else {
        e.reg = op == 7 ? rreg(g, size, rex) : wreg(g, size, rex);
        e.rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, size, 1)
                                                            : rm_reg(rreg(g, size, rex));
    }
    emit(g, &e);
    flags_out(g, ALLF, 0);
    return true;
}

/* ALU r/m, imm (80/81/83) and the accumulator forms (04/05 + 8 op). */
static bool f_alu_imm(Gen *g)
{
    int op = rn(g, 8), size = pick_size(g, true);
    bool rex = pick_rex(g, size);
    if ((op == 2 || op == 3) && !can_read(g, CF)) {
        return false;
    }
    if (chance(g, 25)) {
        uint8_t opc = op << 3 | 4 | (size != 1);
        Enc e = { .size = size, .op = &opc, .oplen = 1, .rm = rm_reg(0), .imm_len = imm_len_z(size),
                  .imm = rnd(g) };
        /* no ModRM: emit by hand */
        if (size == 2) {
            e1(g, 0x66);
        }
        if (size == 8) {
            e1(g, 0x48);
        }
        e1(g, opc);
        en(g, e.imm, e.imm_len);
    } else {
        int form = size == 1 ? 0 : rn(g, 2);       /* 0: 80/81 full immediate, 1: 83 ib */
        uint8_t opc = size == 1 ? 0x80 : form ? 0x83 : 0x81;
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = op,
                  .rm = op == 7 ? rm_reg(rreg(g, size, rex)) : pick_rm_w(g, size, rex, true),
                  .imm_len = size == 1 || form ? 1 : imm_len_z(size), .imm = rnd(g) };
        if (e.rm.mem && op != 7 && chance(g, 30)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
        emit(g, &e);
    }
    flags_out(g, ALLF, 0);
    return true;
}

static bool f_test(Gen *g)
{
    int size = pick_size(g, true);
    bool rex = pick_rex(g, size);
    if (rn(g, 2)) {
        uint8_t opc = 0x84 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
                  .reg = rreg(g, size, rex), .rm = rm_reg(rreg(g, size, rex)) };
        emit(g, &e);
    } else {
        uint8_t opc = 0xf6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = 0,
                  .rm = rm_reg(rreg(g, size, rex)), .imm_len = imm_len_z(size), .imm = rnd(g) };
        emit(g, &e);
    }
    flags_out(g, ALLF & ~AF, AF);
    return true;
}

/* INC/DEC/NOT/NEG (FE/FF /0 /1, F6/F7 /2 /3). */
static bool f_unary(Gen *g)
{
    int k = rn(g, 4), size = pick_size(g, true);
    bool rex = pick_rex(g, size);
    uint8_t opc = (k < 2 ? 0xfe : 0xf6) | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = k < 2 ? k : k, .rm = pick_rm_w(g, size, rex, true) };
    if (e.rm.mem && chance(g, 30)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    emit(g, &e);
    if (k < 2) {
        flags_out(g, ALLF & ~CF, 0);
    } else if (k == 3) {
        flags_out(g, ALLF, 0);
    }
    return true;
}

/* MUL/IMUL (F6/F7 /4 /5), IMUL r, r/m (0F AF), IMUL r, r/m, imm (69/6B). */
static bool f_mul(Gen *g)
{
    int size = pick_size(g, true), k = rn(g, 3);
    bool rex = pick_rex(g, size);
    if (k == 0) {
        uint8_t opc = 0xf6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
                  .reg = 4 + rn(g, 2), .rm = rm_reg(rreg(g, size, rex)) };
        if ((g->cfg->kinds & X86G_MEM) && chance(g, 25)) {
            e.rm = pick_mem(g, size, 1);
        }
        emit(g, &e);
    } else {
        if (size == 1) {
            size = 4;
        }
        static const uint8_t op_af[] = { 0x0f, 0xaf };
        uint8_t opc = rn(g, 2) ? 0x69 : 0x6b;
        Enc e = { .size = size, .reg = wreg(g, size, true), .rm = rm_reg(rreg(g, size, true)) };
        if (k == 1) {
            e.op = op_af;
            e.oplen = 2;
        } else {
            e.op = &opc;
            e.oplen = 1;
            e.imm_len = opc == 0x6b ? 1 : imm_len_z(size);
            e.imm = rnd(g);
        }
        emit(g, &e);
    }
    flags_out(g, CF | OF, SF | ZF | AF | PF);
    return true;
}

/* DIV/IDIV (F6/F7 /6 /7): may raise #DE, which the test compares too. */
static bool f_div(Gen *g)
{
    int size = pick_size(g, true);
    bool rex = pick_rex(g, size);
    uint8_t opc = 0xf6 | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = 6 + rn(g, 2), .rm = rm_reg(rreg(g, size, rex)) };
    emit(g, &e);
    flags_out(g, 0, ALLF);
    return true;
}

/* Group 2: ROL ROR RCL RCR SHL SHR SAL SAR by 1, imm8 or CL. */
static bool f_shift(Gen *g)
{
    int size = pick_size(g, true), k = rn(g, 8), how = rn(g, 3);
    int bits = size * 8;
    bool rex = pick_rex(g, size);
    unsigned count = how == 0 ? 1 : how == 1 ? rn(g, 40) : 0;
    if ((k == 2 || k == 3) && !can_read(g, CF)) {
        return false;
    }
    if (how == 2 && wreg(g, 4, false) == 1) {
        return false;                              /* CL: keep its value random, not the target */
    }
    uint8_t opc = (how == 0 ? 0xd0 : how == 1 ? 0xc0 : 0xd2) | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = k,
              .rm = pick_rm_w(g, size, rex, true), .imm_len = how == 1, .imm = count };
    emit(g, &e);
    unsigned c = count & (size == 8 ? 63 : 31);
    if (how == 2) {
        /* unknown count: anything the instruction may leave undefined */
        uint32_t u = OF | AF;
        if (k >= 4 && size <= 2) {
            u |= CF;
        }
        if (k == 2 || k == 3) {
            u |= CF;
        }
        flags_out(g, 0, u);
        return true;
    }
    if (c == 0) {
        return true;
    }
    if (k < 4) {
        flags_out(g, c == 1 ? CF | OF : CF, c == 1 ? 0 : OF);
    } else {
        uint32_t u = AF | (c == 1 ? 0 : OF) | (c >= (unsigned)bits ? CF : 0);
        flags_out(g, ALLF & ~u, u);
    }
    return true;
}

/* SHLD/SHRD r/m, reg, imm8/CL (0F A4/A5/AC/AD). */
static bool f_shiftd(Gen *g)
{
    int size = 2 << rn(g, g->m64 ? 3 : 2), right = rn(g, 2), cl = rn(g, 2);
    int bits = size * 8;
    if (cl && size == 2) {
        return false;                              /* counts above 16 are undefined */
    }
    unsigned count = rn(g, bits);
    uint8_t op[2] = { 0x0f, (uint8_t)(0xa4 | right << 3 | cl) };
    Enc e = { .size = size, .op = op, .oplen = 2, .reg = rreg(g, size, true),
              .rm = pick_rm_w(g, size, true, true), .imm_len = !cl, .imm = count };
    emit(g, &e);
    if (cl) {
        flags_out(g, 0, ALLF);
    } else if (count) {
        flags_out(g, ALLF & ~(AF | (count == 1 ? 0 : OF)), AF | (count == 1 ? 0 : OF));
    }
    return true;
}

static bool f_mov(Gen *g)
{
    int size = pick_size(g, true), k = rn(g, 4);
    bool rex = pick_rex(g, size);
    if (k == 0) {                                  /* MOV r/m, r  or  r, r/m */
        int dir = rn(g, 2);
        uint8_t opc = 0x88 | dir << 1 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1 };
        if (dir) {
            e.reg = wreg(g, size, rex);
            e.rm = (g->cfg->kinds & X86G_MEM) && chance(g, 40) ? pick_mem(g, size, 1)
                                                                : rm_reg(rreg(g, size, rex));
        } else {
            e.reg = rreg(g, size, rex);
            e.rm = pick_rm_w(g, size, rex, true);
        }
        emit(g, &e);
    } else if (k == 1) {                           /* MOV r, imm (B0+r / B8+r, imm64 with REX.W) */
        int r = wreg(g, size, rex);
        if (size == 2) {
            e1(g, 0x66);
        }
        if (rex || r >= 8 || size == 8) {
            e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8 ? 1 : 0));
        }
        e1(g, (size == 1 ? 0xb0 : 0xb8) + (r & 7));
        en(g, rnd(g), size);
    } else if (k == 2) {                           /* MOV r/m, imm (C6/C7 /0) */
        uint8_t opc = 0xc6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = 0,
                  .rm = pick_rm_w(g, size, rex, true), .imm_len = imm_len_z(size), .imm = rnd(g) };
        emit(g, &e);
    } else {                                       /* MOVZX/MOVSX/MOVSXD */
        int dsize = 2 << rn(g, g->m64 ? 3 : 2);
        int v = rn(g, g->m64 && dsize == 8 ? 5 : 4);
        uint8_t op2[2] = { 0x0f, (uint8_t)(0xb6 | (v & 1) | (v & 2) << 2) };
        uint8_t op1 = 0x63;
        int ssize = v == 4 ? 4 : (v & 1) ? 2 : 1;
        if (ssize >= dsize) {
            return false;
        }
        Enc e = { .size = dsize, .op = v == 4 ? &op1 : op2, .oplen = v == 4 ? 1 : 2,
                  .reg = wreg(g, dsize, true) };
        e.force_rex = g->m64 && ssize == 1 && chance(g, 50);
        e.rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, ssize, 1)
                                                            : rm_reg(rreg(g, ssize, e.force_rex || e.reg >= 8 || dsize == 8));
        emit(g, &e);
    }
    return true;
}

/* LEA with random base, index, scale, displacement and address sizes. */
static bool f_lea(Gen *g)
{
    int size = 2 << rn(g, g->m64 ? 3 : 2), r = wreg(g, size, true);
    int base = rreg(g, 4, true) & 7, index = rreg(g, 4, true) & 7, scale = rn(g, 4);
    bool a16 = !g->m64 && chance(g, 20), a32 = g->m64 && chance(g, 20);
    int mod = rn(g, 3);
    if (size == 2) {
        e1(g, 0x66);
    }
    if (a16 || a32) {
        e1(g, 0x67);
    }
    if (g->m64) {
        e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8 ? 4 : 0) | (rn(g, 2) ? 2 : 0) | (rn(g, 2) ? 1 : 0));
    }
    e1(g, 0x8d);
    if (a16) {
        int rm = rn(g, 8);
        if (mod == 0 && rm == 6) {
            mod = 1;
        }
        e1(g, mod << 6 | (r & 7) << 3 | rm);
        en(g, rnd(g), mod == 1 ? 1 : mod == 2 ? 2 : 0);
        return true;
    }
    if (rn(g, 2)) {
        if (base == 5 && mod == 0) {
            mod = 1;
        }
        e1(g, mod << 6 | (r & 7) << 3 | 4);
        e1(g, scale << 6 | index << 3 | base);
    } else {
        int rm = rn(g, 8);
        if (rm == 4 || (rm == 5 && mod == 0)) {
            rm = 0;
        }
        e1(g, mod << 6 | (r & 7) << 3 | rm);
    }
    en(g, rnd(g), mod == 1 ? 1 : mod == 2 ? 4 : 0);
    return true;
}

static bool f_xchg(Gen *g)
{
    int size = pick_size(g, true);
    bool rex = pick_rex(g, size);
    if (size != 1 && chance(g, 30)) {              /* 90+r: xchg eAX, r (not 90 itself) */
        int r = wreg(g, size, true);
        if (r == 0 || (size == 4 && !g->m64 && r == 0)) {
            return false;
        }
        if (size == 2) {
            e1(g, 0x66);
        }
        if (g->m64 && (size == 8 || r >= 8)) {
            e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8));
        }
        e1(g, 0x90 + (r & 7));
        return true;
    }
    uint8_t opc = 0x86 | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = wreg(g, size, rex), .rm = pick_rm_w(g, size, rex, true) };
    emit(g, &e);
    return true;
}

static bool f_bswap(Gen *g)
{
    int size = g->m64 && rn(g, 2) ? 8 : 4, r = wreg(g, size, true);
    if (g->m64 && (size == 8 || r >= 8)) {
        e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8));
    }
    e1(g, 0x0f);
    e1(g, 0xc8 + (r & 7));
    return true;
}

/* CMOVcc (0F 40+cc) and SETcc (0F 90+cc). */
static bool f_cc(Gen *g)
{
    int cc = rn(g, 16);
    if (!can_read(g, cc_reads(cc))) {
        return false;
    }
    if (rn(g, 2)) {
        int size = 2 << rn(g, g->m64 ? 3 : 2);
        uint8_t op[2] = { 0x0f, (uint8_t)(0x40 + cc) };
        Enc e = { .size = size, .op = op, .oplen = 2, .reg = wreg(g, size, true),
                  .rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, size, 1)
                                                                     : rm_reg(rreg(g, size, true)) };
        emit(g, &e);
    } else {
        bool rex = pick_rex(g, 1);
        uint8_t op[2] = { 0x0f, (uint8_t)(0x90 + cc) };
        Enc e = { .force_rex = rex, .op = op, .oplen = 2, .reg = 0, .rm = pick_rm_w(g, 1, rex, true) };
        emit(g, &e);
    }
    return true;
}

/* BT/BTS/BTR/BTC with a register or immediate offset. */
static bool f_bt(Gen *g)
{
    int size = 2 << rn(g, g->m64 ? 3 : 2), k = rn(g, 4);
    bool imm = rn(g, 2);
    uint8_t op[2] = { 0x0f, (uint8_t)(imm ? 0xba : 0xa3 | k << 3) };
    Enc e = { .size = size, .op = op, .oplen = 2,
              .reg = imm ? 4 + k : rreg(g, size, true),
              .rm = k ? pick_rm_w(g, size, true, !imm ? false : true) : rm_reg(rreg(g, size, true)),
              .imm_len = imm, .imm = rnd(g) };
    if (e.rm.mem && k && chance(g, 40)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    emit(g, &e);
    flags_out(g, CF, OF | SF | AF | PF);
    return true;
}

/* BSF/BSR, TZCNT/LZCNT/POPCNT. */
static bool f_bitscan(Gen *g)
{
    int size = 2 << rn(g, g->m64 ? 3 : 2), k = rn(g, 5);
    static const uint8_t f3[] = { 0xf3, 0 };
    const X86HostFeatures *h = &g->cfg->host;
    if ((k == 2 && !h->bmi1) || (k == 3 && !h->lzcnt) || (k == 4 && !h->popcnt)) {
        return false;
    }
    uint8_t op[2] = { 0x0f, (uint8_t)(k == 4 ? 0xb8 : 0xbc | (k & 1)) };
    Enc e = { .pfx = k >= 2 ? f3 : NULL, .size = size, .op = op, .oplen = 2,
              .reg = wreg(g, size, true), .rm = rm_reg(rreg(g, size, true)) };
    if (k < 2) {
        /* BSF/BSR leave the destination alone for a zero source on the CPUs we know; use the
           source as destination too, so a zero source leaves a zero either way */
        e.reg = e.rm.reg = wreg(g, size, true);
    }
    emit(g, &e);
    if (k < 2) {
        flags_out(g, ZF, CF | OF | SF | AF | PF);
    } else if (k < 4) {
        flags_out(g, CF | ZF, OF | SF | AF | PF);
    } else {
        flags_out(g, ALLF, 0);
    }
    return true;
}

static bool f_misc(Gen *g)
{
    switch (rn(g, 8)) {
    case 0: {                                      /* CBW/CWDE/CDQE, CWD/CDQ/CQO */
        int size = 2 << rn(g, g->m64 ? 3 : 2);
        if (size == 2) {
            e1(g, 0x66);
        }
        if (size == 8) {
            e1(g, 0x48);
        }
        e1(g, 0x98 + rn(g, 2));
        return true;
    }
    case 1:                                        /* CLC / STC */
        e1(g, 0xf8 + rn(g, 2));
        flags_out(g, CF, 0);
        return true;
    case 2:                                        /* CMC */
        if (!can_read(g, CF)) {
            return false;
        }
        e1(g, 0xf5);
        return true;
    case 3:                                        /* LAHF */
        if (!can_read(g, SF | ZF | AF | PF | CF)) {
            return false;
        }
        e1(g, 0x9f);
        return true;
    case 4:                                        /* SAHF */
        e1(g, 0x9e);
        flags_out(g, SF | ZF | AF | PF | CF, 0);
        return true;
    case 5: {                                      /* XADD / CMPXCHG */
        int size = pick_size(g, true);
        bool rex = pick_rex(g, size);
        uint8_t op[2] = { 0x0f, (uint8_t)((rn(g, 2) ? 0xc0 : 0xb0) | (size != 1)) };
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = op, .oplen = 2,
                  .reg = wreg(g, size, rex), .rm = pick_rm_w(g, size, rex, true) };
        if (e.rm.mem && chance(g, 50)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
        emit(g, &e);
        flags_out(g, ALLF, 0);
        return true;
    }
    case 6: {                                      /* ADCX / ADOX */
        if (!g->cfg->host.adx) {
            return false;
        }
        bool ox = rn(g, 2);
        if (!can_read(g, ox ? OF : CF)) {
            return false;
        }
        static const uint8_t p66[] = { 0x66, 0 }, pf3[] = { 0xf3, 0 };
        static const uint8_t op[3] = { 0x0f, 0x38, 0xf6 };
        int size = g->m64 && rn(g, 2) ? 8 : 4;
        Enc e = { .pfx = ox ? pf3 : p66, .size = size == 8 ? 8 : 0, .op = op, .oplen = 3,
                  .reg = wreg(g, 4, true), .rm = rm_reg(rreg(g, 4, true)) };
        emit(g, &e);
        flags_out(g, ox ? OF : CF, 0);
        return true;
    }
    default: {                                     /* CRC32 */
        if (!g->cfg->host.sse42) {
            return false;
        }
        static const uint8_t pf2[] = { 0xf2, 0 };
        int ssize = pick_size(g, true);
        uint8_t op[3] = { 0x0f, 0x38, (uint8_t)(ssize == 1 ? 0xf0 : 0xf1) };
        Enc e = { .pfx = pf2, .size = ssize == 1 ? (g->m64 && rn(g, 2) ? 8 : 0) : ssize,
                  .op = op, .oplen = 3, .reg = wreg(g, 4, true),
                  .rm = rm_reg(rreg(g, ssize, g->m64)) };
        e.force_rex = g->m64 && ssize == 1;
        if (ssize == 2) {
            /* 66 comes before F2 in the usual order; both orders decode the same */
            e.size = 2;
        }
        emit(g, &e);
        return true;
    }
    }
}

/* BCD adjustments (32-bit code only). */
static bool f_bcd(Gen *g)
{
    if (g->m64) {
        return false;
    }
    switch (rn(g, 6)) {
    case 0: case 1:                                /* DAA / DAS */
        if (!can_read(g, AF | CF)) {
            return false;
        }
        e1(g, rn(g, 2) ? 0x27 : 0x2f);
        flags_out(g, CF | AF | SF | ZF | PF, OF);
        return true;
    case 2: case 3:                                /* AAA / AAS */
        if (!can_read(g, AF)) {
            return false;
        }
        e1(g, rn(g, 2) ? 0x37 : 0x3f);
        flags_out(g, CF | AF, OF | SF | ZF | PF);
        return true;
    case 4:                                        /* AAM ib (ib != 0) */
        e1(g, 0xd4);
        e1(g, 1 + rn(g, 255));
        flags_out(g, SF | ZF | PF, OF | AF | CF);
        return true;
    default:                                       /* AAD ib */
        e1(g, 0xd5);
        e1(g, rn(g, 256));
        flags_out(g, SF | ZF | PF, OF | AF | CF);
        return true;
    }
}

/* 32-bit code: INTO (#OF when OF is set), BOUND (#BR out of range), ENTER with a nesting level. */
static bool f_legacy32(Gen *g)
{
    if (g->m64) {
        return false;
    }
    switch (rn(g, 3)) {
    case 0:
        if (!can_read(g, OF) || !(g->cfg->kinds & X86G_FAULT)) {
            return false;
        }
        e1(g, 0xce);
        return true;
    case 1: {
        if (!(g->cfg->kinds & X86G_FAULT)) {
            return false;
        }
        int size = rn(g, 2) ? 4 : 2;
        Enc e = { .size = size, .op = (const uint8_t *)"\x62", .oplen = 1, .reg = rreg(g, 4, false),
                  .rm = pick_mem(g, 2 * size, 1) };
        emit(g, &e);
        return true;
    }
    default: {                                     /* enter imm16, level (and sometimes leave) */
        int level = rn(g, 5);
        if (level >= 2) {
            /* the copied frame pointers are read below EBP: keep them in the stack window */
            e1(g, 0x89);
            e1(g, 0xe5);                           /* mov ebp, esp */
        }
        e1(g, 0xc8);
        en(g, rn(g, 64), 2);
        e1(g, level);
        if (rn(g, 2)) {
            e1(g, 0xc9);
        }
        return true;
    }
    }
}

/* PUSHA pushes EAX ECX EDX EBX ESP EBP ESI EDI: EBX is the fourth. */
#define R_EBX_SLOT 3

/* PUSH/POP of registers and immediates; PUSHF and a controlled POPF; PUSHA/POPA. */
static bool f_stack(Gen *g)
{
    switch (rn(g, 6)) {
    case 0: {
        int r = rreg(g, 8, true);
        if (g->m64 && r >= 8) {
            e1(g, 0x41);
        }
        e1(g, 0x50 + (r & 7));
        return true;
    }
    case 1: {
        int r = wreg(g, 8, true);
        if (g->m64 && r >= 8) {
            e1(g, 0x41);
        }
        e1(g, 0x58 + (r & 7));
        return true;
    }
    case 2:
        if (rn(g, 2)) {
            e1(g, 0x6a);
            e1(g, rnd(g));
        } else {
            e1(g, 0x68);
            en(g, rnd(g), 4);
        }
        return true;
    case 3:                                        /* PUSHF */
        if (g->undef) {
            return false;
        }
        e1(g, 0x9c);
        return true;
    case 4:                                        /* PUSHA; POPA (32-bit code), registers shuffled */
        if (g->m64) {
            return false;
        }
        if (rn(g, 2)) {
            e1(g, 0x60);                           /* pusha: the stack holds all eight */
            return true;
        }
        /* eight pushes, then POPA: EBX gets its own value back, ESP's slot is skipped */
        for (int i = 0; i < 8; i++) {
            if (i == R_EBX_SLOT) {
                e1(g, 0x53);
            } else {
                e1(g, 0x68);
                en(g, rnd(g), 4);
            }
        }
        e1(g, 0x61);
        return true;
    default:                                       /* PUSH imm32 with arithmetic flags and DF; POPF */
        e1(g, 0x68);
        en(g, (rnd(g) & (ALLF | 0x400)) | 0x202, 4);
        e1(g, 0x9d);
        flags_out(g, ALLF, 0);
        return true;
    }
}

/* String instructions with their registers set up: ESI/EDI into DATA, a small ECX. */
static bool f_string(Gen *g)
{
    int size = pick_size(g, true);
    int op = rn(g, 5);                             /* movs cmps stos lods scas */
    static const uint8_t base[5] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae };
    bool df = rn(g, 4) == 0;
    unsigned n = rn(g, 12);
    uint32_t src = X86T_DATA + 256 + rn(g, 1024), dst = X86T_DATA + 1536 + rn(g, 1024);
    if (df) {
        src += 512;
        dst += 512;
    }
    e1(g, 0xbe);                                   /* mov esi, src */
    en(g, src, 4);
    e1(g, 0xbf);                                   /* mov edi, dst */
    en(g, dst, 4);
    e1(g, 0xb9);                                   /* mov ecx, n */
    en(g, n, 4);
    e1(g, df ? 0xfd : 0xfc);                       /* std / cld */
    int rep = rn(g, 3);                            /* none, REP/REPE, REPNE */
    if (rep) {
        e1(g, rep == 1 ? 0xf3 : 0xf2);
    }
    if (size == 2) {
        e1(g, 0x66);
    }
    if (size == 8) {
        e1(g, 0x48);
    }
    e1(g, base[op] | (size != 1));
    e1(g, 0xfc);                                   /* cld */
    if (op == 1 || op == 4) {
        if (rep && n == 0) {
            /* no iteration: flags unchanged */
        } else {
            flags_out(g, ALLF, 0);
        }
    }
    return true;
}

/* CMPXCHG8B/16B on memory (16B needs 16-byte alignment). */
static bool f_cmpxchg8b(Gen *g)
{
    bool q = g->m64 && rn(g, 2);
    static const uint8_t op[2] = { 0x0f, 0xc7 };
    Enc e = { .size = q ? 8 : 0, .op = op, .oplen = 2, .reg = 1, .rm = pick_mem(g, q ? 16 : 8, q ? 16 : 1) };
    if (chance(g, 50)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    emit(g, &e);
    flags_out(g, ZF, 0);
    return true;
}

/* MOVBE load or store. */
static bool f_movbe(Gen *g)
{
    if (!g->cfg->host.movbe) {
        return false;
    }
    int size = 2 << rn(g, g->m64 ? 3 : 2), st = rn(g, 2);
    uint8_t op[3] = { 0x0f, 0x38, (uint8_t)(0xf0 | st) };
    Enc e = { .size = size, .op = op, .oplen = 3, .reg = st ? rreg(g, size, true) : wreg(g, size, true),
              .rm = pick_mem(g, size, 1) };
    emit(g, &e);
    return true;
}

/* XLAT: AL = [rbx + AL]. */
static bool f_xlat(Gen *g)
{
    e1(g, 0xd7);
    return true;
}

/* Encodings that must raise #UD: LOCK on a register operand or a non-lockable instruction, UD2. */
static bool f_undef(Gen *g)
{
    switch (rn(g, 4)) {
    case 0:                                        /* lock add reg, reg */
        e1(g, 0xf0);
        e1(g, 0x01);
        e1(g, 0xc0 | rn(g, 64));
        return true;
    case 1:                                        /* lock mov [rbx+8], eax */
        e1(g, 0xf0);
        e1(g, 0x89);
        e1(g, 0x43);
        e1(g, 8);
        return true;
    case 2:                                        /* ud2 */
        e1(g, 0x0f);
        e1(g, 0x0b);
        return true;
    default:                                       /* lock nop */
        e1(g, 0xf0);
        e1(g, 0x90);
        return true;
    }
}


/* BMI1/BMI2 (VEX-encoded, general registers). */
static bool f_bmi(Gen *g)
{
    /* pp: 0 none, 1 66, 2 F3, 3 F2; map 2 = 0F 38, 3 = 0F 3A */
    static const struct { uint8_t map, op, pp, digit, kind; char feat; } rows[] = {
        { 2, 0xf2, 0, 0, 0, 1 },                   /* andn Gy, By, Ey */
        { 2, 0xf3, 0, 1, 1, 1 }, { 2, 0xf3, 0, 2, 1, 1 }, { 2, 0xf3, 0, 3, 1, 1 }, /* blsr blsmsk blsi */
        { 2, 0xf5, 0, 0, 2, 2 },                   /* bzhi Gy, Ey, By */
        { 2, 0xf5, 2, 0, 3, 2 }, { 2, 0xf5, 3, 0, 3, 2 },   /* pext, pdep Gy, By, Ey */
        { 2, 0xf6, 3, 0, 4, 2 },                   /* mulx Gy, By, Ey */
        { 2, 0xf7, 0, 0, 5, 1 },                   /* bextr Gy, Ey, By */
        { 2, 0xf7, 1, 0, 6, 2 }, { 2, 0xf7, 2, 0, 6, 2 }, { 2, 0xf7, 3, 0, 6, 2 }, /* shlx sarx shrx */
        { 3, 0xf0, 3, 0, 7, 2 },                   /* rorx Gy, Ey, Ib */
    };
    int n = sizeof(rows) / sizeof(rows[0]);
    int k = rn(g, n);
    if ((rows[k].feat == 1 && !g->cfg->host.bmi1) || (rows[k].feat == 2 && !g->cfg->host.bmi2)) {
        return false;
    }
    bool w = g->m64 && rn(g, 2);
    int size = w ? 8 : 4;
    int reg, vvvv;
    RM rm;
    switch (rows[k].kind) {
    case 1:                                        /* B is the destination, reg is /digit */
        reg = rows[k].digit;
        vvvv = wreg(g, size, true);
        break;
    case 4:                                        /* mulx writes Gy and By */
        reg = wreg(g, size, true);
        vvvv = wreg(g, size, true);
        break;
    case 7:                                        /* rorx: vvvv unused, must be 1111b */
        reg = wreg(g, size, true);
        vvvv = 0;
        break;
    default:
        reg = wreg(g, size, true);
        vvvv = rreg(g, size, true);
        break;
    }
    if (chance(g, 2)) {
        vvvv ^= 1 + rn(g, 15);                     /* sometimes a wrong register or a #UD */
        if (rows[k].kind == 1 || rows[k].kind == 4) {
            vvvv = wreg(g, size, true);
        }
    }
    rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, size, 1)
                                                     : rm_reg(rreg(g, size, true));
    e1(g, 0xc4);
    e1(g, (reg >= 8 ? 0 : 0x80) | 0x40 | ((!rm.mem && rm.reg >= 8) ? 0 : 0x20) | rows[k].map);
    e1(g, (w ? 0x80 : 0) | (~vvvv & 15) << 3 | rows[k].pp);
    if (!g->m64) {
        /* 32-bit code: R, X, B and the top bit of vvvv must be 1 */
        g->p[-2] |= 0xe0;
        g->p[-1] |= 0x40;
    }
    Enc e = { .op = &rows[k].op, .oplen = 1, .reg = reg & 7, .rm = rm,
              .imm_len = rows[k].kind == 7, .imm = rnd(g) };
    if (!rm.mem) {
        e.rm.reg &= 7;
    }
    emit(g, &e);
    switch (rows[k].kind) {
    case 0: flags_out(g, SF | ZF | OF | CF, AF | PF); break;
    case 1: case 2: flags_out(g, SF | ZF | OF | CF, AF | PF); break;
    case 5: flags_out(g, ZF | OF | CF, AF | SF | PF); break;
    default: break;
    }
    return true;
}

/* ---- SSE ------------------------------------------------------------------------------ */

/* A row: prefix (0, 0x66, 0xf3, 0xf2), map (1: 0F, 2: 0F 38, 3: 0F 3A), opcode,
   memory size (16 aligned, 4/8 scalar, 2 for PMOVSXBQ ...), immediate, feature. */
typedef struct SseOp {
    uint8_t pfx, map, op, msize, imm;
    char feat;                     /* 0 SSE/SSE2/SSE3, 's' SSSE3, '1' SSE4.1, '2' SSE4.2,
                                      'a' AES-NI, 'p' PCLMULQDQ, 'h' SHA */
} SseOp;

static const SseOp sse_ops[] = {
    /* packed and scalar float arithmetic */
    { 0, 1, 0x58, 16 }, { 0x66, 1, 0x58, 16 }, { 0xf3, 1, 0x58, 4 }, { 0xf2, 1, 0x58, 8 },
    { 0, 1, 0x59, 16 }, { 0x66, 1, 0x59, 16 }, { 0xf3, 1, 0x59, 4 }, { 0xf2, 1, 0x59, 8 },
    { 0, 1, 0x5c, 16 }, { 0x66, 1, 0x5c, 16 }, { 0xf3, 1, 0x5c, 4 }, { 0xf2, 1, 0x5c, 8 },
    { 0, 1, 0x5d, 16 }, { 0x66, 1, 0x5d, 16 }, { 0xf3, 1, 0x5d, 4 }, { 0xf2, 1, 0x5d, 8 },
    { 0, 1, 0x5e, 16 }, { 0x66, 1, 0x5e, 16 }, { 0xf3, 1, 0x5e, 4 }, { 0xf2, 1, 0x5e, 8 },
    { 0, 1, 0x5f, 16 }, { 0x66, 1, 0x5f, 16 }, { 0xf3, 1, 0x5f, 4 }, { 0xf2, 1, 0x5f, 8 },
    { 0, 1, 0x51, 16 }, { 0x66, 1, 0x51, 16 }, { 0xf3, 1, 0x51, 4 }, { 0xf2, 1, 0x51, 8 },
    { 0, 1, 0xc2, 16, 1 }, { 0x66, 1, 0xc2, 16, 1 }, { 0xf3, 1, 0xc2, 4, 1 }, { 0xf2, 1, 0xc2, 8, 1 },
    { 0, 1, 0x54, 16 }, { 0x66, 1, 0x54, 16 }, { 0, 1, 0x55, 16 }, { 0x66, 1, 0x55, 16 },
    { 0, 1, 0x56, 16 }, { 0x66, 1, 0x56, 16 }, { 0, 1, 0x57, 16 }, { 0x66, 1, 0x57, 16 },
    { 0, 1, 0x14, 16 }, { 0x66, 1, 0x14, 16 }, { 0, 1, 0x15, 16 }, { 0x66, 1, 0x15, 16 },
    { 0, 1, 0xc6, 16, 1 }, { 0x66, 1, 0xc6, 16, 1 },
    /* conversions */
    { 0, 1, 0x5a, 8 }, { 0x66, 1, 0x5a, 16 }, { 0xf3, 1, 0x5a, 4 }, { 0xf2, 1, 0x5a, 8 },
    { 0, 1, 0x5b, 16 }, { 0x66, 1, 0x5b, 16 }, { 0xf3, 1, 0x5b, 16 },
    { 0x66, 1, 0xe6, 16 }, { 0xf3, 1, 0xe6, 8 }, { 0xf2, 1, 0xe6, 16 },
    /* SSE2 integer */
    { 0x66, 1, 0x60, 16 }, { 0x66, 1, 0x61, 16 }, { 0x66, 1, 0x62, 16 }, { 0x66, 1, 0x63, 16 },
    { 0x66, 1, 0x64, 16 }, { 0x66, 1, 0x65, 16 }, { 0x66, 1, 0x66, 16 }, { 0x66, 1, 0x67, 16 },
    { 0x66, 1, 0x68, 16 }, { 0x66, 1, 0x69, 16 }, { 0x66, 1, 0x6a, 16 }, { 0x66, 1, 0x6b, 16 },
    { 0x66, 1, 0x6c, 16 }, { 0x66, 1, 0x6d, 16 }, { 0x66, 1, 0x74, 16 }, { 0x66, 1, 0x75, 16 },
    { 0x66, 1, 0x76, 16 }, { 0x66, 1, 0x70, 16, 1 }, { 0xf3, 1, 0x70, 16, 1 }, { 0xf2, 1, 0x70, 16, 1 },
    { 0x66, 1, 0xd1, 16 }, { 0x66, 1, 0xd2, 16 }, { 0x66, 1, 0xd3, 16 }, { 0x66, 1, 0xd4, 16 },
    { 0x66, 1, 0xd5, 16 }, { 0x66, 1, 0xd8, 16 }, { 0x66, 1, 0xd9, 16 }, { 0x66, 1, 0xda, 16 },
    { 0x66, 1, 0xdb, 16 }, { 0x66, 1, 0xdc, 16 }, { 0x66, 1, 0xdd, 16 }, { 0x66, 1, 0xde, 16 },
    { 0x66, 1, 0xdf, 16 }, { 0x66, 1, 0xe0, 16 }, { 0x66, 1, 0xe1, 16 }, { 0x66, 1, 0xe2, 16 },
    { 0x66, 1, 0xe3, 16 }, { 0x66, 1, 0xe4, 16 }, { 0x66, 1, 0xe5, 16 }, { 0x66, 1, 0xe8, 16 },
    { 0x66, 1, 0xe9, 16 }, { 0x66, 1, 0xea, 16 }, { 0x66, 1, 0xeb, 16 }, { 0x66, 1, 0xec, 16 },
    { 0x66, 1, 0xed, 16 }, { 0x66, 1, 0xee, 16 }, { 0x66, 1, 0xef, 16 }, { 0x66, 1, 0xf1, 16 },
    { 0x66, 1, 0xf2, 16 }, { 0x66, 1, 0xf3, 16 }, { 0x66, 1, 0xf4, 16 }, { 0x66, 1, 0xf5, 16 },
    { 0x66, 1, 0xf6, 16 }, { 0x66, 1, 0xf8, 16 }, { 0x66, 1, 0xf9, 16 }, { 0x66, 1, 0xfa, 16 },
    { 0x66, 1, 0xfb, 16 }, { 0x66, 1, 0xfc, 16 }, { 0x66, 1, 0xfd, 16 }, { 0x66, 1, 0xfe, 16 },
    /* SSE3 */
    { 0xf2, 1, 0x12, 8 }, { 0xf3, 1, 0x12, 16 }, { 0xf3, 1, 0x16, 16 },
    { 0x66, 1, 0x7c, 16 }, { 0xf2, 1, 0x7c, 16 }, { 0x66, 1, 0xd0, 16 }, { 0xf2, 1, 0xd0, 16 },
    /* SSSE3 */
    { 0x66, 2, 0x00, 16, 0, 's' }, { 0x66, 2, 0x01, 16, 0, 's' }, { 0x66, 2, 0x02, 16, 0, 's' },
    { 0x66, 2, 0x04, 16, 0, 's' }, { 0x66, 2, 0x05, 16, 0, 's' }, { 0x66, 2, 0x06, 16, 0, 's' },
    { 0x66, 2, 0x08, 16, 0, 's' }, { 0x66, 2, 0x09, 16, 0, 's' }, { 0x66, 2, 0x0a, 16, 0, 's' },
    { 0x66, 2, 0x0b, 16, 0, 's' }, { 0x66, 2, 0x1c, 16, 0, 's' }, { 0x66, 2, 0x1d, 16, 0, 's' },
    { 0x66, 2, 0x1e, 16, 0, 's' }, { 0x66, 3, 0x0f, 16, 1, 's' },
    /* SSE4.1 / 4.2 */
    { 0x66, 2, 0x10, 16, 0, '1' }, { 0x66, 2, 0x14, 16, 0, '1' }, { 0x66, 2, 0x15, 16, 0, '1' },
    { 0x66, 2, 0x20, 8, 0, '1' }, { 0x66, 2, 0x21, 4, 0, '1' }, { 0x66, 2, 0x22, 2, 0, '1' },
    { 0x66, 2, 0x23, 8, 0, '1' }, { 0x66, 2, 0x24, 4, 0, '1' }, { 0x66, 2, 0x25, 8, 0, '1' },
    { 0x66, 2, 0x28, 16, 0, '1' }, { 0x66, 2, 0x29, 16, 0, '1' }, { 0x66, 2, 0x2b, 16, 0, '1' },
    { 0x66, 2, 0x30, 8, 0, '1' }, { 0x66, 2, 0x31, 4, 0, '1' }, { 0x66, 2, 0x32, 2, 0, '1' },
    { 0x66, 2, 0x33, 8, 0, '1' }, { 0x66, 2, 0x34, 4, 0, '1' }, { 0x66, 2, 0x35, 8, 0, '1' },
    { 0x66, 2, 0x37, 16, 0, '2' }, { 0x66, 2, 0x38, 16, 0, '1' }, { 0x66, 2, 0x39, 16, 0, '1' },
    { 0x66, 2, 0x3a, 16, 0, '1' }, { 0x66, 2, 0x3b, 16, 0, '1' }, { 0x66, 2, 0x3c, 16, 0, '1' },
    { 0x66, 2, 0x3d, 16, 0, '1' }, { 0x66, 2, 0x3e, 16, 0, '1' }, { 0x66, 2, 0x3f, 16, 0, '1' },
    { 0x66, 2, 0x40, 16, 0, '1' },
    { 0x66, 3, 0x08, 16, 1, '1' }, { 0x66, 3, 0x09, 16, 1, '1' }, { 0x66, 3, 0x0a, 4, 1, '1' },
    { 0x66, 3, 0x0b, 8, 1, '1' }, { 0x66, 3, 0x0c, 16, 1, '1' }, { 0x66, 3, 0x0d, 16, 1, '1' },
    { 0x66, 3, 0x0e, 16, 1, '1' },
    /* AES-NI, PCLMULQDQ */
    { 0x66, 2, 0xdb, 16, 0, 'a' }, { 0x66, 2, 0xdc, 16, 0, 'a' }, { 0x66, 2, 0xdd, 16, 0, 'a' },
    { 0x66, 2, 0xde, 16, 0, 'a' }, { 0x66, 2, 0xdf, 16, 0, 'a' }, { 0x66, 3, 0xdf, 16, 1, 'a' },
    { 0x66, 3, 0x44, 16, 1, 'p' },
    /* SHA */
    { 0, 2, 0xc8, 16, 0, 'h' }, { 0, 2, 0xc9, 16, 0, 'h' }, { 0, 2, 0xca, 16, 0, 'h' },
    { 0, 2, 0xcb, 16, 0, 'h' }, { 0, 2, 0xcc, 16, 0, 'h' }, { 0, 2, 0xcd, 16, 0, 'h' },
    { 0, 3, 0xcc, 16, 1, 'h' },
};

static bool sse_feature_ok(Gen *g, char f)
{
    const X86HostFeatures *h = &g->cfg->host;
    return f == 0 || (f == 's' && h->ssse3) || (f == '1' && h->sse41) || (f == '2' && h->sse42) ||
           (f == 'a' && h->aes) || (f == 'p' && h->pclmul) || (f == 'h' && h->sha);
}

static void emit_sse(Gen *g, uint8_t pfx, int map, uint8_t op, int reg, RM rm, bool rexw,
                     int imm_len, uint64_t imm)
{
    uint8_t p[2] = { pfx, 0 }, ops[3] = { 0x0f };
    int n = 1;
    if (map == 2) {
        ops[n++] = 0x38;
    } else if (map == 3) {
        ops[n++] = 0x3a;
    }
    ops[n++] = op;
    Enc e = { .pfx = pfx ? p : NULL, .size = rexw ? 8 : 0, .op = ops, .oplen = n, .reg = reg,
              .rm = rm, .imm_len = imm_len, .imm = imm };
    emit(g, &e);
}

static int xreg(Gen *g)
{
    return rn(g, g->m64 ? 16 : 8);
}

static RM sse_src(Gen *g, int msize)
{
    if ((g->cfg->kinds & X86G_MEM) && chance(g, 30)) {
        return pick_mem(g, msize == 2 ? 8 : msize, msize == 16 ? 16 : 1);
    }
    return rm_reg(xreg(g));
}

static bool f_sse(Gen *g)
{
    const SseOp *o = &sse_ops[rn(g, sizeof(sse_ops) / sizeof(sse_ops[0]))];
    if (!sse_feature_ok(g, o->feat)) {
        return false;
    }
    emit_sse(g, o->pfx, o->map, o->op, xreg(g), sse_src(g, o->msize), false, o->imm,
             o->op == 0xc2 ? rn(g, 8) : rnd(g) & 0xff);
    return true;
}

/* Moves and the instructions between XMM and general registers. */
static bool f_sse_move(Gen *g)
{
    switch (rn(g, 13)) {
    case 0: {                                      /* movaps/movapd/movdqa/movups/movupd/movdqu loads */
        static const uint8_t pf[6] = { 0, 0x66, 0x66, 0, 0x66, 0xf3 };
        static const uint8_t op[6] = { 0x28, 0x28, 0x6f, 0x10, 0x10, 0x6f };
        int k = rn(g, 6);
        bool al = k < 3;
        RM rm = (g->cfg->kinds & X86G_MEM) && chance(g, 50) ? pick_mem(g, 16, al ? 16 : 1)
                                                             : rm_reg(xreg(g));
        emit_sse(g, pf[k], 1, op[k], xreg(g), rm, false, 0, 0);
        return true;
    }
    case 1: {                                      /* the stores */
        if (!(g->cfg->kinds & X86G_MEM)) {
            return false;
        }
        static const uint8_t pf[6] = { 0, 0x66, 0x66, 0, 0x66, 0xf3 };
        static const uint8_t op[6] = { 0x29, 0x29, 0x7f, 0x11, 0x11, 0x7f };
        int k = rn(g, 6);
        emit_sse(g, pf[k], 1, op[k], xreg(g), pick_mem(g, 16, k < 3 ? 16 : 1), false, 0, 0);
        return true;
    }
    case 2: {                                      /* movss/movsd load, store or merge */
        bool sd = rn(g, 2), st = rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && chance(g, 50) ? pick_mem(g, sd ? 8 : 4, 1)
                                                             : rm_reg(xreg(g));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x10 | st, xreg(g), rm, false, 0, 0);
        return true;
    }
    case 3: {                                      /* movd/movq xmm <- r/m32/64 and back */
        bool st = rn(g, 2), q = g->m64 && rn(g, 2);
        int size = q ? 8 : 4;
        RM rm = st ? pick_rm_w(g, size, true, true)
                   : ((g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, size, 1)
                                                                   : rm_reg(rreg(g, size, true)));
        emit_sse(g, 0x66, 1, st ? 0x7e : 0x6e, xreg(g), rm, q, 0, 0);
        return true;
    }
    case 4: {                                      /* movq xmm, xmm/m64 (F3 0F 7E), movq xmm/m64, xmm (66 0F D6) */
        bool st = rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && chance(g, 50) ? pick_mem(g, 8, 1) : rm_reg(xreg(g));
        emit_sse(g, st ? 0x66 : 0xf3, 1, st ? 0xd6 : 0x7e, xreg(g), rm, false, 0, 0);
        return true;
    }
    case 5: {                                      /* pmovmskb / movmskps / movmskpd */
        int k = rn(g, 3);
        emit_sse(g, k == 1 ? 0 : 0x66, 1, k == 0 ? 0xd7 : 0x50, wreg(g, 4, true), rm_reg(xreg(g)),
                 false, 0, 0);
        return true;
    }
    case 6: {                                      /* cvtsi2ss/sd */
        bool sd = rn(g, 2), q = g->m64 && rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, q ? 8 : 4, 1)
                                                             : rm_reg(rreg(g, q ? 8 : 4, true));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x2a, xreg(g), rm, q, 0, 0);
        return true;
    }
    case 7: {                                      /* cvt(t)ss2si / cvt(t)sd2si */
        bool sd = rn(g, 2), q = g->m64 && rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && chance(g, 30) ? pick_mem(g, sd ? 8 : 4, 1)
                                                             : rm_reg(xreg(g));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x2c | rn(g, 2), wreg(g, q ? 8 : 4, true), rm, q, 0, 0);
        return true;
    }
    case 12: {                                     /* pcmpestrm/i, pcmpistrm/i (SSE4.2) */
        if (!g->cfg->host.sse42) {
            return false;
        }
        bool explicit_len = rn(g, 2);
        if (explicit_len) {
            /* small lengths in eax/edx, sometimes negative or too large */
            e1(g, 0xb8);
            en(g, (uint32_t)(rn(g, 24) - 4), 4);
            e1(g, 0xba);
            en(g, (uint32_t)(rn(g, 24) - 4), 4);
        }
        emit_sse(g, 0x66, 3, 0x60 | (explicit_len ? 0 : 2) | rn(g, 2), xreg(g), sse_src(g, 16),
                 g->m64 && rn(g, 4) == 0, 1, rnd(g) & 0x7f);
        flags_out(g, ALLF, 0);
        return true;
    }
    case 8: {                                      /* comiss/ucomiss/comisd/ucomisd, ptest */
        bool d = rn(g, 2);
        if (rn(g, 3) == 0 && g->cfg->host.sse41) {
            emit_sse(g, 0x66, 2, 0x17, xreg(g), sse_src(g, 16), false, 0, 0);
        } else {
            emit_sse(g, d ? 0x66 : 0, 1, 0x2e | rn(g, 2), xreg(g), sse_src(g, d ? 8 : 4), false, 0, 0);
        }
        flags_out(g, ALLF, 0);
        return true;
    }
    case 9: {                                      /* shifts by an immediate (66 0F 71/72/73) */
        static const uint8_t sub[3][4] = { { 2, 4, 6, 2 }, { 2, 4, 6, 2 }, { 2, 3, 6, 7 } };
        int k = rn(g, 3);
        emit_sse(g, 0x66, 1, 0x71 + k, sub[k][rn(g, 4)], rm_reg(xreg(g)), false, 1, rn(g, 80));
        return true;
    }
    case 10: {                                     /* pinsrw / pextrw, SSE4.1 pinsr/pextr b/d/q */
        int k = rn(g, 4);
        if (k >= 2 && !g->cfg->host.sse41) {
            return false;
        }
        bool q = g->m64 && rn(g, 2);
        switch (k) {
        case 0:
            emit_sse(g, 0x66, 1, 0xc4, xreg(g), rm_reg(rreg(g, 4, true)), false, 1, rnd(g) & 0xff);
            break;
        case 1:
            emit_sse(g, 0x66, 1, 0xc5, wreg(g, 4, true), rm_reg(xreg(g)), false, 1, rnd(g) & 0xff);
            break;
        case 2:
            emit_sse(g, 0x66, 3, rn(g, 2) ? 0x20 : 0x22, xreg(g), rm_reg(rreg(g, q ? 8 : 4, true)), q,
                     1, rnd(g) & 0xff);
            break;
        default:
            emit_sse(g, 0x66, 3, rn(g, 2) ? 0x14 : 0x16, xreg(g), rm_reg(wreg(g, q ? 8 : 4, true)), q,
                     1, rnd(g) & 0xff);
            break;
        }
        return true;
    }
    default: {                                     /* movlps/movhps/movlpd/movhpd, movhlps/movlhps */
        bool hi = rn(g, 2), pd = rn(g, 2), st = rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && (pd || st || chance(g, 50)) ? pick_mem(g, 8, 1)
                                                                           : rm_reg(xreg(g));
        if (!rm.mem && (pd || st)) {
            return false;
        }
        emit_sse(g, pd ? 0x66 : 0, 1, 0x12 | hi << 2 | st, xreg(g), rm, false, 0, 0);
        return true;
    }
    }
}

/* MXCSR: store it, or load a controlled value (rounding mode, FZ, DAZ; exceptions masked). */
static bool f_mxcsr(Gen *g)
{
    RM m = pick_mem(g, 4, 4);
    if (rn(g, 2)) {
        emit_sse(g, 0, 1, 0xae, 3, m, false, 0, 0);
        return true;
    }
    static const uint8_t op = 0xc7;
    uint32_t v = 0x1f80 | (rn(g, 4) << 13) | (rn(g, 4) == 0 ? 0x8000 : 0) | (rn(g, 4) == 0 ? 0x40 : 0);
    Enc e = { .size = 4, .op = &op, .oplen = 1, .reg = 0, .rm = m, .imm_len = 4, .imm = v };
    emit(g, &e);
    emit_sse(g, 0, 1, 0xae, 2, m, false, 0, 0);
    return true;
}


/* ---- x87 ------------------------------------------------------------------------------------ */

/* An x87 instruction: the escape byte, then ModRM with /digit and a memory operand or ST(i). */
static void x87_mem(Gen *g, uint8_t esc, int digit, int size)
{
    Enc e = { .op = &esc, .oplen = 1, .reg = digit, .rm = pick_mem(g, size, 1) };
    emit(g, &e);
}

static void x87_reg(Gen *g, uint8_t esc, uint8_t modrm)
{
    e1(g, esc);
    e1(g, modrm);
}

static bool f_x87(Gen *g)
{
    int k = rn(g, 16);
    int i = g->depth ? rn(g, g->depth) : 0;
    if (g->depth == 0 || (g->depth < 7 && rn(g, 3) == 0)) {
        k = 0;                                     /* something to work on first */
    }
    switch (k) {
    case 0: {                                      /* loads */
        if (g->depth >= 7) {
            return false;
        }
        switch (rn(g, 5)) {
        case 0: x87_mem(g, 0xd9, 0, 4); break;               /* fld m32 */
        case 1: x87_mem(g, 0xdd, 0, 8); break;               /* fld m64 */
        case 2: x87_mem(g, 0xdf, rn(g, 2) ? 0 : 5, 8); break; /* fild m16 / m64 */
        case 3: x87_mem(g, 0xdb, 0, 4); break;               /* fild m32 */
        default: x87_reg(g, 0xd9, 0xe8 + rn(g, 7)); break;   /* fld1 .. fldz */
        }
        g->depth++;
        g->fcc_undef = true;
        return true;
    }
    case 1:                                        /* fld st(i) */
        if (g->depth >= 7) {
            return false;
        }
        x87_reg(g, 0xd9, 0xc0 + i);
        g->depth++;
        g->fcc_undef = true;
        return true;
    case 2: {                                      /* stores (and pops) */
        bool pop = g->depth > 1 && rn(g, 2);
        switch (rn(g, pop ? 6 : 4)) {
        case 0: x87_mem(g, 0xd9, 2 + pop, 4); break;          /* fst(p) m32 */
        case 1: x87_mem(g, 0xdd, 2 + pop, 8); break;          /* fst(p) m64 */
        case 2: x87_mem(g, 0xdb, 2 + pop, 4); break;          /* fist(p) m32 */
        case 3: x87_mem(g, 0xdf, 2 + pop, 2); break;          /* fist(p) m16 */
        case 4: x87_mem(g, 0xdf, 7, 8); break;                /* fistp m64 */
        default:
            if (g->cfg->host.sse3) {
                x87_mem(g, 0xdd, 1, 8);                       /* fisttp m64 */
            } else {
                x87_mem(g, 0xdb, 7, 10);                      /* fstp m80 */
            }
            break;
        }
        if (pop) {
            g->depth--;
        }
        g->fcc_undef = true;
        return true;
    }
    case 3: {                                      /* fstp m80; fld m80: a round trip */
        RM m = pick_mem(g, 10, 1);
        uint8_t db = 0xdb;
        Enc e = { .op = &db, .oplen = 1, .reg = 7, .rm = m };
        emit(g, &e);
        e.reg = 5;
        emit(g, &e);
        g->fcc_undef = true;
        return true;
    }
    case 4: case 5: {                              /* arithmetic with memory: fadd fmul fsub fsubr fdiv fdivr */
        static const int ops[6] = { 0, 1, 4, 5, 6, 7 };
        static const uint8_t esc[4] = { 0xd8, 0xdc, 0xda, 0xde };
        static const int size[4] = { 4, 8, 4, 2 };
        int t = rn(g, 4);
        x87_mem(g, esc[t], ops[rn(g, 6)], size[t]);
        g->fcc_undef = true;
        return true;
    }
    case 6: {                                      /* arithmetic on registers: D8 st0,st(i) / DC st(i),st0 / DE ..p */
        static const int ops[6] = { 0, 1, 4, 5, 6, 7 };
        int t = rn(g, 3);
        if (t == 2 && g->depth < 2) {
            return false;
        }
        x87_reg(g, t == 0 ? 0xd8 : t == 1 ? 0xdc : 0xde, 0xc0 | ops[rn(g, 6)] << 3 | (t == 2 ? 1 + rn(g, g->depth - 1) : i));
        if (t == 2) {
            g->depth--;
        }
        g->fcc_undef = true;
        return true;
    }
    case 7: {                                      /* compares into C0 C2 C3 */
        switch (rn(g, 4)) {
        case 0: x87_reg(g, 0xd8, 0xd0 + i); break;            /* fcom st(i) */
        case 1: x87_reg(g, 0xdd, 0xe0 + i); break;            /* fucom st(i) */
        case 2: x87_mem(g, rn(g, 2) ? 0xd8 : 0xdc, 2, 8); break; /* fcom m32/m64 */
        default: x87_reg(g, 0xd9, 0xe4); break;               /* ftst */
        }
        g->fcc_undef = false;
        return true;
    }
    case 8: {                                      /* fcomi / fucomi (and the popping forms) into EFLAGS */
        bool pop = g->depth > 1 && rn(g, 2);
        x87_reg(g, pop ? 0xdf : 0xdb, (rn(g, 2) ? 0xe8 : 0xf0) + i);
        if (pop) {
            g->depth--;
        }
        flags_out(g, ALLF, 0);
        return true;
    }
    case 9: {                                      /* fcmovcc st0, st(i) */
        static const int cc[8] = { 0x2, 0x4, 0x6, 0xa, 0x3, 0x5, 0x7, 0xb };
        int c = rn(g, 8);
        if (!can_read(g, cc_reads(cc[c]))) {
            return false;
        }
        x87_reg(g, c < 4 ? 0xda : 0xdb, 0xc0 | (c & 3) << 3 | i);
        return true;
    }
    case 10: {                                     /* one-operand: fchs fabs fsqrt frndint fxam fxch */
        static const uint8_t m[5] = { 0xe0, 0xe1, 0xfa, 0xfc, 0xe5 };
        int c = rn(g, 6);
        if (c == 5) {
            x87_reg(g, 0xd9, 0xc8 + i);
        } else {
            x87_reg(g, 0xd9, m[c]);
        }
        g->fcc_undef = c != 4;
        return true;
    }
    case 11:                                       /* fscale, fprem, fprem1, fxtract */
        if (g->depth < 2) {
            return false;
        }
        switch (rn(g, 4)) {
        case 0: x87_reg(g, 0xd9, 0xfd); g->fcc_undef = true; break;
        /* FPREM/FPREM1 quotient bits: the hardware's values after an invalid operand are not
           modelled, so C0 C2 C3 count as undefined */
        case 1: x87_reg(g, 0xd9, 0xf8); g->fcc_undef = true; break;
        case 2: x87_reg(g, 0xd9, 0xf5); g->fcc_undef = true; break;
        default:
            if (g->depth >= 7) {
                return false;
            }
            x87_reg(g, 0xd9, 0xf4);
            g->depth++;
            g->fcc_undef = true;
            break;
        }
        return true;
    case 12:                                       /* fnstsw ax / m16, fnstcw m16 */
        if (rn(g, 3) == 0) {
            x87_mem(g, 0xd9, 7, 2);
            return true;
        }
        if (g->fcc_undef) {
            return false;
        }
        if (rn(g, 2)) {
            x87_reg(g, 0xdf, 0xe0);
        } else {
            x87_mem(g, 0xdd, 7, 2);
        }
        return true;
    case 13: {                                     /* fldcw of a controlled word: precision, rounding */
        RM m = pick_mem(g, 2, 2);
        uint8_t op = 0xc7;
        uint16_t cw = 0x37f & ~0x0f00;
        cw |= (rn(g, 4) == 1 ? 2 : rn(g, 4)) << 8 | rn(g, 4) << 10;
        Enc e = { .size = 2, .op = &op, .oplen = 1, .reg = 0, .rm = m, .imm_len = 2, .imm = cw | 0x40 };
        emit(g, &e);
        uint8_t d9 = 0xd9;
        Enc f = { .op = &d9, .oplen = 1, .reg = 5, .rm = m };
        emit(g, &f);
        return true;
    }
    case 14:                                       /* fcompp / fucompp / fcomp st(i) / fstp st(i) */
        if (g->depth < 2) {
            return false;
        }
        switch (rn(g, 3)) {
        case 0: x87_reg(g, 0xde, 0xd9); g->depth -= 2; g->fcc_undef = false; break;
        case 1: x87_reg(g, 0xda, 0xe9); g->depth -= 2; g->fcc_undef = false; break;
        default: x87_reg(g, 0xdd, 0xd8 + 1 + rn(g, g->depth - 1)); g->depth--; g->fcc_undef = true; break;
        }
        return true;
    default:                                       /* fxch st(i) */
        x87_reg(g, 0xd9, 0xc8 + i);
        g->fcc_undef = true;
        return true;
    }
}


/* ---- MMX --------------------------------------------------------------------------------- */

static RM mmx_src(Gen *g)
{
    if ((g->cfg->kinds & X86G_MEM) && chance(g, 30)) {
        return pick_mem(g, 8, 1);
    }
    return rm_reg(rn(g, 8));
}

static bool f_mmx(Gen *g)
{
    static const uint8_t ops[] = {
        0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x74, 0x75,
        0x76, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
        0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
        0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    };
    static const uint8_t ssse3[] = { 0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x09, 0x0a, 0x0b,
                                     0x1c, 0x1d, 0x1e };
    g->depth = 8;
    g->fcc_undef = true;
    switch (rn(g, 9)) {
    case 0: case 1: case 2:
        emit_sse(g, 0, 1, ops[rn(g, sizeof(ops))], rn(g, 8), mmx_src(g), false, 0, 0);
        return true;
    case 3:
        if (!g->cfg->host.ssse3) {
            return false;
        }
        if (rn(g, 4) == 0) {
            emit_sse(g, 0, 3, 0x0f, rn(g, 8), mmx_src(g), false, 1, rn(g, 24));   /* palignr */
        } else {
            emit_sse(g, 0, 2, ssse3[rn(g, sizeof(ssse3))], rn(g, 8), mmx_src(g), false, 0, 0);
        }
        return true;
    case 4: {                                      /* shifts by an immediate */
        static const uint8_t sub[3][3] = { { 2, 4, 6 }, { 2, 4, 6 }, { 2, 6, 2 } };
        int k = rn(g, 3);
        emit_sse(g, 0, 1, 0x71 + k, sub[k][rn(g, 3)], rm_reg(rn(g, 8)), false, 1, rn(g, 70));
        return true;
    }
    case 5: {                                      /* movd/movq loads and stores */
        int k = rn(g, 4);
        bool q = g->m64 && rn(g, 2);
        switch (k) {
        case 0: emit_sse(g, 0, 1, 0x6e, rn(g, 8), rm_reg(rreg(g, q ? 8 : 4, true)), q, 0, 0); break;
        case 1: emit_sse(g, 0, 1, 0x7e, rn(g, 8), pick_rm_w(g, q ? 8 : 4, true, true), q, 0, 0); break;
        case 2: emit_sse(g, 0, 1, 0x6f, rn(g, 8), mmx_src(g), false, 0, 0); break;
        default:
            emit_sse(g, 0, 1, 0x7f, rn(g, 8),
                     (g->cfg->kinds & X86G_MEM) && rn(g, 2) ? pick_mem(g, 8, 1) : rm_reg(rn(g, 8)),
                     false, 0, 0);
            break;
        }
        return true;
    }
    case 6:                                        /* pshufw, pinsrw, pextrw, pmovmskb */
        switch (rn(g, 4)) {
        case 0: emit_sse(g, 0, 1, 0x70, rn(g, 8), mmx_src(g), false, 1, rnd(g) & 0xff); break;
        case 1: emit_sse(g, 0, 1, 0xc4, rn(g, 8), rm_reg(rreg(g, 4, true)), false, 1, rnd(g) & 0xff); break;
        case 2: emit_sse(g, 0, 1, 0xc5, wreg(g, 4, true), rm_reg(rn(g, 8)), false, 1, rnd(g) & 0xff); break;
        default: emit_sse(g, 0, 1, 0xd7, wreg(g, 4, true), rm_reg(rn(g, 8)), false, 0, 0); break;
        }
        return true;
    case 7:                                        /* emms */
        e1(g, 0x0f);
        e1(g, 0x77);
        g->depth = 0;
        return true;
    default:
        emit_sse(g, 0, 1, ops[rn(g, sizeof(ops))], rn(g, 8), mmx_src(g), false, 0, 0);
        return true;
    }
}

/* ---- the sequence --------------------------------------------------------------------------- */

typedef bool (*Form)(Gen *g);

typedef struct FormRow {
    Form fn;
    unsigned kinds;                /* needs any of these X86G_* */
    unsigned weight;
} FormRow;

static const FormRow forms[] = {
    { f_alu, X86G_REG, 10 }, { f_alu_imm, X86G_REG, 6 }, { f_test, X86G_REG, 2 },
    { f_unary, X86G_REG, 4 }, { f_mul, X86G_REG, 3 }, { f_shift, X86G_REG, 6 },
    { f_shiftd, X86G_REG, 2 }, { f_mov, X86G_REG, 5 }, { f_lea, X86G_REG, 3 },
    { f_xchg, X86G_REG, 2 }, { f_bswap, X86G_REG, 1 }, { f_cc, X86G_FLAGS, 4 },
    { f_bt, X86G_REG, 2 }, { f_bitscan, X86G_REG, 2 }, { f_misc, X86G_REG, 4 },
    { f_bcd, X86G_REG, 2 }, { f_bmi, X86G_REG, 3 }, { f_legacy32, X86G_MEM, 1 }, { f_stack, X86G_MEM, 3 }, { f_string, X86G_MEM, 2 },
    { f_cmpxchg8b, X86G_MEM, 1 }, { f_movbe, X86G_MEM, 1 }, { f_xlat, X86G_MEM, 1 },
    { f_div, X86G_FAULT, 1 }, { f_sse, X86G_SSE, 12 }, { f_sse_move, X86G_SSE, 6 },
    { f_mxcsr, X86G_SSE, 1 }, { f_x87, X86G_X87, 12 }, { f_mmx, X86G_MMX, 8 },
};

/* A forward conditional jump over the next instruction (a flag reader that changes the path). */
static bool gen_jcc_over(Gen *g, Form next)
{
    int cc = rn(g, 16);
    if (!can_read(g, cc_reads(cc))) {
        return false;
    }
    uint8_t *jcc = g->p;
    e1(g, 0x70 + cc);
    e1(g, 0);
    uint32_t undef_before = g->undef;
    uint8_t *body = g->p;
    if (!next(g)) {
        g->p = jcc;
        g->undef = undef_before;
        return false;
    }
    jcc[1] = (uint8_t)(g->p - body);
    /* either path may have been taken */
    g->undef |= undef_before;
    return true;
}

void x86_gen_sequence(X86Seq *seq, const X86GenConfig *cfg, uint64_t seed)
{
    Gen g = { .rng = seed * 0x9e3779b97f4a7c15ull + 1, .cfg = cfg, .m64 = cfg->mode64,
              .p = seq->code, .code0 = seq->code };
    unsigned total = 0;
    unsigned n = 1 + rn(&g, cfg->max_insns);
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        if (forms[i].kinds & cfg->kinds) {
            total += forms[i].weight;
        }
    }
    rnd(&g);
    seq->ninsns = 0;
    while (seq->ninsns < n && seq->ninsns < 500) {
        unsigned w = rn(&g, total);
        const FormRow *f = forms;
        for (;; f++) {
            if (!(f->kinds & cfg->kinds)) {
                continue;
            }
            if (w < f->weight) {
                break;
            }
            w -= f->weight;
        }
        seq->insn_off[seq->ninsns] = g.p - seq->code;
        bool ok;
        if ((cfg->kinds & X86G_FLAGS) && f->fn != f_string && f->fn != f_x87 && f->fn != f_mmx &&
            chance(&g, 8)) {
            ok = gen_jcc_over(&g, f->fn);
        } else {
            ok = f->fn(&g);
        }
        if (ok) {
            seq->ninsns++;
        }
    }
    if ((cfg->kinds & X86G_FAULT) && chance(&g, 3)) {
        seq->insn_off[seq->ninsns++] = g.p - seq->code;
        f_undef(&g);
    }
    /* jmp rel32 to the epilogue */
    seq->insn_off[seq->ninsns] = g.p - seq->code;
    e1(&g, 0xe9);
    int32_t rel = (int32_t)(X86T_EPILOGUE - (X86T_CODE + (g.p - seq->code) + 4));
    en(&g, (uint32_t)rel, 4);
    seq->len = g.p - seq->code;
    seq->undef_flags = g.undef;
    /* C1 (rounding direction) is not modelled; C0 C2 C3 only when the last x87 op defines them */
    seq->fsw_mask = ~0x0200 & (g.fcc_undef ? ~0x4500 : 0xffff);
}

/* ---- initial state ---------------------------------------------------------------------------- */

/* Interesting floating-point bit patterns mixed into XMM registers and DATA. */
static uint32_t fp32_pattern(Gen *g)
{
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
        0xffc00000, 0x7fa00001, 0x00000001, 0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000,
        0x3fc00000, 0x40490fdb,
    };
    switch (rn(g, 4)) {
    case 0: return special[rn(g, 16)];
    case 1: {                                      /* a modest number: small exponent range */
        return (rnd(g) & 0x807fffff) | (uint32_t)(120 + rn(g, 16)) << 23;
    }
    default: return (uint32_t)rnd(g);
    }
}

static uint64_t fp64_pattern(Gen *g)
{
    static const uint64_t special[] = {
        0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x7ff0000000000000ull,
        0xfff8000000000000ull, 0x7ff4000000000001ull, 0x0000000000000001ull,
        0x41e0000000000000ull, 0xc3e0000000000000ull, 0x3ff8000000000000ull,
    };
    switch (rn(g, 4)) {
    case 0: return special[rn(g, 10)];
    case 1: return (rnd(g) & 0x800fffffffffffffull) | (uint64_t)(1010 + rn(g, 30)) << 52;
    default: return rnd(g);
    }
}

void x86_gen_state(X86State *st, uint8_t *data, bool mode64, uint64_t seed)
{
    Gen g = { .rng = seed * 0xd1b54a32d192ed03ull + 7, .m64 = mode64 };
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 16; i++) {
        uint64_t v = rnd(&g);
        switch (rn(&g, 6)) {
        case 0: v = 0; break;
        case 1: v = rn(&g, 64); break;
        case 2: v = -(uint64_t)rn(&g, 4); break;
        case 3: v = v & 0xffffffffull; break;
        default: break;
        }
        st->regs[i] = mode64 ? v : (uint32_t)v;
    }
    st->regs[4] = X86T_STACK_START;
    st->regs[3] = RBX_VALUE;
    st->rflags = 0x202 | (rnd(&g) & ALLF);
    st->mxcsr = 0x1f80;
    for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 4; j += (j & 1) + 1) {
            if (rn(&g, 2)) {
                uint32_t f = fp32_pattern(&g);
                memcpy(st->xmm[i] + 4 * j, &f, 4);
                if (j == 0) {
                    f = fp32_pattern(&g);
                    memcpy(st->xmm[i] + 4, &f, 4);
                }
            } else {
                uint64_t d = fp64_pattern(&g);
                memcpy(st->xmm[i] + 4 * (j & ~1), &d, 8);
            }
        }
    }
    for (int i = 0; i < 8; i++) {
        st->mm[i] = rn(&g, 2) ? rnd(&g) : fp64_pattern(&g);
    }
    for (int i = 0; i < X86T_DATA_SIZE; i += 8) {
        uint64_t v = rn(&g, 3) == 0 ? fp64_pattern(&g)
                                    : ((uint64_t)fp32_pattern(&g) << 32 | fp32_pattern(&g));
        if (rn(&g, 4) == 0) {
            v = rnd(&g);
        }
        memcpy(data + i, &v, 8);
    }
}

void x86_gen_host_features(X86HostFeatures *f)
{
    unsigned a, b, c, d;
    memset(f, 0, sizeof(*f));
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        f->ssse3 = c & (1u << 9);
        f->sse41 = c & (1u << 19);
        f->sse42 = c & (1u << 20);
        f->movbe = c & (1u << 22);
        f->popcnt = c & (1u << 23);
        f->sse3 = c & 1;
        f->pclmul = c & 2;
        f->aes = c & (1u << 25);
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        f->bmi1 = b & (1u << 3);
        f->bmi2 = b & (1u << 8);
        f->adx = b & (1u << 19);
        f->sha = b & (1u << 29);
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        f->lzcnt = c & (1u << 5);
    }
}
