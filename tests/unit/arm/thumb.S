@ thumb.S — a Thumb-2 program for test-arm (its thumb case, ARM_THUMB_BIN): loaded at 0x1000, entered
@ in ARM state at 0x1000, ends with SVC #0 in Thumb state.  The expected
@ register values are in test-arm.c, worked out from the manual.
        .syntax unified
        .arm
        .text
start:
        adr     r0, tstart + 1
        bx      r0                      @ to Thumb
        .thumb
        .align  2
tstart:
        movs    r0, #0                  @ r0 = 0, Z set
        mov     r1, #0x00ff00ff         @ T32 modified immediate (replicated)
        mov     r2, #0x3fc00            @ rotated immediate 0xff << 10
        adds    r3, r1, r2              @ 0x00ff00ff + 0x3fc00 = 0x0102fcff
        cmp     r3, #0x100
        ite     hi
        movhi   r4, #1                  @ taken: r3 > 0x100
        movls   r4, #2
        movs    r5, #3
        cbz     r0, 1f                  @ r0 == 0: branch
        movs    r5, #99
1:      ldr     r6, =0x12345678
        rev     r7, r6                  @ 0x78563412
        ubfx    r8, r6, #8, #12         @ 0x456
        movw    r9, #0xbeef
        movt    r9, #0xdead
        mov     r10, #2
        tbb     [pc, r10]               @ index 2 -> third entry
table:  .byte   (c0 - table) / 2, (c1 - table) / 2, (c2 - table) / 2, 0
after:
c0:     movs    r11, #10
        b       done
c1:     movs    r11, #11
        b       done
c2:     movs    r11, #12
done:   bl      arm_func                @ BL to Thumb code that BLXes to ARM
        push    {r1, r2}
        pop     {r2, r3}                @ r2 = r1, r3 = r2 (swap through the stack)
        lsls    r12, r6, #4             @ 0x23456780, C = 1 (bit 28 of r6)
        adc     r12, r12, #0            @ 0x23456781
        svc     #0

arm_func:
        push    {lr}
        blx     arm_code                @ to ARM state
        pop     {pc}

        .arm
        .align  2
arm_code:
        mul     r0, r3, r4              @ r0 = 0x0102fcff * 1
        bx      lr                      @ back to Thumb (lr has bit 0 set)
        .ltorg
