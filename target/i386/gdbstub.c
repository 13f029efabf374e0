/*
 * gdbstub.c — the x86 registers as GDB sees them: the numbering of GDB's
 * org.gnu.gdb.i386.{core,sse,linux,segments,avx} features for "i386" and
 * "i386:x86-64", and their XML, generated from the one register table
 * below so that the numbers the stub answers and the XML cannot disagree.
 *
 *   emu-x86_64: 0-15 rax rbx rcx rdx rsi rdi rbp rsp r8-r15, 16 rip,
 *               17 eflags, 18-23 cs ss ds es fs gs, 24-31 st0-st7,
 *               32-39 fctrl fstat ftag fiseg fioff foseg fooff fop,
 *               40-55 xmm0-15, 56 mxcsr, 57 orig_rax, 58-59 fs_base gs_base,
 *               60-75 ymm0h-ymm15h (only when the CPU has AVX)
 *   emu-i386:   0-7 eax ecx edx ebx esp ebp esi edi, 8 eip, 9 eflags,
 *               10-15 segments, 16-23 st0-7, 24-31 fctrl..fop, 32-39 xmm0-7,
 *               40 mxcsr, 41 orig_eax, 42-43 fs_base gs_base (p only: GDB's
 *               i386 layout rejects the segments feature), 44-51 ymm0h-7h
 *
 * Values are little-endian.  The x87 registers are ST(i) (relative to TOP,
 * as GDB numbers them), ftag is the full two-bit-per-register tag word of
 * FNSTENV, the last-instruction/operand pointers are not modelled (read as
 * 0, writes ignored).  orig_eax is -1: the stub never stops inside a system
 * call, so GDB never needs to restart one.
 */
#include "gdbstub.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x87.h"

#ifdef TARGET_X86_64
#define GDB_NGPR 16
#define GDB_WORD 8
#define GDB_ARCH "i386:x86-64"
/* GDB's amd64 order of the general registers, as env->regs indices */
static const uint8_t gdb_gpr_map[16] = { 0, 3, 1, 2, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15 };
static const char *const gdb_gpr_names[16] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
#define GDB_PC_NAME "rip"
#define GDB_ORIG_NAME "orig_rax"
#define GDB_SEG_INCLUDE "  <xi:include href=\"i386-segments.xml\"/>\n"
#else
#define GDB_NGPR 8
#define GDB_WORD 4
#define GDB_ARCH "i386"
static const uint8_t gdb_gpr_map[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
static const char *const gdb_gpr_names[8] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
};
#define GDB_PC_NAME "eip"
#define GDB_ORIG_NAME "orig_eax"
/* GDB's i386 register layout has no room for the segments feature (it asserts) */
#define GDB_SEG_INCLUDE ""
#endif

#define GDB_NXMM GDB_NGPR

/* The first number of each group. */
enum {
    GDB_PC = GDB_NGPR,
    GDB_EFLAGS,
    GDB_SEG0,
    GDB_ST0 = GDB_SEG0 + 6,
    GDB_FCTRL = GDB_ST0 + 8,
    GDB_FSTAT, GDB_FTAG, GDB_FISEG, GDB_FIOFF, GDB_FOSEG, GDB_FOOFF, GDB_FOP,
    GDB_XMM0,
    GDB_MXCSR = GDB_XMM0 + GDB_NXMM,
    GDB_ORIG,
    GDB_FS_BASE,
    GDB_GS_BASE,
    GDB_YMMH0,
    GDB_NREGS = GDB_YMMH0 + GDB_NXMM,
};

/* GDB's segment order as env->segs indices */
static const uint8_t gdb_seg_map[6] = { R_CS, R_SS, R_DS, R_ES, R_FS, R_GS };
static const char *const gdb_seg_names[6] = { "cs", "ss", "ds", "es", "fs", "gs" };
static const char *const gdb_fpctl_names[8] = {
    "fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop",
};

static void put_le(uint8_t *buf, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        buf[i] = v >> (8 * i);
    }
}

static uint64_t get_le(const uint8_t *buf, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return v;
}

static bool i386_gdb_has_avx(CPUArchState *env)
{
    return env->features[FEAT_1_ECX] & CPUID_EXT_AVX;
}

/* The FNSTENV tag of physical register i: 0 valid, 1 zero, 2 special, 3 empty. */
static unsigned i386_gdb_tag(CPUArchState *env, int i)
{
    if (env->fptags[i]) {
        return 3;
    }
    floatx80 f = env->fpregs[i];
    int exp = f.high & 0x7fff;
    if (exp == 0) {
        return f.low == 0 ? 1 : 2;
    }
    if (exp == 0x7fff || !(f.low >> 63)) {
        return 2;
    }
    return 0;
}

static int i386_gdb_read(CPUState *cs, uint8_t *buf, int n)
{
    CPUArchState *env = cs->env_ptr;
    if (n < GDB_NGPR) {
        put_le(buf, env->regs[gdb_gpr_map[n]], GDB_WORD);
        return GDB_WORD;
    }
    if (n == GDB_PC) {
        put_le(buf, env->eip, GDB_WORD);
        return GDB_WORD;
    }
    if (n == GDB_EFLAGS) {
        put_le(buf, i386_get_eflags(env), 4);
        return 4;
    }
    if (n < GDB_ST0) {
        put_le(buf, env->segs[gdb_seg_map[n - GDB_SEG0]].selector, 4);
        return 4;
    }
    if (n < GDB_FCTRL) {
        floatx80 f = env->fpregs[(env->fpstt + n - GDB_ST0) & 7];
        put_le(buf, f.low, 8);
        put_le(buf + 8, f.high, 2);
        return 10;
    }
    if (n < GDB_XMM0) {
        uint32_t v = 0;
        if (n == GDB_FCTRL) {
            v = env->fpuc;
        } else if (n == GDB_FSTAT) {
            v = i386_x87_get_fsw(env);
        } else if (n == GDB_FTAG) {
            for (int i = 0; i < 8; i++) {
                v |= i386_gdb_tag(env, i) << (2 * i);
            }
        }
        put_le(buf, v, 4);
        return 4;
    }
    if (n < GDB_MXCSR) {
        X86Reg *r = &env->xmm_regs[n - GDB_XMM0];
        put_le(buf, r->q[0], 8);
        put_le(buf + 8, r->q[1], 8);
        return 16;
    }
    if (n == GDB_MXCSR) {
        put_le(buf, i386_get_mxcsr(env), 4);
        return 4;
    }
    if (n == GDB_ORIG) {
        put_le(buf, (uint64_t)-1, GDB_WORD);
        return GDB_WORD;
    }
    if (n == GDB_FS_BASE || n == GDB_GS_BASE) {
        put_le(buf, env->segs[n == GDB_FS_BASE ? R_FS : R_GS].base, GDB_WORD);
        return GDB_WORD;
    }
    if (n < GDB_NREGS && i386_gdb_has_avx(env)) {
        X86Reg *r = &env->xmm_regs[n - GDB_YMMH0];
        put_le(buf, r->q[2], 8);
        put_le(buf + 8, r->q[3], 8);
        return 16;
    }
    return 0;
}

static int i386_gdb_write(CPUState *cs, const uint8_t *buf, int n)
{
    CPUArchState *env = cs->env_ptr;
    if (n < GDB_NGPR) {
        uint64_t v = get_le(buf, GDB_WORD);
        env->regs[gdb_gpr_map[n]] = v;
        return GDB_WORD;
    }
    if (n == GDB_PC) {
        env->eip = get_le(buf, GDB_WORD);
        return GDB_WORD;
    }
    if (n == GDB_EFLAGS) {
        i386_set_eflags(env, get_le(buf, 4), CC_ALL | EFLAGS_USER_MASK);
        return 4;
    }
    if (n < GDB_ST0) {
        /* user mode: a selector without its descriptor changes nothing that runs */
        env->segs[gdb_seg_map[n - GDB_SEG0]].selector = get_le(buf, 4) & 0xffff;
        return 4;
    }
    if (n < GDB_FCTRL) {
        floatx80 *f = &env->fpregs[(env->fpstt + n - GDB_ST0) & 7];
        f->low = get_le(buf, 8);
        f->high = get_le(buf + 8, 2);
        return 10;
    }
    if (n < GDB_XMM0) {
        uint32_t v = get_le(buf, 4);
        if (n == GDB_FCTRL) {
            i386_set_fpuc(env, v);
        } else if (n == GDB_FSTAT) {
            env->fpstt = (v >> 11) & 7;
            env->fpus = v & ~0x3800u;
        } else if (n == GDB_FTAG) {
            for (int i = 0; i < 8; i++) {
                env->fptags[i] = ((v >> (2 * i)) & 3) == 3;
            }
        }
        return 4;
    }
    if (n < GDB_MXCSR) {
        X86Reg *r = &env->xmm_regs[n - GDB_XMM0];
        r->q[0] = get_le(buf, 8);
        r->q[1] = get_le(buf + 8, 8);
        return 16;
    }
    if (n == GDB_MXCSR) {
        i386_set_mxcsr(env, get_le(buf, 4));
        return 4;
    }
    if (n == GDB_ORIG) {
        return GDB_WORD;
    }
    if (n == GDB_FS_BASE || n == GDB_GS_BASE) {
        env->segs[n == GDB_FS_BASE ? R_FS : R_GS].base = get_le(buf, GDB_WORD);
        return GDB_WORD;
    }
    if (n < GDB_NREGS && i386_gdb_has_avx(env)) {
        X86Reg *r = &env->xmm_regs[n - GDB_YMMH0];
        r->q[2] = get_le(buf, 8);
        r->q[3] = get_le(buf + 8, 8);
        return 16;
    }
    return 0;
}

/* ---- XML, generated once from the names and numbers above --------------------- */

#define XML_HEAD "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"

static char xml_core[6144], xml_sse[4096], xml_linux[512], xml_seg[512], xml_avx[2048];
static char xml_target[640], xml_target_avx[704];
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

typedef struct XmlBuf {
    char *p;
    size_t left;
} XmlBuf;

static void xml_add(XmlBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void xml_add(XmlBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p, b->left, fmt, ap);
    va_end(ap);
    /* the buffers are sized for the fixed text; running out would be a bug */
    if (n < 0 || (size_t)n >= b->left) {
        abort();
    }
    b->p += n;
    b->left -= n;
}

static void xml_flags(XmlBuf *b, const char *id, const char *const *names, const uint8_t *bits,
                      int n)
{
    xml_add(b, "  <flags id=\"%s\" size=\"4\">\n", id);
    for (int i = 0; i < n; i++) {
        xml_add(b, "    <field name=\"%s\" start=\"%d\" end=\"%d\"/>\n", names[i], bits[i],
                bits[i]);
    }
    xml_add(b, "  </flags>\n");
}

static void xml_build(void)
{
    static const char *const efl_names[] = {
        "CF", "", "PF", "AF", "ZF", "SF", "TF", "IF", "DF", "OF", "NT", "RF", "VM", "AC",
        "VIF", "VIP", "ID",
    };
    static const uint8_t efl_bits[] = { 0, 1, 2, 4, 6, 7, 8, 9, 10, 11, 14, 16, 17, 18, 19, 20,
                                        21 };
    static const char *const mx_names[] = {
        "IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM", "DM", "ZM", "OM", "UM", "PM", "FZ",
    };
    static const uint8_t mx_bits[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15 };
    XmlBuf b = { xml_core, sizeof(xml_core) };

    xml_add(&b, XML_HEAD "<feature name=\"org.gnu.gdb.i386.core\">\n");
    xml_flags(&b, "i386_eflags", efl_names, efl_bits, 17);
    for (int i = 0; i < GDB_NGPR; i++) {
        bool ptr = !strcmp(gdb_gpr_names[i] + 1, "sp") || !strcmp(gdb_gpr_names[i] + 1, "bp");
        xml_add(&b, "  <reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\"/>\n",
                gdb_gpr_names[i], GDB_WORD * 8, ptr ? "data_ptr" : "int", i);
    }
    xml_add(&b, "  <reg name=\"%s\" bitsize=\"%d\" type=\"code_ptr\" regnum=\"%d\"/>\n",
            GDB_PC_NAME, GDB_WORD * 8, GDB_PC);
    xml_add(&b, "  <reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\" regnum=\"%d\"/>\n",
            GDB_EFLAGS);
    for (int i = 0; i < 6; i++) {
        xml_add(&b, "  <reg name=\"%s\" bitsize=\"32\" type=\"int32\" regnum=\"%d\"/>\n",
                gdb_seg_names[i], GDB_SEG0 + i);
    }
    for (int i = 0; i < 8; i++) {
        xml_add(&b, "  <reg name=\"st%d\" bitsize=\"80\" type=\"i387_ext\" regnum=\"%d\"/>\n", i,
                GDB_ST0 + i);
    }
    for (int i = 0; i < 8; i++) {
        xml_add(&b, "  <reg name=\"%s\" bitsize=\"32\" type=\"int\" group=\"float\" "
                "regnum=\"%d\"/>\n", gdb_fpctl_names[i], GDB_FCTRL + i);
    }
    xml_add(&b, "</feature>\n");

    b = (XmlBuf){ xml_sse, sizeof(xml_sse) };
    xml_add(&b, XML_HEAD "<feature name=\"org.gnu.gdb.i386.sse\">\n"
            "  <vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
            "  <vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
            "  <vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
            "  <vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
            "  <vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
            "  <vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n"
            "  <union id=\"vec128\">\n"
            "    <field name=\"v4_float\" type=\"v4f\"/>\n"
            "    <field name=\"v2_double\" type=\"v2d\"/>\n"
            "    <field name=\"v16_int8\" type=\"v16i8\"/>\n"
            "    <field name=\"v8_int16\" type=\"v8i16\"/>\n"
            "    <field name=\"v4_int32\" type=\"v4i32\"/>\n"
            "    <field name=\"v2_int64\" type=\"v2i64\"/>\n"
            "    <field name=\"uint128\" type=\"uint128\"/>\n"
            "  </union>\n");
    xml_flags(&b, "i386_mxcsr", mx_names, mx_bits, 14);
    for (int i = 0; i < GDB_NXMM; i++) {
        xml_add(&b, "  <reg name=\"xmm%d\" bitsize=\"128\" type=\"vec128\" regnum=\"%d\"/>\n", i,
                GDB_XMM0 + i);
    }
    xml_add(&b, "  <reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" group=\"vector\" "
            "regnum=\"%d\"/>\n</feature>\n", GDB_MXCSR);

    b = (XmlBuf){ xml_linux, sizeof(xml_linux) };
    xml_add(&b, XML_HEAD "<feature name=\"org.gnu.gdb.i386.linux\">\n"
            "  <reg name=\"%s\" bitsize=\"%d\" type=\"int\" regnum=\"%d\"/>\n</feature>\n",
            GDB_ORIG_NAME, GDB_WORD * 8, GDB_ORIG);

    b = (XmlBuf){ xml_seg, sizeof(xml_seg) };
    xml_add(&b, XML_HEAD "<feature name=\"org.gnu.gdb.i386.segments\">\n"
            "  <reg name=\"fs_base\" bitsize=\"%d\" type=\"int\" regnum=\"%d\"/>\n"
            "  <reg name=\"gs_base\" bitsize=\"%d\" type=\"int\" regnum=\"%d\"/>\n</feature>\n",
            GDB_WORD * 8, GDB_FS_BASE, GDB_WORD * 8, GDB_GS_BASE);

    b = (XmlBuf){ xml_avx, sizeof(xml_avx) };
    xml_add(&b, XML_HEAD "<feature name=\"org.gnu.gdb.i386.avx\">\n");
    for (int i = 0; i < GDB_NXMM; i++) {
        xml_add(&b, "  <reg name=\"ymm%dh\" bitsize=\"128\" type=\"uint128\" regnum=\"%d\"/>\n",
                i, GDB_YMMH0 + i);
    }
    xml_add(&b, "</feature>\n");

    static const char target_fmt[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target>\n"
        "  <architecture>" GDB_ARCH "</architecture>\n"
        "  <osabi>GNU/Linux</osabi>\n"
        "  <xi:include href=\"i386-core.xml\"/>\n"
        "  <xi:include href=\"i386-sse.xml\"/>\n"
        "  <xi:include href=\"i386-linux.xml\"/>\n"
        GDB_SEG_INCLUDE "%s"
        "</target>\n";
    b = (XmlBuf){ xml_target, sizeof(xml_target) };
    xml_add(&b, target_fmt, "");
    b = (XmlBuf){ xml_target_avx, sizeof(xml_target_avx) };
    xml_add(&b, target_fmt, "  <xi:include href=\"i386-avx.xml\"/>\n");
}

static const char *i386_gdb_xml(CPUState *cs, const char *annex)
{
    static const struct {
        const char *name;
        const char *text;
    } files[] = {
        { "i386-core.xml", xml_core }, { "i386-sse.xml", xml_sse },
        { "i386-linux.xml", xml_linux }, { "i386-segments.xml", xml_seg },
        { "i386-avx.xml", xml_avx },
    };
    pthread_once(&xml_once, xml_build);
    if (!strcmp(annex, "target.xml")) {
        return i386_gdb_has_avx(cs->env_ptr) ? xml_target_avx : xml_target;
    }
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        if (!strcmp(annex, files[i].name)) {
            return files[i].text;
        }
    }
    return NULL;
}

const GDBCPUOps i386_gdb_ops = {
    .read_register = i386_gdb_read,
    .write_register = i386_gdb_write,
    .get_xml = i386_gdb_xml,
    .max_reg_bytes = 16,
};
