/*
 * test-piix4-pm.c — the PIIX4 power-management function driven as SeaBIOS
 * and an ACPI OS drive it: config space (PMBA, PMREGMISC, SMBus), the PM
 * timer against a virtual clock stepped exactly (-icount shift 0: one ns per
 * step), its overflow status and SCI, ACPI enable through port 0xb2, the
 * power button, and S5 ending in a guest-shutdown request.
 *
 * The timer's expected values are computed here from the ACPI definition
 * (3.579545 MHz, 24 bits: floor(t * 3579545 / 10^9) mod 2^24) in long
 * double arithmetic, independently of the device's integer code.
 */
#include "exec/memory.h"
#include "exec/runstate.h"
#include "exec/timer.h"
#include "hw/acpi/piix4.h"
#include "hw/pci.h"
#include "hw/sysbus.h"
#include "util/error.h"
#include "../hw-test.h"

#include <math.h>
#include <string.h>

#include <glib.h>

#define PM_DEVFN PCI_DEVFN(1, 3)
#define PM PIIX4_PM_BASE

static PCIBus *root;
static PCIDevice *pm;
static int sci_level;
static GPtrArray *events;

static uint32_t in(uint16_t port, int size)
{
    uint32_t v = 0;
    address_space_read(address_space_io(), port, &v, size);
    return GUINT32_FROM_LE(v);
}

static void out(uint16_t port, uint32_t v, int size)
{
    v = GUINT32_TO_LE(v);
    address_space_write(address_space_io(), port, &v, size);
}

/* Advance the virtual clock to t, firing every timer at its exact deadline. */
static uint32_t expected_tmr(int64_t t)
{
    long double ticks = floorl((long double)t * 3579545.0L / 1e9L);
    return (uint32_t)fmodl(ticks, 16777216.0L);
}

static void sci_handler(void *opaque, int n, int level)
{
    sci_level = level;
}

static void event_listener(const RunEvent *ev, void *opaque)
{
    g_ptr_array_add(events, g_strdup_printf("%s %s %s", ev->name,
                                            ev->has_reason && ev->guest ? "guest" : "host",
                                            ev->has_reason ? ev->reason : ""));
}

static void test_config(void)
{
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, 0, 4), ==, 0x71138086);
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, PCI_CLASS_DEVICE, 2), ==, 0x0680);
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, 0x40, 4), ==, 0x601);
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, 0x80, 1), ==, 1);
    /* move the block as a BIOS may: it answers at the new base only */
    pci_host_config_write(root, 0, PM_DEVFN, 0x40, 0xb000, 4);
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, 0x40, 4), ==, 0xb001);
    out(0xb000 + PIIX4_PM1_EVT + 2, 0x0120, 2);
    g_assert_cmphex(in(0xb000 + PIIX4_PM1_EVT + 2, 2), ==, 0x0120);
    g_assert_cmphex(in(PM + PIIX4_PM1_EVT + 2, 2), ==, 0xffff);
    /* PMREGMISC off: no decode */
    pci_host_config_write(root, 0, PM_DEVFN, 0x80, 0, 1);
    g_assert_cmphex(in(0xb000 + PIIX4_PM1_EVT + 2, 2), ==, 0xffff);
    /* SeaBIOS's programming */
    pci_host_config_write(root, 0, PM_DEVFN, 0x40, PIIX4_PM_BASE | 1, 4);
    pci_host_config_write(root, 0, PM_DEVFN, 0x80, 1, 1);
    g_assert_cmphex(in(PM + PIIX4_PM1_EVT + 2, 2), ==, 0x0120);
    out(PM + PIIX4_PM1_EVT + 2, 0, 2);

    /* SMBus: present, idle; a transaction fails with device error */
    g_assert_cmphex(pci_host_config_read(root, 0, PM_DEVFN, 0x90, 4), ==, 0x701);
    g_assert_cmphex(in(PIIX4_SMB_BASE, 1), ==, 0x00);
    out(PIIX4_SMB_BASE + 2, 0x48, 1);
    g_assert_cmphex(in(PIIX4_SMB_BASE, 1), ==, 0x04);
    out(PIIX4_SMB_BASE, 0x04, 1);
    g_assert_cmphex(in(PIIX4_SMB_BASE, 1), ==, 0x00);
}

static void test_timer_rate(void)
{
    /* at a run of instants, including ones far apart and across a 24-bit wrap */
    static const int64_t steps[] = { 1, 279, 280, 1000, 999999, 1000000000, 3, 4687500000LL,
                                     123456789, 2 * 4687500000LL + 17 };
    for (unsigned i = 0; i < G_N_ELEMENTS(steps); i++) {
        run_until(now() + steps[i]);
        g_assert_cmphex(in(PM + PIIX4_PM_TMR, 4), ==, expected_tmr(now()));
    }
    /* the rate: one second of virtual time is 3579545 ticks (mod 2^24) */
    uint32_t a = in(PM + PIIX4_PM_TMR, 4);
    run_until(now() + NANOSECONDS_PER_SECOND);
    uint32_t b = in(PM + PIIX4_PM_TMR, 4);
    uint32_t d = (b - a) & 0xffffff;
    g_assert_cmpuint(d, >=, 3579544);
    g_assert_cmpuint(d, <=, 3579546);
    /* the top byte reads 0; the timer ignores writes */
    g_assert_cmphex(in(PM + PIIX4_PM_TMR + 3, 1), ==, 0);
    out(PM + PIIX4_PM_TMR, 0, 4);
    g_assert_cmphex(in(PM + PIIX4_PM_TMR, 4), ==, expected_tmr(now()));
}

/* When bit 23 of the count next changes after t, by the definition. */
static int64_t next_flip(int64_t t)
{
    long double ticks = floorl((long double)t * 3579545.0L / 1e9L);
    long double next = (floorl(ticks / 8388608.0L) + 1) * 8388608.0L;
    return (int64_t)ceill(next * 1e9L / 3579545.0L);
}

static void test_timer_overflow(void)
{
    out(PM + PIIX4_PM1_EVT, 0xffff, 2);               /* clear status */
    out(PM + PIIX4_PM1_EVT + 2, 0x0001, 2);           /* TMR_EN */
    out(PIIX4_SMI_CMD_PORT, PIIX4_ACPI_ENABLE, 1);
    g_assert_cmphex(in(PM + PIIX4_PM1_CNT, 2) & 1, ==, 1);
    out(PM + PIIX4_PM1_EVT, 0xffff, 2);
    g_assert_cmpint(sci_level, ==, 0);
    for (int k = 0; k < 3; k++) {
        int64_t flip = next_flip(now());
        run_until(flip - 1);
        g_assert_cmphex(in(PM + PIIX4_PM1_EVT, 2) & 1, ==, 0);
        g_assert_cmpint(sci_level, ==, 0);
        run_until(flip);
        /* the timer interrupt arrives on time, without a register read */
        g_assert_cmpint(sci_level, ==, 1);
        g_assert_cmphex(in(PM + PIIX4_PM1_EVT, 2) & 1, ==, 1);
        g_assert_cmphex((in(PM + PIIX4_PM_TMR, 4) >> 23) & 1, ==,
                        ((expected_tmr(flip - 1) >> 23) & 1) ^ 1);
        out(PM + PIIX4_PM1_EVT, 0x0001, 2);           /* write 1 to clear */
        g_assert_cmpint(sci_level, ==, 0);
    }
    /* status without enable: no SCI */
    out(PM + PIIX4_PM1_EVT + 2, 0, 2);
    run_until(next_flip(now()));
    g_assert_cmphex(in(PM + PIIX4_PM1_EVT, 2) & 1, ==, 1);
    g_assert_cmpint(sci_level, ==, 0);
    /* enable with status pending: SCI; SCI_EN off (ACPI_DISABLE): none */
    out(PM + PIIX4_PM1_EVT + 2, 1, 2);
    g_assert_cmpint(sci_level, ==, 1);
    out(PIIX4_SMI_CMD_PORT, PIIX4_ACPI_DISABLE, 1);
    g_assert_cmpint(sci_level, ==, 0);
    g_assert_cmphex(in(PM + PIIX4_PM1_CNT, 2) & 1, ==, 0);
    out(PIIX4_SMI_CMD_PORT, PIIX4_ACPI_ENABLE, 1);
    g_assert_cmpint(sci_level, ==, 1);
    out(PM + PIIX4_PM1_EVT, 0xffff, 2);
    out(PM + PIIX4_PM1_EVT + 2, 0, 2);
    g_assert_cmpint(sci_level, ==, 0);
}

static void test_power_button(void)
{
    out(PM + PIIX4_PM1_EVT + 2, 0x0100, 2);           /* PWRBTN_EN */
    runstate_request_powerdown();
    g_assert_false(runstate_process_requests());      /* the handler presses the button */
    g_assert_cmphex(in(PM + PIIX4_PM1_EVT, 2) & 0x100, ==, 0x100);
    g_assert_cmpint(sci_level, ==, 1);
    out(PM + PIIX4_PM1_EVT, 0x0100, 2);
    g_assert_cmpint(sci_level, ==, 0);
    out(PM + PIIX4_PM1_EVT + 2, 0, 2);
}

static void test_s5(void)
{
    g_assert_false(runstate_request_pending());
    /* S3's type (1) is not offered: nothing happens */
    out(PM + PIIX4_PM1_CNT, 1 | 1 << 10 | 1 << 13, 2);
    g_assert_false(runstate_request_pending());
    /* SLP_EN reads back 0; SLP_TYP and SCI_EN stay */
    g_assert_cmphex(in(PM + PIIX4_PM1_CNT, 2), ==, 1 | 1 << 10);
    /* SLP_TYP = S5 without SLP_EN: nothing */
    out(PM + PIIX4_PM1_CNT, 1 | PIIX4_SLP_TYP_S5 << 10, 2);
    g_assert_false(runstate_request_pending());
    /* with SLP_EN: a guest shutdown request */
    g_ptr_array_set_size(events, 0);
    out(PM + PIIX4_PM1_CNT, 1 | PIIX4_SLP_TYP_S5 << 10 | 1 << 13, 2);
    g_assert_true(runstate_request_pending());
    g_assert_true(runstate_process_requests());
    g_assert_cmpuint(events->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(events, 0), ==, "SHUTDOWN guest guest-shutdown");
}

static const TypeInfo test_host_info = {
    .name = "test-pm-host",
    .parent = TYPE_SYS_BUS_DEVICE,
};
TYPE_REGISTER(test_host_info)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    events = g_ptr_array_new_with_free_func(g_free);
    runstate_add_event_listener(event_listener, NULL);
    DeviceState *host = qdev_new("test-pm-host");
    qdev_realize(host, NULL, &error_fatal);
    root = pci_root_bus_new(host, "pci.0", get_system_memory(), get_system_io(), 0);
    pm = piix4_pm_create(root, PM_DEVFN, &error_fatal);
    qdev_connect_gpio_out(DEVICE(pm), 0, irq_allocate(sci_handler, NULL, 1)[0]);
    g_test_add_func("/piix4-pm/config", test_config);
    g_test_add_func("/piix4-pm/timer-rate", test_timer_rate);
    g_test_add_func("/piix4-pm/timer-overflow", test_timer_overflow);
    g_test_add_func("/piix4-pm/power-button", test_power_button);
    g_test_add_func("/piix4-pm/s5", test_s5);
    return g_test_run();
}
