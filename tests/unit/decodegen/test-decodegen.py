#!/usr/bin/env python3
"""Tests of scripts/decodegen.py.

1. behaviour: the decoder generated from sample32.decode (compiled by meson
   into the `harness32` program) is run on ~200k instruction words and must
   agree with `reference()`, a decoder written by hand from the pattern file's
   meaning, independently of the generator;
2. golden: the generated text is compared with sample32.c.inc.golden, so that
   any change of output is seen in review (refresh with --update-golden);
3. errors: malformed pattern files give one clear error with file:line.

Usage: test-decodegen.py DECODEGEN HARNESS GENERATED [--update-golden]
Prints TAP.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def bits(x, pos, n):
    return (x >> pos) & ((1 << n) - 1)


def sbits(x, pos, n):
    v = bits(x, pos, n)
    return v - (1 << n) if v >> (n - 1) else v


def reference(i):
    """What sample32.decode says word i decodes to."""
    cond = bits(i, 28, 4)
    rd, rn, rm, s = bits(i, 12, 4), bits(i, 16, 4), bits(i, 0, 4), bits(i, 20, 1)
    op7 = bits(i, 21, 7)
    if op7 == 0b0000100 and bits(i, 4, 8) == 0:
        return f"ADD cond={cond} rd={rd} rn={rn} rm={rm} s={s}"
    if op7 == 0b0000010 and bits(i, 4, 8) == 0:
        return f"SUB cond={cond} rd={rd} rn={rn} rm={rm} s={s}"
    if bits(i, 20, 8) == 0x30:
        return f"MOVW cond={cond} rd={rd} imm={bits(i, 16, 4) << 12 | bits(i, 0, 12)}"
    if bits(i, 24, 4) == 0b1010:
        return f"B cond={cond} off={sbits(i, 0, 24) * 4}"
    if bits(i, 20, 8) == 0x3a and bits(i, 16, 4) == 0:
        rot = bits(i, 8, 4)
        return f"MOVI cond={cond} rd={rd} rot={rot} imm8={bits(i, 0, 8)} r2={2 * rot}"
    if (bits(i, 20, 12) == 0xf7f and bits(i, 16, 3) == 0 and bits(i, 8, 4) == 0xf
            and bits(i, 4, 4) == 0):
        return f"HILO v={sbits(i, 19, 1) * 16 + bits(i, 0, 4) + 1} k=-3"
    if op7 == 0 and bits(i, 12, 4) == 0 and bits(i, 4, 4) == 0b1001:
        mrd, rs = bits(i, 16, 4), bits(i, 8, 4)
        if mrd != 15:
            return f"MUL cond={cond} rd={mrd} rs={rs} rm={rm} s={s}"
        if rs != 15:
            return f"MULPC cond={cond} rs={rs} rm={rm} s={s}"
        return f"MULANY cond={cond}"
    if cond == 0xe and op7 in (0, 0b0001000) and bits(i, 4, 8) == 0:
        return f"AND3 rd={rd} rn={rn} rm={rm} s={s}"
    return "UNDEF"


# (mask, value) of each pattern, to aim random words at the encodings.
TEMPLATES = [
    (0x0fe00ff0, 0x00800000), (0x0fe00ff0, 0x00400000), (0x0ff00000, 0x03000000),
    (0x0f000000, 0x0a000000), (0x0fff0000, 0x03a00000), (0xfff70ff0, 0xf7f00f00),
    (0x0fe0f0f0, 0x00000090), (0x0feff0f0, 0x000f0090), (0x0feffff0, 0x000fff90),
    (0xffe00ff0, 0xe0000000), (0xffe00ff0, 0xe1000000),
]


def words(rng, n):
    out = [0, 0xffffffff]
    for m, v in TEMPLATES:
        out += [v, v | (~m & 0xffffffff)]
    while len(out) < n:
        r = rng.getrandbits(32)
        kind = rng.randrange(3)
        if kind == 0:
            out.append(r)
        else:
            m, v = rng.choice(TEMPLATES)
            w = (r & ~m) | v
            if kind == 2:
                w ^= 1 << rng.randrange(32)     # a near miss
            out.append(w & 0xffffffff)
    return out


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, name, detail=""):
        self.n += 1
        if not ok:
            self.failed += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} {name}")
        if not ok and detail:
            for line in detail.splitlines():
                print(f"# {line}")


def test_behaviour(tap, harness):
    seed = int(os.environ.get("DECODEGEN_SEED", "12345"))
    rng = random.Random(seed)
    ws = words(rng, 200000)
    r = subprocess.run([harness], input="\n".join(f"{w:08x}" for w in ws) + "\n",
                       capture_output=True, text=True)
    got = r.stdout.splitlines()
    if r.returncode != 0 or len(got) != len(ws):
        tap.result(False, "behaviour: harness ran", f"exit {r.returncode}, {len(got)} lines\n{r.stderr}")
        return
    bad = [(w, g, reference(w)) for w, g in zip(ws, got) if g != reference(w)]
    seen = {reference(w).split()[0] for w in ws}
    detail = "\n".join(f"{w:08x}: decoder '{g}' reference '{e}'" for w, g, e in bad[:10])
    tap.result(not bad, f"behaviour: {len(ws)} words agree with the reference (seed {seed})", detail)
    want = {"ADD", "SUB", "MOVW", "B", "MOVI", "HILO", "MUL", "MULPC", "MULANY", "AND3", "UNDEF"}
    tap.result(want <= seen, "behaviour: every pattern and UNDEF were exercised",
               f"missing: {sorted(want - seen)}")


def test_golden(tap, generated, update):
    golden = os.path.join(HERE, "sample32.c.inc.golden")
    with open(generated) as f:
        text = f.read()
    # The generator names its input as given (the build passes a relative
    # path): compare with the folder stripped.
    text = "\n".join(text.split("\n")[1:])
    text = re.sub(r"[^\s*]*/sample32\.decode", "sample32.decode", text)
    if update:
        with open(golden, "w") as f:
            f.write(text)
    with open(golden) as f:
        want = f.read()
    tap.result(text == want, "golden: generated decoder matches sample32.c.inc.golden",
               "output changed: review it, then run with --update-golden")


ERROR_CASES = [
    ("A 0000\n", "t.decode:1: bits of pattern A add up to 4, not 32"),
    ("A 0000 0000 0000 0000 0000 0000 0000 0000 1\n", "t.decode:1: pattern is wider than 32 bits"),
    ("A x:32\nB 0 y:31\n", "t.decode:2: pattern B overlaps pattern A at t.decode:1"),
    ("{\nA x:32\n", "t.decode:1: '{' is never closed"),
    ("}\n", "t.decode:1: '}' without a matching '{'"),
    ("%f 30:4\n", "t.decode:1: segment 30:4 does not fit in 32 bits"),
    ("%f 0:4 4:4s\n", "t.decode:1: only the first (most significant) segment may be signed"),
    ("A x:32 @nope\n", "t.decode:1: unknown format '@nope'"),
    ("&s a b\nA a:16 c:16 &s\n", "t.decode:2: A: &s member(s) not set: b"),
    ("A a:16 a:16\n", "t.decode:1: field 'a' appears twice"),
    ("A x:32 v=%g\n", "t.decode:1: unknown field '%g'"),
    ("A x:32 v=zz\n", "t.decode:1: cannot parse value 'zz' for 'v'"),
    ("1A x:32\n", "t.decode:1: invalid pattern name '1A'"),
    ("%f 0:4\n%f 4:4\n", "t.decode:2: field %f already defined at t.decode:1"),
    ("A x:16 \\\n  y:16\nB x:32\n", "t.decode:3: pattern B overlaps pattern A at t.decode:1"),
]


def test_errors(tap, decodegen):
    with tempfile.TemporaryDirectory() as d:
        for text, want in ERROR_CASES:
            path = os.path.join(d, "t.decode")
            with open(path, "w") as f:
                f.write(text)
            r = subprocess.run([sys.executable, decodegen, "--prefix", "t", "-o",
                                os.path.join(d, "out.c"), "t.decode"],
                               capture_output=True, text=True, cwd=d)
            lines = r.stderr.strip().splitlines()
            ok = r.returncode == 1 and len(lines) == 1 and lines[0].startswith("decodegen: " + want)
            tap.result(ok, f"error: {want}", f"got exit {r.returncode}: {r.stderr.strip()}")
        r = subprocess.run([sys.executable, decodegen, "--prefix", "t", "-o",
                            os.path.join(d, "out.c"), os.path.join(d, "missing.decode")],
                           capture_output=True, text=True)
        tap.result(r.returncode == 1 and "No such file" in r.stderr, "error: missing input file",
                   r.stderr)


SHARED_MAIN = """
#include <stdbool.h>
#include <stdint.h>
#include "util/bitops.h"
typedef struct DisasContext { int dummy; } DisasContext;
#include "one.c.inc"
#include "two.c.inc"
static bool trans_ONE(DisasContext *ctx, arg_ri *a) { return a->imm == 1; }
static bool trans_TWO(DisasContext *ctx, arg_ri *a) { return a->imm == 2; }
int main(void) { DisasContext c; return !(decode_one(&c, 0x10001) && decode_two(&c, 0x20002)); }
"""


def test_shared_argsets(tap, decodegen, include_dir):
    """Two decoders naming the same argument set can live in one C file;
    a set defined with other members by the second file does not compile."""
    cc = os.environ.get("CC", "cc")
    cases = [("&ri rd imm", "&ri rd imm", True, "decoders sharing &ri compile and run together"),
             ("&ri rd imm", "&ri rd imm extra", False, "&ri with other members is refused at compile time")]
    for set1, set2, should_build, name in cases:
        with tempfile.TemporaryDirectory() as d:
            for fname, aset, pat, prefix in (("one", set1, "ONE xxxxxxxxxxxx 0001 rd:4 imm:12 &ri", "one"),
                                             ("two", set2, "TWO xxxxxxxxxxxx 0010 rd:4 imm:12 &ri" +
                                              (" extra=0" if "extra" in set2 else ""), "two")):
                with open(os.path.join(d, fname + ".decode"), "w") as f:
                    f.write(aset + "\n" + pat + "\n")
                r = subprocess.run([sys.executable, decodegen, "--prefix", prefix, "-o",
                                    os.path.join(d, fname + ".c.inc"), os.path.join(d, fname + ".decode")],
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    tap.result(False, name, r.stderr)
                    break
            else:
                with open(os.path.join(d, "main.c"), "w") as f:
                    f.write(SHARED_MAIN)
                exe = os.path.join(d, "shared")
                r = subprocess.run([cc, "-I", include_dir, "-I", d, "-o", exe, os.path.join(d, "main.c")],
                                   capture_output=True, text=True)
                if should_build:
                    ok = r.returncode == 0 and subprocess.run([exe]).returncode == 0
                else:
                    ok = r.returncode != 0 and "defined differently" in r.stderr
                tap.result(ok, name, r.stderr[-2000:])


def main(argv):
    decodegen, harness, generated = (os.path.abspath(a) for a in argv[:3])
    update = "--update-golden" in argv
    tap = Tap()
    test_behaviour(tap, harness)
    test_golden(tap, generated, update)
    test_errors(tap, decodegen)
    test_shared_argsets(tap, decodegen, os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(HERE))), "include"))
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
