/*
 * modes.S — a 64 KiB flat BIOS image for `-M pc -bios` that walks the x86
 * through its modes and reports each step on the debug console (port
 * 0x402), then leaves through isa-debug-exit (port 0x501: 0 = success).
 * Built by test-sysmodes.py with `as --32` and linked at 0xf0000 (the ROM's
 * alias below 1 MiB; the reset vector at 0xffff0 jumps to real_start).
 *
 *   real mode      segment bases, IVT interrupt (INT 0x80), far CALL/RET
 *   protected      LGDT, CR0.PE, far JMP, flat segments, IDT gates:
 *                  #DE (fault: the handler skips the DIV), #PF with CR2 and
 *                  the error code (the handler maps the page), a 4 MiB PSE
 *                  page, REP MOVS/STOS across pages and faulting part-way
 *                  (rSI/rDI/rCX checked in the #PF handler), ring 3 through IRET with a TSS (ESP0), the TSS I/O
 *                  bitmap (allowed port, denied port -> #GP), INT 0x81
 *                  through a DPL-3 gate back to ring 0
 *   long mode      PAE + EFER.LME + CR0.PG, 64-bit code, a 64-bit IDT (INT3,
 *                  an IST stack, #GP from a non-canonical address), SYSRET
 *                  to ring 3 and SYSCALL back (emu-system-x86_64 only:
 *                  CPUID without LM ends after protected mode)
 * Every check that fails writes 0x7f to port 0x501 (exit status 255).
 */
#include "probe.inc"                /* CON, EXIT, R() and probe_puts32 */

#define ROM 0xf0000

#define GDT_RAM 0x8000
#define TSS32 0x9000
#define TSS64 0x9800
#define IDT32 0xa000
#define IDT64 0xb000
#define PD32 0x10000
#define PT0 0x11000
#define PT1 0x12000
#define PML4 0x20000
#define PDPT 0x21000
#define PD64 0x22000
#define RESET_FLAG 0x7300
#define GP_SKIP 0x710c
#define PFS_ERR 0x7400
#define PFS_CR2 0x7404
#define PFS_ECX 0x7408
#define PFS_ESI 0x740c
#define PFS_EDI 0x7410

        .text
        .code16
image_start:
real_start:
        cli
        xor %ax, %ax
        mov %ax, %ss
        mov $0x7000, %sp
        mov $0xf000, %ax
        mov %ax, %ds
        /* back here after the triple fault at the end: RAM survives the reset */
        xor %ax, %ax
        mov %ax, %es
        cmpl $0xa5a5a5a5, %es:RESET_FLAG
        jne 1f
        movl $0, %es:RESET_FLAG
        mov $R(msg_reset), %si
        call puts16
        mov $R(msg_done), %si
        call puts16
        mov $EXIT, %dx
        mov $0, %al
        out %al, %dx
        hlt
1:      mov $R(msg_real), %si
        call puts16
        /* IVT vector 0x80 -> f000:int80_16 */
        xor %ax, %ax
        mov %ax, %es
        movw $R(int80_16), %es:0x200
        movw $0xf000, %es:0x202
        mov $0x1234, %bx
        int $0x80
        cmp $0x4321, %bx
        jne fail16
        /* a data segment with a non-zero base: 0700:0ff0 is linear 0x7ff0 */
        movl $0x600d600d, %es:0x7ff0
        mov $0x0700, %ax
        mov %ax, %es
        cmpl $0x600d600d, %es:0x0ff0
        jne fail16
        lcall $0xf000, $R(farfn16)
        /* to protected mode */
        lgdtl %cs:R(gdt_desc)
        mov %cr0, %eax
        or $1, %eax
        mov %eax, %cr0
        ljmpl $0x08, $prot32

puts16:
        mov $CON, %dx
1:      lodsb
        test %al, %al
        jz 2f
        out %al, %dx
        jmp 1b
2:      ret

int80_16:
        mov $0x4321, %bx
        push %si
        mov $R(msg_int), %si
        call puts16
        pop %si
        iret

farfn16:
        push %si
        mov $R(msg_far), %si
        call puts16
        pop %si
        lret

fail16:
        mov $EXIT, %dx
        mov $0x7f, %al
        out %al, %dx
        hlt

        .code32
prot32:
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov %ax, %fs
        mov %ax, %gs
        mov $0x70000, %esp
        mov $msg_prot, %esi
        call puts32

        /* the GDT in RAM (the TSS descriptor needs a busy bit written), then the IDT */
        mov $gdt, %esi
        mov $GDT_RAM, %edi
        mov $(gdt_end - gdt), %ecx
        rep movsb
        lgdt gdt_ram_desc
        mov $IDT32, %edi
        xor %eax, %eax
        mov $(256 * 2), %ecx
        rep stosl
        mov $de_handler, %eax
        mov $0, %ebx
        mov $0x8e00, %ecx
        call setgate32
        mov $gp_handler, %eax
        mov $13, %ebx
        call setgate32
        mov $pf_handler, %eax
        mov $14, %ebx
        call setgate32
        mov $np_handler, %eax
        mov $11, %ebx
        call setgate32
        mov $int81_handler, %eax
        mov $0x81, %ebx
        mov $0xee00, %ecx
        call setgate32
        lidt idt32_desc

        /* #DE: a fault; the handler skips the 2-byte DIV */
        xor %ecx, %ecx
        mov $5, %eax
        div %ecx
        cmpl $1, de_count_ram
        jne fail32

        /* paging: PT0 maps 0-4 MiB 1:1 (user, writable), PT1 empty, PDE 2 a 4 MiB page at 0 */
        mov $PD32, %edi
        xor %eax, %eax
        mov $(3 * 1024), %ecx
        rep stosl
        movl $(PT0 | 7), PD32
        movl $(PT1 | 7), PD32 + 4
        movl $0x00000087, PD32 + 8
        mov $PT0, %edi
        mov $7, %eax
1:      stosl
        add $0x1000, %eax
        cmp $PT1, %edi
        jne 1b
        mov %cr4, %eax
        or $0x10, %eax                 /* PSE */
        mov %eax, %cr4
        mov $PD32, %eax
        mov %eax, %cr3
        mov %cr0, %eax
        or $0x80010000, %eax           /* PG, WP */
        mov %eax, %cr0
        movl $0xcafe0001, 0x5000
        movl $0x12345678, 0x400010     /* not present: #PF, the handler maps it to 0x200000 */
        cmpl $0x12345678, 0x200010
        jne fail32
        cmpl $0xcafe0001, 0x805000     /* the 4 MiB page aliases 0 */
        jne fail32
        mov $msg_paging, %esi
        call puts32

        /*
         * REP MOVS/STOS across page boundaries (emu copies a page at a time
         * through host pointers there) and faulting part-way: the #PF must
         * see rSI/rDI/rCX of the first element not done.  Checked element
         * by element with plain MOV/CMP loops.
         */
        mov $pf_str_handler, %eax
        mov $14, %ebx
        mov $0x8e00, %ecx
        call setgate32
        cld
        mov $0x300000, %edi             /* source: dword i = 0x11111111 + i * 0x01000193 */
        mov $0x11111111, %eax
1:      mov %eax, (%edi)
        add $0x01000193, %eax
        add $4, %edi
        cmp $0x303000, %edi
        jne 1b
        movl $0x0badf00d, 0x3207fc      /* STOSD: 2048 dwords over two page boundaries */
        movl $0x0badf00d, 0x322800
        mov $0x320800, %edi
        mov $2048, %ecx
        mov $0xa5a55a5a, %eax
        rep stosl
        test %ecx, %ecx
        jnz fail32
        cmp $0x322800, %edi
        jne fail32
        cmpl $0x0badf00d, 0x3207fc
        jne fail32
        cmpl $0x0badf00d, 0x322800
        jne fail32
        mov $0x320800, %edi
1:      cmpl $0xa5a55a5a, (%edi)
        jne fail32
        add $4, %edi
        cmp $0x322800, %edi
        jne 1b
        movb $0x3c, 0x340ffe            /* MOVSB: 5000 bytes, source and destination misaligned */
        movb $0x3c, 0x342387
        mov $0x300001, %esi
        mov $0x340fff, %edi
        mov $5000, %ecx
        rep movsb
        test %ecx, %ecx
        jnz fail32
        cmp $0x301389, %esi
        jne fail32
        cmp $0x342387, %edi
        jne fail32
        cmpb $0x3c, 0x340ffe
        jne fail32
        cmpb $0x3c, 0x342387
        jne fail32
        xor %ebx, %ebx
1:      mov 0x300001(%ebx), %al
        cmp 0x340fff(%ebx), %al
        jne fail32
        inc %ebx
        cmp $5000, %ebx
        jne 1b
        mov $0x300004, %esi             /* MOVSD: 2048 dwords, different page offsets */
        mov $0x350ff8, %edi
        mov $2048, %ecx
        rep movsl
        test %ecx, %ecx
        jnz fail32
        cmp $0x302004, %esi
        jne fail32
        cmp $0x352ff8, %edi
        jne fail32
        xor %ebx, %ebx
1:      mov 0x300004(,%ebx,4), %eax
        cmp 0x350ff8(,%ebx,4), %eax
        jne fail32
        inc %ebx
        cmp $2048, %ebx
        jne 1b
        mov $0x300000, %esi             /* store fault: 0x401000 is not present */
        mov $0x400800, %edi
        mov $0x1000, %ecx
        rep movsl
        cmpl $0x401000, PFS_CR2
        jne fail32
        cmpl $2, PFS_ERR
        jne fail32
        cmpl $0x300800, PFS_ESI
        jne fail32
        cmpl $0x401000, PFS_EDI
        jne fail32
        cmpl $0xe00, PFS_ECX
        jne fail32
        xor %ebx, %ebx
1:      mov 0x300000(,%ebx,4), %eax
        cmp 0x400800(,%ebx,4), %eax
        jne fail32
        inc %ebx
        cmp $0x200, %ebx
        jne 1b
        mov $0x400ff0, %edi             /* STOSB store fault */
        mov $100, %ecx
        mov $0x77, %al
        rep stosb
        cmpl $0x401000, PFS_CR2
        jne fail32
        cmpl $2, PFS_ERR
        jne fail32
        cmpl $0x401000, PFS_EDI
        jne fail32
        cmpl $84, PFS_ECX
        jne fail32
        cmpl $0x77777777, 0x400ffc
        jne fail32
        mov $0x400ff8, %esi             /* load fault on the source */
        mov $0x310000, %edi
        mov $16, %ecx
        rep movsl
        cmpl $0x401000, PFS_CR2
        jne fail32
        cmpl $0, PFS_ERR
        jne fail32
        cmpl $0x401000, PFS_ESI
        jne fail32
        cmpl $0x310008, PFS_EDI
        jne fail32
        cmpl $14, PFS_ECX
        jne fail32
        cmpl $0x77777777, 0x310004
        jne fail32
        mov $0x300000, %esi             /* destination one byte above: the first byte repeats */
        mov $0x300001, %edi
        mov $100, %ecx
        rep movsb
        xor %ebx, %ebx
1:      cmpb $0x11, 0x300000(%ebx)
        jne fail32
        inc %ebx
        cmp $101, %ebx
        jne 1b
        mov $pf_handler, %eax
        mov $14, %ebx
        mov $0x8e00, %ecx
        call setgate32
        mov $msg_string, %esi
        call puts32

        /* SGDT/SIDT, LAR/LSL/VERR/VERW, SMSW, a not-present segment, LSS, MSRs */
        sgdt 0x7200
        cmpw $(gdt_end - gdt - 1), 0x7200
        jne fail32
        cmpl $GDT_RAM, 0x7202
        jne fail32
        sidt 0x7210
        cmpw $(256 * 8 - 1), 0x7210
        jne fail32
        cmpl $IDT32, 0x7212
        jne fail32
        mov $0x10, %eax
        mov %ax, %ds                    /* sets the accessed bit in the RAM GDT */
        lar %eax, %ecx
        jnz fail32
        cmp $0x00c09300, %ecx
        jne fail32
        lsl %eax, %ecx
        jnz fail32
        cmp $0xffffffff, %ecx
        jne fail32
        mov $0x70, %eax                 /* beyond the GDT limit */
        lar %eax, %ecx
        jz fail32
        mov $0x08, %ax
        verr %ax
        jnz fail32
        verw %ax
        jz fail32
        mov $0x10, %ax
        verw %ax
        jnz fail32
        smsw %eax
        test $1, %eax
        jz fail32
        mov $0x68, %ax
        mov %ax, %ds                    /* not present: #NP(0x68), the handler skips it */
        movl $0x6b000, 0x7220
        movw $0x10, 0x7224
        lss 0x7220, %esp
        cmp $0x6b000, %esp
        jne fail32
        mov $0x70000, %esp
        mov $0x277, %ecx                /* PAT at reset */
        rdmsr
        cmp $0x00070406, %eax
        jne fail32
        cmp $0x00070406, %edx
        jne fail32
        mov $0x200, %ecx                /* an MTRR reads back */
        mov $0x12345006, %eax
        mov $0xf, %edx
        wrmsr
        xor %eax, %eax
        xor %edx, %edx
        rdmsr
        cmp $0x12345006, %eax
        jne fail32
        cmp $0xf, %edx
        jne fail32
        movl $2, GP_SKIP
        mov $0x12345, %ecx              /* no such MSR: #GP(0) */
        rdmsr
        rdtsc
        mov %eax, %ebx
        rdtsc
        sub %ebx, %eax
        jbe fail32
        mov $msg_desc, %esi
        call puts32

        /* ring 3: TSS with ESP0 and an I/O bitmap allowing 0x000-0x7ff */
        mov $TSS32, %edi
        xor %eax, %eax
        mov $(0x200 / 4), %ecx
        rep stosl
        movl $0x6f000, TSS32 + 4
        movl $0x10, TSS32 + 8
        movw $0x68, TSS32 + 0x66
        movb $0xff, TSS32 + 0x68 + 0x100
        mov $0x28, %ax
        ltr %ax
        str %bx
        cmp $0x28, %bx
        jne fail32

        /* SYSEXIT to ring 3 and SYSENTER back (CS 0x08/SS 0x10, user 0x18/0x20) */
        mov $0x174, %ecx
        mov $0x08, %eax
        xor %edx, %edx
        wrmsr
        mov $0x175, %ecx
        mov $0x6c000, %eax
        wrmsr
        mov $0x176, %ecx
        mov $sysenter_entry, %eax
        wrmsr
        mov $0x60000, %ecx
        mov $ring3_sysexit, %edx
        sysexit

ring3_sysexit:
        mov %cs, %ax
        cmp $0x1b, %ax
        jne fail32
        mov %ss, %ax
        cmp $0x23, %ax
        jne fail32
        cmp $0x60000, %esp
        jne fail32
        mov $0x23, %ax
        mov %ax, %ds
        mov $msg_sysexit, %esi
        call puts32
        sysenter

sysenter_entry:
        mov %cs, %ax
        cmp $0x08, %ax
        jne fail32
        cmp $0x6c000, %esp
        jne fail32
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov $msg_sysenter, %esi
        call puts32
        mov $0x70000, %esp
        movl $1, GP_SKIP

        pushl $0x23                    /* SS: user data */
        pushl $0x60000                 /* ESP */
        pushl $0x002                   /* EFLAGS: IOPL 0 */
        pushl $0x1b                    /* CS: user code */
        pushl $ring3
        iret

ring3:
        mov $0x23, %ax
        mov %ax, %ds
        mov %ax, %es
        mov $msg_ring3, %esi
        call puts32                     /* port 0x402: allowed by the bitmap */
        mov $0x1000, %dx
        out %al, %dx                    /* denied: #GP, the handler skips it */
        mov %cs, %ax
        cmp $0x1b, %ax
        jne fail32
        int $0x81                       /* back to ring 0 through the DPL-3 gate */
        jmp fail32

int81_handler:
        /* ring 0 on the TSS's stack: the frame holds SS:ESP of ring 3 */
        cmpl $0x1b, 4(%esp)
        jne fail32
        cmpl $0x23, 16(%esp)
        jne fail32
        cmp $0x6f000 - 20, %esp
        jne fail32
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov $msg_back, %esi
        call puts32
        mov $0x70000, %esp
        jmp sys3_tests32

de_handler:
        incl de_count_ram
        push %esi
        mov $msg_de, %esi
        call puts32
        pop %esi
        addl $2, (%esp)
        iret

gp_handler:
        cmpl $0, (%esp)                 /* error code 0 */
        jne fail32
        push %esi
        mov $msg_gp, %esi
        call puts32
        pop %esi
        add $4, %esp
        push %eax
        mov %ss:GP_SKIP, %eax           /* the faulting instruction's length */
        add %eax, 4(%esp)
        pop %eax
        iret

np_handler:
        cmpl $0x68, (%esp)              /* the selector */
        jne fail32
        push %esi
        mov $msg_np, %esi
        call puts32
        pop %esi
        add $4, %esp
        addl $2, (%esp)                 /* skip the MOV to DS */
        iret

pf_handler:
        cmpl $2, (%esp)                 /* not present, write, supervisor */
        jne fail32
        push %eax
        mov %cr2, %eax
        cmp $0x400010, %eax
        jne fail32
        movl $(0x200000 | 7), PT1
        invlpg 0x400000
        push %esi
        mov $msg_pf, %esi
        call puts32
        pop %esi
        pop %eax
        add $4, %esp
        iret

/* #PF during the string tests: record the state, skip the 2-byte REP instruction */
pf_str_handler:
        push %eax
        mov 4(%esp), %eax
        mov %eax, PFS_ERR
        mov %cr2, %eax
        mov %eax, PFS_CR2
        pop %eax
        mov %ecx, PFS_ECX
        mov %esi, PFS_ESI
        mov %edi, PFS_EDI
        add $4, %esp
        addl $2, (%esp)
        iret

/* gate for vector %ebx -> handler %eax, type/DPL word %ecx, selector 0x08 */
setgate32:
        lea IDT32(,%ebx,8), %edi
        mov %ax, (%edi)
        movw $0x08, 2(%edi)
        mov %cx, 4(%edi)
        shr $16, %eax
        mov %ax, 6(%edi)
        ret

        probe_puts32

fail32:
        mov $EXIT, %dx
        mov $0x7f, %al
        out %al, %dx
        hlt

done32:
        /* an IDT too small for anything: #UD -> #GP -> #DF -> shutdown, a reset */
        mov $msg_triple, %esi
        call puts32
        movl $0xa5a5a5a5, RESET_FLAG
        lidt idt_empty_desc
        ud2

/*
 * ---- x86sys3: call gates, task switches, PCID (32-bit part) ----------------
 * Entered at ring 0 from int81_handler; ends in long_mode.  The GDT grows
 * past 0x78 (the LAR check above needs 0x70 outside it): gates at 0x80-0x90
 * and 0xb0-0xb8, a 16-bit code segment 0x98 (base 0xf0000), a second TSS
 * 0xa0 with a task gate 0xa8, the 64-bit call gate 0xc0 (16 bytes), a DPL-1
 * code segment 0xd0 and a gate to it 0xd8.
 * sys3_gp/sys3_np record the vector and error code and skip SYS3_SKIP bytes.
 */
/* insn (one instruction) must fault with vector vec and error code err */
#define SYS3_FAULT(vec, err, insn...)                                               \
        movl $(2f - 1f), SYS3_SKIP;                                                 \
1:      insn;                                                                       \
2:      cmpl $(vec), SYS3_VEC;                                                      \
        jne fail32;                                                                 \
        cmpl $(err), SYS3_ERR;                                                      \
        jne fail32
#define SYS3_VEC 0x7500
#define SYS3_ERR 0x7504
#define SYS3_SKIP 0x7508
#define SYS3_FLAG 0x750c
#define SYS3_DESC 0x7510
#define TSS_B 0x9200
#define PT64 0x23000
#define PAGE_A 0x24000
#define PAGE_B 0x25000
#define PCID_VA 0x30000000
#define PAGE_C 0x26000
#define SMEP_VA (PCID_VA + 0x1000)

sys3_tests32:
        mov $sys3_gdt, %esi
        mov $(GDT_RAM + 0x98), %edi
        mov $(sys3_gdt_end - sys3_gdt), %ecx
        rep movsb
        lgdt sys3_gdt_desc
#ifndef PEER_QEMU
        /* (the QEMU peer build leaves out the two steps QEMU's TCG answers differently) */
        mov $0xc0010004, %ecx           /* AMD PerfCtr0 reads back (Linux's perf probe) */
        mov $0xabcd, %eax
        xor %edx, %edx
        wrmsr
        xor %eax, %eax
        rdmsr
        cmp $0xabcd, %eax
        jne fail32
        xor %ecx, %ecx                  /* RDPMC 0 is PerfCtr0 */
        rdpmc
        cmp $0xabcd, %eax
        jne fail32
#endif
        mov $(GDT_RAM + 0x80), %edi     /* ring 3 -> 0, two dword parameters */
        mov $cg_inner, %eax
        mov $0x08, %ebx
        mov $0xec02, %ecx
        call mkgate
        mov $(GDT_RAM + 0x88), %edi     /* 16-bit gate to the 16-bit segment */
        mov $R(cg16_target), %eax
        mov $0x98, %ebx
        mov $0x8400, %ecx
        call mkgate
        mov $(GDT_RAM + 0x90), %edi     /* ring 3 -> 0, no parameters */
        mov $cg_back0, %eax
        mov $0x08, %ebx
        mov $0xec00, %ecx
        call mkgate
        mov $(GDT_RAM + 0xb0), %edi     /* DPL 0: not for ring 3 */
        mov $cg_inner, %eax
        mov $0x08, %ebx
        mov $0x8c00, %ecx
        call mkgate
        mov $(GDT_RAM + 0xb8), %edi     /* not present */
        mov $cg_inner, %eax
        mov $0x08, %ebx
        mov $0x0c00, %ecx
        call mkgate
        mov $(GDT_RAM + 0xc0), %edi     /* 64-bit gate (long mode): ring 3 -> 0x30 */
        mov $cg64_inner, %eax
        mov $0x30, %ebx
        mov $0xec00, %ecx
        call mkgate
        movl $0, GDT_RAM + 0xc8
        movl $0, GDT_RAM + 0xcc
        movl $0x0000ffff, GDT_RAM + 0xd0  /* 0xd0: code32 DPL 1 */
        movl $0x00cfba00, GDT_RAM + 0xd4
        mov $(GDT_RAM + 0xd8), %edi     /* ring 3 -> 1: the TSS's SS1 is bad */
        mov $cg_inner, %eax
        mov $0xd0, %ebx
        mov $0xec00, %ecx
        call mkgate
        movl $0x08, TSS32 + 0x10        /* SS1: a code segment */
        movl $0x6d000, TSS32 + 0x0c
        mov $sys3_ts, %eax
        mov $10, %ebx
        mov $0x8e00, %ecx
        call setgate32
        mov $sys3_gp, %eax
        mov $13, %ebx
        mov $0x8e00, %ecx
        call setgate32
        mov $sys3_np, %eax
        mov $11, %ebx
        mov $0x8e00, %ecx
        call setgate32

#ifndef PEER_QEMU
        /* CR4.PCIDE outside IA-32e mode: #GP(0) (with or without CPUID.PCID) */
        movl $0, SYS3_ERR
        movl $(2f - 1f), SYS3_SKIP
        mov %cr4, %eax
        or $0x20000, %eax
1:      mov %eax, %cr4
2:      cmpl $13, SYS3_VEC
        jne fail32
        mov %cr4, %eax
        test $0x20000, %eax
        jnz fail32
#endif

        /* a not-present gate: #NP(0xb8) */
        SYS3_FAULT(11, 0xb8, lcall $0xb8, $0)

        /* JMP through the 16-bit gate: 16-bit code at 0x98, back with a 32-bit far JMP */
        movl $0, SYS3_FLAG
        ljmp $0x88, $0x1234             /* the offset comes from the gate */
sys3_from16:
        cmpl $0x1616, SYS3_FLAG
        jne fail32

        /* to ring 3 */
        pushl $0x23
        pushl $0x60000
        pushl $0x002
        pushl $0x1b
        pushl $sys3_ring3
        iret

sys3_ring3:
        mov $0x23, %ax
        mov %ax, %ds
        mov %ax, %es
        /* a DPL-0 gate from CPL 3: #GP(0xb0) */
        SYS3_FAULT(13, 0xb0, lcall $0xb3, $0)
        /* a gate to ring 1 whose stack (SS1 in the TSS) is a code segment: #TS(0x08) */
        SYS3_FAULT(10, 0x08, lcall $0xdb, $0)
        /* CALL to ring 0 with two parameters; the far RET $8 comes back */
        mov %esp, %ebp
        pushl $0x11112222
        pushl $0x33334444
        lcall $0x83, $0
sys3_ret3:
        cmp %ebp, %esp                  /* RET 8 released the parameters on this stack too */
        jne fail32
        mov %cs, %ax
        cmp $0x1b, %ax
        jne fail32
        mov %ss, %ax
        cmp $0x23, %ax
        jne fail32
        mov %ds, %ax                    /* DS (DPL 0, loaded at ring 0) became null */
        test %ax, %ax
        jnz fail32
        mov %es, %ax                    /* ES (DPL 3) stayed */
        cmp $0x23, %ax
        jne fail32
        mov $0x23, %ax
        mov %ax, %ds
        mov $msg_cg, %esi
        call puts32
        lcall $0x93, $0                 /* back to ring 0 through a gate without parameters */
        jmp fail32

cg_inner:
        /* ring 0 on the TSS's stack: EIP, CS, 2 parameters, ESP, SS of ring 3 */
        cmp $0x6f000 - 24, %esp
        jne fail32
        cmpl $sys3_ret3, (%esp)
        jne fail32
        cmpl $0x1b, 4(%esp)
        jne fail32
        cmpl $0x33334444, 8(%esp)
        jne fail32
        cmpl $0x11112222, 12(%esp)
        jne fail32
        cmpl $0x5fff8, 16(%esp)
        jne fail32
        cmpl $0x23, 20(%esp)
        jne fail32
        mov %cs, %ax
        cmp $0x08, %ax
        jne fail32
        mov %ss, %ax
        cmp $0x10, %ax
        jne fail32
        mov $0x10, %ax
        mov %ax, %ds
        lret $8

cg_back0:
        cmp $0x6f000 - 16, %esp
        jne fail32
        cmpl $0x1b, 4(%esp)
        jne fail32
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov $0x70000, %esp

        /* TSS B: a ring-0 task at task_b with its own stack and EBX */
        mov $TSS_B, %edi
        xor %eax, %eax
        mov $(0x68 / 4), %ecx
        rep stosl
        movl $PD32, TSS_B + 0x1c
        movl $task_b, TSS_B + 0x20
        movl $0x2, TSS_B + 0x24
        movl $0xb0b0b0b0, TSS_B + 0x34
        movl $0x68000, TSS_B + 0x38
        movl $0x10, TSS_B + 0x48
        movl $0x08, TSS_B + 0x4c
        movl $0x10, TSS_B + 0x50
        movl $0x10, TSS_B + 0x54
        movl $PD32, TSS32 + 0x1c        /* the CR3 this task gets back */
        mov $0x5151, %esi
        mov $0x7777, %ebx
        ljmp $0xa0, $0
        /* back from task B's JMP: registers from TSS32 */
        cmp $0x5151, %esi
        jne fail32
        cmp $0x7777, %ebx
        jne fail32
        str %ax
        cmp $0x28, %ax
        jne fail32
        cmpb $0x8b, GDT_RAM + 0x28 + 5  /* busy again */
        jne fail32
        cmpb $0x89, GDT_RAM + 0xa0 + 5  /* B freed by its JMP */
        jne fail32
        mov %cr0, %eax
        test $8, %eax                   /* CR0.TS */
        jz fail32
        clts
        mov $msg_taskjmp, %esi
        call puts32

        /* CALL through the task gate; B returns with IRET (NT, back link) */
        lcall $0xa8, $0
        pushf
        pop %eax
        test $0x4000, %eax
        jnz fail32
        cmpb $0x89, GDT_RAM + 0xa0 + 5
        jne fail32
        cmpb $0x8b, GDT_RAM + 0x28 + 5
        jne fail32
        str %ax
        cmp $0x28, %ax
        jne fail32
        clts
        mov $msg_taskcall, %esi
        call puts32

        /* #DF through an IDT task gate: #DE whose gate is not present -> #NP -> #DF */
        movl $0x00a00000, IDT32 + 8 * 8
        movl $0x00008500, IDT32 + 8 * 8 + 4
        andb $0x7f, IDT32 + 5
        movl $0, SYS3_FLAG
        xor %ecx, %ecx
        mov $5, %eax
sys3_div:
        div %ecx                        /* task B fixes the saved EIP: continues below */
        cmpl $0xdf, SYS3_FLAG
        jne fail32
        clts
        mov $msg_taskdf, %esi
        call puts32
        jmp long_mode

task_b:
        /* entered by JMP: not nested */
        cmp $0xb0b0b0b0, %ebx
        jne fail32
        cmp $0x68000, %esp
        jne fail32
        str %ax
        cmp $0xa0, %ax
        jne fail32
        mov %cr0, %eax
        test $8, %eax
        jz fail32
        pushf
        pop %eax
        test $0x4000, %eax
        jnz fail32
        cmpb $0x89, GDT_RAM + 0x28 + 5  /* the old task freed */
        jne fail32
        cmpb $0x8b, GDT_RAM + 0xa0 + 5
        jne fail32
        ljmp $0x28, $0
        /* entered by CALL through the task gate: nested */
        pushf
        pop %eax
        test $0x4000, %eax
        jz fail32
        cmpw $0x28, TSS_B               /* the back link */
        jne fail32
        cmpb $0x8b, GDT_RAM + 0x28 + 5  /* the caller stays busy */
        jne fail32
        iret
        /* entered by #DF: the error code (0) on this task's stack */
        cmpl $0, (%esp)
        jne fail32
        add $4, %esp
        cmpl $sys3_div, TSS32 + 0x20    /* the faulting DIV */
        jne fail32
        addl $2, TSS32 + 0x20
        orb $0x80, IDT32 + 5
        movl $0xdf, SYS3_FLAG
        iret
        jmp fail32

sys3_gp:
        movl $13, %ss:SYS3_VEC
        jmp sys3_fault
sys3_ts:
        movl $10, %ss:SYS3_VEC
        jmp sys3_fault
sys3_np:
        movl $11, %ss:SYS3_VEC
sys3_fault:
        push %eax
        mov 4(%esp), %eax
        mov %eax, %ss:SYS3_ERR
        mov %ss:SYS3_SKIP, %eax
        add %eax, 8(%esp)
        pop %eax
        add $4, %esp
        iret

/* descriptor at %edi: gate to %ebx:%eax, attributes word %ecx (P, DPL, type, count) */
mkgate:
        mov %ax, (%edi)
        mov %bx, 2(%edi)
        mov %cx, 4(%edi)
        shr $16, %eax
        mov %ax, 6(%edi)
        ret

        .code16
cg16_target:
        /* CS 0x98 (16-bit, base 0xf0000), IP from the gate */
        mov %cs, %ax
        cmp $0x98, %ax
        jne fail16
        call 1f
1:      pop %ax
        cmp $R(1b), %ax
        jne fail16
        movl $0x1616, SYS3_FLAG
        ljmpl $0x08, $sys3_from16
        .code32

long_mode:
        mov $0x80000001, %eax
        cpuid
        bt $29, %edx
        jnc done32
        mov %cr0, %eax
        and $0x7fffffff, %eax
        mov %eax, %cr0
        /* PML4 -> PDPT -> PD of 2 MiB pages mapping the first GiB 1:1 */
        mov $PML4, %edi
        xor %eax, %eax
        mov $(3 * 1024), %ecx
        rep stosl
        movl $(PDPT | 7), PML4
        movl $(PD64 | 7), PDPT
        mov $PD64, %edi
        mov $0x87, %eax
1:      mov %eax, (%edi)
        add $0x200000, %eax
        add $8, %edi
        cmp $(PD64 + 4096), %edi
        jne 1b
        mov $PML4, %eax
        mov %eax, %cr3
        mov %cr4, %eax
        or $0x20, %eax                  /* PAE */
        mov %eax, %cr4
        mov $0xc0000080, %ecx
        rdmsr
        or $0x901, %eax                 /* SCE, LME, NXE */
        wrmsr
        mov %cr0, %eax
        or $0x80000000, %eax
        mov %eax, %cr0
        ljmp $0x30, $long64

        .code64
long64:
        mov $0x38, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov $0x70000, %rsp
        mov $0xc0000080, %ecx
        rdmsr
        bt $10, %eax                    /* LMA */
        jnc fail64
        mov $msg_long, %esi
        call puts64

        /* TSS64: RSP0 and IST1; descriptor at 0x58 */
        mov $TSS64, %edi
        xor %eax, %eax
        mov $(0x68 / 4), %ecx
        rep stosl
        movq $0x6f000, TSS64 + 4
        movq $0x6e000, TSS64 + 0x24
        mov $0x58, %ax
        ltr %ax

        /* 64-bit IDT */
        mov $IDT64, %edi
        xor %eax, %eax
        mov $(256 * 4), %ecx
        rep stosl
        mov $int3_handler, %eax
        mov $3, %ebx
        mov $0xee00, %ecx
        call setgate64
        mov $gp64_handler, %eax
        mov $13, %ebx
        mov $0x8e00, %ecx
        call setgate64
        mov $ist_handler, %eax
        mov $0x82, %ebx
        mov $0x8e01, %ecx               /* IST 1 */
        call setgate64
        mov $idt64_desc, %eax
        lidt (%rax)

        int3
        cmpl $1, int3_count_ram
        jne fail64
        int $0x82
        mov $0x8000000000000000, %rax
        mov (%rax), %rbx                /* non-canonical: #GP(0), the handler skips 3 bytes */
        cmpl $1, gp64_count_ram
        jne fail64

        /* SYSRET to ring 3 (64-bit, IOPL 3 for OUT), SYSCALL back */
        mov $0xc0000081, %ecx           /* STAR: SYSRET base 0x40, SYSCALL CS 0x30 */
        mov $0x00400030, %edx
        xor %eax, %eax
        wrmsr
        mov $0xc0000082, %ecx           /* LSTAR */
        mov $syscall_entry, %eax
        xor %edx, %edx
        wrmsr
        mov $0xc0000084, %ecx           /* FMASK: clear IF, DF */
        mov $0x600, %eax
        wrmsr
        mov $user64, %ecx
        mov $0x3002, %r11
        mov $0x60000, %rsp
        sysretq

user64:
        mov %cs, %ax
        cmp $0x53, %ax
        jne fail64
        mov $msg_user64, %esi
        call puts64
        call sys3_user64
        mov $0x77, %rdi
        syscall
        jmp fail64

syscall_entry:
        mov %cs, %ax
        cmp $0x30, %ax
        jne fail64
        cmp $0x77, %rdi
        jne fail64
        mov $msg_syscall, %esi
        call puts64
        call sys3_long0
        mov $msg_triple, %esi
        call puts64
        movl $0xa5a5a5a5, RESET_FLAG
        mov $idt_empty_desc, %eax
        lidt (%rax)
        ud2

int3_handler:
        incl int3_count_ram
        push %rsi
        mov $msg_int3, %esi
        call puts64
        pop %rsi
        iretq

ist_handler:
        cmp $0x6e000 - 40, %rsp         /* the IST1 stack, 16-byte aligned, 5 slots */
        jne fail64
        push %rsi
        mov $msg_ist, %esi
        call puts64
        pop %rsi
        iretq

gp64_handler:
        cmpq $0, (%rsp)
        jne fail64
        incl gp64_count_ram
        push %rsi
        mov $msg_gp, %esi
        call puts64
        pop %rsi
        add $8, %rsp
        addq $3, (%rsp)
        iretq

/* 64-bit gate: vector %ebx -> handler %eax (below 4 GiB), type/DPL/IST word %ecx */
setgate64:
        mov %ebx, %edi
        shl $4, %edi
        add $IDT64, %edi
        mov %ax, (%rdi)
        movw $0x30, 2(%rdi)
        mov %cx, 4(%rdi)
        shr $16, %eax
        mov %ax, 6(%rdi)
        movl $0, 8(%rdi)
        ret

puts64:
        push %rdx
        mov $CON, %dx
1:      lodsb
        test %al, %al
        jz 2f
        out %al, %dx
        jmp 1b
2:      pop %rdx
        ret

fail64:
        mov $EXIT, %dx
        mov $0x7f, %al
        out %al, %dx
        hlt

/* ---- x86sys3: the 64-bit call gate (from user64) and PCID/INVPCID (ring 0) ---- */
        .code64
sys3_user64:
        /* ring 3: CALL through the 64-bit gate 0xc0 to ring 0, LRETQ back */
        mov %rsp, %rbp
        mov $cg64_ptr, %eax
        lcall *(%rax)
        cmp %rbp, %rsp
        jne fail64
        mov %cs, %ax
        cmp $0x53, %ax
        jne fail64
        mov %ss, %ax
        cmp $0x4b, %ax
        jne fail64
        mov $msg_cg64, %esi
        call puts64
        ret

cg64_inner:
        /* RSP0 from the TSS, SS null; 8-byte RIP, CS, RSP, SS */
        cmp $0x6f000 - 32, %rsp
        jne fail64
        mov %ss, %ax
        test %ax, %ax
        jnz fail64
        mov %cs, %ax
        cmp $0x30, %ax
        jne fail64
        cmpq $0x53, 8(%rsp)
        jne fail64
        cmpq %rbp, 16(%rsp)
        jne fail64
        cmpq $0x4b, 24(%rsp)
        jne fail64
        lretq

/* ring 0, long mode: CR4.PCIDE, CR3 bit 63, INVPCID (only with CPUID.PCID and INVPCID) */
sys3_long0:
        mov $1, %eax
        cpuid
        bt $17, %ecx
        jnc 9f
        mov $7, %eax
        xor %ecx, %ecx
        cpuid
        bt $10, %ebx
        jnc 9f
        mov $sys3_gp64, %eax
        mov $13, %ebx
        mov $0x8e00, %ecx
        call setgate64
        /* PCIDE while CR3[11:0] != 0: #GP(0) */
        mov $(PML4 | 8), %eax
        mov %rax, %cr3
        movl $0x55, SYS3_ERR
        movl $(2f - 1f), SYS3_SKIP
        mov %cr4, %rax
        or $0x20000, %eax
1:      mov %rax, %cr4
2:      cmpl $0, SYS3_ERR
        jne fail64
        mov %cr4, %rax
        bt $17, %eax
        jc fail64
        mov $PML4, %eax
        mov %rax, %cr3
        mov %cr4, %rax
        or $0x20000, %eax
        mov %rax, %cr4
        /* PCID_VA through a 4 KiB page table: page A, then B without invalidation */
        mov $PT64, %edi
        xor %eax, %eax
        mov $1024, %ecx
        rep stosl
        movl $0xaaaa, PAGE_A
        movl $0xbbbb, PAGE_B
        movl $(PAGE_A | 3), PT64
        movl $(PT64 | 3), PD64 + (PCID_VA >> 21) * 8
        mov $(PML4 | 1), %eax           /* PCID 1 */
        mov %rax, %cr3
        cmpl $0xaaaa, PCID_VA
        jne fail64
        movl $(PAGE_B | 3), PT64
        mov $(PML4 | 1), %eax           /* same PCID, bit 63: the cached translation stays */
        bts $63, %rax
        mov %rax, %cr3
        cmpl $0xaaaa, PCID_VA
        jne fail64
        mov %cr3, %rax                  /* bit 63 is not stored */
        cmp $(PML4 | 1), %rax
        jne fail64
        mov $(PML4 | 2), %eax           /* PCID 2 never saw PCID 1's entries */
        bts $63, %rax
        mov %rax, %cr3
        cmpl $0xbbbb, PCID_VA
        jne fail64
        movl $(PAGE_A | 3), PT64
        mov $(PML4 | 2), %eax           /* without bit 63: flushed */
        mov %rax, %cr3
        cmpl $0xaaaa, PCID_VA
        jne fail64
        mov $msg_pcid, %esi
        call puts64
        /* INVPCID 0 (address), 1 (PCID), 2 (all, global too), 3 (all but global) */
        movq $2, SYS3_DESC
        movq $PCID_VA, SYS3_DESC + 8
        movl $(PAGE_B | 3), PT64
        cmpl $0xaaaa, PCID_VA
        jne fail64
        xor %eax, %eax
        invpcid SYS3_DESC, %rax
        cmpl $0xbbbb, PCID_VA
        jne fail64
        movl $(PAGE_A | 3), PT64
        mov $1, %eax
        invpcid SYS3_DESC, %rax
        cmpl $0xaaaa, PCID_VA
        jne fail64
        movl $(PAGE_B | 3), PT64
        mov $2, %eax
        invpcid SYS3_DESC, %rax
        cmpl $0xbbbb, PCID_VA
        jne fail64
        movl $(PAGE_A | 3), PT64
        mov $3, %eax
        invpcid SYS3_DESC, %rax
        cmpl $0xaaaa, PCID_VA
        jne fail64
        movl $0x55, SYS3_ERR            /* type 4: #GP(0) */
        movl $(2f - 1f), SYS3_SKIP
        mov $4, %eax
1:      invpcid SYS3_DESC, %rax
2:      cmpl $0, SYS3_ERR
        jne fail64
        mov $PML4, %eax                 /* PCIDE off again (PCID 0 first) */
        mov %rax, %cr3
        mov %cr4, %rax
        and $~0x20000, %eax
        mov %rax, %cr4
        mov $msg_invpcid, %esi
        call puts64
        /*
         * SMEP (CPUID.7:EBX[7]): a supervisor fetch from a user page (the
         * ROM's) is a #PF with P and I/D.  Everything ring 0 runs meanwhile
         * is on a supervisor page: smep_snip copied to PAGE_C at SMEP_VA.
         */
        mov $7, %eax
        xor %ecx, %ecx
        cpuid
        bt $7, %ebx
        jnc 9f
        mov $smep_snip, %esi
        mov $PAGE_C, %edi
        mov $(smep_snip_end - smep_snip), %ecx
        rep movsb
        movl $(PAGE_C | 3), PT64 + 8
        invlpg SMEP_VA
        mov $(SMEP_VA + smep_pf - smep_snip), %eax
        mov $14, %ebx
        mov $0x8e00, %ecx
        call setgate64
        movl $0x55, SYS3_ERR
        mov $sys3_user_code, %ebx
        mov $SMEP_VA, %eax
        call *%rax
        cmpl $0x11, SYS3_ERR            /* P | I/D, supervisor read */
        jne fail64
        cmpl $sys3_user_code, SYS3_FLAG /* CR2 */
        jne fail64
        mov %cr4, %rax
        bt $20, %eax
        jc fail64
        mov $msg_smep, %esi
        call puts64
9:      ret

/* copied to PAGE_C (a supervisor page at SMEP_VA): SMEP on, a jump to a user page */
smep_snip:
        mov %cr4, %rax
        bts $20, %rax
        mov %rax, %cr4
        jmp *%rbx
smep_back:
        ret
smep_pf:
        pop %rax                        /* the error code */
        mov %eax, SYS3_ERR
        mov %cr2, %rax
        mov %eax, SYS3_FLAG
        mov %cr4, %rax
        btr $20, %rax
        mov %rax, %cr4
        movq $(SMEP_VA + smep_back - smep_snip), (%rsp)
        iretq
smep_snip_end:

sys3_user_code:
        jmp fail64

sys3_gp64:
        push %rax
        mov 8(%rsp), %rax
        mov %eax, SYS3_ERR
        mov SYS3_SKIP, %eax
        add %rax, 16(%rsp)
        pop %rax
        add $8, %rsp
        iretq
        .code32

        .p2align 3
gdt:
        .quad 0
        .quad 0x00cf9a000000ffff        /* 0x08 code32 DPL0 */
        .quad 0x00cf92000000ffff        /* 0x10 data DPL0 */
        .quad 0x00cffa000000ffff        /* 0x18 code32 DPL3 */
        .quad 0x00cff2000000ffff        /* 0x20 data DPL3 */
        .quad 0x0000890090000167        /* 0x28 TSS32 at 0x9000, limit 0x167 */
        .quad 0x00af9a000000ffff        /* 0x30 code64 DPL0 */
        .quad 0x00cf92000000ffff        /* 0x38 data DPL0 */
        .quad 0x00cffa000000ffff        /* 0x40 code32 DPL3 (SYSRET base) */
        .quad 0x00cff2000000ffff        /* 0x48 data DPL3 */
        .quad 0x00affa000000ffff        /* 0x50 code64 DPL3 */
        .quad 0x0000890098000067        /* 0x58 TSS64 at 0x9800 */
        .quad 0
        .quad 0x00cf12000000ffff        /* 0x68 data, not present */
gdt_end:
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt
gdt_ram_desc:
        .word gdt_end - gdt - 1
        .long GDT_RAM
idt32_desc:
        .word 256 * 8 - 1
        .long IDT32
idt64_desc:
        .word 256 * 16 - 1
        .quad IDT64
idt_empty_desc:
        .word 0
        .quad 0
/* x86sys3: copied to GDT_RAM + 0x98 */
        .p2align 3
sys3_gdt:
        .quad 0x00009a0f0000ffff        /* 0x98 code16 DPL0, base 0xf0000 */
        .quad 0x0000890092000067        /* 0xa0 TSS B at 0x9200 */
        .quad 0x0000850000a00000        /* 0xa8 task gate -> 0xa0 */
sys3_gdt_end:
sys3_gdt_desc:
        .word 0xdf
        .long GDT_RAM
cg64_ptr:
        .long 0
        .word 0xc3
msg_cg:      .asciz "call gate\n"
msg_taskjmp: .asciz "task jmp\n"
msg_taskcall: .asciz "task call\n"
msg_taskdf:  .asciz "task #DF\n"
msg_cg64:    .asciz "call gate 64\n"
msg_pcid:    .asciz "pcid\n"
msg_invpcid: .asciz "invpcid\n"
msg_smep:    .asciz "smep\n"

msg_real:    .asciz "real\n"
msg_int:     .asciz "ivt int\n"
msg_far:     .asciz "far call\n"
msg_prot:    .asciz "protected\n"
msg_de:      .asciz "#DE\n"
msg_pf:      .asciz "#PF\n"
msg_gp:      .asciz "#GP\n"
msg_paging:  .asciz "paging\n"
msg_string:  .asciz "rep string\n"
msg_ring3:   .asciz "ring 3\n"
msg_back:    .asciz "ring 0\n"
msg_long:    .asciz "long\n"
msg_int3:    .asciz "int3\n"
msg_ist:     .asciz "ist\n"
msg_user64:  .asciz "user64\n"
msg_syscall: .asciz "syscall\n"
msg_done:    .asciz "done\n"
msg_desc:    .asciz "descriptors msrs\n"
msg_np:      .asciz "#NP\n"
msg_sysexit: .asciz "sysexit\n"
msg_sysenter: .asciz "sysenter\n"
msg_triple:  .asciz "triple fault\n"
msg_reset:   .asciz "reset\n"

        .org 0xfff0
        .code16
reset:
        ljmp $0xf000, $R(real_start)
        .balign 16, 0

/* counters in RAM (the image is ROM) */
de_count_ram = 0x7100
int3_count_ram = 0x7104
gp64_count_ram = 0x7108
