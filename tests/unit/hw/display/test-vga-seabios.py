#!/usr/bin/env python3
"""test-vga-seabios: the standard VGA under real firmware, against QEMU.

Debian's SeaBIOS (bios.bin) runs Debian's SeaVGABIOS (vgabios-stdvga.bin)
from the PCI expansion ROM of the board's VGA (`-vga std`); it loads its font into plane 2, sets mode
3 and prints its boot messages in text mode until "No bootable device".
Both emu-system-x86_64 and Debian's qemu-system-x86_64 (the interop peer)
are run to that point and asked for a `screendump` through the monitor;
the two screens must show the same text: the same size and the same
foreground/background mask at every pixel, except the blinking cursor's
cell.  Colours are compared as classes only (QEMU widens the DAC's 6-bit
values differently), so every pixel must map one colour of one screen to
one colour of the other consistently.

Second scene: a boot sector (hand-assembled below) asks the VGA BIOS for
VBE mode 0x112 (640x480, 24 bpp) with INT 10h AX=4F02h, fills the first
64 KiB bank through the 0xa0000 window with the byte pattern
p(o) = (o & 0xff) ^ (o >> 8) and says "VBE!" on port 0x402.  emu's screen
must show exactly those pixels (B, G, R bytes, 1920 bytes a line, black
below) and be identical to QEMU's.

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


def screen_of(argv, debuglog, shot, marker):
    """Run argv until the debug log shows marker, screendump, quit."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    try:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if os.path.exists(debuglog):
                with open(debuglog, errors="replace") as f:
                    if marker in f.read():
                        break
            if p.poll() is not None:
                break
            time.sleep(0.2)
        else:
            p.kill()
            return None, f"no {marker!r} on port 0x402 within the deadline"
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


# Real-mode boot sector: VBE mode 0x112, fill bank 0 with p(o), "VBE!" on 0x402, halt.
BOOT_CODE = bytes([
    0xfa,                    # cli
    0x31, 0xc0,              # xor ax, ax
    0x8e, 0xd8,              # mov ds, ax
    0x8e, 0xd0,              # mov ss, ax
    0xbc, 0x00, 0x7c,        # mov sp, 0x7c00
    0xfb,                    # sti
    0xb8, 0x02, 0x4f,        # mov ax, 0x4f02      VBE: set mode
    0xbb, 0x12, 0x01,        # mov bx, 0x0112      640x480x24, banked, cleared
    0xcd, 0x10,              # int 0x10
    0x3d, 0x4f, 0x00,        # cmp ax, 0x004f      supported and done?
    0x75, 0x20,              # jne halt
    0xb8, 0x00, 0xa0,        # mov ax, 0xa000
    0x8e, 0xc0,              # mov es, ax
    0x31, 0xff,              # xor di, di
    0x31, 0xc9,              # xor cx, cx          65536 iterations
    0xfc,                    # cld
    0x89, 0xf8,              # L: mov ax, di
    0x30, 0xe0,              # xor al, ah
    0xaa,                    # stosb
    0xe2, 0xf9,              # loop L
    0xba, 0x02, 0x04,        # mov dx, 0x402
    0xb0, 0x56, 0xee,        # mov al, 'V'; out dx, al
    0xb0, 0x42, 0xee,        # 'B'
    0xb0, 0x45, 0xee,        # 'E'
    0xb0, 0x21, 0xee,        # '!'
    0xf4,                    # halt: hlt
    0xeb, 0xfd,              # jmp halt
])


def boot_disk(path):
    sector = BOOT_CODE + bytes(510 - len(BOOT_CODE)) + b"\x55\xaa"
    with open(path, "wb") as f:
        f.write(sector + bytes(1024 * 1024 - 512))


def vbe_expected(x, y):
    """The pixel the boot sector's pattern gives at (x, y) in 640x480x24."""
    o = y * 1920 + x * 3
    if o + 2 >= 0x10000:
        return b"\0\0\0"
    p = [(i & 0xff) ^ (i >> 8) for i in (o, o + 1, o + 2)]
    return bytes([p[2], p[1], p[0]])


def compared(col, row):
    """The text cells both firmware runs print the same.

    The boards differ where the firmware's configuration does: the boot
    order (rows 1 and 4 say "Floppy" or "Hard Disk") and fw_cfg's
    etc/boot-fail-wait (QEMU passes -1: no "Retrying in 60 seconds." after
    "No bootable device." on row 7).
    """
    return row not in (1, 4) and not (row == 7 and col >= 19)


def run_both(emu, qemu, bios, fwdir, tmp, scene, marker, extra):
    """emu's and qemu's screens ((w, h, pixels) or None, output) after marker."""
    runs = {}
    for who, argv in (
        ("emu", [emu, "-M", "pc", "-m", "128", "-bios", bios, "-L", fwdir,
                 "-vga", "std", "-display", "none", "-serial", "none"]),
        ("qemu", [qemu, "-M", "pc", "-m", "128", "-accel", "tcg", "-bios", bios,
                  "-L", fwdir, "-display", "none", "-serial", "none",
                  "-nodefaults", "-vga", "std", "-net", "none"]),
    ):
        log = os.path.join(tmp, f"{who}-{scene}.log")
        shot = os.path.join(tmp, f"{who}-{scene}.ppm")
        argv = argv + extra + ["-chardev", f"file,id=dbg,path={log}",
                               "-device", "isa-debugcon,iobase=0x402,chardev=dbg",
                               "-monitor", "stdio"]
        runs[who] = screen_of(argv, log, shot, marker)
    return runs["emu"], runs["qemu"]


def class_diff(emu_img, qemu_img):
    """Differences between two text screens, colours compared as classes."""
    ew, eh, epx = emu_img
    qw, qh, qpx = qemu_img
    if (ew, eh) != (qw, qh):
        return [f"size: emu {ew}x{eh}, qemu {qw}x{qh}"]
    diag = []
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
    return diag


def main():
    emu = sys.argv[1]
    qemu = shutil.which("qemu-system-x86_64")
    print("1..7", flush=True)
    if not qemu:
        print("Bail out! qemu-system-x86_64 (the interop peer) is not installed: "
              "scripts/install-deps", flush=True)
        sys.exit(1)
    bios = fixture("seabios-bios")
    vgabios = fixture("seabios-vgabios-stdvga")
    tmp = tempfile.mkdtemp(prefix="emu-vga-")
    failed = 0
    n = 0

    def check(ok, what, diag=""):
        nonlocal failed, n
        n += 1
        if not tap(n, ok, what, diag):
            failed += 1
        return ok

    try:
        # the VGA BIOS is found by name in the firmware directory
        fwdir = os.path.join(tmp, "fw")
        os.mkdir(fwdir)
        shutil.copy(vgabios, os.path.join(fwdir, "vgabios-stdvga.bin"))

        # scene 1: SeaBIOS's text screen
        (emu_img, emu_out), (qemu_img, qemu_out) = run_both(
            emu, qemu, bios, fwdir, tmp, "text", "No bootable device", [])
        check(emu_img is not None, "emu: SeaBIOS with the VGA BIOS to "
              "'No bootable device', screendump", emu_img is None and emu_out or "")
        check(qemu_img is not None, "qemu: the same", qemu_img is None and qemu_out or "")
        diag = class_diff(emu_img, qemu_img) if emu_img and qemu_img else ["a screen is missing"]
        check(not diag, "emu's and qemu's text screens match", "\n".join(diag))

        # scene 2: VBE mode 0x112 set through the VGA BIOS by a boot sector
        disk = os.path.join(tmp, "vbe.img")
        boot_disk(disk)
        (emu_img, emu_out), (qemu_img, qemu_out) = run_both(
            emu, qemu, bios, fwdir, tmp, "vbe", "VBE!",
            ["-drive", f"file={disk},format=raw,if=ide,index=0"])
        check(emu_img is not None, "emu: a boot sector sets VBE mode 0x112 and fills "
              "bank 0", emu_img is None and emu_out or "")
        check(qemu_img is not None, "qemu: the same", qemu_img is None and qemu_out or "")
        diag = []
        if emu_img:
            w, h, px = emu_img
            if (w, h) != (640, 480):
                diag.append(f"size {w}x{h}")
            else:
                bad = [(i % w, i // w) for i, p in enumerate(px)
                       if p != vbe_expected(i % w, i // w)]
                if bad:
                    x, y = bad[0]
                    diag.append(f"{len(bad)} pixels differ from the pattern, first at "
                                f"{x},{y}: {px[y * w + x].hex()} instead of "
                                f"{vbe_expected(x, y).hex()}")
        check(emu_img is not None and not diag, "emu's screen is the pattern",
              "\n".join(diag))
        same = emu_img is not None and qemu_img is not None and emu_img == qemu_img
        check(same, "emu's and qemu's VBE screens are identical")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
