/*
 * xsave.h — the XSAVE feature set (xsave_helper.c): XCR0 as user mode has
 * it, CPUID leaf 0xd, and the helpers of XSAVE/XSAVEOPT/XSAVEC, XRSTOR and
 * XGETBV (emitted by emit-xsave.c).
 */
#ifndef TARGET_I386_XSAVE_H
#define TARGET_I386_XSAVE_H

#include "cpu.h"
#include "tcg/tcg.h"

/*
 * System mode: recompute HF_AVX_UD, HF_XSAVE_UD and HF_TS (cpu.h) from CR0,
 * CR4 and XCR0; called by whatever writes them (MOV CR0/CR4, LMSW, CLTS,
 * XSETBV, reset), which also ends the TB.  Nothing in user mode.
 */
void i386_update_xstate_hflags(CPUArchState *env);

/* XCR0: x87 | SSE (| AVX) when the CPU has XSAVE, else 0. */
uint64_t i386_xcr0(CPUArchState *env);
/* CPUID.(EAX=0xd, ECX=subleaf). */
void i386_cpuid_xsave(CPUArchState *env, uint32_t subleaf, uint32_t *eax, uint32_t *ebx,
                      uint32_t *ecx, uint32_t *edx);

/* The XSAVE area size for XCR0 (CPUID.(0xd,0).EBX); 0 without XSAVE. */
uint32_t i386_xsave_size(CPUArchState *env);
/*
 * The standard-format image of the components in rfbm & XCR0 into buf (the
 * size above; XSTATE_BV = the components in use), as XSAVE writes it into
 * a zeroed area: linux-user's signal frames.
 */
void i386_xsave_image(CPUArchState *env, uint8_t *buf, uint64_t rfbm);
/* XRSTOR from a host buffer; false (nothing changed) when the header is invalid. */
bool i386_xrstor_image(CPUArchState *env, const uint8_t *buf, uint64_t rfbm);

extern const TCGHelperInfo i386_helper_xsave;   /* (env, i64 addr, i64 EDX:EAX, i32 0 xsave 1 opt 2 c) */
extern const TCGHelperInfo i386_helper_xrstor;  /* (env, i64 addr, i64 EDX:EAX) */
extern const TCGHelperInfo i386_helper_xgetbv;  /* (env, i64 ECX) -> XCR */
extern const TCGHelperInfo i386_helper_xsetbv;  /* (env, i64 ECX, i64 EDX:EAX) */

#endif
