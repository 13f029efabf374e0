#!/bin/sh
# accel.sh EMU: `-accel tcg,...` in user mode.  The same busybox computation
# gives the same answer on the default back end, on the interpreter
# (backend=tci) and with a 1 MiB code buffer that must be flushed while the
# guest runs; bad values get one error line and exit 1.  TAP output.
emu=$1
bb=$("$EMU_SOURCE_ROOT/tests/fixtures/fixture-path" busybox-armhf) || exit 1
script='i=0; s=0; while [ $i -lt 300 ]; do s=$((s + i * i % 7)); i=$((i + 1)); done; echo $s; seq 1 2000 | md5sum'
n=0
fail=0
check() { # name ok-flag detail
  n=$((n + 1))
  if [ "$2" = 1 ]; then echo "ok $n $1"; else echo "not ok $n $1"; echo "# $3"; fail=1; fi
}

want=$("$emu" "$bb" sh -c "$script" 2>&1)
check "default back end runs the script" "$([ -n "$want" ] && echo 1)" "$want"
for opt in tcg,backend=tci tcg,tb-size=1 tcg,backend=tci,tb-size=1; do
  got=$("$emu" -accel "$opt" "$bb" sh -c "$script" 2>&1)
  check "-accel $opt gives the same output" "$([ "$got" = "$want" ] && echo 1)" "got: $got want: $want"
done
got=$(EMU_TCG_BACKEND=tci "$emu" "$bb" sh -c "$script" 2>&1)
check "EMU_TCG_BACKEND=tci gives the same output" "$([ "$got" = "$want" ] && echo 1)" "$got"

for bad in kvm tcg,backend=nope tcg,tb-size=0 tcg,tb-size=x tcg,foo=1; do
  err=$("$emu" -accel "$bad" "$bb" true 2>&1)
  status=$?
  lines=$(printf '%s\n' "$err" | wc -l)
  check "-accel $bad refused with one line" \
    "$([ $status = 1 ] && [ "$lines" = 1 ] && echo 1)" "status $status: $err"
done
echo "1..$n"
exit $fail
