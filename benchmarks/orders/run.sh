#!/usr/bin/env bash
# The order-history benchmark (benchmarks/README.md), in one command:
# builds the benchmark programs in _build/bench (release), starts a test store
# of its own whose buyer has 10,000 orders, runs Patron headless (Xvfb, a
# private D-Bus session with a gnome-keyring of its own, GSK_RENDERER=cairo GDK_DEBUG=gl-disable),
# prints a table of measurements, ratios and targets, and writes the raw output
# with the machine's description to benchmarks/orders/results/<date>-<host kind>-<commit>.txt
# (-2, -3… for further runs of the same commit on the same day).
#
# Env knobs: BENCH_ORDERS (default 10000), BENCH_RUNS (rounds of curl, bare
# window and Patron start, default 7; the medians count), BENCH_RESULTS_DIR (default benchmarks/orders/results), PATRON_BENCH_BUILD_DIR
# (default _build/bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/orders"
BUILD="${PATRON_BENCH_BUILD_DIR:-$ROOT/_build/bench}"
BIN="$BUILD/benchmarks/orders"
ORDERS="${BENCH_ORDERS:-10000}"
RUNS="${BENCH_RUNS:-7}"
RESULTS_DIR="${BENCH_RESULTS_DIR:-$HERE/results}"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan";
  else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1000 }'; }
# the value of KEY= in FILE (the last one)
value() { sed -n "s/^$1=//p" "$2" | tail -1; }

# ------------------------------------------------------------------ inside the D-Bus session
# run.sh --measure WORK: everything that runs Patron, in the private bus that the
# outer part starts; writes WORK/*.out (key=value lines).
if [[ "${1:-}" == "--measure" ]]; then
  WORK="$2"
  # shellcheck disable=SC1091
  source "$WORK/store/state.env"

  # The keyring a GNOME session has: a Secret Service (gnome-keyring, secrets only), unlocked.
  eval "$(printf 'bench-keyring' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
  for _ in $(seq 50); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done

  log "keeping a session in the keyring (signing in with Keep Me Signed In)"
  PATRON_BENCH_EMAIL="$TEST_CUSTOMER_EMAIL" PATRON_BENCH_PASSWORD="$TEST_CUSTOMER_PASSWORD" \
    "$BIN/bench-orders" --store "$MEDUSA_URL" --sign-in

  log "warming up (the first start also lists the requests Patron makes)"
  "$BIN/bench-window" >"$WORK/warmup-window.out"
  "$BIN/bench-orders" --store "$MEDUSA_URL" >"$WORK/warmup-orders.out"
  sed -n 's/^start_request=GET //p' "$WORK/warmup-orders.out" >"$WORK/requests.txt"
  [[ -s "$WORK/requests.txt" ]] || { echo "run.sh: Patron made no request" >&2; exit 1; }

  token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
            --data-binary @- "$MEDUSA_URL/store/auth/token" <<EOF | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
{"email":"$TEST_CUSTOMER_EMAIL","password":"$TEST_CUSTOMER_PASSWORD"}
EOF
  )
  [[ -n "$token" ]] || { echo "run.sh: could not get a token from the store" >&2; exit 1; }
  # One round: the requests Patron made, in its order, with curl; the token goes through
  # stdin, not argv. Prints "PATH TIME_PRETRANSFER TIME_TOTAL" lines.
  curl_round() {
    while read -r path; do
      printf '%s ' "$path"
      printf 'Authorization: Bearer %s\n' "$token" |
        curl -fsS -o "$WORK/body.json" -H @- -w '%{time_pretransfer} %{time_total}\n' "$MEDUSA_URL$path"
      if [[ "$path" == "/store/customers/me/orders?limit=50&offset=0"* ]]; then
        cp "$WORK/body.json" "$WORK/page.json"
      fi
    done <"$WORK/requests.txt"
  }
  # Patron asks for the next pages at its first frame and quits: the store goes on serving them
  # for a while. Every measurement waits until the store's process has used no CPU for 0.3 s.
  server_ticks() { awk '{ print $14 + $15 }' "/proc/$MEDUSA_PID/stat"; }
  wait_server_idle() {
    local before after
    for _ in $(seq 100); do
      before=$(server_ticks); sleep 0.3; after=$(server_ticks)
      [[ $(( after - before )) -le 1 ]] && return 0
    done
    log "the store did not become idle; measuring anyway"
  }
  curl_round >/dev/null   # warms the server up
  [[ -s "$WORK/page.json" ]] || { echo "run.sh: Patron did not ask for a 50-order first page" >&2; exit 1; }

  # Interleaved, so that whatever else the machine does weighs on every side alike.
  log "$RUNS rounds of: the server alone (the same $(wc -l <"$WORK/requests.txt") requests with curl), a bare libadwaita window, Patron to its first page of orders"
  : >"$WORK/curl.out"; : >"$WORK/window.out"; : >"$WORK/orders.out"
  for _ in $(seq "$RUNS"); do
    wait_server_idle; curl_round >>"$WORK/curl.out"
    wait_server_idle; "$BIN/bench-window" >>"$WORK/window.out"
    wait_server_idle; "$BIN/bench-orders" --store "$MEDUSA_URL" >>"$WORK/orders.out"
  done
  unset token
  rm -f "$WORK/body.json"

  log "Patron scrolling through all $ORDERS orders (about a minute)"
  wait_server_idle
  "$BIN/bench-orders" --store "$MEDUSA_URL" --scroll >"$WORK/scroll.out"

  log "Patron's pages per gesture: opening, End, Home, a jump, a fling, a slow scroll"
  wait_server_idle
  "$BIN/bench-orders" --store "$MEDUSA_URL" --gestures >"$WORK/gestures.out"

  log "parsing one recorded 50-order page"
  "$BIN/bench-parse" "$WORK/page.json" 300 >"$WORK/parse.out"
  exit 0
fi

# ------------------------------------------------------------------ outside
for b in meson ninja Xvfb dbus-run-session gnome-keyring-daemon gdbus curl psql; do
  command -v "$b" >/dev/null || { echo "run.sh: missing $b (run build-aux/install-deps.sh)" >&2; exit 1; }
done
# the store's Node (>= 20.19: the system's, or the pinned one), as start.sh takes it
# shellcheck source=build-aux/node-env.sh
source "$ROOT/build-aux/node-env.sh" || { echo "run.sh: no usable Node.js" >&2; exit 1; }

WORK="$(mktemp -d /tmp/patron-bench.XXXXXX)"
XVFB_PID=
cleanup() {
  rc=$?
  MEDUSA_STORE_RUN_DIR="$WORK/store" "$ROOT/tests/medusa-store/stop.sh" >/dev/null 2>&1 || true
  if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  if [[ $rc -eq 0 ]]; then rm -rf "$WORK"; else echo "run.sh: failed (rc=$rc); logs kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
t_start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  log "note: load average ${load_start%% *} on $(nproc) cores: other work will stretch the wall-clock times"
fi

log "building the benchmark programs in $BUILD (release)"
if [[ -f "$BUILD/build.ninja" ]]; then
  meson configure "$BUILD" --buildtype=release -Dbenchmarks=true >/dev/null
else
  meson setup "$BUILD" "$ROOT" --buildtype=release -Dbenchmarks=true >"$WORK/meson-setup.log"
fi
meson compile -C "$BUILD" >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }

log "starting a test store whose buyer has $ORDERS orders"
MEDUSA_STORE_RUN_DIR="$WORK/store" BULK_ORDERS_TOTAL="$ORDERS" MEDUSA_PORT=9300 PG_PORT=54400 \
  "$ROOT/tests/medusa-store/start.sh" >"$WORK/store.log" 2>&1 || { tail -30 "$WORK/store.log" >&2; exit 1; }
# shellcheck disable=SC1091
source "$WORK/store/state.env"
seeded=$(sed -n 's/.*orders for customer: \([0-9]*\).*distinct display_ids: \([0-9]*\).*/\1 \2/p' "$WORK/store.log")
[[ "$seeded" == "$ORDERS $ORDERS" ]] ||
  { echo "run.sh: the store has '$seeded' orders / distinct numbers, not $ORDERS" >&2; exit 1; }
log "$(grep -o 'cloned orders.*' "$WORK/store.log")"

# A display, a home, settings and a keyring of the run's own.
Xvfb -displayfd 6 -screen 0 1280x800x24 -nolisten tcp -noreset 6>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/display" ]] && break; sleep 0.05; done
[[ -s "$WORK/display" ]] || { echo "run.sh: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -1 "$WORK/display")"
for _ in $(seq 100); do [[ -S "/tmp/.X11-unix/X${DISPLAY#:}" ]] && break; sleep 0.05; done
unset XAUTHORITY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS G_MESSAGES_DEBUG G_DEBUG GTK_A11Y NO_AT_BRIDGE
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
       XDG_CACHE_HOME="$WORK/home/cache" XDG_RUNTIME_DIR="$WORK/home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$BUILD/data"
unset SECRET_BACKEND SECRET_FILE_TEST_PATH SECRET_FILE_TEST_PASSWORD
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable

dbus-run-session -- "$HERE/run.sh" --measure "$WORK" 2> >(grep -v -e '^dbus-daemon' -e 'SpiRegistry' >&2)

# ------------------------------------------------------------------ the numbers
W="$WORK"
bare_us=$(sed -n 's/^first_frame_us=//p' "$W/window.out" | median)
app_us=$(sed -n 's/^first_page_us=//p' "$W/orders.out" | median)
app_window_us=$(sed -n 's/^window_frame_us=//p' "$W/orders.out" | median)
app_signed_in_us=$(sed -n 's/^signed_in_us=//p' "$W/orders.out" | median)
app_loaded_us=$(sed -n 's/^page_loaded_us=//p' "$W/orders.out" | median)
app_cpu_us=$(sed -n 's/^cpu_first_us=//p' "$W/orders.out" | median)
bare_rss=$(sed -n 's/^rss_kb=//p' "$W/window.out" | median)
server_sum_s=0
server_lines=""
while read -r path; do
  med=$(awk -v p="$path" '$1 == p { print $3 - $2 }' "$W/curl.out" | median)
  server_sum_s=$(awk -v a="$server_sum_s" -v b="$med" 'BEGIN { print a + b }')
  server_lines+=$(printf '    %-58s %6.1f ms' "$path" "$(awk -v s="$med" 'BEGIN { print s * 1000 }')")$'\n'
done <"$W/requests.txt"
page_server_s=$(awk 'index($1, "/store/customers/me/orders?limit=50&offset=0") == 1 { print $3 - $2 }' "$W/curl.out" | median)

S="$W/scroll.out"
rss_first=$(value rss_first_kb "$S"); rss_end=$(value rss_end_kb "$S")
loaded_first=$(value loaded_first "$S"); loaded_end=$(value loaded_end "$S")
n_items=$(value n_items "$S"); pages_needed=$(value pages_needed "$S")
n_requests=$(value n_requests "$S"); http_pages=$(value http_order_pages "$S")
http_distinct=$(value http_distinct_offsets "$S")
parse_us=$(value parse_cpu_us_median "$W/parse.out")
# "gesture=end requests=2 on_screen_new=2 elsewhere=0 twice=0 rows=…": pages asked, against
# the pages of the rows on screen not asked before; PASS if equal for each, and every page
# asked for once in all
G="$W/gestures.out"
g_asked=$(awk -F'[ =]' '/^gesture=/ { printf "%s%s", sep, $4; sep = "," }' "$G")
g_screen=$(awk -F'[ =]' '/^gesture=/ { printf "%s%s", sep, $6; sep = "," }' "$G")
g_ok=$(awk -F'[ =]' '/^gesture=/ { n++; if ($4 != $6 || $8 != 0 || $10 != 0) bad++ }
                     END { print (n == 6 && !bad) ? 1 : 0 }' "$G")
[[ "$(value gestures_pages_asked "$G")" == "$(value pages_needed "$G")" ]] || g_ok=0

awk_table() {
  awk -v bare="$bare_us" -v app="$app_us" -v server="$server_sum_s" \
      -v rf="$rss_first" -v re="$rss_end" -v lf="$loaded_first" -v le="$loaded_end" \
      -v items="$n_items" -v pages="$pages_needed" -v req="$n_requests" \
      -v http="$http_pages" -v distinct="$http_distinct" \
      -v parse="$parse_us" -v pserver="$page_server_s" \
      -v gasked="$g_asked" -v gscreen="$g_screen" -v gok="$g_ok" '
    function verdict(ok) { n_fail += !ok; return ok ? "PASS" : "FAIL" }
    BEGIN {
      fmt = "%-40s %16s %24s %7s %8s  %s\n"
      printf fmt, "measurement", "value", "baseline", "ratio", "target", "result"
      base = bare / 1000 + server * 1000
      r = (app / 1000) / base
      printf fmt, "start to first page of orders painted", sprintf("%.0f ms", app / 1000),
             sprintf("%.0f + %.0f = %.0f ms", bare / 1000, server * 1000, base),
             sprintf("%.2f", r), "<= 1.30", verdict(r <= 1.3)
      per = (re - rf) * 1024 / (le - lf)
      r = per / 2048
      printf fmt, "RSS growth per order loaded", sprintf("%.0f B", per), "2048 B",
             sprintf("%.2f", r), "<= 1.00", verdict(r <= 1.0)
      r = req / pages
      ok = req == pages && http == pages && distinct == pages && le == items
      printf fmt, "requests while scrolling to the end", req, sprintf("%d pages", pages),
             sprintf("%.2f", r), "= 1.00", verdict(ok)
      printf fmt, "pages per gesture (open,End,Home,jump,fling,slow)", gasked,
             "on screen " gscreen, "", "= screen", verdict(gok == 1)
      r = parse / (pserver * 1e6)
      printf fmt, "CPU parsing one 50-order page", sprintf("%.2f ms", parse / 1000),
             sprintf("server %.0f ms", pserver * 1000), sprintf("%.3f", r), "<= 0.10",
             verdict(r <= 0.10)
      exit n_fail > 0
    }'
}
table=$(awk_table) && all_pass=1 || all_pass=0

details=$(cat <<EOF
start, medians of $RUNS: bare window first frame $(ms "$bare_us") ms (RSS ${bare_rss} kB);
  Patron: first window frame $(ms "$app_window_us") ms, signed in $(ms "$app_signed_in_us") ms,
  first page in the list $(ms "$app_loaded_us") ms, painted $(ms "$app_us") ms, CPU used by then $(ms "$app_cpu_us") ms
server alone (curl, medians of $RUNS, time_total - time_pretransfer), the requests Patron made:
${server_lines%$'\n'}
scroll: RSS ${rss_first} kB with the first page ($loaded_first orders), ${rss_end} kB at the end ($loaded_end of $n_items orders),
  peak $(value rss_peak_kb "$S") kB; $n_requests list requests, $http_pages HTTP order pages ($http_distinct distinct offsets),
  $(value scroll_steps "$S") steps in $(value scroll_s "$S") s, longest frame $(ms "$(value scroll_longest_frame_us "$S")") ms
parse: $(value parse_orders "$W/parse.out") orders, $(value parse_body_bytes "$W/parse.out") bytes, median of $(value parse_iterations "$W/parse.out") parses (mean $(value parse_cpu_us_mean "$W/parse.out") us, min $(value parse_cpu_us_min "$W/parse.out") us)
EOF
)

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
kernel:      $(uname -sr)
Debian:      $(cat /etc/debian_version 2>/dev/null || echo unknown)
GTK:         $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1), libsoup $(pkg-config --modversion libsoup-3.0), json-glib $(pkg-config --modversion json-glib-1.0), GLib $(pkg-config --modversion glib-2.0)
store:       Medusa $MEDUSA_VERSION, Node $PATRON_NODE_VERSION, $("$PGBIN/postgres" --version 2>/dev/null || echo PostgreSQL), $ORDERS orders
load:        $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5, 15 min)
EOF
)

printf '\n%s\n\n%s\n\n%s\n\n' "$table" "$details" "$machine"

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
  echo "$details"
  echo
  echo "# raw output"
  for f in requests.txt curl.out window.out orders.out scroll.out gestures.out parse.out; do
    echo "## $f"
    grep -v '^start_request=' "$W/$f" || true
  done
} >"$out"
log "results written to ${out#"$ROOT"/} in $(( $(date +%s) - t_start )) s"
[[ $all_pass -eq 1 ]] || log "at least one target missed"
exit 0
