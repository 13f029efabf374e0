/*
 * i8042.h — the PC's keyboard controller ("i8042": data port 0x60,
 * status/command port 0x64) with a PS/2 keyboard on IRQ 1 and a PS/2 mouse
 * on IRQ 12.
 *
 * GPIO output 0 is the A20 gate (output port bit 1); the board connects it
 * to whatever masks address line 20.  A reset pulse (command 0xfe, or an
 * output port write with bit 0 clear) requests a system reset through the
 * run-state API.
 *
 *     DeviceState *kbc = i8042_create(&error_fatal);
 *     qdev_connect_gpio_out(kbc, I8042_GPIO_A20, a20_line);
 *     ...from the UI...
 *     i8042_kbd_event(kbc, 0x1e, true);            // 'A' pressed (set 1 make code)
 *     i8042_mouse_event(kbc, 5, -3, 0, I8042_BUTTON_LEFT);
 */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include "hw/qdev.h"

#define TYPE_I8042 "i8042"

enum {
    I8042_GPIO_A20 = 0,             /* output: 1 = address line 20 enabled */
};

/* Keys are named by their PC/XT (set 1) make code; I8042_KEY_E0 marks the 0xe0-prefixed ones. */
#define I8042_KEY_E0 0x100

enum {
    I8042_BUTTON_LEFT = 1,
    I8042_BUTTON_RIGHT = 2,
    I8042_BUTTON_MIDDLE = 4,
};

/* Create the controller on the machine's ISA bus (ports 0x60, 0x64; IRQ 1 and 12). */
DeviceState *i8042_create(Error **errp);

/* A key went down or up; the keyboard sends it in its current scancode set (typematic while held). */
void i8042_kbd_event(DeviceState *kbc, int key, bool down);
/* Relative motion (dy > 0: away from the user, dz > 0: wheel towards the user) and button state. */
void i8042_mouse_event(DeviceState *kbc, int dx, int dy, int dz, int buttons);

#endif
