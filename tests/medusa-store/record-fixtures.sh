#!/usr/bin/env bash
# Records real answers of a running test store (start.sh) into tests/fixtures/
# for the parser tests: each body exactly as the server sent it, with its HTTP
# status in a .status file beside it.
set -euo pipefail
BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
OUT="${1:-$BASE/../fixtures}"
# shellcheck disable=SC1091
source "$RUN/state.env"
mkdir -p "$OUT"

# record NAME METHOD PATH [BODY] [TOKEN]
record() {
  local name=$1 method=$2 path=$3 body=${4:-} token=${5:-}
  local args=(-sS -o "$OUT/$name" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json')
  [[ -n "$body" ]] && args+=(--data "$body")
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  curl "${args[@]}" "$MEDUSA_URL$path" > "$OUT/$name.status"
  echo >> "$OUT/$name.status"
  printf '%-32s %s\n' "$name" "$(cat "$OUT/$name.status")"
}
json_get() { node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{console.log(eval("JSON.parse(d)"+process.argv[1]))})' "$1"; }

login='{"email":"buyer@example.com","password":"buyer-pass-123"}'
record auth-token.json POST /store/auth/token "$login"
TOKEN=$(json_get .access_token < "$OUT/auth-token.json")
record customer-me.json GET /store/customers/me "" "$TOKEN"
record auth-exists-true.json GET /store/auth/buyer@example.com
record auth-exists-false.json GET /store/auth/nobody@example.com
record orders-page.json GET '/store/customers/me/orders?limit=10&offset=0' "" "$TOKEN"
record regions.json GET /store/regions

# the orders seed-orders.js made special
SHIPPED=$(json_get '.orders.find(o=>o.fulfillment_status==="shipped").id' < "$OUT/orders-page.json")
REFUNDED=$(json_get '.orders.find(o=>o.payment_status==="partially_refunded").id' < "$OUT/orders-page.json")
JPY=$(json_get '.orders.find(o=>o.currency_code==="jpy").id' < "$OUT/orders-page.json")
record order-shipped.json GET "/store/orders/$SHIPPED"
record order-refunded.json GET "/store/orders/$REFUNDED"
record order-jpy.json GET "/store/orders/$JPY"

# a fresh customer with two addresses
EMAIL="fixture.$(date +%s%N)@example.com"
record customer-created.json POST /store/customers \
  "{\"email\":\"$EMAIL\",\"password\":\"fixture-pass-1\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}"
FTOKEN=$(curl -sS -X POST -H 'Content-Type: application/json' \
  --data "{\"email\":\"$EMAIL\",\"password\":\"fixture-pass-1\"}" "$MEDUSA_URL/store/auth/token" | json_get .access_token)
addr='{"address":{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":"us","postal_code":"12345"}}'
curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $FTOKEN" \
  --data "$addr" "$MEDUSA_URL/store/customers/me/addresses"
addr2='{"address":{"first_name":"Ada","last_name":"Lovelace","company":"Engines","address_1":"2 Rue de Rivoli","address_2":"3e étage","city":"Paris","country_code":"fr","postal_code":"75001","phone":"+33 1 23 45 67 89"}}'
record customer-with-addresses.json POST /store/customers/me/addresses "$addr2" "$FTOKEN"

# failures, as the real server words them
record error-401.txt POST /store/auth/token '{"email":"buyer@example.com","password":"wrong"}'
record error-422-duplicate.json POST /store/customers \
  '{"email":"buyer@example.com","password":"x-123456","first_name":"A","last_name":"B"}'
record error-400-invalid.json POST /store/customers/me '{"foo":1}' "$FTOKEN"
record error-404-country.json POST /store/customers/me/addresses \
  '{"address":{"first_name":"A","last_name":"B","address_1":"x","city":"y","country_code":"zz","postal_code":"1"}}' "$FTOKEN"
record error-500-reset.json POST /store/customers/password-reset \
  "{\"email\":\"$EMAIL\",\"password\":\"new-pass-123\",\"token\":\"garbage\"}"
record orders-400-limit.json GET '/store/customers/me/orders?limit=abc' "" "$TOKEN"
