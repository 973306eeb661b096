#!/usr/bin/env bash
# Records real answers of a running test store (start.sh) into tests/fixtures/
# (or the directory given as $1) for the parser tests: each body exactly as the
# server sent it, with its HTTP status on one line in NAME.status beside it.
# Honours MEDUSA_STORE_RUN_DIR like start.sh. Signs up one fresh customer
# (fixture.<time>@example.com) on the store; changes nothing else.
set -euo pipefail
BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
OUT="${1:-$BASE/../fixtures}"
# the store's state and node, record and json
# shellcheck source=tests/medusa-common/record-lib.sh
source "$BASE/../medusa-common/record-lib.sh"
token_for() {
  curl -sS -f -X POST -H 'Content-Type: application/json' \
    --data-binary "{\"email\":\"$1\",\"password\":\"$2\"}" "$MEDUSA_URL/store/auth/token" | json d.access_token
}

echo "recording $MEDUSA_URL (medusa $MEDUSA_VERSION) into $OUT"
login="{\"email\":\"$TEST_CUSTOMER_EMAIL\",\"password\":\"$TEST_CUSTOMER_PASSWORD\"}"
record auth-token.json POST /store/auth/token "$login" "" 200
TOKEN=$(json d.access_token < "$OUT/auth-token.json")
record customer-me.json GET /store/customers/me "" "$TOKEN" 200
record auth-exists-true.json GET "/store/auth/$TEST_CUSTOMER_EMAIL" "" "" 200
record auth-exists-false.json GET /store/auth/nobody@example.com "" "" 200
record orders-page.json GET '/store/customers/me/orders?limit=10&offset=0' "" "$TOKEN" 200
record regions.json GET /store/regions "" "" 200
OTOKEN=$(token_for "$OTHER_CUSTOMER_EMAIL" "$OTHER_CUSTOMER_PASSWORD")
record orders-empty.json GET '/store/customers/me/orders?limit=10&offset=0' "" "$OTOKEN" 200

# the orders seed-orders.js made special (all within the newest 10)
pick() { json "d.orders.find(o => $1).id" < "$OUT/orders-page.json" \
  || { echo "record-fixtures: no order with $1 in orders-page.json" >&2; exit 1; }; }
SHIPPED=$(pick 'o.fulfillments.length >= 2')
REFUNDED=$(pick 'o.payment_status === "partially_refunded"')
DISCOUNTED=$(pick 'o.discounts.length > 0')
GIFT_CARD=$(pick 'o.gift_card_total > 0')
JPY=$(pick 'o.currency_code === "jpy"')
KWD=$(pick 'o.currency_code === "kwd"')
# one order as the client asks for it (MedusaClient's get_order): the customer's
# own list filtered by id; GET /store/orders/{id} leaves out gift cards and refunds
one_order() { echo "/store/customers/me/orders?id=$1&limit=1"; }
record order-shipped.json GET "$(one_order "$SHIPPED")" "" "$TOKEN" 200
record order-refunded.json GET "$(one_order "$REFUNDED")" "" "$TOKEN" 200
record order-discount.json GET "$(one_order "$DISCOUNTED")" "" "$TOKEN" 200
record order-gift-card.json GET "$(one_order "$GIFT_CARD")" "" "$TOKEN" 200
record order-jpy.json GET "$(one_order "$JPY")" "" "$TOKEN" 200
record order-kwd.json GET "$(one_order "$KWD")" "" "$TOKEN" 200
record order-missing.json GET "$(one_order order_does_not_exist)" "" "$TOKEN" 200

# a fresh customer with two addresses
EMAIL="fixture.$(date +%s%N)@example.com"
record customer-created.json POST /store/customers \
  "{\"email\":\"$EMAIL\",\"password\":\"fixture-pass-1\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}" "" 200
FTOKEN=$(token_for "$EMAIL" fixture-pass-1)
addr1='{"address":{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":"us","province":"IL","postal_code":"62701"}}'
curl -sS -f -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $FTOKEN" \
  --data-binary "$addr1" "$MEDUSA_URL/store/customers/me/addresses"
addr2='{"address":{"first_name":"Ada","last_name":"Lovelace","company":"Engines Ltd","address_1":"2 Rue de Rivoli","address_2":"3e étage","city":"Paris","country_code":"FR","postal_code":"75001","phone":"+33 1 23 45 67 89"}}'
record customer-with-addresses.json POST /store/customers/me/addresses "$addr2" "$FTOKEN" 200

# failures, as the real server words them
record error-401.txt POST /store/auth/token "{\"email\":\"$TEST_CUSTOMER_EMAIL\",\"password\":\"wrong\"}" "" 401
record error-401-me.txt GET /store/customers/me "" "" 401
record error-422-duplicate.json POST /store/customers \
  "{\"email\":\"$TEST_CUSTOMER_EMAIL\",\"password\":\"x-123456\",\"first_name\":\"A\",\"last_name\":\"B\"}" "" 422
record error-400-invalid.json POST /store/customers/me '{"foo":1}' "$FTOKEN" 400
record error-404-country.json POST /store/customers/me/addresses \
  '{"address":{"first_name":"A","last_name":"B","address_1":"x","city":"y","country_code":"zz","postal_code":"1"}}' "$FTOKEN" 404
record error-500-reset.json POST /store/customers/password-reset \
  "{\"email\":\"$EMAIL\",\"password\":\"new-pass-123\",\"token\":\"garbage\"}" "" 500
record orders-400-limit.json GET '/store/customers/me/orders?limit=abc' "" "$TOKEN" 400
echo "recorded $(find "$OUT" -maxdepth 1 -type f ! -name '*.status' | wc -l) fixtures"
