/*
 * x86-gen.h — a generator of random x86 instruction sequences for the
 * differential test: each sequence runs natively and under emu from the
 * same state and must end in the same state.  The generator encodes from
 * the Intel manual on its own (it shares nothing with the emulator's
 * decoder) and tracks which arithmetic flags the manual leaves undefined,
 * so that the comparison masks them and no later instruction reads them.
 *
 * Conventions of a sequence: rsp is the stack (only push/pop move it), rbx
 * points into DATA (X86T_DATA + 128) and is never written, so memory
 * operands are [rbx + disp], [rbx + disp] through a SIB byte, RIP-relative
 * (64-bit) or absolute (32-bit) addresses inside DATA.
 */
#ifndef TESTS_TCG_X86_GEN_H
#define TESTS_TCG_X86_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x86-native.h"

/* What a sequence may contain. */
enum {
    X86G_REG = 1 << 0,             /* integer instructions on registers */
    X86G_FLAGS = 1 << 1,           /* flag readers: jcc, setcc, cmov, adc, lahf ... */
    X86G_MEM = 1 << 2,             /* memory operands, push/pop, strings, LOCK */
    X86G_SSE = 1 << 3,             /* SSE .. SSE4.2 on XMM registers and memory */
    X86G_FAULT = 1 << 4,           /* instructions that may fault (DIV, #UD encodings) */
    X86G_X87 = 1 << 5,             /* x87 loads, stores, arithmetic, compares, control */
    X86G_MMX = 1 << 6,             /* MMX (and its effect on the x87 state) */
    X86G_ALL = 0x7f,
    X86G_AVX = 1 << 7,             /* VEX-encoded AVX/AVX2 on XMM/YMM (not in X86G_ALL) */
    X86G_FAR = 1 << 8,             /* far JMP/CALL/RET/IRET between 0x23 and 0x33, LSS/LGS/LES/LDS */
};

/* CPUID features of the host the generator may use. */
typedef struct X86HostFeatures {
    bool ssse3, sse41, sse42, popcnt, lzcnt, bmi1, bmi2, movbe, adx, sse3, aes, pclmul, sha;
    bool avx2;                     /* AVX and AVX2 usable (CPUID, and XCR0 enables YMM) */
    bool fma;                      /* FMA3 (with avx2) */
    bool f16c;                     /* VCVTPH2PS/VCVTPS2PH (with avx2) */
} X86HostFeatures;

typedef struct X86Seq {
    uint8_t code[X86T_CODE_MAX];
    size_t len;
    unsigned ninsns;
    uint32_t undef_flags;          /* arithmetic flags undefined at the end */
    uint16_t fsw_mask;             /* x87 status word bits defined at the end */
    uint16_t insn_off[512];        /* start of each instruction (for reports) */
} X86Seq;

typedef struct X86GenConfig {
    bool mode64;
    unsigned kinds;                /* X86G_* */
    unsigned max_insns;            /* at most this many instructions (before the final jump) */
    X86HostFeatures host;
} X86GenConfig;

/* Fill seq with a random sequence from seed, ending with a jump to X86T_EPILOGUE. */
void x86_gen_sequence(X86Seq *seq, const X86GenConfig *cfg, uint64_t seed);
/* A random initial state and DATA contents for seed (rsp, rbx fixed as above). */
void x86_gen_state(X86State *st, uint8_t *data, bool mode64, uint64_t seed);
/* Read the host's CPUID. */
void x86_gen_host_features(X86HostFeatures *f);

#endif
