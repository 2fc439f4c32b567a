#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` into a temporary folder puts every piece where the desktop looks for it,
# and the installed launcher and AppStream data validate.
set -u
builddir=${1:?usage: check-install.sh BUILDDIR PREFIX}
prefix=${2:?usage: check-install.sh BUILDDIR PREFIX}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
root="$dest$prefix"
app=io.github.afterword.Afterword

echo "TAP version 13"
n=0
check() {
  n=$((n + 1))
  if [ -e "$root/$1" ]; then echo "ok $n - installed $1"; else echo "not ok $n - missing $1"; fail=1; fi
}
fail=0
if ! meson install -C "$builddir" --no-rebuild --destdir "$dest" >"$dest.log" 2>&1; then
  echo "not ok 1 - meson install failed"; cat "$dest.log" | sed 's/^/# /'; echo "1..1"; exit 1
fi
rm -f "$dest.log"
check bin/afterword
check libexec/afterword-app
check share/applications/$app.desktop
check share/metainfo/$app.metainfo.xml
check share/icons/hicolor/scalable/apps/$app.svg
check share/icons/hicolor/symbolic/apps/$app-symbolic.svg
check share/glib-2.0/schemas/$app.gschema.xml
for lang in $(grep -v '^#' "$(dirname "$0")/../../po/LINGUAS"); do
  check share/locale/$lang/LC_MESSAGES/afterword.mo
done

n=$((n + 1))
if desktop-file-validate "$root/share/applications/$app.desktop"; then echo "ok $n - installed .desktop validates"
else echo "not ok $n - installed .desktop does not validate"; fail=1; fi
n=$((n + 1))
if appstreamcli validate --no-net "$root/share/metainfo/$app.metainfo.xml" >/dev/null; then echo "ok $n - installed metainfo validates"
else echo "not ok $n - installed metainfo does not validate"; fail=1; fi
n=$((n + 1))
if grep -q '^GenericName\[de\]=' "$root/share/applications/$app.desktop"; then echo "ok $n - .desktop carries translations"
else echo "not ok $n - .desktop has no GenericName[de]"; fail=1; fi
echo "1..$n"
exit $fail
