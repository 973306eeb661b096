#!/usr/bin/env bash
# server.sh stop|start: stops the Medusa server of a running test store, or starts it again
# on the same port, leaving its PostgreSQL cluster and database (and the state file) as they
# are: the store is unreachable in between and comes back with the same data (an offline test;
# stop.sh removes the whole store). Honours MEDUSA_STORE_RUN_DIR like start.sh.
set -euo pipefail

BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP="$BASE/app"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
STATE="$RUN/state.env"
[[ -f "$STATE" ]] || { echo "server.sh: no store running ($STATE absent)" >&2; exit 1; }
MEDUSA_PID='' MEDUSA_PORT='' DATABASE_URL='' JWT_SECRET=''
# shellcheck disable=SC1090
source "$STATE"
# shellcheck source=tests/medusa-common/store-lib.sh
source "$BASE/../medusa-common/store-lib.sh"

start_server() {
  export MEDUSA_DISABLE_TELEMETRY=true NODE_ENV=development DATABASE_URL JWT_SECRET
  export COOKIE_SECRET="${COOKIE_SECRET:-test-cookie-secret}"
  export STORE_CORS="${STORE_CORS:-http://localhost:8000}" ADMIN_CORS="${ADMIN_CORS:-http://localhost:7001}"
  export PORT="$MEDUSA_PORT" HOST=127.0.0.1 MEDUSA_OUTBOX_DIR="$RUN/outbox"
  export MEDUSA_PORT_FILE="$RUN/port"
  rm -f "$MEDUSA_PORT_FILE"
  setsid node server.js >>"$RUN/medusa.log" 2>&1 </dev/null &
  pid=$!
  # the new PID replaces the old one in the state file (stop.sh reads it)
  sed -i "s/^MEDUSA_PID=.*/MEDUSA_PID=$pid/" "$STATE"
  for _ in $(seq 1 480); do
    if [[ -s "$MEDUSA_PORT_FILE" ]]; then
      if [[ "$(cat "$MEDUSA_PORT_FILE")" != "$MEDUSA_PORT" ]]; then
        echo "server.sh: port $MEDUSA_PORT was taken meanwhile" >&2; kill -TERM "$pid"; exit 1
      fi
      if curl -fsS -m 2 "http://127.0.0.1:$MEDUSA_PORT/health" >/dev/null 2>&1; then
        echo "medusa (pid $pid) healthy again at http://127.0.0.1:$MEDUSA_PORT"; exit 0
      fi
    fi
    kill -0 "$pid" 2>/dev/null || { echo "medusa died:" >&2; tail -40 "$RUN/medusa.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "server.sh: medusa /health timeout" >&2; exit 1
}

store_server_main 'server\.js' start_server "${1:-}"
