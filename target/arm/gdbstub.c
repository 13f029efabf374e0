/*
 * gdbstub.c — the ARM registers as GDB sees them: the numbering of GDB's
 * org.gnu.gdb.arm.core and org.gnu.gdb.arm.vfp features, and their XML.
 *
 * Numbers: 0-15 r0-pc, 16-23 the legacy FPA f0-f7 (12 bytes each, read as
 * zero), 24 fps, 25 cpsr; then the VFP feature: 26-57 d0-d31, 58 fpscr.
 * Values are in the guest's byte order (target.xml names no endianness:
 * GDB asks the stub), little-endian here except armeb.
 */
#include "internals.h"

#include <string.h>

#define GDB_CORE_REGS 26
#define GDB_VFP_FIRST 26
#define GDB_FPSCR     58

static void put32(uint8_t *buf, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        buf[TARGET_BIG_ENDIAN ? 3 - i : i] = v >> (8 * i);
    }
}

static uint32_t get32(const uint8_t *buf)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= (uint32_t)buf[TARGET_BIG_ENDIAN ? 3 - i : i] << (8 * i);
    }
    return v;
}

int arm_cpu_gdb_read_register(CPUState *cs, uint8_t *buf, int n)
{
    CPUARMState *env = cs->env_ptr;
    if (n < 16) {
        put32(buf, env->regs[n]);
        return 4;
    }
    if (n < 24) {
        memset(buf, 0, 12);
        return 12;
    }
    if (n == 24) {
        put32(buf, 0);
        return 4;
    }
    if (n == 25) {
        put32(buf, cpsr_read(env));
        return 4;
    }
    if (n < GDB_FPSCR) {
        uint64_t d = env->vfp.d[n - GDB_VFP_FIRST];
        if (TARGET_BIG_ENDIAN) {
            put32(buf, d >> 32);
            put32(buf + 4, d);
        } else {
            put32(buf, d);
            put32(buf + 4, d >> 32);
        }
        return 8;
    }
    if (n == GDB_FPSCR) {
        put32(buf, vfp_get_fpscr(env));
        return 4;
    }
    return 0;
}

int arm_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n)
{
    CPUARMState *env = cs->env_ptr;
    if (n < 16) {
        env->regs[n] = get32(buf);
        if (n == 15) {
            /* a pc with bit 0 set means Thumb, as for BX */
            env->thumb = env->regs[15] & 1;
            env->regs[15] &= ~1u;
        }
        return 4;
    }
    if (n < 24) {
        return 12;
    }
    if (n == 24) {
        return 4;
    }
    if (n == 25) {
        cpsr_write(env, get32(buf), 0xffffffffu);
        return 4;
    }
    if (n < GDB_FPSCR) {
        uint64_t a = get32(buf), b = get32(buf + 4);
        env->vfp.d[n - GDB_VFP_FIRST] = TARGET_BIG_ENDIAN ? a << 32 | b : b << 32 | a;
        return 8;
    }
    if (n == GDB_FPSCR) {
        vfp_set_fpscr(env, get32(buf));
        return 4;
    }
    return 0;
}

static const char arm_core_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.arm.core\">\n"
    "  <reg name=\"r0\" bitsize=\"32\"/>\n"
    "  <reg name=\"r1\" bitsize=\"32\"/>\n"
    "  <reg name=\"r2\" bitsize=\"32\"/>\n"
    "  <reg name=\"r3\" bitsize=\"32\"/>\n"
    "  <reg name=\"r4\" bitsize=\"32\"/>\n"
    "  <reg name=\"r5\" bitsize=\"32\"/>\n"
    "  <reg name=\"r6\" bitsize=\"32\"/>\n"
    "  <reg name=\"r7\" bitsize=\"32\"/>\n"
    "  <reg name=\"r8\" bitsize=\"32\"/>\n"
    "  <reg name=\"r9\" bitsize=\"32\"/>\n"
    "  <reg name=\"r10\" bitsize=\"32\"/>\n"
    "  <reg name=\"r11\" bitsize=\"32\"/>\n"
    "  <reg name=\"r12\" bitsize=\"32\"/>\n"
    "  <reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "  <reg name=\"lr\" bitsize=\"32\"/>\n"
    "  <reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>\n"
    "  <reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/>\n"
    "</feature>\n";

static const char arm_vfp_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
    "<feature name=\"org.gnu.gdb.arm.vfp\">\n"
    "  <reg name=\"d0\" bitsize=\"64\" type=\"ieee_double\" regnum=\"26\"/>\n"
    "  <reg name=\"d1\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d2\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d3\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d4\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d5\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d6\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d7\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d8\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d9\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d10\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d11\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d12\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d13\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d14\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d15\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d16\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d17\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d18\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d19\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d20\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d21\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d22\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d23\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d24\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d25\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d26\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d27\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d28\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d29\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d30\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"d31\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    "  <reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n";

static const char arm_target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target>\n"
    "  <architecture>arm</architecture>\n"
    "  <xi:include href=\"arm-core.xml\"/>\n"
    "  <xi:include href=\"arm-vfp.xml\"/>\n"
    "</target>\n";

const char *arm_gdb_get_xml(const char *name)
{
    if (!strcmp(name, "target.xml")) {
        return arm_target_xml;
    }
    if (!strcmp(name, "arm-core.xml")) {
        return arm_core_xml;
    }
    if (!strcmp(name, "arm-vfp.xml")) {
        return arm_vfp_xml;
    }
    return NULL;
}
