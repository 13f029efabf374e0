/*
 * translate.c — the MIPS front end on translator_loop: the TCG globals,
 * exceptions, effective addresses, the delay-slot machinery and the loop
 * hooks that fetch and dispatch.  The trans_* functions are split by
 * concern: translate-branch.c (branches and jumps), translate-int.c
 * (arithmetic, logic, shifts, multiply/divide, traps, system),
 * translate-ldst.c (loads and stores, LL/SC), translate-fpu.c (CP1).
 *
 * Delay slots: a branch is translated together with the instruction after
 * it.  The branch computes its condition and target into temps, writes
 * the link register, then mips_gen_delay_slot() translates the slot
 * instruction inline, and the branch's exit follows.  Both share the
 * branch's insn_start, whose second word is 1 for a branch: a fault in
 * the slot restores pc to the branch with exception.in_delay_slot set,
 * which is what the hardware reports (EPC = branch, Cause.BD) and what
 * lets the guest restart at the branch.  Since the branch itself cannot
 * fault, the flag is exact.  Branch-likely jumps over its slot when not
 * taken.  A branch in a delay slot is a Reserved Instruction here.
 */
#include "translate.h"

#include "exec/cpu-exec.h"
#include "util/log.h"

#include <inttypes.h>
#include <stddef.h>

LOG_ITEM(log_unimp, "unimp", "log unimplemented functionality and undefined instructions");

TCGv_i64 cpu_gpr[32];
TCGv_i64 cpu_hi, cpu_lo, cpu_pc;

MIPS_HELPER(raise, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32, T_I32);
MIPS_HELPER(raise_synced, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I32, T_I32);

void mips_tcg_initialize(void)
{
    static const char *const names[32] = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
    };
    for (int i = 1; i < 32; i++) {
        cpu_gpr[i] = tcg_global_mem_new_i64(tcg_env, offsetof(CPUMIPSState, gpr[i]), names[i]);
    }
    cpu_hi = tcg_global_mem_new_i64(tcg_env, offsetof(CPUMIPSState, hi), "hi");
    cpu_lo = tcg_global_mem_new_i64(tcg_env, offsetof(CPUMIPSState, lo), "lo");
    cpu_pc = tcg_global_mem_new_i64(tcg_env, offsetof(CPUMIPSState, pc), "pc");
}

/* ---- exceptions ------------------------------------------------------------ */

void mips_gen_raise(int excp, uint32_t code)
{
    TCGTemp *args[] = { tenv(), c32(excp), c32(code) };
    tcg_gen_call(&info_raise, NULL, args);
}

void mips_gen_exception(DisasContext *s, int excp, uint32_t code)
{
    mips_gen_raise(excp, code);
    s->base.is_jmp = DISAS_NORETURN;
}

void mips_gen_exception_synced(DisasContext *s, int excp, uint32_t code)
{
    if (s->in_slot) {
        mips_gen_exception(s, excp, code);   /* pc is the branch's: from the restore data */
        return;
    }
    tcg_gen_movi_i64(cpu_pc, s->pc_curr);
    TCGTemp *args[] = { tenv(), c32(excp), c32(code) };
    tcg_gen_call(&info_raise_synced, NULL, args);
    s->base.is_jmp = DISAS_NORETURN;
}

bool mips_gen_reserved(DisasContext *s)
{
    if (log_enabled(log_unimp)) {
        log_printf("mips: reserved instruction %08x at 0x%" PRIx64 "%s\n",
                   s->insn, s->pc_curr, s->in_slot ? " (delay slot)" : "");
    }
    mips_gen_exception(s, EXCP_RI, 0);
    return true;
}

bool mips_check_feature(DisasContext *s, MIPSFeature f)
{
    if (mips_dc_feature(s, f)) {
        return true;
    }
    mips_gen_reserved(s);
    return false;
}

bool mips_check_64(DisasContext *s)
{
    if (s->hflags & MIPS_HFLAG_64) {
        return true;
    }
    mips_gen_reserved(s);
    return false;
}

bool mips_check_fpu(DisasContext *s)
{
    if (s->hflags & MIPS_HFLAG_FPU) {
        return true;
    }
    mips_gen_exception(s, EXCP_CPU, 1);
    return false;
}

/* ---- addresses ---------------------------------------------------------------- */

MIPSAddr mips_gen_addr(DisasContext *s, int rs, int64_t imm)
{
#if TARGET_LONG_BITS == 32
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(a, gpr_src(rs));
    tcg_gen_addi_i32(a, a, (int32_t)imm);
    return a;
#else
    TCGv_i64 a = tcg_temp_new_i64();
    tcg_gen_addi_i64(a, gpr_src(rs), imm);
    return a;
#endif
}

MIPSAddr mips_gen_addr_rr(DisasContext *s, int base, int index)
{
#if TARGET_LONG_BITS == 32
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i32 b = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(a, gpr_src(base));
    tcg_gen_extrl_i64_i32(b, gpr_src(index));
    tcg_gen_add_i32(a, a, b);
    return a;
#else
    TCGv_i64 a = tcg_temp_new_i64();
    tcg_gen_add_i64(a, gpr_src(base), gpr_src(index));
    return a;
#endif
}

TCGv_i64 mips_addr_to_i64(MIPSAddr a)
{
#if TARGET_LONG_BITS == 32
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(r, a);
    return r;
#else
    return a;
#endif
}

/* ---- branches: chaining and the delay slot ------------------------------------- */

void mips_gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    if (translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void mips_decode_insn(DisasContext *s, uint32_t insn)
{
    if (!mips_decode_int_insn(s, insn) && !mips_decode_branch_insn(s, insn) &&
        !mips_decode_ldst_insn(s, insn) && !mips_decode_fpu_insn(s, insn)) {
        mips_gen_reserved(s);
    }
}

void mips_gen_delay_slot(DisasContext *s)
{
    uint64_t branch_pc = s->pc_curr;
    uint32_t branch_insn = s->insn;
    uint64_t pc = branch_pc + 4;
    uint32_t insn = TARGET_BIG_ENDIAN ? translator_ldl_be(s->env, &s->base, pc)
                                      : translator_ldl_le(s->env, &s->base, pc);
    if (s->base.fetch_fault) {
        return;         /* the loop drops the branch; the next TB starts with it */
    }
    s->pc_curr = pc;
    s->insn = insn;
    s->in_slot = true;
    mips_decode_insn(s, insn);
    s->in_slot = false;
    s->pc_curr = branch_pc;
    s->insn = branch_insn;
}

/*
 * Whether insn is one of branch.decode's patterns (opcode-level check, kept
 * in step with that file; tests/unit/mips checks every branch form).  The
 * insn_start of a branch must say so before the branch is decoded.
 */
static bool mips_insn_is_branch(uint32_t insn)
{
    unsigned op = insn >> 26;
    switch (op) {
    case 0x00:                                  /* SPECIAL: JR, JALR */
        return (insn & 0x3e) == 0x08;
    case 0x01: {                                /* REGIMM: BLTZ.. BGEZL, BLTZAL.. BGEZALL */
        unsigned rt = (insn >> 16) & 0x1f;
        return rt < 4 || (rt >= 0x10 && rt < 0x14);
    }
    case 0x02: case 0x03:                       /* J, JAL */
    case 0x04: case 0x05: case 0x06: case 0x07: /* BEQ BNE BLEZ BGTZ */
    case 0x14: case 0x15: case 0x16: case 0x17: /* the likely forms */
        return true;
    case 0x11:                                  /* COP1 BC1 */
        return ((insn >> 21) & 0x1f) == 0x08;
    default:
        return false;
    }
}

/* ---- the translator loop hooks --------------------------------------------------- */

static void mips_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    s->env = cs->env_ptr;
    s->insn_flags = s->env->insn_flags;
    s->hflags = db->tb->flags;
    s->in_slot = false;
    s->abs2008 = s->env->fcr31 & FCSR_ABS2008;
}

static void mips_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint64_t pc = db->pc_next;
    bool branch = false;

    s->insn = 0;
    if (!(pc & 3)) {
        s->insn = TARGET_BIG_ENDIAN ? translator_ldl_be(s->env, db, pc)
                                    : translator_ldl_le(s->env, db, pc);
        branch = mips_insn_is_branch(s->insn);
    }
    tcg_gen_insn_start(pc, branch, 0);
}

static void mips_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    s->pc_curr = db->pc_next;
    db->pc_next += 4;
    if (db->fetch_fault) {
        return;
    }
    if (s->pc_curr & 3) {
        /* a jump to a misaligned pc: Address Error on fetch (MIPS16/microMIPS are absent) */
        tcg_gen_st_i64(tcg_constant_i64(s->pc_curr), tcg_env,
                       offsetof(CPUMIPSState, exception.vaddress));
        tcg_gen_st_i64(tcg_constant_i64(s->pc_curr), tcg_env,
                       offsetof(CPUMIPSState, cp0.badvaddr));
        mips_gen_exception(s, EXCP_ADEL, 0);
        return;
    }
    mips_decode_insn(s, s->insn);
}

static void mips_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;

    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        mips_gen_goto_tb(s, 0, db->pc_next);
        break;
    case DISAS_JUMP:
        tcg_gen_lookup_and_goto_ptr();
        break;
    case DISAS_UPDATE:
        tcg_gen_movi_i64(cpu_pc, db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
}

static const TranslatorOps mips_translator_ops = {
    .init_disas_context = mips_init_disas_context,
    .tb_start = NULL,
    .insn_start = mips_insn_start,
    .translate_insn = mips_translate_insn,
    .tb_stop = mips_tb_stop,
};

void mips_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext s;
    translator_loop(cs, tb, max_insns, &mips_translator_ops, &s.base);
}
