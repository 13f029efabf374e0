#!/usr/bin/env python3
"""Protocol fuzz of the gdbstub over its socket, in user mode (emu-arm on
gdb-guest.c, spinning) and system mode (emu-system-toy on a loop), bounded
in count and time:

  - while stopped: random read-only packets, malformed forms of every
    command that would change the guest (each must get an Enn or empty
    reply), absurd lengths, addresses outside guest memory, oversized
    packets, bad checksums and noise between packets;
  - while the guest runs: the same read-only packets and noise, then Ctrl-C
    (a T02 stop must come back);
  - then the guest must still be healthy: its counter advanced while it
    ran, and it runs to its normal end (user: exit status 7 after gdb sets
    stop_spinning; system: k ends the emulator).

usage: gdb-fuzz.py EMU_ARM|- EMU_SYSTEM_TOY|- [--count N] [--seed S]
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_common import Rsp, Tap, free_port, wait_port  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CC = 'arm-linux-gnueabihf-gcc'
DEADLINE = time.time() + 40        # the whole run, whatever the count

# Malformed forms of the commands that change the guest or the session.
MALFORMED = [
    'Mzz,4:00000000', 'M100,zz:00', 'M0,4:0g0g0g0g', 'M0,4:00', 'M0,4', 'M,', 'X1,2', 'X1,2:a',
    'Xzz,1:a', 'G0', 'Gzz', 'Pzz=00', 'P1=0', 'P1', 'P=', 'Z0,zz,4', 'Z0,10', 'Z0,,', 'Zq',
    'Z2,10,99', 'z0,zz,4', 'z', 'vCont;q', 'vCont;s:zz', 'vCont;', 'vCont;c:', 'vContx',
    'Cxx', 'Sgg', 'C', 'c junk', 's junk', 'Hq1', 'Hgzz', 'qRcmd,6', 'qRcmd,zz',
    'qXfer:features:read:target.xml:zz,10', 'qXfer:features:read:target.xml:0',
    'qXfer:features:read:nope.xml:0,10', 'm0,ffffffff', 'm0,100000000000', 'mzz,4', 'm0,',
    'p', 'pzz', 'p99999999999999999', 'T', 'Tzz',
]

READ_ONLY_HEADS = ['g', 'p', 'm', 'H', 'T', 'q', '?', 'qXfer:features:read:', 'qC',
                   'qfThreadInfo', 'qsThreadInfo', 'qAttached', 'qOffsets', 'qSupported']


def rand_body(rng):
    head = rng.choice(READ_ONLY_HEADS)
    alphabet = '0123456789abcdefxyz,:;=-*.'
    tail = ''.join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
    return head + tail


def noise(rng):
    # bytes between packets: never '$' (it would start one), '-' (a resend request) nor Ctrl-C
    return bytes(b for b in (rng.randrange(256) for _ in range(rng.randrange(1, 16)))
                 if b not in (0x24, 0x2d, 0x03))


def fuzz_stopped(t, r, rng, count, label):
    """Every framed packet gets a reply; malformed changers get errors."""
    bad = []
    for i in range(count):
        if time.time() > DEADLINE:
            break
        kind = rng.randrange(10)
        if kind < 5:
            body = rand_body(rng)
            reply = r.cmd(body)
            if reply is None:
                bad.append('no reply to %r' % body)
        elif kind < 8:
            body = rng.choice(MALFORMED)
            reply = r.cmd(body)
            if reply is None or not (reply == b'' or reply.startswith(b'E')):
                bad.append('%r -> %r' % (body, reply))
        elif kind == 8:
            # a bad checksum: answered '-', no packet
            r.raw(b'$g#00')
        else:
            r.raw(noise(rng))
    reply = r.cmd('m0,ffffffffff')
    if reply is None or not reply.startswith(b'E'):
        bad.append('absurd length -> %r' % reply)
    reply = r.cmd('m' + 'f' * 12 + '00,4')
    if reply is None or not reply.startswith(b'E'):
        bad.append('outside guest memory -> %r' % reply)
    r.send('m' + '0' * 20000)      # longer than PacketSize
    reply = r.recv()
    if reply is None or not reply.startswith(b'E'):
        bad.append('oversized packet -> %r' % reply)
    t.ok(not bad, '%s: %d packets while stopped, malformed ones refused' % (label, count),
         '\n'.join(bad[:20]))


def fuzz_running(t, r, rng, count, label):
    """Packets and noise while the guest runs, then Ctrl-C must stop it."""
    for i in range(count):
        if time.time() > DEADLINE:
            break
        if rng.randrange(4):
            r.send(rand_body(rng))
        else:
            r.raw(noise(rng))
    # drain the replies, then interrupt
    while r.recv(timeout=0.3) is not None:
        pass
    r.raw(b'\x03')
    stop = None
    end = time.time() + 10
    while time.time() < end:
        reply = r.recv(timeout=1)
        if reply is not None and reply.startswith(b'T'):
            stop = reply
            break
    t.ok(stop is not None and stop.startswith(b'T02'),
         '%s: %d packets while running, then Ctrl-C stops with SIGINT (%r)' % (label, count,
                                                                                stop))


def user_mode(t, emu, count, seed):
    tmp = tempfile.mkdtemp(prefix='gdb-fuzz-')
    prog = os.path.join(tmp, 'gdb-guest')
    r = subprocess.run([CC, '-static', '-g', '-O1', '-pthread', '-o', prog,
                        os.path.join(HERE, 'gdb-guest.c')], capture_output=True, text=True)
    if r.returncode:
        t.ok(True, 'user mode skipped: %s unusable # SKIP' % CC)
        return
    nm = subprocess.run([CC.replace('gcc', 'nm'), prog], capture_output=True, text=True).stdout
    syms = {l.split()[2]: int(l.split()[0], 16) for l in nm.splitlines() if len(l.split()) == 3}
    port = free_port()
    p = subprocess.Popen([emu, '-g', str(port), prog, 'spin'], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    rng = random.Random(seed)
    r = None
    for _ in range(100):
        try:
            r = Rsp(port)
            break
        except OSError:
            time.sleep(0.05)
    if not t.ok(r is not None, 'user: connected'):
        p.kill()
        return
    t.ok(r.cmd('?') is not None, 'user: stopped at start')
    fuzz_stopped(t, r, rng, count, 'user')
    r.cmd('Hg0')
    r.send('vCont;c')
    time.sleep(0.2)
    fuzz_running(t, r, rng, count // 2, 'user')
    spins = r.cmd('m%x,4' % syms['spins'])
    n = struct.unpack('<I', bytes.fromhex(spins.decode()))[0] if spins and \
        len(spins) == 8 else 0
    t.ok(n > 0, 'user: the guest ran meanwhile (%d spins)' % n)
    t.ok(r.cmd('M%x,4:01000000' % syms['stop_spinning']) == b'OK', 'user: memory write')
    r.send('c')
    end = r.recv(timeout=20)
    out, _ = p.communicate(timeout=20)
    t.ok(end == b'W07' and p.returncode == 7 and b'add=5 counter=10 patched=7' in out,
         'user: the guest runs to its end (%r, status %d)' % (end, p.returncode), out)
    r.close()


def system_mode(t, emu, count, seed):
    tmp = tempfile.mkdtemp(prefix='gdb-fuzz-')
    image = os.path.join(tmp, 'loop.bin')
    # MOVI r1, 0; ADDI r1, r1, 1; J -2 (the toy ISA, tests/unit/accel/toy.h)
    code = b''.join(struct.pack('<I', w) for w in (0x00000101, 0x00011102, 0xfffe0007))
    with open(image, 'wb') as f:
        f.write(code)
    port = free_port()
    p = subprocess.Popen([emu, '-kernel', image, '-display', 'none', '-serial', 'none', '-S',
                          '-gdb', 'tcp::%d' % port], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    rng = random.Random(seed + 1)
    r = None
    for _ in range(100):
        try:
            r = Rsp(port)
            break
        except OSError:
            time.sleep(0.05)
    if not t.ok(r is not None, 'system: connected'):
        p.kill()
        return
    t.ok(r.cmd('?') is not None, 'system: stopped at reset')
    fuzz_stopped(t, r, rng, count, 'system')
    r.cmd('Hg0')
    r.send('vCont;c')
    time.sleep(0.2)
    fuzz_running(t, r, rng, count // 2, 'system')
    x1 = r.cmd('p1')
    n = struct.unpack('<Q', bytes.fromhex(x1.decode()))[0] if x1 and len(x1) == 16 else 0
    t.ok(n > 0, 'system: the guest ran meanwhile (r1 = %d)' % n)
    r.send('k')
    try:
        out, _ = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    t.ok(p.returncode == 0, 'system: k ends the emulator cleanly (status %s)' % p.returncode,
         out)
    r.close()


def main():
    args = sys.argv[1:]
    count = 400
    seed = 20261122
    if '--count' in args:
        i = args.index('--count')
        count = int(args[i + 1])
        del args[i:i + 2]
    if '--seed' in args:
        i = args.index('--seed')
        seed = int(args[i + 1])
        del args[i:i + 2]
    t = Tap()
    print('# seed %d, count %d' % (seed, count))
    if args[0] != '-':
        if subprocess.run(['which', CC], capture_output=True).returncode:
            t.ok(True, 'user mode skipped: missing cross compiler: %s # SKIP' % CC)
        else:
            user_mode(t, args[0], count, seed)
    if len(args) > 1 and args[1] != '-':
        system_mode(t, args[1], count, seed)
    t.done()


if __name__ == '__main__':
    main()
