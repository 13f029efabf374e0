#!/usr/bin/env python3
"""pc-boot-bench.py EMU-SYSTEM-X86_64: boot-to-marker time of Debian's amd64
kernel with a busybox initramfs, on emu-system-x86_64 and on Debian's
qemu-system-x86_64 (TCG) when installed: SeaBIOS, linuxboot_dma.bin, the
kernel, /init printing a marker on the serial console.  Wall time from
start to the marker, best of three each, and the ratio emu / qemu.  A
figure, not a verdict: it never fails on time (exit 1 only when a fixture
is missing).
"""

import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "functional", "pc"))
import pclib  # noqa: E402

MARKER = "EMU-BENCH-MARKER"
TIMEOUT = 300
REPS = 3


def boot_time(cmd, serial):
    best = None
    for _ in range(REPS):
        if os.path.exists(serial):
            os.unlink(serial)
        found, _, secs = pclib.run_until(cmd, serial, [MARKER], TIMEOUT)
        if not found:
            return None
        best = secs if best is None or secs < best else best
    return best


def main():
    emu = sys.argv[1]
    class Bail:               # what pclib.fixture calls when a fixture is missing
        @staticmethod
        def bail(why):
            sys.exit(f"pc-boot-bench: {why}")
    tap = Bail()
    bios = pclib.fixture(tap, "seabios-bios")
    rom_dir = os.path.dirname(pclib.fixture(tap, "linuxboot-dma"))
    kernel = pclib.fixture(tap, "linux-amd64")
    busybox = pclib.fixture(tap, "busybox-amd64")
    init = f"#!/bin/sh\necho {MARKER}\npoweroff -f\n"
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, "initrd.cpio")
        with open(initrd, "wb") as f:
            f.write(pclib.busybox_initramfs(busybox, init))
        serial = os.path.join(tmp, "serial.txt")
        common = ["-M", "pc", "-m", "256", "-display", "none", "-serial", f"file:{serial}",
                  "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyS0 quiet",
                  "-no-reboot"]
        t_emu = boot_time([emu, "-bios", bios, "-L", rom_dir] + common, serial)
        qemu = shutil.which("qemu-system-x86_64")
        t_qemu = boot_time([qemu, "-accel", "tcg", "-bios", bios, "-L", rom_dir] + common,
                           serial) if qemu else None
    print("boot to an initramfs marker (SeaBIOS + linuxboot_dma + Debian amd64 kernel), "
          f"wall seconds, best of {REPS}:")
    print(f"  emu-system-x86_64          {t_emu:8.2f}" if t_emu is not None
          else f"  emu-system-x86_64          did not reach the marker in {TIMEOUT} s")
    if not qemu:
        print("  qemu-system-x86_64 (tcg)   not installed (scripts/install-deps)")
    elif t_qemu is None:
        print(f"  qemu-system-x86_64 (tcg)   did not reach the marker in {TIMEOUT} s")
    else:
        print(f"  qemu-system-x86_64 (tcg)   {t_qemu:8.2f}")
    if t_emu is not None and t_qemu:
        print(f"  ratio emu / qemu           {t_emu / t_qemu:8.2f}")


if __name__ == "__main__":
    main()
