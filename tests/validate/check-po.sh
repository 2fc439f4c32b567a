#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A translation is complete: msgfmt -c accepts it, its mnemonics are sound, and it has
# no untranslated and no fuzzy entry.
set -u
po=${1:?usage: check-po.sh FILE.po}

stats=$(LC_ALL=C msgfmt -c --check-accelerators=_ --statistics -o /dev/null "$po" 2>&1)
status=$?
echo "$stats"
if [ $status -ne 0 ]; then
  echo "msgfmt -c rejects $po"
  exit 1
fi
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "$po is incomplete: translate every entry and clear every fuzzy flag"
    exit 1 ;;
esac
exit 0
