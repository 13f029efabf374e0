#!/bin/sh
# dynamic.sh EMU ARCH — Debian's dynamically linked xz for ARCH (from the
# sysroot-ARCH fixtures: xz, liblzma, libc and the loader) run under EMU
# with -L: its version banner, an xz -9 stream of a generated input and the
# decompression of the host's stream must be byte for byte what the host's
# xz (the same upstream version, 5.4.1) produces.
emu=$(realpath "$1") arch=$2
root=${EMU_SOURCE_ROOT:-$(dirname "$0")/../../..}
xz_guest=$("$root"/tests/fixtures/fixture-path "sysroot-$arch-xz") || exit 1
sysroot=${xz_guest%/usr/bin/xz}
if ! command -v xz > /dev/null; then
    echo "missing host xz (xz-utils, scripts/install-deps)"
    exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {   # check WHAT FILE1 FILE2
    if cmp -s "$2" "$3"; then
        echo "ok: $1"
    else
        echo "FAIL: $1"
        fail=1
    fi
}
timeout 60 "$emu" -L "$sysroot" "$xz_guest" --version > "$tmp/v.guest" 2>&1
xz --version > "$tmp/v.host"
check "xz --version identical ($(head -n 1 "$tmp/v.host"))" "$tmp/v.host" "$tmp/v.guest"
seq 1 100000 | awk '{ print $1, $1 * $1 % 977 }' > "$tmp/input"
timeout 120 "$emu" -L "$sysroot" "$xz_guest" -9 -c "$tmp/input" > "$tmp/guest.xz"
xz -9 -c "$tmp/input" > "$tmp/host.xz"
check "xz -9 of $(wc -c < "$tmp/input") bytes identical to the host's" "$tmp/host.xz" "$tmp/guest.xz"
timeout 60 "$emu" -L "$sysroot" "$xz_guest" -dc "$tmp/host.xz" > "$tmp/round"
check "xz -d of the host's stream gives the input back" "$tmp/input" "$tmp/round"
exit $fail
