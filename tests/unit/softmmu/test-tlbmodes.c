/*
 * test-tlbmodes.c — the soft TLB's two memory-API modes, run by the toy CPU
 * (tests/unit/accel/toy.h) on real regions:
 *  - a ROM device in ROM mode: the CPU executes from it and reads its
 *    memory without calling the device, while its writes reach the device
 *    (and not the memory); out of ROM mode every read is the device's; code
 *    the device reprograms (memory_region_flush_rom_device) is retranslated;
 *  - dirty-logged RAM: CPU writes mark exactly the pages written, only the
 *    first write to a clean page leaves generated code (counted by the
 *    CPU's slow-path statistics), and after a client clears its bits the
 *    next write reports again;
 *  - debugger watchpoints: a write, read or access to watched bytes stops
 *    the CPU with EXCP_DEBUG right after the instruction (or before it with
 *    BP_STOP_BEFORE_ACCESS, memory untouched); other bytes of the page and
 *    removed watchpoints do not stop it.
 */
#include "../accel/toy.h"
#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "tcg/tcg-backend.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define RAM_BASE 0x0000
#define FLASH_BASE 0x4000
#define VRAM_BASE 0x8000

static MemoryRegion ram, flash, vram;
static ToyCPU *cpu;
static TCGCPUOps ops;

typedef struct FlashDev {
    unsigned reads, writes;
    uint64_t last_addr, last_val;
} FlashDev;
static FlashDev fdev;

static uint64_t flash_read(void *opaque, uint64_t addr, unsigned size)
{
    fdev.reads++;
    return 0xabcd;
}

static void flash_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    fdev.writes++;
    fdev.last_addr = addr;
    fdev.last_val = val;
}

static const MemoryRegionOps flash_ops = {
    .read = flash_read,
    .write = flash_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* The toy MMU: 1:1, through the memory API's lookup. */
static bool tlb_fill_1to1(CPUState *cs, uint64_t addr, int size, MMUAccessType type,
                          int mmu_idx, bool probe, uintptr_t retaddr)
{
    uint64_t page = addr & ~(uint64_t)((1u << TOY_PAGE_BITS) - 1);
    tlb_set_page(cs, page, page, PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx,
                 1u << TOY_PAGE_BITS);
    return true;
}

static void load(uint8_t *dst, const uint32_t *insns, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint32_t w = GUINT32_TO_LE(insns[i]);
        memcpy(dst + 4 * i, &w, 4);
    }
}

/* As the vCPU thread does: apply a pending TLB flush, run; a kick only restarts. */
static int run_at(uint64_t pc)
{
    int r;
    cpu->env.pc = pc;
    cpu->parent.halted = false;
    do {
        memory_tlb_flush_if_pending();
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);
    return r;
}

static void test_romd(void)
{
    static const uint32_t prog[] = {
        TOY_INSN(TOY_MOVI, 1, 0, FLASH_BASE),
        TOY_INSN(TOY_MOVI, 2, 0, 0x77),
        TOY_INSN(TOY_ST, 2, 1, 0x800),       /* to the device */
        TOY_INSN(TOY_LD, 3, 1, 0x900),       /* from the flash's memory */
        TOY_INSN(TOY_HALT, 0, 0, 0),
    };
    uint8_t *mem = memory_region_get_ram_ptr(&flash);
    load(mem, prog, G_N_ELEMENTS(prog));
    uint64_t data = GUINT64_TO_LE(0x1234);
    memcpy(mem + 0x900, &data, 8);

    g_assert_cmpint(run_at(FLASH_BASE), ==, EXCP_HLT);
    g_assert_cmphex(cpu->env.pc, ==, FLASH_BASE + 16);          /* it ran from flash */
    g_assert_cmphex(cpu->env.regs[3], ==, 0x1234);
    g_assert_cmpuint(fdev.reads, ==, 0);
    g_assert_cmpuint(fdev.writes, ==, 1);
    g_assert_cmphex(fdev.last_addr, ==, 0x800);
    g_assert_cmphex(fdev.last_val, ==, 0x77);
    g_assert_cmphex(mem[0x800], ==, 0);                       /* the memory is untouched */

    /* out of ROM mode: the same load is the device's (program in RAM) */
    static const uint32_t prog2[] = {
        TOY_INSN(TOY_MOVI, 1, 0, FLASH_BASE),
        TOY_INSN(TOY_LD, 3, 1, 0x900),
        TOY_INSN(TOY_HALT, 0, 0, 0),
    };
    load(memory_region_get_ram_ptr(&ram), prog2, G_N_ELEMENTS(prog2));
    memory_region_rom_device_set_romd(&flash, false);
    g_assert_cmpint(run_at(RAM_BASE), ==, EXCP_HLT);
    g_assert_cmphex(cpu->env.regs[3], ==, 0xabcd);
    g_assert_cmpuint(fdev.reads, >=, 1);
    memory_region_rom_device_set_romd(&flash, true);
    fdev.reads = 0;
    g_assert_cmpint(run_at(RAM_BASE), ==, EXCP_HLT);
    g_assert_cmphex(cpu->env.regs[3], ==, 0x1234);
    g_assert_cmpuint(fdev.reads, ==, 0);

    /* the device reprograms its memory: code run from it afterwards is the new one */
    static const uint32_t prog3[] = {
        TOY_INSN(TOY_MOVI, 3, 0, 0x55),
        TOY_INSN(TOY_HALT, 0, 0, 0),
    };
    load(mem, prog3, G_N_ELEMENTS(prog3));
    memory_region_flush_rom_device(&flash, 0, 8);
    g_assert_cmpint(run_at(FLASH_BASE), ==, EXCP_HLT);
    g_assert_cmphex(cpu->env.regs[3], ==, 0x55);
    g_assert_cmphex(cpu->env.pc, ==, FLASH_BASE + 4);
}

static void test_dirty_log(void)
{
    /* 100 stores to VRAM page 0, one to page 1; page 2 untouched */
    static const uint32_t prog[] = {
        TOY_INSN(TOY_MOVI, 1, 0, 0x4000),
        TOY_INSN(TOY_ADDI, 1, 1, 0x4000),    /* r1 = VRAM_BASE */
        TOY_INSN(TOY_MOVI, 4, 0, 100),
        TOY_INSN(TOY_ST, 4, 1, 0x10),        /* loop */
        TOY_INSN(TOY_ADDI, 4, 4, -1),
        TOY_INSN(TOY_BNZ, 4, 0, -3),
        TOY_INSN(TOY_MOVI, 4, 0, 7),
        TOY_INSN(TOY_ST, 4, 1, 0x1010),
        TOY_INSN(TOY_HALT, 0, 0, 0),
    };
    load((uint8_t *)memory_region_get_ram_ptr(&ram) + 0x100, prog, G_N_ELEMENTS(prog));
    memory_region_set_log(&vram, true, DIRTY_VGA);
    g_assert_false(memory_region_get_dirty(&vram, 0, 0x8000, DIRTY_VGA));

    uint64_t slow0 = cpu->parent.stats.slow_ldst;
    g_assert_cmpint(run_at(RAM_BASE + 0x100), ==, EXCP_HLT);
    uint64_t slow = cpu->parent.stats.slow_ldst - slow0;
    uint8_t *v = memory_region_get_ram_ptr(&vram);
    g_assert_cmphex(v[0x10], ==, 1);
    g_assert_cmphex(v[0x1010], ==, 7);
    g_assert_true(memory_region_get_dirty(&vram, 0x0000, 0x1000, DIRTY_VGA));
    g_assert_true(memory_region_get_dirty(&vram, 0x1000, 0x1000, DIRTY_VGA));
    g_assert_false(memory_region_get_dirty(&vram, 0x2000, 0x6000, DIRTY_VGA));
    /* a native back end stores inline once the page is dirty; the interpreter never does */
    const char *be = getenv("EMU_TCG_BACKEND");
    if (!be || strcmp(be, "tci") != 0) {
        g_assert_cmpuint(slow, <=, 4);
    }

    /* the display takes the bits: the next CPU write reports again */
    g_assert_true(memory_region_test_and_clear_dirty(&vram, 0, 0x8000, DIRTY_VGA));
    g_assert_false(memory_region_get_dirty(&vram, 0, 0x8000, DIRTY_VGA));
    g_assert_cmpint(run_at(RAM_BASE + 0x100), ==, EXCP_HLT);
    g_assert_true(memory_region_get_dirty(&vram, 0x0000, 0x1000, DIRTY_VGA));
    g_assert_true(memory_region_get_dirty(&vram, 0x1000, 0x1000, DIRTY_VGA));
    g_assert_false(memory_region_get_dirty(&vram, 0x2000, 0x6000, DIRTY_VGA));
    memory_region_set_log(&vram, false, DIRTY_VGA);
}

static void test_watchpoints(void)
{
    static const uint32_t prog[] = {
        TOY_INSN(TOY_MOVI, 1, 0, 0x1000),
        TOY_INSN(TOY_MOVI, 2, 0, 5),
        TOY_INSN(TOY_ST, 2, 1, 0),           /* 0x208 */
        TOY_INSN(TOY_LD, 3, 1, 8),           /* 0x20c */
        TOY_INSN(TOY_ADDI, 4, 3, 1),         /* 0x210 */
        TOY_INSN(TOY_ST, 2, 1, 0x100),       /* 0x214: same page, other bytes */
        TOY_INSN(TOY_HALT, 0, 0, 0),         /* 0x218 */
    };
    uint8_t *mem = memory_region_get_ram_ptr(&ram);
    CPUState *cs = &cpu->parent;
    load(mem + 0x200, prog, G_N_ELEMENTS(prog));
    uint64_t v = GUINT64_TO_LE(41);
    memcpy(mem + 0x1008, &v, 8);

    /* a write watchpoint: stop after the store, the value written */
    mem[0x1000] = 0;
    cpu_watchpoint_insert(cs, 0x1004, 2, BP_MEM_WRITE);
    g_assert_cmpint(run_at(RAM_BASE + 0x200), ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.pc, ==, 0x20c);
    g_assert_cmphex(mem[0x1000], ==, 5);
    g_assert_nonnull(cs->watchpoint_hit);
    g_assert_cmpint(cs->watchpoint_hit->hit_flags, ==, BP_MEM_WRITE);
    g_assert_cmphex(cs->watchpoint_hit->hit_addr, ==, 0x1004);
    cs->watchpoint_hit = NULL;
    /* going on: the store to other bytes of the page does not stop it */
    g_assert_cmpint(run_at(cpu->env.pc), ==, EXCP_HLT);
    g_assert_cmphex(cpu->env.regs[4], ==, 42);
    g_assert_true(cpu_watchpoint_remove(cs, 0x1004, 2, BP_MEM_WRITE));

    /* stop before the access: pc at the store, memory untouched */
    mem[0x1000] = 0;
    cpu_watchpoint_insert(cs, 0x1000, 8, BP_MEM_WRITE | BP_STOP_BEFORE_ACCESS);
    g_assert_cmpint(run_at(RAM_BASE + 0x200), ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.pc, ==, 0x208);
    g_assert_cmphex(mem[0x1000], ==, 0);
    cs->watchpoint_hit = NULL;
    cpu_watchpoint_remove_all(cs);
    g_assert_cmpint(run_at(cpu->env.pc), ==, EXCP_HLT);
    g_assert_cmphex(mem[0x1000], ==, 5);

    /* a read watchpoint ignores the store and stops after the load */
    cpu_watchpoint_insert(cs, 0x1000, 16, BP_MEM_READ);
    g_assert_cmpint(run_at(RAM_BASE + 0x200), ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.pc, ==, 0x210);
    g_assert_cmphex(cpu->env.regs[3], ==, 41);
    g_assert_cmpint(cs->watchpoint_hit->hit_flags, ==, BP_MEM_READ);
    cs->watchpoint_hit = NULL;
    cpu_watchpoint_remove_all(cs);

    /* an access watchpoint stops at the first touch of either kind */
    cpu_watchpoint_insert(cs, 0x1000, 16, BP_MEM_ACCESS);
    g_assert_cmpint(run_at(RAM_BASE + 0x200), ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.pc, ==, 0x20c);
    cs->watchpoint_hit = NULL;
    g_assert_cmpint(run_at(cpu->env.pc), ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.pc, ==, 0x210);
    cs->watchpoint_hit = NULL;
    cpu_watchpoint_remove_all(cs);

    /* none left: straight through */
    g_assert_cmpint(run_at(RAM_BASE + 0x200), ==, EXCP_HLT);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    const char *be = getenv("EMU_TCG_BACKEND");
    if (be && !tcg_backend_select(be, &error_fatal)) {
        return 1;
    }
    if (!tcg_exec_init(4, true, &error_fatal)) {
        return 1;
    }
    MemoryRegion *sys = get_system_memory();
    memory_region_init_ram(&ram, NULL, "ram", 0x4000, &error_fatal);
    memory_region_init_rom_device(&flash, NULL, &flash_ops, NULL, "flash", 0x1000,
                                  &error_fatal);
    memory_region_init_ram(&vram, NULL, "vram", 0x8000, &error_fatal);
    memory_region_add_subregion(sys, RAM_BASE, &ram);
    memory_region_add_subregion(sys, FLASH_BASE, &flash);
    memory_region_add_subregion(sys, VRAM_BASE, &vram);
    memory_tlb_attach(address_space_memory());

    ops = toy_tcg_ops;
    ops.tlb_fill = tlb_fill_1to1;
    cpu = g_new0(ToyCPU, 1);
    tcg_cpu_init(&cpu->parent, &ops, &cpu->env);

    g_test_add_func("/tlbmodes/romd", test_romd);
    g_test_add_func("/tlbmodes/dirty-log", test_dirty_log);
    g_test_add_func("/tlbmodes/watchpoints", test_watchpoints);
    return g_test_run();
}
