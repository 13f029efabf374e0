#!/usr/bin/env python3
"""check-syscall-table.py TABLE UNISTD_EABI_H — the ARM syscall table against
the kernel's own header (as installed by Debian's linux-libc-dev-armhf-cross):
every row's number and name must be the header's, every argument-kind string
must use the documented letters and fit the seven argument registers (a
64-bit 'L' taking an aligned even/odd pair), and the calls glibc and busybox
need must have handlers.  TAP output."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from syscall_table_source import read_table  # noqa: E402

KINDS = set("iuxpsoL")
REQUIRED = """read write open openat close fstat64 stat64 lstat64 fstatat64 statx mmap2 munmap
mprotect brk rt_sigaction rt_sigprocmask rt_sigreturn sigreturn clone execve wait4 exit
exit_group futex futex_time64 set_tid_address set_robust_list getpid gettid tgkill kill
ioctl fcntl64 getdents64 _llseek pread64 pwrite64 readv writev pipe2 dup3 uname
clock_gettime clock_gettime64 clock_nanosleep_time64 getrandom prlimit64 ugetrlimit
readlinkat faccessat unlinkat mkdirat renameat2 utimensat_time64 socket connect
sendmsg recvmsg poll ppoll_time64 pselect6_time64 sigaltstack rt_sigsuspend vfork
getcwd chdir umask sysinfo prctl madvise mremap statfs64 fstatfs64""".split()


def main():
    table, header = sys.argv[1], sys.argv[2]
    try:
        hdr = open(header).read()
    except OSError:
        print(f"1..0 # SKIP missing {header} (linux-libc-dev-armhf-cross, scripts/install-deps)")
        return 0
    kernel = {int(n): name for name, n in
              re.findall(r"#define __NR_(\w+) \(__NR_SYSCALL_BASE \+ (\d+)\)", hdr)}
    text = read_table(table)
    main_part, _, private = text.partition("arm_private[]")
    rows = re.findall(r'\[(\d+)\] = \{ "(\w+)", "([^"]*)", (\w+) \}', main_part)
    private_rows = re.findall(r'\[(\d+)\] = \{ "(\w+)", "([^"]*)", (\w+) \}', private)
    arm_nr = {int(n): name for name, n in
              re.findall(r"#define __ARM_NR_(\w+)\s+\(__ARM_NR_BASE\+(\d+)\)",
                         open(header.replace("unistd-eabi.h", "unistd.h")).read())}
    tests = []
    seen = {}
    for num, name, kinds, fn in rows:
        num = int(num)
        seen[name] = (num, fn)
        ok = kernel.get(num) == name
        tests.append((ok, f"row {num} is {name}" + ("" if ok else f" (kernel: {kernel.get(num)})")))
        regs = 0
        for k in kinds:
            if k == "L":
                regs += regs & 1
                regs += 2
            else:
                regs += 1
        ok = set(kinds) <= KINDS and regs <= 7
        tests.append((ok, f"{name}: argument kinds '{kinds}' valid, {regs} registers"))
    for num, name, kinds, fn in private_rows:
        ok = arm_nr.get(int(num)) == name
        tests.append((ok, f"ARM-private 0xf0000+{num} is {name}"))
    missing = [n for n in kernel.values() if n not in seen]
    tests.append((not missing, "every kernel syscall has a row" +
                  ("" if not missing else ": missing " + " ".join(missing))))
    for name in REQUIRED:
        ok = name in seen and seen[name][1] != "NULL"
        tests.append((ok, f"{name} has a handler"))
    print(f"1..{len(tests)}")
    failed = 0
    for i, (ok, what) in enumerate(tests, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
