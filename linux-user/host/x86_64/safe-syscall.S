/*
 * safe-syscall.S — a blocking host system call that a guest signal cannot
 * slip past (x86-64 Linux host).
 *
 *   long lu_safe_syscall_base(int *wake, long nr, long a1, ..., long a6)
 *
 * returns the raw result (-errno on failure).  It tests *wake (a guest
 * signal is waiting for delivery) and then issues the syscall.  A host
 * signal arriving between the test and the syscall instruction would
 * otherwise be noticed only after the call returns, perhaps never; so
 * signal.c's host handler moves a pc found in [lu_safe_syscall_start,
 * lu_safe_syscall_end) to lu_safe_syscall_abort, which returns -EINTR
 * without entering the kernel.  A signal during the syscall interrupts it
 * (our handlers have no SA_RESTART) and the call returns -EINTR itself.
 */
        .text
        .global lu_safe_syscall_base
        .global lu_safe_syscall_start
        .global lu_safe_syscall_end
        .global lu_safe_syscall_abort
        .type   lu_safe_syscall_base, @function
lu_safe_syscall_base:
        .cfi_startproc
        /* SysV arguments: rdi=wake rsi=nr rdx=a1 rcx=a2 r8=a3 r9=a4, a5 a6 on the stack;
           the kernel's: rax=nr rdi rsi rdx r10 r8 r9 */
        mov     %rdi, %r11
        mov     %rsi, %rax
        mov     %rdx, %rdi
        mov     %rcx, %rsi
        mov     %r8, %rdx
        mov     %r9, %r10
        mov     8(%rsp), %r8
        mov     16(%rsp), %r9
lu_safe_syscall_start:
        cmpl    $0, (%r11)
        jnz     lu_safe_syscall_abort
        syscall
lu_safe_syscall_end:
        ret
lu_safe_syscall_abort:
        mov     $-4, %rax               /* -EINTR */
        ret
        .cfi_endproc
        .size   lu_safe_syscall_base, . - lu_safe_syscall_base

        .section .note.GNU-stack, "", @progbits
