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

# shellcheck source=tests/medusa-common/store-lib.sh
source "$BASE/../medusa-common/store-lib.sh"
# the server only if it still is ours (PIDs get reused): start.sh's command line
store_stop "medusa start -H 127.0.0.1 -p ${MEDUSA_PORT:-none} "
rm -f "$STATE"
