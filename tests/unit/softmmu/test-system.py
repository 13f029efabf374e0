#!/usr/bin/env python3
"""emu-system-toy end to end: chardev back ends (file, pipe, pty, socket
client with reconnect), the terminal restored after SIGTERM and SIGABRT,
-d guest_errors on unassigned accesses, -icount, -smp, -no-reboot, and
the one-line errors of the command line.  Usage: test-system.py EMU"""
import os
import pty
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time

MOVI, ADDI, LD, ST, LDW, BNZ, J, JR, CALL, UDF, HALT = range(1, 12)


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


def hello(text, end=0x5555):
    p = insn(MOVI, 1, 0, -0x8000)
    for ch in text:
        p += insn(MOVI, 2, 0, ch) + insn(ST, 2, 1, 0)
    return p + insn(MOVI, 3, 0, -0x7000) + insn(MOVI, 2, 0, end) + insn(ST, 2, 3, 0) + insn(HALT)


ECHO = (insn(MOVI, 1, 0, -0x8000) + insn(LD, 2, 1, 8) + insn(BNZ, 2, 0, 1) + insn(J, imm=-3) +
        insn(LD, 2, 1, 0) + insn(ST, 2, 1, 0) + insn(J, imm=-6))

failures = 0


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1


def run(args, timeout=10, **kw):
    return subprocess.run([EMU] + args, capture_output=True, timeout=timeout, **kw)


def main():
    tmp = tempfile.mkdtemp(prefix='sys-')

    def img(name, data):
        path = os.path.join(tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    hi = img('hello.bin', hello(b'hello\n'))
    echo = img('echo.bin', ECHO)

    # file
    out = os.path.join(tmp, 'out.txt')
    r = run(['-kernel', hi, '-serial', 'file:' + out])
    check(r.returncode == 0 and open(out).read() == 'hello\n', 'serial to a file')
    r = run(['-kernel', hi, '-chardev', 'file,id=f,path=%s' % out, '-serial', 'chardev:f'])
    check(r.returncode == 0 and open(out).read() == 'hello\n', '-chardev file')

    # pipe: P.in / P.out FIFOs, the guest echoes
    fifo = os.path.join(tmp, 'p')
    os.mkfifo(fifo + '.in')
    os.mkfifo(fifo + '.out')
    p = subprocess.Popen([EMU, '-kernel', echo, '-serial', 'pipe:' + fifo],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    fin = os.open(fifo + '.in', os.O_WRONLY)
    fout = os.open(fifo + '.out', os.O_RDONLY)
    os.write(fin, b'xyz')
    got = b''
    deadline = time.time() + 5
    while len(got) < 3 and time.time() < deadline:
        got += os.read(fout, 16)
    check(got == b'xyz', 'pipe echo %r' % got)
    p.send_signal(signal.SIGTERM)
    check(p.wait(timeout=10) == 0, 'SIGTERM: clean exit')
    os.close(fin)
    os.close(fout)

    # pty: the path is printed, the guest echoes through it
    p = subprocess.Popen([EMU, '-kernel', echo, '-serial', 'pty'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    check(line.startswith('char device redirected to /dev/pts/'), 'pty announced: %r' % line)
    path = line.split()[4]
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    os.write(fd, b'pty!')
    got = b''
    deadline = time.time() + 5
    while len(got) < 4 and time.time() < deadline:
        got += os.read(fd, 16)
    check(got == b'pty!', 'pty echo %r' % got)
    os.close(fd)
    p.terminate()
    p.wait(timeout=10)

    # socket client with reconnect: emu starts before the server exists
    sp = os.path.join(tmp, 'srv.sock')
    p = subprocess.Popen([EMU, '-kernel', echo, '-chardev',
                          'socket,id=s0,path=%s,reconnect=1' % sp, '-serial', 'chardev:s0'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.3)
    srv = socket.socket(socket.AF_UNIX)
    srv.bind(sp)
    srv.listen(1)
    srv.settimeout(5)
    c, _ = srv.accept()
    c.settimeout(5)
    c.sendall(b'late')
    got = b''
    while len(got) < 4:
        got += c.recv(16)
    check(got == b'late', 'socket client reconnected and echoes')
    c.close()
    c, _ = srv.accept()            # it comes back after we drop it
    c.settimeout(5)
    c.sendall(b'again')
    got = b''
    while len(got) < 5:
        got += c.recv(16)
    check(got == b'again', 'socket client reconnects after a disconnect')
    p.terminate()
    p.wait(timeout=10)

    # the terminal: raw while running, restored after SIGTERM and after SIGABRT
    for sig in (signal.SIGTERM, signal.SIGABRT):
        master, slave = pty.openpty()
        before = termios.tcgetattr(slave)
        p = subprocess.Popen([EMU, '-kernel', echo, '-serial', 'stdio'], stdin=slave,
                             stdout=slave, stderr=subprocess.PIPE)
        deadline = time.time() + 5
        while termios.tcgetattr(slave)[3] & termios.ICANON and time.time() < deadline:
            time.sleep(0.02)
        during = termios.tcgetattr(slave)
        check(not during[3] & termios.ICANON and not during[3] & termios.ECHO,
              'stdio puts the terminal in raw mode')
        p.send_signal(sig)
        p.wait(timeout=10)
        after = termios.tcgetattr(slave)
        check(after == before, 'terminal restored after signal %d' % sig)
        os.close(master)
        os.close(slave)

    # a monitor on a terminal echoes what is typed (the terminal is raw)
    master, slave = pty.openpty()
    p = subprocess.Popen([EMU, '-S', '-kernel', echo, '-monitor', 'stdio'], stdin=slave,
                         stdout=slave, stderr=subprocess.PIPE)
    got = b''
    deadline = time.time() + 5
    while b'(emu) ' not in got and time.time() < deadline:
        got += os.read(master, 4096)
    os.write(master, b'info verx\x7fsion\r')
    got = b''
    while b'0.1.0' not in got and time.time() < deadline:
        got += os.read(master, 4096)
    # the terminal's own output processing turns each LF into CR LF
    check(got.startswith(b'info verx\x08 \x08sion\r\n0.1.0\r\n'), 'monitor echo on a terminal: %r' % got)

    # line editing and history (readline keys): each line must run `info version`
    def typed(keys, what):
        os.write(master, keys)
        out = b''
        end = time.time() + 5
        while b'0.1.0' not in out and time.time() < end:
            out += os.read(master, 4096)
        check(b'0.1.0' in out, 'monitor line editing: %s' % what)
    typed(b'\x1b[A\r', 'Up recalls the last line')
    typed(b'inf version' + b'\x1b[D' * 8 + b'o\r', 'Left arrows then insert')
    typed(b'garbage\x15info version\r', 'Ctrl-U kills the line')
    typed(b'version\x01info \r', 'Ctrl-A goes to the start')
    typed(b'info vers xx\x17\x08ion\r', 'Ctrl-W deletes a word')
    typed(b'info status\r\x1b[A\x1b[A\r', 'Up twice skips to the older entry')
    os.write(master, b'quit\r')
    p.wait(timeout=10)
    os.close(master)
    os.close(slave)

    # guest_errors: an unassigned read gives ones and a log line; the guest goes on
    log = os.path.join(tmp, 'log.txt')
    prog = (insn(MOVI, 4, 0, -0x6000) +                              # 0xffff...a000: nothing there
            insn(LD, 5, 4, 0) + insn(ADDI, 5, 5, 1) +                # r5 = ~0 + 1 = 0 when all ones
            insn(BNZ, 5, 0, -1) +                                    # otherwise spin (test times out)
            hello(b'ones\n'))
    r = run(['-kernel', img('unassigned.bin', prog), '-serial', 'file:' + out,
             '-d', 'guest_errors', '-D', log])
    check(r.returncode == 0 and open(out).read() == 'ones\n', 'unassigned read is all ones')
    check('unassigned read of 8 bytes at 0xffffffffffffa000' in open(log).read(),
          'guest_errors logged: %r' % open(log).read()[:200])

    # -icount and -smp: the same output, deterministic exit
    r = run(['-kernel', hi, '-serial', 'file:' + out, '-icount', 'shift=3', '-smp', '4'])
    check(r.returncode == 0 and open(out).read().startswith('hello\n'), '-icount 3 -smp 4')
    # -no-reboot: a guest reset ends the run
    r = run(['-kernel', img('reset.bin', hello(b'r', end=0x7777)), '-serial', 'file:' + out,
             '-no-reboot'])
    check(r.returncode == 0 and open(out).read() == 'r', '-no-reboot exits on a guest reset')
    # -accel tcg,backend=tci runs the same guest
    r = run(['-kernel', hi, '-serial', 'file:' + out, '-accel', 'tcg,backend=tci,tb-size=4'])
    check(r.returncode == 0 and open(out).read() == 'hello\n', '-accel tcg,backend=tci')
    # a uImage kernel (U-Boot legacy header, CRCs from Python's zlib)
    import zlib
    payload = hello(b'uimg\n')
    hdr = struct.pack('>IIIIIIIBBBB32s', 0x27051956, 0, 0, len(payload), 0, 0,
                      zlib.crc32(payload), 5, 2, 2, 0, b'toy')
    hdr = hdr[:4] + struct.pack('>I', zlib.crc32(hdr)) + hdr[8:]
    r = run(['-kernel', img('k.uimg', hdr + payload), '-serial', 'file:' + out])
    check(r.returncode == 0 and open(out).read() == 'uimg\n', 'uImage kernel')

    # one error line, exit 1
    for args, msg in [(['-bogus'], "unknown option '-bogus'"),
                      (['-m'], "requires an argument"),
                      (['-m', '12Q'], '-m 12Q'),
                      (['-M', 'nope'], "unsupported machine type 'nope'"),
                      (['-cpu', 'nope'], "unknown CPU model 'nope'"),
                      (['-kernel', '/no/such'], '-kernel /no/such: No such file'),
                      (['-smp', '9'], 'at most 4'),
                      (['-serial', 'bogus:x'], 'not a character device'),
                      (['-chardev', 'socket,id=x'], 'path= or port='),
                      (['-device', 'toy-uart,chardev=nope'], "chardev 'nope' not found"),
                      (['-device', 'nope'], "'nope' is not a valid device type"),
                      (['-accel', 'kvm'], 'not an accelerator'),
                      (['-icount', '99'], 'shift=99'),
                      (['-d', 'nonsense'], 'nonsense'),
                      (['-append', 'x'], 'need -kernel'),
                      (['extra'], "unexpected argument 'extra'")]:
        r = run(args)
        err = r.stderr.decode()
        check(r.returncode == 1 and err.count('\n') == 1 and err.startswith('emu-system-toy: ')
              and msg in err, '%s -> %r' % (' '.join(args), err))
    print('%d failure(s)' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    EMU = sys.argv[1]
    sys.exit(main())
