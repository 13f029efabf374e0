/*
 * emit-xsave.c — XSAVE, XSAVEOPT, XSAVEC, XRSTOR (the component mask in
 * EDX:EAX) and XGETBV/XSETBV (0F 01 D0/D1); the work is in xsave_helper.c.
 */
#include "emit.h"

#include "xsave.h"

static TCGv_i64 edx_eax(void)
{
    TCGv_i64 m = tcg_temp_new_i64();
    tcg_gen_deposit_i64(m, cpu_regs[R_EAX], cpu_regs[R_EDX], 32, 32);
    return m;
}

/*
 * special: 0 XSAVE, 1 XSAVEOPT, 2 XSAVEC, 3 XRSTOR.  System mode: #UD with
 * CR4.OSXSAVE = 0, then #NM with CR0.TS = 1 (the TB flags say which).
 */
void i386_emit_xsave(DisasContext *s, X86Insn *d)
{
    TCGv_ptr env = tcg_env;
    if (s->hflags & HF_XSAVE_UD) {
        i386_gen_illegal(s, "XSAVE family with CR4.OSXSAVE = 0");
        return;
    }
    if (s->hflags & HF_TS) {
        i386_gen_exception(s, EXCP07_PREX);
        return;
    }
    if (d->e->special == 3) {
        i386_gen_call(&i386_helper_xrstor, NULL, 3, tcgv_ptr_temp(env), tcgv_i64_temp(d->addr),
                      tcgv_i64_temp(edx_eax()));
        return;
    }
    i386_gen_call(&i386_helper_xsave, NULL, 4, tcgv_ptr_temp(env), tcgv_i64_temp(d->addr),
                  tcgv_i64_temp(edx_eax()), tcgv_i32_temp(tcg_constant_i32(d->e->special)));
}

/* 0F 01 /2 with mod 3: D0 XGETBV, D1 XSETBV (privileged), the rest #UD. */
void i386_emit_xgetbv(DisasContext *s, X86Insn *d)
{
    switch (d->modrm & 7) {
    case 0: {
        TCGv_i64 r = tcg_temp_new_i64();
        i386_gen_call(&i386_helper_xgetbv, tcgv_i64_temp(r), 2, tcgv_ptr_temp(tcg_env),
                      tcgv_i64_temp(cpu_regs[R_ECX]));
        tcg_gen_ext32u_i64(cpu_regs[R_EAX], r);
        tcg_gen_shri_i64(cpu_regs[R_EDX], r, 32);
        return;
    }
    case 1:
        i386_gen_call(&i386_helper_xsetbv, NULL, 3, tcgv_ptr_temp(tcg_env),
                      tcgv_i64_temp(cpu_regs[R_ECX]), tcgv_i64_temp(edx_eax()));
        /* XCR0 feeds the TB flags (HF_AVX_UD): the next instruction in a new block */
        s->base.is_jmp = DISAS_TARGET_0;
        return;
    default:
        i386_gen_illegal(s, "0F 01 D2..D7");
        return;
    }
}
