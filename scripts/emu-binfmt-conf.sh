#!/bin/sh
# emu-binfmt-conf.sh — register emu's Linux user-mode emulators with the
# kernel's binfmt_misc, so that foreign binaries run directly:
#
#     sudo scripts/emu-binfmt-conf.sh --path /usr/local/bin --flags F arm armeb
#     ./hello-arm                      # now runs under /usr/local/bin/emu-arm
#
# Options:
#   --path DIR      where the emu-<target> binaries are (default: the
#                   directory of emu-arm found on PATH)
#   --flags FLAGS   binfmt_misc flags, any of:
#                     O  open the binary for the emulator (execute-only files)
#                     C  use the binary's credentials (setuid; implies O)
#                     F  open the emulator at registration (works inside
#                        chroots and containers without the emulator's path)
#   --dry-run       print the registration strings instead of writing them
#   --remove        unregister the targets instead
#   --help
# Targets: arm armeb (default: every one with a binary in --path).
set -eu

# ELF header through e_machine: class 32, byte order, ET_EXEC/ET_DYN (the mask
# lets 2 and 3 both match), machine 40 (EM_ARM).
magic_arm='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00'
mask_arm='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
magic_armeb='\x7fELF\x01\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28'
mask_armeb='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff'
known="arm armeb"

usage() {
    sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

path='' flags='' dry=0 remove=0 targets=''
while [ $# -gt 0 ]; do
    case $1 in
    --path) path=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --remove) remove=1; shift ;;
    --help|-h) usage; exit 0 ;;
    -*) echo "emu-binfmt-conf.sh: unknown option $1 (try --help)" >&2; exit 1 ;;
    *) targets="$targets $1"; shift ;;
    esac
done

case $flags in
*[!OCF]*) echo "emu-binfmt-conf.sh: --flags takes only O, C and F" >&2; exit 1 ;;
esac
case $flags in
*C*) case $flags in *O*) ;; *) flags="${flags}O" ;; esac ;;
esac

if [ -z "$path" ]; then
    p=$(command -v emu-arm 2>/dev/null || true)
    [ -n "$p" ] && path=$(dirname "$p")
fi
if [ -z "$targets" ]; then
    for t in $known; do
        if [ -n "$path" ] && [ -x "$path/emu-$t" ]; then
            targets="$targets $t"
        fi
    done
fi
if [ -z "$targets" ]; then
    echo "emu-binfmt-conf.sh: no targets (give --path DIR or target names)" >&2
    exit 1
fi

binfmt=/proc/sys/fs/binfmt_misc
if [ $dry = 0 ] && [ ! -w "$binfmt/register" ]; then
    echo "emu-binfmt-conf.sh: $binfmt/register is not writable (mount binfmt_misc, run as root)" >&2
    exit 1
fi

for t in $targets; do
    case " $known " in
    *" $t "*) ;;
    *) echo "emu-binfmt-conf.sh: unknown target $t (known: $known)" >&2; exit 1 ;;
    esac
    name=emu-$t
    if [ $remove = 1 ]; then
        if [ $dry = 1 ]; then
            echo "echo -1 > $binfmt/$name"
        elif [ -e "$binfmt/$name" ]; then
            echo -1 > "$binfmt/$name"
        fi
        continue
    fi
    if [ -z "$path" ] || [ ! -x "$path/emu-$t" ]; then
        echo "emu-binfmt-conf.sh: no executable $path/emu-$t" >&2
        exit 1
    fi
    case $t in
    arm) magic=$magic_arm mask=$mask_arm ;;
    armeb) magic=$magic_armeb mask=$mask_armeb ;;
    esac
    reg=":$name:M::$magic:$mask:$path/emu-$t:$flags"
    if [ $dry = 1 ]; then
        echo "$reg"
    else
        [ -e "$binfmt/$name" ] && echo -1 > "$binfmt/$name"
        printf '%s' "$reg" > "$binfmt/register"
        echo "registered $name -> $path/emu-$t${flags:+ (flags $flags)}"
    fi
done
