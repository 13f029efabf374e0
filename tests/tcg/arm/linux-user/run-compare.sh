#!/bin/sh
# run-compare.sh EMU GUEST NATIVE — run GUEST under EMU and NATIVE on the
# host, in scratch directories; pass when standard output and exit status
# are identical.  NATIVE may instead be a file named *.expected: the output
# GUEST must print, with exit status 0.  run-compare.sh --missing NAME:
# skip (exit 77).
if [ "$1" = --missing ]; then
    echo "missing cross compiler: $2 (scripts/install-deps)"
    exit 77
fi
emu=$(realpath "$1") guest=$(realpath "$2") native=$(realpath "$3")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/g" "$tmp/n"
case $native in
*.expected) cp "$native" "$tmp/native.out"; nrc=0 ;;
*) (cd "$tmp/n" && timeout 30 "$native" > "$tmp/native.out" 2>"$tmp/native.err"); nrc=$? ;;
esac
(cd "$tmp/g" && timeout 30 "$emu" "$guest" > "$tmp/guest.out" 2>"$tmp/guest.err"); grc=$?
status=0
if [ "$nrc" = 126 ] || [ "$nrc" = 127 ] || [ "$grc" = 126 ] || [ "$grc" = 127 ]; then
    echo "could not run: native $nrc, emu $grc"
    cat "$tmp/native.err" "$tmp/guest.err" | head -5
    exit 1
fi
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
