/*
 * signal.c — MIPS signal frames, laid out as the kernel's
 * arch/mips/kernel/signal.c builds them:
 *
 *   sigframe (o32, no SA_SIGINFO): [ ass[4] pad[2] | sigcontext | sigset (16) ]
 *   rt_sigframe:                   [ ass[4] pad[2] | siginfo (128) | ucontext ]
 *
 *   ucontext: uc_flags uc_link uc_stack(sp, size, flags) | sigcontext | sigset (16)
 *   o32 sigcontext (592 bytes): regmask status pc(8) regs[32](8 each) fpregs[32]
 *       acx fpc_csr fpc_eir used_math dsp | mdhi mdlo hi1 lo1 hi2 lo2 hi3 lo3
 *   n64 sigcontext (600 bytes): regs[32] fpregs[32] mdhi hi1-3 mdlo lo1-3 pc
 *       fpc_csr used_math dsp reserved
 *
 * Registers are saved as 64-bit values (sign-extended on o32, as a 64-bit
 * kernel holds them).  The handler gets a0 = signal, a1 = &info (rt) or 0,
 * a2 = &ucontext / &sigcontext, sp = the frame, t9 = pc = handler and
 * ra = the trampoline.  Linux runs the trampoline from its vdso page; here
 * it is the page MIPS_SIGPAGE that elf.c maps (li v0, NR; syscall).
 * sc_pc is the pc to resume at: after a fault in a delay slot, the branch.
 */
#include "linux-user/mips/target-mips.h"

#ifdef TARGET_MIPS_N64
#define SC_REGS      0
#define SC_FPREGS    256
#define SC_MDHI      512
#define SC_MDLO      544
#define SC_PC        576
#define SC_FPC_CSR   584
#define SC_USED_MATH 588
#define SC_SIZE      600
#define NR_SIGRETURN    0              /* n64 has only rt frames */
#define NR_RT_SIGRETURN (5000 + 211)
#else
#define SC_PC        8
#define SC_REGS      16
#define SC_FPREGS    272
#define SC_FPC_CSR   532
#define SC_USED_MATH 540
#define SC_MDHI      552
#define SC_MDLO      560
#define SC_SIZE      592
#define NR_SIGRETURN    (4000 + 119)
#define NR_RT_SIGRETURN (4000 + 193)
#endif

#define W            (TARGET_ABI_BITS / 8)
/* ucontext: flags, link, stack_t (3 words), then the sigcontext (8-byte aligned). */
#define UC_FLAGS     0
#define UC_LINK      W
#define UC_STACK     (2 * W)
#define UC_MCONTEXT  (5 * W + (TARGET_ABI_BITS == 32 ? 4 : 0))
#define UC_SIGMASK   (UC_MCONTEXT + SC_SIZE)
#define UC_SIZE      (UC_SIGMASK + 16)
#define FRAME_HEAD   24                /* argument save area and the old trampoline slot */
#define INFO_SIZE    128
#define RT_FRAME_SIZE (FRAME_HEAD + INFO_SIZE + UC_SIZE)
#define FRAME_SIZE   (FRAME_HEAD + SC_SIZE + 16)

static void put32(uint8_t *b, unsigned off, uint32_t v)
{
    v = tswap32(v);
    memcpy(b + off, &v, 4);
}

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
    v = tswap64(v);
    memcpy(b + off, &v, 8);
}

static void putword(uint8_t *b, unsigned off, abi_ulong v)
{
    v = tswapal(v);
    memcpy(b + off, &v, W);
}

static uint32_t get32(const uint8_t *b, unsigned off)
{
    uint32_t v;
    memcpy(&v, b + off, 4);
    return tswap32(v);
}

static uint64_t get64(const uint8_t *b, unsigned off)
{
    uint64_t v;
    memcpy(&v, b + off, 8);
    return tswap64(v);
}

/* The kernel's sigset_t: signals 1..64 in the first 8 bytes, in the ABI's words. */
static void put_sigset(uint8_t *b, unsigned off, uint64_t m)
{
    memset(b + off, 0, 16);
#ifdef TARGET_MIPS_N64
    put64(b, off, m);
#else
    put32(b, off, (uint32_t)m);
    put32(b, off + 4, (uint32_t)(m >> 32));
#endif
}

static uint64_t get_sigset(const uint8_t *b, unsigned off)
{
#ifdef TARGET_MIPS_N64
    return get64(b, off);
#else
    return get32(b, off) | (uint64_t)get32(b, off + 4) << 32;
#endif
}

static void fill_sigcontext(uint8_t *sc, CPUMIPSState *env)
{
    memset(sc, 0, SC_SIZE);
    put64(sc, SC_PC, env->pc);
    for (int i = 1; i < 32; i++) {
        put64(sc, SC_REGS + 8 * i, env->gpr[i]);
    }
    put64(sc, SC_MDHI, env->hi);
    put64(sc, SC_MDLO, env->lo);
    if (env->cp0.status & MIPS_ST_CU1) {
        for (int i = 0; i < 32; i++) {
            put64(sc, SC_FPREGS + 8 * i, env->fpr[i]);
        }
        put32(sc, SC_FPC_CSR, mips_fcsr_get(env));
        put32(sc, SC_USED_MATH, 1);
    }
}

static void restore_sigcontext(CPUMIPSState *env, const uint8_t *sc)
{
    env->pc = get64(sc, SC_PC);
    for (int i = 1; i < 32; i++) {
        mips_gpr_set(env, i, get64(sc, SC_REGS + 8 * i));
    }
    uint64_t hi = get64(sc, SC_MDHI), lo = get64(sc, SC_MDLO);
    bool wide = mips_feature(env, MIPS_FEATURE_MIPS3);
    env->hi = wide ? hi : (uint64_t)(int64_t)(int32_t)hi;
    env->lo = wide ? lo : (uint64_t)(int64_t)(int32_t)lo;
    if (get32(sc, SC_USED_MATH) && (env->cp0.status & MIPS_ST_CU1)) {
        for (int i = 0; i < 32; i++) {
            env->fpr[i] = get64(sc, SC_FPREGS + 8 * i);
        }
        mips_fcsr_set(env, get32(sc, SC_FPC_CSR));
    }
}

void lu_mips_write_sigreturn_code(void)
{
    /* li v0, NR (addiu v0, zero, NR); syscall — instructions in the guest's byte order */
    uint32_t code[4] = {
        tswap32(0x24020000u | NR_SIGRETURN), tswap32(0x0000000cu),
        tswap32(0x24020000u | NR_RT_SIGRETURN), tswap32(0x0000000cu),
    };
    memcpy(g2h(MIPS_SIGPAGE), code, sizeof(code));
}

bool lu_arch_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka, const LuSigInfo *info,
                         uint64_t blocked, bool rt)
{
    CPUMIPSState *env = cpu->env_ptr;
    LuTask *t = lu_task;
#ifdef TARGET_MIPS_N64
    rt = true;                         /* n64 has no sigreturn: every frame is an rt frame */
#endif
    /* 32 bytes below sp are left alone (the kernel's FPU emulator may use them) */
    abi_ulong sp = lu_sigframe_sp(cpu, ka, (abi_ulong)env->gpr[29] - 32);
    unsigned size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    abi_ulong frame = (sp - size) & ~(abi_ulong)15;
    uint8_t buf[RT_FRAME_SIZE];
    memset(buf, 0, sizeof(buf));
    abi_ulong ctx;
    if (rt) {
        uint8_t *uc = buf + FRAME_HEAD + INFO_SIZE;
        ctx = frame + FRAME_HEAD + INFO_SIZE;
        putword(uc, UC_FLAGS, 0);
        putword(uc, UC_LINK, 0);
        putword(uc, UC_STACK, t->ss_sp);
        putword(uc, UC_STACK + W, t->ss_size);
        put32(uc, UC_STACK + 2 * W, (t->ss_flags & LU_SS_DISABLE) ? LU_SS_DISABLE : 0);
        fill_sigcontext(uc + UC_MCONTEXT, env);
        put_sigset(uc, UC_SIGMASK, blocked);
    } else {
        ctx = frame + FRAME_HEAD;
        fill_sigcontext(buf + FRAME_HEAD, env);
        put_sigset(buf, FRAME_HEAD + SC_SIZE, blocked);
    }
    if (lu_copy_to(frame, buf, size)) {
        return false;
    }
    if (rt && lu_put_siginfo(frame + FRAME_HEAD, info)) {
        return false;
    }
    mips_gpr_set(env, 4, sig);
    mips_gpr_set(env, 5, rt ? frame + FRAME_HEAD : 0);
    mips_gpr_set(env, 6, ctx);         /* the ucontext, or the sigcontext of a non-rt frame */
    mips_gpr_set(env, 29, frame);
    mips_gpr_set(env, 31, rt ? MIPS_RT_SIGRETURN_CODE : MIPS_SIGRETURN_CODE);
    mips_gpr_set(env, 25, ka->handler);
    env->pc = ka->handler;
    return true;
}

abi_long lu_arch_sigreturn(CPUState *cpu, bool rt)
{
    CPUMIPSState *env = cpu->env_ptr;
    abi_ulong frame = (abi_ulong)env->gpr[29];
    unsigned size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    uint8_t buf[RT_FRAME_SIZE];
    if (lu_copy_from(buf, frame, size)) {
        lu_queue_fault(TARGET_SIGSEGV, 0x80, 0);
        return LU_ESIGRETURN;
    }
    const uint8_t *sc;
    uint64_t mask;
    if (rt) {
        const uint8_t *uc = buf + FRAME_HEAD + INFO_SIZE;
        sc = uc + UC_MCONTEXT;
        mask = get_sigset(uc, UC_SIGMASK);
    } else {
        sc = buf + FRAME_HEAD;
        mask = get_sigset(buf, FRAME_HEAD + SC_SIZE);
    }
    lu_task->sigmask = mask & ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
    lu_signal_recheck();           /* something may have been unblocked */
    restore_sigcontext(env, sc);
    return LU_ESIGRETURN;
}

abi_ulong lu_arch_get_sp(CPUState *cpu)
{
    return (abi_ulong)((CPUMIPSState *)cpu->env_ptr)->gpr[29];
}

abi_ulong lu_arch_get_pc(CPUState *cpu)
{
    return (abi_ulong)((CPUMIPSState *)cpu->env_ptr)->pc;
}
