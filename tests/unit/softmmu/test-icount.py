#!/usr/bin/env python3
"""-icount shift=N on emu-system-toy: the virtual clock is exactly the
number of guest instructions completed times 2^N ns, and timers fire at the
exact instruction.  A guest arms the toy-timer and spins reading its
PENDING flag; each time it sees an expiry it prints its loop counter and
the clock.  The expected bytes come from a model of the program written
here (instruction by instruction); the TCI interpreter gives the same, and
two runs with two CPUs interleave identically.
Usage: test-icount.py EMU"""
import os
import struct
import subprocess
import sys
import tempfile

EMU = os.path.abspath(sys.argv[1])
MOVI, ADDI, LD, ST, LDW, BNZ, J, JR, CALL, UDF, HALT = range(1, 12)
FIRINGS = 8
failures = 0


def insn(op, rd=0, rs=0, imm=0):
    return struct.pack('<I', op | rd << 8 | rs << 12 | (imm & 0xffff) << 16)


def check(cond, what):
    global failures
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures += 1


def program(period):
    # index: instruction (r1 uart, r4 timer, r3 exit, r0 firings left, r6 loop counter; the toy CPU has 8 registers)
    return b''.join([
        insn(MOVI, 1, 0, -0x8000),       # 0
        insn(MOVI, 4, 0, -0x3000),       # 1  0xffff...d000
        insn(MOVI, 3, 0, -0x7000),       # 2
        insn(MOVI, 0, 0, FIRINGS),       # 3
        insn(MOVI, 6, 0, 0),             # 4
        insn(MOVI, 2, 0, period),        # 5
        insn(ST, 2, 4, 0x00),            # 6  PERIOD: armed at clock(6)
        insn(ADDI, 6, 6, 1),             # 7  loop:
        insn(LD, 7, 4, 0x18),            # 8  PENDING
        insn(BNZ, 7, 0, 1),              # 9  -> 11
        insn(J, 0, 0, -4),               # 10 -> 7
        insn(LD, 5, 4, 0x10),            # 11 NOW
        insn(ST, 6, 1, 0),               # 12 print r6
        insn(ST, 5, 1, 0),               # 13 print NOW
        insn(ADDI, 0, 0, -1),            # 14
        insn(BNZ, 0, 0, -9),             # 15 -> 7
        insn(MOVI, 2, 0, 0x5555),        # 16
        insn(ST, 2, 3, 0),               # 17 power off
        insn(HALT)])


def model(period, shift):
    """The output bytes, from the rules: an instruction that starts after n
    instructions completed sees the clock n << shift; a timer due at D ns
    fires before the first instruction that starts at a clock >= D."""
    n = 7                                # instructions 0..6 completed
    deadline = (6 << shift) + period     # armed by instruction 6
    pending, r6, out = 0, 0, b''
    seen = 0

    def fire():
        nonlocal deadline, pending
        while (n << shift) >= deadline:
            pending = 1
            deadline += period

    while seen < FIRINGS:
        fire(); r6 += 1; n += 1                      # 7 ADDI
        fire(); r7, pending = pending, 0; n += 1     # 8 LD PENDING
        fire(); n += 1                               # 9 BNZ
        if not r7:
            fire(); n += 1                           # 10 J
            continue
        fire(); now = n << shift; n += 1             # 11 LD NOW
        fire(); out += bytes([r6 & 0xff]); n += 1    # 12
        fire(); out += bytes([now & 0xff]); n += 1   # 13
        fire(); n += 1                               # 14
        seen += 1
        fire(); n += 1                               # 15
    return out


def run(args, prog):
    with tempfile.TemporaryDirectory(prefix='icount-') as tmp:
        k = os.path.join(tmp, 'k.bin')
        out = os.path.join(tmp, 'out.txt')
        open(k, 'wb').write(prog)
        r = subprocess.run([EMU, '-kernel', k, '-serial', 'file:' + out, '-display', 'none'] +
                           args, capture_output=True, timeout=30)
        return r.returncode, open(out, 'rb').read(), r.stderr


for period, shift in [(1000, 0), (733, 0), (4000, 2), (96, 0)]:
    prog = program(period)
    want = model(period, shift)
    rc, got, err = run(['-icount', 'shift=%d' % shift], prog)
    check(rc == 0 and got == want,
          'period %d shift %d: output matches the model (%s vs %s) %s' %
          (period, shift, got.hex(), want.hex(), err.decode().strip()))
    rc2, got2, _ = run(['-icount', str(shift), '-accel', 'tcg,backend=tci'], prog)
    check(rc2 == 0 and len(got) == 2 * FIRINGS and got2 == got,
          'period %d shift %d: the same under TCI' % (period, shift))

# two CPUs run the same program round-robin (65536-instruction turns) on one
# clock and share the timer's PENDING flag: no model, but two runs must
# interleave identically; the period spans several turns so both CPUs run
outs = [run(['-icount', '1', '-smp', '2'], program(30000))[1] for _ in range(2)]
check(len(outs[0]) >= 2 * FIRINGS and outs[0] == outs[1],
      '-smp 2: two runs give the same output (%s)' % outs[0].hex())

print('%d failure(s)' % failures)
sys.exit(1 if failures else 0)
