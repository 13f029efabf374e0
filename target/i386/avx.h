/*
 * avx.h — what the AVX parts share: the `special` bits of a VEX row that
 * goes through the generic emitter (decode-vex.c writes them, emit-avx.c
 * reads them) and the AVX-only C operations of avx_helper.c.
 *
 * A VEX.256 form of an SSE operation is, for almost every operation, the
 * SSE operation applied to each 128-bit lane; the bits below say where an
 * operation departs from that.
 */
#ifndef TARGET_I386_AVX_H
#define TARGET_I386_AVX_H

#include "tcg/tcg.h"

/* The immediate the upper lane sees (BLENDPS ymm uses imm bits 7:4 there ...). */
#define AVX_IMM_SAME   0x00
#define AVX_IMM_SHR4   0x01
#define AVX_IMM_SHR2   0x02
#define AVX_IMM_SHR3   0x03
#define AVX_IMM_MASK   0x03
/* Where the upper lane's second source is: 16 bytes on, or the same (a shift count) ... */
#define AVX_W_LANE     0x00
#define AVX_W_SAME     0x04
/* ... or half the source's width on (widening: VPMOVSXBW ymm, xmm/m128, VCVTPS2PD) */
#define AVX_W_HALF     0x08
#define AVX_W_MASK     0x0c
#define AVX_INT        0x10        /* integer: the VEX.256 form needs AVX2 */
#define AVX_SCALAR     0x20        /* VEX.L ignored: the result is 128 bits (SS/SD forms) */
#define AVX_NARROW     0x40        /* VEX.256 source, 128-bit result (VCVTPD2PS ...) */

/* The AVX-only operations (avx_helper.c): env, X86Reg *d, const X86Reg *s, uint32_t imm. */
/* in-lane */
extern const TCGHelperInfo i386_avx_permilps;     /* d permuted by the control in s */
extern const TCGHelperInfo i386_avx_permilpd;
extern const TCGHelperInfo i386_avx_permilps_imm; /* s permuted by imm */
extern const TCGHelperInfo i386_avx_permilpd_imm;
extern const TCGHelperInfo i386_avx_psllvd;       /* per element, counts in s */
extern const TCGHelperInfo i386_avx_psllvq;
extern const TCGHelperInfo i386_avx_psrlvd;
extern const TCGHelperInfo i386_avx_psrlvq;
extern const TCGHelperInfo i386_avx_psravd;
extern const TCGHelperInfo i386_avx_blendv;       /* imm: 1:0 log2 size, 7:4 mask register, 8 upper lane */
extern const TCGHelperInfo i386_avx_vcmpps;       /* imm: the 5-bit predicate */
extern const TCGHelperInfo i386_avx_vcmppd;
extern const TCGHelperInfo i386_avx_vcmpss;
extern const TCGHelperInfo i386_avx_vcmpsd;
/* whole register: imm bit 8 is VEX.L */
extern const TCGHelperInfo i386_avx_permd;        /* s permuted by the indexes in d (H) */
extern const TCGHelperInfo i386_avx_permq;        /* s permuted by imm */
extern const TCGHelperInfo i386_avx_perm2f128;    /* lanes of d (H) and s by imm */
extern const TCGHelperInfo i386_avx_broadcastb;   /* the low element of s everywhere */
extern const TCGHelperInfo i386_avx_broadcastw;
extern const TCGHelperInfo i386_avx_broadcastd;
extern const TCGHelperInfo i386_avx_broadcastq;
extern const TCGHelperInfo i386_avx_broadcast128;
extern const TCGHelperInfo i386_avx_movmsk;       /* (env, s, desc) -> sign bits; desc 0 ps 1 pd 2 b */
extern const TCGHelperInfo i386_avx_test;         /* EFLAGS; imm 0 ptest, 1 testps, 2 testpd */
extern const TCGHelperInfo i386_avx_maskmov;      /* (env, d, mask, i64 addr, desc) */
extern const TCGHelperInfo i386_avx_cvtph2ps;     /* F16C; imm bit 8 VEX.L */
extern const TCGHelperInfo i386_avx_cvtps2ph;     /* F16C; imm: rounding, bit 8 VEX.L */
extern const TCGHelperInfo i386_avx_gather;       /* (env, d, mask, index, i64 base, i64 seg, desc) */
extern const TCGHelperInfo i386_avx_fma;          /* (env, d, h, s, desc): FMA3, see avx_helper.c */

#endif
