/*
 * xsave_helper.c — the XSAVE feature set (SDM vol. 1, chapter 13) for the
 * state components this CPU has: x87 (0), SSE (1: XMM and MXCSR) and AVX
 * (2: bits 255:128 of the YMM registers), in the standard format (XSAVE,
 * XSAVEOPT, XRSTOR) and the compacted one (XSAVEC, XRSTOR of a compacted
 * image); XGETBV; CPUID leaf 0xd describing the layout.
 *
 * User mode: XCR0 is what Linux enables, every supported component (x87 |
 * SSE, and AVX when the CPU has it); user code cannot change it (XSETBV is
 * #GP at CPL 3).  System mode: XCR0 is env->sys.xcr0 as XSETBV wrote it;
 * XGETBV/XSETBV need CR4.OSXSAVE (#UD) and XSETBV CPL 0 (#GP); CPUID.1
 * reports OSXSAVE from CR4 (cpu.c).  XINUSE (what XSTATE_BV records) is computed from the values: a
 * component is "in use" unless it holds its initial configuration, which
 * is what the processor reports after VZEROUPPER or an XRSTOR of the init
 * state (its tracking by modification may say "in use" for a component
 * written with initial values; the manual allows either).  XSAVEOPT writes
 * like XSAVE (its optimisations are permitted, not required).  A helper reads or checks everything it needs
 * before it changes any state: a fault leaves the registers as they were.
 *
 * Standard layout: bytes 0-511 the FXSAVE image (x87 in 0-23 and 32-159,
 * MXCSR and its mask in 24-31, XMM in 160-415), 512-575 the header
 * (XSTATE_BV, XCOMP_BV, reserved), 576-831 YMM0-15 bits 255:128.  The
 * compacted layout puts the AVX component at 576 as well (it is the first
 * extended one).  Outside 64-bit mode only XMM/YMM 0-7 are saved and loaded.
 */
#include "cpu.h"

#include <string.h>

#include "exec/cpu-exec.h"
#include "exec/cpu-ldst.h"
#include "seg.h"
#include "xsave.h"
#include "x87.h"

#define XS_HEADER 512
#define XS_AVX 576
#define XS_SIZE_AVX (XS_AVX + 256)

#define INFO(fn, r, n, ...) { .func = (void *)(fn), .name = #fn, .flags = 0, .ret = (r), \
                              .nargs = (n), .args = { __VA_ARGS__ } }

/* The components this CPU supports. */
static uint64_t xcr0_supported(CPUArchState *env)
{
    if (!(env->features[FEAT_1_ECX] & CPUID_EXT_XSAVE)) {
        return 0;
    }
    return 3 | (env->features[FEAT_1_ECX] & CPUID_EXT_AVX ? 4 : 0);
}

uint64_t i386_xcr0(CPUArchState *env)
{
#ifdef CONFIG_USER_ONLY
    return xcr0_supported(env);
#else
    return xcr0_supported(env) ? env->sys.xcr0 | 1 : 0;
#endif
}

static uint32_t xsave_size(uint64_t xcr0)
{
    return xcr0 & 4 ? XS_SIZE_AVX : XS_AVX;
}

void i386_cpuid_xsave(CPUArchState *env, uint32_t subleaf, uint32_t *eax, uint32_t *ebx,
                      uint32_t *ecx, uint32_t *edx)
{
    uint64_t xcr0 = i386_xcr0(env);
    uint64_t all = xcr0_supported(env);
    *eax = *ebx = *ecx = *edx = 0;
    if (!all) {
        return;
    }
    switch (subleaf) {
    case 0:
        *eax = all;                        /* the components XCR0 may enable */
        *ebx = xsave_size(xcr0);           /* the area for the XCR0 enabled now */
        *ecx = xsave_size(all);            /* ... and for every supported component */
        break;
    case 1:
        *eax = 1 | 2;                      /* XSAVEOPT, XSAVEC (no XGETBV ECX=1, no XSAVES) */
        *ebx = xsave_size(xcr0);
        break;
    case 2:
        if (all & 4) {
            *eax = 256;                    /* AVX: size and standard offset */
            *ebx = XS_AVX;
        }
        break;
    default:
        break;
    }
}

static int xmm_count(CPUArchState *env)
{
    return env->hflags & HF_CODE64 ? 16 : 8;
}

uint32_t i386_xsave_size(CPUArchState *env)
{
    uint64_t xcr0 = i386_xcr0(env);
    return xcr0 ? xsave_size(xcr0) : 0;
}

/* XINUSE: the components not in their initial configuration. */
static uint64_t xinuse(CPUArchState *env)
{
    uint64_t r = 0;
    bool x87 = env->fpuc != 0x37f || i386_x87_get_fsw(env) != 0;
    for (int i = 0; i < 8; i++) {
        x87 |= !env->fptags[i] || env->fpregs[i].low || env->fpregs[i].high;
    }
    r |= x87 ? 1 : 0;
    bool sse = i386_get_mxcsr(env) != 0x1f80, avx = false;
    for (int i = 0; i < xmm_count(env); i++) {
        sse |= env->xmm_regs[i].q[0] || env->xmm_regs[i].q[1];
        avx |= env->xmm_regs[i].q[2] || env->xmm_regs[i].q[3];
    }
    r |= (sse ? 2 : 0) | (avx ? 4 : 0);
    return r & i386_xcr0(env);
}

void i386_xsave_image(CPUArchState *env, uint8_t *buf, uint64_t rfbm)
{
    rfbm &= i386_xcr0(env);
    memset(buf, 0, xsave_size(i386_xcr0(env)));
    i386_fxsave(env, buf, true);
    uint64_t bv = rfbm & xinuse(env);
    memcpy(buf + XS_HEADER, &bv, 8);
    if (rfbm & 4) {
        for (int i = 0; i < xmm_count(env); i++) {
            memcpy(buf + XS_AVX + 16 * i, env->xmm_regs[i].b + 16, 16);
        }
    }
}

static void st_bytes(CPUArchState *env, uint64_t addr, const uint8_t *p, int n, uintptr_t ra)
{
    for (int i = 0; i < n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        cpu_st_data_ra(env, addr + i, v, MO_LEUQ, ra);
    }
}

static void ld_bytes(CPUArchState *env, uint64_t addr, uint8_t *p, int n, uintptr_t ra)
{
    for (int i = 0; i < n; i += 8) {
        uint64_t v = cpu_ld_data_ra(env, addr + i, MO_LEUQ, ra);
        memcpy(p + i, &v, 8);
    }
}

/* XSAVE (kind 0), XSAVEOPT (1), XSAVEC (2) of the components in EDX:EAX & XCR0. */
static void helper_xsave(CPUArchState *env, uint64_t addr, uint64_t mask, uint32_t kind)
{
    uintptr_t ra = GETPC();
    uint64_t xcr0 = i386_xcr0(env), rfbm = xcr0 & mask;
    uint8_t img[512];
    if (addr & 63) {
        i386_raise_exception(env, EXCP0D_GPF, ra);
    }
    i386_fxsave(env, img, true);
    if (rfbm & 1) {
        st_bytes(env, addr, img, 24, ra);
        st_bytes(env, addr + 32, img + 32, 128, ra);
    }
    if (rfbm & 6) {
        st_bytes(env, addr + 24, img + 24, 8, ra);
    }
    if (rfbm & 2) {
        st_bytes(env, addr + 160, img + 160, 16 * xmm_count(env), ra);
    }
    if (rfbm & 4) {
        for (int i = 0; i < xmm_count(env); i++) {
            st_bytes(env, addr + XS_AVX + 16 * i, env->xmm_regs[i].b + 16, 16, ra);
        }
    }
    uint64_t inuse = xinuse(env);
    if (kind == 2) {
        cpu_st_data_ra(env, addr + XS_HEADER, rfbm & inuse, MO_LEUQ, ra);
        cpu_st_data_ra(env, addr + XS_HEADER + 8, rfbm | 1ull << 63, MO_LEUQ, ra);
    } else {
        uint64_t bv = cpu_ld_data_ra(env, addr + XS_HEADER, MO_LEUQ, ra);
        cpu_st_data_ra(env, addr + XS_HEADER, (bv & ~rfbm) | (rfbm & inuse), MO_LEUQ, ra);
    }
}
const TCGHelperInfo i386_helper_xsave =
    INFO(helper_xsave, TCG_CALL_TYPE_VOID, 4, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64,
         TCG_CALL_TYPE_I64, TCG_CALL_TYPE_I32);

/* The header rules of XRSTOR (SDM vol. 1, 13.8): false for #GP. */
static bool xrstor_header_ok(CPUArchState *env, const uint8_t *hdr)
{
    uint64_t xcr0 = i386_xcr0(env), bv, comp;
    memcpy(&bv, hdr, 8);
    memcpy(&comp, hdr + 8, 8);
    bool compacted = comp >> 63;
    if (compacted ? ((comp & ~(1ull << 63)) & ~xcr0) || (bv & ~comp) : (bv & ~xcr0) || comp) {
        return false;
    }
    for (int i = 16; i < 64; i += 8) {
        uint64_t r;
        memcpy(&r, hdr + i, 8);
        if (r && (compacted || i < 24)) {
            return false;
        }
    }
    return true;
}

/* MXCSR is loaded (standard form: when SSE or AVX is requested) and must have no reserved bit. */
static bool xrstor_mxcsr(const uint8_t *img, uint64_t rfbm, bool *load, uint32_t *mxcsr)
{
    uint64_t bv, comp;
    memcpy(&bv, img + XS_HEADER, 8);
    memcpy(&comp, img + XS_HEADER + 8, 8);
    memcpy(mxcsr, img + 24, 4);
    *load = comp >> 63 ? (rfbm & bv & 6) != 0 : (rfbm & 6) != 0;
    return !(*load && (*mxcsr & ~0xffffu));
}

static void xrstor_apply(CPUArchState *env, const uint8_t *img, uint64_t rfbm);

bool i386_xrstor_image(CPUArchState *env, const uint8_t *buf, uint64_t rfbm)
{
    bool ld;
    uint32_t mx;
    rfbm &= i386_xcr0(env);
    if (!xrstor_header_ok(env, buf + XS_HEADER) || !xrstor_mxcsr(buf, rfbm, &ld, &mx)) {
        return false;
    }
    xrstor_apply(env, buf, rfbm);
    return true;
}

/* XRSTOR: each requested component from the image, or its initial state when XSTATE_BV lacks it. */
static void helper_xrstor(CPUArchState *env, uint64_t addr, uint64_t mask)
{
    uintptr_t ra = GETPC();
    uint64_t rfbm = i386_xcr0(env) & mask;
    uint8_t img[XS_SIZE_AVX];
    if (addr & 63) {
        i386_raise_exception(env, EXCP0D_GPF, ra);
    }
    ld_bytes(env, addr + XS_HEADER, img + XS_HEADER, 64, ra);
    if (!xrstor_header_ok(env, img + XS_HEADER)) {
        i386_raise_exception(env, EXCP0D_GPF, ra);
    }
    uint64_t bv;
    memcpy(&bv, img + XS_HEADER, 8);
    ld_bytes(env, addr, img, 512, ra);
    if (rfbm & bv & 4) {
        ld_bytes(env, addr + XS_AVX, img + XS_AVX, 16 * xmm_count(env), ra);
    }
    bool mx_load;
    uint32_t mxcsr;
    if (!xrstor_mxcsr(img, rfbm, &mx_load, &mxcsr)) {
        i386_raise_exception(env, EXCP0D_GPF, ra);
    }
    /* nothing faults from here on */
    xrstor_apply(env, img, rfbm);
}
const TCGHelperInfo i386_helper_xrstor =
    INFO(helper_xrstor, TCG_CALL_TYPE_VOID, 3, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64,
         TCG_CALL_TYPE_I64);

static void xrstor_apply(CPUArchState *env, const uint8_t *img, uint64_t rfbm)
{
    uint64_t bv, comp;
    memcpy(&bv, img + XS_HEADER, 8);
    memcpy(&comp, img + XS_HEADER + 8, 8);
    bool compacted = comp >> 63, mx_load;
    uint64_t load = rfbm & bv;
    uint32_t mxcsr;
    xrstor_mxcsr(img, rfbm, &mx_load, &mxcsr);
    if (rfbm & 1) {
        uint32_t keep = i386_get_mxcsr(env);
        if (load & 1) {
            i386_fxrstor(env, img, false);
        } else {
            i386_x87_reset(env);
            memset(env->fpregs, 0, sizeof(env->fpregs));
        }
        i386_set_mxcsr(env, keep);
    }
    if (rfbm & 2) {
        for (int i = 0; i < xmm_count(env); i++) {
            if (load & 2) {
                memcpy(env->xmm_regs[i].b, img + 160 + 16 * i, 16);
            } else {
                memset(env->xmm_regs[i].b, 0, 16);
            }
        }
    }
    if (mx_load) {
        i386_set_mxcsr(env, mxcsr);
    } else if (compacted && (rfbm & 6)) {
        i386_set_mxcsr(env, 0x1f80);
    }
    if (rfbm & 4) {
        for (int i = 0; i < xmm_count(env); i++) {
            if (load & 4) {
                memcpy(env->xmm_regs[i].b + 16, img + XS_AVX + 16 * i, 16);
            } else {
                memset(env->xmm_regs[i].b + 16, 0, 16);
            }
        }
    }
}

#ifndef CONFIG_USER_ONLY
/* CR4.OSXSAVE (system mode; Linux sets it for user mode). */
static bool osxsave(CPUArchState *env)
{
    return env->sys.cr[4] & (1u << 18);
}
#endif

/*
 * The translator raises these exceptions from the TB flags (decode-vex.c,
 * emit-xsave.c, and the legacy emitters emit-x87.c, emit-mmx.c,
 * emit-sse.c), so the conditions live in hflags: AVX needs CR4.OSXSAVE
 * and XCR0 bits 1 and 2 (SSE and AVX state), also for VEX.128 forms;
 * legacy SSE needs CR0.EM = 0 and CR4.OSFXSR = 1 (SDM vol. 3A, 13.1).
 * Every change of CR0, CR4 or XCR0 comes through here (MOV CR, LMSW,
 * CLTS, XSETBV, a task switch, reset) and ends the translation block.
 */
void i386_update_xstate_hflags(CPUArchState *env)
{
#ifndef CONFIG_USER_ONLY
    uint32_t cr0 = env->sys.cr[0], cr4 = env->sys.cr[4];
    uint32_t hf = env->hflags & ~(HF_AVX_UD | HF_XSAVE_UD | HF_TS | HF_EM | HF_MP | HF_SSE_UD);
    if (!osxsave(env)) {
        hf |= HF_AVX_UD | HF_XSAVE_UD;
    } else if ((i386_xcr0(env) & 6) != 6) {
        hf |= HF_AVX_UD;
    }
    if (cr0 & CR0_TS) {
        hf |= HF_TS;
    }
    if (cr0 & CR0_EM) {
        hf |= HF_EM | HF_SSE_UD;
    }
    if (cr0 & CR0_MP) {
        hf |= HF_MP;
    }
    if (!(cr4 & CR4_OSFXSR)) {
        hf |= HF_SSE_UD;
    }
    env->hflags = hf;
#endif
}

/* XGETBV: ECX 0 reads XCR0; anything else is #GP (no XINUSE read: CPUID.(0xd,1).EAX[2] = 0). */
static uint64_t helper_xgetbv(CPUArchState *env, uint64_t ecx)
{
#ifndef CONFIG_USER_ONLY
    if (!osxsave(env)) {
        i386_raise_exception(env, EXCP06_ILLOP, GETPC());
    }
#endif
    if ((uint32_t)ecx != 0) {
        i386_raise_exception(env, EXCP0D_GPF, GETPC());
    }
    return i386_xcr0(env);
}
const TCGHelperInfo i386_helper_xgetbv =
    INFO(helper_xgetbv, TCG_CALL_TYPE_I64, 2, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64);

/*
 * XSETBV: XCR[ECX] = EDX:EAX.  #GP at CPL > 0 (always in user mode), for
 * ECX != 0, without bit 0, with AVX but not SSE, or an unsupported bit.
 */
static void helper_xsetbv(CPUArchState *env, uint64_t ecx, uint64_t v)
{
#ifdef CONFIG_USER_ONLY
    i386_raise_exception(env, EXCP0D_GPF, GETPC());
#else
    if (!osxsave(env)) {
        i386_raise_exception(env, EXCP06_ILLOP, GETPC());
    }
    if ((env->hflags & HF_CPL_MASK) || (uint32_t)ecx != 0 || !(v & 1) ||
        ((v & 4) && !(v & 2)) || (v & ~xcr0_supported(env))) {
        i386_raise_exception(env, EXCP0D_GPF, GETPC());
    }
    env->sys.xcr0 = v;
    i386_update_xstate_hflags(env);
#endif
}
const TCGHelperInfo i386_helper_xsetbv =
    INFO(helper_xsetbv, TCG_CALL_TYPE_VOID, 3, TCG_CALL_TYPE_PTR, TCG_CALL_TYPE_I64,
         TCG_CALL_TYPE_I64);
