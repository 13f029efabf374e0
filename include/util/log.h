/*
 * log.h — debug logging selected with `-d item,item` and sent to `-D file`.
 *
 * Subsystems register their own items, so `-d help` always lists exactly
 * what the binary contains.  Testing an item is one load and a bit test, cheap
 * enough for the translator's hot paths.
 *
 *     LOG_ITEM(log_in_asm, "in_asm", "show target assembly for each translated block");
 *     ...
 *     if (log_enabled(log_in_asm)) {
 *         log_printf("IN: pc=0x%llx\n", pc);
 *     }
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Error Error;

#define LOG_MAX_ITEMS 64

extern uint64_t log_mask;

/* Register an item; returns its bit (the same bit for a name registered twice). */
int log_item_register(const char *name, const char *help);

/* Define `int ident` holding the item's bit, registered before main(). */
#define LOG_ITEM(ident, name, help)                                   \
    int ident = -1;                                                   \
    static void __attribute__((constructor)) ident##_register(void)   \
    {                                                                 \
        ident = log_item_register(name, help);                        \
    }

static inline bool log_enabled(int item)
{
    return item >= 0 && (log_mask >> item) & 1;
}

/* Parse "a,b,c" into a mask of registered items; false on an unknown name. */
bool log_parse_items(const char *spec, uint64_t *mask, Error **errp);
/* Apply `-d spec`: "help" prints the list and returns false with no error. */
bool log_select(const char *spec, Error **errp);
/* List registered items, one per line, sorted by name. */
void log_print_items(FILE *out);

/* Send the log to a file (`-D`); NULL means stderr. */
bool log_set_file(const char *path, Error **errp);
FILE *log_file(void);

void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Hold the log so that a multi-line record is not interleaved by other threads. */
void log_lock(void);
void log_unlock(void);

#endif
