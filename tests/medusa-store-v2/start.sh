#!/usr/bin/env bash
# Starts a throwaway Medusa v2 (2.21.2) store on 127.0.0.1 with its own throwaway
# PostgreSQL cluster, seeded through Medusa's workflows (app/src/scripts/seed.ts):
# regions, a product, a publishable key, customers with orders (shipped, refunded,
# promoted, jpy, kwd, eur, canceled) and optional bulk clones. Stop it with stop.sh.
# The v2 twin of ../medusa-store/start.sh, with the same conventions.
#
# Env knobs (all optional):
#   MEDUSA_STORE_RUN_DIR  where the state file, logs and outbox go (default: ./run);
#                         two stores (e.g. demo and tests) need two run dirs
#   MEDUSA_PORT           first port to try (default 9100; the next free one is taken)
#   PG_PORT               first PostgreSQL port to try (default 55432)
#   API_ORDERS            US orders placed through the checkout workflows (default 3)
#   BULK_ORDERS           extra orders cloned by SQL for buyer@example.com (default 0)
#   BULK_ORDERS_TOTAL     instead of BULK_ORDERS: clone as many as it takes for buyer@example.com
#                         to have exactly this many orders in all
#   PGBIN                 directory of initdb/pg_ctl (default: found on PATH or /usr/lib/postgresql)
#   MEDUSA_STORE_CACHE    1 (default): after the first full start, keep a pg_dump of the migrated and
#                         seeded database in app/node_modules/.cache/patron-medusa-store-v2/, keyed by
#                         a hash of the seed inputs, and restore it on later starts instead of
#                         migrating and seeding again; 0: always migrate and seed from scratch
# Needs Node ^20.19.0 or >= 22.12.0 (Medusa 2.21's engines): build-aux/node-env.sh provides one.
# Writes $MEDUSA_STORE_RUN_DIR/state.env (shell syntax; source it): see README.md.
# Exits 0 at once when the store of this run dir is already running.
set -euo pipefail

BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BASE/../.." && pwd)"
APP="$BASE/app"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
STATE="$RUN/state.env"
MEDUSA_PORT="${MEDUSA_PORT:-9100}"
API_ORDERS="${API_ORDERS:-3}"
BULK_ORDERS="${BULK_ORDERS:-0}"
BULK_ORDERS_TOTAL="${BULK_ORDERS_TOTAL:-}"
export MEDUSA_DISABLE_TELEMETRY=true DO_NOT_TRACK=1

log() { printf '[%s] v2: %s\n' "$(date +%T)" "$*"; }
state() { printf '%s=%q\n' "$1" "$2" >> "$STATE"; }
t_start=$(date +%s%N)
# shellcheck source=tests/medusa-common/store-lib.sh
source "$BASE/../medusa-common/store-lib.sh"
# the server's command line, as stop.sh recognises it
is_ours() { [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "medusa start -H 127.0.0.1 -p $2 "; }

# shellcheck disable=SC1090
if [[ -f "$STATE" ]]; then
  old_pid=$(. "$STATE"; echo "${MEDUSA_PID:-}")
  old_port=$(. "$STATE"; echo "${MEDUSA_PORT:-}")
  if [[ -n "$old_pid" && -n "$old_port" ]] && kill -0 "$old_pid" 2>/dev/null && is_ours "$old_pid" "$old_port"; then
    log "already running: $(. "$STATE"; echo "$MEDUSA_URL") (pid $old_pid)"
    (. "$STATE"; echo "MEDUSA_URL=$MEDUSA_URL")
    exit 0
  fi
  log "stale state file $STATE: cleaning up"
  MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >/dev/null
fi

# ------------------------------------------------------------ Node >= 20.19
# node and npm >= 20.19: the system's, or the pinned one from the project's cache
# shellcheck source=build-aux/node-env.sh
source "$ROOT/build-aux/node-env.sh" || { echo "start.sh: no usable Node.js" >&2; exit 1; }
for b in node npm curl ss; do
  command -v "$b" >/dev/null || { echo "start.sh: missing $b (run build-aux/install-deps.sh)" >&2; exit 1; }
done
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
              process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)'; then
  echo "start.sh: Medusa 2.21 needs Node ^20.19.0 or >= 22.12.0, and $(command -v node) is $(node --version)." >&2
  echo "start.sh: put a newer node first on PATH, or PATRON_NODE=pinned (build-aux/node-env.sh)." >&2
  exit 1
fi
store_find_pgbin || exit 1

# From here on, a failure stops whatever was started.
: > "$STATE"
# shellcheck disable=SC2154
trap 'rc=$?; if [[ $rc -ne 0 ]]; then echo "start.sh: failed (rc=$rc); cleaning up" >&2; MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >&2 || true; fi' EXIT
# stopped from outside (run-tests.sh when the v1 store fails beside it): clean up too
trap 'exit 143' TERM
trap 'exit 130' INT

# ------------------------------------------------------------ npm (when the lock file changed)
store_npm_ci || exit 1

# The seeded database only depends on these inputs: a dump of it can be reused.
store_cache_file patron-medusa-store-v2 "$APP/package-lock.json" "$APP/medusa-config.ts" \
  "$APP/src/scripts/seed.ts"

# ------------------------------------------------------------ PostgreSQL
store_pg_start "${PG_PORT:-55432}" 100 || exit 1

# ------------------------------------------------------------ migrate + seed (or restore)
cd "$APP"
export JWT_SECRET="${JWT_SECRET:-test-jwt-secret}" COOKIE_SECRET="${COOKIE_SECRET:-test-cookie-secret}"
# the port the server will try first: the seed writes it into the thumbnail URLs
while ! port_free "$MEDUSA_PORT"; do MEDUSA_PORT=$((MEDUSA_PORT + 1)); done
SEED_OUT="$RUN/seed-out.json"
restored=
if [[ -s "$CACHE_FILE.json" ]] && store_db_restore "$CACHE_FILE"; then
  restored=1
  cp "$CACHE_FILE.json" "$SEED_OUT"
fi
if [[ -z "$restored" ]]; then
  t0=$(date +%s%N)
  ./node_modules/.bin/medusa db:migrate >"$RUN/migrate.log" 2>&1 || { tail -40 "$RUN/migrate.log" >&2; exit 1; }
  log "migrations done in $(ms_since "$t0") ms"
  t0=$(date +%s%N)
  MEDUSA_URL="http://127.0.0.1:$MEDUSA_PORT" API_ORDERS="$API_ORDERS" SEED_OUT="$SEED_OUT" \
    ./node_modules/.bin/medusa exec ./src/scripts/seed.ts >"$RUN/seed.log" 2>&1 \
    || { tail -40 "$RUN/seed.log" >&2; exit 1; }
  log "seeded in $(ms_since "$t0") ms: $(grep -o 'seeded [0-9]* orders.*' "$RUN/seed.log" | tail -1)"
  [[ -z "$CACHE_FILE" ]] || store_db_save "$CACHE_FILE" "$SEED_OUT"
fi

# ------------------------------------------------------------ server
export MEDUSA_OUTBOX_DIR="$RUN/outbox"
rm -rf "$MEDUSA_OUTBOX_DIR"
mkdir -p "$MEDUSA_OUTBOX_DIR"
MEDUSA_PID=
for attempt in 1 2 3 4 5; do
  while ! port_free "$MEDUSA_PORT"; do MEDUSA_PORT=$((MEDUSA_PORT + 1)); done
  t0=$(date +%s%N)
  # `medusa start` runs the server in this one process (no --cluster)
  setsid ./node_modules/.bin/medusa start -H 127.0.0.1 -p "$MEDUSA_PORT" >"$RUN/medusa.log" 2>&1 </dev/null &
  MEDUSA_PID=$!
  sed -i '/^MEDUSA_PID=/d; /^MEDUSA_PORT=/d' "$STATE"
  state MEDUSA_PID "$MEDUSA_PID"
  state MEDUSA_PORT "$MEDUSA_PORT"
  healthy=
  for _ in $(seq 1 480); do
    if curl -fsS -m 2 "http://127.0.0.1:$MEDUSA_PORT/health" >/dev/null 2>&1 && is_ours "$MEDUSA_PID" "$MEDUSA_PORT"; then
      healthy=1; break
    fi
    kill -0 "$MEDUSA_PID" 2>/dev/null || break
    sleep 0.25
  done
  [[ -n "$healthy" ]] && break
  if ! kill -0 "$MEDUSA_PID" 2>/dev/null && grep -q EADDRINUSE "$RUN/medusa.log" && [[ $attempt -lt 5 ]]; then
    # lost a race for the port to someone else: try the next one
    log "port $MEDUSA_PORT taken meanwhile; trying the next one"
    MEDUSA_PORT=$((MEDUSA_PORT + 1))
    continue
  fi
  echo "medusa did not become healthy:" >&2; tail -40 "$RUN/medusa.log" >&2; exit 1
done
MEDUSA_URL="http://127.0.0.1:$MEDUSA_PORT"
log "medusa $MEDUSA_VERSION healthy at $MEDUSA_URL (server start $(ms_since "$t0") ms, pid $MEDUSA_PID)"

# ------------------------------------------------------------ the URLs of a restored dump
# The product's thumbnail (and so every line item's) and the shipping labels point at the
# port the seed ran for; a restored dump, or a port lost to a race, names another one.
"$PSQL" "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt -v url="$MEDUSA_URL/static/" >/dev/null <<'SQL' \
  || { echo "start.sh: could not update the thumbnail URLs" >&2; exit 1; }
UPDATE product SET thumbnail = regexp_replace(thumbnail, '^http://127\.0\.0\.1:[0-9]+/static/', :'url')
  WHERE thumbnail ~ '^http://127\.0\.0\.1:[0-9]+/static/' AND NOT starts_with(thumbnail, :'url');
UPDATE order_line_item SET thumbnail = regexp_replace(thumbnail, '^http://127\.0\.0\.1:[0-9]+/static/', :'url')
  WHERE thumbnail ~ '^http://127\.0\.0\.1:[0-9]+/static/' AND NOT starts_with(thumbnail, :'url');
UPDATE cart_line_item SET thumbnail = regexp_replace(thumbnail, '^http://127\.0\.0\.1:[0-9]+/static/', :'url')
  WHERE thumbnail ~ '^http://127\.0\.0\.1:[0-9]+/static/' AND NOT starts_with(thumbnail, :'url');
UPDATE fulfillment_label SET label_url = regexp_replace(label_url, '^http://127\.0\.0\.1:[0-9]+/static/', :'url')
  WHERE label_url ~ '^http://127\.0\.0\.1:[0-9]+/static/' AND NOT starts_with(label_url, :'url');
SQL

# ------------------------------------------------------------ bulk orders
store_bulk_orders || exit 1

store_state_common
# what the seed made: the key, the ids a test needs to place an order, the special orders
node -e 'const s = require(process.argv[1]);
  const out = { MEDUSA_PUBLISHABLE_KEY: s.publishable_key, DISCOUNT_CODE: s.promotion_code,
                MEDUSA_SALES_CHANNEL_ID: s.sales_channel_id, MEDUSA_REGION_ID: s.regions.usd,
                MEDUSA_VARIANT_ID: s.variant_id, MEDUSA_SHIPPING_OPTION_ID: s.shipping_option_id };
  for (const [role, id] of Object.entries(s.orders)) out["ORDER_" + role.toUpperCase() + "_ID"] = id;
  for (const [k, v] of Object.entries(out)) console.log(k + "\t" + v);' "$SEED_OUT" |
  while IFS=$'\t' read -r key value; do state "$key" "$value"; done
log "ready in $(ms_since "$t_start") ms. State: $STATE"
echo "MEDUSA_URL=$MEDUSA_URL"
