#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds every libFuzzer target (executables named fuzz-*, -Dfuzzing=true) with clang into
# _build-fuzz and runs each for a bounded time.
#
# Usage: build-aux/fuzz.sh [SECONDS]     (default 20 seconds per target)
#
# Seeds: tests/fuzz/seeds/<target>/ if it exists, plus for fuzz-guidance the labelled
# corpus emails. Crashes are kept in _build-fuzz/crashes/<target>/. Exit status 1 when a
# target finds a crash or fails to run.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
build=_build-fuzz

if ! command -v clang >/dev/null; then
  echo "fuzz: clang is not installed" >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dui_tests=false -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
ninja -C "$build" -j2 >/dev/null || { echo "fuzz: build failed" >&2; exit 1; }

targets=$(find "$build" -type f -name 'fuzz-*' -perm -u+x ! -name '*.p' | sort)
if [ -z "$targets" ]; then
  echo "fuzz: no fuzz-* targets were built" >&2
  exit 1
fi

status=0
for target in $targets; do
  name=$(basename "$target")
  work="$build/fuzz-corpus/$name"
  crashes="$build/crashes/$name"
  mkdir -p "$work" "$crashes"
  [ -d "tests/fuzz/seeds/$name" ] && cp -n tests/fuzz/seeds/"$name"/* "$work"/ 2>/dev/null
  if [ "$name" = fuzz-guidance ]; then
    for f in tests/data/phrase-corpus/*/*.txt; do
      [ -f "$f" ] && cp -n "$f" "$work/$(echo "$f" | tr / _)" 2>/dev/null
    done
  fi

  echo "== $name: $seconds s"
  G_DEBUG=fatal-criticals "$target" "$work" -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 \
    2>&1 | grep -E '^(#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|stat::number_of_executed_units|Done )' 
  rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $name failed (exit $rc); inputs in $crashes" >&2
    status=1
  else
    echo "fuzz: $name ok"
  fi
done
exit $status
