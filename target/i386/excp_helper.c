/*
 * excp_helper.c — exceptions and interrupts in system mode (SDM vol. 3,
 * chapter 6): raising with an error code, the double-fault rules, delivery
 * through the real-mode IVT, 32-bit protected-mode IDT gates (with the
 * stack switch from the TSS) and 64-bit gates (IST stacks), accepting INTR
 * and NMI between instructions, HLT wake-up.
 *
 * Contract: x86_raise_exception_err never returns (it leaves through
 * cpu_loop_exit_restore); cpu_exec then calls x86_cpu_do_interrupt, which
 * delivers cpu->exception_index.  A fault while delivering is combined per
 * SDM table 6-5 into #DF; a fault while delivering #DF is a triple fault,
 * which requests a machine reset (as a real board's reset line would).
 * `-d int` logs each delivery (vector, error code, CS:EIP, CPL).
 * A task gate in a 32-bit IDT switches tasks (task_helper.c).  Compiled
 * for system mode only.
 */
#include "seg.h"

#ifdef CONFIG_SOFTMMU

#include <inttypes.h>

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "exec/runstate.h"
#include "hw/i386/x86-intr.h"
#include "util/log.h"

LOG_ITEM(x86_log_int, "int", "log x86 interrupts and exceptions (vector, error code, CS:EIP)");

/* Vectors that push an error code (SDM vol. 3, table 6-1). */
static bool has_error_code(int v)
{
    return v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21;
}

static bool contributory(int v)
{
    return v == 0 || (v >= 10 && v <= 13);
}

void x86_raise_exception_err(CPUArchState *env, int vector, uint32_t error_code, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    int prev = env->sys.delivering;
    if (prev >= 0 && vector < 32 && vector != EXCP01_DB) {
        if (prev == EXCP08_DBLE) {
            /* triple fault: the processor shuts down; a PC resets */
            if (log_enabled(x86_log_int)) {
                log_printf("x86: triple fault (vector %d while delivering #DF), reset\n", vector);
            }
            env->sys.delivering = -1;
            runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
            cs->halted = true;
            cs->exception_index = EXCP_HLT;
            cpu_loop_exit(cs);
        }
        if ((contributory(prev) && contributory(vector)) ||
            (prev == EXCP0E_PAGE && (contributory(vector) || vector == EXCP0E_PAGE))) {
            vector = EXCP08_DBLE;
            error_code = 0;
        }
    }
    env->sys.error_code = error_code;
    cs->exception_index = vector;
    if (ra) {
        cpu_loop_exit_restore(cs, ra);
    }
    cpu_loop_exit(cs);
}

/* ---- delivery ------------------------------------------------------------------------- */

static void push_k(CPUArchState *env, uint64_t *sp, uint64_t mask, uint64_t base, uint64_t v,
                   MemOp ot)
{
    *sp -= 1u << ot;
    uint64_t a = base + (*sp & mask);
    if (!(env->sys.efer & EFER_LMA)) {
        a = (uint32_t)a;
    }
    x86_st_kernel(env, a, v, ot, 0);
}

static void deliver_real(CPUArchState *env, int vector, uint64_t next_eip)
{
    if (vector * 4u + 3 > env->sys.idt.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    uint32_t ent = x86_ld_kernel(env, env->sys.idt.base + vector * 4, MO_32, 0);
    uint64_t sp = env->regs[R_ESP], base = env->segs[R_SS].base;
    push_k(env, &sp, 0xffff, base, i386_get_eflags(env), MO_16);
    push_k(env, &sp, 0xffff, base, env->segs[R_CS].selector, MO_16);
    push_k(env, &sp, 0xffff, base, next_eip, MO_16);
    env->regs[R_ESP] = (env->regs[R_ESP] & ~0xffffull) | (sp & 0xffff);
    env->eflags &= ~(uint64_t)(IF_MASK | TF_MASK | AC_MASK | RF_MASK);
    x86_load_seg_real(env, R_CS, ent >> 16);
    env->eip = ent & 0xffff;
}

/* Read the gate and the target code descriptor; returns the new CPL. */
static int gate_target(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2)
{
    if ((sel & ~3u) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, 0);
    }
    SegmentCache *dt = sel & 4 ? &env->sys.ldt : &env->sys.gdt;
    if ((sel & ~7u) + 7 > dt->limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, 0);
    }
    uint64_t d = x86_ld_kernel(env, dt->base + (sel & ~7u), MO_64, 0);
    *e1 = (uint32_t)d;
    *e2 = d >> 32;
    int dpl = (*e2 >> DESC_DPL_SHIFT) & 3, cpl = x86_cpl(env);
    if (!(*e2 & DESC_S_MASK) || !(*e2 & DESC_CS_MASK) || dpl > cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, 0);
    }
    if (!(*e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, 0);
    }
    return *e2 & DESC_C_MASK ? cpl : dpl;
}

static uint64_t seg_base_of(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

static uint32_t seg_limit_of(uint32_t e1, uint32_t e2)
{
    uint32_t l = (e1 & 0xffff) | (e2 & 0x000f0000u);
    return e2 & DESC_G_MASK ? (l << 12) | 0xfff : l;
}

/*
 * A task gate in the IDT (SDM vol. 3, 6.12.2): switch to the available TSS
 * it names (in the GDT: else #GP, not present #NP, both with the TSS
 * selector) as a nested task; the error code goes on the new task's stack.
 */
static void deliver_task_gate(CPUArchState *env, uint32_t tss, bool has_err, uint32_t err,
                              uint64_t next_eip)
{
    uint32_t e1, e2;
    if ((tss & 4) || (tss & ~3u) == 0 || !x86_read_desc(env, tss, &e1, &e2, 0)) {
        x86_raise_exception_err(env, EXCP0D_GPF, tss & ~3u, 0);
    }
    int t = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    if ((e2 & DESC_S_MASK) || (t != 1 && t != 9)) {
        x86_raise_exception_err(env, EXCP0D_GPF, tss & ~3u, 0);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, tss & ~3u, 0);
    }
    x86_task_switch(env, tss, e1, e2, X86_TASK_INT, next_eip, has_err ? (int64_t)err : -1, 0);
}

static void deliver_prot32(CPUArchState *env, int vector, bool is_int, bool has_err,
                           uint32_t err, uint64_t next_eip)
{
    if (vector * 8u + 7 > env->sys.idt.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    uint64_t g = x86_ld_kernel(env, env->sys.idt.base + vector * 8, MO_64, 0);
    uint32_t g1 = (uint32_t)g, g2 = g >> 32;
    int type = (g2 >> 8) & 0x1f, gdpl = (g2 >> DESC_DPL_SHIFT) & 3, cpl = x86_cpl(env);
    if (type != 5 && type != 6 && type != 7 && type != 14 && type != 15) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    if (is_int && gdpl < cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    if (!(g2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, vector * 8 + 2, 0);
    }
    if (type == 5) {
        deliver_task_gate(env, g1 >> 16, has_err, err, next_eip);
        return;
    }
    uint32_t sel = g1 >> 16, offset = (g2 & 0xffff0000u) | (g1 & 0xffff);
    uint32_t e1, e2;
    int ncpl = gate_target(env, sel, &e1, &e2);
    MemOp ot = type & 8 ? MO_32 : MO_16;
    bool vm = env->eflags & VM_MASK;
    uint64_t sp, mask, base;
    uint32_t new_ss = 0, ss_e1 = 0, ss_e2 = 0;
    bool switched = ncpl < cpl;
    if (vm && ncpl != 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, 0);
    }
    if (switched) {
        /* the inner stack from the TSS (32-bit: ESPn at 4 + 8n, SSn at 8 + 8n) */
        SegmentCache *tr = &env->sys.tr;
        bool tss32 = ((tr->flags >> DESC_TYPE_SHIFT) & 8) != 0;
        uint32_t off = tss32 ? 4 + 8 * ncpl : 2 + 4 * ncpl;
        if (off + (tss32 ? 7 : 3) > tr->limit) {
            x86_raise_exception_err(env, EXCP0A_TSS, tr->selector & ~3u, 0);
        }
        if (tss32) {
            sp = x86_ld_kernel(env, tr->base + off, MO_32, 0);
            new_ss = x86_ld_kernel(env, tr->base + off + 4, MO_16, 0);
        } else {
            sp = x86_ld_kernel(env, tr->base + off, MO_16, 0);
            new_ss = x86_ld_kernel(env, tr->base + off + 2, MO_16, 0);
        }
        SegmentCache *dt = new_ss & 4 ? &env->sys.ldt : &env->sys.gdt;
        if ((new_ss & ~3u) == 0 || (new_ss & 3) != ncpl || (new_ss & ~7u) + 7 > dt->limit) {
            x86_raise_exception_err(env, EXCP0A_TSS, new_ss & ~3u, 0);
        }
        uint64_t d = x86_ld_kernel(env, dt->base + (new_ss & ~7u), MO_64, 0);
        ss_e1 = (uint32_t)d;
        ss_e2 = d >> 32;
        if (!(ss_e2 & DESC_S_MASK) || (ss_e2 & DESC_CS_MASK) || !(ss_e2 & DESC_W_MASK) ||
            ((ss_e2 >> DESC_DPL_SHIFT) & 3) != ncpl) {
            x86_raise_exception_err(env, EXCP0A_TSS, new_ss & ~3u, 0);
        }
        if (!(ss_e2 & DESC_P_MASK)) {
            x86_raise_exception_err(env, EXCP0C_STACK, new_ss & ~3u, 0);
        }
        mask = ss_e2 & DESC_B_MASK ? 0xffffffffull : 0xffff;
        base = seg_base_of(ss_e1, ss_e2);
    } else {
        sp = env->regs[R_ESP];
        mask = env->segs[R_SS].flags & DESC_B_MASK ? 0xffffffffull : 0xffff;
        base = env->segs[R_SS].base;
    }
    if (switched) {
        if (vm) {
            push_k(env, &sp, mask, base, env->segs[R_GS].selector, ot);
            push_k(env, &sp, mask, base, env->segs[R_FS].selector, ot);
            push_k(env, &sp, mask, base, env->segs[R_DS].selector, ot);
            push_k(env, &sp, mask, base, env->segs[R_ES].selector, ot);
        }
        push_k(env, &sp, mask, base, env->segs[R_SS].selector, ot);
        push_k(env, &sp, mask, base, env->regs[R_ESP], ot);
    }
    push_k(env, &sp, mask, base, i386_get_eflags(env), ot);
    push_k(env, &sp, mask, base, env->segs[R_CS].selector, ot);
    push_k(env, &sp, mask, base, next_eip, ot);
    if (has_err) {
        push_k(env, &sp, mask, base, err, ot);
    }
    /* committed: nothing below can fault */
    if (switched) {
        if (vm) {
            for (int s = R_ES; s <= R_GS; s++) {
                if (s != R_CS && s != R_SS) {
                    x86_set_seg(env, s, 0, 0, 0, 0);
                }
            }
        }
        x86_set_seg(env, R_SS, new_ss, base, seg_limit_of(ss_e1, ss_e2), ss_e2 & 0x00f0ff00u);
        env->regs[R_ESP] = sp & mask;
    } else {
        env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (sp & mask);
    }
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (uint32_t)ncpl << HF_CPL_SHIFT;
    env->eflags &= ~(uint64_t)(TF_MASK | VM_MASK | RF_MASK | NT_MASK);
    if (!(type & 1)) {
        env->eflags &= ~(uint64_t)IF_MASK;
    }
    x86_set_seg(env, R_CS, (sel & ~3u) | ncpl, seg_base_of(e1, e2), seg_limit_of(e1, e2),
                e2 & 0x00f0ff00u);
    env->eip = ot == MO_16 ? offset & 0xffff : offset;
}

static void deliver_long(CPUArchState *env, int vector, bool is_int, bool has_err,
                         uint32_t err, uint64_t next_eip)
{
    if (vector * 16u + 15 > env->sys.idt.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    uint64_t ga = env->sys.idt.base + vector * 16;
    uint64_t g = x86_ld_kernel(env, ga, MO_64, 0);
    uint32_t g1 = (uint32_t)g, g2 = g >> 32;
    uint32_t g3 = x86_ld_kernel(env, ga + 8, MO_32, 0);
    int type = (g2 >> 8) & 0x1f, gdpl = (g2 >> DESC_DPL_SHIFT) & 3, cpl = x86_cpl(env);
    if (type != 14 && type != 15) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    if (is_int && gdpl < cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, vector * 8 + 2, 0);
    }
    if (!(g2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, vector * 8 + 2, 0);
    }
    uint32_t sel = g1 >> 16;
    uint64_t offset = (g2 & 0xffff0000u) | (g1 & 0xffff) | (uint64_t)g3 << 32;
    int ist = g2 & 7;
    uint32_t e1, e2;
    int ncpl = gate_target(env, sel, &e1, &e2);
    if (!(e2 & DESC_L_MASK) || (e2 & DESC_B_MASK)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, 0);
    }
    uint64_t sp;
    SegmentCache *tr = &env->sys.tr;
    if (ist || ncpl < cpl) {
        uint32_t off = ist ? 0x24 + 8 * (ist - 1) : 4 + 8 * ncpl;
        if (off + 7 > tr->limit) {
            x86_raise_exception_err(env, EXCP0A_TSS, tr->selector & ~3u, 0);
        }
        sp = x86_ld_kernel(env, tr->base + off, MO_64, 0);
    } else {
        sp = env->regs[R_ESP];
    }
    sp &= ~15ull;
    push_k(env, &sp, ~0ull, 0, env->segs[R_SS].selector, MO_64);
    push_k(env, &sp, ~0ull, 0, env->regs[R_ESP], MO_64);
    push_k(env, &sp, ~0ull, 0, i386_get_eflags(env), MO_64);
    push_k(env, &sp, ~0ull, 0, env->segs[R_CS].selector, MO_64);
    push_k(env, &sp, ~0ull, 0, next_eip, MO_64);
    if (has_err) {
        push_k(env, &sp, ~0ull, 0, err, MO_64);
    }
    if (ncpl < cpl) {
        x86_set_seg(env, R_SS, ncpl, 0, 0, (uint32_t)ncpl << DESC_DPL_SHIFT);
    }
    env->regs[R_ESP] = sp;
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (uint32_t)ncpl << HF_CPL_SHIFT;
    env->eflags &= ~(uint64_t)(TF_MASK | VM_MASK | RF_MASK | NT_MASK);
    if (!(type & 1)) {
        env->eflags &= ~(uint64_t)IF_MASK;
    }
    x86_set_seg(env, R_CS, (sel & ~3u) | ncpl, seg_base_of(e1, e2), seg_limit_of(e1, e2),
                e2 & 0x00f0ff00u);
    env->eip = offset;
}

void x86_do_interrupt_all(CPUArchState *env, int vector, bool is_int, bool is_hw,
                          bool has_error, uint32_t error_code, uint64_t next_eip)
{
    if (log_enabled(x86_log_int)) {
        log_printf("x86: %s %#04x err=%#x at %04x:%08" PRIx64 " cpl=%d cr2=%#" PRIx64
                   " eflags=%#" PRIx64 "\n",
                   is_int ? "INT" : is_hw ? "interrupt" : "exception",
                   vector, has_error ? error_code : 0, env->segs[R_CS].selector, next_eip,
                   x86_cpl(env), env->sys.cr[2], i386_get_eflags(env));
    }
    env->sys.delivering = !is_int && !is_hw ? vector : -1;
    if (!(env->sys.cr[0] & CR0_PE)) {
        deliver_real(env, vector, next_eip);
    } else if (env->sys.efer & EFER_LMA) {
        deliver_long(env, vector, is_int, has_error, error_code, next_eip);
    } else {
        deliver_prot32(env, vector, is_int, has_error, error_code, next_eip);
    }
    env->sys.delivering = -1;
    x86_update_hflags(env);
}

void x86_cpu_do_interrupt(CPUState *cs)
{
    CPUArchState *env = cs->env_ptr;
    int v = cs->exception_index;
    if (v == EXCP_SYSCALL) {
        x86_syscall(env);
    } else if (v == EXCP_SWINT) {
        /* INT n: eip is already past the instruction */
        x86_do_interrupt_all(env, env->int_vector, true, false, false, 0, env->eip);
    } else if (v >= 0 && v < 256) {
        bool err = has_error_code(v) && (env->sys.cr[0] & CR0_PE);
        x86_do_interrupt_all(env, v, false, false, err, env->sys.error_code, env->eip);
    }
    env->sys.error_code = 0;
    cs->exception_index = EXCP_NONE;
}

bool x86_cpu_exec_interrupt(CPUState *cs, uint32_t request)
{
    CPUArchState *env = cs->env_ptr;
    if (request & CPU_INTERRUPT_INIT) {
        /*
         * INIT: the power-on state; an AP then waits for a start-up IPI.
         * The reset clears every request, but a SIPI already pending was
         * sent after this INIT (firmware sends them back to back before the
         * AP runs), so it must survive to start the AP.
         */
        cpu_reset_interrupt(cs, CPU_INTERRUPT_INIT);
        bool sipi = (request & CPU_INTERRUPT_SIPI) != 0;
        x86_cpu_reset_power_on((X86CPU *)cs);
        if (sipi) {
            cpu_interrupt(cs, CPU_INTERRUPT_SIPI);
        }
        return true;
    }
    if (request & CPU_INTERRUPT_SIPI) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SIPI);
        if (!env->sys.wait_sipi) {
            return false;
        }
        /* start in real mode at vector << 12 (SDM vol. 3, 9.4.4) */
        env->sys.wait_sipi = false;
        cs->halted = false;
        x86_load_seg_real(env, R_CS, (uint32_t)env->sipi_vector << 8);
        env->eip = 0;
        return true;
    }
    if (env->sys.wait_sipi) {
        return false;
    }
    if (request & CPU_INTERRUPT_NMI) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_NMI);
        cs->halted = false;
        x86_do_interrupt_all(env, EXCP02_NMI, false, true, false, 0, env->eip);
        return true;
    }
    if ((request & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK) && env->intr_ops) {
        int vector = env->intr_ops->ack(env->intr_opaque);
        if (vector < 0) {
            return false;
        }
        cs->halted = false;
        x86_do_interrupt_all(env, vector & 0xff, false, true, false, 0, env->eip);
        return true;
    }
    return false;
}

bool x86_cpu_has_work(CPUState *cs)
{
    CPUArchState *env = cs->env_ptr;
    uint32_t req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_SEQ_CST);
    if (env->sys.wait_sipi) {
        return (req & (CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI)) != 0;
    }
    return ((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) ||
           (req & (CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI));
}

#endif
