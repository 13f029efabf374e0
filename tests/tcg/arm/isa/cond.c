/*
 * cond.c — conditional execution: every condition under all sixteen NZCV
 * values, as a conditional move, a conditional flag-setting compare (the
 * flags change only when the condition passes) and a four-instruction
 * block (in Thumb an IT block with then and else slots).  The C model is
 * the ConditionPassed table of the ARM ARM (A8.3).
 */
#include "isa.h"

static int passed(int cond, uint32_t nzcv)
{
    int n = nzcv >> 3 & 1, z = nzcv >> 2 & 1, c = nzcv >> 1 & 1, v = nzcv & 1, r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: r = 1; break;
    }
    return (cond & 1) && cond != 15 ? !r : r;
}

#if ISA_ON_ARM
/* mov<c> r, #1; cmp<c> a, a (sets Z C, clears N V when it runs); then ITTEE-style: then, then, else, else */
#define COND(cc, inv, idx)                                                          \
    case idx:                                                                  \
        asm volatile("msr CPSR_f, %[f]\n\t"                                    \
                     "mov %[r], #0\n\t"                                        \
                     "it " #cc "\n\t"                                          \
                     "mov" #cc " %[r], #1\n\t"                                 \
                     "mrs %[p], APSR\n\t"                                      \
                     "msr CPSR_f, %[f]\n\t"                                    \
                     "it " #cc "\n\t"                                          \
                     "cmp" #cc " %[r], %[r]\n\t"                               \
                     "mrs %[q], APSR\n\t"                                      \
                     "msr CPSR_f, %[f]\n\t"                                    \
                     "mov %[x], #0\n\t"                                        \
                     "itete " #cc "\n\t"                                       \
                     "add" #cc " %[x], %[x], #1\n\t"                           \
                     "add" #inv " %[x], %[x], #2\n\t"                          \
                     "add" #cc " %[x], %[x], #4\n\t"                           \
                     "add" #inv " %[x], %[x], #8\n\t"                          \
                     : [r] "=&l"(r), [p] "=&r"(p), [q] "=&r"(q), [x] "=&l"(x)   \
                     : [f] "r"(f) : "cc");                                     \
        break;
#endif

static const char *const names[15] = { "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                        "hi", "ls", "ge", "lt", "gt", "le", "al" };

int main(void)
{
    int n = 0;
    for (int cond = 0; cond < 15; cond++) {
        for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
            uint32_t f = nzcv << 28, r = 0, p = 0, q = 0, x = 0;
#if ISA_ON_ARM
            switch (cond) {
            COND(eq, ne, 0) COND(ne, eq, 1) COND(cs, cc, 2) COND(cc, cs, 3) COND(mi, pl, 4)
            COND(pl, mi, 5) COND(vs, vc, 6) COND(vc, vs, 7) COND(hi, ls, 8) COND(ls, hi, 9)
            COND(ge, lt, 10) COND(lt, ge, 11) COND(gt, le, 12) COND(le, gt, 13)
            default:
                asm volatile("msr CPSR_f, %[f]\n\tmov %[r], #1\n\tmrs %[p], APSR\n\t"
                             "cmp %[r], %[r]\n\tmrs %[q], APSR\n\tmsr CPSR_f, %[f]\n\t"
                             "mov %[x], #5"
                             : [r] "=&r"(r), [p] "=&r"(p), [q] "=&r"(q), [x] "=&r"(x)
                             : [f] "r"(f) : "cc");
                break;
            }
#else
            int ok = passed(cond, nzcv);
            r = ok;
            p = f;
            q = ok ? (PSR_Z | PSR_C) : f;
            x = ok ? 1 + 4 : 2 + 8;
#endif
            printf("%s nzcv %x: mov %u flags %08x cmp-flags %08x block %u\n", names[cond], nzcv, r,
                   p & 0xf0000000u, q & 0xf0000000u, x);
            n++;
        }
    }
    printf("cond: %d cases\n", n);
    return 0;
}
