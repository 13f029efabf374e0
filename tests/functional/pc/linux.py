#!/usr/bin/env python3
"""linux.py EMU-SYSTEM ARCH [MODE]: Debian's kernel with a busybox initramfs.

ARCH is amd64 (linux-amd64 + busybox-amd64 on emu-system-x86_64) or i386
(linux-i386, the 686 flavour, + busybox-i386 on emu-system-i386).  The test
writes the initramfs itself (cpio newc, pclib) with an /init that mounts
/proc, prints a marker, `uname -a` and /proc/cpuinfo on the serial console,
/proc/interrupts and /sys/firmware/acpi, then `poweroff -f`.  MODE is
firmware (default: SeaBIOS + linuxboot_dma.bin, needs the linuxboot-dma
fixture) or direct (-machine pc,linux-boot=direct: the board places the
ACPI tables itself, see docs/user/pc.md) or smp (firmware with -smp 2) or
direct-smp (direct with -smp 2) or direct-mptable (direct, -smp 2 and
acpi=off: the kernel must take the CPUs and the IOAPIC from the board's MP
table; it cannot power off then, so the test stops at the end marker).
Checks, against references outside the emulator: the marker; uname names
the kernel release of the manifest's package and the machine of ARCH;
cpuinfo lists a processor; the kernel's own ACPI parsing: it logs an RSDP
in the BIOS area 0xe0000-0xfffff, every table it lists lies inside a range
its e820 log calls "ACPI data" (direct) or "ACPI data"/"reserved" (the
firmware's choice), /sys/firmware/acpi/tables exists, COM1's interrupt
goes through the IO-APIC; ACPI power-off ends emu with status 0 (for
direct-mptable instead: the kernel logs "found SMP MP-table" in the BIOS
area and COM1's interrupt goes through the IO-APIC); with -smp 2 the kernel finds the second CPU in the firmware's tables, starts it
with INIT/SIPI ("smp: Brought up 1 node, 2 CPUs") and /proc/cpuinfo lists
processor 1 too.  TAP output.
"""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pclib  # noqa: E402

MARKER = "EMU-PC-LINUX-MARKER"
MACHINE = {"amd64": "x86_64", "i386": "i686"}
INIT = f"""#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo {MARKER}-BEGIN
uname -a
cat /proc/cpuinfo
echo {MARKER}-ACPI
ls /sys/firmware/acpi
cat /proc/interrupts
echo {MARKER}-END
poweroff -f
"""


def kernel_release(name):
    # the concrete package is linux-image-<release>: its 4th manifest column
    with open(os.path.join(pclib.FIXTURES, "manifest")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == 9 and fields[0] == name:
                return fields[3][len("linux-image-"):]
    return None


def e820_ranges(text, kinds):
    """The kernel's "BIOS-e820: [mem A-B] kind" lines of the given kinds: (A, B) inclusive."""
    return [(int(a, 16), int(b, 16)) for a, b, kind in
            re.findall(r"BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] (.+)$", text, re.M)
            if kind.strip() in kinds]


def check_acpi(tap, text, body, mode, diag):
    """What the kernel says it found: the RSDP, the tables inside e820's ACPI
    ranges, /sys/firmware/acpi, the IO-APIC delivering COM1's interrupt."""
    rsdp = re.search(r"ACPI: RSDP 0x([0-9A-F]+) ", text)
    addr = int(rsdp.group(1), 16) if rsdp else -1
    tap.ok(0xe0000 <= addr <= 0xfffff - 20 and addr % 16 == 0,
           f"the kernel finds the RSDP in the BIOS area (0x{addr:x})", diag)
    kinds = ("ACPI data",) if mode == "direct" else ("ACPI data", "reserved")
    ranges = e820_ranges(text, kinds)
    tables = [(sig, int(a, 16), int(n, 16)) for sig, a, n in
              re.findall(r"ACPI: (\w{4}) 0x([0-9A-F]+) ([0-9A-F]{6})", text) if sig != "RSDP"]
    outside = [sig for sig, a, n in tables
               if not any(lo <= a and a + n - 1 <= hi for lo, hi in ranges)]
    tap.ok(len(tables) >= 5 and not outside,
           f"{len(tables)} tables, each inside an e820 {' or '.join(kinds)} range"
           f"{' (not: ' + ' '.join(outside) + ')' if outside else ''}", diag)
    acpi = body.split(f"{MARKER}-ACPI\n", 1)[-1]
    tap.ok(re.search(r"\btables\b", acpi) is not None, "/sys/firmware/acpi/tables exists", diag)
    # the serial port's IRQ 4, not the timer's: under load the kernel's timer check can
    # miss its ticks and fall back to the 8259 (the ticks are real time, the vCPU was not running)
    tap.ok(re.search(r"^\s*4:.*IO-APIC.*ttyS0", acpi, re.M) is not None,
           "/proc/interrupts: COM1 (IRQ 4) goes through the IO-APIC", diag)


def check_mptable(tap, text, body, diag):
    """acpi=off: the kernel's MP-table scan finds the floating pointer in the
    BIOS area and the IOAPIC it names delivers COM1's interrupt."""
    mp = re.search(r"found SMP MP-table at \[mem 0x([0-9a-f]+)-", text)
    addr = int(mp.group(1), 16) if mp else -1
    tap.ok(0xf0000 <= addr <= 0xfffff - 16 and addr % 16 == 0,
           f"acpi=off: the kernel finds the MP table in the BIOS area (0x{addr:x})", diag)
    acpi = body.split(f"{MARKER}-ACPI\n", 1)[-1]
    tap.ok(re.search(r"^\s*4:.*IO-APIC.*ttyS0", acpi, re.M) is not None,
           "acpi=off: COM1 (IRQ 4) goes through the IO-APIC", diag)


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in MACHINE:
        sys.exit("usage: linux.py EMU-SYSTEM amd64|i386 "
                 "[firmware|smp|direct|direct-smp|direct-mptable]")
    emu, arch = sys.argv[1], sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) == 4 else "firmware"
    # MODE: (boot path, -smp 2, ACPI)
    modes = {"firmware": ("firmware", False, True), "smp": ("firmware", True, True),
             "direct": ("direct", False, True), "direct-smp": ("direct", True, True),
             "direct-mptable": ("direct", True, False)}
    if mode not in modes:
        sys.exit(f"linux.py: MODE is one of {' '.join(modes)}")
    mode, smp, acpi = modes[mode]
    tap = pclib.Tap(4 + (5 if acpi else 2) + (2 if smp else 0))
    bios = pclib.fixture(tap, "seabios-bios")
    kernel = pclib.fixture(tap, f"linux-{arch}")
    busybox = pclib.fixture(tap, f"busybox-{arch}")
    release = kernel_release(f"linux-{arch}")
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, "initrd.cpio")
        with open(initrd, "wb") as f:
            f.write(pclib.busybox_initramfs(busybox, INIT))
        serial = os.path.join(tmp, "serial.txt")
        out = os.path.join(tmp, "stdout.txt")
        cmd = [emu, "-M", "pc", "-m", "256", "-bios", bios, "-display", "none",
               "-serial", f"file:{serial}", "-kernel", kernel, "-initrd", initrd,
               "-append", "console=ttyS0 panic=-1", "-no-reboot"]
        if smp:
            cmd += ["-smp", "2"]
        if mode == "firmware":
            cmd += ["-L", os.path.dirname(pclib.fixture(tap, "linuxboot-dma"))]
        else:
            cmd += ["-machine", "pc,linux-boot=direct"]
        if acpi:
            status, secs = pclib.wait_exit(cmd, 240, out)
        else:
            cmd[cmd.index("-append") + 1] += " acpi=off"
            found, status, secs = pclib.run_until(cmd, serial, [f"{MARKER}-END"], 240, out)
        text = pclib.read(serial).replace("\r", "")
        diag = text + pclib.read(out)
        body = text.split(f"{MARKER}-BEGIN\n", 1)
        tap.ok(len(body) == 2 and f"{MARKER}-END" in body[1],
               f"the initramfs's /init ran ({secs:.1f} s)", diag)
        body = body[1] if len(body) == 2 else ""
        uname = body.splitlines()[0] if body else ""
        tap.ok(re.match(rf"Linux \S+ {re.escape(release)} .*{MACHINE[arch]}", uname) is not None,
               f"uname -a names {release} and {MACHINE[arch]}: {uname!r}", diag)
        tap.ok(re.search(r"^processor\s*: 0$", body, re.M) is not None,
               "/proc/cpuinfo lists processor 0", diag)
        tap.ok(re.search(r"^model name\s*: \S", body, re.M) is not None,
               "/proc/cpuinfo has a model name", diag)
        if smp:
            tap.ok("smp: Brought up 1 node, 2 CPUs" in text,
                   "-smp 2: the kernel brings up 2 CPUs", diag)
            tap.ok(re.search(r"^processor\s*: 1$", body, re.M) is not None,
                   "-smp 2: /proc/cpuinfo lists processor 1", diag)
        if acpi:
            check_acpi(tap, text, body, mode, diag)
            tap.ok(status == 0, f"poweroff -f through ACPI: exit status {status}", diag)
        else:
            check_mptable(tap, text, body, diag)
    tap.done()


if __name__ == "__main__":
    main()
