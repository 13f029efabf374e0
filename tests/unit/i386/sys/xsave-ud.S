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
 * after printing the probe's number).  Run by test-xsave-ud.py.
 */
#define CON 0x402
#define EXIT 0x501
#define R(x) ((x) - image_start)

#define IDT32 0xa000
#define XSAVE_AREA 0x30000
#define VEC 0x7000                  /* the vector the last probe raised, -1: none */
#define RESUME 0x7004               /* where the handlers return to */
#define PROBE_NO 0x7008             /* the number of the current probe (reported on failure) */

/* run insn; it must raise vector `expect` (-1: nothing) */
#define PROBE(expect, insn...)                                                      \
        incl PROBE_NO;                                                              \
        movl $-1, VEC;                                                              \
        movl $9f, RESUME;                                                           \
        insn;                                                                       \
9:      cmpl $(expect), VEC;                                                        \
        jne fail

#define SAY(msg) mov $msg, %esi; call puts32

        .text
        .code16
image_start:
real_start:
        cli
        lgdtl %cs:R(gdt_desc)
        mov %cr0, %eax
        or $1, %eax
        mov %eax, %cr0
        ljmpl $0x08, $prot32

        .code32
prot32:
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov $0x70000, %esp
        movl $0, PROBE_NO
        /* every vector fails, except #UD and #NM */
        mov $IDT32, %edi
        xor %ecx, %ecx
1:      mov $unexpected, %eax
        cmp $6, %ecx
        jne 2f
        mov $ud_handler, %eax
2:      cmp $7, %ecx
        jne 3f
        mov $nm_handler, %eax
3:      mov %ax, (%edi)
        movw $0x08, 2(%edi)
        movw $0x8e00, 4(%edi)
        shr $16, %eax
        mov %ax, 6(%edi)
        add $8, %edi
        inc %ecx
        cmp $256, %ecx
        jne 1b
        lidt idt_desc
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

/* a probe saw something else: its number, then exit 0x7f */
fail:
        SAY(msg_fail)
        mov PROBE_NO, %eax
        mov $CON, %dx
        mov $8, %ecx
1:      rol $4, %eax
        push %eax
        and $15, %eax
        mov hexdigits(%eax), %al
        out %al, %dx
        pop %eax
        loop 1b
        mov $10, %al
        out %al, %dx
        mov $EXIT, %dx
        mov $0x7f, %al
        out %al, %dx
        hlt

ud_handler:
        movl $6, VEC
        jmp resume
nm_handler:
        movl $7, VEC
resume:
        push %eax
        mov RESUME, %eax
        mov %eax, 4(%esp)
        pop %eax
        iret
unexpected:
        SAY(msg_unexpected)
        jmp fail

puts32:
        push %edx
        mov $CON, %dx
1:      lodsb
        test %al, %al
        jz 2f
        out %al, %dx
        jmp 1b
2:      pop %edx
        ret

        .balign 8
gdt:
        .quad 0
        .quad 0x00cf9b000000ffff        /* 0x08: flat 32-bit code, accessed */
        .quad 0x00cf93000000ffff        /* 0x10: flat data, accessed */
gdt_end:
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt
idt_desc:
        .word 256 * 8 - 1
        .long IDT32

hexdigits:      .ascii "0123456789abcdef"
msg_start:      .asciz "start\n"
msg_off:        .asciz "osxsave off\n"
msg_x87:        .asciz "xcr0 x87\n"
msg_sse:        .asciz "xcr0 sse\n"
msg_avx:        .asciz "xcr0 avx\n"
msg_ts:         .asciz "cr0.ts\n"
msg_lmsw:       .asciz "lmsw ts\n"
msg_cleared:    .asciz "osxsave cleared\n"
msg_done:       .asciz "done\n"
msg_fail:       .asciz "FAIL probe "
msg_unexpected: .asciz "unexpected exception\n"

        .org 0xfff0
        .code16
reset:
        ljmp $0xf000, $R(real_start)
        .balign 16, 0
