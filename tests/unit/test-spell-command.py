#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`afterword --check` and spelling: `spelling` findings with the real hunspell
dictionaries, and --no-spelling. Prints TAP.

Usage: test-spell-command.py AFTERWORD
"""
import json
import os
import subprocess
import sys
import tempfile

AFTERWORD = sys.argv[1]
ENV = {k: v for k, v in os.environ.items()
       if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
ENV["LANGUAGE"] = "C"
ENV["LC_ALL"] = "C.UTF-8"
ENV["LANG"] = "en_US.UTF-8"
# removed with everything in them when the interpreter exits
_WORDS = tempfile.TemporaryDirectory(prefix="afterword-spell-words-")
_TMP = tempfile.TemporaryDirectory(prefix="afterword-spell-")
ENV["ENCHANT_CONFIG_DIR"] = _WORDS.name  # an empty personal word list

results = []
tmp = _TMP.name


def ok(cond, name, detail=""):
    results.append(cond)
    print(f"{'ok' if cond else 'not ok'} {len(results)} - {name}")
    if not cond and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(*args):
    return subprocess.run([AFTERWORD, "--check", *args], capture_output=True, env=ENV, timeout=60)


TYPO = """Subject: Thank you for teh interview

Dear Ms. Chen,

Thank you for your time yesterday. I realy enjoyed the conversation about the NDA,
the Q3 plans and https://example.com/jobz; my address is anna@exampel.com.
Could you share any feedback on my answers?

Best regards,
Anna
"""
typo = write("typo.txt", TYPO)

r = run("--json", typo)
report = json.loads(r.stdout)
spelling = [f for f in report["findings"] if f["rule"] == "spelling"]
ok(r.returncode == 1, "misspellings are findings: exit 1", r.stdout + r.stderr)
ok([f["text"] for f in spelling] == ["teh", "realy"],
   "the misspelled words, and no URL, address, acronym or code", json.dumps(spelling, indent=1))
ok(all(f["severity"] == "suggestion" for f in spelling), "severity suggestion")
ok(spelling and spelling[0]["part"] == "subject" and spelling[1]["part"] == "body",
   "subject and body", json.dumps(spelling, indent=1))
# Offsets are into the file, as for every finding
ok(all(TYPO[f["start"]:f["end"]] == f["text"] for f in spelling), "offsets into the file",
   json.dumps(spelling, indent=1))
ok(spelling and spelling[0]["suggestion"] == "the", "the first suggestion is the finding's suggestion",
   json.dumps(spelling, indent=1))
ok(all(0 < f["message"].count(",") + 1 <= 3 for f in spelling if "did you mean" in f["message"]),
   "up to three suggestions in the message", json.dumps(spelling, indent=1))
ok(set(report) == {"language", "words", "findings"}, "the JSON format is unchanged", r.stdout)

r = run(typo)
lines = r.stdout.decode().splitlines()
ok(any(line.startswith(typo + ":1:24: suggestion: ") and line.endswith("[spelling]") for line in lines),
   "text output: compiler style, rule id spelling", r.stdout)

r = run("--no-spelling", "--json", typo)
report = json.loads(r.stdout)
ok(r.returncode == 0 and not [f for f in report["findings"] if f["rule"] == "spelling"],
   "--no-spelling reports no misspelling", r.stdout + r.stderr)

GERMAN = ("Betreff: Vielen Dank\n\nSehr geehrte Frau Weber,\n\nvielen Dank für das angenehme "
          "Gesprech und Ihre Zeit. Über eine Rückmeldung würde ich mich freuen.\n\n"
          "Mit freundlichen Grüßen\nAnna Schmidt\n")
r = run("--json", write("de.txt", GERMAN))
report = json.loads(r.stdout)
spelling = [f for f in report["findings"] if f["rule"] == "spelling"]
ok(report["language"] == "de" and [f["text"] for f in spelling] == ["Gesprech"]
   and spelling[0]["suggestion"] == "Gespräch", "German: de_DE dictionary, offsets on umlauts",
   r.stdout)
ok(all(GERMAN[f["start"]:f["end"]] == f["text"] for f in spelling), "German offsets into the file")

r = subprocess.run([AFTERWORD, "--check", "--help"], capture_output=True, env=ENV, timeout=60)
ok(b"--no-spelling" in r.stdout, "--help lists --no-spelling", r.stdout)

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
