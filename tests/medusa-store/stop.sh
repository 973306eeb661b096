#!/usr/bin/env bash
# Stops what start.sh started, by recorded PID and data directory only, and
# removes the throwaway PostgreSQL cluster. Safe to run twice.
set -uo pipefail
BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
STATE="$RUN/state.env"
[[ -f "$STATE" ]] || { echo "nothing to stop"; exit 0; }
# shellcheck disable=SC1090
source "$STATE"

if [[ -n "${MEDUSA_PID:-}" ]] && kill -0 "$MEDUSA_PID" 2>/dev/null; then
  kill -TERM "$MEDUSA_PID"
  for _ in $(seq 1 40); do kill -0 "$MEDUSA_PID" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$MEDUSA_PID" 2>/dev/null && kill -KILL "$MEDUSA_PID"
  echo "medusa (pid $MEDUSA_PID) stopped"
fi

if [[ -n "${PGDATA:-}" && -d "$PGDATA" ]]; then
  RUNAS=()
  [[ -n "${PG_RUNAS:-}" ]] && read -r -a RUNAS <<<"$PG_RUNAS"
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 && echo "postgres stopped"
fi
if [[ -n "${PGTMP:-}" && "$PGTMP" == /tmp/patron-medusa-pg.* ]]; then rm -rf "$PGTMP"; fi
rm -f "$STATE"
