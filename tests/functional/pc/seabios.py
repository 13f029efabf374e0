#!/usr/bin/env python3
"""seabios.py EMU-SYSTEM: Debian's SeaBIOS on the pc machine without a disk.

Checks, each against a reference outside the emulator: the banner on the
debug console names the SeaBIOS version of the manifest's package; SeaBIOS
finds fw_cfg with DMA, takes the RAM size given with -m from fw_cfg's
e820 file, finds the i440FX and PIIX3 by their Intel ids (82441FX/82371SB
datasheets) and the PIIX3's IDE channels at the legacy ports, and ends with
"No bootable device."; with -nographic (fw_cfg NOGRAPHIC) it prints its
banner on COM1 as well; the standard VGA at 00:02.0 runs Debian's VGA BIOS
(found with -L), and -vga none leaves the board without one; with -smp 2
SeaBIOS wakes the application processor with INIT/SIPI and counts it
("Found 2 cpu(s) max supported 2 cpu(s)", the second number from fw_cfg's
MAX_CPUS) and still reaches the end.  TAP output.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pclib  # noqa: E402

RAM_MB = 96


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seabios.py EMU-SYSTEM")
    emu = sys.argv[1]
    tap = pclib.Tap(11)
    bios = pclib.fixture(tap, "seabios-bios")
    version = pclib.manifest_version("seabios-bios").split("-")[0]
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "debugcon.txt")
        out = os.path.join(tmp, "stdout.txt")
        cmd = [emu, "-M", "pc", "-m", str(RAM_MB), "-bios", bios, "-display", "none",
               "-debugcon", f"file:{log}", "-serial", "null"]
        found, status, secs = pclib.run_until(cmd, log, ["No bootable device."], 60, out)
        text = pclib.read(log)
        diag = text + pclib.read(out)
        tap.ok(f"SeaBIOS (version {version}" in text, f"banner names SeaBIOS {version}", diag)
        tap.ok("Found QEMU fw_cfg" in text and "QEMU fw_cfg DMA interface supported" in text,
               "fw_cfg found, with DMA", diag)
        tap.ok(f"qemu/e820: addr 0x0000000000000000 len 0x{RAM_MB << 20:016x} [RAM]" in text,
               f"e820 from fw_cfg has the {RAM_MB} MiB of -m", diag)
        tap.ok("id=8086:1237" in text and "id=8086:7000" in text,
               "PCI: i440FX 8086:1237 and PIIX3 8086:7000", diag)
        tap.ok("ATA controller 1 at 1f0/3f4" in text and "ATA controller 2 at 170/374" in text,
               "PIIX3 IDE channels at the legacy ports", diag)
        tap.ok(found, f"'No bootable device.' ({secs:.1f} s)", diag)

        serial = os.path.join(tmp, "serial.txt")
        cmd = [emu, "-M", "pc", "-bios", bios, "-nographic", "-serial", f"file:{serial}",
               "-monitor", "none"]
        found, status, secs = pclib.run_until(cmd, serial, ["No bootable device."], 60, out)
        stext = pclib.read(serial)
        tap.ok(f"SeaBIOS (version {version}" in stext, "-nographic: the banner on COM1",
               stext + pclib.read(out))
        tap.ok(found, f"-nographic: 'No bootable device.' on COM1 ({secs:.1f} s)",
               stext + pclib.read(out))

        vgabios = pclib.fixture(tap, "seabios-vgabios-stdvga")
        for extra, want, what in (
                (["-L", os.path.dirname(vgabios)],
                 ["PCI: Using 00:02.0 for primary VGA", f"Start SeaVGABIOS (version {version}"],
                 "the VGA at 00:02.0 runs Debian's VGA BIOS"),
                (["-vga", "none"], ["No VGA found"], "-vga none: no VGA")):
            log = os.path.join(tmp, "debugcon-vga.txt")
            if os.path.exists(log):
                os.unlink(log)
            cmd = [emu, "-M", "pc", "-bios", bios, "-display", "none", "-serial", "null",
                   "-debugcon", f"file:{log}"] + extra
            found, status, secs = pclib.run_until(cmd, log, want + ["No bootable device."], 60,
                                                  out)
            tap.ok(found, what, pclib.read(log) + pclib.read(out))

        log = os.path.join(tmp, "debugcon-smp.txt")
        cmd = [emu, "-M", "pc", "-smp", "2", "-bios", bios, "-display", "none",
               "-serial", "null", "-debugcon", f"file:{log}"]
        found, status, secs = pclib.run_until(
            cmd, log, ["Found 2 cpu(s) max supported 2 cpu(s)", "No bootable device."], 60, out)
        tap.ok(found, f"-smp 2: SeaBIOS starts the AP and finds 2 CPUs ({secs:.1f} s)",
               pclib.read(log) + pclib.read(out))
    tap.done()


if __name__ == "__main__":
    main()
