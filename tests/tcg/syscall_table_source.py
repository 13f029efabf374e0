"""Read a linux-user syscall table's C source the way the compiler sees its rows.

The tables use macros from linux-user/syscall-common.h for the rows every
architecture shares (424 and up); the table checkers parse the C text, so they
call read_table() to get the text with those macros expanded."""
import os
import re


def read_table(path):
    text = open(path).read()
    common = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(path))),
                          "syscall-common.h")
    macros = {}
    if os.path.exists(common):
        src = open(common).read().replace("\\\n", "\n")
        for m in re.finditer(r"#define (LU_SYSCALLS_\w+) *\n(.*?)(?=\n\n|\n#)", src, re.S):
            macros[m.group(1)] = m.group(2)
    return re.sub(r"\b(LU_SYSCALLS_\w+)\b", lambda m: macros.get(m.group(1), m.group(1)), text)
