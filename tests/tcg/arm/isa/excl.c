/*
 * excl.c — exclusive access: LDREX/STREX of bytes, halfwords, words and
 * doublewords (success, the status register, memory after), STREX failing
 * after CLREX and after an earlier STREX closed the monitor, the T32 forms
 * with an immediate offset and LDREXD/STREXD with any two registers, two
 * threads incrementing one counter; SWP/SWPB on ARMv5.  The C model
 * prints what the architecture requires.
 */
#include "isa.h"

#include <pthread.h>

static volatile union {
    uint64_t d[4];
    uint32_t w[8];
    uint16_t h[16];
    uint8_t b[32];
} mem __attribute__((aligned(16)));

static void reset(void)
{
    for (int i = 0; i < 32; i++) {
        mem.b[i] = (uint8_t)(0xa0 + i * 7);
    }
}

static void show(const char *what, uint64_t old, uint32_t st)
{
    printf("%-22s old %016" PRIx64 " status %" PRIu32 " mem %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n",
           what, old, st, mem.d[0], mem.d[1], mem.d[2]);
}

#if ISA_ON_ARM && ISA_LEVEL >= 7
#define EX(insl, inss, T, p, nv, st)                                           \
    ({ uint32_t o_;                                                            \
       asm volatile(insl " %0, [%2]\n\t" inss " %1, %3, [%2]"                   \
                    : "=&r"(o_), "=&r"(st) : "r"(p), "r"(nv) : "memory");      \
       (uint64_t)o_; })
static uint64_t ex_d(volatile uint64_t *p, uint64_t nv, uint32_t *st)
{
    uint64_t o;
    uint32_t s;
    asm volatile("ldrexd %0, %H0, [%2]\n\tstrexd %1, %3, %H3, [%2]"
                 : "=&r"(o), "=&r"(s) : "r"(p), "r"(nv) : "memory");
    *st = s;
    return o;
}

/* STREX after CLREX, and a second STREX after a successful one: both fail */
static uint32_t ex_fail_clrex(volatile uint32_t *p)
{
    uint32_t o, s;
    asm volatile("ldrex %0, [%2]\n\tclrex\n\tstrex %1, %0, [%2]"
                 : "=&r"(o), "=&r"(s) : "r"(p) : "memory");
    return s;
}

static uint32_t ex_fail_twice(volatile uint32_t *p, uint32_t nv)
{
    uint32_t o, s1, s2;
    asm volatile("ldrex %0, [%3]\n\tstrex %1, %4, [%3]\n\tstrex %2, %0, [%3]"
                 : "=&r"(o), "=&r"(s1), "=&r"(s2) : "r"(p), "r"(nv) : "memory");
    return s1 << 4 | s2;
}

/* T32 only: LDREX/STREX with an offset of 4 words, LDREXD/STREXD with r0/r2 and r1/r3 */
uint32_t t32_ex_offset(volatile uint32_t *base, uint32_t nv, uint32_t *old);
uint32_t t32_exd_pairs(volatile uint64_t *p, uint32_t lo, uint32_t hi, uint32_t *old);
asm(".text\n"
    ".syntax unified\n"
    ".thumb\n"
    ".global t32_ex_offset\n"
    ".type t32_ex_offset, %function\n"
    ".thumb_func\n"
    "t32_ex_offset:\n"
    "  push {r4, r5}\n"
    "  ldrex r4, [r0, #16]\n"
    "  strex r5, r1, [r0, #16]\n"
    "  str r4, [r2]\n"
    "  mov r0, r5\n"
    "  pop {r4, r5}\n"
    "  bx lr\n"
    ".global t32_exd_pairs\n"
    ".type t32_exd_pairs, %function\n"
    ".thumb_func\n"
    "t32_exd_pairs:\n"
    "  push {r4, r5, r6, r7}\n"
    "  ldrexd r4, r6, [r0]\n"
    "  strexd r7, r1, r2, [r0]\n"
    "  str r4, [r3]\n"
    "  str r6, [r3, #4]\n"
    "  mov r0, r7\n"
    "  pop {r4, r5, r6, r7}\n"
    "  bx lr\n"
    ".arm\n");

static int atomic_inc(volatile uint32_t *p)
{
    uint32_t v, s, tries = 0;
    do {
        asm volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\tstrex %1, %0, [%2]"
                     : "=&r"(v), "=&r"(s) : "r"(p) : "memory");
        tries++;
    } while (s);
    return tries;
}
#elif !ISA_ON_ARM
/* the model: what the instructions must do */
#define EX(insl, inss, T, p, nv, st)                                           \
    ({ uint64_t o_ = *(p); *(p) = (T)(nv); st = 0; o_; })
static uint64_t ex_d(volatile uint64_t *p, uint64_t nv, uint32_t *st)
{
    uint64_t o = *p;
    *p = nv;
    *st = 0;
    return o;
}
static uint32_t ex_fail_clrex(volatile uint32_t *p) { return 1; }
static uint32_t ex_fail_twice(volatile uint32_t *p, uint32_t nv)
{
    *p = nv;
    return 0x01;
}
static uint32_t t32_ex_offset(volatile uint32_t *base, uint32_t nv, uint32_t *old)
{
    *old = base[4];
    base[4] = nv;
    return 0;
}
static uint32_t t32_exd_pairs(volatile uint64_t *p, uint32_t lo, uint32_t hi, uint32_t *old)
{
    old[0] = (uint32_t)*p;
    old[1] = (uint32_t)(*p >> 32);
    *p = (uint64_t)hi << 32 | lo;
    return 0;
}
static int atomic_inc(volatile uint32_t *p)
{
    __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST);
    return 1;
}
#endif

#if ISA_ON_ARM
static uint32_t swp(volatile uint32_t *p, uint32_t nv)
{
    uint32_t o;
    asm volatile("swp %0, %2, [%1]" : "=&r"(o) : "r"(p), "r"(nv) : "memory");
    return o;
}
static uint32_t swpb(volatile uint8_t *p, uint32_t nv)
{
    uint32_t o;
    asm volatile("swpb %0, %2, [%1]" : "=&r"(o) : "r"(p), "r"(nv) : "memory");
    return o;
}
#else
static uint32_t swp(volatile uint32_t *p, uint32_t nv)
{
    uint32_t o = *p;
    *p = nv;
    return o;
}
static uint32_t swpb(volatile uint8_t *p, uint32_t nv)
{
    uint32_t o = *p;
    *p = (uint8_t)nv;
    return o;
}
#endif

#if ISA_LEVEL >= 7
#define COUNT 20000
static volatile uint32_t counter __attribute__((aligned(64)));

static void *incr(void *arg)
{
    for (int i = 0; i < COUNT; i++) {
        atomic_inc(&counter);
    }
    return arg;
}
#endif

int main(void)
{
#if ISA_LEVEL >= 7
    uint32_t st;
    uint64_t o;
    for (int i = 0; i < 4; i++) {
        reset();
        o = EX("ldrexb", "strexb", uint8_t, &mem.b[3 + i], 0x155 + i, st);
        show("ldrexb/strexb", o, st);
        reset();
        o = EX("ldrexh", "strexh", uint16_t, &mem.h[1 + i], 0x1f00d + i, st);
        show("ldrexh/strexh", o, st);
        reset();
        o = EX("ldrex", "strex", uint32_t, &mem.w[i], 0xcafe0000u + i, st);
        show("ldrex/strex", o, st);
        reset();
        o = ex_d(&mem.d[i & 1], 0x0123456789abcdefull + i, &st);
        show("ldrexd/strexd", o, st);
    }
    reset();
    st = ex_fail_clrex(&mem.w[1]);
    show("strex after clrex", 0, st);
    reset();
    st = ex_fail_twice(&mem.w[2], 0x5555aaaa);
    show("strex twice", 0, st);
    reset();
    uint32_t old[2];
    st = t32_ex_offset(&mem.w[0], 0x77665544, old);
    show("t32 ldrex offset", old[0], st);
    reset();
    st = t32_exd_pairs(&mem.d[1], 0x11112222, 0x33334444, old);
    show("t32 ldrexd r4,r6", (uint64_t)old[1] << 32 | old[0], st);

    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, incr, NULL);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    printf("two threads: %" PRIu32 " of %d\n", counter, 2 * COUNT);
#else
    for (int i = 0; i < 4; i++) {
        reset();
        uint32_t o = swp(&mem.w[i], 0xdead0000u + i);
        show("swp", o, 0);
        reset();
        o = swpb(&mem.b[i * 3], 0x1ee + i);
        show("swpb", o, 0);
    }
#endif
    printf("excl: done\n");
    return 0;
}
