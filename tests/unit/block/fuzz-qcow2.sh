#!/bin/sh
# Build the qcow2 fuzz harness with clang's libFuzzer and run it briefly
# (suite 'slow').  Seeds are small images from emu-img.  Skips (TAP) when
# clang or its fuzzer runtime is missing.
#   usage: fuzz-qcow2.sh [seconds]        (env: EMU_SOURCE_ROOT, EMU_IMG)
set -e
secs=${1:-30}
src=${EMU_SOURCE_ROOT:?}
work=$(mktemp -d "${TMPDIR:-/tmp}/emu-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "1..1"
CLANG=$(command -v clang || true)
if [ -z "$CLANG" ] || ! echo 'int LLVMFuzzerTestOneInput(const char*d,long n){return 0;}' |
        "$CLANG" -x c -fsanitize=fuzzer - -o "$work/probe" 2>/dev/null; then
    echo "ok 1 # SKIP clang with -fsanitize=fuzzer is not available"
    exit 0
fi
mkdir -p "$work/gen"
echo '#define EMU_VERSION "fuzz"' > "$work/gen/config-host.h"
"$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -D_GNU_SOURCE -I"$src/include" -I"$work/gen" \
    $(pkg-config --cflags glib-2.0 zlib) \
    "$src"/tests/unit/block/fuzz-qcow2.c "$src"/block/block.c "$src"/block/io.c \
    "$src"/block/aio.c "$src"/block/file-posix.c "$src"/block/raw.c "$src"/block/qcow.c "$src"/block/qcow2*.c \
    "$src"/util/error.c "$src"/util/option.c "$src"/util/log.c "$src"/util/host.c \
    $(pkg-config --libs glib-2.0 zlib) -lpthread -o "$work/fuzz"
mkdir -p "$work/corpus"
for o in cluster_size=512 cluster_size=4096,compat=0.10 cluster_size=65536,refcount_bits=1; do
    f="$work/corpus/$(echo "$o" | tr ',=' '__').qcow2"
    "$EMU_IMG" create -q -f qcow2 -o "$o" "$f" 1M
done
if "$work/fuzz" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=1024 \
        "$work/corpus" > "$work/log" 2>&1; then
    echo "ok 1 - fuzzed qcow2 open/read for ${secs}s: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/log" || tail -1 "$work/log")"
else
    echo "not ok 1 - fuzzer found a problem"
    tail -40 "$work/log" | sed 's/^/# /'
    cp -r "$work" "${TMPDIR:-/tmp}/emu-fuzz-failure" 2>/dev/null || true
    exit 1
fi
