#!/usr/bin/env python3
"""fixture-formats.py GROUP: check that each fixture of GROUP is what we think it is.

The SHA-256 check (scripts/fetch-fixtures --verify) proves a file is the one
recorded in the manifest; this test proves the manifest points at the right
thing, with facts taken from the formats' specifications rather than from the
files: the ELF class, byte order and machine of each binary (System V ABI and
its processor supplements), the x86 boot protocol header of the x86 kernels
(Linux Documentation/arch/x86/boot.rst), the ARM zImage magic, the flattened
device tree header and root "compatible" of each dtb (Devicetree
Specification, the boards' kernel sources), the PCI option-ROM header of the
VGA BIOS (PCI Firmware Specification), the x86 reset vector of PC firmware,
and the upstream version that Debian's package version names, found again
inside the binary.

Every fixture in the manifest must have a row in CHECKS: a new fixture
without one fails here until someone states what it should be.

Output is TAP; a missing fixture is "not ok" with the command that fetches it.
"""

import os
import re
import struct
import subprocess
import sys

SRC = os.environ.get("EMU_SOURCE_ROOT") or \
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(SRC, "tests", "fixtures")

# ELF e_machine values (System V ABI, gABI "Machine" table).
EM_SPARC, EM_386, EM_MIPS, EM_PPC, EM_ARM, EM_SPARCV9, EM_X86_64 = 2, 3, 8, 20, 40, 43, 62
# ARM EABI e_flags: which float calling convention the binary uses.
EF_ARM_ABI_FLOAT_SOFT, EF_ARM_ABI_FLOAT_HARD = 0x200, 0x400
PT_INTERP = 3

# What each fixture is.  Kinds: elf (class, endianness, machine, extra),
# bzimage (64-bit capable?), zimage, dtb (root compatible), pcbios,
# optionrom (PCI vendor, device; None: no PCI data structure), arm-raw.  "version" names where the
# upstream version from the manifest must appear inside the file.
BUSYBOX = {"version": "busybox"}
UBOOT = {"version": "u-boot"}
CHECKS = {
    "seabios-bios":           ("pcbios", {"version": "seabios"}),
    "seabios-vgabios-stdvga": ("optionrom", {"pci": (0x1234, 0x1111)}),
    "openbios-sparc32":       ("elf", {"cls": 32, "end": "big", "machine": EM_SPARC}),
    "openbios-sparc64":       ("elf", {"cls": 64, "end": "big", "machine": EM_SPARCV9}),
    "openbios-ppc":           ("elf", {"cls": 32, "end": "big", "machine": EM_PPC}),
    "linuxboot-dma":          ("optionrom", {"pci": None}),
    "u-boot-qemu_arm":        ("arm-raw", UBOOT),
    "u-boot-qemu-x86":        ("pcbios", UBOOT),
    "u-boot-qemu-x86_64":     ("pcbios", UBOOT),
    "u-boot-maltael":         ("raw", UBOOT),
    "u-boot-malta64el":       ("raw", UBOOT),
    "busybox-amd64":    ("elf", dict(BUSYBOX, cls=64, end="little", machine=EM_X86_64, static=True)),
    "busybox-i386":     ("elf", dict(BUSYBOX, cls=32, end="little", machine=EM_386, static=True)),
    "busybox-armhf":    ("elf", dict(BUSYBOX, cls=32, end="little", machine=EM_ARM, static=True,
                                     flags=EF_ARM_ABI_FLOAT_HARD)),
    "busybox-armel":    ("elf", dict(BUSYBOX, cls=32, end="little", machine=EM_ARM, static=True,
                                     flags=EF_ARM_ABI_FLOAT_SOFT)),
    "busybox-mipsel":   ("elf", dict(BUSYBOX, cls=32, end="little", machine=EM_MIPS, static=True)),
    "busybox-mips64el": ("elf", dict(BUSYBOX, cls=64, end="little", machine=EM_MIPS, static=True)),
    # a dynamically linked armhf program and the libraries it needs (linux-user -L)
    "sysroot-armhf-xz":      ("elf", {"cls": 32, "end": "little", "machine": EM_ARM,
                                      "flags": EF_ARM_ABI_FLOAT_HARD}),
    "sysroot-armhf-liblzma": ("elf", {"cls": 32, "end": "little", "machine": EM_ARM,
                                      "flags": EF_ARM_ABI_FLOAT_HARD}),
    "sysroot-armhf-libc":    ("elf", {"cls": 32, "end": "little", "machine": EM_ARM,
                                      "flags": EF_ARM_ABI_FLOAT_HARD}),
    "sysroot-armhf-ld":      ("elf", {"cls": 32, "end": "little", "machine": EM_ARM,
                                      "flags": EF_ARM_ABI_FLOAT_HARD}),
    # the same for mipsel (o32) and mips64el (n64); legacy NaN: no e_flags requirement stated
    "sysroot-mipsel-xz":      ("elf", {"cls": 32, "end": "little", "machine": EM_MIPS}),
    "sysroot-mipsel-liblzma": ("elf", {"cls": 32, "end": "little", "machine": EM_MIPS}),
    "sysroot-mipsel-libc":    ("elf", {"cls": 32, "end": "little", "machine": EM_MIPS}),
    "sysroot-mipsel-ld":      ("elf", {"cls": 32, "end": "little", "machine": EM_MIPS}),
    "sysroot-mips64el-xz":      ("elf", {"cls": 64, "end": "little", "machine": EM_MIPS}),
    "sysroot-mips64el-liblzma": ("elf", {"cls": 64, "end": "little", "machine": EM_MIPS}),
    "sysroot-mips64el-libc":    ("elf", {"cls": 64, "end": "little", "machine": EM_MIPS}),
    "sysroot-mips64el-ld":      ("elf", {"cls": 64, "end": "little", "machine": EM_MIPS}),
    "linux-amd64":      ("bzimage", {"kernel64": True}),
    "linux-i386":       ("bzimage", {"kernel64": False}),
    "linux-armhf":      ("zimage", {}),
    # The Malta kernel is an ELF that the board's loader enters in KSEG0.
    "linux-mipsel":     ("elf", {"cls": 32, "end": "little", "machine": EM_MIPS, "kseg0": True}),
    "linux-armhf-dtb-vexpress-v2p-ca9":      ("dtb", {"compatible": "arm,vexpress,v2p-ca9"}),
    "linux-armhf-dtb-vexpress-v2p-ca15-tc1": ("dtb", {"compatible": "arm,vexpress,v2p-ca15,tc1"}),
    "linux-armhf-dtb-vexpress-v2p-ca15_a7":  ("dtb", {"compatible": "arm,vexpress,v2p-ca15_a7"}),
    "linux-armhf-dtb-imx6q-sabrelite":       ("dtb", {"compatible": "fsl,imx6q-sabrelite"}),
    "linux-armhf-dtb-sun4i-a10-cubieboard":  ("dtb", {"compatible": "cubietech,a10-cubieboard"}),
    "linux-armhf-dtb-sun8i-h3-orangepi-pc":  ("dtb", {"compatible": "xunlong,orangepi-pc"}),
    "linux-armhf-dtb-highbank":              ("dtb", {"compatible": "calxeda,highbank"}),
    "linux-armhf-dtb-ecx-2000":              ("dtb", {"compatible": "calxeda,ecx-2000"}),
}


class Bad(Exception):
    pass


def need(cond, why):
    if not cond:
        raise Bad(why)


def upstream(version):
    """Debian version -> upstream: drop the epoch, the revision and +dfsg."""
    v = version.split(":", 1)[-1].rsplit("-", 1)[0]
    return re.split(r"[+~]", v)[0]


def check_version(data, e, opts):
    what = opts.get("version")
    if not what:
        return
    up = upstream(e["version"]).encode()
    banners = {"busybox": b"BusyBox v" + up, "u-boot": b"U-Boot " + up, "seabios": up}
    need(banners[what] in data, f"no '{banners[what].decode()}' inside (package {e['version']})")


def check_elf(data, e, o):
    need(data[:4] == b"\x7fELF", "not an ELF file")
    cls = {1: 32, 2: 64}.get(data[4])
    end = {1: "little", 2: "big"}.get(data[5])
    need(cls == o["cls"], f"ELF class {cls}, expected {o['cls']}")
    need(end == o["end"], f"ELF byte order {end}, expected {o['end']}")
    bo = "<" if end == "little" else ">"
    machine, = struct.unpack_from(bo + "H", data, 18)
    need(machine == o["machine"], f"e_machine {machine}, expected {o['machine']}")
    if cls == 32:
        entry, phoff = struct.unpack_from(bo + "II", data, 24)
        flags, = struct.unpack_from(bo + "I", data, 36)
        phentsize, phnum = struct.unpack_from(bo + "HH", data, 42)
    else:
        entry, phoff = struct.unpack_from(bo + "QQ", data, 24)
        flags, = struct.unpack_from(bo + "I", data, 48)
        phentsize, phnum = struct.unpack_from(bo + "HH", data, 54)
    if "flags" in o:
        fl = flags & (EF_ARM_ABI_FLOAT_SOFT | EF_ARM_ABI_FLOAT_HARD)
        need(fl == o["flags"], f"e_flags float ABI {fl:#x}, expected {o['flags']:#x}")
    if o.get("static"):
        types = [struct.unpack_from(bo + "I", data, phoff + i * phentsize)[0] for i in range(phnum)]
        need(phnum > 0 and PT_INTERP not in types, "not statically linked (has PT_INTERP)")
    if o.get("kseg0"):
        need(0x80000000 <= entry < 0xA0000000, f"entry {entry:#x} is not in KSEG0")


def check_bzimage(data, e, o):
    need(data[0x1FE:0x200] == b"\x55\xAA", "no boot-sector signature 55 AA at 0x1fe")
    need(data[0x202:0x206] == b"HdrS", "no 'HdrS' boot protocol header at 0x202")
    proto, = struct.unpack_from("<H", data, 0x206)
    need(proto >= 0x020C, f"boot protocol {proto:#x}, expected at least 2.12")
    xloadflags, = struct.unpack_from("<H", data, 0x236)
    need(bool(xloadflags & 1) == o["kernel64"],
         "XLF_KERNEL_64 " + ("missing" if o["kernel64"] else "set on a 32-bit kernel"))
    # kernel_version points (from 0x200) at the "uname -r" string, which the
    # package names: linux-image-<release>.
    ptr, = struct.unpack_from("<H", data, 0x20E)
    text = data[ptr + 0x200:ptr + 0x300].split(b"\0")[0].decode("ascii", "replace")
    release = e["package"][len("linux-image-"):]
    need(text.startswith(release + " "), f"kernel version '{text[:40]}', expected '{release} ...'")
    need(upstream(e["version"]) in text, f"kernel version string lacks {upstream(e['version'])}")


def check_zimage(data, e, o):
    magic, start, end = struct.unpack_from("<III", data, 0x24)
    need(magic == 0x016F2818, f"no ARM zImage magic at 0x24 (found {magic:#x})")
    need(0 < end - start <= len(data), f"zImage size {end - start} beyond the file ({len(data)})")


def check_dtb(data, e, o):
    magic, total, off_struct, off_strings = struct.unpack_from(">IIII", data, 0)
    need(magic == 0xD00DFEED, "no flattened device tree magic")
    need(total == len(data), f"FDT totalsize {total} but file has {len(data)} bytes")
    # Walk the root node's properties (FDT_BEGIN_NODE "" then FDT_PROP...).
    pos = off_struct
    tok, = struct.unpack_from(">I", data, pos)
    need(tok == 1, "structure block does not start with the root node")
    pos += 4 + 4   # root name is "" padded to 4 bytes
    compatible = None
    while True:
        tok, = struct.unpack_from(">I", data, pos)
        pos += 4
        if tok == 4:          # FDT_NOP
            continue
        if tok != 3:          # the first child node or the end: no more root props
            break
        length, nameoff = struct.unpack_from(">II", data, pos)
        pos += 8
        name = data[off_strings + nameoff:].split(b"\0")[0]
        if name == b"compatible":
            compatible = data[pos:pos + length].split(b"\0")
        pos += (length + 3) & ~3
    need(compatible is not None, "root node has no 'compatible'")
    need(o["compatible"].encode() in compatible,
         f"root compatible {[c.decode() for c in compatible if c]}, expected {o['compatible']}")


def check_pcbios(data, e, o):
    need(len(data) >= 64 * 1024 and len(data) & (len(data) - 1) == 0,
         f"size {len(data)} is not a power of two of at least 64 KiB")
    # The CPU starts 16 bytes below 4 GiB, the end of this image: a jump must
    # sit there, after at most a cli and a cld (U-Boot clears IF and DF first).
    vec = data[-16:]
    i = 0
    while i < 2 and vec[i] in (0xFA, 0xFC):
        i += 1
    need(vec[i] in (0xEA, 0xE9, 0xEB), f"no jump at the reset vector ({vec[:8].hex(' ')})")
    check_version(data, e, o)


def check_optionrom(data, e, o):
    need(data[:2] == b"\x55\xAA", "no option ROM signature 55 AA")
    size = data[2] * 512
    need(0 < size <= len(data), f"ROM size byte says {size}, file has {len(data)}")
    need(sum(data[:size]) % 256 == 0, "ROM checksum is not zero")
    if o["pci"] is None:
        # a plain ISA-style ROM (QEMU's linuxboot): no PCI data structure
        return
    pcir, = struct.unpack_from("<H", data, 0x18)
    need(data[pcir:pcir + 4] == b"PCIR", "no PCI data structure")
    vendor, device = struct.unpack_from("<HH", data, pcir + 4)
    need((vendor, device) == o["pci"], f"PCI id {vendor:04x}:{device:04x}, expected "
         f"{o['pci'][0]:04x}:{o['pci'][1]:04x}")


def check_arm_raw(data, e, o):
    # An ARM image starts with its vector table: an always-executed branch.
    first, = struct.unpack_from("<I", data, 0)
    need(first >> 24 == 0xEA, f"first word {first:#010x} is not an ARM 'b' instruction")
    check_version(data, e, o)


def check_raw(data, e, o):
    need(len(data) > 4096, f"only {len(data)} bytes")
    check_version(data, e, o)


KINDS = {"elf": lambda d, e, o: (check_elf(d, e, o), check_version(d, e, o)),
         "bzimage": check_bzimage, "zimage": check_zimage, "dtb": check_dtb,
         "pcbios": check_pcbios, "optionrom": check_optionrom,
         "arm-raw": check_arm_raw, "raw": check_raw}


def manifest_entries():
    cols = ["name", "group", "request", "package", "version", "arch", "member", "dest", "sha256"]
    with open(os.path.join(FIXTURES, "manifest")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == len(cols) and not fields[0].startswith("#"):
                yield dict(zip(cols, fields))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: fixture-formats.py GROUP")
    group = sys.argv[1]
    entries = [e for e in manifest_entries() if e["group"] == group]
    if not entries:
        print(f"Bail out! no fixtures in group '{group}'")
        sys.exit(1)
    print(f"1..{len(entries)}")
    failed = 0
    for n, e in enumerate(entries, 1):
        try:
            if e["name"] not in CHECKS:
                raise Bad("no row in CHECKS (tests/functional/fixture-formats.py) says what it is")
            r = subprocess.run([os.path.join(FIXTURES, "fixture-path"), e["name"]],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                raise Bad(r.stderr.strip())
            with open(r.stdout.strip(), "rb") as f:
                data = f.read()
            kind, opts = CHECKS[e["name"]]
            KINDS[kind](data, e, opts)
            print(f"ok {n} - {e['name']} is {kind}")
        except (Bad, struct.error) as why:
            failed += 1
            print(f"not ok {n} - {e['name']}: {why}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
