/*
 * op_helper.c — helpers the translated code calls for what is not worth
 * inlining: raising exceptions, the CPSR as a word, register-specified
 * shifts, saturating and parallel (SIMD-within-a-register) arithmetic,
 * division, and the exclusive store / swap, which use a host compare-and-
 * swap so that guest threads on host threads see atomic updates.
 *
 * Semantics follow the pseudocode of the ARMv7-A ARM (A2.2 shifts, A2.2.1
 * saturation, A8.8 per instruction).
 */
#include "internals.h"

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#include "util/bitops.h"

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

/* The translator stored pc and ITSTATE before the call. */
void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
{
    arm_raise_exception(env, excp, syndrome, 0);
}

uint32_t helper_cpsr_read(CPUARMState *env)
{
    return cpsr_read(env);
}

void helper_cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask)
{
    cpsr_write(env, val, mask);
}

/* ---- shifts by a register (A8.4.3: only the bottom byte counts) ------------ */

enum { SH_LSL, SH_LSR, SH_ASR, SH_ROR };

uint32_t helper_shift(uint32_t x, uint32_t n, uint32_t type)
{
    switch (type) {
    case SH_LSL:
        return n >= 32 ? 0 : x << n;
    case SH_LSR:
        return n >= 32 ? 0 : x >> n;
    case SH_ASR:
        return (uint32_t)((int32_t)x >> (n >= 32 ? 31 : n));
    default:
        return ror32(x, n & 31);
    }
}

/* The same, setting C to the last bit shifted out (unchanged for a zero amount). */
uint32_t helper_shift_cc(CPUARMState *env, uint32_t x, uint32_t n, uint32_t type)
{
    if (n == 0) {
        return x;
    }
    switch (type) {
    case SH_LSL:
        env->CF = n > 32 ? 0 : (x >> (32 - n)) & 1;
        break;
    case SH_LSR:
        env->CF = n > 32 ? 0 : (x >> (n - 1)) & 1;
        break;
    case SH_ASR:
        env->CF = n >= 32 ? x >> 31 : (x >> (n - 1)) & 1;
        break;
    default:
        env->CF = (x >> ((n - 1) & 31)) & 1;
        break;
    }
    return helper_shift(x, n, type);
}

/* ---- saturation --------------------------------------------------------- */

uint32_t helper_add_saturate(CPUARMState *env, uint32_t a, uint32_t b)
{
    int32_t r;
    if (__builtin_add_overflow((int32_t)a, (int32_t)b, &r)) {
        env->QF = 1;
        return (int32_t)a < 0 ? INT32_MIN : INT32_MAX;
    }
    return r;
}

uint32_t helper_sub_saturate(CPUARMState *env, uint32_t a, uint32_t b)
{
    int32_t r;
    if (__builtin_sub_overflow((int32_t)a, (int32_t)b, &r)) {
        env->QF = 1;
        return (int32_t)a < 0 ? INT32_MIN : INT32_MAX;
    }
    return r;
}

/* a + b wrapping, Q set on signed overflow (SMLAxy, SMLAD ...). */
uint32_t helper_add_setq(CPUARMState *env, uint32_t a, uint32_t b)
{
    int32_t r;
    if (__builtin_add_overflow((int32_t)a, (int32_t)b, &r)) {
        env->QF = 1;
    }
    return r;
}

/* SignedSatQ(x, bits) */
static int32_t ssat_q(CPUARMState *env, int64_t x, unsigned bits)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -((int64_t)1 << (bits - 1));
    if (x > max) {
        env->QF = 1;
        return max;
    }
    if (x < min) {
        env->QF = 1;
        return min;
    }
    return x;
}

/* UnsignedSatQ(x, bits) */
static uint32_t usat_q(CPUARMState *env, int64_t x, unsigned bits)
{
    int64_t max = ((int64_t)1 << bits) - 1;
    if (x > max) {
        env->QF = 1;
        return max;
    }
    if (x < 0) {
        env->QF = 1;
        return 0;
    }
    return x;
}

/* SSAT: sat is the field (saturate to sat + 1 bits); USAT: to sat bits. */
uint32_t helper_ssat(CPUARMState *env, uint32_t x, uint32_t sat)
{
    return ssat_q(env, (int32_t)x, sat + 1);
}

uint32_t helper_usat(CPUARMState *env, uint32_t x, uint32_t sat)
{
    return usat_q(env, (int32_t)x, sat);
}

uint32_t helper_ssat16(CPUARMState *env, uint32_t x, uint32_t sat)
{
    uint32_t lo = ssat_q(env, (int16_t)x, sat + 1) & 0xffff;
    uint32_t hi = ssat_q(env, (int16_t)(x >> 16), sat + 1) & 0xffff;
    return lo | hi << 16;
}

uint32_t helper_usat16(CPUARMState *env, uint32_t x, uint32_t sat)
{
    uint32_t lo = usat_q(env, (int16_t)x, sat);
    uint32_t hi = usat_q(env, (int16_t)(x >> 16), sat);
    return lo | hi << 16;
}

/* ---- parallel add/subtract (A5.4.1, A5.4.2) ------------------------------ */

/*
 * op = op1 << 3 | op2.  op1: 1 S, 2 Q, 3 SH (signed), 5 U, 6 UQ, 7 UH
 * (unsigned); op2: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8.
 * The plain S/U forms set GE; the others leave it alone.
 */
uint32_t helper_parallel(CPUARMState *env, uint32_t a, uint32_t b, uint32_t op)
{
    unsigned kind = op >> 3, sub_op = op & 7;
    bool sign = kind < 4;
    unsigned flavour = kind & 3;         /* 1 modular, 2 saturating, 3 halving */
    bool bytes = sub_op >= 4;
    unsigned lanes = bytes ? 4 : 2, width = bytes ? 8 : 16;
    uint32_t res = 0, ge = 0;

    for (unsigned i = 0; i < lanes; i++) {
        unsigned sh = i * width;
        /* ASX: lane 0 = a.lo - b.hi, lane 1 = a.hi + b.lo; SAX the reverse */
        unsigned bi = (sub_op == 1 || sub_op == 2) ? 1 - i : i;
        int64_t x, y;
        if (sign) {
            x = sextract32(a, sh, width);
            y = sextract32(b, bi * width, width);
        } else {
            x = extract32(a, sh, width);
            y = extract32(b, bi * width, width);
        }
        bool is_sub;
        switch (sub_op) {
        case 1: is_sub = i == 0; break;
        case 2: is_sub = i == 1; break;
        case 3: case 7: is_sub = true; break;
        default: is_sub = false; break;
        }
        int64_t r = is_sub ? x - y : x + y;
        uint32_t lane;
        if (flavour == 2) {
            int64_t max = sign ? (1 << (width - 1)) - 1 : (1 << width) - 1;
            int64_t min = sign ? -(1 << (width - 1)) : 0;
            lane = r > max ? max : r < min ? min : r;
        } else if (flavour == 3) {
            lane = r >> 1;
        } else {
            lane = r;
            /* GE: signed result >= 0; unsigned: carry out (add) or no borrow (sub) */
            bool g = sign ? r >= 0 : (is_sub ? r >= 0 : r >= (1 << width));
            if (g) {
                ge |= (bytes ? 1u : 3u) << (bytes ? i : 2 * i);
            }
        }
        res |= (lane & ((1u << width) - 1)) << sh;
    }
    if (flavour == 1) {
        env->GE = ge;
    }
    return res;
}

/* SEL: each byte from a where its GE bit is set, else from b. */
uint32_t helper_sel(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t mask = 0;
    for (int i = 0; i < 4; i++) {
        if (env->GE & (1u << i)) {
            mask |= 0xffu << (8 * i);
        }
    }
    return (a & mask) | (b & ~mask);
}

/* ---- arithmetic -------------------------------------------------------- */

/* Division by zero gives 0 (ARMv7-R behaviour without the trap, the A-profile rule). */
uint32_t helper_sdiv(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
        return INT32_MIN;
    }
    return (int32_t)a / (int32_t)b;
}

uint32_t helper_udiv(uint32_t a, uint32_t b)
{
    return b ? a / b : 0;
}

uint32_t helper_rbit(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r |= ((x >> i) & 1) << (31 - i);
    }
    return r;
}

uint32_t helper_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    for (int i = 0; i < 32; i += 8) {
        int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);
        sum += d < 0 ? -d : d;
    }
    return sum;
}

/* ---- exclusives ------------------------------------------------------------ */

/*
 * The host address of a guest access of size bytes for writing, or NULL
 * after raising the fault the access gets.  User mode: guest_base + addr
 * (a write-protected page holding code is handled by linux-user's SIGSEGV
 * handler through tcg_user_helper_retaddr); system mode: the soft TLB.
 */
static void *host_addr_for_write(CPUARMState *env, uint32_t addr, unsigned size, uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    if (addr & (size - 1)) {
        cs->tcg_ops->do_unaligned_access(cs, addr, MMU_DATA_STORE, 0, ra);
    }
#ifdef CONFIG_USER_ONLY
    if (!page_check_range(addr, size, PAGE_WRITE_ORG | PAGE_READ)) {
        cs->tcg_ops->tlb_fill(cs, addr, size, MMU_DATA_STORE, 0, false, ra);
    }
    return (void *)(guest_base + addr);
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

/* The guest value v of size (log2 bytes) as it lies in memory (be: big-endian data). */
static uint64_t to_mem(uint64_t v, unsigned size, bool be)
{
    if (!be) {
        return v;
    }
    switch (size) {
    case 1: return __builtin_bswap16(v);
    case 2: return __builtin_bswap32(v);
    case 3: return __builtin_bswap64(v);
    default: return v;
    }
}

/*
 * STREX{,B,H,D}: op = size (0..3) | 8 for big-endian data.  Returns 0 when
 * the store happened, 1 when not; the monitor is cleared either way.  For
 * STREXD, hi is the word stored at addr + 4.
 */
uint32_t helper_strex(CPUARMState *env, uint32_t addr, uint32_t lo, uint32_t hi, uint32_t op)
{
    uintptr_t ra = GETPC();
    unsigned size = op & 7;
    bool be = op & 8;
    uint64_t expect = env->exclusive_val, val;
    bool ok;

    if (env->exclusive_addr != addr) {
        env->exclusive_addr = UINT64_MAX;
        return 1;
    }
    env->exclusive_addr = UINT64_MAX;
    if (size == 3) {
        /* each word in memory order at its address: as two 32-bit words */
        val = (uint64_t)to_mem(hi, 2, be) << 32 | to_mem(lo, 2, be);
        expect = (uint64_t)to_mem(expect >> 32, 2, be) << 32 | to_mem((uint32_t)expect, 2, be);
    } else {
        val = to_mem(lo, size, be);
        expect = to_mem(expect, size, be);
    }
    void *host = host_addr_for_write(env, addr, 1u << size, ra);
    tcg_user_helper_retaddr = ra;
    switch (size) {
    case 0: {
        uint8_t e = expect;
        ok = __atomic_compare_exchange_n((uint8_t *)host, &e, (uint8_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t e = expect;
        ok = __atomic_compare_exchange_n((uint16_t *)host, &e, (uint16_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t e = expect;
        ok = __atomic_compare_exchange_n((uint32_t *)host, &e, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    default: {
        uint64_t e = expect;
        ok = __atomic_compare_exchange_n((uint64_t *)host, &e, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    }
    tcg_user_helper_retaddr = 0;
    return ok ? 0 : 1;
}

/* SWP/SWPB: op = size (0 or 2) | 8 for big-endian; returns the old value. */
uint32_t helper_swp(CPUARMState *env, uint32_t addr, uint32_t val, uint32_t op)
{
    uintptr_t ra = GETPC();
    unsigned size = op & 7;
    bool be = op & 8;
    uint32_t old;

    void *host = host_addr_for_write(env, addr, 1u << size, ra);
    tcg_user_helper_retaddr = ra;
    if (size == 0) {
        old = __atomic_exchange_n((uint8_t *)host, (uint8_t)val, __ATOMIC_SEQ_CST);
    } else {
        old = to_mem(__atomic_exchange_n((uint32_t *)host, (uint32_t)to_mem(val, 2, be),
                                         __ATOMIC_SEQ_CST), 2, be);
    }
    tcg_user_helper_retaddr = 0;
    return old;
}
