/*
 * unaligned.c — unaligned loads and stores the compiler emits for packed
 * structures and memcpy (on MIPS: LWL/LWR, SWL/SWR and their 64-bit
 * forms), at every offset, in both directions.  Architecture neutral apart
 * from byte order, which the output hides by printing values, not bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct __attribute__((packed)) rec {
    uint8_t tag;
    uint32_t w;
    uint16_t h;
    uint64_t d;
    int32_t s;
};

static uint32_t load32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

int main(void)
{
    uint8_t buf[64];
    for (int i = 0; i < 64; i++) {
        buf[i] = (uint8_t)(i * 37 + 11);
    }
    uint32_t sum32 = 0;
    uint64_t sum64 = 0;
    for (int off = 0; off < 8; off++) {
        uint32_t a = load32(buf + off);
        uint64_t b = load64(buf + off + 8);
        /* values are byte-order dependent: compare with a byte-wise rebuild */
        uint32_t ra = 0;
        uint64_t rb = 0;
        memcpy(&ra, buf + off, 4);
        for (int k = 7; k >= 0; k--) {
            rb = rb << 8 | buf[off + 8 + k];
        }
        uint64_t le = 0;
        memcpy(&le, buf + off + 8, 8);
        printf("off %d: load32 matches %d, load64 matches %d\n", off, a == ra, b == le);
        sum32 += a == ra;
        sum64 += rb != 0;
    }
    struct rec r[3];
    memset(r, 0, sizeof(r));
    for (int i = 0; i < 3; i++) {
        r[i].tag = (uint8_t)i;
        r[i].w = 0x11223344u * (i + 1);
        r[i].h = (uint16_t)(0xabcd + i);
        r[i].d = 0x0102030405060708ull * (i + 3);
        r[i].s = -12345 * (i + 1);
    }
    for (int i = 0; i < 3; i++) {
        r[i].w += 1;
        r[i].d ^= 0xff00ff00ff00ff00ull;
        r[i].s -= 7;
        printf("rec %d: tag %u w %08x h %04x d %016llx s %d\n", i, r[i].tag, r[i].w, r[i].h,
               (unsigned long long)r[i].d, r[i].s);
    }
    printf("sizeof(struct rec) %zu\n", sizeof(struct rec));
    uint8_t dst[40];
    for (int off = 1; off < 8; off++) {
        memset(dst, 0, sizeof(dst));
        uint64_t v = 0x8877665544332211ull + off;
        memcpy(dst + off, &v, 8);
        uint64_t back;
        memcpy(&back, dst + off, 8);
        printf("store off %d: round trip %d, neighbours clear %d\n", off, back == v,
               dst[off - 1] == 0 && dst[off + 8] == 0);
    }
    printf("checks %u %llu\n", sum32, (unsigned long long)sum64);
    return 0;
}
