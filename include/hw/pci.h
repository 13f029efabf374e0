/*
 * pci.h — the PCI bus core: configuration space, BARs, INTx, bridges.
 *
 * A PCI device (PCIDevice) has a 256-byte configuration space with the
 * standard header (type 0 for endpoints, type 1 for PCI-to-PCI bridges).
 * The core keeps, per byte, which bits the guest may write (wmask) and
 * which are write-1-to-clear (w1cmask); everything else is read-only, so
 * the BAR sizing protocol works by itself: writing all ones to a BAR and
 * reading it back gives ~(size - 1) plus the type bits.
 *
 * BARs are memory regions the device registers with pci_register_bar.
 * Whenever the guest writes a BAR or the command register, the core maps
 * each BAR at its address in the bus's memory or I/O space, or unmaps it
 * when decoding is off or the address is not usable (0, or past the top of
 * the space: the all-ones pattern of sizing).
 *
 * INTx: a device raises its pin (config 0x3d, A..D) with pci_set_irq.  On
 * the way up every bridge swizzles the pin by the slot number
 * ((pin + slot) % 4); at the root bus the board's map_irq turns (device,
 * pin) into an interrupt number, and the bus ORs every device's level per
 * number before calling the board's set_irq.
 *
 * A host bridge owns the root bus and translates its config mechanism
 * (0xcf8/0xcfc, ECAM) into pci_host_config_read/write (bus number, devfn,
 * register); bridges route bus numbers below them.
 *
 *     PCIBus *bus = pci_root_bus_new(DEVICE(host), "pci.0", get_system_memory(),
 *                                    get_system_io(), 0);
 *     pci_bus_irqs(bus, board_set_irq, board_map_irq, board, 4);
 *     ...a device's realize...
 *     memory_region_init_io(&s->mmio, OBJECT(s), &my_ops, s, "my-bar0", 0x1000);
 *     pci_register_bar(PCI_DEVICE(s), 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->mmio);
 */
#ifndef HW_PCI_H
#define HW_PCI_H

#include "exec/memory.h"
#include "hw/qdev.h"

#define TYPE_PCI_BUS "PCI"
#define TYPE_PCI_DEVICE "pci-device"
#define TYPE_PCI_BRIDGE "pci-bridge"

#define PCI_CONFIG_SPACE_SIZE 0x100
#define PCI_CONFIG_HEADER_SIZE 0x40
#define PCI_NUM_REGIONS 7              /* BAR0..BAR5 and the expansion ROM */
#define PCI_ROM_SLOT 6
#define PCI_NUM_PINS 4
#define PCI_DEVFN(slot, fn) ((((slot) & 0x1f) << 3) | ((fn) & 7))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 7)
#define PCI_BAR_UNMAPPED ((uint64_t)-1)

/* Configuration header registers (PCI Local Bus Specification 3.0, 6.1). */
enum PCIConfigReg {
    PCI_VENDOR_ID = 0x00,              /* 16 */
    PCI_DEVICE_ID = 0x02,              /* 16 */
    PCI_COMMAND = 0x04,                /* 16 */
    PCI_STATUS = 0x06,                 /* 16 */
    PCI_REVISION_ID = 0x08,
    PCI_CLASS_PROG = 0x09,             /* programming interface */
    PCI_CLASS_DEVICE = 0x0a,           /* 16: class << 8 | subclass */
    PCI_CACHE_LINE_SIZE = 0x0c,
    PCI_LATENCY_TIMER = 0x0d,
    PCI_HEADER_TYPE = 0x0e,            /* bit 7: multi-function */
    PCI_BIST = 0x0f,
    PCI_BASE_ADDRESS_0 = 0x10,         /* 6 x 32 (type 0), 2 x 32 (type 1) */
    PCI_SUBSYSTEM_VENDOR_ID = 0x2c,    /* type 0 */
    PCI_SUBSYSTEM_ID = 0x2e,           /* type 0 */
    PCI_ROM_ADDRESS = 0x30,            /* type 0 */
    PCI_CAPABILITY_LIST = 0x34,
    PCI_INTERRUPT_LINE = 0x3c,
    PCI_INTERRUPT_PIN = 0x3d,          /* 0: none, 1..4: INTA..INTD */
    PCI_MIN_GNT = 0x3e,                /* type 0 */
    PCI_MAX_LAT = 0x3f,                /* type 0 */

    /* type 1 (PCI-to-PCI Bridge Architecture Specification 1.2, 3.2) */
    PCI_PRIMARY_BUS = 0x18,
    PCI_SECONDARY_BUS = 0x19,
    PCI_SUBORDINATE_BUS = 0x1a,
    PCI_SEC_LATENCY_TIMER = 0x1b,
    PCI_IO_BASE = 0x1c,                /* bits 7:4 = address 15:12 */
    PCI_IO_LIMIT = 0x1d,
    PCI_SEC_STATUS = 0x1e,             /* 16 */
    PCI_MEMORY_BASE = 0x20,            /* 16: bits 15:4 = address 31:20 */
    PCI_MEMORY_LIMIT = 0x22,
    PCI_PREF_MEMORY_BASE = 0x24,       /* 16, low 4 bits: 1 = 64-bit */
    PCI_PREF_MEMORY_LIMIT = 0x26,
    PCI_PREF_BASE_UPPER32 = 0x28,
    PCI_PREF_LIMIT_UPPER32 = 0x2c,
    PCI_IO_BASE_UPPER16 = 0x30,
    PCI_IO_LIMIT_UPPER16 = 0x32,
    PCI_ROM_ADDRESS1 = 0x38,
    PCI_BRIDGE_CONTROL = 0x3e,         /* 16 */
};

/* PCI_COMMAND bits. */
enum {
    PCI_COMMAND_IO = 0x1,
    PCI_COMMAND_MEMORY = 0x2,
    PCI_COMMAND_MASTER = 0x4,
    PCI_COMMAND_PARITY = 0x40,
    PCI_COMMAND_SERR = 0x100,
    PCI_COMMAND_INTX_DISABLE = 0x400,
};

/* PCI_STATUS bits. */
enum {
    PCI_STATUS_INTERRUPT = 0x8,        /* read-only: the device asserts INTx */
    PCI_STATUS_CAP_LIST = 0x10,        /* read-only: 0x34 points at a capability list */
    PCI_STATUS_66MHZ = 0x20,
    PCI_STATUS_FAST_BACK = 0x80,
    PCI_STATUS_W1C = 0xf900,           /* error bits the guest clears by writing 1 */
};

/* BAR low bits. */
enum {
    PCI_BASE_ADDRESS_SPACE_MEMORY = 0x0,
    PCI_BASE_ADDRESS_SPACE_IO = 0x1,
    PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x4,
    PCI_BASE_ADDRESS_MEM_PREFETCH = 0x8,
    PCI_ROM_ADDRESS_ENABLE = 0x1,
};

/* Header types. */
enum {
    PCI_HEADER_TYPE_NORMAL = 0,
    PCI_HEADER_TYPE_BRIDGE = 1,
    PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80,
};

/* Capability IDs the core and the test device know by name. */
enum {
    PCI_CAP_ID_PM = 0x01,
    PCI_CAP_ID_MSI = 0x05,
    PCI_CAP_ID_VNDR = 0x09,
    PCI_CAP_ID_EXP = 0x10,
    PCI_CAP_ID_MSIX = 0x11,
};

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

/* One BAR as the device registered it and where it currently decodes. */
typedef struct PCIIORegion {
    uint64_t size;                     /* 0: not registered */
    uint8_t type;                      /* the BAR's low bits (PCI_BASE_ADDRESS_*) */
    MemoryRegion *mr;
    uint64_t addr;                     /* mapped at, or PCI_BAR_UNMAPPED */
} PCIIORegion;

struct PCIDevice {
    DeviceState parent;
    uint8_t config[PCI_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];    /* bits the guest may write */
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE];  /* bits a written 1 clears */
    uint8_t used[PCI_CONFIG_SPACE_SIZE];     /* bytes taken by the header and capabilities */
    int devfn;                         /* -1 until plugged */
    char *addr;                        /* property "slot[.fn]" in hex, NULL: first free slot */
    bool multifunction;                /* property: set the header's multi-function bit */
    PCIIORegion io_regions[PCI_NUM_REGIONS];
    int irq_level;                     /* what the device drives on its pin (0/1) */
};

typedef struct PCIDeviceClass {
    DeviceClass parent;
    /* device-specific realize, after the header is set up (BARs, capabilities) */
    void (*realize)(PCIDevice *dev, Error **errp);
    /* undo realize; may be NULL */
    void (*exit)(PCIDevice *dev);
    /* device state back to power-on, after the core reset the header; may be NULL */
    void (*reset)(PCIDevice *dev);
    /* config read hook; NULL: pci_default_read_config */
    uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, int len);
    /* config write hook; NULL: pci_default_write_config (which a hook should call) */
    void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val, int len);
    /* the read-only identity the header shows */
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id;                 /* class << 8 | subclass */
    uint8_t prog_if;
    uint16_t subsystem_vendor_id;
    uint16_t subsystem_id;
    /* a type 1 header (PCI-to-PCI bridge) */
    bool is_bridge;
} PCIDeviceClass;

/* The board's interrupt routing at the root bus. */
typedef int PCIMapIRQFunc(PCIDevice *dev, int pin);      /* pin 0..3 -> irq 0..nirq-1 */
typedef void PCISetIRQFunc(void *opaque, int irq, int level);

struct PCIBus {
    BusState parent;
    MemoryRegion *address_space_mem;   /* where BARs of this bus's devices map */
    MemoryRegion *address_space_io;
    PCIDevice *devices[256];           /* by devfn */
    int devfn_min;                     /* first devfn for automatic placement */
    PCIDevice *parent_dev;             /* the bridge above, NULL for a root bus */
    /* root bus only */
    PCIMapIRQFunc *map_irq;
    PCISetIRQFunc *set_irq;
    void *irq_opaque;
    int nirq;
    int *irq_count;                    /* devices asserting each irq */
};

#define PCI_BUS(obj) OBJECT_CHECK(PCIBus, obj, TYPE_PCI_BUS)
#define PCI_DEVICE(obj) OBJECT_CHECK(PCIDevice, obj, TYPE_PCI_DEVICE)
#define PCI_DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(PCIDeviceClass, obj, TYPE_PCI_DEVICE)
#define PCI_DEVICE_CLASS(oc) OBJECT_CLASS_CHECK(PCIDeviceClass, oc, TYPE_PCI_DEVICE)

/* Little-endian accessors of config space bytes. */
static inline uint16_t pci_get_word(const uint8_t *p) { return p[0] | p[1] << 8; }
static inline uint32_t pci_get_long(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void pci_set_word(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* ---- buses ---------------------------------------------------------------- */

/* A root bus (bus number 0) owned by a host bridge device. */
PCIBus *pci_root_bus_new(DeviceState *host, const char *name, MemoryRegion *mem,
                         MemoryRegion *io, int devfn_min);
/* The board's INTx routing for a root bus: nirq interrupt numbers. */
void pci_bus_irqs(PCIBus *bus, PCISetIRQFunc *set_irq, PCIMapIRQFunc *map_irq, void *opaque,
                  int nirq);
/* The bus dev is plugged into. */
PCIBus *pci_get_bus(const PCIDevice *dev);
/* The bus number the guest gave bus (0 for a root bus, the bridge's secondary number). */
int pci_bus_num(const PCIBus *bus);
/* The device at (bus number, devfn) below root, or NULL. */
PCIDevice *pci_find_device(PCIBus *root, int bus_num, int devfn);
/* The standard swizzle of a pin through a bridge: (pin + slot) % 4. */
int pci_swizzle(int slot, int pin);

/* ---- devices -------------------------------------------------------------- */

/* Register BAR n (0..5, or PCI_ROM_SLOT) of type (PCI_BASE_ADDRESS_*) for mr (size a power of 2). */
void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr);
/* Where BAR n decodes now, or PCI_BAR_UNMAPPED. */
uint64_t pci_get_bar_addr(const PCIDevice *dev, int n);
/* Drive the device's INTx pin (level 0 or 1). */
void pci_set_irq(PCIDevice *dev, int level);
/*
 * Add a capability of size bytes (>= 2) with id cap_id at offset (0: the
 * first free dword-aligned place after the header); its bytes are
 * read-only unless the device opens them in wmask.  Returns the offset, or
 * 0 with errp set when it does not fit or overlaps.
 */
int pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset, uint8_t size,
                       Error **errp);
/* The offset of the first capability with cap_id, or 0. */
uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id);
/* What a config hook calls for the standard behaviour. */
uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len);
void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len);

/* ---- host bridges ---------------------------------------------------------- */

/*
 * Config access at (bus number, devfn, register) below root, len 1, 2 or 4
 * bytes at a naturally aligned register.  Nobody there: reads give all
 * ones (the host bridge's master abort), writes are dropped.
 */
uint32_t pci_host_config_read(PCIBus *root, int bus_num, int devfn, uint32_t addr, int len);
void pci_host_config_write(PCIBus *root, int bus_num, int devfn, uint32_t addr, uint32_t val,
                           int len);
/*
 * Configuration mechanism #1 (the 0xcf8 address / 0xcfc data pair): cf8 is
 * the address register's value (bit 31 enable, bus 23:16, devfn 15:8,
 * register 7:2), port_offset the data port byte (0..3) accessed.  With the
 * enable bit clear reads give all ones.
 */
uint32_t pci_host_data_read(PCIBus *root, uint32_t cf8, unsigned port_offset, int len);
void pci_host_data_write(PCIBus *root, uint32_t cf8, unsigned port_offset, uint32_t val,
                         int len);
/*
 * An ECAM (memory-mapped config) window over root: 4 KiB per function at
 * bus << 20 | devfn << 12 | register (the first 256 bytes of each are the
 * config space, the rest reads as zero).  size covers the buses it decodes.
 */
void pci_ecam_init(MemoryRegion *mr, Object *owner, PCIBus *root, uint64_t size);

/* `info pci`: every device below every root bus (g_free). */
char *pci_info_string(void);

#endif
