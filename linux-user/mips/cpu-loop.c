/*
 * cpu-loop.c — the MIPS guest's life: run cpu_exec, and on the way out
 * handle what user mode handles: SYSCALL (o32 and n64 conventions), and
 * the exceptions target/mips raises, turned into signals the way Linux's
 * arch/mips/kernel/traps.c does (BREAK and trap codes 6 and 7 are integer
 * overflow and divide-by-zero SIGFPE; misaligned loads and stores are
 * emulated as do_ade does).  Signals are delivered between cpu_exec runs.
 *
 * Syscall convention: number in v0; o32 arguments in a0-a3 and the fifth
 * to eighth on the stack at sp+16.. (the caller's argument save area);
 * n64 arguments in a0-a7.  The result comes back in v0 with a3 = 0, or
 * the positive MIPS errno in v0 with a3 = 1.  The generic handlers return
 * host errno values; they are translated here, once (lu_mips_errno).
 *
 * The front end leaves pc at the SYSCALL; the loop moves it past before
 * running the call (so that a clone child and a signal frame see the
 * return address) and back onto it to restart an interrupted call: v0 and
 * a3 are untouched until the call completes, so the restarted SYSCALL
 * finds them as the guest set them.  A faulting instruction in a branch
 * delay slot leaves pc at the branch, which is where the handler's
 * sigcontext and a restart then point, as EPC does on hardware.
 */
#include "linux-user/mips/target-mips.h"
#include "util/error.h"
#include "util/log.h"

#include <stdlib.h>

/* si_code values (asm-generic/siginfo.h; MIPS uses the generic ones). */
#define LU_FPE_INTDIV   1
#define LU_FPE_INTOVF   2
#define LU_FPE_FLTDIV   3
#define LU_FPE_FLTOVF   4
#define LU_FPE_FLTUND   5
#define LU_FPE_FLTRES   6
#define LU_FPE_FLTINV   7
#define LU_SEGV_MAPERR  1
#define LU_SEGV_ACCERR  2
#define LU_BUS_ADRALN   1
#define LU_BUS_ADRERR   2
#define LU_TRAP_BRKPT   1
#define LU_SI_KERNEL    0x80

/* The break/trap codes Linux gives a meaning (asm/break.h). */
#define MIPS_BRK_OVERFLOW 6
#define MIPS_BRK_DIVZERO  7

/* ---- syscalls -------------------------------------------------------------------------- */

#ifndef TARGET_MIPS_N64
/*
 * Argument words syscall nr may use (a 64-bit pair counts 3: it may need
 * a padding register to start even); 7 when the table does not know it.
 * Most calls fit in a0-a3, and reading the stack words is not free.
 */
static unsigned o32_arg_words(int nr)
{
    const LuSyscall *sc = lu_syscall_lookup(nr);
    if (!sc || !sc->args) {
        return 7;
    }
    unsigned n = 0;
    for (const char *k = sc->args; *k; k++) {
        n += *k == 'L' ? 3 : 1;
    }
    return n;
}
#endif

static void do_syscall(CPUState *cs, CPUMIPSState *env)
{
    abi_ulong args[7];
    for (int i = 0; i < 4; i++) {
        args[i] = (abi_ulong)env->gpr[4 + i];
    }
#ifdef TARGET_MIPS_N64
    for (int i = 4; i < 7; i++) {
        args[i] = env->gpr[4 + i];
    }
#else
    int nr = (int)(abi_long)env->gpr[2] - TARGET_NR_BASE;
    /* the fifth argument on: the stack words at sp+16 (unmapped: the call sees 0) */
    abi_ulong sp = (abi_ulong)env->gpr[29];
    bool stack_args = o32_arg_words(nr) > 4;
    for (int i = 4; i < 7; i++) {
        if (!stack_args || lu_get_ulong(sp + 16 + 4 * (i - 4), &args[i])) {
            args[i] = 0;
        }
    }
#endif
#ifdef TARGET_MIPS_N64
    int nr = (int)(abi_long)env->gpr[2] - TARGET_NR_BASE;
#endif
    env->pc += 4;
    abi_long r = lu_do_syscall(cs, nr, args);
    if (r == LU_ESIGRETURN) {
        return;
    }
    if (r == LU_ERESTART) {
        if (lu_signal_restart_ok()) {
            env->pc -= 4;
            return;
        }
        r = -EINTR;
    }
    if (lu_is_error(r)) {
        mips_gpr_set(env, 2, lu_mips_errno((int)-r));
        mips_gpr_set(env, 7, 1);
    } else {
        mips_gpr_set(env, 2, r);
        mips_gpr_set(env, 7, 0);
    }
}

/* ---- exceptions ------------------------------------------------------------------------- */

/* BREAK n and the trap instructions: Linux's do_trap_or_bp. */
static void trap_or_break(CPUMIPSState *env, uint32_t code)
{
    switch (code) {
    case MIPS_BRK_OVERFLOW:
        lu_queue_fault(TARGET_SIGFPE, LU_FPE_INTOVF, env->pc);
        break;
    case MIPS_BRK_DIVZERO:
        lu_queue_fault(TARGET_SIGFPE, LU_FPE_INTDIV, env->pc);
        break;
    default:
        lu_queue_fault(TARGET_SIGTRAP, LU_SI_KERNEL, 0);
        break;
    }
}

/* An enabled FP exception: si_code by cause, most severe first; the causes are cleared. */
static void fp_exception(CPUMIPSState *env)
{
    uint32_t cause = (env->fcr31 >> FCSR_CAUSE_SHIFT) & 0x1f;
    uint32_t enabled = (env->fcr31 >> FCSR_ENABLE_SHIFT) & 0x1f;
    uint32_t x = cause & enabled;
    int code = x & FP_INVALID ? LU_FPE_FLTINV : x & FP_DIV0 ? LU_FPE_FLTDIV :
               x & FP_OVERFLOW ? LU_FPE_FLTOVF : x & FP_UNDERFLOW ? LU_FPE_FLTUND :
               x & FP_INEXACT ? LU_FPE_FLTRES : 0;
    env->fcr31 &= ~((0x1fu << FCSR_CAUSE_SHIFT) | FCSR_CAUSE_E);
    lu_queue_fault(TARGET_SIGFPE, code, env->pc);
}

/*
 * A misaligned load or store: Linux's do_ade emulates it byte by byte and
 * steps over the instruction.  Done here for the integer and FPU
 * loads/stores outside a delay slot (in one, Linux would also have to
 * evaluate the branch: SIGBUS here).  True when emulated; a fault on the
 * bytes themselves queues SIGSEGV.
 */
/* The major opcodes of the loads and stores do_ade emulates (bits 31..26). */
enum {
    OPC_LH = 0x21, OPC_LW = 0x23, OPC_LHU = 0x25, OPC_LWU = 0x27, OPC_SH = 0x29, OPC_SW = 0x2b,
    OPC_LWC1 = 0x31, OPC_LDC1 = 0x35, OPC_LD = 0x37, OPC_SWC1 = 0x39, OPC_SDC1 = 0x3d,
    OPC_SD = 0x3f,
};

static bool emulate_unaligned(CPUMIPSState *env)
{
    uint32_t insn;
    if (env->exception.in_delay_slot || env->exception.vaddress == env->pc ||
        lu_copy_from(&insn, (abi_ulong)env->pc, 4)) {
        return false;
    }
    insn = tswap32(insn);
    unsigned op = insn >> 26, rt = (insn >> 16) & 31;
    abi_ulong addr = (abi_ulong)(env->gpr[(insn >> 21) & 31] + (int16_t)insn);
    bool wide = mips_feature(env, MIPS_FEATURE_MIPS3);
    bool fpu = env->cp0.status & MIPS_ST_CU1;
    unsigned size;
    bool store, sign = true;
    switch (op) {
    case OPC_LH: size = 2; store = false; break;
    case OPC_LHU: size = 2; store = false; sign = false; break;
    case OPC_LW: size = 4; store = false; break;
    case OPC_SH: size = 2; store = true; break;
    case OPC_SW: size = 4; store = true; break;
    case OPC_LWC1: size = 4; store = false; break;
    case OPC_SWC1: size = 4; store = true; break;
    case OPC_LDC1: size = 8; store = false; break;
    case OPC_SDC1: size = 8; store = true; break;
    case OPC_LWU: size = 4; store = false; sign = false; break;
    case OPC_LD: size = 8; store = false; break;
    case OPC_SD: size = 8; store = true; break;
    default:
        return false;
    }
    bool is_fp = op == OPC_LWC1 || op == OPC_SWC1 || op == OPC_LDC1 || op == OPC_SDC1;
    if ((is_fp && !fpu) || (!is_fp && !wide && (op == OPC_LWU || op == OPC_LD || op == OPC_SD))) {
        return false;
    }
    uint8_t b[8];
    uint64_t v = 0;
    if (store) {
        v = op == OPC_SWC1 ? mips_fpr_get_s(env, rt) : op == OPC_SDC1 ? mips_fpr_get_d(env, rt)
                                                                      : env->gpr[rt];
        for (unsigned i = 0; i < size; i++) {
            unsigned sh = TARGET_BIG_ENDIAN ? 8 * (size - 1 - i) : 8 * i;
            b[i] = (uint8_t)(v >> sh);
        }
        if (lu_copy_to(addr, b, size)) {
            lu_queue_fault(TARGET_SIGSEGV, LU_SEGV_MAPERR, addr);
            return true;
        }
    } else {
        if (lu_copy_from(b, addr, size)) {
            lu_queue_fault(TARGET_SIGSEGV, LU_SEGV_MAPERR, addr);
            return true;
        }
        for (unsigned i = 0; i < size; i++) {
            unsigned sh = TARGET_BIG_ENDIAN ? 8 * (size - 1 - i) : 8 * i;
            v |= (uint64_t)b[i] << sh;
        }
        if (op == OPC_LWC1) {
            mips_fpr_set_s(env, rt, (uint32_t)v);
        } else if (op == OPC_LDC1) {
            mips_fpr_set_d(env, rt, v);
        } else {
            if (sign && size < 8) {
                v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
            }
            mips_gpr_set(env, rt, v);
        }
    }
    env->pc += 4;
    return true;
}

static void address_fault(CPUMIPSState *env)
{
    abi_ulong addr = (abi_ulong)env->exception.vaddress;
    switch (env->exception.fault) {
    case MIPS_FAULT_ALIGN:
        if (!emulate_unaligned(env)) {
            lu_queue_fault(TARGET_SIGBUS, LU_BUS_ADRALN, addr);
        }
        break;
    case MIPS_FAULT_KERNEL:
        lu_queue_fault(TARGET_SIGBUS, LU_BUS_ADRERR, addr);
        break;
    case MIPS_FAULT_ACCERR:
        lu_queue_fault(TARGET_SIGSEGV, LU_SEGV_ACCERR, addr);
        break;
    default:
        lu_queue_fault(TARGET_SIGSEGV, LU_SEGV_MAPERR, addr);
        break;
    }
}

void lu_arch_cpu_loop(CPUState *cs)
{
    CPUMIPSState *env = cs->env_ptr;
    for (;;) {
        int trapnr = cpu_exec(cs);
        switch (trapnr) {
        case EXCP_SYSCALL:
            do_syscall(cs, env);
            break;
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_RI:
        case EXCP_CPU:
            /* Linux's do_ri: force_sig(SIGILL), so SI_KERNEL and no address */
            lu_queue_fault(TARGET_SIGILL, LU_SI_KERNEL, 0);
            break;
        case EXCP_BREAK: {
            /* gas puts a one-operand BREAK's code in the upper ten bits (Linux swaps back) */
            uint32_t code = env->exception.code & 0xfffff;
            if (code >= (1u << 10)) {
                code = ((code & 0x3ff) << 10) | (code >> 10);
            }
            trap_or_break(env, code);
            break;
        }
        case EXCP_TRAP:
            trap_or_break(env, env->exception.code);
            break;
        case EXCP_FPE:
            fp_exception(env);
            break;
        case EXCP_OVERFLOW:
            lu_queue_fault(TARGET_SIGFPE, LU_FPE_INTOVF, env->pc);
            break;
        case EXCP_ADEL:
        case EXCP_ADES:
        case EXCP_TLBL:
        case EXCP_TLBS:
            address_fault(env);
            break;
        case EXCP_DEBUG:
            lu_queue_fault(TARGET_SIGTRAP, LU_TRAP_BRKPT, env->pc);
            break;
        default:
            error_report("unhandled CPU exception 0x%x at pc 0x%llx", trapnr,
                         (unsigned long long)env->pc);
            mips_cpu_dump_state(cs, stderr);
            abort();
        }
        lu_process_signals(cs);
        /* the kernel's ERET clears the LL bit: an SC after any exception fails */
        env->lladdr = -1;
    }
}
