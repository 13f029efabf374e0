#!/usr/bin/env python3
"""System mode: the #UD and #NM conditions of VEX-encoded AVX, XSAVE/XRSTOR
and XGETBV (CR4.OSXSAVE, XCR0[2:1], CR0.TS) on `-M pc -cpu max`.
sys/xsave-ud.S, a hand-written 64 KiB BIOS image, makes each probe itself
and prints the step names on the debug console (port 0x402); it leaves
through isa-debug-exit (port 0x501: 0 -> exit status 1; a failed probe
prints its number and writes 0x7f -> 255).  The transcript below is what
the manual says: every step passes.

Building the image, running it and the TAP lines are sysimage.py's.

usage: test-xsave-ud.py xsave-ud.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import sysimage  # noqa: E402

EXPECT = ["start", "osxsave off", "xcr0 x87", "xcr0 sse", "xcr0 avx", "cr0.ts", "lmsw ts",
          "osxsave cleared", "done"]


def main():
    args = sysimage.start("x86xsave-")
    if args is None:
        return 0
    src, lds, emu64, emu32, tmp = args
    image = os.path.join(tmp, "xsave-ud.bin")
    sysimage.build(src, lds, image)
    cases = [("x86_64", emu64), ("i386", emu32)]
    print("1..%d" % len(cases))
    failed = False
    for n, (name, emu) in enumerate(cases, 1):
        rc, got, out = sysimage.run([emu], image, os.path.join(tmp, name + ".con"),
                                    ["-cpu", "max"])
        failed = not sysimage.check_transcript(n, name, rc, got, out, EXPECT) or failed
    return sysimage.finish(tmp, failed)


if __name__ == "__main__":
    sys.exit(main())
