/*
 * x87.h — the vocabulary shared by the x87 emitter (emit-x87.c) and its
 * helpers (x87_helper.c): memory formats, operations, descriptor bits.
 */
#ifndef TARGET_I386_X87_H
#define TARGET_I386_X87_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

/*
 * Memory operand formats (X87_TRUNC: FISTTP's round toward zero); X87_BCD is
 * the 18-digit packed BCD integer of FBLD/FBSTP, ten bytes like X87_F80.
 */
enum { X87_F32, X87_F64, X87_F80, X87_I16, X87_I32, X87_I64, X87_BCD };
#define X87_TRUNC 8

/* Two-operand operations in the ModRM.reg order of D8/DC/DA/DE (SDM vol. 2, A.5). */
enum { X87_ADD, X87_MUL, X87_COM, X87_COMP, X87_SUB, X87_SUBR, X87_DIV, X87_DIVR,
       X87_UCOM, X87_COMI, X87_UCOMI };

/* helper_x87_arith extra bits: the operand register i, or 8 for the memory operand. */
#define X87_MEMOP 8
#define X87_TO_STI 16                 /* the result goes to ST(i), not ST0 */
#define X87_POP 32                    /* pop once afterwards */
#define X87_POP2 64                   /* and once more (FCOMPP, FUCOMPP) */

/* One-register and constant operations (helper_x87_misc). */
enum {
    X87_FLD_STI, X87_FXCH, X87_FST_STI, X87_FSTP_STI, X87_FFREE, X87_FCHS, X87_FABS,
    X87_FTST, X87_FXAM, X87_FLD1, X87_FLDL2T, X87_FLDL2E, X87_FLDPI, X87_FLDLG2, X87_FLDLN2,
    X87_FLDZ, X87_FSQRT, X87_FRNDINT, X87_FSCALE, X87_FXTRACT, X87_FPREM, X87_FPREM1,
    X87_F2XM1, X87_FYL2X, X87_FYL2XP1, X87_FPATAN, X87_FPTAN, X87_FSIN, X87_FCOS,
    X87_FSINCOS, X87_FDECSTP, X87_FINCSTP, X87_FNCLEX, X87_FNINIT, X87_FPOP,
};

/* Environment images (helper_x87_image). */
enum { X87_IMG_FXSAVE, X87_IMG_FXRSTOR, X87_IMG_FNSTENV, X87_IMG_FNSAVE, X87_IMG_FLDENV,
       X87_IMG_FRSTOR };

extern const TCGHelperInfo i386_helper_x87_load;   /* (env, i32 kind, lo, hi) push */
extern const TCGHelperInfo i386_helper_x87_store;  /* (env, i32 kind) -> bits of ST0 */
extern const TCGHelperInfo i386_helper_x87_arith;  /* (env, i32 desc) */
extern const TCGHelperInfo i386_helper_x87_ft0;    /* (env, i32 kind, bits) memory operand */
extern const TCGHelperInfo i386_helper_x87_arith_m; /* (env, i32 desc with the kind as ot, bits) */
extern const TCGHelperInfo i386_helper_x87_misc;   /* (env, i32 desc) */
extern const TCGHelperInfo i386_helper_x87_fcmov;  /* (env, i32 i, i64 cond) */
extern const TCGHelperInfo i386_helper_x87_fnstsw; /* (env) -> FSW */
extern const TCGHelperInfo i386_helper_x87_fldcw;  /* (env, i64 FCW) */
extern const TCGHelperInfo i386_helper_x87_image;  /* (env, i32 desc, i64 addr) */

/* Reset to FNINIT's state. */
void i386_x87_reset(CPUArchState *env);
/* The status word with TOP. */
uint16_t i386_x87_get_fsw(CPUArchState *env);
/* The FXSAVE image to/from a host buffer (512 bytes); XMM registers when with_xmm. */
void i386_fxsave(CPUArchState *env, uint8_t *buf, bool with_xmm);
void i386_fxrstor(CPUArchState *env, const uint8_t *buf, bool with_xmm);

#endif
