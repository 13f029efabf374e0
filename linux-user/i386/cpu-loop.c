/*
 * cpu-loop.c — the x86 guest's life: run cpu_exec and handle what comes
 * back.  i386 enters the kernel with INT 0x80 (number in eax, arguments in
 * ebx ecx edx esi edi ebp), x86-64 with SYSCALL (rax; rdi rsi rdx r10 r8 r9;
 * rcx and r11 get rip and rflags as the instruction leaves them).  The front
 * end reports both with eip after the instruction (2 bytes each), so
 * restarting a call steps back 2 and finds the number still in eax.  CPU
 * exceptions become the signals the kernel's arch/x86/kernel/traps.c sends.
 *
 * Also here: the x86-only syscalls (set/get_thread_area, arch_prctl, the
 * i386 socketcall multiplexer, old mmap and waitpid, and the argument
 * orders that differ from the generic handlers').
 */
#include "linux-user/i386/target-x86.h"
#include "target/i386/x87.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>



/* ---- TLS ------------------------------------------------------------------------- */

/* A descriptor changed under a loaded selector: the kernel reloads segments on return. */
static void refresh_segments(CPUArchState *env, unsigned idx)
{
    for (int s = 0; s < X86_NSEGS; s++) {
        if (env->segs[s].selector >> 3 == idx && !(env->segs[s].selector & 4)) {
            uint64_t d = env->gdt[idx];
            env->segs[s].base = ((d >> 16) & 0xffffff) | ((d >> 56) & 0xff) << 24;
        }
    }
}

abi_long lu_x86_set_thread_area(CPUArchState *env, abi_ulong udesc, bool write_back)
{
    uint32_t u[4];
    if (lu_copy_from(u, udesc, sizeof(u))) {
        return -EFAULT;
    }
    uint32_t entry = u[0], base = u[1], limit = u[2], fl = u[3];
    uint32_t contents = (fl >> UD_CONTENTS_SHIFT) & 3;
    /* the kernel's LDT_empty and LDT_zero (arch/x86/include/asm/desc.h): both clear the slot */
    bool empty = lu_x86_user_desc_empty(base, limit, fl);
    bool zero = !base && !limit && !(fl & 0x7f);
    /*
     * tls_desc_okay (arch/x86/kernel/tls.c), checked before a slot is
     * chosen: only present 32-bit data segments (expand-down allowed)
     */
    if (!empty && !zero &&
        (!(fl & UD_SEG_32BIT) || contents > 1 || (fl & UD_SEG_NOT_PRESENT))) {
        return -EINVAL;
    }
    if (entry == 0xffffffffu) {
        for (entry = X86_GDT_TLS_MIN; entry <= X86_GDT_TLS_MAX; entry++) {
            if (!env->gdt[entry]) {
                break;
            }
        }
        if (entry > X86_GDT_TLS_MAX) {
            return -ESRCH;
        }
        if (write_back && lu_put_u32(udesc, entry)) {
            return -EFAULT;
        }
    }
    if (entry < X86_GDT_TLS_MIN || entry > X86_GDT_TLS_MAX) {
        return -EINVAL;
    }
    uint64_t d = 0;
    if (!empty && !zero) {
        d = lu_x86_user_desc_fill(base, limit, fl, false);
    }
    env->gdt[entry] = d;
    refresh_segments(env, entry);
    return 0;
}

abi_long lu_x86_sys_set_thread_area(LuCall *c)
{
    return lu_x86_set_thread_area(c->cpu->env_ptr, c->a[0], true);
}

abi_long lu_x86_sys_get_thread_area(LuCall *c)
{
    CPUArchState *env = c->cpu->env_ptr;
    uint32_t entry;
    if (lu_copy_from(&entry, c->a[0], 4)) {
        return -EFAULT;
    }
    if (entry < X86_GDT_TLS_MIN || entry > X86_GDT_TLS_MAX) {
        return -EINVAL;
    }
    uint64_t d = env->gdt[entry];
    uint32_t lo = d, hi = d >> 32;
    uint32_t u[4];
    u[0] = entry;
    u[1] = lo >> 16 | (hi & 0xff) << 16 | (hi & 0xff000000);
    u[2] = (lo & 0xffff) | (hi & 0xf0000);
    u[3] = (hi >> 22 & 1 ? UD_SEG_32BIT : 0) | ((hi >> 10) & 3) << UD_CONTENTS_SHIFT |
           (hi >> 9 & 1 ? 0 : UD_READ_EXEC_ONLY) | (hi >> 23 & 1 ? UD_LIMIT_IN_PAGES : 0) |
           (hi >> 15 & 1 ? 0 : UD_SEG_NOT_PRESENT) | (hi >> 20 & 1 ? UD_USEABLE : 0);
    if (!d) {
        u[3] = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    }
    return lu_copy_to(c->a[0], u, sizeof(u)) ? -EFAULT : 0;
}

/* arch_prctl codes (asm/prctl.h). */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

abi_long lu_x86_sys_arch_prctl(LuCall *c)
{
    CPUArchState *env = c->cpu->env_ptr;
    switch ((int)c->a[0]) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (c->a[1] >= TARGET_TASK_SIZE) {
            return -EPERM;
        }
        env->segs[c->a[0] == ARCH_SET_FS ? R_FS : R_GS].base = c->a[1];
        env->segs[c->a[0] == ARCH_SET_FS ? R_FS : R_GS].selector = 0;
        return 0;
    case ARCH_GET_FS:
    case ARCH_GET_GS: {
        uint64_t v = env->segs[c->a[0] == ARCH_GET_FS ? R_FS : R_GS].base;
        return lu_copy_to(c->a[1], &v, sizeof(v)) ? -EFAULT : 0;
    }
    default:
        return -EINVAL;
    }
}

/* ---- argument orders and multiplexers ------------------------------------------------ */

abi_long lu_x86_sys_waitpid(LuCall *c)
{
    LuCall w = *c;
    w.a[3] = 0;
    return lu_sys_wait4(&w);
}

/* mmap(2) of x86-64: a byte offset. */
abi_long lu_x86_sys_mmap(LuCall *c)
{
    return lu_mmap(c->a[0], c->a[1], (int)c->a[2], (int)c->a[3], (int)c->a[4], c->a[5]);
}

/* i386's first mmap: one pointer to the six arguments, the offset in bytes. */
abi_long lu_x86_sys_old_mmap(LuCall *c)
{
    uint32_t v[6];
    if (lu_copy_from(v, c->a[0], sizeof(v))) {
        return -EFAULT;
    }
    return lu_mmap(v[0], v[1], (int)v[2], (int)v[3], (int)v[4], v[5]);
}

/* x86's sync_file_range (fd, offset, nbytes, flags) onto ARM's sync_file_range2 order. */
abi_long lu_x86_sys_sync_file_range(LuCall *c)
{
    LuCall s = *c;
    s.a[1] = c->a[3];
    s.a[2] = c->a[1];
    s.a[3] = c->a[2];
    return lu_sys_sync_file_range2(&s);
}

/* x86-64's clone passes (flags, newsp, parent_tid, child_tid, tls). */
abi_long lu_x86_sys_clone(LuCall *c)
{
    LuCall s = *c;
    s.a[3] = c->a[4];
    s.a[4] = c->a[3];
    return lu_sys_clone(&s);
}

/* socketcall(call, args): the calls of linux/net.h, with their argument counts. */
static const struct {
    unsigned nargs;
    LuSyscallFn *fn;
} socketcalls[] = {
    [1] = { 3, lu_sys_socket },       [2] = { 3, lu_sys_bind },
    [3] = { 3, lu_sys_connect },      [4] = { 2, lu_sys_listen },
    [5] = { 3, lu_sys_accept },       [6] = { 3, lu_sys_getsockname },
    [7] = { 3, lu_sys_getpeername },  [8] = { 4, lu_sys_socketpair },
    [9] = { 4, lu_sys_send },         [10] = { 4, lu_sys_recv },
    [11] = { 6, lu_sys_sendto },      [12] = { 6, lu_sys_recvfrom },
    [13] = { 2, lu_sys_shutdown },    [14] = { 5, lu_sys_setsockopt },
    [15] = { 5, lu_sys_getsockopt },  [16] = { 3, lu_sys_sendmsg },
    [17] = { 3, lu_sys_recvmsg },     [18] = { 4, lu_sys_accept4 },
};

abi_long lu_x86_sys_socketcall(LuCall *c)
{
    unsigned call = (unsigned)c->a[0];
    if (call >= ARRAY_SIZE(socketcalls) || !socketcalls[call].fn) {
        return -EINVAL;
    }
    abi_ulong w[6];
    if (lu_copy_from(w, c->a[1], socketcalls[call].nargs * sizeof(abi_ulong))) {
        return -EFAULT;
    }
    LuCall s = { .cpu = c->cpu, .num = c->num };
    for (unsigned i = 0; i < socketcalls[call].nargs; i++) {
        s.a[i] = tswapal(w[i]);
    }
    return socketcalls[call].fn(&s);
}

/* ---- the loop -------------------------------------------------------------------- */

static void do_syscall(CPUState *cs, CPUArchState *env)
{
    abi_ulong args[7];
    int nr;
#ifdef TARGET_X86_64
    static const int argreg[6] = { R_EDI, R_ESI, R_EDX, 10, 8, 9 };
    nr = (int)env->regs[R_EAX];
    /* SYSCALL itself: rcx = return rip, r11 = rflags */
    env->regs[1] = env->eip;
    env->regs[11] = i386_get_eflags(env);
#else
    static const int argreg[6] = { R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP };
    nr = (int)(uint32_t)env->regs[R_EAX];
#endif
    for (int i = 0; i < 6; i++) {
        args[i] = (abi_ulong)env->regs[argreg[i]];
    }
    args[6] = 0;
    abi_long r = lu_do_syscall(cs, nr, args);
    if (r == LU_ESIGRETURN) {
        return;
    }
    if (r == LU_ERESTART) {
        if (lu_signal_restart_ok()) {
            env->eip -= 2;
        } else {
            env->regs[R_EAX] = (abi_ulong)(abi_long)-EINTR;
        }
        return;
    }
    env->regs[R_EAX] = (abi_ulong)r;
}

#ifdef TARGET_X86_64
/*
 * INT 0x80 in a 64-bit process enters the kernel's 32-bit (ia32) syscall
 * table: number in eax, arguments in ebx ecx edx esi edi ebp (32 bits
 * each), the result in rax.  That is how a 64-bit process reaches
 * set_thread_area/get_thread_area, which the 64-bit table (205, 211)
 * leaves without an entry point (ENOSYS): the descriptors it writes are
 * the 32-bit TLS slots 12-14 that 32-bit code uses after a far jump to
 * 0x23.  Offered here: the two TLS calls and the calls whose arguments and
 * results have the same layout in both ABIs (run as their 64-bit row, so
 * -strace shows them under the 64-bit name); any other number answers
 * -ENOSYS and is logged under -d unimp.
 */
static const struct {
    uint16_t nr32;                 /* syscall_32.tbl */
    uint16_t nr64;                 /* the same call in syscall_64.tbl, or 0 with fn */
    LuSyscallFn *fn;               /* a handler that takes the 32-bit arguments itself */
} int80_compat[] = {
    { 1, 60, NULL },               /* exit */
    { 3, 0, NULL },                /* read */
    { 4, 1, NULL },                /* write */
    { 6, 3, NULL },                /* close */
    { 20, 39, NULL },              /* getpid */
    { 37, 62, NULL },              /* kill */
    { 64, 110, NULL },             /* getppid */
    { 123, 154, NULL },            /* modify_ldt (struct user_desc is the same) */
    { 158, 24, NULL },             /* sched_yield */
    { 199, 102, NULL },            /* getuid32 */
    { 200, 104, NULL },            /* getgid32 */
    { 201, 107, NULL },            /* geteuid32 */
    { 202, 108, NULL },            /* getegid32 */
    { 224, 186, NULL },            /* gettid */
    { 238, 200, NULL },            /* tkill */
    { 243, 0, lu_x86_sys_set_thread_area },
    { 244, 0, lu_x86_sys_get_thread_area },
    { 252, 231, NULL },            /* exit_group */
    { 270, 234, NULL },            /* tgkill */
};

static void do_int80_compat(CPUState *cs, CPUArchState *env)
{
    static const int argreg[6] = { R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP };
    uint32_t nr = (uint32_t)env->regs[R_EAX];
    abi_ulong args[7] = { 0 };
    for (int i = 0; i < 6; i++) {
        args[i] = (uint32_t)env->regs[argreg[i]];
    }
    abi_long r = -ENOSYS;
    size_t i, n = sizeof(int80_compat) / sizeof(int80_compat[0]);
    for (i = 0; i < n && int80_compat[i].nr32 != nr; i++) {
    }
    if (i == n) {
        lu_log_unimp("int 0x80 from 64-bit code: i386 syscall %u", nr);
    } else if (int80_compat[i].fn) {
        LuCall c = { .cpu = cs, .num = nr };
        memcpy(c.a, args, sizeof(args));
        r = int80_compat[i].fn(&c);
    } else {
        r = lu_do_syscall(cs, int80_compat[i].nr64, args);
    }
    if (r == LU_ESIGRETURN) {
        return;
    }
    if (r == LU_ERESTART) {
        if (lu_signal_restart_ok()) {
            env->eip -= 2;                 /* eax still holds the number */
            return;
        }
        r = -EINTR;
    }
    env->regs[R_EAX] = (abi_ulong)r;
}
#endif

/* si_code from flags (bits 0-5) and their masks (bits 7-12): MXCSR's layout. */
static int simd_fpe_code(uint32_t st)
{
    uint32_t e = st & ~(st >> 7) & 0x3f;
    return e & 1 ? 7 /* FPE_FLTINV */ : e & 4 ? 3 /* FPE_FLTDIV */ :
           e & 8 ? 4 /* FPE_FLTOVF */ : e & 0x10 ? 5 /* FPE_FLTUND */ :
           e & 0x20 ? 6 /* FPE_FLTRES */ : e & 2 ? 7 : 0;
}

void lu_arch_cpu_loop(CPUState *cs)
{
    CPUArchState *env = cs->env_ptr;
    for (;;) {
        int trapnr = cpu_exec(cs);
        switch (trapnr) {
        case X86_EXCP_BASE + EXCP_SWINT:
            if (TARGET_ABI_BITS == 32 && env->int_vector == 0x80) {
                do_syscall(cs, env);
#ifdef TARGET_X86_64
            } else if (env->int_vector == 0x80) {
                do_int80_compat(cs, env);
#endif
            } else {
                /* any other INT n is a #GP through the IDT's DPL 0 gates: a fault, at the INT */
                env->eip -= 2;
                lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
            }
            break;
        case X86_EXCP_BASE + EXCP_SYSCALL:
            if (TARGET_ABI_BITS == 64) {
                do_syscall(cs, env);
            } else {
                lu_queue_fault(SIGILL, ILL_ILLOPN, env->eip);
            }
            break;
        case EXCP_INTERRUPT:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case X86_EXCP_BASE + EXCP00_DIVZ:
            lu_queue_fault(SIGFPE, FPE_INTDIV, env->eip);
            break;
        case X86_EXCP_BASE + EXCP01_DB:
        case X86_EXCP_BASE + EXCP03_INT3:
        case EXCP_DEBUG:
            lu_queue_fault(SIGTRAP, SI_KERNEL, 0);
            break;
        case X86_EXCP_BASE + EXCP0B_NOSEG:
        case X86_EXCP_BASE + EXCP0C_STACK:
        case X86_EXCP_BASE + EXCP0D_GPF:
            /*
             * the kernel's trapno and err (the selector a segment load or far
             * transfer refused, seg_helper.c; 0 otherwise) for the frame;
             * #NP and #SS are SIGBUS there
             */
            env->sys.delivering = trapnr - X86_EXCP_BASE;
            lu_queue_fault(trapnr == X86_EXCP_BASE + EXCP0D_GPF ? SIGSEGV : SIGBUS, SI_KERNEL, 0);
            break;
        case X86_EXCP_BASE + EXCP04_INTO:
        case X86_EXCP_BASE + EXCP05_BOUND:
            lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
            break;
        case X86_EXCP_BASE + EXCP06_ILLOP:
            lu_queue_fault(SIGILL, ILL_ILLOPN, env->eip);
            break;
        case X86_EXCP_BASE + EXCP07_PREX:
            lu_queue_fault(SIGSEGV, SI_KERNEL, 0);
            break;
        case X86_EXCP_BASE + EXCP0E_PAGE:
            lu_queue_fault(SIGSEGV, page_get_flags(env->fault_addr) & PAGE_VALID ?
                           SEGV_ACCERR : SEGV_MAPERR, env->fault_addr);
            break;
        case X86_EXCP_BASE + EXCP10_COPR:
            lu_queue_fault(SIGFPE, simd_fpe_code((i386_x87_get_fsw(env) & 0x3f) |
                                                 (uint32_t)(env->fpuc & 0x3f) << 7), env->eip);
            break;
        case X86_EXCP_BASE + EXCP11_ALGN:
            lu_queue_fault(SIGBUS, BUS_ADRALN, env->fault_addr);
            break;
        case X86_EXCP_BASE + EXCP13_XMM:
            lu_queue_fault(SIGFPE, simd_fpe_code(i386_get_mxcsr(env)), env->eip);
            break;
        default:
            error_report("unhandled CPU exception 0x%x at eip 0x%llx", trapnr,
                         (unsigned long long)env->eip);
            cs->tcg_ops->dump_state(cs, stderr);
            abort();
        }
        lu_process_signals(cs);
    }
}
