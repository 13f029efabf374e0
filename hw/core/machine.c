/*
 * machine.c — the machine registry (hw/boards.h): classes by -M name,
 * the default machine, -M help, RAM creation, the firmware search path and
 * the -cpu model list.
 */
#include "hw/boards.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

static MachineState *current_machine;
static Chardev *serial_chardevs[MAX_SERIAL_PORTS];
const char *machine_target_name = "none";

Chardev *serial_hd(int i)
{
    return i >= 0 && i < MAX_SERIAL_PORTS ? serial_chardevs[i] : NULL;
}

void serial_hd_set(int i, Chardev *chr)
{
    g_assert(i >= 0 && i < MAX_SERIAL_PORTS);
    serial_chardevs[i] = chr;
}
static GPtrArray *cpu_models;      /* pairs: name, desc */

static const char *class_machine_name(ObjectClass *oc)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    if (!mc->name) {
        const char *t = object_class_get_name(oc);
        size_t n = strlen(t) - strlen(MACHINE_TYPE_SUFFIX);
        mc->name = g_strndup(t, n);
    }
    return mc->name;
}

MachineClass *machine_find_class(const char *name)
{
    char *type = g_strconcat(name, MACHINE_TYPE_SUFFIX, NULL);
    ObjectClass *oc = object_class_by_name(type);
    g_free(type);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_MACHINE) || object_class_is_abstract(oc)) {
        return NULL;
    }
    class_machine_name(oc);
    return MACHINE_CLASS(oc);
}

static void find_default(ObjectClass *oc, void *opaque)
{
    MachineClass **out = opaque;
    class_machine_name(oc);
    if (MACHINE_CLASS(oc)->is_default && !*out) {
        *out = MACHINE_CLASS(oc);
    }
}

MachineClass *machine_default_class(void)
{
    MachineClass *mc = NULL;
    object_class_foreach(TYPE_MACHINE, false, find_default, &mc);
    return mc;
}

static void print_one(ObjectClass *oc, void *opaque)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    fprintf(opaque, "%-20s %s%s\n", class_machine_name(oc), mc->desc ? mc->desc : "",
            mc->is_default ? " (default)" : "");
}

void machine_print_list(FILE *out)
{
    fprintf(out, "Supported machines are:\n");
    object_class_foreach(TYPE_MACHINE, false, print_one, out);
}

MachineState *machine_current(void)
{
    return current_machine;
}

void machine_set_current(MachineState *ms)
{
    current_machine = ms;
}

void machine_create_ram(MachineState *ms, uint64_t addr)
{
    memory_region_init_ram(&ms->ram, OBJECT(ms), "ram", ms->ram_size, &error_fatal);
    memory_region_add_subregion(get_system_memory(), addr, &ms->ram);
}

char *machine_find_firmware(MachineState *ms, const char *name)
{
    if (strchr(name, '/') || g_file_test(name, G_FILE_TEST_IS_REGULAR)) {
        return g_file_test(name, G_FILE_TEST_IS_REGULAR) ? g_strdup(name) : NULL;
    }
    for (char **d = ms->firmware_dirs; d && *d; d++) {
        char *path = g_build_filename(*d, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    return NULL;
}

void cpu_model_register(const char *name, const char *desc)
{
    if (!cpu_models) {
        cpu_models = g_ptr_array_new();
    }
    g_ptr_array_add(cpu_models, (gpointer)name);
    g_ptr_array_add(cpu_models, (gpointer)desc);
}

bool cpu_model_exists(const char *name)
{
    for (unsigned i = 0; cpu_models && i < cpu_models->len; i += 2) {
        if (strcmp(g_ptr_array_index(cpu_models, i), name) == 0) {
            return true;
        }
    }
    return false;
}

void cpu_model_print_list(FILE *out)
{
    fprintf(out, "Available CPUs:\n");
    for (unsigned i = 0; cpu_models && i < cpu_models->len; i += 2) {
        fprintf(out, "  %-20s %s\n", (char *)g_ptr_array_index(cpu_models, i),
                (char *)g_ptr_array_index(cpu_models, i + 1));
    }
}

static void machine_finalize(Object *obj)
{
    MachineState *ms = MACHINE(obj);
    g_free(ms->cpu_model);
    g_free(ms->firmware);
    g_free(ms->kernel_filename);
    g_free(ms->initrd_filename);
    g_free(ms->kernel_cmdline);
    g_free(ms->dtb);
}

static const TypeInfo machine_info = {
    .name = TYPE_MACHINE,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(MachineState),
    .class_size = sizeof(MachineClass),
    .abstract = true,
    .instance_finalize = machine_finalize,
};
TYPE_REGISTER(machine_info)

/* "none": no CPU, no RAM and no device (monitor and -device tests). */
static void none_init(MachineState *ms)
{
}

static void none_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    mc->desc = "empty machine";
    mc->init = none_init;
    mc->max_cpus = 1;
}

static const TypeInfo none_machine_info = {
    .name = MACHINE_TYPE_NAME("none"),
    .parent = TYPE_MACHINE,
    .class_init = none_class_init,
};
TYPE_REGISTER(none_machine_info)
