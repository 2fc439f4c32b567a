#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The second README command: runs every test suite on this machine only.
#
# 1. installs the missing Debian packages (build-aux/deps.sh test) and builds twice:
#    _build (all suites) and _build-asan (unit suite with AddressSanitizer + UBSan);
# 2. starts, in order: a private D-Bus session bus (dbus-run-session), an Xvfb display, a
#    real Secret Service (gnome-keyring-daemon, unlocked with a throw-away password, on
#    that private bus, never the user's own keyring), and the SMTP test server
#    (tests/servers/smtp-server.py on 127.0.0.1); every test run gets a fresh HOME and XDG_* dirs;
# 3. runs the suites (unit, validate, integration, ui), the sanitizer build's unit suite
#    and the fuzzers for a bounded time (build-aux/fuzz.sh), then stops every service, even
#    on failure;
# 4. prints "N passed, N failed, N skipped" as its last line; exits non-zero on any failure.
#    Under CI=true a skipped test counts as failed unless tests/allowed-skips names it.
#
# Options: --quick (no sanitizer build, no fuzzing), --benchmark (run the benchmarks instead).
# For development: AW_BUILD_DIR=_build-mine builds and tests another build directory, and
# AW_TEST_ARGS="smtp sender" hands its words to `meson test` (implies no sanitizer build).
set -uo pipefail
build=${AW_BUILD_DIR:-_build}
export AW_BUILD_DIR=$build
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "${1:-}" != "--inside-session" ]; then
  quick=0; benchmark=0
  for arg in "$@"; do
    case "$arg" in
      --quick) quick=1 ;;
      --benchmark) benchmark=1 ;;
      *) echo "usage: $0 [--quick] [--benchmark]" >&2; exit 2 ;;
    esac
  done

  build-aux/deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

  [ -n "${AW_TEST_ARGS:-}" ] && quick=1
  echo "== build"
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
  fi
  ninja -C "$build" || { echo "0 passed, 1 failed"; exit 1; }
  if [ "$quick" = 0 ] && [ "$benchmark" = 0 ]; then
    if [ ! -f _build-asan/build.ninja ]; then
      meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
        -Dui_tests=false >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
    fi
    ninja -C _build-asan || { echo "0 passed, 1 failed"; exit 1; }
  fi
  if [ "$benchmark" = 0 ]; then
    rm -f "$build/meson-logs/testlog.json" _build-asan/meson-logs/testlog.json
  fi

  # Fresh, private folders: no test touches the real user's home or keyring.
  tmp=$(mktemp -d /tmp/afterword-test-XXXXXX)
  mkdir -m 0700 "$tmp/run"
  export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
  export XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
  export XDG_CACHE_HOME="$tmp/home/.cache" XDG_STATE_HOME="$tmp/home/.local/state"
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  export AW_TEST_TMP="$tmp" AW_TEST_QUICK=$quick AW_TEST_BENCHMARK=$benchmark
  unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

  dbus-run-session -- "$0" --inside-session
  status=$?
  rm -rf "$tmp"
  exit $status
fi

# ---- inside the private session bus ----
tmp=$AW_TEST_TMP
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

echo "== services"
keyring_env=$(printf 'test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)
[ -n "$keyring_env" ] && eval "export $keyring_env"
[ -n "${GNOME_KEYRING_PID:-}" ] && pids+=("$GNOME_KEYRING_PID")
if ! gdbus wait --session --timeout 10 org.freedesktop.secrets; then
  echo "the Secret Service did not start"; echo "0 passed, 1 failed"; exit 1
fi
echo "secret service: gnome-keyring on the private bus"

exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
if [ ! -s "$tmp/display" ]; then
  echo "Xvfb did not start:"; cat "$tmp/xvfb.log"; echo "0 passed, 1 failed"; exit 1
fi
export DISPLAY=":$(head -n 1 "$tmp/display")"
echo "display: Xvfb $DISPLAY"

if [ -f tests/servers/smtp-server.py ]; then
  mkdir -p "$tmp/smtp"
  /usr/bin/python3 tests/servers/smtp-server.py --state-dir "$tmp/smtp" >"$tmp/smtp.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do [ -s "$tmp/smtp/ports.json" ] && break; sleep 0.1; done
  if [ ! -s "$tmp/smtp/ports.json" ]; then
    echo "the SMTP test server did not start:"; cat "$tmp/smtp.log"
    echo "0 passed, 1 failed"; exit 1
  fi
  export AW_TEST_SMTP_DIR="$tmp/smtp"
  echo "smtp: tests/servers/smtp-server.py on 127.0.0.1 ($AW_TEST_SMTP_DIR/ports.json)"
fi

if [ "$AW_TEST_BENCHMARK" = 1 ]; then
  meson test -C "$build" --benchmark --verbose ${AW_TEST_ARGS:-}
  exit $?
fi

echo "== meson test (unit, validate, integration, ui)"
# shellcheck disable=SC2086 # AW_TEST_ARGS is a list of words on purpose
meson test -C "$build" --print-errorlogs --num-processes 2 ${AW_TEST_ARGS:-}

if [ "$AW_TEST_QUICK" = 0 ]; then
  echo "== meson test, AddressSanitizer + UBSan build (unit)"
  # Leak checking on. The slow unwinder (8 frames) sees through GLib, which has no frame
  # pointers, so that build-aux/lsan.supp can name the library leaks we cannot fix.
  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=8 \
  LSAN_OPTIONS=suppressions="$root/build-aux/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C _build-asan --suite unit --print-errorlogs --num-processes 2 \
    --timeout-multiplier 3
  if [ -x build-aux/fuzz.sh ]; then
    echo "== fuzzing (bounded)"
    build-aux/fuzz.sh "${AW_FUZZ_SECONDS:-20}" >"$tmp/fuzz.log" 2>&1
    echo "fuzz $?" > "$tmp/fuzz.status"
    tail -n 20 "$tmp/fuzz.log"
  fi
fi

/usr/bin/python3 build-aux/test-summary.py "$build" _build-asan --fuzz-status "$tmp/fuzz.status" \
  --allowed-skips tests/allowed-skips
