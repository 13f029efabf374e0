/*
 * system.c — the gdbstub in system mode (compiled into every emu-system-*
 * through softmmu_sources): a server chardev (TCP or unix socket) on the
 * main loop, one gdb thread per vCPU, stops taken from the run state.
 *
 *     -s                    the same as -gdb tcp::1234
 *     -gdb tcp::PORT        listen on PORT (any chardev spec: unix:PATH ...)
 *     (monitor) gdbserver [spec]
 *
 * Everything runs with the BQL held: chardev input on the main loop, and
 * the run-state listener, which the vCPU thread calls when a breakpoint or
 * a step makes it stop the VM (vm_stop(RUN_STATE_DEBUG)).  gdb connecting
 * stops the VM (it expects a stopped target); c/s/vCont start it again
 * with the stepping CPU's SSTEP_ENABLE | SSTEP_NOIRQ (one instruction,
 * interrupts masked, as gdb users expect).  The vCPUs share one thread, so
 * a vCont that leaves some threads stopped cannot hold them back: they run,
 * only the stepped one stops after its instruction.
 *
 * Memory is the CPU's virtual view, through the soft TLB without faulting
 * the guest (tlb_probe_host): device memory and unmapped addresses are E14.
 * A write drops all translated code (the same as a breakpoint does here).
 * Watchpoints (Z2 write, Z3 read, Z4 access) become CPU watchpoints on
 * every vCPU, checked by the soft TLB (accel/tcg/watchpoint.c): the CPU
 * stops after the instruction that touched the bytes and the stop reply
 * names the watchpoint gdb set.
 */
#include "chardev/char.h"
#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "exec/runstate.h"
#include "gdbstub/gdbstub.h"
#include "internals.h"
#include "monitor/monitor.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

static GDBState gs;
static bool started;
static bool connected;
static Chardev *gdb_chr;
static CharFrontend gdb_fe;

/* ---- the mode operations (BQL held) --------------------------------------- */

static void sys_send(GDBState *s, const void *buf, size_t len)
{
    chr_fe_write_all(&gdb_fe, buf, (int)len);
}

static bool sys_memory_rw(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    int mmu_idx = cpu->tcg_ops->mmu_index(cpu, false);
    uint64_t page = (uint64_t)1 << tcg_page_bits;
    bool wrote = false;
    while (len) {
        size_t chunk = MIN(len, page - (addr & (page - 1)));
        uint8_t *host = tlb_probe_host(cpu, addr, write ? MMU_DATA_STORE : MMU_DATA_LOAD,
                                       mmu_idx);
        if (!host) {
            break;
        }
        if (write) {
            memcpy(host, buf, chunk);
            wrote = true;
        } else {
            memcpy(buf, host, chunk);
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    if (wrote) {
        tb_flush(NULL);            /* the bytes may be translated code */
    }
    return len == 0;
}

static int sys_thread_id(CPUState *cpu)
{
    return cpu->cpu_index + 1;
}

static CPUState *sys_thread_cpu(int tid)
{
    CPU_FOREACH(cpu) {
        if (cpu->cpu_index + 1 == tid) {
            return cpu;
        }
    }
    return NULL;
}

static void sys_list_threads(GPtrArray *out)
{
    CPU_FOREACH(cpu) {
        g_ptr_array_add(out, cpu);
    }
}

static void sys_resume(GDBState *s)
{
    CPU_FOREACH(cpu) {
        int sig;
        GDBAction a = gdb_resume_action(s, cpu, &sig);
        cpu_single_step(cpu, a == GDB_ACTION_STEP ? SSTEP_ENABLE | SSTEP_NOIRQ : 0);
    }
    vm_start();
}

static void sys_interrupt(GDBState *s)
{
    vm_stop(RUN_STATE_PAUSED);     /* the STOP event reports it */
}

static void sys_kill(GDBState *s)
{
    runstate_request_shutdown(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void end_session(void)
{
    CPU_FOREACH(cpu) {
        cpu_single_step(cpu, 0);
    }
    gs.running = false;
    RunState st = runstate_get();
    if (st == RUN_STATE_DEBUG || st == RUN_STATE_PAUSED) {
        vm_start();                /* gdb stopped it; without gdb it runs */
    }
}

static void sys_detach(GDBState *s)
{
    end_session();
}

static char *sys_monitor_command(GDBState *s, const char *cmd)
{
    return monitor_hmp_execute(cmd);
}

static bool sys_watch_supported(GDBState *s, int type)
{
    return true;
}

static int watch_bp_flags(int type)
{
    return type == GDB_WATCH_WRITE ? BP_MEM_WRITE
         : type == GDB_WATCH_READ ? BP_MEM_READ : BP_MEM_ACCESS;
}

/* gdb's list changed: every vCPU gets the same set (the VM is stopped). */
static void sys_watch_changed(GDBState *s)
{
    CPU_FOREACH(cpu) {
        const GDBCPUOps *ops = gdb_cpu_ops(cpu);
        int when = ops && ops->watch_before_access ? BP_STOP_BEFORE_ACCESS : 0;
        cpu_watchpoint_remove_all(cpu);
        for (int i = 0; i < s->n_watch; i++) {
            const GDBWatchpoint *w = &s->watch[i];
            cpu_watchpoint_insert(cpu, w->addr, w->len, watch_bp_flags(w->type) | when);
        }
    }
}

static const GDBModeOps sys_mode_ops = {
    .send = sys_send,
    .memory_rw = sys_memory_rw,
    .thread_id = sys_thread_id,
    .thread_cpu = sys_thread_cpu,
    .list_threads = sys_list_threads,
    .resume = sys_resume,
    .interrupt = sys_interrupt,
    .kill = sys_kill,
    .detach = sys_detach,
    .monitor_command = sys_monitor_command,
    .auxv = NULL,
    .exec_file = NULL,
    .watch_supported = sys_watch_supported,
    .watch_changed = sys_watch_changed,
    .attached_existing = true,
};

/* ---- stops ------------------------------------------------------------------ */

static uint64_t cpu_pc(CPUState *cpu)
{
    uint64_t pc, cs_base;
    uint32_t flags;
    cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    return pc;
}

/*
 * The CPU a debug stop came from: one that hit a watchpoint, the stepping
 * one, else one sitting on a breakpoint.
 */
static CPUState *stopped_cpu(void)
{
    CPU_FOREACH(cpu) {
        if (cpu->watchpoint_hit) {
            return cpu;
        }
    }
    CPU_FOREACH(cpu) {
        if (cpu->singlestep_enabled) {
            return cpu;
        }
    }
    CPU_FOREACH(cpu) {
        if (cpu->breakpoints && cpu_breakpoint_test(cpu, cpu_pc(cpu))) {
            return cpu;
        }
    }
    return first_cpu;
}

/*
 * gdb's watchpoint behind cpu's hit, consumed: the hit is cleared, and so
 * is the stop request a step may have left pending next to it.
 */
static const GDBWatchpoint *watch_that_hit(CPUState *cpu)
{
    const CPUWatchpoint *wp = cpu->watchpoint_hit;
    if (!wp) {
        return NULL;
    }
    cpu->watchpoint_hit = NULL;
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_DEBUG);
    for (int i = 0; i < gs.n_watch; i++) {
        const GDBWatchpoint *w = &gs.watch[i];
        if (w->addr == wp->vaddr && w->len == wp->len &&
            watch_bp_flags(w->type) == (wp->flags & BP_MEM_ACCESS)) {
            return w;
        }
    }
    return NULL;
}

static void on_run_event(const RunEvent *ev, void *opaque)
{
    if (!connected || gs.detached) {
        return;
    }
    if (!strcmp(ev->name, "STOP") && gs.running) {
        CPUState *cpu = stopped_cpu();
        int sig = runstate_get() == RUN_STATE_DEBUG ? 5 : 2;   /* SIGTRAP, or SIGINT */
        CPU_FOREACH(c) {
            cpu_single_step(c, 0);
        }
        const GDBWatchpoint *watch = sig == 5 ? watch_that_hit(cpu) : NULL;
        gdb_report_stop(&gs, cpu, sig, watch);
    } else if (!strcmp(ev->name, "SHUTDOWN") && gs.running) {
        gdb_report_exit(&gs, false, 0);
    }
}

/* ---- the connection ------------------------------------------------------- */

static int gdb_can_read(void *opaque)
{
    return 4096;
}

static void gdb_read(void *opaque, const uint8_t *buf, int size)
{
    if (connected && !gs.detached) {
        gdb_handle_bytes(&gs, buf, size);
    }
}

static void gdb_event(void *opaque, ChrEvent event)
{
    if (event == CHR_EVENT_OPENED) {
        if (connected) {
            gdb_state_destroy(&gs);
        }
        gdb_state_init(&gs, &sys_mode_ops, NULL);
        connected = true;
        /* gdb expects a stopped target; -S leaves it in prelaunch already */
        if (runstate_is_running()) {
            vm_stop(RUN_STATE_PAUSED);
        }
        gs.stop_cpu = first_cpu;
    } else if (event == CHR_EVENT_CLOSED && connected) {
        if (!gs.detached) {
            /* gdb went away without D: drop its breakpoints, let the guest run */
            gs.running = false;
            gdb_handle_bytes(&gs, (const uint8_t *)"$D#44", 5);
        }
        connected = false;
    }
}

/* A legacy chardev spec for -gdb's argument: server sockets that do not wait. */
static char *chardev_spec(const char *spec)
{
    char *end;
    long port = strtol(spec, &end, 10);
    /* nodelay: the ack and the reply are separate small writes */
    if (*spec && !*end && port > 0) {
        return g_strdup_printf("tcp::%ld,server=on,wait=off,nodelay=on", port);
    }
    if (g_str_has_prefix(spec, "tcp:") && !strstr(spec, "server")) {
        return g_strdup_printf("%s,server=on,wait=off,nodelay=on", spec);
    }
    if (g_str_has_prefix(spec, "unix:") && !strstr(spec, "server")) {
        return g_strdup_printf("%s,server=on,wait=off", spec);
    }
    return g_strdup(spec);
}

bool gdb_system_start(const char *spec, Error **errp)
{
    if (!strcmp(spec, "none")) {
        return true;
    }
    if (started) {
        error_setg(errp, "gdbserver: the GDB stub is already listening");
        return false;
    }
    g_autofree char *chr_spec = chardev_spec(spec);
    Chardev *chr = chardev_new_from_legacy(chr_spec, "gdb", errp);
    if (!chr) {
        error_prepend(errp, "-gdb %s: ", spec);
        return false;
    }
    if (!chr_fe_init(&gdb_fe, chr, errp)) {
        return false;
    }
    gdb_chr = chr;
    started = true;
    runstate_add_event_listener(on_run_event, NULL);
    chr_fe_set_handlers(&gdb_fe, gdb_can_read, gdb_read, gdb_event, NULL);
    return true;
}

static bool monitor_gdbserver(const char *arg, Error **errp)
{
    return gdb_system_start(arg && *arg ? arg : "tcp::1234", errp);
}

static void __attribute__((constructor)) gdb_system_register_hook(void)
{
    monitor_set_hook(MONITOR_HOOK_GDBSERVER, monitor_gdbserver);
}
