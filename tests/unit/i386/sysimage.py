"""The scaffolding shared by the x86 system-mode image tests (test-sysmodes.py,
test-xsave-ud.py, test-fpu-nm.py): each assembles a hand-written 64 KiB BIOS
image from sys/*.S (linked at 0xf0000 by sys/modes.ld), runs it on `-M pc`
under emu-system-x86_64 / emu-system-i386 and, when installed, QEMU as an
interop peer, and compares the lines the image printed on the debug console
(port 0x402) with what the manual says.  Every image leaves through
isa-debug-exit (port 0x501): 0 -> exit status 1 when it passed, 0x7f -> 255.
The tests print TAP; this module prints the lines they have in common.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def start(prefix):
    """The command line's source, linker script and two emulators, and a
    fresh temporary directory; None, after printing TAP's skip plan, when
    binutils (ld, objcopy) are missing."""
    src, lds, emu64, emu32 = sys.argv[1:5]
    if not shutil.which("ld") or not shutil.which("objcopy"):
        print("1..0 # SKIP binutils (ld, objcopy) missing")
        return None
    return src, lds, emu64, emu32, tempfile.mkdtemp(prefix=prefix)


def finish(tmp, failed):
    """Remove the temporary directory; the exit status for TAP's runner."""
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


def build(src, lds, out, defs=()):
    """Assemble src (with the -D options defs) into the raw image out."""
    cc = os.environ.get("CC", "cc")
    obj, elf = out + ".o", out + ".elf"
    subprocess.run([cc, "-m32", *defs, "-c", src, "-o", obj], check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-T", lds, obj, "-o", elf], check=True)
    subprocess.run(["objcopy", "-O", "binary", "-j", ".text", elf, out], check=True)
    if os.path.getsize(out) != 65536:
        raise SystemExit("image is %d bytes, expected 64 KiB" % os.path.getsize(out))


def run(cmd, image, log, opts=()):
    """Run image as the BIOS of `cmd -M pc opts` (cmd: the binary and, for
    QEMU, its accelerator), the debug console going to the file log.
    Returns the exit status, the console's lines and the emulator's output."""
    cmd = list(cmd) + ["-M", "pc", *opts, "-bios", image, "-display", "none",
                       "-chardev", "file,id=d,path=" + log,
                       "-device", "isa-debugcon,iobase=0x402,chardev=d",
                       "-device", "isa-debug-exit,iobase=0x501,iosize=2"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    with open(log) as f:
        got = f.read().splitlines()
    return p.returncode, got, p.stdout.decode(errors="replace")


def check_transcript(n, what, rc, got, out, expect):
    """TAP line n: the image passed (exit status 1) and printed expect; on a
    failure the expected and printed lines and the emulator's output as TAP
    comments.  Returns whether it passed."""
    ok = rc == 1 and got == expect
    print("%s %d - %s transcript (exit %d)" % ("ok" if ok else "not ok", n, what, rc))
    if not ok:
        print("# expected %r" % expect)
        print("# got      %r" % got)
        print("# " + out.replace("\n", "\n# "))
    return ok


def check_peer(n, what, cmd, image, log, expect, opts=()):
    """TAP line n for an interop peer: skipped when cmd[0] is not installed,
    otherwise check_transcript of image run under cmd.  Returns whether it
    passed (a skip passes)."""
    if not shutil.which(cmd[0]):
        print("ok %d - %s # SKIP %s missing" % (n, what, cmd[0]))
        return True
    rc, got, out = run(cmd, image, log, opts)
    return check_transcript(n, what, rc, got, out, expect)
