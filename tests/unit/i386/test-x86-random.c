/*
 * test-x86-random.c — the x86 front end against the host CPU: random
 * instruction sequences (tests/tcg/x86/x86-gen.c) run natively
 * (x86-native.c) and under the emulator in user-mode memory, mapped at the
 * same guest addresses; the final registers, flags (undefined ones masked),
 * XMM registers (and the YMM upper halves when the host has AVX), MXCSR,
 * DATA and the used stack must agree, or both must raise the same exception
 * at the same instruction.  The emulated CPU is "max" with the AVX/AVX2
 * (and FMA, F16C) CPUID bits of Haswell added when the host has them (the 64/avx and
 * 32/avx cases; they skip without AVX2 on the host).
 *
 * 64-bit code runs natively as is; 32-bit code runs natively in
 * compatibility mode (a far jump to the 32-bit code segment) and under the
 * emulator in its 32-bit mode (same x86_64 build, CS.L = 0).
 *
 *   EMU_X86_SEED=n   run one sequence of each case (EMU_X86_CASE=64/sse: of that case) and print it
 *   EMU_X86_CODE=hex with EMU_X86_SEED: run these bytes from that seed's state instead
 *   EMU_X86_SEED_BASE=n  other seeds than the default ones
 *   -m slow          tens of thousands of sequences per case
 */
#include <glib.h>
#include <inttypes.h>
#include <signal.h>
#include <ucontext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cpu.h"
#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"
#include "x86-gen.h"
#include "x86-native.h"
#include "x87.h"

static uint8_t *emu_region;
static X86CPU *cpu;
static X86HostFeatures host;
static const char *skip_reason;

/*
 * A guest access outside the mapped guest memory is a host SIGSEGV in user
 * mode: as linux-user does, restore the guest state of the instruction and
 * report #PF (so that a stray access is a reported difference, not a crash).
 */
static void emu_fault(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    CPUState *cs = current_cpu;
    uintptr_t pc = tcg_user_helper_retaddr ? tcg_user_helper_retaddr
                                           : (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (!cs || !cpu_restore_state(cs, pc)) {
        signal(sig, SIG_DFL);
        return;
    }
    tcg_user_helper_retaddr = 0;
    cs->exception_index = X86_EXCP_BASE + EXCP0E_PAGE;
    cpu_loop_exit(cs);
}

static void emu_setup(void)
{
    struct sigaction sa = { .sa_sigaction = emu_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    emu_region = mmap(NULL, X86T_REGION_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(emu_region != MAP_FAILED);
    guest_base = (uintptr_t)emu_region - X86T_REGION;
    tcg_exec_init(0, false, &error_fatal);
    cpu = i386_cpu_new(i386_cpu_model_find("max"), true);
    if (host.avx2) {
        cpu->env.features[FEAT_1_ECX] |= CPUID_EXT_AVX;
        cpu->env.features[FEAT_7_0_EBX] |= CPUID_7_0_EBX_AVX2;
        cpu->env.features[FEAT_1_ECX] |= host.fma ? CPUID_EXT_FMA : 0;
        cpu->env.features[FEAT_1_ECX] |= host.f16c ? CPUID_EXT_F16C : 0;
    }
    page_set_flags(X86T_REGION, X86T_REGION + X86T_REGION_SIZE,
                   PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    cpu_breakpoint_insert(&cpu->parent, X86T_EPILOGUE);
}

/* Run the sequence under the emulator. */
static void emu_run(const X86Seq *seq, const X86State *in, const uint8_t *data, bool mode64,
                    bool compat, X86Result *out)
{
    CPUArchState *env = &cpu->env;
    uint8_t *code = emu_region + (X86T_CODE - X86T_REGION);

    /* as a loader does: the old code's TBs are stale (and its pages may be write-protected) */
    mprotect(code, X86T_CODE_MAX, PROT_READ | PROT_WRITE);
    memcpy(code, seq->code, seq->len);
    tb_invalidate_phys_range(X86T_CODE, X86T_CODE + X86T_CODE_MAX);
    memcpy(emu_region + (X86T_DATA - X86T_REGION), data, X86T_DATA_SIZE);
    memset(emu_region + (X86T_STACK_TOP - X86T_STACK_CMP - X86T_REGION), 0, X86T_STACK_CMP);

    /*
     * compat: a 32-bit sequence runs in compatibility mode of a 64-bit
     * process, as natively (a far transfer to 0x33 reaches 64-bit code);
     * otherwise as a 32-bit process
     */
    i386_cpu_reset(env, mode64 || compat);
    if (!mode64 && compat) {
        env->segs[R_CS].selector = 0x23;
        env->segs[R_CS].flags = 0x00cffb00;
        env->hflags &= ~HF_CODE64;
    }
    memcpy(env->regs, in->regs, sizeof(env->regs));
    i386_set_eflags(env, in->rflags, ~0ull);
    for (int i = 0; i < 16; i++) {
        memcpy(env->xmm_regs[i].b, in->xmm[i], 16);
        memcpy(env->xmm_regs[i].b + 16, in->ymmh[i], 16);
    }
    i386_set_mxcsr(env, in->mxcsr);
    for (int i = 0; i < 8; i++) {
        env->fpregs[i].low = in->mm[i];
        env->fpregs[i].high = 0xffff;
    }
    env->eip = X86T_CODE;

    memset(out, 0, sizeof(*out));
    out->excp = -1;
    for (;;) {
        int r = cpu_exec(&cpu->parent);
        if (r == EXCP_DEBUG) {
            break;
        }
        if (r == EXCP_INTERRUPT) {
            continue;
        }
        if (r >= X86_EXCP_BASE && r < X86_EXCP_BASE + 0x100) {
            out->excp = r - X86_EXCP_BASE;
            out->excp_eip = env->eip;
            return;
        }
        g_error("cpu_exec returned %d", r);
    }
    memcpy(out->st.regs, env->regs, sizeof(env->regs));
    out->st.rflags = i386_get_eflags(env);
    out->st.mxcsr = i386_get_mxcsr(env);
    i386_fxsave(env, out->fxsave, true);
    for (int i = 0; i < 16; i++) {
        memcpy(out->st.xmm[i], env->xmm_regs[i].b, 16);
        memcpy(out->st.ymmh[i], env->xmm_regs[i].b + 16, 16);
    }
}

static void print_seq(GString *s, const X86Seq *seq)
{
    g_string_append(s, "code:");
    for (size_t i = 0; i < seq->len; i++) {
        g_string_append_printf(s, " %02x", seq->code[i]);
    }
    g_string_append(s, "\ninsn offsets:");
    for (unsigned i = 0; i <= seq->ninsns; i++) {
        g_string_append_printf(s, " %u", seq->insn_off[i]);
    }
    g_string_append(s, "\n");
}

/* Compare; on a difference describe it into *why. */
static bool compare(const X86Seq *seq, const X86Result *n, const X86Result *e, bool mode64,
                    const uint8_t *emu_mem, const uint8_t *nat_mem, GString *why)
{
    if (n->excp != e->excp || (n->excp >= 0 && n->excp_eip != e->excp_eip)) {
        g_string_append_printf(why, "exception: native %d at %#" PRIx64 ", emu %d at %#" PRIx64 "\n",
                               n->excp, n->excp_eip, e->excp, e->excp_eip);
        return false;
    }
    if (n->excp >= 0) {
        return true;
    }
    bool ok = true;
    int nr = mode64 ? 16 : 8;
    uint64_t rmask = mode64 ? ~0ull : 0xffffffffull;
    for (int i = 0; i < nr; i++) {
        if ((n->st.regs[i] ^ e->st.regs[i]) & rmask) {
            g_string_append_printf(why, "reg %d: native %#" PRIx64 " emu %#" PRIx64 "\n", i,
                                   n->st.regs[i] & rmask, e->st.regs[i] & rmask);
            ok = false;
        }
    }
    uint64_t fmask = (CC_ALL & ~(uint64_t)seq->undef_flags) | DF_MASK;
    if ((n->st.rflags ^ e->st.rflags) & fmask) {
        g_string_append_printf(why, "rflags (mask %#" PRIx64 "): native %#" PRIx64 " emu %#" PRIx64 "\n",
                               fmask, n->st.rflags & fmask, e->st.rflags & fmask);
        ok = false;
    }
    if (n->st.mxcsr != e->st.mxcsr) {
        g_string_append_printf(why, "mxcsr: native %#x emu %#x\n", n->st.mxcsr, e->st.mxcsr);
        ok = false;
    }
    for (int i = 0; i < nr; i++) {
        if (memcmp(n->st.xmm[i], e->st.xmm[i], 16)) {
            uint64_t a[2], b[2];
            memcpy(a, n->st.xmm[i], 16);
            memcpy(b, e->st.xmm[i], 16);
            g_string_append_printf(why, "xmm%d: native %016" PRIx64 ":%016" PRIx64
                                   " emu %016" PRIx64 ":%016" PRIx64 "\n",
                                   i, a[1], a[0], b[1], b[0]);
            ok = false;
        }
    }
    for (int i = 0; i < nr && x86_native_avx(); i++) {
        if (memcmp(n->st.ymmh[i], e->st.ymmh[i], 16)) {
            uint64_t a[2], b[2];
            memcpy(a, n->st.ymmh[i], 16);
            memcpy(b, e->st.ymmh[i], 16);
            g_string_append_printf(why, "ymm%d[255:128]: native %016" PRIx64 ":%016" PRIx64
                                   " emu %016" PRIx64 ":%016" PRIx64 "\n",
                                   i, a[1], a[0], b[1], b[0]);
            ok = false;
        }
    }
    /* x87: FCW, FSW (defined bits), the tags, and every non-empty ST(i) */
    uint16_t ncw, ecw, nsw, esw;
    memcpy(&ncw, n->fxsave, 2);
    memcpy(&ecw, e->fxsave, 2);
    memcpy(&nsw, n->fxsave + 2, 2);
    memcpy(&esw, e->fxsave + 2, 2);
    if (ncw != ecw || ((nsw ^ esw) & seq->fsw_mask) || n->fxsave[4] != e->fxsave[4]) {
        g_string_append_printf(why, "x87 fcw/fsw/ftw (fsw mask %#x): native %#x/%#x/%#x emu %#x/%#x/%#x\n",
                               seq->fsw_mask, ncw, nsw, n->fxsave[4], ecw, esw, e->fxsave[4]);
        ok = false;
    }
    for (int i = 0; i < 8; i++) {
        int phys = ((nsw >> 11) + i) & 7;
        if ((n->fxsave[4] >> phys & 1) && memcmp(n->fxsave + 32 + 16 * i, e->fxsave + 32 + 16 * i, 10)) {
            uint64_t a, b;
            uint16_t ah, bh;
            memcpy(&a, n->fxsave + 32 + 16 * i, 8);
            memcpy(&ah, n->fxsave + 40 + 16 * i, 2);
            memcpy(&b, e->fxsave + 32 + 16 * i, 8);
            memcpy(&bh, e->fxsave + 40 + 16 * i, 2);
            g_string_append_printf(why, "st%d: native %04x:%016" PRIx64 " emu %04x:%016" PRIx64 "\n",
                                   i, ah, a, bh, b);
            ok = false;
        }
    }
    size_t doff = X86T_DATA - X86T_REGION;
    for (size_t i = 0; i < X86T_DATA_SIZE; i++) {
        if (nat_mem[doff + i] != emu_mem[doff + i]) {
            g_string_append_printf(why, "DATA+%#zx: native %02x emu %02x\n", i,
                                   nat_mem[doff + i], emu_mem[doff + i]);
            ok = false;
            break;
        }
    }
    uint64_t sp = n->st.regs[4] & rmask;
    if (sp >= X86T_STACK_TOP - X86T_STACK_CMP && sp <= X86T_STACK_TOP) {
        for (uint64_t a = sp; a < X86T_STACK_TOP; a++) {
            if (nat_mem[a - X86T_REGION] != emu_mem[a - X86T_REGION]) {
                g_string_append_printf(why, "stack %#" PRIx64 ": native %02x emu %02x\n", a,
                                       nat_mem[a - X86T_REGION], emu_mem[a - X86T_REGION]);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

typedef struct Case {
    const char *name;
    bool mode64;
    unsigned kinds;
    unsigned count, slow_count;
    unsigned max_insns;
} Case;

/* EMU_X86_CODE=hex: run these bytes (a jump to the epilogue is appended) instead of a sequence. */
static void code_from_env(X86Seq *seq, bool mode64)
{
    const char *hex = getenv("EMU_X86_CODE");
    size_t n = 0;
    for (const char *p = hex; p[0] && p[1] && n + 5 < sizeof(seq->code);) {
        if (*p == ' ') {
            p++;
            continue;
        }
        char b[3] = { p[0], p[1], 0 };
        seq->code[n++] = strtoul(b, NULL, 16);
        p += 2;
    }
    seq->code[n] = 0xe9;
    int32_t rel = (int32_t)(X86T_EPILOGUE - (X86T_CODE + n + 5));
    memcpy(seq->code + n + 1, &rel, 4);
    seq->len = n + 5;
    seq->ninsns = 0;
    seq->undef_flags = 0;
}

static bool run_seed(const Case *c, uint64_t seed, bool verbose)
{
    static X86Seq seq;
    static uint8_t data[X86T_DATA_SIZE];
    X86State st;
    X86Result nat, emu;
    X86GenConfig cfg = { .mode64 = c->mode64, .kinds = c->kinds, .max_insns = c->max_insns,
                         .host = host };

    if (getenv("EMU_X86_CODE")) {
        code_from_env(&seq, c->mode64);
    } else {
        x86_gen_sequence(&seq, &cfg, seed);
    }
    x86_gen_state(&st, data, c->mode64, seed);
    memcpy(x86_native_region() + (X86T_CODE - X86T_REGION), seq.code, seq.len);
    x86_native_set_mode(c->mode64);
    x86_native_run(&st, data, &nat);
    emu_run(&seq, &st, data, c->mode64, (c->kinds & X86G_FAR) != 0, &emu);

    GString *why = g_string_new(NULL);
    bool ok = compare(&seq, &nat, &emu, c->mode64, emu_region, x86_native_region(), why);
    if (!ok || verbose) {
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "%s seed %" PRIu64 " (%s): %s", c->name, seed,
                               c->mode64 ? "64-bit" : "32-bit", ok ? "ok\n" : "MISMATCH\n");
        print_seq(s, &seq);
        g_string_append(s, why->str);
        fprintf(stderr, "%s", s->str);
        g_string_free(s, true);
    }
    g_string_free(why, true);
    return ok;
}

static void test_case(gconstpointer opaque)
{
    const Case *c = opaque;
    if (skip_reason) {
        g_test_skip(skip_reason);
        return;
    }
    if ((c->kinds & X86G_AVX) && !host.avx2) {
        g_test_skip("the host has no AVX2 (or the OS does not enable the YMM state): "
                    "the AVX cases need it as their oracle");
        return;
    }
    unsigned n = g_test_slow() ? c->slow_count : c->count;
    unsigned failures = 0;
    uint64_t base = g_str_hash(c->name) * 1000003ull;
    if (getenv("EMU_X86_SEED_BASE")) {
        base += strtoull(getenv("EMU_X86_SEED_BASE"), NULL, 0) << 32;
    }
    for (unsigned i = 0; i < n && failures < 5; i++) {
        if (!run_seed(c, base + i, false)) {
            failures++;
        }
    }
    if (failures) {
        g_test_fail_printf("%u of the sequences differ (first ones printed above)", failures);
    }
}

static const Case cases[] = {
    { "64/reg", true, X86G_REG, 800, 10000, 12 },
    { "64/flags", true, X86G_REG | X86G_FLAGS, 800, 10000, 16 },
    { "64/mem", true, X86G_REG | X86G_FLAGS | X86G_MEM, 800, 10000, 16 },
    { "64/sse", true, X86G_SSE | X86G_MEM, 800, 10000, 12 },
    { "64/x87", true, X86G_X87 | X86G_MEM, 800, 10000, 16 },
    { "64/mmx", true, X86G_MMX | X86G_X87 | X86G_MEM, 600, 8000, 16 },
    { "64/all", true, X86G_ALL, 800, 10000, 24 },
    { "32/reg", false, X86G_REG | X86G_FLAGS, 600, 8000, 16 },
    { "32/mem", false, X86G_REG | X86G_FLAGS | X86G_MEM, 600, 8000, 16 },
    { "32/sse", false, X86G_SSE | X86G_MEM, 600, 8000, 12 },
    { "32/x87", false, X86G_X87 | X86G_MEM, 600, 8000, 16 },
    { "32/mmx", false, X86G_MMX | X86G_X87 | X86G_MEM, 400, 6000, 16 },
    { "32/all", false, X86G_ALL, 600, 8000, 24 },
    { "64/avx", true, X86G_AVX | X86G_SSE | X86G_MEM, 800, 12000, 12 },
    { "32/avx", false, X86G_AVX | X86G_SSE | X86G_MEM, 600, 8000, 12 },
    { "64/far", true, X86G_REG | X86G_FLAGS | X86G_MEM | X86G_FAR, 500, 8000, 16 },
    { "32/far", false, X86G_REG | X86G_FLAGS | X86G_MEM | X86G_FAR, 500, 8000, 16 },
    /* long straight-line blocks: a TB full to the temps' limit (the optimizer's constants) */
    { "64/sse-long", true, X86G_SSE | X86G_MEM, 100, 1000, 300 },
    { "64/avx-long", true, X86G_AVX | X86G_SSE | X86G_MEM, 50, 600, 500 },
};

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!x86_native_init(&skip_reason)) {
        /* tests report the skip */
    } else {
        x86_gen_host_features(&host);
        emu_setup();
    }
    const char *one = getenv("EMU_X86_SEED");
    if (one && !skip_reason) {
        uint64_t seed = strtoull(one, NULL, 0);
        const char *cn = getenv("EMU_X86_CASE");
        bool ok = true;
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            if (!cn || !strcmp(cn, cases[i].name)) {
                ok &= run_seed(&cases[i], seed, true);
            }
        }
        return ok ? 0 : 1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *path = g_strdup_printf("/x86/random/%s", cases[i].name);
        g_test_add_data_func(path, &cases[i], test_case);
        g_free(path);
    }
    return g_test_run();
}
