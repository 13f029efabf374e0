/*
 * readline.h — line editing and history for the human monitor on a
 * terminal.  Bytes go in one at a time; the editor keeps the line and the
 * cursor, echoes through a callback (redrawing with ANSI sequences), and
 * hands a finished line to another callback.
 *
 * Keys (Emacs-style, as bash's readline):
 *   printable       insert at the cursor
 *   Backspace/^H    delete before the cursor      Delete (ESC [3~), ^D  delete at it
 *   Left/^B Right/^F   move                       Home/^A End/^E  line start / end
 *   ^K  kill to the end    ^U  kill to the start   ^W  delete the word before
 *   Up/^P Down/^N   history (the line being typed is kept as the newest entry)
 *   Enter (CR or LF) finish: the line is added to history unless empty or a repeat
 */
#ifndef MONITOR_READLINE_H
#define MONITOR_READLINE_H

#include <stdbool.h>

#include <glib.h>

#define READLINE_HISTORY 64
#define READLINE_MAX 4096

typedef struct ReadLine {
    GString *buf;
    size_t cursor;
    int esc;                       /* 0, 1 after ESC, 2 after ESC [ or ESC O */
    GString *esc_arg;              /* digits of ESC [ n ~ */
    char *history[READLINE_HISTORY];   /* oldest first */
    int nhist;
    int hist_pos;                  /* while browsing: index, nhist = the new line */
    char *saved;                   /* the line being typed when browsing started */
    const char *prompt;
    bool last_cr;                  /* CR LF counts as one Enter */
    /* output to the terminal */
    void (*echo)(void *opaque, const char *s);
    /* a finished line */
    void (*done)(void *opaque, const char *line);
    void *opaque;
} ReadLine;

void readline_init(ReadLine *rl, const char *prompt,
                   void (*echo)(void *opaque, const char *s),
                   void (*done)(void *opaque, const char *line), void *opaque);
void readline_free(ReadLine *rl);
void readline_feed(ReadLine *rl, unsigned char c);
/* Forget the current line (a new session). */
void readline_reset(ReadLine *rl);

#endif
