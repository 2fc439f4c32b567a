#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-architecture.py: the layout rules README's Architecture section states, as TAP.

  check-architecture.py SOURCE_ROOT

- no C file or header in src/ passes 1,000 lines;
- src/core links no GTK: none of its files includes a GTK, GDK or libadwaita header;
- the include graph of src/core (its own headers, by base name) has no circle;
- every folder of src/core/ is one of the areas README names.
"""
import os
import re
import sys

MAX_LINES = 1000
AREAS = {"accounts", "drafts", "guidance", "history", "mail"}
INCLUDE = re.compile(r'^\s*#\s*include\s+[<"]([^>"]+)[>"]', re.M)
UI_HEADERS = ("gtk/", "gdk/", "adwaita.h", "gtk.h")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, details=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {what}")
        for line in details:
            print(f"# {line}")
        self.failed += 0 if ok else 1


def source_files(folder):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".c", ".h")):
                yield os.path.join(dirpath, name)


def find_cycle(graph):
    """One circle of the graph as a list of nodes, or None (iterative DFS, three colours)."""
    colour = {node: 0 for node in graph}
    for root in sorted(graph):
        if colour[root]:
            continue
        stack = [(root, iter(sorted(graph[root])))]
        path = [root]
        colour[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif colour.get(child) == 1:
                return path[path.index(child):] + [child]
            elif colour.get(child) == 0:
                colour[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return None


def main(root):
    tap = Tap()
    src = os.path.join(root, "src")
    core = os.path.join(src, "core")

    long_files = []
    for path in source_files(src):
        with open(path, encoding="utf-8") as f:
            lines = sum(1 for _ in f)
        if lines > MAX_LINES:
            long_files.append(f"{os.path.relpath(path, root)}: {lines} lines")
    tap.check(not long_files, f"no file in src/ passes {MAX_LINES} lines", long_files)

    texts = {}
    for path in source_files(core):
        with open(path, encoding="utf-8") as f:
            texts[path] = f.read()

    ui = [f"{os.path.relpath(p, root)} includes {h}" for p, t in texts.items()
          for h in INCLUDE.findall(t) if h.startswith(UI_HEADERS)]
    tap.check(not ui, "src/core includes no GTK, GDK or libadwaita header", ui)

    by_name = {os.path.basename(p): p for p in texts}
    graph = {name: set() for name in by_name}
    for path, text in texts.items():
        for header in INCLUDE.findall(text):
            header = os.path.basename(header)
            if header in by_name and header != os.path.basename(path):
                graph[os.path.basename(path)].add(header)
    cycle = find_cycle(graph)
    tap.check(cycle is None, "the include graph of src/core has no circle",
              [" -> ".join(cycle)] if cycle else [])

    folders = sorted(d for d in os.listdir(core) if os.path.isdir(os.path.join(core, d)))
    strange = [d for d in folders if d not in AREAS]
    tap.check(not strange and folders, "src/core/ has one folder per area: " + ", ".join(folders),
              [f"not an area README names: {d}" for d in strange])

    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
