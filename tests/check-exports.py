#!/usr/bin/env python3
"""libphasecast exports exactly the functions its public headers declare.

Usage: check-exports.py NM LIBRARY HEADER...  The public headers are the
ones given and every "local" header they include; a function is public when
declared with PC_API.  Compares with `nm -D --defined-only`: an exported
symbol no header declares (an internal leaking into the ABI) and a declared
function the library lacks are both failures.  Prints TAP."""
import os
import re
import subprocess
import sys


def declared(headers):
    names, seen, todo = set(), set(), list(headers)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for match in re.finditer(r"^PC_API\b([^;(]*?)\b([A-Za-z_]\w*)\s*\(", text, flags=re.M):
            names.add(match.group(2))
        for include in re.findall(r'#include\s+"([^"]+)"', text):
            local = os.path.join(os.path.dirname(path), include)
            if os.path.exists(local):
                todo.append(local)
    return names


def exported(nm, library):
    out = subprocess.run([nm, "-D", "--defined-only", library], check=True, capture_output=True, text=True).stdout
    return {fields[2] for fields in (line.split() for line in out.splitlines())
            if len(fields) == 3 and fields[1] in "TWiV" and fields[2].startswith("pc_")}


def main():
    nm, library, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
    want, have = declared(headers), exported(nm, library)
    checks = [
        ("every exported pc_ symbol is declared with PC_API in a public header", sorted(have - want)),
        ("every function a public header declares with PC_API is exported", sorted(want - have)),
    ]
    print("1..%d" % len(checks))
    status = 0
    for number, (what, wrong) in enumerate(checks, 1):
        print("%s %d %s" % ("not ok" if wrong else "ok", number, what))
        for name in wrong:
            print("# %s" % name)
        status |= bool(wrong)
    print("# %d functions exported" % len(have))
    return status


if __name__ == "__main__":
    sys.exit(main())
