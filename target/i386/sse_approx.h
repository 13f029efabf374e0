/*
 * sse_approx.h — the approximate reciprocals of SSE and AVX (RCPPS, RCPSS,
 * RSQRTPS, RSQRTSS and their VEX forms), implemented in sse_approx_helper.c
 * with the sse_helper.h signature: env, X86Reg *d, const X86Reg *s, uint32_t imm.
 */
#ifndef TARGET_I386_SSE_APPROX_H
#define TARGET_I386_SSE_APPROX_H

#include <stdint.h>

#include "tcg/tcg.h"

extern const TCGHelperInfo i386_sse_rcpps;      /* each lane of s: 1/x */
extern const TCGHelperInfo i386_sse_rcpss;      /* lane 0 of s, lanes 1-3 of d kept */
extern const TCGHelperInfo i386_sse_rsqrtps;    /* each lane of s: 1/sqrt(x) */
extern const TCGHelperInfo i386_sse_rsqrtss;    /* lane 0 of s, lanes 1-3 of d kept */

/* One lane, as a binary32 bit pattern (also for tests). */
uint32_t i386_approx_rcp32(uint32_t x);
uint32_t i386_approx_rsqrt32(uint32_t x);

#endif
