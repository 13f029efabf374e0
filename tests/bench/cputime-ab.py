#!/usr/bin/env python3
"""cputime-ab.py — CPU time of several binaries on the same workloads, run
interleaved (A B C A B C ...) so that a noisy shared host slows them alike;
the minimum and median of N runs of each, and the minimum's ratio to the
last binary's (put the reference, e.g. Debian's qemu-x86_64, last).

  usage: cputime-ab.py [-n N] GUEST WORKLOAD[,WORKLOAD...] BINARY...
  e.g.   cputime-ab.py -n 12 build/tests/bench/linux-user/lu-workloads-x86_64 \\
             int,branchy build/emu-x86_64 /usr/bin/qemu-x86_64

Each run is `BINARY GUEST WORKLOAD`; CPU time is user + system from
getrusage(RUSAGE_CHILDREN), so start-up counts and waiting does not.
"""
import argparse
import os
import resource
import subprocess
import sys


def cpu_seconds(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=12, help="runs of each binary (default 12)")
    ap.add_argument("guest")
    ap.add_argument("workloads")
    ap.add_argument("binaries", nargs="+")
    a = ap.parse_args()
    for b in a.binaries + [a.guest]:
        if not os.access(b, os.X_OK):
            sys.exit(f"cputime-ab: {b}: not an executable file")
    print(f"CPU seconds (user + system), {a.n} interleaved runs each; ratio = min / min of "
          f"{os.path.basename(a.binaries[-1])}")
    for w in a.workloads.split(","):
        runs = {b: [] for b in a.binaries}
        for _ in range(a.n):
            for b in a.binaries:
                runs[b].append(cpu_seconds([b, a.guest, w]))
        ref = min(runs[a.binaries[-1]])
        for b, v in runs.items():
            v.sort()
            print(f"{w:10s} {b:50s} min {v[0] * 1000:8.1f} ms  median {v[len(v) // 2] * 1000:8.1f} ms"
                  f"  ratio {v[0] / ref:5.2f}")


if __name__ == "__main__":
    main()
