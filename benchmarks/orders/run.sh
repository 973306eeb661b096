#!/usr/bin/env bash
# The order-history benchmark (benchmarks/README.md): Patron's own cost, against a replay
# store whose time is ~0, beside a few numbers against the real test store.
#
#   run.sh            the full run: builds _build/bench (release), starts a test store of its
#                     own (BENCH_STORE_ORDERS orders), records it, replays it with 2,000, 10,000
#                     and 100,000 orders, prints a table and writes the raw output to
#                     benchmarks/orders/results/<date>-<host kind>-<commit>.txt. Exits 1 when
#                     a target is missed, 2 when it could not measure.
#   run.sh --smoke    the mechanics only, in well under a minute: the programs of
#                     $PATRON_BENCH_BUILD_DIR (not rebuilt) against the store at $MEDUSA_URL
#                     (the test suite's: skipped, 77, without one), recorded and replayed with
#                     2,000 orders, two rounds (BENCH_RUNS), the file keyring; checks that every
#                     number is there and the requests were counted, not the targets. Writes
#                     nothing. With more rounds, a quick way to compare a change before and after.
#
# Knobs: BENCH_RUNS (rounds, 15), BENCH_STORE_ORDERS (2000), BENCH_BIG_ORDERS (100000),
# BENCH_RESULTS_DIR, PATRON_BENCH_BUILD_DIR (_build/bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/orders"
BUILD="${PATRON_BENCH_BUILD_DIR:-$ROOT/_build/bench}"
BIN="$BUILD/benchmarks/orders"
RESULTS_DIR="${BENCH_RESULTS_DIR:-$HERE/results}"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# ------------------------------------------------------------------ inside the D-Bus session
# run.sh --measure WORK: everything that runs Patron, in the private bus the outer part
# starts; writes WORK/*.out (key=value lines, "run=" before each run).
if [[ "${1:-}" == "--measure" ]]; then
  WORK="$2"
  # shellcheck disable=SC1091
  source "$WORK/run.env"
  FILE_KEYRING=(SECRET_BACKEND=file SECRET_FILE_TEST_PATH="$WORK/file-keyring"
                SECRET_FILE_TEST_PASSWORD=bench-file-keyring)
  if [[ $SMOKE -eq 0 ]]; then
    # the keyring a GNOME session has: a Secret Service (gnome-keyring, secrets only), unlocked
    eval "$(printf 'bench-keyring' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
    for _ in $(seq 50); do
      gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
      sleep 0.1
    done
    BACKENDS=(gk file)
  else
    BACKENDS=(file)
  fi
  # backend_env NAME: the environment for that keyring
  backend_env() { if [[ $1 == file ]]; then echo "${FILE_KEYRING[@]}"; fi; }
  orders() {  # orders BACKEND OUT ARGS…: one run of bench-orders, appended to OUT
    local backend=$1 out=$2; shift 2
    echo "run=$backend" >>"$out"
    # shellcheck disable=SC2046
    env $(backend_env "$backend") "$BIN/bench-orders" "$@" >>"$out"
  }
  sign_in() {  # sign_in URL: keeps a session for URL in every keyring
    for backend in "${BACKENDS[@]}"; do
      # shellcheck disable=SC2046
      env $(backend_env "$backend") PATRON_BENCH_EMAIL="$EMAIL" PATRON_BENCH_PASSWORD="$PASSWORD" \
        "$BIN/bench-orders" --store "$1" --sign-in
    done
  }
  store() {  # store NAME ARGS…: a replay-store.py in the background, its URL in $url
    rm -f "$WORK/$1.port"
    python3 "$HERE/replay-store.py" "${@:2}" --port-file "$WORK/$1.port" --log "$WORK/$1.log" \
      2>>"$WORK/stores.err" &
    echo $! >>"$WORK/stores.pids"
    for _ in $(seq 100); do [[ -s "$WORK/$1.port" ]] && break; sleep 0.1; done
    [[ -s "$WORK/$1.port" ]] || { echo "run.sh: the $1 store did not start" >&2; exit 2; }
    url="http://127.0.0.1:$(cat "$WORK/$1.port")"
  }
  # the real store's time for a request, as curl sees it: "PATH TIME" (total - pretransfer)
  curl_time() {  # curl_time URL PATH TOKEN
    printf 'Authorization: Bearer %s\n' "$3" |
      curl -fsS -o /dev/null -H @- -w "$2 %{time_pretransfer} %{time_total}\n" "$1$2" |
      awk '{ print $1, $3 - $2 }'
  }

  log "recording the store's answers (a start, Orders and End through a recording proxy)"
  store record proxy "$REAL_URL" --record "$WORK/recording.jsonl"
  sign_in "$url"
  orders "${BACKENDS[0]}" "$WORK/record.out" --store "$url"

  log "replay stores: 2,000 orders$([[ $SMOKE -eq 0 ]] && echo ", 10,000 and $BIG")"
  store r2k replay "$WORK/recording.jsonl" --orders 2000; R2K=$url; sign_in "$R2K"
  r2k_pid=$(tail -1 "$WORK/stores.pids")
  if [[ $SMOKE -eq 0 ]]; then
    store r10k replay "$WORK/recording.jsonl" --orders 10000; R10K=$url; sign_in "$R10K"
    store rbig replay "$WORK/recording.jsonl" --orders "$BIG"; RBIG=$url; sign_in "$RBIG"
  fi
  # the page as the replay store serves it, for its time and the parse
  page_path=$(sed -n 's/^start_request=GET \(\/store\/customers\/me\/orders?limit=50&offset=0&.*\)/\1/p' \
                "$WORK/record.out" | head -1)
  [[ -n "$page_path" ]] || { echo "run.sh: Patron did not ask for a first page of 50" >&2; exit 2; }
  token=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["method"] == "POST" and r["path"] == "/store/auth/token":
        import base64; print(json.loads(base64.b64decode(r["body"]))["access_token"]); break' \
    "$WORK/recording.jsonl")
  printf 'Authorization: Bearer %s\n' "$token" | curl -fsS -H @- -o "$WORK/page.json" "$R2K$page_path"

  # offline_start: one start with the 2,000-order store stopped, on Patron's copy of what it
  # saw there (the account, the first and last pages: the round's starts pressed End), then
  # the store again on its port. In each round beside the online starts, so that both are
  # measured under the same load (issue 18: as fast as online).
  offline_start() {
    kill "$r2k_pid"; wait "$r2k_pid" 2>/dev/null || true
    sed -i "/^$r2k_pid\$/d" "$WORK/stores.pids"
    # until nothing answers there (curl: any HTTP answer is 0, a refused connection is not)
    for _ in $(seq 50); do curl -s -m 1 -o /dev/null "$R2K/" || break; sleep 0.1; done
    orders "${BACKENDS[0]}" "$WORK/offline.out" --store "$R2K"
    store r2k replay "$WORK/recording.jsonl" --orders 2000 --port "${R2K##*:}"
    r2k_pid=$(tail -1 "$WORK/stores.pids")
  }

  log "$RUNS rounds of: a bare window, Patron (${BACKENDS[*]}) at 2,000 replayed orders, the replay store's page, Patron offline on its copy"
  for _ in $(seq "$RUNS"); do
    echo "run=bare" >>"$WORK/window.out"; "$BIN/bench-window" >>"$WORK/window.out"
    for backend in "${BACKENDS[@]}"; do orders "$backend" "$WORK/start-$backend.out" --store "$R2K"; done
    curl_time "$R2K" "$page_path" "$token" >>"$WORK/curl-replay.out"
    offline_start
  done

  log "pages per gesture at 2,000 orders"
  orders "${BACKENDS[0]}" "$WORK/gestures.out" --store "$R2K" --gestures

  log "parsing the replayed page: first in a fresh process, then the median"
  for _ in $(seq "$RUNS"); do
    echo "run=parse" >>"$WORK/parse.out"; "$BIN/bench-parse" "$WORK/page.json" 100 >>"$WORK/parse.out"
  done

  if [[ $SMOKE -eq 1 ]]; then
    log "scrolling through 2,000 orders"
    orders file "$WORK/scroll.out" --store "$R2K" --scroll
    exit 0
  fi

  log "scrolling through 10,000 orders (RSS slope from 2,000)"
  orders gk "$WORK/scroll.out" --store "$R10K" --scroll

  # The start's prefetch (the customer asked for from a thread as soon as the keyring gives the
  # token, while GTK starts) against a store 50 and 150 ms away, with it and without
  # (bench-orders-no-prefetch), by turns: is it worth its thread (issue 17)?
  log "the start against a store 50 and 150 ms away, $RUNS rounds with the prefetch and without"
  for delay in 50 150; do
    store "lat$delay" replay "$WORK/recording.jsonl" --orders 2000 --delay-ms "$delay"; sign_in "$url"
    for _ in $(seq "$RUNS"); do
      for variant in prefetch none; do
        bin="$BIN/bench-orders"; [[ $variant == none ]] && bin="$BIN/bench-orders-no-prefetch"
        echo "run=$variant" >>"$WORK/latency-$delay.out"
        # shellcheck disable=SC2046
        env $(backend_env gk) "$bin" --store "$url" --start >>"$WORK/latency-$delay.out"
      done
    done
  done

  log "$BIG orders: End, 3 starts; then every one scrolled through (minutes)"
  for _ in 1 2 3; do orders gk "$WORK/big.out" --store "$RBIG"; done
  orders gk "$WORK/scroll-big.out" --store "$RBIG" --scroll

  log "the real store ($STORE_ORDERS orders): $RUNS starts, Orders clicked, then an order; its own time for the page"
  # through a proxy without delay, which notes the store's time for each of Patron's requests
  store real proxy "$REAL_URL"; sign_in "$url"
  for _ in $(seq "$RUNS"); do
    orders gk "$WORK/real.out" --store "$url" --details
    curl_time "$REAL_URL" "$page_path" "$token" >>"$WORK/curl-real.out"
  done
  # the store's time for Patron's first pages and its order details
  awk -v p="$page_path" '$2 == p { print "page", $NF } index($2, "orders?id=") { print "details", $NF }' \
    "$WORK/real.log" >"$WORK/real-store.out"
  exit 0
fi

# ------------------------------------------------------------------ outside
SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
if [[ $SMOKE -eq 1 ]]; then
  [[ -n "${MEDUSA_URL:-}" ]] || { echo "run.sh --smoke: no test store (MEDUSA_URL): skipped"; exit 77; }
  RUNS="${BENCH_RUNS:-2}"
else
  RUNS="${BENCH_RUNS:-15}"
fi
for b in Xvfb dbus-run-session curl python3 $([[ $SMOKE -eq 0 ]] && echo meson gnome-keyring-daemon gdbus); do
  command -v "$b" >/dev/null || { echo "run.sh: missing $b (run build-aux/install-deps.sh)" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/patron-bench.XXXXXX)"
XVFB_PID=
cleanup() {
  rc=$?
  if [[ -f "$WORK/stores.pids" ]]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$WORK/stores.pids"
  fi
  [[ $SMOKE -eq 1 ]] || MEDUSA_STORE_RUN_DIR="$WORK/store" "$ROOT/tests/medusa-store/stop.sh" >/dev/null 2>&1 || true
  if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  if [[ $rc -le 1 ]]; then rm -rf "$WORK"; else echo "run.sh: failed (rc=$rc); logs kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
t_start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

STORE_ORDERS="${BENCH_STORE_ORDERS:-2000}"
if [[ $SMOKE -eq 0 ]]; then
  log "building the benchmark programs in $BUILD (release)"
  if [[ -f "$BUILD/build.ninja" ]]; then
    meson configure "$BUILD" --buildtype=release -Dbenchmarks=true >/dev/null
  else
    meson setup "$BUILD" "$ROOT" --buildtype=release -Dbenchmarks=true >"$WORK/meson-setup.log"
  fi
  meson compile -C "$BUILD" >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 2; }

  # shellcheck source=build-aux/node-env.sh
  source "$ROOT/build-aux/node-env.sh" || { echo "run.sh: no usable Node.js" >&2; exit 2; }
  log "starting a test store whose buyer has $STORE_ORDERS orders"
  MEDUSA_STORE_RUN_DIR="$WORK/store" BULK_ORDERS_TOTAL="$STORE_ORDERS" MEDUSA_PORT=9300 PG_PORT=54400 \
    "$ROOT/tests/medusa-store/start.sh" >"$WORK/store.log" 2>&1 || { tail -30 "$WORK/store.log" >&2; exit 2; }
  # shellcheck disable=SC1091
  source "$WORK/store/state.env"
  REAL_URL=$MEDUSA_URL EMAIL=$TEST_CUSTOMER_EMAIL PASSWORD=$TEST_CUSTOMER_PASSWORD
  store_desc="Medusa $MEDUSA_VERSION, $STORE_ORDERS orders"
else
  REAL_URL=$MEDUSA_URL EMAIL="${TEST_CUSTOMER_EMAIL:-buyer@example.com}"
  PASSWORD="${TEST_CUSTOMER_PASSWORD:-buyer-pass-123}"
  store_desc="the test store at $MEDUSA_URL"
fi
[[ -x "$BIN/bench-orders" ]] || { echo "run.sh: no $BIN/bench-orders (-Dbenchmarks=true)" >&2; exit 2; }
cat >"$WORK/run.env" <<EOF
SMOKE=$SMOKE
RUNS=$RUNS
BIG=${BENCH_BIG_ORDERS:-100000}
STORE_ORDERS=$STORE_ORDERS
REAL_URL=$REAL_URL
EMAIL=$EMAIL
PASSWORD='$PASSWORD'
BIN=$BIN
HERE=$HERE
EOF

# A display, a home, settings and keyrings of the run's own.
Xvfb -displayfd 6 -screen 0 1280x800x24 -nolisten tcp -noreset 6>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/display" ]] && break; sleep 0.05; done
[[ -s "$WORK/display" ]] || { echo "run.sh: Xvfb did not start" >&2; exit 2; }
export DISPLAY=":$(head -1 "$WORK/display")"
for _ in $(seq 100); do [[ -S "/tmp/.X11-unix/X${DISPLAY#:}" ]] && break; sleep 0.05; done
unset XAUTHORITY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS G_MESSAGES_DEBUG G_DEBUG GTK_A11Y NO_AT_BRIDGE
unset SECRET_BACKEND SECRET_FILE_TEST_PATH SECRET_FILE_TEST_PASSWORD MALLOC_CHECK_ ASAN_OPTIONS
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
       XDG_CACHE_HOME="$WORK/home/cache" XDG_RUNTIME_DIR="$WORK/home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$BUILD/data"
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable

dbus-run-session -- "$HERE/run.sh" --measure "$WORK" \
  2> >(grep --line-buffered -v -e '^dbus-daemon' -e 'SpiRegistry' >&2) || exit 2

# ------------------------------------------------------------------ the machine
hv=$(lscpu 2>/dev/null | sed -n 's/^Hypervisor vendor: *//p' | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9')
mem_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
host_kind="${hv:-metal}-$(nproc)cpu-$(( (mem_kb + 524288) / 1048576 ))g"
machine=$(cat <<EOF
date:        $(date -u +'%Y-%m-%d %H:%M UTC')
commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ modified)')
host kind:   $host_kind
CPU:         $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores$(lscpu 2>/dev/null | sed -n 's/^Hypervisor vendor: *\(.*\)/ (virtual, \1)/p')
RAM:         $(( mem_kb / 1024 )) MiB
GTK:         $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), libsoup $(pkg-config --modversion libsoup-3.0), GLib $(pkg-config --modversion glib-2.0)
store:       $store_desc; replayed by benchmarks/orders/replay-store.py
load:        $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5, 15 min; $(nproc) cores)
EOF
)

# ------------------------------------------------------------------ the numbers
set +e
table=$(python3 "$HERE/report.py" "$WORK" "$SMOKE")
verdict=$?
set -e
printf '\n%s\n\n%s\n\n' "$table" "$machine"
[[ $verdict -le 1 ]] || { echo "run.sh: the numbers are incomplete" >&2; exit 2; }

if [[ $SMOKE -eq 0 ]]; then
  # <date>-<host kind>-<commit>.txt, and -2, -3… for further runs: a run never replaces another
  mkdir -p "$RESULTS_DIR"
  base="$RESULTS_DIR/$(date +%Y-%m-%d)-$host_kind-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  out="$base.txt"
  for n in $(seq 2 99); do [[ -e "$out" ]] || break; out="$base-$n.txt"; done
  {
    echo "# Patron order-history benchmark (benchmarks/orders/run.sh)"
    echo
    echo "$machine"
    echo
    echo "$table"
    echo
    echo "# raw output"
    for f in window start-gk start-file offline curl-replay gestures parse scroll latency-50 latency-150 big scroll-big real real-store curl-real; do
      [[ -f "$WORK/$f.out" ]] || continue
      echo "## $f.out"
      grep -v -e '^start_request=' -e '^start_request_done_us=' "$WORK/$f.out" || true
    done
  } >"$out"
  log "results written to ${out#"$ROOT"/} in $(( $(date +%s) - t_start )) s"
fi
[[ $verdict -eq 0 ]] || log "at least one target missed"
exit "$verdict"
