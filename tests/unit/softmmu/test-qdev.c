/*
 * test-qdev.c — the object model: type hierarchy and casts, class
 * inheritance, property defaults, parsing and its errors (ranges, bools,
 * sizes, links by id and type), -device creation and help, GPIO lines.
 */
#include "hw/qdev.h"
#include "hw/sysbus.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#define TYPE_TEST_DEV "test-dev"
#define TYPE_TEST_SUB "test-sub"

typedef struct TestDev {
    SysBusDevice parent;
    int64_t level;
    uint64_t base;
    bool verbose;
    char *label;
    uint64_t mem;
    Object *peer;
    int realized, resets;
    int irq_seen[4];
    IRQState *out;
} TestDev;

static Property test_props[] = {
    { .name = "level", .kind = PROP_INT, .offset = offsetof(TestDev, level), .def_int = -3,
      .min = -10, .max = 10, .help = "a signed level" },
    { .name = "base", .kind = PROP_UINT, .offset = offsetof(TestDev, base),
      .def_uint = 0x1000 },
    { .name = "verbose", .kind = PROP_BOOL, .offset = offsetof(TestDev, verbose),
      .def_bool = true },
    { .name = "label", .kind = PROP_STRING, .offset = offsetof(TestDev, label),
      .def_str = "none" },
    { .name = "mem", .kind = PROP_SIZE, .offset = offsetof(TestDev, mem), .def_uint = 4096,
      .min = 4096, .max = 1 << 30 },
    { .name = "peer", .kind = PROP_LINK, .offset = offsetof(TestDev, peer),
      .link_type = TYPE_TEST_DEV },
    PROP_END,
};

static void test_realize(DeviceState *dev, Error **errp)
{
    TestDev *s = OBJECT_CHECK(TestDev, dev, TYPE_TEST_DEV);
    if (strcmp(s->label, "bad") == 0) {
        error_setg(errp, "label 'bad' refused");
        return;
    }
    s->realized++;
}

static void test_reset(DeviceState *dev)
{
    OBJECT_CHECK(TestDev, dev, TYPE_TEST_DEV)->resets++;
}

static void test_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    dc->realize = test_realize;
    dc->reset = test_reset;
    dc->user_creatable = true;
    device_class_set_props(dc, test_props);
}

static const TypeInfo test_dev_info = {
    .name = TYPE_TEST_DEV, .parent = TYPE_SYS_BUS_DEVICE, .instance_size = sizeof(TestDev),
    .class_init = test_class_init, .description = "a device of the unit test",
};
TYPE_REGISTER(test_dev_info)

/* A subclass: inherits realize and the properties, adds one, overrides a default. */
typedef struct TestSub {
    TestDev parent;
    int64_t extra;
} TestSub;

static Property sub_props[] = {
    { .name = "extra", .kind = PROP_INT, .offset = offsetof(TestSub, extra), .def_int = 7 },
    PROP_END,
};

static void sub_init(Object *obj)
{
    OBJECT_CHECK(TestDev, obj, TYPE_TEST_DEV)->base = 0x2000;
}

static void sub_class_init(ObjectClass *oc, void *data)
{
    device_class_set_props(DEVICE_CLASS(oc), sub_props);
}

static const TypeInfo test_sub_info = {
    .name = TYPE_TEST_SUB, .parent = TYPE_TEST_DEV, .instance_size = sizeof(TestSub),
    .class_init = sub_class_init, .instance_init = sub_init,
};
TYPE_REGISTER(test_sub_info)

static void test_types(void)
{
    Object *o = object_new(TYPE_TEST_SUB);
    g_assert(object_dynamic_cast(o, TYPE_DEVICE));
    g_assert(object_dynamic_cast(o, TYPE_SYS_BUS_DEVICE));
    g_assert(object_dynamic_cast(o, TYPE_TEST_DEV));
    g_assert_null(object_dynamic_cast(o, TYPE_BUS));
    g_assert_cmpstr(object_get_typename(o), ==, TYPE_TEST_SUB);
    /* inherited hooks, defaults from both classes, instance_init after defaults */
    DeviceClass *dc = DEVICE_GET_CLASS(o);
    g_assert(dc->realize == test_realize);
    TestSub *s = (TestSub *)o;
    g_assert_cmpint(s->parent.level, ==, -3);
    g_assert_cmpint(s->extra, ==, 7);
    g_assert_cmphex(s->parent.base, ==, 0x2000);
    g_assert_cmpstr(s->parent.label, ==, "none");
    g_assert(s->parent.verbose);
    g_assert_null(object_class_by_name("no-such-type"));
    g_assert(object_class_is_abstract(object_class_by_name(TYPE_DEVICE)));
    object_unref(o);
}

static void test_props_parse(void)
{
    Object *o = object_new(TYPE_TEST_DEV);
    TestDev *s = (TestDev *)o;
    Error *err = NULL;

    g_assert(object_property_parse(o, "level", "-10", &err));
    g_assert_cmpint(s->level, ==, -10);
    g_assert(object_property_parse(o, "level", "0x5", &err));
    g_assert_cmpint(s->level, ==, 5);
    /* errors leave the value alone */
    static const struct {
        const char *name, *value, *msg;
    } bad[] = {
        { "level", "11", "out of range" },
        { "level", "-11", "out of range" },
        { "level", "12abc", "not an integer" },
        { "level", "", "not an integer" },
        { "verbose", "maybe", "not on/off" },
        { "base", "-1", "" },
        { "mem", "1K", "out of range" },
        { "mem", "2G", "out of range" },
        { "mem", "lots", "" },
        { "peer", "nobody", "no object with id" },
        { "nosuch", "1", "has no property 'nosuch'" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_false(object_property_parse(o, bad[i].name, bad[i].value, &err));
        g_assert_nonnull(err);
        g_assert_nonnull(strstr(error_get_pretty(err), bad[i].msg));
        error_free(err);
        err = NULL;
    }
    g_assert_cmpint(s->level, ==, 5);
    g_assert(object_property_parse(o, "verbose", "off", &err) && !s->verbose);
    g_assert(object_property_parse(o, "verbose", "yes", &err) && s->verbose);
    g_assert(object_property_parse(o, "mem", "64M", &err));
    g_assert_cmpuint(s->mem, ==, 64u << 20);
    g_assert(object_property_parse(o, "label", "hello,world", &err));
    g_assert_cmpstr(s->label, ==, "hello,world");

    /* links: by id, checked against the type */
    Object *irq = OBJECT(irq_new(NULL, NULL, 0));
    object_register_id(irq, "line0");
    g_assert_false(object_property_parse(o, "peer", "line0", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "not a 'test-dev'"));
    error_free(err);
    err = NULL;
    Object *p = object_new(TYPE_TEST_DEV);
    object_register_id(p, "p0");
    g_assert(object_property_parse(o, "peer", "p0", &err));
    g_assert(s->peer == p);
    char *text = object_property_print(o, "peer");
    g_assert_cmpstr(text, ==, "p0");
    g_free(text);
    text = object_property_print(o, "mem");
    g_assert_cmpstr(text, ==, "67108864");
    g_free(text);
    object_unref(p);
    object_unref(irq);
    object_unref(o);
}

static void test_device_add(void)
{
    Error *err = NULL;
    bool help;
    DeviceState *d = qdev_device_add("test-dev,id=t1,level=4,label=x", stdout, &help, &err);
    g_assert_nonnull(d);
    g_assert_null(err);
    TestDev *s = (TestDev *)d;
    g_assert_cmpint(s->level, ==, 4);
    g_assert_cmpint(s->realized, ==, 1);
    g_assert_cmpint(s->resets, ==, 1);
    g_assert(d->parent_bus == sysbus_get_default());
    g_assert(object_find_by_id("t1") == OBJECT(d));
    bus_reset_all(sysbus_get_default());
    g_assert_cmpint(s->resets, ==, 2);

    static const struct {
        const char *arg, *msg;
    } bad[] = {
        { "no-such-dev", "not a valid device type" },
        { "device", "not a valid device type" },          /* abstract */
        { "test-dev,id=t1", "duplicate id" },
        { "test-dev,level=99", "out of range" },
        { "test-dev,bogus=1", "has no property 'bogus'" },
        { "test-dev,label=bad", "refused" },
        { "test-dev,level=1,level=2", "" },              /* repeated key */
        { "toy-missing,help", "not a valid device type" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_null(qdev_device_add(bad[i].arg, stdout, &help, &err));
        g_assert_nonnull(err);
        g_assert_nonnull(strstr(error_get_pretty(err), bad[i].msg));
        error_free(err);
        err = NULL;
    }
    /* a failed realize leaves nothing on the bus */
    int n = 0;
    for (DeviceState *c = sysbus_get_default()->children; c; c = c->sibling) {
        n++;
    }
    g_assert_cmpint(n, ==, 1);

    /* help: the list and the properties with their defaults */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    g_assert_null(qdev_device_add("help", f, &help, &err));
    g_assert(help && !err);
    g_assert_null(qdev_device_add("test-dev,help", f, &help, &err));
    g_assert(help && !err);
    fclose(f);
    g_assert_nonnull(strstr(buf,
                            "name \"test-dev\", bus System, desc \"a device of the unit test\""));
    g_assert_nonnull(strstr(buf, "level=<int>  - a signed level (default: -3)"));
    g_assert_nonnull(strstr(buf, "label=<str> (default: \"none\")"));
    g_assert_nonnull(strstr(buf, "peer=<link> (id of a test-dev)"));
    free(buf);
}

static void gpio_handler(void *opaque, int n, int level)
{
    TestDev *s = (TestDev *)opaque;
    s->irq_seen[n] = level ? s->irq_seen[n] + 1 : s->irq_seen[n];
}

static void test_gpio(void)
{
    DeviceState *a = qdev_new(TYPE_TEST_DEV), *b = qdev_new(TYPE_TEST_DEV);
    qdev_init_gpio_in(b, gpio_handler, 4);
    qdev_init_gpio_out(a, &((TestDev *)a)->out, 1);
    irq_raise(((TestDev *)a)->out);            /* unconnected: nothing happens */
    qdev_connect_gpio_out(a, 0, qdev_get_gpio_in(b, 2));
    irq_pulse(((TestDev *)a)->out);
    irq_raise(((TestDev *)a)->out);
    g_assert_cmpint(((TestDev *)b)->irq_seen[2], ==, 2);
    g_assert_cmpint(((TestDev *)b)->irq_seen[1], ==, 0);
    object_unref(OBJECT(a));
    object_unref(OBJECT(b));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qdev/types", test_types);
    g_test_add_func("/qdev/props", test_props_parse);
    g_test_add_func("/qdev/device-add", test_device_add);
    g_test_add_func("/qdev/gpio", test_gpio);
    return g_test_run();
}
