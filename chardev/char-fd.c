/*
 * char-fd.c — the chardev backends that are plain file descriptors:
 *   null                 discards output, never has input
 *   file,path=P          output to P (truncated, or append=on), input from in=P2 when given
 *   pipe,path=P          P.in/P.out FIFOs when both exist, else P both ways
 *   stdio[,signal=on]    the terminal, raw while emu runs; restored at exit,
 *                        on a fatal signal and on SIGINT/SIGTERM
 *   pty                  a new pseudo-terminal, its name printed on stderr
 */
#include "chardev/char.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib.h>

static int fd_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chr->fd_out < 0 ? len : chardev_fd_write(chr->fd_out, buf, len);
}

static void fd_close(Chardev *chr)
{
    int in = chr->fd_in, out = chr->fd_out;
    chardev_fd_detach(chr);
    if (in > 2) {
        close(in);
    }
    if (out > 2 && out != in) {
        close(out);
    }
}

/* ---- null ----------------------------------------------------------------- */

static bool null_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    return true;
}

static int null_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

const ChardevOps chardev_null_ops = {
    .name = "null",
    .help = "discard output, no input",
    .open = null_open,
    .write = null_write,
};

/* ---- file ----------------------------------------------------------------- */

static bool file_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    const char *path = keyval_get(opts, "path");
    const char *in = keyval_get(opts, "in");
    bool append = false;
    if (!path) {
        error_setg(errp, "-chardev file: path is missing");
        return false;
    }
    if (!keyval_get_bool(opts, "append", false, &append, errp)) {
        return false;
    }
    int out = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (out < 0) {
        error_setg_errno(errp, errno, "%s", path);
        return false;
    }
    int fin = -1;
    if (in) {
        fin = open(in, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fin < 0) {
            error_setg_errno(errp, errno, "%s", in);
            close(out);
            return false;
        }
    }
    chardev_fd_attach(chr, fin, out);
    return true;
}

const ChardevOps chardev_file_ops = {
    .name = "file",
    .help = "path=P[,append=on][,in=P2]: output to a file",
    .open = file_open,
    .write = fd_write,
    .close = fd_close,
};

/* ---- pipe ----------------------------------------------------------------- */

static bool pipe_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    const char *path = keyval_get(opts, "path");
    if (!path) {
        error_setg(errp, "-chardev pipe: path is missing");
        return false;
    }
    char *pin = g_strconcat(path, ".in", NULL), *pout = g_strconcat(path, ".out", NULL);
    /* O_RDWR on a FIFO: opening does not wait for the other end */
    int in = open(pin, O_RDWR | O_CLOEXEC | O_NONBLOCK);
    int out = open(pout, O_RDWR | O_CLOEXEC);
    g_free(pin);
    g_free(pout);
    if (in < 0 || out < 0) {
        if (in >= 0) {
            close(in);
        }
        if (out >= 0) {
            close(out);
        }
        in = out = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
        if (in < 0) {
            error_setg_errno(errp, errno, "%s", path);
            return false;
        }
    }
    chardev_fd_attach(chr, in, out);
    return true;
}

const ChardevOps chardev_pipe_ops = {
    .name = "pipe",
    .help = "path=P: the FIFOs P.in and P.out (or P both ways)",
    .open = pipe_open,
    .write = fd_write,
    .close = fd_close,
};

/* ---- stdio ---------------------------------------------------------------- */

static struct termios saved_tty;
static bool tty_saved;
static bool stdio_in_use;

static void tty_restore(void)
{
    if (tty_saved) {
        tcsetattr(0, TCSANOW, &saved_tty);
    }
}

/* On a fatal or terminating signal: the terminal first, then the default action. */
static void tty_signal(int sig)
{
    tty_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static bool stdio_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    bool sig = true;
    if (!keyval_get_bool(opts, "signal", true, &sig, errp)) {
        return false;
    }
    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return false;
    }
    stdio_in_use = true;
    if (isatty(0) && tcgetattr(0, &saved_tty) == 0) {
        struct termios t = saved_tty;
        /* raw input, output as is; ^C still a signal unless signal=off */
        t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        t.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
        if (!sig) {
            t.c_lflag &= ~ISIG;
        }
        t.c_cflag |= CS8;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tty_saved = true;
        chr->is_tty = true;
        atexit(tty_restore);
        static const int sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGQUIT };
        for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
            signal(sigs[i], tty_signal);
        }
        tcsetattr(0, TCSANOW, &t);
    }
    int fl = fcntl(0, F_GETFL);
    if (fl >= 0) {
        fcntl(0, F_SETFL, fl | O_NONBLOCK);
    }
    chardev_fd_attach(chr, 0, 1);
    return true;
}

static void stdio_close(Chardev *chr)
{
    chardev_fd_detach(chr);
    tty_restore();
    int fl = fcntl(0, F_GETFL);
    if (fl >= 0) {
        fcntl(0, F_SETFL, fl & ~O_NONBLOCK);
    }
    stdio_in_use = false;
}

const ChardevOps chardev_stdio_ops = {
    .name = "stdio",
    .help = "[signal=off]: this terminal (raw mode, restored at exit)",
    .open = stdio_open,
    .write = fd_write,
    .close = stdio_close,
};

/* ---- pty ------------------------------------------------------------------ */

/* Nobody has the slave open (EIO): look again in a second. */
static gboolean pty_rearm(gpointer opaque)
{
    Chardev *chr = opaque;
    if (chr->fe) {
        chr_fe_accept_input(chr->fe);
    }
    return G_SOURCE_REMOVE;
}

static void pty_hangup(Chardev *chr)
{
    g_timeout_add(1000, pty_rearm, chr);
}

static bool pty_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || grantpt(fd) < 0 || unlockpt(fd) < 0) {
        error_setg_errno(errp, errno, "cannot create a pseudo-terminal");
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    struct termios t;
    const char *name = ptsname(fd);
    /* raw on our side too, so that bytes pass unchanged */
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave >= 0) {
        if (tcgetattr(slave, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(slave, TCSANOW, &t);
        }
        close(slave);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fprintf(stderr, "char device redirected to %s (label %s)\n", name, chr->id);
    chr->hangup = pty_hangup;
    chardev_fd_attach(chr, fd, fd);
    return true;
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    /* nobody has the slave open: the bytes would pile up in the kernel; drop them */
    ssize_t n = write(chr->fd_out, buf, len);
    return n < 0 ? len : (int)n;
}

const ChardevOps chardev_pty_ops = {
    .name = "pty",
    .help = "a new pseudo-terminal (its path is printed)",
    .open = pty_open,
    .write = pty_write,
    .close = fd_close,
};
