#!/bin/sh
# run-compare.sh EMU GUEST NATIVE — run GUEST under EMU and NATIVE on the
# host, in scratch directories; pass when standard output and exit status
# are identical.  run-compare.sh --missing NAME: skip (exit 77).
if [ "$1" = --missing ]; then
    echo "missing cross compiler: $2 (scripts/install-deps)"
    exit 77
fi
emu=$1 guest=$2 native=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/g" "$tmp/n"
(cd "$tmp/n" && timeout 30 "$native" > "$tmp/native.out" 2>"$tmp/native.err"); nrc=$?
(cd "$tmp/g" && timeout 30 "$emu" "$guest" > "$tmp/guest.out" 2>"$tmp/guest.err"); grc=$?
status=0
if ! cmp -s "$tmp/native.out" "$tmp/guest.out"; then
    echo "output differs (- native, + emu):"
    diff -u "$tmp/native.out" "$tmp/guest.out" | tail -n +3
    status=1
fi
if [ "$nrc" != "$grc" ]; then
    echo "exit status differs: native $nrc, emu $grc"
    status=1
fi
if [ $status != 0 ] && [ -s "$tmp/guest.err" ]; then
    echo "emu stderr:"
    head -20 "$tmp/guest.err"
fi
[ $status = 0 ] && echo "identical: $(wc -l < "$tmp/guest.out") lines, exit $grc"
exit $status
