#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The first README command: install what is missing, build, and launch Afterword from
# the build tree (no install needed). Extra arguments go to afterword.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh build
[ -f _build/build.ninja ] || meson setup _build >/dev/null
ninja -C _build >/dev/null

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export AFTERWORD_LOCALEDIR="$PWD/_build/po"
exec _build/src/afterword "$@"
