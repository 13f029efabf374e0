/*
 * ldst-common.c — the cpu_ld/st accessors of cpu-ldst.h, one name for both
 * modes: each call goes to the soft TLB (system mode) or straight to
 * guest_base + addr (user mode), as tcg_exec_init() chose.
 */
#include "internal.h"
#include "exec/cpu-ldst.h"

uint64_t cpu_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    return tcg_exec_is_softmmu() ? tlb_ld_mmu(env, addr, oi, MMU_DATA_LOAD, retaddr)
                                 : user_ld_mmu(env, addr, oi, MMU_DATA_LOAD, retaddr);
}

void cpu_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr)
{
    if (tcg_exec_is_softmmu()) {
        tlb_st_mmu(env, addr, val, oi, retaddr);
    } else {
        user_st_mmu(env, addr, val, oi, retaddr);
    }
}

static int data_mmu_index(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    return cpu->tcg_ops->mmu_index ? cpu->tcg_ops->mmu_index(cpu, false) : 0;
}

uint64_t cpu_ld_data_ra(CPUArchState *env, uint64_t addr, MemOp mop, uintptr_t retaddr)
{
    return cpu_ld_mmu(env, addr, make_memop_idx(mop, data_mmu_index(env)), retaddr);
}

void cpu_st_data_ra(CPUArchState *env, uint64_t addr, uint64_t val, MemOp mop,
                    uintptr_t retaddr)
{
    cpu_st_mmu(env, addr, val, make_memop_idx(mop, data_mmu_index(env)), retaddr);
}

uint64_t cpu_ld_code(CPUArchState *env, uint64_t addr, MemOp mop)
{
    CPUState *cpu = env_cpu(env);
    int idx = cpu->tcg_ops->mmu_index ? cpu->tcg_ops->mmu_index(cpu, true) : 0;
    MemOpIdx oi = make_memop_idx(mop, idx);
    return tcg_exec_is_softmmu() ? tlb_ld_mmu(env, addr, oi, MMU_INST_FETCH, 0)
                                 : user_ld_mmu(env, addr, oi, MMU_INST_FETCH, 0);
}
