/*
 * test-gdbstub.c — the gdbstub's packet layer and protocol core, driven
 * through buffers with a fake mode (two toy CPUs, the toy RAM as memory),
 * and a fuzz run of random and malformed packets.
 *
 * The expected packets are written out by hand from the protocol
 * description (GDB manual, "Remote Protocol"); checksums are recomputed
 * here by a separate few-line function, not taken from the stub.
 */
#include "../../../gdbstub/internals.h"
#include "../accel/toy.h"
#include "exec/cpu-exec.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

/* ---- the fake mode ------------------------------------------------------- */

static GString *wire;              /* everything the stub sent */
static ToyCPU *cpu1, *cpu2;
static int resumes, interrupts, kills, detaches;
static GDBState st;

static void fake_send(GDBState *s, const void *buf, size_t len)
{
    g_string_append_len(wire, buf, len);
}

static bool fake_memory_rw(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    if (addr >= TOY_RAM_SIZE || len > TOY_RAM_SIZE - addr) {
        return false;
    }
    if (write) {
        memcpy(toy_ram + addr, buf, len);
    } else {
        memcpy(buf, toy_ram + addr, len);
    }
    return true;
}

static int fake_thread_id(CPUState *cpu)
{
    return cpu == &cpu1->parent ? 1 : 2;
}

static CPUState *fake_thread_cpu(int tid)
{
    return tid == 1 ? &cpu1->parent : tid == 2 ? &cpu2->parent : NULL;
}

static void fake_list_threads(GPtrArray *out)
{
    g_ptr_array_add(out, &cpu1->parent);
    g_ptr_array_add(out, &cpu2->parent);
}

static void fake_resume(GDBState *s) { resumes++; }
static void fake_interrupt(GDBState *s) { interrupts++; }
static void fake_kill(GDBState *s) { kills++; }
static void fake_detach(GDBState *s) { detaches++; }

static char *fake_monitor(GDBState *s, const char *cmd)
{
    return g_strdup_printf("ran <%s>\n", cmd);
}

static bool fake_watch_supported(GDBState *s, int type)
{
    return type == GDB_WATCH_WRITE;
}

static const GDBModeOps fake_mode = {
    .send = fake_send,
    .memory_rw = fake_memory_rw,
    .thread_id = fake_thread_id,
    .thread_cpu = fake_thread_cpu,
    .list_threads = fake_list_threads,
    .resume = fake_resume,
    .interrupt = fake_interrupt,
    .kill = fake_kill,
    .detach = fake_detach,
    .monitor_command = fake_monitor,
    .watch_supported = fake_watch_supported,
};

/* Registers: 0 r0, 1 r1 and 5 pc are in the XML; 2-4 exist but are not described. */
static int fake_read_reg(CPUState *cpu, uint8_t *buf, int n)
{
    uint64_t v;
    if (n == 0 || n == 1) {
        v = cpu->env_ptr->regs[n];
    } else if (n == 5) {
        v = cpu->env_ptr->pc;
    } else if (n >= 2 && n <= 4) {
        memset(buf, 0xee, 4);
        return 4;
    } else {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        buf[i] = v >> (8 * i);
    }
    return 8;
}

static int fake_write_reg(CPUState *cpu, const uint8_t *buf, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    if (n == 0 || n == 1) {
        cpu->env_ptr->regs[n] = v;
    } else if (n == 5) {
        cpu->env_ptr->pc = v;
    } else {
        return n >= 2 && n <= 4 ? 4 : 0;
    }
    return 8;
}

static const char fake_target_xml[] =
    "<?xml version=\"1.0\"?><target><xi:include href=\"core.xml\"/></target>";
static const char fake_core_xml[] =
    "<feature name=\"test.core\">"
    "<reg name=\"r0\" bitsize=\"64\"/><reg name=\"r1\" bitsize=\"64\"/>"
    "<reg name=\"pc\" bitsize=\"64\" regnum=\"5\"/></feature>";

static const char *fake_xml(CPUState *cpu, const char *annex)
{
    if (!strcmp(annex, "target.xml")) {
        return fake_target_xml;
    }
    return strcmp(annex, "core.xml") ? NULL : fake_core_xml;
}

static const GDBCPUOps fake_cpu_ops = {
    .read_register = fake_read_reg,
    .write_register = fake_write_reg,
    .get_xml = fake_xml,
    .max_reg_bytes = 8,
};

/* ---- helpers ------------------------------------------------------------- */

static unsigned checksum(const char *s, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += (uint8_t)s[i];
    }
    return sum & 0xff;
}

static void feed(const char *bytes, size_t n)
{
    gdb_handle_bytes(&st, (const uint8_t *)bytes, n);
}

/* Send one packet body; return the reply body (checked frame), acks stripped. */
static char *cmd_len(const char *body, size_t n)
{
    char *pkt = g_strdup_printf("$%.*s#%02x", (int)n, body, checksum(body, n));
    g_string_truncate(wire, 0);
    bool acked = !st.no_ack;       /* QStartNoAckMode's own reply is still acked */
    feed(pkt, strlen(pkt));
    g_free(pkt);
    const char *w = wire->str;
    if (acked) {
        g_assert_cmpint(w[0], ==, '+');
        w++;
    }
    if (!*w) {
        return NULL;               /* no reply (k, resume) */
    }
    g_assert_cmpint(w[0], ==, '$');
    const char *hash = strrchr(w, '#');
    g_assert_nonnull(hash);
    g_assert_cmpuint(strlen(hash), ==, 3);
    unsigned got;
    g_assert_cmpint(sscanf(hash + 1, "%2x", &got), ==, 1);
    g_assert_cmpuint(got, ==, checksum(w + 1, hash - w - 1));
    return g_strndup(w + 1, hash - w - 1);
}

static char *cmd(const char *body)
{
    return cmd_len(body, strlen(body));
}

static void check(const char *body, const char *expect)
{
    g_autofree char *r = cmd(body);
    g_assert_nonnull(r);
    g_assert_cmpstr(r, ==, expect);
}

static void reset_state(void)
{
    if (st.last) {
        gdb_state_destroy(&st);
    }
    gdb_state_init(&st, &fake_mode, NULL);
    st.stop_cpu = &cpu1->parent;
    memset(&cpu1->env, 0, sizeof(cpu1->env));
    memset(&cpu2->env, 0, sizeof(cpu2->env));
    resumes = interrupts = kills = detaches = 0;
}

/* ---- packet layer ---------------------------------------------------------- */

static void test_reader(void)
{
    GDBPacketReader r;
    gdb_reader_init(&r);
    const char *good = "$qC#b4";
    GDBRxEvent ev = GDB_RX_NONE;
    for (const char *p = good; *p; p++) {
        ev = gdb_reader_feed(&r, *p);
    }
    g_assert_cmpint(ev, ==, GDB_RX_PACKET);
    g_assert_cmpstr(r.data, ==, "qC");

    ev = GDB_RX_NONE;
    for (const char *p = "$qC#b5"; *p; p++) {
        ev = gdb_reader_feed(&r, *p);
    }
    g_assert_cmpint(ev, ==, GDB_RX_BAD_CHECKSUM);
    g_assert_cmpint(gdb_reader_feed(&r, 0x03), ==, GDB_RX_INTERRUPT);
    g_assert_cmpint(gdb_reader_feed(&r, '+'), ==, GDB_RX_ACK);
    g_assert_cmpint(gdb_reader_feed(&r, '-'), ==, GDB_RX_NAK);
    /* a '$' inside a packet restarts it */
    ev = GDB_RX_NONE;
    for (const char *p = "$garbage$g#67"; *p; p++) {
        ev = gdb_reader_feed(&r, *p);
    }
    g_assert_cmpint(ev, ==, GDB_RX_PACKET);
    g_assert_cmpstr(r.data, ==, "g");
    /* a non-hex checksum digit */
    ev = GDB_RX_NONE;
    for (const char *p = "$g#zz"; *p && ev == GDB_RX_NONE; p++) {
        ev = gdb_reader_feed(&r, *p);
    }
    g_assert_cmpint(ev, ==, GDB_RX_BAD_CHECKSUM);
    /* too long: swallowed whole, reported once */
    gdb_reader_feed(&r, '$');
    unsigned sum = 0;
    for (int i = 0; i < GDB_MAX_PACKET + 100; i++) {
        g_assert_cmpint(gdb_reader_feed(&r, 'a'), ==, GDB_RX_NONE);
        sum += 'a';
    }
    char tail[4];
    snprintf(tail, sizeof(tail), "#%02x", sum & 0xff);
    ev = GDB_RX_NONE;
    for (const char *p = tail; *p; p++) {
        ev = gdb_reader_feed(&r, *p);
    }
    g_assert_cmpint(ev, ==, GDB_RX_TOO_LONG);
}

static void test_frame(void)
{
    GString *out = g_string_new(NULL);
    gdb_frame_packet(out, "OK", 2);
    g_assert_cmpstr(out->str, ==, "$OK#9a");
    g_string_truncate(out, 0);
    gdb_frame_packet(out, "", 0);
    g_assert_cmpstr(out->str, ==, "$#00");
    /* '#', '$', '}' and '*' escaped as '}' then the byte xor 0x20 */
    g_string_truncate(out, 0);
    gdb_frame_packet(out, "a#$}*", 5);
    const char *body = "a}\x03}\x04}]}\x0a";
    char expect[64];
    snprintf(expect, sizeof(expect), "$%s#%02x", body, checksum(body, strlen(body)));
    g_assert_cmpstr(out->str, ==, expect);
    g_string_free(out, true);

    char esc[] = "x}\x03y}]";
    size_t n = gdb_unescape(esc, strlen(esc));
    g_assert_cmpuint(n, ==, 4);
    g_assert_cmpmem(esc, 4, "x#y}", 4);
}

static void test_hex(void)
{
    const char *p = "1f,";
    uint64_t v;
    g_assert_true(gdb_parse_hex(&p, &v));
    g_assert_cmpuint(v, ==, 0x1f);
    g_assert_cmpstr(p, ==, ",");
    p = "ffffffffffffffff";
    g_assert_true(gdb_parse_hex(&p, &v));
    g_assert_cmpuint(v, ==, UINT64_MAX);
    p = "10000000000000000";       /* 65 bits */
    g_assert_false(gdb_parse_hex(&p, &v));
    p = ",";
    g_assert_false(gdb_parse_hex(&p, &v));
    uint8_t b[2];
    g_assert_true(gdb_hex_decode("a5C3", 2, b));
    g_assert_cmpuint(b[0], ==, 0xa5);
    g_assert_cmpuint(b[1], ==, 0xc3);
    g_assert_false(gdb_hex_decode("g0", 1, b));
}

/* ---- the core ------------------------------------------------------------ */

static void test_queries(void)
{
    reset_state();
    g_autofree char *sup = cmd("qSupported:multiprocess+;swbreak+");
    g_assert_nonnull(strstr(sup, "PacketSize=4000"));
    g_assert_nonnull(strstr(sup, "qXfer:features:read+"));
    g_assert_nonnull(strstr(sup, "QStartNoAckMode+"));
    g_assert_null(strstr(sup, "auxv"));        /* the fake mode has none */
    check("?", "T05thread:1;");
    check("qC", "QC1");
    check("qfThreadInfo", "m1,2");
    check("qsThreadInfo", "l");
    check("T2", "OK");
    check("T3", "E01");
    check("Tzz", "E16");
    check("qAttached", "0");
    check("qOffsets", "Text=0;Data=0;Bss=0");
    check("qSymbol::", "OK");
    check("vCont?", "vCont;c;C;s;S");
    check("vMustReplyEmpty", "");
    check("qCRC:0,4", "");                     /* unknown queries: the empty reply */
    check("qThreadExtraInfo,2", "4350552331"); /* "CPU#1" in hex */
}

static void test_registers(void)
{
    reset_state();
    cpu1->env.regs[0] = 0x1122334455667788ull;
    cpu1->env.regs[1] = 2;
    cpu1->env.pc = 0x1000;
    cpu2->env.regs[0] = 7;
    /* only r0, r1 and pc (the XML's registers), little-endian */
    check("g", "8877665544332211" "0200000000000000" "0010000000000000");
    check("p5", "0010000000000000");
    check("p3", "eeeeeeee");                   /* exists, just not in the XML */
    check("p9", "E01");
    check("pzz", "E16");
    check("P1=0900000000000000", "OK");
    g_assert_cmpuint(cpu1->env.regs[1], ==, 9);
    check("P1=09", "E16");                     /* wrong size */
    check("P1", "E16");
    check("Hg2", "OK");
    check("g", "0700000000000000" "0000000000000000" "0000000000000000");
    check("G" "0100000000000000" "0200000000000000" "0300000000000000", "OK");
    g_assert_cmpuint(cpu2->env.regs[0], ==, 1);
    g_assert_cmpuint(cpu2->env.pc, ==, 3);
    check("G0100", "E16");
    check("Hg9", "E01");
    check("Hx1", "E16");
    check("Hg0", "OK");
}

static void test_memory(void)
{
    reset_state();
    memcpy(toy_ram + 0x100, "\x01\x02\x03\xff", 4);
    check("m100,4", "010203ff");
    check("M100,2:abcd", "OK");
    check("m100,4", "abcd03ff");
    check("m100,2,", "E16");
    check("M100,2:abc", "E16");
    check("M100,2:zzzz", "E16");
    check("m100000,4", "E14");                 /* past the RAM */
    check("mffffffffffffffff,2", "E14");       /* wraps around */
    check("m0,100000000", "E16");              /* absurd length */
    check("m,4", "E16");
    /* X: binary with escapes; 0x23 ('#') travels as } 0x03 */
    static const char x[] = "X200,3:a}\x03z";
    g_autofree char *r = cmd_len(x, sizeof(x) - 1);
    g_assert_cmpstr(r, ==, "OK");
    g_assert_cmpmem(toy_ram + 0x200, 3, "a#z", 3);
    check("X200,0:", "OK");
    check("X200,5:ab", "E16");
}

static void test_breakpoints(void)
{
    reset_state();
    check("Z0,40,4", "OK");
    g_assert_true(cpu_breakpoint_test(&cpu1->parent, 0x40));
    g_assert_true(cpu_breakpoint_test(&cpu2->parent, 0x40));
    check("Z0,40,4", "OK");                    /* twice is once */
    check("z0,40,4", "OK");
    g_assert_false(cpu_breakpoint_test(&cpu1->parent, 0x40));
    g_assert_false(cpu_breakpoint_test(&cpu2->parent, 0x40));
    check("Z1,44,4", "OK");
    g_assert_true(cpu_breakpoint_test(&cpu2->parent, 0x44));
    check("Z0,,4", "E16");
    check("Z9,44,4", "");                      /* unknown kind: unsupported */
    check("Z3,100,4", "");                     /* read watchpoints: not in this mode */
    check("Z2,100,4", "OK");
    g_assert_cmpint(st.n_watch, ==, 1);
    check("Z2,100,9", "E16");
    check("Z2,ffffff00,4", "E14");
    /* a write changes the bytes: the check finds it once */
    g_assert_null(gdb_watch_check_writes(&st, &cpu1->parent));
    toy_ram[0x101] ^= 1;
    const GDBWatchpoint *w = gdb_watch_check_writes(&st, &cpu1->parent);
    g_assert_nonnull(w);
    g_assert_cmpuint(w->addr, ==, 0x100);
    g_assert_null(gdb_watch_check_writes(&st, &cpu1->parent));
    check("z2,100,4", "OK");
    g_assert_cmpint(st.n_watch, ==, 0);
    /* detach removes what gdb left behind */
    check("D", "OK");
    g_assert_false(cpu_breakpoint_test(&cpu1->parent, 0x44));
    g_assert_cmpint(detaches, ==, 1);
}

static void test_resume(void)
{
    int sig;
    reset_state();
    g_autofree char *r = cmd("vCont;s:2;c");
    g_assert_null(r);                          /* the reply is the later stop */
    g_assert_cmpint(resumes, ==, 1);
    g_assert_true(st.running);
    g_assert_cmpint(gdb_resume_action(&st, &cpu2->parent, &sig), ==, GDB_ACTION_STEP);
    g_assert_cmpint(gdb_resume_action(&st, &cpu1->parent, &sig), ==, GDB_ACTION_CONT);
    /* Ctrl-C while running */
    feed("\x03", 1);
    g_assert_cmpint(interrupts, ==, 1);
    g_string_truncate(wire, 0);
    gdb_report_stop(&st, &cpu2->parent, 2, NULL);
    g_assert_cmpstr(wire->str, ==, "$T02thread:2;#d5");
    g_assert_false(st.running);
    feed("\x03", 1);                           /* stopped: nothing to interrupt */
    g_assert_cmpint(interrupts, ==, 1);

    g_assert_null(cmd("vCont;C0b:1"));
    g_assert_cmpint(gdb_resume_action(&st, &cpu1->parent, &sig), ==, GDB_ACTION_CONT);
    g_assert_cmpint(sig, ==, 11);
    g_assert_cmpint(gdb_resume_action(&st, &cpu2->parent, &sig), ==, GDB_ACTION_STOP);
    gdb_report_stop(&st, &cpu1->parent, 5, NULL);

    /* s: the Hc thread steps, the others wait */
    check("Hc2", "OK");
    g_assert_null(cmd("s"));
    g_assert_cmpint(gdb_resume_action(&st, &cpu2->parent, &sig), ==, GDB_ACTION_STEP);
    g_assert_cmpint(gdb_resume_action(&st, &cpu1->parent, &sig), ==, GDB_ACTION_STOP);
    GDBWatchpoint w = { .type = GDB_WATCH_WRITE, .addr = 0x1234, .len = 4 };
    g_string_truncate(wire, 0);
    gdb_report_stop(&st, &cpu2->parent, 5, &w);
    char expect[64];
    const char *body = "T05watch:1234;thread:2;";
    snprintf(expect, sizeof(expect), "$%s#%02x", body, checksum(body, strlen(body)));
    g_assert_cmpstr(wire->str, ==, expect);

    check("vCont;x", "E16");
    check("vCont;s:zz", "E16");
    check("vCont", "E16");
    check("Cxx", "E16");
    g_assert_cmpint(resumes, ==, 3);
    /* the exit report */
    g_assert_null(cmd("c"));
    g_string_truncate(wire, 0);
    gdb_report_exit(&st, false, 42);
    g_assert_cmpstr(wire->str, ==, "$W2a#ea");
}

static void test_xfer_and_rcmd(void)
{
    reset_state();
    g_autofree char *all = cmd("qXfer:features:read:target.xml:0,1000");
    g_assert_cmpint(all[0], ==, 'l');
    g_assert_cmpstr(all + 1, ==, fake_target_xml);
    g_autofree char *part = cmd("qXfer:features:read:core.xml:5,10");
    g_assert_cmpint(part[0], ==, 'm');
    g_assert_cmpmem(part + 1, 10, fake_core_xml + 5, 10);
    check("qXfer:features:read:target.xml:10000,10", "l");
    check("qXfer:features:read:nope.xml:0,10", "E01");
    check("qXfer:features:read:target.xml:0", "E16");
    check("qXfer:auxv:read::0,10", "");        /* not in this mode */
    check("qXfer:features:write:x:0,1", "");

    /* qRcmd,"info x": output as an O packet, then OK */
    g_string_truncate(wire, 0);
    const char *body = "qRcmd,696e666f2078";
    char *pkt = g_strdup_printf("$%s#%02x", body, checksum(body, strlen(body)));
    feed(pkt, strlen(pkt));
    g_free(pkt);
    GString *expect = g_string_new("+");
    const char *o = "O72616e203c696e666f20783e0a";     /* "ran <info x>\n" */
    g_string_append_printf(expect, "$%s#%02x$OK#9a", o, checksum(o, strlen(o)));
    g_assert_cmpstr(wire->str, ==, expect->str);
    g_string_free(expect, true);
    check("qRcmd,6", "E16");
    check("qRcmd,zz", "E16");
}

static void test_acks(void)
{
    reset_state();
    /* a bad checksum gets '-' and no reply */
    g_string_truncate(wire, 0);
    feed("$g#00", 5);
    g_assert_cmpstr(wire->str, ==, "-");
    /* '-' from gdb: the last packet again */
    check("qC", "QC1");
    g_string_truncate(wire, 0);
    feed("-", 1);
    g_assert_cmpstr(wire->str, ==, "$QC1#c5");
    /* a packet too long for the buffer: an error, the stub carries on */
    GString *big = g_string_new("$m");
    for (int i = 0; i < GDB_MAX_PACKET + 10; i++) {
        g_string_append_c(big, '0');
    }
    g_string_append_printf(big, "#%02x", checksum(big->str + 1, big->len - 1));
    g_string_truncate(wire, 0);
    feed(big->str, big->len);
    g_assert_cmpstr(wire->str, ==, "+$E16#ac");
    g_string_free(big, true);
    /* no-ack mode: this reply is still acked, later ones are not */
    check("QStartNoAckMode", "OK");
    g_assert_true(st.no_ack);
    check("qC", "QC1");
    g_string_truncate(wire, 0);
    feed("$g#00", 5);
    g_assert_cmpstr(wire->str, ==, "");
    g_assert_null(cmd("k"));
    g_assert_cmpint(kills, ==, 1);
}

/*
 * Random and malformed packets: the stub answers each framed packet with
 * exactly one reply, and works normally afterwards.  Bounded: a fixed count.
 */
static void test_fuzz(void)
{
    static const char *const heads[] = {
        "m", "M", "X", "g", "G", "p", "P", "Z", "z", "H", "T", "q", "Q", "v", "vCont;",
        "qXfer:features:read:", "qRcmd,", "qXfer:", "c", "s", "C", "S", "?", "D", "k",
    };
    GRand *rng = g_rand_new_with_seed(1234);
    reset_state();
    for (int i = 0; i < 20000; i++) {
        if (st.detached || st.running) {
            /* k, D and resumes end or suspend the session: start again */
            reset_state();
        }
        GString *body = g_string_new(heads[g_rand_int_range(rng, 0, G_N_ELEMENTS(heads))]);
        int n = g_rand_int_range(rng, 0, 40);
        for (int j = 0; j < n; j++) {
            static const char alphabet[] = "0123456789abcdefxyz,:;=-}#$*\x01\xff";
            char c = g_rand_boolean(rng) ? alphabet[g_rand_int_range(rng, 0, sizeof(alphabet) - 1)]
                                         : (char)g_rand_int_range(rng, 1, 256);
            if (c == '#' || c == '$' || c == '}' || c == 0x03) {
                c = 'q';               /* framing bytes are tested apart */
            }
            g_string_append_c(body, c);
        }
        bool corrupt = g_rand_int_range(rng, 0, 8) == 0;
        char *pkt = g_strdup_printf("$%s#%02x", body->str,
                                    (checksum(body->str, body->len) + corrupt) & 0xff);
        g_string_truncate(wire, 0);
        feed(pkt, strlen(pkt));
        if (corrupt && !st.no_ack) {
            g_assert_cmpstr(wire->str, ==, "-");
        } else if (wire->len) {
            g_assert_true(wire->str[0] == '+' || wire->str[0] == '$');
        }
        g_free(pkt);
        g_string_free(body, true);
        /* raw noise between packets too */
        char noise[8];
        for (int j = 0; j < 8; j++) {
            noise[j] = (char)g_rand_int_range(rng, 0, 256);
            if (noise[j] == '$') {
                noise[j] = ' ';
            }
        }
        feed(noise, sizeof(noise));
    }
    g_rand_free(rng);
    reset_state();
    check("?", "T05thread:1;");
    check("qfThreadInfo", "m1,2");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    toy_init(false, 1 << 20);
    cpu1 = toy_cpu_new();
    cpu2 = toy_cpu_new();
    gdb_register_cpu_ops(cpu1->parent.tcg_ops, &fake_cpu_ops);
    wire = g_string_new(NULL);
    g_test_add_func("/gdbstub/packet/reader", test_reader);
    g_test_add_func("/gdbstub/packet/frame", test_frame);
    g_test_add_func("/gdbstub/packet/hex", test_hex);
    g_test_add_func("/gdbstub/core/queries", test_queries);
    g_test_add_func("/gdbstub/core/registers", test_registers);
    g_test_add_func("/gdbstub/core/memory", test_memory);
    g_test_add_func("/gdbstub/core/breakpoints", test_breakpoints);
    g_test_add_func("/gdbstub/core/resume", test_resume);
    g_test_add_func("/gdbstub/core/xfer-rcmd", test_xfer_and_rcmd);
    g_test_add_func("/gdbstub/core/acks", test_acks);
    g_test_add_func("/gdbstub/core/fuzz", test_fuzz);
    return g_test_run();
}
