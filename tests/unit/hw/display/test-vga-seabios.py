#!/usr/bin/env python3
"""test-vga-seabios: the standard VGA under real firmware, against QEMU.

Debian's SeaBIOS (bios.bin) runs Debian's SeaVGABIOS (vgabios-stdvga.bin)
from the VGA's PCI expansion ROM; it loads its font into plane 2, sets mode
3 and prints its boot messages in text mode until "No bootable device".
Both emu-system-x86_64 and Debian's qemu-system-x86_64 (the interop peer)
are run to that point and asked for a `screendump` through the monitor;
the two screens must show the same text: the same size and the same
foreground/background mask at every pixel, except the blinking cursor's
cell.  Colours are compared as classes only (QEMU widens the DAC's 6-bit
values differently), so every pixel must map one colour of one screen to
one colour of the other consistently.

Usage: test-vga-seabios.py EMU_SYSTEM_X86_64
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))))
FIXTURE_PATH = os.path.join(SRC, "tests", "fixtures", "fixture-path")
DEADLINE = 40.0


def tap(n, ok, what, diag=""):
    print(f"{'ok' if ok else 'not ok'} {n} - {what}", flush=True)
    for line in diag.splitlines()[-20:]:
        print(f"# {line}", flush=True)
    return ok


def fixture(name):
    r = subprocess.run([FIXTURE_PATH, name], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode:
        print(f"Bail out! {r.stderr.strip()}", flush=True)
        sys.exit(1)
    return r.stdout.strip()


def screen_of(argv, debuglog, shot):
    """Run argv until the debug log says "No bootable device", screendump, quit."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    try:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if os.path.exists(debuglog):
                with open(debuglog, errors="replace") as f:
                    if "No bootable device" in f.read():
                        break
            if p.poll() is not None:
                break
            time.sleep(0.2)
        else:
            p.kill()
            return None, "no 'No bootable device' within the deadline"
        time.sleep(0.5)                   # the message reaches the screen after the log
        out, _ = p.communicate(f"screendump {shot}\nquit\n", timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        return None, "the monitor did not answer"
    if not os.path.exists(shot):
        return None, out
    return read_ppm(shot), out


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    # P6 header: magic, width, height, maxval, separated by whitespace
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError(f"{path}: not an 8-bit P6 PPM")
    w, h = int(fields[1]), int(fields[2])
    px = data[pos:pos + w * h * 3]
    return w, h, [px[i:i + 3] for i in range(0, w * h * 3, 3)]


def compared(col, row):
    """The text cells both firmware runs print the same.

    The boards differ where the firmware's configuration does: the boot
    order (rows 1 and 4 say "Floppy" or "Hard Disk") and fw_cfg's
    etc/boot-fail-wait (QEMU passes -1: no "Retrying in 60 seconds." after
    "No bootable device." on row 7).
    """
    return row not in (1, 4) and not (row == 7 and col >= 19)


def main():
    emu = sys.argv[1]
    qemu = shutil.which("qemu-system-x86_64")
    print("1..3", flush=True)
    if not qemu:
        print("Bail out! qemu-system-x86_64 (the interop peer) is not installed: "
              "scripts/install-deps", flush=True)
        sys.exit(1)
    bios = fixture("seabios-bios")
    vgabios = fixture("seabios-vgabios-stdvga")
    tmp = tempfile.mkdtemp(prefix="emu-vga-")
    failed = 0
    try:
        # the VGA BIOS is found by name in the firmware directory
        fwdir = os.path.join(tmp, "fw")
        os.mkdir(fwdir)
        shutil.copy(vgabios, os.path.join(fwdir, "vgabios-stdvga.bin"))
        runs = {}
        for who, argv in (
            ("emu", [emu, "-M", "pc", "-m", "128", "-bios", bios, "-L", fwdir,
                     "-device", "VGA", "-display", "none", "-serial", "none"]),
            ("qemu", [qemu, "-M", "pc", "-m", "128", "-accel", "tcg", "-bios", bios,
                      "-L", fwdir, "-vga", "std", "-display", "none", "-serial", "none",
                      "-nodefaults", "-device", "VGA", "-net", "none"]),
        ):
            log = os.path.join(tmp, who + ".log")
            shot = os.path.join(tmp, who + ".ppm")
            argv = argv + ["-chardev", f"file,id=dbg,path={log}",
                           "-device", "isa-debugcon,iobase=0x402,chardev=dbg",
                           "-monitor", "stdio"]
            if who == "qemu":
                argv.remove("-vga")
                argv.remove("std")
            runs[who] = screen_of(argv, log, shot)
        emu_img, emu_out = runs["emu"]
        qemu_img, qemu_out = runs["qemu"]
        if not tap(1, emu_img is not None, "emu: SeaBIOS with the VGA BIOS to "
                   "'No bootable device', screendump", emu_img is None and emu_out or ""):
            failed += 1
        if not tap(2, qemu_img is not None, "qemu: the same",
                   qemu_img is None and qemu_out or ""):
            failed += 1
        if emu_img is None or qemu_img is None:
            tap(3, False, "screens compared", "a screen is missing")
            sys.exit(1)
        diag = []
        ew, eh, epx = emu_img
        qw, qh, qpx = qemu_img
        if (ew, eh) != (qw, qh):
            diag.append(f"size: emu {ew}x{eh}, qemu {qw}x{qh}")
        else:
            # each emu colour's partner is the qemu colour it meets most often
            pairs = {}
            for a, b in zip(epx, qpx):
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
            emap = {}
            for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1]):
                emap.setdefault(a, b)
            if len(set(emap.values())) != len(emap):
                diag.append(f"two emu colours show as one qemu colour: {emap}")
            bad = [(i % ew, i // ew) for i, (a, b) in enumerate(zip(epx, qpx))
                   if emap[a] != b and compared(i % ew // 9, i // ew // 16)]
            # the cursor blinks in QEMU: allow one 9x16 cell's lower lines to differ
            cells = {(x // 9, y // 16) for x, y in bad}
            rows = {y % 16 for x, y in bad}
            if len(cells) > 1 or (rows and min(rows) < 12):
                diag.append(f"{len(bad)} pixels differ, in cells {sorted(cells)[:10]}")
            if len(emap) < 2:
                diag.append("the screen is blank")
        if not tap(3, not diag, f"emu's and qemu's text screens match ({ew}x{eh})",
                   "\n".join(diag)):
            failed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
