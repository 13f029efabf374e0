/*
 * gdb-guest.c — the guest program of tests/interop/gdb-user.py, built for
 * armhf with -static -g (for i386 and x86-64 by gdb-user-x86.py, for the MIPS
 * targets by gdb-user-mips.py).  Each
 * function is a place the gdb session stops:
 * add() for a breakpoint and steps, counter for a watchpoint, a second
 * thread parked in worker() so that two threads are listed, raw_getpid()
 * for stepping over a system call, and an exit
 * status that depends on a variable gdb rewrites (patched).  With an
 * argument (gdb-fuzz.py) it first spins, counting in spins, until the
 * debugger sets stop_spinning.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

volatile int counter;
volatile int patched = 7;
volatile unsigned spins;
volatile int stop_spinning;
static volatile int release;

__attribute__((noinline)) int add(int a, int b)
{
    return a + b;
}

__attribute__((noinline)) void bump(void)
{
    counter = counter + 5;
}

/* getpid by hand: the session steps over the system call instruction */
#if defined(__x86_64__)
__attribute__((noinline, naked)) int raw_getpid(void)
{
    __asm__ volatile("mov $39, %eax\n\t"
                     "syscall\n\t"
                     "ret\n\t");
}
#elif defined(__i386__)
__attribute__((noinline, naked)) int raw_getpid(void)
{
    __asm__ volatile("mov $20, %eax\n\t"
                     "int $0x80\n\t"
                     "ret\n\t");
}
#elif defined(__mips__)
/* o32 getpid is 4020, n64 5038; the result in v0 (a3 = 0: no error) */
int raw_getpid(void);
__asm__(".text\n\t"
        ".globl raw_getpid\n\t"
        ".type raw_getpid, @function\n\t"
        ".set push\n\t"
        ".set noreorder\n"
        "raw_getpid:\n\t"
#if _MIPS_SIM == _ABI64
        "li $v0, 5038\n\t"
#else
        "li $v0, 4020\n\t"
#endif
        "syscall\n\t"
        "jr $ra\n\t"
        "nop\n\t"
        ".set pop\n\t"
        ".size raw_getpid, .-raw_getpid\n");
#else
__attribute__((noinline, naked)) int raw_getpid(void)
{
    __asm__ volatile("push {r7}\n\t"
                     "mov r7, #20\n\t"
                     "svc 0\n\t"
                     "pop {r7}\n\t"
                     "bx lr\n\t");
}
#endif

__attribute__((noinline)) void both_running(void)
{
    __asm__ volatile("" ::: "memory");
}

static void *worker(void *arg)
{
    while (!release) {
        usleep(1000);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;
    while (argc > 1 && !stop_spinning) {
        spins++;
    }
    pthread_create(&t, NULL, worker, NULL);
    both_running();
    release = 1;
    pthread_join(t, NULL);
    raw_getpid();
    int r = add(2, 3);
    bump();
    bump();
    printf("add=%d counter=%d patched=%d\n", r, counter, patched);
    return patched;
}
