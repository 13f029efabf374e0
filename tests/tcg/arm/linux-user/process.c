/*
 * process.c — fork, exec, wait and pipes: exit statuses, death by signal,
 * a pipe between parent and child, vfork+exec of this same program (which
 * re-enters linux-user through execve), and getppid in the child.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("exec'd child: argc %d arg2 %s\n", argc, argc > 2 ? argv[2] : "-");
        return 7;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    pid_t me = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        _exit(getppid() == me ? 3 : 4);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("fork: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));

    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("killed child: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    int p[2];
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        const char *msg = "through the pipe";
        write(p[1], msg, strlen(msg));
        _exit(0);
    }
    close(p[1]);
    char buf[64] = { 0 };
    ssize_t n, total = 0;
    while ((n = read(p[0], buf + total, sizeof(buf) - 1 - total)) > 0) {
        total += n;
    }
    waitpid(pid, &st, 0);
    printf("pipe: '%s'\n", buf);

    pid = vfork();
    if (pid == 0) {
        execl("/proc/self/exe", "process", "child", "two", (char *)NULL);
        _exit(99);
    }
    waitpid(pid, &st, 0);
    printf("vfork+exec: status %d\n", WEXITSTATUS(st));

    pid = fork();
    if (pid == 0) {
        execl("/nonexistent/program", "x", (char *)NULL);
        _exit(98);
    }
    waitpid(pid, &st, 0);
    printf("exec of a missing file: status %d\n", WEXITSTATUS(st));

    printf("wait with no children: %d\n", waitpid(-1, &st, WNOHANG));
    return 0;
}
