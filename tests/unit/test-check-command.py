#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The `afterword --check` contract, run on the real executable with no display, no
Wayland and no D-Bus session. Prints TAP.

Usage: test-check-command.py AFTERWORD
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

AFTERWORD = sys.argv[1]
ENV = {k: v for k, v in os.environ.items()
       if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
ENV["LANGUAGE"] = "C"
ENV["LC_ALL"] = "C.UTF-8"

CLEAN = """Subject: Thank you for the interview

Dear Ms. Chen,

Thank you for your time and for the interview. Could you share any feedback on my answers?
I hope to be considered for future roles.

Best regards,
Anna
"""
PUSHY = """Subject: Zoë – please reconsider

Dear Ms. Chen,

Thank you for your time, Zoë. Please reconsider your decision.
Could you share any feedback on my interview?

Best regards,
Anna
"""

results = []
_TMP = tempfile.TemporaryDirectory(prefix="afterword-check-")  # removed at exit
tmp = _TMP.name


def ok(cond, name, detail=""):
    results.append(cond)
    print(f"{'ok' if cond else 'not ok'} {len(results)} - {name}")
    if not cond and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")


def write(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def run(*args, stdin=None):
    # The guidance contract; spelling findings have tests of their own (test-spell-command.py)
    return subprocess.run([AFTERWORD, "--check", "--no-spelling", *args], input=stdin, capture_output=True,
                          env=ENV, timeout=60)


clean = write("clean.txt", CLEAN)
pushy = write("pushy.txt", PUSHY)

r = run(clean)
ok(r.returncode == 0, "clean draft exits 0", r.stdout + r.stderr)
ok(r.stdout.decode().strip() == "No findings, 31 words, language en",
   "clean draft prints only the summary", r.stdout)

r = run(pushy)
out = r.stdout.decode()
lines = out.strip().splitlines()
ok(r.returncode == 1, "findings exit 1", out)
ok(any(line.startswith(pushy + ":1:16: warning: ") and line.endswith("[pushy]") and ": warning: " in line
       for line in lines), "subject finding reported on line 1 in compiler style", out)
# "Please reconsider" sits on line 5 after "Thank you for your time, Zoë. " (30 characters)
ok(any(line.startswith(pushy + ":5:31: warning: ") and line.endswith("[pushy]") for line in lines),
   "body finding has line and character column", out)
ok(lines[-1].startswith("2 findings (2 warnings), ") and lines[-1].endswith(", language en"),
   "summary line counts findings by severity", lines[-1] if lines else out)

r = run("--json", pushy)
report = json.loads(r.stdout)
text = PUSHY
ok(report["language"] == "en" and isinstance(report["words"], int), "JSON has language and words")
spans = [f for f in report["findings"] if "start" in f]
ok(all(text[f["start"]:f["end"]] == f["text"] for f in spans) and len(spans) == 2,
   "JSON start/end are character offsets into the whole file", json.dumps(report, ensure_ascii=False))
ok({f["part"] for f in spans} == {"subject", "body"}, "JSON findings name their part")
ok(all(set(f) >= {"rule", "severity", "message", "why"} for f in report["findings"]),
   "JSON findings have rule, severity, message and why")
ok(all(f.get("source") in ("phrase", "model") and 0.0 <= f.get("score", -1) <= 1.0
       for f in report["findings"]) and
   all(f["score"] == 1.0 for f in report["findings"] if f["source"] == "phrase"),
   "JSON findings have a score (0..1, 1 for a phrase) and a source (phrase or model)")

r = run("--json", write("nothanks.txt", "Dear Ms. Chen,\n\nCould you share any feedback?\n\nBest regards,\nAnna\n"))
report = json.loads(r.stdout)
absent = [f for f in report["findings"] if f["rule"] == "missing-thanks"]
ok(len(absent) == 1 and "start" not in absent[0] and "text" not in absent[0],
   "absence findings have no start, end or text", r.stdout)
r = run(write("nothanks2.txt", "Dear Ms. Chen,\n\nCould you share any feedback?\n\nBest regards,\nAnna\n"))
ok(any(":1:1: warning: " in line and line.endswith("[missing-thanks]")
       for line in r.stdout.decode().splitlines()), "absence findings print at 1:1", r.stdout)

r = run("--lang=de", "-", stdin=CLEAN.encode())
ok(r.returncode in (0, 1) and b"language de" in r.stdout, "--lang=de and - for standard input", r.stdout + r.stderr)
r = run("--lang", "pt_BR", "--json", "-", stdin=CLEAN.encode())
ok(json.loads(r.stdout)["language"] == "pt_BR", "--lang CODE as two arguments")

r = run("--lang=xx", clean)
err = r.stderr.decode()
ok(r.returncode == 2 and all(c in err for c in ("en", "de", "fr", "es", "pt_BR", "it")),
   "unknown language is a usage error listing the valid codes", err)
r = run()
ok(r.returncode == 2 and r.stderr, "missing FILE is a usage error", r.stderr)
r = run("--frobnicate", clean)
ok(r.returncode == 2, "unknown option is a usage error", r.stderr)
r = run(os.path.join(tmp, "does-not-exist.txt"))
ok(r.returncode == 2 and r.stderr, "missing file exits 2 with a message", r.stderr)

r = run(write("nul.txt", b"Dear Anna,\n\x00Thank you\n"))
ok(r.returncode == 2 and b"NUL" in r.stderr, "NUL bytes exit 2 with a clear message", r.stderr)
r = run(write("latin1.txt", "Dear Jörg,\nDanke schön\n".encode("latin-1")))
ok(r.returncode == 2 and b"UTF-8" in r.stderr, "invalid UTF-8 exits 2 with a clear message", r.stderr)

r = run(write("empty.txt", b""))
ok(r.returncode == 0 and b"No findings" in r.stdout, "an empty file is a clean result", r.stdout + r.stderr)
r = run(write("subject-only.txt", "Subject: Thank you"))
ok(r.returncode == 0, "a subject without a body is fine", r.stdout + r.stderr)

big = ("word " * 2_000_000).encode()  # one 10 MiB line
r = run("--json", write("big.txt", big))
ok(r.returncode == 1 and json.loads(r.stdout)["words"] == 2_000_000, "a 10 MiB single line is checked",
   r.stderr)

FRENCH = ("Objet\u202f: Merci pour l’entretien\nBonjour Madame Dubois,\n\n"
          "Je vous remercie pour votre temps. Auriez-vous un retour à me donner\u202f?\n\n"
          "Bien cordialement,\nAlex Martin\n")
r = run("--json", write("objet.txt", FRENCH))
report = json.loads(r.stdout)
ok(r.returncode == 0 and report["language"] == "fr" and report["words"] == 20,
   "a French \"Objet :\" line with a no-break space is the subject", r.stdout + r.stderr)

r = run(write("crlf.txt", CLEAN.replace("\n", "\r\n")))
ok(r.returncode == 0, "CRLF line ends are fine", r.stdout + r.stderr)

r = subprocess.run([AFTERWORD, "--check", "--help"], capture_output=True, env=ENV, timeout=60)
ok(r.returncode == 0 and b"--lang" in r.stdout, "--help describes the options")

# `afterword --version`: one line, exit 0, no display or D-Bus, as fast as --check
start = time.monotonic()
r = subprocess.run([AFTERWORD, "--version"], capture_output=True, env=ENV, timeout=60)
elapsed = time.monotonic() - start
ok(r.returncode == 0 and re.fullmatch(rb"afterword \d+\.\d+\.\d+\n", r.stdout) is not None
   and r.stderr == b"", "--version prints \"afterword VERSION\" and exits 0", r.stdout + r.stderr)
ok(elapsed < 2.0, f"--version needs no display and is quick ({elapsed:.2f} s)")

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
