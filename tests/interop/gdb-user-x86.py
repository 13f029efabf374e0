#!/usr/bin/env python3
"""gdb-multiarch against emu-i386's and emu-x86_64's gdbstub (user mode), on
gdb-guest.c built with -static -g (i686-linux-gnu-gcc / gcc): stop before
the first instruction, two threads listed, stepping over the system call
instruction (int 0x80 / syscall) with getpid's result in eax, a breakpoint
on a function with its arguments read (registers on x86-64, the stack on
i386), a register write changing the function's result, one instruction
stepped (the pc lands where gdb's own disassembly says), memory read and
written, a write watchpoint triggering twice, the process exiting with its
status; the segment selectors Linux gives (cs 0x33 / 0x23), an XMM and an
x87 register written and read back through the feature XML's types, and
with -cpu Haswell (AVX) a YMM register's upper half.

usage: gdb-user-x86.py EMU ARCH   (ARCH i386 or x86_64; skips when gdb-multiarch
                                   or the compiler is missing)
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_common import (  # noqa: E402
    Tap, check_user_session_end, gdb_user_session, need_tool, skip_all)

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    emu, arch = sys.argv[1], sys.argv[2]
    is64 = arch == 'x86_64'
    cc = 'gcc' if is64 else 'i686-linux-gnu-gcc'
    need_tool('gdb-multiarch', 'Debian package gdb-multiarch')
    need_tool(cc, 'missing compiler: %s (scripts/install-deps)' % cc)
    tmp = tempfile.mkdtemp(prefix='gdb-user-x86-')
    prog = os.path.join(tmp, 'gdb-guest')
    r = subprocess.run([cc, '-static', '-g', '-O1', '-pthread', '-o', prog,
                        os.path.join(HERE, 'gdb-guest.c')],
                       capture_output=True, text=True)
    if r.returncode:
        skip_all('%s failed: %s' % (cc, r.stderr.strip()[:200]))
    t = Tap()
    ax, pc = ('$rax', '$rip') if is64 else ('$eax', '$eip')
    if is64:
        args_cmds = ['p $rdi', 'p $rsi']
        setreg = ['set $rdi = 40']
    else:
        args_cmds = ['p *(int *)($esp + 4)', 'p *(int *)($esp + 8)']
        setreg = []
    cmds = [
        'echo @@start\\n', 'p/x %s' % pc, 'p/x &_start',
        'echo @@seg\\n', 'p/x $cs', 'p/x $ss',
        'break both_running', 'continue',
        'echo @@threads\\n', 'info threads',
        'break raw_getpid', 'continue',
        'echo @@svc\\n', 'x/4i %s' % pc, 'stepi', 'stepi', 'p/x %s' % pc, 'p %s' % ax,
        'break add', 'continue',
        'echo @@regs\\n'] + args_cmds + [
        'echo @@step\\n'] + setreg + ['x/2i %s' % pc, 'stepi', 'p/x %s' % pc,
        'echo @@vec\\n', 'set $xmm3.v4_int32[2] = 123456', 'p $xmm3.v4_int32[2]',
        'set $st0 = 2.5', 'p $st0', 'p/x $fctrl', 'p $mxcsr',
        'echo @@setreg\\n'] + (['finish'] if is64 else ['return (int)43', 'p $eax']) + [
        'echo @@mem\\n', 'p patched', 'set var patched = 42', 'p patched',
        'echo @@watch\\n', 'watch counter', 'continue', 'continue',
        'echo @@exit\\n', 'delete', 'continue',
    ]
    log, status, guest_out, pid = gdb_user_session(emu, [], prog, cmds)
    sec = dict(re.findall(r'@@(\w+)\n(.*?)(?=@@|\Z)', log, re.S))

    m = re.findall(r'\$\d+ = (0x[0-9a-f]+)', sec.get('start', ''))
    t.ok(len(m) >= 2 and m[0] == m[1], 'stopped before the first instruction (pc == _start)',
         log)
    segs = re.findall(r'\$\d+ = (0x[0-9a-f]+)', sec.get('seg', ''))
    want = ['0x33', '0x2b'] if is64 else ['0x23', '0x2b']
    t.ok(segs == want, 'cs and ss are the selectors Linux gives (%s)' % ' '.join(want),
         sec.get('seg', log))
    threads = re.findall(r'^\*?\s+\d+\s+Thread \d+', sec.get('threads', ''), re.M)
    t.ok(len(threads) == 2, 'two threads listed', sec.get('threads', log))
    svc = sec.get('svc', '')
    insns = re.findall(r'^(?:=> )?\s*(0x[0-9a-f]+)', svc, re.M)
    vals = re.findall(r'\$\d+ = (\S+)', svc)
    t.ok(len(insns) >= 3 and len(vals) == 2 and int(vals[0], 16) == int(insns[2], 16) and
         int(vals[1]) == pid,
         'stepi over the system call stops right after it, getpid\'s result in eax', svc)
    regs = re.findall(r'\$\d+ = (-?\d+)', sec.get('regs', ''))
    t.ok(regs == ['2', '3'] and re.search(r'Breakpoint \d+, add', log) is not None,
         'breakpoint on add, arguments read', log)
    step = sec.get('step', '')
    insns = re.findall(r'^(?:=> )?\s*(0x[0-9a-f]+)', step, re.M)
    pcs = re.findall(r'\$\d+ = (0x[0-9a-f]+)', step)
    t.ok(len(insns) >= 2 and pcs and int(pcs[-1], 16) == int(insns[1], 16),
         'stepi runs exactly one instruction', step)
    vec = sec.get('vec', '')
    t.ok(re.search(r'\$\d+ = 123456\b', vec) is not None and
         re.search(r'\$\d+ = 2\.5\b', vec) is not None and
         re.search(r'\$\d+ = 0x37f\b', vec) is not None and
         re.search(r'\$\d+ = \[ IM DM ZM OM UM PM \]', vec) is not None,
         'xmm3 lane and st0 written and read back, fctrl 0x37f and mxcsr 0x1f80 as at exec',
         vec)
    # x86-64: rdi set to 40 at the entry, add(40, 3); i386: gdb's return writes eax, esp, eip
    setreg = sec.get('setreg', '')
    t.ok(re.search(r'Value returned is \$\d+ = 43' if is64 else r'\$\d+ = 43', setreg)
         is not None and 'add=43' in guest_out, 'register write: add returns 43', setreg)
    check_user_session_end(t, sec, log, status, guest_out)

    # AVX: with -cpu Haswell the target description has org.gnu.gdb.i386.avx
    ymm = 'ymm7' if not is64 else 'ymm12'
    cmds = ['break add', 'continue', 'echo @@avx\\n',
            'set $%s.v8_int32[6] = 777' % ymm, 'set $%s.v8_int32[1] = 55' % ymm,
            'p $%s.v8_int32[6]' % ymm, 'p $%s.v8_int32[1]' % ymm,
            'p $%s.v4_int32[1]' % ymm.replace('ymm', 'xmm'), 'kill']
    log, status, _, _ = gdb_user_session(emu, ['-cpu', 'Haswell'], prog, cmds)
    vals = re.findall(r'\$\d+ = (-?\d+)', log.split('@@avx', 1)[-1])
    t.ok(vals == ['777', '55', '55'],
         '-cpu Haswell: ymm upper half written and read back, the low half is the xmm', log)
    log, status, _, _ = gdb_user_session(emu, [], prog, ['p $ymm0', 'kill'])
    t.ok('void' in log or 'Invalid' in log or 'No symbol' in log,
         'without AVX there is no ymm0', log)
    t.done()


if __name__ == '__main__':
    main()
