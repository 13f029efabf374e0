/*
 * avx_helper.c — the operations AVX and AVX2 add to SSE (SDM vol. 2), in
 * C, with the shape of sse_helper.c's: op(env, X86Reg *d, const X86Reg *s,
 * uint32_t imm).  In-lane operations see one 128-bit lane at d and s (the
 * emitter calls them once per lane) and touch only its 16 bytes; whole-
 * register operations get VEX.L in imm bit 8 and see 32 bytes.  The result
 * is built in a local copy, so d == s works.
 */
#include "cpu.h"

#include <string.h>

#include "avx.h"
#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"

#define AVX_INFO(fn, rt, n, ...)                                                        \
    const TCGHelperInfo i386_avx_##fn = {                                               \
        .func = (void *)avx_##fn, .name = "avx_" #fn, .flags = TCG_CALL_NO_RWG,        \
        .ret = rt, .nargs = n, .args = { __VA_ARGS__ },                                 \
    }
#define AVX_OP_INFO(fn) \
    AVX_INFO(fn, TCG_CALL_TYPE_VOID, 4, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, \
             TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32)

/* ---- in-lane ------------------------------------------------------------------------ */

/* VPERMILPS: each dword of d from the lane's dword s[i] & 3 (d is the source, s the control). */
static void avx_permilps(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint32_t r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = d->l[s->l[i] & 3];
    }
    memcpy(d, r, 16);
}
AVX_OP_INFO(permilps);

/* VPERMILPD: bit 1 of each control quadword selects. */
static void avx_permilpd(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint64_t r[2];
    for (int i = 0; i < 2; i++) {
        r[i] = d->q[(s->q[i] >> 1) & 1];
    }
    memcpy(d, r, 16);
}
AVX_OP_INFO(permilpd);

/* VPERMILPS/PD with an immediate: the source is s (two-operand form). */
static void avx_permilps_imm(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint32_t r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = s->l[(imm >> (2 * i)) & 3];
    }
    memcpy(d, r, 16);
}
AVX_OP_INFO(permilps_imm);

static void avx_permilpd_imm(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint64_t r[2] = { s->q[imm & 1], s->q[(imm >> 1) & 1] };
    memcpy(d, r, 16);
}
AVX_OP_INFO(permilpd_imm);

/* VPSLLVD/Q, VPSRLVD/Q, VPSRAVD: counts per element; past the width gives 0 (or the sign). */
static void avx_psllvd(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    for (int i = 0; i < 4; i++) {
        d->l[i] = s->l[i] > 31 ? 0 : d->l[i] << s->l[i];
    }
}
AVX_OP_INFO(psllvd);

static void avx_psllvq(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    for (int i = 0; i < 2; i++) {
        d->q[i] = s->q[i] > 63 ? 0 : d->q[i] << s->q[i];
    }
}
AVX_OP_INFO(psllvq);

static void avx_psrlvd(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    for (int i = 0; i < 4; i++) {
        d->l[i] = s->l[i] > 31 ? 0 : d->l[i] >> s->l[i];
    }
}
AVX_OP_INFO(psrlvd);

static void avx_psrlvq(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    for (int i = 0; i < 2; i++) {
        d->q[i] = s->q[i] > 63 ? 0 : d->q[i] >> s->q[i];
    }
}
AVX_OP_INFO(psrlvq);

static void avx_psravd(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    for (int i = 0; i < 4; i++) {
        d->sl[i] = d->sl[i] >> (s->l[i] > 31 ? 31 : s->l[i]);
    }
}
AVX_OP_INFO(psravd);

/*
 * VBLENDVPS/PD, VPBLENDVB: element i from s where the mask register's
 * element has its top bit set.  imm: bits 1:0 log2 element size, 7:4 the
 * mask register, bit 8 the upper lane.
 */
static void avx_blendv(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    int size = 1 << (imm & 3);
    const uint8_t *m = env->xmm_regs[(imm >> 4) & 15].b + ((imm & 0x100) ? 16 : 0);
    uint8_t r[16];
    memcpy(r, d, 16);
    for (int i = 0; i < 16; i += size) {
        if (m[i + size - 1] & 0x80) {
            memcpy(r + i, s->b + i, size);
        }
    }
    memcpy(d, r, 16);
}
AVX_OP_INFO(blendv);

/* ---- whole register --------------------------------------------------------------------- */

/* VPERMD/VPERMPS ymm1, ymm2 (indexes, in d), ymm3/m256 (s). */
static void avx_permd(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint32_t r[8];
    for (int i = 0; i < 8; i++) {
        r[i] = s->l[d->l[i] & 7];
    }
    memcpy(d, r, 32);
}
AVX_OP_INFO(permd);

/* VPERMQ/VPERMPD ymm1, ymm2/m256, imm8. */
static void avx_permq(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint64_t r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = s->q[(imm >> (2 * i)) & 3];
    }
    memcpy(d, r, 32);
}
AVX_OP_INFO(permq);

/* VPERM2F128/VPERM2I128: each lane from one of the four of H:W, or zero (imm bits 3, 7). */
static void avx_perm2f128(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm)
{
    uint64_t src[8], r[4];
    memcpy(src, d, 32);
    memcpy(src + 4, s, 32);
    for (int lane = 0; lane < 2; lane++) {
        int sel = (imm >> (4 * lane)) & 0xf;
        for (int q = 0; q < 2; q++) {
            r[2 * lane + q] = (sel & 8) ? 0 : src[2 * (sel & 3) + q];
        }
    }
    memcpy(d, r, 32);
}
AVX_OP_INFO(perm2f128);

/* VPBROADCASTB/W/D/Q, VBROADCASTSS/SD/F128: the low element of s in every element. */
#define BROADCAST(nm, size)                                                           \
    static void avx_##nm(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm) \
    {                                                                                 \
        uint8_t e[16];                                                                \
        memcpy(e, s, size);                                                           \
        for (int i = 0; i < ((imm & 0x100) ? 32 : 16); i += size) {                   \
            memcpy(d->b + i, e, size);                                                \
        }                                                                             \
    }                                                                                 \
    AVX_OP_INFO(nm)
BROADCAST(broadcastb, 1);
BROADCAST(broadcastw, 2);
BROADCAST(broadcastd, 4);
BROADCAST(broadcastq, 8);
BROADCAST(broadcast128, 16);

/* VMOVMSKPS (desc 0), VMOVMSKPD (1), VPMOVMSKB (2); bit 8 VEX.L. */
static uint64_t avx_movmsk(CPUArchState *env, const X86Reg *s, uint32_t desc)
{
    int n = (desc & 0x100) ? 32 : 16, size = (desc & 3) == 0 ? 4 : (desc & 3) == 1 ? 8 : 1;
    uint64_t m = 0;
    for (int i = 0; i < n / size; i++) {
        m |= (uint64_t)(s->b[i * size + size - 1] >> 7) << i;
    }
    return m;
}
AVX_INFO(movmsk, TCG_CALL_TYPE_I64, 3, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I32);

/*
 * VPTEST (desc 0: every bit), VTESTPS (1: the dword sign bits), VTESTPD (2:
 * the quadword sign bits): ZF = (d AND s) == 0, CF = (NOT d AND s) == 0,
 * the other arithmetic flags cleared.
 */
static void avx_test(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t desc)
{
    int n = (desc & 0x100) ? 4 : 2;
    uint64_t mask = (desc & 3) == 0 ? ~0ull : (desc & 3) == 1 ? 0x8000000080000000ull
                                                                : 0x8000000000000000ull;
    uint64_t z = 0, c = 0;
    for (int i = 0; i < n; i++) {
        z |= d->q[i] & s->q[i] & mask;
        c |= ~d->q[i] & s->q[i] & mask;
    }
    env->cc_src = (z ? 0 : CC_Z) | (c ? 0 : CC_C);
    env->cc_op = CC_OP_EFLAGS;
}
const TCGHelperInfo i386_avx_test = {
    .func = (void *)avx_test, .name = "avx_test", .flags = 0, .ret = TCG_CALL_TYPE_VOID,
    .nargs = 4, .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR,
                          TCG_CALL_TYPE_I32 },
};

/*
 * VCMPPS/PD/SS/SD with the 32 predicates of AVX: bits 3:0 name the set of
 * relations (less, equal, greater, unordered) that give true; the
 * signalling ones (an invalid exception on a QNaN too) are those whose bits
 * 1:0 are 1 or 2 among 0-15, the others among 16-31.
 */
static bool vcmp_true(FloatRelation rel, uint32_t p)
{
    static const uint8_t sets[16] = { 2, 1, 3, 8, 0xd, 0xe, 0xc, 7, 0xa, 9, 0xb, 0, 5, 6, 4, 0xf };
    int bit = rel == float_relation_less ? 1 : rel == float_relation_equal ? 2 :
              rel == float_relation_greater ? 4 : 8;
    return sets[p & 15] & bit;
}

static bool vcmp_signals(uint32_t p)
{
    return (((p & 3) == 1 || (p & 3) == 2)) != ((p & 16) != 0);
}

static uint32_t vcmp32(float32 a, float32 b, uint32_t p, FloatStatus *st)
{
    FloatRelation rel = vcmp_signals(p) ? float32_compare(a, b, st) : float32_compare_quiet(a, b, st);
    return vcmp_true(rel, p) ? ~0u : 0;
}

static uint64_t vcmp64(float64 a, float64 b, uint32_t p, FloatStatus *st)
{
    FloatRelation rel = vcmp_signals(p) ? float64_compare(a, b, st) : float64_compare_quiet(a, b, st);
    return vcmp_true(rel, p) ? ~0ull : 0;
}

#define VCMP(nm, n, out, in, fn)                                                       \
    static void avx_##nm(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t imm) \
    {                                                                                 \
        for (int i = 0; i < n; i++) {                                                 \
            d->out[i] = fn(d->in[i], s->in[i], imm, &env->sse_status);                \
        }                                                                             \
    }                                                                                 \
    AVX_OP_INFO(nm)
VCMP(vcmpps, 4, l, f, vcmp32);
VCMP(vcmppd, 2, q, d, vcmp64);
VCMP(vcmpss, 1, l, f, vcmp32);
VCMP(vcmpsd, 1, q, d, vcmp64);

/*
 * FMA3 (VFMADD/VFMSUB/VFNMADD/VFNMSUB 132/213/231 PS/PD/SS/SD, VFMADDSUB,
 * VFMSUBADD): one rounding through fpu/'s fused multiply-add.  d is the
 * destination (and first operand), h the VEX.vvvv source, s the r/m one.
 * desc: bits 1:0 the operand order (0: d*s+h, 1: h*d+s, 2: h*s+d), 4:2
 * the kind (0 madd, 1 msub, 2 nmadd, 3 nmsub, 4 addsub: odd add, even
 * subtract, 5 subadd), 5 double, 6 scalar, 7 VEX.L.
 */
static void avx_fma(CPUArchState *env, X86Reg *d, const X86Reg *h, const X86Reg *s, uint32_t desc)
{
    static const int negs[4] = {
        0, float_muladd_negate_c, float_muladd_negate_product,
        float_muladd_negate_product | float_muladd_negate_c,
    };
    int order = desc & 3, kind = (desc >> 2) & 7;
    bool dbl = desc & 0x20, scalar = desc & 0x40;
    int n = scalar ? 1 : ((desc & 0x80) ? 32 : 16) / (dbl ? 8 : 4);
    X86Reg r = *d;
    FloatStatus *st = &env->sse_status;
    uint32_t acc = st->flags;
    for (int i = 0; i < n; i++) {
        int k = kind < 4 ? kind : ((kind == 4) == (i & 1)) ? 0 : 1;
        int neg = negs[k];
        bool nan;
        st->flags = 0;
        if (dbl) {
            float64 a = order == 0 ? d->d[i] : h->d[i], b = order == 1 ? d->d[i] : s->d[i];
            float64 c = order == 0 ? h->d[i] : order == 1 ? s->d[i] : d->d[i];
            nan = float64_is_nan(a) || float64_is_nan(b) || float64_is_nan(c);
            r.d[i] = float64_muladd(a, b, c, neg, st);
        } else {
            float32 a = order == 0 ? d->f[i] : h->f[i], b = order == 1 ? d->f[i] : s->f[i];
            float32 c = order == 0 ? h->f[i] : order == 1 ? s->f[i] : d->f[i];
            nan = float32_is_nan(a) || float32_is_nan(b) || float32_is_nan(c);
            r.f[i] = float32_muladd(a, b, c, neg, st);
        }
        /* SDM vol. 1, 11.5.2: no denormal-operand exception with invalid or a NaN operand */
        if (nan || (st->flags & float_flag_invalid)) {
            st->flags &= ~float_flag_input_denormal;
        }
        acc |= st->flags;
    }
    st->flags = acc;
    memcpy(d, &r, 32);
}
const TCGHelperInfo i386_avx_fma = {
    .func = (void *)avx_fma, .name = "avx_fma", .flags = TCG_CALL_NO_RWG,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 5,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR,
              TCG_CALL_TYPE_I32 },
};

/*
 * VMASKMOVPS/PD, VPMASKMOVD/Q: the elements whose mask element (in m) has
 * its top bit set are loaded (the others become 0) or stored (the others
 * are left alone in memory); a masked-off element is never accessed, so it
 * cannot fault.  A load builds its result before writing d, so a fault
 * leaves the register as it was.  desc: bit 0 store, bit 1 quadword
 * elements, bit 8 VEX.L.
 */
static void avx_maskmov(CPUArchState *env, X86Reg *d, const X86Reg *m, uint64_t addr,
                        uint32_t desc)
{
    uintptr_t ra = GETPC();
    int size = desc & 2 ? 8 : 4, n = ((desc & 0x100) ? 32 : 16) / size;
    MemOp mop = size == 8 ? MO_LEUQ : MO_LEUL;
    X86Reg r = { 0 };
    for (int i = 0; i < n; i++) {
        bool on = m->b[i * size + size - 1] & 0x80;
        if (!on) {
            continue;
        }
        if (desc & 1) {
            uint64_t v = size == 8 ? d->q[i] : d->l[i];
            cpu_st_data_ra(env, addr + i * size, v, mop, ra);
        } else if (size == 8) {
            r.q[i] = cpu_ld_data_ra(env, addr + i * size, mop, ra);
        } else {
            r.l[i] = cpu_ld_data_ra(env, addr + i * size, mop, ra);
        }
    }
    if (!(desc & 1)) {
        memcpy(d, &r, 32);
    }
}
const TCGHelperInfo i386_avx_maskmov = {
    .func = (void *)avx_maskmov, .name = "avx_maskmov", .flags = 0,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 5,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64,
              TCG_CALL_TYPE_I32 },
};

/*
 * F16C.  VCVTPH2PS: the low 4 (8) half-precision values of s; MXCSR.DAZ
 * does not apply to them and a denormal one raises no DE (SDM: VCVTPH2PS).  VCVTPS2PH: imm bits 1:0 the
 * rounding (bit 2: MXCSR.RC instead), the results in the low 64 (128) bits,
 * the rest of the 128-bit destination zero; MXCSR.FTZ does not apply.
 * No DE with IE or a NaN operand, as for the other SSE operations.
 */
static void avx_cvtph2ps(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t desc)
{
    FloatStatus st = env->sse_status;
    X86Reg r = { 0 };
    int n = (desc & 0x100) ? 8 : 4;
    st.flush_inputs_to_zero = false;
    uint32_t acc = st.flags;
    for (int i = 0; i < n; i++) {
        st.flags = 0;
        r.f[i] = float16_to_float32(s->w[i], &st);
        /* a half-precision denormal is converted exactly, without DE */
        acc |= st.flags & ~float_flag_input_denormal;
    }
    env->sse_status.flags = acc;
    memcpy(d, &r, 32);
}
AVX_OP_INFO(cvtph2ps);

static void avx_cvtps2ph(CPUArchState *env, X86Reg *d, const X86Reg *s, uint32_t desc)
{
    static const FloatRoundMode modes[4] = {
        float_round_nearest_even, float_round_down, float_round_up, float_round_to_zero,
    };
    FloatStatus st = env->sse_status;
    X86Reg r = { 0 };
    int n = (desc & 0x100) ? 8 : 4;
    if (!(desc & 4)) {
        st.rounding_mode = modes[desc & 3];
    }
    st.flush_to_zero = false;
    uint32_t acc = st.flags;
    for (int i = 0; i < n; i++) {
        st.flags = 0;
        r.w[i] = float32_to_float16(s->f[i], &st);
        if (float32_is_nan(s->f[i]) || (st.flags & float_flag_invalid)) {
            st.flags &= ~float_flag_input_denormal;
        }
        acc |= st.flags;
    }
    env->sse_status.flags = acc;
    memcpy(d, &r, 32);
}
AVX_OP_INFO(cvtps2ph);

/*
 * VGATHERDPS/DPD/QPS/QPD, VPGATHERDD/DQ/QD/QQ: element i is loaded from
 * base + index[i] * scale when mask element i has its top bit set; each
 * loaded element clears its mask element at once, so a fault leaves the
 * elements done so far in d and cleared in the mask and the instruction
 * can simply be restarted (SDM vol. 2, VGATHERDPS "Operation").  At the end
 * the whole mask register is zero; elements past the count and, for the
 * 128-bit forms, bits 255:128 of d and the mask are zeroed.
 * desc: bit 0 quadword elements, bit 1 quadword indexes, bit 2 VEX.L,
 * bits 4:3 log2 scale, bits 6:5 address size (MemOp), base: register + disp,
 * seg: the segment base.
 */
static void avx_gather(CPUArchState *env, X86Reg *d, X86Reg *m, const X86Reg *idx,
                       uint64_t base, uint64_t seg, uint32_t desc)
{
    uintptr_t ra = GETPC();
    int es = desc & 1 ? 8 : 4, is = desc & 2 ? 8 : 4, scale = (desc >> 3) & 3;
    int aflag = (desc >> 5) & 3;
    int bytes = desc & 4 ? 32 : 16;
    int n = bytes / (es > is ? es : is);
    for (int i = 0; i < n; i++) {
        bool on = es == 8 ? m->q[i] >> 63 : m->l[i] >> 31;
        if (!on) {
            continue;
        }
        int64_t ix = is == 8 ? idx->sq[i] : idx->sl[i];
        uint64_t a = base + ((uint64_t)ix << scale);
        if (aflag == MO_32) {
            a = (uint32_t)a;
        } else if (aflag == MO_16) {
            a = (uint16_t)a;
        }
        a += seg;
        if (es == 8) {
            d->q[i] = cpu_ld_data_ra(env, a, MO_LEUQ, ra);
            m->q[i] = 0;
        } else {
            d->l[i] = cpu_ld_data_ra(env, a, MO_LEUL, ra);
            m->l[i] = 0;
        }
    }
    /* the elements past the count, and the upper half of the 128-bit forms */
    int used = n * es;
    memset(d->b + used, 0, 32 - used);
    memset(m->b, 0, 32);
}
const TCGHelperInfo i386_avx_gather = {
    .func = (void *)avx_gather, .name = "avx_gather", .flags = 0,
    .ret = TCG_CALL_TYPE_VOID, .nargs = 7,
    .args = { TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_PTR,
              TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32 },
};
