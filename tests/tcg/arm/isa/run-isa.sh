#!/bin/sh
# run-isa.sh EMU GUEST NATIVE [EMU-OPTION...] — run GUEST under EMU (with
# the options, e.g. -cpu arm926) and the C-model build NATIVE on the host;
# pass when both print the same lines and exit 0.  The first differing
# lines are shown.  run-isa.sh --missing NAME: skip (exit 77).
if [ "$1" = --missing ]; then
    echo "missing cross compiler: $2 (scripts/install-deps)"
    exit 77
fi
emu=$1 guest=$2 native=$3
shift 3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
timeout 30 "$native" > "$tmp/ref" 2> "$tmp/ref.err"; nrc=$?
timeout 30 "$emu" "$@" "$guest" > "$tmp/out" 2> "$tmp/out.err"; grc=$?
if [ $nrc != 0 ]; then
    echo "reference failed ($nrc):"; head -5 "$tmp/ref.err"; exit 1
fi
if ! cmp -s "$tmp/ref" "$tmp/out"; then
    echo "results differ (- C model, + emu), $(diff "$tmp/ref" "$tmp/out" | grep -c '^>') lines:"
    diff -u "$tmp/ref" "$tmp/out" | tail -n +3 | grep '^[-+]' | head -40
    head -10 "$tmp/out.err"
    exit 1
fi
if [ $grc != 0 ]; then
    echo "emu exit status $grc:"; head -10 "$tmp/out.err"; exit 1
fi
echo "identical: $(wc -l < "$tmp/out") lines; $(tail -1 "$tmp/out")"
