#!/usr/bin/env bash
# Patron on a fresh Debian 12 machine, against a local demo Medusa store:
# installs what is missing, builds, starts the store (tests/medusa-store/ with
# its own run directory), launches Patron on it and stops the store when
# Patron quits. Sign in as buyer@example.com / buyer-pass-123.
set -euo pipefail

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

export MEDUSA_STORE_RUN_DIR="$BUILD/demo-store"
export API_ORDERS="${API_ORDERS:-6}" BULK_ORDERS="${BULK_ORDERS:-120}"
"$ROOT/tests/medusa-store/start.sh"
# shellcheck disable=SC1091
source "$MEDUSA_STORE_RUN_DIR/state.env"
trap '"$ROOT/tests/medusa-store/stop.sh"' EXIT
trap 'exit 130' INT TERM

echo
echo "Demo store (Medusa $MEDUSA_VERSION): $MEDUSA_URL"
echo "Sign in as $TEST_CUSTOMER_EMAIL / $TEST_CUSTOMER_PASSWORD"
echo "Password-reset emails land in $MEDUSA_OUTBOX_DIR"
echo

# The uninstalled build: its schema and the development profile's app id.
export GSETTINGS_SCHEMA_DIR="$BUILD/demo/data"
if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  "$BUILD/demo/src/patron" --store "$MEDUSA_URL" "$@"
else
  # No desktop session (a bare machine, ssh -X): a bus of its own, and a
  # file-backed keyring in the demo directory so "Keep Me Signed In" works.
  SECRET_BACKEND=file SECRET_FILE_TEST_PATH="$BUILD/demo-store/keyring" \
  SECRET_FILE_TEST_PASSWORD=patron-demo \
    dbus-run-session -- "$BUILD/demo/src/patron" --store "$MEDUSA_URL" "$@"
fi
