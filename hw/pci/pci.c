/*
 * pci.c — the PCI bus core (hw/pci.h): buses, device plug (slot
 * allocation from `addr=`), the configuration header with its write masks,
 * BAR mapping, INTx routing and capability lists.
 *
 * Needs the memory API (BARs are regions mapped in the bus's spaces) and
 * qdev.  Bridges (pci-bridge.c) and host access (pci-host.c) build on it.
 * Everything runs with the I/O lock held.
 *
 * Rules modelled (PCI Local Bus Specification 3.0, chapter 6):
 *  - read-only fields (IDs, class, header type, interrupt pin, status
 *    flags, BAR type bits and size bits) ignore writes: wmask holds the
 *    writable bits per byte, w1cmask the status error bits cleared by 1s;
 *  - a BAR decodes only when its space is enabled in the command register
 *    and its address is usable (not 0, not past the top of its space);
 *  - Interrupt Disable (command bit 10) withdraws the pin from the bus
 *    while the Interrupt Status bit keeps showing the device's request.
 */
#include "hw/pci.h"
#include "pci-internal.h"
#include "util/bitops.h"
#include "util/error.h"
#include "util/log.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

GSList *pci_root_buses;

/* ---- buses ---------------------------------------------------------------- */

PCIBus *pci_root_bus_new(DeviceState *host, const char *name, MemoryRegion *mem,
                         MemoryRegion *io, int devfn_min)
{
    PCIBus *bus = PCI_BUS(qbus_new(TYPE_PCI_BUS, host, name));
    bus->address_space_mem = mem;
    bus->address_space_io = io;
    bus->devfn_min = devfn_min;
    pci_root_buses = g_slist_append(pci_root_buses, bus);
    return bus;
}

void pci_bus_irqs(PCIBus *bus, PCISetIRQFunc *set_irq, PCIMapIRQFunc *map_irq, void *opaque,
                  int nirq)
{
    g_assert(!bus->parent_dev);
    bus->set_irq = set_irq;
    bus->map_irq = map_irq;
    bus->irq_opaque = opaque;
    bus->nirq = nirq;
    g_free(bus->irq_count);
    bus->irq_count = g_new0(int, nirq);
}

PCIBus *pci_get_bus(const PCIDevice *dev)
{
    return PCI_BUS(DEVICE(dev)->parent_bus);
}

int pci_bus_num(const PCIBus *bus)
{
    return bus->parent_dev ? bus->parent_dev->config[PCI_SECONDARY_BUS] : 0;
}

int pci_swizzle(int slot, int pin)
{
    return (pin + slot) % PCI_NUM_PINS;
}

static PCIDevice *find_in(PCIBus *bus, int bus_num, int devfn)
{
    if (pci_bus_num(bus) == bus_num) {
        return bus->devices[devfn];
    }
    for (int i = 0; i < 256; i++) {
        PCIDevice *d = bus->devices[i];
        if (!d || !PCI_DEVICE_GET_CLASS(d)->is_bridge) {
            continue;
        }
        int sec = d->config[PCI_SECONDARY_BUS], sub = d->config[PCI_SUBORDINATE_BUS];
        /* secondary 0 is a bridge the firmware has not numbered yet */
        if (sec != 0 && bus_num >= sec && bus_num <= sub) {
            return find_in(pci_bridge_secondary_bus(d), bus_num, devfn);
        }
    }
    return NULL;
}

PCIDevice *pci_find_device(PCIBus *root, int bus_num, int devfn)
{
    if (bus_num < 0 || bus_num > 255 || devfn < 0 || devfn > 255) {
        return NULL;
    }
    return find_in(root, bus_num, devfn);
}

/* ---- BARs ----------------------------------------------------------------- */

static int bar_offset(const PCIDevice *dev, int n)
{
    if (n == PCI_ROM_SLOT) {
        return PCI_DEVICE_GET_CLASS(dev)->is_bridge ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS;
    }
    return PCI_BASE_ADDRESS_0 + 4 * n;
}

static int num_bars(const PCIDevice *dev)
{
    return PCI_DEVICE_GET_CLASS(dev)->is_bridge ? 2 : 6;
}

void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr)
{
    uint64_t size = memory_region_size(mr);
    bool is64 = !(type & PCI_BASE_ADDRESS_SPACE_IO) && (type & PCI_BASE_ADDRESS_MEM_TYPE_64);
    g_assert(n == PCI_ROM_SLOT || (n >= 0 && n + is64 < num_bars(dev)));
    g_assert(is_power_of_2(size) && size >= ((type & PCI_BASE_ADDRESS_SPACE_IO) ? 4 : 16));
    PCIIORegion *r = &dev->io_regions[n];
    r->size = size;
    r->type = n == PCI_ROM_SLOT ? 0 : type;
    r->mr = mr;
    r->addr = PCI_BAR_UNMAPPED;

    int off = bar_offset(dev, n);
    uint64_t wmask = ~(size - 1);
    if (n == PCI_ROM_SLOT) {
        pci_set_long(dev->config + off, 0);
        pci_set_long(dev->wmask + off, (uint32_t)wmask | PCI_ROM_ADDRESS_ENABLE);
    } else if (type & PCI_BASE_ADDRESS_SPACE_IO) {
        pci_set_long(dev->config + off, type);
        pci_set_long(dev->wmask + off, (uint32_t)wmask & ~3u);
    } else {
        pci_set_long(dev->config + off, type);
        pci_set_long(dev->wmask + off, (uint32_t)wmask & ~0xfu);
        if (is64) {
            pci_set_long(dev->config + off + 4, 0);
            pci_set_long(dev->wmask + off + 4, wmask >> 32);
        }
    }
}

/*
 * Where BAR n should decode given the header now.  Unusable addresses: 0
 * (never programmed), and ranges that run past the top of their space:
 * the sizing pattern (all ones) always does.
 */
static uint64_t bar_address(const PCIDevice *dev, int n)
{
    const PCIIORegion *r = &dev->io_regions[n];
    uint16_t cmd = pci_get_word(dev->config + PCI_COMMAND);
    int off = bar_offset(dev, n);
    uint32_t lo = pci_get_long(dev->config + off);
    uint64_t addr, last;

    if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = lo & ~(uint32_t)(r->size - 1);
        last = addr + r->size - 1;
        return addr == 0 || last > 0xffff ? PCI_BAR_UNMAPPED : addr;
    }
    if (!(cmd & PCI_COMMAND_MEMORY)) {
        return PCI_BAR_UNMAPPED;
    }
    if (n == PCI_ROM_SLOT && !(lo & PCI_ROM_ADDRESS_ENABLE)) {
        return PCI_BAR_UNMAPPED;
    }
    if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
        addr = ((uint64_t)pci_get_long(dev->config + off + 4) << 32 | lo) & ~(r->size - 1);
        last = addr + r->size - 1;
        return addr == 0 || last < addr || last == UINT64_MAX ? PCI_BAR_UNMAPPED : addr;
    }
    addr = lo & ~(uint32_t)(r->size - 1);
    last = addr + r->size - 1;
    return addr == 0 || last >= UINT32_MAX ? PCI_BAR_UNMAPPED : addr;
}

static void update_mappings(PCIDevice *dev)
{
    PCIBus *bus = pci_get_bus(dev);
    memory_region_transaction_begin();
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        PCIIORegion *r = &dev->io_regions[n];
        if (!r->size) {
            continue;
        }
        uint64_t addr = DEVICE(dev)->realized ? bar_address(dev, n) : PCI_BAR_UNMAPPED;
        if (addr == r->addr) {
            continue;
        }
        MemoryRegion *space = (r->type & PCI_BASE_ADDRESS_SPACE_IO) ? bus->address_space_io
                                                                    : bus->address_space_mem;
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(space, r->mr);
        }
        r->addr = addr;
        if (addr != PCI_BAR_UNMAPPED) {
            /* above RAM and the board's default regions, as PCI holes are */
            memory_region_add_subregion_overlap(space, addr, r->mr, 1);
        }
    }
    memory_region_transaction_commit();
}

uint64_t pci_get_bar_addr(const PCIDevice *dev, int n)
{
    return dev->io_regions[n].addr;
}

/* ---- INTx ----------------------------------------------------------------- */

static int irq_pin(const PCIDevice *dev)
{
    return dev->config[PCI_INTERRUPT_PIN] - 1;
}

/* Add change (+1/-1) to what reaches the root bus from dev's pin. */
static void irq_propagate(PCIDevice *dev, int change)
{
    int pin = irq_pin(dev);
    PCIBus *bus = pci_get_bus(dev);
    while (bus->parent_dev) {
        pin = pci_swizzle(PCI_SLOT(dev->devfn), pin);
        dev = bus->parent_dev;
        bus = pci_get_bus(dev);
    }
    if (!bus->map_irq) {
        return;                        /* the board routes nothing */
    }
    int irq = bus->map_irq(dev, pin);
    g_assert(irq >= 0 && irq < bus->nirq);
    bus->irq_count[irq] += change;
    g_assert(bus->irq_count[irq] >= 0);
    bus->set_irq(bus->irq_opaque, irq, bus->irq_count[irq] != 0);
}

static bool intx_disabled(const PCIDevice *dev)
{
    return pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
}

void pci_set_irq(PCIDevice *dev, int level)
{
    level = !!level;
    if (irq_pin(dev) < 0 || level == dev->irq_level) {
        return;
    }
    dev->irq_level = level;
    uint16_t st = pci_get_word(dev->config + PCI_STATUS);
    pci_set_word(dev->config + PCI_STATUS,
                 level ? st | PCI_STATUS_INTERRUPT : st & ~PCI_STATUS_INTERRUPT);
    if (!intx_disabled(dev) && DEVICE(dev)->parent_bus) {
        irq_propagate(dev, level ? 1 : -1);
    }
}

/* ---- capabilities --------------------------------------------------------- */

int pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset, uint8_t size,
                       Error **errp)
{
    if (size < 2) {
        error_setg(errp, "PCI capability 0x%02x: size %u is too small", cap_id, size);
        return 0;
    }
    if (offset == 0) {
        for (unsigned o = PCI_CONFIG_HEADER_SIZE; o + size <= PCI_CONFIG_SPACE_SIZE; o += 4) {
            if (!memchr(dev->used + o, 1, size)) {
                offset = o;
                break;
            }
        }
        if (!offset) {
            error_setg(errp, "PCI capability 0x%02x: no room for %u bytes", cap_id, size);
            return 0;
        }
    } else if ((offset & 3) || offset < PCI_CONFIG_HEADER_SIZE ||
               offset + size > PCI_CONFIG_SPACE_SIZE) {
        error_setg(errp, "PCI capability 0x%02x: offset 0x%02x is not a dword in the "
                   "device-specific area", cap_id, offset);
        return 0;
    } else if (memchr(dev->used + offset, 1, size)) {
        error_setg(errp, "PCI capability 0x%02x at 0x%02x overlaps another one", cap_id,
                   offset);
        return 0;
    }
    dev->config[offset] = cap_id;
    dev->config[offset + 1] = dev->config[PCI_CAPABILITY_LIST];
    dev->config[PCI_CAPABILITY_LIST] = offset;
    pci_set_word(dev->config + PCI_STATUS,
                 pci_get_word(dev->config + PCI_STATUS) | PCI_STATUS_CAP_LIST);
    memset(dev->used + offset, 1, size);
    memset(dev->wmask + offset, 0, size);
    return offset;
}

uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id)
{
    if (!(pci_get_word(dev->config + PCI_STATUS) & PCI_STATUS_CAP_LIST)) {
        return 0;
    }
    /* at most 48 entries fit: a longer walk is a loop */
    uint8_t p = dev->config[PCI_CAPABILITY_LIST] & ~3;
    for (int i = 0; p && i < 48; i++) {
        if (dev->config[p] == cap_id) {
            return p;
        }
        p = dev->config[p + 1] & ~3;
    }
    return 0;
}

/* ---- config space --------------------------------------------------------- */

uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len)
{
    uint32_t v = 0;
    for (int i = 0; i < len; i++) {
        v |= (uint32_t)dev->config[addr + i] << (8 * i);
    }
    return v;
}

static bool ranges_overlap(uint32_t a, int alen, uint32_t b, int blen)
{
    return a < b + blen && b < a + alen;
}

void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    bool was_disabled = intx_disabled(dev);
    for (int i = 0; i < len; i++) {
        uint8_t b = val >> (8 * i), wm = dev->wmask[addr + i], w1c = dev->w1cmask[addr + i];
        uint8_t *c = &dev->config[addr + i];
        *c = ((*c & ~wm) | (b & wm)) & ~(b & w1c);
    }
    bool bars = ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 4 * num_bars(dev)) ||
                ranges_overlap(addr, len, bar_offset(dev, PCI_ROM_SLOT), 4);
    bool cmd = ranges_overlap(addr, len, PCI_COMMAND, 2);
    if (bars || cmd) {
        update_mappings(dev);
    }
    if (cmd && was_disabled != intx_disabled(dev) && dev->irq_level) {
        irq_propagate(dev, was_disabled ? 1 : -1);
    }
    if (PCI_DEVICE_GET_CLASS(dev)->is_bridge) {
        pci_bridge_config_written(dev, addr, len);
    }
}

uint32_t pci_config_read(PCIDevice *dev, uint32_t addr, int len)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    return pc->config_read ? pc->config_read(dev, addr, len)
                           : pci_default_read_config(dev, addr, len);
}

void pci_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    if (pc->config_write) {
        pc->config_write(dev, addr, val, len);
    } else {
        pci_default_write_config(dev, addr, val, len);
    }
}

/* ---- the device type ------------------------------------------------------ */

/* The header as it looks after power-on: identity, masks, nothing decoding. */
static void init_header(PCIDevice *dev)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    uint8_t *c = dev->config;
    pci_set_word(c + PCI_VENDOR_ID, pc->vendor_id);
    pci_set_word(c + PCI_DEVICE_ID, pc->device_id);
    c[PCI_REVISION_ID] = pc->revision;
    c[PCI_CLASS_PROG] = pc->prog_if;
    pci_set_word(c + PCI_CLASS_DEVICE, pc->class_id);
    c[PCI_HEADER_TYPE] = (pc->is_bridge ? PCI_HEADER_TYPE_BRIDGE : PCI_HEADER_TYPE_NORMAL) |
                         (dev->multifunction ? PCI_HEADER_TYPE_MULTI_FUNCTION : 0);
    pci_set_word(dev->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                 PCI_COMMAND_INTX_DISABLE);
    pci_set_word(dev->w1cmask + PCI_STATUS, PCI_STATUS_W1C);
    dev->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    dev->wmask[PCI_LATENCY_TIMER] = 0xff;
    dev->wmask[PCI_INTERRUPT_LINE] = 0xff;
    if (pc->is_bridge) {
        pci_bridge_init_header(dev);
    } else {
        pci_set_word(c + PCI_SUBSYSTEM_VENDOR_ID, pc->subsystem_vendor_id);
        pci_set_word(c + PCI_SUBSYSTEM_ID, pc->subsystem_id);
    }
    memset(dev->used, 1, PCI_CONFIG_HEADER_SIZE);
}

/* "slot[.fn]" in hex, as QEMU's addr= takes it. */
static int parse_devfn(const char *s, Error **errp)
{
    char *end;
    unsigned long slot = strtoul(s, &end, 16), fn = 0;
    if (end == s) {
        goto bad;
    }
    if (*end == '.') {
        const char *f = end + 1;
        fn = strtoul(f, &end, 16);
        if (end == f) {
            goto bad;
        }
    }
    if (*end || slot > 31 || fn > 7) {
        goto bad;
    }
    return PCI_DEVFN(slot, fn);
bad:
    error_setg(errp, "addr=%s: expected slot[.function] in hex (slot 0-1f, function 0-7)", s);
    return -1;
}

static void pci_qdev_realize(DeviceState *d, Error **errp)
{
    PCIDevice *dev = PCI_DEVICE(d);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    PCIBus *bus = pci_get_bus(dev);
    int devfn;
    if (dev->addr && *dev->addr) {
        devfn = parse_devfn(dev->addr, errp);
        if (devfn < 0) {
            return;
        }
        if (bus->devices[devfn]) {
            error_setg(errp, "PCI slot %02x.%x is already taken by '%s'", PCI_SLOT(devfn),
                       PCI_FUNC(devfn), object_get_typename(OBJECT(bus->devices[devfn])));
            return;
        }
    } else {
        for (devfn = bus->devfn_min; devfn < 256; devfn += 8) {
            if (!bus->devices[devfn]) {
                break;
            }
        }
        if (devfn >= 256) {
            error_setg(errp, "no free slot on PCI bus '%s'", BUS(bus)->name);
            return;
        }
    }
    dev->devfn = devfn;
    init_header(dev);
    bus->devices[devfn] = dev;
    if (pc->realize) {
        Error *err = NULL;
        pc->realize(dev, &err);
        if (err) {
            bus->devices[devfn] = NULL;
            dev->devfn = -1;
            error_propagate(errp, err);
        }
    }
}

static void pci_qdev_unrealize(DeviceState *d)
{
    PCIDevice *dev = PCI_DEVICE(d);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    pci_set_irq(dev, 0);
    d->realized = false;               /* update_mappings unmaps everything */
    update_mappings(dev);
    d->realized = true;
    if (pc->exit) {
        pc->exit(dev);
    }
    pci_get_bus(dev)->devices[dev->devfn] = NULL;
    dev->devfn = -1;
}

/* Power-on: decoding off, BAR addresses and writable fields cleared, pin low. */
static void pci_qdev_reset(DeviceState *d)
{
    PCIDevice *dev = PCI_DEVICE(d);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    pci_set_irq(dev, 0);
    for (int i = 0; i < PCI_CONFIG_HEADER_SIZE; i++) {
        dev->config[i] &= ~(dev->wmask[i] | dev->w1cmask[i]);
    }
    if (pc->is_bridge) {
        pci_bridge_config_written(dev, 0, PCI_CONFIG_HEADER_SIZE);
    }
    update_mappings(dev);
    if (pc->reset) {
        pc->reset(dev);
    }
}

static Property pci_props[] = {
    { .name = "addr", .kind = PROP_STRING, .offset = offsetof(PCIDevice, addr),
      .help = "slot[.function] in hex (default: the first free slot)" },
    { .name = "multifunction", .kind = PROP_BOOL, .offset = offsetof(PCIDevice, multifunction),
      .help = "set the multi-function bit of the header" },
    PROP_END,
};

static void pci_device_instance_init(Object *obj)
{
    PCIDevice *dev = PCI_DEVICE(obj);
    dev->devfn = -1;
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        dev->io_regions[n].addr = PCI_BAR_UNMAPPED;
    }
}

static void pci_device_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->bus_type = TYPE_PCI_BUS;
    dc->realize = pci_qdev_realize;
    dc->unrealize = pci_qdev_unrealize;
    dc->reset = pci_qdev_reset;
    device_class_set_props(dc, pci_props);
}

static const TypeInfo pci_device_info = {
    .name = TYPE_PCI_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(PCIDevice),
    .class_size = sizeof(PCIDeviceClass),
    .abstract = true,
    .instance_init = pci_device_instance_init,
    .class_init = pci_device_class_init,
};
TYPE_REGISTER(pci_device_info)

/* `info qtree`: slot.function and the BARs that decode. */
static char *pci_dev_path(DeviceState *d)
{
    PCIDevice *dev = PCI_DEVICE(d);
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "addr %02x.%x", PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn));
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        const PCIIORegion *r = &dev->io_regions[n];
        if (r->size && r->addr != PCI_BAR_UNMAPPED) {
            g_string_append_printf(s, ", bar%d %s %" G_GINT64_MODIFIER "x/%" G_GINT64_MODIFIER
                                   "x", n, (r->type & PCI_BASE_ADDRESS_SPACE_IO) ? "io" : "mem",
                                   r->addr, r->size);
        }
    }
    return g_string_free(s, FALSE);
}

static void pci_bus_class_init(ObjectClass *oc, void *data)
{
    ((BusClass *)oc)->get_dev_path = pci_dev_path;
}

static void pci_bus_finalize(Object *obj)
{
    PCIBus *bus = PCI_BUS(obj);
    pci_root_buses = g_slist_remove(pci_root_buses, bus);
    g_free(bus->irq_count);
}

static const TypeInfo pci_bus_info = {
    .name = TYPE_PCI_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(PCIBus),
    .class_init = pci_bus_class_init,
    .instance_finalize = pci_bus_finalize,
};
TYPE_REGISTER(pci_bus_info)
