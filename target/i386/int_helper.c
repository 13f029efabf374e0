/*
 * int_helper.c — integer instructions done in C: division, shifts and
 * rotates with their flags, string operations with REP, BCD adjustments,
 * CPUID/RDTSC, EFLAGS access, and LOCK-prefixed read-modify-write as host
 * atomics (user mode: guest memory is host memory at guest_base).
 *
 * Helpers that raise take GETPC() so that the faulting instruction's state
 * is restored (cpu_loop_exit_restore).  Helpers that touch the lazy flags
 * read and write env->cc_* directly: the translator stores its cc_op first
 * and treats cc_op as unknown afterwards.
 */
#include "cpu.h"

#include <string.h>

#include <glib.h>

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#ifndef CONFIG_USER_ONLY
#include "exec/cputlb.h"
#endif
#include "exec/page-protection.h"
#include "helper.h"
#include "seg.h"
#include "util/bitops.h"
#include "util/host.h"

#define INFO(fn, fl, r, n, ...) { .func = (void *)(fn), .name = #fn, .flags = (fl), \
    .ret = (r), .nargs = (n), .args = { __VA_ARGS__ } }
#define T_PTR TCG_CALL_TYPE_PTR
#define T_I32 TCG_CALL_TYPE_I32
#define T_I64 TCG_CALL_TYPE_I64
#define T_VOID TCG_CALL_TYPE_VOID

static inline uint64_t mask_of(int ot)
{
    return ot == 3 ? ~0ull : (1ull << (8 << ot)) - 1;
}

static inline uint64_t msb_of(int ot)
{
    return 1ull << ((8 << ot) - 1);
}

static inline int64_t sext_of(uint64_t v, int ot)
{
    return sext64(v, 8 << ot);
}

/* Write a GPR with x86 width rules (ot MO_8 means the low byte of reg). */
static void set_reg(CPUArchState *env, int reg, int ot, uint64_t v)
{
    switch (ot) {
    case 0: env->regs[reg] = deposit64(env->regs[reg], 0, 8, v); break;
    case 1: env->regs[reg] = deposit64(env->regs[reg], 0, 16, v); break;
    case 2: env->regs[reg] = (uint32_t)v; break;
    default: env->regs[reg] = v; break;
    }
}

static uint32_t cur_flags(CPUArchState *env)
{
    return i386_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src, env->cc_src2);
}

static void set_flags(CPUArchState *env, uint32_t f)
{
    env->cc_src = f & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
}

static uint32_t szp_of(uint64_t v, int ot)
{
    v &= mask_of(ot);
    return (v == 0 ? CC_Z : 0) | (v & msb_of(ot) ? CC_S : 0) |
           (__builtin_parity(v & 0xff) ? 0 : CC_P);
}

/* ---- exceptions, EFLAGS, CPUID -------------------------------------------------- */

static void helper_raise_exception(CPUArchState *env, uint32_t vector)
{
    i386_raise_exception(env, vector, GETPC());
}
const TCGHelperInfo i386_helper_raise_exception =
    INFO(helper_raise_exception, TCG_CALL_NO_WG, T_VOID, 2, T_PTR, T_I32);

static uint64_t helper_cc_compute_all(uint32_t op, uint64_t dst, uint64_t src, uint64_t src2)
{
    return i386_cc_compute_all(op, dst, src, src2);
}
const TCGHelperInfo i386_helper_cc_compute_all =
    INFO(helper_cc_compute_all, TCG_CALL_PURE, T_I64, 4, T_I32, T_I64, T_I64, T_I64);

static uint64_t helper_read_eflags(CPUArchState *env)
{
    return i386_get_eflags(env);
}
const TCGHelperInfo i386_helper_read_eflags =
    INFO(helper_read_eflags, TCG_CALL_NO_WG, T_I64, 1, T_PTR);

static void helper_write_eflags(CPUArchState *env, uint64_t value, uint64_t mask)
{
    i386_set_eflags(env, value, mask);
}
const TCGHelperInfo i386_helper_write_eflags =
    INFO(helper_write_eflags, 0, T_VOID, 3, T_PTR, T_I64, T_I64);

static void helper_cpuid(CPUArchState *env)
{
    uint32_t a, b, c, d;
    i386_cpuid(env, (uint32_t)env->regs[R_EAX], (uint32_t)env->regs[R_ECX], &a, &b, &c, &d);
    env->regs[R_EAX] = a;
    env->regs[R_EBX] = b;
    env->regs[R_ECX] = c;
    env->regs[R_EDX] = d;
}
const TCGHelperInfo i386_helper_cpuid = INFO(helper_cpuid, 0, T_VOID, 1, T_PTR);

static void helper_rdtsc(CPUArchState *env)
{
#ifdef CONFIG_SOFTMMU
    /* system mode: the guest's TSC runs on the virtual clock (misc_helper.c) */
    uint64_t t = x86_rdtsc(env);
#else
    /* a 1 GHz counter from the host's monotonic clock */
    uint64_t t = clock_monotonic_ns();
#endif
    env->regs[R_EAX] = (uint32_t)t;
    env->regs[R_EDX] = t >> 32;
}
const TCGHelperInfo i386_helper_rdtsc = INFO(helper_rdtsc, 0, T_VOID, 1, T_PTR);

/* ---- division (SDM vol. 2A DIV, IDIV) ------------------------------------------ */

static void helper_div(CPUArchState *env, uint32_t desc, uint64_t divisor)
{
    bool sign = I386_DESC_OP(desc);
    int ot = I386_DESC_OT(desc), bits = 8 << ot;
    uintptr_t ra = GETPC();
    unsigned __int128 n;
    uint64_t m = mask_of(ot);

    divisor &= m;
    if (divisor == 0) {
        i386_raise_exception(env, EXCP00_DIVZ, ra);
    }
    if (ot == 0) {
        n = env->regs[R_EAX] & 0xffff;
    } else {
        n = ((unsigned __int128)(env->regs[R_EDX] & m) << bits) | (env->regs[R_EAX] & m);
    }
    uint64_t q, r;
    if (!sign) {
        unsigned __int128 qq = n / divisor;
        if (qq > m) {
            i386_raise_exception(env, EXCP00_DIVZ, ra);
        }
        q = (uint64_t)qq;
        r = (uint64_t)(n % divisor);
    } else {
        /* sign-extend the 2*bits dividend and the divisor */
        __int128 sn = (__int128)(n << (128 - 2 * bits)) >> (128 - 2 * bits);
        int64_t sd = sext_of(divisor, ot);
        if (sd == -1 && sn == -((__int128)1 << (2 * bits - 1))) {
            i386_raise_exception(env, EXCP00_DIVZ, ra);
        }
        __int128 qq = sn / sd;
        __int128 lim = (__int128)1 << (bits - 1);
        if (qq >= lim || qq < -lim) {
            i386_raise_exception(env, EXCP00_DIVZ, ra);
        }
        q = (uint64_t)qq;
        r = (uint64_t)(sn % sd);
    }
    if (ot == 0) {
        env->regs[R_EAX] = deposit64(env->regs[R_EAX], 0, 16, (q & 0xff) | (r & 0xff) << 8);
    } else {
        set_reg(env, R_EAX, ot, q);
        set_reg(env, R_EDX, ot, r);
    }
}
const TCGHelperInfo i386_helper_div = INFO(helper_div, 0, T_VOID, 3, T_PTR, T_I32, T_I64);

/* ---- shifts and rotates (SDM vol. 2B SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD/SHRD) -- */

/*
 * RCL/RCR and SHLD/SHRD; SHL/SHR/SAR and ROL/ROR are inline TCG
 * (emit-int.c), so their kinds return the operand unchanged here.
 */
static uint64_t helper_shift(CPUArchState *env, uint32_t desc, uint64_t val, uint64_t count,
                             uint64_t other)
{
    int kind = I386_DESC_OP(desc), ot = I386_DESC_OT(desc), bits = 8 << ot;
    uint64_t m = mask_of(ot), msb = msb_of(ot), res;
    unsigned c = count & (ot == 3 ? 63 : 31);
    uint32_t f, cf;

    val &= m;
    other &= m;
    if (c == 0) {
        return val;
    }
    f = cur_flags(env);
    cf = f & CC_C;
    switch (kind) {
    case I386_RCL:
    case I386_RCR: {
        unsigned r = c % (bits + 1);
        /* rotate the bits+1 wide value CF:val one step at a time (r <= 64) */
        uint64_t v = val, carry = cf;
        for (unsigned i = 0; i < r; i++) {
            if (kind == I386_RCL) {
                uint64_t out = !!(v & msb);
                v = ((v << 1) | carry) & m;
                carry = out;
            } else {
                uint64_t out = v & 1;
                v = (v >> 1) | (carry ? msb : 0);
                carry = out;
            }
        }
        res = v;
        f &= ~(CC_C | CC_O);
        f |= carry ? CC_C : 0;
        if (kind == I386_RCL) {
            f |= (!!(res & msb) ^ carry) ? CC_O : 0;
        } else {
            f |= (!!(res & msb) ^ !!(res & (msb >> 1))) ? CC_O : 0;
        }
        set_flags(env, f);
        return res;
    }
    case I386_SHLD:
    case I386_SHRD: {
        /* the manual leaves counts above the width undefined; compute modulo 2*width */
        unsigned __int128 wide;
        if (kind == I386_SHLD) {
            wide = ((unsigned __int128)val << bits) | other;
            wide <<= c;
            res = (uint64_t)(wide >> bits) & m;
            cf = (uint64_t)(((((unsigned __int128)val << bits) | other) >> (2 * bits - c)) & 1);
        } else {
            wide = ((unsigned __int128)other << bits) | val;
            res = (uint64_t)(wide >> c) & m;
            cf = (uint64_t)(wide >> (c - 1)) & 1;
        }
        f = szp_of(res, ot) | (cf ? CC_C : 0) | (((res ^ val) & msb) ? CC_O : 0);
        set_flags(env, f);
        return res;
    }
    }
    return val;
}
const TCGHelperInfo i386_helper_shift =
    INFO(helper_shift, 0, T_I64, 5, T_PTR, T_I32, T_I64, T_I64, T_I64);

/* ---- string operations (SDM vol. 2B MOVS, CMPS, STOS, LODS, SCAS, REP) ---------- */

/*
 * REP MOVS/STOS going up (DF=0) with a 32/64-bit address size, a chunk at a
 * time: as many elements as fit before the next page boundary of the source
 * and the destination, in one host memmove/fill, then rSI/rDI/rCX advanced
 * by that many.  A chunk either completes or is not started, so rSI/rDI/rCX
 * are exact at every fault the element path raises after it.  No chunk when
 * fewer than two elements fit (an element straddles a page boundary) or
 * when a MOVS destination lies just above its source (x86 then replicates
 * the first bytes, memmove would not); the modes add their own refusals
 * where they find the host pointers (string_bulk_user / string_bulk_sys).
 */
typedef struct StringChunk {
    uint64_t si, di, count;        /* the registers, masked to the address size */
    uint64_t src, dst;             /* linear addresses */
    uint64_t n, bytes;             /* elements and bytes in this chunk */
} StringChunk;

static bool string_chunk_plan(CPUArchState *env, int op, int ot, int aflag,
                              uint64_t src_base, uint64_t dst_base, StringChunk *c)
{
    uint64_t am = mask_of(aflag), lin = aflag == MO_64 ? ~0ull : 0xffffffffull;
    uint64_t psize = (uint64_t)1 << tcg_page_bits;
    c->count = env->regs[R_ECX] & am;
    c->si = env->regs[R_ESI] & am;
    c->di = env->regs[R_EDI] & am;
    c->src = (src_base + c->si) & lin;
    c->dst = (dst_base + c->di) & lin;
    uint64_t room = psize - (c->dst & (psize - 1));
    if (op == I386_MOVS) {
        room = MIN(room, psize - (c->src & (psize - 1)));
    }
    c->n = MIN(c->count, room >> ot);
    c->bytes = c->n << ot;
    return c->n >= 2 && !(op == I386_MOVS && c->dst > c->src && c->dst - c->src < c->bytes);
}

/* The chunk's copy or fill through host pointers (hs only for MOVS), and the registers. */
static uint64_t string_chunk_run(CPUArchState *env, int op, int ot, int aflag,
                                 const StringChunk *c, uint8_t *hd, const uint8_t *hs)
{
    if (op == I386_MOVS) {
        memmove(hd, hs, c->bytes);
        set_reg(env, R_ESI, aflag, c->si + c->bytes);
    } else if (ot == MO_8) {
        memset(hd, (uint8_t)env->regs[R_EAX], c->bytes);
    } else {
        uint64_t v = env->regs[R_EAX];          /* little-endian host and guest */
        for (uint64_t i = 0; i < c->bytes; i += 1u << ot) {
            memcpy(hd + i, &v, 1u << ot);
        }
    }
    set_reg(env, R_EDI, aflag, c->di + c->bytes);
    set_reg(env, R_ECX, aflag, c->count - c->n);
    return c->n;
}

#ifdef CONFIG_USER_ONLY
/*
 * User mode: guest memory is host memory at guest_base.  A page not mapped
 * (read) or not writable right now refuses the chunk: a page holding
 * translated code is write-protected and its fault must stay precise.
 * Returns the elements done, 0 to go element by element.
 */
static uint64_t string_bulk_user(CPUArchState *env, int op, int ot, int aflag,
                                 uint64_t src_base, uint64_t dst_base, uintptr_t ra)
{
    StringChunk c;
    if (!string_chunk_plan(env, op, ot, aflag, src_base, dst_base, &c)) {
        return 0;
    }
    if (!(page_get_flags(c.dst) & PAGE_WRITE) ||
        (op == I386_MOVS && !(page_get_flags(c.src) & PAGE_READ))) {
        return 0;
    }
    tcg_user_helper_retaddr = ra;
    /* the host fault handler reads it: keep the store before the accesses */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    uint64_t n = string_chunk_run(env, op, ot, aflag, &c,
                                  (uint8_t *)(guest_base + (uintptr_t)c.dst),
                                  (const uint8_t *)(guest_base + (uintptr_t)c.src));
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tcg_user_helper_retaddr = 0;
    return n;
}
#else
/*
 * System mode, through the soft TLB: both pages are probed first (filling
 * the TLB without faulting), and only plain RAM qualifies: MMIO, ROM, pages
 * holding translated code or logged for dirtiness, and watchpointed pages
 * return no host pointer and go element by element.
 */
static uint64_t string_bulk_sys(CPUArchState *env, int op, int ot, int aflag,
                                uint64_t src_base, uint64_t dst_base)
{
    StringChunk c;
    if (!string_chunk_plan(env, op, ot, aflag, src_base, dst_base, &c)) {
        return 0;
    }
    CPUState *cs = env_cpu(env);
    int mmu_idx = x86_cpu_mmu_index(cs, false);
    uint8_t *hs = NULL;
    if (op == I386_MOVS) {
        hs = tlb_probe_host_plain(cs, c.src, MMU_DATA_LOAD, mmu_idx);
        if (!hs) {
            return 0;
        }
    }
    uint8_t *hd = tlb_probe_host_plain(cs, c.dst, MMU_DATA_STORE, mmu_idx);
    if (!hd) {
        return 0;
    }
    return string_chunk_run(env, op, ot, aflag, &c, hd, hs);
}
#endif

/*
 * desc extra bits: 0-1 rep (0 none, 1 REP/REPE, 2 REPNE), 2-3 address size
 * (MO_16/32/64), 4-6 the source segment (DS or an override).
 */
static void helper_string(CPUArchState *env, uint32_t desc)
{
    int op = I386_DESC_OP(desc), ot = I386_DESC_OT(desc);
    uint32_t extra = I386_DESC_EXTRA(desc);
    int rep = extra & 3, aflag = (extra >> 2) & 3, seg = (extra >> 4) & 7;
    uint64_t am = mask_of(aflag), size = 1u << ot;
    int64_t step = env->eflags & DF_MASK ? -(int64_t)size : (int64_t)size;
    /* user mode: only FS/GS have a base; system mode: every segment outside 64-bit code */
    bool flat = (env->hflags & HF_CODE64) || !(env->hflags & HF_ADDSEG);
    uint64_t src_base = (seg == R_FS || seg == R_GS || !flat) ? env->segs[seg].base : 0;
    uint64_t dst_base = flat ? 0 : env->segs[R_ES].base;
    uintptr_t ra = GETPC();
    MemOp mop = ot | MO_LE;
    bool bulk = rep && (op == I386_MOVS || op == I386_STOS) && step > 0 && aflag >= MO_32;

    for (;;) {
        if (rep && (env->regs[R_ECX] & am) == 0) {
            return;
        }
#ifdef CONFIG_USER_ONLY
        if (bulk && string_bulk_user(env, op, ot, aflag, src_base, dst_base, ra)) {
            continue;
        }
#else
        if (bulk && string_bulk_sys(env, op, ot, aflag, src_base, dst_base)) {
            continue;
        }
#endif
        uint64_t si = env->regs[R_ESI] & am, di = env->regs[R_EDI] & am;
        uint64_t src = (src_base + si) & (aflag == 3 ? ~0ull : 0xffffffffull);
        uint64_t dst = (dst_base + di) & (aflag == 3 ? ~0ull : 0xffffffffull);
        uint64_t a = 0, b = 0;
        switch (op) {
        case I386_MOVS:
            a = cpu_ld_data_ra(env, src, mop, ra);
            cpu_st_data_ra(env, dst, a, mop, ra);
            break;
        case I386_CMPS:
            a = cpu_ld_data_ra(env, src, mop, ra);
            b = cpu_ld_data_ra(env, dst, mop, ra);
            break;
        case I386_STOS:
            cpu_st_data_ra(env, dst, env->regs[R_EAX], mop, ra);
            break;
        case I386_LODS:
            a = cpu_ld_data_ra(env, src, mop, ra);
            set_reg(env, R_EAX, ot, a);
            break;
        case I386_SCAS:
            a = env->regs[R_EAX] & mask_of(ot);
            b = cpu_ld_data_ra(env, dst, mop, ra);
            break;
        }
        if (op == I386_MOVS || op == I386_CMPS || op == I386_LODS) {
            set_reg(env, R_ESI, aflag, si + step);
        }
        if (op != I386_LODS) {
            set_reg(env, R_EDI, aflag, di + step);
        }
        if (op == I386_CMPS || op == I386_SCAS) {
            env->cc_dst = (a - b) & mask_of(ot);
            env->cc_src = b;
            env->cc_op = CC_OP_SUBB + ot;
        }
        if (!rep) {
            return;
        }
        set_reg(env, R_ECX, aflag, (env->regs[R_ECX] & am) - 1);
        if (op == I386_CMPS || op == I386_SCAS) {
            bool zf = env->cc_dst == 0;
            if ((rep == 1 && !zf) || (rep == 2 && zf)) {
                return;
            }
        }
    }
}
const TCGHelperInfo i386_helper_string = INFO(helper_string, 0, T_VOID, 2, T_PTR, T_I32);

/* ---- BCD (SDM vol. 2A DAA, DAS, AAA, AAS, AAM, AAD) -------------------------------- */

static void helper_bcd(CPUArchState *env, uint32_t desc)
{
    int op = I386_DESC_OP(desc), imm = I386_DESC_EXTRA(desc) & 0xff;
    uint32_t f = cur_flags(env);
    uint32_t al = env->regs[R_EAX] & 0xff, ah = (env->regs[R_EAX] >> 8) & 0xff;
    bool cf = f & CC_C, af = f & CC_A;

    switch (op) {
    case I386_DAA:
    case I386_DAS: {
        uint32_t old_al = al;
        bool ncf = false, naf = false;
        if ((al & 0xf) > 9 || af) {
            ncf = cf || (op == I386_DAA ? al > 0xf9 : al < 6);
            al = (op == I386_DAA ? al + 6 : al - 6) & 0xff;
            naf = true;
        }
        if (old_al > 0x99 || cf) {
            al = (op == I386_DAA ? al + 0x60 : al - 0x60) & 0xff;
            ncf = true;
        }
        env->regs[R_EAX] = deposit64(env->regs[R_EAX], 0, 8, al);
        set_flags(env, szp_of(al, 0) | (ncf ? CC_C : 0) | (naf ? CC_A : 0));
        return;
    }
    case I386_AAA:
    case I386_AAS: {
        bool adj = (al & 0xf) > 9 || af;
        uint32_t ax = env->regs[R_EAX] & 0xffff;
        if (adj) {
            ax = op == I386_AAA ? ax + 0x106 : ax - 6 - 0x100;
        }
        ax &= 0xff0f;
        env->regs[R_EAX] = deposit64(env->regs[R_EAX], 0, 16, ax);
        f &= ~(CC_A | CC_C);
        set_flags(env, f | (adj ? CC_A | CC_C : 0));
        return;
    }
    case I386_AAM:
        if (imm == 0) {
            i386_raise_exception(env, EXCP00_DIVZ, GETPC());
        }
        ah = al / imm;
        al = al % imm;
        env->regs[R_EAX] = deposit64(env->regs[R_EAX], 0, 16, ah << 8 | al);
        set_flags(env, szp_of(al, 0));
        return;
    case I386_AAD:
        al = (al + ah * imm) & 0xff;
        env->regs[R_EAX] = deposit64(env->regs[R_EAX], 0, 16, al);
        set_flags(env, szp_of(al, 0));
        return;
    }
}
const TCGHelperInfo i386_helper_bcd = INFO(helper_bcd, 0, T_VOID, 2, T_PTR, T_I32);

/* ---- LOCK: atomic read-modify-write ---------------------------------------------- */

#ifdef CONFIG_USER_ONLY
/* The host address of guest [addr, addr + size) for a locked access, or a #PF. */
static void *atomic_host(CPUArchState *env, uint64_t addr, int size, uintptr_t ra)
{
    int fl = page_get_flags(addr), fl2 = page_get_flags(addr + size - 1);
    if (!(fl & PAGE_VALID) || !(fl & (PAGE_WRITE | PAGE_WRITE_ORG)) ||
        !(fl2 & PAGE_VALID) || !(fl2 & (PAGE_WRITE | PAGE_WRITE_ORG))) {
        env->fault_addr = addr;
        i386_raise_exception(env, EXCP0E_PAGE, ra);
    }
    return (void *)(guest_base + (uintptr_t)addr);
}

#define ATOMIC_OP(T, p, op, val, old) do {                                        \
    T *ptr_ = (T *)(p), v_ = (T)(val), o_ = __atomic_load_n(ptr_, __ATOMIC_RELAXED), n_; \
    do {                                                                          \
        switch (op) {                                                             \
        case I386_AT_ADD: n_ = o_ + v_; break;                                    \
        case I386_AT_OR: n_ = o_ | v_; break;                                     \
        case I386_AT_AND: n_ = o_ & v_; break;                                    \
        case I386_AT_XOR: n_ = o_ ^ v_; break;                                    \
        case I386_AT_NEG: n_ = -o_; break;                                        \
        default: n_ = v_; break;                                                  \
        }                                                                         \
    } while (!__atomic_compare_exchange_n(ptr_, &o_, n_, false, __ATOMIC_SEQ_CST, \
                                          __ATOMIC_SEQ_CST));                     \
    (old) = o_;                                                                   \
} while (0)
#endif

static uint64_t helper_atomic_rmw(CPUArchState *env, uint64_t addr, uint64_t val, uint32_t desc)
{
    int op = I386_DESC_OP(desc), ot = I386_DESC_OT(desc);
    uintptr_t ra = GETPC();
    uint64_t old;
#ifdef CONFIG_USER_ONLY
    void *p = atomic_host(env, addr, 1 << ot, ra);
    tcg_user_helper_retaddr = ra;
    switch (ot) {
    case 0: ATOMIC_OP(uint8_t, p, op, val, old); break;
    case 1: ATOMIC_OP(uint16_t, p, op, val, old); break;
    case 2: ATOMIC_OP(uint32_t, p, op, val, old); break;
    default: ATOMIC_OP(uint64_t, p, op, val, old); break;
    }
    tcg_user_helper_retaddr = 0;
#else
    /* one vCPU thread per guest in system mode so far: a plain load and store */
    uint64_t n;
    old = cpu_ld_data_ra(env, addr, ot | MO_LE, ra);
    switch (op) {
    case I386_AT_ADD: n = old + val; break;
    case I386_AT_OR: n = old | val; break;
    case I386_AT_AND: n = old & val; break;
    case I386_AT_XOR: n = old ^ val; break;
    case I386_AT_NEG: n = -old; break;
    default: n = val; break;
    }
    cpu_st_data_ra(env, addr, n, ot | MO_LE, ra);
#endif
    return old & mask_of(ot);
}
const TCGHelperInfo i386_helper_atomic_rmw =
    INFO(helper_atomic_rmw, TCG_CALL_NO_WG, T_I64, 4, T_PTR, T_I64, T_I64, T_I32);

static uint64_t helper_atomic_cmpxchg(CPUArchState *env, uint64_t addr, uint64_t cmp,
                                      uint64_t nv, uint32_t ot)
{
    uintptr_t ra = GETPC();
    uint64_t m = mask_of(ot), old;
#ifdef CONFIG_USER_ONLY
    void *p = atomic_host(env, addr, 1 << ot, ra);
    tcg_user_helper_retaddr = ra;
    switch (ot) {
    case 0: { uint8_t o = cmp; __atomic_compare_exchange_n((uint8_t *)p, &o, (uint8_t)nv, false,
                                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
              old = o; break; }
    case 1: { uint16_t o = cmp; __atomic_compare_exchange_n((uint16_t *)p, &o, (uint16_t)nv, false,
                                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
              old = o; break; }
    case 2: { uint32_t o = cmp; __atomic_compare_exchange_n((uint32_t *)p, &o, (uint32_t)nv, false,
                                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
              old = o; break; }
    default: { uint64_t o = cmp; __atomic_compare_exchange_n((uint64_t *)p, &o, nv, false,
                                                             __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
               old = o; break; }
    }
    tcg_user_helper_retaddr = 0;
#else
    old = cpu_ld_data_ra(env, addr, ot | MO_LE, ra) & m;
    /* the destination is written back unchanged on failure, as the manual says */
    cpu_st_data_ra(env, addr, old == (cmp & m) ? nv : old, ot | MO_LE, ra);
#endif
    return old & m;
}
const TCGHelperInfo i386_helper_atomic_cmpxchg =
    INFO(helper_atomic_cmpxchg, TCG_CALL_NO_WG, T_I64, 5, T_PTR, T_I64, T_I64, T_I64, T_I32);

/* CMPXCHG8B m64: EDX:EAX against memory; ZF says whether ECX:EBX was stored. */
static void helper_cmpxchg8b(CPUArchState *env, uint64_t addr, uint32_t locked)
{
    uintptr_t ra = GETPC();
    uint64_t cmp = (uint32_t)env->regs[R_EAX] | env->regs[R_EDX] << 32;
    uint64_t nv = (uint32_t)env->regs[R_EBX] | env->regs[R_ECX] << 32;
    uint64_t old;
    if (locked) {
        old = helper_atomic_cmpxchg(env, addr, cmp, nv, 3);
    } else {
        old = cpu_ld_data_ra(env, addr, MO_LEUQ, ra);
        cpu_st_data_ra(env, addr, old == cmp ? nv : old, MO_LEUQ, ra);
    }
    uint32_t f = cur_flags(env) & ~CC_Z;
    if (old == cmp) {
        f |= CC_Z;
    } else {
        env->regs[R_EAX] = (uint32_t)old;
        env->regs[R_EDX] = old >> 32;
    }
    set_flags(env, f);
}
const TCGHelperInfo i386_helper_cmpxchg8b =
    INFO(helper_cmpxchg8b, 0, T_VOID, 3, T_PTR, T_I64, T_I32);

#ifdef CONFIG_USER_ONLY
/* A 16-byte compare-and-swap on host memory, returning the old value. */
static unsigned __int128 cmpxchg128(void *p, unsigned __int128 cmp, unsigned __int128 nv)
{
#if defined(__x86_64__)
    uint64_t lo = (uint64_t)cmp, hi = (uint64_t)(cmp >> 64);
    __asm__ volatile("lock cmpxchg16b %0"
                     : "+m"(*(unsigned __int128 *)p), "+a"(lo), "+d"(hi)
                     : "b"((uint64_t)nv), "c"((uint64_t)(nv >> 64))
                     : "memory", "cc");
    return (unsigned __int128)hi << 64 | lo;
#else
    /* no 16-byte host atomic: serialise the emulated ones */
    static GMutex lock;
    unsigned __int128 old;
    g_mutex_lock(&lock);
    memcpy(&old, p, 16);
    if (old == cmp) {
        memcpy(p, &nv, 16);
    }
    g_mutex_unlock(&lock);
    return old;
#endif
}
#endif

static void helper_cmpxchg16b(CPUArchState *env, uint64_t addr, uint32_t locked)
{
    uintptr_t ra = GETPC();
    if (addr & 15) {
        i386_raise_exception(env, EXCP0D_GPF, ra);
    }
    unsigned __int128 cmp = (unsigned __int128)env->regs[R_EDX] << 64 | env->regs[R_EAX];
    unsigned __int128 nv = (unsigned __int128)env->regs[R_ECX] << 64 | env->regs[R_EBX];
    unsigned __int128 old;
#ifdef CONFIG_USER_ONLY
    if (locked) {
        void *p = atomic_host(env, addr, 16, ra);
        tcg_user_helper_retaddr = ra;
        old = cmpxchg128(p, cmp, nv);
        tcg_user_helper_retaddr = 0;
    } else
#endif
    {
        uint64_t lo = cpu_ld_data_ra(env, addr, MO_LEUQ, ra);
        uint64_t hi = cpu_ld_data_ra(env, addr + 8, MO_LEUQ, ra);
        old = (unsigned __int128)hi << 64 | lo;
        unsigned __int128 w = old == cmp ? nv : old;
        cpu_st_data_ra(env, addr, (uint64_t)w, MO_LEUQ, ra);
        cpu_st_data_ra(env, addr + 8, (uint64_t)(w >> 64), MO_LEUQ, ra);
    }
    uint32_t f = cur_flags(env) & ~CC_Z;
    if (old == cmp) {
        f |= CC_Z;
    } else {
        env->regs[R_EAX] = (uint64_t)old;
        env->regs[R_EDX] = (uint64_t)(old >> 64);
    }
    set_flags(env, f);
}
const TCGHelperInfo i386_helper_cmpxchg16b =
    INFO(helper_cmpxchg16b, 0, T_VOID, 3, T_PTR, T_I64, T_I32);

/* ---- BMI2, CRC32 ------------------------------------------------------------------ */

static uint64_t helper_pdep(uint64_t src, uint64_t mask)
{
    uint64_t r = 0;
    for (uint64_t bit = 1; mask; bit <<= 1) {
        uint64_t low = mask & -mask;
        if (src & bit) {
            r |= low;
        }
        mask &= mask - 1;
    }
    return r;
}
const TCGHelperInfo i386_helper_pdep = INFO(helper_pdep, TCG_CALL_PURE, T_I64, 2, T_I64, T_I64);

static uint64_t helper_pext(uint64_t src, uint64_t mask)
{
    uint64_t r = 0, bit = 1;
    while (mask) {
        uint64_t low = mask & -mask;
        if (src & low) {
            r |= bit;
        }
        bit <<= 1;
        mask &= mask - 1;
    }
    return r;
}
const TCGHelperInfo i386_helper_pext = INFO(helper_pext, TCG_CALL_PURE, T_I64, 2, T_I64, T_I64);

/* CRC-32C (Castagnoli, reflected polynomial 0x82f63b78) of the low `bits` of value. */
static uint64_t helper_crc32(uint64_t crc, uint64_t value, uint32_t bits)
{
    uint32_t c = crc;
    for (uint32_t i = 0; i < bits; i++) {
        uint32_t b = (c ^ (value >> i)) & 1;
        c = (c >> 1) ^ (b ? 0x82f63b78u : 0);
    }
    return c;
}
const TCGHelperInfo i386_helper_crc32 =
    INFO(helper_crc32, TCG_CALL_PURE, T_I64, 3, T_I64, T_I64, T_I32);

/* A trap: eip already points after the instruction (INT n, INT3, SYSCALL). */
static void helper_raise_trap(CPUArchState *env, uint32_t vector)
{
    CPUState *cs = env_cpu(env);
    cs->exception_index = X86_EXCP_BASE + vector;
    cpu_loop_exit(cs);
}
const TCGHelperInfo i386_helper_raise_trap =
    INFO(helper_raise_trap, TCG_CALL_NO_WG, T_VOID, 2, T_PTR, T_I32);

static void helper_ldmxcsr(CPUArchState *env, uint32_t v)
{
    if (v & 0xffff0000u) {
        i386_raise_exception(env, EXCP0D_GPF, GETPC());
    }
    i386_set_mxcsr(env, v);
}
const TCGHelperInfo i386_helper_ldmxcsr = INFO(helper_ldmxcsr, 0, T_VOID, 2, T_PTR, T_I32);

static uint32_t helper_stmxcsr(CPUArchState *env)
{
    return i386_get_mxcsr(env);
}
const TCGHelperInfo i386_helper_stmxcsr = INFO(helper_stmxcsr, 0, T_I32, 1, T_PTR);

/*
 * MOV Sreg / POP Sreg: the checks of SDM vol. 2B MOV (seg_helper.c's
 * x86_load_seg, the same in both modes: user mode reads the kernel's GDT
 * and the modify_ldt LDT, raising #GP/#NP/#SS with the selector as the
 * error code that the signal frame reports).
 */
static void helper_load_seg(CPUArchState *env, uint32_t seg, uint64_t selector)
{
    x86_helper_load_seg(env, seg, selector, GETPC());
}
const TCGHelperInfo i386_helper_load_seg =
    INFO(helper_load_seg, 0, T_VOID, 3, T_PTR, T_I32, T_I64);
