#!/usr/bin/env bash
# Records real answers of a running v2 test store (start.sh) into tests/fixtures/v2/
# (or the directory given as $1) for the parser tests: each body exactly as the
# server sent it, with its HTTP status on one line in NAME.status beside it.
# Orders are asked for with the fields the v2 dialect asks for (FULL_FIELDS and
# SUMMARY_FIELDS, read from src/medusa/medusa-dialect-v2.c when it has them).
# Honours MEDUSA_STORE_RUN_DIR like start.sh. Registers one fresh customer
# (fixture.<time>@example.com) with two addresses, deletes one of them, and asks for
# one password reset for it; changes nothing else.
set -euo pipefail
BASE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BASE/../.." && pwd)"
RUN="${MEDUSA_STORE_RUN_DIR:-$BASE/run}"
OUT="${1:-$ROOT/tests/fixtures/v2}"
# the store's state and node, record and json
# shellcheck source=tests/medusa-common/record-lib.sh
source "$BASE/../medusa-common/record-lib.sh"
KEY="$MEDUSA_PUBLISHABLE_KEY"
RECORD_HEADER="x-publishable-api-key: $KEY"

# the dialect's field lists: a #define of adjacent string literals
dialect_fields() {
  local file="$ROOT/src/medusa/medusa-dialect-v2.c"
  [[ -f "$file" ]] || return 0
  python3 - "$file" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"#define\s+" + sys.argv[2] + r"\s+((?:\"[^\"]*\"\s*\\?\s*)+)", text)
if m:
    print("".join(re.findall(r"\"([^\"]*)\"", m.group(1))))
PY
}
FULL_FIELDS="$(dialect_fields FULL_FIELDS)"
SUMMARY_FIELDS="$(dialect_fields SUMMARY_FIELDS)"
FULL_FIELDS="${FULL_FIELDS:-*items,+email,+item_subtotal,+shipping_subtotal,+tax_total,+discount_total,+credit_line_total,*shipping_address,*billing_address,*shipping_methods,*credit_lines,*payment_collections,*fulfillments}"
SUMMARY_FIELDS="${SUMMARY_FIELDS:-id,display_id,status,created_at,currency_code,total}"
enc() { node -p 'encodeURIComponent(process.argv[1])' "$1"; }

token_for() {
  curl -sS -f -X POST -H 'Content-Type: application/json' \
    --data-binary "{\"email\":\"$1\",\"password\":\"$2\"}" "$MEDUSA_URL/auth/customer/emailpass" | json d.token
}

echo "recording $MEDUSA_URL (medusa $MEDUSA_VERSION) into $OUT"
login="{\"email\":\"$TEST_CUSTOMER_EMAIL\",\"password\":\"$TEST_CUSTOMER_PASSWORD\"}"
record auth-token.json POST /auth/customer/emailpass "$login" "" 200 -
TOKEN=$(json d.token < "$OUT/auth-token.json")
record auth-probe-401.json POST /auth/customer/emailpass '{}' "" 401 -
record auth-refreshed.json POST /auth/token/refresh "" "$TOKEN" 200 -
record customer-me.json GET /store/customers/me "" "$TOKEN" 200
record regions.json GET /store/regions "" "" 200

# the buyer's newest orders, as the order list asks for them, and the special ones
list="/store/orders?limit=10&offset=0&order=-created_at"
record orders-page.json GET "$list&fields=$(enc "$FULL_FIELDS")" "" "$TOKEN" 200
record orders-summary-page.json GET "$list&fields=$(enc "$SUMMARY_FIELDS")" "" "$TOKEN" 200
record orders-default-page.json GET "/store/orders?limit=3&offset=0" "" "$TOKEN" 200
OTOKEN=$(token_for "$OTHER_CUSTOMER_EMAIL" "$OTHER_CUSTOMER_PASSWORD")
record orders-empty.json GET "$list&fields=$(enc "$SUMMARY_FIELDS")" "" "$OTOKEN" 200
one_order() { echo "/store/orders/$1?fields=$(enc "$FULL_FIELDS")"; }
for role in shipped refunded promotion jpy kwd eur canceled; do
  var="ORDER_${role^^}_ID"
  [[ -n "${!var:-}" ]] || { echo "record-fixtures: $var not in state.env" >&2; exit 1; }
  record "order-$role.json" GET "$(one_order "${!var}")" "" "$TOKEN" 200
done
record order-pending.json GET "$(one_order "$ORDER_PENDING_ID")" "" "$TOKEN" 200
record order-default-fields.json GET "/store/orders/$ORDER_SHIPPED_ID" "" "$TOKEN" 200

# a fresh customer: register, create, sign in, two addresses, one deleted
EMAIL="fixture.$(date +%s%N)@example.com"
register="{\"email\":\"$EMAIL\",\"password\":\"fixture-pass-1\"}"
record register-token.json POST /auth/customer/emailpass/register "$register" "" 200 -
RTOKEN=$(json d.token < "$OUT/register-token.json")
record customer-created.json POST /store/customers \
  "{\"email\":\"$EMAIL\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}" "$RTOKEN" 200
FTOKEN=$(token_for "$EMAIL" fixture-pass-1)
addr1='{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":"us","province":"IL","postal_code":"62701","is_default_shipping":true}'
record customer-with-address.json POST /store/customers/me/addresses "$addr1" "$FTOKEN" 200
addr2='{"first_name":"Ada","last_name":"Lovelace","company":"Engines Ltd","address_1":"2 Rue de Rivoli","address_2":"3e étage","city":"Paris","country_code":"fr","postal_code":"75001","phone":"+33 1 23 45 67 89","is_default_billing":true}'
record customer-with-addresses.json POST /store/customers/me/addresses "$addr2" "$FTOKEN" 200
record addresses.json GET /store/customers/me/addresses "" "$FTOKEN" 200
ADDRESS=$(json 'd.addresses.find(a => a.city === "Springfield").id' < "$OUT/addresses.json")
record customer-updated.json POST /store/customers/me '{"first_name":"Augusta Ada","phone":"+44 20 7946 0000"}' "$FTOKEN" 200
record address-deleted.json DELETE "/store/customers/me/addresses/$ADDRESS" "" "$FTOKEN" 200
record reset-created.txt POST /auth/customer/emailpass/reset-password "{\"identifier\":\"$EMAIL\"}" "" 201 -

# failures, as the real server words them
record error-400-not-allowed.json GET /store/customers/me "" "$TOKEN" 400 -
record error-400-bad-key.json GET /store/regions "" "" 400 "x-publishable-api-key: pk_not_a_key"
record error-401-unauthorized.json GET /store/customers/me "" "" 401
record error-401-wrong-password.json POST /auth/customer/emailpass \
  "{\"email\":\"$TEST_CUSTOMER_EMAIL\",\"password\":\"wrong\"}" "" 401 -
record error-401-identity-exists.json POST /auth/customer/emailpass/register "$login" "" 401 -
record error-401-invalid-token.json POST /auth/customer/emailpass/update '{"password":"new-pass-123"}' garbage.token.value 401 -
record error-422-duplicate.json POST /store/customers \
  "{\"email\":\"$EMAIL\",\"first_name\":\"A\",\"last_name\":\"B\"}" "$RTOKEN" 422
record error-400-invalid-data.json POST /store/customers/me "{\"email\":\"$EMAIL\"}" "$FTOKEN" 400
record error-400-invalid-type.json POST /store/customers/me '{"first_name":123}' "$FTOKEN" 400
record error-400-order-filter.json GET "/store/orders?q=shirt" "" "$TOKEN" 400
record error-400-limit.json GET "/store/orders?limit=abc" "" "$TOKEN" 400
record error-404-order.json GET /store/orders/order_does_not_exist "" "$TOKEN" 404
record error-404-address.json POST "/store/customers/me/addresses/$ADDRESS" '{"city":"Nowhere"}' "$FTOKEN" 404
record error-404-route.html GET /store/nothing-here "" "" 404
echo "recorded $(find "$OUT" -maxdepth 1 -type f ! -name '*.status' | wc -l) fixtures"
