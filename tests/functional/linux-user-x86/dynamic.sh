#!/bin/sh
# dynamic.sh EMU — the host's own dynamically linked programs under
# emu-x86_64 with the host's / as sysroot (-L /), each compared with the same
# command run natively: xz compressing 1 MiB of varied data (byte-identical
# stream) and decompressing it again, python3 running a small program
# (hashlib, json, big integers, floats), gcc compiling hello world (the
# object code identical; gcc runs cc1, as and collect2/ld through execve).
emu=$(realpath "$1")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
check() {                          # check NAME FILE-NATIVE FILE-EMU
    if cmp -s "$2" "$3"; then
        echo "ok: $1"
    else
        echo "FAIL: $1 differs from native"
        fail=1
    fi
}
# Debian's own programs, by absolute path: PATH may lead to other builds (pyenv shims ...)
for tool in /usr/bin/xz /usr/bin/python3 /usr/bin/gcc; do
    [ -x $tool ] || { echo "missing host program: $tool"; exit 77; }
done

# data: text and the start of a binary, so that xz sees both kinds
{ seq 1 40000; head -c 700000 /usr/bin/python3; } > data
/usr/bin/xz -6 -c data > native.xz
timeout 120 "$emu" -L / /usr/bin/xz -6 -c data > emu.xz
check "xz -6 stream" native.xz emu.xz
timeout 120 "$emu" -L / /usr/bin/xz -dc native.xz > emu.out
check "xz -d round trip" data emu.out

prog='import hashlib, json, math, sys
d = {"sha256": hashlib.sha256(b"emu" * 1000).hexdigest(), "fact": str(math.factorial(60)),
     "floats": [math.sqrt(2), math.sin(1.0), 1e300 * 10, 2.5 ** -3], "sorted": sorted("emulator")}
print(json.dumps(d, sort_keys=True))
print(sum(i * i for i in range(200000)), sys.maxsize)'
/usr/bin/python3 -c "$prog" > native.py 2>&1
timeout 120 "$emu" -L / /usr/bin/python3 -c "$prog" > emu.py 2>&1
check "python3 -c" native.py emu.py

printf '#include <stdio.h>\nint main(void) { printf("hello %%d\\n", 6 * 7); return 0; }\n' > hello.c
/usr/bin/gcc -O2 -c hello.c -o native.o
timeout 120 "$emu" -L / /usr/bin/gcc -O2 -c hello.c -o emu.o
check "gcc -c hello.c" native.o emu.o
timeout 120 "$emu" -L / /usr/bin/gcc hello.c -o hello-emu && ./hello-emu > hello.out
echo "hello 42" > hello.expected
check "gcc hello world links and runs" hello.expected hello.out
exit $fail
