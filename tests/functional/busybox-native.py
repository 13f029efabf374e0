#!/usr/bin/env python3
"""busybox-native.py ARCH: run the busybox fixture of ARCH on this x86 host.

Real today without an emulator: it proves the fixture is a working program
(and gives the numbers later user-mode tests compare against).  Checks, each
against a reference that is not busybox's own earlier output:
  - the banner names the upstream version of the Debian package in the manifest;
  - its shell computes 6*7 and its sha256sum agrees with Python's hashlib;
  - its uname -m is the machine the kernel reports for that personality.
TAP output.  Exit 77 (skip) only when the host kernel cannot run that
architecture at all (i386 on a kernel without IA32 emulation); a missing
fixture fails and names scripts/fetch-fixtures.
"""

import errno
import hashlib
import os
import platform
import subprocess
import sys

SRC = os.environ.get("EMU_SOURCE_ROOT") or \
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(SRC, "tests", "fixtures")
# uname -m that a busybox of each native-runnable architecture should print:
# a 32-bit process on an x86-64 kernel sees the kernel's machine too, as
# long as nobody switched its personality (setarch i686 would).
MACHINES = {"amd64": "x86_64", "i386": "x86_64"}


def manifest_version(name):
    with open(os.path.join(FIXTURES, "manifest")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == 9 and fields[0] == name:
                return fields[4]
    sys.exit(f"Bail out! {name} not in the manifest")


def main():
    arch = sys.argv[1] if len(sys.argv) == 2 else ""
    if arch not in MACHINES:
        sys.exit("usage: busybox-native.py amd64|i386")
    if platform.machine() != "x86_64":
        print(f"1..0 # SKIP host is {platform.machine()}, not x86_64")
        sys.exit(77)
    name = f"busybox-{arch}"
    print("1..4")
    r = subprocess.run([os.path.join(FIXTURES, "fixture-path"), name],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        print(f"Bail out! {r.stderr.strip()}")
        sys.exit(1)
    bb = r.stdout.strip()

    def run(*args, stdin=None):
        return subprocess.run([bb, *args], input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=10)

    try:
        banner = run("--help").stdout.decode(errors="replace").splitlines()
    except OSError as e:
        if e.errno == errno.ENOEXEC:
            print(f"1..0 # SKIP this kernel cannot run {arch} binaries")
            sys.exit(77)
        print(f"Bail out! cannot run {bb}: {e.strerror}")
        sys.exit(1)

    failed = 0

    def check(n, ok, what, got):
        nonlocal failed
        if ok:
            print(f"ok {n} - {what}")
        else:
            failed += 1
            print(f"not ok {n} - {what}: got {got!r}")

    version = manifest_version(name)
    up = version.split(":", 1)[-1].rsplit("-", 1)[0]
    first = banner[0] if banner else ""
    check(1, first.startswith(f"BusyBox v{up} "), f"banner names v{up} (package {version})", first)

    out = run("sh", "-c", "echo $((6*7))").stdout.decode().strip()
    check(2, out == "42", "sh computes 6*7", out)

    payload = bytes(range(256)) * 1000
    out = run("sha256sum", stdin=payload).stdout.decode().split()
    want = hashlib.sha256(payload).hexdigest()
    check(3, out[:1] == [want], "sha256sum agrees with hashlib", out[:1])

    out = run("uname", "-m").stdout.decode().strip()
    check(4, out == MACHINES[arch], f"uname -m is {MACHINES[arch]}", out)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
