/*
 * tci-exec.c — the bytecode interpreter (see tci.h for the format).
 *
 * tci_exec(env, code) runs from code until an exit_tb (or a goto_ptr to
 * NULL) and returns its value, following goto_tb chains and goto_ptr jumps
 * between TBs on the way without returning to the caller.  The value
 * semantics of every pure op come from tcg-eval.h; this file adds memory,
 * calls and control flow.
 *
 * Helpers called from here that need the guest state of the current
 * instruction (to raise a precise exception) read tcg_tci_retaddr: the end
 * of the current bytecode instruction, which tb_insn_data() understands.
 */
#include "tci.h"
#include "tcg/tcg-backend.h"
#include "tcg/tcg-ldst.h"
#include "tcg-eval.h"

#include <assert.h>

typedef struct TCIState {
    uint8_t *base[3];              /* frame, env, current instruction */
} TCIState;

static inline uint64_t rd(const TCIState *st, uint32_t ref)
{
    const uint8_t *p = st->base[ref & 3] + (ref >> TCI_REF_SHIFT);
    if (ref & TCI_REF_64) {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void wr(const TCIState *st, uint32_t ref, uint64_t v)
{
    uint8_t *p = st->base[ref & 3] + (ref >> TCI_REF_SHIFT);
    if (ref & TCI_REF_64) {
        memcpy(p, &v, 8);
    } else {
        uint32_t v32 = v;
        memcpy(p, &v32, 4);
    }
}

static uint64_t host_load(const void *p, unsigned size)
{
    switch (size) {
    case 1: {
        uint8_t v;
        memcpy(&v, p, 1);
        return v;
    }
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    }
}

static void host_store(void *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: {
        uint8_t x = v;
        memcpy(p, &x, 1);
        break;
    }
    case 2: {
        uint16_t x = v;
        memcpy(p, &x, 2);
        break;
    }
    case 4: {
        uint32_t x = v;
        memcpy(p, &x, 4);
        break;
    }
    default:
        memcpy(p, &v, 8);
        break;
    }
}

/* Byte-swap and extend a raw loaded value as the MemOp says. */
static uint64_t memop_finish_load(MemOp mop, uint64_t v)
{
    switch (mop & MO_SIZE) {
    case MO_8:
        return mop & MO_SIGN ? (uint64_t)(int8_t)v : v;
    case MO_16:
        v = mop & MO_BSWAP ? bswap16(v) : v;
        return mop & MO_SIGN ? (uint64_t)(int16_t)v : v;
    case MO_32:
        v = mop & MO_BSWAP ? bswap32(v) : v;
        return mop & MO_SIGN ? (uint64_t)(int32_t)v : v;
    default:
        return mop & MO_BSWAP ? bswap64(v) : v;
    }
}

static uint64_t memop_prepare_store(MemOp mop, uint64_t v)
{
    if (!(mop & MO_BSWAP)) {
        return v;
    }
    switch (mop & MO_SIZE) {
    case MO_16:
        return bswap16(v);
    case MO_32:
        return bswap32(v);
    case MO_64:
        return bswap64(v);
    default:
        return v;
    }
}

typedef uint64_t (*TCIHelper0)(void);
typedef uint64_t (*TCIHelper1)(uint64_t);
typedef uint64_t (*TCIHelper2)(uint64_t, uint64_t);
typedef uint64_t (*TCIHelper3)(uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper4)(uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper5)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper6)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper7)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                               uint64_t);

/*
 * Call a helper with integer arguments widened to 64 bits.  This relies on
 * the host ABI passing integer arguments of up to 64 bits in 64-bit
 * registers or slots (true of the 64-bit hosts emu supports); a 32-bit
 * return value is taken from the low half.
 */
static uint64_t tci_call(void *func, unsigned n, const uint64_t *a)
{
    switch (n) {
    case 0:
        return ((TCIHelper0)func)();
    case 1:
        return ((TCIHelper1)func)(a[0]);
    case 2:
        return ((TCIHelper2)func)(a[0], a[1]);
    case 3:
        return ((TCIHelper3)func)(a[0], a[1], a[2]);
    case 4:
        return ((TCIHelper4)func)(a[0], a[1], a[2], a[3]);
    case 5:
        return ((TCIHelper5)func)(a[0], a[1], a[2], a[3], a[4]);
    case 6:
        return ((TCIHelper6)func)(a[0], a[1], a[2], a[3], a[4], a[5]);
    default:
        return ((TCIHelper7)func)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }
}

uintptr_t tci_exec(CPUArchState *env, const void *code)
{
    uint64_t frame[TCG_MAX_TEMPS];
    TCIState st = { .base = { (uint8_t *)frame, (uint8_t *)env, NULL } };
    const uint32_t *pc = code;

    frame[0] = (uintptr_t)env;
    for (;;) {
        uint32_t h = pc[0];
        unsigned opc = h & 0xff;
        TCGType type = (h >> 8) & 0xff;
        unsigned len = h >> 16;
        const uint32_t *a = pc + 1;

        st.base[TCI_BASE_INSN] = (uint8_t *)pc;
        switch (opc) {
        case TCI_OP_NOP:
            break;
        case INDEX_op_br:
            pc += (int32_t)a[0];
            continue;
        case INDEX_op_brcond:
            if (tcg_cond_eval(a[2], type, rd(&st, a[0]), rd(&st, a[1]))) {
                pc += (int32_t)a[3];
                continue;
            }
            break;
        case INDEX_op_exit_tb:
            return tci_get64(pc + len - 2);
        case INDEX_op_goto_tb:
            pc = (const uint32_t *)(uintptr_t)__atomic_load_n((const uint64_t *)a,
                                                              __ATOMIC_ACQUIRE);
            continue;
        case INDEX_op_goto_ptr: {
            uint64_t target = rd(&st, a[0]);
            if (!target) {
                return 0;
            }
            pc = (const uint32_t *)(uintptr_t)target;
            continue;
        }
        case INDEX_op_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case INDEX_op_call: {
            unsigned no = (a[0] >> 8) & 0xff, ni = a[0] & 0xff;
            unsigned fn = 2 + no + ni;   /* word index of the function pointer */
            uint64_t args[TCG_MAX_CALL_ARGS];
            for (unsigned i = 0; i < ni; i++) {
                args[i] = rd(&st, a[1 + no + i]);
            }
            fn += fn & 1;
            tcg_tci_retaddr = (uintptr_t)(pc + len);
            uint64_t r = tci_call((void *)(uintptr_t)tci_get64(pc + fn), ni, args);
            if (no) {
                wr(&st, a[1], r);
            }
            break;
        }
        case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u: case INDEX_op_ld16s:
        case INDEX_op_ld32u: case INDEX_op_ld32s: case INDEX_op_ld: {
            const uint8_t *p = (const uint8_t *)(uintptr_t)rd(&st, a[1]) + (int32_t)a[2];
            uint64_t v;
            switch (opc) {
            case INDEX_op_ld8u:
                v = host_load(p, 1);
                break;
            case INDEX_op_ld8s:
                v = (uint64_t)(int8_t)host_load(p, 1);
                break;
            case INDEX_op_ld16u:
                v = host_load(p, 2);
                break;
            case INDEX_op_ld16s:
                v = (uint64_t)(int16_t)host_load(p, 2);
                break;
            case INDEX_op_ld32u:
                v = host_load(p, 4);
                break;
            case INDEX_op_ld32s:
                v = (uint64_t)(int32_t)host_load(p, 4);
                break;
            default:
                v = host_load(p, type == TCG_TYPE_I32 ? 4 : 8);
                break;
            }
            wr(&st, a[0], v);
            break;
        }
        case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st: {
            uint8_t *p = (uint8_t *)(uintptr_t)rd(&st, a[1]) + (int32_t)a[2];
            unsigned size = opc == INDEX_op_st8 ? 1 : opc == INDEX_op_st16 ? 2
                          : opc == INDEX_op_st32 || type == TCG_TYPE_I32 ? 4 : 8;
            host_store(p, size, rd(&st, a[0]));
            break;
        }
        case INDEX_op_qemu_ld:
        case INDEX_op_qemu_st: {
            bool is_ld = opc == INDEX_op_qemu_ld;
            MemOpIdx oi = a[2];
            MemOp mop = get_memop(oi);
            uint64_t addr = rd(&st, a[1]);
            uintptr_t ra = (uintptr_t)(pc + len);
            if ((a[3] & 0xff) == 32) {
                addr = (uint32_t)addr;
            }
            if (a[3] & TCI_LDST_SOFTMMU) {
                tcg_tci_retaddr = ra;
                if (is_ld) {
                    wr(&st, a[0], tcg_helper_ld((CPUArchState *)env, addr, oi, ra));
                } else {
                    tcg_helper_st((CPUArchState *)env, addr, rd(&st, a[0]), oi, ra);
                }
                break;
            }
            if (addr & ((1u << memop_alignment_bits(mop)) - 1)) {
                tcg_tci_retaddr = ra;
                tcg_helper_unaligned((CPUArchState *)env, addr, oi, ra);
            }
            void *host = (void *)(guest_base + (uintptr_t)addr);
            if (is_ld) {
                wr(&st, a[0], memop_finish_load(mop, host_load(host, memop_size(mop))));
            } else {
                host_store(host, memop_size(mop), memop_prepare_store(mop, rd(&st, a[0])));
            }
            break;
        }
        default: {
            const TCGOpDef *def = &tcg_op_defs[opc];
            uint64_t in[6], out[2] = { 0, 0 };
            TCGArg c[3];
            unsigned no = def->nb_oargs, ni = def->nb_iargs;

            in[0] = 0;
            for (unsigned i = 0; i < ni; i++) {
                in[i] = rd(&st, a[no + i]);
            }
            for (unsigned i = 0; i < def->nb_cargs; i++) {
                c[i] = a[no + ni + i];
            }
            if (!tcg_eval(opc, type, in, c, out)) {
                assert(!"TCI: bad opcode");
            }
            wr(&st, a[0], out[0]);
            if (no == 2) {
                wr(&st, a[1], out[1]);
            }
            break;
        }
        }
        pc += len;
    }
}
