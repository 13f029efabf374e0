#!/bin/sh
# busybox.sh EMU ARCH — run busybox.script with
# Debian's busybox for ARCH under EMU and with the amd64 busybox natively;
# pass when the outputs are identical.  Every applet the script uses is a
# symlink to the busybox binary in a private PATH directory, so pipes and
# command substitutions exercise fork, execve (emu re-executing itself),
# wait and pipes in the guest.
emu=$(realpath "$1") arch=$2
src=$(cd "$(dirname "$0")" && pwd)
root=${EMU_SOURCE_ROOT:-$src/../../..}
guest=$("$root"/tests/fixtures/fixture-path "busybox-$arch") || exit 1
native=$("$root"/tests/fixtures/fixture-path busybox-amd64) || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
applets="sh cat sed awk sort md5sum mkdir tar gzip find xargs diff cut seq tr printf head tail wc paste yes uniq grep echo"
for side in g n; do
    mkdir -p "$tmp/$side/bin" "$tmp/$side/work"
    bb=$native
    [ $side = g ] && bb=$guest
    for a in $applets; do
        ln -s "$bb" "$tmp/$side/bin/$a"
    done
done
(cd "$tmp/n/work" && PATH="$tmp/n/bin" "$native" sh "$src/busybox.script") \
    > "$tmp/native.out" 2>&1
nrc=$?
(cd "$tmp/g/work" && timeout 120 env PATH="$tmp/g/bin" "$emu" "$guest" sh "$src/busybox.script") \
    > "$tmp/guest.out" 2>&1
grc=$?
if [ $nrc != 0 ]; then
    echo "the native run failed ($nrc):"
    tail "$tmp/native.out"
    exit 1
fi
if ! cmp -s "$tmp/native.out" "$tmp/guest.out" || [ $grc != 0 ]; then
    echo "busybox $arch under emu (exit $grc) differs from native amd64 (- native, + emu):"
    diff -u "$tmp/native.out" "$tmp/guest.out" | tail -n +3 | head -40
    exit 1
fi
echo "identical: $(wc -l < "$tmp/guest.out") lines"
