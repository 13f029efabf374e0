#!/usr/bin/env python3
"""check-syscall-table.py TABLE UNISTD_32_H UNISTD_64_H — the x86 syscall
tables of linux-user/i386/syscall-table.c (i386 in the #else branch, x86-64
in the TARGET_X86_64 one) against the kernel's headers as installed on the
host (asm/unistd_32.h and unistd_64.h): every row's number and name must be
the header's, every kernel call must have a row, argument kinds must use the
documented letters and fit the six argument registers (on i386 a 64-bit 'L'
takes two), and the calls glibc and busybox need must have handlers.  TAP."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from syscall_table_source import read_table  # noqa: E402

KINDS = set("iuxpsoL")
REQUIRED = {
    "32": """read write open openat close fstat64 stat64 lstat64 fstatat64 statx mmap2 munmap
mprotect brk rt_sigaction rt_sigprocmask rt_sigreturn sigreturn clone execve wait4 waitpid
exit exit_group futex set_tid_address set_robust_list getpid gettid tgkill kill ioctl
fcntl64 getdents64 _llseek pread64 pwrite64 readv writev pipe2 dup3 uname clock_gettime
clock_gettime64 getrandom prlimit64 ugetrlimit readlinkat faccessat unlinkat mkdirat
renameat2 utimensat socketcall socket connect sendmsg recvmsg poll ppoll pselect6
sigaltstack rt_sigsuspend vfork getcwd chdir umask sysinfo prctl madvise mremap statfs64
fstatfs64 set_thread_area get_thread_area mmap time""".split(),
    "64": """read write open openat close fstat stat lstat newfstatat statx mmap munmap
mprotect brk rt_sigaction rt_sigprocmask rt_sigreturn clone execve wait4 exit exit_group
futex set_tid_address set_robust_list getpid gettid tgkill kill ioctl fcntl getdents64
lseek pread64 pwrite64 readv writev pipe2 dup3 uname clock_gettime getrandom prlimit64
getrlimit readlinkat faccessat unlinkat mkdirat renameat2 utimensat socket connect sendmsg
recvmsg poll ppoll pselect6 select sigaltstack rt_sigsuspend vfork getcwd chdir umask
sysinfo prctl madvise mremap statfs fstatfs arch_prctl sendfile""".split(),
}


def check(abi, rows, header, tests):
    kernel = {int(n): name for name, n in
              re.findall(r"#define __NR_(\w+) (\d+)", open(header).read())}
    seen = {}
    for num, name, kinds, fn in rows:
        num = int(num)
        seen[name] = fn
        ok = kernel.get(num) == name
        tests.append((ok, f"{abi}: row {num} is {name}" +
                      ("" if ok else f" (kernel: {kernel.get(num)})")))
        regs = sum(2 if k == "L" and abi == "32" else 1 for k in kinds)
        ok = set(kinds) <= KINDS and regs <= 6
        tests.append((ok, f"{abi}: {name} argument kinds '{kinds}' valid, {regs} registers"))
    missing = [n for n in kernel.values() if n not in seen]
    tests.append((not missing, f"{abi}: every kernel syscall has a row" +
                  ("" if not missing else ": missing " + " ".join(missing))))
    for name in REQUIRED[abi]:
        ok = seen.get(name, "NULL") != "NULL"
        tests.append((ok, f"{abi}: {name} has a handler"))


def main():
    table, h32, h64 = sys.argv[1:4]
    text = read_table(table)
    x64, _, rest = text.partition("#ifdef TARGET_X86_64")[2].partition("#else")
    i386 = rest.partition("#endif")[0]
    pat = r'\[(\d+)\] = \{ "(\w+)", "([^"]*)", (\w+) \}'
    tests = []
    for abi, part, header in (("32", i386, h32), ("64", x64, h64)):
        try:
            check(abi, re.findall(pat, part), header, tests)
        except OSError:
            tests.append((True, f"# SKIP missing {header} (linux-libc-dev)"))
    print(f"1..{len(tests)}")
    for i, (ok, what) in enumerate(tests, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
    return 0 if all(ok for ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
