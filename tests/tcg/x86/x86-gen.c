/*
 * x86-gen.c — random x86 instruction sequences for the differential test
 * (see x86-gen.h).  Encodings are written here from the Intel manual (SDM
 * vol. 2) independently of the emulator's tables; each form records which
 * arithmetic flags it defines, leaves undefined or reads, so that
 * sequences never consume an undefined flag and the final comparison masks
 * what is still undefined.  The SSE, x87 and MMX forms are in x86-gen-vec.c.
 */
#include "x86-gen-internal.h"

#include <cpuid.h>
#include <string.h>

/* ---- randomness -------------------------------------------------------------- */

uint64_t x86g_rnd(Gen *g)
{
    /* xorshift64* */
    g->rng ^= g->rng >> 12;
    g->rng ^= g->rng << 25;
    g->rng ^= g->rng >> 27;
    return g->rng * 0x2545f4914f6cdd1dull;
}

unsigned x86g_rn(Gen *g, unsigned n)
{
    return (unsigned)(x86g_rnd(g) % n);
}

bool x86g_chance(Gen *g, unsigned pct)
{
    return x86g_rn(g, 100) < pct;
}

/* ---- flags bookkeeping ------------------------------------------------------------- */

bool x86g_can_read(Gen *g, uint32_t f)
{
    return !(g->undef & f);
}

/* The instruction sets `def` to defined values and leaves `undef` undefined. */
void x86g_flags_out(Gen *g, uint32_t def, uint32_t undef)
{
    g->undef = (g->undef & ~(def | undef)) | undef;
}

/* Flags read by condition code cc (Jcc/SETcc/CMOVcc low nibble). */
uint32_t x86g_cc_reads(int cc)
{
    static const uint32_t r[8] = { OF, CF, ZF, CF | ZF, SF, PF, SF | OF, SF | OF | ZF };
    return r[cc >> 1];
}

/* ---- encoding ------------------------------------------------------------------------ */

void x86g_e1(Gen *g, uint8_t v)
{
    *g->p++ = v;
}

void x86g_en(Gen *g, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        x86g_e1(g, v >> (8 * i));
    }
}


/* Operand sizes: 1, 2, 4, 8 bytes. */
int x86g_pick_size(Gen *g, bool allow8)
{
    int n = g->m64 ? 4 : 3;
    int s = allow8 ? x86g_rn(g, n) : 1 + x86g_rn(g, n - 1);
    return 1 << s;
}

int x86g_nregs(Gen *g)
{
    return g->m64 ? 16 : 8;
}

/*
 * Registers a sequence may write: not rsp (4) or rbx (3); for bytes without
 * REX not BL (3) or BH (7), with REX not BL or SPL (4).
 */
int x86g_wreg(Gen *g, int size, bool rex)
{
    for (;;) {
        int r = x86g_rn(g, size == 1 && !rex ? 8 : x86g_nregs(g));
        if (size == 1 && !rex) {
            if (r != 3 && r != 7) {
                return r;
            }
        } else if (r != 3 && r != 4) {
            return r;
        }
    }
}

int x86g_rreg(Gen *g, int size, bool rex)
{
    return x86g_rn(g, size == 1 && !rex ? 8 : x86g_nregs(g));
}

/* A memory operand of `size` bytes (align: offset multiple of it). */
RM x86g_pick_mem(Gen *g, int size, int align)
{
    RM m = { .mem = true };
    int lim = X86T_DATA_SIZE - size - 64;
    m.form = x86g_rn(g, 5);
    if (m.form == 0 || m.form == 2) {
        m.off = 128 + (int)x86g_rn(g, 256 - size) - 128;   /* rbx + disp8, disp in [-128, 127] */
        m.off = x86g_rn(g, 256 - size);
    } else {
        m.off = x86g_rn(g, lim);
    }
    if (align > 1) {
        m.off &= ~(align - 1);
    }
    return m;
}


void x86g_emit(Gen *g, const Enc *e)
{
    for (const uint8_t *q = e->pfx; q && *q; q++) {
        x86g_e1(g, *q);
    }
    if (e->size == 2) {
        x86g_e1(g, 0x66);
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
        x86g_e1(g, 0x40 | rex);
    }
    for (int i = 0; i < e->oplen; i++) {
        x86g_e1(g, e->op[i]);
    }
    int reg = e->reg & 7;
    uint8_t *disp32_at = NULL;
    if (!e->rm.mem) {
        x86g_e1(g, 0xc0 | reg << 3 | (e->rm.reg & 7));
    } else {
        int32_t d = e->rm.off - 128;               /* relative to rbx */
        switch (e->rm.form) {
        case 0:
            x86g_e1(g, 0x40 | reg << 3 | 3);
            x86g_e1(g, (uint8_t)d);
            break;
        case 1:
            x86g_e1(g, 0x80 | reg << 3 | 3);
            x86g_en(g, (uint32_t)d, 4);
            break;
        case 2:
            x86g_e1(g, 0x40 | reg << 3 | 4);
            x86g_e1(g, 0x20 | 3);                         /* SIB: no index, base rbx */
            x86g_e1(g, (uint8_t)d);
            break;
        case 3:
            x86g_e1(g, 0x00 | reg << 3 | 5);              /* RIP-relative (64) / absolute (32) */
            disp32_at = g->p;
            x86g_en(g, X86T_DATA + e->rm.off, 4);
            break;
        default:
            x86g_e1(g, 0x00 | reg << 3 | 4);
            x86g_e1(g, 0x25);                             /* SIB: no index, no base: absolute */
            x86g_en(g, X86T_DATA + e->rm.off, 4);
            break;
        }
    }
    x86g_en(g, e->imm, e->imm_len);
    if (disp32_at && g->m64) {
        uint64_t next = X86T_CODE + (g->p - g->code0);
        int32_t rel = (int32_t)(X86T_DATA + e->rm.off - next);
        memcpy(disp32_at, &rel, 4);
    }
}

RM x86g_rm_reg(int r)
{
    return (RM){ .mem = false, .reg = r };
}

/* A destination r/m of the size: a writable register or (with X86G_MEM) memory. */
RM x86g_pick_rm_w(Gen *g, int size, bool rex, bool allow_mem)
{
    if (allow_mem && (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 35)) {
        return x86g_pick_mem(g, size, 1);
    }
    return x86g_rm_reg(x86g_wreg(g, size, rex));
}

/* REX use for byte instructions in 64-bit mode: sometimes, to reach SPL..DIL and r8b..r15b. */
bool x86g_pick_rex(Gen *g, int size)
{
    return g->m64 && (size != 1 || x86g_chance(g, 50));
}

int x86g_imm_len_z(int size)
{
    return size == 1 ? 1 : size == 2 ? 2 : 4;
}

/* ---- integer forms ---------------------------------------------------------------------- */


/* ALU r/m, reg or reg, r/m (00..3B). */
static bool f_alu(Gen *g)
{
    int op = x86g_rn(g, 8), size = x86g_pick_size(g, true), dir = x86g_rn(g, 2);
    bool rex = x86g_pick_rex(g, size);
    if ((op == 2 || op == 3) && !x86g_can_read(g, CF)) {
        return false;
    }
    uint8_t opc = op << 3 | (size != 1) | dir << 1;
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1 };
    if (dir == 0) {
        e.rm = op == 7 ? (x86g_chance(g, 30) && (g->cfg->kinds & X86G_MEM) ? x86g_pick_mem(g, size, 1)
                                                                       : x86g_rm_reg(x86g_rreg(g, size, rex)))
                       : x86g_pick_rm_w(g, size, rex, true);
        e.reg = x86g_rreg(g, size, rex);
        if (e.rm.mem && op != 7 && x86g_chance(g, 30)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
    } else {
        e.reg = op == 7 ? x86g_rreg(g, size, rex) : x86g_wreg(g, size, rex);
        e.rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, size, 1)
                                                            : x86g_rm_reg(x86g_rreg(g, size, rex));
    }
    x86g_emit(g, &e);
    x86g_flags_out(g, ALLF, 0);
    return true;
}

/* ALU r/m, imm (80/81/83) and the accumulator forms (04/05 + 8 op). */
static bool f_alu_imm(Gen *g)
{
    int op = x86g_rn(g, 8), size = x86g_pick_size(g, true);
    bool rex = x86g_pick_rex(g, size);
    if ((op == 2 || op == 3) && !x86g_can_read(g, CF)) {
        return false;
    }
    if (x86g_chance(g, 25)) {
        uint8_t opc = op << 3 | 4 | (size != 1);
        Enc e = { .size = size, .op = &opc, .oplen = 1, .rm = x86g_rm_reg(0), .imm_len = x86g_imm_len_z(size),
                  .imm = x86g_rnd(g) };
        /* no ModRM: emit by hand */
        if (size == 2) {
            x86g_e1(g, 0x66);
        }
        if (size == 8) {
            x86g_e1(g, 0x48);
        }
        x86g_e1(g, opc);
        x86g_en(g, e.imm, e.imm_len);
    } else {
        int form = size == 1 ? 0 : x86g_rn(g, 2);       /* 0: 80/81 full immediate, 1: 83 ib */
        uint8_t opc = size == 1 ? 0x80 : form ? 0x83 : 0x81;
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = op,
                  .rm = op == 7 ? x86g_rm_reg(x86g_rreg(g, size, rex)) : x86g_pick_rm_w(g, size, rex, true),
                  .imm_len = size == 1 || form ? 1 : x86g_imm_len_z(size), .imm = x86g_rnd(g) };
        if (e.rm.mem && op != 7 && x86g_chance(g, 30)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
        x86g_emit(g, &e);
    }
    x86g_flags_out(g, ALLF, 0);
    return true;
}

static bool f_test(Gen *g)
{
    int size = x86g_pick_size(g, true);
    bool rex = x86g_pick_rex(g, size);
    if (x86g_rn(g, 2)) {
        uint8_t opc = 0x84 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
                  .reg = x86g_rreg(g, size, rex), .rm = x86g_rm_reg(x86g_rreg(g, size, rex)) };
        x86g_emit(g, &e);
    } else {
        uint8_t opc = 0xf6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = 0,
                  .rm = x86g_rm_reg(x86g_rreg(g, size, rex)), .imm_len = x86g_imm_len_z(size), .imm = x86g_rnd(g) };
        x86g_emit(g, &e);
    }
    x86g_flags_out(g, ALLF & ~AF, AF);
    return true;
}

/* INC/DEC/NOT/NEG (FE/FF /0 /1, F6/F7 /2 /3). */
static bool f_unary(Gen *g)
{
    int k = x86g_rn(g, 4), size = x86g_pick_size(g, true);
    bool rex = x86g_pick_rex(g, size);
    uint8_t opc = (k < 2 ? 0xfe : 0xf6) | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = k < 2 ? k : k, .rm = x86g_pick_rm_w(g, size, rex, true) };
    if (e.rm.mem && x86g_chance(g, 30)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    x86g_emit(g, &e);
    if (k < 2) {
        x86g_flags_out(g, ALLF & ~CF, 0);
    } else if (k == 3) {
        x86g_flags_out(g, ALLF, 0);
    }
    return true;
}

/* MUL/IMUL (F6/F7 /4 /5), IMUL r, r/m (0F AF), IMUL r, r/m, imm (69/6B). */
static bool f_mul(Gen *g)
{
    int size = x86g_pick_size(g, true), k = x86g_rn(g, 3);
    bool rex = x86g_pick_rex(g, size);
    if (k == 0) {
        uint8_t opc = 0xf6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
                  .reg = 4 + x86g_rn(g, 2), .rm = x86g_rm_reg(x86g_rreg(g, size, rex)) };
        if ((g->cfg->kinds & X86G_MEM) && x86g_chance(g, 25)) {
            e.rm = x86g_pick_mem(g, size, 1);
        }
        x86g_emit(g, &e);
    } else {
        if (size == 1) {
            size = 4;
        }
        static const uint8_t op_af[] = { 0x0f, 0xaf };
        uint8_t opc = x86g_rn(g, 2) ? 0x69 : 0x6b;
        Enc e = { .size = size, .reg = x86g_wreg(g, size, true), .rm = x86g_rm_reg(x86g_rreg(g, size, true)) };
        if (k == 1) {
            e.op = op_af;
            e.oplen = 2;
        } else {
            e.op = &opc;
            e.oplen = 1;
            e.imm_len = opc == 0x6b ? 1 : x86g_imm_len_z(size);
            e.imm = x86g_rnd(g);
        }
        x86g_emit(g, &e);
    }
    x86g_flags_out(g, CF | OF, SF | ZF | AF | PF);
    return true;
}

/* DIV/IDIV (F6/F7 /6 /7): may raise #DE, which the test compares too. */
static bool f_div(Gen *g)
{
    int size = x86g_pick_size(g, true);
    bool rex = x86g_pick_rex(g, size);
    uint8_t opc = 0xf6 | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = 6 + x86g_rn(g, 2), .rm = x86g_rm_reg(x86g_rreg(g, size, rex)) };
    x86g_emit(g, &e);
    x86g_flags_out(g, 0, ALLF);
    return true;
}

/* Group 2: ROL ROR RCL RCR SHL SHR SAL SAR by 1, imm8 or CL. */
static bool f_shift(Gen *g)
{
    int size = x86g_pick_size(g, true), k = x86g_rn(g, 8), how = x86g_rn(g, 3);
    int bits = size * 8;
    bool rex = x86g_pick_rex(g, size);
    unsigned count = how == 0 ? 1 : how == 1 ? x86g_rn(g, 40) : 0;
    if ((k == 2 || k == 3) && !x86g_can_read(g, CF)) {
        return false;
    }
    if (how == 2 && x86g_wreg(g, 4, false) == 1) {
        return false;                              /* CL: keep its value random, not the target */
    }
    if (how == 2 && x86g_chance(g, 50)) {
        /*
         * MOV CL, imm8 first, with a count at an edge: 0 and the mask's
         * multiples (flags kept), 1, the width and the mask, above the mask
         */
        static const uint8_t edge[] = { 0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65,
                                        96, 128, 255 };
        x86g_e1(g, 0xb1);
        x86g_e1(g, edge[x86g_rn(g, sizeof(edge))]);
    }
    uint8_t opc = (how == 0 ? 0xd0 : how == 1 ? 0xc0 : 0xd2) | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = k,
              .rm = x86g_pick_rm_w(g, size, rex, true), .imm_len = how == 1, .imm = count };
    x86g_emit(g, &e);
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
        x86g_flags_out(g, 0, u);
        return true;
    }
    if (c == 0) {
        return true;
    }
    if (k < 4) {
        x86g_flags_out(g, c == 1 ? CF | OF : CF, c == 1 ? 0 : OF);
    } else {
        uint32_t u = AF | (c == 1 ? 0 : OF) | (c >= (unsigned)bits ? CF : 0);
        x86g_flags_out(g, ALLF & ~u, u);
    }
    return true;
}

/* SHLD/SHRD r/m, reg, imm8/CL (0F A4/A5/AC/AD). */
static bool f_shiftd(Gen *g)
{
    int size = 2 << x86g_rn(g, g->m64 ? 3 : 2), right = x86g_rn(g, 2), cl = x86g_rn(g, 2);
    int bits = size * 8;
    if (cl && size == 2) {
        return false;                              /* counts above 16 are undefined */
    }
    unsigned count = x86g_rn(g, bits);
    uint8_t op[2] = { 0x0f, (uint8_t)(0xa4 | right << 3 | cl) };
    Enc e = { .size = size, .op = op, .oplen = 2, .reg = x86g_rreg(g, size, true),
              .rm = x86g_pick_rm_w(g, size, true, true), .imm_len = !cl, .imm = count };
    x86g_emit(g, &e);
    if (cl) {
        x86g_flags_out(g, 0, ALLF);
    } else if (count) {
        x86g_flags_out(g, ALLF & ~(AF | (count == 1 ? 0 : OF)), AF | (count == 1 ? 0 : OF));
    }
    return true;
}

static bool f_mov(Gen *g)
{
    int size = x86g_pick_size(g, true), k = x86g_rn(g, 4);
    bool rex = x86g_pick_rex(g, size);
    if (k == 0) {                                  /* MOV r/m, r  or  r, r/m */
        int dir = x86g_rn(g, 2);
        uint8_t opc = 0x88 | dir << 1 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1 };
        if (dir) {
            e.reg = x86g_wreg(g, size, rex);
            e.rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 40) ? x86g_pick_mem(g, size, 1)
                                                                : x86g_rm_reg(x86g_rreg(g, size, rex));
        } else {
            e.reg = x86g_rreg(g, size, rex);
            e.rm = x86g_pick_rm_w(g, size, rex, true);
        }
        x86g_emit(g, &e);
    } else if (k == 1) {                           /* MOV r, imm (B0+r / B8+r, imm64 with REX.W) */
        int r = x86g_wreg(g, size, rex);
        if (size == 2) {
            x86g_e1(g, 0x66);
        }
        if (rex || r >= 8 || size == 8) {
            x86g_e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8 ? 1 : 0));
        }
        x86g_e1(g, (size == 1 ? 0xb0 : 0xb8) + (r & 7));
        x86g_en(g, x86g_rnd(g), size);
    } else if (k == 2) {                           /* MOV r/m, imm (C6/C7 /0) */
        uint8_t opc = 0xc6 | (size != 1);
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1, .reg = 0,
                  .rm = x86g_pick_rm_w(g, size, rex, true), .imm_len = x86g_imm_len_z(size), .imm = x86g_rnd(g) };
        x86g_emit(g, &e);
    } else {                                       /* MOVZX/MOVSX/MOVSXD */
        int dsize = 2 << x86g_rn(g, g->m64 ? 3 : 2);
        int v = x86g_rn(g, g->m64 && dsize == 8 ? 5 : 4);
        uint8_t op2[2] = { 0x0f, (uint8_t)(0xb6 | (v & 1) | (v & 2) << 2) };
        uint8_t op1 = 0x63;
        int ssize = v == 4 ? 4 : (v & 1) ? 2 : 1;
        if (ssize >= dsize) {
            return false;
        }
        Enc e = { .size = dsize, .op = v == 4 ? &op1 : op2, .oplen = v == 4 ? 1 : 2,
                  .reg = x86g_wreg(g, dsize, true) };
        e.force_rex = g->m64 && ssize == 1 && x86g_chance(g, 50);
        e.rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, ssize, 1)
                                                            : x86g_rm_reg(x86g_rreg(g, ssize, e.force_rex || e.reg >= 8 || dsize == 8));
        x86g_emit(g, &e);
    }
    return true;
}

/* LEA with random base, index, scale, displacement and address sizes. */
static bool f_lea(Gen *g)
{
    int size = 2 << x86g_rn(g, g->m64 ? 3 : 2), r = x86g_wreg(g, size, true);
    int base = x86g_rreg(g, 4, true) & 7, index = x86g_rreg(g, 4, true) & 7, scale = x86g_rn(g, 4);
    bool a16 = !g->m64 && x86g_chance(g, 20), a32 = g->m64 && x86g_chance(g, 20);
    int mod = x86g_rn(g, 3);
    if (size == 2) {
        x86g_e1(g, 0x66);
    }
    if (a16 || a32) {
        x86g_e1(g, 0x67);
    }
    if (g->m64) {
        x86g_e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8 ? 4 : 0) | (x86g_rn(g, 2) ? 2 : 0) | (x86g_rn(g, 2) ? 1 : 0));
    }
    x86g_e1(g, 0x8d);
    if (a16) {
        int rm = x86g_rn(g, 8);
        if (mod == 0 && rm == 6) {
            mod = 1;
        }
        x86g_e1(g, mod << 6 | (r & 7) << 3 | rm);
        x86g_en(g, x86g_rnd(g), mod == 1 ? 1 : mod == 2 ? 2 : 0);
        return true;
    }
    if (x86g_rn(g, 2)) {
        if (base == 5 && mod == 0) {
            mod = 1;
        }
        x86g_e1(g, mod << 6 | (r & 7) << 3 | 4);
        x86g_e1(g, scale << 6 | index << 3 | base);
    } else {
        int rm = x86g_rn(g, 8);
        if (rm == 4 || (rm == 5 && mod == 0)) {
            rm = 0;
        }
        x86g_e1(g, mod << 6 | (r & 7) << 3 | rm);
    }
    x86g_en(g, x86g_rnd(g), mod == 1 ? 1 : mod == 2 ? 4 : 0);
    return true;
}

static bool f_xchg(Gen *g)
{
    int size = x86g_pick_size(g, true);
    bool rex = x86g_pick_rex(g, size);
    if (size != 1 && x86g_chance(g, 30)) {              /* 90+r: xchg eAX, r (not 90 itself) */
        int r = x86g_wreg(g, size, true);
        if (r == 0 || (size == 4 && !g->m64 && r == 0)) {
            return false;
        }
        if (size == 2) {
            x86g_e1(g, 0x66);
        }
        if (g->m64 && (size == 8 || r >= 8)) {
            x86g_e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8));
        }
        x86g_e1(g, 0x90 + (r & 7));
        return true;
    }
    uint8_t opc = 0x86 | (size != 1);
    Enc e = { .size = size, .force_rex = rex && size == 1, .op = &opc, .oplen = 1,
              .reg = x86g_wreg(g, size, rex), .rm = x86g_pick_rm_w(g, size, rex, true) };
    x86g_emit(g, &e);
    return true;
}

static bool f_bswap(Gen *g)
{
    int size = g->m64 && x86g_rn(g, 2) ? 8 : 4, r = x86g_wreg(g, size, true);
    if (g->m64 && (size == 8 || r >= 8)) {
        x86g_e1(g, 0x40 | (size == 8 ? 8 : 0) | (r >= 8));
    }
    x86g_e1(g, 0x0f);
    x86g_e1(g, 0xc8 + (r & 7));
    return true;
}

/* CMOVcc (0F 40+cc) and SETcc (0F 90+cc). */
static bool f_cc(Gen *g)
{
    int cc = x86g_rn(g, 16);
    if (!x86g_can_read(g, x86g_cc_reads(cc))) {
        return false;
    }
    if (x86g_rn(g, 2)) {
        int size = 2 << x86g_rn(g, g->m64 ? 3 : 2);
        uint8_t op[2] = { 0x0f, (uint8_t)(0x40 + cc) };
        Enc e = { .size = size, .op = op, .oplen = 2, .reg = x86g_wreg(g, size, true),
                  .rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, size, 1)
                                                                     : x86g_rm_reg(x86g_rreg(g, size, true)) };
        x86g_emit(g, &e);
    } else {
        bool rex = x86g_pick_rex(g, 1);
        uint8_t op[2] = { 0x0f, (uint8_t)(0x90 + cc) };
        Enc e = { .force_rex = rex, .op = op, .oplen = 2, .reg = 0, .rm = x86g_pick_rm_w(g, 1, rex, true) };
        x86g_emit(g, &e);
    }
    return true;
}

/* BT/BTS/BTR/BTC with a register or immediate offset. */
static bool f_bt(Gen *g)
{
    int size = 2 << x86g_rn(g, g->m64 ? 3 : 2), k = x86g_rn(g, 4);
    bool imm = x86g_rn(g, 2);
    uint8_t op[2] = { 0x0f, (uint8_t)(imm ? 0xba : 0xa3 | k << 3) };
    Enc e = { .size = size, .op = op, .oplen = 2,
              .reg = imm ? 4 + k : x86g_rreg(g, size, true),
              .rm = k ? x86g_pick_rm_w(g, size, true, !imm ? false : true) : x86g_rm_reg(x86g_rreg(g, size, true)),
              .imm_len = imm, .imm = x86g_rnd(g) };
    if (e.rm.mem && k && x86g_chance(g, 40)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    x86g_emit(g, &e);
    x86g_flags_out(g, CF, OF | SF | AF | PF);
    return true;
}

/* BSF/BSR, TZCNT/LZCNT/POPCNT. */
static bool f_bitscan(Gen *g)
{
    int size = 2 << x86g_rn(g, g->m64 ? 3 : 2), k = x86g_rn(g, 5);
    static const uint8_t f3[] = { 0xf3, 0 };
    const X86HostFeatures *h = &g->cfg->host;
    if ((k == 2 && !h->bmi1) || (k == 3 && !h->lzcnt) || (k == 4 && !h->popcnt)) {
        return false;
    }
    uint8_t op[2] = { 0x0f, (uint8_t)(k == 4 ? 0xb8 : 0xbc | (k & 1)) };
    Enc e = { .pfx = k >= 2 ? f3 : NULL, .size = size, .op = op, .oplen = 2,
              .reg = x86g_wreg(g, size, true), .rm = x86g_rm_reg(x86g_rreg(g, size, true)) };
    if (k < 2) {
        /* BSF/BSR leave the destination alone for a zero source on the CPUs we know; use the
           source as destination too, so a zero source leaves a zero either way */
        e.reg = e.rm.reg = x86g_wreg(g, size, true);
    }
    x86g_emit(g, &e);
    if (k < 2) {
        x86g_flags_out(g, ZF, CF | OF | SF | AF | PF);
    } else if (k < 4) {
        x86g_flags_out(g, CF | ZF, OF | SF | AF | PF);
    } else {
        x86g_flags_out(g, ALLF, 0);
    }
    return true;
}

static bool f_misc(Gen *g)
{
    switch (x86g_rn(g, 8)) {
    case 0: {                                      /* CBW/CWDE/CDQE, CWD/CDQ/CQO */
        int size = 2 << x86g_rn(g, g->m64 ? 3 : 2);
        if (size == 2) {
            x86g_e1(g, 0x66);
        }
        if (size == 8) {
            x86g_e1(g, 0x48);
        }
        x86g_e1(g, 0x98 + x86g_rn(g, 2));
        return true;
    }
    case 1:                                        /* CLC / STC */
        x86g_e1(g, 0xf8 + x86g_rn(g, 2));
        x86g_flags_out(g, CF, 0);
        return true;
    case 2:                                        /* CMC */
        if (!x86g_can_read(g, CF)) {
            return false;
        }
        x86g_e1(g, 0xf5);
        return true;
    case 3:                                        /* LAHF */
        if (!x86g_can_read(g, SF | ZF | AF | PF | CF)) {
            return false;
        }
        x86g_e1(g, 0x9f);
        return true;
    case 4:                                        /* SAHF */
        x86g_e1(g, 0x9e);
        x86g_flags_out(g, SF | ZF | AF | PF | CF, 0);
        return true;
    case 5: {                                      /* XADD / CMPXCHG */
        int size = x86g_pick_size(g, true);
        bool rex = x86g_pick_rex(g, size);
        uint8_t op[2] = { 0x0f, (uint8_t)((x86g_rn(g, 2) ? 0xc0 : 0xb0) | (size != 1)) };
        Enc e = { .size = size, .force_rex = rex && size == 1, .op = op, .oplen = 2,
                  .reg = x86g_wreg(g, size, rex), .rm = x86g_pick_rm_w(g, size, rex, true) };
        if (e.rm.mem && x86g_chance(g, 50)) {
            static const uint8_t lock[] = { 0xf0, 0 };
            e.pfx = lock;
        }
        x86g_emit(g, &e);
        x86g_flags_out(g, ALLF, 0);
        return true;
    }
    case 6: {                                      /* ADCX / ADOX */
        if (!g->cfg->host.adx) {
            return false;
        }
        bool ox = x86g_rn(g, 2);
        if (!x86g_can_read(g, ox ? OF : CF)) {
            return false;
        }
        static const uint8_t p66[] = { 0x66, 0 }, pf3[] = { 0xf3, 0 };
        static const uint8_t op[3] = { 0x0f, 0x38, 0xf6 };
        int size = g->m64 && x86g_rn(g, 2) ? 8 : 4;
        Enc e = { .pfx = ox ? pf3 : p66, .size = size == 8 ? 8 : 0, .op = op, .oplen = 3,
                  .reg = x86g_wreg(g, 4, true), .rm = x86g_rm_reg(x86g_rreg(g, 4, true)) };
        x86g_emit(g, &e);
        x86g_flags_out(g, ox ? OF : CF, 0);
        return true;
    }
    default: {                                     /* CRC32 */
        if (!g->cfg->host.sse42) {
            return false;
        }
        static const uint8_t pf2[] = { 0xf2, 0 };
        int ssize = x86g_pick_size(g, true);
        uint8_t op[3] = { 0x0f, 0x38, (uint8_t)(ssize == 1 ? 0xf0 : 0xf1) };
        Enc e = { .pfx = pf2, .size = ssize == 1 ? (g->m64 && x86g_rn(g, 2) ? 8 : 0) : ssize,
                  .op = op, .oplen = 3, .reg = x86g_wreg(g, 4, true),
                  .rm = x86g_rm_reg(x86g_rreg(g, ssize, g->m64)) };
        e.force_rex = g->m64 && ssize == 1;
        if (ssize == 2) {
            /* 66 comes before F2 in the usual order; both orders decode the same */
            e.size = 2;
        }
        x86g_emit(g, &e);
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
    switch (x86g_rn(g, 6)) {
    case 0: case 1:                                /* DAA / DAS */
        if (!x86g_can_read(g, AF | CF)) {
            return false;
        }
        x86g_e1(g, x86g_rn(g, 2) ? 0x27 : 0x2f);
        x86g_flags_out(g, CF | AF | SF | ZF | PF, OF);
        return true;
    case 2: case 3:                                /* AAA / AAS */
        if (!x86g_can_read(g, AF)) {
            return false;
        }
        x86g_e1(g, x86g_rn(g, 2) ? 0x37 : 0x3f);
        x86g_flags_out(g, CF | AF, OF | SF | ZF | PF);
        return true;
    case 4:                                        /* AAM ib (ib != 0) */
        x86g_e1(g, 0xd4);
        x86g_e1(g, 1 + x86g_rn(g, 255));
        x86g_flags_out(g, SF | ZF | PF, OF | AF | CF);
        return true;
    default:                                       /* AAD ib */
        x86g_e1(g, 0xd5);
        x86g_e1(g, x86g_rn(g, 256));
        x86g_flags_out(g, SF | ZF | PF, OF | AF | CF);
        return true;
    }
}

/* 32-bit code: INTO (#OF when OF is set), BOUND (#BR out of range), ENTER with a nesting level. */
static bool f_legacy32(Gen *g)
{
    if (g->m64) {
        return false;
    }
    switch (x86g_rn(g, 3)) {
    case 0:
        if (!x86g_can_read(g, OF) || !(g->cfg->kinds & X86G_FAULT)) {
            return false;
        }
        x86g_e1(g, 0xce);
        return true;
    case 1: {
        if (!(g->cfg->kinds & X86G_FAULT)) {
            return false;
        }
        int size = x86g_rn(g, 2) ? 4 : 2;
        Enc e = { .size = size, .op = (const uint8_t *)"\x62", .oplen = 1, .reg = x86g_rreg(g, 4, false),
                  .rm = x86g_pick_mem(g, 2 * size, 1) };
        x86g_emit(g, &e);
        return true;
    }
    default: {                                     /* enter imm16, level (and sometimes leave) */
        int level = x86g_rn(g, 5);
        if (level >= 2) {
            /* the copied frame pointers are read below EBP: keep them in the stack window */
            x86g_e1(g, 0x89);
            x86g_e1(g, 0xe5);                           /* mov ebp, esp */
        }
        x86g_e1(g, 0xc8);
        x86g_en(g, x86g_rn(g, 64), 2);
        x86g_e1(g, level);
        if (x86g_rn(g, 2)) {
            x86g_e1(g, 0xc9);
        }
        return true;
    }
    }
}

/* 32-bit code: SALC (AL = CF ? FF : 00) and ARPL r/m16, r16 (ZF only). */
static bool f_compat32(Gen *g)
{
    if (g->m64) {
        return false;
    }
    if (x86g_rn(g, 2)) {
        if (!x86g_can_read(g, CF)) {
            return false;
        }
        x86g_e1(g, 0xd6);
        return true;
    }
    Enc e = { .op = (const uint8_t *)"\x63", .oplen = 1, .reg = x86g_rreg(g, 2, false),
              .rm = x86g_pick_rm_w(g, 2, false, true) };
    x86g_emit(g, &e);
    x86g_flags_out(g, ZF, 0);
    return true;
}

/* PUSHA pushes EAX ECX EDX EBX ESP EBP ESI EDI: EBX is the fourth. */
#define R_EBX_SLOT 3

/* PUSH/POP of registers and immediates; PUSHF and a controlled POPF; PUSHA/POPA. */
static bool f_stack(Gen *g)
{
    switch (x86g_rn(g, 6)) {
    case 0: {
        int r = x86g_rreg(g, 8, true);
        if (g->m64 && r >= 8) {
            x86g_e1(g, 0x41);
        }
        x86g_e1(g, 0x50 + (r & 7));
        return true;
    }
    case 1: {
        int r = x86g_wreg(g, 8, true);
        if (g->m64 && r >= 8) {
            x86g_e1(g, 0x41);
        }
        x86g_e1(g, 0x58 + (r & 7));
        return true;
    }
    case 2:
        if (x86g_rn(g, 2)) {
            x86g_e1(g, 0x6a);
            x86g_e1(g, x86g_rnd(g));
        } else {
            x86g_e1(g, 0x68);
            x86g_en(g, x86g_rnd(g), 4);
        }
        return true;
    case 3:                                        /* PUSHF */
        if (g->undef) {
            return false;
        }
        x86g_e1(g, 0x9c);
        return true;
    case 4:                                        /* PUSHA; POPA (32-bit code), registers shuffled */
        if (g->m64) {
            return false;
        }
        if (x86g_rn(g, 2)) {
            x86g_e1(g, 0x60);                           /* pusha: the stack holds all eight */
            return true;
        }
        /* eight pushes, then POPA: EBX gets its own value back, ESP's slot is skipped */
        for (int i = 0; i < 8; i++) {
            if (i == R_EBX_SLOT) {
                x86g_e1(g, 0x53);
            } else {
                x86g_e1(g, 0x68);
                x86g_en(g, x86g_rnd(g), 4);
            }
        }
        x86g_e1(g, 0x61);
        return true;
    default:                                       /* PUSH imm32 with arithmetic flags and DF; POPF */
        x86g_e1(g, 0x68);
        x86g_en(g, (x86g_rnd(g) & (ALLF | 0x400)) | 0x202, 4);
        x86g_e1(g, 0x9d);
        x86g_flags_out(g, ALLF, 0);
        return true;
    }
}

/* String instructions with their registers set up: ESI/EDI into DATA, a small ECX. */
static bool f_string(Gen *g)
{
    int size = x86g_pick_size(g, true);
    int op = x86g_rn(g, 5);                             /* movs cmps stos lods scas */
    static const uint8_t base[5] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae };
    bool df = x86g_rn(g, 4) == 0;
    unsigned n = x86g_rn(g, 12);
    uint32_t src = X86T_DATA + 256 + x86g_rn(g, 1024), dst = X86T_DATA + 1536 + x86g_rn(g, 1024);
    if (df) {
        src += 512;
        dst += 512;
    }
    x86g_e1(g, 0xbe);                                   /* mov esi, src */
    x86g_en(g, src, 4);
    x86g_e1(g, 0xbf);                                   /* mov edi, dst */
    x86g_en(g, dst, 4);
    x86g_e1(g, 0xb9);                                   /* mov ecx, n */
    x86g_en(g, n, 4);
    x86g_e1(g, df ? 0xfd : 0xfc);                       /* std / cld */
    int rep = x86g_rn(g, 3);                            /* none, REP/REPE, REPNE */
    if (rep) {
        x86g_e1(g, rep == 1 ? 0xf3 : 0xf2);
    }
    if (size == 2) {
        x86g_e1(g, 0x66);
    }
    if (size == 8) {
        x86g_e1(g, 0x48);
    }
    x86g_e1(g, base[op] | (size != 1));
    x86g_e1(g, 0xfc);                                   /* cld */
    if (op == 1 || op == 4) {
        if (rep && n == 0) {
            /* no iteration: flags unchanged */
        } else {
            x86g_flags_out(g, ALLF, 0);
        }
    }
    return true;
}

/* CMPXCHG8B/16B on memory (16B needs 16-byte alignment). */
static bool f_cmpxchg8b(Gen *g)
{
    bool q = g->m64 && x86g_rn(g, 2);
    static const uint8_t op[2] = { 0x0f, 0xc7 };
    Enc e = { .size = q ? 8 : 0, .op = op, .oplen = 2, .reg = 1, .rm = x86g_pick_mem(g, q ? 16 : 8, q ? 16 : 1) };
    if (x86g_chance(g, 50)) {
        static const uint8_t lock[] = { 0xf0, 0 };
        e.pfx = lock;
    }
    x86g_emit(g, &e);
    x86g_flags_out(g, ZF, 0);
    return true;
}

/* MOVBE load or store. */
static bool f_movbe(Gen *g)
{
    if (!g->cfg->host.movbe) {
        return false;
    }
    int size = 2 << x86g_rn(g, g->m64 ? 3 : 2), st = x86g_rn(g, 2);
    uint8_t op[3] = { 0x0f, 0x38, (uint8_t)(0xf0 | st) };
    Enc e = { .size = size, .op = op, .oplen = 3, .reg = st ? x86g_rreg(g, size, true) : x86g_wreg(g, size, true),
              .rm = x86g_pick_mem(g, size, 1) };
    x86g_emit(g, &e);
    return true;
}

/* XLAT: AL = [rbx + AL]. */
static bool f_xlat(Gen *g)
{
    x86g_e1(g, 0xd7);
    return true;
}

/* Encodings that must raise #UD: LOCK on a register operand or a non-lockable instruction, UD2. */
static bool f_undef(Gen *g)
{
    switch (x86g_rn(g, 4)) {
    case 0:                                        /* lock add reg, reg */
        x86g_e1(g, 0xf0);
        x86g_e1(g, 0x01);
        x86g_e1(g, 0xc0 | x86g_rn(g, 64));
        return true;
    case 1:                                        /* lock mov [rbx+8], eax */
        x86g_e1(g, 0xf0);
        x86g_e1(g, 0x89);
        x86g_e1(g, 0x43);
        x86g_e1(g, 8);
        return true;
    case 2:                                        /* ud2 */
        x86g_e1(g, 0x0f);
        x86g_e1(g, 0x0b);
        return true;
    default:                                       /* lock nop */
        x86g_e1(g, 0xf0);
        x86g_e1(g, 0x90);
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
    int k = x86g_rn(g, n);
    if ((rows[k].feat == 1 && !g->cfg->host.bmi1) || (rows[k].feat == 2 && !g->cfg->host.bmi2)) {
        return false;
    }
    bool w = g->m64 && x86g_rn(g, 2);
    int size = w ? 8 : 4;
    int reg, vvvv;
    RM rm;
    switch (rows[k].kind) {
    case 1:                                        /* B is the destination, reg is /digit */
        reg = rows[k].digit;
        vvvv = x86g_wreg(g, size, true);
        break;
    case 4:                                        /* mulx writes Gy and By */
        reg = x86g_wreg(g, size, true);
        vvvv = x86g_wreg(g, size, true);
        break;
    case 7:                                        /* rorx: vvvv unused, must be 1111b */
        reg = x86g_wreg(g, size, true);
        vvvv = 0;
        break;
    default:
        reg = x86g_wreg(g, size, true);
        vvvv = x86g_rreg(g, size, true);
        break;
    }
    if (x86g_chance(g, 2)) {
        vvvv ^= 1 + x86g_rn(g, 15);                     /* sometimes a wrong register or a #UD */
        if (rows[k].kind == 1 || rows[k].kind == 4) {
            vvvv = x86g_wreg(g, size, true);
        }
    }
    rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, size, 1)
                                                     : x86g_rm_reg(x86g_rreg(g, size, true));
    x86g_e1(g, 0xc4);
    x86g_e1(g, (reg >= 8 ? 0 : 0x80) | 0x40 | ((!rm.mem && rm.reg >= 8) ? 0 : 0x20) | rows[k].map);
    x86g_e1(g, (w ? 0x80 : 0) | (~vvvv & 15) << 3 | rows[k].pp);
    if (!g->m64) {
        /* 32-bit code: R, X, B and the top bit of vvvv must be 1 */
        g->p[-2] |= 0xe0;
        g->p[-1] |= 0x40;
    }
    Enc e = { .op = &rows[k].op, .oplen = 1, .reg = reg & 7, .rm = rm,
              .imm_len = rows[k].kind == 7, .imm = x86g_rnd(g) };
    if (!rm.mem) {
        e.rm.reg &= 7;
    }
    x86g_emit(g, &e);
    switch (rows[k].kind) {
    case 0: x86g_flags_out(g, SF | ZF | OF | CF, AF | PF); break;
    case 1: case 2: x86g_flags_out(g, SF | ZF | OF | CF, AF | PF); break;
    case 5: x86g_flags_out(g, ZF | OF | CF, AF | SF | PF); break;
    default: break;
    }
    return true;
}

/* ---- the sequence --------------------------------------------------------------------------- */

/* ---- far transfers and far-pointer loads (X86G_FAR) --------------------------------------- */

/* Linux x86-64's user selectors (the host's GDT): 32-bit code, data, 64-bit code. */
#define SEL_CS32 0x23
#define SEL_DS 0x2b
#define SEL_CS64 0x33

/* A slot for a far pointer in DATA: its displacement from rbx (16-byte aligned, 16 bytes). */
static int32_t far_slot(Gen *g)
{
    return -128 + 16 * (int32_t)x86g_rn(g, (X86T_DATA_SIZE - 32) / 16);
}

/* mov dword [rbx + d], v  /  mov word [rbx + d], v (the same bytes in both modes) */
static void far_st32(Gen *g, int32_t d, uint32_t v)
{
    x86g_e1(g, 0xc7);
    x86g_e1(g, 0x83);
    x86g_en(g, (uint32_t)d, 4);
    x86g_en(g, v, 4);
}

static void far_st16(Gen *g, int32_t d, uint16_t v)
{
    x86g_e1(g, 0x66);
    x86g_e1(g, 0xc7);
    x86g_e1(g, 0x83);
    x86g_en(g, (uint32_t)d, 4);
    x86g_en(g, v, 2);
}

/* A register the gadgets may write: eax..edi but ebx and esp (no REX in either mode). */
static int far_reg(Gen *g)
{
    static const int r[] = { 0, 1, 2, 5, 6, 7 };
    return r[x86g_rn(g, 6)];
}

/*
 * 64-bit Linux processes run with DS = 0, which compatibility mode cannot
 * use: load the data selector first (mov ds, [rbx + d]), as real code does.
 */
static void far_load_ds(Gen *g, int32_t d)
{
    if (g->m64) {
        far_st16(g, d, SEL_DS);
        x86g_e1(g, 0x8e);
        x86g_e1(g, 0x9b);
        x86g_en(g, (uint32_t)d, 4);
    }
}

/* [rbx + disp32] with ModRM.reg = reg after the opcode bytes already emitted */
static void far_modrm(Gen *g, int reg, int32_t d)
{
    x86g_e1(g, 0x80 | reg << 3 | 3);
    x86g_en(g, (uint32_t)d, 4);
}

static uint32_t far_addr(Gen *g, const uint8_t *p)
{
    return (uint32_t)(X86T_CODE + (p - g->code0));
}

/*
 * Code run in the other mode (64 = it is 64-bit code): mov r32, imm32 (the
 * same in both), 48 90 (REX.W NOP in 64-bit code, DEC EAX; NOP in 32-bit
 * code: the register says which mode ran it) and MOV r32, CS.
 */
static void far_body(Gen *g, bool is64)
{
    int r = far_reg(g);
    x86g_e1(g, 0xb8 + r);
    x86g_en(g, x86g_rnd(g), 4);
    x86g_e1(g, 0x48);
    x86g_e1(g, 0x90);
    if (!is64) {
        x86g_flags_out(g, ALLF & ~CF, 0);
    }
    r = far_reg(g);
    x86g_e1(g, 0x8c);
    x86g_e1(g, 0xc8 + r);
}

/*
 * Switches between the 64-bit and the compatibility-mode code segment and
 * back: far CALL through memory + RETF (with or without an immediate), far
 * JMP through memory both ways, direct CALL/JMP ptr16:32 (32-bit code),
 * IRETQ to compatibility mode, IRETD in 32-bit code; far-pointer loads of
 * the selectors the host has (LSS of the current stack, LGS/LES/LDS with
 * the data selector, LGS with null), and now and then a far transfer or
 * load with a selector the host refuses (#GP), ending the sequence.
 */
static bool f_far(Gen *g)
{
    bool m64 = g->m64;
    uint16_t other = m64 ? SEL_CS32 : SEL_CS64, mine = m64 ? SEL_CS64 : SEL_CS32;
    int32_t d = far_slot(g);
    switch (x86g_rn(g, 9)) {
    case 0: case 1: {                               /* CALL m16:32 to the other mode, RETF (imm) */
        bool imm = x86g_rn(g, 2);
        if (imm) {
            x86g_e1(g, 0x6a);                           /* push imm8 (8 bytes here, 4 in 32-bit) */
            x86g_e1(g, x86g_rnd(g));
            if (!m64) {
                x86g_e1(g, 0x6a);
                x86g_e1(g, x86g_rnd(g));
            }
        }
        far_load_ds(g, d);
        uint8_t *off = g->p + 6;
        far_st32(g, d, 0);
        far_st16(g, d + 4, other);
        x86g_e1(g, 0xff);
        far_modrm(g, 3, d);
        x86g_e1(g, 0xeb);
        uint8_t *jlen = g->p;
        x86g_e1(g, 0);
        uint32_t t = far_addr(g, g->p);
        memcpy(off, &t, 4);
        far_body(g, !m64);
        if (imm) {
            x86g_e1(g, 0xca);
            x86g_en(g, 8, 2);
        } else {
            x86g_e1(g, 0xcb);
        }
        *jlen = (uint8_t)(g->p - jlen - 1);
        return true;
    }
    case 2: {                                       /* JMP m16:32 there, JMP m16:32 back */
        far_load_ds(g, d);
        uint8_t *off1 = g->p + 6;
        far_st32(g, d, 0);
        far_st16(g, d + 4, other);
        uint8_t *off2 = g->p + 6;
        far_st32(g, d + 8, 0);
        far_st16(g, d + 12, mine);
        x86g_e1(g, 0xff);
        far_modrm(g, 5, d);
        uint32_t t = far_addr(g, g->p);
        memcpy(off1, &t, 4);
        far_body(g, !m64);
        x86g_e1(g, 0xff);
        far_modrm(g, 5, d + 8);
        t = far_addr(g, g->p);
        memcpy(off2, &t, 4);
        return true;
    }
    case 3: {                                       /* 32-bit: CALL ptr16:32 / JMP ptr16:32 there */
        if (m64) {
            return false;
        }
        bool call = x86g_rn(g, 2);
        x86g_e1(g, call ? 0x9a : 0xea);
        uint8_t *off = g->p;
        x86g_en(g, 0, 4);
        x86g_en(g, SEL_CS64, 2);
        uint8_t *jlen = NULL;
        if (call) {
            x86g_e1(g, 0xeb);
            jlen = g->p;
            x86g_e1(g, 0);
        }
        uint32_t t = far_addr(g, g->p);
        memcpy(off, &t, 4);
        far_body(g, true);
        if (call) {
            x86g_e1(g, 0xcb);                           /* retf: 32-bit operands, as pushed */
            *jlen = (uint8_t)(g->p - jlen - 1);
        } else {
            /* back with push cs; push rip (8 bytes each in 64-bit code); retfq */
            x86g_e1(g, 0x6a);
            x86g_e1(g, SEL_CS32);
            x86g_e1(g, 0x68);
            uint8_t *back = g->p;
            x86g_en(g, 0, 4);
            x86g_e1(g, 0x48);
            x86g_e1(g, 0xcb);
            t = far_addr(g, g->p);
            memcpy(back, &t, 4);
        }
        return true;
    }
    case 4: {                                       /* IRET (64: IRETQ to compatibility mode) */
        uint32_t fl = (x86g_rnd(g) & (ALLF | 0x400)) | 0x202;
        far_load_ds(g, d);
        if (m64) {
            x86g_e1(g, 0x6a);
            x86g_e1(g, SEL_DS);                         /* ss */
            x86g_e1(g, 0x54);                           /* rsp (as it is now) */
        }
        x86g_e1(g, 0x68);
        x86g_en(g, fl, 4);                              /* rflags */
        x86g_e1(g, 0x6a);
        x86g_e1(g, SEL_CS32);                           /* cs */
        x86g_e1(g, 0x68);
        uint8_t *off = g->p;
        x86g_en(g, 0, 4);                               /* rip */
        if (m64) {
            x86g_e1(g, 0x48);
        }
        x86g_e1(g, 0xcf);
        uint32_t t = far_addr(g, g->p);
        memcpy(off, &t, 4);
        x86g_flags_out(g, ALLF, 0);
        if (m64) {
            /* in compatibility mode now: back with push cs; push eip; retf */
            far_body(g, false);
            x86g_e1(g, 0x6a);
            x86g_e1(g, SEL_CS64);
            x86g_e1(g, 0x68);
            uint8_t *back = g->p;
            x86g_en(g, 0, 4);
            x86g_e1(g, 0xcb);
            t = far_addr(g, g->p);
            memcpy(back, &t, 4);
        }
        return true;
    }
    case 5: {                                       /* LSS esp, [the current stack pointer : ds] */
        x86g_e1(g, 0x89);
        far_modrm(g, 4, d);                             /* mov [rbx + d], esp */
        far_st16(g, d + 4, SEL_DS);
        x86g_e1(g, 0x0f);
        x86g_e1(g, 0xb2);
        far_modrm(g, 4, d);
        return true;
    }
    case 6: case 7: {                               /* LGS (LES/LDS in 32-bit code) r32, m16:32 */
        int r = far_reg(g);
        int kind = m64 ? 0 : x86g_rn(g, 3);
        uint16_t sel = kind == 0 && x86g_rn(g, 3) == 0 ? 0 : (x86g_rn(g, 2) ? SEL_DS : SEL_DS & ~3);
        far_st32(g, d, x86g_rnd(g));
        far_st16(g, d + 4, sel);
        if (kind == 0) {
            x86g_e1(g, 0x0f);
            x86g_e1(g, 0xb5);
        } else {
            x86g_e1(g, kind == 1 ? 0xc4 : 0xc5);
        }
        far_modrm(g, r, d);
        r = far_reg(g);
        x86g_e1(g, 0x8c);                               /* mov r32, the segment register */
        x86g_e1(g, 0xc0 | (kind == 0 ? 5 : kind == 1 ? 0 : 3) << 3 | r);
        return true;
    }
    default: {                                      /* a selector the host refuses: #GP */
        if (!x86g_chance(g, (g->cfg->kinds & X86G_FAULT) ? 30 : 10)) {
            return false;
        }
        static const uint16_t bad[] = { 0x10, 0x18, 0x07, 0x2b, 0x08 };
        uint16_t sel = bad[x86g_rn(g, 5)];
        far_st32(g, d, X86T_EPILOGUE);
        far_st16(g, d + 4, sel);
        if (sel == SEL_DS) {
            x86g_e1(g, 0xff);                           /* jmp far to a data segment */
            far_modrm(g, 5, d);
        } else {
            x86g_e1(g, 0x0f);                           /* lgs with a kernel / LDT selector */
            x86g_e1(g, 0xb5);
            far_modrm(g, far_reg(g), d);
        }
        return true;
    }
    }
}

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
    { f_bcd, X86G_REG, 2 }, { f_compat32, X86G_REG, 1 }, { f_bmi, X86G_REG, 3 }, { f_legacy32, X86G_MEM, 1 }, { f_stack, X86G_MEM, 3 }, { f_string, X86G_MEM, 2 },
    { f_cmpxchg8b, X86G_MEM, 1 }, { f_movbe, X86G_MEM, 1 }, { f_xlat, X86G_MEM, 1 },
    { f_div, X86G_FAULT, 1 }, { x86g_f_sse, X86G_SSE, 12 }, { x86g_f_sse_move, X86G_SSE, 6 },
    { x86g_f_mxcsr, X86G_SSE, 1 }, { x86g_f_x87, X86G_X87, 12 }, { x86g_f_mmx, X86G_MMX, 8 },
    { x86g_f_avx, X86G_AVX, 30 }, { f_far, X86G_FAR, 8 },
};

/* A forward conditional jump over the next instruction (a flag reader that changes the path). */
static bool gen_jcc_over(Gen *g, Form next)
{
    int cc = x86g_rn(g, 16);
    if (!x86g_can_read(g, x86g_cc_reads(cc))) {
        return false;
    }
    uint8_t *jcc = g->p;
    x86g_e1(g, 0x70 + cc);
    x86g_e1(g, 0);
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
    unsigned n = 1 + x86g_rn(&g, cfg->max_insns);
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        if (forms[i].kinds & cfg->kinds) {
            total += forms[i].weight;
        }
    }
    x86g_rnd(&g);
    seq->ninsns = 0;
    while (seq->ninsns < n && seq->ninsns < 500) {
        unsigned w = x86g_rn(&g, total);
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
        if ((cfg->kinds & X86G_FLAGS) && f->fn != f_string && f->fn != x86g_f_x87 && f->fn != x86g_f_mmx &&
            x86g_chance(&g, 8)) {
            ok = gen_jcc_over(&g, f->fn);
        } else {
            ok = f->fn(&g);
        }
        if (ok) {
            seq->ninsns++;
        }
    }
    if ((cfg->kinds & X86G_FAULT) && x86g_chance(&g, 3)) {
        seq->insn_off[seq->ninsns++] = g.p - seq->code;
        f_undef(&g);
    }
    /* jmp rel32 to the epilogue */
    seq->insn_off[seq->ninsns] = g.p - seq->code;
    x86g_e1(&g, 0xe9);
    int32_t rel = (int32_t)(X86T_EPILOGUE - (X86T_CODE + (g.p - seq->code) + 4));
    x86g_en(&g, (uint32_t)rel, 4);
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
    switch (x86g_rn(g, 4)) {
    case 0: return special[x86g_rn(g, 16)];
    case 1: {                                      /* a modest number: small exponent range */
        return (x86g_rnd(g) & 0x807fffff) | (uint32_t)(120 + x86g_rn(g, 16)) << 23;
    }
    default: return (uint32_t)x86g_rnd(g);
    }
}

static uint64_t fp64_pattern(Gen *g)
{
    static const uint64_t special[] = {
        0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x7ff0000000000000ull,
        0xfff8000000000000ull, 0x7ff4000000000001ull, 0x0000000000000001ull,
        0x41e0000000000000ull, 0xc3e0000000000000ull, 0x3ff8000000000000ull,
    };
    switch (x86g_rn(g, 4)) {
    case 0: return special[x86g_rn(g, 10)];
    case 1: return (x86g_rnd(g) & 0x800fffffffffffffull) | (uint64_t)(1010 + x86g_rn(g, 30)) << 52;
    default: return x86g_rnd(g);
    }
}

void x86_gen_state(X86State *st, uint8_t *data, bool mode64, uint64_t seed)
{
    Gen g = { .rng = seed * 0xd1b54a32d192ed03ull + 7, .m64 = mode64 };
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 16; i++) {
        uint64_t v = x86g_rnd(&g);
        switch (x86g_rn(&g, 6)) {
        case 0: v = 0; break;
        case 1: v = x86g_rn(&g, 64); break;
        case 2: v = -(uint64_t)x86g_rn(&g, 4); break;
        case 3: v = v & 0xffffffffull; break;
        default: break;
        }
        st->regs[i] = mode64 ? v : (uint32_t)v;
    }
    st->regs[4] = X86T_STACK_START;
    st->regs[3] = RBX_VALUE;
    st->rflags = 0x202 | (x86g_rnd(&g) & ALLF);
    st->mxcsr = 0x1f80;
    for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 4; j += (j & 1) + 1) {
            if (x86g_rn(&g, 2)) {
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
        st->mm[i] = x86g_rn(&g, 2) ? x86g_rnd(&g) : fp64_pattern(&g);
    }
    for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 16; j += 8) {
            uint64_t v = x86g_rn(&g, 2) ? fp64_pattern(&g)
                                        : ((uint64_t)fp32_pattern(&g) << 32 | fp32_pattern(&g));
            memcpy(st->ymmh[i] + j, &v, 8);
        }
    }
    for (int i = 0; i < X86T_DATA_SIZE; i += 8) {
        uint64_t v = x86g_rn(&g, 3) == 0 ? fp64_pattern(&g)
                                    : ((uint64_t)fp32_pattern(&g) << 32 | fp32_pattern(&g));
        if (x86g_rn(&g, 4) == 0) {
            v = x86g_rnd(&g);
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
        f->fma = c & (1u << 12);
        f->f16c = c & (1u << 29);
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        f->bmi1 = b & (1u << 3);
        f->bmi2 = b & (1u << 8);
        f->adx = b & (1u << 19);
        f->sha = b & (1u << 29);
        f->avx2 = (b & (1u << 5)) && x86_native_avx();
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        f->lzcnt = c & (1u << 5);
    }
}
