"""Shared helpers of the gdb interop tests (gdb-user*.py, gdb-system*.py,
gdb-fuzz.py): TAP output, free ports, gdb-multiarch in batch mode, the
user-mode session and its common checks, and a
minimal remote-protocol client written from the GDB manual's packet
description (for the fuzz test, which must send what gdb never would)."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=''):
        self.n += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n, name))
        if not cond:
            self.failed += 1
            for line in str(detail).splitlines()[-40:]:
                print('#   ' + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print('1..%d' % self.n)
        sys.exit(1 if self.failed else 0)


def skip_all(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(0)


def need_tool(name, hint):
    if not shutil.which(name):
        skip_all('missing %s (%s)' % (name, hint))


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, proc, timeout=10):
    """Wait until something listens on port (the emulator started)."""
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def gdb_batch(commands, timeout=60, program=None):
    """Run gdb-multiarch -batch with commands; returns its combined output."""
    args = ['gdb-multiarch', '-nx', '-batch', '-ex', 'set pagination off',
            '-ex', 'set confirm off']
    if program:
        args += ['-ex', 'file ' + program]
    for c in commands:
        args += ['-ex', c]
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout, text=True)
    return r.stdout


def gdb_user_session(emu, args, prog, cmds, env=None):
    """Start the user-mode emulator with -g on prog, run gdb's commands
    against it; returns (gdb's output, the emulator's exit status, its
    output, its pid)."""
    port = free_port()
    proc = subprocess.Popen([emu, '-g', str(port)] + args + [prog], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env)
    try:
        log = gdb_batch(['target remote :%d' % port] + cmds, timeout=60, program=prog)
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ''
        log = (out.decode() if isinstance(out, bytes) else out) + '\n(gdb timed out)'
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return log, proc.returncode, out.decode(errors='replace'), proc.pid


def check_user_session_end(t, sec, log, status, guest_out):
    """The checks every user-mode gdb session shares (the guest gdb-guest.c):
    memory read and written, the write watchpoint's two stops, the exit
    status gdb reports, and the guest's own output with the changes gdb made.
    sec maps each section marker of the session to its output."""
    mem = re.findall(r'\$\d+ = (\d+)', sec.get('mem', ''))
    t.ok(mem == ['7', '42'], 'memory read and written', sec.get('mem', log))
    watch = sec.get('watch', '')
    t.ok(re.search(r'Old value = 0\s+New value = 5', watch) is not None and
         re.search(r'Old value = 5\s+New value = 10', watch) is not None,
         'write watchpoint triggers twice with the right values', watch)
    t.ok('exited with code 052' in sec.get('exit', ''), 'gdb sees the exit status 42',
         sec.get('exit', log))
    t.ok(status == 42 and 'add=43 counter=10 patched=42' in guest_out,
         'the guest ran to its end with the debugger\'s changes (status %s)' % status,
         guest_out)


def checksum(body):
    return '%02x' % (sum(body) & 0xff)


class Rsp:
    """A remote-protocol client: framing, acks, replies (bytes)."""

    def __init__(self, port, timeout=5):
        self.s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b''
        self.acks = True

    def raw(self, data):
        self.s.sendall(data)

    def send(self, body):
        if isinstance(body, str):
            body = body.encode('latin1')
        self.raw(b'$' + body + b'#' + checksum(body).encode())

    def recv(self, timeout=5):
        """The next packet body, acking it; None on timeout."""
        self.s.settimeout(timeout)
        end = time.time() + timeout
        while True:
            i = self.buf.find(b'$')
            j = self.buf.find(b'#', i + 1) if i >= 0 else -1
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                body = self.buf[i + 1:j]
                self.buf = self.buf[j + 3:]
                if self.acks:
                    self.raw(b'+')
                return body
            if time.time() > end:
                return None
            try:
                chunk = self.s.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                return None
            self.buf += chunk

    def cmd(self, body, timeout=5):
        self.send(body)
        return self.recv(timeout)

    def close(self):
        self.s.close()
