/*
 * char-mux.c — one backend shared by several frontends (-nographic,
 * mon:stdio, mux=on): output from all of them goes to the backend, input
 * goes to the frontend with the focus.  Ctrl-A is the escape:
 *   C-a c  switch the focus to the next frontend (serial -> monitor -> ...)
 *   C-a x  quit emu
 *   C-a h  print this help
 *   C-a s  flush (a no-op until there are block devices to sync)
 *   C-a b  send a break (ignored)
 *   C-a C-a  send C-a itself
 */
#include "chardev/char.h"
#include "util/error.h"

#include <string.h>

#include <glib.h>

#define MUX_MAX 4
#define MUX_ESCAPE 0x01            /* Ctrl-A */

typedef struct MuxState {
    Chardev *base;
    CharFrontend base_fe;          /* the mux as the base's frontend */
    CharFrontend *fes[MUX_MAX];
    int n;
    int focus;
    bool escape;                   /* the previous byte was C-a */
} MuxState;

void (*chardev_mux_quit_hook)(void);

bool chardev_is_mux(const Chardev *chr)
{
    return chr && chr->ops == &chardev_mux_ops;
}

bool chardev_mux_fe_focused(const CharFrontend *fe)
{
    if (fe->mux_index < 0 || !chardev_is_mux(fe->chr)) {
        return true;
    }
    MuxState *m = fe->chr->state;
    return m->focus == fe->mux_index;
}

static void mux_send_event(MuxState *m, int index, ChrEvent ev)
{
    CharFrontend *fe = index >= 0 && index < m->n ? m->fes[index] : NULL;
    if (fe && fe->event) {
        fe->event(fe->opaque, ev);
    }
}

void chardev_mux_set_focus(Chardev *chr, int index)
{
    MuxState *m = chr->state;
    if (index < 0 || index >= m->n || index == m->focus) {
        return;
    }
    mux_send_event(m, m->focus, CHR_EVENT_MUX_OUT);
    m->focus = index;
    mux_send_event(m, m->focus, CHR_EVENT_MUX_IN);
}

static int mux_can_read(void *opaque)
{
    MuxState *m = opaque;
    CharFrontend *fe = m->focus < m->n ? m->fes[m->focus] : NULL;
    if (!fe || !fe->read) {
        return 1;                  /* keep reading: escapes must still work */
    }
    return fe->can_read ? fe->can_read(fe->opaque) : 4096;
}

static void mux_print(MuxState *m, const char *s)
{
    chr_fe_write_all(&m->base_fe, (const uint8_t *)s, strlen(s));
}

static void mux_deliver(MuxState *m, uint8_t c)
{
    CharFrontend *fe = m->focus < m->n ? m->fes[m->focus] : NULL;
    if (fe && fe->read && (!fe->can_read || fe->can_read(fe->opaque) > 0)) {
        fe->read(fe->opaque, &c, 1);
    }
}

static void mux_read(void *opaque, const uint8_t *buf, int size)
{
    MuxState *m = opaque;
    for (int i = 0; i < size; i++) {
        uint8_t c = buf[i];
        if (!m->escape) {
            if (c == MUX_ESCAPE) {
                m->escape = true;
            } else {
                mux_deliver(m, c);
            }
            continue;
        }
        m->escape = false;
        switch (c) {
        case 'c':
            if (m->n > 1) {
                mux_send_event(m, m->focus, CHR_EVENT_MUX_OUT);
                m->focus = (m->focus + 1) % m->n;
                mux_send_event(m, m->focus, CHR_EVENT_MUX_IN);
            }
            break;
        case 'x':
            mux_print(m, "emu: terminating on signal from the console\r\n");
            if (chardev_mux_quit_hook) {
                chardev_mux_quit_hook();
            }
            break;
        case 'h':
        case '?':
            mux_print(m, "\r\nC-a h    print this help\r\n"
                         "C-a x    exit emulator\r\n"
                         "C-a s    flush (nothing to sync yet)\r\n"
                         "C-a b    send break (ignored)\r\n"
                         "C-a c    switch between console and monitor\r\n"
                         "C-a C-a  sends C-a\r\n");
            break;
        case 's':
        case 'b':
            break;
        case MUX_ESCAPE:
            mux_deliver(m, c);
            break;
        default:
            /* an unknown escape: both bytes go through, as typed */
            mux_deliver(m, MUX_ESCAPE);
            mux_deliver(m, c);
            break;
        }
    }
}

static void mux_event(void *opaque, ChrEvent ev)
{
    MuxState *m = opaque;
    for (int i = 0; i < m->n; i++) {
        if (ev != CHR_EVENT_OPENED || i == m->focus) {
            mux_send_event(m, i, ev);
        }
    }
}

static bool mux_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    MuxState *m = chr->state;
    const char *base = keyval_get(opts, "chardev");
    m->base = base ? chardev_find(base) : NULL;
    if (!m->base) {
        error_setg(errp, "mux: chardev '%s' not found", base ? base : "");
        return false;
    }
    if (!chr_fe_init(&m->base_fe, m->base, errp)) {
        return false;
    }
    chr->is_tty = m->base->is_tty;
    chr_fe_set_handlers(&m->base_fe, mux_can_read, mux_read, mux_event, m);
    return true;
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxState *m = chr->state;
    return chr_fe_write_all(&m->base_fe, buf, len);
}

static void mux_accept_input(Chardev *chr)
{
    MuxState *m = chr->state;
    chr_fe_accept_input(&m->base_fe);
}

static void mux_fe_attached(Chardev *chr, CharFrontend *fe)
{
    MuxState *m = chr->state;
    g_assert(m->n < MUX_MAX);
    fe->mux_index = m->n;
    m->fes[m->n++] = fe;
}

const ChardevOps chardev_mux_ops = {
    .name = "mux",
    .help = "chardev=ID: share ID between frontends (C-a c switches)",
    .state_size = sizeof(MuxState),
    .open = mux_open,
    .write = mux_write,
    .accept_input = mux_accept_input,
    .fe_attached = mux_fe_attached,
};
