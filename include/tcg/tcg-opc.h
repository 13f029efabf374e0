/*
 * tcg-opc.h — the IR opcode table, the single source of truth for ops.
 *
 * Each row is   DEF(name, outputs, inputs, constants, flags)   followed by a
 * comment with the op's meaning.  Includers define DEF and include this file;
 * it generates the TCGOpcode enum, the names printed by `-d op`, the argument
 * counts and the flag table (tcg/tcg-common.c).  Arguments of an op are laid
 * out in that order: outputs, then inputs, then constants.
 *
 * Ops are type-generic: a TCGOp carries its type (TCG_TYPE_I32 or _I64) and
 * every temp argument has that type, except where a row says otherwise.
 * Legend used in the comments: t0, t1 ... are the temp arguments in order,
 * c0, c1 ... the constants, W the op's width in bits (32 or 64), and
 * "signed"/"unsigned" refer to the W-bit two's complement reading.
 *
 * Flags (TCG_OPF_*, described in tcg.h): BB_END ends a basic block, BB_EXIT
 * leaves the TB, SIDE_EFFECTS keeps the op even when its outputs are dead,
 * CALL_CLOBBER may call out of generated code (slow paths, helpers),
 * COND_BRANCH is a conditional branch, NOT_I32 exists only at type I64, WIDTH
 * changes width (its input has the other type than the op).
 */
#ifndef DEF
#error "define DEF(name, outputs, inputs, constants, flags) before including tcg-opc.h"
#endif

/* ---- structure and control flow ---------------------------------------- */
DEF(discard, 1, 0, 0, 0)                    /* t0's value is no longer needed */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
                                            /* label c0 (TCGLabel *) is here */
DEF(call, 0, 0, 1, TCG_OPF_CALL_CLOBBER)    /* call helper c0 (TCGHelperInfo *);
                                               the op carries its own output and input counts */
DEF(br, 0, 0, 1, TCG_OPF_BB_END)            /* jump to label c0 */
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH)
                                            /* if (t0 c0 t1) jump to label c1; c0 a TCGCond */
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)      /* memory barrier of kind c0 (TCG_MO_* | TCG_BAR_*) */
DEF(insn_start, 0, 0, TCG_INSN_START_WORDS, TCG_OPF_SIDE_EFFECTS)
                                            /* a guest instruction starts; c0..c2 are the
                                               target-defined words restored on an exception */
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS)
                                            /* return c0 (TB pointer | exit index, or 0) to the loop */
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS)
                                            /* patchable direct jump number c0 (0 or 1) to a
                                               chained TB; falls through until patched */
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_END | TCG_OPF_BB_EXIT | TCG_OPF_SIDE_EFFECTS)
                                            /* jump to host code t0 (ptr); t0 == 0 returns 0 */

/* ---- moves and comparisons ---------------------------------------------- */
DEF(mov, 1, 1, 0, 0)                        /* t0 = t1 */
DEF(setcond, 1, 2, 1, 0)                    /* t0 = (t1 c0 t2) ? 1 : 0 */
DEF(negsetcond, 1, 2, 1, 0)                 /* t0 = (t1 c0 t2) ? -1 : 0 */
DEF(movcond, 1, 4, 1, 0)                    /* t0 = (t1 c0 t2) ? t3 : t4 */

/* ---- host memory, relative to a pointer temp (usually env) ------------ */
DEF(ld8u, 1, 1, 1, 0)                       /* t0 = zero-extended *(uint8_t *)(t1 + c0) */
DEF(ld8s, 1, 1, 1, 0)                       /* t0 = sign-extended *(int8_t *)(t1 + c0) */
DEF(ld16u, 1, 1, 1, 0)                      /* t0 = zero-extended *(uint16_t *)(t1 + c0) */
DEF(ld16s, 1, 1, 1, 0)                      /* t0 = sign-extended *(int16_t *)(t1 + c0) */
DEF(ld32u, 1, 1, 1, TCG_OPF_NOT_I32)        /* t0 = zero-extended *(uint32_t *)(t1 + c0) */
DEF(ld32s, 1, 1, 1, TCG_OPF_NOT_I32)        /* t0 = sign-extended *(int32_t *)(t1 + c0) */
DEF(ld, 1, 1, 1, 0)                         /* t0 = W-bit *(t1 + c0) */
DEF(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)     /* *(uint8_t *)(t1 + c0) = t0 */
DEF(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)    /* *(uint16_t *)(t1 + c0) = t0 */
DEF(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_NOT_I32)
                                            /* *(uint32_t *)(t1 + c0) = t0 */
DEF(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)      /* W-bit *(t1 + c0) = t0 */

/* ---- arithmetic --------------------------------------------------------- */
DEF(add, 1, 2, 0, 0)                        /* t0 = t1 + t2 (mod 2^W) */
DEF(sub, 1, 2, 0, 0)                        /* t0 = t1 - t2 */
DEF(neg, 1, 1, 0, 0)                        /* t0 = -t1 */
DEF(mul, 1, 2, 0, 0)                        /* t0 = low W bits of t1 * t2 */
DEF(muluh, 1, 2, 0, 0)                      /* t0 = high W bits of unsigned t1 * t2 */
DEF(mulsh, 1, 2, 0, 0)                      /* t0 = high W bits of signed t1 * t2 */
DEF(mulu2, 2, 2, 0, 0)                      /* t1:t0 = unsigned t2 * t3 (t0 low half) */
DEF(muls2, 2, 2, 0, 0)                      /* t1:t0 = signed t2 * t3 */
DEF(div, 1, 2, 0, 0)                        /* t0 = signed t1 / t2, rounded toward zero (1) */
DEF(divu, 1, 2, 0, 0)                       /* t0 = unsigned t1 / t2 (1) */
DEF(rem, 1, 2, 0, 0)                        /* t0 = signed t1 % t2, sign of t1 (1) */
DEF(remu, 1, 2, 0, 0)                       /* t0 = unsigned t1 % t2 (1) */
    /* (1) t2 == 0, and INT_MIN / -1 for the signed ops, are undefined: front
       ends test first.  TCI and the folder give 0 for x / 0 and x % 0,
       INT_MIN for INT_MIN / -1 and 0 for INT_MIN % -1, without trapping. */
DEF(add2, 2, 4, 0, 0)                       /* t1:t0 = t3:t2 + t5:t4 (double-width add,
                                               t0/t2/t4 the low halves; carry chains) */
DEF(sub2, 2, 4, 0, 0)                       /* t1:t0 = t3:t2 - t5:t4 */

/* ---- logic -------------------------------------------------------------- */
DEF(and, 1, 2, 0, 0)                        /* t0 = t1 & t2 */
DEF(or, 1, 2, 0, 0)                         /* t0 = t1 | t2 */
DEF(xor, 1, 2, 0, 0)                        /* t0 = t1 ^ t2 */
DEF(andc, 1, 2, 0, 0)                       /* t0 = t1 & ~t2 */
DEF(orc, 1, 2, 0, 0)                        /* t0 = t1 | ~t2 */
DEF(eqv, 1, 2, 0, 0)                        /* t0 = ~(t1 ^ t2) */
DEF(nand, 1, 2, 0, 0)                       /* t0 = ~(t1 & t2) */
DEF(nor, 1, 2, 0, 0)                        /* t0 = ~(t1 | t2) */
DEF(not, 1, 1, 0, 0)                        /* t0 = ~t1 */

/* ---- shifts and rotates: the count t2 is taken modulo W ---------------- */
DEF(shl, 1, 2, 0, 0)                        /* t0 = t1 << (t2 % W) */
DEF(shr, 1, 2, 0, 0)                        /* t0 = unsigned t1 >> (t2 % W) */
DEF(sar, 1, 2, 0, 0)                        /* t0 = signed t1 >> (t2 % W) */
DEF(rotl, 1, 2, 0, 0)                       /* t0 = t1 rotated left by t2 % W */
DEF(rotr, 1, 2, 0, 0)                       /* t0 = t1 rotated right by t2 % W */

/* ---- bit fields: 0 <= c0, 1 <= c1, c0 + c1 <= W ------------------------ */
DEF(extract, 1, 1, 2, 0)                    /* t0 = zero-extended bits [c0, c0+c1) of t1 */
DEF(sextract, 1, 1, 2, 0)                   /* t0 = sign-extended bits [c0, c0+c1) of t1 */
DEF(deposit, 1, 2, 2, 0)                    /* t0 = t1 with bits [c0, c0+c1) replaced by
                                               the low c1 bits of t2 */
DEF(extract2, 1, 2, 1, 0)                   /* t0 = low W bits of (t2:t1) >> c0, 0 <= c0 < W */

/* ---- extensions --------------------------------------------------------- */
DEF(ext8s, 1, 1, 0, 0)                      /* t0 = sign-extended low 8 bits of t1 */
DEF(ext8u, 1, 1, 0, 0)                      /* t0 = zero-extended low 8 bits of t1 */
DEF(ext16s, 1, 1, 0, 0)                     /* t0 = sign-extended low 16 bits of t1 */
DEF(ext16u, 1, 1, 0, 0)                     /* t0 = zero-extended low 16 bits of t1 */
DEF(ext32s, 1, 1, 0, TCG_OPF_NOT_I32)       /* t0 = sign-extended low 32 bits of t1 */
DEF(ext32u, 1, 1, 0, TCG_OPF_NOT_I32)       /* t0 = zero-extended low 32 bits of t1 */
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_NOT_I32 | TCG_OPF_WIDTH)
                                            /* i64 t0 = sign-extended i32 t1 */
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_NOT_I32 | TCG_OPF_WIDTH)
                                            /* i64 t0 = zero-extended i32 t1 */
DEF(extrl_i64_i32, 1, 1, 0, TCG_OPF_WIDTH)  /* i32 t0 = low half of i64 t1 (op type I32) */
DEF(extrh_i64_i32, 1, 1, 0, TCG_OPF_WIDTH)  /* i32 t0 = high half of i64 t1 (op type I32) */

/* ---- byte swaps: c0 is 0 (zero-extend the result) or TCG_BSWAP_OS ----- */
DEF(bswap16, 1, 1, 1, 0)                    /* t0 = low 2 bytes of t1 swapped, extended */
DEF(bswap32, 1, 1, 1, 0)                    /* t0 = low 4 bytes of t1 swapped, extended */
DEF(bswap64, 1, 1, 1, TCG_OPF_NOT_I32)      /* t0 = the 8 bytes of t1 swapped */

/* ---- bit counts ------------------------------------------------------- */
DEF(clz, 1, 2, 0, 0)                        /* t0 = t1 ? leading zeros of t1 : t2 */
DEF(ctz, 1, 2, 0, 0)                        /* t0 = t1 ? trailing zeros of t1 : t2 */
DEF(ctpop, 1, 1, 0, 0)                      /* t0 = number of set bits in t1 */

/* ---- guest memory: c0 is a MemOpIdx, c1 the address width (32 or 64) -- */
DEF(qemu_ld, 1, 1, 2, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
                                            /* t0 = guest load at address t1 (8..64 bits;
                                               128-bit accesses are split by tcg-op.c) */
DEF(qemu_st, 0, 2, 2, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
                                            /* guest store of t0 at address t1 */
