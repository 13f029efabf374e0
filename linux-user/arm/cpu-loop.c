/*
 * cpu-loop.c — the ARM guest's life: run cpu_exec, and on the way out
 * handle what user mode handles: SVC (EABI: number in r7; the OABI form
 * swi #0x900000+n is accepted too), the kuser helpers at 0xffff0fxx, and
 * the faults that become signals (undefined instruction: SIGILL, aborts:
 * SIGSEGV/SIGBUS with si_addr, BKPT: SIGTRAP).  Signals are delivered
 * between cpu_exec runs.
 *
 * The front end leaves regs[15] after the SVC (the return address, as the
 * kernel sees it); restarting an interrupted call steps back over it.
 */
#include "linux-user/arm/target-arm.h"
#include "util/error.h"
#include "util/log.h"

#include <sched.h>
#include <stdlib.h>


/* ---- ARM-private syscalls ------------------------------------------------------ */

abi_long lu_arm_sys_breakpoint(LuCall *c)
{
    CPUARMState *env = c->cpu->env_ptr;
    lu_queue_fault(SIGTRAP, 1 /* TRAP_BRKPT */, env->regs[15]);
    return 0;
}

abi_long lu_arm_sys_cacheflush(LuCall *c)
{
    /* translated code is invalidated by the SMC protection already */
    return 0;
}

abi_long lu_arm_sys_set_tls(LuCall *c)
{
    lu_arch_set_tls(c->cpu, c->a[0]);
    return 0;
}

abi_long lu_arm_sys_get_tls(LuCall *c)
{
    return ((CPUARMState *)c->cpu->env_ptr)->cp15.tpidruro;
}

/* ---- kuser helpers (the kernel's Documentation/arm/kernel_user_helpers) ---------- */

static bool kuser_cmpxchg32(CPUARMState *env)
{
    uint32_t *p = lu_lock(env->regs[2], 4, true);
    if (!p || (env->regs[2] & 3)) {
        lu_queue_fault(SIGSEGV, SEGV_MAPERR, env->regs[2]);
        return false;
    }
    uint32_t expected = tswap32(env->regs[0]);
    bool ok = __atomic_compare_exchange_n(p, &expected, tswap32(env->regs[1]), false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    env->regs[0] = ok ? 0 : 1;
    env->CF = ok;
    env->regs[3] = 0;
    return true;
}

static bool kuser_cmpxchg64(CPUARMState *env)
{
    uint64_t oldv, newv;
    uint64_t *p = lu_lock(env->regs[2], 8, true);
    if (!p || (env->regs[2] & 7) || lu_copy_from(&oldv, env->regs[0], 8) ||
        lu_copy_from(&newv, env->regs[1], 8)) {
        lu_queue_fault(SIGSEGV, SEGV_MAPERR, env->regs[2]);
        return false;
    }
    /* both values are in guest memory order already, as the pointer's are */
    bool ok = __atomic_compare_exchange_n(p, &oldv, newv, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    env->regs[0] = ok ? 0 : 1;
    env->CF = ok;
    return true;
}

bool lu_arm_kernel_trap(CPUARMState *env)
{
    bool ok = true;
    switch (env->regs[15]) {
    case 0xffff0fa0:               /* __kuser_memory_barrier */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        break;
    case 0xffff0fc0:               /* __kuser_cmpxchg */
        ok = kuser_cmpxchg32(env);
        break;
    case 0xffff0fe0:               /* __kuser_get_tls */
        env->regs[0] = env->cp15.tpidruro;
        break;
    case 0xffff0f60:               /* __kuser_cmpxchg64 */
        ok = kuser_cmpxchg64(env);
        break;
    default:
        return false;
    }
    if (ok) {
        /* return to the caller (lr), which may be Thumb */
        env->thumb = env->regs[14] & 1;
        env->regs[15] = env->regs[14] & ~1u;
    }
    return true;
}

/* ---- the loop -------------------------------------------------------------------- */

static void do_svc(CPUState *cs, CPUARMState *env)
{
    unsigned len = env->thumb ? 2 : 4;
    uint32_t imm = env->exception.syndrome;
    int nr = env->regs[7];
    if (!env->thumb && imm >= 0x900000 && imm <= 0x9fffff) {
        nr = imm - 0x900000;       /* OABI: the number is in the instruction */
    }
    abi_ulong args[7];
    for (int i = 0; i < 7; i++) {
        args[i] = env->regs[i];
    }
    abi_long r = lu_do_syscall(cs, nr, args);
    if (r == LU_ESIGRETURN) {
        return;
    }
    if (r == LU_ERESTART) {
        if (lu_signal_restart_ok()) {
            env->regs[15] -= len;
        } else {
            env->regs[0] = -EINTR;
        }
        return;
    }
    env->regs[0] = r;
}

void lu_arch_cpu_loop(CPUState *cs)
{
    CPUARMState *env = cs->env_ptr;
    for (;;) {
        int trapnr = cpu_exec(cs);
        switch (trapnr) {
        case EXCP_SWI:
            do_svc(cs, env);
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_WFI:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_UDEF:
            lu_queue_fault(SIGILL, ILL_ILLOPN, env->regs[15]);
            break;
        case EXCP_PREFETCH_ABORT:
        case EXCP_DATA_ABORT:
            switch (env->exception.fault) {
            case ARM_FAULT_ALIGNMENT:
                lu_queue_fault(SIGBUS, BUS_ADRALN, env->exception.vaddress);
                break;
            case ARM_FAULT_PERMISSION:
                lu_queue_fault(SIGSEGV, SEGV_ACCERR, env->exception.vaddress);
                break;
            default:
                lu_queue_fault(SIGSEGV, SEGV_MAPERR, env->exception.vaddress);
                break;
            }
            break;
        case EXCP_BKPT:
        case EXCP_DEBUG:
            lu_queue_fault(SIGTRAP, 1 /* TRAP_BRKPT */, env->regs[15]);
            break;
        case EXCP_KERNEL_TRAP:
            if (!lu_arm_kernel_trap(env)) {
                lu_queue_fault(SIGSEGV, SEGV_MAPERR, env->regs[15]);
            }
            break;
        default:
            error_report("unhandled CPU exception 0x%x at pc 0x%08x", trapnr, env->regs[15]);
            arm_cpu_dump_state(cs, stderr);
            abort();
        }
        lu_process_signals(cs);
    }
}
