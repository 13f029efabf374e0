#!/usr/bin/env python3
"""System mode: the #NM and #UD conditions of the legacy x87, MMX and SSE
instructions (CR0.EM, CR0.MP, CR0.TS, CR4.OSFXSR) on `-M pc -cpu max`.
sys/fpu-nm.S, a hand-written 64 KiB BIOS image, makes each probe itself
and prints the step names on the debug console (port 0x402); it leaves
through isa-debug-exit (port 0x501: 0 -> exit status 1; a failed probe
prints its number and writes 0x7f -> 255).  The transcript below is what
the manual says: every step passes.

Interop peer: when qemu-system-x86_64 / qemu-system-i386 are installed, the
image built with -DPEER_QEMU (without the few probes where QEMU 7.2 differs
from the manual, listed in fpu-nm.S) must pass there too, so the probes
themselves are checked against an independent implementation.

usage: test-fpu-nm.py fpu-nm.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import shutil
import subprocess
import sys
import tempfile

EXPECT = ["start", "osfxsr 0", "all clear", "ts", "ts mp", "clts", "em", "em ts", "em clts",
          "em off", "task switch", "osfxsr off", "done"]


def build(src, lds, out, defs=()):
    cc = os.environ.get("CC", "cc")
    obj, elf = out + ".o", out + ".elf"
    subprocess.run([cc, "-m32", *defs, "-c", src, "-o", obj], check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-T", lds, obj, "-o", elf], check=True)
    subprocess.run(["objcopy", "-O", "binary", "-j", ".text", elf, out], check=True)
    if os.path.getsize(out) != 65536:
        raise SystemExit("image is %d bytes, expected 64 KiB" % os.path.getsize(out))


def run(cmd, image, log):
    cmd = cmd + ["-M", "pc", "-cpu", "max", "-bios", image, "-display", "none",
                 "-chardev", "file,id=d,path=" + log,
                 "-device", "isa-debugcon,iobase=0x402,chardev=d",
                 "-device", "isa-debug-exit,iobase=0x501,iosize=2"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    with open(log) as f:
        got = f.read().splitlines()
    return p.returncode, got, p.stdout.decode(errors="replace")


def main():
    src, lds, emu64, emu32 = sys.argv[1:5]
    if not shutil.which("ld") or not shutil.which("objcopy"):
        print("1..0 # SKIP binutils (ld, objcopy) missing")
        return 0
    tmp = tempfile.mkdtemp(prefix="x86fpunm-")
    image = os.path.join(tmp, "fpu-nm.bin")
    build(src, lds, image)
    peer_image = os.path.join(tmp, "fpu-nm-qemu.bin")
    build(src, lds, peer_image, ["-DPEER_QEMU"])
    cases = [("x86_64", [emu64], image, False), ("i386", [emu32], image, False),
             ("x86_64", ["qemu-system-x86_64", "-accel", "tcg"], peer_image, True),
             ("i386", ["qemu-system-i386", "-accel", "tcg"], peer_image, True)]
    print("1..%d" % len(cases))
    failed = False
    for n, (name, cmd, img, peer) in enumerate(cases, 1):
        what = ("%s QEMU peer" % name) if peer else name
        if peer and not shutil.which(cmd[0]):
            print("ok %d - %s # SKIP %s missing" % (n, what, cmd[0]))
            continue
        rc, got, out = run(cmd, img, os.path.join(tmp, "%d.con" % n))
        ok = rc == 1 and got == EXPECT
        print("%s %d - %s transcript (exit %d)" % ("ok" if ok else "not ok", n, what, rc))
        if not ok:
            failed = True
            print("# expected %r" % EXPECT)
            print("# got      %r" % got)
            print("# " + out.replace("\n", "\n# "))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
