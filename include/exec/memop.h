/*
 * memop.h — how a guest memory access is shaped: its size, signedness,
 * byte order and alignment requirement, packed in one small integer that
 * travels on qemu_ld/qemu_st IR ops, through the back ends and into the
 * slow-path helpers.
 *
 * Legend of the composite names:  MO_ <endianness> <sign> <size>
 *   endianness  LE / BE / (none: host order)     sign  U / S
 *   size        B = 8, W = 16, L = 32, Q = 64, O = 128 bits
 * so MO_BESW is a big-endian sign-extended 16-bit access.
 *
 * A MemOpIdx adds the MMU index (the guest privilege/translation regime,
 * target-defined, 0..15) to the MemOp:  oi = memop << 4 | mmu_idx.
 */
#ifndef EXEC_MEMOP_H
#define EXEC_MEMOP_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum MemOp {
    /* log2 of the access size in bytes */
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_128 = 4,
    MO_SIZE = 7,

    /* sign-extend the loaded value to the destination width */
    MO_SIGN = 1 << 3,

    /* the access is in the byte order opposite to the host's */
    MO_BSWAP = 1 << 4,
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    MO_LE = 0,
    MO_BE = MO_BSWAP,
#else
    MO_LE = MO_BSWAP,
    MO_BE = 0,
#endif

    /*
     * Alignment requirement, a 3-bit field: 0 = none (unaligned is fine),
     * 1..6 = the address must be a multiple of 2^n bytes, 7 = natural
     * alignment (a multiple of the access size).  A misaligned access
     * raises the target's alignment fault through tcg_helper_unaligned().
     */
    MO_ASHIFT = 5,
    MO_AMASK = 7 << MO_ASHIFT,
    MO_UNALN = 0,
    MO_ALIGN_2 = 1 << MO_ASHIFT,
    MO_ALIGN_4 = 2 << MO_ASHIFT,
    MO_ALIGN_8 = 3 << MO_ASHIFT,
    MO_ALIGN_16 = 4 << MO_ASHIFT,
    MO_ALIGN_32 = 5 << MO_ASHIFT,
    MO_ALIGN_64 = 6 << MO_ASHIFT,
    MO_ALIGN = 7 << MO_ASHIFT,

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_UO = MO_128,
    MO_SB = MO_SIGN | MO_8,
    MO_SW = MO_SIGN | MO_16,
    MO_SL = MO_SIGN | MO_32,

    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_LEUO = MO_LE | MO_UO,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,
    MO_BEUO = MO_BE | MO_UO,

    /* the bits a valid MemOp may have */
    MO_VALID_MASK = MO_SIZE | MO_SIGN | MO_BSWAP | MO_AMASK,
} MemOp;

/* Size of the access in bytes. */
static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* log2 of the alignment the address must have (0: any address is fine). */
static inline unsigned memop_alignment_bits(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;
    return a == 7 ? (op & MO_SIZE) : a;
}

/* A MemOp and an MMU index, as carried by qemu_ld/qemu_st. */
typedef uint32_t MemOpIdx;

#define MEMOP_IDX_MMU_BITS 4

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    assert(mmu_idx < (1u << MEMOP_IDX_MMU_BITS));
    assert((op & ~MO_VALID_MASK) == 0);
    return ((MemOpIdx)op << MEMOP_IDX_MMU_BITS) | mmu_idx;
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> MEMOP_IDX_MMU_BITS);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & ((1u << MEMOP_IDX_MMU_BITS) - 1);
}

#endif
