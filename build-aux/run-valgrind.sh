#!/usr/bin/env bash
# Runs the widget suites under valgrind and fails on any definite leak or
# memory error in them. LeakSanitizer cannot be used with GTK on Debian 12
# (library noise, no frame pointers); valgrind with GLib's and GTK's own
# suppression files can. Called by build-aux/run-tests.sh after the plain
# suite, on its build directory and with the test store it started.
#
#   build-aux/run-valgrind.sh BUILD_DIR [TEST …]   (default: the widget suites)
#
# Needs what the suite needs: MEDUSA_URL for the tests that use the store, a
# display and a session bus (run-tests.sh runs it inside both).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(cd "${1:?usage: run-valgrind.sh BUILD_DIR [TEST …]}" && pwd)"
shift
TESTS=("$@")
(( ${#TESTS[@]} )) || TESTS=(test-window test-thumbnails test-pages)

command -v valgrind >/dev/null || { echo "run-valgrind: valgrind is not installed" >&2; exit 1; }

supps=()
for s in /usr/share/glib-2.0/valgrind/glib.supp /usr/share/gtk-4.0/valgrind/gtk.supp \
         "$ROOT/tests/valgrind/patron.supp"; do
  [[ -f "$s" ]] && supps+=("--suppressions=$s")
done

# the environment tests/meson.build gives the widget suites
export G_DEBUG=fatal-warnings G_SLICE=always-malloc
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILD/data"
export NO_AT_BRIDGE=1 GSK_RENDERER=cairo GDK_DEBUG=gl-disable
export G_TEST_SRCDIR="$ROOT/tests" G_TEST_BUILDDIR="$BUILD/tests"
export PATRON_REQUIRE_STORE="${PATRON_REQUIRE_STORE:-1}"
# every wait in the tests is stretched (tests/test-util.c, test_deadline()):
# under valgrind they run 20 to 50 times slower
export PATRON_TEST_SLOWDOWN="${PATRON_TEST_SLOWDOWN:-20}"
keyring_dir="$(mktemp -d)"
trap 'rm -rf "$keyring_dir"' EXIT
export SECRET_BACKEND=file SECRET_FILE_TEST_PATH="$keyring_dir/keyring" \
       SECRET_FILE_TEST_PASSWORD=valgrind-keyring-password

status=0
for t in "${TESTS[@]}"; do
  log="$BUILD/valgrind-$t.log"
  start=$(date +%s)
  args=()
  # The 360 px checks pop menus up and down and measure where they land; at
  # valgrind's pace GTK 4.8 then asks a popover's gone surface for the pointer
  # (a Gdk critical in GTK, not in Patron). They run in both other suites.
  [[ "$t" == test-pages ]] && args+=(-x /pages/narrow/)   # GLib 2.74 takes no "--skip-prefix=…"
  # An order of 300 items and 25,000 tracking numbers, parsed and shown at valgrind's
  # pace, would add a minute; AddressSanitizer watches it in the sanitizer suite.
  [[ "$t" == test-pages ]] && args+=(-x /pages/long-text/order-many-parts)
  if valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
       "${supps[@]}" --log-file="$log" "$BUILD/tests/$t" "${args[@]}" >"$log.out" 2>&1; then
    echo "valgrind: $t clean ($(( $(date +%s) - start )) s)"
  else
    rc=$?
    echo "valgrind: $t FAILED (exit $rc, $(( $(date +%s) - start )) s); the end of its reports:"
    grep -E "definitely lost|Invalid|uninitialised|ERROR SUMMARY" "$log" | tail -20 || true
    tail -20 "$log.out"
    status=1
  fi
done
exit $status
