/*
 * seg.h — what the system-mode parts of target/i386 share (CONFIG_SOFTMMU):
 * descriptor and control-register bits, the mode bookkeeping (hflags from
 * CR0/EFER/CS/SS), privileged memory access, exception raising with an
 * error code, and the helpers the translator calls (helper infos at the end).
 *
 *   seg_helper.c   descriptors, segment loads, far JMP/CALL/RET (call gates), IRET, LxDT/LTR
 *                  (far transfers, LxS and IRET also in user mode, against env->gdt)
 *   task_helper.c  task switches (JMP/CALL to a TSS or task gate, IDT task gates, IRET NT)
 *   excp_helper.c  exception and interrupt delivery in every mode, #DF, triple fault
 *   mmu_helper.c   the page walk (2-level, PAE, 4-level), tlb_fill, mmu indexes
 *   misc_helper.c  CRx, DRx, MSRs, IN/OUT, HLT, CPUID leaf 1/0xb ids, SYSCALL/SYSENTER
 */
#ifndef TARGET_I386_SEG_H
#define TARGET_I386_SEG_H

#include "cpu.h"
#include "tcg/tcg.h"

/* Descriptor flags as kept in SegmentCache.flags (the descriptor's high dword). */
#define DESC_TYPE_SHIFT 8
#define DESC_A_MASK   (1u << 8)    /* accessed */
#define DESC_W_MASK   (1u << 9)    /* data: writable */
#define DESC_R_MASK   (1u << 9)    /* code: readable */
#define DESC_C_MASK   (1u << 10)   /* code: conforming */
#define DESC_E_MASK   (1u << 10)   /* data: expand-down */
#define DESC_CS_MASK  (1u << 11)   /* code (vs data) */
#define DESC_S_MASK   (1u << 12)   /* code or data (vs system) */
#define DESC_DPL_SHIFT 13
#define DESC_P_MASK   (1u << 15)
#define DESC_L_MASK   (1u << 21)   /* 64-bit code segment */
#define DESC_B_MASK   (1u << 22)   /* 32-bit segment */
#define DESC_G_MASK   (1u << 23)   /* 4 KiB granularity */

/* CR0 / CR4 / EFER bits (SDM vol. 3, 2.5 and 2.2.1). */
#define CR0_PE (1u << 0)
#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_ET (1u << 4)
#define CR0_NE (1u << 5)
#define CR0_WP (1u << 16)
#define CR0_AM (1u << 18)
#define CR0_NW (1u << 29)
#define CR0_CD (1u << 30)
#define CR0_PG (1u << 31)
#define CR4_VME (1u << 0)
#define CR4_PSE (1u << 4)
#define CR4_PAE (1u << 5)
#define CR4_PGE (1u << 7)
#define CR4_PCE (1u << 8)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CR4_FSGSBASE (1u << 16)
#define CR4_PCIDE (1u << 17)
#define CR4_OSXSAVE (1u << 18)
#define CR4_SMEP (1u << 20)
#define EFER_SCE (1u << 0)
#define EFER_LME (1u << 8)
#define EFER_LMA (1u << 10)
#define EFER_NXE (1u << 11)

/* EFLAGS bits only system mode uses. */
#define IOPL_MASK 0x3000
#define NT_MASK   0x4000
#define RF_MASK   0x10000
#define VM_MASK   0x20000
#define VIF_MASK  0x80000
#define VIP_MASK  0x100000

/* MMU indexes: supervisor and user data/code (CPL 3). */
enum { X86_MMU_KERNEL = 0, X86_MMU_USER = 1 };

static inline int x86_cpl(const CPUArchState *env)
{
#ifdef CONFIG_USER_ONLY
    /* user mode runs at CPL 3 only (hflags carry no CPL there) */
    return 3;
#else
    return (env->hflags & HF_CPL_MASK) >> HF_CPL_SHIFT;
#endif
}

/* Recompute hflags from CR0, EFER, CS, SS and the data segment bases (call after any change). */
void x86_update_hflags(CPUArchState *env);
/* Load a segment register's cache directly (reset, real mode, helpers that checked it). */
void x86_set_seg(CPUArchState *env, int seg, uint32_t sel, uint64_t base, uint32_t limit,
                 uint32_t flags);
/* Real-mode / vm86 load: base = selector << 4, limit and flags kept (unreal mode). */
void x86_load_seg_real(CPUArchState *env, int seg, uint32_t sel);
/* MOV/POP Sreg, LxS in system mode: the checks of SDM vol. 2 MOV (faults with ra). */
void x86_load_seg(CPUArchState *env, int seg, uint32_t sel, uintptr_t ra);
/*
 * User mode: make sel the code segment (the signal code's CS switches): a
 * present DPL-3 code descriptor in env->gdt, else false and CS unchanged.
 */
bool x86_user_load_cs(CPUArchState *env, uint32_t sel);
/*
 * User mode: the process's LDT, written by modify_ldt (linux-user/i386/
 * ldt.c), one for all threads as in Linux; NULL until the first write.
 * TI=1 selectors index it in MOV/POP Sreg, LxS and far transfers.
 */
#define X86_LDT_ENTRIES 8192
typedef struct X86UserLDT {
    uint32_t count;                /* entries the kernel reports: the highest written + 1 */
    uint64_t desc[X86_LDT_ENTRIES];
} X86UserLDT;
extern X86UserLDT *x86_user_ldt;

/* MOV/POP Sreg's helper (both modes): x86_load_seg with the instruction's ra. */
void x86_helper_load_seg(CPUArchState *env, uint32_t seg, uint64_t selector, uintptr_t ra);

/*
 * Raise an exception with an error code (faults restore with ra; noreturn).
 * User mode (seg_helper.c) leaves the code in env->sys.error_code for the
 * signal frame's err.
 */
void x86_raise_exception_err(CPUArchState *env, int vector, uint32_t error_code, uintptr_t ra)
    __attribute__((noreturn));
/*
 * Deliver vector now (excp_helper.c): is_int = INT n (gate DPL check), is_hw =
 * INTR/NMI (no #DF bookkeeping), next_eip pushed.
 */
void x86_do_interrupt_all(CPUArchState *env, int vector, bool is_int, bool is_hw,
                          bool has_error, uint32_t error_code, uint64_t next_eip);

/* How a task switch began (SDM vol. 3, 7.3): decides the busy bits, NT and the back link. */
enum { X86_TASK_JMP, X86_TASK_CALL, X86_TASK_IRET, X86_TASK_INT };
/*
 * Switch to the 32-bit TSS tss_sel (its descriptor e1:e2 already checked
 * by the caller: present, available, in the GDT): save the current task in
 * the TSS that TR names, load the new one (task_helper.c).  next_eip is
 * the EIP saved for the old task; err >= 0 is pushed on the new task's
 * stack (an exception with an error code).  Faults before the commit
 * restore with ra; later ones are raised in the new task's context.
 */
void x86_task_switch(CPUArchState *env, uint32_t tss_sel, uint32_t e1, uint32_t e2, int source,
                     uint64_t next_eip, int64_t err, uintptr_t ra);
/* IRET with EFLAGS.NT outside IA-32e mode: back to the task in the TSS's back link. */
void x86_task_return(CPUArchState *env, uint64_t next_eip, uintptr_t ra);
/* The 8-byte descriptor sel names in the GDT or LDT (false when outside it). */
bool x86_read_desc(CPUArchState *env, uint32_t sel, uint32_t *e1, uint32_t *e2, uintptr_t ra);
/* Load a segment register from descriptor words e1:e2 (base, limit, flags). */
void x86_set_seg_desc(CPUArchState *env, int seg, uint32_t sel, uint32_t e1, uint32_t e2);

/* Supervisor-privileged (implicit) linear-address access: descriptor tables, TSS, stacks. */
uint64_t x86_ld_kernel(CPUArchState *env, uint64_t addr, MemOp mop, uintptr_t ra);
void x86_st_kernel(CPUArchState *env, uint64_t addr, uint64_t val, MemOp mop, uintptr_t ra);

/* CR0/CR3/CR4/EFER writes with their side effects (TLB flush, LMA). */
void x86_set_cr0(CPUArchState *env, uint64_t v);
void x86_set_cr3(CPUArchState *env, uint64_t v);
void x86_set_cr4(CPUArchState *env, uint64_t v);
void x86_set_efer(CPUArchState *env, uint64_t v);

/* The TCGCPUOps hooks for system mode (cpu.c points at them under CONFIG_SOFTMMU). */
bool x86_cpu_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                      int mmu_idx, bool probe, uintptr_t retaddr);
int x86_cpu_mmu_index(CPUState *cs, bool ifetch);
bool x86_cpu_exec_interrupt(CPUState *cs, uint32_t request);
void x86_cpu_do_interrupt(CPUState *cs);
bool x86_cpu_has_work(CPUState *cs);
void x86_cpu_dump_state(CPUState *cs, FILE *f);
/* The TSC (1 GHz on the virtual clock, plus what WRMSR TSC set). */
uint64_t x86_rdtsc(CPUArchState *env);
/* EFLAGS bits POPF/IRET may change at the current CPL and IOPL. */
uint64_t x86_eflags_write_mask(CPUArchState *env, MemOp ot);
/* SYSCALL from 64-bit mode (EXCP_SYSCALL reaches do_interrupt with eip after it). */
void x86_syscall(CPUArchState *env);
/* Translate a linear address for the debugger (-1 when unmapped). */
uint64_t x86_cpu_get_phys_page_debug(CPUArchState *env, uint64_t addr);

/* ---- helpers the translator calls (emit-sys.c) --------------------------------- */

extern const TCGHelperInfo x86_helper_ljmp;       /* (env, i32 sel, i64 eip, i64 next_eip) */
extern const TCGHelperInfo x86_helper_lcall;      /* (env, i32 sel, i64 eip, i32 ot, i64 next_eip) */
extern const TCGHelperInfo x86_helper_lret;       /* (env, i32 ot, i32 imm16) */
extern const TCGHelperInfo x86_helper_iret;       /* (env, i32 ot, i64 next_eip) */
extern const TCGHelperInfo x86_helper_lxdt;       /* (env, i32 which (0 gdt, 1 idt), i64 addr, i32 ot) */
extern const TCGHelperInfo x86_helper_sxdt;       /* (env, i32 which, i64 addr) */
extern const TCGHelperInfo x86_helper_lldt;       /* (env, i32 sel) */
extern const TCGHelperInfo x86_helper_ltr;        /* (env, i32 sel) */
extern const TCGHelperInfo x86_helper_lar_lsl;    /* (env, i32 sel, i32 lsl) -> value, ZF via cc */
extern const TCGHelperInfo x86_helper_verr_verw;  /* (env, i32 sel, i32 verw) */
extern const TCGHelperInfo x86_helper_load_far;   /* (env, i32 seg, i32 sel): LxS, checks */
extern const TCGHelperInfo x86_helper_mov_cr;     /* (env, i32 cr, i64 value) */
extern const TCGHelperInfo x86_helper_read_cr;    /* (env, i32 cr) -> value */
extern const TCGHelperInfo x86_helper_mov_dr;     /* (env, i32 dr, i64 value) */
extern const TCGHelperInfo x86_helper_lmsw;       /* (env, i64 value) */
extern const TCGHelperInfo x86_helper_clts;       /* (env) */
extern const TCGHelperInfo x86_helper_invlpg;     /* (env, i64 addr) */
extern const TCGHelperInfo x86_helper_invpcid;    /* (env, i64 type, i64 desc addr) */
extern const TCGHelperInfo x86_helper_rdmsr;      /* (env) */
extern const TCGHelperInfo x86_helper_rdpmc;      /* (env) */
extern const TCGHelperInfo x86_helper_wrmsr;      /* (env) */
extern const TCGHelperInfo x86_helper_in;         /* (env, i32 port, i32 ot) -> value */
extern const TCGHelperInfo x86_helper_out;        /* (env, i32 port, i32 value, i32 ot) */
extern const TCGHelperInfo x86_helper_ins_outs;   /* (env, i32 desc(out, ot, rep|aflag<<2|seg<<4)) */
extern const TCGHelperInfo x86_helper_hlt;        /* (env, i64 next_eip) noreturn */
extern const TCGHelperInfo x86_helper_pause;      /* (env, i64 next_eip): yields with >1 CPU */
extern const TCGHelperInfo x86_helper_cli_sti;    /* (env, i32 sti) */
extern const TCGHelperInfo x86_helper_popf;       /* (env, i64 value, i32 ot) */
extern const TCGHelperInfo x86_helper_check_cpl0; /* (env): #GP(0) unless CPL 0 */
extern const TCGHelperInfo x86_helper_swapgs;     /* (env) */
extern const TCGHelperInfo x86_helper_sysret;     /* (env, i32 ot) */
extern const TCGHelperInfo x86_helper_sysenter;   /* (env) */
extern const TCGHelperInfo x86_helper_sysexit;    /* (env, i32 ot) */
extern const TCGHelperInfo x86_helper_rdtscp;     /* (env) */

#endif
