/*
 * x86-native.h — run a sequence of x86 machine code natively on this host,
 * in 64-bit mode or in 32-bit compatibility mode (a far jump to the
 * kernel's 32-bit user code segment), from a given register state, and
 * capture the final registers, flags, XMM registers and MXCSR — or the
 * exception it raised.  The emulator side of the test maps the same layout
 * at the same guest addresses, so addresses inside the code agree.
 *
 * The x87 stack starts empty (FNINIT) and its state is captured with FXSAVE;
 * with AVX the YMM upper halves are loaded (VINSERTF128) and captured
 * (VEXTRACTF128) too.
 *
 * Layout of the region (fixed, below 4 GiB so that 32-bit code reaches it):
 *   CODE      the sequence under test; it ends with a jump to EPILOGUE
 *   EPILOGUE  stores the state to OUT and returns to the harness
 *   DATA      bytes the sequences read and write (rbx points into it)
 *   STACK     the sequences' stack (rsp starts at STACK_START, below STACK_TOP)
 */
#ifndef TESTS_TCG_X86_NATIVE_H
#define TESTS_TCG_X86_NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define X86T_REGION     0x10000000ull
#define X86T_REGION_SIZE 0x50000ull
#define X86T_CODE       (X86T_REGION + 0x0000)
#define X86T_CODE_MAX   0x7000
#define X86T_EPILOGUE   (X86T_REGION + 0x8000)
#define X86T_STUB       (X86T_REGION + 0x9000)
#define X86T_DATA       (X86T_REGION + 0x10000)
#define X86T_DATA_SIZE  0x1000
#define X86T_STACK_TOP  (X86T_REGION + 0x30000)
#define X86T_STACK_CMP  0x400          /* bytes below STACK_TOP cleared before and compared after */
#define X86T_STACK_START (X86T_STACK_TOP - 0x100)   /* rsp at the start: pops stay in the window */
#define X86T_OUT        (X86T_REGION + 0x40000)
#define X86T_FXSAVE     (X86T_OUT + 0x400)
#define X86T_SLOTS      (X86T_REGION + 0x41000)

/* The architectural state compared by the tests. */
typedef struct X86State {
    uint64_t regs[16];             /* rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8 .. r15 */
    uint64_t rflags;
    uint32_t mxcsr;
    uint32_t pad;
    uint8_t xmm[16][16];
    uint64_t mm[8];                /* the x87 registers' significands (MMX), tags empty at start */
    uint8_t ymmh[16][16];          /* bits 255:128 of YMM0-15 (loaded and captured when the host has AVX) */
} X86State;

typedef struct X86Result {
    X86State st;                   /* valid when excp < 0 */
    uint8_t fxsave[512];           /* the FXSAVE image at the end (x87 state) */
    int excp;                      /* -1: ran to the epilogue; else the vector (0 #DE, 6 #UD ...) */
    uint64_t excp_eip;             /* the faulting instruction */
} X86Result;

/* True when the host has AVX enabled by the OS (the YMM upper halves are part of the state). */
bool x86_native_avx(void);
/* Map the region at its fixed address; false (with a reason) when the host cannot. */
bool x86_native_init(const char **why);
/* The region (host address == guest address X86T_REGION). */
uint8_t *x86_native_region(void);
/* Write the epilogue for the mode (done once per mode switch). */
void x86_native_set_mode(bool mode64);
/* Run CODE natively from *in with DATA initialised from data; fills *out. */
void x86_native_run(const X86State *in, const uint8_t *data, X86Result *out);

#endif
