/*
 * fork-threads.c — fork while another thread keeps the translator busy.
 *
 * A second thread rewrites and runs a function in an RWX page in a loop, so
 * the emulator is nearly always translating or invalidating code (holding
 * its translation and page locks).  The main thread forks many times; each
 * child writes and runs fresh code of its own (it needs those locks too)
 * and exits with what the code returned.  A child that inherited a lock
 * held by the other thread at the moment of the fork would hang: the parent
 * gives each child 10 seconds and stops at the first it has to kill.
 * The expected output is fixed (fork-threads.expected).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef int (*fn_t)(void);

/* A32: mov r0, #imm (imm < 256); bx lr */
static void emit(uint32_t *p, unsigned imm)
{
    p[0] = 0xe3a00000u | (imm & 0xff);
    p[1] = 0xe12fff1eu;
    __builtin___clear_cache((char *)p, (char *)(p + 2));
}

static volatile int stop;

static void *churn(void *arg)
{
    uint32_t *code = arg;
    unsigned i = 0;
    while (!stop) {
        emit(code, i);
        if (((fn_t)code)() != (int)(i & 0xff)) {
            printf("churn: wrong result\n");
        }
        i++;
    }
    return NULL;
}

/* Wait up to 10 s for pid; 1 if it had to be killed. */
static int reap(pid_t pid, int *status)
{
    for (int i = 0; i < 1000; i++) {
        if (waitpid(pid, status, WNOHANG) == pid) {
            return 0;
        }
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, status, 0);
    return 1;
}

int main(void)
{
    uint32_t *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    pthread_t t;
    pthread_create(&t, NULL, churn, code);

    int ok = 0, wrong = 0, hung = 0;
    for (int n = 0; n < 200; n++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            /* fresh code on the second page: translated in the child */
            uint32_t *mine = code + 1024;
            emit(mine, n);
            _exit(((fn_t)mine)() == (n & 0xff) ? 0 : 1);
        }
        int status = 0;
        if (reap(pid, &status)) {
            hung++;
            break;                 /* one is proof enough; do not wait for more */
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            ok++;
        } else {
            wrong++;
        }
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("children: %d ok, %d wrong, %d hung\n", ok, wrong, hung);
    return 0;
}
