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

Building the image, running it and the TAP lines are sysimage.py's.

usage: test-sysmodes.py modes.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import sysimage  # noqa: E402

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


# -cpu per binary: PCID/INVPCID (x86sys3's long-mode steps) need a model with them
CPU = {"x86_64": ["-cpu", "max"], "i386": []}


# QEMU's transcript: without the unknown-MSR #GP (the one after #NP) and PCID..SMEP
def qemu_expect(name):
    got = list(EXPECT[name])
    del got[got.index("#NP") + 1]
    return [x for x in got if x not in ("pcid", "invpcid", "smep")]


def main():
    args = sysimage.start("x86sys-")
    if args is None:
        return 0
    src, lds, emu64, emu32, tmp = args
    image = os.path.join(tmp, "modes.bin")
    sysimage.build(src, lds, image)
    peer_image = os.path.join(tmp, "modes-qemu.bin")
    sysimage.build(src, lds, peer_image, ["-DPEER_QEMU"])
    cases = [("x86_64", emu64), ("i386", emu32)]
    print("1..%d" % (4 * len(cases)))
    n = 0
    failed = False
    for name, emu in cases:
        intlog = os.path.join(tmp, name + ".int")
        rc, got, out = sysimage.run([emu], image, os.path.join(tmp, name + ".con"),
                                    CPU[name] + ["-d", "int", "-D", intlog])
        with open(intlog) as f:
            ints = f.read()
        n += 1
        failed = not sysimage.check_transcript(n, name, rc, got, out, EXPECT[name]) or failed
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
        ok = sysimage.check_peer(n, "%s QEMU peer" % name, ["qemu-system-" + name, "-accel", "tcg"],
                                 peer_image, os.path.join(tmp, name + ".qemu.con"),
                                 qemu_expect(name), CPU[name])
        failed = failed or not ok
    return sysimage.finish(tmp, failed)


if __name__ == "__main__":
    sys.exit(main())
