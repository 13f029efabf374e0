/*
 * isa.h — shared by the ISA guest programs: each program computes its
 * results with inline ARM assembly when built for ARM and with a portable
 * C model of the architecture's pseudocode otherwise.  The test runs the
 * ARM build under emu-arm and the native build on the host and compares
 * the two outputs line by line, so the reference is the C model, written
 * from the ARMv7-A Architecture Reference Manual, never emu itself.
 *
 * ISA_LEVEL (5, 6 or 7) is passed to both builds so that they print the
 * same set of tests: 5 for armel's ARMv5TE baseline, 7 for armhf.
 */
#ifndef ISA_H
#define ISA_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef ISA_LEVEL
#define ISA_LEVEL 7
#endif

#if defined(__arm__)
#define ISA_ON_ARM 1
#else
#define ISA_ON_ARM 0
#endif

/* CPSR bits the programs print */
#define PSR_N (1u << 31)
#define PSR_Z (1u << 30)
#define PSR_C (1u << 29)
#define PSR_V (1u << 28)
#define PSR_Q (1u << 27)
#define PSR_GE(x) ((uint32_t)(x) << 16)
#define PSR_SHOWN 0xf80f0000u

/* Operands that reach the edges: zero, one, the signed limits, all ones, halfwords and bytes at their limits. */
static const uint32_t isa_edge[] = {
    0x00000000, 0x00000001, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001,
    0x7ffffffe, 0x12345678, 0xfedcba98, 0x00008000, 0x7fff8001, 0x807f7f80,
    0x00ff00ff, 0xff01ff01,
};
#define ISA_NEDGE (sizeof(isa_edge) / sizeof(isa_edge[0]))

static inline uint32_t nz32(uint32_t r)
{
    return (r & PSR_N) | (r == 0 ? PSR_Z : 0);
}

#endif
