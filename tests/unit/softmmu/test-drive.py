#!/usr/bin/env python3
"""-drive end to end on emu-system-toy: a guest writes and reads sector 0
through the toy-disk; snapshot=on leaves the images unchanged, readonly=on
refuses the write, a plain overlay takes the write and leaves its backing
file alone (checked with Debian's qemu-img as the independent reader when
it is installed); info block shows the chain, query-block the same;
-hda/-cdrom/-snapshot shorthands; bad input gives one line and exit 1.
Usage: test-drive.py EMU EMU_IMG"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

EMU, EMU_IMG = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
MOVI, ADDI, LD, ST, LDW, BNZ, J, JR, CALL, UDF, HALT = range(1, 12)
failures = 0


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1


def sha(path):
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


# The guest: write 0x4242 as the first 8 bytes of sector 0 (rest zero), print
# '0' + STATUS, read sector 0 back and print Y if the first 8 bytes are 0x4242,
# else N; power off.  UART at -0x8000, exit at -0x7000, disk at -0x4000.
PROG = (insn(MOVI, 1, 0, -0x8000) + insn(MOVI, 4, 0, -0x4000) + insn(MOVI, 3, 0, -0x7000) +
        insn(MOVI, 2, 0, 0x4242) + insn(ST, 2, 4, 0x100) +
        insn(MOVI, 2, 0, 0) + insn(ST, 2, 4, 0x00) +
        insn(MOVI, 2, 0, 2) + insn(ST, 2, 4, 0x10) +
        insn(LD, 5, 4, 0x18) + insn(ADDI, 5, 5, 0x30) + insn(ST, 5, 1, 0) +
        insn(MOVI, 2, 0, 0) + insn(ST, 2, 4, 0x100) +
        insn(MOVI, 2, 0, 1) + insn(ST, 2, 4, 0x10) +
        insn(LD, 5, 4, 0x100) + insn(ADDI, 5, 5, -0x4242) +
        insn(BNZ, 5, 0, 3) +
        insn(MOVI, 2, 0, ord('Y')) + insn(ST, 2, 1, 0) + insn(J, 0, 0, 2) +
        insn(MOVI, 2, 0, ord('N')) + insn(ST, 2, 1, 0) +
        insn(MOVI, 2, 0, 0x5555) + insn(ST, 2, 3, 0) + insn(HALT))


def run(args, inp=None, timeout=20):
    return subprocess.run([EMU] + args, capture_output=True, timeout=timeout, input=inp)


with tempfile.TemporaryDirectory(prefix='drive-') as tmp:
    os.chdir(tmp)
    base_data = bytes(range(256)) * 4096            # 1 MiB
    open('base.raw', 'wb').write(base_data)
    open('prog.bin', 'wb').write(PROG)
    subprocess.run([EMU_IMG, 'create', '-f', 'qcow2', '-b', 'base.raw', '-F', 'raw',
                    'top.qcow2'], check=True, capture_output=True)
    out = os.path.join(tmp, 'out.txt')
    h_base, h_top = sha('base.raw'), sha('top.qcow2')
    common = ['-kernel', 'prog.bin', '-serial', 'file:' + out, '-display', 'none']

    # snapshot=on: the guest sees its write, the files do not change
    r = run(common + ['-drive', 'file=top.qcow2,format=qcow2,snapshot=on'])
    check(r.returncode == 0 and open(out).read() == '0Y',
          'snapshot=on: guest write and read back (%r, %r)' % (open(out).read(), r.stderr))
    check(sha('top.qcow2') == h_top and sha('base.raw') == h_base,
          'snapshot=on: overlay and backing file unchanged')
    # -snapshot does the same for every drive, -hda is index 0
    r = run(common + ['-hda', 'top.qcow2', '-snapshot'])
    check(r.returncode == 0 and open(out).read() == '0Y' and sha('top.qcow2') == h_top,
          '-hda with -snapshot: images unchanged')

    # readonly=on: the write is refused (STATUS = an errno), the data stays
    r = run(common + ['-drive', 'file=top.qcow2,readonly=on'])
    o = open(out).read()
    check(r.returncode == 0 and len(o) == 2 and o[0] != '0' and o[1] == 'N',
          'readonly=on refuses the write (%r)' % o)
    check(sha('top.qcow2') == h_top, 'readonly=on: image unchanged')

    # a plain overlay: the write lands in top.qcow2, base.raw is untouched
    r = run(common + ['-drive', 'file=top.qcow2,cache=writethrough'])
    check(r.returncode == 0 and open(out).read() == '0Y', 'overlay takes the write')
    check(sha('base.raw') == h_base and sha('top.qcow2') != h_top,
          'overlay changed, backing file unchanged')
    expect = struct.pack('<Q', 0x4242) + bytes(504) + base_data[512:]
    if shutil.which('qemu-img'):
        subprocess.run(['qemu-img', 'convert', '-f', 'qcow2', '-O', 'raw', 'top.qcow2',
                        'flat.raw'], check=True)
        check(open('flat.raw', 'rb').read() == expect, 'qemu-img reads the expected disk')
        r2 = subprocess.run(['qemu-img', 'check', 'top.qcow2'], capture_output=True)
        check(r2.returncode == 0, 'qemu-img check: overlay is clean')
    else:
        print('skip qemu-img not installed (package qemu-utils)')

    # info block: the chain; -cdrom is read-only media; if=none + -device
    mon = run(['-S', '-monitor', 'stdio', '-drive', 'file=top.qcow2,snapshot=on',
               '-cdrom', 'base.raw', '-drive', 'if=none,id=spare,file=base.raw,format=raw',
               '-device', 'toy-disk,drive=spare,addr=0x10000000,id=disk2'],
              inp=b'info block\nquit\n')
    txt = mon.stdout.decode()
    check('ide0-hd0: ' in txt and 'Snapshot:         on' in txt and
          'Backing file:     %s/top.qcow2 (chain depth: 2)' % tmp in txt and
          '-> %s/top.qcow2 (qcow2)' % tmp in txt and '-> %s/base.raw (raw)' % tmp in txt,
          'info block shows the snapshot chain')
    check('ide1-cd0: base.raw (raw, read-only)' in txt and 'Removable device' in txt,
          'info block shows -cdrom read-only')
    check('spare: base.raw (raw)' in txt and 'Attached to:      disk2' in txt,
          'info block shows the if=none drive attached to its device')
    # the same through QMP
    q = run(['-S', '-qmp', 'stdio', '-drive', 'file=top.qcow2,format=qcow2'],
            inp=b'{"execute":"qmp_capabilities"}\n{"execute":"query-block"}\n'
                b'{"execute":"quit"}\n')
    blocks = None
    for line in q.stdout.decode().splitlines():
        m = json.loads(line)
        if isinstance(m.get('return'), list):
            blocks = m['return']
    ins = blocks[0]['inserted'] if blocks else {}
    check(blocks is not None and blocks[0]['device'] == 'ide0-hd0' and
          ins.get('drv') == 'qcow2' and ins.get('backing_file_depth') == 1 and
          ins['image']['backing-image']['format'] == 'raw',
          'query-block shows the drive and its backing image')

    # bad input: one line, exit 1
    open('corrupt.qcow2', 'wb').write(b'QFI\xfb' + struct.pack('>I', 3) + b'\xff' * 200)
    for args, what in [(['-drive', 'file=missing.img'], 'No such file'),
                       (['-drive', 'file=base.raw,format=nosuch'], 'unknown format'),
                       (['-drive', 'file=corrupt.qcow2'], 'corrupt.qcow2'),
                       (['-drive', 'file=base.raw,if=bogus'], 'unknown interface'),
                       (['-drive', 'file=base.raw,media=tape'], 'media=tape'),
                       (['-drive', 'file=base.raw,cache=fast'], 'cache=fast'),
                       (['-drive', 'file=base.raw,index=0,unit=1'], 'index='),
                       (['-hda', 'base.raw', '-drive', 'file=base.raw,index=0'], 'exists'),
                       (['-drive', 'if=none,id=x,file=base.raw', '-device',
                         'toy-disk,drive=y'], "drive 'y' not found"),
                       (['-drive', 'if=none,id=x,file=base.raw', '-device',
                         'toy-disk,drive=x,addr=0x10000000', '-device',
                         'toy-disk,drive=x,addr=0x10001000'], 'already in use')]:
        r = run(args + ['-display', 'none'])
        err = r.stderr.decode()
        check(r.returncode == 1 and err.count('\n') == 1 and what in err,
              'error %s -> %r' % (' '.join(args), err))
    check(sha('base.raw') == h_base, 'base.raw never written')

print('%d failure(s)' % failures)
sys.exit(1 if failures else 0)
