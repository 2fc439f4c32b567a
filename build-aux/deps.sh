#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Afterword needs, only when some are missing.
#   build-aux/deps.sh build   what building and running needs
#   build-aux/deps.sh test    that plus what the test suites and benchmarks need
# As root it calls apt-get directly, otherwise sudo; when neither works it prints the
# exact apt-get line and stops.
set -euo pipefail

build_packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsecret-1-dev libsoup-3.0-dev
  libgmime-3.0-dev libjson-glib-dev libxml2-dev libenchant-2-dev libgoa-1.0-dev zlib1g-dev
  hunspell-en-us hunspell-en-gb hunspell-de-de hunspell-fr hunspell-es hunspell-it hunspell-pt-br
  glib-networking librsvg2-common desktop-file-utils appstream
)
test_packages=(
  xvfb xauth x11-utils libx11-dev libxdamage-dev dbus dbus-x11 gnome-keyring libsecret-tools
  python3 python3-aiosmtpd openssl swaks msmtp imagemagick
  clang libclang-rt-14-dev gnome-text-editor
  python3-numpy python3-sklearn
  python3-pyatspi python3-dogtail at-spi2-core
  # Only recommended by the tools above, so --no-install-recommends leaves them out:
  # swaks needs libnet-ssleay-perl for --tls and --tls-on-connect.
  libnet-ssleay-perl
)

mode=${1:-build}
case "$mode" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null || true)
for pkg in "${wanted[@]}"; do
  if ! grep -q "^$pkg ii" <<<"$installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
apt_line=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}")

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo)
else
  echo "Cannot install packages (not root, no sudo). Please run:" >&2
  echo "  sudo apt-get update && sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

# A fresh machine has no package lists yet; refresh them once when an install fails.
if ! "${sudo_cmd[@]}" "${apt_line[@]}" >/tmp/afterword-apt.log 2>&1; then
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" "${apt_line[@]}" >/tmp/afterword-apt.log 2>&1 || {
    tail -n 20 /tmp/afterword-apt.log >&2
    echo "apt-get install failed; see /tmp/afterword-apt.log" >&2
    exit 1
  }
fi
