/*
 * toy.c — the toy target of the accel/tcg tests (see toy.h): CPU hooks, a
 * front end on translator_loop, and the reference interpreter.
 */
#include "toy.h"

#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

CPU_LAYOUT_CHECK(ToyCPU);

uint8_t *toy_ram;
bool toy_softmmu;
unsigned toy_tlb_fills;
uint64_t toy_alias_vpage = -1, toy_alias_ppage = -1;
uint64_t toy_mmio_reg;
unsigned toy_mmio_reads, toy_mmio_writes;

static TCGv_i64 cpu_regs[TOY_NREGS];
static TCGv_i64 cpu_pc;

/* ---- helpers -------------------------------------------------------------- */

static void helper_count(CPUArchState *env)
{
    env->helper_calls++;
}

static void __attribute__((noreturn)) raise_excp(CPUArchState *env, int code, uintptr_t ra)
{
    CPUState *cpu = env_cpu(env);
    cpu->exception_index = code;
    cpu_loop_exit_restore(cpu, ra);
}

static void helper_trap(CPUArchState *env)
{
    raise_excp(env, TOY_EXCP_TRAP, GETPC());
}

static void helper_udf(CPUArchState *env)
{
    raise_excp(env, TOY_EXCP_UDF, GETPC());
}

static void helper_halt(CPUArchState *env)
{
    raise_excp(env, EXCP_HLT, GETPC());
}

#define HELPER_VOID_ENV(fn, fl) { .func = (void *)(fn), .name = #fn, .flags = (fl), \
    .ret = TCG_CALL_TYPE_VOID, .nargs = 1, .args = { TCG_CALL_TYPE_PTR } }

static const TCGHelperInfo info_count = HELPER_VOID_ENV(helper_count, TCG_CALL_NO_RWG);
static const TCGHelperInfo info_trap = HELPER_VOID_ENV(helper_trap, TCG_CALL_NO_WG);
static const TCGHelperInfo info_udf = HELPER_VOID_ENV(helper_udf, TCG_CALL_NO_WG);
static const TCGHelperInfo info_halt = HELPER_VOID_ENV(helper_halt, TCG_CALL_NO_WG);

static void gen_helper(const TCGHelperInfo *info)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };
    tcg_gen_call(info, NULL, args);
}

/* ---- the front end -------------------------------------------------------- */

static void toy_initialize(void)
{
    static const char *const names[TOY_NREGS] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    for (int i = 0; i < TOY_NREGS; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, regs[i]), names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env, offsetof(CPUArchState, pc), "pc");
}

static void gen_goto_tb(DisasContextBase *db, int n, uint64_t dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(db->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void toy_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
}

static void toy_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0, 0);
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    uint64_t pc = db->pc_next;
    uint32_t insn = translator_ldl_le(cpu->env_ptr, db, pc);
    unsigned op = insn & 0xff, rd = (insn >> 8) & 7, rs = (insn >> 12) & 7;
    int imm = (int16_t)(insn >> 16);
    uint64_t target = pc + 4 + (int64_t)imm * 4;

    db->pc_next = pc + 4;
    switch (op) {
    case TOY_MOVI:
        tcg_gen_movi_i64(cpu_regs[rd], imm);
        break;
    case TOY_ADDI:
        tcg_gen_addi_i64(cpu_regs[rd], cpu_regs[rs], imm);
        break;
    case TOY_LD:
    case TOY_ST:
    case TOY_LDW:
    case TOY_LDA: {
        TCGv_i64 addr = tcg_temp_new_i64();
        tcg_gen_addi_i64(addr, cpu_regs[rs], imm);
        if (op == TOY_LD) {
            tcg_gen_qemu_ld_i64(cpu_regs[rd], addr, 0, MO_LEUQ);
        } else if (op == TOY_LDW) {
            tcg_gen_qemu_ld_i64(cpu_regs[rd], addr, 0, MO_BEUL);
        } else if (op == TOY_LDA) {
            tcg_gen_qemu_ld_i64(cpu_regs[rd], addr, 0, MO_LEUL | MO_ALIGN);
        } else {
            tcg_gen_qemu_st_i64(cpu_regs[rd], addr, 0, MO_LEUQ);
        }
        tcg_temp_free_i64(addr);
        break;
    }
    case TOY_BNZ: {
        TCGLabel *not_taken = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_EQ, cpu_regs[rd], 0, not_taken);
        gen_goto_tb(db, 0, target);
        gen_set_label(not_taken);
        gen_goto_tb(db, 1, pc + 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case TOY_J:
        gen_goto_tb(db, 0, target);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_JR:
        tcg_gen_mov_i64(cpu_pc, cpu_regs[rs]);
        tcg_gen_lookup_and_goto_ptr();
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_CALL:
        gen_helper(imm == 1 ? &info_trap : &info_count);
        break;
    case TOY_HALT:
        gen_helper(&info_halt);
        db->is_jmp = DISAS_NORETURN;
        break;
    default:
        gen_helper(&info_udf);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto_tb(db, 0, db->pc_next);
    }
}

static const TranslatorOps toy_translator_ops = {
    .init_disas_context = toy_init_disas_context,
    .tb_start = NULL,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
};

static void toy_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContextBase db;
    translator_loop(cpu, tb, max_insns, &toy_translator_ops, &db);
}

/* ---- CPU hooks ------------------------------------------------------------ */

static void toy_get_tb_cpu_state(CPUState *cpu, uint64_t *pc, uint64_t *cs_base,
                                 uint32_t *flags)
{
    *pc = cpu->env_ptr->pc;
    *cs_base = 0;
    *flags = 0;
}

static void toy_synchronize_from_tb(CPUState *cpu, const TranslationBlock *tb)
{
    cpu->env_ptr->pc = tb->pc;
}

static void toy_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                                     const uint64_t *data)
{
    cpu->env_ptr->pc = data[0];
}

static void toy_do_interrupt(CPUState *cpu)
{
    CPUArchState *env = cpu->env_ptr;
    if (env->excp_count++ == 0) {
        env->excp_first_pc = env->pc;
    }
    env->excp_code = cpu->exception_index;
    env->excp_pc = env->pc;
    memcpy(env->excp_regs, env->regs, sizeof(env->regs));
    env->pc = env->vector;
}

static bool toy_cpu_exec_interrupt(CPUState *cpu, uint32_t request)
{
    if (!(request & CPU_INTERRUPT_HARD)) {
        return false;
    }
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    cpu->exception_index = TOY_EXCP_IRQ;
    toy_do_interrupt(cpu);
    cpu->exception_index = EXCP_NONE;
    return true;
}

static uint64_t toy_mmio_read(void *opaque, uint64_t addr, unsigned size)
{
    toy_mmio_reads++;
    return addr == 0 ? toy_mmio_reg : addr;
}

static void toy_mmio_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    toy_mmio_writes++;
    if (addr == 0) {
        toy_mmio_reg = val;
    }
}

static const TLBMMIOOps toy_mmio_ops = {
    .read = toy_mmio_read,
    .write = toy_mmio_write,
};

static bool toy_tlb_fill(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                         int mmu_idx, bool probe, uintptr_t retaddr)
{
    uint64_t page = addr & ~(uint64_t)((1u << TOY_PAGE_BITS) - 1);

    if (toy_softmmu && page < TOY_RAM_SIZE) {
        uint64_t phys = page == toy_alias_vpage ? toy_alias_ppage : page;
        TLBPageTarget t = { .paddr = phys, .host = toy_ram + phys };
        tlb_set_page_full(cpu, page, &t, PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx,
                          1u << TOY_PAGE_BITS);
        toy_tlb_fills++;
        return true;
    }
    if (toy_softmmu && page == TOY_MMIO_BASE) {
        TLBPageTarget t = { .paddr = page, .mmio = &toy_mmio_ops };
        tlb_set_page_full(cpu, page, &t, PAGE_READ | PAGE_WRITE, mmu_idx, 1u << TOY_PAGE_BITS);
        toy_tlb_fills++;
        return true;
    }
    if (probe) {
        return false;
    }
    cpu->env_ptr->excp_addr = addr;
    raise_excp(cpu->env_ptr, TOY_EXCP_PAGE, retaddr);
}

static int toy_mmu_index(CPUState *cpu, bool ifetch)
{
    return 0;
}

static void __attribute__((noreturn)) toy_do_unaligned_access(CPUState *cpu, uint64_t addr, MMUAccessType access_type,
                                    int mmu_idx, uintptr_t retaddr)
{
    cpu->env_ptr->excp_addr = addr;
    raise_excp(cpu->env_ptr, TOY_EXCP_ALIGN, retaddr);
}

static void toy_dump_state(CPUState *cpu, FILE *f)
{
    CPUArchState *env = cpu->env_ptr;
    fprintf(f, "pc=%08" G_GINT64_MODIFIER "x", env->pc);
    for (int i = 0; i < TOY_NREGS; i++) {
        fprintf(f, " r%d=%" G_GINT64_MODIFIER "x", i, env->regs[i]);
    }
    fprintf(f, "\n");
}

const TCGCPUOps toy_tcg_ops = {
    .env_size = sizeof(CPUArchState),
    .page_bits = TOY_PAGE_BITS,
    .insn_start_words = 1,
    .initialize = toy_initialize,
    .translate_code = toy_translate_code,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .synchronize_from_tb = toy_synchronize_from_tb,
    .restore_state_to_opc = toy_restore_state_to_opc,
    .cpu_exec_interrupt = toy_cpu_exec_interrupt,
    .do_interrupt = toy_do_interrupt,
    .has_work = NULL,
    .tlb_fill = toy_tlb_fill,
    .mmu_index = toy_mmu_index,
    .do_unaligned_access = toy_do_unaligned_access,
    .debug_excp_handler = NULL,
    .dump_state = toy_dump_state,
    .disas_log = NULL,
    .capstone_arch = -1,
};

/* ---- set-up --------------------------------------------------------------- */

void toy_init(bool softmmu, size_t code_buffer_bytes)
{
    toy_softmmu = softmmu;
    /* page-aligned, so that page protection touches only guest memory */
    toy_ram = mmap(NULL, TOY_RAM_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(toy_ram != MAP_FAILED);
    guest_base = (uintptr_t)toy_ram;
    tcg_exec_init_bytes(code_buffer_bytes, softmmu, &error_fatal);
}

ToyCPU *toy_cpu_new(void)
{
    ToyCPU *cpu = g_new0(ToyCPU, 1);
    tcg_cpu_init(&cpu->parent, &toy_tcg_ops, &cpu->env);
    if (!toy_softmmu) {
        page_set_flags(0, TOY_RAM_SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    }
    return cpu;
}

void toy_load(uint64_t addr, const uint32_t *insns, unsigned n)
{
    uintptr_t start = (uintptr_t)toy_ram + (addr & ~4095ull);
    uintptr_t end = (uintptr_t)toy_ram + ((addr + n * 4 + 4095) & ~4095ull);
    /* a test may load over code that is write-protected for SMC */
    mprotect((void *)start, end - start, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < n; i++) {
        memcpy(toy_ram + addr + 4 * i, &insns[i], 4);
    }
    /* as a loader does: code translated from the old bytes is stale */
    tb_invalidate_phys_range(addr, addr + 4 * (uint64_t)n);
}

/* ---- the reference interpreter ---------------------------------------- */

void toy_ref_run(ToyRef *r, const uint8_t *mem_in, uint64_t pc, uint64_t max_steps)
{
    uint8_t *mem = g_memdup2(mem_in, TOY_RAM_SIZE);
    r->pc = pc;
    r->stop = 0;
    for (r->steps = 0; r->steps < max_steps; r->steps++) {
        if (r->pc + 4 > TOY_RAM_SIZE) {
            r->stop = TOY_EXCP_PAGE;
            break;
        }
        uint32_t insn = mem[r->pc] | mem[r->pc + 1] << 8 | mem[r->pc + 2] << 16 |
                        (uint32_t)mem[r->pc + 3] << 24;
        unsigned op = insn & 0xff, rd = (insn >> 8) & 7, rs = (insn >> 12) & 7;
        int64_t imm = (int16_t)(insn >> 16);
        uint64_t next = r->pc + 4, ea = r->regs[rs] + imm;

        switch (op) {
        case TOY_MOVI:
            r->regs[rd] = imm;
            break;
        case TOY_ADDI:
            r->regs[rd] = r->regs[rs] + imm;
            break;
        case TOY_LD:
        case TOY_LDW:
        case TOY_LDA:
        case TOY_ST: {
            unsigned size = op == TOY_LDW || op == TOY_LDA ? 4 : 8;
            if (op == TOY_LDA && (ea & 3)) {
                r->stop = TOY_EXCP_ALIGN;
                goto out;
            }
            if (ea + size > TOY_RAM_SIZE || ea + size < ea) {
                r->stop = TOY_EXCP_PAGE;
                goto out;
            }
            uint64_t v = 0;
            if (op == TOY_ST) {
                for (unsigned i = 0; i < 8; i++) {
                    mem[ea + i] = r->regs[rd] >> (8 * i);
                }
            } else if (op == TOY_LD) {
                for (unsigned i = 0; i < 8; i++) {
                    v |= (uint64_t)mem[ea + i] << (8 * i);
                }
                r->regs[rd] = v;
            } else if (op == TOY_LDA) {
                for (unsigned i = 0; i < 4; i++) {
                    v |= (uint64_t)mem[ea + i] << (8 * i);
                }
                r->regs[rd] = v;
            } else {
                for (unsigned i = 0; i < 4; i++) {
                    v = v << 8 | mem[ea + i];
                }
                r->regs[rd] = v;
            }
            break;
        }
        case TOY_BNZ:
            if (r->regs[rd]) {
                next = r->pc + 4 + imm * 4;
            }
            break;
        case TOY_J:
            next = r->pc + 4 + imm * 4;
            break;
        case TOY_JR:
            next = r->regs[rs];
            break;
        case TOY_CALL:
            if (imm == 1) {
                r->stop = TOY_EXCP_TRAP;
                goto out;
            }
            r->helper_calls++;
            break;
        case TOY_HALT:
            goto out;
        default:
            r->stop = TOY_EXCP_UDF;
            goto out;
        }
        r->pc = next;
    }
out:
    g_free(mem);
}
