/*
 * translator.c — the generic translation loop (translator_loop) that every
 * front end drives through its TranslatorOps, and the small pieces of code
 * generation that are the same for all targets:
 *
 *   - the exit check each TB starts with (unless CF_NOIRQ): if
 *     neg.exit_check is set the TB leaves at once with TB_EXIT_REQUESTED,
 *     which is how interrupts, cpu_exit() and flushes reach a CPU running
 *     a chained loop;
 *   - the instruction limit (max_insns, CF_COUNT_MASK, single-step);
 *   - the page boundary: a TB never starts an instruction on a later page
 *     than its first one (so it covers at most two pages, the second only
 *     through an instruction that straddles), and an instruction whose
 *     bytes on the later page cannot be fetched is cut off (the TB ends
 *     before it; the next TB starts with it and raises the fault);
 *   - breakpoints: an instruction with a breakpoint becomes a call that
 *     raises EXCP_DEBUG with the guest state of that instruction;
 *   - reading code bytes (translator_ld) and the goto_ptr lookup.
 */
#include "internal.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"

#include <string.h>

static void helper_debug(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    cpu->exception_index = EXCP_DEBUG;
    cpu_loop_exit_restore(cpu, GETPC());
}

static const TCGHelperInfo info_debug = {
    .func = (void *)helper_debug,
    .name = "debug",
    .flags = 0,
    .ret = TCG_CALL_TYPE_VOID,
    .nargs = 1,
    .args = { TCG_CALL_TYPE_PTR },
};

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGv_ptr dest = tcg_temp_ebb_new_ptr();
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };
    tcg_gen_call(&tcg_helper_info_lookup_tb_ptr, tcgv_ptr_temp(dest), args);
    tcg_gen_goto_ptr(dest);
}

bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest)
{
    if (db->tb->cflags & CF_NO_GOTO_TB) {
        return false;
    }
    /*
     * System mode: a jump to another page may go elsewhere once the page
     * tables change, and chains are not rechecked.  User mode mappings are
     * fixed while code exists on them (SMC invalidation unchains).
     */
    return !tcg_exec_is_softmmu() ||
           ((dest ^ db->pc_first) & tcg_page_mask()) == 0;
}

/* May code on the page of addr be executed?  (Probes, never faults.) */
static bool code_page_ok(CPUState *cpu, uint64_t addr)
{
    uint64_t phys;
    if (!tcg_exec_is_softmmu()) {
        return page_get_flags(addr) & PAGE_EXEC;
    }
    return tb_code_phys(cpu, addr, true, &phys);
}

uint64_t translator_ld(CPUArchState *env, DisasContextBase *db, uint64_t pc, MemOp mop)
{
    uint64_t mask = tcg_page_mask();
    uint64_t last = pc + memop_size(mop) - 1;

    if (((last ^ db->pc_first) & mask) != 0) {
        /* the first byte on the later page */
        uint64_t later = ((pc ^ db->pc_first) & mask) ? pc : last & mask;
        CPUState *cpu = env_cpu(env);
        if (!code_page_ok(cpu, later)) {
            if (db->num_insns == 1) {
                /* nothing before it in this TB: the fault is this instruction's */
                uint64_t phys;
                tb_code_phys(cpu, later, false, &phys);
                if (!tcg_exec_is_softmmu() && cpu->tcg_ops->tlb_fill) {
                    cpu->tcg_ops->tlb_fill(cpu, later, 1, MMU_INST_FETCH, 0, false, 0);
                }
            }
            db->fetch_fault = true;
            return 0;
        }
    }
    if (tcg_exec_is_softmmu()) {
        return cpu_ld_code(env, pc, mop);
    }
    unsigned size = memop_size(mop);
    uint64_t v = 0;
    memcpy(&v, (void *)(guest_base + (uintptr_t)pc), size);
    if (mop & MO_BSWAP) {
        v = __builtin_bswap64(v) >> (64 - 8 * size);
    }
    return v;
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    TCGLabel *exit_label = NULL;

    db->tb = tb;
    db->pc_first = db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->singlestep_enabled = tb->cflags & CF_SINGLE_STEP;
    db->fetch_fault = false;
    ops->init_disas_context(db, cpu);

    if (!(tb->cflags & CF_NOIRQ)) {
        TCGv_i32 flag = tcg_temp_ebb_new_i32();
        exit_label = gen_new_label();
        tcg_gen_ld_i32(flag, tcg_env, NEG_OFFSET(exit_check));
        tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit_label);
        tcg_temp_free_i32(flag);
    }
    if (ops->tb_start) {
        ops->tb_start(db, cpu);
    }

    for (;;) {
        /* where to cut if this instruction cannot be fetched completely */
        TCGOp *mark = tcg_ctx->last_op;
        unsigned insns_mark = tcg_ctx->nb_insns;
        uint64_t pc_mark = db->pc_next;

        db->num_insns++;
        ops->insn_start(db, cpu);
        if (cpu->breakpoints && cpu_breakpoint_test(cpu, db->pc_next)) {
            TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };
            tcg_gen_call(&info_debug, NULL, args);
            db->is_jmp = DISAS_NORETURN;
            db->pc_next++;         /* cover the byte: removing the breakpoint invalidates us */
            break;
        }
        ops->translate_insn(db, cpu);
        if (db->fetch_fault) {
            while (tcg_ctx->last_op != mark) {
                tcg_op_remove(tcg_ctx, tcg_ctx->last_op);
            }
            tcg_ctx->nb_insns = insns_mark;
            db->num_insns--;
            db->pc_next = pc_mark;
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns ||
            ((db->pc_next ^ db->pc_first) & tcg_page_mask()) != 0) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    tb->size = db->pc_next - db->pc_first;

    if (exit_label) {
        gen_set_label(exit_label);
        tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);
    }
}
