/*
 * gdbstub.c — the MIPS registers as GDB sees them: the numbering of GDB's
 * org.gnu.gdb.mips.cpu, .cp0, .fpu and .linux features, and their XML.
 *
 * Numbers: 0-31 the GPRs, 32 sr (Status), 33 lo, 34 hi, 35 badvaddr,
 * 36 cause, 37 pc; 38-69 f0-f31, 70 fcsr, 71 fir; 72 restart (Linux's
 * syscall-restart register, read as 0).  Every register is 32 bits on
 * MIPS32 and 64 on MIPS64 (GDB's mips and mips64 layouts), in the guest's
 * byte order.  FPRs: with FR=0 register n's 32 bits (as GDB shows a
 * 32-bit FPU); with FR=1 all 64.
 */
#include "internals.h"

#include <string.h>

#define GDB_REG_BYTES (TARGET_LONG_BITS / 8)
#define GDB_SR        32
#define GDB_LO        33
#define GDB_HI        34
#define GDB_BADVADDR  35
#define GDB_CAUSE     36
#define GDB_PC        37
#define GDB_F0        38
#define GDB_FCSR      70
#define GDB_FIR       71
#define GDB_RESTART   72

static void put_reg(uint8_t *buf, uint64_t v)
{
    for (int i = 0; i < GDB_REG_BYTES; i++) {
        buf[TARGET_BIG_ENDIAN ? GDB_REG_BYTES - 1 - i : i] = v >> (8 * i);
    }
}

static uint64_t get_reg(const uint8_t *buf)
{
    uint64_t v = 0;
    for (int i = 0; i < GDB_REG_BYTES; i++) {
        v |= (uint64_t)buf[TARGET_BIG_ENDIAN ? GDB_REG_BYTES - 1 - i : i] << (8 * i);
    }
#if TARGET_LONG_BITS == 32
    v = (uint64_t)(int64_t)(int32_t)v;
#endif
    return v;
}

int mips_cpu_gdb_read_register(CPUState *cs, uint8_t *buf, int n)
{
    CPUMIPSState *env = cs->env_ptr;
    uint64_t v;

    if (n < 32) {
        v = env->gpr[n];
    } else if (n >= GDB_F0 && n < GDB_F0 + 32) {
        if (!mips_feature(env, MIPS_FEATURE_FPU)) {
            return 0;
        }
        v = (env->cp0.status & MIPS_ST_FR) ? env->fpr[n - GDB_F0]
                                           : (uint32_t)env->fpr[n - GDB_F0];
    } else {
        switch (n) {
        case GDB_SR:
            v = env->cp0.status;
            break;
        case GDB_LO:
            v = env->lo;
            break;
        case GDB_HI:
            v = env->hi;
            break;
        case GDB_BADVADDR:
            v = env->cp0.badvaddr;
            break;
        case GDB_CAUSE:
            v = env->cp0.cause;
            break;
        case GDB_PC:
            v = env->pc;
            break;
        case GDB_FCSR:
            v = env->fcr31;
            break;
        case GDB_FIR:
            v = env->fcr0;
            break;
        case GDB_RESTART:
            v = 0;
            break;
        default:
            return 0;
        }
    }
    put_reg(buf, v);
    return GDB_REG_BYTES;
}

int mips_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n)
{
    CPUMIPSState *env = cs->env_ptr;
    uint64_t v = get_reg(buf);

    if (n < 32) {
        if (n) {
            env->gpr[n] = v;
        }
    } else if (n >= GDB_F0 && n < GDB_F0 + 32) {
        if (!mips_feature(env, MIPS_FEATURE_FPU)) {
            return 0;
        }
        if (env->cp0.status & MIPS_ST_FR) {
            env->fpr[n - GDB_F0] = v;
        } else {
            mips_fpr_set_s(env, n - GDB_F0, (uint32_t)v);
        }
    } else {
        switch (n) {
        case GDB_LO:
            env->lo = v;
            break;
        case GDB_HI:
            env->hi = v;
            break;
        case GDB_PC:
            env->pc = TARGET_LONG_BITS == 32 ? (uint32_t)v : v;
            break;
        case GDB_FCSR:
            mips_fcsr_set(env, (uint32_t)v);
            break;
        case GDB_SR:
        case GDB_BADVADDR:
        case GDB_CAUSE:
        case GDB_FIR:
        case GDB_RESTART:
            break;      /* read-only from the debugger's side in user mode */
        default:
            return 0;
        }
    }
    return GDB_REG_BYTES;
}

#if TARGET_LONG_BITS == 64
#define GDB_ARCH "mips:isa64"
#define GDB_BITS "64"
#define GDB_FTYPE "ieee_double"
#else
#define GDB_ARCH "mips"
#define GDB_BITS "32"
#define GDB_FTYPE "ieee_single"
#endif

static const char gdb_target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "  <architecture>" GDB_ARCH "</architecture>\n"
    "  <osabi>GNU/Linux</osabi>\n"
    "  <xi:include href=\"mips-cpu.xml\"/>\n"
    "  <xi:include href=\"mips-cp0.xml\"/>\n"
    "  <xi:include href=\"mips-fpu.xml\"/>\n"
    "  <xi:include href=\"mips-linux.xml\"/>\n"
    "</target>\n";

#define R(name, num) "  <reg name=\"" name "\" bitsize=\"" GDB_BITS "\" regnum=\"" #num "\"/>\n"
#define RF(name, num) "  <reg name=\"" name "\" bitsize=\"" GDB_BITS "\" type=\"" GDB_FTYPE "\" " \
    "regnum=\"" #num "\"/>\n"

static const char gdb_cpu_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.mips.cpu\">\n"
    R("r0", 0) R("r1", 1) R("r2", 2) R("r3", 3) R("r4", 4) R("r5", 5) R("r6", 6) R("r7", 7)
    R("r8", 8) R("r9", 9) R("r10", 10) R("r11", 11) R("r12", 12) R("r13", 13) R("r14", 14)
    R("r15", 15) R("r16", 16) R("r17", 17) R("r18", 18) R("r19", 19) R("r20", 20)
    R("r21", 21) R("r22", 22) R("r23", 23) R("r24", 24) R("r25", 25) R("r26", 26)
    R("r27", 27) R("r28", 28) R("r29", 29) R("r30", 30) R("r31", 31)
    R("lo", 33) R("hi", 34) R("pc", 37)
    "</feature>\n";

static const char gdb_cp0_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.mips.cp0\">\n"
    R("status", 32) R("badvaddr", 35) R("cause", 36)
    "</feature>\n";

static const char gdb_fpu_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.mips.fpu\">\n"
    RF("f0", 38) RF("f1", 39) RF("f2", 40) RF("f3", 41) RF("f4", 42) RF("f5", 43)
    RF("f6", 44) RF("f7", 45) RF("f8", 46) RF("f9", 47) RF("f10", 48) RF("f11", 49)
    RF("f12", 50) RF("f13", 51) RF("f14", 52) RF("f15", 53) RF("f16", 54) RF("f17", 55)
    RF("f18", 56) RF("f19", 57) RF("f20", 58) RF("f21", 59) RF("f22", 60) RF("f23", 61)
    RF("f24", 62) RF("f25", 63) RF("f26", 64) RF("f27", 65) RF("f28", 66) RF("f29", 67)
    RF("f30", 68) RF("f31", 69)
    R("fcsr", 70) R("fir", 71)
    "</feature>\n";

static const char gdb_linux_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.mips.linux\">\n"
    R("restart", 72)
    "</feature>\n";

const char *mips_gdb_get_xml(const char *name)
{
    if (!strcmp(name, "target.xml")) {
        return gdb_target_xml;
    }
    if (!strcmp(name, "mips-cpu.xml")) {
        return gdb_cpu_xml;
    }
    if (!strcmp(name, "mips-cp0.xml")) {
        return gdb_cp0_xml;
    }
    if (!strcmp(name, "mips-fpu.xml")) {
        return gdb_fpu_xml;
    }
    if (!strcmp(name, "mips-linux.xml")) {
        return gdb_linux_xml;
    }
    return NULL;
}
