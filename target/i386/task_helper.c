/*
 * task_helper.c — hardware task switching (SDM vol. 3, chapter 7) with the
 * 32-bit TSS: a far JMP/CALL to a TSS descriptor or a task gate
 * (seg_helper.c), an interrupt or exception through an IDT task gate
 * (excp_helper.c, the classic #DF handler), and IRET with EFLAGS.NT, which
 * returns to the task named by the current TSS's back link.
 *
 * A switch, in order (SDM 7.3): the new TSS is read whole (limit >= 0x67,
 * else #TS(selector)); EIP, EFLAGS, the general registers and the segment
 * selectors are written to the current TSS (TR; CR3 and the LDTR are not
 * saved, as on hardware); the busy bits follow the source — JMP and IRET
 * free the old task, CALL and INT nest (the new TSS's back link gets the
 * old TR, the new EFLAGS gets NT); TR is loaded and CR0.TS set; then CR3
 * (with paging on), the LDTR, EFLAGS, EIP, the general registers and the
 * segment registers come from the new TSS, the descriptors checked for the
 * new CPL (CS.RPL): a bad one is #TS(selector), a not-present one #NP or
 * #SS, raised in the new task's context.  Faults before the old task is
 * saved leave everything as it was (restored with ra).
 *
 * Not modelled: the 16-bit TSS (types 1/3 raise #TS(selector)), the T
 * (debug trap) bit, segment-limit checks on the new stack.  IA-32e mode
 * has no task switching: the callers raise #GP before reaching here.
 * System mode only.
 */
#include "seg.h"

#ifdef CONFIG_SOFTMMU

#include "exec/cpu-exec.h"
#include "xsave.h"

/* The 32-bit TSS (SDM vol. 3, figure 7-2): byte offsets. */
enum {
    TSS_LINK = 0x00,               /* previous task's TSS selector (nested tasks) */
    TSS_CR3 = 0x1c,
    TSS_EIP = 0x20,
    TSS_EFLAGS = 0x24,
    TSS_REGS = 0x28,               /* EAX ECX EDX EBX ESP EBP ESI EDI, a dword each */
    TSS_SEGS = 0x48,               /* ES CS SS DS FS GS, a dword slot each */
    TSS_LDT = 0x60,
    TSS32_MIN_LIMIT = 0x67,        /* the smallest limit a 32-bit TSS may have */
};

#define TSS_BUSY (2u << DESC_TYPE_SHIFT)

static uint64_t tss_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

static uint32_t tss_limit(uint32_t e1, uint32_t e2)
{
    uint32_t l = (e1 & 0xffff) | (e2 & 0x000f0000u);
    return e2 & DESC_G_MASK ? (l << 12) | 0xfff : l;
}

/* Set or clear the busy bit of the TSS descriptor sel in the GDT. */
static void set_busy(CPUArchState *env, uint32_t sel, bool busy, uintptr_t ra)
{
    uint64_t a = env->sys.gdt.base + (sel & ~7u) + 4;
    uint32_t e2 = x86_ld_kernel(env, a, MO_32, ra);
    x86_st_kernel(env, a, busy ? e2 | TSS_BUSY : e2 & ~TSS_BUSY, MO_32, ra);
}

/* Raise in the new task: its state is committed, so nothing is restored. */
static void task_fault(CPUArchState *env, int vector, uint32_t sel)
{
    x86_raise_exception_err(env, vector, sel & ~3u, 0);
}

/* The LDTR from the new TSS: null, or an LDT descriptor in the GDT (else #TS). */
static void load_task_ldt(CPUArchState *env, uint32_t sel)
{
    uint32_t e1, e2;
    if ((sel & ~3u) == 0) {
        env->sys.ldt = (SegmentCache){ .selector = sel };
        return;
    }
    if ((sel & 4) || !x86_read_desc(env, sel, &e1, &e2, 0) || (e2 & DESC_S_MASK) ||
        ((e2 >> DESC_TYPE_SHIFT) & 0xf) != 2 || !(e2 & DESC_P_MASK)) {
        task_fault(env, EXCP0A_TSS, sel);
    }
    env->sys.ldt = (SegmentCache){ sel, tss_base(e1, e2), tss_limit(e1, e2), e2 & 0x00f0ff00u };
}

/*
 * A segment register from the new TSS, checked as SDM vol. 3, 7.3 step 13
 * asks (CS against its own RPL, SS and data against the new CPL).
 */
static void load_task_seg(CPUArchState *env, int seg, uint32_t sel)
{
    int cpl = x86_cpl(env), rpl = sel & 3;
    uint32_t e1, e2;
    if ((sel & ~3u) == 0) {
        if (seg == R_CS || seg == R_SS) {
            task_fault(env, EXCP0A_TSS, sel);
        }
        x86_set_seg(env, seg, sel, 0, 0, 0);
        return;
    }
    if (!x86_read_desc(env, sel, &e1, &e2, 0) || !(e2 & DESC_S_MASK)) {
        task_fault(env, EXCP0A_TSS, sel);
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    bool code = e2 & DESC_CS_MASK, conforming = code && (e2 & DESC_C_MASK);
    int absent = EXCP0B_NOSEG;
    bool ok;
    if (seg == R_CS) {
        ok = code && (conforming ? dpl <= rpl : dpl == rpl);
    } else if (seg == R_SS) {
        ok = !code && (e2 & DESC_W_MASK) && dpl == cpl && rpl == cpl;
        absent = EXCP0C_STACK;
    } else {
        ok = (!code || (e2 & DESC_R_MASK)) && (conforming || (dpl >= cpl && dpl >= rpl));
    }
    if (!ok) {
        task_fault(env, EXCP0A_TSS, sel);
    }
    if (!(e2 & DESC_P_MASK)) {
        task_fault(env, absent, sel);
    }
    if (!(e2 & DESC_A_MASK)) {
        SegmentCache *dt = sel & 4 ? &env->sys.ldt : &env->sys.gdt;
        x86_st_kernel(env, dt->base + (sel & ~7u) + 4, e2 | DESC_A_MASK, MO_32, 0);
    }
    x86_set_seg_desc(env, seg, sel, e1, e2 | DESC_A_MASK);
}

void x86_task_switch(CPUArchState *env, uint32_t tss_sel, uint32_t e1, uint32_t e2, int source,
                     uint64_t next_eip, int64_t err, uintptr_t ra)
{
    SegmentCache *tr = &env->sys.tr;
    uint64_t base = tss_base(e1, e2);
    uint32_t limit = tss_limit(e1, e2);
    tss_sel &= 0xffff;
    if (!((e2 >> DESC_TYPE_SHIFT) & 8) || limit < TSS32_MIN_LIMIT) {
        /* a 16-bit TSS (not modelled) or one too small for the 32-bit layout */
        x86_raise_exception_err(env, EXCP0A_TSS, tss_sel & ~3u, ra);
    }
    if (!((tr->flags >> DESC_TYPE_SHIFT) & 8) || tr->limit < TSS32_MIN_LIMIT) {
        x86_raise_exception_err(env, EXCP0A_TSS, tr->selector & ~3u, ra);
    }
    /* read the new task's state before the old one is written (they may be the same TSS) */
    uint32_t n[(TSS_LDT >> 2) + 1];
    for (int i = 0; i <= TSS_LDT >> 2; i++) {
        n[i] = x86_ld_kernel(env, base + i * 4, MO_32, ra);
    }

    uint64_t old_flags = i386_get_eflags(env);
    if (source == X86_TASK_IRET) {
        old_flags &= ~(uint64_t)NT_MASK;
    }
    x86_st_kernel(env, tr->base + TSS_EIP, (uint32_t)next_eip, MO_32, ra);
    x86_st_kernel(env, tr->base + TSS_EFLAGS, (uint32_t)old_flags, MO_32, ra);
    for (int i = 0; i < 8; i++) {
        x86_st_kernel(env, tr->base + TSS_REGS + i * 4, (uint32_t)env->regs[i], MO_32, ra);
    }
    for (int i = 0; i < 6; i++) {
        x86_st_kernel(env, tr->base + TSS_SEGS + i * 4, env->segs[i].selector, MO_16, ra);
    }
    bool nested = source == X86_TASK_CALL || source == X86_TASK_INT;
    if (!nested) {
        set_busy(env, tr->selector, false, ra);
    }
    if (nested) {
        x86_st_kernel(env, base + TSS_LINK, tr->selector, MO_16, ra);
    }
    if (source != X86_TASK_IRET) {
        set_busy(env, tss_sel, true, ra);
    }

    /* committed: from here on a fault belongs to the new task */
    *tr = (SegmentCache){ tss_sel, base, limit, (e2 | TSS_BUSY) & 0x00f0ff00u };
    env->sys.cr[0] |= CR0_TS;
    i386_update_xstate_hflags(env);         /* HF_TS: #NM for x87, MMX, SSE, XSAVE, VEX in the new task */
    if (env->sys.cr[0] & CR0_PG) {
        x86_set_cr3(env, n[TSS_CR3 >> 2]);
    }
    uint64_t flags = n[TSS_EFLAGS >> 2] | (nested ? NT_MASK : 0);
    i386_set_eflags(env, flags, ~0ull);
    env->eip = n[TSS_EIP >> 2];
    for (int i = 0; i < 8; i++) {
        env->regs[i] = n[(TSS_REGS >> 2) + i];
    }
    uint32_t sel[6];
    for (int i = 0; i < 6; i++) {
        sel[i] = n[(TSS_SEGS >> 2) + i] & 0xffff;
        env->segs[i].selector = sel[i];
    }
    if (flags & VM_MASK) {
        /* a virtual-8086 task: real-mode style segments at CPL 3 */
        env->hflags |= HF_CPL_MASK;
        for (int i = 0; i < 6; i++) {
            x86_load_seg_real(env, i, sel[i]);
        }
        x86_update_hflags(env);
    } else {
        load_task_ldt(env, n[TSS_LDT >> 2] & 0xffff);
        env->hflags = (env->hflags & ~HF_CPL_MASK) | (sel[R_CS] & 3) << HF_CPL_SHIFT;
        static const int order[] = { R_CS, R_SS, R_ES, R_DS, R_FS, R_GS };
        for (int i = 0; i < 6; i++) {
            load_task_seg(env, order[i], sel[order[i]]);
        }
    }
    if (err >= 0) {
        /* the exception's error code goes on the new task's stack */
        uint64_t mask = env->segs[R_SS].flags & DESC_B_MASK ? 0xffffffffull : 0xffff;
        uint64_t sp = (env->regs[R_ESP] - 4) & mask;
        x86_st_kernel(env, (uint32_t)(env->segs[R_SS].base + sp), (uint32_t)err, MO_32, 0);
        env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | sp;
    }
}

void x86_task_return(CPUArchState *env, uint64_t next_eip, uintptr_t ra)
{
    uint32_t link = x86_ld_kernel(env, env->sys.tr.base + TSS_LINK, MO_16, ra);
    uint32_t e1, e2;
    if ((link & 4) || (link & ~3u) == 0 || !x86_read_desc(env, link, &e1, &e2, ra) ||
        (e2 & DESC_S_MASK) || (((e2 >> DESC_TYPE_SHIFT) & 0xf) != 11)) {
        /* the back link must name a busy 32-bit TSS in the GDT */
        x86_raise_exception_err(env, EXCP0A_TSS, link & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, link & ~3u, ra);
    }
    x86_task_switch(env, link, e1, e2, X86_TASK_IRET, next_eip, -1, ra);
}

#endif
