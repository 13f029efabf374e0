#!/usr/bin/env python3
"""decodegen: turn an instruction pattern file into a C decoder.

A front end describes its encodings in target/<arch>/*.decode and writes one
short trans_NAME() function per pattern; this generator writes the decision
tree that picks the pattern, extracts its fields and calls trans_NAME().

Pattern file syntax (one item per line, '#' starts a comment, a trailing '\\'
continues a line):

  %NAME SEG [SEG...] [>>N] [<<N] [+N] [fn=FUNC]
        A derived field.  Each SEG is POS:LEN (bit position counted from the
        least significant bit, and width); several segments are concatenated,
        the first one most significant.  POS:LENs sign-extends the value (only
        allowed on the first segment).  >>N / <<N shift and +N adds after
        extraction; fn=FUNC passes the value through `int FUNC(DisasContext *,
        int)` last.

  &NAME FIELD [FIELD...]
        An argument set: a struct arg_NAME with one int member per field.
        Patterns naming the same set share one struct and so can share a
        trans function body through a helper.

  @NAME BITS... [&SET] [FIELD=VALUE|FIELD=%DERIVED]...
        A format: bits and field bindings reused by several patterns.

  NAME BITS... [@FORMAT] [&SET] [FIELD=VALUE|FIELD=%DERIVED]...
        A pattern.  BITS tokens, most significant first, add up to the
        instruction width: runs of 0 and 1 are fixed bits, runs of x are
        ignored bits, NAME:LEN is a field of LEN bits (NAME:LENs signed), and
        '-' alone may separate tokens for readability.  A pattern with a
        format takes the format's bits, and its own BITS must then be absent
        or all fixed/ignored (they refine the format's ignored bits).

  { ... }  an overlap group: its patterns may match the same encodings; they
           are tried in order and the first whose trans function returns true
           wins.  Groups may nest.

Outside a group, two patterns that can match the same encoding are an error,
reported with both file:line positions.

Generated C (one file, to be #included by the front end's translate.c):
  - typedef struct { int f; ... } arg_SET; for every set (named or implicit),
    guarded by DECODEGEN_ARG_SET so decoders sharing a set can be included in
    one file (a static assertion catches a set defined with other members),
  - static bool trans_NAME(DisasContext *ctx, arg_SET *a); prototypes,
  - static bool decode_PREFIX(DisasContext *ctx, uint32_t insn), returning
    false when nothing matched (the front end raises undefined-instruction).
Every generated test carries a /* file:line */ pointer back to its pattern.

Usage: decodegen.py --width 32 --prefix arm_a32 -o out.c.inc in.decode [more.decode]
"""

import argparse
import re
import sys


class DecodeError(Exception):
    pass


class Loc:
    def __init__(self, file, line):
        self.file = file
        self.line = line

    def __str__(self):
        return f"{self.file}:{self.line}"


class Segment:
    def __init__(self, pos, length, signed):
        self.pos = pos
        self.length = length
        self.signed = signed


class Field:
    """A value extracted from the instruction: inline (NAME:LEN) or derived (%NAME)."""

    def __init__(self, name, segments, loc, shr=0, shl=0, add=0, func=None):
        self.name = name
        self.segments = segments
        self.loc = loc
        self.shr = shr
        self.shl = shl
        self.add = add
        self.func = func

    def c_expr(self):
        parts = []
        shift = 0
        for seg in reversed(self.segments):
            ext = "sextract32" if seg.signed else "extract32"
            e = f"{ext}(insn, {seg.pos}, {seg.length})"
            # Shift as unsigned: a signed top segment may be negative.
            parts.append(f"(int)((uint32_t){e} << {shift})" if shift else e)
            shift += seg.length
        expr = parts[0] if len(parts) == 1 else "(" + " | ".join(reversed(parts)) + ")"
        if self.shr:
            expr = f"({expr} >> {self.shr})"
        if self.shl:
            expr = f"((int)((unsigned){expr} << {self.shl}))"
        if self.add:
            expr = f"({expr} + {self.add})"
        if self.func:
            expr = f"{self.func}(ctx, {expr})"
        return expr


class Pattern:
    def __init__(self, name, loc):
        self.name = name
        self.loc = loc
        self.fixedmask = 0
        self.fixedbits = 0
        self.fields = {}        # member name -> Field or int constant
        self.argset = None      # ArgSet


class ArgSet:
    def __init__(self, name, members, loc, implicit=False):
        self.name = name
        self.members = members
        self.loc = loc
        self.implicit = implicit


class Group:
    """An overlap group: members tried in order."""

    def __init__(self, loc):
        self.loc = loc
        self.items = []

    @property
    def fixedmask(self):
        # Bits fixed to the same value in every member can select the group.
        m = ~0
        for it in self.items:
            m &= it.fixedmask
        v = None
        for it in self.items:
            if v is None:
                v = it.fixedbits & m
            else:
                m &= ~(v ^ it.fixedbits)
        return m & ((1 << 64) - 1)

    @property
    def fixedbits(self):
        return self.items[0].fixedbits & self.fixedmask if self.items else 0


NAME_RE = r"[A-Za-z_][A-Za-z0-9_]*"


class Parser:
    def __init__(self, width):
        self.width = width
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.patterns = []
        self.root = Group(None)
        self.stack = [self.root]
        self.names = {}

    def error(self, loc, msg):
        raise DecodeError(f"{loc}: {msg}")

    def parse_file(self, path):
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            raise DecodeError(f"{path}: {e.strerror}")
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            start = i
            line = lines[i].split("#", 1)[0].rstrip()
            while line.endswith("\\"):
                i += 1
                if i == len(lines):
                    self.error(Loc(path, start + 1), "line continuation at end of file")
                line = line[:-1] + " " + lines[i].split("#", 1)[0].rstrip()
            i += 1
            toks = line.split()
            if toks:
                self.parse_line(Loc(path, start + 1), toks)
        if len(self.stack) != 1:
            self.error(self.stack[-1].loc, "'{' is never closed")

    def parse_line(self, loc, toks):
        head = toks[0]
        if head == "{":
            if len(toks) != 1:
                self.error(loc, "'{' must stand alone on its line")
            g = Group(loc)
            self.stack[-1].items.append(g)
            self.stack.append(g)
        elif head == "}":
            if len(toks) != 1:
                self.error(loc, "'}' must stand alone on its line")
            if len(self.stack) == 1:
                self.error(loc, "'}' without a matching '{'")
            g = self.stack.pop()
            if not g.items:
                self.error(loc, "empty group")
        elif head.startswith("%"):
            self.parse_field(loc, head[1:], toks[1:])
        elif head.startswith("&"):
            self.parse_argset(loc, head[1:], toks[1:])
        elif head.startswith("@"):
            self.parse_pattern(loc, head[1:], toks[1:], is_format=True)
        else:
            self.parse_pattern(loc, head, toks[1:], is_format=False)

    def check_name(self, loc, name, kind):
        if not re.fullmatch(NAME_RE, name):
            self.error(loc, f"invalid {kind} name '{name}'")

    def parse_field(self, loc, name, toks):
        self.check_name(loc, name, "field")
        if name in self.fields:
            self.error(loc, f"field %{name} already defined at {self.fields[name].loc}")
        segs = []
        shr = shl = add = 0
        func = None
        for t in toks:
            m = re.fullmatch(r"(\d+):(\d+)(s?)", t)
            if m:
                pos, length, s = int(m[1]), int(m[2]), m[3] == "s"
                if length == 0 or pos + length > self.width:
                    self.error(loc, f"segment {t} does not fit in {self.width} bits")
                if s and segs:
                    self.error(loc, "only the first (most significant) segment may be signed")
                segs.append(Segment(pos, length, s))
                continue
            m = re.fullmatch(r"(>>|<<|\+)(\d+)", t)
            if m:
                if m[1] == ">>":
                    shr = int(m[2])
                elif m[1] == "<<":
                    shl = int(m[2])
                else:
                    add = int(m[2])
                continue
            m = re.fullmatch(r"fn=(" + NAME_RE + ")", t)
            if m:
                func = m[1]
                continue
            self.error(loc, f"cannot parse '{t}' in field %{name}")
        if not segs:
            self.error(loc, f"field %{name} has no segments")
        if sum(s.length for s in segs) > 32:
            self.error(loc, f"field %{name} is wider than 32 bits")
        self.fields[name] = Field(name, segs, loc, shr, shl, add, func)

    def parse_argset(self, loc, name, toks):
        self.check_name(loc, name, "argument set")
        if name in self.argsets:
            self.error(loc, f"argument set &{name} already defined at {self.argsets[name].loc}")
        for t in toks:
            self.check_name(loc, t, "argument")
        if len(set(toks)) != len(toks):
            self.error(loc, f"argument set &{name} names a member twice")
        self.argsets[name] = ArgSet(name, list(toks), loc)

    def parse_bits(self, loc, toks, p):
        """Consume bit tokens from toks; return the remaining tokens."""
        pos = self.width
        i = 0
        seen_bits = False
        while i < len(toks):
            t = toks[i]
            if t == "-":
                i += 1
                continue
            if re.fullmatch(r"[01x]+", t):
                for ch in t:
                    pos -= 1
                    if pos < 0:
                        self.error(loc, f"pattern is wider than {self.width} bits")
                    if ch != "x":
                        p.fixedmask |= 1 << pos
                        p.fixedbits |= int(ch) << pos
                seen_bits = True
                i += 1
                continue
            m = re.fullmatch(r"(" + NAME_RE + r"):(\d+)(s?)", t)
            if m:
                length = int(m[2])
                if length == 0:
                    self.error(loc, f"zero-width field '{t}'")
                pos -= length
                if pos < 0:
                    self.error(loc, f"pattern is wider than {self.width} bits")
                if m[1] in p.fields:
                    self.error(loc, f"field '{m[1]}' appears twice")
                p.fields[m[1]] = Field(m[1], [Segment(pos, length, m[3] == "s")], loc)
                seen_bits = True
                i += 1
                continue
            break
        return toks[i:], pos, seen_bits

    def parse_pattern(self, loc, name, toks, is_format):
        kind = "format" if is_format else "pattern"
        self.check_name(loc, name, kind)
        p = Pattern(name, loc)
        rest, pos, seen_bits = self.parse_bits(loc, toks, p)
        fmt = None
        assigns = []
        for t in rest:
            if t.startswith("@"):
                if is_format:
                    self.error(loc, "a format cannot use another format")
                if fmt:
                    self.error(loc, "more than one format")
                fmt = self.formats.get(t[1:])
                if not fmt:
                    self.error(loc, f"unknown format '{t}'")
            elif t.startswith("&"):
                if p.argset:
                    self.error(loc, "more than one argument set")
                p.argset = self.argsets.get(t[1:])
                if not p.argset:
                    self.error(loc, f"unknown argument set '{t}'")
            elif "=" in t:
                assigns.append(t)
            else:
                self.error(loc, f"cannot parse '{t}' in {kind} {name}")

        if fmt:
            if seen_bits and pos != 0:
                self.error(loc, f"bits of {name} add up to {self.width - pos}, not {self.width}")
            if p.fields:
                self.error(loc, f"{name} uses format @{fmt.name}: name its fields there")
            if seen_bits:
                if p.fixedmask & fmt.fixedmask & (p.fixedbits ^ fmt.fixedbits):
                    self.error(loc, f"{name} contradicts the fixed bits of @{fmt.name}")
                # Pattern bits that are fixed must not land on format fields.
                for f in fmt.fields.values():
                    if isinstance(f, Field):
                        for s in f.segments:
                            m = ((1 << s.length) - 1) << s.pos
                            if p.fixedmask & m and f.loc is fmt.loc:
                                self.error(loc, f"{name} fixes bits of field '{f.name}' of @{fmt.name}")
            p.fixedmask |= fmt.fixedmask
            p.fixedbits |= fmt.fixedbits
            p.fields = dict(fmt.fields)
            if not p.argset:
                p.argset = fmt.argset
        elif pos != 0:
            self.error(loc, f"bits of {kind} {name} add up to {self.width - pos}, not {self.width}")

        for a in assigns:
            key, val = a.split("=", 1)
            if not re.fullmatch(NAME_RE, key):
                self.error(loc, f"invalid field name '{key}'")
            if val.startswith("%"):
                f = self.fields.get(val[1:])
                if not f:
                    self.error(loc, f"unknown field '{val}'")
                p.fields[key] = f
            elif re.fullmatch(r"-?(0x[0-9a-fA-F]+|\d+)", val):
                p.fields[key] = int(val, 0)
            else:
                self.error(loc, f"cannot parse value '{val}' for '{key}'")

        if is_format:
            if name in self.formats:
                self.error(loc, f"format @{name} already defined at {self.formats[name].loc}")
            self.formats[name] = p
            return

        if name in self.names:
            # The same trans function for two encodings is fine (e.g. A1/A2 forms)
            # as long as they extract the same arguments.
            other = self.names[name]
            if set(other.fields) != set(p.fields):
                self.error(loc, f"pattern {name} redefined at {other.loc} with other fields")
        if p.argset:
            missing = set(p.argset.members) - set(p.fields)
            extra = set(p.fields) - set(p.argset.members)
            if missing:
                self.error(loc, f"{name}: &{p.argset.name} member(s) not set: {', '.join(sorted(missing))}")
            if extra:
                self.error(loc, f"{name}: field(s) not in &{p.argset.name}: {', '.join(sorted(extra))}")
        else:
            p.argset = ArgSet(name, sorted(p.fields), loc, implicit=True)
            if name in self.names:
                p.argset = self.names[name].argset
        self.names.setdefault(name, p)
        self.patterns.append(p)
        self.stack[-1].items.append(p)


def overlaps(a, b):
    common = a.fixedmask & b.fixedmask
    return (a.fixedbits & common) == (b.fixedbits & common)


def check_overlaps(root):
    """Top-level items must be disjoint; only an overlap group may hold overlapping patterns."""
    items = root.items
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i], items[j]
            if overlaps(a, b):
                raise DecodeError(f"{b.loc}: {describe(b)} overlaps {describe(a)} at {a.loc}; "
                                  "put both in an overlap group { ... } if that is meant")


def describe(it):
    return f"pattern {it.name}" if isinstance(it, Pattern) else "group"


class Emitter:
    def __init__(self, width, prefix):
        self.width = width
        self.prefix = prefix
        self.out = []

    def line(self, depth, text):
        self.out.append("    " * depth + text)

    def emit_item(self, it, depth, tested, in_group):
        """Emit code for one pattern or group given the bits already tested."""
        if isinstance(it, Group):
            self.line(depth, f"/* {it.loc}: overlap group */")
            for sub in it.items:
                self.emit_item(sub, depth, tested, in_group=True)
            return
        need = it.fixedmask & ~tested
        cond = None
        if need:
            cond = f"(insn & 0x{need:0{self.width // 4}x}) == 0x{it.fixedbits & need:0{self.width // 4}x}"
        if cond:
            self.line(depth, f"if ({cond}) {{")
            d = depth + 1
        else:
            self.line(depth, "{")
            d = depth + 1
        self.line(d, f"/* {it.loc}: {it.name} */")
        for m in it.argset.members:
            v = it.fields[m]
            expr = str(v) if isinstance(v, int) else v.c_expr()
            self.line(d, f"u.f_{it.argset.name}.{m} = {expr};")
        if in_group:
            self.line(d, f"if (trans_{it.name}(ctx, &u.f_{it.argset.name})) {{")
            self.line(d + 1, "return true;")
            self.line(d, "}")
        else:
            self.line(d, f"return trans_{it.name}(ctx, &u.f_{it.argset.name});")
        self.line(depth, "}")

    def emit_tree(self, items, depth, tested):
        """Split items on the bits all of them fix; recurse; fall back to a sequence."""
        if not items:
            return
        common = ~0 & ((1 << self.width) - 1)
        for it in items:
            common &= it.fixedmask
        common &= ~tested
        if len(items) > 1 and common:
            buckets = {}
            for it in items:
                buckets.setdefault(it.fixedbits & common, []).append(it)
            if len(buckets) > 1:
                self.emit_switch(items, buckets, common, depth, tested)
                return
        if len(items) > 1:
            # No single bit splits them; try the bits most of them fix.
            best = self.best_split(items, tested)
            if best:
                mask = best
                fixed = [it for it in items if it.fixedmask & mask == mask]
                rest = [it for it in items if it.fixedmask & mask != mask]
                buckets = {}
                for it in fixed:
                    buckets.setdefault(it.fixedbits & mask, []).append(it)
                if len(buckets) > 1:
                    self.emit_switch(fixed, buckets, mask, depth, tested)
                    self.emit_tree(rest, depth, tested)
                    return
        for it in items:
            self.emit_item(it, depth, tested, in_group=False)

    def best_split(self, items, tested):
        """Bits fixed by the largest subset (two or more) of items, all by the same subset."""
        best_bit, best_set = None, None
        for bit in range(self.width):
            b = 1 << bit
            if tested & b:
                continue
            fixers = frozenset(i for i, it in enumerate(items) if it.fixedmask & b)
            if len(fixers) >= 2 and (best_set is None or len(fixers) > len(best_set)):
                best_bit, best_set = bit, fixers
        if best_set is None:
            return 0
        mask = 0
        for bit in range(self.width):
            b = 1 << bit
            if not tested & b and frozenset(i for i, it in enumerate(items) if it.fixedmask & b) == best_set:
                mask |= b
        return mask

    def emit_switch(self, items, buckets, mask, depth, tested):
        w = self.width // 4
        self.line(depth, f"switch (insn & 0x{mask:0{w}x}) {{")
        for value in sorted(buckets):
            self.line(depth, f"case 0x{value:0{w}x}:")
            self.emit_tree(buckets[value], depth + 1, tested | mask)
            self.line(depth + 1, "break;")
        self.line(depth, "}")


def generate(parser, prefix, sources):
    check_overlaps(parser.root)
    width = parser.width
    out = []
    out.append(f"/* Generated by scripts/decodegen.py from {', '.join(sources)}: do not edit. */")
    out.append("")
    sets = {}
    for p in parser.patterns:
        sets.setdefault(p.argset.name, p.argset)
    for s in parser.argsets.values():
        sets.setdefault(s.name, s)
    for name in sorted(sets):
        s = sets[name]
        members = " ".join(f"int {m};" for m in s.members) or "int unused_;"
        # Guarded, so that several generated decoders (A32 and T32, say) can
        # share argument sets in one C file; the size check catches two files
        # that give one set name different member counts.
        out.append(f"#ifndef DECODEGEN_ARG_{name}")
        out.append(f"#define DECODEGEN_ARG_{name}")
        out.append(f"typedef struct {{ {members} }} arg_{name};  /* {s.loc} */")
        out.append("#endif")
        out.append(f"_Static_assert(sizeof(arg_{name}) == {max(len(s.members), 1)} * sizeof(int), "
                   f"\"argument set {name} defined differently by two pattern files\");")
    out.append("")
    seen = set()
    for p in parser.patterns:
        if p.name in seen:
            continue
        seen.add(p.name)
        out.append(f"static bool trans_{p.name}(DisasContext *ctx, arg_{p.argset.name} *a);")
    out.append("")
    insn_type = "uint32_t" if width > 16 else "uint16_t"
    out.append(f"static bool decode_{prefix}(DisasContext *ctx, {insn_type} insn)")
    out.append("{")
    out.append("    union {")
    for name in sorted({p.argset.name for p in parser.patterns}):
        out.append(f"        arg_{name} f_{name};")
    out.append("    } u;")
    out.append("")
    em = Emitter(width, prefix)
    em.emit_tree(parser.root.items, 1, 0)
    out.extend(em.out)
    out.append("    return false;")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description="Generate a C instruction decoder from pattern files.")
    ap.add_argument("--width", type=int, default=32, choices=[16, 32])
    ap.add_argument("--prefix", required=True, help="decoder function is decode_PREFIX")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args(argv)
    if not re.fullmatch(NAME_RE, args.prefix):
        print(f"decodegen: invalid prefix '{args.prefix}'", file=sys.stderr)
        return 1
    parser = Parser(args.width)
    try:
        for path in args.inputs:
            parser.parse_file(path)
        text = generate(parser, args.prefix, args.inputs)
    except DecodeError as e:
        print(f"decodegen: {e}", file=sys.stderr)
        return 1
    with open(args.output, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
