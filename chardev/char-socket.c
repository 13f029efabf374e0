/*
 * char-socket.c — TCP and unix stream sockets as a chardev.
 *
 *   socket,host=H,port=P | socket,path=P     the address (tcp or unix)
 *   server=on            listen; one peer at a time, the next may come after it leaves
 *   wait=off             (server) start without a peer; default: wait for the first
 *   reconnect=N          (client) retry every N seconds while the server is away
 *   nodelay=on           (tcp) disable Nagle
 *
 * Without a peer, output is dropped (the frontend sees a disconnected line).
 * Connects and disconnects reach the frontend as CHR_EVENT_OPENED/CLOSED.
 */
#include "chardev/char.h"
#include "exec/main-loop.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

typedef struct SocketState {
    bool server;
    bool is_unix;
    bool nodelay;
    int listen_fd;
    int fd;                        /* the peer, -1 when none */
    unsigned reconnect;            /* seconds, 0: none */
    char *host, *port, *path;
    char *desc;                    /* for messages: "unix:/tmp/s" or "tcp:h:p" */
} SocketState;

static int sock_open_addr(SocketState *s, bool listen_, Error **errp)
{
    if (s->is_unix) {
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        if (strlen(s->path) >= sizeof(sa.sun_path)) {
            error_setg(errp, "%s: the path is too long for a unix socket", s->path);
            return -1;
        }
        strcpy(sa.sun_path, s->path);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error_setg_errno(errp, errno, "socket");
            return -1;
        }
        if (listen_) {
            unlink(s->path);
            if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
                error_setg_errno(errp, errno, "%s: cannot listen", s->desc);
                close(fd);
                return -1;
            }
        } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            error_setg_errno(errp, errno, "%s: cannot connect", s->desc);
            close(fd);
            return -1;
        }
        return fd;
    }
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = listen_ ? AI_PASSIVE : 0 };
    struct addrinfo *res;
    int r = getaddrinfo(s->host, s->port, &hints, &res);
    if (r) {
        error_setg(errp, "%s: %s", s->desc, gai_strerror(r));
        return -1;
    }
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        int one = 1;
        if (listen_) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg_errno(errp, err, "%s: cannot %s", s->desc, listen_ ? "listen" : "connect");
    }
    return fd;
}

static void sock_connected(Chardev *chr, int fd);
static void sock_accept(void *opaque);
static gboolean sock_retry(gpointer opaque);

static void sock_hangup(Chardev *chr)
{
    SocketState *s = chr->state;
    chardev_fd_detach(chr);
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    chardev_event(chr, CHR_EVENT_CLOSED);
    if (s->server) {
        main_loop_set_fd_handler(s->listen_fd, sock_accept, NULL, chr);
    } else if (s->reconnect) {
        g_timeout_add_seconds(s->reconnect, sock_retry, chr);
    }
}

static void sock_connected(Chardev *chr, int fd)
{
    SocketState *s = chr->state;
    s->fd = fd;
    if (!s->is_unix && s->nodelay) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    chr->hangup = sock_hangup;
    chardev_fd_attach(chr, fd, fd);
    chardev_event(chr, CHR_EVENT_OPENED);
}

static void sock_accept(void *opaque)
{
    Chardev *chr = opaque;
    SocketState *s = chr->state;
    int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
        return;
    }
    /* one peer at a time: stop listening until it leaves */
    main_loop_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
    sock_connected(chr, fd);
}

static gboolean sock_retry(gpointer opaque)
{
    Chardev *chr = opaque;
    SocketState *s = chr->state;
    if (s->fd >= 0) {
        return G_SOURCE_REMOVE;
    }
    int fd = sock_open_addr(s, false, NULL);
    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    sock_connected(chr, fd);
    return G_SOURCE_REMOVE;
}

static bool sock_open(Chardev *chr, KeyValList *opts, Error **errp)
{
    SocketState *s = chr->state;
    const char *host = keyval_get(opts, "host"), *port = keyval_get(opts, "port");
    const char *path = keyval_get(opts, "path");
    bool wait = true;
    uint64_t reconnect = 0;
    s->fd = s->listen_fd = -1;
    if (!keyval_get_bool(opts, "server", false, &s->server, errp) ||
        !keyval_get_bool(opts, "wait", true, &wait, errp) ||
        !keyval_get_bool(opts, "nodelay", false, &s->nodelay, errp)) {
        return false;
    }
    const char *rs = keyval_get(opts, "reconnect");
    if (rs && (!parse_uint64(rs, &reconnect, errp) || reconnect > 3600)) {
        error_setg(errp, "-chardev socket: reconnect=%s must be 0..3600 seconds", rs);
        return false;
    }
    s->reconnect = reconnect;
    if (path) {
        s->is_unix = true;
        s->path = g_strdup(path);
        s->desc = g_strdup_printf("unix:%s", path);
    } else if (port) {
        s->host = g_strdup(host && *host ? host : "localhost");
        s->port = g_strdup(port);
        s->desc = g_strdup_printf("tcp:%s:%s", s->host, s->port);
    } else {
        error_setg(errp, "-chardev socket: path= or port= is required");
        return false;
    }
    if (s->server) {
        s->listen_fd = sock_open_addr(s, true, errp);
        if (s->listen_fd < 0) {
            return false;
        }
        chr->connected = false;
        if (wait) {
            fprintf(stderr, "%s: waiting for connection on %s,server=on\n",
                    error_get_progname(), s->desc);
            int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd < 0) {
                error_setg_errno(errp, errno, "%s: accept", s->desc);
                return false;
            }
            sock_connected(chr, fd);
        } else {
            main_loop_set_fd_handler(s->listen_fd, sock_accept, NULL, chr);
        }
        return true;
    }
    int fd = sock_open_addr(s, false, s->reconnect ? NULL : errp);
    if (fd < 0) {
        if (!s->reconnect) {
            return false;
        }
        chr->connected = false;
        g_timeout_add_seconds(s->reconnect, sock_retry, chr);
        return true;
    }
    sock_connected(chr, fd);
    return true;
}

static int sock_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketState *s = chr->state;
    if (s->fd < 0) {
        return -1;
    }
    int n = chardev_fd_write(s->fd, buf, len);
    return n < 0 ? -1 : n;
}

static void sock_close(Chardev *chr)
{
    SocketState *s = chr->state;
    chardev_fd_detach(chr);
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        main_loop_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
        close(s->listen_fd);
        if (s->is_unix && s->server) {
            unlink(s->path);
        }
    }
    s->fd = s->listen_fd = -1;
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
    g_free(s->desc);
    s->host = s->port = s->path = s->desc = NULL;
}

const ChardevOps chardev_socket_ops = {
    .name = "socket",
    .help = "host=H,port=P | path=P [,server=on][,wait=off][,reconnect=N][,nodelay=on]",
    .state_size = sizeof(SocketState),
    .open = sock_open,
    .write = sock_write,
    .close = sock_close,
};
