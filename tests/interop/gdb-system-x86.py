#!/usr/bin/env python3
"""gdb-multiarch against emu-system-x86_64's and emu-system-i386's gdbstub on
the pc machine with Debian's SeaBIOS: attach at reset (-S -gdb), the reset
state (eip 0xfff0, cs 0xf000, eflags 0x2), the reset vector's bytes read
from the firmware (the far jump EA 5B E0 00 F0 that SeaBIOS puts there),
one instruction stepped (the far jump lands at f000:e05b), a breakpoint at a
linear address in SeaBIOS's 32-bit code reached with continue, registers
written and read back, a monitor command, kill.

usage: gdb-system-x86.py EMU_SYSTEM ARCH   (ARCH i386 or x86_64; SeaBIOS is the
       seabios-bios fixture: a missing fixture fails, naming scripts/fetch-fixtures)
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gdb_common import Tap, free_port, gdb_batch, need_tool, wait_port  # noqa: E402


def main():
    emu, arch = sys.argv[1], sys.argv[2]
    need_tool('gdb-multiarch', 'Debian package gdb-multiarch')
    t = Tap()
    r = subprocess.run([os.path.join(HERE, '..', 'fixtures', 'fixture-path'), 'seabios-bios'],
                       capture_output=True, text=True)
    bios = r.stdout.strip()
    if not t.ok(r.returncode == 0 and os.path.exists(bios), 'fixture seabios-bios',
                r.stderr):
        t.done()
    port = free_port()
    p = subprocess.Popen([emu, '-M', 'pc', '-bios', bios, '-display', 'none', '-serial', 'none',
                          '-S', '-gdb', 'tcp::%d' % port], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    if not t.ok(wait_port(port, p), '-gdb tcp::%d listens' % port):
        p.kill()
        t.done()
    pc = '$rip' if arch == 'x86_64' else '$eip'
    ax = '$rax' if arch == 'x86_64' else '$eax'
    cmds = [
        'set architecture %s' % ('i386:x86-64' if arch == 'x86_64' else 'i386'),
        'target remote :%d' % port,
        'echo @@reset\\n', 'p/x %s' % pc, 'p/x $cs', 'p/x $eflags',
        'echo @@vector\\n', 'x/5xb 0xffff0',
        'echo @@step\\n', 'stepi', 'p/x %s' % pc, 'p/x $cs',
        'echo @@walk\\n'] + ['stepi', 'p/x $cs', 'p/x %s' % pc] * 80 + [
        'echo @@setreg\\n', 'set %s = 0x1234' % ax, 'p/x %s' % ax,
        'echo @@monitor\\n', 'monitor info status',
        'echo @@kill\\n', 'kill',
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
    t.ok(vals('reset') == ['0xfff0', '0xf000', '0x2'],
         'attached at reset: eip 0xfff0, cs 0xf000, eflags 0x2', sec.get('reset', log))
    t.ok(re.search(r'0xea\s+0x5b\s+0xe0\s+0x00\s+0xf0', sec.get('vector', '')) is not None,
         'the reset vector holds the far jump to f000:e05b', sec.get('vector', log))
    t.ok(vals('step') == ['0xe05b', '0xf000'], 'stepi: the far jump lands at f000:e05b',
         sec.get('step', log))
    t.ok(vals('setreg') == ['0x1234'], 'register write read back', sec.get('setreg', log))
    t.ok('VM status: paused' in sec.get('monitor', ''), 'monitor command through qRcmd',
         sec.get('monitor', log))
    t.ok(status == 0, 'kill ends the emulator (status %s)' % status, out)

    # The first instruction SeaBIOS runs in 32-bit flat mode (a code segment
    # other than real mode's f000): there eip is the linear address, so a
    # breakpoint there must stop a fresh run at exactly that instruction.
    walk = re.findall(r'\$\d+ = (0x[0-9a-f]+)', sec.get('walk', ''))
    pairs = list(zip(walk[0::2], walk[1::2]))
    flat = [int(ip, 16) for cs, ip in pairs if cs != '0xf000']
    if not t.ok(flat != [], 'stepping reaches 32-bit protected mode', sec.get('walk', log)):
        t.done()
    target = flat[0]
    port = free_port()
    p = subprocess.Popen([emu, '-M', 'pc', '-bios', bios, '-display', 'none', '-serial', 'none',
                          '-S', '-gdb', 'tcp::%d' % port], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    wait_port(port, p)
    log = gdb_batch(['set architecture %s' % ('i386:x86-64' if arch == 'x86_64' else 'i386'),
                     'target remote :%d' % port, 'break *0x%x' % target, 'continue',
                     'echo @@hit\\n', 'p/x %s' % pc, 'p/x $cs', 'kill'], timeout=60)
    try:
        p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
    hit = re.findall(r'\$\d+ = (0x[0-9a-f]+)', log.split('@@hit', 1)[-1])
    t.ok(re.search(r'Breakpoint 1, 0x0*%x' % target, log) is not None and hit and
         int(hit[0], 16) == target and hit[1] != '0xf000',
         'breakpoint at 0x%x in SeaBIOS\'s 32-bit code, reached with continue' % target, log)
    t.done()


if __name__ == '__main__':
    main()
