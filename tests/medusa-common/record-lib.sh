# shellcheck shell=bash
# What the v1 and v2 stores' record-fixtures.sh do alike. Sourced, not run, by a script that
# has set RUN (the store's run directory) and OUT (the fixtures directory): checks that the
# store runs, sources its state file (MEDUSA_URL, the accounts, ...) and the stores' node
# (json() below), as start.sh takes it. The caller may then set RECORD_HEADER, a header every
# request carries unless told otherwise (v2: its publishable key).

[[ -f "$RUN/state.env" ]] || { echo "record-fixtures: no store running ($RUN/state.env absent); run start.sh" >&2; exit 1; }
# shellcheck disable=SC1091
source "$RUN/state.env"
# shellcheck source=build-aux/node-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../build-aux/node-env.sh" || exit 1
mkdir -p "$OUT"

# record NAME METHOD PATH [BODY] [TOKEN] [EXPECTED-STATUS] [HEADER]: the answer's body exactly
# as sent into $OUT/NAME, its status on one line into $OUT/NAME.status; fails unless the status
# is EXPECTED-STATUS (when given). HEADER: instead of RECORD_HEADER ("-": none).
record() {
  local name=$1 method=$2 path=$3 body=${4:-} token=${5:-} want=${6:-} header=${7:-${RECORD_HEADER:--}}
  local args=(-sS -o "$OUT/$name" -w '%{http_code}' -X "$method")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ "$header" != - ]] && args+=(-H "$header")
  local status
  status=$(curl "${args[@]}" "$MEDUSA_URL$path")
  echo "$status" > "$OUT/$name.status"
  printf '  %-36s %s %s %s\n' "$name" "$status" "$method" "${path:0:90}"
  if [[ -n "$want" && "$status" != "$want" ]]; then
    echo "record-fixtures: $name: expected HTTP $want, got $status:" >&2
    head -c 400 "$OUT/$name" >&2; echo >&2
    exit 1
  fi
}

# json EXPR < file: evaluates a JavaScript expression on the parsed JSON `d`
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const d=JSON.parse(s);const v=(new Function("d","return "+process.argv[1]))(d);if(v===undefined||v===null){process.exit(3)}console.log(v)})' "$1"; }
