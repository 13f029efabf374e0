/*
 * syscall.c — the syscall dispatcher: looks the number up in the target's
 * table (linux-user/<base>/syscall-table.c), assembles the arguments by the
 * row's kinds (a 64-bit value in a register pair becomes one argument, so
 * handlers are target-neutral), runs the handler and prints the -strace
 * line from the same row.  Unknown numbers and rows without a handler
 * return -ENOSYS and are logged under -d unimp; the guest keeps running.
 *
 *     abi_long r = lu_do_syscall(cpu, env->regs[7], &env->regs[0]);
 */
#include "linux-user/user-internals.h"
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

LOG_ITEM(lu_log_item_unimp, "unimp", "log unimplemented functionality (syscalls, ioctls, flags)");

bool lu_strace;

void lu_log_unimp(const char *fmt, ...)
{
    if (!log_enabled(lu_log_item_unimp)) {
        return;
    }
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    log_printf("unimp: %s\n", buf);
}

abi_long lu_errno(int host_errno)
{
    /* the generic Linux errno numbers (asm-generic) are the host's; a target
       with its own numbering defines lu_arch_errno in its target-abi.h */
#ifdef TARGET_HAS_ERRNO_MAP
    return -lu_arch_errno(host_errno);
#else
    return -host_errno;
#endif
}

const LuSyscall *lu_syscall_lookup(int num)
{
    if (num >= 0 && (unsigned)num < lu_syscall_table_size && lu_syscall_table[num].name) {
        return &lu_syscall_table[num];
    }
    return lu_arch_syscall_lookup(num);
}

/* Gather the arguments as the row's kinds say; false when they run out of registers. */
static void gather_args(const LuSyscall *sc, const abi_ulong *regs, LuCall *c)
{
    unsigned r = 0;
    const char *k = sc ? sc->args : "xxxxxx";
    for (unsigned i = 0; k[i] && i < (sizeof(c->a) / sizeof(c->a[0])) && r < 7; i++) {
        if (k[i] == 'L' && TARGET_ABI_BITS == 32) {
            if (TARGET_REG_PAIR_ALIGN && (r & 1)) {
                r++;
            }
            uint64_t w0 = r < 7 ? regs[r] : 0, w1 = r + 1 < 7 ? regs[r + 1] : 0;
            c->a[i] = TARGET_BIG_ENDIAN ? (w0 << 32 | (uint32_t)w1) : (w1 << 32 | (uint32_t)w0);
            r += 2;
        } else {
            c->a[i] = regs[r++];
        }
    }
}

static void strace_arg(FILE *f, char kind, uint64_t v)
{
    switch (kind) {
    case 'i':
        fprintf(f, "%d", (int)(abi_long)v);
        break;
    case 'u':
        fprintf(f, "%llu", (unsigned long long)v);
        break;
    case 'o':
        fprintf(f, "0%llo", (unsigned long long)v);
        break;
    case 'L':
        fprintf(f, "%lld", (long long)v);
        break;
    case 's': {
        const char *s = v ? lu_lock_string((abi_ulong)v) : NULL;
        if (s) {
            fprintf(f, "\"%.64s\"%s", s, strlen(s) > 64 ? "..." : "");
        } else {
            fprintf(f, "0x%llx", (unsigned long long)v);
        }
        break;
    }
    default:
        fprintf(f, "0x%llx", (unsigned long long)v);
        break;
    }
}

/* -strace lines go where the -d log goes (-D file, else stderr). */
static void strace_enter(const LuSyscall *sc, int num, const LuCall *c)
{
    FILE *f = log_file();
    flockfile(f);
    fprintf(f, "%d ", lu_task ? lu_task->tid : getpid());
    if (sc) {
        fprintf(f, "%s(", sc->name);
        for (unsigned i = 0; sc->args[i]; i++) {
            if (i) {
                fputc(',', f);
            }
            strace_arg(f, sc->args[i], c->a[i]);
        }
        fputc(')', f);
    } else {
        fprintf(f, "syscall_%d(0x%llx,0x%llx,0x%llx)", num, (unsigned long long)c->a[0],
                (unsigned long long)c->a[1], (unsigned long long)c->a[2]);
    }
    funlockfile(f);
}

static void strace_exit(abi_long r)
{
    FILE *f = log_file();
    if (r == LU_ESIGRETURN) {
        fprintf(f, " = ?\n");
    } else if (r == LU_ERESTART) {
        fprintf(f, " = ? (interrupted, restarted)\n");
    } else if (r < 0 && r >= -4095) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
    } else {
        fprintf(f, " = %lld\n", (long long)r);
    }
    fflush(f);
}

/*
 * The calls the kernel never restarts once a handler ran (they answer
 * EINTR: ERESTARTNOHAND / restart blocks); every other call interrupted by
 * a signal is restarted when its handler has SA_RESTART.
 */
static LuSyscallFn *const no_restart[] = {
    lu_sys_nanosleep, lu_sys_clock_nanosleep, lu_sys_clock_nanosleep_time64, lu_sys_pause,
    lu_sys_rt_sigsuspend, lu_sys_poll, lu_sys_ppoll, lu_sys_ppoll_time64, lu_sys_select,
    lu_sys_pselect6, lu_sys_pselect6_time64, lu_sys_epoll_wait, lu_sys_epoll_pwait,
    lu_sys_rt_sigtimedwait, lu_sys_rt_sigtimedwait_time64,
};

static bool restartable(LuSyscallFn *fn)
{
    for (size_t i = 0; i < ARRAY_SIZE(no_restart); i++) {
        if (no_restart[i] == fn) {
            return false;
        }
    }
    return true;
}

abi_long lu_do_syscall(CPUState *cpu, int num, const abi_ulong *regs)
{
    const LuSyscall *sc = lu_syscall_lookup(num);
    LuCall c = { .cpu = cpu, .num = num };
    gather_args(sc, regs, &c);

    if (lu_strace) {
        strace_enter(sc, num, &c);
    }
    abi_long r;
    if (!sc || !sc->fn) {
        lu_log_unimp("syscall %d (%s)", num, sc ? sc->name : "unknown");
        r = -ENOSYS;
    } else {
        r = sc->fn(&c);
        if (r == -EINTR && restartable(sc->fn)) {
            r = LU_ERESTART;
        }
    }
    if (lu_strace) {
        strace_exit(r);
    }
    return r;
}
