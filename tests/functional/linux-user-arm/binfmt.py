#!/usr/bin/env python3
"""binfmt.py BUILD — scripts/emu-binfmt-conf.sh --dry-run: the registration
strings are well formed, and their magic/mask pairs select real binaries:
Debian's armhf and armel busybox match emu-arm's entry, the amd64 one matches
neither, and no file matches both entries.  Registering for real needs root
and binfmt_misc, so only the strings are checked.  TAP output."""
import os
import subprocess
import sys

root = os.environ.get("EMU_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
build = sys.argv[1]


def fixture(name):
    return subprocess.run([os.path.join(root, "tests/fixtures/fixture-path"), name],
                          capture_output=True, text=True, check=True).stdout.strip()


def unescape(s):
    """binfmt_misc's notation: \\xHH escapes and literal characters."""
    out, i = bytearray(), 0
    while i < len(s):
        if s.startswith("\\x", i):
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(ord(s[i]))
            i += 1
    return bytes(out)


tests = []
out = subprocess.run([os.path.join(root, "scripts/emu-binfmt-conf.sh"), "--dry-run", "--path",
                      build, "--flags", "CF", "arm", "armeb"],
                     capture_output=True, text=True)
tests.append((out.returncode == 0, "dry run succeeds"))
entries = {}
for line in out.stdout.splitlines():
    f = line.split(":")
    ok = len(f) == 8 and f[0] == "" and f[2] == "M" and f[3] == ""
    tests.append((ok, f"entry {f[1] if len(f) > 1 else '?'} has the fields of binfmt_misc"))
    if ok:
        magic, mask = unescape(f[4]), unescape(f[5])
        tests.append((len(magic) == len(mask) == 20, f"{f[1]}: 20-byte magic and mask"))
        tests.append((f[6] == os.path.join(build, "emu-" + f[1][4:]), f"{f[1]}: interpreter path"))
        tests.append((sorted(f[7]) == sorted("CFO"), f"{f[1]}: flags C implies O ({f[7]})"))
        entries[f[1]] = (magic, mask)


def matches(path, entry):
    magic, mask = entries[entry]
    head = open(path, "rb").read(20)
    return bytes(a & b for a, b in zip(head, mask)) == magic


bad = subprocess.run([os.path.join(root, "scripts/emu-binfmt-conf.sh"), "--flags", "X", "arm"],
                     capture_output=True, text=True)
tests.append((bad.returncode != 0 and "O, C and F" in bad.stderr, "bad flags refused in one line"))
if "emu-arm" in entries and "emu-armeb" in entries:
    for arch in ("armhf", "armel"):
        p = fixture("busybox-" + arch)
        tests.append((matches(p, "emu-arm") and not matches(p, "emu-armeb"),
                      f"busybox {arch} selects emu-arm only"))
    p = fixture("busybox-amd64")
    tests.append((not matches(p, "emu-arm") and not matches(p, "emu-armeb"),
                  "busybox amd64 selects no emu entry"))
print(f"1..{len(tests)}")
for i, (ok, what) in enumerate(tests, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}")
sys.exit(0 if all(ok for ok, _ in tests) else 1)
