#!/usr/bin/env bash
# Stops what start.sh started, by recorded PID and data directory only, removes
# the throwaway PostgreSQL cluster and the state file. Safe to run twice.
# Honours MEDUSA_STORE_RUN_DIR like start.sh.
set -uo pipefail
BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
STATE="$RUN/state.env"
[[ -f "$STATE" ]] || { echo "medusa v2 store: nothing to stop ($STATE absent)"; exit 0; }
MEDUSA_PID='' MEDUSA_PORT='' PGDATA='' PGTMP='' PGBIN='' PG_RUNAS=''
# shellcheck disable=SC1090
source "$STATE"

# only signal the PID if it still is our server (PIDs get reused)
is_ours() { [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "medusa start -H 127.0.0.1 -p $2"; }

if [[ -n "$MEDUSA_PID" && -n "$MEDUSA_PORT" ]] && kill -0 "$MEDUSA_PID" 2>/dev/null && is_ours "$MEDUSA_PID" "$MEDUSA_PORT"; then
  kill -TERM "$MEDUSA_PID" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$MEDUSA_PID" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$MEDUSA_PID" 2>/dev/null; then kill -KILL "$MEDUSA_PID" 2>/dev/null; sleep 0.2; fi
  echo "medusa v2 (pid $MEDUSA_PID) stopped"
fi

if [[ -n "$PGDATA" && -f "$PGDATA/postmaster.pid" ]]; then
  RUNAS=()
  [[ -n "$PG_RUNAS" ]] && read -r -a RUNAS <<<"$PG_RUNAS"
  if "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
    echo "postgres stopped"
  else
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 10 stop >/dev/null 2>&1 \
      && echo "postgres stopped (immediate)"
  fi
fi
if [[ -n "$PGTMP" && "$PGTMP" == /tmp/patron-medusa-pg.* && -d "$PGTMP" ]]; then
  rm -rf "$PGTMP" && echo "removed $PGTMP"
fi
rm -f "$STATE"
