/*
 * x86-tls.c — set_thread_area / get_thread_area as a Linux process sees
 * them, for emu-i386 and emu-x86_64: the three TLS slots of the GDT
 * (entries 12-14 on a 64-bit kernel).  A 64-bit process reaches them
 * through INT 0x80, the kernel's 32-bit syscall table (SYSCALL's rows 205
 * and 211 have no entry point: ENOSYS).  The same static binary run
 * natively is the reference.
 *
 * Checked: allocation (entry -1 gets the first free slot and is written
 * back, ESRCH when all three are taken), the descriptor read back, the
 * refusals (slots outside 12-14, 16-bit and code segments, not-present
 * descriptors, a bad pointer), clearing with an empty descriptor, and the
 * descriptor in use: loaded into a segment register in the process's own
 * mode, in 32-bit code entered with a far call to 0x23 (x86-64), and
 * refreshed in a loaded register when the slot is rewritten.  The data
 * register is one libc does not use: GS on x86-64, FS on i386.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* two data areas below 4 GiB (a non-PIE static binary), told apart by their contents */
uint32_t area_a[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
uint32_t area_b[4] = { 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc, 0xdddddddd };

#ifdef __x86_64__
/*
 * A 64-bit process reaches the calls through INT 0x80 (the 32-bit table:
 * 243, 244), with a pointer below 4 GiB in ebx; SYSCALL's 205/211 are ENOSYS.
 */
struct user_desc ud_low;

static long int80(long nr, uint32_t ebx)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(ebx) : "memory");
    return r;
}

static long int80_3(long nr, uint32_t ebx, uint32_t ecx, uint32_t edx)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(ebx), "c"(ecx), "d"(edx) : "memory");
    return r;
}

static long call_ta(int nr, struct user_desc *u)
{
    ud_low = *u;
    long r = int80(nr, (uint32_t)(uintptr_t)&ud_low);
    *u = ud_low;
    return r;
}

static long set_ta(struct user_desc *u)
{
    return call_ta(243, u);
}

static long get_ta(struct user_desc *u)
{
    return call_ta(244, u);
}

static long set_ta_ptr(uint32_t p)
{
    return int80(243, p);
}

static long get_ta_ptr(uint32_t p)
{
    return int80(244, p);
}
#else
static long set_ta(struct user_desc *u)
{
    long r = syscall(SYS_set_thread_area, u);
    return r < 0 ? -errno : r;
}

static long get_ta(struct user_desc *u)
{
    long r = syscall(SYS_get_thread_area, u);
    return r < 0 ? -errno : r;
}

static long set_ta_ptr(uint32_t p)
{
    return syscall(SYS_set_thread_area, (void *)p) < 0 ? -errno : 0;
}

static long get_ta_ptr(uint32_t p)
{
    return syscall(SYS_get_thread_area, (void *)p) < 0 ? -errno : 0;
}
#endif

static struct user_desc desc(int entry, const void *base, unsigned limit)
{
    struct user_desc u;
    memset(&u, 0, sizeof(u));
    u.entry_number = entry;
    u.base_addr = (unsigned)(uintptr_t)base;
    u.limit = limit;
    u.seg_32bit = 1;
    u.limit_in_pages = 1;
    u.useable = 1;
    return u;
}

static const char *err(long r)
{
    static char buf[32];
    switch (r) {
    case 0: return "0";
    case -EINVAL: return "EINVAL";
    case -EFAULT: return "EFAULT";
    case -ESRCH: return "ESRCH";
    case -ENOSYS: return "ENOSYS";
    default:
        snprintf(buf, sizeof(buf), "%ld", r);
        return buf;
    }
}

static void show(const char *what, int entry)
{
    struct user_desc u;
    memset(&u, 0x5a, sizeof(u));
    u.entry_number = entry;
    long r = get_ta(&u);
    printf("%s: get(%d) = %s", what, entry, err(r));
    if (r == 0) {
        const char *base = u.base_addr == (unsigned)(uintptr_t)area_a ? "area_a"
                           : u.base_addr == (unsigned)(uintptr_t)area_b ? "area_b" : NULL;
        char other[16];
        snprintf(other, sizeof(other), "%#x", u.base_addr);
        printf(" entry %u base %s limit %#x 32bit %u contents %u ro %u pages %u np %u useable %u",
               u.entry_number, base ? base : other, u.limit, u.seg_32bit, u.contents,
               u.read_exec_only, u.limit_in_pages, u.seg_not_present, u.useable);
    }
    printf("\n");
}

#ifdef __x86_64__
/* read the dword at offset 4 through selector sel in GS, in 64-bit code */
static uint32_t read_own_mode(uint16_t sel)
{
    uint32_t v;
    __asm__ volatile("mov %w1, %%gs\n\t"
                     "mov %%gs:4, %0\n\t"
                     : "=r"(v) : "r"(sel) : "memory");
    return v;
}

/* and in 32-bit code: a far call to 0x23 on a stack below 4 GiB, DS/ES = 0x2b */
uint8_t lowstack[16384] __attribute__((aligned(16)));
uint8_t *lowstack_top = lowstack + sizeof(lowstack);
uint64_t saved_rsp;
struct {
    uint32_t off;
    uint16_t sel;
} __attribute__((packed)) to32 = { 0, 0x23 };
uint32_t sel32;
extern char read32[];
__asm__(".text\n"
        ".code32\n"
        "read32:\n mov sel32, %eax\n mov %eax, %gs\n mov %gs:8, %eax\n mov %cs, %ecx\n lret\n"
        ".code64\n"
        "far_read:\n"
        " push %rbx\n push %rbp\n"
        " mov %rsp, saved_rsp(%rip)\n mov lowstack_top(%rip), %rsp\n"
        " mov $0x2b, %eax\n mov %eax, %ds\n mov %eax, %es\n"
        " xor %eax, %eax\n xor %ecx, %ecx\n"
        " lcall *to32(%rip)\n"
        " mov saved_rsp(%rip), %rsp\n pop %rbp\n pop %rbx\n"
        " shl $32, %rcx\n mov %eax, %eax\n or %rcx, %rax\n ret\n");
uint64_t far_read(void);

static void read_32bit(const char *what, uint16_t sel)
{
    to32.off = (uint32_t)(uintptr_t)read32;
    sel32 = sel;
    uint64_t r = far_read();
    printf("%s: 32-bit code (cs %#x) read %#x through %#x\n", what, (unsigned)(r >> 32),
           (unsigned)r, sel);
    uint16_t zero = 0;
    __asm__ volatile("mov %w0, %%gs" : : "r"(zero));
}

static void drop(void)
{
    uint16_t zero = 0;
    __asm__ volatile("mov %w0, %%gs" : : "r"(zero));
}
#else
static uint32_t read_own_mode(uint16_t sel)
{
    uint32_t v;
    __asm__ volatile("mov %w1, %%fs\n\t"
                     "mov %%fs:4, %0\n\t"
                     : "=r"(v) : "r"(sel) : "memory");
    return v;
}

static uint32_t read_loaded(void)
{
    uint32_t v;
    __asm__ volatile("mov %%fs:4, %0" : "=r"(v) : : "memory");
    return v;
}

static void read_32bit(const char *what, uint16_t sel)
{
    printf("%s: 32-bit code read %#x through %#x\n", what, read_own_mode(sel), sel);
}

static void drop(void)
{
    uint16_t zero = 0;
    __asm__ volatile("mov %w0, %%fs" : : "r"(zero));
}
#endif

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef __x86_64__
    /* the 64-bit table's rows have no entry point */
    struct user_desc probe = desc(-1, area_a, 0xfffff);
    long sr = syscall(SYS_set_thread_area, &probe);
    printf("syscall 205 = %s\n", err(sr < 0 ? -errno : sr));
    sr = syscall(SYS_get_thread_area, &probe);
    printf("syscall 211 = %s\n", err(sr < 0 ? -errno : sr));
    /* other i386 numbers through INT 0x80: getpid, and one not offered by 64-bit code here */
    printf("int 0x80 getpid matches: %d\n", int80(20, 0) == getpid());
    /* modify_ldt (i386 123) through INT 0x80 writes LDT entry 1; SYSCALL's 154 reads it back */
    ud_low = desc(1, area_a, 0xfff);
    long lr = int80_3(123, 1, (uint32_t)(uintptr_t)&ud_low, sizeof(ud_low));
    static uint64_t ldt[2];
    long rr = syscall(SYS_modify_ldt, 0, ldt, sizeof(ldt));
    printf("int 0x80 modify_ldt write = %s, read = %ld, entry 1 %s\n", err(lr), rr,
           ldt[1] == (0x00c0f30000000fffull | ((uint64_t)((uintptr_t)area_a & 0xffffff) << 16) |
                      ((uint64_t)((uintptr_t)area_a >> 24) << 56)) ? "as written" : "differs");
#endif

    /* allocation: -1 takes the first free slot and writes it back */
    struct user_desc u = desc(-1, area_a, 0xfffff);
    long r = set_ta(&u);
    printf("set(-1) = %s, entry %d\n", err(r), (int)u.entry_number);
    int e = u.entry_number;
    show("after set", e);
    uint16_t sel = e << 3 | 3;
    printf("own mode: read %#x through %#x\n", read_own_mode(sel), sel);
    drop();
    read_32bit("first", sel);

    /* rewritten while loaded: the kernel reloads the register */
#ifdef __x86_64__
    __asm__ volatile("mov %w0, %%gs" : : "r"(sel));
    u = desc(e, area_b, 0xfffff);
    r = set_ta(&u);
    uint32_t v;
    __asm__ volatile("mov %%gs:4, %0" : "=r"(v) : : "memory");
    printf("rewritten while loaded: set = %s, gs:4 = %#x\n", err(r), v);
#else
    __asm__ volatile("mov %w0, %%fs" : : "r"(sel));
    u = desc(e, area_b, 0xfffff);
    r = set_ta(&u);
    printf("rewritten while loaded: set = %s, fs:4 = %#x\n", err(r), read_loaded());
#endif
    drop();
    read_32bit("second", sel);
    show("after rewrite", e);

    /* a byte-granular limit, read-only, not useable */
    u = desc(e, area_a, 0x123);
    u.limit_in_pages = 0;
    u.read_exec_only = 1;
    u.useable = 0;
    printf("byte limit, read-only: set = %s\n", err(set_ta(&u)));
    show("byte limit", e);

    /* refusals */
    static const struct {
        const char *what;
        int entry;
        int tweak;
    } bad[] = {
        { "entry 11", 11, 0 }, { "entry 15", 15, 0 }, { "entry 6", 6, 0 },
        { "16-bit", 13, 1 }, { "code segment", 13, 2 }, { "conforming code", 13, 3 },
        { "expand-down data", 13, 4 }, { "not present", 13, 5 },
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        u = desc(bad[i].entry, area_a, 0xfffff);
        switch (bad[i].tweak) {
        case 1: u.seg_32bit = 0; break;
        case 2: u.contents = 2; break;
        case 3: u.contents = 3; break;
        case 4: u.contents = 1; break;
        case 5: u.seg_not_present = 1; break;
        }
        printf("%s: set = %s\n", bad[i].what, err(set_ta(&u)));
    }
    show("entry 13 after the refusals", 13);
    printf("get(11) = %s, get(15) = %s\n", err(get_ta(&(struct user_desc){ .entry_number = 11 })),
           err(get_ta(&(struct user_desc){ .entry_number = 15 })));
    printf("set(bad pointer) = %s, get(bad pointer) = %s\n", err(set_ta_ptr(8)), err(get_ta_ptr(8)));

    /* fill the other two slots, then -1 finds none */
    for (int i = 0; i < 3; i++) {
        u = desc(-1, area_a, 0xfffff);
        r = set_ta(&u);
        printf("set(-1) #%d = %s, entry %d\n", i + 2, err(r), r == 0 ? (int)u.entry_number : -1);
    }

    /* clearing: the empty descriptor, then an all-zero one */
    memset(&u, 0, sizeof(u));
    u.entry_number = e;
    u.read_exec_only = 1;
    u.seg_not_present = 1;
    printf("empty: set = %s\n", err(set_ta(&u)));
    show("after empty", e);
    u = desc(e, area_a, 0xfffff);
    set_ta(&u);
    memset(&u, 0, sizeof(u));
    u.entry_number = e;
    printf("all-zero: set = %s\n", err(set_ta(&u)));
    show("after all-zero", e);
    u = desc(-1, area_a, 0xfffff);
    r = set_ta(&u);
    printf("set(-1) after clearing = %s, entry %d\n", err(r), r == 0 ? (int)u.entry_number : -1);
    return 0;
}
