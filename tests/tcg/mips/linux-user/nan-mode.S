/*
 * nan-mode.S — no C library: the FPU's NaN mode as the executable's
 * e_flags select it.  Exit status: bit 0 FCSR.NAN2008 as the program
 * starts, bit 1 0/0 gave the 2008 default NaN 0x7fc00000, bit 2 it gave
 * the legacy one 0x7fbfffff (99: neither).  Built twice (o32, legacy and
 * -mnan=2008); elf-flags.sh checks 4 and 3.
 */
    .set noreorder
    .globl __start
__start:
    cfc1    $4, $31
    srl     $4, $4, 18
    andi    $4, $4, 1
    mtc1    $0, $f0
    div.s   $f2, $f0, $f0
    mfc1    $5, $f2
    li      $6, 0x7fc00000
    beq     $5, $6, 1f
    nop
    li      $6, 0x7fbfffff
    beq     $5, $6, 2f
    nop
    b       3f
    li      $4, 99
1:  b       3f
    ori     $4, $4, 2
2:  ori     $4, $4, 4
3:  li      $2, 4001            /* exit */
    syscall
