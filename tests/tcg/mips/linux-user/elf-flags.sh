#!/bin/sh
# elf-flags.sh EMU LEGACY NAN2008 N32 — what emu makes of an o32
# executable's e_flags: the legacy NaN program exits 4 (FCSR.NAN2008 clear,
# 0/0 = 0x7fbfffff), the -mnan=2008 one 3 (bit set, 0x7fc00000), and the
# n32 one is refused (exit 1, a message naming n32).  TAP.
# elf-flags.sh --missing NAME: skip.
if [ "$1" = --missing ]; then
    echo "1..0 # SKIP missing cross compiler: $2 (scripts/install-deps)"
    exit 0
fi
emu=$1
echo "1..3"
"$emu" "$2"; rc=$?
[ $rc = 4 ] && echo "ok 1 - legacy NaN program: FCSR.NAN2008 clear, 0/0 is 0x7fbfffff" ||
    echo "not ok 1 - legacy NaN program exited $rc (want 4)"
"$emu" "$3"; rc=$?
[ $rc = 3 ] && echo "ok 2 - NaN2008 program: FCSR.NAN2008 set, 0/0 is 0x7fc00000" ||
    echo "not ok 2 - NaN2008 program exited $rc (want 3)"
msg=$("$emu" "$4" 2>&1); rc=$?
case "$rc $msg" in
"1 "*"n32 executables are not supported"*) echo "ok 3 - n32 executable refused: $msg" ;;
*) echo "not ok 3 - n32 executable: exit $rc, '$msg'" ;;
esac
