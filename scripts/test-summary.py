#!/usr/bin/env python3
"""Print the closing line of a test run from meson's testlog.json.

Skipped tests are listed with the reason they printed (a missing cross
compiler or fixture names itself), then one line:
    N passed, M failed, K skipped
Exit status 1 when anything failed or nothing ran at all."""
import json
import sys


def main(path):
    try:
        with open(path) as f:
            records = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f"test-summary: cannot read {path}: {e.strerror}")
        print("0 passed, 1 failed")
        return 1
    passed = failed = skipped = 0
    for r in records:
        result = r.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
            reason = next((l for l in (r.get("stdout") or "").splitlines()
                           if "skip" in l.lower() or "missing" in l.lower()), "")
            print(f"skipped: {r.get('name')}: {reason.strip()}")
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
