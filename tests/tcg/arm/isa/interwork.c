/*
 * interwork.c — ARM/Thumb interworking: calls through function pointers
 * with bit 0 (BLX register), direct calls the linker turns into BLX
 * immediate, returns by BX LR and POP {PC}, LDR PC and (ARMv7 ARM state)
 * MOV PC as interworking branches, a libc callback (qsort) in the other
 * state, and a recursion that changes state on every call.  The C model
 * is the same arithmetic without state changes.
 */
#include "isa.h"

#include <stdlib.h>

#if ISA_ON_ARM
#define IN_THUMB __attribute__((target("thumb"), noinline))
#define IN_ARM __attribute__((target("arm"), noinline))
#else
#define IN_THUMB __attribute__((noinline))
#define IN_ARM __attribute__((noinline))
#endif

IN_THUMB int t_f(int x) { return x * 3 + 1; }
IN_ARM int a_g(int x) { return x * 5 + 2; }

IN_THUMB int t_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

IN_ARM int a_cmp(const void *a, const void *b)
{
    return *(const int *)b - *(const int *)a;
}

IN_ARM int a_rec(int n);
IN_THUMB int t_rec(int n) { return n <= 0 ? 1 : 2 * a_rec(n - 1) + 1; }
IN_ARM int a_rec(int n) { return n <= 0 ? 7 : 3 * t_rec(n - 1) - 1; }

/* through a pointer the compiler cannot see through: BLX register */
static int (*volatile fp_t)(int) = t_f;
static int (*volatile fp_a)(int) = a_g;

IN_ARM int a_call_ptr(int (*f)(int), int x) { return f(x) + 1; }
IN_THUMB int t_call_ptr(int (*f)(int), int x) { return f(x) + 2; }
IN_ARM int a_call_direct(int x) { return t_f(x) * 2; }
IN_THUMB int t_call_direct(int x) { return a_g(x) * 2; }

#if ISA_ON_ARM
/* ARM: call f(x) with LDR PC (interworking since ARMv5T); the return comes back by BX LR */
int a_call_ldrpc(int (*f)(int), int x);
/* ARM: call f(x) by POP {PC} */
int a_call_poppc(int (*f)(int), int x);
/* Thumb: call f(x) by POP {PC} (ARMv5T interworking in Thumb too) */
int t_call_poppc(int (*f)(int), int x);
asm(".text\n"
    ".syntax unified\n"
    ".arm\n"
    ".global a_call_ldrpc\n"
    ".type a_call_ldrpc, %function\n"
    "a_call_ldrpc:\n"
    "  push {r4, lr}\n"
    "  sub sp, sp, #8\n"
    "  str r0, [sp]\n"
    "  mov r0, r1\n"
    "  adr lr, 1f\n"
    "  ldr pc, [sp]\n"
    "1: add sp, sp, #8\n"
    "  pop {r4, pc}\n"
    ".global a_call_poppc\n"
    ".type a_call_poppc, %function\n"
    "a_call_poppc:\n"
    "  push {r4, lr}\n"
    "  mov r4, r0\n"
    "  mov r0, r1\n"
    "  adr lr, 2f\n"
    "  push {r4}\n"
    "  pop {pc}\n"
    "2: pop {r4, pc}\n"
    ".thumb\n"
    ".global t_call_poppc\n"
    ".type t_call_poppc, %function\n"
    ".thumb_func\n"
    "t_call_poppc:\n"
    "  push {r4, lr}\n"
    "  movs r4, r0\n"
    "  movs r0, r1\n"
    "  bl 3f\n"
    "  pop {r4, pc}\n"
    "3: push {r4}\n"
    "  pop {pc}\n"
    ".arm\n");
#if ISA_LEVEL >= 7
/* ARMv7 ARM state: MOV PC, Rm is an interworking branch (ALUWritePC) */
int a_call_movpc(int (*f)(int), int x);
asm(".text\n"
    ".arm\n"
    ".global a_call_movpc\n"
    ".type a_call_movpc, %function\n"
    "a_call_movpc:\n"
    "  push {r4, lr}\n"
    "  mov r4, r0\n"
    "  mov r0, r1\n"
    "  adr lr, 4f\n"
    "  mov pc, r4\n"
    "4: pop {r4, pc}\n");
#endif
#else
static int a_call_ldrpc(int (*f)(int), int x) { return f(x); }
static int a_call_poppc(int (*f)(int), int x) { return f(x); }
static int t_call_poppc(int (*f)(int), int x) { return f(x); }
static int a_call_movpc(int (*f)(int), int x) { return f(x); }
#endif

int main(void)
{
    int n = 0;
    for (int x = -3; x <= 3; x++) {
        printf("ptr a->t %d a->a %d t->a %d t->t %d\n", a_call_ptr(fp_t, x),
               a_call_ptr(fp_a, x), t_call_ptr(fp_a, x), t_call_ptr(fp_t, x));
        printf("direct a->t %d t->a %d\n", a_call_direct(x), t_call_direct(x));
        printf("ldr pc a->t %d a->a %d\n", a_call_ldrpc(fp_t, x), a_call_ldrpc(fp_a, x));
        printf("pop pc a->t %d a->a %d t->a %d t->t %d\n", a_call_poppc(fp_t, x),
               a_call_poppc(fp_a, x), t_call_poppc(fp_a, x), t_call_poppc(fp_t, x));
#if ISA_LEVEL >= 7
        printf("mov pc a->t %d a->a %d\n", a_call_movpc(fp_t, x), a_call_movpc(fp_a, x));
#endif
        n++;
    }
    /* the state is bit 0 of a function's address */
    printf("thumb bit: t_f %d a_g %d\n", ISA_ON_ARM ? (int)((uintptr_t)fp_t & 1) : 1,
           (int)((uintptr_t)fp_a & 1));
    int v[16];
    for (int i = 0; i < 16; i++) {
        v[i] = (i * 7919) % 23 - 11;
    }
    qsort(v, 16, sizeof(int), t_cmp);
    printf("qsort thumb cmp:");
    for (int i = 0; i < 16; i++) {
        printf(" %d", v[i]);
    }
    qsort(v, 16, sizeof(int), a_cmp);
    printf("\nqsort arm cmp:");
    for (int i = 0; i < 16; i++) {
        printf(" %d", v[i]);
    }
    printf("\nrecursion %d %d\n", t_rec(12), a_rec(13));
    printf("interwork: %d rounds\n", n);
    return 0;
}
