#!/usr/bin/env python3
"""pty-stty.py EMU ARCH — Debian's busybox for ARCH under EMU on a pseudo-terminal:
`stty -a` and a raw/-echo/sane round trip read and set the terminal through
TCGETS/TCSETS (MIPS: its own ioctl numbers, c_cc order and c_lflag bits),
`tty -s` asks isatty; the output must be what the amd64 busybox prints
natively on a fresh pty.  TAP."""
import os
import pty
import subprocess
import sys

ROOT = os.environ.get("EMU_SOURCE_ROOT") or \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")


def fixture(name):
    r = subprocess.run([os.path.join(ROOT, "tests", "fixtures", "fixture-path"), name],
                       capture_output=True, text=True)
    if r.returncode:
        print(f"1..0 # SKIP {r.stderr.strip()}")
        sys.exit(0)
    return r.stdout.strip()


def on_pty(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    out = b""
    while True:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    os.waitpid(pid, 0)
    return out.decode(errors="replace")


def main():
    emu, arch = sys.argv[1], sys.argv[2]
    guest, native = fixture("busybox-" + arch), fixture("busybox-amd64")
    cases = [["stty", "-a"],
             ["sh", "-c", "stty raw -echo; stty -a; stty sane; stty -a; tty -s && echo is-a-tty"]]
    print(f"1..{len(cases)}")
    ok = True
    for i, args in enumerate(cases, 1):
        want, got = on_pty([native] + args), on_pty([emu, guest] + args)
        same = want == got
        ok &= same
        print(f"{'ok' if same else 'not ok'} {i} - {' '.join(args)[:60]}")
        if not same:
            for line in (want + "\n---\n" + got).splitlines()[:30]:
                print("# " + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
