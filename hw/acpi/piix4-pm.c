/*
 * piix4-pm.c — "PIIX4_PM", the power-management function of the Intel
 * 82371AB PIIX4 (datasheet section 3.4 "Power Management Registers" and
 * 11 "Power Management"), in the shape the ACPI fixed hardware takes
 * (ACPI 6.x, 4.8): PM1a event/control, the PM timer, GPE0, SCI.
 *
 * Offers (include/hw/acpi/piix4.h): the PCI function with PMBA/PMREGMISC,
 * SMBBA/SMBHSTCFG; the PM I/O block; ports 0xb2/0xb3; GPIO output 0 = SCI;
 * piix4_pm_create, piix4_pm_power_button.  Needs: a PCI bus whose I/O
 * space is the machine's ports, the virtual clock, the runstate API.
 *
 * Behaviour:
 *  - PM timer: ticks = virtual ns * 3579545 / 10^9, the low 24 bits read
 *    at +0x08.  TMR_STS is set each time bit 23 changes; a virtual-clock
 *    timer is armed for that instant so an enabled overflow raises the SCI
 *    on time.  The counter runs from the virtual clock's zero and is not
 *    reset by a system reset (the real one only stops in soft-off).
 *  - PM1_STS and GPE0_STS bits are cleared by writing 1; SCI = SCI_EN and
 *    (any enabled PM1 event or any enabled GPE), level triggered.
 *  - PM1_CNT: SLP_EN (write-only) with SLP_TYP = PIIX4_SLP_TYP_S5 requests a
 *    guest shutdown; other sleep types are logged (-d unimp) and ignored,
 *    which a guest sees as a failed suspend (the DSDT offers only \_S5_).
 *  - 0xb2: ACPI_ENABLE/ACPI_DISABLE turn SCI_EN on/off, which is how an OS
 *    moves the machine into ACPI mode; no SMI is modelled.
 *  - SMBus: the host controller is idle and every transaction it is asked
 *    to start fails with "device error" (no device answers).
 * The system reset goes through port 0xcf9 of the PIIX3 ISA bridge (the
 * FADT's reset register), not here.
 */
#include "hw/acpi/piix4.h"

#include "exec/runstate.h"
#include "exec/timer.h"
#include "util/error.h"
#include "util/log.h"

#include <string.h>

#include <glib.h>

#define PIIX4_PM(obj) OBJECT_CHECK(PIIX4PMState, obj, TYPE_PIIX4_PM)

LOG_ITEM(piix4_log_unimp, "unimp", "log unimplemented functionality and undefined instructions");

/* PIIX4 function 3 configuration registers. */
enum PIIX4PMConfig {
    PIIX4_PMBA = 0x40,                 /* 32: bits 15:6 base, bit 0 = 1 (I/O) */
    PIIX4_PMREGMISC = 0x80,            /* bit 0: PM I/O space enable */
    PIIX4_SMBBA = 0x90,                /* 32: bits 15:4 base, bit 0 = 1 */
    PIIX4_SMBHSTCFG = 0xd2,            /* bit 0: SMBus host enable, bits 3:1 interrupt select */
};

/* PM1 status / enable bits (ACPI 6.x, 4.8.3.1). */
enum {
    PM1_TMR = 1 << 0,
    PM1_BM = 1 << 4,                   /* status only */
    PM1_GBL = 1 << 5,
    PM1_PWRBTN = 1 << 8,
    PM1_RTC = 1 << 10,
    PM1_WAK = 1 << 15,                 /* status only */
    PM1_EN_MASK = PM1_TMR | PM1_GBL | PM1_PWRBTN | PM1_RTC,
};

/* PM1 control bits (4.8.3.2). */
enum {
    PM1_CNT_SCI_EN = 1 << 0,
    PM1_CNT_BM_RLD = 1 << 1,
    PM1_CNT_GBL_RLS = 1 << 2,          /* write-only */
    PM1_CNT_SLP_TYP_SHIFT = 10,
    PM1_CNT_SLP_TYP = 7 << 10,
    PM1_CNT_SLP_EN = 1 << 13,          /* write-only */
    PM1_CNT_RW = PM1_CNT_SCI_EN | PM1_CNT_BM_RLD | PM1_CNT_SLP_TYP,
};

/* SMBus host registers (PIIX4 datasheet 3.5). */
enum PIIX4SMBReg {
    SMB_HSTSTS = 0x00,                 /* W1C: 0 busy... 1 intr, 2 dev err, 3 collision, 4 failed */
    SMB_HSTCNT = 0x02,                 /* bit 6: start */
};

enum {
    SMB_STS_DEV_ERR = 1 << 2,
    SMB_STS_W1C = 0x1e,
    SMB_CNT_START = 1 << 6,
};

typedef struct PIIX4PMState {
    PCIDevice parent;
    MemoryRegion pm_io, smb_io, apm_io;
    bool pm_mapped, smb_mapped;
    IRQState *sci;
    Timer *tmr_timer;
    int64_t tmr_next_ns;               /* when bit 23 of the timer next changes */

    uint16_t pm1_sts, pm1_en, pm1_cnt;
    uint16_t gpe_sts, gpe_en;
    uint8_t pm_misc[PIIX4_PM_SIZE];    /* the PIIX4 registers nothing here acts on */
    uint8_t smb[PIIX4_SMB_SIZE];
    uint8_t apmc, apms;
} PIIX4PMState;

/* ---- the PM timer ----------------------------------------------------------- */

static uint64_t pm_tmr_ticks(int64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * ACPI_PM_TIMER_FREQ / NANOSECONDS_PER_SECOND);
}

/* The first nanosecond at which the count has reached ticks. */
static int64_t pm_tmr_ns_of(uint64_t ticks)
{
    unsigned __int128 p = (unsigned __int128)ticks * NANOSECONDS_PER_SECOND;
    return (int64_t)((p + ACPI_PM_TIMER_FREQ - 1) / ACPI_PM_TIMER_FREQ);
}

static void pm_update_sci(PIIX4PMState *s)
{
    bool level = (s->pm1_cnt & PM1_CNT_SCI_EN) &&
                 ((s->pm1_sts & s->pm1_en & PM1_EN_MASK) || (s->gpe_sts & s->gpe_en));
    irq_set(s->sci, level);
}

/* Latch TMR_STS if bit 23 changed since the last look, and arm the next. */
static void pm_tmr_check(PIIX4PMState *s)
{
    int64_t now = clock_get_ns(EMU_CLOCK_VIRTUAL);
    if (now >= s->tmr_next_ns) {
        if (s->tmr_next_ns >= 0) {
            s->pm1_sts |= PM1_TMR;
        }
        uint64_t next = ((pm_tmr_ticks(now) >> 23) + 1) << 23;
        s->tmr_next_ns = pm_tmr_ns_of(next);
        timer_mod(s->tmr_timer, s->tmr_next_ns);
        pm_update_sci(s);
    }
}

static void pm_tmr_expired(void *opaque)
{
    pm_tmr_check(opaque);
}

/* ---- the PM I/O block --------------------------------------------------------- */

static uint8_t pm_read_byte(PIIX4PMState *s, unsigned off, uint32_t tmr)
{
    switch (off) {
    case PIIX4_PM1_EVT: case PIIX4_PM1_EVT + 1:
        return s->pm1_sts >> (8 * (off & 1));
    case PIIX4_PM1_EVT + 2: case PIIX4_PM1_EVT + 3:
        return s->pm1_en >> (8 * (off & 1));
    case PIIX4_PM1_CNT: case PIIX4_PM1_CNT + 1:
        return s->pm1_cnt >> (8 * (off & 1));
    case PIIX4_PM_TMR: case PIIX4_PM_TMR + 1: case PIIX4_PM_TMR + 2: case PIIX4_PM_TMR + 3:
        return tmr >> (8 * (off - PIIX4_PM_TMR));
    case PIIX4_GPE0: case PIIX4_GPE0 + 1:
        return s->gpe_sts >> (8 * (off & 1));
    case PIIX4_GPE0 + 2: case PIIX4_GPE0 + 3:
        return s->gpe_en >> (8 * (off & 1));
    default:
        return s->pm_misc[off];
    }
}

static uint64_t pm_read(void *opaque, uint64_t addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    pm_tmr_check(s);
    /* one clock sample per access, so a 32-bit read of the timer never tears */
    uint32_t tmr = pm_tmr_ticks(clock_get_ns(EMU_CLOCK_VIRTUAL)) & 0xffffff;
    uint64_t val = 0;
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)pm_read_byte(s, addr + i, tmr) << (8 * i);
    }
    return val;
}

static void pm_sleep(PIIX4PMState *s, unsigned slp_typ)
{
    if (slp_typ == PIIX4_SLP_TYP_S5) {
        runstate_request_shutdown(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        return;
    }
    if (log_enabled(piix4_log_unimp)) {
        log_printf("PIIX4_PM: sleep type %u not supported, ignored\n", slp_typ);
    }
}

static void pm_write_byte(PIIX4PMState *s, unsigned off, uint8_t v)
{
    unsigned shift = 8 * (off & 1);
    switch (off) {
    case PIIX4_PM1_EVT: case PIIX4_PM1_EVT + 1:
        s->pm1_sts &= ~((uint16_t)v << shift);
        break;
    case PIIX4_PM1_EVT + 2: case PIIX4_PM1_EVT + 3:
        s->pm1_en = (s->pm1_en & ~(0xff << shift)) | (((uint16_t)v << shift) & PM1_EN_MASK);
        break;
    case PIIX4_PM1_CNT: case PIIX4_PM1_CNT + 1: {
        uint16_t w = (uint16_t)v << shift;
        s->pm1_cnt = (s->pm1_cnt & ~(0xff << shift)) | (w & PM1_CNT_RW);
        if (w & PM1_CNT_SLP_EN) {
            pm_sleep(s, (s->pm1_cnt & PM1_CNT_SLP_TYP) >> PM1_CNT_SLP_TYP_SHIFT);
        }
        break;
    }
    case PIIX4_PM_TMR: case PIIX4_PM_TMR + 1: case PIIX4_PM_TMR + 2: case PIIX4_PM_TMR + 3:
        break;                         /* read-only */
    case PIIX4_GPE0: case PIIX4_GPE0 + 1:
        s->gpe_sts &= ~((uint16_t)v << shift);
        break;
    case PIIX4_GPE0 + 2: case PIIX4_GPE0 + 3:
        s->gpe_en = (s->gpe_en & ~(0xff << shift)) | ((uint16_t)v << shift);
        break;
    default:
        s->pm_misc[off] = v;
        break;
    }
}

static void pm_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;
    pm_tmr_check(s);
    for (unsigned i = 0; i < size; i++) {
        pm_write_byte(s, addr + i, val >> (8 * i));
    }
    pm_update_sci(s);
}

static const MemoryRegionOps pm_ops = {
    .read = pm_read,
    .write = pm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- SMBus: present, idle, nobody answers --------------------------------------- */

static uint64_t smb_read(void *opaque, uint64_t addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    return s->smb[addr];
}

static void smb_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;
    switch (addr) {
    case SMB_HSTSTS:
        s->smb[addr] &= ~(val & SMB_STS_W1C);
        break;
    case SMB_HSTCNT:
        s->smb[addr] = val & ~SMB_CNT_START;
        if (val & SMB_CNT_START) {
            s->smb[SMB_HSTSTS] |= SMB_STS_DEV_ERR;
        }
        break;
    default:
        s->smb[addr] = val;
        break;
    }
}

static const MemoryRegionOps smb_ops = {
    .read = smb_read,
    .write = smb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- 0xb2/0xb3: APM control and status ------------------------------------------- */

static uint64_t apm_read(void *opaque, uint64_t addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    return addr ? s->apms : s->apmc;
}

static void apm_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;
    if (addr) {
        s->apms = val;
        return;
    }
    s->apmc = val;
    if (val == PIIX4_ACPI_ENABLE) {
        s->pm1_cnt |= PM1_CNT_SCI_EN;
    } else if (val == PIIX4_ACPI_DISABLE) {
        s->pm1_cnt &= ~PM1_CNT_SCI_EN;
    }
    pm_update_sci(s);
}

static const MemoryRegionOps apm_ops = {
    .read = apm_read,
    .write = apm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- configuration space ------------------------------------------------------------ */

static void piix4_map(PIIX4PMState *s, MemoryRegion *mr, bool *mapped, bool on, uint32_t base)
{
    MemoryRegion *io = pci_get_bus(&s->parent)->address_space_io;
    if (*mapped) {
        memory_region_del_subregion(io, mr);
        *mapped = false;
    }
    if (on && base) {
        memory_region_add_subregion(io, base, mr);
        *mapped = true;
    }
}

static void piix4_update_mappings(PIIX4PMState *s)
{
    uint8_t *c = s->parent.config;
    piix4_map(s, &s->pm_io, &s->pm_mapped, c[PIIX4_PMREGMISC] & 1,
              pci_get_long(c + PIIX4_PMBA) & 0xffc0);
    piix4_map(s, &s->smb_io, &s->smb_mapped, c[PIIX4_SMBHSTCFG] & 1,
              pci_get_long(c + PIIX4_SMBBA) & 0xfff0);
}

/* Does the access [addr, addr + len) touch [reg, reg + size)? */
static bool piix4_touches(uint32_t addr, int len, uint32_t reg, int size)
{
    return addr < reg + size && reg < addr + len;
}

static void piix4_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    pci_default_write_config(dev, addr, val, len);
    if (piix4_touches(addr, len, PIIX4_PMBA, 4) || piix4_touches(addr, len, PIIX4_PMREGMISC, 1) ||
        piix4_touches(addr, len, PIIX4_SMBBA, 4) || piix4_touches(addr, len, PIIX4_SMBHSTCFG, 1)) {
        piix4_update_mappings(PIIX4_PM(dev));
    }
}

/* ---- the device ------------------------------------------------------------------------ */

void piix4_pm_power_button(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    s->pm1_sts |= PM1_PWRBTN;
    pm_update_sci(s);
}

static void piix4_powerdown(void *opaque)
{
    piix4_pm_power_button(opaque);
}

static void piix4_pm_realize(PCIDevice *dev, Error **errp)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    MemoryRegion *io = pci_get_bus(dev)->address_space_io;

    memory_region_init_io(&s->pm_io, OBJECT(s), &pm_ops, s, "piix4-pm", PIIX4_PM_SIZE);
    memory_region_init_io(&s->smb_io, OBJECT(s), &smb_ops, s, "piix4-smbus", PIIX4_SMB_SIZE);
    memory_region_init_io(&s->apm_io, OBJECT(s), &apm_ops, s, "apm", 2);
    memory_region_add_subregion(io, PIIX4_SMI_CMD_PORT, &s->apm_io);
    qdev_init_gpio_out(DEVICE(s), &s->sci, 1);
    s->tmr_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, pm_tmr_expired, s);
    s->tmr_next_ns = -1;
    pm_tmr_check(s);

    dev->wmask[PIIX4_PMBA] = 0xc0;
    dev->wmask[PIIX4_PMBA + 1] = 0xff;
    dev->wmask[PIIX4_PMREGMISC] = 0x01;
    dev->wmask[PIIX4_SMBBA] = 0xf0;
    dev->wmask[PIIX4_SMBBA + 1] = 0xff;
    dev->wmask[PIIX4_SMBHSTCFG] = 0x0f;
    runstate_set_powerdown_handler(piix4_powerdown, dev);
}

static void piix4_pm_exit(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    MemoryRegion *io = pci_get_bus(dev)->address_space_io;
    piix4_map(s, &s->pm_io, &s->pm_mapped, false, 0);
    piix4_map(s, &s->smb_io, &s->smb_mapped, false, 0);
    memory_region_del_subregion(io, &s->apm_io);
    timer_free(s->tmr_timer);
    runstate_set_powerdown_handler(NULL, NULL);
}

static void piix4_pm_reset(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    uint8_t *c = dev->config;
    pci_set_long(c + PIIX4_PMBA, PIIX4_PM_BASE | 1);
    c[PIIX4_PMREGMISC] = 1;
    pci_set_long(c + PIIX4_SMBBA, PIIX4_SMB_BASE | 1);
    c[PIIX4_SMBHSTCFG] = 1;
    s->pm1_sts = s->pm1_en = s->pm1_cnt = 0;
    s->gpe_sts = s->gpe_en = 0;
    memset(s->pm_misc, 0, sizeof(s->pm_misc));
    memset(s->smb, 0, sizeof(s->smb));
    s->apmc = s->apms = 0;
    piix4_update_mappings(s);
    pm_update_sci(s);
}

static void piix4_pm_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);
    pc->realize = piix4_pm_realize;
    pc->exit = piix4_pm_exit;
    pc->reset = piix4_pm_reset;
    pc->config_write = piix4_config_write;
    pc->vendor_id = 0x8086;
    pc->device_id = 0x7113;
    pc->revision = 0x03;
    pc->class_id = 0x0680;             /* bridge, other */
}

static const TypeInfo piix4_pm_info = {
    .name = TYPE_PIIX4_PM,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX4PMState),
    .description = "PIIX4 power management (ACPI PM1, PM timer, GPE0, SCI, S5)",
    .class_init = piix4_pm_class_init,
};
TYPE_REGISTER(piix4_pm_info)

PCIDevice *piix4_pm_create(PCIBus *bus, int devfn, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_PIIX4_PM);
    char addr[16];
    g_snprintf(addr, sizeof(addr), "%x.%x", PCI_SLOT(devfn), PCI_FUNC(devfn));
    if (!qdev_prop_set(dev, "addr", addr, errp) || !qdev_realize(dev, BUS(bus), errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    return PCI_DEVICE(dev);
}
