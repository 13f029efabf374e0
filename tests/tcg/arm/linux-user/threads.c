/*
 * threads.c — guest threads on host threads: atomics, mutexes and condition
 * variables (futex), thread-local storage, join values, and a thread
 * signalled with pthread_kill.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 8
#define ITERS 20000

static atomic_int counter;
static int locked_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static __thread int tls_value;
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    tls_value = id * 10;
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add(&counter, 1);
        pthread_mutex_lock(&lock);
        locked_counter++;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(long)(tls_value + 1);
}

static void *waiter(void *arg)
{
    pthread_mutex_lock(&lock);
    while (!ready) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    return (void *)42;
}

static volatile int sig_in_thread;
static pthread_t sig_target;

static void on_usr1(int sig)
{
    sig_in_thread = pthread_equal(pthread_self(), sig_target);
}

static void *sleeper(void *arg)
{
    for (int i = 0; i < 200 && !sig_in_thread; i++) {
        usleep(5000);
    }
    return NULL;
}

static volatile int usr2_in_worker;
static pthread_t usr2_worker;

static void on_usr2(int sig)
{
    usr2_in_worker = pthread_equal(pthread_self(), usr2_worker) ? 1 : -1;
}

static void *usr2_wait(void *arg)
{
    for (int i = 0; i < 400 && !usr2_in_worker; i++) {
        usleep(5000);
    }
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_t th[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    tls_value = -1;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_create(&th[i], NULL, worker, (void *)(long)i);
    }
    long sum = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(th[i], &r);
        sum += (long)r;
    }
    printf("atomic counter %d (expect %d)\n", atomic_load(&counter), NTHREADS * ITERS);
    printf("mutex counter %d (expect %d)\n", locked_counter, NTHREADS * ITERS);
    printf("join values sum %ld, main tls %d\n", sum, tls_value);

    pthread_t w;
    pthread_create(&w, NULL, waiter, NULL);
    usleep(20000);
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    void *r;
    pthread_join(w, &r);
    printf("condvar waiter returned %ld\n", (long)r);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    pthread_create(&sig_target, NULL, sleeper, NULL);
    usleep(10000);
    pthread_kill(sig_target, SIGUSR1);
    pthread_join(sig_target, NULL);
    printf("pthread_kill reached the thread: %d\n", sig_in_thread);

    /* a process-directed signal blocked by the main thread goes to the worker */
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    pthread_create(&usr2_worker, NULL, usr2_wait, NULL);
    sigset_t s2;
    sigemptyset(&s2);
    sigaddset(&s2, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s2, NULL);
    usleep(10000);
    kill(getpid(), SIGUSR2);
    pthread_join(usr2_worker, NULL);
    printf("process signal taken by the unblocked thread: %d\n", usr2_in_worker);
    return 0;
}
