/*
 * smc.c — code the guest writes and runs (a JIT's pattern): instructions
 * stored into an RWX mapping, run, rewritten and run again, with and
 * without the cacheflush call; and code patched on a page that also holds
 * data being written.  The expected output is fixed (smc.expected): each
 * call must run the instructions most recently stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

typedef int (*fn_t)(void);

/* A32: mov r0, #imm (imm < 256); bx lr */
static void emit(uint32_t *p, unsigned imm)
{
    p[0] = 0xe3a00000u | imm;
    p[1] = 0xe12fff1eu;
}

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    fn_t f = (fn_t)code;
    for (unsigned i = 1; i <= 5; i++) {
        emit(code, i * 11);
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        printf("run %u: %d\n", i, f());
    }
    /* no cacheflush: the store itself must invalidate what was translated */
    for (unsigned i = 0; i < 3; i++) {
        emit(code, 200 + i);
        printf("unflushed %u: %d\n", i, f());
    }
    /* data stores next to the code on the same page do not disturb it */
    volatile uint32_t *data = code + 512;
    emit(code + 16, 77);
    fn_t g = (fn_t)(code + 16);
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
        data[i & 15] = i;
        sum += g();
    }
    printf("same-page data: %d\n", sum);
    /* mprotect to read+exec and back keeps working code */
    mprotect(code, 4096, PROT_READ | PROT_EXEC);
    printf("after mprotect r-x: %d\n", g());
    mprotect(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    emit(code + 16, 99);
    printf("rewritten after mprotect: %d\n", g());
    return 0;
}
