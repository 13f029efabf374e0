/*
 * test-x86-hostfp.c — the SSE and x87 arithmetic that runs on the host's own
 * instructions (sse_helper.c, x87_helper.c) must not depend on what the host's
 * MXCSR and x87 words held before: those paths skip LDMXCSR, FLDCW and FNCLEX
 * when the host already holds the default controls and only flags the guest
 * has raised.  Each case leaves the host with other flags or other controls,
 * runs a few guest instructions under the emulator, and compares the result
 * and the guest's flags with the same machine code run natively from a clean
 * state (the reference is the hardware, not the emulator).
 */
#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "cpu.h"
#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"
#include "x87.h"

#define BASE 0x400000ull
#define SIZE 0x10000ull
#define DATA (BASE + 0x8000)

static uint8_t *mem;      /* the guest's memory, at BASE */
static uint8_t *native;   /* an executable page for the native run */

/* what the host's x87 status word holds when the guest starts */
enum { HOST_X87_CLEAN, HOST_X87_ZE, HOST_X87_IE };

/* Run code (64-bit) under the emulator with rdi = DATA, data copied there first. */
static X86CPU *emu_run(const uint8_t *code, size_t len, const void *data, size_t dlen,
                       uint32_t host_mxcsr, uint16_t host_fcw, int host_x87_flags)
{
    X86CPU *cpu = i386_cpu_new(i386_cpu_model_find("max"), true);
    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);     /* translated code write-protects its page */
    memcpy(mem, code, len);
    memcpy(mem + (DATA - BASE), data, dlen);
    tb_invalidate_phys_range(BASE, BASE + 0x1000);
    cpu->env.eip = BASE;
    cpu->env.regs[R_ESP] = BASE + 0x7000;
    cpu->env.regs[R_EDI] = DATA;
    cpu_breakpoint_insert(&cpu->parent, BASE + len);

    /* the disturbed host: flags the guest has not raised, controls it does not use */
    __asm__ volatile("fninit\n\t"
                     "fldcw %[cw]" : : [cw] "m"(host_fcw));
    if (host_x87_flags == HOST_X87_ZE) {
        /* fdivp st(1), st(0): 1/0 raises ZE, a flag the guest code never raises */
        __asm__ volatile("fld1\n\tfldz\n\t.byte 0xde, 0xf9\n\tfstp %%st(0)" : : : "st", "st(1)");
    } else if (host_x87_flags == HOST_X87_IE) {
        /* 0/0 raises IE */
        __asm__ volatile("fldz\n\tfldz\n\t.byte 0xde, 0xf9\n\tfstp %%st(0)" : : : "st", "st(1)");
    }
    __asm__ volatile("ldmxcsr %[m]" : : [m] "m"(host_mxcsr));

    int r;
    do {
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);

    /* back to the ABI's state */
    uint32_t def = 0x1f80;
    __asm__ volatile("ldmxcsr %[m]\n\tfninit" : : [m] "m"(def));
    g_assert_cmpint(r, ==, EXCP_DEBUG);
    cpu_breakpoint_remove(&cpu->parent, BASE + len);
    return cpu;
}

/* The same code natively (a ret appended) with rdi = buf, from MXCSR 0x1f80 and FNINIT. */
static void native_run(const uint8_t *code, size_t len, void *buf)
{
    memcpy(native, code, len);
    native[len] = 0xc3;
    uint32_t def = 0x1f80;
    __asm__ volatile("ldmxcsr %[m]\n\t"
                     "fninit\n\t"
                     "sub $128, %%rsp\n\t"       /* over the red zone */
                     "call *%[f]\n\t"
                     "add $128, %%rsp\n\t"
                     "ldmxcsr %[m]\n\t"
                     "fninit"
                     : "+D"(buf)
                     : [f] "r"(native), [m] "m"(def)
                     : "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "xmm0", "xmm1",
                       "memory", "st", "st(1)", "st(2)", "st(3)");
}

/*
 * movsd xmm0, [rdi]; addsd xmm0, [rdi+8]; movsd [rdi+16], xmm0; stmxcsr [rdi+24]: the
 * guest's sum and MXCSR.
 */
static const uint8_t sse_code[] = {
    0xf2, 0x0f, 0x10, 0x07, 0xf2, 0x0f, 0x58, 0x47, 0x08,
    0xf2, 0x0f, 0x11, 0x47, 0x10, 0x0f, 0xae, 0x5f, 0x18,
};

static void check_sse(double a, double b, uint32_t host_mxcsr)
{
    uint64_t in[4] = { 0 }, want[4], got[4];
    memcpy(&in[0], &a, 8);
    memcpy(&in[1], &b, 8);
    memcpy(want, in, sizeof(in));
    native_run(sse_code, sizeof(sse_code), want);
    emu_run(sse_code, sizeof(sse_code), in, sizeof(in), host_mxcsr, 0x037f, HOST_X87_CLEAN);
    memcpy(got, mem + (DATA - BASE), sizeof(got));
    g_assert_cmphex(got[2], ==, want[2]);
    g_assert_cmphex((uint32_t)got[3], ==, (uint32_t)want[3]);
}

/* Host flags the guest has not raised must not reach it: an exact sum (0) and an inexact one. */
static void test_sse_host_flags(void)
{
    check_sse(1.0, -1.0, 0x1f80 | 0x3f);
    check_sse(-1.0, 0x1p-1074, 0x1f80 | 0x3f);
    check_sse(1.0, 0x1p-60, 0x1f80 | 0x3f);
}

/*
 * The host's rounding control is not the guest's: -1 + the least subnormal rounds to -1
 * to nearest, to -1 - ulp downward (the subnormal keeps fpu/'s C fast path out of it).
 */
static void test_sse_host_control(void)
{
    check_sse(-1.0, 0x1p-1074, 0x1f80 | 0x2000);
    check_sse(-1.0, 0x1p-1074, 0x1f80 | 0x2000 | 0x8040);
}

/*
 * fld1; fld1; faddp; fld1; fld1; faddp; fld1; faddp (2, 3); fdivp st(1) (2/3, PE);
 * fld st0; fmulp (4/9); fld st0; faddp (8/9); fnstsw ax; fstp tbyte [rdi]; mov [rdi+16], ax
 */
static const uint8_t x87_code[] = {
    0xd9, 0xe8, 0xd9, 0xe8, 0xde, 0xc1, 0xd9, 0xe8, 0xd9, 0xe8, 0xde, 0xc1, 0xd9, 0xe8,
    0xde, 0xc1, 0xde, 0xf9, 0xd9, 0xc0, 0xde, 0xc9, 0xd9, 0xc0, 0xde, 0xc1,
    0xdf, 0xe0, 0xdb, 0x3f, 0x66, 0x89, 0x47, 0x10,
};

static void check_x87(uint16_t host_fcw, int host_flags)
{
    uint8_t want[32] = { 0 }, zero[32] = { 0 };
    native_run(x87_code, sizeof(x87_code), want);
    X86CPU *cpu = emu_run(x87_code, sizeof(x87_code), zero, sizeof(zero), 0x1f80, host_fcw,
                          host_flags);
    const uint8_t *got = mem + (DATA - BASE);
    g_assert_cmpmem(got, 10, want, 10);
    uint16_t ws, gs;
    memcpy(&ws, want + 16, 2);
    memcpy(&gs, got + 16, 2);
    g_assert_cmphex(gs & 0x3f, ==, ws & 0x3f);
    g_assert_cmphex(i386_x87_get_fsw(&cpu->env) & 0x3f, ==, ws & 0x3f);
}

/* ZE in the host's status word, which the guest never raises. */
static void test_x87_host_flags(void)
{
    check_x87(0x037f, HOST_X87_ZE);
}

/*
 * fld1; fchs; fsqrt (IE); fstp st0; fld1; fld tbyte [rdi+32] (a denormal); faddp (DE, PE);
 * fnstsw ax; fstp tbyte [rdi]; mov [rdi+16], ax.  With IE already sticky in the host's
 * status word (the guest has it too), the add's DE must still reach the guest: IE is
 * reported without DE only when the same operation raised both.
 */
static const uint8_t x87_de_code[] = {
    0xd9, 0xe8, 0xd9, 0xe0, 0xd9, 0xfa, 0xdd, 0xd8, 0xd9, 0xe8, 0xdb, 0x6f, 0x20, 0xde, 0xc1,
    0xdf, 0xe0, 0xdb, 0x3f, 0x66, 0x89, 0x47, 0x10,
};

static void test_x87_host_sticky_ie(void)
{
    uint8_t want[48] = { 0 }, in[48] = { 0 };
    in[32] = 1;                                   /* the least 80-bit denormal */
    memcpy(want, in, sizeof(in));
    native_run(x87_de_code, sizeof(x87_de_code), want);
    X86CPU *cpu = emu_run(x87_de_code, sizeof(x87_de_code), in, sizeof(in), 0x1f80, 0x037f,
                          HOST_X87_IE);
    uint16_t ws;
    memcpy(&ws, want + 16, 2);
    g_assert_cmphex(ws & 0x3f, ==, 0x23);         /* the hardware: IE, DE, PE */
    g_assert_cmphex(i386_x87_get_fsw(&cpu->env) & 0x3f, ==, ws & 0x3f);
}

/* Round down and double precision in the host's control word: the products round otherwise. */
static void test_x87_host_control(void)
{
    check_x87(0x077f, HOST_X87_CLEAN);
    check_x87(0x027f, HOST_X87_CLEAN);
    check_x87(0x0f7f, HOST_X87_ZE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(mem != MAP_FAILED);
    native = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                  -1, 0);
    g_assert(native != MAP_FAILED);
    guest_base = (uintptr_t)mem - BASE;
    tcg_exec_init(0, false, &error_fatal);
    i386_cpu_new(NULL, true);
    page_set_flags(BASE, BASE + SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);

    g_test_add_func("/x86/hostfp/sse-host-flags", test_sse_host_flags);
    g_test_add_func("/x86/hostfp/sse-host-control", test_sse_host_control);
    g_test_add_func("/x86/hostfp/x87-host-flags", test_x87_host_flags);
    g_test_add_func("/x86/hostfp/x87-host-control", test_x87_host_control);
    g_test_add_func("/x86/hostfp/x87-host-sticky-ie", test_x87_host_sticky_ie);
    return g_test_run();
}
