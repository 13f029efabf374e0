/*
 * x86-gen-vec.c — the generator's SSE, x87 and MMX forms (see x86-gen.c for
 * the conventions; x86-gen-internal.h for the shared encoder).
 */
#include "x86-gen-internal.h"

#include <string.h>

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
    { 0x66, 1, 0x7d, 16 }, { 0xf2, 1, 0x7d, 16 },
    /* SSSE3 */
    { 0x66, 2, 0x00, 16, 0, 's' }, { 0x66, 2, 0x01, 16, 0, 's' }, { 0x66, 2, 0x02, 16, 0, 's' },
    { 0x66, 2, 0x04, 16, 0, 's' }, { 0x66, 2, 0x05, 16, 0, 's' }, { 0x66, 2, 0x06, 16, 0, 's' },
    { 0x66, 2, 0x08, 16, 0, 's' }, { 0x66, 2, 0x09, 16, 0, 's' }, { 0x66, 2, 0x0a, 16, 0, 's' },
    { 0x66, 2, 0x0b, 16, 0, 's' }, { 0x66, 2, 0x1c, 16, 0, 's' }, { 0x66, 2, 0x1d, 16, 0, 's' },
    { 0x66, 2, 0x1e, 16, 0, 's' }, { 0x66, 3, 0x0f, 16, 1, 's' },
    { 0x66, 2, 0x03, 16, 0, 's' }, { 0x66, 2, 0x07, 16, 0, 's' },
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
    { 0x66, 2, 0x40, 16, 0, '1' }, { 0x66, 2, 0x41, 16, 0, '1' }, { 0x66, 3, 0x42, 16, 1, '1' },
    { 0x66, 3, 0x40, 16, 1, '1' }, { 0x66, 3, 0x41, 16, 1, '1' },
    { 0x66, 3, 0x21, 4, 1, '1' },
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
    x86g_emit(g, &e);
}

static int xreg(Gen *g)
{
    return x86g_rn(g, g->m64 ? 16 : 8);
}

static RM sse_src(Gen *g, int msize)
{
    if ((g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30)) {
        return x86g_pick_mem(g, msize == 2 ? 8 : msize, msize == 16 ? 16 : 1);
    }
    return x86g_rm_reg(xreg(g));
}

bool x86g_f_sse(Gen *g)
{
    const SseOp *o = &sse_ops[x86g_rn(g, sizeof(sse_ops) / sizeof(sse_ops[0]))];
    if (!sse_feature_ok(g, o->feat)) {
        return false;
    }
    emit_sse(g, o->pfx, o->map, o->op, xreg(g), sse_src(g, o->msize), false, o->imm,
             o->op == 0xc2 ? x86g_rn(g, 8) : x86g_rnd(g) & 0xff);
    return true;
}

/* Moves and the instructions between XMM and general registers. */
bool x86g_f_sse_move(Gen *g)
{
    switch (x86g_rn(g, 13)) {
    case 0: {                                      /* movaps/movapd/movdqa/movups/movupd/movdqu loads */
        static const uint8_t pf[6] = { 0, 0x66, 0x66, 0, 0x66, 0xf3 };
        static const uint8_t op[6] = { 0x28, 0x28, 0x6f, 0x10, 0x10, 0x6f };
        int k = x86g_rn(g, 6);
        bool al = k < 3;
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 50) ? x86g_pick_mem(g, 16, al ? 16 : 1)
                                                             : x86g_rm_reg(xreg(g));
        if (rm.mem && al && g->cfg->host.sse41 && x86g_rn(g, 4) == 0) {
            emit_sse(g, 0x66, 2, 0x2a, xreg(g), rm, false, 0, 0);      /* movntdqa xmm, m128 */
            return true;
        }
        emit_sse(g, pf[k], 1, op[k], xreg(g), rm, false, 0, 0);
        return true;
    }
    case 1: {                                      /* the stores */
        if (!(g->cfg->kinds & X86G_MEM)) {
            return false;
        }
        static const uint8_t pf[6] = { 0, 0x66, 0x66, 0, 0x66, 0xf3 };
        static const uint8_t op[6] = { 0x29, 0x29, 0x7f, 0x11, 0x11, 0x7f };
        int k = x86g_rn(g, 6);
        emit_sse(g, pf[k], 1, op[k], xreg(g), x86g_pick_mem(g, 16, k < 3 ? 16 : 1), false, 0, 0);
        return true;
    }
    case 2: {                                      /* movss/movsd load, store or merge */
        bool sd = x86g_rn(g, 2), st = x86g_rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 50) ? x86g_pick_mem(g, sd ? 8 : 4, 1)
                                                             : x86g_rm_reg(xreg(g));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x10 | st, xreg(g), rm, false, 0, 0);
        return true;
    }
    case 3: {                                      /* movd/movq xmm <- r/m32/64 and back */
        bool st = x86g_rn(g, 2), q = g->m64 && x86g_rn(g, 2);
        int size = q ? 8 : 4;
        RM rm = st ? x86g_pick_rm_w(g, size, true, true)
                   : ((g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, size, 1)
                                                                   : x86g_rm_reg(x86g_rreg(g, size, true)));
        emit_sse(g, 0x66, 1, st ? 0x7e : 0x6e, xreg(g), rm, q, 0, 0);
        return true;
    }
    case 4: {                                      /* movq xmm, xmm/m64 (F3 0F 7E), movq xmm/m64, xmm (66 0F D6) */
        bool st = x86g_rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 50) ? x86g_pick_mem(g, 8, 1) : x86g_rm_reg(xreg(g));
        emit_sse(g, st ? 0x66 : 0xf3, 1, st ? 0xd6 : 0x7e, xreg(g), rm, false, 0, 0);
        return true;
    }
    case 5: {                                      /* pmovmskb / movmskps / movmskpd */
        int k = x86g_rn(g, 3);
        emit_sse(g, k == 1 ? 0 : 0x66, 1, k == 0 ? 0xd7 : 0x50, x86g_wreg(g, 4, true), x86g_rm_reg(xreg(g)),
                 false, 0, 0);
        return true;
    }
    case 6: {                                      /* cvtsi2ss/sd */
        bool sd = x86g_rn(g, 2), q = g->m64 && x86g_rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, q ? 8 : 4, 1)
                                                             : x86g_rm_reg(x86g_rreg(g, q ? 8 : 4, true));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x2a, xreg(g), rm, q, 0, 0);
        return true;
    }
    case 7: {                                      /* cvt(t)ss2si / cvt(t)sd2si */
        bool sd = x86g_rn(g, 2), q = g->m64 && x86g_rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, sd ? 8 : 4, 1)
                                                             : x86g_rm_reg(xreg(g));
        emit_sse(g, sd ? 0xf2 : 0xf3, 1, 0x2c | x86g_rn(g, 2), x86g_wreg(g, q ? 8 : 4, true), rm, q, 0, 0);
        return true;
    }
    case 12: {                                     /* pcmpestrm/i, pcmpistrm/i (SSE4.2) */
        if (!g->cfg->host.sse42) {
            return false;
        }
        bool explicit_len = x86g_rn(g, 2);
        if (explicit_len) {
            /* small lengths in eax/edx, sometimes negative or too large */
            x86g_e1(g, 0xb8);
            x86g_en(g, (uint32_t)(x86g_rn(g, 24) - 4), 4);
            x86g_e1(g, 0xba);
            x86g_en(g, (uint32_t)(x86g_rn(g, 24) - 4), 4);
        }
        emit_sse(g, 0x66, 3, 0x60 | (explicit_len ? 0 : 2) | x86g_rn(g, 2), xreg(g), sse_src(g, 16),
                 g->m64 && x86g_rn(g, 4) == 0, 1, x86g_rnd(g) & 0x7f);
        x86g_flags_out(g, ALLF, 0);
        return true;
    }
    case 8: {                                      /* comiss/ucomiss/comisd/ucomisd, ptest */
        bool d = x86g_rn(g, 2);
        if (x86g_rn(g, 3) == 0 && g->cfg->host.sse41) {
            emit_sse(g, 0x66, 2, 0x17, xreg(g), sse_src(g, 16), false, 0, 0);
        } else {
            emit_sse(g, d ? 0x66 : 0, 1, 0x2e | x86g_rn(g, 2), xreg(g), sse_src(g, d ? 8 : 4), false, 0, 0);
        }
        x86g_flags_out(g, ALLF, 0);
        return true;
    }
    case 9: {                                      /* shifts by an immediate (66 0F 71/72/73) */
        static const uint8_t sub[3][4] = { { 2, 4, 6, 2 }, { 2, 4, 6, 2 }, { 2, 3, 6, 7 } };
        int k = x86g_rn(g, 3);
        emit_sse(g, 0x66, 1, 0x71 + k, sub[k][x86g_rn(g, 4)], x86g_rm_reg(xreg(g)), false, 1, x86g_rn(g, 80));
        return true;
    }
    case 10: {                                     /* pinsrw / pextrw, SSE4.1 pinsr/pextr b/d/q */
        int k = x86g_rn(g, 4);
        if (k >= 2 && !g->cfg->host.sse41) {
            return false;
        }
        bool q = g->m64 && x86g_rn(g, 2);
        switch (k) {
        case 0:
            emit_sse(g, 0x66, 1, 0xc4, xreg(g), x86g_rm_reg(x86g_rreg(g, 4, true)), false, 1, x86g_rnd(g) & 0xff);
            break;
        case 1:
            emit_sse(g, 0x66, 1, 0xc5, x86g_wreg(g, 4, true), x86g_rm_reg(xreg(g)), false, 1, x86g_rnd(g) & 0xff);
            break;
        case 2:
            emit_sse(g, 0x66, 3, x86g_rn(g, 2) ? 0x20 : 0x22, xreg(g), x86g_rm_reg(x86g_rreg(g, q ? 8 : 4, true)), q,
                     1, x86g_rnd(g) & 0xff);
            break;
        default:
        {
            /* pextrb/w/d/q, extractps to a register or (pextrb/w) to memory */
            uint8_t op = (uint8_t[]){ 0x14, 0x15, 0x16, 0x17 }[x86g_rn(g, 4)];
            RM rm = op <= 0x15 && (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 3) == 0
                    ? x86g_pick_mem(g, op == 0x14 ? 1 : 2, 1) : x86g_rm_reg(x86g_wreg(g, q ? 8 : 4, true));
            emit_sse(g, 0x66, 3, op, xreg(g), rm, q && !rm.mem, 1, x86g_rnd(g) & 0xff);
        }
            break;
        }
        return true;
    }
    default: {                                     /* movlps/movhps/movlpd/movhpd, movhlps/movlhps */
        bool hi = x86g_rn(g, 2), pd = x86g_rn(g, 2), st = x86g_rn(g, 2);
        RM rm = (g->cfg->kinds & X86G_MEM) && (pd || st || x86g_chance(g, 50)) ? x86g_pick_mem(g, 8, 1)
                                                                           : x86g_rm_reg(xreg(g));
        if (!rm.mem && (pd || st)) {
            return false;
        }
        emit_sse(g, pd ? 0x66 : 0, 1, 0x12 | hi << 2 | st, xreg(g), rm, false, 0, 0);
        return true;
    }
    }
}

/* MXCSR: store it, or load a controlled value (rounding mode, FZ, DAZ; exceptions masked). */
bool x86g_f_mxcsr(Gen *g)
{
    RM m = x86g_pick_mem(g, 4, 4);
    if (x86g_rn(g, 2)) {
        emit_sse(g, 0, 1, 0xae, 3, m, false, 0, 0);
        return true;
    }
    static const uint8_t op = 0xc7;
    uint32_t v = 0x1f80 | (x86g_rn(g, 4) << 13) | (x86g_rn(g, 4) == 0 ? 0x8000 : 0) | (x86g_rn(g, 4) == 0 ? 0x40 : 0);
    Enc e = { .size = 4, .op = &op, .oplen = 1, .reg = 0, .rm = m, .imm_len = 4, .imm = v };
    x86g_emit(g, &e);
    emit_sse(g, 0, 1, 0xae, 2, m, false, 0, 0);
    return true;
}


/* ---- x87 ------------------------------------------------------------------------------------ */

/* An x87 instruction: the escape byte, then ModRM with /digit and a memory operand or ST(i). */
static void x87_mem(Gen *g, uint8_t esc, int digit, int size)
{
    Enc e = { .op = &esc, .oplen = 1, .reg = digit, .rm = x86g_pick_mem(g, size, 1) };
    x86g_emit(g, &e);
}

static void x87_reg(Gen *g, uint8_t esc, uint8_t modrm)
{
    x86g_e1(g, esc);
    x86g_e1(g, modrm);
}

bool x86g_f_x87(Gen *g)
{
    int k = x86g_rn(g, 17);
    int i = g->depth ? x86g_rn(g, g->depth) : 0;
    if (g->depth == 0 || (g->depth < 7 && x86g_rn(g, 3) == 0)) {
        k = 0;                                     /* something to work on first */
    }
    switch (k) {
    case 0: {                                      /* loads */
        if (g->depth >= 7) {
            return false;
        }
        switch (x86g_rn(g, 5)) {
        case 0: x87_mem(g, 0xd9, 0, 4); break;               /* fld m32 */
        case 1: x87_mem(g, 0xdd, 0, 8); break;               /* fld m64 */
        case 2: x87_mem(g, 0xdf, x86g_rn(g, 2) ? 0 : 5, 8); break; /* fild m16 / m64 */
        case 3: x87_mem(g, 0xdb, 0, 4); break;               /* fild m32 */
        default: x87_reg(g, 0xd9, 0xe8 + x86g_rn(g, 7)); break;   /* fld1 .. fldz */
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
        bool pop = g->depth > 1 && x86g_rn(g, 2);
        switch (x86g_rn(g, pop ? 6 : 4)) {
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
        RM m = x86g_pick_mem(g, 10, 1);
        uint8_t db = 0xdb;
        Enc e = { .op = &db, .oplen = 1, .reg = 7, .rm = m };
        x86g_emit(g, &e);
        e.reg = 5;
        x86g_emit(g, &e);
        g->fcc_undef = true;
        return true;
    }
    case 4: case 5: {                              /* arithmetic with memory: fadd fmul fsub fsubr fdiv fdivr */
        static const int ops[6] = { 0, 1, 4, 5, 6, 7 };
        static const uint8_t esc[4] = { 0xd8, 0xdc, 0xda, 0xde };
        static const int size[4] = { 4, 8, 4, 2 };
        int t = x86g_rn(g, 4);
        x87_mem(g, esc[t], ops[x86g_rn(g, 6)], size[t]);
        g->fcc_undef = true;
        return true;
    }
    case 6: {                                      /* arithmetic on registers: D8 st0,st(i) / DC st(i),st0 / DE ..p */
        static const int ops[6] = { 0, 1, 4, 5, 6, 7 };
        int t = x86g_rn(g, 3);
        if (t == 2 && g->depth < 2) {
            return false;
        }
        x87_reg(g, t == 0 ? 0xd8 : t == 1 ? 0xdc : 0xde, 0xc0 | ops[x86g_rn(g, 6)] << 3 | (t == 2 ? 1 + x86g_rn(g, g->depth - 1) : i));
        if (t == 2) {
            g->depth--;
        }
        g->fcc_undef = true;
        return true;
    }
    case 7: {                                      /* compares into C0 C2 C3 */
        switch (x86g_rn(g, 4)) {
        case 0: x87_reg(g, 0xd8, 0xd0 + i); break;            /* fcom st(i) */
        case 1: x87_reg(g, 0xdd, 0xe0 + i); break;            /* fucom st(i) */
        case 2: x87_mem(g, x86g_rn(g, 2) ? 0xd8 : 0xdc, 2, 8); break; /* fcom m32/m64 */
        default: x87_reg(g, 0xd9, 0xe4); break;               /* ftst */
        }
        g->fcc_undef = false;
        return true;
    }
    case 8: {                                      /* fcomi / fucomi (and the popping forms) into EFLAGS */
        bool pop = g->depth > 1 && x86g_rn(g, 2);
        x87_reg(g, pop ? 0xdf : 0xdb, (x86g_rn(g, 2) ? 0xe8 : 0xf0) + i);
        if (pop) {
            g->depth--;
        }
        x86g_flags_out(g, ALLF, 0);
        return true;
    }
    case 9: {                                      /* fcmovcc st0, st(i) */
        static const int cc[8] = { 0x2, 0x4, 0x6, 0xa, 0x3, 0x5, 0x7, 0xb };
        int c = x86g_rn(g, 8);
        if (!x86g_can_read(g, x86g_cc_reads(cc[c]))) {
            return false;
        }
        x87_reg(g, c < 4 ? 0xda : 0xdb, 0xc0 | (c & 3) << 3 | i);
        return true;
    }
    case 10: {                                     /* one-operand: fchs fabs fsqrt frndint fxam fxch */
        static const uint8_t m[5] = { 0xe0, 0xe1, 0xfa, 0xfc, 0xe5 };
        int c = x86g_rn(g, 6);
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
        switch (x86g_rn(g, 4)) {
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
        if (x86g_rn(g, 3) == 0) {
            x87_mem(g, 0xd9, 7, 2);
            return true;
        }
        if (g->fcc_undef) {
            return false;
        }
        if (x86g_rn(g, 2)) {
            x87_reg(g, 0xdf, 0xe0);
        } else {
            x87_mem(g, 0xdd, 7, 2);
        }
        return true;
    case 13: {                                     /* fldcw of a controlled word: precision, rounding */
        RM m = x86g_pick_mem(g, 2, 2);
        uint8_t op = 0xc7;
        uint16_t cw = 0x37f & ~0x0f00;
        cw |= (x86g_rn(g, 4) == 1 ? 2 : x86g_rn(g, 4)) << 8 | x86g_rn(g, 4) << 10;
        Enc e = { .size = 2, .op = &op, .oplen = 1, .reg = 0, .rm = m, .imm_len = 2, .imm = cw | 0x40 };
        x86g_emit(g, &e);
        uint8_t d9 = 0xd9;
        Enc f = { .op = &d9, .oplen = 1, .reg = 5, .rm = m };
        x86g_emit(g, &f);
        return true;
    }
    case 14:                                       /* fcompp / fucompp / fcomp st(i) / fstp st(i) */
        if (g->depth < 2) {
            return false;
        }
        switch (x86g_rn(g, 3)) {
        case 0: x87_reg(g, 0xde, 0xd9); g->depth -= 2; g->fcc_undef = false; break;
        case 1: x87_reg(g, 0xda, 0xe9); g->depth -= 2; g->fcc_undef = false; break;
        default: x87_reg(g, 0xdd, 0xd8 + 1 + x86g_rn(g, g->depth - 1)); g->depth--; g->fcc_undef = true; break;
        }
        return true;
    case 15: {                                     /* fbstp m80bcd; fbld of valid packed BCD */
        RM m = x86g_pick_mem(g, 10, 1);
        uint8_t df = 0xdf;
        if (x86g_rn(g, 2) && g->depth > 1) {
            Enc e = { .op = &df, .oplen = 1, .reg = 6, .rm = m };
            x86g_emit(g, &e);
            g->depth--;
            g->fcc_undef = true;
            return true;
        }
        if (g->depth >= 7) {
            return false;
        }
        /* 18 random decimal digits and a random sign, written as dword, dword, word */
        uint64_t lo = 0, hi = 0;
        for (int d = 0; d < 18; d++) {
            uint64_t nib = x86g_rn(g, 4) == 0 ? 0 : x86g_rn(g, 10);
            if (d < 16) {
                lo |= nib << (4 * d);
            } else {
                hi |= nib << (4 * (d - 16));
            }
        }
        hi |= x86g_rn(g, 2) ? 0x8000 : 0;
        uint8_t c7 = 0xc7;
        for (int w = 0; w < 3; w++) {
            RM mw = m;
            mw.off += 4 * w;
            Enc e = { .size = w == 2 ? 2 : 0, .op = &c7, .oplen = 1, .reg = 0, .rm = mw,
                      .imm_len = w == 2 ? 2 : 4, .imm = w == 2 ? hi : (uint32_t)(lo >> (32 * w)) };
            x86g_emit(g, &e);
        }
        Enc e = { .op = &df, .oplen = 1, .reg = 4, .rm = m };
        x86g_emit(g, &e);
        g->depth++;
        g->fcc_undef = true;
        return true;
    }
    default:                                       /* fxch st(i) */
        x87_reg(g, 0xd9, 0xc8 + i);
        g->fcc_undef = true;
        return true;
    }
}


/* ---- MMX --------------------------------------------------------------------------------- */

static RM mmx_src(Gen *g)
{
    if ((g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30)) {
        return x86g_pick_mem(g, 8, 1);
    }
    return x86g_rm_reg(x86g_rn(g, 8));
}

bool x86g_f_mmx(Gen *g)
{
    static const uint8_t ops[] = {
        0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x74, 0x75,
        0x76, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
        0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
        0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    };
    static const uint8_t ssse3[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                                     0x0a, 0x0b, 0x1c, 0x1d, 0x1e };
    g->depth = 8;
    g->fcc_undef = true;
    switch (x86g_rn(g, 11)) {
    case 0: case 1: case 2:
        emit_sse(g, 0, 1, ops[x86g_rn(g, sizeof(ops))], x86g_rn(g, 8), mmx_src(g), false, 0, 0);
        return true;
    case 3:
        if (!g->cfg->host.ssse3) {
            return false;
        }
        if (x86g_rn(g, 4) == 0) {
            emit_sse(g, 0, 3, 0x0f, x86g_rn(g, 8), mmx_src(g), false, 1, x86g_rn(g, 24));   /* palignr */
        } else {
            emit_sse(g, 0, 2, ssse3[x86g_rn(g, sizeof(ssse3))], x86g_rn(g, 8), mmx_src(g), false, 0, 0);
        }
        return true;
    case 4: {                                      /* shifts by an immediate */
        static const uint8_t sub[3][3] = { { 2, 4, 6 }, { 2, 4, 6 }, { 2, 6, 2 } };
        int k = x86g_rn(g, 3);
        emit_sse(g, 0, 1, 0x71 + k, sub[k][x86g_rn(g, 3)], x86g_rm_reg(x86g_rn(g, 8)), false, 1, x86g_rn(g, 70));
        return true;
    }
    case 5: {                                      /* movd/movq loads and stores */
        int k = x86g_rn(g, 4);
        bool q = g->m64 && x86g_rn(g, 2);
        switch (k) {
        case 0: emit_sse(g, 0, 1, 0x6e, x86g_rn(g, 8), x86g_rm_reg(x86g_rreg(g, q ? 8 : 4, true)), q, 0, 0); break;
        case 1: emit_sse(g, 0, 1, 0x7e, x86g_rn(g, 8), x86g_pick_rm_w(g, q ? 8 : 4, true, true), q, 0, 0); break;
        case 2: emit_sse(g, 0, 1, 0x6f, x86g_rn(g, 8), mmx_src(g), false, 0, 0); break;
        default:
            emit_sse(g, 0, 1, 0x7f, x86g_rn(g, 8),
                     (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 2) ? x86g_pick_mem(g, 8, 1) : x86g_rm_reg(x86g_rn(g, 8)),
                     false, 0, 0);
            break;
        }
        return true;
    }
    case 6:                                        /* pshufw, pinsrw, pextrw, pmovmskb */
        switch (x86g_rn(g, 4)) {
        case 0: emit_sse(g, 0, 1, 0x70, x86g_rn(g, 8), mmx_src(g), false, 1, x86g_rnd(g) & 0xff); break;
        case 1: emit_sse(g, 0, 1, 0xc4, x86g_rn(g, 8), x86g_rm_reg(x86g_rreg(g, 4, true)), false, 1, x86g_rnd(g) & 0xff); break;
        case 2: emit_sse(g, 0, 1, 0xc5, x86g_wreg(g, 4, true), x86g_rm_reg(x86g_rn(g, 8)), false, 1, x86g_rnd(g) & 0xff); break;
        default: emit_sse(g, 0, 1, 0xd7, x86g_wreg(g, 4, true), x86g_rm_reg(x86g_rn(g, 8)), false, 0, 0); break;
        }
        return true;
    case 8: {                                      /* conversions between MMX and XMM, MOVQ2DQ/MOVDQ2Q */
        int xr = x86g_rn(g, g->m64 ? 16 : 8);
        switch (x86g_rn(g, 5)) {
        case 0:                                    /* cvtpi2ps / cvtpi2pd xmm, mm/m64 */
            emit_sse(g, x86g_rn(g, 2) ? 0x66 : 0, 1, 0x2a, xr, mmx_src(g), false, 0, 0);
            break;
        case 1: {                                  /* cvt(t)ps2pi mm, xmm/m64 */
            RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, 8, 1)
                                                                      : x86g_rm_reg(xr);
            emit_sse(g, 0, 1, 0x2c | x86g_rn(g, 2), x86g_rn(g, 8), rm, false, 0, 0);
            break;
        }
        case 2: {                                  /* cvt(t)pd2pi mm, xmm/m128 */
            RM rm = (g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30) ? x86g_pick_mem(g, 16, 16)
                                                                      : x86g_rm_reg(xr);
            emit_sse(g, 0x66, 1, 0x2c | x86g_rn(g, 2), x86g_rn(g, 8), rm, false, 0, 0);
            break;
        }
        case 3:                                    /* movq2dq xmm, mm */
            emit_sse(g, 0xf3, 1, 0xd6, xr, x86g_rm_reg(x86g_rn(g, 8)), false, 0, 0);
            break;
        default:                                   /* movdq2q mm, xmm */
            emit_sse(g, 0xf2, 1, 0xd6, x86g_rn(g, 8), x86g_rm_reg(xr), false, 0, 0);
            break;
        }
        return true;
    }
    case 9:                                        /* maskmovq / maskmovdqu to DS:rDI inside DATA */
        if (!(g->cfg->kinds & X86G_MEM)) {
            return false;
        }
        x86g_e1(g, 0xbf);
        x86g_en(g, X86T_DATA + 64 + x86g_rn(g, 1024), 4);
        if (x86g_rn(g, 2)) {
            emit_sse(g, 0, 1, 0xf7, x86g_rn(g, 8), x86g_rm_reg(x86g_rn(g, 8)), false, 0, 0);
        } else {
            int xr = x86g_rn(g, g->m64 ? 16 : 8);
            emit_sse(g, 0x66, 1, 0xf7, xr, x86g_rm_reg(x86g_rn(g, g->m64 ? 16 : 8)), false, 0, 0);
        }
        return true;
    case 7:                                        /* emms */
        x86g_e1(g, 0x0f);
        x86g_e1(g, 0x77);
        g->depth = 0;
        return true;
    default:
        emit_sse(g, 0, 1, ops[x86g_rn(g, sizeof(ops))], x86g_rn(g, 8), mmx_src(g), false, 0, 0);
        return true;
    }
}



/* ---- AVX / AVX2 ------------------------------------------------------------------------ */

/*
 * A VEX-encoded instruction: map 1-3 (0F, 0F 38, 0F 3A), pp (0 none, 1 66,
 * 2 F3, 3 F2), L, W, ModRM.reg, VEX.vvvv, r/m; the two-byte form when it
 * can express it (and the coin says so).
 */
static void emit_vex(Gen *g, int map, int pp, int l, int w, int reg, int vvvv, RM rm, uint8_t op,
                     int imm_len, uint64_t imm)
{
    int r = !(reg & 8), b = rm.mem ? 1 : !(rm.reg & 8);
    if (map == 1 && !w && b && x86g_rn(g, 2)) {
        x86g_e1(g, 0xc5);
        x86g_e1(g, r << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
    } else {
        x86g_e1(g, 0xc4);
        x86g_e1(g, r << 7 | 1 << 6 | b << 5 | map);
        x86g_e1(g, w << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
    }
    if (!rm.mem) {
        rm.reg &= 7;
    }
    Enc e = { .op = &op, .oplen = 1, .reg = reg & 7, .rm = rm, .imm_len = imm_len, .imm = imm };
    x86g_emit(g, &e);
}

static int vex_pp(uint8_t pfx)
{
    return pfx == 0x66 ? 1 : pfx == 0xf3 ? 2 : pfx == 0xf2 ? 3 : 0;
}

static RM avx_src(Gen *g, int msize)
{
    if ((g->cfg->kinds & X86G_MEM) && x86g_chance(g, 30)) {
        return x86g_pick_mem(g, msize, 1);
    }
    return x86g_rm_reg(xreg(g));
}

/* The VEX forms of sse_ops: which have no H operand, which are scalar, which are 128-bit only. */
static bool sse_vex_2op(const SseOp *o)
{
    if (o->map == 1) {
        return (o->op == 0x51 && o->pfx < 0xf2 && o->pfx != 0xf3) || o->op == 0x5b ||
               o->op == 0xe6 || o->op == 0x70 || (o->op == 0x5a && o->pfx <= 0x66) ||
               ((o->op == 0x12 || o->op == 0x16) && o->pfx >= 0xf2);
    }
    if (o->map == 2) {
        return (o->op >= 0x1c && o->op <= 0x1e) || (o->op >= 0x20 && o->op <= 0x25) ||
               (o->op >= 0x30 && o->op <= 0x35) || o->op == 0x41 || o->op == 0xdb;
    }
    return o->op == 0x08 || o->op == 0x09 || o->op == 0xdf;
}

static bool sse_vex_scalar(const SseOp *o)
{
    return (o->map == 1 && o->pfx >= 0xf2 && o->pfx != 0 &&
            (o->op == 0x51 || (o->op >= 0x58 && o->op <= 0x5f && o->op != 0x5b) || o->op == 0xc2)) ||
           (o->map == 3 && (o->op == 0x0a || o->op == 0x0b));
}

/* the rows whose VEX.256 source is twice the 128-bit one in memory (widening) */
static bool sse_vex_widen(const SseOp *o)
{
    return (o->map == 1 && ((o->op == 0x5a && o->pfx == 0) || (o->op == 0xe6 && o->pfx == 0xf3))) ||
           (o->map == 2 && ((o->op >= 0x20 && o->op <= 0x25) || (o->op >= 0x30 && o->op <= 0x35)));
}

/* AVX-only rows: pp, map, opcode, kind, memory bytes of the 128-bit form, feature ('2': AVX2). */
enum {
    AK_3,        /* V, H, W */
    AK_3I,       /* V, H, W, ib */
    AK_2,        /* V, W */
    AK_2I,       /* V, W, ib */
    AK_3L1,      /* V, H, W (VEX.256 only) */
    AK_3IL1,
    AK_2L1,
    AK_2IL1,
    AK_IS4,      /* V, H, W, register in ib[7:4] */
    AK_TEST,     /* V, W: EFLAGS */
    AK_MSK,      /* GPR, U */
    AK_EXTR,     /* W (xmm or m128), V (ymm), ib: VEX.256 only */
    AK_BCAST,    /* V, W: broadcasts (W's element size in msize) */
    AK_ZERO,     /* VZEROUPPER / VZEROALL */
    AK_SHI,      /* VEX 66 0F 71-73 /digit ib: dest vvvv */
    AK_MOV,      /* aligned or unaligned moves, loads and stores */
    AK_FMA,      /* FMA3: V, H, W; VEX.W double; odd opcodes from 9 scalar */
    AK_XG,       /* VEX.128 between XMM and GPR/memory: see xg_rows */
    AK_MSTORE,   /* masked stores: m, H (mask), V */
    AK_F16C,     /* VCVTPH2PS V, W (op 13) / VCVTPS2PH W, V, ib (op 1d) */
    AK_GATHER,   /* VGATHER / VPGATHER 90-93 with small indexes into DATA */
};
typedef struct AvxOp {
    uint8_t pp, map, op, kind, msize, digit;
    char feat;
} AvxOp;

static const AvxOp avx_ops[] = {
    { 1, 2, 0x0c, AK_3, 16 }, { 1, 2, 0x0d, AK_3, 16 },                  /* vpermilps/pd */
    { 1, 3, 0x04, AK_2I, 16 }, { 1, 3, 0x05, AK_2I, 16 },
    { 1, 2, 0x0e, AK_TEST, 16 }, { 1, 2, 0x0f, AK_TEST, 16 }, { 1, 2, 0x17, AK_TEST, 16 },
    { 1, 2, 0x18, AK_BCAST, 4 }, { 1, 2, 0x19, AK_BCAST, 8 }, { 1, 2, 0x1a, AK_BCAST, 16 },
    { 1, 2, 0x58, AK_BCAST, 4, 0, '2' }, { 1, 2, 0x59, AK_BCAST, 8, 0, '2' },
    { 1, 2, 0x78, AK_BCAST, 1, 0, '2' }, { 1, 2, 0x79, AK_BCAST, 2, 0, '2' },
    { 1, 2, 0x5a, AK_BCAST, 16, 0, '2' },
    { 1, 2, 0x16, AK_3L1, 16, 0, '2' }, { 1, 2, 0x36, AK_3L1, 16, 0, '2' },   /* vpermps/d */
    { 1, 3, 0x00, AK_2IL1, 16, 0, '2' }, { 1, 3, 0x01, AK_2IL1, 16, 0, '2' }, /* vpermq/pd */
    { 1, 3, 0x06, AK_3IL1, 16 }, { 1, 3, 0x46, AK_3IL1, 16, 0, '2' },        /* vperm2f/i128 */
    { 1, 3, 0x18, AK_3IL1, 16 }, { 1, 3, 0x38, AK_3IL1, 16, 0, '2' },        /* vinsertf/i128 */
    { 1, 3, 0x19, AK_EXTR, 16 }, { 1, 3, 0x39, AK_EXTR, 16, 0, '2' },        /* vextractf/i128 */
    { 1, 2, 0x45, AK_3, 16, 0, '2' }, { 1, 2, 0x46, AK_3, 16, 0, '2' },
    { 1, 2, 0x47, AK_3, 16, 0, '2' },                                        /* vpsrlv, vpsrav, vpsllv */
    { 1, 3, 0x02, AK_3I, 16, 0, '2' },                                       /* vpblendd */
    { 1, 3, 0x4a, AK_IS4, 16 }, { 1, 3, 0x4b, AK_IS4, 16 }, { 1, 3, 0x4c, AK_IS4, 16, 0, '2' },
    { 0, 1, 0xc2, AK_3I, 16 }, { 1, 1, 0xc2, AK_3I, 16 },                    /* vcmpps/pd 0-31 */
    { 2, 1, 0xc2, AK_3I, 4 }, { 3, 1, 0xc2, AK_3I, 8 },
    { 0, 1, 0x50, AK_MSK }, { 1, 1, 0x50, AK_MSK }, { 1, 1, 0xd7, AK_MSK, 0, 0, '2' },
    { 0, 1, 0x77, AK_ZERO },
    { 1, 1, 0x71, AK_SHI, 0, 2, '2' }, { 1, 1, 0x71, AK_SHI, 0, 4, '2' }, { 1, 1, 0x71, AK_SHI, 0, 6, '2' },
    { 1, 1, 0x72, AK_SHI, 0, 2, '2' }, { 1, 1, 0x72, AK_SHI, 0, 4, '2' }, { 1, 1, 0x72, AK_SHI, 0, 6, '2' },
    { 1, 1, 0x73, AK_SHI, 0, 2, '2' }, { 1, 1, 0x73, AK_SHI, 0, 3, '2' }, { 1, 1, 0x73, AK_SHI, 0, 6, '2' },
    { 1, 1, 0x73, AK_SHI, 0, 7, '2' },
    { 0, 1, 0x10, AK_MOV, 0, 0 }, { 0, 1, 0x11, AK_MOV, 0, 1 }, { 0, 1, 0x28, AK_MOV, 0, 2 },
    { 0, 1, 0x29, AK_MOV, 0, 3 }, { 2, 1, 0x6f, AK_MOV, 0, 0 }, { 2, 1, 0x7f, AK_MOV, 0, 1 },
    { 1, 1, 0x6f, AK_MOV, 0, 2 }, { 1, 1, 0x7f, AK_MOV, 0, 3 }, { 1, 1, 0x10, AK_MOV, 0, 0 },
    { 1, 2, 0x2c, AK_3 }, { 1, 2, 0x2d, AK_3 }, { 1, 2, 0x2e, AK_MSTORE }, { 1, 2, 0x2f, AK_MSTORE },
    { 1, 2, 0x8c, AK_3, 0, 0, '2' }, { 1, 2, 0x8e, AK_MSTORE, 0, 0, '2' },
    { 1, 2, 0x90, AK_GATHER }, { 1, 2, 0x91, AK_GATHER }, { 1, 2, 0x92, AK_GATHER },
    { 1, 2, 0x93, AK_GATHER },
    { 1, 2, 0x13, AK_F16C }, { 1, 3, 0x1d, AK_F16C },
    { 1, 2, 0x96, AK_FMA }, { 1, 2, 0x98, AK_FMA }, { 1, 2, 0x99, AK_FMA }, { 1, 2, 0xa7, AK_FMA },
    { 1, 2, 0xaa, AK_FMA }, { 1, 2, 0xab, AK_FMA }, { 1, 2, 0xbc, AK_FMA }, { 1, 2, 0xbd, AK_FMA },
    { 1, 2, 0x9e, AK_FMA }, { 1, 2, 0xaf, AK_FMA }, { 1, 2, 0xb8, AK_FMA }, { 1, 2, 0xb6, AK_FMA },
};

/*
 * VEX.128 rows between XMM registers and general registers or memory:
 * ModRM.reg is an XMM register ('x') or a GPR written ('g'); r/m is an XMM
 * register or memory of msize ('x'), a GPR read or memory ('e'), memory only
 * ('m'); h: VEX.vvvv is a source; w: 0, 1, or 2 for either VEX.W.
 */
typedef struct XgRow {
    uint8_t pp, map, op, reg, rm, msize, h, imm, w;
} XgRow;
static const XgRow xg_rows[] = {
    { 1, 1, 0x6e, 'x', 'e', 4, 0, 0, 2 },          /* vmovd/vmovq xmm, r/m */
    { 1, 1, 0x7e, 'x', 'E', 4, 0, 0, 2 },          /* vmovd/vmovq r/m, xmm */
    { 2, 1, 0x7e, 'x', 'x', 8, 0, 0, 0 },          /* vmovq xmm, xmm/m64 */
    { 1, 1, 0xd6, 'x', 'X', 8, 0, 0, 0 },          /* vmovq xmm/m64, xmm */
    { 1, 3, 0x20, 'x', 'e', 1, 1, 1, 0 },          /* vpinsrb */
    { 1, 1, 0xc4, 'x', 'e', 2, 1, 1, 0 },          /* vpinsrw */
    { 1, 3, 0x22, 'x', 'e', 4, 1, 1, 2 },          /* vpinsrd/q */
    { 1, 3, 0x14, 'x', 'E', 1, 0, 1, 0 },          /* vpextrb */
    { 1, 3, 0x15, 'x', 'E', 2, 0, 1, 0 },          /* vpextrw r32/m16 */
    { 1, 1, 0xc5, 'g', 'u', 0, 0, 1, 0 },          /* vpextrw r32, xmm */
    { 1, 3, 0x16, 'x', 'E', 4, 0, 1, 2 },          /* vpextrd/q */
    { 1, 3, 0x17, 'x', 'E', 4, 0, 1, 0 },          /* vextractps */
    { 2, 1, 0x2a, 'x', 'e', 4, 1, 0, 2 },          /* vcvtsi2ss */
    { 3, 1, 0x2a, 'x', 'e', 4, 1, 0, 2 },          /* vcvtsi2sd */
    { 2, 1, 0x2d, 'g', 'x', 4, 0, 0, 2 },          /* vcvtss2si */
    { 3, 1, 0x2c, 'g', 'x', 8, 0, 0, 2 },          /* vcvttsd2si */
    { 2, 1, 0x10, 'x', 'x', 4, 1, 0, 0 },          /* vmovss (H only for registers) */
    { 3, 1, 0x11, 'x', 'X', 8, 1, 0, 0 },          /* vmovsd store / merge */
    { 0, 1, 0x12, 'x', 'x', 8, 1, 0, 0 },          /* vmovlps / vmovhlps */
    { 0, 1, 0x16, 'x', 'x', 8, 1, 0, 0 },          /* vmovhps / vmovlhps */
    { 1, 1, 0x17, 'x', 'm', 8, 0, 0, 0 },          /* vmovhpd m64, xmm */
    { 0, 1, 0x2f, 'x', 'x', 4, 0, 0, 0 },          /* vcomiss: EFLAGS */
    { 1, 1, 0x2e, 'x', 'x', 8, 0, 0, 0 },          /* vucomisd: EFLAGS */
};

static bool f_avx_xg(Gen *g)
{
    const XgRow *r = &xg_rows[x86g_rn(g, sizeof(xg_rows) / sizeof(xg_rows[0]))];
    int w = r->w == 2 && g->m64 ? x86g_rn(g, 2) : 0;
    int msize = w && r->msize == 4 ? 8 : r->msize;
    bool mem = (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 3) == 0;
    RM rm;
    if (r->rm == 'm' || (mem && r->rm != 'u')) {
        rm = x86g_pick_mem(g, msize ? msize : 16, 1);
    } else if (r->rm == 'e') {
        rm = x86g_rm_reg(x86g_rreg(g, w ? 8 : 4, g->m64));
    } else if (r->rm == 'E') {
        rm = x86g_rm_reg(x86g_wreg(g, w ? 8 : 4, g->m64));
    } else {
        rm = x86g_rm_reg(xreg(g));
    }
    int reg = r->reg == 'g' ? x86g_wreg(g, w ? 8 : 4, g->m64) : xreg(g);
    /* VMOVSS/SD with memory have no H */
    int h = r->h && !(rm.mem && (r->op == 0x10 || r->op == 0x11)) ? x86g_rn(g, g->m64 ? 16 : 8) : 0;
    emit_vex(g, r->map, r->pp, 0, w, reg, h, rm, r->op, r->imm, x86g_rnd(g) & 0xff);
    if (r->op == 0x2e || r->op == 0x2f) {
        x86g_flags_out(g, ALLF, 0);
    }
    return true;
}

bool x86g_f_avx(Gen *g)
{
    int vmax = g->m64 ? 16 : 8;
    int l = x86g_rn(g, 2);
    if (!g->cfg->host.avx2) {
        return false;
    }
    if (x86g_rn(g, 40) == 0) {
        /* vmaskmovdqu xmm, xmm (VEX.128.66.0F F7) to DS:rDI inside DATA */
        if (!(g->cfg->kinds & X86G_MEM)) {
            return false;
        }
        x86g_e1(g, 0xbf);
        x86g_en(g, X86T_DATA + 64 + x86g_rn(g, 1024), 4);
        emit_vex(g, 1, 1, 0, 0, xreg(g), 0, x86g_rm_reg(xreg(g)), 0xf7, 0, 0);
        return true;
    }
    if (x86g_rn(g, 5) == 0) {
        return f_avx_xg(g);
    }
    if (x86g_rn(g, 2)) {
        /* the VEX form of an SSE row */
        const SseOp *o = &sse_ops[x86g_rn(g, sizeof(sse_ops) / sizeof(sse_ops[0]))];
        if (!sse_feature_ok(g, o->feat) || o->feat == 'h') {
            return false;
        }
        if (o->feat == 'a' || o->feat == 'p' || (o->map == 2 && o->op == 0x41) ||
            (o->map == 3 && (o->op == 0x41 || o->op == 0x21))) {   /* vphminposuw, vdppd, vinsertps: VEX.128 only */
            l = 0;
        }
        bool two = sse_vex_2op(o), scalar = sse_vex_scalar(o);
        int ms = o->msize;
        if (l && !scalar) {
            ms = (sse_vex_widen(o) || ms == 16) ? 2 * ms : ms;
            if (o->map == 1 && o->op == 0x12 && o->pfx == 0xf2) {
                ms = 32;                                      /* vmovddup ymm, m256 */
            }
        }
        int imm = o->op == 0xc2 && o->map == 1 ? x86g_rn(g, 32) : x86g_rnd(g) & 0xff;
        emit_vex(g, o->map, vex_pp(o->pfx), l, 0, xreg(g), two ? 0 : x86g_rn(g, vmax),
                 avx_src(g, ms), o->op, o->imm, imm);
        return true;
    }
    const AvxOp *a = &avx_ops[x86g_rn(g, sizeof(avx_ops) / sizeof(avx_ops[0]))];
    int ms = a->msize * (l ? 2 : 1);
    switch (a->kind) {
    case AK_3: {
        /* VEX.W picks the quadword forms of VPSRLV/VPSLLV/VPMASKMOV; the other rows are W0 */
        bool wsel = a->op == 0x45 || a->op == 0x47 || a->op == 0x8c;
        bool mload = a->op == 0x2c || a->op == 0x2d || a->op == 0x8c;
        emit_vex(g, a->map, a->pp, l, wsel && g->m64 ? x86g_rn(g, 2) : 0, xreg(g),
                 x86g_rn(g, vmax), mload ? x86g_pick_mem(g, l ? 32 : 16, 1) : avx_src(g, ms),
                 a->op, 0, 0);
        return true;
    }
    case AK_3I:
        emit_vex(g, a->map, a->pp, a->msize < 16 ? x86g_rn(g, 2) : l, 0, xreg(g),
                 x86g_rn(g, vmax), avx_src(g, a->msize < 16 ? a->msize : ms), a->op, 1,
                 a->op == 0xc2 ? x86g_rn(g, 32) : x86g_rnd(g) & 0xff);
        return true;
    case AK_2:
    case AK_2I:
        emit_vex(g, a->map, a->pp, l, 0, xreg(g), 0, avx_src(g, ms), a->op, a->kind == AK_2I,
                 x86g_rnd(g) & 0xff);
        return true;
    case AK_3L1:
    case AK_3IL1:
        emit_vex(g, a->map, a->pp, 1, 0, xreg(g), x86g_rn(g, vmax),
                 avx_src(g, (a->op == 0x18 || a->op == 0x38) && a->map == 3 ? 16 : 32), a->op,
                 a->kind == AK_3IL1, x86g_rnd(g) & 0xff);
        return true;
    case AK_2IL1:
        emit_vex(g, a->map, a->pp, 1, 1, xreg(g), 0, avx_src(g, 32), a->op, 1, x86g_rnd(g) & 0xff);   /* W1 */
        return true;
    case AK_IS4:
        emit_vex(g, a->map, a->pp, l, 0, xreg(g), x86g_rn(g, vmax), avx_src(g, ms), a->op, 1,
                 (uint64_t)x86g_rn(g, vmax) << 4);
        return true;
    case AK_TEST:
        emit_vex(g, a->map, a->pp, l, 0, xreg(g), 0, avx_src(g, ms), a->op, 0, 0);
        x86g_flags_out(g, ALLF, 0);
        return true;
    case AK_MSK: {
        int r = x86g_wreg(g, 4, g->m64);
        emit_vex(g, a->map, a->pp, l, 0, r, 0, x86g_rm_reg(xreg(g)), a->op, 0, 0);
        return true;
    }
    case AK_EXTR:
        emit_vex(g, a->map, a->pp, 1, 0, xreg(g), 0,
                 (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 2) ? x86g_pick_mem(g, 16, 1)
                                                              : x86g_rm_reg(xreg(g)),
                 a->op, 1, x86g_rnd(g) & 0xff);
        return true;
    case AK_BCAST: {
        bool l1 = a->op == 0x19 || a->op == 0x1a || a->op == 0x5a;
        RM src = (a->op == 0x1a || a->op == 0x5a) ? x86g_pick_mem(g, 16, 1)
                                                   : avx_src(g, a->msize);
        emit_vex(g, a->map, a->pp, l1 ? 1 : l, 0, xreg(g), 0, src, a->op, 0, 0);
        return true;
    }
    case AK_GATHER: {
        /* three different registers: destination, mask, index */
        int dst = xreg(g), mask = xreg(g), idx = xreg(g);
        if (dst == mask || dst == idx || mask == idx) {
            return false;
        }
        int w = x86g_rn(g, 2), qidx = a->op & 1;
        /* the indexes made small: vpsrld $26 / vpsrlq $58 idx, idx (VEX.NDD: vvvv is the destination) */
        emit_vex(g, 1, 1, l, 0, qidx ? 2 : 2, idx, x86g_rm_reg(idx), qidx ? 0x73 : 0x72, 1,
                 qidx ? 58 : 26);
        int scale = x86g_rn(g, 4);
        x86g_e1(g, 0xc4);
        x86g_e1(g, !(dst & 8) << 7 | !(idx & 8) << 6 | 1 << 5 | 2);
        x86g_e1(g, w << 7 | (~mask & 15) << 3 | l << 2 | 1);
        x86g_e1(g, a->op);
        x86g_e1(g, 0x40 | (dst & 7) << 3 | 4);           /* mod 01, rm 100: SIB + disp8 */
        x86g_e1(g, scale << 6 | (idx & 7) << 3 | 3);     /* base rbx */
        x86g_e1(g, (uint8_t)(x86g_rn(g, 128) - 64));
        return true;
    }
    case AK_F16C: {
        if (!g->cfg->host.f16c) {
            return false;
        }
        RM rm = (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 3) == 0 ? x86g_pick_mem(g, l ? 16 : 8, 1)
                                                                 : x86g_rm_reg(xreg(g));
        emit_vex(g, a->map, a->pp, l, 0, xreg(g), 0, rm, a->op, a->map == 3,
                 x86g_rn(g, 2) ? x86g_rn(g, 8) : x86g_rnd(g) & 0xff);
        return true;
    }
    case AK_MSTORE:
        emit_vex(g, a->map, a->pp, l, a->op == 0x8e && g->m64 ? x86g_rn(g, 2) : 0, xreg(g),
                 x86g_rn(g, vmax), x86g_pick_mem(g, l ? 32 : 16, 1), a->op, 0, 0);
        return true;
    case AK_FMA: {
        if (!g->cfg->host.fma) {
            return false;
        }
        int w = x86g_rn(g, 2), op = a->op + (x86g_rn(g, 4) == 0 ? 1 : 0);
        bool scalar = (op & 15) >= 9 && (op & 1);
        emit_vex(g, a->map, a->pp, l, w, xreg(g), x86g_rn(g, vmax),
                 avx_src(g, scalar ? (w ? 8 : 4) : ms), op, 0, 0);
        return true;
    }
    case AK_ZERO:
        x86g_e1(g, 0xc5);
        x86g_e1(g, 0xf8 | (x86g_rn(g, 4) == 0 ? 4 : 0));
        x86g_e1(g, 0x77);
        return true;
    case AK_SHI:
        emit_vex(g, a->map, a->pp, l, 0, a->digit, x86g_rn(g, vmax), x86g_rm_reg(xreg(g)), a->op,
                 1, x86g_rn(g, 4) == 0 ? x86g_rnd(g) & 0xff : x86g_rn(g, 20));
        return true;
    default: {                                     /* AK_MOV: digit 0 load, 1 store, 2/3 aligned */
        bool aligned = a->digit >= 2, store = a->digit & 1;
        int n = l ? 32 : 16;
        RM m = (g->cfg->kinds & X86G_MEM) && x86g_rn(g, 3) ? x86g_pick_mem(g, n, aligned ? n : 1)
                                                            : x86g_rm_reg(xreg(g));
        if (store && !m.mem && x86g_rn(g, 2)) {
            m = x86g_pick_mem(g, n, aligned ? n : 1);
        }
        emit_vex(g, a->map, a->pp, l, 0, xreg(g), 0, m, a->op, 0, 0);
        return true;
    }
    }
}
