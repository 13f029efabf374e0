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

Building the image, running it and the TAP lines are sysimage.py's.

usage: test-fpu-nm.py fpu-nm.S modes.ld emu-system-x86_64 emu-system-i386
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import sysimage  # noqa: E402

EXPECT = ["start", "osfxsr 0", "all clear", "ts", "ts mp", "clts", "em", "em ts", "em clts",
          "em off", "task switch", "osfxsr off", "done"]
CPU = ["-cpu", "max"]


def main():
    args = sysimage.start("x86fpunm-")
    if args is None:
        return 0
    src, lds, emu64, emu32, tmp = args
    image = os.path.join(tmp, "fpu-nm.bin")
    sysimage.build(src, lds, image)
    peer_image = os.path.join(tmp, "fpu-nm-qemu.bin")
    sysimage.build(src, lds, peer_image, ["-DPEER_QEMU"])
    cases = [("x86_64", [emu64], image, False), ("i386", [emu32], image, False),
             ("x86_64", ["qemu-system-x86_64", "-accel", "tcg"], peer_image, True),
             ("i386", ["qemu-system-i386", "-accel", "tcg"], peer_image, True)]
    print("1..%d" % len(cases))
    failed = False
    for n, (name, cmd, img, peer) in enumerate(cases, 1):
        log = os.path.join(tmp, "%d.con" % n)
        if peer:
            ok = sysimage.check_peer(n, "%s QEMU peer" % name, cmd, img, log, EXPECT, CPU)
        else:
            rc, got, out = sysimage.run(cmd, img, log, CPU)
            ok = sysimage.check_transcript(n, name, rc, got, out, EXPECT)
        failed = failed or not ok
    return sysimage.finish(tmp, failed)


if __name__ == "__main__":
    sys.exit(main())
