/*
 * signal.c — x86 signal frames, laid out as the kernel's
 * arch/x86/kernel/signal_32.c (i386) and signal_64.c (x86-64) build them.
 *
 * i386 (offsets in bytes; the FP state follows the frame, 64-byte aligned):
 *   sigframe:    pretcode sig sigcontext(88) fpstate_unused(624) extramask retcode[8]
 *                0        4   8              96                  720       724
 *   rt_sigframe: pretcode sig pinfo puc siginfo(128) ucontext(116) retcode[8]
 *                0        4   8     12  16           144           260
 *   sigcontext:  gs fs es ds edi esi ebp esp ebx edx ecx eax trapno err eip cs
 *                eflags esp_at_signal ss fpstate oldmask cr2 (22 words)
 *   fpstate:     the FNSAVE-style header (112 bytes: cw sw tag ipoff cssel
 *                dataoff datasel, st0-7 in 10 bytes each, status, magic 0 =
 *                "FXSR data follows"), then the FXSAVE image, 64-byte aligned
 * x86-64 (below the 128-byte red zone):
 *   rt_sigframe: pretcode ucontext(304) siginfo(128), FXSAVE image after it
 *
 * With XSAVE (the kernel's use_xsave()) the FXSAVE image is the start of a
 * standard-format XSAVE area of every XCR0 component (x87, SSE, AVX): its
 * sw_reserved bytes (464) say so with FP_XSTATE_MAGIC1, the extended size
 * (the area + the 4-byte FP_XSTATE_MAGIC2 after it, + the 112-byte header
 * on i386), XCR0 and the area's size; x86-64 sets UC_FP_XSTATE.  sigreturn
 * restores the whole area when both magics check, else only the FXSAVE part
 * with the AVX state initialised, as the kernel does.
 *   ucontext:    uc_flags uc_link uc_stack(24) sigcontext(256) uc_sigmask
 *   sigcontext:  r8-r15 rdi rsi rbp rbx rdx rax rcx rsp rip eflags
 *                cs gs fs ss (16 bits each) err trapno oldmask cr2 fpstate
 *
 * The handler runs with a fresh FPU (FNINIT, MXCSR 0x1f80), DF and TF clear.
 * It returns through sa_restorer (glibc always sets it); i386 without one
 * returns through the frame's retcode, which keeps the kernel's sequence.
 */
#include "linux-user/i386/target-x86.h"
#include "target/i386/x87.h"
#include "target/i386/xsave.h"
#include "target/i386/seg.h"

#define FXSAVE_SIZE   512
#define LU_FP_XSTATE_MAGIC1 0x46505853u
#define LU_FP_XSTATE_MAGIC2 0x46505845u
#define FX_MAX        (1024 + 4)      /* the largest XSAVE area here, and magic2 */

static void put32(uint8_t *b, unsigned off, uint32_t v)
{
    memcpy(b + off, &v, 4);
}

#ifndef TARGET_X86_64
static uint32_t get32(const uint8_t *b, unsigned off)
{
    uint32_t v;
    memcpy(&v, b + off, 4);
    return v;
}
#endif

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
    memcpy(b + off, &v, 8);
}

static uint64_t get64(const uint8_t *b, unsigned off)
{
    uint64_t v;
    memcpy(&v, b + off, 8);
    return v;
}

/* Bytes of the FXSAVE/XSAVE part of the fpstate (XSAVE: the area and magic2). */
static unsigned fx_size(CPUArchState *env)
{
    unsigned xs = i386_xsave_size(env);
    return xs ? xs + 4 : FXSAVE_SIZE;
}

/* The FXSAVE image, or the XSAVE area with its software bytes; hdr: bytes before it (i386). */
static void fill_fx(CPUArchState *env, uint8_t *fx, unsigned hdr)
{
    unsigned xs = i386_xsave_size(env);
    if (!xs) {
        i386_fxsave(env, fx, true);
        return;
    }
    i386_xsave_image(env, fx, ~0ull);
    put32(fx, 464, LU_FP_XSTATE_MAGIC1);
    put32(fx, 468, xs + 4 + hdr);
    put64(fx, 472, i386_xcr0(env));
    put32(fx, 480, xs);
    memset(fx + 484, 0, 28);
    put32(fx, xs, LU_FP_XSTATE_MAGIC2);
}

/* sigreturn's FP state from fx (guest address); false: unreadable or invalid (SIGSEGV). */
static bool restore_fx(CPUArchState *env, abi_ulong fx_addr, unsigned hdr)
{
    uint8_t fx[FX_MAX];
    if (lu_copy_from(fx, fx_addr, FXSAVE_SIZE)) {
        return false;
    }
    unsigned xs = i386_xsave_size(env);
    uint32_t m1, ext, m2 = 0;
    memcpy(&m1, fx + 464, 4);
    memcpy(&ext, fx + 468, 4);
    if (xs && m1 == LU_FP_XSTATE_MAGIC1 && ext == xs + 4 + hdr &&
        !lu_copy_from(fx + FXSAVE_SIZE, fx_addr + FXSAVE_SIZE, xs + 4 - FXSAVE_SIZE)) {
        memcpy(&m2, fx + xs, 4);
    }
    if (m2 == LU_FP_XSTATE_MAGIC2) {
        return i386_xrstor_image(env, fx, get64(fx, 472));
    }
    /* a legacy frame: the FXSAVE part, the other components in their initial state */
    i386_fxrstor(env, fx, true);
    for (int i = 0; i < 16; i++) {
        env->xmm_regs[i].q[2] = env->xmm_regs[i].q[3] = 0;
    }
    return true;
}

/* The signal handler starts with the FPU of a fresh process. */
static void enter_handler(CPUArchState *env, abi_ulong handler, abi_ulong sp)
{
    /* the handler runs in the process's own mode, whatever far transfer came before */
    x86_user_load_cs(env, TARGET_ABI_BITS == 64 ? 0x33 : 0x23);
    /* trapno/err belong to this one frame */
    env->sys.delivering = 0;
    env->sys.error_code = 0;
    env->regs[R_ESP] = sp;
    env->eip = handler;
    i386_set_eflags(env, 0, DF_MASK | TF_MASK);
    i386_x87_reset(env);
    i386_set_mxcsr(env, 0x1f80);
}

#ifndef TARGET_X86_64
/* A selector loaded from a frame: its base from the descriptor table, as a MOV would. */
static void load_selector(CPUArchState *env, int seg, uint32_t sel)
{
    sel &= 0xffff;
    unsigned idx = sel >> 3;
    env->segs[seg].selector = sel;
    if (idx && !(sel & 4) && idx < ARRAY_SIZE(env->gdt)) {
        uint64_t d = env->gdt[idx];
        env->segs[seg].base = ((d >> 16) & 0xffffff) | ((d >> 56) & 0xff) << 24;
    } else if (TARGET_ABI_BITS == 32) {
        env->segs[seg].base = 0;
    }
}
#endif

static void restore_eflags(CPUArchState *env, uint64_t fl)
{
    i386_set_eflags(env, fl, CC_ALL | DF_MASK | TF_MASK | AC_MASK);
}

static void set_blocked(uint64_t mask)
{
    lu_task->sigmask = mask & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    lu_signal_recheck();           /* something may have been unblocked */
}

#ifndef TARGET_X86_64

#define SC_SIZE       88
#define FP_HDR_SIZE   112
#define SIGFRAME_SIZE 732
#define RT_FRAME_SIZE 268
#define RT_INFO       16
#define RT_UC         144
#define UC_MCONTEXT   20
#define UC_SIGMASK    108

/* sigcontext word offsets */
enum {
    SC_GS, SC_FS, SC_ES, SC_DS, SC_EDI, SC_ESI, SC_EBP, SC_ESP, SC_EBX, SC_EDX, SC_ECX,
    SC_EAX, SC_TRAPNO, SC_ERR, SC_EIP, SC_CS, SC_EFLAGS, SC_ESP_AT_SIGNAL, SC_SS,
    SC_FPSTATE, SC_OLDMASK, SC_CR2,
};

/* The kernel's return sequences: popl %eax; movl $119,%eax; int $0x80 and movl $173,%eax; int $0x80. */
static const uint8_t retcode_sig[8] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };
static const uint8_t retcode_rt[8] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80, 0 };

static void fill_fpstate(uint8_t *fp, CPUArchState *env)
{
    uint8_t *fx = fp + FP_HDR_SIZE;
    memset(fp, 0, FP_HDR_SIZE + fx_size(env));
    fill_fx(env, fx, FP_HDR_SIZE);
    /* the legacy header: control, status, full tag word, registers ST0-ST7 */
    put32(fp, 0, 0xffff0000u | env->fpuc);
    put32(fp, 4, 0xffff0000u | i386_x87_get_fsw(env));
    uint32_t tag = 0;
    for (int i = 0; i < 8; i++) {
        /* abridged bit i is physical register i; empty = 11, otherwise "valid" 00 */
        if (!(fx[4] >> i & 1)) {
            tag |= 3u << (2 * i);
        }
    }
    put32(fp, 8, 0xffff0000u | tag);
    for (int i = 0; i < 8; i++) {
        memcpy(fp + 28 + 10 * i, fx + 32 + 16 * i, 10);
    }
    fp[108] = fp[4];               /* status */
    fp[109] = fp[5];
    /* magic at 110: 0 says the FXSR image follows */
}

static void fill_sigcontext(uint8_t *sc, CPUArchState *env, uint32_t oldmask, abi_ulong fpstate)
{
    static const int regs[8] = { SC_EAX, SC_ECX, SC_EDX, SC_EBX, SC_ESP, SC_EBP, SC_ESI, SC_EDI };
    memset(sc, 0, SC_SIZE);
    put32(sc, 4 * SC_GS, env->segs[R_GS].selector);
    put32(sc, 4 * SC_FS, env->segs[R_FS].selector);
    put32(sc, 4 * SC_ES, env->segs[R_ES].selector);
    put32(sc, 4 * SC_DS, env->segs[R_DS].selector);
    for (int i = 0; i < 8; i++) {
        put32(sc, 4 * regs[i], env->regs[i]);
    }
    put32(sc, 4 * SC_TRAPNO, env->sys.delivering);
    put32(sc, 4 * SC_ERR, env->sys.error_code);
    put32(sc, 4 * SC_EIP, env->eip);
    put32(sc, 4 * SC_CS, env->segs[R_CS].selector);
    put32(sc, 4 * SC_EFLAGS, i386_get_eflags(env));
    put32(sc, 4 * SC_ESP_AT_SIGNAL, env->regs[R_ESP]);
    put32(sc, 4 * SC_SS, env->segs[R_SS].selector);
    put32(sc, 4 * SC_FPSTATE, fpstate);
    put32(sc, 4 * SC_OLDMASK, oldmask);
    put32(sc, 4 * SC_CR2, env->fault_addr);
}

bool lu_arch_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka, const LuSigInfo *info,
                         uint64_t blocked, bool rt)
{
    CPUArchState *env = cpu->env_ptr;
    abi_ulong sp = lu_sigframe_sp(cpu, ka, env->regs[R_ESP]);
    /* the FXSAVE/XSAVE part 64-byte aligned, the legacy header right before it */
    abi_ulong fpstate = ((sp - fx_size(env)) & ~63u) - FP_HDR_SIZE;
    unsigned size = rt ? RT_FRAME_SIZE : SIGFRAME_SIZE;
    /* the kernel's align_sigframe: (sp + 4) 16-byte aligned at the handler's entry */
    abi_ulong frame = ((fpstate - size + 4) & ~15u) - 4;

    uint8_t fp[FP_HDR_SIZE + FX_MAX];
    fill_fpstate(fp, env);
    if (lu_copy_to(fpstate, fp, FP_HDR_SIZE + fx_size(env))) {
        return false;
    }
    uint8_t buf[SIGFRAME_SIZE];
    memset(buf, 0, sizeof(buf));
    abi_ulong retcode = frame + (rt ? RT_FRAME_SIZE : SIGFRAME_SIZE) - 8;
    abi_ulong pretcode = (ka->flags & TARGET_SA_RESTORER) ? ka->restorer : retcode;
    put32(buf, 0, pretcode);
    put32(buf, 4, sig);
    if (rt) {
        put32(buf, 8, frame + RT_INFO);
        put32(buf, 12, frame + RT_UC);
        uint8_t *uc = buf + RT_UC;
        put32(uc, 0, 0);
        put32(uc, 4, 0);
        put32(uc, 8, lu_task->ss_sp);
        put32(uc, 12, (lu_task->ss_flags & LU_SS_DISABLE) ? LU_SS_DISABLE : 0);
        put32(uc, 16, lu_task->ss_size);
        fill_sigcontext(uc + UC_MCONTEXT, env, (uint32_t)blocked, fpstate);
        put64(uc, UC_SIGMASK, blocked);
        memcpy(buf + RT_FRAME_SIZE - 8, retcode_rt, 8);
    } else {
        fill_sigcontext(buf + 8, env, (uint32_t)blocked, fpstate);
        put32(buf, 720, (uint32_t)(blocked >> 32));
        memcpy(buf + SIGFRAME_SIZE - 8, retcode_sig, 8);
    }
    if (lu_copy_to(frame, buf, size)) {
        return false;
    }
    if (rt && lu_put_siginfo(frame + RT_INFO, info)) {
        return false;
    }
    enter_handler(env, ka->handler, frame);
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = rt ? frame + RT_INFO : 0;
    env->regs[R_ECX] = rt ? frame + RT_UC : 0;
    return true;
}

static bool restore_sigcontext(CPUArchState *env, const uint8_t *sc)
{
    static const int regs[8] = { SC_EAX, SC_ECX, SC_EDX, SC_EBX, SC_ESP, SC_EBP, SC_ESI, SC_EDI };
    for (int i = 0; i < 8; i++) {
        env->regs[i] = get32(sc, 4 * regs[i]);
    }
    env->eip = get32(sc, 4 * SC_EIP);
    if (!x86_user_load_cs(env, get32(sc, 4 * SC_CS) | 3)) {
        return false;
    }
    restore_eflags(env, get32(sc, 4 * SC_EFLAGS));
    /* the kernel's reload_segments: the data selectors come back with RPL 3 */
    load_selector(env, R_GS, get32(sc, 4 * SC_GS) | 3);
    load_selector(env, R_FS, get32(sc, 4 * SC_FS) | 3);
    load_selector(env, R_DS, get32(sc, 4 * SC_DS) | 3);
    load_selector(env, R_ES, get32(sc, 4 * SC_ES) | 3);
    abi_ulong fpstate = get32(sc, 4 * SC_FPSTATE);
    if (fpstate) {
        return restore_fx(env, fpstate + FP_HDR_SIZE, FP_HDR_SIZE);
    }
    return true;
}

abi_long lu_arch_sigreturn(CPUState *cpu, bool rt)
{
    CPUArchState *env = cpu->env_ptr;
    /* sigreturn runs after the restorer popped pretcode (and, non-rt, the signal number) */
    abi_ulong frame = env->regs[R_ESP] - (rt ? 4 : 8);
    uint8_t buf[SIGFRAME_SIZE];
    unsigned size = rt ? RT_FRAME_SIZE : SIGFRAME_SIZE;
    if (lu_copy_from(buf, frame, size)) {
        lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
        return LU_ESIGRETURN;
    }
    const uint8_t *sc;
    if (rt) {
        sc = buf + RT_UC + UC_MCONTEXT;
        set_blocked(get64(buf + RT_UC, UC_SIGMASK));
    } else {
        sc = buf + 8;
        set_blocked(get32(sc, 4 * SC_OLDMASK) | (uint64_t)get32(buf, 720) << 32);
    }
    if (!restore_sigcontext(env, sc)) {
        lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
    }
    return LU_ESIGRETURN;
}

#else

#define UC_MCONTEXT   40
#define UC_SIGMASK    296
#define UC_SIZE       304
#define RT_UC         8
#define RT_INFO       (RT_UC + UC_SIZE)
#define RT_FRAME_SIZE (RT_INFO + 128)
#define REDZONE       128

/* sigcontext: where each general register goes (8-byte slots), by register number */
static const unsigned sc_slot[16] = {
    [R_EAX] = 13, [R_ECX] = 14, [R_EDX] = 12, [R_EBX] = 11, [R_ESP] = 15, [R_EBP] = 10,
    [R_ESI] = 9, [R_EDI] = 8, [8] = 0, [9] = 1, [10] = 2, [11] = 3, [12] = 4, [13] = 5,
    [14] = 6, [15] = 7,
};
#define SC_RIP     128
#define SC_EFLAGS  136
#define SC_CS      144
#define SC_OLDMASK 168
#define SC_CR2     176
#define SC_FPSTATE 184
/* uc_flags: the fpstate is an XSAVE area; the frame saves SS, and sigreturn restores it strictly */
#define UC_FP_XSTATE         1
#define UC_SIGCONTEXT_SS     2
#define UC_STRICT_RESTORE_SS 4

bool lu_arch_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka, const LuSigInfo *info,
                         uint64_t blocked, bool rt)
{
    CPUArchState *env = cpu->env_ptr;
    if (!(ka->flags & TARGET_SA_RESTORER)) {
        return false;              /* the kernel insists on a restorer on x86-64 */
    }
    abi_ulong sp = env->regs[R_ESP] - REDZONE;
    sp = lu_sigframe_sp(cpu, ka, sp);
    abi_ulong fpstate = (sp - fx_size(env)) & ~(abi_ulong)63;
    /* at the handler's entry (rsp + 8) is 16-byte aligned, as after a call */
    abi_ulong frame = ((fpstate - RT_FRAME_SIZE) & ~(abi_ulong)15) - 8;

    uint8_t fx[FX_MAX];
    memset(fx, 0, sizeof(fx));
    fill_fx(env, fx, 0);
    if (lu_copy_to(fpstate, fx, fx_size(env))) {
        return false;
    }
    uint8_t buf[RT_FRAME_SIZE];
    memset(buf, 0, sizeof(buf));
    put64(buf, 0, ka->restorer);
    uint8_t *uc = buf + RT_UC;
    put64(uc, 0, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS |
                 (i386_xsave_size(env) ? UC_FP_XSTATE : 0));
    put64(uc, 16, lu_task->ss_sp);
    put32(uc, 24, (lu_task->ss_flags & LU_SS_DISABLE) ? LU_SS_DISABLE : 0);
    put64(uc, 32, lu_task->ss_size);
    uint8_t *sc = uc + UC_MCONTEXT;
    for (int i = 0; i < 16; i++) {
        put64(sc, 8 * sc_slot[i], env->regs[i]);
    }
    put64(sc, SC_RIP, env->eip);
    put64(sc, SC_EFLAGS, i386_get_eflags(env));
    uint16_t segs[4] = { env->segs[R_CS].selector, env->segs[R_GS].selector,
                         env->segs[R_FS].selector, env->segs[R_SS].selector };
    memcpy(sc + SC_CS, segs, 8);
    put64(sc, SC_CS + 8, env->sys.error_code);       /* err */
    put64(sc, SC_CS + 16, env->sys.delivering);      /* trapno */
    put64(sc, SC_OLDMASK, (uint32_t)blocked);
    put64(sc, SC_CR2, env->fault_addr);
    put64(sc, SC_FPSTATE, fpstate);
    put64(uc, UC_SIGMASK, blocked);
    if (lu_copy_to(frame, buf, RT_FRAME_SIZE) || lu_put_siginfo(frame + RT_INFO, info)) {
        return false;
    }
    enter_handler(env, ka->handler, frame);
    env->regs[R_EDI] = sig;
    env->regs[R_ESI] = frame + RT_INFO;
    env->regs[R_EDX] = frame + RT_UC;
    env->regs[R_EAX] = 0;
    return true;
}

abi_long lu_arch_sigreturn(CPUState *cpu, bool rt)
{
    CPUArchState *env = cpu->env_ptr;
    abi_ulong frame = env->regs[R_ESP] - 8;
    uint8_t buf[RT_FRAME_SIZE];
    if (!rt || lu_copy_from(buf, frame, RT_FRAME_SIZE)) {
        lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
        return LU_ESIGRETURN;
    }
    const uint8_t *uc = buf + RT_UC, *sc = uc + UC_MCONTEXT;
    set_blocked(get64(uc, UC_SIGMASK));
    for (int i = 0; i < 16; i++) {
        env->regs[i] = get64(sc, 8 * sc_slot[i]);
    }
    env->eip = get64(sc, SC_RIP);
    if (!x86_user_load_cs(env, (get64(sc, SC_CS) & 0xffff) | 3)) {
        lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
        return LU_ESIGRETURN;
    }
    restore_eflags(env, get64(sc, SC_EFLAGS));
    abi_ulong fpstate = get64(sc, SC_FPSTATE);
    if (fpstate && !restore_fx(env, fpstate, 0)) {
        lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
    }
    return LU_ESIGRETURN;
}

#endif
