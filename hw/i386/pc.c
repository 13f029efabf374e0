/*
 * pc.c — the `pc` machine of emu-system-i386 / emu-system-x86_64: an
 * i440FX/PIIX3 PC as QEMU's `pc` (docs/user/pc.md, docs/devel/pc.md).
 *
 * Memory map:
 *   0x00000000 .. below_4g   RAM (at most 3.5 GiB below the PCI hole)
 *   0x000e0000 .. 0x000fffff the BIOS's last 128 KiB (the "isa-bios" alias;
 *                            under PAM control once the i440FX is there)
 *   4 GiB - bios size        the BIOS image as ROM (reset vector at 4 GiB - 16)
 *   4 GiB ..                 the RAM above below_4g
 * I/O: the ISA bus on the port space (get_system_io()).
 *
 * The BIOS is -bios FILE, else bios.bin found through the firmware search
 * path (-L dirs, then the data dirs; machine_find_firmware).
 */
#include "hw/i386/pc.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cpu.h"
#include "exec/cputlb.h"
#include "exec/runstate.h"
#include "hw/boards.h"
#include "hw/isa.h"
#include "hw/loader.h"
#include "util/error.h"

/* RAM at and above this goes above 4 GiB (the PCI hole: 3.5 GiB .. 4 GiB). */
#define PC_LOWMEM_LIMIT 0xe0000000ull
#define PC_4G 0x100000000ull
/* The part of the BIOS image that also appears just below 1 MiB. */
#define PC_ISA_BIOS_MAX (128 * 1024)

static PCMachineState pc_state;

PCMachineState *pc_machine(void)
{
    return &pc_state;
}

static void pc_cpu_reset(void *opaque)
{
    X86CPU *cpu = opaque;
    x86_cpu_reset_power_on(cpu);
    cpu->parent.halted = false;
    cpu->parent.exception_index = EXCP_NONE;
    tlb_flush(&cpu->parent);
}

static void pc_memory_init(PCMachineState *pcms, MachineState *ms)
{
    pcms->below_4g = ms->ram_size >= PC_LOWMEM_LIMIT ? PC_LOWMEM_LIMIT : ms->ram_size;
    pcms->above_4g = ms->ram_size - pcms->below_4g;
    memory_region_init_ram(&ms->ram, OBJECT(ms), "pc.ram", ms->ram_size, &error_fatal);
    memory_region_init_alias(&pcms->ram_below_4g, OBJECT(ms), "ram-below-4g", &ms->ram, 0,
                             pcms->below_4g);
    memory_region_add_subregion(get_system_memory(), 0, &pcms->ram_below_4g);
    if (pcms->above_4g) {
        memory_region_init_alias(&pcms->ram_above_4g, OBJECT(ms), "ram-above-4g", &ms->ram,
                                 pcms->below_4g, pcms->above_4g);
        memory_region_add_subregion(get_system_memory(), PC_4G, &pcms->ram_above_4g);
    }
}

static void pc_bios_init(PCMachineState *pcms, MachineState *ms)
{
    Error *err = NULL;
    const char *name = ms->firmware ? ms->firmware : PC_BIOS_DEFAULT;
    char *path = machine_find_firmware(ms, name);
    if (!path) {
        error_report("could not find the BIOS '%s' (give -bios FILE, or -L DIR holding it)",
                     name);
        exit(1);
    }
    int64_t size = load_image_size(path, &err);
    if (size < 0) {
        error_report_err(err);
        exit(1);
    }
    /* the reset vector is 16 bytes below 4 GiB: the image must end there, whole */
    if (size < 64 * 1024 || size % (64 * 1024) || size > 16 * 1024 * 1024) {
        error_report("BIOS '%s': size %" G_GINT64_FORMAT " is not a multiple of 64 KiB "
                     "between 64 KiB and 16 MiB", path, size);
        exit(1);
    }
    pcms->bios_size = size;
    memory_region_init_rom(&pcms->bios, OBJECT(ms), "pc.bios", size, &error_fatal);
    memory_region_add_subregion(get_system_memory(), PC_4G - size, &pcms->bios);
    if (!load_image_targphys(path, PC_4G - size, size, &err)) {
        error_report_err(err);
        exit(1);
    }
    /* the legacy window below 1 MiB shows the image's end, where the entry code is */
    uint64_t isa_size = size < PC_ISA_BIOS_MAX ? size : PC_ISA_BIOS_MAX;
    memory_region_init_alias(&pcms->isa_bios, OBJECT(ms), "isa-bios", &pcms->bios,
                             size - isa_size, isa_size);
    memory_region_add_subregion_overlap(get_system_memory(), 0x100000 - isa_size,
                                        &pcms->isa_bios, 1);
    g_free(path);
}

static void pc_cpus_init(PCMachineState *pcms, MachineState *ms)
{
    Error *err = NULL;
    for (unsigned i = 0; i < ms->smp.cpus; i++) {
        X86CPU *cpu = x86_cpu_create(ms->cpu_model, &err);
        if (!cpu) {
            error_report_err(err);
            exit(1);
        }
        pcms->cpus[i] = cpu;
        runstate_register_reset(pc_cpu_reset, cpu);
    }
}

static void pc_init(MachineState *ms)
{
    PCMachineState *pcms = &pc_state;
    pcms->ms = ms;
    pc_memory_init(pcms, ms);
    pc_bios_init(pcms, ms);
    pc_cpus_init(pcms, ms);
    pcms->isa_bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
}

static void pc_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    mc->desc = "Standard PC (i440FX + PIIX, 1996)";
    mc->init = pc_init;
    mc->is_default = true;
    mc->default_ram_size = 128 << 20;
    mc->max_cpus = 1;
    mc->default_cpu_model = "qemu64";
}

static const TypeInfo pc_machine_info = {
    .name = MACHINE_TYPE_NAME("pc"),
    .parent = TYPE_MACHINE,
    .class_init = pc_machine_class_init,
};
TYPE_REGISTER(pc_machine_info)

/*
 * -cpu help and -cpu validation list the front end's models; cpu.c prints
 * them (one name a line), so this reads that list instead of repeating it.
 */
static void __attribute__((constructor)) pc_register_cpu_models(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        return;
    }
    i386_cpu_list(f);
    fclose(f);
    char **names = g_strsplit(buf, "\n", -1);
    for (char **n = names; *n; n++) {
        if (**n) {
            const X86CPUModel *m = i386_cpu_model_find(*n);
            cpu_model_register(g_strdup(*n), m && *m->model_id ? m->model_id : m ? m->vendor : "");
        }
    }
    g_strfreev(names);
    free(buf);
}
