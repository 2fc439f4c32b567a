#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores `afterword --check --json` on the labelled corpus in tests/data/phrase-corpus/<code>/.

Usage: score-corpus.py AFTERWORD [CORPUS_DIR] [--verbose]

--verbose also lists every miss and notes on rule data patterns that may be meant as
multi-word alternatives ("a|b c" is two slots; "a|b_c" is one).

Every language folder with a LABELS file is checked twice: with --lang=<code> and with
language detection. Prints precision and recall per language and per rule, and every
miss. Exits 1 when precision or recall of any language is below 0.95, when any finding
appears on an email labelled "-" (clean), or when detection picks the wrong language for
more than 5% of a folder; 2 when the checker itself fails.
"""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

THRESHOLD = 0.95
RULES = ["too-long", "pushy", "status-request", "negative", "overpromise", "missing-thanks",
         "missing-feedback-request", "unprofessional", "placeholder", "repeat-follow-up",
         "greeting", "sign-off"]


def read_labels(folder):
    labels = {}
    with open(os.path.join(folder, "LABELS"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) != 2:
                sys.exit(f"{folder}/LABELS:{number}: expected FILE<TAB>RULES")
            name, rules = parts
            expected = set() if rules.strip() == "-" else {r.strip() for r in rules.split(",")}
            unknown = expected - set(RULES)
            if unknown:
                sys.exit(f"{folder}/LABELS:{number}: unknown rule(s) {', '.join(sorted(unknown))}")
            labels[name] = expected
    return labels


def run_check(afterword, path, lang):
    args = [afterword, "--check", "--no-spelling", "--json"]
    if lang:
        args.append("--lang=" + lang)
    args.append(path)
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(var, None)
    proc = subprocess.run(args, capture_output=True, env=env, timeout=60)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: "
                           f"{proc.stderr.decode(errors='replace').strip()}")
    report = json.loads(proc.stdout)
    found = {f["rule"] for f in report["findings"]}
    if (proc.returncode == 1) != bool(report["findings"]):
        raise RuntimeError(f"{path}: exit status {proc.returncode} does not match the findings")
    return report["language"], found, report["findings"]


def lint_data(corpus, lang):
    """Notes about patterns that read like multi-word alternatives ("a|b c" is two slots)."""
    path = os.path.join(corpus, "..", "..", "data", "guidance", lang + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return []
    patterns = [p["pattern"] for p in data.get("phrases", []) if "pattern" in p]
    for key in ("greetings", "signoffs", "thanks", "feedback", "allow", "thanks_exceptions"):
        patterns += [p for p in data.get(key, []) if isinstance(p, str)]
    notes = []
    for pattern in patterns:
        slots = pattern.split()
        for a, b in zip(slots, slots[1:]):
            if "|" in a and "|" not in b and not b.startswith("~") and not a.startswith("~"):
                notes.append(f'{lang}.json: "{pattern}" has slots "{a}" then "{b}"; '
                             f'if "{a.split("|")[-1]} {b}" is one alternative, write it with _')
                break
    return notes


def ratio(a, b):
    return a / b if b else 1.0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    if not args:
        sys.exit(__doc__)
    afterword = args[0]
    corpus = args[1] if len(args) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

    languages = sorted(d for d in os.listdir(corpus)
                       if os.path.isfile(os.path.join(corpus, d, "LABELS")))
    if not languages:
        sys.exit(f"no language folders with LABELS under {corpus}")

    if verbose:
        for lang in languages:
            for note in lint_data(corpus, lang):
                print("# lint: " + note)

    jobs = []
    for lang in languages:
        folder = os.path.join(corpus, lang)
        labels = read_labels(folder)
        on_disk = {n for n in os.listdir(folder) if n.endswith(".txt")}
        for name in sorted(on_disk - set(labels)):
            print(f"# note: {lang}/{name} has no line in LABELS and is not scored")
        for name in sorted(set(labels) - on_disk):
            sys.exit(f"{lang}/LABELS names {name}, which does not exist")
        for name, expected in sorted(labels.items()):
            for mode in ("lang", "detect"):
                jobs.append((lang, name, expected, mode, os.path.join(folder, name)))

    def work(job):
        lang, name, expected, mode, path = job
        return job, run_check(afterword, path, lang if mode == "lang" else None)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(work, jobs))
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        print(f"checker failed: {e}", file=sys.stderr)
        return 2

    failed = False
    stats = {}     # (lang, mode) -> [tp, fp, fn, emails, clean_with_findings, misdetected]
    per_rule = {}  # (lang, rule) -> [tp, fp, fn] (mode "lang")
    misses = []
    for (lang, name, expected, mode, path), (detected, found, findings) in results:
        s = stats.setdefault((lang, mode), [0, 0, 0, 0, 0, 0])
        s[3] += 1
        tp, fp, fn = found & expected, found - expected, expected - found
        s[0] += len(tp)
        s[1] += len(fp)
        s[2] += len(fn)
        if not expected and found:
            s[4] += 1
        if mode == "detect" and detected != lang:
            s[5] += 1
            misses.append(f"{lang}/{name} [detect]: detected as {detected}")
        if mode == "lang":
            for rule in RULES:
                r = per_rule.setdefault((lang, rule), [0, 0, 0])
                r[0] += rule in tp
                r[1] += rule in fp
                r[2] += rule in fn
        if fp or fn:
            detail = "; ".join(f'{f["rule"]}: "{f.get("text", "")}"' for f in findings
                               if f["rule"] in fp)
            misses.append(f"{lang}/{name} [{mode}]: expected {','.join(sorted(expected)) or '-'}, "
                          f"got {','.join(sorted(found)) or '-'}"
                          + (f" (false: {detail})" if detail else ""))

    print(f"{'language':10} {'mode':7} {'emails':>6} {'precision':>9} {'recall':>7} "
          f"{'clean-hit':>9} {'misdetect':>9}")
    for (lang, mode), (tp, fp, fn, n, clean_hits, misdetected) in sorted(stats.items()):
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        bad = (precision < THRESHOLD or recall < THRESHOLD or clean_hits > 0 or
               misdetected > (1 - THRESHOLD) * n)
        failed |= bad
        print(f"{lang:10} {mode:7} {n:6} {precision:9.3f} {recall:7.3f} {clean_hits:9} "
              f"{misdetected:9}{'  FAIL' if bad else ''}")

    print()
    print(f"{'language':10} {'rule':26} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for (lang, rule), (tp, fp, fn) in sorted(per_rule.items()):
        if tp + fp + fn == 0:
            continue
        print(f"{lang:10} {rule:26} {tp:4} {fp:4} {fn:4} {ratio(tp, tp + fp):9.3f} "
              f"{ratio(tp, tp + fn):7.3f}")

    if misses:
        print()
        print("misses:")
        for line in misses if verbose or failed else misses[:40]:
            print("  " + line)

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
