/*
 * disas.c — `-d in_asm`: the guest instructions of each new TB, through
 * capstone when the build has it and the target names its architecture,
 * else through the target's disas_log hook, else as raw bytes.
 */
#include "config-host.h"
#include "internal.h"
#include "exec/cpu-ldst.h"
#include "util/log.h"

#include <inttypes.h>
#include <string.h>

#include <glib.h>

#ifdef CONFIG_CAPSTONE
#include <capstone.h>
#endif

/* The TB's guest bytes (its code was just read, so no fault can happen). */
static uint8_t *tb_code_copy(CPUState *cpu, const TranslationBlock *tb)
{
    uint8_t *buf = g_malloc(tb->size ? tb->size : 1);
    for (uint32_t i = 0; i < tb->size; i++) {
        buf[i] = tcg_exec_is_softmmu() ? cpu_ldub_code(cpu->env_ptr, tb->pc + i)
                                       : *(uint8_t *)(guest_base + (uintptr_t)(tb->pc + i));
    }
    return buf;
}

static bool log_capstone(CPUState *cpu, const TranslationBlock *tb, FILE *f)
{
#ifdef CONFIG_CAPSTONE
    const TCGCPUOps *ops = cpu->tcg_ops;
    csh h;
    cs_insn *insn;

    if (ops->capstone_arch < 0 ||
        cs_open((cs_arch)ops->capstone_arch, (cs_mode)ops->capstone_mode, &h) != CS_ERR_OK) {
        return false;
    }
    uint8_t *buf = tb_code_copy(cpu, tb);
    size_t n = cs_disasm(h, buf, tb->size, tb->pc, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "0x%08" PRIx64 ":  %s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    g_free(buf);
    return n > 0;
#else
    return false;
#endif
}

void tb_log_in_asm(CPUState *cpu, const TranslationBlock *tb)
{
    log_lock();
    FILE *f = log_file();
    fprintf(f, "----------------\nIN: pc=0x%" PRIx64 " size=%u insns=%u\n", tb->pc, tb->size,
            tb->icount);
    if (!log_capstone(cpu, tb, f)) {
        if (cpu->tcg_ops->disas_log) {
            cpu->tcg_ops->disas_log(cpu, tb->pc, tb->size, f);
        } else {
            uint8_t *buf = tb_code_copy(cpu, tb);
            for (uint32_t i = 0; i < tb->size; i++) {
                fprintf(f, "%s%02x", i % 16 ? " " : i ? "\n  " : "  ", buf[i]);
            }
            fprintf(f, "\n");
            g_free(buf);
        }
    }
    fprintf(f, "\n");
    log_unlock();
}
