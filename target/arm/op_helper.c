/*
 * op_helper.c — helpers the translated code calls for what is not worth
 * inlining: raising exceptions, exclusive stores (compare-and-swap on the
 * host, so that guest threads on host threads get atomic LDREX/STREX),
 * saturating and parallel arithmetic, and coprocessor register access.
 */
#include "internals.h"

#include "exec/cpu-exec.h"

void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    cs->exception_index = excp;
    env->exception.syndrome = syndrome;
    if (ra) {
        cpu_loop_exit_restore(cs, ra);
    }
    cpu_loop_exit(cs);
}
