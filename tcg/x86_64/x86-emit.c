/*
 * x86-emit.c — the x86-64 instruction encoder of the back end: prefixes,
 * REX, ModRM/SIB/displacement, VEX for the BMI instructions, and the few
 * composite forms every op needs (moves, immediates, loads and stores,
 * jumps to labels, calls, the epilogue).  Facts from the Intel SDM vol. 2,
 * chapter 2 (instruction format) and the opcode tables of its appendix A.
 *
 * Writes at x86_code.ptr without bounds checks: the caller (gen_code) keeps
 * a safety margin larger than any single op's code.
 */
#include "x86-internal.h"

#include <assert.h>
#include <stdlib.h>

__thread X86Code x86_code;

static void emit_prefixes(X86Opc opc, int r, int x, int b, bool b_is_reg)
{
    if (opc & X86_66) {
        x86_put8(0x66);
    }
    if (opc & X86_F3) {
        x86_put8(0xf3);
    }
    if (opc & X86_F2) {
        x86_put8(0xf2);
    }
    int rex = (opc & X86_W ? 8 : 0) | (r >= 0 && (r & 8) ? 4 : 0) |
              (x >= 0 && (x & 8) ? 2 : 0) | (b >= 0 && (b & 8) ? 1 : 0);
    /* byte registers 4..7 are spl..dil only with some REX prefix */
    bool byte_rex = (opc & X86_B8) && ((r >= 4 && r < 8) || (b_is_reg && b >= 4 && b < 8));
    if (rex || byte_rex) {
        x86_put8(0x40 | rex);
    }
    if (opc & (X86_0F | X86_0F38 | X86_0F3A)) {
        x86_put8(0x0f);
        if (opc & X86_0F38) {
            x86_put8(0x38);
        } else if (opc & X86_0F3A) {
            x86_put8(0x3a);
        }
    }
    x86_put8(opc & 0xff);
}

void x86_rr(X86Opc opc, int r, int rm)
{
    emit_prefixes(opc, r, -1, rm, true);
    x86_put8(0xc0 | (r & 7) << 3 | (rm & 7));
}

void x86_rm(X86Opc opc, int r, int base, int index, intptr_t disp)
{
    assert(x86_fits_s32(disp));
    assert(index != X86_RSP);
    emit_prefixes(opc, r, index, base, false);
    int reg = (r & 7) << 3;

    if (base < 0) {
        /* no base: SIB with base 101 and mod 00 means disp32 only */
        x86_put8(0x04 | reg);
        x86_put8(((index < 0 ? 4 : index) & 7) << 3 | 5);
        x86_put32(disp);
        return;
    }
    int mod;
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0x00;
    } else if (x86_fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index >= 0 || (base & 7) == X86_RSP) {
        x86_put8(mod | reg | 4);
        x86_put8(((index < 0 ? 4 : index) & 7) << 3 | (base & 7));
    } else {
        x86_put8(mod | reg | (base & 7));
    }
    if (mod == 0x40) {
        x86_put8(disp);
    } else if (mod == 0x80) {
        x86_put32(disp);
    }
}

void x86_vex_rr(X86Opc opc, int r, int v, int rm)
{
    int map = opc & X86_0F3A ? 3 : 2;
    int pp = opc & X86_66 ? 1 : opc & X86_F3 ? 2 : opc & X86_F2 ? 3 : 0;

    x86_put8(0xc4);
    x86_put8((r & 8 ? 0 : 0x80) | 0x40 | (rm & 8 ? 0 : 0x20) | map);
    x86_put8((opc & X86_W ? 0x80 : 0) | (~v & 15) << 3 | pp);
    x86_put8(opc & 0xff);
    x86_put8(0xc0 | (r & 7) << 3 | (rm & 7));
}

void x86_mov_rr(TCGType type, int dst, int src)
{
    if (dst != src || type == TCG_TYPE_I32) {
        /* a 32-bit move also clears the high half: keep it even for dst == src */
        x86_rr(0x89 | x86_w(type), src, dst);
    }
}

void x86_movi(TCGType type, int dst, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    if (val == 0) {
        x86_rr(0x31, dst, dst);                   /* xor r32, r32 */
    } else if ((uint64_t)val <= UINT32_MAX) {
        emit_prefixes(0xb8 + (dst & 7), -1, -1, dst, true);  /* mov r32, imm32 */
        x86_put32(val);
    } else if (x86_fits_s32(val)) {
        x86_rr(0xc7 | X86_W, 0, dst);             /* mov r64, simm32 */
        x86_put32(val);
    } else {
        emit_prefixes((0xb8 + (dst & 7)) | X86_W, -1, -1, dst, true);
        x86_put64(val);
    }
}

/* Address base + disp where disp does not fit 32 bits: through X86_TMP. */
static int far_base(int base, intptr_t *disp)
{
    if (x86_fits_s32(*disp)) {
        return base;
    }
    x86_movi(TCG_TYPE_I64, X86_TMP, *disp);
    x86_rr(0x01 | X86_W, base, X86_TMP);          /* add tmp, base */
    *disp = 0;
    return X86_TMP;
}

void x86_ld(TCGType type, int dst, int base, intptr_t disp)
{
    base = far_base(base, &disp);
    x86_rm(0x8b | x86_w(type), dst, base, -1, disp);
}

void x86_st(TCGType type, int src, int base, intptr_t disp)
{
    base = far_base(base, &disp);
    x86_rm(0x89 | x86_w(type), src, base, -1, disp);
}

void x86_alu_rr(TCGType type, int alu, int dst, int src)
{
    x86_rr((alu << 3 | 1) | x86_w(type), src, dst);
}

void x86_alu_ri(TCGType type, int alu, int dst, int64_t imm)
{
    if (type == TCG_TYPE_I32) {
        imm = (int32_t)imm;
    }
    assert(x86_fits_s32(imm));
    if (x86_fits_s8(imm)) {
        x86_rr(0x83 | x86_w(type), alu, dst);
        x86_put8(imm);
    } else {
        x86_rr(0x81 | x86_w(type), alu, dst);
        x86_put32(imm);
    }
}

void x86_shift_ri(TCGType type, int sh, int dst, int count)
{
    count &= type == TCG_TYPE_I32 ? 31 : 63;
    if (count == 0 && type == TCG_TYPE_I64) {
        return;
    }
    if (count == 0) {
        x86_mov_rr(TCG_TYPE_I32, dst, dst);       /* a 32-bit shift by 0 still zero-extends */
        return;
    }
    if (count == 1) {
        x86_rr(0xd1 | x86_w(type), sh, dst);
    } else {
        x86_rr(0xc1 | x86_w(type), sh, dst);
        x86_put8(count);
    }
}

void x86_jmp_label(int cc, TCGLabel *l)
{
    if (cc >= 0) {
        x86_put8(0x0f);
        x86_put8(0x80 + cc);
    } else {
        x86_put8(0xe9);
    }
    X86Code *c = &x86_code;
    if (c->nb_relocs == c->max_relocs) {
        c->max_relocs = c->max_relocs ? 2 * c->max_relocs : 64;
        c->relocs = realloc(c->relocs, c->max_relocs * sizeof(*c->relocs));
        assert(c->relocs);
    }
    c->relocs[c->nb_relocs].offset = c->ptr - c->start;
    c->relocs[c->nb_relocs].label = l;
    c->nb_relocs++;
    x86_put32(0);
}

uint8_t *x86_jmp_short(int cc)
{
    x86_put8(cc >= 0 ? 0x70 + cc : 0xeb);
    x86_put8(0);
    return x86_code.ptr - 1;
}

void x86_patch_short(uint8_t *at)
{
    intptr_t d = x86_code.ptr - (at + 1);
    assert(x86_fits_s8(d));
    *at = (uint8_t)d;
}

void x86_call(const void *func)
{
    /* relative to where the call will run, not to where it is written */
    intptr_t d = (const uint8_t *)func - (x86_code.ptr + x86_code.rx_offset + 5);
    if (x86_fits_s32(d)) {
        x86_put8(0xe8);
        x86_put32(d);
    } else {
        x86_movi(TCG_TYPE_I64, X86_TMP, (intptr_t)func);
        x86_rr(0xff, 2, X86_TMP);                 /* call *tmp */
    }
}

/* Callee-saved registers the prologue pushes, in push order. */
static const int8_t saved_regs[] = { X86_RBX, X86_RBP, X86_R12, X86_R13, X86_R14, X86_R15 };

void x86_epilogue(void)
{
    x86_rr(0x81 | X86_W, X86_ADD, X86_RSP);
    x86_put32(X86_FRAME_SIZE);
    for (int i = (int)sizeof(saved_regs) - 1; i >= 0; i--) {
        if (saved_regs[i] >= 8) {
            x86_put8(0x41);
        }
        x86_put8(0x58 + (saved_regs[i] & 7));      /* pop */
    }
    x86_put8(0xc3);                                /* ret */
}

/* The prologue: save, take env and guest_base, open the frame, jump to the TB. */
int x86_prologue_emit(void *buf, size_t size)
{
    if (size < 128) {
        return -1;
    }
    x86_code.start = x86_code.ptr = buf;
    x86_code.rx_offset = 0;
    for (size_t i = 0; i < sizeof(saved_regs); i++) {
        if (saved_regs[i] >= 8) {
            x86_put8(0x41);
        }
        x86_put8(0x50 + (saved_regs[i] & 7));      /* push */
    }
    x86_mov_rr(TCG_TYPE_I64, X86_ENV, X86_RDI);
    x86_movi(TCG_TYPE_I64, X86_GUEST_BASE, (intptr_t)&guest_base);
    x86_ld(TCG_TYPE_I64, X86_GUEST_BASE, X86_GUEST_BASE, 0);
    x86_rr(0x81 | X86_W, X86_SUB, X86_RSP);
    x86_put32(X86_FRAME_SIZE);
    x86_rr(0xff, 4, X86_RSI);                      /* jmp *rsi */
    return x86_code.ptr - x86_code.start;
}

void x86_rm_far(X86Opc opc, int r, int base, intptr_t disp)
{
    base = far_base(base, &disp);
    x86_rm(opc, r, base, -1, disp);
}
