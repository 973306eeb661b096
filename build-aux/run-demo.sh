#!/usr/bin/env bash
# Patron on a fresh Debian 12 machine, against a local demo Medusa store:
# installs what is missing, builds, starts the store (tests/medusa-store/ with
# its own run directory), launches Patron on it and stops the store when
# Patron quits. Sign in as buyer@example.com / buyer-pass-123.
#
#   build-aux/run-demo.sh [--v2] [PATRON ARGUMENTS...]
#
# --v2: a Medusa v2 store instead (tests/medusa-store-v2/), which Patron opens
# through the store's link patron://store?url=…&key=… (address and publishable key).
set -euo pipefail

STORE_DIR=medusa-store
RUN_NAME=demo-store
if [[ "${1:-}" == --v2 ]]; then
  STORE_DIR=medusa-store-v2
  RUN_NAME=demo-store-v2
  shift
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${PATRON_BUILD_DIR:-$ROOT/_build}"

"$ROOT/build-aux/install-deps.sh"

if [[ -f "$BUILD/demo/build.ninja" ]]; then
  meson setup --reconfigure "$BUILD/demo" -Dprofile=development >/dev/null
else
  meson setup "$BUILD/demo" -Dprofile=development >/dev/null
fi
meson compile -C "$BUILD/demo"

export MEDUSA_STORE_RUN_DIR="$BUILD/$RUN_NAME"
export API_ORDERS="${API_ORDERS:-6}" BULK_ORDERS="${BULK_ORDERS:-120}"
"$ROOT/tests/$STORE_DIR/start.sh"
MEDUSA_PUBLISHABLE_KEY=
# shellcheck disable=SC1091
source "$MEDUSA_STORE_RUN_DIR/state.env"
trap '"$ROOT/tests/$STORE_DIR/stop.sh"' EXIT
trap 'exit 130' INT TERM

# where Patron goes: the store's address, or a v2 store's link with its key
open_store=(--store "$MEDUSA_URL")
echo
echo "Demo store (Medusa $MEDUSA_VERSION): $MEDUSA_URL"
if [[ -n "$MEDUSA_PUBLISHABLE_KEY" ]]; then
  link="patron://store?url=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$MEDUSA_URL")&key=$MEDUSA_PUBLISHABLE_KEY"
  open_store=("$link")
  echo "Publishable key: $MEDUSA_PUBLISHABLE_KEY"
  echo "Store link: $link"
fi
echo "Sign in as $TEST_CUSTOMER_EMAIL / $TEST_CUSTOMER_PASSWORD"
echo "Password-reset emails land in $MEDUSA_OUTBOX_DIR"
echo

# The uninstalled build: its schema and the development profile's app id.
export GSETTINGS_SCHEMA_DIR="$BUILD/demo/data"
if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  "$BUILD/demo/src/patron" "${open_store[@]}" "$@"
else
  # No desktop session (a bare machine, ssh -X): a bus of its own, and a
  # file-backed keyring in the demo directory so "Keep Me Signed In" works.
  SECRET_BACKEND=file SECRET_FILE_TEST_PATH="$MEDUSA_STORE_RUN_DIR/keyring" \
  SECRET_FILE_TEST_PASSWORD=patron-demo \
    dbus-run-session -- "$BUILD/demo/src/patron" "${open_store[@]}" "$@"
fi
