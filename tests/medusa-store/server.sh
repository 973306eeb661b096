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

running() {
  [[ -n "$MEDUSA_PID" ]] && kill -0 "$MEDUSA_PID" 2>/dev/null &&
    [[ -r "/proc/$MEDUSA_PID/cmdline" ]] && tr '\0' ' ' <"/proc/$MEDUSA_PID/cmdline" | grep -q 'server\.js'
}

case "${1:-}" in
  stop)
    running || { echo "server.sh: the server is not running"; exit 0; }
    kill -TERM "$MEDUSA_PID"
    for _ in $(seq 1 40); do kill -0 "$MEDUSA_PID" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$MEDUSA_PID" 2>/dev/null; then kill -KILL "$MEDUSA_PID"; sleep 0.2; fi
    echo "medusa (pid $MEDUSA_PID) stopped; PostgreSQL left running"
    ;;
  start)
    if running; then echo "server.sh: the server is running already"; exit 0; fi
    # shellcheck source=build-aux/node-env.sh
    source "$BASE/../../build-aux/node-env.sh" || { echo "server.sh: no usable Node.js" >&2; exit 1; }
    cd "$APP"
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
    ;;
  *)
    echo "usage: server.sh stop|start" >&2; exit 2
    ;;
esac
