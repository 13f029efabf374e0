#!/usr/bin/env python3
"""HMP session against emu-system-toy over a unix socket, the serial port
on a TCP socket (input echoed by the guest), and -nographic's mux on stdio
(Ctrl-A c to the monitor, Ctrl-A x to quit).

Memory contents shown by xp/x are compared with the bytes of the loaded
image; `info roms` with its name and size.  Usage: hmp-session.py EMU_SYSTEM_TOY
"""
import os
import re
import select
import socket
import struct
import subprocess
import sys
import tempfile
import time

MOVI, ADDI, LD, ST, LDW, BNZ, J, JR, CALL, UDF, HALT = range(1, 12)


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


# echo: wait for a byte on the UART, send it back, forever
ECHO = (insn(MOVI, 1, 0, -0x8000) +   # 0: r1 = uart
        insn(LD, 2, 1, 8) +           # 4: r2 = status
        insn(BNZ, 2, 0, 1) +          # 8: -> 16 when a byte waits
        insn(J, imm=-3) +             # 12: -> 4
        insn(LD, 2, 1, 0) +           # 16: r2 = byte
        insn(ST, 2, 1, 0) +           # 20: send it
        insn(J, imm=-6))              # 24: -> 4

failures = 0


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1


def connect(family, addr, timeout=10):
    deadline = time.time() + timeout
    while True:
        s = socket.socket(family)
        try:
            s.connect(addr)
            s.settimeout(timeout)
            return s
        except OSError:
            s.close()
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def read_until(s, marker, timeout=10):
    data = b''
    deadline = time.time() + timeout
    while marker not in data:
        if time.time() > deadline:
            raise TimeoutError('waiting for %r, got %r' % (marker, data))
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode(errors='replace').replace('\r\n', '\n')


def hmp(s, line):
    s.sendall(line.encode() + b'\r\n')
    out = read_until(s, b'(emu) ')
    return out[:-len('(emu) ')]


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    emu = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='hmp-')
    img = os.path.join(tmp, 'echo.bin')
    with open(img, 'wb') as f:
        f.write(ECHO)
    mon = os.path.join(tmp, 'mon.sock')
    port = free_port()
    p = subprocess.Popen([emu, '-kernel', img, '-m', '32',
                          '-monitor', 'unix:%s,server=on,wait=off' % mon,
                          '-serial', 'tcp:127.0.0.1:%d,server=on,wait=off' % port],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    m = connect(socket.AF_UNIX, mon)
    banner = read_until(m, b'(emu) ')
    check('monitor - type \'help\'' in banner, 'banner %r' % banner)

    check(hmp(m, 'info status') == 'VM status: running\n', 'info status running')
    check(hmp(m, 'info version').strip() == '0.1.0', 'info version')
    h = hmp(m, 'help')
    check(all(c in h for c in ['info', 'stop', 'cont', 'system_reset', 'quit', 'xp']), 'help')
    check('mtree' in hmp(m, 'info'), 'info lists its items')

    # the serial port echoes through the guest
    ser = connect(socket.AF_INET, ('127.0.0.1', port))
    ser.sendall(b'ping')
    check(read_until(ser, b'ping') == 'ping', 'serial echo over tcp')

    check(hmp(m, 'stop') == '', 'stop')
    check(hmp(m, 'info status') == 'VM status: paused\n', 'info status paused')

    # memory as the monitor shows it, against the image's bytes
    words = struct.unpack('<4I', ECHO[:16])
    out = hmp(m, 'xp /4xw 0')
    want = '0000000000000000: ' + ' '.join('0x%08x' % w for w in words) + '\n'
    check(out == want, 'xp /4xw 0: %r want %r' % (out, want))
    out = hmp(m, 'x /2xg 0x8')
    g = struct.unpack('<2Q', ECHO[8:24])
    check(out == '0000000000000008: 0x%016x 0x%016x\n' % g, 'x /2xg 8: %r' % out)
    out = hmp(m, 'xp /3ub 0')
    check(out == '0000000000000000: %d %d %d\n' % tuple(ECHO[:3]), 'xp /3ub: %r' % out)
    check('Cannot access memory' not in hmp(m, 'xp /1xw 0x1fffffc'), 'last word of 32M RAM')
    out = hmp(m, 'xp /1xw 0x2000000')
    check(out.strip().endswith('0xffffffff'), 'unassigned reads as ones: %r' % out)
    check('invalid format' in hmp(m, 'xp /4q 0'), 'bad format')
    check('address is required' in hmp(m, 'xp /4x'), 'missing address')

    regs = hmp(m, 'info registers')
    check(re.search(r'pc=0*(4|8|c|10|14|18)\b', regs) is not None, 'info registers %r' % regs)
    cpus = hmp(m, 'info cpus')
    check(cpus.startswith('* CPU #0: pc=0x'), 'info cpus %r' % cpus)
    mt = hmp(m, 'info mtree')
    check('ram' in mt and 'toy-uart' in mt and 'toy-exit' in mt, 'info mtree')
    flat = hmp(m, 'info mtree -f')
    check(re.search(r'0000000000000000-0000000001ffffff \(ram\): ram', flat) is not None,
          'info mtree -f: %r' % flat)
    qt = hmp(m, 'info qtree')
    check('dev: toy-uart' in qt and 'mmio ffffffffffff8000/0000000000000010' in qt,
          'info qtree %r' % qt)
    roms = hmp(m, 'info roms')
    check('size=0x%06x' % len(ECHO) in roms and 'echo.bin' in roms, 'info roms %r' % roms)
    gport = socket.socket()
    gport.bind(('127.0.0.1', 0))
    gport_n = gport.getsockname()[1]
    gport.close()
    hmp(m, 'gdbserver tcp::%d' % gport_n)
    try:
        socket.create_connection(('127.0.0.1', gport_n), timeout=2).close()
        listening = True
    except OSError:
        listening = False
    check(listening, 'gdbserver starts the GDB stub')
    check('no display' in hmp(m, 'screendump /tmp/x.ppm'), 'screendump without a display')
    check('no keyboard' in hmp(m, 'sendkey ctrl-alt-delete'), 'sendkey without a keyboard')
    check("unknown command: 'frobnicate'" in hmp(m, 'frobnicate'), 'unknown command')
    check('unknown item' in hmp(m, 'info nothing'), 'unknown info item')

    check(hmp(m, 'c') == '', 'cont (alias)')
    ser.sendall(b'again')
    check(read_until(ser, b'again') == 'again', 'echo after cont')
    hmp(m, 'system_reset')
    hmp(m, 'info status')          # the reset is done once a later command is answered
    ser.sendall(b'reset')
    check(read_until(ser, b'reset') == 'reset', 'echo after system_reset')
    m.sendall(b'quit\r\n')
    check(p.wait(timeout=10) == 0, 'quit exits 0')

    # -nographic: serial and monitor muxed on stdio
    p = subprocess.Popen([emu, '-nographic', '-kernel', img], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b''

    def expect(marker, timeout=10):
        nonlocal out
        deadline = time.time() + timeout
        while marker not in out and time.time() < deadline:
            r, _, _ = select.select([p.stdout], [], [], 0.1)
            if r:
                chunk = os.read(p.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk
        return marker in out

    p.stdin.write(b'hi!')
    p.stdin.flush()
    check(expect(b'hi!') and out.startswith(b'hi!'), 'serial first on the mux: %r' % out[:40])
    p.stdin.write(b'\x01h')        # help text
    p.stdin.flush()
    check(expect(b'C-a c    switch between console and monitor'), 'C-a h')
    p.stdin.write(b'\x01cinfo status\r')
    p.stdin.flush()
    check(expect(b'VM status: running'), 'monitor reached with C-a c')
    p.stdin.write(b'\x01c')        # back to the serial port
    p.stdin.write(b'\x01x')        # quit
    p.stdin.flush()
    rest, err = p.communicate(timeout=10)
    check(p.returncode == 0, 'mux quit exits 0 (%d, %r)' % (p.returncode, err))
    check(b'terminating' in out + rest, 'C-a x says why it ends')

    # cpu N, x through the CPU's MMU (devices too), info pci: two CPUs, stopped
    mon2 = os.path.join(tmp, 'mon2.sock')
    p = subprocess.Popen([emu, '-S', '-smp', '2', '-kernel', img, '-monitor',
                          'unix:%s,server=on,wait=off' % mon2, '-device',
                          'pci-testdev,addr=05.0,id=tdev'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    m = connect(socket.AF_UNIX, mon2)
    read_until(m, b'(emu) ')
    check(hmp(m, 'cpu 1') == '', 'cpu 1')
    cpus = hmp(m, 'info cpus')
    check('  CPU #0' in cpus and '* CPU #1' in cpus, 'info cpus marks CPU #1: %r' % cpus)
    check('invalid CPU index 7' in hmp(m, 'cpu 7'), 'cpu 7 refused')
    check('* CPU #1' in hmp(m, 'info cpus'), 'a refused cpu N keeps the CPU')
    # the toy MMU maps 1:1: x at a device reads the device (the PCI host's address register)
    out = hmp(m, 'x /1xw 0xffffffffffffb000')
    check(out == 'ffffffffffffb000: 0x00000000\n', 'x on a device page: %r' % out)
    out = hmp(m, 'x /2xw 0')
    want = '0000000000000000: 0x%08x 0x%08x\n' % struct.unpack('<2I', ECHO[:8])
    check(out == want, 'x /2xw 0 on CPU #1: %r' % out)
    pci = hmp(m, 'info pci')
    check('Bus  0, device   5, function 0:' in pci and 'PCI device 1234:0e70' in pci and
          'id "tdev"' in pci, 'info pci: %r' % pci)
    check('no drives' in hmp(m, 'info block'), 'info block without drives')
    m.sendall(b'quit\r\n')
    check(p.wait(timeout=10) == 0, 'quit exits 0 (second session)')

    print('%d failure(s)' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
