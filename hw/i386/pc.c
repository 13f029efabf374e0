/*
 * pc.c — the `pc` machine of emu-system-i386 / emu-system-x86_64: an
 * i440FX/PIIX3 PC as QEMU's `pc` (docs/user/pc.md, docs/devel/pc.md).
 *
 * Memory map:
 *   0x00000000 .. 0x0009ffff RAM
 *   0x000a0000 .. 0x000bffff VGA window (PCI side)
 *   0x000c0000 .. 0x000fffff PAM segments: RAM or the PCI side, as the
 *                            i440FX's PAM registers say; the PCI side of
 *                            0xe0000.. is the BIOS's last 128 KiB ("isa-bios")
 *   0x00100000 .. below_4g   RAM (at most 3.5 GiB below the PCI hole)
 *   4 GiB - bios size        the BIOS image as ROM (reset vector at 4 GiB - 16)
 *   4 GiB ..                 the RAM above below_4g
 * PCI: i440FX host (0:0.0, 0xcf8/0xcfc), PIIX3 ISA bridge (0:1.0) whose
 * PIRQA..D reach ISA IRQs; the ISA bus behind it.
 * Interrupts: ISA IRQ n -> the GSI fan-out (pc_gsi_handler) -> 8259 input n
 * and IOAPIC pin n (IRQ 0 to pin 2), once those controllers are attached.
 *
 * The BIOS is -bios FILE, else bios.bin found through the firmware search
 * path (-L dirs, then the data dirs; machine_find_firmware).
 */
#include "hw/i386/pc.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cpu.h"
#include "target/i386/gdbstub.h"
#include "exec/cputlb.h"
#include "exec/runstate.h"
#include "hw/boards.h"
#include "hw/i386/x86-intr.h"
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "hw/intc/ioapic.h"
#include "hw/acpi/piix4.h"
#include "hw/display/vga.h"
#include "hw/input/i8042.h"
#include "hw/timer/hpet.h"
#include "hw/char/serial.h"
#include "hw/ide/piix.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/sysbus.h"
#include "hw/timer/i8254.h"
#include "hw/isa.h"
#include "hw/loader.h"
#include "util/error.h"
#include "util/option.h"

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

/* The RAM region and what lies above 4 GiB; below it the i440FX maps. */
static void pc_memory_init(PCMachineState *pcms, MachineState *ms)
{
    pcms->below_4g = ms->ram_size >= PC_LOWMEM_LIMIT ? PC_LOWMEM_LIMIT : ms->ram_size;
    pcms->above_4g = ms->ram_size - pcms->below_4g;
    memory_region_init_ram(&ms->ram, OBJECT(ms), "pc.ram", ms->ram_size, &error_fatal);
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

/*
 * ISA IRQ / GSI n: to 8259 input n (n < 16) and to IOAPIC pin n, except
 * IRQ 0 which the IOAPIC sees on pin 2 (the MADT's interrupt source
 * override).  Inputs not attached yet are NULL lines and do nothing.
 */
static void pc_gsi_handler(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;
    if (n < ISA_NUM_IRQS) {
        irq_set(pcms->pic_in[n], level);
    }
    irq_set(pcms->ioapic_in[n == 0 ? 2 : n], level);
}

/*
 * ISA IRQ n as the ISA bus (PIT, RTC, UARTs, ... and the PIIX3's PIRQs)
 * drives it.  While the HPET's legacy replacement is on, the chipset gives
 * IRQ 0 and IRQ 8 to HPET timers 0 and 1 and disconnects the PIT and the
 * RTC; the levels of both sides are kept so that switching back shows the
 * current one.
 */
static void pc_isa_irq_update(PCMachineState *pcms, int n)
{
    bool legacy = pcms->hpet_legacy && (n == 0 || n == 8);
    irq_set(pcms->gsi[n], legacy ? pcms->hpet_level[n == 8] : pcms->isa_level[n]);
}

static void pc_isa_irq_handler(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;
    pcms->isa_level[n] = level;
    pc_isa_irq_update(pcms, n);
}

/* HPET legacy outputs: n = 0 or 8 (timer 0 / 1), -1 the legacy-replacement state. */
static void pc_hpet_legacy(void *opaque, int n, int level)
{
    PCMachineState *pcms = opaque;
    if (n < 0) {
        pcms->hpet_legacy = level;
    } else {
        pcms->hpet_level[n == 8] = level;
    }
    pc_isa_irq_update(pcms, 0);
    pc_isa_irq_update(pcms, 8);
}

/*
 * Local APIC per CPU (MMIO at 0xfee00000, served per accessing CPU); the
 * 8259's INT goes to the BSP's LINT0, which SeaBIOS and Linux program as
 * ExtINT (virtual wire mode) — as on QEMU's pc, the 8259 does not bypass
 * the APIC.
 */
static void pc_interrupts_init(PCMachineState *pcms, MachineState *ms)
{
    static ApicCpuHooks hooks;
    hooks.set_sipi_vector = x86_cpu_set_sipi_vector;
    pcms->pic = i8259_create(NULL, &error_fatal);
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        pcms->pic_in[i] = qdev_get_gpio_in(pcms->pic, i);
    }
    for (unsigned i = 0; i < ms->smp.cpus; i++) {
        CPUState *cs = &pcms->cpus[i]->parent;
        DeviceState *apic = qdev_new(TYPE_APIC);
        char id[16];
        g_snprintf(id, sizeof(id), "%u", i);
        qdev_prop_set(apic, "id", id, &error_fatal);
        qdev_realize(apic, NULL, &error_fatal);
        apic_connect_cpu(apic, cs, &hooks);
        x86_cpu_set_apic_id(cs, i);
        x86_cpu_set_intr_controller(cs, &apic_intr_ops, apic);
        if (i == 0) {
            sysbus_mmio_map(SYS_BUS_DEVICE(apic), 0, APIC_DEFAULT_ADDRESS);
            apic_set_extint_ack(apic, i8259_ack, pcms->pic);
            qdev_connect_gpio_out(pcms->pic, 0, qdev_get_gpio_in(apic, APIC_LINT0));
        }
        pcms->apic[i] = apic;
    }
    DeviceState *ioapic = qdev_new(TYPE_IOAPIC);
    qdev_realize(ioapic, NULL, &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(ioapic), 0, IOAPIC_DEFAULT_ADDRESS);
    for (int i = 0; i < IOAPIC_NUM_PINS && i < PC_NUM_GSI; i++) {
        pcms->ioapic_in[i] = qdev_get_gpio_in(ioapic, i);
    }
    pcms->ioapic = ioapic;

    DeviceState *hpet = qdev_new(TYPE_HPET);
    qdev_realize(hpet, NULL, &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(hpet), 0, HPET_DEFAULT_ADDRESS);
    for (int i = 0; i < HPET_NUM_ROUTES && i < PC_NUM_GSI; i++) {
        qdev_connect_gpio_out(hpet, i, pcms->ioapic_in[i]);
    }
    qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_IRQ0, irq_new(pc_hpet_legacy, pcms, 0));
    qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_IRQ8, irq_new(pc_hpet_legacy, pcms, 8));
    qdev_connect_gpio_out(hpet, HPET_OUT_LEGACY_ACTIVE, irq_new(pc_hpet_legacy, pcms, -1));
}

/* CMOS boot device codes (0x3d, 0x38) for -boot order letters, as the BIOS reads them. */
static int pc_cmos_boot_code(char c)
{
    switch (c) {
    case 'a': return 1;
    case 'c': return 2;
    case 'd': return 3;
    case 'n': return 4;
    default: return 0;
    }
}

/*
 * The CMOS bytes a PC BIOS reads (the IBM AT layout, and the extensions
 * SeaBIOS reads on QEMU): memory sizes, equipment, no floppy drives, the
 * CPU count and the boot order (default "cad", QEMU's).
 */
static void pc_cmos_init(PCMachineState *pcms, MachineState *ms)
{
    DeviceState *rtc = pcms->rtc;
    uint64_t ext_kb = ms->ram_size / 1024 > 1024 ? ms->ram_size / 1024 - 1024 : 0;
    if (ext_kb > 0xffff) {
        ext_kb = 0xffff;
    }
    mc146818rtc_set_cmos(rtc, 0x15, 640 & 0xff);     /* base memory, KiB */
    mc146818rtc_set_cmos(rtc, 0x16, 640 >> 8);
    mc146818rtc_set_cmos(rtc, 0x17, ext_kb);         /* extended memory, KiB */
    mc146818rtc_set_cmos(rtc, 0x18, ext_kb >> 8);
    mc146818rtc_set_cmos(rtc, 0x30, ext_kb);
    mc146818rtc_set_cmos(rtc, 0x31, ext_kb >> 8);
    uint64_t above16 = pcms->below_4g > (16 << 20) ? (pcms->below_4g - (16 << 20)) >> 16 : 0;
    if (above16 > 0xffff) {
        above16 = 0xffff;
    }
    mc146818rtc_set_cmos(rtc, 0x34, above16);        /* 16 MiB .. 4 GiB, 64 KiB units */
    mc146818rtc_set_cmos(rtc, 0x35, above16 >> 8);
    uint64_t above4g = pcms->above_4g >> 16;
    mc146818rtc_set_cmos(rtc, 0x5b, above4g);        /* above 4 GiB, 64 KiB units */
    mc146818rtc_set_cmos(rtc, 0x5c, above4g >> 8);
    mc146818rtc_set_cmos(rtc, 0x5d, above4g >> 16);
    mc146818rtc_set_cmos(rtc, 0x5f, ms->smp.cpus - 1);
    mc146818rtc_set_cmos(rtc, 0x10, 0);              /* no floppy drives */
    mc146818rtc_set_cmos(rtc, 0x14, 0x02 | 0x04);    /* FPU, PS/2 mouse; VGA; no floppy */
    const char *order = ms->boot_order[0] ? ms->boot_order : "cad";
    int b0 = pc_cmos_boot_code(order[0]);
    int b1 = order[0] ? pc_cmos_boot_code(order[1]) : 0;
    int b2 = order[0] && order[1] ? pc_cmos_boot_code(order[2]) : 0;
    mc146818rtc_set_cmos(rtc, 0x3d, b1 << 4 | b0);
    /* bit 0: skip the floppy boot-signature check */
    mc146818rtc_set_cmos(rtc, 0x38, b2 << 4 | 1);
}

/* The ISA devices every PC has at fixed places, and the PIIX3's IDE function. */
static void pc_isa_devices_init(PCMachineState *pcms, MachineState *ms)
{
    isa_create_simple("port92", &error_fatal);
    pcms->pit = i8254_create(0x40, 0, &error_fatal);
    pcspk_create(pcms->pit, &error_fatal);
    pcms->rtc = mc146818rtc_create(0x70, 8, &error_fatal);
    pc_cmos_init(pcms, ms);
    /* COM1 always (Linux's console=ttyS0 wants the UART even when output goes nowhere) */
    for (int i = 0; i < MAX_SERIAL_PORTS; i++) {
        if (i == 0 || serial_hd(i)) {
            serial_isa_create(i, serial_hd(i), &error_fatal);
        }
    }
    i8042_create(&error_fatal);
    PCIDevice *ide = piix3_ide_create(pcms->pci_bus, PCI_DEVFN(1, 1), &error_fatal);
    qdev_connect_gpio_out(DEVICE(ide), 0, pcms->isa_irqs[14]);
    qdev_connect_gpio_out(DEVICE(ide), 1, pcms->isa_irqs[15]);
    PCIDevice *pm = piix4_pm_create(pcms->pci_bus, PCI_DEVFN(1, 3), &error_fatal);
    qdev_connect_gpio_out(DEVICE(pm), 0, pcms->isa_irqs[9]);
}

/*
 * The display adapter: the standard VGA at 0:2.0 (QEMU's default), its
 * BIOS vgabios-stdvga.bin through the firmware search; -vga none leaves it
 * out.  -nographic keeps it, as QEMU does (SeaBIOS still mirrors its
 * console on COM1 then, from fw_cfg's NOGRAPHIC).
 */
static void pc_vga_init(PCMachineState *pcms, MachineState *ms)
{
    if (ms->vga && !strcmp(ms->vga, "none")) {
        return;
    }
    if (ms->vga && strcmp(ms->vga, "std") != 0) {
        error_report("-vga %s: this board has 'std' and 'none'", ms->vga);
        exit(1);
    }
    DeviceState *vga = qdev_new(TYPE_VGA);
    qdev_prop_set(vga, "addr", "2.0", &error_fatal);
    qdev_realize(vga, BUS(pcms->pci_bus), &error_fatal);
    object_unref(OBJECT(vga));
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
        /* gdb (-s/-gdb) sees GDB's i386 / i386:x86-64 register features */
        gdb_register_cpu_ops(cpu->parent.tcg_ops, &i386_gdb_ops);
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
    pcms->gsi = irq_allocate(pc_gsi_handler, pcms, PC_NUM_GSI);
    pcms->i440fx = i440fx_init(&ms->ram, pcms->below_4g, memory_region_get_ram_ptr(&pcms->bios),
                               pcms->bios_size, &error_fatal);
    pcms->pci_bus = i440fx_pci_bus(pcms->i440fx);
    pcms->isa_irqs = irq_allocate(pc_isa_irq_handler, pcms, ISA_NUM_IRQS);
    pcms->piix3 = piix3_init(pcms->pci_bus, pcms->isa_irqs, &error_fatal);
    pcms->isa_bus = piix3_isa_bus(pcms->piix3);
    pc_interrupts_init(pcms, ms);
    pc_isa_devices_init(pcms, ms);
    pc_vga_init(pcms, ms);
    pc_fw_cfg_init(pcms);
    pc_acpi_init(pcms);
    pc_linux_load(pcms, ms->props ? keyval_get(ms->props, "linux-boot") : NULL);
}

static void pc_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    mc->desc = "Standard PC (i440FX + PIIX, 1996)";
    mc->init = pc_init;
    mc->is_default = true;
    mc->default_ram_size = 128 << 20;
    mc->max_cpus = PC_MAX_CPUS;
#ifdef TARGET_X86_64
    mc->default_cpu_model = "qemu64";
#else
    /*
     * An Intel model, as QEMU's qemu32 is: with qemu64 (AuthenticAMD) the
     * 686 kernel reads AMD's SYSCFG MSR, which target/i386 refuses (#GP)
     * where QEMU reads 0.
     */
    mc->default_cpu_model = "core2duo";
#endif
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
