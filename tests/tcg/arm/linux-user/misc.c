/*
 * misc.c — the smaller system interfaces: epoll with eventfd, timerfd,
 * inotify, statfs against fstatfs, prctl names, resource limits through
 * both calls, sysinfo, times, affinity and getrandom.  Everything printed
 * is architecture-neutral; the native build is the reference.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    int ev = eventfd(0, EFD_NONBLOCK);
    struct epoll_event e = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e);
    struct epoll_event out[4];
    printf("epoll empty: %d\n", epoll_wait(ep, out, 4, 0));
    uint64_t one = 3;
    write(ev, &one, 8);
    int n = epoll_wait(ep, out, 4, 100);
    printf("epoll after eventfd write: %d data ok %d\n", n,
           n == 1 && out[0].data.u64 == 0x1122334455667788ull);
    uint64_t got = 0;
    read(ev, &got, 8);
    printf("eventfd value %llu\n", (unsigned long long)got);

    int tf = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { .it_value = { 0, 30000000 }, .it_interval = { 0, 0 } };
    timerfd_settime(tf, 0, &its, NULL);
    struct itimerspec cur;
    timerfd_gettime(tf, &cur);
    printf("timerfd armed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
    uint64_t exp = 0;
    read(tf, &exp, 8);
    printf("timerfd expirations %llu\n", (unsigned long long)exp);

    char dir[] = "/tmp/emu-lu-miscXXXXXX";
    mkdtemp(dir);
    int in = inotify_init1(IN_NONBLOCK);
    int wd = inotify_add_watch(in, dir, IN_CREATE);
    char path[64];
    snprintf(path, sizeof(path), "%s/newfile", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    char buf[512] __attribute__((aligned(8)));
    ssize_t r = read(in, buf, sizeof(buf));
    struct inotify_event *ie = (struct inotify_event *)buf;
    printf("inotify: %d create %d name %s\n", r > 0 && ie->wd == wd, (ie->mask & IN_CREATE) != 0,
           r > 0 ? ie->name : "-");
    unlink(path);
    rmdir(dir);

    struct statfs a, b;
    int fd = open("/", O_RDONLY | O_DIRECTORY);
    statfs("/", &a);
    fstatfs(fd, &b);
    printf("statfs and fstatfs agree: %d\n", a.f_type == b.f_type && a.f_bsize == b.f_bsize);

    prctl(PR_SET_NAME, "emu-misc-test");
    char name[16] = "";
    prctl(PR_GET_NAME, name);
    printf("prctl name: %s\n", name);

    struct rlimit rl, rl2;
    getrlimit(RLIMIT_NOFILE, &rl);
    prlimit(0, RLIMIT_NOFILE, NULL, &rl2);
    printf("rlimit NOFILE agrees: %d\n", rl.rlim_cur == rl2.rlim_cur);
    struct rlimit small = { 64, rl.rlim_max };
    setrlimit(RLIMIT_NOFILE, &small);
    getrlimit(RLIMIT_NOFILE, &rl2);
    printf("setrlimit NOFILE: %lu\n", (unsigned long)rl2.rlim_cur);
    setrlimit(RLIMIT_NOFILE, &rl);

    struct sysinfo si;
    sysinfo(&si);
    printf("sysinfo: uptime>0 %d ram>0 %d\n", si.uptime > 0, si.totalram > 0);
    struct tms t;
    printf("times: %d\n", times(&t) != (clock_t)-1);
    cpu_set_t cs;
    CPU_ZERO(&cs);
    int ar = sched_getaffinity(0, sizeof(cs), &cs);
    printf("affinity: %d count>0 %d\n", ar, CPU_COUNT(&cs) > 0);
    unsigned char rnd[32];
    printf("getrandom: %zd\n", getrandom(rnd, sizeof(rnd), 0));
    printf("pid==tid in main: %d\n", getpid() == gettid());
    return 0;
}
