/*
 * test-x86-cpu.c — the x86 front end's CPU models, feature gating, #UD
 * rules, -d unimp and precise exceptions, checked against the behaviour
 * the Intel manual specifies (the host cannot play a pentium3).
 */
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <ucontext.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu.h"
#include "exec/cpu-exec.h"
#include "exec/page-protection.h"
#include "util/error.h"
#include "util/log.h"

#define BASE 0x400000ull
#define SIZE 0x10000ull
#define DATA (BASE + 0x8000)
#define UNMAPPED (BASE + SIZE)       /* a PROT_NONE page after the test memory */

static uint8_t *mem;

/*
 * A guest access to unmapped memory is a host SIGSEGV in user mode; as
 * linux-user's handler does, restore the guest state of the faulting
 * instruction and leave for the loop, here reporting #PF.
 */
static void host_fault(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    CPUState *cs = current_cpu;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    if (tcg_user_helper_retaddr) {
        pc = tcg_user_helper_retaddr;
    }
    if (!cs || !cpu_restore_state(cs, pc)) {
        signal(sig, SIG_DFL);
        return;
    }
    tcg_user_helper_retaddr = 0;
    cs->env_ptr->fault_addr = (uintptr_t)info->si_addr - guest_base;
    cs->exception_index = X86_EXCP_BASE + EXCP0E_PAGE;
    cpu_loop_exit(cs);
}

/* Run code (up to its end) on a fresh CPU of model; returns the vector raised or -1. */
static int run(const char *model, bool long64, const uint8_t *code, size_t len, X86CPU **out)
{
    X86CPU *cpu = i386_cpu_new(i386_cpu_model_find(model), long64);
    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
    memset(mem, 0xcc, 0x1000);
    memcpy(mem, code, len);
    tb_invalidate_phys_range(BASE, BASE + 0x1000);
    cpu->env.eip = BASE;
    cpu->env.regs[R_ESP] = BASE + 0x7000;
    cpu->env.regs[R_EBX] = DATA;
    cpu_breakpoint_insert(&cpu->parent, BASE + len);
    int r;
    do {
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);
    cpu_breakpoint_remove(&cpu->parent, BASE + len);
    *out = cpu;
    if (r == EXCP_DEBUG) {
        return -1;
    }
    g_assert_cmpint(r, >=, X86_EXCP_BASE);
    return r - X86_EXCP_BASE;
}

static void test_models(void)
{
    static const char *const names[] = { "qemu64", "pentium3", "core2duo", "Haswell", "max" };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_assert_nonnull(i386_cpu_model_find(names[i]));
    }
    g_assert_null(i386_cpu_model_find("pentium9"));
}

static void test_cpuid(void)
{
    static const uint8_t code[] = { 0xb8, 0x01, 0, 0, 0, 0x0f, 0xa2 };   /* cpuid leaf 1 */
    X86CPU *cpu;

    /* leaf 0: the vendor in EBX EDX ECX */
    X86CPU *c = i386_cpu_new(i386_cpu_model_find("Haswell"), true);
    uint32_t a, b, cx, d;
    i386_cpuid(&c->env, 0, 0, &a, &b, &cx, &d);
    char vendor[13] = { 0 };
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &cx, 4);
    g_assert_cmpstr(vendor, ==, "GenuineIntel");

    /* through the instruction: leaf 1 ECX has SSE4.2 on Haswell, not on core2duo */
    g_assert_cmpint(run("Haswell", true, code, sizeof(code), &cpu), ==, -1);
    g_assert_true(cpu->env.regs[R_ECX] & CPUID_EXT_SSE42);
    g_assert_cmpint(run("core2duo", true, code, sizeof(code), &cpu), ==, -1);
    g_assert_false(cpu->env.regs[R_ECX] & CPUID_EXT_SSE42);
    g_assert_true(cpu->env.regs[R_EDX] & CPUID_SSE2);
    /* long mode only on the 64-bit models */
    i386_cpuid(&i386_cpu_new(i386_cpu_model_find("pentium3"), false)->env, 0x80000001, 0,
               &a, &b, &cx, &d);
    g_assert_false(d & CPUID_EXT2_LM);
    i386_cpuid(&i386_cpu_new(i386_cpu_model_find("qemu64"), true)->env, 0x80000001, 0,
               &a, &b, &cx, &d);
    g_assert_true(d & CPUID_EXT2_LM);
}

/* An instruction whose CPUID feature the model lacks raises #UD. */
static void test_feature_ud(void)
{
    static const uint8_t pxor[] = { 0x66, 0x0f, 0xef, 0xc0 };          /* SSE2 */
    static const uint8_t popcnt[] = { 0xf3, 0x0f, 0xb8, 0xc1 };        /* POPCNT */
    static const uint8_t ptest[] = { 0x66, 0x0f, 0x38, 0x17, 0xc1 };   /* SSE4.1 */
    static const uint8_t andn[] = { 0xc4, 0xe2, 0x70, 0xf2, 0xc2 };    /* BMI1 */
    static const uint8_t cmov[] = { 0x0f, 0x44, 0xc1 };                /* P6 CMOV */
    X86CPU *cpu;

    g_assert_cmpint(run("pentium3", false, pxor, sizeof(pxor), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpuint(cpu->env.eip, ==, BASE);
    g_assert_cmpint(run("core2duo", true, pxor, sizeof(pxor), &cpu), ==, -1);
    g_assert_cmpint(run("core2duo", true, popcnt, sizeof(popcnt), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("Haswell", true, popcnt, sizeof(popcnt), &cpu), ==, -1);
    g_assert_cmpint(run("core2duo", true, ptest, sizeof(ptest), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("max", true, ptest, sizeof(ptest), &cpu), ==, -1);
    g_assert_cmpint(run("qemu64", true, andn, sizeof(andn), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("max", true, andn, sizeof(andn), &cpu), ==, -1);
    g_assert_cmpint(run("pentium3", false, cmov, sizeof(cmov), &cpu), ==, -1);

    /* without ABM, F3 0F BD is BSR: ecx = 0x100 gives 8 (LZCNT would give 23) */
    static const uint8_t lz[] = { 0xb9, 0x00, 0x01, 0x00, 0x00, 0xf3, 0x0f, 0xbd, 0xc1 };
    g_assert_cmpint(run("core2duo", true, lz, sizeof(lz), &cpu), ==, -1);
    g_assert_cmpuint(cpu->env.regs[R_EAX], ==, 8);
    g_assert_cmpint(run("max", true, lz, sizeof(lz), &cpu), ==, -1);
    g_assert_cmpuint(cpu->env.regs[R_EAX], ==, 23);
}

/* LOCK on a register destination or a non-lockable instruction, and undefined opcodes: #UD. */
static void test_lock_ud(void)
{
    static const uint8_t lock_reg[] = { 0xf0, 0x01, 0xc0 };            /* lock add eax, eax */
    static const uint8_t lock_mov[] = { 0xf0, 0x89, 0x03 };            /* lock mov [rbx], eax */
    static const uint8_t lock_mem[] = { 0xf0, 0x01, 0x03 };            /* lock add [rbx], eax */
    static const uint8_t ud2[] = { 0x90, 0x0f, 0x0b };
    static const uint8_t undef[] = { 0x0f, 0x04 };
    static const uint8_t inc32[] = { 0x40 };                           /* inc eax in 32-bit code */
    X86CPU *cpu;

    g_assert_cmpint(run("max", true, lock_reg, sizeof(lock_reg), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("max", true, lock_mov, sizeof(lock_mov), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("max", true, lock_mem, sizeof(lock_mem), &cpu), ==, -1);
    g_assert_cmpint(run("max", true, ud2, sizeof(ud2), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpuint(cpu->env.eip, ==, BASE + 1);
    g_assert_cmpint(run("max", true, undef, sizeof(undef), &cpu), ==, EXCP06_ILLOP);
    g_assert_cmpint(run("max", false, inc32, sizeof(inc32), &cpu), ==, -1);
    g_assert_cmpuint(cpu->env.regs[R_EAX], ==, 1);
}

/* -d unimp names the bytes and the reason. */
static void test_unimp_log(void)
{
    static const uint8_t undef[] = { 0x0f, 0x04 };
    char path[] = "/tmp/emu-x86-unimp-XXXXXX";
    int fd = mkstemp(path);
    X86CPU *cpu;
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(path, &error_fatal));
    g_assert_true(log_select("unimp", &error_fatal));
    g_assert_cmpint(run("max", true, undef, sizeof(undef), &cpu), ==, EXCP06_ILLOP);
    log_select("", &error_fatal);
    log_set_file(NULL, &error_fatal);
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "#UD at 0x400000: 0f 04"));
    g_free(text);
    unlink(path);
}

/*
 * A fault in the middle of a block: eip is the faulting instruction and the
 * lazy flags are those of the instruction before it (restore_state_to_opc).
 */
static void test_precise_fault(void)
{
    static const uint8_t code[] = {
        0xb8, 0xff, 0xff, 0xff, 0xff,                 /* mov eax, -1 */
        0x83, 0xc0, 0x01,                             /* add eax, 1: ZF CF set, cc_op ADDL */
        0x8b, 0x0c, 0x25, 0x00, 0x00, 0x41, 0x00,     /* mov ecx, [0x410000]: #PF */
        0x31, 0xd2,                                   /* xor edx, edx (not reached) */
    };
    X86CPU *cpu;
    g_assert_cmpint(run("max", true, code, sizeof(code), &cpu), ==, EXCP0E_PAGE);
    g_assert_cmpuint(cpu->env.eip, ==, BASE + 8);
    g_assert_cmpuint(cpu->env.fault_addr, ==, UNMAPPED);
    uint64_t fl = i386_get_eflags(&cpu->env);
    g_assert_cmphex(fl & (CC_Z | CC_C | CC_S | CC_O), ==, CC_Z | CC_C);
}

/*
 * SHL/ROL m32, CL on a read-only page: the load works, the store faults, and
 * the flags must still be those from before (the store precedes the flags).
 */
static void test_precise_shift_store(void)
{
    static const uint8_t shl[] = {
        0xb8, 0xff, 0xff, 0xff, 0xff,                 /* mov eax, -1 */
        0x83, 0xc0, 0x01,                             /* add eax, 1: ZF CF set */
        0xb1, 0x04,                                   /* mov cl, 4 */
        0xd3, 0x24, 0x25, 0x00, 0xf0, 0x40, 0x00,     /* shl dword [0x40f000], cl: #PF */
    };
    static const uint8_t rol[] = {
        0xb8, 0xff, 0xff, 0xff, 0xff, 0x83, 0xc0, 0x01, 0xb1, 0x04,
        0xd3, 0x04, 0x25, 0x00, 0xf0, 0x40, 0x00,     /* rol dword [0x40f000], cl */
    };
    const uint8_t *codes[] = { shl, rol };
    for (int i = 0; i < 2; i++) {
        X86CPU *cpu = i386_cpu_new(i386_cpu_model_find("max"), true);
        mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
        memset(mem, 0xcc, 0x1000);
        memcpy(mem, codes[i], sizeof(shl));
        memcpy(mem + 0xf000, "\x01\0\0\0", 4);    /* SHL by 4: ZF CF clear; ROL: CF clear */
        mprotect(mem + 0xf000, 0x1000, PROT_READ);
        tb_invalidate_phys_range(BASE, BASE + 0x1000);
        cpu->env.eip = BASE;
        cpu->env.regs[R_ESP] = BASE + 0x7000;
        cpu_breakpoint_insert(&cpu->parent, BASE + sizeof(shl));
        int r;
        do {
            r = cpu_exec(&cpu->parent);
        } while (r == EXCP_INTERRUPT);
        cpu_breakpoint_remove(&cpu->parent, BASE + sizeof(shl));
        g_assert_cmpint(r, ==, X86_EXCP_BASE + EXCP0E_PAGE);
        g_assert_cmphex(cpu->env.eip, ==, BASE + 10);
        uint64_t fl = i386_get_eflags(&cpu->env);
        g_assert_cmphex(fl & (CC_Z | CC_C), ==, CC_Z | CC_C);
    }
    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
}

/* TLS the i386 way: a descriptor (set_thread_area's) loaded into GS, then gs: accesses. */
static void test_segment_tls(void)
{
    static const uint8_t code[] = {
        0x66, 0xb8, 0x63, 0x00,                 /* mov ax, 0x63 (GDT entry 12, RPL 3) */
        0x8e, 0xe8,                             /* mov gs, eax */
        0x65, 0x8b, 0x0d, 0x10, 0x01, 0, 0,     /* mov ecx, gs:[0x110] */
        0x8c, 0xea,                             /* mov edx, gs */
        0x6a, 0x00, 0x0f, 0xa9,                 /* push 0; pop gs: the null selector */
        0x65, 0x8b, 0x1d, 0x10, 0x80, 0x40, 0,  /* mov ebx, gs:[0x408010] (base 0 now) */
    };
    static const uint8_t bad[] = { 0x66, 0xb8, 0x6b, 0x00, 0x8e, 0xe8 };   /* entry 13: empty */
    X86CPU *cpu;
    uint64_t base = DATA - 0x100;

    memcpy(mem + (DATA + 0x10 - BASE), "\x78\x56\x34\x12", 4);
    /* a 32-bit data descriptor, DPL 3, with that base (what set_thread_area writes) */
    uint64_t desc = 0x00cff2000000ffffull | (base & 0xffffff) << 16 | (base >> 24) << 56;
    cpu = i386_cpu_new(i386_cpu_model_find("max"), false);
    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
    memset(mem, 0xcc, 0x1000);
    memcpy(mem, code, sizeof(code));
    tb_invalidate_phys_range(BASE, BASE + 0x1000);
    cpu->env.gdt[12] = desc;
    cpu->env.eip = BASE;
    cpu->env.regs[R_ESP] = BASE + 0x7000;
    cpu_breakpoint_insert(&cpu->parent, BASE + sizeof(code));
    int r;
    do {
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);
    cpu_breakpoint_remove(&cpu->parent, BASE + sizeof(code));
    g_assert_cmpint(r, ==, EXCP_DEBUG);
    g_assert_cmphex(cpu->env.regs[R_ECX], ==, 0x12345678);
    g_assert_cmphex(cpu->env.regs[R_EDX], ==, 0x63);
    g_assert_cmphex(cpu->env.regs[R_EBX], ==, 0x12345678);
    g_assert_cmphex(cpu->env.segs[R_GS].base, ==, 0);
    g_assert_cmphex(cpu->env.regs[R_ESP], ==, BASE + 0x7000);

    /* an empty slot is not a data segment: #GP(0x68) (SDM vol. 2B MOV), not #NP */
    g_assert_cmpint(run("max", false, bad, sizeof(bad), &cpu), ==, EXCP0D_GPF);
    g_assert_cmphex(cpu->env.sys.error_code, ==, 0x68);
    g_assert_cmpuint(cpu->env.eip, ==, BASE + 4);
}

/* LOCK ADD and LOCK XADD from four vCPU threads at once: no update may be lost. */
#define LOCK_LOOPS 100000
#define LOCK_THREADS 4

static void *lock_thread(void *opaque)
{
    X86CPU *cpu = opaque;
    int r;
    do {
        r = cpu_exec(&cpu->parent);
    } while (r == EXCP_INTERRUPT);
    return (void *)(intptr_t)r;
}

static void test_lock_threads(void)
{
    static const uint8_t code[] = {
        0xb9, LOCK_LOOPS & 0xff, (LOCK_LOOPS >> 8) & 0xff, LOCK_LOOPS >> 16, 0,  /* mov ecx, N */
        0xf0, 0x83, 0x03, 0x01,                 /* l: lock add dword [rbx], 1 */
        0xb8, 0x01, 0x00, 0x00, 0x00,           /* mov eax, 1 */
        0xf0, 0x0f, 0xc1, 0x43, 0x08,           /* lock xadd [rbx+8], eax */
        0xff, 0xc9,                             /* dec ecx */
        0x75, 0xee,                             /* jnz l */
    };
    X86CPU *cpus[LOCK_THREADS];
    pthread_t th[LOCK_THREADS];

    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
    memset(mem, 0xcc, 0x1000);
    memcpy(mem, code, sizeof(code));
    memset(mem + (DATA - BASE), 0, 16);
    tb_invalidate_phys_range(BASE, BASE + 0x1000);
    for (int i = 0; i < LOCK_THREADS; i++) {
        cpus[i] = i386_cpu_new(i386_cpu_model_find("max"), true);
        cpus[i]->env.eip = BASE;
        cpus[i]->env.regs[R_ESP] = BASE + 0x7000 - 0x400 * i;
        cpus[i]->env.regs[R_EBX] = DATA;
        cpu_breakpoint_insert(&cpus[i]->parent, BASE + sizeof(code));
    }
    for (int i = 0; i < LOCK_THREADS; i++) {
        pthread_create(&th[i], NULL, lock_thread, cpus[i]);
    }
    for (int i = 0; i < LOCK_THREADS; i++) {
        void *r;
        pthread_join(th[i], &r);
        g_assert_cmpint((intptr_t)r, ==, EXCP_DEBUG);
        cpu_breakpoint_remove(&cpus[i]->parent, BASE + sizeof(code));
    }
    uint32_t add, xadd;
    memcpy(&add, mem + (DATA - BASE), 4);
    memcpy(&xadd, mem + (DATA - BASE) + 8, 4);
    g_assert_cmpuint(add, ==, LOCK_THREADS * LOCK_LOOPS);
    g_assert_cmpuint(xadd, ==, LOCK_THREADS * LOCK_LOOPS);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    struct sigaction sa = { .sa_sigaction = host_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    mem = mmap(NULL, 2 * SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(mem != MAP_FAILED);
    mprotect(mem, SIZE, PROT_READ | PROT_WRITE);
    guest_base = (uintptr_t)mem - BASE;
    tcg_exec_init(0, false, &error_fatal);
    /* the first CPU registers the front end; its page flags cover the test memory */
    i386_cpu_new(NULL, true);
    page_set_flags(BASE, BASE + SIZE, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);

    g_test_add_func("/x86/cpu/models", test_models);
    g_test_add_func("/x86/cpu/cpuid", test_cpuid);
    g_test_add_func("/x86/cpu/feature-ud", test_feature_ud);
    g_test_add_func("/x86/cpu/lock-ud", test_lock_ud);
    g_test_add_func("/x86/cpu/unimp-log", test_unimp_log);
    g_test_add_func("/x86/cpu/precise-fault", test_precise_fault);
    g_test_add_func("/x86/cpu/precise-shift-store", test_precise_shift_store);
    g_test_add_func("/x86/cpu/segment-tls", test_segment_tls);
    g_test_add_func("/x86/cpu/lock-threads", test_lock_threads);
    return g_test_run();
}
