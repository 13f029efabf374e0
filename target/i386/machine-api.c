/*
 * machine-api.c — what a board (hw/i386) calls to make and reset its x86
 * CPUs in system mode.  The declarations are in cpu.h under CONFIG_SOFTMMU.
 *
 * The power-on state follows SDM vol. 3, 9.1.1: real mode, CS selector
 * 0xf000 with base 0xffff0000, EIP 0xfff0, so the first fetch is at the
 * top of the 4 GiB space where the board maps its firmware.
 */
#include "cpu.h"

#include "util/error.h"

X86CPU *x86_cpu_create(const char *model_name, Error **errp)
{
    const X86CPUModel *model = NULL;
    if (model_name) {
        model = i386_cpu_model_find(model_name);
        if (!model) {
            error_setg(errp, "unknown CPU model '%s' (-cpu help lists them)", model_name);
            return NULL;
        }
    }
    X86CPU *cpu = i386_cpu_new(model, false);
    x86_cpu_reset_power_on(cpu);
    return cpu;
}

void x86_cpu_reset_power_on(X86CPU *cpu)
{
    CPUArchState *env = &cpu->env;
    i386_cpu_reset(env, false);
    env->hflags = 0;
    for (int i = 0; i < X86_NSEGS; i++) {
        env->segs[i].selector = 0;
        env->segs[i].base = 0;
    }
    env->segs[R_CS].selector = 0xf000;
    env->segs[R_CS].base = 0xffff0000;
    env->eip = 0xfff0;
}
