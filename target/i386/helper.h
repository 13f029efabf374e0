/*
 * helper.h — the C helpers generated x86 code calls, one TCGHelperInfo each
 * (defined next to the function in *_helper.c).  Arguments are listed as
 * the info declares them; `env` is always first when present.
 */
#ifndef TARGET_I386_HELPER_H
#define TARGET_I386_HELPER_H

#include "tcg/tcg.h"

/* Descriptor words packed by the translator for the multi-purpose helpers. */
#define I386_DESC(op, ot, extra) ((uint32_t)(op) | (uint32_t)(ot) << 8 | (uint32_t)(extra) << 12)
#define I386_DESC_OP(d) ((d) & 0xff)
#define I386_DESC_OT(d) (((d) >> 8) & 0xf)
#define I386_DESC_EXTRA(d) ((d) >> 12)

/* Shift/rotate kinds (group 2 order, /0 .. /7; /6 is SAL = SHL). */
enum { I386_ROL, I386_ROR, I386_RCL, I386_RCR, I386_SHL, I386_SHR, I386_SAL, I386_SAR,
       I386_SHLD, I386_SHRD };
/* String operations. */
enum { I386_MOVS, I386_CMPS, I386_STOS, I386_LODS, I386_SCAS };
/* BCD adjustments. */
enum { I386_DAA, I386_DAS, I386_AAA, I386_AAS, I386_AAM, I386_AAD };
/* BMI1/BMI2 operations (emit-int.c i386_emit_bmi). */
enum { I386_ANDN, I386_BLSR, I386_BLSMSK, I386_BLSI, I386_BZHI, I386_PEXT, I386_PDEP,
       I386_MULX, I386_BEXTR, I386_SHLX, I386_SARX, I386_SHRX, I386_RORX };
/* Atomic read-modify-write operations. */
enum { I386_AT_ADD, I386_AT_OR, I386_AT_AND, I386_AT_XOR, I386_AT_XCHG, I386_AT_NEG };

/* cc_helper / int_helper.c */
extern const TCGHelperInfo i386_helper_raise_exception;   /* (env, i32 vector) noreturn */
extern const TCGHelperInfo i386_helper_raise_trap;        /* (env, i32 vector), eip already past the insn */
extern const TCGHelperInfo i386_helper_ldmxcsr;           /* (env, i32 value) */
extern const TCGHelperInfo i386_helper_stmxcsr;           /* (env) -> i32 */
extern const TCGHelperInfo i386_helper_cc_compute_all;    /* (i32 cc_op, dst, src, src2) -> flags */
extern const TCGHelperInfo i386_helper_read_eflags;       /* (env) -> eflags */
extern const TCGHelperInfo i386_helper_write_eflags;      /* (env, i64 value, i64 mask) */
extern const TCGHelperInfo i386_helper_div;               /* (env, i32 desc(signed, ot), i64 divisor) */
extern const TCGHelperInfo i386_helper_shift;             /* (env, i32 desc(kind, ot), val, count, other) -> result */
extern const TCGHelperInfo i386_helper_string;            /* (env, i32 desc(op, ot, rep|aflag|seg)) */
extern const TCGHelperInfo i386_helper_bcd;               /* (env, i32 desc(op, 0, imm)) */
extern const TCGHelperInfo i386_helper_cpuid;             /* (env) */
extern const TCGHelperInfo i386_helper_rdtsc;             /* (env) */
extern const TCGHelperInfo i386_helper_atomic_rmw;        /* (env, addr, val, i32 desc(op, ot)) -> old */
extern const TCGHelperInfo i386_helper_atomic_cmpxchg;    /* (env, addr, cmp, new, i32 ot) -> old */
extern const TCGHelperInfo i386_helper_cmpxchg8b;         /* (env, addr, i32 locked) */
extern const TCGHelperInfo i386_helper_cmpxchg16b;        /* (env, addr, i32 locked) */
extern const TCGHelperInfo i386_helper_pdep;              /* (src, mask) -> deposited */
extern const TCGHelperInfo i386_helper_pext;              /* (src, mask) -> extracted */
extern const TCGHelperInfo i386_helper_crc32;
extern const TCGHelperInfo i386_helper_load_seg;         /* (env, i32 seg, i64 selector) */             /* (crc, value, i32 bits) -> crc */

#endif
