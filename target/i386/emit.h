/*
 * emit.h — the instruction emitters the opcode maps point at
 * (decode-table.c): integer ones in emit-int.c, SSE ones in emit-sse.c.
 * Each takes the decoded instruction with its operands resolved.
 */
#ifndef TARGET_I386_EMIT_H
#define TARGET_I386_EMIT_H

#include "translate.h"

/* stack primitives (emit-int.c) */
void i386_gen_push(DisasContext *s, MemOp ot, TCGv_i64 v);
TCGv_i64 i386_gen_pop(DisasContext *s, MemOp ot);

/* emit-int.c */
void i386_emit_alu(DisasContext *s, X86Insn *d);
void i386_emit_test(DisasContext *s, X86Insn *d);
void i386_emit_incdec(DisasContext *s, X86Insn *d);
void i386_emit_not(DisasContext *s, X86Insn *d);
void i386_emit_neg(DisasContext *s, X86Insn *d);
void i386_emit_mul1(DisasContext *s, X86Insn *d);
void i386_emit_imul(DisasContext *s, X86Insn *d);
void i386_emit_div(DisasContext *s, X86Insn *d);
void i386_emit_shift(DisasContext *s, X86Insn *d);
void i386_emit_mov(DisasContext *s, X86Insn *d);
void i386_emit_movx(DisasContext *s, X86Insn *d);
/* emit-compat.c: legacy-mode-only opcodes */
void i386_emit_salc(DisasContext *s, X86Insn *d);
void i386_emit_movsxd_arpl(DisasContext *s, X86Insn *d);
void i386_emit_lea(DisasContext *s, X86Insn *d);
void i386_emit_xchg(DisasContext *s, X86Insn *d);
void i386_emit_nop(DisasContext *s, X86Insn *d);
void i386_emit_push(DisasContext *s, X86Insn *d);
void i386_emit_pop(DisasContext *s, X86Insn *d);
void i386_emit_pushf(DisasContext *s, X86Insn *d);
void i386_emit_popf(DisasContext *s, X86Insn *d);
void i386_emit_lahf(DisasContext *s, X86Insn *d);
void i386_emit_sahf(DisasContext *s, X86Insn *d);
void i386_emit_cbw(DisasContext *s, X86Insn *d);
void i386_emit_cwd(DisasContext *s, X86Insn *d);
void i386_emit_xlat(DisasContext *s, X86Insn *d);
void i386_emit_bswap(DisasContext *s, X86Insn *d);
void i386_emit_movbe(DisasContext *s, X86Insn *d);
void i386_emit_cmov(DisasContext *s, X86Insn *d);
void i386_emit_setcc(DisasContext *s, X86Insn *d);
void i386_emit_jcc(DisasContext *s, X86Insn *d);
void i386_emit_jmp(DisasContext *s, X86Insn *d);
void i386_emit_call(DisasContext *s, X86Insn *d);
void i386_emit_jmp_ind(DisasContext *s, X86Insn *d);
void i386_emit_call_ind(DisasContext *s, X86Insn *d);
void i386_emit_ret(DisasContext *s, X86Insn *d);
void i386_emit_loop(DisasContext *s, X86Insn *d);
void i386_emit_enter(DisasContext *s, X86Insn *d);
void i386_emit_leave(DisasContext *s, X86Insn *d);
void i386_emit_int(DisasContext *s, X86Insn *d);
void i386_emit_priv(DisasContext *s, X86Insn *d);
void i386_emit_ud(DisasContext *s, X86Insn *d);
void i386_emit_flagop(DisasContext *s, X86Insn *d);
void i386_emit_bt(DisasContext *s, X86Insn *d);
void i386_emit_bsf(DisasContext *s, X86Insn *d);
void i386_emit_tzcnt(DisasContext *s, X86Insn *d);
void i386_emit_popcnt(DisasContext *s, X86Insn *d);
void i386_emit_xadd(DisasContext *s, X86Insn *d);
void i386_emit_cmpxchg(DisasContext *s, X86Insn *d);
void i386_emit_cmpxchg8b(DisasContext *s, X86Insn *d);
void i386_emit_string(DisasContext *s, X86Insn *d);
void i386_emit_bcd(DisasContext *s, X86Insn *d);
void i386_emit_cpuid(DisasContext *s, X86Insn *d);
void i386_emit_rdtsc(DisasContext *s, X86Insn *d);
void i386_emit_fence(DisasContext *s, X86Insn *d);
void i386_emit_ldmxcsr(DisasContext *s, X86Insn *d);
void i386_emit_stmxcsr(DisasContext *s, X86Insn *d);
void i386_emit_crc32(DisasContext *s, X86Insn *d);
void i386_emit_adx(DisasContext *s, X86Insn *d);
void i386_emit_bmi(DisasContext *s, X86Insn *d);
void i386_emit_pusha(DisasContext *s, X86Insn *d);
void i386_emit_into(DisasContext *s, X86Insn *d);
void i386_emit_bound(DisasContext *s, X86Insn *d);
void i386_emit_mov_to_seg(DisasContext *s, X86Insn *d);
void i386_emit_pop_seg(DisasContext *s, X86Insn *d);
void i386_emit_push_seg(DisasContext *s, X86Insn *d);
void i386_emit_mov_from_seg(DisasContext *s, X86Insn *d);

/* emit-x87.c */
void i386_emit_x87(DisasContext *s, X86Insn *d);
void i386_emit_fxsave(DisasContext *s, X86Insn *d);
void i386_emit_fwait(DisasContext *s, X86Insn *d);

/* emit-mmx.c */
void i386_emit_mmx_op(DisasContext *s, X86Insn *d);
void i386_emit_mmx_mov(DisasContext *s, X86Insn *d);
void i386_emit_emms(DisasContext *s, X86Insn *d);
void i386_emit_mmx_pinsrw(DisasContext *s, X86Insn *d);
void i386_emit_mmx_pmovmskb(DisasContext *s, X86Insn *d);
void i386_emit_mmx_cvt(DisasContext *s, X86Insn *d);
void i386_emit_movq2dq(DisasContext *s, X86Insn *d);
void i386_emit_maskmov(DisasContext *s, X86Insn *d);

/* emit-sse.c */
/* system mode: false after emitting the #UD/#NM that CR0.EM/TS or CR4.OSFXSR call for */
bool i386_sse_usable(DisasContext *s);
void i386_emit_sse_ldmxcsr(DisasContext *s, X86Insn *d);
void i386_emit_sse_stmxcsr(DisasContext *s, X86Insn *d);
/* emit-xsave.c */
void i386_emit_xsave(DisasContext *s, X86Insn *d);
void i386_emit_xgetbv(DisasContext *s, X86Insn *d);
/* emit-avx.c: the VEX vector instructions */
void i386_emit_avx_op(DisasContext *s, X86Insn *d);
void i386_emit_avx_shiftv(DisasContext *s, X86Insn *d);
void i386_emit_avx_shift_imm(DisasContext *s, X86Insn *d);
void i386_emit_avx_mov(DisasContext *s, X86Insn *d);
void i386_emit_avx_movs(DisasContext *s, X86Insn *d);
void i386_emit_avx_movd(DisasContext *s, X86Insn *d);
void i386_emit_avx_movq(DisasContext *s, X86Insn *d);
void i386_emit_avx_movlh(DisasContext *s, X86Insn *d);
void i386_emit_avx_pinsr(DisasContext *s, X86Insn *d);
void i386_emit_avx_insertps(DisasContext *s, X86Insn *d);
void i386_emit_avx_pextr(DisasContext *s, X86Insn *d);
void i386_emit_avx_cvtsi2s(DisasContext *s, X86Insn *d);
void i386_emit_avx_cvts2si(DisasContext *s, X86Insn *d);
void i386_emit_avx_pcmpstrm(DisasContext *s, X86Insn *d);
void i386_emit_avx_vzero(DisasContext *s, X86Insn *d);
void i386_emit_avx_movmsk(DisasContext *s, X86Insn *d);
void i386_emit_avx_test(DisasContext *s, X86Insn *d);
void i386_emit_avx_whole(DisasContext *s, X86Insn *d);
void i386_emit_avx_insert128(DisasContext *s, X86Insn *d);
void i386_emit_avx_extract128(DisasContext *s, X86Insn *d);
void i386_emit_avx_blendv(DisasContext *s, X86Insn *d);
void i386_emit_avx_fma(DisasContext *s, X86Insn *d);
void i386_emit_avx_maskmov(DisasContext *s, X86Insn *d);
void i386_emit_avx_f16c(DisasContext *s, X86Insn *d);
void i386_emit_avx_gather(DisasContext *s, X86Insn *d);
void i386_emit_sse_op(DisasContext *s, X86Insn *d);
void i386_emit_sse_unpckq(DisasContext *s, X86Insn *d);
void i386_emit_sse_flags(DisasContext *s, X86Insn *d);
void i386_emit_sse_mov128(DisasContext *s, X86Insn *d);
void i386_emit_sse_movs(DisasContext *s, X86Insn *d);
void i386_emit_sse_movd(DisasContext *s, X86Insn *d);
void i386_emit_sse_movq(DisasContext *s, X86Insn *d);
void i386_emit_sse_movlh(DisasContext *s, X86Insn *d);
void i386_emit_sse_mask(DisasContext *s, X86Insn *d);
void i386_emit_sse_cvtsi2s(DisasContext *s, X86Insn *d);
void i386_emit_sse_cvts2si(DisasContext *s, X86Insn *d);
void i386_emit_sse_pinsr(DisasContext *s, X86Insn *d);
void i386_emit_sse_insertps(DisasContext *s, X86Insn *d);
void i386_emit_sse_pextr(DisasContext *s, X86Insn *d);
void i386_emit_movnti(DisasContext *s, X86Insn *d);
void i386_emit_sse_pcmpstr(DisasContext *s, X86Insn *d);

#endif
