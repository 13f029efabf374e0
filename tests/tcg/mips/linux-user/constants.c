/*
 * constants.c — the values the MIPS ABI numbers differently from the host,
 * used through the C library so that each must survive emu's translation
 * both ways: errno values (ENOSYS, ECONNREFUSED through SO_ERROR,
 * ENAMETOOLONG, ENOTEMPTY, EOPNOTSUPP), signal numbers (kill to self,
 * sigprocmask, a child's WTERMSIG, sigpending, SIGCHLD's si_status),
 * open/fcntl flags (F_GETFL after F_SETFL, O_DIRECTORY/O_NOFOLLOW/O_EXCL
 * behaviour), mmap flags, socket types and options, poll's POLLWRBAND,
 * RLIMIT numbers.  Architecture neutral: the native build is the reference.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int last_sig;

static void on_sig(int sig)
{
    last_sig = sig;
}

static const char *sname(int s)
{
    static char buf[16];
    const char *n = sigabbrev_np(s);
    snprintf(buf, sizeof(buf), "%s", n ? n : "?");
    return buf;
}

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    last_sig = sig;
    printf("SIGBUS from kill: si_code SI_USER %d, pid is ours %d\n", si->si_code == SI_USER,
           si->si_pid == getpid());
}

int main(void)
{
    /* errno */
    errno = 0;
    long r = syscall(99999);
    printf("unknown syscall: %ld %s\n", r, strerrorname_np(errno));
    char longname[5000];
    memset(longname, 'a', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = 0;
    r = open(longname, O_RDONLY);
    printf("long name: %ld %s\n", r, strerrorname_np(errno));
    mkdir("d", 0700);
    close(open("d/f", O_CREAT | O_WRONLY, 0600));
    r = rmdir("d");
    printf("rmdir non-empty: %ld %s\n", r, strerrorname_np(errno));
    r = open("d/f", O_RDONLY | O_DIRECTORY);
    printf("O_DIRECTORY on a file: %ld %s\n", r, strerrorname_np(errno));
    symlink("f", "d/l");
    r = open("d/l", O_RDONLY | O_NOFOLLOW);
    printf("O_NOFOLLOW on a link: %ld %s\n", r, strerrorname_np(errno));
    r = open("d/f", O_CREAT | O_EXCL | O_WRONLY, 0600);
    printf("O_EXCL on an existing file: %ld %s\n", r, strerrorname_np(errno));

    /* open flags through fcntl */
    int fd = open("d/f", O_WRONLY | O_APPEND | O_NONBLOCK);
    int fl = fcntl(fd, F_GETFL);
    printf("F_GETFL: wronly %d append %d nonblock %d direct %d\n", (fl & O_ACCMODE) == O_WRONLY,
           !!(fl & O_APPEND), !!(fl & O_NONBLOCK), !!(fl & O_DIRECT));
    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    fl = fcntl(fd, F_GETFL);
    printf("after F_SETFL: append %d nonblock %d; write %zd\n", !!(fl & O_APPEND),
           !!(fl & O_NONBLOCK), write(fd, "abc", 3));
    printf("F_GETFD cloexec %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);
    unlink("d/l");
    unlink("d/f");
    rmdir("d");

    /* mmap flags */
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    printf("anonymous mapping: %d zeroed %d\n", m != MAP_FAILED, m != MAP_FAILED && m[4097] == 0);
    void *bad = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0);
    printf("file mapping of fd -1: %d %s\n", bad == MAP_FAILED, strerrorname_np(errno));

    /* signals */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sig;
    int sigs[] = { SIGUSR1, SIGUSR2, SIGCHLD, SIGWINCH, SIGURG, SIGIO, SIGPWR, SIGSYS, SIGBUS,
                   SIGCONT, SIGXCPU, SIGVTALRM, SIGPROF, SIGRTMIN, SIGRTMIN + 3 };
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
        last_sig = 0;
        kill(getpid(), sigs[i]);
        printf("kill %s -> handler got %s\n", sname(sigs[i]), last_sig ? sname(last_sig) : "-");
    }
    struct sigaction sb;
    memset(&sb, 0, sizeof(sb));
    sb.sa_sigaction = on_bus;
    sb.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sb, NULL);
    kill(getpid(), SIGBUS);
    sigset_t s, o, p;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigaddset(&s, SIGCHLD);
    sigprocmask(SIG_BLOCK, &s, &o);
    last_sig = 0;
    kill(getpid(), SIGUSR2);
    sigpending(&p);
    printf("blocked SIGUSR2: pending %d, SIGCHLD pending %d, delivered %d\n",
           sigismember(&p, SIGUSR2), sigismember(&p, SIGCHLD), last_sig != 0);
    sigprocmask(SIG_SETMASK, &o, NULL);
    printf("unblocked: delivered %s\n", last_sig ? sname(last_sig) : "-");
    sigprocmask(SIG_BLOCK, NULL, &o);
    printf("mask now has SIGUSR2 %d SIGCHLD %d\n", sigismember(&o, SIGUSR2),
           sigismember(&o, SIGCHLD));
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGUSR2, SIG_DFL);
        raise(SIGUSR2);
        _exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child: signalled %d by %s\n", WIFSIGNALED(st), WIFSIGNALED(st) ? sname(WTERMSIG(st)) : "-");
    siginfo_t si;
    pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    waitid(P_PID, pid, &si, WEXITED);
    printf("waitid: signo %s code exited %d status %d\n", sname(si.si_signo),
           si.si_code == CLD_EXITED, si.si_status);

    /* sockets */
    int sv[2];
    printf("socketpair stream %d", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    int type = 0, err;
    socklen_t len = sizeof(type);
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
    printf(" SO_TYPE stream %d", type == SOCK_STREAM);
    close(sv[0]);
    close(sv[1]);
    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv);
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
    printf(" dgram %d nonblock %d cloexec %d\n", type == SOCK_DGRAM,
           !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), fcntl(sv[0], F_GETFD) & FD_CLOEXEC);
    char c;
    r = recv(sv[0], &c, 1, 0);
    printf("empty nonblocking recv: %ld %s\n", r, strerrorname_np(errno));
    close(sv[0]);
    close(sv[1]);
    int one = 1, val = 0;
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    len = sizeof(val);
    getsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &val, &len);
    printf("SO_REUSEADDR %d", val);
    setsockopt(ls, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    getsockopt(ls, SOL_SOCKET, SO_KEEPALIVE, &val, &len);
    printf(" SO_KEEPALIVE %d", val);
    int rcv = 65536;
    setsockopt(ls, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
    getsockopt(ls, SOL_SOCKET, SO_RCVBUF, &val, &len);
    printf(" SO_RCVBUF doubled %d", val == 2 * rcv);
    getsockopt(ls, SOL_SOCKET, SO_ACCEPTCONN, &val, &len);
    printf(" SO_ACCEPTCONN %d\n", val);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(ls, (struct sockaddr *)&a, sizeof(a));
    len = sizeof(a);
    getsockname(ls, (struct sockaddr *)&a, &len);
    close(ls);                    /* nobody listens on that port now */
    int cs = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    r = connect(cs, (struct sockaddr *)&a, sizeof(a));
    int e = errno;
    struct pollfd pf = { cs, POLLOUT, 0 };
    poll(&pf, 1, 2000);
    len = sizeof(err);
    getsockopt(cs, SOL_SOCKET, SO_ERROR, &err, &len);
    printf("refused connect: %ld %s, SO_ERROR %s\n", r,
           e == EINPROGRESS || e == ECONNREFUSED ? "EINPROGRESS-or-ECONNREFUSED" : strerrorname_np(e),
           strerrorname_np(err ? err : e));
    close(cs);
    r = send(-1, "x", 1, MSG_OOB);
    printf("send on a bad fd: %ld %s\n", r, strerrorname_np(errno));
    int us = socket(AF_UNIX, SOCK_DGRAM, 0);
    r = listen(us, 1);
    printf("listen on a datagram socket: %ld %s\n", r, strerrorname_np(errno));
    close(us);

    /* poll */
    int pp[2];
    pipe(pp);
    struct pollfd f[2] = { { pp[1], POLLOUT | POLLWRNORM | POLLWRBAND, 0 },
                           { pp[0], POLLIN | POLLRDNORM, 0 } };
    write(pp[1], "x", 1);
    r = poll(f, 2, 0);
    printf("poll %ld: out %d wrnorm %d wrband %d in %d rdnorm %d\n", r, !!(f[0].revents & POLLOUT),
           !!(f[0].revents & POLLWRNORM), !!(f[0].revents & POLLWRBAND),
           !!(f[1].revents & POLLIN), !!(f[1].revents & POLLRDNORM));
    struct pollfd g = { pp[1], POLLWRBAND, 0 };
    printf("poll for POLLWRBAND only: %d\n", poll(&g, 1, 0));

    /* limits */
    struct rlimit rl = { 50, 60 };
    setrlimit(RLIMIT_NOFILE, &rl);
    struct rlimit got;
    getrlimit(RLIMIT_NOFILE, &got);
    printf("RLIMIT_NOFILE %lld %lld\n", (long long)got.rlim_cur, (long long)got.rlim_max);
    rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
    getrlimit(RLIMIT_AS, &got);
    printf("RLIMIT_AS infinite %d\n", got.rlim_cur == RLIM_INFINITY);
    rl.rlim_cur = 1 << 20;
    rl.rlim_max = RLIM_INFINITY;
    setrlimit(RLIMIT_MEMLOCK, &rl);
    getrlimit(RLIMIT_MEMLOCK, &got);
    printf("RLIMIT_MEMLOCK %lld max infinite %d\n", (long long)got.rlim_cur,
           got.rlim_max == RLIM_INFINITY);
    return 0;
}
