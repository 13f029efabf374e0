/*
 * pc-boot-bench.c — the `make bench` entry of the PC boot benchmark: the
 * runner starts executables named *-bench, so this one hands over to
 * pc-boot-bench.py (the measurement, see there) with the emulator's path,
 * both compiled in by meson.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    char *argv[] = { "python3", PC_BENCH_SCRIPT, PC_BENCH_EMU, NULL };
    execvp("python3", argv);
    perror("python3");
    return 1;
}
