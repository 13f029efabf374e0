/*
 * object.c — the type registry, object life cycle and class properties
 * (qom/object.h).  Types register from constructors in any order; classes
 * are built on first use, parent first: a class starts as a copy of its
 * parent's class (so inherited hooks are already there) and then its own
 * class_init runs.
 */
#include "qom/object.h"
#include "util/error.h"
#include "util/option.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

struct TypeImpl {
    TypeInfo info;
    TypeImpl *parent;
    ObjectClass *klass;            /* built on first use */
};

static GHashTable *types;          /* name -> TypeImpl */
static GHashTable *ids;            /* id -> Object (not referenced) */

void type_register(const TypeInfo *info)
{
    if (!types) {
        types = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_assert(!g_hash_table_lookup(types, info->name));
    TypeImpl *t = g_new0(TypeImpl, 1);
    t->info = *info;
    g_hash_table_insert(types, (gpointer)info->name, t);
}

static TypeImpl *type_get(const char *name)
{
    return name && types ? g_hash_table_lookup(types, name) : NULL;
}

static size_t type_class_size(TypeImpl *t)
{
    return t->info.class_size ? t->info.class_size
         : t->parent ? type_class_size(t->parent) : sizeof(ObjectClass);
}

static size_t type_instance_size(TypeImpl *t)
{
    return t->info.instance_size ? t->info.instance_size
         : t->parent ? type_instance_size(t->parent) : sizeof(Object);
}

static void type_initialize(TypeImpl *t)
{
    if (t->klass) {
        return;
    }
    if (t->info.parent) {
        t->parent = type_get(t->info.parent);
        if (!t->parent) {
            fprintf(stderr, "type '%s': unknown parent '%s'\n", t->info.name, t->info.parent);
            abort();
        }
        type_initialize(t->parent);
    }
    size_t size = type_class_size(t);
    t->klass = g_malloc0(size);
    if (t->parent) {
        size_t psize = type_class_size(t->parent);
        g_assert(psize <= size);
        memcpy(t->klass, t->parent->klass, psize);
    }
    t->klass->type = t;
    t->klass->props = NULL;        /* each class lists only its own */
    if (t->info.class_init) {
        t->info.class_init(t->klass, t->info.class_data);
    }
}

ObjectClass *object_class_by_name(const char *name)
{
    TypeImpl *t = type_get(name);
    if (!t) {
        return NULL;
    }
    type_initialize(t);
    return t->klass;
}

const char *object_class_get_name(const ObjectClass *oc)
{
    return oc->type->info.name;
}

ObjectClass *object_class_get_parent(const ObjectClass *oc)
{
    return oc->type->parent ? oc->type->parent->klass : NULL;
}

const char *object_class_get_description(const ObjectClass *oc)
{
    return oc->type->info.description;
}

bool object_class_is_abstract(const ObjectClass *oc)
{
    return oc->type->info.abstract;
}

ObjectClass *object_class_dynamic_cast(ObjectClass *oc, const char *name)
{
    for (TypeImpl *t = oc ? oc->type : NULL; t; t = t->parent) {
        if (strcmp(t->info.name, name) == 0) {
            return oc;
        }
    }
    return NULL;
}

static gint class_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name(a), object_class_get_name(b));
}

void object_class_foreach(const char *implements, bool include_abstract, ObjectClassFunc *fn,
                          void *opaque)
{
    GList *list = NULL;
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, types);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        ObjectClass *oc = object_class_by_name(key);
        if ((implements && !object_class_dynamic_cast(oc, implements)) ||
            (!include_abstract && object_class_is_abstract(oc))) {
            continue;
        }
        list = g_list_prepend(list, oc);
    }
    list = g_list_sort(list, class_cmp);
    for (GList *l = list; l; l = l->next) {
        fn(l->data, opaque);
    }
    g_list_free(list);
}

/* ---- objects -------------------------------------------------------------- */

static void set_defaults(Object *obj, ObjectClass *oc);

static void instance_init(Object *obj, TypeImpl *t)
{
    if (t->parent) {
        instance_init(obj, t->parent);
    }
    set_defaults(obj, t->klass);
    if (t->info.instance_init) {
        t->info.instance_init(obj);
    }
}

Object *object_new(const char *type)
{
    TypeImpl *t = type_get(type);
    g_assert(t);
    type_initialize(t);
    g_assert(!t->info.abstract);
    Object *obj = g_malloc0(type_instance_size(t));
    obj->klass = t->klass;
    obj->ref = 1;
    instance_init(obj, t);
    return obj;
}

Object *object_ref(Object *obj)
{
    g_atomic_int_inc(&obj->ref);
    return obj;
}

static void free_props(Object *obj, ObjectClass *oc)
{
    for (Property *p = oc->props; p && p->name; p++) {
        if (p->kind == PROP_STRING) {
            char **s = (char **)((char *)obj + p->offset);
            g_free(*s);
            *s = NULL;
        }
    }
}

void object_unref(Object *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->ref)) {
        return;
    }
    for (TypeImpl *t = obj->klass->type; t; t = t->parent) {
        if (t->info.instance_finalize) {
            t->info.instance_finalize(obj);
        }
        free_props(obj, t->klass);
    }
    object_unregister_id(obj);
    g_free(obj->id);
    g_free(obj);
}

const char *object_get_typename(const Object *obj)
{
    return obj->klass->type->info.name;
}

Object *object_dynamic_cast(Object *obj, const char *type)
{
    return obj && object_class_dynamic_cast(obj->klass, type) ? obj : NULL;
}

Object *object_check(Object *obj, const char *type, const char *file, int line)
{
    if (obj && !object_dynamic_cast(obj, type)) {
        fprintf(stderr, "%s:%d: object of type '%s' is not a '%s'\n", file, line,
                object_get_typename(obj), type);
        abort();
    }
    return obj;
}

ObjectClass *object_class_check(ObjectClass *oc, const char *type, const char *file, int line)
{
    if (oc && !object_class_dynamic_cast(oc, type)) {
        fprintf(stderr, "%s:%d: class '%s' is not a '%s'\n", file, line,
                object_class_get_name(oc), type);
        abort();
    }
    return oc;
}

void object_register_id(Object *obj, const char *id)
{
    if (!ids) {
        ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    g_free(obj->id);
    obj->id = g_strdup(id);
    g_hash_table_insert(ids, g_strdup(id), obj);
}

void object_unregister_id(Object *obj)
{
    if (ids && obj->id && g_hash_table_lookup(ids, obj->id) == obj) {
        g_hash_table_remove(ids, obj->id);
    }
}

Object *object_find_by_id(const char *id)
{
    return ids ? g_hash_table_lookup(ids, id) : NULL;
}

/* ---- properties ----------------------------------------------------------- */

static const char *const kind_names[] = {
    [PROP_INT] = "int", [PROP_UINT] = "uint", [PROP_BOOL] = "bool",
    [PROP_STRING] = "str", [PROP_SIZE] = "size", [PROP_LINK] = "link",
};

const char *object_property_kind_name(PropertyKind kind)
{
    return kind_names[kind];
}

static void *field(Object *obj, const Property *p)
{
    return (char *)obj + p->offset;
}

static void set_defaults(Object *obj, ObjectClass *oc)
{
    for (Property *p = oc->props; p && p->name; p++) {
        switch (p->kind) {
        case PROP_INT:
            *(int64_t *)field(obj, p) = p->def_int;
            break;
        case PROP_UINT:
        case PROP_SIZE:
            *(uint64_t *)field(obj, p) = p->def_uint;
            break;
        case PROP_BOOL:
            *(bool *)field(obj, p) = p->def_bool;
            break;
        case PROP_STRING:
            *(char **)field(obj, p) = g_strdup(p->def_str);
            break;
        case PROP_LINK:
            *(Object **)field(obj, p) = NULL;
            break;
        }
    }
}

const Property *object_property_find(Object *obj, const char *name)
{
    for (TypeImpl *t = obj->klass->type; t; t = t->parent) {
        for (Property *p = t->klass->props; p && p->name; p++) {
            if (strcmp(p->name, name) == 0) {
                return p;
            }
        }
    }
    return NULL;
}

void object_class_property_foreach(ObjectClass *oc, PropertyFunc *fn, void *opaque)
{
    for (TypeImpl *t = oc->type; t; t = t->parent) {
        for (Property *p = t->klass->props; p && p->name; p++) {
            fn(p, opaque);
        }
    }
}

static bool check_range(const Property *p, const char *value, __int128 v, Error **errp)
{
    if (p->max > p->min && (v < p->min || v > p->max)) {
        error_setg(errp, "property '%s': %s is out of range [%" PRId64 ", %" PRId64 "]",
                   p->name, value, p->min, p->max);
        return false;
    }
    return true;
}

bool object_property_parse(Object *obj, const char *name, const char *value, Error **errp)
{
    const Property *p = object_property_find(obj, name);
    if (!p) {
        error_setg(errp, "'%s' has no property '%s'", object_get_typename(obj), name);
        return false;
    }
    switch (p->kind) {
    case PROP_INT: {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 0);
        if (!*value || *end || errno) {
            error_setg(errp, "property '%s': '%s' is not an integer", name, value);
            return false;
        }
        if (!check_range(p, value, v, errp)) {
            return false;
        }
        *(int64_t *)field(obj, p) = v;
        return true;
    }
    case PROP_UINT:
    case PROP_SIZE: {
        uint64_t v;
        Error *err = NULL;
        bool ok = p->kind == PROP_SIZE ? parse_size(value, 1, &v, &err)
                                       : parse_uint64(value, &v, &err);
        if (!ok) {
            error_setg(errp, "property '%s': %s", name, error_get_pretty(err));
            error_free(err);
            return false;
        }
        if (!check_range(p, value, v, errp)) {
            return false;
        }
        *(uint64_t *)field(obj, p) = v;
        return true;
    }
    case PROP_BOOL: {
        static const char *const on[] = { "on", "yes", "true", "1" };
        static const char *const off[] = { "off", "no", "false", "0" };
        for (int i = 0; i < 4; i++) {
            if (strcmp(value, on[i]) == 0 || strcmp(value, off[i]) == 0) {
                *(bool *)field(obj, p) = strcmp(value, on[i]) == 0;
                return true;
            }
        }
        error_setg(errp, "property '%s': '%s' is not on/off", name, value);
        return false;
    }
    case PROP_STRING:
        g_free(*(char **)field(obj, p));
        *(char **)field(obj, p) = g_strdup(value);
        return true;
    case PROP_LINK: {
        Object *target = object_find_by_id(value);
        if (!target) {
            error_setg(errp, "property '%s': no object with id '%s'", name, value);
            return false;
        }
        if (p->link_type && !object_dynamic_cast(target, p->link_type)) {
            error_setg(errp, "property '%s': '%s' is a '%s', not a '%s'", name, value,
                       object_get_typename(target), p->link_type);
            return false;
        }
        *(Object **)field(obj, p) = target;
        return true;
    }
    }
    return false;
}

char *object_property_print(Object *obj, const char *name)
{
    const Property *p = object_property_find(obj, name);
    if (!p) {
        return NULL;
    }
    switch (p->kind) {
    case PROP_INT:
        return g_strdup_printf("%" PRId64, *(int64_t *)field(obj, p));
    case PROP_UINT:
    case PROP_SIZE:
        return g_strdup_printf("%" PRIu64, *(uint64_t *)field(obj, p));
    case PROP_BOOL:
        return g_strdup(*(bool *)field(obj, p) ? "on" : "off");
    case PROP_STRING: {
        const char *s = *(char **)field(obj, p);
        return g_strdup(s ? s : "");
    }
    case PROP_LINK: {
        Object *t = *(Object **)field(obj, p);
        return g_strdup(t && t->id ? t->id : "");
    }
    }
    return NULL;
}

static void register_object_type(void) __attribute__((constructor));
static void register_object_type(void)
{
    static const TypeInfo object_info = {
        .name = TYPE_OBJECT,
        .instance_size = sizeof(Object),
        .abstract = true,
    };
    type_register(&object_info);
}
