#!/usr/bin/env bash
# Starts a throwaway Medusa v1 (1.20.11) store on 127.0.0.1 with its own
# throwaway PostgreSQL cluster, seeded with regions, a product, a customer with
# real orders (and optional bulk clones). Stop it with stop.sh.
#
# Env knobs (all optional):
#   MEDUSA_STORE_RUN_DIR  where the state file, logs and outbox go (default: ./run)
#   MEDUSA_PORT           first port to try (default 9000; the next free one is taken)
#   API_ORDERS            orders placed through the real Store API checkout (default 3)
#   BULK_ORDERS           extra orders cloned by SQL for buyer@example.com (default 0)
# Writes $MEDUSA_STORE_RUN_DIR/state.env: MEDUSA_URL, MEDUSA_VERSION, MEDUSA_OUTBOX_DIR, ...
set -euo pipefail

BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP="$BASE/app"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
STATE="$RUN/state.env"
MEDUSA_PORT="${MEDUSA_PORT:-9000}"
API_ORDERS="${API_ORDERS:-3}"
BULK_ORDERS="${BULK_ORDERS:-0}"
export MEDUSA_DISABLE_TELEMETRY=true
# "production" would make the session cookie Secure, unusable over plain http
export NODE_ENV=development

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
t_start=$(date +%s)

mkdir -p "$RUN"
if [[ -f "$STATE" ]]; then
  # shellcheck disable=SC1090
  MEDUSA_PID=$(. "$STATE"; echo "${MEDUSA_PID:-}")
  if [[ -n "$MEDUSA_PID" ]] && kill -0 "$MEDUSA_PID" 2>/dev/null; then
    log "already running: $(. "$STATE"; echo "$MEDUSA_URL")"
    exit 0
  fi
  log "stale state file: cleaning up"
  MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >/dev/null
fi
trap 'rc=$?; if [[ $rc -ne 0 ]]; then echo "start failed (rc=$rc); cleaning up" >&2; MEDUSA_STORE_RUN_DIR="$RUN" "$BASE/stop.sh" >&2; fi' EXIT

port_free() { ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

for b in node npm curl ss; do command -v "$b" >/dev/null || { echo "missing $b" >&2; exit 1; }; done
PGBIN="${PGBIN:-}"
if [[ -z "$PGBIN" ]]; then
  if command -v initdb >/dev/null; then PGBIN="$(dirname "$(command -v initdb)")";
  else PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; fi
fi
[[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL server binaries (initdb, pg_ctl) not found; set PGBIN" >&2; exit 1; }
PSQL="$(command -v psql || echo "$PGBIN/psql")"

# ------------------------------------------------------------ npm (once)
if [[ ! -x "$APP/node_modules/.bin/medusa" || ! -d "$APP/node_modules/@medusajs/medusa" ]]; then
  log "npm ci (Medusa from the npm registry, pinned by package-lock.json) ..."
  t0=$(date +%s)
  ( cd "$APP" && npm ci --no-audit --no-fund --loglevel=error )
  log "npm ci done in $(( $(date +%s) - t0 ))s"
fi
MEDUSA_VERSION=$(node -p 'require(process.argv[1]).version' "$APP/node_modules/@medusajs/medusa/package.json")

# ------------------------------------------------------------ PostgreSQL
PG_PORT="${PG_PORT:-54329}"
while ! port_free "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
while ! port_free "$MEDUSA_PORT"; do MEDUSA_PORT=$((MEDUSA_PORT + 1)); done

PGTMP="$(mktemp -d /tmp/patron-medusa-pg.XXXXXX)"
PGDATA="$PGTMP/data"
# PostgreSQL refuses to run as root
RUNAS=()
if [[ $(id -u) -eq 0 ]]; then
  PGUSER_OS=postgres; id postgres >/dev/null 2>&1 || PGUSER_OS=nobody
  chown "$PGUSER_OS" "$PGTMP"; chmod 700 "$PGTMP"
  RUNAS=(runuser -u "$PGUSER_OS" --)
fi
cat > "$STATE" <<EOF2
PGTMP=$PGTMP
PGDATA=$PGDATA
PGBIN=$PGBIN
PG_PORT=$PG_PORT
PG_RUNAS="${RUNAS[*]}"
EOF2
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$RUN/initdb.log" 2>&1
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGTMP/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
  start >/dev/null
"$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c "CREATE DATABASE medusa" >/dev/null
DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/medusa"
export DATABASE_URL
echo "DATABASE_URL=$DATABASE_URL" >> "$STATE"
log "postgres up on 127.0.0.1:$PG_PORT"

# ------------------------------------------------------------ migrate + seed
cd "$APP"
export JWT_SECRET="${JWT_SECRET:-test-jwt-secret}" COOKIE_SECRET="${COOKIE_SECRET:-test-cookie-secret}"
export STORE_CORS="${STORE_CORS:-http://localhost:8000}" ADMIN_CORS="${ADMIN_CORS:-http://localhost:7001}"
t0=$(date +%s)
./node_modules/.bin/medusa migrations run >"$RUN/migrate.log" 2>&1 || { tail -40 "$RUN/migrate.log"; exit 1; }
./node_modules/.bin/medusa seed -f ./seed.json >"$RUN/seed.log" 2>&1 || { tail -40 "$RUN/seed.log"; exit 1; }
log "migrated and seeded in $(( $(date +%s) - t0 ))s"

# ------------------------------------------------------------ server
export PORT="$MEDUSA_PORT" HOST=127.0.0.1
export MEDUSA_OUTBOX_DIR="$RUN/outbox"
rm -rf "$MEDUSA_OUTBOX_DIR"; mkdir -p "$MEDUSA_OUTBOX_DIR"
t0=$(date +%s%N)
setsid node server.js >"$RUN/medusa.log" 2>&1 < /dev/null &
MEDUSA_PID=$!
echo "MEDUSA_PID=$MEDUSA_PID" >> "$STATE"
MEDUSA_URL="http://127.0.0.1:$MEDUSA_PORT"
for _ in $(seq 1 240); do
  if curl -fsS -m 2 "$MEDUSA_URL/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$MEDUSA_PID" 2>/dev/null; then echo "medusa died:"; tail -40 "$RUN/medusa.log"; exit 1; fi
  sleep 0.25
done
curl -fsS -m 2 "$MEDUSA_URL/health" >/dev/null || { echo "medusa /health timeout"; tail -40 "$RUN/medusa.log"; exit 1; }
log "medusa $MEDUSA_VERSION healthy at $MEDUSA_URL (start $(( ($(date +%s%N) - t0) / 1000000 )) ms, pid $MEDUSA_PID)"

cat >> "$STATE" <<EOF2
MEDUSA_URL=$MEDUSA_URL
MEDUSA_PORT=$MEDUSA_PORT
MEDUSA_VERSION=$MEDUSA_VERSION
MEDUSA_LOG=$RUN/medusa.log
MEDUSA_OUTBOX_DIR=$MEDUSA_OUTBOX_DIR
JWT_SECRET=$JWT_SECRET
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=supersecret
TEST_CUSTOMER_EMAIL=buyer@example.com
TEST_CUSTOMER_PASSWORD=buyer-pass-123
OTHER_CUSTOMER_EMAIL=other@example.com
OTHER_CUSTOMER_PASSWORD=other-pass-123
EOF2

# ------------------------------------------------------------ customers + orders
t0=$(date +%s)
MEDUSA_URL="$MEDUSA_URL" API_ORDERS="$API_ORDERS" node "$BASE/seed-orders.js" > "$RUN/seed-orders.log" 2>&1 \
  || { tail -40 "$RUN/seed-orders.log"; exit 1; }
log "customers and $API_ORDERS orders in $(( $(date +%s) - t0 ))s: $(tail -1 "$RUN/seed-orders.log")"
if [[ "$BULK_ORDERS" -gt 0 ]]; then
  t0=$(date +%s)
  "$PSQL" "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt -v n="$BULK_ORDERS" -v email=buyer@example.com \
     -f "$BASE/bulk-orders.sql" > "$RUN/bulk-orders.log" 2>&1 || { cat "$RUN/bulk-orders.log"; exit 1; }
  log "cloned $BULK_ORDERS orders by SQL in $(( $(date +%s) - t0 ))s"
fi
log "ready in $(( $(date +%s) - t_start ))s. State: $STATE"
