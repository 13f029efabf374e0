#!/bin/sh
# run-sysroot.sh SYSROOT PACKAGE COMPARE EMU GUEST NATIVE — run-compare.sh
# (COMPARE) with the dynamically linked GUEST under EMU -L SYSROOT (through
# EMU_LD_PREFIX).  Skips (exit 77) naming PACKAGE when SYSROOT lacks the
# dynamic loader or libc, so the guest could not start at all.
# run-sysroot.sh --missing NAME: skip, the cross compiler is missing.
if [ "$1" = --missing ]; then
    echo "missing cross compiler: $2 (scripts/install-deps)"
    exit 77
fi
sysroot=$1 package=$2 compare=$3
shift 3
for f in lib/ld-linux.so.2 lib/libc.so.6; do
    if [ ! -e "$sysroot/$f" ]; then
        echo "missing $sysroot/$f: install $package (scripts/install-deps)"
        exit 77
    fi
done
EMU_LD_PREFIX=$sysroot exec "$compare" "$@"
