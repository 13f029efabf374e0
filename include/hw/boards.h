/*
 * boards.h — machines: the registry behind -M, and what the command line
 * gives a board's init (RAM size, CPU topology and model, firmware and
 * kernel files).
 *
 *     static void toy_machine_class_init(ObjectClass *oc, void *data)
 *     {
 *         MachineClass *mc = MACHINE_CLASS(oc);
 *         mc->desc = "toy board (RAM, UART, exit device)";
 *         mc->init = toy_machine_init;
 *         mc->is_default = true;
 *     }
 *     static const TypeInfo toy_machine = {
 *         .name = MACHINE_TYPE_NAME("toy"), .parent = TYPE_MACHINE,
 *         .class_init = toy_machine_class_init,
 *     };
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/memory.h"
#include "qom/object.h"

#define TYPE_MACHINE "machine"
#define MACHINE_TYPE_SUFFIX "-machine"
#define MACHINE_TYPE_NAME(name) name MACHINE_TYPE_SUFFIX

/* -smp cpus=,sockets=,cores=,threads=,maxcpus= after defaults were filled in. */
typedef struct CpuTopology {
    unsigned cpus;
    unsigned sockets;
    unsigned cores;
    unsigned threads;
    unsigned max_cpus;
} CpuTopology;

typedef struct MachineState {
    Object parent;
    uint64_t ram_size;             /* -m */
    CpuTopology smp;               /* -smp */
    char *cpu_model;               /* -cpu, or the class's default */
    char *firmware;                /* -bios */
    char *kernel_filename;         /* -kernel */
    char *initrd_filename;         /* -initrd */
    char *kernel_cmdline;          /* -append ("" when absent) */
    char *dtb;                     /* -dtb */
    char **firmware_dirs;          /* -L dirs, then the built-in data dirs (NULL-terminated) */
    char *boot_order;              /* -boot order= ("" when absent), e.g. "cd" */
    bool boot_menu;                /* -boot menu=on */
    bool nographic;                /* -nographic */
    char *vga;                     /* -vga TYPE (NULL: the board's default; "none") */
    /* -machine's other keys (NULL: none); init reads its own with keyval_get, vl.c rejects the rest */
    struct KeyValList *props;
    MemoryRegion ram;              /* allocated by machine_create_ram() */
} MachineState;

typedef struct MachineClass {
    ObjectClass parent;
    const char *name;              /* the type name without MACHINE_TYPE_SUFFIX (filled in) */
    const char *desc;              /* one line for -M help */
    bool is_default;               /* picked without -M */
    /* build the board: RAM, CPUs, devices, load firmware/kernel; errors exit */
    void (*init)(MachineState *ms);
    uint64_t default_ram_size;     /* 0: 128 MiB */
    unsigned max_cpus;             /* 0: 1 */
    const char *default_cpu_model; /* NULL: the board has no choice */
    int block_default_type;        /* BlockInterfaceType of -drive without if= (0: ide) */
} MachineClass;

#define MACHINE(obj) OBJECT_CHECK(MachineState, obj, TYPE_MACHINE)
#define MACHINE_CLASS(oc) OBJECT_CLASS_CHECK(MachineClass, oc, TYPE_MACHINE)
#define MACHINE_GET_CLASS(obj) OBJECT_GET_CLASS(MachineClass, obj, TYPE_MACHINE)

/* The class for a -M name (aliases: none yet), or NULL. */
MachineClass *machine_find_class(const char *name);
MachineClass *machine_default_class(void);
void machine_print_list(FILE *out);
/*
 * The path of firmware file name: as given when it names an existing file
 * (contains a '/' or is in the current directory), else the first of
 * ms->firmware_dirs holding it; NULL when none does.  g_free it.
 */
char *machine_find_firmware(MachineState *ms, const char *name);
/* The running machine (after creation), or NULL. */
MachineState *machine_current(void);
void machine_set_current(MachineState *ms);
/* Allocate ms->ram (ms->ram_size bytes, "ram") and map it at addr of the system memory. */
void machine_create_ram(MachineState *ms, uint64_t addr);

/* The binary's target name ("arm", "x86_64"; "toy" in tests), set by main. */
extern const char *machine_target_name;

/* The chardev of serial port i (-serial, -nographic), NULL when none. */
typedef struct Chardev Chardev;
Chardev *serial_hd(int i);
void serial_hd_set(int i, Chardev *chr);
#define MAX_SERIAL_PORTS 4

/* CPU models a target offers (-cpu help); the front end registers them. */
void cpu_model_register(const char *name, const char *desc);
bool cpu_model_exists(const char *name);
void cpu_model_print_list(FILE *out);

#endif
