/*
 * mc146818rtc.c — the MC146818 real-time clock with CMOS RAM ("mc146818rtc").
 *
 * Offers: ports iobase (index; bit 7 = NMI mask) and iobase+1 (data), 128
 * bytes; IRQF on ISA IRQ `irq`; mc146818rtc_set_cmos/get_cmos for the board
 * (include/hw/rtc/mc146818rtc.h).  Properties: iobase (0x70), irq (8).
 *
 * Modelled from the MC146818A datasheet:
 *   0x00..0x09  seconds, alarm seconds, minutes, alarm minutes, hours, alarm
 *               hours, day of week (Sunday = 1), day, month, year; BCD or
 *               binary (register B DM), 12-hour with bit 7 = PM or 24-hour
 *   0x0a  A     UIP (read only), DV (stored), RS: the periodic rate
 *   0x0b  B     SET (time frozen for setting), PIE, AIE, UIE, SQWE, DM, 24/12, DSE
 *   0x0c  C     IRQF, PF, AF, UF; read only, cleared by reading
 *   0x0d  D     VRT (always 1: the battery is fine)
 *   0x32        the century (kept with the clock, as PC BIOSes expect)
 * Alarm bytes of 0xc0..0xff match anything.  UIP is 1 during the 244 us
 * before each update cycle and the 1984 us cycle itself; the new time, UF
 * and AF appear when the cycle ends, at the second boundary.
 *
 * Time: the clock is not ticked.  Its time is the virtual clock plus an
 * offset (the host's UTC at realize, moved when the guest sets the time);
 * registers are computed when read.  PF, AF and UF are worked out for the
 * interval since they were last brought up to date, when register C is read
 * or an interrupt is due; timers run only for the enabled interrupts (the
 * periodic rate with PIE, the second boundaries with UIE or AIE), and only
 * while IRQF is clear.
 *
 * The start time is the host's UTC, its local time, or a fixed date (property
 * base=utc|localtime|YYYY-MM-DD[THH:MM:SS], as QEMU's -rtc base=).
 *
 * Not modelled: daylight saving (DSE is stored), the square-wave output,
 * the divider reset states of DV; the day of the week
 * follows the date (the chip counts it separately, from what the guest set);
 * a time set outside 1698..2242 is clamped (the clock counts in int64 ns).
 *
 * Called with the I/O lock held (ports, timers).
 */
#include "hw/rtc/mc146818rtc.h"
#include "exec/memory.h"
#include "exec/timer.h"
#include "hw/isa.h"
#include "util/error.h"

#include <string.h>
#include <time.h>

#include <glib.h>

#define RTC_BYTES 128

/* The register map (MC146818A datasheet, figure "address map"). */
enum {
    RTC_SECONDS = 0x00,
    RTC_SECONDS_ALARM = 0x01,
    RTC_MINUTES = 0x02,
    RTC_MINUTES_ALARM = 0x03,
    RTC_HOURS = 0x04,
    RTC_HOURS_ALARM = 0x05,
    RTC_DAY_OF_WEEK = 0x06,
    RTC_DAY_OF_MONTH = 0x07,
    RTC_MONTH = 0x08,
    RTC_YEAR = 0x09,
    RTC_REG_A = 0x0a,
    RTC_REG_B = 0x0b,
    RTC_REG_C = 0x0c,
    RTC_REG_D = 0x0d,
};

enum {
    REG_A_UIP = 0x80,
    REG_A_RS = 0x0f,
    REG_B_SET = 0x80,
    REG_B_PIE = 0x40,
    REG_B_AIE = 0x20,
    REG_B_UIE = 0x10,
    REG_B_SQWE = 0x08,
    REG_B_DM_BINARY = 0x04,
    REG_B_24H = 0x02,
    REG_C_IRQF = 0x80,
    REG_C_PF = 0x40,
    REG_C_AF = 0x20,
    REG_C_UF = 0x10,
    REG_D_VRT = 0x80,
    RTC_HOUR_PM = 0x80,
    RTC_ALARM_ANY = 0xc0,           /* alarm bytes >= this match every value */
};

#define RTC_CLOCK_HZ 32768           /* the time base the rates divide */
#define RTC_UIP_BEFORE_NS 244000     /* UIP rises this long before the update cycle */
#define RTC_UPDATE_NS 1984000        /* the update cycle at 32.768 kHz */
#define RTC_MAX_SECS (1LL << 33)     /* a set time is clamped to +-2^33 s around 1970 */

typedef struct RTCState {
    ISADevice parent;
    MemoryRegion io;
    IRQState *irq;
    uint64_t iobase;                 /* property */
    uint64_t irq_num;                /* property */
    char *base;                      /* property: utc, localtime or YYYY-MM-DD[THH:MM:SS] */
    uint8_t cmos[RTC_BYTES];         /* RAM, alarms, A, B; the clock while SET */
    uint8_t index;
    bool nmi_masked;
    uint8_t flags;                   /* register C's PF, AF, UF */
    int64_t offset_ns;               /* RTC time (ns since the epoch, UTC) - virtual clock */
    int64_t synced_ns;               /* flags are up to date for RTC times <= this */
    Timer *periodic_timer;
    Timer *update_timer;
} RTCState;

#define MC146818_RTC(obj) OBJECT_CHECK(RTCState, obj, TYPE_MC146818_RTC)

/* ---- time ------------------------------------------------------------------- */

static int64_t rtc_now(const RTCState *s)
{
    return clock_get_ns(EMU_CLOCK_VIRTUAL) + s->offset_ns;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The periodic interrupt's period in 32.768 kHz cycles, 0 when RS is 0 (datasheet table 5). */
static int64_t rtc_period_cycles(const RTCState *s)
{
    int rs = s->cmos[RTC_REG_A] & REG_A_RS;
    if (rs == 0) {
        return 0;
    }
    if (rs <= 2) {
        rs += 7;                     /* 1 and 2 repeat the rates of 8 and 9 */
    }
    return 1 << (rs - 1);
}

/* The ns (RTC time) at which 32.768 kHz cycle c begins. */
static int64_t rtc_cycle_ns(int64_t c)
{
    return (int64_t)(((__int128)c * NANOSECONDS_PER_SECOND + RTC_CLOCK_HZ - 1) / RTC_CLOCK_HZ);
}

static int64_t rtc_ns_cycles(int64_t ns)
{
    return (int64_t)((__int128)ns * RTC_CLOCK_HZ / NANOSECONDS_PER_SECOND);
}

static bool rtc_running(const RTCState *s)
{
    return !(s->cmos[RTC_REG_B] & REG_B_SET);
}

static uint8_t rtc_to_reg(const RTCState *s, int v)
{
    if (s->cmos[RTC_REG_B] & REG_B_DM_BINARY) {
        return v;
    }
    return (v / 10) << 4 | (v % 10);
}

static int rtc_from_reg(const RTCState *s, uint8_t v)
{
    if (s->cmos[RTC_REG_B] & REG_B_DM_BINARY) {
        return v;
    }
    return (v >> 4) * 10 + (v & 0xf);
}

static uint8_t rtc_hour_to_reg(const RTCState *s, int hour)
{
    if (s->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_to_reg(s, hour);
    }
    int h12 = hour % 12 ? hour % 12 : 12;
    return rtc_to_reg(s, h12) | (hour >= 12 ? RTC_HOUR_PM : 0);
}

static int rtc_hour_from_reg(const RTCState *s, uint8_t v)
{
    if (s->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_from_reg(s, v);
    }
    int h = rtc_from_reg(s, v & ~RTC_HOUR_PM) % 12;
    return h + (v & RTC_HOUR_PM ? 12 : 0);
}

/* The clock registers (0..9 and the century) for UTC second `secs`, into regs[]. */
static void rtc_format(const RTCState *s, int64_t secs, uint8_t *regs)
{
    time_t t = secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    regs[RTC_SECONDS] = rtc_to_reg(s, tm.tm_sec);
    regs[RTC_MINUTES] = rtc_to_reg(s, tm.tm_min);
    regs[RTC_HOURS] = rtc_hour_to_reg(s, tm.tm_hour);
    regs[RTC_DAY_OF_WEEK] = rtc_to_reg(s, tm.tm_wday + 1);
    regs[RTC_DAY_OF_MONTH] = rtc_to_reg(s, tm.tm_mday);
    regs[RTC_MONTH] = rtc_to_reg(s, tm.tm_mon + 1);
    regs[RTC_YEAR] = rtc_to_reg(s, tm.tm_year % 100);
    regs[RTC_CENTURY] = rtc_to_reg(s, (tm.tm_year + 1900) / 100);
}

/* The UTC second that clock registers regs[] name. */
static int64_t rtc_parse(const RTCState *s, const uint8_t *regs)
{
    struct tm tm = {
        .tm_sec = rtc_from_reg(s, regs[RTC_SECONDS]),
        .tm_min = rtc_from_reg(s, regs[RTC_MINUTES]),
        .tm_hour = rtc_hour_from_reg(s, regs[RTC_HOURS]),
        .tm_mday = rtc_from_reg(s, regs[RTC_DAY_OF_MONTH]),
        .tm_mon = rtc_from_reg(s, regs[RTC_MONTH]) - 1,
        .tm_year = rtc_from_reg(s, regs[RTC_CENTURY]) * 100 + rtc_from_reg(s, regs[RTC_YEAR]) -
                   1900,
    };
    int64_t secs = timegm(&tm);
    /* keep RTC time in ns within int64_t: years 1698..2242 */
    return MAX(MIN(secs, RTC_MAX_SECS), -RTC_MAX_SECS);
}

static bool rtc_is_alarm_reg(int index)
{
    return index == RTC_SECONDS_ALARM || index == RTC_MINUTES_ALARM || index == RTC_HOURS_ALARM;
}

static bool rtc_is_clock_reg(int index)
{
    return (index <= RTC_YEAR && !rtc_is_alarm_reg(index)) || index == RTC_CENTURY;
}

/* Whether the alarm fires at the update to UTC second `secs` (bytes compared as the chip does). */
static bool rtc_alarm_matches(const RTCState *s, int64_t secs)
{
    uint8_t regs[RTC_BYTES];
    rtc_format(s, secs, regs);
    static const int pairs[3][2] = {
        { RTC_SECONDS_ALARM, RTC_SECONDS },
        { RTC_MINUTES_ALARM, RTC_MINUTES },
        { RTC_HOURS_ALARM, RTC_HOURS },
    };
    for (int i = 0; i < 3; i++) {
        uint8_t a = s->cmos[pairs[i][0]];
        if (a < RTC_ALARM_ANY && a != regs[pairs[i][1]]) {
            return false;
        }
    }
    return true;
}

/* ---- flags and interrupts ------------------------------------------------------ */

/*
 * Bring PF, AF and UF up to RTC time `now`: each is set if its event
 * happened in (synced_ns, now].  Updates happen at whole seconds (when
 * running); the periodic flag at multiples of the period from the second.
 */
static void rtc_sync_flags(RTCState *s, int64_t now)
{
    int64_t from = s->synced_ns;
    if (now <= from) {
        return;
    }
    s->synced_ns = now;
    int64_t p = rtc_period_cycles(s);
    if (p && floor_div(rtc_ns_cycles(now), p) != floor_div(rtc_ns_cycles(from), p)) {
        s->flags |= REG_C_PF;
    }
    if (!rtc_running(s)) {
        return;
    }
    int64_t first = floor_div(from, NANOSECONDS_PER_SECOND) + 1;
    int64_t last = floor_div(now, NANOSECONDS_PER_SECOND);
    if (first > last) {
        return;
    }
    s->flags |= REG_C_UF;
    /* every alarm pattern recurs within a day: no need to look further back */
    if (last - first >= 86400) {
        first = last - 86399;
    }
    for (int64_t sec = first; sec <= last && !(s->flags & REG_C_AF); sec++) {
        if (rtc_alarm_matches(s, sec)) {
            s->flags |= REG_C_AF;
        }
    }
}

static uint8_t rtc_reg_c(const RTCState *s)
{
    uint8_t enabled = s->cmos[RTC_REG_B] & (REG_B_PIE | REG_B_AIE | REG_B_UIE);
    /* PIE, AIE and UIE sit at the bit positions of PF, AF and UF */
    return s->flags | (s->flags & enabled ? REG_C_IRQF : 0);
}

/*
 * Drive IRQ from IRQF and arm timers for the next enabled event — only
 * while IRQF is clear: once it is set nothing changes the line until
 * register C is read (which comes back here), so a guest that never reads
 * C costs no timer callbacks.
 */
static void rtc_update_irq(RTCState *s)
{
    bool irqf = rtc_reg_c(s) & REG_C_IRQF;
    irq_set(s->irq, irqf);
    if (irqf) {
        timer_del(s->periodic_timer);
        timer_del(s->update_timer);
        return;
    }
    int64_t now = rtc_now(s);
    int64_t virt = now - s->offset_ns;
    int64_t p = rtc_period_cycles(s);
    if ((s->cmos[RTC_REG_B] & REG_B_PIE) && p) {
        int64_t next = (floor_div(rtc_ns_cycles(now), p) + 1) * p;
        timer_mod(s->periodic_timer, virt + rtc_cycle_ns(next) - now);
    } else {
        timer_del(s->periodic_timer);
    }
    if ((s->cmos[RTC_REG_B] & (REG_B_AIE | REG_B_UIE)) && rtc_running(s)) {
        int64_t next = (floor_div(now, NANOSECONDS_PER_SECOND) + 1) * NANOSECONDS_PER_SECOND;
        timer_mod(s->update_timer, virt + next - now);
    } else {
        timer_del(s->update_timer);
    }
}

static void rtc_timer_cb(void *opaque)
{
    RTCState *s = opaque;
    rtc_sync_flags(s, rtc_now(s));
    rtc_update_irq(s);
}

/* ---- registers ---------------------------------------------------------------- */

/* Set the clock to the registers in regs[], keeping the divider's phase within the second. */
static void rtc_set_time(RTCState *s, const uint8_t *regs)
{
    int64_t now = rtc_now(s);
    int64_t phase = now - floor_div(now, NANOSECONDS_PER_SECOND) * NANOSECONDS_PER_SECOND;
    int64_t t = rtc_parse(s, regs) * NANOSECONDS_PER_SECOND + phase;
    s->offset_ns += t - now;
    s->synced_ns = t;                /* setting the time is not an update */
}

static uint8_t rtc_read_reg(RTCState *s, int index)
{
    int64_t now = rtc_now(s);
    if (rtc_is_clock_reg(index)) {
        if (!rtc_running(s)) {
            return s->cmos[index];
        }
        uint8_t regs[RTC_BYTES];
        rtc_format(s, floor_div(now, NANOSECONDS_PER_SECOND), regs);
        return regs[index];
    }
    switch (index) {
    case RTC_REG_A: {
        uint8_t v = s->cmos[RTC_REG_A] & ~REG_A_UIP;
        int64_t to_next = NANOSECONDS_PER_SECOND - (now - floor_div(now, NANOSECONDS_PER_SECOND) *
                                                              NANOSECONDS_PER_SECOND);
        if (rtc_running(s) && to_next <= RTC_UIP_BEFORE_NS + RTC_UPDATE_NS) {
            v |= REG_A_UIP;
        }
        return v;
    }
    case RTC_REG_C: {
        rtc_sync_flags(s, now);
        uint8_t v = rtc_reg_c(s);
        s->flags = 0;
        rtc_update_irq(s);
        return v;
    }
    case RTC_REG_D:
        return REG_D_VRT;
    default:
        return s->cmos[index];
    }
}

static void rtc_write_reg(RTCState *s, int index, uint8_t val)
{
    int64_t now = rtc_now(s);
    if (rtc_is_clock_reg(index)) {
        if (!rtc_running(s)) {
            s->cmos[index] = val;
        } else {
            /* setting one field of a running clock: the others keep counting */
            uint8_t regs[RTC_BYTES];
            rtc_format(s, floor_div(now, NANOSECONDS_PER_SECOND), regs);
            regs[index] = val;
            rtc_set_time(s, regs);
        }
        return;
    }
    switch (index) {
    case RTC_REG_A:
        rtc_sync_flags(s, now);
        s->cmos[RTC_REG_A] = (s->cmos[RTC_REG_A] & REG_A_UIP) | (val & ~REG_A_UIP);
        break;
    case RTC_REG_B:
        rtc_sync_flags(s, now);
        if ((val & REG_B_SET) && rtc_running(s)) {
            /* freeze: the registers hold the time being set */
            rtc_format(s, floor_div(now, NANOSECONDS_PER_SECOND), s->cmos);
        }
        if (!(val & REG_B_SET) && !rtc_running(s)) {
            s->cmos[RTC_REG_B] = val;    /* parse in the format the guest now uses */
            rtc_set_time(s, s->cmos);
        }
        s->cmos[RTC_REG_B] = val;
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break;                       /* read only */
    default:
        if (rtc_is_alarm_reg(index)) {
            rtc_sync_flags(s, now);
        }
        s->cmos[index] = val;
        break;
    }
    rtc_update_irq(s);
}

static uint64_t rtc_io_read(void *opaque, uint64_t addr, unsigned size)
{
    RTCState *s = opaque;
    if (addr == 0) {
        return 0xff;                 /* the index port is write-only */
    }
    return rtc_read_reg(s, s->index);
}

static void rtc_io_write(void *opaque, uint64_t addr, uint64_t val, unsigned size)
{
    RTCState *s = opaque;
    if (addr == 0) {
        s->index = val & (RTC_BYTES - 1);
        s->nmi_masked = val & 0x80;
    } else {
        rtc_write_reg(s, s->index, val);
    }
}

static const MemoryRegionOps rtc_io_ops = {
    .read = rtc_io_read,
    .write = rtc_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- the board's side ---------------------------------------------------------- */

void mc146818rtc_set_cmos(DeviceState *dev, int index, uint8_t value)
{
    RTCState *s = MC146818_RTC(dev);
    g_assert(index >= 0 && index < RTC_BYTES);
    if (rtc_is_clock_reg(index) || index == RTC_REG_A || index == RTC_REG_B) {
        rtc_write_reg(s, index, value);
    } else if (index != RTC_REG_C && index != RTC_REG_D) {
        s->cmos[index] = value;
    }
}

uint8_t mc146818rtc_get_cmos(DeviceState *dev, int index)
{
    RTCState *s = MC146818_RTC(dev);
    g_assert(index >= 0 && index < RTC_BYTES);
    if (index == RTC_REG_C) {
        return rtc_reg_c(s);         /* without clearing it */
    }
    return rtc_read_reg(s, index);
}

bool mc146818rtc_nmi_masked(DeviceState *dev)
{
    return MC146818_RTC(dev)->nmi_masked;
}

/* ---- the device ---------------------------------------------------------------- */

/* The RTC time (ns since the epoch, as UTC) at realize, from the `base` property. */
static bool rtc_start_time(const RTCState *s, int64_t *ns, Error **errp)
{
    int64_t host = clock_get_ns(EMU_CLOCK_HOST);
    if (!s->base || !*s->base || !strcmp(s->base, "utc")) {
        *ns = host;
        return true;
    }
    if (!strcmp(s->base, "localtime")) {
        /* the guest's clock shows the host's local time (as DOS and Windows expect) */
        time_t t = host / NANOSECONDS_PER_SECOND;
        struct tm tm;
        localtime_r(&t, &tm);
        *ns = host + tm.tm_gmtoff * NANOSECONDS_PER_SECOND;
        return true;
    }
    struct tm tm = { 0 };
    char sep = 'T', end;
    int n = sscanf(s->base, "%d-%d-%d%c%d:%d:%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &sep,
                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &end);
    if ((n != 3 && n != 7) || (sep != 'T' && sep != ' ') || tm.tm_mon < 1 || tm.tm_mon > 12 ||
        tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 59 || tm.tm_year < 1970 || tm.tm_year > 2199) {
        error_setg(errp, "base '%s' is not utc, localtime or "
                   "YYYY-MM-DD[THH:MM:SS] (1970..2199)", s->base);
        return false;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *ns = (int64_t)timegm(&tm) * NANOSECONDS_PER_SECOND;
    return true;
}

static void rtc_realize(DeviceState *dev, Error **errp)
{
    RTCState *s = MC146818_RTC(dev);
    int64_t start;
    if (!rtc_start_time(s, &start, errp)) {
        return;
    }
    memory_region_init_io(&s->io, OBJECT(s), &rtc_io_ops, s, "rtc", 2);
    isa_register_ioport(ISA_DEVICE(s), &s->io, s->iobase);
    s->irq = isa_get_irq(ISA_DEVICE(s), s->irq_num);
    s->periodic_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, rtc_timer_cb, s);
    s->update_timer = timer_new_ns(EMU_CLOCK_VIRTUAL, rtc_timer_cb, s);
    /* the battery-backed part: the time and a power-on A/B/D */
    s->offset_ns = start - clock_get_ns(EMU_CLOCK_VIRTUAL);
    s->synced_ns = rtc_now(s);
    s->cmos[RTC_REG_A] = 0x26;       /* 32.768 kHz time base, 1024 Hz rate */
    s->cmos[RTC_REG_B] = REG_B_24H;  /* BCD, 24-hour */
}

/* The RESET pin: interrupt enables and flags cleared; the clock and RAM are untouched. */
static void rtc_reset(DeviceState *dev)
{
    RTCState *s = MC146818_RTC(dev);
    rtc_sync_flags(s, rtc_now(s));
    s->cmos[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE | REG_B_SQWE);
    s->flags = 0;
    s->nmi_masked = false;
    rtc_update_irq(s);
}

static Property rtc_props[] = {
    { .name = "iobase", .kind = PROP_UINT, .offset = offsetof(RTCState, iobase),
      .def_uint = 0x70, .max = 0xfffe, .help = "index port (data at iobase+1)" },
    { .name = "irq", .kind = PROP_UINT, .offset = offsetof(RTCState, irq_num),
      .def_uint = 8, .max = 15, .help = "ISA IRQ" },
    { .name = "base", .kind = PROP_STRING, .offset = offsetof(RTCState, base),
      .def_str = "utc", .help = "start time: utc, localtime or YYYY-MM-DD[THH:MM:SS]" },
    PROP_END,
};

static void rtc_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = rtc_realize;
    dc->reset = rtc_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, rtc_props);
}

static const TypeInfo rtc_info = {
    .name = TYPE_MC146818_RTC,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(RTCState),
    .class_init = rtc_class_init,
    .description = "MC146818 real-time clock and CMOS RAM (0x70/0x71, IRQ 8)",
};
TYPE_REGISTER(rtc_info)

DeviceState *mc146818rtc_create(uint16_t iobase, int irq, Error **errp)
{
    BusState *bus = qbus_find_by_type(TYPE_ISA_BUS);
    if (!bus) {
        error_setg(errp, "no ISA bus for the RTC");
        return NULL;
    }
    DeviceState *dev = qdev_new(TYPE_MC146818_RTC);
    MC146818_RTC(dev)->iobase = iobase;
    MC146818_RTC(dev)->irq_num = irq;
    if (!qdev_realize(dev, bus, errp)) {
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_unref(OBJECT(dev));
    return dev;
}
