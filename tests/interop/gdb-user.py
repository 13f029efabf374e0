#!/usr/bin/env python3
"""gdb-multiarch against emu-arm's gdbstub (user mode), on gdb-guest.c built
for armhf with -static -g: stop before the first instruction, two threads
listed, a breakpoint on a function, registers read and written (the
function's result changes), one instruction stepped (the pc lands where
gdb's own disassembly says the next instruction is), memory read and
written (the exit status changes), a write watchpoint triggering twice with
the right old and new values, and the process exiting with its status.

usage: gdb-user.py EMU_ARM   (skips when gdb-multiarch or the cross compiler is missing)
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_common import (  # noqa: E402
    Tap, check_user_session_end, free_port, gdb_batch, need_tool, skip_all)

CC = 'arm-linux-gnueabihf-gcc'
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    emu = sys.argv[1]
    need_tool('gdb-multiarch', 'Debian package gdb-multiarch')
    need_tool(CC, 'missing cross compiler: %s (scripts/install-deps)' % CC)
    tmp = tempfile.mkdtemp(prefix='gdb-user-')
    prog = os.path.join(tmp, 'gdb-guest')
    r = subprocess.run([CC, '-static', '-g', '-O1', '-pthread', '-o', prog,
                        os.path.join(HERE, 'gdb-guest.c')], capture_output=True, text=True)
    if r.returncode:
        skip_all('%s failed: %s' % (CC, r.stderr.strip()[:200]))
    t = Tap()

    port = free_port()
    out_path = os.path.join(tmp, 'guest.out')
    with open(out_path, 'w') as out:
        emu_proc = subprocess.Popen([emu, '-g', str(port), prog], stdout=out,
                                    stderr=subprocess.STDOUT)
    cmds = [
        'target remote :%d' % port,
        'echo @@start\\n', 'p/x $pc', 'p/x &_start',
        'break both_running', 'continue',
        'echo @@threads\\n', 'info threads',
        'break raw_getpid', 'continue',
        'echo @@svc\\n', 'x/4i $pc', 'stepi', 'stepi', 'stepi', 'p/x $pc', 'p $r0',
        'break add', 'continue',
        'echo @@regs\\n', 'p $r0', 'p $r1',
        'echo @@step\\n', 'set $r0 = 40', 'x/2i $pc', 'stepi', 'p/x $pc',
        'echo @@setreg\\n', 'finish',
        'echo @@mem\\n', 'p patched', 'set var patched = 42', 'p patched',
        'echo @@watch\\n', 'watch counter', 'continue', 'continue',
        'echo @@exit\\n', 'delete', 'continue',
    ]
    try:
        log = gdb_batch(cmds, timeout=60, program=prog)
    except subprocess.TimeoutExpired as e:
        log = (e.stdout or b'').decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
        log += '\n(gdb timed out)'
    try:
        status = emu_proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emu_proc.kill()
        status = emu_proc.wait()
    guest_out = open(out_path).read()
    sec = dict(re.findall(r'@@(\w+)\n(.*?)(?=@@|\Z)', log, re.S))

    m = re.findall(r'\$\d+ = (0x[0-9a-f]+)', sec.get('start', ''))
    t.ok(len(m) >= 2 and m[0] == m[1], 'stopped before the first instruction (pc == _start)',
         log)
    threads = re.findall(r'^\*?\s+\d+\s+Thread \d+', sec.get('threads', ''), re.M)
    t.ok(len(threads) == 2, 'two threads listed', sec.get('threads', log))
    svc = sec.get('svc', '')
    insns = re.findall(r'^(?:=> )?\s*(0x[0-9a-f]+)', svc, re.M)
    vals = re.findall(r'\$\d+ = (\S+)', svc)
    t.ok(len(insns) >= 4 and len(vals) == 2 and int(vals[0], 16) == int(insns[3], 16) and
         int(vals[1]) == emu_proc.pid,
         'stepi over svc stops right after it, with getpid\'s result in r0', svc)
    regs = re.findall(r'\$\d+ = (-?\d+)', sec.get('regs', ''))
    t.ok(regs == ['2', '3'] and re.search(r'Breakpoint \d+, add', log) is not None,
         'breakpoint on add, arguments read from r0/r1', log)
    step = sec.get('step', '')
    insns = re.findall(r'^(?:=> )?\s*(0x[0-9a-f]+)', step, re.M)
    pcs = re.findall(r'\$\d+ = (0x[0-9a-f]+)', step)
    t.ok(len(insns) >= 2 and pcs and int(pcs[-1], 16) == int(insns[1], 16),
         'stepi runs exactly one instruction', step)
    t.ok(re.search(r'Value returned is \$\d+ = 43', sec.get('setreg', '')) is not None,
         'register write: add(40, 3) returns 43', sec.get('setreg', log))
    check_user_session_end(t, sec, log, status, guest_out)

    # EMU_GDB, and a stop at a guest fault reported as SIGSEGV with the exit by signal
    port = free_port()
    env = dict(os.environ, EMU_GDB=str(port))
    emu_proc = subprocess.Popen([emu, prog], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    log = gdb_batch(['target remote :%d' % port, 'break add', 'continue', 'set $pc = 4',
                     'continue', 'continue'], program=prog)
    try:
        status = emu_proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emu_proc.kill()
        status = emu_proc.wait()
    t.ok(re.search(r'received signal SIG(SEGV|ILL)', log) is not None,
         'EMU_GDB: a guest fault stops with its signal', log)
    t.ok(re.search(r'terminated with signal SIG(SEGV|ILL)', log) is not None and status != 0,
         'continuing delivers it: the process dies by that signal (status %d)' % status, log)

    # -g PATH: a unix socket
    sock = os.path.join(tmp, 'gdb.sock')
    emu_proc = subprocess.Popen([emu, '-g', sock, prog], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(sock):
            break
        time.sleep(0.05)
    log = gdb_batch(['target remote ' + sock, 'continue'], program=prog)
    try:
        status = emu_proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emu_proc.kill()
        status = emu_proc.wait()
    t.ok('exited with code 07' in log and status == 7, '-g on a unix socket path', log)
    t.done()


if __name__ == '__main__':
    main()
