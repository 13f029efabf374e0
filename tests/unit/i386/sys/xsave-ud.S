/*
 * xsave-ud.S — a 64 KiB BIOS image for `-M pc -cpu max -bios` that checks
 * the system-mode conditions of the AVX and XSAVE exception classes (SDM
 * vol. 2A, 2.8, and the XSAVE/XGETBV pages):
 *   VEX-encoded AVX       #UD unless CR4.OSXSAVE = 1 and XCR0[2:1] = 11b,
 *                         then #NM while CR0.TS = 1
 *   XSAVE/XRSTOR          #UD while CR4.OSXSAVE = 0, #NM while CR0.TS = 1
 *   XGETBV                #UD while CR4.OSXSAVE = 0
 *   VEX-encoded BMI1      none of these (general-purpose registers only)
 * It enters flat 32-bit protected mode, points #UD and #NM at handlers
 * that record the vector and resume after the probe, and walks CR4, XCR0
 * (XSETBV) and CR0.TS (MOV CR0, LMSW, CLTS) through the cases, printing each
 * step on the debug console (port 0x402); it leaves through isa-debug-exit
 * (port 0x501: 0 when every probe saw what the manual says, 0x7f otherwise,
 * after printing the probe's number).  The entry, the handlers and the
 * reporting are probe.inc's, shared with fpu-nm.S.  Run by test-xsave-ud.py.
 */
#include "probe.inc"

#define XSAVE_AREA 0x30000

        .text
        probe_enter
        probe_idt
        mov $XSAVE_AREA, %edi
        SAY(msg_start)

        /* CR4.OSXSAVE = 0 (the reset value) */
        PROBE(6, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(6, vaddps %ymm1, %ymm1, %ymm1)
        PROBE(6, mov $7, %eax; xor %edx, %edx; xsave (%edi))
        PROBE(6, xgetbv)
        PROBE(-1, andn %ecx, %ebx, %eax)
        SAY(msg_off)

        /* CR4.OSFXSR | OSXSAVE, XCR0 = x87 */
        mov %cr4, %eax
        or $((1 << 9) | (1 << 18)), %eax
        mov %eax, %cr4
        xor %ecx, %ecx
        xor %edx, %edx
        mov $1, %eax
        xsetbv
        PROBE(6, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(-1, mov $7, %eax; xor %edx, %edx; xsave (%edi))
        PROBE(-1, mov $7, %eax; xor %edx, %edx; xrstor (%edi))
        PROBE(-1, pxor %xmm0, %xmm0)
        PROBE(-1, andn %ecx, %ebx, %eax)
        SAY(msg_x87)

        /* XCR0 = x87 | SSE: still no AVX state */
        xor %ecx, %ecx
        mov $3, %eax
        xsetbv
        PROBE(6, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(6, vaddps %ymm1, %ymm1, %ymm1)
        SAY(msg_sse)

        /* XCR0 = x87 | SSE | AVX */
        xor %ecx, %ecx
        mov $7, %eax
        xsetbv
        PROBE(-1, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(-1, vaddps %ymm1, %ymm1, %ymm1)
        PROBE(-1, vrcpps %xmm1, %xmm2)
        PROBE(-1, xor %ecx, %ecx; xgetbv)
        cmp $7, %eax
        jne fail
        SAY(msg_avx)

        /* CR0.TS by MOV CR0: #NM for AVX and XSAVE, nothing for BMI and XGETBV */
        mov %cr0, %eax
        or $8, %eax
        mov %eax, %cr0
        PROBE(7, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(7, vaddps %ymm1, %ymm1, %ymm1)
        PROBE(7, mov $7, %eax; xor %edx, %edx; xsave (%edi))
        PROBE(-1, andn %ecx, %ebx, %eax)
        PROBE(-1, xor %ecx, %ecx; xgetbv)
        clts
        PROBE(-1, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(-1, mov $7, %eax; xor %edx, %edx; xsave (%edi))
        SAY(msg_ts)

        /* CR0.TS by LMSW, cleared by CLTS */
        smsw %ax
        or $8, %ax
        lmsw %ax
        PROBE(7, vpxor %xmm0, %xmm0, %xmm0)
        clts
        PROBE(-1, vpxor %xmm0, %xmm0, %xmm0)
        SAY(msg_lmsw)

        /* CR4.OSXSAVE cleared again: #UD once more (XCR0 keeps 7) */
        mov %cr4, %eax
        and $~(1 << 18), %eax
        mov %eax, %cr4
        PROBE(6, vpxor %xmm0, %xmm0, %xmm0)
        PROBE(6, mov $7, %eax; xor %edx, %edx; xsave (%edi))
        PROBE(6, xgetbv)
        PROBE(-1, pxor %xmm0, %xmm0)
        SAY(msg_cleared)

        SAY(msg_done)
        mov $EXIT, %dx
        mov $0, %al
        out %al, %dx
        hlt

        probe_runtime

msg_start:      .asciz "start\n"
msg_off:        .asciz "osxsave off\n"
msg_x87:        .asciz "xcr0 x87\n"
msg_sse:        .asciz "xcr0 sse\n"
msg_avx:        .asciz "xcr0 avx\n"
msg_ts:         .asciz "cr0.ts\n"
msg_lmsw:       .asciz "lmsw ts\n"
msg_cleared:    .asciz "osxsave cleared\n"
msg_done:       .asciz "done\n"

        probe_reset_vector
