/*
 * tcg-test.c — see tcg-test.h.
 */
#include "tcg-test.h"
#include "tcg/tcg-ldst.h"
#include "util/bitops.h"
#include "util/error.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define TT_CODE_SIZE (8 << 20)

uint8_t *tt_guest_mem;
void (*tt_fault_hook)(CPUArchState *env, uint64_t addr, uintptr_t retaddr);
unsigned tt_slow_loads, tt_slow_stores;
TCGv_i64 tt_reg64[8];
TCGv_i32 tt_reg32[8];

static uint8_t *code_buf;
static size_t code_used;
static TCGContext *ctx;
static TranslationBlock *tbs;
static unsigned nb_tbs;

#ifdef CONFIG_TCG_TCI
/* The mandatory core of tcg-backend.h: everything else gets expanded. */
static bool expand_op_supported(TCGOpcode opc, TCGType type)
{
    switch (opc) {
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv: case INDEX_op_nand:
    case INDEX_op_nor: case INDEX_op_not: case INDEX_op_neg:
    case INDEX_op_rotl: case INDEX_op_rotr:
    case INDEX_op_muluh: case INDEX_op_mulsh: case INDEX_op_mulu2: case INDEX_op_muls2:
    case INDEX_op_div: case INDEX_op_divu: case INDEX_op_rem: case INDEX_op_remu:
    case INDEX_op_extract: case INDEX_op_sextract: case INDEX_op_deposit:
    case INDEX_op_extract2:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_clz: case INDEX_op_ctz: case INDEX_op_ctpop:
    case INDEX_op_negsetcond: case INDEX_op_movcond:
    case INDEX_op_add2: case INDEX_op_sub2:
        return false;
    default:
        return tcg_backend_tci.op_supported(opc, type);
    }
}

static TCGBackend tci_expand;
#endif

const TCGBackend *const *tt_backends(void)
{
    static const TCGBackend *list[8];
    if (!list[0]) {
        const TCGBackend *const *all = tcg_backend_list();
        /* EMU_TCG_TEST_BACKENDS=a,b narrows the list (to bisect a failure) */
        const char *only = g_getenv("EMU_TCG_TEST_BACKENDS");
        char **names = only ? g_strsplit(only, ",", -1) : NULL;
        int n = 0;
        for (int i = 0; all[i]; i++) {
            if ((!all[i]->probe || all[i]->probe()) &&
                (!names || g_strv_contains((const char *const *)names, all[i]->name))) {
                list[n++] = all[i];
            }
        }
#ifdef CONFIG_TCG_TCI
        if (!names || g_strv_contains((const char *const *)names, "tci-expand")) {
            tci_expand = tcg_backend_tci;
            tci_expand.name = "tci-expand";
            tci_expand.op_supported = expand_op_supported;
            list[n++] = &tci_expand;
        }
#endif
        g_strfreev(names);
        g_assert(n > 0);
    }
    return list;
}

static void tt_init(void)
{
    if (code_buf) {
        return;
    }
    code_buf = mmap(NULL, TT_CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(code_buf != MAP_FAILED);
    tt_guest_mem = g_malloc0(TT_GUEST_MEM_SIZE);
    guest_base = (uintptr_t)tt_guest_mem;
    tbs = g_new0(TranslationBlock, 1024);
}

TCGContext *tt_begin(const TCGBackend *be, bool optimize)
{
    tt_init();
    if (!ctx) {
        ctx = tcg_context_new(&error_fatal);
        for (int i = 0; i < 8; i++) {
            tt_reg64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, regs[i]),
                                                 g_strdup_printf("r%d", i));
            tt_reg32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(CPUArchState, regs32[i]),
                                                 g_strdup_printf("w%d", i));
        }
    }
    ctx->backend = be;
    ctx->optimize = optimize;
    ctx->softmmu = false;
    ctx->insn_start_words = 1;
    tcg_context_set_current(ctx);
    tcg_func_start(ctx);
    if (code_used > TT_CODE_SIZE / 2 || nb_tbs >= 1000) {
        /* whole flush, as the execution loop will do */
        code_used = 0;
        nb_tbs = 0;
    }
    if (be->prologue && code_used == 0) {
        int n = be->prologue(code_buf, TT_CODE_SIZE, 0);
        g_assert_cmpint(n, >=, 0);
        code_used = ROUND_UP(n, 64);
    }
    return ctx;
}

TranslationBlock *tt_end_keep(TCGContext *s)
{
    TranslationBlock *tb = &tbs[nb_tbs++];
    memset(tb, 0, sizeof(*tb));
    tb->pc = 0x1000;
    int n = tcg_gen_code(s, tb, code_buf + code_used, TT_CODE_SIZE - code_used, 0);
    g_assert_cmpint(n, >, 0);
    code_used = ROUND_UP(code_used + n, 64);
    return tb;
}

TranslationBlock *tt_end(TCGContext *s)
{
    return tt_end_keep(s);
}

uintptr_t tt_run(TCGContext *s, TranslationBlock *tb, CPUArchState *env)
{
    return s->backend->exec(env, tb->tc_ptr);
}

static CPUTLBEntry tt_tlb[TT_TLB_ENTRIES];

void tt_tlb_setup(TTCPU *cpu, uint32_t write_flagged, uint32_t empty)
{
    _Static_assert(offsetof(TTCPU, env) == sizeof(CPUNegativeOffsetState), "neg below env");
    for (int i = 0; i < TT_TLB_ENTRIES; i++) {
        uint64_t page = (uint64_t)i << TT_PAGE_BITS;
        bool none = (empty >> i) & 1;
        tt_tlb[i] = (CPUTLBEntry){
            .addr_read = none ? (uint64_t)-1 : page,
            .addr_write = none ? (uint64_t)-1 : page | ((write_flagged >> i) & 1 ? 2 : 0),
            .addr_code = -1,
            .addend = (uintptr_t)tt_guest_mem,
        };
    }
    for (int m = 0; m < CPU_TLB_MMU_MODES; m++) {
        cpu->neg.tlb[m].mask = (TT_TLB_ENTRIES - 1) << CPU_TLB_ENTRY_BITS;
        cpu->neg.tlb[m].table = tt_tlb;
    }
}

guint32 tt_random_seed(guint32 dflt)
{
    const char *env = g_getenv("EMU_TCG_TEST_SEED");
    guint32 seed = env && *env ? (guint32)strtoul(env, NULL, 0) : dflt;
    g_test_message("random seed %u", seed);
    return seed;
}

uint64_t tt_rand_operand(GRand *r)
{
    static const uint64_t edge[] = {
        0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
        0xffffffff80000000ull, 0x00000000fffffffeull, 31, 32, 33, 63, 64, 65,
    };
    uint64_t v = ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
    switch (g_rand_int_range(r, 0, 6)) {
    case 0:
        return edge[g_rand_int_range(r, 0, ARRAY_SIZE(edge))];
    case 1:
        return -edge[g_rand_int_range(r, 0, ARRAY_SIZE(edge))];
    case 2:
        return v >> g_rand_int_range(r, 0, 64);          /* small magnitudes */
    case 3:
        return (uint64_t)((int64_t)v >> g_rand_int_range(r, 0, 64));
    default:
        return v;
    }
}

/* ---- the slow-path helpers (system mode) on the flat test memory -------- */

static void check_guest_range(uint64_t addr, unsigned size)
{
    g_assert_cmpuint(addr, <=, TT_GUEST_MEM_SIZE - size);
}

uint64_t tcg_helper_ld(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);
    uint64_t v = 0;

    tt_slow_loads++;
    if (tt_fault_hook && addr > TT_GUEST_MEM_SIZE - size) {
        tt_fault_hook(env, addr, retaddr);
    }
    check_guest_range(addr, size);
    /* assemble byte by byte in the requested order: independent of the host */
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = (mop & MO_BSWAP) == MO_BE ? 8 * (size - 1 - i) : 8 * i;
        v |= (uint64_t)tt_guest_mem[addr + i] << shift;
    }
    if (mop & MO_SIGN) {
        v = sext64(v, 8 * size);
    }
    return v;
}

void tcg_helper_st(CPUArchState *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                   uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);

    tt_slow_stores++;
    if (tt_fault_hook && addr > TT_GUEST_MEM_SIZE - size) {
        tt_fault_hook(env, addr, retaddr);
    }
    check_guest_range(addr, size);
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = (mop & MO_BSWAP) == MO_BE ? 8 * (size - 1 - i) : 8 * i;
        tt_guest_mem[addr + i] = val >> shift;
    }
}

void tcg_helper_unaligned(CPUArchState *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    if (tt_fault_hook) {
        tt_fault_hook(env, addr, retaddr);
    }
    g_test_message("unexpected unaligned access at 0x%" G_GINT64_MODIFIER "x", addr);
    abort();
}
