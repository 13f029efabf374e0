/*
 * files.c — file and descriptor syscalls: create/read/write/seek, pread,
 * stat sizes and modes, directories listed with readdir (sorted), rename,
 * links, dup2, fcntl, poll/select on a pipe, a unix socket pair passing a
 * descriptor (SCM_RIGHTS), clocks, uname and getcwd.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char dir[] = "/tmp/emu-lu-filesXXXXXX";
    mkdtemp(dir);
    chdir(dir);
    char cwd[256];
    getcwd(cwd, sizeof(cwd));
    printf("getcwd is the temp dir: %d\n", strcmp(cwd, dir) == 0);

    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0640);
    const char *text = "hello, file\n";
    write(fd, text, strlen(text));
    struct iovec iov[2] = { { "vec1 ", 5 }, { "vec2\n", 5 } };
    writev(fd, iov, 2);
    printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
    char buf[64] = { 0 };
    pread(fd, buf, 5, 7);
    printf("pread: '%s'\n", buf);
    struct stat st;
    fstat(fd, &st);
    printf("fstat: size %lld mode %o regular %d\n", (long long)st.st_size, st.st_mode & 0777,
           S_ISREG(st.st_mode));
    int fl = fcntl(fd, F_GETFL);
    printf("fcntl F_GETFL: rdwr %d\n", (fl & O_ACCMODE) == O_RDWR);
    close(fd);

    mkdir("sub", 0755);
    for (int i = 0; i < 5; i++) {
        char n[32];
        snprintf(n, sizeof(n), "sub/f%d", 4 - i);
        close(open(n, O_CREAT | O_WRONLY, 0600));
    }
    rename("sub/f0", "sub/zz");
    symlink("a.txt", "link");
    char lbuf[64] = { 0 };
    readlink("link", lbuf, sizeof(lbuf));
    printf("readlink: '%s'\n", lbuf);
    link("a.txt", "hard");
    stat("a.txt", &st);
    printf("nlink after link: %ld\n", (long)st.st_nlink);
    lstat("link", &st);
    printf("lstat is a link: %d\n", S_ISLNK(st.st_mode));

    DIR *d = opendir("sub");
    char *names[16];
    int nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 16) {
        if (de->d_name[0] != '.') {
            names[nn++] = strdup(de->d_name);
        }
    }
    closedir(d);
    qsort(names, nn, sizeof(char *), cmp);
    printf("readdir:");
    for (int i = 0; i < nn; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");

    int p[2];
    pipe(p);
    struct pollfd pf = { .fd = p[0], .events = POLLIN };
    printf("poll empty pipe: %d\n", poll(&pf, 1, 10));
    write(p[1], "z", 1);
    int pr = poll(&pf, 1, 10);
    printf("poll ready pipe: %d revents %d\n", pr, pf.revents == POLLIN);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = { 0, 10000 };
    int sr = select(p[0] + 1, &rs, NULL, NULL, &tv);
    printf("select ready pipe: %d isset %d\n", sr, FD_ISSET(p[0], &rs));
    int saved = dup(1);
    dup2(p[1], 1);
    printf("into the pipe");
    fflush(stdout);
    dup2(saved, 1);
    memset(buf, 0, sizeof(buf));
    read(p[0], buf, sizeof(buf) - 1);
    printf("dup2 redirect: '%s'\n", buf);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int passfd = open("a.txt", O_RDONLY);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof(cbuf));
    struct iovec one = { "m", 1 };
    struct msghdr mh = { .msg_iov = &one, .msg_iovlen = 1, .msg_control = cbuf,
                         .msg_controllen = sizeof(cbuf) };
    struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &passfd, sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &mh, 0));
    char r1;
    struct iovec in = { &r1, 1 };
    char rbuf[CMSG_SPACE(sizeof(int))];
    struct msghdr rh = { .msg_iov = &in, .msg_iovlen = 1, .msg_control = rbuf,
                         .msg_controllen = sizeof(rbuf) };
    printf("recvmsg: %zd\n", recvmsg(sv[1], &rh, 0));
    struct cmsghdr *rc = CMSG_FIRSTHDR(&rh);
    int got = -1;
    if (rc && rc->cmsg_type == SCM_RIGHTS) {
        memcpy(&got, CMSG_DATA(rc), sizeof(int));
    }
    memset(buf, 0, sizeof(buf));
    ssize_t rn = got >= 0 ? read(got, buf, 5) : -1;
    printf("passed descriptor reads: %zd '%.5s'\n", rn, buf);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    usleep(20000);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("monotonic clock advanced >= 20 ms: %d\n", ms >= 20);
    printf("realtime clock plausible: %d\n", time(NULL) > 1600000000);

    struct statfs sfs;
    int sr2 = statfs("/", &sfs);
    printf("statfs: %d blocks>0 %d bsize>0 %d\n", sr2, sfs.f_blocks > 0, sfs.f_bsize > 0);

    /* times with 64-bit seconds, and a size set by ftruncate */
    fd = open("t.txt", O_CREAT | O_RDWR, 0600);
    ftruncate(fd, 5000000000LL > 0 ? 123456 : 0);
    struct timespec ts[2] = { { 1000000000, 5 }, { 1234567890, 123456789 } };
    futimens(fd, ts);
    fstat(fd, &st);
    printf("ftruncate size %lld, mtime %lld.%09ld\n", (long long)st.st_size,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    /* a time before 1970: negative seconds must keep their sign in every stat layout */
    struct timespec old[2] = { { -31536000, 0 }, { -86400 * 400, 250 } };
    futimens(fd, old);
    fstat(fd, &st);
    printf("pre-1970 atime %lld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct stat st2;
    stat("t.txt", &st2);
    printf("stat agrees: %d\n", st2.st_mtim.tv_sec == st.st_mtim.tv_sec &&
           st2.st_atim.tv_sec == st.st_atim.tv_sec);
    close(fd);
    printf("access R_OK %d, X_OK %d\n", access("t.txt", R_OK), access("t.txt", X_OK));
    unlink("t.txt");

    /* a directory larger than one getdents buffer */
    mkdir("many", 0700);
    for (int i = 0; i < 300; i++) {
        char n[64];
        snprintf(n, sizeof(n), "many/entry-with-a-long-name-%03d", i);
        close(open(n, O_CREAT | O_WRONLY, 0600));
    }
    d = opendir("many");
    int count = 0;
    long sum = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] != '.') {
            count++;
            sum += atoi(de->d_name + 23);
            char n[300];
            snprintf(n, sizeof(n), "many/%s", de->d_name);
            unlink(n);
        }
    }
    closedir(d);
    rmdir("many");
    printf("readdir of 300 entries: %d, sum of numbers %ld\n", count, sum);

    struct utsname u;
    uname(&u);
    printf("uname sysname %s\n", u.sysname);

    unlink("link");
    unlink("hard");
    unlink("a.txt");
    for (int i = 1; i < 5; i++) {
        char n[32];
        snprintf(n, sizeof(n), "sub/f%d", i);
        unlink(n);
    }
    unlink("sub/zz");
    rmdir("sub");
    chdir("/");
    printf("cleanup: %d\n", rmdir(dir));
    return 0;
}
