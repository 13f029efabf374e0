#!/bin/sh
# dynamic.sh EMU — Debian's dynamically linked armhf xz (with liblzma, libc
# and ld-linux-armhf.so.3 from the sysroot-armhf fixtures) run with -L:
# its version banner, an xz -9 stream and a round trip must be byte for
# byte what the host's xz (the same upstream version) produces.
emu=$(realpath "$1")
root=${EMU_SOURCE_ROOT:-$(dirname "$0")/../../..}
xz_guest=$("$root"/tests/fixtures/fixture-path sysroot-armhf-xz) || exit 1
sysroot=${xz_guest%/usr/bin/xz}
if ! command -v xz > /dev/null; then
    echo "missing host xz (xz-utils, scripts/install-deps)"
    exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
"$emu" -L "$sysroot" "$xz_guest" --version > "$tmp/v.guest" 2>&1
xz --version > "$tmp/v.host"
if cmp -s "$tmp/v.guest" "$tmp/v.host"; then
    echo "ok: xz --version identical ($(head -n 1 "$tmp/v.host"))"
else
    echo "FAIL: xz --version differs:"
    diff "$tmp/v.host" "$tmp/v.guest" | head
    fail=1
fi
seq 1 100000 | awk '{ print $1, $1 * $1 % 977 }' > "$tmp/input"
"$emu" -L "$sysroot" "$xz_guest" -9 -c "$tmp/input" > "$tmp/guest.xz"
xz -9 -c "$tmp/input" > "$tmp/host.xz"
if cmp -s "$tmp/guest.xz" "$tmp/host.xz"; then
    echo "ok: xz -9 of $(wc -c < "$tmp/input") bytes identical ($(wc -c < "$tmp/host.xz") bytes)"
else
    echo "FAIL: xz -9 output differs from the host's"
    fail=1
fi
"$emu" -L "$sysroot" "$xz_guest" -dc "$tmp/host.xz" > "$tmp/round"
if cmp -s "$tmp/round" "$tmp/input"; then
    echo "ok: xz -d round trip"
else
    echo "FAIL: xz -d of the host's stream differs from the input"
    fail=1
fi
exit $fail
