# shellcheck shell=bash
# What the v1 and v2 test stores' start.sh and stop.sh (tests/medusa-store/,
# tests/medusa-store-v2/) do alike: a throwaway PostgreSQL cluster on 127.0.0.1,
# the seeded database's dump cache, and stopping what was started. Sourced, not run.
#
# The caller defines RUN (its run directory) and, for the start functions, STATE and
# the functions log NAME... and state NAME VALUE (one shell-quoted line in the state file).

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
port_free() { ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
# a PostgreSQL client program: the server's own, else the one on PATH
pgtool() { if [[ -x "$PGBIN/$1" ]]; then echo "$PGBIN/$1"; else command -v "$1"; fi; }

# Sets PGBIN (the directory of the server's initdb and pg_ctl: $PGBIN if set, else
# found on PATH or in /usr/lib/postgresql) and PSQL, or fails saying so.
store_find_pgbin() {
  PGBIN="${PGBIN:-}"
  if [[ -z "$PGBIN" ]]; then
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then PGBIN="$(dirname "$(command -v initdb)")"
    else PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; fi
  fi
  [[ -x "$PGBIN/initdb" && -x "$PGBIN/pg_ctl" ]] || {
    echo "start.sh: PostgreSQL server binaries (initdb, pg_ctl) not found; set PGBIN" >&2; return 1; }
  PGBIN="$(dirname "$(readlink -f "$PGBIN/initdb")")"   # e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin
  PSQL="$(pgtool psql)"
}

# store_pg_start PORT MAX_CONNECTIONS: a cluster in a fresh /tmp/patron-medusa-pg.XXXXXX (run
# through runuser as postgres, or nobody, when root: PostgreSQL refuses to run as root) on
# 127.0.0.1 at PORT or the next free port, with an empty database "medusa". Sets PGTMP, PGDATA,
# PG_PORT and DATABASE_URL (exported) and writes them, PGBIN and PG_RUNAS to the state file.
store_pg_start() {
  local attempt t0 runas=()
  PG_PORT=$1
  PGTMP="$(mktemp -d /tmp/patron-medusa-pg.XXXXXX)"
  PGDATA="$PGTMP/data"
  state PGTMP "$PGTMP"
  state PGDATA "$PGDATA"
  state PGBIN "$PGBIN"
  if [[ $(id -u) -eq 0 ]]; then
    local os_user=postgres
    id postgres >/dev/null 2>&1 || os_user=nobody
    chown "$os_user" "$PGTMP"
    runas=(runuser -u "$os_user" --)
  fi
  chmod 700 "$PGTMP"
  state PG_RUNAS "${runas[*]}"
  t0=$(date +%s%N)
  "${runas[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$RUN/initdb.log" 2>&1 \
    || { tail -20 "$RUN/initdb.log" >&2; return 1; }
  for attempt in 1 2 3 4 5; do
    while ! port_free "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
    if "${runas[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGTMP/postgres.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=$2" \
         start >/dev/null 2>&1; then
      break
    fi
    # lost a race for the port to someone else: try the next one
    [[ $attempt -eq 5 ]] && { tail -20 "$PGTMP/postgres.log" >&2; return 1; }
    PG_PORT=$((PG_PORT + 1))
  done
  state PG_PORT "$PG_PORT"
  "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c "CREATE DATABASE medusa" >/dev/null || return 1
  DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/medusa"
  export DATABASE_URL
  state DATABASE_URL "$DATABASE_URL"
  log "postgres up on 127.0.0.1:$PG_PORT in $(ms_since "$t0") ms (cluster $PGTMP)"
}

# store_db_restore DUMP: restores a cached dump (store_db_save) into the empty database.
# True when it did; when the dump does not restore, it is deleted and the database is empty again.
store_db_restore() {
  local t0
  [[ -n "$1" && -s "$1" ]] || return 1
  t0=$(date +%s%N)
  if "$(pgtool pg_restore)" --exit-on-error --no-owner -d "$DATABASE_URL" "$1" >"$RUN/restore.log" 2>&1; then
    log "restored the seeded database from $(basename "$1") in $(ms_since "$t0") ms"
    return 0
  fi
  log "restoring $(basename "$1") failed (see $RUN/restore.log): seeding from scratch"
  rm -f "$1" "$1".*
  "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt \
    -c "DROP DATABASE medusa" -c "CREATE DATABASE medusa" >/dev/null
  return 1
}

# store_db_save DUMP [FILE]: dumps the seeded database as DUMP (and copies FILE, what else the
# seed made, to DUMP.json), atomically; keeps the 4 newest dumps of the directory. Failing to
# dump is only said: the store runs anyway.
store_db_save() {
  local dir tmp
  dir="$(dirname "$1")"
  mkdir -p "$dir"
  tmp="$(mktemp "$dir/.dump.XXXXXX")"
  if "$(pgtool pg_dump)" -Fc -f "$tmp" "$DATABASE_URL" 2>"$RUN/dump.log"; then
    [[ -z "${2:-}" ]] || cp "$2" "$1.json"
    mv -f "$tmp" "$1"
    # one per API_ORDERS value / seed version
    ls -t "$dir"/seeded-*.dump 2>/dev/null | tail -n +5 | while read -r f; do rm -f "$f" "$f.json"; done
    log "cached the seeded database as $(basename "$1")"
  else
    rm -f "$tmp"; log "could not cache the seeded database (see $RUN/dump.log); continuing"
  fi
}

# store_server_running PATTERN: whether the server MEDUSA_PID runs and its command line still
# holds PATTERN (PIDs get reused).
store_server_running() {
  [[ -n "${MEDUSA_PID:-}" ]] && kill -0 "$MEDUSA_PID" 2>/dev/null &&
    [[ -r "/proc/$MEDUSA_PID/cmdline" ]] && tr '\0' ' ' <"/proc/$MEDUSA_PID/cmdline" | grep -q -- "$1"
}

# store_stop_server PATTERN: stops the server MEDUSA_PID if store_server_running PATTERN,
# TERM, then KILL; says so.
store_stop_server() {
  store_server_running "$1" || return 0
  kill -TERM "$MEDUSA_PID" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$MEDUSA_PID" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$MEDUSA_PID" 2>/dev/null; then kill -KILL "$MEDUSA_PID" 2>/dev/null; sleep 0.2; fi
  echo "medusa (pid $MEDUSA_PID) stopped"
}

# store_server_main PATTERN START ACTION: what both server.sh stop|start do, with BASE, APP
# and the state file's variables set: stop stops only the server whose command line holds
# PATTERN (store_stop_server), leaving PostgreSQL, the database and the state file; start,
# unless it runs, readies Node.js and calls START in $APP, which starts the server on
# MEDUSA_PORT, records its PID in the state file and waits for /health.
store_server_main() {
  local pattern=$1 start=$2
  case "${3:-}" in
    stop)
      store_server_running "$pattern" || { echo "server.sh: the server is not running"; return 0; }
      store_stop_server "$pattern"
      echo "PostgreSQL left running"
      ;;
    start)
      if store_server_running "$pattern"; then echo "server.sh: the server is running already"; return 0; fi
      # shellcheck source=build-aux/node-env.sh
      source "$BASE/../../build-aux/node-env.sh" || { echo "server.sh: no usable Node.js" >&2; return 1; }
      cd "$APP" && "$start"
      ;;
    *)
      echo "usage: server.sh stop|start" >&2; return 2
      ;;
  esac
}

# store_stop PATTERN: for stop.sh, with the state file's variables sourced: stops the server
# (store_stop_server), then PostgreSQL by its data directory, and removes the cluster directory.
store_stop() {
  store_stop_server "$1"
  if [[ -n "${PGDATA:-}" && -f "$PGDATA/postmaster.pid" ]]; then
    local runas=()
    [[ -n "${PG_RUNAS:-}" ]] && read -r -a runas <<<"$PG_RUNAS"
    if "${runas[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
      echo "postgres stopped"
    else
      "${runas[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 10 stop >/dev/null 2>&1 \
        && echo "postgres stopped (immediate)"
    fi
  fi
  if [[ -n "${PGTMP:-}" && "$PGTMP" == /tmp/patron-medusa-pg.* && -d "$PGTMP" ]]; then
    rm -rf "$PGTMP" && echo "removed $PGTMP"
  fi
}

# store_npm_ci: `npm ci` in $APP (Medusa from the npm registry, pinned by its package-lock.json)
# when its node_modules has no Medusa or was installed from another lock file (a stamp holds
# the lock file's hash; a node_modules from before the stamp is taken as it is). Sets
# MEDUSA_VERSION, the installed @medusajs/medusa's.
store_npm_ci() {
  local lock_hash stamp="$APP/node_modules/.patron-lock-hash" t0
  lock_hash=$(sha256sum "$APP/package-lock.json" | cut -c1-16)
  if [[ -x "$APP/node_modules/.bin/medusa" && -f "$APP/node_modules/@medusajs/medusa/package.json" &&
        ! -f "$stamp" ]]; then
    echo "$lock_hash" > "$stamp"
  fi
  if [[ ! -x "$APP/node_modules/.bin/medusa" || ! -f "$APP/node_modules/@medusajs/medusa/package.json" ||
        "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]]; then
    log "npm ci (Medusa from the npm registry, pinned by app/package-lock.json; node $(node --version), npm $(npm --version)) ..."
    t0=$(date +%s%N)
    ( cd "$APP" && npm ci --no-audit --no-fund --loglevel=error ) >"$RUN/npm.log" 2>&1 \
      || { tail -30 "$RUN/npm.log" >&2; return 1; }
    echo "$lock_hash" > "$stamp"
    log "npm ci done in $(ms_since "$t0") ms"
  fi
  MEDUSA_VERSION=$(node -p 'require(process.argv[1]).version' "$APP/node_modules/@medusajs/medusa/package.json")
}

# store_cache_file NAME INPUT...: sets CACHE_FILE, where the seeded database's dump is kept:
# $APP/node_modules/.cache/NAME/seeded-<hash of the INPUT files, API_ORDERS and the PostgreSQL
# version>.dump (the seeded database only depends on these), or empty with MEDUSA_STORE_CACHE=0.
store_cache_file() {
  local name=$1 key
  shift
  key=$( { cat "$@"; echo "API_ORDERS=$API_ORDERS"; "$PGBIN/postgres" --version; } | sha256sum | cut -c1-16)
  CACHE_FILE="$APP/node_modules/.cache/$name/seeded-$key.dump"
  [[ "${MEDUSA_STORE_CACHE:-1}" == 1 ]] || CACHE_FILE=
}

# store_state_common: what both stores write to the state file once the server answers: its
# URL, version and Node, where its log and outbox are, and the seeded accounts.
store_state_common() {
  state MEDUSA_URL "$MEDUSA_URL"
  state MEDUSA_VERSION "$MEDUSA_VERSION"
  state NODE_VERSION "${PATRON_NODE_VERSION:-$(node -p process.versions.node)}"
  state MEDUSA_STORE_RUN_DIR "$RUN"
  state MEDUSA_LOG "$RUN/medusa.log"
  state MEDUSA_OUTBOX_DIR "$MEDUSA_OUTBOX_DIR"
  state JWT_SECRET "$JWT_SECRET"
  state ADMIN_EMAIL admin@example.com
  state ADMIN_PASSWORD supersecret
  state TEST_CUSTOMER_EMAIL buyer@example.com
  state TEST_CUSTOMER_PASSWORD buyer-pass-123
  state OTHER_CUSTOMER_EMAIL other@example.com
  state OTHER_CUSTOMER_PASSWORD other-pass-123
}

# store_bulk_orders: with BULK_ORDERS (> 0) or BULK_ORDERS_TOTAL, clones orders of
# buyer@example.com by SQL with the store's own $BASE/bulk-orders.sql.
store_bulk_orders() {
  local t0 how
  [[ -n "$BULK_ORDERS_TOTAL" || "$BULK_ORDERS" -gt 0 ]] || return 0
  t0=$(date +%s%N)
  if [[ -n "$BULK_ORDERS_TOTAL" ]]; then how=(-v total="$BULK_ORDERS_TOTAL"); else how=(-v n="$BULK_ORDERS"); fi
  "$PSQL" "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt "${how[@]}" -v email=buyer@example.com \
     -f "$BASE/bulk-orders.sql" >"$RUN/bulk-orders.log" 2>&1 || { cat "$RUN/bulk-orders.log" >&2; return 1; }
  log "cloned orders by SQL in $(ms_since "$t0") ms: $(tail -1 "$RUN/bulk-orders.log")"
}
