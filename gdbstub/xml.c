/*
 * xml.c — the target descriptions: the registry of GDBCPUOps per
 * TCGCPUOps, and the register layout of the 'g' packet read from the XML
 * the target serves (target.xml and the files it xi:includes).
 *
 * GDB numbers a register by its regnum attribute, or one more than the
 * previous register's; the 'g' packet holds exactly the described ones in
 * increasing number order.  Reading the layout from the XML keeps a single
 * source of truth: a target cannot send a register gdb was not told about
 * (which is what makes gdb say "g packet reply is too long").
 */
#include "internals.h"

#include <stdlib.h>
#include <string.h>

/* ---- the registry ------------------------------------------------------- */

#define GDB_MAX_TARGETS 8

static struct {
    const TCGCPUOps *tcg_ops;
    const GDBCPUOps *ops;
} registry[GDB_MAX_TARGETS];
static int n_registered;
static GMutex registry_lock;

void gdb_register_cpu_ops(const TCGCPUOps *tcg_ops, const GDBCPUOps *ops)
{
    g_mutex_lock(&registry_lock);
    int i;
    for (i = 0; i < n_registered && registry[i].tcg_ops != tcg_ops; i++) {
    }
    if (i < GDB_MAX_TARGETS) {
        registry[i].tcg_ops = tcg_ops;
        registry[i].ops = ops;
        if (i == n_registered) {
            n_registered++;
        }
    }
    g_mutex_unlock(&registry_lock);
}

const GDBCPUOps *gdb_cpu_ops(CPUState *cpu)
{
    const GDBCPUOps *ops = NULL;
    g_mutex_lock(&registry_lock);
    for (int i = 0; i < n_registered; i++) {
        if (registry[i].tcg_ops == cpu->tcg_ops) {
            ops = registry[i].ops;
        }
    }
    g_mutex_unlock(&registry_lock);
    return ops;
}

/* ---- the layout ----------------------------------------------------------- */

/* The value of attribute name inside the tag [tag, end), or NULL (g_free it). */
static char *attr(const char *tag, const char *end, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl + 2 < end; p++) {
        if (strncmp(p, name, nl) == 0 && p[nl] == '=' && (p[nl + 1] == '"' || p[nl + 1] == '\'') &&
            (p == tag || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n')) {
            char q = p[nl + 1];
            const char *v = p + nl + 2;
            const char *e = memchr(v, q, end - v);
            return e ? g_strndup(v, e - v) : NULL;
        }
    }
    return NULL;
}

/* Append the registers of annex (following includes, at most depth levels) to nums. */
static void collect(CPUState *cpu, const GDBCPUOps *ops, const char *annex, GArray *nums,
                    int *next, int depth)
{
    const char *xml = ops->get_xml(cpu, annex);
    if (!xml || depth > 4) {
        return;
    }
    for (const char *p = xml; (p = strchr(p, '<')) != NULL; p++) {
        const char *end = strchr(p, '>');
        if (!end) {
            break;
        }
        if (strncmp(p, "<reg ", 5) == 0 || strncmp(p, "<reg\t", 5) == 0) {
            char *rn = attr(p, end, "regnum");
            int n = rn ? atoi(rn) : *next;
            g_free(rn);
            g_array_append_val(nums, n);
            *next = n + 1;
        } else if (strncmp(p, "<xi:include", 11) == 0) {
            char *href = attr(p, end, "href");
            if (href) {
                collect(cpu, ops, href, nums, next, depth + 1);
            }
            g_free(href);
        }
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

const GArray *gdb_xml_regnums(CPUState *cpu)
{
    static GHashTable *cache;      /* target.xml text -> GArray of int */
    static GMutex lock;
    const GDBCPUOps *ops = gdb_cpu_ops(cpu);
    if (!ops || !ops->get_xml) {
        return NULL;
    }
    const char *top = ops->get_xml(cpu, "target.xml");
    if (!top) {
        return NULL;
    }
    g_mutex_lock(&lock);
    if (!cache) {
        cache = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    GArray *nums = g_hash_table_lookup(cache, top);
    if (!nums) {
        nums = g_array_new(false, false, sizeof(int));
        int next = 0;
        collect(cpu, ops, "target.xml", nums, &next, 0);
        g_array_sort(nums, cmp_int);
        g_hash_table_insert(cache, (gpointer)top, nums);
    }
    g_mutex_unlock(&lock);
    return nums;
}
