/*
 * vl.c — main() of every emu-system-<target>: the command line, then
 * machine creation, chardevs and monitors, the vCPU thread and the main
 * loop until a shutdown request.  Compiled once per target (through
 * softmmu_sources) for TARGET_NAME and TARGET_BIG_ENDIAN; everything else it
 * uses is target-neutral.
 *
 * Options follow QEMU's syntax (`-opt value`, `key=val,key=val` lists);
 * a bad option, value or missing file gives one error line and exit 1;
 * `help` as a value (-M help, -cpu help, -device help, -device T,help,
 * -chardev help, -d help) lists and exits 0.
 */
#include "chardev/char.h"
#include "exec/accel-opts.h"
#include "exec/blockdev.h"
#include "config-host.h"
#include "exec/cpus.h"
#include "exec/main-loop.h"
#include "exec/memory.h"
#include "exec/runstate.h"
#include "exec/sysopts.h"
#include "exec/timer.h"
#include "gdbstub/gdbstub.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "hw/sysbus.h"
#include "monitor/monitor.h"
#include "tcg/tcg-backend.h"
#include "util/error.h"
#include "util/log.h"
#include "util/option.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib.h>

#ifndef TARGET_NAME
#error "vl.c is compiled per target: TARGET_NAME must be defined"
#endif

/* The options: one table (ids, names, help) for parsing and -help. */
enum {
    OPT_HELP, OPT_VERSION, OPT_MACHINE, OPT_CPU, OPT_MEMORY, OPT_SMP, OPT_BIOS, OPT_KERNEL,
    OPT_INITRD, OPT_APPEND, OPT_DTB, OPT_S, OPT_NO_REBOOT, OPT_NO_SHUTDOWN, OPT_NOGRAPHIC,
    OPT_DISPLAY, OPT_SERIAL, OPT_MONITOR, OPT_QMP, OPT_QMP_PRETTY, OPT_CHARDEV, OPT_DEVICE,
    OPT_LOG, OPT_LOGFILE, OPT_ACCEL, OPT_ICOUNT, OPT_DRIVE, OPT_HDA, OPT_HDB, OPT_HDC,
    OPT_HDD, OPT_CDROM, OPT_SNAPSHOT, OPT_GDB_S, OPT_GDB, OPT_DATADIR, OPT_DEBUGCON, OPT_BOOT,
    OPT_VGA,
};

static const OptionDef options[] = {
    { "h", 0, OPT_HELP, NULL, "print this help and exit" },
    { "help", 0, OPT_HELP, NULL, "print this help and exit" },
    { "version", 0, OPT_VERSION, NULL, "print the version and exit" },
    { "M", OPT_ARG, OPT_MACHINE, "name", "select the machine (-M help lists them)" },
    { "machine", OPT_ARG, OPT_MACHINE, "name", "the same as -M" },
    { "cpu", OPT_ARG, OPT_CPU, "model", "select the CPU model (-cpu help lists them)" },
    { "m", OPT_ARG, OPT_MEMORY, "[size=]N[KMG]", "guest RAM size (a bare number is MiB)" },
    { "smp", OPT_ARG, OPT_SMP, "[cpus=]n[,sockets=,cores=,threads=,maxcpus=]",
      "number of vCPUs and their topology" },
    { "bios", OPT_ARG, OPT_BIOS, "file", "firmware image" },
    { "L", OPT_ARG, OPT_DATADIR, "dir", "look for firmware files in dir first (repeatable)" },
    { "boot", OPT_ARG, OPT_BOOT, "[order=]drives[,menu=on|off]",
      "boot order for the firmware (a: floppy, c: disk, d: CD-ROM, n: network)" },
    { "kernel", OPT_ARG, OPT_KERNEL, "file", "kernel to boot (ELF, uImage or raw)" },
    { "initrd", OPT_ARG, OPT_INITRD, "file", "initial ramdisk" },
    { "append", OPT_ARG, OPT_APPEND, "cmdline", "kernel command line" },
    { "dtb", OPT_ARG, OPT_DTB, "file", "device tree blob" },
    { "S", 0, OPT_S, NULL, "do not start the CPUs (cont in the monitor starts them)" },
    { "s", 0, OPT_GDB_S, NULL, "the same as -gdb tcp::1234" },
    { "gdb", OPT_ARG, OPT_GDB, "tcp::PORT|unix:PATH", "wait for gdb connections on a socket" },
    { "no-reboot", 0, OPT_NO_REBOOT, NULL, "exit instead of rebooting" },
    { "no-shutdown", 0, OPT_NO_SHUTDOWN, NULL,
      "stop instead of exiting when the guest powers off" },
    { "nographic", 0, OPT_NOGRAPHIC, NULL, "no display: serial and monitor muxed on stdio" },
    { "display", OPT_ARG, OPT_DISPLAY, "none", "display back end (only 'none' so far)" },
    { "vga", OPT_ARG, OPT_VGA, "type", "the board's display adapter (std, none)" },
    { "debugcon", OPT_ARG, OPT_DEBUGCON, "dev",
      "an isa-debugcon (port 0x402) on chardev dev (file:PATH, stdio, ...)" },
    { "serial", OPT_ARG, OPT_SERIAL, "dev", "the next serial port's chardev (none to skip)" },
    { "monitor", OPT_ARG, OPT_MONITOR, "dev", "a human monitor on dev" },
    { "qmp", OPT_ARG, OPT_QMP, "dev", "a QMP monitor on dev" },
    { "qmp-pretty", OPT_ARG, OPT_QMP_PRETTY, "dev", "a QMP monitor with indented JSON" },
    { "chardev", OPT_ARG, OPT_CHARDEV, "backend,id=id[,...]", "a character device (help)" },
    { "drive", OPT_ARG, OPT_DRIVE,
      "[file=]F[,format=,if=,media=,snapshot=,readonly=,cache=,id=,index=,bus=,unit=]",
      "a disk drive (if=none,id=X for -device ...,drive=X)" },
    { "hda", OPT_ARG, OPT_HDA, "file", "the first hard disk (-drive file=F,index=0)" },
    { "hdb", OPT_ARG, OPT_HDB, "file", "the second hard disk (index=1)" },
    { "hdc", OPT_ARG, OPT_HDC, "file", "the third hard disk (index=2)" },
    { "hdd", OPT_ARG, OPT_HDD, "file", "the fourth hard disk (index=3)" },
    { "cdrom", OPT_ARG, OPT_CDROM, "file", "a CD-ROM image (index=2,media=cdrom)" },
    { "snapshot", 0, OPT_SNAPSHOT, NULL, "write to temporary overlays, never to the images" },
    { "device", OPT_ARG, OPT_DEVICE, "type[,prop=value,...]", "add a device (help)" },
    { "d", OPT_ARG, OPT_LOG, "item,...", "enable debug log items (-d help)" },
    { "D", OPT_ARG, OPT_LOGFILE, "file", "write the debug log to file" },
    { "accel", OPT_ARG, OPT_ACCEL, "tcg[,tb-size=MiB][,backend=tci]", "the accelerator" },
    { "icount", OPT_ARG, OPT_ICOUNT, "[shift=]N", "virtual clock from instructions (2^N ns each)" },
    { NULL },
};

typedef struct Config {
    const char *machine;
    const char *cpu;
    uint64_t ram_size;
    bool have_ram_size;
    const char *smp;
    const char *bios, *kernel, *initrd, *append, *dtb;
    bool start_stopped, no_reboot, no_shutdown, nographic;
    GPtrArray *serials, *monitors, *qmps, *qmp_pretty, *chardevs, *devices;
    GPtrArray *drives;             /* -drive values (the shorthands rewritten as such) */
    bool snapshot;
    const char *log_items, *log_file;
    TCGAccelOpts accel;
    int icount_shift;              /* -1: off */
    const char *gdb;               /* -gdb/-s: the GDB stub's socket */
    GPtrArray *data_dirs;          /* -L, in order */
    const char *debugcon;          /* -debugcon: its chardev */
    const char *boot_order;        /* -boot order= */
    bool boot_menu;                /* -boot menu=on */
    const char *vga;               /* -vga */
    KeyValList *machine_props;     /* -machine's keys */
} Config;

static void __attribute__((noreturn)) die(Error *err)
{
    error_report_err(err);
    exit(1);
}

static void check_file(const char *opt, const char *path)
{
    if (path && access(path, R_OK) != 0) {
        Error *err = NULL;
        error_setg_errno(&err, errno, "%s %s", opt, path);
        die(err);
    }
}

static void parse_command_line(Config *c, int argc, char **argv)
{
    OptionParser p;
    const char *arg;
    Error *err = NULL;
    int id;
    opt_init(&p, argc, argv, options);
    while ((id = opt_next(&p, &arg, &err)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            die(err);
        case OPT_POSITIONAL:
            error_setg(&err, "unexpected argument '%s' (disk images come with -drive)", arg);
            die(err);
        case OPT_HELP:
            printf("usage: emu-system-%s [options]\n\n", TARGET_NAME);
            opt_print_help(stdout, options);
            exit(0);
        case OPT_VERSION:
            printf("emu-system-%s version %s\n", TARGET_NAME, EMU_VERSION);
            exit(0);
        case OPT_MACHINE: {
            /*
             * -machine type=NAME or NAME; other keys are the board's properties
             * (MachineState.props), checked for unknown ones after its init
             */
            KeyValList *kv = keyval_parse(arg, "type", &err);
            if (!kv) {
                die(err);
            }
            const char *t = keyval_get(kv, "type");
            keyval_get(kv, "accel");     /* accepted: tcg is the only one */
            if (!t) {
                error_setg(&err, "-machine: the machine name is missing");
                die(err);
            }
            c->machine = g_strdup(t);
            if (c->machine_props) {
                keyval_free(c->machine_props);
            }
            c->machine_props = kv;
            break;
        }
        case OPT_CPU: c->cpu = arg; break;
        case OPT_MEMORY:
            if (!sysopt_parse_memory(arg, &c->ram_size, &err)) {
                die(err);
            }
            c->have_ram_size = true;
            break;
        case OPT_SMP: c->smp = arg; break;
        case OPT_BIOS: c->bios = arg; break;
        case OPT_KERNEL: c->kernel = arg; break;
        case OPT_INITRD: c->initrd = arg; break;
        case OPT_APPEND: c->append = arg; break;
        case OPT_DTB: c->dtb = arg; break;
        case OPT_S: c->start_stopped = true; break;
        case OPT_GDB_S: c->gdb = "tcp::1234"; break;
        case OPT_GDB: c->gdb = arg; break;
        case OPT_DATADIR: g_ptr_array_add(c->data_dirs, g_strdup(arg)); break;
        case OPT_DEBUGCON: c->debugcon = arg; break;
        case OPT_VGA: c->vga = arg; break;
        case OPT_BOOT: {
            KeyValList *kv = keyval_parse(arg, "order", &err);
            if (!kv) {
                die(err);
            }
            const char *order = keyval_get(kv, "order");
            /* accepted for QEMU compatibility, no effect here */
            keyval_get(kv, "once");
            keyval_get(kv, "strict");
            keyval_get(kv, "splash-time");
            keyval_get(kv, "reboot-timeout");
            if (order) {
                if (strspn(order, "abcdnp") != strlen(order)) {
                    error_setg(&err, "-boot order=%s: drives are a, b, c, d, n and p", order);
                    die(err);
                }
                c->boot_order = g_strdup(order);
            }
            if (!keyval_get_bool(kv, "menu", false, &c->boot_menu, &err)) {
                die(err);
            }
            if (!keyval_check_unused(kv, "-boot", &err)) {
                die(err);
            }
            keyval_free(kv);
            break;
        }
        case OPT_NO_REBOOT: c->no_reboot = true; break;
        case OPT_NO_SHUTDOWN: c->no_shutdown = true; break;
        case OPT_NOGRAPHIC: c->nographic = true; break;
        case OPT_DISPLAY:
            if (strcmp(arg, "none") != 0) {
                error_setg(&err, "-display %s: only 'none' is available in this build", arg);
                die(err);
            }
            break;
        case OPT_SERIAL: g_ptr_array_add(c->serials, (gpointer)arg); break;
        case OPT_MONITOR: g_ptr_array_add(c->monitors, (gpointer)arg); break;
        case OPT_QMP: g_ptr_array_add(c->qmps, (gpointer)arg); break;
        case OPT_QMP_PRETTY: g_ptr_array_add(c->qmp_pretty, (gpointer)arg); break;
        case OPT_CHARDEV: g_ptr_array_add(c->chardevs, (gpointer)arg); break;
        case OPT_DEVICE: g_ptr_array_add(c->devices, (gpointer)arg); break;
        case OPT_DRIVE: g_ptr_array_add(c->drives, g_strdup(arg)); break;
        case OPT_HDA:
        case OPT_HDB:
        case OPT_HDC:
        case OPT_HDD: {
            /* a file name may contain commas: double them for the key=value parser */
            char **parts = g_strsplit(arg, ",", -1);
            char *file = g_strjoinv(",,", parts);
            g_strfreev(parts);
            g_ptr_array_add(c->drives, g_strdup_printf("file=%s,index=%d,media=disk", file,
                                                       id - OPT_HDA));
            g_free(file);
            break;
        }
        case OPT_CDROM: {
            char **parts = g_strsplit(arg, ",", -1);
            char *file = g_strjoinv(",,", parts);
            g_strfreev(parts);
            g_ptr_array_add(c->drives, g_strdup_printf("file=%s,index=2,media=cdrom", file));
            g_free(file);
            break;
        }
        case OPT_SNAPSHOT: c->snapshot = true; break;
        case OPT_LOG: c->log_items = arg; break;
        case OPT_LOGFILE: c->log_file = arg; break;
        case OPT_ACCEL:
            if (!tcg_accel_opts_parse(arg, &c->accel, &err)) {
                die(err);
            }
            break;
        case OPT_ICOUNT:
            if (!sysopt_parse_icount(arg, &c->icount_shift, &err)) {
                die(err);
            }
            break;
        }
    }
}

/* -monitor/-qmp values: "mon:..." is only meaningful for -serial; "none" skips. */
static Chardev *open_legacy(const char *spec, const char *prefix, int n)
{
    Error *err = NULL;
    char *id = g_strdup_printf("%s%d", prefix, n);
    Chardev *chr = chardev_new_from_legacy(spec, id, &err);
    g_free(id);
    if (!chr) {
        error_prepend(&err, "-%s %s: ", prefix, spec);
        die(err);
    }
    return chr;
}

static gboolean on_signal(gpointer opaque)
{
    runstate_request_shutdown(SHUTDOWN_CAUSE_HOST_SIGNAL);
    return G_SOURCE_CONTINUE;
}

static void mux_quit(void)
{
    runstate_request_shutdown(SHUTDOWN_CAUSE_HOST_UI);
}

static void reset_devices(void *opaque)
{
    bus_reset_all(sysbus_get_default());
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    Config c = { .icount_shift = -1 };
    c.serials = g_ptr_array_new();
    c.monitors = g_ptr_array_new();
    c.qmps = g_ptr_array_new();
    c.qmp_pretty = g_ptr_array_new();
    c.chardevs = g_ptr_array_new();
    c.devices = g_ptr_array_new();
    c.drives = g_ptr_array_new_with_free_func(g_free);
    c.data_dirs = g_ptr_array_new();

    error_set_progname(argv[0]);
    machine_target_name = TARGET_NAME;
    memory_set_target_big_endian(TARGET_BIG_ENDIAN);
    parse_command_line(&c, argc, argv);

    /* listings first: they need nothing else */
    if (c.machine && strcmp(c.machine, "help") == 0) {
        machine_print_list(stdout);
        return 0;
    }
    if (c.cpu && strcmp(c.cpu, "help") == 0) {
        cpu_model_print_list(stdout);
        return 0;
    }
    for (unsigned i = 0; i < c.devices->len; i++) {
        const char *d = g_ptr_array_index(c.devices, i);
        if (!strcmp(d, "help") || !strcmp(d, "?") || g_str_has_suffix(d, ",help")) {
            bool printed;
            qdev_device_add(d, stdout, &printed, &err);
            if (err) {
                die(err);
            }
            return 0;
        }
    }
    for (unsigned i = 0; i < c.chardevs->len; i++) {
        if (!strcmp(g_ptr_array_index(c.chardevs, i), "help")) {
            chardev_print_backends(stdout);
            return 0;
        }
    }
    if (c.log_items && !log_select(c.log_items, &err)) {
        if (!err) {
            return 0;              /* -d help */
        }
        die(err);
    }
    if (c.log_file && !log_set_file(c.log_file, &err)) {
        die(err);
    }

    MachineClass *mc = c.machine ? machine_find_class(c.machine) : machine_default_class();
    if (!mc) {
        if (c.machine) {
            error_setg(&err, "unsupported machine type '%s' (use -M help to list them)",
                       c.machine);
        } else {
            error_setg(&err, "no machine given and this binary has no default (use -M help)");
        }
        die(err);
    }
    check_file("-bios", c.bios);
    check_file("-kernel", c.kernel);
    check_file("-initrd", c.initrd);
    check_file("-dtb", c.dtb);
    if ((c.initrd || c.append || c.dtb) && !c.kernel) {
        error_setg(&err, "-initrd, -append and -dtb need -kernel");
        die(err);
    }
    if (c.cpu && !cpu_model_exists(c.cpu)) {
        error_setg(&err, "unknown CPU model '%s' (use -cpu help to list them)", c.cpu);
        die(err);
    }
    CpuTopology smp = { 1, 1, 1, 1, 1 };
    if (c.smp && !sysopt_parse_smp(c.smp, mc->max_cpus ? mc->max_cpus : 1, &smp, &err)) {
        die(err);
    }

    signal(SIGPIPE, SIG_IGN);
    main_loop_init();
    g_unix_signal_add(SIGINT, on_signal, NULL);
    g_unix_signal_add(SIGTERM, on_signal, NULL);
    g_unix_signal_add(SIGHUP, on_signal, NULL);
    chardev_mux_quit_hook = mux_quit;
    runstate_set_no_reboot(c.no_reboot);
    runstate_set_no_shutdown(c.no_shutdown);

    if (!tcg_accel_opts_apply(&c.accel, true, &err)) {
        die(err);
    }
    if (c.icount_shift >= 0) {
        icount_enable(c.icount_shift);
    }

    /* chardevs: -chardev in order, then the short forms */
    for (unsigned i = 0; i < c.chardevs->len; i++) {
        bool help;
        if (!chardev_new_from_opts(g_ptr_array_index(c.chardevs, i), &help, &err)) {
            die(err);
        }
    }
    Chardev *mux_for_monitor = NULL;
    if (c.nographic && c.serials->len == 0) {
        g_ptr_array_add(c.serials, (gpointer)"mon:stdio");
    }
    for (unsigned i = 0, n = 0; i < c.serials->len; i++) {
        const char *spec = g_ptr_array_index(c.serials, i);
        if (n >= MAX_SERIAL_PORTS) {
            error_setg(&err, "-serial: at most %d serial ports", MAX_SERIAL_PORTS);
            die(err);
        }
        if (strcmp(spec, "none") == 0) {
            n++;
            continue;
        }
        Chardev *chr = open_legacy(spec, "serial", n);
        if (g_str_has_prefix(spec, "mon:") && !mux_for_monitor) {
            mux_for_monitor = chr;
        }
        serial_hd_set(n++, chr);
    }

    if (c.debugcon) {
        /* QEMU's -debugcon: an isa-debugcon at its default port on this chardev */
        open_legacy(c.debugcon, "debugcon", 0);
        g_ptr_array_add(c.devices, (gpointer)"isa-debugcon,chardev=debugcon0");
    }

    /* drives: opened before the board, which picks up those of its interfaces */
    for (unsigned i = 0; i < c.drives->len; i++) {
        if (!drive_new(g_ptr_array_index(c.drives, i), mc->block_default_type, c.snapshot,
                       &err)) {
            die(err);
        }
    }

    /* the machine */
    MachineState *ms = MACHINE(object_new(object_class_get_name(OBJECT_CLASS(mc))));
    ms->ram_size = c.have_ram_size ? c.ram_size
                 : mc->default_ram_size ? mc->default_ram_size : 128 << 20;
    ms->smp = smp;
    ms->cpu_model = g_strdup(c.cpu ? c.cpu : mc->default_cpu_model);
    ms->firmware = g_strdup(c.bios);
    ms->kernel_filename = g_strdup(c.kernel);
    ms->initrd_filename = g_strdup(c.initrd);
    ms->kernel_cmdline = g_strdup(c.append ? c.append : "");
    ms->dtb = g_strdup(c.dtb);
    /* firmware: -L dirs first, then where an installed emu and Debian keep it */
    char *exe_dir = g_path_get_dirname(argv[0]);
    g_ptr_array_add(c.data_dirs, g_build_filename(exe_dir, "..", "share", "emu", NULL));
    g_free(exe_dir);
    g_ptr_array_add(c.data_dirs, g_strdup("/usr/share/emu"));
    g_ptr_array_add(c.data_dirs, g_strdup("/usr/share/seabios"));
    g_ptr_array_add(c.data_dirs, NULL);
    ms->firmware_dirs = (char **)g_ptr_array_free(c.data_dirs, false);
    ms->boot_order = g_strdup(c.boot_order ? c.boot_order : "");
    ms->boot_menu = c.boot_menu;
    ms->nographic = c.nographic;
    ms->vga = g_strdup(c.vga);
    machine_set_current(ms);
    address_space_memory();
    memory_tlb_attach(address_space_memory());
    runstate_register_reset(reset_devices, NULL);
    ms->props = c.machine_props;
    mc->init(ms);
    if (c.machine_props && !keyval_check_unused(c.machine_props, "-machine", &err)) {
        die(err);
    }

    for (unsigned i = 0; i < c.devices->len; i++) {
        bool help;
        if (!qdev_device_add(g_ptr_array_index(c.devices, i), stdout, &help, &err)) {
            die(err);
        }
    }

    DriveInfo **unclaimed = drive_unclaimed();
    for (DriveInfo **d = unclaimed; *d; d++) {
        warn_report("drive '%s' (if=%s) is not attached to any device", (*d)->id,
                    drive_if_name((*d)->type));
    }
    g_free(unclaimed);

    /*
     * Monitors after the board, so that a muxed serial port keeps the first
     * focus; "mon:" (and -nographic's mon:stdio) put a monitor on the mux.
     */
    if (mux_for_monitor && !monitor_init_hmp(mux_for_monitor, &err)) {
        die(err);
    }
    for (unsigned i = 0; i < c.monitors->len; i++) {
        const char *spec = g_ptr_array_index(c.monitors, i);
        if (strcmp(spec, "none") != 0 && !monitor_init_hmp(open_legacy(spec, "monitor", i), &err)) {
            die(err);
        }
    }
    for (unsigned i = 0; i < c.qmps->len; i++) {
        if (!monitor_init_qmp(open_legacy(g_ptr_array_index(c.qmps, i), "qmp", i), false, &err)) {
            die(err);
        }
    }
    for (unsigned i = 0; i < c.qmp_pretty->len; i++) {
        Chardev *chr = open_legacy(g_ptr_array_index(c.qmp_pretty, i), "qmp-pretty", i);
        if (!monitor_init_qmp(chr, true, &err)) {
            die(err);
        }
    }

    if (c.gdb && !gdb_system_start(c.gdb, &err)) {
        die(err);
    }
    runstate_reset_all();
    cpus_start_thread();
    if (!c.start_stopped) {
        vm_start();
    }
    while (!runstate_process_requests()) {
        main_loop_wait(false);
    }
    cpus_shutdown();
    drive_close_all();
    chardev_close_all();
    log_set_file(NULL, NULL);
    return 0;
}
