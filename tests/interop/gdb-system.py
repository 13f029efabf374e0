#!/usr/bin/env python3
"""gdb-multiarch against emu-system-toy's gdbstub (system mode): -S and
-gdb tcp::PORT (and -s on port 1234 when that port is free), attach at
reset, read registers and memory (compared with the image this test wrote),
break at an address, continue twice (the loop counter advances by one),
step one instruction, write a register, run a monitor command through
qRcmd, see an unmapped address refused, and kill.  A second program
stores and loads in a loop: write, read and access watchpoints stop right
after the instruction that touched the bytes (the soft TLB's check).

The toy CPU is shown to gdb as an AArch64 register file: toy r0-r7 are
x0-x7 (see tests/unit/softmmu/toy-machine.c).

usage: gdb-system.py EMU_SYSTEM_TOY
"""
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_common import Tap, free_port, gdb_batch, need_tool, wait_port  # noqa: E402

# the toy ISA (tests/unit/accel/toy.h): op | rd << 8 | rs << 12 | imm16 << 16
MOVI, ADDI, LD, ST, J = 1, 2, 3, 4, 7


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


# 0x0 MOVI r0, 1; 0x4 MOVI r1, 0; 0x8 ADDI r1, r1, 1; 0xc J 0x8
IMAGE = insn(MOVI, 0, 0, 1) + insn(MOVI, 1, 0, 0) + insn(ADDI, 1, 1, 1) + insn(J, imm=-2)

# 0x0 MOVI r2, 0x1000; 0x4 MOVI r1, 0; 0x8 ADDI r1, r1, 1; 0xc ST r1, 0(r2);
# 0x10 LD r3, 8(r2); 0x14 J 0x8
WATCH_IMAGE = (insn(MOVI, 2, 0, 0x1000) + insn(MOVI, 1, 0, 0) + insn(ADDI, 1, 1, 1) +
               insn(ST, 1, 2, 0) + insn(LD, 3, 2, 8) + insn(J, imm=-4))


def start(emu, image, gdb_args):
    p = subprocess.Popen([emu, '-kernel', image, '-display', 'none', '-serial', 'none',
                          '-S'] + gdb_args, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    return p


def main():
    emu = sys.argv[1]
    need_tool('gdb-multiarch', 'Debian package gdb-multiarch')
    tmp = tempfile.mkdtemp(prefix='gdb-system-')
    image = os.path.join(tmp, 'loop.bin')
    with open(image, 'wb') as f:
        f.write(IMAGE)
    t = Tap()

    port = free_port()
    p = start(emu, image, ['-gdb', 'tcp::%d' % port])
    if not t.ok(wait_port(port, p), '-gdb tcp::%d listens' % port):
        p.kill()
        t.done()
    words = ' '.join('0x%08x' % w for w in struct.unpack('<4I', IMAGE))
    cmds = [
        'target remote :%d' % port,
        'echo @@reset\\n', 'p/x $pc', 'p/x $x0', 'p/x $x1',
        'echo @@mem\\n', 'x/4xw 0',
        'echo @@break\\n', 'break *0xc', 'continue', 'p $x0', 'p $x1', 'continue', 'p $x1',
        'echo @@step\\n', 'stepi', 'p/x $pc', 'stepi', 'p/x $pc',
        'echo @@setreg\\n', 'set $x1 = 100', 'stepi', 'stepi', 'p $x1',
        'echo @@monitor\\n', 'monitor info status',
        'echo @@threads\\n', 'info threads',
        'echo @@bad\\n', 'x/2xw 0x7ffffff000',
        'echo @@kill\\n', 'delete', 'kill',
    ]
    log = gdb_batch(cmds, timeout=60)
    try:
        out, _ = p.communicate(timeout=10)
        status = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
        status = None
    sec = dict(re.findall(r'@@(\w+)\n(.*?)(?=@@|\Z)', log, re.S))
    vals = lambda name: re.findall(r'\$\d+ = (\S+)', sec.get(name, ''))
    t.ok(vals('reset') == ['0x0', '0x0', '0x0'], 'attached at reset: pc and registers zero',
         log)
    t.ok(words in re.sub(r'\s+', ' ', sec.get('mem', '')), 'memory reads the loaded image',
         sec.get('mem', log))
    t.ok(vals('break') == ['1', '1', '2'] and 'Breakpoint 1, 0x000000000000000c' in log,
         'breakpoint at 0xc, continue runs the loop once more', sec.get('break', log))
    t.ok(vals('step') == ['0x8', '0xc'], 'stepi: one instruction each (J to 0x8, then ADDI)',
         sec.get('step', log))
    t.ok(vals('setreg') == ['101'], 'register write: ADDI on the value gdb wrote',
         sec.get('setreg', log))
    t.ok('VM status: paused (debug)' in sec.get('monitor', ''),
         'monitor command through qRcmd', sec.get('monitor', log))
    t.ok(re.search(r'Thread 1 \(CPU#0\)', sec.get('threads', '')) is not None,
         'the vCPU is thread 1', sec.get('threads', log))
    t.ok('Cannot access memory at address 0x7ffffff000' in sec.get('bad', ''),
         'an address outside guest memory is refused', sec.get('bad', log))
    t.ok(status == 0, 'kill ends emu-system-toy (status %s)' % status, out)

    watchpoints(t, emu, tmp)

    # -s: the default port, when it is free on this machine
    try:
        socket.create_connection(('127.0.0.1', 1234), timeout=0.2).close()
        busy = True
    except OSError:
        busy = False
    if busy:
        t.ok(True, '-s skipped: port 1234 is in use # SKIP')
    else:
        p = start(emu, image, ['-s'])
        ok = wait_port(1234, p)
        log = gdb_batch(['target remote :1234', 'p/x $pc', 'kill']) if ok else ''
        try:
            p.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
        t.ok(ok and re.search(r'\$1 = 0x0', log) is not None, '-s listens on tcp::1234', log)
    t.done()


def watchpoints(t, emu, tmp):
    image = os.path.join(tmp, 'watch.bin')
    with open(image, 'wb') as f:
        f.write(WATCH_IMAGE)
    port = free_port()
    p = start(emu, image, ['-gdb', 'tcp::%d' % port])
    if not t.ok(wait_port(port, p), 'watchpoint run: -gdb tcp::%d listens' % port):
        p.kill()
        return
    cmds = [
        'target remote :%d' % port,
        'echo @@write\n', 'watch *(long *)0x1000', 'continue', 'p/x $pc', 'p $x1',
        'continue', 'p/x $pc', 'p $x1', 'delete',
        'echo @@read\n', 'rwatch *(long *)0x1008', 'continue', 'p/x $pc', 'p $x1', 'delete',
        'echo @@access\n', 'awatch *(long *)0x1000', 'continue', 'p/x $pc', 'p $x1',
        'continue', 'p/x $pc', 'p $x1', 'delete',
        'echo @@kill\n', 'kill',
    ]
    log = gdb_batch(cmds, timeout=60)
    try:
        p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
    sec = dict(re.findall(r'@@(\w+)\n(.*?)(?=@@|\Z)', log, re.S))
    vals = lambda name: re.findall(r'\$\d+ = (\S+)', sec.get(name, ''))
    w = sec.get('write', '')
    t.ok(vals('write') == ['0x10', '1', '0x10', '2'] and 'Old value = 0' in w and
         'New value = 1' in w and 'New value = 2' in w,
         'write watchpoint: stops after the store, old and new values', w or log)
    r = sec.get('read', '')
    t.ok('Hardware read watchpoint' in r and vals('read') == ['0x14', '2'],
         'read watchpoint: stops after the load (the stub checks reads)', r or log)
    a = sec.get('access', '')
    # access: the next two loop turns' stores (the load reads other bytes)
    t.ok('Hardware access (read/write) watchpoint' in a and
         vals('access') == ['0x10', '3', '0x10', '4'],
         'access watchpoint: stops after each store to the bytes', a or log)


if __name__ == '__main__':
    main()
