/*
 * translate-fpu.c — the MIPS FPU (fpu.decode; BC1 is in translate-branch.c).
 *
 * Register file (see cpu.h): fpr[n] holds register n.  With Status.FR=1
 * a double is fpr[n] and a single its low word; with FR=0 every register
 * is 32 bits (the low word of fpr[n]) and a double lives in an even/odd
 * pair, low word in the even register (MIPS64 Volume I 6.4).  FR is a TB
 * flag, so each access is a plain load or store of env.  An odd register
 * named as a double with FR=0 is a Reserved Instruction.  (emu hosts are
 * little-endian: a word of fpr[n] at offset 0 is its low half.)
 *
 * Arithmetic and conversions call fpu_helper.c with the operation and the
 * format in one constant; moves and the conditional moves are inline, and
 * so are ABS and NEG on models with FCSR.ABS2008 (sign-bit operations);
 * without it they are arithmetic (a signalling NaN is invalid).
 */
#include "translate.h"

/* the generated decoder: argument sets, trans_* prototypes, decode_mips_fpu() */
#include "fpu.c.inc"

MIPS_HELPER(fp_op, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64, T_I32);
MIPS_HELPER(fp_adds, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_subs, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_muls, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_divs, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_addd, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_subd, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_muld, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_divd, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64);
MIPS_HELPER(fp_madd, TCG_CALL_NO_WG, T_I64, T_PTR, T_I64, T_I64, T_I64, T_I32);
MIPS_HELPER(fp_cmp, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I64, T_I64, T_I32);
MIPS_HELPER(cfc1, TCG_CALL_NO_WG, T_I64, T_PTR, T_I32);
MIPS_HELPER(ctc1, TCG_CALL_NO_WG, T_VOID, T_PTR, T_I64, T_I32);

static inline bool fr1(DisasContext *s)
{
    return s->hflags & MIPS_HFLAG_FR;
}

static TCGv_i64 fpr_ld_s(int n)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(t, tcg_env, offsetof(CPUMIPSState, fpr[n]));
    return t;
}

static void fpr_st_s(int n, TCGv_i64 v)
{
    tcg_gen_st32_i64(v, tcg_env, offsetof(CPUMIPSState, fpr[n]));
}

static TCGv_i64 fpr_ld_d(DisasContext *s, int n)
{
    TCGv_i64 t = tcg_temp_new_i64();
    if (fr1(s)) {
        tcg_gen_ld_i64(t, tcg_env, offsetof(CPUMIPSState, fpr[n]));
    } else {
        TCGv_i64 hi = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(t, tcg_env, offsetof(CPUMIPSState, fpr[n]));
        tcg_gen_ld32u_i64(hi, tcg_env, offsetof(CPUMIPSState, fpr[n + 1]));
        tcg_gen_deposit_i64(t, t, hi, 32, 32);
    }
    return t;
}

static void fpr_st_d(DisasContext *s, int n, TCGv_i64 v)
{
    if (fr1(s)) {
        tcg_gen_st_i64(v, tcg_env, offsetof(CPUMIPSState, fpr[n]));
    } else {
        TCGv_i64 hi = tcg_temp_new_i64();
        tcg_gen_st32_i64(v, tcg_env, offsetof(CPUMIPSState, fpr[n]));
        tcg_gen_shri_i64(hi, v, 32);
        tcg_gen_st32_i64(hi, tcg_env, offsetof(CPUMIPSState, fpr[n + 1]));
    }
}

/* CP1 usable and, for doubles with FR=0, even registers; false after raising. */
static bool fp_check(DisasContext *s, bool dbl, int r1, int r2, int r3)
{
    if (!mips_check_fpu(s)) {
        return false;
    }
    if (dbl && !fr1(s) && ((r1 | r2 | r3) & 1)) {
        mips_gen_reserved(s);
        return false;
    }
    return true;
}

static TCGv_i64 fp_ld(DisasContext *s, bool dbl, int n)
{
    return dbl ? fpr_ld_d(s, n) : fpr_ld_s(n);
}

static void fp_st(DisasContext *s, bool dbl, int n, TCGv_i64 v)
{
    if (dbl) {
        fpr_st_d(s, n, v);
    } else {
        fpr_st_s(n, v);
    }
}

/* MIPS IV / MIPS32 R2 FPU additions (indexed loads, MADD, RECIP, 8 condition codes). */
static bool fp_check_mips4(DisasContext *s)
{
    if (mips_dc_feature(s, MIPS_FEATURE_MIPS4) || mips_dc_feature(s, MIPS_FEATURE_MIPS32R2)) {
        return true;
    }
    mips_gen_reserved(s);
    return false;
}

/* The long format: MIPS III or a 64-bit FPU. */
static bool fp_check_long(DisasContext *s)
{
    if (mips_dc_feature(s, MIPS_FEATURE_MIPS3) || (s->hflags & MIPS_HFLAG_F64)) {
        return true;
    }
    mips_gen_reserved(s);
    return false;
}

/* ---- moves ------------------------------------------------------------------------ */

static bool trans_MFC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_fpu(s)) {
        gpr_set32(a->rt, fpr_ld_s(a->fs));
    }
    return true;
}

static bool trans_MTC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_fpu(s)) {
        fpr_st_s(a->fs, gpr_src(a->rt));
    }
    return true;
}

static bool trans_DMFC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_64(s) && fp_check(s, true, a->fs, 0, 0)) {
        gpr_set(a->rt, fpr_ld_d(s, a->fs));
    }
    return true;
}

static bool trans_DMTC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_64(s) && fp_check(s, true, a->fs, 0, 0)) {
        fpr_st_d(s, a->fs, gpr_src(a->rt));
    }
    return true;
}

/* MFHC1/MTHC1 (R2): the high word of the double in fs. */
static bool trans_MFHC1(DisasContext *s, arg_mov *a)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS32R2) || !fp_check(s, true, a->fs, 0, 0)) {
        return true;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    if (fr1(s)) {
        tcg_gen_ld32s_i64(t, tcg_env, offsetof(CPUMIPSState, fpr[a->fs]) + 4);
    } else {
        tcg_gen_ld32s_i64(t, tcg_env, offsetof(CPUMIPSState, fpr[a->fs + 1]));
    }
    gpr_set(a->rt, t);
    return true;
}

static bool trans_MTHC1(DisasContext *s, arg_mov *a)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS32R2) || !fp_check(s, true, a->fs, 0, 0)) {
        return true;
    }
    if (fr1(s)) {
        tcg_gen_st32_i64(gpr_src(a->rt), tcg_env, offsetof(CPUMIPSState, fpr[a->fs]) + 4);
    } else {
        tcg_gen_st32_i64(gpr_src(a->rt), tcg_env, offsetof(CPUMIPSState, fpr[a->fs + 1]));
    }
    return true;
}

static bool trans_CFC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_fpu(s)) {
        TCGv_i64 v = tcg_temp_new_i64();
        TCGTemp *args[] = { tenv(), c32(a->fs) };
        tcg_gen_call(&info_cfc1, t64(v), args);
        gpr_set32(a->rt, v);
    }
    return true;
}

static bool trans_CTC1(DisasContext *s, arg_mov *a)
{
    if (mips_check_fpu(s)) {
        TCGTemp *args[] = { tenv(), t64(gpr_src(a->rt)), c32(a->fs) };
        tcg_gen_call(&info_ctc1, NULL, args);
    }
    return true;
}

/* ---- arithmetic ------------------------------------------------------------------- */

/* The two-operand arithmetic: one helper per operation and format (info[d]). */
static bool gen_fop3(DisasContext *s, arg_f3 *a, const TCGHelperInfo *const info[2])
{
    if (!fp_check(s, a->d, a->fd, a->fs, a->ft)) {
        return true;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    TCGTemp *args[] = { tenv(), t64(fp_ld(s, a->d, a->fs)), t64(fp_ld(s, a->d, a->ft)) };
    tcg_gen_call(info[a->d], t64(r), args);
    fp_st(s, a->d, a->fd, r);
    return true;
}

static bool gen_fop2(DisasContext *s, arg_f2 *a, int op)
{
    if (!fp_check(s, a->d, a->fd, a->fs, 0)) {
        return true;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 x = fp_ld(s, a->d, a->fs);
    TCGTemp *args[] = { tenv(), t64(x), t64(x),
                        c32(MIPS_FOP(op, a->d ? MIPS_FMT_D : MIPS_FMT_S)) };
    tcg_gen_call(&info_fp_op, t64(r), args);
    fp_st(s, a->d, a->fd, r);
    return true;
}

static bool trans_ADD_f(DisasContext *s, arg_f3 *a)
{
    static const TCGHelperInfo *const info[2] = { &info_fp_adds, &info_fp_addd };
    return gen_fop3(s, a, info);
}

static bool trans_SUB_f(DisasContext *s, arg_f3 *a)
{
    static const TCGHelperInfo *const info[2] = { &info_fp_subs, &info_fp_subd };
    return gen_fop3(s, a, info);
}

static bool trans_MUL_f(DisasContext *s, arg_f3 *a)
{
    static const TCGHelperInfo *const info[2] = { &info_fp_muls, &info_fp_muld };
    return gen_fop3(s, a, info);
}

static bool trans_DIV_f(DisasContext *s, arg_f3 *a)
{
    static const TCGHelperInfo *const info[2] = { &info_fp_divs, &info_fp_divd };
    return gen_fop3(s, a, info);
}

static bool trans_SQRT_f(DisasContext *s, arg_f2 *a)
{
    return mips_check_feature(s, MIPS_FEATURE_MIPS2) ? gen_fop2(s, a, MIPS_FOP_SQRT) : true;
}

static bool trans_RECIP_f(DisasContext *s, arg_f2 *a)
{
    return fp_check_mips4(s) ? gen_fop2(s, a, MIPS_FOP_RECIP) : true;
}

static bool trans_RSQRT_f(DisasContext *s, arg_f2 *a)
{
    return fp_check_mips4(s) ? gen_fop2(s, a, MIPS_FOP_RSQRT) : true;
}

/* MOV/ABS/NEG: copy, clear or flip the sign bit. */
static bool gen_fsign(DisasContext *s, arg_f2 *a, int kind)
{
    if (!fp_check(s, a->d, a->fd, a->fs, 0)) {
        return true;
    }
    TCGv_i64 v = fp_ld(s, a->d, a->fs);
    uint64_t sign = a->d ? 1ull << 63 : 1ull << 31;
    if (kind == 1) {
        tcg_gen_andi_i64(v, v, ~sign);
    } else if (kind == 2) {
        tcg_gen_xori_i64(v, v, sign);
    }
    fp_st(s, a->d, a->fd, v);
    return true;
}

static bool trans_MOV_f(DisasContext *s, arg_f2 *a)
{
    return gen_fsign(s, a, 0);
}

/* ABS/NEG: sign-bit operations with ABS2008, else arithmetic (fpu_helper.c). */
static bool trans_ABS_f(DisasContext *s, arg_f2 *a)
{
    return s->abs2008 ? gen_fsign(s, a, 1) : gen_fop2(s, a, MIPS_FOP_ABS);
}

static bool trans_NEG_f(DisasContext *s, arg_f2 *a)
{
    return s->abs2008 ? gen_fsign(s, a, 2) : gen_fop2(s, a, MIPS_FOP_NEG);
}

/* fd = fs when c cond 0 (fd keeps its value otherwise). */
static bool gen_fmovcond(DisasContext *s, bool dbl, int fd, int fs, TCGv_i64 c, TCGCond cond)
{
    TCGv_i64 v = fp_ld(s, dbl, fs);
    TCGv_i64 old = fp_ld(s, dbl, fd);
    tcg_gen_movcond_i64(cond, v, c, tcg_constant_i64(0), v, old);
    fp_st(s, dbl, fd, v);
    return true;
}

static bool trans_MOVCF_f(DisasContext *s, arg_movcf *a)
{
    if (!fp_check_mips4(s) || !fp_check(s, a->d, a->fd, a->fs, 0)) {
        return true;
    }
    TCGv_i64 c = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(c, tcg_env, offsetof(CPUMIPSState, fcr31));
    tcg_gen_extract_i64(c, c, a->cc ? 24 + a->cc : 23, 1);
    return gen_fmovcond(s, a->d, a->fd, a->fs, c, a->tf ? TCG_COND_NE : TCG_COND_EQ);
}

static bool trans_MOVZ_f(DisasContext *s, arg_movr *a)
{
    if (!fp_check_mips4(s) || !fp_check(s, a->d, a->fd, a->fs, 0)) {
        return true;
    }
    return gen_fmovcond(s, a->d, a->fd, a->fs, gpr_src(a->rt), TCG_COND_EQ);
}

static bool trans_MOVN_f(DisasContext *s, arg_movr *a)
{
    if (!fp_check_mips4(s) || !fp_check(s, a->d, a->fd, a->fs, 0)) {
        return true;
    }
    return gen_fmovcond(s, a->d, a->fd, a->fs, gpr_src(a->rt), TCG_COND_NE);
}

static bool trans_C_f(DisasContext *s, arg_cmp *a)
{
    if (!fp_check(s, a->d, a->fs, a->ft, 0)) {
        return true;
    }
    if (a->cc && !fp_check_mips4(s)) {
        return true;
    }
    TCGTemp *args[] = { tenv(), t64(fp_ld(s, a->d, a->fs)), t64(fp_ld(s, a->d, a->ft)),
                        c32(a->cond | (a->d ? MIPS_FMT_D : MIPS_FMT_S) << 4 | a->cc << 8) };
    tcg_gen_call(&info_fp_cmp, NULL, args);
    return true;
}

/* ---- conversions ------------------------------------------------------------------ */

/*
 * A conversion from format fmt (the instruction's fmt field: 16 S, 17 D,
 * 20 W, 21 L) to dst (MIPS_FMT_*), by helper operation op.
 */
static bool gen_cvt(DisasContext *s, int fmt_field, int fd, int fs, int dst, int op)
{
    int src = fmt_field - 16;
    if (src != MIPS_FMT_S && src != MIPS_FMT_D && src != MIPS_FMT_W && src != MIPS_FMT_L) {
        return false;
    }
    bool src_fp = src == MIPS_FMT_S || src == MIPS_FMT_D;
    bool dst_fp = dst == MIPS_FMT_S || dst == MIPS_FMT_D;
    if (src == dst || (!src_fp && !dst_fp)) {
        return false;       /* CVT.S.S, CVT.W.L ...: reserved */
    }
    bool src64 = src == MIPS_FMT_D || src == MIPS_FMT_L;
    bool dst64 = dst == MIPS_FMT_D || dst == MIPS_FMT_L;
    if (!mips_check_fpu(s)) {
        return true;
    }
    if ((src == MIPS_FMT_L || dst == MIPS_FMT_L) && !fp_check_long(s)) {
        return true;
    }
    if (!fr1(s) && (((src64 && (fs & 1))) || (dst64 && (fd & 1)))) {
        return mips_gen_reserved(s);
    }
    TCGv_i64 x = fp_ld(s, src64, fs);
    TCGv_i64 r = tcg_temp_new_i64();
    TCGTemp *args[] = { tenv(), t64(x), t64(x), c32(MIPS_FOP(op, src)) };
    tcg_gen_call(&info_fp_op, t64(r), args);
    fp_st(s, dst64, fd, r);
    return true;
}

static bool trans_CVT_S(DisasContext *s, arg_cvt *a)
{
    return gen_cvt(s, a->fmt, a->fd, a->fs, MIPS_FMT_S, MIPS_FOP_CVT_S);
}

static bool trans_CVT_D(DisasContext *s, arg_cvt *a)
{
    return gen_cvt(s, a->fmt, a->fd, a->fs, MIPS_FMT_D, MIPS_FOP_CVT_D);
}

static bool trans_CVT_W(DisasContext *s, arg_cvt *a)
{
    return gen_cvt(s, a->fmt, a->fd, a->fs, MIPS_FMT_W, MIPS_FOP_CVT_W);
}

static bool trans_CVT_L(DisasContext *s, arg_cvt *a)
{
    return gen_cvt(s, a->fmt, a->fd, a->fs, MIPS_FMT_L, MIPS_FOP_CVT_L);
}

/* ROUND/TRUNC/CEIL/FLOOR.W/L (the .W forms are MIPS II, the .L forms need the long format). */
static bool trans_FTOI(DisasContext *s, arg_ftoi *a)
{
    if (!mips_check_feature(s, MIPS_FEATURE_MIPS2)) {
        return true;
    }
    return gen_cvt(s, 16 + a->d, a->fd, a->fs, a->w ? MIPS_FMT_W : MIPS_FMT_L,
                   (a->w ? MIPS_FOP_TO_W_RM : MIPS_FOP_TO_L_RM) + a->mode);
}

/* ---- loads and stores ------------------------------------------------------------- */

static bool gen_fp_load(DisasContext *s, MIPSAddr addr, int ft, bool dbl)
{
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v, addr, 0, (dbl ? MO_UQ : MO_UL) | MO_TE_);
    fp_st(s, dbl, ft, v);
    return true;
}

static bool gen_fp_store(DisasContext *s, MIPSAddr addr, int ft, bool dbl)
{
    tcg_gen_qemu_st_i64(fp_ld(s, dbl, ft), addr, 0, (dbl ? MO_UQ : MO_UL) | MO_TE_);
    return true;
}

static bool trans_LWC1(DisasContext *s, arg_fm *a)
{
    if (fp_check(s, false, 0, 0, 0)) {
        gen_fp_load(s, mips_gen_addr(s, a->rs, a->imm), a->ft, false);
    }
    return true;
}

static bool trans_LDC1(DisasContext *s, arg_fm *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS2) && fp_check(s, true, a->ft, 0, 0)) {
        gen_fp_load(s, mips_gen_addr(s, a->rs, a->imm), a->ft, true);
    }
    return true;
}

static bool trans_SWC1(DisasContext *s, arg_fm *a)
{
    if (fp_check(s, false, 0, 0, 0)) {
        gen_fp_store(s, mips_gen_addr(s, a->rs, a->imm), a->ft, false);
    }
    return true;
}

static bool trans_SDC1(DisasContext *s, arg_fm *a)
{
    if (mips_check_feature(s, MIPS_FEATURE_MIPS2) && fp_check(s, true, a->ft, 0, 0)) {
        gen_fp_store(s, mips_gen_addr(s, a->rs, a->imm), a->ft, true);
    }
    return true;
}

/* Indexed forms: base + index; the U forms ignore the address's low 3 bits. */
static MIPSAddr gen_addr_x(DisasContext *s, arg_fx *a, bool unaligned)
{
    MIPSAddr addr = mips_gen_addr_rr(s, a->rs, a->index);
    if (unaligned) {
#if TARGET_LONG_BITS == 32
        tcg_gen_andi_i32(addr, addr, ~7u);
#else
        tcg_gen_andi_i64(addr, addr, ~7ull);
#endif
    }
    return addr;
}

static bool gen_fp_ldst_x(DisasContext *s, arg_fx *a, bool dbl, bool store, bool unaligned)
{
    if (!fp_check_mips4(s) || !fp_check(s, dbl, a->fd, 0, 0)) {
        return true;
    }
    MIPSAddr addr = gen_addr_x(s, a, unaligned);
    return store ? gen_fp_store(s, addr, a->fd, dbl) : gen_fp_load(s, addr, a->fd, dbl);
}

static bool trans_LWXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, false, false, false);
}

static bool trans_LDXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, true, false, false);
}

static bool trans_LUXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, true, false, true);
}

static bool trans_SWXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, false, true, false);
}

static bool trans_SDXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, true, true, false);
}

static bool trans_SUXC1(DisasContext *s, arg_fx *a)
{
    return gen_fp_ldst_x(s, a, true, true, true);
}

static bool trans_PREFX(DisasContext *s, arg_PREFX *a)
{
    if (fp_check_mips4(s)) {
        mips_check_fpu(s);
    }
    return true;
}

/* ---- multiply-add --------------------------------------------------------------------- */

static bool trans_MADD_f(DisasContext *s, arg_madd *a)
{
    if (!fp_check_mips4(s) || !fp_check(s, a->d, a->fd, a->fs, a->ft | a->fr)) {
        return true;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    TCGTemp *args[] = { tenv(), t64(fp_ld(s, a->d, a->fs)), t64(fp_ld(s, a->d, a->ft)),
                        t64(fp_ld(s, a->d, a->fr)),
                        c32(a->op << 8 | (a->d ? MIPS_FMT_D : MIPS_FMT_S)) };
    tcg_gen_call(&info_fp_madd, t64(r), args);
    fp_st(s, a->d, a->fd, r);
    return true;
}

bool mips_decode_fpu_insn(DisasContext *s, uint32_t insn)
{
    return decode_mips_fpu(s, insn);
}
