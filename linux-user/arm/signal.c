/*
 * signal.c — ARM signal frames, laid out as the kernel's
 * arch/arm/kernel/signal.c builds them (EABI):
 *
 *   sigframe:    [ ucontext | retcode[4] ]
 *   rt_sigframe: [ siginfo (128) | ucontext | retcode[4] ]
 *
 *   ucontext:  uc_flags  uc_link  uc_stack(sp,flags,size)        0 .. 20
 *              sigcontext: trap_no error_code oldmask r0-r10 fp ip sp lr pc cpsr
 *                          fault_address                           20 .. 104
 *              uc_sigmask (8) + padding to 128 bytes              104 .. 232
 *              uc_regspace[128 words]: VFP block (magic 0x56465001, size 288,
 *              d0-d31, fpscr, fpexc, fpinst, fpinst2), then a 0 word  232 .. 744
 *
 * The handler gets r0 = signal, (rt) r1 = &info, r2 = &uc, lr = the
 * sa_restorer or a return trampoline.  As in current kernels the
 * trampoline that runs is not the copy in the frame (the stack is not
 * executable) but one in an executable page the kernel provides (here the
 * kuser page, ARM_SIGRETURN_CODE); the frame still gets the kernel's
 * instruction sequence so that unwinders recognise it.
 */
#include "linux-user/arm/target-arm.h"

#define UC_FLAGS     0
#define UC_LINK      4
#define UC_STACK     8
#define UC_MCONTEXT  20
#define UC_SIGMASK   104
#define UC_REGSPACE  232
#define UC_SIZE      744
#define SIGFRAME_SIZE (UC_SIZE + 16)
#define RT_INFO_SIZE 128

#define SC_TRAPNO    0
#define SC_ERRCODE   4
#define SC_OLDMASK   8
#define SC_R0        12            /* r0 .. r15 follow, then cpsr, fault_address */
#define SC_CPSR      (SC_R0 + 16 * 4)
#define SC_FAULT     (SC_CPSR + 4)

#define VFP_MAGIC    0x56465001u
#define VFP_SIZE     288

/* The kernel's return trampolines: ARM and Thumb, sigreturn (119) and rt_sigreturn (173). */
static const uint32_t retcode_arm[2][2] = {
    { 0xe3a07077, 0xef900077 },    /* mov r7, #119; swi #0x900077 */
    { 0xe3a070ad, 0xef9000ad },    /* mov r7, #173; swi #0x9000ad */
};
static const uint16_t retcode_thumb[2][2] = {
    { 0x2777, 0xdf00 },            /* movs r7, #119; svc #0 */
    { 0x27ad, 0xdf00 },            /* movs r7, #173; svc #0 */
};

/* Frame words are data (guest byte order); the trampoline is code, always little-endian (BE8). */
static void put32(uint8_t *b, unsigned off, uint32_t v)
{
    v = tswap32(v);
    memcpy(b + off, &v, 4);
}

static uint32_t get32(const uint8_t *b, unsigned off)
{
    uint32_t v;
    memcpy(&v, b + off, 4);
    return tswap32(v);
}

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
    v = tswap64(v);
    memcpy(b + off, &v, 8);
}

static uint64_t get64(const uint8_t *b, unsigned off)
{
    uint64_t v;
    memcpy(&v, b + off, 8);
    return tswap64(v);
}

static void fill_ucontext(uint8_t *uc, CPUARMState *env, uint64_t blocked, bool rt)
{
    LuTask *t = lu_task;
    memset(uc, 0, UC_SIZE);
    /* the kernel marks the non-rt frame with a value trap_no never has */
    put32(uc, UC_FLAGS, rt ? 0 : 0x5ac3c35a);
    put32(uc, UC_STACK, t->ss_sp);
    put32(uc, UC_STACK + 4, (t->ss_flags & LU_SS_DISABLE) ? LU_SS_DISABLE : 0);
    put32(uc, UC_STACK + 8, t->ss_size);
    uint8_t *sc = uc + UC_MCONTEXT;
    put32(sc, SC_TRAPNO, 0);
    put32(sc, SC_ERRCODE, 0);
    put32(sc, SC_OLDMASK, (uint32_t)blocked);
    for (int i = 0; i < 16; i++) {
        put32(sc, SC_R0 + 4 * i, env->regs[i]);
    }
    put32(sc, SC_CPSR, cpsr_read(env));
    put32(sc, SC_FAULT, env->exception.vaddress);
    put64(uc, UC_SIGMASK, blocked);
    uint8_t *rs = uc + UC_REGSPACE;
    if (arm_feature(env, ARM_FEATURE_VFP)) {
        put32(rs, 0, VFP_MAGIC);
        put32(rs, 4, VFP_SIZE);
        for (int i = 0; i < 32; i++) {
            put64(rs, 8 + 8 * i, env->vfp.d[i]);
        }
        put32(rs, 8 + 256, vfp_get_fpscr(env));
        put32(rs, 272, env->vfp.fpexc);
        rs += VFP_SIZE;
    }
    put32(rs, 0, 0);
}

void lu_arm_write_sigreturn_code(uint8_t *page_at_code)
{
    memcpy(page_at_code, retcode_arm, 16);
    memcpy(page_at_code + 16, retcode_thumb, 8);
}

bool lu_arch_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka, const LuSigInfo *info,
                         uint64_t blocked, bool rt)
{
    CPUARMState *env = cpu->env_ptr;
    abi_ulong sp = lu_sigframe_sp(cpu, ka, env->regs[13]);
    unsigned size = SIGFRAME_SIZE + (rt ? RT_INFO_SIZE : 0);
    abi_ulong frame = (sp - size) & ~7u;
    abi_ulong uc_addr = frame + (rt ? RT_INFO_SIZE : 0);

    uint8_t buf[SIGFRAME_SIZE];
    fill_ucontext(buf, env, blocked, rt);
    bool thumb = ka->handler & 1;
    abi_ulong retcode;
    if (ka->flags & TARGET_SA_RESTORER) {
        retcode = ka->restorer;
    } else {
        uint8_t *rc = buf + UC_SIZE;
        if (thumb) {
            uint16_t h[2] = { retcode_thumb[rt][0], retcode_thumb[rt][1] };
            memcpy(rc, h, 4);      /* little-endian host: the code's byte order */
        } else {
            memcpy(rc, retcode_arm[rt], 8);
        }
        retcode = ARM_SIGRETURN_CODE + (thumb ? 16 + 4 * rt + 1 : 8 * rt);
    }
    if (lu_copy_to(uc_addr, buf, SIGFRAME_SIZE)) {
        return false;
    }
    if (rt && lu_put_siginfo(frame, info)) {
        return false;
    }
    env->regs[0] = sig;
    if (rt) {
        env->regs[1] = frame;
        env->regs[2] = uc_addr;
    }
    env->regs[13] = frame;
    env->regs[14] = retcode;
    env->regs[15] = ka->handler & ~1u;
    env->thumb = thumb;
    env->condexec_bits = 0;
    return true;
}

abi_long lu_arch_sigreturn(CPUState *cpu, bool rt)
{
    CPUARMState *env = cpu->env_ptr;
    abi_ulong frame = env->regs[13];
    abi_ulong uc_addr = frame + (rt ? RT_INFO_SIZE : 0);
    uint8_t buf[UC_SIZE];
    if ((frame & 7) || lu_copy_from(buf, uc_addr, UC_SIZE)) {
        lu_queue_fault(SIGSEGV, SEGV_MAPERR, frame);
        return LU_ESIGRETURN;
    }
    uint64_t mask = get64(buf, UC_SIGMASK);
    lu_task->sigmask = mask & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    lu_signal_recheck();           /* something may have been unblocked */
    const uint8_t *sc = buf + UC_MCONTEXT;
    for (int i = 0; i < 16; i++) {
        env->regs[i] = get32(sc, SC_R0 + 4 * i);
    }
    uint32_t cpsr = get32(sc, SC_CPSR);
    /* only what user mode may change: flags, GE, Q, Thumb and IT state */
    cpsr_write(env, cpsr, CPSR_USER | CPSR_EXEC);
    env->regs[15] &= env->thumb ? ~1u : ~3u;
    const uint8_t *rs = buf + UC_REGSPACE;
    if (get32(rs, 0) == VFP_MAGIC && get32(rs, 4) == VFP_SIZE) {
        for (int i = 0; i < 32; i++) {
            env->vfp.d[i] = get64(rs, 8 + 8 * i);
        }
        vfp_set_fpscr(env, get32(rs, 8 + 256));
    }
    return LU_ESIGRETURN;
}
