/*
 * test-pci.c — the PCI bus core and the ISA bus, driven from outside as a
 * host bridge and a board would: the BAR sizing protocol, BARs mapped and
 * unmapped as BARs and the command register change, read-only and
 * write-1-to-clear config bits, capability lists, INTx routing with
 * sharing, Interrupt Disable and bridge swizzling, bridge windows and bus
 * numbers, configuration mechanism #1 and ECAM, -device with addr=, and
 * ISA ports and IRQs.
 *
 * Expected values come from the PCI specifications' rules applied to the
 * test device's documented layout (hw/pci/pci-testdev.c), computed here.
 */
#include "exec/memory.h"
#include "hw/isa.h"
#include "hw/pci.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

#define TESTDEV_VENDOR 0x1234
#define TESTDEV_DEVICE 0x0e70
#define TESTDEV_MAGIC 0x74736574u
#define BAR0_SIZE 0x1000u
#define BAR1_SIZE 0x100u
#define BAR2_SIZE 0x100000u

static PCIBus *root;
static int irq_level[4];
static int irq_calls;

/* The board's routing: slot s, pin p -> irq (s + p) % 4, like most PC boards. */
static int board_map_irq(PCIDevice *dev, int pin)
{
    return (PCI_SLOT(dev->devfn) + pin) % 4;
}

static void board_set_irq(void *opaque, int irq, int level)
{
    irq_level[irq] = level;
    irq_calls++;
}

static uint32_t cfg_read(int bus, int devfn, uint32_t reg, int len)
{
    return pci_host_config_read(root, bus, devfn, reg, len);
}

static void cfg_write(int bus, int devfn, uint32_t reg, uint32_t val, int len)
{
    pci_host_config_write(root, bus, devfn, reg, val, len);
}

static PCIDevice *add(const char *opts)
{
    Error *err = NULL;
    bool help;
    DeviceState *d = qdev_device_add(opts, stdout, &help, &err);
    g_assert_null(err);
    g_assert_nonnull(d);
    return PCI_DEVICE(d);
}

static uint32_t mem_read32(AddressSpace *as, uint64_t addr)
{
    uint32_t v;
    address_space_read(as, addr, &v, 4);
    return GUINT32_FROM_LE(v);
}

static void mem_write32(AddressSpace *as, uint64_t addr, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    address_space_write(as, addr, &v, 4);
}

/* ---- BAR sizing ----------------------------------------------------------- */

static void test_bar_sizing(void)
{
    PCIDevice *d = add("pci-testdev,addr=08.0");
    int df = PCI_DEVFN(8, 0);
    g_assert_cmphex(cfg_read(0, df, PCI_VENDOR_ID, 2), ==, TESTDEV_VENDOR);
    g_assert_cmphex(cfg_read(0, df, PCI_DEVICE_ID, 2), ==, TESTDEV_DEVICE);
    /* type bits read back before sizing */
    g_assert_cmphex(cfg_read(0, df, 0x10, 4), ==, 0);
    g_assert_cmphex(cfg_read(0, df, 0x14, 4), ==, 1);
    g_assert_cmphex(cfg_read(0, df, 0x18, 4), ==, 0xc);
    for (int n = 0; n < 6; n++) {
        cfg_write(0, df, 0x10 + 4 * n, 0xffffffff, 4);
    }
    cfg_write(0, df, PCI_ROM_ADDRESS, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(0, df, 0x10, 4), ==, ~(BAR0_SIZE - 1));
    g_assert_cmphex(cfg_read(0, df, 0x14, 4), ==, (~(BAR1_SIZE - 1)) | 1);
    g_assert_cmphex(cfg_read(0, df, 0x18, 4), ==, (~(BAR2_SIZE - 1)) | 0xc);
    g_assert_cmphex(cfg_read(0, df, 0x1c, 4), ==, 0xffffffff);  /* upper half of BAR2 */
    g_assert_cmphex(cfg_read(0, df, 0x20, 4), ==, 0);           /* BAR4, BAR5: none */
    g_assert_cmphex(cfg_read(0, df, 0x24, 4), ==, 0);
    g_assert_cmphex(cfg_read(0, df, PCI_ROM_ADDRESS, 4), ==, 0); /* no ROM */
    /* byte-wide sizing of one byte of BAR0: only its size bits stick */
    cfg_write(0, df, 0x10, 0, 4);
    cfg_write(0, df, 0x11, 0xff, 1);
    g_assert_cmphex(cfg_read(0, df, 0x10, 4), ==, 0xf000);
    /* sizing with decoding on maps nothing (the all-ones address is unusable) */
    cfg_write(0, df, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    for (int n = 0; n < 3; n++) {
        cfg_write(0, df, 0x10 + 4 * n, 0xffffffff, 4);
    }
    cfg_write(0, df, 0x1c, 0xffffffff, 4);
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        g_assert_cmphex(pci_get_bar_addr(d, n), ==, PCI_BAR_UNMAPPED);
    }
    qdev_unrealize(DEVICE(d));
}

/* ---- BAR mapping ---------------------------------------------------------- */

static void test_bar_mapping(void)
{
    PCIDevice *d = add("pci-testdev,addr=09.0");
    int df = PCI_DEVFN(9, 0);
    AddressSpace *mem = address_space_memory(), *io = address_space_io();

    cfg_write(0, df, 0x10, 0xe0000000, 4);
    cfg_write(0, df, 0x14, 0xc000, 4);
    cfg_write(0, df, 0x18, 0x00000000, 4);
    cfg_write(0, df, 0x1c, 0x1, 4);                 /* BAR2 at 4 GiB */
    /* nothing decodes until the command register says so */
    g_assert_cmphex(mem_read32(mem, 0xe0000008), ==, 0xffffffff);
    g_assert_cmphex(mem_read32(io, 0xc008), ==, 0xffffffff);

    cfg_write(0, df, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mem_read32(mem, 0xe0000008), ==, TESTDEV_MAGIC);
    g_assert_cmphex(mem_read32(io, 0xc008), ==, 0xffffffff);   /* I/O still off */
    g_assert_cmphex(pci_get_bar_addr(d, 2), ==, 0x100000000ull);
    mem_write32(mem, 0x100000000ull + 0x40, 0xcafef00d);       /* RAM behind BAR2 */
    g_assert_cmphex(mem_read32(mem, 0x100000040ull), ==, 0xcafef00d);

    cfg_write(0, df, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_cmphex(mem_read32(io, 0xc008), ==, TESTDEV_MAGIC);
    mem_write32(io, 0xc004, 0x1234);
    g_assert_cmphex(mem_read32(mem, 0xe0000004), ==, 0x1234);  /* same registers */

    /* moving BAR0 while decoding: the old place empties, the new one answers */
    cfg_write(0, df, 0x10, 0xe1000000, 4);
    g_assert_cmphex(mem_read32(mem, 0xe0000008), ==, 0xffffffff);
    g_assert_cmphex(mem_read32(mem, 0xe1000008), ==, TESTDEV_MAGIC);
    /* the low bits of an address inside the BAR are ignored */
    cfg_write(0, df, 0x10, 0xe2000abc, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, 0xe2000000);
    /* memory decoding off: every memory BAR goes away, I/O stays */
    cfg_write(0, df, PCI_COMMAND, PCI_COMMAND_IO, 2);
    g_assert_cmphex(mem_read32(mem, 0xe2000008), ==, 0xffffffff);
    g_assert_cmphex(mem_read32(mem, 0x100000040ull), ==, 0xffffffff);
    g_assert_cmphex(mem_read32(io, 0xc008), ==, TESTDEV_MAGIC);
    /* an I/O BAR past 64 KiB or at 0 does not decode */
    cfg_write(0, df, 0x14, 0x10000, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, PCI_BAR_UNMAPPED);
    cfg_write(0, df, 0x14, 0, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, PCI_BAR_UNMAPPED);
    cfg_write(0, df, 0x14, 0xff00, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, 0xff00);
    /* reset: decoding off, BAR addresses cleared, type bits kept */
    qdev_reset_all(DEVICE(d));
    g_assert_cmphex(mem_read32(io, 0xff08), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(0, df, 0x14, 4), ==, 1);
    g_assert_cmphex(cfg_read(0, df, PCI_COMMAND, 2), ==, 0);
    /* unplugging unmaps */
    cfg_write(0, df, 0x10, 0xe3000000, 4);
    cfg_write(0, df, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mem_read32(mem, 0xe3000008), ==, TESTDEV_MAGIC);
    qdev_unrealize(DEVICE(d));
    g_assert_cmphex(mem_read32(mem, 0xe3000008), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(0, df, PCI_VENDOR_ID, 2), ==, 0xffff);
}

/* ---- read-only bits ------------------------------------------------------- */

static void test_config_readonly(void)
{
    PCIDevice *d = add("pci-testdev,addr=0a.0,pin=3");
    int df = PCI_DEVFN(10, 0);
    uint8_t before[PCI_CONFIG_HEADER_SIZE];
    for (int i = 0; i < PCI_CONFIG_HEADER_SIZE; i++) {
        before[i] = cfg_read(0, df, i, 1);
    }
    /* identity, class, header type, pin, subsystem: writes ignored */
    static const uint8_t ro[] = { 0x00, 0x01, 0x02, 0x03, 0x08, 0x09, 0x0a, 0x0b, 0x0e,
                                  0x2c, 0x2d, 0x2e, 0x2f, 0x34, 0x3d };
    for (unsigned i = 0; i < sizeof(ro); i++) {
        cfg_write(0, df, ro[i], before[ro[i]] ^ 0xff, 1);
        g_assert_cmphex(cfg_read(0, df, ro[i], 1), ==, before[ro[i]]);
    }
    g_assert_cmphex(cfg_read(0, df, PCI_INTERRUPT_PIN, 1), ==, 3);
    g_assert_cmphex(cfg_read(0, df, PCI_CLASS_DEVICE, 2), ==, 0x00ff);
    /* command: only the implemented bits are writable */
    cfg_write(0, df, PCI_COMMAND, 0xffff, 2);
    g_assert_cmphex(cfg_read(0, df, PCI_COMMAND, 2), ==,
                    PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                    PCI_COMMAND_PARITY | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE);
    cfg_write(0, df, PCI_COMMAND, 0, 2);
    /* status: the capability-list flag is read-only, error bits clear on 1 */
    uint16_t st = cfg_read(0, df, PCI_STATUS, 2);
    g_assert_cmphex(st & PCI_STATUS_CAP_LIST, ==, PCI_STATUS_CAP_LIST);
    cfg_write(0, df, PCI_STATUS, 0xffff, 2);
    g_assert_cmphex(cfg_read(0, df, PCI_STATUS, 2), ==, st);
    pci_set_word(d->config + PCI_STATUS, st | 0x2000 | 0x8000);   /* the device saw aborts */
    cfg_write(0, df, PCI_STATUS, 0x2000, 2);
    g_assert_cmphex(cfg_read(0, df, PCI_STATUS, 2), ==, st | 0x8000);
    cfg_write(0, df, PCI_STATUS, 0x8000, 2);
    g_assert_cmphex(cfg_read(0, df, PCI_STATUS, 2), ==, st);
    /* writable scratch fields of the header */
    cfg_write(0, df, PCI_INTERRUPT_LINE, 0x0b, 1);
    cfg_write(0, df, PCI_LATENCY_TIMER, 0x40, 1);
    g_assert_cmphex(cfg_read(0, df, PCI_INTERRUPT_LINE, 1), ==, 0x0b);
    g_assert_cmphex(cfg_read(0, df, PCI_LATENCY_TIMER, 1), ==, 0x40);
    /* the device-specific area is read-only unless the device opened it */
    cfg_write(0, df, 0xf0, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(0, df, 0xf0, 4), ==, 0);
    /* misaligned and out-of-range accesses master-abort */
    g_assert_cmphex(cfg_read(0, df, 0x01, 2), ==, 0xffff);
    g_assert_cmphex(cfg_read(0, df, 0xfe, 4), ==, 0xffffffff);
    /* an empty slot */
    g_assert_cmphex(cfg_read(0, PCI_DEVFN(0x1f, 7), PCI_VENDOR_ID, 4), ==, 0xffffffff);
    qdev_unrealize(DEVICE(d));
}

/* ---- capabilities --------------------------------------------------------- */

static void test_capabilities(void)
{
    PCIDevice *d = add("pci-testdev,addr=0b.0");
    int df = PCI_DEVFN(11, 0);
    Error *err = NULL;
    /* the test device's own capability, at the first free dword */
    uint8_t p = cfg_read(0, df, PCI_CAPABILITY_LIST, 1);
    g_assert_cmphex(p, ==, 0x40);
    g_assert_cmphex(cfg_read(0, df, p, 1), ==, PCI_CAP_ID_VNDR);
    g_assert_cmphex(cfg_read(0, df, p + 1, 1), ==, 0);
    g_assert_cmphex(cfg_read(0, df, p + 2, 1), ==, 8);
    cfg_write(0, df, p, 0xffffffff, 4);           /* only byte 3 is writable */
    g_assert_cmphex(cfg_read(0, df, p, 4), ==, 0xff080009);

    /* more: an explicit place, an automatic one after it, then overlaps */
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_MSI, 0x50, 0x10, &err), ==, 0x50);
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_PM, 0, 8, &err), ==, 0x48);
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_EXP, 0x4c, 8, &err), ==, 0);
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "overlaps"));
    error_free(err);
    err = NULL;
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_EXP, 0x62, 8, &err), ==, 0);
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    /* walk the list the way a guest does: newest first */
    uint8_t want[] = { PCI_CAP_ID_PM, PCI_CAP_ID_MSI, PCI_CAP_ID_VNDR };
    uint8_t at[] = { 0x48, 0x50, 0x40 };
    p = cfg_read(0, df, PCI_CAPABILITY_LIST, 1);
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(p, ==, at[i]);
        g_assert_cmphex(cfg_read(0, df, p, 1), ==, want[i]);
        p = cfg_read(0, df, p + 1, 1);
    }
    g_assert_cmphex(p, ==, 0);
    g_assert_cmphex(pci_find_capability(d, PCI_CAP_ID_MSI), ==, 0x50);
    g_assert_cmphex(pci_find_capability(d, PCI_CAP_ID_MSIX), ==, 0);
    qdev_unrealize(DEVICE(d));
}

/* ---- INTx ----------------------------------------------------------------- */

static void test_intx(void)
{
    AddressSpace *mem = address_space_memory();
    /* slot 3 pin A -> irq 3; slot 4 pin D -> irq (4 + 3) % 4 = 3: shared */
    PCIDevice *a = add("pci-testdev,addr=03.0");
    PCIDevice *b = add("pci-testdev,addr=04.0,pin=4");
    PCIDevice *c = add("pci-testdev,addr=05.0,pin=2");   /* (5 + 1) % 4 = 2 */
    cfg_write(0, PCI_DEVFN(3, 0), 0x10, 0xe4000000, 4);
    cfg_write(0, PCI_DEVFN(3, 0), PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    memset(irq_level, 0, sizeof(irq_level));

    mem_write32(mem, 0xe4000000, 1);               /* device a raises through its register */
    g_assert_cmpint(irq_level[3], ==, 1);
    g_assert_cmphex(cfg_read(0, PCI_DEVFN(3, 0), PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, !=, 0);
    g_assert_cmphex(mem_read32(mem, 0xe4000000), ==, 1);
    pci_set_irq(b, 1);
    mem_write32(mem, 0xe4000000, 0);               /* a lowers; b still holds irq 3 */
    g_assert_cmpint(irq_level[3], ==, 1);
    g_assert_cmphex(cfg_read(0, PCI_DEVFN(3, 0), PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, ==, 0);
    pci_set_irq(b, 0);
    g_assert_cmpint(irq_level[3], ==, 0);
    pci_set_irq(c, 1);
    g_assert_cmpint(irq_level[2], ==, 1);
    g_assert_cmpint(irq_level[3], ==, 0);

    /* Interrupt Disable: the line drops, the status bit stays, and comes back */
    cfg_write(0, PCI_DEVFN(5, 0), PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, 2);
    g_assert_cmpint(irq_level[2], ==, 0);
    g_assert_cmphex(cfg_read(0, PCI_DEVFN(5, 0), PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, !=, 0);
    pci_set_irq(c, 0);
    pci_set_irq(c, 1);                             /* toggling while disabled: silent */
    g_assert_cmpint(irq_level[2], ==, 0);
    cfg_write(0, PCI_DEVFN(5, 0), PCI_COMMAND, 0, 2);
    g_assert_cmpint(irq_level[2], ==, 1);
    /* reset lowers the pin */
    qdev_reset_all(DEVICE(c));
    g_assert_cmpint(irq_level[2], ==, 0);

    /* behind a bridge in slot 6: slot 2 pin A -> pin (0 + 2) % 4 = C at the
       bridge -> irq (6 + 2) % 4 = 0 */
    PCIDevice *br = add("pci-bridge,addr=06.0,id=br0");
    BusState *sec = qdev_get_child_bus(DEVICE(br), "br0");
    g_assert_nonnull(sec);
    DeviceState *e = qdev_new("pci-testdev");
    qdev_prop_set(e, "addr", "02.0", &error_fatal);
    g_assert_true(qdev_realize(e, sec, &error_fatal));
    object_unref(OBJECT(e));
    pci_set_irq(PCI_DEVICE(e), 1);
    g_assert_cmpint(irq_level[0], ==, 1);
    pci_set_irq(PCI_DEVICE(e), 0);
    g_assert_cmpint(irq_level[0], ==, 0);

    qdev_unrealize(DEVICE(br));
    qdev_unrealize(DEVICE(a));
    qdev_unrealize(DEVICE(b));
    qdev_unrealize(DEVICE(c));
}

/* ---- bridges: bus numbers and windows ------------------------------------ */

static void test_bridge(void)
{
    AddressSpace *mem = address_space_memory(), *io = address_space_io();
    PCIDevice *br = add("pci-bridge,addr=07.0,id=br1");
    int bdf = PCI_DEVFN(7, 0);
    g_assert_cmphex(cfg_read(0, bdf, PCI_HEADER_TYPE, 1), ==, 1);
    g_assert_cmphex(cfg_read(0, bdf, PCI_CLASS_DEVICE, 2), ==, 0x0604);
    DeviceState *e = qdev_new("pci-testdev");
    qdev_prop_set(e, "addr", "01.0", &error_fatal);
    g_assert_true(qdev_realize(e, qdev_get_child_bus(DEVICE(br), "br1"), &error_fatal));
    object_unref(OBJECT(e));
    int edf = PCI_DEVFN(1, 0);

    /* unnumbered bridge: nothing below answers */
    g_assert_cmphex(cfg_read(1, edf, PCI_VENDOR_ID, 2), ==, 0xffff);
    cfg_write(0, bdf, PCI_PRIMARY_BUS, 0x00020100, 4);   /* primary 0, secondary 1, sub 2 */
    g_assert_cmphex(cfg_read(1, edf, PCI_VENDOR_ID, 2), ==, TESTDEV_VENDOR);
    g_assert_cmphex(cfg_read(2, edf, PCI_VENDOR_ID, 2), ==, 0xffff);   /* bus 2 is empty */
    g_assert_cmphex(cfg_read(3, edf, PCI_VENDOR_ID, 2), ==, 0xffff);   /* beyond */
    g_assert_cmpint(pci_bus_num(pci_get_bus(PCI_DEVICE(e))), ==, 1);
    /* -device ...,bus= puts a device below the bridge */
    add("pci-testdev,bus=br1,addr=03.0");
    g_assert_cmphex(cfg_read(1, PCI_DEVFN(3, 0), PCI_VENDOR_ID, 2), ==, TESTDEV_VENDOR);
    g_assert_cmphex(cfg_read(0, PCI_DEVFN(3, 0), PCI_VENDOR_ID, 2), ==, 0xffff);

    /* the device decodes on its bus, but the bridge forwards nothing yet */
    cfg_write(1, edf, 0x10, 0xe8100000, 4);
    cfg_write(1, edf, 0x14, 0x2000, 4);
    cfg_write(1, edf, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_cmphex(mem_read32(mem, 0xe8100008), ==, 0xffffffff);
    /* window 0xe8100000-0xe81fffff (1 MiB granules), I/O 0x2000-0x2fff */
    cfg_write(0, bdf, PCI_MEMORY_BASE, 0xe810, 2);
    cfg_write(0, bdf, PCI_MEMORY_LIMIT, 0xe810, 2);
    cfg_write(0, bdf, PCI_IO_BASE, 0x20, 1);
    cfg_write(0, bdf, PCI_IO_LIMIT, 0x20, 1);
    g_assert_cmphex(mem_read32(mem, 0xe8100008), ==, 0xffffffff);  /* bridge MEM still off */
    cfg_write(0, bdf, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_cmphex(mem_read32(mem, 0xe8100008), ==, TESTDEV_MAGIC);
    g_assert_cmphex(mem_read32(io, 0x2008), ==, TESTDEV_MAGIC);
    /* a window that no longer covers the BAR hides it */
    cfg_write(0, bdf, PCI_MEMORY_BASE, 0xe820, 2);
    cfg_write(0, bdf, PCI_MEMORY_LIMIT, 0xe830, 2);
    g_assert_cmphex(mem_read32(mem, 0xe8100008), ==, 0xffffffff);
    /* base above limit closes it */
    cfg_write(0, bdf, PCI_IO_BASE, 0x30, 1);
    g_assert_cmphex(mem_read32(io, 0x2008), ==, 0xffffffff);
    /* the low nibble of the I/O and prefetchable registers is read-only */
    g_assert_cmphex(cfg_read(0, bdf, PCI_IO_BASE, 1), ==, 0x30);
    cfg_write(0, bdf, PCI_PREF_MEMORY_BASE, 0xffff, 2);
    g_assert_cmphex(cfg_read(0, bdf, PCI_PREF_MEMORY_BASE, 2), ==, 0xfff1);
    qdev_unrealize(DEVICE(br));
    g_assert_cmphex(cfg_read(1, edf, PCI_VENDOR_ID, 2), ==, 0xffff);
}

/* ---- host access mechanisms ----------------------------------------------- */

static void test_host_access(void)
{
    add("pci-testdev,addr=0c.0");
    uint32_t cf8 = 0x80000000u | 0 << 16 | PCI_DEVFN(12, 0) << 8;
    g_assert_cmphex(pci_host_data_read(root, cf8, 0, 4), ==,
                    TESTDEV_DEVICE << 16 | TESTDEV_VENDOR);
    g_assert_cmphex(pci_host_data_read(root, cf8, 2, 2), ==, TESTDEV_DEVICE);
    g_assert_cmphex(pci_host_data_read(root, cf8 | 0x08, 3, 1), ==, 0x00);   /* class hi */
    g_assert_cmphex(pci_host_data_read(root, cf8 | 0x08, 2, 1), ==, 0xff);   /* class lo */
    g_assert_cmphex(pci_host_data_read(root, cf8 & ~0x80000000u, 0, 4), ==, 0xffffffff);
    pci_host_data_write(root, cf8 | 0x3c, 0, 0x0a, 1);
    g_assert_cmphex(pci_host_config_read(root, 0, PCI_DEVFN(12, 0), 0x3c, 1), ==, 0x0a);
    pci_host_data_write(root, (cf8 | 0x3c) & ~0x80000000u, 0, 0x0b, 1);  /* disabled: dropped */
    g_assert_cmphex(pci_host_config_read(root, 0, PCI_DEVFN(12, 0), 0x3c, 1), ==, 0x0a);

    MemoryRegion ecam;
    pci_ecam_init(&ecam, NULL, root, 1 << 20);
    uint64_t base = (uint64_t)PCI_DEVFN(12, 0) << 12;
    g_assert_cmphex(memory_region_dispatch_read(&ecam, base, 4), ==,
                    TESTDEV_DEVICE << 16 | TESTDEV_VENDOR);
    g_assert_cmphex(memory_region_dispatch_read(&ecam, base + 0x3c, 1), ==, 0x0a);
    memory_region_dispatch_write(&ecam, base + 0x3c, 0x05, 1);
    g_assert_cmphex(memory_region_dispatch_read(&ecam, base + 0x3c, 1), ==, 0x05);
    g_assert_cmphex(memory_region_dispatch_read(&ecam, base + 0x100, 4), ==, 0);
    g_assert_cmphex(memory_region_dispatch_read(&ecam, (uint64_t)PCI_DEVFN(13, 0) << 12, 4),
                    ==, 0xffffffff);
    memory_region_finalize(&ecam);
}

/* ---- -device and info pci ------------------------------------------------- */

static void test_device_add(void)
{
    Error *err = NULL;
    bool help;
    PCIDevice *d = add("pci-testdev,addr=0d.0,id=t0");
    g_assert_cmpint(d->devfn, ==, PCI_DEVFN(13, 0));
    g_assert_null(qdev_device_add("pci-testdev,addr=0d.0", stdout, &help, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "already taken"));
    error_free(err);
    err = NULL;
    g_assert_null(qdev_device_add("pci-testdev,addr=20.0", stdout, &help, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "slot[.function]"));
    error_free(err);
    err = NULL;
    g_assert_null(qdev_device_add("pci-testdev,pin=5", stdout, &help, &err));
    error_free(err);
    err = NULL;
    /* automatic placement: the first free slot from devfn_min (slot 1 here) */
    PCIDevice *f = add("pci-testdev,addr=0d.3");
    g_assert_cmpint(f->devfn, ==, PCI_DEVFN(13, 3));
    PCIDevice *a = add("pci-testdev");
    g_assert_cmpint(a->devfn, ==, PCI_DEVFN(1, 0));

    cfg_write(0, d->devfn, 0x14, 0xd000, 4);
    cfg_write(0, d->devfn, PCI_COMMAND, PCI_COMMAND_IO, 2);
    cfg_write(0, d->devfn, PCI_INTERRUPT_LINE, 11, 1);
    char *s = pci_info_string();
    g_assert_nonnull(strstr(s, "  Bus  0, device  13, function 0:\n"
                               "    Class 00ff: PCI device 1234:0e70\n"
                               "      IRQ 11, pin A\n"
                               "      BAR0: 32 bit memory at 0xffffffffffffffff [0x"
                               "fffffffffffffffe].\n"
                               "      BAR1: I/O at 0xd000 [0xd0ff].\n"));
    g_assert_nonnull(strstr(s, "      id \"t0\"\n"));
    g_assert_nonnull(strstr(s, "  Bus  0, device  13, function 3:\n"));
    g_free(s);
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "addr 0d.0, bar1 io d000/100"));
    g_free(q);
    qdev_unrealize(DEVICE(d));
    qdev_unrealize(DEVICE(f));
    qdev_unrealize(DEVICE(a));
}

/* ---- ISA ------------------------------------------------------------------ */

#define TYPE_TEST_ISA "test-isa"

typedef struct TestISA {
    ISADevice parent;
    MemoryRegion io;
    IRQState *irq;
    uint64_t iobase;               /* property */
    uint8_t last;
} TestISA;

static uint64_t tisa_read(void *opaque, uint64_t addr, unsigned size)
{
    return 0x50 + addr;
}

static void tisa_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    TestISA *s = opaque;
    s->last = val;
    irq_set(s->irq, val & 1);
}

static const MemoryRegionOps tisa_ops = {
    .read = tisa_read,
    .write = tisa_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void tisa_realize(DeviceState *dev, Error **errp)
{
    TestISA *s = OBJECT_CHECK(TestISA, dev, TYPE_TEST_ISA);
    memory_region_init_io(&s->io, OBJECT(s), &tisa_ops, s, "test-isa", 8);
    isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
    s->irq = isa_get_irq(ISA_DEVICE(s), 4);
}

static Property tisa_props[] = {
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(TestISA, iobase),
      .def_uint = 0x3f8, .max = 0xfff8 },
    PROP_END,
};

static void tisa_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->realize = tisa_realize;
    DEVICE_CLASS(oc)->user_creatable = true;
    device_class_set_props(DEVICE_CLASS(oc), tisa_props);
}

static const TypeInfo tisa_info = {
    .name = TYPE_TEST_ISA,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(TestISA),
    .class_init = tisa_class_init,
};
TYPE_REGISTER(tisa_info)

static int isa_levels[ISA_NUM_IRQS];

static void isa_pic(void *opaque, int n, int level)
{
    isa_levels[n] = level;
}

static void test_isa(void)
{
    Error *err = NULL;
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    IRQState **in = irq_allocate(isa_pic, NULL, ISA_NUM_IRQS);
    isa_bus_set_irqs(bus, in);
    g_assert_null(isa_bus_new(NULL, get_system_memory(), get_system_io(), &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;

    ISADevice *d = isa_create_simple(TYPE_TEST_ISA, &error_fatal);
    uint8_t b = 0;
    address_space_read(address_space_io(), 0x3fa, &b, 1);
    g_assert_cmphex(b, ==, 0x52);
    b = 0x41;
    address_space_write(address_space_io(), 0x3fd, &b, 1);
    g_assert_cmphex(OBJECT_CHECK(TestISA, d, TYPE_TEST_ISA)->last, ==, 0x41);
    g_assert_cmpint(isa_levels[4], ==, 1);
    b = 0;
    address_space_write(address_space_io(), 0x3f8, &b, 1);
    g_assert_cmpint(isa_levels[4], ==, 0);
    /* the ports are in the I/O space, not in memory */
    address_space_read(address_space_memory(), 0x3fa, &b, 1);
    g_assert_cmphex(b, ==, 0xff);
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 03f8-03ff, irq 4"));
    g_free(q);
    /* -device finds the ISA bus */
    bool help;
    g_assert_nonnull(qdev_device_add("test-isa,iobase=0x2f8", stdout, &help, &err));
    g_assert_null(err);
    address_space_read(address_space_io(), 0x2f9, &b, 1);
    g_assert_cmphex(b, ==, 0x51);
}

static const TypeInfo test_host_info = {
    .name = "test-pci-host",
    .parent = TYPE_SYS_BUS_DEVICE,
};
TYPE_REGISTER(test_host_info)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    DeviceState *host = qdev_new("test-pci-host");
    qdev_realize(host, NULL, &error_fatal);
    root = pci_root_bus_new(host, "pci.0", get_system_memory(), get_system_io(), PCI_DEVFN(1, 0));
    pci_bus_irqs(root, board_set_irq, board_map_irq, NULL, 4);
    g_test_add_func("/pci/bar-sizing", test_bar_sizing);
    g_test_add_func("/pci/bar-mapping", test_bar_mapping);
    g_test_add_func("/pci/config-readonly", test_config_readonly);
    g_test_add_func("/pci/capabilities", test_capabilities);
    g_test_add_func("/pci/intx", test_intx);
    g_test_add_func("/pci/bridge", test_bridge);
    g_test_add_func("/pci/host-access", test_host_access);
    g_test_add_func("/pci/device-add", test_device_add);
    g_test_add_func("/isa/ports-irqs", test_isa);
    return g_test_run();
}
