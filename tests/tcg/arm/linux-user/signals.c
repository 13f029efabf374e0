/*
 * signals.c — guest signal delivery through linux-user: handlers with and
 * without SA_SIGINFO, siglongjmp out of a SIGSEGV (si_addr), sigaltstack,
 * blocked and pending signals, EINTR and SA_RESTART on a blocking read,
 * SIGILL/SIGFPE-free by design (architecture-neutral: the same source runs
 * natively as the reference).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static volatile int got_code, got_signo;
static volatile uintptr_t got_addr;
static sigjmp_buf jb;
static char *altstack;
static volatile int on_alt;

static void h_plain(int sig)
{
    got = sig;
}

static void h_info(int sig, siginfo_t *si, void *uc)
{
    got = sig;
    got_signo = si->si_signo;
    got_code = si->si_code;
}

static void h_segv(int sig, siginfo_t *si, void *uc)
{
    got_addr = (uintptr_t)si->si_addr;
    got_code = si->si_code;
    siglongjmp(jb, 1);
}

static void h_alt(int sig)
{
    char local;
    on_alt = &local >= altstack && &local < altstack + SIGSTKSZ * 4;
}

int main(void)
{
    struct sigaction sa;
    setvbuf(stdout, NULL, _IONBF, 0);

    /* a plain handler */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_plain;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("plain handler: got %d\n", got == SIGUSR1);

    /* SA_SIGINFO from kill(): SI_USER */
    sa.sa_sigaction = h_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    got = 0;
    kill(getpid(), SIGUSR2);
    printf("siginfo handler: got %d signo %d code_is_user %d\n", got == SIGUSR2,
           got_signo == SIGUSR2, got_code == SI_USER);

    /* blocked, pending, delivered on unblock */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    got = 0;
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("blocked: delivered %d pending %d\n", got != 0, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: delivered %d\n", got == SIGUSR1);

    /* SIGSEGV with si_addr, left by siglongjmp; twice, so the mask is restored */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = h_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 2; i++) {
        if (sigsetjmp(jb, 1) == 0) {
            page[16 + i] = 1;
            printf("store to read-only page did not fault\n");
        } else {
            printf("segv %d: addr ok %d code accerr %d\n", i, got_addr == (uintptr_t)page + 16 + i,
                   got_code == SEGV_ACCERR);
        }
    }
    munmap(page, 4096);
    if (sigsetjmp(jb, 1) == 0) {
        *(volatile int *)page = 1;
    } else {
        printf("segv unmapped: addr ok %d code maperr %d\n", got_addr == (uintptr_t)page,
               got_code == SEGV_MAPERR);
    }

    /* sigaltstack */
    altstack = malloc(SIGSTKSZ * 4);
    stack_t ss = { .ss_sp = altstack, .ss_size = SIGSTKSZ * 4, .ss_flags = 0 };
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler on the alternate stack: %d\n", on_alt);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("sigaltstack query: size ok %d flags %d\n", cur.ss_size == SIGSTKSZ * 4, cur.ss_flags);

    /* EINTR: a blocking read interrupted by SIGALRM without SA_RESTART */
    int p[2];
    pipe(p);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_plain;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { .it_value = { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    char c;
    errno = 0;
    ssize_t r = read(p[0], &c, 1);
    printf("read without SA_RESTART: %zd EINTR %d\n", r, errno == EINTR);

    /* SA_RESTART: the read goes on and gets the byte a child writes later */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(200000);
        write(p[1], "x", 1);
        _exit(0);
    }
    got = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    r = read(p[0], &c, 1);
    printf("read with SA_RESTART: %zd '%c' handler ran %d\n", r, r == 1 ? c : '?', got == SIGALRM);

    /* sigsuspend waits for a signal sent by a child */
    sigprocmask(SIG_BLOCK, &set, &old);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_plain;
    sigaction(SIGUSR1, &sa, NULL);
    got = 0;
    if (fork() == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigset_t none;
    sigemptyset(&none);
    r = sigsuspend(&none);
    printf("sigsuspend: %zd EINTR %d got %d\n", r, errno == EINTR, got == SIGUSR1);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /*
     * The race-free wait: SIGALRM blocked, a timer armed, ppoll with a mask
     * that unblocks it.  Many short timers: each must end one ppoll with
     * EINTR, however close to the call it fires.
     */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h_plain;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t alrm, unblocked;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &old);
    sigprocmask(SIG_BLOCK, NULL, &unblocked);
    sigdelset(&unblocked, SIGALRM);
    int eintr = 0;
    for (int i = 0; i < 200; i++) {
        struct itimerval quick = { .it_value = { 0, 100 + (i % 7) * 50 } };
        got = 0;
        setitimer(ITIMER_REAL, &quick, NULL);
        for (volatile int spin = 0; spin < (i % 5) * 200; spin++) {
        }
        struct timespec forever = { 100, 0 };
        if (ppoll(NULL, 0, &forever, &unblocked) < 0 && errno == EINTR && got == SIGALRM) {
            eintr++;
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("ppoll with a mask: %d of 200 ended by their timer\n", eintr);

    /* SA_RESETHAND: the second raise takes the default action, ignored for SIGCHLD */
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGCHLD, &sa, NULL);
    got = 0;
    raise(SIGCHLD);
    sigaction(SIGCHLD, NULL, &sa);
    printf("resethand: ran %d reset %d\n", got == SIGCHLD, sa.sa_handler == SIG_DFL);
    return 0;
}
