#!/usr/bin/env python3
"""System mode: the #UD and #NM conditions of VEX-encoded AVX, XSAVE/XRSTOR
and XGETBV (CR4.OSXSAVE, XCR0[2:1], CR0.TS) on `-M pc -cpu max`.
sys/xsave-ud.S, a hand-written 64 KiB BIOS image, makes each probe itself
and prints the step names on the debug console (port 0x402); it leaves
through isa-debug-exit (port 0x501: 0 -> exit status 1; a failed probe
prints its number and writes 0x7f -> 255).  The transcript below is what
the manual says: every step passes.

usage: test-xsave-ud.py xsave-ud.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import shutil
import subprocess
import sys
import tempfile

EXPECT = ["start", "osxsave off", "xcr0 x87", "xcr0 sse", "xcr0 avx", "cr0.ts", "lmsw ts",
          "osxsave cleared", "done"]


def build(src, lds, out):
    cc = os.environ.get("CC", "cc")
    obj, elf = out + ".o", out + ".elf"
    subprocess.run([cc, "-m32", "-c", src, "-o", obj], check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-T", lds, obj, "-o", elf], check=True)
    subprocess.run(["objcopy", "-O", "binary", "-j", ".text", elf, out], check=True)
    if os.path.getsize(out) != 65536:
        raise SystemExit("image is %d bytes, expected 64 KiB" % os.path.getsize(out))


def run(emu, image, tmp, name):
    log = os.path.join(tmp, name + ".con")
    cmd = [emu, "-M", "pc", "-cpu", "max", "-bios", image, "-display", "none",
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
    tmp = tempfile.mkdtemp(prefix="x86xsave-")
    image = os.path.join(tmp, "xsave-ud.bin")
    build(src, lds, image)
    cases = [("x86_64", emu64), ("i386", emu32)]
    print("1..%d" % len(cases))
    failed = False
    for n, (name, emu) in enumerate(cases, 1):
        rc, got, out = run(emu, image, tmp, name)
        ok = rc == 1 and got == EXPECT
        print("%s %d - %s transcript (exit %d)" % ("ok" if ok else "not ok", n, name, rc))
        if not ok:
            failed = True
            print("# expected %r" % EXPECT)
            print("# got      %r" % got)
            print("# " + out.replace("\n", "\n# "))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
