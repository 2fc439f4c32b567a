#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adds up meson's test logs and prints the closing line "N passed, N failed, N skipped".

Exits 1 on any failure. Under CI=true a skipped test is a failure unless its name is in
the allowed-skips file (one "name<TAB>why" a line), as README's Testing section explains.
"""
import argparse
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("builddirs", nargs="+")
parser.add_argument("--fuzz-status")
parser.add_argument("--allowed-skips")
args = parser.parse_args()

allowed = set()
if args.allowed_skips and os.path.exists(args.allowed_skips):
    with open(args.allowed_skips) as f:
        allowed = {line.split("\t")[0].strip() for line in f if line.strip() and not line.startswith("#")}

passed = failed = skipped = 0
failures = []
for builddir in args.builddirs:
    log = os.path.join(builddir, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        continue
    with open(log) as f:
        for line in f:
            entry = json.loads(line)
            name = entry["name"]
            result = entry["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                if os.environ.get("CI") == "true" and name not in allowed:
                    failed += 1
                    failures.append(f"{builddir}: {name} (skipped, not in tests/allowed-skips)")
                else:
                    skipped += 1
            else:
                failed += 1
                failures.append(f"{builddir}: {name} ({result})")

if args.fuzz_status and os.path.exists(args.fuzz_status):
    with open(args.fuzz_status) as f:
        status = int(f.read().split()[1])
    if status == 0:
        passed += 1
    else:
        failed += 1
        failures.append("fuzzing (build-aux/fuzz.sh)")

if passed + failed == 0:
    failures.append("no test ran")
    failed = 1

for failure in failures:
    print(f"FAILED: {failure}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
