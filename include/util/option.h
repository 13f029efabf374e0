/*
 * option.h — command-line parsing shared by every emu binary.
 *
 * Two layers, as users of QEMU know them:
 *  - options: `-m 512`, `--m 512`, `-nographic` described by a table of
 *    OptionDef and walked with opt_next(); `--name=value` is accepted too;
 *  - key=value lists inside one argument: `-drive file=a.img,format=raw`,
 *    with ",," standing for a literal comma and an optional implied key for a
 *    leading bare value (`-netdev user,id=n0` implies type=user).
 *
 *     static const OptionDef defs[] = {
 *         { "m", OPT_ARG, OPT_MEMORY, "size", "guest RAM size" },
 *         { "nographic", 0, OPT_NOGRAPHIC, NULL, "no graphical output" },
 *         { NULL }
 *     };
 *     OptionParser p;
 *     opt_init(&p, argc, argv, defs);
 *     while ((id = opt_next(&p, &arg, &err)) != OPT_END) ...
 */
#ifndef UTIL_OPTION_H
#define UTIL_OPTION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Error Error;

enum {
    OPT_ARG = 1 << 0,      /* takes the next argv element as its value */
};

typedef struct OptionDef {
    const char *name;      /* without leading dashes */
    int flags;             /* OPT_* */
    int id;                /* returned by opt_next(); must be >= 0 */
    const char *argname;   /* for help: "-m size" */
    const char *help;      /* one line */
} OptionDef;

typedef struct OptionParser {
    int argc;
    char **argv;
    const OptionDef *defs;
    int next;              /* index of the next argv element to read */
    bool only_positional;  /* a "--" was seen */
} OptionParser;

#define OPT_END        (-1)  /* no more arguments */
#define OPT_ERROR      (-2)  /* *errp is set */
#define OPT_POSITIONAL (-3)  /* *arg is a non-option argument */

void opt_init(OptionParser *p, int argc, char **argv, const OptionDef *defs);
/*
 * Return the id of the next option (its value, if any, in *arg), or
 * OPT_POSITIONAL with *arg set, or OPT_END, or OPT_ERROR.  A lone "--" ends
 * option parsing: every later argument is positional.
 */
int opt_next(OptionParser *p, const char **arg, Error **errp);
/* Print "  -name argname   help" for each def. */
void opt_print_help(FILE *out, const OptionDef *defs);

/* ---- key=value lists ---- */

typedef struct KeyVal {
    char *key;
    char *value;
    bool used;             /* set by the keyval_get* calls */
} KeyVal;

typedef struct KeyValList {
    int count;
    KeyVal *items;
} KeyValList;

/*
 * Parse "a=1,b=x,,y,flag".  A bare word becomes implied_key=word when it is
 * first and implied_key is non-NULL, otherwise word=on.  Empty keys and
 * repeated keys are errors.  Returns NULL on error.
 */
KeyValList *keyval_parse(const char *str, const char *implied_key, Error **errp);
void keyval_free(KeyValList *kv);
/* The value for key (marking it used), or NULL. */
const char *keyval_get(KeyValList *kv, const char *key);
/* on/off/yes/no/true/false; def when absent.  False and *errp on a bad value. */
bool keyval_get_bool(KeyValList *kv, const char *key, bool def, bool *out, Error **errp);
/* A size with optional K/M/G/T/P/E suffix (powers of 1024). */
bool keyval_get_size(KeyValList *kv, const char *key, uint64_t def, uint64_t *out,
                     Error **errp);
/* Error naming the first key no keyval_get* call asked for ("unknown key"). */
bool keyval_check_unused(KeyValList *kv, const char *what, Error **errp);

/* ---- numbers ---- */

/*
 * Parse a size: digits with an optional suffix B/K/M/G/T/P/E (case-insensitive,
 * powers of 1024) or a fraction like "1.5G".  A bare number is multiplied by
 * default_unit (1 for bytes, 1 << 20 for `-m 512`).  Overflow is an error.
 */
bool parse_size(const char *str, uint64_t default_unit, uint64_t *out, Error **errp);
/* Parse an unsigned integer in decimal, 0x hex or 0 octal; whole string. */
bool parse_uint64(const char *str, uint64_t *out, Error **errp);

#endif
