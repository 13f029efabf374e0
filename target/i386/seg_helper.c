/*
 * seg_helper.c — segmentation (SDM vol. 3, chapters 3 and 5): the hflags
 * that follow CR0/EFER/CS/SS, descriptor reads from the GDT and LDT,
 * segment-register loads with their privilege checks, far JMP/CALL/RET,
 * IRET, LGDT/LIDT/SGDT/SIDT, LLDT/LTR, LAR/LSL/VERR/VERW.
 *
 * Contract: every helper either completes the instruction (registers,
 * segment caches, hflags updated) or raises the architectural fault with
 * the instruction's state restored (ra).  Far JMP/CALL through a call gate
 * (16- and 32-bit, the 16-byte 64-bit gate in IA-32e mode) are here, with
 * the inner stack from the TSS and the parameter copy; a JMP/CALL to a TSS
 * or a task gate and IRET with NT set switch tasks (task_helper.c).
 *
 * User mode (emu-i386/emu-x86_64) shares the far transfers, LxS and IRET:
 * the CPU is always in protected mode at CPL 3, descriptors come from
 * env->gdt (the kernel's GDT: flat code 0x23/0x33, data 0x2b, the TLS
 * entries) and, for TI=1 selectors, the LDT modify_ldt wrote (x86_user_ldt;
 * without one they are outside the table), and
 * only CS.L/CS.D feed the hflags (HF_CODE64/HF_CS32): a far transfer can
 * switch between 64-bit and compatibility mode as Linux allows.
 */
#include "seg.h"

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#ifdef CONFIG_SOFTMMU
#include "exec/cputlb.h"
#endif

#define INFO(fn, fl, r, n, ...) { .func = (void *)(fn), .name = #fn, .flags = (fl), \
    .ret = (r), .nargs = (n), .args = { __VA_ARGS__ } }
#define T_PTR TCG_CALL_TYPE_PTR
#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_VOID TCG_CALL_TYPE_VOID

/* ---- mode bookkeeping ------------------------------------------------------------ */

#ifdef CONFIG_USER_ONLY
/* Protected mode at CPL 3 whatever hflags say (user mode keeps no PE/CPL bits). */
static bool prot_mode(CPUArchState *env)
{
    return true;
}

/*
 * User mode: only the code segment's L and D bits change the mode (the
 * data segments are flat, SS stays 32-bit); HF_LMA is set once at reset
 * for a 64-bit process.
 */
void x86_update_hflags(CPUArchState *env)
{
    uint32_t hf = env->hflags & ~(HF_CODE64 | HF_CS32);
    if ((hf & HF_LMA) && (env->segs[R_CS].flags & DESC_L_MASK)) {
        hf |= HF_CODE64 | HF_CS32;
    } else if (env->segs[R_CS].flags & DESC_B_MASK) {
        hf |= HF_CS32;
    }
    env->hflags = hf;
}

/* The kernel reports the error code in the signal frame (linux-user reads it back). */
void x86_raise_exception_err(CPUArchState *env, int vector, uint32_t error_code, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    env->sys.error_code = error_code;
    cs->exception_index = X86_EXCP_BASE + vector;
    cpu_loop_exit_restore(cs, ra);
}
#else
static bool prot_mode(CPUArchState *env)
{
    return (env->hflags & HF_PE) && !(env->hflags & HF_VM);
}

void x86_update_hflags(CPUArchState *env)
{
    uint32_t hf = env->hflags & ~(HF_CODE64 | HF_CS32 | HF_SS32 | HF_LMA | HF_PE | HF_ADDSEG |
                                  HF_VM);
    bool pe = env->sys.cr[0] & CR0_PE;
    bool vm = pe && (env->eflags & VM_MASK);
    if (!pe) {
        hf &= ~HF_CPL_MASK;
    } else if (vm) {
        hf |= HF_CPL_MASK;
    }
    if (pe) {
        hf |= HF_PE;
    }
    if (vm) {
        hf |= HF_VM;
    }
    if (env->sys.efer & EFER_LMA) {
        hf |= HF_LMA;
        if (env->segs[R_CS].flags & DESC_L_MASK) {
            hf |= HF_CODE64 | HF_CS32 | HF_SS32;
        }
    }
    if (env->segs[R_CS].flags & DESC_B_MASK) {
        hf |= HF_CS32;
    }
    if (env->segs[R_SS].flags & DESC_B_MASK) {
        hf |= HF_SS32;
    }
    if (!pe || vm || !(hf & HF_CS32) ||
        (env->segs[R_DS].base | env->segs[R_ES].base | env->segs[R_SS].base |
         env->segs[R_CS].base) != 0) {
        hf |= HF_ADDSEG;
    }
    env->hflags = hf;
}
#endif

static void set_cpl(CPUArchState *env, int cpl)
{
#ifndef CONFIG_USER_ONLY
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (uint32_t)cpl << HF_CPL_SHIFT;
#endif
}

void x86_set_seg(CPUArchState *env, int seg, uint32_t sel, uint64_t base, uint32_t limit,
                 uint32_t flags)
{
    SegmentCache *sc = &env->segs[seg];
    sc->selector = sel & 0xffff;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
#ifdef CONFIG_USER_ONLY
    /* only CS decides the mode there (the reset leaves the caches' flags zero) */
    if (seg == R_CS) {
        x86_update_hflags(env);
    }
#else
    if (seg <= R_DS) {
        x86_update_hflags(env);
    }
#endif
}

void x86_load_seg_real(CPUArchState *env, int seg, uint32_t sel)
{
    SegmentCache *sc = &env->segs[seg];
    sel &= 0xffff;
    x86_set_seg(env, seg, sel, (uint64_t)sel << 4, sc->limit, sc->flags);
}

/* ---- privileged access and descriptors -------------------------------------------- */

static uint64_t desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

static uint32_t desc_limit(uint32_t e2_, uint32_t e1)
{
    uint32_t l = (e1 & 0xffff) | (e2_ & 0x000f0000u);
    return e2_ & DESC_G_MASK ? (l << 12) | 0xfff : l;
}

static void set_seg_desc(CPUArchState *env, int seg, uint32_t sel, uint32_t e1, uint32_t e2)
{
    x86_set_seg(env, seg, sel, desc_base(e1, e2), desc_limit(e2, e1), e2 & 0x00f0ff00u);
}


#ifdef CONFIG_USER_ONLY
X86UserLDT *x86_user_ldt;

/* The descriptor sel names in env->gdt or the LDT: false outside the table. */
static bool read_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2, uintptr_t ra)
{
    uint32_t idx = sel >> 3;
    uint64_t d;
    if (sel & 4) {
        /* another thread may be writing it: a whole entry is read at once */
        X86UserLDT *ldt = __atomic_load_n(&x86_user_ldt, __ATOMIC_ACQUIRE);
        if (!ldt || idx >= __atomic_load_n(&ldt->count, __ATOMIC_ACQUIRE)) {
            return false;
        }
        d = __atomic_load_n(&ldt->desc[idx], __ATOMIC_RELAXED);
    } else {
        if (idx >= sizeof(env->gdt) / sizeof(env->gdt[0])) {
            return false;
        }
        d = env->gdt[idx];
    }
    *e1 = (uint32_t)d;
    *e2 = d >> 32;
#if TARGET_LONG_BITS == 32
    /* emu-i386 cannot run 64-bit code: a 64-bit code segment is not usable */
    if ((*e2 & DESC_S_MASK) && (*e2 & DESC_CS_MASK) && (*e2 & DESC_L_MASK)) {
        *e2 &= ~DESC_S_MASK;
    }
#endif
    return true;
}

static void set_accessed(CPUArchState *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    /* modify_ldt's descriptors are written accessed (the kernel's fill_ldt) */
    if (!(sel & 4)) {
        env->gdt[sel >> 3] |= (uint64_t)DESC_A_MASK << 32;
    }
}

bool x86_user_load_cs(CPUArchState *env, uint32_t sel)
{
    uint32_t e1, e2;
    uint32_t need = DESC_S_MASK | DESC_CS_MASK | DESC_P_MASK | 3u << DESC_DPL_SHIFT;
    sel &= 0xffff;
    if ((sel & 3) != 3 || !read_desc(env, sel, &e1, &e2, 0) || (e2 & need) != need) {
        return false;
    }
    set_seg_desc(env, R_CS, sel, e1, e2);
    return true;
}
#else
uint64_t x86_ld_kernel(CPUArchState *env, uint64_t addr, MemOp mop, uintptr_t ra)
{
    return cpu_ld_mmu(env, addr, make_memop_idx(mop | MO_LE, X86_MMU_KERNEL), ra);
}

void x86_st_kernel(CPUArchState *env, uint64_t addr, uint64_t val, MemOp mop, uintptr_t ra)
{
    cpu_st_mmu(env, addr, val, make_memop_idx(mop | MO_LE, X86_MMU_KERNEL), ra);
}

/* The 8-byte descriptor sel names (GDT or LDT): false when outside the table. */
static bool read_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2, uintptr_t ra)
{
    SegmentCache *dt = sel & 4 ? &env->sys.ldt : &env->sys.gdt;
    uint32_t idx = sel & ~7u;
    if (idx + 7 > dt->limit) {
        return false;
    }
    uint64_t d = x86_ld_kernel(env, dt->base + idx, MO_64, ra);
    *e1 = (uint32_t)d;
    *e2 = d >> 32;
    return true;
}

/* Mark the descriptor accessed (the CPU writes the A bit on a load). */
static void set_accessed(CPUArchState *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    if (!(e2 & DESC_A_MASK)) {
        SegmentCache *dt = sel & 4 ? &env->sys.ldt : &env->sys.gdt;
        x86_st_kernel(env, dt->base + (sel & ~7u) + 4, e2 | DESC_A_MASK, MO_32, ra);
    }
}

bool x86_read_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2, uintptr_t ra)
{
    return read_desc(env, sel, e1, e2, ra);
}

void x86_set_seg_desc(CPUArchState *env, int seg, uint32_t sel, uint32_t e1, uint32_t e2)
{
    set_seg_desc(env, seg, sel, e1, e2);
}
#endif

void x86_load_seg(CPUArchState *env, int seg, uint32_t sel, uintptr_t ra)
{
    sel &= 0xffff;
    if (!prot_mode(env)) {
        x86_load_seg_real(env, seg, sel);
        return;
    }
    int cpl = x86_cpl(env), rpl = sel & 3;
    if ((sel & ~3u) == 0) {
        /* null: allowed except for SS (64-bit mode: SS too, below CPL 3 with RPL = CPL) */
        if (seg == R_SS && !((env->hflags & HF_CODE64) && cpl != 3 && rpl == cpl)) {
            x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
        }
        x86_set_seg(env, seg, sel, 0, 0, seg == R_SS ? (uint32_t)cpl << DESC_DPL_SHIFT : 0);
        return;
    }
    uint32_t e1, e2;
    if (!read_desc(env, sel, &e1, &e2, ra) || !(e2 & DESC_S_MASK)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (seg == R_SS) {
        if ((e2 & DESC_CS_MASK) || !(e2 & DESC_W_MASK) || rpl != cpl || dpl != cpl) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            x86_raise_exception_err(env, EXCP0C_STACK, sel & ~3u, ra);
        }
    } else {
        if ((e2 & DESC_CS_MASK) && !(e2 & DESC_R_MASK)) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        bool conforming_code = (e2 & DESC_CS_MASK) && (e2 & DESC_C_MASK);
        if (!conforming_code && (dpl < cpl || dpl < rpl)) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
        }
    }
    set_accessed(env, sel, e2, ra);
    set_seg_desc(env, seg, sel, e1, e2 | DESC_A_MASK);
}

void x86_helper_load_seg(CPUArchState *env, uint32_t seg, uint64_t selector, uintptr_t ra)
{
    x86_load_seg(env, seg, selector, ra);
}

static void helper_load_far(CPUArchState *env, uint32_t seg, uint32_t sel)
{
    x86_load_seg(env, seg, sel, GETPC());
}
const TCGHelperInfo x86_helper_load_far = INFO(helper_load_far, 0, T_VOID, 3, T_PTR, T_I32, T_I32);

/* ---- stacks in helpers -------------------------------------------------------------- */

/* A stack being pushed or popped by a helper: committed to ESP only at the end. */
typedef struct X86Stack {
    uint64_t sp, mask, base;
    int mmu_idx;
    bool lin64;                    /* linear addresses are 64-bit (else truncated to 32) */
} X86Stack;

static void stack_init(CPUArchState *env, X86Stack *st, int mmu_idx)
{
    st->sp = env->regs[R_ESP];
    st->mask = env->hflags & HF_CODE64 ? ~0ull : env->hflags & HF_SS32 ? 0xffffffffull : 0xffff;
    st->base = env->hflags & HF_CODE64 ? 0 : env->segs[R_SS].base;
    st->mmu_idx = mmu_idx;
    st->lin64 = (env->hflags & HF_CODE64) != 0;
}

static uint64_t stack_lin(CPUArchState *env, X86Stack *st)
{
    uint64_t a = st->base + (st->sp & st->mask);
    return st->lin64 ? a : (uint32_t)a;
}

static void stack_push(CPUArchState *env, X86Stack *st, uint64_t v, MemOp ot, uintptr_t ra)
{
    st->sp -= 1u << ot;
    cpu_st_mmu(env, stack_lin(env, st), v, make_memop_idx(ot | MO_LE, st->mmu_idx), ra);
}

static uint64_t stack_pop(CPUArchState *env, X86Stack *st, MemOp ot, uintptr_t ra)
{
    uint64_t v = cpu_ld_mmu(env, stack_lin(env, st), make_memop_idx(ot | MO_LE, st->mmu_idx), ra);
    st->sp += 1u << ot;
    return v;
}

static void stack_commit(CPUArchState *env, X86Stack *st)
{
    env->regs[R_ESP] = (env->regs[R_ESP] & ~st->mask) | (st->sp & st->mask);
}

/* IA-32e mode (user mode: a 64-bit process, whatever CS is now). */
static bool long_mode(CPUArchState *env)
{
#ifdef CONFIG_USER_ONLY
    return env->hflags & HF_LMA;
#else
    return env->sys.efer & EFER_LMA;
#endif
}

static int cur_mmu(CPUArchState *env)
{
    return x86_cpl(env) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
}

static uint64_t eip_mask(CPUArchState *env, MemOp ot)
{
    return ot == MO_16 ? 0xffff : ot == MO_32 ? 0xffffffffull : ~0ull;
}

/*
 * A stack segment for CPL cpl (a far RET's outer SS, a call gate's inner SS
 * from the TSS): RPL = DPL = cpl, a writable data segment, else bad_vector
 * (#GP on a return, #TS on a call) with the selector; #SS when not present.
 */
static void check_stack_seg(CPUArchState *env, uint32_t ss, int cpl, int bad_vector,
                            uint32_t *e1, uint32_t *e2, uintptr_t ra)
{
    if ((ss & ~3u) == 0 || (int)(ss & 3) != cpl || !read_desc(env, ss, e1, e2, ra) ||
        !(*e2 & DESC_S_MASK) || (*e2 & DESC_CS_MASK) || !(*e2 & DESC_W_MASK) ||
        (int)((*e2 >> DESC_DPL_SHIFT) & 3) != cpl) {
        x86_raise_exception_err(env, bad_vector, ss & ~3u, ra);
    }
    if (!(*e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0C_STACK, ss & ~3u, ra);
    }
}

/* ---- far transfers ----------------------------------------------------------------------- */

/* The descriptor a far JMP/CALL names: #GP(0) for null, #GP(sel) outside the table. */
static void read_far_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                          uintptr_t ra)
{
    if ((sel & ~3u) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if (!read_desc(env, sel, e1, e2, ra)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
}

/*
 * The code-segment checks of a far JMP/CALL straight to sel (SDM vol. 2A
 * JMP, protected mode): a code segment, conforming with DPL <= CPL or
 * non-conforming with DPL == CPL and RPL <= CPL, present.
 */
static void check_far_code(CPUArchState *env, uint32_t sel, uint32_t e2, uintptr_t ra)
{
    int cpl = x86_cpl(env);
    if (!(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (e2 & DESC_C_MASK ? dpl > cpl : ((int)(sel & 3) > cpl || dpl != cpl)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
    }
}

#ifdef CONFIG_SOFTMMU
/*
 * Far CALL/JMP through a call gate (SDM vol. 3, 5.8.3-5.8.6; vol. 2A CALL):
 * the gate (DPL >= CPL and RPL, present; in IA-32e mode the 16-byte form
 * whose upper type field is 0) names a code segment that CALL may enter
 * at DPL <= CPL and JMP only as a plain far JMP would.  A CALL to a more
 * privileged non-conforming segment takes SS:ESP for the new CPL from the
 * TSS (IA-32e: RSP only, SS null with RPL = the new CPL), pushes the old
 * SS:ESP, copies the gate's count of parameters (words for a 16-bit gate,
 * dwords for a 32-bit one, none for a 64-bit one) from the old stack, then
 * pushes CS:EIP; the push size is the gate's, not the instruction's.
 */
static void far_call_gate(CPUArchState *env, uint32_t sel, uint32_t e1, uint32_t e2,
                          bool call, uint64_t next_eip, uintptr_t ra)
{
    int cpl = x86_cpl(env), type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    bool lm = long_mode(env);
    MemOp gsz = lm ? MO_64 : type == 12 ? MO_32 : MO_16;
    uint32_t csel = e1 >> 16;
    uint64_t off = (e2 & 0xffff0000u) | (e1 & 0xffff);
    int count = e2 & 0x1f;
    if (lm) {
        /* the gate's upper half: offset 63:32, then a type field that must be 0 */
        SegmentCache *dt = sel & 4 ? &env->sys.ldt : &env->sys.gdt;
        if ((sel & ~7u) + 15 > dt->limit) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        uint64_t hi = x86_ld_kernel(env, dt->base + (sel & ~7u) + 8, MO_64, ra);
        if ((hi >> 40) & 0x1f) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        off |= (uint64_t)(uint32_t)hi << 32;
        count = 0;
    } else if (gsz == MO_16) {
        off &= 0xffff;
    }
    uint32_t c1, c2;
    read_far_desc(env, csel, &c1, &c2, ra);
    if (!(c2 & DESC_S_MASK) || !(c2 & DESC_CS_MASK)) {
        x86_raise_exception_err(env, EXCP0D_GPF, csel & ~3u, ra);
    }
    int cdpl = (c2 >> DESC_DPL_SHIFT) & 3;
    bool conforming = c2 & DESC_C_MASK;
    if (call ? cdpl > cpl : conforming ? cdpl > cpl : cdpl != cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, csel & ~3u, ra);
    }
    if (!(c2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, csel & ~3u, ra);
    }
    if (lm && (!(c2 & DESC_L_MASK) || (c2 & DESC_B_MASK))) {
        /* an IA-32e call gate must lead to 64-bit code */
        x86_raise_exception_err(env, EXCP0D_GPF, csel & ~3u, ra);
    }
    if (!call) {
        set_accessed(env, csel, c2, ra);
        set_seg_desc(env, R_CS, (csel & ~3u) | cpl, c1, c2 | DESC_A_MASK);
        env->eip = off;
        return;
    }
    X86Stack st;
    if (!conforming && cdpl < cpl) {
        /* inner stack from the TSS: ESPn/SSn (32-bit), SPn/SSn (16-bit), RSPn (64-bit) */
        SegmentCache *tr = &env->sys.tr;
        bool tss32 = ((tr->flags >> DESC_TYPE_SHIFT) & 8) != 0;
        uint32_t so = lm ? 4 + 8 * cdpl : tss32 ? 4 + 8 * cdpl : 2 + 4 * cdpl;
        uint32_t ss = cdpl, s1 = 0, s2 = 0;
        uint64_t sp;
        if (so + (lm ? 7 : tss32 ? 5 : 3) > tr->limit) {
            x86_raise_exception_err(env, EXCP0A_TSS, tr->selector & ~3u, ra);
        }
        if (lm) {
            sp = x86_ld_kernel(env, tr->base + so, MO_64, ra);
            st = (X86Stack){ .sp = sp, .mask = ~0ull, .base = 0, .lin64 = true };
        } else {
            sp = x86_ld_kernel(env, tr->base + so, tss32 ? MO_32 : MO_16, ra);
            ss = x86_ld_kernel(env, tr->base + so + (tss32 ? 4 : 2), MO_16, ra);
            check_stack_seg(env, ss, cdpl, EXCP0A_TSS, &s1, &s2, ra);
            st = (X86Stack){ .sp = sp, .mask = s2 & DESC_B_MASK ? 0xffffffffull : 0xffff,
                             .base = desc_base(s1, s2), .lin64 = false };
        }
        st.mmu_idx = X86_MMU_KERNEL;
        X86Stack old;
        stack_init(env, &old, cur_mmu(env));
        stack_push(env, &st, env->segs[R_SS].selector, gsz, ra);
        stack_push(env, &st, env->regs[R_ESP], gsz, ra);
        for (int i = count - 1; i >= 0; i--) {
            X86Stack p = old;
            p.sp += (uint64_t)i << gsz;
            stack_push(env, &st, stack_pop(env, &p, gsz, ra), gsz, ra);
        }
        stack_push(env, &st, env->segs[R_CS].selector, gsz, ra);
        stack_push(env, &st, next_eip, gsz, ra);
        set_accessed(env, csel, c2, ra);
        /* committed: nothing below faults */
        set_cpl(env, cdpl);
        if (lm) {
            x86_set_seg(env, R_SS, ss, 0, 0, (uint32_t)cdpl << DESC_DPL_SHIFT);
        } else {
            set_accessed(env, ss, s2, ra);
            set_seg_desc(env, R_SS, ss, s1, s2 | DESC_A_MASK);
        }
        env->regs[R_ESP] = (sp & ~st.mask) | (st.sp & st.mask);
    } else {
        stack_init(env, &st, cur_mmu(env));
        if (lm) {
            st.mask = ~0ull;
            st.base = 0;
            st.lin64 = true;
        }
        stack_push(env, &st, env->segs[R_CS].selector, gsz, ra);
        stack_push(env, &st, next_eip, gsz, ra);
        set_accessed(env, csel, c2, ra);
        stack_commit(env, &st);
    }
    set_seg_desc(env, R_CS, (csel & ~3u) | (conforming ? cpl : cdpl), c1, c2 | DESC_A_MASK);
    env->eip = off;
}

/*
 * Far JMP/CALL to a system descriptor: a call gate, or (outside IA-32e
 * mode) an available TSS or a task gate naming one, which switch tasks.
 * Anything else is #GP(sel).
 */
static void far_system(CPUArchState *env, uint32_t sel, uint32_t e1, uint32_t e2, bool call,
                       uint64_t next_eip, uintptr_t ra)
{
    int type = (e2 >> DESC_TYPE_SHIFT) & 0xf, dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    int cpl = x86_cpl(env), rpl = sel & 3;
    bool lm = long_mode(env);
    bool gate = type == 12 || (type == 4 && !lm);
    bool task = !lm && (type == 1 || type == 9 || type == 5);
    if ((!gate && !task) || dpl < cpl || dpl < rpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
    }
    if (gate) {
        far_call_gate(env, sel, e1, e2, call, next_eip, ra);
        return;
    }
    uint32_t tss = sel;
    if (type == 5) {
        /* a task gate: the TSS it names must be an available one in the GDT */
        tss = e1 >> 16;
        if ((tss & 4) || (tss & ~3u) == 0 || !read_desc(env, tss, &e1, &e2, ra)) {
            x86_raise_exception_err(env, EXCP0D_GPF, tss & ~3u, ra);
        }
        type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
        if ((e2 & DESC_S_MASK) || (type != 1 && type != 9)) {
            x86_raise_exception_err(env, EXCP0D_GPF, tss & ~3u, ra);
        }
        if (!(e2 & DESC_P_MASK)) {
            x86_raise_exception_err(env, EXCP0B_NOSEG, tss & ~3u, ra);
        }
    } else if (sel & 4) {
        /* a TSS descriptor lives in the GDT only */
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    x86_task_switch(env, tss, e1, e2, call ? X86_TASK_CALL : X86_TASK_JMP, next_eip, -1, ra);
}
#else
/* User mode: the kernel's GDT holds no gates or TSS the process may use. */
static void far_system(CPUArchState *env, uint32_t sel, uint32_t e1, uint32_t e2, bool call,
                       uint64_t next_eip, uintptr_t ra)
{
    x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
}
#endif

static void helper_ljmp(CPUArchState *env, uint32_t sel, uint64_t new_eip, uint64_t next_eip)
{
    uintptr_t ra = GETPC();
    sel &= 0xffff;
    if (!prot_mode(env)) {
        x86_load_seg_real(env, R_CS, sel);
        env->eip = new_eip;
        return;
    }
    uint32_t e1, e2;
    read_far_desc(env, sel, &e1, &e2, ra);
    if (!(e2 & DESC_S_MASK)) {
        far_system(env, sel, e1, e2, false, next_eip, ra);
        return;
    }
    check_far_code(env, sel, e2, ra);
    set_accessed(env, sel, e2, ra);
    set_seg_desc(env, R_CS, (sel & ~3u) | x86_cpl(env), e1, e2 | DESC_A_MASK);
    env->eip = new_eip;
}
const TCGHelperInfo x86_helper_ljmp =
    INFO(helper_ljmp, 0, T_VOID, 4, T_PTR, T_I32, T_I64, T_I64);

static void helper_lcall(CPUArchState *env, uint32_t sel, uint64_t new_eip, uint32_t ot,
                         uint64_t next_eip)
{
    uintptr_t ra = GETPC();
    X86Stack st;
    sel &= 0xffff;
    stack_init(env, &st, cur_mmu(env));
    if (!prot_mode(env)) {
        stack_push(env, &st, env->segs[R_CS].selector, ot, ra);
        stack_push(env, &st, next_eip, ot, ra);
        stack_commit(env, &st);
        x86_load_seg_real(env, R_CS, sel);
        env->eip = new_eip;
        return;
    }
    uint32_t e1, e2;
    read_far_desc(env, sel, &e1, &e2, ra);
    if (!(e2 & DESC_S_MASK)) {
        far_system(env, sel, e1, e2, true, next_eip, ra);
        return;
    }
    check_far_code(env, sel, e2, ra);
    stack_push(env, &st, env->segs[R_CS].selector, ot, ra);
    stack_push(env, &st, next_eip, ot, ra);
    set_accessed(env, sel, e2, ra);
    stack_commit(env, &st);
    set_seg_desc(env, R_CS, (sel & ~3u) | x86_cpl(env), e1, e2 | DESC_A_MASK);
    env->eip = new_eip;
}
const TCGHelperInfo x86_helper_lcall =
    INFO(helper_lcall, 0, T_VOID, 5, T_PTR, T_I32, T_I64, T_I32, T_I64);

/* After a return to an outer level: data segments the new CPL may not use become null. */
static void invalidate_data_segs(CPUArchState *env)
{
    int cpl = x86_cpl(env);
    static const int segs[] = { R_ES, R_DS, R_FS, R_GS };
    for (int i = 0; i < 4; i++) {
        SegmentCache *sc = &env->segs[segs[i]];
        int dpl = (sc->flags >> DESC_DPL_SHIFT) & 3;
        bool conforming_code = (sc->flags & DESC_CS_MASK) && (sc->flags & DESC_C_MASK);
        if ((sc->selector & ~3u) && !conforming_code && dpl < cpl) {
            x86_set_seg(env, segs[i], 0, 0, 0, 0);
        }
    }
}

/*
 * The common tail of far RET and IRET in protected mode: CS:EIP (and, for
 * a return to an outer level or from 64-bit IRET, SS:ESP) already popped.
 * imm (RET imm16) is released on the inner stack and again on the outer
 * one.  Every check is made before anything changes, so a fault leaves
 * the CPL and the segment registers as they were.
 */
static void return_to(CPUArchState *env, X86Stack *st, uint32_t sel, uint64_t new_eip,
                      MemOp ot, bool pop_ss_always, uint32_t imm, uintptr_t ra)
{
    int cpl = x86_cpl(env), rpl = sel & 3;
    uint32_t e1, e2;
    if ((sel & ~3u) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if (!read_desc(env, sel, &e1, &e2, ra) || !(e2 & DESC_S_MASK) || !(e2 & DESC_CS_MASK) ||
        rpl < cpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3;
    if (e2 & DESC_C_MASK ? dpl > rpl : dpl != rpl) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
    }
    st->sp += imm;
    if (rpl > cpl || pop_ss_always) {
        uint64_t new_esp = stack_pop(env, st, ot, ra);
        uint32_t ss = stack_pop(env, st, ot, ra) & 0xffff, s1 = 0, s2 = 0;
        /* the new SS is checked against the new CPL */
        bool null_ss = (ss & ~3u) == 0 && long_mode(env) && (e2 & DESC_L_MASK) && rpl != 3;
        if (!null_ss) {
            check_stack_seg(env, ss, rpl, EXCP0D_GPF, &s1, &s2, ra);
            set_accessed(env, ss, s2, ra);
        }
        /* committed */
        new_esp += imm;
        set_cpl(env, rpl);
        if (null_ss) {
            x86_set_seg(env, R_SS, ss, 0, 0, (uint32_t)rpl << DESC_DPL_SHIFT);
        } else {
            set_seg_desc(env, R_SS, ss, s1, s2 | DESC_A_MASK);
        }
        set_seg_desc(env, R_CS, sel, e1, e2);
        if (env->hflags & HF_CODE64) {
            env->regs[R_ESP] = new_esp;
        } else if (env->segs[R_SS].flags & DESC_B_MASK) {
            env->regs[R_ESP] = (uint32_t)new_esp;
        } else {
            env->regs[R_ESP] = (env->regs[R_ESP] & ~0xffffull) | (new_esp & 0xffff);
        }
        if (rpl > cpl) {
            invalidate_data_segs(env);
        }
    } else {
        stack_commit(env, st);
        set_seg_desc(env, R_CS, sel, e1, e2);
    }
    env->eip = new_eip;
}

static void helper_lret(CPUArchState *env, uint32_t ot, uint32_t imm)
{
    uintptr_t ra = GETPC();
    X86Stack st;
    stack_init(env, &st, cur_mmu(env));
    uint64_t new_eip = stack_pop(env, &st, ot, ra) & eip_mask(env, ot);
    uint32_t sel = stack_pop(env, &st, ot, ra) & 0xffff;
    if (!prot_mode(env)) {
        st.sp += imm;
        stack_commit(env, &st);
        x86_load_seg_real(env, R_CS, sel);
        env->eip = new_eip;
        return;
    }
    return_to(env, &st, sel, new_eip, ot, false, imm, ra);
}
const TCGHelperInfo x86_helper_lret = INFO(helper_lret, 0, T_VOID, 3, T_PTR, T_I32, T_I32);

/* EFLAGS bits IRET/POPF may change at CPL/IOPL (SDM vol. 2A IRET, POPF). */
uint64_t x86_eflags_write_mask(CPUArchState *env, MemOp ot)
{
    uint64_t m = CC_ALL | TF_MASK | DF_MASK | NT_MASK | AC_MASK | ID_MASK | RF_MASK;
    int cpl = x86_cpl(env), iopl = (env->eflags & IOPL_MASK) >> 12;
    if (!prot_mode(env) && !(env->hflags & HF_VM)) {
        m |= IF_MASK | IOPL_MASK;
    } else {
        if (cpl == 0) {
            m |= IOPL_MASK | VIF_MASK | VIP_MASK;
        }
        if (cpl <= iopl) {
            m |= IF_MASK;
        }
    }
    return ot == MO_16 ? m & 0xffff : m;
}

static void helper_iret(CPUArchState *env, uint32_t ot, uint64_t next_eip)
{
    uintptr_t ra = GETPC();
    X86Stack st;
    stack_init(env, &st, cur_mmu(env));
    if (!prot_mode(env) && !(env->hflags & HF_VM)) {
        uint64_t new_eip = stack_pop(env, &st, ot, ra) & eip_mask(env, ot);
        uint32_t sel = stack_pop(env, &st, ot, ra) & 0xffff;
        uint64_t fl = stack_pop(env, &st, ot, ra);
        stack_commit(env, &st);
        x86_load_seg_real(env, R_CS, sel);
        env->eip = new_eip;
        i386_set_eflags(env, fl, x86_eflags_write_mask(env, ot));
        return;
    }
    if (env->hflags & HF_VM) {
        /* virtual-8086 mode is not modelled beyond this: IOPL 3 IRET stays in vm86 */
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if ((env->eflags & NT_MASK) && long_mode(env)) {
        /* IA-32e mode has no task switches: IRET with NT set is #GP(0) */
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if (env->eflags & NT_MASK) {
#ifdef CONFIG_SOFTMMU
        /* return to the task whose selector is the current TSS's back link */
        x86_task_return(env, next_eip, ra);
        return;
#else
        /* user mode has no task to return to (the kernel's TSS has no back link) */
        x86_raise_exception_err(env, EXCP0A_TSS, 0, ra);
#endif
    }
    uint64_t mask = x86_eflags_write_mask(env, ot);
    uint64_t new_eip = stack_pop(env, &st, ot, ra) & eip_mask(env, ot);
    uint32_t sel = stack_pop(env, &st, ot, ra) & 0xffff;
    uint64_t fl = stack_pop(env, &st, ot, ra);
    if (fl & VM_MASK && x86_cpl(env) == 0 && ot == MO_32 && !long_mode(env)) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    return_to(env, &st, sel, new_eip, ot, (env->hflags & HF_CODE64) != 0, 0, ra);
    i386_set_eflags(env, fl, mask);
    x86_update_hflags(env);
}
const TCGHelperInfo x86_helper_iret = INFO(helper_iret, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

#ifdef CONFIG_SOFTMMU
/* ---- descriptor-table registers (system mode only) ------------------------------------- */

/* LGDT/LIDT (which 0/1): limit16 then base (24 bits with a 16-bit operand, 64 in 64-bit mode). */
static void helper_lxdt(CPUArchState *env, uint32_t which, uint64_t addr, uint32_t ot)
{
    uintptr_t ra = GETPC();
    if (x86_cpl(env) != 0 && (env->hflags & HF_PE)) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t limit = cpu_lduw_le_data_ra(env, addr, ra);
    uint64_t base;
    if (env->hflags & HF_CODE64) {
        base = cpu_ldq_le_data_ra(env, addr + 2, ra);
    } else {
        base = cpu_ldl_le_data_ra(env, (uint32_t)(addr + 2), ra);
        if (ot == MO_16) {
            base &= 0xffffff;
        }
    }
    SegmentCache *dt = which ? &env->sys.idt : &env->sys.gdt;
    dt->base = base;
    dt->limit = limit;
}
const TCGHelperInfo x86_helper_lxdt =
    INFO(helper_lxdt, 0, T_VOID, 4, T_PTR, T_I32, T_I64, T_I32);

static void helper_sxdt(CPUArchState *env, uint32_t which, uint64_t addr)
{
    uintptr_t ra = GETPC();
    SegmentCache *dt = which ? &env->sys.idt : &env->sys.gdt;
    cpu_stw_le_data_ra(env, addr, dt->limit, ra);
    if (env->hflags & HF_CODE64) {
        cpu_stq_le_data_ra(env, addr + 2, dt->base, ra);
    } else {
        cpu_stl_le_data_ra(env, (uint32_t)(addr + 2), (uint32_t)dt->base, ra);
    }
}
const TCGHelperInfo x86_helper_sxdt = INFO(helper_sxdt, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

/* A system descriptor (LDT, TSS): 16 bytes in long mode, the upper base in the second half. */
static void load_system_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2,
                             uint64_t *base, uintptr_t ra)
{
    if ((sel & 4) || !read_desc(env, sel, e1, e2, ra)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    *base = desc_base(*e1, *e2);
    if (env->sys.efer & EFER_LMA) {
        SegmentCache *dt = &env->sys.gdt;
        if ((sel & ~7u) + 15 > dt->limit) {
            x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
        }
        *base |= (uint64_t)x86_ld_kernel(env, dt->base + (sel & ~7u) + 8, MO_32, ra) << 32;
    }
}

static void helper_lldt(CPUArchState *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    sel &= 0xffff;
    if (x86_cpl(env) != 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if ((sel & ~3u) == 0) {
        env->sys.ldt = (SegmentCache){ .selector = sel };
        return;
    }
    uint32_t e1, e2;
    uint64_t base;
    load_system_desc(env, sel, &e1, &e2, &base, ra);
    if ((e2 & DESC_S_MASK) || ((e2 >> DESC_TYPE_SHIFT) & 0xf) != 2) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
    }
    env->sys.ldt = (SegmentCache){ sel, base, desc_limit(e2, e1), e2 & 0x00f0ff00u };
}
const TCGHelperInfo x86_helper_lldt = INFO(helper_lldt, 0, T_VOID, 2, T_PTR, T_I32);

static void helper_ltr(CPUArchState *env, uint32_t sel)
{
    uintptr_t ra = GETPC();
    sel &= 0xffff;
    if (x86_cpl(env) != 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    if ((sel & ~3u) == 0) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t e1, e2;
    uint64_t base;
    load_system_desc(env, sel, &e1, &e2, &base, ra);
    int type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
    if ((e2 & DESC_S_MASK) || (type != 1 && type != 9)) {
        x86_raise_exception_err(env, EXCP0D_GPF, sel & ~3u, ra);
    }
    if (!(e2 & DESC_P_MASK)) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, sel & ~3u, ra);
    }
    /* mark it busy */
    e2 |= 2u << DESC_TYPE_SHIFT;
    x86_st_kernel(env, env->sys.gdt.base + (sel & ~7u) + 4, e2, MO_32, ra);
    env->sys.tr = (SegmentCache){ sel, base, desc_limit(e2, e1), e2 & 0x00f0ff00u };
}
const TCGHelperInfo x86_helper_ltr = INFO(helper_ltr, 0, T_VOID, 2, T_PTR, T_I32);

/* Set ZF (cc_src as EFLAGS) to ok, keeping the other flags. */
static void set_zf(CPUArchState *env, bool ok)
{
    uint32_t f = i386_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src, env->cc_src2);
    env->cc_src = ok ? f | CC_Z : f & ~CC_Z;
    env->cc_op = CC_OP_EFLAGS;
}

/* LAR / LSL (lsl 1): ZF = the descriptor is visible at CPL/RPL; the value when it is. */
static uint64_t helper_lar_lsl(CPUArchState *env, uint32_t sel, uint32_t lsl)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    if ((sel & ~3u) == 0 || !read_desc(env, sel, &e1, &e2, ra)) {
        set_zf(env, false);
        return 0;
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3, cpl = x86_cpl(env), rpl = sel & 3;
    bool ok;
    if (e2 & DESC_S_MASK) {
        ok = ((e2 & DESC_CS_MASK) && (e2 & DESC_C_MASK)) || (dpl >= cpl && dpl >= rpl);
    } else {
        int type = (e2 >> DESC_TYPE_SHIFT) & 0xf;
        static const uint16_t lar_types = 0x1e3e, lsl_types = 0x0a0e;  /* by type number */
        ok = ((lsl ? lsl_types : lar_types) >> type & 1) && dpl >= cpl && dpl >= rpl;
    }
    set_zf(env, ok);
    if (!ok) {
        return 0;
    }
    return lsl ? desc_limit(e2, e1) : (e2 & 0x00f0ff00u);
}
const TCGHelperInfo x86_helper_lar_lsl =
    INFO(helper_lar_lsl, 0, T_I64, 3, T_PTR, T_I32, T_I32);

static void helper_verr_verw(CPUArchState *env, uint32_t sel, uint32_t verw)
{
    uintptr_t ra = GETPC();
    uint32_t e1, e2;
    sel &= 0xffff;
    if ((sel & ~3u) == 0 || !read_desc(env, sel, &e1, &e2, ra) || !(e2 & DESC_S_MASK)) {
        set_zf(env, false);
        return;
    }
    int dpl = (e2 >> DESC_DPL_SHIFT) & 3, cpl = x86_cpl(env), rpl = sel & 3;
    bool code = e2 & DESC_CS_MASK;
    bool ok = verw ? !code && (e2 & DESC_W_MASK) : !code || (e2 & DESC_R_MASK);
    if (!(code && (e2 & DESC_C_MASK)) && (dpl < cpl || dpl < rpl)) {
        ok = false;
    }
    set_zf(env, ok);
}
const TCGHelperInfo x86_helper_verr_verw =
    INFO(helper_verr_verw, 0, T_VOID, 3, T_PTR, T_I32, T_I32);

#endif
