/*
 * hmp-cmds.c — the human monitor's commands.  hmp_commands[] and
 * hmp_info_commands[] are the single list: dispatch, `help` and `info`
 * without arguments all read them.
 */
#include "chardev/char.h"
#include "exec/blockdev.h"
#include "config-host.h"
#include "exec/cpu-exec.h"
#include "exec/cpus.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "exec/runstate.h"
#include "hw/boards.h"
#include "hw/loader.h"
#include "hw/pci.h"
#include "hw/qdev.h"
#include "monitor-internal.h"
#include "util/error.h"
#include "util/bitops.h"
#include "util/option.h"

#include <ctype.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
    while (*s && isspace((unsigned char)*s)) {
        s++;
    }
    return s;
}

/* The CPU the monitor works on (`cpu N`; the first when N is gone). */
static CPUState *mon_cpu(Monitor *mon)
{
    CPU_FOREACH(cpu) {
        if (cpu->cpu_index == mon->cpu_index) {
            return cpu;
        }
    }
    return first_cpu;
}

static void print_error(Monitor *mon, Error *err)
{
    monitor_printf(mon, "Error: %s\n", error_get_pretty(err));
    error_free(err);
}

static void run_hook(Monitor *mon, MonitorHookKind kind, const char *what, const char *args)
{
    Error *err = NULL;
    if (!monitor_hooks[kind]) {
        monitor_printf(mon, "%s\n", what);
    } else if (!monitor_hooks[kind](skip_ws(args), &err)) {
        print_error(mon, err);
    }
}

/* ---- info ------------------------------------------------------------------ */

static void info_status(Monitor *mon, const char *args)
{
    RunState s = runstate_get();
    if (s == RUN_STATE_RUNNING || s == RUN_STATE_PAUSED) {
        monitor_printf(mon, "VM status: %s\n", runstate_name(s));
    } else {
        monitor_printf(mon, "VM status: paused (%s)\n", runstate_name(s));
    }
}

typedef struct DumpCtx {
    Monitor *mon;
} DumpCtx;

static void dump_regs(void *opaque)
{
    DumpCtx *c = opaque;
    CPUState *cpu = mon_cpu(c->mon);
    if (!cpu || !cpu->tcg_ops->dump_state) {
        monitor_printf(c->mon, "No CPU available\n");
        return;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cpu->tcg_ops->dump_state(cpu, f);
    fclose(f);
    monitor_printf(c->mon, "%s", buf);
    free(buf);
}

static void info_registers(Monitor *mon, const char *args)
{
    DumpCtx c = { mon };
    monitor_with_cpus_stopped(dump_regs, &c);
}

static void info_cpus(Monitor *mon, const char *args)
{
    CPU_FOREACH(cpu) {
        uint64_t pc, cs_base;
        uint32_t flags;
        cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
        monitor_printf(mon, "%c CPU #%d: pc=0x%016" G_GINT64_MODIFIER "x%s thread_id=%"
                       G_GINT64_FORMAT "\n", cpu == mon_cpu(mon) ? '*' : ' ', cpu->cpu_index, pc,
                       cpu->halted ? " (halted)" : "", cpus_thread_id());
    }
}

static void info_mtree(Monitor *mon, const char *args)
{
    char *s = memory_mtree_string(strstr(args, "-f") != NULL);
    monitor_printf(mon, "%s", s);
    g_free(s);
}

static void info_qtree(Monitor *mon, const char *args)
{
    char *s = qdev_qtree_string();
    monitor_printf(mon, "%s", s);
    g_free(s);
}

static void info_block(Monitor *mon, const char *args)
{
    char *s = drive_info_string();
    monitor_printf(mon, "%s", *s ? s : "no drives\n");
    g_free(s);
}

static void info_pci(Monitor *mon, const char *args)
{
    char *s = pci_info_string();
    monitor_printf(mon, "%s", s);
    g_free(s);
}

static void info_roms(Monitor *mon, const char *args)
{
    char *s = rom_info_string();
    monitor_printf(mon, "%s", s);
    g_free(s);
}

static void info_chardev(Monitor *mon, const char *args)
{
    char *s = chardev_info_string();
    monitor_printf(mon, "%s", s);
    g_free(s);
}

static void info_version(Monitor *mon, const char *args)
{
    monitor_printf(mon, "%s\n", EMU_VERSION);
}

const HMPCommand hmp_info_commands[] = {
    { "status", NULL, "", "show the VM's run state", info_status },
    { "registers", NULL, "", "show the CPU registers", info_registers },
    { "cpus", NULL, "", "show the CPUs", info_cpus },
    { "mtree", NULL, "[-f]", "show the memory tree (-f: the flat views)", info_mtree },
    { "qtree", NULL, "", "show the device tree", info_qtree },
    { "block", NULL, "", "show the drives, their images and backing chains", info_block },
    { "pci", NULL, "", "show the PCI devices, their BARs and interrupts", info_pci },
    { "roms", NULL, "", "show the loaded firmware and kernel blobs", info_roms },
    { "chardev", NULL, "", "show the character devices", info_chardev },
    { "version", NULL, "", "show the version of emu", info_version },
    { NULL },
};

/* ---- commands ------------------------------------------------------------- */

static void print_table(Monitor *mon, const HMPCommand *t, const char *prefix)
{
    for (; t->name; t++) {
        monitor_printf(mon, "%s%s%s%s %s -- %s\n", prefix, t->name, t->alias ? "|" : "",
                       t->alias ? t->alias : "", t->args, t->help);
    }
}

static void hmp_help(Monitor *mon, const char *args)
{
    args = skip_ws(args);
    if (g_str_has_prefix(args, "info")) {
        print_table(mon, hmp_info_commands, "info ");
        return;
    }
    print_table(mon, hmp_commands, "");
}

static void hmp_info(Monitor *mon, const char *args)
{
    args = skip_ws(args);
    size_t n = strcspn(args, " \t");
    if (n == 0) {
        print_table(mon, hmp_info_commands, "info ");
        return;
    }
    for (const HMPCommand *t = hmp_info_commands; t->name; t++) {
        if (strlen(t->name) == n && strncmp(t->name, args, n) == 0) {
            t->cmd(mon, args + n);
            return;
        }
    }
    monitor_printf(mon, "info: unknown item '%.*s' (try 'info')\n", (int)n, args);
}

static void hmp_cpu(Monitor *mon, const char *args)
{
    char *end;
    args = skip_ws(args);
    long n = strtol(args, &end, 10);
    if (end == args || *skip_ws(end)) {
        monitor_printf(mon, "usage: cpu N (info cpus lists them)\n");
        return;
    }
    CPU_FOREACH(cpu) {
        if (cpu->cpu_index == n) {
            mon->cpu_index = n;
            return;
        }
    }
    monitor_printf(mon, "Error: invalid CPU index %ld\n", n);
}

static void hmp_stop(Monitor *mon, const char *args)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cont(Monitor *mon, const char *args)
{
    if (runstate_get() == RUN_STATE_SHUTDOWN) {
        monitor_printf(mon, "Error: the guest powered off: system_reset first\n");
        return;
    }
    vm_start();
}

static void hmp_system_reset(Monitor *mon, const char *args)
{
    runstate_request_reset(SHUTDOWN_CAUSE_HOST_QMP_RESET);
}

static void hmp_system_powerdown(Monitor *mon, const char *args)
{
    runstate_request_powerdown();
}

static void hmp_quit(Monitor *mon, const char *args)
{
    runstate_request_shutdown(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

/* x /fmt addr: count, format (x d u o c), unit (b h w g). */
typedef struct MemDump {
    Monitor *mon;
    bool phys;
    uint64_t addr;
    unsigned count, unit;
    char fmt;
} MemDump;

/*
 * Guest-virtual memory through the CPU's MMU, as the guest would read it:
 * each page translated by the target's tlb_fill in probe mode (no fault),
 * then read from the physical address space, so RAM, ROM and devices all
 * answer.  A unit is read in one access when it stays inside a 1 KiB
 * block (no target has smaller pages), byte by byte otherwise.
 */
static bool read_virt(CPUState *cpu, uint64_t addr, uint8_t *buf, unsigned len)
{
    int mmu_idx = cpu->tcg_ops->mmu_index(cpu, false);
    uint64_t pa;
    if ((addr ^ (addr + len - 1)) < 1024) {
        if (!tlb_probe_phys(cpu, addr, MMU_DATA_LOAD, mmu_idx, &pa)) {
            return false;
        }
        address_space_read(address_space_memory(), pa, buf, len);
        return true;
    }
    for (unsigned i = 0; i < len; i++) {
        if (!tlb_probe_phys(cpu, addr + i, MMU_DATA_LOAD, mmu_idx, &pa)) {
            return false;
        }
        address_space_read(address_space_memory(), pa, buf + i, 1);
    }
    return true;
}

static void do_memory_dump(void *opaque)
{
    MemDump *d = opaque;
    CPUState *cpu = mon_cpu(d->mon);
    if (!d->phys && !cpu) {
        monitor_printf(d->mon, "No CPU available\n");
        return;
    }
    unsigned per_line = d->unit == 8 ? 2 : d->unit == 4 ? 4 : 8;
    for (unsigned i = 0; i < d->count; i++) {
        uint64_t a = d->addr + (uint64_t)i * d->unit;
        uint8_t b[8];
        if (i % per_line == 0) {
            monitor_printf(d->mon, "%s%016" G_GINT64_MODIFIER "x:", i ? "\n" : "", a);
        }
        /* physical: unassigned bytes read as ones, as the guest would see them */
        bool ok = d->phys ? (address_space_read(address_space_memory(), a, b, d->unit), true)
                          : read_virt(cpu, a, b, d->unit);
        if (!ok) {
            monitor_printf(d->mon, "\nCannot access memory at 0x%" G_GINT64_MODIFIER "x\n", a);
            return;
        }
        uint64_t v = 0;
        for (unsigned k = 0; k < d->unit; k++) {
            v |= (uint64_t)b[k] << (8 * k);      /* little-endian view, as the bytes lie */
        }
        switch (d->fmt) {
        case 'd':
            monitor_printf(d->mon, " %" G_GINT64_FORMAT,
                           d->unit == 8 ? (int64_t)v : (int64_t)sext64(v, 8 * d->unit));
            break;
        case 'u':
            monitor_printf(d->mon, " %" G_GUINT64_FORMAT, v);
            break;
        case 'o':
            monitor_printf(d->mon, " %#" G_GINT64_MODIFIER "o", v);
            break;
        case 'c':
            monitor_printf(d->mon, " '%c'", isprint((int)(v & 0xff)) ? (int)(v & 0xff) : '.');
            break;
        default:
            monitor_printf(d->mon, " 0x%0*" G_GINT64_MODIFIER "x", d->unit * 2, v);
            break;
        }
    }
    monitor_printf(d->mon, "\n");
}

static void memory_dump(Monitor *mon, const char *args, bool phys)
{
    MemDump d = { .mon = mon, .phys = phys, .count = 1, .unit = 4, .fmt = 'x' };
    args = skip_ws(args);
    if (*args == '/') {
        args++;
        char *end;
        unsigned long n = strtoul(args, &end, 10);
        if (end != args) {
            d.count = n;
        }
        for (args = end; *args && !isspace((unsigned char)*args); args++) {
            switch (*args) {
            case 'x': case 'd': case 'u': case 'o': case 'c':
                d.fmt = *args;
                if (*args == 'c') {
                    d.unit = 1;
                }
                break;
            case 'b': d.unit = 1; break;
            case 'h': d.unit = 2; break;
            case 'w': d.unit = 4; break;
            case 'g': d.unit = 8; break;
            default:
                monitor_printf(mon, "invalid format character '%c'\n", *args);
                return;
            }
        }
    }
    args = skip_ws(args);
    Error *err = NULL;
    char *a = g_strstrip(g_strdup(args));
    bool ok = *a && parse_uint64(a, &d.addr, &err);
    g_free(a);
    if (!ok) {
        if (err) {
            print_error(mon, err);
        } else {
            monitor_printf(mon, "%s: an address is required\n", phys ? "xp" : "x");
        }
        return;
    }
    if (d.count > 4096) {
        d.count = 4096;
    }
    monitor_with_cpus_stopped(do_memory_dump, &d);
}

static void hmp_x(Monitor *mon, const char *args)
{
    memory_dump(mon, args, false);
}

static void hmp_xp(Monitor *mon, const char *args)
{
    memory_dump(mon, args, true);
}

static void hmp_gdbserver(Monitor *mon, const char *args)
{
    run_hook(mon, MONITOR_HOOK_GDBSERVER, "gdbserver: this build has no GDB stub", args);
}

static void hmp_sendkey(Monitor *mon, const char *args)
{
    run_hook(mon, MONITOR_HOOK_SENDKEY, "sendkey: this machine has no keyboard", args);
}

static void hmp_screendump(Monitor *mon, const char *args)
{
    run_hook(mon, MONITOR_HOOK_SCREENDUMP, "screendump: this machine has no display", args);
}

const HMPCommand hmp_commands[] = {
    { "help", "?", "[cmd|info]", "show the commands", hmp_help },
    { "info", NULL, "[item]", "show information about the VM (info: the items)", hmp_info },
    { "cpu", NULL, "N", "select the CPU of info registers, x, ... (info cpus marks it)",
      hmp_cpu },
    { "stop", "s", "", "stop the vCPUs", hmp_stop },
    { "cont", "c", "", "resume the vCPUs", hmp_cont },
    { "system_reset", NULL, "", "reset the machine", hmp_system_reset },
    { "system_powerdown", NULL, "", "press the power button", hmp_system_powerdown },
    { "quit", "q", "", "quit emu", hmp_quit },
    { "x", NULL, "[/fmt] addr", "dump virtual memory (fmt: count, x d u o c, b h w g)", hmp_x },
    { "xp", NULL, "[/fmt] addr", "dump physical memory", hmp_xp },
    { "gdbserver", NULL, "[device]", "start the GDB stub", hmp_gdbserver },
    { "sendkey", NULL, "keys", "send keys to the guest (ctrl-alt-delete)", hmp_sendkey },
    { "screendump", NULL, "file", "save the screen to a file", hmp_screendump },
    { NULL },
};

void hmp_dispatch(Monitor *mon, const char *line)
{
    line = skip_ws(line);
    size_t n = strcspn(line, " \t/");
    if (n == 0) {
        return;
    }
    for (const HMPCommand *t = hmp_commands; t->name; t++) {
        if ((strlen(t->name) == n && strncmp(t->name, line, n) == 0) ||
            (t->alias && strlen(t->alias) == n && strncmp(t->alias, line, n) == 0)) {
            t->cmd(mon, line + n);
            return;
        }
    }
    monitor_printf(mon, "unknown command: '%.*s'\n", (int)n, line);
}
