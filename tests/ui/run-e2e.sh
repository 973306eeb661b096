#!/bin/bash
# Runs an AT-SPI end-to-end test on the real Patron binary, in a private D-Bus
# session with its own accessibility bus, a throw-away HOME, settings on disk
# (keyfile) and libsecret's file backend as the keyring.
# Usage: run-e2e.sh PATRON_BIN DRIVER.py  (MEDUSA_URL, MEDUSA_OUTBOX_DIR set)
set -eu
export PATRON_BIN=$1 DRIVER=$2
[ -n "${MEDUSA_URL:-}" ] || { echo "MEDUSA_URL is not set" >&2; exit 1; }
export E2E_HOME=$(mktemp -d /tmp/patron-e2e.XXXXXX)

# A private X server of its own: the test owns its display from start to end.
Xvfb -displayfd 6 -screen 0 1280x800x24 -nolisten tcp 6>"$E2E_HOME/display" >"$E2E_HOME/xvfb.log" 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null; wait $XVFB_PID 2>/dev/null; rm -rf "$E2E_HOME"' EXIT
for _ in $(seq 100); do [ -s "$E2E_HOME/display" ] && break; sleep 0.05; done
[ -s "$E2E_HOME/display" ] || { echo "Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$(head -1 "$E2E_HOME/display")
for _ in $(seq 100); do [ -S "/tmp/.X11-unix/X${DISPLAY#:}" ] && break; sleep 0.05; done
unset XAUTHORITY WAYLAND_DISPLAY
export HOME=$E2E_HOME XDG_CONFIG_HOME=$E2E_HOME/config XDG_DATA_HOME=$E2E_HOME/data \
       XDG_CACHE_HOME=$E2E_HOME/cache XDG_RUNTIME_DIR=$E2E_HOME/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=keyfile
export SECRET_BACKEND=file SECRET_FILE_TEST_PATH=$E2E_HOME/data/keyrings/test.keyring \
       SECRET_FILE_TEST_PASSWORD=e2e-keyring-password
export G_MESSAGES_DEBUG=all
unset NO_AT_BRIDGE GTK_A11Y G_DEBUG
dbus-run-session -- bash -c 'dbus-update-activation-environment DISPLAY >/dev/null 2>&1; exec /usr/bin/python3 "$DRIVER"'
