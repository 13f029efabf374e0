/*
 * main.c — emu-<target>, the Linux user-mode emulator's entry point:
 *
 *     emu-arm [-L sysroot] [-cpu model] [-E var=val] [-U var] [-0 argv0]
 *             [-strace] [-d items] [-D logfile] [-g port] prog [args...]
 *
 * Options stop at the first non-option (the program); each has an EMU_*
 * variable (EMU_LD_PREFIX, EMU_CPU, EMU_STRACE, EMU_LOG, EMU_LOG_FILENAME,
 * EMU_SET_ENV, EMU_UNSET_ENV, EMU_ARGV0, EMU_GDB) that the option overrides.
 * Then: execution layer, CPU, address space, the image, and the target's
 * cpu loop, which never returns (the guest's exit ends the process).
 */
#include "gdbstub/gdbstub.h"
#include "exec/accel-opts.h"
#include "linux-user/user-internals.h"
#include "util/error.h"
#include "util/log.h"
#include "util/option.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <glib.h>

#include "config-host.h"

enum {
    OPT_HELP, OPT_L, OPT_CPU, OPT_E, OPT_U, OPT_ARGV0, OPT_STRACE, OPT_D, OPT_DFILE,
    OPT_GDB, OPT_VERSION, OPT_ACCEL,
};

static const OptionDef lu_options[] = {
    { "h", 0, OPT_HELP, NULL, "print this help and exit" },
    { "help", 0, OPT_HELP, NULL, "print this help and exit" },
    { "L", OPT_ARG, OPT_L, "path", "sysroot for the ELF interpreter and absolute paths (EMU_LD_PREFIX)" },
    { "cpu", OPT_ARG, OPT_CPU, "model", "CPU model; 'help' lists them (EMU_CPU)" },
    { "E", OPT_ARG, OPT_E, "var=value", "set a variable in the guest's environment (EMU_SET_ENV)" },
    { "U", OPT_ARG, OPT_U, "var", "remove a variable from the guest's environment (EMU_UNSET_ENV)" },
    { "0", OPT_ARG, OPT_ARGV0, "argv0", "argv[0] for the program (EMU_ARGV0)" },
    { "strace", 0, OPT_STRACE, NULL, "log every system call on stderr (EMU_STRACE)" },
    { "d", OPT_ARG, OPT_D, "item,...", "debug log items; 'help' lists them (EMU_LOG)" },
    { "D", OPT_ARG, OPT_DFILE, "file", "write the debug log to file (EMU_LOG_FILENAME)" },
    { "g", OPT_ARG, OPT_GDB, "port", "wait for gdb on a TCP port or unix socket path (EMU_GDB)" },
    { "version", 0, OPT_VERSION, NULL, "print the version and exit" },
    { "accel", OPT_ARG, OPT_ACCEL, "tcg[,tb-size=MiB][,backend=tci]",
      "translator settings (EMU_TCG_BACKEND picks the back end too)" },
    { NULL },
};

const char *lu_sysroot;
LuImage lu_image;
char **lu_exec_prefix;
int lu_exec_prefix_len;

static void usage(FILE *f)
{
    fprintf(f, "usage: emu-" TARGET_NAME " [options] program [arguments...]\n"
               "Linux " TARGET_NAME " user-mode emulator\n\nOptions:\n");
    opt_print_help(f, lu_options);
}

/* Apply a comma-separated list of var=value or var names to the environment. */
static void env_apply(GPtrArray *env, const char *spec, bool set)
{
    g_auto(GStrv) items = g_strsplit(spec, ",", -1);
    for (char **it = items; *it; it++) {
        if (!**it) {
            continue;
        }
        g_autofree char *name = g_strdup(*it);
        char *eq = strchr(name, '=');
        if (eq) {
            *eq = 0;
        }
        size_t nl = strlen(name);
        for (guint i = 0; i < env->len; i++) {
            const char *e = g_ptr_array_index(env, i);
            if (strncmp(e, name, nl) == 0 && e[nl] == '=') {
                g_ptr_array_remove_index(env, i);
                break;
            }
        }
        if (set) {
            g_ptr_array_add(env, g_strdup(*it));
        }
    }
}

/*
 * Guest paths that never fall back to the host's file: the dynamic loader's
 * configuration.  The host's /etc/ld.so.cache lists the host's libraries;
 * on an x86-64 host its i386 multilib entries (/lib32/libc.so.6) satisfy an
 * i386 guest's ld.so from the sysroot, which then runs with another build's
 * libc.so.6 and disagrees with it about GLIBC_PRIVATE layouts (pthread_create
 * walks a stack list through the wrong offsets and spins).  Without the
 * sysroot's own copy the guest sees ENOENT and searches its default
 * directories, which lu_path maps into the sysroot.
 */
static const char *const lu_sysroot_only[] = {
    "/etc/ld.so.cache",
    "/etc/ld.so.preload",
};

const char *lu_path(const char *guest_path, char *buf, size_t bufsize)
{
    if (!lu_sysroot || !guest_path || guest_path[0] != '/') {
        return guest_path;
    }
    snprintf(buf, bufsize, "%s%s", lu_sysroot, guest_path);
    if (access(buf, F_OK) == 0) {
        return buf;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(lu_sysroot_only); i++) {
        if (strcmp(guest_path, lu_sysroot_only[i]) == 0) {
            return buf;
        }
    }
    return guest_path;
}

int main(int argc, char **argv)
{
    error_set_progname(argv[0]);
    const char *cpu_model = getenv("EMU_CPU");
    const char *argv0 = getenv("EMU_ARGV0");
    const char *log_items = getenv("EMU_LOG");
    const char *log_path = getenv("EMU_LOG_FILENAME");
    const char *gdb_port = getenv("EMU_GDB");
    lu_sysroot = getenv("EMU_LD_PREFIX");
    lu_strace = getenv("EMU_STRACE") != NULL;
    GPtrArray *env = g_ptr_array_new_with_free_func(g_free);
    for (char **e = environ; *e; e++) {
        if (strncmp(*e, "EMU_", 4) != 0) {
            g_ptr_array_add(env, g_strdup(*e));
        }
    }
    if (getenv("EMU_SET_ENV")) {
        env_apply(env, getenv("EMU_SET_ENV"), true);
    }
    if (getenv("EMU_UNSET_ENV")) {
        env_apply(env, getenv("EMU_UNSET_ENV"), false);
    }

    OptionParser p;
    opt_init(&p, argc, argv, lu_options);
    Error *err = NULL;
    const char *arg;
    int id, prog = -1;
    TCGAccelOpts accel = { 0 };
    const char *accel_arg = NULL;
    while (prog < 0 && (id = opt_next(&p, &arg, &err)) != OPT_END) {
        switch (id) {
        case OPT_ERROR:
            error_report_err(err);
            return 1;
        case OPT_POSITIONAL:
            prog = p.next - 1;
            break;
        case OPT_HELP:
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("emu-" TARGET_NAME " version " EMU_VERSION "\n");
            return 0;
        case OPT_L:
            lu_sysroot = arg;
            break;
        case OPT_CPU:
            cpu_model = arg;
            break;
        case OPT_E:
            env_apply(env, arg, true);
            break;
        case OPT_U:
            env_apply(env, arg, false);
            break;
        case OPT_ARGV0:
            argv0 = arg;
            break;
        case OPT_STRACE:
            lu_strace = true;
            break;
        case OPT_D:
            log_items = arg;
            break;
        case OPT_DFILE:
            log_path = arg;
            break;
        case OPT_GDB:
            gdb_port = arg;
            break;
        case OPT_ACCEL:
            if (!tcg_accel_opts_parse(arg, &accel, &err)) {
                error_report_err(err);
                return 1;
            }
            accel_arg = arg;
            break;
        }
    }
    if (log_items && !log_select(log_items, &err)) {
        if (err) {
            error_report_err(err);
            return 1;
        }
        return 0;                  /* -d help */
    }
    if (log_path && !log_set_file(log_path, &err)) {
        error_report_err(err);
        return 1;
    }
    if (cpu_model && strcmp(cpu_model, "help") == 0) {
        lu_arch_cpu_list(stdout);
        return 0;
    }
    if (prog < 0) {
        error_report("no program to run (try -help)");
        return 1;
    }
    if (lu_sysroot) {
        char *abs = realpath(lu_sysroot, NULL);
        if (!abs) {
            error_report("-L %s: %s", lu_sysroot, strerror(errno));
            return 1;
        }
        lu_sysroot = abs;
    }

    /* what a guest execve re-runs: this binary with the same options */
    /* self, -L dir, -cpu model, -strace, -accel opts, NULL: options may come
     * from EMU_* variables, so the size cannot be taken from argv */
    lu_exec_prefix = g_new0(char *, 10);
    char self[4096];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
    lu_exec_prefix[0] = sl > 0 ? g_strndup(self, sl) : g_strdup(argv[0]);
    lu_exec_prefix_len = 1;
    if (lu_sysroot) {
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup("-L");
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup(lu_sysroot);
    }
    if (cpu_model) {
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup("-cpu");
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup(cpu_model);
    }
    if (lu_strace) {
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup("-strace");
    }
    if (accel_arg) {
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup("-accel");
        lu_exec_prefix[lu_exec_prefix_len++] = g_strdup(accel_arg);
    }

    if (!tcg_accel_opts_apply(&accel, false, &err)) {
        error_report_err(err);
        return 1;
    }
    CPUState *cpu = lu_arch_cpu_create(cpu_model, &err);
    if (!cpu) {
        error_report_err(err);
        return 1;
    }
    if (!lu_mmap_init(&err) || !lu_arch_init_memory(&err)) {
        error_report_err(err);
        return 1;
    }

    int gargc = argc - prog;
    char **gargv = g_new0(char *, gargc + 1);
    for (int i = 0; i < gargc; i++) {
        gargv[i] = argv[prog + i];
    }
    if (argv0) {
        gargv[0] = (char *)argv0;
    }
    g_ptr_array_add(env, NULL);
    lu_task_new(cpu);
    /* binfmt_misc with flag O or C hands us the open binary (it may be execute-only) */
    char fdpath[64];
    const char *load_path = argv[prog];
    unsigned long execfd = getauxval(AT_EXECFD);
    if (execfd) {
        snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%lu", execfd);
        load_path = fdpath;
    }
    if (!lu_load_image(load_path, gargv, (char **)env->pdata, cpu, &lu_image, &err)) {
        error_report_err(err);
        return 1;
    }
    lu_signal_init();
    lu_arch_init_regs(cpu, &lu_image, lu_image.stack_top);
    if (gdb_port && !gdb_user_start(gdb_port, cpu, &err)) {
        error_report_err(err);
        return 1;
    }
    lu_arch_cpu_loop(cpu);
}
