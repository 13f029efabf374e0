/*
 * restore.c — per-instruction restore data: written after each TB's code
 * by tcg_gen_code(), read by tb_insn_data() when a helper or a fault needs
 * the guest state of the instruction at a host pc (precise exceptions).
 *
 * Format (see translation-block.h): per guest instruction, the growth of the
 * host code end offset, then the change of each insn_start word from the
 * previous instruction (starting from {tb->pc, 0, 0}), as signed LEB128.
 * Decoding is a linear walk, which is fine: it only runs on the exception
 * path and TBs are short.
 */
#include "exec/translation-block.h"

#include <string.h>

static int sleb128_put(uint8_t *p, uint8_t *end, int64_t v)
{
    int n = 0;
    bool more;

    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;  /* arithmetic: the sign carries */
        more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
        if (more) {
            byte |= 0x80;
        }
        if (p + n >= end) {
            return -1;
        }
        p[n++] = byte;
    } while (more);
    return n;
}

static int64_t sleb128_get(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte;

    do {
        byte = *p++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40)) {
        v |= ~0ull << shift;
    }
    *pp = p;
    return (int64_t)v;
}

int tb_encode_restore_data(TCGContext *s, TranslationBlock *tb, uint8_t *out, size_t size)
{
    uint8_t *p = out, *end = out + size;
    uint64_t prev[TCG_INSN_START_WORDS] = { tb->pc, 0, 0 };
    uint32_t prev_end = 0;

    for (unsigned i = 0; i < s->nb_insns; i++) {
        int n = sleb128_put(p, end, (int64_t)s->insn_end_off[i] - prev_end);
        if (n < 0) {
            return -1;
        }
        p += n;
        prev_end = s->insn_end_off[i];
        for (unsigned w = 0; w < s->insn_start_words; w++) {
            n = sleb128_put(p, end, (int64_t)(s->insn_data[i][w] - prev[w]));
            if (n < 0) {
                return -1;
            }
            p += n;
            prev[w] = s->insn_data[i][w];
        }
    }
    return p - out;
}

bool tb_insn_data(const TranslationBlock *tb, uintptr_t host_pc,
                  uint64_t data[TCG_INSN_START_WORDS])
{
    uintptr_t start = (uintptr_t)tb->tc_ptr;

    if (host_pc <= start || host_pc > start + tb->tc_size) {
        return false;
    }
    /* host_pc is a return address: the faulting code is just before it */
    uintptr_t off = host_pc - start - 1;
    const uint8_t *p = (const uint8_t *)tb->tc_ptr + tb->tc_size;
    uint64_t words[TCG_INSN_START_WORDS] = { tb->pc, 0, 0 };
    uint64_t end = 0;

    for (unsigned i = 0; i < tb->icount; i++) {
        end += sleb128_get(&p);
        for (unsigned w = 0; w < tb->insn_start_words; w++) {
            words[w] += sleb128_get(&p);
        }
        if (off < end) {
            memcpy(data, words, sizeof(words));
            return true;
        }
    }
    return false;
}
