#!/usr/bin/env bash
# server.sh stop|start: stops the Medusa server of a running v2 test store, or starts it again
# on the same port, leaving its PostgreSQL cluster and database (and the state file) as they
# are: the store is unreachable in between and comes back with the same data (an offline test;
# stop.sh removes the whole store). The v2 twin of ../medusa-store/server.sh. Honours
# MEDUSA_STORE_RUN_DIR like start.sh.
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
# start.sh's command line, as stop.sh recognises it
SERVER_COMMAND="medusa start -H 127.0.0.1 -p $MEDUSA_PORT "

start_server() {
  export MEDUSA_DISABLE_TELEMETRY=true DO_NOT_TRACK=1 DATABASE_URL
  export JWT_SECRET="${JWT_SECRET:-test-jwt-secret}" COOKIE_SECRET="${COOKIE_SECRET:-test-cookie-secret}"
  export MEDUSA_OUTBOX_DIR="$RUN/outbox"
  local logged
  logged=$(stat -c %s "$RUN/medusa.log" 2>/dev/null || echo 0)
  setsid ./node_modules/.bin/medusa start -H 127.0.0.1 -p "$MEDUSA_PORT" >>"$RUN/medusa.log" 2>&1 </dev/null &
  MEDUSA_PID=$!
  # the new PID replaces the old one in the state file (stop.sh reads it)
  sed -i "s/^MEDUSA_PID=.*/MEDUSA_PID=$MEDUSA_PID/" "$STATE"
  for _ in $(seq 1 480); do
    if curl -fsS -m 2 "http://127.0.0.1:$MEDUSA_PORT/health" >/dev/null 2>&1 &&
       store_server_running "$SERVER_COMMAND"; then
      echo "medusa (pid $MEDUSA_PID) healthy again at http://127.0.0.1:$MEDUSA_PORT"; exit 0
    fi
    if ! kill -0 "$MEDUSA_PID" 2>/dev/null; then
      if tail -c +"$((logged + 1))" "$RUN/medusa.log" | grep -q EADDRINUSE; then
        echo "server.sh: port $MEDUSA_PORT was taken meanwhile" >&2
      fi
      echo "medusa died:" >&2; tail -40 "$RUN/medusa.log" >&2; exit 1
    fi
    sleep 0.25
  done
  echo "server.sh: medusa /health timeout" >&2; exit 1
}

store_server_main "$SERVER_COMMAND" start_server "${1:-}"
