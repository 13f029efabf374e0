#!/bin/sh
# fetch-fixtures-selftest.sh [--network]: the fixture tools catch what they promise to.
#
# Works on a scratch cache seeded with copies of the seabios and busybox
# fixtures from the real cache (so it downloads nothing), then damages it:
# a flipped byte and a deleted file must make `fetch-fixtures --verify` fail
# and name the fixture and the command that repairs it, fixture-path must
# refuse a missing file, the format test must tell an armel busybox from an
# armhf one, and a fetch over a complete cache must not start apt at all.
# With --network (suite slow) it also asks Debian for a version that does not
# exist and expects the "no longer downloadable ... --update-manifest" error.
# TAP output; a missing real fixture is a failure naming scripts/fetch-fixtures.
set -u
src=${EMU_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ff=$src/scripts/fetch-fixtures
fp=$src/tests/fixtures/fixture-path
formats=$src/tests/functional/fixture-formats.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out"; }
# expect STATUS PATTERN DESCRIPTION -- COMMAND...: exit status and output.
expect() {
  want=$1 pattern=$2 what=$3; shift 4
  "$@" >"$tmp/out" 2>&1
  got=$?
  if [ "$got" -eq "$want" ] && grep -q -e "$pattern" "$tmp/out"; then ok "$what"
  else notok "$what (exit $got, wanted $want and /$pattern/)"; fi
}

if [ "${1:-}" = --network ]; then
  echo "1..1"
  # A manifest naming a busybox version Debian never had.
  mkdir -p "$tmp/cache"
  sed -n '/^release /p; /^busybox-amd64 /s/ 1:1\.35\.0-[^ ]* / 1:1.35.0-0emu1 /p' \
    "$src/tests/fixtures/manifest" >"$tmp/manifest"
  export EMU_CACHE="$tmp/cache"
  expect 1 "busybox-static 1:1.35.0-0emu1 (amd64) is no longer downloadable from Debian bookworm: run scripts/fetch-fixtures --update-manifest" \
    "a vanished version names --update-manifest" -- "$ff" --manifest "$tmp/manifest"
  [ $failed -eq 0 ]; exit
fi

echo "1..10"
# Seed the scratch cache from the real one.
cache=$tmp/cache
for name in $(awk 'NF == 9 && ($2 == "seabios" || $2 == "busybox") { print $1 }' \
                "$src/tests/fixtures/manifest"); do
  from=$("$fp" "$name") || { echo "Bail out! the real cache lacks $name"; exit 1; }
  dest=$(awk -v n="$name" '$1 == n { print $8 }' "$src/tests/fixtures/manifest")
  mkdir -p "$(dirname "$cache/$dest")"
  cp "$from" "$cache/$dest"
done
export EMU_CACHE="$cache"

expect 0 "8 fixtures verified" "verify passes on intact copies" \
  -- "$ff" --verify --only seabios --only busybox
expect 0 "present and verified" "fetch over a complete cache succeeds" -- "$ff" --only busybox
if [ -e "$cache/apt" ]; then notok "that fetch started apt (it made $cache/apt)"; else ok "that fetch did not start apt"; fi

# Flip every bit of one byte in the middle of bios.bin.
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(65536); b = f.read(1)[0]
f.seek(65536); f.write(bytes([b ^ 0xFF]))' "$cache/seabios/bios.bin"
expect 1 "fixture seabios-bios corrupt.*run scripts/fetch-fixtures --only seabios-bios" \
  "verify names a corrupted file and the repair" -- "$ff" --verify --only seabios

rm "$cache/seabios/vgabios-stdvga.bin"
expect 1 "fixture seabios-vgabios-stdvga missing" "verify names a missing file" \
  -- "$ff" --verify --only seabios-vgabios-stdvga
expect 1 "^fixture seabios-vgabios-stdvga missing: run scripts/fetch-fixtures" \
  "fixture-path fails on a missing file" -- "$fp" seabios-vgabios-stdvga
expect 1 "not ok .* - seabios-vgabios-stdvga: fixture seabios-vgabios-stdvga missing" \
  "the format test fails (not skips) on a missing file" -- "$formats" seabios

# An armel busybox where the armhf one belongs: same ELF machine, other float ABI.
cp "$cache/busybox/armel/busybox" "$cache/busybox/armhf/busybox"
expect 1 "not ok .* - busybox-armhf: e_flags float ABI 0x200, expected 0x400" \
  "the format test tells armel from armhf" -- "$formats" busybox
expect 1 "fixture busybox-armhf corrupt" "verify catches the swap too" -- "$ff" --verify --only busybox

expect 1 "unknown fixture or group 'no-such-fixture'" "an unknown name is one clear error" \
  -- "$ff" --verify --only no-such-fixture
[ $failed -eq 0 ]
