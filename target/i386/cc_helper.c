/*
 * cc_helper.c — the lazy condition codes: the six arithmetic flags computed
 * from the last flag-setting operation (cpu.h: CCOp) when something needs
 * them, and EFLAGS as a whole.
 *
 * What each kind keeps (W = the operation's width; results truncated to W):
 *   EFLAGS       src = the flags themselves
 *   ADD          dst = result, src = second operand            (first = dst - src)
 *   ADC          dst = result, src = second operand, src2 = carry in
 *   SUB          dst = result, src = second operand            (first = dst + src)
 *   SBB          dst = result, src = second operand, src2 = borrow in
 *   LOGIC        dst = result                                  (CF = OF = 0)
 *   INC/DEC      dst = result, src = CF before (INC/DEC keep CF)
 *   SHL          dst = result, src = operand << (count - 1)    (CF = top bit of src)
 *   SHR/SAR      dst = result, src = operand >> (count - 1)    (CF = bit 0 of src)
 *   MUL          dst = low result, src = non-zero when the high half is significant
 * AF of ADD/SUB is bit 4 of first ^ second ^ result.  Flags the manual leaves
 * undefined get what Intel hardware commonly gives where that is cheap
 * (e.g. SZP of the result after MUL, AF = 0 after logic ops and shifts) —
 * the differential test masks them anyway.
 */
#include "cpu.h"


static inline uint64_t width_mask(int size)
{
    return size == 3 ? ~0ull : (1ull << (8 << size)) - 1;
}

static inline uint64_t sign_bit(int size)
{
    return 1ull << ((8 << size) - 1);
}

/* ZF, SF and PF of a result of the given size. */
static inline uint32_t szp(uint64_t dst, int size)
{
    dst &= width_mask(size);
    return (dst == 0 ? CC_Z : 0) | (dst & sign_bit(size) ? CC_S : 0) | (__builtin_parity(dst & 0xff) ? 0 : CC_P);
}

uint32_t i386_cc_compute_all(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2)
{
    if (cc_op == CC_OP_EFLAGS) {
        return src & CC_ALL;
    }
    int size = (cc_op - CC_OP_ADDB) & 3;
    uint64_t m = width_mask(size), sb = sign_bit(size);
    uint64_t a, r = dst & m, b = src & m;
    uint32_t f = szp(dst, size);

    switch ((cc_op - CC_OP_ADDB) & ~3) {
    case CC_OP_ADDB - CC_OP_ADDB:
        a = (r - b) & m;
        f |= r < a ? CC_C : 0;
        f |= ((a ^ r) & (b ^ r) & sb) ? CC_O : 0;
        f |= (a ^ b ^ r) & CC_A;
        return f;
    case CC_OP_ADCB - CC_OP_ADDB:
        a = (r - b - (src2 & 1)) & m;
        f |= (src2 & 1) ? (r <= a ? CC_C : 0) : (r < a ? CC_C : 0);
        f |= ((a ^ r) & (b ^ r) & sb) ? CC_O : 0;
        f |= (a ^ b ^ r) & CC_A;
        return f;
    case CC_OP_SUBB - CC_OP_ADDB:
        a = (r + b) & m;
        f |= a < b ? CC_C : 0;
        f |= ((a ^ b) & (a ^ r) & sb) ? CC_O : 0;
        f |= (a ^ b ^ r) & CC_A;
        return f;
    case CC_OP_SBBB - CC_OP_ADDB:
        a = (r + b + (src2 & 1)) & m;
        f |= (src2 & 1) ? (a <= b ? CC_C : 0) : (a < b ? CC_C : 0);
        f |= ((a ^ b) & (a ^ r) & sb) ? CC_O : 0;
        f |= (a ^ b ^ r) & CC_A;
        return f;
    case CC_OP_LOGICB - CC_OP_ADDB:
        return f;
    case CC_OP_INCB - CC_OP_ADDB:
        a = (r - 1) & m;
        f |= (src & 1) ? CC_C : 0;
        f |= r == sb ? CC_O : 0;
        f |= (a ^ 1 ^ r) & CC_A;
        return f;
    case CC_OP_DECB - CC_OP_ADDB:
        a = (r + 1) & m;
        f |= (src & 1) ? CC_C : 0;
        f |= r == sb - 1 ? CC_O : 0;
        f |= (a ^ 1 ^ r) & CC_A;
        return f;
    case CC_OP_SHLB - CC_OP_ADDB:
        f |= (b & sb) ? CC_C : 0;
        /* OF (count 1) = CF xor the result's top bit */
        f |= (!!(b & sb) ^ !!(r & sb)) ? CC_O : 0;
        return f;
    case CC_OP_SHRB - CC_OP_ADDB:
        f |= (b & 1) ? CC_C : 0;
        /* OF (count 1) = the operand's top bit; src = operand when count is 1 */
        f |= ((r ^ b) & sb) ? CC_O : 0;
        return f;
    case CC_OP_SARB - CC_OP_ADDB:
        f |= (b & 1) ? CC_C : 0;
        return f;
    case CC_OP_MULB - CC_OP_ADDB:
        f |= src ? CC_C | CC_O : 0;
        return f;
    }
    return 0;
}

uint32_t i386_cc_compute_c(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2)
{
    return i386_cc_compute_all(cc_op, dst, src, src2) & CC_C;
}

uint64_t i386_get_eflags(CPUArchState *env)
{
    return env->eflags | i386_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src,
                                             env->cc_src2) | 2;
}

void i386_set_eflags(CPUArchState *env, uint64_t value, uint64_t mask)
{
    uint32_t cc = i386_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src, env->cc_src2);
    cc = (cc & ~mask) | (value & mask & CC_ALL);
    env->cc_src = cc;
    env->cc_op = CC_OP_EFLAGS;
    env->eflags = (env->eflags & ~(mask & ~(uint64_t)CC_ALL)) | (value & mask & ~(uint64_t)CC_ALL);
    env->eflags &= ~(uint64_t)CC_ALL;
    env->eflags |= 2;
}
