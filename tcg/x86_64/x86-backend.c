/*
 * x86-backend.c — the x86-64 native back end (tcg_backend_x86_64): host
 * feature detection, the entry trampoline, code generation through the
 * generic register allocator (tcg/regalloc.c), goto_tb patching, running
 * code, and the `-d out_asm` listing.
 *
 * Generated code runs inside the frame the prologue builds (see
 * docs/devel/tcg-backend-x86_64.md): env in r14, guest_base in r13, rsp
 * 16-byte aligned with the outgoing stack arguments at rsp+0 and one spill
 * slot per temporary above them.  Every TB exit carries its own copy of the
 * epilogue, so TB code does not depend on where the prologue is; exec()
 * enters through a private trampoline page (prologue_build).
 *
 * Test hook: EMU_X86_FEATURES="-bmi1,-bmi2,-lzcnt,-popcnt,-movbe" (any
 * subset) hides host features, so that the fall-back sequences run on hosts
 * that have everything.
 */
#include "x86-internal.h"
#include "tcg/regalloc.h"
#include "exec/translation-block.h"
#include "util/error.h"
#include "util/host.h"
#include "util/log.h"
#include "config-host.h"

#include <assert.h>
#include <cpuid.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

LOG_ITEM(log_out_asm, "out_asm", "show the host code of each translated block");

X86Features x86_have;

/* Room kept free after the allocator's limit: more than any single op emits. */
#define X86_OP_MARGIN 4096

void x86_features_init(void)
{
    unsigned a, b, c, d;

    memset(&x86_have, 0, sizeof(x86_have));
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        x86_have.movbe = (c >> 22) & 1;
        x86_have.popcnt = (c >> 23) & 1;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_have.bmi1 = (b >> 3) & 1;
        x86_have.bmi2 = (b >> 8) & 1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        x86_have.lzcnt = (c >> 5) & 1;
    }
    const char *hide = getenv("EMU_X86_FEATURES");
    if (hide) {
        x86_have.bmi1 &= !strstr(hide, "-bmi1");
        x86_have.bmi2 &= !strstr(hide, "-bmi2");
        x86_have.lzcnt &= !strstr(hide, "-lzcnt");
        x86_have.popcnt &= !strstr(hide, "-popcnt");
        x86_have.movbe &= !strstr(hide, "-movbe");
    }
}

/* ---- TCGNativeOps ----------------------------------------------------------- */

/* Callee-saved registers first: values there survive helper calls. */
static const int8_t alloc_order[X86_NB_REGS] = {
    X86_RBX, X86_RBP, X86_R12, X86_R15, X86_R10, X86_R9, X86_R8, X86_RCX,
    X86_RDX, X86_RSI, X86_RDI, X86_RAX, -1, -1, -1, -1,
};

/* System V AMD64: six integer argument registers, the seventh on the stack. */
static const int8_t call_arg_regs[TCG_MAX_CALL_ARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9, -1,
};

static void ops_mov(TCGContext *s, TCGType type, int ret, int arg)
{
    x86_mov_rr(type, ret, arg);
}

static void ops_movi(TCGContext *s, TCGType type, int ret, int64_t val)
{
    x86_movi(type, ret, val);
}

static void ops_ld(TCGContext *s, TCGType type, int ret, int base, intptr_t offset)
{
    x86_ld(type, ret, base, offset);
}

static void ops_st(TCGContext *s, TCGType type, int arg, int base, intptr_t offset)
{
    x86_st(type, arg, base, offset);
}

static void ops_call(TCGContext *s, const TCGHelperInfo *info)
{
    x86_call(info->func);
}

static uint8_t *ops_code_ptr(TCGContext *s)
{
    return x86_code.ptr;
}

static const TCGNativeOps x86_native = {
    .nb_regs = X86_NB_REGS,
    .allocatable = 0xffffull & ~((1ull << X86_RSP) | (1ull << X86_ENV) |
                                 (1ull << X86_GUEST_BASE) | (1ull << X86_TMP)),
    .call_clobbered = (1ull << X86_RAX) | (1ull << X86_RCX) | (1ull << X86_RDX) |
                      (1ull << X86_RSI) | (1ull << X86_RDI) | (1ull << X86_R8) |
                      (1ull << X86_R9) | (1ull << X86_R10) | (1ull << X86_R11),
    .env_reg = X86_ENV,
    .frame_reg = X86_RSP,
    .frame_start = X86_STACK_ARGS,
    .frame_size = X86_SPILL_SIZE,
    .alloc_order = alloc_order,
    .call_arg_regs = call_arg_regs,
    .call_ret_reg = X86_RAX,
    .op_constraints = x86_op_constraints,
    .emit_mov = ops_mov,
    .emit_movi = ops_movi,
    .emit_ld = ops_ld,
    .emit_st = ops_st,
    .emit_op = x86_emit_op,
    .emit_call = ops_call,
    .code_ptr = ops_code_ptr,
    .emit_brcond_mem = x86_emit_brcond_mem,
    .i32_zero_extends = true,
};

/* ---- -d out_asm --------------------------------------------------------------- */

/* The code written at code, listed at the addresses it runs from (code + rx_offset). */
static void log_code(const uint8_t *code, size_t size, intptr_t rx_offset)
{
    log_lock();
    log_printf("OUT: [size=%zu]\n", size);
#ifdef CONFIG_CAPSTONE
    csh h;
    cs_insn *insn;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) == CS_ERR_OK) {
        size_t n = cs_disasm(h, code, size, (uintptr_t)code + rx_offset, 0, &insn);
        size_t done = 0;
        for (size_t i = 0; i < n; i++) {
            log_printf("  0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                       insn[i].mnemonic, insn[i].op_str);
            done += insn[i].size;
        }
        cs_free(insn, n);
        cs_close(&h);
        code += done;
        size -= done;
    }
#endif
    for (size_t i = 0; i < size; i += 16) {
        log_printf("  0x%016" PRIxPTR ": ", (uintptr_t)(code + i) + rx_offset);
        for (size_t j = i; j < size && j < i + 16; j++) {
            log_printf(" %02x", code[j]);
        }
        log_printf("\n");
    }
    log_printf("\n");
    log_unlock();
}

/* ---- TCGBackend ------------------------------------------------------------------ */

/*
 * The entry trampoline lives in a page of its own, written once and then
 * made read+execute: TB code carries its epilogues inline, so nothing in a
 * code buffer depends on it and a buffer can be flushed or shared freely.
 */
static const void *prologue_entry;

static void prologue_build(void)
{
    size_t size = host_page_size();
    void *page = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        error_report("x86_64 back end: cannot map the entry trampoline: %s", strerror(errno));
        abort();
    }
    int n = x86_prologue_emit(page, size);
    if (n < 0 || mprotect(page, size, PROT_READ | PROT_EXEC) != 0) {
        error_report("x86_64 back end: cannot make the entry trampoline executable");
        abort();
    }
    if (log_enabled(log_out_asm)) {
        log_printf("PROLOGUE:\n");
        log_code(page, n, 0);
    }
    prologue_entry = page;
}

static void prologue_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, prologue_build);
}

static bool x86_probe(void)
{
    x86_constraints_init();
    return true;
}

/* Nothing goes into the code buffer: see prologue_build(). */
static int x86_prologue(void *code, size_t size, ptrdiff_t rw_offset)
{
    prologue_init();
    return 0;
}

/*
 * Code is written at code + rw_offset; every address it holds is relative
 * (rel32 jumps and calls, rip-relative retaddr), computed from where it runs.
 */
static int x86_gen_code(TCGContext *s, TranslationBlock *tb, void *code, size_t size,
                        ptrdiff_t rw_offset)
{
    X86Code *c = &x86_code;
    uint8_t *buf = (uint8_t *)code + rw_offset;

    if (size < 2 * X86_OP_MARGIN) {
        return -1;
    }
    /* the views are page-aligned: alignment of the written and the run bytes agree */
    assert((rw_offset & 63) == 0);
    c->start = c->ptr = buf;
    c->rx_offset = -rw_offset;
    c->tb = tb;
    c->too_big = false;
    c->nb_relocs = 0;
    c->nb_slow = 0;
    c->jcc_goto_tb[0].label = c->jcc_goto_tb[1].label = NULL;

    int r = tcg_regalloc_gen_code(s, &x86_native, buf, buf + size - X86_OP_MARGIN);
    if (r < 0) {
        return r;
    }
    /* system mode: the qemu_ld/st slow paths go after the code, out of the hot path */
    if (!x86_emit_slow_paths(buf + size)) {
        return -1;
    }
    if (c->too_big || c->ptr - c->start > UINT32_MAX / 2) {
        return -2;
    }
    for (int i = 0; i < c->nb_relocs; i++) {
        TCGLabel *l = c->relocs[i].label;
        assert(l->has_value);
        int32_t d = (int32_t)(l->value - (c->relocs[i].offset + 4));
        memcpy(c->start + c->relocs[i].offset, &d, 4);
    }
    int n = c->ptr - c->start;
    if (log_enabled(log_out_asm)) {
        log_code(buf, n, -rw_offset);
    }
    return n;
}

static void x86_set_jmp_target(TranslationBlock *tb, int n, const void *target,
                               ptrdiff_t rw_offset)
{
    uint8_t *field = (uint8_t *)tb->tc_ptr + tb->jmp_insn_offset[n];
    intptr_t d = (const uint8_t *)target - (field + 4);

    assert(((uintptr_t)field & 3) == 0 && x86_fits_s32(d));
    /* one aligned 4-byte store: a thread running the jump sees old or new, never half */
    __atomic_store_n((int32_t *)(field + rw_offset), (int32_t)d, __ATOMIC_RELEASE);
}

static uintptr_t x86_exec(CPUArchState *env, const void *code)
{
    prologue_init();
    return ((uintptr_t (*)(CPUArchState *, const void *))prologue_entry)(env, code);
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "x86_64",
    .probe = x86_probe,
    .op_supported = x86_op_supported,
    .prologue = x86_prologue,
    .gen_code = x86_gen_code,
    .set_jmp_target = x86_set_jmp_target,
    .exec = x86_exec,
    .native = &x86_native,
};
