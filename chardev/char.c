/*
 * char.c — the chardev core (chardev/char.h): the registry of backends and
 * of created chardevs, option parsing for -chardev and the short forms,
 * frontends, and the generic fd reader/writer most backends use.
 *
 * Flow control: the reader asks the frontend's can_read() before each
 * read and reads no more; when it says 0 the fd watch is removed until the
 * frontend calls chr_fe_accept_input(), so a slow guest UART never makes
 * the main loop spin.
 */
#include "chardev/char.h"
#include "exec/main-loop.h"
#include "util/error.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

static const ChardevOps *const backends[] = {
    &chardev_null_ops, &chardev_file_ops, &chardev_pipe_ops, &chardev_stdio_ops,
    &chardev_pty_ops, &chardev_socket_ops, &chardev_mux_ops,
};

static Chardev *chardevs;

Chardev *chardev_find(const char *id)
{
    for (Chardev *c = chardevs; c; c = c->next) {
        if (strcmp(c->id, id) == 0) {
            return c;
        }
    }
    return NULL;
}

void chardev_print_backends(FILE *out)
{
    fprintf(out, "Available chardev backend types:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (backends[i] != &chardev_mux_ops) {
            fprintf(out, "  %-8s %s\n", backends[i]->name, backends[i]->help);
        }
    }
}

static const ChardevOps *backend_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (strcmp(backends[i]->name, name) == 0) {
            return backends[i];
        }
    }
    return NULL;
}

static Chardev *chardev_open(const ChardevOps *ops, const char *id, KeyValList *kv,
                             Error **errp)
{
    if (chardev_find(id)) {
        error_setg(errp, "chardev '%s' already exists", id);
        return NULL;
    }
    Chardev *chr = g_new0(Chardev, 1);
    chr->id = g_strdup(id);
    chr->ops = ops;
    chr->state = ops->state_size ? g_malloc0(ops->state_size) : NULL;
    chr->fd_in = chr->fd_out = -1;
    chr->connected = true;
    if (!ops->open(chr, kv, errp) || !keyval_check_unused(kv, "-chardev", errp)) {
        if (ops->close) {
            ops->close(chr);
        }
        chardev_fd_detach(chr);
        g_free(chr->state);
        g_free(chr->id);
        g_free(chr);
        return NULL;
    }
    Chardev **p = &chardevs;
    while (*p) {
        p = &(*p)->next;
    }
    *p = chr;
    return chr;
}

/* Wrap base in a mux named id when mux=on. */
static Chardev *mux_wrap(Chardev *base, const char *id, Error **errp)
{
    char *opt = g_strdup_printf("chardev=%s", base->id);
    KeyValList *kv = keyval_parse(opt, NULL, errp);
    g_free(opt);
    Chardev *m = chardev_open(&chardev_mux_ops, id, kv, errp);
    keyval_free(kv);
    return m;
}

Chardev *chardev_new_from_opts(const char *optarg, bool *printed_help, Error **errp)
{
    *printed_help = false;
    if (strcmp(optarg, "help") == 0) {
        chardev_print_backends(stdout);
        *printed_help = true;
        return NULL;
    }
    KeyValList *kv = keyval_parse(optarg, "backend", errp);
    if (!kv) {
        return NULL;
    }
    Chardev *chr = NULL;
    const char *name = keyval_get(kv, "backend");
    const char *id = keyval_get(kv, "id");
    const ChardevOps *ops = name ? backend_find(name) : NULL;
    bool mux = false;
    if (!ops || ops == &chardev_mux_ops) {
        error_setg(errp, "-chardev: '%s' is not a chardev backend (try -chardev help)",
                   name ? name : "");
    } else if (!id) {
        error_setg(errp, "-chardev %s: an id is required", name);
    } else if (keyval_get_bool(kv, "mux", false, &mux, errp)) {
        if (mux) {
            char *base_id = g_strconcat(id, "-base", NULL);
            Chardev *base = chardev_open(ops, base_id, kv, errp);
            g_free(base_id);
            chr = base ? mux_wrap(base, id, errp) : NULL;
        } else {
            chr = chardev_open(ops, id, kv, errp);
        }
    }
    keyval_free(kv);
    return chr;
}

/*
 * The short forms.  Each is rewritten to backend options:
 *   stdio | null | pty | file:P | pipe:P | tcp:H:P[,o] | unix:P[,o] | mon:X | chardev:ID
 */
Chardev *chardev_new_from_legacy(const char *spec, const char *id, Error **errp)
{
    if (g_str_has_prefix(spec, "chardev:")) {
        Chardev *c = chardev_find(spec + 8);
        if (!c) {
            error_setg(errp, "chardev '%s' not found", spec + 8);
        }
        return c;
    }
    bool mux = false;
    if (g_str_has_prefix(spec, "mon:")) {
        mux = true;
        spec += 4;
    }
    char *opts = NULL;
    if (!strcmp(spec, "stdio") || !strcmp(spec, "null") || !strcmp(spec, "pty")) {
        opts = g_strdup(spec);
    } else if (g_str_has_prefix(spec, "file:")) {
        opts = g_strdup_printf("file,path=%s", spec + 5);
    } else if (g_str_has_prefix(spec, "pipe:")) {
        opts = g_strdup_printf("pipe,path=%s", spec + 5);
    } else if (g_str_has_prefix(spec, "unix:")) {
        opts = g_strdup_printf("socket,path=%s", spec + 5);
    } else if (g_str_has_prefix(spec, "tcp:")) {
        const char *hp = spec + 4;
        const char *comma = strchr(hp, ',');
        char *addr = comma ? g_strndup(hp, comma - hp) : g_strdup(hp);
        char *colon = strrchr(addr, ':');
        if (!colon) {
            error_setg(errp, "'%s': expected tcp:HOST:PORT", spec);
            g_free(addr);
            return NULL;
        }
        *colon = '\0';
        opts = g_strdup_printf("socket,host=%s,port=%s%s", *addr ? addr : "localhost",
                               colon + 1, comma ? comma : "");
        g_free(addr);
    } else {
        error_setg(errp, "'%s' is not a character device (try stdio, null, pty, file:PATH, "
                   "pipe:PATH, tcp:HOST:PORT, unix:PATH, mon:..., chardev:ID)", spec);
        return NULL;
    }
    char *full = g_strdup_printf("%s,id=%s%s", opts, id, mux ? ",mux=on" : "");
    bool help;
    Chardev *chr = chardev_new_from_opts(full, &help, errp);
    g_free(full);
    g_free(opts);
    return chr;
}

void chardev_close_all(void)
{
    while (chardevs) {
        Chardev *c = chardevs;
        chardevs = c->next;
        if (c->ops->close) {
            c->ops->close(c);
        }
        chardev_fd_detach(c);
    }
}

char *chardev_info_string(void)
{
    GString *s = g_string_new(NULL);
    for (Chardev *c = chardevs; c; c = c->next) {
        g_string_append_printf(s, "%s: filename=%s%s\n", c->id, c->ops->name,
                               c->connected ? "" : " (disconnected)");
    }
    return g_string_free(s, FALSE);
}

/* ---- frontends ------------------------------------------------------------ */

bool chr_fe_init(CharFrontend *fe, Chardev *chr, Error **errp)
{
    memset(fe, 0, sizeof(*fe));
    fe->mux_index = -1;
    fe->chr = chr;
    if (!chr) {
        return true;
    }
    if (chr->ops->fe_attached) {
        chr->ops->fe_attached(chr, fe);
    } else if (chr->fe) {
        error_setg(errp, "chardev '%s' is already in use", chr->id);
        fe->chr = NULL;
        return false;
    } else {
        chr->fe = fe;
    }
    return true;
}

void chr_fe_set_handlers(CharFrontend *fe, ChrCanReadHandler *can_read, ChrReadHandler *read,
                         ChrEventHandler *event, void *opaque)
{
    fe->can_read = can_read;
    fe->read = read;
    fe->event = event;
    fe->opaque = opaque;
    if (fe->chr) {
        chr_fe_accept_input(fe);
        if (fe->chr->connected && event && chardev_mux_fe_focused(fe)) {
            event(opaque, CHR_EVENT_OPENED);
        }
    }
}

int chr_fe_write_all(CharFrontend *fe, const uint8_t *buf, int len)
{
    Chardev *chr = fe->chr;
    if (!chr) {
        return len;
    }
    int done = 0;
    while (done < len) {
        int n = chr->ops->write(chr, buf + done, len - done);
        if (n < 0) {
            return len;            /* no peer: dropped, as a disconnected line would */
        }
        done += n;
    }
    return done;
}

int chr_fe_printf(CharFrontend *fe, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    int n = chr_fe_write_all(fe, (const uint8_t *)s, strlen(s));
    g_free(s);
    return n;
}

static void fd_read_ready(void *opaque);

void chr_fe_accept_input(CharFrontend *fe)
{
    Chardev *chr = fe->chr;
    if (!chr) {
        return;
    }
    if (chr->ops->accept_input) {
        chr->ops->accept_input(chr);
    } else if (chr->fd_in >= 0 && !chr->reading) {
        chr->reading = true;
        main_loop_set_fd_handler(chr->fd_in, fd_read_ready, NULL, chr);
    }
}

bool chr_fe_backend_connected(const CharFrontend *fe)
{
    return fe->chr && fe->chr->connected;
}

/* ---- for backends --------------------------------------------------------- */

int chardev_can_read(Chardev *chr)
{
    CharFrontend *fe = chr->fe;
    if (!fe || !fe->read) {
        return 0;
    }
    return fe->can_read ? fe->can_read(fe->opaque) : 4096;
}

int chardev_deliver(Chardev *chr, const uint8_t *buf, int len)
{
    int n = MIN(len, chardev_can_read(chr));
    if (n > 0) {
        chr->fe->read(chr->fe->opaque, buf, n);
    }
    return n;
}

void chardev_event(Chardev *chr, ChrEvent ev)
{
    chr->connected = ev != CHR_EVENT_CLOSED;
    if (chr->fe && chr->fe->event) {
        chr->fe->event(chr->fe->opaque, ev);
    }
}

static void fd_read_ready(void *opaque)
{
    Chardev *chr = opaque;
    int room = chardev_can_read(chr);
    if (room <= 0) {
        /* the frontend is full: stop watching until chr_fe_accept_input */
        chr->reading = false;
        main_loop_set_fd_handler(chr->fd_in, NULL, NULL, NULL);
        return;
    }
    uint8_t buf[4096];
    ssize_t n = read(chr->fd_in, buf, MIN(room, (int)sizeof(buf)));
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return;
    }
    if (n <= 0) {
        chr->reading = false;
        main_loop_set_fd_handler(chr->fd_in, NULL, NULL, NULL);
        if (chr->hangup) {
            chr->hangup(chr);
        }
        return;
    }
    chardev_deliver(chr, buf, n);
}

void chardev_fd_attach(Chardev *chr, int fd_in, int fd_out)
{
    chr->fd_in = fd_in;
    chr->fd_out = fd_out;
    chr->reading = false;
    if (fd_in >= 0 && chr->fe && chr->fe->read) {
        chr->reading = true;
        main_loop_set_fd_handler(fd_in, fd_read_ready, NULL, chr);
    }
}

void chardev_fd_detach(Chardev *chr)
{
    if (chr->fd_in >= 0 && chr->reading) {
        main_loop_set_fd_handler(chr->fd_in, NULL, NULL, NULL);
    }
    chr->reading = false;
    chr->fd_in = chr->fd_out = -1;
}

int chardev_fd_write(int fd, const uint8_t *buf, int len)
{
    int done = 0;
    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            poll(&p, 1, 100);
            continue;
        }
        if (n < 0) {
            return done ? done : -1;
        }
        done += n;
    }
    return done;
}
