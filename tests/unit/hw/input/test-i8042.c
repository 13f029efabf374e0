/*
 * test-i8042.c — the keyboard controller with its PS/2 keyboard and mouse,
 * driven through ports 0x60/0x64 with the command sequences Linux's i8042,
 * atkbd and psmouse drivers and SeaBIOS send: controller self-test and
 * command byte, the AUX loopback check, keyboard identify/reset/LEDs/rate/
 * echo, scancodes in set 2, set 1 and translated, typematic repeat on the
 * virtual clock, the mouse reset, IntelliMouse detection, packets and
 * status, interface enable/disable, A20 and the reset pulse.
 *
 * Expected bytes come from the IBM PS/2 keyboard and mouse references and
 * the 8042 command set (e.g. 'A' is 0x1c in set 2 and 0x1e in set 1; the
 * translated identify reply is 0xab 0x41), not from the model.
 */
#include "exec/memory.h"
#include "exec/runstate.h"
#include "exec/timer.h"
#include "hw/input/i8042.h"
#include "hw/isa.h"
#include "monitor/monitor.h"
#include "util/error.h"
#include "../hw-test.h"

#include <string.h>

#include <glib.h>

static DeviceState *kbc;
static int irq_level[16];
static int irq_rises[16];
static int a20_level = -1;
static char last_event[32];

static void isa_irq(void *opaque, int n, int level)
{
    irq_rises[n] += level && !irq_level[n];
    irq_level[n] = level;
}

static void a20_line(void *opaque, int n, int level)
{
    a20_level = level;
}

static void on_event(const RunEvent *ev, void *opaque)
{
    g_strlcpy(last_event, ev->name, sizeof(last_event));
    if (ev->has_reason) {
        g_strlcat(last_event, ev->guest ? ":guest" : ":host", sizeof(last_event));
    }
}

/* Read one byte as a driver does: wait for OBF; -1 when nothing comes. */
static int read_byte(bool *aux)
{
    uint8_t st = inb(0x64);
    if (!(st & 0x01)) {
        return -1;
    }
    if (aux) {
        *aux = st & 0x20;
    }
    return inb(0x60);
}

/* Expect exactly these bytes, then nothing. */
static void expect(const char *what, const uint8_t *bytes, int n, bool aux)
{
    for (int i = 0; i < n; i++) {
        bool a = false;
        int b = read_byte(&a);
        if (b != bytes[i] || a != aux) {
            g_error("%s: byte %d is %d (aux %d), expected 0x%02x (aux %d)", what, i, b, a, bytes[i],
                    aux);
        }
    }
    int extra = read_byte(NULL);
    if (extra >= 0) {
        g_error("%s: unexpected extra byte 0x%02x", what, extra);
    }
}

#define EXPECT(what, aux, ...)                                                    \
    do {                                                                          \
        static const uint8_t e_[] = { __VA_ARGS__ };                              \
        expect(what, e_, sizeof(e_), aux);                                        \
    } while (0)

static void ctl(uint8_t cmd)
{
    outb(0x64, cmd);
}

static void ctl_data(uint8_t cmd, uint8_t data)
{
    outb(0x64, cmd);
    outb(0x60, data);
}

static void write_ccb(uint8_t v)
{
    ctl_data(0x60, v);
}

static uint8_t read_ccb(void)
{
    ctl(0x20);
    return read_byte(NULL);
}

static void mouse(uint8_t b)
{
    ctl_data(0xd4, b);
}

static void fresh(void)
{
    qdev_reset_all(kbc);
    while (read_byte(NULL) >= 0) {
    }
}

static void test_controller(void)
{
    fresh();
    g_assert_cmphex(inb(0x64) & 0x04, ==, 0);        /* SYS clear at power-on */
    g_assert_cmphex(read_ccb(), ==, 0x03);
    ctl(0xaa);
    EXPECT("self-test", false, 0x55);
    g_assert_cmphex(inb(0x64) & 0x0c, ==, 0x0c);     /* SYS, and A2: last write to 0x64 */
    write_ccb(0x47);                                  /* Linux: translate, SYS, both interrupts */
    g_assert_cmphex(inb(0x64) & 0x0c, ==, 0x04);     /* A2 clear: last write was data */
    g_assert_cmphex(read_ccb(), ==, 0x47);
    ctl(0xa7);
    g_assert_cmphex(read_ccb(), ==, 0x67);
    ctl(0xa8);
    g_assert_cmphex(read_ccb(), ==, 0x47);
    ctl(0xad);
    g_assert_cmphex(read_ccb(), ==, 0x57);
    ctl(0xae);
    g_assert_cmphex(read_ccb(), ==, 0x47);
    ctl(0xa9);
    EXPECT("aux test", false, 0x00);
    ctl(0xab);
    EXPECT("kbd test", false, 0x00);
    ctl(0xa4);
    EXPECT("password", false, 0xf1);
    ctl_data(0x7f, 0x99);                             /* RAM byte 31 */
    ctl(0x3f);
    EXPECT("ram", false, 0x99);
    write_ccb(0x43);
    g_assert_cmphex(inb(0x64) & 0x04, ==, 0);        /* SYS follows the command byte */
    g_assert_cmphex(inb(0x64) & 0x10, ==, 0x10);     /* not inhibited */
}

/* Linux's i8042_check_aux: loop a byte through the AUX output, expect IRQ 12. */
static void test_aux_loopback(void)
{
    fresh();
    write_ccb(0x47);
    ctl_data(0xd3, 0x5a);
    g_assert_cmphex(inb(0x64) & 0x21, ==, 0x21);
    g_assert_cmpint(irq_level[12], ==, 1);
    g_assert_cmpint(irq_level[1], ==, 0);
    g_assert_cmphex(inb(0x60), ==, 0x5a);
    g_assert_cmpint(irq_level[12], ==, 0);
    ctl_data(0xd2, 0xa5);                             /* and as if from the keyboard */
    g_assert_cmpint(irq_level[1], ==, 1);
    EXPECT("kbd obuf", false, 0xa5);
    g_assert_cmpint(irq_level[1], ==, 0);
    write_ccb(0x44);                                  /* interrupts off: no IRQ */
    ctl_data(0xd3, 0x11);
    g_assert_cmpint(irq_level[12], ==, 0);
    EXPECT("aux no irq", true, 0x11);

    /* Linux runs the loopback with both clocks off (0x70), then the IRQ test
       with the mouse on (0x52): the first byte must come back at once (else
       it waits half a second, and the byte left queued fails the IRQ test) */
    write_ccb(0x70);
    ctl_data(0xd3, 0x5a);
    g_assert_cmphex(inb(0x64) & 0x21, ==, 0x21);
    g_assert_cmphex(inb(0x60), ==, 0x5a);
    write_ccb(0x52);
    ctl_data(0xd3, 0xa5);
    g_assert_cmpint(irq_level[12], ==, 1);
    g_assert_cmphex(inb(0x64) & 0x21, ==, 0x21);
    g_assert_cmphex(inb(0x60), ==, 0xa5);
    g_assert_cmphex(inb(0x64) & 0x01, ==, 0);       /* nothing else queued */
}

/* atkbd's probe and setup, with and without translation. */
static void test_keyboard_commands(void)
{
    fresh();
    write_ccb(0x47);
    outb(0x60, 0xf2);
    EXPECT("identify translated", false, 0xfa, 0xab, 0x41);
    write_ccb(0x07);
    outb(0x60, 0xf2);
    EXPECT("identify", false, 0xfa, 0xab, 0x83);
    outb(0x60, 0xff);
    EXPECT("reset", false, 0xfa, 0xaa);
    outb(0x60, 0xed);
    outb(0x60, 0x07);
    EXPECT("leds", false, 0xfa, 0xfa);
    outb(0x60, 0xf3);
    outb(0x60, 0x20);
    EXPECT("rate", false, 0xfa, 0xfa);
    outb(0x60, 0xee);
    EXPECT("echo", false, 0xee);
    outb(0x60, 0xf0);
    outb(0x60, 0x00);
    EXPECT("get set", false, 0xfa, 0xfa, 0x02);     /* ACK, ACK for the argument, the set */
    outb(0x60, 0x01);
    EXPECT("unknown", false, 0xfe);
    outb(0x60, 0xfe);
    EXPECT("resend", false, 0xfe);
    outb(0x60, 0xf5);
    EXPECT("disable", false, 0xfa);
    i8042_kbd_event(kbc, 0x1e, true);
    EXPECT("disabled: no scancodes", false);
    outb(0x60, 0xf4);
    EXPECT("enable", false, 0xfa);
}

static void test_scancodes(void)
{
    fresh();
    write_ccb(0x47);                                  /* translated to set 1 */
    i8042_kbd_event(kbc, 0x1e, true);
    g_assert_cmpint(irq_level[1], ==, 1);
    i8042_kbd_event(kbc, 0x1e, false);
    irq_rises[1] = 0;
    EXPECT("A translated", false, 0x1e, 0x9e);
    g_assert_cmpint(irq_level[1], ==, 0);
    g_assert_cmpint(irq_rises[1], ==, 1);             /* a new edge for the queued byte */
    i8042_kbd_event(kbc, I8042_KEY_E0 | 0x1d, true);  /* right Ctrl */
    i8042_kbd_event(kbc, I8042_KEY_E0 | 0x1d, false);
    EXPECT("RCtrl translated", false, 0xe0, 0x1d, 0xe0, 0x9d);
    i8042_kbd_event(kbc, 0x41, true);                 /* F7: set 2 0x83 */
    i8042_kbd_event(kbc, 0x41, false);
    EXPECT("F7 translated", false, 0x41, 0xc1);
    write_ccb(0x07);                                  /* raw set 2 */
    i8042_kbd_event(kbc, 0x1e, true);
    i8042_kbd_event(kbc, 0x1e, false);
    EXPECT("A set 2", false, 0x1c, 0xf0, 0x1c);
    i8042_kbd_event(kbc, I8042_KEY_E0 | 0x48, true);  /* Up */
    i8042_kbd_event(kbc, I8042_KEY_E0 | 0x48, false);
    EXPECT("Up set 2", false, 0xe0, 0x75, 0xe0, 0xf0, 0x75);
    i8042_kbd_event(kbc, 0x39, true);                 /* Space */
    i8042_kbd_event(kbc, 0x39, false);
    EXPECT("Space set 2", false, 0x29, 0xf0, 0x29);
    outb(0x60, 0xf0);
    outb(0x60, 0x01);                                 /* the keyboard itself in set 1 */
    EXPECT("set 1", false, 0xfa, 0xfa);
    i8042_kbd_event(kbc, 0x10, true);
    i8042_kbd_event(kbc, 0x10, false);
    EXPECT("Q set 1", false, 0x10, 0x90);
    /* the keyboard's buffer: 15 codes and the overrun code when the host does not read */
    outb(0x60, 0xff);
    EXPECT("reset", false, 0xfa, 0xaa);
    ctl(0xad);
    for (int k = 0x02; k < 0x02 + 20; k++) {
        i8042_kbd_event(kbc, k, true);
    }
    EXPECT("clock off: held back", false);
    ctl(0xae);
    static const uint8_t set2_row[] = { 0x16, 0x1e, 0x26, 0x25, 0x2e, 0x36, 0x3d, 0x3e, 0x46,
                                        0x45, 0x4e, 0x55, 0x66, 0x0d, 0x15, 0x00 };
    expect("overrun", set2_row, sizeof(set2_row), false);
    outb(0x60, 0xf6);                                 /* stop the repeat of the last key */
    EXPECT("defaults", false, 0xfa);
}

/* Count the make codes of a held key over an interval, draining as a driver would. */
static int count_repeats(int64_t interval)
{
    int makes = 0;
    int64_t end = now() + interval;
    for (;;) {
        int b;
        while ((b = read_byte(NULL)) >= 0) {
            makes += b == 0x1c;
        }
        int64_t d = timers_deadline_ns(EMU_CLOCK_VIRTUAL);
        if (d < 0 || d > end) {
            break;
        }
        if (d > now()) {
            icount_add(d - now());
        }
        timers_run_expired(EMU_CLOCK_VIRTUAL);
    }
    if (end > now()) {
        icount_add(end - now());
    }
    return makes;
}

static void test_typematic(void)
{
    fresh();
    write_ccb(0x07);
    i8042_kbd_event(kbc, 0x1e, true);
    /* default: 500 ms delay, then every (8 + 3) * 2 * 4.17 ms = 91.74 ms */
    g_assert_cmpint(count_repeats(500 * 1000 * 1000LL - 1), ==, 1);
    g_assert_cmpint(count_repeats(1), ==, 1);
    g_assert_cmpint(count_repeats(5 * 91740000LL), ==, 5);
    i8042_kbd_event(kbc, 0x1e, false);
    EXPECT("break", false, 0xf0, 0x1c);
    g_assert_cmpint(count_repeats(2000 * 1000 * 1000LL), ==, 0);
    /* fastest: 250 ms, then 8 * 4.17 = 33.36 ms */
    outb(0x60, 0xf3);
    outb(0x60, 0x00);
    EXPECT("rate", false, 0xfa, 0xfa);
    i8042_kbd_event(kbc, 0x1e, true);
    g_assert_cmpint(count_repeats(250 * 1000 * 1000LL + 10 * 33360000LL), ==, 12);
    i8042_kbd_event(kbc, 0x1e, false);
    count_repeats(1);
    g_assert_cmpint(timers_deadline_ns(EMU_CLOCK_VIRTUAL), ==, -1);
}

/* psmouse's probe: reset, id, the IntelliMouse knock, setup, then packets. */
static void test_mouse(void)
{
    fresh();
    write_ccb(0x47);
    mouse(0xff);
    EXPECT("mouse reset", true, 0xfa, 0xaa, 0x00);
    mouse(0xf2);
    EXPECT("id", true, 0xfa, 0x00);
    static const uint8_t knock[] = { 200, 100, 80 };
    for (int i = 0; i < 3; i++) {
        mouse(0xf3);
        mouse(knock[i]);
        EXPECT("rate", true, 0xfa, 0xfa);
    }
    mouse(0xf2);
    EXPECT("wheel id", true, 0xfa, 0x03);
    mouse(0xe8);
    mouse(0x03);
    mouse(0xe6);
    EXPECT("res, scale", true, 0xfa, 0xfa, 0xfa);
    i8042_mouse_event(kbc, 10, 10, 0, 0);             /* reporting off: nothing */
    EXPECT("quiet", true);
    mouse(0xf4);
    EXPECT("enable", true, 0xfa);
    i8042_mouse_event(kbc, 5, -3, 1, I8042_BUTTON_LEFT);
    g_assert_cmpint(irq_level[12], ==, 1);
    EXPECT("packet", true, 0x29, 0x05, 0xfd, 0x01);
    i8042_mouse_event(kbc, 600, 0, 0, I8042_BUTTON_LEFT | I8042_BUTTON_RIGHT);
    EXPECT("split", true, 0x0b, 0xff, 0x00, 0x00, 0x0b, 0xff, 0x00, 0x00, 0x0b, 0x5a, 0x00,
           0x00);
    mouse(0xe9);
    EXPECT("status", true, 0xfa, 0x25, 0x03, 80);    /* enabled, left + right */
    /* remote mode: motion accumulates until read */
    mouse(0xf0);
    EXPECT("remote", true, 0xfa);
    i8042_mouse_event(kbc, 3, 4, 0, 0);
    i8042_mouse_event(kbc, 3, 4, 0, 0);
    EXPECT("remote quiet", true);
    mouse(0xeb);
    EXPECT("read data", true, 0xfa, 0x08, 0x06, 0x08, 0x00);
    /* wrap mode echoes */
    mouse(0xee);
    mouse(0x42);
    mouse(0xec);
    EXPECT("wrap", true, 0xfa, 0x42, 0xfa);
    mouse(0x00);
    EXPECT("bad command", true, 0xfe);
    /* the mouse clock off holds its data back; the keyboard's still flows */
    mouse(0xea);
    EXPECT("stream", true, 0xfa);
    ctl(0xa7);
    i8042_mouse_event(kbc, 1, 1, 0, 0);
    i8042_kbd_event(kbc, 0x1e, true);
    i8042_kbd_event(kbc, 0x1e, false);
    EXPECT("kbd only", false, 0x1e, 0x9e);
    ctl(0xa8);
    EXPECT("mouse again", true, 0x08, 0x01, 0x01, 0x00);
}

static void test_a20_reset(void)
{
    fresh();
    g_assert_cmpint(a20_level, ==, 1);
    ctl(0xd0);
    EXPECT("outport", false, 0xcf);
    ctl_data(0xd1, 0xdd);                             /* A20 off, reset line high */
    g_assert_cmpint(a20_level, ==, 0);
    ctl(0xd0);
    EXPECT("outport a20 off", false, 0xcd);
    ctl(0xdf);
    g_assert_cmpint(a20_level, ==, 1);
    ctl(0xdd);
    g_assert_cmpint(a20_level, ==, 0);
    ctl_data(0xd1, 0xdf);
    g_assert_cmpint(a20_level, ==, 1);
    g_assert_false(runstate_request_pending());
    ctl(0xff);                                        /* pulses nothing */
    g_assert_false(runstate_request_pending());
    ctl(0xfe);                                        /* pulse the reset line */
    g_assert_true(runstate_request_pending());
    last_event[0] = 0;
    runstate_process_requests();
    g_assert_cmpstr(last_event, ==, "RESET:guest");
    ctl_data(0xd1, 0xde);                             /* writing bit 0 low resets too */
    g_assert_true(runstate_request_pending());
    runstate_process_requests();
    g_assert_cmpstr(last_event, ==, "RESET:guest");
    char *q = qdev_qtree_string();
    g_assert_nonnull(strstr(q, "io 0060-0060, io 0064-0064, irq 1, irq 12"));
    g_free(q);
}

/* The monitor's sendkey: keys pressed in order, released in reverse. */
static void test_sendkey(void)
{
    fresh();
    write_ccb(0x07);                                  /* raw set 2 */
    char *out = monitor_hmp_execute("sendkey ctrl-alt-delete");
    g_assert_cmpstr(out, ==, "");
    g_free(out);
    EXPECT("ctrl-alt-delete", false, 0x14, 0x11, 0xe0, 0x71, 0xe0, 0xf0, 0x71, 0xf0, 0x11, 0xf0,
           0x14);
    out = monitor_hmp_execute("sendkey shift-a 100");
    g_free(out);
    EXPECT("shift-a", false, 0x12, 0x1c, 0xf0, 0x1c, 0xf0, 0x12);
    out = monitor_hmp_execute("sendkey 0x1e-0xe048");   /* A, Up by set 1 code */
    g_free(out);
    EXPECT("codes", false, 0x1c, 0xe0, 0x75, 0xe0, 0xf0, 0x75, 0xf0, 0x1c);
    out = monitor_hmp_execute("sendkey ctrl-nosuchkey");
    g_assert_nonnull(strstr(out, "unknown key 'nosuchkey'"));
    g_free(out);
    EXPECT("nothing sent", false);
    write_ccb(0x47);
    out = monitor_hmp_execute("sendkey kp_enter");
    g_free(out);
    EXPECT("translated", false, 0xe0, 0x1c, 0xe0, 0x9c);
    out = monitor_hmp_execute("sendkey print");
    g_free(out);
    EXPECT("print translated", false, 0xe0, 0x2a, 0xe0, 0x37, 0xe0, 0xb7, 0xe0, 0xaa);
    out = monitor_hmp_execute("sendkey pause");
    g_free(out);
    EXPECT("pause translated", false, 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5);
    write_ccb(0x07);
    out = monitor_hmp_execute("sendkey print");
    g_free(out);
    EXPECT("print set 2", false, 0xe0, 0x12, 0xe0, 0x7c, 0xe0, 0xf0, 0x7c, 0xe0, 0xf0, 0x12);
    out = monitor_hmp_execute("sendkey pause");
    g_free(out);
    EXPECT("pause set 2", false, 0xe1, 0x14, 0x77, 0xe1, 0xf0, 0x14, 0xf0, 0x77);
    outb(0x60, 0xf6);
    EXPECT("defaults", false, 0xfa);
}

static void test_random(void)
{
    GRand *r = g_rand_new_with_seed(8042);
    fresh();
    for (int i = 0; i < 100000; i++) {
        uint32_t op = g_rand_int(r);
        switch (op & 7) {
        case 0:
        case 1:
            outb(0x60, op >> 8);
            break;
        case 2:
            outb(0x64, op >> 8);
            break;
        case 3:
        case 4:
            inb(op & 8 ? 0x64 : 0x60);
            break;
        case 5:
            i8042_kbd_event(kbc, (op >> 8) & 0x17f, op & 0x80000000);
            break;
        case 6:
            i8042_mouse_event(kbc, (int8_t)(op >> 8), (int8_t)(op >> 16), (op >> 24) & 3,
                              op >> 28);
            break;
        case 7:
            icount_add((op >> 8) % 10000000);
            timers_run_expired(EMU_CLOCK_VIRTUAL);
            break;
        }
    }
    g_rand_free(r);
    runstate_process_requests();
    fresh();
    write_ccb(0x47);
    outb(0x60, 0xf2);
    EXPECT("still works", false, 0xfa, 0xab, 0x41);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    icount_enable(0);
    ISABus *bus = isa_bus_new(NULL, get_system_memory(), get_system_io(), &error_fatal);
    isa_bus_set_irqs(bus, irq_allocate(isa_irq, NULL, ISA_NUM_IRQS));
    kbc = i8042_create(&error_fatal);
    qdev_connect_gpio_out(kbc, I8042_GPIO_A20, irq_new(a20_line, NULL, 0));
    runstate_add_event_listener(on_event, NULL);
    g_test_add_func("/i8042/controller", test_controller);
    g_test_add_func("/i8042/aux-loopback", test_aux_loopback);
    g_test_add_func("/i8042/keyboard-commands", test_keyboard_commands);
    g_test_add_func("/i8042/scancodes", test_scancodes);
    g_test_add_func("/i8042/typematic", test_typematic);
    g_test_add_func("/i8042/mouse", test_mouse);
    g_test_add_func("/i8042/a20-reset", test_a20_reset);
    g_test_add_func("/i8042/sendkey", test_sendkey);
    g_test_add_func("/i8042/random", test_random);
    return g_test_run();
}
