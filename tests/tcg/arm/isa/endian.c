/*
 * endian.c — data byte order: word, halfword, doubleword (LDRD/STRD,
 * LDREXD/STREXD), LDM/STM, unaligned LDR, VFP single and double VLDR/VSTR
 * and NEON VST1/VLD1 of each element size, REV, SETEND.  Built for
 * little-endian ARM and for BE8 (armeb: big-endian data, little-endian
 * code) without a C library (Debian has no big-endian ARM one); the C
 * model writes the bytes each access must produce in the build's order.
 */
#include <stdint.h>

#ifndef ISA_BE
#define ISA_BE 0
#endif

#if defined(__arm__)
static long sys_write(int fd, const void *p, unsigned long n)
{
    register long r0 asm("r0") = fd;
    register long r1 asm("r1") = (long)p;
    register long r2 asm("r2") = (long)n;
    register long r7 asm("r7") = 4;
    asm volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return r0;
}

static void sys_exit(int code)
{
    register long r0 asm("r0") = code;
    register long r7 asm("r7") = 1;
    asm volatile("svc 0" : : "r"(r0), "r"(r7) : "memory");
    for (;;) {
    }
}
#else
#include <unistd.h>
#include <stdlib.h>
static long sys_write(int fd, const void *p, unsigned long n) { return write(fd, p, n); }
static void sys_exit(int code) { exit(code); }
#endif

static char line[256];
static int len;

static void put(const char *s)
{
    while (*s) {
        line[len++] = *s++;
    }
}

static void hex(uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--) {
        line[len++] = "0123456789abcdef"[(v >> (4 * i)) & 15];
    }
}

static void flush(void)
{
    line[len++] = '\n';
    sys_write(1, line, len);
    len = 0;
}

static uint8_t buf[32] __attribute__((aligned(16)));

static void show(const char *name, uint64_t value, int digits)
{
    put(name);
    put(" ");
    hex(value, digits);
    put(" mem");
    for (int i = 0; i < 16; i++) {
        put(" ");
        hex(buf[i], 2);
    }
    flush();
}

static void clear(void)
{
    for (int i = 0; i < 32; i++) {
        buf[i] = (uint8_t)(0xe0 + i);
    }
}

/* the model: an n-byte value at p in the data byte order */
static void put_n(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        p[ISA_BE ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
    }
}

static uint64_t get_n(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        v |= (uint64_t)p[ISA_BE ? n - 1 - i : i] << (8 * i);
    }
    return v;
}

#if defined(__arm__)
#define ARM 1
#else
#define ARM 0
#endif

static void run(void)
{
    uint32_t r, r2;
    uint64_t d = 0x0102030405060708ull;

    clear();
    if (ARM) asm volatile("str %1, [%0]" : : "r"(buf), "r"(0x11223344) : "memory");
    else put_n(buf, 0x11223344, 4);
    show("str", 0, 1);

    clear();
    if (ARM) asm volatile("strh %1, [%0, #2]\n\tstrb %2, [%0, #5]" : : "r"(buf), "r"(0x5566), "r"(0x77) : "memory");
    else { put_n(buf + 2, 0x5566, 2); buf[5] = 0x77; }
    show("strh/strb", 0, 1);

    clear();
    buf[4] = 0x80; buf[5] = 0x01;
    if (ARM) asm volatile("ldr %0, [%2, #4]\n\tldrsh %1, [%2, #4]" : "=&r"(r), "=&r"(r2) : "r"(buf) : "memory");
    else { r = (uint32_t)get_n(buf + 4, 4); r2 = (uint32_t)(int32_t)(int16_t)get_n(buf + 4, 2); }
    show("ldr", r, 8);
    show("ldrsh", r2, 8);

    clear();
    if (ARM) asm volatile("ldr %0, [%1, #1]" : "=r"(r) : "r"(buf) : "memory");
    else r = (uint32_t)get_n(buf + 1, 4);
    show("ldr unaligned", r, 8);

    clear();
    if (ARM) asm volatile("mov r2, %1\n\tmov r3, %2\n\tstrd r2, r3, [%0, #8]" : : "r"(buf), "r"(0xaabbccdd), "r"(0x99887766) : "r2", "r3", "memory");
    else { put_n(buf + 8, 0xaabbccdd, 4); put_n(buf + 12, 0x99887766, 4); }
    show("strd", 0, 1);

    clear();
    if (ARM) asm volatile("ldrd r2, r3, [%1]\n\tmov %0, r3" : "=r"(r) : "r"(buf) : "r2", "r3", "memory");
    else r = (uint32_t)get_n(buf + 4, 4);
    show("ldrd hi", r, 8);

    clear();
    if (ARM) {
        asm volatile("1: ldrexd r2, r3, [%1]\n\tmov %0, r2\n\tmov r4, r3\n\tmov r5, r2\n\t"
                     "strexd r6, r4, r5, [%1]\n\tcmp r6, #0\n\tbne 1b"
                     : "=&r"(r) : "r"(buf) : "r2", "r3", "r4", "r5", "r6", "cc", "memory");
    } else {
        r = (uint32_t)get_n(buf, 4);
        uint32_t hi = (uint32_t)get_n(buf + 4, 4);
        put_n(buf, hi, 4);
        put_n(buf + 4, r, 4);
    }
    show("ldrexd/strexd swap", r, 8);

    clear();
    if (ARM) asm volatile("mov r2, %1\n\tmov r3, %2\n\tstm %0, {r2, r3}" : : "r"(buf), "r"(0x0a0b0c0d), "r"(0x1a1b1c1d) : "r2", "r3", "memory");
    else { put_n(buf, 0x0a0b0c0d, 4); put_n(buf + 4, 0x1a1b1c1d, 4); }
    show("stm", 0, 1);

    clear();
    if (ARM) asm volatile("ldr %0, [%1]\n\trev %0, %0" : "=r"(r) : "r"(buf) : "memory");
    else { uint32_t v = (uint32_t)get_n(buf, 4); r = v >> 24 | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | v << 24; }
    show("ldr+rev", r, 8);

    clear();
    if (ARM) asm volatile("vmov d0, %1, %2\n\tvstr d0, [%0]\n\tvstr s1, [%0, #8]"
                          : : "r"(buf), "r"((uint32_t)d), "r"((uint32_t)(d >> 32)) : "d0", "memory");
    else { put_n(buf, d, 8); put_n(buf + 8, d >> 32, 4); }
    show("vstr d/s", 0, 1);

    clear();
    uint64_t v;
    if (ARM) {
        uint32_t lo, hi;
        asm volatile("vldr d1, [%2, #4]\n\tvmov %0, %1, d1" : "=r"(lo), "=r"(hi) : "r"(buf) : "d1", "memory");
        v = (uint64_t)hi << 32 | lo;
    } else {
        v = get_n(buf + 4, 8);
    }
    show("vldr d", v, 16);

    static const char *const vst_names[4] = { "vst1.8", "vst1.16", "vst1.32", "vst1.64" };
    for (int size = 0; size < 4; size++) {
        clear();
        if (ARM) {
            asm volatile("vmov d0, %1, %2" : : "r"(0), "r"((uint32_t)d), "r"((uint32_t)(d >> 32)) : "d0");
            switch (size) {
            case 0: asm volatile("vst1.8 {d0}, [%0]" : : "r"(buf) : "memory"); break;
            case 1: asm volatile("vst1.16 {d0}, [%0]" : : "r"(buf) : "memory"); break;
            case 2: asm volatile("vst1.32 {d0}, [%0]" : : "r"(buf) : "memory"); break;
            default: asm volatile("vst1.64 {d0}, [%0]" : : "r"(buf) : "memory"); break;
            }
        } else {
            int eb = 1 << size;
            for (int e = 0; e < 8 / eb; e++) {
                put_n(buf + e * eb, d >> (8 * eb * e), eb);
            }
        }
        show(vst_names[size], 0, 1);
    }

    static const char *const vld_names[4] = { "vld1.8", "vld1.16", "vld1.32", "vld1.64" };
    for (int size = 0; size < 4; size++) {
        clear();
        if (ARM) {
            uint32_t lo, hi;
            switch (size) {
            case 0: asm volatile("vld1.8 {d2}, [%0]" : : "r"(buf) : "d2", "memory"); break;
            case 1: asm volatile("vld1.16 {d2}, [%0]" : : "r"(buf) : "d2", "memory"); break;
            case 2: asm volatile("vld1.32 {d2}, [%0]" : : "r"(buf) : "d2", "memory"); break;
            default: asm volatile("vld1.64 {d2}, [%0]" : : "r"(buf) : "d2", "memory"); break;
            }
            asm volatile("vmov %0, %1, d2" : "=r"(lo), "=r"(hi));
            v = (uint64_t)hi << 32 | lo;
        } else {
            int eb = 1 << size;
            v = 0;
            for (int e = 0; e < 8 / eb; e++) {
                v |= get_n(buf + e * eb, eb) << (8 * eb * e);
            }
        }
        show(vld_names[size], v, 16);
    }
}

#if defined(__arm__)
void cstart(void)
{
    run();
    put("endian: done");
    flush();
    sys_exit(0);
}

asm(".text\n"
    ".global _start\n"
    ".type _start, %function\n"
    "_start:\n"
    "  bl cstart\n");
#else
int main(void)
{
    run();
    put("endian: done");
    flush();
    return 0;
}
#endif
