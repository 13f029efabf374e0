#!/usr/bin/env python3
"""x86 system mode end to end: sys/modes.S, a hand-written 64 KiB BIOS image,
runs on `-M pc` and walks real mode -> protected mode -> paging -> ring 3 ->
(x86_64 only) long mode, checking each step itself and printing its name on
the debug console (port 0x402); it ends with a triple fault, which must reset
the machine (the restarted BIOS finds its flag in RAM, prints "reset"), and
leaves through isa-debug-exit (port 0x501, value 0 -> exit status 1, a failed
check writes 0x7f -> 255).

The expected transcript below is what the architecture says the program
prints; the `-d int` log is checked for the #PF's vector, error code and CR2.

Interop peer: when qemu-system-x86_64 / qemu-system-i386 are installed, the
image built with -DPEER_QEMU (without the AMD perf-counter read-back and the
CR4.PCIDE #GP outside IA-32e mode, which QEMU's TCG answers differently)
runs there too and must print the same steps, less what QEMU lacks: the
unknown-MSR #GP, and PCID/INVPCID/SMEP (its TCG has no PCID, so the image
skips them).  The call gates and task switches are checked against an
implementation nobody here wrote.

usage: test-sysmodes.py modes.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import shutil
import subprocess
import sys
import tempfile

COMMON = ["real", "ivt int", "far call", "protected", "#DE", "#PF", "paging", "rep string", "#NP", "#GP",
          "descriptors msrs", "sysexit", "sysenter", "ring 3", "#GP", "ring 0"]
# x86sys3: call gates (ring 3 -> 0 with parameters, far RET back), task switches
# (JMP to a TSS, CALL through a task gate and IRET, #DF through an IDT task gate)
SYS3 = ["call gate", "task jmp", "task call", "task #DF"]
END = ["triple fault", "reset", "done"]
EXPECT = {
    "x86_64": COMMON + SYS3 + ["long", "int3", "ist", "#GP", "user64", "call gate 64", "syscall",
                               "pcid", "invpcid", "smep"] + END,
    "i386": COMMON + SYS3 + END,
}


def build(src, lds, out, defs=()):
    cc = os.environ.get("CC", "cc")
    obj, elf = out + ".o", out + ".elf"
    subprocess.run([cc, "-m32", "-c", src, "-o", obj] + list(defs), check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-T", lds, obj, "-o", elf], check=True)
    subprocess.run(["objcopy", "-O", "binary", "-j", ".text", elf, out], check=True)
    if os.path.getsize(out) != 65536:
        raise SystemExit("image is %d bytes, expected 64 KiB" % os.path.getsize(out))


# -cpu per binary: PCID/INVPCID (x86sys3's long-mode steps) need a model with them
CPU = {"x86_64": ["-cpu", "max"], "i386": []}


def run(emu, image, tmp, name):
    log = os.path.join(tmp, name + ".con")
    intlog = os.path.join(tmp, name + ".int")
    cmd = [emu, "-M", "pc"] + CPU[name] + [
           "-bios", image, "-display", "none", "-d", "int", "-D", intlog,
           "-chardev", "file,id=d,path=" + log,
           "-device", "isa-debugcon,iobase=0x402,chardev=d",
           "-device", "isa-debug-exit,iobase=0x501,iosize=2"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    with open(log) as f:
        got = f.read().splitlines()
    with open(intlog) as f:
        ints = f.read()
    return p.returncode, got, ints, p.stdout.decode(errors="replace")


# QEMU's transcript: without the unknown-MSR #GP (the one after #NP) and PCID..SMEP
def qemu_expect(name):
    got = list(EXPECT[name])
    del got[got.index("#NP") + 1]
    return [x for x in got if x not in ("pcid", "invpcid", "smep")]


def run_qemu(qemu, image, tmp, name):
    log = os.path.join(tmp, name + ".qemu.con")
    cmd = [qemu, "-M", "pc", "-accel", "tcg"] + CPU[name] + [
           "-bios", image, "-display", "none", "-chardev", "file,id=d,path=" + log,
           "-device", "isa-debugcon,iobase=0x402,chardev=d",
           "-device", "isa-debug-exit,iobase=0x501,iosize=2"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    with open(log) as f:
        return p.returncode, f.read().splitlines(), p.stdout.decode(errors="replace")


def main():
    src, lds, emu64, emu32 = sys.argv[1:5]
    if not shutil.which("ld") or not shutil.which("objcopy"):
        print("1..0 # SKIP binutils (ld, objcopy) missing")
        return 0
    tmp = tempfile.mkdtemp(prefix="x86sys-")
    image = os.path.join(tmp, "modes.bin")
    build(src, lds, image)
    peer_image = os.path.join(tmp, "modes-qemu.bin")
    build(src, lds, peer_image, ["-DPEER_QEMU"])
    cases = [("x86_64", emu64), ("i386", emu32)]
    print("1..%d" % (4 * len(cases)))
    n = 0
    failed = False
    for name, emu in cases:
        rc, got, ints, out = run(emu, image, tmp, name)
        n += 1
        ok = rc == 1 and got == EXPECT[name]
        print("%s %d - %s transcript (exit %d)" % ("ok" if ok else "not ok", n, name, rc))
        if not ok:
            failed = True
            print("# expected %r" % EXPECT[name])
            print("# got      %r" % got)
            print("# " + out.replace("\n", "\n# "))
        n += 1
        want = "exception 0x0e err=0x2"
        ok = any(want in line and "cr2=0x400010" in line for line in ints.splitlines())
        print("%s %d - %s -d int shows the #PF with its error code and CR2" %
              ("ok" if ok else "not ok", n, name))
        if not ok:
            failed = True
            print("# " + ints[:2000].replace("\n", "\n# "))
        n += 1
        ok = "triple fault" in ints
        print("%s %d - %s -d int reports the triple fault" % ("ok" if ok else "not ok", n, name))
        failed = failed or not ok
    for name, _ in cases:
        n += 1
        qemu = shutil.which("qemu-system-" + name)
        if not qemu:
            print("ok %d - %s QEMU peer # SKIP qemu-system-%s missing" % (n, name, name))
            continue
        rc, got, out = run_qemu(qemu, peer_image, tmp, name)
        ok = rc == 1 and got == qemu_expect(name)
        print("%s %d - %s QEMU peer transcript (exit %d)" % ("ok" if ok else "not ok", n, name, rc))
        if not ok:
            failed = True
            print("# expected %r" % qemu_expect(name))
            print("# got      %r" % got)
            print("# " + out.replace("\n", "\n# "))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
