#!/usr/bin/env bash
# Takes the screenshots in data/screenshots/ again from the real app: the
# sign-in page, the account and the orders in a 360 × 600 window (*-narrow)
# and at the default size in dark style (*-dark).
# Usage: build-aux/screenshots.sh [PATRON_BIN]   (default: _build/src/patron)
# Needs the test store running, its state sourced (see tests/medusa-store/;
# for a v2 store, E2E_MEDUSA_V2=1 with MEDUSA_V2_URL and its publishable key),
# and a build of the default profile (the development one stripes the header).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATRON="${1:-$ROOT/_build/src/patron}"
export SHOT_DIR="${SHOT_DIR:-$ROOT/data/screenshots}"
[[ -n "${MEDUSA_URL:-}" ]] || { echo "MEDUSA_URL is not set: start the test store" >&2; exit 1; }
# the build's own compiled schema, next to the binary's src/ (nothing installed)
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$(cd "$(dirname "$PATRON")/.." && pwd)/data}"

SHOT_SIZE=360x600 SHOT_SUFFIX=-narrow \
  "$ROOT/tests/ui/run-e2e.sh" "$PATRON" "$ROOT/tests/ui/screenshots.py"
SHOT_STYLE=dark SHOT_SUFFIX=-dark \
  "$ROOT/tests/ui/run-e2e.sh" "$PATRON" "$ROOT/tests/ui/screenshots.py"
