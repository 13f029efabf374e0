/*
 * fpu.c — floating point through the C library's fenv interface: the four
 * rounding modes (fesetround), the sticky exception flags (fetestexcept),
 * NaN behaviour that IEEE 754 fixes (comparisons, propagation, isnan; not
 * the sign or payload of a default NaN, which differs between
 * architectures), and a trapping division after feenableexcept, which must
 * arrive as SIGFPE with si_code FPE_FLTDIV.  The native build is the
 * reference.
 */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile double one = 1.0, three = 3.0, zero = 0.0, big = DBL_MAX, tiny = DBL_MIN;
static volatile float fone = 1.0f, fthree = 3.0f;
static sigjmp_buf jb;
static volatile int fpe_code;

static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    fpe_code = si->si_code;
    siglongjmp(jb, 1);
}

static void flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-22s inexact %d divbyzero %d overflow %d underflow %d invalid %d\n", what,
           !!(f & FE_INEXACT), !!(f & FE_DIVBYZERO), !!(f & FE_OVERFLOW),
           !!(f & FE_UNDERFLOW), !!(f & FE_INVALID));
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    static const struct { int mode; const char *name; } modes[] = {
        { FE_TONEAREST, "nearest" }, { FE_TOWARDZERO, "toward zero" },
        { FE_UPWARD, "upward" }, { FE_DOWNWARD, "downward" },
    };
    for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        fesetround(modes[i].mode);
        volatile double q = one / three, nq = -one / three;
        volatile float fq = fone / fthree;
        volatile double s = sqrt(three);
        printf("%-12s get %d 1/3 %a -1/3 %a f %a sqrt3 %a rint(2.5) %g lrint(-2.5) %ld\n",
               modes[i].name, fegetround() == modes[i].mode, q, nq, (double)fq, s,
               rint(2.5), lrint(-2.5));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r;
    r = one / three;
    flags("1/3");
    r = one / zero;
    flags("1/0");
    r = big * 2.0;
    flags("max*2");
    r = tiny * tiny;
    flags("min*min");
    r = zero / zero;
    flags("0/0");
    r = sqrt(-one);
    flags("sqrt(-1)");
    r = one + one;
    flags("1+1");
    volatile double n = r * 0 + NAN;
    printf("nan: isnan %d self-equal %d less %d greater %d propagates %d\n", isnan(n), n == n,
           n < 1.0, n > 1.0, isnan(n + 1.0));
    printf("inf: %g %g isinf %d\n", one / zero, -one / zero, isinf(big * 2.0));
    feclearexcept(FE_ALL_EXCEPT);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) {
        feenableexcept(FE_DIVBYZERO);
        r = one / zero;
        printf("no trap: %g\n", r);
    } else {
        printf("trapped: SIGFPE code %s\n", fpe_code == FPE_FLTDIV ? "FPE_FLTDIV" : "other");
    }
    fedisableexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    printf("after disable: %g\n", r);
    return 0;
}
