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
 * System mode with a soft TLB below env (TCGContext.tlb_page_bits != 0):
 * the fast path is inline,
 *
 *     t1 = ((addr >> (page_bits - 5)) & tlb[mmu].mask) + tlb[mmu].table   entry
 *     test addr, align_mask; jnz slow                    (MemOp alignment)
 *     t2 = (addr + size - 1) & page_mask                 (last byte's page:
 *     cmp t2, t1->addr_read / addr_write; jne slow        a crossing misses)
 *     t2 = addr + t1->addend; access [t2]
 *   done:
 *
 * Any TLB_* flag in the entry's low bits makes the compare miss (t2 has
 * none: alignment is tested on its own so it cannot alias a flag bit).  The
 * slow path is out of line, after the TB's code (x86_emit_slow_paths): it
 * calls tcg_helper_ld/st with retaddr = done, an address inside the guest
 * instruction's code, and jumps back to done.  Without a TLB (tcg unit
 * tests) every access calls the helper inline.
 *
 * The allocator has emptied the call-clobbered registers before the op
 * (the op is TCG_OPF_CALL_CLOBBER in system mode), so the fast path may use
 * r11 and any call-clobbered register that holds no operand, and the slow
 * path only has to read the operands before overwriting their registers.
 */
#include "x86-internal.h"
#include "hw/core/cpu.h"
#include "tcg/tcg-ldst.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

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

    /* a 32-bit address is an I32 value: its register's high half is already clear */
    if (addr == avoid) {
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

/* ---- system mode: the inline TLB lookup ----------------------------------------- */

/* Jcc rel32 with the field left for x86_emit_slow_paths: returns its offset. */
static uint32_t jcc_to_slow(int cc)
{
    x86_put8(0x0f);
    x86_put8(0x80 + cc);
    x86_put32(0);
    return x86_code.ptr - x86_code.start - 4;
}

/* A call-clobbered register other than r11 and the operands a and b. */
static int scratch_reg(int a, int b)
{
    static const int8_t order[] = { X86_RAX, X86_RDX, X86_RCX, X86_RSI, X86_RDI,
                                    X86_R8, X86_R9, X86_R10 };
    for (size_t i = 0; i < sizeof(order); i++) {
        if (order[i] != a && order[i] != b) {
            return order[i];
        }
    }
    abort();
}

/* Start a slow-path record for the access being emitted; jumps filled in later. */
static struct X86SlowPath *slow_path_new(void)
{
    X86Code *c = &x86_code;
    if (c->nb_slow == c->max_slow) {
        c->max_slow = c->max_slow ? 2 * c->max_slow : 32;
        c->slow = realloc(c->slow, c->max_slow * sizeof(*c->slow));
        assert(c->slow);
    }
    struct X86SlowPath *sp = &c->slow[c->nb_slow++];
    memset(sp, 0, sizeof(*sp));
    return sp;
}

/*
 * Emit the TLB lookup of addr for a load (is_st false) or store of val:
 * on a hit, *host is a register with the host address; a miss jumps to the
 * slow path recorded here.  *entry gets the register of the TLB entry.
 */
static void tlb_fast_path(TCGContext *s, MemOpIdx oi, int abits, bool is_st, int addr,
                          int val, int *entry, int *host)
{
    MemOp mop = get_memop(oi);
    unsigned mmu = get_mmuidx(oi);
    unsigned a_bits = memop_alignment_bits(mop);
    unsigned size = memop_size(mop);
    TCGType atype = abits == 32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
    int t1 = X86_TMP, t2 = scratch_reg(addr, val);
    struct X86SlowPath *sp = slow_path_new();
    int j = 0;

    *entry = t1;
    *host = t2;
    x86_mov_rr(atype, t1, addr);
    x86_shift_ri(TCG_TYPE_I64, X86_SHR, t1, s->tlb_page_bits - CPU_TLB_ENTRY_BITS);
    x86_rm(0x23 | X86_W, t1, X86_ENV, -1, NEG_OFFSET(tlb[mmu].mask));    /* and */
    x86_rm(0x03 | X86_W, t1, X86_ENV, -1, NEG_OFFSET(tlb[mmu].table));   /* add */
    if (a_bits) {
        x86_rr(0xf7, 0, addr);                          /* test addr32, align_mask */
        x86_put32((1u << a_bits) - 1);
        sp->jumps[j++] = jcc_to_slow(X86_CC_NE);
    }
    /* the page of the last byte: a page-crossing access misses */
    if (a_bits >= (mop & MO_SIZE)) {
        x86_mov_rr(atype, t2, addr);
    } else if (abits == 32) {
        x86_mov_rr(atype, t2, addr);
        x86_rm(0x8d | X86_W, t2, t2, -1, size - 1);   /* lea t2, [t2 + size - 1] */
    } else {
        x86_rm(0x8d | X86_W, t2, addr, -1, size - 1); /* lea t2, [addr + size - 1] */
    }
    x86_alu_ri(TCG_TYPE_I64, X86_AND, t2, (int64_t)(~(((uint64_t)1 << s->tlb_page_bits) - 1)));
    x86_rm(0x3b | X86_W, t2, t1, -1,                  /* cmp t2, entry.addr_<kind> */
           is_st ? offsetof(CPUTLBEntry, addr_write) : offsetof(CPUTLBEntry, addr_read));
    sp->jumps[j++] = jcc_to_slow(X86_CC_NE);
    x86_mov_rr(atype, t2, addr);
    x86_rm(0x03 | X86_W, t2, t1, -1, offsetof(CPUTLBEntry, addend));
}

/* After the inline access: complete the record made by tlb_fast_path(). */
static void slow_path_finish(bool is_st, TCGType type, MemOpIdx oi, int abits, int addr,
                             int val)
{
    struct X86SlowPath *sp = &x86_code.slow[x86_code.nb_slow - 1];
    sp->is_st = is_st;
    sp->type = type;
    sp->oi = oi;
    sp->abits = abits;
    sp->addr = addr;
    sp->val = val;
    sp->done = x86_code.ptr - x86_code.start;
}

/* out = the value at host address h, extended as mop says. */
static void emit_ld_access(TCGType type, MemOp mop, int out, HostAddr h)
{
    X86Opc w = x86_w(type);
    bool sign = mop & MO_SIGN, swap = mop & MO_BSWAP;

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

void x86_emit_qemu_ld(TCGContext *s, const TCGOp *op, const TCGArg *args)
{
    TCGType type = op->type;
    int out = args[0], addr = args[1];
    MemOpIdx oi = tcg_op_carg(op, 0);
    int abits = tcg_op_carg(op, 1);

    if (s->softmmu && s->tlb_page_bits) {
        int entry, host;
        tlb_fast_path(s, oi, abits, false, addr, -1, &entry, &host);
        emit_ld_access(type, get_memop(oi), out, (HostAddr){ .base = host, .index = -1 });
        slow_path_finish(false, type, oi, abits, addr, out);
        return;
    }
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
    emit_ld_access(type, get_memop(oi), out, host_addr(addr, abits, -1));
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

/* Store the low bytes of val at host address h as mop says (val keeps its value). */
static void emit_st_access(MemOp mop, int val, HostAddr h)
{
    unsigned size = mop & MO_SIZE;
    bool swap = mop & MO_BSWAP;
    bool in_place = swap && size != MO_8 && !x86_have.movbe;
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

void x86_emit_qemu_st(TCGContext *s, const TCGOp *op, const TCGArg *args, const int *const_args)
{
    int val = args[0], addr = args[1];
    MemOpIdx oi = tcg_op_carg(op, 0);
    int abits = tcg_op_carg(op, 1);
    MemOp mop = get_memop(oi);

    if (s->softmmu && s->tlb_page_bits) {
        int entry, host;
        tlb_fast_path(s, oi, abits, true, addr, val, &entry, &host);
        emit_st_access(mop, val, (HostAddr){ .base = host, .index = -1 });
        slow_path_finish(true, TCG_TYPE_I64, oi, abits, addr, val);
        return;
    }
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
    bool in_place = (mop & MO_BSWAP) && (mop & MO_SIZE) != MO_8 && !x86_have.movbe;
    emit_st_access(mop, val, host_addr(addr, abits, in_place ? val : -1));
}

/* ---- system mode: the out-of-line slow paths ----------------------------------- */

/* The most bytes one slow path takes (movs, movi, lea, call via r11, mov, jmp). */
#define SLOW_PATH_MAX 64

bool x86_emit_slow_paths(const uint8_t *end)
{
    X86Code *c = &x86_code;

    if (c->nb_slow > (end - c->ptr) / SLOW_PATH_MAX) {
        return false;
    }
    for (int i = 0; i < c->nb_slow; i++) {
        const struct X86SlowPath *sp = &c->slow[i];
        uint32_t here = c->ptr - c->start;
        for (int j = 0; j < 2; j++) {
            if (sp->jumps[j]) {
                int32_t d = (int32_t)(here - (sp->jumps[j] + 4));
                memcpy(c->start + sp->jumps[j], &d, 4);
            }
        }
        int ra_reg = sp->is_st ? X86_R8 : X86_RCX;
        if (sp->is_st) {
            x86_mov_rr(TCG_TYPE_I64, X86_TMP, sp->val);
        }
        load_env_addr(sp->addr, sp->abits);
        if (sp->is_st) {
            x86_mov_rr(TCG_TYPE_I64, X86_RDX, X86_TMP);
            x86_movi(TCG_TYPE_I32, X86_RCX, sp->oi);
        } else {
            x86_movi(TCG_TYPE_I32, X86_RDX, sp->oi);
        }
        /* retaddr = done: inside the guest instruction's code, unlike this path */
        uint8_t *lea_end = begin_retaddr(ra_reg);
        int32_t d = (int32_t)((int64_t)sp->done - (lea_end - c->start));
        memcpy(lea_end - 4, &d, 4);
        x86_call(sp->is_st ? (const void *)tcg_helper_st : (const void *)tcg_helper_ld);
        if (!sp->is_st) {
            x86_mov_rr(sp->type, sp->val, X86_RAX);
        }
        x86_put8(0xe9);                               /* jmp done */
        x86_put32((uint32_t)(sp->done - (c->ptr + 4 - c->start)));
        assert(c->ptr - c->start - here <= SLOW_PATH_MAX);
    }
    c->nb_slow = 0;
    return true;
}
