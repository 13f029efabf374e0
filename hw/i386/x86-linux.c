/*
 * x86-linux.c — -kernel/-initrd/-append on the pc machine: a bzImage per
 * the Linux x86 boot protocol (Documentation/arch/x86/boot.rst), booted in
 * one of two ways (docs/user/pc.md):
 *
 * firmware (the default, as QEMU does it): the setup sectors (with their
 *   header filled in), the protected-mode kernel, the initrd and the
 *   command line become fw_cfg items with the addresses they belong at;
 *   SeaBIOS runs the linuxboot_dma.bin option ROM (fw_cfg file
 *   "genroms/linuxboot_dma.bin", first in "bootorder"), which copies them
 *   there by fw_cfg DMA and enters the real-mode setup code.  The kernel
 *   thus sees the BIOS's e820, ACPI tables and a real-mode entry.
 *
 * direct (-machine pc,linux-boot=direct): no firmware code runs.  At every
 *   reset the board writes the zero page (boot_params with the setup
 *   header, an e820 map and the command line pointer), the kernel at its
 *   32-bit load address and the initrd, plus a 40-byte trampoline that
 *   loads a flat GDT (__BOOT_CS 0x10, __BOOT_DS 0x18), sets CR0.PE and
 *   jumps to code32_start with ESI = the zero page, EBP/EDI/EBX = 0, as the
 *   32-bit boot protocol asks; the BSP starts at the trampoline.  The board
 *   also does the firmware's ACPI work (hw/acpi/acpi-place.c runs fw_cfg's
 *   etc/table-loader, the same tables SeaBIOS would place): the tables go
 *   to the top DIRECT_ACPI_SIZE bytes of RAM below 4 GiB, which the e820
 *   map gives as ACPI, the RSDP to the F segment (0xf0000.., where an OS
 *   scans for it) and, for boot protocol >= 2.14, to boot_params'
 *   acpi_rsdp_addr.  So the kernel finds the MADT (APICs, IOAPIC), the
 *   HPET and the FADT, and a guest power-off ends emu.  An MP table
 *   (pc_mptable_place) follows the RSDP in the F segment, as SeaBIOS
 *   writes one, for kernels that run without ACPI (acpi=off).
 *
 * Placement (boot protocol >= 2.02): setup at 0x10000, command line at
 * 0x20000, kernel at 0x100000; initrd page-aligned as high as
 * initrd_addr_max and the RAM below 4 GiB allow, keeping the top 1 MiB for
 * the firmware's tables.  Older protocols (< 2.02) put setup at 0x90000
 * and the command line at 0x9a000.
 */
#include "hw/i386/pc.h"

#include <string.h>

#include <glib.h>

#include "cpu.h"
#include "exec/runstate.h"
#include "hw/acpi/acpi-place.h"
#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"
#include "util/error.h"

/* Setup header offsets (boot.rst, "The Real-Mode Kernel Header"). */
enum {
    HDR_SETUP_SECTS = 0x1f1,
    HDR_BOOT_FLAG = 0x1fe,
    HDR_HEADER = 0x202,                /* "HdrS" */
    HDR_VERSION = 0x206,
    HDR_TYPE_OF_LOADER = 0x210,
    HDR_LOADFLAGS = 0x211,
    HDR_CODE32_START = 0x214,
    HDR_RAMDISK_IMAGE = 0x218,
    HDR_RAMDISK_SIZE = 0x21c,
    HDR_HEAP_END_PTR = 0x224,
    HDR_CMD_LINE_PTR = 0x228,
    HDR_INITRD_ADDR_MAX = 0x22c,
    HDR_CMDLINE_SIZE = 0x238,
    HDR_END_MAX = 0x290,               /* the header ends before this in every version */
    /* boot_params (the zero page) outside the header */
    BP_E820_ENTRIES = 0x1e8,
    BP_SENTINEL = 0x1ef,
    BP_E820_TABLE = 0x2d0,
    BP_ACPI_RSDP_ADDR = 0x070,         /* u64 (zero-page.rst), read by kernels of protocol 2.14+ */
    BP_OLD_CL_MAGIC = 0x20,            /* protocol < 2.02: 0xa33f, then the offset */
    BP_OLD_CL_OFFSET = 0x22,
};

#define LOADFLAG_LOADED_HIGH 0x01
#define LOADFLAG_CAN_USE_HEAP 0x80
#define LOADER_TYPE_UNDEFINED 0xff
#define FIRMWARE_RESERVE (1024 * 1024)
#define OPTION_ROM "linuxboot_dma.bin"

/* Direct boot: where the board's own pieces go (below the setup area). */
#define DIRECT_TRAMPOLINE 0x6000
#define DIRECT_GDT 0x6100
#define DIRECT_ZERO_PAGE 0x7000
#define DIRECT_STACK 0x9000
/* The ACPI tables' share of the top of low RAM (inside FIRMWARE_RESERVE), and the RSDP's zone. */
#define DIRECT_ACPI_SIZE (64 * 1024)
#define DIRECT_RSDP_ZONE 0xf0000
#define DIRECT_RSDP_ZONE_END 0x100000

/* e820 types (the ACPI specification's address range types, 15.1) */
enum { E820_RAM = 1, E820_RESERVED = 2, E820_ACPI = 3 };

typedef struct LinuxImage {
    uint8_t *setup;                    /* the real-mode part, header filled in */
    size_t setup_size;
    uint8_t *kernel;                   /* the protected-mode part */
    size_t kernel_size;
    uint8_t *initrd;
    size_t initrd_size;
    char *cmdline;
    uint32_t real_addr, cmdline_addr, prot_addr, initrd_addr, code32_start;
    uint16_t protocol;
} LinuxImage;

static LinuxImage linux_image;

static uint16_t get16(const uint8_t *p) { return p[0] | p[1] << 8; }
static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }
static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }

static void __attribute__((noreturn)) linux_die(const char *file, const char *why)
{
    error_report("-kernel %s: %s", file, why);
    exit(1);
}

/* Read the bzImage and initrd, choose addresses and fill in the setup header. */
static void linux_prepare(PCMachineState *pcms, MachineState *ms, LinuxImage *li)
{
    const char *file = ms->kernel_filename;
    gchar *data;
    gsize size;
    GError *gerr = NULL;
    if (!g_file_get_contents(file, &data, &size, &gerr)) {
        linux_die(file, gerr->message);
    }
    if (size < 0x1000 || get16((uint8_t *)data + HDR_BOOT_FLAG) != 0xaa55) {
        linux_die(file, "not a Linux x86 kernel image (no 0xaa55 boot flag)");
    }
    uint8_t *h = (uint8_t *)data;
    li->protocol = memcmp(h + HDR_HEADER, "HdrS", 4) == 0 ? get16(h + HDR_VERSION) : 0;
    if (li->protocol < 0x200 || !(h[HDR_LOADFLAGS] & LOADFLAG_LOADED_HIGH)) {
        linux_die(file, "a zImage (boot protocol < 2.00 or not loaded high): only bzImages boot");
    }
    if (li->protocol < 0x202) {
        li->real_addr = 0x90000;
        li->cmdline_addr = 0x9a000;
    } else {
        li->real_addr = 0x10000;
        li->cmdline_addr = 0x20000;
    }
    li->prot_addr = 0x100000;
    li->code32_start = get32(h + HDR_CODE32_START);

    unsigned setup_sects = h[HDR_SETUP_SECTS] ? h[HDR_SETUP_SECTS] : 4;
    li->setup_size = (setup_sects + 1) * 512;
    if (li->setup_size >= size) {
        linux_die(file, "the setup sectors run past the end of the file");
    }
    li->kernel_size = size - li->setup_size;

    li->cmdline = g_strdup(ms->kernel_cmdline);
    uint32_t cmdline_max = li->protocol >= 0x206 ? get32(h + HDR_CMDLINE_SIZE) : 255;
    if (strlen(li->cmdline) > cmdline_max) {
        error_report("-append: the command line has %zu characters; this kernel takes %u",
                     strlen(li->cmdline), cmdline_max);
        exit(1);
    }

    h[HDR_TYPE_OF_LOADER] = LOADER_TYPE_UNDEFINED;
    if (li->protocol >= 0x202) {
        put32(h + HDR_CMD_LINE_PTR, li->cmdline_addr);
    } else {
        put16(h + BP_OLD_CL_MAGIC, 0xa33f);
        put16(h + BP_OLD_CL_OFFSET, li->cmdline_addr - li->real_addr);
    }
    if (li->protocol >= 0x201) {
        h[HDR_LOADFLAGS] |= LOADFLAG_CAN_USE_HEAP;
        put16(h + HDR_HEAP_END_PTR, li->cmdline_addr - li->real_addr - 0x200);
    }

    if (ms->initrd_filename) {
        gchar *rd;
        gsize rd_size;
        if (!g_file_get_contents(ms->initrd_filename, &rd, &rd_size, &gerr)) {
            error_report("-initrd %s: %s", ms->initrd_filename, gerr->message);
            exit(1);
        }
        uint64_t max = li->protocol >= 0x203 ? get32(h + HDR_INITRD_ADDR_MAX) : 0x37ffffff;
        if (max >= pcms->below_4g - FIRMWARE_RESERVE) {
            max = pcms->below_4g - FIRMWARE_RESERVE - 1;
        }
        if (rd_size > max || (max - rd_size) < li->prot_addr + li->kernel_size) {
            error_report("-initrd %s: %zu bytes do not fit below 0x%" G_GINT64_MODIFIER "x "
                         "(give more memory with -m)", ms->initrd_filename, (size_t)rd_size, max);
            exit(1);
        }
        li->initrd = (uint8_t *)rd;
        li->initrd_size = rd_size;
        li->initrd_addr = (max - rd_size) & ~4095ull;
        put32(h + HDR_RAMDISK_IMAGE, li->initrd_addr);
        put32(h + HDR_RAMDISK_SIZE, rd_size);
    }
    li->setup = g_memdup2(h, li->setup_size);
    li->kernel = g_memdup2(h + li->setup_size, li->kernel_size);
    g_free(data);
}

/* ---- through the firmware -------------------------------------------------- */

static void linux_fw_cfg(PCMachineState *pcms, MachineState *ms, LinuxImage *li)
{
    FWCfgState *fw = pcms->fw_cfg;
    char *rom_path = machine_find_firmware(ms, OPTION_ROM);
    if (!rom_path) {
        error_report("-kernel needs the option ROM '%s' (give -L DIR holding it, or "
                     "-machine pc,linux-boot=direct)", OPTION_ROM);
        exit(1);
    }
    gchar *rom;
    gsize rom_size;
    GError *gerr = NULL;
    if (!g_file_get_contents(rom_path, &rom, &rom_size, &gerr)) {
        error_report("%s: %s", rom_path, gerr->message);
        exit(1);
    }
    fw_cfg_add_file(fw, "genroms/" OPTION_ROM, rom, rom_size, &error_fatal);
    g_free(rom);
    g_free(rom_path);

    fw_cfg_add_i32(fw, FW_CFG_SETUP_ADDR, li->real_addr);
    fw_cfg_add_i32(fw, FW_CFG_SETUP_SIZE, li->setup_size);
    fw_cfg_add_bytes(fw, FW_CFG_SETUP_DATA, li->setup, li->setup_size);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, li->prot_addr);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_SIZE, li->kernel_size);
    fw_cfg_add_bytes(fw, FW_CFG_KERNEL_DATA, li->kernel, li->kernel_size);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_ADDR, li->cmdline_addr);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, strlen(li->cmdline) + 1);
    fw_cfg_add_string(fw, FW_CFG_CMDLINE_DATA, li->cmdline);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_ADDR, li->initrd_addr);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_SIZE, li->initrd_size);
    if (li->initrd) {
        fw_cfg_add_bytes(fw, FW_CFG_INITRD_DATA, li->initrd, li->initrd_size);
    }
    pc_fw_cfg_boot_order(pcms, "/rom@genroms/" OPTION_ROM);
}

/* ---- direct ------------------------------------------------------------------ */

/*
 * The trampoline, 16-bit code entered at DIRECT_TRAMPOLINE with CS = DS = 0
 * (assembled by hand; each line is one instruction):
 */
static const uint8_t trampoline_code[] = {
    0xfa,                               /* cli */
    0x0f, 0x01, 0x16,                   /* lgdt [DIRECT_GDT] */
    DIRECT_GDT & 0xff, DIRECT_GDT >> 8,
    0x0f, 0x20, 0xc0,                   /* mov eax, cr0 */
    0x0c, 0x01,                         /* or al, 1 */
    0x0f, 0x22, 0xc0,                   /* mov cr0, eax */
    0x66, 0xea,                         /* jmp dword 0x10:pm32 (offset patched) */
    0, 0, 0, 0, 0x10, 0x00,
    /* pm32: 32-bit code */
    0xb8, 0x18, 0x00, 0x00, 0x00,       /* mov eax, 0x18 */
    0x8e, 0xd8,                         /* mov ds, eax */
    0x8e, 0xc0,                         /* mov es, eax */
    0x8e, 0xd0,                         /* mov ss, eax */
    0x8e, 0xe0,                         /* mov fs, eax */
    0x8e, 0xe8,                         /* mov gs, eax */
    0xbc, 0, 0, 0, 0,                   /* mov esp, DIRECT_STACK (patched) */
    0xbe, 0, 0, 0, 0,                   /* mov esi, zero page (patched) */
    0x31, 0xed,                         /* xor ebp, ebp */
    0x31, 0xff,                         /* xor edi, edi */
    0x31, 0xdb,                         /* xor ebx, ebx */
    0xb8, 0, 0, 0, 0,                   /* mov eax, code32_start (patched) */
    0xff, 0xe0,                         /* jmp eax */
};
/* Where the patched immediates sit (byte offsets counted from the listing). */
enum {
    TRAMP_JMP_OFFSET = 16,
    TRAMP_PM32 = 22,
    TRAMP_ESP = TRAMP_PM32 + 16,       /* after mov eax (5) and five segment loads (10) */
    TRAMP_ESI = TRAMP_ESP + 5,
    TRAMP_EAX = TRAMP_ESI + 4 + 6 + 1, /* after the imm32, three xors, the opcode */
};
G_STATIC_ASSERT(sizeof(trampoline_code) == TRAMP_EAX + 6);

/* GDTR (limit, base) then the table: null, unused, flat code 0x10, flat data 0x18. */
static const uint64_t direct_gdt[] = {
    0, 0, 0x00cf9a000000ffffull, 0x00cf92000000ffffull,
};

static void write_phys(uint64_t addr, const void *buf, size_t len)
{
    address_space_write_rom(address_space_memory(), addr, buf, len);
}

static void linux_direct_reset(void *opaque)
{
    PCMachineState *pcms = opaque;
    LinuxImage *li = &linux_image;

    uint8_t zp[4096] = { 0 };
    size_t hdr_len = li->setup_size < HDR_END_MAX ? li->setup_size : HDR_END_MAX;
    memcpy(zp + HDR_SETUP_SECTS, li->setup + HDR_SETUP_SECTS, hdr_len - HDR_SETUP_SECTS);
    put32(zp + HDR_CMD_LINE_PTR, li->cmdline_addr);
    zp[BP_SENTINEL] = 0;

    /* the ACPI tables, as the firmware would have placed them */
    AcpiPlaceZones zones = {
        .high = { pcms->below_4g - DIRECT_ACPI_SIZE, pcms->below_4g },
        .fseg = { DIRECT_RSDP_ZONE, DIRECT_RSDP_ZONE_END },
    };
    AcpiPlaced acpi;
    acpi_place_from_fw_cfg(pcms->fw_cfg, address_space_memory(), &zones, &acpi, &error_fatal);
    /* and the MP table after the RSDP, for kernels booted with acpi=off (or older ones) */
    pc_mptable_place(pcms, acpi.fseg_used.end, DIRECT_RSDP_ZONE_END, &error_fatal);
    if (li->protocol >= 0x20e) {
        put32(zp + BP_ACPI_RSDP_ADDR, acpi.rsdp);
        put32(zp + BP_ACPI_RSDP_ADDR + 4, acpi.rsdp >> 32);
    }

    /*
     * e820: conventional memory, the EBDA/ROM hole, RAM below 4 GiB up to
     * the ACPI zone (all of it ACPI, used or not), RAM above 4 GiB
     */
    struct { uint64_t a, l; uint32_t t; } e820[] = {
        { 0, 0x9fc00, E820_RAM },
        { 0x9fc00, 0x400, E820_RESERVED },
        { 0xf0000, 0x10000, E820_RESERVED },
        { 0x100000, zones.high.start - 0x100000, E820_RAM },
        { zones.high.start, DIRECT_ACPI_SIZE, E820_ACPI },
        { 0x100000000ull, pcms->above_4g, E820_RAM },
    };
    int n = pcms->above_4g ? 6 : 5;
    for (int i = 0; i < n; i++) {
        uint8_t *e = zp + BP_E820_TABLE + 20 * i;
        put32(e, e820[i].a);
        put32(e + 4, e820[i].a >> 32);
        put32(e + 8, e820[i].l);
        put32(e + 12, e820[i].l >> 32);
        put32(e + 16, e820[i].t);
    }
    zp[BP_E820_ENTRIES] = n;
    write_phys(DIRECT_ZERO_PAGE, zp, sizeof(zp));

    uint8_t gdt[8 + sizeof(direct_gdt)];
    put16(gdt, sizeof(direct_gdt) - 1);
    put32(gdt + 2, DIRECT_GDT + 8);
    put16(gdt + 6, 0);
    for (size_t i = 0; i < G_N_ELEMENTS(direct_gdt); i++) {
        put32(gdt + 8 + 8 * i, direct_gdt[i]);
        put32(gdt + 12 + 8 * i, direct_gdt[i] >> 32);
    }
    write_phys(DIRECT_GDT, gdt, sizeof(gdt));

    uint8_t code[sizeof(trampoline_code)];
    memcpy(code, trampoline_code, sizeof(code));
    put32(code + TRAMP_JMP_OFFSET, DIRECT_TRAMPOLINE + TRAMP_PM32);
    put32(code + TRAMP_ESP, DIRECT_STACK);
    put32(code + TRAMP_ESI, DIRECT_ZERO_PAGE);
    put32(code + TRAMP_EAX, li->code32_start ? li->code32_start : li->prot_addr);
    write_phys(DIRECT_TRAMPOLINE, code, sizeof(code));

    write_phys(li->cmdline_addr, li->cmdline, strlen(li->cmdline) + 1);
    write_phys(li->prot_addr, li->kernel, li->kernel_size);
    if (li->initrd) {
        write_phys(li->initrd_addr, li->initrd, li->initrd_size);
    }

    /* the BSP starts at the trampoline in real mode */
    X86CPU *cpu = pcms->cpus[0];
    cpu->env.segs[R_CS].selector = 0;
    cpu->env.segs[R_CS].base = 0;
    cpu->env.eip = DIRECT_TRAMPOLINE;
}

bool pc_linux_load(PCMachineState *pcms, const char *mode)
{
    MachineState *ms = pcms->ms;
    if (!ms->kernel_filename) {
        return true;
    }
    linux_prepare(pcms, ms, &linux_image);
    if (!mode || !strcmp(mode, "firmware")) {
        linux_fw_cfg(pcms, ms, &linux_image);
    } else if (!strcmp(mode, "direct")) {
        /* after the CPUs' own reset handlers (registered earlier) */
        runstate_register_reset(linux_direct_reset, pcms);
    } else {
        error_report("-machine linux-boot=%s: the choices are firmware and direct", mode);
        exit(1);
    }
    return true;
}
