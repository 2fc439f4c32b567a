#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source, .ui and data file with translatable strings must be in po/POTFILES.in,
# and every file listed there must exist.
set -u
root=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$root" || exit 1

echo "TAP version 13"
status=0
n=0
list=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for f in $list; do
  n=$((n + 1))
  if [ -f "$f" ]; then echo "ok $n - listed file exists: $f"
  else echo "not ok $n - listed in POTFILES.in but missing: $f"; status=1; fi
done

candidates=$(find src ui data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.desktop.in' \
               -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) | sort)
for f in $candidates; do
  if grep -qE '(\b_\(|\bN_\(|\bC_\(|\bNC_\(|\bngettext\b|translatable="yes"|^Name=|<summary>|<name>)' "$f"; then
    n=$((n + 1))
    if echo "$list" | grep -qxF "$f"; then echo "ok $n - in POTFILES.in: $f"
    else echo "not ok $n - has translatable strings but is not in po/POTFILES.in: $f"; status=1; fi
  fi
done
echo "1..$n"
exit $status
