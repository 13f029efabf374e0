/*
 * cpu-ldst.h — guest memory access from C helpers, the same names in both
 * modes: user mode reads guest_base + addr, system mode goes through the
 * soft TLB with the CPU's current data MMU index (faults raise the target's
 * exception and leave through cpu_loop_exit_restore(retaddr)).
 *
 * Legend:  cpu_<ld|st><size>[_<le|be>]_data[_ra]
 *   size  ub/sb = 8 bits unsigned/signed, uw/sw = 16, l = 32, q = 64
 *   le/be the guest byte order of the access (none for 8 bits)
 *   _ra   takes the helper's GETPC() so a fault restores the guest state of
 *         the calling instruction; without it the state must already be
 *         up to date (retaddr 0).
 *
 *     uint32_t v = cpu_ldl_le_data_ra(env, addr, GETPC());
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include <stdint.h>

#include "exec/memop.h"
#include "hw/core/cpu.h"

/* The access with an explicit MemOp and MMU index (system mode) . */
uint64_t cpu_ld_mmu(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
void cpu_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr);
/* The access with the current data (or code) MMU index. */
uint64_t cpu_ld_data_ra(CPUArchState *env, uint64_t addr, MemOp mop, uintptr_t retaddr);
void cpu_st_data_ra(CPUArchState *env, uint64_t addr, uint64_t val, MemOp mop,
                    uintptr_t retaddr);
uint64_t cpu_ld_code(CPUArchState *env, uint64_t addr, MemOp mop);

static inline uint32_t cpu_ldub_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_UB, ra);
}
static inline uint32_t cpu_ldub_data(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_UB, 0);
}
static inline int32_t cpu_ldsb_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_SB, ra);
}
static inline int32_t cpu_ldsb_data(CPUArchState *env, uint64_t addr)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_SB, 0);
}
static inline uint32_t cpu_lduw_le_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_LEUW, ra);
}
static inline uint32_t cpu_lduw_le_data(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_LEUW, 0);
}
static inline uint32_t cpu_lduw_be_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_BEUW, ra);
}
static inline uint32_t cpu_lduw_be_data(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_BEUW, 0);
}
static inline int32_t cpu_ldsw_le_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_LESW, ra);
}
static inline int32_t cpu_ldsw_le_data(CPUArchState *env, uint64_t addr)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_LESW, 0);
}
static inline int32_t cpu_ldsw_be_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_BESW, ra);
}
static inline int32_t cpu_ldsw_be_data(CPUArchState *env, uint64_t addr)
{
    return (int32_t)cpu_ld_data_ra(env, addr, MO_BESW, 0);
}
static inline uint32_t cpu_ldl_le_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_LEUL, ra);
}
static inline uint32_t cpu_ldl_le_data(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_LEUL, 0);
}
static inline uint32_t cpu_ldl_be_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_BEUL, ra);
}
static inline uint32_t cpu_ldl_be_data(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_data_ra(env, addr, MO_BEUL, 0);
}
static inline uint64_t cpu_ldq_le_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint64_t)cpu_ld_data_ra(env, addr, MO_LEUQ, ra);
}
static inline uint64_t cpu_ldq_le_data(CPUArchState *env, uint64_t addr)
{
    return (uint64_t)cpu_ld_data_ra(env, addr, MO_LEUQ, 0);
}
static inline uint64_t cpu_ldq_be_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)
{
    return (uint64_t)cpu_ld_data_ra(env, addr, MO_BEUQ, ra);
}
static inline uint64_t cpu_ldq_be_data(CPUArchState *env, uint64_t addr)
{
    return (uint64_t)cpu_ld_data_ra(env, addr, MO_BEUQ, 0);
}
static inline void cpu_stb_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_UB, ra);
}
static inline void cpu_stb_data(CPUArchState *env, uint64_t addr, uint32_t val)
{
    cpu_st_data_ra(env, addr, val, MO_UB, 0);
}
static inline void cpu_stw_le_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_LEUW, ra);
}
static inline void cpu_stw_le_data(CPUArchState *env, uint64_t addr, uint32_t val)
{
    cpu_st_data_ra(env, addr, val, MO_LEUW, 0);
}
static inline void cpu_stw_be_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_BEUW, ra);
}
static inline void cpu_stw_be_data(CPUArchState *env, uint64_t addr, uint32_t val)
{
    cpu_st_data_ra(env, addr, val, MO_BEUW, 0);
}
static inline void cpu_stl_le_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_LEUL, ra);
}
static inline void cpu_stl_le_data(CPUArchState *env, uint64_t addr, uint32_t val)
{
    cpu_st_data_ra(env, addr, val, MO_LEUL, 0);
}
static inline void cpu_stl_be_data_ra(CPUArchState *env, uint64_t addr, uint32_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_BEUL, ra);
}
static inline void cpu_stl_be_data(CPUArchState *env, uint64_t addr, uint32_t val)
{
    cpu_st_data_ra(env, addr, val, MO_BEUL, 0);
}
static inline void cpu_stq_le_data_ra(CPUArchState *env, uint64_t addr, uint64_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_LEUQ, ra);
}
static inline void cpu_stq_le_data(CPUArchState *env, uint64_t addr, uint64_t val)
{
    cpu_st_data_ra(env, addr, val, MO_LEUQ, 0);
}
static inline void cpu_stq_be_data_ra(CPUArchState *env, uint64_t addr, uint64_t val, uintptr_t ra)
{
    cpu_st_data_ra(env, addr, val, MO_BEUQ, ra);
}
static inline void cpu_stq_be_data(CPUArchState *env, uint64_t addr, uint64_t val)
{
    cpu_st_data_ra(env, addr, val, MO_BEUQ, 0);
}
static inline uint32_t cpu_ldub_code(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_code(env, addr, MO_UB);
}
static inline uint32_t cpu_lduw_le_code(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_code(env, addr, MO_LEUW);
}
static inline uint32_t cpu_lduw_be_code(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_code(env, addr, MO_BEUW);
}
static inline uint32_t cpu_ldl_le_code(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_code(env, addr, MO_LEUL);
}
static inline uint32_t cpu_ldl_be_code(CPUArchState *env, uint64_t addr)
{
    return (uint32_t)cpu_ld_code(env, addr, MO_BEUL);
}
static inline uint64_t cpu_ldq_le_code(CPUArchState *env, uint64_t addr)
{
    return (uint64_t)cpu_ld_code(env, addr, MO_LEUQ);
}
static inline uint64_t cpu_ldq_be_code(CPUArchState *env, uint64_t addr)
{
    return (uint64_t)cpu_ld_code(env, addr, MO_BEUQ);
}

#endif
