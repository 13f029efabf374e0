/*
 * x86-ldst.c — guest memory access (qemu_ld / qemu_st) on x86-64.
 *
 * User mode (TCGContext.softmmu false): the host address is guest_base +
 * the guest address, zero-extended from 32 bits for 32-bit guests.
 * guest_base is folded into the displacement when it fits 32 bits (the
 * usual case, and none at all when it is 0), else it comes from r13, which
 * the prologue loads from the variable at every entry.  Byte-swapped
 * accesses use MOVBE when the host has it, else a load + BSWAP (or ROL for
 * 16 bits), or a swap of the value register around the store.  A required
 * alignment is tested inline; a misaligned address calls
 * tcg_helper_unaligned(), which does not return.
 *
 * System mode: every access calls tcg_helper_ld/st (tcg-ldst.h) with the
 * return address inside this TB as retaddr.  The inline soft-TLB compare
 * comes with accel/tcg, which defines the TLB layout.  The register
 * allocator has emptied the call-clobbered registers before the op (the op
 * is TCG_OPF_CALL_CLOBBER), so the argument set-up only has to read the
 * operands before overwriting their registers.
 */
#include "x86-internal.h"
#include "tcg/tcg-ldst.h"

#include <assert.h>

/* lea reg, [rip + d] with d patched by end_retaddr() to point after the next call. */
static uint8_t *begin_retaddr(int reg)
{
    x86_put8(0x48 | (reg & 8 ? 4 : 0));
    x86_put8(0x8d);
    x86_put8(0x05 | (reg & 7) << 3);
    x86_put32(0);
    return x86_code.ptr;
}

static void end_retaddr(uint8_t *lea_end)
{
    int32_t d = x86_code.ptr - lea_end;
    for (int i = 0; i < 4; i++) {
        lea_end[i - 4] = d >> (8 * i);
    }
}

/* rdi = env, rsi = addr: the first two arguments of every slow path. */
static void load_env_addr(int addr, int abits)
{
    x86_mov_rr(abits == 32 ? TCG_TYPE_I32 : TCG_TYPE_I64, X86_RSI, addr);
    x86_mov_rr(TCG_TYPE_I64, X86_RDI, X86_ENV);
}

/* User mode: raise the alignment fault when addr misses the MemOp's alignment. */
static void check_alignment(MemOpIdx oi, int addr, int abits)
{
    unsigned a = memop_alignment_bits(get_memop(oi));
    if (!a) {
        return;
    }
    x86_rr(0xf7, 0, addr);                          /* test addr32, mask */
    x86_put32((1u << a) - 1);
    uint8_t *ok = x86_jmp_short(X86_CC_E);
    load_env_addr(addr, abits);
    x86_movi(TCG_TYPE_I32, X86_RDX, oi);
    uint8_t *lea_end = begin_retaddr(X86_RCX);
    x86_call((const void *)tcg_helper_unaligned);
    end_retaddr(lea_end);
    x86_patch_short(ok);
}

typedef struct HostAddr {
    int base, index;
    intptr_t disp;
} HostAddr;

/* The host address of guest address register addr; avoid: a register it must not use. */
static HostAddr host_addr(int addr, int abits, int avoid)
{
    HostAddr h = { .index = -1 };
    int idx = addr;

    if (abits == 32 || addr == avoid) {
        x86_mov_rr(abits == 32 ? TCG_TYPE_I32 : TCG_TYPE_I64, X86_TMP, addr);
        idx = X86_TMP;
    }
    if (guest_base == 0) {
        h.base = idx;
    } else if (x86_fits_s32(guest_base)) {
        h.base = idx;
        h.disp = guest_base;
    } else {
        h.base = X86_GUEST_BASE;
        h.index = idx;
    }
    return h;
}

void x86_emit_qemu_ld(TCGContext *s, const TCGOp *op, const TCGArg *args)
{
    TCGType type = op->type;
    int out = args[0], addr = args[1];
    MemOpIdx oi = tcg_op_carg(op, 0);
    int abits = tcg_op_carg(op, 1);
    MemOp mop = get_memop(oi);
    X86Opc w = x86_w(type);
    bool sign = mop & MO_SIGN, swap = mop & MO_BSWAP;

    if (s->softmmu) {
        load_env_addr(addr, abits);
        x86_movi(TCG_TYPE_I32, X86_RDX, oi);
        uint8_t *lea_end = begin_retaddr(X86_RCX);
        x86_call((const void *)tcg_helper_ld);
        end_retaddr(lea_end);
        x86_mov_rr(type, out, X86_RAX);
        return;
    }

    check_alignment(oi, addr, abits);
    HostAddr h = host_addr(addr, abits, -1);
    switch (mop & MO_SIZE) {
    case MO_8:
        x86_rm((sign ? 0xbe | w : 0xb6) | X86_0F, out, h.base, h.index, h.disp);
        break;
    case MO_16:
        if (!swap) {
            x86_rm((sign ? 0xbf | w : 0xb7) | X86_0F, out, h.base, h.index, h.disp);
            break;
        }
        if (x86_have.movbe) {
            x86_rm(0xf0 | X86_0F38 | X86_66, out, h.base, h.index, h.disp);
        } else {
            x86_rm(0xb7 | X86_0F, out, h.base, h.index, h.disp);
            x86_rr(0xc1 | X86_66, X86_ROL, out);
            x86_put8(8);
        }
        x86_rr((sign ? 0xbf | w : 0xb7) | X86_0F, out, out);
        break;
    case MO_32:
        if (swap && x86_have.movbe) {
            x86_rm(0xf0 | X86_0F38, out, h.base, h.index, h.disp);
        } else if (sign && !swap) {
            x86_rm(0x63 | X86_W, out, h.base, h.index, h.disp);
            break;
        } else {
            x86_rm(0x8b, out, h.base, h.index, h.disp);
            if (swap) {
                if (out & 8) {
                    x86_put8(0x41);
                }
                x86_put8(0x0f);
                x86_put8(0xc8 + (out & 7));
            }
        }
        if (sign && type == TCG_TYPE_I64) {
            x86_rr(0x63 | X86_W, out, out);
        }
        break;
    default:
        if (swap && x86_have.movbe) {
            x86_rm(0xf0 | X86_0F38 | X86_W, out, h.base, h.index, h.disp);
        } else {
            x86_rm(0x8b | X86_W, out, h.base, h.index, h.disp);
            if (swap) {
                x86_put8(0x48 | (out & 8 ? 1 : 0));
                x86_put8(0x0f);
                x86_put8(0xc8 + (out & 7));
            }
        }
        break;
    }
}

/* Swap the low 2/4/8 bytes of r in place. */
static void swap_in_place(unsigned size, int r)
{
    if (size == MO_16) {
        x86_rr(0xc1 | X86_66, X86_ROL, r);
        x86_put8(8);
        return;
    }
    x86_put8((size == MO_64 ? 0x48 : 0x40) | (r & 8 ? 1 : 0));
    x86_put8(0x0f);
    x86_put8(0xc8 + (r & 7));
}

/* push / pop r: keep a value across an in-place swap (a 32-bit bswap clears the high half) */
static void push_pop(int r, bool push)
{
    if (r & 8) {
        x86_put8(0x41);
    }
    x86_put8((push ? 0x50 : 0x58) + (r & 7));
}

void x86_emit_qemu_st(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args)
{
    int val = args[0], addr = args[1];
    MemOpIdx oi = tcg_op_carg(op, 0);
    int abits = tcg_op_carg(op, 1);
    MemOp mop = get_memop(oi);
    unsigned size = mop & MO_SIZE;
    bool swap = mop & MO_BSWAP;

    if (s->softmmu) {
        x86_mov_rr(TCG_TYPE_I64, X86_TMP, val);
        load_env_addr(addr, abits);
        x86_mov_rr(TCG_TYPE_I64, X86_RDX, X86_TMP);
        x86_movi(TCG_TYPE_I32, X86_RCX, oi);
        uint8_t *lea_end = begin_retaddr(X86_R8);
        x86_call((const void *)tcg_helper_st);
        end_retaddr(lea_end);
        return;
    }

    check_alignment(oi, addr, abits);
    bool in_place = swap && size != MO_8 && !x86_have.movbe;
    HostAddr h = host_addr(addr, abits, in_place ? val : -1);
    X86Opc pfx = size == MO_16 ? X86_66 : size == MO_64 ? X86_W : 0;

    if (size == MO_8) {
        x86_rm(0x88 | X86_B8, val, h.base, h.index, h.disp);
    } else if (swap && x86_have.movbe) {
        x86_rm(0xf1 | X86_0F38 | pfx, val, h.base, h.index, h.disp);
    } else {
        if (in_place) {
            push_pop(val, true);
            swap_in_place(size, val);
        }
        x86_rm(0x89 | pfx, val, h.base, h.index, h.disp);
        if (in_place) {
            push_pop(val, false);
        }
    }
}
