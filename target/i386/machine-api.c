/*
 * machine-api.c — what a board (hw/i386) calls to make and reset its x86
 * CPUs in system mode, and the CPU side of hw/i386/x86-intr.h (attaching
 * the interrupt controller, SIPI vector, APIC ID).  The declarations are in
 * cpu.h and x86-intr.h.
 *
 * The power-on state follows SDM vol. 3, 9.1.1 (table 9-1): real mode, CS
 * selector 0xf000 with base 0xffff0000, EIP 0xfff0, so the first fetch is
 * at the top of the 4 GiB space where the board maps its firmware; the
 * other segments have base 0 and 64 KiB limits; CR0 = 0x60000010; EDX holds
 * the processor signature; the IDT is at 0 with limit 0x3ff.
 */
#include "cpu.h"

#include <inttypes.h>

#include "seg.h"
#include "util/error.h"

#ifdef CONFIG_SOFTMMU
#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "hw/i386/x86-intr.h"
#include "xsave.h"
#endif

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
    /* data segments: base 0, limit 0xffff, present read/write accessed */
    uint32_t data = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK;
    for (int i = 0; i < X86_NSEGS; i++) {
        env->segs[i] = (SegmentCache){ .selector = 0, .base = 0, .limit = 0xffff, .flags = data };
    }
    env->segs[R_CS] = (SegmentCache){
        .selector = 0xf000, .base = 0xffff0000, .limit = 0xffff,
        .flags = DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK | DESC_A_MASK,
    };
    env->eip = 0xfff0;
    env->sys.cr[0] = CR0_ET | CR0_CD | CR0_NW;
    env->sys.idt.limit = 0x3ff;
    env->sys.gdt.limit = 0xffff;
    env->sys.ldt.limit = 0xffff;
    env->sys.ldt.flags = DESC_P_MASK | (2u << DESC_TYPE_SHIFT);
    env->sys.tr.limit = 0xffff;
    env->sys.tr.flags = DESC_P_MASK | (11u << DESC_TYPE_SHIFT);
    env->sys.dr[6] = 0xffff0ff0;
    env->sys.dr[7] = 0x400;
    env->sys.pat = 0x0007040600070406ull;
    env->sys.misc_enable = 1;               /* fast strings */
    env->sys.delivering = -1;
    uint32_t a, b, c, d;
    i386_cpuid(env, 1, 0, &a, &b, &c, &d);
    env->regs[R_EDX] = a;                   /* the processor signature */
#ifdef CONFIG_SOFTMMU
    x86_update_hflags(env);
    i386_update_xstate_hflags(env);         /* CR4.OSXSAVE = 0: AVX and XSAVE #UD */
    CPUState *cs = &cpu->parent;
    cs->halted = false;
    cs->exception_index = EXCP_NONE;
    cs->interrupt_request = 0;
    tlb_flush(cs);
    if (cs->cpu_index != 0) {
        /*
         * An application processor waits for a start-up IPI (SDM vol. 3,
         * 9.4).  A halt request rather than `halted`, so that it holds even
         * when the board clears `halted` after this reset.
         */
        env->sys.wait_sipi = true;
        cs->halted = true;
        cpu_interrupt(cs, CPU_INTERRUPT_HALT);
    }
#endif
}

#ifdef CONFIG_SOFTMMU

void x86_cpu_set_intr_controller(CPUState *cs, const X86IntrControllerOps *ops, void *opaque)
{
    cs->env_ptr->intr_ops = ops;
    cs->env_ptr->intr_opaque = opaque;
}

void x86_cpu_set_sipi_vector(CPUState *cs, uint8_t vector)
{
    cs->env_ptr->sipi_vector = vector;
}

void x86_cpu_set_apic_id(CPUState *cs, uint32_t apic_id)
{
    cs->env_ptr->apic_id = apic_id;
}

/* -d cpu: the system registers after the general ones (cpu.c prints those). */
void x86_cpu_dump_state(CPUState *cs, FILE *f)
{
    static const char names[X86_NSEGS][3] = { "es", "cs", "ss", "ds", "fs", "gs" };
    CPUArchState *env = cs->env_ptr;
    for (int i = 0; i < X86_NSEGS; i++) {
        const SegmentCache *sc = &env->segs[i];
        fprintf(f, "%s=%04x %016" PRIx64 " %08x %06x%s", names[i], sc->selector, sc->base,
                sc->limit, sc->flags >> 8, i % 2 ? "\n" : "  ");
    }
    fprintf(f, "gdt=%016" PRIx64 " %05x idt=%016" PRIx64 " %05x ldt=%04x tr=%04x cpl=%d\n",
            env->sys.gdt.base, env->sys.gdt.limit, env->sys.idt.base, env->sys.idt.limit,
            env->sys.ldt.selector, env->sys.tr.selector, x86_cpl(env));
    fprintf(f, "cr0=%08" PRIx64 " cr2=%016" PRIx64 " cr3=%016" PRIx64 " cr4=%08" PRIx64
            " efer=%" PRIx64 " hflags=%05x\n", env->sys.cr[0], env->sys.cr[2], env->sys.cr[3],
            env->sys.cr[4], env->sys.efer, env->hflags);
}

#endif
