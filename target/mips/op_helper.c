/*
 * op_helper.c — MIPS helpers that are not worth inlining: raising
 * exceptions, division (whose corner cases must not reach the host's
 * divider), SC/SCD as a host compare-and-swap, the byte-lane moves of
 * LWL/LWR/SWL/SWR/LDL/LDR/SDL/SDR, and the RDHWR cycle counter.
 *
 * Semantics follow the MIPS64 Volume II per-instruction "Operation"
 * sections.
 */
#include "internals.h"

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "exec/page-protection.h"
#include "util/host.h"

void mips_raise_exception(CPUMIPSState *env, int excp, uint32_t code, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    cs->exception_index = excp;
    env->exception.code = code;
    if (ra) {
        /* pc and the slot flag from the instruction's insn_start */
        cpu_loop_exit_restore(cs, ra);
    }
    /* no generated code to restore from: the caller has set pc and the flag */
    cpu_loop_exit(cs);
}

/* pc and the delay-slot flag come back from the instruction's insn_start. */
void helper_raise(CPUMIPSState *env, uint32_t excp, uint32_t code)
{
    mips_raise_exception(env, excp, code, GETPC());
}

/*
 * SYSCALL's path (every system call): the translator stored pc, and the
 * instruction is not in a delay slot, so the search for the TB and its
 * restore data that helper_raise does is not needed.
 */
void helper_raise_synced(CPUMIPSState *env, uint32_t excp, uint32_t code)
{
    env->exception.in_delay_slot = false;
    mips_raise_exception(env, excp, code, 0);
}

/*
 * DIV/DIVU/DDIV/DDIVU (op 0-3): LO = quotient, HI = remainder, 32-bit
 * results sign-extended.  A zero divisor leaves HI/LO as they were (the
 * result is UNPREDICTABLE; compilers put a TEQ divisor, $zero, 7 after
 * the divide to trap); the most negative value divided by -1 gives itself
 * and remainder 0, as the hardware does.
 */
void helper_div(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t op)
{
    switch (op) {
    case 0: {
        int32_t x = a, y = b;
        if (y == 0) {
            return;
        }
        if (x == INT32_MIN && y == -1) {
            env->lo = (int64_t)INT32_MIN;
            env->hi = 0;
            return;
        }
        env->lo = (int64_t)(x / y);
        env->hi = (int64_t)(x % y);
        return;
    }
    case 1: {
        uint32_t x = a, y = b;
        if (y == 0) {
            return;
        }
        env->lo = (int64_t)(int32_t)(x / y);
        env->hi = (int64_t)(int32_t)(x % y);
        return;
    }
    case 2: {
        int64_t x = a, y = b;
        if (y == 0) {
            return;
        }
        if (x == INT64_MIN && y == -1) {
            env->lo = (uint64_t)INT64_MIN;
            env->hi = 0;
            return;
        }
        env->lo = x / y;
        env->hi = x % y;
        return;
    }
    default:
        if (b == 0) {
            return;
        }
        env->lo = a / b;
        env->hi = a % b;
        return;
    }
}

/* The host address of size bytes at guest addr for a store, raising the guest's fault. */
static void *host_addr_for_write(CPUMIPSState *env, uint64_t addr, unsigned size, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    if (addr & (size - 1)) {
        cs->tcg_ops->do_unaligned_access(cs, addr, MMU_DATA_STORE, 0, ra);
    }
#ifdef CONFIG_USER_ONLY
    if (!page_check_range(addr, size, PAGE_WRITE_ORG | PAGE_READ)) {
        cs->tcg_ops->tlb_fill(cs, addr, size, MMU_DATA_STORE, 0, false, ra);
    }
    return (void *)(guest_base + (uintptr_t)addr);
#else
    int mmu_idx = cs->tcg_ops->mmu_index(cs, false);
    void *host = tlb_probe_host(cs, addr, MMU_DATA_STORE, mmu_idx);
    if (!host) {
        cs->tcg_ops->tlb_fill(cs, addr, size, MMU_DATA_STORE, mmu_idx, false, ra);
        host = tlb_probe_host(cs, addr, MMU_DATA_STORE, mmu_idx);
    }
    return host;
#endif
}

/*
 * SC/SCD (size 4 or 8): store val if the link is for addr and memory still
 * holds the value LL read, atomically; 1 on success, 0 on failure.  The
 * link is cleared either way.
 */
uint64_t helper_sc(CPUMIPSState *env, uint64_t addr, uint64_t val, uint32_t size)
{
    uintptr_t ra = GETPC();
    uint64_t link = env->lladdr;
    bool ok;

    env->lladdr = UINT64_MAX;
    if (addr & (size - 1)) {
        CPUState *cs = env_cpu(env);
        cs->tcg_ops->do_unaligned_access(cs, addr, MMU_DATA_STORE, 0, ra);
    }
    if (link != addr) {
        return 0;
    }
    void *host = host_addr_for_write(env, addr, size, ra);
    tcg_user_helper_retaddr = ra;
    if (size == 4) {
        uint32_t expect = env->llval, nv = val;
        if (TARGET_BIG_ENDIAN) {
            expect = __builtin_bswap32(expect);
            nv = __builtin_bswap32(nv);
        }
        ok = __atomic_compare_exchange_n((uint32_t *)host, &expect, nv, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        uint64_t expect = env->llval, nv = val;
        if (TARGET_BIG_ENDIAN) {
            expect = __builtin_bswap64(expect);
            nv = __builtin_bswap64(nv);
        }
        ok = __atomic_compare_exchange_n((uint64_t *)host, &expect, nv, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    tcg_user_helper_retaddr = 0;
    return ok;
}

/*
 * The byte lanes of the unaligned-part instructions (MIPS64 Volume II,
 * the LWL/LWR figures), for an n-byte block and the byte offset b of addr
 * in it.  The "left" instruction moves the register's most significant
 * bytes, starting with the byte at addr: on a big-endian CPU towards the
 * end of the block (n - b bytes), little-endian towards its start (b + 1
 * bytes).  The "right" one moves the least significant bytes the other
 * way.  A byte at a time, so a store writes only its own bytes.
 */
typedef struct XLLanes {
    int step;       /* memory address step per byte */
    int count;      /* bytes moved */
    int pos;        /* register byte of the byte at addr */
    int dpos;       /* register byte step */
} XLLanes;

static XLLanes xl_lanes(uint64_t addr, uint32_t op)
{
    unsigned n = op & 0xf, b = addr & (n - 1);
    bool be = TARGET_BIG_ENDIAN;
    XLLanes l;
    if (!(op & MIPS_XL_RIGHT)) {
        l.step = be ? 1 : -1;
        l.count = be ? n - b : b + 1;
        l.pos = n - 1;
        l.dpos = -1;
    } else {
        l.step = be ? -1 : 1;
        l.count = be ? b + 1 : n - b;
        l.pos = 0;
        l.dpos = 1;
    }
    return l;
}

uint64_t helper_lxl(CPUMIPSState *env, uint64_t addr, uint64_t old, uint32_t op)
{
    uintptr_t ra = GETPC();
    XLLanes l = xl_lanes(addr, op);
    uint64_t v = old;
    for (int i = 0; i < l.count; i++) {
        uint64_t byte = cpu_ldub_data_ra(env, addr + (int64_t)i * l.step, ra);
        unsigned sh = 8 * (l.pos + i * l.dpos);
        v = (v & ~((uint64_t)0xff << sh)) | byte << sh;
    }
    if ((op & 0xf) == 4) {
        v = (uint64_t)(int64_t)(int32_t)v;     /* a word result, sign-extended */
    }
    return v;
}

void helper_sxl(CPUMIPSState *env, uint64_t addr, uint64_t val, uint32_t op)
{
    uintptr_t ra = GETPC();
    XLLanes l = xl_lanes(addr, op);
    for (int i = 0; i < l.count; i++) {
        unsigned sh = 8 * (l.pos + i * l.dpos);
        cpu_stb_data_ra(env, addr + (int64_t)i * l.step, (val >> sh) & 0xff, ra);
    }
}

/* RDHWR $2 (CC): a free-running counter; here the host's monotonic clock in ns. */
uint64_t helper_rdhwr_cc(CPUMIPSState *env)
{
    return (uint64_t)clock_monotonic_ns();
}
