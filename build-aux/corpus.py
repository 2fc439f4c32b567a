#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads and checks the labelled corpus (format: data/guidance/LABELLING.md).

  corpus.py check FILE...          validate batches, print counts per label
  corpus.py stats [CORPUS_DIR]     counts per language and split

Imported by build-aux/train-guidance as the one reader of the format.
"""
import json
import os
import sys
from dataclasses import dataclass, field

SPAN_RULES = ("pushy", "status-request", "negative", "overpromise", "unprofessional",
              "placeholder")
ABSENCE_RULES = ("missing-thanks", "missing-feedback-request", "greeting", "sign-off",
                 "too-long")
RULES = SPAN_RULES + ABSENCE_RULES
GUIDANCE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "data", "guidance")


def _guidance_data():
    """data/guidance/common.json and every data/guidance/<code>.json, as the engine reads
    them (src/core/aw-languages.c): the languages of common.json first, in that order,
    then the other files by code."""
    with open(os.path.join(GUIDANCE_DIR, "common.json"), encoding="utf-8") as f:
        common = json.load(f)
    files = sorted(n[:-5] for n in os.listdir(GUIDANCE_DIR)
                   if n.endswith(".json") and n != "common.json")
    codes = [c for c in common.get("languages", []) if c in files]
    codes += [c for c in files if c not in codes]
    data = {}
    for code in codes:
        with open(os.path.join(GUIDANCE_DIR, code + ".json"), encoding="utf-8") as f:
            data[code] = json.load(f)
    return common, data


_COMMON, LANGUAGE_DATA = _guidance_data()
LANGUAGES = tuple(LANGUAGE_DATA)
# "Subject:" and the labels mail programs write in the other languages ("Betreff:")
SUBJECT_LABELS = tuple(dict.fromkeys(
    label for d in [_COMMON, *LANGUAGE_DATA.values()] for label in d.get("subject_labels", [])))
SPLITS = ("train", "dev", "test")


@dataclass
class Email:
    id: str
    lang: str
    split: str
    batch: str
    subject: str = ""
    body: str = ""
    labels: set = field(default_factory=set)
    spans: list = field(default_factory=list)   # [(rule, text)]
    line: int = 0


class CorpusError(Exception):
    pass


def _location(path):
    """(lang, split, batch) from .../<lang>/<split>/<batch>.txt."""
    parts = os.path.normpath(path).split(os.sep)
    batch = os.path.splitext(parts[-1])[0]
    split = parts[-2] if len(parts) >= 2 else ""
    lang = parts[-3] if len(parts) >= 3 else ""
    return lang, split, batch


def _finish(email, path):
    if email is None:
        return None
    email.body = email.body.rstrip("\n").rstrip()
    where = f"{path}:{email.line}: {email.id}"
    for rule, text in email.spans:
        if rule not in SPAN_RULES:
            raise CorpusError(f"{where}: span for '{rule}', which has no spans")
        if rule not in email.labels:
            raise CorpusError(f"{where}: span for '{rule}' but no such label")
        if text not in email.body and text not in email.subject:
            raise CorpusError(f"{where}: span text not found in the email: {text!r}")
    for rule in email.labels:
        if rule in SPAN_RULES and not any(r == rule for r, _ in email.spans):
            raise CorpusError(f"{where}: label '{rule}' needs at least one span")
    return email


def read_batch(path):
    """All emails of one batch file, in file order."""
    lang, split, batch = _location(path)
    emails = []
    email = None
    in_body = False
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("=== "):
                done = _finish(email, path)
                if done:
                    emails.append(done)
                email = Email(id=line[4:].strip(), lang=lang, split=split, batch=batch,
                              line=number)
                in_body = False
                continue
            if email is None:
                if line.strip() and not line.startswith("#"):
                    raise CorpusError(f"{path}:{number}: text before the first '=== ID'")
                continue
            if in_body:
                email.body += line + "\n"
                continue
            if line.strip() == "---":
                in_body = True
            elif line.startswith("labels:"):
                value = line[len("labels:"):].strip()
                if value != "-":
                    email.labels = {v.strip() for v in value.split(",") if v.strip()}
                    unknown = email.labels - set(RULES)
                    if unknown:
                        raise CorpusError(f"{path}:{number}: unknown label(s) "
                                          f"{', '.join(sorted(unknown))}")
            elif line.startswith("span:"):
                rule, sep, text = line[len("span:"):].partition("|")
                if not sep or not text.strip():
                    raise CorpusError(f"{path}:{number}: expected 'span: RULE | TEXT'")
                email.spans.append((rule.strip(), text.strip()))
            elif line.startswith("subject:"):
                email.subject = line[len("subject:"):].strip()
            elif line.strip():
                raise CorpusError(f"{path}:{number}: unexpected header line {line!r}")
    done = _finish(email, path)
    if done:
        emails.append(done)
    return emails


def read_corpus(root, splits=SPLITS, languages=LANGUAGES):
    """Every email under root/<lang>/<split>/*.txt, sorted by language, split, file."""
    emails = []
    seen = {}
    for lang in languages:
        for split in splits:
            folder = os.path.join(root, lang, split)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".txt"):
                    continue
                for email in read_batch(os.path.join(folder, name)):
                    if email.id in seen:
                        raise CorpusError(f"duplicate id {email.id} ({seen[email.id]})")
                    seen[email.id] = name
                    emails.append(email)
    return emails


def _counts(emails):
    counts = {rule: 0 for rule in RULES}
    clean = 0
    for email in emails:
        clean += not email.labels
        for rule in email.labels:
            counts[rule] += 1
    return clean, counts


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        emails = []
        ids = set()
        try:
            for path in argv[2:]:
                for email in read_batch(path):
                    if email.id in ids:
                        raise CorpusError(f"{path}: duplicate id {email.id}")
                    ids.add(email.id)
                    emails.append(email)
        except CorpusError as e:
            print(e, file=sys.stderr)
            return 1
        clean, counts = _counts(emails)
        words = [len(e.body.split()) for e in emails]
        print(f"{len(emails)} emails, {clean} clean ({100 * clean // max(len(emails), 1)}%), "
              f"{min(words, default=0)}-{max(words, default=0)} words")
        print("  " + ", ".join(f"{r} {n}" for r, n in counts.items() if n))
        return 0
    if len(argv) >= 2 and argv[1] == "stats":
        root = argv[2] if len(argv) > 2 else os.path.join(
            os.path.dirname(__file__), "..", "tests", "data", "corpus")
        for lang in LANGUAGES:
            for split in SPLITS:
                emails = read_corpus(root, (split,), (lang,))
                if emails:
                    clean, _ = _counts(emails)
                    print(f"{lang:6} {split:5} {len(emails):5} emails, {clean:4} clean")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
