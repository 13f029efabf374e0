/*
 * qdev.c — devices and buses (hw/qdev.h): plugging, realize/unrealize,
 * reset walks, GPIO lines, `-device` creation and help, and `info qtree`.
 * Called with the I/O lock held (or during start-up).
 */
#include "hw/qdev.h"
#include "hw/sysbus.h"
#include "util/error.h"
#include "util/option.h"

#include <string.h>

#include <glib.h>

void device_class_set_props(DeviceClass *dc, Property *props)
{
    dc->parent.props = props;
}

DeviceState *qdev_new(const char *type)
{
    return DEVICE(object_new(type));
}

bool qdev_prop_set(DeviceState *dev, const char *name, const char *value, Error **errp)
{
    if (dev->realized) {
        error_setg(errp, "property '%s': the device is already realized", name);
        return false;
    }
    return object_property_parse(OBJECT(dev), name, value, errp);
}

static void bus_add_child(BusState *bus, DeviceState *dev)
{
    DeviceState **p = &bus->children;
    while (*p) {
        p = &(*p)->sibling;
    }
    *p = dev;
    dev->parent_bus = bus;
    object_ref(OBJECT(dev));
}

static void bus_remove_child(BusState *bus, DeviceState *dev)
{
    for (DeviceState **p = &bus->children; *p; p = &(*p)->sibling) {
        if (*p == dev) {
            *p = dev->sibling;
            break;
        }
    }
    dev->sibling = NULL;
    dev->parent_bus = NULL;
    object_unref(OBJECT(dev));
}

bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    const char *want = dc->bus_type ? dc->bus_type : TYPE_SYSTEM_BUS;
    if (!bus) {
        bus = strcmp(want, TYPE_SYSTEM_BUS) == 0 ? sysbus_get_default()
                                                 : qbus_find_by_type(want);
        if (!bus) {
            error_setg(errp, "no '%s' bus for device '%s'", want, object_get_typename(OBJECT(dev)));
            return false;
        }
    }
    if (!object_dynamic_cast(OBJECT(bus), want)) {
        error_setg(errp, "device '%s' needs a '%s' bus, not '%s'",
                   object_get_typename(OBJECT(dev)), want, object_get_typename(OBJECT(bus)));
        return false;
    }
    bus_add_child(bus, dev);
    if (dc->realize) {
        Error *err = NULL;
        dc->realize(dev, &err);
        if (err) {
            bus_remove_child(bus, dev);
            error_propagate(errp, err);
            return false;
        }
    }
    dev->realized = true;
    if (dc->reset) {
        dc->reset(dev);
    }
    return true;
}

void qdev_unrealize(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    if (!dev->realized) {
        return;
    }
    for (BusState *b = dev->child_buses; b; b = b->sibling) {
        while (b->children) {
            qdev_unrealize(b->children);
        }
    }
    if (dc->unrealize) {
        dc->unrealize(dev);
    }
    dev->realized = false;
    if (dev->parent_bus) {
        bus_remove_child(dev->parent_bus, dev);
    }
}

void bus_reset_all(BusState *bus)
{
    for (DeviceState *d = bus->children; d; d = d->sibling) {
        qdev_reset_all(d);
    }
}

void qdev_reset_all(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    if (dc->reset) {
        dc->reset(dev);
    }
    for (BusState *b = dev->child_buses; b; b = b->sibling) {
        bus_reset_all(b);
    }
}

/* ---- buses ---------------------------------------------------------------- */

BusState *qbus_new(const char *type, DeviceState *parent, const char *name)
{
    BusState *bus = BUS(object_new(type));
    bus->name = g_strdup(name);
    bus->parent_dev = parent;
    if (parent) {
        BusState **p = &parent->child_buses;
        while (*p) {
            p = &(*p)->sibling;
        }
        *p = bus;
    }
    return bus;
}

BusState *qdev_get_child_bus(DeviceState *dev, const char *name)
{
    for (BusState *b = dev->child_buses; b; b = b->sibling) {
        if (strcmp(b->name, name) == 0) {
            return b;
        }
    }
    return NULL;
}

static BusState *main_bus;

BusState *sysbus_get_default(void)
{
    if (!main_bus) {
        main_bus = qbus_new(TYPE_SYSTEM_BUS, NULL, "main-system-bus");
    }
    return main_bus;
}

static BusState *find_bus(BusState *bus, const char *type)
{
    if (object_dynamic_cast(OBJECT(bus), type)) {
        return bus;
    }
    for (DeviceState *d = bus->children; d; d = d->sibling) {
        for (BusState *b = d->child_buses; b; b = b->sibling) {
            BusState *r = find_bus(b, type);
            if (r) {
                return r;
            }
        }
    }
    return NULL;
}

BusState *qbus_find_by_type(const char *bus_type)
{
    return find_bus(sysbus_get_default(), bus_type);
}

static BusState *find_bus_named(BusState *bus, const char *name)
{
    if (strcmp(bus->name, name) == 0) {
        return bus;
    }
    for (DeviceState *d = bus->children; d; d = d->sibling) {
        for (BusState *b = d->child_buses; b; b = b->sibling) {
            BusState *r = find_bus_named(b, name);
            if (r) {
                return r;
            }
        }
    }
    return NULL;
}

BusState *qbus_find_by_name(const char *name)
{
    return find_bus_named(sysbus_get_default(), name);
}

/* ---- GPIOs ---------------------------------------------------------------- */

void qdev_init_gpio_in(DeviceState *dev, IRQHandler *handler, int n)
{
    dev->gpio_in = g_renew(IRQState *, dev->gpio_in, dev->num_gpio_in + n);
    for (int i = 0; i < n; i++) {
        dev->gpio_in[dev->num_gpio_in + i] = irq_new(handler, dev, dev->num_gpio_in + i);
    }
    dev->num_gpio_in += n;
}

IRQState *qdev_get_gpio_in(DeviceState *dev, int n)
{
    g_assert(n >= 0 && n < dev->num_gpio_in);
    return dev->gpio_in[n];
}

void qdev_init_gpio_out(DeviceState *dev, IRQState **pins, int n)
{
    dev->gpio_out = g_renew(IRQState **, dev->gpio_out, dev->num_gpio_out + n);
    for (int i = 0; i < n; i++) {
        dev->gpio_out[dev->num_gpio_out + i] = &pins[i];
    }
    dev->num_gpio_out += n;
}

void qdev_connect_gpio_out(DeviceState *dev, int n, IRQState *target)
{
    g_assert(n >= 0 && n < dev->num_gpio_out);
    *dev->gpio_out[n] = target;
}

/* ---- -device -------------------------------------------------------------- */

static void list_one(ObjectClass *oc, void *opaque)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    if (!dc->user_creatable) {
        return;
    }
    const char *desc = object_class_get_description(oc);
    fprintf(opaque, "name \"%s\", bus %s%s%s%s\n", object_class_get_name(oc),
            dc->bus_type ? dc->bus_type : TYPE_SYSTEM_BUS, desc ? ", desc \"" : "",
            desc ? desc : "", desc ? "\"" : "");
}

void qdev_print_device_list(FILE *out)
{
    fprintf(out, "Devices (use -device TYPE,help for their properties):\n");
    object_class_foreach(TYPE_DEVICE, false, list_one, out);
}

static void print_prop(const Property *p, void *opaque)
{
    FILE *out = opaque;
    fprintf(out, "  %s=<%s>", p->name, object_property_kind_name(p->kind));
    if (p->help) {
        fprintf(out, "  - %s", p->help);
    }
    switch (p->kind) {
    case PROP_INT:
        fprintf(out, " (default: %" G_GINT64_FORMAT ")", p->def_int);
        break;
    case PROP_UINT:
    case PROP_SIZE:
        fprintf(out, " (default: %" G_GUINT64_FORMAT ")", p->def_uint);
        break;
    case PROP_BOOL:
        fprintf(out, " (default: %s)", p->def_bool ? "on" : "off");
        break;
    case PROP_STRING:
        if (p->def_str) {
            fprintf(out, " (default: \"%s\")", p->def_str);
        }
        break;
    case PROP_LINK:
        if (p->link_type) {
            fprintf(out, " (id of a %s)", p->link_type);
        }
        break;
    }
    fputc('\n', out);
}

bool qdev_print_device_props(FILE *out, const char *type, Error **errp)
{
    ObjectClass *oc = object_class_by_name(type);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) || object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid device type (try -device help)", type);
        return false;
    }
    fprintf(out, "%s options:\n", type);
    object_class_property_foreach(oc, print_prop, out);
    return true;
}

DeviceState *qdev_device_add(const char *optarg, FILE *help_out, bool *printed_help,
                             Error **errp)
{
    *printed_help = false;
    if (strcmp(optarg, "help") == 0 || strcmp(optarg, "?") == 0) {
        qdev_print_device_list(help_out);
        *printed_help = true;
        return NULL;
    }
    KeyValList *kv = keyval_parse(optarg, "driver", errp);
    if (!kv) {
        return NULL;
    }
    DeviceState *dev = NULL;
    const char *type = keyval_get(kv, "driver");
    if (!type) {
        error_setg(errp, "-device: the device type is missing");
        goto out;
    }
    if (keyval_get(kv, "help")) {
        *printed_help = qdev_print_device_props(help_out, type, errp);
        goto out;
    }
    ObjectClass *oc = object_class_by_name(type);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) || object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid device type (try -device help)", type);
        goto out;
    }
    if (!DEVICE_CLASS(oc)->user_creatable) {
        error_setg(errp, "device '%s' cannot be added with -device", type);
        goto out;
    }
    const char *id = keyval_get(kv, "id");
    const char *bus_name = keyval_get(kv, "bus");
    BusState *bus = NULL;
    if (bus_name && !(bus = qbus_find_by_name(bus_name))) {
        error_setg(errp, "-device %s: bus '%s' not found", type, bus_name);
        goto out;
    }
    if (id && object_find_by_id(id)) {
        error_setg(errp, "duplicate id '%s'", id);
        goto out;
    }
    dev = qdev_new(type);
    for (int i = 0; i < kv->count; i++) {
        KeyVal *k = &kv->items[i];
        if (k->used) {
            continue;
        }
        k->used = true;
        if (!qdev_prop_set(dev, k->key, k->value, errp)) {
            error_prepend(errp, "-device %s: ", type);
            goto fail;
        }
    }
    if (id) {
        object_register_id(OBJECT(dev), id);
    }
    if (!qdev_realize(dev, bus, errp)) {
        error_prepend(errp, "-device %s: ", type);
        goto fail;
    }
    object_unref(OBJECT(dev));     /* the bus holds it now */
    goto out;
fail:
    object_unref(OBJECT(dev));
    dev = NULL;
out:
    keyval_free(kv);
    return dev;
}

/* ---- info qtree ----------------------------------------------------------- */

static void qtree_bus(GString *s, BusState *bus, int indent);

static void qtree_dev(GString *s, DeviceState *dev, int indent)
{
    Object *o = OBJECT(dev);
    BusClass *bc = dev->parent_bus ? OBJECT_GET_CLASS(BusClass, dev->parent_bus, TYPE_BUS) : NULL;
    g_string_append_printf(s, "%*sdev: %s, id \"%s\"", indent, "", object_get_typename(o),
                           o->id ? o->id : "");
    if (bc && bc->get_dev_path) {
        char *path = bc->get_dev_path(dev);
        if (path) {
            g_string_append_printf(s, " %s", path);
            g_free(path);
        }
    }
    g_string_append_c(s, '\n');
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    if (dc->print_dev) {
        dc->print_dev(dev, s, indent + 2);
    }
    for (BusState *b = dev->child_buses; b; b = b->sibling) {
        qtree_bus(s, b, indent + 2);
    }
}

static void qtree_bus(GString *s, BusState *bus, int indent)
{
    g_string_append_printf(s, "%*sbus: %s\n%*s  type %s\n", indent, "", bus->name, indent, "",
                           object_get_typename(OBJECT(bus)));
    for (DeviceState *d = bus->children; d; d = d->sibling) {
        qtree_dev(s, d, indent + 2);
    }
}

char *qdev_qtree_string(void)
{
    GString *s = g_string_new(NULL);
    qtree_bus(s, sysbus_get_default(), 0);
    return g_string_free(s, FALSE);
}

static const TypeInfo device_info = {
    .name = TYPE_DEVICE,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(DeviceState),
    .class_size = sizeof(DeviceClass),
    .abstract = true,
};
TYPE_REGISTER(device_info)

static const TypeInfo bus_info = {
    .name = TYPE_BUS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(BusState),
    .class_size = sizeof(BusClass),
    .abstract = true,
};
TYPE_REGISTER(bus_info)
