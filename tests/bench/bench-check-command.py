#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-check-command.py: `afterword --check` as a whole process (a meson benchmark)
#
# Starts the executable 50 times per case, after 3 runs that warm the page cache, and
# prints the median and fastest wall time in milliseconds (loader, data, language
# detection, dictionaries and the check itself: everything a person waits for), and the
# median CPU time (user + system), which a busy machine disturbs less. Cases: one
# 150-word email with and without --lang and --no-spelling, and 1 MiB of text. Targets
# (issue 10): one email in at most 15 ms, 1 MiB in at most 80 ms.
#
# Usage: bench-check-command.py [--against=OTHER] AFTERWORD [RUNS]
#
# --against=OTHER times a second build (say, the tree before a change) in the same runs,
# the two executables taking turns, so that a busy machine slows both alike; a row is
# printed for each.

import os
import statistics
import subprocess
import sys
import tempfile
import time

SENTENCES = [
    "Thank you for taking the time to meet with me last week.",
    "I enjoyed learning about the team and the new platform.",
    "Could you share any feedback on my interview?",
    "I would be glad to be considered for future roles.",
    "Our conversation about the migration to the new data warehouse was very interesting.",
    "I have since read more about the tools your analysts use every day.",
    "It was good to hear how the team works with the customer support group.",
    "Please reconsider your decision, as I am the best candidate you will ever find.",
    "I hope the new colleague settles in quickly and that the project goes well.",
    "Is the position still open, and when can I expect a decision?",
]


def email_text():
    """Subject, greeting, 150 words of body, sign-off."""
    words = []
    i = 0
    while len(words) < 140:
        words.extend(SENTENCES[i % len(SENTENCES)].split())
        i += 1
    body = " ".join(words[:140])
    return ("Subject: Thank you for the interview\n"
            "Dear Ms. Chen,\n\n" + body + "\n\nBest regards,\nAnna Weber\n")


def mib_text():
    parts = ["Dear Ms. Chen,\n\n"]
    size = len(parts[0])
    i = 0
    while size < 1024 * 1024:
        s = SENTENCES[i % len(SENTENCES)] + ("\n" if i % 5 == 4 else " ")
        parts.append(s)
        size += len(s)
        i += 1
    parts.append("\n\nBest regards,\nAnna\n")
    return "".join(parts)


def run_once(argv):
    """Wall and CPU time of one run, in milliseconds."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1000.0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit("%s failed with %d" % (" ".join(argv), child.returncode))
    return wall, (usage.ru_utime + usage.ru_stime) * 1000.0


def time_runs(argvs, runs):
    """Per command line, the times of RUNS runs, the command lines taking turns."""
    for argv in argvs:
        for _ in range(3):
            run_once(argv)
    times = [[] for _ in argvs]
    for _ in range(runs):
        for argv, out in zip(argvs, times):
            out.append(run_once(argv))
    return times


def main():
    args = sys.argv[1:]
    exes = []
    if args and args[0].startswith("--against="):
        exes.append(args.pop(0)[len("--against="):])
    if not args:
        sys.exit("usage: bench-check-command.py [--against=OTHER] AFTERWORD [RUNS]")
    exes.insert(0, args[0])
    runs = int(args[1]) if len(args) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        email = os.path.join(tmp, "email.txt")
        big = os.path.join(tmp, "mib.txt")
        with open(email, "w", encoding="utf-8") as f:
            f.write(email_text())
        with open(big, "w", encoding="utf-8") as f:
            f.write(mib_text())
        cases = [
            ("email --lang=en --no-spelling", [email, "--lang=en", "--no-spelling"], 15),
            ("email --lang=en", [email, "--lang=en"], 15),
            ("email --no-spelling (detect)", [email, "--no-spelling"], 15),
            ("email (detect, spelling)", [email], 15),
            ("1 MiB --lang=en --no-spelling", [big, "--lang=en", "--no-spelling"], 80),
            ("1 MiB --no-spelling (detect)", [big, "--no-spelling"], 80),
        ]
        if len(exes) > 1:
            print("rows: %s" % "; ".join("(%d) %s" % (i + 1, exe) for i, exe in enumerate(exes)))
        print("%-36s %10s %8s %8s %8s" % ("afterword --check", "median ms", "min", "cpu ms",
                                            "target"))
        for name, case_args, target in cases:
            all_times = time_runs([[exe, "--check"] + case_args for exe in exes], runs)
            for i, times in enumerate(all_times):
                walls = [wall for wall, cpu in times]
                cpus = [cpu for wall, cpu in times]
                label = name if len(exes) == 1 else "%s (%d)" % (name, i + 1)
                print("%-36s %10.1f %8.1f %8.1f %8d" % (label, statistics.median(walls), min(walls),
                                                        statistics.median(cpus), target),
                      flush=True)


if __name__ == "__main__":
    main()
