#!/usr/bin/env bash
# Patron's whole test suite on a fresh Debian 12 machine: installs what is
# missing, starts the real Medusa test stores (v1: tests/medusa-store/, v2:
# tests/medusa-store-v2/), builds with -Dwerror=true and runs every test twice:
# once plainly, once under AddressSanitizer + UndefinedBehaviorSanitizer.
# Stops the stores on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${PATRON_BUILD_DIR:-$ROOT/_build}"
log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
t_start=$(date +%s)

"$ROOT/build-aux/install-deps.sh"

# The tests' own stores, apart from the demo's: Medusa v1 (tests/medusa-store/) and
# Medusa v2 (tests/medusa-store-v2/), started side by side.
export MEDUSA_STORE_RUN_DIR="$BUILD/test-store"
V2_RUN_DIR="$BUILD/test-store-v2"
# a few hundred orders for the paginated order list's tests
export BULK_ORDERS="${BULK_ORDERS:-250}"
mkdir -p "$BUILD"
v2_start=
stop_stores() {
  # a v2 start still under way (the v1 store failed) stops itself, cleaning up
  if [[ -n "$v2_start" ]] && kill -0 "$v2_start" 2>/dev/null; then
    kill -TERM "$v2_start" 2>/dev/null
    wait "$v2_start" 2>/dev/null || true
  fi
  "$ROOT/tests/medusa-store/stop.sh" >/dev/null 2>&1 || true
  MEDUSA_STORE_RUN_DIR="$V2_RUN_DIR" "$ROOT/tests/medusa-store-v2/stop.sh" >/dev/null 2>&1 || true
}
trap stop_stores EXIT
MEDUSA_STORE_RUN_DIR="$V2_RUN_DIR" "$ROOT/tests/medusa-store-v2/start.sh" &
v2_start=$!
"$ROOT/tests/medusa-store/start.sh"
wait "$v2_start" || { v2_start=; echo "run-tests: the Medusa v2 test store did not start" >&2; exit 1; }
v2_start=
# shellcheck disable=SC1091
source "$MEDUSA_STORE_RUN_DIR/state.env"
export MEDUSA_URL MEDUSA_OUTBOX_DIR MEDUSA_VERSION
export MEDUSA_JWT_SECRET="${JWT_SECRET:-test-jwt-secret}"
# the v2 store's under names of their own (its state file has the same names as v1's)
# shellcheck disable=SC1091
v2_state() { (set +u; . "$V2_RUN_DIR/state.env"; echo "${!1}"); }
MEDUSA_V2_URL="$(v2_state MEDUSA_URL)"
MEDUSA_V2_PUBLISHABLE_KEY="$(v2_state MEDUSA_PUBLISHABLE_KEY)"
MEDUSA_V2_OUTBOX_DIR="$(v2_state MEDUSA_OUTBOX_DIR)"
MEDUSA_V2_VERSION="$(v2_state MEDUSA_VERSION)"
MEDUSA_V2_STATE="$V2_RUN_DIR/state.env"
export MEDUSA_V2_URL MEDUSA_V2_PUBLISHABLE_KEY MEDUSA_V2_OUTBOX_DIR MEDUSA_V2_VERSION MEDUSA_V2_STATE
log "Medusa test store: @medusajs/medusa $MEDUSA_VERSION at $MEDUSA_URL"
log "Medusa v2 test store: @medusajs/medusa $MEDUSA_V2_VERSION at $MEDUSA_V2_URL"

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
# the benchmarks built too, so that they cannot rot, and their smoke run (suite "bench",
# benchmarks/orders/run.sh --smoke) counted with the tests (benchmarks/README.md)
run_suite plain -Dbenchmarks=true || status=1
# The parsers' libFuzzer targets (tests/fuzz/), each for a few seconds on its committed
# corpus, in a clang build of the client library alone. It needs neither the stores nor a
# display: it runs beside the valgrind stage, one target at a time (valgrind runs a
# program's threads one at a time too: a core each), and says what it did after it.
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
  meson test -C "$dir" --suite fuzz --print-errorlogs --num-processes 1
}
run_fuzz >"$BUILD/fuzz.out" 2>&1 &
fuzz_pid=$!
# LeakSanitizer cannot watch the widget suites (GTK's libraries): valgrind does
log "== valgrind: the widget suites"
XDG_RUNTIME_DIR="$(mktemp -d /tmp/patron-tests-run.XXXXXX)" \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  "$ROOT/build-aux/run-valgrind.sh" "$BUILD/plain" || status=1
fuzz_status=0
wait "$fuzz_pid" || fuzz_status=1
cat "$BUILD/fuzz.out"
(( fuzz_status == 0 )) || { log "== fuzz: failed"; status=1; }
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite sanitizers -Db_sanitize=address,undefined -Db_lundef=false || status=1

# What ran, against what: the integration tests log each server's version.
grep -h '^# Medusa ' "$BUILD"/plain/meson-logs/testlog.txt | sort -u || true
log "Medusa servers: v1 @medusajs/medusa $MEDUSA_VERSION, v2 @medusajs/medusa $MEDUSA_V2_VERSION"
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
