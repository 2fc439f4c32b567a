#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Startup benchmark: time from launch to the first painted frame, and resident memory
# 3 s after start, for Afterword and GNOME Text Editor in the same run, same X server,
# same renderer (cairo). Needs DISPLAY (build-aux/bench.sh provides Xvfb and D-Bus).
#   startup.sh FIRST_FRAME_TOOL AFTERWORD_BINARY [RUNS]
set -euo pipefail
tool=${1:?first-frame tool}
afterword=${2:?afterword binary}
runs=${3:-5}

export GSK_RENDERER=cairo
export GTK_A11Y=none NO_AT_BRIDGE=1

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR + 1) / 2; if (NR % 2) print a[m]; else print (a[m - 0.5] + a[m + 0.5]) / 2 }'; }

measure() {
  local label=$1; shift
  local frames=() rss=()
  for _ in $(seq "$runs"); do
    local home; home=$(mktemp -d)
    local out
    out=$(HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data \
          XDG_CACHE_HOME=$home/cache XDG_STATE_HOME=$home/state \
          "$tool" --settle 3 -- "$@" 2>/dev/null | tail -n 1)
    rm -rf "$home"
    frames+=("$(sed -n 's/.*first_frame_ms=\([0-9.]*\).*/\1/p' <<<"$out")")
    rss+=("$(sed -n 's/.*rss_kib=\([0-9]*\).*/\1/p' <<<"$out")")
  done
  local f r
  f=$(printf '%s\n' "${frames[@]}" | median)
  r=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-20s first frame %7.1f ms   resident %7.1f MB   (median of %d)\n' \
    "$label" "$f" "$(awk -v k="$r" 'BEGIN { print k / 1024 }')" "$runs"
  echo "$f $r" > "$result_dir/$label"
}

result_dir=$(mktemp -d)
trap 'rm -rf "$result_dir"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
measure afterword "$afterword"
if command -v gnome-text-editor >/dev/null 2>&1; then
  measure gnome-text-editor gnome-text-editor --standalone
  read -r af ar < "$result_dir/afterword"
  read -r tf tr < "$result_dir/gnome-text-editor"
  awk -v af="$af" -v tf="$tf" -v ar="$ar" -v tr="$tr" 'BEGIN {
    printf "ratio afterword / text editor: first frame %.2f, resident memory %.2f\n", af / tf, ar / tr }'
else
  echo "gnome-text-editor is not installed: build-aux/deps.sh test installs it"
fi
