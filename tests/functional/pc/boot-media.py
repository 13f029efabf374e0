#!/usr/bin/env python3
"""boot-media.py EMU-SYSTEM: SeaBIOS boots from an IDE disk and from a CD.

The test builds its own media (pclib): a raw disk whose MBR, and an ISO 9660
image whose El Torito no-emulation boot image, is a 31-byte real-mode
program that prints a marker on the debug console (0x402) and writes a
value to isa-debug-exit (0x501).  The disk goes on the primary IDE master
(-hda, -boot order=c), the ISO on the secondary master as an ATAPI CD-ROM
(-cdrom, -boot order=d).  Passing means the marker appears after SeaBIOS's
own boot message and emu exits with status (value << 1) | 1, which only the
guest program can cause.  TAP output.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pclib  # noqa: E402

CASES = [
    # name, media option, boot letter, marker, exit value, SeaBIOS's line
    ("IDE disk", "-hda", "c", "EMU-BOOT-HD", 0x21, "Booting from Hard Disk..."),
    ("ATAPI CD-ROM", "-cdrom", "d", "EMU-BOOT-CD", 0x35, "Booting from DVD/CD..."),
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: boot-media.py EMU-SYSTEM")
    emu = sys.argv[1]
    tap = pclib.Tap(2 * len(CASES))
    bios = pclib.fixture(tap, "seabios-bios")
    with tempfile.TemporaryDirectory() as tmp:
        for name, opt, letter, marker, value, bios_line in CASES:
            media = os.path.join(tmp, "disk.img" if opt == "-hda" else "cd.iso")
            with open(media, "wb") as f:
                if opt == "-hda":
                    f.write(pclib.mbr_disk(marker, value))
                else:
                    f.write(pclib.iso_no_emulation(marker, value))
            log = os.path.join(tmp, f"debugcon-{letter}.txt")
            out = os.path.join(tmp, f"stdout-{letter}.txt")
            cmd = [emu, "-M", "pc", "-bios", bios, "-display", "none", "-serial", "null",
                   "-debugcon", f"file:{log}", "-device", "isa-debug-exit",
                   opt, media, "-boot", f"order={letter}"]
            status, secs = pclib.wait_exit(cmd, 60, out)
            text = pclib.read(log)
            diag = text + pclib.read(out)
            at = text.find(bios_line)
            tap.ok(at >= 0 and marker in text[at:], f"{name}: '{bios_line}' then the guest's "
                   f"'{marker}'", diag)
            tap.ok(status == (value << 1) | 1,
                   f"{name}: exit status {status}, expected {(value << 1) | 1} ({secs:.1f} s)",
                   diag)
    tap.done()


if __name__ == "__main__":
    main()
