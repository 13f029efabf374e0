/*
 * qdev.h — devices and buses on top of the object model.
 *
 * A device is created (object_new), configured through its properties,
 * plugged into a bus, then realized; realize may fail with an error and
 * leaves the device unrealized.  reset puts it in its power-on state;
 * `system_reset` resets every device on every bus below the main system bus.
 *
 *     DeviceState *dev = qdev_new("toy-uart");
 *     qdev_prop_set(dev, "chardev", "serial0", &error_fatal);
 *     qdev_realize(dev, sysbus_get_default(), &error_fatal);
 *
 * From the command line: `-device TYPE,id=x[,bus=name],prop=val`; `-device help` lists
 * the user-creatable devices and `-device TYPE,help` their properties.
 *
 * GPIO lines: a device declares inputs (qdev_init_gpio_in: lines that call
 * its handler) and outputs (qdev_init_gpio_out: pointers the board
 * connects to someone's input with qdev_connect_gpio_out).
 */
#ifndef HW_QDEV_H
#define HW_QDEV_H

#include "hw/irq.h"
#include "qom/object.h"

#include <stdio.h>

#include <glib.h>

#define TYPE_DEVICE "device"
#define TYPE_BUS "bus"

typedef struct DeviceState DeviceState;
typedef struct BusState BusState;

typedef struct DeviceClass {
    ObjectClass parent;
    /* bring the device to life after its properties are set; may fail */
    void (*realize)(DeviceState *dev, Error **errp);
    /* undo realize (hot-unplug, tear-down); may be NULL */
    void (*unrealize)(DeviceState *dev);
    /* power-on state (system_reset); may be NULL */
    void (*reset)(DeviceState *dev);
    /* the bus type it plugs into (NULL: TYPE_SYSTEM_BUS) */
    const char *bus_type;
    /* may be created with -device */
    bool user_creatable;
    /* `info qtree`: device-specific lines (indent already printed by the caller) */
    void (*print_dev)(DeviceState *dev, GString *out, int indent);
} DeviceClass;

typedef struct NamedGPIO NamedGPIO;

struct DeviceState {
    Object parent;
    bool realized;
    BusState *parent_bus;
    DeviceState *sibling;          /* next on parent_bus */
    BusState *child_buses;         /* buses this device provides */
    IRQState **gpio_in;
    int num_gpio_in;
    IRQState ***gpio_out;          /* each points at the device's own IRQState * field */
    int num_gpio_out;
};

typedef struct BusClass {
    ObjectClass parent;
    /* `info qtree`: a short address of a child ("@0x10000000"), may be NULL */
    char *(*get_dev_path)(DeviceState *dev);
} BusClass;

struct BusState {
    Object parent;
    char *name;
    DeviceState *parent_dev;       /* NULL for the main system bus */
    DeviceState *children;         /* in plug order */
    BusState *sibling;             /* next bus of parent_dev */
};

#define DEVICE(obj) OBJECT_CHECK(DeviceState, obj, TYPE_DEVICE)
#define DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(DeviceClass, obj, TYPE_DEVICE)
#define DEVICE_CLASS(oc) OBJECT_CLASS_CHECK(DeviceClass, oc, TYPE_DEVICE)
#define BUS(obj) OBJECT_CHECK(BusState, obj, TYPE_BUS)

/* Set a class's property table (end with PROP_END). */
void device_class_set_props(DeviceClass *dc, Property *props);

DeviceState *qdev_new(const char *type);
bool qdev_prop_set(DeviceState *dev, const char *name, const char *value, Error **errp);
/* Plug into bus (NULL: the main system bus) and realize; on failure unplugs. */
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
/* Reset dev and everything on its buses. */
void qdev_reset_all(DeviceState *dev);
void bus_reset_all(BusState *bus);

BusState *qbus_new(const char *type, DeviceState *parent, const char *name);
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
/* The bus every top-level device plugs into. */
BusState *sysbus_get_default(void);
/* A bus of type bus_type anywhere in the tree (first found), or NULL. */
BusState *qbus_find_by_type(const char *bus_type);
/* The bus called name (`info qtree` shows the names; `-device ...,bus=name`), or NULL. */
BusState *qbus_find_by_name(const char *name);

/* GPIOs. */
void qdev_init_gpio_in(DeviceState *dev, IRQHandler *handler, int n);
IRQState *qdev_get_gpio_in(DeviceState *dev, int n);
void qdev_init_gpio_out(DeviceState *dev, IRQState **pins, int n);
void qdev_connect_gpio_out(DeviceState *dev, int n, IRQState *target);

/*
 * `-device` handling: create from "TYPE,id=x,prop=val" (plugged and
 * realized), or print help for "help" / "TYPE,help" (then *printed_help is
 * set and NULL returned with no error).
 */
DeviceState *qdev_device_add(const char *optarg, FILE *help_out, bool *printed_help,
                             Error **errp);
void qdev_print_device_list(FILE *out);
bool qdev_print_device_props(FILE *out, const char *type, Error **errp);
/* `info qtree`. */
char *qdev_qtree_string(void);

#endif
