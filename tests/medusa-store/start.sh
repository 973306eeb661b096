#!/usr/bin/env bash
# Starts a throwaway Medusa v1 (1.20.11) store on 127.0.0.1 with its own
# throwaway PostgreSQL cluster, seeded with regions, a product, customers with
# real orders (and optional bulk clones). Stop it with stop.sh.
#
# Env knobs (all optional):
#   MEDUSA_STORE_RUN_DIR  where the state file, logs and outbox go (default: ./run);
#                         two stores (e.g. demo and tests) need two run dirs
#   MEDUSA_PORT           first port to try (default 9000; the next free one is taken)
#   PG_PORT               first PostgreSQL port to try (default 54329)
#   API_ORDERS            US orders placed through the real Store API checkout (default 3)
#   BULK_ORDERS           extra orders cloned by SQL for buyer@example.com (default 0)
#   BULK_ORDERS_TOTAL     instead of BULK_ORDERS: clone as many as it takes for buyer@example.com
#                         to have exactly this many orders in all
#   PGBIN                 directory of initdb/pg_ctl (default: found on PATH or /usr/lib/postgresql)
#   MEDUSA_STORE_CACHE    1 (default): after the first full start, keep a pg_dump of the migrated and
#                         seeded database (customers and API orders included) in
#                         app/node_modules/.cache/patron-medusa-store/, keyed by a hash of the seed
#                         inputs, and restore it on later starts instead of migrating and seeding
#                         again (saves ~20 s); 0: always migrate and seed from scratch
# Writes $MEDUSA_STORE_RUN_DIR/state.env (shell syntax; source it): see README.md.
# Exits 0 at once when the store of this run dir is already running.
set -euo pipefail

BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP="$BASE/app"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
STATE="$RUN/state.env"
MEDUSA_PORT="${MEDUSA_PORT:-9000}"
API_ORDERS="${API_ORDERS:-3}"
BULK_ORDERS="${BULK_ORDERS:-0}"
BULK_ORDERS_TOTAL="${BULK_ORDERS_TOTAL:-}"
export MEDUSA_DISABLE_TELEMETRY=true
# "production" would make the session cookie Secure, unusable over plain http
export NODE_ENV=development

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
state() { printf '%s=%q\n' "$1" "$2" >> "$STATE"; }
t_start=$(date +%s%N)
# shellcheck source=tests/medusa-common/store-lib.sh
source "$BASE/../medusa-common/store-lib.sh"

# shellcheck disable=SC1090
if [[ -f "$STATE" ]]; then
  old_pid=$(. "$STATE"; echo "${MEDUSA_PID:-}")
  if [[ -n "$old_pid" ]] && kill -0 "$old_pid" 2>/dev/null &&
     tr '\0' ' ' <"/proc/$old_pid/cmdline" 2>/dev/null | grep -q 'server\.js'; then
    log "already running: $(. "$STATE"; echo "$MEDUSA_URL") (pid $old_pid)"
    (. "$STATE"; echo "MEDUSA_URL=$MEDUSA_URL")
    exit 0
  fi
  log "stale state file $STATE: cleaning up"
  MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >/dev/null
fi

for b in curl ss; do
  command -v "$b" >/dev/null || { echo "start.sh: missing $b (run build-aux/install-deps.sh)" >&2; exit 1; }
done
# node and npm >= 20.19: the system's, or the pinned one from the project's cache
# shellcheck source=build-aux/node-env.sh
source "$BASE/../../build-aux/node-env.sh" || { echo "start.sh: no usable Node.js" >&2; exit 1; }
store_find_pgbin || exit 1

# From here on, a failure stops whatever was started.
: > "$STATE"
# shellcheck disable=SC2154
trap 'rc=$?; if [[ $rc -ne 0 ]]; then echo "start.sh: failed (rc=$rc); cleaning up" >&2; MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >&2 || true; fi' EXIT

# ------------------------------------------------------------ npm (when the lock file changed)
store_npm_ci || exit 1

# The seeded database only depends on these inputs: a dump of it can be reused.
store_cache_file patron-medusa-store "$APP/package-lock.json" "$APP/medusa-config.js" "$APP/seed.json" \
  "$BASE/seed-orders.js"

# ------------------------------------------------------------ PostgreSQL
store_pg_start "${PG_PORT:-54329}" 50 || exit 1

# ------------------------------------------------------------ migrate + seed (or restore)
cd "$APP"
export JWT_SECRET="${JWT_SECRET:-test-jwt-secret}" COOKIE_SECRET="${COOKIE_SECRET:-test-cookie-secret}"
export STORE_CORS="${STORE_CORS:-http://localhost:8000}" ADMIN_CORS="${ADMIN_CORS:-http://localhost:7001}"
restored=
store_db_restore "$CACHE_FILE" && restored=1
if [[ -z "$restored" ]]; then
  t0=$(date +%s%N)
  ./node_modules/.bin/medusa migrations run >"$RUN/migrate.log" 2>&1 || { tail -40 "$RUN/migrate.log" >&2; exit 1; }
  log "migrations done in $(ms_since "$t0") ms"
  t0=$(date +%s%N)
  ./node_modules/.bin/medusa seed -f ./seed.json >"$RUN/seed.log" 2>&1 || { tail -40 "$RUN/seed.log" >&2; exit 1; }
  log "seed.json loaded in $(ms_since "$t0") ms"
fi

# ------------------------------------------------------------ server
export PORT="$MEDUSA_PORT" HOST=127.0.0.1
export MEDUSA_OUTBOX_DIR="$RUN/outbox"
export MEDUSA_PORT_FILE="$RUN/port"
rm -rf "$MEDUSA_OUTBOX_DIR" "$MEDUSA_PORT_FILE"
mkdir -p "$MEDUSA_OUTBOX_DIR"
# skip ports already taken; server.js also moves on if it loses a race for one
while ! port_free "$MEDUSA_PORT"; do MEDUSA_PORT=$((MEDUSA_PORT + 1)); done
export PORT="$MEDUSA_PORT"
t0=$(date +%s%N)
setsid node server.js >"$RUN/medusa.log" 2>&1 </dev/null &
MEDUSA_PID=$!
state MEDUSA_PID "$MEDUSA_PID"
healthy=
for _ in $(seq 1 480); do
  if [[ -s "$MEDUSA_PORT_FILE" ]]; then
    MEDUSA_PORT=$(cat "$MEDUSA_PORT_FILE")
    if curl -fsS -m 2 "http://127.0.0.1:$MEDUSA_PORT/health" >/dev/null 2>&1; then healthy=1; break; fi
  fi
  if ! kill -0 "$MEDUSA_PID" 2>/dev/null; then echo "medusa died:" >&2; tail -40 "$RUN/medusa.log" >&2; exit 1; fi
  sleep 0.25
done
[[ -n "$healthy" ]] || { echo "medusa /health timeout" >&2; tail -40 "$RUN/medusa.log" >&2; exit 1; }
MEDUSA_URL="http://127.0.0.1:$MEDUSA_PORT"
log "medusa $MEDUSA_VERSION healthy at $MEDUSA_URL on Node $PATRON_NODE_VERSION (server start $(ms_since "$t0") ms, pid $MEDUSA_PID)"

state MEDUSA_PORT "$MEDUSA_PORT"
store_state_common
state DISCOUNT_CODE PATRON10

# ------------------------------------------------------------ thumbnails of a restored dump
# seed-orders.js points the product's thumbnail (and so every line item's) at this server's
# /uploads/; a restored dump still names the port it was seeded on.
if [[ -n "$restored" ]]; then
  "$PSQL" "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt -v url="$MEDUSA_URL/uploads/" >/dev/null <<'SQL' \
    || { echo "start.sh: could not update the thumbnail URLs" >&2; exit 1; }
UPDATE product SET thumbnail = regexp_replace(thumbnail, '^http://127\.0\.0\.1:[0-9]+/uploads/', :'url')
  WHERE thumbnail ~ '^http://127\.0\.0\.1:[0-9]+/uploads/';
UPDATE line_item SET thumbnail = regexp_replace(thumbnail, '^http://127\.0\.0\.1:[0-9]+/uploads/', :'url')
  WHERE thumbnail ~ '^http://127\.0\.0\.1:[0-9]+/uploads/';
SQL
fi

# ------------------------------------------------------------ customers + orders
if [[ -z "$restored" ]]; then
  t0=$(date +%s%N)
  MEDUSA_URL="$MEDUSA_URL" API_ORDERS="$API_ORDERS" node "$BASE/seed-orders.js" >"$RUN/seed-orders.log" 2>&1 \
    || { tail -40 "$RUN/seed-orders.log" >&2; exit 1; }
  log "customers and $((API_ORDERS + 4)) orders in $(ms_since "$t0") ms: $(tail -1 "$RUN/seed-orders.log")"
  [[ -z "$CACHE_FILE" ]] || store_db_save "$CACHE_FILE"
fi
store_bulk_orders || exit 1
log "ready in $(ms_since "$t_start") ms. State: $STATE"
echo "MEDUSA_URL=$MEDUSA_URL"
