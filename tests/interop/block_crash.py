#!/usr/bin/env python3
"""Crash consistency of the qcow2 driver.

A writer process (emu-blockio crash-writer) does random allocation-heavy
writes, flushing every few writes and logging each flush; it is killed with
SIGKILL at a random moment.  Then:
  - `emu-img check` and Debian's `qemu-img check` (when installed) must find
    no corruption (exit 0, or 3 for leaks only);
  - `emu-img check -r all` repairs the leaks and a second check is clean;
  - every acknowledged-and-flushed write reads back (crash-verify).
Rounds alternate cluster sizes (512 B makes refcount-table growth happen)
and lazy refcounts.  Prints TAP.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

EMU_IMG = os.environ["EMU_IMG"]
BLOCKIO = os.environ["EMU_BLOCKIO"]
QEMU_IMG = shutil.which("qemu-img")
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 8
GEOMETRIES = ["cluster_size=512", "cluster_size=4096", "cluster_size=65536",
              "cluster_size=4096,lazy_refcounts=on", "cluster_size=1024,refcount_bits=2"]


def one_round(tmp, n, rnd):
    opts = GEOMETRIES[n % len(GEOMETRIES)]
    img = os.path.join(tmp, "crash.qcow2")
    log = os.path.join(tmp, "flushed.log")
    for f in (img, log):
        if os.path.exists(f):
            os.unlink(f)
    subprocess.run([EMU_IMG, "create", "-q", "-f", "qcow2", "-o", opts, img, "64M"],
                   check=True)
    seed = str(rnd.randrange(1, 1 << 30))
    every = str(rnd.choice([1, 3, 8]))
    w = subprocess.Popen([BLOCKIO, "crash-writer", img, seed, log, every])
    time.sleep(rnd.uniform(0.05, 0.8))
    w.send_signal(signal.SIGKILL)
    w.wait()
    notes = [opts, "seed=" + seed, "every=" + every]
    checks = [[EMU_IMG, "check", img]]
    if QEMU_IMG:
        checks.append([QEMU_IMG, "check", img])
    if "lazy" in opts:
        # With lazy refcounts the dirty bit says refcounts may lag: the contract is
        # that the repair (done on open for writing, or by check -r) restores them.
        checks = []
    for c in checks:
        p = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode not in (0, 3):
            return False, notes + [" ".join(c) + " exited %d" % p.returncode, p.stdout[-2000:]]
    p = subprocess.run([EMU_IMG, "check", "-r", "all", img], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        return False, notes + ["repair failed", p.stdout[-2000:]]
    if QEMU_IMG:
        p = subprocess.run([QEMU_IMG, "check", img], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            return False, notes + ["qemu-img check after repair", p.stdout[-2000:]]
    p = subprocess.run([BLOCKIO, "crash-verify", img, seed, log, every],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    notes.append(p.stdout.strip())
    return p.returncode == 0, notes


def main():
    tmp = tempfile.mkdtemp(prefix="emu-crash-")
    rnd = random.Random(int(os.environ.get("EMU_CRASH_SEED", "0")) or None)
    print("1..%d" % ROUNDS)
    failed = 0
    for n in range(ROUNDS):
        ok, notes = one_round(tmp, n, rnd)
        print("%s %d - kill during writes (%s)" % ("ok" if ok else "not ok", n + 1,
                                                   ", ".join(notes[:4])))
        if not ok:
            failed += 1
            for line in "\n".join(notes[4:]).splitlines()[:30]:
                print("# " + line)
        sys.stdout.flush()
    shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
