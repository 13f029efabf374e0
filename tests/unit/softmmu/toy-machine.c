/*
 * toy-machine.c — the "toy" machine of emu-system-toy: the toy CPU of
 * tests/unit/accel (toy.h) on the memory API, so that the command line,
 * main loop, chardevs, monitor and QMP are tested end to end before a real
 * board exists.
 *
 * Memory map (reachable with the toy ISA's signed 16-bit immediates):
 *   0x0000000000000000  RAM (-m), code loaded by -kernel/-bios at 0 (ELF: its addresses)
 *   0xffffffffffff8000  toy-uart: DATA (+0: write sends a byte, read takes one),
 *                                 STATUS (+8: bit 0 = a byte is waiting)
 *   0xffffffffffff9000  toy-exit: write 0x5555 powers off, 0x7777 resets
 *   0xffffffffffffb000  toy-pci-host: CONFIG_ADDRESS (+0), CONFIG_DATA (+4..+7),
 *                       configuration mechanism #1 as on a PC; the PCI bus's
 *                       BARs map in the physical address space and the I/O
 *                       port space; INTx lines go nowhere (no interrupt
 *                       controller), `info pci` shows them
 *   0xffffffffffffc000  toy-disk for -hda / -drive index=0 (if=ide, the default):
 *                       SECTOR (+0x00), CMD (+0x10: 1 reads the sector into the
 *                       buffer, 2 writes the buffer to it), STATUS (+0x18: 0 done,
 *                       else the errno), SECTORS (+0x20: the disk's size),
 *                       BUFFER (+0x100..+0x2ff: the 512 bytes)
 *                       More with -device toy-disk,drive=ID,addr=A.
 *   0xffffffffffffd000  toy-timer on the virtual clock: PERIOD (+0x00: ns, 0 stops;
 *                       periodic, each expiry at the previous one + PERIOD),
 *                       COUNT (+0x08: expiries so far), NOW (+0x10: the virtual
 *                       clock in ns), PENDING (+0x18: 1 when it expired since the
 *                       last read of PENDING; reading clears it)
 * The CPU maps virtual to physical 1:1.  -smp N gives N CPUs, all starting
 * at the entry point.
 */
#include "../accel/toy.h"
#include "block/block.h"
#include "chardev/char.h"
#include "exec/blockdev.h"
#include "exec/cpu-exec.h"
#include "exec/cputlb.h"
#include "exec/runstate.h"
#include "exec/timer.h"
#include "gdbstub/gdbstub.h"
#include "hw/boards.h"
#include "hw/loader.h"
#include "hw/pci.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

#define TOY_UART_BASE 0xffffffffffff8000ull
#define TOY_EXIT_BASE 0xffffffffffff9000ull
#define TOY_PCI_HOST_BASE 0xffffffffffffb000ull
#define TOY_DISK_BASE 0xffffffffffffc000ull
#define TOY_TIMER_BASE 0xffffffffffffd000ull

/* ---- toy-uart ------------------------------------------------------------- */

#define TYPE_TOY_UART "toy-uart"
#define TOY_UART_FIFO 16

enum ToyUartReg {
    TOY_UART_DATA = 0x0,
    TOY_UART_STATUS = 0x8,
};

typedef struct ToyUart {
    SysBusDevice parent;
    MemoryRegion iomem;
    CharFrontend fe;
    char *chardev;                 /* property: the chardev id (default: serial 0) */
    uint64_t addr;                 /* property: where -device maps it (-1: the board does) */
    uint8_t fifo[TOY_UART_FIFO];
    unsigned head, count;
} ToyUart;

static uint64_t uart_read(void *opaque, uint64_t addr, unsigned size)
{
    ToyUart *s = opaque;
    switch (addr) {
    case TOY_UART_DATA: {
        if (!s->count) {
            return 0;
        }
        uint8_t c = s->fifo[s->head];
        s->head = (s->head + 1) % TOY_UART_FIFO;
        s->count--;
        chr_fe_accept_input(&s->fe);
        return c;
    }
    case TOY_UART_STATUS:
        return s->count ? 1 : 0;
    default:
        return 0;
    }
}

static void uart_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ToyUart *s = opaque;
    if (addr == TOY_UART_DATA) {
        uint8_t c = val;
        chr_fe_write_all(&s->fe, &c, 1);
    }
}

static const MemoryRegionOps uart_ops = {
    .read = uart_read,
    .write = uart_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 8, .max_access_size = 8 },
};

static int uart_can_rx(void *opaque)
{
    ToyUart *s = opaque;
    return TOY_UART_FIFO - s->count;
}

static void uart_rx(void *opaque, const uint8_t *buf, int size)
{
    ToyUart *s = opaque;
    for (int i = 0; i < size && s->count < TOY_UART_FIFO; i++) {
        s->fifo[(s->head + s->count++) % TOY_UART_FIFO] = buf[i];
    }
}

static void uart_realize(DeviceState *dev, Error **errp)
{
    ToyUart *s = OBJECT_CHECK(ToyUart, dev, TYPE_TOY_UART);
    Chardev *chr = s->chardev && *s->chardev ? chardev_find(s->chardev) : serial_hd(0);
    if (s->chardev && *s->chardev && !chr) {
        error_setg(errp, "chardev '%s' not found", s->chardev);
        return;
    }
    if (!chr_fe_init(&s->fe, chr, errp)) {
        return;
    }
    chr_fe_set_handlers(&s->fe, uart_can_rx, uart_rx, NULL, s);
    memory_region_init_io(&s->iomem, OBJECT(s), &uart_ops, s, "toy-uart", 0x10);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    if (s->addr != (uint64_t)-1) {
        sysbus_mmio_map(SYS_BUS_DEVICE(s), 0, s->addr);
    }
}

static void uart_reset(DeviceState *dev)
{
    ToyUart *s = OBJECT_CHECK(ToyUart, dev, TYPE_TOY_UART);
    s->head = s->count = 0;
}

static Property uart_props[] = {
    { .name = "chardev", .kind = PROP_STRING, .offset = offsetof(ToyUart, chardev),
      .help = "id of the chardev (default: the first -serial)" },
    { .name = "addr", .kind = PROP_UINT, .offset = offsetof(ToyUart, addr),
      .def_uint = (uint64_t)-1, .help = "physical address to map it at" },
    PROP_END,
};

static void uart_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = uart_realize;
    dc->reset = uart_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, uart_props);
}

static const TypeInfo toy_uart_info = {
    .name = TYPE_TOY_UART,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ToyUart),
    .class_init = uart_class_init,
    .description = "toy UART (DATA, STATUS)",
};
TYPE_REGISTER(toy_uart_info)

/* ---- toy-exit ------------------------------------------------------------- */

#define TYPE_TOY_EXIT "toy-exit"

enum {
    TOY_EXIT_POWEROFF = 0x5555,
    TOY_EXIT_RESET = 0x7777,
};

typedef struct ToyExit {
    SysBusDevice parent;
    MemoryRegion iomem;
} ToyExit;

static uint64_t exit_read(void *opaque, uint64_t addr, unsigned size)
{
    return 0;
}

static void exit_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    if (val == TOY_EXIT_POWEROFF) {
        runstate_request_shutdown(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    } else if (val == TOY_EXIT_RESET) {
        runstate_request_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static const MemoryRegionOps exit_ops = {
    .read = exit_read,
    .write = exit_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .max_access_size = 8 },
};

static void exit_init(Object *obj)
{
    ToyExit *s = OBJECT_CHECK(ToyExit, obj, TYPE_TOY_EXIT);
    memory_region_init_io(&s->iomem, obj, &exit_ops, s, "toy-exit", 0x10);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
}

static const TypeInfo toy_exit_info = {
    .name = TYPE_TOY_EXIT,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ToyExit),
    .instance_init = exit_init,
    .description = "toy power-off/reset register",
};
TYPE_REGISTER(toy_exit_info)

/* ---- toy-pci-host ----------------------------------------------------------- */

#define TYPE_TOY_PCI_HOST "toy-pci-host"

enum ToyPciHostReg {
    TOY_PCI_CONFIG_ADDRESS = 0x0,
    TOY_PCI_CONFIG_DATA = 0x4,
};

typedef struct ToyPciHost {
    SysBusDevice parent;
    MemoryRegion iomem;
    PCIBus *bus;
    uint32_t config_address;
} ToyPciHost;

static uint64_t pcihost_read(void *opaque, uint64_t addr, unsigned size)
{
    ToyPciHost *s = opaque;
    if (addr < TOY_PCI_CONFIG_DATA) {
        return s->config_address >> (8 * addr);
    }
    return pci_host_data_read(s->bus, s->config_address, addr - TOY_PCI_CONFIG_DATA, size);
}

static void pcihost_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ToyPciHost *s = opaque;
    if (addr == TOY_PCI_CONFIG_ADDRESS && size == 4) {
        s->config_address = val & 0x80fffffc;
    } else if (addr >= TOY_PCI_CONFIG_DATA) {
        pci_host_data_write(s->bus, s->config_address, addr - TOY_PCI_CONFIG_DATA, val, size);
    }
}

static const MemoryRegionOps pcihost_ops = {
    .read = pcihost_read,
    .write = pcihost_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static int pcihost_map_irq(PCIDevice *dev, int pin)
{
    return (PCI_SLOT(dev->devfn) + pin) % PCI_NUM_PINS;
}

static void pcihost_set_irq(void *opaque, int irq, int level)
{
}

static void pcihost_realize(DeviceState *dev, Error **errp)
{
    ToyPciHost *s = OBJECT_CHECK(ToyPciHost, dev, TYPE_TOY_PCI_HOST);
    memory_region_init_io(&s->iomem, OBJECT(s), &pcihost_ops, s, "toy-pci-host", 8);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    s->bus = pci_root_bus_new(dev, "pci.0", get_system_memory(), get_system_io(),
                              PCI_DEVFN(1, 0));
    pci_bus_irqs(s->bus, pcihost_set_irq, pcihost_map_irq, s, PCI_NUM_PINS);
}

static void pcihost_reset(DeviceState *dev)
{
    OBJECT_CHECK(ToyPciHost, dev, TYPE_TOY_PCI_HOST)->config_address = 0;
}

static void pcihost_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = pcihost_realize;
    dc->reset = pcihost_reset;
}

static const TypeInfo toy_pci_host_info = {
    .name = TYPE_TOY_PCI_HOST,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ToyPciHost),
    .class_init = pcihost_class_init,
    .description = "toy PCI host bridge (configuration mechanism #1 in MMIO)",
};
TYPE_REGISTER(toy_pci_host_info)

/* ---- toy-disk -------------------------------------------------------------- */

#define TYPE_TOY_DISK "toy-disk"
#define TOY_DISK_SECTOR_SIZE 512

enum ToyDiskReg {
    TOY_DISK_SECTOR = 0x00,
    TOY_DISK_CMD = 0x10,
    TOY_DISK_STATUS = 0x18,
    TOY_DISK_SECTORS = 0x20,
    TOY_DISK_BUFFER = 0x100,
};

enum ToyDiskCmd {
    TOY_DISK_CMD_READ = 1,
    TOY_DISK_CMD_WRITE = 2,
};

typedef struct ToyDisk {
    SysBusDevice parent;
    MemoryRegion iomem;
    char *drive;                   /* property: -drive id (default: if=ide index 0) */
    uint64_t addr;                 /* property: where -device maps it */
    DriveInfo *d;
    uint64_t sector, status;
    uint8_t buf[TOY_DISK_SECTOR_SIZE];
} ToyDisk;

static void disk_cmd(ToyDisk *s, uint64_t cmd)
{
    BlockDriverState *bs = s->d->bs;
    uint64_t off = s->sector * TOY_DISK_SECTOR_SIZE;
    int ret;
    if (!bs) {
        ret = -ENOMEDIUM;
    } else if (off >= bdrv_getlength(bs)) {
        ret = -EINVAL;
    } else if (cmd == TOY_DISK_CMD_READ) {
        ret = bdrv_pread(bs, off, s->buf, TOY_DISK_SECTOR_SIZE);
    } else if (cmd == TOY_DISK_CMD_WRITE) {
        ret = bdrv_pwrite(bs, off, s->buf, TOY_DISK_SECTOR_SIZE);
        if (ret == 0 && s->d->writethrough) {
            ret = bdrv_flush(bs);
        }
    } else {
        ret = -EINVAL;
    }
    s->status = -ret;
}

static uint64_t disk_read(void *opaque, uint64_t addr, unsigned size)
{
    ToyDisk *s = opaque;
    if (addr >= TOY_DISK_BUFFER && addr + size <= TOY_DISK_BUFFER + TOY_DISK_SECTOR_SIZE) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= (uint64_t)s->buf[addr - TOY_DISK_BUFFER + i] << (8 * i);
        }
        return v;
    }
    switch (addr) {
    case TOY_DISK_SECTOR:
        return s->sector;
    case TOY_DISK_STATUS:
        return s->status;
    case TOY_DISK_SECTORS:
        return s->d->bs ? bdrv_getlength(s->d->bs) / TOY_DISK_SECTOR_SIZE : 0;
    default:
        return 0;
    }
}

static void disk_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ToyDisk *s = opaque;
    if (addr >= TOY_DISK_BUFFER && addr + size <= TOY_DISK_BUFFER + TOY_DISK_SECTOR_SIZE) {
        for (unsigned i = 0; i < size; i++) {
            s->buf[addr - TOY_DISK_BUFFER + i] = val >> (8 * i);
        }
        return;
    }
    switch (addr) {
    case TOY_DISK_SECTOR:
        s->sector = val;
        break;
    case TOY_DISK_CMD:
        disk_cmd(s, val);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps disk_ops = {
    .read = disk_read,
    .write = disk_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

static void disk_realize(DeviceState *dev, Error **errp)
{
    ToyDisk *s = OBJECT_CHECK(ToyDisk, dev, TYPE_TOY_DISK);
    if (s->drive && *s->drive) {
        s->d = drive_get_by_id(s->drive);
        if (!s->d) {
            error_setg(errp, "drive '%s' not found", s->drive);
            return;
        }
    } else {
        s->d = drive_get(IF_IDE, 0, 0);
        if (!s->d) {
            error_setg(errp, "drive= is required (no -drive index=0)");
            return;
        }
    }
    if (!drive_claim(s->d, dev, errp)) {
        return;
    }
    memory_region_init_io(&s->iomem, OBJECT(s), &disk_ops, s, "toy-disk", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    if (s->addr != (uint64_t)-1) {
        sysbus_mmio_map(SYS_BUS_DEVICE(s), 0, s->addr);
    }
}

static void disk_reset(DeviceState *dev)
{
    ToyDisk *s = OBJECT_CHECK(ToyDisk, dev, TYPE_TOY_DISK);
    s->sector = s->status = 0;
    memset(s->buf, 0, sizeof(s->buf));
}

static Property disk_props[] = {
    { .name = "drive", .kind = PROP_STRING, .offset = offsetof(ToyDisk, drive),
      .help = "id of the -drive (default: the drive at index 0)" },
    { .name = "addr", .kind = PROP_UINT, .offset = offsetof(ToyDisk, addr),
      .def_uint = (uint64_t)-1, .help = "physical address to map it at" },
    PROP_END,
};

static void disk_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = disk_realize;
    dc->reset = disk_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, disk_props);
}

static const TypeInfo toy_disk_info = {
    .name = TYPE_TOY_DISK,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ToyDisk),
    .class_init = disk_class_init,
    .description = "toy disk: one sector at a time through a buffer",
};
TYPE_REGISTER(toy_disk_info)

/* ---- toy-timer ------------------------------------------------------------- */

#define TYPE_TOY_TIMER "toy-timer"

enum ToyTimerReg {
    TOY_TIMER_PERIOD = 0x00,
    TOY_TIMER_COUNT = 0x08,
    TOY_TIMER_NOW = 0x10,
    TOY_TIMER_PENDING = 0x18,
};

typedef struct ToyTimer {
    SysBusDevice parent;
    MemoryRegion iomem;
    Timer *timer;
    uint64_t period, count, pending;
    int64_t next;                  /* the pending expiry */
} ToyTimer;

static void toy_timer_tick(void *opaque)
{
    ToyTimer *s = opaque;
    s->count++;
    s->pending = 1;
    /* from the expiry, not from now: the period does not drift with late callbacks */
    s->next += s->period;
    timer_mod(s->timer, s->next);
}

static uint64_t toy_timer_read(void *opaque, uint64_t addr, unsigned size)
{
    ToyTimer *s = opaque;
    switch (addr) {
    case TOY_TIMER_PERIOD:
        return s->period;
    case TOY_TIMER_COUNT:
        return s->count;
    case TOY_TIMER_NOW:
        return clock_get_ns(EMU_CLOCK_VIRTUAL);
    case TOY_TIMER_PENDING: {
        uint64_t p = s->pending;
        s->pending = 0;
        return p;
    }
    default:
        return 0;
    }
}

static void toy_timer_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    ToyTimer *s = opaque;
    if (addr == TOY_TIMER_PERIOD) {
        s->period = val;
        if (val) {
            s->next = clock_get_ns(EMU_CLOCK_VIRTUAL) + val;
            timer_mod(s->timer, s->next);
        } else {
            timer_del(s->timer);
        }
    }
}

static const MemoryRegionOps toy_timer_ops = {
    .read = toy_timer_read,
    .write = toy_timer_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 8, .max_access_size = 8 },
    .impl = { .min_access_size = 8, .max_access_size = 8 },
};

static void toy_timer_init(Object *obj)
{
    ToyTimer *s = OBJECT_CHECK(ToyTimer, obj, TYPE_TOY_TIMER);
    memory_region_init_io(&s->iomem, obj, &toy_timer_ops, s, "toy-timer", 0x20);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->iomem);
    s->timer = timer_new_ns(EMU_CLOCK_VIRTUAL, toy_timer_tick, s);
}

static void toy_timer_reset(DeviceState *dev)
{
    ToyTimer *s = OBJECT_CHECK(ToyTimer, dev, TYPE_TOY_TIMER);
    timer_del(s->timer);
    s->period = s->count = s->pending = 0;
}

static void toy_timer_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->reset = toy_timer_reset;
}

static const TypeInfo toy_timer_info = {
    .name = TYPE_TOY_TIMER,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ToyTimer),
    .instance_init = toy_timer_init,
    .class_init = toy_timer_class_init,
    .description = "toy periodic timer on the virtual clock",
};
TYPE_REGISTER(toy_timer_info)

/* ---- the CPU on the memory API --------------------------------------------- */

static TCGCPUOps sys_toy_ops;      /* toy_tcg_ops with a tlb_fill through the memory API */

static bool sys_toy_tlb_fill(CPUState *cpu, uint64_t addr, int size, MMUAccessType type,
                             int mmu_idx, bool probe, uintptr_t retaddr)
{
    uint64_t page = addr & ~(uint64_t)((1u << TOY_PAGE_BITS) - 1);
    tlb_set_page(cpu, page, page, PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx,
                 1u << TOY_PAGE_BITS);
    return true;
}

/*
 * The toy CPU as gdb sees it.  gdb has no "toy" architecture, so the stub
 * describes an AArch64 register file (which gdb accepts from XML alone, and
 * for which it single-steps with the stub rather than by planting
 * breakpoints after decoding instructions itself): toy r0-r7 are x0-x7,
 * the pc is pc (GDB number 32); x8-x30, sp (31) and cpsr (33, 32-bit) read
 * as zero and ignore writes.
 */
#define TOY_GDB_FIRST 0
#define TOY_GDB_PC 32
#define TOY_GDB_CPSR 33

static int toy_gdb_read(CPUState *cpu, uint8_t *buf, int n)
{
    uint64_t v;
    if (n == TOY_GDB_CPSR) {
        memset(buf, 0, 4);
        return 4;
    }
    if (n == TOY_GDB_PC) {
        v = cpu->env_ptr->pc;
    } else if (n >= TOY_GDB_FIRST && n < TOY_GDB_FIRST + TOY_NREGS) {
        v = cpu->env_ptr->regs[n - TOY_GDB_FIRST];
    } else if (n >= 0 && n < TOY_GDB_PC) {
        v = 0;
    } else {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        buf[i] = v >> (8 * i);
    }
    return 8;
}

static int toy_gdb_write(CPUState *cpu, const uint8_t *buf, int n)
{
    uint64_t v = 0;
    if (n == TOY_GDB_CPSR) {
        return 4;
    }
    if (n < 0 || n > TOY_GDB_PC) {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    if (n == TOY_GDB_PC) {
        cpu->env_ptr->pc = v;
    } else if (n >= TOY_GDB_FIRST && n < TOY_GDB_FIRST + TOY_NREGS) {
        cpu->env_ptr->regs[n - TOY_GDB_FIRST] = v;
    }
    return 8;
}

static const char *toy_gdb_xml(CPUState *cpu, const char *annex)
{
    static char *core;
    static const char target[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target>\n  <architecture>aarch64</architecture>\n"
        "  <xi:include href=\"toy-core.xml\"/>\n</target>\n";
    if (!strcmp(annex, "target.xml")) {
        return target;
    }
    if (strcmp(annex, "toy-core.xml") != 0) {
        return NULL;
    }
    if (!core) {
        GString *x = g_string_new("<?xml version=\"1.0\"?>\n"
                                  "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
                                  "<feature name=\"org.gnu.gdb.aarch64.core\">\n");
        for (int i = 0; i < 31; i++) {
            g_string_append_printf(x, "  <reg name=\"x%d\" bitsize=\"64\" regnum=\"%d\"/>\n",
                                   i, i);
        }
        g_string_append(x, "  <reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
                           "  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
                           "  <reg name=\"cpsr\" bitsize=\"32\"/>\n"
                           "</feature>\n");
        core = g_string_free(x, false);
    }
    return core;
}

static const GDBCPUOps toy_gdb_ops = {
    .read_register = toy_gdb_read,
    .write_register = toy_gdb_write,
    .get_xml = toy_gdb_xml,
    .max_reg_bytes = 8,
    .watch_before_access = true,   /* shown to gdb as AArch64 */
};

static uint64_t toy_entry;

static void toy_cpu_reset(void *opaque)
{
    ToyCPU *cpu = opaque;
    memset(&cpu->env, 0, sizeof(cpu->env));
    cpu->env.pc = toy_entry;
    cpu->parent.halted = false;
    cpu->parent.exception_index = EXCP_NONE;
    tlb_flush(&cpu->parent);
}

static void toy_load_kernel(MachineState *ms)
{
    Error *err = NULL;
    const char *k = ms->kernel_filename;
    if (ms->firmware) {
        if (!load_image_targphys(ms->firmware, 0, ms->ram_size, &err)) {
            error_report_err(err);
            exit(1);
        }
    }
    if (!k) {
        return;
    }
    uint64_t load;
    bool ok;
    if (load_file_is_elf(k)) {
        ok = load_elf(k, address_space_memory(), 0, &toy_entry, NULL, NULL, &err);
    } else {
        /* a uImage, else a raw image at 0 */
        ok = load_uimage(k, &toy_entry, &load, NULL, &err);
        if (!ok && g_str_has_suffix(error_get_pretty(err), "not a uImage")) {
            error_free(err);
            err = NULL;
            toy_entry = 0;
            ok = load_image_targphys(k, 0, ms->ram_size, &err);
        }
    }
    if (!ok) {
        error_report_err(err);
        exit(1);
    }
}

static void toy_machine_init(MachineState *ms)
{
    machine_create_ram(ms, 0);
    sysbus_create_simple(TYPE_TOY_UART, TOY_UART_BASE, NULL);
    sysbus_create_simple(TYPE_TOY_EXIT, TOY_EXIT_BASE, NULL);
    sysbus_create_simple(TYPE_TOY_PCI_HOST, TOY_PCI_HOST_BASE, NULL);
    sysbus_create_simple(TYPE_TOY_TIMER, TOY_TIMER_BASE, NULL);
    if (drive_get(IF_IDE, 0, 0)) {
        sysbus_create_simple(TYPE_TOY_DISK, TOY_DISK_BASE, NULL);
    }

    sys_toy_ops = toy_tcg_ops;
    sys_toy_ops.tlb_fill = sys_toy_tlb_fill;
    gdb_register_cpu_ops(&sys_toy_ops, &toy_gdb_ops);
    for (unsigned i = 0; i < ms->smp.cpus; i++) {
        ToyCPU *cpu = g_new0(ToyCPU, 1);
        tcg_cpu_init(&cpu->parent, &sys_toy_ops, &cpu->env);
        runstate_register_reset(toy_cpu_reset, cpu);
    }
    toy_load_kernel(ms);
}

static void toy_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    mc->desc = "toy board (RAM, toy-uart, toy-exit, toy-timer, toy-disk, PCI) for testing the system core";
    mc->init = toy_machine_init;
    mc->is_default = true;
    mc->default_ram_size = 16 << 20;
    mc->max_cpus = 4;
    mc->default_cpu_model = "toy";
}

static const TypeInfo toy_machine_info = {
    .name = MACHINE_TYPE_NAME("toy"),
    .parent = TYPE_MACHINE,
    .class_init = toy_machine_class_init,
};
TYPE_REGISTER(toy_machine_info)

static void __attribute__((constructor)) toy_register_cpu_model(void)
{
    cpu_model_register("toy", "the toy CPU of the execution-layer tests");
}
