#!/usr/bin/env python3
"""QMP session against emu-system-toy over a unix socket.

A small client (no QEMU library): greeting, capabilities negotiation,
query-status/-version/-cpus-fast, stop/cont with their events, malformed
JSON of several kinds (each must give an error object and leave the
session usable), human-monitor-command, system_reset, a guest power-off
under -no-shutdown, quit.  Usage: qmp-session.py EMU_SYSTEM_TOY
"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

MOVI, ADDI, LD, ST, LDW, BNZ, J, JR, CALL, UDF, HALT = range(1, 12)


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


class QMP:
    def __init__(self, path, timeout=10):
        deadline = time.time() + timeout
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.s.settimeout(timeout)
        self.buf = b''
        self.events = []

    def recv(self):
        while b'\n' not in self.buf:
            data = self.s.recv(65536)
            if not data:
                raise EOFError('connection closed')
            self.buf += data
        line, self.buf = self.buf.split(b'\n', 1)
        return json.loads(line)

    def send_raw(self, data):
        self.s.sendall(data)

    def reply(self):
        """The next non-event message; events are kept."""
        while True:
            m = self.recv()
            if 'event' in m:
                self.events.append(m)
            else:
                return m

    def cmd(self, name, args=None, id=None):
        req = {'execute': name}
        if args is not None:
            req['arguments'] = args
        if id is not None:
            req['id'] = id
        self.send_raw(json.dumps(req).encode() + b'\n')
        return self.reply()

    def wait_event(self, name, timeout=10):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e['event'] == name:
                    return self.events.pop(i)
            if time.time() > deadline:
                raise TimeoutError('no %s event (have %s)' % (name, self.events))
            self.events.append(self.recv())


failures = 0


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1


def expect_error(m, klass, fragment, what):
    ok = 'error' in m and m['error'].get('class') == klass and fragment in m['error'].get('desc', '')
    check(ok, '%s -> %s' % (what, m))


def main():
    emu = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='qmp-')
    # a guest that spins: the VM stays up until quit
    spin = os.path.join(tmp, 'spin.bin')
    with open(spin, 'wb') as f:
        f.write(insn(ADDI, 1, 1, 1) + insn(J, imm=-2))
    sock = os.path.join(tmp, 'qmp.sock')
    p = subprocess.Popen([emu, '-S', '-smp', '2', '-kernel', spin,
                          '-qmp', 'unix:%s,server=on,wait=off' % sock],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    q = QMP(sock)
    g = q.recv()
    check('QMP' in g and g['QMP']['version']['qemu']['major'] == 0 and
          g['QMP']['capabilities'] == [], 'greeting %s' % g)

    expect_error(q.cmd('query-status'), 'CommandNotFound', 'qmp_capabilities',
                 'command before negotiation')
    check(q.cmd('qmp_capabilities') == {'return': {}}, 'qmp_capabilities')
    expect_error(q.cmd('qmp_capabilities'), 'GenericError', 'already complete', 'second negotiation')

    r = q.cmd('query-status', id='a1')
    check(r.get('id') == 'a1' and r['return']['status'] == 'prelaunch' and
          r['return']['running'] is False, 'query-status under -S: %s' % r)
    r = q.cmd('query-version')
    check(r['return']['package'] == 'emu' and 'qemu' in r['return'], 'query-version %s' % r)
    r = q.cmd('query-cpus-fast')
    check([c['cpu-index'] for c in r['return']] == [0, 1] and
          all(c['target'] == 'toy' for c in r['return']), 'query-cpus-fast %s' % r)

    check(q.cmd('cont') == {'return': {}}, 'cont')
    q.wait_event('RESUME')
    check(q.cmd('query-status')['return']['status'] == 'running', 'running after cont')
    check(q.cmd('stop') == {'return': {}}, 'stop')
    e = q.wait_event('STOP')
    check(set(e['timestamp']) == {'seconds', 'microseconds'}, 'STOP event %s' % e)
    check(q.cmd('query-status')['return'] ==
          {'running': False, 'singlestep': False, 'status': 'paused'}, 'paused after stop')

    # malformed input: each gets an error object, the session goes on
    for raw, frag in [(b'{"execute": }\n', 'JSON parse error'),
                      (b'[1, 2]\n', 'must be a JSON object'),
                      (b'nonsense\n', 'JSON parse error'),
                      (b'"just a string"\n', 'must be a JSON object'),
                      (b'{"arguments": {}}\n', "lacks member 'execute'"),
                      (b'{"execute": 42}\n', 'must be a string'),
                      (b'{"execute": "stop", "bogus": 1}\n', 'unexpected'),
                      (b'{"execute": "stop", "arguments": [1]}\n', 'must be an object'),
                      (b'{"execute": "query-status", "arguments": {"x": 1}}\n', "'x' is unexpected"),
                      (b'\xff\xfe{}\n', 'JSON parse error')]:
        q.send_raw(raw)
        expect_error(q.reply(), 'GenericError', frag, 'malformed %r' % raw)
    # a complete value followed by a stray bracket: the value runs, the bracket is an error
    q.send_raw(b'{"execute": "query-status",\n "id": 5}}\n')
    check(q.reply().get('id') == 5, 'value before a stray bracket')
    expect_error(q.reply(), 'GenericError', 'JSON parse error', 'stray bracket')
    expect_error(q.cmd('no-such-command', id=7), 'CommandNotFound', 'no-such-command',
                 'unknown command')
    # a value split across writes and two values in one write
    q.send_raw(b'{"execute": "query-')
    time.sleep(0.05)
    q.send_raw(b'status", "id": 1}{"execute": "query-status", "id": 2}')
    check(q.reply().get('id') == 1 and q.reply().get('id') == 2, 'split and joined values')

    r = q.cmd('human-monitor-command', {'command-line': 'info status'})
    check(r == {'return': 'VM status: paused\n'}, 'human-monitor-command %s' % r)
    expect_error(q.cmd('human-monitor-command', {}), 'GenericError', "'command-line' is missing",
                 'human-monitor-command without its argument')

    check(q.cmd('system_reset') == {'return': {}}, 'system_reset')
    e = q.wait_event('RESET')
    check(e['data'] == {'guest': False, 'reason': 'host-qmp-system-reset'}, 'RESET %s' % e)

    check(q.cmd('quit') == {'return': {}}, 'quit')
    e = q.wait_event('SHUTDOWN')
    check(e['data'] == {'guest': False, 'reason': 'host-qmp-quit'}, 'SHUTDOWN %s' % e)
    rc = p.wait(timeout=10)
    check(rc == 0, 'exit status %d' % rc)

    # a guest power-off under -no-shutdown: stop, then reset restarts it
    off = os.path.join(tmp, 'off.bin')
    with open(off, 'wb') as f:
        f.write(insn(MOVI, 3, 0, -0x7000) + insn(MOVI, 2, 0, 0x5555) + insn(ST, 2, 3, 0) +
                insn(HALT))
    sock2 = os.path.join(tmp, 'qmp2.sock')
    p = subprocess.Popen([emu, '-S', '-no-shutdown', '-kernel', off,
                          '-qmp', 'unix:%s,server=on,wait=off' % sock2],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    q = QMP(sock2)
    q.recv()
    q.cmd('qmp_capabilities')
    q.cmd('cont')
    e = q.wait_event('SHUTDOWN')
    check(e['data'] == {'guest': True, 'reason': 'guest-shutdown'}, 'guest SHUTDOWN %s' % e)
    q.wait_event('STOP')
    check(q.cmd('query-status')['return']['status'] == 'shutdown', 'status shutdown')
    expect_error(q.cmd('cont'), 'GenericError', 'Resetting', 'cont after power-off')
    q.cmd('system_reset')
    q.wait_event('RESET')
    q.wait_event('RESUME')
    q.wait_event('SHUTDOWN')       # the guest powers off again
    q.cmd('quit')
    check(p.wait(timeout=10) == 0, 'second run exits')

    # a client that disconnects mid-value does not disturb the next one
    sock3 = os.path.join(tmp, 'qmp3.sock')
    p = subprocess.Popen([emu, '-S', '-kernel', spin, '-qmp', 'unix:%s,server=on,wait=off' % sock3],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    q = QMP(sock3)
    q.recv()
    q.send_raw(b'{"execute": "qmp_capabilities"')
    q.s.close()
    q = QMP(sock3)
    q.recv()
    check(q.cmd('qmp_capabilities') == {'return': {}}, 'new session after a broken one')
    q.cmd('quit')
    check(p.wait(timeout=10) == 0, 'third run exits')

    print('%d failure(s)' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
