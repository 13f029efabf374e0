/*
 * emit-sys.h — the system instructions' emitters (emit-sys.c) that the
 * opcode maps (decode-table.c) point at.  In user mode they keep the old
 * behaviour (#GP for IN/OUT/HLT/CLI/STI, #UD for the rest).
 */
#ifndef TARGET_I386_EMIT_SYS_H
#define TARGET_I386_EMIT_SYS_H

#include "emit.h"

/* i386_emit_sys_misc's special. */
enum { I386_SYS_CLTS, I386_SYS_WBINVD, I386_SYS_WRMSR, I386_SYS_RDMSR, I386_SYS_SYSENTER,
       I386_SYS_SYSEXIT, I386_SYS_SYSRET, I386_SYS_RDPMC };

void i386_emit_sys_inout(DisasContext *s, X86Insn *d);
void i386_emit_sys_insouts(DisasContext *s, X86Insn *d);
void i386_emit_sys_hlt(DisasContext *s, X86Insn *d);
void i386_emit_sys_clisti(DisasContext *s, X86Insn *d);
void i386_emit_sys_popf(DisasContext *s, X86Insn *d);
void i386_emit_sys_iret(DisasContext *s, X86Insn *d);
void i386_emit_sys_lret(DisasContext *s, X86Insn *d);
void i386_emit_sys_far_im(DisasContext *s, X86Insn *d);
void i386_emit_sys_far_ind(DisasContext *s, X86Insn *d);
void i386_emit_sys_lxs(DisasContext *s, X86Insn *d);
void i386_emit_sys_grp6(DisasContext *s, X86Insn *d);
void i386_emit_sys_grp7(DisasContext *s, X86Insn *d);
void i386_emit_sys_lar_lsl(DisasContext *s, X86Insn *d);
void i386_emit_sys_mov_crdr(DisasContext *s, X86Insn *d);
void i386_emit_sys_invpcid(DisasContext *s, X86Insn *d);
void i386_emit_sys_misc(DisasContext *s, X86Insn *d);

#endif
