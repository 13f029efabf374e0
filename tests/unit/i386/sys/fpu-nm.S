/*
 * fpu-nm.S — a 64 KiB BIOS image for `-M pc -cpu max -bios` that checks the
 * system-mode #NM/#UD conditions of the legacy x87, MMX and SSE instructions
 * (SDM vol. 3A, 2.5 and 13.1; vol. 2's exception tables):
 *   x87 (D8-DF), FXSAVE/FXRSTOR  #NM while CR0.EM = 1 or CR0.TS = 1
 *   WAIT/FWAIT                   #NM while CR0.MP = 1 and CR0.TS = 1
 *   MMX (also EMMS, PSHUFW)      #UD while CR0.EM = 1, #NM while CR0.TS = 1
 *   SSE..SSE4.2, LDMXCSR/STMXCSR, CVTPI2PS (XMM and MMX)
 *                                #UD while CR0.EM = 1 or CR4.OSFXSR = 0,
 *                                #NM while CR0.TS = 1
 *   VEX-encoded AVX              none of CR0.EM and CR4.OSFXSR
 * It enters flat 32-bit protected mode, points #UD and #NM at handlers that
 * record the vector and resume after the probe (any other vector fails),
 * and walks CR4.OSFXSR (MOV CR4) and CR0.EM/MP/TS (MOV CR0, LMSW, CLTS,
 * and the task switches of a JMP to a second TSS and back) through the cases, probing every class in each and printing the step on
 * the debug console (port 0x402).  It leaves through isa-debug-exit (port
 * 0x501: 0 when every probe saw what the manual says, 0x7f after printing
 * the failed probe's number otherwise).  With both CR0.EM and CR0.TS set,
 * MMX and SSE raise #UD (vol. 3A 13.1.4: "regardless of the value of TS").
 * The entry, the handlers and the reporting are probe.inc's, shared with
 * xsave-ud.S.  Run by test-fpu-nm.py.
 */
#include "probe.inc"

#define FXAREA 0x30000
#define MEM16 0x30400               /* 16 zero bytes for the memory-operand SSE probe */
#define MXCSR_MEM 0x7010            /* LDMXCSR's source (0x1f80), STMXCSR's destination at +4 */
#define GDT_RAM 0x9000              /* the GDT copied to RAM (task switches write busy bits) */
#define TSS_A 0x8000                /* the first task's TSS (selector 0x18) */
#define TSS_B 0x8100                /* a second task (selector 0x20) */

#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_TS (1 << 3)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXSAVE (1 << 18)

/* one probe or more of each class, each expected to raise the vector given */
#define X87(v)                                                                      \
        PROBE(v, fld1; fstp %st(0));                                                \
        PROBE(v, fnstsw %ax);                                                       \
        PROBE(v, fxsave FXAREA);                                                    \
        PROBE(v, fxrstor FXAREA)
#define WAIT(v)                                                                     \
        PROBE(v, fwait)
#define MMX(v)                                                                      \
        PROBE(v, paddb %mm1, %mm0);                                                 \
        PROBE(v, movq %mm0, %mm2);                                                  \
        PROBE(v, pshufw $0x1b, %mm1, %mm0);                                         \
        EMMS(v)
#define SSE(v)                                                                      \
        PROBE(v, addps %xmm1, %xmm0);                                               \
        PROBE(v, movups MEM16, %xmm2);                                              \
        PROBE(v, paddq %xmm1, %xmm0);                                               \
        PROBE(v, haddps %xmm1, %xmm0);                                              \
        PROBE(v, pshufb %xmm1, %xmm0);                                              \
        PROBE(v, ptest %xmm1, %xmm0);                                               \
        PROBE(v, pcmpistri $0, %xmm1, %xmm0);                                       \
        PROBE(v, ldmxcsr MXCSR_MEM);                                                \
        PROBE(v, stmxcsr MXCSR_MEM + 4);                                            \
        CVTPI2PS(v)
/*
 * The image for QEMU (-DPEER_QEMU, test-fpu-nm.py's interop check) leaves
 * out the probes where QEMU 7.2 differs from the manual: it lets CVTPI2PS
 * with an MMX source through with CR4.OSFXSR = 0 and EMMS with CR0.TS = 1,
 * raises #UD for VEX instructions with CR0.EM = 1 (the VEX columns of
 * vol. 2A 2.8's exception tables name CR4.OSXSAVE and XCR0, not CR0.EM),
 * and #NM for MMX and SSE with both CR0.EM and CR0.TS.
 */
#ifdef PEER_QEMU
#define CVTPI2PS(v) nop
#define EMMS(v) nop
#define VEX_EM(v) nop
#else
#define CVTPI2PS(v) PROBE(v, cvtpi2ps %mm1, %xmm0)
#define EMMS(v) PROBE(v, emms)
#define VEX_EM(v) VEX(v)
#endif
#define VEX(v)                                                                      \
        PROBE(v, vpxor %xmm0, %xmm0, %xmm0)

#define SET_CR0(bits)                                                               \
        mov %cr0, %eax;                                                             \
        or $(bits), %eax;                                                           \
        mov %eax, %cr0
#define CLEAR_CR0(bits)                                                             \
        mov %cr0, %eax;                                                             \
        and $~(bits), %eax;                                                         \
        mov %eax, %cr0

        .text
        probe_enter
        movl $0x1f80, MXCSR_MEM
        mov $MEM16, %edi
        xor %eax, %eax
        mov $4, %ecx
        rep stosl
        probe_idt
        /* CR0.EM, MP, TS as at reset (clear): a known x87 state, all exceptions masked */
        fninit
        SAY(msg_start)

        /* CR4.OSFXSR = 0 (the reset value): legacy SSE is #UD, x87 and MMX work */
        X87(-1)
        WAIT(-1)
        MMX(-1)
        SSE(6)
        SAY(msg_reset)

        /* CR4.OSFXSR = 1, and AVX enabled (OSXSAVE, XCR0 = 7): everything works */
        mov %cr4, %eax
        or $(CR4_OSFXSR | CR4_OSXSAVE), %eax
        mov %eax, %cr4
        xor %ecx, %ecx
        xor %edx, %edx
        mov $7, %eax
        xsetbv
        X87(-1)
        WAIT(-1)
        MMX(-1)
        SSE(-1)
        VEX(-1)
        SAY(msg_clear)

        /* CR0.TS (MOV CR0) with MP = 0: #NM for all but WAIT */
        SET_CR0(CR0_TS)
        X87(7)
        WAIT(-1)
        MMX(7)
        SSE(7)
        VEX(7)
        SAY(msg_ts)

        /* CR0.TS and MP: WAIT too */
        SET_CR0(CR0_MP)
        X87(7)
        WAIT(7)
        MMX(7)
        SSE(7)
        SAY(msg_ts_mp)

        /* CLTS, then the same instructions again (MP stays set) */
        clts
        X87(-1)
        WAIT(-1)
        MMX(-1)
        SSE(-1)
        SAY(msg_clts)

        /* CR0.EM (MP = 1, TS = 0): x87 #NM, MMX and SSE #UD, WAIT and AVX unaffected */
        SET_CR0(CR0_EM)
        X87(7)
        WAIT(-1)
        MMX(6)
        SSE(6)
        VEX_EM(-1)
        SAY(msg_em)

        /* CR0.EM and TS by LMSW: x87 and WAIT #NM */
        smsw %ax
        or $CR0_TS, %ax
        lmsw %ax
        X87(7)
        WAIT(7)
#ifndef PEER_QEMU
        MMX(6)
        SSE(6)
#endif
        SAY(msg_em_ts)

        /* CLTS leaves EM: x87 #NM, MMX #UD; LMSW with MP = 0 lets WAIT through */
        clts
        X87(7)
        MMX(6)
        smsw %ax
        and $~CR0_MP, %ax
        or $CR0_TS, %ax
        lmsw %ax
        WAIT(-1)
        X87(7)
        SAY(msg_em_clts)

        /* MOV CR0 clears EM and TS: everything works again */
        CLEAR_CR0(CR0_EM | CR0_TS)
        X87(-1)
        WAIT(-1)
        MMX(-1)
        SSE(-1)
        VEX(-1)
        SAY(msg_em_off)

        /* a task switch sets CR0.TS: JMP to task B (which probes and JMPs back), CLTS */
        mov $gdt, %esi
        mov $GDT_RAM, %edi
        mov $(gdt_end - gdt), %ecx
        rep movsb
        mov $(GDT_RAM + 0x18), %edi
        mov $TSS_A, %eax
        call tss_desc
        mov $TSS_B, %eax
        call tss_desc
        lgdt gdt_ram_desc
        mov $TSS_B, %edi
        xor %eax, %eax
        mov $26, %ecx
        rep stosl
        mov %cr3, %eax
        movl %eax, TSS_B + 0x1c
        movl $task_b, TSS_B + 0x20
        movl $0x2, TSS_B + 0x24
        movl $0x60000, TSS_B + 0x38
        movl $0x10, TSS_B + 0x48
        movl $0x08, TSS_B + 0x4c
        movl $0x10, TSS_B + 0x50
        movl $0x10, TSS_B + 0x54
        movl $0x10, TSS_B + 0x58
        movl $0x10, TSS_B + 0x5c
        movw $0x68, TSS_B + 0x66
        mov $0x18, %ax
        ltr %ax
        ljmp $0x20, $0
        /* back from task B: its JMP set CR0.TS again */
        X87(7)
        SSE(7)
        clts
        X87(-1)
        MMX(-1)
        SSE(-1)
        SAY(msg_task)

        /* CR4.OSFXSR cleared: legacy SSE #UD again, x87, MMX and AVX unaffected */
        mov %cr4, %eax
        and $~CR4_OSFXSR, %eax
        mov %eax, %cr4
        X87(-1)
        WAIT(-1)
        MMX(-1)
        SSE(6)
        VEX(-1)
        SAY(msg_osfxsr_off)

        SAY(msg_done)
        mov $EXIT, %dx
        mov $0, %al
        out %al, %dx
        hlt

/* task B: entered by a task switch, so CR0.TS = 1 */
task_b:
        X87(7)
        MMX(7)
        SSE(7)
        WAIT(-1)
        ljmp $0x18, $0

/* the available 32-bit TSS descriptor for base %eax (below 16 MiB, limit 0x67) at (%edi)+ */
tss_desc:
        movw $0x67, (%edi)
        mov %ax, 2(%edi)
        shr $16, %eax
        mov %al, 4(%edi)
        movb $0x89, 5(%edi)
        movw $0, 6(%edi)
        add $8, %edi
        ret

        probe_runtime

/* the RAM copy of probe_runtime's GDT with the TSS descriptors of tasks A and B */
gdt_ram_desc:
        .word gdt_end - gdt + 16 - 1
        .long GDT_RAM

msg_start:      .asciz "start\n"
msg_reset:      .asciz "osfxsr 0\n"
msg_clear:      .asciz "all clear\n"
msg_ts:         .asciz "ts\n"
msg_ts_mp:      .asciz "ts mp\n"
msg_clts:       .asciz "clts\n"
msg_em:         .asciz "em\n"
msg_em_ts:      .asciz "em ts\n"
msg_em_clts:    .asciz "em clts\n"
msg_em_off:     .asciz "em off\n"
msg_task:       .asciz "task switch\n"
msg_osfxsr_off: .asciz "osfxsr off\n"
msg_done:       .asciz "done\n"

        probe_reset_vector
