/*
 * neonls.c — Advanced SIMD element and structure loads and stores:
 * VLD1-VLD4/VST1-VST4 of multiple structures (every register layout), of
 * one lane and VLD1-VLD4 to all lanes, with and without writeback.  Each
 * case starts from d0-d7 and a 64-byte buffer filled with known bytes and
 * prints them afterwards, and the base register.  The C model places the
 * elements as the ARMv7-A pseudocode does (member k of structure e goes to
 * D[d + k * inc] element e).
 */
#include "isa.h"

struct state {
    uint64_t d[8];
    uint8_t mem[64];
    uint32_t base;             /* offset of the base register from mem after the instruction */
};

enum { MULTI, LANE, ALL };

/* kind, load, n (structure size), size (log2 bytes), d, inc, regs (per member), lane, writeback bytes (Rm = 13) or -1 (Rm = r) */
struct desc {
    int kind, load, n, size, d, inc, regs, lane, wb;
};

#define RM_VALUE 3

#if ISA_ON_ARM
#define T(name, insn, ...)                                                     \
    static void t_##name(struct state *st)                                     \
    {                                                                          \
        uint8_t *p = st->mem + 16;                                             \
        asm volatile("vldm %[d], {d0-d7}\n\t" insn "\n\tvstm %[d], {d0-d7}"   \
                     : [p] "+r"(p) : [d] "r"(st->d), [m] "r"(RM_VALUE)          \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "memory"); \
        st->base = (uint32_t)(p - st->mem);                                    \
    }                                                                          \
    static const struct desc dsc_##name = { __VA_ARGS__ };
#else
#define T(name, insn, ...)                                                     \
    static const struct desc dsc_##name = { __VA_ARGS__ };                     \
    static void model(struct state *st, const struct desc *ds);               \
    static void t_##name(struct state *st) { model(st, &dsc_##name); }
#endif

static uint64_t get_e(const uint64_t *d, int r, int e, int size)
{
    return (d[r] >> (e * (8 << size))) & (size == 3 ? ~0ull : (1ull << (8 << size)) - 1);
}

static void set_e(uint64_t *d, int r, int e, int size, uint64_t v)
{
    int sh = e * (8 << size);
    uint64_t m = size == 3 ? ~0ull : ((1ull << (8 << size)) - 1) << sh;
    d[r] = (d[r] & ~m) | ((v << sh) & m);
}

/* memory is little-endian (armhf) */
static uint64_t rd_mem(const uint8_t *m, int size)
{
    uint64_t v = 0;
    for (int i = (1 << size) - 1; i >= 0; i--) {
        v = v << 8 | m[i];
    }
    return v;
}

static void wr_mem(uint8_t *m, int size, uint64_t v)
{
    for (int i = 0; i < (1 << size); i++) {
        m[i] = (uint8_t)(v >> (8 * i));
    }
}

static void model(struct state *st, const struct desc *ds)
{
    uint8_t *p = st->mem + 16;
    int eb = 1 << ds->size, off = 0;
    if (ds->kind == MULTI) {
        for (int r = 0; r < ds->regs; r++) {
            for (int e = 0; e < 8 / eb; e++) {
                for (int k = 0; k < ds->n; k++, off += eb) {
                    int reg = ds->d + k * ds->inc + r;
                    if (ds->load) {
                        set_e(st->d, reg, e, ds->size, rd_mem(p + off, ds->size));
                    } else {
                        wr_mem(p + off, ds->size, get_e(st->d, reg, e, ds->size));
                    }
                }
            }
        }
    } else {
        for (int k = 0; k < ds->n; k++, off += eb) {
            for (int r = 0; r < ds->regs; r++) {
                int reg = ds->d + k * ds->inc + r;
                if (ds->kind == ALL) {
                    for (int e = 0; e < 8 / eb; e++) {
                        set_e(st->d, reg, e, ds->size, rd_mem(p + off, ds->size));
                    }
                } else if (ds->load) {
                    set_e(st->d, reg, ds->lane, ds->size, rd_mem(p + off, ds->size));
                } else {
                    wr_mem(p + off, ds->size, get_e(st->d, reg, ds->lane, ds->size));
                }
            }
        }
    }
    st->base = 16 + (ds->wb > 0 ? off : ds->wb < 0 ? RM_VALUE : 0);
}

/* multiple structures */
T(vld1_8_1, "vld1.8 {d0}, [%[p]]", MULTI, 1, 1, 0, 0, 1, 1, 0, 0)
T(vld1_16_2, "vld1.16 {d1-d2}, [%[p]]!", MULTI, 1, 1, 1, 1, 1, 2, 0, 1)
T(vld1_32_3, "vld1.32 {d2-d4}, [%[p]], %[m]", MULTI, 1, 1, 2, 2, 1, 3, 0, -1)
T(vld1_64_4, "vld1.64 {d4-d7}, [%[p]:128]", MULTI, 1, 1, 3, 4, 1, 4, 0, 0)
T(vld2_8, "vld2.8 {d0-d1}, [%[p]]!", MULTI, 1, 2, 0, 0, 1, 1, 0, 1)
T(vld2_16_sp, "vld2.16 {d1, d3}, [%[p]]", MULTI, 1, 2, 1, 1, 2, 1, 0, 0)
T(vld2_32_q, "vld2.32 {d2-d5}, [%[p]:64]", MULTI, 1, 2, 2, 2, 2, 2, 0, 0)
T(vld3_8, "vld3.8 {d0-d2}, [%[p]]", MULTI, 1, 3, 0, 0, 1, 1, 0, 0)
T(vld3_16_sp, "vld3.16 {d1, d3, d5}, [%[p]]!", MULTI, 1, 3, 1, 1, 2, 1, 0, 1)
T(vld4_8, "vld4.8 {d0-d3}, [%[p]]", MULTI, 1, 4, 0, 0, 1, 1, 0, 0)
T(vld4_32_sp, "vld4.32 {d0, d2, d4, d6}, [%[p]], %[m]", MULTI, 1, 4, 2, 0, 2, 1, 0, -1)
T(vst1_8_2, "vst1.8 {d3-d4}, [%[p]]", MULTI, 0, 1, 0, 3, 1, 2, 0, 0)
T(vst1_64_3, "vst1.64 {d5-d7}, [%[p]]!", MULTI, 0, 1, 3, 5, 1, 3, 0, 1)
T(vst2_16, "vst2.16 {d0-d1}, [%[p]]", MULTI, 0, 2, 1, 0, 1, 1, 0, 0)
T(vst2_8_q, "vst2.8 {d0-d3}, [%[p]]", MULTI, 0, 2, 0, 0, 2, 2, 0, 0)
T(vst3_32, "vst3.32 {d4-d6}, [%[p]]!", MULTI, 0, 3, 2, 4, 1, 1, 0, 1)
T(vst3_8_sp, "vst3.8 {d0, d2, d4}, [%[p]]", MULTI, 0, 3, 0, 0, 2, 1, 0, 0)
T(vst4_16, "vst4.16 {d2-d5}, [%[p]], %[m]", MULTI, 0, 4, 1, 2, 1, 1, 0, -1)
T(vst4_8_sp, "vst4.8 {d1, d3, d5, d7}, [%[p]]", MULTI, 0, 4, 0, 1, 2, 1, 0, 0)
/* one lane */
T(vld1_8_lane, "vld1.8 {d0[5]}, [%[p]]", LANE, 1, 1, 0, 0, 1, 1, 5, 0)
T(vld1_32_lane, "vld1.32 {d3[1]}, [%[p]:32]!", LANE, 1, 1, 2, 3, 1, 1, 1, 1)
T(vld2_16_lane, "vld2.16 {d0[2], d2[2]}, [%[p]]", LANE, 1, 2, 1, 0, 2, 1, 2, 0)
T(vld3_32_lane, "vld3.32 {d1[1], d2[1], d3[1]}, [%[p]]", LANE, 1, 3, 2, 1, 1, 1, 1, 0)
T(vld4_8_lane, "vld4.8 {d0[7], d1[7], d2[7], d3[7]}, [%[p]]!", LANE, 1, 4, 0, 0, 1, 1, 7, 1)
T(vld4_16_lane_sp, "vld4.16 {d1[3], d3[3], d5[3], d7[3]}, [%[p]], %[m]", LANE, 1, 4, 1, 1, 2, 1, 3, -1)
T(vst1_16_lane, "vst1.16 {d6[3]}, [%[p]]", LANE, 0, 1, 1, 6, 1, 1, 3, 0)
T(vst2_8_lane, "vst2.8 {d0[3], d1[3]}, [%[p]]!", LANE, 0, 2, 0, 0, 1, 1, 3, 1)
T(vst3_16_lane, "vst3.16 {d0[1], d2[1], d4[1]}, [%[p]]", LANE, 0, 3, 1, 0, 2, 1, 1, 0)
T(vst4_32_lane, "vst4.32 {d4[0], d5[0], d6[0], d7[0]}, [%[p]]", LANE, 0, 4, 2, 4, 1, 1, 0, 0)
/* all lanes */
T(vld1_8_all, "vld1.8 {d0[]}, [%[p]]", ALL, 1, 1, 0, 0, 1, 1, 0, 0)
T(vld1_16_all2, "vld1.16 {d2[], d3[]}, [%[p]]!", ALL, 1, 1, 1, 2, 1, 2, 0, 1)
T(vld2_32_all_sp, "vld2.32 {d0[], d2[]}, [%[p]]", ALL, 1, 2, 2, 0, 2, 1, 0, 0)
T(vld3_8_all, "vld3.8 {d1[], d2[], d3[]}, [%[p]], %[m]", ALL, 1, 3, 0, 1, 1, 1, 0, -1)
T(vld4_16_all, "vld4.16 {d4[], d5[], d6[], d7[]}, [%[p]]", ALL, 1, 4, 1, 4, 1, 1, 0, 0)
T(vld4_32_all128, "vld4.32 {d0[], d1[], d2[], d3[]}, [%[p]:128]", ALL, 1, 4, 2, 0, 1, 1, 0, 0)

#define E(n) { #n, t_##n }
static const struct {
    const char *name;
    void (*fn)(struct state *);
} tests[] = {
    E(vld1_8_1), E(vld1_16_2), E(vld1_32_3), E(vld1_64_4), E(vld2_8), E(vld2_16_sp), E(vld2_32_q),
    E(vld3_8), E(vld3_16_sp), E(vld4_8), E(vld4_32_sp), E(vst1_8_2), E(vst1_64_3), E(vst2_16),
    E(vst2_8_q), E(vst3_32), E(vst3_8_sp), E(vst4_16), E(vst4_8_sp), E(vld1_8_lane),
    E(vld1_32_lane), E(vld2_16_lane), E(vld3_32_lane), E(vld4_8_lane), E(vld4_16_lane_sp),
    E(vst1_16_lane), E(vst2_8_lane), E(vst3_16_lane), E(vst4_32_lane), E(vld1_8_all),
    E(vld1_16_all2), E(vld2_32_all_sp), E(vld3_8_all), E(vld4_16_all), E(vld4_32_all128),
};

int main(void)
{
    static struct state st __attribute__((aligned(16)));
    for (size_t k = 0; k < sizeof(tests) / sizeof(tests[0]); k++) {
        for (int i = 0; i < 64; i++) {
            /* byte b of d<r> is 0x80 + 8r + b: every byte tells where it came from */
            st.d[i / 8] = st.d[i / 8] >> 8 | (uint64_t)(0x80 + i) << 56;
        }
        for (int i = 0; i < 64; i++) {
            st.mem[i] = (uint8_t)(i * 37 + 11);
        }
        tests[k].fn(&st);
        printf("%s base +%u\n ", tests[k].name, st.base);
        for (int i = 0; i < 8; i++) {
            printf(" %016llx", (unsigned long long)st.d[i]);
        }
        printf("\n ");
        for (int i = 0; i < 64; i++) {
            printf("%02x", st.mem[i]);
        }
        printf("\n");
    }
    printf("neonls: %zu cases\n", sizeof(tests) / sizeof(tests[0]));
    return 0;
}
