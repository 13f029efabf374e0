/*
 * atomics.c — atomic read-modify-write from four threads (on MIPS: LL/SC
 * loops), compare-and-swap, a spinlock guarding a plain counter, and a
 * futex-style wake-up through pthread condition variables.  Architecture
 * neutral: the native build is the reference.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 20000

static int counter32;
static long counterw;
static unsigned xor_acc;
static int lock;
static long plain;
static int done;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *worker(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_fetch_add(&counter32, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&counterw, 3, __ATOMIC_SEQ_CST);
        __atomic_fetch_xor(&xor_acc, (id + 1) << (i & 7), __ATOMIC_ACQ_REL);
        int expected = 0;
        while (!__atomic_compare_exchange_n(&lock, &expected, 1, false, __ATOMIC_ACQUIRE,
                                            __ATOMIC_RELAXED)) {
            expected = 0;
        }
        plain++;
        __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
    }
    pthread_mutex_lock(&mu);
    done++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
    }
    pthread_mutex_lock(&mu);
    while (done < THREADS) {
        pthread_cond_wait(&cv, &mu);
    }
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("counter32 %d\n", counter32);
    printf("counter (word) %ld\n", counterw);
    printf("xor %08x\n", xor_acc);
    printf("spinlock-protected %ld\n", plain);
    int v = 5;
    printf("cas hit %d ", __atomic_compare_exchange_n(&v, &(int){5}, 9, false,
                                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    printf("miss %d value %d\n", __atomic_compare_exchange_n(&v, &(int){5}, 1, false,
                                                             __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), v);
    printf("exchange old %d\n", __atomic_exchange_n(&v, 42, __ATOMIC_SEQ_CST));
    return 0;
}
