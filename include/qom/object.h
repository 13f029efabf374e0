/*
 * object.h — the object model: a registry of types (name, parent, instance
 * and class size, class and instance init), single inheritance with checked
 * casts, reference counts, and typed properties on classes.
 *
 *     static const TypeInfo uart_info = {
 *         .name = "toy-uart", .parent = TYPE_SYS_BUS_DEVICE,
 *         .instance_size = sizeof(ToyUart), .class_init = uart_class_init,
 *     };
 *     TYPE_REGISTER(uart_info)                      // at start-up
 *     Object *o = object_new("toy-uart");
 *     ToyUart *s = OBJECT_CHECK(ToyUart, o, "toy-uart");
 *
 * Properties (int, uint, bool, string, size, link) live in a class's table
 * (Property, usually in a device's class_init): each has a default applied
 * at instance creation, and integer ones a range that set() validates.
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Error Error;
typedef struct Object Object;
typedef struct ObjectClass ObjectClass;
typedef struct TypeImpl TypeImpl;
typedef struct Property Property;

#define TYPE_OBJECT "object"

typedef struct TypeInfo {
    const char *name;
    const char *parent;            /* NULL only for TYPE_OBJECT */
    size_t instance_size;          /* 0: the parent's */
    size_t class_size;             /* 0: the parent's */
    bool abstract;                 /* no object_new() of this type */
    const char *description;       /* one line for help listings */
    /* fill in the class (runs after the parent's class_init) */
    void (*class_init)(ObjectClass *oc, void *data);
    void *class_data;
    /* initialise a new instance (parents first) */
    void (*instance_init)(Object *obj);
    /* release what instance_init/realize took (children first) */
    void (*instance_finalize)(Object *obj);
} TypeInfo;

struct ObjectClass {
    TypeImpl *type;
    Property *props;               /* this class's own table (NULL-named end), may be NULL */
};

struct Object {
    ObjectClass *klass;
    int ref;
    Object *parent;                /* the composition tree (`info qtree` uses buses instead) */
    char *id;                      /* user-given id, may be NULL */
};

void type_register(const TypeInfo *info);
#define TYPE_REGISTER(info) \
    static void __attribute__((constructor)) info##_register(void) { type_register(&info); }

/* The class of a type name, or NULL when unknown. */
ObjectClass *object_class_by_name(const char *name);
const char *object_class_get_name(const ObjectClass *oc);
ObjectClass *object_class_get_parent(const ObjectClass *oc);
const char *object_class_get_description(const ObjectClass *oc);
bool object_class_is_abstract(const ObjectClass *oc);
/* oc if it is name or derives from it, else NULL. */
ObjectClass *object_class_dynamic_cast(ObjectClass *oc, const char *name);
/* Every non-abstract class deriving from implements (NULL: all), sorted by name. */
typedef void ObjectClassFunc(ObjectClass *oc, void *opaque);
void object_class_foreach(const char *implements, bool include_abstract, ObjectClassFunc *fn,
                          void *opaque);

Object *object_new(const char *type);
Object *object_ref(Object *obj);
void object_unref(Object *obj);
const char *object_get_typename(const Object *obj);
Object *object_dynamic_cast(Object *obj, const char *type);
/* Cast with an abort on a wrong type (a programming error). */
Object *object_check(Object *obj, const char *type, const char *file, int line);
ObjectClass *object_class_check(ObjectClass *oc, const char *type, const char *file, int line);
#define OBJECT(obj) ((Object *)(obj))
#define OBJECT_CLASS(oc) ((ObjectClass *)(oc))
#define OBJECT_CHECK(T, obj, name) ((T *)object_check(OBJECT(obj), name, __FILE__, __LINE__))
#define OBJECT_CLASS_CHECK(T, oc, name) \
    ((T *)object_class_check(OBJECT_CLASS(oc), name, __FILE__, __LINE__))
#define OBJECT_GET_CLASS(T, obj, name) OBJECT_CLASS_CHECK(T, OBJECT(obj)->klass, name)

/* ---- properties ----------------------------------------------------------- */

typedef enum PropertyKind {
    PROP_INT,                      /* int64_t */
    PROP_UINT,                     /* uint64_t (0x prefix accepted) */
    PROP_BOOL,                     /* bool: on/off/yes/no/true/false */
    PROP_STRING,                   /* char *, owned by the object */
    PROP_SIZE,                     /* uint64_t with K/M/G suffixes */
    PROP_LINK,                     /* Object *, set by id to an object of link_type */
} PropertyKind;

struct Property {
    const char *name;
    PropertyKind kind;
    size_t offset;                 /* of the field in the instance */
    const char *help;
    /* defaults (the field's zero when not set) */
    int64_t def_int;
    uint64_t def_uint;
    bool def_bool;
    const char *def_str;
    /* validation of INT/UINT/SIZE: [min, max] when max > min */
    int64_t min, max;
    const char *link_type;         /* LINK: the type the target must have */
};

#define PROP_END { .name = NULL }

/* Set/get by name with text values, as `-device t,name=value` and help show them. */
bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp);
/* The value as text (g_free it), NULL when there is no such property. */
char *object_property_print(Object *obj, const char *name);
const Property *object_property_find(Object *obj, const char *name);
/* Every property of oc and its parents, nearest class first. */
typedef void PropertyFunc(const Property *p, void *opaque);
void object_class_property_foreach(ObjectClass *oc, PropertyFunc *fn, void *opaque);
const char *object_property_kind_name(PropertyKind kind);

/* Link targets are found by id among objects registered here (devices with an id). */
void object_register_id(Object *obj, const char *id);
void object_unregister_id(Object *obj);
Object *object_find_by_id(const char *id);

#endif
