/*
 * test-accel.c — the execution layer (accel/tcg) with the toy target: every
 * case runs in its own process (a fresh code buffer and TB cache) once per
 * back end of tcg_backend_list(), and checks the guest state against the
 * toy's reference interpreter, which knows nothing of TBs.
 */
#include "toy.h"
#include "config-host.h"

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "exec/page-protection.h"
#include "tcg/tcg-backend.h"
#include "util/error.h"
#include "util/log.h"

#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#define CODE 0x1000

#define MOVI(rd, imm)     TOY_INSN(TOY_MOVI, rd, 0, imm)
#define ADDI(rd, rs, imm) TOY_INSN(TOY_ADDI, rd, rs, imm)
#define LD(rd, rs, imm)   TOY_INSN(TOY_LD, rd, rs, imm)
#define LDW(rd, rs, imm)  TOY_INSN(TOY_LDW, rd, rs, imm)
#define LDA(rd, rs, imm)  TOY_INSN(TOY_LDA, rd, rs, imm)
#define ST(rd, rs, imm)   TOY_INSN(TOY_ST, rd, rs, imm)
#define BNZ(rd, imm)      TOY_INSN(TOY_BNZ, rd, 0, imm)
#define J(imm)            TOY_INSN(TOY_J, 0, 0, imm)
#define JR(rs)            TOY_INSN(TOY_JR, 0, rs, 0)
#define CALL(n)           TOY_INSN(TOY_CALL, 0, 0, n)
#define UDF               TOY_INSN(TOY_UDF, 0, 0, 0)
#define HALT              TOY_INSN(TOY_HALT, 0, 0, 0)

/* Branch offset from the instruction at `from` to `to` (both byte addresses). */
#define off(from, to) ((int)(((int64_t)(to) - (int64_t)(from) - 4) / 4))

static ToyCPU *new_cpu(uint64_t pc)
{
    ToyCPU *c = toy_cpu_new();
    c->env.pc = pc;
    return c;
}

/* Run until something other than a delivered exception stops the CPU. */
static int run(ToyCPU *c)
{
    return cpu_exec(&c->parent);
}

/* Compare the CPU after a HALT with the reference run from the same start. */
static void check_ref(ToyCPU *c, const uint8_t *mem0, uint64_t pc0, const uint64_t *regs0)
{
    ToyRef r = { 0 };
    if (regs0) {
        memcpy(r.regs, regs0, sizeof(r.regs));
    }
    toy_ref_run(&r, mem0, pc0, 10000000);
    g_assert_cmpint(r.stop, ==, 0);
    for (int i = 0; i < TOY_NREGS; i++) {
        g_assert_cmphex(c->env.regs[i], ==, r.regs[i]);
    }
    g_assert_cmphex(c->env.pc, ==, r.pc);
    g_assert_cmpuint(c->env.helper_calls, ==, r.helper_calls);
}

static uint8_t *snapshot(void)
{
    return g_memdup2(toy_ram, TOY_RAM_SIZE);
}

/* ---- chaining ------------------------------------------------------------ */

static const uint32_t loop_prog[] = {
    MOVI(1, 0),
    MOVI(2, 1000),
    ADDI(1, 1, 3),          /* 0x1008: loop */
    ADDI(2, 2, -1),
    BNZ(2, -3),             /* 0x1010 -> 0x1008 */
    HALT,
};

static uint64_t run_loop(bool nochain)
{
    if (nochain) {
        g_assert_true(log_select("nochain", &error_fatal));
    }
    toy_load(CODE, loop_prog, G_N_ELEMENTS(loop_prog));
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_assert_cmpuint(c->env.regs[1], ==, 3000);
    g_free(mem0);
    return c->parent.stats.tb_execs;
}

static void test_chain(void)
{
    uint64_t execs = run_loop(false);
    if (g_test_verbose()) {
        g_test_message("chained loop of 1000 iterations: %" G_GUINT64_FORMAT
                       " entries from the loop", execs);
    }
    g_assert_cmpuint(execs, <, 10);
}

static void test_nochain(void)
{
    uint64_t execs = run_loop(true);
    g_assert_cmpuint(execs, >=, 1000);
}

/*
 * A chained jump into a TB whose code changes must be undone: block L jumps
 * (chained) to B on another page; B is rewritten; the next run must execute
 * the new B.
 */
static void test_unchain(void)
{
    static const uint32_t a[] = {
        MOVI(1, 0),
        MOVI(2, 10),
        J(off(0x1008, 0x2000)),     /* 0x1008: L */
    };
    uint32_t b[] = {
        ADDI(1, 1, 1),              /* 0x2000: B */
        ADDI(2, 2, -1),
        BNZ(2, off(0x2008, 0x1008)),
        HALT,
    };
    toy_load(CODE, a, G_N_ELEMENTS(a));
    toy_load(0x2000, b, G_N_ELEMENTS(b));
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 10);
    g_assert_cmpuint(c->parent.stats.chained, >, 0);

    /* what linux-user does on the guest's write: unprotect (invalidating), then write */
    g_assert_cmpint(page_unprotect(0x2000, 0), ==, 1);
    b[0] = ADDI(1, 1, 100);
    toy_load(0x2000, b, 1);
    TBStats st;
    tb_get_stats(&st);
    g_assert_cmpuint(st.invalidations, >=, 1);

    uint8_t *mem0 = snapshot();
    c->env.pc = CODE;
    uint64_t execs0 = c->parent.stats.tb_execs;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_assert_cmpuint(c->env.regs[1], ==, 1000);
    /* and it chains again afterwards */
    g_assert_cmpuint(c->parent.stats.tb_execs - execs0, <, 10);
    g_free(mem0);
}

/* goto_ptr through the jump cache must not reach code that was invalidated. */
static void test_jmp_cache(void)
{
    static const uint32_t a[] = {
        MOVI(5, 0x3000),
        MOVI(2, 3),
        JR(5),                      /* 0x1008 */
    };
    uint32_t t[] = {
        ADDI(1, 1, 1),              /* 0x3000 */
        ADDI(2, 2, -1),
        BNZ(2, off(0x3008, 0x1008)),
        HALT,
    };
    toy_load(CODE, a, G_N_ELEMENTS(a));
    toy_load(0x3000, t, G_N_ELEMENTS(t));
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 3);

    g_assert_cmpint(page_unprotect(0x3000, 0), ==, 1);
    t[0] = ADDI(1, 1, 50);
    toy_load(0x3000, t, 1);
    uint8_t *mem0 = snapshot();
    uint64_t regs0[TOY_NREGS];
    memcpy(regs0, c->env.regs, sizeof(regs0));
    c->env.pc = CODE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, regs0);
    g_assert_cmpuint(c->env.regs[1], ==, 3 + 150);
    g_free(mem0);
}

/*
 * System mode: the jump cache is keyed by virtual pc, so a TB found through
 * it must not outlive a change of the mapping its code was fetched through.
 * Virtual page V first maps to physical P1, then to P2 (other code at the
 * same offsets) with tlb_flush_page(V): the next run must take P2's code,
 * both for a TB starting on V and for one starting on the page before V
 * whose last instruction straddles into V.  A flush of some other page
 * must not change what runs.
 */
static void test_jmp_cache_page_flush(void)
{
    const uint64_t V = 0x4000, P1 = 0x20000, P2 = 0x30000;
    const uint32_t body1[] = { ADDI(1, 1, 1), HALT };
    const uint32_t body2[] = { ADDI(1, 1, 100), HALT };
    const uint32_t halt = HALT;
    /* an ADDI at V - 2: its first two bytes end page V - 1, its last two start V */
    const uint32_t straddle1 = ADDI(1, 1, 7), straddle2 = ADDI(1, 1, 9);

    toy_load(P1 + 0x100, body1, 2);
    toy_load(P2 + 0x100, body2, 2);
    memcpy(toy_ram + V - 2, &straddle1, 2);               /* the same in both mappings */
    memcpy(toy_ram + P1, (const uint8_t *)&straddle1 + 2, 2);
    memcpy(toy_ram + P2, (const uint8_t *)&straddle2 + 2, 2);
    memcpy(toy_ram + P1 + 2, &halt, 4);                   /* the TB after it: V + 2 */
    memcpy(toy_ram + P2 + 2, &halt, 4);
    toy_alias_vpage = V;

    ToyCPU *c = new_cpu(CODE);
    uint64_t expect = 0;
    static const struct {
        uint64_t target;           /* where JR goes */
        uint64_t flush;            /* page flushed before the run (-1: none) */
        uint64_t ppage;            /* V's physical page during the run */
        uint64_t add;              /* what the run adds to r1 */
    } steps[] = {
        { 0x4100, -1, 0x20000, 1 },
        { 0x4100, -1, 0x20000, 1 },         /* now from the jump cache */
        { 0x4100, 0x4000, 0x30000, 100 },   /* remapped and flushed: P2's code */
        { 0x4100, 0x6000, 0x30000, 100 },
        { 0x3ffe, -1, 0x30000, 9 },
        { 0x3ffe, -1, 0x30000, 9 },
        { 0x3ffe, 0x4000, 0x20000, 7 },     /* the straddling TB starts on V - 1 */
        { 0x4100, 0x6000, 0x20000, 1 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
        const uint32_t start[] = {
            MOVI(5, (int)steps[i].target),
            JR(5),
        };
        toy_load(CODE, start, 2);
        toy_alias_ppage = steps[i].ppage;
        if (steps[i].flush != (uint64_t)-1) {
            tlb_flush_page(&c->parent, steps[i].flush);
        }
        c->env.pc = CODE;
        g_assert_cmpint(run(c), ==, EXCP_HLT);
        expect += steps[i].add;
        g_assert_cmpuint(c->env.regs[1], ==, expect);
    }
    toy_alias_vpage = toy_alias_ppage = -1;
}

/*
 * A full TLB flush empties the jump cache by starting a new generation;
 * the generation counter wraps after 65536 flushes, when an entry left
 * from the generation that comes round again must not match.  V maps to
 * P1, its TB is cached; V is remapped to P2 and the TLB flushed once for
 * real and then 65535 times more without MMU indexes (only the jump cache
 * is emptied), so the generation is back where the entry was made.
 */
static void test_jmp_cache_flush_generation(void)
{
    const uint64_t V = 0x4000, P1 = 0x20000, P2 = 0x30000;
    const uint32_t body1[] = { ADDI(1, 1, 1), HALT };
    const uint32_t body2[] = { ADDI(1, 1, 100), HALT };
    const uint32_t start[] = { MOVI(5, 0x4100), JR(5) };

    toy_load(P1 + 0x100, body1, 2);
    toy_load(P2 + 0x100, body2, 2);
    toy_load(CODE, start, 2);
    toy_alias_vpage = V;
    toy_alias_ppage = P1;
    ToyCPU *c = new_cpu(CODE);
    for (int i = 0; i < 2; i++) {                     /* the second run hits the cache */
        c->env.pc = CODE;
        g_assert_cmpint(run(c), ==, EXCP_HLT);
    }
    g_assert_cmpuint(c->env.regs[1], ==, 2);

    toy_alias_ppage = P2;
    tlb_flush(&c->parent);
    c->env.pc = CODE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 102);

    /* back to P1 (its TB is still in the hash), and round the generations */
    toy_alias_ppage = P1;
    tlb_flush(&c->parent);
    c->env.pc = CODE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 103);
    toy_alias_ppage = P2;
    tlb_flush(&c->parent);
    for (int i = 1; i < 65536; i++) {
        tlb_flush_by_mmuidx(&c->parent, 0);
    }
    c->env.pc = CODE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 203);
    toy_alias_vpage = toy_alias_ppage = -1;
}

/* ---- code buffer flush ----------------------------------------------------- */

#define FLUSH_BLOCKS 400

static void load_many_blocks(void)
{
    uint32_t *p = g_new(uint32_t, 2 * FLUSH_BLOCKS + 5);
    unsigned n = 0;
    p[n++] = MOVI(1, 0);
    p[n++] = MOVI(2, 4);
    uint64_t top = CODE + 4 * n;
    for (int i = 0; i < FLUSH_BLOCKS; i++) {
        p[n++] = ADDI(1, 1, 1);
        p[n++] = J(0);              /* to the next instruction: one TB per block */
    }
    p[n++] = ADDI(2, 2, -1);
    p[n] = BNZ(2, off(CODE + 4 * n, top));
    n++;
    p[n++] = HALT;
    toy_load(CODE, p, n);
    g_free(p);
}

static void test_flush(void)
{
    load_many_blocks();
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_assert_cmpuint(c->env.regs[1], ==, 4 * FLUSH_BLOCKS);
    TBStats st;
    tb_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 2);
    g_free(mem0);
}

typedef struct FlushThread {
    ToyCPU *cpu;
    int ret;
} FlushThread;

static void *flush_thread(void *opaque)
{
    FlushThread *t = opaque;
    for (int i = 0; i < 5; i++) {
        t->cpu->env.pc = CODE;
        t->ret = run(t->cpu);
        if (t->ret != EXCP_HLT || t->cpu->env.regs[1] != 4 * FLUSH_BLOCKS) {
            break;
        }
    }
    return NULL;
}

/* Two vCPU threads translating into a tiny buffer: flushes happen while the other runs. */
static void test_flush_threads(void)
{
    load_many_blocks();
    FlushThread t[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        t[i].cpu = new_cpu(CODE);
    }
    for (int i = 0; i < 2; i++) {
        pthread_create(&th[i], NULL, flush_thread, &t[i]);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        g_assert_cmpint(t[i].ret, ==, EXCP_HLT);
        g_assert_cmpuint(t[i].cpu->env.regs[1], ==, 4 * FLUSH_BLOCKS);
    }
    TBStats st;
    tb_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 2);
}

/* ---- precise exceptions -------------------------------------------------- */

/* A load faulting in the soft TLB mid-TB: pc and registers are those of the load. */
static void test_restore_fault(void)
{
    static const uint32_t p[] = {
        MOVI(1, 5),
        ADDI(2, 1, 3),
        MOVI(4, -16),
        CALL(0),
        LD(3, 4, 0),                /* 0x1010: faults */
        ADDI(1, 1, 1),
        HALT,
    };
    static const uint32_t handler[] = { HALT };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    toy_load(0x1100, handler, 1);
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    c->env.vector = 0x1100;
    g_assert_cmpint(run(c), ==, EXCP_HLT);

    ToyRef r = { 0 };
    toy_ref_run(&r, mem0, CODE, 1000);
    g_assert_cmpint(r.stop, ==, TOY_EXCP_PAGE);
    g_assert_cmpint(c->env.excp_count, ==, 1);
    g_assert_cmpint(c->env.excp_code, ==, TOY_EXCP_PAGE);
    g_assert_cmphex(c->env.excp_pc, ==, r.pc);
    g_assert_cmphex(c->env.excp_pc, ==, 0x1010);
    g_assert_cmphex(c->env.excp_addr, ==, (uint64_t)-16);
    for (int i = 0; i < TOY_NREGS; i++) {
        g_assert_cmphex(c->env.excp_regs[i], ==, r.regs[i]);
    }
    g_assert_cmpuint(c->env.helper_calls, ==, 1);
    g_assert_cmphex(c->env.pc, ==, 0x1100);
    g_free(mem0);
}

/* Helpers raising exceptions from the middle of a TB. */
static void test_helper_exception(void)
{
    static const uint32_t p[] = {
        MOVI(1, 7),
        CALL(0),
        ADDI(1, 1, 1),
        CALL(1),                    /* 0x100c: TOY_EXCP_TRAP */
        ADDI(1, 1, 100),
        HALT,
    };
    /* first entry: r6 = 1, UDF at 0x1110; second entry: r6 = 2, HALT at 0x110c */
    static const uint32_t handler[] = {
        ADDI(6, 6, 1),
        ADDI(7, 6, -2),
        BNZ(7, 1),
        HALT,
        UDF,
    };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    toy_load(0x1100, handler, G_N_ELEMENTS(handler));
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    c->env.vector = 0x1100;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    /* the first exception: state of the CALL 1 */
    ToyRef r = { 0 };
    toy_ref_run(&r, mem0, CODE, 1000);
    g_assert_cmpint(r.stop, ==, TOY_EXCP_TRAP);
    g_assert_cmpint(c->env.excp_count, ==, 2);
    g_assert_cmphex(c->env.excp_first_pc, ==, r.pc);
    g_assert_cmphex(c->env.excp_first_pc, ==, 0x100c);
    g_assert_cmpuint(c->env.helper_calls, ==, r.helper_calls);
    /* the second one replaced the record: UDF at 0x1110 with r6 == 1 */
    g_assert_cmpint(c->env.excp_code, ==, TOY_EXCP_UDF);
    g_assert_cmphex(c->env.excp_pc, ==, 0x1110);
    g_assert_cmpuint(c->env.excp_regs[6], ==, 1);
    g_assert_cmpuint(c->env.excp_regs[1], ==, r.regs[1]);
    g_assert_cmpuint(c->env.regs[1], ==, 8);
    g_assert_cmphex(c->env.pc, ==, 0x110c);
    g_free(mem0);
}

/*
 * An instruction straddling into a page that cannot be executed: the TB
 * ends before it, and the fetch fault comes with its pc and the registers
 * of the instructions before it.
 */
static void test_fetch_straddle(void)
{
    const uint64_t end = TOY_RAM_SIZE;
    const uint32_t p[] = { MOVI(1, 5), ADDI(1, 1, 1) };
    const uint32_t handler[] = { HALT };
    toy_load(end - 10, p, 2);
    toy_ram[end - 2] = TOY_ADDI;
    toy_ram[end - 1] = 0x11;
    toy_load(0x1100, handler, 1);
    ToyCPU *c = new_cpu(end - 10);
    c->env.vector = 0x1100;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpint(c->env.excp_count, ==, 1);
    g_assert_cmpint(c->env.excp_code, ==, TOY_EXCP_PAGE);
    g_assert_cmphex(c->env.excp_pc, ==, end - 2);
    g_assert_cmphex(c->env.excp_addr, ==, end);
    g_assert_cmpuint(c->env.excp_regs[1], ==, 6);
    g_assert_cmphex(c->env.pc, ==, 0x1100);
}

/* ---- debugging --------------------------------------------------------- */

static void test_single_step(void)
{
    static const uint32_t p[] = {
        MOVI(1, 0),
        MOVI(2, 3),
        ADDI(1, 1, 3),
        ADDI(2, 2, -1),
        BNZ(2, -3),
        HALT,
    };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    cpu_single_step(&c->parent, SSTEP_ENABLE);
    ToyRef r = { 0 };
    r.pc = CODE;
    unsigned steps = 0;
    int ret;
    while ((ret = run(c)) == EXCP_DEBUG) {
        steps++;
        toy_ref_run(&r, mem0, r.pc, 1);          /* one reference step */
        g_assert_cmphex(c->env.pc, ==, r.pc);
        for (int i = 0; i < TOY_NREGS; i++) {
            g_assert_cmphex(c->env.regs[i], ==, r.regs[i]);
        }
        g_assert_cmpuint(steps, <, 100);
    }
    g_assert_cmpint(ret, ==, EXCP_HLT);
    g_assert_cmpuint(steps, ==, 2 + 3 * 3);
    g_free(mem0);
}

static void test_breakpoint(void)
{
    toy_load(CODE, loop_prog, G_N_ELEMENTS(loop_prog));
    ToyCPU *c = new_cpu(CODE);
    /* translate everything first, so that the breakpoint must invalidate */
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    c->env.pc = CODE;
    cpu_breakpoint_insert(&c->parent, 0x100c);
    g_assert_cmpint(run(c), ==, EXCP_DEBUG);
    g_assert_cmphex(c->env.pc, ==, 0x100c);
    g_assert_cmpuint(c->env.regs[1], ==, 3);
    g_assert_cmpuint(c->env.regs[2], ==, 1000);
    g_assert_true(cpu_breakpoint_remove(&c->parent, 0x100c));
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(c->env.regs[1], ==, 3000);
}

static void *exit_later(void *opaque)
{
    usleep(50 * 1000);
    cpu_exit(opaque);
    return NULL;
}

/* cpu_exit from another thread stops a CPU spinning in a chained loop. */
static void test_cpu_exit(void)
{
    static const uint32_t p[] = { ADDI(1, 1, 1), J(-2) };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    ToyCPU *c = new_cpu(CODE);
    pthread_t th;
    pthread_create(&th, NULL, exit_later, &c->parent);
    g_assert_cmpint(run(c), ==, EXCP_INTERRUPT);
    pthread_join(th, NULL);
    g_assert_cmpuint(c->env.regs[1], >, 1000);
    g_assert_true(c->env.pc == CODE || c->env.pc == CODE + 4);
}

static void *interrupt_later(void *opaque)
{
    usleep(30 * 1000);
    cpu_interrupt(opaque, CPU_INTERRUPT_HARD);
    return NULL;
}

/* An interrupt raised by another thread reaches a CPU spinning in a chained loop. */
static void test_interrupt(void)
{
    const uint32_t p[] = { ADDI(1, 1, 1), J(-2) };
    const uint32_t handler[] = { HALT };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    toy_load(0x1100, handler, 1);
    ToyCPU *c = new_cpu(CODE);
    c->env.vector = 0x1100;
    pthread_t th;
    pthread_create(&th, NULL, interrupt_later, &c->parent);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    pthread_join(th, NULL);
    g_assert_cmpint(c->env.excp_count, ==, 1);
    g_assert_cmpint(c->env.excp_code, ==, TOY_EXCP_IRQ);
    /* taken at a TB boundary: the loop's first instruction, with the count so far */
    g_assert_cmphex(c->env.excp_pc, ==, CODE);
    g_assert_cmpuint(c->env.excp_regs[1], >, 1000);
    g_assert_cmpuint(c->env.regs[1], ==, c->env.excp_regs[1]);
    g_assert_cmphex(c->env.pc, ==, 0x1100);
    g_assert_cmpuint(c->parent.interrupt_request, ==, 0);
}

/*
 * A request for a halted CPU must reach whoever sleeps for it: without the
 * hook, system mode's vCPU thread noticed an interrupt only at its next
 * 10 ms poll, so every HLT the guest waited on a timer cost up to 10 ms.
 */
static CPUState *kicked_cpu;
static unsigned kick_count;

static void count_kick(CPUState *cpu)
{
    kicked_cpu = cpu;
    kick_count++;
}

static void test_kick_hook(void)
{
    ToyCPU *c = new_cpu(CODE);
    cpu_exec_set_kick_hook(count_kick);
    cpu_interrupt(&c->parent, CPU_INTERRUPT_HARD);
    g_assert_cmpuint(kick_count, ==, 1);
    g_assert_true(kicked_cpu == &c->parent);
    cpu_exit(&c->parent);
    g_assert_cmpuint(kick_count, ==, 2);
    cpu_reset_interrupt(&c->parent, CPU_INTERRUPT_HARD);
    g_assert_cmpuint(kick_count, ==, 2);     /* dropping a request wakes nobody */
    cpu_exec_set_kick_hook(NULL);
    cpu_interrupt(&c->parent, CPU_INTERRUPT_HARD);
    g_assert_cmpuint(kick_count, ==, 2);
}

/* ---- self-modifying code --------------------------------------------------- */

static void smc_segv(int sig, siginfo_t *si, void *uc)
{
    uint64_t addr = (uintptr_t)si->si_addr - guest_base;
    uintptr_t pc = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
    if (tcg_user_helper_retaddr) {
        pc = tcg_user_helper_retaddr;
    }
    switch (page_unprotect(addr, pc)) {
    case 1:
        return;
    case 2:
        page_unprotect_restart(current_cpu, pc);
    default:
        abort();
    }
}

/* The guest rewrites an instruction it already ran; the new one must run. */
static void test_smc(void)
{
    static const uint32_t p[] = {
        MOVI(1, 0),
        MOVI(2, 2),
        MOVI(5, 0x4000),
        MOVI(6, 0x1010),
        J(0),                       /* 0x1010: L */
        ADDI(1, 1, 1),              /* 0x1014: T, patched */
        ADDI(2, 2, -1),
        BNZ(2, 1),                  /* -> P */
        HALT,
        LD(7, 5, 0),                /* 0x1024: P */
        ST(7, 6, 4),                /* patch T and the word after it */
        J(-8),                      /* -> L */
    };
    const uint32_t patch[2] = { ADDI(1, 1, 100), ADDI(2, 2, -1) };
    struct sigaction sa = { .sa_sigaction = smc_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);

    toy_load(CODE, p, G_N_ELEMENTS(p));
    toy_load(0x4000, patch, 2);
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_assert_cmpuint(c->env.regs[1], ==, 101);
    TBStats st;
    tb_get_stats(&st);
    g_assert_cmpuint(st.invalidations, >=, 1);
    g_free(mem0);
}

/* ---- soft TLB ------------------------------------------------------------ */

static void test_tlb_fill_flush(void)
{
    ToyCPU *c = new_cpu(CODE);
    CPUArchState *env = &c->env;
    MemOpIdx oi = make_memop_idx(MO_LEUQ, 0);

    cpu_st_mmu(env, 0x5000, 0x1122334455667788ull, oi, 0);
    g_assert_cmpuint(toy_tlb_fills, ==, 1);
    g_assert_cmphex(cpu_ld_mmu(env, 0x5000, oi, 0), ==, 0x1122334455667788ull);
    g_assert_cmphex(cpu_ld_mmu(env, 0x5ff0, oi, 0), ==, 0);
    g_assert_cmpuint(toy_tlb_fills, ==, 1);          /* same page: hits */
    g_assert_cmphex(toy_ram[0x5000], ==, 0x88);      /* little-endian in RAM */
    tlb_flush_page(&c->parent, 0x5123);
    g_assert_cmphex(cpu_ld_mmu(env, 0x5000, oi, 0), ==, 0x1122334455667788ull);
    g_assert_cmpuint(toy_tlb_fills, ==, 2);
    tlb_flush_page(&c->parent, 0x6000);              /* another page: keeps ours */
    cpu_ld_mmu(env, 0x5008, oi, 0);
    g_assert_cmpuint(toy_tlb_fills, ==, 2);
    tlb_flush(&c->parent);
    cpu_ld_mmu(env, 0x5008, oi, 0);
    g_assert_cmpuint(toy_tlb_fills, ==, 3);
    /*
     * A full flush skips the tables with no entries in use: the count must
     * stay exact, also when the top page (whose address an empty entry's
     * all-ones fields look like) is flushed while its slot is empty.
     */
    tlb_flush_page(&c->parent, -(uint64_t)(1u << TOY_PAGE_BITS));
    tlb_flush(&c->parent);
    cpu_ld_mmu(env, 0x5008, oi, 0);
    g_assert_cmpuint(toy_tlb_fills, ==, 4);

    /* MMIO: values go through the callbacks */
    cpu_st_mmu(env, TOY_MMIO_BASE, 0xabcdef, oi, 0);
    g_assert_cmphex(toy_mmio_reg, ==, 0xabcdef);
    g_assert_cmphex(cpu_ld_mmu(env, TOY_MMIO_BASE, oi, 0), ==, 0xabcdef);
    g_assert_cmphex(cpu_ld_mmu(env, TOY_MMIO_BASE + 0x18, make_memop_idx(MO_UL, 0), 0), ==, 0x18);
    g_assert_cmpuint(toy_mmio_writes, ==, 1);
    g_assert_cmpuint(toy_mmio_reads, ==, 2);

    /* a fault leaves through cpu_loop_exit: catch it here */
    if (sigsetjmp(c->parent.jmp_env, 0) == 0) {
        cpu_ld_mmu(env, 0x7f000000, oi, 0);
        g_assert_not_reached();
    }
    g_assert_cmpint(c->parent.exception_index, ==, TOY_EXCP_PAGE);
    g_assert_cmphex(c->env.excp_addr, ==, 0x7f000000);
}

static void test_tlb_resize(void)
{
    ToyCPU *c = new_cpu(CODE);
    MemOpIdx oi = make_memop_idx(MO_UB, 0);
    unsigned n0 = tlb_table_entries(&c->parent, 0);

    g_assert_cmpuint(n0, ==, 1u << CPU_TLB_DEFAULT_BITS);
    for (unsigned i = 0; i < n0 * 8 / 10; i++) {       /* 80% of the entries */
        cpu_ld_mmu(&c->env, (uint64_t)i << TOY_PAGE_BITS, oi, 0);
    }
    tlb_flush(&c->parent);
    g_assert_cmpuint(tlb_table_entries(&c->parent, 0), ==, 2 * n0);
    g_assert_cmpuint(tlb_table_entries(&c->parent, 1), ==, n0);   /* unused index: same */
    /* after a quiet window the table shrinks back */
    usleep(120 * 1000);
    cpu_ld_mmu(&c->env, 0, oi, 0);
    tlb_flush(&c->parent);
    g_assert_cmpuint(tlb_table_entries(&c->parent, 0), ==, n0);
    /* and it still works */
    toy_ram[0x3000] = 0x5a;
    g_assert_cmphex(cpu_ld_mmu(&c->env, 0x3000, oi, 0), ==, 0x5a);
}

/*
 * Two pages sharing a direct-mapped slot (a copy whose source and
 * destination are a multiple of the table size apart): the victim table
 * keeps the evicted one, so alternating accesses fill each page once; a
 * page flush must drop a page from the victims too.
 */
static void test_tlb_victim(void)
{
    ToyCPU *c = new_cpu(CODE);
    CPUArchState *env = &c->env;
    MemOpIdx oi = make_memop_idx(MO_UB, 0);
    unsigned n0 = tlb_table_entries(&c->parent, 0);

    /* a quiet window shrinks the table, so two conflicting pages fit in RAM */
    usleep(120 * 1000);
    cpu_ld_mmu(env, 0, oi, 0);
    tlb_flush(&c->parent);
    unsigned n = tlb_table_entries(&c->parent, 0);
    g_assert_cmpuint(n, ==, n0 / 2);
    uint64_t a = 0x3000, b = a + ((uint64_t)n << TOY_PAGE_BITS);
    g_assert_cmpuint(b, <, TOY_RAM_SIZE);
    unsigned fills0 = toy_tlb_fills;
    for (unsigned i = 0; i < 100; i++) {
        cpu_st_mmu(env, b + i, cpu_ld_mmu(env, a + i, oi, 0) ^ 0xff, oi, 0);
    }
    g_assert_cmpuint(toy_tlb_fills - fills0, ==, 2);
    for (unsigned i = 0; i < 100; i++) {
        g_assert_cmphex(toy_ram[b + i], ==, toy_ram[a + i] ^ 0xff);
    }
    /* b is in the slot, a a victim: flushing a must make it fill again */
    tlb_flush_page(&c->parent, a);
    toy_ram[a] = 0x77;
    g_assert_cmphex(cpu_ld_mmu(env, a, oi, 0), ==, 0x77);
    g_assert_cmpuint(toy_tlb_fills - fills0, ==, 3);
    /* and b, now the victim, is still found without a fill */
    cpu_ld_mmu(env, b, oi, 0);
    g_assert_cmpuint(toy_tlb_fills - fills0, ==, 3);
    tlb_flush(&c->parent);
    cpu_ld_mmu(env, b, oi, 0);
    cpu_ld_mmu(env, a, oi, 0);
    g_assert_cmpuint(toy_tlb_fills - fills0, ==, 5);
}

static void test_page_crossing(void)
{
    ToyCPU *c = new_cpu(CODE);
    CPUArchState *env = &c->env;

    for (int i = 0; i < 16; i++) {
        toy_ram[0x1ff8 + i] = 0x10 + i;
    }
    /* references assembled byte by byte */
    uint64_t le = 0, be = 0;
    for (int i = 0; i < 8; i++) {
        le |= (uint64_t)toy_ram[0x1ffd + i] << (8 * i);
        be = be << 8 | toy_ram[0x1ffd + i];
    }
    g_assert_cmphex(cpu_ld_mmu(env, 0x1ffd, make_memop_idx(MO_LEUQ, 0), 0), ==, le);
    g_assert_cmphex(cpu_ld_mmu(env, 0x1ffd, make_memop_idx(MO_BEUQ, 0), 0), ==, be);
    g_assert_cmphex(cpu_ld_mmu(env, 0x1fff, make_memop_idx(MO_BESW, 0), 0), ==,
                    (uint64_t)(int16_t)(toy_ram[0x1fff] << 8 | toy_ram[0x2000]));
    cpu_st_mmu(env, 0x2ffe, 0x0102030405060708ull, make_memop_idx(MO_BEUQ, 0), 0);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(toy_ram[0x2ffe + i], ==, i + 1);
    }
    /* a store whose second page faults changes nothing */
    uint64_t last = TOY_RAM_SIZE - 4;
    memset(toy_ram + last, 0xee, 4);
    if (sigsetjmp(c->parent.jmp_env, 0) == 0) {
        cpu_st_mmu(env, last, 0, make_memop_idx(MO_LEUQ, 0), 0);
        g_assert_not_reached();
    }
    g_assert_cmphex(c->env.excp_addr, ==, TOY_RAM_SIZE);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(toy_ram[last + i], ==, 0xee);
    }

    /* and from generated code */
    c->parent.exception_index = EXCP_NONE;
    static const uint32_t p[] = {
        MOVI(4, 0x1ffe),
        LDW(3, 4, 0),
        LD(5, 4, 1),
        MOVI(6, 0x2ffc),
        ST(5, 6, 0),
        LD(7, 6, 0),
        HALT,
    };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    uint8_t *mem0 = snapshot();
    c->env.pc = CODE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_free(mem0);
}

/*
 * Loads and stores from generated code in system mode, counting the calls
 * of tcg_helper_ld/st (stats.slow_ldst): a native back end must do TLB hits
 * inline, so a loop of 4000 accesses to one RAM page costs it only the
 * first misses, while MMIO, page-crossing and misaligned accesses take the
 * slow path on every back end.  TCI calls the helper for every access.
 */
static void test_inline_tlb(void)
{
    bool native = tcg_backend_default(&error_fatal)->native != NULL;
    static const uint32_t p[] = {
        MOVI(1, 0x3000),
        MOVI(2, 1000),
        LD(3, 1, 0),                /* 0x1008: loop */
        ADDI(3, 3, 1),
        ST(3, 1, 0),
        LDW(4, 1, 8),
        LDA(6, 1, 12),
        ADDI(2, 2, -1),
        BNZ(2, -7),
        HALT,
    };
    for (int i = 0; i < 16; i++) {
        toy_ram[0x3000 + i] = 0x31 * (i + 1);
    }
    toy_load(CODE, p, G_N_ELEMENTS(p));
    uint8_t *mem0 = snapshot();
    ToyCPU *c = new_cpu(CODE);
    CPUExecStats *st = &c->parent.stats;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    check_ref(c, mem0, CODE, NULL);
    g_free(mem0);
    if (g_test_verbose()) {
        g_test_message("4000 RAM accesses: %" G_GUINT64_FORMAT " slow-path calls", st->slow_ldst);
    }
    if (native) {
        g_assert_cmpuint(st->slow_ldst, <, 10);
    } else {
        g_assert_cmpuint(st->slow_ldst, >=, 4000);
    }

    /* MMIO (TLB_MMIO in the entry) and page crossings: the slow path each time */
    static const uint32_t q[] = {
        MOVI(2, 100),
        MOVI(1, 0x4ffd),
        LD(3, 7, 0),                /* 0x2008: loop; r7 = the MMIO register */
        LD(4, 1, 0),                /* crosses into 0x5000 */
        ADDI(2, 2, -1),
        BNZ(2, -4),
        HALT,
    };
    for (int i = 0; i < 8; i++) {
        toy_ram[0x4ffd + i] = 0x40 + i;
    }
    toy_load(0x2000, q, G_N_ELEMENTS(q));
    toy_mmio_reg = 0x1234;
    unsigned reads0 = toy_mmio_reads;
    uint64_t slow0 = st->slow_ldst;
    c->env.pc = 0x2000;
    c->env.regs[7] = TOY_MMIO_BASE;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_cmpuint(toy_mmio_reads - reads0, ==, 100);
    g_assert_cmphex(c->env.regs[3], ==, 0x1234);
    g_assert_cmphex(c->env.regs[4], ==, 0x4746454443424140ull);
    g_assert_cmpuint(st->slow_ldst - slow0, >=, 200);

    /* a misaligned LDA: the alignment fault, precise, from the slow path */
    static const uint32_t m[] = {
        MOVI(1, 0x3000),
        LDA(5, 1, 4),
        ADDI(1, 1, 2),
        LDA(6, 1, 4),               /* 0x400c: 0x3006 */
        MOVI(1, 0),
        HALT,
    };
    static const uint32_t handler[] = { HALT };
    toy_load(0x4000, m, G_N_ELEMENTS(m));
    toy_load(0x4100, handler, 1);
    mem0 = snapshot();
    memset(c->env.regs, 0, sizeof(c->env.regs));
    c->env.pc = 0x4000;
    c->env.vector = 0x4100;
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    ToyRef r = { 0 };
    toy_ref_run(&r, mem0, 0x4000, 1000);
    g_assert_cmpint(r.stop, ==, TOY_EXCP_ALIGN);
    g_assert_cmpint(c->env.excp_code, ==, TOY_EXCP_ALIGN);
    g_assert_cmphex(c->env.excp_pc, ==, 0x400c);
    g_assert_cmphex(c->env.excp_pc, ==, r.pc);
    g_assert_cmphex(c->env.excp_addr, ==, 0x3006);
    for (int i = 0; i < TOY_NREGS; i++) {
        g_assert_cmphex(c->env.excp_regs[i], ==, r.regs[i]);
    }
    g_free(mem0);
}

/* ---- logging and the code buffer mapping ------------------------------------ */

/* -d exec,in_asm,cpu,nochain: one trace line per TB run, the guest code of each new TB. */
static void test_log(void)
{
    char *path = NULL;
    int fd = g_file_open_tmp(NULL, &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(path, &error_fatal));
    g_assert_true(log_select("exec,in_asm,cpu,nochain", &error_fatal));

    const uint32_t p[] = { MOVI(2, 3), ADDI(2, 2, -1), BNZ(2, -2), HALT };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_true(log_set_file(NULL, &error_fatal));

    char *text;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    unsigned traces = 0, ins = 0, dumps = 0;
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        traces += g_str_has_prefix(*l, "Trace 0:");
        ins += g_str_has_prefix(*l, "IN: pc=");
        dumps += g_str_has_prefix(*l, "pc=");
    }
    /* TBs: [MOVI ADDI BNZ], [ADDI BNZ] twice, [HALT]; translated: 3 */
    g_assert_cmpuint(traces, ==, c->parent.stats.tb_execs);
    g_assert_cmpuint(traces, ==, 4);
    g_assert_cmpuint(dumps, ==, 4);
    g_assert_cmpuint(ins, ==, c->parent.stats.translations);
    g_assert_cmpuint(ins, ==, 3);
    g_assert_nonnull(strstr(text, "IN: pc=0x1004 size=8 insns=2"));
    g_strfreev(lines);
    g_free(text);
    unlink(path);
    g_free(path);
}

/* Is addr inside an executable mapping of this process (the kernel's list)? */
static bool in_exec_mapping(uint64_t addr)
{
    char *maps = NULL;
    bool found = false;
    g_assert_true(g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
    char **lines = g_strsplit(maps, "\n", -1);
    for (int i = 0; lines[i] && !found; i++) {
        uint64_t lo, hi;
        char perms[8];
        if (sscanf(lines[i], "%" SCNx64 "-%" SCNx64 " %7s", &lo, &hi, perms) == 3) {
            found = addr >= lo && addr < hi && perms[2] == 'x';
        }
    }
    g_strfreev(lines);
    g_free(maps);
    return found;
}

/*
 * -d in_asm,op,op_opt,out_asm in system mode: per TB the guest code, the
 * IR before and after the passes and, on a native back end, the host code
 * disassembled (x86 mnemonics when capstone is there) at the addresses it
 * runs from: each listing starts in an executable mapping and its
 * instruction addresses are contiguous up to the size announced.
 */
static void test_log_asm(void)
{
    bool native = tcg_backend_default(&error_fatal)->native != NULL;
    char *path = NULL;
    int fd = g_file_open_tmp(NULL, &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(path, &error_fatal));
    g_assert_true(log_select("in_asm,op,op_opt,out_asm", &error_fatal));

    const uint32_t p[] = {
        MOVI(1, 0x3000), MOVI(2, 3),
        LD(3, 1, 0), ST(3, 1, 8), ADDI(2, 2, -1), BNZ(2, -4),
        HALT,
    };
    toy_load(CODE, p, G_N_ELEMENTS(p));
    ToyCPU *c = new_cpu(CODE);
    g_assert_cmpint(run(c), ==, EXCP_HLT);
    g_assert_true(log_set_file(NULL, &error_fatal));

    char *text;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    char **lines = g_strsplit(text, "\n", -1);
    unsigned ins = 0, ops = 0, opts = 0, outs = 0, step = 0;
    unsigned mov = 0, call = 0, jmp = 0, ret = 0;
    for (int i = 0; lines[i]; i++) {
        const char *l = lines[i];
        if (g_str_has_prefix(l, "IN: ")) {
            ins++;                   /* in_asm is logged once the TB is made */
        } else if (g_str_has_prefix(l, "OP: ")) {
            /* the order of one translation: OP, OP after ..., OUT */
            g_assert_cmpuint(step, ==, 0);
            ops++;
            step = 1;
        } else if (g_str_has_prefix(l, "OP after optimization")) {
            g_assert_cmpuint(step, ==, 1);
            opts++;
            step = native ? 2 : 0;
        } else if (g_str_has_prefix(l, "OUT: [size=")) {
            g_assert_cmpuint(step, ==, 2);
            step = 0;
            outs++;
            unsigned size = strtoul(l + strlen("OUT: [size="), NULL, 10);
            uint64_t start = 0, next = 0;
            /* each line: "  0x<addr>:  <mnemonic> <operands>" or raw bytes */
            for (i++; lines[i] && g_str_has_prefix(lines[i], "  0x"); i++) {
                uint64_t a = strtoull(lines[i] + 2, NULL, 16);
                if (!start) {
                    start = next = a;
                    g_assert_true(in_exec_mapping(a));
                }
                g_assert_cmphex(a, ==, next);
                char mn[16] = "";
                const char *colon = strchr(lines[i], ':');
                sscanf(colon + 1, "%15s", mn);
                mov += g_str_has_prefix(mn, "mov");
                call += strcmp(mn, "call") == 0;
                jmp += strcmp(mn, "jmp") == 0;
                ret += strcmp(mn, "ret") == 0;
                /* the next address: from the following line, or the end */
                if (lines[i + 1] && g_str_has_prefix(lines[i + 1], "  0x")) {
                    next = strtoull(lines[i + 1] + 2, NULL, 16);
                    g_assert_cmphex(next, >, a);
                } else {
                    g_assert_cmphex(next, <=, start + size);
                }
            }
            i--;
        }
    }
    g_assert_cmpuint(ins, ==, c->parent.stats.translations);
    g_assert_cmpuint(step, ==, 0);
    g_assert_cmpuint(ops, ==, ins);
    g_assert_cmpuint(opts, ==, ins);
    g_assert_cmpuint(outs, ==, native ? ins : 0);
    g_assert_nonnull(strstr(text, "qemu_ld"));
    g_assert_nonnull(strstr(text, " ---- 0000000000001008"));   /* insn_start */
#ifdef CONFIG_CAPSTONE
    if (native) {
        /* moves, the slow-path calls, goto_tb jumps, the inline epilogue's ret */
        g_assert_cmpuint(mov, >, 0);
        g_assert_cmpuint(call, >, 0);
        g_assert_cmpuint(jmp, >, 0);
        g_assert_cmpuint(ret, >, 0);
    }
#endif
    g_strfreev(lines);
    g_free(text);
    unlink(path);
    g_free(path);
}

/*
 * With EMU_TCG_SPLIT_WX the code buffer is one memfd mapped twice, and no
 * view of it may be both writable and executable (read from the kernel's
 * own list of mappings, not from the code buffer's bookkeeping).
 */
static void check_split_views(void)
{
    TBStats st;
    tb_get_stats(&st);
    g_assert_true(st.split_wx);

    char *maps = NULL;
    g_assert_true(g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
    char **lines = g_strsplit(maps, "\n", -1);
    int rw = 0, rx = 0;
    for (int i = 0; lines[i]; i++) {
        char perms[8];
        if (!strstr(lines[i], "emu-tcg-code") ||
            sscanf(lines[i], "%*x-%*x %7s", perms) != 1) {
            continue;
        }
        g_assert_false(perms[1] == 'w' && perms[2] == 'x');
        rw += perms[1] == 'w';
        rx += perms[2] == 'x';
    }
    g_assert_cmpint(rw, ==, 1);
    g_assert_cmpint(rx, ==, 1);
    g_strfreev(lines);
    g_free(maps);
}

/*
 * The code buffer lies within rel32 reach of the emulator's own code, so
 * helper calls from generated code are direct (on a host that leaves the
 * range below the executable free, as Linux does).
 */
static void test_code_near_text(void)
{
    TBStats st;
    tb_get_stats(&st);
    uintptr_t text = (uintptr_t)&tcg_exec_init_bytes;
    uintptr_t lo = MIN(st.code_rx, text), hi = MAX(st.code_rx + st.code_size, text);
    g_assert_cmphex(hi - lo, <, 1ull << 31);
}

/* The helper accessors of cpu-ldst.h: the same names and results in both modes. */
static void test_accessors(void)
{
    ToyCPU *c = new_cpu(CODE);
    CPUArchState *env = &c->env;

    cpu_stl_le_data(env, 0x6000, 0x11223344);
    cpu_stw_be_data_ra(env, 0x6004, 0xaabb, 0);
    cpu_stb_data(env, 0x6006, 0xcc);
    cpu_stq_be_data(env, 0x6008, 0x0102030405060708ull);
    static const uint8_t want[] = { 0x44, 0x33, 0x22, 0x11, 0xaa, 0xbb, 0xcc, 0x00,
                                    1, 2, 3, 4, 5, 6, 7, 8 };
    g_assert_cmpmem(toy_ram + 0x6000, sizeof(want), want, sizeof(want));
    g_assert_cmphex(cpu_ldl_be_data(env, 0x6000), ==, 0x44332211);
    g_assert_cmphex(cpu_lduw_le_data(env, 0x6004), ==, 0xbbaa);
    g_assert_cmpint(cpu_ldsw_be_data(env, 0x6004), ==, (int16_t)0xaabb);
    g_assert_cmpint(cpu_ldsb_data(env, 0x6006), ==, (int8_t)0xcc);
    g_assert_cmphex(cpu_ldq_le_data_ra(env, 0x6008, 0), ==, 0x0807060504030201ull);
    g_assert_cmphex(cpu_ldl_le_code(env, 0x6000), ==, 0x11223344);
}

/* ---- registration -------------------------------------------------------- */

typedef struct Case {
    const char *name;
    void (*fn)(void);
    bool softmmu;
    size_t code_bytes;
} Case;

static const Case cases[] = {
    { "chain", test_chain, false, 0 },
    { "nochain", test_nochain, false, 0 },
    { "unchain", test_unchain, false, 0 },
    { "jmp-cache", test_jmp_cache, false, 0 },
    { "jmp-cache-page-flush", test_jmp_cache_page_flush, true, 0 },
    { "jmp-cache-flush-generation", test_jmp_cache_flush_generation, true, 0 },
    { "flush", test_flush, false, 32 * 1024 },
    { "flush-threads", test_flush_threads, false, 32 * 1024 },
    { "restore-fault", test_restore_fault, true, 0 },
    { "helper-exception", test_helper_exception, false, 0 },
    { "single-step", test_single_step, false, 0 },
    { "breakpoint", test_breakpoint, false, 0 },
    { "cpu-exit", test_cpu_exit, false, 0 },
    { "interrupt", test_interrupt, false, 0 },
    { "kick-hook", test_kick_hook, true, 0 },
    { "smc-user", test_smc, false, 0 },
    { "smc-system", test_smc, true, 0 },
    { "tlb-fill-flush", test_tlb_fill_flush, true, 0 },
    { "tlb-resize", test_tlb_resize, true, 0 },
    { "tlb-victim", test_tlb_victim, true, 0 },
    { "page-crossing", test_page_crossing, true, 0 },
    { "inline-tlb", test_inline_tlb, true, 0 },
    { "fetch-straddle-user", test_fetch_straddle, false, 0 },
    { "fetch-straddle-system", test_fetch_straddle, true, 0 },
    { "accessors-user", test_accessors, false, 0 },
    { "accessors-system", test_accessors, true, 0 },
    { "log", test_log, false, 0 },
    { "log-asm", test_log_asm, true, 0 },
    { "code-near-text", test_code_near_text, false, 0 },
    { "code-near-text-big", test_code_near_text, true, 512 << 20 },
};

typedef struct CaseRun {
    const Case *c;
    const char *backend;
    bool split_wx;                 /* force the RW + RX mapping of W^X hosts */
} CaseRun;

static void run_case(gconstpointer data)
{
    const CaseRun *cr = data;

    if (g_test_subprocess()) {
        g_assert_true(tcg_backend_select(cr->backend, &error_fatal));
        if (cr->split_wx) {
            g_setenv("EMU_TCG_SPLIT_WX", "1", true);
        }
        toy_init(cr->c->softmmu, cr->c->code_bytes ? cr->c->code_bytes : 4 << 20);
        cr->c->fn();
        if (cr->split_wx) {
            check_split_views();
        }
        return;
    }
    /* a fresh process: a fresh code buffer, TB cache and CPU list */
    g_test_trap_subprocess(NULL, 30 * G_USEC_PER_SEC,
                           G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    error_set_progname(argv[0]);
    const TCGBackend *const *be = tcg_backend_list();
    for (int b = 0; be[b]; b++) {
        if (be[b]->probe && !be[b]->probe()) {
            continue;
        }
        /* every case again with the code written through one view and run from another */
        for (int split = 0; split < 2; split++) {
            for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                CaseRun *cr = g_new(CaseRun, 1);
                cr->c = &cases[i];
                cr->backend = be[b]->name;
                cr->split_wx = split;
                char *path = g_strdup_printf("/accel/%s/%s%s", be[b]->name,
                                             split ? "split-wx/" : "", cases[i].name);
                g_test_add_data_func(path, cr, run_case);
                g_free(path);
            }
        }
    }
    return g_test_run();
}
