#!/usr/bin/env python3
"""pc-boot-bench.py EMU-SYSTEM-X86_64: boot-to-marker time of Debian's amd64
kernel with a busybox initramfs, on emu-system-x86_64 and on Debian's
qemu-system-x86_64 (TCG) when installed: SeaBIOS, linuxboot_dma.bin, the
kernel, /init printing a marker on the serial console.  Wall time from
start to the marker (best of the boots) and the CPU seconds of the
emulator process (user + system, median: steadier than wall time on a
shared host), and the ratios emu / qemu.  The boots alternate (emu, qemu,
emu, ...) so that a change in the host's load hits both alike; three each,
or PC_BENCH_REPS.  A
figure, not a verdict: it never fails on time (exit 1 only when a fixture
is missing).
"""

import os
import resource
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "functional", "pc"))
import pclib  # noqa: E402

MARKER = "EMU-BENCH-MARKER"
TIMEOUT = 300
REPS = int(os.environ.get("PC_BENCH_REPS", "3"))


def boot_once(cmd, serial):
    """(wall seconds, CPU seconds) of one boot to the marker, None if it failed."""
    if os.path.exists(serial):
        os.unlink(serial)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    found, _, secs = pclib.run_until(cmd, serial, [MARKER], TIMEOUT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not found:
        return None
    return secs, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def summary(runs):
    """(best wall, median CPU) of a list of boots; None if any failed."""
    if not runs or None in runs:
        return None
    cpus = sorted(c for _, c in runs)
    return min(w for w, _ in runs), cpus[len(cpus) // 2]


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit("usage: pc-boot-bench.py EMU-SYSTEM-X86_64 (an executable emulator)")
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
        qemu = shutil.which("qemu-system-x86_64")
        emu_runs, qemu_runs = [], []
        for _ in range(REPS):
            emu_runs.append(boot_once([emu, "-bios", bios, "-L", rom_dir] + common, serial))
            if qemu:
                qemu_runs.append(boot_once([qemu, "-accel", "tcg", "-bios", bios, "-L", rom_dir]
                                           + common, serial))
        t_emu, t_qemu = summary(emu_runs), summary(qemu_runs)
    print("boot to an initramfs marker (SeaBIOS + linuxboot_dma + Debian amd64 kernel), "
          f"{REPS} boots each: wall seconds (best) and CPU seconds (median):")
    if t_emu is None:
        print(f"  emu-system-x86_64          did not reach the marker in {TIMEOUT} s")
    else:
        print(f"  emu-system-x86_64          wall {t_emu[0]:6.2f}   cpu {t_emu[1]:6.2f}")
    if not qemu:
        print("  qemu-system-x86_64 (tcg)   not installed (scripts/install-deps)")
    elif t_qemu is None:
        print(f"  qemu-system-x86_64 (tcg)   did not reach the marker in {TIMEOUT} s")
    else:
        print(f"  qemu-system-x86_64 (tcg)   wall {t_qemu[0]:6.2f}   cpu {t_qemu[1]:6.2f}")
    if t_emu is not None and t_qemu:
        print(f"  ratio emu / qemu           wall {t_emu[0] / t_qemu[0]:6.2f}   "
              f"cpu {t_emu[1] / t_qemu[1]:6.2f}")

if __name__ == "__main__":
    main()
