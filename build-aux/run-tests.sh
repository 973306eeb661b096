#!/usr/bin/env bash
# Patron's whole test suite on a fresh Debian 12 machine: installs what is
# missing, starts the real Medusa test store (tests/medusa-store/), builds with
# -Dwerror=true and runs every test twice: once plainly, once under
# AddressSanitizer + UndefinedBehaviorSanitizer. Stops the store on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${PATRON_BUILD_DIR:-$ROOT/_build}"
log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
t_start=$(date +%s)

"$ROOT/build-aux/install-deps.sh"

# The tests' own store, apart from the demo's.
export MEDUSA_STORE_RUN_DIR="$BUILD/test-store"
# a few hundred orders for the paginated order list's tests
export BULK_ORDERS="${BULK_ORDERS:-250}"
mkdir -p "$BUILD"
stop_store() { "$ROOT/tests/medusa-store/stop.sh" >/dev/null 2>&1 || true; }
trap stop_store EXIT
"$ROOT/tests/medusa-store/start.sh"
# shellcheck disable=SC1091
source "$MEDUSA_STORE_RUN_DIR/state.env"
export MEDUSA_URL MEDUSA_OUTBOX_DIR MEDUSA_VERSION
export MEDUSA_JWT_SECRET="${JWT_SECRET:-test-jwt-secret}"
log "Medusa test store: @medusajs/medusa $MEDUSA_VERSION at $MEDUSA_URL"

run_suite() {
  local name=$1; shift
  local dir="$BUILD/$name"
  log "== $name: configure and build"
  # a prefix of its own inside the build: the translation test (tests/ui/e2e_l10n.py) puts
  # the catalogs where the binary looks for them, and never outside the build
  # run_suite is called as `run_suite … || status=1`, where bash ignores `set -e`:
  # every step that can fail says so itself
  local setup=(meson setup)
  [[ -f "$dir/build.ninja" ]] && setup+=(--reconfigure)
  "${setup[@]}" "$dir" -Dwerror=true --prefix="$dir/prefix" "$@" >"$dir.setup.log" 2>&1 ||
    { cat "$dir.setup.log"; log "== $name: meson setup failed"; return 1; }
  meson compile -C "$dir" >"$dir.compile.log" 2>&1 || { cat "$dir.compile.log"; return 1; }
  log "== $name: test"
  # a private session bus (GTK wants one) and a private X server; a runtime
  # directory of its own, so that the accessibility bus's socket is not shared
  # with another run on the same machine
  local runtime
  runtime="$(mktemp -d /tmp/patron-tests-run.XXXXXX)"
  XDG_RUNTIME_DIR="$runtime" dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    meson test -C "$dir" --print-errorlogs --num-processes 2 || { rm -rf "$runtime"; return 1; }
  rm -rf "$runtime"
}

status=0
run_suite plain || status=1
# LeakSanitizer cannot watch the widget suites (GTK's libraries): valgrind does
log "== valgrind: the widget suites"
XDG_RUNTIME_DIR="$(mktemp -d /tmp/patron-tests-run.XXXXXX)" \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  "$ROOT/build-aux/run-valgrind.sh" "$BUILD/plain" || status=1
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite sanitizers -Db_sanitize=address,undefined -Db_lundef=false || status=1

# The parsers' libFuzzer targets (tests/fuzz/), each for a few seconds on its committed
# corpus, in a clang build of the client library alone.
run_fuzz() {
  local dir="$BUILD/fuzz"
  log "== fuzz: configure and build"
  local setup=(meson setup)
  [[ -f "$dir/build.ninja" ]] && setup+=(--reconfigure)
  CC=clang "${setup[@]}" "$dir" -Dwerror=true -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false >"$dir.setup.log" 2>&1 ||
    { cat "$dir.setup.log"; log "== fuzz: meson setup failed"; return 1; }
  meson compile -C "$dir" >"$dir.compile.log" 2>&1 || { cat "$dir.compile.log"; return 1; }
  log "== fuzz: test"
  meson test -C "$dir" --suite fuzz --print-errorlogs
}
run_fuzz || status=1

# What ran, against what: the integration tests log the server's version.
grep -h '^# Medusa ' "$BUILD"/plain/meson-logs/testlog.txt | head -1 || true
python3 - "$BUILD/plain/meson-logs/testlog.json" "$BUILD/sanitizers/meson-logs/testlog.json" \
  "$BUILD/fuzz/meson-logs/testlog.json" <<'PY'
import json, sys, os
passed = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        continue
    for line in open(path):
        r = json.loads(line)
        res = r.get("result")
        if res == "OK": passed += 1
        elif res == "SKIP": skipped += 1
        else: failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
log "done in $(( $(date +%s) - t_start ))s"
exit $status
