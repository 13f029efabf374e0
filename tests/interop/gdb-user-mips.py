#!/usr/bin/env python3
"""gdb-multiarch against emu-mips's, emu-mipsel's and emu-mips64el's gdbstub
(user mode), on gdb-guest.c built with -static -g by the matching cross
compiler: stop before the first instruction, two threads listed, stepping
over the syscall instruction with getpid's result in v0, a breakpoint on a
function with its arguments in a0/a1, a register write changing the
function's result, stepping the leaf's return jump (the jump and its delay
slot are one step: pc lands on ra with the sum in v0), memory read and written, a
write watchpoint triggering twice, an FPU register written and read back,
the process exiting with its status.

usage: gdb-user-mips.py EMU ARCH   (ARCH mips, mipsel or mips64el; skips when
                                    gdb-multiarch or the compiler is missing)
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
COMPILERS = {'mips': 'mips-linux-gnu-gcc', 'mipsel': 'mipsel-linux-gnu-gcc',
             'mips64el': 'mips64el-linux-gnuabi64-gcc'}


def main():
    emu, arch = sys.argv[1], sys.argv[2]
    cc = COMPILERS[arch]
    need_tool('gdb-multiarch', 'Debian package gdb-multiarch')
    need_tool(cc, 'missing compiler: %s (scripts/install-deps)' % cc)
    tmp = tempfile.mkdtemp(prefix='gdb-user-mips-')
    prog = os.path.join(tmp, 'gdb-guest')
    r = subprocess.run([cc, '-static', '-g', '-O1', '-pthread', '-o', prog,
                        os.path.join(HERE, 'gdb-guest.c')], capture_output=True, text=True)
    if r.returncode:
        skip_all('%s failed: %s' % (cc, r.stderr.strip()[:200]))
    t = Tap()
    cmds = [
        'echo @@start\\n', 'p/x $pc', 'p/x &__start',
        'break both_running', 'continue',
        'echo @@threads\\n', 'info threads',
        'break raw_getpid', 'continue',
        'echo @@svc\\n', 'x/3i $pc', 'stepi', 'stepi', 'p/x $pc', 'p $v0', 'p $a3',
        'break add', 'continue',
        'echo @@regs\\n', 'p $a0', 'p $a1',
        'echo @@step\\n', 'set $a0 = 40', 'x/2i $pc', 'p/x $ra', 'stepi', 'p/x $pc', 'p $v0',
        'echo @@fpu\\n', 'set $f2 = 2.5', 'p $f2',
        'echo @@mem\\n', 'p patched', 'set var patched = 42', 'p patched',
        'echo @@watch\\n', 'watch counter', 'continue', 'continue',
        'echo @@exit\\n', 'delete', 'continue',
    ]
    log, status, guest_out, pid = gdb_user_session(emu, [], prog, cmds)
    sec = dict(re.findall(r'@@(\w+)\n(.*?)(?=@@|\Z)', log, re.S))

    m = re.findall(r'\$\d+ = (0x[0-9a-f]+)', sec.get('start', ''))
    t.ok(len(m) >= 2 and m[0] == m[1], 'stopped before the first instruction (pc == __start)',
         log)
    threads = re.findall(r'^\*?\s+\d+\s+Thread \d+', sec.get('threads', ''), re.M)
    t.ok(len(threads) == 2, 'two threads listed', sec.get('threads', log))
    svc = sec.get('svc', '')
    insns = re.findall(r'^(?:=> )?\s*(0x[0-9a-f]+)', svc, re.M)
    vals = re.findall(r'\$\d+ = (\S+)', svc)
    t.ok(len(insns) >= 3 and len(vals) == 3 and int(vals[0], 16) == int(insns[2], 16) and
         int(vals[1]) == pid and int(vals[2]) == 0,
         'stepi over the syscall stops right after it, getpid\'s result in v0, a3 = 0', svc)
    regs = re.findall(r'\$\d+ = (-?\d+)', sec.get('regs', ''))
    t.ok(regs == ['2', '3'] and re.search(r'Breakpoint \d+, add', log) is not None,
         'breakpoint on add, arguments in a0 and a1', log)
    step = sec.get('step', '')
    vals = re.findall(r'\$\d+ = (\S+)', step)
    t.ok('jr\tra' in step and len(vals) == 3 and int(vals[0], 16) == int(vals[1], 16) and
         vals[2] == '43',
         'stepi over jr ra with its delay slot: pc = ra, v0 = a0 + a1 with a0 written', step)
    t.ok(re.search(r'\$\d+ = 2\.5\b', sec.get('fpu', '')) is not None,
         'an FPU register written and read back', sec.get('fpu', log))
    check_user_session_end(t, sec, log, status, guest_out)
    t.done()


if __name__ == '__main__':
    main()
