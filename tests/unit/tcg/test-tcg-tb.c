/*
 * TB-level behaviour on every back end: guest memory (user and system
 * mode, every MemOp, 32- and 64-bit addresses, 128-bit splits), host
 * loads/stores, helper calls, chaining and unchaining through goto_tb,
 * goto_ptr, restore data from a host pc and a fault raised mid-TB, back-end
 * selection and the -d op/op_opt log.
 */
#include "tcg-test.h"
#include "util/bitops.h"
#include "util/error.h"
#include "util/log.h"

#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Reference: the value a guest load of mop at addr gives, from the bytes. */
static uint64_t ref_guest_load(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned byte = (mop & MO_BSWAP) == MO_BE ? size - 1 - i : i;
        v |= (uint64_t)tt_guest_mem[addr + i] << (8 * byte);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = sext64(v, 8 * size);
    }
    return v;
}

static const MemOp sizes_signs[] = {
    MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_UQ,
};

/*
 * Guest memory modes of test_guest_memory: user mode (guest_base); system
 * mode without a TLB (every access calls tcg_helper_ld/st); system mode with
 * a soft TLB below env mapping the test memory 1:1, which native back ends
 * look up inline; the same with a flag in every addr_write, which must send
 * the stores to the helper.
 */
enum { MEM_USER, MEM_HELPERS, MEM_TLB, MEM_TLB_FLAGGED, MEM_MODES };

static void test_guest_memory(void)
{
    const TCGBackend *const *bes = tt_backends();
    GRand *r = g_rand_new_with_seed(7);
    static TTCPU cpu;
    CPUArchState *env = &cpu.env;

    for (int b = 0; bes[b]; b++) {
        for (int mode = 0; mode < MEM_MODES; mode++) {
            bool softmmu = mode != MEM_USER;
            for (size_t m = 0; m < ARRAY_SIZE(sizes_signs); m++) {
                for (int be = 0; be < 2; be++) {
                    for (int ty = 0; ty < 2; ty++) {
                        for (int a64 = 0; a64 < 2; a64++) {
                            MemOp mop = sizes_signs[m] | (be ? MO_BE : MO_LE);
                            if (ty == TCG_TYPE_I32 && (mop & MO_SIZE) == MO_64) {
                                continue;
                            }
                            /* load from in64[0] address, store the value + 1 at in64[1] */
                            TCGContext *s = tt_begin(bes[b], g_rand_boolean(r));
                            s->softmmu = softmmu;
                            s->tlb_page_bits = mode >= MEM_TLB ? TT_PAGE_BITS : 0;
                            tcg_gen_insn_start(0x1000, 0, 0);
                            TCGv_i64 addr64 = tcg_temp_new_i64(), st64 = tcg_temp_new_i64();
                            TCGv_i32 addr32 = tcg_temp_new_i32(), st32 = tcg_temp_new_i32();
                            tcg_gen_ld_i64(addr64, tcg_env, offsetof(CPUArchState, in64[0]));
                            tcg_gen_ld_i64(st64, tcg_env, offsetof(CPUArchState, in64[1]));
                            tcg_gen_extrl_i64_i32(addr32, addr64);
                            tcg_gen_extrl_i64_i32(st32, st64);
                            if (ty == TCG_TYPE_I64) {
                                TCGv_i64 v = tcg_temp_new_i64();
                                if (a64) {
                                    tcg_gen_qemu_ld_i64(v, addr64, 1, mop);
                                } else {
                                    tcg_gen_qemu_ld_i64(v, addr32, 1, mop);
                                }
                                tcg_gen_st_i64(v, tcg_env, offsetof(CPUArchState, out64[0]));
                                tcg_gen_addi_i64(v, v, 1);
                                if (a64) {
                                    tcg_gen_qemu_st_i64(v, st64, 1, mop);
                                } else {
                                    tcg_gen_qemu_st_i64(v, st32, 1, mop);
                                }
                            } else {
                                TCGv_i32 v = tcg_temp_new_i32();
                                if (a64) {
                                    tcg_gen_qemu_ld_i32(v, addr64, 1, mop);
                                } else {
                                    tcg_gen_qemu_ld_i32(v, addr32, 1, mop);
                                }
                                tcg_gen_st_i32(v, tcg_env, offsetof(CPUArchState, out32[0]));
                                tcg_gen_addi_i32(v, v, 1);
                                if (a64) {
                                    tcg_gen_qemu_st_i32(v, st64, 1, mop);
                                } else {
                                    tcg_gen_qemu_st_i32(v, st32, 1, mop);
                                }
                            }
                            tcg_gen_exit_tb(NULL, 0);
                            TranslationBlock *tb = tt_end(s);
                            unsigned slow0 = tt_slow_loads, slow_st0 = tt_slow_stores;

                            for (int n = 0; n < 40; n++) {
                                uint64_t la = g_rand_int_range(r, 0, 4000);
                                uint64_t sa = g_rand_int_range(r, 4096, 8000);
                                for (int k = 0; k < 16; k++) {
                                    tt_guest_mem[la + k] = g_rand_int(r);
                                }
                                memset(&cpu, 0, sizeof(cpu));
                                tt_tlb_setup(&cpu, mode == MEM_TLB_FLAGGED ? ~0u : 0, 0);
                                /* 32-bit addresses ignore the high half */
                                env->in64[0] = a64 ? la : la | 0xdead000000000000ull;
                                env->in64[1] = a64 ? sa : sa | 0xbeef00000000ull;
                                tt_run(s, tb, env);
                                uint64_t want = ref_guest_load(la, mop);
                                if (ty == TCG_TYPE_I32) {
                                    g_assert_cmphex(env->out32[0], ==, (uint32_t)want);
                                } else {
                                    g_assert_cmphex(env->out64[0], ==, want);
                                }
                                /* the store wrote want + 1 in the same format */
                                uint64_t back = ref_guest_load(sa, mop & ~MO_SIGN);
                                uint64_t exp = (want + 1) & MAKE_64BIT_MASK(0, 8 * memop_size(mop));
                                g_assert_cmphex(back, ==, exp);
                            }
                            /*
                             * user mode never calls the helpers; system mode
                             * always without a TLB or under TCI; a native back
                             * end only where the entry's flags say so
                             */
                            bool inl = mode >= MEM_TLB && bes[b]->native;
                            g_assert_cmpuint(tt_slow_loads - slow0, ==,
                                             softmmu && !inl ? 40 : 0);
                            g_assert_cmpuint(tt_slow_stores - slow_st0, ==,
                                             softmmu && (!inl || mode == MEM_TLB_FLAGGED) ? 40 : 0);
                        }
                    }
                }
            }
        }
    }
    g_rand_free(r);
}

static void test_guest_memory_128(void)
{
    const TCGBackend *const *bes = tt_backends();
    CPUArchState env;

    for (int b = 0; bes[b]; b++) {
        for (int be = 0; be < 2; be++) {
            MemOp mop = MO_128 | (be ? MO_BE : MO_LE) | MO_ALIGN;
            TCGContext *s = tt_begin(bes[b], true);
            tcg_gen_insn_start(0x1000, 0, 0);
            TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
            TCGv_i64 a = tcg_constant_i64(0x100);
            tcg_gen_qemu_ld_i128(lo, hi, a, 0, mop);
            tcg_gen_st_i64(lo, tcg_env, offsetof(CPUArchState, out64[0]));
            tcg_gen_st_i64(hi, tcg_env, offsetof(CPUArchState, out64[1]));
            tcg_gen_qemu_st_i128(hi, lo, tcg_constant_i64(0x200), 0, mop);  /* swapped */
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = tt_end(s);
            for (int k = 0; k < 16; k++) {
                tt_guest_mem[0x100 + k] = 0x10 + k;
            }
            memset(&env, 0, sizeof(env));
            tt_run(s, tb, &env);
            /* the 128-bit value, byte k at address 0x100 + k */
            uint64_t want_lo = 0, want_hi = 0;
            for (int k = 0; k < 16; k++) {
                int sig = be ? 15 - k : k;     /* byte significance in the value */
                uint64_t byte = 0x10 + k;
                if (sig < 8) {
                    want_lo |= byte << (8 * sig);
                } else {
                    want_hi |= byte << (8 * (sig - 8));
                }
            }
            g_assert_cmphex(env.out64[0], ==, want_lo);
            g_assert_cmphex(env.out64[1], ==, want_hi);
            /* storing hi:lo swapped puts the halves' bytes the other way round */
            for (int k = 0; k < 8; k++) {
                g_assert_cmphex(tt_guest_mem[0x200 + k], ==, tt_guest_mem[0x108 + k]);
                g_assert_cmphex(tt_guest_mem[0x208 + k], ==, tt_guest_mem[0x100 + k]);
            }
        }
    }
}

static void test_host_memory(void)
{
    const TCGBackend *const *bes = tt_backends();
    static const struct {
        TCGOpcode ld;
        bool i64_only;
        unsigned size;
        bool sign;
    } lds[] = {
        { INDEX_op_ld8u, false, 1, false }, { INDEX_op_ld8s, false, 1, true },
        { INDEX_op_ld16u, false, 2, false }, { INDEX_op_ld16s, false, 2, true },
        { INDEX_op_ld32u, true, 4, false }, { INDEX_op_ld32s, true, 4, true },
        { INDEX_op_ld, false, 0, false },
    };
    static const TCGOpcode sts[] = { INDEX_op_st8, INDEX_op_st16, INDEX_op_st32, INDEX_op_st };
    CPUArchState env;

    for (int b = 0; bes[b]; b++) {
        for (int ty = 0; ty < 2; ty++) {
            unsigned w = ty == TCG_TYPE_I32 ? 4 : 8;
            for (size_t i = 0; i < ARRAY_SIZE(lds); i++) {
                if (lds[i].i64_only && ty == TCG_TYPE_I32) {
                    continue;
                }
                TCGContext *s = tt_begin(bes[b], false);
                tcg_gen_insn_start(0x1000, 0, 0);
                TCGTemp *t = tcg_temp_new_internal(ty, TEMP_EBB);
                /* offset 3 bytes into scratch: unaligned host accesses work too */
                tcg_gen_ldst_internal(lds[i].ld, ty, t, tcgv_ptr_temp(tcg_env),
                                      offsetof(CPUArchState, scratch) + 3);
                tcg_gen_ldst_internal(INDEX_op_st, ty, t, tcgv_ptr_temp(tcg_env),
                                      offsetof(CPUArchState, out64));
                tcg_gen_exit_tb(NULL, 0);
                TranslationBlock *tb = tt_end(s);
                memset(&env, 0, sizeof(env));
                uint8_t *src = (uint8_t *)env.scratch + 3;
                for (int k = 0; k < 8; k++) {
                    src[k] = 0x81 + 0x11 * k;
                }
                tt_run(s, tb, &env);
                unsigned size = lds[i].size ? lds[i].size : w;
                uint64_t v = 0;
                for (unsigned k = 0; k < size; k++) {
                    v |= (uint64_t)src[k] << (8 * k);
                }
                if (lds[i].sign) {
                    v = sext64(v, 8 * size);
                }
                uint64_t got = 0;
                memcpy(&got, env.out64, w);
                g_assert_cmphex(got, ==, v & MAKE_64BIT_MASK(0, 8 * w));
            }
            for (size_t i = 0; i < ARRAY_SIZE(sts); i++) {
                if (sts[i] == INDEX_op_st32 && ty == TCG_TYPE_I32) {
                    continue;
                }
                TCGContext *s = tt_begin(bes[b], false);
                tcg_gen_insn_start(0x1000, 0, 0);
                TCGTemp *c = tcg_constant_internal(ty, 0x0123456789abcdefll);
                tcg_gen_ldst_internal(sts[i], ty, c, tcgv_ptr_temp(tcg_env),
                                      offsetof(CPUArchState, scratch) + 1);
                tcg_gen_exit_tb(NULL, 0);
                TranslationBlock *tb = tt_end(s);
                memset(&env, 0xee, sizeof(env));
                tt_run(s, tb, &env);
                unsigned size = sts[i] == INDEX_op_st8 ? 1 : sts[i] == INDEX_op_st16 ? 2
                              : sts[i] == INDEX_op_st32 ? 4 : w;
                uint8_t *dst = (uint8_t *)env.scratch;
                g_assert_cmphex(dst[0], ==, 0xee);
                for (unsigned k = 0; k < size; k++) {
                    g_assert_cmphex(dst[1 + k], ==, (0x0123456789abcdefull >> (8 * k)) & 0xff);
                }
                g_assert_cmphex(dst[1 + size], ==, 0xee);
            }
        }
    }
}

/* ---- helper calls ------------------------------------------------------- */

static uint64_t helper_mix7(CPUArchState *env, uint32_t a, uint64_t b, uint32_t c, uint64_t d,
                            uint32_t e, uint64_t f)
{
    env->helper_calls++;
    return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + f * 17;
}

static uint32_t helper_neg32(uint32_t a)
{
    return -a;
}

static const TCGHelperInfo info_mix7 = {
    .func = helper_mix7, .name = "mix7", .flags = 0, .ret = TCG_CALL_TYPE_I64, .nargs = 7,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32,
              TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32, TCG_CALL_TYPE_I64 },
};
static const TCGHelperInfo info_neg32 = {
    .func = helper_neg32, .name = "neg32", .flags = TCG_CALL_PURE, .ret = TCG_CALL_TYPE_I32,
    .nargs = 1, .args = { TCG_CALL_TYPE_I32 },
};

static void test_calls(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        for (int opt = 0; opt < 2; opt++) {
            CPUArchState env = { .regs = { 1, 2, 3, 4, 5, 6 }, .regs32 = { 0xfffffffe, 9 } };
            TCGContext *s = tt_begin(bes[b], opt);
            tcg_gen_insn_start(0x1000, 0, 0);
            TCGTemp *args[] = {
                tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tt_reg32[0]), tcgv_i64_temp(tt_reg64[1]),
                tcgv_i32_temp(tt_reg32[1]), tcgv_i64_temp(tt_reg64[3]),
                tcg_constant_internal(TCG_TYPE_I32, 0x80000000), tcgv_i64_temp(tt_reg64[5]),
            };
            tcg_gen_call(&info_mix7, tcgv_i64_temp(tt_reg64[7]), args);
            TCGTemp *nargs[] = { tcgv_i32_temp(tt_reg32[1]) };
            tcg_gen_call(&info_neg32, tcgv_i32_temp(tt_reg32[2]), nargs);
            tcg_gen_exit_tb(NULL, 0);
            tt_run(s, tt_end(s), &env);
            CPUArchState dummy = { 0 };
            uint64_t want = helper_mix7(&dummy, 0xfffffffe, 2, 9, 4, 0x80000000, 6);
            g_assert_cmphex(env.regs[7], ==, want);
            g_assert_cmphex(env.regs32[2], ==, (uint32_t)-9);
            g_assert_cmpuint(env.helper_calls, ==, 1);
        }
    }
}

/* ---- chaining, goto_ptr ------------------------------------------------- */

/* A TB that adds 1 to r0 and leaves through goto_tb 0 / exit_tb(tb, 0). */
static TranslationBlock *gen_incr_tb(const TCGBackend *be, TranslationBlock *self_hint)
{
    TCGContext *s = tt_begin(be, true);
    tcg_gen_insn_start(0x2000, 0, 0);
    tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 1);
    tcg_gen_goto_tb(0);
    /* the TB pointer is only known after generation: use a marker, fixed below */
    tcg_gen_exit_tb(self_hint, 0);
    return tt_end(s);
}

static void test_chaining(void)
{
    const TCGBackend *const *bes = tt_backends();
    static TranslationBlock marker_a __attribute__((aligned(8)));
    static TranslationBlock marker_b __attribute__((aligned(8)));

    for (int b = 0; bes[b]; b++) {
        const TCGBackend *be = bes[b];
        CPUArchState env = { 0 };
        TranslationBlock *a = gen_incr_tb(be, &marker_a);
        TranslationBlock *bb = gen_incr_tb(be, &marker_b);

        g_assert_cmpuint(a->jmp_insn_offset[0], !=, TB_JMP_OFFSET_INVALID);
        g_assert_cmpuint(a->jmp_reset_offset[0], !=, TB_JMP_OFFSET_INVALID);
        g_assert_cmpuint(a->jmp_insn_offset[1], ==, TB_JMP_OFFSET_INVALID);

        /* unchained: A runs alone and exits with its own marker, index 0 */
        g_assert_cmphex(be->exec(&env, a->tc_ptr), ==, (uintptr_t)&marker_a);
        g_assert_cmpuint(env.regs[0], ==, 1);

        /* chained A -> B: both run, B exits */
        be->set_jmp_target(a, 0, bb->tc_ptr, 0);
        g_assert_cmphex(be->exec(&env, a->tc_ptr), ==, (uintptr_t)&marker_b);
        g_assert_cmpuint(env.regs[0], ==, 3);

        /* unchained again */
        tcg_tb_reset_jump(be, a, 0, 0);
        g_assert_cmphex(be->exec(&env, a->tc_ptr), ==, (uintptr_t)&marker_a);
        g_assert_cmpuint(env.regs[0], ==, 4);

        /* A -> B -> A would loop: with B unchained again A runs, then B, which exits */
        be->set_jmp_target(a, 0, bb->tc_ptr, 0);
        be->set_jmp_target(bb, 0, a->tc_ptr, 0);
        tcg_tb_reset_jump(be, bb, 0, 0);
        g_assert_cmphex(be->exec(&env, a->tc_ptr), ==, (uintptr_t)&marker_b);
        g_assert_cmpuint(env.regs[0], ==, 6);
    }
}

/*
 * The front ends' conditional exit: "brcond r1 == 1, L; goto_tb 1;
 * exit_tb 1; L: goto_tb 0; exit_tb 0".  The x86-64 back end makes the
 * brcond's jcc goto_tb 0's patchable jump (no second jump on the taken
 * path): both exits unchained, chained, and reset again, for both outcomes.
 */
static void test_chaining_cond(void)
{
    const TCGBackend *const *bes = tt_backends();
    static TranslationBlock marker_c __attribute__((aligned(8)));
    static TranslationBlock marker_t __attribute__((aligned(8)));
    static TranslationBlock marker_f __attribute__((aligned(8)));

    for (int b = 0; bes[b]; b++) {
        const TCGBackend *be = bes[b];
        /* several start alignments: the jcc's prefixes pad its rel32 field */
        for (int pad = 0; pad < 4; pad++) {
            TCGContext *s = tt_begin(be, true);
            TCGLabel *l = gen_new_label();
            tcg_gen_insn_start(0x3000, 0, 0);
            for (int i = 0; i < pad; i++) {
                tcg_gen_addi_i64(tt_reg64[2 + i], tt_reg64[2 + i], 1);
            }
            tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 1);
            /* compared in a register (a global only in memory is compared in place) */
            tcg_gen_addi_i64(tt_reg64[1], tt_reg64[1], 1);
            tcg_gen_brcondi_i64(TCG_COND_EQ, tt_reg64[1], 1, l);
            tcg_gen_goto_tb(1);
            tcg_gen_movi_i64(tt_reg64[6], 0x66);     /* as the front ends store the pc */
            tcg_gen_exit_tb(&marker_c, 1);
            gen_set_label(l);
            tcg_gen_goto_tb(0);
            tcg_gen_movi_i64(tt_reg64[6], 0x77);
            tcg_gen_exit_tb(&marker_c, 0);
            TranslationBlock *c = tt_end(s);
            TranslationBlock *t = gen_incr_tb(be, &marker_t);
            TranslationBlock *f = gen_incr_tb(be, &marker_f);

            if (strcmp(be->name, "x86_64") == 0) {
                /* goto_tb 0's field is a jcc's rel32 (0f 8x), 4-byte aligned */
                const uint8_t *field = (const uint8_t *)c->tc_ptr + c->jmp_insn_offset[0];
                g_assert_cmpuint(field[-2], ==, 0x0f);
                g_assert_cmpuint(field[-1] & 0xf0, ==, 0x80);
                g_assert_cmpuint((uintptr_t)field & 3, ==, 0);
            }
            for (int chained = 0; chained < 3; chained++) {
                if (chained == 1) {
                    be->set_jmp_target(c, 0, t->tc_ptr, 0);
                    be->set_jmp_target(c, 1, f->tc_ptr, 0);
                } else if (chained == 2) {
                    tcg_tb_reset_jump(be, c, 0, 0);
                    tcg_tb_reset_jump(be, c, 1, 0);
                }
                for (int taken = 0; taken < 2; taken++) {
                    CPUArchState env = { .regs = { 10, taken ? 0 : 5 } };
                    uintptr_t r = be->exec(&env, c->tc_ptr);
                    if (chained == 1) {
                        /* the next TB ran (r0 + 1 again) and left with its own marker */
                        g_assert_cmphex(r, ==, (uintptr_t)(taken ? &marker_t : &marker_f));
                        g_assert_cmpuint(env.regs[0], ==, 12);
                    } else {
                        g_assert_cmphex(r, ==, (uintptr_t)&marker_c + (taken ? 0 : 1));
                        g_assert_cmpuint(env.regs[0], ==, 11);
                        g_assert_cmphex(env.regs[6], ==, taken ? 0x77 : 0x66);
                    }
                }
            }
        }
    }
}

static void test_goto_ptr(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        const TCGBackend *be = bes[b];
        CPUArchState env = { 0 };
        TranslationBlock *target = gen_incr_tb(be, NULL);

        /* jumps to the host code whose address is in r1 (0: leave with 0) */
        TCGContext *s = tt_begin(be, true);
        tcg_gen_insn_start(0x3000, 0, 0);
        tcg_gen_addi_i64(tt_reg64[2], tt_reg64[2], 10);
        tcg_gen_goto_ptr(tcgv_i64_as_ptr(tt_reg64[1]));
        TranslationBlock *tb = tt_end(s);

        env.regs[1] = (uintptr_t)target->tc_ptr;
        g_assert_cmphex(be->exec(&env, tb->tc_ptr), ==, 0);
        g_assert_cmpuint(env.regs[2], ==, 10);
        g_assert_cmpuint(env.regs[0], ==, 1);     /* the target ran */
        env.regs[1] = 0;
        g_assert_cmphex(be->exec(&env, tb->tc_ptr), ==, 0);
        g_assert_cmpuint(env.regs[2], ==, 20);
        g_assert_cmpuint(env.regs[0], ==, 1);     /* it did not */
    }
}

/* ---- restore state from a host pc --------------------------------------- */

static sigjmp_buf fault_jmp;
static uintptr_t fault_retaddr;
static uint64_t fault_addr;

static void fault_hook(CPUArchState *env, uint64_t addr, uintptr_t retaddr)
{
    fault_retaddr = retaddr;
    fault_addr = addr;
    siglongjmp(fault_jmp, 1);
}

static uintptr_t seen_retaddr;

static void helper_note_pc(CPUArchState *env)
{
    /* what an accel/tcg GETPC() will do for each kind of back end */
    if (tcg_ctx->backend->native) {
        seen_retaddr = (uintptr_t)__builtin_return_address(0);
    } else {
        seen_retaddr = tcg_tci_retaddr;
    }
}

static const TCGHelperInfo info_note_pc = {
    .func = helper_note_pc, .name = "note_pc", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 1, .args = { TCG_CALL_TYPE_PTR },
};

static void test_restore_state(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        for (int softmmu = 0; softmmu < 2; softmmu++) {
            CPUArchState env = { .regs = { 0, 0x10, 0x20 } };
            TCGContext *s = tt_begin(bes[b], true);
            s->softmmu = softmmu;
            s->insn_start_words = 2;
            TCGTemp *envarg[] = { tcgv_ptr_temp(tcg_env) };

            /* five guest insns; #2 calls a helper, #4 loads from r3 (may fault) */
            for (int i = 0; i < 5; i++) {
                tcg_gen_insn_start(0x4000 + 4 * i, 100 + i, 0);
                tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 1);
                if (i == 2) {
                    tcg_gen_call(&info_note_pc, NULL, envarg);
                }
                if (i == 4) {
                    TCGv_i32 v = tcg_temp_new_i32();
                    tcg_gen_qemu_ld_i32(v, tt_reg64[3], 0, MO_LEUL | MO_ALIGN);
                    tcg_gen_mov_i32(tt_reg32[0], v);
                }
            }
            tcg_gen_exit_tb(NULL, 0);
            TranslationBlock *tb = tt_end(s);
            g_assert_cmpuint(tb->icount, ==, 5);
            g_assert_cmpuint(tb->restore_size, >, 0);

            /* a run without fault: the helper saw a pc inside insn #2 */
            env.regs[3] = 0x10;
            tt_fault_hook = fault_hook;
            tt_run(s, tb, &env);
            uint64_t data[TCG_INSN_START_WORDS];
            g_assert_true(tb_insn_data(tb, seen_retaddr, data));
            g_assert_cmphex(data[0], ==, 0x4008);
            g_assert_cmphex(data[1], ==, 102);
            g_assert_cmpuint(env.regs[0], ==, 5);

            /* a faulting run (misaligned in user mode, outside memory in system mode) */
            env.regs[0] = 0;
            env.regs[3] = softmmu ? 0x7fff0000 : 0x11;
            fault_retaddr = 0;
            if (sigsetjmp(fault_jmp, 1) == 0) {
                tt_run(s, tb, &env);
                g_assert_not_reached();
            }
            g_assert_cmphex(fault_addr, ==, env.regs[3]);
            g_assert_true(tb_insn_data(tb, fault_retaddr, data));
            g_assert_cmphex(data[0], ==, 0x4010);
            g_assert_cmphex(data[1], ==, 104);
            /* the globals were in env when the fault left the TB */
            g_assert_cmpuint(env.regs[0], ==, 5);
            tt_fault_hook = NULL;

            /* pcs outside the code are rejected */
            g_assert_false(tb_insn_data(tb, (uintptr_t)tb->tc_ptr, data));
            g_assert_false(tb_insn_data(tb, (uintptr_t)tb->tc_ptr + tb->tc_size + 1, data));
        }
    }
}

/* ---- one context per thread ------------------------------------------- */

static TCGContext *main_ctx;

static gpointer clone_thread(gpointer data)
{
    const TCGBackend *be = data;
    TCGContext *s = tcg_context_clone(main_ctx);
    tcg_context_set_current(s);
    s->backend = be;
    tcg_func_start(s);
    /* the main thread's handles name the same globals here */
    tcg_gen_insn_start(0x6000, 0, 0);
    tcg_gen_addi_i64(tt_reg64[4], tt_reg64[4], 3);
    tcg_gen_exit_tb(NULL, 0);
    TranslationBlock tb = { .pc = 0x6000 };
    /* a private code buffer with its own prologue, as accel/tcg gives each region */
    size_t size = 1 << 20;
    uint8_t *buf = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(buf != MAP_FAILED);
    int pro = be->prologue ? be->prologue(buf, size, 0) : 0;
    g_assert_cmpint(pro, >=, 0);
    pro = ROUND_UP(pro, 64);
    int n = tcg_gen_code(s, &tb, buf + pro, size - pro, 0);
    uintptr_t ok = 0;
    if (n > 0) {
        CPUArchState env = { .regs = { [4] = 39 } };
        be->exec(&env, tb.tc_ptr);
        ok = env.regs[4] == 42;
    }
    munmap(buf, size);
    tcg_context_free(s);
    return (gpointer)ok;
}

static void test_context_clone(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        main_ctx = tt_begin(bes[b], true);
        GThread *t = g_thread_new("tcg-clone", clone_thread, (gpointer)bes[b]);
        g_assert_true(g_thread_join(t) != NULL);
        g_assert_true(tcg_ctx == main_ctx);
    }
}

/* ---- running out of temps ------------------------------------------------ */

/* n insns of r1 += r0 + i, each with two TB temps that are never freed. */
static void gen_temp_hungry(int n)
{
    for (int i = 0; i < n; i++) {
        tcg_gen_insn_start(0x1000 + 4 * i, 0, 0);
        TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
        tcg_gen_addi_i64(a, tt_reg64[0], i);
        tcg_gen_mov_i64(b, a);
        tcg_gen_add_i64(tt_reg64[1], tt_reg64[1], b);
    }
    tcg_gen_exit_tb(NULL, 0);
}

/*
 * A TB that needs more temps than a context has is refused with -2 (not an
 * abort), says at which insn it ran out, and the same code with fewer insns
 * then translates and runs; the context is fine for the next TB.
 */
static void test_temp_overflow(void)
{
    const TCGBackend *const *bes = tt_backends();

    for (int b = 0; bes[b]; b++) {
        TCGContext *s = tt_begin(bes[b], true);
        gen_temp_hungry(600);      /* 3 temps an insn (two TB temps and a constant) */
        g_assert_true(s->overflow);
        TranslationBlock tb = { .pc = 0x1000 };
        static uint8_t buf[1 << 16] __attribute__((aligned(64)));
        g_assert_cmpint(tcg_gen_code(s, &tb, buf, sizeof(buf), 0), ==, -2);
        unsigned fit = s->overflow_insns - 1;
        g_assert_cmpuint(fit * 3, <=, TCG_MAX_TEMPS - TCG_TEMP_RESERVE - s->nb_globals);
        g_assert_cmpuint((fit + 1) * 3, >, TCG_MAX_TEMPS - TCG_TEMP_RESERVE - s->nb_globals - 3);

        s = tt_begin(bes[b], true);
        gen_temp_hungry(fit);
        g_assert_false(s->overflow);
        TranslationBlock *ok = tt_end(s);
        CPUArchState env = { .regs = { 5, 7 } };
        tt_run(s, ok, &env);
        g_assert_cmphex(env.regs[1], ==, 7 + (uint64_t)fit * 5 + (uint64_t)fit * (fit - 1) / 2);
    }
}

/*
 * A TB whose front end uses every temp below the reserve exactly (so it is
 * not refused) and whose ops the optimizer can fold into new constants:
 * r1 += (K + i) * 3 for n steps, where the product is a constant only the
 * optimizer computes.  Those constants once came from the reserve temps,
 * recycled round-robin, so a later fold overwrote the constant an earlier
 * add still used and the TB computed a wrong sum.  The reference is the
 * closed form of the sum.
 */
static void test_temps_full_optimizer(void)
{
    const TCGBackend *const *bes = tt_backends();
    const uint64_t k = 0x123456789ull;

    for (int b = 0; bes[b]; b++) {
        TCGContext *s = tt_begin(bes[b], true);
        TCGv_i64 three = tcg_constant_i64(3);
        const int limit = TCG_MAX_TEMPS - TCG_TEMP_RESERVE;
        uint64_t n = 0;
        /* 3 temps a step: the TB temps a and p, and the constant k + n */
        while (s->nb_temps + 3 + 1 <= limit) {
            tcg_gen_insn_start(0x1000 + 4 * n, 0, 0);
            TCGv_i64 a = tcg_temp_new_i64(), p = tcg_temp_new_i64();
            tcg_gen_movi_i64(a, k + n);
            tcg_gen_mul_i64(p, a, three);
            tcg_gen_add_i64(tt_reg64[1], tt_reg64[1], p);
            n++;
        }
        while (s->nb_temps < limit) {
            tcg_temp_new_i64();    /* unused: only fills the temps up */
        }
        tcg_gen_exit_tb(NULL, 0);
        g_assert_false(s->overflow);
        g_assert_cmpint(s->nb_temps, ==, limit);
        g_assert_cmpuint(n, >, 2 * TCG_TEMP_RESERVE);
        /* no temp left: an interned constant is found, a new one is refused */
        g_assert_true(tcg_constant_try(TCG_TYPE_I64, 3) == tcgv_i64_temp(three));
        g_assert_null(tcg_constant_try(TCG_TYPE_I64, 3 * k));
        g_assert_false(s->overflow);

        TranslationBlock *tb = tt_end(s);
        g_assert_false(s->overflow);
        CPUArchState env = { .regs = { 0, 7 } };
        tt_run(s, tb, &env);
        g_assert_cmphex(env.regs[1], ==, 7 + 3 * (n * k + n * (n - 1) / 2));
    }
}

/* ---- back-end selection and logging ------------------------------------- */

static void test_backend_selection(void)
{
#ifdef CONFIG_TCG_TCI
    Error *err = NULL;

    g_assert_null(tcg_backend_find("no-such-backend", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "tci"));
    error_free(err);
    err = NULL;

    g_assert_true(tcg_backend_find("tci", NULL) == &tcg_backend_tci);
    g_assert_true(tcg_backend_list()[0] != NULL);

    g_setenv("EMU_TCG_BACKEND", "bogus", true);
    g_assert_null(tcg_backend_default(&err));
    g_assert_nonnull(strstr(error_get_pretty(err), "EMU_TCG_BACKEND"));
    error_free(err);
    err = NULL;
    g_setenv("EMU_TCG_BACKEND", "tci", true);
    g_assert_true(tcg_backend_default(NULL) == &tcg_backend_tci);
    g_unsetenv("EMU_TCG_BACKEND");

    /* an explicit selection wins over the environment */
    g_setenv("EMU_TCG_BACKEND", "bogus", true);
    g_assert_true(tcg_backend_select("tci", NULL));
    g_assert_true(tcg_backend_default(NULL) == &tcg_backend_tci);
    g_assert_true(tcg_backend_select(NULL, NULL));
    g_unsetenv("EMU_TCG_BACKEND");
    g_assert_false(tcg_backend_select("nope", NULL));
#else
    g_test_skip("selects TCI, which is not compiled in");
#endif
}

static void test_log_op(void)
{
    char *path = g_build_filename(g_get_tmp_dir(), "emu-tcg-log-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    g_assert_cmpint(fd, >=, 0);
    close(fd);

    g_assert_true(log_set_file(path, NULL));
    g_assert_true(log_select("op,op_opt", NULL));
    TCGContext *s = tt_begin(tt_backends()[0], true);
    tcg_gen_insn_start(0x5000, 0, 0);
    tcg_gen_addi_i64(tt_reg64[0], tt_reg64[0], 0x11);
    TCGv_i64 dead = tcg_temp_new_i64();
    tcg_gen_muli_i64(dead, tt_reg64[1], 3);
    tcg_gen_exit_tb(NULL, 0);
    tt_end(s);
    log_select("", NULL);
    log_set_file(NULL, NULL);

    char *text;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    /* before: both ops; after: the dead multiply is gone, liveness annotations shown */
    char *after = strstr(text, "after optimization");
    g_assert_nonnull(after);
    g_assert_nonnull(strstr(text, "add_i64 r0,r0,$0x11"));
    g_assert_nonnull(strstr(text, "mul_i64"));
    g_assert_null(strstr(after, "mul_i64"));
    g_assert_nonnull(strstr(after, "sync:0"));
    g_free(text);
    unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/tb/guest-memory", test_guest_memory);
    g_test_add_func("/tcg/tb/guest-memory-128", test_guest_memory_128);
    g_test_add_func("/tcg/tb/host-memory", test_host_memory);
    g_test_add_func("/tcg/tb/calls", test_calls);
    g_test_add_func("/tcg/tb/chaining", test_chaining);
    g_test_add_func("/tcg/tb/chaining-cond", test_chaining_cond);
    g_test_add_func("/tcg/tb/goto-ptr", test_goto_ptr);
    g_test_add_func("/tcg/tb/restore-state", test_restore_state);
    g_test_add_func("/tcg/tb/context-clone", test_context_clone);
    g_test_add_func("/tcg/tb/temp-overflow", test_temp_overflow);
    g_test_add_func("/tcg/tb/temps-full-optimizer", test_temps_full_optimizer);
    g_test_add_func("/tcg/tb/backend-selection", test_backend_selection);
    g_test_add_func("/tcg/tb/log-op", test_log_op);
    return g_test_run();
}
