#!/usr/bin/env python3
"""check-syscall-table.py TABLE UNISTD_O32_H UNISTD_N64_H — the MIPS syscall
tables of linux-user/mips/syscall-table.c (n64 in the TARGET_MIPS_N64
branch, o32 in the #else one) against the kernel's headers as installed with
the cross libc (asm/unistd_o32.h, unistd_n64.h: __NR_x = __NR_Linux + n).
Rows are indexed by n, the number less the ABI's base (4000, 5000).  Every
row's index and name must be the header's, every kernel call must have a
row, argument kinds must use the documented letters and fit the argument
registers and stack slots (o32: a 64-bit 'L' takes an aligned register
pair, seven words at most; n64: six), and the calls glibc and busybox need
must have handlers.  Rows above the header's last number are the calls
every architecture shares (syscall-common.h) that the installed headers are
too old to list.  TAP."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from syscall_table_source import read_table  # noqa: E402

KINDS = set("iuxpsoL")
COMMON = """read write openat close fstatat64 statx munmap mprotect brk rt_sigaction
rt_sigprocmask rt_sigreturn clone execve wait4 exit exit_group futex set_tid_address
set_robust_list getpid gettid tgkill kill ioctl getdents64 pread64 pwrite64 readv writev
pipe2 dup3 uname clock_gettime getrandom prlimit64 getrlimit readlinkat faccessat unlinkat
mkdirat renameat2 utimensat socket connect sendmsg recvmsg poll ppoll pselect6 sigaltstack
rt_sigsuspend getcwd chdir umask sysinfo prctl madvise mremap set_thread_area mmap pipe
cacheflush sysmips lseek fcntl""".split()
REQUIRED = {
    "o32": COMMON + """fstat64 stat64 lstat64 mmap2 fcntl64 _llseek clock_gettime64 statfs64
fstatfs64 sigreturn waitpid fork _newselect""".split(),
    "n64": [n for n in COMMON if n != "fstatat64"] + """fstat stat lstat newfstatat statfs
fstatfs""".split(),
}


def check(abi, rows, header, tests):
    kernel = {int(n): name for name, n in
              re.findall(r"#define __NR_(\w+)\s+\(__NR_Linux \+ (\d+)\)", open(header).read())}
    last = max(kernel)
    seen = {}
    for num, name, kinds, fn in rows:
        num = int(num)
        seen[name] = fn
        ok = kernel.get(num) == name or (num > last and num >= 424)
        tests.append((ok, f"{abi}: row {num} is {name}" +
                      ("" if ok else f" (kernel: {kernel.get(num)})")))
        regs, pos = 0, 0
        for k in kinds:
            if k == "L" and abi == "o32":
                pos += pos & 1
                pos += 2
            else:
                pos += 1
        regs = pos
        ok = set(kinds) <= KINDS and regs <= (7 if abi == "o32" else 6)
        tests.append((ok, f"{abi}: {name} argument kinds '{kinds}' valid, {regs} words"))
    missing = [n for n in kernel.values() if n not in seen]
    tests.append((not missing, f"{abi}: every kernel syscall has a row" +
                  ("" if not missing else ": missing " + " ".join(missing))))
    for name in REQUIRED[abi]:
        ok = seen.get(name, "NULL") != "NULL"
        tests.append((ok, f"{abi}: {name} has a handler"))


def main():
    table, h_o32, h_n64 = sys.argv[1:4]
    text = read_table(table)
    n64, _, rest = text.partition("#ifdef TARGET_MIPS_N64")[2].partition("#else")
    o32 = rest.partition("#endif")[0]
    pat = r'\[(\d+)\] = \{ "(\w+)", "([^"]*)", (\w+) \}'
    tests = []
    for abi, part, header in (("o32", o32, h_o32), ("n64", n64, h_n64)):
        try:
            check(abi, re.findall(pat, part), header, tests)
        except OSError:
            tests.append((True, f"# SKIP missing {header} (linux-libc-dev-*-cross)"))
    print(f"1..{len(tests)}")
    for i, (ok, what) in enumerate(tests, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
    return 0 if all(ok for ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
