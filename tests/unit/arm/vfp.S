@ vfp.S — VFP program for test-arm: operands at 0x8000 (two doubles, two
@ floats), results in registers and at 0x8018; the test computes the same
@ operations with the host's IEEE arithmetic and compares the bits.
        .syntax unified
        .arm
        .fpu    vfpv4
        .text
start:
        movw    r0, #0x8000
        vldr    d0, [r0]                @ a
        vldr    d1, [r0, #8]            @ b
        vadd.f64 d2, d0, d1
        vmul.f64 d3, d0, d1
        vdiv.f64 d4, d0, d1
        vsqrt.f64 d5, d0
        vldr    s12, [r0, #16]          @ c
        vldr    s13, [r0, #20]          @ e
        vsub.f32 s14, s12, s13
        vcvt.s32.f64 s15, d4            @ towards zero
        vcvt.f64.f32 d8, s12
        vcmp.f64 d0, d1
        vmrs    APSR_nzcv, fpscr
        movgt   r1, #1
        movle   r1, #2
        vmrs    r2, fpscr
        vstr    d2, [r0, #24]
        vmov    r3, r4, d3
        vpush   {d0-d1}
        vpop    {d10-d11}
        vmov.f64 d9, #-2.5
        svc     #0
