/*
 * readline.c — line editing and history for the human monitor on a
 * terminal (readline.h).  The terminal is in raw mode, so everything the
 * user sees is drawn here: after an edit the line is redrawn from the
 * prompt ("\r", prompt, text, erase to the end of line "ESC [K", then the
 * cursor moved back "ESC [nD"), which is simple and right for any edit.
 * Escape sequences are the VT100/xterm ones terminals send for the arrow,
 * Home, End and Delete keys.
 */
#include "readline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void readline_init(ReadLine *rl, const char *prompt,
                   void (*echo)(void *opaque, const char *s),
                   void (*done)(void *opaque, const char *line), void *opaque)
{
    memset(rl, 0, sizeof(*rl));
    rl->buf = g_string_new(NULL);
    rl->esc_arg = g_string_new(NULL);
    rl->prompt = prompt;
    rl->echo = echo;
    rl->done = done;
    rl->opaque = opaque;
}

void readline_free(ReadLine *rl)
{
    g_string_free(rl->buf, TRUE);
    g_string_free(rl->esc_arg, TRUE);
    for (int i = 0; i < rl->nhist; i++) {
        g_free(rl->history[i]);
    }
    g_free(rl->saved);
}

void readline_reset(ReadLine *rl)
{
    g_string_truncate(rl->buf, 0);
    rl->cursor = 0;
    rl->esc = 0;
    rl->hist_pos = rl->nhist;
    g_free(rl->saved);
    rl->saved = NULL;
}

static void redraw(ReadLine *rl)
{
    GString *o = g_string_new("\r");
    g_string_append(o, rl->prompt);
    g_string_append_len(o, rl->buf->str, rl->buf->len);
    g_string_append(o, "\033[K");
    if (rl->cursor < rl->buf->len) {
        g_string_append_printf(o, "\033[%zuD", rl->buf->len - rl->cursor);
    }
    rl->echo(rl->opaque, o->str);
    g_string_free(o, TRUE);
}

static void set_line(ReadLine *rl, const char *s)
{
    g_string_assign(rl->buf, s);
    rl->cursor = rl->buf->len;
    redraw(rl);
}

static void history_add(ReadLine *rl, const char *line)
{
    if (!*line || (rl->nhist && strcmp(rl->history[rl->nhist - 1], line) == 0)) {
        return;
    }
    if (rl->nhist == READLINE_HISTORY) {
        g_free(rl->history[0]);
        memmove(rl->history, rl->history + 1, sizeof(char *) * (READLINE_HISTORY - 1));
        rl->nhist--;
    }
    rl->history[rl->nhist++] = g_strdup(line);
}

static void history_move(ReadLine *rl, int dir)
{
    int pos = rl->hist_pos + dir;
    if (pos < 0 || pos > rl->nhist) {
        return;
    }
    if (rl->hist_pos == rl->nhist) {
        g_free(rl->saved);
        rl->saved = g_strdup(rl->buf->str);
    }
    rl->hist_pos = pos;
    set_line(rl, pos == rl->nhist ? (rl->saved ? rl->saved : "") : rl->history[pos]);
}

static void delete_range(ReadLine *rl, size_t from, size_t to)
{
    if (from >= to) {
        return;
    }
    g_string_erase(rl->buf, from, to - from);
    rl->cursor = from;
    redraw(rl);
}

static void finish(ReadLine *rl)
{
    char *line = g_strdup(rl->buf->str);
    rl->echo(rl->opaque, "\n");
    history_add(rl, line);
    readline_reset(rl);
    rl->done(rl->opaque, line);
    g_free(line);
}

/* The final byte of ESC [ ... or ESC O ...: the key it names. */
static void escape_key(ReadLine *rl, unsigned char c)
{
    int n = atoi(rl->esc_arg->str);
    switch (c) {
    case 'A': history_move(rl, -1); break;
    case 'B': history_move(rl, 1); break;
    case 'C':
        if (rl->cursor < rl->buf->len) {
            rl->cursor++;
            redraw(rl);
        }
        break;
    case 'D':
        if (rl->cursor > 0) {
            rl->cursor--;
            redraw(rl);
        }
        break;
    case 'H': rl->cursor = 0; redraw(rl); break;
    case 'F': rl->cursor = rl->buf->len; redraw(rl); break;
    case '~':
        if (n == 1 || n == 7) {
            rl->cursor = 0;
            redraw(rl);
        } else if (n == 4 || n == 8) {
            rl->cursor = rl->buf->len;
            redraw(rl);
        } else if (n == 3) {
            delete_range(rl, rl->cursor, MIN(rl->cursor + 1, rl->buf->len));
        }
        break;
    default:
        break;
    }
}

void readline_feed(ReadLine *rl, unsigned char c)
{
    bool cr = rl->last_cr;
    rl->last_cr = c == '\r';
    if (rl->esc == 1) {
        rl->esc = (c == '[' || c == 'O') ? 2 : 0;
        g_string_truncate(rl->esc_arg, 0);
        return;
    }
    if (rl->esc == 2) {
        if ((c >= '0' && c <= '9') || c == ';') {
            if (rl->esc_arg->len < 8) {
                g_string_append_c(rl->esc_arg, c);
            }
            return;
        }
        rl->esc = 0;
        escape_key(rl, c);
        return;
    }
    switch (c) {
    case '\r':
        finish(rl);
        break;
    case '\n':
        if (!cr) {
            finish(rl);
        }
        break;
    case 0x1b:
        rl->esc = 1;
        break;
    case 0x7f:
    case 0x08:
        if (rl->cursor > 0 && rl->cursor == rl->buf->len) {
            /* at the end: rub out one character, as a plain terminal would */
            g_string_truncate(rl->buf, --rl->cursor);
            rl->echo(rl->opaque, "\b \b");
        } else if (rl->cursor > 0) {
            delete_range(rl, rl->cursor - 1, rl->cursor);
        }
        break;
    case 0x04:                     /* ^D */
        delete_range(rl, rl->cursor, MIN(rl->cursor + 1, rl->buf->len));
        break;
    case 0x01: rl->cursor = 0; redraw(rl); break;                 /* ^A */
    case 0x05: rl->cursor = rl->buf->len; redraw(rl); break;      /* ^E */
    case 0x02: escape_key(rl, 'D'); break;                        /* ^B */
    case 0x06: escape_key(rl, 'C'); break;                        /* ^F */
    case 0x10: history_move(rl, -1); break;                       /* ^P */
    case 0x0e: history_move(rl, 1); break;                        /* ^N */
    case 0x0b: delete_range(rl, rl->cursor, rl->buf->len); break; /* ^K */
    case 0x15: delete_range(rl, 0, rl->cursor); break;            /* ^U */
    case 0x17: {                                                  /* ^W */
        size_t p = rl->cursor;
        while (p > 0 && rl->buf->str[p - 1] == ' ') {
            p--;
        }
        while (p > 0 && rl->buf->str[p - 1] != ' ') {
            p--;
        }
        delete_range(rl, p, rl->cursor);
        break;
    }
    default:
        if (c >= 0x20 && rl->buf->len < READLINE_MAX) {
            char s[2] = { (char)c, 0 };
            g_string_insert_len(rl->buf, rl->cursor, s, 1);
            rl->cursor++;
            if (rl->cursor == rl->buf->len) {
                rl->echo(rl->opaque, s);      /* typing at the end: no redraw needed */
            } else {
                redraw(rl);
            }
        }
        break;
    }
}
